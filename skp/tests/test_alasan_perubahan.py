"""The reason of a perubahan SKP (issue 8 §6): required, stored on the new version, shown on its page and in its
history, printed in the version note of the document, audited; versions made before it was asked print no note."""

import io

import pypdf
import pytest
from django.test import Client
from django.urls import reverse
from pghistory.models import Events

from skp.choices import AksiSkp, SkpStatus
from skp.errors import SkpError
from skp.models import Skp, SkpRiwayat
from skp.pdf import SkpPdf
from skp.services.versi import skp_buat_perubahan

from .factories import SkpFactory

pytestmark = pytest.mark.django_db

ALASAN = "Penambahan tugas penyusunan laporan triwulan dari kepala bidang."


def teks_pdf(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def masuk(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("alasan", ["", "   ", "\n\t ", None])
def test_it_refuses_a_perubahan_without_a_reason(org, skp_kasi, alasan):
    with pytest.raises(SkpError) as exc:
        skp_buat_perubahan(actor=org.kasi, skp=skp_kasi, alasan=alasan)
    pesan = "Tuliskan alasan perubahan SKP; alasan ini dicetak pada dokumen SKP versi baru."
    assert exc.value.errors["alasan"] == pesan
    assert not Skp.objects.filter(versi_sebelumnya=skp_kasi).exists()
    assert not SkpRiwayat.objects.filter(skp__pegawai=org.kasi, aksi=AksiSkp.PERUBAHAN_DIBUAT).exists()


def test_a_version_that_may_not_change_is_refused_for_that_before_the_reason(org, skp_kasi):
    skp_buat_perubahan(actor=org.kasi, skp=skp_kasi, alasan=ALASAN)
    with pytest.raises(SkpError, match="sudah dibuat") as exc:
        skp_buat_perubahan(actor=org.kasi, skp=skp_kasi, alasan="")
    assert "alasan" not in exc.value.errors


def test_it_stores_the_reason_trimmed_on_the_new_version_and_its_history(org, skp_kasi):
    baru = skp_buat_perubahan(actor=org.kasi, skp=skp_kasi, alasan=f"  {ALASAN}\n")
    baru.refresh_from_db()
    skp_kasi.refresh_from_db()
    assert (baru.versi, baru.alasan_perubahan) == (2, ALASAN)
    assert skp_kasi.alasan_perubahan == ""
    log = SkpRiwayat.objects.get(skp=baru)
    assert (log.aksi, log.catatan) == (AksiSkp.PERUBAHAN_DIBUAT, f"Perubahan dari versi 1. {ALASAN}")


def test_the_reason_is_in_the_audit_trail_with_the_actor(org, skp_kasi):
    baru = skp_buat_perubahan(actor=org.kasi, skp=skp_kasi, alasan=ALASAN)
    event = Events.objects.filter(pgh_model="skp.SkpEvent", pgh_obj_id=str(baru.pk), pgh_label="insert").get()
    assert event.pgh_data["alasan_perubahan"] == ALASAN
    assert event.pgh_context["user"] == org.kasi.user_id


def test_the_page_refuses_an_empty_reason_beside_the_field(org, skp_kasi):
    client = masuk(org.kasi.user)
    response = client.post(reverse("skp:perubahan", args=[skp_kasi.pk]), {"alasan": "   "})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Tuliskan alasan perubahan SKP" in html
    assert response.context["form_perubahan"].errors["alasan"]
    assert '<details class="card card-body mb-3" open>' in html  # the form stays open with its message
    assert not Skp.objects.filter(versi_sebelumnya=skp_kasi).exists()


def test_the_reason_is_shown_on_the_new_version_and_in_the_history(org, skp_kasi):
    client = masuk(org.kasi.user)
    response = client.post(reverse("skp:perubahan", args=[skp_kasi.pk]), {"alasan": ALASAN})
    baru = Skp.objects.get(versi_sebelumnya=skp_kasi)
    assert response.status_code == 302 and baru.alasan_perubahan == ALASAN
    html = client.get(reverse("skp:detail", args=[baru.pk])).content.decode()
    assert 'data-testid="alasan-perubahan"' in html and "Alasan perubahan (versi 2):" in html
    assert html.count(ALASAN) == 2  # under the title and in the history row
    # The pejabat penilai reads it on the review page too.
    html = masuk(org.kabid.user).get(reverse("skp:tinjau", args=[baru.pk])).content.decode()
    assert ALASAN in html
    # The first version has none.
    html = client.get(reverse("skp:detail", args=[skp_kasi.pk])).content.decode()
    assert 'data-testid="alasan-perubahan"' not in html


def test_the_document_prints_the_reason_in_the_version_note(org, skp_kasi):
    baru = skp_buat_perubahan(actor=org.kasi, skp=skp_kasi, alasan=ALASAN)
    _nama, _mime, content = SkpPdf(baru).render()
    teks = teks_pdf(content)
    assert f"Perubahan SKP (versi 2). Alasan perubahan: {ALASAN}" in teks


def test_a_version_made_before_the_reason_was_asked_prints_no_note_text(org, tahun, skp_kasi):
    lama = SkpFactory(pegawai=org.kasi, tahun=tahun, versi=2, versi_sebelumnya=skp_kasi, status=SkpStatus.DISETUJUI)
    assert lama.alasan_perubahan == ""
    _nama, _mime, content = SkpPdf(lama).render()
    teks = teks_pdf(content)
    assert "Perubahan SKP (versi 2)" in teks
    assert "Alasan perubahan" not in teks
    html = masuk(org.kasi.user).get(reverse("skp:detail", args=[lama.pk])).content.decode()
    assert 'data-testid="alasan-perubahan"' not in html


def test_the_first_version_prints_no_version_note(org, skp_kasi):
    assert "Perubahan SKP" not in SkpPdf(skp_kasi).html()
