"""Who approves (the pejabat penilai, a Plt/Plh acting in that position) and what the approved document keeps."""

import datetime

import pytest
from django.utils import timezone

from pegawai.choices import JenisJabatan, Jenjang
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory
from skp.choices import SkpStatus
from skp.errors import SkpTidakBerwenang
from skp.selectors.identitas import identitas_skp
from skp.services.skp import skp_ajukan, skp_kembalikan, skp_setujui

from .factories import skp_disetujui
from .helpers import rencanakan, setujui

pytestmark = pytest.mark.django_db


@pytest.fixture
def skp_staf_dua(org, tahun, skp_plt):
    skp = rencanakan(org.staf_dua, tahun, [skp_plt.rhk.first()])
    return skp_ajukan(actor=org.staf_dua, skp=skp)


def test_a_plt_approves_the_skp_of_the_position_they_act_in(org, skp_staf_dua):
    skp_setujui(actor=org.kasi_tiga, skp=skp_staf_dua)
    skp_staf_dua.refresh_from_db()
    assert skp_staf_dua.status == SkpStatus.DISETUJUI
    assert skp_staf_dua.pejabat_penilai == org.kasi_tiga
    assert skp_staf_dua.atasan_pejabat_penilai == org.kabid
    # The document names the acting position, not the Plt's own one.
    assert skp_staf_dua.identitas_penilai["jabatan"] == "Plt. Kepala Seksi Dua"
    assert skp_staf_dua.identitas_penilai["unit_kerja"] == "Seksi Dua"
    assert skp_staf_dua.identitas_atasan_penilai["jabatan"] == "Kepala Bidang Satu"


def test_a_plt_returns_with_a_catatan(org, skp_staf_dua):
    skp_kembalikan(actor=org.kasi_tiga, skp=skp_staf_dua, catatan="Tambahkan IKI kualitas.")
    assert skp_staf_dua.status == SkpStatus.DIKEMBALIKAN


def test_the_atasans_atasan_cannot_approve(org, skp_staf):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    with pytest.raises(SkpTidakBerwenang):
        skp_setujui(actor=org.kabid, skp=skp_staf)
    assert skp_staf.status == SkpStatus.DIAJUKAN


def test_a_plt_whose_assignment_ended_cannot_approve_and_the_rights_pass_up(org, skp_staf_dua):
    kemarin = timezone.localdate() - datetime.timedelta(days=1)
    org.plt.tanggal_selesai = max(kemarin, org.plt.tanggal_mulai)
    org.plt.save()
    if org.plt.tanggal_selesai >= timezone.localdate():
        pytest.skip("on 1 January the Plt cannot have ended within the year")
    with pytest.raises(SkpTidakBerwenang):
        skp_setujui(actor=org.kasi_tiga, skp=skp_staf_dua)
    skp_setujui(actor=org.kabid, skp=skp_staf_dua)
    assert skp_staf_dua.identitas_penilai["jabatan"] == "Kepala Bidang Satu"


def test_it_keeps_the_identity_blocks_as_they_were_at_approval(org, skp_staf):
    setujui(skp_staf, org.kasi)
    expected_penilai = {
        "pegawai_id": org.kasi.pk,
        "nama": "Kasi A",
        "nip": org.kasi.nip,
        "pangkat_golongan": "Penata Tingkat I (III/d)",
        "jabatan_id": org.kasi.jabatan_id,
        "jabatan": "Kepala Seksi Satu",
        "unit_kerja": "Seksi Satu",
        "perangkat_daerah": "Dinas A",
    }
    assert skp_staf.identitas_penilai == expected_penilai
    assert skp_staf.identitas_pegawai["jabatan"] == "Pengelola Data"
    assert skp_staf.identitas_pegawai["pangkat_golongan"] == "Penata Muda (III/a)"
    assert skp_staf.identitas_atasan_penilai["nama"] == "Kabid A"

    # The kasi is moved and promoted, the unit renamed: the approved SKP does not change.
    org.kasi.jabatan = JabatanFactory(unit_kerja=org.staf_b.jabatan.unit_kerja, nama="Sekretaris Dinas B")
    org.kasi.golongan = "IV/a"
    org.kasi.gelar_depan = "Dr."
    org.kasi.save()
    unit = org.staf.jabatan.unit_kerja
    unit.nama = "Seksi Data dan Informasi"
    unit.save()

    skp_staf.refresh_from_db()
    assert skp_staf.identitas_penilai == expected_penilai
    assert skp_staf.pejabat_penilai == org.kasi
    dokumen = identitas_skp(skp_staf)
    assert dokumen.tersimpan
    assert dokumen.penilai == expected_penilai
    assert dokumen.pegawai["unit_kerja"] == "Seksi Satu"


def test_a_draft_shows_todays_organisation(org, skp_staf):
    dokumen = identitas_skp(skp_staf)
    assert not dokumen.tersimpan
    assert (dokumen.penilai["nama"], dokumen.atasan_penilai["nama"]) == ("Kasi A", "Kabid A")
    org.kasi.golongan = "IV/a"
    org.kasi.save()
    assert identitas_skp(skp_staf).penilai["pangkat_golongan"] == "Pembina (IV/a)"


def test_the_atasan_penilai_of_a_plt_is_the_acting_positions_supervisor(org, tahun, skp_kabid):
    """A Plt from another bidang rates for Kepala Seksi Dua: the atasan pejabat penilai is the head of Bidang
    Satu (the acting position's parent), not the Plt's own head of bidang."""
    bidang_dua = UnitKerjaFactory(perangkat_daerah=org.opd_a, nama="Bidang Dua", parent=org.kepala.jabatan.unit_kerja)
    j_kabid_dua = JabatanFactory(
        unit_kerja=bidang_dua,
        nama="Kepala Bidang Dua",
        jenis=JenisJabatan.ADMINISTRATOR,
        jenjang=Jenjang.ADMINISTRATOR,
        parent=org.kepala.jabatan,
    )
    PegawaiFactory(jabatan=j_kabid_dua, nama="Kabid Dua")
    j_kasi_empat = JabatanFactory(
        unit_kerja=bidang_dua,
        nama="Kepala Seksi Empat",
        jenis=JenisJabatan.PENGAWAS,
        jenjang=Jenjang.PENGAWAS,
        parent=j_kabid_dua,
    )
    plt = PegawaiFactory(jabatan=j_kasi_empat, nama="Kasi Empat")
    org.plt.pegawai = plt
    org.plt.save()
    skp_plt = skp_disetujui(plt, tahun=tahun, rhk=["Hasil seksi"], jabatan=org.plt.jabatan)
    skp = rencanakan(org.staf_dua, tahun, [skp_plt.rhk.get()])
    setujui(skp, plt)
    assert (skp.pejabat_penilai, skp.atasan_pejabat_penilai) == (plt, org.kabid)
    assert skp.identitas_penilai["jabatan"] == "Plt. Kepala Seksi Dua"
    assert skp.identitas_atasan_penilai["jabatan"] == "Kepala Bidang Satu"
