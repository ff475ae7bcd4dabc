"""The instansi's calendar facts kept by each process between requests: the daily-report settings, the units' own
week lengths and the holidays. Every daily page, entry and check needs them, they change a few times a year, and
reading them was three of the queries of each request.

A process keeps one copy, tagged with a version held in the shared cache (Redis in production). A request reads
the version once (one round trip, no query) and uses the copy when the tags match. A write to the three tables sets a
new version once its transaction commits, and every process reads the rows again on its next request. A copy is
only read outside a transaction, so it never holds a write that may still be rolled back; inside one (a service's
checks) the current copy is used when there is one, else the rows are read as before. Writes that
send no signal (``bulk_create``, ``QuerySet.update``) call :func:`kalender_berubah` themselves.

When the shared cache cannot be read the rows are read from the database; when a new version cannot be written,
the copies still expire after :data:`UMUR_MAKS` seconds.
"""

from __future__ import annotations

import datetime
import logging
import time
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from portal.ingat import ingat

from .models import HariKerjaUnit, HariLibur, PengaturanKinerja

logger = logging.getLogger(__name__)

KUNCI_VERSI = "kinerja:kalender:versi"
#: The longest a process keeps its copy whatever the version says: the bound on staleness when a new version could
#: not be written (the shared cache was down at that moment).
UMUR_MAKS = 300


@dataclass(frozen=True)
class FaktaKalender:
    versi: str
    dibaca: float
    pengaturan: PengaturanKinerja
    #: unit kerja id → its own week length (units without one inherit, see kalender.hari_kerja_per_minggu).
    minggu_sendiri: dict[int, int]
    #: date → name of every holiday and cuti bersama.
    libur: dict[datetime.date, str]


_salinan: FaktaKalender | None = None


def _versi() -> str | None:
    try:
        versi = cache.get(KUNCI_VERSI)
        if versi is None:
            versi = uuid.uuid4().hex
            if not cache.add(KUNCI_VERSI, versi, timeout=None):
                versi = cache.get(KUNCI_VERSI)
        return versi
    except Exception as exc:
        logger.warning("Versi kalender tidak dapat dibaca dari cache (%s); dibaca dari basis data.", exc)
        return None


def fakta_kalender() -> FaktaKalender | None:
    """This process's copy of the calendar facts, read again when another version was set; ``None`` when the
    shared cache cannot be read, or there is no current copy and a transaction is open (the caller reads the rows
    itself)."""
    global _salinan
    # Once per request (portal.ingat; again after a write in it): a page asks for the settings, the week lengths
    # and the holidays separately.
    versi = ingat(KUNCI_VERSI, _versi)
    if versi is None:
        return None
    salinan = _salinan
    if salinan is not None and salinan.versi == versi and time.monotonic() - salinan.dibaca < UMUR_MAKS:
        return salinan
    if connection.in_atomic_block:
        # Rows read inside a transaction may include its own writes, still to be committed or rolled back: the
        # caller reads just the rows it needs, as it would without a copy.
        return None
    salinan = FaktaKalender(
        versi=versi,
        dibaca=time.monotonic(),
        pengaturan=PengaturanKinerja.get_solo(),
        minggu_sendiri=dict(HariKerjaUnit.objects.values_list("unit_kerja_id", "hari_kerja_per_minggu")),
        libur=dict(HariLibur.objects.values_list("tanggal", "nama")),
    )
    _salinan = salinan
    return salinan


def _versi_baru() -> None:
    try:
        cache.set(KUNCI_VERSI, uuid.uuid4().hex, timeout=None)
    except Exception as exc:
        logger.error(
            "Versi kalender baru tidak dapat ditulis ke cache (%s); salinan lama habis dalam %s detik.", exc, UMUR_MAKS
        )


def kalender_berubah(**kwargs) -> None:
    """The settings, a unit's week length or a holiday changed: this process reads them again at once, every
    process once the transaction commits. Connected to the three models' save and delete; call it after a write
    that sends no signal."""
    global _salinan
    _salinan = None
    transaction.on_commit(_versi_baru)


for _model in (PengaturanKinerja, HariKerjaUnit, HariLibur):
    post_save.connect(
        kalender_berubah, sender=_model, dispatch_uid=f"kinerja.kalender_bersama.{_model.__name__}.simpan"
    )
    post_delete.connect(
        kalender_berubah, sender=_model, dispatch_uid=f"kinerja.kalender_bersama.{_model.__name__}.hapus"
    )
