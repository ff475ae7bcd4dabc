"""The plan of the demo attendance (:class:`Perencana`): one row per active pegawai and working day of their unit's
calendar in the seeded days, as an attendance machine's export would give it, and a handful of pegawai placed just
below a threshold of PP 94/2021 (:data:`KASUS`). Yields the rows as COPY text lines.

What a demo month looks like for one pegawai: mostly hadir, clocking in a little before the scheduled start and out
a little after the end (``settings.DISIPLIN_JAM_MASUK`` / ``DISIPLIN_JAM_PULANG``), now and then late or gone
early, once in a while without a clock-out; about one in five takes a few days of cuti, one in ten is sakit for a
day or three, some are on dinas luar; about one in fifty misses a day without a reason. A few habitual latecomers
are late on a third of their days. The dinas luar days of the demo admin OPD's own OPD are entered by that admin
(``sumber`` admin), everything else comes from the one import (``sumber`` impor).

The near-threshold pegawai (:data:`KASUS`) are counted in one year (the seed's ``tahun``, else the last year of the
seeded days) and get no other absence, lateness or early leave, so their totals are exactly the planned ones."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings

from disiplin.choices import Keterangan, SumberKehadiran

from ..bulk import copy_text

NULL = "\\N"  # COPY text format
HADIR, TANPA_KETERANGAN, DINAS_LUAR = (
    Keterangan.HADIR.value,
    Keterangan.TANPA_KETERANGAN.value,
    Keterangan.DINAS_LUAR.value,
)
IMPOR, ADMIN = SumberKehadiran.IMPOR.value, SumberKehadiran.ADMIN.value
_WIB = ZoneInfo(settings.TIME_ZONE)
#: Clock times drawn once per run and reused: (jam masuk, jam pulang) of a present day.
POLA = 1024


@dataclass(frozen=True)
class Kasus:
    """A pegawai placed just below a threshold: ``hari`` days absent without a reason in the year (``berturut``:
    all in one run of consecutive working days), plus ``menit`` minutes of late arrival and early leave."""

    nama: str
    hari: int
    berturut: bool = False
    menit: int = 0


KASUS = (
    # One more day brings a teguran lisan.
    Kasus("dua_hari", 2),
    # Nine more minutes make a third day: a teguran lisan.
    Kasus("dua_hari_441_menit", 2, menit=441),
    # One more day brings a pernyataan tidak puas.
    Kasus("enam_hari", 6),
    # One more day brings the first sedang: tunjangan kinerja cut by 25% for 6 months.
    Kasus("sepuluh_hari", 10),
    # A tenth consecutive working day brings PDHTAPS.
    Kasus("sembilan_berturut", 9, berturut=True),
)
#: Near-threshold pegawai per kind per this many active pegawai (at least one each).
PER_KASUS = 2500

#: Per pegawai and month: (keterangan, probability, lengths of the run in working days to draw from).
PERISTIWA = (
    (Keterangan.CUTI.value, 0.2, (1, 1, 2, 2, 3, 3, 4, 5)),
    (Keterangan.SAKIT.value, 0.1, (1, 1, 1, 2, 2, 3)),
    (DINAS_LUAR, 0.12, (1, 1, 2, 2, 3)),
    (TANPA_KETERANGAN, 0.02, (1,)),
)
#: Share of pegawai who are late on about a third of their days.
PELUANG_SERING_TERLAMBAT = 0.05


def menit_jam(jam: str) -> int:
    """Minutes since midnight of an ``"HH:MM"`` setting."""
    j, m = jam.split(":")
    return int(j) * 60 + int(m)


def _jam(menit: int, detik: int) -> str:
    return f"{menit // 60:02d}:{menit % 60:02d}:{detik:02d}"


def pola_jam(rng: random.Random, masuk: int, pulang: int, terlambat: float) -> list[tuple[str, str]]:
    """:data:`POLA` present days: a clock-in up to 45 minutes before ``masuk`` (late with probability
    ``terlambat``: mostly a few minutes, sometimes over an hour), a clock-out up to 90 minutes after ``pulang``
    (4% leave early, 1% forget to clock out)."""
    hasil = []
    for _i in range(POLA):
        if rng.random() < terlambat:
            lambat = rng.choices(((1, 5), (6, 15), (16, 45), (46, 90)), weights=(50, 30, 15, 5))[0]
            m = masuk + rng.randint(*lambat)
        else:
            m = masuk - rng.randint(0, 45)
        r = rng.random()
        if r < 0.04:
            p: str | None = _jam(pulang - rng.randint(5, 90), rng.randrange(60))
        elif r < 0.05:
            p = None
        else:
            p = _jam(pulang + rng.randint(0, 90), rng.randrange(60))
        hasil.append((_jam(m, rng.randrange(60)), p or NULL))
    return hasil


@dataclass(frozen=True)
class PegawaiDemo:
    pk: int
    mulai: datetime.date  # the TMT CPNS: no attendance before it
    minggu: int  # 5- or 6-day week of the unit
    opd: int


@dataclass
class Rencana:
    """What one pegawai's days hold: index into their working days → keterangan (absent: hadir), and for a
    near-threshold pegawai their exact minutes per day."""

    pegawai: PegawaiDemo
    hari: list[datetime.date]
    peristiwa: dict[int, str] = field(default_factory=dict)
    kasus: Kasus | None = None
    # index → (minutes late, minutes early)
    menit: dict[int, tuple[int, int]] = field(default_factory=dict)
    sering_terlambat: bool = False


class Perencana:
    """Plans the rows in two passes over the pegawai (ordered by primary key): the days' keterangan first (so the
    counts are known before writing), then the clock times. Everything random comes from one ``random.Random``
    walked in a fixed order, so the plan depends only on the database, the seed and the day."""

    def __init__(
        self,
        *,
        pegawai: list[PegawaiDemo],
        hari_kerja: dict[int, list[datetime.date]],
        tahun_ambang: int,
        seed: int,
        hari_ini: datetime.date,
        jam_masuk: str,
        jam_pulang: str,
    ):
        self.rng = rng = random.Random(f"disiplin-demo-{seed}-{hari_ini.isoformat()}")
        self.masuk, self.pulang = menit_jam(jam_masuk), menit_jam(jam_pulang)
        self.pola = pola_jam(rng, self.masuk, self.pulang, 0.07)
        self.pola_lambat = pola_jam(rng, self.masuk, self.pulang, 0.35)
        self.pegawai, self.hari_kerja, self.tahun_ambang = pegawai, hari_kerja, tahun_ambang
        self.rencana: list[Rencana] = []
        self.kasus: Counter = Counter()
        self.keterangan: Counter = Counter()

    # --- pass 1: the days --------------------------------------------------------------------------------------

    def rencanakan(self) -> list[Rencana]:
        rng = self.rng
        for p in self.pegawai:
            hari = self.hari_kerja[p.minggu]
            if hari and p.mulai > hari[0]:
                hari = [d for d in hari if d >= p.mulai]
            if hari:
                self.rencana.append(Rencana(p, hari))
        penuh = [r for r in self.rencana if r.hari is self.hari_kerja[r.pegawai.minggu]]
        per = max(1, len(self.pegawai) // PER_KASUS)
        terpilih = rng.sample(penuh, min(len(penuh), per * len(KASUS)))
        for i, r in enumerate(terpilih):
            self._kasus(r, KASUS[i % len(KASUS)])
        for r in self.rencana:
            if r.kasus is None:
                self._acak(r)
            self.keterangan[HADIR] += len(r.hari) - len(r.peristiwa)
            self.keterangan.update(r.peristiwa.values())
        return self.rencana

    def _acak(self, r: Rencana) -> None:
        """Random runs of cuti, sakit, dinas luar and a day without a reason, month by month."""
        rng = self.rng
        r.sering_terlambat = rng.random() < PELUANG_SERING_TERLAMBAT
        awal = 0
        while awal < len(r.hari):
            bulan = (r.hari[awal].year, r.hari[awal].month)
            akhir = awal
            while akhir < len(r.hari) and (r.hari[akhir].year, r.hari[akhir].month) == bulan:
                akhir += 1
            for keterangan, peluang, panjang in PERISTIWA:
                if rng.random() < peluang:
                    mulai = rng.randrange(awal, akhir)
                    for i in range(mulai, min(akhir, mulai + rng.choice(panjang))):
                        r.peristiwa.setdefault(i, keterangan)
            awal = akhir

    def _kasus(self, r: Rencana, kasus: Kasus) -> None:
        """Place ``kasus`` in the year counted (skipped when that year has too few of the pegawai's working days)."""
        rng = self.rng
        indeks = [i for i, d in enumerate(r.hari) if d.year == self.tahun_ambang]
        if kasus.berturut:
            if len(indeks) < kasus.hari:
                return
            mulai = rng.randrange(len(indeks) - kasus.hari + 1)
            absen = indeks[mulai : mulai + kasus.hari]
        else:
            # Every other working day at most, so a run never nears the ten consecutive days.
            selang = indeks[rng.randrange(2) :: 2]
            if len(selang) < kasus.hari:
                return
            absen = sorted(rng.sample(selang, kasus.hari))
        tidak = set(absen)
        hadir = [i for i in indeks if i not in tidak]
        if kasus.menit and not hadir:
            return
        r.kasus = kasus
        self.kasus[kasus.nama] += 1
        r.peristiwa = dict.fromkeys(absen, TANPA_KETERANGAN)
        if kasus.menit:
            # Late arrivals, and the last part as an early leave: the two add up.
            hari = sorted(rng.sample(hadir, min(len(hadir), 9)))
            potong = sorted(rng.sample(range(1, kasus.menit), len(hari) - 1))
            bagian = [b - a for a, b in zip([0, *potong], [*potong, kasus.menit], strict=True)]
            for n, (i, menit) in enumerate(zip(hari, bagian, strict=True)):
                r.menit[i] = (0, menit) if n == len(hari) - 1 and len(hari) > 1 else (menit, 0)

    # --- pass 2: the rows --------------------------------------------------------------------------------------

    def baris(self, *, impor: int, diimpor_pada: str, admin_opd: tuple[int, int] | None) -> Iterator[str]:
        """COPY text lines for :data:`demo.disiplin.seed.KOLOM`, in plan order. ``admin_opd`` is (OPD, user) of
        the demo admin OPD, who entered that OPD's dinas luar days."""
        rng = self.rng
        # The columns after keterangan of an imported row, and the clock columns of a day not present.
        dari_impor, tanpa_jam = f"{IMPOR}\t{impor}\t{NULL}\t{diimpor_pada}", f"{NULL}\t{NULL}"
        for r in self.rencana:
            pk = r.pegawai.pk
            pola = self.pola_lambat if r.sering_terlambat else self.pola
            admin = admin_opd is not None and r.pegawai.opd == admin_opd[0]
            for i, d in enumerate(r.hari):
                hari = f"{pk}\t{d.isoformat()}"
                keterangan = r.peristiwa.get(i)
                if keterangan is None:
                    if r.kasus is not None:
                        # Exactly the planned minutes: on time (10 minutes early, 5 late out) on the other days.
                        lambat, cepat = r.menit.get(i, (0, 0))
                        masuk = _jam(self.masuk + lambat if lambat else self.masuk - 10, 0)
                        jam = f"{masuk}\t{_jam(self.pulang - cepat if cepat else self.pulang + 5, 0)}"
                    else:
                        jam = "\t".join(pola[rng.randrange(POLA)])
                    yield f"{hari}\t{jam}\t{HADIR}\t{dari_impor}\n"
                elif admin and keterangan == DINAS_LUAR:
                    pada = copy_text(datetime.datetime.combine(d, datetime.time(8, rng.randrange(60)), tzinfo=_WIB))
                    yield f"{hari}\t{tanpa_jam}\t{keterangan}\t{ADMIN}\t{NULL}\t{admin_opd[1]}\t{pada}\n"
                else:
                    yield f"{hari}\t{tanpa_jam}\t{keterangan}\t{dari_impor}\n"

    def jumlah_admin(self, admin_opd: tuple[int, int] | None) -> int:
        """The rows the demo admin OPD entered (the rest are the import's)."""
        if admin_opd is None:
            return 0
        return sum(
            1 for r in self.rencana if r.pegawai.opd == admin_opd[0] for k in r.peristiwa.values() if k == DINAS_LUAR
        )
