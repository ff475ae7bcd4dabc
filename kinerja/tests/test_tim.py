"""Issue 9 item 6: the atasan's pending work on the landing page, the team page (each bawahan with SKP state,
reports this month, pending and late, linking to their SKP, progress and profile), and a pegawai's profile linking
to their SKP and activities for whoever may see them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.models import Aktivitas
from kinerja.selectors.tim import tim_atasan
from pegawai.tests.factories import PegawaiFactory
from skp.choices import SkpStatus
from skp.tests.factories import SkpFactory

from .factories import TAHUN, diajukan

pytestmark = pytest.mark.django_db

D = datetime.date


def _halaman(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def laporan(org, jam, skp):
    """Staf A: two activities waiting (one of February, one of March), one approved; Staf Dua (under the Plt): one
    waiting; Staf A Lain recorded one late."""
    Aktivitas.objects.all().delete()
    diajukan(org.staf, skp.rhk(skp.staf), D(TAHUN, 3, 10), "08:00", "09:00")
    diajukan(org.staf, skp.rhk(skp.staf), D(TAHUN, 3, 11), "08:00", "09:00")
    Aktivitas.objects.filter(pegawai=org.staf, tanggal=D(TAHUN, 3, 10)).update(status="disetujui")
    jam.atur(D(TAHUN, 2, 27))
    diajukan(org.staf, skp.rhk(skp.staf), D(TAHUN, 2, 27), "08:00", "09:00")
    jam.atur(D(TAHUN, 3, 11))
    diajukan(org.staf_dua, skp.rhk(skp.staf_dua), D(TAHUN, 3, 11), "08:00", "09:00")
    diajukan(org.staf_lain, skp.rhk(skp.staf_lain), D(TAHUN, 3, 9), "08:00", "09:00")
    Aktivitas.objects.filter(pegawai=org.staf_lain).update(terlambat=True)


def test_the_team_lists_each_bawahan_with_skp_reports_pending_and_late(org, laporan, skp):
    baris = {b.pegawai: b for b in tim_atasan(org.kasi, D(TAHUN, 3, 11))}
    assert set(baris) == {org.staf, org.staf_lain}
    staf = baris[org.staf]
    assert (staf.bulan_ini, staf.disetujui, staf.menunggu, staf.terlambat) == (2, 1, 2, 0)
    assert staf.skp.skp == skp.staf and staf.skp.status == SkpStatus.DISETUJUI
    assert (baris[org.staf_lain].menunggu, baris[org.staf_lain].terlambat) == (1, 1)
    # A Plt rates the acting position's bawahan.
    (plt,) = tim_atasan(org.kasi_tiga, D(TAHUN, 3, 11))
    assert (plt.pegawai, plt.menunggu) == (org.staf_dua, 1)
    assert tim_atasan(org.staf, D(TAHUN, 3, 11)) == []


def test_the_team_page_links_to_each_bawahans_skp_progress_and_profile(client, org, laporan, skp):
    page = _halaman(client, org.kasi.user, reverse("kinerja:tim"))
    assert reverse("skp:detail", args=[skp.staf.pk]) in page
    assert reverse("kinerja:progres_pegawai", args=[org.staf.nip]) in page
    assert reverse("pegawai_detail", args=[org.staf.nip]) in page
    assert f"{reverse('kinerja:antrian')}?pegawai={org.staf.pk}" in page
    assert "Staf Dua" not in page  # the Plt's bawahan, not the kasi's
    assert "3 aktivitas menunggu verifikasi Anda." in page
    # The navigation leads there for an atasan only.
    assert f'href="{reverse("kinerja:tim")}"' in page
    assert f'href="{reverse("kinerja:tim")}"' not in _halaman(client, org.staf.user, reverse("kinerja:harian"))
    assert "Tidak ada bawahan" in _halaman(client, org.staf.user, reverse("kinerja:tim"))


def test_a_bawahan_without_an_skp_shows_belum_dibuat(client, org, jam, skp):
    baru = PegawaiFactory(jabatan=org.staf.jabatan, nama="Staf Baru")
    page = _halaman(client, org.kasi.user, reverse("kinerja:tim"))
    assert "Staf Baru" in page and "Belum dibuat" in page
    assert reverse("kinerja:progres_pegawai", args=[baru.nip]) in page


def test_the_team_page_costs_the_same_queries_whatever_the_team_size(client, org, laporan, skp):
    client.force_login(org.kasi.user)
    url = reverse("kinerja:tim")
    client.get(url)  # warm the session and the settings row
    with CaptureQueriesContext(connection) as dua:
        assert client.get(url).status_code == 200
    for i in range(4):
        pegawai = PegawaiFactory(jabatan=org.staf.jabatan, nama=f"Staf Tambahan {i}")
        SkpFactory(pegawai=pegawai, tahun=TAHUN, jabatan=org.staf.jabatan, status=SkpStatus.DIAJUKAN)
        diajukan(pegawai, None, D(TAHUN, 3, 11), kategori="lainnya", alasan_kategori="Rapat koordinasi")
    with CaptureQueriesContext(connection) as enam:
        page = client.get(url).content.decode()
    assert page.count('data-testid="tim-') == 6
    assert len(enam) == len(dua), [q["sql"] for q in enam]


def test_the_landing_page_shows_the_atasans_pending_activities_per_month_with_deadlines(client, org, laporan):
    page = _halaman(client, org.kasi.user, reverse("dashboard"))
    assert 'data-testid="beranda-verifikasi"' in page
    assert "1 aktivitas Februari 2026" in page and "2 aktivitas Maret 2026" in page
    assert "Batas verifikasi" in page
    assert f"{reverse('kinerja:antrian')}?dari=2026-02-01&amp;sampai=2026-02-28" in page
    assert "Verifikasi 3 aktivitas" in page
    # A pegawai who supervises nobody gets no such block.
    assert 'data-testid="beranda-verifikasi"' not in _halaman(client, org.staf.user, reverse("dashboard"))


def test_the_profile_links_to_the_skp_and_activities_for_whoever_may_see_them(client, org, jam, skp):
    url = reverse("pegawai_detail", args=[org.staf.nip])
    progres = reverse("kinerja:progres_pegawai", args=[org.staf.nip])
    antrian = f"{reverse('kinerja:antrian')}?pegawai={org.staf.pk}"
    skp_url = reverse("skp:detail", args=[skp.staf.pk])

    atasan = _halaman(client, org.kasi.user, url)
    assert progres in atasan and antrian in atasan and skp_url in atasan
    # The atasan's atasan and the admin of the OPD read, but do not verify.
    for user in (org.kabid.user, org.admin_opd):
        page = _halaman(client, user, url)
        assert progres in page and skp_url in page and antrian not in page
    sendiri = _halaman(client, org.staf.user, url)
    assert reverse("kinerja:harian") in sendiri and skp_url in sendiri and progres not in sendiri
