"""Periods: their dates, the job that computes one (eager Celery), closing after the lock (frozen), reopening with
a reason (audited), a failed OPD and "Coba lagi", the nightly run, and the pages."""

import datetime

import pytest
from django.urls import reverse
from pghistory.models import Events

from disiplin.choices import StatusBulan
from disiplin.models import BulanDisiplin
from kinerja.models import Aktivitas
from portal.choices import StatusPekerjaan
from portal.models import Pekerjaan
from rekap import tasks
from rekap.choices import JenisPeriodeRekap, StatusPeriodeRekap, StatusRekapOpd
from rekap.errors import RekapError, RekapTidakBerwenang
from rekap.models import PeriodeRekap, RekapOpd, RekapPegawai, RekapUnit
from rekap.services import hitung
from rekap.services.hitung import hitung_opd, rekap_mulai
from rekap.services.periode import JENIS_TUTUP, periode_buka_kembali, periode_rekap, periode_tutup, tutup_mulai

from .fixtures import HARI_INI, bangun

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("jenis", "nomor", "mulai", "selesai"),
    [
        (JenisPeriodeRekap.BULAN, 2, D(2026, 2, 1), D(2026, 2, 28)),
        (JenisPeriodeRekap.TRIWULAN, 2, D(2026, 4, 1), D(2026, 6, 30)),
        (JenisPeriodeRekap.SEMESTER, 2, D(2026, 7, 1), D(2026, 12, 31)),
        (JenisPeriodeRekap.TAHUN, 1, D(2026, 1, 1), D(2026, 12, 31)),
    ],
)
def test_a_period_knows_its_dates_and_is_created_once(jenis, nomor, mulai, selesai):
    p = periode_rekap(jenis, 2026, nomor)
    assert (p.mulai, p.selesai, p.status) == (mulai, selesai, StatusPeriodeRekap.TERBUKA)
    assert periode_rekap(jenis, 2026, nomor) == p
    with pytest.raises(RekapError):
        periode_rekap(jenis, 2026, 13)


def _mulai(org, django_capture_on_commit_callbacks, periode):
    with django_capture_on_commit_callbacks(execute=True):
        return rekap_mulai(org.admin_bkpsdm, periode)


def test_the_job_fans_out_per_opd_then_aggregates(org, monkeypatch, django_capture_on_commit_callbacks):
    bangun(org, monkeypatch)
    periode = periode_rekap(JenisPeriodeRekap.BULAN, 2026, 3)
    kalender = []
    asli = tasks.konteks
    monkeypatch.setattr(tasks, "konteks", lambda p: kalender.append(p.pk) or asli(p))
    job = _mulai(org, django_capture_on_commit_callbacks, periode)
    job.refresh_from_db()
    assert (job.status, job.selesai_n, job.total_n, job.percobaan) == (StatusPekerjaan.SELESAI, 2, 2, 1)
    # The run's calendar is worked out once, by its first OPD task, and shared with the other.
    assert kalender == [periode.pk]
    opd = {r.perangkat_daerah_id: r for r in RekapOpd.objects.filter(periode=periode)}
    assert {k: (r.status, r.pegawai_n) for k, r in opd.items()} == {
        org.opd_a.pk: (StatusRekapOpd.SELESAI, 6),
        org.opd_b.pk: (StatusRekapOpd.SELESAI, 3),
    }
    assert RekapPegawai.objects.filter(periode=periode).count() == 9
    assert RekapUnit.objects.get(periode=periode, kunci="kota").pegawai_n == 9
    periode.refresh_from_db()
    assert periode.dihitung_pada is not None


def test_only_admin_bkpsdm_starts_closes_or_reopens(org):
    periode = periode_rekap(JenisPeriodeRekap.BULAN, 2026, 3)
    for fungsi in (lambda u: rekap_mulai(u, periode), lambda u: periode_tutup(u, periode)):
        with pytest.raises(RekapTidakBerwenang):
            fungsi(org.admin_opd)
    with pytest.raises(RekapTidakBerwenang):
        periode_buka_kembali(org.admin_opd, periode, "Alasan")


def _tutup_bulan_disiplin():
    BulanDisiplin.objects.update_or_create(tahun=2026, bulan=3, defaults={"status": StatusBulan.DITUTUP})


def test_closing_waits_for_the_lock_and_the_discipline_month_then_freezes(org, monkeypatch):
    bangun(org, monkeypatch)
    periode = periode_rekap(JenisPeriodeRekap.BULAN, 2026, 3)
    with pytest.raises(RekapError, match="batas verifikasi"):
        periode_tutup(org.admin_bkpsdm, periode, hari_ini=D(2026, 4, 7))
    with pytest.raises(RekapError, match="Fakta disiplin pelaporan bulan"):
        periode_tutup(org.admin_bkpsdm, periode, hari_ini=HARI_INI)
    _tutup_bulan_disiplin()
    periode = periode_tutup(org.admin_bkpsdm, periode, hari_ini=HARI_INI)
    assert periode.status == StatusPeriodeRekap.DITUTUP and periode.ditutup_pada is not None
    staf = RekapPegawai.objects.get(periode=periode, pegawai=org.staf)
    assert staf.aktivitas_n == 5 and RekapUnit.objects.filter(periode=periode).exists()

    # Frozen: a change afterwards and a new run leave the rows as they were.
    Aktivitas.objects.filter(pegawai=org.staf).delete()
    assert hitung_opd(periode, org.opd_a.pk, hari_ini=HARI_INI) == 0
    assert hitung.hitung_agregat(periode) == 0
    staf.refresh_from_db()
    assert staf.aktivitas_n == 5
    with pytest.raises(RekapError):
        periode_tutup(org.admin_bkpsdm, periode, hari_ini=HARI_INI)


def test_closing_from_the_page_is_a_job_and_the_page_reloads_when_it_ends(
    org, client, monkeypatch, django_capture_on_commit_callbacks
):
    bangun(org, monkeypatch)
    periode = periode_rekap(JenisPeriodeRekap.BULAN, 2026, 3)
    client.force_login(org.admin_bkpsdm)
    url_tutup = reverse("rekap:periode_tutup", args=[periode.pk])
    # Not yet possible: the reason, nothing queued.
    client.post(url_tutup)
    assert not Pekerjaan.objects.filter(jenis=JENIS_TUTUP).exists()
    _tutup_bulan_disiplin()
    # The request only queues the job (the page shows it running); the worker computes and closes.
    with django_capture_on_commit_callbacks(execute=False) as antre:
        assert client.post(url_tutup).status_code == 302
    job = Pekerjaan.objects.get(jenis=JENIS_TUTUP)
    assert job.tautan == reverse("rekap:periode_detail", args=[periode.pk])
    periode.refresh_from_db()
    assert periode.status == StatusPeriodeRekap.TERBUKA
    html = client.get(reverse("rekap:periode_detail", args=[periode.pk])).content.decode()
    assert 'data-testid="sedang-menutup"' in html and f"?pantau={job.pk}" in html
    with pytest.raises(RekapError, match="sedang berjalan"):
        tutup_mulai(org.admin_bkpsdm, periode)
    for callback in antre:
        callback()
    job.refresh_from_db()
    periode.refresh_from_db()
    assert (job.status, periode.status) == (StatusPekerjaan.SELESAI, StatusPeriodeRekap.DITUTUP)
    assert RekapPegawai.objects.get(periode=periode, pegawai=org.staf).aktivitas_n == 5
    # The poll that watched the job asks for a full reload; the job's own page links to the period.
    poll = client.get(
        reverse("rekap:periode_detail", args=[periode.pk]) + f"?pantau={job.pk}", headers={"HX-Request": "true"}
    )
    assert poll.status_code == 204 and poll["HX-Refresh"] == "true"
    assert 'data-testid="tautan-hasil"' in client.get(reverse("pekerjaan_detail", args=[job.pk])).content.decode()
    # Closed meanwhile: a second job would fail with the reason, changing nothing.
    with pytest.raises(RekapError, match="sudah ditutup"):
        tutup_mulai(org.admin_bkpsdm, periode)


def test_reopening_needs_a_reason_and_is_audited(org, monkeypatch):
    bangun(org, monkeypatch)
    _tutup_bulan_disiplin()
    periode = periode_tutup(None, periode_rekap(JenisPeriodeRekap.BULAN, 2026, 3), hari_ini=HARI_INI)
    for alasan in ("", "   ", "x" * 1001):
        with pytest.raises(RekapError):
            periode_buka_kembali(org.admin_bkpsdm, periode, alasan)
    periode = periode_buka_kembali(org.admin_bkpsdm, periode, "Koreksi riwayat jabatan")
    assert (periode.status, periode.ditutup_pada) == (StatusPeriodeRekap.TERBUKA, None)
    event = Events.objects.tracks(periode).filter(pgh_label="update").order_by("pgh_created_at", "pgh_id").last()
    assert event.pgh_context["user"] == org.admin_bkpsdm.pk
    assert event.pgh_context["alasan"] == "Koreksi riwayat jabatan"
    with pytest.raises(RekapError, match="masih terbuka"):
        periode_buka_kembali(org.admin_bkpsdm, periode, "Lagi")
    # Open again: the next run writes.
    assert hitung_opd(periode, org.opd_a.pk, hari_ini=HARI_INI) == 6


def test_a_failed_opd_fails_the_job_and_coba_lagi_redoes_only_what_is_missing(
    org, client, monkeypatch, django_capture_on_commit_callbacks
):
    bangun(org, monkeypatch)
    periode = periode_rekap(JenisPeriodeRekap.BULAN, 2026, 3)
    asli = tasks.hitung_opd
    dihitung = []

    def rusak(p, opd_id, **kw):
        dihitung.append(opd_id)
        if opd_id == org.opd_b.pk:
            raise RuntimeError("disk penuh")
        return asli(p, opd_id, **kw)

    monkeypatch.setattr(tasks, "hitung_opd", rusak)
    with pytest.raises(RuntimeError):
        _mulai(org, django_capture_on_commit_callbacks, periode)
    job = Pekerjaan.objects.get(jenis="rekap")
    assert job.status == StatusPekerjaan.GAGAL and "gagal dihitung" in job.pesan
    assert RekapOpd.objects.get(periode=periode, perangkat_daerah=org.opd_b).status == StatusRekapOpd.GAGAL

    client.force_login(org.admin_bkpsdm)
    page = client.get(reverse("rekap:periode_detail", args=[periode.pk]))
    html = page.content.decode()
    assert "Penghitungan gagal." in html and "Coba lagi" in html and 'hx-trigger="every 2s"' not in html

    monkeypatch.setattr(tasks, "hitung_opd", asli)
    dihitung.clear()
    monkeypatch.setattr(tasks, "hitung_opd", lambda p, o, **kw: dihitung.append(o) or asli(p, o, **kw))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("rekap:periode_coba_lagi", args=[periode.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.selesai_n, job.total_n) == (StatusPekerjaan.SELESAI, 2, 2)
    assert dihitung == [org.opd_b.pk]
    assert RekapUnit.objects.get(periode=periode, kunci="kota").pegawai_n == 9


def test_the_period_pages(org, client, monkeypatch, django_capture_on_commit_callbacks):
    bangun(org, monkeypatch)
    client.force_login(org.admin_bkpsdm)
    kosong = client.get(reverse("rekap:periode_list"))
    assert "Belum ada periode rekap" in kosong.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("rekap:periode_hitung"), {"jenis": "bulan", "tahun": "2026", "nomor": "3"})
    periode = PeriodeRekap.objects.get()
    assert response.status_code == 302 and response.url == reverse("rekap:periode_detail", args=[periode.pk])
    html = client.get(reverse("rekap:periode_list") + "?jenis=bulan&tahun=2026&status=terbuka").content.decode()
    assert str(periode) in html
    assert str(periode) not in client.get(reverse("rekap:periode_list") + "?status=ditutup").content.decode()
    partial = client.get(reverse("rekap:periode_detail", args=[periode.pk]), headers={"HX-Request": "true"})
    assert 'id="progres-rekap"' in partial.content.decode() and "<html" not in partial.content.decode()
    assert "2 dari 2 perangkat daerah selesai" in partial.content.decode()
    # A period not begun, a bad number: refused on the form.
    refused = client.post(reverse("rekap:periode_hitung"), {"jenis": "triwulan", "tahun": "2026", "nomor": "9"})
    assert refused.status_code == 422 and "tidak sah" in refused.content.decode()
    # Admin OPD reads the progress without the buttons.
    client.force_login(org.admin_opd)
    html = client.get(reverse("rekap:periode_detail", args=[periode.pk])).content.decode()
    assert "2 dari 2 perangkat daerah selesai" in html and "Hitung sekarang" not in html


def test_the_nightly_run_closes_what_may_be_closed_and_fans_out_this_month(
    org, monkeypatch, django_capture_on_commit_callbacks
):
    bangun(org, monkeypatch)
    _tutup_bulan_disiplin()
    with django_capture_on_commit_callbacks(execute=True):
        hasil = tasks.rekap_harian()
    maret = PeriodeRekap.objects.get(jenis="bulan", tahun=2026, nomor=3)
    assert hasil["bulan_ini"] == 2 and hasil["ditutup"] == [str(maret)]
    assert maret.status == StatusPeriodeRekap.DITUTUP
    # February's discipline month is not closed: left open; April (this month) computed.
    assert PeriodeRekap.objects.get(jenis="bulan", tahun=2026, nomor=2).status == StatusPeriodeRekap.TERBUKA
    april = PeriodeRekap.objects.get(jenis="bulan", tahun=2026, nomor=4)
    assert RekapPegawai.objects.filter(periode=april).count() == 9 and april.dihitung_pada is not None
    # A second night closes nothing twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.rekap_harian()["ditutup"] == []
