"""Demo daily activities (``manage.py seed_demo --bulan M``): the last M months of laporan aktivitas harian for every
active pegawai with an approved SKP, so the calendar, the atasan's queue, realisasi, recaps and reminders have
something to show.

What a demo day looks like:

- Every working day of the pegawai's unit (5- or 6-day week, minus the national holidays and cuti bersama of
  :class:`~kinerja.models.HariLibur`) from the same day M months ago up to yesterday (today is not over), from the
  first day of the pegawai's approved SKP: 4–6 activities (≈5), back to back in quarter hours between 07.30 and
  16.00 with the 12.00–13.00 break free, never overlapping.
- Each activity is mapped to an RHK of the approved SKP covering its date, with an uraian for the kind of work that
  RHK describes (letters and archives, services, teaching, health care, budget, planning…), a volume and a satuan —
  the RHK's own IKI satuan for finished outputs, so :func:`kinerja.selectors.realisasi` adds them up, a working
  unit (berkas, data, jam pelajaran…) for steps on the way. About one in thirty is tugas tambahan or lainnya, with
  the reason.
- Statuses follow the calendar: a month past its verification deadline is almost entirely disetujui (a few
  ditolak with the atasan's catatan, a few days never verified — what escalation is about); older days of an open
  month are part verified, part still diajukan; the last days of the entry window are draft or diajukan.
  Verification is recorded as the pegawai's pejabat penilai on the activity's date
  (:func:`kinerja.pengingat.atasan_pada`); a pegawai without one stays diajukan.

Pegawai without an approved SKP covering a day get no activities that day (an approved SKP is what activities are
mapped to; their empty days are what the aktivitas_kosong reminder is for). Days that already have activities are
skipped, so running it again adds nothing twice. When the holiday table has nothing for a year it fills that year's
national holidays and cuti bersama (SKB 3 Menteri, known years) or the fixed-date ones.

Rows go in with COPY in chunks, in the caller's transaction, after ``SET CONSTRAINTS ALL IMMEDIATE`` (PostgreSQL
slows down badly with millions of deferred foreign-key checks queued). The pghistory insert trigger still fires per
row. Deterministic: the same database, ``seed`` and day give the same activities.
"""

from __future__ import annotations

import bisect
import datetime
import io
import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import Q

from pegawai.choices import JenisJabatan
from pegawai.demo import copy_text
from pegawai.models import Penugasan
from skp.choices import Aspek, JenisRhk, SkpStatus
from skp.models import IndikatorKinerjaIndividu, RencanaHasilKerja, Skp

from . import rules, waktu
from .choices import JenisLibur, KategoriAktivitas, StatusAktivitas
from .models import Aktivitas, BuktiDukung, HariLibur, PengaturanKinerja
from .pengingat import atasan_pada
from .selectors import hari_kerja_per_minggu, libur_antara

#: Rows per COPY statement (keeps the buffer around 30 MB).
CHUNK = 100_000
#: Day plans drawn once per run and reused: the times of a day.
POLA_HARI = 256

# ---------------------------------------------------------------------------------------------------------------
# Holidays (SKB 3 Menteri tentang Hari Libur Nasional dan Cuti Bersama)
# ---------------------------------------------------------------------------------------------------------------

_LN, _CB = JenisLibur.LIBUR_NASIONAL, JenisLibur.CUTI_BERSAMA
LIBUR_TETAP = (
    ((1, 1), "Tahun Baru Masehi"),
    ((5, 1), "Hari Buruh Internasional"),
    ((6, 1), "Hari Lahir Pancasila"),
    ((8, 17), "Hari Proklamasi Kemerdekaan Republik Indonesia"),
    ((12, 25), "Hari Raya Natal"),
)
LIBUR_BERGERAK = {
    2025: (
        ((1, 27), "Isra Mikraj Nabi Muhammad SAW", _LN),
        ((1, 28), "Cuti bersama Tahun Baru Imlek", _CB),
        ((1, 29), "Tahun Baru Imlek 2576 Kongzili", _LN),
        ((3, 28), "Cuti bersama Hari Suci Nyepi", _CB),
        ((3, 29), "Hari Suci Nyepi Tahun Baru Saka 1947", _LN),
        ((3, 31), "Idul Fitri 1446 Hijriah", _LN),
        ((4, 1), "Idul Fitri 1446 Hijriah", _LN),
        ((4, 2), "Cuti bersama Idul Fitri", _CB),
        ((4, 3), "Cuti bersama Idul Fitri", _CB),
        ((4, 4), "Cuti bersama Idul Fitri", _CB),
        ((4, 7), "Cuti bersama Idul Fitri", _CB),
        ((4, 18), "Wafat Yesus Kristus", _LN),
        ((4, 20), "Kebangkitan Yesus Kristus (Paskah)", _LN),
        ((5, 12), "Hari Raya Waisak 2569 BE", _LN),
        ((5, 13), "Cuti bersama Hari Raya Waisak", _CB),
        ((5, 29), "Kenaikan Yesus Kristus", _LN),
        ((5, 30), "Cuti bersama Kenaikan Yesus Kristus", _CB),
        ((6, 6), "Idul Adha 1446 Hijriah", _LN),
        ((6, 9), "Cuti bersama Idul Adha", _CB),
        ((6, 27), "Tahun Baru Islam 1447 Hijriah", _LN),
        ((8, 18), "Cuti bersama Hari Kemerdekaan", _CB),
        ((9, 5), "Maulid Nabi Muhammad SAW", _LN),
        ((12, 26), "Cuti bersama Hari Raya Natal", _CB),
    ),
    2026: (
        ((1, 16), "Isra Mikraj Nabi Muhammad SAW", _LN),
        ((2, 16), "Cuti bersama Tahun Baru Imlek", _CB),
        ((2, 17), "Tahun Baru Imlek 2577 Kongzili", _LN),
        ((3, 18), "Cuti bersama Hari Suci Nyepi", _CB),
        ((3, 19), "Hari Suci Nyepi Tahun Baru Saka 1948", _LN),
        ((3, 20), "Cuti bersama Idul Fitri", _CB),
        ((3, 21), "Idul Fitri 1447 Hijriah", _LN),
        ((3, 22), "Idul Fitri 1447 Hijriah", _LN),
        ((3, 23), "Cuti bersama Idul Fitri", _CB),
        ((3, 24), "Cuti bersama Idul Fitri", _CB),
        ((4, 3), "Wafat Yesus Kristus", _LN),
        ((4, 5), "Kebangkitan Yesus Kristus (Paskah)", _LN),
        ((5, 14), "Kenaikan Yesus Kristus", _LN),
        ((5, 15), "Cuti bersama Kenaikan Yesus Kristus", _CB),
        ((5, 27), "Idul Adha 1447 Hijriah", _LN),
        ((5, 28), "Cuti bersama Idul Adha", _CB),
        ((5, 31), "Hari Raya Waisak 2570 BE", _LN),
        ((6, 16), "Tahun Baru Islam 1448 Hijriah", _LN),
        ((8, 25), "Maulid Nabi Muhammad SAW", _LN),
        ((12, 24), "Cuti bersama Hari Raya Natal", _CB),
    ),
}


def libur_tahun(tahun: int) -> list[HariLibur]:
    """The national holidays and cuti bersama of ``tahun``: the full SKB list for the years above, else only the
    fixed-date holidays (the movable ones are entered by admin BKPSDM each year)."""
    hari = [HariLibur(tanggal=datetime.date(tahun, m, d), nama=nama, jenis=_LN) for (m, d), nama in LIBUR_TETAP]
    hari += [
        HariLibur(tanggal=datetime.date(tahun, m, d), nama=nama, jenis=jenis)
        for (m, d), nama, jenis in LIBUR_BERGERAK.get(tahun, ())
    ]
    return sorted(hari, key=lambda h: h.tanggal)


def isi_libur(awal: datetime.date, akhir: datetime.date) -> int:
    """Fill the holiday table for each year from ``awal`` to ``akhir`` that has no holiday yet; an admin's own
    calendar is never touched. Returns the number of rows added."""
    ada = {
        d.year
        for d in HariLibur.objects.filter(tanggal__year__gte=awal.year, tanggal__year__lte=akhir.year).values_list(
            "tanggal", flat=True
        )
    }
    baru = [h for tahun in range(awal.year, akhir.year + 1) if tahun not in ada for h in libur_tahun(tahun)]
    HariLibur.objects.bulk_create(baru, ignore_conflicts=True)
    return len(baru)


# ---------------------------------------------------------------------------------------------------------------
# Texts: what a day of work on each kind of RHK looks like
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kerja:
    """One kind of activity: its uraian, the volume range, and its satuan — ``None`` for "the RHK's own IKI
    satuan" (a finished output that counts towards the target)."""

    uraian: str
    volume: tuple[int, int]
    satuan: str | None = None
    bobot: int = 3


def _k(uraian: str, volume: tuple[int, int] = (1, 1), satuan: str | None = None, bobot: int = 3) -> Kerja:
    return Kerja(uraian, volume, satuan, bobot)


# (phrases of the RHK text, kinds of work). The first profile with a phrase in the RHK wins. Phrases rather than
# single words: RHK texts carry the unit's name ("… kegiatan Dinas Perpustakaan dan Kearsipan"), which must not
# decide the kind of work.
PROFIL: tuple[tuple[tuple[str, ...], tuple[Kerja, ...]], ...] = (
    (
        ("administrasi persuratan", "naskah dinas"),
        (
            _k("Mengagendakan surat masuk dan mendistribusikannya kepada bidang terkait", (5, 20)),
            _k("Menyusun konsep naskah dinas untuk ditandatangani pimpinan", (1, 4)),
            _k("Memindai dan mengunggah naskah dinas ke aplikasi SRIKANDI", (8, 30)),
            _k("Menata arsip aktif unit kerja sesuai klasifikasi arsip", (10, 40), "berkas"),
            _k("Mengirimkan surat keluar kepada instansi tujuan", (3, 12)),
        ),
    ),
    (
        ("pembelajaran",),
        (
            _k("Melaksanakan pembelajaran tatap muka di kelas sesuai jadwal", (2, 4), "jam pelajaran", 6),
            _k("Menyusun modul ajar untuk pertemuan berikutnya", (1, 1)),
            _k("Memeriksa dan menilai tugas peserta didik", (20, 36), "berkas"),
            _k("Menyiapkan media dan lembar kerja peserta didik", (1, 2), "paket"),
        ),
    ),
    (
        ("asesmen", "hasil belajar"),
        (
            _k("Menyusun soal asesmen sumatif lingkup materi", (1, 1), "paket"),
            _k("Mengolah nilai hasil asesmen peserta didik", (20, 36), "data"),
            _k("Menginput nilai rapor ke aplikasi rapor digital", (20, 36), "data"),
            _k("Menyusun laporan hasil belajar peserta didik", (1, 1), bobot=1),
        ),
    ),
    (
        ("pembinaan karakter", "kokurikuler"),
        (
            _k("Membina kegiatan ekstrakurikuler peserta didik", (1, 1)),
            _k("Melaksanakan projek penguatan profil pelajar Pancasila", (1, 1)),
            _k("Melaksanakan layanan bimbingan dan konseling bagi peserta didik", (2, 6), "siswa"),
        ),
    ),
    (
        ("pencatatan dan pelaporan",),
        (
            _k("Merekap data kunjungan pasien harian", (1, 1), "rekap"),
            _k("Memvalidasi data pelayanan pada aplikasi pelaporan", (20, 60), "data"),
            _k("Menyusun laporan bulanan pelayanan kesehatan", (1, 1), bobot=1),
        ),
    ),
    (
        ("pelayanan kesehatan kepada", "pasien"),
        (
            _k("Melayani pemeriksaan pasien rawat jalan di poli umum", (8, 25), bobot=6),
            _k("Melaksanakan pelayanan kesehatan ibu dan anak", (4, 12)),
            _k("Mencatat hasil pelayanan pada rekam medis elektronik", (10, 30), "berkas"),
        ),
    ),
    (
        ("upaya kesehatan masyarakat",),
        (
            _k("Melaksanakan kegiatan posyandu di wilayah kerja", (1, 1)),
            _k("Melaksanakan penyuluhan kesehatan kepada masyarakat", (1, 1)),
            _k("Melakukan kunjungan rumah keluarga berisiko tinggi", (2, 6), "keluarga"),
            _k("Melaksanakan pemantauan jentik nyamuk di permukiman warga", (10, 30), "rumah"),
        ),
    ),
    (
        ("pelaksanaan anggaran", "realisasi anggaran", "pengelolaan keuangan"),
        (
            _k("Memverifikasi kelengkapan dokumen pertanggungjawaban (SPJ) kegiatan", (4, 15), "berkas", 4),
            _k("Menginput realisasi anggaran kegiatan pada aplikasi SIPD", (5, 20), "transaksi"),
            _k("Menyusun rekapitulasi realisasi anggaran per kegiatan", (1, 1), "rekap"),
            _k("Menyusun laporan realisasi anggaran", (1, 1), bobot=1),
        ),
    ),
    (
        ("barang milik daerah",),
        (
            _k("Mencatat mutasi barang persediaan pada aplikasi persediaan", (5, 20), "transaksi"),
            _k("Melakukan pengecekan fisik barang milik daerah di ruangan", (10, 40), "unit"),
            _k("Memutakhirkan kartu inventaris ruangan", (1, 3), "dokumen"),
            _k("Menyusun laporan inventarisasi barang", (1, 1), bobot=1),
        ),
    ),
    (
        ("tindak lanjut pengaduan", "pengaduan masyarakat"),
        (
            _k("Menindaklanjuti pengaduan masyarakat melalui kanal SP4N-LAPOR!", (1, 4), bobot=5),
            _k("Melakukan klarifikasi lapangan atas pengaduan masyarakat", (1, 2)),
            _k("Menyusun jawaban tertulis atas pengaduan masyarakat", (1, 3), "surat"),
        ),
    ),
    (
        ("pelayanan teknis", "permohonan"),
        (
            _k("Memeriksa kelengkapan berkas permohonan layanan", (3, 12), bobot=5),
            _k("Melakukan verifikasi lapangan atas permohonan layanan", (1, 3)),
            _k("Menyusun rekomendasi teknis atas permohonan", (1, 2), "dokumen"),
        ),
    ),
    (
        ("pelayanan operasional", "layanan yang diselenggarakan"),
        (
            _k("Melayani permohonan masyarakat di loket pelayanan", (5, 25), bobot=6),
            _k("Memberikan informasi layanan kepada masyarakat melalui telepon dan pesan", (5, 20)),
            _k("Menginput data permohonan layanan ke aplikasi", (5, 25), "data"),
            _k("Menyusun rekap harian layanan yang diberikan", (1, 1), "rekap"),
        ),
    ),
    (
        ("bahan dan data dukung", "data dan informasi"),
        (
            _k("Menghimpun data dukung kegiatan dari bidang terkait", (3, 10), "data"),
            _k("Mengolah data dan menyajikannya dalam bentuk tabel dan grafik", (1, 3)),
            _k("Memutakhirkan basis data unit kerja", (10, 50), "data"),
            _k("Menyiapkan bahan paparan rapat pimpinan", (1, 1)),
        ),
    ),
    (
        ("laporan pelaksanaan kegiatan", "pelaporan"),
        (
            _k("Menghimpun bahan laporan pelaksanaan kegiatan", (2, 8), "berkas"),
            _k("Menyusun draf laporan pelaksanaan kegiatan", (1, 1), "draf"),
            _k("Memperbaiki laporan sesuai arahan atasan", (1, 1), "draf"),
            _k("Menyampaikan laporan kegiatan kepada atasan", (1, 1), bobot=1),
        ),
    ),
    (
        ("dokumen perencanaan", "perencanaan dan evaluasi", "capaian target program"),
        (
            _k("Mengolah data capaian indikator kinerja triwulan", (10, 40), "data"),
            _k("Menyusun bahan rapat evaluasi capaian kinerja", (1, 1), "bahan"),
            _k("Mengikuti rapat koordinasi perencanaan program", (1, 1), "kegiatan"),
            _k("Menyusun dokumen perencanaan dan evaluasi kinerja", (1, 1), bobot=1),
        ),
    ),
    (
        ("rekomendasi dan kajian", "kajian teknis"),
        (
            _k("Mengumpulkan dan menelaah literatur serta regulasi untuk bahan kajian", (2, 6), "referensi"),
            _k("Menganalisis data untuk bahan kajian teknis", (1, 1), "analisis"),
            _k("Menyusun draf rekomendasi kebijakan", (1, 1), "draf"),
            _k("Menyampaikan hasil kajian kepada pimpinan", (1, 1), bobot=1),
        ),
    ),
    (
        ("kegiatan teknis", "hasil kerja"),
        (
            _k("Melaksanakan kegiatan teknis sesuai butir kegiatan jabatan fungsional", (1, 2), bobot=5),
            _k("Menyusun laporan hasil pelaksanaan kegiatan teknis", (1, 1), "laporan"),
            _k("Berkoordinasi dengan unit kerja terkait pelaksanaan kegiatan teknis", (1, 1), "kegiatan"),
        ),
    ),
    (
        ("sesuai rencana kerja",),
        (
            _k("Memimpin rapat koordinasi pelaksanaan kegiatan seksi", (1, 1), "kegiatan"),
            _k("Memantau pelaksanaan kegiatan di lapangan", (1, 1), "kegiatan"),
            _k("Memeriksa dan memaraf konsep naskah dinas dari staf", (3, 10), "naskah"),
            _k("Menyusun laporan pelaksanaan kegiatan seksi", (1, 1), bobot=1),
        ),
    ),
)
# Heads of OPD, asisten and kepala bidang/bagian (JPT and administrator): their RHK are outcomes, their days are
# leading, coordinating and signing.
PIMPINAN = (
    _k("Memimpin rapat staf membahas capaian program", (1, 1), "kegiatan"),
    _k("Menelaah dan menandatangani naskah dinas", (5, 15), "naskah", 4),
    _k("Memberikan arahan dan pembinaan kepada bawahan", (1, 1), "kegiatan"),
    _k("Menghadiri rapat koordinasi dengan perangkat daerah lain", (1, 1), "kegiatan"),
    _k("Memantau capaian indikator kinerja unit kerja", (1, 1), "kegiatan", 2),
)
JABATAN_PIMPINAN = {JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR}
UMUM = (
    _k("Melaksanakan tugas sesuai rencana hasil kerja", (1, 2), bobot=4),
    _k("Berkoordinasi dengan rekan kerja terkait penyelesaian pekerjaan", (1, 1), "kegiatan"),
    _k("Menyusun catatan kemajuan pekerjaan", (1, 1), "dokumen"),
)
# RHK Tambahan: the tim or assignment it names is the work.
TAMBAHAN = (
    _k("Mengikuti rapat tim", (1, 1), "kegiatan"),
    _k("Menyusun bahan tugas tim", (1, 1), "dokumen"),
    _k("Melaksanakan tugas tim sesuai pembagian kerja", (1, 1), bobot=2),
)
# Outside the SKP: (kategori, uraian, alasan, satuan, minutes it takes at most).
DI_LUAR_SKP = (
    (
        KategoriAktivitas.TUGAS_TAMBAHAN,
        "Menjadi panitia peringatan Hari Jadi Kota",
        "Ditugaskan Kepala Perangkat Daerah melalui surat tugas",
        "kegiatan",
    ),
    (
        KategoriAktivitas.TUGAS_TAMBAHAN,
        "Mendampingi kunjungan kerja DPRD ke unit kerja",
        "Penugasan dari atasan langsung",
        "kegiatan",
    ),
    (
        KategoriAktivitas.LAINNYA,
        "Mengikuti sosialisasi aplikasi SRIKANDI dan e-Kinerja",
        "Undangan BKPSDM untuk seluruh pegawai",
        "kegiatan",
    ),
    (
        KategoriAktivitas.LAINNYA,
        "Mengikuti pembinaan pegawai oleh Kepala Perangkat Daerah",
        "Kegiatan rutin perangkat daerah di luar rencana hasil kerja",
        "kegiatan",
    ),
)
PELUANG_DI_LUAR_SKP = 0.03
CATATAN_TOLAK = (
    "Uraian terlalu umum; sebutkan keluaran yang dihasilkan.",
    "Volume tidak sesuai dengan bukti dukung; mohon diperbaiki.",
    "Aktivitas ini tidak mendukung rencana hasil kerja yang dipilih.",
    "Lampirkan bukti dukung berupa notulen atau daftar hadir.",
    "Aktivitas yang sama sudah dilaporkan pada hari sebelumnya.",
)
# Satuan of an IKI that are not a count of outputs: activities use the profile's working unit instead.
SATUAN_BUKAN_HITUNGAN = {"%", "persen", "bulan", "nilai", "indeks", "hari"}


def _profil(teks: str, jenis: str, jenis_jabatan: str) -> tuple[Kerja, ...]:
    if jenis == JenisRhk.TAMBAHAN:
        return TAMBAHAN
    if jenis_jabatan in JABATAN_PIMPINAN:
        return PIMPINAN
    kecil = teks.lower()
    for kata, kerja in PROFIL:
        if any(k in kecil for k in kata):
            return kerja
    return UMUM


# ---------------------------------------------------------------------------------------------------------------
# Times of a day
# ---------------------------------------------------------------------------------------------------------------

_SEPEREMPAT = 15


def _bagi(rng: random.Random, unit: int, n: int) -> list[int]:
    """``unit`` quarter hours split into ``n`` parts of at least two (30 minutes), in random sizes."""
    lebih = unit - 2 * n
    potong = sorted(rng.randint(0, lebih) for _i in range(n - 1))
    batas = [0, *potong, lebih]
    return [2 + batas[i + 1] - batas[i] for i in range(n)]


def pola_hari(rng: random.Random) -> list[tuple[str, str, int]]:
    """One day's activity times: ``(mulai, selesai, menit)``, 4–6 back to back (a quarter-hour gap now and then)
    from 07.30 to 12.00 and from 13.00 to 16.00."""
    jumlah = rng.choice((4, 5, 5, 5, 5, 6))
    pagi = jumlah - jumlah // 2
    hasil = []
    for mulai_menit, unit, n in ((7 * 60 + 30, 18, pagi), (13 * 60, 12, jumlah - pagi)):
        jeda = rng.choice((0, 0, 1, 2)) if unit - 2 * n >= 2 else 0
        bagian = _bagi(rng, unit - jeda, n)
        menit = mulai_menit + jeda * _SEPEREMPAT
        for b in bagian:
            selesai = menit + b * _SEPEREMPAT
            hasil.append(
                (f"{menit // 60:02d}:{menit % 60:02d}", f"{selesai // 60:02d}:{selesai % 60:02d}", selesai - menit)
            )
            menit = selesai
    return hasil


# ---------------------------------------------------------------------------------------------------------------
# Planning
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RhkDemo:
    pk: int
    kerja: tuple[Kerja, ...]
    satuan: str
    bobot: int


@dataclass(frozen=True)
class SkpDemo:
    pegawai_id: int
    mulai: datetime.date
    selesai: datetime.date
    minggu: int
    rhk: tuple[RhkDemo, ...]


@dataclass
class HasilDemoAktivitas:
    awal: datetime.date
    akhir: datetime.date
    pegawai: int = 0
    hari: int = 0
    status: Counter = field(default_factory=Counter)
    libur_baru: int = 0
    detik: float = 0.0

    @property
    def jumlah(self) -> int:
        return sum(self.status.values())

    def ringkas(self) -> str:
        def angka(n: int) -> str:
            return f"{n:,}".replace(",", ".")

        bagian = ", ".join(f"{angka(self.status[s])} {s.label.lower()}" for s in StatusAktivitas if self.status[s])
        return (
            f"Aktivitas {self.awal:%d-%m-%Y} s.d. {self.akhir:%d-%m-%Y}: {angka(self.jumlah)} aktivitas "
            f"({bagian}) dari {angka(self.pegawai)} pegawai, {angka(self.hari)} hari kerja-pegawai"
        )


def rentang_demo(bulan: int, hari_ini: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From the same day ``bulan`` months back (the month's last day when shorter) to yesterday."""
    indeks = hari_ini.year * 12 + hari_ini.month - 1 - bulan
    tahun, bln = indeks // 12, indeks % 12 + 1
    hari = min(hari_ini.day, rules.rentang_bulan(tahun, bln)[1].day)
    return datetime.date(tahun, bln, hari), hari_ini - datetime.timedelta(days=1)


def muat_skp(awal: datetime.date, akhir: datetime.date) -> list[SkpDemo]:
    """The approved, current SKP of active pegawai overlapping ``awal``–``akhir`` with their RHK and each RHK's
    count satuan (the kuantitas IKI's, else the first IKI counting something), ordered by pegawai and start. Four
    or five queries."""
    skp = list(
        Skp.objects.filter(
            status=SkpStatus.DISETUJUI,
            digantikan_pada__isnull=True,
            tanggal_mulai__lte=akhir,
            tanggal_selesai__gte=awal,
            pegawai__aktif=True,
        )
        .order_by("pegawai_id", "tanggal_mulai", "pk")
        .values_list(
            "pk", "pegawai_id", "tanggal_mulai", "tanggal_selesai", "pegawai__jabatan__unit_kerja_id", "jabatan__jenis"
        )
    )
    if not skp:
        return []
    skp_ids = [s[0] for s in skp]
    jenis_jabatan = {s[0]: s[5] for s in skp}
    pertama: dict[int, str] = {}
    kuantitas: dict[int, str] = {}
    for rhk_id, satuan, aspek in (
        IndikatorKinerjaIndividu.objects.filter(rhk__skp_id__in=skp_ids)
        .exclude(satuan="")
        .order_by("rhk_id", "urutan", "pk")
        .values_list("rhk_id", "satuan", "aspek")
    ):
        if satuan.strip().lower() in SATUAN_BUKAN_HITUNGAN:
            continue
        pertama.setdefault(rhk_id, satuan)
        if aspek == Aspek.KUANTITAS:
            kuantitas.setdefault(rhk_id, satuan)
    rhk_per_skp: dict[int, list[RhkDemo]] = {}
    for pk, skp_id, teks, jenis in (
        RencanaHasilKerja.objects.filter(skp_id__in=skp_ids)
        .order_by("skp_id", "jenis", "urutan", "pk")
        .values_list("pk", "skp_id", "teks", "jenis")
    ):
        rhk_per_skp.setdefault(skp_id, []).append(
            RhkDemo(
                pk=pk,
                kerja=_profil(teks, jenis, jenis_jabatan[skp_id]),
                satuan=kuantitas.get(pk) or pertama.get(pk) or "kegiatan",
                bobot=1 if jenis == JenisRhk.TAMBAHAN else 4,
            )
        )
    minggu = hari_kerja_per_minggu({s[4] for s in skp}, PengaturanKinerja.get_solo())
    return [
        SkpDemo(pegawai_id=p, mulai=m, selesai=s, minggu=minggu[unit], rhk=tuple(rhk_per_skp[pk]))
        for pk, p, m, s, unit, _jenis in skp
        if rhk_per_skp.get(pk)
    ]


@dataclass
class _Tahap:
    """What the calendar says about one date for one week length."""

    hari_kerja: bool
    terkunci: bool
    baru: bool  # within the entry window (or the last two days): draft or just submitted


def _tahap(awal, akhir, hari_ini, pengaturan, libur) -> dict[int, dict[datetime.date, _Tahap]]:
    hasil: dict[int, dict[datetime.date, _Tahap]] = {}
    for w in (5, 6):
        kal = rules.Kalender(w, libur)
        per_hari = {}
        hari = awal
        while hari <= akhir:
            per_hari[hari] = _Tahap(
                hari_kerja=kal.hari_kerja(hari),
                terkunci=rules.bulan_terkunci(
                    hari.year, hari.month, hari_ini, pengaturan.batas_verifikasi_hari_kerja, kal
                ),
                baru=(hari_ini - hari).days <= 2
                or rules.status_entri(hari, hari_ini, pengaturan.batas_hari_entri, kal)
                is rules.StatusEntri.TEPAT_WAKTU,
            )
            hari += datetime.timedelta(days=1)
        hasil[w] = per_hari
    return hasil


def _segmen(awal: datetime.date, akhir: datetime.date) -> list[datetime.date]:
    """First days of the stretches within which no Plt/Plh starts or ends: the pejabat penilai of anyone can only
    change at these days, so it is computed once per stretch instead of once per day."""
    batas = {awal}
    satu = datetime.timedelta(days=1)
    for mulai, selesai in Penugasan.objects.filter(
        Q(tanggal_mulai__range=(awal, akhir)) | Q(tanggal_selesai__range=(awal - satu, akhir))
    ).values_list("tanggal_mulai", "tanggal_selesai"):
        for hari in (mulai, selesai + satu):
            if awal < hari <= akhir:
                batas.add(hari)
    return sorted(batas)


_WIB = ZoneInfo(settings.TIME_ZONE)
NULL = "\\N"  # COPY text format


def _waktu(hari: datetime.date, jam: int, menit: int) -> str:
    return datetime.datetime(hari.year, hari.month, hari.day, jam, menit, tzinfo=_WIB).isoformat(sep=" ")


class Perencana:
    """Plans the rows. Everything random comes from one ``random.Random`` walked in a fixed order (SKP by pegawai
    and start, dates ascending), so the plan depends only on the database, the seed and the day."""

    def __init__(self, *, skp: list[SkpDemo], awal, akhir, hari_ini, seed: int, libur, sudah_ada, pengaturan):
        self.skp, self.awal, self.akhir, self.hari_ini = skp, awal, akhir, hari_ini
        self.rng = random.Random(f"kinerja-demo-{seed}-{hari_ini.isoformat()}")
        self.pola = [pola_hari(self.rng) for _i in range(POLA_HARI)]
        self.tahap = _tahap(awal, akhir, hari_ini, pengaturan, libur)
        self.sudah_ada = sudah_ada
        self.segmen = _segmen(awal, akhir)
        self.hasil = HasilDemoAktivitas(awal=awal, akhir=akhir)
        self._teks = {}

    def _esc(self, teks: str) -> str:
        hasil = self._teks.get(teks)
        if hasil is None:
            hasil = self._teks[teks] = copy_text(teks)
        return hasil

    def hari_rencana(self) -> list[tuple[SkpDemo, datetime.date]]:
        """Every (SKP, date) that gets activities."""
        hari = []
        for s in self.skp:
            tahap = self.tahap[s.minggu]
            d = max(s.mulai, self.awal)
            akhir = min(s.selesai, self.akhir)
            while d <= akhir:
                if tahap[d].hari_kerja and (s.pegawai_id, d) not in self.sudah_ada:
                    hari.append((s, d))
                d += datetime.timedelta(days=1)
        return hari

    def _status_hari(self, s: SkpDemo, d: datetime.date) -> str:
        """The day's status before per-activity rejections: ``DISETUJUI`` means "verified"."""
        t, r = self.tahap[s.minggu][d], self.rng.random()
        if t.terkunci:
            return StatusAktivitas.DISETUJUI if r < 0.96 else StatusAktivitas.DIAJUKAN
        if t.baru:
            return StatusAktivitas.DRAFT if r < 0.45 else StatusAktivitas.DIAJUKAN
        if r < 0.55:
            return StatusAktivitas.DISETUJUI
        return StatusAktivitas.DIAJUKAN if r < 0.95 else StatusAktivitas.DRAFT

    def wakil(self, d: datetime.date) -> datetime.date:
        return self.segmen[bisect.bisect_right(self.segmen, d) - 1]

    def baris(self, hari: list[tuple[SkpDemo, datetime.date]], atasan: dict) -> Iterator[str]:
        """COPY text lines for :data:`KOLOM`, in plan order."""
        rng, hasil = self.rng, self.hasil
        pegawai = set()
        for s, d in hari:
            pegawai.add(s.pegawai_id)
            hasil.hari += 1
            status_hari = self._status_hari(s, d)
            penilai = atasan.get((s.pegawai_id, self.wakil(d)))
            if status_hari == StatusAktivitas.DISETUJUI and penilai is None:
                status_hari = StatusAktivitas.DIAJUKAN
            dibuat = _waktu(d, 16, rng.randrange(0, 30))
            diajukan = _waktu(d, 16, 30 + rng.randrange(0, 30)) if status_hari != StatusAktivitas.DRAFT else None
            verif = None
            if status_hari == StatusAktivitas.DISETUJUI:
                tunda = datetime.timedelta(days=rng.choice((1, 1, 2, 3, 4)))
                kemarin = self.hari_ini - datetime.timedelta(days=1)
                verif = _waktu(min(d + tunda, kemarin), 8 + rng.randrange(0, 8), rng.randrange(0, 60))
            bobot_rhk = [r.bobot for r in s.rhk]
            for mulai, selesai, menit in rng.choice(self.pola):
                status, catatan = status_hari, ""
                if status == StatusAktivitas.DISETUJUI and rng.random() < 0.03:
                    status, catatan = StatusAktivitas.DITOLAK, rng.choice(CATATAN_TOLAK)
                hasil.status[status] += 1
                if rng.random() < PELUANG_DI_LUAR_SKP:
                    kategori, uraian, alasan, satuan = rng.choice(DI_LUAR_SKP)
                    rhk_id, volume = NULL, 1
                else:
                    rhk = rng.choices(s.rhk, weights=bobot_rhk)[0] if len(s.rhk) > 1 else s.rhk[0]
                    kerja = rng.choices(rhk.kerja, weights=[k.bobot for k in rhk.kerja])[0]
                    kategori, uraian, alasan = KategoriAktivitas.RHK, kerja.uraian, ""
                    satuan = kerja.satuan or rhk.satuan
                    rhk_id, volume = rhk.pk, rng.randint(*kerja.volume)
                diubah = verif or diajukan or dibuat
                yield (
                    f"{s.pegawai_id}\t{d.isoformat()}\t{kategori}\t{rhk_id}\t{self._esc(alasan)}\t"
                    f"{self._esc(uraian)}\t{volume}\t{self._esc(satuan)}\t{mulai}\t{selesai}\t{menit}\t\t"
                    f"{status}\tf\t{self._esc(catatan)}\t"
                    f"{penilai if verif else NULL}\t{verif or NULL}\t{diajukan or NULL}\t{dibuat}\t{diubah}\n"
                )
        hasil.pegawai = len(pegawai)


#: The columns :meth:`Perencana.baris` writes, in order; every other column gets its model default.
KOLOM = [
    "pegawai",
    "tanggal",
    "kategori",
    "rhk",
    "alasan_kategori",
    "uraian",
    "volume",
    "satuan",
    "jam_mulai",
    "jam_selesai",
    "menit",
    "lokasi",
    "status",
    "terlambat",
    "catatan_atasan",
    "diverifikasi_oleh",
    "diverifikasi_pada",
    "diajukan_pada",
    "dibuat_pada",
    "diubah_pada",
]


def _kolom_dan_sisa() -> tuple[list[str], str]:
    """The database columns for COPY and the text of the remaining columns' defaults (none today; a field added
    later with a default is filled without a change here)."""
    meta = Aktivitas._meta
    diberi = [meta.get_field(n) for n in KOLOM]
    sisa = [f for f in meta.concrete_fields if not f.primary_key and f not in diberi]
    contoh = Aktivitas()
    nilai = [copy_text(f.get_db_prep_save(f.pre_save(contoh, add=True), connection)) for f in sisa]
    return [f.column for f in (*diberi, *sisa)], "".join(f"\t{v}" for v in nilai)


def _copy(cursor, kolom: list[str], baris: list[str]) -> None:
    qn = connection.ops.quote_name
    cursor.copy_expert(
        f"COPY {qn(Aktivitas._meta.db_table)} ({', '.join(map(qn, kolom))}) FROM STDIN", io.StringIO("".join(baris))
    )


def seed_aktivitas(*, bulan: int, seed: int = 1, hari_ini: datetime.date | None = None) -> HasilDemoAktivitas:
    """Plan and insert ``bulan`` months of demo activities up to yesterday (see the module docstring). Call inside
    a transaction and an audit context (``seed_demo`` does)."""
    mulai_detik = time.perf_counter()
    hari_ini = hari_ini or waktu.hari_ini()
    awal, akhir = rentang_demo(bulan, hari_ini)
    with connection.cursor() as cursor:
        # Also the first write of this transaction through Django's cursor, which attaches the pghistory context
        # that the COPY below (the raw psycopg2 cursor) relies on.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    libur_baru = isi_libur(awal, max(akhir, hari_ini) + datetime.timedelta(days=62))
    pengaturan = PengaturanKinerja.get_solo()
    libur = frozenset(libur_antara(awal, hari_ini + datetime.timedelta(days=62)))
    skp = muat_skp(awal, akhir)
    sudah_ada = set(
        Aktivitas.objects.filter(tanggal__range=(awal, akhir), pegawai_id__in={s.pegawai_id for s in skp})
        .values_list("pegawai_id", "tanggal")
        .distinct()
    )
    perencana = Perencana(
        skp=skp,
        awal=awal,
        akhir=akhir,
        hari_ini=hari_ini,
        seed=seed,
        libur=libur,
        sudah_ada=sudah_ada,
        pengaturan=pengaturan,
    )
    hari = perencana.hari_rencana()
    atasan = atasan_pada(sorted({(s.pegawai_id, perencana.wakil(d)) for s, d in hari}))
    kolom, sisa = _kolom_dan_sisa()
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg2's own cursor: copy_expert
        potongan: list[str] = []
        for baris in perencana.baris(hari, atasan):
            potongan.append(baris[:-1] + sisa + "\n" if sisa else baris)
            if len(potongan) >= CHUNK:
                _copy(raw, kolom, potongan)
                potongan = []
        if potongan:
            _copy(raw, kolom, potongan)
        # Fresh statistics for the planner: the reminders' and recaps' queries right after a seed would otherwise
        # be planned for an empty table.
        cursor.execute(f"ANALYZE {connection.ops.quote_name(Aktivitas._meta.db_table)}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    hasil = perencana.hasil
    hasil.libur_baru = libur_baru
    hasil.detik = time.perf_counter() - mulai_detik
    return hasil


def hapus_aktivitas() -> int:
    """Remove every activity and its evidence before ``seed_demo --reset`` deletes the organisation: TRUNCATE,
    because deleting millions of rows through Django's collector (which ``delete_organisation`` would do to get
    past the PROTECT of Aktivitas → Pegawai) loads every one of them. The files of uploaded evidence are removed
    from storage; no audit events are written for a demo reset. Returns the number of activities removed."""
    from django.db import transaction

    from .models import bukti_storage

    berkas = list(BuktiDukung.objects.exclude(berkas="").values_list("berkas", flat=True))
    jumlah = Aktivitas.objects.count()
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        # CASCADE: rows of other apps that point at an activity go with it (the whole organisation is being reset).
        cursor.execute(f"TRUNCATE {qn(BuktiDukung._meta.db_table)}, {qn(Aktivitas._meta.db_table)} CASCADE")
    if berkas:
        storage = bukti_storage()
        transaction.on_commit(lambda: [storage.delete(nama) for nama in berkas])
    return jumlah
