"""Permission-table rows of the recap tables and their export. Both tables answer every login (each sees only the
rows in reach, rekap.selectors.rekap); the export is for admins and pimpinan (a pegawai or atasan reads their team
on screen only), and a successful POST answers 302 to the job page."""

from django.urls import reverse

from portal.testing.permissions import Row, all_, only


def _rekap(org):
    from rekap.tests.factories import PeriodeRekapFactory, RekapPegawaiFactory, RekapUnitFactory

    periode = PeriodeRekapFactory()
    for p in (org.staf, org.staf_lain, org.kasi, org.staf_b):
        RekapPegawaiFactory(periode=periode, pegawai=p)
    RekapUnitFactory.kota(periode=periode)
    RekapUnitFactory.opd(org.opd_a, periode=periode)
    RekapUnitFactory.opd(org.opd_b, periode=periode)
    RekapUnitFactory(periode=periode, unit_kerja=org.staf.jabatan.unit_kerja)
    org.periode_rekap = periode


ADMIN_POST = {"admin_opd": 302, "admin_opd_lain": 302, "admin_bkpsdm": 302}

ROWS = [
    Row("rekap:unit_list", lambda org: reverse("rekap:unit_list"), all_(200), setup=_rekap),
    Row("rekap:pegawai_list", lambda org: reverse("rekap:pegawai_list"), all_(200), setup=_rekap),
    Row(
        "rekap:ekspor",
        lambda org: reverse("rekap:ekspor"),
        only(ADMIN_POST),
        method="post",
        data=lambda org: {"tabel": "pegawai", "format": "xlsx", "periode": org.periode_rekap.pk},
        setup=_rekap,
    ),
]
