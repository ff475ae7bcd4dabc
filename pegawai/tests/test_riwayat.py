"""Positions held over dates (docs/ATURAN.md): who rates whom on a date across a mutasi, a Plt range, an override and
a written delegation; the Python rule (:mod:`pegawai.atasan`) and its SQL twin (:func:`pegawai.supervisi.atasan_pada`)
agree on every pair; the mutasi service writes the history."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from pegawai.atasan import bawahan_langsung, jabatan_pada, penilai_pada, riwayat_jabatan
from pegawai.choices import JenisJabatan, Jenjang
from pegawai.errors import PegawaiError, PegawaiTidakBerwenang
from pegawai.models import DelegasiPenilai, RiwayatJabatan
from pegawai.services.mutasi import pegawai_mutasi
from pegawai.supervisi import atasan_pada, riwayat_bawahan, segmen_pengawasan

from .factories import JabatanFactory, PegawaiFactory

D = datetime.date
TMT = D(2025, 7, 1)


@pytest.fixture
def kota(org):
    """The test organisation on 2025 dates, with:

    - staf moved (mutasi) from Pengelola Data (under kasi) to Analis Dua (under Kepala Seksi Dua, vacant) on 1 July;
    - the Plt of Kepala Seksi Dua (kasi_tiga) from 1 August to 30 September only;
    - staf_lain rated by kabid through an override;
    - a JF ketua tim under kasi with an operator below, and a delegation kasi → ketua for March.
    """
    org.plt.tanggal_mulai, org.plt.tanggal_selesai = D(2025, 8, 1), D(2025, 9, 30)
    org.plt.save()
    pegawai_mutasi(actor=org.admin_opd, pegawai=org.staf, jabatan=org.staf_dua.jabatan, tmt=TMT, nomor_sk="821/7")
    org.staf_lain.atasan_override = org.kabid
    org.staf_lain.save()
    j_ketua = JabatanFactory(
        unit_kerja=org.kasi.jabatan.unit_kerja,
        nama="Pranata Komputer Ahli Muda",
        jenis=JenisJabatan.FUNGSIONAL,
        jenjang=Jenjang.AHLI_MUDA,
        parent=org.kasi.jabatan,
    )
    j_operator = JabatanFactory(unit_kerja=org.kasi.jabatan.unit_kerja, nama="Operator", parent=j_ketua)
    org.ketua = PegawaiFactory(jabatan=j_ketua, nama="Ketua Tim")
    org.operator = PegawaiFactory(jabatan=j_operator, nama="Operator Satu")
    DelegasiPenilai.objects.create(
        pemberi=org.kasi,
        penerima=org.ketua,
        tanggal_mulai=D(2025, 3, 1),
        tanggal_selesai=D(2025, 3, 31),
        alasan="Tim data",
        nomor_surat="800/3",
    )
    return org


CASES = [
    # (pegawai, date, penilai, dasar)
    ("staf", D(2025, 6, 30), "kasi", "jabatan"),  # the day before the TMT: the old atasan
    ("staf", TMT, "kabid", "jabatan"),  # Kepala Seksi Dua vacant, no Plt yet: passes up to kabid
    ("staf", D(2025, 8, 1), "kasi_tiga", "plt"),  # the Plt range begins
    ("staf", D(2025, 9, 30), "kasi_tiga", "plt"),
    ("staf", D(2025, 10, 1), "kabid", "jabatan"),  # the Plt range ended
    ("staf_dua", D(2025, 6, 30), "kabid", "jabatan"),
    ("staf_lain", D(2025, 6, 30), "kabid", "penetapan"),  # the override
    ("operator", D(2025, 2, 28), "kasi", "jabatan"),  # a JF ketua tim may not rate: passes up to the pengawas
    ("operator", D(2025, 3, 1), "ketua", "delegasi"),  # … unless delegated in writing, for the range only
    ("operator", D(2025, 3, 31), "ketua", "delegasi"),
    ("operator", D(2025, 4, 1), "kasi", "jabatan"),
    ("ketua", D(2025, 3, 15), "kasi", "jabatan"),
    ("kasi", D(2025, 3, 15), "kabid", "jabatan"),
]


@pytest.mark.parametrize("siapa, tanggal, penilai, dasar", CASES)
def test_the_penilai_is_asked_on_a_date(kota, siapa, tanggal, penilai, dasar):
    hasil = penilai_pada(getattr(kota, siapa), tanggal)
    assert (hasil.pegawai, hasil.dasar) == (getattr(kota, penilai), dasar)
    # The same rule downward …
    assert bawahan_langsung(getattr(kota, penilai), tanggal).filter(pk=getattr(kota, siapa).pk).exists()
    # … and in SQL.
    assert atasan_pada([(getattr(kota, siapa).pk, tanggal)]) == {(getattr(kota, siapa).pk, tanggal): hasil.pegawai.pk}


def test_a_cancelled_delegation_no_longer_counts(kota):
    DelegasiPenilai.objects.update(dibatalkan_pada=datetime.datetime(2025, 3, 10, tzinfo=datetime.UTC))
    assert penilai_pada(kota.operator, D(2025, 3, 15)).pegawai == kota.kasi
    assert not bawahan_langsung(kota.ketua, D(2025, 3, 15)).exists()


def test_the_old_atasan_rates_only_the_days_before_the_mutasi(kota):
    assert bawahan_langsung(kota.kasi, D(2025, 6, 30)).filter(pk=kota.staf.pk).exists()
    assert not bawahan_langsung(kota.kasi, TMT).filter(pk=kota.staf.pk).exists()
    stretches = riwayat_bawahan(kota.kasi, D(2025, 6, 1), D(2025, 7, 31))
    assert [(m, s) for m, s, ids in stretches if kota.staf.pk in ids] == [(D(2025, 6, 1), D(2025, 6, 30))]
    # The TMT is a boundary of the stretches over which supervision cannot change.
    assert TMT in [m for m, _s in segmen_pengawasan(kota.kasi, D(2025, 6, 1), D(2025, 7, 31))]


def test_the_mutasi_writes_the_history_and_the_current_position(kota):
    kota.staf.refresh_from_db()
    assert kota.staf.jabatan == kota.staf_dua.jabatan
    riwayat = list(riwayat_jabatan(kota.staf))
    assert [(r.jabatan.nama, r.tmt, r.tanggal_selesai) for r in riwayat] == [
        ("Analis Dua", TMT, None),
        ("Pengelola Data", D(2010, 3, 1), D(2025, 6, 30)),
    ]
    assert riwayat[0].nomor_sk == "821/7"
    assert jabatan_pada(kota.staf, D(2025, 6, 30)) == riwayat[1].jabatan_id


def test_a_mutasi_clears_the_override_of_the_old_position(kota):
    pegawai_mutasi(actor=kota.admin_opd, pegawai=kota.staf_lain, jabatan=kota.staf_dua.jabatan, tmt=D(2025, 8, 15))
    kota.staf_lain.refresh_from_db()
    assert kota.staf_lain.atasan_override is None
    assert penilai_pada(kota.staf_lain, D(2025, 8, 15)).pegawai == kota.kasi_tiga


@pytest.mark.parametrize(
    "tmt, pesan",
    [
        (D(2025, 7, 1), "harus setelah TMT jabatan sekarang"),
        (D(1959, 12, 31), "TMT jabatan harus antara"),
        (timezone.localdate() + datetime.timedelta(days=2), "TMT jabatan harus antara"),
    ],
)
def test_a_mutasi_with_an_impossible_tmt_is_refused_and_changes_nothing(kota, tmt, pesan):
    sebelum = list(RiwayatJabatan.objects.values_list("pk", "tanggal_selesai"))
    with pytest.raises(PegawaiError, match=pesan):
        pegawai_mutasi(actor=kota.admin_opd, pegawai=kota.staf, jabatan=kota.staf_lain.jabatan, tmt=tmt)
    assert list(RiwayatJabatan.objects.values_list("pk", "tanggal_selesai")) == sebelum


def test_a_leadership_position_has_one_holder(kota):
    with pytest.raises(PegawaiError, match="Kepala Seksi Satu dipegang Kasi A"):
        pegawai_mutasi(actor=kota.admin_opd, pegawai=kota.staf_lain, jabatan=kota.kasi.jabatan, tmt=D(2025, 8, 1))


def test_a_leadership_position_refuses_a_holder_dated_before_the_current_one(kota):
    """The current head took the position on 1 October; a second one backdated to 1 September would hold it with
    them from October on — refused, although nobody held it on 1 September itself."""
    kepala_seksi_dua = kota.staf_dua.jabatan.parent
    pegawai_mutasi(actor=kota.admin_opd, pegawai=kota.staf_dua, jabatan=kepala_seksi_dua, tmt=D(2025, 10, 1))
    with pytest.raises(PegawaiError, match="Kepala Seksi Dua dipegang Staf Dua pada 1 September 2025 atau sesudahnya"):
        pegawai_mutasi(actor=kota.admin_opd, pegawai=kota.staf_lain, jabatan=kepala_seksi_dua, tmt=D(2025, 9, 1))
    assert not RiwayatJabatan.objects.filter(pegawai=kota.staf_lain, jabatan=kepala_seksi_dua).exists()


def test_an_admin_opd_moves_only_within_their_opd(kota):
    with pytest.raises(PegawaiTidakBerwenang):
        pegawai_mutasi(actor=kota.admin_opd, pegawai=kota.staf_lain, jabatan=kota.staf_b.jabatan, tmt=D(2025, 8, 1))
    with pytest.raises(PegawaiTidakBerwenang):
        pegawai_mutasi(
            actor=kota.admin_opd_lain, pegawai=kota.staf_lain, jabatan=kota.staf_b.jabatan, tmt=D(2025, 8, 1)
        )
    pegawai_mutasi(actor=kota.admin_bkpsdm, pegawai=kota.staf_lain, jabatan=kota.staf_b.jabatan, tmt=D(2025, 8, 1))
    assert penilai_pada(kota.staf_lain, D(2025, 8, 1)).pegawai == kota.kepala_b


def test_the_database_refuses_two_assignments_of_one_pegawai_on_the_same_day(kota):
    with pytest.raises(IntegrityError, match="riwayat_jabatan_tidak_bertumpuk"), transaction.atomic():
        RiwayatJabatan.objects.create(pegawai=kota.staf, jabatan=kota.staf_lain.jabatan, tmt=D(2025, 12, 1))


def test_setting_a_pegawai_inactive_closes_their_assignment(kota):
    from pegawai.services.pegawai import pegawai_simpan

    kota.staf_dua.aktif = False
    pegawai_simpan(actor=kota.admin_opd, pegawai=kota.staf_dua)
    terakhir = RiwayatJabatan.objects.filter(pegawai=kota.staf_dua).get()
    assert terakhir.tanggal_selesai == timezone.localdate()
    # Still the holder for the days they worked: their old atasan keeps those.
    assert penilai_pada(kota.staf_dua, D(2025, 6, 30)).pegawai == kota.kabid
