"""Issue 9, the pegawai's daily entry: limits on free text (uraian, alasan, catatan) with the same message from
form and service; "Salin dari kemarin" that says what it skipped without cutting words; withdrawing a submitted
activity before the atasan acts; "Simpan dan ajukan" (and the instansi setting that makes it the only save); the
quick form starting from the last entry's RHK; today's report first on the landing page; the confirmations that
name how many items. The browser side is in test_browser_harian.py.

"Today" is Wednesday 11 March 2026 (the ``jam`` fixture)."""

import datetime
import re

import pytest
from django.urls import reverse
from pghistory.models import Events

from kinerja import rules
from kinerja.choices import KategoriAktivitas, StatusAktivitas
from kinerja.errors import AktivitasError, AktivitasTidakBerwenang
from kinerja.forms import AktivitasForm, BukaKunciForm, TolakForm
from kinerja.kalender_bersama import kalender_berubah
from kinerja.models import Aktivitas, BukaKunci, PengaturanKinerja
from kinerja.services.aktivitas import aktivitas_ajukan, aktivitas_catat, aktivitas_tarik
from kinerja.services.kelola import bulan_buka_kunci
from kinerja.services.verifikasi import aktivitas_setujui, aktivitas_setujui_banyak, aktivitas_tolak

from .factories import TAHUN, AktivitasFactory, catat, diajukan
from .test_views import HTMX, isian, masuk, teks

pytestmark = pytest.mark.django_db

D = datetime.date
HARI_INI = D(TAHUN, 3, 11)


@pytest.fixture
def rhk(skp):
    return skp.rhk(skp.staf)


@pytest.fixture
def staf(org):
    return masuk(org.staf)


# ---------------------------------------------------------------------------------------------------------------
# Free text has a limit (item 3)
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "teks_, maks, hasil",
    [
        ("Rapat koordinasi", 60, "Rapat koordinasi"),
        ("  Rapat\n  koordinasi  ", 60, "Rapat koordinasi"),
        (
            "Menyusun rekap kehadiran pegawai bulan Februari dari 3 unit",
            56,
            "Menyusun rekap kehadiran pegawai bulan Februari dari 3…",
        ),
        (
            "Menyusun rekap kehadiran pegawai bulan Februari dari 3 unit",
            55,
            "Menyusun rekap kehadiran pegawai bulan Februari dari 3…",
        ),
        (
            "Menyusun rekap kehadiran pegawai bulan Februari dari 3 unit",
            54,
            "Menyusun rekap kehadiran pegawai bulan Februari dari…",
        ),
        ("Menyusun rekap kehadiran pegawai bulan Februari dari 3 unit", 20, "Menyusun rekap…"),
        ("Rapat, koordinasi, evaluasi", 19, "Rapat, koordinasi…"),
        ("Supercalifragilistik", 10, "Supercali…"),
    ],
)
def test_a_quoted_text_is_shortened_at_a_word_boundary(teks_, maks, hasil):
    assert rules.ringkas_teks(teks_, maks) == hasil
    assert len(rules.ringkas_teks(teks_, maks)) <= maks


def test_the_limit_message_says_by_how_much():
    assert rules.pesan_terlalu_panjang("a" * 1000, 1000, "Uraian") is None
    assert rules.pesan_terlalu_panjang("a" * 1234, 1000, "Uraian") == (
        "Uraian paling banyak 1.000 karakter; yang ditulis 1.234 karakter (lebih 234)."
    )


@pytest.mark.parametrize("panjang", [2000, 100_000])
def test_the_service_refuses_an_uraian_over_the_limit_and_accepts_one_at_it(org, jam, rhk, panjang):
    with pytest.raises(AktivitasError) as exc:
        catat(org.staf, rhk, HARI_INI, uraian="x" * panjang)
    assert "Uraian aktivitas paling banyak 1.000 karakter" in exc.value.errors["uraian"]
    assert not Aktivitas.objects.exists()
    a = catat(org.staf, rhk, HARI_INI, uraian="x" * rules.MAKS_URAIAN)
    assert len(a.uraian) == rules.MAKS_URAIAN


def test_a_line_break_counts_as_one_character_whatever_the_browser_sends(org, jam, rhk):
    # 999 characters and a line break sent as CRLF: 1,000 as the pegawai (and the page's counter) counted them.
    a = catat(org.staf, rhk, HARI_INI, uraian="x" * 500 + "\r\n" + "y" * 499)
    assert a.uraian == "x" * 500 + "\n" + "y" * 499


def test_the_alasan_outside_the_skp_and_the_atasans_catatan_have_a_limit(org, jam, rhk):
    with pytest.raises(AktivitasError) as exc:
        catat(
            org.staf, None, HARI_INI, kategori=KategoriAktivitas.LAINNYA, alasan_kategori="a" * (rules.MAKS_ALASAN + 1)
        )
    assert "Alasan di luar RHK paling banyak 500 karakter" in exc.value.errors["alasan_kategori"]

    a = diajukan(org.staf, rhk, HARI_INI)
    for putuskan in (aktivitas_tolak, aktivitas_setujui):
        with pytest.raises(AktivitasError) as exc:
            putuskan(actor=org.kasi, aktivitas=a, catatan="c" * (rules.MAKS_CATATAN + 1))
        assert "Catatan untuk pegawai paling banyak 500 karakter" in exc.value.errors["catatan"]
    with pytest.raises(AktivitasError):
        aktivitas_setujui_banyak(actor=org.kasi, aktivitas=[a], catatan="c" * (rules.MAKS_CATATAN + 1))
    a.refresh_from_db()
    assert (a.status, a.catatan_atasan) == (StatusAktivitas.DIAJUKAN, "")
    aktivitas_tolak(actor=org.kasi, aktivitas=a, catatan="c" * rules.MAKS_CATATAN)


def test_reopening_a_month_has_a_limit_on_its_reason(org, jam):
    with pytest.raises(AktivitasError) as exc:
        bulan_buka_kunci(
            actor=org.admin_opd,
            pegawai=org.staf,
            tahun=TAHUN,
            bulan=2,
            alasan="r" * (rules.MAKS_ALASAN + 1),
            sampai=D(TAHUN, 3, 20),
        )
    assert "Alasan paling banyak 500 karakter" in exc.value.errors["alasan"]
    assert not BukaKunci.objects.exists()


def test_the_forms_carry_the_limit_for_the_counter_without_cutting_and_refuse_past_it():
    form = AktivitasForm()
    for nama, maks in (("uraian", rules.MAKS_URAIAN), ("alasan_kategori", rules.MAKS_ALASAN)):
        html = str(form[nama])
        # No maxlength: the browser would drop the end of a pasted text without a word.
        assert f'data-maks="{maks}"' in html and "maxlength" not in html
    assert 'data-maks="500"' in str(TolakForm()["catatan"]) and 'data-maks="500"' in str(BukaKunciForm()["alasan"])

    tolak = TolakForm({"catatan": "c" * 501})
    assert not tolak.is_valid()
    assert tolak.errors["catatan"] == [
        "Catatan untuk pegawai paling banyak 500 karakter; yang ditulis 501 karakter (lebih 1)."
    ]
    assert TolakForm({"catatan": "c" * 499 + "\r\n"}).is_valid()


def test_a_too_long_uraian_comes_back_inline_with_what_was_typed(org, jam, rhk, staf):
    panjang = "Menyusun laporan " * 80  # 1,360 characters
    response = staf.post(reverse("kinerja:aktivitas_tambah"), isian(rhk, uraian=panjang), **HTMX)
    assert response.status_code == 422
    assert "Uraian aktivitas paling banyak 1.000 karakter; yang ditulis 1.359 karakter (lebih 359)." in teks(response)
    assert panjang.strip() in response.content.decode()
    assert not Aktivitas.objects.exists()


def test_a_refused_catatan_comes_back_in_the_queue_row_as_typed(org, jam, rhk):
    a = diajukan(org.staf, rhk, HARI_INI)
    catatan = "Lengkapi daftar hadir. " * 30
    response = masuk(org.kasi).post(reverse("kinerja:tolak", args=[a.pk]), {f"catatan-{a.pk}": catatan}, **HTMX)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Catatan untuk pegawai paling banyak 500 karakter" in html
    assert f'data-maks="500">{catatan}</textarea>' in html


# ---------------------------------------------------------------------------------------------------------------
# Salin dari kemarin (item 4)
# ---------------------------------------------------------------------------------------------------------------


def test_copying_with_skipped_items_is_a_warning_that_names_them_without_cutting_words(org, jam, rhk, staf):
    uraian_panjang = "Menyusun rekap kehadiran pegawai bulan Februari dari 3 unit kerja di lingkungan dinas"
    catat(org.staf, rhk, D(TAHUN, 3, 10), "08:00", "09:00", uraian="Rapat pagi")
    catat(org.staf, rhk, D(TAHUN, 3, 10), "09:00", "11:00", uraian="Entri data")
    catat(org.staf, rhk, HARI_INI, "08:30", "09:30", uraian=uraian_panjang)
    response = staf.post(reverse("kinerja:salin_kemarin"), {"tanggal": HARI_INI.isoformat()}, **HTMX)
    html = response.content.decode()
    assert "alert-warning" in html and "alert-success" not in html
    pesan = teks(response)
    assert "0 aktivitas disalin dari Selasa, 10 Maret sebagai draf. 2 aktivitas dilewati:" in pesan
    assert "08.00–09.00 «Rapat pagi» — Waktu ini bertumpuk dengan aktivitas lain pada 08.30–09.30" in pesan
    # The quoted uraian ends on a whole word with "…", never "…dari 3 )".
    assert "pada 08.30–09.30 (Menyusun rekap kehadiran pegawai bulan Februari dari 3 unit…)." in pesan
    assert " )" not in pesan


def test_copying_everything_is_a_success(org, jam, rhk, staf):
    catat(org.staf, rhk, D(TAHUN, 3, 10), "08:00", "09:00", uraian="Rapat pagi")
    response = staf.post(reverse("kinerja:salin_kemarin"), {"tanggal": HARI_INI.isoformat()}, **HTMX)
    assert "alert-success" in response.content.decode() and "dilewati" not in teks(response)


# ---------------------------------------------------------------------------------------------------------------
# Withdrawing a submitted activity (item 5)
# ---------------------------------------------------------------------------------------------------------------


def test_a_submitted_activity_is_withdrawn_to_draft_and_audited(org, jam, rhk):
    a = diajukan(org.staf, rhk, HARI_INI)
    aktivitas_tarik(actor=org.staf, aktivitas=a)
    a.refresh_from_db()
    assert (a.status, a.diajukan_pada) == (StatusAktivitas.DRAFT, None)
    terakhir = (
        Events.objects.filter(pgh_obj_model="kinerja.Aktivitas", pgh_obj_id=str(a.pk), pgh_label="update")
        .order_by("pgh_created_at", "pgh_id")
        .last()
    )
    assert terakhir.pgh_diff["status"] == [StatusAktivitas.DIAJUKAN, StatusAktivitas.DRAFT]
    assert terakhir.pgh_context["user"] == org.staf.user_id
    # It is the pegawai's again: it can be changed and submitted anew.
    aktivitas_ajukan(actor=org.staf, aktivitas=a)
    assert Aktivitas.objects.get(pk=a.pk).status == StatusAktivitas.DIAJUKAN


@pytest.mark.parametrize(
    "keputusan, pesan",
    [
        ("setujui", "sudah disetujui atasan sehingga tidak dapat ditarik kembali"),
        ("tolak", "sudah ditolak atasan: perbaiki lalu ajukan ulang"),
        (None, "belum diajukan"),
    ],
)
def test_a_decided_or_unsent_activity_cannot_be_withdrawn(org, jam, rhk, keputusan, pesan):
    a = catat(org.staf, rhk, HARI_INI) if keputusan is None else diajukan(org.staf, rhk, HARI_INI)
    if keputusan == "setujui":
        aktivitas_setujui(actor=org.kasi, aktivitas=a)
    elif keputusan == "tolak":
        aktivitas_tolak(actor=org.kasi, aktivitas=a, catatan="Lengkapi.")
    status = Aktivitas.objects.get(pk=a.pk).status
    with pytest.raises(AktivitasError) as exc:
        aktivitas_tarik(actor=org.staf, aktivitas=a)
    assert pesan in exc.value.message
    assert Aktivitas.objects.get(pk=a.pk).status == status


def test_a_stale_object_loses_to_the_atasans_approval(org, jam, rhk):
    a = diajukan(org.staf, rhk, HARI_INI)
    aktivitas_setujui(actor=org.kasi, aktivitas=Aktivitas.objects.get(pk=a.pk))
    assert a.status == StatusAktivitas.DIAJUKAN  # the pegawai's tab still shows it submitted
    with pytest.raises(AktivitasError):
        aktivitas_tarik(actor=org.staf, aktivitas=a)
    assert Aktivitas.objects.get(pk=a.pk).status == StatusAktivitas.DISETUJUI


def test_only_the_owner_withdraws_and_not_in_a_locked_month(org, jam, rhk):
    a = diajukan(org.staf, rhk, HARI_INI)
    with pytest.raises(AktivitasTidakBerwenang):
        aktivitas_tarik(actor=org.kasi, aktivitas=a)
    # February's verification deadline (5th working day of March) has passed on 11 March.
    feb = AktivitasFactory(
        pegawai=org.staf,
        tanggal=D(TAHUN, 2, 27),
        kategori=KategoriAktivitas.LAINNYA,
        alasan_kategori="Perintah lisan",
        status=StatusAktivitas.DIAJUKAN,
    )
    with pytest.raises(AktivitasError) as exc:
        aktivitas_tarik(actor=org.staf, aktivitas=feb)
    assert "terkunci" in exc.value.message
    assert Aktivitas.objects.get(pk=feb.pk).status == StatusAktivitas.DIAJUKAN


def test_withdrawing_from_the_day_and_from_the_detail_page(org, jam, rhk, staf):
    a = diajukan(org.staf, rhk, HARI_INI)
    day = staf.get(reverse("kinerja:harian")).content.decode()
    assert reverse("kinerja:aktivitas_tarik", args=[a.pk]) in day
    response = staf.post(reverse("kinerja:aktivitas_tarik", args=[a.pk]), **HTMX)
    assert response.status_code == 200 and response["HX-Retarget"] == "#hari"
    assert "ditarik kembali dari atasan dan menjadi draf lagi" in teks(response)
    assert Aktivitas.objects.get(pk=a.pk).status == StatusAktivitas.DRAFT

    b = diajukan(org.staf, rhk, HARI_INI, "10:00", "11:00")
    detail = reverse("kinerja:aktivitas_detail", args=[b.pk])
    assert reverse("kinerja:aktivitas_tarik", args=[b.pk]) in staf.get(detail).content.decode()
    response = staf.post(reverse("kinerja:aktivitas_tarik", args=[b.pk]), {"next": detail})
    assert response.status_code == 302 and response["Location"] == detail
    page = staf.get(detail)
    assert "ditarik kembali" in teks(page) and "Ubah" in teks(page)

    aktivitas_setujui(actor=org.kasi, aktivitas=diajukan(org.staf, rhk, HARI_INI, "12:00", "13:00"))
    c = Aktivitas.objects.get(jam_mulai=datetime.time(12))
    detail = reverse("kinerja:aktivitas_detail", args=[c.pk])
    assert "tidak dapat ditarik atau diubah" in teks(staf.get(detail))
    response = staf.post(reverse("kinerja:aktivitas_tarik", args=[c.pk]), {"next": detail}, follow=True)
    assert "sudah disetujui atasan sehingga tidak dapat ditarik kembali" in teks(response)
    # The atasan sees no withdraw button on a bawahan's submitted activity.
    d = diajukan(org.staf, rhk, HARI_INI, "14:00", "15:00")
    html = masuk(org.kasi).get(reverse("kinerja:aktivitas_detail", args=[d.pk])).content.decode()
    assert reverse("kinerja:aktivitas_tarik", args=[d.pk]) not in html


# ---------------------------------------------------------------------------------------------------------------
# A routine entry in few steps (item 2)
# ---------------------------------------------------------------------------------------------------------------


def test_save_and_submit_records_and_sends_in_one_step(org, jam, rhk, staf):
    response = staf.post(reverse("kinerja:aktivitas_tambah"), isian(rhk) | {"ajukan": "1"}, **HTMX)
    assert response.status_code == 200
    assert "tersimpan dan diajukan ke atasan" in teks(response)
    a = Aktivitas.objects.get()
    assert a.status == StatusAktivitas.DIAJUKAN and a.diajukan_pada is not None
    # Refused entries leave nothing, submitted or not.
    response = staf.post(reverse("kinerja:aktivitas_tambah"), isian(rhk) | {"ajukan": "1"}, **HTMX)
    assert response.status_code == 422 and Aktivitas.objects.count() == 1


def test_service_submits_with_its_evidence_all_or_nothing(org, jam, rhk):
    a = aktivitas_catat(
        actor=org.staf,
        ajukan=True,
        tautan="https://contoh.go.id/notulen",
        tanggal=HARI_INI,
        uraian="Rapat",
        jam_mulai="08:00",
        jam_selesai="09:00",
        volume=1,
        satuan="dokumen",
        rhk=rhk,
    )
    assert a.status == StatusAktivitas.DIAJUKAN and a.bukti.count() == 1


def test_the_instansi_setting_makes_every_save_a_submission(org, jam, rhk, staf, pengaturan):
    html = staf.get(reverse("kinerja:harian")).content.decode()
    assert 'data-testid="simpan-aktivitas"' in html and 'data-testid="simpan-ajukan"' in html
    PengaturanKinerja.objects.filter(pk=pengaturan.pk).update(simpan_langsung_ajukan=True)
    kalender_berubah()  # an update sends no signal
    html = staf.get(reverse("kinerja:harian")).content.decode()
    assert 'data-testid="simpan-aktivitas"' not in html and 'data-testid="simpan-ajukan"' in html
    staf.post(reverse("kinerja:aktivitas_tambah"), isian(rhk), **HTMX)
    assert Aktivitas.objects.get().status == StatusAktivitas.DIAJUKAN


def test_admin_bkpsdm_turns_the_setting_on(org, jam):
    data = {
        "menit_efektif_minimum": "6750",
        "batas_hari_entri": "3",
        "kebijakan_terlambat": "tolak",
        "batas_verifikasi_hari_kerja": "5",
        "maks_unggah_mb": "10",
        "hari_kerja_per_minggu": "5",
        "simpan_langsung_ajukan": "on",
    }
    assert masuk(org.admin_bkpsdm).post(reverse("kinerja:pengaturan"), data).status_code == 302
    assert PengaturanKinerja.get_solo().simpan_langsung_ajukan is True


def test_the_quick_form_starts_from_the_last_entrys_rhk_and_satuan(org, jam, skp, staf):
    kedua = skp.rhk(skp.staf, 2)
    # Two RHK: nothing is preselected until an entry says which one is usual.
    html = staf.get(reverse("kinerja:harian")).content.decode()
    assert re.search(r'<option value="rhk-\d+" selected', html) is None
    catat(org.staf, kedua, D(TAHUN, 3, 10), "08:00", "09:00", satuan="layanan")
    html = staf.get(reverse("kinerja:harian")).content.decode()
    assert f'<option value="rhk-{kedua.pk}" selected>' in html
    assert 'name="satuan" value="layanan"' in html
    # After a new entry the form on the page keeps the RHK just picked (the page script empties only what was
    # typed), and the page opened later starts from it.
    pertama = skp.rhk(skp.staf, 1)
    response = staf.post(reverse("kinerja:aktivitas_tambah"), isian(pertama), **HTMX)
    assert response["HX-Reswap"] == "none" and 'name="pilihan"' not in response.content.decode()
    html = staf.get(reverse("kinerja:harian")).content.decode()
    assert f'<option value="rhk-{pertama.pk}" selected>' in html


# ---------------------------------------------------------------------------------------------------------------
# The landing page puts today's report first (item 2)
# ---------------------------------------------------------------------------------------------------------------


def test_the_landing_page_opens_with_todays_report(org, jam, rhk, staf):
    html = staf.get(reverse("dashboard")).content.decode()
    assert 'data-testid="beranda-hari-ini"' in html
    assert html.index('data-testid="beranda-hari-ini"') < html.index("Identitas saya")
    assert f'href="{reverse("kinerja:harian")}"' in html
    assert "Rabu, 11 Maret 2026 · belum ada aktivitas yang dicatat." in teks(staf.get(reverse("dashboard")))
    catat(org.staf, rhk, HARI_INI, "08:00", "09:30")
    assert "1 aktivitas, 1 jam 30 menit · 1 draf belum diajukan" in teks(staf.get(reverse("dashboard")))


def test_the_landing_page_says_when_there_is_no_approved_skp(org, jam):
    response = masuk(org.staf).get(reverse("dashboard"))
    assert "Belum ada SKP disetujui yang berlaku hari ini" in teks(response)


def test_an_admin_without_a_pegawai_has_no_daily_block(org, jam):
    html = masuk(org.admin_bkpsdm).get(reverse("dashboard")).content.decode()
    assert 'data-testid="beranda-hari-ini"' not in html


# ---------------------------------------------------------------------------------------------------------------
# Confirmations that say how many (item 9)
# ---------------------------------------------------------------------------------------------------------------


def test_submitting_the_day_and_bulk_approval_ask_first_with_the_count(org, jam, rhk, staf):
    catat(org.staf, rhk, HARI_INI, "08:00", "09:00")
    catat(org.staf, rhk, HARI_INI, "09:00", "10:00")
    html = staf.get(reverse("kinerja:harian")).content.decode()
    assert 'data-confirm="Ajukan 2 draf tanggal 11 Maret ke atasan?' in html
    diajukan(org.staf, rhk, HARI_INI, "10:00", "11:00")
    html = masuk(org.kasi).get(reverse("kinerja:antrian")).content.decode()
    # The count is the selection's, filled in by static/js/kinerja.js (checked in the browser).
    assert 'data-konfirmasi-setujui="Setujui {n} aktivitas yang dipilih?' in html
