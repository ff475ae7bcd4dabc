"""Background jobs with progress (CONVENTIONS.md, Celery): a Pekerjaan row the page polls, ending in a file.

The API, all an app needs:

- ``pekerjaan_mulai(user=, jenis=, judul=, task=, parameter=)`` — the user's job for one document (same ``jenis`` and
  ``parameter``): the existing row queued again, or a new one. A double click starts nothing twice; a job that is
  stuck (see below), finished or failed is queued again, and its last good file stays downloadable meanwhile.
- ``pekerjaan_buat(...)`` — the same arguments, always a new row (a job that is not "a document", e.g. a recap).
- ``jalankan_pekerjaan(pekerjaan_id, builder)`` — the whole body of the Celery task; ``builder(job, progres)``
  returns ``(filename, bytes)`` (or ``None`` when the job changes data instead, shown at ``tautan``) and calls
  ``progres(done, total)`` after each item. The task must be idempotent (acks_late): it runs again from the start
  after a crash, and only the run that holds the row may save a file.
- ``pekerjaan_bagi(...)`` and ``jalankan_bagian(...)`` — a job split into parts that a Celery group runs on as many
  workers as there are, the last part to finish assembling the file (see "Jobs split into parts" below).
- ``pekerjaan_coba_lagi(job)`` — the "Coba lagi" button of a failed or stuck job.
- ``pekerjaan_sapu()`` — the recovery sweep beat runs every minute (``portal.tasks.sapu_pekerjaan``), with
  ``bagian_sapu()`` deleting the parts of split jobs that no longer run.

Recovery, as Celery's docs advise for a Redis broker: the row is the truth, and the message only a wake-up call.
The job is published after the transaction commits; when the broker is down the publish fails within seconds,
the row stays waiting with a note for the page, and the sweep publishes it later. A run claims the row with a
conditional UPDATE (waiting → running, ``percobaan`` + 1), so a redelivered message does nothing; its start time
(``mulai``) identifies the run, and every later write of the run is conditional on it, so a run that was given up
on cannot overwrite the result of the one that replaced it. ``detak`` is the last sign of life: set when queued and
claimed, at each progress step, and by a heartbeat thread every ``DETAK_DETIK`` during long steps. A waiting or
running job quiet for ``PEKERJAAN_BASI_MENIT`` is queued again by the sweep, which marks it failed once it has been
started ``PEKERJAAN_MAKS_PERCOBAAN`` times (a job that kills its worker must not loop forever).
"""

from __future__ import annotations

import datetime
import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from celery import current_app
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import DatabaseError, connection, transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Least
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from .errors import DomainError
from .models import Pekerjaan, StatusPekerjaan

logger = logging.getLogger(__name__)

#: ``builder(job, progres)`` returns ``(filename, content)``, or ``None`` for a job that makes no file.
Builder = Callable[[Pekerjaan, Callable[[int, int], None]], tuple[str, bytes] | None]

#: Seconds between heartbeats of a running job: well under the smallest threshold (one minute).
DETAK_DETIK = 15
#: Jobs the sweep handles per run (it runs every minute; more wait for the next run).
SAPU_PER_PUTARAN = 500
AKTIF = (StatusPekerjaan.MENUNGGU, StatusPekerjaan.BERJALAN)


class PutaranDigantikan(Exception):
    """This run no longer holds the row: the sweep or the user queued the job again meanwhile."""


def _batas_basi() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=settings.PEKERJAAN_BASI_MENIT)


def _pesan_layanan_mati() -> str:
    return _(
        "Layanan pemrosesan sedang tidak tersedia. Permintaan Anda sudah tersimpan dan akan diproses otomatis "
        "begitu layanan kembali; Anda tidak perlu memintanya lagi."
    )


def _pesan_mulai_lagi() -> str:
    return _("Pemrosesan terhenti dan tidak dapat diulang otomatis. Mulai lagi dari halaman dokumennya.")


def _antrekan(pekerjaan_id: int, tugas: str) -> bool:
    """Publish the job's task; False when the broker cannot be reached, which leaves the row waiting with a note for
    its page. A task that no longer exists (renamed since the row was written) fails the job instead."""
    task = current_app.tasks.get(tugas)
    if task is None:
        logger.error("Tugas %r pekerjaan %s tidak dikenal.", tugas, pekerjaan_id)
        Pekerjaan.objects.filter(pk=pekerjaan_id, status=StatusPekerjaan.MENUNGGU).update(
            status=StatusPekerjaan.GAGAL, selesai=timezone.now(), pesan=_pesan_mulai_lagi()
        )
        return True
    try:
        task.apply_async((pekerjaan_id,))
    except OperationalError as exc:
        logger.warning("Broker tidak terjangkau (%s); pekerjaan %s menunggu penyapu.", exc, pekerjaan_id)
        Pekerjaan.objects.filter(pk=pekerjaan_id, status=StatusPekerjaan.MENUNGGU).update(pesan=_pesan_layanan_mati())
        return False
    # A waiting job's message is only ever that note: the publish worked, so it no longer applies.
    Pekerjaan.objects.filter(pk=pekerjaan_id, status=StatusPekerjaan.MENUNGGU).exclude(pesan="").update(pesan="")
    return True


def _antrekan_setelah_commit(job: Pekerjaan) -> None:
    pk, tugas = job.pk, job.tugas
    transaction.on_commit(lambda: _antrekan(pk, tugas))


def _ulang(job: Pekerjaan, **perubahan) -> None:
    """Put ``job`` (locked by the caller) back in the queue as a new request, and publish it after commit."""
    now = timezone.now()
    # "dibuat" moves too: the job is shown first again in "Pekerjaan saya".
    perubahan = {
        "status": StatusPekerjaan.MENUNGGU,
        "selesai_n": 0,
        "percobaan": 0,
        "pesan": "",
        "dibuat": now,
        "detak": now,
        **perubahan,
    }
    Pekerjaan.objects.filter(pk=job.pk).update(**perubahan)
    for field, value in perubahan.items():
        setattr(job, field, value)
    _antrekan_setelah_commit(job)


def pekerjaan_buat(*, user, jenis: str, judul: str, task, parameter: dict | None = None, tautan: str = "") -> Pekerjaan:
    """Create a job row and queue ``task(pk)`` after the transaction commits. ``tautan``: the page showing the
    result of a job that makes no file."""
    with transaction.atomic():
        job = Pekerjaan.objects.create(
            user=user, jenis=jenis, judul=judul, parameter=parameter or {}, tugas=task.name, tautan=tautan
        )
        _antrekan_setelah_commit(job)
    return job


def pekerjaan_mulai(*, user, jenis: str, judul: str, task, parameter: dict) -> Pekerjaan:
    """The user's job for this document: the existing one queued again (its file is replaced when it finishes),
    or a new one. A job waiting or running with a recent sign of life is left alone, so a double click starts
    nothing twice; a stuck one is queued again at once rather than returned as it is."""
    with transaction.atomic():
        job = (
            Pekerjaan.objects.select_for_update()
            .filter(user=user, jenis=jenis, parameter=parameter)
            .order_by("-dibuat", "-pk")
            .first()
        )
        if job is None:
            return pekerjaan_buat(user=user, jenis=jenis, judul=judul, task=task, parameter=parameter)
        if job.aktif and not job.macet:
            return job
        _ulang(job, judul=judul, tugas=task.name)
    return job


def pekerjaan_coba_lagi(job: Pekerjaan) -> bool:
    """The "Coba lagi" button: a failed or stuck job queued again with fresh attempts. False when there is nothing
    to retry (it is alive, finished, or an old row that does not know its task)."""
    with transaction.atomic():
        job = Pekerjaan.objects.select_for_update().get(pk=job.pk)
        if not job.bisa_diulang:
            return False
        _ulang(job)
    return True


def _klaim(pekerjaan_id: int) -> Pekerjaan | None:
    now = timezone.now()
    claimed = Pekerjaan.objects.filter(pk=pekerjaan_id, status=StatusPekerjaan.MENUNGGU).update(
        status=StatusPekerjaan.BERJALAN, mulai=now, detak=now, selesai_n=0, pesan="", percobaan=F("percobaan") + 1
    )
    return Pekerjaan.objects.get(pk=pekerjaan_id) if claimed else None


@contextmanager
def _detak_berkala(putaran: QuerySet) -> Iterator[None]:
    """Refresh the run's sign of life every DETAK_DETIK seconds while the body runs, in a thread with its own
    database connection: one rendering step may take longer than the threshold without calling ``progres``."""
    berhenti = threading.Event()

    def detak() -> None:
        try:
            while not berhenti.wait(DETAK_DETIK):
                try:
                    putaran.update(detak=timezone.now())
                except DatabaseError:
                    logger.warning("Detak pekerjaan gagal ditulis; dicoba lagi.", exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=detak, name="detak-pekerjaan", daemon=True)
    thread.start()
    try:
        yield
    finally:
        berhenti.set()
        thread.join()


def _pesan_gagal(exc: Exception) -> str:
    if isinstance(exc, SoftTimeLimitExceeded):
        return _("Pekerjaan ini melewati batas waktu pemrosesan (%(menit)s menit). Coba lagi nanti.") % {
            "menit": max(1, settings.CELERY_TASK_TIME_LIMIT // 60)
        }
    if isinstance(exc, DomainError):
        return str(exc)  # a rule refused it (e.g. the period was closed meanwhile): its own Indonesian message
    return getattr(exc, "pesan_pengguna", _("Terjadi kesalahan saat memproses. Silakan coba lagi."))


def jalankan_pekerjaan(pekerjaan_id: int, builder: Builder) -> None:
    job = _klaim(pekerjaan_id)
    if job is None:
        logger.info("Pekerjaan %s tidak menunggu (sudah diklaim, selesai, atau tidak ada); dilewati.", pekerjaan_id)
        return
    # Every write of this run is conditional on still holding the row.
    putaran = Pekerjaan.objects.filter(pk=job.pk, status=StatusPekerjaan.BERJALAN, mulai=job.mulai)

    def progres(selesai_n: int, total_n: int) -> None:
        if not putaran.update(selesai_n=selesai_n, total_n=total_n, detak=timezone.now()):
            raise PutaranDigantikan

    try:
        with _detak_berkala(putaran):
            hasil = builder(job, progres)
    except PutaranDigantikan:
        logger.warning("Pekerjaan %s diantrekan ulang selagi berjalan; putaran lama berhenti.", pekerjaan_id)
        return
    except Exception as exc:  # the page must show failure instead of spinning forever
        logger.exception("Pekerjaan %s gagal", pekerjaan_id)
        putaran.update(status=StatusPekerjaan.GAGAL, selesai=timezone.now(), pesan=_pesan_gagal(exc))
        raise
    if hasil is None:
        _simpan_hasil(putaran)
    else:
        _simpan_hasil(putaran, *hasil)


def _simpan_hasil(putaran: QuerySet, filename: str | None = None, content: bytes | File | None = None) -> None:
    """Finish the run that still holds the row, with its file (none for a job that makes none)."""
    with transaction.atomic():
        job = putaran.select_for_update().first()
        if job is None:
            logger.warning("Hasil putaran yang sudah digantikan dibuang.")
            return
        old_name = job.berkas.name
        fields = ["status", "selesai", "detak", "selesai_n", "total_n"]
        if filename is not None:
            job.berkas.save(filename, content if isinstance(content, File) else ContentFile(content), save=False)
            fields.append("berkas")
        job.status = StatusPekerjaan.SELESAI
        job.selesai = job.detak = timezone.now()
        job.selesai_n = job.total_n = max(job.total_n, job.selesai_n, 1)
        job.save(update_fields=fields)
    if old_name and old_name != job.berkas.name:
        job.berkas.storage.delete(old_name)


def pekerjaan_sapu() -> dict[str, int]:
    """Queue again the waiting and running jobs quiet for longer than ``PEKERJAAN_BASI_MENIT``; mark failed those
    already started ``PEKERJAAN_MAKS_PERCOBAAN`` times, and those whose task is unknown (old rows). Rows another
    sweep holds are skipped, so two beats never handle one job twice. ``{"diantrekan": n, "gagal": n}``."""
    hasil = {"diantrekan": 0, "gagal": 0}
    ulang: list[tuple[int, str]] = []
    now = timezone.now()
    with transaction.atomic():
        basi = (
            Pekerjaan.objects.select_for_update(skip_locked=True)
            .filter(status__in=AKTIF, detak__lt=_batas_basi())
            .order_by("detak")[:SAPU_PER_PUTARAN]
        )
        for job in basi:
            habis = job.status == StatusPekerjaan.BERJALAN and job.percobaan >= settings.PEKERJAAN_MAKS_PERCOBAAN
            if job.tugas in current_app.tasks and not habis:
                # Not counted here: ``percobaan`` counts runs, and a job only waiting was never started.
                Pekerjaan.objects.filter(pk=job.pk).update(status=StatusPekerjaan.MENUNGGU, selesai_n=0, detak=now)
                ulang.append((job.pk, job.tugas))
                continue
            if habis:
                pesan = _(
                    "Pemrosesan terhenti %(n)s kali sebelum selesai (layanan pemrosesan mati atau kehabisan "
                    "memori), jadi tidak dicoba lagi otomatis. Tekan Coba lagi; bila terhenti lagi, hubungi admin."
                ) % {"n": job.percobaan}
            else:
                pesan = _pesan_mulai_lagi()
            Pekerjaan.objects.filter(pk=job.pk).update(status=StatusPekerjaan.GAGAL, selesai=now, pesan=pesan)
            hasil["gagal"] += 1
    # Published after the commit, so a worker finds the rows waiting. After one failure the broker is taken to be
    # down: the rest get their note at once rather than a second each, and the next sweeps try them again.
    for i, (pk, tugas) in enumerate(ulang):
        if not _antrekan(pk, tugas):
            sisa = [pk for pk, _tugas in ulang[i + 1 :]]
            Pekerjaan.objects.filter(pk__in=sisa, status=StatusPekerjaan.MENUNGGU).update(pesan=_pesan_layanan_mati())
            break
        hasil["diantrekan"] += 1
    if any(hasil.values()):
        logger.warning("Penyapu pekerjaan: %s", hasil)
    return hasil


# ---------------------------------------------------------------------------------------------------------------
# Jobs split into parts
# ---------------------------------------------------------------------------------------------------------------
#
# A batch of thousands of documents is split so that every worker process takes a share: the job's task claims the
# row as above and publishes one part task per slice in a Celery group; each part writes its file to storage under
# the run's folder and counts its items in ``selesai_n``; the part that finds every file there assembles the result
# and finishes the row. There is no result backend, so no chord: the files in storage are the record of which parts
# are done, checked under the row's lock so that exactly one part assembles.
#
# Recovery stays the row's: a part is idempotent (a redelivered part whose file exists only checks for assembly), a
# part of a replaced run does nothing, and a run whose parts were lost goes quiet and is queued again by the sweep
# as a whole (a new run, new folder). The counter may run ahead of the truth by the items of a part that died mid-way
# and ran again; it is capped at the total and set exactly when the job finishes.

#: Storage folder of the parts: ``pekerjaan-bagian/<job pk>/<run>/<part number>``; emptied when the job finishes.
FOLDER_BAGIAN = "pekerjaan-bagian"

BuilderBagian = Callable[[Pekerjaan, Callable[[], None]], bytes]
Perakit = Callable[[Pekerjaan, Iterator[File]], tuple[str, bytes | File]]


def _folder_bagian(pekerjaan_id: int, kunci: str | None = None) -> str:
    folder = f"{FOLDER_BAGIAN}/{pekerjaan_id}"
    return folder if kunci is None else f"{folder}/{datetime.datetime.fromisoformat(kunci):%Y%m%dT%H%M%S%f}"


def pekerjaan_bagi(pekerjaan_id: int, rencana, tugas_bagian, antrean: str | None = None) -> None:
    """The whole body of the task of a split job. ``rencana(job)`` returns ``(bagian, total_n)``: the parts, each a
    JSON value for one part task (at least one), and the number of items in all. Publishes
    ``tugas_bagian(pekerjaan_id, kunci, nomor, jumlah, bagian)`` for each part in one group, on ``antrean`` (the
    queue the job's task came from, so the parts go to the workers that serve it); the part task's body is
    :func:`jalankan_bagian`."""
    from celery import group  # here: the web process that only queues jobs does not need it

    job = _klaim(pekerjaan_id)
    if job is None:
        logger.info("Pekerjaan %s tidak menunggu (sudah diklaim, selesai, atau tidak ada); dilewati.", pekerjaan_id)
        return
    putaran = Pekerjaan.objects.filter(pk=job.pk, status=StatusPekerjaan.BERJALAN, mulai=job.mulai)
    kunci = job.mulai.isoformat()
    try:
        bagian, total_n = rencana(job)
        if not putaran.update(total_n=total_n, detak=timezone.now()):
            raise PutaranDigantikan
        jumlah = len(bagian)
        group(tugas_bagian.s(job.pk, kunci, nomor, jumlah, isi) for nomor, isi in enumerate(bagian)).apply_async(
            queue=antrean
        )
    except PutaranDigantikan:
        logger.warning("Pekerjaan %s diantrekan ulang selagi berjalan; putaran lama berhenti.", pekerjaan_id)
    except Exception as exc:
        logger.exception("Pekerjaan %s gagal", pekerjaan_id)
        putaran.update(status=StatusPekerjaan.GAGAL, selesai=timezone.now(), pesan=_pesan_gagal(exc))
        raise


def jalankan_bagian(
    pekerjaan_id: int, kunci: str, nomor: int, jumlah: int, builder: BuilderBagian, rakit: Perakit
) -> None:
    """The whole body of a part task. ``builder(job, maju)`` returns the part's file and calls ``maju()`` after each
    item; ``rakit(job, bagian)`` gets the parts' files in order and returns ``(filename, content)`` of the job."""
    putaran = Pekerjaan.objects.filter(
        pk=pekerjaan_id, status=StatusPekerjaan.BERJALAN, mulai=datetime.datetime.fromisoformat(kunci)
    )
    job = putaran.first()
    if job is None:
        logger.info("Bagian %s pekerjaan %s: putarannya sudah berakhir; dilewati.", nomor, pekerjaan_id)
        return
    storage = job.berkas.storage
    nama = f"{_folder_bagian(pekerjaan_id, kunci)}/{nomor:05d}"

    def maju() -> None:
        if not putaran.update(selesai_n=Least(F("selesai_n") + 1, F("total_n")), detak=timezone.now()):
            raise PutaranDigantikan

    try:
        if not storage.exists(nama):  # a redelivered part that already saved its file only checks for assembly
            with _detak_berkala(putaran):
                content = builder(job, maju)
            storage.save(nama, ContentFile(content))
        _rakit_bila_lengkap(putaran, kunci, jumlah, rakit)
    except PutaranDigantikan:
        logger.warning("Pekerjaan %s diantrekan ulang selagi berjalan; bagian %s berhenti.", pekerjaan_id, nomor)
    except Exception as exc:
        logger.exception("Bagian %s pekerjaan %s gagal", nomor, pekerjaan_id)
        putaran.update(status=StatusPekerjaan.GAGAL, selesai=timezone.now(), pesan=_pesan_gagal(exc))
        raise


def _rakit_bila_lengkap(putaran: QuerySet, kunci: str, jumlah: int, rakit: Perakit) -> None:
    # Under the row's lock: two parts finishing together cannot both see every file and assemble twice, and the one
    # that saves its file last always sees the others'. No heartbeat thread here: it would wait for this lock.
    with transaction.atomic():
        job = putaran.select_for_update().first()
        if job is None:
            return
        storage = job.berkas.storage
        folder = _folder_bagian(job.pk, kunci)
        nama = [f"{folder}/{nomor:05d}" for nomor in range(jumlah)]
        if not all(storage.exists(n) for n in nama):
            return

        def bagian() -> Iterator[File]:
            for n in nama:
                with storage.open(n, "rb") as berkas:
                    yield berkas

        filename, content = rakit(job, bagian())
        _simpan_hasil(putaran, filename, content)
    _hapus_bagian(storage, job.pk)


def bagian_sapu() -> int:
    """Delete the parts left by split jobs that no longer wait or run — failed (a part raised, or the sweep gave up
    on it), finished before this cleanup existed, or deleted — each under its row's lock, so a "Coba lagi" starting
    a new run meanwhile is not robbed of its first parts. A batch's parts are hundreds of MB of PDF that no run
    reads again: a retry is a new run with a folder of its own. The number of jobs whose parts were deleted."""
    storage = Pekerjaan._meta.get_field("berkas").storage
    try:
        folders, _files = storage.listdir(FOLDER_BAGIAN)
    except FileNotFoundError:
        return 0
    n = 0
    for pk in sorted(int(f) for f in folders if f.isdigit()):
        with transaction.atomic():
            job = Pekerjaan.objects.select_for_update().filter(pk=pk).first()
            if job is not None and job.status in AKTIF:
                continue
            _hapus_bagian(storage, pk)
        n += 1
    if n:
        logger.info("Bagian dari %s pekerjaan yang tidak berjalan lagi dihapus.", n)
    return n


def _hapus_bagian(storage, pekerjaan_id: int) -> None:
    """Delete the parts of every run of the job: this one's, and any left by runs that were replaced or failed."""
    folder = _folder_bagian(pekerjaan_id)
    try:
        runs, _files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for run in runs:
        for berkas in storage.listdir(f"{folder}/{run}")[1]:
            storage.delete(f"{folder}/{run}/{berkas}")
        _hapus_folder_kosong(storage, f"{folder}/{run}")
    _hapus_folder_kosong(storage, folder)


def _hapus_folder_kosong(storage, folder: str) -> None:
    # On a file system the emptied folders would stay, and the sweep would visit every job's forever; object
    # storages have no folders (no ``path``).
    try:
        os.rmdir(storage.path(folder))
    except (NotImplementedError, OSError):
        pass
