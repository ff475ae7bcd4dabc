"""Cascading (PermenPANRB 6/2022): a JA/JF is submitted only after the atasan's SKP is approved — drafting may
start before, so a deep tree still meets the January deadline — and every Utama RHK intervenes an RHK of exactly
that SKP."""

import datetime

import pytest

from pegawai.tests.factories import JabatanFactory, PegawaiFactory
from skp.choices import FormatSkp, JenisRhk, SkpStatus
from skp.errors import SkpError
from skp.models import RencanaHasilKerja, Skp
from skp.selectors.skp import cek_skp_atasan, skp_atasan_untuk
from skp.services.isi import rhk_tambah, rhk_ubah
from skp.services.skp import skp_ajukan, skp_buat
from skp.services.versi import skp_buat_perubahan

from .factories import RhkFactory, SkpFactory, skp_disetujui
from .helpers import isi_rhk, rencanakan, setujui

pytestmark = pytest.mark.django_db


PESAN_INTERVENSI = "RHK utama nomor 1: RHK utama wajib mengintervensi salah satu RHK atasan langsung."


def test_a_draft_starts_before_the_atasan_has_any_skp_but_is_submitted_only_after(org, tahun):
    skp = skp_buat(actor=org.kabid, tahun=tahun)
    assert (skp.status, skp.format) == (SkpStatus.DRAFT, FormatSkp.JA_JF)
    # The RHK utama waits for the atasan's RHK: saved without one while the atasan's SKP is not approved.
    rhk = isi_rhk(skp, "Terlaksananya program bidang")
    assert rhk.intervensi is None
    with pytest.raises(SkpError) as exc:
        skp_ajukan(actor=org.kabid, skp=skp)
    assert exc.value.daftar == [
        f"Atasan langsung Anda, Kepala A, belum membuat SKP tahun {tahun}. SKP Anda dapat disusun sekarang; RHK "
        "atasan dipilih dan SKP diajukan setelah SKP atasan disetujui.",
        PESAN_INTERVENSI,
    ]
    assert exc.value.message.startswith("SKP belum dapat diajukan. Atasan langsung Anda, Kepala A,")
    skp.refresh_from_db()
    assert skp.status == SkpStatus.DRAFT

    # The atasan's SKP is approved: the intervened RHK is still missing, and is now required on every save.
    skp_kepala = skp_disetujui(org.kepala, tahun=tahun, rhk=["Meningkatnya pelayanan publik"])
    with pytest.raises(SkpError) as exc:
        skp_ajukan(actor=org.kabid, skp=skp)
    assert exc.value.daftar == [PESAN_INTERVENSI]
    with pytest.raises(SkpError, match="wajib mengintervensi"):
        rhk_ubah(actor=org.kabid, rhk=rhk, teks="Terlaksananya program bidang satu")
    rhk_ubah(actor=org.kabid, rhk=rhk, intervensi=skp_kepala.rhk.get())
    skp_ajukan(actor=org.kabid, skp=skp)
    assert skp.status == SkpStatus.DIAJUKAN


@pytest.mark.parametrize(
    ("status", "label"),
    [(SkpStatus.DRAFT, "draf"), (SkpStatus.DIAJUKAN, "diajukan"), (SkpStatus.DIKEMBALIKAN, "dikembalikan")],
)
def test_a_draft_waits_for_the_atasans_skp_to_be_approved_before_submission(org, tahun, status, label):
    skp_atasan = SkpFactory(pegawai=org.kepala, tahun=tahun, status=status)
    RhkFactory(skp=skp_atasan, teks="RHK kepala yang belum disetujui", urutan=1)
    info = cek_skp_atasan(org.kabid, tahun)
    assert (info.atasan, info.skp, info.skp_terakhir, info.siap) == (org.kepala, None, skp_atasan, False)
    assert f"masih berstatus {label}" in info.pesan
    skp = skp_buat(actor=org.kabid, tahun=tahun)
    # Its RHK may not be intervened yet either.
    with pytest.raises(SkpError, match="belum disetujui"):
        rhk_tambah(actor=org.kabid, skp=skp, jenis=JenisRhk.UTAMA, teks="x", intervensi=skp_atasan.rhk.get())
    isi_rhk(skp, "Terlaksananya program bidang")
    with pytest.raises(SkpError) as exc:
        skp_ajukan(actor=org.kabid, skp=skp)
    assert len(exc.value.daftar) == 2
    assert f"masih berstatus {label}" in exc.value.daftar[0]
    assert exc.value.daftar[1] == PESAN_INTERVENSI


def test_it_starts_once_the_atasans_skp_is_approved(org, tahun, skp_kepala):
    info = cek_skp_atasan(org.kabid, tahun)
    assert (info.siap, info.skp, info.pesan) == (True, skp_kepala, "")
    skp = skp_buat(actor=org.kabid, tahun=tahun)
    assert (skp.status, skp.format, skp.jabatan, skp.versi) == (
        SkpStatus.DRAFT,
        FormatSkp.JA_JF,
        org.kabid.jabatan,
        1,
    )
    assert skp_atasan_untuk(skp) == skp_kepala
    assert skp_atasan_untuk(org.kabid, tahun) == skp_kepala


def test_an_atasans_skp_of_another_year_does_not_count(org, tahun):
    lalu = skp_disetujui(org.kepala, tahun=tahun - 1, rhk=["Tahun lalu"])
    assert "belum membuat SKP" in cek_skp_atasan(org.kabid, tahun).pesan
    skp = skp_buat(actor=org.kabid, tahun=tahun)
    with pytest.raises(SkpError, match=f"SKP tahun {tahun - 1}, bukan tahun {tahun}"):
        rhk_tambah(actor=org.kabid, skp=skp, jenis=JenisRhk.UTAMA, teks="x", intervensi=lalu.rhk.get())
    with pytest.raises(SkpError, match="belum membuat SKP"):
        skp_ajukan(actor=org.kabid, skp=skp)


def test_a_jpt_starts_without_an_atasan(org, tahun):
    skp = skp_buat(actor=org.kepala, tahun=tahun)
    assert (skp.format, skp.status) == (FormatSkp.JPT, SkpStatus.DRAFT)


def test_it_explains_a_missing_atasan_on_submission(org, tahun):
    yatim = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=org.staf.jabatan.unit_kerja, parent=None))
    skp = skp_buat(actor=yatim, tahun=tahun)
    isi_rhk(skp, "Tersusunnya laporan")
    with pytest.raises(SkpError, match="Atasan langsung Anda belum tercatat"):
        skp_ajukan(actor=yatim, skp=skp)


def test_an_utama_rhk_of_ja_jf_must_intervene(org, tahun, skp_kasi):
    skp = skp_buat(actor=org.staf, tahun=tahun)
    with pytest.raises(SkpError, match="wajib mengintervensi") as exc:
        rhk_tambah(actor=org.staf, skp=skp, jenis=JenisRhk.UTAMA, teks="Tersusunnya data")
    assert set(exc.value.errors) == {"intervensi"}
    tambahan = rhk_tambah(actor=org.staf, skp=skp, jenis=JenisRhk.TAMBAHAN, teks="Panitia kegiatan")
    assert tambahan.intervensi is None
    assert list(skp.rhk.values_list("teks", flat=True)) == ["Panitia kegiatan"]


@pytest.mark.parametrize("pemilik", ["kepala", "kabid", "kasi_tiga", "staf_lain"])
def test_it_refuses_to_intervene_an_rhk_of_someone_who_is_not_the_atasan(org, tahun, skp_kasi, pemilik):
    lain = Skp.objects.filter(pegawai=getattr(org, pemilik), tahun=tahun).first() or skp_disetujui(
        getattr(org, pemilik), tahun=tahun, rhk=["RHK orang lain"]
    )
    if lain.status != SkpStatus.DISETUJUI:
        Skp.objects.filter(pk=lain.pk).update(status=SkpStatus.DISETUJUI)
    skp = skp_buat(actor=org.staf, tahun=tahun)
    with pytest.raises(SkpError, match="bukan milik atasan langsung Anda"):
        rhk_tambah(actor=org.staf, skp=skp, jenis=JenisRhk.UTAMA, teks="Tersusunnya data", intervensi=lain.rhk.first())
    assert not skp.rhk.exists()


def test_it_refuses_to_intervene_an_rhk_of_the_atasans_skp_of_another_year(org, tahun, skp_kasi):
    tahun_lalu = skp_disetujui(org.kasi, tahun=tahun - 1, rhk=["RHK kasi tahun lalu"])
    skp = skp_buat(actor=org.staf, tahun=tahun)
    with pytest.raises(SkpError, match=f"SKP tahun {tahun - 1}, bukan tahun {tahun}"):
        rhk_tambah(actor=org.staf, skp=skp, jenis=JenisRhk.UTAMA, teks="Data", intervensi=tahun_lalu.rhk.first())


def test_it_refuses_to_intervene_an_rhk_of_the_atasans_unapproved_perubahan(org, tahun, skp_kasi):
    perubahan = skp_buat_perubahan(actor=org.kasi, skp=skp_kasi, alasan="Penyesuaian target.")
    skp = skp_buat(actor=org.staf, tahun=tahun)
    with pytest.raises(SkpError, match="belum disetujui"):
        rhk_tambah(actor=org.staf, skp=skp, jenis=JenisRhk.UTAMA, teks="Data", intervensi=perubahan.rhk.first())


def test_it_refuses_to_intervene_a_superseded_version_and_checks_again_on_submission(org, tahun, skp_kasi, skp_staf):
    perubahan = skp_buat_perubahan(actor=org.kasi, skp=skp_kasi, alasan="Penyesuaian target.")
    setujui(perubahan, org.kabid)
    # The draft still points at version 1: submitting it now is refused with the reason.
    with pytest.raises(SkpError) as exc:
        skp_ajukan(actor=org.staf, skp=skp_staf)
    assert exc.value.daftar == [
        "RHK utama nomor 1: RHK yang dipilih berasal dari versi SKP atasan yang sudah diganti; pilih dari versi "
        "yang berlaku."
    ]
    with pytest.raises(SkpError, match="sudah diganti"):
        rhk_tambah(actor=org.staf, skp=skp_staf, jenis=JenisRhk.UTAMA, teks="Data", intervensi=skp_kasi.rhk.first())
    rhk = skp_staf.rhk.get()
    rhk_ubah(actor=org.staf, rhk=rhk, intervensi=perubahan.rhk.order_by("urutan").first())
    skp_ajukan(actor=org.staf, skp=skp_staf)
    assert skp_staf.status == SkpStatus.DIAJUKAN


def test_an_rhk_may_not_intervene_itself(org, skp_staf):
    rhk = skp_staf.rhk.get()
    sebelumnya = rhk.intervensi_id
    with pytest.raises(SkpError, match="tidak dapat mengintervensi dirinya sendiri"):
        rhk_ubah(actor=org.staf, rhk=rhk, intervensi=rhk)
    assert RencanaHasilKerja.objects.get(pk=rhk.pk).intervensi_id == sebelumnya


def test_an_rhk_may_not_close_a_loop(org, tahun):
    """Only crafted data can build the chain (the services never intervene a draft), but the rule holds."""
    draft = SkpFactory(pegawai=org.staf, tahun=tahun)
    milik_staf = RhkFactory(skp=draft, teks="RHK staf", urutan=1)
    skp_atasan = skp_disetujui(org.kasi, tahun=tahun, rhk=["RHK kasi"])
    milik_kasi = skp_atasan.rhk.get()
    RencanaHasilKerja.objects.filter(pk=milik_kasi.pk).update(intervensi=milik_staf)
    with pytest.raises(SkpError, match="membentuk lingkaran"):
        rhk_ubah(actor=org.staf, rhk=milik_staf, intervensi=milik_kasi)
    assert RencanaHasilKerja.objects.get(pk=milik_staf.pk).intervensi_id is None


def test_a_plt_atasan_counts_for_cascading(org, tahun, skp_kabid):
    info = cek_skp_atasan(org.staf_dua, tahun)
    assert info.atasan == org.kasi_tiga
    assert "Kasi Tiga, belum membuat SKP" in info.pesan
    # The Plt's SKP for their own position is not the one the acting position's bawahan cascade from.
    sendiri = setujui(rencanakan(org.kasi_tiga, tahun, list(skp_kabid.rhk.all())), org.kabid)
    assert "belum membuat SKP" in cek_skp_atasan(org.staf_dua, tahun).pesan
    skp_plt = setujui(
        rencanakan(org.kasi_tiga, tahun, list(skp_kabid.rhk.all()), jabatan_plt=org.plt.jabatan), org.kabid
    )
    assert cek_skp_atasan(org.staf_dua, tahun).skp == skp_plt
    skp = skp_buat(actor=org.staf_dua, tahun=tahun)
    with pytest.raises(SkpError, match="bukan dari SKP atasan yang berlaku"):
        rhk_tambah(actor=org.staf_dua, skp=skp, jenis=JenisRhk.UTAMA, teks="x", intervensi=sendiri.rhk.first())
    with pytest.raises(SkpError, match="bukan milik atasan langsung"):
        rhk_tambah(actor=org.staf_dua, skp=skp, jenis=JenisRhk.UTAMA, teks="x", intervensi=skp_kabid.rhk.first())
    rhk = isi_rhk(skp, "Tersusunnya analisis", skp_plt.rhk.first())
    assert rhk.intervensi.skp == skp_plt


def test_the_atasan_is_the_one_on_the_skps_start_date(org, tahun, skp_kabid):
    # The Plt only starts in July: before that the vacant Kepala Seksi Dua passes supervision up to the kabid.
    org.plt.tanggal_mulai = datetime.date(tahun, 7, 1)
    org.plt.save()
    assert cek_skp_atasan(org.staf_dua, tahun).atasan == org.kabid
    assert cek_skp_atasan(org.staf_dua, tahun, datetime.date(tahun, 7, 1)).atasan == org.kasi_tiga
    skp = skp_buat(actor=org.staf_dua, tahun=tahun)
    assert skp_atasan_untuk(skp) == skp_kabid
    isi_rhk(skp, "Tersusunnya analisis", skp_kabid.rhk.first())
