"""The monthly activity summary kept by the trigger (kinerja.ringkasan): after every kind of write it equals what
the activities say, a rolled-back write leaves no count, verification days are local days, and the command finds
and repairs a summary that drifted."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from kinerja import ringkasan
from kinerja.choices import KategoriAktivitas, KebijakanTerlambat, StatusAktivitas
from kinerja.models import Aktivitas, RingkasanAktivitas
from kinerja.services.aktivitas import aktivitas_ajukan, aktivitas_hapus, aktivitas_ubah
from kinerja.services.verifikasi import aktivitas_setujui, aktivitas_setujui_banyak, aktivitas_tolak

from .factories import TAHUN, AktivitasFactory, catat, diajukan

pytestmark = pytest.mark.django_db

D = datetime.date
MARET = D(TAHUN, 3, 10)


def _akt(pegawai, tanggal=MARET, jam=8, simpan=True, **kwargs) -> Aktivitas:
    """An activity written directly (no rules): declared as "lainnya", one hour from ``jam``."""
    kwargs.setdefault("kategori", KategoriAktivitas.LAINNYA)
    kwargs.setdefault("alasan_kategori", "Uji ringkasan")
    buat = AktivitasFactory if simpan else AktivitasFactory.build
    return buat(
        pegawai=pegawai,
        tanggal=tanggal,
        jam_mulai=datetime.time(jam),
        jam_selesai=datetime.time(jam + 1),
        **kwargs,
    )


def _baris(pegawai, bulan, rhk=None, satuan="dokumen") -> RingkasanAktivitas:
    return RingkasanAktivitas.objects.get(
        pegawai_id=pegawai.pk, bulan=bulan, rhk_id=rhk.pk if rhk else 0, satuan=satuan
    )


def test_every_write_path_keeps_the_summary_equal_to_the_activities(org, jam, skp, pengaturan):
    rhk = skp.rhk(skp.staf)
    # Early April, March still open; entries of earlier March days accepted as late ones.
    jam.atur(D(TAHUN, 4, 2))
    pengaturan.kebijakan_terlambat = KebijakanTerlambat.TANDAI
    pengaturan.save()
    pagi = catat(org.staf, rhk, D(TAHUN, 3, 2), "08:00", "09:30", volume=2)
    siang = diajukan(org.staf, rhk, D(TAHUN, 3, 2), "10:00", "11:00")
    diajukan(org.staf, rhk, D(TAHUN, 3, 30), "08:00", "09:00")
    ditolak = diajukan(org.staf, rhk, D(TAHUN, 3, 3), "08:00", "09:00")
    lain = diajukan(org.staf_lain, skp.rhk(skp.staf_lain), D(TAHUN, 3, 27))
    assert ringkasan.periksa() == 0

    aktivitas_setujui(actor=org.kasi, aktivitas=siang)
    aktivitas_tolak(actor=org.kasi, aktivitas=ditolak, catatan="Lengkapi keluarannya")
    aktivitas_setujui_banyak(actor=org.kasi, aktivitas=[lain])
    assert ringkasan.periksa() == 0
    baris = _baris(org.staf, D(TAHUN, 3, 1), rhk)
    assert (baris.n, baris.disetujui_n, baris.ditolak_n, baris.menunggu_n) == (4, 1, 1, 1)
    assert (baris.menit, baris.volume, baris.diverifikasi_n) == (60, Decimal("1.00"), 2)
    assert baris.hari == (1 << 1) | (1 << 2) | (1 << 29) and baris.hari_n[1] == 2

    # Moved to another month and unit, then to no RHK: the old group loses it, the new one gets it.
    aktivitas_ubah(actor=org.staf, aktivitas=pagi, tanggal=D(TAHUN, 4, 1), satuan="laporan")
    assert ringkasan.periksa() == 0
    assert _baris(org.staf, D(TAHUN, 4, 1), rhk, "laporan").n == 1
    aktivitas_ubah(
        actor=org.staf,
        aktivitas=Aktivitas.objects.get(pk=pagi.pk),
        kategori=KategoriAktivitas.TUGAS_TAMBAHAN,
        rhk=None,
        alasan_kategori="Rapat koordinasi",
    )
    aktivitas_ajukan(actor=org.staf, aktivitas=Aktivitas.objects.get(pk=pagi.pk))
    assert ringkasan.periksa() == 0
    assert _baris(org.staf, D(TAHUN, 4, 1), None, "laporan").menunggu_n == 1

    # Deleting the only activity of a day clears that day's bit; the other day of two keeps its bit.
    aktivitas_hapus(actor=org.staf, aktivitas=Aktivitas.objects.get(pk=ditolak.pk))
    baris = _baris(org.staf, D(TAHUN, 3, 1), rhk)
    assert baris.hari == (1 << 1) | (1 << 29) and baris.n == 2
    assert ringkasan.periksa() == 0

    # Writes that bypass the services: a queryset update, a bulk insert, a queryset delete.
    Aktivitas.objects.filter(pegawai=org.staf, status=StatusAktivitas.DIAJUKAN).update(satuan="berkas")
    for jam_mulai in (7, 8, 9):
        _akt(org.staf_dua, D(TAHUN, 3, 9), jam_mulai)
    Aktivitas.objects.bulk_create([_akt(org.staf_dua, D(TAHUN, 4, d), simpan=False) for d in (1, 2, 3)])
    assert ringkasan.periksa() == 0
    Aktivitas.objects.filter(pegawai=org.staf_dua).delete()
    assert ringkasan.periksa() == 0
    assert not RingkasanAktivitas.objects.filter(pegawai_id=org.staf_dua.pk, n__gt=0).exists()


def test_a_write_rolled_back_leaves_no_count(org):
    with transaction.atomic():
        _akt(org.staf)
        assert RingkasanAktivitas.objects.filter(pegawai_id=org.staf.pk, n=1).exists()
        transaction.set_rollback(True)
    assert not RingkasanAktivitas.objects.exists()


def test_an_update_of_other_columns_does_not_touch_the_summary(org):
    aktivitas = _akt(org.staf)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {ringkasan.TABEL} SET n = 99")
    Aktivitas.objects.filter(pk=aktivitas.pk).update(uraian="Diubah", lokasi="Balai kota")
    assert RingkasanAktivitas.objects.get().n == 99


@pytest.mark.parametrize(
    ("diverifikasi_pada", "hari"),
    [
        # Jakarta is UTC+7: 16:59 UTC on 1 April is 23:59 on 1 April there (day 32 from 1 March), 17:00 is 2 April.
        (datetime.datetime(TAHUN, 4, 1, 16, 59, tzinfo=datetime.UTC), 32),
        (datetime.datetime(TAHUN, 4, 1, 17, 0, tzinfo=datetime.UTC), 33),
        # Before the month (an entry dated ahead) counts on day 1; months later, on the last index only.
        (datetime.datetime(TAHUN, 2, 27, 3, 0, tzinfo=datetime.UTC), 1),
        (datetime.datetime(TAHUN, 9, 1, 3, 0, tzinfo=datetime.UTC), ringkasan.HARI_VERIFIKASI),
    ],
)
def test_verifications_are_counted_by_local_day_from_the_first_of_the_month(org, diverifikasi_pada, hari):
    _akt(
        org.staf,
        D(TAHUN, 3, 31),
        status=StatusAktivitas.DISETUJUI,
        diverifikasi_oleh=org.kasi,
        diverifikasi_pada=diverifikasi_pada,
    )
    # A draft or a submitted activity with a stale time is not a verification.
    _akt(org.staf, D(TAHUN, 3, 30), status=StatusAktivitas.DIAJUKAN, diverifikasi_pada=diverifikasi_pada)
    baris = RingkasanAktivitas.objects.get()
    assert baris.diverifikasi_n == 1
    assert baris.verif_c == [0] * (hari - 1) + [1] * (ringkasan.HARI_VERIFIKASI - hari + 1)
    assert ringkasan.periksa() == 0


def test_the_command_finds_a_drifted_summary_and_rewrites_it(org, capsys):
    _akt(org.staf, D(TAHUN, 3, 10))
    _akt(org.staf_lain, D(TAHUN, 3, 11))
    call_command("ringkasan_aktivitas")
    assert "sesuai" in capsys.readouterr().out
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {ringkasan.TABEL} SET menunggu_n = menunggu_n + 1 WHERE pegawai_id = %s", [org.staf.pk])
        cursor.execute(f"DELETE FROM {ringkasan.TABEL} WHERE pegawai_id = %s", [org.staf_lain.pk])
    with pytest.raises(CommandError, match="2 baris ringkasan tidak sesuai"):
        call_command("ringkasan_aktivitas")
    call_command("ringkasan_aktivitas", "--bangun-ulang")
    assert "2 baris" in capsys.readouterr().out
    assert ringkasan.periksa() == 0


def test_emptying_the_activities_with_truncate_empties_the_summary(org):
    # seed_demo --reset empties the activities with TRUNCATE, which fires no row trigger. (Foreign keys checked at
    # once, as the seed does: TRUNCATE refuses a table with deferred checks pending.)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    _akt(org.staf)
    assert RingkasanAktivitas.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE kinerja_buktidukung, {ringkasan.AKTIVITAS} CASCADE")
    assert not RingkasanAktivitas.objects.exists()
