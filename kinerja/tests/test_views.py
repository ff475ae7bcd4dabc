"""The daily activity pages per role: the pegawai's day (entry through htmx, errors inline with nothing changed,
submitting, copying, editing), evidence upload and download, the atasan's queue (inline and bulk decisions,
pending counts), progress, the admin pages, and the constant query counts of the calendar and the queue.

"Today" is Wednesday 11 March 2026 (the ``jam`` fixture, kinerja/tests/conftest.py)."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.choices import KategoriAktivitas, StatusAktivitas
from kinerja.models import Aktivitas, BukaKunci, BuktiDukung, HariKerjaUnit, HariLibur, PengaturanKinerja
from kinerja.selectors.penguncian import entri_tanggal
from kinerja.services.bukti import bukti_tambah_berkas, bukti_tambah_tautan
from kinerja.services.verifikasi import aktivitas_setujui, aktivitas_tolak
from pegawai.tests.factories import PegawaiFactory
from portal.choices import JenisAkses
from portal.models import AksesLog
from portal.testing.ooxml import DTD_XXE, bom_rasio, docx, zip_di_dalam

from .factories import TAHUN, AktivitasFactory, catat, diajukan
from .test_bukti import JPEG, PDF, PNG

pytestmark = pytest.mark.django_db

D = datetime.date
HARI_INI = D(TAHUN, 3, 11)
HTMX = {"HTTP_HX_REQUEST": "true"}


def masuk(orang) -> Client:
    client = Client()
    client.force_login(getattr(orang, "user", orang))
    return client


def teks(response) -> str:
    """The visible text of a response, tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def isian(rhk=None, **kwargs) -> dict:
    data = {
        "tanggal": HARI_INI.isoformat(),
        "pilihan": f"rhk-{rhk.pk}" if rhk is not None else "lainnya",
        "alasan_kategori": "" if rhk is not None else "Perintah lisan kepala seksi",
        "uraian": "Menyusun rekap data pegawai",
        "jam_mulai": "08:00",
        "jam_selesai": "09:30",
        "volume": "2",
        "satuan": "dokumen",
    }
    data.update(kwargs)
    return data


@pytest.fixture
def rhk(skp):
    return skp.rhk(skp.staf)


@pytest.fixture
def staf(org):
    return masuk(org.staf)


@pytest.fixture
def kasi(org):
    return masuk(org.kasi)


# ---------------------------------------------------------------------------------------------------------------
# The pegawai's day
# ---------------------------------------------------------------------------------------------------------------


def test_it_shows_the_day_with_the_rhk_text_and_times_that_follow_the_last_activity(org, jam, rhk, staf):
    response = staf.get(reverse("kinerja:harian"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Staf A: laporan data tersusun" in html
    assert "Staf A: layanan informasi terselenggara" in html
    assert f'value="rhk-{rhk.pk}"' in html
    assert 'name="jam_mulai" value="08:00"' in html and 'name="jam_selesai" value="09:00"' in html
    assert 'capture="environment"' in html
    assert "Belum ada aktivitas pada tanggal ini." in teks(response)

    catat(org.staf, rhk, HARI_INI, "08:00", "10:15")
    html = staf.get(reverse("kinerja:harian")).content.decode()
    assert 'name="jam_mulai" value="10:15"' in html and 'name="jam_selesai" value="11:15"' in html


def test_an_account_without_a_pegawai_has_no_daily_page(org, jam):
    for user in (org.admin_opd, org.admin_bkpsdm):
        assert masuk(user).get(reverse("kinerja:harian")).status_code == 404
    assert Client().get(reverse("kinerja:harian")).status_code == 302


def test_it_files_an_activity_through_htmx_and_lists_it_without_a_reload(org, jam, rhk, staf):
    response = staf.post(reverse("kinerja:aktivitas_tambah"), isian(rhk), **HTMX)
    assert response.status_code == 200
    aktivitas = Aktivitas.objects.get()
    assert (aktivitas.pegawai, aktivitas.rhk, aktivitas.status, aktivitas.menit) == (
        org.staf,
        rhk,
        StatusAktivitas.DRAFT,
        90,
    )
    html = response.content.decode()
    # The quick form stays (nothing is swapped into it) and the page script empties it on the event; the next
    # start (= last end) travels with the day's actions; the list and the calendar come out of band.
    assert response["HX-Reswap"] == "none"
    assert "aktivitas-tersimpan" in response["HX-Trigger-After-Swap"]
    assert 'id="form-aktivitas"' not in html and 'name="uraian"' not in html
    assert re.search(r'id="aksi-hari"[^>]*\s+data-mulai-berikut="09:30" data-selesai-berikut="10:30"', html)
    assert re.search(r'<section id="hari"[^>]*hx-swap-oob="true"', html)
    # Only the day's cell of the month calendar and the month's summary are swapped, not the whole calendar.
    assert re.search(
        r'<td class="kal-kurang kal-terpilih kal-hari-ini" hx-swap-oob="outerHTML:#kalender tbody > '
        r'tr:nth-child\(3\) > td:nth-child\(3\)">',
        html,
    )
    assert re.search(r'<div id="kal-ringkas" hx-swap-oob="true"', html)
    assert f'id="aktivitas-{aktivitas.pk}"' in html
    assert "tersimpan sebagai draf" in html
    assert "<html" not in html


def test_without_javascript_the_form_posts_and_comes_back_to_the_day(org, jam, rhk, staf):
    response = staf.post(reverse("kinerja:aktivitas_tambah"), isian(rhk), follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('kinerja:harian')}?tanggal=2026-03-11"
    assert "Menyusun rekap data pegawai" in teks(response)
    assert Aktivitas.objects.count() == 1


@pytest.mark.parametrize(
    "ubah, pesan",
    [
        ({"uraian": ""}, "Uraian aktivitas wajib diisi."),
        ({"pilihan": ""}, "Pilih rencana hasil kerja"),
        ({"pilihan": "lainnya", "alasan_kategori": ""}, "Jelaskan alasan aktivitas ini"),
        ({"jam_selesai": "07:00"}, "Jam selesai harus setelah jam mulai."),
        ({"volume": "nol"}, "Volume keluaran harus berupa angka lebih dari nol."),
        ({"jam_mulai": "09:00", "jam_selesai": "10:00"}, "bertumpuk dengan aktivitas lain pada 08.30–09.30"),
        ({"tanggal": "2026-03-12"}, "tanggal yang belum tiba"),
        ({"tanggal": "2026-03-02"}, "Batas waktu pencatatan aktivitas untuk tanggal ini sudah lewat."),
        ({"tautan": "javascript:alert(1)"}, "diawali http:// atau https://"),
    ],
)
def test_errors_are_shown_inline_in_indonesian_and_nothing_changes(org, jam, rhk, staf, ubah, pesan):
    catat(org.staf, rhk, HARI_INI, "08:30", "09:30")
    response = staf.post(
        reverse("kinerja:aktivitas_tambah"), isian(rhk, jam_mulai="10:00", jam_selesai="11:00") | ubah, **HTMX
    )
    assert response.status_code == 422
    assert pesan in teks(response)
    # Only the form comes back, with what was typed still in it (or, for a date closed to entries, the reason).
    html = response.content.decode()
    assert '<section id="form-aktivitas"' in html and '<section id="hari"' not in html
    assert 'value="10:00"' in html or 'data-testid="entri-tertutup"' in html
    assert Aktivitas.objects.count() == 1


def test_a_locked_month_shows_the_lock_instead_of_the_form_and_refuses_entries(org, jam, rhk, staf):
    jam.atur(D(TAHUN, 4, 8))  # March's deadline was the 5th working day of April, the 7th
    # One decision and one message: what the page says before the form is what the service refuses with.
    pesan = entri_tanggal(org.staf, D(TAHUN, 3, 31)).pesan
    assert "sudah terkunci" in pesan
    response = staf.get(reverse("kinerja:harian"), {"tanggal": "2026-03-31"})
    assert "terkunci" in response.content.decode()
    assert 'data-testid="bulan-terkunci"' in response.content.decode()
    assert 'data-testid="entri-tertutup"' in response.content.decode() and pesan in teks(response)
    response = staf.post(reverse("kinerja:aktivitas_tambah"), isian(rhk, tanggal="2026-03-31"), **HTMX)
    assert response.status_code == 422 and pesan in teks(response)
    assert not Aktivitas.objects.exists()

    BukaKunci.objects.create(pegawai=org.staf, tahun=TAHUN, bulan=3, alasan="Server mati", sampai=D(TAHUN, 4, 10))
    response = staf.get(reverse("kinerja:harian"), {"tanggal": "2026-03-31"})
    assert 'data-testid="form-aktivitas"' in response.content.decode() and "Dibuka kembali oleh admin" in teks(response)
    assert staf.post(reverse("kinerja:aktivitas_tambah"), isian(rhk, tanggal="2026-03-31"), **HTMX).status_code == 200
    assert Aktivitas.objects.get().terlambat


def test_the_calendar_greys_weekends_and_holidays_and_marks_missing_working_days(org, jam, rhk, staf):
    HariLibur.objects.create(tanggal=D(TAHUN, 3, 3), nama="Libur uji")
    catat(org.staf, rhk, D(TAHUN, 3, 9), "08:00", "16:00")  # 480 minutes: above the daily share
    catat(org.staf, rhk, D(TAHUN, 3, 10), "08:00", "09:00")
    html = staf.get(reverse("kinerja:harian")).content.decode()

    def sel(hari):
        return re.search(rf'<td class="([^"]*)">\s*<a href="[^"]*tanggal=2026-03-{hari:02d}"', html).group(1)

    assert "kal-libur" in sel(1) and "kal-libur" in sel(7)  # Sunday, Saturday
    assert "kal-libur" in sel(3)  # the holiday
    assert "kal-kosong" in sel(2) and "kal-kosong" in sel(4)  # working days without a report
    assert "kal-cukup" in sel(9) and "kal-kurang" in sel(10)
    assert "kal-nanti" in sel(12)
    assert "kal-terpilih" in sel(11) and "kal-hari-ini" in sel(11)
    assert "Libur uji" in html
    # The daily share of 6.750 minutes over March's 21 working days (22 minus the holiday).
    assert "± 322 menit" in teks(staf.get(reverse("kinerja:harian")))


def test_it_submits_one_draft_or_all_drafts_of_the_day(org, jam, rhk, staf):
    a = catat(org.staf, rhk, HARI_INI, "08:00", "09:00")
    b = catat(org.staf, rhk, HARI_INI, "09:00", "10:00")
    c = catat(org.staf, rhk, HARI_INI, "10:00", "11:00")
    response = staf.post(reverse("kinerja:aktivitas_ajukan", args=[a.pk]), **HTMX)
    assert response.status_code == 200 and response["HX-Retarget"] == "#hari"
    assert "diajukan ke atasan" in teks(response)
    a.refresh_from_db()
    assert a.status == StatusAktivitas.DIAJUKAN

    response = staf.post(reverse("kinerja:ajukan_hari"), {"tanggal": HARI_INI.isoformat()}, **HTMX)
    assert "2 aktivitas diajukan ke atasan." in teks(response)
    assert set(Aktivitas.objects.values_list("status", flat=True)) == {StatusAktivitas.DIAJUKAN}
    assert {b.pk, c.pk} <= set(Aktivitas.objects.filter(status=StatusAktivitas.DIAJUKAN).values_list("pk", flat=True))
    response = staf.post(reverse("kinerja:ajukan_hari"), {"tanggal": HARI_INI.isoformat()}, **HTMX)
    assert "Tidak ada draf" in teks(response)


def test_it_copies_yesterdays_activities(org, jam, rhk, staf):
    catat(org.staf, rhk, D(TAHUN, 3, 10), "08:00", "09:00", uraian="Rapat pagi")
    catat(org.staf, rhk, D(TAHUN, 3, 10), "09:00", "11:00", uraian="Entri data")
    response = staf.post(reverse("kinerja:salin_kemarin"), {"tanggal": HARI_INI.isoformat()}, **HTMX)
    assert "2 aktivitas disalin dari Selasa, 10 Maret sebagai draf." in teks(response)
    assert list(Aktivitas.objects.filter(tanggal=HARI_INI).values_list("uraian", flat=True)) == [
        "Rapat pagi",
        "Entri data",
    ]
    # The form comes out of band too: the next start follows the copies.
    assert 'name="jam_mulai" value="11:00"' in response.content.decode()
    response = staf.post(reverse("kinerja:salin_kemarin"), {"tanggal": HARI_INI.isoformat()}, **HTMX)
    assert "0 aktivitas disalin" in teks(response) and "dilewati" in teks(response)
    assert Aktivitas.objects.filter(tanggal=HARI_INI).count() == 2


def test_it_edits_a_rejected_activity_with_the_catatan_in_view_and_resubmits(org, jam, rhk, staf):
    a = diajukan(org.staf, rhk, HARI_INI)
    aktivitas_tolak(actor=org.kasi, aktivitas=a, catatan="Sebutkan dokumen yang disusun.")
    day = staf.get(reverse("kinerja:harian"))
    assert "Sebutkan dokumen yang disusun." in teks(day) and "Perbaiki" in teks(day)

    form = staf.get(reverse("kinerja:aktivitas_ubah", args=[a.pk]), **HTMX)
    assert form.status_code == 200 and "Sebutkan dokumen yang disusun." in teks(form)
    assert f'id="id_ubah{a.pk}_uraian"' in form.content.decode()
    response = staf.post(
        reverse("kinerja:aktivitas_ubah", args=[a.pk]),
        isian(rhk, uraian="Menyusun rekap data pegawai (2 dokumen)"),
        **HTMX,
    )
    assert response.status_code == 200 and response["HX-Retarget"] == "#hari"
    a.refresh_from_db()
    assert (a.status, a.uraian, a.jam_selesai) == (
        StatusAktivitas.DITOLAK,
        "Menyusun rekap data pegawai (2 dokumen)",
        datetime.time(9, 30),
    )
    staf.post(reverse("kinerja:aktivitas_ajukan", args=[a.pk]), **HTMX)
    a.refresh_from_db()
    assert a.status == StatusAktivitas.DIAJUKAN


def test_an_edit_error_stays_in_the_row_and_changes_nothing(org, jam, rhk, staf):
    catat(org.staf, rhk, HARI_INI, "10:00", "11:00")
    a = catat(org.staf, rhk, HARI_INI, "08:00", "09:00")
    response = staf.post(reverse("kinerja:aktivitas_ubah", args=[a.pk]), isian(rhk, jam_selesai="10:30"), **HTMX)
    assert response.status_code == 422 and "bertumpuk" in teks(response)
    assert f'id="aktivitas-{a.pk}"' in response.content.decode()
    a.refresh_from_db()
    assert a.jam_selesai == datetime.time(9, 0)


def test_a_submitted_activity_cannot_be_edited_or_deleted(org, jam, rhk, staf):
    a = diajukan(org.staf, rhk, HARI_INI)
    response = staf.get(reverse("kinerja:aktivitas_ubah", args=[a.pk]))
    assert response.status_code == 302 and response.url == reverse("kinerja:aktivitas_detail", args=[a.pk])
    response = staf.post(reverse("kinerja:aktivitas_hapus", args=[a.pk]), **HTMX)
    assert response.status_code == 422 and "menunggu verifikasi atasan" in teks(response)
    assert Aktivitas.objects.filter(pk=a.pk).exists()


def test_it_deletes_a_draft(org, jam, rhk, staf):
    a = catat(org.staf, rhk, HARI_INI)
    response = staf.post(reverse("kinerja:aktivitas_hapus", args=[a.pk]), **HTMX)
    assert response.status_code == 200 and "dihapus" in teks(response)
    assert not Aktivitas.objects.exists()


def test_another_pegawais_activity_answers_404_on_the_owners_pages(org, jam, skp, rhk):
    a = catat(org.staf, rhk, HARI_INI)
    lain = masuk(org.staf_lain)
    assert lain.get(reverse("kinerja:aktivitas_ubah", args=[a.pk])).status_code == 404
    assert lain.post(reverse("kinerja:aktivitas_hapus", args=[a.pk])).status_code == 404
    assert lain.post(reverse("kinerja:aktivitas_ajukan", args=[a.pk])).status_code == 404
    assert lain.get(reverse("kinerja:aktivitas_detail", args=[a.pk])).status_code == 404
    assert Aktivitas.objects.get().status == StatusAktivitas.DRAFT


# ---------------------------------------------------------------------------------------------------------------
# Evidence
# ---------------------------------------------------------------------------------------------------------------


def berkas(nama, isi, content_type="application/octet-stream"):
    return SimpleUploadedFile(nama, isi, content_type=content_type)


def test_a_photo_from_the_camera_is_attached_with_the_new_activity(org, jam, rhk, staf, bukti_media):
    data = isian(rhk) | {"foto": berkas("IMG_0001.jpg", JPEG, "image/jpeg"), "tautan": "https://contoh.go.id/berita"}
    response = staf.post(reverse("kinerja:aktivitas_tambah"), data, **HTMX)
    assert response.status_code == 200
    aktivitas = Aktivitas.objects.get()
    assert sorted(aktivitas.bukti.values_list("jenis", flat=True)) == ["berkas", "tautan"]
    foto = aktivitas.bukti.get(jenis="berkas")
    assert (foto.nama_asli, foto.tipe_konten) == ("IMG_0001.jpg", "image/jpeg")
    assert reverse("kinerja:bukti_unduh", args=[foto.pk]) in response.content.decode()


@pytest.mark.parametrize(
    "nama, isi, pesan",
    [
        ("besar.pdf", PDF + b"0" * (1024 * 1024), "lebih besar dari 1 MB"),
        ("foto.png", b"Ini teks biasa, bukan gambar.", "Jenis berkas tidak diizinkan"),
        ("foto.png", PDF, "tidak sesuai dengan ekstensi"),
        ("laporan.pdf", b"MZ\x90\x00\x03\x00\x00\x00program", "Berkas program tidak boleh diunggah"),
        ("laporan.pdf", b"\x7fELF\x02\x01\x01program", "Berkas program tidak boleh diunggah"),
        ("notulen.docx", bom_rasio(), "kemungkinan bom zip"),
        ("notulen.docx", docx(dtd_dokumen=DTD_XXE), "DTD/entitas"),
        ("rekap.docx", zip_di_dalam(), "arsip ZIP lain"),
    ],
)
def test_refused_uploads_leave_nothing_behind(org, jam, rhk, staf, bukti_media, pengaturan, nama, isi, pesan):
    pengaturan.maks_unggah_mb = 1
    pengaturan.save()
    # With a new activity: the activity is not created either.
    response = staf.post(reverse("kinerja:aktivitas_tambah"), isian(rhk) | {"berkas": berkas(nama, isi)}, **HTMX)
    assert response.status_code == 422 and pesan in teks(response)
    assert not Aktivitas.objects.exists() and not BuktiDukung.objects.exists()
    # On an existing draft.
    a = catat(org.staf, rhk, HARI_INI)
    response = staf.post(reverse("kinerja:bukti_tambah", args=[a.pk]), {"berkas": berkas(nama, isi)}, **HTMX)
    assert response.status_code == 422 and pesan in teks(response)
    assert not BuktiDukung.objects.exists()
    assert not list(bukti_media.rglob("*.*"))


def test_a_path_like_name_is_reduced_to_its_last_part_and_stored_under_a_random_name(org, jam, rhk, staf, bukti_media):
    a = catat(org.staf, rhk, HARI_INI)
    response = staf.post(
        reverse("kinerja:bukti_tambah", args=[a.pk]), {"berkas": berkas("../../etc/passwd.pdf", PDF)}, **HTMX
    )
    assert response.status_code == 200
    bukti = BuktiDukung.objects.get()
    assert bukti.nama_asli == "passwd.pdf"
    assert bukti.berkas.name.startswith("bukti/") and "passwd" not in bukti.berkas.name
    assert not (bukti_media / "etc").exists()
    assert "passwd.pdf" in teks(response)


def test_adding_evidence_needs_something_to_add(org, jam, rhk, staf):
    a = catat(org.staf, rhk, HARI_INI)
    response = staf.post(reverse("kinerja:bukti_tambah", args=[a.pk]), {}, **HTMX)
    assert response.status_code == 422 and "Pilih foto atau berkas, atau isi tautan." in teks(response)


def test_evidence_is_removed_through_the_edit_fragment(org, jam, rhk, staf, bukti_media):
    a = catat(org.staf, rhk, HARI_INI)
    bukti = bukti_tambah_tautan(actor=org.staf, aktivitas=a, url="https://contoh.go.id/a")
    assert masuk(org.staf_lain).post(reverse("kinerja:bukti_hapus", args=[bukti.pk])).status_code == 404
    response = staf.post(reverse("kinerja:bukti_hapus", args=[bukti.pk]), **HTMX)
    assert response.status_code == 200 and f'id="bukti-{a.pk}"' in response.content.decode()
    assert not BuktiDukung.objects.exists()


@pytest.fixture
def unggahan(org, jam, rhk, bukti_media):
    a = catat(org.staf, rhk, HARI_INI)
    # The browser claims text/html: the stored type comes from the content check, not from the claim.
    foto = bukti_tambah_berkas(actor=org.staf, aktivitas=a, berkas=berkas("foto.png", PNG, "text/html"))
    pdf = bukti_tambah_berkas(actor=org.staf, aktivitas=a, berkas=berkas("surat tugas.pdf", PDF, "text/html"))
    return foto, pdf


def test_the_owner_downloads_with_the_checked_type_and_nosniff(org, staf, unggahan):
    foto, pdf = unggahan
    response = staf.get(reverse("kinerja:bukti_unduh", args=[foto.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PNG

    response = staf.get(reverse("kinerja:bukti_unduh", args=[pdf.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="surat tugas.pdf"'
    assert not AksesLog.objects.exists()  # one's own file is not someone else's personal data


def test_the_atasan_downloads_and_the_access_is_logged(org, unggahan):
    _foto, pdf = unggahan
    response = masuk(org.kasi).get(reverse("kinerja:bukti_unduh", args=[pdf.pk]))
    assert response.status_code == 200
    log = AksesLog.objects.get()
    assert (log.user, log.jenis, log.pegawai) == (org.kasi.user, JenisAkses.UNDUH, org.staf)
    assert "surat tugas.pdf" in log.objek


@pytest.mark.parametrize("persona", ["staf_lain", "kasi_tiga", "admin_opd_lain"])
def test_another_pegawais_file_url_answers_404(org, unggahan, persona):
    foto, _pdf = unggahan
    assert masuk(getattr(org, persona)).get(reverse("kinerja:bukti_unduh", args=[foto.pk])).status_code == 404
    assert not AksesLog.objects.exists()


def test_a_link_has_no_download(org, jam, rhk, staf):
    a = catat(org.staf, rhk, HARI_INI)
    tautan = bukti_tambah_tautan(actor=org.staf, aktivitas=a, url="https://contoh.go.id/a")
    assert staf.get(reverse("kinerja:bukti_unduh", args=[tautan.pk])).status_code == 404


# ---------------------------------------------------------------------------------------------------------------
# The atasan's queue
# ---------------------------------------------------------------------------------------------------------------


@pytest.fixture
def antrian(org, jam, skp):
    rhk_staf, rhk_lain = skp.rhk(skp.staf), skp.rhk(skp.staf_lain)
    return {
        "a": diajukan(org.staf, rhk_staf, D(TAHUN, 3, 10), "08:00", "09:00"),
        "b": diajukan(org.staf, rhk_staf, D(TAHUN, 3, 10), "09:00", "10:00"),
        "c": diajukan(org.staf_lain, rhk_lain, HARI_INI, "08:00", "09:00"),
        "draft": catat(org.staf, rhk_staf, HARI_INI, "08:00", "09:00"),
        "dua": diajukan(org.staf_dua, skp.rhk(skp.staf_dua), HARI_INI, "08:00", "09:00"),
    }


def test_the_queue_lists_the_submitted_activities_of_the_bawahan_with_counts_and_deadline(org, antrian, kasi):
    response = kasi.get(reverse("kinerja:antrian"))
    assert response.status_code == 200
    html = response.content.decode()
    for nama in ("a", "b", "c"):
        assert f'id="baris-{antrian[nama].pk}"' in html
    assert f'id="baris-{antrian["draft"].pk}"' not in html and f'id="baris-{antrian["dua"].pk}"' not in html
    assert "Staf A: laporan data tersusun" in html
    # March's deadline is the 5th working day of April (Tuesday 7 April): 20 working days from today, inclusive.
    assert "3 menunggu verifikasi" in teks(response)
    assert "Batas Selasa, 7 April: tinggal 20 hari kerja." in teks(response)


def test_the_queue_filters_by_pegawai_dates_and_status(org, antrian, kasi):
    html = kasi.get(reverse("kinerja:antrian"), {"pegawai": org.staf_lain.pk}).content.decode()
    assert f'id="baris-{antrian["c"].pk}"' in html and f'id="baris-{antrian["a"].pk}"' not in html
    html = kasi.get(reverse("kinerja:antrian"), {"dari": "2026-03-11", "sampai": "2026-03-11"}).content.decode()
    assert f'id="baris-{antrian["c"].pk}"' in html and f'id="baris-{antrian["a"].pk}"' not in html
    aktivitas_setujui(actor=org.kasi, aktivitas=antrian["a"])
    html = kasi.get(reverse("kinerja:antrian"), {"status": "disetujui"}).content.decode()
    assert f'id="baris-{antrian["a"].pk}"' in html and f'id="baris-{antrian["b"].pk}"' not in html
    response = kasi.get(reverse("kinerja:antrian"), {"dari": "2026-03-11", "sampai": "2026-03-01"})
    assert "Tanggal akhir tidak boleh sebelum tanggal awal." in teks(response)
    assert 'id="baris-' not in response.content.decode()


def test_the_queue_is_paginated(org, jam, skp, kasi):
    rhk = skp.rhk(skp.staf)
    for hari in range(2, 12):
        for jam_ke in range(8, 14):
            AktivitasFactory(
                pegawai=org.staf,
                rhk=rhk,
                tanggal=D(TAHUN, 3, hari),
                status=StatusAktivitas.DIAJUKAN,
                jam_mulai=datetime.time(jam_ke),
                jam_selesai=datetime.time(jam_ke, 30),
            )
    pertama = kasi.get(reverse("kinerja:antrian"))
    assert pertama.content.decode().count('data-testid="baris-antrian"') == 50
    assert "Menampilkan 1–50 dari 60" in teks(pertama)
    kedua = kasi.get(reverse("kinerja:antrian"), {"page": 2})
    assert kedua.content.decode().count('data-testid="baris-antrian"') == 10


def test_a_pegawai_without_bawahan_gets_an_empty_queue(org, antrian, staf):
    response = staf.get(reverse("kinerja:antrian"))
    assert response.status_code == 200
    assert "Tidak ada aktivitas yang menunggu verifikasi Anda." in teks(response)
    assert 'id="baris-' not in response.content.decode()


def test_the_atasan_approves_inline(org, antrian, kasi):
    a = antrian["a"]
    response = kasi.post(reverse("kinerja:setujui", args=[a.pk]), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="baris-{a.pk}"')
    assert "disetujui" in teks(response)
    # The pending count follows, out of band.
    assert re.search(r'<section id="ringkasan-antrian"[^>]*hx-swap-oob="true"', html)
    assert "2 menunggu verifikasi" in teks(response)
    a.refresh_from_db()
    assert (a.status, a.diverifikasi_oleh) == (StatusAktivitas.DISETUJUI, org.kasi)


def test_rejecting_needs_a_catatan_and_changes_nothing_without_one(org, antrian, kasi):
    a = antrian["a"]
    response = kasi.post(reverse("kinerja:tolak", args=[a.pk]), {f"catatan-{a.pk}": "  "}, **HTMX)
    assert response.status_code == 422
    assert "Tuliskan alasan penolakan" in teks(response)
    a.refresh_from_db()
    assert a.status == StatusAktivitas.DIAJUKAN
    response = kasi.post(reverse("kinerja:tolak", args=[a.pk]), {f"catatan-{a.pk}": "Bukti belum ada."}, **HTMX)
    assert response.status_code == 200
    a.refresh_from_db()
    assert (a.status, a.catatan_atasan) == (StatusAktivitas.DITOLAK, "Bukti belum ada.")


def test_only_the_atasan_of_the_date_decides(org, antrian):
    a = antrian["a"]
    for orang in (org.kabid, org.kasi_tiga, org.staf_lain, org.staf):
        assert masuk(orang).post(reverse("kinerja:setujui", args=[a.pk])).status_code == 404
        assert masuk(orang).post(reverse("kinerja:tolak", args=[a.pk]), {"catatan": "x"}).status_code == 404
    # The Plt decides for the vacant section.
    assert masuk(org.kasi_tiga).post(reverse("kinerja:setujui", args=[antrian["dua"].pk])).status_code == 302
    a.refresh_from_db()
    assert a.status == StatusAktivitas.DIAJUKAN


def test_bulk_approve_reports_each_item(org, antrian, kasi):
    aktivitas_setujui(actor=org.kasi, aktivitas=antrian["b"])
    pilih = [antrian["a"].pk, antrian["b"].pk, antrian["c"].pk, antrian["dua"].pk]
    response = kasi.post(
        reverse("kinerja:setujui_banyak"),
        {"pilih": pilih},
        HTTP_HX_CURRENT_URL="http://testserver/kinerja/verifikasi/?status=semua",
        **HTMX,
    )
    assert response.status_code == 200
    hasil = teks(response)
    assert "2 aktivitas disetujui." in hasil
    assert "Statusnya disetujui, bukan diajukan." in hasil
    assert f"#{antrian['dua'].pk} — Aktivitas tidak ditemukan." in hasil  # not the kasi's to see
    assert set(Aktivitas.objects.filter(pk__in=pilih[:3]).values_list("status", flat=True)) == {"disetujui"}
    assert Aktivitas.objects.get(pk=antrian["dua"].pk).status == StatusAktivitas.DIAJUKAN
    # The list follows the page's filter (all statuses here).
    assert f'id="baris-{antrian["a"].pk}"' in response.content.decode()


def test_bulk_approve_without_javascript_comes_back_with_messages(org, antrian, kasi):
    response = kasi.post(
        reverse("kinerja:setujui_banyak"),
        {"pilih": [antrian["a"].pk, antrian["c"].pk], "next": "/kinerja/verifikasi/?status=semua"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/kinerja/verifikasi/?status=semua"
    assert "2 aktivitas disetujui." in teks(response)
    response = kasi.post(reverse("kinerja:setujui_banyak"), {"next": "https://jahat.example/"})
    assert response.url == reverse("kinerja:antrian")


def test_a_locked_row_cannot_be_selected(org, jam, skp, kasi):
    jam.atur(D(TAHUN, 3, 2))
    februari = diajukan(org.staf, skp.rhk(skp.staf), D(TAHUN, 2, 27))
    jam.atur(D(TAHUN, 3, 11))  # February locked after Friday 6 March
    html = kasi.get(reverse("kinerja:antrian")).content.decode()
    baris = re.search(rf'<tr id="baris-{februari.pk}".*?</tr>', html, flags=re.S).group(0)
    assert "Terkunci" in baris and 'name="pilih"' not in baris
    assert "sudah lewat" in teks(kasi.get(reverse("kinerja:antrian")))


# ---------------------------------------------------------------------------------------------------------------
# Constant query counts
# ---------------------------------------------------------------------------------------------------------------


def jumlah_query(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_daily_page_runs_a_fixed_number_of_queries(org, jam, skp, rhk, staf, bukti_media):
    a = catat(org.staf, rhk, HARI_INI, "07:00", "07:30")
    bukti_tambah_tautan(actor=org.staf, aktivitas=a, url="https://contoh.go.id/1")
    catat(org.staf, rhk, D(TAHUN, 3, 10), "15:00", "16:00")
    sedikit = jumlah_query(staf, reverse("kinerja:harian"))
    for hari in range(2, 11):
        for jam_ke in range(8, 14):
            x = AktivitasFactory(
                pegawai=org.staf,
                rhk=rhk,
                tanggal=D(TAHUN, 3, hari),
                jam_mulai=datetime.time(jam_ke),
                jam_selesai=datetime.time(jam_ke, 45),
            )
            BuktiDukung.objects.create(aktivitas=x, jenis="tautan", url="https://contoh.go.id/x")
    for jam_ke in range(8, 20):
        x = AktivitasFactory(
            pegawai=org.staf,
            rhk=rhk,
            tanggal=HARI_INI,
            jam_mulai=datetime.time(jam_ke),
            jam_selesai=datetime.time(jam_ke, 30),
        )
        BuktiDukung.objects.create(aktivitas=x, jenis="tautan", url="https://contoh.go.id/y")
    assert Aktivitas.objects.count() > 60
    assert jumlah_query(staf, reverse("kinerja:harian")) == sedikit


def test_the_queue_runs_a_fixed_number_of_queries(org, jam, skp, kasi):
    rhk = skp.rhk(skp.staf)
    diajukan(org.staf, rhk, HARI_INI)
    sedikit = jumlah_query(kasi, reverse("kinerja:antrian"))
    for n in range(8):
        orang = PegawaiFactory(jabatan=org.staf.jabatan, nama=f"Staf tambahan {n}")
        for hari in (9, 10, 11):
            a = AktivitasFactory(
                pegawai=orang,
                tanggal=D(TAHUN, 3, hari),
                status=StatusAktivitas.DIAJUKAN,
                kategori=KategoriAktivitas.LAINNYA,
                alasan_kategori="Piket",
            )
            BuktiDukung.objects.create(aktivitas=a, jenis="tautan", url="https://contoh.go.id/x")
    assert Aktivitas.objects.filter(status=StatusAktivitas.DIAJUKAN).count() == 25
    assert jumlah_query(kasi, reverse("kinerja:antrian")) == sedikit


# ---------------------------------------------------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------------------------------------------------


def test_the_pegawai_sees_minutes_against_the_target_and_realisasi_per_rhk(org, jam, skp, rhk, staf):
    a = diajukan(org.staf, rhk, D(TAHUN, 3, 10), "08:00", "12:00", volume=3)
    aktivitas_setujui(actor=org.kasi, aktivitas=a)
    catat(org.staf, rhk, HARI_INI, "08:00", "09:00")
    response = staf.get(reverse("kinerja:progres"), {"bulan": "2026-03"})
    assert response.status_code == 200
    isi = teks(response)
    assert "240 / 6.750 menit (3,6%)" in isi
    assert "Kurang 6.510 menit" in isi
    assert "Staf A: laporan data tersusun" in isi and "tercapai 3 dokumen" in isi
    assert 'id="data-grafik-kinerja"' in response.content.decode()
    assert not AksesLog.objects.exists()
    tahunan = staf.get(reverse("kinerja:progres"), {"bulan": "2026-03", "periode": "tahunan"})
    assert "Tahun 2026" in teks(tahunan)


def test_the_atasan_opens_a_bawahans_progress_and_the_view_is_logged(org, jam, skp, kasi):
    response = kasi.get(reverse("kinerja:progres_pegawai", args=[org.staf.nip]))
    assert response.status_code == 200 and org.staf.nama in teks(response)
    assert "Buka aktivitasnya di antrian verifikasi" in teks(response)
    assert AksesLog.objects.get().jenis == JenisAkses.LIHAT
    for orang in (org.kasi_tiga, org.admin_opd_lain, org.staf_lain):
        assert masuk(orang).get(reverse("kinerja:progres_pegawai", args=[org.staf.nip])).status_code == 404


# ---------------------------------------------------------------------------------------------------------------
# Admin pages
# ---------------------------------------------------------------------------------------------------------------


def test_admin_bkpsdm_changes_the_settings(org, jam):
    bkpsdm = masuk(org.admin_bkpsdm)
    data = {
        "menit_efektif_minimum": "6000",
        "batas_hari_entri": "2",
        "kebijakan_terlambat": "tandai",
        "batas_verifikasi_hari_kerja": "5",
        "maks_unggah_mb": "5",
        "hari_kerja_per_minggu": "5",
    }
    response = bkpsdm.post(reverse("kinerja:pengaturan"), data)
    assert response.status_code == 302
    p = PengaturanKinerja.get_solo()
    assert (p.menit_efektif_minimum, p.batas_hari_entri, p.kebijakan_terlambat) == (6000, 2, "tandai")
    response = bkpsdm.post(reverse("kinerja:pengaturan"), data | {"menit_efektif_minimum": "0"})
    assert response.status_code == 422
    assert PengaturanKinerja.get_solo().menit_efektif_minimum == 6000
    assert masuk(org.admin_opd).get(reverse("kinerja:pengaturan")).status_code == 404


def test_admin_bkpsdm_adds_and_removes_holidays(org, jam):
    bkpsdm = masuk(org.admin_bkpsdm)
    response = bkpsdm.post(
        reverse("kinerja:libur"), {"tanggal": "2026-03-19", "nama": "Hari Suci Nyepi", "jenis": "libur_nasional"}
    )
    assert response.status_code == 302
    libur = HariLibur.objects.get()
    assert "Hari Suci Nyepi" in teks(bkpsdm.get(reverse("kinerja:libur"), {"tahun": "2026"}))
    response = bkpsdm.post(reverse("kinerja:libur"), {"tanggal": "2026-03-20", "nama": "", "jenis": "libur_nasional"})
    assert response.status_code == 422 and "Keterangan hari libur wajib diisi." in teks(response)
    assert bkpsdm.post(reverse("kinerja:libur_hapus", args=[libur.pk])).status_code == 302
    assert not HariLibur.objects.exists()


def test_admin_opd_sets_the_week_of_their_own_units_only(org, jam):
    unit = org.staf.jabatan.unit_kerja
    admin = masuk(org.admin_opd)
    response = admin.get(reverse("kinerja:hari_kerja"))
    assert response.status_code == 200 and unit.nama in teks(response) and "Dinas B" not in teks(response)
    response = admin.post(reverse("kinerja:hari_kerja_ubah", args=[unit.pk]), {"hari_kerja_per_minggu": "6"}, **HTMX)
    assert response.status_code == 200 and "6 hari" in teks(response)
    assert HariKerjaUnit.objects.get().unit_kerja == unit
    admin.post(reverse("kinerja:hari_kerja_ubah", args=[unit.pk]), {"hari_kerja_per_minggu": ""}, **HTMX)
    assert not HariKerjaUnit.objects.exists()
    lain = masuk(org.admin_opd_lain)
    assert (
        lain.post(reverse("kinerja:hari_kerja_ubah", args=[unit.pk]), {"hari_kerja_per_minggu": "6"}).status_code == 404
    )


def test_admin_opd_reopens_a_month_for_their_pegawai_with_a_reason(org, jam):
    jam.atur(D(TAHUN, 4, 8))
    admin = masuk(org.admin_opd)
    data = {
        "nip": org.staf.nip_tercetak,
        "bulan": "2026-03",
        "alasan": "Gangguan server BKPSDM",
        "sampai": "2026-04-15",
    }
    response = admin.post(reverse("kinerja:buka_kunci"), data)
    assert response.status_code == 302
    buka = BukaKunci.objects.get()
    assert (buka.pegawai, buka.bulan, buka.oleh) == (org.staf, 3, org.admin_opd)
    assert "Gangguan server BKPSDM" in teks(admin.get(reverse("kinerja:buka_kunci")))

    response = admin.post(reverse("kinerja:buka_kunci"), data | {"nip": org.staf_b.nip})
    assert response.status_code == 422 and "Tidak ada pegawai dengan NIP ini" in teks(response)
    response = admin.post(reverse("kinerja:buka_kunci"), data | {"alasan": ""})
    assert response.status_code == 422 and "Alasan membuka kembali wajib diisi." in teks(response)
    assert BukaKunci.objects.count() == 1
    # Admin OPD of Dinas B does not see Dinas A's reopenings.
    assert "Gangguan server BKPSDM" not in teks(masuk(org.admin_opd_lain).get(reverse("kinerja:buka_kunci")))


def _kueri_tambah(staf, rhk, jam_mulai: str, jam_selesai: str) -> list[str]:
    with CaptureQueriesContext(connection) as q:
        response = staf.post(
            reverse("kinerja:aktivitas_tambah"), isian(rhk, jam_mulai=jam_mulai, jam_selesai=jam_selesai), **HTMX
        )
    assert response.status_code == 200, response.content.decode()[:500]
    return [k["sql"] for k in q.captured_queries]


#: Session, user, and the pegawai with their position (3), settings (1), RHK with their IKI satuan (1), the unit's
#: week and the holidays (2), the month's reopening (1), the overlap check (1), the insert in its savepoints (6
#: here, inside the test's transaction), the month's minutes (1), the day's totals (1), the next row (1), the
#: session save (3). It was 39, then 24.
MAKS_KUERI_TAMBAH = 21


def test_an_htmx_entry_runs_a_small_constant_number_of_queries(org, jam, rhk, staf, pengaturan):
    """One quick-form POST reads the settings, the unit's week and the holidays once, the RHK once, and stays the
    same whatever the number of activities already in the month."""
    sedikit = _kueri_tambah(staf, rhk, "07:00", "07:30")
    # Nine more days of the month and four more activities on the day itself (after the next entry).
    for hari in range(2, 12):
        for jam_ke in range(8, 12):
            AktivitasFactory(
                pegawai=org.staf,
                rhk=rhk,
                tanggal=D(TAHUN, 3, hari),
                jam_mulai=datetime.time(jam_ke),
                jam_selesai=datetime.time(jam_ke, 30),
                status=StatusAktivitas.DISETUJUI if hari < 6 else StatusAktivitas.DRAFT,
            )
    banyak = _kueri_tambah(staf, rhk, "07:30", "08:00")
    assert len(banyak) == len(sedikit) <= MAKS_KUERI_TAMBAH, "\n".join(banyak)
    # Each thing is read once: the settings, the unit's week, the holidays, the RHK.
    for tabel in ("kinerja_pengaturankinerja", "kinerja_harikerjaunit", "kinerja_harilibur", "skp_rencanahasilkerja"):
        assert sum(f'FROM "{tabel}"' in sql for sql in banyak) == 1, tabel
