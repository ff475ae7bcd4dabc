"""Office Open XML packages for tests: a DOCX shaped as Word writes it, an XLSX written by openpyxl, and the hostile
packages :mod:`portal.ooxml` must refuse (zip bombs, XML entities, archives inside the package)."""

from __future__ import annotations

import io
import zipfile

CT_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_DOCM = "application/vnd.ms-word.document.macroEnabled.main+xml"

_DEKLARASI = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
#: An entity that reads a file of the server: what an XXE attack puts in a package's XML.
DTD_XXE = '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def paket(bagian: dict[str, bytes | str]) -> bytes:
    """A zip (deflated) of ``bagian``: member name → content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as arsip:
        for nama, isi in bagian.items():
            arsip.writestr(nama, isi)
    return buffer.getvalue()


def content_types(utama: str = "word/document.xml", tipe: str = CT_DOCX, *, dtd: str = "") -> str:
    return (
        f"{_DEKLARASI}{dtd}"
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        f'<Override PartName="/{utama}" ContentType="{tipe}"/>'
        "</Types>"
    )


def docx(lain: dict[str, bytes | str] | None = None, *, dtd_dokumen: str = "", dtd_content_types: str = "") -> bytes:
    """A one-paragraph DOCX with the parts Word writes at least, plus ``lain`` (more members)."""
    bagian = {
        "[Content_Types].xml": content_types(dtd=dtd_content_types),
        "_rels/.rels": (
            f"{_DEKLARASI}"
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="word/document.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
            "</Relationships>"
        ),
        "word/document.xml": (
            f"{_DEKLARASI}{dtd_dokumen}"
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Laporan kegiatan</w:t></w:r></w:p></w:body></w:document>"
        ),
    }
    bagian.update(lain or {})
    return paket(bagian)


def xlsx(baris: list[list] | None = None) -> bytes:
    import openpyxl

    buku = openpyxl.Workbook()
    for satu in baris if baris is not None else [["nama", "nilai"], ["Laporan", 1]]:
        buku.active.append(satu)
    buffer = io.BytesIO()
    buku.save(buffer)
    return buffer.getvalue()


def bom_rasio() -> bytes:
    """A DOCX whose one "image" unpacks from ~20 KB to 20 MB (ratio ~1,000)."""
    return docx({"word/media/image1.png": b"\0" * (20 * 1024 * 1024)})


def bom_kecil_banyak() -> bytes:
    """A DOCX of many members each below the per-member threshold, 45 MB unpacked from ~45 KB."""
    return docx({f"word/media/image{i}.png": b"\0" * (900 * 1024) for i in range(50)})


def bom_bagian(jumlah: int = 1001) -> bytes:
    return docx({f"word/media/image{i}.png": b"\x89PNG" for i in range(jumlah)})


def zip_di_dalam(nama: str = "word/media/lampiran.zip") -> bytes:
    return docx({nama: paket({"catatan.txt": "halo"})})
