"""Ratings of one pejabat penilai's team for a period: a realistic draw (most Sesuai, some Di Atas, few Di Bawah),
then nudged, one person at a time and as mildly as possible, until the predikat follow the curve of the unit's
capaian (SE MenPANRB 03/2023, :data:`penilaian.rules.POLA`) — or broken on purpose (:func:`langgar`).

A unit head's rating hasil kerja is fixed by their unit's capaian (:func:`penilaian.rules.rating_hasil_pimpinan`),
so only their rating perilaku moves. Pure: no database."""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass

from penilaian import rules
from penilaian.choices import CapaianOrganisasi, Predikat, Rating

HASIL = ((Rating.DI_ATAS, 14), (Rating.SESUAI, 80), (Rating.DI_BAWAH, 6))
PERILAKU = ((Rating.DI_ATAS, 18), (Rating.SESUAI, 77), (Rating.DI_BAWAH, 5))

#: How reluctantly a nudge gives each predikat: a penilai recognises someone's work as Sangat Baik before rating
#: anyone down, and Butuh Perbaikan (results below expectations) before anything else. Kurang/Misconduct and Sangat
#: Kurang judge behaviour and are never given to fill the curve: a team that could only follow it that way breaks
#: it instead (and would need admin BKPSDM's acceptance).
BOBOT = {Predikat.BAIK: 0, Predikat.SANGAT_BAIK: 1, Predikat.BUTUH_PERBAIKAN: 2}

#: The matrix as a plain table: the nudging asks it hundreds of thousands of times for a large city.
_PREDIKAT = {(h, p): rules.predikat(h, p) for h in Rating for p in Rating}


@dataclass
class Nilai:
    """One member's ratings; ``tetap`` is the rating hasil kerja fixed by their unit's capaian (a unit head)."""

    tetap: Rating | None
    hasil: Rating = Rating.SESUAI
    perilaku: Rating = Rating.SESUAI

    @property
    def predikat(self) -> Predikat:
        return _PREDIKAT[(self.hasil, self.perilaku)]


def _pilih(rng: random.Random, bobot) -> Rating:
    return rng.choices([r for r, _w in bobot], weights=[w for _r, w in bobot])[0]


def undi(rng: random.Random, tetap: Rating | None) -> Nilai:
    hasil = tetap if tetap is not None else _pilih(rng, HASIL)
    return Nilai(tetap, hasil, _pilih(rng, PERILAKU))


def _syarat(capaian: CapaianOrganisasi, total: int) -> list[tuple[tuple[Predikat, ...], str, int]]:
    """The pattern of ``capaian`` as whole-person bounds for ``total`` people (exact: floor of an allowed
    maximum, ceiling of a required minimum)."""
    hasil = []
    for syarat in rules.POLA[capaian]:
        if syarat.jenis == "paling_banyak":
            batas = math.floor(syarat.batas * total)
        elif syarat.jenis == "paling_sedikit":
            batas = math.ceil(syarat.batas * total)
        else:
            batas = 1
        hasil.append((syarat.predikat, syarat.jenis, batas))
    return hasil


def kekurangan(syarat: list[tuple], jumlah: Counter) -> int:
    """How many people at least must change predikat for the counts to follow the pattern (0: they do)."""
    kurang = 0
    for predikat, jenis, batas in syarat:
        n = sum(jumlah[p] for p in predikat)
        kurang += max(0, n - batas) if jenis == "paling_banyak" else max(0, batas - n)
    return kurang


def patuhi(rng: random.Random, capaian: CapaianOrganisasi, tim: list[Nilai]) -> bool:
    """Nudge ``tim`` until it follows the curve of ``capaian``: each step changes one member to the ratings that
    bring the counts closest to the pattern, the mildest such change first. False when that is impossible
    without a Kurang (the team then breaks the curve, as real ones do)."""
    syarat = _syarat(capaian, len(tim))
    jumlah = Counter(n.predikat for n in tim)
    kurang = kekurangan(syarat, jumlah)
    while kurang:
        # What a move from one predikat to another leaves depends only on the counts: asked once per pair.
        sisa_pindah: dict[tuple[Predikat, Predikat], int] = {}
        terbaik = None
        for i, nilai in enumerate(tim):
            lama = nilai.predikat
            hasil_boleh = (nilai.tetap,) if nilai.tetap is not None else tuple(Rating)
            for hasil in hasil_boleh:
                for perilaku in Rating:
                    baru = _PREDIKAT[(hasil, perilaku)]
                    if baru == lama or baru not in BOBOT:
                        continue
                    sisa = sisa_pindah.get((lama, baru))
                    if sisa is None:
                        jumlah[lama] -= 1
                        jumlah[baru] += 1
                        sisa = sisa_pindah[(lama, baru)] = kekurangan(syarat, jumlah)
                        jumlah[baru] -= 1
                        jumlah[lama] += 1
                    ubah = (hasil != nilai.hasil) + (perilaku != nilai.perilaku)
                    kunci = (sisa, BOBOT[baru], ubah, rng.random())
                    if terbaik is None or kunci < terbaik[0]:
                        terbaik = (kunci, i, hasil, perilaku)
        if terbaik is None or terbaik[0][0] >= kurang:
            return False
        (kurang, *_), i, hasil, perilaku = terbaik
        jumlah[tim[i].predikat] -= 1
        tim[i].hasil, tim[i].perilaku = hasil, perilaku
        jumlah[tim[i].predikat] += 1
    return True


def arah(capaian: CapaianOrganisasi, tim: list[Nilai]) -> CapaianOrganisasi:
    """The capaian of the unit a team member leads that would let the team follow the curve when nudging alone
    cannot: Butuh Perbaikan (its head rated Di Bawah) while a required minimum is unmet, otherwise Istimewa (its
    head may be Sangat Baik, thinning out a Baik above the maximum)."""
    jumlah = Counter(n.predikat for n in tim)
    for predikat, jenis, batas in _syarat(capaian, len(tim)):
        if jenis != "paling_banyak" and sum(jumlah[p] for p in predikat) < batas:
            return CapaianOrganisasi.BUTUH_PERBAIKAN
    return CapaianOrganisasi.ISTIMEWA


def langgar(capaian: CapaianOrganisasi, tim: list[Nilai]) -> bool:
    """Rate the whole team generously — what the curve exists to prevent: Sangat Baik for everyone under an
    Istimewa capaian, Baik otherwise. True when the counts then break the pattern."""
    atas = capaian == CapaianOrganisasi.ISTIMEWA
    for nilai in tim:
        nilai.hasil = nilai.tetap if nilai.tetap is not None else (Rating.DI_ATAS if atas else Rating.SESUAI)
        nilai.perilaku = Rating.DI_ATAS if atas else Rating.SESUAI
    return bool(rules.cek_kurva(capaian, Counter(n.predikat for n in tim)))
