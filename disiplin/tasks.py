"""Celery tasks of the discipline app: thin wrappers around :mod:`disiplin.services.fakta` and
:mod:`disiplin.services.bulan`, started by beat (schedule: migration ``disiplin/0002_jadwal_disiplin``, editable in
the Django admin).

:func:`hitung_disiplin_harian` runs nightly under a PostgreSQL advisory lock (two beats never dispatch twice): for
every month that matters (:func:`~disiplin.services.bulan.bulan_perlu_dihitung`) it closes the months past the
verification lock (recomputed, then closed, in one transaction) and fans the open ones out as a group of one
:func:`hitung_disiplin_opd` per OPD. Each OPD task is idempotent — an upsert keyed on (pegawai, tanggal, jenis) plus
the deletion of what is no longer true, serialised per OPD-month — so a message redelivered after a worker died
simply runs again (``CELERY_TASK_ACKS_LATE``); so do the month and nightly runs, which only fan those out again and
close a month once (a closed month is no longer among those that matter).
"""

from celery import group, shared_task
from django.conf import settings

from kinerja import waktu
from kinerja.pengingat import advisory_lock
from pegawai.models import PerangkatDaerah

from .services.bulan import batas_tutup, bulan_perlu_dihitung, bulan_tutup
from .services.fakta import hitung_fakta

# One OPD-month is a few set-based statements; a whole month closed in one transaction takes longer.
BATAS_OPD = min(10 * 60, settings.CELERY_TASK_TIME_LIMIT)


@shared_task(time_limit=BATAS_OPD, soft_time_limit=BATAS_OPD - 5)
def hitung_disiplin_opd(tahun: int, bulan: int, opd_id: int) -> int:
    """The facts of one OPD and month (nothing for a closed month): the number of rows written."""
    return hitung_fakta(tahun=tahun, bulan=bulan, opd_id=opd_id)


def _sebar(tahun: int, bulan: int) -> int:
    opd_ids = list(PerangkatDaerah.objects.order_by("pk").values_list("pk", flat=True))
    group(hitung_disiplin_opd.si(tahun, bulan, opd_id) for opd_id in opd_ids).apply_async()
    return len(opd_ids)


@shared_task(time_limit=BATAS_OPD, soft_time_limit=BATAS_OPD - 5)
def hitung_disiplin_bulan(tahun: int, bulan: int) -> int:
    """One month now (an admin's "hitung sekarang", a reopening): one task per OPD; the number of OPDs."""
    return _sebar(tahun, bulan)


@shared_task(time_limit=settings.CELERY_TASK_TIME_LIMIT, soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT)
def hitung_disiplin_harian() -> dict | None:
    """The nightly run: ``{"YYYY-MM": "ditutup" | number of OPD tasks}``, or ``None`` when another run holds
    the lock."""
    with advisory_lock("disiplin:harian") as dapat:
        if not dapat:
            return None
        hari_ini = waktu.hari_ini()
        hasil = {}
        for tahun, bulan in bulan_perlu_dihitung(hari_ini):
            kunci = f"{tahun}-{bulan:02d}"
            if hari_ini > batas_tutup(tahun, bulan, hari_ini):
                hasil[kunci] = "ditutup" if bulan_tutup(tahun=tahun, bulan=bulan, hari_ini=hari_ini) else "tetap"
            else:
                hasil[kunci] = _sebar(tahun, bulan)
        return hasil
