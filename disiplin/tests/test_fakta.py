# ruff: noqa: F811 — the imported kinerja fixtures are requested by name as test arguments
"""The reporting-discipline facts of March 2026 for Dinas A (personas of pegawai/tests/personas.py), computed by
:func:`disiplin.services.fakta.hitung_fakta`, and the month's closing and reopening.

The calendar: a 5-day week by default, Seksi Dua (staf_dua) on a 6-day week, Thursday 19 March a holiday; entry
window 3 working days, verification deadline the 5th working day of April — Tuesday 7 April on the 5-day calendar
(Monday 6 April on the 6-day one). Computed as of Wednesday 8 April (locked) unless a test says otherwise."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pghistory.models import Events

from disiplin.choices import JenisFakta, Keterangan, StatusBulan, SumberKehadiran
from disiplin.errors import DisiplinError, DisiplinTidakBerwenang
from disiplin.models import BulanDisiplin, FaktaDisiplin, Kehadiran
from disiplin.services.bulan import bulan_buka_kembali, bulan_perlu_dihitung, bulan_tutup
from disiplin.services.fakta import hitung_fakta, jabatan_sumber
from disiplin.tasks import hitung_disiplin_harian, hitung_disiplin_opd
from kinerja.choices import KebijakanTerlambat, StatusAktivitas
from kinerja.models import HariKerjaUnit, PengaturanKinerja
from kinerja.tests.conftest import jam, org, skp  # noqa: F401 — pinned clock, Plt over the year, approved SKP
from kinerja.tests.factories import AktivitasFactory, HariLiburFactory, catat, diajukan
from pegawai.tests.factories import PegawaiFactory

TAHUN = 2026
D = datetime.date
TERKUNCI = D(TAHUN, 4, 8)
TANPA, ENTRI, VERIF, TIDAK = (
    JenisFakta.TANPA_LAPORAN,
    JenisFakta.ENTRI_TERLAMBAT,
    JenisFakta.VERIFIKASI_TERLAMBAT,
    JenisFakta.TIDAK_DIVERIFIKASI,
)


def _wib(tanggal: datetime.date, jam_: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(tanggal.year, tanggal.month, tanggal.day, jam_))


def _hari_kerja_maret(enam: bool = False) -> list[datetime.date]:
    hari = [D(TAHUN, 3, d) for d in range(1, 32)]
    return [d for d in hari if d.weekday() < (6 if enam else 5) and d != D(TAHUN, 3, 19)]


def fakta(pegawai=None, jenis=None) -> dict:
    qs = FaktaDisiplin.objects.all()
    if pegawai is not None:
        qs = qs.filter(pegawai=pegawai)
    if jenis is not None:
        qs = qs.filter(jenis=jenis)
    return {(f.pegawai_id, f.tanggal, f.jenis): (f.jumlah, f.perangkat_daerah_id) for f in qs}


def semua() -> set:
    return set(FaktaDisiplin.objects.values_list("pegawai_id", "perangkat_daerah_id", "tanggal", "jenis", "jumlah"))


@pytest.fixture
def maret(org, skp, jam):
    """March 2026 arranged as the module docstring says, with these days of the personas:

    - staf: 2 March an activity verified on time; 5 March two activities entered late (on 12 March); 6 March one
      left submitted; 9 March one verified by the kasi on 8 April (after the deadline); 4 March a cuti day;
    - staf_dua (6-day week, atasan = the Plt kasi_tiga): 10 March one left submitted;
    - baru: a pegawai whose TMT jabatan is 16 March."""
    HariLiburFactory(tanggal=D(TAHUN, 3, 19))
    HariKerjaUnit.objects.create(unit_kerja=org.staf_dua.jabatan.unit_kerja, hari_kerja_per_minggu=6)
    pengaturan = PengaturanKinerja.get_solo()
    pengaturan.kebijakan_terlambat = KebijakanTerlambat.TANDAI
    pengaturan.save()
    rhk = skp.rhk(skp.staf)

    jam.atur(D(TAHUN, 3, 2))
    tepat = diajukan(org.staf, rhk, D(TAHUN, 3, 2))
    jam.atur(D(TAHUN, 3, 6))
    tertunda = diajukan(org.staf, rhk, D(TAHUN, 3, 6))
    jam.atur(D(TAHUN, 3, 9))
    telat_verif = diajukan(org.staf, rhk, D(TAHUN, 3, 9))
    jam.atur(D(TAHUN, 3, 10))
    diajukan(org.staf_dua, skp.rhk(skp.staf_dua), D(TAHUN, 3, 10))
    jam.atur(D(TAHUN, 3, 12))
    terlambat = [catat(org.staf, rhk, D(TAHUN, 3, 5), m, s) for m, s in (("08:00", "09:00"), ("09:00", "10:00"))]
    assert all(a.terlambat for a in terlambat) and not tertunda.terlambat
    # Verification times are arranged directly: kinerja's own services refuse a verification after the lock.
    tepat.__class__.objects.filter(pk=tepat.pk).update(
        status=StatusAktivitas.DISETUJUI, diverifikasi_oleh=org.kasi, diverifikasi_pada=_wib(D(TAHUN, 3, 3), 10)
    )
    tepat.__class__.objects.filter(pk=telat_verif.pk).update(
        status=StatusAktivitas.DISETUJUI, diverifikasi_oleh=org.kasi, diverifikasi_pada=_wib(TERKUNCI, 9)
    )
    Kehadiran.objects.create(
        pegawai=org.staf, tanggal=D(TAHUN, 3, 4), keterangan=Keterangan.CUTI, sumber=SumberKehadiran.ADMIN
    )
    baru = PegawaiFactory(jabatan=org.staf.jabatan, nama="Pegawai Baru", tmt_jabatan=D(TAHUN, 3, 16))
    jam.atur(TERKUNCI)
    return baru


def hitung(org, hari_ini=TERKUNCI) -> int:
    return hitung_fakta(tahun=TAHUN, bulan=3, opd_id=org.opd_a.pk, hari_ini=hari_ini)


def test_it_computes_every_kind(org, maret):
    hitung(org)
    staf = fakta(org.staf)
    tanpa = {t for (_p, t, j) in staf if j == TANPA}
    # Every working day but the reported ones (2, 5, 6, 9), the cuti day (4) and the holiday (19).
    assert tanpa == set(_hari_kerja_maret()) - {D(TAHUN, 3, d) for d in (2, 4, 5, 6, 9)}
    assert staf[(org.staf.pk, D(TAHUN, 3, 5), ENTRI)] == (2, org.opd_a.pk)
    assert {k for k in staf if k[2] != TANPA} == {(org.staf.pk, D(TAHUN, 3, 5), ENTRI)}
    # The atasan kinds are the atasan's facts, on the activity's date.
    assert fakta(org.kasi, VERIF) == {(org.kasi.pk, D(TAHUN, 3, 9), VERIF): (1, org.opd_a.pk)}
    assert fakta(org.kasi, TIDAK) == {(org.kasi.pk, D(TAHUN, 3, 6), TIDAK): (1, org.opd_a.pk)}
    # staf_dua's penilai on 10 March is the Plt of Kepala Seksi Dua.
    assert fakta(org.kasi_tiga, TIDAK) == {(org.kasi_tiga.pk, D(TAHUN, 3, 10), TIDAK): (1, org.opd_a.pk)}


def test_it_follows_the_unit_week_holidays_and_the_tmt(org, maret):
    hitung(org)
    dua = {t for (_p, t, _j) in fakta(org.staf_dua, TANPA)}
    assert dua == set(_hari_kerja_maret(enam=True)) - {D(TAHUN, 3, 10)}
    assert D(TAHUN, 3, 7) in dua  # a Saturday of the 6-day unit
    assert D(TAHUN, 3, 19) not in dua
    baru = {t for (_p, t, _j) in fakta(maret, TANPA)}
    assert min(baru) == D(TAHUN, 3, 16)
    assert baru == {d for d in _hari_kerja_maret() if d >= D(TAHUN, 3, 16)}
    # Dinas B is another OPD's run.
    assert not fakta(org.staf_b)


def test_it_counts_only_days_whose_entry_window_has_passed(org, maret):
    # On Thursday 12 March the window of Monday 9 March has closed (10, 11, 12 are its 3 days: closed on the 13th).
    hitung(org, hari_ini=D(TAHUN, 3, 13))
    tanpa = {t for (_p, t, _j) in fakta(org.staf_lain, TANPA)}
    assert max(tanpa) == D(TAHUN, 3, 9)
    # Nothing is locked yet: no activity is "not verified".
    assert not fakta(jenis=TIDAK)


def test_it_gives_the_same_rows_when_run_twice(org, maret):
    pertama = hitung(org)
    sebelum = semua()
    assert pertama == len(sebelum)
    assert hitung(org) == pertama
    assert semua() == sebelum


def test_it_survives_a_redelivered_task(org, maret):
    hitung_disiplin_opd(TAHUN, 3, org.opd_a.pk)  # kinerja's clock is pinned to 8 April
    sebelum = semua()
    hitung_disiplin_opd(TAHUN, 3, org.opd_a.pk)
    assert semua() == sebelum
    # A worker killed half-way leaves nothing behind (one transaction); a partial table is completed.
    ids = list(FaktaDisiplin.objects.order_by("pk").values_list("pk", flat=True))
    FaktaDisiplin.objects.filter(pk__in=ids[::2]).delete()
    hitung_disiplin_opd(TAHUN, 3, org.opd_a.pk)
    assert semua() == sebelum


def test_it_removes_facts_that_stopped_being_true(org, skp, maret):
    hitung(org)
    assert (org.staf.pk, D(TAHUN, 3, 3), TANPA) in fakta(org.staf)
    Kehadiran.objects.create(
        pegawai=org.staf, tanggal=D(TAHUN, 3, 3), keterangan=Keterangan.SAKIT, sumber=SumberKehadiran.IMPOR
    )
    AktivitasFactory(pegawai=org.staf_lain, tanggal=D(TAHUN, 3, 10), rhk=skp.rhk(skp.staf_lain))
    hitung(org)
    assert (org.staf.pk, D(TAHUN, 3, 3), TANPA) not in fakta(org.staf)
    assert (org.staf_lain.pk, D(TAHUN, 3, 10), TANPA) not in fakta(org.staf_lain)
    # An attendance row without a valid reason excuses nothing.
    Kehadiran.objects.create(
        pegawai=org.staf, tanggal=D(TAHUN, 3, 11), keterangan=Keterangan.TANPA_KETERANGAN, sumber=SumberKehadiran.IMPOR
    )
    hitung(org)
    assert (org.staf.pk, D(TAHUN, 3, 11), TANPA) in fakta(org.staf)


def test_it_reads_a_constant_number_of_queries(org, maret):
    hitung(org)  # the month's row exists from here on

    def jumlah_kueri() -> int:
        with CaptureQueriesContext(connection) as q:
            hitung(org)
        return len(q)

    sedikit = jumlah_kueri()
    for i in range(10):
        PegawaiFactory(jabatan=org.staf.jabatan, nama=f"Tambahan {i}")
    assert jumlah_kueri() == sedikit
    assert FaktaDisiplin.objects.filter(pegawai__nama__startswith="Tambahan").count() == 10 * 21


def test_it_finds_penilai_across_opds(org, maret):
    # Kepala Dinas B's position placed under Kepala Dinas A's: Dinas B's pegawai may be rated from Dinas A.
    org.kepala_b.jabatan.parent = org.kepala.jabatan
    org.kepala_b.jabatan.save()
    dari_a = jabatan_sumber(org.opd_a.pk, D(TAHUN, 3, 1), D(TAHUN, 3, 31))
    assert {org.kepala_b.jabatan_id, org.staf.jabatan_id, org.staf_dua.jabatan_id} <= set(dari_a)
    # Staf B's walk stops at Kepala Dinas B (held the whole month); Kepala Dinas A has nobody above.
    assert org.staf_b.jabatan_id not in dari_a and org.kepala.jabatan_id not in dari_a
    assert jabatan_sumber(org.opd_b.pk, D(TAHUN, 3, 1), D(TAHUN, 3, 31)) == [org.staf_b.jabatan_id]
    AktivitasFactory(
        pegawai=org.kepala_b,
        tanggal=D(TAHUN, 3, 11),
        status=StatusAktivitas.DIAJUKAN,
        kategori="lainnya",
        alasan_kategori="Rapat",
    )
    hitung(org)
    assert fakta(org.kepala, TIDAK) == {(org.kepala.pk, D(TAHUN, 3, 11), TIDAK): (1, org.opd_a.pk)}


def test_it_leaves_a_closed_month_alone_until_reopened(org, maret, django_capture_on_commit_callbacks):
    hitung_fakta(tahun=TAHUN, bulan=3, opd_id=org.opd_b.pk, hari_ini=TERKUNCI)
    # Before the lock has passed nothing closes.
    assert not bulan_tutup(tahun=TAHUN, bulan=3, hari_ini=D(TAHUN, 4, 7))
    assert bulan_tutup(tahun=TAHUN, bulan=3, hari_ini=TERKUNCI)
    bulan = BulanDisiplin.objects.get(tahun=TAHUN, bulan=3)
    assert bulan.status == StatusBulan.DITUTUP and bulan.ditutup_pada is not None
    sebelum = semua()
    assert {(p, j) for p, _o, _t, j, _n in sebelum} >= {(org.staf.pk, TANPA), (org.staf_b.pk, TANPA)}
    assert (org.staf.pk, org.opd_a.pk, D(TAHUN, 3, 3), TANPA, 1) in sebelum

    Kehadiran.objects.create(
        pegawai=org.staf, tanggal=D(TAHUN, 3, 3), keterangan=Keterangan.DINAS_LUAR, sumber=SumberKehadiran.ADMIN
    )
    assert hitung(org) == 0
    hitung_disiplin_opd(TAHUN, 3, org.opd_a.pk)
    assert semua() == sebelum

    with pytest.raises(DisiplinTidakBerwenang):
        bulan_buka_kembali(actor=org.admin_opd, tahun=TAHUN, bulan=3, alasan="Presensi susulan")
    for alasan in ("", "  ", "x" * 1001):
        with pytest.raises(DisiplinError) as exc:
            bulan_buka_kembali(actor=org.admin_bkpsdm, tahun=TAHUN, bulan=3, alasan=alasan)
        assert "alasan" in exc.value.errors
    with django_capture_on_commit_callbacks(execute=True):
        bulan_buka_kembali(actor=org.admin_bkpsdm, tahun=TAHUN, bulan=3, alasan="Presensi dinas luar susulan")
    bulan.refresh_from_db()
    assert (bulan.status, bulan.ditutup_pada) == (StatusBulan.TERBUKA, None)
    event = Events.objects.tracks(bulan).filter(pgh_label="update").order_by("pgh_created_at", "pgh_id").last()
    assert event.pgh_diff["status"] == [StatusBulan.DITUTUP, StatusBulan.TERBUKA]
    assert event.pgh_context["user"] == org.admin_bkpsdm.pk
    assert event.pgh_context["alasan"] == "Presensi dinas luar susulan"
    # Recomputed at once (eager Celery): the excused day is gone, the rest unchanged.
    assert semua() == sebelum - {(org.staf.pk, org.opd_a.pk, D(TAHUN, 3, 3), TANPA, 1)}
    with pytest.raises(DisiplinError):
        bulan_buka_kembali(actor=org.admin_bkpsdm, tahun=TAHUN, bulan=3, alasan="Lagi")


def test_it_runs_the_nightly_job(org, maret, jam):
    jam.atur(D(TAHUN, 4, 2))
    assert bulan_perlu_dihitung(D(TAHUN, 4, 2)) == [(TAHUN, 3), (TAHUN, 4)]
    hasil = hitung_disiplin_harian()
    assert hasil == {"2026-03": 2, "2026-04": 2}
    assert FaktaDisiplin.objects.filter(tanggal__month=3, perangkat_daerah=org.opd_b).exists()
    jam.atur(TERKUNCI)
    assert hitung_disiplin_harian() == {"2026-03": "ditutup", "2026-04": 2}
    assert BulanDisiplin.objects.get(tahun=TAHUN, bulan=3).status == StatusBulan.DITUTUP
    assert fakta(org.kasi, TIDAK)
    jam.atur(D(TAHUN, 5, 4))
    assert bulan_perlu_dihitung(D(TAHUN, 5, 4)) == [(TAHUN, 4), (TAHUN, 5)]
