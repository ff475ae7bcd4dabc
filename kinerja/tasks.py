"""Celery tasks of the kinerja app: thin wrappers around :func:`kinerja.pengingat.pengingat_kirim`, started by beat
(the schedule is data: ``django_celery_beat`` PeriodicTask rows created by migration 0002, editable in the admin).

Each run is idempotent (notifications are unique per person, kind and day; e-mails go only to unclaimed rows) and
takes an advisory lock, so a message redelivered after a worker died (``task_acks_late`` is on for every task) may
simply run again. A mail server error retries the task; the retry sends only what the failed batch did not.
"""

from smtplib import SMTPException

from celery import shared_task
from django.conf import settings

from .pengingat import JenisPengingat, pengingat_kirim

BATAS = min(10 * 60, settings.CELERY_TASK_TIME_LIMIT)

_opsi = {
    "time_limit": BATAS,
    "soft_time_limit": BATAS - 5,
    "autoretry_for": (SMTPException, ConnectionError),
    "retry_backoff": 60,
    "max_retries": 3,
}


def _ringkas(hasil) -> dict | None:
    if hasil is None:
        return None  # another run held the lock
    return {"calon": hasil.calon, "baru": hasil.baru, "surel": hasil.surel}


@shared_task(**_opsi)
def pengingat_aktivitas_kosong() -> dict | None:
    return _ringkas(pengingat_kirim(jenis=JenisPengingat.AKTIVITAS_KOSONG))


@shared_task(**_opsi)
def pengingat_antrian_verifikasi() -> dict | None:
    return _ringkas(pengingat_kirim(jenis=JenisPengingat.ANTRIAN_VERIFIKASI))


@shared_task(**_opsi)
def eskalasi_verifikasi() -> dict | None:
    return _ringkas(pengingat_kirim(jenis=JenisPengingat.ESKALASI_VERIFIKASI))
