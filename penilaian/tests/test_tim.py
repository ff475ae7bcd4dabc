"""The team sheet and the distribution panel: their rows, and a query count that does not grow with the team."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pegawai.tests.factories import PegawaiFactory
from penilaian.choices import Predikat, Rating, StatusEvaluasi
from penilaian.selectors.tim import BELUM, tim_penilaian
from penilaian.services.evaluasi import evaluasi_nilai, evaluasi_siapkan
from skp.tests.factories import skp_disetujui

from .factories import TAHUN, lengkapi_bukti

pytestmark = pytest.mark.django_db


def _tambah_bawahan(org, periode, n: int, mulai: int = 0) -> None:
    """``n`` more bawahan of the kasi in Staf A's position, each with an approved SKP; every third is prepared,
    every sixth rated, so the sheet mixes every state."""
    for i in range(mulai, mulai + n):
        p = PegawaiFactory(jabatan=org.staf.jabatan, nama=f"Bawahan {i:03d}")
        skp = skp_disetujui(p, tahun=TAHUN, penilai=org.kasi, rhk=[f"Hasil {i}"])
        if i % 3 == 0:
            e = evaluasi_siapkan(pegawai=p, skp=skp, periode=periode)
            if i % 6 == 0:
                lengkapi_bukti(e)
                evaluasi_nilai(actor=org.kasi.user, evaluasi=e, rating_hasil=Rating.SESUAI, rating_perilaku=2)


def _hitung(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_it_lists_every_bawahan_with_skp_state_and_progress(org, periode, skp):
    e = evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=periode)
    lengkapi_bukti(e)
    evaluasi_nilai(actor=org.kasi.user, evaluasi=e, rating_hasil=Rating.DI_ATAS, rating_perilaku=Rating.DI_ATAS)
    rows = {r.pegawai: r for r in tim_penilaian(org.kasi, periode)}
    assert set(rows) == {org.staf, org.staf_lain}
    assert (rows[org.staf].keadaan, rows[org.staf].predikat) == (StatusEvaluasi.DINILAI, Predikat.SANGAT_BAIK)
    assert (rows[org.staf].rhk_dengan_bukti, rows[org.staf].rhk_total) == (2, 2)
    assert (rows[org.staf_lain].keadaan, rows[org.staf_lain].rhk_total) == (BELUM, 2)
    assert rows[org.staf_lain].skp == skp.staf_lain


def test_it_filters_by_name_state_and_predikat(org, periode, skp):
    e = evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=periode)
    lengkapi_bukti(e)
    evaluasi_nilai(actor=org.kasi.user, evaluasi=e, rating_hasil=2, rating_perilaku=2)
    assert [r.pegawai for r in tim_penilaian(org.kasi, periode, {"q": "lain"})] == [org.staf_lain]
    assert [r.pegawai for r in tim_penilaian(org.kasi, periode, {"keadaan": BELUM})] == [org.staf_lain]
    assert [r.pegawai for r in tim_penilaian(org.kasi, periode, {"predikat": Predikat.BAIK})] == [org.staf]
    assert tim_penilaian(org.kasi, periode, {"predikat": Predikat.KURANG}) == []


def test_the_plt_rates_the_bawahan_of_the_acting_position(org, periode, skp):
    assert [r.pegawai for r in tim_penilaian(org.kasi_tiga, periode)] == [org.staf_dua]


def test_an_evaluation_naming_the_penilai_stays_on_their_sheet(org, periode, skp):
    e = evaluasi_siapkan(pegawai=org.staf_dua, skp=skp.staf_dua, periode=periode)
    e.penilai = org.kasi
    e.save()
    assert org.staf_dua in {r.pegawai for r in tim_penilaian(org.kasi, periode)}


def test_the_admin_variant_lists_whom_the_kepala_daerah_rates(org, periode):
    skp_kepala = skp_disetujui(org.kepala, tahun=TAHUN, rhk=["Pelayanan meningkat"])
    rows = tim_penilaian(None, periode, kepala_daerah=True)
    assert {r.pegawai for r in rows} == {org.kepala, org.kepala_b}
    assert {r.skp for r in rows} == {skp_kepala, None}


def test_the_team_sheet_and_the_panel_take_the_same_queries_for_5_and_50_bawahan(client, org, periode, capaian_baik):
    client.force_login(org.kasi.user)
    tim = reverse("penilaian:tim", args=[periode.pk])
    _tambah_bawahan(org, periode, 5)
    e = org.kasi.evaluasi_dinilai.filter(periode=periode).first()
    panel = f"{reverse('penilaian:distribusi', args=[periode.pk])}?evaluasi={e.pk}&predikat=1"
    lima = (_hitung(client, tim), _hitung(client, panel))
    _tambah_bawahan(org, periode, 45, mulai=5)
    lima_puluh = (_hitung(client, tim), _hitung(client, panel))
    assert lima == lima_puluh
    response = client.get(tim)
    assert response.content.decode().count('data-testid="baris-') >= 50


def test_the_evidence_count_takes_approved_activity_evidence_of_the_window_and_added_evidence(org, periode, skp):
    """jumlah_bukti, the team sheet's progress: an RHK counts with evidence of an approved activity dated inside the
    period (also when entered against the RHK's earlier version), or with evidence the pegawai added; a draft
    activity's evidence or one dated after the period does not count."""
    import datetime

    from kinerja.choices import JenisBukti, StatusAktivitas
    from kinerja.models import BuktiDukung
    from kinerja.tests.factories import AktivitasFactory
    from penilaian.selectors.evaluasi import jumlah_bukti
    from penilaian.services.evaluasi import evaluasi_siapkan

    from .factories import bukti_tautan

    e = evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=periode)
    satu, dua = e.rhk.order_by("urutan")

    def aktivitas(rhk, tanggal, status):
        a = AktivitasFactory(pegawai=org.staf, rhk=rhk, tanggal=tanggal, status=status)
        BuktiDukung.objects.create(aktivitas=a, jenis=JenisBukti.TAUTAN, url="https://contoh.go.id/bukti")

    aktivitas(dua.rhk, datetime.date(2026, 3, 10), StatusAktivitas.DRAFT)
    aktivitas(dua.rhk, datetime.date(2026, 4, 2), StatusAktivitas.DISETUJUI)
    assert jumlah_bukti([e.pk]) == {e.pk: (0, 2)}
    aktivitas(satu.rhk, datetime.date(2026, 3, 11), StatusAktivitas.DISETUJUI)
    assert jumlah_bukti([e.pk]) == {e.pk: (1, 2)}
    bukti_tautan(dua)
    assert jumlah_bukti([e.pk]) == {e.pk: (2, 2)}
