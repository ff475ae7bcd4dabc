"""Hostile input on the disiplin pages: far dates, months written in other digits, over-long search text. Each is
refused with an Indonesian message or ignored, never a server error, and nothing is written."""

import pytest
from django.urls import reverse

from disiplin.models import HukumanDisiplin, Kehadiran

pytestmark = pytest.mark.django_db

JAUH = "Tanggal harus antara 1 Januari 1900 dan 31 Desember 2100."
BULAN = "Tulis bulan sebagai TTTT-BB, mis. 2026-02."


@pytest.mark.parametrize("tanggal", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("kolom", ["tanggal_sk", "tmt"])
def test_a_sanction_with_a_far_date_is_refused(client, org, kolom, tanggal):
    client.force_login(org.admin_bkpsdm)
    data = {
        "pegawai_nip": org.staf.nip_tercetak,
        "jenis": "teguran_lisan",
        "nomor_sk": "800/5/BKPSDM",
        "tanggal_sk": "2025-02-20",
        "tmt": "2025-03-01",
    }
    response = client.post(reverse("disiplin:hukuman_catat"), {**data, kolom: tanggal})
    assert response.status_code == 422 and JAUH in response.content.decode()
    assert not HukumanDisiplin.objects.exists()


@pytest.mark.parametrize("kolom", ["tanggal", "sampai"])
def test_a_leave_with_a_far_date_is_refused(client, org, kolom):
    client.force_login(org.admin_opd)
    data = {"pegawai": org.staf.pk, "keterangan": "sakit", "tanggal": "2025-03-03", "sampai": "2025-03-04"}
    response = client.post(reverse("disiplin:kehadiran"), {**data, kolom: "9999-12-31"})
    assert response.status_code == 422 and JAUH in response.content.decode()
    assert not Kehadiran.objects.exists()


@pytest.mark.parametrize("per", ["9999-12-31", "0001-01-01"])
def test_the_satyalancana_list_for_a_far_date_shows_the_error(client, org, per):
    client.force_login(org.admin_bkpsdm)
    response = client.get(reverse("disiplin:satyalancana"), {"per": per})
    assert response.status_code == 200 and JAUH in response.content.decode()
    response = client.get(reverse("disiplin:satyalancana_ekspor"), {"per": per})
    assert response.status_code == 302


@pytest.mark.parametrize("bulan", ["٢٠٢٥-٠٣", "²⁰²⁵-⁰³", "2025-3", "9999-12", "2025-03" * 500])
def test_a_month_in_other_digits_or_out_of_range_is_refused(client, org, bulan):
    client.force_login(org.admin_bkpsdm)
    response = client.get(reverse("disiplin:pelaporan"), {"bulan": bulan})
    assert response.status_code in (200, 422) and BULAN in response.content.decode()
    response = client.post(reverse("disiplin:bulan_hitung"), {"bulan": bulan})
    assert response.status_code < 500


def test_a_search_longer_than_a_name_is_refused_in_the_sanction_list(client, org):
    client.force_login(org.admin_bkpsdm)
    response = client.get(reverse("disiplin:hukuman_list"), {"q": "x" * 3000})
    assert response.status_code == 200
    assert "Ada filter yang tidak dapat dipakai" in response.content.decode()
