"""Which evaluation periods of the demo year exist on ``hari_ini`` and in which state (:func:`rencana_periode`). Pure:
no database."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from penilaian import rules
from penilaian.choices import JenisPeriode, StatusPeriode
from penilaian.selectors.periode import rentang

#: Days after a period's end by which its ratings are expected (what admin BKPSDM usually sets).
BATAS_HARI = 14
#: The annual rating follows the last periodic one, after the year's end.
BATAS_HARI_TAHUNAN = 31


@dataclass(frozen=True)
class PeriodeDemo:
    jenis: str
    nomor: int
    mulai: datetime.date
    selesai: datetime.date
    batas: datetime.date
    status: str
    #: Evaluations are seeded: a periodic period that ended before ``hari_ini``.
    dinilai: bool

    @property
    def ditutup(self) -> bool:
        return self.status == StatusPeriode.DITUTUP


def rencana_periode(tahun: int, jenis: str, hari_ini: datetime.date) -> list[PeriodeDemo]:
    """The periods of ``tahun`` admin BKPSDM has opened by ``hari_ini``, in calendar order, the annual one last.

    - Every periodic period that has started exists. Those that ended before ``hari_ini`` were rated and closed,
      except the most recent one: it stays open, its ratings under way, so the demo atasan still has work in it.
      The period running on ``hari_ini`` is open (nothing to rate yet: evaluations are prepared when opened).
    - The annual period is opened in December (the last periodic period is running, the year's evaluation comes
      next) and stays open after the year: the annual rating is given by the penilai at year end once the last
      period is rated, so no annual evaluations are seeded — the atasan starts them (``evaluasi_siapkan``)."""
    hasil = []
    berakhir = [n for n in range(1, rules.jumlah_periode(jenis) + 1) if rentang(jenis, n, tahun)[1] < hari_ini]
    terakhir = max(berakhir, default=None)
    for nomor in range(1, rules.jumlah_periode(jenis) + 1):
        mulai, selesai = rentang(jenis, nomor, tahun)
        if mulai > hari_ini:
            break
        selesai_lalu = nomor in berakhir
        status = StatusPeriode.DITUTUP if selesai_lalu and nomor != terakhir else StatusPeriode.DIBUKA
        batas = selesai + datetime.timedelta(days=BATAS_HARI)
        hasil.append(PeriodeDemo(jenis, nomor, mulai, selesai, batas, status, dinilai=selesai_lalu))
    if hari_ini >= datetime.date(tahun, 12, 1):
        mulai, selesai = rentang(JenisPeriode.TAHUNAN, 1, tahun)
        batas = selesai + datetime.timedelta(days=BATAS_HARI_TAHUNAN)
        hasil.append(PeriodeDemo(JenisPeriode.TAHUNAN, 1, mulai, selesai, batas, StatusPeriode.DIBUKA, dinilai=False))
    return hasil
