"""What an uploaded evidence file really is, decided from its content (magic bytes, and for Office files the
checks of :mod:`portal.ooxml`), never from its name or the browser's Content-Type — both are chosen by the uploader.

No database access; :func:`periksa_berkas` takes any seekable binary file (Django's ``UploadedFile``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from portal import ooxml

from .rules import ekstensi, nama_berkas_aman


@dataclass(frozen=True)
class JenisBerkas:
    kode: str
    mimetype: str
    ekstensi: str
    #: Extensions a user may give the file for this content ("foto.jpeg" is as good as "foto.jpg").
    ekstensi_sah: frozenset[str]


PDF = JenisBerkas("pdf", "application/pdf", "pdf", frozenset({"pdf"}))
JPEG = JenisBerkas("jpeg", "image/jpeg", "jpg", frozenset({"jpg", "jpeg"}))
PNG = JenisBerkas("png", "image/png", "png", frozenset({"png"}))
DOCX = JenisBerkas(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", frozenset({"docx"})
)
XLSX = JenisBerkas(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", frozenset({"xlsx"})
)
JENIS_DIIZINKAN = (PDF, JPEG, PNG, DOCX, XLSX)
#: Photos: the download view shows these in the browser, everything else is an attachment.
FOTO = (JPEG, PNG)
PER_MIMETYPE = {j.mimetype: j for j in JENIS_DIIZINKAN}
SEMUA_EKSTENSI = frozenset().union(*(j.ekstensi_sah for j in JENIS_DIIZINKAN))

#: The kinds :func:`portal.ooxml.kenali_ooxml` recognises, as the types of this module.
_OOXML = {ooxml.DOCX: DOCX, ooxml.XLSX: XLSX}

# Headers of programs: refused with their own message, since "file type not allowed" hides what was attempted.
_TANDA_PROGRAM = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe")


class BerkasDitolak(ValueError):
    """The upload is refused; ``str(exc)`` is an Indonesian message for the user."""


@dataclass(frozen=True)
class BerkasDiperiksa:
    jenis: JenisBerkas
    nama: str
    ukuran: int


def kenali_isi(berkas) -> JenisBerkas | None:
    """The allowed type ``berkas`` holds according to its content, ``None`` for anything else. An Office document
    unsafe to keep or open (a zip bomb, XML entities…) raises :class:`portal.ooxml.OoxmlDitolak`."""
    berkas.seek(0)
    kepala = berkas.read(8)
    berkas.seek(0)
    if kepala.startswith(b"%PDF-"):
        return PDF
    if kepala.startswith(b"\xff\xd8\xff"):
        return JPEG
    if kepala.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if kepala.startswith(b"PK\x03\x04"):
        return _OOXML.get(ooxml.kenali_ooxml(berkas))
    return None


def periksa_berkas(berkas, nama: str, ukuran: int, maks_mb: int) -> BerkasDiperiksa:
    """Check an upload before it is stored: not empty, at most ``maks_mb`` megabytes, a PDF, JPEG, PNG, DOCX or
    XLSX by content, and a name that does not claim another allowed type. Returns the detected type and the
    sanitised display name, ending in an extension that matches the content."""
    if ukuran <= 0:
        raise BerkasDitolak(_("Berkas kosong."))
    if ukuran > maks_mb * 1024 * 1024:
        raise BerkasDitolak(_("Berkas lebih besar dari %(mb)s MB.") % {"mb": maks_mb})
    berkas.seek(0)
    kepala = berkas.read(8)
    berkas.seek(0)
    if kepala.startswith(_TANDA_PROGRAM):
        raise BerkasDitolak(_("Berkas program tidak boleh diunggah sebagai bukti dukung."))
    try:
        jenis = kenali_isi(berkas)
    except ooxml.OoxmlDitolak as exc:
        raise BerkasDitolak(str(exc)) from None
    if jenis is None:
        raise BerkasDitolak(
            _("Jenis berkas tidak diizinkan. Unggah PDF, gambar JPEG/PNG, dokumen Word (DOCX) atau Excel (XLSX).")
        )
    aman = nama_berkas_aman(nama)
    eks = ekstensi(aman)
    if eks in SEMUA_EKSTENSI and eks not in jenis.ekstensi_sah:
        # A PDF named "foto.png" is either a mistake or a disguise; either way the user should look again.
        raise BerkasDitolak(_("Isi berkas tidak sesuai dengan ekstensi namanya (.%(eks)s).") % {"eks": eks})
    if eks not in jenis.ekstensi_sah:
        # No extension, or one that means nothing here ("laporan.v2", "surat.exe"): the detected one is appended
        # so the downloaded copy opens in the right program on the atasan's computer.
        aman = nama_berkas_aman(f"{aman}.{jenis.ekstensi}")
    return BerkasDiperiksa(jenis=jenis, nama=aman, ukuran=ukuran)
