"""Late SKP (docs/ATURAN.md): the SKP is set (approved) by the end of January — or within about a month of a later
period's start: a new TMT jabatan, a Plt/Plh — and an SKP still not set after its deadline, or missing once the
deadline of the position held passed, is late. The atasan's queue, the daftar nominatif and the reminders
(:mod:`skp.pengingat`) count the same thing from here.

The deadline itself is the pure rule :func:`skp.rules.tenggat_skp`, configured by ``SKP_TENGGAT_JANUARI`` and
``SKP_TENGGAT_HARI_TMT``. Queries over many SKP do not compute a deadline per row: the deadline never decreases with
the start of the period, so one cut-off start date (:func:`skp.rules.mulai_terakhir_terlambat`) separates the late
periods from the others, and the rows are compared with it.

"Today" comes from :func:`hari_ini`, which tests pin (``monkeypatch.setattr(tenggat, "hari_ini", ...)``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import timezone

from pegawai.models import Pegawai, RiwayatJabatan

from .. import rules
from ..choices import SkpStatus
from ..models import Skp


def hari_ini() -> datetime.date:
    """Today in the instansi's time zone."""
    return timezone.localdate()


def _atur() -> dict[str, int]:
    return {"tanggal_januari": settings.SKP_TENGGAT_JANUARI, "hari_tmt": settings.SKP_TENGGAT_HARI_TMT}


def tenggat(mulai: datetime.date) -> datetime.date:
    """The deadline of an SKP period starting on ``mulai`` under this deployment's settings."""
    return rules.tenggat_skp(mulai, **_atur())


def batas_mulai_terlambat(tahun: int, on: datetime.date | None = None) -> datetime.date | None:
    """The latest period start of ``tahun`` already past its deadline on ``on`` (default today), or ``None``."""
    return rules.mulai_terakhir_terlambat(tahun, on or hari_ini(), **_atur())


def skp_terlambat(skp: Skp, on: datetime.date | None = None) -> bool:
    """Whether ``skp`` (a current version) is late on ``on``: not set by the deadline of its period."""
    return rules.terlambat(
        tenggat(skp.tanggal_mulai), on or hari_ini(), sudah_ditetapkan=rules.ditetapkan(skp.status, skp.versi)
    )


def tenggat_jabatan(tahun: int, tmt: datetime.date | None) -> datetime.date | None:
    """The deadline of the SKP of ``tahun`` for a position held since ``tmt`` (the period it should have,
    :func:`skp.rules.mulai_periode_jabatan`); ``None`` for a position taken after ``tahun``."""
    if tmt is not None and tmt.year > tahun:
        return None
    return tenggat(rules.mulai_periode_jabatan(tahun, tmt))


def belum_dibuat_terlambat(tahun: int, tmt: datetime.date | None, on: datetime.date | None = None) -> bool:
    """Whether a pegawai without an SKP of ``tahun`` for the position they hold since ``tmt`` is late on ``on``."""
    batas = tenggat_jabatan(tahun, tmt)
    return batas is not None and rules.terlambat(batas, on or hari_ini(), sudah_ditetapkan=False)


# ---------------------------------------------------------------------------------------------------------------
# The same in SQL
# ---------------------------------------------------------------------------------------------------------------


def q_belum_ditetapkan(prefix: str = "") -> Q:
    """SQL twin of :func:`skp.rules.ditetapkan`, negated: neither approved nor a perubahan of an approved
    version. ``prefix`` reaches the SKP through a relation (``"skp__"``)."""
    return ~(Q(**{f"{prefix}status": SkpStatus.DISETUJUI}) | Q(**{f"{prefix}versi__gt": 1}))


def skp_terlambat_qs(tahun: int, on: datetime.date | None = None) -> QuerySet[Skp]:
    """The current SKP versions of ``tahun`` that are late on ``on`` (default today)."""
    batas = batas_mulai_terlambat(tahun, on)
    if batas is None:
        return Skp.objects.none()
    return Skp.objects.berlaku().filter(q_belum_ditetapkan(), tahun=tahun, tanggal_mulai__lte=batas)


def _tmt_sekarang():
    """The TMT of the assignment to the position a pegawai holds now (:func:`pegawai.atasan.tmt_jabatan_sekarang`
    as a subquery of a Pegawai queryset)."""
    return Subquery(
        RiwayatJabatan.objects.filter(pegawai=OuterRef("pk"), jabatan=OuterRef("jabatan_id"))
        .order_by("-tmt")
        .values("tmt")[:1]
    )


def dengan_terlambat(qs: QuerySet[Pegawai], tahun: int, on: datetime.date | None = None) -> QuerySet[Pegawai]:
    """``qs`` annotated, in the same query, with ``skp_terlambat`` (any current SKP of ``tahun`` late, or none
    for the position held now once its deadline passed), ``skp_belum_dibuat_terlambat`` (the latter alone) and
    ``skp_tmt_sekarang`` (the TMT of the position held now)."""
    batas = batas_mulai_terlambat(tahun, on)
    qs = qs.annotate(skp_tmt_sekarang=_tmt_sekarang())
    if batas is None:
        return qs.annotate(
            skp_belum_dibuat_terlambat=Value(False, output_field=BooleanField()),
            skp_terlambat=Value(False, output_field=BooleanField()),
        )
    ada_skp_jabatan = Exists(
        Skp.objects.berlaku().filter(pegawai=OuterRef("pk"), tahun=tahun, jabatan=OuterRef("jabatan_id"))
    )
    # The period the pegawai should have starts at max(1 January, TMT); it is past its deadline when that start is
    # at most ``batas`` (``batas`` lies in the year, so a TMT after the year never qualifies).
    belum_dibuat = Q(~ada_skp_jabatan) & (Q(skp_tmt_sekarang__isnull=True) | Q(skp_tmt_sekarang__lte=batas))
    ada_terlambat = Exists(
        Skp.objects.berlaku().filter(
            q_belum_ditetapkan(), pegawai=OuterRef("pk"), tahun=tahun, tanggal_mulai__lte=batas
        )
    )
    return qs.annotate(
        skp_belum_dibuat_terlambat=ExpressionWrapper(belum_dibuat, output_field=BooleanField()),
        skp_terlambat=ExpressionWrapper(Q(ada_terlambat) | belum_dibuat, output_field=BooleanField()),
    )


def pegawai_belum_dibuat_terlambat(tahun: int, on: datetime.date | None = None) -> QuerySet[Pegawai]:
    """Active pegawai whose SKP of ``tahun`` for the position they hold now is missing past its deadline, with
    ``skp_tmt_sekarang``."""
    return dengan_terlambat(Pegawai.objects.filter(aktif=True), tahun, on).filter(skp_belum_dibuat_terlambat=True)
