"""The zip checks of every upload that takes an Office document (portal.ooxml): real documents pass, bombs, XML
entities and archives inside the package are refused with an Indonesian message before anything unpacks them."""

import io
import zipfile

import pytest

from portal import ooxml
from portal.ooxml import DOCX, XLSX, OoxmlDitolak, baris_lembar_kerja, kenali_ooxml
from portal.testing.ooxml import (
    CT_DOCM,
    CT_XLSX,
    DTD_XXE,
    bom_bagian,
    bom_kecil_banyak,
    bom_rasio,
    content_types,
    docx,
    paket,
    xlsx,
    zip_di_dalam,
)


def test_it_recognises_a_docx_and_an_xlsx_by_their_declared_main_part():
    assert kenali_ooxml(docx()) == DOCX
    assert kenali_ooxml(xlsx()) == XLSX


def test_it_accepts_an_embedded_spreadsheet_and_leaves_the_file_at_its_start():
    berkas = io.BytesIO(docx({"word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx()}))
    berkas.seek(10)
    assert kenali_ooxml(berkas) == DOCX
    assert berkas.tell() == 0


@pytest.mark.parametrize(
    "isi",
    [
        b"%PDF-1.7\n",
        b"PK\x03\x04 bukan zip sungguhan",
        paket({"catatan.txt": "halo"}),  # a ZIP renamed .docx
        paket({"word/document.xml": "<w/>"}),  # no [Content_Types].xml
        docx({"[Content_Types].xml": content_types(tipe=CT_DOCM)}),  # macro-enabled
        docx({"[Content_Types].xml": content_types("xl/workbook.xml", CT_XLSX)}),  # declared part missing
    ],
    ids=["pdf", "rusak", "zip-biasa", "tanpa-content-types", "makro", "bagian-utama-hilang"],
)
def test_anything_else_is_not_an_office_document(isi):
    assert kenali_ooxml(isi) is None


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (bom_rasio(), "bom zip"),
        (bom_kecil_banyak(), "bom zip"),
        (bom_bagian(), "lebih dari 1000 bagian"),
        (docx(dtd_content_types=DTD_XXE), "DTD/entitas"),
        (docx(dtd_dokumen=DTD_XXE), "DTD/entitas"),
        # The prolog is read whole however long a comment makes it; the DTD may only stand there.
        (docx(dtd_dokumen="<!--" + "x" * 200_000 + "-->" + DTD_XXE), "DTD/entitas"),
        (docx({"word/styles.xml": (DTD_XXE + "<r/>").encode("utf-16")}), "DTD/entitas"),
        (docx({"customXml/item1": DTD_XXE + "<r/>"}), "DTD/entitas"),  # XML by content, whatever its name
        (zip_di_dalam(), "arsip ZIP lain"),
        (docx({"word/embeddings/lembar.xlsx": bom_rasio()}), "bom zip"),
        (docx({"word/embeddings/dok.docx": zip_di_dalam("word/embeddings/x.zip")}), "arsip ZIP lain"),
        (docx({"word/styles.xml": "<w:styles/>"}), "rusak"),  # malformed XML
        (docx({"[Content_Types].xml": "<Types"}), "rusak"),
    ],
    ids=[
        "rasio",
        "total-rasio",
        "banyak-bagian",
        "xxe-content-types",
        "xxe-dokumen",
        "xxe-setelah-komentar",
        "xxe-utf16",
        "xxe-tanpa-ekstensi",
        "zip-di-dalam",
        "bom-tersisip",
        "sisipan-bersarang",
        "xml-rusak",
        "content-types-rusak",
    ],
)
def test_it_refuses_an_unsafe_package_with_a_message(isi, pesan):
    with pytest.raises(OoxmlDitolak, match=pesan):
        kenali_ooxml(isi)


def test_it_refuses_a_package_too_large_once_unpacked(monkeypatch):
    monkeypatch.setattr(ooxml, "MAKS_TERBUKA", 1000)
    with pytest.raises(OoxmlDitolak, match="terlalu besar setelah dibuka"):
        kenali_ooxml(xlsx())


def test_it_refuses_an_encrypted_member_and_two_members_of_one_name():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as arsip:
        arsip.writestr("word/document.xml", b"\0" * 100)
        # zipfile cannot encrypt; the flag in the central directory is what a reader goes by.
        arsip.filelist[0].flag_bits |= 0x1
    with pytest.raises(OoxmlDitolak, match="kata sandi"):
        kenali_ooxml(buffer.getvalue())

    buffer = io.BytesIO(docx())
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(buffer, "a") as arsip:
        arsip.writestr("word/document.xml", "<lain/>")
    with pytest.raises(OoxmlDitolak, match="rusak"):
        kenali_ooxml(buffer.getvalue())


def test_a_bomb_is_refused_from_its_directory_without_unpacking(monkeypatch):
    def gagal(*args, **kwargs):
        raise AssertionError("a member of a bomb must not be opened")

    bom = bom_rasio()
    monkeypatch.setattr(zipfile.ZipFile, "open", gagal)
    with pytest.raises(OoxmlDitolak, match="bom zip"):
        kenali_ooxml(bom)


def test_the_rows_of_a_spreadsheet_are_read_after_the_checks():
    assert list(baris_lembar_kerja(xlsx([["nip", "nama"], ["1", "A"]]))) == [("nip", "nama"), ("1", "A")]
    for isi, pesan in ((docx(), "bukan XLSX yang sah"), (bom_rasio(), "bom zip")):
        with pytest.raises(OoxmlDitolak, match=pesan):
            list(baris_lembar_kerja(isi))


def test_an_xlsx_openpyxl_cannot_read_is_refused_not_a_server_error():
    # Declared and well-formed enough for the checks, but the workbook part is no workbook.
    rusak = paket(
        {
            "[Content_Types].xml": content_types("xl/workbook.xml", CT_XLSX),
            "xl/workbook.xml": '<workbook xmlns="urn:x"><sheets><sheet/></sheets></workbook>',
        }
    )
    with pytest.raises(OoxmlDitolak, match="tidak dapat dibaca"):
        list(baris_lembar_kerja(rusak))
