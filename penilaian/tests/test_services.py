import pytest

from penilaian.choices import Predikat, Rating, StatusEvaluasi
from penilaian.errors import PenilaianError, PenilaianTidakBerwenang
from penilaian.services.evaluasi import evaluasi_nilai, evaluasi_siapkan

from .factories import lengkapi_bukti

pytestmark = pytest.mark.django_db


def test_it_prepares_one_evaluation_per_skp_and_period_with_the_rhk(org, periode, skp):
    e = evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=periode)
    again = evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=periode)
    assert again.pk == e.pk
    assert e.penilai == org.kasi
    assert e.rhk.count() == 2
    assert e.perilaku.count() == 7


def test_it_refuses_rating_while_an_rhk_has_no_evidence(org, periode, skp):
    e = evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=periode)
    with pytest.raises(PenilaianError) as exc:
        evaluasi_nilai(actor=org.kasi.user, evaluasi=e, rating_hasil=1, rating_perilaku=1)
    assert len(exc.value.daftar) == 2
    e.refresh_from_db()
    assert e.status == StatusEvaluasi.DRAFT


def test_the_penilai_rates_and_the_predikat_follows_the_matrix(org, periode, skp):
    e = evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=periode)
    lengkapi_bukti(e)
    evaluasi_nilai(actor=org.kasi.user, evaluasi=e, rating_hasil=Rating.DI_ATAS, rating_perilaku=Rating.SESUAI)
    e.refresh_from_db()
    assert (e.status, e.predikat) == (StatusEvaluasi.DINILAI, Predikat.BAIK)
    assert e.riwayat.count() == 1


def test_someone_who_is_not_the_penilai_on_the_date_is_refused(org, periode, skp):
    e = evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=periode)
    lengkapi_bukti(e)
    for orang in (org.kabid, org.staf, org.kasi_tiga):
        with pytest.raises(PenilaianTidakBerwenang):
            evaluasi_nilai(actor=orang.user, evaluasi=e, rating_hasil=1, rating_perilaku=1)


def test_the_plt_rates_the_bawahan_of_the_acting_position(org, periode, skp):
    e = evaluasi_siapkan(pegawai=org.staf_dua, skp=skp.staf_dua, periode=periode)
    assert e.penilai == org.kasi_tiga
    lengkapi_bukti(e)
    evaluasi_nilai(actor=org.kasi_tiga.user, evaluasi=e, rating_hasil=2, rating_perilaku=2)
    assert e.predikat == Predikat.BAIK
