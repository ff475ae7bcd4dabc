"""Evidence: uploads are judged by content (magic bytes; for DOCX/XLSX the parts inside the zip), limited in
size, stored under a random name; links are http(s) only; only the owner adds or removes, only while editable."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.choices import JenisBukti, StatusAktivitas
from kinerja.errors import AktivitasError, AktivitasTidakBerwenang
from kinerja.models import BuktiDukung
from kinerja.selectors.aktivitas import bukti_visible_to
from kinerja.services.aktivitas import aktivitas_ajukan, aktivitas_hapus
from kinerja.services.bukti import bukti_hapus, bukti_tambah_berkas, bukti_tambah_tautan
from kinerja.services.verifikasi import aktivitas_tolak

from .factories import TAHUN, catat, diajukan

pytestmark = pytest.mark.django_db

D = datetime.date

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"

_CT_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_CT_DOCM = "application/vnd.ms-word.document.macroEnabled.main+xml"


def ooxml(main_part: str | None, content_type: str | None, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal Office Open XML package: [Content_Types].xml declaring ``content_type`` for ``main_part``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        if content_type is not None:
            z.writestr(
                "[Content_Types].xml",
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                f'<Override PartName="/{main_part}" ContentType="{content_type}"/></Types>',
            )
        if main_part:
            z.writestr(main_part, "<root/>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buffer.getvalue()


DOCX = ooxml("word/document.xml", _CT_DOCX)
XLSX = ooxml("xl/workbook.xml", _CT_XLSX)


@pytest.fixture
def aktivitas(org, jam, skp, bukti_media):
    return catat(org.staf, skp.rhk(skp.staf), D(TAHUN, 3, 11))


def unggah(org, aktivitas, nama, isi):
    return bukti_tambah_berkas(actor=org.staf, aktivitas=aktivitas, berkas=SimpleUploadedFile(nama, isi))


@pytest.mark.parametrize(
    "nama, isi, mimetype, nama_tersimpan",
    [
        ("surat tugas.pdf", PDF, "application/pdf", "surat tugas.pdf"),
        ("foto kegiatan.JPEG", JPEG, "image/jpeg", "foto kegiatan.JPEG"),
        ("foto.jpg", JPEG, "image/jpeg", "foto.jpg"),
        ("tangkapan.png", PNG, "image/png", "tangkapan.png"),
        (
            "notulen.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "notulen.docx",
        ),
        ("rekap.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "rekap.xlsx"),
        ("scan", PDF, "application/pdf", "scan.pdf"),  # no extension: the content's is added
        ("laporan.v2", PDF, "application/pdf", "laporan.v2.pdf"),
    ],
)
def test_it_accepts_the_allowed_types_by_content(org, aktivitas, bukti_media, nama, isi, mimetype, nama_tersimpan):
    bukti = unggah(org, aktivitas, nama, isi)
    bukti.refresh_from_db()
    assert (bukti.jenis, bukti.tipe_konten, bukti.nama_asli, bukti.ukuran) == (
        JenisBukti.BERKAS,
        mimetype,
        nama_tersimpan,
        len(isi),
    )
    with bukti.berkas.open("rb") as f:
        assert f.read() == isi


def test_it_stores_under_a_random_name_whatever_the_uploaded_name(org, aktivitas, bukti_media):
    a = unggah(org, aktivitas, "../../etc/passwd.pdf", PDF)
    b = unggah(org, aktivitas, "../../etc/passwd.pdf", PDF)
    assert a.nama_asli == "passwd.pdf"
    for bukti in (a, b):
        path = Path(bukti.berkas.path).resolve()
        assert path.is_relative_to(Path(bukti_media).resolve())
        assert "passwd" not in bukti.berkas.name and ".." not in bukti.berkas.name
        assert bukti.berkas.name.startswith("bukti/") and bukti.berkas.name.endswith(".pdf")
        assert str(org.staf.nip) not in bukti.berkas.name
    assert a.berkas.name != b.berkas.name
    assert not (Path(bukti_media) / "etc").exists()


def test_it_refuses_a_file_over_the_size_limit(org, aktivitas, pengaturan):
    pengaturan.maks_unggah_mb = 1
    pengaturan.save()
    unggah(org, aktivitas, "pas.pdf", PDF + b"0" * (1024 * 1024 - len(PDF)))
    with pytest.raises(AktivitasError, match="lebih besar dari 1 MB") as exc:
        unggah(org, aktivitas, "besar.pdf", PDF + b"0" * (1024 * 1024 - len(PDF) + 1))
    assert "berkas" in exc.value.errors
    assert BuktiDukung.objects.count() == 1


def test_it_refuses_an_empty_file(org, aktivitas):
    with pytest.raises(AktivitasError, match="kosong"):
        unggah(org, aktivitas, "kosong.pdf", b"")


@pytest.mark.parametrize(
    "nama, isi",
    [
        ("laporan.pdf", b"<html><script>alert(1)</script></html>"),
        ("laporan.pdf", b"Ini teks biasa, bukan PDF."),
        ("foto.jpg", b"GIF89a\x01\x00\x01\x00"),
        ("foto.png", PDF),  # a real PDF behind an image extension
        ("laporan.pdf", PNG),
        ("notulen.docx", XLSX),  # a spreadsheet named as a Word document
        ("notulen.docx", ooxml(None, None, {"word/document.xml": b"<root/>"})),  # no [Content_Types].xml
        ("notulen.docx", ooxml("word/document.xml", "application/xml")),  # wrong declared type
        ("notulen.docx", ooxml("word/document.xml", _CT_DOCM)),  # macro-enabled document renamed
        ("rekap.xlsx", ooxml("xl/other.xml", _CT_XLSX)),  # declared but the workbook part is missing
        ("arsip.docx", ooxml(None, None, {"a.txt": b"halo"})),  # any other zip
        ("rusak.docx", b"PK\x03\x04 bukan zip sungguhan"),
        ("gambar.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
)
def test_it_refuses_wrong_content_behind_a_good_extension(org, aktivitas, nama, isi):
    with pytest.raises(AktivitasError) as exc:
        unggah(org, aktivitas, nama, isi)
    assert "berkas" in exc.value.errors
    assert not BuktiDukung.objects.exists()


@pytest.mark.parametrize(
    "isi",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff",  # Windows PE
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8,  # Linux ELF
        b"#!/bin/sh\nrm -rf /\n",
    ],
)
def test_it_refuses_a_program_renamed_pdf(org, aktivitas, isi):
    with pytest.raises(AktivitasError, match="program"):
        unggah(org, aktivitas, "laporan.pdf", isi)
    assert not BuktiDukung.objects.exists()


def test_it_accepts_http_links_only(org, aktivitas):
    bukti = bukti_tambah_tautan(
        actor=org.staf, aktivitas=aktivitas, url=" https://drive.example.go.id/abc ", judul=" Folder foto "
    )
    assert (bukti.jenis, bukti.url, bukti.judul, bukti.berkas.name) == (
        JenisBukti.TAUTAN,
        "https://drive.example.go.id/abc",
        "Folder foto",
        "",
    )
    for url in ("javascript:alert(document.cookie)", "file:///etc/passwd", "ftp://example.com/", ""):
        with pytest.raises(AktivitasError) as exc:
            bukti_tambah_tautan(actor=org.staf, aktivitas=aktivitas, url=url)
        assert "url" in exc.value.errors
    assert BuktiDukung.objects.count() == 1


def test_only_the_owner_adds_and_removes_evidence(org, aktivitas):
    bukti = unggah(org, aktivitas, "a.pdf", PDF)
    for actor in (org.kasi, org.staf_lain):
        with pytest.raises(AktivitasTidakBerwenang):
            bukti_tambah_berkas(actor=actor, aktivitas=aktivitas, berkas=SimpleUploadedFile("b.pdf", PDF))
        with pytest.raises(AktivitasTidakBerwenang):
            bukti_tambah_tautan(actor=actor, aktivitas=aktivitas, url="https://example.com")
        with pytest.raises(AktivitasTidakBerwenang):
            bukti_hapus(actor=actor, bukti=bukti)
    assert BuktiDukung.objects.count() == 1


def test_evidence_is_frozen_once_submitted(org, aktivitas):
    bukti = unggah(org, aktivitas, "a.pdf", PDF)
    aktivitas_ajukan(actor=org.staf, aktivitas=aktivitas)
    with pytest.raises(AktivitasError, match="menunggu verifikasi"):
        unggah(org, aktivitas, "b.pdf", PDF)
    with pytest.raises(AktivitasError):
        bukti_hapus(actor=org.staf, bukti=bukti)
    aktivitas_tolak(actor=org.kasi, aktivitas=aktivitas, catatan="Tambahkan foto")
    assert aktivitas.status == StatusAktivitas.DITOLAK
    unggah(org, aktivitas, "foto.png", PNG)
    assert aktivitas.bukti.count() == 2


def test_removing_evidence_deletes_the_file_after_commit(org, aktivitas, django_capture_on_commit_callbacks):
    bukti = unggah(org, aktivitas, "a.pdf", PDF)
    path = Path(bukti.berkas.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        bukti_hapus(actor=org.staf, bukti=bukti)
    assert not BuktiDukung.objects.exists()
    assert not path.exists()


def test_deleting_the_activity_deletes_its_files(org, aktivitas, django_capture_on_commit_callbacks):
    paths = [Path(unggah(org, aktivitas, n, PDF).berkas.path) for n in ("a.pdf", "b.pdf")]
    bukti_tambah_tautan(actor=org.staf, aktivitas=aktivitas, url="https://example.com")
    with django_capture_on_commit_callbacks(execute=True):
        aktivitas_hapus(actor=org.staf, aktivitas=aktivitas)
    assert not BuktiDukung.objects.exists()
    assert not any(p.exists() for p in paths)


@pytest.mark.parametrize(
    "persona, sees",
    [
        ("staf", True),
        ("kasi", True),
        ("kabid", True),
        ("admin_opd", True),
        ("admin_bkpsdm", True),
        ("pimpinan", True),
        ("staf_lain", False),
        ("kasi_tiga", False),
        ("kepala_b", False),
        ("admin_opd_lain", False),
        ("anonymous", False),
    ],
)
def test_evidence_is_visible_to_who_sees_the_activity(org, jam, skp, bukti_media, persona, sees):
    from django.contrib.auth.models import AnonymousUser

    a = diajukan(org.staf, skp.rhk(skp.staf), D(TAHUN, 3, 11))
    aktivitas_tolak(actor=org.kasi, aktivitas=a, catatan="Lampirkan bukti")
    bukti = unggah(org, a, "a.pdf", PDF)
    user = AnonymousUser() if persona == "anonymous" else org.user(persona)
    assert bukti_visible_to(user).filter(pk=bukti.pk).exists() is sees
