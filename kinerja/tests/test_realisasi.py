"""Realisasi only where adding up makes sense (docs/ATURAN.md, issue 8 §5): the rule (summed or stated, by aspek),
the roll-up (a kuantitas IKI sums, a kualitas "%" IKI does not), the stated realisasi per IKI and month, and the
service that writes it with each of its refusals.

"Today" is Wednesday 11 March 2026 (the ``jam`` fixture): March is open, February and January are locked (their
verification deadlines were 6 March and 6 February), April has not begun."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from pghistory.models import Events

from kinerja.choices import PeriodeRealisasi, StatusAktivitas
from kinerja.errors import AktivitasError, AktivitasTidakBerwenang
from kinerja.models import RealisasiDinyatakan
from kinerja.rules import CaraRealisasi, cara_realisasi
from kinerja.selectors.realisasi import aktivitas_pendukung, realisasi
from kinerja.services.realisasi import _nilai, realisasi_nyatakan
from skp.choices import Aspek, FormatSkp, SkpStatus
from skp.tests.factories import IkiFactory, RhkFactory, SkpFactory

from .factories import TAHUN, AktivitasFactory, BukaKunciFactory

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time


def aktivitas(pegawai, tanggal, rhk, volume=1, satuan="dokumen", mulai=8, status=StatusAktivitas.DISETUJUI):
    return AktivitasFactory(
        pegawai=pegawai,
        tanggal=tanggal,
        rhk=rhk,
        volume=Decimal(volume),
        satuan=satuan,
        status=status,
        jam_mulai=T(mulai, 0),
        jam_selesai=T(mulai + 1, 0),
    )


def kualitas(rhk, urutan=2, **kw):
    kw.setdefault("teks", "Persentase laporan yang diterima tanpa revisi")
    kw.setdefault("target_min", Decimal(100))
    return IkiFactory(rhk=rhk, aspek=Aspek.KUALITAS, satuan="%", urutan=urutan, **kw)


def nyatakan(org, iki, bulan=3, nilai="95,5", penjelasan="Dua dari 40 laporan direvisi.", bukti="ND 12/2026"):
    return realisasi_nyatakan(
        actor=org.staf, iki=iki, tahun=TAHUN, bulan=bulan, nilai=nilai, penjelasan=penjelasan, bukti=bukti
    )


def iki_dari(hasil, iki):
    return next(r for b in hasil.baris for r in b.iki if r.iki.pk == iki.pk)


@pytest.fixture
def r1(skp):
    return skp.rhk(skp.staf, 1)


@pytest.fixture
def iki_kualitas(r1):
    return kualitas(r1)


# ---------------------------------------------------------------------------------------------------------------
# The rule
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "aspek, satuan, expected",
    [
        # Only a kuantitas IKI with a satuan adds up the volumes of its activities.
        (Aspek.KUANTITAS, "dokumen", CaraRealisasi.DIJUMLAH),
        (Aspek.KUANTITAS, " Laporan ", CaraRealisasi.DIJUMLAH),
        (Aspek.KUANTITAS, "%", CaraRealisasi.DIJUMLAH),
        (Aspek.KUANTITAS, "", CaraRealisasi.DINYATAKAN),
        (Aspek.KUANTITAS, "   ", CaraRealisasi.DINYATAKAN),
        # Kualitas, waktu, biaya: a %, a number of months, a rupiah figure — never a sum.
        (Aspek.KUALITAS, "%", CaraRealisasi.DINYATAKAN),
        (Aspek.KUALITAS, "dokumen", CaraRealisasi.DINYATAKAN),
        (Aspek.WAKTU, "bulan", CaraRealisasi.DINYATAKAN),
        (Aspek.WAKTU, "hari", CaraRealisasi.DINYATAKAN),
        (Aspek.BIAYA, "rupiah", CaraRealisasi.DINYATAKAN),
        (Aspek.BIAYA, "%", CaraRealisasi.DINYATAKAN),
        # The JPT form has no aspek: its IKI are outcomes of the unit, stated.
        ("", "%", CaraRealisasi.DINYATAKAN),
        ("", "dokumen", CaraRealisasi.DINYATAKAN),
        ("", "nilai", CaraRealisasi.DINYATAKAN),
        # Kualitatif: a narrative ukuran keberhasilan, no satuan.
        ("", "", CaraRealisasi.DINYATAKAN),
        (Aspek.KUALITAS, "", CaraRealisasi.DINYATAKAN),
    ],
)
def test_it_sums_only_a_kuantitas_iki_with_a_satuan(aspek, satuan, expected):
    assert cara_realisasi(aspek, satuan) == expected


# ---------------------------------------------------------------------------------------------------------------
# The roll-up
# ---------------------------------------------------------------------------------------------------------------


def test_a_kuantitas_iki_sums_and_a_kualitas_percent_iki_does_not(org, jam, skp, r1, iki_kualitas):
    """The issue's own case: ten activities of "100 %" on an RHK with a kualitas IKI "100 %" are not
    "tercapai 1.000 %"; the kuantitas IKI "12 dokumen" of the same RHK still sums its three documents."""
    iki_kuantitas = r1.iki.get(urutan=1)
    for hari in range(2, 12):
        aktivitas(org.staf, D(TAHUN, 3, hari), r1, volume=100, satuan="%")
    for mulai in (10, 12, 14):
        aktivitas(org.staf, D(TAHUN, 3, 2), r1, volume=1, satuan="dokumen", mulai=mulai)
    hasil = realisasi(org.staf, TAHUN, PeriodeRealisasi.BULANAN, 3)
    jumlah = iki_dari(hasil, iki_kuantitas)
    assert (jumlah.cara, jumlah.volume, jumlah.nilai, jumlah.jumlah_aktivitas) == (
        CaraRealisasi.DIJUMLAH,
        Decimal(3),
        Decimal(3),
        3,
    )
    assert jumlah.persen_capaian == Decimal("25.0")
    stated = iki_dari(hasil, iki_kualitas)
    # Never a sum: no volume, no value until the pegawai states one; all 13 activities of the RHK are its support.
    assert (stated.cara, stated.volume, stated.nilai, stated.dinyatakan, stated.persen_capaian) == (
        CaraRealisasi.DINYATAKAN,
        None,
        None,
        None,
        None,
    )
    assert stated.jumlah_aktivitas == 13
    r = nyatakan(org, iki_kualitas, nilai="97,5")
    stated = iki_dari(realisasi(org.staf, TAHUN, PeriodeRealisasi.BULANAN, 3), iki_kualitas)
    assert (stated.dinyatakan, stated.nilai) == (r, Decimal("97.5"))


def test_a_jpt_iki_is_stated(org, jam):
    skp = SkpFactory(pegawai=org.kepala, tahun=TAHUN, status=SkpStatus.DISETUJUI, format=FormatSkp.JPT)
    rhk = RhkFactory(skp=skp, urutan=1)
    iki = IkiFactory(rhk=rhk, aspek="", target_min=Decimal(85), satuan="%", teks="Indeks kepuasan masyarakat", urutan=1)
    aktivitas(org.kepala, D(TAHUN, 3, 2), rhk, volume=85, satuan="%")
    r = iki_dari(realisasi(org.kepala, TAHUN, PeriodeRealisasi.BULANAN, 3), iki)
    assert (r.cara, r.nilai, r.jumlah_aktivitas) == (CaraRealisasi.DINYATAKAN, None, 1)


@pytest.mark.parametrize(
    "periode, nomor, bulan_terpilih",
    [
        (PeriodeRealisasi.BULANAN, 1, 1),
        (PeriodeRealisasi.BULANAN, 2, None),
        (PeriodeRealisasi.BULANAN, 3, 3),
        (PeriodeRealisasi.TRIWULANAN, 1, 3),
        (PeriodeRealisasi.TRIWULANAN, 2, None),
        (PeriodeRealisasi.SEMESTERAN, 1, 3),
        (PeriodeRealisasi.TAHUNAN, None, 3),
    ],
)
def test_a_period_takes_the_statement_of_its_latest_stated_month(
    org, jam, iki_kualitas, periode, nomor, bulan_terpilih
):
    RealisasiDinyatakan.objects.create(iki=iki_kualitas, tahun=TAHUN, bulan=1, nilai=80, penjelasan="x", bukti="y")
    RealisasiDinyatakan.objects.create(iki=iki_kualitas, tahun=TAHUN, bulan=3, nilai=90, penjelasan="x", bukti="y")
    RealisasiDinyatakan.objects.create(iki=iki_kualitas, tahun=TAHUN - 1, bulan=12, nilai=10, penjelasan="x", bukti="y")
    r = iki_dari(realisasi(org.staf, TAHUN, periode, nomor), iki_kualitas)
    assert (r.dinyatakan.bulan if r.dinyatakan else None) == bulan_terpilih


def test_a_statement_follows_its_indicator_into_the_next_skp_version(org, jam, skp, r1, iki_kualitas):
    """A perubahan SKP copies the IKI: January's statement on version 1 counts on the same indicator of version
    2; an indicator reworded by the perubahan is a new one and starts unstated."""
    r2 = skp.rhk(skp.staf, 2)
    iki_r2 = kualitas(r2, teks="Ketepatan waktu layanan")
    RealisasiDinyatakan.objects.create(iki=iki_kualitas, tahun=TAHUN, bulan=1, nilai=80, penjelasan="x", bukti="y")
    RealisasiDinyatakan.objects.create(iki=iki_r2, tahun=TAHUN, bulan=1, nilai=70, penjelasan="x", bukti="y")
    v1 = skp.staf
    v1.digantikan_pada = timezone.now()
    v1.save()
    v2 = SkpFactory(pegawai=org.staf, tahun=TAHUN, status=SkpStatus.DISETUJUI, versi=2, versi_sebelumnya=v1)
    r1_baru = RhkFactory(skp=v2, teks=r1.teks, urutan=1, asal=r1)
    r2_baru = RhkFactory(skp=v2, teks=r2.teks, urutan=2, asal=r2)
    sama = kualitas(r1_baru, teks=f"  {iki_kualitas.teks} ", target_min=Decimal(95))
    diubah = kualitas(r2_baru, teks="Ketepatan waktu layanan informasi")
    hasil = realisasi(org.staf, TAHUN)
    assert iki_dari(hasil, sama).nilai == Decimal(80)
    assert iki_dari(hasil, diubah).dinyatakan is None
    # On the same month the current version's own statement wins.
    RealisasiDinyatakan.objects.create(iki=sama, tahun=TAHUN, bulan=1, nilai=85, penjelasan="x", bukti="y")
    assert iki_dari(realisasi(org.staf, TAHUN), sama).nilai == Decimal(85)


def test_the_roll_up_takes_four_queries_whatever_the_number_of_iki(org, jam, skp, r1, django_assert_num_queries):
    def jalankan():
        hasil = realisasi(org.staf, TAHUN)
        return [(r.iki.teks, r.nilai) for b in hasil.baris for r in b.iki]

    kualitas(r1)
    with django_assert_num_queries(4):
        jalankan()
    for n, rhk in enumerate([r1, skp.rhk(skp.staf, 2), *(RhkFactory(skp=skp.staf, urutan=k) for k in (3, 4, 5))]):
        for urutan in (5, 6, 7):
            iki = kualitas(rhk, urutan=urutan, teks=f"Indikator {n}.{urutan}")
            RealisasiDinyatakan.objects.create(iki=iki, tahun=TAHUN, bulan=2, nilai=9, penjelasan="x", bukti="y")
        aktivitas(org.staf, D(TAHUN, 2, 2 + n), rhk)
    with django_assert_num_queries(4):
        assert len(jalankan()) > 15


def test_supporting_activities_are_listed_per_rhk_with_a_stated_iki_in_one_query(
    org, jam, skp, r1, iki_kualitas, django_assert_num_queries
):
    r2 = skp.rhk(skp.staf, 2)
    a1 = aktivitas(org.staf, D(TAHUN, 3, 3), r1, satuan="%")
    a2 = aktivitas(org.staf, D(TAHUN, 3, 2), r1)
    aktivitas(org.staf, D(TAHUN, 3, 4), r1, status=StatusAktivitas.DIAJUKAN)
    aktivitas(org.staf, D(TAHUN, 2, 4), r1)
    aktivitas(org.staf, D(TAHUN, 3, 5), r2)
    hasil = realisasi(org.staf, TAHUN, PeriodeRealisasi.BULANAN, 3)
    with django_assert_num_queries(1):
        pendukung = aktivitas_pendukung(hasil)
    # r2 has only a kuantitas IKI: nothing is stated, nothing to support.
    assert pendukung == {r1.pk: [a2, a1]}


# ---------------------------------------------------------------------------------------------------------------
# The service
# ---------------------------------------------------------------------------------------------------------------


def test_the_owner_states_the_realisasi_of_a_month_and_states_it_again(org, jam, iki_kualitas):
    r = nyatakan(org, iki_kualitas, nilai="95,5", bukti="  https://drive.contoh.go.id/berkas/12  ")
    assert (r.tahun, r.bulan, r.nilai, r.bukti, r.bukti_tautan) == (
        TAHUN,
        3,
        Decimal("95.5"),
        "https://drive.contoh.go.id/berkas/12",
        True,
    )
    nyatakan(org, iki_kualitas, nilai="97", penjelasan="Satu laporan direvisi.\r\nSudah dibetulkan.", bukti="ND 9")
    r = RealisasiDinyatakan.objects.get()
    assert (r.nilai, r.penjelasan, r.bukti, r.bukti_tautan) == (
        Decimal(97),
        "Satu laporan direvisi.\nSudah dibetulkan.",
        "ND 9",
        False,
    )
    events = Events.objects.filter(pgh_obj_model="kinerja.RealisasiDinyatakan", pgh_obj_id=str(r.pk)).order_by(
        "pgh_created_at", "pgh_id"
    )
    assert [e.pgh_label for e in events] == ["insert", "update"]
    assert {e.pgh_context["user"] for e in events} == {org.staf.user_id}


@pytest.mark.parametrize(
    "teks, expected",
    [
        ("95", Decimal(95)),
        ("95,5", Decimal("95.5")),
        ("95.5", Decimal("95.5")),
        (" 1.500.000 ", Decimal(1500000)),
        ("1.500.000,50", Decimal("1500000.50")),
        ("1 500 000", Decimal(1500000)),
        ("abc", None),
        ("1e5", None),
        ("NaN", None),
        ("Infinity", None),
        ("", None),
        (Decimal("Infinity"), None),
        (7, Decimal(7)),
    ],
)
def test_it_reads_a_number_as_typed_in_indonesia(teks, expected):
    assert _nilai(teks) == expected


@pytest.mark.parametrize(
    "field, value, kolom",
    [
        ("nilai", "", "nilai"),
        ("nilai", "banyak", "nilai"),
        ("nilai", "-1", "nilai"),
        ("nilai", "1e5", "nilai"),
        ("nilai", "10000000000000000", "nilai"),  # past the column's 16 digits before the comma
        ("nilai", "95,555", "nilai"),
        ("nilai", None, "nilai"),
        ("penjelasan", "", "penjelasan"),
        ("penjelasan", "   ", "penjelasan"),
        ("penjelasan", "x" * 1001, "penjelasan"),
        ("bukti", "", "bukti"),
        ("bukti", "javascript:alert(1)", "bukti"),
        ("bukti", "JavaScript:alert(1)", "bukti"),
        ("bukti", "data:text/html,<b>x</b>", "bukti"),
        ("bukti", "ftp://contoh.go.id/berkas", "bukti"),
        ("bukti", "https://kantor.go.id@contoh.com/x", "bukti"),
        ("bukti", "https://", "bukti"),
        ("bukti", "ND 12\x00/2026", "bukti"),
        ("bukti", "ND 12\n/2026", "bukti"),
        ("bukti", "\u202eND 12/2026", "bukti"),
        ("bukti", "x" * 2001, "bukti"),
    ],
)
def test_it_refuses_a_wrong_field_and_writes_nothing(org, jam, iki_kualitas, field, value, kolom):
    with pytest.raises(AktivitasError) as exc:
        nyatakan(org, iki_kualitas, **{field: value})
    assert list(exc.value.errors) == [kolom]
    assert not RealisasiDinyatakan.objects.exists()


def test_it_accepts_the_largest_value_the_column_holds(org, jam, iki_kualitas):
    assert nyatakan(org, iki_kualitas, nilai="9.999.999.999.999.999,99").nilai == Decimal("9999999999999999.99")
    assert nyatakan(org, iki_kualitas, nilai="0").nilai == Decimal(0)


def _bukan_pemilik(org, skp, iki):
    return {"actor": org.kasi}


def _kuantitas(org, skp, iki):
    return {"iki": iki.rhk.iki.get(urutan=1)}


def _draf(org, skp, iki):
    SkpFactory._meta.model.objects.filter(pk=skp.staf.pk).update(status=SkpStatus.DIAJUKAN)


def _digantikan(org, skp, iki):
    SkpFactory._meta.model.objects.filter(pk=skp.staf.pk).update(digantikan_pada=timezone.now())


def _periode_pendek(org, skp, iki):
    SkpFactory._meta.model.objects.filter(pk=skp.staf.pk).update(tanggal_selesai=D(TAHUN, 2, 28))


@pytest.mark.parametrize(
    "arrange, bulan, tahun, galat, pesan",
    [
        (_bukan_pemilik, 3, TAHUN, AktivitasTidakBerwenang, "Hanya pegawai pemilik SKP"),
        (_kuantitas, 3, TAHUN, AktivitasError, "dihitung dari volume aktivitas"),
        (_draf, 3, TAHUN, AktivitasError, "SKP yang sudah disetujui"),
        (_digantikan, 3, TAHUN, AktivitasError, "sudah digantikan versi"),
        (_periode_pendek, 3, TAHUN, AktivitasError, "di luar periode SKP"),
        (None, 3, TAHUN + 1, AktivitasError, "di luar periode SKP"),
        (None, 13, TAHUN, AktivitasError, "di luar periode SKP"),
        (None, 0, TAHUN, AktivitasError, "di luar periode SKP"),
        (None, 4, TAHUN, AktivitasError, "setelah bulan itu dimulai"),
        # February's verification deadline was Friday 6 March: locked, like its activities.
        (None, 2, TAHUN, AktivitasError, "sudah terkunci sejak batas verifikasi 6 Maret 2026"),
        (None, 1, TAHUN, AktivitasError, "sudah terkunci"),
    ],
)
def test_it_refuses_and_writes_nothing(org, jam, skp, iki_kualitas, arrange, bulan, tahun, galat, pesan):
    kwargs = {
        "actor": org.staf,
        "iki": iki_kualitas,
        "tahun": tahun,
        "bulan": bulan,
        "nilai": "95",
        "penjelasan": "Dua laporan direvisi.",
        "bukti": "ND 12/2026",
    }
    if arrange is not None:
        kwargs.update(arrange(org, skp, iki_kualitas) or {})
    with pytest.raises(galat) as exc:
        realisasi_nyatakan(**kwargs)
    assert pesan in exc.value.message
    assert not RealisasiDinyatakan.objects.exists()


def test_a_reopened_month_may_be_stated_again(org, jam, iki_kualitas):
    with pytest.raises(AktivitasError):
        nyatakan(org, iki_kualitas, bulan=2)
    BukaKunciFactory(pegawai=org.staf, bulan=2, sampai=D(TAHUN, 3, 20))
    assert nyatakan(org, iki_kualitas, bulan=2).bulan == 2


def test_the_service_reads_the_iki_again_from_the_database(org, jam, r1):
    """A caller's instance edited in memory (a kuantitas IKI passed off as kualitas) changes nothing."""
    iki = r1.iki.get(urutan=1)
    iki.aspek = Aspek.KUALITAS
    with pytest.raises(AktivitasError, match="dihitung dari volume aktivitas"):
        nyatakan(org, iki)
