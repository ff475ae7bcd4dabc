"""Issue 9 item 10: a submitted SKP tells its pejabat penilai; an approved or returned one tells the pegawai — in-app
and by e-mail when an address is recorded, once per decision, after the commit."""

import pytest
from django.db import transaction

from portal.models import Notifikasi
from skp.services.kepala_daerah import skp_kembalikan_kepala_daerah
from skp.services.skp import skp_ajukan, skp_buat, skp_kembalikan, skp_perbaiki, skp_setujui

from .helpers import isi_rhk

pytestmark = pytest.mark.django_db


def _notifikasi(pegawai_or_user):
    user = getattr(pegawai_or_user, "user", pegawai_or_user)
    return list(Notifikasi.objects.filter(user=user).order_by("pk"))


def test_submitting_tells_the_penilai_and_the_decisions_tell_the_pegawai(
    org, skp_staf, mailoutbox, django_capture_on_commit_callbacks
):
    org.staf.email = "staf.a@contoh.go.id"
    org.staf.save(update_fields=["email"])
    org.kasi.email = "kasi.a@contoh.go.id"
    org.kasi.save(update_fields=["email"])
    Notifikasi.objects.all().delete()  # whatever building the atasan's SKP sent

    with django_capture_on_commit_callbacks(execute=True):
        skp_ajukan(actor=org.staf, skp=skp_staf)
    (diajukan,) = _notifikasi(org.kasi)
    assert "Staf A" in diajukan.judul and "menunggu persetujuan" in diajukan.judul
    assert diajukan.url == f"/skp/{skp_staf.pk}/tinjau/"
    assert [m.to for m in mailoutbox] == [["kasi.a@contoh.go.id"]]

    with django_capture_on_commit_callbacks(execute=True):
        skp_kembalikan(actor=org.kasi, skp=skp_staf, catatan="Target laporan terlalu rendah.")
    (kembali,) = _notifikasi(org.staf)
    assert "dikembalikan" in kembali.judul
    assert "Kasi A" in kembali.pesan and "Target laporan terlalu rendah." in kembali.pesan
    assert kembali.url == f"/skp/{skp_staf.pk}/"

    with django_capture_on_commit_callbacks(execute=True):
        skp_perbaiki(actor=org.staf, skp=skp_staf)  # taking it back into draft tells nobody
        skp_ajukan(actor=org.staf, skp=skp_staf)
        skp_setujui(actor=org.kasi, skp=skp_staf)
    # The second submission the same day is a second notification (one per decision, not one per day).
    assert len(_notifikasi(org.kasi)) == 2
    kembali_lagi, setuju = _notifikasi(org.staf)
    assert "disetujui" in setuju.judul
    assert [m.to for m in mailoutbox] == [["kasi.a@contoh.go.id"], ["staf.a@contoh.go.id"]] + [
        ["kasi.a@contoh.go.id"],
        ["staf.a@contoh.go.id"],
    ]
    assert Notifikasi.objects.count() == 4


def test_a_rolled_back_decision_sends_nothing(org, skp_staf, django_capture_on_commit_callbacks):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    Notifikasi.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            skp_setujui(actor=org.kasi, skp=skp_staf)
            transaction.set_rollback(True)
    assert callbacks == []
    assert not Notifikasi.objects.exists()


def test_the_top_jpt_submitting_tells_admin_bkpsdm_and_the_return_tells_him(
    org, tahun, django_capture_on_commit_callbacks
):
    skp = skp_buat(actor=org.kepala, tahun=tahun)
    isi_rhk(skp, "Meningkatnya indeks kepuasan masyarakat")
    with django_capture_on_commit_callbacks(execute=True):
        skp_ajukan(actor=org.kepala, skp=skp)
    assert [n.user for n in Notifikasi.objects.all()] == [org.admin_bkpsdm]
    with django_capture_on_commit_callbacks(execute=True):
        skp_kembalikan_kepala_daerah(user=org.admin_bkpsdm, skp=skp, catatan="Lengkapi indikator anggaran.")
    (n,) = _notifikasi(org.kepala)
    assert "dikembalikan" in n.judul and "a.n." in n.pesan and "Lengkapi indikator anggaran." in n.pesan
