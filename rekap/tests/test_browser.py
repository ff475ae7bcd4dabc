"""The recap tables and their spreadsheet in a real browser: an admin filters the table, starts an export, watches
the job's progress bar move (htmx polling), downloads the XLSX and it opens with openpyxl; both tables at 360 and
1280 px without sideways scrolling, axe-core clean (through ``screenshot``). Screenshots: test-output/screenshots/
rekap-*.png."""

import io
import threading

import pytest
from openpyxl import load_workbook

from kinerja.tests.test_browser import peramban  # noqa: F401 - fixture
from portal.testing.browser import DESKTOP, PHONE, browser_login, browser_page, screenshot

pytestmark = pytest.mark.browser


def _rekap(org):
    from pegawai.tests.factories import PegawaiFactory

    from .factories import PeriodeRekapFactory, RekapPegawaiFactory, RekapUnitFactory

    periode = PeriodeRekapFactory(nomor=3)
    for i in range(5):
        pegawai = PegawaiFactory(jabatan=org.staf.jabatan, nama=f"Pegawai Rekap {i}")
        RekapPegawaiFactory(periode=periode, pegawai=pegawai, predikat=2, hari_lapor=15 + i)
    RekapPegawaiFactory(periode=periode, pegawai=org.staf_b)
    RekapUnitFactory.kota(periode=periode)
    RekapUnitFactory.opd(org.opd_a, periode=periode)
    RekapUnitFactory.opd(org.opd_b, periode=periode)
    RekapUnitFactory(periode=periode, unit_kerja=org.staf.jabatan.unit_kerja)
    return periode


def test_admin_exports_watches_the_progress_and_opens_the_xlsx(
    peramban,  # noqa: F811
    live_server,
    transactional_db,
    django_db_serialized_rollback,
    monkeypatch,
    settings,
    tmp_path,
):
    from django.db import connection

    from pegawai.tests.personas import build_org
    from portal import jobs
    from rekap import exports

    settings.MEDIA_ROOT = str(tmp_path)
    org = build_org()
    _rekap(org)
    # The job is run by this test instead of a worker, one row per progress step, pausing at 2 of 5 rows so the
    # page can be seen half way.
    antrean: list[int] = []
    monkeypatch.setattr(jobs, "_antrekan", lambda pk, tugas: antrean.append(pk) or True)
    monkeypatch.setattr(exports.RekapExporter, "progress_every", 1)
    setengah, lanjut = threading.Event(), threading.Event()

    def pelan(job, progres):
        def langkah(selesai, total):
            progres(selesai, total)
            if selesai == 2:
                setengah.set()
                assert lanjut.wait(30)

        return exports.berkas_ekspor(job, langkah)

    page, errors = browser_page(peramban, DESKTOP)
    browser_login(page, live_server.url, org.admin_bkpsdm.username)
    base = live_server.url
    page.goto(f"{base}/rekap/pegawai/")
    page.get_by_label("Perangkat daerah", exact=True).select_option(label="Dinas A")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url("**opd=**")
    page.wait_for_function("() => document.querySelectorAll('[data-testid=tabel-rekap] tbody tr').length === 5")
    screenshot(page, "rekap-pegawai-1280")
    # Twelve columns do not fit 1280 px: the box fades on the side with more of them, on either side once scrolled.
    kotak = page.locator(".table-responsive").filter(has=page.get_by_test_id("tabel-rekap"))
    assert kotak.evaluate("k => [...k.classList].filter(c => c.startsWith('geser-'))") == ["geser-kanan"]
    kotak.evaluate("k => { k.scrollLeft = 100; }")
    page.wait_for_function("k => k.classList.contains('geser-kiri')", arg=kotak.element_handle())
    assert "geser-kanan" in kotak.evaluate("k => [...k.classList]")
    kotak.evaluate("k => { k.scrollLeft = k.scrollWidth; }")
    page.wait_for_function("k => !k.classList.contains('geser-kanan')", arg=kotak.element_handle())
    page.get_by_test_id("form-ekspor").get_by_role("button", name="Ekspor").click()
    page.wait_for_url("**/pekerjaan/**")
    assert page.get_by_role("progressbar").is_visible()
    assert len(antrean) == 1

    def jalan():
        try:
            jobs.jalankan_pekerjaan(antrean[0], pelan)
        finally:
            connection.close()

    pekerja = threading.Thread(target=jalan)
    pekerja.start()
    try:
        assert setengah.wait(30)
        page.get_by_text("Sedang diproses: 2 dari 5.").wait_for()
        assert page.get_by_role("progressbar").get_attribute("aria-valuenow") == "40"
        screenshot(page, "rekap-ekspor-berjalan-1280")
    finally:
        lanjut.set()
        pekerja.join(30)
    page.get_by_role("link", name="Unduh berkas").wait_for()
    screenshot(page, "rekap-ekspor-selesai-1280")
    with page.expect_download() as unduhan:
        page.get_by_role("link", name="Unduh berkas").click()
    assert unduhan.value.suggested_filename.endswith(".xlsx")
    ws = load_workbook(io.BytesIO(open(unduhan.value.path(), "rb").read())).active
    nama = [r[1] for r in ws.iter_rows(min_row=3, values_only=True)]
    assert nama == [f"Pegawai Rekap {i}" for i in range(5)]
    assert "Perangkat daerah: Dinas A" in ws["A1"].value

    for ukuran, viewport in (("360", PHONE), ("1280", DESKTOP)):
        page.set_viewport_size(viewport)
        for nama_halaman, path in (("unit", "/rekap/unit/"), ("pegawai", "/rekap/pegawai/")):
            assert page.goto(f"{base}{path}").status == 200
            if ukuran == "360":
                screenshot(page, f"rekap-{nama_halaman}-{ukuran}")
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], path
    assert not errors.items, errors.items
