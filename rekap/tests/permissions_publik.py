"""Permission-matrix rows of rekap (publik): the transparency page answers every persona, anonymous included (200,
no redirect to the login page). The setup publishes a closed month with Dinas A, Dinas B and the city, so the page
shows its month picker (which the hostile sweep then fills)."""

from django.test import TestCase
from django.urls import reverse

from portal.testing.permissions import Row, all_


def _bulan_terbit(org):
    from rekap.choices import StatusPeriodeRekap
    from rekap.selectors.publik import transparansi_hapus_cache
    from rekap.tests.factories import PeriodeRekapFactory, RekapUnitFactory

    periode = PeriodeRekapFactory(tahun=2026, nomor=2, status=StatusPeriodeRekap.DITUTUP)
    RekapUnitFactory.opd(org.opd_a, periode=periode, pegawai_n=8)
    RekapUnitFactory.opd(org.opd_b, periode=periode, pegawai_n=6)
    RekapUnitFactory.kota(periode=periode, pegawai_n=14)
    # The page caches across tests; the test transaction never commits, so run the invalidation's hook now.
    with TestCase.captureOnCommitCallbacks(execute=True):
        transparansi_hapus_cache(periode)


ROWS = [
    Row(
        "rekap:transparansi",
        lambda org: reverse("rekap:transparansi"),
        all_(200, anonymous=200),
        setup=_bulan_terbit,
    ),
]
