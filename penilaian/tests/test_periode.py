"""Evaluation periods: admin BKPSDM opens, closes (ratings lock), reopens with a reason (audited) and moves the
deadline — the services of services/periode.py and the page penilaian:periode_list."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pghistory.models import Events

from penilaian.choices import JenisPeriode, StatusEvaluasi, StatusPeriode
from penilaian.errors import PenilaianError, PenilaianTidakBerwenang
from penilaian.models import PeriodePenilaian
from penilaian.services.evaluasi import evaluasi_nilai, evaluasi_siapkan
from penilaian.services.periode import periode_buka, periode_buka_kembali, periode_tutup, periode_ubah_batas

from .factories import TAHUN, PeriodeFactory, lengkapi_bukti

pytestmark = pytest.mark.django_db

BATAS = datetime.date(TAHUN, 4, 15)


def _buka(actor, jenis=JenisPeriode.TRIWULANAN, nomor=2, batas=datetime.date(TAHUN, 7, 15)):
    return periode_buka(actor=actor, tahun=TAHUN, jenis=jenis, nomor=nomor, batas_penilaian=batas)


# --- services ------------------------------------------------------------------------------------------------


def test_it_opens_a_period_with_the_calendar_dates(org):
    p = _buka(org.admin_bkpsdm)
    assert (p.tanggal_mulai, p.tanggal_selesai) == (datetime.date(TAHUN, 4, 1), datetime.date(TAHUN, 6, 30))
    assert p.status == StatusPeriode.DIBUKA
    tahunan = _buka(org.admin_bkpsdm, jenis=JenisPeriode.TAHUNAN, nomor=3, batas=datetime.date(TAHUN + 1, 1, 31))
    assert (tahunan.nomor, tahunan.tanggal_mulai, tahunan.tanggal_selesai) == (
        1,
        datetime.date(TAHUN, 1, 1),
        datetime.date(TAHUN, 12, 31),
    )


def test_it_refuses_opening_a_period_twice(org):
    _buka(org.admin_bkpsdm)
    with pytest.raises(PenilaianError, match="sudah pernah dibuka"):
        _buka(org.admin_bkpsdm)
    assert PeriodePenilaian.objects.count() == 1


def test_it_refuses_a_kind_the_instansi_does_not_use(org, settings):
    settings.PENILAIAN_PERIODE = "triwulanan"
    for jenis in (JenisPeriode.BULANAN, JenisPeriode.SEMESTERAN, "harian"):
        with pytest.raises(PenilaianError) as exc:
            _buka(org.admin_bkpsdm, jenis=jenis, nomor=1)
        assert "jenis" in exc.value.errors
    settings.PENILAIAN_PERIODE = "bulanan"
    desember = _buka(org.admin_bkpsdm, jenis=JenisPeriode.BULANAN, nomor=12, batas=datetime.date(TAHUN + 1, 1, 9))
    assert desember.nama == f"Desember {TAHUN}"


def test_it_refuses_a_number_outside_the_kind_and_a_deadline_before_the_start(org):
    with pytest.raises(PenilaianError) as exc:
        _buka(org.admin_bkpsdm, nomor=5)
    assert "nomor" in exc.value.errors
    with pytest.raises(PenilaianError) as exc:
        _buka(org.admin_bkpsdm, batas=datetime.date(TAHUN, 3, 31))
    assert "batas_penilaian" in exc.value.errors
    assert not PeriodePenilaian.objects.exists()


def test_only_admin_bkpsdm_opens_closes_and_reopens(org, periode):
    for actor in (org.admin_opd, org.kasi.user, org.kepala.user):
        with pytest.raises(PenilaianTidakBerwenang):
            _buka(actor)
        with pytest.raises(PenilaianTidakBerwenang):
            periode_tutup(actor=actor, periode=periode)
        with pytest.raises(PenilaianTidakBerwenang):
            periode_ubah_batas(actor=actor, periode=periode, batas_penilaian=BATAS)
    periode_tutup(actor=org.admin_bkpsdm, periode=periode)
    with pytest.raises(PenilaianTidakBerwenang):
        periode_buka_kembali(actor=org.admin_opd, periode=periode, alasan="Koreksi nilai")
    periode.refresh_from_db()
    assert periode.ditutup


def test_closing_locks_the_ratings(org, periode, skp):
    e = evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=periode)
    lengkapi_bukti(e)
    periode_tutup(actor=org.admin_bkpsdm, periode=periode)
    assert periode.ditutup and periode.ditutup_pada is not None
    e.refresh_from_db()
    with pytest.raises(PenilaianError, match="sudah ditutup"):
        evaluasi_nilai(actor=org.kasi.user, evaluasi=e, rating_hasil=2, rating_perilaku=2)
    e.refresh_from_db()
    assert e.status == StatusEvaluasi.DRAFT
    with pytest.raises(PenilaianError, match="sudah ditutup"):
        periode_tutup(actor=org.admin_bkpsdm, periode=periode)


def test_reopening_needs_a_reason_and_is_audited(org, periode, skp):
    with pytest.raises(PenilaianError, match="sedang dibuka"):
        periode_buka_kembali(actor=org.admin_bkpsdm, periode=periode, alasan="Koreksi nilai")
    periode_tutup(actor=org.admin_bkpsdm, periode=periode)
    for alasan in ("", "   "):
        with pytest.raises(PenilaianError) as exc:
            periode_buka_kembali(actor=org.admin_bkpsdm, periode=periode, alasan=alasan)
        assert "alasan" in exc.value.errors
    periode_buka_kembali(actor=org.admin_bkpsdm, periode=periode, alasan="Koreksi nilai Bidang Satu")
    periode.refresh_from_db()
    assert (periode.status, periode.ditutup_pada, periode.alasan_buka_kembali) == (
        StatusPeriode.DIBUKA,
        None,
        "Koreksi nilai Bidang Satu",
    )
    event = Events.objects.tracks(periode).filter(pgh_label="update").order_by("pgh_created_at", "pgh_id").last()
    assert event.pgh_diff["status"] == [StatusPeriode.DITUTUP, StatusPeriode.DIBUKA]
    assert event.pgh_context["user"] == org.admin_bkpsdm.pk
    assert event.pgh_context["alasan"] == "Koreksi nilai Bidang Satu"
    # Open again: rating works.
    e = evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=periode)
    lengkapi_bukti(e)
    evaluasi_nilai(actor=org.kasi.user, evaluasi=e, rating_hasil=2, rating_perilaku=2)
    assert e.status == StatusEvaluasi.DINILAI


def test_it_moves_the_deadline_but_not_before_the_start(org, periode):
    periode_ubah_batas(actor=org.admin_bkpsdm, periode=periode, batas_penilaian=datetime.date(TAHUN, 5, 2))
    periode.refresh_from_db()
    assert periode.batas_penilaian == datetime.date(TAHUN, 5, 2)
    with pytest.raises(PenilaianError) as exc:
        periode_ubah_batas(actor=org.admin_bkpsdm, periode=periode, batas_penilaian=datetime.date(TAHUN - 1, 12, 1))
    assert "batas_penilaian" in exc.value.errors


# --- the page ------------------------------------------------------------------------------------------------


def test_the_page_is_admin_bkpsdms_only_and_counts_evaluations_per_state(client, org, periode, skp):
    evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=periode)
    evaluasi_siapkan(pegawai=org.staf_lain, skp=skp.staf_lain, periode=periode)
    url = reverse("penilaian:periode_list")
    for user in (org.staf.user, org.kasi.user, org.admin_opd):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(org.admin_bkpsdm)
    response = client.get(url)
    assert response.status_code == 200
    assert periode.nama in response.content.decode()
    baris = response.context["page_obj"].object_list[0]
    assert (baris.jumlah_draft, baris.jumlah_dinilai, baris.jumlah_final) == (2, 0, 0)


def test_the_page_opens_a_period_and_shows_a_refusal(client, org):
    client.force_login(org.admin_bkpsdm)
    url = reverse("penilaian:periode_list")
    data = {"tahun": TAHUN, "jenis": "triwulanan", "nomor": 3, "batas_penilaian": f"{TAHUN}-10-15"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert PeriodePenilaian.objects.filter(tahun=TAHUN, jenis="triwulanan", nomor=3).exists()
    response = client.post(url, data)
    assert response.status_code == 422
    assert "sudah pernah dibuka" in response.content.decode()
    response = client.post(url, {**data, "jenis": "semesteran"})
    assert response.status_code == 422


def test_the_page_closes_and_reopens_with_a_reason(client, org, periode):
    client.force_login(org.admin_bkpsdm)
    assert client.post(reverse("penilaian:periode_tutup", args=[periode.pk])).status_code == 302
    periode.refresh_from_db()
    assert periode.ditutup
    assert client.post(reverse("penilaian:periode_tutup", args=[periode.pk])).status_code == 422
    url = reverse("penilaian:periode_buka_kembali", args=[periode.pk])
    response = client.post(url, {"alasan": ""})
    assert response.status_code == 422
    assert "Alasan wajib diisi" in response.content.decode()
    assert client.post(url, {"alasan": "Koreksi nilai"}).status_code == 302
    periode.refresh_from_db()
    assert not periode.ditutup
    url = reverse("penilaian:periode_batas", args=[periode.pk])
    assert client.post(url, {"batas_penilaian": f"{TAHUN}-05-01"}).status_code == 302
    assert client.post(url, {"batas_penilaian": "bukan tanggal"}).status_code == 422


def test_the_list_costs_the_same_queries_for_5_and_19_periods(client, org):
    client.force_login(org.admin_bkpsdm)
    url = reverse("penilaian:periode_list")
    for nomor in range(1, 6):
        PeriodeFactory(jenis=JenisPeriode.BULANAN, nomor=nomor)
    client.get(url)
    with CaptureQueriesContext(connection) as lima:
        client.get(url)
    for nomor in range(6, 13):
        PeriodeFactory(jenis=JenisPeriode.BULANAN, nomor=nomor)
        PeriodeFactory(tahun=TAHUN - 1, jenis=JenisPeriode.BULANAN, nomor=nomor)
    with CaptureQueriesContext(connection) as banyak:
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == 19
    assert len(banyak) == len(lima)
