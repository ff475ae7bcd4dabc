"""Issue 9 item 10: a rejected activity tells its pegawai (in-app and by e-mail, once, after the commit); approvals,
one by one or forty at once, tell nobody."""

import datetime

import pytest
from django.db import transaction

from kinerja.services.verifikasi import aktivitas_setujui, aktivitas_setujui_banyak, aktivitas_tolak
from portal.models import Notifikasi

from .factories import TAHUN, diajukan

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def rhk(skp):
    return skp.rhk(skp.staf)


@pytest.fixture
def surel(org):
    org.staf.email = "staf.a@contoh.go.id"
    org.staf.save(update_fields=["email"])


def test_a_rejection_notifies_the_pegawai_once_in_app_and_by_email(
    org, jam, rhk, surel, mailoutbox, django_capture_on_commit_callbacks
):
    a = diajukan(org.staf, rhk, D(TAHUN, 3, 11), "08:00", "09:00", uraian="Menyusun laporan data kependudukan")
    with django_capture_on_commit_callbacks(execute=True):
        aktivitas_tolak(actor=org.kasi, aktivitas=a, catatan="Lampirkan daftar hadir.")

    (n,) = Notifikasi.objects.filter(user=org.staf.user)
    assert n.jenis.startswith("aktivitas_ditolak:")
    assert "ditolak" in n.judul and "11 Maret" in n.judul
    assert "Kasi A" in n.pesan and "Lampirkan daftar hadir." in n.pesan and "Menyusun laporan" in n.pesan
    assert n.url.endswith(f"?tanggal={TAHUN}-03-11")
    assert [m.to for m in mailoutbox] == [["staf.a@contoh.go.id"]]
    assert "ditolak" in mailoutbox[0].subject
    # Nobody else heard of it.
    assert Notifikasi.objects.count() == 1


def test_a_second_rejection_after_a_fix_is_a_second_notification(
    org, jam, rhk, mailoutbox, django_capture_on_commit_callbacks
):
    from kinerja.services.aktivitas import aktivitas_ajukan

    a = diajukan(org.staf, rhk, D(TAHUN, 3, 11), "08:00", "09:00")
    with django_capture_on_commit_callbacks(execute=True):
        aktivitas_tolak(actor=org.kasi, aktivitas=a, catatan="Lampirkan daftar hadir.")
    aktivitas_ajukan(actor=org.staf, aktivitas=a)
    jam.atur(D(TAHUN, 3, 12))
    with django_capture_on_commit_callbacks(execute=True):
        aktivitas_tolak(actor=org.kasi, aktivitas=a, catatan="Daftar hadirnya belum ditandatangani.")
    assert Notifikasi.objects.filter(user=org.staf.user).count() == 2


def test_nothing_is_sent_when_the_rejection_is_rolled_back(
    org, jam, rhk, mailoutbox, django_capture_on_commit_callbacks
):
    a = diajukan(org.staf, rhk, D(TAHUN, 3, 11), "08:00", "09:00")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            aktivitas_tolak(actor=org.kasi, aktivitas=a, catatan="Lampirkan daftar hadir.")
            transaction.set_rollback(True)
    assert callbacks == []
    assert not Notifikasi.objects.exists()


def test_approvals_notify_nobody_even_in_bulk(org, jam, rhk, surel, mailoutbox, django_capture_on_commit_callbacks):
    satu = diajukan(org.staf, rhk, D(TAHUN, 3, 11), "08:00", "09:00")
    banyak = [diajukan(org.staf, rhk, D(TAHUN, 3, 10), f"{8 + i:02d}:00", f"{8 + i:02d}:30") for i in range(5)]
    with django_capture_on_commit_callbacks(execute=True):
        aktivitas_setujui(actor=org.kasi, aktivitas=satu)
        hasil = aktivitas_setujui_banyak(actor=org.kasi, aktivitas=banyak)
    assert len(hasil.disetujui) == 5
    assert not Notifikasi.objects.exists()
    assert mailoutbox == []
