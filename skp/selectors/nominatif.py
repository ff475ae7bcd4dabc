"""The daftar nominatif: every pegawai of an OPD with the status of their SKP for a year and whether it is late,
its recap per status, and the OPDs a user may read it for."""

from __future__ import annotations

import datetime

from django.db.models import Count, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from pegawai.akses import peran_of
from pegawai.models import Pegawai, PerangkatDaerah

from ..choices import StatusRekap
from ..models import Skp
from .tenggat import dengan_terlambat


def daftar_nominatif(
    perangkat_daerah: PerangkatDaerah | int | None, tahun: int, on: datetime.date | None = None
) -> QuerySet[Pegawai]:
    """Every active pegawai of an OPD (``None``: of every OPD, for those who read them all, ordered by OPD) with the
    status of their SKP for ``tahun`` in one query: ``status_skp``
    (a :class:`~skp.choices.StatusRekap` value), ``skp_berlaku_id``, and ``skp_terlambat`` — some SKP of the year
    past its deadline on ``on`` (default today) and still not set, or none for the position held now
    (:func:`skp.selectors.tenggat.dengan_terlambat`).

    The SKP that counts is the one of the latest period (after a mid-year transfer: the current position); an
    approved SKP with a perubahan in progress still counts as approved."""
    terkini = Skp.objects.berlaku().filter(pegawai=OuterRef("pk"), tahun=tahun).order_by("-tanggal_mulai", "versi")
    qs = Pegawai.objects.filter(aktif=True)
    if perangkat_daerah is not None:
        qs = qs.filter(jabatan__unit_kerja__perangkat_daerah_id=getattr(perangkat_daerah, "pk", perangkat_daerah))
    qs = (
        qs.select_related("jabatan__unit_kerja__perangkat_daerah")
        .annotate(
            skp_berlaku_id=Subquery(terkini.values("pk")[:1]),
            status_skp=Coalesce(Subquery(terkini.values("status")[:1]), Value(StatusRekap.BELUM_DIBUAT.value)),
        )
        .order_by("jabatan__unit_kerja__perangkat_daerah__nama", "jabatan__unit_kerja__nama", "jabatan__nama", "nama")
    )
    return dengan_terlambat(qs, tahun, on)


def rekap_status(queryset: QuerySet[Pegawai]) -> dict[str, int]:
    """Counts per :class:`~skp.choices.StatusRekap` of a :func:`daftar_nominatif` queryset (every status listed,
    zero included) in one grouped query."""
    counts = dict(queryset.order_by().values_list("status_skp").annotate(n=Count("pk")))
    return {status.value: counts.get(status.value, 0) for status in StatusRekap}


def jumlah_terlambat(queryset: QuerySet[Pegawai]) -> int:
    """How many pegawai of a :func:`daftar_nominatif` queryset have a late SKP. One query."""
    return queryset.filter(skp_terlambat=True).count()


def opd_nominatif_visible_to(user) -> QuerySet[PerangkatDaerah]:
    """The OPDs whose daftar nominatif ``user`` may read: every active OPD for admin BKPSDM and the city
    pimpinan, their own OPDs for an admin OPD or an OPD pimpinan, none for anyone else."""
    roles = peran_of(user)
    if roles.melihat_semua:
        return PerangkatDaerah.objects.filter(aktif=True)
    return PerangkatDaerah.objects.filter(pk__in=roles.opd_dilihat)
