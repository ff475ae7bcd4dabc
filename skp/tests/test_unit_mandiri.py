"""The pimpinan unit kerja mandiri (a camat, a kepala UPT, a director of a regional hospital) gets the SKP JPT form
(PermenPANRB 6/2022, Lampiran; docs/ATURAN.md): perspektif, RHK from the unit's plans, no forced intervention, the
JPT title on the document — and is still rated by their atasan langsung, never by the kepala daerah."""

import pytest
from django.urls import reverse

from pegawai.choices import JenisJabatan, Jenjang
from pegawai.models import UnitKerja
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory
from skp import rules
from skp.choices import FormatSkp, JenisRhk, Perspektif, SkpStatus
from skp.errors import SkpError
from skp.pdf import SkpPdf
from skp.selectors.antrian import skp_antrian_atasan, skp_antrian_kepala_daerah
from skp.selectors.identitas import dinilai_kepala_daerah
from skp.services.isi import iki_tambah, rhk_tambah
from skp.services.skp import skp_ajukan, skp_buat, skp_setujui

from .helpers import isi_rhk
from .test_pdf import teks_pdf

pytestmark = pytest.mark.django_db

JUDUL_JPT = "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI"


@pytest.mark.parametrize("jenis", list(JenisJabatan))
@pytest.mark.parametrize("mandiri", [False, True])
def test_the_format_follows_the_jenis_and_the_head_of_a_mandiri_unit(jenis, mandiri):
    expected = FormatSkp.JPT if jenis == JenisJabatan.JPT or mandiri else FormatSkp.JA_JF
    assert rules.format_skp(jenis, pimpinan_unit_mandiri=mandiri) == expected


def _kepala_upt(org, jenis: str, *, mandiri: bool, atasan=True):
    """The kepala of a UPT of Dinas A (reporting to the kepala dinas unless ``atasan`` is False), as a pegawai."""
    unit = UnitKerjaFactory(
        perangkat_daerah=org.opd_a, parent=org.kepala.jabatan.unit_kerja, nama="UPT Puskesmas Uji", mandiri=mandiri
    )
    jabatan = JabatanFactory(
        unit_kerja=unit,
        nama="Kepala UPT Puskesmas Uji",
        jenis=jenis,
        jenjang=Jenjang.ADMINISTRATOR if jenis == JenisJabatan.ADMINISTRATOR else Jenjang.PENGAWAS,
        kelas_jabatan=9,
        parent=org.kepala.jabatan if atasan else None,
    )
    return PegawaiFactory(jabatan=jabatan, nama="Kepala Puskesmas", golongan="III/d")


@pytest.mark.parametrize("jenis", [JenisJabatan.PENGAWAS, JenisJabatan.ADMINISTRATOR])
def test_the_kepala_of_a_mandiri_upt_plans_on_the_jpt_form_and_their_atasan_rates_it(org, tahun, jenis):
    kepala_upt = _kepala_upt(org, jenis, mandiri=True)
    # No waiting for the kepala dinas's SKP: the RHK come from the unit's Perjanjian Kinerja, not from a person.
    skp = skp_buat(actor=kepala_upt, tahun=tahun)
    assert skp.format == FormatSkp.JPT
    with pytest.raises(SkpError) as exc:
        rhk_tambah(actor=kepala_upt, skp=skp, jenis=JenisRhk.UTAMA, teks="Meningkatnya cakupan imunisasi", acuan="PK")
    assert "perspektif" in exc.value.errors
    rhk = rhk_tambah(
        actor=kepala_upt,
        skp=skp,
        jenis=JenisRhk.UTAMA,
        teks="Meningkatnya cakupan imunisasi dasar lengkap",
        perspektif=Perspektif.PENERIMA_LAYANAN,
        acuan="Perjanjian Kinerja UPT Puskesmas Uji: sasaran 1",
    )
    # The JPT form has no aspek column.
    iki_tambah(actor=kepala_upt, rhk=rhk, teks="Cakupan imunisasi dasar lengkap", target_min=95, satuan="%")
    isi_rhk(skp, "Meningkatnya mutu layanan puskesmas")  # no intervention: none is forced
    skp_ajukan(actor=kepala_upt, skp=skp)
    # Only the form changes: the atasan langsung (the kepala dinas) rates, not the kepala daerah.
    assert not dinilai_kepala_daerah(skp)
    assert [r.skp for r in skp_antrian_atasan(org.kepala, tahun) if r.pegawai == kepala_upt] == [skp]
    assert kepala_upt not in [r.pegawai for r in skp_antrian_kepala_daerah(tahun)]
    skp = skp_setujui(actor=org.kepala, skp=skp)
    assert skp.status == SkpStatus.DISETUJUI and skp.identitas_penilai["nama"] == org.kepala.nama_lengkap


@pytest.mark.parametrize("jenis", [JenisJabatan.PENGAWAS, JenisJabatan.ADMINISTRATOR])
def test_the_same_position_in_a_unit_without_the_flag_gets_the_ja_jf_form(org, tahun, jenis, skp_kepala):
    kepala_upt = _kepala_upt(org, jenis, mandiri=False)
    skp = skp_buat(actor=kepala_upt, tahun=tahun)
    assert skp.format == FormatSkp.JA_JF
    with pytest.raises(SkpError) as exc:
        isi_rhk(skp, "Meningkatnya mutu layanan puskesmas")  # without the atasan RHK it intervenes
    assert "intervensi" in exc.value.errors


def test_a_mandiri_head_without_a_parent_position_is_not_rated_by_the_kepala_daerah(org, tahun):
    kepala_upt = _kepala_upt(org, JenisJabatan.PENGAWAS, mandiri=True, atasan=False)
    skp = skp_buat(actor=kepala_upt, tahun=tahun)
    assert skp.format == FormatSkp.JPT
    isi_rhk(skp, "Meningkatnya mutu layanan puskesmas")
    skp_ajukan(actor=kepala_upt, skp=skp)
    assert not dinilai_kepala_daerah(skp)
    assert kepala_upt not in [r.pegawai for r in skp_antrian_kepala_daerah(tahun)]


def test_the_document_of_a_pimpinan_unit_kerja_mandiri_has_the_jpt_title_and_perspektif(org, tahun):
    kepala_upt = _kepala_upt(org, JenisJabatan.PENGAWAS, mandiri=True)
    skp = skp_buat(actor=kepala_upt, tahun=tahun)
    isi_rhk(skp, "Meningkatnya mutu layanan puskesmas")
    text = teks_pdf(SkpPdf(skp).render()[2])
    assert JUDUL_JPT in text and "PERSPEKTIF" in text and "Proses Bisnis" in text
    assert "BAGI PEJABAT ADMINISTRASI" not in text
    assert "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI" not in text


def test_the_skp_page_tells_the_head_why_they_get_the_jpt_form(client, org, tahun):
    kepala_upt = _kepala_upt(org, JenisJabatan.PENGAWAS, mandiri=True, atasan=False)
    client.force_login(kepala_upt.user)
    page = client.get(reverse("skp:index"), {"tahun": tahun}).content.decode()
    assert 'data-testid="pimpinan-unit-mandiri"' in page and "UPT Puskesmas Uji" in page
    assert str(FormatSkp.JPT.label) in page
    # No position above them in the system, but not the kepala daerah's to rate either.
    assert "atas nama Kepala Daerah" not in page
    UnitKerja.objects.filter(pk=kepala_upt.jabatan.unit_kerja_id).update(mandiri=False)
    page = client.get(reverse("skp:index"), {"tahun": tahun}).content.decode()
    assert 'data-testid="pimpinan-unit-mandiri"' not in page and str(FormatSkp.JA_JF.label) in page
