"""Issue 9 item 6 in a real browser: an atasan lands on the portal and sees what waits for them, follows the menu
to their team, and from a bawahan's row reaches the bawahan's progress and profile — on a laptop and on a phone
(no sideways scrolling). Screenshots land in test-output/screenshots/tim-*.png (and axe-core checks each page)."""

import datetime

import pytest

from kinerja import waktu
from portal.testing.browser import DESKTOP, PHONE, browser_login, browser_page, screenshot

from .test_browser import peramban  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser

HARI_INI = datetime.date(2026, 3, 11)


@pytest.fixture
def hari_ini(monkeypatch):
    monkeypatch.setattr(waktu, "hari_ini", lambda: HARI_INI)
    return HARI_INI


def test_an_atasan_reaches_pending_work_and_each_bawahan_from_the_landing_page(
    peramban,  # noqa: F811
    live_server,
    transactional_db,
    django_db_serialized_rollback,
    hari_ini,
):
    from kinerja.tests.factories import diajukan, skp_persona
    from pegawai.tests.personas import build_org

    org = build_org()
    skp = skp_persona(org, tahun=HARI_INI.year)
    diajukan(org.staf, skp.rhk(skp.staf), HARI_INI, "08:00", "09:30", uraian="Menyusun laporan data kependudukan")
    diajukan(org.staf_lain, skp.rhk(skp.staf_lain), HARI_INI, "08:00", "09:00")

    for nama, viewport in (("1280", DESKTOP), ("360", PHONE)):
        page, errors = browser_page(peramban, viewport)
        browser_login(page, live_server.url, org.kasi.nip_tercetak)
        panel = page.get_by_test_id("beranda-verifikasi")
        assert "2 aktivitas Maret 2026" in panel.inner_text()
        screenshot(page, f"tim-01-beranda-atasan-{nama}")

        if viewport is PHONE:
            page.get_by_role("button", name="Buka menu").click()
        page.get_by_role("link", name="Tim saya").first.click()
        page.wait_for_url(f"{live_server.url}/kinerja/tim/")
        baris = page.get_by_test_id(f"tim-{org.staf.pk}")
        assert "Staf A" in baris.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        screenshot(page, f"tim-02-tim-{nama}")

        baris.get_by_role("link", name="Progres").click()
        page.wait_for_url(f"{live_server.url}/kinerja/progres/{org.staf.nip}/")
        page.go_back()
        baris.locator(f'a[href="/pegawai/{org.staf.nip}/"]').click()
        page.wait_for_url(f"{live_server.url}/pegawai/{org.staf.nip}/")
        tautan = page.get_by_test_id("tautan-profil")
        assert "Aktivitas untuk diverifikasi" in tautan.inner_text()
        screenshot(page, f"tim-03-profil-bawahan-{nama}")
        assert errors.items == []
        page.context.close()
