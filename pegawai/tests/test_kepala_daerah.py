"""Issue 9 item 16: the kepala daerah rates the top JPT (the Sekda; here the head of Dinas A, whose position has no
parent) but is no pegawai. Their profile and landing page name the kepala daerah instead of "Belum ada"."""

import pytest
from django.urls import reverse

from pegawai.atasan import KepalaDaerah, kepala_daerah_penilai

pytestmark = pytest.mark.django_db


@pytest.fixture
def kepala_daerah(settings):
    settings.KEPALA_DAERAH_JABATAN = "Wali Kota Contoh"
    settings.KEPALA_DAERAH_NAMA = "Dr. H. Wali Contoh"


def test_the_kepala_daerah_rates_only_a_jpt_at_the_top(org, kepala_daerah):
    assert kepala_daerah_penilai(org.kepala) == KepalaDaerah(jabatan="Wali Kota Contoh", nama="Dr. H. Wali Contoh")
    assert kepala_daerah_penilai(org.kabid) is None
    assert kepala_daerah_penilai(org.staf) is None
    # An atasan set for the pegawai rates them instead.
    org.kepala.atasan_override = org.kepala_b
    org.kepala.save()
    assert kepala_daerah_penilai(org.kepala) is None


def test_the_top_jpt_profile_names_the_kepala_daerah_as_atasan(client, org, kepala_daerah):
    client.force_login(org.kepala.user)
    page = client.get(reverse("pegawai_detail", args=[org.kepala.nip])).content.decode()
    assert "Belum ada: jabatan atasan kosong" not in page
    assert 'data-testid="kepala-daerah">Dr. H. Wali Contoh' in page and "Wali Kota Contoh" in page


def test_the_kepala_daerah_is_the_atasan_pejabat_penilai_one_level_down(client, org, kepala_daerah):
    client.force_login(org.kabid.user)
    page = client.get(reverse("pegawai_detail", args=[org.kabid.nip])).content.decode()
    assert "Kepala A" in page  # the atasan langsung
    assert page.count('data-testid="kepala-daerah"') == 1  # the atasan pejabat penilai


def test_the_landing_page_names_the_kepala_daerah_too(client, org, settings):
    settings.KEPALA_DAERAH_JABATAN = "Wali Kota Contoh"
    settings.KEPALA_DAERAH_NAMA = ""
    client.force_login(org.kepala.user)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Belum ada (jabatan atasan kosong" not in page
    assert 'data-testid="kepala-daerah">Wali Kota Contoh' in page
