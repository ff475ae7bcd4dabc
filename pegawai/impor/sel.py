"""Reading the cells of an import row: text, NIP, gelar split off a printed name, jenis jabatan, golongan, status and
dates, each refused with a :class:`CellError` whose message tells the user how to fix the cell."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils.translation import gettext as _

from ..choices import GOLONGAN_PNS, GOLONGAN_PPPK, JenisJabatan, Jenjang, StatusPegawai, golongan_untuk_status
from ..nip import normalize_nip


def cell_text(value: Any) -> str:
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


class CellError(ValueError):
    """One cell cannot be read; the message is Indonesian and names the fix."""


def nip_from_cell(value: Any, kolom: str) -> str:
    if isinstance(value, float):
        # Excel keeps 15 significant digits: an 18-digit NIP typed into a number cell has lost its tail.
        raise CellError(
            _(
                "%(kolom)s tersimpan sebagai angka di Excel sehingga angka terakhirnya hilang. Format kolom "
                "%(kolom)s sebagai Teks lalu ketik ulang NIP-nya."
            )
            % {"kolom": kolom}
        )
    text = normalize_nip(cell_text(value))
    if re.fullmatch(r"\d+([.,]\d+)?[eE]\+?\d+", text):
        raise CellError(
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
    text = cell_text(nama_tercetak)
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
SENIORITAS = {
    JenisJabatan.JPT: 0,
    JenisJabatan.ADMINISTRATOR: 1,
    JenisJabatan.PENGAWAS: 2,
    JenisJabatan.PELAKSANA: 3,
    JenisJabatan.FUNGSIONAL: 3,
}
STRUKTURAL = {JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS}


def parse_jenis_jabatan(text: str, nama_jabatan: str = "") -> tuple[str, str]:
    """(jenis, jenjang) from a label such as "JPT Pratama", "Administrator" or "JF"; jenjang may be ""."""
    key = _key(text)
    if key in _JENIS_AMBIGU:
        raise CellError(
            _(
                "Jenis jabatan “%(nilai)s” tidak cukup jelas: tulis JPT, Administrator, Pengawas, Pelaksana, "
                "atau Fungsional."
            )
            % {"nilai": text}
        )
    found = _JENIS_JABATAN.get(key)
    if found is None:
        raise CellError(
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


def parse_golongan(text: str, status: str) -> str:
    """ "III/a", "III-a", "IIIA", "3a" → "III/a"; PPPK golongan are roman numerals ("IX")."""
    compact = text.replace(" ", "").upper()
    match = _GOLONGAN_PNS_RE.fullmatch(compact)
    if match:
        value = f"{_ARAB_KE_ROMAWI.get(match[1], match[1])}/{match[2].lower()}"
        if value not in GOLONGAN_PNS:
            raise CellError(_("Golongan %(nilai)s tidak ada (I/a … IV/e).") % {"nilai": text})
        if value not in golongan_untuk_status(status):
            raise CellError(
                _("Golongan PPPK ditulis dengan angka romawi tanpa ruang (misalnya IX), bukan %(nilai)s.")
                % {"nilai": text}
            )
        return value
    if compact in GOLONGAN_PPPK:
        if compact not in golongan_untuk_status(status):
            raise CellError(
                _("Golongan PNS/CPNS ditulis lengkap dengan ruang (misalnya III/a), bukan %(nilai)s.") % {"nilai": text}
            )
        return compact
    raise CellError(
        _("Golongan “%(nilai)s” tidak dikenal. Contoh: III/a, IV/b, atau I … XVII untuk PPPK.") % {"nilai": text}
    )


_YA = {"ya", "y", "1", "true", "benar", "mandiri"}
_TIDAK = {"tidak", "t", "0", "false", "salah", "bukan"}


def parse_ya_tidak(text: str) -> bool:
    """ "ya" / "tidak" (also Y/T, 1/0, TRUE/FALSE as a spreadsheet writes a checkbox)."""
    key = cell_text(text).casefold()
    if key in _YA:
        return True
    if key in _TIDAK:
        return False
    raise CellError(_("Isi “ya” atau “tidak”, bukan “%(nilai)s”.") % {"nilai": cell_text(text)})


STATUS_PEGAWAI = {
    "pns": StatusPegawai.PNS,
    "cpns": StatusPegawai.CPNS,
    "pppk": StatusPegawai.PPPK,
    "p3k": StatusPegawai.PPPK,
}

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
        text = cell_text(value)
        # "2010-03-01 00:00:00" is how some tools export a date-only cell.
        text = re.sub(r"[ T]00:00(:00)?$", "", text)
        for fmt in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    raise CellError(
        _("Tanggal “%(nilai)s” tidak dikenali. Tulis seperti 2010-03-01 atau 01-03-2010.") % {"nilai": cell_text(value)}
    )
