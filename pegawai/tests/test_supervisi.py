"""Supervision over a range of dates: the stretches a Plt/Plh splits it into, and the bawahan of each date."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pegawai.atasan import bawahan_langsung
from pegawai.supervisi import bawahan_per_tanggal, riwayat_bawahan, segmen_pengawasan
from portal.testing.ingat import dalam_permintaan

from .factories import PenugasanFactory

pytestmark = pytest.mark.django_db

D = datetime.date
TAHUN = 2026


@pytest.fixture
def org(org):
    """kasi_tiga is Plt of Kepala Seksi Dua (atasan of staf_dua) for the first quarter only."""
    org.plt.tanggal_mulai = D(TAHUN, 1, 1)
    org.plt.tanggal_selesai = D(TAHUN, 3, 31)
    org.plt.save()
    return org


def test_a_plt_ending_splits_the_stretches_of_the_plt_and_of_the_position_above(org):
    # The Plt's own assignment ends on 31 March; for the kabid it vacates a position below theirs.
    assert segmen_pengawasan(org.kabid, D(TAHUN, 3, 1), D(TAHUN, 4, 2)) == [
        (D(TAHUN, 3, 1), D(TAHUN, 3, 31)),
        (D(TAHUN, 4, 1), D(TAHUN, 4, 2)),
    ]
    assert segmen_pengawasan(org.kasi_tiga, D(TAHUN, 3, 1), D(TAHUN, 4, 2)) == [
        (D(TAHUN, 3, 1), D(TAHUN, 3, 31)),
        (D(TAHUN, 4, 1), D(TAHUN, 4, 2)),
    ]


def test_a_plh_mid_month_splits_only_the_stretches_it_touches(org):
    """Staf Dua is Plh of Kepala Seksi Satu from 16 to 20 March (the kasi keeps the position too). A Plh on a
    position above the kasi does not split the kasi's stretches."""
    PenugasanFactory(
        pegawai=org.staf_dua, jabatan=org.kasi.jabatan, tanggal_mulai=D(TAHUN, 3, 16), tanggal_selesai=D(TAHUN, 3, 20)
    )
    PenugasanFactory(
        pegawai=org.kepala_b, jabatan=org.kabid.jabatan, tanggal_mulai=D(TAHUN, 3, 5), tanggal_selesai=D(TAHUN, 3, 6)
    )
    assert segmen_pengawasan(org.kasi, D(TAHUN, 3, 1), D(TAHUN, 3, 31)) == [(D(TAHUN, 3, 1), D(TAHUN, 3, 31))]
    assert segmen_pengawasan(org.staf_dua, D(TAHUN, 3, 1), D(TAHUN, 3, 31)) == [
        (D(TAHUN, 3, 1), D(TAHUN, 3, 15)),
        (D(TAHUN, 3, 16), D(TAHUN, 3, 20)),
        (D(TAHUN, 3, 21), D(TAHUN, 3, 31)),
    ]


def test_an_empty_range_has_no_stretch(org):
    assert segmen_pengawasan(org.kasi, D(TAHUN, 3, 2), D(TAHUN, 3, 1)) == []


def test_the_bawahan_of_each_date_follow_the_plt(org):
    hasil = bawahan_per_tanggal(org.kasi_tiga, [D(TAHUN, 3, 31), D(TAHUN, 4, 1), D(TAHUN, 3, 31)])
    assert hasil == {D(TAHUN, 3, 31): {org.staf_dua.pk}, D(TAHUN, 4, 1): set()}
    assert bawahan_per_tanggal(org.kasi, [D(TAHUN, 3, 2), D(TAHUN, 4, 2)]) == {
        D(TAHUN, 3, 2): {org.staf.pk, org.staf_lain.pk},
        D(TAHUN, 4, 2): {org.staf.pk, org.staf_lain.pk},
    }
    assert bawahan_per_tanggal(org.kasi, []) == {}


def test_the_bawahan_of_each_date_match_the_one_day_answer(org):
    """Any date's answer is :func:`bawahan_langsung` of that date; the cost depends on the stretches, not on the
    number of dates."""
    tanggal = [D(TAHUN, 3, 1) + datetime.timedelta(days=i) for i in range(45)]
    with CaptureQueriesContext(connection) as dua:
        bawahan_per_tanggal(org.kabid, [D(TAHUN, 3, 1), D(TAHUN, 4, 14)])
    with CaptureQueriesContext(connection) as semua:
        hasil = bawahan_per_tanggal(org.kabid, tanggal)
    assert len(semua) == len(dua)
    for t in (D(TAHUN, 3, 1), D(TAHUN, 3, 31), D(TAHUN, 4, 1), D(TAHUN, 4, 14)):
        assert hasil[t] == set(bawahan_langsung(org.kabid, t).values_list("pk", flat=True))


def test_only_a_delegation_on_the_actors_path_splits_the_stretches(org):
    """A delegation makes its penerima a penilai: when they hold a position below the actor's, the bawahan below
    them leave the actor for its dates. One elsewhere in the city changes nothing for the actor."""
    from pegawai.models import DelegasiPenilai

    from .factories import JabatanFactory, PegawaiFactory

    j_anak = JabatanFactory(unit_kerja=org.staf.jabatan.unit_kerja, nama="Pengadministrasi", parent=org.staf.jabatan)
    anak = PegawaiFactory(jabatan=j_anak, nama="Anak Buah Staf")

    def delegasi(pemberi, penerima, mulai, selesai):
        DelegasiPenilai.objects.create(
            pemberi=pemberi,
            penerima=penerima,
            tanggal_mulai=mulai,
            tanggal_selesai=selesai,
            alasan="Uji",
            nomor_surat="UJI",
        )

    delegasi(org.kepala_b, org.staf_b, D(TAHUN, 3, 5), D(TAHUN, 3, 8))
    assert segmen_pengawasan(org.kasi, D(TAHUN, 3, 1), D(TAHUN, 3, 31)) == [(D(TAHUN, 3, 1), D(TAHUN, 3, 31))]

    delegasi(org.kasi, org.staf, D(TAHUN, 3, 10), D(TAHUN, 3, 20))
    assert segmen_pengawasan(org.kasi, D(TAHUN, 3, 1), D(TAHUN, 3, 31)) == [
        (D(TAHUN, 3, 1), D(TAHUN, 3, 9)),
        (D(TAHUN, 3, 10), D(TAHUN, 3, 20)),
        (D(TAHUN, 3, 21), D(TAHUN, 3, 31)),
    ]
    hasil = bawahan_per_tanggal(org.kasi, [D(TAHUN, 3, 9), D(TAHUN, 3, 15), D(TAHUN, 3, 21)])
    assert anak.pk in hasil[D(TAHUN, 3, 9)] and anak.pk in hasil[D(TAHUN, 3, 21)]
    assert anak.pk not in hasil[D(TAHUN, 3, 15)]
    for t, ids in hasil.items():
        assert ids == set(bawahan_langsung(org.kasi, t).values_list("pk", flat=True))


@pytest.fixture
def ramai(org):
    """The organisation across a Plt that ends, a Plh, a delegation to a staff member, an override to another
    atasan, and a pegawai who left mid-way."""
    from pegawai.models import DelegasiPenilai, Pegawai, RiwayatJabatan

    PenugasanFactory(
        pegawai=org.staf_dua, jabatan=org.kasi.jabatan, tanggal_mulai=D(TAHUN, 3, 16), tanggal_selesai=D(TAHUN, 3, 20)
    )
    DelegasiPenilai.objects.create(
        pemberi=org.kasi,
        penerima=org.staf,
        tanggal_mulai=D(TAHUN, 3, 10),
        tanggal_selesai=D(TAHUN, 4, 5),
        alasan="Uji",
        nomor_surat="UJI",
    )
    Pegawai.objects.filter(pk=org.staf_lain.pk).update(atasan_override=org.kabid)
    RiwayatJabatan.objects.filter(pegawai=org.staf_dua, tanggal_selesai__isnull=True).update(
        tanggal_selesai=D(TAHUN, 4, 10)
    )
    return org


def test_the_bawahan_on_many_dates_in_one_query_match_each_one_day_answer(ramai):
    """:func:`pegawai.atasan.id_bawahan_langsung_pada` against :func:`bawahan_langsung` date by date, for every
    pegawai of the organisation."""
    from pegawai.atasan import id_bawahan_langsung_pada
    from pegawai.models import Pegawai

    org = ramai
    tanggal = [D(TAHUN, 3, 1) + datetime.timedelta(days=i) for i in range(0, 50, 3)] + [D(TAHUN, 3, 31)]
    for pegawai in Pegawai.objects.all():
        with CaptureQueriesContext(connection) as kueri:
            hasil = id_bawahan_langsung_pada(pegawai, tanggal)
        assert len(kueri) == 1
        for t in tanggal:
            assert hasil[t] == set(bawahan_langsung(pegawai, t).values_list("pk", flat=True)), (pegawai, t)
    assert any(id_bawahan_langsung_pada(org.kabid, tanggal).values())
    assert id_bawahan_langsung_pada(org.kasi, []) == {}


def test_a_window_inside_a_remembered_one_is_cut_out_of_it(ramai):
    """Within one request, the stretches of a window inside one already worked out — and the bawahan of dates
    inside it — come from it without a query, and equal what each computes alone, for every pegawai."""
    from pegawai.models import Pegawai

    lebar = (D(TAHUN, 1, 1), D(TAHUN, 6, 30))
    # Windows starting or ending on the last or first day of a Plt, a Plh, a delegation and a departure.
    sempit = [
        (D(TAHUN, 3, 1), D(TAHUN, 3, 31)),
        (D(TAHUN, 3, 18), D(TAHUN, 4, 12)),
        (D(TAHUN, 3, 20), D(TAHUN, 3, 25)),
        (D(TAHUN, 3, 31), D(TAHUN, 4, 30)),
        (D(TAHUN, 4, 5), D(TAHUN, 4, 10)),
        (D(TAHUN, 4, 1), D(TAHUN, 4, 1)),
    ]
    tanggal = [D(TAHUN, 3, 9), D(TAHUN, 3, 16), D(TAHUN, 3, 31), D(TAHUN, 4, 6), D(TAHUN, 4, 11)]
    for pegawai in Pegawai.objects.all():

        def dari_yang_lebar(pegawai=pegawai):
            riwayat_bawahan(pegawai, *lebar)
            with CaptureQueriesContext(connection) as kueri:
                hasil = [riwayat_bawahan(pegawai, *w) for w in sempit], bawahan_per_tanggal(pegawai, tanggal)
            assert len(kueri) == 0
            return hasil

        potongan, per_tanggal = dalam_permintaan(dari_yang_lebar)
        assert potongan == [riwayat_bawahan(pegawai, *w) for w in sempit], pegawai
        assert per_tanggal == bawahan_per_tanggal(pegawai, tanggal), pegawai
    assert any(riwayat_bawahan(ramai.kabid, *w) for w in sempit)
    assert riwayat_bawahan(ramai.kabid, D(TAHUN, 4, 2), D(TAHUN, 4, 1)) == ()


def test_a_login_whose_position_does_not_rate_is_answered_by_the_small_statement(ramai):
    """Loaded as a login loads them (the position read along), pegawai whose present position does not rate are
    first asked whether they may rate at all on each date: a plain staff member gets that small statement alone;
    the staff Plh, the staff member holding a delegation and the one someone's atasan is set to by hand get the
    full answer for their dates. Every answer equals :func:`bawahan_langsung` of the date, for every pegawai."""
    from pegawai.atasan import id_bawahan_langsung_pada
    from pegawai.models import Pegawai

    org = ramai
    Pegawai.objects.filter(pk=org.staf_b.pk).update(atasan_override=org.staf_lain)
    tanggal = [D(TAHUN, 3, 1) + datetime.timedelta(days=i) for i in range(0, 50, 3)] + [D(TAHUN, 3, 18)]
    kueri_per_pegawai = {}
    for pegawai in Pegawai.objects.select_related("jabatan"):
        with CaptureQueriesContext(connection) as kueri:
            hasil = dalam_permintaan(lambda pegawai=pegawai: id_bawahan_langsung_pada(pegawai, tanggal))
        kueri_per_pegawai[pegawai.pk] = [q["sql"] for q in kueri.captured_queries]
        for t in tanggal:
            assert hasil[t] == set(bawahan_langsung(pegawai, t).values_list("pk", flat=True)), (pegawai, t)
    assert len(kueri_per_pegawai[org.staf_dua.pk]) == 2 and len(kueri_per_pegawai[org.staf_lain.pk]) == 2
    assert len(kueri_per_pegawai[org.kasi.pk]) == 1 and "RECURSIVE" in kueri_per_pegawai[org.kasi.pk][0]
    with CaptureQueriesContext(connection) as kueri:
        staf = Pegawai.objects.select_related("jabatan").get(pk=org.staf_dua.pk)
        assert dalam_permintaan(lambda: id_bawahan_langsung_pada(staf, [D(TAHUN, 3, 18), D(TAHUN, 3, 21)])) == {
            D(TAHUN, 3, 18): {org.staf.pk},
            D(TAHUN, 3, 21): frozenset(),
        }
    assert len(kueri) == 3  # the pegawai, the small statement, the full one for 18 March alone
    biasa = Pegawai.objects.select_related("jabatan").get(pk=org.staf_b.pk)
    with CaptureQueriesContext(connection) as kueri:
        assert dalam_permintaan(lambda: id_bawahan_langsung_pada(biasa, tanggal)) == dict.fromkeys(tanggal, frozenset())
    assert len(kueri) == 1 and "RECURSIVE" not in kueri.captured_queries[0]["sql"]
