"""The recap tables: who sees which rows, the filters (an OPD or unit outside reach answers 404), the empty states,
and constant queries in the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pegawai.choices import JenisPeran
from pegawai.tests.factories import PegawaiFactory, PeranFactory, UnitKerjaFactory
from rekap.choices import TingkatRekap
from rekap.rules import persen
from rekap.selectors.rekap import rekap_pegawai_visible_to, rekap_unit_visible_to
from skp.choices import StatusRekap

from .factories import PeriodeRekapFactory, RekapPegawaiFactory, RekapUnitFactory

PEGAWAI = reverse("rekap:pegawai_list")
UNIT = reverse("rekap:unit_list")


@pytest.fixture
def rekap(org):
    periode = PeriodeRekapFactory(nomor=3)
    for p in (org.kepala, org.kabid, org.kasi, org.staf, org.staf_lain, org.kasi_tiga, org.staf_dua, org.staf_b):
        RekapPegawaiFactory(periode=periode, pegawai=p)
    unit_staf = org.staf.jabatan.unit_kerja
    baris = {
        "kota": RekapUnitFactory.kota(periode=periode),
        "opd_a": RekapUnitFactory.opd(org.opd_a, periode=periode),
        "opd_b": RekapUnitFactory.opd(org.opd_b, periode=periode),
        "seksi": RekapUnitFactory(periode=periode, unit_kerja=unit_staf),
        "unit_b": RekapUnitFactory(periode=periode, unit_kerja=org.staf_b.jabatan.unit_kerja),
    }
    return periode, baris


def _pegawai(qs):
    return {r.pegawai_id for r in qs}


def test_pegawai_rows_visible_to_each_role(org, rekap):
    semua_a = {
        org.kepala.pk,
        org.kabid.pk,
        org.kasi.pk,
        org.staf.pk,
        org.staf_lain.pk,
        org.kasi_tiga.pk,
        org.staf_dua.pk,
    }
    assert _pegawai(rekap_pegawai_visible_to(org.staf.user)) == {org.staf.pk}
    assert _pegawai(rekap_pegawai_visible_to(org.kasi.user)) == {org.kasi.pk, org.staf.pk, org.staf_lain.pk}
    # The kabid's bawahan two levels down, the Plt's acting bawahan.
    assert {org.staf.pk, org.kasi.pk} <= _pegawai(rekap_pegawai_visible_to(org.kabid.user))
    assert org.staf_dua.pk in _pegawai(rekap_pegawai_visible_to(org.kasi_tiga.user))
    assert _pegawai(rekap_pegawai_visible_to(org.admin_opd)) == semua_a
    assert _pegawai(rekap_pegawai_visible_to(org.admin_opd_lain)) == {org.staf_b.pk}
    assert len(_pegawai(rekap_pegawai_visible_to(org.admin_bkpsdm))) == 8
    assert len(_pegawai(rekap_pegawai_visible_to(org.pimpinan))) == 8


def test_pegawai_rows_of_a_kepala_opd_are_their_opd(org, rekap):
    PeranFactory(user=org.kepala_b.user, jenis=JenisPeran.PIMPINAN, perangkat_daerah=org.opd_b)
    assert org.staf_b.pk in _pegawai(rekap_pegawai_visible_to(org.kepala_b.user))
    assert org.staf.pk not in _pegawai(rekap_pegawai_visible_to(org.kepala_b.user))


def test_a_row_counts_in_the_opd_it_was_recorded_in(org, rekap):
    """A pegawai who moved into Dinas A after the period: their Dinas B month stays Dinas B's."""
    periode, _ = rekap
    pindahan = PegawaiFactory(jabatan=org.staf.jabatan)
    RekapPegawaiFactory(
        periode=periode, pegawai=pindahan, perangkat_daerah=org.opd_b, unit_kerja=org.staf_b.jabatan.unit_kerja
    )
    assert pindahan.pk not in _pegawai(rekap_pegawai_visible_to(org.admin_opd))
    assert pindahan.pk in _pegawai(rekap_pegawai_visible_to(org.admin_opd_lain))


def test_unit_rows_visible_to_each_role(org, rekap):
    _, b = rekap

    def kunci(user):
        return {r.pk for r in rekap_unit_visible_to(user)}

    assert kunci(org.staf.user) == {b["kota"].pk}
    assert kunci(org.kasi.user) == {b["kota"].pk, b["seksi"].pk}
    assert kunci(org.admin_opd) == {b["kota"].pk, b["opd_a"].pk, b["seksi"].pk}
    assert kunci(org.admin_opd_lain) == {b["kota"].pk, b["opd_b"].pk, b["unit_b"].pk}
    assert kunci(org.admin_bkpsdm) == {r.pk for r in b.values()}


def test_the_unit_table_lists_city_then_each_opd_and_its_units(client, org, rekap):
    _, b = rekap
    client.force_login(org.admin_bkpsdm)
    response = client.get(UNIT)
    assert response.status_code == 200
    assert [r.pk for r in response.context["page_obj"].object_list] == [
        b["kota"].pk,
        b["opd_a"].pk,
        b["seksi"].pk,
        b["opd_b"].pk,
        b["unit_b"].pk,
    ]
    kota = response.context["page_obj"].object_list[0]
    assert ("Partisipasi (%)", "90,0%") in [(str(j), t) for j, t, _rata in kota.sel]
    assert "Sebaran predikat" in response.content.decode()
    response = client.get(UNIT, {"tingkat": TingkatRekap.OPD})
    assert [r.pk for r in response.context["page_obj"].object_list] == [b["opd_a"].pk, b["opd_b"].pk]
    response = client.get(UNIT, {"opd": org.opd_b.pk})
    assert [r.pk for r in response.context["page_obj"].object_list] == [b["opd_b"].pk, b["unit_b"].pk]


def test_filters_of_the_pegawai_table(client, org, rekap):
    periode, _ = rekap
    RekapPegawaiFactory(periode=PeriodeRekapFactory(nomor=2), pegawai=org.staf)  # another month
    org.staf.rekap.filter(periode=periode).update(skp_status=StatusRekap.DRAFT)
    client.force_login(org.admin_opd)

    def pegawai(**params):
        response = client.get(PEGAWAI, params)
        assert response.status_code == 200
        return {r.pegawai_id for r in response.context["page_obj"].object_list}

    assert len(pegawai()) == 7  # the latest computed month by default
    assert pegawai(status=StatusRekap.DRAFT) == {org.staf.pk}
    assert pegawai(q="Staf A Lain") == {org.staf_lain.pk}
    assert pegawai(q=org.staf.nip[:10]) >= {org.staf.pk}
    assert pegawai(unit=org.staf.jabatan.unit_kerja.pk) == {org.kasi.pk, org.staf.pk, org.staf_lain.pk}
    assert pegawai(periode=PeriodeRekapFactory(nomor=2).pk) == {org.staf.pk}
    # Another OPD, a unit of another OPD, a period that does not exist: not revealed.
    assert client.get(PEGAWAI, {"opd": org.opd_b.pk}).status_code == 404
    assert client.get(PEGAWAI, {"unit": org.staf_b.jabatan.unit_kerja.pk}).status_code == 404
    assert client.get(PEGAWAI, {"periode": 999999}).status_code == 404
    # A typing slip is shown on the form, not a server error.
    response = client.get(PEGAWAI, {"status": "x" * 50, "q": "y" * 300})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_a_pegawai_sees_only_their_own_row_and_no_export(client, org, rekap):
    client.force_login(org.staf.user)
    response = client.get(PEGAWAI)
    assert [r.pegawai_id for r in response.context["page_obj"].object_list] == [org.staf.pk]
    assert "opd" not in response.content.decode().split('name="')[1:2]  # no OPD choice offered
    assert not response.context["boleh_ekspor"]
    assert b'data-testid="form-ekspor"' not in response.content


def test_empty_states(client, org):
    client.force_login(org.admin_bkpsdm)
    assert "Rekap belum pernah dihitung" in client.get(PEGAWAI).content.decode()
    periode = PeriodeRekapFactory(nomor=4)
    RekapPegawaiFactory(periode=PeriodeRekapFactory(nomor=5), pegawai=org.staf)
    response = client.get(PEGAWAI, {"periode": periode.pk})
    assert "Rekap periode ini belum dihitung" in response.content.decode()
    response = client.get(PEGAWAI, {"q": "tidak ada orang ini"})
    assert "Tidak ada baris yang cocok" in response.content.decode()


@pytest.mark.parametrize("url", [PEGAWAI, UNIT])
def test_queries_do_not_grow_with_rows(client, org, url):
    periode = PeriodeRekapFactory(nomor=6)

    def tambah(n):
        for _ in range(n):
            p = PegawaiFactory(jabatan=org.staf.jabatan)
            RekapPegawaiFactory(periode=periode, pegawai=p, predikat=2)
            RekapUnitFactory(periode=periode, unit_kerja=UnitKerjaFactory(perangkat_daerah=org.opd_a))

    client.force_login(org.admin_opd)
    tambah(5)
    with CaptureQueriesContext(connection) as sedikit:
        assert client.get(url).status_code == 200
    tambah(45)
    with CaptureQueriesContext(connection) as banyak:
        response = client.get(url)
    assert len(response.context["page_obj"].object_list) >= 50
    assert len(banyak) == len(sedikit)


def test_persen():
    assert persen(9, 10) == 90
    assert str(persen(1, 3)) == "33.3"
    assert persen(3, 0) is None
