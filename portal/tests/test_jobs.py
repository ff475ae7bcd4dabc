"""portal.jobs: claiming, progress, the file of the last good run, "Coba lagi", and the recovery sweep. Tasks run
eagerly here (conftest); mangbagja/tests/test_worker.py kills real workers and stops the broker."""

import datetime
import time

import pytest
from celery import shared_task
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from portal import jobs
from portal.jobs import jalankan_pekerjaan, pekerjaan_coba_lagi, pekerjaan_mulai, pekerjaan_sapu
from portal.models import AksesLog, Pekerjaan, StatusPekerjaan

pytestmark = pytest.mark.django_db

DIJALANKAN = []


def builder(job, progres):
    DIJALANKAN.append(job.pk)
    for i in range(1, 4):
        progres(i, 3)
    return "hasil.txt", f"isi {len(DIJALANKAN)}".encode()


@shared_task(name="portal.tests.uji")
def tugas_uji(pekerjaan_id):
    jalankan_pekerjaan(pekerjaan_id, builder)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    DIJALANKAN.clear()


def make_job(user, **kwargs):
    kwargs.setdefault("tugas", tugas_uji.name)
    return Pekerjaan.objects.create(user=user, jenis="uji", judul="Uji", **kwargs)


def lampau(settings, menit=1):
    return timezone.now() - datetime.timedelta(minutes=settings.PEKERJAAN_BASI_MENIT + menit)


def mulai(user):
    return pekerjaan_mulai(user=user, jenis="uji", judul="Uji", task=tugas_uji, parameter={"dok": 1})


def test_a_job_is_claimed_once_so_a_redelivered_message_does_nothing(org):
    job = make_job(org.staf.user)
    jalankan_pekerjaan(job.pk, builder)
    jalankan_pekerjaan(job.pk, builder)
    job.refresh_from_db()
    assert DIJALANKAN == [job.pk] and job.status == StatusPekerjaan.SELESAI and job.percobaan == 1


def test_a_new_run_keeps_the_last_good_file_downloadable_until_it_replaces_it(
    client, org, django_capture_on_commit_callbacks
):
    client.force_login(org.staf.user)
    with django_capture_on_commit_callbacks(execute=True):
        job = mulai(org.staf.user)
    job.refresh_from_db()
    first = job.berkas.name
    assert job.status == StatusPekerjaan.SELESAI and job.persen == 100 and job.total_n == 3

    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert mulai(org.staf.user).pk == job.pk  # the same document: the same row, queued again
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.MENUNGGU and job.berkas.name == first
    download = client.get(reverse("pekerjaan_unduh", args=[job.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"isi 1"
    assert "Unduh hasil sebelumnya" in client.get(reverse("pekerjaan_detail", args=[job.pk])).content.decode()

    queued[0]()
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.SELESAI and job.berkas.read() == b"isi 2"
    assert not job.berkas.storage.exists(first)


def test_a_failed_run_keeps_the_last_good_file_and_offers_coba_lagi(client, org, django_capture_on_commit_callbacks):
    job = make_job(org.staf.user)
    jalankan_pekerjaan(job.pk, builder)
    Pekerjaan.objects.filter(pk=job.pk).update(status=StatusPekerjaan.MENUNGGU)

    def broken(job, progres):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        jalankan_pekerjaan(job.pk, broken)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.GAGAL and "kesalahan" in job.pesan and job.bisa_diulang

    client.force_login(org.staf.user)
    page = client.get(reverse("pekerjaan_detail", args=[job.pk])).content.decode()
    assert "Coba lagi" in page and "Unduh hasil sebelumnya" in page
    assert client.get(reverse("pekerjaan_unduh", args=[job.pk])).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("pekerjaan_coba_lagi", args=[job.pk]))
    assert response.url == reverse("pekerjaan_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.SELESAI and job.berkas.read() == b"isi 2" and job.percobaan == 1


def test_coba_lagi_is_for_the_owner_and_only_when_there_is_something_to_retry(
    client, org, django_capture_on_commit_callbacks
):
    job = make_job(org.staf.user, status=StatusPekerjaan.BERJALAN, mulai=timezone.now())
    url = reverse("pekerjaan_coba_lagi", args=[job.pk])
    client.force_login(org.kasi.user)
    assert client.post(url).status_code == 404
    client.force_login(org.staf.user)
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks() as queued:
        page = client.post(url, follow=True).content.decode()
    assert "tidak ada yang perlu diulang" in page and not queued
    assert "Coba lagi" not in client.get(reverse("pekerjaan_detail", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.BERJALAN


def test_a_stuck_job_shows_coba_lagi_and_starting_it_again_gives_a_new_run(
    client, org, settings, django_capture_on_commit_callbacks
):
    dulu = lampau(settings)
    job = make_job(
        org.staf.user,
        parameter={"dok": 1},
        status=StatusPekerjaan.BERJALAN,
        mulai=dulu,
        detak=dulu,
        percobaan=2,
        selesai_n=11,
        total_n=106,
    )
    client.force_login(org.staf.user)
    page = client.get(reverse("pekerjaan_detail", args=[job.pk])).content.decode()
    assert "Belum ada kemajuan sejak" in page and "Coba lagi" in page
    assert "Terhenti" in client.get(reverse("pekerjaan_list")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        assert mulai(org.staf.user).pk == job.pk
    job.refresh_from_db()
    # A fresh request: its attempts start again from one.
    assert job.status == StatusPekerjaan.SELESAI and job.percobaan == 1 and DIJALANKAN == [job.pk]


def test_a_job_alive_is_not_queued_twice(org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        job = mulai(org.staf.user)
        again = mulai(org.staf.user)
    assert again.pk == job.pk and len(queued) == 1


def test_a_run_given_up_on_stops_and_cannot_save_its_file(org):
    job = make_job(org.staf.user)

    def overtaken(job, progres):
        progres(1, 3)
        # Meanwhile the sweep decided this run was dead and queued the job again.
        Pekerjaan.objects.filter(pk=job.pk).update(status=StatusPekerjaan.MENUNGGU)
        progres(2, 3)
        raise AssertionError("not reached")

    jalankan_pekerjaan(job.pk, overtaken)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.MENUNGGU and not job.berkas

    def finishing_late(job, progres):
        Pekerjaan.objects.filter(pk=job.pk).update(status=StatusPekerjaan.MENUNGGU)
        return "basi.txt", b"basi"

    jalankan_pekerjaan(job.pk, finishing_late)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.MENUNGGU and not job.berkas


def test_the_sweep_requeues_quiet_jobs_and_gives_up_after_the_last_attempt(org, settings, monkeypatch):
    dulu = lampau(settings)
    user = org.staf.user
    mati = make_job(user, status=StatusPekerjaan.BERJALAN, mulai=dulu, detak=dulu, percobaan=1, selesai_n=11)
    habis = make_job(
        user, status=StatusPekerjaan.BERJALAN, mulai=dulu, detak=dulu, percobaan=settings.PEKERJAAN_MAKS_PERCOBAAN
    )
    tertahan = make_job(user, detak=dulu)
    lama = make_job(user, detak=dulu, tugas="")  # a row from before recovery existed
    hidup = make_job(user, status=StatusPekerjaan.BERJALAN, mulai=dulu, percobaan=1)
    selesai = make_job(user, status=StatusPekerjaan.SELESAI, detak=dulu)

    published = []
    monkeypatch.setattr(tugas_uji, "apply_async", lambda args: published.append(args[0]))
    assert pekerjaan_sapu() == {"diantrekan": 2, "gagal": 2}
    assert sorted(published) == [mati.pk, tertahan.pk]
    for job in (mati, habis, tertahan, lama, hidup, selesai):
        job.refresh_from_db()
    assert mati.status == StatusPekerjaan.MENUNGGU and mati.percobaan == 1 and mati.selesai_n == 0
    assert tertahan.status == StatusPekerjaan.MENUNGGU and tertahan.percobaan == 0 and not tertahan.macet
    assert habis.status == StatusPekerjaan.GAGAL and "terhenti 3 kali" in habis.pesan and habis.bisa_diulang
    assert lama.status == StatusPekerjaan.GAGAL and "Mulai lagi" in lama.pesan and not lama.bisa_diulang
    assert hidup.status == StatusPekerjaan.BERJALAN and selesai.status == StatusPekerjaan.SELESAI
    assert pekerjaan_sapu() == {"diantrekan": 0, "gagal": 0}


def test_the_sweep_stops_publishing_at_the_first_broker_failure(org, settings, monkeypatch):
    dulu = lampau(settings)
    jobs_ = [make_job(org.staf.user, detak=dulu) for _ in range(3)]
    calls = []

    def down(args):
        calls.append(args[0])
        raise OperationalError("Connection refused.")

    monkeypatch.setattr(tugas_uji, "apply_async", down)
    assert pekerjaan_sapu() == {"diantrekan": 0, "gagal": 0}
    assert len(calls) == 1
    for job in jobs_:
        job.refresh_from_db()
        assert job.status == StatusPekerjaan.MENUNGGU and "tidak tersedia" in job.pesan and not job.macet


def test_a_job_whose_task_no_longer_exists_fails_instead_of_breaking_the_sweep(org, settings):
    job = make_job(org.staf.user, detak=lampau(settings), tugas="portal.tests.dihapus")
    assert pekerjaan_sapu() == {"diantrekan": 0, "gagal": 1}
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.GAGAL and "Mulai lagi" in job.pesan


def test_an_unreachable_broker_leaves_the_job_waiting_with_a_note_until_the_sweep_publishes_it(
    client, org, settings, monkeypatch, django_capture_on_commit_callbacks
):
    def down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    client.force_login(org.staf.user)
    with monkeypatch.context() as patch:
        patch.setattr(tugas_uji, "apply_async", down)
        with django_capture_on_commit_callbacks(execute=True):
            job = mulai(org.staf.user)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.MENUNGGU and "tidak tersedia" in job.pesan
    assert "akan diproses otomatis" in client.get(reverse("pekerjaan_detail", args=[job.pk])).content.decode()

    Pekerjaan.objects.filter(pk=job.pk).update(detak=lampau(settings))
    with django_capture_on_commit_callbacks(execute=True):
        pekerjaan_sapu()
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.SELESAI and job.pesan == ""


def test_a_time_limit_fails_the_job_with_its_own_message(org):
    from celery.exceptions import SoftTimeLimitExceeded

    job = make_job(org.staf.user)

    def slow(job, progres):
        raise SoftTimeLimitExceeded()

    with pytest.raises(SoftTimeLimitExceeded):
        jalankan_pekerjaan(job.pk, slow)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.GAGAL and "batas waktu" in job.pesan


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_long_step_keeps_a_heartbeat(monkeypatch):
    # The heartbeat thread writes through its own connection: the row must be committed, hence transaction=True
    # (and the rows of data migrations put back afterwards, as in the other transactional tests).
    monkeypatch.setattr(jobs, "DETAK_DETIK", 0.05)
    user = get_user_model().objects.create_user(username="detak", password="x")
    job = make_job(user)
    seen = []

    def long_step(job, progres):
        for _ in range(3):
            time.sleep(0.2)
            seen.append(Pekerjaan.objects.values_list("detak", flat=True).get(pk=job.pk))
        return "hasil.txt", b"isi"

    jalankan_pekerjaan(job.pk, long_step)
    assert seen[0] > job.detak and seen[0] < seen[1] < seen[2]


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
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"isi 1"
    assert AksesLog.objects.filter(user=org.staf.user, jenis="UNDUH").count() == 1


def test_it_polls_progress_with_htmx_until_done(client, org):
    job = make_job(org.staf.user, status=StatusPekerjaan.BERJALAN, selesai_n=1, total_n=4, mulai=timezone.now())
    client.force_login(org.staf.user)
    partial = client.get(reverse("pekerjaan_detail", args=[job.pk]), headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "every 2s" in body and "25%" in body and "<html" not in body


def test_coba_lagi_on_a_job_whose_task_no_longer_exists_asks_for_a_new_start(org, django_capture_on_commit_callbacks):
    job = make_job(org.staf.user, status=StatusPekerjaan.GAGAL, tugas="portal.tests.dihapus")
    with django_capture_on_commit_callbacks(execute=True):
        assert pekerjaan_coba_lagi(job)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.GAGAL and "Mulai lagi" in job.pesan


def test_a_failed_job_that_cannot_be_retried_links_back_to_where_it_was_asked_for(client, org):
    # Its message says "start again from the document's page": the page offers the way there.
    job = make_job(
        org.staf.user, status=StatusPekerjaan.GAGAL, pesan=jobs._pesan_mulai_lagi(), tugas="", tautan="/skp/"
    )
    client.force_login(org.staf.user)
    teks = client.get(reverse("pekerjaan_detail", args=[job.pk])).content.decode()
    assert 'data-testid="tautan-asal"' in teks and 'href="/skp/"' in teks


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_job_page_of_a_stuck_job_offers_coba_lagi_and_the_previous_file(browser, live_server, settings, org):
    from django.core.files.base import ContentFile

    from portal.testing.browser import DESKTOP, PHONE, browser_login, browser_page, screenshot

    dulu = lampau(settings, menit=12)
    macet = make_job(
        org.staf.user, status=StatusPekerjaan.BERJALAN, mulai=dulu, detak=dulu, percobaan=2, selesai_n=11, total_n=106
    )
    macet.judul = "PDF SKP 2026 — Dinas A (ZIP)"
    macet.berkas.save("hasil-lama.zip", ContentFile(b"lama"))
    tertunda = make_job(org.staf.user, pesan=jobs._pesan_layanan_mati())
    gagal = make_job(org.staf.user, status=StatusPekerjaan.GAGAL, pesan=jobs._pesan_mulai_lagi(), tugas="")
    page, errors = browser_page(browser, DESKTOP)
    browser_login(page, live_server.url, org.staf.user.username)

    page.goto(f"{live_server.url}/pekerjaan/")
    assert page.get_by_text("Terhenti").count() == 1
    page.goto(f"{live_server.url}/pekerjaan/{macet.pk}/")
    assert page.get_by_role("link", name="Unduh hasil sebelumnya").is_visible()
    screenshot(page, "portal-pekerjaan-macet")
    page.set_viewport_size(PHONE)
    screenshot(page, "portal-pekerjaan-macet-360")
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Coba lagi").click()
    page.get_by_text("Unduh berkas").wait_for()
    assert page.get_by_text("Pekerjaan diantrekan lagi").is_visible()
    screenshot(page, "portal-pekerjaan-diulang")

    page.goto(f"{live_server.url}/pekerjaan/{tertunda.pk}/")
    assert page.get_by_text("akan diproses otomatis begitu layanan kembali").is_visible()
    screenshot(page, "portal-pekerjaan-broker-mati")
    page.goto(f"{live_server.url}/pekerjaan/{gagal.pk}/")
    assert page.get_by_text("Mulai lagi dari halaman dokumennya").is_visible()
    assert page.get_by_role("button", name="Coba lagi").count() == 0
    screenshot(page, "portal-pekerjaan-gagal")
    assert errors.items == []
