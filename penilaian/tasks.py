"""Celery tasks of the evaluation app: thin wrappers that pass primary keys on (CONVENTIONS.md, Celery).

Both are idempotent, as ``CELERY_TASK_ACKS_LATE`` (settings) requires: a message redelivered after a worker died
runs again. :func:`penilaian.pdf.dekp_simpan` stores one document per final state under a row lock; the batch
claims its Pekerjaan row with a conditional UPDATE and only the run holding the row saves the job's one file
(portal.jobs). Time limits stay within ``CELERY_TASK_TIME_LIMIT``, below the broker's visibility timeout derived
from it.
"""

from celery import shared_task
from django.conf import settings

from portal.jobs import jalankan_pekerjaan

# One DEKP renders in well under a second; two minutes leaves room for a loaded worker.
BATAS_SATU = min(120, settings.CELERY_TASK_TIME_LIMIT)


@shared_task(time_limit=BATAS_SATU, soft_time_limit=BATAS_SATU - 5)
def dekp_render(evaluasi_id: int) -> None:
    """Render and store the DEKP of a just-finalised evaluation (queued by services.final on commit); nothing when
    it already has one or was reopened meanwhile."""
    from .pdf import dekp_simpan  # WeasyPrint and Pango load only in the process that renders

    dekp_simpan(evaluasi_id)


@shared_task(time_limit=settings.CELERY_TASK_TIME_LIMIT, soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT)
def dekp_zip_opd(pekerjaan_id: int) -> None:
    from . import pdf

    jalankan_pekerjaan(pekerjaan_id, pdf.berkas_dekp_opd)
