"""Permission-table rows for the capaian kinerja organisasi page: shown to whoever sets a capaian one level up in
Triwulan I of the test year — the kabid (atasan's atasan: the sections of Bidang Satu), admin OPD of Dinas A (its
units below the top) and admin BKPSDM (every OPD). The pegawai, the kasi and the Plt head no unit with units below,
and Dinas B has a single unit: its admin gets the page saying there is nothing to set (the menu links it), the others
get 404."""

from django.urls import reverse

from portal.testing.permissions import Row, only


def _periode(org):
    from penilaian.tests.factories import PeriodeFactory

    org.periode_penilaian = PeriodeFactory()


ROWS = [
    Row(
        "penilaian:capaian",
        lambda org: f"{reverse('penilaian:capaian')}?periode={org.periode_penilaian.pk}",
        only({"atasan_atasan": 200, "admin_opd": 200, "admin_opd_lain": 200, "admin_bkpsdm": 200}),
        setup=_periode,
    ),
]
