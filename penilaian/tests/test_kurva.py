"""Admin BKPSDM's acceptance of curve deviations: services.final.kurva_terima, the period-wide selector
selectors.distribusi.kurva_periode (the same answer as distribusi_penilai, in a fixed number of queries) and the
pages penilaian:kurva and penilaian:kurva_terima."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pegawai.choices import JenisJabatan, Jenjang
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory
from penilaian.choices import CapaianOrganisasi, Predikat, Rating, StatusEvaluasi
from penilaian.errors import PenilaianError, PenilaianTidakBerwenang
from penilaian.models import Evaluasi, PenerimaanKurva
from penilaian.selectors.distribusi import distribusi_penilai, kurva_periode
from penilaian.services.capaian import capaian_tetapkan
from penilaian.services.evaluasi import evaluasi_nilai, evaluasi_siapkan
from penilaian.services.final import evaluasi_finalkan, kurva_terima
from skp.tests.factories import skp_disetujui

from .factories import TAHUN, CapaianFactory, lengkapi_bukti

pytestmark = pytest.mark.django_db

ALASAN = "Tim dua orang; keduanya memang mencapai target."


def _dinilai(pegawai, skp, periode, penilai, hasil, perilaku):
    e = evaluasi_siapkan(pegawai=pegawai, skp=skp, periode=periode)
    lengkapi_bukti(e)
    return evaluasi_nilai(actor=penilai.user, evaluasi=e, rating_hasil=hasil, rating_perilaku=perilaku)


@pytest.fixture
def menyimpang(org, periode, skp, capaian_baik):
    """Kasi rated staf and staf_lain Baik (100 % Baik, nobody Butuh Perbaikan: breaks the Baik pattern); the Plt
    kasi_tiga rated staf_dua Sangat Baik (nobody Butuh Perbaikan/Kurang either)."""
    return [
        _dinilai(org.staf, skp.staf, periode, org.kasi, Rating.SESUAI, Rating.SESUAI),
        _dinilai(org.staf_lain, skp.staf_lain, periode, org.kasi, Rating.SESUAI, Rating.SESUAI),
        _dinilai(org.staf_dua, skp.staf_dua, periode, org.kasi_tiga, Rating.DI_ATAS, Rating.DI_ATAS),
    ]


def _sama(periode):
    """kurva_periode answers for every penilai what distribusi_penilai answers for that one."""
    hasil = kurva_periode(periode)
    for k in hasil:
        tim, unit = distribusi_penilai(k.penilai, periode)
        for a, b in ((k.tim, tim), (k.unit, unit)):
            assert (a is None) == (b is None)
            if a is not None:
                assert (a.judul, a.capaian, a.jumlah, a.belum_dinilai, a.diterima) == (
                    b.judul,
                    b.capaian,
                    b.jumlah,
                    b.belum_dinilai,
                    b.diterima,
                )
    return hasil


# --- services ------------------------------------------------------------------------------------------------


def test_kurva_terima_is_refused_by_anyone_but_admin_bkpsdm(org, periode, menyimpang):
    for actor in (org.admin_opd, org.kasi.user, org.kabid.user, org.kepala.user):
        with pytest.raises(PenilaianTidakBerwenang):
            kurva_terima(actor=actor, periode=periode, penilai=org.kasi, alasan=ALASAN)
    assert not PenerimaanKurva.objects.exists()


def test_kurva_terima_needs_a_written_reason(org, periode, menyimpang):
    for alasan in ("", "  ", "singkat"):
        with pytest.raises(PenilaianError) as exc:
            kurva_terima(actor=org.admin_bkpsdm, periode=periode, penilai=org.kasi, alasan=alasan)
        assert "alasan" in exc.value.errors
    assert not PenerimaanKurva.objects.exists()


def test_kurva_terima_is_refused_when_nothing_deviates(org, periode, skp):
    CapaianFactory(periode=periode, perangkat_daerah=org.opd_a, capaian=CapaianOrganisasi.ISTIMEWA)
    _dinilai(org.staf, skp.staf, periode, org.kasi, Rating.SESUAI, Rating.SESUAI)
    with pytest.raises(PenilaianError, match="sudah sesuai"):
        kurva_terima(actor=org.admin_bkpsdm, periode=periode, penilai=org.kasi, alasan=ALASAN)


def test_an_accepted_deviation_lets_the_penilai_finalise(org, periode, menyimpang):
    with pytest.raises(PenilaianError):
        evaluasi_finalkan(actor=org.kasi.user, periode=periode)
    terima = kurva_terima(actor=org.admin_bkpsdm, periode=periode, penilai=org.kasi, alasan=ALASAN)
    assert terima.pelanggaran and terima.diterima_oleh == org.admin_bkpsdm
    final = evaluasi_finalkan(actor=org.kasi.user, periode=periode)
    assert {e.pegawai for e in final} == {org.staf, org.staf_lain}
    assert {e.status for e in final} == {StatusEvaluasi.FINAL}
    # The Plt's team is still blocked: the acceptance was for the kasi only.
    with pytest.raises(PenilaianError):
        evaluasi_finalkan(actor=org.kasi_tiga.user, periode=periode)


# --- the period-wide selector ----------------------------------------------------------------------------------


def test_kurva_periode_agrees_with_distribusi_penilai(org, periode, menyimpang):
    hasil = _sama(periode)
    assert {k.penilai for k in hasil} == {org.kasi, org.kasi_tiga}
    kasi = next(k for k in hasil if k.penilai == org.kasi)
    assert kasi.tim.jumlah[Predikat.BAIK] == 2 and kasi.menghalangi
    assert any("Baik paling banyak 70 %" in p for p in kasi.pelanggaran)
    # A unit's own capaian overrides the OPD's; an acceptance stops blocking.
    capaian_tetapkan(
        actor=org.kabid.user,
        periode=periode,
        capaian=CapaianOrganisasi.ISTIMEWA,
        unit_kerja=org.kasi.jabatan.unit_kerja,
    )
    kurva_terima(actor=org.admin_bkpsdm, periode=periode, penilai=org.kasi_tiga, alasan=ALASAN)
    hasil = _sama(periode)
    kasi = next(k for k in hasil if k.penilai == org.kasi)
    assert kasi.tim.capaian.capaian == CapaianOrganisasi.ISTIMEWA and not kasi.pelanggaran
    plt = next(k for k in hasil if k.penilai == org.kasi_tiga)
    assert plt.pelanggaran and not plt.menghalangi


def test_kurva_periode_counts_the_unit_without_the_penilai_and_drafts_apart(org, periode, skp, capaian_baik):
    kasi_skp = skp_disetujui(org.kasi, tahun=TAHUN, penilai=org.kabid, rhk=["Seksi berjalan"])
    # The kasi heads Seksi Satu: their rating hasil kerja follows its capaian.
    capaian_tetapkan(
        actor=org.kabid.user,
        periode=periode,
        capaian=CapaianOrganisasi.ISTIMEWA,
        unit_kerja=org.kasi.jabatan.unit_kerja,
    )
    _dinilai(org.kasi, kasi_skp, periode, org.kabid, Rating.DI_ATAS, Rating.DI_ATAS)
    _dinilai(org.staf, skp.staf, periode, org.kasi, Rating.DI_BAWAH, Rating.SESUAI)
    evaluasi_siapkan(pegawai=org.staf_lain, skp=skp.staf_lain, periode=periode)
    hasil = _sama(periode)
    kabid = next(k for k in hasil if k.penilai == org.kabid)
    assert kabid.unit.belum_dinilai == 1
    assert (kabid.unit.jumlah[Predikat.SANGAT_BAIK], kabid.unit.jumlah[Predikat.BUTUH_PERBAIKAN]) == (1, 1)
    kasi = next(k for k in hasil if k.penilai == org.kasi)
    assert kasi.unit.jumlah[Predikat.SANGAT_BAIK] == 0


# --- the pages -----------------------------------------------------------------------------------------------


def test_the_page_is_admin_bkpsdms_only_and_lists_the_deviations(client, org, periode, menyimpang):
    url = reverse("penilaian:kurva")
    for user in (org.kasi.user, org.admin_opd, org.staf.user):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(reverse("penilaian:kurva_terima"), {}).status_code == 404
    client.force_login(org.admin_bkpsdm)
    response = client.get(url, {"periode": periode.pk})
    assert response.status_code == 200
    assert {k.penilai for k in response.context["page_obj"].object_list} == {org.kasi, org.kasi_tiga}
    assert "Baik paling banyak 70 %" in response.content.decode()


def test_the_page_accepts_with_a_reason_and_shows_refusals(client, org, periode, menyimpang):
    client.force_login(org.admin_bkpsdm)
    url = reverse("penilaian:kurva_terima")
    data = {"periode": periode.pk, "penilai": org.kasi.pk, "alasan": ""}
    response = client.post(url, data)
    assert response.status_code == 422
    assert "Alasan wajib diisi" in response.content.decode()
    assert client.post(url, {**data, "penilai": org.kabid.pk, "alasan": ALASAN}).status_code == 404
    response = client.post(url, {**data, "alasan": ALASAN})
    assert response.status_code == 302
    terima = PenerimaanKurva.objects.get()
    assert (terima.penilai, terima.alasan) == (org.kasi, ALASAN)
    response = client.get(reverse("penilaian:kurva"), {"periode": periode.pk, "tampil": "diterima"})
    assert list(response.context["page_obj"].object_list) == [terima]
    assert ALASAN in response.content.decode()


def test_the_page_refuses_accepting_a_team_that_follows_the_curve(client, org, periode, skp):
    CapaianFactory(periode=periode, perangkat_daerah=org.opd_a, capaian=CapaianOrganisasi.ISTIMEWA)
    _dinilai(org.staf, skp.staf, periode, org.kasi, Rating.SESUAI, Rating.SESUAI)
    client.force_login(org.admin_bkpsdm)
    response = client.post(
        reverse("penilaian:kurva_terima"), {"periode": periode.pk, "penilai": org.kasi.pk, "alasan": ALASAN}
    )
    assert response.status_code == 422
    assert "sudah sesuai" in response.content.decode()


def _tim_baru(org, periode, n: int) -> None:
    """``n`` more sections under Bidang Satu, each with a kasi who rated one staf Baik (breaks the Baik pattern)."""
    bidang = org.kasi.jabatan.unit_kerja.parent
    for i in range(n):
        unit = UnitKerjaFactory(perangkat_daerah=org.opd_a, parent=bidang, nama=f"Seksi Uji {i}")
        j_kasi = JabatanFactory(
            unit_kerja=unit, jenis=JenisJabatan.PENGAWAS, jenjang=Jenjang.PENGAWAS, parent=org.kabid.jabatan
        )
        kasi = PegawaiFactory(jabatan=j_kasi)
        staf = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=unit, parent=j_kasi))
        Evaluasi.objects.create(
            pegawai=staf,
            skp=skp_disetujui(staf, tahun=TAHUN, penilai=kasi),
            periode=periode,
            tanggal=periode.tanggal_selesai,
            status=StatusEvaluasi.DINILAI,
            penilai=kasi,
            rating_hasil=Rating.SESUAI,
            rating_perilaku=Rating.SESUAI,
            predikat=Predikat.BAIK,
        )


def test_the_list_costs_the_same_queries_for_few_and_many_penilai(client, org, periode, menyimpang):
    client.force_login(org.admin_bkpsdm)
    url = reverse("penilaian:kurva")
    params = {"periode": periode.pk}
    kurva_terima(actor=org.admin_bkpsdm, periode=periode, penilai=org.kasi_tiga, alasan=ALASAN)
    client.get(url, params)
    with CaptureQueriesContext(connection) as sedikit:
        client.get(url, params)
    _tim_baru(org, periode, 12)
    with CaptureQueriesContext(connection) as banyak:
        response = client.get(url, params)
    assert response.context["page_obj"].paginator.count == 14
    assert len(banyak) == len(sedikit)
    _sama(periode)
