"""Office Open XML packages (DOCX, XLSX) from an uploader: which of the two a file is, and whether it is safe to keep
and to open. The one place for the zip checks of every upload that takes an Office document: the evidence files
(``kinerja.berkas``, used by kinerja, penilaian and disiplin) and the spreadsheet imports (pegawai, presensi).

A package is judged from its central directory before anything is unpacked (member count, declared sizes,
compression ratio, encryption). Then only the head of each member is read: a zip inside the package is refused,
except an embedded object under ``embeddings/`` (a spreadsheet inside a report), which gets the same checks one level
down; every XML part's prolog goes through defusedxml with DTDs forbidden, so no entity expansion or external entity
reaches whoever opens the file later (openpyxl here, the atasan's office program there). ``[Content_Types].xml`` is
parsed with defusedxml for the main part's declared type, and that part must exist.

The sizes judged are the ones zipfile enforces when a member is read (ZipExtFile stops at the declared size and fails
on a CRC mismatch), so a lying header cannot inflate past them.
"""

from __future__ import annotations

import io
import logging
import lzma
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, fromstring
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DOCX = "docx"
XLSX = "xlsx"
#: The main part of each accepted kind and the content type [Content_Types].xml declares for it (ECMA-376). Macro-
#: enabled (docm/xlsm) and template (dotx/xltx) packages declare other types and are therefore not recognised.
_UTAMA = {
    ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"): DOCX,
    ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"): XLSX,
}

#: A report with a few hundred photos has a few hundred members; thousands only serve to slow the checks down.
MAKS_BAGIAN = 1000
#: A 50,000-row sheet unpacks to roughly 40 MB of XML; anything far above is no document of ours.
MAKS_TERBUKA = 200 * 1024 * 1024
#: Office XML compresses 5–30×; zip bombs reach 1,000× and more. Only large members (and totals) are judged, since a
#: tiny member can have any ratio without harm.
MAKS_RASIO = 100
RASIO_MULAI = 1024 * 1024
#: An embedded object is read into memory to be checked; larger ones are refused rather than unpacked.
MAKS_SISIPAN = 25 * 1024 * 1024
#: [Content_Types].xml of a real document is a few kilobytes; reading more would only help a zip bomb.
_BATAS_CONTENT_TYPES = 256 * 1024
#: An XML part's prolog (declaration, comments, the DTD if any) ends within bytes; past this it is no Office part.
_BATAS_PROLOG = 1024 * 1024
_POTONGAN = 64 * 1024

ZIP_MAGIC = b"PK\x03\x04"
_BOM_UTF16 = (b"\xff\xfe", b"\xfe\xff")
_AWAL_TEKS = b"\xef\xbb\xbf \t\r\n"
#: How a damaged zip shows itself while its central directory or a member's head is read.
_ZIP_RUSAK = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, zlib.error)


class OoxmlDitolak(ValueError):
    """The package is refused; ``str(exc)`` is an Indonesian message for the uploader."""


def _rusak() -> OoxmlDitolak:
    return OoxmlDitolak(_("Berkas ditolak: isinya rusak atau disusun tidak wajar."))


def kenali_ooxml(berkas) -> str | None:
    """:data:`DOCX` or :data:`XLSX` according to the content of ``berkas`` (bytes or a seekable binary file, left at
    its start), ``None`` when it is no zip or a zip that is not one of the two (no ``[Content_Types].xml``, another
    main type, the main part missing, damaged). Raises :class:`OoxmlDitolak` for a package unsafe to keep or open."""
    if isinstance(berkas, bytes | bytearray | memoryview):
        berkas = io.BytesIO(berkas)
    berkas.seek(0)
    try:
        with zipfile.ZipFile(berkas) as arsip:
            _periksa_arsip(arsip, sisipan_boleh=True)
            return _jenis(arsip)
    except (*_ZIP_RUSAK, lzma.LZMAError):
        return None
    finally:
        berkas.seek(0)


def _memuai(terbuka: int, terkompres: int) -> bool:
    return terbuka >= RASIO_MULAI and terbuka > MAKS_RASIO * max(terkompres, 1)


def _periksa_arsip(arsip: zipfile.ZipFile, *, sisipan_boleh: bool) -> None:
    infos = arsip.infolist()
    if len(infos) > MAKS_BAGIAN:
        raise OoxmlDitolak(
            _("Berkas ditolak: isinya lebih dari %(n)s bagian (kemungkinan bom zip).") % {"n": MAKS_BAGIAN}
        )
    if len({info.filename for info in infos}) != len(infos):
        # Two members of one name: zipfile would read the last, another program perhaps the first.
        raise _rusak()
    bom = OoxmlDitolak(_("Berkas ditolak: isinya memuai tidak wajar saat dibuka (kemungkinan bom zip)."))
    terbuka = terkompres = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise OoxmlDitolak(_("Berkas terkunci kata sandi. Buka kuncinya lalu unggah ulang."))
        if _memuai(info.file_size, info.compress_size):
            raise bom
        terbuka += info.file_size
        terkompres += info.compress_size
    if terbuka > MAKS_TERBUKA:
        raise OoxmlDitolak(
            _("Berkas ditolak: isinya terlalu besar setelah dibuka (lebih dari %(mb)s MB).")
            % {"mb": MAKS_TERBUKA // (1024 * 1024)}
        )
    if _memuai(terbuka, terkompres):
        raise bom
    for info in infos:
        if not info.is_dir():
            _periksa_bagian(arsip, info, sisipan_boleh=sisipan_boleh)


def _periksa_bagian(arsip: zipfile.ZipFile, info: zipfile.ZipInfo, *, sisipan_boleh: bool) -> None:
    with arsip.open(info) as bagian:
        kepala = bagian.read(_POTONGAN)
        if kepala.startswith(ZIP_MAGIC):
            folder = posixpath.basename(posixpath.dirname(info.filename))
            if not (sisipan_boleh and folder == "embeddings"):
                raise OoxmlDitolak(_("Berkas ditolak: berisi arsip ZIP lain di dalamnya."))
            if info.file_size > MAKS_SISIPAN:
                raise OoxmlDitolak(
                    _("Berkas ditolak: objek sisipannya lebih besar dari %(mb)s MB.")
                    % {"mb": MAKS_SISIPAN // (1024 * 1024)}
                )
            with zipfile.ZipFile(io.BytesIO(kepala + bagian.read())) as sisipan:
                _periksa_arsip(sisipan, sisipan_boleh=False)
        elif kepala.startswith(_BOM_UTF16) or kepala.lstrip(_AWAL_TEKS).startswith(b"<"):
            _periksa_prolog(kepala, bagian)


class _AkarDitemukan(Exception):
    """The root element started: the prolog, the only place a DTD may stand, has been read whole."""


class _BerhentiDiAkar:
    """An ElementTree parser target that stops the parse at the root element's start tag."""

    def start(self, tag, attrib):
        raise _AkarDitemukan

    def end(self, tag):
        pass

    def data(self, data):
        pass

    def close(self):
        return None


def _periksa_prolog(kepala: bytes, bagian) -> None:
    """Refuse an XML part with a DTD (entity expansion, external entities) or a broken prolog; only the prolog is
    read, never the (possibly large) rest of the part."""
    parser = DefusedXMLParser(target=_BerhentiDiAkar(), forbid_dtd=True)
    dibaca = 0
    potongan = kepala
    try:
        while potongan:
            parser.feed(potongan)
            dibaca += len(potongan)
            if dibaca > _BATAS_PROLOG:
                raise _rusak()
            potongan = bagian.read(_POTONGAN)
        parser.close()
    except _AkarDitemukan:
        return
    except DefusedXmlException:
        raise OoxmlDitolak(_("Berkas ditolak: berisi deklarasi XML (DTD/entitas) yang tidak diizinkan.")) from None
    except ParseError:
        raise _rusak() from None
    # A part that ends before any element is no XML document.
    raise _rusak()


def _jenis(arsip: zipfile.ZipFile) -> str | None:
    try:
        info = arsip.getinfo("[Content_Types].xml")
    except KeyError:
        return None
    if info.file_size > _BATAS_CONTENT_TYPES:
        return None
    try:
        akar = fromstring(arsip.read(info), forbid_dtd=True)
    except DefusedXmlException:
        raise OoxmlDitolak(_("Berkas ditolak: berisi deklarasi XML (DTD/entitas) yang tidak diizinkan.")) from None
    except ParseError:
        return None
    # Part names and content types are case-insensitive (ECMA-376 part 2, RFC 2045); the main part must be there.
    bagian = {nama.lower() for nama in arsip.namelist()}
    jenis = set()
    for elemen in akar.iter():
        if elemen.tag.rpartition("}")[2] != "Override":
            continue
        nama = (elemen.get("PartName") or "").lstrip("/").lower()
        kode = _UTAMA.get((nama, (elemen.get("ContentType") or "").strip().lower()))
        if kode and nama in bagian:
            jenis.add(kode)
    return jenis.pop() if len(jenis) == 1 else None


def baris_lembar_kerja(data: bytes) -> Iterator[tuple]:
    """The rows of the first worksheet of an uploaded XLSX as tuples of cell values, after the checks of
    :func:`kenali_ooxml`, read by openpyxl (read-only, values only). The first sheet holds the data; a template may
    carry instructions on later sheets. Every refusal, also while rows are read, is an :class:`OoxmlDitolak`."""
    import openpyxl

    if kenali_ooxml(data) != XLSX:
        raise OoxmlDitolak(_("Berkas bukan XLSX yang sah (arsip rusak atau bukan buatan program lembar kerja)."))
    if not openpyxl.DEFUSEDXML:
        # openpyxl falls back to the stdlib parser when defusedxml is missing or OPENPYXL_DEFUSEDXML=False;
        # refuse rather than parse untrusted XML unprotected.
        raise OoxmlDitolak(_("Server belum dikonfigurasi untuk membaca XLSX dengan aman. Gunakan CSV."))
    try:
        buku = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise _tak_terbaca(exc) from None
    try:
        if not buku.worksheets:
            raise OoxmlDitolak(_("Berkas XLSX tidak berisi lembar kerja."))
        baris = buku.worksheets[0].iter_rows(values_only=True)
        while True:
            try:
                satu = next(baris)
            except StopIteration:
                return
            except Exception as exc:
                raise _tak_terbaca(exc) from None
            yield satu
    finally:
        buku.close()


def _tak_terbaca(exc: Exception) -> OoxmlDitolak:
    # openpyxl signals malformed input with many exception types (KeyError, ValueError, TypeError, zipfile and XML
    # errors); for an uploaded file they all mean "unreadable", never a server fault.
    logger.info("XLSX unreadable: %r", exc)
    return OoxmlDitolak(_("Berkas XLSX tidak dapat dibaca: rusak atau formatnya tidak dikenal."))
