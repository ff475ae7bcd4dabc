"""The capaian kinerja organisasi, set one level up: services/capaian.py, the selector of who sets which, and the
page penilaian:capaian."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pghistory.models import Events

from pegawai.tests.factories import UnitKerjaFactory
from penilaian.choices import CapaianOrganisasi
from penilaian.errors import PenilaianError, PenilaianTidakBerwenang
from penilaian.models import CapaianKinerjaOrganisasi
from penilaian.selectors.capaian import capaian_pimpinan, unit_capaian_dikelola
from penilaian.services.capaian import capaian_tetapkan
from penilaian.services.periode import periode_tutup

pytestmark = pytest.mark.django_db


def _unit(org):
    """Dinas A's units by role: top (headed by kepala), bidang (kabid), seksi1 (kasi), seksi2 (Plt kasi_tiga)."""
    seksi1 = org.kasi.jabatan.unit_kerja
    bidang = seksi1.parent
    return {"top": bidang.parent, "bidang": bidang, "seksi1": seksi1, "seksi2": org.staf_dua.jabatan.unit_kerja}


def _tetapkan(actor, periode, capaian=CapaianOrganisasi.BAIK, **target):
    return capaian_tetapkan(actor=actor, periode=periode, capaian=capaian, **target)


# --- services ------------------------------------------------------------------------------------------------


def test_the_head_of_the_unit_above_sets_it(org, periode):
    u = _unit(org)
    obj = _tetapkan(org.kabid.user, periode, CapaianOrganisasi.ISTIMEWA, unit_kerja=u["seksi1"], catatan="Target")
    assert (obj.unit_kerja, obj.capaian, obj.catatan, obj.ditetapkan_oleh) == (
        u["seksi1"],
        CapaianOrganisasi.ISTIMEWA,
        "Target",
        org.kabid.user,
    )
    _tetapkan(org.kepala.user, periode, unit_kerja=u["bidang"])
    # It becomes the unit head's rating hasil kerja source.
    unit, berlaku = capaian_pimpinan(periode, org.kasi.jabatan)
    assert (unit, berlaku.capaian) == (u["seksi1"], CapaianOrganisasi.ISTIMEWA)


def test_the_wrong_person_is_refused(org, periode):
    u = _unit(org)
    refused = [
        (org.kasi.user, u["seksi1"]),  # their own unit
        (org.kasi.user, u["bidang"]),  # the unit above
        (org.staf.user, u["seksi1"]),
        (org.kepala.user, u["seksi1"]),  # two levels down: the kabid's
        (org.kepala_b.user, u["bidang"]),  # another OPD's head
        (org.kasi_tiga.user, u["seksi1"]),
    ]
    for actor, unit in refused:
        with pytest.raises(PenilaianTidakBerwenang):
            _tetapkan(actor, periode, unit_kerja=unit)
    with pytest.raises(PenilaianTidakBerwenang):
        _tetapkan(org.kepala.user, periode, perangkat_daerah=org.opd_a)
    assert not CapaianKinerjaOrganisasi.objects.exists()


def test_a_plt_sets_the_units_below_the_acting_position(org, periode):
    sub = UnitKerjaFactory(perangkat_daerah=org.opd_a, nama="Subseksi Dua", parent=_unit(org)["seksi2"])
    assert _tetapkan(org.kasi_tiga.user, periode, unit_kerja=sub).unit_kerja == sub
    assert set(unit_capaian_dikelola(org.kasi_tiga.user, periode)) == {sub}


def test_admin_opd_sets_the_units_of_their_own_opd_below_the_top(org, periode):
    u = _unit(org)
    _tetapkan(org.admin_opd, periode, unit_kerja=u["bidang"])
    _tetapkan(org.admin_opd, periode, unit_kerja=u["seksi1"])
    for target in (
        {"unit_kerja": u["top"]},
        {"unit_kerja": org.staf_b.jabatan.unit_kerja},
        {"perangkat_daerah": org.opd_a},
    ):
        with pytest.raises(PenilaianTidakBerwenang):
            _tetapkan(org.admin_opd, periode, **target)
    with pytest.raises(PenilaianTidakBerwenang):
        _tetapkan(org.admin_opd_lain, periode, unit_kerja=u["seksi1"])
    assert set(unit_capaian_dikelola(org.admin_opd, periode)) == {u["bidang"], u["seksi1"], u["seksi2"]} | set(
        u["bidang"].children.exclude(pk__in=[u["seksi1"].pk, u["seksi2"].pk])
    )


def test_admin_bkpsdm_sets_an_opd_and_any_unit_and_it_is_one_row_per_period_and_scope(org, periode):
    u = _unit(org)
    _tetapkan(org.admin_bkpsdm, periode, CapaianOrganisasi.BAIK, perangkat_daerah=org.opd_a)
    obj = _tetapkan(org.admin_bkpsdm, periode, CapaianOrganisasi.KURANG, perangkat_daerah=org.opd_a, catatan="x")
    assert CapaianKinerjaOrganisasi.objects.filter(perangkat_daerah=org.opd_a).count() == 1
    assert (obj.capaian, obj.catatan) == (CapaianOrganisasi.KURANG, "x")
    _tetapkan(org.admin_bkpsdm, periode, unit_kerja=u["top"])
    _tetapkan(org.kabid.user, periode, unit_kerja=u["seksi1"])
    _tetapkan(org.admin_bkpsdm, periode, CapaianOrganisasi.SANGAT_KURANG, unit_kerja=u["seksi1"])
    assert CapaianKinerjaOrganisasi.objects.get(unit_kerja=u["seksi1"]).capaian == CapaianOrganisasi.SANGAT_KURANG
    assert CapaianKinerjaOrganisasi.objects.count() == 3


def test_it_is_audited_with_the_actor(org, periode):
    obj = _tetapkan(org.kabid.user, periode, unit_kerja=_unit(org)["seksi1"])
    _tetapkan(org.admin_opd, periode, CapaianOrganisasi.ISTIMEWA, unit_kerja=_unit(org)["seksi1"])
    events = Events.objects.tracks(obj).order_by("pgh_created_at", "pgh_id")
    assert [e.pgh_label for e in events] == ["insert", "update"]
    assert [e.pgh_context["user"] for e in events] == [org.kabid.user_id, org.admin_opd.pk]


def test_a_closed_period_and_a_bad_value_are_refused(org, periode):
    u = _unit(org)
    with pytest.raises(PenilaianError) as exc:
        _tetapkan(org.kabid.user, periode, 9, unit_kerja=u["seksi1"])
    assert "capaian" in exc.value.errors
    periode_tutup(actor=org.admin_bkpsdm, periode=periode)
    with pytest.raises(PenilaianError, match="sudah ditutup"):
        _tetapkan(org.admin_bkpsdm, periode, perangkat_daerah=org.opd_a)
    assert not CapaianKinerjaOrganisasi.objects.exists()


# --- the page ------------------------------------------------------------------------------------------------


def test_the_page_answers_who_has_something_to_set(client, org, periode):
    url = reverse("penilaian:capaian")
    for user in (org.staf.user, org.kasi.user):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    # Dinas B's admin has the page in their menu: it says there is nothing to set instead of answering 404.
    client.force_login(org.admin_opd_lain)
    response = client.get(url)
    assert (response.status_code, response.context["rows"]) == (200, [])
    client.force_login(org.kabid.user)
    response = client.get(url)
    assert response.status_code == 200
    assert {r.kunci for r in response.context["rows"]} == {f"unit-{u.pk}" for u in _unit(org)["bidang"].children.all()}
    client.force_login(org.admin_bkpsdm)
    response = client.get(url)
    assert {r.kunci for r in response.context["rows"]} == {f"opd-{org.opd_a.pk}", f"opd-{org.opd_b.pk}"}
    response = client.get(url, {"periode": periode.pk, "opd": org.opd_a.pk})
    kunci = [r.kunci for r in response.context["rows"]]
    assert kunci[0] == f"opd-{org.opd_a.pk}"
    assert f"unit-{_unit(org)['top'].pk}" in kunci


def test_the_page_sets_a_capaian_and_shows_a_refusal(client, org, periode):
    u = _unit(org)
    url = reverse("penilaian:capaian")
    client.force_login(org.admin_opd)
    data = {"target": f"unit-{u['seksi1'].pk}", "capaian": CapaianOrganisasi.BAIK, "catatan": "Sesuai target"}
    response = client.post(f"{url}?periode={periode.pk}", data)
    assert response.status_code == 302
    assert CapaianKinerjaOrganisasi.objects.get(unit_kerja=u["seksi1"]).capaian == CapaianOrganisasi.BAIK
    # Outside their reach: not found, whatever the POST says.
    assert client.post(url, {**data, "target": f"unit-{u['top'].pk}"}).status_code == 404
    assert client.post(url, {**data, "target": f"opd-{org.opd_a.pk}"}).status_code == 404
    response = client.post(url, {**data, "capaian": ""})
    assert response.status_code == 422
    periode_tutup(actor=org.admin_bkpsdm, periode=periode)
    response = client.post(url, data)
    assert response.status_code == 422
    assert "sudah ditutup" in response.content.decode()


def test_the_list_costs_the_same_queries_for_few_and_many_units(client, org, periode):
    client.force_login(org.admin_bkpsdm)
    url = reverse("penilaian:capaian")
    params = {"periode": periode.pk, "opd": org.opd_a.pk}
    bidang = _unit(org)["bidang"]
    client.get(url, params)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(url, params)
    for i in range(20):
        unit = UnitKerjaFactory(perangkat_daerah=org.opd_a, nama=f"Seksi Tambahan {i}", parent=bidang)
        if i % 2:
            capaian_tetapkan(actor=org.admin_bkpsdm, periode=periode, capaian=2, unit_kerja=unit)
    with CaptureQueriesContext(connection) as banyak:
        response = client.get(url, params)
    assert len(response.context["rows"]) == 26
    assert len(banyak) == len(sedikit)
