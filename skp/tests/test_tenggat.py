"""Late SKP (skp.selectors.tenggat): the deadline on the atasan's queue, in the daftar nominatif and in the
reminders (skp.pengingat), with the settings that move it and query counts that do not grow with the rows.

"Today" is pinned (``hari`` fixture); the personas' positions date from 2010, so this year's annual SKP is due on
31 January (the default ``SKP_TENGGAT_JANUARI``). Mid-year cases use last year, whose dates are all in the past
whatever day the suite runs.
"""

import datetime
import io

import pytest
from celery import current_app
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_celery_beat.models import PeriodicTask
from openpyxl import load_workbook

from pegawai.models import Pegawai
from pegawai.tests.factories import PegawaiFactory
from portal.models import Notifikasi
from skp import pengingat, tasks
from skp.choices import SkpStatus
from skp.models import Skp
from skp.pengingat import JENIS_SKP_BAWAHAN_TERLAMBAT, JENIS_SKP_TERLAMBAT, pengingat_skp_kirim, rekap_terlambat
from skp.selectors import tenggat
from skp.selectors.antrian import skp_antrian_atasan
from skp.selectors.nominatif import daftar_nominatif
from skp.services.versi import skp_buat_perubahan

from .factories import IkiFactory, RhkFactory, SkpFactory, skp_disetujui
from .helpers import setujui

pytestmark = pytest.mark.django_db
D = datetime.date


class Hari:
    def __init__(self, tanggal):
        self.tanggal = tanggal


@pytest.fixture
def hari(monkeypatch, tahun):
    """Today is Monday 2 March of this year (past the January deadline) unless a test moves it."""
    h = Hari(D(tahun, 3, 2))
    monkeypatch.setattr(tenggat, "hari_ini", lambda: h.tanggal)
    return h


@pytest.fixture
def semua(org, skp_kepala, skp_kabid, skp_kasi, skp_staf):
    """Kepala, kabid and kasi approved; Staf A's draft; Staf A Lain, Kasi Tiga (and their acting position) and Staf
    Dua without an SKP."""
    return {"kepala": skp_kepala, "kabid": skp_kabid, "kasi": skp_kasi, "staf": skp_staf}


def masuk(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _antrian(actor, tahun, on=None):
    return {(r.pegawai.nama, r.status): (r.terlambat, r.tenggat) for r in skp_antrian_atasan(actor, tahun, on)}


# ---------------------------------------------------------------------------------------------------------------
# The atasan's queue
# ---------------------------------------------------------------------------------------------------------------


def test_the_queue_marks_late_skp_and_missing_ones_after_the_deadline(org, tahun, semua, hari):
    assert _antrian(org.kasi, tahun) == {
        ("Staf A", SkpStatus.DRAFT): (True, D(tahun, 1, 31)),
        ("Staf A Lain", "belum_dibuat"): (True, D(tahun, 1, 31)),
    }
    hari.tanggal = D(tahun, 1, 31)  # the deadline day itself is on time
    assert {k: v[0] for k, v in _antrian(org.kasi, tahun).items()} == {
        ("Staf A", SkpStatus.DRAFT): False,
        ("Staf A Lain", "belum_dibuat"): False,
    }


def test_an_approved_skp_and_its_perubahan_are_not_late(org, tahun, semua, hari):
    lama = setujui(semua["staf"], org.kasi)
    skp_buat_perubahan(actor=org.staf, skp=lama, alasan="Penyesuaian target.")
    rows = [r for r in skp_antrian_atasan(org.kasi, tahun) if r.pegawai == org.staf]
    assert [(r.skp.versi, r.terlambat) for r in rows] == [(1, False), (2, False)]


def test_the_deadline_of_a_mid_year_position_counts_from_its_tmt(org, tahun, hari):
    """Last year: a pegawai who joined the kasi's section on 1 July has until 31 July; an SKP started on 1 July
    too."""
    lalu = tahun - 1
    baru = PegawaiFactory(jabatan=org.staf.jabatan, nama="Pindahan", tmt_jabatan=D(lalu, 7, 1))
    SkpFactory(pegawai=org.staf_lain, tahun=lalu, tanggal_mulai=D(lalu, 7, 1))
    on = D(lalu, 12, 31)
    hari.tanggal = D(lalu, 7, 31)
    rows = _antrian(org.kasi, lalu, on)
    assert rows[("Pindahan", "belum_dibuat")] == (False, D(lalu, 7, 31))
    assert rows[("Staf A Lain", SkpStatus.DRAFT)] == (False, D(lalu, 7, 31))
    # Staf A has been in the position all year: their missing SKP was due in January.
    assert rows[("Staf A", "belum_dibuat")] == (True, D(lalu, 1, 31))
    hari.tanggal = D(lalu, 8, 1)
    rows = _antrian(org.kasi, lalu, on)
    assert rows[("Pindahan", "belum_dibuat")][0] is True
    assert rows[("Staf A Lain", SkpStatus.DRAFT)][0] is True
    assert baru.pk


def test_the_deadline_follows_the_settings(org, tahun, semua, hari, settings):
    settings.SKP_TENGGAT_JANUARI = 15
    hari.tanggal = D(tahun, 1, 16)
    assert _antrian(org.kasi, tahun)[("Staf A", SkpStatus.DRAFT)] == (True, D(tahun, 1, 15))
    settings.SKP_TENGGAT_HARI_TMT = 10
    assert tenggat.tenggat(D(tahun, 3, 1)) == D(tahun, 3, 11)


def test_the_queue_page_shows_the_late_badge_and_count(org, tahun, semua, hari):
    html = masuk(org.kasi.user).get(reverse("skp:antrian"), {"tahun": tahun}).content.decode()
    assert html.count('data-testid="terlambat"') == 2
    assert "2 SKP bawahan melewati batas penetapan dan belum disetujui." in html
    assert f"Batas penetapan 31 Januari {tahun}" in html
    hari.tanggal = D(tahun, 1, 20)
    html = masuk(org.kasi.user).get(reverse("skp:antrian"), {"tahun": tahun}).content.decode()
    assert 'data-testid="terlambat"' not in html and 'data-testid="jumlah-terlambat"' not in html


def _tambah_bawahan(org, tahun, n, atas):
    """``n`` more staff of the kasi: every third without an SKP, the rest with a draft or a submitted one."""
    for i in range(n):
        p = PegawaiFactory(jabatan=org.staf.jabatan, nama=f"Staf Tambahan {i:02d}")
        if i % 3 == 0:
            continue
        skp = SkpFactory(pegawai=p, tahun=tahun, status=SkpStatus.DIAJUKAN if i % 2 else SkpStatus.DRAFT)
        IkiFactory(rhk=RhkFactory(skp=skp, intervensi=atas, urutan=1), urutan=1)


def _jumlah_query(client, url, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_queue_page_with_late_rows_runs_a_fixed_number_of_queries(org, tahun, semua, hari):
    client = masuk(org.kasi.user)
    url, params = reverse("skp:antrian"), {"tahun": tahun}
    _tambah_bawahan(org, tahun, 3, semua["kasi"].rhk.first())
    sedikit = _jumlah_query(client, url, params)
    _tambah_bawahan(org, tahun, 12, semua["kasi"].rhk.first())
    assert _jumlah_query(client, url, params) == sedikit
    assert client.get(url, params).context["terlambat"] == 2 + 15


# ---------------------------------------------------------------------------------------------------------------
# The daftar nominatif
# ---------------------------------------------------------------------------------------------------------------


def _terlambat_python(pegawai: Pegawai, tahun: int, on: datetime.date) -> bool:
    """The definition read row by row, to hold the SQL of :func:`tenggat.dengan_terlambat` to it."""
    skps = list(Skp.objects.berlaku().filter(pegawai=pegawai, tahun=tahun))
    if any(tenggat.skp_terlambat(s, on) for s in skps):
        return True
    if any(s.jabatan_id == pegawai.jabatan_id for s in skps):
        return False
    tmt = pegawai.riwayat_jabatan.filter(jabatan_id=pegawai.jabatan_id).order_by("-tmt").first()
    return tenggat.belum_dibuat_terlambat(tahun, tmt.tmt if tmt else None, on)


def test_the_daftar_nominatif_marks_the_late_pegawai(org, tahun, semua, hari, django_assert_num_queries):
    with django_assert_num_queries(1):
        baris = {p.nama: p.skp_terlambat for p in daftar_nominatif(org.opd_a, tahun)}
    assert baris == {
        "Kepala A": False,
        "Kabid A": False,
        "Kasi A": False,
        "Staf A": True,
        "Staf A Lain": True,
        "Kasi Tiga": True,
        "Staf Dua": True,
    }
    hari.tanggal = D(tahun, 1, 31)
    assert not any(p.skp_terlambat for p in daftar_nominatif(org.opd_a, tahun))


@pytest.mark.parametrize("hari_ke", [(1, 31), (2, 1), (7, 30), (7, 31), (8, 1), (12, 31)])
def test_the_sql_agrees_with_the_rule_row_by_row(org, tahun, hari_ke):
    """Last year, a mix: approved, draft, a perubahan in progress, a mid-year mover with and without the SKP of the
    new position, one who left their old position's SKP unapproved, a Plt's acting SKP."""
    lalu = tahun - 1
    on = D(lalu, *hari_ke)
    kasi = skp_disetujui(org.kasi, tahun=lalu, rhk=["Hasil kasi"])
    skp_disetujui(org.kabid, tahun=lalu, rhk=["Hasil kabid"])
    SkpFactory(pegawai=org.kabid, tahun=lalu, versi=2, versi_sebelumnya=Skp.objects.get(pegawai=org.kabid, tahun=lalu))
    SkpFactory(pegawai=org.staf, tahun=lalu, status=SkpStatus.DIAJUKAN)
    assert kasi.pk
    pindah = PegawaiFactory(jabatan=org.staf.jabatan, nama="Pindah Juli", tmt_jabatan=D(lalu, 7, 1))
    SkpFactory(pegawai=pindah, jabatan=org.staf_dua.jabatan, tahun=lalu, tanggal_selesai=D(lalu, 6, 30))
    pindah_lengkap = PegawaiFactory(jabatan=org.staf.jabatan, nama="Pindah Lengkap", tmt_jabatan=D(lalu, 7, 1))
    SkpFactory(pegawai=pindah_lengkap, tahun=lalu, tanggal_mulai=D(lalu, 7, 1), status=SkpStatus.DISETUJUI)
    SkpFactory(
        pegawai=org.kasi_tiga,
        jabatan=org.plt.jabatan,
        tahun=lalu,
        tanggal_mulai=D(lalu, 7, 15),
        tanggal_selesai=D(lalu, 9, 30),
    )
    baris = {p.pk: p.skp_terlambat for p in daftar_nominatif(org.opd_a, lalu, on)}
    harapan = {p.pk: _terlambat_python(p, lalu, on) for p in Pegawai.objects.filter(pk__in=baris)}
    assert baris == harapan


def test_the_daftar_nominatif_page_counts_filters_and_exports_the_late(org, tahun, semua, hari):
    client = masuk(org.admin_opd)
    response = client.get(reverse("skp:nominatif"), {"tahun": tahun})
    assert response.context["terlambat"] == 4
    html = response.content.decode()
    assert '<strong data-testid="jumlah-terlambat">4</strong>' in html
    assert html.count('data-testid="terlambat"') == 4
    response = client.get(reverse("skp:nominatif"), {"tahun": tahun, "terlambat": "on"})
    terlambat = ["Staf Dua", "Staf A", "Staf A Lain", "Kasi Tiga"]  # by unit, position, name
    assert [p.nama for p in response.context["page_obj"].object_list] == terlambat
    # The count follows the search and unit like the chart, not the filters of status or lateness.
    assert response.context["terlambat"] == 4
    response = client.get(reverse("skp:nominatif"), {"tahun": tahun, "q": "Staf A"})
    assert response.context["terlambat"] == 2

    response = client.get(reverse("skp:nominatif_ekspor"), {"tahun": tahun, "terlambat": "on", "format": "xlsx"})
    _judul, *rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][-1] == "Terlambat"
    assert [(r[2], r[-1]) for r in rows[1:]] == [(nama, "Ya") for nama in terlambat]


# ---------------------------------------------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------------------------------------------


def _penerima(jenis) -> dict[int, str]:
    return dict(Notifikasi.objects.filter(jenis=jenis).values_list("user_id", "pesan"))


def test_the_pegawai_and_their_atasan_are_reminded_of_late_skp(org, tahun, semua, hari):
    hasil = pengingat_skp_kirim(surel=False)
    pegawai = _penerima(JENIS_SKP_TERLAMBAT)
    assert set(pegawai) == {
        p.user_id for p in (org.staf, org.staf_lain, org.kasi_tiga, org.staf_dua, org.kepala_b, org.staf_b)
    }
    assert pegawai[org.staf.user_id] == (
        f"SKP tahun {tahun} Anda belum ditetapkan padahal batas waktunya sudah lewat — Pengelola Data: belum "
        f"disetujui (batas 31 Januari {tahun}). Buat atau lengkapi SKP tersebut lalu ajukan kepada pejabat penilai."
    )
    assert f"Pengelola Data: belum dibuat (batas 31 Januari {tahun})" in pegawai[org.staf_lain.user_id]
    atasan = _penerima(JENIS_SKP_BAWAHAN_TERLAMBAT)
    # Staf Dua's atasan is the Plt of Kepala Seksi Dua; Kasi Tiga's own is the kabid.
    assert set(atasan) == {p.user_id for p in (org.kasi, org.kasi_tiga, org.kabid, org.kepala_b)}
    assert atasan[org.kasi.user_id].startswith(
        f"2 SKP bawahan tahun {tahun} belum ditetapkan padahal batas waktunya sudah lewat (1 di antaranya belum "
        "dibuat)."
    )
    # The same number as the kasi's queue page.
    assert sum(r.terlambat for r in skp_antrian_atasan(org.kasi, tahun)) == 2
    n = Notifikasi.objects.get(user=org.kasi.user)
    assert (n.tanggal, n.url) == (D(tahun, 3, 2), f"{reverse('skp:antrian')}?tahun={tahun}")
    assert hasil[JENIS_SKP_TERLAMBAT].baru == 6 and hasil[JENIS_SKP_BAWAHAN_TERLAMBAT].baru == 4


def test_the_reminder_comes_at_most_once_a_week(org, tahun, semua, hari):
    assert pengingat_skp_kirim(surel=False)[JENIS_SKP_TERLAMBAT].baru == 6
    hari.tanggal = D(tahun, 3, 6)  # Friday of the same week
    hasil = pengingat_skp_kirim(surel=False)
    assert (hasil[JENIS_SKP_TERLAMBAT].calon, hasil[JENIS_SKP_TERLAMBAT].baru) == (6, 0)
    assert hasil[JENIS_SKP_BAWAHAN_TERLAMBAT].baru == 0
    setujui(semua["staf"], org.kasi)
    hari.tanggal = D(tahun, 3, 9)  # the next Monday: still late, reminded again; Staf A is done
    pengingat_skp_kirim(surel=False)
    assert org.staf.user_id not in set(
        Notifikasi.objects.filter(jenis=JENIS_SKP_TERLAMBAT, tanggal=D(tahun, 3, 9)).values_list("user_id", flat=True)
    )
    assert Notifikasi.objects.filter(jenis=JENIS_SKP_TERLAMBAT, tanggal=D(tahun, 3, 9)).count() == 5


def test_nobody_is_reminded_before_the_deadline_passed(org, tahun, semua, hari):
    hari.tanggal = D(tahun, 1, 31)
    assert pengingat.hitung_skp_terlambat() == {JENIS_SKP_TERLAMBAT: [], JENIS_SKP_BAWAHAN_TERLAMBAT: []}


def test_an_inactive_login_gets_no_reminder_but_still_counts_for_the_atasan(org, tahun, semua, hari):
    org.staf.user.is_active = False
    org.staf.user.save()
    pengingat_skp_kirim(surel=False)
    assert org.staf.user_id not in _penerima(JENIS_SKP_TERLAMBAT)
    assert _penerima(JENIS_SKP_BAWAHAN_TERLAMBAT)[org.kasi.user_id].startswith("2 SKP bawahan")


def test_the_reminders_run_a_fixed_number_of_queries(org, tahun, semua, hari):
    def jumlah() -> int:
        with CaptureQueriesContext(connection) as q:
            hasil = pengingat.hitung_skp_terlambat()
        assert hasil[JENIS_SKP_TERLAMBAT] and hasil[JENIS_SKP_BAWAHAN_TERLAMBAT]
        return len(q.captured_queries)

    _tambah_bawahan(org, tahun, 3, semua["kasi"].rhk.first())
    sedikit = jumlah()
    _tambah_bawahan(org, tahun, 12, semua["kasi"].rhk.first())
    assert jumlah() == sedikit
    assert rekap_terlambat().atasan[org.kasi.pk] == (2 + 15, 1 + 5)


def test_the_task_sends_them_and_the_beat_schedule_names_it(org, tahun, semua, hari):
    assert tasks.pengingat_skp_terlambat.delay().get() == {
        JENIS_SKP_TERLAMBAT: {"calon": 6, "baru": 6, "surel": 0},
        JENIS_SKP_BAWAHAN_TERLAMBAT: {"calon": 4, "baru": 4, "surel": 0},
    }
    jadwal = PeriodicTask.objects.get(task="skp.tasks.pengingat_skp_terlambat")
    assert jadwal.task in current_app.tasks
    assert jadwal.enabled and str(jadwal.crontab.timezone) == "Asia/Jakarta"


def test_the_guide_quotes_the_deadlines_of_the_running_settings(client, settings):
    html = client.get(reverse("panduan")).content.decode()
    assert "paling lambat 31 Januari" in html and "paling lambat 30 hari sejak awal periodenya" in html
    settings.SKP_TENGGAT_JANUARI, settings.SKP_TENGGAT_HARI_TMT = 15, 21
    html = client.get(reverse("panduan")).content.decode()
    assert "paling lambat 15 Januari" in html and "paling lambat 21 hari sejak awal periodenya" in html
