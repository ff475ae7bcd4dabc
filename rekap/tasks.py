"""Celery tasks of the recaps: thin wrappers around :mod:`rekap.services.hitung`, started by an admin's "Hitung"
(a :class:`~portal.models.Pekerjaan`) or by beat (schedule: migration ``rekap/0003_jadwal_rekap``, editable in the
Django admin).

A run (``putaran``) fans out as a group of one :func:`hitung_rekap_opd` per OPD; each OPD task marks its
:class:`~rekap.models.RekapOpd` row done and the one that finds every row of its run done queues
:func:`hitung_rekap_agregat` (a last-step check: the project keeps no result backend, so no chord). Every step is
idempotent — upserts keyed by (scope, periode), serialised per period-OPD — so a message redelivered after a worker
died (``CELERY_TASK_ACKS_LATE``) simply runs again, two OPD tasks finishing together at most queue the aggregate
twice, and the Pekerjaan sweeper may queue the whole job again: it fans out the OPDs not yet done.
"""

from __future__ import annotations

import datetime
import logging
import uuid

from celery import group, shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja import waktu
from kinerja.pengingat import advisory_lock
from pegawai.models import PerangkatDaerah
from portal.choices import StatusPekerjaan
from portal.jobs import jalankan_pekerjaan
from portal.models import Pekerjaan

from .choices import JenisPeriodeRekap, StatusPeriodeRekap, StatusRekapOpd
from .errors import RekapError
from .models import PeriodeRekap, RekapOpd
from .services.hitung import hitung_agregat, hitung_opd, konteks
from .services.periode import NOMOR_MAKS, alasan_belum_dapat_ditutup, periode_rekap, periode_tutup, rentang

logger = logging.getLogger(__name__)

BATAS_OPD = min(10 * 60, settings.CELERY_TASK_TIME_LIMIT)
#: How long a run's calendar stays in the cache: longer than any run waits in its queue.
SIMPAN_KONTEKS = 12 * 60 * 60


def _antrean(task) -> dict:
    """Publish options keeping a run's tasks on the queue its first task came from: a deployment may give the
    recaps their own queue and workers (and the worker tests one queue each)."""
    rute = (task.request.delivery_info or {}).get("routing_key")
    return {"queue": rute} if rute else {}


def _sebar(periode: PeriodeRekap, putaran: str, pekerjaan_id: int | None = None, antrean: dict | None = None) -> int:
    """Mark every OPD waiting for ``putaran`` and queue one task each (the aggregate at once when there is no
    OPD); the number of OPDs. A job queued again keeps the OPDs its run already finished."""
    opd_ids = list(PerangkatDaerah.objects.order_by("pk").values_list("pk", flat=True))
    sekarang = timezone.now()
    selesai = set()
    if pekerjaan_id is not None:
        selesai = set(
            RekapOpd.objects.filter(
                periode=periode, pekerjaan_id=pekerjaan_id, status=StatusRekapOpd.SELESAI
            ).values_list("perangkat_daerah_id", flat=True)
        )
    with transaction.atomic():
        for opd_id in opd_ids:
            data = {"putaran": putaran, "pekerjaan_id": pekerjaan_id, "diperbarui": sekarang}
            if opd_id not in selesai:
                data.update(status=StatusRekapOpd.MENUNGGU, pesan="", pegawai_n=0)
            RekapOpd.objects.update_or_create(periode=periode, perangkat_daerah_id=opd_id, defaults=data)
        RekapOpd.objects.filter(periode=periode).exclude(perangkat_daerah_id__in=opd_ids).delete()
        if pekerjaan_id is not None:
            Pekerjaan.objects.filter(pk=pekerjaan_id).update(
                total_n=len(opd_ids), selesai_n=len(selesai), detak=sekarang
            )
    sisa = [o for o in opd_ids if o not in selesai]
    if sisa:
        transaction.on_commit(
            lambda: group(hitung_rekap_opd.si(periode.pk, o, putaran) for o in sisa).apply_async(**(antrean or {}))
        )
    else:
        transaction.on_commit(lambda: hitung_rekap_agregat.apply_async((periode.pk, putaran), **(antrean or {})))
    return len(opd_ids)


@shared_task(bind=True, time_limit=BATAS_OPD, soft_time_limit=BATAS_OPD - 5)
def jalankan_rekap(self, pekerjaan_id: int) -> None:
    """The body of an admin's recap job: claim the row (a redelivered message finds it claimed and does
    nothing), then fan out. The job ends when the aggregate is written, or fails with the first failing OPD."""
    sekarang = timezone.now()
    diklaim = Pekerjaan.objects.filter(pk=pekerjaan_id, status=StatusPekerjaan.MENUNGGU).update(
        status=StatusPekerjaan.BERJALAN, mulai=sekarang, detak=sekarang, pesan="", percobaan=F("percobaan") + 1
    )
    if not diklaim:
        logger.info("Pekerjaan rekap %s tidak menunggu; dilewati.", pekerjaan_id)
        return
    job = Pekerjaan.objects.get(pk=pekerjaan_id)
    periode = PeriodeRekap.objects.filter(pk=job.parameter.get("periode")).first()
    if periode is None or periode.status == StatusPeriodeRekap.DITUTUP:
        Pekerjaan.objects.filter(pk=pekerjaan_id).update(
            status=StatusPekerjaan.GAGAL,
            selesai=timezone.now(),
            pesan=_("Periode ini sudah ditutup atau tidak ada lagi; rekapnya tidak dihitung ulang."),
        )
        return
    with transaction.atomic():
        _sebar(periode, uuid.uuid4().hex, pekerjaan_id, _antrean(self))


def _pekerjaan_aktif(baris: RekapOpd):
    return Pekerjaan.objects.filter(pk=baris.pekerjaan_id, status=StatusPekerjaan.BERJALAN)


def _konteks_putaran(periode: PeriodeRekap, putaran: str) -> dict:
    """The calendar of a run (:func:`~rekap.services.hitung.konteks`), worked out by the first of its OPD tasks and
    shared with the others through the cache: every OPD of one run is counted on the same calendar and the same
    today — even when the run crosses midnight or an admin edits a holiday meanwhile — and the other tasks skip its
    queries. The first writer wins when two tasks start together."""
    kunci = f"rekap:konteks:{putaran}"
    k = cache.get(kunci)
    if k is None:
        k = konteks(periode)
        if not cache.add(kunci, k, SIMPAN_KONTEKS):
            k = cache.get(kunci, k)
    return k


@shared_task(bind=True, time_limit=BATAS_OPD, soft_time_limit=BATAS_OPD - 5)
def hitung_rekap_opd(self, periode_id: int, opd_id: int, putaran: str) -> int:
    """One OPD of a run: its rows (nothing for a closed period), its progress row, the job's bar, and the
    aggregate when it is the last. The number of RekapPegawai rows written."""
    periode = PeriodeRekap.objects.get(pk=periode_id)
    try:
        ditulis = hitung_opd(periode, opd_id, k=_konteks_putaran(periode, putaran))
    except Exception as exc:
        pesan = _("Rekap perangkat daerah ini gagal dihitung. Tekan Coba lagi; bila gagal lagi, hubungi admin.")
        baris = RekapOpd.objects.filter(periode_id=periode_id, perangkat_daerah_id=opd_id, putaran=putaran).first()
        if baris is not None:
            RekapOpd.objects.filter(pk=baris.pk).update(
                status=StatusRekapOpd.GAGAL, pesan=pesan, diperbarui=timezone.now()
            )
            _pekerjaan_aktif(baris).update(status=StatusPekerjaan.GAGAL, selesai=timezone.now(), pesan=pesan)
        logger.exception("Rekap periode %s OPD %s gagal: %s", periode_id, opd_id, exc)
        raise
    sekarang = timezone.now()
    RekapOpd.objects.filter(periode_id=periode_id, perangkat_daerah_id=opd_id, putaran=putaran).update(
        status=StatusRekapOpd.SELESAI, pegawai_n=ditulis, pesan="", diperbarui=sekarang
    )
    run = RekapOpd.objects.filter(periode_id=periode_id, putaran=putaran)
    baris = run.first()
    if baris is None:
        return ditulis  # a newer run took the period over; it finishes on its own
    if baris.pekerjaan_id is not None:
        _pekerjaan_aktif(baris).update(selesai_n=run.filter(status=StatusRekapOpd.SELESAI).count(), detak=sekarang)
    if not run.exclude(status=StatusRekapOpd.SELESAI).exists():
        hitung_rekap_agregat.apply_async((periode_id, putaran), **_antrean(self))
    return ditulis


@shared_task(time_limit=BATAS_OPD, soft_time_limit=BATAS_OPD - 5)
def hitung_rekap_agregat(periode_id: int, putaran: str) -> int:
    """The unit / OPD / city rows of the period; ends the run's job. The number of rows written."""
    periode = PeriodeRekap.objects.get(pk=periode_id)
    ditulis = hitung_agregat(periode)
    baris = RekapOpd.objects.filter(periode_id=periode_id, putaran=putaran).exclude(pekerjaan=None).first()
    if baris is not None:
        sekarang = timezone.now()
        _pekerjaan_aktif(baris).update(
            status=StatusPekerjaan.SELESAI, selesai=sekarang, detak=sekarang, selesai_n=F("total_n")
        )
    return ditulis


def _tutup(job: Pekerjaan, progres) -> None:
    """Job builder (portal.jobs): the final computation and closing of the job's period, as its owner."""
    periode = PeriodeRekap.objects.filter(pk=job.parameter.get("periode")).first()
    if periode is None:
        raise RekapError(_("Periode ini tidak ada lagi."))
    progres(0, 1)
    periode_tutup(job.user, periode)


@shared_task(time_limit=settings.CELERY_TASK_TIME_LIMIT, soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT)
def tutup_rekap(pekerjaan_id: int) -> None:
    """An admin's "Hitung terakhir lalu tutup" (:func:`rekap.services.periode.tutup_mulai`). Idempotent: a run
    after the period was closed fails the job with "sudah ditutup" and changes nothing."""
    jalankan_pekerjaan(pekerjaan_id, _tutup)


def periode_bulan_ini(hari_ini: datetime.date) -> PeriodeRekap:
    return periode_rekap(JenisPeriodeRekap.BULAN, hari_ini.year, hari_ini.month)


def periode_perlu_ditutup(hari_ini: datetime.date) -> list[PeriodeRekap]:
    """The periods of this year and last that have ended, have never been closed and may now be: each is
    computed once, at its close. A period an admin reopened is left to the admin (it has ``alasan``)."""
    for tahun in (hari_ini.year - 1, hari_ini.year):
        for jenis, n in NOMOR_MAKS.items():
            for nomor in range(1, n + 1):
                if rentang(jenis, tahun, nomor)[1] < hari_ini:
                    periode_rekap(jenis, tahun, nomor)
    return [
        p
        for p in PeriodeRekap.objects.filter(
            status=StatusPeriodeRekap.TERBUKA, ditutup_pada=None, alasan_buka_kembali="", tahun__gte=hari_ini.year - 1
        ).order_by("selesai", "pk")
        if alasan_belum_dapat_ditutup(p, hari_ini) is None
    ]


@shared_task(
    bind=True, time_limit=settings.CELERY_TASK_TIME_LIMIT, soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT
)
def rekap_harian(self) -> dict | None:
    """The nightly run: close (computing once, finally) every ended period that may be closed, then fan out the
    open current month. ``{"ditutup": [...], "bulan_ini": OPD tasks}``, or ``None`` when another run holds the
    lock."""
    with advisory_lock("rekap:harian") as dapat:
        if not dapat:
            return None
        hari_ini = waktu.hari_ini()
        ditutup = []
        for periode in periode_perlu_ditutup(hari_ini):
            try:
                periode_tutup(None, periode, hari_ini)
                ditutup.append(str(periode))
            except RekapError as exc:  # closed meanwhile by an admin
                logger.info("Periode %s tidak ditutup: %s", periode, exc)
        periode = periode_bulan_ini(hari_ini)
        n = 0
        if periode.status == StatusPeriodeRekap.TERBUKA:
            with transaction.atomic():
                n = _sebar(periode, uuid.uuid4().hex, antrean=_antrean(self))
        return {"ditutup": ditutup, "bulan_ini": n}


# --- ekspor (R2): recap spreadsheets ---------------------------------------------------------------------------


@shared_task(time_limit=settings.CELERY_TASK_TIME_LIMIT, soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT)
def rekap_ekspor(pekerjaan_id: int) -> None:
    """An XLSX/CSV of a recap table (:func:`rekap.exports.berkas_ekspor`); the Pekerjaan row makes it idempotent."""
    from portal.jobs import jalankan_pekerjaan

    from .exports import berkas_ekspor

    jalankan_pekerjaan(pekerjaan_id, berkas_ekspor)


@shared_task(time_limit=BATAS_OPD, soft_time_limit=BATAS_OPD - 5)
def rekap_ekspor_sapu() -> int:
    """Hourly (beat): delete export files older than ``REKAP_EKSPOR_SIMPAN_JAM``; the number deleted."""
    from .exports import ekspor_sapu

    return ekspor_sapu()
