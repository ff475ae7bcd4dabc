"""Background jobs with progress (CONVENTIONS.md, Celery): a Pekerjaan row the page polls, ending in a file.

A Celery task body is one line: ``jalankan_pekerjaan(pekerjaan_id, builder)`` where ``builder(job, progres)``
returns ``(filename, bytes)``. The claim is a conditional UPDATE, so a redelivered message does nothing while
the first run is alive; a run that died (older than the task time limit) may be claimed again.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Pekerjaan, StatusPekerjaan

logger = logging.getLogger(__name__)

Builder = Callable[[Pekerjaan, Callable[[int, int], None]], tuple[str, bytes]]


def pekerjaan_buat(*, user, jenis: str, judul: str, task, parameter: dict | None = None) -> Pekerjaan:
    """Create a job row and queue ``task(pk)`` after the transaction commits."""
    with transaction.atomic():
        job = Pekerjaan.objects.create(user=user, jenis=jenis, judul=judul, parameter=parameter or {})
        transaction.on_commit(lambda: task.delay(job.pk))
    return job


def pekerjaan_mulai(*, user, jenis: str, judul: str, task, parameter: dict) -> Pekerjaan:
    """The user's job for this document (same ``jenis`` and ``parameter``): the existing one re-queued (its file
    is replaced when it finishes), or a new one. A job still queued or running is left alone, so a double click
    starts nothing twice; one that has been waiting or running longer than the task time limit lost its worker and
    is queued again."""
    with transaction.atomic():
        job = (
            Pekerjaan.objects.select_for_update()
            .filter(user=user, jenis=jenis, parameter=parameter)
            .order_by("-dibuat", "-pk")
            .first()
        )
        if job is None:
            return pekerjaan_buat(user=user, jenis=jenis, judul=judul, task=task, parameter=parameter)
        batas = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
        sejak = job.mulai if job.status == StatusPekerjaan.BERJALAN else job.dibuat
        if job.aktif and sejak and sejak >= batas:
            return job
        if job.status != StatusPekerjaan.BERJALAN:
            pekerjaan_ulang(job)
        # Shown first again in "Pekerjaan saya", with today's title.
        Pekerjaan.objects.filter(pk=job.pk).update(judul=judul, dibuat=timezone.now())
        transaction.on_commit(lambda: task.delay(job.pk))
    return job


def pekerjaan_klaim(pekerjaan_id: int) -> Pekerjaan | None:
    stale = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    claimable = Q(status=StatusPekerjaan.MENUNGGU) | Q(status=StatusPekerjaan.BERJALAN, mulai__lt=stale)
    claimed = Pekerjaan.objects.filter(claimable, pk=pekerjaan_id).update(
        status=StatusPekerjaan.BERJALAN, mulai=timezone.now(), selesai_n=0, pesan=""
    )
    return Pekerjaan.objects.get(pk=pekerjaan_id) if claimed else None


def pekerjaan_ulang(job: Pekerjaan) -> None:
    """Put a finished or failed job back in the queue (its file is replaced when it finishes again)."""
    Pekerjaan.objects.filter(pk=job.pk).exclude(status=StatusPekerjaan.BERJALAN).update(
        status=StatusPekerjaan.MENUNGGU, selesai_n=0, pesan=""
    )


def jalankan_pekerjaan(pekerjaan_id: int, builder: Builder) -> None:
    job = pekerjaan_klaim(pekerjaan_id)
    if job is None:
        logger.info("Pekerjaan %s sudah diklaim atau tidak ada; dilewati.", pekerjaan_id)
        return

    def progres(selesai_n: int, total_n: int) -> None:
        Pekerjaan.objects.filter(pk=job.pk).update(selesai_n=selesai_n, total_n=total_n)

    try:
        filename, content = builder(job, progres)
    except Exception as exc:  # the page must show failure instead of spinning forever
        logger.exception("Pekerjaan %s gagal", pekerjaan_id)
        Pekerjaan.objects.filter(pk=job.pk).update(
            status=StatusPekerjaan.GAGAL,
            selesai=timezone.now(),
            pesan=getattr(exc, "pesan_pengguna", "Terjadi kesalahan saat memproses. Silakan coba lagi."),
        )
        raise
    old_name = job.berkas.name
    job.refresh_from_db()
    job.berkas.save(filename, ContentFile(content), save=False)
    job.status = StatusPekerjaan.SELESAI
    job.selesai = timezone.now()
    job.selesai_n = job.total_n = max(job.total_n, job.selesai_n, 1)
    job.save(update_fields=["berkas", "status", "selesai", "selesai_n", "total_n"])
    if old_name and old_name != job.berkas.name:
        job.berkas.storage.delete(old_name)
