"""The role of a bawahan RHK in the atasan's result (cascading langsung / tidak langsung, issue 8 §6): recorded by
the pejabat penilai only, audited, kept through a perubahan SKP, and shown as a badge in the Matriks Peran Hasil."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pghistory.models import Events

from skp.choices import JenisRhk, PeranHasil, SkpStatus
from skp.errors import SkpError, SkpTidakBerwenang
from skp.models import RencanaHasilKerja
from skp.selectors.mph import matriks_peran_hasil
from skp.services.isi import rhk_ubah
from skp.services.peran_hasil import peran_hasil_set
from skp.services.versi import skp_buat_perubahan

from .helpers import isi_rhk, setujui

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def masuk(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def rhk_staf(skp_staf):
    return skp_staf.rhk.get()


def _url(rhk):
    return reverse("skp:peran_hasil", args=[rhk.skp_id, rhk.pk])


# --- the service ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", [PeranHasil.LANGSUNG, PeranHasil.TIDAK_LANGSUNG])
def test_the_penilai_records_the_role(org, rhk_staf, peran):
    peran_hasil_set(actor=org.kasi, rhk=rhk_staf, peran=peran)
    assert rhk_staf.peran_hasil == peran
    assert RencanaHasilKerja.objects.get(pk=rhk_staf.pk).peran_hasil == peran


def test_the_role_may_be_cleared_and_every_change_is_audited(org, rhk_staf):
    peran_hasil_set(actor=org.kasi, rhk=rhk_staf, peran=PeranHasil.LANGSUNG)
    peran_hasil_set(actor=org.kasi, rhk=rhk_staf, peran="")
    assert RencanaHasilKerja.objects.get(pk=rhk_staf.pk).peran_hasil == ""
    events = list(
        Events.objects.filter(
            pgh_model="skp.RencanaHasilKerjaEvent", pgh_obj_id=str(rhk_staf.pk), pgh_label="update"
        ).order_by("pgh_created_at", "pgh_id")
    )
    assert [e.pgh_diff["peran_hasil"] for e in events] == [["", "langsung"], ["langsung", ""]]
    assert {e.pgh_context["pegawai"] for e in events} == {org.kasi.pk}


@pytest.mark.parametrize("persona", ["staf", "kabid", "kasi_tiga", "kepala", "staf_lain"])
def test_only_the_penilai_records_the_role(org, rhk_staf, persona):
    with pytest.raises(SkpTidakBerwenang, match="bukan pejabat penilai"):
        peran_hasil_set(actor=getattr(org, persona), rhk=rhk_staf, peran=PeranHasil.LANGSUNG)
    assert RencanaHasilKerja.objects.get(pk=rhk_staf.pk).peran_hasil == ""


@pytest.mark.parametrize("peran", ["cascading", "LANGSUNG", "x" * 40])
def test_an_unknown_role_is_refused(org, rhk_staf, peran):
    with pytest.raises(SkpError, match="langsung atau tidak langsung") as exc:
        peran_hasil_set(actor=org.kasi, rhk=rhk_staf, peran=peran)
    assert "peran" in exc.value.errors


def test_an_rhk_that_intervenes_nothing_has_no_role(org, skp_staf):
    tambahan = isi_rhk(skp_staf, "Menjadi panitia kegiatan dinas", jenis=JenisRhk.TAMBAHAN)
    with pytest.raises(SkpError, match="hanya dicatat untuk RHK yang mengintervensi"):
        peran_hasil_set(actor=org.kasi, rhk=tambahan, peran=PeranHasil.LANGSUNG)


def test_a_superseded_version_is_refused(org, skp_staf, rhk_staf):
    setujui(skp_staf, org.kasi)
    baru = skp_buat_perubahan(actor=org.staf, skp=skp_staf, alasan="Penyesuaian target.")
    setujui(baru, org.kasi)
    with pytest.raises(SkpError, match="sudah digantikan"):
        peran_hasil_set(actor=org.kasi, rhk=rhk_staf, peran=PeranHasil.LANGSUNG)


def test_a_perubahan_keeps_the_role_and_a_pending_one_follows_the_penilai(org, skp_staf, rhk_staf):
    setujui(skp_staf, org.kasi)
    peran_hasil_set(actor=org.kasi, rhk=rhk_staf, peran=PeranHasil.LANGSUNG)
    baru = skp_buat_perubahan(actor=org.staf, skp=skp_staf, alasan="Penyesuaian target.")
    salinan = baru.rhk.get()
    assert salinan.peran_hasil == PeranHasil.LANGSUNG
    # The MPH shows the approved version while the perubahan is pending; a role recorded there reaches the copy.
    peran_hasil_set(actor=org.kasi, rhk=rhk_staf, peran=PeranHasil.TIDAK_LANGSUNG)
    salinan.refresh_from_db()
    assert salinan.peran_hasil == PeranHasil.TIDAK_LANGSUNG
    setujui(baru, org.kasi)
    salinan.refresh_from_db()
    assert salinan.peran_hasil == PeranHasil.TIDAK_LANGSUNG


def test_choosing_another_atasan_rhk_clears_the_role(org, skp_kasi, skp_staf, rhk_staf):
    peran_hasil_set(actor=org.kasi, rhk=rhk_staf, peran=PeranHasil.LANGSUNG)
    rhk_ubah(actor=org.staf, rhk=rhk_staf, intervensi=rhk_staf.intervensi, teks="Teks baru")
    assert RencanaHasilKerja.objects.get(pk=rhk_staf.pk).peran_hasil == PeranHasil.LANGSUNG
    rhk_ubah(actor=org.staf, rhk=rhk_staf, intervensi=skp_kasi.rhk.order_by("urutan").last())
    assert RencanaHasilKerja.objects.get(pk=rhk_staf.pk).peran_hasil == ""


# --- the MPH page -------------------------------------------------------------------------------------------------


def _mph(client, org, tahun):
    return client.get(reverse("skp:mph"), {"unit": org.kasi.jabatan.unit_kerja_id, "tahun": tahun})


def test_the_mph_shows_the_role_as_a_badge(org, tahun, skp_kasi, rhk_staf):
    peran_hasil_set(actor=org.kasi, rhk=rhk_staf, peran=PeranHasil.TIDAK_LANGSUNG)
    [mph] = matriks_peran_hasil(org.kasi.jabatan.unit_kerja, tahun)
    assert mph.baris[0].untuk(org.staf)[0].peran_hasil == PeranHasil.TIDAK_LANGSUNG
    assert mph.peran_belum_dicatat == 0
    # The kabid reads the MPH of the kasi's unit: the badge (matrix and stacked card), no control.
    html = _mph(masuk(org.kabid.user), org, tahun).content.decode()
    assert html.count('data-peran="tidak_langsung">Tidak langsung</span>') == 2
    assert _url(rhk_staf) not in html


def test_the_penilai_gets_an_inline_select_per_bawahan_rhk(org, tahun, skp_kasi, rhk_staf):
    html = _mph(masuk(org.kasi.user), org, tahun).content.decode()
    assert html.count(f'hx-post="{_url(rhk_staf)}"') == 2
    assert 'data-testid="peran-belum-dicatat"' in html and "1 RHK bawahan belum dicatat perannya" in html
    assert "data-peran=" not in html


def test_the_penilai_records_the_role_inline_with_htmx(org, tahun, skp_kasi, rhk_staf):
    client = masuk(org.kasi.user)
    response = client.post(_url(rhk_staf), {"peran": "langsung"}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-peran="langsung">Langsung</span>' in html and "Tersimpan" in html
    assert '<option value="langsung" selected>' in html
    assert RencanaHasilKerja.objects.get(pk=rhk_staf.pk).peran_hasil == PeranHasil.LANGSUNG


def test_a_refused_role_is_shown_in_place_with_422(org, tahun, skp_kasi, rhk_staf):
    response = masuk(org.kasi.user).post(_url(rhk_staf), {"peran": "entah"}, headers=HTMX)
    assert response.status_code == 422
    assert "Pilih peran hasil: langsung atau tidak langsung." in response.content.decode()
    assert RencanaHasilKerja.objects.get(pk=rhk_staf.pk).peran_hasil == ""


def test_without_htmx_the_post_goes_back_to_the_mph(org, tahun, skp_kasi, rhk_staf):
    unit = org.kasi.jabatan.unit_kerja_id
    response = masuk(org.kasi.user).post(_url(rhk_staf), {"peran": "tidak_langsung", "unit": unit})
    assert response.status_code == 302
    assert response.url == f"{reverse('skp:mph')}?tahun={tahun}&unit={unit}"
    assert RencanaHasilKerja.objects.get(pk=rhk_staf.pk).peran_hasil == PeranHasil.TIDAK_LANGSUNG


@pytest.mark.parametrize("persona", ["staf", "kabid", "kasi_tiga", "admin_opd", "admin_bkpsdm", "admin_opd_lain"])
def test_anyone_but_the_penilai_gets_404(org, tahun, skp_kasi, rhk_staf, persona):
    obj = getattr(org, persona)
    response = masuk(getattr(obj, "user", obj)).post(_url(rhk_staf), {"peran": "langsung"}, headers=HTMX)
    assert response.status_code == 404
    assert RencanaHasilKerja.objects.get(pk=rhk_staf.pk).peran_hasil == ""


def test_an_rhk_of_another_skp_answers_404(org, tahun, skp_kasi, rhk_staf):
    rhk_kasi = skp_kasi.rhk.first()
    url = reverse("skp:peran_hasil", args=[rhk_staf.skp_id, rhk_kasi.pk])
    assert masuk(org.kasi.user).post(url, {"peran": "langsung"}).status_code == 404


def test_the_mph_query_count_does_not_grow_with_recorded_roles(org, tahun, skp_kasi, skp_staf, rhk_staf):
    client = masuk(org.kasi.user)
    with CaptureQueriesContext(connection) as tanpa:
        _mph(client, org, tahun)
    peran_hasil_set(actor=org.kasi, rhk=rhk_staf, peran=PeranHasil.LANGSUNG)
    isi_rhk(skp_staf, "Hasil kedua", skp_kasi.rhk.order_by("urutan").last())
    peran_hasil_set(actor=org.kasi, rhk=skp_staf.rhk.get(urutan=2), peran=PeranHasil.TIDAK_LANGSUNG)
    with CaptureQueriesContext(connection) as dengan:
        html = _mph(client, org, tahun).content.decode()
    assert 'data-peran="tidak_langsung"' in html and 'data-peran="langsung"' in html
    assert len(dengan) == len(tanpa)
    assert skp_staf.status == SkpStatus.DRAFT
