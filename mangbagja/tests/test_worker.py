"""Background jobs run in a real Celery worker, as in production and in `make run`: the request only queues the
job, and a worker takes it from queued to done.

The other tests run tasks eagerly (conftest ``_celery_eager``) because they test what a task does, not how it is
delivered; this one needs a broker, so it runs where REDIS_URL is set (CI, `make run`'s environment)."""

from __future__ import annotations

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings as django_settings
from django.urls import reverse

from mangbagja.celery import app
from portal.choices import StatusPekerjaan
from portal.models import Pekerjaan
from skp.tests.factories import SkpFactory

pytestmark = [
    # Committed rows: the worker thread reads the job through its own database connection. The rows data
    # migrations made (emptied by the flush after the test) are put back, as in the other transactional tests.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not django_settings.REDIS_URL, reason="butuh broker Redis (REDIS_URL)"),
]

# Generous: a loaded CI machine may take a while to start the worker and render one PDF. The test waits for a state,
# it does not measure how long it took.
BATAS_TUNGGU_DETIK = 120


def tunggu_selesai(job: Pekerjaan) -> Pekerjaan:
    batas = time.monotonic() + BATAS_TUNGGU_DETIK
    while time.monotonic() < batas:
        job.refresh_from_db()
        if job.status in (StatusPekerjaan.SELESAI, StatusPekerjaan.GAGAL):
            return job
        time.sleep(0.2)
    return job


@pytest.fixture
def _celery_broker():
    """Deliver tasks through the broker, as production does (undoing conftest's eager mode for this test)."""
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


@pytest.mark.usefixtures("_celery_broker")
def test_a_queued_pdf_job_is_done_by_a_real_worker_not_by_the_request(client, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    skp = SkpFactory(pegawai=org.staf)
    client.force_login(org.staf.user)

    response = client.post(reverse("skp:pdf", args=[skp.pk]))

    job = Pekerjaan.objects.get(user=org.staf.user)
    assert response.status_code == 302 and response.url == reverse("pekerjaan_detail", args=[job.pk])
    # The request only queued it: no worker is running yet, so nothing has rendered it.
    assert job.status == StatusPekerjaan.MENUNGGU and job.persen == 0 and not job.berkas

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        job = tunggu_selesai(job)

    assert job.status == StatusPekerjaan.SELESAI, job.pesan
    assert job.persen == 100 and job.berkas.read().startswith(b"%PDF")
