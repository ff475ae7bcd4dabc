"""Logins, their passwords and their roles in the Django admin go through pegawai.services.akun: refused exactly
where the service refuses, with its message on the same field; saved with the admin as the audit actor. Roles are
read-only on the login's page and changed on their own page, through peran_simpan / peran_hapus."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from pghistory.models import Events

from pegawai.choices import JenisPeran
from pegawai.models import Peran, User
from pegawai.services.akun import akun_atur_sandi, akun_hapus, akun_simpan, peran_simpan
from pegawai.tests.factories import UserFactory
from portal.akseslog import catat_akses
from portal.choices import JenisAkses

from .admin_helpers import assert_same_refusal, change_data, service_refusal, staff

pytestmark = pytest.mark.django_db

SANDI = "Bandung-Juara-2026"


def _url(user, action="change"):
    return reverse(f"admin:pegawai_user_{action}", args=[user.pk])


def _password_url(user):
    return reverse("admin:auth_user_password_change", args=[user.pk])  # Django's own name, whatever the model


@pytest.mark.parametrize("case", ["other_opd", "staff_status", "superuser"])
def test_a_login_change_is_refused_where_the_service_refuses_it(client, org, case):
    actor, user, changes = {
        "other_opd": (org.admin_opd, org.staf_b.user, {"first_name": "Staf"}),
        "staff_status": (org.admin_opd, org.staf.user, {"is_staff": True}),
        "superuser": (org.admin_opd, org.staf.user, {"is_superuser": True}),
    }[case]
    candidate = User.objects.get(pk=user.pk)
    for field, value in changes.items():
        setattr(candidate, field, value)
    refusal = service_refusal(akun_simpan, actor=actor, user=candidate)
    client.force_login(staff(actor, "user", "peran"))
    response = client.post(_url(user), change_data(client, _url(user), **changes))
    assert_same_refusal(response, refusal)
    user.refresh_from_db()
    assert (user.first_name, user.is_staff, user.is_superuser) == ("", False, False)


def test_a_new_login_is_bkpsdms(client, org):
    data = {"username": "operator", "usable_password": "true", "password1": SANDI, "password2": SANDI}
    refusal = service_refusal(akun_simpan, actor=org.admin_opd, user=User(username="operator"), sandi=SANDI)
    client.force_login(staff(org.admin_opd, "user"))
    assert_same_refusal(client.post(reverse("admin:pegawai_user_add"), data), refusal)
    assert not User.objects.filter(username="operator").exists()

    client.force_login(staff(org.admin_bkpsdm, "user"))
    assert client.post(reverse("admin:pegawai_user_add"), data).status_code == 302
    operator = User.objects.get(username="operator")
    assert operator.check_password(SANDI)
    insert = Events.objects.tracks(operator).get(pgh_label="insert")
    assert insert.pgh_context["user"] == org.admin_bkpsdm.pk and insert.pgh_context["aksi"] == "akun_simpan"


def test_an_admin_opd_changes_the_login_of_their_pegawai(client, org):
    user = org.staf.user
    client.force_login(staff(org.admin_opd, "user", "peran"))
    response = client.post(_url(user), change_data(client, _url(user), first_name="Staf", harus_ganti_sandi=True))
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.harus_ganti_sandi) == ("Staf", True)
    update = Events.objects.tracks(user).get(pgh_label="update")
    assert update.pgh_context["user"] == org.admin_opd.pk and update.pgh_context["aksi"] == "akun_simpan"


def test_a_password_is_set_within_the_admins_reach_only(client, org):
    data = {"password1": SANDI, "password2": SANDI, "usable_password": "true", "set-password": "1"}
    client.force_login(staff(org.admin_opd, "user"))

    outside = org.staf_b.user
    refusal = service_refusal(akun_atur_sandi, actor=org.admin_opd, user=outside, sandi=SANDI)
    response = client.post(_password_url(outside), data)
    assert_same_refusal(response, refusal, form=response.context["form"])
    outside.refresh_from_db()
    assert not outside.check_password(SANDI)

    inside = org.staf.user
    assert client.post(_password_url(inside), data).status_code == 302
    inside.refresh_from_db()
    assert inside.check_password(SANDI)


def test_roles_are_read_only_on_the_login_page_with_a_link_to_their_own_page(client, org):
    client.force_login(staff(org.admin_bkpsdm, "user", "peran"))
    page = client.get(_url(org.admin_opd))
    (inline,) = page.context["inline_admin_formsets"]
    assert not inline.has_add_permission and not inline.has_change_permission and not inline.has_delete_permission
    peran = org.admin_opd.peran.get()
    content = page.content.decode()
    assert reverse("admin:pegawai_peran_change", args=[peran.pk]) in content
    assert f"{reverse('admin:pegawai_peran_add')}?user={org.admin_opd.pk}" in content


def test_roles_are_granted_by_bkpsdm_through_the_service(client, org):
    add = reverse("admin:pegawai_peran_add")
    kepala = org.kepala.user

    def post(jenis, opd):
        return client.post(add, {"user": kepala.pk, "jenis": jenis, "perangkat_daerah": opd.pk if opd else ""})

    client.force_login(staff(org.admin_opd, "peran"))
    pimpinan_a = Peran(user=kepala, jenis=JenisPeran.PIMPINAN, perangkat_daerah=org.opd_a)
    refusal = service_refusal(peran_simpan, actor=org.admin_opd, peran=pimpinan_a)
    assert_same_refusal(post(JenisPeran.PIMPINAN, org.opd_a), refusal)

    client.force_login(staff(org.admin_bkpsdm, "peran"))
    tanpa_opd = Peran(user=kepala, jenis=JenisPeran.ADMIN_OPD)
    refusal = service_refusal(peran_simpan, actor=org.admin_bkpsdm, peran=tanpa_opd)
    assert set(refusal.errors) == {"perangkat_daerah"}
    assert_same_refusal(post(JenisPeran.ADMIN_OPD, None), refusal)
    assert not kepala.peran.exists()

    assert post(JenisPeran.PIMPINAN, org.opd_a).status_code == 302
    peran = kepala.peran.get()
    insert = Events.objects.tracks(peran).get(pgh_label="insert")
    assert insert.pgh_context["user"] == org.admin_bkpsdm.pk and insert.pgh_context["aksi"] == "peran_simpan"

    assert client.post(reverse("admin:pegawai_peran_delete", args=[peran.pk]), {"post": "yes"}).status_code == 302
    assert not kepala.peran.exists()
    delete = Events.objects.get(pgh_obj_model="pegawai.Peran", pgh_obj_id=str(peran.pk), pgh_label="delete")
    assert (delete.pgh_context["user"], delete.pgh_context["aksi"]) == (org.admin_bkpsdm.pk, "peran_hapus")


def test_a_login_in_the_access_log_is_not_deleted_and_one_without_history_is(client, org):
    catat_akses(user=org.kasi.user, jenis=JenisAkses.LIHAT, objek="Profil", pegawai=org.staf)
    refusal = service_refusal(akun_hapus, actor=org.admin_bkpsdm, user=org.kasi.user)
    client.force_login(staff(org.admin_bkpsdm, "user", "peran"))
    response = client.post(_url(org.kasi.user, "delete"), {"post": "yes"})
    assert response.status_code == 302 and response.url == _url(org.kasi.user)
    assert [str(message) for message in get_messages(response.wsgi_request)] == refusal.daftar
    assert User.objects.filter(pk=org.kasi.user.pk).exists()

    salah_buat = UserFactory(username="salahbuat")
    assert client.post(_url(salah_buat, "delete"), {"post": "yes"}).status_code == 302
    assert not User.objects.filter(pk=salah_buat.pk).exists()
    delete = Events.objects.get(pgh_obj_model="pegawai.User", pgh_obj_id=str(salah_buat.pk), pgh_label="delete")
    assert (delete.pgh_context["user"], delete.pgh_context["aksi"]) == (org.admin_bkpsdm.pk, "akun_hapus")
