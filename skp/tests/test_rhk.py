"""Which RHK count (skp.selectors.rhk): the RHK that apply on a date, and the successor of an RHK across perubahan
SKP — the one rule kinerja asks and the perubahan SKP re-linking uses."""

import datetime

import pytest

from skp.choices import SkpStatus
from skp.models import RencanaHasilKerja
from skp.selectors.rhk import rhk_berlaku, rhk_penerus, rhk_penerus_di
from skp.services.isi import rhk_hapus
from skp.services.skp import skp_ajukan, skp_setujui
from skp.services.versi import skp_buat_perubahan, skp_salin_tahun_lalu

from .factories import skp_disetujui

pytestmark = pytest.mark.django_db


def _perubahan_disetujui(org, skp, *, hapus_urutan=None):
    """A perubahan of the kasi's ``skp``, optionally without its RHK number ``hapus_urutan``, approved by kabid."""
    baru = skp_buat_perubahan(actor=org.kasi, skp=skp, alasan="Penyesuaian target.")
    if hapus_urutan is not None:
        rhk_hapus(actor=org.kasi, rhk=baru.rhk.get(urutan=hapus_urutan))
    skp_ajukan(actor=org.kasi, skp=baru)
    return skp_setujui(actor=org.kabid, skp=baru)


def _rhk(skp):
    return list(skp.rhk.order_by("jenis", "urutan"))


def test_it_offers_the_approved_current_version_covering_the_date(org, tahun, skp_kasi):
    tengah = datetime.date(tahun, 6, 15)
    assert list(rhk_berlaku(org.kasi, tengah)) == _rhk(skp_kasi)

    draf = skp_buat_perubahan(actor=org.kasi, skp=skp_kasi, alasan="Penyesuaian target.")
    # A perubahan in draft changes nothing until it is approved.
    assert list(rhk_berlaku(org.kasi, tengah)) == _rhk(skp_kasi)

    skp_ajukan(actor=org.kasi, skp=draf)
    skp_setujui(actor=org.kabid, skp=draf)
    assert list(rhk_berlaku(org.kasi, tengah)) == _rhk(draf)
    assert not rhk_berlaku(org.kasi, datetime.date(tahun + 1, 1, 1)).exists()
    assert not rhk_berlaku(org.staf, tengah).exists()


def test_it_follows_an_rhk_through_every_approved_version(org, skp_kasi):
    v1 = _rhk(skp_kasi)
    v2 = _perubahan_disetujui(org, skp_kasi)
    v3 = _perubahan_disetujui(org, v2, hapus_urutan=2)
    semua = RencanaHasilKerja.objects.filter(skp__pegawai=org.kasi).select_related("skp")

    penerus = rhk_penerus(semua)

    pertama_v3 = v3.rhk.get(urutan=1)
    kedua_v2 = v2.rhk.get(urutan=2)
    assert penerus[v1[0].pk] == pertama_v3
    assert penerus[v2.rhk.get(urutan=1).pk] == pertama_v3
    # Dropped by the third version: its newest counterpart is the second version's.
    assert penerus[v1[1].pk] == kedua_v2
    assert kedua_v2.pk not in penerus
    assert pertama_v3.pk not in penerus

    assert rhk_penerus_di(v1[0].pk, v3) == pertama_v3.pk
    assert rhk_penerus_di(v1[0].pk, v2) == v2.rhk.get(urutan=1).pk
    assert rhk_penerus_di(v1[1].pk, v3) is None
    assert rhk_penerus_di(pertama_v3.pk, v3) is None


def test_a_copy_into_next_year_is_not_a_successor(org, tahun, skp_kasi):
    skp_disetujui(org.kabid, tahun=tahun + 1, rhk=[r.intervensi.teks for r in _rhk(skp_kasi)])
    salinan = skp_salin_tahun_lalu(actor=org.kasi, tahun=tahun + 1, sumber=skp_kasi)
    assert salinan.status == SkpStatus.DRAFT
    semua = RencanaHasilKerja.objects.filter(skp__pegawai=org.kasi).select_related("skp")

    assert rhk_penerus(semua) == {}
    assert rhk_penerus_di(_rhk(skp_kasi)[0].pk, salinan) is None
