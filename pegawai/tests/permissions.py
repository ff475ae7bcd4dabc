"""Permission-table rows for the pegawai app's URLs (walked by mangbagja/tests/test_permissions.py)."""

from django.urls import reverse
from django.utils import timezone

from portal.testing.permissions import Row, all_, only

ADMINS = {"admin_opd": 200, "admin_opd_lain": 200, "admin_bkpsdm": 200}


def _delegasi(org):
    from pegawai.models import DelegasiPenilai

    hari_ini = timezone.localdate()
    org.delegasi = DelegasiPenilai.objects.create(
        pemberi=org.kasi,
        penerima=org.staf,
        tanggal_mulai=hari_ini,
        tanggal_selesai=hari_ini,
        alasan="Tim kerja.",
        nomor_surat="800/1",
    )


ROWS = [
    Row("login", lambda org: reverse("login"), all_(302, anonymous=200)),
    Row("logout", lambda org: reverse("logout"), all_(302), method="post"),
    Row("password_change", lambda org: reverse("password_change"), all_(200)),
    Row("password_change_done", lambda org: reverse("password_change_done"), all_(200)),
    # The first-passwords page answers every admin (each sees their own OPDs); issuing is tested in test_akun_massal.py.
    Row("akun_sandi_massal", lambda org: reverse("akun_sandi_massal"), only(ADMINS)),
    Row("pegawai_list", lambda org: reverse("pegawai_list"), all_(200)),
    Row("pegawai_ekspor", lambda org: reverse("pegawai_ekspor"), only(ADMINS)),
    Row("pegawai_impor", lambda org: reverse("pegawai_impor"), only(ADMINS)),
    Row("pegawai_impor_templat", lambda org: reverse("pegawai_impor_templat"), only(ADMINS)),
    Row(
        "pegawai_detail",
        lambda org: reverse("pegawai_detail", args=[org.staf.nip]),
        only({"pegawai": 200, "atasan": 200, "atasan_atasan": 200, "admin_opd": 200, "admin_bkpsdm": 200}),
    ),
    Row(
        "pegawai_atur_ulang_sandi",
        lambda org: reverse("pegawai_atur_ulang_sandi", args=[org.staf.nip]),
        only({"admin_opd": 200, "admin_bkpsdm": 200}),
        method="post",
    ),
    # A mutasi is recorded by whoever manages the pegawai: their OPD's admin and BKPSDM; anyone else gets 404.
    # The write is the row (the form page answers the same personas: test_mutasi.py).
    Row(
        "pegawai_mutasi",
        lambda org: reverse("pegawai_mutasi", args=[org.staf.nip]),
        only({"admin_opd": 302, "admin_bkpsdm": 302}),
        method="post",
        data=lambda org: {"jabatan": org.staf_dua.jabatan_id, "tmt": timezone.localdate().isoformat()},
    ),
    Row("organisasi", lambda org: reverse("organisasi"), all_(200)),
    Row(
        "organisasi_detail",
        lambda org: reverse("organisasi_detail", args=[org.opd_a.pk]),
        all_(200, admin_opd_lain=404),
    ),
    Row(
        "unit_kerja_detail",
        lambda org: reverse("unit_kerja_detail", args=[org.kasi.jabatan.unit_kerja_id]),
        all_(200, admin_opd_lain=404),
    ),
    Row(
        "unit_kerja_mandiri",
        lambda org: reverse("unit_kerja_mandiri", args=[org.kasi.jabatan.unit_kerja_id]),
        only({"admin_bkpsdm": 302}),
        method="post",
        data=lambda org: {"mandiri": "on"},
    ),
    Row("penugasan_list", lambda org: reverse("penugasan_list"), only(ADMINS)),
    Row("penugasan_create", lambda org: reverse("penugasan_create"), only(ADMINS)),
    Row(
        "penugasan_update",
        lambda org: reverse("penugasan_update", args=[org.plt.pk]),
        only({"admin_opd": 200, "admin_bkpsdm": 200}),
    ),
    Row(
        "penugasan_delete",
        lambda org: reverse("penugasan_delete", args=[org.plt.pk]),
        only({"admin_opd": 302, "admin_bkpsdm": 302}),
        method="post",
    ),
    # Delegations of the penilai's rights: every admin opens the list (their own OPD's), only the admins of both
    # people reach one delegation; cancelling is the row (the form page answers the same personas: test_delegasi_views).
    Row("delegasi_list", lambda org: reverse("delegasi_list"), only(ADMINS)),
    Row("delegasi_create", lambda org: reverse("delegasi_create"), only(ADMINS)),
    Row(
        "delegasi_batal",
        lambda org: reverse("delegasi_batal", args=[org.delegasi.pk]),
        only({"admin_opd": 302, "admin_bkpsdm": 302}),
        method="post",
        data=lambda org: {"alasan_batal": "Surat dicabut."},
        setup=_delegasi,
    ),
    Row("penilai_periksa", lambda org: reverse("penilai_periksa"), only(ADMINS)),
    Row("audit_list", lambda org: reverse("audit_list"), only({"admin_bkpsdm": 200})),
    Row("akses_log", lambda org: reverse("akses_log"), only({"admin_bkpsdm": 200})),
    # Django admin: only staff (admin BKPSDM) get in; everyone else is sent to the admin login.
    Row("admin:index", lambda org: reverse("admin:index"), all_(302, admin_bkpsdm=200)),
]
