"""Pure rules of the daily activity reports: the working-day calendar, the entry window, the month lock, minutes
and overlaps, evaluation periods, names and links of evidence, whether an IKI's realisasi is summed or stated. No
database access; the selectors load the calendar (week length and holidays) and pass it in. Tested as tables in
``tests/test_rules.py`` (the realisasi rule in ``tests/test_realisasi.py``)."""

from __future__ import annotations

import calendar
import datetime
import enum
import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from skp.choices import Aspek

from .choices import KebijakanTerlambat, PeriodeRealisasi

# A calendar walk never needs more than this many days: it bounds a search through a holiday table that
# (by a data-entry mistake) marks every day as a holiday, which would otherwise loop forever.
_BATAS_PENCARIAN_HARI = 366 * 2


# ---------------------------------------------------------------------------------------------------------------
# Working days
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kalender:
    """The working-day calendar of one unit: a 5-day (Monday–Friday) or 6-day (Monday–Saturday) week, minus
    national holidays and cuti bersama."""

    hari_per_minggu: int = 5
    libur: frozenset[datetime.date] = field(default_factory=frozenset)

    def __post_init__(self):
        if self.hari_per_minggu not in (5, 6):
            raise ValueError("hari_per_minggu harus 5 atau 6")

    def hari_kerja(self, tanggal: datetime.date) -> bool:
        # date.weekday(): Monday is 0, so a 5-day week is 0–4 and a 6-day week adds Saturday (5).
        return tanggal.weekday() < self.hari_per_minggu and tanggal not in self.libur


def hari_kerja_berikut(tanggal: datetime.date, n: int, kalender: Kalender) -> datetime.date:
    """The ``n``-th working day after ``tanggal`` (``n = 0``: ``tanggal`` itself, working day or not)."""
    if n < 0:
        raise ValueError("n tidak boleh negatif")
    hari, sisa = tanggal, n
    for _langkah in range(_BATAS_PENCARIAN_HARI):
        if sisa == 0:
            return hari
        hari += datetime.timedelta(days=1)
        if kalender.hari_kerja(hari):
            sisa -= 1
    raise ValueError("kalender tidak memiliki cukup hari kerja")


def hari_kerja_sebelum(tanggal: datetime.date, kalender: Kalender) -> datetime.date:
    """The last working day strictly before ``tanggal``."""
    hari = tanggal
    for _langkah in range(_BATAS_PENCARIAN_HARI):
        hari -= datetime.timedelta(days=1)
        if kalender.hari_kerja(hari):
            return hari
    raise ValueError("kalender tidak memiliki hari kerja")


def jumlah_hari_kerja(awal: datetime.date, akhir: datetime.date, kalender: Kalender) -> int:
    """Working days from ``awal`` to ``akhir``, both included (0 when ``akhir`` is before ``awal``)."""
    jumlah, hari = 0, awal
    while hari <= akhir:
        jumlah += kalender.hari_kerja(hari)
        hari += datetime.timedelta(days=1)
    return jumlah


def bulan_berikut(tahun: int, bulan: int) -> tuple[int, int]:
    return (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)


def hari_kerja_ke(tahun: int, bulan: int, n: int, kalender: Kalender) -> datetime.date:
    """The ``n``-th working day (1-based) of a month. A month with fewer working days gives the first working day
    after it: a deadline never falls before the month it belongs to has run out of working days."""
    if n < 1:
        raise ValueError("n minimal 1")
    return hari_kerja_berikut(datetime.date(tahun, bulan, 1) - datetime.timedelta(days=1), n, kalender)


def batas_verifikasi(tahun: int, bulan: int, n: int, kalender: Kalender) -> datetime.date:
    """The atasan's verification deadline for a month's activities: the ``n``-th working day of the next month
    (configurable, docs/ATURAN.md). The month locks the day after."""
    return hari_kerja_ke(*bulan_berikut(tahun, bulan), n, kalender)


def bulan_terkunci(
    tahun: int,
    bulan: int,
    hari_ini: datetime.date,
    n: int,
    kalender: Kalender,
    dibuka_sampai: datetime.date | None = None,
) -> bool:
    """True once the verification deadline of the month has passed — unless an admin reopened the month for
    this pegawai until ``dibuka_sampai`` (inclusive) and that day has not passed yet."""
    if dibuka_sampai is not None and hari_ini <= dibuka_sampai:
        return False
    return hari_ini > batas_verifikasi(tahun, bulan, n, kalender)


class StatusEntri(enum.Enum):
    TEPAT_WAKTU = "tepat_waktu"
    TERLAMBAT = "terlambat"
    MASA_DEPAN = "masa_depan"


def status_entri(tanggal: datetime.date, hari_ini: datetime.date, batas_hari: int, kalender: Kalender) -> StatusEntri:
    """Whether an activity of ``tanggal`` entered on ``hari_ini`` is on time: up to ``batas_hari`` working days
    after the activity date (inclusive). An activity on a weekend or holiday counts from the next working day."""
    if tanggal > hari_ini:
        return StatusEntri.MASA_DEPAN
    if jumlah_hari_kerja(tanggal + datetime.timedelta(days=1), hari_ini, kalender) > batas_hari:
        return StatusEntri.TERLAMBAT
    return StatusEntri.TEPAT_WAKTU


@dataclass(frozen=True)
class KeputusanEntri:
    diterima: bool
    terlambat: bool
    pesan: str = ""


def keputusan_entri(status: StatusEntri, kebijakan: str, *, bulan_dibuka: bool = False) -> KeputusanEntri:
    """Apply the late-entry policy. A month an admin reopened for the pegawai accepts late entries whatever the
    policy — that is what the reopening is for — but they are still flagged, because lateness is a reporting-
    discipline fact (docs/ATURAN.md) that a reopening does not erase."""
    if status is StatusEntri.MASA_DEPAN:
        return KeputusanEntri(False, False, _("Aktivitas tidak dapat dicatat untuk tanggal yang belum tiba."))
    if status is StatusEntri.TEPAT_WAKTU:
        return KeputusanEntri(True, False)
    if bulan_dibuka or kebijakan == KebijakanTerlambat.TANDAI:
        return KeputusanEntri(True, True)
    return KeputusanEntri(False, False, _("Batas waktu pencatatan aktivitas untuk tanggal ini sudah lewat."))


# ---------------------------------------------------------------------------------------------------------------
# Times and overlaps
# ---------------------------------------------------------------------------------------------------------------


def jam_bulat(jam: datetime.time) -> datetime.time:
    """Activities are recorded to the minute; seconds would only produce fractional minutes."""
    return jam.replace(second=0, microsecond=0, tzinfo=None)


def menit_antara(mulai: datetime.time, selesai: datetime.time) -> int:
    """Whole minutes from ``mulai`` to ``selesai`` on the same day; ``ValueError`` unless ``selesai`` is later."""
    a = mulai.hour * 60 + mulai.minute
    b = selesai.hour * 60 + selesai.minute
    if b <= a:
        raise ValueError("jam selesai harus setelah jam mulai")
    return b - a


def bertumpuk(
    mulai_a: datetime.time, selesai_a: datetime.time, mulai_b: datetime.time, selesai_b: datetime.time
) -> bool:
    """Half-open intervals: 08:00–09:00 and 09:00–10:00 touch but do not overlap (the database constraint uses
    the same ``[)`` bounds)."""
    return mulai_a < selesai_b and mulai_b < selesai_a


def cari_tumpang_tindih(
    mulai: datetime.time,
    selesai: datetime.time,
    lain: Iterable[tuple[Hashable, datetime.time, datetime.time]],
) -> list[Hashable]:
    """The keys of the intervals in ``lain`` that overlap ``mulai``–``selesai``."""
    return [key for key, m, s in lain if bertumpuk(mulai, selesai, m, s)]


# ---------------------------------------------------------------------------------------------------------------
# Free text: how long, and how to shorten it for a message
# ---------------------------------------------------------------------------------------------------------------

#: The longest uraian of one activity. A daily entry says what was done in a sentence or three; 1,000 characters
#: is about 150 words, more than any entry of the demo or the pilot needed, and still fits a card on a 360 px
#: phone, a row of the atasan's queue and a line of the monthly report without swamping them.
MAKS_URAIAN = 1000
#: The reason an activity is outside the SKP (a letter number, who ordered it) and the atasan's catatan (what to
#: fix): one or two sentences.
MAKS_ALASAN = 500
MAKS_CATATAN = 500
#: How a stated realisasi was reached and measured: a short explanation, not a report (the report is the evidence).
MAKS_PENJELASAN = 1000


def pesan_terlalu_panjang(nilai: str, maks: int, nama: str) -> str | None:
    """The message for a text over ``maks`` characters (``nama`` says which text, e.g. "Uraian"), else ``None``.
    It says by how much, so the pegawai knows what to cut."""
    if len(nilai) <= maks:
        return None
    return _("%(nama)s paling banyak %(maks)s karakter; yang ditulis %(n)s karakter (lebih %(lebih)s).") % {
        "nama": nama,
        "maks": f"{maks:,}".replace(",", "."),
        "n": f"{len(nilai):,}".replace(",", "."),
        "lebih": f"{len(nilai) - maks:,}".replace(",", "."),
    }


def ringkas_teks(teks: str, maks: int = 60) -> str:
    """``teks`` on one line, shortened to at most ``maks`` characters at a word boundary with "…" — a message
    that quotes an uraian must not cut it mid-word ("…dari 3 )")."""
    teks = " ".join(teks.split())
    if len(teks) <= maks:
        return teks
    potong = teks[: maks - 1]
    if teks[maks - 1] != " " and " " in potong:
        potong = potong[: potong.rindex(" ")]
    return potong.rstrip(" ,.;:-–") + "…"


# ---------------------------------------------------------------------------------------------------------------
# Evaluation periods
# ---------------------------------------------------------------------------------------------------------------

_BULAN_PER_PERIODE = {
    PeriodeRealisasi.BULANAN: 1,
    PeriodeRealisasi.TRIWULANAN: 3,
    PeriodeRealisasi.SEMESTERAN: 6,
    PeriodeRealisasi.TAHUNAN: 12,
}


def rentang_periode(tahun: int, periode: str, nomor: int | None = None) -> tuple[datetime.date, datetime.date]:
    """First and last day of period ``nomor`` (month 1–12, triwulan 1–4, semester 1–2; ignored for a year)."""
    if periode not in _BULAN_PER_PERIODE:
        raise ValueError(f"periode tidak dikenal: {periode}")
    lebar = _BULAN_PER_PERIODE[periode]
    if periode == PeriodeRealisasi.TAHUNAN:
        nomor = 1
    if nomor is None or not 1 <= nomor <= 12 // lebar:
        raise ValueError(f"nomor periode {nomor} tidak sah untuk {periode}")
    bulan_awal = (nomor - 1) * lebar + 1
    bulan_akhir = bulan_awal + lebar - 1
    return (
        datetime.date(tahun, bulan_awal, 1),
        datetime.date(tahun, bulan_akhir, calendar.monthrange(tahun, bulan_akhir)[1]),
    )


def rentang_bulan(tahun: int, bulan: int) -> tuple[datetime.date, datetime.date]:
    return rentang_periode(tahun, PeriodeRealisasi.BULANAN, bulan)


# ---------------------------------------------------------------------------------------------------------------
# Evidence: names and links
# ---------------------------------------------------------------------------------------------------------------

_KARAKTER_TAK_AMAN = re.compile(r"[^\w.\- ()]+", re.UNICODE)
_BATAS_NAMA = 150


def nama_berkas_aman(nama: str) -> str:
    """The original file name made safe for display and for a ``Content-Disposition`` header: only the last path
    component (``../../etc/passwd.pdf`` → ``passwd.pdf``), no control or shell characters, no leading dots, at
    most 150 characters with the extension kept. Never used as a storage path (files are stored under a uuid)."""
    nama = unicodedata.normalize("NFKC", nama or "")
    nama = re.split(r"[/\\]", nama)[-1]
    nama = "".join(c for c in nama if unicodedata.category(c)[0] != "C")
    nama = _KARAKTER_TAK_AMAN.sub("_", nama)
    nama = re.sub(r"\s+", " ", nama).strip(" .")
    nama = re.sub(r"_{2,}", "_", nama)
    if len(nama) > _BATAS_NAMA:
        dasar, titik, ekstensi = nama.rpartition(".")
        if titik and 0 < len(ekstensi) <= 10:
            nama = f"{dasar[: _BATAS_NAMA - len(ekstensi) - 1].rstrip(' .')}.{ekstensi}"
        else:
            nama = nama[:_BATAS_NAMA].rstrip(" .")
    return nama or "berkas"


def ekstensi(nama: str) -> str:
    """The lower-case extension of a (sanitised) name without the dot, ``""`` when there is none."""
    dasar, titik, eks = nama.rpartition(".")
    return eks.lower() if titik and dasar else ""


_VALIDASI_URL = URLValidator(schemes=["http", "https"])
BATAS_PANJANG_URL = 2000


def periksa_tautan(url: str) -> str | None:
    """``None`` when ``url`` is an acceptable evidence link, else the reason (Indonesian). Only http(s): a
    ``javascript:``, ``data:`` or ``file:`` link in the atasan's screen would run or open something local. Links
    with a user name (``https://kantor.go.id@contoh.com``) are refused because they disguise the real host."""
    url = (url or "").strip()
    if not url:
        return _("Tautan wajib diisi.")
    if len(url) > BATAS_PANJANG_URL:
        return _("Tautan terlalu panjang.")
    try:
        _VALIDASI_URL(url)
    except ValidationError:
        return _("Tautan harus berupa alamat web lengkap yang diawali http:// atau https://.")
    if urlsplit(url).username is not None:
        return _("Tautan tidak boleh memuat nama pengguna atau kata sandi.")
    return None


# ---------------------------------------------------------------------------------------------------------------
# Realisasi: summed or stated
# ---------------------------------------------------------------------------------------------------------------


class CaraRealisasi(enum.Enum):
    """How an IKI gets its realisasi (docs/ATURAN.md)."""

    #: The volumes of the RHK's approved activities in the IKI's satuan, added up.
    DIJUMLAH = "dijumlah"
    #: Stated by the pegawai with evidence; the RHK's activities are shown beside it as support.
    DINYATAKAN = "dinyatakan"


def cara_realisasi(aspek: str, satuan: str) -> CaraRealisasi:
    """Only a **kuantitas** IKI with a satuan is a sum of activity volumes (``12 laporan``: twelve reports
    delivered). A kualitas, waktu or biaya IKI (``100 %``, ``12 bulan``, ``Rp 50.000.000``) is never a sum: ten
    activities "100 %" are not "1.000 %" — its realisasi is stated by the pegawai with evidence.

    The JPT form has no Aspek column (PermenPANRB 6/2022, Lampiran), so a JPT IKI (``aspek`` empty) is stated
    too: its indicators are outcomes of the unit from the Perjanjian Kinerja (an index of satisfaction, a SAKIP
    score, a percentage of the budget spent), which the head's own daily activities do not add up to, and guessing
    a kind from the satuan would sum a "%" again. A kualitatif IKI (no satuan, a narrative ukuran keberhasilan) has
    nothing to add up either. A stated value with its evidence is never wrong in the way a wrong sum is."""
    if aspek == Aspek.KUANTITAS and (satuan or "").strip():
        return CaraRealisasi.DIJUMLAH
    return CaraRealisasi.DINYATAKAN
