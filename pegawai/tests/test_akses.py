"""The access module: "admin of which OPD" decided once, and the one NIP-or-name search."""

import pytest
from django.contrib.auth.models import AnonymousUser

from pegawai.akses import jabatan_managed_by, mengelola_opd, opd_dikelola, pegawai_managed_by, penugasan_managed_by
from pegawai.models import Pegawai, Penugasan
from pegawai.selectors.pegawai import pegawai_cari

pytestmark = pytest.mark.django_db


def test_it_decides_which_opds_a_login_administers_in_one_place(org):
    assert opd_dikelola(org.admin_bkpsdm) is None
    assert opd_dikelola(org.admin_opd) == {org.opd_a.pk}
    assert opd_dikelola(org.admin_opd_lain) == {org.opd_b.pk}
    for nobody in (org.pimpinan, org.kepala.user, AnonymousUser()):
        assert opd_dikelola(nobody) == set()
    assert mengelola_opd(org.admin_bkpsdm, org.opd_b.pk) and mengelola_opd(org.admin_opd, org.opd_a.pk)
    assert not mengelola_opd(org.admin_opd, org.opd_b.pk) and not mengelola_opd(org.pimpinan, org.opd_a.pk)


def test_every_managed_by_follows_the_same_scope(org):
    opd_a = org.opd_a.pk
    assert set(pegawai_managed_by(org.admin_opd)) == set(
        Pegawai.objects.filter(jabatan__unit_kerja__perangkat_daerah_id=opd_a)
    )
    assert {j.unit_kerja.perangkat_daerah_id for j in jabatan_managed_by(org.admin_opd)} == {opd_a}
    assert list(penugasan_managed_by(org.admin_opd)) == [org.plt]
    assert list(penugasan_managed_by(org.admin_opd_lain)) == []
    assert pegawai_managed_by(org.admin_bkpsdm).count() == Pegawai.objects.count()
    assert penugasan_managed_by(org.admin_bkpsdm).count() == Penugasan.objects.count()
    for nobody in (org.pimpinan, org.kasi.user):
        assert not pegawai_managed_by(nobody).exists() and not penugasan_managed_by(nobody).exists()


@pytest.mark.parametrize(
    "q,expected",
    [
        ("", "all"),
        ("   ", "all"),
        ("kasi", {"kasi", "kasi_tiga"}),  # names, case-insensitive
        ("KASI", {"kasi", "kasi_tiga"}),
    ],
)
def test_it_searches_names(org, q, expected):
    everyone = Pegawai.objects.all()
    found = pegawai_cari(everyone, q)
    if expected == "all":
        assert found.count() == everyone.count()
    else:
        assert set(found) == {getattr(org, attr) for attr in expected}


def test_it_searches_a_nip_by_its_leading_digits_with_or_without_the_printed_spaces(org):
    everyone = Pegawai.objects.all()
    assert list(pegawai_cari(everyone, org.staf_b.nip)) == [org.staf_b]
    assert list(pegawai_cari(everyone, org.staf_b.nip_tercetak)) == [org.staf_b]
    # A prefix finds every NIP starting with it; digits from the middle of a NIP find nothing.
    assert org.staf_b in pegawai_cari(everyone, org.staf_b.nip[:8])
    assert not pegawai_cari(everyone, org.staf_b.nip[8:]).filter(pk=org.staf_b.pk).exists()


def test_it_searches_through_a_relation_and_an_extra_condition(org):
    from django.db.models import Q

    plt = Penugasan.objects.all()
    assert list(pegawai_cari(plt, org.kasi_tiga.nip, prefix="pegawai__")) == [org.plt]
    assert list(pegawai_cari(plt, "Seksi Dua", prefix="pegawai__", atau=Q(jabatan__nama__icontains="Seksi Dua"))) == [
        org.plt
    ]
    assert list(pegawai_cari(plt, "tidak ada", prefix="pegawai__")) == []
