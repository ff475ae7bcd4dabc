"""Import of the organisation and its people from XLSX or CSV (DOMAIN.md §2).

One service behind the Django admin (``resources.PegawaiResource``), the portal page (``views_impor``) and
``manage.py import_pegawai``. Callers may rely on:

* everything is validated before anything is written; a file with any bad row writes nothing and every bad
  row is reported with the row number the user sees in the spreadsheet (the header is row 1);
* rows are matched by NIP, so importing the same file twice changes nothing the second time;
* perangkat daerah, unit kerja and jabatan named in the file are created when they do not exist yet;
* a real import writes in bulk inside one transaction, attributed to ``actor`` in the pghistory trail, and
  leaves one AksesLog row (UU 27/2022: every bulk handling of personal data is logged).

Uploaded files are untrusted: the type is decided by content (zip magic for XLSX, UTF-8 text for CSV), the
XLSX zip is measured before openpyxl opens it (zip bombs), and openpyxl parses XML through defusedxml
(entity expansion, external entities).
"""

from __future__ import annotations

import csv
import datetime
import io
import logging
import os
import re
import secrets
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import tablib
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import IntegrityError, connection, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .audit import as_actor
from .choices import JENJANG_PER_JENIS, Golongan, JenisAkses, JenisJabatan, Jenjang, StatusPegawai
from .models import Jabatan, Pegawai, PerangkatDaerah, UnitKerja, User
from .nip import NipError, NipInfo, normalize_nip, parse_nip
from .services import catat_akses

logger = logging.getLogger(__name__)

#: The columns of the import file, in template order.
COLUMNS = (
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "status",
    "golongan",
    "jabatan",
    "jenis_jabatan",
    "unit_kerja",
    "perangkat_daerah",
    "nip_atasan",
    "tmt_cpns",
)
REQUIRED_COLUMNS = ("nip", "nama", "jabatan", "jenis_jabatan", "unit_kerja", "perangkat_daerah")
#: The spreadsheet row of the first data row: row 1 holds the column names.
FIRST_DATA_ROW = 2

#: A city the size of Bandung has ~20,000 ASN; more than this in one file is a mistake or an attack.
MAX_ROWS = 50_000
#: A 50,000-row sheet unpacks to roughly 40 MB of XML; anything far above is not a staff list.
XLSX_MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: Spreadsheet XML compresses 5–30×; zip bombs reach 1,000× and more. Only large members are judged, since
#: a tiny file can have any ratio without harm.
XLSX_MAX_RATIO = 100
XLSX_RATIO_MIN_SIZE = 1024 * 1024
XLSX_MAX_MEMBERS = 1000

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls

# Row outcomes; the values match django-import-export's RowResult import types.
NEW = "new"
UPDATE = "update"
SKIP = "skip"

# Any fixed 64-bit number works: it only has to be the same for every import, so two imports serialise.
_ADVISORY_LOCK_KEY = 0x6D62_696D_706F_7274


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (wrong type, too large, unsafe, no header). Indonesian message."""


# --------------------------------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------------------------------


def max_upload_bytes() -> int:
    return settings.IMPORT_MAX_UPLOAD_MB * 1024 * 1024


def _read_bytes(source: Any) -> bytes:
    limit = max_upload_bytes()
    too_large = ImportFileError(
        _("Berkas lebih besar dari %(mb)s MB. Pecah berkas menjadi beberapa bagian.")
        % {"mb": settings.IMPORT_MAX_UPLOAD_MB}
    )
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str | os.PathLike):
        if os.path.getsize(source) > limit:
            raise too_large
        with open(source, "rb") as fh:
            data = fh.read(limit + 1)
    else:
        size = getattr(source, "size", None)
        if size is not None and size > limit:
            raise too_large
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(limit + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
    if len(data) > limit:
        raise too_large
    return data


def read_dataset(source: Any) -> tablib.Dataset:
    """Read an uploaded XLSX or CSV (bytes, a path or a file object) into a Dataset with normalised column
    names. Blank rows are kept so that dataset row ``i`` is spreadsheet row ``i + FIRST_DATA_ROW``."""
    data = _read_bytes(source)
    if not data.strip():
        raise ImportFileError(_("Berkas kosong."))
    if data.startswith(ZIP_MAGIC):
        return _read_xlsx(data)
    if data.startswith(OLE2_MAGIC):
        raise ImportFileError(
            _("Format .xls (Excel 97–2003) tidak didukung. Simpan ulang sebagai .xlsx atau CSV UTF-8.")
        )
    return _read_csv(data)


def _check_zip(data: bytes) -> None:
    not_xlsx = ImportFileError(_("Berkas bukan XLSX yang sah (arsip rusak atau bukan buatan program lembar kerja)."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise not_xlsx from None
    if len(infos) > XLSX_MAX_MEMBERS:
        raise not_xlsx
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        raise not_xlsx
    # The sizes checked here are the ones zipfile enforces when openpyxl reads the members: ZipExtFile stops
    # at the declared size and fails on a CRC mismatch, so a lying header cannot inflate past this check.
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ImportFileError(_("Berkas XLSX terkunci kata sandi. Buka kuncinya lalu unggah ulang."))
        total += info.file_size
        if info.file_size >= XLSX_RATIO_MIN_SIZE and info.file_size > XLSX_MAX_RATIO * max(info.compress_size, 1):
            raise ImportFileError(
                _("Berkas XLSX ditolak: isinya memuai tidak wajar saat dibuka (kemungkinan bom zip).")
            )
    if total > XLSX_MAX_UNCOMPRESSED:
        raise ImportFileError(
            _("Berkas XLSX ditolak: isinya terlalu besar setelah dibuka (lebih dari %(mb)s MB).")
            % {"mb": XLSX_MAX_UNCOMPRESSED // (1024 * 1024)}
        )


def _read_xlsx(data: bytes) -> tablib.Dataset:
    import openpyxl
    from defusedxml import DefusedXmlException

    _check_zip(data)
    if not openpyxl.DEFUSEDXML:
        # openpyxl falls back to the stdlib parser when defusedxml is missing or OPENPYXL_DEFUSEDXML=False;
        # refuse rather than parse untrusted XML unprotected.
        raise ImportFileError(_("Server belum dikonfigurasi untuk membaca XLSX dengan aman. Gunakan CSV."))
    workbook = None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        if not workbook.worksheets:
            raise ImportFileError(_("Berkas XLSX tidak berisi lembar kerja."))
        # The first sheet holds the data; a template may carry instructions on later sheets.
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        return _build_dataset(rows)
    except ImportFileError:
        raise
    except Exception as exc:
        if _caused_by(exc, DefusedXmlException):
            # openpyxl wraps the parser's refusal in a ValueError; the cause says what happened.
            raise ImportFileError(
                _("Berkas XLSX ditolak: berisi deklarasi XML (DTD/entitas) yang tidak diizinkan.")
            ) from None
        # openpyxl signals malformed input with many exception types (KeyError, ValueError, TypeError,
        # zipfile and XML errors); for an uploaded file they all mean "unreadable", never a server fault.
        logger.info("XLSX import unreadable: %r", exc)
        raise ImportFileError(_("Berkas XLSX tidak dapat dibaca: rusak atau formatnya tidak dikenal.")) from None
    finally:
        if workbook is not None:
            workbook.close()


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, kind):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _read_csv(data: bytes) -> tablib.Dataset:
    if b"\x00" in data:
        raise ImportFileError(_("Berkas bukan XLSX maupun CSV. Unggah berkas .xlsx atau .csv."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _(
                "Berkas bukan XLSX dan bukan teks CSV UTF-8. Bila berkas ini CSV, simpan ulang dari Excel "
                "dengan pilihan “CSV UTF-8”."
            )
        ) from None
    header_line = text.split("\n", 1)[0]
    # Excel in an Indonesian locale writes CSV with semicolons (the comma is the decimal separator).
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    try:
        return _build_dataset(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportFileError(_("Berkas CSV tidak dapat dibaca: %(alasan)s.") % {"alasan": exc}) from None


def normalize_header(value: Any) -> str:
    """ "Unit Kerja", "unit-kerja" and " UNIT_KERJA " all name the column ``unit_kerja``."""
    if value is None:
        return ""
    text = str(value).strip().casefold()
    return re.sub(r"[\s\-]+", "_", text)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _build_dataset(rows: Iterator[Iterable[Any]]) -> tablib.Dataset:
    header = next(rows, None)
    headers = [normalize_header(h) for h in header] if header is not None else []
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise ImportFileError(_("Baris 1 harus berisi nama kolom (lihat templat)."))
    seen: set[str] = set()
    for index, name in enumerate(headers):
        if not name:
            headers[index] = f"_kolom_{index + 1}"  # an unnamed column is ignored, but tablib needs a name
        elif name in seen:
            raise ImportFileError(_("Kolom %(kolom)s muncul lebih dari sekali di baris 1.") % {"kolom": name})
        seen.add(headers[index])

    width = len(headers)
    data: list[tuple] = []
    pending_blank = 0
    filled = 0
    for row in rows:
        values = tuple(row)[:width]
        if all(_is_blank(v) for v in values):
            # Kept (when followed by data) so that row numbers match the spreadsheet; trailing blank rows,
            # common in XLSX with formatted but empty cells, are dropped.
            pending_blank += 1
            continue
        filled += 1
        if filled > MAX_ROWS:
            raise ImportFileError(
                _("Berkas berisi lebih dari %(max)s baris data. Pecah menjadi beberapa berkas.")
                % {"max": number_format(MAX_ROWS, force_grouping=True)}
            )
        if pending_blank:
            data.extend([(None,) * width] * pending_blank)
            pending_blank = 0
        if len(values) < width:
            values = values + (None,) * (width - len(values))
        data.append(values)
    return tablib.Dataset(*data, headers=headers)


# --------------------------------------------------------------------------------------------------------
# Reading cell values
# --------------------------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    """A cell as single-spaced text (names are compared and stored this way)."""
    if value is None:
        return ""
    if type(value) is str:
        stripped = value.strip()
        # Most cells are already clean; skip the split/join (this runs ~250,000 times for a city's file).
        if "  " not in stripped and not _UNUSUAL_SPACE.search(stripped):
            return stripped
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).replace("\xa0", " ").split())


_UNUSUAL_SPACE = re.compile(r"[\t\n\r\x0b\x0c\xa0\u2000-\u200a\u3000]")


class _CellError(ValueError):
    pass


def _nip_from_cell(value: Any, kolom: str) -> str:
    if isinstance(value, float):
        # Excel keeps 15 significant digits: an 18-digit NIP typed into a number cell has lost its tail.
        raise _CellError(
            _(
                "%(kolom)s tersimpan sebagai angka di Excel sehingga angka terakhirnya hilang. Format kolom "
                "%(kolom)s sebagai Teks lalu ketik ulang NIP-nya."
            )
            % {"kolom": kolom}
        )
    text = normalize_nip(_text(value))
    if re.fullmatch(r"\d+([.,]\d+)?[eE]\+?\d+", text):
        raise _CellError(
            _(
                "%(kolom)s tertulis dalam format ilmiah (%(nilai)s) karena kolomnya berformat angka di Excel. "
                "Format kolom sebagai Teks lalu ketik ulang NIP-nya."
            )
            % {"kolom": kolom, "nilai": text}
        )
    return text


# Titles printed before a name; compared without case and without the dot ("Drs.", "dr.", "Hj.").
_GELAR_DEPAN = {"prof", "dr", "drs", "dra", "ir", "h", "hj", "drg", "drh", "apt", "ns", "kh", "bc"}
# Degrees printed after a name without dots ("Budi Santoso SH"); dotted forms are recognised by shape.
_GELAR_BELAKANG_TANPA_TITIK = {
    "SH",
    "SE",
    "MM",
    "MH",
    "MT",
    "ST",
    "SPd",
    "MPd",
    "SKom",
    "MKom",
    "SSos",
    "MSi",
    "SIP",
    "SKM",
    "MKes",
    "AMd",
    "SKed",
    "SAg",
    "MAg",
    "SHut",
    "SP",
    "MP",
    "SIKom",
    "PhD",
    "MBA",
    "MSc",
    "BSc",
    "SAk",
    "MAk",
}
_DEPAN_RE = re.compile(r"(?:[A-Za-z]{1,4}\.)+")
_BELAKANG_RE = re.compile(r"[A-Za-z]{1,4}(?:\.[A-Za-z]{1,6})+\.?")


def _is_gelar_depan(token: str) -> bool:
    if not _DEPAN_RE.fullmatch(token):
        return False
    return all(part.casefold() in _GELAR_DEPAN for part in token.split(".") if part)


def _is_gelar_belakang(token: str) -> bool:
    return bool(_BELAKANG_RE.fullmatch(token)) or token in _GELAR_BELAKANG_TANPA_TITIK


def split_gelar(nama_tercetak: str) -> tuple[str, str, str]:
    """Split a name as printed into (gelar_depan, nama, gelar_belakang).

    "Drs. H. Cecep Supriatin M.Si." → ("Drs. H.", "Cecep Supriatin", "M.Si.");
    "Dr. Ir. Ani Rahmawati, S.T., M.T." → ("Dr. Ir.", "Ani Rahmawati", "S.T., M.T.").
    Everything after the first comma is gelar belakang (the Indonesian convention); without a comma only
    tokens shaped like a degree ("M.Si.", "S.Kom") or a known dotless one ("SH") are taken, so an initial
    such as "Cecep S." stays part of the name.
    """
    text = _text(nama_tercetak)
    head, _sep, tail = text.partition(",")
    belakang = [part.strip() for part in tail.split(",") if part.strip()]
    tokens = head.split()
    depan: list[str] = []
    while len(tokens) > 1 and _is_gelar_depan(tokens[0]):
        depan.append(tokens.pop(0))
    trailing: list[str] = []
    while len(tokens) > 1 and _is_gelar_belakang(tokens[-1]):
        trailing.insert(0, tokens.pop())
    return " ".join(depan), " ".join(tokens), ", ".join(trailing + belakang)


def _key(text: str) -> str:
    return " ".join(text.casefold().replace(".", " ").replace("_", " ").replace("-", " ").split())


_JENIS_JABATAN = {
    "jpt": (JenisJabatan.JPT, ""),
    "jabatan pimpinan tinggi": (JenisJabatan.JPT, ""),
    "pimpinan tinggi": (JenisJabatan.JPT, ""),
    "jpt pratama": (JenisJabatan.JPT, Jenjang.JPT_PRATAMA),
    "jpt madya": (JenisJabatan.JPT, Jenjang.JPT_MADYA),
    "jpt utama": (JenisJabatan.JPT, Jenjang.JPT_UTAMA),
    "jabatan pimpinan tinggi pratama": (JenisJabatan.JPT, Jenjang.JPT_PRATAMA),
    "jabatan pimpinan tinggi madya": (JenisJabatan.JPT, Jenjang.JPT_MADYA),
    "jabatan pimpinan tinggi utama": (JenisJabatan.JPT, Jenjang.JPT_UTAMA),
    "administrator": (JenisJabatan.ADMINISTRATOR, Jenjang.ADMINISTRATOR),
    "jabatan administrator": (JenisJabatan.ADMINISTRATOR, Jenjang.ADMINISTRATOR),
    "pengawas": (JenisJabatan.PENGAWAS, Jenjang.PENGAWAS),
    "jabatan pengawas": (JenisJabatan.PENGAWAS, Jenjang.PENGAWAS),
    "pelaksana": (JenisJabatan.PELAKSANA, Jenjang.PELAKSANA),
    "jabatan pelaksana": (JenisJabatan.PELAKSANA, Jenjang.PELAKSANA),
    # "Jabatan fungsional umum" is the pre-2019 name of pelaksana positions; old staff lists still use it.
    "jfu": (JenisJabatan.PELAKSANA, Jenjang.PELAKSANA),
    "jabatan fungsional umum": (JenisJabatan.PELAKSANA, Jenjang.PELAKSANA),
    "fungsional": (JenisJabatan.FUNGSIONAL, ""),
    "jabatan fungsional": (JenisJabatan.FUNGSIONAL, ""),
    "jf": (JenisJabatan.FUNGSIONAL, ""),
    "jft": (JenisJabatan.FUNGSIONAL, ""),
    "jabatan fungsional tertentu": (JenisJabatan.FUNGSIONAL, ""),
}
# Names that cover several jenis: "jabatan administrasi" (UU ASN) is administrator, pengawas and pelaksana.
_JENIS_AMBIGU = {"ja", "jabatan administrasi", "administrasi", "struktural", "jabatan struktural"}
# Fungsional positions carry their level at the end of the name ("Analis Kebijakan Ahli Muda").
_JENJANG_FUNGSIONAL = [
    ("ahli pertama", Jenjang.AHLI_PERTAMA),
    ("ahli muda", Jenjang.AHLI_MUDA),
    ("ahli madya", Jenjang.AHLI_MADYA),
    ("ahli utama", Jenjang.AHLI_UTAMA),
    ("pemula", Jenjang.PEMULA),
    ("terampil", Jenjang.TERAMPIL),
    ("mahir", Jenjang.MAHIR),
    ("penyelia", Jenjang.PENYELIA),
]
# Seniority of a jenis: the most senior row in a unit decides the unit's parent.
_SENIORITAS = {
    JenisJabatan.JPT: 0,
    JenisJabatan.ADMINISTRATOR: 1,
    JenisJabatan.PENGAWAS: 2,
    JenisJabatan.PELAKSANA: 3,
    JenisJabatan.FUNGSIONAL: 3,
}
_STRUKTURAL = {JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS}


def parse_jenis_jabatan(text: str, nama_jabatan: str = "") -> tuple[str, str]:
    """(jenis, jenjang) from a label such as "JPT Pratama", "Administrator" or "JF"; jenjang may be ""."""
    key = _key(text)
    if key in _JENIS_AMBIGU:
        raise _CellError(
            _(
                "Jenis jabatan “%(nilai)s” tidak cukup jelas: tulis JPT, Administrator, Pengawas, Pelaksana, "
                "atau Fungsional."
            )
            % {"nilai": text}
        )
    found = _JENIS_JABATAN.get(key)
    if found is None:
        raise _CellError(
            _("Jenis jabatan “%(nilai)s” tidak dikenal. Pilihan: JPT, Administrator, Pengawas, Pelaksana, Fungsional.")
            % {"nilai": text}
        )
    jenis, jenjang = found
    if jenis == JenisJabatan.FUNGSIONAL:
        nama = _key(nama_jabatan)
        for suffix, level in _JENJANG_FUNGSIONAL:
            if nama.endswith(suffix):
                jenjang = level
                break
    return str(jenis), str(jenjang)


_GOLONGAN_PNS_RE = re.compile(r"(IV|III|II|I|[1-4])\s*[/\-.]?\s*([A-E])")
_ARAB_KE_ROMAWI = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_GOLONGAN_PNS = {g.value for g in Golongan if "/" in g.value}
_GOLONGAN_PPPK = {g.value for g in Golongan if "/" not in g.value}


def parse_golongan(text: str, status: str) -> str:
    """ "III/a", "III-a", "IIIA", "3a" → "III/a"; PPPK golongan are roman numerals ("IX")."""
    compact = text.replace(" ", "").upper()
    match = _GOLONGAN_PNS_RE.fullmatch(compact)
    if match:
        value = f"{_ARAB_KE_ROMAWI.get(match[1], match[1])}/{match[2].lower()}"
        if value not in _GOLONGAN_PNS:
            raise _CellError(_("Golongan %(nilai)s tidak ada (I/a … IV/e).") % {"nilai": text})
        if status == StatusPegawai.PPPK:
            raise _CellError(
                _("Golongan PPPK ditulis dengan angka romawi tanpa ruang (misalnya IX), bukan %(nilai)s.")
                % {"nilai": text}
            )
        return value
    if compact in _GOLONGAN_PPPK:
        if status != StatusPegawai.PPPK:
            raise _CellError(
                _("Golongan PNS/CPNS ditulis lengkap dengan ruang (misalnya III/a), bukan %(nilai)s.") % {"nilai": text}
            )
        return compact
    raise _CellError(
        _("Golongan “%(nilai)s” tidak dikenal. Contoh: III/a, IV/b, atau IX untuk PPPK.") % {"nilai": text}
    )


_STATUS = {"pns": StatusPegawai.PNS, "cpns": StatusPegawai.CPNS, "pppk": StatusPegawai.PPPK, "p3k": StatusPegawai.PPPK}

_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d")


def parse_tanggal(value: Any) -> datetime.date:
    """A date as Excel stores it, or written as YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel

        # An Excel date serial (days since 1899-12-30) in a cell without a date format.
        if 1 <= value <= 2958465:
            return from_excel(value).date()
    else:
        text = _text(value)
        # "2010-03-01 00:00:00" is how some tools export a date-only cell.
        text = re.sub(r"[ T]00:00(:00)?$", "", text)
        for fmt in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    raise _CellError(
        _("Tanggal “%(nilai)s” tidak dikenali. Tulis seperti 2010-03-01 atau 01-03-2010.") % {"nilai": _text(value)}
    )


# --------------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------------


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class RowOutcome:
    """What a valid row does: ``kind`` is NEW, UPDATE or SKIP (nothing changes)."""

    number: int
    kind: str
    nip: str
    nama: str
    jabatan: str
    unit_kerja: str
    perangkat_daerah: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class RowError:
    """Why a row cannot be imported. ``messages`` pairs a column name ("" for the row) with a message."""

    number: int
    messages: list[tuple[str, str]]
    values: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return _("Baris %(nomor)s: %(pesan)s") % {"nomor": self.number, "pesan": " ".join(m for _k, m in self.messages)}


@dataclass
class ImportResult:
    dry_run: bool
    file_name: str = ""
    total_rows: int = 0
    rows: list[RowOutcome] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    opd_baru: int = 0
    unit_baru: int = 0
    unit_diubah: int = 0
    jabatan_baru: int = 0
    jabatan_diubah: int = 0
    akun_baru: int = 0
    saved: bool = False

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors or self.errors)

    def _count(self, kind: str) -> int:
        return sum(1 for row in self.rows if row.kind == kind)

    @property
    def baru(self) -> int:
        return self._count(NEW)

    @property
    def diubah(self) -> int:
        return self._count(UPDATE)

    @property
    def tetap(self) -> int:
        return self._count(SKIP)

    @property
    def changed_rows(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.kind != SKIP]

    def error_lines(self) -> list[str]:
        return list(self.file_errors) + [str(error) for error in self.errors]

    def summary(self) -> str:
        return _(
            "%(total)s baris: %(baru)s pegawai baru, %(diubah)s diubah, %(tetap)s tetap; %(opd)s perangkat daerah, "
            "%(unit)s unit kerja dan %(jabatan)s jabatan baru."
        ) % {
            "total": self.total_rows,
            "baru": self.baru,
            "diubah": self.diubah,
            "tetap": self.tetap,
            "opd": self.opd_baru,
            "unit": self.unit_baru,
            "jabatan": self.jabatan_baru,
        }


# --------------------------------------------------------------------------------------------------------
# Planning: validate every row against the file and the database, in memory
# --------------------------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Opd:
    obj: PerangkatDaerah
    new: bool = False


@dataclass(eq=False)
class _Unit:
    obj: UnitKerja
    opd: _Opd
    parent: _Unit | None
    new: bool = False
    parent_changed: bool = False


@dataclass(eq=False)
class _Jabatan:
    obj: Jabatan
    unit: _Unit
    parent: _Jabatan | None
    jenis: str
    jenjang: str
    new: bool = False
    jenis_row: int = 0  # the file row that fixed jenis, for conflict messages
    changed: set[str] = field(default_factory=set)


_UNCHANGED = object()


@dataclass(eq=False)
class _Row:
    number: int
    nip: str
    info: NipInfo
    nama: str
    gelar_depan: str
    gelar_belakang: str
    status: str | None
    golongan: str | None
    tmt: datetime.date | None
    jabatan: _Jabatan
    nip_atasan: str
    existing: Pegawai | None
    values: dict[str, str]
    atasan_override: Any = _UNCHANGED  # a NIP, None (clear), or _UNCHANGED
    updates: dict[str, Any] = field(default_factory=dict)


class _Planner:
    def __init__(self, dataset: tablib.Dataset, scope: set[int] | None, result: ImportResult):
        self.dataset = dataset
        self.scope = scope
        self.result = result
        self.errors: dict[int, RowError] = {}
        self.rows: list[_Row] = []
        self.rows_by_nip: dict[str, _Row] = {}
        self.file_nips: dict[str, int] = {}
        self.valid_nips: set[str] = set()
        self.invalid_with_atasan: list[tuple[int, str, dict[str, str]]] = []
        self.opd_nodes: dict[str, _Opd] = {}
        self.opd_by_pk: dict[int, _Opd] = {}
        self.unit_nodes: dict[tuple[int, str], _Unit] = {}
        self.unit_by_pk: dict[int, _Unit] = {}
        self.jabatan_nodes: dict[tuple[int, str], _Jabatan] = {}
        self.jabatan_by_pk: dict[int, _Jabatan] = {}
        self.new_units: list[_Unit] = []
        self.new_jabatan: list[_Jabatan] = []
        self.new_opds: list[_Opd] = []

    # -- errors ------------------------------------------------------------------------------------------

    def _error(self, number: int, column: str, message: str, values: dict[str, str] | None = None) -> None:
        error = self.errors.get(number)
        if error is None:
            error = self.errors[number] = RowError(number=number, messages=[], values=values or {})
        error.messages.append((column, message))

    # -- preloading ----------------------------------------------------------------------------------------

    def _preload(self, nips: set[str]) -> None:
        # Lowest pk last, so when two names differ only in case the oldest record wins the lookup.
        self.opd_objs = {o.pk: o for o in PerangkatDaerah.objects.order_by("-pk")}
        self.opd_lookup: dict[str, PerangkatDaerah] = {}
        # Matched by name first, then kode, then singkatan, so "Disdik" finds "Dinas Pendidikan".
        for attr in ("singkatan", "kode", "nama"):
            for opd in self.opd_objs.values():
                value = getattr(opd, attr)
                if value:
                    self.opd_lookup[_text(value).casefold()] = opd
        self.kode_taken = {opd.kode.casefold() for opd in self.opd_objs.values()}
        self.units = {u.pk: u for u in UnitKerja.objects.order_by("-pk")}
        self.unit_lookup = {(u.perangkat_daerah_id, _text(u.nama).casefold()): u for u in self.units.values()}
        self.jabatans = {j.pk: j for j in Jabatan.objects.all().order_by("-pk")}
        self.jabatan_lookup = {(j.unit_kerja_id, _text(j.nama).casefold()): j for j in self.jabatans.values()}
        self.existing: dict[str, Pegawai] = {}
        nip_list = sorted(nips)
        for start in range(0, len(nip_list), 5000):
            for peg in Pegawai.objects.filter(nip__in=nip_list[start : start + 5000]).order_by():
                self.existing[peg.nip] = peg
        self.users: dict[str, tuple[int, int | None]] = {}
        for start in range(0, len(nip_list), 5000):
            chunk = nip_list[start : start + 5000]
            for username, pk, pegawai_id in User.objects.filter(username__in=chunk).values_list(
                "username", "pk", "pegawai__id"
            ):
                self.users[username] = (pk, pegawai_id)

    def _opd_of_pk(self, pk: int) -> _Opd:
        node = self.opd_by_pk.get(pk)
        if node is None:
            node = self.opd_by_pk[pk] = _Opd(obj=self.opd_objs[pk])
        return node

    @staticmethod
    def _chain(pk: int, objs: dict, nodes: dict) -> list[int]:
        """``pk`` and its ancestors that have no node yet, bottom-up (iterative: a tree may be deep)."""
        chain: list[int] = []
        while pk and pk not in nodes and pk not in chain:
            chain.append(pk)
            pk = objs[pk].parent_id
        return chain

    def _unit_of_pk(self, pk: int) -> _Unit:
        for upk in reversed(self._chain(pk, self.units, self.unit_by_pk)):
            obj = self.units[upk]
            self.unit_by_pk[upk] = _Unit(
                obj=obj,
                opd=self._opd_of_pk(obj.perangkat_daerah_id),
                # None also when the parent is still unbuilt: only a (corrupt) cycle in the database does that.
                parent=self.unit_by_pk.get(obj.parent_id),
            )
        return self.unit_by_pk[pk]

    def _jabatan_of_pk(self, pk: int) -> _Jabatan:
        for jpk in reversed(self._chain(pk, self.jabatans, self.jabatan_by_pk)):
            obj = self.jabatans[jpk]
            self.jabatan_by_pk[jpk] = _Jabatan(
                obj=obj,
                unit=self._unit_of_pk(obj.unit_kerja_id),
                parent=self.jabatan_by_pk.get(obj.parent_id),
                jenis=obj.jenis,
                jenjang=obj.jenjang,
            )
        return self.jabatan_by_pk[pk]

    # -- resolving organisation names ---------------------------------------------------------------------

    def _resolve_opd(self, nama: str) -> _Opd | None:
        key = nama.casefold()
        node = self.opd_nodes.get(key)
        if node is not None:
            return node
        obj = self.opd_lookup.get(key)
        if obj is not None:
            node = self._opd_of_pk(obj.pk)
        elif self.scope is not None:
            return None
        else:
            node = _Opd(obj=PerangkatDaerah(nama=nama, kode=self._new_kode(nama)), new=True)
            self.new_opds.append(node)
        self.opd_nodes[key] = node
        return node

    def _new_kode(self, nama: str) -> str:
        """A unique kode for a new OPD from its initials ("Badan Kepegawaian dan Pengembangan Sumber Daya
        Manusia" → "BKPSDM"); admins may change it later."""
        words = [w for w in re.split(r"[^0-9A-Za-z]+", nama) if w and w.casefold() not in {"dan", "serta"}]
        base = "".join(w[0] for w in words).upper()[:16] or "OPD"
        kode, n = base, 1
        while kode.casefold() in self.kode_taken:
            n += 1
            kode = f"{base}{n}"
        self.kode_taken.add(kode.casefold())
        return kode

    def _resolve_unit(self, opd: _Opd, nama: str) -> _Unit:
        key = (id(opd), nama.casefold())
        node = self.unit_nodes.get(key)
        if node is not None:
            return node
        obj = None if opd.new else self.unit_lookup.get((opd.obj.pk, nama.casefold()))
        if obj is not None:
            node = self._unit_of_pk(obj.pk)
        else:
            node = _Unit(obj=UnitKerja(nama=nama), opd=opd, parent=None, new=True)
            self.new_units.append(node)
        self.unit_nodes[key] = node
        return node

    def _resolve_jabatan(self, unit: _Unit, nama: str, jenis: str, jenjang: str, number: int) -> _Jabatan | str:
        key = (id(unit), nama.casefold())
        node = self.jabatan_nodes.get(key)
        if node is None:
            obj = None if unit.new else self.jabatan_lookup.get((unit.obj.pk, nama.casefold()))
            if obj is not None:
                node = self._jabatan_of_pk(obj.pk)
            else:
                node = _Jabatan(
                    obj=Jabatan(nama=nama, jenis=jenis, jenjang=jenjang),
                    unit=unit,
                    parent=None,
                    jenis=jenis,
                    jenjang=jenjang,
                    new=True,
                    jenis_row=number,
                )
                self.new_jabatan.append(node)
            self.jabatan_nodes[key] = node
        if node.jenis_row and node.jenis != jenis:
            return _("Jabatan “%(jabatan)s” di %(unit)s sudah ditulis berjenis %(jenis)s pada baris %(baris)s.") % {
                "jabatan": nama,
                "unit": unit.obj.nama,
                "jenis": JenisJabatan(node.jenis).label,
                "baris": node.jenis_row,
            }
        if not node.jenis_row:
            node.jenis_row = number
            if node.jenis != jenis:
                node.jenis = jenis
                node.changed.add("jenis")
                if node.jenjang and not jenjang and not _jenjang_fits(jenis, node.jenjang):
                    node.jenjang = ""
                    node.changed.add("jenjang")
            if jenjang and node.jenjang != jenjang:
                node.jenjang = jenjang
                node.changed.add("jenjang")
        return node

    # -- pass 1: each row on its own ----------------------------------------------------------------------

    def run(self) -> None:
        headers = [normalize_header(h) for h in (self.dataset.headers or [])]
        missing = [c for c in REQUIRED_COLUMNS if c not in headers]
        if missing:
            self.result.file_errors.append(
                _("Kolom wajib tidak ada di baris 1: %(kolom)s. Gunakan templat impor.") % {"kolom": ", ".join(missing)}
            )
            return
        unknown = [h for h in headers if h not in COLUMNS and not h.startswith("_kolom_")]
        if unknown:
            self.result.warnings.append(
                _("Kolom berikut tidak dikenal dan diabaikan: %(kolom)s.") % {"kolom": ", ".join(unknown)}
            )

        positions = [(c, headers.index(c)) for c in COLUMNS if c in headers]
        records: list[tuple[int, dict[str, Any]]] = []
        nips: set[str] = set()
        for index, values in enumerate(self.dataset):
            if all(_is_blank(v) for v in values):
                continue
            record = {c: values[i] for c, i in positions}
            records.append((index + FIRST_DATA_ROW, record))
            for column in ("nip", "nip_atasan"):
                value = record.get(column)
                if isinstance(value, str | int):
                    nips.add(normalize_nip(_text(value)))
        self.result.total_rows = len(records)
        if not records:
            self.result.file_errors.append(_("Berkas tidak berisi baris data di bawah baris judul."))
            return

        self._preload(nips)
        for number, record in records:
            self._plan_row(number, record)
        self._resolve_atasan()
        self._assign_unit_parents()
        self._outcomes()
        self.result.errors = [self.errors[n] for n in sorted(self.errors)]

    def _plan_row(self, number: int, record: dict[str, Any]) -> None:
        values = {c: _text(v) if not isinstance(v, datetime.date) else v.isoformat() for c, v in record.items()}
        errors: list[tuple[str, str]] = []

        def fail(column: str, message: str) -> None:
            errors.append((column, message))

        for column in REQUIRED_COLUMNS:
            if column != "nip" and not values.get(column):
                fail(column, _("Kolom %(kolom)s wajib diisi.") % {"kolom": column})

        nip, info = "", None
        try:
            nip = _nip_from_cell(record.get("nip"), "nip")
            info = parse_nip(nip)
        except (_CellError, NipError) as exc:
            fail("nip", str(exc))
        if nip:
            first = self.file_nips.get(nip)
            if first is not None:
                fail("nip", _("NIP %(nip)s sudah ada di baris %(baris)s.") % {"nip": nip, "baris": first})
            else:
                self.file_nips[nip] = number

        gelar_depan = gelar_belakang = nama = ""
        if values.get("nama"):
            gelar_depan, nama, gelar_belakang = split_gelar(values["nama"])
            gelar_depan = values.get("gelar_depan") or gelar_depan
            gelar_belakang = values.get("gelar_belakang") or gelar_belakang
            for column, value, limit in (
                ("nama", nama, 200),
                ("gelar_depan", gelar_depan, 50),
                ("gelar_belakang", gelar_belakang, 80),
            ):
                if len(value) > limit:
                    fail(
                        column,
                        _("%(kolom)s terlalu panjang (paling banyak %(max)s huruf).") % {"kolom": column, "max": limit},
                    )

        jenis = jenjang = ""
        if values.get("jenis_jabatan"):
            try:
                jenis, jenjang = parse_jenis_jabatan(values["jenis_jabatan"], values.get("jabatan", ""))
            except _CellError as exc:
                fail("jenis_jabatan", str(exc))
        for column, limit in (("jabatan", 255), ("unit_kerja", 200), ("perangkat_daerah", 200)):
            if len(values.get(column, "")) > limit:
                fail(
                    column,
                    _("%(kolom)s terlalu panjang (paling banyak %(max)s huruf).") % {"kolom": column, "max": limit},
                )

        existing = self.existing.get(nip) if nip else None

        status: str | None = None
        if values.get("status"):
            status = _STATUS.get(values["status"].casefold())
            if status is None:
                fail(
                    "status",
                    _("Status “%(nilai)s” tidak dikenal: isi PNS, CPNS, atau PPPK.") % {"nilai": values["status"]},
                )
        if info is not None:
            if status is None and not values.get("status"):
                keep = existing.status if existing is not None else None
                derived = StatusPegawai.PPPK if info.is_pppk else StatusPegawai.PNS
                consistent = keep and (keep == StatusPegawai.PPPK) == info.is_pppk
                effective = keep if consistent else derived
                status = None if consistent else str(derived)
            else:
                effective = status
            if effective and info.is_pppk and effective != StatusPegawai.PPPK:
                fail(
                    "status",
                    _("NIP %(nip)s adalah nomor induk PPPK (kode 21), jadi statusnya harus PPPK.") % {"nip": nip},
                )
            elif effective == StatusPegawai.PPPK and not info.is_pppk:
                fail("status", _("Status PPPK memerlukan nomor induk PPPK (angka ke-13–14 = 21)."))
        else:
            effective = status

        golongan: str | None = None
        if values.get("golongan") and effective:
            try:
                golongan = parse_golongan(values["golongan"], effective)
            except _CellError as exc:
                fail("golongan", str(exc))

        tmt: datetime.date | None = None
        if not _is_blank(record.get("tmt_cpns")):
            try:
                tmt = parse_tanggal(record["tmt_cpns"])
            except _CellError as exc:
                fail("tmt_cpns", str(exc))
            else:
                if info is not None and tmt.year < info.tanggal_lahir.year + 18:
                    fail(
                        "tmt_cpns",
                        _("TMT %(tmt)s terlalu dekat dengan tanggal lahir di NIP.") % {"tmt": tmt.isoformat()},
                    )

        nip_atasan = ""
        if not _is_blank(record.get("nip_atasan")):
            try:
                nip_atasan = _nip_from_cell(record["nip_atasan"], "nip_atasan")
                # The same atasan appears on many rows: decode each NIP once.
                if nip_atasan not in self.valid_nips:
                    parse_nip(nip_atasan)
                    self.valid_nips.add(nip_atasan)
            except (_CellError, NipError) as exc:
                fail("nip_atasan", _("NIP atasan tidak valid: %(alasan)s") % {"alasan": exc})
                nip_atasan = ""
            if nip_atasan and nip_atasan == nip:
                fail("nip_atasan", _("Pegawai tidak dapat menjadi atasan dirinya sendiri."))
                nip_atasan = ""

        if existing is not None and self.scope is not None:
            current = self.jabatans.get(existing.jabatan_id)
            opd_id = self.units[current.unit_kerja_id].perangkat_daerah_id if current else None
            if opd_id not in self.scope:
                fail(
                    "nip",
                    _("NIP %(nip)s terdaftar di perangkat daerah lain; mutasi antar-OPD dilakukan oleh BKPSDM.")
                    % {"nip": nip},
                )
        if nip and nip in self.users:
            _user_pk, owner = self.users[nip]
            if owner is not None and (existing is None or owner != existing.pk):
                fail("nip", _("Akun dengan NIP %(nip)s sudah dipakai pegawai lain.") % {"nip": nip})

        opd = None
        if values.get("perangkat_daerah"):
            opd = self._resolve_opd(values["perangkat_daerah"])
            if opd is None or (self.scope is not None and opd.obj.pk not in self.scope):
                fail(
                    "perangkat_daerah",
                    _("Perangkat daerah “%(nama)s” bukan OPD yang Anda kelola.") % {"nama": values["perangkat_daerah"]},
                )
                opd = None

        if errors or info is None or opd is None:
            for column, message in errors:
                self._error(number, column, message, values)
            if nip_atasan:
                # Still checked once every NIP of the file is known, so the row lists all its problems.
                self.invalid_with_atasan.append((number, nip_atasan, values))
            return

        unit = self._resolve_unit(opd, values["unit_kerja"])
        jabatan = self._resolve_jabatan(unit, values["jabatan"], jenis, jenjang, number)
        if isinstance(jabatan, str):
            self._error(number, "jenis_jabatan", jabatan, values)
            return
        row = _Row(
            number=number,
            nip=nip,
            info=info,
            nama=nama,
            gelar_depan=gelar_depan,
            gelar_belakang=gelar_belakang,
            status=status,
            golongan=golongan,
            tmt=tmt,
            jabatan=jabatan,
            nip_atasan=nip_atasan,
            existing=existing,
            values=values,
        )
        self.rows.append(row)
        self.rows_by_nip[nip] = row

    # -- pass 2: atasan, supervision tree -----------------------------------------------------------------

    def _unknown_atasan(self, number: int, nip_atasan: str, values: dict[str, str]) -> None:
        self._error(
            number,
            "nip_atasan",
            _("NIP atasan %(nip)s tidak ditemukan di berkas ini maupun di data pegawai.") % {"nip": nip_atasan},
            values,
        )

    def _resolve_atasan(self) -> None:
        for number, nip_atasan, values in self.invalid_with_atasan:
            if nip_atasan not in self.file_nips and nip_atasan not in self.existing:
                self._unknown_atasan(number, nip_atasan, values)
        atasan_jabatan: dict[int, _Jabatan] = {}
        for row in self.rows:
            if not row.nip_atasan:
                continue
            atasan_row = self.rows_by_nip.get(row.nip_atasan)
            if atasan_row is not None:
                atasan_jabatan[id(row)] = atasan_row.jabatan
            elif row.nip_atasan in self.file_nips:
                continue  # that row is invalid and already reported
            elif row.nip_atasan in self.existing:
                atasan_jabatan[id(row)] = self._jabatan_of_pk(self.existing[row.nip_atasan].jabatan_id)
            else:
                self._unknown_atasan(row.number, row.nip_atasan, row.values)

        in_cycle = self._atasan_cycles()
        self.atasan_of_row: list[tuple[_Row, _Jabatan]] = []
        for row in self.rows:
            target = atasan_jabatan.get(id(row))
            if target is None or row.number in self.errors or row.nip in in_cycle:
                continue
            own = row.jabatan
            if own.parent is None and target is not own:
                if self._reaches(target, own):
                    self._error(
                        row.number,
                        "nip_atasan",
                        _("Atasan %(nip)s membuat rantai jabatan atasan melingkar (jabatan %(jabatan)s).")
                        % {"nip": row.nip_atasan, "jabatan": own.obj.nama},
                        row.values,
                    )
                    continue
                own.parent = target
                own.changed.add("parent")
            if own.parent is target and target.jenis in _STRUKTURAL:
                # The holder of a structural position is unique, so the atasan follows from the position.
                row.atasan_override = None
            else:
                # The position already reports elsewhere, or the atasan holds a shared (formasi) position:
                # name the atasan explicitly (DOMAIN.md §2, "an explicit override per pegawai is allowed").
                row.atasan_override = row.nip_atasan
            self.atasan_of_row.append((row, target))

    def _atasan_cycles(self) -> set[str]:
        """NIPs on a cycle of the file's nip → nip_atasan graph; each such row is reported."""
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done
        cyclic: set[str] = set()
        for start in self.rows_by_nip:
            path: list[str] = []
            nip = start
            while nip in self.rows_by_nip and state.get(nip) is None:
                state[nip] = 1
                path.append(nip)
                nip = self.rows_by_nip[nip].nip_atasan
            if state.get(nip) == 1:
                loop = path[path.index(nip) :]
                cyclic.update(loop)
                chain = " → ".join(loop + [nip])
                for member in loop:
                    self._error(
                        self.rows_by_nip[member].number,
                        "nip_atasan",
                        _("Rantai atasan melingkar: %(rantai)s.") % {"rantai": chain},
                        self.rows_by_nip[member].values,
                    )
            for member in path:
                state[member] = 2
        return cyclic

    @staticmethod
    def _reaches(start: _Jabatan | _Unit, target: _Jabatan | _Unit) -> bool:
        node, seen = start, set()
        while node is not None and id(node) not in seen:
            if node is target:
                return True
            seen.add(id(node))
            node = node.parent
        return False

    def _assign_unit_parents(self) -> None:
        proposals: dict[int, tuple[tuple[int, int], _Unit, _Unit]] = {}
        for row, target in self.atasan_of_row:
            if row.number in self.errors:
                continue
            unit, atasan_unit = row.jabatan.unit, target.unit
            if unit.parent is not None or atasan_unit is unit or atasan_unit.opd is not unit.opd:
                continue
            # The most senior row of a unit (its head) decides the parent, so the result does not depend on
            # the order of the rows.
            rank = (_SENIORITAS.get(row.jabatan.jenis, 9), row.number)
            current = proposals.get(id(unit))
            if current is None or rank < current[0]:
                proposals[id(unit)] = (rank, unit, atasan_unit)
        for _rank, unit, parent in sorted(proposals.values(), key=lambda p: p[0]):
            if not self._reaches(parent, unit):
                unit.parent = parent
                unit.parent_changed = True

    # -- pass 3: what happens to each pegawai -------------------------------------------------------------

    def _outcomes(self) -> None:
        override_ids = {row.existing.atasan_override_id for row in self.rows if row.existing is not None}
        override_ids.discard(None)
        nip_of_pk = {p.pk: p.nip for p in self.existing.values()}
        missing = override_ids - nip_of_pk.keys()
        if missing:
            nip_of_pk.update(Pegawai.objects.filter(pk__in=missing).values_list("pk", "nip"))

        labels = {f.name: str(f.verbose_name) for f in Pegawai._meta.get_fields() if hasattr(f, "verbose_name")}
        for row in self.rows:
            if row.number in self.errors:
                continue
            jab = row.jabatan
            outcome = RowOutcome(
                number=row.number,
                kind=NEW,
                nip=row.nip,
                nama=_nama_lengkap(row.gelar_depan, row.nama, row.gelar_belakang),
                jabatan=jab.obj.nama,
                unit_kerja=jab.unit.obj.nama,
                perangkat_daerah=jab.unit.opd.obj.nama,
            )
            peg = row.existing
            if peg is not None:
                planned = self._planned_values(row, peg)
                for name, value in planned.items():
                    if getattr(peg, name) != value:
                        row.updates[name] = value
                        outcome.changes.append(Change(labels[name], _display(getattr(peg, name)), _display(value)))
                if jab.new or jab.obj.pk != peg.jabatan_id:
                    row.updates["jabatan"] = jab
                    old = self.jabatans.get(peg.jabatan_id)
                    outcome.changes.append(Change(labels["jabatan"], old.nama if old else "—", jab.obj.nama))
                if row.atasan_override is not _UNCHANGED:
                    old_nip = nip_of_pk.get(peg.atasan_override_id) if peg.atasan_override_id else None
                    if old_nip != row.atasan_override:
                        row.updates["atasan_override"] = row.atasan_override
                        outcome.changes.append(
                            Change(labels["atasan_override"], old_nip or "—", row.atasan_override or "—")
                        )
                if peg.user_id is None:
                    row.updates["user"] = True
                    outcome.changes.append(Change(_("akun"), "—", row.nip))
                outcome.kind = UPDATE if outcome.changes else SKIP
            self.result.rows.append(outcome)

        self.result.opd_baru = len(self.new_opds)
        self.result.unit_baru = len(self.new_units)
        self.result.jabatan_baru = len(self.new_jabatan)
        self.result.unit_diubah = sum(1 for u in self.unit_by_pk.values() if u.parent_changed)
        self.result.jabatan_diubah = sum(1 for j in self.jabatan_by_pk.values() if j.changed)
        self.result.akun_baru = sum(
            1
            for row in self.rows
            if row.number not in self.errors
            and row.nip not in self.users
            and (row.existing is None or row.existing.user_id is None)
        )

    @staticmethod
    def _planned_values(row: _Row, peg: Pegawai | None) -> dict[str, Any]:
        """Field values after the import; a blank optional column keeps what an existing pegawai has."""
        values = {
            "nama": row.nama,
            "gelar_depan": row.gelar_depan,
            "gelar_belakang": row.gelar_belakang,
            # The NIP is the authority on birth date and sex (DOMAIN.md §2).
            "tanggal_lahir": row.info.tanggal_lahir,
            "jenis_kelamin": row.info.jenis_kelamin,
        }
        if row.status is not None:
            values["status"] = row.status
        elif peg is None:
            values["status"] = StatusPegawai.PPPK if row.info.is_pppk else StatusPegawai.PNS
        if row.golongan is not None:
            values["golongan"] = row.golongan
        elif peg is None:
            values["golongan"] = ""
        if row.tmt is not None:
            values["tmt_cpns"] = row.tmt
        elif peg is None:
            values["tmt_cpns"] = row.info.tmt
        return values

    # -- writing ------------------------------------------------------------------------------------------

    def write(self) -> None:
        PerangkatDaerah.objects.bulk_create([n.obj for n in self.new_opds])

        for level in _by_depth(self.new_units, _new_parent):
            for node in level:
                node.obj.perangkat_daerah_id = node.opd.obj.pk
                node.obj.parent_id = node.parent.obj.pk if node.parent else None
            UnitKerja.objects.bulk_create([n.obj for n in level])
        moved = [u for u in self.unit_by_pk.values() if u.parent_changed]
        for node in moved:
            node.obj.parent_id = node.parent.obj.pk
        UnitKerja.objects.bulk_update([n.obj for n in moved], ["parent"], batch_size=1000)

        for level in _by_depth(self.new_jabatan, _new_parent):
            for node in level:
                node.obj.unit_kerja_id = node.unit.obj.pk
                node.obj.parent_id = node.parent.obj.pk if node.parent else None
                node.obj.jenis, node.obj.jenjang = node.jenis, node.jenjang
            Jabatan.objects.bulk_create([n.obj for n in level], batch_size=2000)
        changed = [j for j in self.jabatan_by_pk.values() if j.changed]
        fields: set[str] = set()
        for node in changed:
            node.obj.parent_id = node.parent.obj.pk if node.parent else None
            node.obj.jenis, node.obj.jenjang = node.jenis, node.jenjang
            fields |= node.changed
        if changed:
            Jabatan.objects.bulk_update([n.obj for n in changed], sorted(fields), batch_size=1000)

        rows = [row for row in self.rows if row.number not in self.errors]
        needs_user = [row for row in rows if row.existing is None or "user" in row.updates]
        new_users = []
        for row in needs_user:
            if row.nip not in self.users:
                # An unusable password: the pegawai signs in after an admin or the reset flow sets one.
                # token_urlsafe is what make_password(None) does in spirit, at a fraction of the cost.
                new_users.append(User(username=row.nip, password=UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)))
        User.objects.bulk_create(new_users, batch_size=5000)
        user_pk = {u.username: u.pk for u in new_users}
        user_pk.update({nip: pk for nip, (pk, _owner) in self.users.items()})

        by_nip: dict[str, Pegawai] = dict(self.existing)
        new_rows = [row for row in rows if row.existing is None]
        for row in new_rows:
            values = self._planned_values(row, None)
            by_nip[row.nip] = Pegawai(nip=row.nip, user_id=user_pk[row.nip], jabatan_id=row.jabatan.obj.pk, **values)

        def new_atasan(row: _Row) -> _Row | None:
            target = row.atasan_override if isinstance(row.atasan_override, str) else None
            atasan_row = self.rows_by_nip.get(target) if target else None
            return atasan_row if atasan_row is not None and atasan_row.existing is None else None

        # A new pegawai may name another new pegawai as atasan_override: create the atasan first.
        for level in _by_depth(new_rows, new_atasan):
            objs = []
            for row in level:
                obj = by_nip[row.nip]
                if isinstance(row.atasan_override, str):
                    obj.atasan_override_id = by_nip[row.atasan_override].pk
                objs.append(obj)
            Pegawai.objects.bulk_create(objs, batch_size=5000)

        updated, fields = [], set()
        for row in rows:
            if row.existing is None or not row.updates:
                continue
            obj = row.existing
            for name, value in row.updates.items():
                if name == "jabatan":
                    obj.jabatan_id = value.obj.pk
                    fields.add("jabatan")
                elif name == "atasan_override":
                    obj.atasan_override_id = by_nip[value].pk if value else None
                    fields.add("atasan_override")
                elif name == "user":
                    obj.user_id = user_pk[row.nip]
                    fields.add("user")
                else:
                    setattr(obj, name, value)
                    fields.add(name)
            updated.append(obj)
        if updated:
            Pegawai.objects.bulk_update(updated, sorted(fields), batch_size=1000)


def _jenjang_fits(jenis: str, jenjang: str) -> bool:
    return jenjang in JENJANG_PER_JENIS[JenisJabatan(jenis)]


def _new_parent(node: _Unit | _Jabatan) -> _Unit | _Jabatan | None:
    return node.parent if node.parent is not None and node.parent.new else None


def _by_depth(items: list, parent_of) -> list[list]:
    """Group new objects so that the one each refers to (``parent_of``) is created in an earlier group: one
    INSERT per group, every row with its final reference, so no follow-up UPDATE and no extra audit event.
    The references are acyclic (the planner refuses cycles); iterative because a chain may be long."""
    depth: dict[int, int] = {}
    for item in items:
        path, current = [], item
        while id(current) not in depth:
            parent = parent_of(current)
            if parent is None:
                depth[id(current)] = 0
                break
            path.append(current)
            current = parent
        level = depth[id(current)]
        for node in reversed(path):
            level += 1
            depth[id(node)] = level
    grouped: dict[int, list] = {}
    for item in items:
        grouped.setdefault(depth[id(item)], []).append(item)
    return [grouped[d] for d in sorted(grouped)]


def _nama_lengkap(depan: str, nama: str, belakang: str) -> str:
    text = f"{depan} {nama}".strip()
    return f"{text}, {belakang}" if belakang else text


def _display(value: Any) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


# --------------------------------------------------------------------------------------------------------
# The service
# --------------------------------------------------------------------------------------------------------


def import_pegawai(
    dataset_or_file: Any,
    *,
    actor: User | None,
    dry_run: bool,
    perangkat_daerah_scope: Iterable[int] | None = None,
    file_name: str = "",
    request=None,
) -> ImportResult:
    """Validate ``dataset_or_file`` (a Dataset from ``read_dataset``, or bytes / a path / a file object) and,
    unless ``dry_run`` or any row is bad, write it in one transaction.

    ``perangkat_daerah_scope``: the OPD ids an admin OPD manages; rows of other OPDs, and pegawai currently in
    other OPDs, are errors. ``None`` means every OPD (admin BKPSDM, the command line). ``request``, when
    given, only adds its path and IP to the access log.
    """
    result = ImportResult(dry_run=dry_run, file_name=file_name)
    if isinstance(dataset_or_file, tablib.Dataset):
        dataset = dataset_or_file
    else:
        try:
            dataset = read_dataset(dataset_or_file)
        except ImportFileError as exc:
            result.file_errors.append(str(exc))
            return result
    scope = set(perangkat_daerah_scope) if perangkat_daerah_scope is not None else None

    try:
        with transaction.atomic():
            if not dry_run:
                # Two imports at once would both plan "create unit X"; the second waits and then sees the first.
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
            planner = _Planner(dataset, scope, result)
            planner.run()
            if dry_run or result.has_errors:
                return result
            with as_actor(actor, aksi="impor_pegawai", berkas=file_name[:200]):
                with connection.cursor() as cursor:
                    # Django declares foreign keys DEFERRABLE INITIALLY DEFERRED. Thousands of queued deferred
                    # checks make every pghistory trigger's own statements slower (each scans the queue), which
                    # turns a 20,000-row insert quadratic; checking them per statement keeps it linear. Safe
                    # because write() inserts every referenced row before the rows that refer to it.
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                planner.write()
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                catat_akses(
                    user=actor,
                    jenis=JenisAkses.IMPOR,
                    objek=_("Impor pegawai: %(berkas)s") % {"berkas": file_name or "-"},
                    request=request,
                    jumlah_baris=result.total_rows,
                )
            result.saved = True
    except IntegrityError as exc:
        # Someone changed the same data between our reads and writes (an admin form, another process).
        logger.warning("pegawai import rolled back: %s", exc)
        result.saved = False
        result.file_errors.append(
            _("Data berubah saat impor berjalan sehingga impor dibatalkan dan tidak ada yang disimpan. Ulangi impor.")
        )
    return result
