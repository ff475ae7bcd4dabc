"""Reads: realisasi roll-ups, the calendar, the atasan's queue, visibility, and their constant query counts."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.choices import KategoriAktivitas, PeriodeRealisasi, StatusAktivitas
from kinerja.selectors.aktivitas import aktivitas_visible_to
from kinerja.selectors.antrian import FilterAntrian, antrian_verifikasi
from kinerja.selectors.cache import ReadCache
from kinerja.selectors.harian import menit_per_hari
from kinerja.selectors.kalender import pengaturan_kinerja
from kinerja.selectors.penguncian import status_kunci
from kinerja.selectors.realisasi import realisasi
from pegawai.models import Pegawai
from pegawai.tests.factories import PegawaiFactory, PenugasanFactory
from skp.choices import SkpStatus
from skp.selectors.rhk import rhk_berlaku
from skp.tests.factories import IkiFactory, RhkFactory, SkpFactory

from .factories import TAHUN, AktivitasFactory, BukaKunciFactory, HariLiburFactory

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time
S = StatusAktivitas


def aktivitas(pegawai, tanggal, rhk=None, menit=60, volume=1, satuan="dokumen", status=S.DISETUJUI, mulai=8, **kw):
    """A row written directly: realisasi and the calendar read whatever the services left behind."""
    if rhk is None:
        kw.setdefault("kategori", KategoriAktivitas.LAINNYA)
        kw.setdefault("alasan_kategori", "Apel pagi")
    selesai = datetime.datetime.combine(tanggal, T(mulai, 0)) + datetime.timedelta(minutes=menit)
    return AktivitasFactory(
        pegawai=pegawai,
        tanggal=tanggal,
        rhk=rhk,
        volume=Decimal(volume),
        satuan=satuan,
        status=status,
        jam_mulai=T(mulai, 0),
        jam_selesai=selesai.time(),
        **kw,
    )


# ---------------------------------------------------------------------------------------------------------------
# Realisasi
# ---------------------------------------------------------------------------------------------------------------


@pytest.fixture
def tahun_staf(org, skp):
    """A year of Staf A's activities: approved ones in January, February, April and July, and some that must
    not count (pending, rejected, draft, another pegawai, another year)."""
    r1, r2 = skp.rhk(skp.staf, 1), skp.rhk(skp.staf, 2)
    aktivitas(org.staf, D(TAHUN, 1, 5), r1, menit=60, volume=1)
    aktivitas(org.staf, D(TAHUN, 1, 6), r1, menit=90, volume=2, satuan=" Dokumen ")
    aktivitas(org.staf, D(TAHUN, 1, 7), r2, menit=30, volume=1, satuan="kegiatan")
    aktivitas(org.staf, D(TAHUN, 2, 10), r1, menit=120, volume=3)
    aktivitas(org.staf, D(TAHUN, 4, 1), r2, menit=60, volume=1)
    aktivitas(org.staf, D(TAHUN, 7, 1), r1, menit=45, volume="1.5")
    aktivitas(org.staf, D(TAHUN, 7, 2), None, menit=30, volume=1, satuan="kali")
    aktivitas(org.staf, D(TAHUN, 1, 8), r1, status=S.DIAJUKAN)
    aktivitas(org.staf, D(TAHUN, 1, 9), r1, status=S.DITOLAK)
    aktivitas(org.staf, D(TAHUN, 1, 12), r1, status=S.DRAFT)
    aktivitas(org.staf_lain, D(TAHUN, 1, 5), skp.rhk(skp.staf_lain))
    aktivitas(org.staf, D(TAHUN - 1, 12, 31), None, kategori=KategoriAktivitas.TUGAS_TAMBAHAN)
    return r1, r2


def ringkas(hasil):
    """(RHK or kategori, minutes, count, volume per satuan, IKI volumes) per row."""
    return [
        (
            b.rhk.pk if b.rhk else b.kategori,
            b.menit,
            b.jumlah_aktivitas,
            dict(b.volume_per_satuan),
            [i.volume for i in b.iki],
        )
        for b in hasil.baris
    ]


@pytest.mark.parametrize(
    "periode, nomor, expected",
    [
        (
            PeriodeRealisasi.BULANAN,
            1,
            [
                ("r1", 150, 2, {"dokumen": Decimal("3")}, [Decimal("3")]),
                ("r2", 30, 1, {"kegiatan": Decimal("1")}, [Decimal("0")]),
                (KategoriAktivitas.TUGAS_TAMBAHAN, 0, 0, {}, []),
                (KategoriAktivitas.LAINNYA, 0, 0, {}, []),
            ],
        ),
        (
            PeriodeRealisasi.BULANAN,
            3,
            [
                ("r1", 0, 0, {}, [Decimal("0")]),
                ("r2", 0, 0, {}, [Decimal("0")]),
                (KategoriAktivitas.TUGAS_TAMBAHAN, 0, 0, {}, []),
                (KategoriAktivitas.LAINNYA, 0, 0, {}, []),
            ],
        ),
        (
            PeriodeRealisasi.TRIWULANAN,
            1,
            [
                ("r1", 270, 3, {"dokumen": Decimal("6")}, [Decimal("6")]),
                ("r2", 30, 1, {"kegiatan": Decimal("1")}, [Decimal("0")]),
                (KategoriAktivitas.TUGAS_TAMBAHAN, 0, 0, {}, []),
                (KategoriAktivitas.LAINNYA, 0, 0, {}, []),
            ],
        ),
        (
            PeriodeRealisasi.SEMESTERAN,
            1,
            [
                ("r1", 270, 3, {"dokumen": Decimal("6")}, [Decimal("6")]),
                ("r2", 90, 2, {"kegiatan": Decimal("1"), "dokumen": Decimal("1")}, [Decimal("1")]),
                (KategoriAktivitas.TUGAS_TAMBAHAN, 0, 0, {}, []),
                (KategoriAktivitas.LAINNYA, 0, 0, {}, []),
            ],
        ),
        (
            PeriodeRealisasi.SEMESTERAN,
            2,
            [
                ("r1", 45, 1, {"dokumen": Decimal("1.5")}, [Decimal("1.5")]),
                ("r2", 0, 0, {}, [Decimal("0")]),
                (KategoriAktivitas.TUGAS_TAMBAHAN, 0, 0, {}, []),
                (KategoriAktivitas.LAINNYA, 30, 1, {"kali": Decimal("1")}, []),
            ],
        ),
        (
            PeriodeRealisasi.TAHUNAN,
            None,
            [
                ("r1", 315, 4, {"dokumen": Decimal("7.5")}, [Decimal("7.5")]),
                ("r2", 90, 2, {"kegiatan": Decimal("1"), "dokumen": Decimal("1")}, [Decimal("1")]),
                (KategoriAktivitas.TUGAS_TAMBAHAN, 0, 0, {}, []),
                (KategoriAktivitas.LAINNYA, 30, 1, {"kali": Decimal("1")}, []),
            ],
        ),
    ],
)
def test_realisasi_rolls_up_approved_activities_per_period(org, tahun_staf, periode, nomor, expected):
    r1, r2 = tahun_staf
    nama = {"r1": r1.pk, "r2": r2.pk}
    hasil = realisasi(org.staf, TAHUN, periode, nomor)
    assert ringkas(hasil) == [(nama.get(e[0], e[0]), *e[1:]) for e in expected]
    assert hasil.menit == sum(e[1] for e in expected)
    assert hasil.untuk_rhk(r1).menit == expected[0][1]
    assert hasil.untuk_kategori(KategoriAktivitas.LAINNYA).menit == expected[3][1]


def test_realisasi_is_one_aggregate_query_plus_the_rhk(org, tahun_staf, django_assert_num_queries):
    with django_assert_num_queries(3):
        hasil = realisasi(org.staf, TAHUN)
        [i.iki.teks for b in hasil.baris for i in b.iki]


def test_realisasi_counts_older_versions_on_the_current_rhk(org, skp):
    """After a perubahan SKP (version 2 approved 1 July), January's activities on version 1's RHK count on the
    matching RHK of version 2; an RHK the perubahan removed keeps its own row."""
    v1 = skp.staf
    r1, r2 = skp.rhk(v1, 1), skp.rhk(v1, 2)
    v1.digantikan_pada = timezone.now()
    v1.save()
    v2 = SkpFactory(pegawai=org.staf, tahun=TAHUN, status=SkpStatus.DISETUJUI, versi=2, versi_sebelumnya=v1)
    r1_baru = RhkFactory(skp=v2, teks=r1.teks, urutan=1, asal=r1)
    IkiFactory(rhk=r1_baru, urutan=1, satuan="dokumen")
    aktivitas(org.staf, D(TAHUN, 1, 5), r1, menit=60, volume=2)
    aktivitas(org.staf, D(TAHUN, 1, 6), r2, menit=30)
    aktivitas(org.staf, D(TAHUN, 8, 3), r1_baru, menit=40, volume=1)
    hasil = realisasi(org.staf, TAHUN)
    baris = hasil.untuk_rhk(r1_baru)
    assert (baris.menit, baris.jumlah_aktivitas, baris.rhk_sebelumnya) == (100, 2, [r1])
    assert [i.volume for i in baris.iki] == [Decimal("3")]
    assert hasil.untuk_rhk(r1) is None
    assert hasil.untuk_rhk(r2).menit == 30
    assert [b.rhk.pk for b in hasil.baris if b.rhk] == [r1_baru.pk, r2.pk]
    # New entries may only use the current version.
    assert list(rhk_berlaku(org.staf, D(TAHUN, 9, 1))) == [r1_baru]


def test_rhk_offered_for_a_date_come_from_the_approved_skp_covering_it(org):
    SkpFactory(pegawai=org.staf, tahun=TAHUN, status=SkpStatus.DRAFT)
    assert not rhk_berlaku(org.staf, D(TAHUN, 3, 2)).exists()
    semester1 = SkpFactory(
        pegawai=org.staf_lain, tahun=TAHUN, status=SkpStatus.DISETUJUI, tanggal_selesai=D(TAHUN, 6, 30)
    )
    rhk = RhkFactory(skp=semester1)
    assert list(rhk_berlaku(org.staf_lain, D(TAHUN, 6, 30))) == [rhk]
    assert not rhk_berlaku(org.staf_lain, D(TAHUN, 7, 1)).exists()


# ---------------------------------------------------------------------------------------------------------------
# Calendar
# ---------------------------------------------------------------------------------------------------------------


def test_the_calendar_gives_minutes_per_day_and_status(org, jam, skp):
    r1 = skp.rhk(skp.staf)
    HariLiburFactory(tanggal=D(TAHUN, 3, 19), nama="Hari Suci Nyepi")
    aktivitas(org.staf, D(TAHUN, 3, 2), r1, menit=60, mulai=8)
    aktivitas(org.staf, D(TAHUN, 3, 2), r1, menit=30, mulai=10, status=S.DIAJUKAN)
    aktivitas(org.staf, D(TAHUN, 3, 3), r1, menit=45, status=S.DRAFT)
    aktivitas(org.staf, D(TAHUN, 3, 3), r1, menit=20, status=S.DITOLAK)
    aktivitas(org.staf, D(TAHUN, 3, 7), r1, menit=30)
    aktivitas(org.staf_lain, D(TAHUN, 3, 2), skp.rhk(skp.staf_lain), menit=300)
    kal = menit_per_hari(org.staf, TAHUN, 3)
    assert len(kal.hari) == 31
    per_tanggal = {h.tanggal.day: h for h in kal.hari}
    h2, h3, h7, h19 = per_tanggal[2], per_tanggal[3], per_tanggal[7], per_tanggal[19]
    assert (h2.menit_disetujui, h2.menit_diajukan, h2.menit_tercatat, h2.jumlah_aktivitas) == (60, 30, 90, 2)
    assert (h3.menit_draft, h3.menit_ditolak, h3.menit_tercatat, h3.jumlah_aktivitas) == (45, 20, 45, 2)
    assert (h7.hari_kerja, h7.menit_disetujui, h7.kosong) == (False, 30, False)
    assert (h19.hari_kerja, h19.libur, h19.kosong) == (False, "Hari Suci Nyepi", False)
    assert per_tanggal[4].kosong is True
    assert (kal.jumlah_hari_kerja, kal.menit_disetujui, kal.menit_tercatat) == (21, 90, 165)
    assert (kal.menit_efektif_minimum, kal.kekurangan_menit, kal.persen_capaian) == (6750, 6660, Decimal("1.3"))
    assert (kal.kunci.batas_verifikasi, kal.kunci.terkunci) == (D(TAHUN, 4, 7), False)


def test_the_calendar_follows_a_six_day_unit_and_the_lock(org, jam, skp, pengaturan):
    from kinerja.models import HariKerjaUnit

    HariKerjaUnit.objects.create(unit_kerja=org.staf.jabatan.unit_kerja, hari_kerja_per_minggu=6)
    jam.atur(D(TAHUN, 4, 7))  # the 5th working day of April in a 6-day week was the 6th
    kal = menit_per_hari(org.staf, TAHUN, 3)
    assert kal.jumlah_hari_kerja == 26
    assert (kal.kunci.batas_verifikasi, kal.kunci.terkunci) == (D(TAHUN, 4, 6), True)
    BukaKunciFactory(pegawai=org.staf, oleh=org.admin_opd, sampai=D(TAHUN, 4, 9))
    kal = menit_per_hari(org.staf, TAHUN, 3)
    assert (kal.kunci.terkunci, kal.kunci.dibuka_sampai) == (False, D(TAHUN, 4, 9))
    assert status_kunci(org.staf, TAHUN, 3) == kal.kunci


def test_the_calendar_runs_a_fixed_number_of_queries(org, jam, skp, pengaturan):
    r1 = skp.rhk(skp.staf)
    aktivitas(org.staf, D(TAHUN, 3, 2), r1)
    staf = Pegawai.objects.get(pk=org.staf.pk)
    with CaptureQueriesContext(connection) as sedikit:
        menit_per_hari(staf, TAHUN, 3)
    for hari in range(3, 28):
        for jam_mulai in (8, 10, 13):
            aktivitas(org.staf, D(TAHUN, 3, hari), r1, mulai=jam_mulai, status=[S.DISETUJUI, S.DRAFT][hari % 2])
    HariLiburFactory(tanggal=D(TAHUN, 3, 19))
    staf = Pegawai.objects.get(pk=org.staf.pk)
    with CaptureQueriesContext(connection) as banyak:
        kal = menit_per_hari(staf, TAHUN, 3)
    assert kal.menit_tercatat == 60 + 25 * 3 * 60
    assert len(banyak) == len(sedikit) == 6


# ---------------------------------------------------------------------------------------------------------------
# The verification queue
# ---------------------------------------------------------------------------------------------------------------


@pytest.fixture
def antrian(org, jam, skp):
    return {
        "staf_1": aktivitas(org.staf, D(TAHUN, 3, 10), skp.rhk(skp.staf), status=S.DIAJUKAN),
        "staf_2": aktivitas(org.staf, D(TAHUN, 3, 9), skp.rhk(skp.staf), status=S.DIAJUKAN, mulai=9),
        "staf_draft": aktivitas(org.staf, D(TAHUN, 3, 11), skp.rhk(skp.staf), status=S.DRAFT),
        "staf_ok": aktivitas(org.staf, D(TAHUN, 3, 2), skp.rhk(skp.staf), status=S.DISETUJUI),
        "lain": aktivitas(org.staf_lain, D(TAHUN, 3, 10), skp.rhk(skp.staf_lain), status=S.DIAJUKAN),
        "dua": aktivitas(org.staf_dua, D(TAHUN, 3, 10), skp.rhk(skp.staf_dua), status=S.DIAJUKAN),
        "februari": aktivitas(org.staf, D(TAHUN, 2, 2), skp.rhk(skp.staf), status=S.DIAJUKAN),
        "januari": aktivitas(org.staf, D(TAHUN, 1, 5), skp.rhk(skp.staf), status=S.DIAJUKAN),
    }


def test_the_queue_holds_the_submitted_activities_of_the_bawahan(org, antrian):
    rows = antrian_verifikasi(org.kasi)
    assert [a.pk for a in rows] == [antrian[k].pk for k in ("februari", "staf_2", "staf_1", "lain")]
    assert [a.pk for a in antrian_verifikasi(org.kasi_tiga)] == [antrian["dua"].pk]
    assert antrian_verifikasi(org.kabid) == []
    assert antrian_verifikasi(org.staf) == []
    assert antrian_verifikasi(None) == []
    assert [(a.jumlah_bukti, a.terkunci, a.pegawai.nama) for a in rows] == [
        (0, True, "Staf A"),  # February: its deadline (6 March) has passed
        (0, False, "Staf A"),
        (0, False, "Staf A"),
        (0, False, "Staf A Lain"),
    ]


def test_the_queue_filters(org, antrian):
    semua = antrian_verifikasi(org.kasi, FilterAntrian(status="", pegawai_id=org.staf.pk))
    assert {a.pk for a in semua} == {antrian[k].pk for k in ("februari", "staf_1", "staf_2", "staf_draft", "staf_ok")}
    januari = antrian_verifikasi(org.kasi, FilterAntrian(tahun=TAHUN, bulan=1))
    assert [a.pk for a in januari] == [antrian["januari"].pk]
    assert januari[0].terkunci is True
    setahun = antrian_verifikasi(org.kasi, FilterAntrian(tahun=TAHUN, pegawai_id=org.staf_lain.pk))
    assert [a.pk for a in setahun] == [antrian["lain"].pk]


def test_the_queue_marks_locked_months(org, jam, antrian):
    jam.atur(D(TAHUN, 3, 6))  # February's deadline: the 5th working day of March
    februari = next(a for a in antrian_verifikasi(org.kasi) if a.pk == antrian["februari"].pk)
    assert (februari.terkunci, februari.info_kunci.batas_verifikasi) == (False, D(TAHUN, 3, 6))
    jam.atur(D(TAHUN, 3, 9))
    rows = {a.pk: a for a in antrian_verifikasi(org.kasi)}
    assert rows[antrian["februari"].pk].terkunci is True
    assert rows[antrian["staf_2"].pk].terkunci is False


def test_the_queue_follows_the_atasan_of_each_activitys_date(org, jam, skp):
    org.plt.tanggal_selesai = D(TAHUN, 3, 31)
    org.plt.save()
    maret = aktivitas(org.staf_dua, D(TAHUN, 3, 31), skp.rhk(skp.staf_dua), status=S.DIAJUKAN)
    april = aktivitas(org.staf_dua, D(TAHUN, 4, 1), skp.rhk(skp.staf_dua), status=S.DIAJUKAN)
    jam.atur(D(TAHUN, 4, 2))
    assert [a.pk for a in antrian_verifikasi(org.kasi_tiga)] == [maret.pk]
    assert [a.pk for a in antrian_verifikasi(org.kabid)] == [april.pk]


def test_a_plt_starting_mid_month_splits_the_queue(org, jam, skp):
    """Staf Dua is Plh of Kepala Seksi Satu from 16 to 20 March (the kasi keeps the position too): the Plh's
    queue holds only those days (the stretches themselves: pegawai/tests/test_supervisi.py)."""
    PenugasanFactory(
        pegawai=org.staf_dua, jabatan=org.kasi.jabatan, tanggal_mulai=D(TAHUN, 3, 16), tanggal_selesai=D(TAHUN, 3, 20)
    )
    PenugasanFactory(
        pegawai=org.kepala_b, jabatan=org.kabid.jabatan, tanggal_mulai=D(TAHUN, 3, 5), tanggal_selesai=D(TAHUN, 3, 6)
    )
    jam.atur(D(TAHUN, 3, 25))
    di_plh = aktivitas(org.staf, D(TAHUN, 3, 17), skp.rhk(skp.staf), status=S.DIAJUKAN)
    aktivitas(org.staf, D(TAHUN, 3, 23), skp.rhk(skp.staf), status=S.DIAJUKAN)
    # The Plh acts for the position only during those days (the definitive kasi keeps it too).
    assert [a.pk for a in antrian_verifikasi(org.staf_dua)] == [di_plh.pk]


def _bawahan_baru(org, n):
    for i in range(n):
        p = PegawaiFactory(jabatan=org.staf.jabatan)
        for hari in (2, 3, 4, 5, 6, 9, 10):
            aktivitas(p, D(TAHUN, 3, hari), None, status=S.DIAJUKAN, mulai=8 + i % 3)


def test_the_queue_runs_a_fixed_number_of_queries(org, jam, skp, antrian, pengaturan):
    with CaptureQueriesContext(connection) as sedikit:
        rows = antrian_verifikasi(org.kasi)
        [(a.pegawai.nama, a.pegawai.jabatan.unit_kerja_id, a.rhk) for a in rows]
    _bawahan_baru(org, 12)
    with CaptureQueriesContext(connection) as banyak:
        rows = antrian_verifikasi(org.kasi)
        [(a.pegawai.nama, a.pegawai.jabatan.unit_kerja_id, a.rhk) for a in rows]
    assert len(rows) == 4 + 12 * 7
    assert len(banyak) == len(sedikit)


# ---------------------------------------------------------------------------------------------------------------
# Visibility and settings
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, terlihat",
    [
        ("staf", {"staf"}),
        ("staf_lain", {"staf_lain"}),
        ("kasi", {"staf", "staf_lain"}),
        ("kasi_tiga", {"staf_dua"}),
        ("kabid", {"staf", "staf_lain", "staf_dua"}),
        ("kepala", set()),
        ("admin_opd", {"staf", "staf_lain", "staf_dua"}),
        ("admin_opd_lain", {"staf_b"}),
        ("admin_bkpsdm", {"staf", "staf_lain", "staf_dua", "staf_b"}),
        ("pimpinan", {"staf", "staf_lain", "staf_dua", "staf_b"}),
        ("kepala_b", {"staf_b"}),
        ("anonymous", set()),
    ],
)
def test_activities_are_visible_per_persona(org, jam, skp, persona, terlihat):
    for nama in ("staf", "staf_lain", "staf_dua", "staf_b"):
        aktivitas(getattr(org, nama), D(TAHUN, 3, 10), None, status=S.DIAJUKAN)
    user = AnonymousUser() if persona == "anonymous" else org.user(persona)
    assert {a.pegawai.nama for a in aktivitas_visible_to(user)} == {getattr(org, n).nama for n in terlihat}


def test_a_former_plt_still_sees_the_days_they_supervised_and_not_after(org, jam, skp):
    org.plt.tanggal_selesai = D(TAHUN, 3, 31)
    org.plt.save()
    tertunda = aktivitas(org.staf_dua, D(TAHUN, 3, 30), skp.rhk(skp.staf_dua), status=S.DIAJUKAN)
    diverifikasi = aktivitas(org.staf_dua, D(TAHUN, 2, 2), skp.rhk(skp.staf_dua), diverifikasi_oleh=org.kasi_tiga)
    lama = aktivitas(org.staf_dua, D(TAHUN, 1, 5), skp.rhk(skp.staf_dua))
    sesudah = aktivitas(org.staf_dua, D(TAHUN, 4, 1), skp.rhk(skp.staf_dua), status=S.DIAJUKAN)
    jam.atur(D(TAHUN, 4, 2))
    terlihat = set(aktivitas_visible_to(org.kasi_tiga.user).values_list("pk", flat=True))
    assert terlihat == {tertunda.pk, diverifikasi.pk, lama.pk}
    assert sesudah.pk not in terlihat


def test_settings_are_read_once_per_request(pengaturan, django_assert_num_queries):
    cache = ReadCache()
    with django_assert_num_queries(1):
        assert pengaturan_kinerja(cache) is pengaturan_kinerja(cache)
    assert pengaturan_kinerja().pk == 1
