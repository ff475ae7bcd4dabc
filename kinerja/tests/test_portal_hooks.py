"""What the daily-report app registers on the portal's guide (kinerja/portal_hooks.py): its chapter, its entries in
the shared chapters, and the live numbers of its settings."""

import re

import pytest
from django.urls import reverse

from kinerja.models import PengaturanKinerja

pytestmark = pytest.mark.django_db


def page(client):
    response = client.get(reverse("panduan"))
    return response, response.content.decode()


def test_panduan_explains_skp_and_daily_reports_with_the_live_settings(client):
    # An empty settings table: the guide quotes the model defaults and creates no row (the page only reads).
    assert not PengaturanKinerja.objects.exists()
    response, html = page(client)
    assert response.status_code == 200
    for judul in ("Menyusun SKP", "Laporan aktivitas harian", "Halaman Kelola untuk admin", "Matriks Peran Hasil"):
        assert judul in html
    for anchor in ('id="skp"', 'id="harian"', 'id="kelola"', 'href="#skp"', 'href="#harian"', 'href="#kelola"'):
        assert anchor in html
    assert "6.750 menit" in html and "10 MB" in html and "hari kerja ke-5 bulan berikutnya" in html
    assert "pencatatan terlambat: ditolak" in html
    assert "bertumpuk dengan aktivitas lain" in html  # the FAQ quotes the overlap message the form shows
    assert not PengaturanKinerja.objects.exists()

    # An admin BKPSDM changes the settings: the guide follows without a deployment.
    pengaturan = PengaturanKinerja.get_solo()
    pengaturan.menit_efektif_minimum = 8400
    pengaturan.maks_unggah_mb = 25
    pengaturan.batas_verifikasi_hari_kerja = 7
    pengaturan.kebijakan_terlambat = "tandai"
    pengaturan.save()
    _, html = page(client)
    assert "8.400 menit" in html and "6.750" not in html
    assert "25 MB" in html and "hari kerja ke-7 bulan berikutnya" in html
    assert "tetap diterima" in html and "diterima dengan tanda terlambat" in html


def test_the_guide_numbers_the_chapters_of_every_app_in_one_sequence(client):
    _, html = page(client)
    chapters = re.findall(r'<h2 id="([a-z-]+)">(\d+)\. ', html)
    assert chapters == [
        ("tentang", "1"),
        ("masuk", "2"),
        ("kata-sandi", "3"),
        ("peran", "4"),
        ("atasan", "5"),
        ("menu", "6"),
        ("skp", "7"),
        ("harian", "8"),
        ("penilaian", "9"),
        ("disiplin", "10"),
        ("dasbor", "11"),
        ("kelola", "12"),
        ("impor", "13"),
        ("data-pribadi", "14"),
        ("tanya-jawab", "15"),
    ]
    # Cross references follow the numbering, and each app's entries sit in the shared chapters in order.
    assert "Lihat bagian 8." in html and "Lihat bagian 7." in html and "(lihat bagian 13)" in html
    menu = html[html.index('id="menu"') : html.index('id="skp"')]
    assert menu.index("Beranda") < menu.index("Laporan harian") < menu.index("SKP saya") < menu.index("Organisasi")
    assert menu.index("Organisasi") < menu.index("Notifikasi (ikon lonceng)")
    faq = html[html.index('id="tanya-jawab"') :]
    assert [int(n) for n in re.findall(r'data-bs-target="#faq(\d+)"', faq)] == list(range(1, 14))
