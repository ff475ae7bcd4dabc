"""Celery tasks of the SKP app: thin wrappers that pass primary keys to a job builder (CONVENTIONS.md, Celery).

Both are idempotent — a run claims its Pekerjaan row with a conditional UPDATE and rewrites the job's one file —
so a message redelivered after a worker died may run again: ``acks_late``. Time limits stay within
``CELERY_TASK_TIME_LIMIT``, which portal.jobs also uses to decide that a running job's worker is gone.
"""

from celery import shared_task
from django.conf import settings

from portal.jobs import jalankan_pekerjaan

# One SKP renders in well under a second; two minutes leaves room for a loaded worker.
BATAS_SATU = min(120, settings.CELERY_TASK_TIME_LIMIT)


@shared_task(acks_late=True, time_limit=BATAS_SATU, soft_time_limit=BATAS_SATU - 5)
def skp_pdf(pekerjaan_id: int) -> None:
    from . import pdf  # WeasyPrint and Pango load only in the process that renders

    jalankan_pekerjaan(pekerjaan_id, pdf.berkas_skp)


@shared_task(
    acks_late=True,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
)
def skp_pdf_opd(pekerjaan_id: int) -> None:
    from . import pdf

    jalankan_pekerjaan(pekerjaan_id, pdf.berkas_skp_opd)
