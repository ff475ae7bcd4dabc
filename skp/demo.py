"""Demo SKP for the demo city (``manage.py seed_demo``): a year's SKP for every active pegawai, cascaded top-down.

The plan follows the rules the services enforce, so a demo SKP behaves like a real one when a persona opens it:

- Top-down by supervision depth: the Sekretaris Daerah first (SKP JPT, approved as ``skp_setujui_kepala_daerah``
  records it: by admin BKPSDM on behalf of the kepala daerah, who is no ASN and has no login), then the heads of OPD
  and the asisten (JPT, intervening the Sekda's RHK and citing their Renstra), then administrators, pengawas,
  pelaksana and fungsional (SKP JA/JF, every Utama RHK intervening an RHK of the atasan's SKP).
- Cascading (PermenPANRB 6/2022 Pasal 8): a pegawai gets an SKP only when the atasan of the SKP's first day — the
  one whose RHK ``skp.services`` lets it intervene — has an approved SKP; otherwise it is "belum dibuat".
- A realistic mix: most approved, some submitted, some drafts, a few returned with the atasan's catatan, some not
  made yet; a few use the kualitatif approach. Approved SKP carry the identity snapshot ``skp_setujui`` would
  write (:func:`skp.selectors.identitas` for the pegawai, the pejabat penilai in the position through which they
  rate on the approval day — "Plt." included — and the atasan pejabat penilai), and every SKP its history rows.
- The demo personas get useful states: the pegawai an approved SKP (so the daily report page, the one every ASN
  opens each day, has RHK and a month of activities to show), the atasan an approved SKP and a queue of submitted
  and returned ones from the other bawahan, the Plt a queue in the position they act in.

Supervision is replayed in memory from a handful of queries (the rules of ``pegawai.selectors.atasan_langsung``
and ``skp.selectors.posisi_pengawas``), and rows go in with ``bulk_create`` one supervision level at a time, so
20,000 pegawai take seconds, not one query per person. Deterministic: the same city and ``seed`` give the same SKP.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.utils import timezone

from pegawai.choices import JenisJabatan, JenisPenugasan, JenisPeran
from pegawai.models import Jabatan, Pegawai, Penugasan, User

from .choices import (
    AcuanRhkJpt,
    AksiSkp,
    Aspek,
    FormatSkp,
    JenisLampiran,
    JenisRhk,
    Pendekatan,
    Perspektif,
    SkpStatus,
    StatusRekap,
)
from .models import EkspektasiKhusus, IndikatorKinerjaIndividu, LampiranItem, PerilakuKerja, RencanaHasilKerja, Skp
from .models import SkpRiwayat as Riwayat
from .rules import format_dari_jenis_jabatan, tanggal_acuan
from .selectors import identitas, identitas_kepala_daerah
from .services import _nama_atas_nama

BATCH = 5000
BELUM = StatusRekap.BELUM_DIBUAT.value

# Status mix per kind of position, given the atasan's SKP is approved: (status, weight). Leaders plan earlier and
# more completely than staff, so the cascade does not thin out too fast.
CAMPURAN = {
    JenisJabatan.JPT: ((SkpStatus.DISETUJUI, 99), (SkpStatus.DIAJUKAN, 1)),
    JenisJabatan.ADMINISTRATOR: (
        (SkpStatus.DISETUJUI, 97),
        (SkpStatus.DIAJUKAN, 1),
        (SkpStatus.DRAFT, 1),
        (SkpStatus.DIKEMBALIKAN, 1),
    ),
    JenisJabatan.PENGAWAS: (
        (SkpStatus.DISETUJUI, 96),
        (SkpStatus.DIAJUKAN, 2),
        (SkpStatus.DRAFT, 1),
        (SkpStatus.DIKEMBALIKAN, 1),
    ),
    "staf": (
        (SkpStatus.DISETUJUI, 80),
        (SkpStatus.DIAJUKAN, 8),
        (SkpStatus.DRAFT, 5),
        (SkpStatus.DIKEMBALIKAN, 3),
        (BELUM, 4),
    ),
}
PELUANG_KUALITATIF = 0.08
PELUANG_TAMBAHAN = 0.35
PELUANG_EKSPEKTASI = 0.5
SEBUTAN = {JenisPenugasan.PLT: "Plt.", JenisPenugasan.PLH: "Plh."}

# ---------------------------------------------------------------------------------------------------------------
# Texts. RHK are results ("Meningkatnya…", "Tersedianya…"), IKI measure them; {unit} is the pegawai's unit.
# A JA/JF template: (RHK, output counted, satuan, target range, kualitas indicator).
# ---------------------------------------------------------------------------------------------------------------

SEKDA_RHK = (
    (
        "Meningkatnya kualitas tata kelola pemerintahan daerah",
        Perspektif.PENGUATAN_INTERNAL,
        (
            ("Nilai evaluasi SAKIP Pemerintah Daerah", (78, 82), "nilai"),
            ("Indeks Reformasi Birokrasi", (72, 78), "nilai"),
        ),
    ),
    (
        "Meningkatnya kualitas pelayanan publik",
        Perspektif.PENERIMA_LAYANAN,
        (("Indeks kepuasan masyarakat atas pelayanan publik", (82, 88), "indeks"),),
    ),
    (
        "Meningkatnya efektivitas koordinasi penyelenggaraan pemerintahan daerah",
        Perspektif.PROSES_BISNIS,
        (("Persentase rekomendasi kebijakan yang ditindaklanjuti perangkat daerah", (85, 95), "%"),),
    ),
    (
        "Terwujudnya pengelolaan keuangan daerah yang akuntabel",
        Perspektif.ANGGARAN,
        (("Persentase rekomendasi hasil pemeriksaan BPK yang ditindaklanjuti", (90, 100), "%"),),
    ),
)
JPT_RHK = (
    (
        "Meningkatnya kualitas penyelenggaraan urusan {urusan}",
        Perspektif.PENERIMA_LAYANAN,
        (
            ("Indeks kepuasan masyarakat atas layanan {singkatan}", (80, 88), "indeks"),
            ("Persentase capaian sasaran strategis Renstra {singkatan}", (90, 100), "%"),
        ),
    ),
    (
        "Meningkatnya efektivitas proses bisnis dan pelayanan {singkatan}",
        Perspektif.PROSES_BISNIS,
        (("Persentase layanan yang diselesaikan sesuai standar pelayanan", (90, 100), "%"),),
    ),
    (
        "Meningkatnya akuntabilitas kinerja dan keuangan {singkatan}",
        Perspektif.ANGGARAN,
        (("Nilai SAKIP perangkat daerah", (70, 82), "nilai"), ("Persentase realisasi anggaran", (90, 98), "%")),
    ),
    (
        "Meningkatnya kapasitas sumber daya aparatur {singkatan}",
        Perspektif.PENGUATAN_INTERNAL,
        (("Indeks profesionalitas ASN perangkat daerah", (70, 85), "indeks"),),
    ),
)
ADMINISTRATOR_RHK = (
    (
        "Terlaksananya program dan kegiatan {unit} sesuai rencana kerja",
        "laporan capaian program",
        "laporan",
        (4, 12),
        "Persentase capaian target program {unit}",
    ),
    (
        "Meningkatnya kualitas layanan yang diselenggarakan {unit}",
        "jenis layanan yang memenuhi standar pelayanan",
        "layanan",
        (4, 12),
        "Persentase layanan {unit} yang diselesaikan sesuai standar",
    ),
    (
        "Tersusunnya dokumen perencanaan dan evaluasi kinerja {unit}",
        "dokumen perencanaan dan evaluasi",
        "dokumen",
        (3, 6),
        "Persentase dokumen yang diterima pimpinan tanpa revisi",
    ),
    (
        "Terkendalinya pelaksanaan anggaran kegiatan {unit}",
        "laporan realisasi anggaran",
        "laporan",
        (12, 12),
        "Persentase realisasi anggaran {unit}",
    ),
)
PENGAWAS_RHK = (
    (
        "Terlaksananya kegiatan {unit} sesuai rencana kerja",
        "laporan pelaksanaan kegiatan",
        "laporan",
        (4, 12),
        "Persentase kegiatan yang terlaksana sesuai jadwal",
    ),
    (
        "Tersedianya data dan informasi {unit} yang akurat dan mutakhir",
        "dokumen data dan informasi",
        "dokumen",
        (4, 12),
        "Persentase data yang dimutakhirkan tepat waktu",
    ),
    (
        "Meningkatnya kualitas pelayanan teknis pada {unit}",
        "permohonan layanan yang diselesaikan",
        "permohonan",
        (60, 300),
        "Persentase permohonan yang diselesaikan sesuai standar waktu",
    ),
    (
        "Terselesaikannya tindak lanjut pengaduan masyarakat pada {unit}",
        "pengaduan yang ditindaklanjuti",
        "pengaduan",
        (10, 60),
        "Persentase pengaduan yang selesai ditindaklanjuti",
    ),
)
PELAKSANA_RHK = (
    (
        "Terlaksananya pengelolaan administrasi persuratan dan kearsipan {unit}",
        "naskah dinas yang diproses",
        "naskah",
        (120, 600),
        "Persentase naskah dinas yang diproses tanpa kesalahan",
    ),
    (
        "Tersedianya bahan dan data dukung kegiatan {unit}",
        "bahan dan data dukung yang disiapkan",
        "dokumen",
        (12, 48),
        "Persentase bahan yang diterima atasan tanpa perbaikan",
    ),
    (
        "Terlaksananya pelayanan operasional kepada masyarakat pada {unit}",
        "layanan yang diberikan",
        "layanan",
        (200, 1200),
        "Persentase layanan yang diberikan sesuai standar operasional prosedur",
    ),
    (
        "Tersusunnya laporan pelaksanaan kegiatan {unit}",
        "laporan kegiatan",
        "laporan",
        (12, 24),
        "Persentase laporan yang disampaikan lengkap",
    ),
    (
        "Terkelolanya barang milik daerah dan persediaan {unit}",
        "laporan inventarisasi barang",
        "laporan",
        (4, 12),
        "Persentase barang yang tercatat sesuai kondisi",
    ),
)
GURU_RHK = (
    (
        "Terlaksananya pembelajaran yang berkualitas di {unit}",
        "perangkat pembelajaran yang disusun",
        "dokumen",
        (20, 40),
        "Persentase peserta didik yang mencapai kriteria ketercapaian tujuan pembelajaran",
    ),
    (
        "Terlaksananya asesmen dan pelaporan hasil belajar peserta didik di {unit}",
        "laporan hasil belajar",
        "laporan",
        (2, 4),
        "Persentase rapor yang diselesaikan sesuai kalender pendidikan",
    ),
    (
        "Terlaksananya pembinaan karakter dan kegiatan kokurikuler di {unit}",
        "kegiatan pembinaan",
        "kegiatan",
        (8, 24),
        "Persentase peserta didik yang mengikuti kegiatan pembinaan",
    ),
)
KESEHATAN_RHK = (
    (
        "Terlaksananya pelayanan kesehatan kepada masyarakat di {unit}",
        "pasien yang dilayani",
        "pasien",
        (400, 2400),
        "Persentase pelayanan yang sesuai standar pelayanan minimal",
    ),
    (
        "Terlaksananya upaya kesehatan masyarakat di wilayah kerja {unit}",
        "kegiatan upaya kesehatan masyarakat",
        "kegiatan",
        (24, 96),
        "Persentase sasaran program yang terjangkau",
    ),
    (
        "Tersedianya pencatatan dan pelaporan pelayanan kesehatan {unit}",
        "laporan pelayanan kesehatan",
        "laporan",
        (12, 12),
        "Persentase laporan yang lengkap dan valid",
    ),
)
FUNGSIONAL_RHK = (
    (
        "Tersusunnya hasil kerja {jabatan} yang mendukung {unit}",
        "hasil kerja jabatan fungsional",
        "dokumen",
        (6, 24),
        "Persentase hasil kerja yang diterima pimpinan tanpa revisi",
    ),
    (
        "Terlaksananya kegiatan teknis {jabatan} sesuai standar kompetensi",
        "kegiatan teknis yang diselesaikan",
        "kegiatan",
        (12, 48),
        "Persentase kegiatan yang memenuhi standar kualitas",
    ),
    (
        "Tersedianya rekomendasi dan kajian teknis bagi {unit}",
        "rekomendasi dan kajian",
        "dokumen",
        (2, 8),
        "Persentase rekomendasi yang ditindaklanjuti",
    ),
)
KATA_KESEHATAN = ("Perawat", "Bidan", "Dokter", "Nutrisionis", "Sanitarian", "Apoteker", "Pranata Laboratorium")
KATA_KESEHATAN += ("Epidemiolog", "Penyuluh Kesehatan", "Administrator Kesehatan", "Tenaga Sanitasi", "Terapis")

TAMBAHAN = (
    ("Menjadi anggota tim penyusun laporan kinerja perangkat daerah", "Jumlah laporan tim yang diselesaikan", 4),
    ("Melaksanakan tugas sebagai pengelola data kepegawaian unit kerja", "Jumlah pemutakhiran data kepegawaian", 12),
    ("Menjadi narasumber kegiatan peningkatan kompetensi pegawai", "Jumlah kegiatan sebagai narasumber", 2),
    ("Menjadi anggota tim pengadaan barang dan jasa", "Jumlah paket pengadaan yang didampingi", 3),
    (
        "Melaksanakan tugas sebagai pejabat pengelola informasi dan dokumentasi pembantu",
        "Jumlah permohonan informasi yang dilayani",
        10,
    ),
    ("Menjadi anggota tim pembangunan zona integritas", "Jumlah kegiatan tim yang diikuti", 6),
)
SATUAN_TAMBAHAN = "kegiatan"

LAMPIRAN = {
    JenisLampiran.DUKUNGAN_SUMBER_DAYA: (
        "Anggaran kegiatan {unit} tahun {tahun}",
        "Sarana komputer, printer, dan jaringan internet kantor",
        "Data dan informasi dari unit kerja terkait",
        "Aplikasi e-Kinerja dan aplikasi layanan perangkat daerah",
        "Dukungan tenaga pelaksana pada {unit}",
    ),
    JenisLampiran.SKEMA_PERTANGGUNGJAWABAN: (
        "Laporan capaian kinerja bulanan kepada atasan langsung",
        "Laporan kinerja triwulanan melalui aplikasi e-Kinerja",
        "Dokumentasi dan bukti dukung setiap hasil kerja",
    ),
    JenisLampiran.KONSEKUENSI: (
        "Penilaian kinerja sesuai capaian target yang disepakati",
        "Pembinaan oleh atasan langsung bila target tidak tercapai",
        "Usulan penghargaan bila kinerja melampaui target",
    ),
}
EKSPEKTASI = {
    "berorientasi-pelayanan": "Menanggapi setiap permohonan layanan paling lama satu hari kerja",
    "akuntabel": "Menyampaikan laporan kegiatan tepat waktu setiap bulan beserta bukti dukungnya",
    "kompeten": "Mengikuti pengembangan kompetensi paling sedikit 20 jam pelajaran dalam setahun",
    "harmonis": "Menjaga suasana kerja yang saling menghargai di dalam tim",
    "loyal": "Menjaga kerahasiaan data pribadi masyarakat yang dilayani",
    "adaptif": "Memanfaatkan aplikasi SRIKANDI dan e-Kinerja dalam pekerjaan sehari-hari",
    "kolaboratif": "Aktif berkoordinasi dengan unit kerja lain dalam penyelesaian pekerjaan",
}
CATATAN_KEMBALI = (
    "Target kuantitas belum sesuai rencana kerja unit; sesuaikan dengan target seksi tahun ini.",
    "RHK nomor 2 masih berupa kegiatan, belum hasil kerja. Mohon dirumuskan ulang.",
    "Lengkapi lampiran dukungan sumber daya dan skema pertanggungjawaban.",
    "Indikator kualitas belum terukur; tambahkan satuan yang jelas.",
)


def _urusan(opd_nama: str) -> str:
    khusus = {
        "Inspektorat": "pengawasan internal pemerintah daerah",
        "Satuan Polisi Pamong Praja": "ketenteraman dan ketertiban umum",
        "Sekretariat DPRD": "fasilitasi penyelenggaraan tugas DPRD",
        "Sekretariat Daerah": "koordinasi penyelenggaraan pemerintahan daerah",
    }
    if opd_nama in khusus:
        return khusus[opd_nama]
    if opd_nama.startswith("Kecamatan "):
        return f"pemerintahan dan pelayanan kewilayahan di {opd_nama}"
    return opd_nama.removeprefix("Dinas ").removeprefix("Badan ").lower()


def _kecil_awal(teks: str) -> str:
    return teks[:1].lower() + teks[1:]


# ---------------------------------------------------------------------------------------------------------------
# The organisation, in memory
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Tugas:
    pegawai: int
    jabatan: int
    jenis: str
    mulai: datetime.date
    selesai: datetime.date

    def berlaku(self, on: datetime.date) -> bool:
        return self.mulai <= on <= self.selesai


class Organisasi:
    """Positions, holders and Plt/Plh read once; answers who supervises whom on a day, by the same rules as
    ``pegawai.selectors.atasan_langsung`` and ``skp.selectors.posisi_pengawas`` / ``atasan_dari_jabatan``."""

    def __init__(self):
        self.jabatan: dict[int, Jabatan] = {
            j.pk: j for j in Jabatan.objects.select_related("unit_kerja__perangkat_daerah").order_by("pk")
        }
        self.pegawai: dict[int, Pegawai] = {
            p.pk: p
            for p in Pegawai.objects.only(
                "pk",
                "nip",
                "nama",
                "gelar_depan",
                "gelar_belakang",
                "golongan",
                "jabatan_id",
                "aktif",
                "atasan_override_id",
                "tmt_cpns",
                "user_id",
            ).order_by("pk")
        }
        self.pemegang: dict[int, list[int]] = {}
        for p in self.pegawai.values():  # in pk order: the first holder is the lowest pk, as in the selector
            if p.aktif:
                self.pemegang.setdefault(p.jabatan_id, []).append(p.pk)
        self.tugas_jabatan: dict[int, list[_Tugas]] = {}
        self.tugas_pegawai: dict[int, list[_Tugas]] = {}
        for row in Penugasan.objects.order_by("tanggal_mulai", "pk").values_list(
            "pegawai_id", "jabatan_id", "jenis", "tanggal_mulai", "tanggal_selesai"
        ):
            tugas = _Tugas(*row)
            self.tugas_jabatan.setdefault(tugas.jabatan, []).append(tugas)
            self.tugas_pegawai.setdefault(tugas.pegawai, []).append(tugas)

    def _naik(self, pk: int, jabatan_id: int, on: datetime.date) -> int | None:
        """The nearest occupied position above ``jabatan_id``: its definitive holder, else its Plt/Plh."""
        seen: set[int] = set()
        parent = self.jabatan[jabatan_id].parent_id
        while parent and parent not in seen:
            seen.add(parent)
            for holder in self.pemegang.get(parent, ()):
                if holder != pk:
                    return holder
            for tugas in self.tugas_jabatan.get(parent, ()):
                if tugas.berlaku(on) and tugas.pegawai != pk:
                    return tugas.pegawai
            parent = self.jabatan[parent].parent_id
        return None

    def atasan(self, pk: int, on: datetime.date) -> int | None:
        pegawai = self.pegawai[pk]
        override = self.pegawai.get(pegawai.atasan_override_id) if pegawai.atasan_override_id else None
        if override is not None and override.aktif:
            return override.pk
        return self._naik(pk, pegawai.jabatan_id, on)

    def posisi(self, atasan: int, jabatan_bawahan: int, on: datetime.date) -> tuple[int, str]:
        """The position through which ``atasan`` supervises ``jabatan_bawahan`` and its title prefix."""
        own = self.pegawai[atasan].jabatan_id
        seen: set[int] = set()
        parent = self.jabatan[jabatan_bawahan].parent_id
        while parent and parent not in seen:
            seen.add(parent)
            if parent == own:
                return own, ""
            for tugas in self.tugas_pegawai.get(atasan, ()):
                if tugas.jabatan == parent and tugas.berlaku(on):
                    return parent, SEBUTAN.get(tugas.jenis, "")
            parent = self.jabatan[parent].parent_id
        return own, ""

    def atasan_dari_jabatan(self, pk: int, jabatan_id: int, on: datetime.date) -> int | None:
        if jabatan_id == self.pegawai[pk].jabatan_id:
            return self.atasan(pk, on)
        return self._naik(pk, jabatan_id, on)

    def identitas(self, pk: int, jabatan_id: int, sebutan: str = "") -> dict:
        return identitas(self.pegawai[pk], self.jabatan[jabatan_id], sebutan)


# ---------------------------------------------------------------------------------------------------------------
# Planning
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class _Rhk:
    obj: RencanaHasilKerja
    iki: list[IndikatorKinerjaIndividu]


@dataclass
class _Rencana:
    pegawai: int
    kedalaman: int
    skp: Skp
    rhk: list[_Rhk] = field(default_factory=list)
    lampiran: list[LampiranItem] = field(default_factory=list)
    ekspektasi: list[EkspektasiKhusus] = field(default_factory=list)
    riwayat: list[Riwayat] = field(default_factory=list)

    @property
    def utama(self) -> list[RencanaHasilKerja]:
        return [r.obj for r in self.rhk if r.obj.jenis == JenisRhk.UTAMA]


@dataclass
class HasilDemoSkp:
    tahun: int
    status: Counter
    skp: int = 0
    rhk: int = 0
    iki: int = 0

    def ringkas(self) -> str:
        def angka(n: int) -> str:
            return f"{n:,}".replace(",", ".")

        urut = [s.value for s in StatusRekap if s.value != BELUM] + [BELUM]
        bagian = ", ".join(f"{angka(self.status[s])} {StatusRekap(s).label.lower()}" for s in urut if self.status[s])
        return f"SKP {self.tahun}: {angka(self.skp)} SKP ({bagian}); {angka(self.rhk)} RHK, {angka(self.iki)} IKI"


class _Perencana:
    def __init__(self, org: Organisasi, tahun: int, seed: int, hari_ini: datetime.date, personas: dict[str, int]):
        self.org = org
        self.tahun = tahun
        self.rng = random.Random(f"skp-demo-{seed}-{tahun}")
        self.hari_ini = hari_ini
        self.personas = personas
        self.perilaku = list(PerilakuKerja.objects.order_by("urutan"))
        self.rencana: dict[int, _Rencana] = {}
        self.status: Counter = Counter()
        awal = timezone.make_aware(datetime.datetime(tahun, 1, 2, 8, 0))
        self.sekarang = timezone.now()
        # The whole cascade happens over a few weeks that must lie in the past (3 days per supervision level).
        self.awal = min(awal, self.sekarang - datetime.timedelta(days=45))
        admin = User.objects.filter(peran__jenis=JenisPeran.ADMIN_BKPSDM).order_by("pk").first()
        # How the history names admin BKPSDM acting for the kepala daerah (services.skp_setujui_kepala_daerah).
        self.atas_nama = _nama_atas_nama(admin)[1] if admin else str(settings.KEPALA_DAERAH_JABATAN)

    # --- who and in which order --------------------------------------------------------------------------

    def _mulai(self, pegawai: Pegawai) -> datetime.date:
        # A CPNS/PPPK appointed during the year plans from the first day of service.
        awal = datetime.date(self.tahun, 1, 1)
        return pegawai.tmt_cpns if awal < pegawai.tmt_cpns <= datetime.date(self.tahun, 12, 31) else awal

    def urutan(self) -> list[tuple[int, int, int | None]]:
        """(depth, pegawai, atasan on the SKP's first day) for every active pegawai, top-down."""
        org = self.org
        atasan = {pk: org.atasan(pk, self._mulai(p)) for pk, p in org.pegawai.items() if p.aktif}
        depth: dict[int, int] = {}
        for start in atasan:
            chain: list[int] = []
            node: int | None = start
            # Up to someone already placed, to the top (no atasan, or an atasan who is not active), or to a loop
            # of explicit overrides (then the loop's first member counts as a top: nobody in it gets an SKP).
            while node is not None and node not in depth and node in atasan and node not in chain:
                chain.append(node)
                node = atasan[node]
            level = depth[node] if node is not None and node in depth else -1
            for pk in reversed(chain):
                level += 1
                depth[pk] = level
        return sorted((depth[pk], pk, atasan[pk]) for pk in atasan)

    # --- status --------------------------------------------------------------------------------------------

    def _status(self, pk: int, jenis: str, bawahan: int, paksa: dict[int, str]) -> str:
        if pk in paksa:
            return paksa[pk]
        # Whoever rates others (a kepala sekolah is a guru with an additional task) plans like a pengawas, and one
        # whom ten or more bawahan wait for plans as early as a JPT.
        if bawahan >= 10:
            jenis = JenisJabatan.JPT
        elif jenis not in CAMPURAN and bawahan:
            jenis = JenisJabatan.PENGAWAS
        campuran = CAMPURAN.get(jenis, CAMPURAN["staf"])
        return self.rng.choices([s for s, _w in campuran], weights=[w for _s, w in campuran])[0]

    def _dipaksa(self, urutan: list[tuple[int, int, int | None]]) -> dict[int, str]:
        """Statuses the demo personas need: their chain and the pegawai approved, queues for the atasan and the
        Plt."""
        paksa: dict[int, str] = {}
        for nama in ("pimpinan", "kepala_opd", "atasan_atasan", "atasan", "plt", "pegawai"):
            if nama in self.personas:
                paksa[self.personas[nama]] = SkpStatus.DISETUJUI
        antrian = (SkpStatus.DIAJUKAN, SkpStatus.DIAJUKAN, SkpStatus.DIKEMBALIKAN, SkpStatus.DRAFT)
        on = tanggal_acuan(datetime.date(self.tahun, 1, 1), datetime.date(self.tahun, 12, 31), self.hari_ini)
        for nama in ("atasan", "plt"):
            if nama not in self.personas:
                continue
            penilai = self.personas[nama]
            bawahan = [pk for _d, pk, _a in urutan if pk not in paksa and self.org.atasan(pk, on) == penilai]
            for pk, status in zip(bawahan, antrian, strict=False):
                paksa[pk] = status
        return paksa

    # --- content -------------------------------------------------------------------------------------------

    def _unit(self, jabatan: Jabatan) -> str:
        unit = jabatan.unit_kerja
        opd = unit.perangkat_daerah
        if unit.nama == opd.nama:
            return opd.nama
        if unit.nama.startswith("Sekretariat") or unit.nama.startswith("Subbagian"):
            return f"{unit.nama} {opd.singkatan or opd.nama}"
        return unit.nama

    def _angka(self, rentang: tuple[int, int]) -> Decimal:
        return Decimal(self.rng.randint(*rentang))

    def _rhk_jpt(self, rencana: _Rencana, jabatan: Jabatan, atasan: _Rencana | None, sekda: bool) -> None:
        rng = self.rng
        opd = jabatan.unit_kerja.perangkat_daerah
        konteks = {"urusan": _urusan(opd.nama), "singkatan": opd.singkatan or opd.nama}
        if sekda:
            pilihan = list(SEKDA_RHK)
            acuan_jenis, acuan = AcuanRhkJpt.PERJANJIAN_KINERJA, f"Sekretaris Daerah Tahun {self.tahun}, sasaran"
        else:
            pilihan = rng.sample(JPT_RHK, rng.randint(2, 4))
            acuan_jenis = AcuanRhkJpt.RENSTRA
            acuan = f"{konteks['singkatan']} 2025–2029, sasaran strategis"
        target = atasan.utama if atasan else []
        for urutan, (teks, perspektif, iki) in enumerate(pilihan, start=1):
            rhk = RencanaHasilKerja(
                skp=rencana.skp,
                jenis=JenisRhk.UTAMA,
                teks=teks.format(**konteks),
                perspektif=perspektif,
                acuan_jenis=acuan_jenis,
                acuan=f"{acuan} {urutan}",
                intervensi=target[(urutan - 1) % len(target)] if target else None,
                urutan=urutan,
            )
            daftar = [
                IndikatorKinerjaIndividu(
                    rhk=rhk, teks=t.format(**konteks), target_min=self._angka(r), satuan=s, urutan=i
                )
                for i, (t, r, s) in enumerate(iki, start=1)
            ]
            rencana.rhk.append(_Rhk(rhk, daftar))

    def _templat(self, jabatan: Jabatan) -> tuple:
        if jabatan.jenis == JenisJabatan.ADMINISTRATOR:
            return ADMINISTRATOR_RHK
        if jabatan.jenis == JenisJabatan.PENGAWAS:
            return PENGAWAS_RHK
        if jabatan.jenis == JenisJabatan.FUNGSIONAL:
            if jabatan.nama.startswith(("Guru", "Kepala S")):
                return GURU_RHK
            if jabatan.nama.startswith(KATA_KESEHATAN):
                return KESEHATAN_RHK
            return FUNGSIONAL_RHK
        return PELAKSANA_RHK

    def _rhk_ja_jf(self, rencana: _Rencana, jabatan: Jabatan, atasan: _Rencana, kualitatif: bool) -> None:
        rng = self.rng
        templat = self._templat(jabatan)
        konteks = {"unit": self._unit(jabatan), "jabatan": _kecil_awal(jabatan.nama)}
        target = atasan.utama or [r.obj for r in atasan.rhk]
        mulai = rng.randrange(len(target))
        for urutan, (teks, keluaran, satuan, rentang, kualitas) in enumerate(
            rng.sample(templat, min(len(templat), rng.randint(2, 4))), start=1
        ):
            rhk = RencanaHasilKerja(
                skp=rencana.skp,
                jenis=JenisRhk.UTAMA,
                teks=teks.format(**konteks),
                intervensi=target[(mulai + urutan) % len(target)],
                urutan=urutan,
            )
            kualitas = kualitas.format(**konteks)
            if kualitatif:
                iki = [
                    IndikatorKinerjaIndividu(
                        rhk=rhk,
                        teks=f"{keluaran[:1].upper()}{keluaran[1:]} diselesaikan dan diterima pimpinan",
                        ukuran_keberhasilan=(
                            f"Disusun lengkap sesuai ketentuan, berdasarkan data yang sahih, dan dilaporkan kepada "
                            f"atasan paling lambat tanggal 10 bulan berikutnya; {_kecil_awal(kualitas)} paling "
                            f"sedikit {rng.choice((85, 90, 95))}%"
                        ),
                        urutan=1,
                    )
                ]
            else:
                iki = [
                    IndikatorKinerjaIndividu(
                        rhk=rhk,
                        teks=f"Jumlah {keluaran}",
                        aspek=Aspek.KUANTITAS,
                        target_min=self._angka(rentang),
                        satuan=satuan,
                        urutan=1,
                    ),
                    IndikatorKinerjaIndividu(
                        rhk=rhk,
                        teks=kualitas,
                        aspek=Aspek.KUALITAS,
                        target_min=Decimal(rng.choice((80, 85, 90, 95, 100))),
                        satuan="%",
                        urutan=2,
                    ),
                ]
                if rng.random() < 0.7:
                    iki.append(
                        IndikatorKinerjaIndividu(
                            rhk=rhk,
                            teks=f"Ketepatan waktu penyelesaian {keluaran}",
                            aspek=Aspek.WAKTU,
                            target_min=Decimal(12),
                            satuan="bulan",
                            urutan=3,
                        )
                    )
            rencana.rhk.append(_Rhk(rhk, iki))

    def _tambahan(self, rencana: _Rencana, jpt: bool) -> None:
        teks, indikator, target = self.rng.choice(TAMBAHAN)
        rhk = RencanaHasilKerja(
            skp=rencana.skp,
            jenis=JenisRhk.TAMBAHAN,
            teks=teks,
            perspektif=Perspektif.PROSES_BISNIS if jpt else "",
            urutan=1,
        )
        kualitatif = rencana.skp.pendekatan == Pendekatan.KUALITATIF
        iki = IndikatorKinerjaIndividu(
            rhk=rhk,
            teks=indikator,
            aspek="" if jpt or kualitatif else Aspek.KUANTITAS,
            target_min=None if kualitatif else Decimal(target),
            satuan="" if kualitatif else SATUAN_TAMBAHAN,
            ukuran_keberhasilan=f"{indikator} paling sedikit {target} kali dengan laporan hasilnya"
            if kualitatif
            else "",
            urutan=1,
        )
        rencana.rhk.append(_Rhk(rhk, [iki]))

    def _lampiran(self, rencana: _Rencana, jabatan: Jabatan) -> None:
        konteks = {"unit": self._unit(jabatan), "tahun": self.tahun}
        for jenis, pilihan in LAMPIRAN.items():
            for urutan, teks in enumerate(self.rng.sample(pilihan, self.rng.randint(1, 2)), start=1):
                rencana.lampiran.append(
                    LampiranItem(skp=rencana.skp, jenis=jenis, teks=teks.format(**konteks), urutan=urutan)
                )

    def _ekspektasi(self, rencana: _Rencana) -> None:
        if self.rng.random() >= PELUANG_EKSPEKTASI:
            return
        for perilaku in self.rng.sample(self.perilaku, self.rng.randint(1, 3)):
            teks = EKSPEKTASI.get(perilaku.kode)
            if teks:
                rencana.ekspektasi.append(EkspektasiKhusus(skp=rencana.skp, perilaku=perilaku, teks=teks))

    # --- history and approval ------------------------------------------------------------------------------

    def _waktu(self, kedalaman: int, hari: float) -> datetime.datetime:
        jam = self.rng.randint(0, 9 * 60)
        waktu = self.awal + datetime.timedelta(days=3 * kedalaman + hari, minutes=jam)
        return min(waktu, self.sekarang)

    def _riwayat(self, rencana: _Rencana, aksi, dari, ke, actor: int | None, waktu, catatan: str = "", nama=""):
        pegawai = self.org.pegawai.get(actor) if actor else None
        rencana.riwayat.append(
            Riwayat(
                skp=rencana.skp,
                aksi=aksi,
                dari_status=dari,
                ke_status=ke,
                actor_id=actor,
                actor_nama=pegawai.nama_lengkap if pegawai else nama,
                catatan=catatan,
                waktu=waktu,
            )
        )

    def _alur(self, rencana: _Rencana, status: str, penilai: int | None, jabatan: Jabatan, on) -> None:
        """The workflow rows and fields of ``status`` as the services would have written them."""
        skp, pk, k = rencana.skp, rencana.pegawai, rencana.kedalaman
        skp.dibuat_pada = self._waktu(k, 0)
        self._riwayat(rencana, AksiSkp.DIBUAT, "", SkpStatus.DRAFT, pk, skp.dibuat_pada)
        if status == SkpStatus.DRAFT:
            return
        skp.diajukan_pada = self._waktu(k, 1)
        self._riwayat(rencana, AksiSkp.DIAJUKAN, SkpStatus.DRAFT, SkpStatus.DIAJUKAN, pk, skp.diajukan_pada)
        if status == SkpStatus.DIAJUKAN:
            return
        waktu = self._waktu(k, 2)
        if status == SkpStatus.DIKEMBALIKAN:
            catatan = self.rng.choice(CATATAN_KEMBALI)
            self._riwayat(
                rencana, AksiSkp.DIKEMBALIKAN, SkpStatus.DIAJUKAN, SkpStatus.DIKEMBALIKAN, penilai, waktu, catatan
            )
            return
        # skp_setujui: freeze the pegawai, the pejabat penilai in the position through which they rate, and the
        # atasan pejabat penilai (selectors.identitas_hidup, replayed on the in-memory organisation).
        org = self.org
        skp.disetujui_pada = waktu
        skp.identitas_pegawai = org.identitas(pk, jabatan.pk)
        if penilai is None:
            # The top JPT (the Sekda): skp_setujui_kepala_daerah, recorded by admin BKPSDM a.n. the kepala daerah.
            skp.identitas_penilai = identitas_kepala_daerah()
            self._riwayat(
                rencana, AksiSkp.DISETUJUI, SkpStatus.DIAJUKAN, SkpStatus.DISETUJUI, None, waktu, nama=self.atas_nama
            )
            return
        jabatan_penilai, sebutan = org.posisi(penilai, jabatan.pk, on)
        skp.pejabat_penilai_id = penilai
        skp.identitas_penilai = org.identitas(penilai, jabatan_penilai, sebutan)
        atasan_penilai = org.atasan_dari_jabatan(penilai, jabatan_penilai, on)
        if atasan_penilai is not None:
            jabatan_atasan, sebutan_atasan = org.posisi(atasan_penilai, jabatan_penilai, on)
            skp.atasan_pejabat_penilai_id = atasan_penilai
            skp.identitas_atasan_penilai = org.identitas(atasan_penilai, jabatan_atasan, sebutan_atasan)
        self._riwayat(rencana, AksiSkp.DISETUJUI, SkpStatus.DIAJUKAN, SkpStatus.DISETUJUI, penilai, waktu)

    # --- the whole plan ------------------------------------------------------------------------------------

    def rencanakan(self) -> list[_Rencana]:
        org, rng = self.org, self.rng
        urutan = self.urutan()
        paksa = self._dipaksa(urutan)
        sekda = self.personas.get("pimpinan")
        bawahan = Counter(atasan for _d, _pk, atasan in urutan if atasan is not None)
        for kedalaman, pk, atasan in urutan:
            pegawai = org.pegawai[pk]
            jabatan = org.jabatan[pegawai.jabatan_id]
            format_skp = format_dari_jenis_jabatan(jabatan.jenis)
            skp_atasan = self.rencana.get(atasan) if atasan is not None else None
            atasan_siap = skp_atasan is not None and skp_atasan.skp.status == SkpStatus.DISETUJUI
            puncak = atasan is None and format_skp == FormatSkp.JPT and (sekda is None or pk == sekda)
            if not (atasan_siap or puncak):
                # Cascading: nothing to intervene yet (or no atasan in the system).
                self.status[BELUM] += 1
                continue
            status = SkpStatus.DISETUJUI if puncak else self._status(pk, jabatan.jenis, bawahan[pk], paksa)
            if status == BELUM:
                self.status[BELUM] += 1
                continue
            self.status[status] += 1
            mulai = self._mulai(pegawai)
            jpt = format_skp == FormatSkp.JPT
            kualitatif = not jpt and pk not in paksa and rng.random() < PELUANG_KUALITATIF
            skp = Skp(
                pegawai_id=pk,
                tahun=self.tahun,
                jabatan_id=jabatan.pk,
                tanggal_mulai=mulai,
                tanggal_selesai=datetime.date(self.tahun, 12, 31),
                format=format_skp,
                pendekatan=Pendekatan.KUALITATIF if kualitatif else Pendekatan.KUANTITATIF,
                status=status,
            )
            rencana = _Rencana(pegawai=pk, kedalaman=kedalaman, skp=skp)
            if jpt:
                self._rhk_jpt(rencana, jabatan, skp_atasan if atasan_siap else None, sekda=puncak)
            else:
                self._rhk_ja_jf(rencana, jabatan, skp_atasan, kualitatif)
            if rng.random() < PELUANG_TAMBAHAN:
                self._tambahan(rencana, jpt)
            self._lampiran(rencana, jabatan)
            # The pejabat penilai of the approval day (skp_setujui: today within the SKP's period).
            on = tanggal_acuan(mulai, skp.tanggal_selesai, self.hari_ini)
            penilai = org.atasan(pk, on)
            if status != SkpStatus.DRAFT:
                self._ekspektasi(rencana)
            self._alur(rencana, status, penilai, jabatan, on)
            self.rencana[pk] = rencana
        return list(self.rencana.values())


# ---------------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------------


def _tulis(rencana: list[_Rencana]) -> tuple[int, int]:
    """Insert the plan: SKP, then RHK and IKI one supervision level at a time (an RHK intervenes an RHK of the
    level above, whose primary key must exist), then lampiran, ekspektasi and history."""
    Skp.objects.bulk_create([r.skp for r in rencana], batch_size=BATCH)
    jumlah_rhk = jumlah_iki = 0
    for kedalaman in sorted({r.kedalaman for r in rencana}):
        level = [r for r in rencana if r.kedalaman == kedalaman]
        rhk = [x.obj for r in level for x in r.rhk]
        RencanaHasilKerja.objects.bulk_create(rhk, batch_size=BATCH)
        iki = [i for r in level for x in r.rhk for i in x.iki]
        IndikatorKinerjaIndividu.objects.bulk_create(iki, batch_size=BATCH)
        jumlah_rhk += len(rhk)
        jumlah_iki += len(iki)
    LampiranItem.objects.bulk_create([x for r in rencana for x in r.lampiran], batch_size=BATCH)
    EkspektasiKhusus.objects.bulk_create([x for r in rencana for x in r.ekspektasi], batch_size=BATCH)
    Riwayat.objects.bulk_create([x for r in rencana for x in r.riwayat], batch_size=BATCH)
    return jumlah_rhk, jumlah_iki


def seed_skp(
    *,
    tahun: int,
    seed: int = 1,
    personas: dict[str, int] | None = None,
    hari_ini: datetime.date | None = None,
) -> HasilDemoSkp:
    """Plan and insert the demo SKP of ``tahun`` for the organisation in the database. ``personas`` maps persona
    names of ``pegawai.demo`` ("pegawai", "atasan", "atasan_atasan", "kepala_opd", "plt", "pimpinan") to pegawai
    primary keys. Call inside the seed's transaction and audit context; needs an organisation without SKP for
    ``tahun``."""
    hari_ini = hari_ini or timezone.localdate()
    with connection.cursor() as cursor:
        # Django creates foreign keys DEFERRABLE INITIALLY DEFERRED; with tens of thousands of checks queued until
        # commit PostgreSQL slows every later statement down. Rows go in parents first, so checking at once works.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    perencana = _Perencana(Organisasi(), tahun, seed, hari_ini, personas or {})
    rencana = perencana.rencanakan()
    jumlah_rhk, jumlah_iki = _tulis(rencana)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return HasilDemoSkp(tahun=tahun, status=perencana.status, skp=len(rencana), rhk=jumlah_rhk, iki=jumlah_iki)


def personas_dari(seeded) -> dict[str, int]:
    """The pegawai personas of a :class:`pegawai.demo.Seeded` city, as pegawai primary keys."""
    return {
        nama: seeded.pegawai_ids[indeks]
        for nama, indeks in seeded.city.personas.items()
        if not nama.startswith("akun:")
    }
