"""Reads of the reporting-discipline facts shared by the pages and the export: who sees which OPD's monthly table,
the table itself (one row per pegawai, the sum of each kind), and one pegawai's history per month and per day."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from kinerja import rules
from pegawai.akses import peran_of
from pegawai.models import Pegawai, PerangkatDaerah

from ..choices import JenisFakta
from ..models import FaktaDisiplin

#: The annotation of each kind on the rows of :func:`pelaporan_bulan` and :func:`riwayat_per_bulan`.
KOLOM = {jenis.value: jenis for jenis in JenisFakta}


def opd_pelaporan_visible_to(user) -> QuerySet[PerangkatDaerah]:
    """The OPDs whose monthly table ``user`` may open: every one for admin BKPSDM and city pimpinan, their own for
    admin OPD and pimpinan of an OPD, none otherwise (an atasan reads their bawahan instead)."""
    roles = peran_of(user)
    if roles.melihat_semua:
        return PerangkatDaerah.objects.all()
    return PerangkatDaerah.objects.filter(pk__in=roles.opd_dilihat)


def _jumlah_per_jenis(prefix: str = "") -> dict:
    return {jenis: Sum(f"{prefix}jumlah", filter=Q(**{f"{prefix}jenis": jenis}), default=0) for jenis in KOLOM}


def pelaporan_bulan(
    *, tahun: int, bulan: int, opd: PerangkatDaerah | None = None, pegawai_ids=None
) -> QuerySet[Pegawai]:
    """The pegawai with at least one fact in the month — of ``opd`` (facts counted in that OPD), or among
    ``pegawai_ids`` (wherever they worked) — each annotated with the sum of every kind (:data:`KOLOM`) and ordered
    by name. One query per page (plus the count)."""
    awal, akhir = rules.rentang_bulan(tahun, bulan)
    # Filtering on the facts before annotating restricts the sums to the filtered facts; one filter() call, so
    # the conditions share one join (two calls would join the facts twice and multiply the sums).
    syarat = {"fakta_disiplin__tanggal__range": (awal, akhir)}
    if opd is not None:
        syarat["fakta_disiplin__perangkat_daerah"] = opd
    qs = Pegawai.objects.filter(**syarat)
    if pegawai_ids is not None:
        qs = qs.filter(pk__in=pegawai_ids)
    return (
        qs.annotate(**_jumlah_per_jenis("fakta_disiplin__"))
        .select_related("jabatan__unit_kerja")
        .order_by("nama", "pk")
    )


def riwayat_per_bulan(pegawai: Pegawai) -> QuerySet:
    """One pegawai's facts per month, newest first: dicts with ``tahun``, ``bulan`` and the sum of every kind."""
    return (
        FaktaDisiplin.objects.filter(pegawai=pegawai)
        .annotate(tahun=ExtractYear("tanggal"), bulan=ExtractMonth("tanggal"))
        .values("tahun", "bulan")
        .annotate(hari=Count("tanggal", distinct=True), **_jumlah_per_jenis())
        .order_by("-tahun", "-bulan")
    )


def fakta_hari(pegawai: Pegawai, tahun: int, bulan: int) -> list[dict]:
    """The days of one month with their facts: ``[{"tanggal": date, "fakta": [FaktaDisiplin, ...]}, ...]``."""
    awal, akhir = rules.rentang_bulan(tahun, bulan)
    hari: dict[datetime.date, list[FaktaDisiplin]] = {}
    for f in FaktaDisiplin.objects.filter(pegawai=pegawai, tanggal__range=(awal, akhir)).order_by("tanggal", "jenis"):
        hari.setdefault(f.tanggal, []).append(f)
    return [{"tanggal": t, "fakta": daftar} for t, daftar in hari.items()]


def fakta_terakhir(hari_ini: datetime.date) -> datetime.date | None:
    """The date of the latest fact up to ``hari_ini`` (one index scan), ``None`` when there is none."""
    return (
        FaktaDisiplin.objects.filter(tanggal__lte=hari_ini)
        .order_by("-tanggal")
        .values_list("tanggal", flat=True)
        .first()
    )
