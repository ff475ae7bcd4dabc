"""The SKP a Plt/Plh holds as the acting position (docs/ATURAN.md): started from the year page's card
(skp:buat_plt), marked in the list, cascading from the acting position's atasan and approved by them."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from pegawai.choices import JenisJabatan, JenisPenugasan, Jenjang
from pegawai.tests.factories import JabatanFactory, PenugasanFactory
from skp.choices import FormatSkp, JenisRhk, SkpStatus
from skp.models import Skp
from skp.services.skp import skp_ajukan, skp_setujui

from .factories import IkiFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def masuk(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(org):
    return reverse("skp:buat_plt", args=[org.plt.jabatan_id])


def test_the_plt_creates_the_acting_positions_skp_from_its_card(org, tahun, skp_kabid):
    client = masuk(org.kasi_tiga.user)
    html = client.get(reverse("skp:index"), {"tahun": tahun}).content.decode()
    assert html.count('data-testid="kartu-plt"') == 1
    assert "SKP sebagai Plt. Kepala Seksi Dua" in html
    assert 'data-testid="buat-skp-plt"' in html and _url(org) in html
    # The card sits beside the SKP of the pegawai's own position, which is still to be made.
    assert 'data-testid="buat-skp"' in html

    response = client.post(_url(org), {"tahun": tahun, "pendekatan": "kualitatif"})
    skp = Skp.objects.get(pegawai=org.kasi_tiga, tahun=tahun)
    assert response.status_code == 302 and response.url == reverse("skp:ubah", args=[skp.pk])
    assert (skp.jabatan, skp.format, skp.status, skp.pendekatan) == (
        org.plt.jabatan,
        FormatSkp.JA_JF,
        SkpStatus.DRAFT,
        "kualitatif",
    )
    assert (skp.tanggal_mulai, skp.tanggal_selesai) == (D(tahun, 1, 1), D(tahun, 12, 31))

    html = client.get(reverse("skp:index"), {"tahun": tahun}).content.decode()
    assert 'data-testid="buat-skp-plt"' not in html
    assert 'data-testid="buka-skp-plt"' in html and reverse("skp:ubah", args=[skp.pk]) in html
    assert 'data-testid="skp-plt"' in html and "sebagai Plt. Kepala Seksi Dua" in html
    # The SKP of the own position is still to be made: the acting one does not count for it.
    assert 'data-testid="buat-skp"' in html
    # The acting position's atasan (the kabid) is the one whose RHK the editor offers.
    html = client.get(response.url).content.decode()
    assert skp_kabid.rhk.order_by("urutan").first().teks in html

    # A second click is refused with the reason, on the year page.
    response = client.post(_url(org), {"tahun": tahun, "pendekatan": "kuantitatif"})
    assert response.status_code == 422
    assert "sudah ada" in response.content.decode()
    assert Skp.objects.filter(pegawai=org.kasi_tiga).count() == 1


@pytest.mark.parametrize("persona", ["staf", "kasi", "kabid", "staf_dua"])
def test_only_the_plt_sees_the_card_and_may_post(org, tahun, persona):
    pegawai = getattr(org, persona)
    client = masuk(pegawai.user)
    html = client.get(reverse("skp:index"), {"tahun": tahun}).content.decode()
    assert 'data-testid="kartu-plt"' not in html and 'data-testid="buat-skp-plt"' not in html
    assert client.post(_url(org), {"tahun": tahun, "pendekatan": "kuantitatif"}).status_code == 404
    assert not Skp.objects.filter(pegawai=pegawai).exists()


def test_an_assignment_of_another_year_offers_no_card_that_year(org, tahun):
    org.plt.tanggal_mulai, org.plt.tanggal_selesai = D(tahun - 1, 3, 1), D(tahun - 1, 6, 30)
    org.plt.save()
    client = masuk(org.kasi_tiga.user)
    assert 'data-testid="kartu-plt"' not in client.get(reverse("skp:index"), {"tahun": tahun}).content.decode()
    assert client.post(_url(org), {"tahun": tahun}).status_code == 404
    html = client.get(reverse("skp:index"), {"tahun": tahun - 1}).content.decode()
    assert 'data-testid="kartu-plt"' in html
    assert f"pada 1 Mar {tahun - 1} – 30 Jun {tahun - 1}" in html


def test_a_plh_card_says_plh(org, tahun):
    org.plt.jenis = JenisPenugasan.PLH
    org.plt.save()
    html = masuk(org.kasi_tiga.user).get(reverse("skp:index"), {"tahun": tahun}).content.decode()
    assert "SKP sebagai Plh. Kepala Seksi Dua" in html


def test_the_acting_skp_cascades_from_and_is_approved_by_the_acting_positions_atasan(org, tahun, skp_kepala):
    """Kasi Tiga also acts as Sekretaris, a vacant position right under the kepala: that SKP cascades from the
    kepala's SKP, not from the kabid's (the atasan of Kasi Tiga's own position), and the kepala approves it."""
    sekretaris = JabatanFactory(
        unit_kerja=org.kepala.jabatan.unit_kerja,
        nama="Sekretaris Dinas A",
        jenis=JenisJabatan.ADMINISTRATOR,
        jenjang=Jenjang.ADMINISTRATOR,
        parent=org.kepala.jabatan,
    )
    PenugasanFactory(
        pegawai=org.kasi_tiga, jabatan=sekretaris, tanggal_mulai=D(tahun, 1, 1), tanggal_selesai=D(tahun, 12, 31)
    )
    client = masuk(org.kasi_tiga.user)
    response = client.post(reverse("skp:buat_plt", args=[sekretaris.pk]), {"tahun": tahun, "pendekatan": "kuantitatif"})
    assert response.status_code == 302
    skp = Skp.objects.get(pegawai=org.kasi_tiga, jabatan=sekretaris)
    target = skp_kepala.rhk.order_by("urutan").first()
    assert target.teks in client.get(response.url).content.decode()
    response = client.post(
        reverse("skp:rhk_tambah", args=[skp.pk]),
        {"jenis": JenisRhk.UTAMA, "teks": "Tertib administrasi", "intervensi": target.pk},
    )
    assert response.status_code == 302
    rhk = skp.rhk.get()
    assert rhk.intervensi == target
    IkiFactory(rhk=rhk, urutan=1)
    skp_ajukan(actor=org.kasi_tiga, skp=skp)
    skp_setujui(actor=org.kepala, skp=skp)
    assert skp.status == SkpStatus.DISETUJUI
