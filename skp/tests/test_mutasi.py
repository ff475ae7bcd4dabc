"""A mutasi and the SKP (docs/ATURAN.md): the SKP of the old position ends the day before the new TMT and keeps its
pejabat penilai; the pegawai is asked for the SKP of the new position, from that TMT."""

import datetime

import pytest

from pegawai.services.mutasi import pegawai_mutasi
from portal.models import Notifikasi
from skp.choices import AksiSkp, SkpStatus
from skp.errors import SkpError, SkpTidakBerwenang
from skp.selectors.antrian import skp_antrian_atasan
from skp.selectors.skp import skp_visible_to
from skp.services.mutasi import NOTIFIKASI_SKP_JABATAN_BARU
from skp.services.skp import skp_buat, skp_kembalikan

from .factories import SkpFactory, skp_disetujui

D = datetime.date
TAHUN = 2025
TMT = D(TAHUN, 7, 1)


@pytest.fixture
def atasan_skp(org):
    """Approved 2025 SKP of both atasan (the kasi and the Plt of Kepala Seksi Dua), so the bawahan can cascade."""
    org.plt.tanggal_mulai, org.plt.tanggal_selesai = D(TAHUN, 1, 1), D(TAHUN, 12, 31)
    org.plt.save()
    return (
        skp_disetujui(org.kasi, tahun=TAHUN, rhk=["Data tersaji"]),
        skp_disetujui(org.kasi_tiga, tahun=TAHUN, rhk=["Analisis tersaji"], jabatan=org.staf_dua.jabatan.parent),
    )


def mutasi(org):
    pegawai_mutasi(actor=org.admin_opd, pegawai=org.staf, jabatan=org.staf_dua.jabatan, tmt=TMT)


def test_the_old_skp_ends_the_day_before_the_tmt_and_keeps_its_penilai(org, atasan_skp):
    lama = skp_disetujui(org.staf, tahun=TAHUN, penilai=org.kasi, rhk=["Data tersusun"], jabatan=org.staf.jabatan)
    mutasi(org)
    lama.refresh_from_db()
    assert (lama.tanggal_mulai, lama.tanggal_selesai, lama.status) == (D(TAHUN, 1, 1), D(TAHUN, 6, 30), "disetujui")
    assert lama.pejabat_penilai == org.kasi
    riwayat = lama.riwayat.get(aksi=AksiSkp.DITUTUP_MUTASI)
    assert "mutasi ke jabatan Analis Dua" in riwayat.catatan
    # The old atasan still reads it; it is theirs in the queue of that year, not the new atasan's.
    assert skp_visible_to(org.kasi.user).filter(pk=lama.pk).exists()
    assert [r.skp for r in skp_antrian_atasan(org.kasi, TAHUN) if r.pegawai == org.staf] == [lama]
    assert all(r.skp != lama for r in skp_antrian_atasan(org.kasi_tiga, TAHUN))


def test_a_submitted_old_skp_is_decided_by_the_old_atasan_only(org, atasan_skp):
    lama = SkpFactory(pegawai=org.staf, tahun=TAHUN, jabatan=org.staf.jabatan, status=SkpStatus.DIAJUKAN)
    mutasi(org)
    lama.refresh_from_db()
    with pytest.raises(SkpTidakBerwenang):
        skp_kembalikan(actor=org.kasi_tiga, skp=lama, catatan="Bukan SKP saya")
    assert skp_kembalikan(actor=org.kasi, skp=lama, catatan="Lengkapi IKI").status == SkpStatus.DIKEMBALIKAN


def test_the_new_skp_starts_at_the_tmt_and_cascades_from_the_new_atasan(
    org, atasan_skp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mutasi(org)
    baru = skp_buat(actor=org.staf, tahun=TAHUN)
    assert (baru.jabatan, baru.tanggal_mulai, baru.tanggal_selesai) == (org.staf_dua.jabatan, TMT, D(TAHUN, 12, 31))
    with pytest.raises(SkpError, match="dimulai paling awal pada TMT jabatannya"):
        skp_buat(actor=org.staf, tahun=TAHUN, tanggal_mulai=D(TAHUN, 1, 1))
    notifikasi = Notifikasi.objects.get(user=org.staf.user, jenis=NOTIFIKASI_SKP_JABATAN_BARU)
    assert notifikasi.judul == "Jabatan baru: buat SKP Analis Dua"


def test_a_draft_that_would_start_after_the_tmt_is_dropped(org, atasan_skp):
    SkpFactory(pegawai=org.staf, tahun=TAHUN, jabatan=org.staf.jabatan, tanggal_mulai=D(TAHUN, 8, 1))
    mutasi(org)
    assert not org.staf.skp.exists()


def test_an_approved_skp_starting_after_the_tmt_refuses_the_mutasi(org, atasan_skp):
    SkpFactory(
        pegawai=org.staf, tahun=TAHUN, jabatan=org.staf.jabatan, tanggal_mulai=D(TAHUN, 8, 1), status="disetujui"
    )
    with pytest.raises(SkpError, match="setelah TMT mutasi"):
        mutasi(org)
    org.staf.refresh_from_db()
    assert org.staf.jabatan.nama == "Pengelola Data"
