"""User journeys in a real browser: Playwright drives the system Chromium against pytest-django's live server.

The live server runs in another thread with its own connection, so the data must be committed: these tests use
``transactional_db`` and build the personas inside the test. Screenshots land in test-output/screenshots/ for a
human to look at (the directory is git-ignored).

Without Chromium the tests fail with an explanation; set SKIP_BROWSER_TESTS=1 to skip them on purpose.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from pegawai.tests.factories import PASSWORD

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-output" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 860}


def _chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session", autouse=True)
def _restore_migration_data(django_db_setup, django_db_blocker):
    """Put back the rows that data migrations created (e.g. the BerAKHLAK values of skp) after the transactional
    tests have emptied every table.

    ``django_db_serialized_rollback`` reloads them only at the *start* of each of these tests, and the test database
    is reused between runs (--reuse-db): without this the next run's ordinary tests would find them missing. It runs
    once, at the end of the session, because pytest-django's own autouse fixtures flush after any function-level
    teardown of ours; ordinary tests run before transactional ones, so nothing in between needs the rows."""
    yield
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        import pgtrigger

        # Restoring is not a change anyone made: keep it out of the audit trail.
        with django_db_blocker.unblock(), pgtrigger.ignore():
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def browser():
    if os.environ.get("SKIP_BROWSER_TESTS") == "1":
        pytest.skip("SKIP_BROWSER_TESTS=1: uji peramban dilewati atas permintaan.")
    path = _chromium_path()
    if path is None:
        pytest.fail(
            "Chromium tidak ditemukan (dicari di /usr/bin/chromium dan PATH). Pasang paket Debian 'chromium' "
            "(apt-get install chromium), atau jalankan dengan SKIP_BROWSER_TESTS=1 untuk melewati uji peramban.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Errors:
    """JavaScript errors and failed requests (a missing vendored file shows up here)."""

    def __init__(self, page):
        self.items: list[str] = []
        page.on("pageerror", lambda exc: self.items.append(f"pageerror: {exc}"))
        page.on(
            "response",
            lambda r: (
                self.items.append(f"HTTP {r.status} {r.url}") if r.status >= 400 and "/static/" in r.url else None
            ),
        )


def _page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="id-ID", timezone_id="Asia/Jakarta")
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page, Errors(page)


def _login(page, base_url, username):
    page.goto(f"{base_url}/masuk/")
    # Typed key by key, spaces included, as a user copies the NIP from their SK.
    page.locator("#id_username").press_sequentially(username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base_url}/")


def _shot(page, name):
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_it_logs_in_with_a_printed_nip_sees_the_dashboard_uses_the_phone_menu_and_logs_out(
    browser, live_server, transactional_db, django_db_serialized_rollback
):
    from pegawai.tests.personas import build_org

    org = build_org()
    page, errors = _page(browser, PHONE)
    page.goto(f"{live_server.url}/masuk/")
    _shot(page, "01-login-360")

    _login(page, live_server.url, org.kasi.nip_tercetak)
    heading = page.locator("h1")
    assert org.kasi.nama in heading.inner_text()
    assert page.locator("main").get_by_text(org.kasi.nip_tercetak).first.is_visible()
    assert page.get_by_test_id("jumlah-bawahan").inner_text() == "2"
    # Nothing wider than the phone: a horizontal scrollbar on 360 px is the most common mobile defect.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(page, "02-dashboard-atasan-360")

    menu = page.locator("#menu-utama")
    assert not menu.is_visible()
    page.get_by_role("button", name="Buka menu").click()
    menu.get_by_role("link", name="Organisasi").wait_for(state="visible")
    assert menu.get_by_role("link", name="Pegawai").is_visible()
    assert menu.get_by_role("link", name="Plt/Plh").count() == 0  # not an admin
    _shot(page, "03-menu-terbuka-360")

    page.locator("#menu-akun").click()
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url(f"{live_server.url}/masuk/")
    assert page.get_by_role("button", name="Masuk").is_visible()
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/masuk/")
    assert errors.items == []


def test_it_shows_an_admin_opd_the_organisation_tree_on_phone_and_desktop(
    browser, live_server, transactional_db, django_db_serialized_rollback
):
    from pegawai.tests.personas import build_org

    org = build_org()
    page, errors = _page(browser, DESKTOP)
    _login(page, live_server.url, org.admin_opd.username)
    assert page.get_by_test_id("total-aktif").inner_text() == "7"
    page.wait_for_function("document.querySelector('canvas[data-grafik]').dataset.digambar === '1'")
    _shot(page, "04-dashboard-admin-opd-1280")

    page.get_by_role("link", name="Organisasi").first.click()
    page.get_by_role("link", name="Dinas A").click()
    tree = page.get_by_test_id("pohon-organisasi")
    tree.wait_for()
    assert tree.get_by_text("Kepala Seksi Dua").is_visible()
    kasi2 = tree.locator(".jabatan-item", has_text="Kepala Seksi Dua")
    assert "Kosong" in kasi2.inner_text() and "PLT" in kasi2.inner_text()
    assert org.kasi_tiga.nama in kasi2.inner_text()
    assert page.get_by_test_id("opd-kosong").inner_text() == "1"
    _shot(page, "05-organisasi-admin-opd-1280")

    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(page, "06-organisasi-admin-opd-360")

    # Opening the holder's profile from the tree is logged as access to personal data.
    tree = page.get_by_test_id("pohon-organisasi")
    tree.get_by_role("link", name=org.kasi_tiga.nama).first.click()
    page.get_by_role("heading", name=org.kasi_tiga.nama).wait_for()
    from pegawai.models import AksesLog

    assert AksesLog.objects.filter(user=org.admin_opd, pegawai=org.kasi_tiga).count() == 1

    # Record a Plh for Kepala Seksi Satu while its holder is away, from the phone.
    page.goto(f"{live_server.url}/penugasan/baru/")
    page.locator("#id_pegawai_nip").press_sequentially(org.staf.nip_tercetak)
    page.select_option("#id_jabatan", label="Kepala Seksi Satu — Seksi Satu (DA)")
    page.get_by_label("Pelaksana Harian (Plh)").check()
    page.fill("#id_tanggal_mulai", "2030-01-06")
    page.fill("#id_tanggal_selesai", "2030-01-10")
    page.fill("#id_nomor_sk", "800/15/2030")
    _shot(page, "07-penugasan-form-terisi-360")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"{live_server.url}/penugasan/")
    assert "sudah disimpan" in page.locator(".alert-success").inner_text()
    _shot(page, "08-penugasan-tersimpan-360")
    from pegawai.models import Penugasan

    plh = Penugasan.objects.get(pegawai=org.staf)
    assert (plh.jenis, str(plh.tanggal_mulai), plh.nomor_sk) == ("PLH", "2030-01-06", "800/15/2030")
    assert errors.items == []


def test_it_renders_every_admin_page_cleanly_on_phone_and_desktop(
    browser, live_server, transactional_db, django_db_serialized_rollback
):
    """A tour for the screenshots: every page of the admin BKPSDM menu, no JS error, no missing file, no
    horizontal scrolling at 360 px."""
    from pegawai.tests.personas import build_org

    org = build_org()
    page, errors = _page(browser, DESKTOP)
    _login(page, live_server.url, org.admin_bkpsdm.username)
    pages = {
        "dashboard-bkpsdm": "/",
        "pegawai-list": "/pegawai/",
        "pegawai-detail": f"/pegawai/{org.staf_dua.nip}/",
        "organisasi": "/organisasi/",
        "penugasan-list": "/penugasan/",
        "penugasan-form": "/penugasan/baru/",
        "audit": "/audit/",
        "akses-log": "/audit/akses/",
        "panduan": "/panduan/",
        "kata-sandi": "/akun/kata-sandi/",
    }
    for viewport_name, viewport in (("1280", DESKTOP), ("360", PHONE)):
        page.set_viewport_size(viewport)
        for n, (name, path) in enumerate(pages.items(), start=10):
            page.goto(f"{live_server.url}{path}")
            _shot(page, f"{n}-{name}-{viewport_name}")
            assert page.locator("h1").count() >= 1, path
            if viewport is PHONE:
                assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    # The filter form narrows the list through htmx without a full reload, and the URL follows.
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/pegawai/")
    page.select_option("#id_jenis_jabatan", "JPT")
    page.wait_for_url("**jenis_jabatan=JPT**")
    page.get_by_test_id("tabel-pegawai").get_by_text(org.kepala_b.nama).wait_for()
    assert page.get_by_test_id("tabel-pegawai").locator("tbody tr").count() == 2
    assert errors.items == []
