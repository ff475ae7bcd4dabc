"""The plan of a year's demo SKP (:class:`Perencana`): who gets one, in which state, with which RHK, IKI, lampiran,
ekspektasi and history, replayed top-down over the organisation in memory (:class:`demo.skp.organisasi.Organisasi`)."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from pegawai.choices import JenisJabatan, JenisPeran
from pegawai.models import Jabatan, Pegawai, User
from skp.choices import AcuanRhkJpt, AksiSkp, Aspek, FormatSkp, JenisRhk, Pendekatan, Perspektif, SkpStatus, StatusRekap
from skp.models import EkspektasiKhusus, IndikatorKinerjaIndividu, LampiranItem, PerilakuKerja, RencanaHasilKerja, Skp
from skp.models import SkpRiwayat as Riwayat
from skp.rules import format_dari_jenis_jabatan, tanggal_acuan
from skp.selectors.identitas import identitas_kepala_daerah
from skp.services.kepala_daerah import nama_atas_nama

from .organisasi import Organisasi
from .teks import (
    ADMINISTRATOR_RHK,
    CATATAN_KEMBALI,
    EKSPEKTASI,
    FUNGSIONAL_RHK,
    GURU_RHK,
    JPT_RHK,
    KATA_KESEHATAN,
    KESEHATAN_RHK,
    LAMPIRAN,
    PELAKSANA_RHK,
    PENGAWAS_RHK,
    SATUAN_TAMBAHAN,
    SEKDA_RHK,
    TAMBAHAN,
    kecil_awal,
    urusan,
)

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


@dataclass
class _Rhk:
    obj: RencanaHasilKerja
    iki: list[IndikatorKinerjaIndividu]


@dataclass
class Rencana:
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


class Perencana:
    def __init__(self, org: Organisasi, tahun: int, seed: int, hari_ini: datetime.date, personas: dict[str, int]):
        self.org = org
        self.tahun = tahun
        self.rng = random.Random(f"skp-demo-{seed}-{tahun}")
        self.hari_ini = hari_ini
        self.personas = personas
        self.perilaku = list(PerilakuKerja.objects.order_by("urutan"))
        self.rencana: dict[int, Rencana] = {}
        self.status: Counter = Counter()
        awal = timezone.make_aware(datetime.datetime(tahun, 1, 2, 8, 0))
        self.sekarang = timezone.now()
        # The whole cascade happens over a few weeks that must lie in the past (3 days per supervision level).
        self.awal = min(awal, self.sekarang - datetime.timedelta(days=45))
        admin = User.objects.filter(peran__jenis=JenisPeran.ADMIN_BKPSDM).order_by("pk").first()
        # How the history names admin BKPSDM acting for the kepala daerah (skp_setujui_kepala_daerah).
        self.atas_nama = nama_atas_nama(admin)[1] if admin else str(settings.KEPALA_DAERAH_JABATAN)

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

    def _rhk_jpt(self, rencana: Rencana, jabatan: Jabatan, atasan: Rencana | None, sekda: bool) -> None:
        rng = self.rng
        opd = jabatan.unit_kerja.perangkat_daerah
        konteks = {"urusan": urusan(opd.nama), "singkatan": opd.singkatan or opd.nama}
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

    def _rhk_ja_jf(self, rencana: Rencana, jabatan: Jabatan, atasan: Rencana, kualitatif: bool) -> None:
        rng = self.rng
        templat = self._templat(jabatan)
        konteks = {"unit": self._unit(jabatan), "jabatan": kecil_awal(jabatan.nama)}
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
                            f"atasan paling lambat tanggal 10 bulan berikutnya; {kecil_awal(kualitas)} paling "
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

    def _tambahan(self, rencana: Rencana, jpt: bool) -> None:
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

    def _lampiran(self, rencana: Rencana, jabatan: Jabatan) -> None:
        konteks = {"unit": self._unit(jabatan), "tahun": self.tahun}
        for jenis, pilihan in LAMPIRAN.items():
            for urutan, teks in enumerate(self.rng.sample(pilihan, self.rng.randint(1, 2)), start=1):
                rencana.lampiran.append(
                    LampiranItem(skp=rencana.skp, jenis=jenis, teks=teks.format(**konteks), urutan=urutan)
                )

    def _ekspektasi(self, rencana: Rencana) -> None:
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

    def _riwayat(self, rencana: Rencana, aksi, dari, ke, actor: int | None, waktu, catatan: str = "", nama=""):
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

    def _alur(self, rencana: Rencana, status: str, penilai: int | None, jabatan: Jabatan, on) -> None:
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

    def rencanakan(self) -> list[Rencana]:
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
            rencana = Rencana(pegawai=pk, kedalaman=kedalaman, skp=skp)
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
