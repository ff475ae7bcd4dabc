"""Which RHK count: the RHK that apply on a date, and the RHK that replaced an RHK of an older SKP version.

Kinerja (activities, realisasi) asks these instead of re-deriving them, so "which RHK applies" and "which RHK
replaced this one" are decided here only."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from pegawai.models import Pegawai

from ..choices import SkpStatus
from ..models import RencanaHasilKerja, Skp


def rhk_berlaku(pegawai: Pegawai, tanggal: datetime.date) -> QuerySet[RencanaHasilKerja]:
    """The RHK of ``pegawai``'s approved, current SKP whose period covers ``tanggal``: what an activity of that
    day may be mapped to, with their SKP loaded, in SKP order (utama before tambahan, then ``urutan``).

    An approved SKP with a perubahan still in draft keeps counting until the new version is approved; after that
    only the new version's RHK are offered."""
    return (
        RencanaHasilKerja.objects.filter(
            skp__pegawai=pegawai,
            skp__status=SkpStatus.DISETUJUI,
            skp__digantikan_pada__isnull=True,
            skp__tanggal_mulai__lte=tanggal,
            skp__tanggal_selesai__gte=tanggal,
        )
        .select_related("skp")
        .order_by("skp__tanggal_mulai", "-jenis", "urutan")
    )


def rhk_penerus(rhk_list: Iterable[RencanaHasilKerja]) -> dict[int, RencanaHasilKerja]:
    """Map every RHK of ``rhk_list`` that was carried into a later version of its SKP to its counterpart in the
    newest version present in ``rhk_list``, following ``asal`` through the chain of perubahan SKP.

    ``asal`` also links last year's copies (salin tahun lalu); only a copy into the next version of the same SKP
    (``versi_sebelumnya``) counts as a successor, so those stay apart. Every RHK needs its ``skp`` loaded; no
    query is run."""
    rhk_list = list(rhk_list)
    by_pk = {r.pk: r for r in rhk_list}
    langsung: dict[int, RencanaHasilKerja] = {}
    for r in rhk_list:
        asal = by_pk.get(r.asal_id)
        if asal is not None and r.skp.versi_sebelumnya_id == asal.skp_id:
            langsung[asal.pk] = r
    hasil = {}
    for pk in langsung:
        node, seen = langsung[pk], {pk}
        while node.pk in langsung and node.pk not in seen:
            seen.add(node.pk)
            node = langsung[node.pk]
        hasil[pk] = node
    return hasil


def rhk_penerus_di(rhk_id: int, skp: Skp) -> int | None:
    """The RHK of ``skp`` that carries RHK ``rhk_id`` (of an earlier version of ``skp``) forward, by the rule of
    :func:`rhk_penerus`; ``None`` when a perubahan dropped it on the way. One query whatever the number of
    versions."""
    rhk_list = RencanaHasilKerja.objects.filter(
        Q(skp__pegawai_id=skp.pegawai_id, skp__tahun=skp.tahun, skp__versi__lte=skp.versi) | Q(pk=rhk_id)
    ).select_related("skp")
    penerus = rhk_penerus(rhk_list).get(rhk_id)
    return penerus.pk if penerus is not None and penerus.skp_id == skp.pk else None
