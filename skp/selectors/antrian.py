"""The queues of SKP waiting for a decision: the atasan's (their bawahan) and admin BKPSDM's (the top JPT, rated by
the kepala daerah). A fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from pegawai.atasan import bawahan_langsung
from pegawai.choices import JenisJabatan
from pegawai.models import Pegawai

from .. import rules
from ..choices import FormatSkp, SkpStatus, StatusRekap
from ..models import Skp
from .skp import tanggal_acuan_tahun


@dataclass
class AntrianSkp:
    """One row of the atasan's SKP queue: a bawahan and one of their SKP (``None``: not made yet)."""

    pegawai: Pegawai
    skp: Skp | None

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
    """Every current SKP of the bawahan ``actor`` rates (own position and Plt/Plh, on ``on``: default today
    within ``tahun``), one row per SKP and one "belum dibuat" row per bawahan without any; submitted ones first.
    Superseded versions are left out; an approved SKP with a perubahan in progress shows both versions."""
    on = on or tanggal_acuan_tahun(tahun)
    bawahan = list(bawahan_langsung(actor, on).select_related("jabatan__unit_kerja").order_by("nama", "pk"))
    return _baris(bawahan, Skp.objects.berlaku().filter(tahun=tahun))


def skp_antrian_kepala_daerah(tahun: int) -> list[AntrianSkp]:
    """The SKP rated by the kepala daerah for ``tahun`` (admin BKPSDM's queue): every active JPT whose position
    has no supervising position, with their current SKP of the year or a "belum dibuat" row; submitted first.
    Two queries whatever the number of rows."""
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
