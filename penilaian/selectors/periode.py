"""Reads of evaluation periods: their names, which are open, the instansi's periodic kind."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kinerja.rules import rentang_periode

from ..choices import JenisPeriode, StatusPeriode
from ..models import PeriodePenilaian

_ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


def nama_periode(jenis: str, nomor: int, tahun: int) -> str:
    """ "Triwulan II 2026", "Maret 2026", "Semester 1 2026", "Tahunan 2026"."""
    if jenis == JenisPeriode.BULANAN:
        return date_format(datetime.date(tahun, nomor, 1), "F Y")
    if jenis == JenisPeriode.TRIWULANAN:
        return _("Triwulan %(n)s %(tahun)s") % {"n": _ROMAWI[nomor], "tahun": tahun}
    if jenis == JenisPeriode.SEMESTERAN:
        return _("Semester %(n)s %(tahun)s") % {"n": nomor, "tahun": tahun}
    return _("Tahunan %(tahun)s") % {"tahun": tahun}


def jenis_periodik() -> str:
    """The periodic kind this instansi evaluates in (setting ``PENILAIAN_PERIODE``)."""
    return settings.PENILAIAN_PERIODE


def rentang(jenis: str, nomor: int, tahun: int) -> tuple[datetime.date, datetime.date]:
    return rentang_periode(tahun, jenis, nomor)


def periode_terbuka() -> QuerySet[PeriodePenilaian]:
    return PeriodePenilaian.objects.filter(status=StatusPeriode.DIBUKA)


def periode_bawaan(hari_ini: datetime.date | None = None) -> PeriodePenilaian | None:
    """The period a page shows when none is chosen: the open period that ended most recently (the one being
    rated now), else the open period that ends soonest (the running one), else the newest period."""
    from django.utils import timezone

    hari_ini = hari_ini or timezone.localdate()
    terbuka = periode_terbuka()
    return (
        terbuka.filter(tanggal_selesai__lte=hari_ini).order_by("-tanggal_selesai", "jenis").first()
        or terbuka.order_by("tanggal_selesai", "jenis").first()
        or periode_semua().first()
    )


def periode_semua() -> QuerySet[PeriodePenilaian]:
    """Every period, newest first (the annual after the periods of its year)."""
    return PeriodePenilaian.objects.order_by("-tahun", "-tanggal_selesai", "jenis")
