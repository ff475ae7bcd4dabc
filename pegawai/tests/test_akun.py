import pytest
from django.urls import reverse
from pghistory.models import Events

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
