"""The demo city's recaps: the monthly recaps of the seeded months, computed by the rekap app's own services as the
nightly run does (each month whose verification lock and discipline month have closed is closed, so the public
transparency page has months to show; the others stay open), so the dashboards, recap tables and the public page
have numbers on the first `make run`.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import gettext as _

from rekap.choices import JenisPeriodeRekap
from rekap.errors import RekapError
from rekap.models import PeriodeRekap, RekapOpd, RekapPegawai, RekapRhk, RekapUnit
from rekap.services.hitung import hitung_agregat, hitung_semua_opd
from rekap.services.periode import periode_rekap, periode_tutup


@dataclass
class HasilRekap:
    bulan: int = 0
    ditutup: int = 0
    baris: int = 0
    detik: float = 0.0

    def ringkas(self) -> str:
        return _("%(bulan)s rekap bulanan (%(ditutup)s ditutup), %(baris)s baris rekap pegawai") % {
            "bulan": self.bulan,
            "ditutup": self.ditutup,
            "baris": f"{self.baris:,}".replace(",", "."),
        }


def seed_rekap(*, bulan: list[tuple[int, int]], hari_ini: datetime.date) -> HasilRekap:
    """Compute the monthly recap of each ``(tahun, bulan)`` as of ``hari_ini`` and close those that may be closed."""
    mulai = time.perf_counter()
    hasil = HasilRekap()
    for tahun, nomor in bulan:
        periode = periode_rekap(JenisPeriodeRekap.BULAN, tahun, nomor)
        try:
            periode = periode_tutup(None, periode, hari_ini)
            hasil.ditutup += 1
        except RekapError:  # not closable yet (the month is still open to entries or verification)
            hitung_semua_opd(periode, hari_ini=hari_ini)
            hitung_agregat(periode)
        hasil.bulan += 1
    hasil.baris = sum(p.rekap_pegawai.count() for p in PeriodeRekap.objects.filter(jenis=JenisPeriodeRekap.BULAN))
    hasil.detik = time.perf_counter() - mulai
    return hasil


def hapus_rekap() -> None:
    """Remove every recap before ``seed_demo --reset`` deletes the organisation (recap rows PROTECT the OPD and
    unit): TRUNCATE, as for the activities (a city's rows would go through Django's deletion collector one by one);
    the rows are derived, so no audit is kept for a demo reset."""
    qn = connection.ops.quote_name
    tabel = ", ".join(qn(m._meta.db_table) for m in (RekapRhk, RekapPegawai, RekapUnit, RekapOpd, PeriodeRekap))
    with connection.cursor() as cursor:
        # Rows the recap services wrote earlier in this transaction still have their deferred foreign-key checks
        # pending, and PostgreSQL refuses to truncate a table with pending trigger events: run the checks now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {tabel}")
