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
