"""The numbers of the public transparency page (``rekap:transparansi``, no login).

What is published: per OPD and month, and for the whole city, three shares — participation (days with a report /
working days), verification on time (activities verified by the atasan within the deadline / all activities
reported) and SKP approved (pegawai whose SKP is approved / pegawai) — read only from the recap rows
(:class:`rekap.models.RekapUnit`, ``tingkat`` opd and kota) of **closed** monthly periods. An open month is still
being recomputed every night and half a month would read as low participation; a closed one changes only when admin
BKPSDM reopens it (audited), and then it leaves the page until it is closed again.

Small groups never show (docs/ATURAN.md, "Halaman transparansi"): an OPD with fewer than :data:`AMBANG` pegawai in
the month is suppressed, and so many further OPDs (the smallest first) that the city total minus the OPDs shown —
which anyone can subtract — is the sum of at least two OPDs and at least :data:`AMBANG` pegawai
(:func:`disembunyikan`). Nothing here carries a name or a NIP: only OPD names and counts.

Cached in Django's cache, so the page under load touches no database: one key per month for its numbers, one for
the list of published months, and the rendered pages under a version that :func:`transparansi_hapus_cache` (called
by the recap computation, closing and reopening) replaces. Every key also expires after :data:`CACHE_DETIK`, so a
cache that missed an invalidation (each gunicorn worker has its own without Redis) heals itself. Each process also
keeps a copy of the versioned pieces (:func:`dari_cache`), so a visit that hits reads only the version from the
shared cache.
"""

from __future__ import annotations

import datetime
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

from disiplin.services.bulan import bulan_mundur

from .. import rules
from ..choices import JenisPeriodeRekap, StatusPeriodeRekap, TingkatRekap
from ..models import PeriodeRekap, RekapUnit

#: The smallest group whose numbers are published.
AMBANG = 5
#: Months of the city-wide trend, ending with the chosen month.
TREN_BULAN = 12
#: The longest any cached piece lives without an invalidation (seconds).
CACHE_DETIK = 60 * 60

_AWALAN = "rekap:transparansi"
_KUNCI_VERSI = f"{_AWALAN}:versi"

Bulan = tuple[int, int]  # (tahun, bulan)
T = TypeVar("T")


@dataclass(frozen=True)
class Angka:
    """A published group's numbers; every field None when the group is suppressed."""

    pegawai: int | None
    partisipasi: float | None
    verifikasi_tepat: float | None
    skp_disetujui: float | None

    @property
    def disembunyikan(self) -> bool:
        return self.pegawai is None


TERSEMBUNYI = Angka(None, None, None, None)


@dataclass(frozen=True)
class BarisOpd:
    nama: str
    angka: Angka


@dataclass(frozen=True)
class DataBulan:
    """One closed month: its OPDs by name, and the city."""

    tahun: int
    bulan: int
    opd: tuple[BarisOpd, ...]
    kota: Angka

    @property
    def tanggal(self) -> datetime.date:
        return datetime.date(self.tahun, self.bulan, 1)

    @property
    def opd_disembunyikan(self) -> int:
        return sum(1 for baris in self.opd if baris.angka.disembunyikan)


# ---------------------------------------------------------------------------------------------------------------
# The rule (pure)
# ---------------------------------------------------------------------------------------------------------------


def disembunyikan(ukuran: dict[int, int]) -> set[int]:
    """The groups to suppress, given each group's size (``{opd_id: pegawai}``, the groups that add up to the city).

    Every group under :data:`AMBANG` (primary suppression). Then, while the suppressed groups together are a single
    group or fewer than :data:`AMBANG` people, the smallest group still shown joins them (complementary suppression;
    ties by id, so the same data always hides the same OPDs): subtracting the shown OPDs from the city total then
    reveals only the sum of two or more OPDs and at least :data:`AMBANG` people.
    """
    hasil = {kunci for kunci, n in ukuran.items() if n < AMBANG}
    sisa = sorted((n, kunci) for kunci, n in ukuran.items() if kunci not in hasil)
    while hasil and (len(hasil) < 2 or sum(ukuran[k] for k in hasil) < AMBANG) and sisa:
        hasil.add(sisa.pop(0)[1])
    return hasil


def kota_disembunyikan(ukuran: dict[int, int], tersembunyi: set[int], kota_n: int) -> bool:
    """Whether the city total must go too: a city under :data:`AMBANG`, or suppressed OPDs that the complementary
    rule could not pad (too few OPDs), whose sum the total would give away."""
    if kota_n < AMBANG:
        return True
    return bool(tersembunyi) and (len(tersembunyi) < 2 or sum(ukuran[k] for k in tersembunyi) < AMBANG)


def angka(baris: dict) -> Angka:
    """The published shares of one recap row (a dict of its counts), as :mod:`rekap.rules` defines them."""
    diajukan = rules.diajukan(
        baris["aktivitas_disetujui_n"], baris["aktivitas_ditolak_n"], baris["aktivitas_menunggu_n"]
    )
    return Angka(
        pegawai=baris["pegawai_n"],
        partisipasi=rules.untuk_grafik(rules.partisipasi(baris["hari_lapor"], baris["hari_kerja"])),
        verifikasi_tepat=rules.untuk_grafik(rules.verifikasi_tepat(baris["diverifikasi_tepat_n"], diajukan)),
        skp_disetujui=rules.untuk_grafik(rules.skp_disetujui(baris["skp_disetujui_n"], baris["pegawai_n"])),
    )


def susun_bulan(tahun: int, bulan: int, baris_opd: list[dict], baris_kota: dict | None) -> DataBulan:
    """A month's page numbers from its recap rows, with the small groups suppressed. ``baris_opd`` carry ``id`` and
    ``nama`` of the OPD besides the counts."""
    ukuran = {b["id"]: b["pegawai_n"] for b in baris_opd}
    tersembunyi = disembunyikan(ukuran)
    kota_n = baris_kota["pegawai_n"] if baris_kota else 0
    kota = TERSEMBUNYI if baris_kota is None or kota_disembunyikan(ukuran, tersembunyi, kota_n) else angka(baris_kota)
    opd = tuple(
        BarisOpd(b["nama"], TERSEMBUNYI if b["id"] in tersembunyi else angka(b))
        for b in sorted(baris_opd, key=lambda b: (b["nama"], b["id"]))
    )
    return DataBulan(tahun, bulan, opd, kota)


# ---------------------------------------------------------------------------------------------------------------
# Reading (cached)
# ---------------------------------------------------------------------------------------------------------------

_KOLOM = (
    "pegawai_n",
    "hari_kerja",
    "hari_lapor",
    "aktivitas_disetujui_n",
    "aktivitas_ditolak_n",
    "aktivitas_menunggu_n",
    "diverifikasi_tepat_n",
    "skp_disetujui_n",
)


def versi() -> str:
    """The current version of the rendered pages (a new one after every invalidation)."""
    nilai = cache.get(_KUNCI_VERSI)
    if nilai is None:
        cache.add(_KUNCI_VERSI, uuid.uuid4().hex, None)
        nilai = cache.get(_KUNCI_VERSI)
    return nilai


def kunci_halaman(versi_: str, bulan: Bulan | None) -> str:
    """The cache key of the rendered page of ``bulan`` (None: the page saying nothing is published yet) under
    ``versi_``."""
    return f"{_AWALAN}:halaman:{versi_}:{f'{bulan[0]}-{bulan[1]:02d}' if bulan else 'kosong'}"


def _kunci_bulan(bulan: Bulan) -> str:
    return f"{_AWALAN}:bulan:{bulan[0]}-{bulan[1]:02d}"


#: This process's copy of the values cached under the current version's keys (the list of months, the rendered
#: pages): under one version a key's value never changes, so once the version is read from the shared cache (one
#: round trip to Redis) the rest of a hit is a dictionary lookup. Holds the newest version seen only.
_SALINAN: dict[str, dict[str, tuple[float, object]]] = {}


def dari_cache(versi_: str, kunci: str, hitung: Callable[[], T]) -> T:
    """The value of ``kunci`` — a key of version ``versi_`` — from this process's copy, else from the shared
    cache, else ``hitung()`` stored in both; at most :data:`CACHE_DETIK` old in each."""
    salinan = _SALINAN.get(versi_)
    if salinan is None:
        _SALINAN.clear()
        salinan = _SALINAN[versi_] = {}
    sekarang = time.monotonic()
    ada = salinan.get(kunci)
    if ada is not None and ada[0] > sekarang:
        return ada[1]
    nilai = cache.get(kunci)
    if nilai is None:
        nilai = hitung()
        cache.set(kunci, nilai, CACHE_DETIK)
    salinan[kunci] = (sekarang + CACHE_DETIK, nilai)
    return nilai


def bulan_terbit(versi_: str) -> list[Bulan]:
    """The published months, newest first: closed monthly periods whose city row has been computed."""
    return dari_cache(
        versi_,
        f"{_AWALAN}:daftar:{versi_}",
        lambda: list(
            PeriodeRekap.objects.filter(
                jenis=JenisPeriodeRekap.BULAN, status=StatusPeriodeRekap.DITUTUP, rekap_unit__tingkat=TingkatRekap.KOTA
            )
            .order_by("-tahun", "-nomor")
            .values_list("tahun", "nomor")
        ),
    )


def data_bulan(daftar: list[Bulan]) -> dict[Bulan, DataBulan]:
    """The numbers of each month in ``daftar`` (published months), from the cache or with one query for all the
    months it misses."""
    kunci = {_kunci_bulan(b): b for b in daftar}
    ada = cache.get_many(list(kunci))
    hasil = {kunci[k]: data for k, data in ada.items()}
    kurang = [b for b in daftar if b not in hasil]
    if kurang:
        baris: dict[Bulan, tuple[list[dict], list[dict]]] = {b: ([], []) for b in kurang}
        rows = RekapUnit.objects.filter(
            reduce(or_, (Q(periode__tahun=t, periode__nomor=n) for t, n in kurang)),
            periode__jenis=JenisPeriodeRekap.BULAN,
            tingkat__in=[TingkatRekap.OPD, TingkatRekap.KOTA],
        ).values(
            "tingkat", "periode__tahun", "periode__nomor", "perangkat_daerah_id", "perangkat_daerah__nama", *_KOLOM
        )
        for row in rows:
            opd, kota = baris[(row["periode__tahun"], row["periode__nomor"])]
            if row["tingkat"] == TingkatRekap.KOTA:
                kota.append(row)
            else:
                opd.append({**row, "id": row["perangkat_daerah_id"], "nama": row["perangkat_daerah__nama"]})
        baru = {b: susun_bulan(b[0], b[1], opd, kota[0] if kota else None) for b, (opd, kota) in baris.items()}
        cache.set_many({_kunci_bulan(b): data for b, data in baru.items()}, CACHE_DETIK)
        hasil.update(baru)
    return hasil


def tren(daftar: list[Bulan], bulan: Bulan) -> list[Bulan]:
    """The published months of the :data:`TREN_BULAN` months ending with ``bulan``, oldest first."""
    return sorted(b for b in daftar if bulan_mundur(*bulan, TREN_BULAN - 1) <= b <= bulan)


# ---------------------------------------------------------------------------------------------------------------
# Invalidation
# ---------------------------------------------------------------------------------------------------------------


def transparansi_hapus_cache(periode: PeriodeRekap) -> None:
    """Forget what the public page cached about ``periode``: call it after its recap rows were recomputed
    (``hitung_agregat``) and after it was closed or reopened. A monthly period's numbers are dropped and every
    rendered page gets a new version (the month is in the trend of the next months and in every month picker);
    other kinds of period are not on the page. Runs after the surrounding transaction commits, so a request in
    between cannot cache the old rows again."""
    if periode.jenis != JenisPeriodeRekap.BULAN:
        return
    bulan = (periode.tahun, periode.nomor)

    def hapus():
        cache.delete(_kunci_bulan(bulan))
        cache.set(_KUNCI_VERSI, uuid.uuid4().hex, None)

    transaction.on_commit(hapus)
