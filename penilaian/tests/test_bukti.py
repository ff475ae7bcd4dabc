import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.models import PengaturanKinerja
from penilaian.choices import StatusEvaluasi
from penilaian.errors import PenilaianError, PenilaianTidakBerwenang
from penilaian.models import BuktiEvaluasi, Evaluasi
from penilaian.services.bukti import bukti_evaluasi_hapus, bukti_evaluasi_tambah, umpan_balik_gambar
from penilaian.services.evaluasi import evaluasi_siapkan
from portal.testing.ooxml import DTD_XXE, bom_rasio, docx, paket

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def evaluasi(org, periode, skp):
    return evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=periode)


@pytest.fixture
def er(evaluasi):
    return evaluasi.rhk.order_by("urutan").first()


def _berkas(isi: bytes, nama: str, tipe: str = "application/octet-stream"):
    return SimpleUploadedFile(nama, isi, content_type=tipe)


def test_it_adds_a_link_with_a_title(org, er):
    bukti = bukti_evaluasi_tambah(
        actor=org.staf.user, evaluasi_rhk=er, url="https://drive.example.go.id/x", judul="Notulen"
    )
    assert (bukti.url, bukti.judul, bukti.berkas.name) == ("https://drive.example.go.id/x", "Notulen", "")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://contoh.go.id/a", "https://user@contoh.go.id/a"])
def test_it_refuses_a_link_that_is_not_plain_http(org, er, url):
    with pytest.raises(PenilaianError) as exc:
        bukti_evaluasi_tambah(actor=org.staf.user, evaluasi_rhk=er, url=url)
    assert "url" in exc.value.errors
    assert not BuktiEvaluasi.objects.exists()


def test_it_stores_a_file_by_its_content_type_not_its_claimed_one(org, er, media):
    bukti = bukti_evaluasi_tambah(actor=org.staf.user, evaluasi_rhk=er, berkas=_berkas(PNG, "foto", "text/html"))
    assert bukti.tipe_konten == "image/png"
    assert bukti.nama_asli == "foto.png"
    assert bukti.berkas.name.startswith("evaluasi/")
    assert bukti.berkas.read() == PNG


def test_it_refuses_a_program_disguised_as_a_pdf(org, er, media):
    with pytest.raises(PenilaianError) as exc:
        bukti_evaluasi_tambah(actor=org.staf.user, evaluasi_rhk=er, berkas=_berkas(b"MZ\x90\x00" * 10, "laporan.pdf"))
    assert "berkas" in exc.value.errors
    assert not BuktiEvaluasi.objects.exists()


def test_it_keeps_a_word_document_and_refuses_an_unsafe_or_fake_one(org, er, media):
    bukti = bukti_evaluasi_tambah(actor=org.staf.user, evaluasi_rhk=er, berkas=_berkas(docx(), "laporan.docx"))
    assert bukti.nama_asli == "laporan.docx" and bukti.tipe_konten.endswith("wordprocessingml.document")
    for isi, pesan in (
        (bom_rasio(), "bom zip"),
        (docx(dtd_dokumen=DTD_XXE), "DTD/entitas"),
        (paket({"catatan.txt": "halo"}), "Jenis berkas tidak diizinkan"),  # a ZIP renamed .docx
    ):
        with pytest.raises(PenilaianError) as exc:
            bukti_evaluasi_tambah(actor=org.staf.user, evaluasi_rhk=er, berkas=_berkas(isi, "laporan.docx"))
        assert pesan in exc.value.errors["berkas"]
    assert BuktiEvaluasi.objects.get() == bukti
    assert [p for p in media.rglob("*") if p.is_file()] == [media / bukti.berkas.name]


def test_it_refuses_a_file_over_the_instansi_size_limit(org, er, media):
    pengaturan = PengaturanKinerja.get_solo()
    pengaturan.maks_unggah_mb = 1
    pengaturan.save()
    besar = PDF + b"0" * (1024 * 1024)
    with pytest.raises(PenilaianError) as exc:
        bukti_evaluasi_tambah(actor=org.staf.user, evaluasi_rhk=er, berkas=_berkas(besar, "besar.pdf"))
    assert "1 MB" in exc.value.errors["berkas"]


def test_it_refuses_a_file_and_a_link_at_once_and_nothing_at_all(org, er, media):
    with pytest.raises(PenilaianError):
        bukti_evaluasi_tambah(
            actor=org.staf.user, evaluasi_rhk=er, berkas=_berkas(PDF, "a.pdf"), url="https://a.go.id/"
        )
    with pytest.raises(PenilaianError):
        bukti_evaluasi_tambah(actor=org.staf.user, evaluasi_rhk=er)


def test_only_the_pegawai_adds_evidence(org, er):
    for orang in (org.kasi, org.staf_lain):
        with pytest.raises(PenilaianTidakBerwenang):
            bukti_evaluasi_tambah(actor=orang.user, evaluasi_rhk=er, url="https://a.go.id/")


def test_it_refuses_evidence_once_rated_and_in_a_closed_period(org, evaluasi, er, periode):
    Evaluasi.objects.filter(pk=evaluasi.pk).update(
        status=StatusEvaluasi.DINILAI, rating_hasil=2, rating_perilaku=2, predikat=2
    )
    with pytest.raises(PenilaianError, match="sudah dinilai"):
        bukti_evaluasi_tambah(actor=org.staf.user, evaluasi_rhk=er, url="https://a.go.id/")
    Evaluasi.objects.filter(pk=evaluasi.pk).update(status=StatusEvaluasi.DRAFT)
    periode.status = "ditutup"
    periode.save()
    with pytest.raises(PenilaianError, match="ditutup"):
        bukti_evaluasi_tambah(actor=org.staf.user, evaluasi_rhk=er, url="https://a.go.id/")


def test_it_deletes_the_row_and_the_file_after_commit(org, er, media, django_capture_on_commit_callbacks):
    bukti = bukti_evaluasi_tambah(actor=org.staf.user, evaluasi_rhk=er, berkas=_berkas(PDF, "a.pdf"))
    path = media / bukti.berkas.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        bukti_evaluasi_hapus(actor=org.staf.user, bukti=bukti)
    assert not BuktiEvaluasi.objects.exists()
    assert not path.exists()


def test_someone_else_cannot_delete_the_evidence(org, er):
    bukti = bukti_evaluasi_tambah(actor=org.staf.user, evaluasi_rhk=er, url="https://a.go.id/")
    with pytest.raises(PenilaianTidakBerwenang):
        bukti_evaluasi_hapus(actor=org.kasi.user, bukti=bukti)
    assert BuktiEvaluasi.objects.count() == 1


def test_the_penilai_attaches_replaces_and_removes_a_feedback_image(org, er, media, django_capture_on_commit_callbacks):
    umpan_balik_gambar(actor=org.kasi.user, evaluasi_rhk=er, berkas=_berkas(PNG, "a.png"))
    er.refresh_from_db()
    pertama = media / er.gambar.name
    assert er.gambar_tipe == "image/png" and pertama.exists()
    with django_capture_on_commit_callbacks(execute=True):
        umpan_balik_gambar(actor=org.kasi.user, evaluasi_rhk=er, berkas=_berkas(PNG, "b.png"))
    er.refresh_from_db()
    assert not pertama.exists() and (media / er.gambar.name).exists()
    with django_capture_on_commit_callbacks(execute=True):
        umpan_balik_gambar(actor=org.kasi.user, evaluasi_rhk=er, berkas=None)
    er.refresh_from_db()
    assert (er.gambar.name, er.gambar_tipe) == ("", "")


def test_a_feedback_image_must_be_jpeg_or_png_by_content(org, er, media):
    with pytest.raises(PenilaianError) as exc:
        umpan_balik_gambar(actor=org.kasi.user, evaluasi_rhk=er, berkas=_berkas(PDF, "gambar.pdf"))
    assert "JPEG atau PNG" in exc.value.errors["gambar"]


def test_only_the_penilai_attaches_a_feedback_image(org, er, media):
    for orang in (org.staf, org.kabid, org.kasi_tiga):
        with pytest.raises(PenilaianTidakBerwenang):
            umpan_balik_gambar(actor=orang.user, evaluasi_rhk=er, berkas=_berkas(PNG, "a.png"))
    er.refresh_from_db()
    assert not er.gambar
