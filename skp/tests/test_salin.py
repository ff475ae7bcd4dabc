"""Copying last year's SKP as this year's draft, re-linked to this year's atasan RHK by text."""

import datetime
from decimal import Decimal

import pytest

from skp.choices import AksiSkp, Aspek, FormatSkp, JenisLampiran, JenisRhk, Pendekatan, SkpStatus
from skp.errors import SkpError, SkpTidakBerwenang
from skp.models import EkspektasiKhusus, PerilakuKerja, Skp, SkpRiwayat
from skp.services.isi import rhk_ubah
from skp.services.skp import skp_ajukan, skp_buat
from skp.services.versi import skp_salin_tahun_lalu

from .factories import IkiFactory, LampiranFactory, RhkFactory, SkpFactory, skp_disetujui

pytestmark = pytest.mark.django_db


@pytest.fixture
def tahun_lalu(org, tahun):
    """Last year: the kasi's approved SKP and the staf's approved SKP cascading from it, written directly."""
    kasi = skp_disetujui(
        org.kasi, tahun=tahun - 1, rhk=["Tersusunnya Data Kepegawaian yang akurat", "Terlaksananya arsip digital"]
    )
    k1, k2 = kasi.rhk.order_by("urutan")
    staf = SkpFactory(pegawai=org.staf, tahun=tahun - 1, status=SkpStatus.DISETUJUI, pendekatan=Pendekatan.KUANTITATIF)
    r1 = RhkFactory(skp=staf, teks="Terinputnya data pegawai", intervensi=k1, urutan=1)
    IkiFactory(rhk=r1, teks="Jumlah data", aspek=Aspek.KUANTITAS, target_min=Decimal(100), satuan="data", urutan=1)
    IkiFactory(rhk=r1, teks="Ketepatan", aspek=Aspek.WAKTU, target_min=Decimal(12), satuan="bulan", urutan=2)
    r2 = RhkFactory(skp=staf, teks="Terpindainya arsip", intervensi=k2, urutan=2)
    IkiFactory(rhk=r2, urutan=1)
    t1 = RhkFactory(skp=staf, jenis=JenisRhk.TAMBAHAN, teks="Panitia HUT kota", urutan=1)
    IkiFactory(rhk=t1, urutan=1)
    LampiranFactory(skp=staf, jenis=JenisLampiran.DUKUNGAN_SUMBER_DAYA, teks="Komputer", urutan=1)
    LampiranFactory(skp=staf, jenis=JenisLampiran.KONSEKUENSI, teks="Teguran tertulis", urutan=1)
    EkspektasiKhusus.objects.create(skp=staf, perilaku=PerilakuKerja.objects.get(kode="loyal"), teks="Tahun lalu")
    return staf


@pytest.fixture
def kasi_tahun_ini(org, tahun, skp_kabid):
    """This year the kasi kept the first RHK (typed with other case and spacing) and replaced the second."""
    return skp_disetujui(
        org.kasi, tahun=tahun, rhk=["  tersusunnya data   kepegawaian yang AKURAT ", "Terwujudnya layanan daring"]
    )


def test_it_copies_last_years_skp_and_relinks_by_text(org, tahun, tahun_lalu, kasi_tahun_ini):
    skp = skp_salin_tahun_lalu(actor=org.staf, tahun=tahun)
    assert (skp.tahun, skp.status, skp.versi, skp.tanggal_mulai, skp.format) == (
        tahun,
        SkpStatus.DRAFT,
        1,
        datetime.date(tahun, 1, 1),
        FormatSkp.JA_JF,
    )
    r1, r2 = skp.rhk.filter(jenis=JenisRhk.UTAMA).order_by("urutan")
    assert r1.teks == "Terinputnya data pegawai"
    assert r1.intervensi == kasi_tahun_ini.rhk.get(urutan=1)
    assert (r1.perlu_ditinjau, r1.catatan_peninjauan) == (False, "")
    assert list(r1.iki.values_list("urutan", "teks", "aspek", "target_min", "satuan")) == [
        (1, "Jumlah data", Aspek.KUANTITAS, Decimal(100), "data"),
        (2, "Ketepatan", Aspek.WAKTU, Decimal(12), "bulan"),
    ]
    # No RHK of this year's kasi has the old text: flagged, the old text kept for the pegawai.
    assert r2.intervensi is None
    assert r2.perlu_ditinjau
    assert r2.catatan_peninjauan == (
        f"RHK atasan yang diintervensi pada tahun {tahun - 1}: \u201cTerlaksananya arsip digital\u201d. Pilih ulang "
        "RHK atasan yang diintervensi."
    )
    assert list(skp.rhk.filter(jenis=JenisRhk.TAMBAHAN).values_list("teks", flat=True)) == ["Panitia HUT kota"]
    assert list(skp.lampiran.order_by("jenis").values_list("jenis", "teks")) == [
        (JenisLampiran.DUKUNGAN_SUMBER_DAYA, "Komputer"),
        (JenisLampiran.KONSEKUENSI, "Teguran tertulis"),
    ]
    # The atasan sets this year's expectations anew.
    assert not skp.ekspektasi.exists()
    log = SkpRiwayat.objects.get(skp=skp)
    assert (log.aksi, log.catatan) == (AksiSkp.DISALIN, f"Disalin dari SKP tahun {tahun - 1} versi 1.")
    # Last year's SKP is untouched.
    assert tahun_lalu.rhk.count() == 3 and tahun_lalu.rhk.get(urutan=2, jenis=JenisRhk.UTAMA).intervensi_id


def test_the_flagged_rhk_blocks_submission_until_relinked(org, tahun, tahun_lalu, kasi_tahun_ini):
    skp = skp_salin_tahun_lalu(actor=org.staf, tahun=tahun)
    with pytest.raises(SkpError, match="RHK utama nomor 2: RHK utama wajib mengintervensi"):
        skp_ajukan(actor=org.staf, skp=skp)
    r2 = skp.rhk.get(jenis=JenisRhk.UTAMA, urutan=2)
    rhk_ubah(actor=org.staf, rhk=r2, intervensi=kasi_tahun_ini.rhk.get(urutan=2))
    r2.refresh_from_db()
    assert (r2.perlu_ditinjau, r2.catatan_peninjauan) == (False, "")
    skp_ajukan(actor=org.staf, skp=skp)
    assert skp.status == SkpStatus.DIAJUKAN


def test_it_follows_the_same_start_rule(org, tahun, tahun_lalu, skp_kabid):
    """Before the kasi's SKP of this year exists the copy is a draft whose RHK utama wait for their atasan RHK."""
    skp = skp_salin_tahun_lalu(actor=org.staf, tahun=tahun)
    utama = list(skp.rhk.filter(jenis=JenisRhk.UTAMA))
    assert len(utama) == 2 and all(r.intervensi is None and r.perlu_ditinjau for r in utama)
    with pytest.raises(SkpError, match="belum membuat SKP"):
        skp_ajukan(actor=org.staf, skp=skp)


def test_it_needs_last_years_skp(org, tahun, kasi_tahun_ini):
    with pytest.raises(SkpError, match=f"Tidak ada SKP tahun {tahun - 1}"):
        skp_salin_tahun_lalu(actor=org.staf, tahun=tahun)


def test_it_refuses_someone_elses_or_another_years_skp(org, tahun, tahun_lalu, kasi_tahun_ini):
    with pytest.raises(SkpTidakBerwenang):
        skp_salin_tahun_lalu(actor=org.staf_lain, tahun=tahun, sumber=tahun_lalu)
    with pytest.raises(SkpError, match=f"harus SKP tahun {tahun}"):
        skp_salin_tahun_lalu(actor=org.staf, tahun=tahun + 1, sumber=tahun_lalu)


def test_it_refuses_a_copy_when_this_years_skp_exists(org, tahun, tahun_lalu, kasi_tahun_ini):
    skp_buat(actor=org.staf, tahun=tahun)
    with pytest.raises(SkpError, match="sudah ada"):
        skp_salin_tahun_lalu(actor=org.staf, tahun=tahun)
    assert org.staf.skp.filter(tahun=tahun).count() == 1


def test_a_jpt_copy_keeps_perspektif_and_acuan(org, tahun):
    lalu = skp_disetujui(org.kepala, tahun=tahun - 1, rhk=["Meningkatnya kepuasan masyarakat"])
    skp = skp_salin_tahun_lalu(actor=org.kepala, tahun=tahun)
    baru, lama = skp.rhk.get(), lalu.rhk.get()
    assert (baru.teks, baru.perspektif, baru.acuan, baru.perlu_ditinjau) == (
        lama.teks,
        lama.perspektif,
        lama.acuan,
        False,
    )


def test_it_reads_the_owner_of_the_copied_skp_from_the_database(org, tahun, skp_kasi):
    skp_disetujui(org.kabid, tahun=tahun + 1, rhk=["RHK kabid tahun depan"])
    sumber = Skp.objects.get(pk=skp_kasi.pk)
    sumber.pegawai_id = org.kasi_tiga.pk  # a stale or forged instance: the row is the kasi's
    with pytest.raises(SkpTidakBerwenang):
        skp_salin_tahun_lalu(actor=org.kasi_tiga, tahun=tahun + 1, sumber=sumber)
    assert not Skp.objects.filter(pegawai=org.kasi_tiga, tahun=tahun + 1).exists()
