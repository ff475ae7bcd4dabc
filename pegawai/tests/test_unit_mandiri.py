"""Unit kerja mandiri (docs/ATURAN.md): who heads a unit as a table, and the flag itself — set by admin BKPSDM only
(service, unit page, Django admin), audited, shown on the unit's page and in the OPD tree."""

import pytest
from django.urls import reverse
from pghistory.models import Events

from pegawai.choices import JenisJabatan, Jenjang
from pegawai.errors import PegawaiTidakBerwenang
from pegawai.models import Jabatan, UnitKerja
from pegawai.services.organisasi import unit_kerja_atur_mandiri, unit_kerja_simpan
from pegawai.unit_mandiri import (
    JENIS_STRUKTURAL,
    jabatan_pimpinan_unit_mandiri,
    kepala_unit,
    kepala_unit_kerja,
    pimpinan_unit_mandiri,
)

from .admin_helpers import staff
from .factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory

JPT, ADM, PGW, PLK, JF = (
    JenisJabatan.JPT,
    JenisJabatan.ADMINISTRATOR,
    JenisJabatan.PENGAWAS,
    JenisJabatan.PELAKSANA,
    JenisJabatan.FUNGSIONAL,
)
UNIT, LAIN = 10, 20  # the unit asked about, and another unit (where the atasan position may sit)


# --- the rule as a table ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kasus", "jenis", "mandiri", "unit_atasan", "kepala", "pimpinan_mandiri"),
    [
        # A UPT under a dinas: its kepala reports to the kepala dinas (or a kabid) in another unit.
        ("kepala UPT pengawas", PGW, True, LAIN, True, True),
        ("kepala UPT administrator", ADM, True, LAIN, True, True),
        ("kepala UPT, unit tanpa tanda mandiri", PGW, False, LAIN, True, False),
        ("kasubbag TU di dalam UPT", PGW, True, UNIT, False, False),
        ("staf pelaksana UPT", PLK, True, UNIT, False, False),
        # A school or puskesmas led by a JF with an additional task: no structural head.
        ("kepala sekolah (JF)", JF, True, LAIN, False, False),
        # A kecamatan as its own OPD: the camat reports to the sekda/asisten in the Setda, or to nobody here.
        ("camat di bawah sekda", ADM, True, LAIN, True, True),
        ("camat tanpa jabatan atasan", ADM, True, None, True, True),
        ("sekretaris kecamatan", ADM, True, UNIT, False, False),
        # A head of OPD is a JPT and a head anyway; the flag is what makes a non-JPT head use the JPT form.
        ("kepala dinas", JPT, False, None, True, False),
        ("pelaksana tanpa atasan", PLK, True, None, False, False),
    ],
)
def test_the_head_of_a_unit_and_the_pimpinan_unit_kerja_mandiri(
    kasus, jenis, mandiri, unit_atasan, kepala, pimpinan_mandiri
):
    assert kepala_unit(jenis=jenis, unit_id=UNIT, unit_atasan_id=unit_atasan) is kepala, kasus
    hasil = pimpinan_unit_mandiri(jenis=jenis, unit_id=UNIT, unit_mandiri=mandiri, unit_atasan_id=unit_atasan)
    assert hasil is pimpinan_mandiri, kasus


def test_the_structural_jenis_are_the_models():
    assert JENIS_STRUKTURAL == {j for j in JenisJabatan if Jabatan(jenis=j).is_struktural}


# --- the rule on stored positions ------------------------------------------------------------------------------


@pytest.fixture
def upt(org):
    """A UPT of Dinas A flagged mandiri: its kepala (pengawas) reports to the kepala dinas, its staff to them."""
    induk = org.kepala.jabatan.unit_kerja
    unit = UnitKerjaFactory(perangkat_daerah=org.opd_a, parent=induk, nama="UPT Uji", mandiri=True)
    kepala = JabatanFactory(
        unit_kerja=unit,
        nama="Kepala UPT Uji",
        jenis=PGW,
        jenjang=Jenjang.PENGAWAS,
        kelas_jabatan=9,
        parent=org.kepala.jabatan,
    )
    JabatanFactory(unit_kerja=unit, nama="Pengadministrasi UPT", parent=kepala)
    PegawaiFactory(jabatan=kepala, nama="Kepala UPT")
    return unit


@pytest.mark.django_db
def test_it_finds_the_head_of_a_stored_unit(org, upt, django_assert_num_queries):
    kepala = Jabatan.objects.get(unit_kerja=upt, nama="Kepala UPT Uji")
    staf = Jabatan.objects.get(unit_kerja=upt, nama="Pengadministrasi UPT")
    assert jabatan_pimpinan_unit_mandiri(Jabatan.objects.select_related("unit_kerja").get(pk=kepala.pk))
    with django_assert_num_queries(0):
        assert not jabatan_pimpinan_unit_mandiri(staf)  # not structural: nothing to read
    [kepala_dibaca] = kepala_unit_kerja(upt)
    assert kepala_dibaca == kepala and [p.nama for p in kepala_dibaca.pemegang_aktif] == ["Kepala UPT"]
    # The same position in a unit without the flag is no pimpinan unit kerja mandiri.
    UnitKerja.objects.filter(pk=upt.pk).update(mandiri=False)
    assert not jabatan_pimpinan_unit_mandiri(Jabatan.objects.select_related("unit_kerja").get(pk=kepala.pk))
    # Neither are the kasi of Dinas A: their unit carries no flag.
    assert not jabatan_pimpinan_unit_mandiri(org.kasi.jabatan)


# --- setting the flag ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_bkpsdm_sets_the_flag_and_the_change_is_audited(org):
    unit = org.kasi.jabatan.unit_kerja
    unit_kerja_atur_mandiri(actor=org.admin_bkpsdm, unit_kerja=unit, mandiri=True)
    assert UnitKerja.objects.get(pk=unit.pk).mandiri
    [event] = Events.objects.tracks(unit).filter(pgh_label="update")
    assert event.pgh_diff["mandiri"] == [False, True]
    assert event.pgh_context["user"] == org.admin_bkpsdm.pk
    # Setting the value it already has writes nothing.
    unit_kerja_atur_mandiri(actor=org.admin_bkpsdm, unit_kerja=unit, mandiri=True)
    assert Events.objects.tracks(unit).filter(pgh_label="update").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["admin_opd", "admin_opd_lain", "pimpinan"])
def test_nobody_but_admin_bkpsdm_sets_the_flag(org, persona):
    unit = org.kasi.jabatan.unit_kerja
    with pytest.raises(PegawaiTidakBerwenang) as exc:
        unit_kerja_atur_mandiri(actor=getattr(org, persona), unit_kerja=unit, mandiri=True)
    assert exc.value.errors == {"mandiri": "Status unit kerja mandiri hanya dapat diubah oleh admin BKPSDM."}
    assert not UnitKerja.objects.get(pk=unit.pk).mandiri


@pytest.mark.django_db
def test_an_admin_opd_saves_their_unit_but_not_its_flag(org, upt):
    unit = UnitKerja.objects.get(pk=upt.pk)
    unit.nama = "UPT Uji Baru"
    unit_kerja_simpan(actor=org.admin_opd, unit_kerja=unit)  # the flag unchanged: allowed
    unit.mandiri = False
    with pytest.raises(PegawaiTidakBerwenang) as exc:
        unit_kerja_simpan(actor=org.admin_opd, unit_kerja=unit)
    assert "mandiri" in exc.value.errors
    baru = UnitKerja(perangkat_daerah=org.opd_a, nama="UPT Baru", mandiri=True)
    with pytest.raises(PegawaiTidakBerwenang):
        unit_kerja_simpan(actor=org.admin_opd, unit_kerja=baru)
    assert UnitKerja.objects.get(pk=upt.pk).mandiri and not UnitKerja.objects.filter(nama="UPT Baru").exists()
    unit_kerja_simpan(actor=org.admin_bkpsdm, unit_kerja=unit)
    assert not UnitKerja.objects.get(pk=upt.pk).mandiri


@pytest.mark.django_db
def test_the_django_admin_shows_the_flag_read_only_to_an_admin_opd(client, org, upt):
    url = reverse("admin:pegawai_unitkerja_change", args=[upt.pk])
    client.force_login(staff(org.admin_opd, "unitkerja"))
    assert 'name="mandiri"' not in client.get(url).content.decode()
    client.force_login(staff(org.admin_bkpsdm, "unitkerja"))
    assert 'name="mandiri"' in client.get(url).content.decode()


# --- the pages -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_unit_page_shows_the_badge_the_head_and_the_form_for_admin_bkpsdm_only(client, org, upt):
    url = reverse("unit_kerja_detail", args=[upt.pk])
    client.force_login(org.admin_bkpsdm)
    page = client.get(url).content.decode()
    assert 'data-testid="badge-mandiri"' in page and "Kepala UPT Uji" in page
    assert f'action="{reverse("unit_kerja_mandiri", args=[upt.pk])}"' in page
    client.force_login(org.admin_opd)
    page = client.get(url).content.decode()
    assert 'data-testid="badge-mandiri"' in page and "Status ini diatur oleh admin BKPSDM." in page
    assert 'name="mandiri"' not in page
    # The OPD tree marks the unit too.
    tree = client.get(reverse("organisasi_detail", args=[org.opd_a.pk])).content.decode()
    assert "Unit kerja mandiri" in tree and url in tree


@pytest.mark.django_db
def test_admin_bkpsdm_marks_and_unmarks_a_unit_on_its_page(client, org):
    unit = org.kasi.jabatan.unit_kerja
    url = reverse("unit_kerja_mandiri", args=[unit.pk])
    client.force_login(org.admin_bkpsdm)
    response = client.post(url, {"mandiri": "on"})
    assert response.status_code == 302 and response.url == reverse("unit_kerja_detail", args=[unit.pk])
    assert UnitKerja.objects.get(pk=unit.pk).mandiri
    client.post(url, {})  # an unticked checkbox sends nothing
    assert not UnitKerja.objects.get(pk=unit.pk).mandiri


@pytest.mark.django_db
def test_an_admin_opd_cannot_post_the_flag(client, org):
    unit = org.kasi.jabatan.unit_kerja
    client.force_login(org.admin_opd)
    assert client.post(reverse("unit_kerja_mandiri", args=[unit.pk]), {"mandiri": "on"}).status_code == 404
    assert not UnitKerja.objects.get(pk=unit.pk).mandiri
