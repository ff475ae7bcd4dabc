"""Permission-matrix rows of rekap (inti): the period list and a period's page are for the admins (admin OPD reads
the progress), starting, closing, reopening and retrying a computation for admin BKPSDM only (a successful POST
answers 302)."""

from django.urls import reverse

from portal.testing.permissions import Row, only

ADMIN = {"admin_opd": 200, "admin_opd_lain": 200, "admin_bkpsdm": 200}
BKPSDM_POST = {"admin_bkpsdm": 302}


def _periode(org):
    from rekap.models import PeriodeRekap

    org.periode_rekap = PeriodeRekap.objects.create(
        jenis="bulan", tahun=2026, nomor=2, mulai="2026-02-01", selesai="2026-02-28"
    )


def _periode_ditutup(org):
    _periode(org)
    org.periode_rekap.status = "ditutup"
    org.periode_rekap.save()


ROWS = [
    Row("rekap:periode_list", lambda org: reverse("rekap:periode_list"), only(ADMIN)),
    Row(
        "rekap:periode_detail",
        lambda org: reverse("rekap:periode_detail", args=[org.periode_rekap.pk]),
        only(ADMIN),
        setup=_periode,
    ),
    Row(
        "rekap:periode_hitung",
        lambda org: reverse("rekap:periode_hitung"),
        only(BKPSDM_POST),
        method="post",
        data=lambda org: {"jenis": "bulan", "tahun": "2026", "nomor": "1"},
    ),
    Row(
        "rekap:periode_tutup",
        lambda org: reverse("rekap:periode_tutup", args=[org.periode_rekap.pk]),
        only(BKPSDM_POST),
        method="post",
        setup=_periode,
    ),
    Row(
        "rekap:periode_buka",
        lambda org: reverse("rekap:periode_buka", args=[org.periode_rekap.pk]),
        only(BKPSDM_POST),
        method="post",
        data=lambda org: {"alasan": "Koreksi data jabatan"},
        setup=_periode_ditutup,
    ),
    Row(
        "rekap:periode_coba_lagi",
        lambda org: reverse("rekap:periode_coba_lagi", args=[org.periode_rekap.pk]),
        only(BKPSDM_POST),
        method="post",
        setup=_periode,
    ),
]
