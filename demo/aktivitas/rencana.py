"""The plan of the demo activities (:class:`Perencana`): which pegawai work on which day (their approved SKP, their
unit's working week, the holidays), the times of each day, the RHK and kind of work of each activity and the status
the calendar gives it. Yields the rows as COPY text lines."""

from __future__ import annotations

import bisect
import datetime
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from kinerja import rules
from kinerja.choices import KategoriAktivitas, StatusAktivitas
from kinerja.models import PengaturanKinerja
from kinerja.selectors.kalender import hari_kerja_per_minggu
from pegawai.models import DelegasiPenilai, Penugasan, RiwayatJabatan
from skp.choices import Aspek, JenisRhk, SkpStatus
from skp.models import IndikatorKinerjaIndividu, RencanaHasilKerja, Skp

from ..bulk import copy_text
from .kerja import CATATAN_TOLAK, DI_LUAR_SKP, PELUANG_DI_LUAR_SKP, SATUAN_BUKAN_HITUNGAN, Kerja, profil

#: Day plans drawn once per run and reused: the times of a day.
POLA_HARI = 256


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
    """The approved, current SKP of active pegawai overlapping ``awal``–``akhir`` in their definitive positions
    (after a mutasi, the old position's up to the day before the TMT and the new one's from it; not the SKP of a
    position held as Plt, which runs beside their own) with their RHK and each RHK's count satuan (the kuantitas
    IKI's, else the first IKI counting something), ordered by pegawai and start. Four or five queries."""
    sebagai_plt = Penugasan.objects.filter(pegawai_id=OuterRef("pegawai_id"), jabatan_id=OuterRef("jabatan_id"))
    skp = list(
        Skp.objects.filter(
            status=SkpStatus.DISETUJUI,
            digantikan_pada__isnull=True,
            tanggal_mulai__lte=akhir,
            tanggal_selesai__gte=awal,
            pegawai__aktif=True,
        )
        .exclude(Exists(sebagai_plt))
        .order_by("pegawai_id", "tanggal_mulai", "pk")
        .values_list("pk", "pegawai_id", "tanggal_mulai", "tanggal_selesai", "jabatan__unit_kerja_id", "jabatan__jenis")
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
                kerja=profil(teks, jenis, jenis_jabatan[skp_id]),
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
    """First days of the stretches within which no position changes hands: no Plt/Plh, assignment (a mutasi, an
    appointment, a retirement) or delegation starts or ends. The pejabat penilai of anyone can only change at these
    days, so it is computed once per stretch instead of once per day."""
    batas = {awal}
    satu = datetime.timedelta(days=1)
    rentang = [
        Penugasan.objects.filter(
            Q(tanggal_mulai__range=(awal, akhir)) | Q(tanggal_selesai__range=(awal - satu, akhir))
        ).values_list("tanggal_mulai", "tanggal_selesai"),
        RiwayatJabatan.objects.filter(
            Q(tmt__range=(awal, akhir)) | Q(tanggal_selesai__range=(awal - satu, akhir))
        ).values_list("tmt", "tanggal_selesai"),
        DelegasiPenilai.objects.filter(
            Q(tanggal_mulai__range=(awal, akhir)) | Q(tanggal_selesai__range=(awal - satu, akhir))
        ).values_list("tanggal_mulai", "tanggal_selesai"),
    ]
    for baris in rentang:
        for mulai, selesai in baris:
            for hari in (mulai, selesai + satu if selesai else None):
                if hari is not None and awal < hari <= akhir:
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
