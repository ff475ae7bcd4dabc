"""Helpers for the browser journeys: Playwright on the system Chromium against pytest-django's live server.

The fixtures ``browser`` and ``_restore_migration_data`` live in the root conftest.py; these are the plain helpers
the journeys of every app share. ``screenshot`` also checks the page with axe-core (WCAG 2.1 A/AA), so every page
and state a journey shows is held to the accessibility standard; a violation fails the journey with a list of the
offending elements. Every page a journey opens is also watched for what its Content-Security-Policy refused (an
inline style or script, eval, a foreign source): each refusal is one of the journey's ``Errors``.
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


#: Installed in every document before its own scripts run: the browser fires ``securitypolicyviolation`` for each
#: thing the page's Content-Security-Policy refused; it is reported on the console with this prefix, naming the
#: directive, where the refused thing was written and, for an attribute, the start of its element.
CSP_PREFIX = "CSP menolak:"
CSP_LISTENER = (
    "document.addEventListener('securitypolicyviolation', (e) => console.error("
    f"'{CSP_PREFIX} ' + e.violatedDirective + ' ' + e.blockedURI + ' di ' + (e.sourceFile || e.documentURI)"
    " + ':' + e.lineNumber + ' ' + (e.sample || '') + ' ' + (e.target.outerHTML || '').slice(0, 200)));"
)


class Errors:
    """JavaScript errors, failed requests (a missing vendored file shows up here) and Content-Security-Policy
    refusals."""

    def __init__(self, page):
        self.items: list[str] = []
        page.on("pageerror", lambda exc: self.items.append(f"pageerror: {exc}"))
        page.on(
            "response",
            lambda r: (
                self.items.append(f"HTTP {r.status} {r.url}") if r.status >= 400 and "/static/" in r.url else None
            ),
        )
        page.on("console", lambda m: self.items.append(m.text) if m.text.startswith(CSP_PREFIX) else None)


def browser_page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="id-ID", timezone_id="Asia/Jakarta")
    context.add_init_script(script=CSP_LISTENER)
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


#: axe-core, vendored from its npm package (static/vendor/README.md): the tests run offline, like the portal.
AXE_JS = Path(settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"
#: The rules the portal promises to meet: WCAG 2.0 and 2.1, levels A and AA (axe's tags for them). axe's
#: "best-practice" and AAA rules are not part of that promise and stay out, so a failure here is always a breach of
#: the standard. No rule is switched off: fix the page instead (template or static/css).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: How many offending elements of one rule the failure message lists before it only counts the rest.
AXE_ELEMENTS_SHOWN = 6


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now (menus open, errors shown, …) and return its violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol: the page's Content-Security-Policy refuses an injected <script>
        # (page.add_script_tag) as it would any inline script.
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;true")
    return page.evaluate(
        """async (tags) => {
            const result = await window.axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({
                    target: n.target.join(" "), html: n.html, summary: n.failureSummary || "",
                })),
            }));
        }""",
        AXE_TAGS,
    )


def format_violations(violations: list[dict]) -> str:
    """One block per rule: what it asks, where to read more, and the offending elements with axe's reason."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:AXE_ELEMENTS_SHOWN]:
            html = " ".join(node["html"].split())
            html = html if len(html) <= 160 else html[:157] + "..."
            # axe's summary starts with "Fix any of the following:"; the reasons below it are what matters.
            reasons = [r.strip() for r in node["summary"].splitlines()[1:] if r.strip()]
            lines.append(f"    {node['target']}  {html}")
            lines.extend(f"        {r}" for r in reasons[:2])
        if len(v["nodes"]) > AXE_ELEMENTS_SHOWN:
            lines.append(f"    … and {len(v['nodes']) - AXE_ELEMENTS_SHOWN} more elements")
    return "\n".join(lines)


def assert_accessible(page, name: str = "") -> None:
    """Fail with a readable list when axe finds a WCAG 2.1 A/AA violation on the page as it is now."""
    violations = axe_violations(page)
    if violations:
        where = f"{name} ({page.url})" if name else page.url
        raise AssertionError(
            f"axe-core (WCAG 2.1 A/AA) found {len(violations)} violated rule(s) on {where}:\n"
            + format_violations(violations)
        )


def screenshot(page, name):
    """Save a full-page screenshot, then check the page with axe-core.

    Every journey screenshots the pages and states it walks through, so checking here covers every page a journey
    visits, including a new one, without each test asking for it. The screenshot is saved first so a failure can be
    looked at.
    """
    # caret="initial": Playwright's default hides the text caret by writing caret-color into every input's style
    # attribute and leaves style="" behind, which htmx then copies onto the swapped-in form (refused by the policy).
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, caret="initial")
    assert_accessible(page, name)
