"""Reminders (kinerja.pengingat, kinerja.tasks): who gets which reminder on which day, once per day, by e-mail
once, escalation after the deadline, the advisory lock, and a query count that does not grow with the pegawai.

Calendar used below (March 2026, no holidays unless a test adds them): February's verification deadline is the
5th working day of March, Friday 6 March; February locks on Saturday 7 March. With the default entry window of 3
working days, Friday 6 March may be entered on time up to Wednesday 11 March.
"""

import datetime

import psycopg2
import pytest
from celery import current_app
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from kinerja import pengingat, tasks
from kinerja.choices import KategoriAktivitas, StatusAktivitas
from kinerja.models import HariKerjaUnit
from kinerja.pengingat import JenisPengingat, advisory_lock_key, pengingat_kirim
from pegawai.atasan import atasan_langsung
from pegawai.models import Pegawai
from pegawai.supervisi import atasan_pada
from pegawai.tests.factories import JabatanFactory, PegawaiFactory
from portal.models import Notifikasi

from .factories import TAHUN, AktivitasFactory, HariLiburFactory

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time
S = StatusAktivitas
K = JenisPengingat


def catat(pegawai, tanggal, status=S.DRAFT, mulai=8, **kw):
    """One hour of activity written directly (the services are tested elsewhere; reminders read what is stored)."""
    kw.setdefault("kategori", KategoriAktivitas.LAINNYA)
    kw.setdefault("alasan_kategori", "Rapat koordinasi")
    return AktivitasFactory(
        pegawai=pegawai, tanggal=tanggal, status=status, jam_mulai=T(mulai, 0), jam_selesai=T(mulai + 1, 0), **kw
    )


def penerima(jenis, tanggal=None) -> set[int]:
    qs = Notifikasi.objects.filter(jenis=jenis)
    if tanggal is not None:
        qs = qs.filter(tanggal=tanggal)
    return set(qs.values_list("user_id", flat=True))


def users(*pegawai) -> set[int]:
    return {p.user_id for p in pegawai}


def semua_pegawai(org) -> list[Pegawai]:
    return [
        org.kepala,
        org.kabid,
        org.kasi,
        org.staf,
        org.staf_lain,
        org.kasi_tiga,
        org.staf_dua,
        org.kepala_b,
        org.staf_b,
    ]


# ---------------------------------------------------------------------------------------------------------------
# aktivitas_kosong
# ---------------------------------------------------------------------------------------------------------------


def test_it_reminds_whoever_misses_a_working_day_whose_window_closes_today(org, jam):
    # Wednesday 11 March: Friday 6 March may be entered on time for the last day.
    for hari in (D(TAHUN, 3, 6), D(TAHUN, 3, 9), D(TAHUN, 3, 10)):
        catat(org.staf_lain, hari)
    catat(org.staf_dua, D(TAHUN, 3, 6))  # missing 9 and 10, but their windows are still open tomorrow
    catat(org.staf, D(TAHUN, 3, 9))
    catat(org.staf, D(TAHUN, 3, 6), status=S.DITOLAK)  # a rejected activity does not fill the day

    hasil = pengingat_kirim(jenis=K.AKTIVITAS_KOSONG)

    tidak = users(org.staf_lain, org.staf_dua)
    assert penerima(K.AKTIVITAS_KOSONG) == users(*semua_pegawai(org)) - tidak
    assert hasil.baru == len(semua_pegawai(org)) - 2
    n = Notifikasi.objects.get(user=org.staf.user, jenis=K.AKTIVITAS_KOSONG)
    assert n.tanggal == D(TAHUN, 3, 11)
    assert "Jumat, 6 Maret 2026" in n.pesan and "Selasa, 10 Maret 2026" in n.pesan
    assert "Senin, 9 Maret 2026" not in n.pesan  # entered
    assert n.url == reverse("kinerja:harian")


def test_it_reminds_the_next_day_for_the_next_day_closing(org, jam):
    catat(org.staf_dua, D(TAHUN, 3, 6))
    jam.atur(D(TAHUN, 3, 12))  # Thursday: Monday 9 March closes
    pengingat_kirim(jenis=K.AKTIVITAS_KOSONG)
    assert org.staf_dua.user_id in penerima(K.AKTIVITAS_KOSONG, D(TAHUN, 3, 12))


def test_it_sends_no_reminder_on_a_day_off_nor_for_a_holiday(org, jam):
    jam.atur(D(TAHUN, 3, 14))  # Saturday
    assert pengingat_kirim(jenis=K.AKTIVITAS_KOSONG).calon == 0
    # With Monday 9 March a holiday, on Wednesday 11 March the closing day is Thursday 5 March instead.
    HariLiburFactory(tanggal=D(TAHUN, 3, 9), nama="Libur uji")
    jam.atur(D(TAHUN, 3, 11))
    for hari in (D(TAHUN, 3, 6), D(TAHUN, 3, 10)):
        catat(org.staf, hari)
    pengingat_kirim(jenis=K.AKTIVITAS_KOSONG)
    pesan = Notifikasi.objects.get(user=org.kasi.user, jenis=K.AKTIVITAS_KOSONG).pesan
    assert "Kamis, 5 Maret 2026" in pesan and "9 Maret" not in pesan
    catat(org.staf, D(TAHUN, 3, 5))
    Notifikasi.objects.all().delete()
    pengingat_kirim(jenis=K.AKTIVITAS_KOSONG)
    assert org.staf.user_id not in penerima(K.AKTIVITAS_KOSONG)


def test_it_follows_the_six_day_week_of_a_unit(org, jam):
    HariKerjaUnit.objects.create(unit_kerja=org.staf.jabatan.unit_kerja, hari_kerja_per_minggu=6)
    jam.atur(D(TAHUN, 3, 14))  # Saturday: a working day only for Seksi Satu (kasi, staf, staf_lain)
    pengingat_kirim(jenis=K.AKTIVITAS_KOSONG)
    assert penerima(K.AKTIVITAS_KOSONG) == users(org.kasi, org.staf, org.staf_lain)


def test_it_leaves_out_inactive_pegawai_and_logins(org, jam):
    Pegawai.objects.filter(pk=org.staf.pk).update(aktif=False)
    org.staf_lain.user.is_active = False
    org.staf_lain.user.save()
    pengingat_kirim(jenis=K.AKTIVITAS_KOSONG)
    assert not penerima(K.AKTIVITAS_KOSONG) & users(org.staf, org.staf_lain)
    assert org.kasi.user_id in penerima(K.AKTIVITAS_KOSONG)


def test_it_reminds_at_most_once_a_day_and_emails_once(org, jam):
    Pegawai.objects.filter(pk=org.staf.pk).update(email="staf@bandung.go.id")

    pertama = pengingat_kirim(jenis=K.AKTIVITAS_KOSONG)
    kedua = pengingat_kirim(jenis=K.AKTIVITAS_KOSONG)

    assert pertama.baru == len(semua_pegawai(org)) and pertama.surel == 1
    assert kedua.calon == pertama.calon and kedua.baru == 0 and kedua.surel == 0
    assert Notifikasi.objects.filter(user=org.staf.user, jenis=K.AKTIVITAS_KOSONG).count() == 1
    assert [m.to for m in mail.outbox] == [["staf@bandung.go.id"]]
    assert "Aktivitas harian belum dicatat" in mail.outbox[0].subject
    assert "6 Maret 2026" in mail.outbox[0].body
    # The next day is another day: a new reminder and a new e-mail.
    jam.atur(D(TAHUN, 3, 12))
    assert pengingat_kirim(jenis=K.AKTIVITAS_KOSONG).surel == 1
    assert len(mail.outbox) == 2


# ---------------------------------------------------------------------------------------------------------------
# antrian_verifikasi
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hari_ini", "diingatkan"),
    [
        (D(TAHUN, 3, 3), False),  # three working days before the deadline
        (D(TAHUN, 3, 4), True),
        (D(TAHUN, 3, 5), True),
        (D(TAHUN, 3, 6), True),  # the deadline itself
        (D(TAHUN, 3, 7), False),  # Saturday, and February is locked
        (D(TAHUN, 3, 9), False),  # past the deadline: escalation's business
    ],
)
def test_it_reminds_the_atasan_with_a_queue_in_the_days_before_the_deadline(org, jam, hari_ini, diingatkan):
    catat(org.staf, D(TAHUN, 2, 20), status=S.DIAJUKAN)
    catat(org.staf_lain, D(TAHUN, 2, 20), status=S.DIAJUKAN)
    catat(org.staf_lain, D(TAHUN, 2, 23), status=S.DIAJUKAN)
    jam.atur(hari_ini)
    pengingat_kirim(jenis=K.ANTRIAN_VERIFIKASI)
    assert penerima(K.ANTRIAN_VERIFIKASI) == (users(org.kasi) if diingatkan else set())
    if diingatkan:
        n = Notifikasi.objects.get(jenis=K.ANTRIAN_VERIFIKASI)
        assert "3 aktivitas dari 2 pegawai" in n.pesan
        assert "Jumat, 6 Maret 2026" in n.pesan
        assert n.url == reverse("kinerja:antrian")


def test_it_reminds_the_plt_and_only_for_submitted_activities(org, jam):
    catat(org.staf_dua, D(TAHUN, 2, 20), status=S.DIAJUKAN)  # staf_dua's atasan is the Plt kasi_tiga
    catat(org.staf, D(TAHUN, 2, 20), status=S.DISETUJUI)
    catat(org.staf, D(TAHUN, 2, 23), status=S.DRAFT)
    catat(org.staf_lain, D(TAHUN, 2, 23), status=S.DITOLAK)
    jam.atur(D(TAHUN, 3, 5))
    pengingat_kirim(jenis=K.ANTRIAN_VERIFIKASI)
    assert penerima(K.ANTRIAN_VERIFIKASI) == users(org.kasi_tiga)


def test_it_asks_the_atasan_of_the_activity_date(org, jam):
    """The Plt's assignment ended on 15 February: the activity of the 10th is kasi_tiga's, the one of the 20th goes
    up to kabid (the vacant Kepala Seksi Dua passes supervision up)."""
    org.plt.tanggal_mulai, org.plt.tanggal_selesai = D(TAHUN, 1, 1), D(TAHUN, 2, 15)
    org.plt.save()
    catat(org.staf_dua, D(TAHUN, 2, 10), status=S.DIAJUKAN)
    catat(org.staf_dua, D(TAHUN, 2, 20), status=S.DIAJUKAN)
    jam.atur(D(TAHUN, 3, 5))
    pengingat_kirim(jenis=K.ANTRIAN_VERIFIKASI)
    assert penerima(K.ANTRIAN_VERIFIKASI) == users(org.kasi_tiga, org.kabid)


# ---------------------------------------------------------------------------------------------------------------
# eskalasi_verifikasi
# ---------------------------------------------------------------------------------------------------------------


def test_it_escalates_to_the_atasans_atasan_once_the_deadline_passed(org, jam):
    Pegawai.objects.filter(pk=org.kabid.pk).update(email="kabid@bandung.go.id")
    catat(org.staf, D(TAHUN, 2, 20), status=S.DIAJUKAN)
    catat(org.staf, D(TAHUN, 2, 23), status=S.DIAJUKAN)
    catat(org.staf_dua, D(TAHUN, 2, 24), status=S.DIAJUKAN)
    catat(org.staf_lain, D(TAHUN, 2, 24), status=S.DISETUJUI)

    jam.atur(D(TAHUN, 3, 6))  # the deadline day: not yet
    assert pengingat_kirim(jenis=K.ESKALASI_VERIFIKASI).calon == 0

    jam.atur(D(TAHUN, 3, 9))
    hasil = pengingat_kirim(jenis=K.ESKALASI_VERIFIKASI)
    assert hasil.baru == 1 and hasil.surel == 1
    # kasi missed staf's two, the Plt kasi_tiga missed staf_dua's one: both answer to kabid.
    n = Notifikasi.objects.get(jenis=K.ESKALASI_VERIFIKASI)
    assert n.user == org.kabid.user
    assert n.tanggal == D(TAHUN, 3, 7)  # the day February locked
    assert "3 aktivitas bulan Februari 2026" in n.pesan
    assert "Kasi A: 2 aktivitas dari 1 pegawai" in n.pesan
    assert "Kasi Tiga: 1 aktivitas dari 1 pegawai" in n.pesan
    assert mail.outbox[0].to == ["kabid@bandung.go.id"]

    # Later runs that week add nothing: the escalation belongs to the day the month locked.
    jam.atur(D(TAHUN, 3, 10))
    assert pengingat_kirim(jenis=K.ESKALASI_VERIFIKASI).baru == 0
    assert Notifikasi.objects.filter(jenis=K.ESKALASI_VERIFIKASI).count() == 1
    assert len(mail.outbox) == 1


def test_it_catches_up_a_missed_escalation_for_a_week_only(org, jam):
    catat(org.staf, D(TAHUN, 2, 20), status=S.DIAJUKAN)
    jam.atur(D(TAHUN, 3, 14))  # the beat was down since the 7th: 6 + 7 = 13 is the last day
    assert pengingat_kirim(jenis=K.ESKALASI_VERIFIKASI).calon == 0
    jam.atur(D(TAHUN, 3, 13))
    pengingat_kirim(jenis=K.ESKALASI_VERIFIKASI)
    assert penerima(K.ESKALASI_VERIFIKASI, D(TAHUN, 3, 7)) == users(org.kabid)
    n = Notifikasi.objects.get(jenis=K.ESKALASI_VERIFIKASI)
    assert n.url == reverse("pegawai_detail", args=[org.kasi.nip])  # one atasan: a link to them


def test_it_does_not_escalate_without_an_atasans_atasan_login(org, jam):
    catat(org.staf_b, D(TAHUN, 2, 20), status=S.DIAJUKAN)  # atasan kepala_b has no atasan
    org.kabid.user.is_active = False
    org.kabid.user.save()
    catat(org.staf, D(TAHUN, 2, 20), status=S.DIAJUKAN)
    jam.atur(D(TAHUN, 3, 9))
    assert pengingat_kirim(jenis=K.ESKALASI_VERIFIKASI).calon == 0


# ---------------------------------------------------------------------------------------------------------------
# The pejabat penilai in SQL, the lock, tasks and schedule, query counts
# ---------------------------------------------------------------------------------------------------------------


def test_atasan_pada_agrees_with_the_selector_for_every_persona_and_date(org):
    org.plt.tanggal_mulai, org.plt.tanggal_selesai = D(TAHUN, 2, 1), D(TAHUN, 2, 15)
    org.plt.save()
    lain = PegawaiFactory(jabatan=org.staf.jabatan, nama="Staf dengan atasan khusus", atasan_override=org.kabid)
    orang = [*semua_pegawai(org), lain]
    hari = [D(TAHUN, 1, 31), D(TAHUN, 2, 1), D(TAHUN, 2, 15), D(TAHUN, 2, 16)]
    hasil = atasan_pada([(p.pk, d) for p in orang for d in hari])
    for p in orang:
        for d in hari:
            atasan = atasan_langsung(p, d)
            assert hasil.get((p.pk, d)) == (atasan.pk if atasan else None), (p.nama, d)


def test_the_advisory_lock_held_elsewhere_stops_a_second_run(org, jam):
    lain = psycopg2.connect(**connection.get_connection_params())
    lain.autocommit = True
    try:
        with lain.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [advisory_lock_key(f"pengingat:{K.AKTIVITAS_KOSONG}")])
        assert pengingat_kirim(jenis=K.AKTIVITAS_KOSONG) is None
        assert not Notifikasi.objects.exists()
        # Another kind has its own lock.
        assert pengingat_kirim(jenis=K.ANTRIAN_VERIFIKASI) is not None
    finally:
        # Released explicitly: a closed session drops its locks too, but the server ends the backend
        # asynchronously, so a check right after close() could still find the lock held.
        with lain.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock_all()")
        lain.close()
    assert pengingat_kirim(jenis=K.AKTIVITAS_KOSONG).baru > 0


def test_the_lock_is_released_after_a_run_and_after_a_failure(org, jam, monkeypatch):
    pengingat_kirim(jenis=K.AKTIVITAS_KOSONG)

    def gagal(hari_ini=None):
        raise RuntimeError("uji")

    monkeypatch.setitem(pengingat.HITUNG, K.AKTIVITAS_KOSONG, gagal)
    with pytest.raises(RuntimeError):
        pengingat_kirim(jenis=K.AKTIVITAS_KOSONG)
    lain = psycopg2.connect(**connection.get_connection_params())
    try:
        with lain.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [advisory_lock_key(f"pengingat:{K.AKTIVITAS_KOSONG}")])
            assert cursor.fetchone()[0] is True
    finally:
        lain.close()


def test_the_tasks_call_the_service_and_the_beat_schedule_names_them(org, jam):
    assert tasks.pengingat_aktivitas_kosong.delay().get() == {"calon": 9, "baru": 9, "surel": 0}
    assert tasks.pengingat_aktivitas_kosong.delay().get() == {"calon": 9, "baru": 0, "surel": 0}
    assert tasks.pengingat_antrian_verifikasi.delay().get() == {"calon": 0, "baru": 0, "surel": 0}
    assert tasks.eskalasi_verifikasi.delay().get() == {"calon": 0, "baru": 0, "surel": 0}
    jadwal = {t.task: t for t in PeriodicTask.objects.filter(task__startswith="kinerja.tasks.")}
    assert set(jadwal) == {
        "kinerja.tasks.pengingat_aktivitas_kosong",
        "kinerja.tasks.pengingat_antrian_verifikasi",
        "kinerja.tasks.eskalasi_verifikasi",
    }
    for nama, periodik in jadwal.items():
        assert nama in current_app.tasks
        assert periodik.enabled and str(periodik.crontab.timezone) == "Asia/Jakarta"


def _kota(org, n: int) -> None:
    """``n`` more staff under kasi, each with a day missing (kosong) and February activities still submitted."""
    for i in range(n):
        p = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=org.staf.jabatan.unit_kerja, parent=org.kasi.jabatan))
        p.email = f"uji{i}@bandung.go.id"
        p.save()
        catat(p, D(TAHUN, 2, 20), status=S.DIAJUKAN)
        catat(p, D(TAHUN, 2, 23), status=S.DIAJUKAN)


@pytest.mark.parametrize(
    ("jenis", "hari_ini"),
    [
        (K.AKTIVITAS_KOSONG, D(TAHUN, 3, 11)),
        (K.ANTRIAN_VERIFIKASI, D(TAHUN, 3, 5)),
        (K.ESKALASI_VERIFIKASI, D(TAHUN, 3, 9)),
    ],
)
def test_the_query_count_does_not_grow_with_the_pegawai(org, jam, pengaturan, jenis, hari_ini):
    jam.atur(hari_ini)

    def hitung():
        Notifikasi.objects.all().delete()
        with CaptureQueriesContext(connection) as q:
            hasil = pengingat_kirim(jenis=jenis)
        assert hasil.baru > 0
        return [x["sql"] for x in q.captured_queries], hasil

    _kota(org, 1)
    sedikit, h1 = hitung()
    _kota(org, 12)
    banyak, h2 = hitung()
    assert h2.calon >= h1.calon
    assert len(banyak) == len(sedikit), banyak
