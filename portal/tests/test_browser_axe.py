"""The accessibility check every browser journey runs (portal.testing.browser.screenshot runs axe-core, WCAG 2.1
A/AA) and the palette it holds the portal to.

The journeys in */tests/test_browser*.py check the pages themselves; these two tests make sure the check does catch
a violation, with a message a developer can act on, and that the colours of static/css/app.css and kinerja.css
reach 4.5:1 where the first users' audit found them short (navbar links, the calendar's days off, muted buttons
on the grey page background, red text on tinted rows).
"""

import pytest

from portal.testing.browser import DESKTOP, assert_accessible, browser_page

pytestmark = pytest.mark.browser


def test_it_fails_with_a_readable_list_of_violations(browser):
    page, _errors = browser_page(browser, DESKTOP)
    page.set_content(
        """<!doctype html><html lang="id"><head><title>Uji</title></head><body><main>
        <p id="pucat" style="color:#93aec1;background:#0f4c75">Menu yang pucat</p>
        <img id="tanpa-alt" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        </main></body></html>"""
    )

    with pytest.raises(AssertionError) as caught:
        assert_accessible(page, "halaman-uji")

    message = str(caught.value)
    assert "found 2 violated rule(s) on halaman-uji" in message
    assert "- color-contrast (serious)" in message and "#pucat" in message and "3.92" in message
    assert "- image-alt (critical)" in message and "#tanpa-alt" in message


def test_it_finds_the_portal_palette_readable(browser, live_server, transactional_db, django_db_serialized_rollback):
    """The elements the audit named, drawn with the portal's own stylesheets on its page background."""
    page, errors = browser_page(browser, DESKTOP)
    page.set_content(
        f"""<!doctype html><html lang="id"><head><title>Palet</title><base href="{live_server.url}/">
        <link rel="stylesheet" href="static/vendor/bootstrap/bootstrap.min.css">
        <link rel="stylesheet" href="static/css/app.css">
        <link rel="stylesheet" href="static/css/kinerja.css"></head>
        <body>
        <nav class="navbar navbar-expand-xl navbar-dark navbar-mb" aria-label="Menu utama"><div class="container">
          <ul class="navbar-nav">
            <li class="nav-item"><a class="nav-link active" aria-current="page" href="#">Beranda</a></li>
            <li class="nav-item"><a class="nav-link" href="#">SKP</a></li>
          </ul></div></nav>
        <main class="container py-3">
          <table class="kalender"><thead><tr><th scope="col">Sab</th><th scope="col">Min</th></tr></thead>
            <tbody><tr><td class="kal-libur"><a href="#"><span class="tgl">14</span><span class="mnt"></span></a></td>
            <td class="kal-kosong"><a href="#"><span class="tgl">16</span><span class="mnt">0</span></a></td></tr>
            </tbody></table>
          <button type="button" class="btn btn-outline-secondary">Salin dari kemarin</button>
          <button type="button" class="btn btn-outline-danger btn-sm">Hapus</button>
          <button type="button" class="btn btn-outline-success btn-sm">Ajukan</button>
          <p class="text-danger">Belum diintervensi bawahan</p>
          <p class="text-success">Minimum bulan ini sudah terpenuhi.</p>
          <p class="text-body-tertiary">belum diisi</p>
          <p class="text-body-secondary">Dasar: jabatan atasan</p>
          <p>Kolom <code>tmt_jabatan</code></p>
          <table class="table"><tbody><tr class="table-warning"><td><div class="small text-danger">Batas
            penetapan 31 Januari 2026</div></td></tr></tbody></table>
          <div class="alert alert-danger"><span class="text-danger">Gagal disimpan</span></div>
          <div class="invalid-feedback d-block">Target minimum tidak boleh lebih besar dari target maksimum.</div>
        </main></body></html>"""
    )

    assert errors.items == []  # the stylesheets did load: an unstyled page would pass for the wrong reason
    assert page.locator(".navbar-mb").evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(15, 76, 117)"
    assert_accessible(page, "palet")
