"""Permission rows of the Satyalancana pages: the list and the proposal download for admin BKPSDM and the admin of
the OPD asked for (the admin of another OPD gets 404 for that OPD); recording and correcting an award for admin
BKPSDM only. A pegawai or atasan gets 404 everywhere."""

import datetime

from django.urls import reverse

from portal.testing.permissions import Row, only

ADMIN_OPD_A = {"admin_opd": 200, "admin_bkpsdm": 200}
HANYA_BKPSDM = {"admin_bkpsdm": 302}


def _query(org) -> str:
    return f"per=2026-01-15&opd={org.opd_a.pk}"


def _penghargaan(org):
    from disiplin.models import PenghargaanSatyalancana

    org.penghargaan = PenghargaanSatyalancana.objects.create(
        pegawai=org.kepala, tingkat="X", nomor_keppres="1/TK/2021", tanggal_keppres=datetime.date(2021, 8, 17)
    )


ROWS = [
    Row(
        "disiplin:satyalancana",
        lambda org: f"{reverse('disiplin:satyalancana')}?{_query(org)}",
        only(ADMIN_OPD_A),
    ),
    Row(
        "disiplin:satyalancana_ekspor",
        lambda org: f"{reverse('disiplin:satyalancana_ekspor')}?{_query(org)}",
        only(ADMIN_OPD_A),
    ),
    Row(
        "disiplin:satyalancana_catat",
        lambda org: reverse("disiplin:satyalancana_catat"),
        only(HANYA_BKPSDM),
        method="post",
        # The factories' TMT CPNS is 1 March 2010: ten years reached in 2020.
        data=lambda org: {
            "nip": org.staf.nip,
            "tingkat": "X",
            "nomor_keppres": "12/TK/2021",
            "tanggal_keppres": "2021-08-17",
        },
    ),
    Row(
        "disiplin:satyalancana_ubah",
        lambda org: reverse("disiplin:satyalancana_ubah", args=[org.penghargaan.pk]),
        only(HANYA_BKPSDM),
        method="post",
        data=lambda org: {"nomor_keppres": "1/TK/2021 (koreksi)", "tanggal_keppres": "2021-08-18"},
        setup=_penghargaan,
    ),
]
