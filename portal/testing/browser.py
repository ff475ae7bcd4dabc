"""Helpers for the browser journeys: Playwright on the system Chromium against pytest-django's live server.

The fixtures ``browser`` and ``_restore_migration_data`` live in the root conftest.py; these are the plain helpers
the journeys of every app share.
"""

import os
import shutil
from pathlib import Path

from django.conf import settings

#: The password of every account the test factories create (pegawai.tests.factories uses this one).
PASSWORD = "rahasia-uji-123"

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


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


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


def browser_page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="id-ID", timezone_id="Asia/Jakarta")
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page, Errors(page)


def browser_login(page, base_url, username):
    page.goto(f"{base_url}/masuk/")
    # Typed key by key, spaces included, as a user copies the NIP from their SK.
    page.locator("#id_username").press_sequentially(username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base_url}/")


def screenshot(page, name):
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
