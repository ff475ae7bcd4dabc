import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.jobs import jalankan_pekerjaan, pekerjaan_klaim, pekerjaan_ulang
from portal.models import AksesLog, Pekerjaan, StatusPekerjaan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make_job(user, **kwargs):
    return Pekerjaan.objects.create(user=user, jenis="uji", judul="Uji", **kwargs)


def builder(job, progres):
    for i in range(1, 4):
        progres(i, 3)
    return "hasil.txt", b"isi"


def test_it_claims_a_job_once_so_a_redelivered_task_does_nothing(org):
    job = make_job(org.staf.user)
    assert pekerjaan_klaim(job.pk) is not None
    assert pekerjaan_klaim(job.pk) is None


def test_it_reclaims_a_job_whose_worker_died(org, settings):
    job = make_job(
        org.staf.user,
        status=StatusPekerjaan.BERJALAN,
        mulai=timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60),
    )
    assert pekerjaan_klaim(job.pk) is not None


def test_it_runs_a_job_to_a_file_and_replaces_the_file_on_rerun(org):
    job = make_job(org.staf.user)
    jalankan_pekerjaan(job.pk, builder)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.SELESAI and job.persen == 100 and job.total_n == 3
    first = job.berkas.name
    assert job.berkas.read() == b"isi"
    pekerjaan_ulang(job)
    jalankan_pekerjaan(job.pk, builder)
    job.refresh_from_db()
    assert job.berkas.name != first
    assert not job.berkas.storage.exists(first)


def test_it_marks_a_failed_job_with_a_message(org):
    job = make_job(org.staf.user)

    def broken(job, progres):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        jalankan_pekerjaan(job.pk, broken)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.GAGAL and "kesalahan" in job.pesan


def test_it_shows_and_serves_a_job_only_to_its_owner(client, org):
    job = make_job(org.staf.user)
    jalankan_pekerjaan(job.pk, builder)
    client.force_login(org.kasi.user)
    assert client.get(reverse("pekerjaan_detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("pekerjaan_unduh", args=[job.pk])).status_code == 404
    client.force_login(org.staf.user)
    page = client.get(reverse("pekerjaan_detail", args=[job.pk]))
    assert page.status_code == 200 and "Unduh berkas" in page.content.decode()
    download = client.get(reverse("pekerjaan_unduh", args=[job.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"isi"
    assert AksesLog.objects.filter(user=org.staf.user, jenis="UNDUH").count() == 1


def test_it_polls_progress_with_htmx_until_done(client, org):
    job = make_job(org.staf.user, status=StatusPekerjaan.BERJALAN, selesai_n=1, total_n=4, mulai=timezone.now())
    client.force_login(org.staf.user)
    partial = client.get(reverse("pekerjaan_detail", args=[job.pk]), headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "every 2s" in body and "25%" in body and "<html" not in body
