"""Issue 9 in a real browser, on a 360 px phone: a refused entry keeps the times the pegawai typed; a routine
activity goes from the landing page to the atasan in three interactions (counted) and can be withdrawn; the
uraian counts down its limit and a text over it is explained, not cut; "Ajukan semua" asks first with the count.

Same set-up as test_browser.py (live server, system Chromium, "today" pinned to Wednesday 11 March 2026);
screenshots in test-output/screenshots/kinerja-harian-*.png.
"""

import datetime

import pytest

from portal.testing.browser import PHONE, browser_login, browser_page, screenshot

from .test_browser import HARI_INI, _org_dengan_skp, _tanpa_geser, hari_ini, peramban  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser


class Langkah:
    """Counts what the pegawai does with the page: each click, and each field typed into (one interaction however
    many keys). Waiting for the answer is not an interaction."""

    def __init__(self, page):
        self.page = page
        self.jumlah = 0

    def klik(self, locator):
        self.jumlah += 1
        locator.click()
        # The pointer leaves the button: a hover fading in on the fresh form's button would blur the screenshot
        # (and the colours axe checks).
        self.page.mouse.move(0, 0)

    def ketik(self, locator, teks: str):
        self.jumlah += 1
        locator.fill(teks)


def _aktivitas(pegawai, rhk, tanggal, mulai, selesai, uraian="Menyusun laporan data pegawai", ajukan=False):
    from kinerja.services.aktivitas import aktivitas_ajukan, aktivitas_buat

    a = aktivitas_buat(
        actor=pegawai,
        tanggal=tanggal,
        uraian=uraian,
        jam_mulai=mulai,
        jam_selesai=selesai,
        volume=1,
        satuan="dokumen",
        rhk=rhk,
    )
    if ajukan:
        aktivitas_ajukan(actor=pegawai, aktivitas=a)
    return a


def test_a_refused_entry_keeps_the_times_the_pegawai_typed(
    peramban,  # noqa: F811
    live_server,
    transactional_db,
    django_db_serialized_rollback,
    hari_ini,  # noqa: F811
):
    org, skp = _org_dengan_skp()
    rhk = skp.rhk(skp.staf)
    _aktivitas(org.staf, rhk, HARI_INI, "08:00", "10:00", uraian="Rapat koordinasi pagi")
    page, errors = browser_page(peramban, PHONE)
    browser_login(page, live_server.url, org.staf.nip_tercetak)
    page.goto(f"{live_server.url}/kinerja/")
    # The next free slot is offered...
    assert (page.input_value("#id_jam_mulai"), page.input_value("#id_jam_selesai")) == ("10:00", "11:00")

    # ...the pegawai types a slot that overlaps instead.
    page.fill("#id_jam_mulai", "09:00")
    page.fill("#id_jam_selesai", "09:30")
    page.fill("#id_uraian", "Menyiapkan bahan rapat")
    page.get_by_test_id("simpan-aktivitas").click()
    page.locator("#form-aktivitas .invalid-feedback, #form-aktivitas .alert-danger").first.wait_for()
    assert "bertumpuk dengan aktivitas lain pada 08.00–10.00" in page.locator("#form-aktivitas").inner_text()
    # The error sits beside the times that were typed, not beside the next free slot.
    assert (page.input_value("#id_jam_mulai"), page.input_value("#id_jam_selesai")) == ("09:00", "09:30")
    assert page.input_value("#id_uraian") == "Menyiapkan bahan rapat"
    screenshot(page, "kinerja-harian-01-tumpuk-jam-tetap-360")

    # End before start: refused, and again what was typed stays.
    page.fill("#id_jam_mulai", "14:00")
    page.fill("#id_jam_selesai", "13:00")
    page.get_by_test_id("simpan-aktivitas").click()
    page.get_by_text("Jam selesai harus setelah jam mulai.").wait_for()
    assert (page.input_value("#id_jam_mulai"), page.input_value("#id_jam_selesai")) == ("14:00", "13:00")

    # A later change of the day's list (copying yesterday finds nothing) does not overwrite them either.
    page.get_by_test_id("salin-kemarin").click()
    page.locator("#pesan-hari .alert").wait_for()
    assert (page.input_value("#id_jam_mulai"), page.input_value("#id_jam_selesai")) == ("14:00", "13:00")

    # Corrected, it is saved, and the fresh form offers the next free slot again.
    page.fill("#id_jam_mulai", "10:00")
    page.fill("#id_jam_selesai", "10:45")
    page.get_by_test_id("simpan-aktivitas").click()
    page.wait_for_function("() => document.querySelectorAll('[data-testid=aktivitas]').length === 2")
    page.wait_for_function("() => document.querySelector('#id_uraian').value === ''")
    assert (page.input_value("#id_jam_mulai"), page.input_value("#id_jam_selesai")) == ("10:45", "11:45")
    # The form stayed on the page: what was typed for the saved activity and the earlier errors are gone, the
    # RHK stays for the next one.
    assert page.input_value("#id_uraian") == ""
    assert page.locator("#form-aktivitas .invalid-feedback, #form-aktivitas .alert-danger, .is-invalid").count() == 0
    assert page.input_value("#id_pilihan") == f"rhk-{rhk.pk}"
    # The errors went, so the buttons moved up under the pointer: let a hover's colour fade finish before axe.
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)
    screenshot(page, "kinerja-harian-02-tersimpan-form-kosong-360")
    assert errors.items == []


def test_a_routine_activity_takes_three_interactions_from_the_landing_page_and_can_be_withdrawn(
    peramban,  # noqa: F811
    live_server,
    transactional_db,
    django_db_serialized_rollback,
    hari_ini,  # noqa: F811
):
    from kinerja.choices import StatusAktivitas
    from kinerja.models import Aktivitas

    org, skp = _org_dengan_skp()
    layanan = skp.rhk(skp.staf, 2)
    # Yesterday's work: the routine the pegawai repeats today, and the first slot of today already recorded.
    _aktivitas(org.staf, layanan, HARI_INI - datetime.timedelta(days=1), "08:00", "09:00", ajukan=True)
    _aktivitas(org.staf, layanan, HARI_INI, "07:30", "08:30", uraian="Melayani permintaan data", ajukan=True)

    page, errors = browser_page(peramban, PHONE)
    browser_login(page, live_server.url, org.staf.nip_tercetak)
    # Cold start: the landing page, today's report at the top.
    kartu = page.get_by_test_id("beranda-hari-ini")
    assert kartu.bounding_box()["y"] < page.get_by_text("Identitas saya").bounding_box()["y"]
    assert "Laporan hari ini" in kartu.inner_text() and "1 aktivitas, 1 jam" in kartu.inner_text()
    _tanpa_geser(page, "/")
    screenshot(page, "kinerja-harian-10-beranda-360")

    langkah = Langkah(page)
    langkah.klik(page.get_by_test_id("buka-laporan-hari-ini"))
    page.get_by_test_id("form-aktivitas").wait_for()
    # Everything but what was done is already right: the RHK of the last entry, the next free slot, its satuan.
    assert page.locator("#id_pilihan option:checked").inner_text() == "Staf A: layanan informasi terselenggara"
    assert (page.input_value("#id_jam_mulai"), page.input_value("#id_jam_selesai")) == ("08:30", "09:30")
    langkah.ketik(page.locator("#id_uraian"), "Melayani permintaan data kepegawaian dari bidang")
    langkah.klik(page.get_by_test_id("simpan-ajukan"))
    page.wait_for_function("() => document.querySelectorAll('[data-testid=aktivitas]').length === 2")
    assert langkah.jumlah == 3
    assert "tersimpan dan diajukan ke atasan" in page.locator("#hari").inner_text()
    baru = Aktivitas.objects.get(uraian="Melayani permintaan data kepegawaian dari bidang")
    assert (baru.status, baru.rhk_id, baru.jam_mulai, baru.satuan) == (
        StatusAktivitas.DIAJUKAN,
        layanan.pk,
        datetime.time(8, 30),
        "dokumen",
    )
    screenshot(page, "kinerja-harian-11-simpan-ajukan-360")

    # Second thoughts before the atasan acts: take it back, it is a draft again.
    page.locator(f"#aktivitas-{baru.pk}").get_by_test_id("tarik").click()
    page.mouse.move(0, 0)
    page.wait_for_function(
        f"() => document.querySelector('#aktivitas-{baru.pk} [data-testid=status]').textContent.trim() === 'Draf'"
    )
    assert "ditarik kembali" in page.locator("#pesan-hari").inner_text()
    baru.refresh_from_db()
    assert baru.status == StatusAktivitas.DRAFT
    _tanpa_geser(page, "/kinerja/ (ditarik)")
    screenshot(page, "kinerja-harian-12-ditarik-360")
    assert errors.items == []


def test_the_uraian_counts_down_and_a_longer_text_is_explained_not_cut(
    peramban,  # noqa: F811
    live_server,
    transactional_db,
    django_db_serialized_rollback,
    hari_ini,  # noqa: F811
):
    from kinerja.models import Aktivitas

    org, skp = _org_dengan_skp()
    page, errors = browser_page(peramban, PHONE)
    browser_login(page, live_server.url, org.staf.nip_tercetak)
    page.goto(f"{live_server.url}/kinerja/")
    penghitung = page.locator("#id_uraian-penghitung")
    assert page.get_attribute("#id_uraian", "aria-describedby").endswith("id_uraian-penghitung")
    assert penghitung.inner_text() == "Sisa 1.000 dari 1.000 karakter"
    page.select_option("#id_pilihan", label="Staf A: laporan data tersusun")
    page.fill("#id_uraian", "Menyusun rekap")
    assert penghitung.inner_text() == "Sisa 986 dari 1.000 karakter"

    panjang = "Menyusun rekap kehadiran " * 41  # 1,025 characters, 1,024 once trimmed
    page.fill("#id_uraian", panjang)
    # Nothing is cut: the field holds all of it and the counter says by how much it is over.
    assert page.input_value("#id_uraian") == panjang
    assert penghitung.inner_text() == "Lebih 24 karakter dari batas 1.000 — persingkat sebelum menyimpan"
    assert "text-danger" in penghitung.get_attribute("class")
    screenshot(page, "kinerja-harian-20-penghitung-lebih-360")
    page.get_by_test_id("simpan-aktivitas").click()
    page.get_by_text(
        "Uraian aktivitas paling banyak 1.000 karakter; yang ditulis 1.024 karakter (lebih 24)."
    ).wait_for()
    assert page.input_value("#id_uraian") == panjang  # as typed, to be shortened rather than rewritten
    # The counter is back under the field that came back.
    assert page.locator("#id_uraian-penghitung").inner_text().startswith("Lebih 24")
    assert not Aktivitas.objects.exists()
    _tanpa_geser(page, "/kinerja/ (uraian terlalu panjang)")
    screenshot(page, "kinerja-harian-21-uraian-terlalu-panjang-360")
    assert errors.items == []


def test_submitting_the_whole_day_asks_first_with_the_count(
    peramban,  # noqa: F811
    live_server,
    transactional_db,
    django_db_serialized_rollback,
    hari_ini,  # noqa: F811
):
    from kinerja.choices import StatusAktivitas
    from kinerja.models import Aktivitas

    org, skp = _org_dengan_skp()
    rhk = skp.rhk(skp.staf)
    for mulai, selesai in (("08:00", "09:00"), ("09:00", "10:00"), ("10:00", "11:00")):
        _aktivitas(org.staf, rhk, HARI_INI, mulai, selesai)
    page, errors = browser_page(peramban, PHONE)
    browser_login(page, live_server.url, org.staf.nip_tercetak)
    page.goto(f"{live_server.url}/kinerja/")

    pesan = []
    page.once("dialog", lambda d: (pesan.append(d.message), d.dismiss()))
    page.get_by_test_id("ajukan-semua").click()
    assert pesan == [
        "Ajukan 3 draf tanggal 11 Maret ke atasan? Sesudah diajukan, aktivitas hanya dapat diubah bila ditarik "
        "kembali sebelum diverifikasi."
    ]
    # Cancelled: nothing was sent, the button is still there to use.
    assert page.get_by_test_id("ajukan-semua").is_enabled()
    assert set(Aktivitas.objects.values_list("status", flat=True)) == {StatusAktivitas.DRAFT}

    page.once("dialog", lambda d: d.accept())
    page.get_by_test_id("ajukan-semua").click()
    page.get_by_text("3 aktivitas diajukan ke atasan.").wait_for()
    assert set(Aktivitas.objects.values_list("status", flat=True)) == {StatusAktivitas.DIAJUKAN}
    assert errors.items == []
