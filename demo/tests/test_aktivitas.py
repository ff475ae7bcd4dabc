"""Demo activities (demo.aktivitas, ``seed_demo --bulan``) on the small fixed organisation: who gets activities and
on which days, no overlaps, believable times and statuses, verification by the right atasan, determinism."""

import datetime
import io
from collections import Counter, defaultdict

import pytest
from django.core.management import call_command
from django.db import transaction

from demo.aktivitas.kerja import CATATAN_TOLAK
from demo.aktivitas.seed import seed_aktivitas
from kinerja import ringkasan
from kinerja.choices import KategoriAktivitas, StatusAktivitas
from kinerja.models import Aktivitas, HariKerjaUnit, HariLibur, RingkasanAktivitas
from kinerja.tests.factories import TAHUN
from portal.audit import as_actor
from skp.choices import SkpStatus

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time
S = StatusAktivitas
HARI_INI = D(TAHUN, 3, 11)  # Wednesday; February (deadline Friday 6 March) is locked, March is open

KOLOM = (
    "pegawai_id",
    "tanggal",
    "kategori",
    "rhk_id",
    "alasan_kategori",
    "uraian",
    "volume",
    "satuan",
    "jam_mulai",
    "jam_selesai",
    "menit",
    "status",
    "catatan_atasan",
    "diverifikasi_oleh_id",
    "diajukan_pada",
    "diverifikasi_pada",
)


def seed(bulan=1, seed=1):
    with as_actor(None, source="uji"):
        return seed_aktivitas(bulan=bulan, seed=seed, hari_ini=HARI_INI)


def baris():
    return list(Aktivitas.objects.order_by("pegawai_id", "tanggal", "jam_mulai").values_list(*KOLOM))


@pytest.fixture
def hasil(skp):
    return seed()


def test_it_fills_working_days_up_to_yesterday_for_pegawai_with_an_approved_skp(org, skp, hasil):
    assert (hasil.awal, hasil.akhir) == (D(TAHUN, 2, 11), D(TAHUN, 3, 10))
    per_hari = Counter(Aktivitas.objects.values_list("pegawai_id", "tanggal"))
    # Only staf, staf_lain and staf_dua have an approved SKP.
    assert {p for p, _d in per_hari} == {org.staf.pk, org.staf_lain.pk, org.staf_dua.pk}
    hari = sorted({d for _p, d in per_hari})
    # The 2026 holidays were filled in (the table was empty): Imlek and its cuti bersama are days off.
    assert HariLibur.objects.filter(tanggal=D(TAHUN, 2, 17)).exists()
    assert hari[0] == D(TAHUN, 2, 11) and hari[-1] == D(TAHUN, 3, 10)
    assert all(d.weekday() < 5 for d in hari)
    assert D(TAHUN, 2, 16) not in hari and D(TAHUN, 2, 17) not in hari
    assert len(hari) == 18  # 20 weekdays from 11 February to 10 March, minus the two holidays
    assert set(per_hari.values()) <= {4, 5, 6}
    assert 4.6 <= sum(per_hari.values()) / len(per_hari) <= 5.4
    assert hasil.jumlah == Aktivitas.objects.count() == sum(per_hari.values())
    assert (hasil.pegawai, hasil.hari) == (3, len(per_hari))


def test_no_two_activities_of_a_day_overlap_and_times_are_office_hours(hasil):
    per_hari = defaultdict(list)
    for a in Aktivitas.objects.all():
        per_hari[(a.pegawai_id, a.tanggal)].append(a)
        assert T(7, 30) <= a.jam_mulai < a.jam_selesai <= T(16, 0)
        assert not (a.jam_mulai < T(13, 0) and a.jam_selesai > T(12, 0)), "istirahat 12.00–13.00"
        assert a.menit == (a.jam_selesai.hour * 60 + a.jam_selesai.minute) - (
            a.jam_mulai.hour * 60 + a.jam_mulai.minute
        )
        assert a.menit >= 30 and a.volume > 0
    for daftar in per_hari.values():
        daftar.sort(key=lambda a: a.jam_mulai)
        for a, b in zip(daftar, daftar[1:], strict=False):
            assert a.jam_selesai <= b.jam_mulai


def test_activities_are_mapped_to_the_pegawais_own_rhk_with_texts_and_reasons(org, skp, hasil):
    rhk_milik = {
        org.staf.pk: set(skp.staf.rhk.values_list("pk", flat=True)),
        org.staf_lain.pk: set(skp.staf_lain.rhk.values_list("pk", flat=True)),
        org.staf_dua.pk: set(skp.staf_dua.rhk.values_list("pk", flat=True)),
    }
    kategori = Counter()
    for a in Aktivitas.objects.all():
        kategori[a.kategori] += 1
        assert a.uraian and a.satuan
        if a.kategori == KategoriAktivitas.RHK:
            assert a.rhk_id in rhk_milik[a.pegawai_id]
        else:
            assert a.rhk_id is None and a.alasan_kategori
    assert kategori[KategoriAktivitas.RHK] > 0.9 * sum(kategori.values())
    # Finished outputs carry the IKI's satuan ("dokumen"), so realisasi counts them.
    assert Aktivitas.objects.filter(satuan="dokumen").exists()


def test_statuses_follow_the_calendar(org, hasil):
    februari = Counter(Aktivitas.objects.filter(tanggal__month=2).values_list("status", flat=True))
    maret = Counter(Aktivitas.objects.filter(tanggal__month=3).values_list("status", flat=True))
    baru = Counter(Aktivitas.objects.filter(tanggal__gte=D(TAHUN, 3, 6)).values_list("status", flat=True))
    # February is locked: mostly approved, some rejected, no drafts; a few never verified.
    assert februari[S.DISETUJUI] > 0.85 * sum(februari.values())
    assert februari[S.DRAFT] == 0
    assert februari[S.DITOLAK] > 0
    # March is open: a mix; the days still in the entry window are drafts or just submitted.
    assert maret[S.DIAJUKAN] > 0 and maret[S.DRAFT] > 0
    assert set(baru) <= {S.DRAFT, S.DIAJUKAN}
    assert hasil.status == februari + maret
    for a in Aktivitas.objects.filter(status=S.DITOLAK):
        assert a.catatan_atasan in CATATAN_TOLAK


def test_verification_is_recorded_as_the_atasan_of_the_day(org, hasil):
    for a in Aktivitas.objects.filter(status__in=[S.DISETUJUI, S.DITOLAK]).select_related("pegawai"):
        atasan = org.kasi_tiga if a.pegawai_id == org.staf_dua.pk else org.kasi  # staf_dua: the Plt
        assert a.diverifikasi_oleh_id == atasan.pk
        assert a.diajukan_pada is not None and a.diverifikasi_pada >= a.diajukan_pada
        assert a.diverifikasi_pada.date() < HARI_INI
    for a in Aktivitas.objects.filter(status=S.DRAFT):
        assert a.diajukan_pada is None and a.diverifikasi_oleh_id is None
    assert not Aktivitas.objects.filter(status=S.DIAJUKAN, diverifikasi_oleh__isnull=False).exists()


def test_it_is_deterministic_and_adds_nothing_twice(skp):
    class Batal(Exception):
        pass

    def sekali(**kwargs):
        try:
            with transaction.atomic():
                seed(**kwargs)
                hasil = baris()
                raise Batal
        except Batal:
            return hasil

    pertama, kedua = sekali(), sekali()
    assert pertama == kedua and len(pertama) > 200
    assert sekali(seed=2) != pertama

    seed()
    assert seed().jumlah == 0
    assert baris() == pertama


def test_a_six_day_unit_works_on_saturday_and_pegawai_without_skp_get_nothing(org, skp):
    HariKerjaUnit.objects.create(unit_kerja=org.staf_dua.jabatan.unit_kerja, hari_kerja_per_minggu=6)
    skp.staf_lain.status = SkpStatus.DIAJUKAN
    skp.staf_lain.save()
    seed()
    sabtu = set(Aktivitas.objects.filter(tanggal__week_day=7).values_list("pegawai_id", flat=True))
    assert sabtu == {org.staf_dua.pk}
    assert not Aktivitas.objects.filter(pegawai=org.staf_lain).exists()


def test_seed_demo_bulan_adds_activities_and_reset_removes_them(db, monkeypatch):
    # The demo city, its SKP year and the activity window all follow "today": pin it.
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: HARI_INI)
    out = io.StringIO()
    call_command("seed_demo", pegawai=300, bulan=1, stdout=out)
    jumlah = Aktivitas.objects.count()
    assert jumlah > 1000
    assert f"Aktivitas 11-02-{TAHUN} s.d. 10-03-{TAHUN}: {jumlah:,} aktivitas".replace(",", ".") in out.getvalue()
    call_command("seed_demo", pegawai=300, reset=True, stdout=io.StringIO())
    assert not Aktivitas.objects.exists()


def test_the_monthly_summary_is_rebuilt_after_the_load_and_its_triggers_are_back_on(skp):
    seed(bulan=1)
    assert RingkasanAktivitas.objects.exists() and ringkasan.periksa() == 0
    # A second load over months the first filled: their rows written before are counted again, not twice.
    assert seed(bulan=2).jumlah > 0
    assert ringkasan.periksa() == 0
    # The row triggers keep the summary again after the load.
    aktivitas = Aktivitas.objects.filter(status=StatusAktivitas.DIAJUKAN).first()
    Aktivitas.objects.filter(pk=aktivitas.pk).update(status=StatusAktivitas.DISETUJUI)
    Aktivitas.objects.filter(pk=Aktivitas.objects.order_by("pk").values("pk")[:1]).delete()
    assert ringkasan.periksa() == 0
