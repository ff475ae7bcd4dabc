"""User journeys in a real browser: Playwright drives the system Chromium against pytest-django's live server.

The live server runs in another thread with its own connection, so the data must be committed: these tests use
``transactional_db`` and build the personas inside the test. Screenshots land in test-output/screenshots/ for a
human to look at (the directory is git-ignored).

Without Chromium the tests fail with an explanation; set SKIP_BROWSER_TESTS=1 to skip them on purpose.
"""

import pytest

from portal.testing.browser import DESKTOP, PHONE, browser_login, browser_page, screenshot

pytestmark = pytest.mark.browser


def test_it_logs_in_with_a_printed_nip_sees_the_dashboard_uses_the_phone_menu_and_logs_out(
    browser, live_server, transactional_db, django_db_serialized_rollback
):
    from pegawai.tests.personas import build_org

    org = build_org()
    page, errors = browser_page(browser, PHONE)
    page.goto(f"{live_server.url}/masuk/")
    screenshot(page, "01-login-360")

    browser_login(page, live_server.url, org.kasi.nip_tercetak)
    heading = page.locator("h1")
    assert org.kasi.nama in heading.inner_text()
    assert page.locator("main").get_by_text(org.kasi.nip_tercetak).first.is_visible()
    assert page.get_by_test_id("jumlah-bawahan").inner_text() == "2"
    # Nothing wider than the phone: a horizontal scrollbar on 360 px is the most common mobile defect.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "02-dashboard-atasan-360")

    menu = page.locator("#menu-utama")
    assert not menu.is_visible()
    page.get_by_role("button", name="Buka menu").click()
    menu.get_by_role("link", name="Organisasi").wait_for(state="visible")
    # An atasan's people are their team (issue 9 item 6); the team page links each profile and the list.
    assert menu.get_by_role("link", name="Tim saya").is_visible()
    assert menu.get_by_role("link", name="Plt/Plh").count() == 0  # not an admin
    # Bootstrap's collapse is still growing when its links become visible: wait until it is open in full.
    page.locator("#menu-utama.show").wait_for()
    screenshot(page, "03-menu-terbuka-360")

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
    page, errors = browser_page(browser, DESKTOP)
    browser_login(page, live_server.url, org.admin_opd.username)
    assert page.get_by_test_id("total-aktif").inner_text() == "7"
    page.wait_for_function("() => document.querySelector('canvas[data-grafik]').dataset.digambar === '1'")
    screenshot(page, "04-dashboard-admin-opd-1280")

    page.get_by_role("link", name="Organisasi").first.click()
    page.get_by_role("link", name="Dinas A").click()
    tree = page.get_by_test_id("pohon-organisasi")
    tree.wait_for()
    assert tree.get_by_text("Kepala Seksi Dua").is_visible()
    kasi2 = tree.locator(".jabatan-item", has_text="Kepala Seksi Dua")
    assert "Kosong" in kasi2.inner_text() and "PLT" in kasi2.inner_text()
    assert org.kasi_tiga.nama in kasi2.inner_text()
    assert page.get_by_test_id("opd-kosong").inner_text() == "1"
    screenshot(page, "05-organisasi-admin-opd-1280")

    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "06-organisasi-admin-opd-360")

    # Opening the holder's profile from the tree is logged as access to personal data.
    tree = page.get_by_test_id("pohon-organisasi")
    tree.get_by_role("link", name=org.kasi_tiga.nama).first.click()
    page.get_by_role("heading", name=org.kasi_tiga.nama).wait_for()
    from portal.models import AksesLog

    assert AksesLog.objects.filter(user=org.admin_opd, pegawai=org.kasi_tiga).count() == 1

    # Record a Plh for Kepala Seksi Satu while its holder is away, from the phone.
    page.goto(f"{live_server.url}/penugasan/baru/")
    page.locator("#id_pegawai_nip").press_sequentially(org.staf.nip_tercetak)
    page.select_option("#id_jabatan", label="Kepala Seksi Satu — Seksi Satu (DA)")
    page.get_by_label("Pelaksana Harian (Plh)").check()
    page.fill("#id_tanggal_mulai", "2030-01-06")
    page.fill("#id_tanggal_selesai", "2030-01-10")
    page.fill("#id_nomor_sk", "800/15/2030")
    screenshot(page, "07-penugasan-form-terisi-360")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"{live_server.url}/penugasan/")
    assert "sudah disimpan" in page.locator(".alert-success").inner_text()
    screenshot(page, "08-penugasan-tersimpan-360")
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
    page, errors = browser_page(browser, DESKTOP)
    browser_login(page, live_server.url, org.admin_bkpsdm.username)
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
            screenshot(page, f"{n}-{name}-{viewport_name}")
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


def test_an_admin_opd_gives_the_imported_pegawai_their_first_passwords_and_one_signs_in_with_it(
    browser, live_server, transactional_db, django_db_serialized_rollback
):
    """Issue 9 item 14: the bulk first-login passwords, from the menu to the printed list to the first login."""
    from django.contrib.auth.hashers import make_password

    from pegawai.tests.factories import PegawaiFactory
    from pegawai.tests.personas import build_org
    from portal.models import AksesLog

    org = build_org()
    baru = [PegawaiFactory(jabatan=org.staf.jabatan, user=None, nama=f"Pegawai Impor {i}") for i in range(2)]
    tanpa = PegawaiFactory(jabatan=org.staf.jabatan, nama="Pegawai Impor 2")
    tanpa.user.password = make_password(None)
    tanpa.user.save()

    page, errors = browser_page(browser, DESKTOP)
    browser_login(page, live_server.url, org.admin_opd.username)
    page.get_by_role("button", name="Kelola").click()
    page.get_by_role("link", name="Kata sandi pertama pegawai").click()
    page.get_by_role("heading", name="Kata sandi pertama pegawai").wait_for()
    page.select_option("#id_kelompok", f"opd:{org.opd_a.pk}")
    assert "3 dari 10 pegawai belum dapat masuk" in page.locator("#id_kelompok option:checked").inner_text()
    screenshot(page, "30-sandi-massal-form-1280")

    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Buat kata sandi sementara").click()
    table = page.get_by_test_id("daftar-sandi")
    table.wait_for()
    assert dialogs and "3 pegawai" in dialogs[0]
    rows = table.locator("tbody tr")
    assert rows.count() == 3
    screenshot(page, "31-sandi-massal-daftar-1280")
    page.emulate_media(media="print")
    assert not page.get_by_test_id("peringatan-sekali").is_visible()  # printed: the list alone
    assert not page.locator("header").is_visible()
    screenshot(page, "32-sandi-massal-cetak")
    page.emulate_media(media="screen")
    assert AksesLog.objects.filter(user=org.admin_opd, jumlah_baris=3).count() == 1

    # The first of them signs in on a phone with the printed NIP and password, and must replace it.
    cells = rows.first.locator("td")
    nip, sandi = cells.nth(0).inner_text(), cells.nth(3).inner_text()
    assert nip in {p.nip_tercetak for p in [*baru, tanpa]}
    phone, phone_errors = browser_page(browser, PHONE)
    phone.goto(f"{live_server.url}/masuk/")
    phone.locator("#id_username").press_sequentially(nip)
    phone.fill("#id_password", sandi)
    phone.get_by_role("button", name="Masuk").click()
    phone.get_by_role("heading", name="Buat kata sandi baru").wait_for()
    assert phone.get_by_label("Kata sandi sementara").is_visible()
    phone.fill("#id_old_password", sandi)
    phone.fill("#id_new_password1", "123")
    phone.fill("#id_new_password2", "123")
    phone.get_by_role("button", name="Simpan kata sandi baru").click()
    phone.get_by_text("Kata sandi terlalu pendek").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "33-ganti-sandi-wajib-360")
    phone.fill("#id_old_password", sandi)
    phone.fill("#id_new_password1", "Bandung-Juara-2026")
    phone.fill("#id_new_password2", "Bandung-Juara-2026")
    phone.get_by_role("button", name="Simpan kata sandi baru").click()
    phone.get_by_role("heading", name="Kata sandi sudah diubah").wait_for()
    screenshot(phone, "34-sandi-diubah-360")
    assert errors.items == [] and phone_errors.items == []
