"""Who is whose atasan on a date: the supervision chain every app builds its rules on.

Supervision follows positions (DOMAIN.md §2): the atasan of a pegawai is the holder of the parent position,
unless an explicit override is set. A vacant position passes supervision up to the next occupied position; a
Plt/Plh holding a position during a date range has its supervisory rights in addition to their own.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Jabatan, Pegawai, Penugasan


def _today(on: datetime.date | None) -> datetime.date:
    return on or timezone.localdate()


def jabatan_dipegang(pegawai: Pegawai, on: datetime.date | None = None) -> set[int]:
    """The position ids whose rights ``pegawai`` holds on ``on``: their own and any Plt/Plh."""
    on = _today(on)
    ids = {pegawai.jabatan_id}
    ids.update(Penugasan.objects.berlaku(on).filter(pegawai=pegawai).values_list("jabatan_id", flat=True))
    return ids


def _jabatan_dibawahi(jabatan_ids: set[int], on: datetime.date) -> set[int]:
    """Positions supervised from ``jabatan_ids``: their children, and through a vacant child (no active holder,
    no Plt/Plh) that child's children, recursively."""
    result: set[int] = set()
    frontier = set(jabatan_ids)
    while frontier:
        children = set(Jabatan.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        # Only positions already walked are dropped (cycles). A position the actor holds stays: a Plh taken from
        # the section's own staff supervises the other holders of their own pelaksana position.
        children -= result
        if not children:
            break
        result |= children
        occupied = set(
            Pegawai.objects.filter(jabatan_id__in=children, aktif=True).values_list("jabatan_id", flat=True)
        )
        occupied |= set(
            Penugasan.objects.berlaku(on).filter(jabatan_id__in=children).values_list("jabatan_id", flat=True)
        )
        frontier = children - occupied
    return result


def _bawahan_filter(pegawai_ids: set[int], jabatan_ids: set[int], on: datetime.date) -> Q:
    supervised = _jabatan_dibawahi(jabatan_ids, on)
    return Q(atasan_override_id__in=pegawai_ids) | Q(atasan_override__isnull=True, jabatan_id__in=supervised)


def bawahan_langsung(pegawai: Pegawai, on: datetime.date | None = None) -> QuerySet[Pegawai]:
    """Active pegawai whose pejabat penilai is ``pegawai`` on ``on`` (including through a Plt/Plh)."""
    on = _today(on)
    q = _bawahan_filter({pegawai.pk}, jabatan_dipegang(pegawai, on), on)
    return Pegawai.objects.filter(q, aktif=True).exclude(pk=pegawai.pk)


def bawahan_dua_tingkat(pegawai: Pegawai, on: datetime.date | None = None) -> QuerySet[Pegawai]:
    """Direct bawahan and their bawahan: what an atasan pejabat penilai sees."""
    on = _today(on)
    direct = list(bawahan_langsung(pegawai, on).values_list("pk", "jabatan_id"))
    if not direct:
        return Pegawai.objects.none()
    direct_ids = {pk for pk, _ in direct}
    direct_jabatan = {jabatan_id for _, jabatan_id in direct}
    direct_jabatan.update(
        Penugasan.objects.berlaku(on).filter(pegawai_id__in=direct_ids).values_list("jabatan_id", flat=True)
    )
    second = _bawahan_filter(direct_ids, direct_jabatan, on)
    return Pegawai.objects.filter(Q(pk__in=direct_ids) | (second & Q(aktif=True))).exclude(pk=pegawai.pk)


def atasan_langsung(pegawai: Pegawai, on: datetime.date | None = None) -> Pegawai | None:
    """The pejabat penilai kinerja: the override, else the holder of the nearest occupied parent position
    (a definitive holder first, else the Plt/Plh on ``on``)."""
    on = _today(on)
    if pegawai.atasan_override_id:
        override = Pegawai.objects.filter(pk=pegawai.atasan_override_id, aktif=True).first()
        if override:
            return override
    seen: set[int] = set()
    jabatan = Jabatan.objects.filter(pk=pegawai.jabatan_id).values("parent_id").first()
    parent_id = jabatan["parent_id"] if jabatan else None
    while parent_id and parent_id not in seen:
        seen.add(parent_id)
        holder = (
            Pegawai.objects.filter(jabatan_id=parent_id, aktif=True).exclude(pk=pegawai.pk).order_by("pk").first()
        )
        if holder:
            return holder
        acting = Penugasan.objects.berlaku(on).filter(jabatan_id=parent_id).exclude(pegawai=pegawai)
        acting = acting.select_related("pegawai").order_by("tanggal_mulai").first()
        if acting:
            return acting.pegawai
        parent_id = Jabatan.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return None


def atasan_pejabat_penilai(pegawai: Pegawai, on: datetime.date | None = None) -> Pegawai | None:
    atasan = atasan_langsung(pegawai, on)
    return atasan_langsung(atasan, on) if atasan else None
