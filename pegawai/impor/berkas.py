"""Reading an uploaded import file (XLSX or CSV) into a Dataset, and the file's columns.

Uploaded files are untrusted: the type is decided by content (zip magic for XLSX, UTF-8 text for CSV), and an XLSX
is checked by :mod:`portal.ooxml` before openpyxl opens it (zip bombs, XML entities). Every refusal is an
:class:`ImportFileError` with an Indonesian message.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import closing
from typing import Any

import tablib
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from portal.ooxml import OoxmlDitolak, baris_lembar_kerja

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
    "unit_kerja_mandiri",
    "nip_atasan",
    "tmt_cpns",
    "tmt_jabatan",
)
REQUIRED_COLUMNS = ("nip", "nama", "jabatan", "jenis_jabatan", "unit_kerja", "perangkat_daerah")
#: The spreadsheet row of the first data row: row 1 holds the column names.
FIRST_DATA_ROW = 2

#: A city the size of Bandung has ~20,000 ASN; more than this in one file is a mistake or an attack.
MAX_ROWS = 50_000
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (wrong type, too large, unsafe, no header). Indonesian message."""


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


def _read_xlsx(data: bytes) -> tablib.Dataset:
    try:
        with closing(baris_lembar_kerja(data)) as rows:
            return _build_dataset(rows)
    except OoxmlDitolak as exc:
        raise ImportFileError(str(exc)) from None


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


def is_blank(value: Any) -> bool:
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
        if all(is_blank(v) for v in values):
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
