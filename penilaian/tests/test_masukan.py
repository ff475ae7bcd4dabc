"""Hostile input on the penilaian pages: far dates, over-long text, ids in other scripts, a ``next`` that is not a
path. Each is refused with an Indonesian message or ignored, never a server error, and nothing changes."""

import pytest
from django.urls import reverse

from penilaian.choices import CapaianOrganisasi, StatusPeriode
from penilaian.models import CapaianKinerjaOrganisasi, PeriodePenilaian, PermasalahanKinerja
from penilaian.services.periode import periode_tutup
from penilaian.services.permasalahan import permasalahan_catat

pytestmark = pytest.mark.django_db

JAUH = "Tanggal harus antara 1 Januari 1900 dan 31 Desember 2100."


@pytest.mark.parametrize("tanggal", ["9999-12-31", "0001-01-01"])
def test_a_period_with_a_far_deadline_is_refused(client, org, periode, tanggal):
    client.force_login(org.admin_bkpsdm)
    data = {"tahun": "2026", "jenis": "triwulanan", "nomor": "2", "batas_penilaian": tanggal}
    response = client.post(reverse("penilaian:periode_list"), data)
    assert response.status_code == 422 and JAUH in response.content.decode()
    response = client.post(reverse("penilaian:periode_batas", args=[periode.pk]), {"batas_penilaian": tanggal})
    assert response.status_code == 422 and JAUH in response.content.decode()
    assert list(PeriodePenilaian.objects.values_list("pk", "batas_penilaian")) == [
        (periode.pk, periode.batas_penilaian)
    ]


def test_a_reason_longer_than_the_column_is_refused(client, org, periode):
    periode_tutup(actor=org.admin_bkpsdm, periode=periode)
    client.force_login(org.admin_bkpsdm)
    response = client.post(reverse("penilaian:periode_buka_kembali", args=[periode.pk]), {"alasan": "x" * 3000})
    assert response.status_code == 422 and "paling banyak 2000 karakter" in response.content.decode()
    periode.refresh_from_db()
    assert periode.status == StatusPeriode.DITUTUP


def test_removing_a_tag_with_an_over_long_reason_is_refused(client, org, periode, skp):
    tag = permasalahan_catat(
        actor=org.kasi.user, pegawai=org.staf, periode=periode, jenis="substansi", catatan="Laporan terlambat."
    )
    client.force_login(org.kasi.user)
    response = client.post(reverse("penilaian:permasalahan_hapus", args=[tag.pk]), {"alasan": "x" * 3000})
    assert response.status_code == 422 and "paling banyak 500 karakter" in response.content.decode()
    assert PermasalahanKinerja.objects.get(pk=tag.pk).dihapus_pada is None


@pytest.mark.parametrize("target", ["unit-٣", "unit-²", "unit-" + "9" * 40, "opd-1e309"])
def test_a_capaian_target_that_is_not_an_ascii_id_is_refused(client, org, periode, target):
    client.force_login(org.admin_opd)
    data = {"target": target, "capaian": CapaianOrganisasi.BAIK}
    response = client.post(f"{reverse('penilaian:capaian')}?periode={periode.pk}", data)
    assert response.status_code == 422
    assert not CapaianKinerjaOrganisasi.objects.exists()


@pytest.mark.parametrize("tujuan", ["²", "penilaian:capaian", "https://jahat.example/", "//jahat.example/"])
def test_after_setting_a_capaian_a_next_that_is_not_a_path_of_the_site_goes_back_to_the_page(
    client, org, periode, tujuan
):
    seksi = org.kasi.jabatan.unit_kerja
    client.force_login(org.admin_opd)
    data = {"target": f"unit-{seksi.pk}", "capaian": CapaianOrganisasi.BAIK, "next": tujuan}
    response = client.post(f"{reverse('penilaian:capaian')}?periode={periode.pk}", data)
    assert response.status_code == 302
    assert response.url == f"{reverse('penilaian:capaian')}?periode={periode.pk}"
