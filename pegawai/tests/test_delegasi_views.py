"""The admins' delegation pages: list, record, cancel (the rules themselves: test_delegasi.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pegawai.choices import JenisJabatan, Jenjang
from pegawai.models import DelegasiPenilai
from pegawai.nip import format_nip

from .factories import JabatanFactory, PegawaiFactory

pytestmark = pytest.mark.django_db

HARI_INI = timezone.localdate()
HARI = datetime.timedelta(days=1)


@pytest.fixture
def tim(org):
    j_ketua = JabatanFactory(
        unit_kerja=org.kasi.jabatan.unit_kerja,
        nama="Pranata Komputer Ahli Muda",
        jenis=JenisJabatan.FUNGSIONAL,
        jenjang=Jenjang.AHLI_MUDA,
        parent=org.kasi.jabatan,
    )
    org.ketua = PegawaiFactory(jabatan=j_ketua, nama="Ketua Tim")
    return org


def _data(org, **ubah):
    data = {
        "pemberi_nip": format_nip(org.kasi.nip),
        "penerima_nip": org.ketua.nip,
        "tanggal_mulai": HARI_INI.isoformat(),
        "tanggal_selesai": (HARI_INI + 30 * HARI).isoformat(),
        "nomor_surat": "800/7/2026",
        "alasan": "Tim kerja pengelolaan data.",
    }
    data.update(ubah)
    return data


def _delegasi(org, **kwargs):
    values = {
        "pemberi": org.kasi,
        "penerima": org.ketua,
        "tanggal_mulai": HARI_INI,
        "tanggal_selesai": HARI_INI,
        "alasan": "Tim kerja.",
        "nomor_surat": "800/1",
    }
    values.update(kwargs)
    return DelegasiPenilai.objects.create(**values)


def test_an_admin_records_a_delegation_from_the_form(client, tim):
    client.force_login(tim.admin_opd)
    assert client.get(reverse("delegasi_create")).status_code == 200
    response = client.post(reverse("delegasi_create"), _data(tim))
    assert response.status_code == 302 and response.url == reverse("delegasi_list")
    d = DelegasiPenilai.objects.get()
    assert (d.pemberi, d.penerima, d.nomor_surat) == (tim.kasi, tim.ketua, "800/7/2026")
    page = client.get(reverse("delegasi_list")).content.decode()
    assert "Ketua Tim" in page and "Sedang berlaku" in page


@pytest.mark.parametrize(
    "ubah,field,pesan",
    [
        # The service's refusal comes back beside the form field that stands for its argument.
        ({"penerima_nip": "kasi"}, "penerima_nip", "orang yang sama"),
        ({"pemberi_nip": "ketua", "penerima_nip": "kasi"}, "pemberi_nip", "tidak memegang jabatan paling rendah"),
        ({"tanggal_mulai": "1999-12-31"}, "tanggal_mulai", "Tanggal harus antara"),
        ({"penerima_nip": "staf_b"}, "penerima_nip", "tidak ditemukan di antara pegawai yang Anda kelola"),
        ({"alasan": ""}, "alasan", "kosong"),
    ],
)
def test_a_refused_delegation_shows_why_beside_its_field(client, tim, ubah, field, pesan):
    ubah = {k: getattr(tim, v).nip if k.endswith("_nip") else v for k, v in ubah.items()}
    client.force_login(tim.admin_opd)
    response = client.post(reverse("delegasi_create"), _data(tim, **ubah))
    assert response.status_code == 422
    assert any(pesan in e for e in response.context["form"].errors[field])
    assert not DelegasiPenilai.objects.exists()


def test_the_list_shows_the_admins_delegations_and_finds_either_side(client, tim):
    d = _delegasi(tim)
    _delegasi(tim, penerima=tim.staf, tanggal_mulai=HARI_INI + HARI, tanggal_selesai=HARI_INI + HARI)
    _delegasi(tim, pemberi=tim.kepala_b, penerima=tim.staf_b)
    client.force_login(tim.admin_opd)

    def daftar(**params):
        response = client.get(reverse("delegasi_list"), params)
        return [x.penerima.nama for x in response.context["page_obj"].object_list]

    assert sorted(daftar()) == ["Ketua Tim", "Staf A"]
    assert daftar(q="ketua") == ["Ketua Tim"]
    assert sorted(daftar(q="kasi")) == ["Ketua Tim", "Staf A"]
    assert daftar(q=tim.staf.nip[:14]) == ["Staf A"]
    assert daftar(status="akan") == ["Staf A"]
    assert daftar(status="berlaku") == ["Ketua Tim"]
    d.dibatalkan_pada = timezone.now()
    d.save()
    assert daftar(status="dibatalkan") == ["Ketua Tim"]
    assert daftar(status="berlaku") == []
    client.force_login(tim.admin_bkpsdm)
    assert len(daftar()) == 3


def test_the_empty_list_invites_recording_one(client, tim):
    client.force_login(tim.admin_opd)
    page = client.get(reverse("delegasi_list")).content.decode()
    assert "Belum ada delegasi pejabat penilai" in page and reverse("delegasi_create") in page


def test_an_admin_cancels_a_delegation_with_a_reason(client, tim):
    d = _delegasi(tim)
    url = reverse("delegasi_batal", args=[d.pk])
    client.force_login(tim.admin_opd)
    assert "Batalkan delegasi" in client.get(url).content.decode()
    response = client.post(url, {"alasan_batal": ""})
    assert response.status_code == 422 and "alasan_batal" in response.context["form"].errors
    response = client.post(url, {"alasan_batal": "Ketua tim dimutasi."})
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.dibatalkan_pada is not None and d.alasan_batal == "Ketua tim dimutasi."
    page = client.get(url).content.decode()
    assert "Delegasi ini sudah dibatalkan." in page
    response = client.post(url, {"alasan_batal": "Lagi."})
    assert response.status_code == 422 and "sudah dibatalkan" in response.content.decode()


def test_another_opds_admin_cannot_open_the_delegation(client, tim):
    d = _delegasi(tim)
    client.force_login(tim.admin_opd_lain)
    assert client.get(reverse("delegasi_batal", args=[d.pk])).status_code == 404


def test_the_plt_page_and_the_menu_link_to_delegations_and_the_organisation_page_to_the_check(client, tim):
    client.force_login(tim.admin_opd)
    page = client.get(reverse("penugasan_list")).content.decode()
    assert page.count(reverse("delegasi_list")) >= 2  # the page's button and the Kelola menu
    page = client.get(reverse("organisasi")).content.decode()
    assert reverse("penilai_periksa") in page
    page = client.get(reverse("organisasi_detail", args=[tim.opd_a.pk])).content.decode()
    assert f"{reverse('penilai_periksa')}?opd={tim.opd_a.pk}" in page
    client.force_login(tim.staf.user)
    assert reverse("penilai_periksa") not in client.get(reverse("organisasi")).content.decode()
