"""The SKP pages per role, the htmx editor, the approve/return flow through POST, refused input, the daftar
nominatif export, and fixed query counts of the queue and the Matriks Peran Hasil."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from pegawai.tests.factories import PegawaiFactory
from portal.choices import JenisAkses
from portal.models import AksesLog
from skp.choices import AksiSkp, JenisLampiran, JenisRhk, Pendekatan, SkpStatus
from skp.models import EkspektasiKhusus, IndikatorKinerjaIndividu, PerilakuKerja, RencanaHasilKerja, Skp
from skp.services.isi import rhk_tambah
from skp.services.skp import skp_ajukan, skp_buat, skp_setujui
from skp.services.versi import skp_buat_perubahan

from .factories import IkiFactory, RhkFactory, SkpFactory, skp_disetujui
from .helpers import isi_rhk, rencanakan

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def masuk(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def teks(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------------------------------------------------------
# SKP saya
# ---------------------------------------------------------------------------------------------------------------


def test_the_pegawai_sees_their_skp_of_the_year_with_its_status(org, tahun, skp_staf):
    response = masuk(org.staf.user).get(reverse("skp:index"), {"tahun": tahun})
    assert response.status_code == 200
    html = teks(response)
    assert f"SKP {tahun} versi 1" in html
    assert 'data-status="draft"' in html
    assert reverse("skp:ubah", args=[skp_staf.pk]) in html
    # Already started for this position: no "Buat SKP" form.
    assert 'data-testid="buat-skp"' not in html


def test_a_pegawai_drafts_before_the_atasan_skp_is_approved_and_submits_only_after(org, tahun, skp_kabid):
    kasi_draft = skp_buat(actor=org.kasi, tahun=tahun)
    client = masuk(org.staf.user)
    html = teks(client.get(reverse("skp:index"), {"tahun": tahun}))
    assert "masih berstatus draf" in html and "Kasi A" in html and "SKP Anda dapat disusun sekarang" in html
    assert 'data-testid="buat-skp"' in html and 'disabled data-testid="buat-skp"' not in html
    # The draft of the atasan is not readable by the bawahan, so it is not linked.
    assert reverse("skp:detail", args=[kasi_draft.pk]) not in html

    response = client.post(reverse("skp:buat"), {"tahun": tahun, "pendekatan": "kuantitatif"})
    skp = Skp.objects.get(pegawai=org.staf)
    assert response.status_code == 302 and response.url == reverse("skp:ubah", args=[skp.pk])
    # The editor says plainly when the atasan RHK is chosen; the RHK utama is saved without it.
    html = teks(client.get(response.url))
    assert 'data-testid="intervensi-ditunda"' in html
    assert "RHK atasan dipilih setelah SKP atasan disetujui." in html
    response = client.post(
        reverse("skp:rhk_tambah", args=[skp.pk]), {"jenis": "utama", "teks": "Tersusunnya data pegawai"}
    )
    assert response.status_code == 302
    rhk = skp.rhk.get()
    assert rhk.intervensi is None
    IkiFactory(rhk=rhk, urutan=1)
    assert 'data-testid="intervensi-belum-dipilih"' in teks(client.get(reverse("skp:ubah", args=[skp.pk])))

    # Submitting waits for the atasan's SKP: refused with everything still missing.
    response = client.post(reverse("skp:ajukan", args=[skp.pk]))
    assert response.status_code == 422
    html = teks(response)
    assert "masih berstatus draf" in html
    assert "RHK utama nomor 1: RHK utama wajib mengintervensi salah satu RHK atasan langsung." in html
    skp.refresh_from_db()
    assert skp.status == SkpStatus.DRAFT


def test_once_the_atasan_skp_is_approved_the_page_links_to_it_and_the_pegawai_starts(org, tahun, skp_kasi):
    client = masuk(org.staf.user)
    html = teks(client.get(reverse("skp:index"), {"tahun": tahun}))
    assert reverse("skp:detail", args=[skp_kasi.pk]) in html
    assert 'disabled data-testid="buat-skp"' not in html
    assert client.get(reverse("skp:detail", args=[skp_kasi.pk])).status_code == 200

    response = client.post(reverse("skp:buat"), {"tahun": tahun, "pendekatan": "kualitatif"})
    skp = Skp.objects.get(pegawai=org.staf)
    assert response.status_code == 302 and response.url == reverse("skp:ubah", args=[skp.pk])
    assert (skp.tahun, skp.pendekatan, skp.status) == (tahun, Pendekatan.KUALITATIF, SkpStatus.DRAFT)


def test_the_buat_form_refuses_a_period_outside_the_year(org, tahun, skp_kasi):
    response = masuk(org.staf.user).post(
        reverse("skp:buat"),
        {"tahun": tahun, "pendekatan": "kuantitatif", "tanggal_mulai": f"{tahun - 1}-12-01"},
    )
    assert response.status_code == 422
    assert f"Tanggal mulai harus berada di tahun {tahun}" in teks(response)
    assert not Skp.objects.filter(pegawai=org.staf).exists()


def test_salin_copies_last_year_and_flags_rhk_without_a_matching_atasan_rhk(org, tahun, skp_kasi):
    kasi_lalu = skp_disetujui(org.kasi, tahun=tahun - 1, rhk=["Sasaran kasi yang tahun ini tidak ada lagi"])
    lalu = skp_disetujui(org.staf, tahun=tahun - 1, rhk=["RHK lama yang atasannya sudah berubah"])
    RencanaHasilKerja.objects.filter(skp=lalu).update(intervensi=kasi_lalu.rhk.get())
    client = masuk(org.staf.user)
    html = teks(client.get(reverse("skp:index"), {"tahun": tahun}))
    assert f"Salin dari tahun {tahun - 1}" in html

    response = client.post(reverse("skp:salin"), {"tahun": tahun}, follow=True)
    baru = Skp.objects.get(pegawai=org.staf, tahun=tahun)
    assert response.redirect_chain[-1][0] == reverse("skp:ubah", args=[baru.pk])
    rhk = baru.rhk.get()
    assert rhk.perlu_ditinjau and rhk.asal == lalu.rhk.get()
    html = teks(response)
    assert 'data-testid="perlu-ditinjau"' in html
    assert "1 RHK perlu ditinjau" in html


def test_salin_without_last_years_skp_is_refused_with_the_reason(org, tahun, skp_kasi):
    response = masuk(org.staf.user).post(reverse("skp:salin"), {"tahun": tahun})
    assert response.status_code == 422
    assert f"Tidak ada SKP tahun {tahun - 1} yang dapat disalin." in teks(response)
    assert not Skp.objects.filter(pegawai=org.staf).exists()


@pytest.mark.parametrize("persona", ["admin_opd", "admin_bkpsdm", "pimpinan"])
def test_a_login_without_a_pegawai_is_sent_to_the_daftar_nominatif(org, persona):
    response = masuk(getattr(org, persona)).get(reverse("skp:index"))
    assert response.status_code == 302 and response.url == reverse("skp:nominatif")


# ---------------------------------------------------------------------------------------------------------------
# Detail, versions, perubahan
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("staf", 200),
        ("kasi", 200),
        ("kabid", 200),
        ("admin_opd", 200),
        ("admin_bkpsdm", 200),
        ("pimpinan", 200),
        ("staf_lain", 404),
        ("kasi_tiga", 404),
        ("staf_b", 404),
        ("admin_opd_lain", 404),
    ],
)
def test_the_detail_answers_404_outside_the_users_reach(org, skp_staf, persona, status):
    obj = getattr(org, persona)
    user = getattr(obj, "user", obj)
    assert masuk(user).get(reverse("skp:detail", args=[skp_staf.pk])).status_code == status


def test_the_detail_shows_the_content_the_identity_and_the_history(org, skp_staf, skp_kasi):
    html = teks(masuk(org.kasi.user).get(reverse("skp:detail", args=[skp_staf.pk])))
    rhk = skp_staf.rhk.get()
    assert rhk.teks in html and rhk.intervensi.teks in html
    assert "12 dokumen" in html  # the IKI target as printed
    assert "Pejabat penilai kinerja" in html and "Kasi A" in html
    assert "Berorientasi Pelayanan" in html
    assert 'data-testid="riwayat"' in html and "Dibuat" in html
    # The kasi may not edit a bawahan's SKP: no edit button.
    assert reverse("skp:ubah", args=[skp_staf.pk]) not in html


def test_perubahan_makes_a_new_version_and_the_old_one_stays_readable(org, tahun, skp_kasi):
    client = masuk(org.kasi.user)
    response = client.post(reverse("skp:perubahan", args=[skp_kasi.pk]), {"alasan": "Tambah RHK baru."})
    baru = Skp.objects.get(versi_sebelumnya=skp_kasi)
    assert response.status_code == 302 and response.url == reverse("skp:ubah", args=[baru.pk])
    assert (baru.versi, baru.status) == (2, SkpStatus.DRAFT)
    html = teks(client.get(reverse("skp:detail", args=[skp_kasi.pk])))
    assert "Versi 2" in html and "Buka perubahan (versi 2)" in html
    assert "Tambah RHK baru." in teks(client.get(reverse("skp:detail", args=[baru.pk])))
    # A second perubahan of the same version is refused with the reason.
    response = client.post(reverse("skp:perubahan", args=[skp_kasi.pk]))
    assert response.status_code == 422
    assert "sudah dibuat dan belum disetujui" in teks(response)
    assert Skp.objects.filter(pegawai=org.kasi, tahun=tahun).count() == 2


# ---------------------------------------------------------------------------------------------------------------
# Editor
# ---------------------------------------------------------------------------------------------------------------


def test_the_editor_lists_the_atasan_rhk_to_pick_with_their_text(org, skp_staf, skp_kasi):
    response = masuk(org.staf.user).get(reverse("skp:ubah", args=[skp_staf.pk]))
    assert response.status_code == 200
    html = teks(response)
    for rhk in skp_kasi.rhk.all():
        assert f'value="{rhk.pk}"' in html and rhk.teks in html
    assert 'name="target_min"' in html and 'name="aspek"' in html  # kuantitatif JA/JF
    assert 'name="perspektif"' not in html


@pytest.mark.parametrize("persona", ["kasi", "kabid", "admin_bkpsdm"])
def test_only_the_owner_opens_the_editor(org, skp_staf, persona):
    obj = getattr(org, persona)
    user = getattr(obj, "user", obj)
    assert masuk(user).get(reverse("skp:ubah", args=[skp_staf.pk])).status_code == 404
    response = masuk(user).post(
        reverse("skp:rhk_tambah", args=[skp_staf.pk]), {"jenis": "tambahan", "teks": "Disusupkan"}
    )
    assert response.status_code == 404
    assert not RencanaHasilKerja.objects.filter(teks="Disusupkan").exists()


def test_a_submitted_skp_opens_read_only(org, skp_staf):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    client = masuk(org.staf.user)
    detail = reverse("skp:detail", args=[skp_staf.pk])
    response = client.get(reverse("skp:ubah", args=[skp_staf.pk]))
    assert response.status_code == 302 and response.url == detail
    rhk = skp_staf.rhk.get()
    # No edit form of any piece either: a plain GET is redirected, htmx is told to go to the detail page.
    response = client.get(reverse("skp:rhk_ubah", args=[skp_staf.pk, rhk.pk]))
    assert response.status_code == 302 and response.url == detail
    response = client.get(reverse("skp:iki_ubah", args=[skp_staf.pk, rhk.iki.get().pk]), headers=HTMX)
    assert response.status_code == 204 and response["HX-Redirect"] == detail


def test_htmx_adds_an_rhk_and_answers_with_the_section_only(org, skp_staf, skp_kasi):
    target = skp_kasi.rhk.order_by("urutan").last()
    response = masuk(org.staf.user).post(
        reverse("skp:rhk_tambah", args=[skp_staf.pk]),
        {"jenis": "utama", "teks": "Tersedianya laporan bulanan", "intervensi": target.pk},
        headers=HTMX,
    )
    assert response.status_code == 200
    html = teks(response)
    assert "<html" not in html and "<nav" not in html
    assert 'id="rhk-utama"' in html and "Tersedianya laporan bulanan" in html
    assert 'id="editor-kepala" class="mb-3" hx-swap-oob="true"' in html
    rhk = skp_staf.rhk.get(teks="Tersedianya laporan bulanan")
    assert (rhk.jenis, rhk.intervensi, rhk.urutan) == (JenisRhk.UTAMA, target, 2)


def test_without_htmx_the_same_form_redirects_back_to_the_editor(org, skp_staf):
    response = masuk(org.staf.user).post(
        reverse("skp:rhk_tambah", args=[skp_staf.pk]), {"jenis": "tambahan", "teks": "Menjadi panitia"}
    )
    assert response.status_code == 302
    assert response.url == reverse("skp:ubah", args=[skp_staf.pk]) + "#rhk-tambahan"
    assert skp_staf.rhk.filter(jenis=JenisRhk.TAMBAHAN, teks="Menjadi panitia").exists()


@pytest.mark.parametrize("htmx", [True, False])
def test_an_empty_rhk_is_refused_with_the_message_and_nothing_changes(org, skp_staf, htmx):
    sebelum = skp_staf.rhk.count()
    response = masuk(org.staf.user).post(
        reverse("skp:rhk_tambah", args=[skp_staf.pk]),
        {"jenis": "tambahan", "teks": "   "},
        headers=HTMX if htmx else {},
    )
    assert response.status_code == 422
    html = teks(response)
    assert "Rencana hasil kerja wajib diisi." in html
    assert ("<html" in html) is not htmx
    assert skp_staf.rhk.count() == sebelum


def test_intervening_an_rhk_of_someone_who_is_not_the_atasan_is_refused(org, skp_staf, skp_kabid):
    bukan_atasan = skp_kabid.rhk.first()
    response = masuk(org.staf.user).post(
        reverse("skp:rhk_tambah", args=[skp_staf.pk]),
        {"jenis": "utama", "teks": "Menyusup ke RHK kabid", "intervensi": bukan_atasan.pk},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert "RHK yang dipilih bukan milik atasan langsung Anda." in teks(response)
    assert not skp_staf.rhk.filter(teks="Menyusup ke RHK kabid").exists()


def test_an_rhk_id_that_does_not_exist_is_refused(org, skp_staf):
    response = masuk(org.staf.user).post(
        reverse("skp:rhk_tambah", args=[skp_staf.pk]),
        {"jenis": "utama", "teks": "Hasil", "intervensi": 999999},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert "tidak ditemukan" in teks(response)


def test_htmx_edits_an_rhk_in_place(org, skp_staf, skp_kasi):
    client = masuk(org.staf.user)
    rhk = skp_staf.rhk.get()
    url = reverse("skp:rhk_ubah", args=[skp_staf.pk, rhk.pk])
    form = teks(client.get(url, headers=HTMX))
    assert f'id="rhk-{rhk.pk}"' in form and "<html" not in form and 'name="teks"' in form
    response = client.post(url, {"jenis": "utama", "teks": "Teks yang diperbaiki", "intervensi": rhk.intervensi_id})
    assert response.status_code == 302
    rhk.refresh_from_db()
    assert rhk.teks == "Teks yang diperbaiki"
    assert f'hx-post="{url}"' in form
    batal = teks(client.get(url, {"batal": 1}, headers=HTMX))
    assert "Teks yang diperbaiki" in batal and f'hx-post="{url}"' not in batal


def test_htmx_moves_and_deletes_rhk(org, skp_staf, skp_kasi):
    client = masuk(org.staf.user)
    pertama = skp_staf.rhk.get()
    kedua = isi_rhk(skp_staf, "RHK kedua", skp_kasi.rhk.first())
    response = client.post(reverse("skp:rhk_pindah", args=[skp_staf.pk, kedua.pk]), {"arah": "naik"}, headers=HTMX)
    assert response.status_code == 200 and 'id="rhk-utama"' in teks(response)
    assert list(skp_staf.rhk.order_by("urutan").values_list("pk", flat=True)) == [kedua.pk, pertama.pk]

    response = client.post(reverse("skp:rhk_hapus", args=[skp_staf.pk, kedua.pk]), headers=HTMX)
    assert response.status_code == 200
    assert list(skp_staf.rhk.values_list("pk", "urutan")) == [(pertama.pk, 1)]
    assert not IndikatorKinerjaIndividu.objects.filter(rhk_id=kedua.pk).exists()


def test_an_rhk_a_bawahan_intervenes_cannot_be_deleted_and_htmx_shows_why(org, tahun, skp_kasi, skp_staf):
    perubahan = skp_buat_perubahan(actor=org.kasi, skp=skp_kasi, alasan="Penyesuaian target.")
    rhk = perubahan.rhk.order_by("urutan").first()
    RhkFactory(skp=SkpFactory(pegawai=org.staf_lain, tahun=tahun), intervensi=rhk, urutan=1)
    response = masuk(org.kasi.user).post(reverse("skp:rhk_hapus", args=[perubahan.pk, rhk.pk]), headers=HTMX)
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#editor-pesan"
    assert "sudah diintervensi oleh RHK bawahan" in teks(response)
    assert RencanaHasilKerja.objects.filter(pk=rhk.pk).exists()


def test_htmx_adds_edits_moves_and_deletes_iki(org, skp_staf):
    client = masuk(org.staf.user)
    rhk = skp_staf.rhk.get()
    response = client.post(
        reverse("skp:iki_tambah", args=[skp_staf.pk, rhk.pk]),
        {"teks": "Persentase data valid", "aspek": "kualitas", "target_min": "90", "target_max": "100", "satuan": "%"},
        headers=HTMX,
    )
    assert response.status_code == 200
    html = teks(response)
    assert f'id="rhk-{rhk.pk}"' in html and "90–100 %" in html and "<html" not in html
    baru = rhk.iki.get(teks="Persentase data valid")
    assert (baru.target_min, baru.target_max, baru.urutan) == (Decimal(90), Decimal(100), 2)

    response = client.post(
        reverse("skp:iki_ubah", args=[skp_staf.pk, baru.pk]),
        {"teks": "Persentase data valid", "aspek": "kualitas", "target_min": "95,5", "satuan": "%"},
        headers=HTMX,
    )
    assert response.status_code == 200
    baru.refresh_from_db()
    assert (baru.target_min, baru.target_max) == (Decimal("95.5"), None)

    client.post(reverse("skp:iki_pindah", args=[skp_staf.pk, baru.pk]), {"arah": "naik"}, headers=HTMX)
    assert list(rhk.iki.order_by("urutan").values_list("pk", flat=True))[0] == baru.pk

    client.post(reverse("skp:iki_hapus", args=[skp_staf.pk, baru.pk]), headers=HTMX)
    assert list(rhk.iki.values_list("urutan", flat=True)) == [1]


@pytest.mark.parametrize("htmx", [True, False])
def test_a_target_minimum_above_the_maximum_is_refused_and_nothing_changes(org, skp_staf, htmx):
    rhk = skp_staf.rhk.get()
    response = masuk(org.staf.user).post(
        reverse("skp:iki_tambah", args=[skp_staf.pk, rhk.pk]),
        {"teks": "Jumlah laporan", "aspek": "kuantitas", "target_min": "12", "target_max": "10", "satuan": "laporan"},
        headers=HTMX if htmx else {},
    )
    assert response.status_code == 422
    assert "Target minimum tidak boleh lebih besar dari target maksimum." in teks(response)
    assert rhk.iki.count() == 1


def test_a_target_that_is_not_a_number_is_refused(org, skp_staf):
    rhk = skp_staf.rhk.get()
    response = masuk(org.staf.user).post(
        reverse("skp:iki_tambah", args=[skp_staf.pk, rhk.pk]),
        {"teks": "Jumlah laporan", "aspek": "kuantitas", "target_min": "dua belas", "satuan": "laporan"},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert "Target harus berupa angka." in teks(response)
    assert rhk.iki.count() == 1


def test_a_kualitatif_skp_asks_for_ukuran_keberhasilan(org, tahun, skp_kasi):
    skp = skp_buat(actor=org.staf, tahun=tahun, pendekatan=Pendekatan.KUALITATIF)
    rhk = rhk_tambah(actor=org.staf, skp=skp, jenis=JenisRhk.UTAMA, teks="Hasil", intervensi=skp_kasi.rhk.first())
    client = masuk(org.staf.user)
    html = teks(client.get(reverse("skp:ubah", args=[skp.pk])))
    assert 'name="ukuran_keberhasilan"' in html and 'name="target_min"' not in html
    response = client.post(
        reverse("skp:iki_tambah", args=[skp.pk, rhk.pk]),
        {"teks": "Kualitas layanan", "ukuran_keberhasilan": "- tepat waktu\n- tanpa keluhan"},
        headers=HTMX,
    )
    assert response.status_code == 200
    html = teks(response)
    assert "<li>tepat waktu</li>" in html and "<li>tanpa keluhan</li>" in html


def test_the_jpt_editor_shows_perspektif_and_acuan(org, tahun):
    skp = skp_buat(actor=org.kepala, tahun=tahun)
    client = masuk(org.kepala.user)
    html = teks(client.get(reverse("skp:ubah", args=[skp.pk])))
    assert 'name="perspektif"' in html and 'name="acuan"' in html and 'name="aspek"' not in html
    assert "Kepala Daerah" in html
    response = client.post(
        reverse("skp:rhk_tambah", args=[skp.pk]),
        {"jenis": "utama", "teks": "Meningkatnya kepuasan", "perspektif": "", "acuan": ""},
        headers=HTMX,
    )
    assert response.status_code == 422
    html = teks(response)
    assert "Perspektif wajib dipilih" in html and "wajib merujuk Perjanjian Kinerja" in html
    response = client.post(
        reverse("skp:rhk_tambah", args=[skp.pk]),
        {
            "jenis": "utama",
            "teks": "Meningkatnya kepuasan",
            "perspektif": "penerima_layanan",
            "acuan_jenis": "renstra",
            "acuan": "Sasaran 1 Renstra",
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Penerima Layanan" in teks(response) and "Rencana Strategis" in teks(response)


def test_htmx_manages_the_three_lampiran_lists(org, skp_staf):
    client = masuk(org.staf.user)
    url = reverse("skp:lampiran_tambah", args=[skp_staf.pk])
    for isi in ("Aplikasi kepegawaian", "Akses data"):
        response = client.post(url, {"jenis": JenisLampiran.DUKUNGAN_SUMBER_DAYA, "teks": isi}, headers=HTMX)
        assert response.status_code == 200 and 'id="lampiran-dukungan_sumber_daya"' in teks(response)
    pertama, kedua = skp_staf.lampiran.order_by("urutan")
    client.post(reverse("skp:lampiran_pindah", args=[skp_staf.pk, kedua.pk]), {"arah": "naik"}, headers=HTMX)
    assert list(skp_staf.lampiran.order_by("urutan").values_list("teks", flat=True)) == [
        "Akses data",
        "Aplikasi kepegawaian",
    ]
    client.post(
        reverse("skp:lampiran_ubah", args=[skp_staf.pk, pertama.pk]),
        {"jenis": JenisLampiran.DUKUNGAN_SUMBER_DAYA, "teks": "Aplikasi SIMPEG"},
        headers=HTMX,
    )
    response = client.post(
        reverse("skp:lampiran_tambah", args=[skp_staf.pk]), {"jenis": "konsekuensi", "teks": ""}, headers=HTMX
    )
    assert response.status_code == 422 and "Isi lampiran wajib diisi." in teks(response)
    client.post(reverse("skp:lampiran_hapus", args=[skp_staf.pk, kedua.pk]), headers=HTMX)
    assert list(skp_staf.lampiran.values_list("teks", flat=True)) == ["Aplikasi SIMPEG"]


@pytest.mark.parametrize("htmx", [True, False])
def test_a_crafted_post_editing_an_approved_skp_is_refused_with_a_clear_message(org, skp_kasi, htmx):
    rhk = skp_kasi.rhk.order_by("urutan").first()
    client = masuk(org.kasi.user)
    posts = [
        (reverse("skp:rhk_tambah", args=[skp_kasi.pk]), {"jenis": "tambahan", "teks": "Diam-diam"}),
        (reverse("skp:rhk_ubah", args=[skp_kasi.pk, rhk.pk]), {"jenis": "utama", "teks": "Diubah diam-diam"}),
        (reverse("skp:rhk_hapus", args=[skp_kasi.pk, rhk.pk]), {}),
        (
            reverse("skp:iki_tambah", args=[skp_kasi.pk, rhk.pk]),
            {"teks": "x", "aspek": "kuantitas", "target_min": "1", "satuan": "x"},
        ),
        (reverse("skp:lampiran_tambah", args=[skp_kasi.pk]), {"jenis": "konsekuensi", "teks": "x"}),
        (reverse("skp:pengaturan", args=[skp_kasi.pk]), {"pendekatan": "kualitatif"}),
    ]
    for url, data in posts:
        response = client.post(url, data, headers=HTMX if htmx else {})
        assert response.status_code == 422, url
        assert "SKP yang sudah disetujui tidak dapat diubah. Buat perubahan SKP untuk mengubahnya." in teks(response)
    skp_kasi.refresh_from_db()
    assert skp_kasi.status == SkpStatus.DISETUJUI and skp_kasi.pendekatan == Pendekatan.KUANTITATIF
    assert skp_kasi.rhk.count() == 2 and skp_kasi.rhk.filter(teks__contains="diam").count() == 0
    assert not skp_kasi.lampiran.exists()


def test_submitting_an_incomplete_skp_lists_every_problem(org, tahun, skp_kasi):
    skp = skp_buat(actor=org.staf, tahun=tahun)
    client = masuk(org.staf.user)
    assert "SKP belum memiliki RHK utama." in teks(client.get(reverse("skp:ubah", args=[skp.pk])))
    response = client.post(reverse("skp:ajukan", args=[skp.pk]))
    assert response.status_code == 422
    assert 'data-testid="galat-ajukan"' in teks(response) and "SKP belum memiliki RHK utama." in teks(response)
    skp.refresh_from_db()
    assert skp.status == SkpStatus.DRAFT


# ---------------------------------------------------------------------------------------------------------------
# Atasan: queue, review, approve / return
# ---------------------------------------------------------------------------------------------------------------


def test_the_atasan_returns_with_a_catatan_the_pegawai_repairs_and_the_atasan_approves(org, skp_staf):
    pegawai, atasan = masuk(org.staf.user), masuk(org.kasi.user)
    assert pegawai.post(reverse("skp:ajukan", args=[skp_staf.pk])).status_code == 302

    antrian = teks(atasan.get(reverse("skp:antrian")))
    assert "1 SKP menunggu keputusan Anda." in antrian
    assert reverse("skp:tinjau", args=[skp_staf.pk]) in antrian

    halaman = teks(atasan.get(reverse("skp:tinjau", args=[skp_staf.pk])))
    # The three official guides of each BerAKHLAK value are shown.
    assert "memahami dan memenuhi kebutuhan masyarakat" in halaman
    assert "melakukan perbaikan tiada henti" in halaman
    assert "menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama" in halaman

    response = atasan.post(reverse("skp:kembalikan", args=[skp_staf.pk]), {"catatan": "  "})
    assert response.status_code == 422
    assert "Catatan wajib diisi saat mengembalikan SKP" in teks(response)
    skp_staf.refresh_from_db()
    assert skp_staf.status == SkpStatus.DIAJUKAN

    response = atasan.post(reverse("skp:kembalikan", args=[skp_staf.pk]), {"catatan": "Tambahkan IKI waktu."})
    assert response.status_code == 302 and response.url.startswith(reverse("skp:antrian"))
    skp_staf.refresh_from_db()
    assert skp_staf.status == SkpStatus.DIKEMBALIKAN

    # The pegawai sees the catatan, repairs by editing, resubmits.
    assert "Tambahkan IKI waktu." in teks(pegawai.get(reverse("skp:index")))
    editor = teks(pegawai.get(reverse("skp:ubah", args=[skp_staf.pk])))
    assert 'data-testid="catatan-kembali"' in editor and "Tambahkan IKI waktu." in editor
    rhk = skp_staf.rhk.get()
    pegawai.post(
        reverse("skp:iki_tambah", args=[skp_staf.pk, rhk.pk]),
        {"teks": "Laporan tepat waktu", "aspek": "waktu", "target_min": "12", "satuan": "bulan"},
        headers=HTMX,
    )
    skp_staf.refresh_from_db()
    assert skp_staf.status == SkpStatus.DRAFT
    assert pegawai.post(reverse("skp:ajukan", args=[skp_staf.pk])).status_code == 302

    response = atasan.post(reverse("skp:setujui", args=[skp_staf.pk]))
    assert response.status_code == 302
    skp_staf.refresh_from_db()
    assert skp_staf.status == SkpStatus.DISETUJUI and skp_staf.pejabat_penilai == org.kasi
    assert list(skp_staf.riwayat.order_by("waktu", "pk").values_list("aksi", flat=True)) == [
        AksiSkp.DIBUAT,
        AksiSkp.DIAJUKAN,
        AksiSkp.DIKEMBALIKAN,
        AksiSkp.DIPERBAIKI,
        AksiSkp.DIAJUKAN,
        AksiSkp.DISETUJUI,
    ]
    # Approving twice (a stale tab) is refused with the reason and changes nothing.
    response = atasan.post(reverse("skp:setujui", args=[skp_staf.pk]))
    assert response.status_code == 422 and "tidak dapat disetujui" in teks(response)


@pytest.mark.parametrize("persona", ["kabid", "staf_lain", "admin_opd", "admin_bkpsdm"])
def test_only_the_pejabat_penilai_reviews_and_decides(org, skp_staf, persona):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    obj = getattr(org, persona)
    client = masuk(getattr(obj, "user", obj))
    assert client.get(reverse("skp:tinjau", args=[skp_staf.pk])).status_code == 404
    assert client.post(reverse("skp:setujui", args=[skp_staf.pk])).status_code == 404
    skp_staf.refresh_from_db()
    assert skp_staf.status == SkpStatus.DIAJUKAN


def test_approving_an_incomplete_submission_is_refused_with_every_problem(org, skp_staf):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    IndikatorKinerjaIndividu.objects.filter(rhk__skp=skp_staf).delete()
    response = masuk(org.kasi.user).post(reverse("skp:setujui", args=[skp_staf.pk]))
    assert response.status_code == 422
    assert "belum memiliki indikator kinerja individu" in teks(response)
    skp_staf.refresh_from_db()
    assert skp_staf.status == SkpStatus.DIAJUKAN


def test_htmx_saves_an_ekspektasi_per_berakhlak_value(org, skp_staf):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    perilaku = PerilakuKerja.objects.get(urutan=2)
    client = masuk(org.kasi.user)
    response = client.post(
        reverse("skp:ekspektasi", args=[skp_staf.pk]),
        {"perilaku": perilaku.pk, "teks": "Tidak menunda laporan."},
        headers=HTMX,
    )
    assert response.status_code == 200
    html = teks(response)
    assert f'id="perilaku-{perilaku.kode}"' in html and "Tersimpan" in html and "<html" not in html
    assert EkspektasiKhusus.objects.get(skp=skp_staf, perilaku=perilaku).teks == "Tidak menunda laporan."
    # Cleared with an empty text.
    client.post(reverse("skp:ekspektasi", args=[skp_staf.pk]), {"perilaku": perilaku.pk, "teks": ""}, headers=HTMX)
    assert not EkspektasiKhusus.objects.filter(skp=skp_staf).exists()
    # Refused once approved.
    skp_setujui(actor=org.kasi, skp=skp_staf)
    response = client.post(
        reverse("skp:ekspektasi", args=[skp_staf.pk]), {"perilaku": perilaku.pk, "teks": "Terlambat"}, headers=HTMX
    )
    assert response.status_code == 422
    assert "hanya dapat diisi selama SKP berstatus draf atau diajukan" in teks(response)
    assert not EkspektasiKhusus.objects.filter(skp=skp_staf).exists()


def test_the_plt_reviews_the_skp_of_the_position_they_act_in(org, tahun, skp_plt):
    skp = rencanakan(org.staf_dua, tahun, [skp_plt.rhk.first()])
    skp_ajukan(actor=org.staf_dua, skp=skp)
    client = masuk(org.kasi_tiga.user)
    assert reverse("skp:tinjau", args=[skp.pk]) in teks(client.get(reverse("skp:antrian")))
    assert client.post(reverse("skp:setujui", args=[skp.pk])).status_code == 302
    skp.refresh_from_db()
    assert skp.identitas_penilai["jabatan"] == "Plt. Kepala Seksi Dua"


def _tambah_bawahan(org, tahun, n, atas):
    for i in range(n):
        p = PegawaiFactory(jabatan=org.staf.jabatan, nama=f"Staf Tambahan {i:02d}")
        skp = SkpFactory(pegawai=p, tahun=tahun, status=SkpStatus.DIAJUKAN if i % 2 else SkpStatus.DRAFT)
        IkiFactory(rhk=RhkFactory(skp=skp, intervensi=atas, urutan=1), urutan=1)


def _jumlah_query(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_queue_page_runs_a_fixed_number_of_queries(org, tahun, skp_kasi):
    atas = skp_kasi.rhk.first()
    client = masuk(org.kasi.user)
    url = reverse("skp:antrian")
    _tambah_bawahan(org, tahun, 2, atas)
    sedikit = _jumlah_query(client, url, {"tahun": tahun})
    _tambah_bawahan(org, tahun, 12, atas)
    banyak = _jumlah_query(client, url, {"tahun": tahun})
    assert banyak == sedikit
    assert "Staf Tambahan 11" in teks(client.get(url, {"tahun": tahun}))


def test_the_editor_runs_a_fixed_number_of_queries_however_many_rhk_intervene(org, tahun, skp_kasi, skp_staf):
    """The checklist checks every intervened RHK's chain in one lookup per org level, not one per RHK."""
    client = masuk(org.staf.user)
    url = reverse("skp:ubah", args=[skp_staf.pk])
    sedikit = _jumlah_query(client, url)
    atas = list(skp_kasi.rhk.order_by("urutan"))
    for nomor in range(6):
        isi_rhk(skp_staf, f"Hasil tambahan {nomor}", atas[nomor % 2])
    assert _jumlah_query(client, url) == sedikit


# ---------------------------------------------------------------------------------------------------------------
# Matriks Peran Hasil
# ---------------------------------------------------------------------------------------------------------------


def test_the_mph_shows_each_atasan_rhk_with_the_bawahan_rhk_and_highlights_the_gaps(org, tahun, skp_kasi, skp_staf):
    seksi = org.kasi.jabatan.unit_kerja
    response = masuk(org.kasi.user).get(reverse("skp:mph"), {"unit": seksi.pk, "tahun": tahun})
    assert response.status_code == 200
    html = teks(response)
    satu, dua = skp_kasi.rhk.order_by("urutan")
    assert satu.teks in html and dua.teks in html
    assert skp_staf.rhk.get().teks in html
    # The kasi's second RHK has no bawahan RHK; Staf A Lain has no SKP: both are highlighted.
    assert html.count("Belum diintervensi bawahan") == 2  # matrix row and stacked card
    assert 'data-testid="bawahan-tanpa-intervensi"' in html and "Staf A Lain" in html
    assert 'data-testid="mph-tabel"' in html and 'data-testid="mph-tumpuk"' in html


def test_the_mph_defaults_to_the_unit_the_user_leads(org, tahun, skp_kasi):
    response = masuk(org.kasi.user).get(reverse("skp:mph"))
    assert response.context["unit"] == org.kasi.jabatan.unit_kerja


@pytest.mark.parametrize(
    ("persona", "status"),
    [("staf", 404), ("kasi_tiga", 404), ("admin_opd_lain", 404), ("kabid", 200), ("admin_opd", 200), ("pimpinan", 200)],
)
def test_the_mph_of_a_unit_outside_reach_answers_404(org, tahun, skp_kasi, persona, status):
    obj = getattr(org, persona)
    response = masuk(getattr(obj, "user", obj)).get(reverse("skp:mph"), {"unit": org.kasi.jabatan.unit_kerja_id})
    assert response.status_code == status


def test_the_mph_page_runs_a_fixed_number_of_queries(org, tahun, skp_kasi):
    atas = skp_kasi.rhk.first()
    client = masuk(org.kasi.user)
    url = reverse("skp:mph")
    params = {"unit": org.kasi.jabatan.unit_kerja_id, "tahun": tahun}
    _tambah_bawahan(org, tahun, 2, atas)
    sedikit = _jumlah_query(client, url, params)
    _tambah_bawahan(org, tahun, 12, atas)
    banyak = _jumlah_query(client, url, params)
    assert banyak == sedikit
    assert "Staf Tambahan 11" in teks(client.get(url, params))


# ---------------------------------------------------------------------------------------------------------------
# Daftar nominatif
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin_opd", 200),
        ("admin_bkpsdm", 200),
        ("pimpinan", 200),
        ("admin_opd_lain", 404),
        ("kepala", 404),
        ("staf", 404),
    ],
)
def test_the_daftar_nominatif_of_an_opd_is_for_its_admins_and_pimpinan(org, persona, status):
    obj = getattr(org, persona)
    response = masuk(getattr(obj, "user", obj)).get(reverse("skp:nominatif"), {"opd": org.opd_a.pk})
    assert response.status_code == status


@pytest.mark.parametrize(("persona", "tombol"), [("admin_opd", True), ("admin_bkpsdm", True), ("pimpinan", False)])
def test_the_daftar_nominatif_offers_the_batch_pdf_to_admins_only(org, tahun, persona, tombol):
    skp_disetujui(org.kepala, tahun=tahun, rhk=["Meningkatnya pelayanan"])
    response = masuk(getattr(org, persona)).get(reverse("skp:nominatif"), {"opd": org.opd_a.pk, "tahun": tahun})
    assert ('data-testid="cetak-zip"' in teks(response)) is tombol
    if tombol:
        assert reverse("skp:pdf_opd", args=[org.opd_a.pk, tahun]) in teks(response)


def test_the_daftar_nominatif_lists_statuses_filters_and_counts(org, tahun, skp_kasi, skp_staf):
    client = masuk(org.admin_opd)
    response = client.get(reverse("skp:nominatif"), {"tahun": tahun})
    assert response.context["opd"] == org.opd_a
    baris = {p.nama: p.status_skp for p in response.context["page_obj"].object_list}
    assert baris == {
        "Kepala A": "disetujui",
        "Kabid A": "disetujui",
        "Kasi A": "disetujui",
        "Kasi Tiga": "belum_dibuat",
        "Staf A": "draft",
        "Staf A Lain": "belum_dibuat",
        "Staf Dua": "belum_dibuat",
    }
    assert response.context["grafik"]["data"] == [3, 1, 0, 0, 3]
    assert "chart.umd.min.js" in teks(response) and "data-grafik-donat" in teks(response)

    response = client.get(reverse("skp:nominatif"), {"tahun": tahun, "status": "belum_dibuat", "q": "staf"})
    assert [p.nama for p in response.context["page_obj"].object_list] == ["Staf Dua", "Staf A Lain"]
    # The chart counts follow the search and unit, not the status filter (so every slice stays visible).
    assert response.context["grafik"]["data"] == [2, 1, 0, 0, 0]
    response = client.get(reverse("skp:nominatif"), {"tahun": tahun, "unit": org.kasi.jabatan.unit_kerja_id})
    assert {p.nama for p in response.context["page_obj"].object_list} == {"Kasi A", "Staf A", "Staf A Lain"}


def test_the_daftar_nominatif_refuses_a_unit_of_another_opd(org, tahun):
    response = masuk(org.admin_opd).get(
        reverse("skp:nominatif"), {"tahun": tahun, "unit": org.staf_b.jabatan.unit_kerja_id}
    )
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 0
    assert "Ada filter yang tidak dapat dipakai" in teks(response)


def test_the_xlsx_export_is_exactly_the_filtered_page_and_is_logged(org, tahun, skp_kasi, skp_staf):
    PegawaiFactory(jabatan=org.staf.jabatan, nama="=HYPERLINK(1)")
    client = masuk(org.admin_opd)
    params = {"opd": org.opd_a.pk, "tahun": tahun, "status": "belum_dibuat"}
    page = client.get(reverse("skp:nominatif"), params).context["page_obj"]
    di_layar = [(p.nip, p.nama_lengkap, "Belum dibuat") for p in page.object_list]

    response = client.get(reverse("skp:nominatif_ekspor"), {**params, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="daftar-nominatif-skp-da-{tahun}.xlsx"'
    ws = load_workbook(io.BytesIO(response.content)).active
    judul, *rows = list(ws.iter_rows(values_only=True))
    assert judul[0] == f"Daftar nominatif SKP — {org.opd_a.nama} — tahun {tahun}"
    assert rows[0] == (
        "No.",
        "NIP",
        "Nama",
        "Pangkat/golongan",
        "Jabatan",
        "Unit kerja",
        "Tahun",
        "Status SKP",
        "Terlambat",
    )
    # The formula-looking name is written as text, escaped.
    di_berkas = [(r[1], r[2].removeprefix("'") if r[2].startswith("'=") else r[2], r[7]) for r in rows[1:]]
    assert di_berkas == di_layar
    assert any(r[2] == "'=HYPERLINK(1)" for r in rows[1:])
    log = AksesLog.objects.get(jenis=JenisAkses.EKSPOR)
    assert log.user == org.admin_opd and log.jumlah_baris == len(di_layar) == 4
    assert "Daftar nominatif SKP DA" in log.objek


def test_the_export_covers_every_page_not_just_the_first(org, tahun):
    for i in range(55):
        PegawaiFactory(jabatan=org.staf.jabatan, nama=f"Pegawai Massal {i:02d}")
    client = masuk(org.admin_bkpsdm)
    params = {"opd": org.opd_a.pk, "tahun": tahun, "q": "massal"}
    page = client.get(reverse("skp:nominatif"), params).context["page_obj"]
    assert page.paginator.count == 55 and len(page.object_list) == 50
    response = client.get(reverse("skp:nominatif_ekspor"), {**params, "format": "xlsx"})
    assert load_workbook(io.BytesIO(response.content)).active.max_row == 57  # title, header, 55 rows


def test_the_xlsx_has_a_title_row_a_frozen_filtered_header_and_sized_columns(org, tahun):
    PegawaiFactory(jabatan=org.staf.jabatan, nama="Pegawai PPPK", status="PPPK", golongan="XI")
    client = masuk(org.admin_opd)
    response = client.get(reverse("skp:nominatif_ekspor"), {"opd": org.opd_a.pk, "tahun": tahun, "format": "xlsx"})
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["A1"].value.startswith("Daftar nominatif SKP") and ws["A1"].font.bold
    assert ws["A2"].value == "No." and ws["B2"].value == "NIP" and ws["B2"].font.bold
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == f"A2:I{ws.max_row}" and ws.max_row == 2 + 8
    # A PPPK golongan in words, like a PNS pangkat, not a bare "XI".
    golongan = {r[2]: r[3] for r in ws.iter_rows(min_row=3, values_only=True)}
    assert golongan["Pegawai PPPK"] == "Golongan XI (PPPK)" and golongan["Staf A"] == "Penata Muda (III/a)"
    lebar = {kolom: ws.column_dimensions[kolom].width for kolom in "ABCI"}
    # An 18-digit NIP fits its column, the number column stays narrow, none runs wild.
    assert lebar["B"] >= 18 and lebar["A"] < lebar["C"] and all(6 <= w <= 62 for w in lebar.values()), lebar


def test_admin_opd_cannot_export_another_opd(org, tahun):
    response = masuk(org.admin_opd).get(reverse("skp:nominatif_ekspor"), {"opd": org.opd_b.pk})
    assert response.status_code == 404
    assert not AksesLog.objects.exists()


@pytest.mark.parametrize(("persona", "pilihan"), [("admin_bkpsdm", True), ("pimpinan", True), ("admin_opd", False)])
def test_those_who_read_every_opd_may_list_them_all_at_once(org, tahun, persona, pilihan):
    client = masuk(getattr(org, persona))
    response = client.get(reverse("skp:nominatif"), {"tahun": tahun})
    assert ('value="semua"' in teks(response)) is pilihan
    response = client.get(reverse("skp:nominatif"), {"opd": "semua", "tahun": tahun})
    if not pilihan:
        assert response.status_code == 404
        return
    assert response.context["opd"] is None and "Semua perangkat daerah" in teks(response)
    nama = {p.nama for p in response.context["page_obj"].object_list}
    assert {"Staf A", "Staf B"} <= nama  # Dinas A and Dinas B on one list
    assert 'data-testid="cetak-zip"' not in teks(response)  # the batch PDF stays per OPD

    response = client.get(reverse("skp:nominatif_ekspor"), {"opd": "semua", "tahun": tahun, "format": "xlsx"})
    assert response["Content-Disposition"] == f'attachment; filename="daftar-nominatif-skp-semua-opd-{tahun}.xlsx"'
    judul, header, *rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert judul[0] == f"Daftar nominatif SKP — Semua perangkat daerah — tahun {tahun}"
    assert header[6] == "Perangkat daerah"
    assert {(r[2], r[6]) for r in rows} >= {("Staf A", org.opd_a.nama), ("Staf B", org.opd_b.nama)}


# ---------------------------------------------------------------------------------------------------------------
# Kepala daerah (admin BKPSDM on their behalf)
# ---------------------------------------------------------------------------------------------------------------


def test_admin_bkpsdm_approves_the_top_jpt_for_the_kepala_daerah_through_the_pages(org, tahun):
    skp = skp_buat(actor=org.kepala, tahun=tahun)
    isi_rhk(skp, "Meningkatnya indeks kepuasan masyarakat")
    pegawai = masuk(org.kepala.user)
    assert "Wali Kota Bandung" in teks(pegawai.get(reverse("skp:index")))
    assert pegawai.post(reverse("skp:ajukan", args=[skp.pk])).status_code == 302

    admin = masuk(org.admin_bkpsdm)
    antrian = teks(admin.get(reverse("skp:kepala_daerah"), {"tahun": tahun}))
    assert reverse("skp:tinjau", args=[skp.pk]) in antrian
    halaman = teks(admin.get(reverse("skp:tinjau", args=[skp.pk])))
    assert 'data-testid="atas-nama"' in halaman and "Wali Kota Bandung" in halaman
    assert masuk(org.admin_opd).get(reverse("skp:tinjau", args=[skp.pk])).status_code == 404

    response = admin.post(reverse("skp:kembalikan", args=[skp.pk]), {"catatan": ""})
    assert response.status_code == 422 and "Catatan wajib diisi" in teks(response)
    response = admin.post(reverse("skp:setujui", args=[skp.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("skp:kepala_daerah"))
    skp.refresh_from_db()
    assert skp.status == SkpStatus.DISETUJUI
    assert skp.identitas_penilai["jabatan"] == "Wali Kota Bandung"
    detail = teks(pegawai.get(reverse("skp:detail", args=[skp.pk])))
    assert "adminbkpsdm (Admin BKPSDM) a.n. Wali Kota Bandung" in detail


def test_admin_bkpsdm_has_no_kepala_daerah_role_on_an_skp_with_an_atasan(org, skp_staf):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    assert masuk(org.admin_bkpsdm).post(reverse("skp:setujui", args=[skp_staf.pk])).status_code == 404


def test_dates_are_shown_in_indonesian(org, skp_staf):
    html = teks(masuk(org.staf.user).get(reverse("skp:detail", args=[skp_staf.pk])))
    assert f"1 Jan {skp_staf.tahun} – 31 Des {skp_staf.tahun}" in html
