"""Celery task of the platform: the recovery sweep of background jobs (:func:`portal.jobs.pekerjaan_sapu`, then
:func:`portal.jobs.bagian_sapu` for the parts split jobs no longer need), run by beat every minute (schedule:
migration ``portal/0003_jadwal_sapu_pekerjaan``, editable in the Django admin).

Idempotent: it handles only jobs quiet past the threshold, under row locks it skips when another sweep holds
them, and refreshes their sign of life; a second run right after finds nothing to do.
"""

from celery import shared_task

from .jobs import bagian_sapu, pekerjaan_sapu

# A few conditional UPDATEs and publishes: one minute leaves ample room, and ends before the next run starts.
BATAS = 60


@shared_task(time_limit=BATAS, soft_time_limit=BATAS - 5)
def sapu_pekerjaan() -> dict[str, int]:
    return {**pekerjaan_sapu(), "bagian_dihapus": bagian_sapu()}
