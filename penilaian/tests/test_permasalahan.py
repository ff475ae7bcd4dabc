"""Analisis permasalahan kinerja: only the pegawai's pejabat penilai for the period tags, a removal keeps the row
(marked, audited, by the one who tagged it), the scope of who sees the tags, the counts per jenis, and the page
(add form limited to the actor's bawahan, read only for admins, constant query count)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pghistory.models import Events

from penilaian.choices import JenisPermasalahan, StatusPeriode
from penilaian.errors import PenilaianError, PenilaianTidakBerwenang
from penilaian.models import PermasalahanKinerja
from penilaian.selectors.dialog import jumlah_per_jenis, permasalahan_visible_to
from penilaian.services.permasalahan import permasalahan_catat, permasalahan_hapus

pytestmark = pytest.mark.django_db

SUBSTANSI, PERILAKU = JenisPermasalahan.SUBSTANSI, JenisPermasalahan.PERILAKU


def _catat(org, periode, oleh, pegawai=None, jenis=SUBSTANSI, catatan="Laporan sering terlambat."):
    return permasalahan_catat(
        actor=oleh.user, pegawai=pegawai or org.staf, periode=periode, jenis=jenis, catatan=catatan
    )


def _banyak(org, periode, n):
    PermasalahanKinerja.objects.bulk_create(
        PermasalahanKinerja(
            pegawai=org.staf if i % 2 else org.staf_lain,
            periode=periode,
            jenis=PERILAKU if i % 3 else SUBSTANSI,
            catatan=f"Catatan {i}",
            dicatat_oleh=org.kasi,
        )
        for i in range(n)
    )


# --- permasalahan_catat -------------------------------------------------------------------------------------------


def test_the_penilai_tags_a_problem(org, periode, skp):
    tag = _catat(org, periode, org.kasi, jenis=PERILAKU)
    assert (tag.pegawai, tag.periode, tag.jenis, tag.dicatat_oleh) == (org.staf, periode, PERILAKU, org.kasi)


def test_the_plt_tags_a_problem_of_their_bawahan(org, periode, skp):
    assert _catat(org, periode, org.kasi_tiga, pegawai=org.staf_dua).dicatat_oleh == org.kasi_tiga


@pytest.mark.parametrize(
    ("oleh", "pegawai"),
    [("kabid", "staf"), ("kasi", "staf_dua"), ("kasi_tiga", "staf"), ("staf", "staf"), ("staf_lain", "staf")],
)
def test_it_refuses_anyone_but_the_penilai(org, periode, skp, oleh, pegawai):
    with pytest.raises(PenilaianTidakBerwenang):
        _catat(org, periode, getattr(org, oleh), pegawai=getattr(org, pegawai))
    assert not PermasalahanKinerja.objects.exists()


def test_it_refuses_an_admin(org, periode, skp):
    with pytest.raises(PenilaianTidakBerwenang):
        permasalahan_catat(actor=org.admin_bkpsdm, pegawai=org.staf, periode=periode, jenis=SUBSTANSI, catatan="x")


@pytest.mark.parametrize(
    ("jenis", "catatan", "field"),
    [
        (SUBSTANSI, "", "catatan"),
        (SUBSTANSI, "x" * 2001, "catatan"),
        ("lainnya", "Catatan", "jenis"),
    ],
)
def test_it_refuses_invalid_input(org, periode, skp, jenis, catatan, field):
    with pytest.raises(PenilaianError) as exc:
        _catat(org, periode, org.kasi, jenis=jenis, catatan=catatan)
    assert field in exc.value.errors
    assert not PermasalahanKinerja.objects.exists()


def test_it_refuses_a_closed_period(org, periode, skp):
    periode.status = StatusPeriode.DITUTUP
    periode.save()
    with pytest.raises(PenilaianError, match="ditutup"):
        _catat(org, periode, org.kasi)


# --- permasalahan_hapus -------------------------------------------------------------------------------------------


def test_removing_keeps_the_row_marked_and_audited(org, periode, skp):
    tag = _catat(org, periode, org.kasi)
    permasalahan_hapus(actor=org.kasi.user, permasalahan=tag, alasan="Salah orang")
    tag.refresh_from_db()
    assert tag.dihapus_pada is not None
    assert PermasalahanKinerja.objects.filter(pk=tag.pk).exists()
    assert not permasalahan_visible_to(org.kasi.user).exists()
    event = Events.objects.tracks(tag).get(pgh_label="update")
    assert event.pgh_context["user"] == org.kasi.user_id
    assert event.pgh_context["alasan"] == "Salah orang"


@pytest.mark.parametrize("oleh", ["kabid", "staf", "kasi_tiga"])
def test_only_the_tagger_removes(org, periode, skp, oleh):
    tag = _catat(org, periode, org.kasi)
    with pytest.raises(PenilaianTidakBerwenang):
        permasalahan_hapus(actor=getattr(org, oleh).user, permasalahan=tag)
    tag.refresh_from_db()
    assert tag.dihapus_pada is None


def test_an_admin_cannot_remove(org, periode, skp):
    tag = _catat(org, periode, org.kasi)
    with pytest.raises(PenilaianTidakBerwenang):
        permasalahan_hapus(actor=org.admin_bkpsdm, permasalahan=tag)


def test_removing_twice_is_refused(org, periode, skp):
    tag = _catat(org, periode, org.kasi)
    permasalahan_hapus(actor=org.kasi.user, permasalahan=tag)
    with pytest.raises(PenilaianError, match="sudah dihapus"):
        permasalahan_hapus(actor=org.kasi.user, permasalahan=PermasalahanKinerja.objects.get(pk=tag.pk))


def test_removing_in_a_closed_period_is_refused(org, periode, skp):
    tag = _catat(org, periode, org.kasi)
    periode.status = StatusPeriode.DITUTUP
    periode.save()
    with pytest.raises(PenilaianError, match="ditutup"):
        permasalahan_hapus(actor=org.kasi.user, permasalahan=tag)


# --- scope and counts ---------------------------------------------------------------------------------------------


def test_each_login_sees_its_scope(org, periode, skp):
    milik_kasi = _catat(org, periode, org.kasi)
    milik_plt = _catat(org, periode, org.kasi_tiga, pegawai=org.staf_dua)

    def lihat(user):
        return set(permasalahan_visible_to(user).values_list("pk", flat=True))

    assert lihat(org.kasi.user) == {milik_kasi.pk}
    assert lihat(org.kasi_tiga.user) == {milik_plt.pk}
    assert lihat(org.admin_opd) == lihat(org.admin_bkpsdm) == {milik_kasi.pk, milik_plt.pk}
    assert lihat(org.admin_opd_lain) == lihat(org.staf.user) == lihat(org.kabid.user) == set()


def test_it_counts_per_jenis_in_one_query(org, periode, skp, django_assert_num_queries):
    _banyak(org, periode, 6)
    semua = permasalahan_visible_to(org.admin_bkpsdm)
    with django_assert_num_queries(1):
        hitung = jumlah_per_jenis(semua)
    assert hitung == {SUBSTANSI.value: 2, PERILAKU.value: 4}
    assert jumlah_per_jenis(permasalahan_visible_to(org.staf.user)) == {SUBSTANSI.value: 0, PERILAKU.value: 0}


# --- the page -----------------------------------------------------------------------------------------------------


def _url(periode):
    return reverse("penilaian:permasalahan", args=[periode.pk])


def test_the_atasan_sees_their_bawahan_and_tags(client, org, periode, skp):
    _catat(org, periode, org.kasi, catatan="Target dokumen belum tercapai")
    client.force_login(org.kasi.user)
    response = client.get(_url(periode))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-testid="bawahan-{org.staf.pk}"' in html and f'data-testid="bawahan-{org.staf_lain.pk}"' in html
    assert f'data-testid="bawahan-{org.staf_dua.pk}"' not in html
    assert "Target dokumen belum tercapai" in html
    assert 'data-testid="form-permasalahan"' in html
    assert reverse("penilaian:dialog", args=[org.staf.pk, periode.pk]) in html


def test_the_catat_link_preselects_a_bawahan_and_ignores_others(client, org, periode, skp):
    client.force_login(org.kasi.user)
    form = client.get(_url(periode), {"pegawai": org.staf_lain.pk}).context["form"]
    assert form.initial["pegawai"] == org.staf_lain
    form = client.get(_url(periode), {"pegawai": org.staf_dua.pk}).context["form"]
    assert form.initial["pegawai"] is None


def test_posting_tags_a_bawahan(client, org, periode, skp):
    client.force_login(org.kasi.user)
    data = {"pegawai": org.staf.pk, "jenis": PERILAKU, "catatan": "Sering tidak hadir rapat."}
    assert client.post(_url(periode), data).status_code == 302
    assert PermasalahanKinerja.objects.get().jenis == PERILAKU


def test_a_crafted_pegawai_outside_the_bawahan_is_refused(client, org, periode, skp):
    client.force_login(org.kasi.user)
    response = client.post(_url(periode), {"pegawai": org.staf_dua.pk, "jenis": SUBSTANSI, "catatan": "x"})
    assert response.status_code == 422
    assert not PermasalahanKinerja.objects.exists()


def test_an_empty_note_answers_422(client, org, periode, skp):
    client.force_login(org.kasi.user)
    response = client.post(_url(periode), {"pegawai": org.staf.pk, "jenis": SUBSTANSI, "catatan": " "})
    assert response.status_code == 422
    assert "Catatan wajib diisi." in response.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("admin_opd", 422), ("admin_bkpsdm", 422), ("staf", 404)])
def test_others_cannot_post_a_tag(client, org, periode, skp, persona, status):
    client.force_login(org.user(persona) if persona.startswith("admin") else org.staf.user)
    response = client.post(_url(periode), {"pegawai": org.staf.pk, "jenis": SUBSTANSI, "catatan": "x"})
    assert response.status_code == status
    assert not PermasalahanKinerja.objects.exists()


def test_an_admin_reads_the_scope_without_forms(client, org, periode, skp):
    _catat(org, periode, org.kasi, catatan="Catatan kasi")
    client.force_login(org.admin_opd)
    html = client.get(_url(periode)).content.decode()
    assert 'data-testid="tabel-permasalahan"' in html and "Catatan kasi" in html
    assert 'data-testid="form-permasalahan"' not in html and "permasalahan/hapus" not in html


def test_a_pegawai_without_bawahan_gets_404(client, org, periode, skp):
    client.force_login(org.staf.user)
    assert client.get(_url(periode)).status_code == 404


def test_removing_from_the_page(client, org, periode, skp):
    tag = _catat(org, periode, org.kasi)
    url = reverse("penilaian:permasalahan_hapus", args=[tag.pk])
    client.force_login(org.admin_opd)
    assert client.post(url, {"alasan": ""}).status_code == 422
    client.force_login(org.kabid.user)
    assert client.post(url).status_code == 404
    client.force_login(org.kasi.user)
    assert client.get(url).status_code == 405
    response = client.post(url, {"alasan": "Sudah diperbaiki"})
    assert response.status_code == 302 and response["Location"] == _url(periode)
    tag.refresh_from_db()
    assert tag.dihapus_pada is not None


@pytest.mark.parametrize("persona", ["kasi", "admin_bkpsdm"])
def test_the_page_keeps_its_query_count(client, org, periode, skp, persona):
    client.force_login(org.kasi.user if persona == "kasi" else org.admin_bkpsdm)
    counts = []
    for n in (5, 45):
        _banyak(org, periode, n)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(periode)).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]
