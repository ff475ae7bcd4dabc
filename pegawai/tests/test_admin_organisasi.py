"""OPD, units and positions in the Django admin go through pegawai.services.organisasi: refused exactly where the
service refuses, with its message on the same field; saved and deleted with the admin as the audit actor."""

import pytest
from django.contrib.messages import get_messages
from django.forms.models import model_to_dict
from django.urls import reverse
from pghistory.models import Events

from pegawai.choices import JenisJabatan, Jenjang
from pegawai.models import Jabatan, Penugasan, PerangkatDaerah, UnitKerja
from pegawai.services.organisasi import (
    jabatan_hapus,
    jabatan_simpan,
    opd_hapus,
    opd_simpan,
    unit_kerja_simpan,
)
from pegawai.tests.factories import JabatanFactory, PerangkatDaerahFactory, UnitKerjaFactory

from .admin_helpers import assert_same_refusal, change_data, service_refusal, staff

pytestmark = pytest.mark.django_db

ORGANISASI = ("perangkatdaerah", "unitkerja", "jabatan", "penugasan")


def _url(obj, action="change"):
    return reverse(f"admin:pegawai_{obj._meta.model_name}_{action}", args=[obj.pk])


def assert_change_refused_like_the_service(client, actor, obj, service, argument, **changes):
    """``changes`` posted to ``obj``'s admin page by ``actor`` are refused as the service refuses the same values,
    and the row stays as it was."""
    candidate = type(obj).objects.get(pk=obj.pk)
    for field, value in changes.items():
        setattr(candidate, field, value)
    refusal = service_refusal(service, actor=actor, **{argument: candidate})
    before = model_to_dict(type(obj).objects.get(pk=obj.pk))
    client.force_login(staff(actor, *ORGANISASI))
    response = client.post(_url(obj), change_data(client, _url(obj), **changes))
    assert_same_refusal(response, refusal)
    assert model_to_dict(type(obj).objects.get(pk=obj.pk)) == before


def _units(org):
    seksi1 = org.kasi.jabatan.unit_kerja
    bidang = seksi1.parent
    return bidang.parent, bidang, seksi1, org.staf_b.jabatan.unit_kerja


# --- refused where the service refuses -----------------------------------------------------------------------


def test_an_opd_is_changed_by_bkpsdm_only_and_keeps_its_unique_name(client, org):
    assert_change_refused_like_the_service(client, org.admin_opd, org.opd_a, opd_simpan, "opd", nama="Dinas A Baru")
    assert_change_refused_like_the_service(client, org.admin_bkpsdm, org.opd_a, opd_simpan, "opd", nama="Dinas B")


@pytest.mark.parametrize("case", ["other_opd_unit", "into_other_opd", "parent_in_other_opd", "cycle", "sub_units"])
def test_a_unit_change_is_refused_where_the_service_refuses_it(client, org, case):
    sekretariat, bidang, seksi1, unit_b = _units(org)
    actor, unit, changes = {
        "other_opd_unit": (org.admin_opd, unit_b, {"nama": "Dinas B Baru"}),
        "into_other_opd": (org.admin_opd, seksi1, {"perangkat_daerah": org.opd_b, "parent": None}),
        "parent_in_other_opd": (org.admin_opd, seksi1, {"parent": unit_b}),
        "cycle": (org.admin_opd, bidang, {"parent": seksi1}),
        "sub_units": (org.admin_bkpsdm, sekretariat, {"perangkat_daerah": org.opd_b}),
    }[case]
    assert_change_refused_like_the_service(client, actor, unit, unit_kerja_simpan, "unit_kerja", **changes)


@pytest.mark.parametrize("case", ["other_opd_position", "into_other_opd", "jenjang", "cycle", "plt_position"])
def test_a_position_change_is_refused_where_the_service_refuses_it(client, org, case):
    _sekretariat, _bidang, _seksi1, unit_b = _units(org)
    kasi_dua = org.plt.jabatan
    actor, jabatan, changes = {
        "other_opd_position": (org.admin_opd, org.staf_b.jabatan, {"nama": "Staf B Baru"}),
        "into_other_opd": (org.admin_opd, org.staf.jabatan, {"unit_kerja": unit_b}),
        "jenjang": (org.admin_opd, org.staf.jabatan, {"jenjang": Jenjang.PENGAWAS}),
        "cycle": (org.admin_opd, org.kabid.jabatan, {"parent": org.kasi.jabatan}),
        "plt_position": (org.admin_opd, kasi_dua, {"jenis": JenisJabatan.PELAKSANA, "jenjang": Jenjang.PELAKSANA}),
    }[case]
    assert_change_refused_like_the_service(client, actor, jabatan, jabatan_simpan, "jabatan", **changes)


def test_a_new_position_in_another_opds_unit_is_refused_beside_the_unit(client, org):
    unit_b = org.staf_b.jabatan.unit_kerja
    values = {"unit_kerja": unit_b, "nama": "Analis Baru", "jenis": JenisJabatan.PELAKSANA}
    refusal = service_refusal(jabatan_simpan, actor=org.admin_opd, jabatan=Jabatan(**values))
    assert set(refusal.errors) == {"unit_kerja"}
    client.force_login(staff(org.admin_opd, *ORGANISASI))
    response = client.post(reverse("admin:pegawai_jabatan_add"), {**values, "unit_kerja": unit_b.pk})
    assert_same_refusal(response, refusal)
    assert not Jabatan.objects.filter(nama="Analis Baru").exists()


# --- saved through the service, with the admin as the actor --------------------------------------------------


def test_an_admin_opd_adds_and_changes_units_and_positions_of_their_opd(client, org):
    _sekretariat, bidang, _seksi1, _unit_b = _units(org)
    client.force_login(staff(org.admin_opd, *ORGANISASI))

    response = client.post(
        reverse("admin:pegawai_unitkerja_add"),
        {"perangkat_daerah": org.opd_a.pk, "parent": bidang.pk, "nama": "Seksi Empat", "aktif": "on"},
    )
    assert response.status_code == 302
    unit = UnitKerja.objects.get(nama="Seksi Empat")
    insert = Events.objects.tracks(unit).get(pgh_label="insert")
    assert insert.pgh_context["user"] == org.admin_opd.pk and insert.pgh_context["aksi"] == "unit_kerja_simpan"

    jabatan = org.staf.jabatan
    response = client.post(_url(jabatan), change_data(client, _url(jabatan), unit_kerja=unit, kelas_jabatan=8))
    assert response.status_code == 302
    jabatan.refresh_from_db()
    assert (jabatan.unit_kerja, jabatan.kelas_jabatan) == (unit, 8)
    update = Events.objects.tracks(jabatan).get(pgh_label="update")
    assert update.pgh_context["user"] == org.admin_opd.pk and update.pgh_context["aksi"] == "jabatan_simpan"


def test_a_supervising_position_may_lie_in_another_opd_as_in_the_import(client, org):
    """A head of OPD reports to the sekda, whose position is in the Sekretariat Daerah."""
    kepala = org.kepala.jabatan
    client.force_login(staff(org.admin_opd, *ORGANISASI))
    response = client.post(_url(kepala), change_data(client, _url(kepala), parent=org.kepala_b.jabatan))
    assert response.status_code == 302
    kepala.refresh_from_db()
    assert kepala.parent == org.kepala_b.jabatan


def test_bkpsdm_renames_an_opd(client, org):
    client.force_login(staff(org.admin_bkpsdm, *ORGANISASI))
    response = client.post(_url(org.opd_a), change_data(client, _url(org.opd_a), nama="Dinas A Baru"))
    assert response.status_code == 302
    update = Events.objects.tracks(org.opd_a).get(pgh_label="update")
    assert update.pgh_context["user"] == org.admin_bkpsdm.pk and update.pgh_context["aksi"] == "opd_simpan"


# --- deleting ------------------------------------------------------------------------------------------------


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_position_with_plt_history_is_not_deleted_and_the_admin_says_why(client, org):
    kasi_dua = org.plt.jabatan
    refusal = service_refusal(jabatan_hapus, actor=org.admin_bkpsdm, jabatan=kasi_dua)
    client.force_login(staff(org.admin_bkpsdm, *ORGANISASI))
    response = client.post(_url(kasi_dua, "delete"), {"post": "yes"})
    assert response.status_code == 302 and response.url == _url(kasi_dua)
    assert _messages(response) == refusal.daftar
    assert Jabatan.objects.filter(pk=kasi_dua.pk).exists() and Penugasan.objects.filter(pk=org.plt.pk).exists()


def test_an_admin_opd_cannot_delete_an_opd(client, org):
    kosong = PerangkatDaerahFactory()
    refusal = service_refusal(opd_hapus, actor=org.admin_opd, opd=kosong)
    client.force_login(staff(org.admin_opd, *ORGANISASI))
    response = client.post(_url(kosong, "delete"), {"post": "yes"})
    assert _messages(response) == refusal.daftar
    assert PerangkatDaerah.objects.filter(pk=kosong.pk).exists()


def test_a_bulk_delete_is_all_or_nothing(client, org):
    kosong = JabatanFactory(unit_kerja=org.staf.jabatan.unit_kerja, nama="Jabatan Kosong")
    kasi_dua = org.plt.jabatan
    client.force_login(staff(org.admin_bkpsdm, *ORGANISASI))
    response = client.post(
        reverse("admin:pegawai_jabatan_changelist"),
        {"action": "delete_selected", "_selected_action": [kosong.pk, kasi_dua.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert Jabatan.objects.filter(pk__in=[kosong.pk, kasi_dua.pk]).count() == 2
    assert any("Plt/Plh" in message for message in _messages(response))


def test_an_empty_unit_is_deleted_with_the_admin_as_actor(client, org):
    kosong = UnitKerjaFactory(perangkat_daerah=org.opd_a, nama="Unit Kosong")
    client.force_login(staff(org.admin_opd, *ORGANISASI))
    response = client.post(_url(kosong, "delete"), {"post": "yes"})
    assert response.status_code == 302
    assert not UnitKerja.objects.filter(pk=kosong.pk).exists()
    delete = Events.objects.get(pgh_obj_model="pegawai.UnitKerja", pgh_obj_id=str(kosong.pk), pgh_label="delete")
    assert (delete.pgh_context["user"], delete.pgh_context["aksi"]) == (org.admin_opd.pk, "unit_kerja_hapus")
