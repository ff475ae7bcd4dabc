"""Pegawai in the Django admin go through pegawai.services.pegawai: refused exactly where the service refuses, with
its message on the same field; saved and deleted with the admin as the audit actor. The import keeps its own
service (test_import.py)."""

import pytest
from django.contrib.messages import get_messages
from django.forms.models import model_to_dict
from django.urls import reverse
from pghistory.models import Events

from pegawai.choices import StatusPegawai
from pegawai.models import Pegawai
from pegawai.services.pegawai import pegawai_hapus, pegawai_simpan
from pegawai.tests.factories import PegawaiFactory, UserFactory, make_nip

from .admin_helpers import assert_same_refusal, change_data, service_refusal, staff

pytestmark = pytest.mark.django_db


def _url(pegawai, action="change"):
    return reverse(f"admin:pegawai_pegawai_{action}", args=[pegawai.pk])


@pytest.mark.parametrize("case", ["other_opd", "mutasi", "login", "pppk_status", "nip"])
def test_a_pegawai_change_is_refused_where_the_service_refuses_it(client, org, case):
    actor, pegawai, changes = {
        "other_opd": (org.admin_opd, org.staf_b, {"golongan": "III/b"}),
        "mutasi": (org.admin_opd, org.staf, {"jabatan": org.staf_b.jabatan}),
        "login": (org.admin_opd, org.staf_lain, {"user": UserFactory(username="akunlain")}),
        "pppk_status": (org.admin_bkpsdm, org.staf, {"status": StatusPegawai.PPPK}),
        "nip": (org.admin_bkpsdm, org.staf, {"nip": "123"}),
    }[case]
    candidate = Pegawai.objects.get(pk=pegawai.pk)
    for field, value in changes.items():
        setattr(candidate, field, value)
    refusal = service_refusal(pegawai_simpan, actor=actor, pegawai=candidate)
    before = model_to_dict(Pegawai.objects.get(pk=pegawai.pk))
    client.force_login(staff(actor, "pegawai"))
    response = client.post(_url(pegawai), change_data(client, _url(pegawai), **changes))
    assert_same_refusal(response, refusal)
    assert model_to_dict(Pegawai.objects.get(pk=pegawai.pk)) == before


def test_an_admin_opd_adds_and_changes_a_pegawai_of_their_opd(client, org):
    client.force_login(staff(org.admin_opd, "pegawai"))
    nip = make_nip(777)
    response = client.post(
        reverse("admin:pegawai_pegawai_add"),
        {
            "nip": nip,
            "nama": "Pegawai Baru",
            "jenis_kelamin": "P",
            "tanggal_lahir": "1985-01-01",
            "status": StatusPegawai.PNS,
            "golongan": "III/a",
            "jabatan": org.staf.jabatan.pk,
            "tmt_cpns": "2010-03-01",
            "aktif": "on",
        },
    )
    assert response.status_code == 302
    baru = Pegawai.objects.get(nip=nip)
    insert = Events.objects.tracks(baru).get(pgh_label="insert")
    assert insert.pgh_context["user"] == org.admin_opd.pk and insert.pgh_context["aksi"] == "pegawai_simpan"

    response = client.post(_url(org.staf), change_data(client, _url(org.staf), golongan="III/b"))
    assert response.status_code == 302
    org.staf.refresh_from_db()
    assert org.staf.golongan == "III/b"
    update = Events.objects.tracks(org.staf).get(pgh_label="update")
    assert update.pgh_context["user"] == org.admin_opd.pk and update.pgh_context["aksi"] == "pegawai_simpan"


def test_a_pegawai_with_history_is_not_deleted_and_the_admin_says_why(client, org):
    refusal = service_refusal(pegawai_hapus, actor=org.admin_bkpsdm, pegawai=org.kasi_tiga)
    client.force_login(staff(org.admin_bkpsdm, "pegawai", "penugasan"))
    response = client.post(_url(org.kasi_tiga, "delete"), {"post": "yes"})
    assert response.status_code == 302 and response.url == _url(org.kasi_tiga)
    assert [str(message) for message in get_messages(response.wsgi_request)] == refusal.daftar
    assert Pegawai.objects.filter(pk=org.kasi_tiga.pk).exists()


def test_a_pegawai_without_history_is_deleted_with_the_admin_as_actor(client, org):
    salah_input = PegawaiFactory(jabatan=org.staf.jabatan, user=None)
    client.force_login(staff(org.admin_opd, "pegawai"))
    assert client.post(_url(salah_input, "delete"), {"post": "yes"}).status_code == 302
    assert not Pegawai.objects.filter(pk=salah_input.pk).exists()
    delete = Events.objects.get(pgh_obj_model="pegawai.Pegawai", pgh_obj_id=str(salah_input.pk), pgh_label="delete")
    assert (delete.pgh_context["user"], delete.pgh_context["aksi"]) == (org.admin_opd.pk, "pegawai_hapus")
