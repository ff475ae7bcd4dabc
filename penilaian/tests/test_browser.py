"""Issue 10 in a real browser on a 360 px phone: the atasan rates three bawahan on the team sheet, sees the predikat
as they pick, is stopped by the curve with the conditions listed, corrects one rating and finalises; the pegawai
opens their evaluation and downloads the Dokumen Evaluasi Kinerja Pegawai.

Live server, ``transactional_db`` and the system Chromium as kinerja/tests/test_browser.py; screenshots in
test-output/screenshots/penilaian-*.png (each also checked with axe-core)."""

import pytest

from kinerja.tests.test_browser import _tanpa_geser, peramban  # noqa: F401 - fixtures
from portal.testing.browser import PHONE, browser_login, browser_page, screenshot

pytestmark = pytest.mark.browser


def _tim():
    """Kasi A rates staf, staf_lain and a third pegawai for Triwulan I 2026; every RHK has evidence; Dinas A's
    capaian is Baik (at most 70 % Baik, and someone Butuh Perbaikan or Kurang)."""
    from kinerja.tests.factories import skp_persona
    from pegawai.models import RiwayatJabatan
    from pegawai.tests.factories import PegawaiFactory
    from pegawai.tests.personas import build_org
    from penilaian.services.evaluasi import evaluasi_siapkan
    from penilaian.tests.factories import TAHUN, CapaianFactory, PeriodeFactory, lengkapi_bukti
    from skp.tests.factories import skp_disetujui

    org = build_org()
    skp = skp_persona(org, TAHUN)
    ketiga = PegawaiFactory(jabatan=org.staf.jabatan, nama="Staf A Ketiga")
    RiwayatJabatan.objects.get_or_create(pegawai=ketiga, jabatan=ketiga.jabatan, defaults={"tmt": ketiga.tmt_cpns})
    skp_ketiga = skp_disetujui(ketiga, tahun=TAHUN, penilai=org.kasi, rhk=["Arsip tertata", "Surat terkirim"])
    periode = PeriodeFactory()
    CapaianFactory(periode=periode, perangkat_daerah=org.opd_a, capaian=2)
    evaluasi = []
    for pegawai, s in ((org.staf, skp.staf), (org.staf_lain, skp.staf_lain), (ketiga, skp_ketiga)):
        e = evaluasi_siapkan(pegawai=pegawai, skp=s, periode=periode)
        lengkapi_bukti(e)
        evaluasi.append(e)
    return org, periode, evaluasi


def _nilai(page, base, e, hasil: int, perilaku: int, harapan: str, nama: str):
    """Rate one evaluation on its page: value 1 Di Atas, 2 Sesuai, 3 Di Bawah (radio index value - 1)."""
    page.goto(f"{base}/penilaian/evaluasi/{e.pk}/nilai/")
    page.locator(f"label[for=id_rating_hasil_{hasil - 1}]").click()
    page.locator(f"label[for=id_rating_perilaku_{perilaku - 1}]").click()
    page.get_by_test_id("predikat-langsung").get_by_text(harapan).wait_for()
    page.locator("textarea").first.fill("Laporan tepat waktu dan rapi.")
    if nama:
        screenshot(page, nama)
    page.get_by_test_id("simpan-nilai").click()
    page.wait_for_load_state("networkidle")


def test_the_atasan_rates_three_bawahan_meets_the_curve_and_the_pegawai_downloads_the_dekp(
    peramban,  # noqa: F811
    live_server,
    transactional_db,
    django_db_serialized_rollback,
):
    org, periode, evaluasi = _tim()
    base = live_server.url
    page, errors = browser_page(peramban, PHONE)
    browser_login(page, base, org.kasi.nip_tercetak)
    page.goto(f"{base}/penilaian/tim/{periode.pk}/")
    screenshot(page, "penilaian-tim-awal")
    _tanpa_geser(page, "tim")

    _nilai(page, base, evaluasi[0], 2, 2, "Baik", "penilaian-nilai")
    _nilai(page, base, evaluasi[1], 2, 2, "Baik", "")
    _nilai(page, base, evaluasi[2], 2, 2, "Baik", "")

    # All three Baik: 100 % Baik and nobody Butuh Perbaikan — the curve of capaian Baik stops finalising.
    page.goto(f"{base}/penilaian/tim/{periode.pk}/")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Finalkan").click()
    galat = page.get_by_test_id("galat-finalkan")
    galat.wait_for()
    teks = galat.inner_text()
    assert "Baik paling banyak 70 %" in teks and "harus ada Butuh Perbaikan" in teks
    screenshot(page, "penilaian-tim-kurva")

    # One rating corrected: Baik 2 of 3 (66,7 %) and one Butuh Perbaikan hold the pattern.
    _nilai(page, base, evaluasi[2], 3, 2, "Butuh Perbaikan", "")
    page.goto(f"{base}/penilaian/tim/{periode.pk}/")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Finalkan").click()
    page.get_by_text("3 evaluasi difinalkan").wait_for()
    screenshot(page, "penilaian-tim-final")

    pegawai = browser_page(peramban, PHONE)[0]
    browser_login(pegawai, base, org.staf.nip_tercetak)
    pegawai.goto(f"{base}/penilaian/evaluasi/{evaluasi[0].pk}/")
    pegawai.get_by_test_id("hasil-penilaian").get_by_text("Baik").first.wait_for()
    screenshot(pegawai, "penilaian-evaluasi-pegawai")
    with pegawai.expect_download() as unduh:
        pegawai.get_by_test_id("unduh-dekp").click()
    berkas = unduh.value
    assert berkas.suggested_filename.endswith(".pdf")
    with open(berkas.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"
    assert not errors.items


def test_every_penilaian_page_renders_cleanly_on_phone_and_desktop(
    peramban,  # noqa: F811
    live_server,
    transactional_db,
    django_db_serialized_rollback,
):
    """A tour of the other pages of the app, as their users see them, at 360 and 1280 px: no sideways scrolling,
    no script or static-file error, axe-core clean (through ``screenshot``)."""
    from penilaian.services.dialog import pesan_kirim
    from penilaian.services.permasalahan import permasalahan_catat
    from portal.testing.browser import DESKTOP

    org, periode, evaluasi = _tim()
    pesan_kirim(actor=org.staf.user, pegawai=org.staf, periode=periode, teks="Mohon arahan untuk RHK kedua.")
    permasalahan_catat(
        actor=org.kasi.user, pegawai=org.staf, periode=periode, jenis="substansi", catatan="Target arsip tertinggal."
    )
    halaman = {
        org.staf.nip_tercetak: [
            ("evaluasi-index", "/penilaian/"),
            ("evaluasi-draf", f"/penilaian/evaluasi/{evaluasi[0].pk}/"),
            ("dialog", f"/penilaian/dialog/{org.staf.pk}/{periode.pk}/"),
        ],
        org.kasi.nip_tercetak: [("permasalahan", f"/penilaian/permasalahan/{periode.pk}/")],
        org.admin_bkpsdm.username: [
            ("periode", "/penilaian/periode/"),
            ("capaian", f"/penilaian/capaian/?periode={periode.pk}"),
            ("kurva", f"/penilaian/kurva/?periode={periode.pk}"),
            ("siasn", "/penilaian/siasn/"),
            ("dekp-opd", "/penilaian/dekp/opd/"),
        ],
    }
    for ukuran, viewport in (("360", PHONE), ("1280", DESKTOP)):
        for username, daftar in halaman.items():
            page, errors = browser_page(peramban, viewport)
            browser_login(page, live_server.url, username)
            for nama, path in daftar:
                response = page.goto(f"{live_server.url}{path}")
                assert response.status == 200, path
                screenshot(page, f"penilaian-{nama}-{ukuran}")
                assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], path
            assert not errors.items, errors.items
            page.context.close()
