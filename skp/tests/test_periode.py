"""The SKP period: inside the year, one SKP per position, a second SKP after a mid-year transfer."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from pegawai.services.mutasi import catat_mutasi
from skp.choices import Pendekatan, SkpStatus
from skp.errors import SkpError
from skp.models import Skp
from skp.selectors.skp import skp_atasan_untuk
from skp.services.skp import skp_ajukan, skp_buat, skp_setujui, skp_ubah
from skp.services.versi import skp_buat_perubahan

from .factories import SkpFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_it_defaults_to_the_whole_year(org, tahun, skp_kasi):
    skp = skp_buat(actor=org.staf, tahun=tahun)
    assert (skp.tanggal_mulai, skp.tanggal_selesai, skp.pendekatan) == (
        D(tahun, 1, 1),
        D(tahun, 12, 31),
        Pendekatan.KUANTITATIF,
    )


@pytest.mark.parametrize(
    ("mulai", "selesai", "field"),
    [
        ((-1, 12, 1), (0, 6, 30), "tanggal_mulai"),
        ((0, 1, 1), (1, 1, 31), "tanggal_selesai"),
        ((0, 8, 1), (0, 7, 1), "tanggal_selesai"),
    ],
)
def test_it_keeps_the_period_inside_the_year(org, tahun, skp_kasi, mulai, selesai, field):
    mulai = D(tahun + mulai[0], mulai[1], mulai[2])
    selesai = D(tahun + selesai[0], selesai[1], selesai[2])
    with pytest.raises(SkpError) as exc:
        skp_buat(actor=org.staf, tahun=tahun, tanggal_mulai=mulai, tanggal_selesai=selesai)
    assert field in exc.value.errors
    assert not Skp.objects.filter(pegawai=org.staf).exists()


def test_it_refuses_the_same_position_twice_in_a_year(org, tahun, skp_kasi):
    skp_buat(actor=org.staf, tahun=tahun, tanggal_selesai=D(tahun, 6, 30))
    with pytest.raises(SkpError, match=f"SKP tahun {tahun} untuk jabatan Pengelola Data sudah ada"):
        skp_buat(actor=org.staf, tahun=tahun, tanggal_mulai=D(tahun, 7, 1))


def test_the_database_refuses_the_same_position_twice_too(org, tahun):
    SkpFactory(pegawai=org.staf, tahun=tahun)
    with pytest.raises(IntegrityError), transaction.atomic():
        SkpFactory(pegawai=org.staf, tahun=tahun)
    # Another year, or a perubahan (version 2), is fine.
    SkpFactory(pegawai=org.staf, tahun=tahun - 1)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"versi": 2}, "skp_versi_berantai"),
        ({"tanggal_mulai": D(2020, 1, 1)}, "skp_periode_dalam_tahun"),
        ({"tanggal_selesai": D(2020, 1, 1), "tanggal_mulai": D(2020, 6, 1), "tahun": 2020}, "skp_periode_valid"),
        ({"digantikan_pada": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)}, "skp_hanya_yang_disetujui"),
    ],
)
def test_the_database_keeps_versions_and_periods_consistent(org, tahun, fields, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        SkpFactory(pegawai=org.staf, tahun=fields.pop("tahun", tahun), **fields)


@pytest.fixture
def pindah(org, tahun, skp_kasi, skp_plt):
    """Staf A worked as Pengelola Data until 30 June, then moved to Analis Dua (under the Plt kasi_tiga)."""
    pertama = skp_buat(actor=org.staf, tahun=tahun, tanggal_selesai=D(tahun, 6, 30))
    catat_mutasi(org.staf, org.staf_dua.jabatan, D(tahun, 7, 1))
    return pertama


def test_a_mid_year_transfer_gives_a_second_skp(org, tahun, pindah, skp_plt):
    kedua = skp_buat(actor=org.staf, tahun=tahun, tanggal_mulai=D(tahun, 7, 1))
    assert kedua.jabatan.nama == "Analis Dua"
    assert (kedua.tanggal_mulai, kedua.tanggal_selesai) == (D(tahun, 7, 1), D(tahun, 12, 31))
    assert pindah.jabatan.nama == "Pengelola Data"
    # The new position's atasan is the Plt, and the SKP intervened is the one of the position they act in.
    assert skp_atasan_untuk(kedua) == skp_plt


def test_a_second_skp_starts_no_earlier_than_the_new_tmt_jabatan(org, tahun, pindah):
    with pytest.raises(SkpError, match="SKP jabatan Analis Dua dimulai paling awal pada TMT jabatannya") as exc:
        skp_buat(actor=org.staf, tahun=tahun, tanggal_mulai=D(tahun, 6, 15))
    assert "tanggal_mulai" in exc.value.errors
    assert Skp.objects.filter(pegawai=org.staf).count() == 1


def test_the_period_of_a_draft_can_be_changed_within_the_same_rules(org, tahun, pindah):
    kedua = skp_buat(actor=org.staf, tahun=tahun, tanggal_mulai=D(tahun, 7, 1))
    with pytest.raises(SkpError, match="bertumpuk"):
        skp_ubah(actor=org.staf, skp=kedua, tanggal_mulai=D(tahun, 6, 1))
    skp_ubah(actor=org.staf, skp=kedua, tanggal_mulai=D(tahun, 7, 15), pendekatan=Pendekatan.KUALITATIF)
    kedua.refresh_from_db()
    assert (kedua.tanggal_mulai, kedua.pendekatan) == (D(tahun, 7, 15), Pendekatan.KUALITATIF)


def test_a_perubahan_may_shorten_the_period_of_its_own_skp(org, tahun, skp_staf):
    """The version being changed does not count as an overlap with its own perubahan."""
    skp_ajukan(actor=org.staf, skp=skp_staf)
    skp_setujui(actor=org.kasi, skp=skp_staf)
    baru = skp_buat_perubahan(actor=org.staf, skp=skp_staf, alasan="Penyesuaian target.")
    skp_ubah(actor=org.staf, skp=baru, tanggal_selesai=D(tahun, 6, 30))
    assert baru.tanggal_selesai == D(tahun, 6, 30)
    assert skp_staf.status == SkpStatus.DISETUJUI
