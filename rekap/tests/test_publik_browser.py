"""The public transparency page in a real browser, anonymous, at 360 and 1280 px: no sideways scrolling, no script,
static-file or Content-Security-Policy error, axe-core clean (through ``screenshot``), and the trend chart drawn.
Screenshots in test-output/screenshots/rekap-transparansi-*.png."""

import pytest

from kinerja.tests.test_browser import peramban  # noqa: F401 - fixture
from portal.testing.browser import DESKTOP, PHONE, browser_page, screenshot

pytestmark = pytest.mark.browser


def test_the_transparency_page_renders_cleanly_on_phone_and_desktop(
    peramban,  # noqa: F811
    live_server,
    transactional_db,
    django_db_serialized_rollback,
):
    from django.core.cache import cache

    from pegawai.tests.factories import PerangkatDaerahFactory
    from rekap.choices import StatusPeriodeRekap
    from rekap.tests.factories import PeriodeRekapFactory, RekapUnitFactory

    cache.clear()
    opd = [
        PerangkatDaerahFactory(nama=nama, kode=f"T{i}")
        for i, nama in enumerate(
            ["Dinas Pendidikan", "Dinas Kesehatan", "Kecamatan Bandung Kulon", "Badan Kepegawaian dan Pengembangan SDM"]
        )
    ]
    for nomor in range(1, 13):
        periode = PeriodeRekapFactory(tahun=2025, nomor=nomor, status=StatusPeriodeRekap.DITUTUP)
        for i, (o, n) in enumerate(zip(opd, (420, 310, 3, 25), strict=True)):
            RekapUnitFactory.opd(
                o, periode=periode, pegawai_n=n, hari_kerja=20 * n, hari_lapor=(14 + i + nomor % 4) * n
            )
        RekapUnitFactory.kota(periode=periode, pegawai_n=758, hari_kerja=20 * 758, hari_lapor=(15 + nomor % 4) * 758)

    for ukuran, viewport in (("360", PHONE), ("1280", DESKTOP)):
        page, errors = browser_page(peramban, viewport)
        response = page.goto(f"{live_server.url}/rekap/transparansi/")
        assert response.status == 200
        assert page.locator("canvas[data-grafik][data-digambar='1']").count() == 1
        screenshot(page, f"rekap-transparansi-{ukuran}")
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.select_option("select[name=bulan]", "2025-03")
        page.get_by_role("button", name="Tampilkan").click()
        page.wait_for_url("**bulan=2025-03")
        assert page.locator("[data-testid=tabel-tren] tbody tr").count() == 3
        screenshot(page, f"rekap-transparansi-maret-{ukuran}")
        assert not errors.items, errors.items
        page.context.close()
