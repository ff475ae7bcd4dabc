"""The daily report journey in a real browser on a phone-sized screen: an ASN files two activities (one with a
photo), submits them; the atasan rejects one with a catatan and bulk-approves the rest; the ASN sees the catatan
and the approved minutes on the calendar. Plus a tour of the other kinerja pages on phone and desktop.

Runs like pegawai/tests/test_browser.py (live server, ``transactional_db``, system Chromium). "Today" is pinned
to Wednesday 11 March 2026 through ``kinerja.waktu`` — the live server runs in a thread of this process, so it
sees the same clock: a working day inside the entry window of an approved 2026 SKP. Screenshots land in
test-output/screenshots/kinerja-*.png.
"""

import datetime
import os
import struct
import zlib

import pytest

from kinerja import waktu
from portal.testing.browser import (
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    SCREENSHOTS,
    browser_login,
    browser_page,
    chromium_path,
    screenshot,
)

pytestmark = pytest.mark.browser

HARI_INI = datetime.date(2026, 3, 11)


def png_kecil(lebar: int = 24, tinggi: int = 16) -> bytes:
    """A real PNG (signature, IHDR, IDAT, IEND): a photo stand-in the content check accepts."""

    def potong(jenis: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + jenis + data + struct.pack(">I", zlib.crc32(jenis + data))

    baris = b"".join(
        b"\x00" + bytes((x * 10 % 256, 120, 200)) * 1 + b"\x40\x80\xc0" * (lebar - 1) for x in range(tinggi)
    )
    return (
        b"\x89PNG\r\n\x1a\n"
        + potong(b"IHDR", struct.pack(">IIBBBBB", lebar, tinggi, 8, 2, 0, 0, 0))
        + potong(b"IDAT", zlib.compress(baris))
        + potong(b"IEND", b"")
    )


@pytest.fixture
def peramban():
    """The system Chromium, as in pegawai/tests/test_browser.py (SKIP_BROWSER_TESTS=1 skips on purpose)."""
    if os.environ.get("SKIP_BROWSER_TESTS") == "1":
        pytest.skip("SKIP_BROWSER_TESTS=1: uji peramban dilewati atas permintaan.")
    path = chromium_path()
    if path is None:
        pytest.fail("Chromium tidak ditemukan (dicari di /usr/bin/chromium dan PATH).", pytrace=False)
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def hari_ini(monkeypatch):
    monkeypatch.setattr(waktu, "hari_ini", lambda: HARI_INI)
    return HARI_INI


def _tanpa_geser(page, path):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path


def _org_dengan_skp():
    from kinerja.tests.factories import skp_persona
    from pegawai.tests.personas import build_org

    org = build_org()
    skp = skp_persona(org, tahun=HARI_INI.year)
    return org, skp


def test_it_files_submits_rejects_and_approves_activities_on_a_phone(
    peramban, live_server, transactional_db, django_db_serialized_rollback, hari_ini
):
    from kinerja.choices import StatusAktivitas
    from kinerja.models import Aktivitas, BuktiDukung
    from kinerja.services.aktivitas import aktivitas_ajukan, aktivitas_buat

    org, skp = _org_dengan_skp()
    # A colleague's submitted activity, so the atasan's bulk approval covers more than one pegawai.
    lain = aktivitas_buat(
        actor=org.staf_lain,
        tanggal=HARI_INI,
        uraian="Melayani permintaan data kepegawaian",
        jam_mulai="08:00",
        jam_selesai="10:00",
        volume=3,
        satuan="layanan",
        rhk=skp.rhk(skp.staf_lain, 2),
    )
    aktivitas_ajukan(actor=org.staf_lain, aktivitas=lain)

    # --- The ASN files two activities on the phone --------------------------------------------------------
    page, errors = browser_page(peramban, PHONE)
    browser_login(page, live_server.url, org.staf.nip_tercetak)
    page.goto(f"{live_server.url}/kinerja/")
    assert "Rabu, 11 Maret 2026" in page.get_by_test_id("tanggal-terpilih").inner_text()
    _tanpa_geser(page, "/kinerja/")
    screenshot(page, "kinerja-01-harian-kosong-360")

    # Times are prefilled: a routine entry is pick the RHK, type, save.
    assert page.input_value("#id_jam_mulai") == "08:00" and page.input_value("#id_jam_selesai") == "09:00"
    page.evaluate("window.tanpaMuatUlang = true")
    page.select_option("#id_pilihan", label="Staf A: laporan data tersusun")
    page.fill("#id_uraian", "Menyusun rekap kehadiran pegawai bulan Februari")
    page.locator("details.tambahan summary").click()
    page.set_input_files(
        "#id_foto", files=[{"name": "foto-kegiatan.png", "mimeType": "image/png", "buffer": png_kecil()}]
    )
    screenshot(page, "kinerja-02-form-terisi-360")
    page.get_by_test_id("simpan-aktivitas").click()
    page.get_by_test_id("aktivitas").first.wait_for()
    assert "tersimpan sebagai draf" in page.locator("#hari").inner_text()
    # The next one starts where the last ended; the satuan follows the RHK's indicator.
    assert page.input_value("#id_jam_mulai") == "09:00" and page.input_value("#id_jam_selesai") == "10:00"

    page.select_option("#id_pilihan", label="Staf A: layanan informasi terselenggara")
    page.fill("#id_uraian", "Menjawab pertanyaan pegawai tentang cuti")
    page.get_by_test_id("simpan-aktivitas").click()
    page.wait_for_function("() => document.querySelectorAll('[data-testid=aktivitas]').length === 2")
    assert page.evaluate("window.tanpaMuatUlang") is True  # htmx swapped the fragments; no page reload
    assert "foto-kegiatan.png" in page.get_by_test_id("aktivitas").first.inner_text()
    assert "120 dari" in page.get_by_test_id("menit-hari").inner_text()
    # Only the day's calendar cell came back; it shows the new total, and nothing else leaked into the page.
    assert page.locator("[data-testid=kalender] a[data-tanggal='2026-03-11'] .mnt").inner_text() == "120"
    assert page.locator("a[data-tanggal]").count() == 31
    _tanpa_geser(page, "/kinerja/ (terisi)")
    screenshot(page, "kinerja-03-harian-dua-draf-360")

    pertama, kedua = Aktivitas.objects.filter(pegawai=org.staf).order_by("jam_mulai")
    assert (pertama.menit, kedua.menit, pertama.satuan) == (60, 60, "dokumen")
    foto = BuktiDukung.objects.get(aktivitas=pertama)
    assert (foto.tipe_konten, foto.nama_asli) == ("image/png", "foto-kegiatan.png")

    # Submitting the day asks first, with the count (issue 9, item 9).
    konfirmasi = []
    page.once("dialog", lambda d: (konfirmasi.append(d.message), d.accept()))
    page.get_by_test_id("ajukan-semua").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=aktivitas] [data-testid=status]')]"
        ".every(e => e.textContent.trim() === 'Diajukan')"
    )
    assert page.get_by_test_id("ajukan-semua").count() == 0
    assert konfirmasi and konfirmasi[0].startswith("Ajukan 2 draf tanggal 11 Maret ke atasan?")
    screenshot(page, "kinerja-04-harian-diajukan-360")
    assert errors.items == []

    # --- The atasan decides on the phone ------------------------------------------------------------------
    atasan, errors_atasan = browser_page(peramban, PHONE)
    browser_login(atasan, live_server.url, org.kasi.nip_tercetak)
    atasan.goto(f"{live_server.url}/kinerja/verifikasi/")
    assert atasan.get_by_test_id("menunggu").first.inner_text() == "3"
    assert "tinggal 20 hari kerja" in atasan.get_by_test_id("batas").first.inner_text()
    _tanpa_geser(atasan, "/kinerja/verifikasi/")
    screenshot(atasan, "kinerja-05-antrian-360")

    # The evidence opens from the queue: the stored type, not sniffed.
    unduh = atasan.request.get(f"{live_server.url}/kinerja/bukti/{foto.pk}/")
    assert unduh.status == 200 and unduh.headers["content-type"] == "image/png"
    assert unduh.headers["x-content-type-options"] == "nosniff"

    baris = atasan.locator(f"#baris-{kedua.pk}")
    baris.get_by_test_id("tolak").click()
    baris.locator(f"#catatan-{kedua.pk}").fill("Sebutkan jumlah pegawai yang dilayani.")
    screenshot(atasan, "kinerja-06-tolak-catatan-360")
    baris.get_by_test_id("kirim-tolak").click()
    atasan.locator(f"#baris-{kedua.pk} [data-testid=status]").wait_for()
    assert atasan.locator(f"#baris-{kedua.pk} [data-testid=status]").inner_text() == "Ditolak"
    assert atasan.get_by_test_id("menunggu").first.inner_text() == "2"

    atasan.locator("#pilih-semua").check()
    assert atasan.locator("[data-jumlah-pilih]").inner_text() == "2"
    # The bulk approval says how many before it acts; cancelling changes nothing.
    konfirmasi_atasan = []
    atasan.once("dialog", lambda d: (konfirmasi_atasan.append(d.message), d.dismiss()))
    atasan.get_by_test_id("setujui-terpilih").click()
    assert konfirmasi_atasan[0].startswith("Setujui 2 aktivitas yang dipilih?")
    assert atasan.get_by_test_id("hasil-massal").count() == 0
    atasan.once("dialog", lambda d: d.accept())
    atasan.get_by_test_id("setujui-terpilih").click()
    hasil = atasan.get_by_test_id("hasil-massal")
    hasil.wait_for()
    assert "2 aktivitas disetujui." in hasil.inner_text()
    assert "Tidak ada aktivitas yang menunggu verifikasi Anda." in atasan.locator("#ringkasan-antrian").inner_text()
    _tanpa_geser(atasan, "/kinerja/verifikasi/ (hasil)")
    screenshot(atasan, "kinerja-07-antrian-disetujui-360")
    assert errors_atasan.items == []

    pertama.refresh_from_db()
    kedua.refresh_from_db()
    lain.refresh_from_db()
    assert (pertama.status, kedua.status, lain.status) == (
        StatusAktivitas.DISETUJUI,
        StatusAktivitas.DITOLAK,
        StatusAktivitas.DISETUJUI,
    )

    # --- The ASN sees the catatan and the approved minutes ------------------------------------------------
    page.goto(f"{live_server.url}/kinerja/")
    assert "Sebutkan jumlah pegawai yang dilayani." in page.locator(f"#aktivitas-{kedua.pk}").inner_text()
    sel = page.locator("[data-testid=kalender] a[data-tanggal='2026-03-11']")
    assert sel.locator(".mnt").inner_text() == "60"
    assert page.get_by_test_id("menit-bulan").inner_text() == "60 / 6.750"
    screenshot(page, "kinerja-08-harian-setelah-verifikasi-360")

    # Revise the rejected one in place and submit it again.
    page.locator(f"#aktivitas-{kedua.pk}").get_by_role("link", name="Perbaiki").click()
    page.get_by_test_id("aktivitas-ubah").wait_for()
    _tanpa_geser(page, "/kinerja/ (perbaiki)")
    screenshot(page, "kinerja-09-perbaiki-360")
    page.fill(f"#id_ubah{kedua.pk}_uraian", "Menjawab pertanyaan 4 pegawai tentang cuti")
    page.get_by_role("button", name="Simpan perubahan").click()
    page.get_by_test_id("aktivitas-ubah").wait_for(state="detached")
    page.locator(f"#aktivitas-{kedua.pk}").get_by_role("button", name="Ajukan ulang").click()
    page.wait_for_function(
        f"() => document.querySelector('#aktivitas-{kedua.pk} [data-testid=status]').textContent.trim() === 'Diajukan'"
    )
    kedua.refresh_from_db()
    assert (kedua.status, kedua.uraian) == (StatusAktivitas.DIAJUKAN, "Menjawab pertanyaan 4 pegawai tentang cuti")
    # Its slot is taken again: the quick form's next start moved along without a reload.
    page.wait_for_function("() => document.querySelector('#id_jam_mulai').value === '10:00'")
    assert page.input_value("#id_jam_selesai") == "11:00"
    screenshot(page, "kinerja-10-diajukan-ulang-360")
    assert errors.items == []


def test_it_renders_the_other_kinerja_pages_on_phone_and_desktop(
    peramban, live_server, transactional_db, django_db_serialized_rollback, hari_ini
):
    """A tour for the screenshots: progress with its chart, the day on a desktop, the admin pages; no JavaScript
    error, no missing file, no horizontal scrolling at 360 px."""
    from kinerja.models import BukaKunci, HariLibur
    from kinerja.services.aktivitas import aktivitas_ajukan, aktivitas_buat
    from kinerja.services.verifikasi import aktivitas_setujui

    org, skp = _org_dengan_skp()
    rhk = skp.rhk(skp.staf)
    for hari, mulai, selesai in (
        (9, "07:30", "12:00"),
        (9, "13:00", "16:00"),
        (10, "08:00", "11:00"),
        (11, "08:00", "10:00"),
    ):
        a = aktivitas_buat(
            actor=org.staf,
            tanggal=datetime.date(2026, 3, hari),
            uraian="Menyusun laporan data pegawai",
            jam_mulai=mulai,
            jam_selesai=selesai,
            volume=1,
            satuan="dokumen",
            rhk=rhk,
        )
        if hari < 11:
            aktivitas_ajukan(actor=org.staf, aktivitas=a)
            aktivitas_setujui(actor=org.kasi, aktivitas=a)
    HariLibur.objects.create(tanggal=datetime.date(2026, 3, 19), nama="Hari Suci Nyepi")
    BukaKunci.objects.create(
        pegawai=org.staf,
        tahun=2026,
        bulan=1,
        alasan="Gangguan jaringan",
        sampai=datetime.date(2026, 3, 20),
        oleh=org.admin_opd,
    )

    page, errors = browser_page(peramban, DESKTOP)
    browser_login(page, live_server.url, org.staf.nip_tercetak)
    for viewport_name, viewport in (("1280", DESKTOP), ("360", PHONE)):
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}/kinerja/progres/")
        page.wait_for_function("() => document.querySelector('canvas[data-grafik-kinerja]').dataset.digambar === '1'")
        assert page.get_by_test_id("menit-disetujui").inner_text() == "630"
        screenshot(page, f"kinerja-20-progres-{viewport_name}")
        page.goto(f"{live_server.url}/kinerja/")
        screenshot(page, f"kinerja-21-harian-{viewport_name}")
        if viewport is PHONE:
            _tanpa_geser(page, "/kinerja/progres/")
    assert errors.items == []

    admin, errors_admin = browser_page(peramban, DESKTOP)
    browser_login(admin, live_server.url, org.admin_bkpsdm.username)
    pages = {
        "buka-kunci": "/kinerja/kelola/buka-kunci/",
        "hari-kerja": "/kinerja/kelola/hari-kerja/",
        "hari-libur": "/kinerja/kelola/hari-libur/",
        "pengaturan": "/kinerja/kelola/pengaturan/",
        "progres-pegawai": f"/kinerja/progres/{org.staf.nip}/",
    }
    for viewport_name, viewport in (("1280", DESKTOP), ("360", PHONE)):
        admin.set_viewport_size(viewport)
        for n, (name, path) in enumerate(pages.items(), start=30):
            admin.goto(f"{live_server.url}{path}")
            assert admin.locator("h1").count() >= 1, path
            screenshot(admin, f"kinerja-{n}-{name}-{viewport_name}")
            if viewport is PHONE:
                _tanpa_geser(admin, path)
    # A unit switched to a six-day week inline.
    admin.goto(f"{live_server.url}/kinerja/kelola/hari-kerja/?q=Seksi+Satu")
    unit = org.staf.jabatan.unit_kerja
    admin.select_option(f"#id_unit{unit.pk}_hari_kerja_per_minggu", "6")
    admin.locator(f"#unit-{unit.pk}").get_by_role("button", name="Simpan").click()
    admin.locator(f"#unit-{unit.pk}").get_by_text("Tersimpan.").wait_for()
    assert admin.get_by_test_id(f"berlaku-{unit.pk}").inner_text() == "6 hari"
    assert errors_admin.items == []
