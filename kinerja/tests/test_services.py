"""Every state change of an activity and every refusal, through the services. Today is pinned (``jam`` fixture):
Wednesday 11 March 2026 unless a test moves it; March's verification deadline is the 5th working day of April,
Tuesday 7 April 2026 (no holidays unless a test adds them)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from pghistory.models import Events

from kinerja.choices import KategoriAktivitas, KebijakanTerlambat, StatusAktivitas
from kinerja.errors import AktivitasError, AktivitasTidakBerwenang
from kinerja.models import Aktivitas, BukaKunci, BuktiDukung
from kinerja.services import aktivitas as services_aktivitas
from kinerja.services.aktivitas import aktivitas_ajukan, aktivitas_hapus, aktivitas_salin_kemarin, aktivitas_ubah
from kinerja.services.bukti import bukti_tambah_tautan
from kinerja.services.kelola import (
    bulan_buka_kunci,
    hari_kerja_unit_atur,
    hari_libur_hapus,
    hari_libur_simpan,
    pengaturan_ubah,
)
from kinerja.services.verifikasi import aktivitas_setujui, aktivitas_setujui_banyak, aktivitas_tolak
from skp.choices import SkpStatus
from skp.tests.factories import SkpFactory, skp_disetujui

from .factories import TAHUN, AktivitasFactory, HariLiburFactory, catat, diajukan

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time


@pytest.fixture
def rhk(skp):
    return skp.rhk(skp.staf)


# ---------------------------------------------------------------------------------------------------------------
# Entering activities
# ---------------------------------------------------------------------------------------------------------------


def test_it_records_a_draft_with_minutes_derived_from_the_times(org, jam, rhk):
    a = catat(org.staf, rhk, D(TAHUN, 3, 11), "07:30", "09:15", volume="2,5", satuan=" laporan ", lokasi=" Kantor ")
    a.refresh_from_db()
    assert (a.status, a.menit, a.volume, a.satuan, a.lokasi, a.terlambat) == (
        StatusAktivitas.DRAFT,
        105,
        Decimal("2.50"),
        "laporan",
        "Kantor",
        False,
    )
    assert a.pegawai == org.staf and a.rhk == rhk


def test_it_drops_seconds_from_the_times(org, jam, rhk):
    a = catat(org.staf, rhk, D(TAHUN, 3, 11), T(8, 0, 59), T(8, 30, 1))
    assert (a.jam_mulai, a.jam_selesai, a.menit) == (T(8, 0), T(8, 30), 30)


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"uraian": "   "}, "uraian"),
        ({"satuan": ""}, "satuan"),
        ({"volume": 0}, "volume"),
        ({"volume": "-1"}, "volume"),
        ({"volume": "banyak"}, "volume"),
        ({"volume": "1.005"}, "volume"),
        ({"volume": "NaN"}, "volume"),
        ({"mulai": "09:00", "selesai": "09:00"}, "jam_selesai"),
        ({"mulai": "10:00", "selesai": "09:00"}, "jam_selesai"),
        ({"mulai": "sembilan"}, "jam_mulai"),
        ({"rhk": None}, "rhk"),
        ({"kategori": KategoriAktivitas.LAINNYA, "rhk": None, "alasan_kategori": " "}, "alasan_kategori"),
        ({"kategori": "rapat"}, "kategori"),
    ],
)
def test_it_refuses_invalid_fields(org, jam, rhk, kwargs, field):
    data = {"rhk": rhk, "mulai": "08:00", "selesai": "09:00", **kwargs}
    with pytest.raises(AktivitasError) as exc:
        catat(org.staf, data.pop("rhk"), D(TAHUN, 3, 11), data.pop("mulai"), data.pop("selesai"), **data)
    assert field in exc.value.errors
    assert not Aktivitas.objects.exists()


def test_it_lists_every_problem_at_once(org, jam, rhk):
    with pytest.raises(AktivitasError) as exc:
        catat(org.staf, rhk, D(TAHUN, 3, 11), "10:00", "09:00", uraian="", satuan="")
    assert set(exc.value.errors) == {"uraian", "satuan", "jam_selesai"}


def test_it_accepts_tugas_tambahan_and_lainnya_with_a_reason(org, jam, skp):
    a = catat(
        org.staf,
        None,
        D(TAHUN, 3, 11),
        kategori=KategoriAktivitas.TUGAS_TAMBAHAN,
        alasan_kategori="Diperintah kepala dinas menjadi panitia HUT kota",
    )
    assert (a.kategori, a.rhk, a.alasan_kategori) == (
        KategoriAktivitas.TUGAS_TAMBAHAN,
        None,
        "Diperintah kepala dinas menjadi panitia HUT kota",
    )
    # An RHK given with another category is dropped, not stored half-mapped.
    b = catat(
        org.staf,
        skp.rhk(skp.staf),
        D(TAHUN, 3, 11),
        "09:00",
        "10:00",
        kategori=KategoriAktivitas.LAINNYA,
        alasan_kategori="Apel pagi",
    )
    assert b.rhk is None


def test_it_refuses_an_rhk_of_someone_elses_skp(org, jam, skp):
    with pytest.raises(AktivitasError) as exc:
        catat(org.staf, skp.rhk(skp.staf_lain), D(TAHUN, 3, 11))
    assert "rhk" in exc.value.errors


def test_it_refuses_an_rhk_of_an_skp_not_yet_approved(org, jam):
    draft = SkpFactory(pegawai=org.staf, tahun=TAHUN, status=SkpStatus.DIAJUKAN)
    from skp.tests.factories import RhkFactory

    rhk = RhkFactory(skp=draft)
    with pytest.raises(AktivitasError) as exc:
        catat(org.staf, rhk, D(TAHUN, 3, 11))
    assert "rhk" in exc.value.errors


def test_it_refuses_an_rhk_of_an_skp_whose_period_does_not_cover_the_date(org, jam):
    skp = skp_disetujui(
        org.staf,
        tahun=TAHUN,
        rhk=["Hasil semester dua"],
        tanggal_mulai=D(TAHUN, 7, 1),
        tanggal_selesai=D(TAHUN, 12, 31),
    )
    with pytest.raises(AktivitasError) as exc:
        catat(org.staf, skp.rhk.get(), D(TAHUN, 3, 11))
    assert "rhk" in exc.value.errors


def test_it_refuses_a_date_in_the_future(org, jam, rhk):
    with pytest.raises(AktivitasError) as exc:
        catat(org.staf, rhk, D(TAHUN, 3, 12))
    assert "tanggal" in exc.value.errors


# ---------------------------------------------------------------------------------------------------------------
# The entry window
# ---------------------------------------------------------------------------------------------------------------


def test_it_accepts_an_entry_up_to_the_last_allowed_working_day(org, jam, rhk, pengaturan):
    # Friday 6 March + 3 working days = Wednesday 11 March (today).
    a = catat(org.staf, rhk, D(TAHUN, 3, 6))
    assert a.terlambat is False


def test_it_refuses_a_late_entry_when_the_policy_says_tolak(org, jam, rhk, pengaturan):
    assert pengaturan.kebijakan_terlambat == KebijakanTerlambat.TOLAK
    with pytest.raises(AktivitasError) as exc:
        catat(org.staf, rhk, D(TAHUN, 3, 5))
    assert "sudah lewat" in exc.value.errors["tanggal"]
    assert not Aktivitas.objects.exists()


def test_it_accepts_a_late_entry_with_a_flag_when_the_policy_says_tandai(org, jam, rhk, pengaturan):
    pengaturan.kebijakan_terlambat = KebijakanTerlambat.TANDAI
    pengaturan.save()
    a = catat(org.staf, rhk, D(TAHUN, 3, 5))
    assert a.terlambat is True


def test_holidays_extend_the_window(org, jam, rhk):
    HariLiburFactory(tanggal=D(TAHUN, 3, 10), nama="Libur uji")
    a = catat(org.staf, rhk, D(TAHUN, 3, 5))  # Thu 5 → Fri 6, Mon 9, Wed 11 (Tue 10 is a holiday)
    assert a.terlambat is False


def test_a_six_day_unit_has_a_shorter_window(org, jam, rhk):
    hari_kerja_unit_atur(actor=org.admin_opd, unit_kerja=org.staf.jabatan.unit_kerja, hari_kerja_per_minggu=6)
    with pytest.raises(AktivitasError):
        catat(org.staf, rhk, D(TAHUN, 3, 6))  # Fri 6 → Sat 7, Mon 9, Tue 10: Wednesday is too late


def test_a_unit_inherits_the_week_of_its_parent_unit(org, jam, rhk):
    bidang = org.kabid.jabatan.unit_kerja
    hari_kerja_unit_atur(actor=org.admin_bkpsdm, unit_kerja=bidang, hari_kerja_per_minggu=6)
    with pytest.raises(AktivitasError):
        catat(org.staf, rhk, D(TAHUN, 3, 6))
    hari_kerja_unit_atur(actor=org.admin_bkpsdm, unit_kerja=bidang, hari_kerja_per_minggu=None)
    assert catat(org.staf, rhk, D(TAHUN, 3, 6)).terlambat is False


def test_only_admins_of_the_unit_set_its_week(org):
    with pytest.raises(AktivitasTidakBerwenang):
        hari_kerja_unit_atur(actor=org.admin_opd_lain, unit_kerja=org.staf.jabatan.unit_kerja, hari_kerja_per_minggu=6)
    with pytest.raises(AktivitasTidakBerwenang):
        hari_kerja_unit_atur(actor=org.kasi.user, unit_kerja=org.staf.jabatan.unit_kerja, hari_kerja_per_minggu=6)


def test_changing_the_date_is_judged_as_a_new_entry(org, jam, rhk):
    a = catat(org.staf, rhk, D(TAHUN, 3, 11))
    with pytest.raises(AktivitasError) as exc:
        aktivitas_ubah(actor=org.staf, aktivitas=a, tanggal=D(TAHUN, 3, 2))
    assert "tanggal" in exc.value.errors
    a.refresh_from_db()
    assert a.tanggal == D(TAHUN, 3, 11)


def test_editing_a_late_entry_later_keeps_it_editable(org, jam, rhk):
    a = catat(org.staf, rhk, D(TAHUN, 3, 11))
    jam.atur(D(TAHUN, 3, 20))  # past the window, before the lock: the window only governs entering
    aktivitas_ubah(actor=org.staf, aktivitas=a, uraian="Menyusun laporan data bulanan")
    assert a.uraian == "Menyusun laporan data bulanan"
    assert a.terlambat is False


# ---------------------------------------------------------------------------------------------------------------
# Overlaps
# ---------------------------------------------------------------------------------------------------------------


def test_it_refuses_an_overlapping_activity(org, jam, rhk):
    catat(org.staf, rhk, D(TAHUN, 3, 11), "08:00", "10:00")
    with pytest.raises(AktivitasError) as exc:
        catat(org.staf, rhk, D(TAHUN, 3, 11), "09:30", "11:00")
    assert "08.00–10.00" in exc.value.errors["jam_mulai"]
    assert Aktivitas.objects.count() == 1


def test_touching_activities_and_other_days_and_other_pegawai_do_not_overlap(org, jam, skp, rhk):
    catat(org.staf, rhk, D(TAHUN, 3, 11), "08:00", "10:00")
    catat(org.staf, rhk, D(TAHUN, 3, 11), "10:00", "11:00")
    catat(org.staf, rhk, D(TAHUN, 3, 10), "08:00", "10:00")
    catat(org.staf_lain, skp.rhk(skp.staf_lain), D(TAHUN, 3, 11), "08:00", "10:00")
    assert Aktivitas.objects.count() == 4


def test_editing_does_not_collide_with_itself_but_with_the_others(org, jam, rhk):
    a = catat(org.staf, rhk, D(TAHUN, 3, 11), "08:00", "09:00")
    catat(org.staf, rhk, D(TAHUN, 3, 11), "10:00", "11:00")
    aktivitas_ubah(actor=org.staf, aktivitas=a, jam_selesai="10:00")
    assert a.menit == 120
    with pytest.raises(AktivitasError):
        aktivitas_ubah(actor=org.staf, aktivitas=a, jam_selesai="10:30")
    a.refresh_from_db()
    assert a.jam_selesai == T(10, 0)


def test_a_rejected_activity_frees_its_slot_until_it_is_submitted_again(org, jam, rhk):
    a = diajukan(org.staf, rhk, D(TAHUN, 3, 11), "08:00", "09:00")
    aktivitas_tolak(actor=org.kasi, aktivitas=a, catatan="Tidak ada kegiatan ini.")
    pengganti = catat(org.staf, rhk, D(TAHUN, 3, 11), "08:30", "09:30")
    with pytest.raises(AktivitasError) as exc:
        aktivitas_ajukan(actor=org.staf, aktivitas=a)
    assert "bertumpuk" in str(exc.value)
    a.refresh_from_db()
    assert a.status == StatusAktivitas.DITOLAK
    aktivitas_hapus(actor=org.staf, aktivitas=pengganti)
    aktivitas_ajukan(actor=org.staf, aktivitas=a)
    assert a.status == StatusAktivitas.DIAJUKAN


def test_the_database_refuses_overlaps_written_past_the_services(org, rhk):
    AktivitasFactory(pegawai=org.staf, rhk=rhk, jam_mulai=T(8, 0), jam_selesai=T(10, 0))
    with pytest.raises(IntegrityError), transaction.atomic():
        AktivitasFactory(pegawai=org.staf, rhk=rhk, jam_mulai=T(9, 59), jam_selesai=T(11, 0))
    # Touching is fine, a rejected row does not count, another pegawai is independent.
    AktivitasFactory(pegawai=org.staf, rhk=rhk, jam_mulai=T(10, 0), jam_selesai=T(11, 0))
    AktivitasFactory(pegawai=org.staf, rhk=rhk, jam_mulai=T(8, 0), jam_selesai=T(9, 0), status=StatusAktivitas.DITOLAK)
    AktivitasFactory(pegawai=org.staf_lain, rhk=rhk, jam_mulai=T(8, 0), jam_selesai=T(10, 0))
    rejected = Aktivitas.objects.get(status=StatusAktivitas.DITOLAK)
    rejected.status = StatusAktivitas.DIAJUKAN
    with pytest.raises(IntegrityError), transaction.atomic():
        rejected.save()


def test_the_database_keeps_minutes_and_mapping_consistent(org, rhk):
    with pytest.raises(IntegrityError), transaction.atomic():
        AktivitasFactory(pegawai=org.staf, rhk=rhk, menit=61)
    with pytest.raises(IntegrityError), transaction.atomic():
        AktivitasFactory(pegawai=org.staf, rhk=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        AktivitasFactory(pegawai=org.staf, rhk=None, kategori=KategoriAktivitas.LAINNYA, alasan_kategori="")


def test_model_validation_reports_an_overlap_in_indonesian(org, rhk):
    """What a future ModelForm's full_clean() would show (Model.validate_constraints runs the exclusion check)."""
    AktivitasFactory(pegawai=org.staf, rhk=rhk, jam_mulai=T(8, 0), jam_selesai=T(10, 0))
    baru = AktivitasFactory.build(pegawai=org.staf, rhk=rhk, jam_mulai=T(9, 0), jam_selesai=T(11, 0))
    with pytest.raises(ValidationError) as exc:
        baru.validate_constraints()
    assert exc.value.messages == ["Waktu ini bertumpuk dengan aktivitas lain pada hari yang sama."]
    baru.jam_mulai, baru.menit = T(10, 0), 60
    baru.validate_constraints()


def test_a_race_past_the_check_ends_in_the_same_message(org, jam, rhk, monkeypatch):
    """Two tabs both pass the service's check before either writes; the constraint refuses the second."""
    catat(org.staf, rhk, D(TAHUN, 3, 11), "08:00", "10:00")
    monkeypatch.setattr(services_aktivitas, "_cek_tumpang_tindih", lambda *args, **kwargs: None)
    with pytest.raises(AktivitasError) as exc:
        catat(org.staf, rhk, D(TAHUN, 3, 11), "09:00", "11:00")
    assert "bertumpuk" in exc.value.errors["jam_mulai"]
    assert Aktivitas.objects.count() == 1


def test_a_race_past_the_check_through_the_daily_form_leaves_nothing_and_the_same_message(org, jam, rhk, monkeypatch):
    """The daily form's path (activity, evidence and submission in one transaction, no savepoint of its own for the
    activity): the constraint's refusal rolls back the whole entry — its link too — and the database stays usable."""
    catat(org.staf, rhk, D(TAHUN, 3, 11), "08:00", "10:00")
    monkeypatch.setattr(services_aktivitas, "_cek_tumpang_tindih", lambda *args, **kwargs: None)
    with pytest.raises(AktivitasError) as exc:
        services_aktivitas.aktivitas_catat(
            actor=org.staf,
            tautan="https://drive.example.id/laporan",
            ajukan=True,
            tanggal=D(TAHUN, 3, 11),
            jam_mulai="09:00",
            jam_selesai="11:00",
            uraian="Menyusun laporan data",
            volume=1,
            satuan="dokumen",
            rhk=rhk,
        )
    assert "bertumpuk" in exc.value.errors["jam_mulai"]
    assert list(Aktivitas.objects.values_list("jam_mulai", "status")) == [(datetime.time(8, 0), StatusAktivitas.DRAFT)]
    assert not BuktiDukung.objects.exists()


# ---------------------------------------------------------------------------------------------------------------
# Ownership and state
# ---------------------------------------------------------------------------------------------------------------


def test_only_the_owner_changes_deletes_or_submits(org, jam, rhk):
    a = catat(org.staf, rhk, D(TAHUN, 3, 11))
    for actor in (org.staf_lain, org.kasi):
        with pytest.raises(AktivitasTidakBerwenang):
            aktivitas_ubah(actor=actor, aktivitas=a, uraian="diubah orang lain")
        with pytest.raises(AktivitasTidakBerwenang):
            aktivitas_hapus(actor=actor, aktivitas=a)
        with pytest.raises(AktivitasTidakBerwenang):
            aktivitas_ajukan(actor=actor, aktivitas=a)
    a.refresh_from_db()
    assert (a.uraian, a.status) == ("Menyusun laporan data", StatusAktivitas.DRAFT)


def test_submitted_and_approved_activities_cannot_be_changed_or_deleted(org, jam, rhk):
    a = diajukan(org.staf, rhk, D(TAHUN, 3, 11))
    with pytest.raises(AktivitasError, match="menunggu verifikasi"):
        aktivitas_ubah(actor=org.staf, aktivitas=a, uraian="x")
    with pytest.raises(AktivitasError):
        aktivitas_hapus(actor=org.staf, aktivitas=a)
    aktivitas_setujui(actor=org.kasi, aktivitas=a)
    with pytest.raises(AktivitasError, match="sudah disetujui"):
        aktivitas_ubah(actor=org.staf, aktivitas=a, uraian="x")
    with pytest.raises(AktivitasError):
        aktivitas_hapus(actor=org.staf, aktivitas=a)
    assert Aktivitas.objects.get().status == StatusAktivitas.DISETUJUI


def test_a_stale_object_is_checked_again_under_the_lock(org, jam, rhk):
    a = catat(org.staf, rhk, D(TAHUN, 3, 11))
    basi = Aktivitas.objects.get(pk=a.pk)
    aktivitas_ajukan(actor=org.staf, aktivitas=a)
    with pytest.raises(AktivitasError):
        aktivitas_ubah(actor=org.staf, aktivitas=basi, uraian="dari tab lama")
    assert Aktivitas.objects.get().uraian == "Menyusun laporan data"


def test_it_deletes_a_draft(org, jam, rhk):
    a = catat(org.staf, rhk, D(TAHUN, 3, 11))
    aktivitas_hapus(actor=org.staf, aktivitas=a)
    assert not Aktivitas.objects.exists()


def test_it_submits_several_at_once_or_none(org, jam, rhk):
    a = catat(org.staf, rhk, D(TAHUN, 3, 11), "08:00", "09:00")
    b = catat(org.staf, rhk, D(TAHUN, 3, 11), "09:00", "10:00")
    c = diajukan(org.staf, rhk, D(TAHUN, 3, 11), "10:00", "11:00")
    with pytest.raises(AktivitasError, match="statusnya diajukan"):
        aktivitas_ajukan(actor=org.staf, aktivitas=[a, b, c])
    assert set(Aktivitas.objects.values_list("status", flat=True)) == {StatusAktivitas.DRAFT, StatusAktivitas.DIAJUKAN}
    assert Aktivitas.objects.filter(status=StatusAktivitas.DRAFT).count() == 2
    hasil = aktivitas_ajukan(actor=org.staf, aktivitas=[a, b])
    assert [x.status for x in hasil] == [StatusAktivitas.DIAJUKAN] * 2
    assert a.status == StatusAktivitas.DIAJUKAN and a.diajukan_pada is not None


def test_submitting_nothing_is_refused(org):
    with pytest.raises(AktivitasError):
        aktivitas_ajukan(actor=org.staf, aktivitas=[])


# ---------------------------------------------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------------------------------------------


def test_the_atasan_approves_with_a_record_of_who_and_when(org, jam, rhk):
    a = diajukan(org.staf, rhk, D(TAHUN, 3, 11))
    aktivitas_setujui(actor=org.kasi, aktivitas=a, catatan=" Baik ")
    a.refresh_from_db()
    assert (a.status, a.diverifikasi_oleh, a.catatan_atasan) == (StatusAktivitas.DISETUJUI, org.kasi, "Baik")
    assert a.diverifikasi_pada is not None


@pytest.mark.parametrize("persona", ["kabid", "kepala", "staf_lain", "staf", "kasi_tiga", "kepala_b"])
def test_anyone_but_the_atasan_is_refused(org, jam, rhk, persona):
    a = diajukan(org.staf, rhk, D(TAHUN, 3, 11))
    with pytest.raises(AktivitasTidakBerwenang):
        aktivitas_setujui(actor=getattr(org, persona), aktivitas=a)
    with pytest.raises(AktivitasTidakBerwenang):
        aktivitas_tolak(actor=getattr(org, persona), aktivitas=a, catatan="Tidak")
    assert Aktivitas.objects.get().status == StatusAktivitas.DIAJUKAN


def test_the_plt_verifies_the_bawahan_of_the_position_they_act_in(org, jam, skp):
    a = diajukan(org.staf_dua, skp.rhk(skp.staf_dua), D(TAHUN, 3, 11))
    with pytest.raises(AktivitasTidakBerwenang):
        aktivitas_setujui(actor=org.kabid, aktivitas=a)
    aktivitas_setujui(actor=org.kasi_tiga, aktivitas=a)
    assert a.status == StatusAktivitas.DISETUJUI
    assert a.diverifikasi_oleh == org.kasi_tiga


def test_the_atasan_on_the_activity_date_decides_not_todays(org, jam, skp):
    """The Plt ended on 31 March: kasi_tiga still verifies staf_dua's March work in April; from April on the
    vacant position passes supervision up to the kabid."""
    org.plt.tanggal_selesai = D(TAHUN, 3, 31)
    org.plt.save()
    jam.atur(D(TAHUN, 3, 31))
    maret = diajukan(org.staf_dua, skp.rhk(skp.staf_dua), D(TAHUN, 3, 31))
    jam.atur(D(TAHUN, 4, 2))
    april = diajukan(org.staf_dua, skp.rhk(skp.staf_dua), D(TAHUN, 4, 1))
    with pytest.raises(AktivitasTidakBerwenang):
        aktivitas_setujui(actor=org.kabid, aktivitas=maret)
    aktivitas_setujui(actor=org.kasi_tiga, aktivitas=maret)
    with pytest.raises(AktivitasTidakBerwenang):
        aktivitas_setujui(actor=org.kasi_tiga, aktivitas=april)
    aktivitas_setujui(actor=org.kabid, aktivitas=april)


def test_rejecting_needs_a_catatan_and_the_pegawai_revises_and_resubmits(org, jam, rhk):
    a = diajukan(org.staf, rhk, D(TAHUN, 3, 11))
    with pytest.raises(AktivitasError) as exc:
        aktivitas_tolak(actor=org.kasi, aktivitas=a, catatan="  ")
    assert "catatan" in exc.value.errors
    aktivitas_tolak(actor=org.kasi, aktivitas=a, catatan="Lampirkan daftar hadir.")
    assert (a.status, a.catatan_atasan, a.diverifikasi_oleh) == (
        StatusAktivitas.DITOLAK,
        "Lampirkan daftar hadir.",
        org.kasi,
    )
    aktivitas_ubah(actor=org.staf, aktivitas=a, uraian="Menyusun laporan data, dengan daftar hadir")
    assert a.status == StatusAktivitas.DITOLAK  # still rejected until submitted again
    aktivitas_ajukan(actor=org.staf, aktivitas=a)
    assert a.status == StatusAktivitas.DIAJUKAN
    aktivitas_setujui(actor=org.kasi, aktivitas=a)
    assert a.status == StatusAktivitas.DISETUJUI


def test_only_submitted_activities_are_verified(org, jam, rhk):
    a = catat(org.staf, rhk, D(TAHUN, 3, 11))
    with pytest.raises(AktivitasError, match="tidak sedang menunggu"):
        aktivitas_setujui(actor=org.kasi, aktivitas=a)
    aktivitas_ajukan(actor=org.staf, aktivitas=a)
    aktivitas_setujui(actor=org.kasi, aktivitas=a)
    with pytest.raises(AktivitasError):
        aktivitas_tolak(actor=org.kasi, aktivitas=a, catatan="Berubah pikiran")
    assert Aktivitas.objects.get().status == StatusAktivitas.DISETUJUI


def test_every_step_is_audited_with_the_actor(org, jam, rhk):
    a = diajukan(org.staf, rhk, D(TAHUN, 3, 11))
    aktivitas_setujui(actor=org.kasi, aktivitas=a)
    updates = list(
        Events.objects.filter(pgh_obj_model="kinerja.Aktivitas", pgh_obj_id=str(a.pk), pgh_label="update").order_by(
            "pgh_created_at", "pgh_id"
        )
    )
    assert [e.pgh_diff["status"] for e in updates] == [
        [StatusAktivitas.DRAFT, StatusAktivitas.DIAJUKAN],
        [StatusAktivitas.DIAJUKAN, StatusAktivitas.DISETUJUI],
    ]
    assert [e.pgh_context["user"] for e in updates] == [org.staf.user_id, org.kasi.user_id]


# ---------------------------------------------------------------------------------------------------------------
# Bulk approval (per item)
# ---------------------------------------------------------------------------------------------------------------


def test_bulk_approval_approves_what_it_may_and_reports_the_rest(org, jam, skp, rhk):
    jam.atur(D(TAHUN, 3, 31))
    bisa = [diajukan(org.staf, rhk, D(TAHUN, 3, 30), f"{h:02d}:00", f"{h + 1:02d}:00") for h in (8, 9)]
    bisa.append(diajukan(org.staf_lain, skp.rhk(skp.staf_lain), D(TAHUN, 3, 27)))
    masih_draft = catat(org.staf, rhk, D(TAHUN, 3, 31))
    bukan_bawahan = diajukan(org.staf_dua, skp.rhk(skp.staf_dua), D(TAHUN, 3, 31))
    hasil = aktivitas_setujui_banyak(
        actor=org.kasi, aktivitas=[*bisa, masih_draft, bukan_bawahan.pk, 999999, bisa[0]], catatan="Lengkap"
    )
    assert sorted(a.pk for a in hasil.disetujui) == sorted(a.pk for a in bisa)
    assert {a.diverifikasi_oleh_id for a in hasil.disetujui} == {org.kasi.pk}
    gagal = dict(hasil.gagal)
    assert set(gagal) == {masih_draft.pk, bukan_bawahan.pk, 999999}
    assert "draf" in gagal[masih_draft.pk]
    assert "bukan atasan" in gagal[bukan_bawahan.pk]
    assert Aktivitas.objects.get(pk=bukan_bawahan.pk).status == StatusAktivitas.DIAJUKAN
    assert Aktivitas.objects.filter(status=StatusAktivitas.DISETUJUI, catatan_atasan="Lengkap").count() == 3
    # A second click changes nothing and says why.
    lagi = aktivitas_setujui_banyak(actor=org.kasi, aktivitas=bisa)
    assert lagi.disetujui == [] and len(lagi.gagal) == 3


def test_bulk_approval_follows_the_plt_dates(org, jam, skp):
    org.plt.tanggal_selesai = D(TAHUN, 3, 31)
    org.plt.save()
    jam.atur(D(TAHUN, 3, 31))
    maret = diajukan(org.staf_dua, skp.rhk(skp.staf_dua), D(TAHUN, 3, 31))
    jam.atur(D(TAHUN, 4, 1))
    april = diajukan(org.staf_dua, skp.rhk(skp.staf_dua), D(TAHUN, 4, 1))
    hasil = aktivitas_setujui_banyak(actor=org.kabid, aktivitas=[maret, april])
    assert [a.pk for a in hasil.disetujui] == [april.pk]
    assert [pk for pk, _pesan in hasil.gagal] == [maret.pk]
    hasil = aktivitas_setujui_banyak(actor=org.kasi_tiga, aktivitas=[maret, april])
    assert [a.pk for a in hasil.disetujui] == [maret.pk]


def test_bulk_approval_leaves_locked_months_alone(org, jam, rhk):
    jam.atur(D(TAHUN, 3, 31))
    maret = diajukan(org.staf, rhk, D(TAHUN, 3, 31))
    jam.atur(D(TAHUN, 4, 8))
    april = diajukan(org.staf, rhk, D(TAHUN, 4, 8))
    hasil = aktivitas_setujui_banyak(actor=org.kasi, aktivitas=[maret, april])
    assert [a.pk for a in hasil.disetujui] == [april.pk]
    assert "terkunci" in dict(hasil.gagal)[maret.pk]


def test_bulk_approval_never_approves_ones_own(org, jam, skp):
    kasi_skp = skp_disetujui(org.kasi, tahun=TAHUN, rhk=["Seksi berjalan"])
    a = diajukan(org.kasi, kasi_skp.rhk.get(), D(TAHUN, 3, 11))
    hasil = aktivitas_setujui_banyak(actor=org.kasi, aktivitas=[a])
    assert hasil.disetujui == [] and Aktivitas.objects.get().status == StatusAktivitas.DIAJUKAN


# ---------------------------------------------------------------------------------------------------------------
# Month lock and reopening
# ---------------------------------------------------------------------------------------------------------------


@pytest.fixture
def maret_diajukan(org, jam, rhk):
    jam.atur(D(TAHUN, 3, 31))
    a = diajukan(org.staf, rhk, D(TAHUN, 3, 31), "08:00", "09:00")
    b = catat(org.staf, rhk, D(TAHUN, 3, 31), "09:00", "10:00")
    return a, b


def test_the_month_stays_open_until_the_verification_deadline(org, jam, maret_diajukan):
    a, b = maret_diajukan
    jam.atur(D(TAHUN, 4, 7))  # 5th working day of April
    aktivitas_ubah(actor=org.staf, aktivitas=b, uraian="Masih boleh diubah")
    aktivitas_setujui(actor=org.kasi, aktivitas=a)
    assert a.status == StatusAktivitas.DISETUJUI


def test_after_the_deadline_the_month_is_locked_for_everyone(org, jam, rhk, maret_diajukan, pengaturan):
    a, b = maret_diajukan
    pengaturan.kebijakan_terlambat = KebijakanTerlambat.TANDAI
    pengaturan.save()
    jam.atur(D(TAHUN, 4, 8))
    for call in (
        lambda: aktivitas_setujui(actor=org.kasi, aktivitas=a),
        lambda: aktivitas_tolak(actor=org.kasi, aktivitas=a, catatan="Terlambat"),
        lambda: aktivitas_ubah(actor=org.staf, aktivitas=b, uraian="x"),
        lambda: aktivitas_hapus(actor=org.staf, aktivitas=b),
        lambda: aktivitas_ajukan(actor=org.staf, aktivitas=b),
        lambda: catat(org.staf, rhk, D(TAHUN, 3, 31), "13:00", "14:00"),  # even under "accept late"
        lambda: aktivitas_ubah(actor=org.staf, aktivitas=catat(org.staf, rhk, D(TAHUN, 4, 8)), tanggal=D(TAHUN, 3, 30)),
    ):
        with pytest.raises(AktivitasError, match="terkunci"):
            call()
    assert {x.status for x in Aktivitas.objects.filter(tanggal__month=3)} == {
        StatusAktivitas.DIAJUKAN,
        StatusAktivitas.DRAFT,
    }


def test_holidays_move_the_deadline(org, jam, maret_diajukan):
    a, _b = maret_diajukan
    HariLiburFactory(tanggal=D(TAHUN, 4, 3), nama="Wafat Yesus Kristus")
    jam.atur(D(TAHUN, 4, 8))
    aktivitas_setujui(actor=org.kasi, aktivitas=a)
    assert a.status == StatusAktivitas.DISETUJUI


def test_an_admin_reopens_one_pegawai_month_until_a_date(org, jam, rhk, maret_diajukan):
    a, b = maret_diajukan
    jam.atur(D(TAHUN, 4, 9))
    buka = bulan_buka_kunci(
        actor=org.admin_opd,
        pegawai=org.staf,
        tahun=TAHUN,
        bulan=3,
        alasan=" Atasan cuti sakit sampai 8 April ",
        sampai=D(TAHUN, 4, 14),
    )
    assert (buka.oleh, buka.alasan) == (org.admin_opd, "Atasan cuti sakit sampai 8 April")
    aktivitas_setujui(actor=org.kasi, aktivitas=a)
    aktivitas_ubah(actor=org.staf, aktivitas=b, uraian="Dilengkapi")
    # A late entry in the reopened month is accepted whatever the policy, and flagged.
    late = catat(org.staf, rhk, D(TAHUN, 3, 30))
    assert late.terlambat is True
    # Only this pegawai's month is open.
    jam.atur(D(TAHUN, 3, 31))
    lain = diajukan(org.staf_lain, org.staf_lain.skp.get().rhk.first(), D(TAHUN, 3, 31))
    jam.atur(D(TAHUN, 4, 9))
    with pytest.raises(AktivitasError, match="terkunci"):
        aktivitas_setujui(actor=org.kasi, aktivitas=lain)
    # After the reopening's last day the month is locked again.
    jam.atur(D(TAHUN, 4, 15))
    with pytest.raises(AktivitasError, match="terkunci"):
        aktivitas_ajukan(actor=org.staf, aktivitas=b)


def test_reopening_is_audited(org, jam):
    jam.atur(D(TAHUN, 4, 9))
    buka = bulan_buka_kunci(
        actor=org.admin_bkpsdm, pegawai=org.staf, tahun=TAHUN, bulan=3, alasan="Server mati", sampai=D(TAHUN, 4, 10)
    )
    event = Events.objects.filter(pgh_obj_model="kinerja.BukaKunci", pgh_obj_id=str(buka.pk)).get()
    assert event.pgh_label == "insert"
    assert event.pgh_context["user"] == org.admin_bkpsdm.pk
    assert event.pgh_data["alasan"] == "Server mati"


@pytest.mark.parametrize("persona", ["admin_opd_lain", "pimpinan"])
def test_only_admins_of_the_pegawais_opd_or_bkpsdm_reopen(org, jam, persona):
    with pytest.raises(AktivitasTidakBerwenang):
        bulan_buka_kunci(
            actor=getattr(org, persona), pegawai=org.staf, tahun=TAHUN, bulan=2, alasan="x", sampai=D(TAHUN, 3, 12)
        )
    with pytest.raises(AktivitasTidakBerwenang):
        bulan_buka_kunci(
            actor=org.kasi.user, pegawai=org.staf, tahun=TAHUN, bulan=2, alasan="x", sampai=D(TAHUN, 3, 12)
        )
    assert not BukaKunci.objects.exists()


@pytest.mark.parametrize(
    "bulan, alasan, sampai, field",
    [
        (2, "", D(TAHUN, 3, 12), "alasan"),
        (2, "Server mati", D(TAHUN, 3, 10), "sampai"),
        (4, "Server mati", D(TAHUN, 4, 30), "bulan"),
        (13, "Server mati", D(TAHUN, 4, 30), "bulan"),
    ],
)
def test_reopening_needs_a_reason_a_past_month_and_a_future_end(org, jam, bulan, alasan, sampai, field):
    with pytest.raises(AktivitasError) as exc:
        bulan_buka_kunci(actor=org.admin_opd, pegawai=org.staf, tahun=TAHUN, bulan=bulan, alasan=alasan, sampai=sampai)
    assert field in exc.value.errors


# ---------------------------------------------------------------------------------------------------------------
# Copy yesterday
# ---------------------------------------------------------------------------------------------------------------


def test_it_copies_the_last_working_days_activities_as_drafts(org, jam, skp, rhk):
    jam.atur(D(TAHUN, 3, 6))  # Friday
    a = diajukan(org.staf, rhk, D(TAHUN, 3, 6), "08:00", "10:00", uraian="Rekap data", volume=3)
    catat(
        org.staf,
        None,
        D(TAHUN, 3, 6),
        "13:00",
        "14:00",
        kategori=KategoriAktivitas.LAINNYA,
        alasan_kategori="Apel",
        lokasi="Balai kota",
    )
    ditolak = diajukan(org.staf, rhk, D(TAHUN, 3, 6), "15:00", "16:00", uraian="Rapat fiktif")
    aktivitas_tolak(actor=org.kasi, aktivitas=ditolak, catatan="Tidak ada rapat.")
    bukti_tambah_tautan(actor=org.staf, aktivitas=ditolak, url="https://example.com/x")
    jam.atur(D(TAHUN, 3, 9))  # Monday
    hasil = aktivitas_salin_kemarin(actor=org.staf)
    assert hasil.sumber_tanggal == D(TAHUN, 3, 6)
    salinan = list(Aktivitas.objects.filter(tanggal=D(TAHUN, 3, 9)).order_by("jam_mulai"))
    assert [(x.uraian, x.jam_mulai, x.status, x.kategori) for x in salinan] == [
        ("Rekap data", T(8, 0), StatusAktivitas.DRAFT, KategoriAktivitas.RHK),
        ("Menyusun laporan data", T(13, 0), StatusAktivitas.DRAFT, KategoriAktivitas.LAINNYA),
    ]
    assert (salinan[0].rhk, salinan[0].volume) == (a.rhk, Decimal("3.00"))
    assert (salinan[1].alasan_kategori, salinan[1].lokasi) == ("Apel", "Balai kota")
    assert not any(x.bukti.exists() for x in salinan)
    # Copying again finds every slot taken: nothing new, each source reported.
    lagi = aktivitas_salin_kemarin(actor=org.staf)
    assert lagi.dibuat == [] and len(lagi.dilewati) == 2
    assert Aktivitas.objects.filter(tanggal=D(TAHUN, 3, 9)).count() == 2


def test_it_copies_weekend_work_when_that_was_the_last_day_worked(org, jam, rhk):
    jam.atur(D(TAHUN, 3, 7))  # Saturday
    catat(org.staf, rhk, D(TAHUN, 3, 7), uraian="Pendataan lapangan")
    jam.atur(D(TAHUN, 3, 9))
    hasil = aktivitas_salin_kemarin(actor=org.staf)
    assert hasil.sumber_tanggal == D(TAHUN, 3, 7)
    assert [a.uraian for a in hasil.dibuat] == ["Pendataan lapangan"]


def test_copying_with_nothing_to_copy_says_so(org, jam, rhk):
    with pytest.raises(AktivitasError, match="Tidak ada aktivitas"):
        aktivitas_salin_kemarin(actor=org.staf)


# ---------------------------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------------------------


def test_settings_have_the_documented_defaults(pengaturan):
    assert (
        pengaturan.menit_efektif_minimum,
        pengaturan.batas_hari_entri,
        pengaturan.kebijakan_terlambat,
        pengaturan.batas_verifikasi_hari_kerja,
        pengaturan.maks_unggah_mb,
        pengaturan.hari_kerja_per_minggu,
    ) == (6750, 3, KebijakanTerlambat.TOLAK, 5, 10, 5)


def test_only_bkpsdm_changes_the_settings_and_values_are_validated(org):
    with pytest.raises(AktivitasTidakBerwenang):
        pengaturan_ubah(actor=org.admin_opd, menit_efektif_minimum=6000)
    pengaturan_ubah(actor=org.admin_bkpsdm, menit_efektif_minimum=6000, batas_hari_entri=2)
    with pytest.raises(AktivitasError) as exc:
        pengaturan_ubah(actor=org.admin_bkpsdm, batas_verifikasi_hari_kerja=0)
    assert "batas_verifikasi_hari_kerja" in exc.value.errors
    with pytest.raises(AktivitasError):
        pengaturan_ubah(actor=org.admin_bkpsdm, kebijakan_terlambat="abaikan")
    # A photo and a file of the evidence form must fit in one request of UNGGAH_MAKS_MB (50): 24 MB each at most.
    pengaturan_ubah(actor=org.admin_bkpsdm, maks_unggah_mb=24)
    with pytest.raises(AktivitasError, match="Paling besar 24 MB") as exc:
        pengaturan_ubah(actor=org.admin_bkpsdm, maks_unggah_mb=25)
    assert "maks_unggah_mb" in exc.value.errors
    from kinerja.models import PengaturanKinerja

    assert (PengaturanKinerja.get_solo().menit_efektif_minimum, PengaturanKinerja.objects.count()) == (6000, 1)


def test_holidays_are_kept_by_bkpsdm(org, jam, rhk):
    with pytest.raises(AktivitasTidakBerwenang):
        hari_libur_simpan(actor=org.admin_opd, tanggal=D(TAHUN, 3, 10), nama="Libur")
    libur = hari_libur_simpan(actor=org.admin_bkpsdm, tanggal=D(TAHUN, 3, 10), nama="Libur uji")
    assert catat(org.staf, rhk, D(TAHUN, 3, 5)).terlambat is False
    hari_libur_hapus(actor=org.admin_bkpsdm, hari_libur=libur)
    with pytest.raises(AktivitasError):
        catat(org.staf, rhk, D(TAHUN, 3, 4), "10:00", "11:00")
