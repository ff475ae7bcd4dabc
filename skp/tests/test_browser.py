"""The SKP journey in a real browser: a pegawai drafts and submits an SKP with the htmx editor, the atasan returns it
with a catatan, the pegawai repairs and resubmits, the atasan approves. Then the Matriks Peran Hasil and the
daftar nominatif. Screenshots at 360 px and desktop land in test-output/screenshots/skp-*.png.

The PDF download of the approved SKP belongs to the SKP document work and is not part of this journey.
"""

import pytest
from django.utils import timezone

from portal.testing.browser import DESKTOP, PHONE, SCREENSHOTS, browser_login, browser_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _rantai_disetujui(org, tahun):
    """Approved SKP of kepala → kabid → kasi (two RHK), cascading, written with the factories."""
    from skp.tests.factories import skp_disetujui

    kepala = skp_disetujui(org.kepala, tahun=tahun, rhk=["Meningkatnya kualitas pelayanan administrasi kependudukan"])
    kabid = skp_disetujui(
        org.kabid, tahun=tahun, rhk=["Meningkatnya kecepatan layanan bidang satu"], penilai=org.kepala
    )
    kabid.rhk.update(intervensi=kepala.rhk.get())
    kasi = skp_disetujui(
        org.kasi,
        tahun=tahun,
        rhk=["Tersedianya data kependudukan yang mutakhir", "Terselesaikannya pengaduan layanan tepat waktu"],
        penilai=org.kabid,
    )
    kasi.rhk.update(intervensi=kabid.rhk.get())
    return kasi


def _tanpa_geser(page, nama):
    # Nothing wider than the phone: a horizontal scrollbar on 360 px is the most common mobile defect.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], nama


def _tandai(page):
    """Mark the document: the mark survives htmx swaps and disappears on a full page load."""
    page.evaluate("window.__tanpaMuatUlang = true")


def _belum_dimuat_ulang(page) -> bool:
    return page.evaluate("window.__tanpaMuatUlang === true")


def test_it_drafts_submits_returns_repairs_and_approves_an_skp(browser, live_server, transactional_db):  # noqa: F811
    from pegawai.tests.personas import build_org
    from skp.choices import SkpStatus
    from skp.models import Skp

    org = build_org()
    tahun = timezone.localdate().year
    kasi_skp = _rantai_disetujui(org, tahun)
    rhk_atasan = kasi_skp.rhk.order_by("urutan").last()
    base = live_server.url

    # --- The pegawai, on a phone: start the SKP -----------------------------------------------------------------
    pegawai, galat_pegawai = browser_page(browser, PHONE)
    pegawai.on("dialog", lambda dialog: dialog.accept())
    browser_login(pegawai, base, org.staf.nip)
    pegawai.goto(f"{base}/skp/")
    pegawai.get_by_test_id("prasyarat").wait_for()
    assert "sudah disetujui" in pegawai.get_by_test_id("prasyarat").inner_text()
    _tanpa_geser(pegawai, "index")
    screenshot(pegawai, "skp-01-skp-saya-360")
    pegawai.get_by_test_id("buat-skp").click()
    pegawai.wait_for_url(f"{base}/skp/*/ubah/")
    skp = Skp.objects.get(pegawai=org.staf, tahun=tahun)
    _tanpa_geser(pegawai, "editor kosong")
    screenshot(pegawai, "skp-02-editor-kosong-360")

    # Add an Utama RHK, picking the atasan's RHK by its text, without a page reload.
    _tandai(pegawai)
    pegawai.get_by_test_id("tambah-rhk-utama").click()
    bagian = pegawai.locator("#rhk-utama")
    bagian.get_by_label("Rencana hasil kerja").fill("Terselesaikannya pengaduan data kependudukan")
    bagian.get_by_text(rhk_atasan.teks).click()
    bagian.get_by_role("button", name="Simpan RHK").click()
    kartu = pegawai.get_by_test_id("rhk-kartu").first
    kartu.wait_for()
    assert "Terselesaikannya pengaduan data kependudukan" in kartu.inner_text()
    assert rhk_atasan.teks in kartu.inner_text()

    # Add its IKI (kuantitatif: aspek, target, satuan).
    kartu.get_by_test_id("tambah-iki").click()
    kartu.get_by_label("Indikator kinerja individu").fill("Jumlah pengaduan yang diselesaikan")
    kartu.get_by_label("Aspek").select_option("kuantitas")
    kartu.get_by_label("Target", exact=True).fill("24")
    kartu.get_by_label("Satuan").fill("pengaduan")
    kartu.get_by_role("button", name="Simpan indikator").click()
    pegawai.get_by_text("24 pengaduan").wait_for()
    # A second IKI with a refused target range: the message shows inline, nothing is saved.
    kartu = pegawai.get_by_test_id("rhk-kartu").first
    kartu.get_by_test_id("tambah-iki").click()
    kartu.get_by_label("Indikator kinerja individu").fill("Persentase pengaduan selesai tepat waktu")
    kartu.get_by_label("Aspek").select_option("waktu")
    kartu.get_by_label("Target", exact=True).fill("100")
    kartu.get_by_label("Sampai (opsional)").fill("90")
    kartu.get_by_label("Satuan").fill("%")
    kartu.get_by_role("button", name="Simpan indikator").click()
    pegawai.get_by_text("Target minimum tidak boleh lebih besar dari target maksimum.").wait_for()
    _tanpa_geser(pegawai, "editor galat")
    screenshot(pegawai, "skp-03-editor-galat-target-360")
    kartu = pegawai.get_by_test_id("rhk-kartu").first
    kartu.get_by_label("Target", exact=True).fill("90")
    kartu.get_by_label("Sampai (opsional)").fill("100")
    kartu.get_by_role("button", name="Simpan indikator").click()
    pegawai.get_by_text("90–100 %").wait_for()

    # A lampiran line.
    lampiran = pegawai.locator("#lampiran-dukungan_sumber_daya")
    lampiran.get_by_text("+ Tambah baris").click()
    lampiran.get_by_label("Isi").fill("Akses aplikasi SIAK")
    lampiran.get_by_role("button", name="Simpan").click()
    pegawai.locator("#lampiran-dukungan_sumber_daya").get_by_text("Akses aplikasi SIAK").wait_for()
    # Reorder the IKI with the arrow buttons, edit one in place, delete the lampiran line (after the confirm).
    kartu = pegawai.get_by_test_id("rhk-kartu").first
    kartu.get_by_role("button", name="Turunkan IKI nomor 1").click()
    pegawai.wait_for_function(
        "() => document.querySelector('[data-testid=rhk-kartu] .iki-baris').innerText.includes('Persentase pengaduan')"
    )
    kartu = pegawai.get_by_test_id("rhk-kartu").first
    kartu.get_by_role("link", name="Ubah IKI nomor 2").click()
    ubah = pegawai.locator(".iki-baris form")
    ubah.get_by_label("Target", exact=True).fill("30")
    ubah.get_by_role("button", name="Simpan indikator").click()
    pegawai.get_by_text("30 pengaduan").wait_for()
    pegawai.locator("#lampiran-dukungan_sumber_daya").get_by_role("button", name="Hapus baris ini").click()
    pegawai.locator("#lampiran-dukungan_sumber_daya").get_by_text("Belum diisi.").wait_for()
    lampiran.get_by_text("+ Tambah baris").click()
    lampiran.get_by_label("Isi").fill("Akses aplikasi SIAK dan SIMPEG")
    lampiran.get_by_role("button", name="Simpan").click()
    pegawai.locator("#lampiran-dukungan_sumber_daya").get_by_text("Akses aplikasi SIAK dan SIMPEG").wait_for()
    assert _belum_dimuat_ulang(pegawai), "the editor reloaded the whole page"
    assert "siap diajukan" in pegawai.get_by_test_id("kelengkapan").inner_text()
    _tanpa_geser(pegawai, "editor terisi")
    screenshot(pegawai, "skp-04-editor-terisi-360")
    pegawai.set_viewport_size(DESKTOP)
    screenshot(pegawai, "skp-05-editor-terisi-desktop")
    pegawai.set_viewport_size(PHONE)

    pegawai.get_by_test_id("ajukan").click()
    pegawai.wait_for_url(f"{base}/skp/{skp.pk}/")
    assert "sudah diajukan kepada Kasi A" in pegawai.locator(".alert-success").inner_text()
    _tanpa_geser(pegawai, "detail")
    screenshot(pegawai, "skp-06-detail-diajukan-360")

    # --- The atasan, on a desktop: return with a catatan ----------------------------------------------------------
    atasan, galat_atasan = browser_page(browser, DESKTOP)
    atasan.on("dialog", lambda dialog: dialog.accept())
    browser_login(atasan, base, org.kasi.nip)
    atasan.goto(f"{base}/skp/bawahan/")
    assert "1 SKP menunggu" in atasan.get_by_test_id("jumlah-menunggu").inner_text()
    screenshot(atasan, "skp-07-antrian-desktop")
    atasan.get_by_test_id(f"tinjau-{org.staf.pk}").click()
    atasan.wait_for_url(f"{base}/skp/{skp.pk}/tinjau/")
    assert "memahami dan memenuhi kebutuhan masyarakat" in atasan.content()
    screenshot(atasan, "skp-08-tinjau-desktop")
    atasan.get_by_test_id("kembalikan").click()  # without a catatan: refused, shown next to the field
    atasan.get_by_text("Catatan wajib diisi").first.wait_for()
    atasan.get_by_label("Catatan untuk pegawai").fill("Tambahkan indikator kualitas data.")
    atasan.get_by_test_id("kembalikan").click()
    atasan.wait_for_url(f"{base}/skp/bawahan/*")
    assert "dikembalikan" in atasan.locator(".alert-success").inner_text()

    # --- The pegawai repairs and resubmits -----------------------------------------------------------------------
    pegawai.goto(f"{base}/skp/")
    assert "Tambahkan indikator kualitas data." in pegawai.locator("main").inner_text()
    pegawai.get_by_role("link", name="Lanjutkan mengisi").click()
    pegawai.get_by_test_id("catatan-kembali").wait_for()
    _tandai(pegawai)
    kartu = pegawai.get_by_test_id("rhk-kartu").first
    kartu.get_by_test_id("tambah-iki").click()
    kartu.get_by_label("Indikator kinerja individu").fill("Persentase data kependudukan tanpa kesalahan")
    kartu.get_by_label("Aspek").select_option("kualitas")
    kartu.get_by_label("Target", exact=True).fill("98")
    kartu.get_by_label("Satuan").fill("%")
    kartu.get_by_role("button", name="Simpan indikator").click()
    pegawai.get_by_text("98 %").wait_for()
    # The header (swapped out of band) now says draft again.
    pegawai.locator("#editor-kepala [data-status='draft']").wait_for()
    assert _belum_dimuat_ulang(pegawai)
    screenshot(pegawai, "skp-09-editor-perbaikan-360")
    pegawai.get_by_test_id("ajukan").click()
    pegawai.wait_for_url(f"{base}/skp/{skp.pk}/")

    # --- The atasan sets an ekspektasi and approves ----------------------------------------------------------------
    atasan.goto(f"{base}/skp/{skp.pk}/tinjau/")
    blok = atasan.locator("#perilaku-akuntabel")
    blok.get_by_label("Ekspektasi khusus pimpinan").fill("Laporan disampaikan paling lambat tanggal 5.")
    blok.get_by_role("button", name="Simpan").click()
    atasan.locator("#perilaku-akuntabel").get_by_text("Tersimpan").wait_for()
    atasan.get_by_test_id("setujui").click()
    atasan.wait_for_url(f"{base}/skp/bawahan/*")
    assert "sudah disetujui" in atasan.locator(".alert-success").inner_text()
    screenshot(atasan, "skp-10-antrian-disetujui-desktop")
    skp.refresh_from_db()
    assert skp.status == SkpStatus.DISETUJUI and skp.pejabat_penilai == org.kasi
    assert skp.ekspektasi.get().teks == "Laporan disampaikan paling lambat tanggal 5."

    atasan.set_viewport_size(PHONE)
    atasan.reload()
    _tanpa_geser(atasan, "antrian")
    screenshot(atasan, "skp-10b-antrian-360")
    atasan.goto(f"{base}/skp/{skp.pk}/tinjau/")
    _tanpa_geser(atasan, "tinjau")
    screenshot(atasan, "skp-10c-tinjau-disetujui-360")
    atasan.set_viewport_size(DESKTOP)

    # --- The Matriks Peran Hasil of the section, desktop and phone --------------------------------------------------
    atasan.goto(f"{base}/skp/mph/")
    tabel = atasan.get_by_test_id("mph-tabel")
    tabel.wait_for()
    assert "Terselesaikannya pengaduan data kependudukan" in tabel.inner_text()
    assert "Belum diintervensi bawahan" in tabel.inner_text()  # the kasi's first RHK
    screenshot(atasan, "skp-11-mph-desktop")
    atasan.set_viewport_size(PHONE)
    atasan.reload()
    assert atasan.get_by_test_id("mph-tumpuk").is_visible() and not tabel.is_visible()
    _tanpa_geser(atasan, "mph")
    screenshot(atasan, "skp-12-mph-360")

    pegawai.goto(f"{base}/skp/{skp.pk}/")
    _tanpa_geser(pegawai, "detail disetujui")
    screenshot(pegawai, "skp-13-detail-disetujui-360")
    assert galat_pegawai.items == [] and galat_atasan.items == []


def test_it_shows_the_admin_the_daftar_nominatif_with_its_chart(browser, live_server, transactional_db):  # noqa: F811
    from pegawai.tests.personas import build_org
    from skp.tests.factories import SkpFactory

    org = build_org()
    tahun = timezone.localdate().year
    _rantai_disetujui(org, tahun)
    SkpFactory(pegawai=org.staf, tahun=tahun)
    page, errors = browser_page(browser, DESKTOP)
    browser_login(page, live_server.url, org.admin_opd.username)
    page.goto(f"{live_server.url}/skp/")
    page.wait_for_url(f"{live_server.url}/skp/nominatif/")
    page.wait_for_function("() => document.querySelector('canvas[data-grafik-donat]').dataset.digambar === '1'")
    assert page.get_by_test_id("tabel-nominatif").locator("tbody tr").count() == 7
    screenshot(page, "skp-20-nominatif-desktop")

    # Filtering by status narrows the list through htmx, the URL follows, and the chart is drawn again.
    page.get_by_label("Status SKP", exact=True).select_option("belum_dibuat")
    page.wait_for_url("**status=belum_dibuat**")
    page.wait_for_function("() => document.querySelectorAll('[data-testid=tabel-nominatif] tbody tr').length === 3")
    page.wait_for_function("() => document.querySelector('canvas[data-grafik-donat]').dataset.digambar === '1'")
    with page.expect_download() as unduhan:
        page.get_by_test_id("ekspor-xlsx").click()
    assert unduhan.value.suggested_filename == f"daftar-nominatif-skp-da-{tahun}.xlsx"

    page.set_viewport_size(PHONE)
    page.reload()
    _tanpa_geser(page, "nominatif")
    screenshot(page, "skp-21-nominatif-360")
    assert errors.items == []


def test_admin_bkpsdm_approves_for_the_kepala_daerah(browser, live_server, transactional_db):  # noqa: F811
    from pegawai.tests.personas import build_org
    from skp.choices import SkpStatus
    from skp.services.skp import skp_ajukan, skp_buat
    from skp.tests.helpers import isi_rhk

    org = build_org()
    tahun = timezone.localdate().year
    skp = skp_buat(actor=org.kepala, tahun=tahun)
    isi_rhk(skp, "Meningkatnya indeks kepuasan masyarakat terhadap layanan dinas")
    skp_ajukan(actor=org.kepala, skp=skp)

    page, errors = browser_page(browser, PHONE)
    page.on("dialog", lambda dialog: dialog.accept())
    browser_login(page, live_server.url, org.admin_bkpsdm.username)
    page.goto(f"{live_server.url}/skp/kepala-daerah/")
    tabel = page.get_by_test_id("tabel-kepala-daerah")
    assert org.kepala.nama in tabel.inner_text() and org.kepala_b.nama in tabel.inner_text()
    _tanpa_geser(page, "kepala daerah")
    screenshot(page, "skp-30-kepala-daerah-360")
    tabel.get_by_role("link", name="Tinjau").click()
    page.get_by_test_id("atas-nama").wait_for()
    assert "Wali Kota Bandung" in page.get_by_test_id("atas-nama").inner_text()
    _tanpa_geser(page, "tinjau kepala daerah")
    screenshot(page, "skp-31-tinjau-kepala-daerah-360")
    page.get_by_test_id("setujui").click()
    page.wait_for_url(f"{live_server.url}/skp/kepala-daerah/*")
    assert "sudah disetujui" in page.locator(".alert-success").inner_text()
    skp.refresh_from_db()
    assert skp.status == SkpStatus.DISETUJUI and skp.identitas_penilai["jabatan"] == "Wali Kota Bandung"
    page.goto(f"{live_server.url}/skp/{skp.pk}/")
    assert "a.n. Wali Kota Bandung" in page.get_by_test_id("riwayat").inner_text()
    screenshot(page, "skp-32-detail-kepala-daerah-360")
    assert errors.items == []


def _di_layar_dan_fokus(page) -> dict:
    """Where the keyboard focus is and whether it is inside the viewport (what the user sees without scrolling)."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const r = el.getBoundingClientRect();
            return {
                name: el.name || "", invalid: el.classList.contains("is-invalid"), tag: el.tagName,
                terlihat: r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0,
                scrollY: window.scrollY,
            };
        }"""
    )


def test_a_refused_form_scrolls_to_its_error_and_focuses_it(browser, live_server, transactional_db):  # noqa: F811
    """The atasan returns a perubahan SKP (its changes listed) without a catatan: the page comes back with the
    error beside the catatan field, scrolled there and focused, not at the top of the page. Then the pegawai's
    refused IKI in the htmx editor: the focus lands on the refused field too."""
    from decimal import Decimal

    from pegawai.tests.personas import build_org
    from skp.choices import SkpStatus
    from skp.tests.factories import IkiFactory, RhkFactory, SkpFactory

    org = build_org()
    tahun = timezone.localdate().year
    kasi_skp = _rantai_disetujui(org, tahun)
    atasan_rhk = kasi_skp.rhk.order_by("urutan").first()
    lama = SkpFactory(pegawai=org.staf, tahun=tahun, status=SkpStatus.DISETUJUI, pejabat_penilai=org.kasi)
    baru = SkpFactory(
        pegawai=org.staf,
        tahun=tahun,
        status=SkpStatus.DIAJUKAN,
        versi=2,
        versi_sebelumnya=lama,
        alasan_perubahan="Beban layanan naik.",
    )
    for urutan in range(1, 9):  # a long page: the decision form is far below the fold
        teks = f"Terlayaninya permohonan data kependudukan nomor {urutan}"
        asal = RhkFactory(skp=lama, teks=teks, urutan=urutan, intervensi=atasan_rhk)
        IkiFactory(rhk=asal, teks="Jumlah permohonan", target_min=Decimal(520), satuan="permohonan", urutan=1)
        rhk = RhkFactory(skp=baru, teks=teks, urutan=urutan, intervensi=atasan_rhk, asal=asal)
        target = Decimal(600 if urutan == 1 else 520)
        IkiFactory(rhk=rhk, teks="Jumlah permohonan", target_min=target, satuan="permohonan", urutan=1)
    base = live_server.url

    atasan, galat_atasan = browser_page(browser, DESKTOP)
    browser_login(atasan, base, org.kasi.nip)
    atasan.goto(f"{base}/skp/{baru.pk}/tinjau/")
    perubahan = atasan.get_by_test_id("perubahan-versi")
    assert "520 permohonan" in perubahan.inner_text() and "600 permohonan" in perubahan.inner_text()
    perubahan.scroll_into_view_if_needed()
    atasan.screenshot(path=str(SCREENSHOTS / "skp-galat-01-perubahan-desktop.png"))

    atasan.get_by_test_id("kembalikan").click()  # no catatan
    atasan.get_by_text("Catatan wajib diisi").first.wait_for()
    fokus = _di_layar_dan_fokus(atasan)
    atasan.screenshot(path=str(SCREENSHOTS / "skp-galat-02-kembalikan-tanpa-catatan-desktop.png"))
    assert fokus["name"] == "catatan" and fokus["invalid"], fokus
    assert fokus["terlihat"] and fokus["scrollY"] > 0, fokus
    assert atasan.get_by_text("Catatan wajib diisi").first.is_visible()
    screenshot(atasan, "skp-galat-03-kembalikan-tanpa-catatan-penuh")
    atasan.get_by_label("Catatan untuk pegawai").fill("Target nomor 1 terlalu tinggi.")
    atasan.get_by_test_id("kembalikan").click()
    atasan.wait_for_url(f"{base}/skp/bawahan/*")

    # The pegawai's refused IKI in the htmx editor (a 422 swap): the focus moves to the refused field.
    pegawai, galat_pegawai = browser_page(browser, PHONE)
    browser_login(pegawai, base, org.staf.nip)
    pegawai.goto(f"{base}/skp/{baru.pk}/ubah/")
    kartu = pegawai.get_by_test_id("rhk-kartu").last
    kartu.get_by_test_id("tambah-iki").click()
    kartu.get_by_label("Indikator kinerja individu").fill("Persentase permohonan selesai tepat waktu")
    kartu.get_by_label("Aspek").select_option("waktu")
    kartu.get_by_label("Target", exact=True).fill("100")
    kartu.get_by_label("Sampai (opsional)").fill("90")
    kartu.get_by_label("Satuan").fill("%")
    pegawai.evaluate("window.scrollTo(0, 0)")  # the user scrolled away meanwhile: the answer brings them back
    kartu.get_by_role("button", name="Simpan indikator").click()
    pegawai.get_by_text("Target minimum tidak boleh lebih besar dari target maksimum.").wait_for()
    pegawai.wait_for_function("() => document.activeElement.classList.contains('is-invalid')")
    fokus = _di_layar_dan_fokus(pegawai)
    pegawai.screenshot(path=str(SCREENSHOTS / "skp-galat-04-iki-ditolak-360.png"))
    assert fokus["invalid"] and fokus["terlihat"], fokus
    assert galat_atasan.items == [] and galat_pegawai.items == []
