"""Issue 11's pages in a real browser, as their users see them, at 360 and 1280 px: no sideways scrolling, no script or
static-file error, and axe-core clean (through ``screenshot``). Live server, ``transactional_db`` and the system
Chromium as kinerja/tests/test_browser.py; screenshots in test-output/screenshots/disiplin-*.png."""

import datetime

import pytest

from kinerja.tests.test_browser import peramban  # noqa: F401 - fixture
from portal.testing.browser import DESKTOP, PHONE, browser_login, browser_page, screenshot

pytestmark = pytest.mark.browser


def test_every_disiplin_page_renders_cleanly_on_phone_and_desktop(
    peramban,  # noqa: F811
    live_server,
    transactional_db,
    django_db_serialized_rollback,
):
    from django.utils import timezone

    from disiplin.choices import JenisHukuman
    from disiplin.services.hukuman import hukuman_catat
    from disiplin.services.presensi import kehadiran_catat
    from pegawai.tests.personas import build_org

    org = build_org()
    hari_ini = timezone.localdate()
    hukuman = hukuman_catat(
        actor=org.admin_bkpsdm,
        pegawai=org.staf,
        jenis=JenisHukuman.TEGURAN_TERTULIS,
        nomor_sk="800/12/BKPSDM/2026",
        tanggal_sk=hari_ini - datetime.timedelta(days=30),
        tmt=hari_ini - datetime.timedelta(days=20),
    )
    kehadiran_catat(
        actor=org.admin_opd, pegawai=org.staf_lain, tanggal=hari_ini - datetime.timedelta(days=3), keterangan="cuti"
    )
    halaman = {
        org.admin_bkpsdm.username: [
            ("pelaporan", "/disiplin/pelaporan/"),
            ("bulan", "/disiplin/pelaporan/bulan/"),
            ("presensi-impor", "/disiplin/presensi/impor/"),
            ("presensi-rekap", "/disiplin/presensi/rekap/"),
            ("hukuman", "/disiplin/hukuman/"),
            ("hukuman-detail", f"/disiplin/hukuman/{hukuman.pk}/"),
            ("hukuman-catat", "/disiplin/hukuman/catat/"),
            ("satyalancana", "/disiplin/satyalancana/"),
        ],
        org.admin_opd.username: [("kehadiran", "/disiplin/presensi/kehadiran/")],
        org.kasi.nip_tercetak: [("pelaporan-atasan", "/disiplin/pelaporan/")],
        org.staf.nip_tercetak: [
            ("riwayat-pegawai", f"/disiplin/pelaporan/pegawai/{org.staf.pk}/"),
            ("hukuman-pegawai", f"/disiplin/hukuman/{hukuman.pk}/"),
        ],
    }
    for ukuran, viewport in (("360", PHONE), ("1280", DESKTOP)):
        for username, daftar in halaman.items():
            page, errors = browser_page(peramban, viewport)
            browser_login(page, live_server.url, username)
            for nama, path in daftar:
                response = page.goto(f"{live_server.url}{path}")
                assert response.status == 200, path
                screenshot(page, f"disiplin-{nama}-{ukuran}")
                assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], path
            assert not errors.items, errors.items
            page.context.close()


def test_an_admin_imports_the_machines_file_and_is_told_while_it_is_checked(
    peramban,  # noqa: F811
    live_server,
    transactional_db,
    django_db_serialized_rollback,
    tmp_path,
):
    """Admin OPD uploads the attendance file through the real form. Once sent, the form says the file is being
    checked and imported (a large OPD's month takes tens of seconds in the request) in a status region under it;
    then the page reports the import, lists it, and the days are recorded."""
    from disiplin.models import Kehadiran
    from pegawai.tests.personas import build_org

    org = build_org()
    berkas = tmp_path / "presensi-maret.csv"
    berkas.write_text(
        "nip;tanggal;jam_masuk;jam_pulang;keterangan\n"
        f"{org.staf.nip};2025-03-03;07:25;16:05;Hadir\n{org.staf.nip};2025-03-04;;;Sakit\n",
        encoding="utf-8",
    )
    page, errors = browser_page(peramban, PHONE)
    browser_login(page, live_server.url, org.admin_opd.username)
    page.goto(f"{live_server.url}/disiplin/presensi/impor/")
    page.set_input_files("#id_berkas", str(berkas))
    with page.expect_navigation():
        # Sent from a script so that the status is read in the same task as the submit event, before the answer
        # replaces the page (a small file is answered at once).
        status = page.evaluate(
            """() => {
                const form = document.querySelector("[data-testid=form-impor-presensi]");
                form.requestSubmit();
                const s = form.querySelector("[data-proses-status]");
                return s && [s.getAttribute("role"), s.textContent];
            }"""
        )
    assert status is not None and status[0] == "status" and status[1].startswith("Memeriksa dan mengimpor berkas")
    page.get_by_text("Impor selesai: 2 baris, 2 baru atau berubah.").wait_for()
    assert page.get_by_test_id("tabel-impor").get_by_text("presensi-maret.csv").is_visible()
    screenshot(page, "disiplin-presensi-impor-selesai-360")
    assert Kehadiran.objects.filter(pegawai=org.staf).count() == 2
    assert not errors.items, errors.items
    page.context.close()
