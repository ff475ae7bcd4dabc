"""The demo discipline data (demo.disiplin, ``seed_demo``): attendance on working days only with a believable spread,
a few pegawai just below a threshold of PP 94/2021, valid hukuman records, pegawai around the Satyalancana marks and
the awards already given, determinism, and ``--reset`` over discipline rows."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from demo.disiplin.seed import HasilDemoDisiplin, hapus_disiplin, rentang_disiplin, seed_disiplin
from demo.kota.rencana import build_city
from demo.kota.tulis import seed_city
from disiplin import rules
from disiplin.choices import (
    JenisHukuman,
    Keterangan,
    StatusHukuman,
    SumberKehadiran,
    TingkatHukuman,
    TingkatSatyalancana,
)
from disiplin.models import FaktaDisiplin, HukumanDisiplin, ImporPresensi, Kehadiran, PenghargaanSatyalancana
from kinerja.models import PengaturanKinerja
from kinerja.rules import Kalender
from kinerja.selectors.kalender import hari_kerja_per_minggu, libur_antara
from pegawai.choices import JenisPeran, StatusPegawai
from pegawai.models import Pegawai, Peran, User
from portal.audit import as_actor

# Every test runs in its own savepoint over the module's one seeded city (``kota``); what it writes is undone.
pytestmark = pytest.mark.django_db

N = 300
SEED = 7
BULAN = 2
D = datetime.date
# A fixed Thursday of last year, so the seeded days (20 September to 19 November) do not depend on when the suite
# runs and lie in one year.
TAHUN = timezone.localdate().year - 1
HARI_INI = D(TAHUN, 11, 20)


@dataclass
class Kota:
    hasil: HasilDemoDisiplin
    awal: datetime.date
    akhir: datetime.date


@pytest.fixture(scope="module")
def kota(module_db) -> Kota:
    """A small demo city of :data:`HARI_INI` with its discipline data, seeded as ``seed_demo`` does (no SKP: the
    attendance does not need one)."""
    with as_actor(None, source="uji"):
        seed_city(build_city(N, SEED, today=HARI_INI))
        hasil = seed_disiplin(tahun=TAHUN, seed=SEED, hari_ini=HARI_INI, bulan=BULAN)
    awal, akhir = rentang_disiplin(BULAN, HARI_INI)
    return Kota(hasil, awal, akhir)


def hari_kerja(awal: datetime.date, akhir: datetime.date) -> dict[int, list[datetime.date]]:
    """The working days of each week length from ``awal`` to ``akhir``."""
    libur = frozenset(libur_antara(awal, akhir))
    semua = [awal + datetime.timedelta(days=i) for i in range((akhir - awal).days + 1)]
    return {w: [d for d in semua if Kalender(w, libur).hari_kerja(d)] for w in (5, 6)}


def jam(teks: str) -> datetime.time:
    return datetime.time.fromisoformat(teks)


@dataclass
class Rekap:
    """One pegawai's year in the seeded attendance, as the regulation counts it."""

    hari: int
    berturut: int
    menit: int

    @property
    def setara(self) -> int:
        return rules.hari_setara(self.hari, self.menit)


def rekap(kota: Kota) -> dict[int, Rekap]:
    masuk, pulang = jam(settings.DISIPLIN_JAM_MASUK), jam(settings.DISIPLIN_JAM_PULANG)
    per_pegawai = defaultdict(list)
    for row in Kehadiran.objects.filter(tanggal__year=TAHUN).values_list(
        "pegawai_id", "tanggal", "keterangan", "jam_masuk", "jam_pulang"
    ):
        per_pegawai[row[0]].append(row[1:])
    hasil = {}
    for pegawai, hari in per_pegawai.items():
        hari.sort()
        absen = [d for d, k, _m, _p in hari if k == Keterangan.TANPA_KETERANGAN]
        hasil[pegawai] = Rekap(
            hari=len(absen),
            # The rows are the pegawai's working days: every one of them is a day of their calendar.
            berturut=rules.berturut_terpanjang(absen, [d for d, *_rest in hari]),
            menit=sum(rules.menit_terlambat(m, masuk) + rules.menit_pulang_cepat(p, pulang) for _d, _k, m, p in hari),
        )
    return hasil


# --- the seeded days --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bulan", "hari_ini", "expected"),
    [
        (0, D(2026, 5, 14), (D(2026, 5, 1), D(2026, 5, 13))),
        # On the first of a month the current month has no day yet: the whole month before.
        (0, D(2026, 5, 1), (D(2026, 4, 1), D(2026, 4, 30))),
        # The activities' days: from the same day months back to yesterday.
        (2, D(2026, 5, 14), (D(2026, 3, 14), D(2026, 5, 13))),
    ],
)
def test_it_seeds_the_days_of_the_activities_or_this_month(bulan, hari_ini, expected):
    assert rentang_disiplin(bulan, hari_ini) == expected


# --- attendance -------------------------------------------------------------------------------------------------


def test_every_active_pegawai_has_one_row_per_working_day_and_no_other(kota):
    pegawai = list(
        Pegawai.objects.filter(aktif=True).values_list("pk", "tmt_cpns", "jabatan__unit_kerja_id").order_by("pk")
    )
    minggu = hari_kerja_per_minggu({p[2] for p in pegawai}, PengaturanKinerja.get_solo())
    kerja = hari_kerja(kota.awal, kota.akhir)
    ada = defaultdict(list)
    for pk, tanggal in Kehadiran.objects.values_list("pegawai_id", "tanggal"):
        ada[pk].append(tanggal)
    assert set(ada) == {pk for pk, *_rest in pegawai}
    for pk, tmt, unit in pegawai:
        # Sorted and without duplicates: unique per day, on the working days from the TMT CPNS on, no weekend or
        # holiday.
        assert sorted(ada[pk]) == [d for d in kerja[minggu[unit]] if d >= tmt], pk
    assert not Kehadiran.objects.filter(pegawai__aktif=False).exists()
    assert kota.hasil.pegawai == len(pegawai)
    assert sum(kota.hasil.kehadiran.values()) == Kehadiran.objects.count()


def test_the_keterangan_and_clock_times_have_a_realistic_spread(kota):
    rows = list(Kehadiran.objects.values_list("keterangan", "jam_masuk", "jam_pulang", "sumber"))
    keterangan = Counter(k for k, *_rest in rows)
    assert set(keterangan) == set(Keterangan.values)
    assert keterangan[Keterangan.HADIR] > 0.85 * len(rows)
    assert keterangan[Keterangan.CUTI] > keterangan[Keterangan.TANPA_KETERANGAN]
    assert keterangan == {k.value: n for k, n in kota.hasil.kehadiran.items()}
    masuk, pulang = jam(settings.DISIPLIN_JAM_MASUK), jam(settings.DISIPLIN_JAM_PULANG)
    hadir = [(m, p) for k, m, p, _s in rows if k == Keterangan.HADIR]
    assert all(m is not None for m, _p in hadir)
    terlambat = sum(1 for m, _p in hadir if rules.menit_terlambat(m, masuk))
    pulang_cepat = sum(1 for _m, p in hadir if rules.menit_pulang_cepat(p, pulang))
    tanpa_pulang = sum(1 for _m, p in hadir if p is None)
    # A few late arrivals and early leaves, a forgotten clock-out now and then; most are on time.
    assert 0.03 * len(hadir) < terlambat < 0.2 * len(hadir)
    assert 0.01 * len(hadir) < pulang_cepat < 0.1 * len(hadir)
    assert 0 < tanpa_pulang < 0.03 * len(hadir)
    # A day not present has no clock times.
    assert all(m is None and p is None for k, m, p, _s in rows if k != Keterangan.HADIR)


def test_one_import_by_admin_bkpsdm_describes_the_rows_and_the_admin_opd_entered_its_dinas_luar(kota):
    [impor] = ImporPresensi.objects.all()
    admin = User.objects.get(peran__jenis=JenisPeran.ADMIN_BKPSDM)
    assert impor.diimpor_oleh == admin
    assert (impor.tanggal_awal, impor.tanggal_akhir) == (kota.awal, kota.akhir)
    assert impor.jumlah_baris == Kehadiran.objects.filter(impor=impor, sumber=SumberKehadiran.IMPOR).count()
    assert not Kehadiran.objects.filter(impor__isnull=True, sumber=SumberKehadiran.IMPOR).exists()
    peran = Peran.objects.get(jenis=JenisPeran.ADMIN_OPD)
    dicatat = Kehadiran.objects.filter(sumber=SumberKehadiran.ADMIN)
    assert dicatat.count() == kota.hasil.dicatat_admin > 0
    assert set(dicatat.values_list("keterangan", "dicatat_oleh", "impor")) == {
        (Keterangan.DINAS_LUAR, peran.user_id, None)
    }
    assert set(dicatat.values_list("pegawai__jabatan__unit_kerja__perangkat_daerah", flat=True)) == {
        peran.perangkat_daerah_id
    }


def test_a_few_pegawai_sit_just_below_a_threshold(kota):
    tahun = rekap(kota)
    # Two days: a third brings a teguran lisan.
    dua = [r for r in tahun.values() if r.setara == 2 and r.menit < 450]
    assert dua and all(rules.rekomendasi_hukuman(r.hari, r.berturut, r.menit) is None for r in dua)
    # Two days and nine minutes short of a third day: ten more minutes of lateness bring a teguran lisan.
    menit = [r for r in dua if r.menit >= 440]
    assert menit
    for r in menit:
        assert rules.rekomendasi_hukuman(r.hari, r.berturut, r.menit + 10) == JenisHukuman.TEGURAN_LISAN
    # One day below a pernyataan tidak puas and below the first sedang.
    for hari, berikut in ((6, JenisHukuman.PERNYATAAN_TIDAK_PUAS), (10, JenisHukuman.TUKIN_25_6)):
        dekat = [r for r in tahun.values() if r.setara == hari and r.berturut < 9]
        assert dekat and all(rules.ambang_berikut(r.setara) == (hari + 1, berikut) for r in dekat), hari
    # Nine consecutive working days: the tenth brings PDHTAPS.
    sembilan = [r for r in tahun.values() if r.berturut == 9]
    assert sembilan
    for r in sembilan:
        assert rules.rekomendasi_hukuman(r.hari, 9, r.menit) != JenisHukuman.PDHTAPS
        assert rules.rekomendasi_hukuman(r.hari, 10, r.menit) == JenisHukuman.PDHTAPS
    assert kota.hasil.dekat_ambang == 5
    # Nobody has reached PDHTAPS by chance; the rest are far from the thresholds.
    assert max(r.berturut for r in tahun.values()) == 9
    assert max(r.setara for r in tahun.values()) == 10


# --- hukuman ----------------------------------------------------------------------------------------------------


def test_the_hukuman_are_mostly_ringan_with_one_sedang_running_and_one_cancelled(kota):
    rows = list(HukumanDisiplin.objects.select_related("pegawai", "dicatat_oleh"))
    admin = User.objects.get(peran__jenis=JenisPeran.ADMIN_BKPSDM)
    for h in rows:
        assert h.tingkat == rules.tingkat(h.jenis)
        assert h.lama_bulan == rules.lama_bulan(h.jenis)
        assert h.tanggal_selesai == rules.tanggal_selesai(h.jenis, h.tmt)
        assert h.tanggal_sk <= h.tmt <= HARI_INI and h.tanggal_sk.weekday() < 5
        assert h.dicatat_oleh == admin and h.nomor_sk and h.keterangan
        assert h.pegawai.status == StatusPegawai.PNS and h.pegawai.aktif
    assert len({h.nomor_sk for h in rows}) == len(rows)
    tingkat = Counter(h.tingkat for h in rows)
    assert tingkat[TingkatHukuman.RINGAN] >= 3 and tingkat[TingkatHukuman.BERAT] == 0
    [sedang] = [h for h in rows if h.tingkat == TingkatHukuman.SEDANG]
    assert sedang.status == StatusHukuman.BERLAKU and sedang.tmt <= HARI_INI <= sedang.tanggal_selesai
    [batal] = [h for h in rows if h.status == StatusHukuman.DIBATALKAN]
    assert batal.alasan_batal and batal.tanggal_sk < batal.dibatalkan_pada.date() <= HARI_INI
    assert kota.hasil.hukuman == {TingkatHukuman.RINGAN: len(rows) - 1, TingkatHukuman.SEDANG: 1}


# --- Satyalancana -----------------------------------------------------------------------------------------------


def test_some_pegawai_sit_at_and_around_the_10_20_30_year_marks(kota):
    tmt = list(Pegawai.objects.filter(aktif=True, status=StatusPegawai.PNS).values_list("tmt_cpns", flat=True))
    bulan_ini = HARI_INI.replace(day=1)
    for tingkat in TingkatSatyalancana:
        layak = Counter(rules.tanggal_layak(t, tingkat) for t in tmt)
        # Reached this month (on the mark), over a year ago (a late proposal), and due next month and within the
        # next twelve months.
        assert layak[bulan_ini], tingkat
        assert layak[rules.tambah_bulan(bulan_ini, -14)], tingkat
        assert layak[rules.tambah_bulan(bulan_ini, 1)] and layak[rules.tambah_bulan(bulan_ini, 6)], tingkat
    assert kota.hasil.sekitar_tanda >= 12


def test_awards_are_recorded_for_levels_reached_long_ago_and_never_for_a_barred_pegawai(kota):
    rows = list(PenghargaanSatyalancana.objects.select_related("pegawai"))
    assert Counter(p.tingkat for p in rows).keys() == set(TingkatSatyalancana.values)
    barred = set(
        HukumanDisiplin.objects.filter(
            status=StatusHukuman.BERLAKU, tingkat__in=(TingkatHukuman.SEDANG, TingkatHukuman.BERAT)
        ).values_list("pegawai_id", flat=True)
    )
    for p in rows:
        layak = rules.tanggal_layak(p.pegawai.tmt_cpns, p.tingkat)
        assert layak <= rules.tambah_bulan(HARI_INI, -36) and layak <= p.tanggal_keppres < HARI_INI
        assert p.nomor_keppres.endswith(f"/TK/Tahun {p.tanggal_keppres.year}")
        assert p.pegawai_id not in barred
    # The list of the eligible still has both the late proposals and the pegawai who reached a level this month.
    sudah = defaultdict(set)
    for p in rows:
        sudah[p.pegawai_id].add(p.tingkat)
    sejak = []
    for p in Pegawai.objects.filter(aktif=True, status=StatusPegawai.PNS):
        t = rules.tingkat_satyalancana(p.tmt_cpns, HARI_INI, sudah=sudah[p.pk], hukuman_sedang_berat=p.pk in barred)
        if t is not None:
            sejak.append(rules.tanggal_layak(p.tmt_cpns, t))
    assert HARI_INI.replace(day=1) in sejak
    assert any(d < rules.tambah_bulan(HARI_INI, -36) for d in sejak)
    # The sedang stands on a pegawai who has just reached a level: the list leaves them out.
    [terhalang] = Pegawai.objects.filter(pk__in=barred)
    assert any(
        rules.tambah_bulan(HARI_INI, -12) < rules.tanggal_layak(terhalang.tmt_cpns, t) <= HARI_INI
        for t in TingkatSatyalancana
    )


def test_the_reporting_facts_of_the_seeded_months_are_computed(kota):
    # No activities were seeded here: every working day whose entry window has passed is a day without a report,
    # except those excused by cuti, sakit or dinas luar.
    assert kota.hasil.fakta == FaktaDisiplin.objects.count() > 0
    sah = set(
        Kehadiran.objects.filter(keterangan__in=[Keterangan.CUTI, Keterangan.SAKIT, Keterangan.DINAS_LUAR]).values_list(
            "pegawai_id", "tanggal"
        )
    )
    assert not sah & set(FaktaDisiplin.objects.values_list("pegawai_id", "tanggal"))


# --- determinism and reset --------------------------------------------------------------------------------------


def snapshot() -> dict[str, list]:
    return {
        "kehadiran": list(
            Kehadiran.objects.order_by("pegawai__nip", "tanggal").values_list(
                "pegawai__nip", "tanggal", "jam_masuk", "jam_pulang", "keterangan", "sumber"
            )
        ),
        "hukuman": sorted(
            HukumanDisiplin.objects.values_list("pegawai__nip", "jenis", "nomor_sk", "tanggal_sk", "tmt", "status")
        ),
        "satyalancana": sorted(
            PenghargaanSatyalancana.objects.values_list("pegawai__nip", "tingkat", "nomor_keppres", "tanggal_keppres")
        ),
    }


def test_it_is_deterministic_for_a_seed(kota):
    first = snapshot()
    assert hapus_disiplin() == len(first["kehadiran"])
    assert not Kehadiran.objects.exists() and not HukumanDisiplin.objects.exists()
    with as_actor(None, source="uji"):
        seed_disiplin(tahun=TAHUN, seed=SEED, hari_ini=HARI_INI, bulan=BULAN)
    assert snapshot() == first


def test_seed_demo_adds_the_discipline_data_and_resets_over_it(kota):
    out = StringIO()
    # --reset over a city with hukuman and awards (they PROTECT the pegawai) and facts (they PROTECT the OPD).
    call_command("seed_demo", pegawai=N, seed=SEED, reset=True, stdout=out)
    assert "  Disiplin " in out.getvalue()
    hari_ini = timezone.localdate()
    awal, akhir = rentang_disiplin(0, hari_ini)
    assert Kehadiran.objects.filter(tanggal__range=(awal, akhir)).exists()
    assert not Kehadiran.objects.exclude(tanggal__range=(awal, akhir)).exists()
    assert HukumanDisiplin.objects.count() == 5 and ImporPresensi.objects.count() == 1
