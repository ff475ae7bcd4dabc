"""Every workflow transition of the SKP and every refusal (wrong state, wrong actor, missing catatan)."""

import pytest

from pegawai.models import Pegawai
from skp.choices import AksiSkp, JenisLampiran, JenisRhk, SkpStatus
from skp.errors import SkpError, SkpTidakBerwenang
from skp.models import Skp, SkpRiwayat
from skp.services.isi import (
    iki_hapus,
    iki_pindah,
    iki_tambah,
    iki_ubah,
    lampiran_hapus,
    lampiran_pindah,
    lampiran_tambah,
    lampiran_ubah,
    rhk_hapus,
    rhk_pindah,
    rhk_tambah,
    rhk_ubah,
)
from skp.services.skp import skp_ajukan, skp_buat, skp_kembalikan, skp_perbaiki, skp_setujui, skp_ubah
from skp.services.versi import skp_buat_perubahan

from .factories import IkiFactory, RhkFactory
from .helpers import isi_rhk

pytestmark = pytest.mark.django_db


def riwayat(skp):
    return list(
        SkpRiwayat.objects.filter(skp=skp).values_list("aksi", "dari_status", "ke_status", "actor__nama", "catatan")
    )


def test_it_walks_the_whole_workflow_and_logs_every_step(org, skp_staf):
    skp = skp_staf
    assert skp.status == SkpStatus.DRAFT
    skp_ajukan(actor=org.staf, skp=skp)
    skp_kembalikan(actor=org.kasi, skp=skp, catatan="Target laporan terlalu rendah.")
    skp_perbaiki(actor=org.staf, skp=skp)
    skp_ajukan(actor=org.staf, skp=skp)
    skp_setujui(actor=org.kasi, skp=skp)

    skp.refresh_from_db()
    assert skp.status == SkpStatus.DISETUJUI
    assert skp.pejabat_penilai == org.kasi
    assert skp.atasan_pejabat_penilai == org.kabid
    assert skp.diajukan_pada is not None and skp.disetujui_pada is not None
    assert riwayat(skp) == [
        (AksiSkp.DIBUAT, "", SkpStatus.DRAFT, "Staf A", ""),
        (AksiSkp.DIAJUKAN, SkpStatus.DRAFT, SkpStatus.DIAJUKAN, "Staf A", ""),
        (AksiSkp.DIKEMBALIKAN, SkpStatus.DIAJUKAN, SkpStatus.DIKEMBALIKAN, "Kasi A", "Target laporan terlalu rendah."),
        (AksiSkp.DIPERBAIKI, SkpStatus.DIKEMBALIKAN, SkpStatus.DRAFT, "Staf A", ""),
        (AksiSkp.DIAJUKAN, SkpStatus.DRAFT, SkpStatus.DIAJUKAN, "Staf A", ""),
        (AksiSkp.DISETUJUI, SkpStatus.DIAJUKAN, SkpStatus.DISETUJUI, "Kasi A", ""),
    ]


def set_status(skp, status):
    Skp.objects.filter(pk=skp.pk).update(status=status)
    skp.refresh_from_db()
    return skp


TRANSISI = {
    "ajukan": lambda org, skp: skp_ajukan(actor=org.staf, skp=skp),
    "setujui": lambda org, skp: skp_setujui(actor=org.kasi, skp=skp),
    "kembalikan": lambda org, skp: skp_kembalikan(actor=org.kasi, skp=skp, catatan="Perbaiki."),
    "perbaiki": lambda org, skp: skp_perbaiki(actor=org.staf, skp=skp),
    "perubahan": lambda org, skp: skp_buat_perubahan(actor=org.staf, skp=skp, alasan="Penyesuaian target."),
}
BOLEH = {
    ("ajukan", SkpStatus.DRAFT),
    ("setujui", SkpStatus.DIAJUKAN),
    ("kembalikan", SkpStatus.DIAJUKAN),
    ("perbaiki", SkpStatus.DIKEMBALIKAN),
    ("perubahan", SkpStatus.DISETUJUI),
}


@pytest.mark.parametrize(("aksi", "status"), [(a, s) for a in TRANSISI for s in SkpStatus if (a, s) not in BOLEH])
def test_it_refuses_a_transition_from_the_wrong_state_and_changes_nothing(org, skp_staf, aksi, status):
    skp = set_status(skp_staf, status)
    jumlah_skp, jumlah_riwayat = Skp.objects.count(), SkpRiwayat.objects.count()
    with pytest.raises(SkpError) as exc:
        TRANSISI[aksi](org, skp)
    assert not isinstance(exc.value, SkpTidakBerwenang)
    assert "SKP" in str(exc.value)
    skp.refresh_from_db()
    assert skp.status == status
    assert (Skp.objects.count(), SkpRiwayat.objects.count()) == (jumlah_skp, jumlah_riwayat)


def test_it_refuses_a_double_submission_from_a_stale_page(org, skp_staf):
    stale = Skp.objects.get(pk=skp_staf.pk)
    skp_ajukan(actor=org.staf, skp=skp_staf)
    with pytest.raises(SkpError, match="sudah diajukan"):
        skp_ajukan(actor=org.staf, skp=stale)
    assert SkpRiwayat.objects.filter(skp=skp_staf, aksi=AksiSkp.DIAJUKAN).count() == 1


def test_it_refuses_a_second_approval_from_a_stale_page(org, skp_staf):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    stale = Skp.objects.get(pk=skp_staf.pk)
    skp_kembalikan(actor=org.kasi, skp=skp_staf, catatan="Lengkapi IKI.")
    with pytest.raises(SkpError, match="Dikembalikan tidak dapat disetujui"):
        skp_setujui(actor=org.kasi, skp=stale)
    skp_staf.refresh_from_db()
    assert skp_staf.status == SkpStatus.DIKEMBALIKAN


@pytest.mark.parametrize("persona", ["staf_lain", "kasi", "kabid"])
def test_it_lets_only_the_owner_submit_or_repair(org, skp_staf, persona):
    with pytest.raises(SkpTidakBerwenang):
        skp_ajukan(actor=getattr(org, persona), skp=skp_staf)
    skp_ajukan(actor=org.staf, skp=skp_staf)
    skp_kembalikan(actor=org.kasi, skp=skp_staf, catatan="Perbaiki.")
    with pytest.raises(SkpTidakBerwenang):
        skp_perbaiki(actor=getattr(org, persona), skp=skp_staf)
    skp_staf.refresh_from_db()
    assert skp_staf.status == SkpStatus.DIKEMBALIKAN


@pytest.mark.parametrize("persona", ["staf", "staf_lain", "kabid", "kepala", "kasi_tiga", "staf_b"])
def test_it_lets_only_the_pejabat_penilai_approve_or_return(org, skp_staf, persona):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    actor = getattr(org, persona)
    with pytest.raises(SkpTidakBerwenang, match="bukan pejabat penilai"):
        skp_setujui(actor=actor, skp=skp_staf)
    with pytest.raises(SkpTidakBerwenang):
        skp_kembalikan(actor=actor, skp=skp_staf, catatan="Tidak sesuai.")
    skp_staf.refresh_from_db()
    assert skp_staf.status == SkpStatus.DIAJUKAN
    assert skp_staf.pejabat_penilai is None


def test_a_refusal_for_the_wrong_actor_is_also_a_permission_denied(org, skp_staf):
    from django.core.exceptions import PermissionDenied

    skp_ajukan(actor=org.staf, skp=skp_staf)
    with pytest.raises(PermissionDenied):
        skp_setujui(actor=org.kabid, skp=skp_staf)


@pytest.mark.parametrize("catatan", ["", "   ", "\n\t"])
def test_it_requires_a_catatan_to_return_an_skp(org, skp_staf, catatan):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    with pytest.raises(SkpError, match="Catatan wajib diisi") as exc:
        skp_kembalikan(actor=org.kasi, skp=skp_staf, catatan=catatan)
    assert "catatan" in exc.value.errors
    skp_staf.refresh_from_db()
    assert skp_staf.status == SkpStatus.DIAJUKAN


def test_it_refuses_to_submit_without_an_utama_rhk(org, tahun, skp_kasi):
    skp = skp_buat(actor=org.staf, tahun=tahun)
    isi_rhk(skp, "Membantu kegiatan bidang", jenis=JenisRhk.TAMBAHAN)
    with pytest.raises(SkpError) as exc:
        skp_ajukan(actor=org.staf, skp=skp)
    assert exc.value.daftar == ["SKP belum memiliki RHK utama."]
    assert str(exc.value) == "SKP belum dapat diajukan. SKP belum memiliki RHK utama."
    skp.refresh_from_db()
    assert skp.status == SkpStatus.DRAFT


def test_it_refuses_to_submit_an_rhk_without_iki(org, tahun, skp_kasi):
    skp = skp_buat(actor=org.staf, tahun=tahun)
    rhk_tambah(actor=org.staf, skp=skp, jenis=JenisRhk.UTAMA, teks="Tersusunnya data", intervensi=skp_kasi.rhk.first())
    with pytest.raises(SkpError) as exc:
        skp_ajukan(actor=org.staf, skp=skp)
    assert exc.value.daftar == ["RHK utama nomor 1 belum memiliki indikator kinerja individu."]


def test_it_checks_the_content_again_before_approval(org, skp_staf):
    """A row written behind the services' back (bulk import, admin SQL) does not slip through approval."""
    skp_ajukan(actor=org.staf, skp=skp_staf)
    rhk = RhkFactory(skp=skp_staf, jenis=JenisRhk.TAMBAHAN, teks="Tugas tambahan", urutan=1)
    IkiFactory(rhk=rhk, satuan="", urutan=1)
    with pytest.raises(SkpError, match="SKP belum dapat disetujui") as exc:
        skp_setujui(actor=org.kasi, skp=skp_staf)
    assert any("Satuan target wajib diisi" in p for p in exc.value.daftar)
    skp_staf.refresh_from_db()
    assert skp_staf.status == SkpStatus.DIAJUKAN


# Every editing service, as a crafted POST would call it, against an SKP that is not editable.
def _rhk(skp):
    return skp.rhk.first()


def _iki(skp):
    return skp.rhk.first().iki.first()


def _item(skp):
    return skp.lampiran.first()


EDITS = {
    "skp_ubah": lambda a, s: skp_ubah(actor=a, skp=s, pendekatan="kualitatif"),
    "rhk_tambah": lambda a, s: rhk_tambah(actor=a, skp=s, jenis=JenisRhk.TAMBAHAN, teks="Baru"),
    "rhk_ubah": lambda a, s: rhk_ubah(actor=a, rhk=_rhk(s), teks="Diubah"),
    "rhk_hapus": lambda a, s: rhk_hapus(actor=a, rhk=_rhk(s)),
    "rhk_pindah": lambda a, s: rhk_pindah(actor=a, rhk=_rhk(s), urutan=2),
    "iki_tambah": lambda a, s: iki_tambah(
        actor=a, rhk=_rhk(s), teks="Baru", aspek="waktu", target_min=1, satuan="bulan"
    ),
    "iki_ubah": lambda a, s: iki_ubah(actor=a, iki=_iki(s), target_min=99),
    "iki_hapus": lambda a, s: iki_hapus(actor=a, iki=_iki(s)),
    "iki_pindah": lambda a, s: iki_pindah(actor=a, iki=_iki(s), urutan=1),
    "lampiran_tambah": lambda a, s: lampiran_tambah(actor=a, skp=s, jenis=JenisLampiran.KONSEKUENSI, teks="Baru"),
    "lampiran_ubah": lambda a, s: lampiran_ubah(actor=a, item=_item(s), teks="Diubah"),
    "lampiran_hapus": lambda a, s: lampiran_hapus(actor=a, item=_item(s)),
    "lampiran_pindah": lambda a, s: lampiran_pindah(actor=a, item=_item(s), urutan=1),
}


def snapshot(skp):
    """What a reader of the SKP sees: header, every RHK, IKI and lampiran line."""
    skp.refresh_from_db()
    return (
        skp.status,
        skp.pendekatan,
        list(skp.rhk.order_by("jenis", "urutan").values_list("jenis", "urutan", "teks")),
        list(skp.rhk.values_list("iki__urutan", "iki__teks", "iki__target_min").order_by("iki__pk")),
        list(skp.lampiran.order_by("jenis", "urutan").values_list("jenis", "urutan", "teks")),
    )


@pytest.fixture
def skp_lengkap(org, skp_staf):
    lampiran_tambah(actor=org.staf, skp=skp_staf, jenis=JenisLampiran.DUKUNGAN_SUMBER_DAYA, teks="Laptop")
    return skp_staf


@pytest.mark.parametrize("status", [SkpStatus.DIAJUKAN, SkpStatus.DISETUJUI])
@pytest.mark.parametrize("edit", list(EDITS))
def test_it_refuses_every_edit_of_a_submitted_or_approved_skp(org, skp_lengkap, edit, status):
    skp_ajukan(actor=org.staf, skp=skp_lengkap)
    if status == SkpStatus.DISETUJUI:
        skp_setujui(actor=org.kasi, skp=skp_lengkap)
    before = snapshot(skp_lengkap)
    with pytest.raises(SkpError) as exc:
        EDITS[edit](org.staf, skp_lengkap)
    if status == SkpStatus.DISETUJUI:
        assert "perubahan SKP" in str(exc.value)
    else:
        assert "sedang diajukan" in str(exc.value)
    assert snapshot(skp_lengkap) == before


@pytest.mark.parametrize("persona", ["kasi", "staf_lain", "kabid"])
@pytest.mark.parametrize("edit", list(EDITS))
def test_it_lets_only_the_owner_edit_a_draft(org, skp_lengkap, edit, persona):
    before = snapshot(skp_lengkap)
    with pytest.raises(SkpTidakBerwenang):
        EDITS[edit](getattr(org, persona), skp_lengkap)
    assert snapshot(skp_lengkap) == before


def test_editing_a_returned_skp_takes_it_back_to_draft(org, skp_staf):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    skp_kembalikan(actor=org.kasi, skp=skp_staf, catatan="Tambahkan lampiran.")
    lampiran_tambah(actor=org.staf, skp=skp_staf, jenis=JenisLampiran.KONSEKUENSI, teks="Teguran")
    skp_staf.refresh_from_db()
    assert skp_staf.status == SkpStatus.DRAFT
    last = SkpRiwayat.objects.filter(skp=skp_staf).last()
    assert (last.aksi, last.dari_status, last.ke_status) == (
        AksiSkp.DIPERBAIKI,
        SkpStatus.DIKEMBALIKAN,
        SkpStatus.DRAFT,
    )
    skp_ajukan(actor=org.staf, skp=skp_staf)


def test_a_refused_edit_of_a_returned_skp_leaves_it_returned(org, skp_staf):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    skp_kembalikan(actor=org.kasi, skp=skp_staf, catatan="Perbaiki.")
    with pytest.raises(SkpError):
        rhk_tambah(actor=org.staf, skp=skp_staf, jenis=JenisRhk.TAMBAHAN, teks="   ")
    skp_staf.refresh_from_db()
    assert skp_staf.status == SkpStatus.DIKEMBALIKAN


def test_it_reads_whether_the_pegawai_is_active_from_the_database(org, tahun, skp_kasi):
    Pegawai.objects.filter(pk=org.staf.pk).update(aktif=False)  # ``org.staf`` in memory is still active
    with pytest.raises(SkpError, match="tidak aktif"):
        skp_buat(actor=org.staf, tahun=tahun)
    assert not Skp.objects.filter(pegawai=org.staf).exists()
