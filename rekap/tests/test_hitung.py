"""The recap columns against numbers worked out by hand (rekap/tests/fixtures.py), reruns, and the query count."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.choices import StatusAktivitas
from kinerja.models import Aktivitas
from pegawai.models import RiwayatJabatan
from pegawai.tests.factories import JabatanFactory, PegawaiFactory
from rekap.choices import JenisPeriodeRekap, TingkatRekap
from rekap.models import RekapPegawai, RekapRhk, RekapUnit
from rekap.services.hitung import hitung_agregat, hitung_opd
from rekap.services.periode import periode_rekap
from skp.choices import SkpStatus
from skp.models import Skp
from skp.tests.factories import IkiFactory, RhkFactory, SkpFactory

from .fixtures import HARAPAN, HARI_INI, NOL, D, _waktu, bangun

pytestmark = pytest.mark.django_db

KOLOM = list(NOL)


def _hitung(org, jenis=JenisPeriodeRekap.BULAN, nomor=3):
    periode = periode_rekap(jenis, 2026, nomor)
    for opd in (org.opd_a, org.opd_b):
        hitung_opd(periode, opd.pk, hari_ini=HARI_INI)
    hitung_agregat(periode)
    return periode


def _baris(periode):
    return {r.pegawai_id: r for r in RekapPegawai.objects.filter(periode=periode)}


def test_every_column_of_every_pegawai_equals_the_hand_count(org, monkeypatch):
    bangun(org, monkeypatch)
    periode = _hitung(org)
    baris = _baris(periode)
    assert len(baris) == len(HARAPAN)
    for persona, (opd, harapan) in HARAPAN.items():
        pegawai = getattr(org, persona)
        r = baris[pegawai.pk]
        assert {k: getattr(r, k) for k in KOLOM} == {**NOL, **harapan}, persona
        assert r.perangkat_daerah_id == getattr(org, opd).pk, persona
    # The transfer counts where the pegawai ended: Dinas B's unit.
    assert baris[org.staf_lain.pk].unit_kerja_id == org.staf_b.jabatan.unit_kerja_id


def test_rhk_realisasi_follows_kinerja_roll_up(org, monkeypatch):
    skp = bangun(org, monkeypatch)
    periode = _hitung(org)
    rows = {r.rhk_id: r for r in RekapRhk.objects.filter(periode=periode)}
    # Every RHK of the three approved SKP, none of the others.
    assert len(rows) == 6
    rhk1, rhk2 = skp.rhk(skp.staf, 1), skp.rhk(skp.staf, 2)
    # 1 + 2 dokumen approved against a target of 12: 25 %; the rejected and the submitted ones do not count.
    assert (rows[rhk1.pk].aktivitas_n, rows[rhk1.pk].menit_disetujui, rows[rhk1.pk].persen_realisasi) == (
        2,
        180,
        Decimal("25.00"),
    )
    assert (rows[rhk2.pk].aktivitas_n, rows[rhk2.pk].persen_realisasi) == (0, Decimal("0.00"))
    # staf_lain's tugas tambahan is on no RHK; its RHK 1 has the 11 March activity (1 of 12).
    lain = rows[skp.rhk(skp.staf_lain, 1).pk]
    assert (lain.aktivitas_n, lain.persen_realisasi, lain.perangkat_daerah_id) == (1, Decimal("8.33"), org.opd_b.pk)


def test_aggregates_sum_the_pegawai_rows_per_unit_opd_and_city(org, monkeypatch):
    bangun(org, monkeypatch)
    periode = _hitung(org)
    unit = {r.kunci: r for r in RekapUnit.objects.filter(periode=periode)}
    kota = unit["kota"]
    assert (kota.tingkat, kota.pegawai_n, kota.pegawai_lapor_n, kota.skp_disetujui_n) == (TingkatRekap.KOTA, 9, 3, 3)
    assert (kota.evaluasi_final_n, kota.predikat_2_n, kota.predikat_1_n) == (1, 1, 0)
    semua = list(RekapPegawai.objects.filter(periode=periode))
    for kolom in KOLOM[:16]:
        assert getattr(kota, kolom) == sum(getattr(r, kolom) for r in semua), kolom
    a = unit[f"opd:{org.opd_a.pk}"]
    assert (a.pegawai_n, a.hari_kerja, a.menit_disetujui, a.verifikasi_terlambat_n) == (6, 20 + 25 + 21 * 4, 240, 2)
    seksi1 = unit[f"unit:{org.staf.jabatan.unit_kerja_id}"]
    assert (seksi1.pegawai_n, seksi1.perangkat_daerah_id, seksi1.aktivitas_n) == (2, org.opd_a.pk, 5)
    # One row per unit holding a pegawai, per OPD and the city.
    assert len(unit) == len({r.unit_kerja_id for r in semua}) + 2 + 1


def test_a_quarter_counts_its_three_months(org, monkeypatch):
    bangun(org, monkeypatch)
    periode = _hitung(org, JenisPeriodeRekap.TRIWULAN, 1)
    r = RekapPegawai.objects.get(periode=periode, pegawai=org.kepala)
    # January 2026: 22 weekdays (1 January is a Thursday, no holiday stored), February 20, March 21: 63 days.
    assert (r.hari_kerja, r.menit_target) == (63, 3 * 6300)


def test_rerun_gives_identical_rows_and_drops_a_pegawai_who_left(org, monkeypatch):
    bangun(org, monkeypatch)
    pergi = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=org.staf.jabatan.unit_kerja, parent=org.kasi.jabatan))
    periode = _hitung(org)
    pertama = {r.pegawai_id: {k: getattr(r, k) for k in KOLOM} for r in RekapPegawai.objects.filter(periode=periode)}
    unit_pertama = {r.kunci: r.pegawai_n for r in RekapUnit.objects.filter(periode=periode)}
    assert pergi.pk in pertama
    RiwayatJabatan.objects.filter(pegawai=pergi).update(tanggal_selesai="2026-02-28")
    _hitung(org)
    _hitung(org)
    kedua = {r.pegawai_id: {k: getattr(r, k) for k in KOLOM} for r in RekapPegawai.objects.filter(periode=periode)}
    del pertama[pergi.pk]
    assert kedua == pertama
    unit_kedua = {r.kunci: r.pegawai_n for r in RekapUnit.objects.filter(periode=periode)}
    assert unit_kedua[f"opd:{org.opd_a.pk}"] == unit_pertama[f"opd:{org.opd_a.pk}"] - 1
    assert RekapRhk.objects.filter(periode=periode).count() == 6


def _tambah(org, n):
    for _ in range(n):
        PegawaiFactory(jabatan=JabatanFactory(unit_kerja=org.staf.jabatan.unit_kerja, parent=org.kasi.jabatan))


def test_query_count_of_hitung_opd_does_not_grow_with_pegawai(org, monkeypatch):
    bangun(org, monkeypatch)
    periode = periode_rekap(JenisPeriodeRekap.BULAN, 2026, 3)
    _tambah(org, 5)
    with CaptureQueriesContext(connection) as sedikit:
        hitung_opd(periode, org.opd_a.pk, hari_ini=HARI_INI)
    _tambah(org, 45)
    with CaptureQueriesContext(connection) as banyak:
        n = hitung_opd(periode, org.opd_a.pk, hari_ini=HARI_INI)
    assert n == 6 + 50
    assert len(banyak) == len(sedikit)


def test_deleting_what_a_recap_row_names_goes_through_django(org, monkeypatch):
    """The recap rows' references are not checked by the database (rekap.models.RekapPegawai): Django's on_delete
    still removes a deleted pegawai's or RHK's rows and refuses to delete an OPD that recap rows name."""
    bangun(org, monkeypatch)
    pergi = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=org.staf.jabatan.unit_kerja, parent=org.kasi.jabatan))
    periode = _hitung(org)
    assert RekapPegawai.objects.filter(periode=periode, pegawai=pergi).exists()
    pergi.delete()
    assert not RekapPegawai.objects.filter(pegawai_id=pergi.pk).exists()

    # An RHK no activity was entered on (an activity's RHK is protected).
    rhk = next(r.rhk for r in RekapRhk.objects.filter(periode=periode) if not Aktivitas.objects.filter(rhk=r.rhk_id))
    rhk.delete()
    assert not RekapRhk.objects.filter(rhk_id=rhk.pk).exists()

    with pytest.raises(ProtectedError) as refused:
        org.opd_b.delete()
    assert any(isinstance(o, RekapPegawai) for o in refused.value.protected_objects)
    assert RekapPegawai.objects.filter(periode=periode, perangkat_daerah=org.opd_b).exists()


def test_an_rhk_counts_the_activities_entered_on_its_earlier_versions(org, monkeypatch):
    """Two perubahan of staf's SKP in March: RHK 1 is carried into version 2 (asal) and on into version 3; the
    recap's row is the RHK of version 3, counting the activities of all three. An RHK copied from another SKP
    (last year's, ``salin tahun lalu``) keeps its own count, and a version no longer in force gets no row."""
    skp = bangun(org, monkeypatch)
    v1 = skp.staf
    rhk1 = skp.rhk(v1, 1)
    lama, penerus = v1, rhk1
    for n in (2, 3):
        Skp.objects.filter(pk=lama.pk).update(digantikan_pada=timezone.now())
        lama = SkpFactory(pegawai=org.staf, tahun=2026, status=SkpStatus.DISETUJUI, versi=n, versi_sebelumnya=lama)
        penerus = RhkFactory(skp=lama, teks=rhk1.teks, urutan=1, asal=penerus)
        IkiFactory(rhk=penerus, target_min=Decimal(12), satuan="Dokumen ")  # the satuan as typed, normalised
    v2_rhk = penerus.asal
    # One more approved dokumen entered on version 2 while it was in force.
    Aktivitas.objects.create(
        pegawai=org.staf,
        rhk=v2_rhk,
        tanggal=D(2026, 3, 9),
        jam_mulai="08:00",
        jam_selesai="09:00",
        menit=60,
        uraian="Menyusun laporan",
        volume=Decimal(1),
        satuan="dokumen",
        status=StatusAktivitas.DISETUJUI,
        diverifikasi_oleh=org.kasi,
        diverifikasi_pada=_waktu(D(2026, 3, 10)),
    )
    # An RHK of another SKP copied from RHK 1 (last year's copy style): asal set, but not the previous version.
    lain = RhkFactory(skp=skp.staf_lain, teks="Salinan", urutan=9, asal=rhk1)

    periode = _hitung(org)
    rows = {r.rhk_id: r for r in RekapRhk.objects.filter(periode=periode)}
    # Version 3's RHK 1 and nothing of versions 1 and 2.
    assert rhk1.pk not in rows and v2_rhk.pk not in rows
    akhir = rows[penerus.pk]
    # 1 + 2 dokumen on version 1 and 1 on version 2, of 12: a third.
    assert (akhir.aktivitas_n, akhir.menit_disetujui, akhir.persen_realisasi) == (3, 240, Decimal("33.33"))
    assert (rows[lain.pk].aktivitas_n, rows[lain.pk].persen_realisasi) == (0, None)
