"""The dialog kinerja: who writes (the pegawai and their pejabat penilai for the period, a Plt included), who
reads, the policy feedback only from the pegawai, the notification of the other side after commit, and the thread
page (read only for non-participants, a constant number of queries whatever the number of messages)."""

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pghistory.models import Events

from penilaian.choices import JenisPesan, StatusPeriode
from penilaian.errors import PenilaianError, PenilaianTidakBerwenang
from penilaian.models import PesanDialog
from penilaian.selectors.dialog import dialog_visible, jumlah_pesan, penilai_periode
from penilaian.services.dialog import pesan_kirim
from portal.models import Notifikasi

from .factories import TAHUN, PeriodeFactory

pytestmark = pytest.mark.django_db


def _kirim(org, periode, oleh, teks="Bagaimana capaian laporan bulan ini?", pegawai=None, **kwargs):
    return pesan_kirim(actor=oleh.user, pegawai=pegawai or org.staf, periode=periode, teks=teks, **kwargs)


def _pesan(org, periode, n, pegawai=None):
    pegawai = pegawai or org.staf
    PesanDialog.objects.bulk_create(
        PesanDialog(pegawai=pegawai, periode=periode, pengirim=org.kasi if i % 2 else pegawai, teks=f"Pesan {i}")
        for i in range(n)
    )


# --- who takes part ---------------------------------------------------------------------------------------------


def test_it_takes_the_penilai_of_the_approved_skp(org, periode, skp):
    assert penilai_periode(org.staf, periode) == [org.kasi]
    assert penilai_periode(org.staf_dua, periode) == [org.kasi_tiga]


def test_it_falls_back_to_the_atasan_on_the_period_end_without_an_skp(org, periode):
    assert penilai_periode(org.staf, periode) == [org.kasi]
    assert penilai_periode(org.staf_dua, periode) == [org.kasi_tiga]


# --- pesan_kirim --------------------------------------------------------------------------------------------------


def test_it_lets_the_pegawai_and_the_penilai_write(org, periode, skp):
    _kirim(org, periode, org.staf)
    _kirim(org, periode, org.kasi, teks="Sudah baik, lengkapi bukti dukungnya.")
    rows = list(PesanDialog.objects.filter(pegawai=org.staf, periode=periode).values_list("pengirim_id", "jenis"))
    assert rows == [(org.staf.pk, JenisPesan.DIALOG), (org.kasi.pk, JenisPesan.DIALOG)]


def test_it_lets_the_plt_write_in_the_dialog_of_their_bawahan(org, periode, skp):
    pesan = _kirim(org, periode, org.kasi_tiga, pegawai=org.staf_dua)
    assert pesan.pengirim == org.kasi_tiga


@pytest.mark.parametrize("siapa", ["kabid", "staf_lain", "kasi_tiga", "kepala_b"])
def test_it_refuses_a_non_participant(org, periode, skp, siapa):
    with pytest.raises(PenilaianTidakBerwenang):
        _kirim(org, periode, getattr(org, siapa))
    assert not PesanDialog.objects.exists()


def test_it_refuses_an_admin_without_a_pegawai(org, periode, skp):
    with pytest.raises(PenilaianTidakBerwenang):
        pesan_kirim(actor=org.admin_bkpsdm, pegawai=org.staf, periode=periode, teks="Halo")


def test_it_lets_the_pegawai_send_feedback_on_policy(org, periode, skp):
    pesan = _kirim(org, periode, org.staf, "Format laporan terlalu panjang.", jenis=JenisPesan.UMPAN_BALIK_KEBIJAKAN)
    assert pesan.jenis == JenisPesan.UMPAN_BALIK_KEBIJAKAN


def test_it_refuses_policy_feedback_from_the_atasan(org, periode, skp):
    with pytest.raises(PenilaianTidakBerwenang) as exc:
        _kirim(org, periode, org.kasi, jenis=JenisPesan.UMPAN_BALIK_KEBIJAKAN)
    assert "jenis" in exc.value.errors
    assert not PesanDialog.objects.exists()


@pytest.mark.parametrize(
    ("teks", "jenis", "field"),
    [
        ("   ", JenisPesan.DIALOG, "teks"),
        ("x" * 4001, JenisPesan.DIALOG, "teks"),
        ("Halo", "lainnya", "jenis"),
    ],
)
def test_it_refuses_invalid_input(org, periode, skp, teks, jenis, field):
    with pytest.raises(PenilaianError) as exc:
        _kirim(org, periode, org.staf, teks, jenis=jenis)
    assert field in exc.value.errors
    assert not PesanDialog.objects.exists()


def test_it_keeps_line_breaks_and_the_longest_text(org, periode, skp):
    assert _kirim(org, periode, org.staf, "Baris satu\nBaris dua").teks == "Baris satu\nBaris dua"
    assert len(_kirim(org, periode, org.staf, "x" * 4000).teks) == 4000


def test_it_lets_the_dialog_go_on_after_the_period_closed(org, periode, skp):
    periode.status = StatusPeriode.DITUTUP
    periode.save()
    assert _kirim(org, periode, org.staf).pk


def test_it_notifies_the_other_side_after_commit(org, periode, skp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dari_staf = _kirim(org, periode, org.staf)
    assert not Notifikasi.objects.exists()
    for callback in callbacks:
        callback()
    with django_capture_on_commit_callbacks(execute=True):
        dari_kasi = _kirim(org, periode, org.kasi, teks="Baik, kita bahas Senin.")
    url = reverse("penilaian:dialog", args=[org.staf.pk, periode.pk])
    rows = set(Notifikasi.objects.values_list("user_id", "jenis", "url"))
    assert rows == {
        (org.kasi.user_id, f"dialog:{dari_staf.pk}", url),
        (org.staf.user_id, f"dialog:{dari_kasi.pk}", url),
    }


def test_it_records_the_message_in_the_audit_trail(org, periode, skp):
    pesan = _kirim(org, periode, org.staf)
    event = Events.objects.tracks(pesan).get(pgh_label="insert")
    assert event.pgh_context["user"] == org.staf.user_id


# --- reading ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "peserta"),
    [("staf", True), ("kasi", True), ("kabid", False), ("admin_opd", False), ("admin_bkpsdm", False)],
)
def test_it_opens_the_thread_to_participants_and_to_who_sees_the_pegawai(org, periode, skp, persona, peserta):
    user = org.user(persona) if persona.startswith("admin") else getattr(org, persona).user
    d = dialog_visible(user, org.staf.pk, periode.pk)
    assert (d.pegawai, d.periode, d.peserta) == (org.staf, periode, peserta)


@pytest.mark.parametrize("persona", ["kasi_tiga", "staf_lain", "admin_opd_lain", "staf_b"])
def test_it_hides_the_thread_from_everyone_else(org, periode, skp, persona):
    user = org.admin_opd_lain if persona == "admin_opd_lain" else getattr(org, persona).user
    with pytest.raises(Http404):
        dialog_visible(user, org.staf.pk, periode.pk)


def test_it_keeps_the_thread_of_a_past_penilai_who_no_longer_sees_the_pegawai(org, periode, skp):
    # The Plt rated Staf Dua in Triwulan I; after the term ends they no longer see them today, yet stay a participant.
    org.plt.tanggal_selesai = datetime.date(TAHUN, 4, 30)
    org.plt.save()
    d = dialog_visible(org.kasi_tiga.user, org.staf_dua.pk, periode.pk)
    assert d.peserta


def test_it_answers_404_for_an_unknown_period_or_pegawai(org, periode):
    with pytest.raises(Http404):
        dialog_visible(org.admin_bkpsdm, org.staf.pk, periode.pk + 999)
    with pytest.raises(Http404):
        dialog_visible(org.admin_bkpsdm, org.staf.pk + 999, periode.pk)


def test_it_counts_messages_per_pegawai_and_period_in_one_query(org, periode, skp, django_assert_num_queries):
    lain = PeriodeFactory(nomor=2)
    _pesan(org, periode, 3)
    _pesan(org, lain, 1)
    _pesan(org, periode, 2, pegawai=org.staf_lain)
    with django_assert_num_queries(1):
        hitung = jumlah_pesan([org.staf.pk, org.staf_lain.pk, org.staf_dua.pk], [periode.pk, lain.pk])
    assert hitung == {(org.staf.pk, periode.pk): 3, (org.staf.pk, lain.pk): 1, (org.staf_lain.pk, periode.pk): 2}


# --- the page -----------------------------------------------------------------------------------------------------


def _url(org, periode, pegawai=None):
    return reverse("penilaian:dialog", args=[(pegawai or org.staf).pk, periode.pk])


def test_the_page_shows_the_thread_oldest_first_with_the_form(client, org, periode, skp):
    _kirim(org, periode, org.staf, "Pesan pertama")
    _kirim(org, periode, org.kasi, "Pesan kedua")
    client.force_login(org.staf.user)
    response = client.get(_url(org, periode))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Pesan pertama") < html.index("Pesan kedua")
    assert 'data-testid="form-pesan"' in html
    assert 'value="kebijakan"' in html


def test_the_atasan_gets_no_policy_choice(client, org, periode, skp):
    client.force_login(org.kasi.user)
    html = client.get(_url(org, periode)).content.decode()
    assert 'data-testid="form-pesan"' in html
    assert 'value="kebijakan"' not in html


def test_a_reader_gets_no_form(client, org, periode, skp):
    client.force_login(org.kabid.user)
    html = client.get(_url(org, periode)).content.decode()
    assert 'data-testid="hanya-baca"' in html
    assert 'data-testid="form-pesan"' not in html


def test_posting_adds_the_message_and_returns_to_the_thread(client, org, periode, skp):
    client.force_login(org.staf.user)
    response = client.post(_url(org, periode), {"teks": "Mohon arahan", "jenis": JenisPesan.UMPAN_BALIK_KEBIJAKAN})
    assert response.status_code == 302
    assert response["Location"].startswith(_url(org, periode))
    assert PesanDialog.objects.get().jenis == JenisPesan.UMPAN_BALIK_KEBIJAKAN


def test_a_crafted_policy_choice_by_the_atasan_is_written_as_dialog(client, org, periode, skp):
    # The atasan's form has no jenis: whatever they post, the message is a dialog message.
    client.force_login(org.kasi.user)
    response = client.post(_url(org, periode), {"teks": "Catatan", "jenis": JenisPesan.UMPAN_BALIK_KEBIJAKAN})
    assert response.status_code == 302
    assert PesanDialog.objects.get().jenis == JenisPesan.DIALOG


@pytest.mark.parametrize(
    ("persona", "status"),
    [("staf", 302), ("kasi", 302), ("kabid", 422), ("admin_opd", 422), ("admin_bkpsdm", 422), ("kasi_tiga", 404)],
)
def test_only_participants_post(client, org, periode, skp, persona, status):
    user = getattr(org, persona) if persona.startswith("admin") else getattr(org, persona).user
    client.force_login(user)
    response = client.post(_url(org, periode), {"teks": "Halo", "jenis": JenisPesan.DIALOG})
    assert response.status_code == status
    assert PesanDialog.objects.count() == (1 if status == 302 else 0)


def test_an_empty_message_answers_422_with_the_reason(client, org, periode, skp):
    client.force_login(org.staf.user)
    response = client.post(_url(org, periode), {"teks": "  ", "jenis": JenisPesan.DIALOG})
    assert response.status_code == 422
    assert "Pesan wajib diisi." in response.content.decode()


def test_the_thread_pages_from_the_newest(client, org, periode, skp):
    _pesan(org, periode, 60)
    client.force_login(org.staf.user)
    html = client.get(_url(org, periode)).content.decode()
    assert "Pesan 59<" in html and "Pesan 10<" in html and "Pesan 9<" not in html
    assert 'data-testid="pesan-lama"' in html
    html = client.get(_url(org, periode) + "?page=2").content.decode()
    assert "Pesan 9<" in html and "Pesan 10<" not in html


def test_the_thread_keeps_its_query_count(client, org, periode, skp):
    client.force_login(org.kasi.user)
    counts = []
    for n in (5, 45):
        _pesan(org, periode, n)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(org, periode)).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]
