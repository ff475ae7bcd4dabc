"""Reading and checking an attendance file (the machines' export) before anything is written: every row is checked
and every bad row is named with its row number, so the admin fixes the file once (docs/ATURAN.md, "Disiplin").

The file is CSV (UTF-8, ``;`` or ``,`` as separator, decided by the header line) or XLSX (decided by the content:
an XLSX file is a ZIP archive, checked by :mod:`portal.ooxml` before openpyxl opens it). The first row names the
columns ``nip``, ``tanggal``, ``jam_masuk``, ``jam_pulang`` and ``keterangan`` in any order; other columns are
ignored. The keterangan is one of the five words ``hadir``, ``cuti``, ``sakit``, ``dinas luar`` and ``tanpa
keterangan``, in any case, with a space, an underscore or a hyphen between the words ("Dinas Luar", ``dinas_luar``);
abbreviations ("DL", "TK") are refused, because a machine's own codes differ between vendors and a wrong guess would
excuse a day."""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field

from portal.ooxml import OoxmlDitolak, baris_lembar_kerja
from portal.teks import ada_karakter_kendali

from ..choices import Keterangan
from ..errors import DisiplinError

KOLOM = ("nip", "tanggal", "jam_masuk", "jam_pulang", "keterangan")
#: One file holds at most this many rows (20,000 pegawai × 23 working days fits, with room).
BATAS_BARIS = 500_000
#: The upload limit of the import form: a 460,000-row CSV is about 25 MB.
BATAS_MB = 40
#: The earliest date an attendance row may carry: older rows are typing errors (a year 0202 or 1926).
TANGGAL_TERAWAL = datetime.date(2000, 1, 1)

_ZIP = b"PK\x03\x04"
#: NULL in COPY's text format.
_KOSONG = r"\N"
_KETERANGAN = {
    "hadir": Keterangan.HADIR,
    "cuti": Keterangan.CUTI,
    "sakit": Keterangan.SAKIT,
    "dinas luar": Keterangan.DINAS_LUAR,
    "tanpa keterangan": Keterangan.TANPA_KETERANGAN,
}
_PEMISAH_KATA = re.compile(r"[\s_-]+")
_NIP = re.compile(r"\d{18}")
_TANGGAL_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TANGGAL_ID = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_JAM = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?")


@dataclass
class Berkas:
    """The good rows of a file as lines of COPY's text format, or the bad ones (row number and reason)."""

    baris: list[str] = field(default_factory=list)
    galat: list[str] = field(default_factory=list)
    tanggal: set[datetime.date] = field(default_factory=set)

    @property
    def tanggal_awal(self) -> datetime.date | None:
        return min(self.tanggal, default=None)

    @property
    def tanggal_akhir(self) -> datetime.date | None:
        return max(self.tanggal, default=None)


class _BarisBuruk(Exception):
    pass


def _teks(nilai) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    teks = str(nilai).strip()
    if ada_karakter_kendali(teks):
        raise _BarisBuruk("berisi karakter kendali (karakter tak terlihat)")
    return teks


def _nip(nilai) -> str:
    if isinstance(nilai, float):
        # Excel keeps 15 significant digits: an 18-digit NIP typed as a number has lost its last three.
        raise _BarisBuruk("NIP tersimpan sebagai angka; format kolom NIP sebagai Teks")
    nip = _teks(nilai)
    if not _NIP.fullmatch(nip):
        raise _BarisBuruk(f"NIP '{nip[:30]}' tidak terdiri dari 18 angka")
    return nip


def _tanggal(nilai, hari_ini: datetime.date) -> datetime.date:
    if isinstance(nilai, datetime.datetime):
        tanggal = nilai.date()
    elif isinstance(nilai, datetime.date):
        tanggal = nilai
    else:
        teks = _teks(nilai)
        if cocok := _TANGGAL_ISO.fullmatch(teks):
            tahun, bulan, hari = map(int, cocok.groups())
        elif cocok := _TANGGAL_ID.fullmatch(teks):
            hari, bulan, tahun = map(int, cocok.groups())
        else:
            raise _BarisBuruk(f"tanggal '{teks[:30]}' tidak dikenali (tulis TTTT-BB-HH atau HH-BB-TTTT)")
        try:
            tanggal = datetime.date(tahun, bulan, hari)
        except ValueError:
            raise _BarisBuruk(f"tanggal '{teks}' tidak ada di kalender") from None
    if tanggal > hari_ini:
        raise _BarisBuruk(f"tanggal {tanggal:%d-%m-%Y} belum terjadi")
    if tanggal < TANGGAL_TERAWAL:
        raise _BarisBuruk(f"tanggal {tanggal:%d-%m-%Y} terlalu lampau")
    return tanggal


def _jam(nilai, kolom: str) -> datetime.time | None:
    if isinstance(nilai, datetime.datetime):
        return nilai.time().replace(microsecond=0)
    if isinstance(nilai, datetime.time):
        return nilai.replace(microsecond=0)
    teks = _teks(nilai)
    if not teks:
        return None
    cocok = _JAM.fullmatch(teks)
    try:
        if cocok is None:
            raise ValueError
        jam, menit, detik = int(cocok[1]), int(cocok[2]), int(cocok[3] or 0)
        return datetime.time(jam, menit, detik)
    except ValueError:
        raise _BarisBuruk(f"{kolom.replace('_', ' ')} '{teks[:20]}' bukan jam (tulis JJ:MM)") from None


def _keterangan(nilai) -> str:
    teks = _PEMISAH_KATA.sub(" ", _teks(nilai).lower()).strip()
    try:
        return _KETERANGAN[teks]
    except KeyError:
        raise _BarisBuruk(
            f"keterangan '{teks[:30]}' tidak dikenal (hadir, cuti, sakit, dinas luar, tanpa keterangan)"
        ) from None


def _baris_berkas(isi: bytes) -> Iterator[tuple]:
    """The rows of the file as tuples of cells, the header first."""
    if isi.startswith(_ZIP):
        yield from _baris_xlsx(isi)
        return
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DisiplinError("Berkas bukan XLSX atau CSV UTF-8. Simpan ulang sebagai CSV UTF-8 atau XLSX.") from None
    kepala = teks.split("\n", 1)[0]
    pemisah = ";" if kepala.count(";") > kepala.count(",") else ","
    try:
        yield from csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah)
    except csv.Error as exc:
        raise DisiplinError(f"Berkas CSV tidak dapat dibaca: {exc}.") from None


def _baris_xlsx(isi: bytes) -> Iterator[tuple]:
    try:
        with closing(baris_lembar_kerja(isi)) as baris:
            yield from baris
    except OoxmlDitolak as exc:
        raise DisiplinError(str(exc)) from None


def _kepala(baris: tuple) -> dict[str, int]:
    nama = [_PEMISAH_KATA.sub("_", str(sel or "").strip().lower()) for sel in baris]
    kurang = [k for k in KOLOM if k not in nama]
    if kurang:
        raise DisiplinError(
            f"Baris pertama harus memuat nama kolom {', '.join(KOLOM)}; tidak ada: {', '.join(kurang)}."
        )
    return {k: nama.index(k) for k in KOLOM}


def _dengan_memo(fungsi):
    """``fungsi`` of a cell, worked out once per distinct cell value (a month's file repeats 22 dates, a few hundred
    clock times and five words hundreds of thousands of times): its result, or the same refusal again."""
    ingat: dict = {}

    def baca(nilai):
        try:
            hasil, salah = ingat[nilai]
        except KeyError:
            try:
                hasil, salah = fungsi(nilai), None
            except _BarisBuruk as exc:
                hasil, salah = None, str(exc)
            ingat[nilai] = hasil, salah
        if salah is not None:
            raise _BarisBuruk(salah)
        return hasil

    return baca


def _teks_jam(jam: datetime.time | None) -> str:
    return _KOSONG if jam is None else jam.isoformat()


def baca_berkas(isi: bytes, pegawai: dict[str, tuple[int, int | None]], *, opd: set[int] | None) -> Berkas:
    """Every row of the file ``isi`` checked: ``pegawai`` maps each NIP to (pegawai id, current OPD id), ``opd``
    the OPDs whose pegawai the importing admin manages (``None``: all). A file that cannot be read at all (no
    header, not CSV or XLSX, too many rows) raises :class:`DisiplinError`; bad rows are in ``galat``. The good
    rows come out as lines of COPY's text format (pegawai id, tanggal, jam masuk, jam pulang, keterangan)."""
    from kinerja import waktu

    hari_ini = waktu.hari_ini()
    baris_berkas = _baris_berkas(isi)
    kepala = next(baris_berkas, None)
    if kepala is None:
        raise DisiplinError("Berkas kosong.")
    i_nip, i_tgl, i_masuk, i_pulang, i_ket = _kepala(kepala).values()
    lebar = max(i_nip, i_tgl, i_masuk, i_pulang, i_ket) + 1
    tanggal_dari = _dengan_memo(lambda nilai: _tanggal(nilai, hari_ini))
    masuk_dari = _dengan_memo(lambda nilai: _teks_jam(_jam(nilai, "jam_masuk")))
    pulang_dari = _dengan_memo(lambda nilai: _teks_jam(_jam(nilai, "jam_pulang")))
    keterangan_dari = _dengan_memo(_keterangan)
    hasil = Berkas()
    tambah = hasil.baris.append
    # (pegawai id, day) → the row it first appeared on; one integer per key keeps 440,000 keys small.
    pertama: dict[int, int] = {}
    for nomor, sel in enumerate(baris_berkas, start=2):
        if not sel or (sel[0] in (None, "") and all(s in (None, "") for s in sel)):
            continue  # an empty line (a trailing one, or a blank row in the sheet)
        if len(sel) < lebar:
            sel = (*sel, *[None] * (lebar - len(sel)))
        if nomor - 1 > BATAS_BARIS:
            raise DisiplinError(f"Berkas memuat lebih dari {BATAS_BARIS:,} baris. Pecah menjadi beberapa berkas.")
        try:
            nip = sel[i_nip]
            if nip not in pegawai:
                nip = _nip(nip)
                if nip not in pegawai:
                    raise _BarisBuruk(f"NIP {nip} tidak terdaftar sebagai pegawai")
            tanggal = tanggal_dari(sel[i_tgl])
            masuk = masuk_dari(sel[i_masuk])
            pulang = pulang_dari(sel[i_pulang])
            keterangan = keterangan_dari(sel[i_ket])
            # "HH:MM:SS" strings sort as the times do.
            if pulang < masuk and _KOSONG not in (masuk, pulang):
                raise _BarisBuruk(f"jam pulang {pulang[:5]} sebelum jam masuk {masuk[:5]}")
            pegawai_id, opd_id = pegawai[nip]
            if opd is not None and opd_id not in opd:
                raise _BarisBuruk(f"NIP {nip} bukan pegawai perangkat daerah Anda")
            kunci = pegawai_id * 1_000_000 + tanggal.toordinal()
            if kunci in pertama:
                raise _BarisBuruk(f"NIP {nip} tanggal {tanggal:%d-%m-%Y} sudah ada di baris {pertama[kunci]}")
        except _BarisBuruk as exc:
            hasil.galat.append(f"Baris {nomor}: {exc}.")
            continue
        pertama[kunci] = nomor
        hasil.tanggal.add(tanggal)
        tambah(f"{pegawai_id}\t{tanggal}\t{masuk}\t{pulang}\t{keterangan}\n")
    if not hasil.baris and not hasil.galat:
        raise DisiplinError("Berkas tidak memuat satu baris data pun.")
    return hasil
