"""Satyalancana Karya Satya (docs/ATURAN.md, "Disiplin"): who is eligible on a date, who becomes eligible in the
next twelve months, and the awards recorded — for an OPD page, the proposal export and the management command.

Only PNS are listed: the award is for Pegawai Negeri Sipil (PP 35/1994). A PPPK is not a PNS, and a CPNS still in
probation cannot have served ten years; both are left out by the ``status`` field (``StatusPegawai.PNS``).
Service is counted from the TMT CPNS (:func:`disiplin.rules.tanggal_layak`).

A hukuman disiplin sedang or berat that stands (status ``berlaku``, whatever its dates) bars the award: PP 35/1994
asks that the PNS "tidak pernah dijatuhi hukuman disiplin tingkat sedang atau berat". A ringan or a cancelled
record does not.

Each list is one query, whatever the number of pegawai: the candidates are narrowed in SQL by their TMT CPNS (a
few days wider than the exact bounds, so 29 February and month ends are never cut off), then the pure rule
(:func:`disiplin.rules.tingkat_satyalancana`) decides for each."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from pegawai.choices import StatusPegawai
from pegawai.models import Pegawai

from .. import rules
from ..choices import StatusHukuman, TingkatHukuman, TingkatSatyalancana
from ..models import HukumanDisiplin, PenghargaanSatyalancana

#: The levels from the lowest up; a list is ordered by level in this order.
URUTAN_TINGKAT = (TingkatSatyalancana.X, TingkatSatyalancana.XX, TingkatSatyalancana.XXX)
#: A proposal is late once the pegawai has been eligible for longer than this (the page highlights it).
BULAN_TERLAMBAT = 12
# The SQL bounds are widened by this much: the pure rule decides exactly (a TMT of 29 February reaches its level on
# 28 February, one day before a bound computed from the date of the list).
_KELONGGARAN = datetime.timedelta(days=3)


@dataclass(frozen=True)
class Baris:
    """One pegawai of a Satyalancana list, at one level."""

    pegawai_id: int
    nip: str
    nama: str
    pangkat_golongan: str
    jabatan: str
    unit_kerja: str
    perangkat_daerah: str
    tmt_cpns: datetime.date
    tingkat: TingkatSatyalancana
    #: The day the level is (or will be) reached.
    layak_sejak: datetime.date
    #: Whole years of service on the date of the list.
    masa_kerja_tahun: int
    #: Eligible for more than :data:`BULAN_TERLAMBAT` months on the date of the list: the proposal is late.
    terlambat: bool = False


def _batas(tanggal: datetime.date, tahun: int) -> datetime.date:
    """``tanggal`` minus ``tahun`` years (29 February → 28 February)."""
    return rules.tambah_bulan(tanggal, -12 * tahun)


def _kandidat(opd_ids: set[int] | None, tmt: Q) -> QuerySet[Pegawai]:
    """Active PNS whose TMT CPNS satisfies ``tmt``, in ``opd_ids`` (``None``: every OPD), with the levels awarded
    (``sudah``, ``None`` when none) and whether a sedang or berat hukuman stands (``terhalang``), in one query."""
    qs = Pegawai.objects.filter(tmt, aktif=True, status=StatusPegawai.PNS)
    if opd_ids is not None:
        qs = qs.filter(jabatan__unit_kerja__perangkat_daerah_id__in=opd_ids)
    sudah = (
        PenghargaanSatyalancana.objects.filter(pegawai=OuterRef("pk"))
        .values("pegawai")
        .annotate(daftar=ArrayAgg("tingkat"))
        .values("daftar")
    )
    terhalang = HukumanDisiplin.objects.filter(
        pegawai=OuterRef("pk"),
        status=StatusHukuman.BERLAKU,
        tingkat__in=(TingkatHukuman.SEDANG, TingkatHukuman.BERAT),
    )
    return qs.with_org().annotate(sudah=Subquery(sudah), terhalang=Exists(terhalang)).order_by("nama", "nip")


def _baris(p: Pegawai, tingkat: TingkatSatyalancana, per: datetime.date) -> Baris:
    unit = p.jabatan.unit_kerja
    layak_sejak = rules.tanggal_layak(p.tmt_cpns, tingkat)
    return Baris(
        pegawai_id=p.pk,
        nip=p.nip,
        nama=p.nama_lengkap,
        pangkat_golongan=p.pangkat_golongan,
        jabatan=p.jabatan.nama,
        unit_kerja=unit.nama,
        perangkat_daerah=unit.perangkat_daerah.nama,
        tmt_cpns=p.tmt_cpns,
        tingkat=tingkat,
        layak_sejak=layak_sejak,
        masa_kerja_tahun=rules.masa_kerja_tahun(p.tmt_cpns, per),
        terlambat=rules.tambah_bulan(layak_sejak, BULAN_TERLAMBAT) < per,
    )


def _urut(baris: list[Baris]) -> list[Baris]:
    """By level (X, XX, XXX: the proposal groups them), then OPD and name."""
    return sorted(baris, key=lambda b: (URUTAN_TINGKAT.index(b.tingkat), b.perangkat_daerah, b.nama, b.nip))


def daftar_layak(per: datetime.date, opd_ids: set[int] | None = None) -> list[Baris]:
    """Every active PNS eligible on ``per`` in ``opd_ids`` (``None``: the whole city), once, at the highest level
    reached and not yet awarded; none with a sedang or berat hukuman standing. ``layak_sejak`` is the day that level
    was reached, so a proposal left waiting shows how long."""
    qs = _kandidat(opd_ids, Q(tmt_cpns__lte=_batas(per, 10) + _KELONGGARAN))
    hasil = []
    for p in qs:
        tingkat = rules.tingkat_satyalancana(p.tmt_cpns, per, sudah=p.sudah or (), hukuman_sedang_berat=p.terhalang)
        if tingkat is not None:
            hasil.append(_baris(p, tingkat, per))
    return _urut(hasil)


def akhir_rentang(per: datetime.date) -> datetime.date:
    """The last day of "the next twelve months" after ``per``."""
    return rules.tambah_bulan(per, 12)


def akan_layak(per: datetime.date, opd_ids: set[int] | None = None) -> list[Baris]:
    """Active PNS in ``opd_ids`` who reach a level after ``per`` and on or before the same day a year later, with
    ``layak_sejak`` the day they reach it; none with a sedang or berat hukuman standing, nor for a level already
    recorded as awarded. Ordered by that day."""
    akhir = akhir_rentang(per)
    rentang = Q()
    for tahun in rules.TAHUN_SATYALANCANA.values():
        rentang |= Q(tmt_cpns__gt=_batas(per, tahun) - _KELONGGARAN, tmt_cpns__lte=_batas(akhir, tahun) + _KELONGGARAN)
    hasil = []
    for p in _kandidat(opd_ids, rentang):
        if p.terhalang:
            continue
        for tingkat in URUTAN_TINGKAT:
            if tingkat in (p.sudah or ()):
                continue
            if per < rules.tanggal_layak(p.tmt_cpns, tingkat) <= akhir:
                hasil.append(_baris(p, tingkat, per))
    return sorted(hasil, key=lambda b: (b.layak_sejak, b.nama, b.nip))


def penghargaan_dalam(opd_ids: set[int] | None = None) -> QuerySet[PenghargaanSatyalancana]:
    """The awards recorded for pegawai now in ``opd_ids`` (``None``: every one), newest Keppres first."""
    qs = PenghargaanSatyalancana.objects.select_related(
        "pegawai__jabatan__unit_kerja__perangkat_daerah", "dicatat_oleh"
    )
    if opd_ids is not None:
        qs = qs.filter(pegawai__jabatan__unit_kerja__perangkat_daerah_id__in=opd_ids)
    return qs.order_by("-tanggal_keppres", "pegawai__nama", "tingkat", "pk")
