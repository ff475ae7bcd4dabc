"""The regulation of the evaluation as pure functions: no database, tested as tables (penilaian/tests/test_rules.py).

- :func:`predikat` — PermenPANRB 6/2022, Lampiran: the predikat kinerja matrix (rows hasil kerja, columns perilaku).
- :func:`cek_kurva` — SE MenPANRB 03/2023: how the capaian kinerja organisasi limits the spread of predikat.
- :func:`rating_hasil_pimpinan` — the head of a unit takes the unit's capaian as rating hasil kerja.
- :func:`angka_kredit` — angka kredit of a jabatan fungsional from the predikat (PermenPANRB 1/2023).

The codes are the SIASN codes (:mod:`penilaian.choices`); docs/ATURAN.md explains each rule in words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from pegawai.choices import Jenjang

from .choices import CapaianOrganisasi, Predikat, Rating

# PermenPANRB 6/2022, Lampiran: (rating hasil kerja, rating perilaku kerja) -> predikat.
_MATRIKS: dict[tuple[Rating, Rating], Predikat] = {
    (Rating.DI_ATAS, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.DI_ATAS, Rating.SESUAI): Predikat.BAIK,
    (Rating.DI_ATAS, Rating.DI_ATAS): Predikat.SANGAT_BAIK,
    (Rating.SESUAI, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
    (Rating.SESUAI, Rating.DI_ATAS): Predikat.BAIK,
    (Rating.DI_BAWAH, Rating.DI_BAWAH): Predikat.SANGAT_KURANG,
    (Rating.DI_BAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
    (Rating.DI_BAWAH, Rating.DI_ATAS): Predikat.BUTUH_PERBAIKAN,
}


def predikat(hasil: Rating | int, perilaku: Rating | int) -> Predikat:
    """The predikat kinerja of a rating hasil kerja and a rating perilaku kerja (the 3×3 matrix)."""
    return _MATRIKS[(Rating(hasil), Rating(perilaku))]


# PermenPANRB 6/2022, Lampiran: the capaian kinerja organisasi becomes the unit head's rating hasil kerja.
_RATING_PIMPINAN = {
    CapaianOrganisasi.ISTIMEWA: Rating.DI_ATAS,
    CapaianOrganisasi.BAIK: Rating.SESUAI,
    CapaianOrganisasi.BUTUH_PERBAIKAN: Rating.DI_BAWAH,
    CapaianOrganisasi.KURANG: Rating.DI_BAWAH,
    CapaianOrganisasi.SANGAT_KURANG: Rating.DI_BAWAH,
}


def rating_hasil_pimpinan(capaian: CapaianOrganisasi | int) -> Rating:
    """The rating hasil kerja of the head of a unit whose capaian kinerja organisasi is ``capaian``."""
    return _RATING_PIMPINAN[CapaianOrganisasi(capaian)]


# ---------------------------------------------------------------------------------------------------------------
# Kurva distribusi (SE MenPANRB 03/2023)
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Syarat:
    """One condition of a pattern: the share of ``predikat`` (together) is at most / at least ``batas``."""

    predikat: tuple[Predikat, ...]
    jenis: str  # "paling_banyak" | "paling_sedikit" | "ada" (at least one person)
    batas: Fraction = Fraction(0)

    def keterangan(self) -> str:
        nama = _(" dan/atau ").join(str(p.label) for p in self.predikat)
        if self.jenis == "ada":
            return _("harus ada %(nama)s") % {"nama": nama}
        if self.jenis == "paling_banyak" and self.batas == 0:
            return _("tidak boleh ada %(nama)s") % {"nama": nama}
        pola = (
            _("%(nama)s paling banyak %(persen)s")
            if self.jenis == "paling_banyak"
            else _("%(nama)s paling sedikit %(persen)s")
        )
        return pola % {"nama": nama, "persen": format_persen(self.batas)}

    def terpenuhi(self, jumlah: int, total: int) -> bool:
        if self.jenis == "ada":
            return jumlah > 0
        bagian = Fraction(jumlah, total)
        return bagian <= self.batas if self.jenis == "paling_banyak" else bagian >= self.batas


_P = Predikat
POLA: dict[CapaianOrganisasi, tuple[Syarat, ...]] = {
    CapaianOrganisasi.ISTIMEWA: (Syarat((_P.SANGAT_BAIK,), "paling_banyak", Fraction(70, 100)),),
    CapaianOrganisasi.BAIK: (
        Syarat((_P.BAIK,), "paling_banyak", Fraction(70, 100)),
        Syarat((_P.BUTUH_PERBAIKAN, _P.KURANG), "ada"),
    ),
    CapaianOrganisasi.BUTUH_PERBAIKAN: (
        Syarat((_P.BUTUH_PERBAIKAN,), "paling_sedikit", Fraction(60, 100)),
        Syarat((_P.SANGAT_BAIK,), "paling_banyak", Fraction(10, 100)),
    ),
    CapaianOrganisasi.KURANG: (
        Syarat((_P.KURANG,), "paling_sedikit", Fraction(60, 100)),
        Syarat((_P.BUTUH_PERBAIKAN,), "paling_sedikit", Fraction(10, 100)),
        Syarat((_P.SANGAT_BAIK,), "paling_banyak", Fraction(10, 100)),
    ),
    CapaianOrganisasi.SANGAT_KURANG: (
        Syarat((_P.SANGAT_KURANG,), "paling_sedikit", Fraction(60, 100)),
        Syarat((_P.KURANG, _P.BUTUH_PERBAIKAN), "paling_sedikit", Fraction(10, 100)),
        Syarat((_P.SANGAT_BAIK,), "paling_banyak", Fraction(0)),
    ),
}


def format_persen(bagian: Fraction) -> str:
    """A share as an Indonesian percentage with at most one decimal ("57,1 %"), for reading only: the conditions
    compare exact fractions, so the rounding here never decides anything."""
    persen = Decimal(bagian.numerator * 100) / Decimal(bagian.denominator)
    persen = persen.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
    teks = f"{persen:f}".replace(".", ",")
    return f"{teks} %"


def _hitung(jumlah_per_predikat: Mapping[Predikat | int, int]) -> dict[Predikat, int]:
    jumlah = dict.fromkeys(Predikat, 0)
    for kunci, n in jumlah_per_predikat.items():
        if n < 0:
            raise ValueError("jumlah tidak boleh negatif")
        jumlah[Predikat(kunci)] += n
    return jumlah


def pola_kurva(capaian: CapaianOrganisasi | int) -> list[str]:
    """The pattern of ``capaian`` in words, one condition per line (the panel and the DEKP print it)."""
    return [s.keterangan() for s in POLA[CapaianOrganisasi(capaian)]]


def cek_kurva(capaian: CapaianOrganisasi | int, jumlah_per_predikat: Mapping[Predikat | int, int]) -> list[str]:
    """The conditions of the pattern for ``capaian`` that the counts break, as Indonesian messages; empty when the
    spread holds (and when nobody is counted). Shares are exact fractions: 4 of 7 (57.14…%) is below 60 %."""
    jumlah = _hitung(jumlah_per_predikat)
    total = sum(jumlah.values())
    if total == 0:
        return []
    pelanggaran = []
    for syarat in POLA[CapaianOrganisasi(capaian)]:
        n = sum(jumlah[p] for p in syarat.predikat)
        if not syarat.terpenuhi(n, total):
            pelanggaran.append(
                _("Pola kurva %(capaian)s: %(syarat)s, sekarang %(n)s dari %(total)s (%(persen)s).")
                % {
                    "capaian": CapaianOrganisasi(capaian).label,
                    "syarat": syarat.keterangan(),
                    "n": n,
                    "total": total,
                    "persen": format_persen(Fraction(n, total)),
                }
            )
    return pelanggaran


# ---------------------------------------------------------------------------------------------------------------
# Angka kredit (PermenPANRB 1/2023)
# ---------------------------------------------------------------------------------------------------------------

PERSEN_AK: dict[Predikat, Decimal] = {
    Predikat.SANGAT_BAIK: Decimal("1.50"),
    Predikat.BAIK: Decimal("1.00"),
    Predikat.BUTUH_PERBAIKAN: Decimal("0.75"),
    Predikat.KURANG: Decimal("0.50"),
    Predikat.SANGAT_KURANG: Decimal("0.25"),
}

KOEFISIEN_AK: dict[str, Decimal] = {
    Jenjang.AHLI_PERTAMA: Decimal("12.5"),
    Jenjang.AHLI_MUDA: Decimal("25"),
    Jenjang.AHLI_MADYA: Decimal("37.5"),
    Jenjang.AHLI_UTAMA: Decimal("50"),
    Jenjang.PEMULA: Decimal("3.75"),
    Jenjang.TERAMPIL: Decimal("5"),
    Jenjang.MAHIR: Decimal("12.5"),
    Jenjang.PENYELIA: Decimal("25"),
}

#: Angka kredit are written with three decimals (as BKN's PAK prints them); a periodic share such as 1/12 is
#: rounded half up there.
_TIGA_DESIMAL = Decimal("0.001")


def angka_kredit(predikat: Predikat | int, jenjang: str, bulan: int = 12) -> Decimal:
    """Angka kredit earned over ``bulan`` months (12: the annual evaluation) by a jabatan fungsional of ``jenjang``
    with ``predikat``: ``bulan/12 × persen × koefisien``. Raises ``ValueError`` for a jenjang that is not a
    jabatan fungsional (it earns no angka kredit) or a month count outside 1–12."""
    if jenjang not in KOEFISIEN_AK:
        raise ValueError(f"jenjang {jenjang!r} bukan jenjang jabatan fungsional")
    if not 1 <= bulan <= 12:
        raise ValueError("bulan harus 1 sampai 12")
    # Divide last: the product is exact, so a value that ends in a half at the fourth decimal (10 months of Sangat
    # Kurang as Ahli Madya: 7.8125) rounds up, not down from a truncated 10/12.
    nilai = Decimal(bulan) * PERSEN_AK[Predikat(predikat)] * KOEFISIEN_AK[jenjang] / Decimal(12)
    return nilai.quantize(_TIGA_DESIMAL, rounding=ROUND_HALF_UP)


def bulan_periode(jenis: str) -> int:
    """How many months a period of ``jenis`` spans (the ``bulan`` of :func:`angka_kredit`)."""
    return {"bulanan": 1, "triwulanan": 3, "semesteran": 6, "tahunan": 12}[jenis]


def jumlah_periode(jenis: str) -> int:
    """How many periods of ``jenis`` a year has (12 months, 4 triwulan, 2 semester, 1 year)."""
    return 12 // bulan_periode(jenis)
