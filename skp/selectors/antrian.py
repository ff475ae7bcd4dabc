"""The queues of SKP waiting for a decision: the atasan's (their bawahan) and admin BKPSDM's (the top JPT, rated by
the kepala daerah). A fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from pegawai.atasan import bawahan_langsung_teringat
from pegawai.choices import JenisJabatan
from pegawai.models import Pegawai, RiwayatJabatan
from pegawai.supervisi import riwayat_bawahan

from .. import rules
from ..choices import FormatSkp, SkpStatus, StatusRekap
from ..models import Skp
from . import tenggat
from .skp import tanggal_acuan_skp, tanggal_acuan_tahun


@dataclass
class AntrianSkp:
    """One row of the atasan's SKP queue: a bawahan and one of their SKP (``None``: not made yet)."""

    pegawai: Pegawai
    skp: Skp | None
    #: The deadline of the row's SKP period (of the period the pegawai should have, for "belum dibuat"), and
    #: whether it passed with the SKP still not set (:mod:`skp.selectors.tenggat`). Filled by the atasan's queue.
    tenggat: datetime.date | None = None
    terlambat: bool = False

    @property
    def status(self) -> str:
        return self.skp.status if self.skp is not None else StatusRekap.BELUM_DIBUAT

    @property
    def status_label(self) -> str:
        return str(StatusRekap(self.status).label)

    @property
    def perlu_tindakan(self) -> bool:
        """Waiting for the atasan's decision."""
        return self.skp is not None and self.skp.status == SkpStatus.DIAJUKAN

    @property
    def boleh_ekspektasi(self) -> bool:
        """The atasan may still write the Ekspektasi Khusus Pimpinan (:func:`skp.rules.cek_ekspektasi`)."""
        return self.skp is not None and rules.cek_ekspektasi(self.skp.status) is None


def _baris(pegawai: list[Pegawai], skps) -> list[AntrianSkp]:
    """One queue row per SKP of ``skps`` (narrowed here to ``pegawai``, in period and version order) and one
    "belum dibuat" row per pegawai without any; submitted ones first, in ``pegawai`` order inside each group.
    One query."""
    per_pegawai: dict[int, list[Skp]] = {p.pk: [] for p in pegawai}
    for skp in (
        skps.filter(pegawai_id__in=list(per_pegawai)).select_related("jabatan").order_by("tanggal_mulai", "versi")
    ):
        per_pegawai[skp.pegawai_id].append(skp)
    rows: list[AntrianSkp] = []
    for p in pegawai:
        daftar = per_pegawai[p.pk]
        if not daftar:
            rows.append(AntrianSkp(pegawai=p, skp=None))
        for skp in daftar:
            skp.pegawai = p  # already loaded: the page shows the name without another query
            rows.append(AntrianSkp(pegawai=p, skp=skp))
    # A stable sort keeps the pegawai order inside each group.
    rows.sort(key=lambda r: not r.perlu_tindakan)
    return rows


def skp_antrian_atasan(actor: Pegawai, tahun: int, on: datetime.date | None = None) -> list[AntrianSkp]:
    """Every current SKP of ``tahun`` that ``actor`` rates, one row per SKP, and one "belum dibuat" row per
    bawahan of ``on`` (default today within ``tahun``) without any; submitted ones first. Superseded versions are
    left out; an approved SKP with a perubahan in progress shows both versions. Each row carries its deadline and
    whether it is late (:mod:`skp.selectors.tenggat`).

    An SKP is rated by the atasan of its period (:func:`skp.selectors.skp.tanggal_acuan_skp`): after a mutasi
    the old atasan still decides the SKP of the old position, the new atasan only the new one."""
    on = on or tanggal_acuan_tahun(tahun)
    bawahan = list(bawahan_langsung_teringat(actor, on).select_related("jabatan__unit_kerja").order_by("nama", "pk"))
    segmen = riwayat_bawahan(actor, datetime.date(tahun, 1, 1), min(on, datetime.date(tahun, 12, 31)))
    hari_ini_ids = {p.pk for p in bawahan}
    semua_ids = hari_ini_ids.union(*(ids for _m, _s, ids in segmen))

    def dinilai(skp: Skp) -> bool:
        acuan = tanggal_acuan_skp(skp, on)
        if acuan > on:  # a period that has not begun: today's atasan prepares it
            return skp.pegawai_id in hari_ini_ids
        return any(m <= acuan <= s and skp.pegawai_id in ids for m, s, ids in segmen)

    skps = [
        skp
        for skp in Skp.objects.berlaku()
        .filter(tahun=tahun, pegawai_id__in=semua_ids)
        .only("pk", "pegawai_id", "tanggal_mulai", "tanggal_selesai")
        if dinilai(skp)
    ]
    dengan_skp = {skp.pegawai_id for skp in skps}
    lain = list(
        Pegawai.objects.filter(pk__in=dengan_skp - hari_ini_ids)
        .select_related("jabatan__unit_kerja")
        .order_by("nama", "pk")
    )
    rows = _baris(bawahan + lain, Skp.objects.filter(pk__in=[skp.pk for skp in skps]))
    # A former bawahan gets no "belum dibuat" row: their next SKP is their new atasan's.
    rows = [r for r in rows if r.skp is not None or r.pegawai.pk in hari_ini_ids]
    _tandai_terlambat(rows, tahun)
    return rows


def _tandai_terlambat(rows: list[AntrianSkp], tahun: int) -> None:
    """Fill each row's deadline and lateness (today's, whatever the year shown). One query: the TMT of the
    position each pegawai without an SKP holds now, which dates the period they should have."""
    sekarang = tenggat.hari_ini()
    tanpa_skp = {r.pegawai.pk: r.pegawai.jabatan_id for r in rows if r.skp is None}
    tmt: dict[int, datetime.date] = {}
    if tanpa_skp:
        for pegawai_id, jabatan_id, mulai in (
            RiwayatJabatan.objects.filter(pegawai_id__in=list(tanpa_skp))
            .order_by("tmt")
            .values_list("pegawai_id", "jabatan_id", "tmt")
        ):
            if jabatan_id == tanpa_skp[pegawai_id]:
                tmt[pegawai_id] = mulai  # the latest assignment to the current position wins
    for r in rows:
        if r.skp is not None:
            r.tenggat = tenggat.tenggat(r.skp.tanggal_mulai)
            r.terlambat = tenggat.skp_terlambat(r.skp, sekarang)
        else:
            r.tenggat = tenggat.tenggat_jabatan(tahun, tmt.get(r.pegawai.pk))
            r.terlambat = tenggat.belum_dibuat_terlambat(tahun, tmt.get(r.pegawai.pk), sekarang)


def skp_antrian_kepala_daerah(tahun: int) -> list[AntrianSkp]:
    """The SKP rated by the kepala daerah for ``tahun`` (admin BKPSDM's queue): every active JPT whose position
    has no supervising position, with their current SKP of the year or a "belum dibuat" row; submitted first.
    Two queries whatever the number of rows.

    The jenis jabatan decides, not the SKP's format: a pimpinan unit kerja mandiri (a camat, a kepala UPT) uses
    the JPT form but is rated by their atasan langsung, even when their position has no parent in the system
    (:func:`skp.selectors.identitas.dinilai_kepala_daerah` asks the same)."""
    pegawai = list(
        Pegawai.objects.filter(
            aktif=True,
            atasan_override__isnull=True,
            jabatan__jenis=JenisJabatan.JPT,
            jabatan__parent__isnull=True,
        )
        .select_related("jabatan__unit_kerja__perangkat_daerah")
        .order_by("jabatan__unit_kerja__perangkat_daerah__nama", "nama", "pk")
    )
    return _baris(pegawai, Skp.objects.berlaku().filter(tahun=tahun, format=FormatSkp.JPT))
