"""Finalising against the curve, admin BKPSDM's acceptance, reopening, closed periods, unit heads, a mid-period
transfer and the Sekda rated by the kepala daerah — the services of services/final.py and services/evaluasi.py."""

import datetime

import pytest

from kinerja.tests.factories import skp_persona  # noqa: F401 — the skp fixture's source, for reading
from pegawai.services.mutasi import catat_mutasi
from penilaian.choices import CapaianOrganisasi, JenisPeriode, Predikat, Rating, StatusEvaluasi, StatusPeriode
from penilaian.errors import PenilaianError, PenilaianTidakBerwenang
from penilaian.models import PenerimaanKurva
from penilaian.selectors.evaluasi import skp_periode
from penilaian.services.evaluasi import evaluasi_nilai, evaluasi_siapkan
from penilaian.services.final import evaluasi_buka_kembali, evaluasi_finalkan, kurva_terima
from skp.tests.factories import skp_disetujui

from .factories import TAHUN, CapaianFactory, PeriodeFactory, lengkapi_bukti

pytestmark = pytest.mark.django_db


def _dinilai(pegawai, skp, periode, penilai, hasil, perilaku):
    e = evaluasi_siapkan(pegawai=pegawai, skp=skp, periode=periode)
    lengkapi_bukti(e)
    return evaluasi_nilai(actor=penilai.user, evaluasi=e, rating_hasil=hasil, rating_perilaku=perilaku)


@pytest.fixture
def dua_baik(org, periode, skp):
    """Kasi rated staf and staf_lain Baik: 100 % Baik and nobody Butuh Perbaikan/Kurang."""
    return [
        _dinilai(org.staf, skp.staf, periode, org.kasi, Rating.SESUAI, Rating.SESUAI),
        _dinilai(org.staf_lain, skp.staf_lain, periode, org.kasi, Rating.SESUAI, Rating.SESUAI),
    ]


def test_finalising_waits_for_the_capaian_organisasi(org, periode, dua_baik):
    with pytest.raises(PenilaianError) as exc:
        evaluasi_finalkan(actor=org.kasi.user, periode=periode)
    assert any("belum ditetapkan" in d for d in exc.value.daftar)


def test_a_curve_violation_blocks_finalising_and_lists_every_condition(org, periode, dua_baik, capaian_baik):
    with pytest.raises(PenilaianError) as exc:
        evaluasi_finalkan(actor=org.kasi.user, periode=periode)
    teks = " ".join(exc.value.daftar)
    assert "Baik paling banyak 70 %" in teks
    assert "harus ada Butuh Perbaikan" in teks
    assert {e.status for e in org.kasi.evaluasi_dinilai.all()} == {StatusEvaluasi.DINILAI}


def test_admin_bkpsdm_accepts_the_deviation_with_a_reason_then_finalising_freezes_the_identities(
    org, periode, dua_baik, capaian_baik
):
    with pytest.raises(PenilaianTidakBerwenang):
        kurva_terima(actor=org.admin_opd, periode=periode, penilai=org.kasi, alasan="Tim kecil, dua orang saja.")
    with pytest.raises(PenilaianError):
        kurva_terima(actor=org.admin_bkpsdm, periode=periode, penilai=org.kasi, alasan="  ")
    terima = kurva_terima(
        actor=org.admin_bkpsdm, periode=periode, penilai=org.kasi, alasan="Tim kecil, dua orang saja."
    )
    assert terima.pelanggaran
    final = evaluasi_finalkan(actor=org.kasi.user, periode=periode)
    assert len(final) == 2
    e = final[0]
    e.refresh_from_db()
    assert e.status == StatusEvaluasi.FINAL
    assert e.identitas_pegawai["nip"] == e.pegawai.nip
    assert e.identitas_penilai["nama"] == org.kasi.nama_lengkap
    assert e.identitas_atasan_penilai["nama"] == org.kabid.nama_lengkap
    assert e.capaian_organisasi == CapaianOrganisasi.BAIK
    assert e.pola_distribusi


def test_a_spread_that_holds_finalises_without_an_acceptance(org, periode, skp, capaian_baik):
    _dinilai(org.staf, skp.staf, periode, org.kasi, Rating.SESUAI, Rating.SESUAI)
    _dinilai(org.staf_lain, skp.staf_lain, periode, org.kasi, Rating.DI_BAWAH, Rating.SESUAI)
    # The unit (Seksi Satu and below) holds the same two people: Baik 50 %, Butuh Perbaikan present.
    assert len(evaluasi_finalkan(actor=org.kasi.user, periode=periode)) == 2
    assert not PenerimaanKurva.objects.exists()


def test_nothing_deviating_cannot_be_accepted(org, periode, skp, capaian_baik):
    _dinilai(org.staf, skp.staf, periode, org.kasi, Rating.SESUAI, Rating.SESUAI)
    _dinilai(org.staf_lain, skp.staf_lain, periode, org.kasi, Rating.DI_BAWAH, Rating.SESUAI)
    with pytest.raises(PenilaianError):
        kurva_terima(actor=org.admin_bkpsdm, periode=periode, penilai=org.kasi, alasan="Tidak ada yang menyimpang.")


def test_a_final_evaluation_is_reopened_only_with_a_reason_and_then_rated_again(org, periode, dua_baik, capaian_baik):
    kurva_terima(actor=org.admin_bkpsdm, periode=periode, penilai=org.kasi, alasan="Tim kecil, dua orang saja.")
    e = evaluasi_finalkan(actor=org.kasi.user, periode=periode)[0]
    with pytest.raises(PenilaianError):
        evaluasi_nilai(actor=org.kasi.user, evaluasi=e, rating_hasil=1, rating_perilaku=1)
    with pytest.raises(PenilaianError):
        evaluasi_buka_kembali(actor=org.kasi.user, evaluasi=e, alasan="")
    with pytest.raises(PenilaianTidakBerwenang):
        evaluasi_buka_kembali(actor=org.staf.user, evaluasi=e, alasan="Saya ingin dinilai ulang")
    evaluasi_buka_kembali(actor=org.admin_bkpsdm, evaluasi=e, alasan="Salah ketik rating")
    e.refresh_from_db()
    assert e.status == StatusEvaluasi.DINILAI
    assert e.riwayat.filter(aksi="dibuka_kembali", catatan="Salah ketik rating").exists()
    evaluasi_nilai(actor=org.kasi.user, evaluasi=e, rating_hasil=Rating.DI_ATAS, rating_perilaku=Rating.DI_ATAS)
    assert e.predikat == Predikat.SANGAT_BAIK


def test_a_closed_period_locks_rating(org, periode, skp):
    e = evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=periode)
    lengkapi_bukti(e)
    periode.status = StatusPeriode.DITUTUP
    periode.save()
    with pytest.raises(PenilaianError, match="sudah ditutup"):
        evaluasi_nilai(actor=org.kasi.user, evaluasi=e, rating_hasil=1, rating_perilaku=1)


def test_the_head_of_a_unit_takes_the_units_capaian_as_rating_hasil(org, periode):
    skp_kasi = skp_disetujui(org.kasi, tahun=TAHUN, rhk=["Seksi Satu melayani"], penilai=org.kabid)
    e = evaluasi_siapkan(pegawai=org.kasi, skp=skp_kasi, periode=periode)
    assert e.penilai == org.kabid
    lengkapi_bukti(e)
    with pytest.raises(PenilaianError, match="belum ditetapkan"):
        evaluasi_nilai(actor=org.kabid.user, evaluasi=e, rating_hasil=Rating.DI_ATAS, rating_perilaku=Rating.SESUAI)
    seksi = org.kasi.jabatan.unit_kerja
    CapaianFactory(periode=periode, unit_kerja=seksi, capaian=CapaianOrganisasi.ISTIMEWA)
    # The penilai's pick for hasil kerja is replaced by the capaian's rating (Istimewa → Di Atas).
    evaluasi_nilai(actor=org.kabid.user, evaluasi=e, rating_hasil=Rating.DI_BAWAH, rating_perilaku=Rating.DI_ATAS)
    assert (e.rating_hasil, e.predikat) == (Rating.DI_ATAS, Predikat.SANGAT_BAIK)


def test_a_transfer_within_the_period_gives_two_evaluations_each_rated_by_the_penilai_of_then(org, periode):
    tmt = datetime.date(TAHUN, 2, 15)
    lama = skp_disetujui(
        org.staf, tahun=TAHUN, rhk=["Data tersusun"], penilai=org.kasi, tanggal_selesai=tmt - datetime.timedelta(1)
    )
    catat_mutasi(org.staf, org.staf_dua.jabatan, tmt)
    baru = skp_disetujui(
        org.staf,
        tahun=TAHUN,
        rhk=["Analisis tersusun"],
        penilai=org.kasi_tiga,
        jabatan=org.staf_dua.jabatan,
        tanggal_mulai=tmt,
    )
    assert skp_periode(org.staf, periode) == [lama, baru]
    e_lama = evaluasi_siapkan(pegawai=org.staf, skp=lama, periode=periode)
    e_baru = evaluasi_siapkan(pegawai=org.staf, skp=baru, periode=periode)
    assert (e_lama.tanggal, e_lama.penilai) == (tmt - datetime.timedelta(1), org.kasi)
    assert (e_baru.tanggal, e_baru.penilai) == (periode.tanggal_selesai, org.kasi_tiga)
    # The annual evaluation takes the last SKP of the year, rated by the penilai at year end.
    tahunan = PeriodeFactory(jenis=JenisPeriode.TAHUNAN, nomor=1)
    assert skp_periode(org.staf, tahunan) == [baru]


def test_the_sekda_is_rated_by_the_kepala_daerah_through_admin_bkpsdm(org, periode):
    skp_kepala = skp_disetujui(org.kepala, tahun=TAHUN, rhk=["Kota melayani"])
    e = evaluasi_siapkan(pegawai=org.kepala, skp=skp_kepala, periode=periode)
    assert (e.penilai, e.oleh_kepala_daerah) == (None, True)
    lengkapi_bukti(e)
    with pytest.raises(PenilaianTidakBerwenang):
        evaluasi_nilai(actor=org.admin_opd, evaluasi=e, rating_hasil=1, rating_perilaku=2)
    # Kepala Dinas A heads the OPD's top unit: the OPD's capaian is their rating hasil kerja.
    CapaianFactory(periode=periode, perangkat_daerah=org.opd_a, capaian=CapaianOrganisasi.BAIK)
    evaluasi_nilai(actor=org.admin_bkpsdm, evaluasi=e, rating_hasil=Rating.DI_ATAS, rating_perilaku=Rating.SESUAI)
    assert e.rating_hasil == Rating.SESUAI
    [final] = evaluasi_finalkan(actor=org.admin_bkpsdm, periode=periode, kepala_daerah=True)
    final.refresh_from_db()
    assert final.identitas_penilai["kepala_daerah"] is True
