"""Background jobs in real Celery workers, as in production and `make run`: the request only queues the job, a worker
takes it from queued to done, and the job survives a worker killed mid-way and a broker down when it was asked for.

The other tests run tasks eagerly (conftest ``_celery_eager``) because they test what a task does, not how it is
delivered; these need a broker, so they run where REDIS_URL is set (CI, `make test` with the machine's Redis). Each
test publishes to a queue of its own, consumed by a worker process started here (``celery -A mangbagja worker``
on this test database): the xdist processes, other tests and a `make run` worker share the Redis and must not take
each other's messages."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
import zipfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from mangbagja.celery import app
from pegawai.tests.factories import JabatanFactory, PegawaiFactory
from portal.choices import StatusPekerjaan
from portal.jobs import pekerjaan_sapu
from portal.models import Pekerjaan
from skp.tests.factories import skp_disetujui

pytestmark = [
    # Committed rows: the worker process reads the job through its own database connection. The rows data
    # migrations made (emptied by the flush after the test) are put back, as in the other transactional tests.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not django_settings.REDIS_URL, reason="butuh broker Redis (REDIS_URL)"),
]

# Generous: a loaded CI machine may take a while to start a worker and render. The tests wait for a state; the
# durations they print are for the record, not asserted.
BATAS_TUNGGU_DETIK = 60
JUMLAH_SKP = 12
ROOT = Path(__file__).resolve().parents[2]


def tunggu(job: Pekerjaan, sampai, pesan: str) -> Pekerjaan:
    batas = time.monotonic() + BATAS_TUNGGU_DETIK
    while time.monotonic() < batas:
        job.refresh_from_db()
        if sampai(job):
            return job
        time.sleep(0.02)
    pytest.fail(f"{pesan}: status {job.status}, {job.selesai_n}/{job.total_n}, {job.pesan!r}")


def _database_url() -> str:
    """This test database (test_<name>, or test_<name>_gw<n> under xdist) as a DATABASE_URL for the worker."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "") + (":" + quote(db["PASSWORD"]) if db["PASSWORD"] else "")
    auth = f"{auth}@" if auth else ""
    host = db["HOST"] or ""
    if host.startswith("/"):  # a socket directory (the embedded PostgreSQL of `make test`)
        return f"postgres://{auth}/{db['NAME']}?host={quote(host)}"
    return f"postgres://{auth}{host}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def antrean():
    """A queue of this test alone, on the real broker (undoing conftest's eager mode); emptied afterwards, with the
    message a killed worker left unacknowledged."""
    nama = f"uji-{uuid.uuid4().hex[:12]}"
    app.conf.task_always_eager = False
    app.conf.task_default_queue = nama
    yield nama
    app.conf.task_default_queue = "celery"
    app.conf.task_always_eager = True
    r = redis.Redis.from_url(django_settings.REDIS_URL)
    for key in r.scan_iter(match=f"*{nama}*"):
        r.delete(key)
    for tag in belum_diakui(nama):
        r.hdel("unacked", tag)
        r.zrem("unacked_index", tag)


def belum_diakui(nama: str) -> list[bytes]:
    """The delivery tags of the messages of queue ``nama`` a worker took and has not acknowledged."""
    r = redis.Redis.from_url(django_settings.REDIS_URL)
    # kombu keeps each as [message, exchange, routing key]; the routing key of a queue of its own is its name.
    return [tag for tag, raw in r.hscan_iter("unacked") if json.loads(raw)[-1] == nama]


@pytest.fixture
def worker(antrean, tmp_path):
    """Start ``celery -A mangbagja worker`` on this test's queue and database; the solo pool runs the task in the
    worker process itself, so SIGKILL kills the job mid-way as a crash of the machine would."""
    started = []

    def mulai() -> subprocess.Popen:
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
            "REDIS_URL": django_settings.REDIS_URL,
        }
        log = open(tmp_path / f"worker-{len(started)}.log", "wb")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "mangbagja", "worker", "--pool", "solo", "-Q", antrean]
            + ["-n", f"{antrean}-{len(started)}@%h", "--without-mingle", "--without-gossip", "--loglevel", "INFO"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append((proc, log))
        return proc

    yield mulai
    for proc, log in started:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()


def _log(tmp_path) -> str:
    return "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(tmp_path.glob("worker-*.log")))


@contextmanager
def broker_mati():
    """Publish to a Redis port nothing listens on, as when Redis is down; the workers keep the real one."""

    def ganti(url):
        app.conf.broker_write_url = url
        app.amqp._producer_pool = None  # the pools hold connections to the previous URL
        app._pool = None

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ganti(f"redis://127.0.0.1:{port}/0")
    try:
        yield
    finally:
        ganti(None)


@pytest.fixture
def opd_batch(org):
    """The PDF batch of Dinas A with enough approved SKP that a worker can be killed while it renders them."""
    for _ in range(JUMLAH_SKP):
        jabatan = JabatanFactory(unit_kerja=org.staf.jabatan.unit_kerja, parent=org.kasi.jabatan)
        skp = skp_disetujui(PegawaiFactory(jabatan=jabatan), rhk=["Dokumen pelayanan tersusun"], penilai=org.kasi)
    return reverse("skp:pdf_opd", args=[org.opd_a.pk, skp.tahun])


def test_a_job_whose_worker_is_killed_mid_way_finishes_once_in_a_new_worker(
    client, org, settings, tmp_path, antrean, worker, opd_batch
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(org.admin_opd)

    response = client.post(opd_batch)

    job = Pekerjaan.objects.get(user=org.admin_opd)
    assert response.status_code == 302 and response.url == reverse("pekerjaan_detail", args=[job.pk])
    # The request only queued it: no worker is running yet, so nothing has rendered it.
    assert job.status == StatusPekerjaan.MENUNGGU and job.persen == 0 and not job.berkas

    pertama = worker()
    job = tunggu(job, lambda j: j.selesai_n >= 2, "pekerjaan tidak mulai\n" + _log(tmp_path))
    os.kill(pertama.pid, signal.SIGKILL)
    pertama.wait()
    mati = time.monotonic()
    job.refresh_from_db()
    terbunuh = job.selesai_n
    assert job.status == StatusPekerjaan.BERJALAN and job.selesai_n < job.total_n == JUMLAH_SKP, (
        "selesai sebelum dibunuh"
    )
    # acks_late: the message is still unacknowledged; Redis would redeliver it only after the visibility timeout.
    assert len(belum_diakui(antrean)) == 1

    # The sweep of beat, with the threshold at zero: the job is quiet already, so it is queued again at once.
    settings.PEKERJAAN_BASI_MENIT = 0
    assert pekerjaan_sapu() == {"diantrekan": 1, "gagal": 0}
    worker()
    job = tunggu(job, lambda j: not j.aktif, "pekerjaan tidak selesai\n" + _log(tmp_path))
    print(f"dibunuh pada item {terbunuh} dari {job.total_n}: selesai {time.monotonic() - mati:.1f} s kemudian")

    assert job.status == StatusPekerjaan.SELESAI, job.pesan
    assert job.percobaan == 2 and (job.selesai_n, job.total_n) == (JUMLAH_SKP, JUMLAH_SKP)
    assert [p.name for p in (tmp_path / "media").rglob("*") if p.is_file()] == [Path(job.berkas.name).name]
    with zipfile.ZipFile(job.berkas.open("rb")) as arsip:
        assert len(arsip.namelist()) == JUMLAH_SKP


def test_a_job_asked_for_while_the_broker_is_down_runs_when_it_returns(client, org, settings, tmp_path, worker):
    settings.MEDIA_ROOT = tmp_path / "media"
    skp = skp_disetujui(org.staf, rhk=["Data tersaji"], penilai=org.kasi)
    client.force_login(org.staf.user)

    with broker_mati():
        awal = time.monotonic()
        response = client.post(reverse("skp:pdf", args=[skp.pk]))
        lama = time.monotonic() - awal
    print(f"permintaan dengan broker mati dijawab dalam {lama:.2f} s")

    job = Pekerjaan.objects.get(user=org.staf.user)
    assert response.status_code == 302 and response.url == reverse("pekerjaan_detail", args=[job.pk])
    assert job.status == StatusPekerjaan.MENUNGGU and "tidak tersedia" in job.pesan
    page = client.get(response.url)
    assert page.status_code == 200 and "akan diproses otomatis begitu layanan kembali" in page.content.decode()

    settings.PEKERJAAN_BASI_MENIT = 0
    assert pekerjaan_sapu() == {"diantrekan": 1, "gagal": 0}
    worker()
    job = tunggu(job, lambda j: not j.aktif, "pekerjaan tidak selesai\n" + _log(tmp_path))

    assert job.status == StatusPekerjaan.SELESAI and job.pesan == "" and job.percobaan == 1
    assert job.berkas.read().startswith(b"%PDF")
