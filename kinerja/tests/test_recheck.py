"""The services decide from the database, not from what their caller read or holds in memory: a page's
request cache only saves reads of the questions the service asks itself (its own actor, its own date), and the
objects a caller passes are checked again as the database has them."""

import datetime

import pytest

from kinerja.choices import KategoriAktivitas, StatusAktivitas
from kinerja.errors import AktivitasError, AktivitasTidakBerwenang
from kinerja.models import Aktivitas, BuktiDukung
from kinerja.selectors.cache import ReadCache
from kinerja.selectors.harian import rhk_pilihan
from kinerja.selectors.kalender import data_kalender_tanggal, pengaturan_kinerja
from kinerja.selectors.penguncian import entri_tanggal
from kinerja.services.aktivitas import aktivitas_buat
from kinerja.services.bukti import bukti_hapus, bukti_tambah_tautan
from kinerja.services.kelola import hari_kerja_unit_atur
from kinerja.services.verifikasi import aktivitas_setujui
from skp.tests.factories import skp_disetujui

from .factories import TAHUN, AktivitasFactory, catat, diajukan

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def rhk(skp):
    return skp.rhk(skp.staf)


def _buat(actor, rhk, tanggal, cache):
    return aktivitas_buat(
        actor=actor,
        tanggal=tanggal,
        uraian="Menyusun laporan",
        jam_mulai="08:00",
        jam_selesai="09:00",
        volume=1,
        satuan="dokumen",
        rhk=rhk,
        cache=cache,
    )


def test_a_cache_of_another_pegawais_rhk_does_not_authorise_them(org, jam, skp):
    cache = ReadCache()
    lain = rhk_pilihan(org.staf_lain, D(TAHUN, 3, 11), cache)
    with pytest.raises(AktivitasError) as exc:
        _buat(org.staf, lain[0], D(TAHUN, 3, 11), cache)
    assert "rhk" in exc.value.errors
    assert not Aktivitas.objects.exists()


def test_the_service_asks_for_the_rhk_of_its_own_date(org, jam):
    """The page listed the RHK of 1 July (second semester SKP); an entry dated 11 March is judged for 11 March."""
    semester2 = skp_disetujui(
        org.staf,
        tahun=TAHUN,
        rhk=["Hasil semester dua"],
        tanggal_mulai=D(TAHUN, 7, 1),
        tanggal_selesai=D(TAHUN, 12, 31),
    )
    cache = ReadCache()
    assert [r.pk for r in rhk_pilihan(org.staf, D(TAHUN, 7, 1), cache)] == [semester2.rhk.get().pk]
    with pytest.raises(AktivitasError) as exc:
        _buat(org.staf, semester2.rhk.get(), D(TAHUN, 3, 11), cache)
    assert "rhk" in exc.value.errors


def test_the_request_cache_makes_the_second_read_free(org, jam, rhk, django_assert_num_queries):
    cache = ReadCache()
    rhk_pilihan(org.staf, D(TAHUN, 3, 11), cache)
    data = data_kalender_tanggal(org.staf, D(TAHUN, 3, 11), cache)
    pengaturan = pengaturan_kinerja(cache)
    with django_assert_num_queries(0):
        assert rhk_pilihan(org.staf, D(TAHUN, 3, 11), cache)[0].pk == rhk.pk
        assert data_kalender_tanggal(org.staf, D(TAHUN, 3, 2), cache) is data
        assert pengaturan_kinerja(cache) is pengaturan
    # Another pegawai's calendar is their own question.
    assert data_kalender_tanggal(org.staf_lain, D(TAHUN, 3, 11), cache) is not data


def test_the_entry_decision_is_the_one_the_service_enforces(org, jam, rhk):
    entri = entri_tanggal(org.staf, D(TAHUN, 3, 12))
    assert not entri.boleh and not entri.terkunci
    with pytest.raises(AktivitasError) as exc:
        catat(org.staf, rhk, D(TAHUN, 3, 12))
    assert exc.value.errors["tanggal"] == entri.pesan
    jam.atur(D(TAHUN, 4, 8))  # March locked after the 5th working day of April
    entri = entri_tanggal(org.staf, D(TAHUN, 3, 31))
    assert not entri.boleh and entri.terkunci
    with pytest.raises(AktivitasError) as exc:
        catat(org.staf, rhk, D(TAHUN, 3, 31))
    assert exc.value.message == entri.pesan == entri.kunci.pesan


def test_verification_reads_the_pegawai_and_date_from_the_database(org, jam, skp):
    """A caller's object claiming a bawahan does not make the kasi the atasan of Dinas B's staff."""
    a = AktivitasFactory(
        pegawai=org.staf_b,
        tanggal=D(TAHUN, 3, 10),
        kategori=KategoriAktivitas.LAINNYA,
        alasan_kategori="Apel",
        status=StatusAktivitas.DIAJUKAN,
    )
    a.pegawai = org.staf
    with pytest.raises(AktivitasTidakBerwenang):
        aktivitas_setujui(actor=org.kasi, aktivitas=a)
    a.refresh_from_db()
    assert a.status == StatusAktivitas.DIAJUKAN
    # The real bawahan's activity is approved as before.
    mine = diajukan(org.staf, skp.rhk(skp.staf), D(TAHUN, 3, 10))
    assert aktivitas_setujui(actor=org.kasi, aktivitas=mine).status == StatusAktivitas.DISETUJUI


def test_removing_evidence_checks_whose_activity_it_is_in_the_database(org, jam, skp):
    lain = catat(org.staf_lain, skp.rhk(skp.staf_lain), D(TAHUN, 3, 10))
    bukti = bukti_tambah_tautan(actor=org.staf_lain, aktivitas=lain, url="https://contoh.go.id/a")
    sendiri = catat(org.staf, skp.rhk(skp.staf), D(TAHUN, 3, 10))
    bukti.aktivitas = sendiri
    with pytest.raises(AktivitasTidakBerwenang):
        bukti_hapus(actor=org.staf, bukti=bukti)
    assert BuktiDukung.objects.filter(pk=bukti.pk).exists()


def test_a_units_week_is_set_by_the_admin_of_its_opd_as_the_database_has_it(org):
    unit = org.staf_b.jabatan.unit_kerja
    unit.perangkat_daerah_id = org.opd_a.pk  # a stale or forged object: Dinas B's unit claiming Dinas A
    with pytest.raises(AktivitasTidakBerwenang):
        hari_kerja_unit_atur(actor=org.admin_opd, unit_kerja=unit, hari_kerja_per_minggu=6)
    assert hari_kerja_unit_atur(actor=org.admin_opd_lain, unit_kerja=unit, hari_kerja_per_minggu=6) is not None
