"""The landing-page dashboards in a real browser (Playwright on the system Chromium, see portal/testing/browser.py):
pegawai, atasan and admin BKPSDM at 360 and 1280 px, every chart drawn without a CSP refusal, nothing wider than a
phone, axe-clean, and a click on a bar opening the recap table behind it."""

import pytest
from django.utils import timezone

from portal.testing.browser import DESKTOP, PHONE, browser_login, browser_page, screenshot

pytestmark = pytest.mark.browser


def _isi_rekap(org):
    """Three computed months of recap rows for Dinas A and B and the team of the kasi."""
    from pegawai.tests.factories import PerangkatDaerahFactory
    from penilaian.choices import Predikat
    from skp.choices import SkpStatus
    from skp.tests.factories import SkpFactory

    from .factories import PeriodeRekapFactory, RekapPegawaiFactory, RekapRhkFactory, RekapUnitFactory

    hari_ini = timezone.localdate()
    periode = []
    for mundur in (2, 1, 0):
        n = hari_ini.year * 12 + hari_ini.month - 1 - mundur
        periode.append(PeriodeRekapFactory(tahun=n // 12, nomor=n % 12 + 1))
    for i, p in enumerate(periode):
        RekapPegawaiFactory(
            periode=p,
            pegawai=org.staf,
            hari_lapor=14 + 2 * i,
            menit_disetujui=5200 + 600 * i,
            predikat=Predikat.BAIK if i == 1 else None,
        )
        RekapPegawaiFactory(periode=p, pegawai=org.staf_lain, hari_lapor=19, entri_terlambat_n=5 - i)
        RekapPegawaiFactory(periode=p, pegawai=org.kasi, aktivitas_n=30 + i, aktivitas_disetujui_n=28 + i)
        RekapUnitFactory.opd(org.opd_a, periode=p, hari_lapor=150 + 10 * i, masalah_perilaku_n=2)
        RekapUnitFactory.opd(org.opd_b, periode=p, hari_lapor=170, predikat_1_n=0, verifikasi_terlambat_n=3)
    # More OPDs, with long names, as a city has: the chart names them by abbreviation and grows with them.
    for i, (nama, singkatan) in enumerate(
        (
            ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
            ("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan", "Bappelitbang"),
            ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
            ("Kecamatan Coblong", ""),
        )
    ):
        opd = PerangkatDaerahFactory(nama=nama, singkatan=singkatan)
        for p in periode:
            RekapUnitFactory.opd(opd, periode=p, hari_lapor=120 + 20 * i, diverifikasi_tepat_n=200 + 40 * i)
    skp = SkpFactory(pegawai=org.staf, status=SkpStatus.DISETUJUI)
    for teks, persen in (("Tersusunnya laporan data kepegawaian bulanan", 80), ("Terlayaninya permintaan data", 45)):
        RekapRhkFactory(periode=periode[-1], pegawai=org.staf, rhk__skp=skp, rhk__teks=teks, persen_realisasi=persen)
    return periode


def _grafik_digambar(page, n: int) -> None:
    # A locator, not wait_for_function(string): the page's CSP refuses the eval that one needs.
    page.locator("canvas[data-digambar]").nth(n - 1).wait_for(state="attached")
    assert page.locator("canvas[data-grafik]:not([data-digambar])").count() == 0


@pytest.mark.parametrize("layar", [PHONE, DESKTOP], ids=["360", "1280"])
def test_each_roles_landing_page_draws_its_charts_and_tables(
    browser, live_server, transactional_db, django_db_serialized_rollback, layar
):
    from pegawai.tests.personas import build_org

    org = build_org()
    periode = _isi_rekap(org)
    lebar = layar["width"]

    for nama, login, blok, grafik in (
        ("pegawai", org.staf.nip, "dasbor-saya", 3),
        ("atasan", org.kasi.nip, "dasbor-tim", 3),
        ("admin-bkpsdm", org.admin_bkpsdm.username, "dasbor-opd", 5),
    ):
        page, errors = browser_page(browser, layar)
        browser_login(page, live_server.url, login)
        page.get_by_test_id(blok).wait_for()
        _grafik_digambar(page, grafik)
        assert page.evaluate("document.documentElement.scrollWidth") <= lebar, nama
        screenshot(page, f"rekap-dasbor-{nama}-{lebar}")
        assert errors.items == [], errors.items
        page.context.close()

    # A click on Dinas B's bar opens the unit table of that OPD and month.
    page, errors = browser_page(browser, layar)
    browser_login(page, live_server.url, org.admin_bkpsdm.username)
    canvas = page.locator('canvas[data-grafik="grafik-opd-per"]')
    canvas.scroll_into_view_if_needed()
    _grafik_digambar(page, 5)
    titik = page.evaluate(
        """() => {
            const bar = Chart.getChart(document.querySelector('canvas[data-grafik="grafik-opd-per"]'))
                .getDatasetMeta(0).data[2];  // Badan…, Dinas A, Dinas B: by name
            return {x: bar.x - 4, y: bar.y};
        }"""
    )
    kotak = canvas.bounding_box()
    page.mouse.click(kotak["x"] + titik["x"], kotak["y"] + titik["y"])
    page.wait_for_url(f"**/rekap/unit/?periode={periode[-1].pk}&opd={org.opd_b.pk}")
    screenshot(page, f"rekap-dasbor-klik-unit-{lebar}")
    tabel = page.locator("main table")
    assert tabel.get_by_text("Dinas B").first.is_visible()
    assert tabel.get_by_text("Dinas A").count() == 0  # filtered to the OPD clicked
    assert errors.items == [], errors.items
    page.context.close()
