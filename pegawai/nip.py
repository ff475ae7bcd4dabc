"""NIP (Nomor Induk Pegawai) decoding — docs/ATURAN.md. Pure functions, no database.

PNS:  YYYYMMDD (lahir) + YYYYMM (TMT CPNS) + G (1 laki-laki, 2 perempuan) + NNN (nomor urut)
PPPK: YYYYMMDD (lahir) + YYYY (tahun pengangkatan) + "21" + G + NNN
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

PPPK_CODE = "21"
#: An ASN is appointed at 18 at the earliest (UU ASN, docs/ATURAN.md); a TMT before that is a typo.
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


def usia_pada(lahir: datetime.date, tanggal: datetime.date) -> int:
    """Completed years of age on ``tanggal``. Someone born on 29 February turns a year older on 1 March of a
    common year (their birthday has not come on 28 February)."""
    return tanggal.year - lahir.year - ((tanggal.month, tanggal.day) < (lahir.month, lahir.day))


def parse_nip(raw: str, *, today: datetime.date | None = None) -> NipInfo:
    """Decode a NIP, or raise :class:`NipError`. ``today`` (default: today in the portal's time zone) is only
    used to refuse a birth date that has not come yet."""
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
    if lahir > (today or timezone.localdate()):
        raise NipError(f"NIP {nip}: tanggal lahir {lahir:%d-%m-%Y} belum terjadi.")

    tahun_tmt = int(nip[8:12])
    kode_bulan = nip[12:14]
    is_pppk = kode_bulan == PPPK_CODE
    if is_pppk:
        bulan_tmt = 1
    else:
        bulan_tmt = int(kode_bulan)
        if not 1 <= bulan_tmt <= 12:
            raise NipError(f"NIP {nip}: bulan TMT {kode_bulan} tidak ada (01–12, atau 21 untuk PPPK).")
    # Compare full dates: 18 on the TMT itself, not merely in its year. A PNS's TMT CPNS is the first day of the
    # month the NIP encodes. A PPPK's nomor induk holds only the year, so the TMT is taken as 1 January of it (the
    # date the import stores when no TMT is given, so a NIP accepted here also passes ``Pegawai.clean``). This
    # stricter end refuses no real nomor induk: a PPPK applicant is at least 20 (PP 49/2018 Pasal 16), so they are
    # over 18 on 1 January of any year they can be appointed in.
    try:
        tmt = datetime.date(tahun_tmt, bulan_tmt, 1)
    except ValueError:
        raise NipError(f"NIP {nip}: tahun TMT {tahun_tmt} tidak mungkin.") from None
    if usia_pada(lahir, tmt) < USIA_MINIMUM_PENGANGKATAN:
        raise NipError(
            f"NIP {nip}: pada TMT {tmt:%d-%m-%Y} usianya belum {USIA_MINIMUM_PENGANGKATAN} tahun "
            f"(lahir {lahir:%d-%m-%Y}); periksa tanggal lahir dan TMT."
        )

    kelamin = nip[14]
    if kelamin not in "12":
        raise NipError(f"NIP {nip}: angka jenis kelamin harus 1 (laki-laki) atau 2 (perempuan), bukan {kelamin}.")
    nomor_urut = int(nip[15:18])
    if nomor_urut == 0:
        raise NipError(f"NIP {nip}: nomor urut 000 tidak ada (nomor urut dimulai dari 001).")

    return NipInfo(
        nip=nip,
        tanggal_lahir=lahir,
        tmt=tmt,
        jenis_kelamin="L" if kelamin == "1" else "P",
        nomor_urut=nomor_urut,
        is_pppk=is_pppk,
    )


def format_nip(nip: str) -> str:
    """Print a NIP the way documents do: ``19630408 199203 1 004``."""
    nip = normalize_nip(nip)
    if len(nip) != 18:
        return nip
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"
