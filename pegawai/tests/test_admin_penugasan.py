"""Plt/Plh in the Django admin go through the same service as the portal's form: refused exactly where the service
refuses, with the service's message on the same field; saved, changed and deleted with the admin as the actor."""

import datetime

import pytest
from django.urls import reverse
from pghistory.models import Events

from pegawai.choices import JenisPenugasan
from pegawai.models import Penugasan
from pegawai.services.penugasan import penugasan_buat, penugasan_ubah

from .admin_helpers import assert_same_refusal, service_refusal, staff

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
WEEK = TODAY + datetime.timedelta(days=7)


def _post(client, url, pegawai, jabatan, mulai, selesai, jenis=JenisPenugasan.PLT):
    return client.post(
        url,
        {
            "pegawai": pegawai.pk,
            "jabatan": jabatan.pk,
            "jenis": jenis,
            "tanggal_mulai": mulai.isoformat(),
            "tanggal_selesai": selesai.isoformat(),
            "nomor_sk": "800/9/2026",
        },
    )


def _staff(user):
    """``user`` as Django staff with the Plt/Plh permissions of the admin (the scope still comes from their role)."""
    return staff(user, "penugasan")


@pytest.mark.parametrize("case", ["dates", "own_position", "not_struktural", "overlap", "inactive", "other_opd"])
def test_the_admin_refuses_a_new_plt_exactly_where_the_service_does(client, org, case):
    actor = _staff(org.admin_opd if case == "other_opd" else org.admin_bkpsdm)
    if case == "inactive":
        org.staf_lain.aktif = False
        org.staf_lain.save()
    pegawai, jabatan, mulai, selesai = {
        "dates": (org.staf, org.kasi.jabatan, WEEK, TODAY),
        "own_position": (org.kasi, org.kasi.jabatan, TODAY, WEEK),
        "not_struktural": (org.kasi, org.staf.jabatan, TODAY, WEEK),
        "overlap": (org.staf, org.plt.jabatan, org.plt.tanggal_mulai, org.plt.tanggal_mulai),
        "inactive": (org.staf_lain, org.kasi.jabatan, TODAY, WEEK),
        "other_opd": (org.staf_b, org.kasi.jabatan, TODAY, WEEK),
    }[case]
    refusal = service_refusal(
        penugasan_buat,
        actor=actor,
        pegawai=pegawai,
        jabatan=jabatan,
        jenis=JenisPenugasan.PLT,
        tanggal_mulai=mulai,
        tanggal_selesai=selesai,
    )
    before = Penugasan.objects.count()
    client.force_login(actor)
    response = _post(client, reverse("admin:pegawai_penugasan_add"), pegawai, jabatan, mulai, selesai)
    assert_same_refusal(response, refusal)
    assert Penugasan.objects.count() == before


def test_the_admin_refuses_a_change_into_an_overlap_exactly_where_the_service_does(client, org):
    later = _plh_after_the_plt(org)
    refusal = service_refusal(
        penugasan_ubah,
        actor=org.admin_bkpsdm,
        penugasan=later,
        pegawai=later.pegawai,
        jabatan=later.jabatan,
        jenis=later.jenis,
        tanggal_mulai=org.plt.tanggal_mulai,
        tanggal_selesai=later.tanggal_selesai,
    )
    client.force_login(_staff(org.admin_bkpsdm))
    url = reverse("admin:pegawai_penugasan_change", args=[later.pk])
    response = _post(client, url, later.pegawai, later.jabatan, org.plt.tanggal_mulai, later.tanggal_selesai)
    assert_same_refusal(response, refusal)
    later.refresh_from_db()
    assert later.tanggal_mulai > org.plt.tanggal_selesai


def _plh_after_the_plt(org) -> Penugasan:
    start = org.plt.tanggal_selesai + datetime.timedelta(days=1)
    return penugasan_buat(
        actor=org.admin_bkpsdm,
        pegawai=org.kasi,
        jabatan=org.plt.jabatan,
        jenis=JenisPenugasan.PLH,
        tanggal_mulai=start,
        tanggal_selesai=start + datetime.timedelta(days=5),
    )


def test_the_admin_saves_changes_and_deletes_through_the_service_with_the_admin_as_actor(client, org):
    client.force_login(_staff(org.admin_bkpsdm))
    start = org.plt.tanggal_selesai + datetime.timedelta(days=1)
    response = _post(
        client, reverse("admin:pegawai_penugasan_add"), org.kasi, org.plt.jabatan, start, start, JenisPenugasan.PLH
    )
    assert response.status_code == 302
    baru = Penugasan.objects.get(pegawai=org.kasi)
    assert (baru.jenis, baru.nomor_sk) == (JenisPenugasan.PLH, "800/9/2026")
    insert = Events.objects.tracks(baru).get(pgh_label="insert")
    assert insert.pgh_context["user"] == org.admin_bkpsdm.pk and insert.pgh_context["aksi"] == "penugasan_buat"

    end = start + datetime.timedelta(days=3)
    url = reverse("admin:pegawai_penugasan_change", args=[baru.pk])
    assert _post(client, url, org.kasi, org.plt.jabatan, start, end, JenisPenugasan.PLH).status_code == 302
    baru.refresh_from_db()
    assert baru.tanggal_selesai == end
    assert Events.objects.tracks(baru).get(pgh_label="update").pgh_context["aksi"] == "penugasan_ubah"

    response = client.post(reverse("admin:pegawai_penugasan_delete", args=[baru.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Penugasan.objects.filter(pk=baru.pk).exists()
    delete = Events.objects.filter(pgh_obj_model="pegawai.Penugasan", pgh_obj_id=str(baru.pk), pgh_label="delete")
    assert delete.get().pgh_context["aksi"] == "penugasan_hapus"


def test_the_admin_lists_only_the_assignments_an_admin_opd_manages(client, org):
    actor = _staff(org.admin_opd)
    other = penugasan_buat(
        actor=org.admin_bkpsdm,
        pegawai=org.kepala_b,
        jabatan=org.kasi_tiga.jabatan,
        tanggal_mulai=TODAY,
        tanggal_selesai=WEEK,
    )
    client.force_login(actor)
    response = client.get(reverse("admin:pegawai_penugasan_changelist"))
    assert list(response.context["cl"].result_list) == [org.plt]
    assert client.get(reverse("admin:pegawai_penugasan_change", args=[other.pk])).status_code == 302
