"""Issue 9 item 6: the landing page shows the SKP waiting for the login's decision, with a link to the queue."""

import pytest
from django.urls import reverse

from skp.services.skp import skp_ajukan, skp_buat

from .helpers import isi_rhk

pytestmark = pytest.mark.django_db


def test_the_landing_page_shows_the_skp_waiting_for_the_penilai(client, org, skp_staf):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    client.force_login(org.kasi.user)
    page = client.get(reverse("dashboard")).content.decode()
    assert 'data-testid="skp-menunggu"' in page and "Tinjau 1 SKP bawahan" in page
    assert f"{reverse('skp:antrian')}?tahun={skp_staf.tahun}" in page
    client.force_login(org.staf.user)
    assert 'data-testid="beranda-skp"' not in client.get(reverse("dashboard")).content.decode()


def test_the_landing_page_shows_admin_bkpsdm_the_skp_of_the_kepala_daerah(client, org, tahun):
    skp = skp_buat(actor=org.kepala, tahun=tahun)
    isi_rhk(skp, "Meningkatnya indeks kepuasan masyarakat")
    skp_ajukan(actor=org.kepala, skp=skp)
    client.force_login(org.admin_bkpsdm)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Proses 1 SKP a.n. Kepala Daerah" in page
    assert f"{reverse('skp:kepala_daerah')}?tahun={tahun}" in page
