"""NIP (Nomor Induk Pegawai) decoding — DOMAIN.md §2. Pure functions, no database.

PNS:  YYYYMMDD (lahir) + YYYYMM (TMT CPNS) + G (1 laki-laki, 2 perempuan) + NNN (nomor urut)
PPPK: YYYYMMDD (lahir) + YYYY (tahun pengangkatan) + "21" + G + NNN
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

PPPK_CODE = "21"
#: An ASN is appointed at 18 at the earliest (UU ASN); a TMT before that is a typo.
USIA_MINIMUM_PENGANGKATAN = 18


class NipError(ValueError):
    """An invalid NIP; the message is Indonesian and fit to show to a user."""


@dataclass(frozen=True)
class NipInfo:
    nip: str
    tanggal_lahir: datetime.date
    tmt: datetime.date
    jenis_kelamin: str
    nomor_urut: int
    is_pppk: bool

    def __str__(self) -> str:
        return self.nip


def normalize_nip(raw: str) -> str:
    """Remove the spaces printed inside a NIP on documents ("19630408 199203 1 004")."""
    if not isinstance(raw, str):
        raw = "" if raw is None else str(raw)
    return "".join(raw.split())


def parse_nip(raw: str) -> NipInfo:
    nip = normalize_nip(raw)
    if not nip:
        raise NipError("NIP wajib diisi.")
    if not nip.isascii() or not nip.isdigit():
        raise NipError(f"NIP {nip!r} hanya boleh berisi angka.")
    if len(nip) != 18:
        raise NipError(f"NIP harus 18 angka, bukan {len(nip)}.")

    try:
        lahir = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipError(f"NIP {nip}: tanggal lahir {nip[6:8]}-{nip[4:6]}-{nip[0:4]} tidak ada.") from None
    if lahir.year < 1900:
        raise NipError(f"NIP {nip}: tahun lahir {lahir.year} tidak mungkin.")

    tahun_tmt = int(nip[8:12])
    kode_bulan = nip[12:14]
    is_pppk = kode_bulan == PPPK_CODE
    if is_pppk:
        bulan_tmt = 1
    else:
        bulan_tmt = int(kode_bulan)
        if not 1 <= bulan_tmt <= 12:
            raise NipError(f"NIP {nip}: bulan TMT {kode_bulan} tidak ada (01–12, atau 21 untuk PPPK).")
    if tahun_tmt < lahir.year + USIA_MINIMUM_PENGANGKATAN:
        raise NipError(
            f"NIP {nip}: TMT tahun {tahun_tmt} terlalu dekat dengan tahun lahir {lahir.year} "
            f"(usia minimal {USIA_MINIMUM_PENGANGKATAN} tahun)."
        )
    tmt = datetime.date(tahun_tmt, bulan_tmt, 1)

    kelamin = nip[14]
    if kelamin not in "12":
        raise NipError(f"NIP {nip}: angka jenis kelamin harus 1 (laki-laki) atau 2 (perempuan), bukan {kelamin}.")

    return NipInfo(
        nip=nip,
        tanggal_lahir=lahir,
        tmt=tmt,
        jenis_kelamin="L" if kelamin == "1" else "P",
        nomor_urut=int(nip[15:18]),
        is_pppk=is_pppk,
    )


def format_nip(nip: str) -> str:
    """Print a NIP the way documents do: ``19630408 199203 1 004``."""
    nip = normalize_nip(nip)
    if len(nip) != 18:
        return nip
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"
