"""The DEKP pages (penilaian/views/dokumen.py): the download for the pegawai, the atasan chain and admins, and the
OPD batch as a ZIP job."""

from __future__ import annotations

import zipfile

import pytest
from django.urls import reverse

from pegawai.nip import format_nip
from penilaian.choices import Rating
from penilaian.models import Evaluasi
from penilaian.pdf import dekp_simpan
from penilaian.services.final import evaluasi_finalkan
from portal.choices import StatusPekerjaan
from portal.models import AksesLog, Pekerjaan

from .test_pdf import dinilai, teks_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def final(org, periode, skp, capaian_baik):
    """Kasi's two evaluations of Triwulan I, final (Baik and Butuh Perbaikan): ``{pegawai: evaluasi}``; the
    documents are not rendered yet (no commit in a test, so the task queued at finalisation did not run)."""
    dinilai(org.staf, skp.staf, periode, org.kasi, Rating.SESUAI, Rating.SESUAI)
    dinilai(org.staf_lain, skp.staf_lain, periode, org.kasi, Rating.DI_BAWAH, Rating.SESUAI)
    return {e.pegawai: e for e in evaluasi_finalkan(actor=org.kasi.user, periode=periode)}


def unduh(client, user, evaluasi):
    client.force_login(user)
    return client.get(reverse("penilaian:dekp", args=[evaluasi.pk]))


def isi(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_pegawai_downloads_the_document_rendered_on_the_first_request(client, org, final):
    e = final[org.staf]
    response = unduh(client, org.staf.user, e)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="DEKP_Triwulan-I-2026_{org.staf.nip}.pdf"'
    content = isi(response)
    assert format_nip(org.staf.nip) in teks_pdf(content)
    e.refresh_from_db()
    assert e.dokumen and e.dokumen.read() == content
    # Their own document: nothing for the access log.
    assert not AksesLog.objects.exists()


def test_a_stored_document_is_served_as_it_is(client, org, final, tmp_path):
    e = dekp_simpan(final[org.staf].pk)
    disimpan = e.dokumen.read()
    assert isi(unduh(client, org.staf.user, e)) == disimpan
    assert len(list(tmp_path.rglob("*.pdf"))) == 1


@pytest.mark.parametrize("persona", ["atasan", "atasan_atasan", "admin_opd", "admin_bkpsdm"])
def test_the_atasan_chain_and_admins_download_it_and_the_access_is_logged(client, org, final, persona):
    user = org.user(persona)
    response = unduh(client, user, final[org.staf])
    assert response.status_code == 200 and isi(response).startswith(b"%PDF")
    log = AksesLog.objects.get()
    assert (log.user, log.jenis, log.pegawai) == (user, "UNDUH", org.staf)
    assert "DEKP Triwulan I 2026" in log.objek


@pytest.mark.parametrize("persona", ["staf_lain", "kasi_tiga", "staf_b", "admin_opd_lain"])
def test_another_pegawai_or_admin_gets_404(client, org, final, persona):
    assert unduh(client, org.user(persona), final[org.staf]).status_code == 404


def test_an_evaluation_that_is_not_final_has_no_document_yet(client, org, periode, skp):
    e = dinilai(org.staf, skp.staf, periode, org.kasi, Rating.SESUAI, Rating.SESUAI)
    assert unduh(client, org.staf.user, e).status_code == 404
    assert unduh(client, org.kasi.user, e).status_code == 404


# ---------------------------------------------------------------------------------------------------------------
# The OPD batch
# ---------------------------------------------------------------------------------------------------------------


def test_the_batch_form_offers_the_admins_own_opd_only(client, org, final):
    client.force_login(org.admin_opd)
    response = client.get(reverse("penilaian:dekp_opd"))
    assert response.status_code == 200
    assert list(response.context["form"].fields["opd"].queryset) == [org.opd_a]
    client.force_login(org.admin_bkpsdm)
    opd = client.get(reverse("penilaian:dekp_opd")).context["form"].fields["opd"].queryset
    assert {org.opd_a, org.opd_b} <= set(opd)


def test_the_batch_zips_stored_and_missing_documents_with_progress(
    client, org, periode, final, django_capture_on_commit_callbacks
):
    tersimpan = dekp_simpan(final[org.staf].pk)  # one stored already; staf_lain's is rendered by the job
    client.force_login(org.admin_opd)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("penilaian:dekp_opd"), {"periode": periode.pk, "opd": org.opd_a.pk})
    job = Pekerjaan.objects.get(user=org.admin_opd)
    assert response.status_code == 302 and response.url == reverse("pekerjaan_detail", args=[job.pk])
    assert job.status == StatusPekerjaan.SELESAI and (job.selesai_n, job.total_n) == (2, 2)
    assert job.berkas.name.endswith("DEKP_Triwulan-I-2026_DA.zip")
    with zipfile.ZipFile(job.berkas.open("rb")) as arsip:
        names = sorted(arsip.namelist())
        assert names == sorted(
            f"{p.nip} {p.nama_lengkap} - DEKP Triwulan I 2026.pdf" for p in (org.staf, org.staf_lain)
        )
        assert arsip.read(f"{org.staf.nip} {org.staf.nama_lengkap} - DEKP Triwulan I 2026.pdf") == (
            tersimpan.dokumen.read()
        )
        assert format_nip(org.staf_lain.nip) in teks_pdf(
            arsip.read(f"{org.staf_lain.nip} {org.staf_lain.nama_lengkap} - DEKP Triwulan I 2026.pdf")
        )
    # The missing one is stored on the way: the next download or batch reuses it.
    assert Evaluasi.objects.get(pk=final[org.staf_lain].pk).dokumen
    log = AksesLog.objects.get(jenis="EKSPOR")
    assert log.user == org.admin_opd and log.jumlah_baris == 2


def test_the_batch_without_final_evaluations_says_so_instead_of_an_empty_zip(client, org, periode):
    client.force_login(org.admin_opd)
    response = client.post(reverse("penilaian:dekp_opd"), {"periode": periode.pk, "opd": org.opd_a.pk})
    assert response.status_code == 422
    assert "Belum ada evaluasi final" in response.content.decode()
    assert not Pekerjaan.objects.exists()


def test_the_batch_is_for_admins_of_that_opd(client, org, periode, final):
    client.force_login(org.admin_opd_lain)
    response = client.post(reverse("penilaian:dekp_opd"), {"periode": periode.pk, "opd": org.opd_a.pk})
    assert response.status_code == 422
    data = {"periode": periode.pk, "opd": org.opd_a.pk}
    for user in (org.staf.user, org.kasi.user, org.kepala.user):
        client.force_login(user)
        assert client.get(reverse("penilaian:dekp_opd")).status_code == 404
        assert client.post(reverse("penilaian:dekp_opd"), data).status_code == 404
    assert not Pekerjaan.objects.exists()
