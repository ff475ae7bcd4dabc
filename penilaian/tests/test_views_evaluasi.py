"""The evaluation pages: the pegawai's page and edits, the rating page (the pegawai cannot reach it), the live
fragments, the team sheet's finalise refusal and the downloads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from penilaian.choices import Predikat, Rating, StatusEvaluasi
from penilaian.models import BuktiEvaluasi, Evaluasi
from penilaian.services.evaluasi import evaluasi_nilai, evaluasi_siapkan
from portal.models import AksesLog

from .factories import lengkapi_bukti

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def evaluasi(org, periode, skp):
    return evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=periode)


def _masuk(client, orang):
    client.force_login(getattr(orang, "user", orang))
    return client


def _nilai_data(evaluasi, hasil=Rating.DI_ATAS, perilaku=Rating.SESUAI, **extra):
    data = {"rating_hasil": hasil, "rating_perilaku": perilaku, "catatan": ""}
    for er in evaluasi.rhk.all():
        data[f"umpan_balik_{er.pk}"] = f"Bagus untuk {er.urutan}"
    data.update(extra)
    return data


def test_the_landing_page_offers_to_prepare_and_get_creates_nothing(client, org, periode, skp):
    response = _masuk(client, org.staf).get(reverse("penilaian:index"))
    assert response.status_code == 200
    assert f'data-testid="siapkan-{skp.staf.pk}-{periode.pk}"' in response.content.decode()
    assert not Evaluasi.objects.exists()
    response = client.post(reverse("penilaian:siapkan"), {"skp": skp.staf.pk, "periode": periode.pk})
    e = Evaluasi.objects.get()
    assert response.url == reverse("penilaian:evaluasi", args=[e.pk])


def test_a_pegawai_cannot_prepare_someone_elses_skp(client, org, periode, skp):
    response = _masuk(client, org.staf).post(
        reverse("penilaian:siapkan"), {"skp": skp.staf_lain.pk, "periode": periode.pk}
    )
    assert response.status_code == 404
    assert not Evaluasi.objects.exists()


def test_the_landing_page_says_when_no_period_is_open(client, org):
    response = _masuk(client, org.staf).get(reverse("penilaian:index"))
    assert "Belum ada periode penilaian yang dibuka" in response.content.decode()


def test_the_landing_page_says_when_no_skp_is_approved(client, org, periode):
    response = _masuk(client, org.staf).get(reverse("penilaian:index"))
    assert 'data-testid="tanpa-skp"' in response.content.decode()


def test_the_atasan_sees_a_link_to_the_team_sheet(client, org, periode, skp):
    response = _masuk(client, org.kasi).get(reverse("penilaian:index"))
    assert reverse("penilaian:tim", args=[periode.pk]) in response.content.decode()


def test_the_pegawai_sees_their_evaluation_and_others_get_404(client, org, evaluasi):
    url = reverse("penilaian:evaluasi", args=[evaluasi.pk])
    assert _masuk(client, org.staf).get(url).status_code == 200
    for orang in (org.kasi, org.kabid, org.admin_opd):
        assert _masuk(client, orang).get(url).status_code == 200
    for orang in (org.staf_lain, org.kasi_tiga, org.admin_opd_lain):
        assert _masuk(client, orang).get(url).status_code == 404


def test_a_changed_realisasi_needs_a_reason(client, org, evaluasi):
    er = evaluasi.rhk.first()
    url = reverse("penilaian:realisasi", args=[er.pk])
    response = _masuk(client, org.staf).post(url, {"realisasi": "12 dokumen", "alasan": ""})
    assert response.status_code == 422
    assert "Tuliskan alasan" in response.content.decode()
    response = client.post(url, {"realisasi": "12 dokumen", "alasan": "Dua laporan dikirim lewat surel"})
    assert response.status_code == 302
    er.refresh_from_db()
    assert (er.realisasi, er.alasan_ubah) == ("12 dokumen", "Dua laporan dikirim lewat surel")


def test_evidence_added_through_htmx_comes_back_in_the_card(client, org, evaluasi):
    er = evaluasi.rhk.first()
    berkas = SimpleUploadedFile("laporan.pdf", PDF, content_type="application/pdf")
    response = _masuk(client, org.staf).post(
        reverse("penilaian:bukti_tambah", args=[er.pk]), {"berkas": berkas, "judul": "Laporan"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    bukti = BuktiEvaluasi.objects.get()
    assert reverse("penilaian:bukti_berkas", args=[bukti.pk]) in response.content.decode()
    response = client.post(
        reverse("penilaian:bukti_tambah", args=[er.pk]), {"url": "javascript:x"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422


def test_the_evidence_file_downloads_as_an_attachment_and_the_atasan_is_logged(client, org, evaluasi):
    er = evaluasi.rhk.first()
    _masuk(client, org.staf).post(
        reverse("penilaian:bukti_tambah", args=[er.pk]), {"berkas": SimpleUploadedFile("a.pdf", PDF)}
    )
    bukti = BuktiEvaluasi.objects.get()
    url = reverse("penilaian:bukti_berkas", args=[bukti.pk])
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert not AksesLog.objects.exists()
    _masuk(client, org.kasi).get(url)
    assert AksesLog.objects.filter(pegawai=org.staf).count() == 1
    assert _masuk(client, org.staf_lain).get(url).status_code == 404


def test_a_crafted_rating_post_by_the_pegawai_finds_nothing(client, org, evaluasi):
    lengkapi_bukti(evaluasi)
    url = reverse("penilaian:nilai", args=[evaluasi.pk])
    response = _masuk(client, org.staf).post(url, _nilai_data(evaluasi, Rating.DI_ATAS, Rating.DI_ATAS))
    assert response.status_code == 404
    assert _masuk(client, org.kabid).post(url, _nilai_data(evaluasi)).status_code == 404
    evaluasi.refresh_from_db()
    assert (evaluasi.status, evaluasi.predikat) == (StatusEvaluasi.DRAFT, None)


def test_a_rating_outside_the_three_codes_is_refused_with_the_form_not_a_server_error(client, org, evaluasi):
    lengkapi_bukti(evaluasi)
    url = reverse("penilaian:nilai", args=[evaluasi.pk])
    for nilai in ("7", "0", "²", "-1"):
        data = {**_nilai_data(evaluasi), "rating_hasil": nilai}
        assert _masuk(client, org.kasi).post(url, data).status_code == 422, nilai
    evaluasi.refresh_from_db()
    assert evaluasi.status == StatusEvaluasi.DRAFT


def test_rating_without_evidence_lists_every_rhk_missing_it(client, org, evaluasi, capaian_baik):
    url = reverse("penilaian:nilai", args=[evaluasi.pk])
    assert _masuk(client, org.kasi).get(url).status_code == 200
    response = client.post(url, _nilai_data(evaluasi))
    assert response.status_code == 422
    html = response.content.decode()
    for er in evaluasi.rhk.all():
        assert er.rhk.teks[:40] in html
    assert html.count("belum memiliki bukti dukung") == 2


def test_the_penilai_rates_with_feedback_and_an_image(client, org, evaluasi, capaian_baik):
    lengkapi_bukti(evaluasi)
    er = evaluasi.rhk.first()
    data = _nilai_data(evaluasi, **{f"gambar_{er.pk}": SimpleUploadedFile("a.png", PNG)})
    response = _masuk(client, org.kasi).post(reverse("penilaian:nilai", args=[evaluasi.pk]), data)
    assert response.status_code == 302
    evaluasi.refresh_from_db()
    er.refresh_from_db()
    assert (evaluasi.status, evaluasi.predikat) == (StatusEvaluasi.DINILAI, Predikat.BAIK)
    assert er.umpan_balik == f"Bagus untuk {er.urutan}" and er.gambar_tipe == "image/png"
    response = _masuk(client, org.staf).get(reverse("penilaian:gambar", args=[er.pk]))
    assert response["Content-Type"] == "image/png"
    page = client.get(reverse("penilaian:evaluasi", args=[evaluasi.pk])).content.decode()
    assert 'data-testid="hasil-penilaian"' in page and "Bagus untuk" in page


def test_a_refused_image_leaves_the_rating_unsaved(client, org, evaluasi):
    lengkapi_bukti(evaluasi)
    er = evaluasi.rhk.first()
    data = _nilai_data(evaluasi, **{f"gambar_{er.pk}": SimpleUploadedFile("gambar.pdf", PDF)})
    response = _masuk(client, org.kasi).post(reverse("penilaian:nilai", args=[evaluasi.pk]), data)
    assert response.status_code == 422
    assert "JPEG atau PNG" in response.content.decode()
    evaluasi.refresh_from_db()
    assert evaluasi.status == StatusEvaluasi.DRAFT


def test_the_predikat_fragment_follows_the_matrix(client, org):
    url = reverse("penilaian:predikat")
    response = _masuk(client, org.kasi).get(url, {"rating_hasil": 1, "rating_perilaku": 1})
    assert 'data-predikat="1"' in response.content.decode()
    response = client.get(url, {"rating_hasil": 3, "rating_perilaku": 3})
    assert 'data-predikat="5"' in response.content.decode()
    response = client.get(url, {"rating_hasil": "x"})
    assert "data-predikat" not in response.content.decode()


def test_the_distribution_fragment_counts_the_pick_as_if_saved(client, org, evaluasi, capaian_baik):
    url = reverse("penilaian:distribusi", args=[evaluasi.periode_id])
    html = (
        _masuk(client, org.kasi)
        .get(url, {"evaluasi": evaluasi.pk, "rating_hasil": 3, "rating_perilaku": 3})
        .content.decode()
    )
    assert 'data-testid="distribusi-seolah"' in html
    baris = html.split('data-testid="distribusi-5"')[1].split("</tr>")[0]
    assert '<td class="text-end">1</td>' in baris
    html = client.get(url).content.decode()
    assert 'data-testid="distribusi-seolah"' not in html


def test_finalising_against_the_curve_shows_every_violation(client, org, evaluasi, capaian_baik):
    lengkapi_bukti(evaluasi)
    evaluasi_nilai(actor=org.kasi.user, evaluasi=evaluasi, rating_hasil=2, rating_perilaku=2)
    response = _masuk(client, org.kasi).post(reverse("penilaian:tim_finalkan", args=[evaluasi.periode_id]))
    assert response.status_code == 422
    html = response.content.decode()
    assert 'data-testid="galat-tim"' in html
    assert "Baik paling banyak 70" in html
    assert "admin BKPSDM" in html
    evaluasi.refresh_from_db()
    assert evaluasi.status == StatusEvaluasi.DINILAI


def test_the_penilai_returns_a_rated_evaluation_to_draft_with_a_reason(client, org, evaluasi):
    lengkapi_bukti(evaluasi)
    evaluasi_nilai(actor=org.kasi.user, evaluasi=evaluasi, rating_hasil=2, rating_perilaku=2)
    url = reverse("penilaian:kembalikan", args=[evaluasi.pk])
    assert _masuk(client, org.kasi).post(url, {"alasan": ""}).status_code == 422
    assert client.post(url, {"alasan": "Lengkapi bukti RHK 2"}).status_code == 302
    evaluasi.refresh_from_db()
    assert evaluasi.status == StatusEvaluasi.DRAFT
    assert _masuk(client, org.staf).post(url, {"alasan": "x"}).status_code == 404


def test_admin_bkpsdm_sees_the_kepala_daerah_sheet(client, org, periode):
    response = _masuk(client, org.admin_bkpsdm).get(reverse("penilaian:tim", args=[periode.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "a.n. Kepala Daerah" in html and org.kepala.nama in html
    assert _masuk(client, org.admin_opd).get(reverse("penilaian:tim", args=[periode.pk])).status_code == 404


def test_the_landing_panel_counts_bawahan_to_rate(client, org, periode, skp):
    html = _masuk(client, org.kasi).get(reverse("dashboard")).content.decode()
    assert f'data-testid="beranda-tim-{periode.pk}"' in html
    assert "Nilai 2 bawahan" in html


def test_the_landing_panel_asks_the_bawahan_of_every_open_period_in_one_statement(client, org, periode, skp):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import PeriodeFactory

    kedua = PeriodeFactory(nomor=2)
    _masuk(client, org.kasi)
    with CaptureQueriesContext(connection) as kueri:
        html = client.get(reverse("dashboard")).content.decode()
    assert f'data-testid="beranda-tim-{periode.pk}"' in html and f'data-testid="beranda-tim-{kedua.pk}"' in html
    akhir = [f"'{p.tanggal_selesai.isoformat()}'::date" for p in (periode, kedua)]
    bawahan = [
        q["sql"]
        for q in kueri.captured_queries
        if "WITH RECURSIVE tg(tanggal)" in q["sql"] and any(a in q["sql"] for a in akhir)
    ]
    assert len(bawahan) == 1 and all(a in bawahan[0] for a in akhir)


def test_a_unit_head_rating_hasil_is_fixed_by_the_capaian(client, org, periode):
    from skp.tests.factories import skp_disetujui

    from .factories import TAHUN, CapaianFactory

    skp_kasi = skp_disetujui(org.kasi, tahun=TAHUN, penilai=org.kabid, rhk=["Seksi Satu melayani"])
    CapaianFactory(periode=periode, unit_kerja=org.kasi.jabatan.unit_kerja, capaian=1)
    e = evaluasi_siapkan(pegawai=org.kasi, skp=skp_kasi, periode=periode)
    lengkapi_bukti(e)
    url = reverse("penilaian:nilai", args=[e.pk])
    html = _masuk(client, org.kabid).get(url).content.decode()
    assert 'data-testid="rating-hasil-tetap"' in html and "Di Atas Ekspektasi" in html
    response = client.post(url, _nilai_data(e, hasil=Rating.DI_BAWAH, perilaku=Rating.DI_ATAS))
    assert response.status_code == 302
    e.refresh_from_db()
    assert (e.rating_hasil, e.predikat) == (Rating.DI_ATAS, Predikat.SANGAT_BAIK)
