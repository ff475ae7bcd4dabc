"""The top JPT (a position without a supervising position, e.g. the Sekretaris Daerah) is rated by the kepala daerah,
who is not a user of the portal: admin BKPSDM records the decision on their behalf."""

import pytest

from skp.choices import AksiSkp, SkpStatus
from skp.errors import SkpError, SkpTidakBerwenang
from skp.models import SkpRiwayat
from skp.selectors.antrian import skp_antrian_kepala_daerah
from skp.selectors.identitas import dinilai_kepala_daerah, identitas_kepala_daerah, identitas_skp
from skp.services.kepala_daerah import (
    ekspektasi_set_kepala_daerah,
    skp_kembalikan_kepala_daerah,
    skp_setujui_kepala_daerah,
)
from skp.services.skp import skp_ajukan, skp_buat

from .factories import SkpFactory
from .helpers import isi_rhk

pytestmark = pytest.mark.django_db


@pytest.fixture
def skp_puncak(org, tahun):
    """Kepala Dinas A's SKP, submitted: their position has no parent, so the kepala daerah rates them."""
    skp = skp_buat(actor=org.kepala, tahun=tahun)
    isi_rhk(skp, "Meningkatnya indeks kepuasan masyarakat")
    return skp_ajukan(actor=org.kepala, skp=skp)


def test_the_top_jpt_is_rated_by_the_kepala_daerah_and_nobody_else_is(org, skp_puncak):
    assert dinilai_kepala_daerah(skp_puncak)
    assert not dinilai_kepala_daerah(SkpFactory(pegawai=org.kabid))
    # A JPT with an explicit atasan in the system is rated by that atasan.
    org.kepala.atasan_override = org.kepala_b
    org.kepala.save()
    skp_puncak.refresh_from_db()
    assert not dinilai_kepala_daerah(skp_puncak)


def test_the_penilai_block_is_the_kepala_daerah_from_settings(org, skp_puncak, settings):
    settings.KEPALA_DAERAH_JABATAN = "Wali Kota Bandung"
    settings.KEPALA_DAERAH_NAMA = ""
    blok = identitas_skp(skp_puncak).penilai
    assert blok["jabatan"] == "Wali Kota Bandung"
    assert blok["nama"] == "" and blok["nip"] == "" and blok["kepala_daerah"] is True
    settings.KEPALA_DAERAH_NAMA = "Nama Wali Kota"
    assert identitas_kepala_daerah()["nama"] == "Nama Wali Kota"


def test_admin_bkpsdm_approves_on_behalf_of_the_kepala_daerah(org, skp_puncak, settings):
    settings.KEPALA_DAERAH_NAMA = "Nama Wali Kota"
    skp_setujui_kepala_daerah(user=org.admin_bkpsdm, skp=skp_puncak)
    skp_puncak.refresh_from_db()
    assert skp_puncak.status == SkpStatus.DISETUJUI
    assert skp_puncak.pejabat_penilai is None and skp_puncak.atasan_pejabat_penilai is None
    assert skp_puncak.identitas_penilai["nama"] == "Nama Wali Kota"
    assert skp_puncak.identitas_penilai["jabatan"] == "Wali Kota Bandung"
    assert skp_puncak.identitas_pegawai["nama"] == org.kepala.nama_lengkap
    langkah = SkpRiwayat.objects.filter(skp=skp_puncak).order_by("waktu", "pk").last()
    assert langkah.aksi == AksiSkp.DISETUJUI
    assert langkah.actor is None  # the admin BKPSDM login has no pegawai
    assert langkah.actor_nama == "adminbkpsdm (Admin BKPSDM) a.n. Wali Kota Bandung"
    # The frozen block does not follow a later change of settings.
    settings.KEPALA_DAERAH_NAMA = "Wali Kota Berikutnya"
    assert identitas_skp(skp_puncak).penilai["nama"] == "Nama Wali Kota"


def test_admin_bkpsdm_returns_with_a_required_catatan(org, skp_puncak):
    with pytest.raises(SkpError, match="Catatan wajib diisi"):
        skp_kembalikan_kepala_daerah(user=org.admin_bkpsdm, skp=skp_puncak, catatan="  ")
    skp_puncak.refresh_from_db()
    assert skp_puncak.status == SkpStatus.DIAJUKAN
    skp_kembalikan_kepala_daerah(user=org.admin_bkpsdm, skp=skp_puncak, catatan="Tambahkan IKI anggaran.")
    assert skp_puncak.status == SkpStatus.DIKEMBALIKAN
    langkah = SkpRiwayat.objects.filter(skp=skp_puncak, aksi=AksiSkp.DIKEMBALIKAN).get()
    assert langkah.catatan == "Tambahkan IKI anggaran."
    assert "a.n. Wali Kota Bandung" in langkah.actor_nama


@pytest.mark.parametrize("persona", ["admin_opd", "pimpinan"])
def test_only_admin_bkpsdm_acts_for_the_kepala_daerah(org, skp_puncak, persona):
    with pytest.raises(SkpTidakBerwenang):
        skp_setujui_kepala_daerah(user=getattr(org, persona), skp=skp_puncak)
    with pytest.raises(SkpTidakBerwenang):
        skp_kembalikan_kepala_daerah(user=getattr(org, persona), skp=skp_puncak, catatan="x")
    skp_puncak.refresh_from_db()
    assert skp_puncak.status == SkpStatus.DIAJUKAN


def test_admin_bkpsdm_cannot_act_on_an_skp_that_has_an_atasan(org, skp_staf):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    with pytest.raises(SkpError, match="bukan oleh Kepala Daerah"):
        skp_setujui_kepala_daerah(user=org.admin_bkpsdm, skp=skp_staf)
    skp_staf.refresh_from_db()
    assert skp_staf.status == SkpStatus.DIAJUKAN


def test_an_incomplete_top_skp_is_not_approved(org, tahun):
    skp = skp_buat(actor=org.kepala, tahun=tahun)
    isi_rhk(skp, "Meningkatnya indeks kepuasan masyarakat")
    skp_ajukan(actor=org.kepala, skp=skp)
    skp.rhk.get().iki.all().delete()  # broken behind the services' back: approval still checks
    with pytest.raises(SkpError, match="belum memiliki indikator"):
        skp_setujui_kepala_daerah(user=org.admin_bkpsdm, skp=skp)


def test_admin_bkpsdm_sets_the_ekspektasi_for_the_kepala_daerah(org, skp_puncak):
    from skp.models import PerilakuKerja

    perilaku = PerilakuKerja.objects.get(urutan=1)
    ekspektasi_set_kepala_daerah(user=org.admin_bkpsdm, skp=skp_puncak, perilaku=perilaku, teks="Responsif.")
    assert skp_puncak.ekspektasi.get().teks == "Responsif."
    with pytest.raises(SkpTidakBerwenang):
        ekspektasi_set_kepala_daerah(user=org.admin_opd, skp=skp_puncak, perilaku=perilaku, teks="x")


def test_the_queue_lists_every_top_jpt_with_submitted_first(org, tahun, skp_puncak):
    rows = skp_antrian_kepala_daerah(tahun)
    assert [(r.pegawai, r.status) for r in rows] == [
        (org.kepala, SkpStatus.DIAJUKAN),
        (org.kepala_b, "belum_dibuat"),
    ]
