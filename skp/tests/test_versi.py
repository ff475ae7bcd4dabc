"""Perubahan SKP: an approved SKP changes only through a new version; the old one stays readable."""

import pytest

from skp.choices import AksiSkp, JenisLampiran, SkpStatus
from skp.errors import SkpError, SkpTidakBerwenang
from skp.models import PerilakuKerja, Skp, SkpRiwayat
from skp.selectors.nominatif import daftar_nominatif
from skp.selectors.skp import skp_atasan_untuk
from skp.services.isi import ekspektasi_set, iki_ubah, lampiran_tambah, rhk_hapus, rhk_ubah
from skp.services.skp import skp_ajukan, skp_setujui
from skp.services.versi import skp_buat_perubahan

from .helpers import isi_rhk, setujui

pytestmark = pytest.mark.django_db


def isi(skp):
    """The content a reader sees, without ids."""
    return {
        "rhk": [
            (
                r.jenis,
                r.urutan,
                r.teks,
                r.intervensi_id,
                [(i.teks, i.aspek, i.target_min, i.satuan) for i in r.iki.all()],
            )
            for r in skp.rhk.order_by("jenis", "urutan").prefetch_related("iki")
        ],
        "lampiran": list(skp.lampiran.order_by("jenis", "urutan").values_list("jenis", "urutan", "teks")),
        "ekspektasi": list(skp.ekspektasi.order_by("perilaku__urutan").values_list("perilaku__kode", "teks")),
    }


@pytest.fixture
def disetujui(org, skp_staf):
    lampiran_tambah(actor=org.staf, skp=skp_staf, jenis=JenisLampiran.DUKUNGAN_SUMBER_DAYA, teks="Laptop")
    skp_ajukan(actor=org.staf, skp=skp_staf)
    ekspektasi_set(
        actor=org.kasi, skp=skp_staf, perilaku=PerilakuKerja.objects.get(kode="akuntabel"), teks="Tepat waktu."
    )
    return skp_setujui(actor=org.kasi, skp=skp_staf)


def test_it_creates_a_new_draft_version_copying_everything(org, disetujui):
    sebelum = isi(disetujui)
    baru = skp_buat_perubahan(actor=org.staf, skp=disetujui, alasan="Penambahan tugas dari kepala dinas.")
    assert (baru.versi, baru.status, baru.versi_sebelumnya, baru.pegawai, baru.jabatan) == (
        2,
        SkpStatus.DRAFT,
        disetujui,
        org.staf,
        disetujui.jabatan,
    )
    assert (baru.tanggal_mulai, baru.tanggal_selesai, baru.format, baru.pendekatan) == (
        disetujui.tanggal_mulai,
        disetujui.tanggal_selesai,
        disetujui.format,
        disetujui.pendekatan,
    )
    assert baru.identitas_penilai is None and baru.pejabat_penilai is None
    assert isi(baru) == sebelum
    assert set(baru.rhk.values_list("asal_id", flat=True)) == set(disetujui.rhk.values_list("pk", flat=True))
    disetujui.refresh_from_db()
    assert (disetujui.status, disetujui.digantikan) == (SkpStatus.DISETUJUI, False)
    log = SkpRiwayat.objects.get(skp=baru)
    assert (log.aksi, log.catatan) == (
        AksiSkp.PERUBAHAN_DIBUAT,
        "Perubahan dari versi 1. Penambahan tugas dari kepala dinas.",
    )


def test_editing_the_new_version_leaves_the_old_one_as_it_was(org, disetujui, skp_kasi):
    sebelum = isi(disetujui)
    baru = skp_buat_perubahan(actor=org.staf, skp=disetujui, alasan="Penyesuaian target.")
    rhk = baru.rhk.get()
    rhk_ubah(actor=org.staf, rhk=rhk, teks="Tersusunnya data yang diperbarui")
    iki_ubah(actor=org.staf, iki=rhk.iki.get(), target_min=24)
    isi_rhk(baru, "Hasil kedua", skp_kasi.rhk.order_by("urutan").last())
    assert isi(disetujui) == sebelum
    assert isi(baru) != sebelum


def test_approving_the_new_version_supersedes_the_old_one(org, disetujui):
    baru = skp_buat_perubahan(actor=org.staf, skp=disetujui, alasan="Penyesuaian target.")
    setujui(baru, org.kasi)
    disetujui.refresh_from_db()
    assert baru.status == SkpStatus.DISETUJUI
    assert disetujui.status == SkpStatus.DISETUJUI
    assert disetujui.digantikan_pada == baru.disetujui_pada
    assert list(Skp.objects.berlaku().filter(pegawai=org.staf)) == [baru]
    log = SkpRiwayat.objects.filter(skp=disetujui).last()
    assert (log.aksi, log.catatan) == (AksiSkp.DIGANTIKAN, "Digantikan oleh versi 2 yang disetujui.")
    # Still readable: the old version keeps its content and identity blocks.
    assert disetujui.rhk.count() == 1 and disetujui.identitas_penilai["nama"] == "Kasi A"
    with pytest.raises(SkpError, match="sudah digantikan"):
        skp_buat_perubahan(actor=org.staf, skp=disetujui, alasan="Penyesuaian target.")
    ketiga = skp_buat_perubahan(actor=org.staf, skp=baru, alasan="Penyesuaian target.")
    assert ketiga.versi == 3


def test_only_one_perubahan_at_a_time(org, disetujui):
    skp_buat_perubahan(actor=org.staf, skp=disetujui, alasan="Penyesuaian target.")
    with pytest.raises(SkpError, match=r"Perubahan SKP \(versi 2\) sudah dibuat"):
        skp_buat_perubahan(actor=org.staf, skp=disetujui, alasan="Penyesuaian target.")
    assert Skp.objects.filter(pegawai=org.staf).count() == 2


def test_only_the_owner_makes_a_perubahan(org, disetujui):
    with pytest.raises(SkpTidakBerwenang):
        skp_buat_perubahan(actor=org.kasi, skp=disetujui, alasan="Penyesuaian target.")


def test_an_approved_skp_with_a_pending_perubahan_still_counts_as_approved(org, tahun, disetujui):
    skp_buat_perubahan(actor=org.staf, skp=disetujui, alasan="Penyesuaian target.")
    status = {p.nama: p.status_skp for p in daftar_nominatif(org.opd_a, tahun)}
    assert status["Staf A"] == SkpStatus.DISETUJUI


def test_a_perubahan_relinks_to_the_atasans_newer_version(org, tahun, skp_kasi, disetujui):
    rhk_kasi_1, rhk_kasi_2 = skp_kasi.rhk.order_by("urutan")
    kasi_v2 = skp_buat_perubahan(actor=org.kasi, skp=skp_kasi, alasan="Penyesuaian target.")
    # The kasi rewrites the RHK the staf intervenes and drops the other one.
    pertama, kedua = kasi_v2.rhk.order_by("urutan")
    rhk_ubah(actor=org.kasi, rhk=pertama, teks="Teks yang dirumuskan ulang")
    setujui(kasi_v2, org.kabid)
    assert skp_atasan_untuk(disetujui) == kasi_v2

    staf_v2 = skp_buat_perubahan(actor=org.staf, skp=disetujui, alasan="Penyesuaian target.")
    rhk = staf_v2.rhk.get()
    # Followed through the copy, although the text changed.
    assert rhk.intervensi == pertama
    assert not rhk.perlu_ditinjau
    setujui(staf_v2, org.kasi)


def test_a_perubahan_flags_an_rhk_whose_atasan_rhk_is_gone(org, tahun, skp_kasi, disetujui):
    kasi_v2 = skp_buat_perubahan(actor=org.kasi, skp=skp_kasi, alasan="Penyesuaian target.")
    pertama = kasi_v2.rhk.order_by("urutan").first()
    teks_lama = pertama.teks
    rhk_hapus(actor=org.kasi, rhk=pertama)
    setujui(kasi_v2, org.kabid)

    staf_v2 = skp_buat_perubahan(actor=org.staf, skp=disetujui, alasan="Penyesuaian target.")
    rhk = staf_v2.rhk.get()
    assert rhk.intervensi is None
    assert rhk.perlu_ditinjau
    assert teks_lama in rhk.catatan_peninjauan
    assert "versi 1" in rhk.catatan_peninjauan
