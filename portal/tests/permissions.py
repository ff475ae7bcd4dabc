"""Permission-table rows for the portal's own URLs (walked by mangbagja/tests/test_permissions.py)."""

from django.urls import reverse

from portal.models import Pekerjaan
from portal.testing.permissions import Row, all_, only


def _job(org):
    org.job = Pekerjaan.objects.create(user=org.staf.user, jenis="uji", judul="Uji")


ROWS = [
    Row("dashboard", lambda org: reverse("dashboard"), all_(200)),
    Row("panduan", lambda org: reverse("panduan"), all_(200, anonymous=200)),
    Row("pekerjaan_list", lambda org: reverse("pekerjaan_list"), all_(200)),
    Row(
        "pekerjaan_detail",
        lambda org: reverse("pekerjaan_detail", args=[org.job.pk]),
        only({"pegawai": 200}),
        setup=_job,
    ),
    Row(
        "pekerjaan_unduh",
        lambda org: reverse("pekerjaan_unduh", args=[org.job.pk]),
        # The owner gets 404 too while the job has no file yet (tested with a file in test_jobs.py).
        only({}),
        setup=_job,
    ),
    Row(
        "pekerjaan_coba_lagi",
        lambda org: reverse("pekerjaan_coba_lagi", args=[org.job.pk]),
        # The owner is sent back to the job page (with "nothing to retry" for this fresh job; see test_jobs.py).
        only({"pegawai": 302}),
        method="post",
        setup=_job,
    ),
    # Own notifications only: the list is filtered on the login, so every persona gets a page (their own).
    Row("notifikasi_list", lambda org: reverse("notifikasi_list"), all_(200)),
    Row("notifikasi_baca_semua", lambda org: reverse("notifikasi_baca_semua"), all_(302), method="post"),
]
