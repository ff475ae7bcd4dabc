"""The DEKP document (penilaian/pdf.py): what it prints, the kepala daerah as penilai, the refusal of a non-final
evaluation, and storing it once (penilaian.pdf.dekp_simpan, the task queued at finalisation)."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pegawai.models import Pegawai
from pegawai.nip import format_nip
from penilaian import rules
from penilaian.choices import CapaianOrganisasi, Rating, StatusEvaluasi
from penilaian.pdf import DekpPdf, dekp_simpan, evaluasi_untuk_dokumen, nama_berkas
from penilaian.services.evaluasi import evaluasi_nilai, evaluasi_siapkan, realisasi_ubah
from penilaian.services.final import evaluasi_buka_kembali, evaluasi_finalkan
from skp.models import PerilakuKerja
from skp.tests.factories import skp_disetujui

from .factories import TAHUN, CapaianFactory, lengkapi_bukti

pytestmark = pytest.mark.django_db

UMPAN_BALIK = "Laporan tepat waktu dan rapi; pertahankan ketelitian data"
UMPAN_BALIK_PERILAKU = "Sigap membantu rekan satu seksi"
REALISASI = "Dua belas laporan data tersusun dan dikirim"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def teks_pdf(content: bytes) -> str:
    """All text of a PDF with whitespace collapsed (cells wrap long text over several lines)."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def halaman(content: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(content)).pages]


def dinilai(pegawai, skp, periode, penilai, hasil, perilaku, *, ulang: int = 1):
    """An evaluation prepared, with evidence, a stated realisasi, and rated with feedback per RHK and value
    (``ulang`` repeats the texts, for a document of several pages)."""
    e = evaluasi_siapkan(pegawai=pegawai, skp=skp, periode=periode)
    lengkapi_bukti(e)
    for er in e.rhk.all():
        realisasi_ubah(actor=pegawai.user, evaluasi_rhk=er, realisasi=" ".join([REALISASI] * ulang), alasan="Data")
    return evaluasi_nilai(
        actor=penilai.user,
        evaluasi=e,
        rating_hasil=hasil,
        rating_perilaku=perilaku,
        umpan_balik={er.pk: " ".join([UMPAN_BALIK] * ulang) for er in e.rhk.all()},
        umpan_balik_perilaku={p.pk: " ".join([UMPAN_BALIK_PERILAKU] * ulang) for p in PerilakuKerja.objects.all()},
    )


@pytest.fixture
def final(org, periode, skp, capaian_baik):
    """Kasi rated staf Baik and staf_lain Butuh Perbaikan (a spread that holds under capaian Baik) and finalised;
    staf's evaluation, reloaded."""
    e = dinilai(org.staf, skp.staf, periode, org.kasi, Rating.SESUAI, Rating.SESUAI)
    dinilai(org.staf_lain, skp.staf_lain, periode, org.kasi, Rating.DI_BAWAH, Rating.SESUAI)
    evaluasi_finalkan(actor=org.kasi.user, periode=periode)
    e.refresh_from_db()
    return e


def test_it_prints_the_frozen_identities_the_organisation_the_feedback_and_the_ratings(org, final, settings):
    # Names and positions change later; the document keeps what was frozen at finalisation.
    nama_lama = org.staf.nama_lengkap
    Pegawai.objects.filter(pk=org.staf.pk).update(nama="Nama Sesudah Pindah")
    name, mime, content = DekpPdf(final).render()
    text = teks_pdf(content)
    assert (name, mime) == (nama_berkas(final), "application/pdf")
    assert content.startswith(b"%PDF")
    assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in text
    assert settings.INSTANSI_NAMA.upper() in text
    assert "PERIODE TRIWULAN I 2026" in text
    assert "1 JANUARI 2026 S.D. 31 MARET 2026" in text
    assert nama_lama in text and "Nama Sesudah Pindah" not in text
    for orang in (org.staf, org.kasi, org.kabid):
        assert orang.nama_lengkap in text
        assert format_nip(orang.nip) in text
    assert "CAPAIAN KINERJA ORGANISASI BAIK" in text
    for baris in rules.pola_kurva(CapaianOrganisasi.BAIK):
        assert " ".join(baris.split())[1:] in text
    assert REALISASI in text and UMPAN_BALIK in text and UMPAN_BALIK_PERILAKU in text
    assert "RATING HASIL KERJA SESUAI EKSPEKTASI" in text
    assert "RATING PERILAKU KERJA SESUAI EKSPEKTASI" in text
    assert "PREDIKAT KINERJA PEGAWAI BAIK" in text
    assert "Pegawai yang Dinilai" in text and "Pejabat Penilai Kinerja" in text
    assert f"NIP. {format_nip(org.kasi.nip)}" in text
    assert "Bandung, " in text


def test_it_names_the_file_by_period_and_nip(final, org):
    assert nama_berkas(final) == f"DEKP_Triwulan-I-2026_{org.staf.nip}.pdf"


def test_it_reads_an_evaluation_in_a_constant_number_of_queries(final):
    with CaptureQueriesContext(connection) as ctx:
        DekpPdf(final).html()
    assert len(ctx.captured_queries) == 5


def test_the_kepala_daerah_as_penilai_prints_the_jabatan_instead_of_a_nip(org, periode, settings):
    settings.KEPALA_DAERAH_NAMA = "H. Muhammad Farhan"
    skp_kepala = skp_disetujui(org.kepala, tahun=TAHUN, rhk=["Kota melayani"])
    e = evaluasi_siapkan(pegawai=org.kepala, skp=skp_kepala, periode=periode)
    lengkapi_bukti(e)
    CapaianFactory(periode=periode, perangkat_daerah=org.opd_a, capaian=CapaianOrganisasi.BAIK)
    evaluasi_nilai(actor=org.admin_bkpsdm, evaluasi=e, rating_hasil=Rating.SESUAI, rating_perilaku=Rating.SESUAI)
    [e] = evaluasi_finalkan(actor=org.admin_bkpsdm, periode=periode)
    text = teks_pdf(DekpPdf(e).render()[2])
    assert "H. Muhammad Farhan" in text and settings.KEPALA_DAERAH_JABATAN in text
    # Only the pegawai's signature carries a NIP; the kepala daerah is no ASN.
    assert text.count("NIP.") == 1
    assert f"NIP. {format_nip(org.kepala.nip)}" in text


def test_it_refuses_an_evaluation_that_is_not_final(org, periode, skp):
    e = dinilai(org.staf, skp.staf, periode, org.kasi, Rating.SESUAI, Rating.SESUAI)
    with pytest.raises(ValueError):
        DekpPdf(e)
    assert dekp_simpan(e.pk) is None
    e.refresh_from_db()
    assert not e.dokumen


def test_storing_twice_keeps_one_file(final, tmp_path):
    pertama = dekp_simpan(final.pk)
    kedua = dekp_simpan(final.pk)
    assert pertama.dokumen.name == kedua.dokumen.name
    assert pertama.dokumen_dibuat_pada == kedua.dokumen_dibuat_pada
    assert [p.name for p in tmp_path.rglob("*.pdf")] == [pertama.dokumen.name.rsplit("/", 1)[-1]]
    final.refresh_from_db()
    assert final.dokumen.name == pertama.dokumen.name
    # A random path: the stored name says nothing about the pegawai.
    assert final.pegawai.nip not in final.dokumen.name


def test_finalising_stores_the_document_after_commit(
    org, periode, skp, capaian_baik, django_capture_on_commit_callbacks
):
    dinilai(org.staf, skp.staf, periode, org.kasi, Rating.SESUAI, Rating.SESUAI)
    dinilai(org.staf_lain, skp.staf_lain, periode, org.kasi, Rating.DI_BAWAH, Rating.SESUAI)
    # Eager Celery (no REDIS_URL in the tests) runs the queued render inside the commit callback.
    with django_capture_on_commit_callbacks(execute=True):
        hasil = evaluasi_finalkan(actor=org.kasi.user, periode=periode)
    for e in hasil:
        e.refresh_from_db()
        assert e.dokumen and e.dokumen_dibuat_pada
        assert "PREDIKAT KINERJA PEGAWAI" in teks_pdf(e.dokumen.read())


def test_a_reopened_evaluation_gets_no_document(org, final):
    dekp_simpan(final.pk)
    evaluasi_buka_kembali(actor=org.kasi.user, evaluasi=final, alasan="Bukti dukung keliru")
    assert dekp_simpan(final.pk) is None
    final.refresh_from_db()
    assert final.status == StatusEvaluasi.DINILAI and not final.dokumen


def test_the_signatures_stay_with_the_ratings_on_a_long_document(org, periode, skp, capaian_baik):
    e = dinilai(org.staf, skp.staf, periode, org.kasi, Rating.SESUAI, Rating.SESUAI, ulang=8)
    dinilai(org.staf_lain, skp.staf_lain, periode, org.kasi, Rating.DI_BAWAH, Rating.SESUAI)
    evaluasi_finalkan(actor=org.kasi.user, periode=periode)
    e = evaluasi_untuk_dokumen().get(pk=e.pk)
    pages = halaman(DekpPdf(e).render()[2])
    assert len(pages) >= 2
    [ttd] = [p for p in pages if "Pejabat Penilai Kinerja" in p and "Pegawai yang Dinilai" in p]
    assert "PREDIKAT KINERJA PEGAWAI" in ttd and "RATING PERILAKU KERJA" in ttd
    # The last BerAKHLAK value travels with them rather than leaving them alone on their page.
    assert PerilakuKerja.objects.order_by("urutan").last().nama in ttd
