"""Permission-table rows for the attendance pages: admin OPD (either OPD) and admin BKPSDM; every other persona gets
404, anonymous the login page. Deleting a hand-entered day of Staf A (Dinas A) is for Dinas A's admin and admin
BKPSDM only (404 for Dinas B's). A successful POST answers 302."""

import datetime

from django.urls import reverse

from portal.testing.permissions import Row, only

ADMIN = {"admin_opd": 200, "admin_opd_lain": 200, "admin_bkpsdm": 200}


def _cuti(org):
    from disiplin.choices import Keterangan, SumberKehadiran
    from disiplin.models import Kehadiran

    org.kehadiran = Kehadiran.objects.create(
        pegawai=org.staf,
        tanggal=datetime.date(2025, 3, 3),
        keterangan=Keterangan.CUTI,
        sumber=SumberKehadiran.ADMIN,
        dicatat_oleh=org.admin_opd,
    )


ROWS = [
    Row("disiplin:presensi_impor", lambda org: reverse("disiplin:presensi_impor"), only(ADMIN)),
    Row("disiplin:presensi_rekap", lambda org: reverse("disiplin:presensi_rekap"), only(ADMIN)),
    Row("disiplin:presensi_rekap_ekspor", lambda org: reverse("disiplin:presensi_rekap_ekspor"), only(ADMIN)),
    Row("disiplin:kehadiran", lambda org: reverse("disiplin:kehadiran"), only(ADMIN)),
    Row(
        "disiplin:kehadiran_hapus",
        lambda org: reverse("disiplin:kehadiran_hapus", args=[org.kehadiran.pk]),
        only({"admin_opd": 302, "admin_bkpsdm": 302}),
        method="post",
        setup=_cuti,
    ),
]
