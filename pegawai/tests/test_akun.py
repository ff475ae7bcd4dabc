import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pghistory.models import Events

from pegawai.models import User
from pegawai.services.akun import akun_atur_ulang_sandi
from pegawai.tests.factories import PegawaiFactory

pytestmark = pytest.mark.django_db


def test_it_gives_a_temporary_password_that_must_be_changed_at_login(client, org):
    client.force_login(org.admin_opd)
    page = client.post(reverse("pegawai_atur_ulang_sandi", args=[org.staf.nip]))
    assert page.status_code == 200
    sandi = page.context["sandi"]
    assert "no-store" in page["Cache-Control"]

    client.logout()
    assert client.post(reverse("login"), {"username": org.staf.nip, "password": sandi}).status_code == 302
    # Every page leads to the password change until the password is replaced.
    forced = client.get(reverse("pegawai_list"))
    assert forced.status_code == 302 and forced.url == reverse("password_change")
    changed = client.post(
        reverse("password_change"),
        {"old_password": sandi, "new_password1": "Bandung-Juara-2026", "new_password2": "Bandung-Juara-2026"},
    )
    assert changed.status_code == 302
    assert client.get(reverse("pegawai_list")).status_code == 200


def test_a_temporary_password_flag_set_on_an_open_session_ends_it_and_the_next_login_must_change(client, org):
    # The admin ticks "Kata sandi sementara" without giving a new password: the flag is checked from the session's
    # mark, so the open session must end rather than carry on unmarked.
    client.force_login(org.staf.user)
    assert client.get(reverse("pegawai_list")).status_code == 200
    User.objects.filter(pk=org.staf.user.pk).update(harus_ganti_sandi=True)
    ended = client.get(reverse("pegawai_list"))
    assert ended.status_code == 302 and ended.url.startswith(reverse("login"))
    client.force_login(User.objects.get(pk=org.staf.user.pk))
    forced = client.get(reverse("pegawai_list"))
    assert forced.status_code == 302 and forced.url == reverse("password_change")
    # Even a public page, which reads no user: the mark is in the session.
    forced = client.get(reverse("rekap:transparansi"))
    assert forced.status_code == 302 and forced.url == reverse("password_change")


def test_a_logged_in_visit_to_a_page_needing_nobody_reads_no_user_row(client, org):
    # The public transparency page: neither the forced-change check nor the audit context loads the login's row.
    client.force_login(org.staf.user)
    client.get(reverse("rekap:transparansi"))  # the first request of a session stamps it (portal.sesi)
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(reverse("rekap:transparansi")).status_code == 200
    assert not [q["sql"] for q in kueri.captured_queries if User._meta.db_table in q["sql"]]


def test_it_creates_the_login_of_an_imported_pegawai_without_one(org):
    baru = PegawaiFactory(jabatan=org.staf.jabatan, user=None)
    sandi = akun_atur_ulang_sandi(actor=org.admin_opd, pegawai=baru)
    baru.refresh_from_db()
    assert baru.user.username == baru.nip and baru.user.check_password(sandi) and baru.user.harus_ganti_sandi


def test_it_audits_the_reset_with_the_admin_as_actor(org):
    akun_atur_ulang_sandi(actor=org.admin_bkpsdm, pegawai=org.staf)
    event = Events.objects.tracks(org.staf.user).filter(pgh_label="update").get()
    assert event.pgh_diff == {"harus_ganti_sandi": [False, True]}
    assert event.pgh_context["user"] == org.admin_bkpsdm.pk


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "admin_opd_lain"])
def test_it_refuses_anyone_outside_the_admin_scope_with_404(client, org, persona):
    client.force_login(org.user(persona))
    before = org.staf.user.password
    assert client.post(reverse("pegawai_atur_ulang_sandi", args=[org.staf.nip])).status_code == 404
    org.staf.user.refresh_from_db()
    assert org.staf.user.password == before
