"""Celery tasks of the SKP app: thin wrappers that pass primary keys to a job builder (CONVENTIONS.md, Celery), and
the late-SKP reminder started by beat.

Every task is idempotent, as ``CELERY_TASK_ACKS_LATE`` (settings) requires: a message redelivered after a worker
died runs again. The PDF tasks claim their Pekerjaan row with a conditional UPDATE and only the run holding the row
saves the job's one file (portal.jobs); a part of the OPD batch whose file is stored already does not render again;
the reminder sends one notification per person, kind and week. Time limits stay within ``CELERY_TASK_TIME_LIMIT``,
below the broker's visibility timeout derived from it.
"""

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings

from portal.jobs import jalankan_bagian, jalankan_pekerjaan, pekerjaan_bagi

from .pengingat import pengingat_skp_kirim

# One SKP renders in well under a second; two minutes leaves room for a loaded worker.
BATAS_SATU = min(120, settings.CELERY_TASK_TIME_LIMIT)
# A reminder run is a handful of set-based queries plus the e-mails.
BATAS_PENGINGAT = min(10 * 60, settings.CELERY_TASK_TIME_LIMIT)


@shared_task(time_limit=BATAS_SATU, soft_time_limit=BATAS_SATU - 5)
def skp_pdf(pekerjaan_id: int) -> None:
    from . import pdf  # WeasyPrint and Pango load only in the process that renders

    jalankan_pekerjaan(pekerjaan_id, pdf.berkas_skp)


@shared_task(bind=True, time_limit=BATAS_SATU, soft_time_limit=BATAS_SATU - 5)
def skp_pdf_opd(self, pekerjaan_id: int) -> None:
    """The PDF batch of an OPD, split into parts of ``pdf.UKURAN_BAGIAN`` SKP run by :func:`skp_pdf_opd_bagian` on
    every worker serving this queue; the last part assembles the ZIP (portal.jobs, "Jobs split into parts")."""
    from . import pdf

    antrean = (self.request.delivery_info or {}).get("routing_key")
    pekerjaan_bagi(pekerjaan_id, pdf.rencana_skp_opd, skp_pdf_opd_bagian, antrean=antrean)


# A part renders UKURAN_BAGIAN SKP, and the last one also assembles the whole OPD's ZIP: the general limit.
@shared_task(time_limit=settings.CELERY_TASK_TIME_LIMIT, soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT)
def skp_pdf_opd_bagian(pekerjaan_id: int, kunci: str, nomor: int, jumlah: int, pks: list[int]) -> None:
    from . import pdf

    jalankan_bagian(pekerjaan_id, kunci, nomor, jumlah, lambda _job, maju: pdf.bagian_skp(pks, maju), pdf.rakit_skp_opd)


@shared_task(
    time_limit=BATAS_PENGINGAT,
    soft_time_limit=BATAS_PENGINGAT - 5,
    autoretry_for=(SMTPException, ConnectionError),
    retry_backoff=60,
    max_retries=3,
)
def pengingat_skp_terlambat() -> dict:
    """The weekly reminders of late SKP (:mod:`skp.pengingat`), run daily by beat: idempotent (one notification
    per person, kind and week; e-mail once per notification), so a retry after a mail error sends only the rest."""
    return {jenis: {"calon": h.calon, "baru": h.baru, "surel": h.surel} for jenis, h in pengingat_skp_kirim().items()}
