"""The input middleware is installed (portal.middleware): NUL in a search, in a path, in a session cookie and in a
posted text never reaches PostgreSQL (each was a server error), and a far date gets the portal's message."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pegawai.models import DelegasiPenilai


@pytest.mark.django_db
def test_control_characters_and_far_dates_through_the_pages(client, org):
    client.force_login(org.user("admin_opd"))
    assert client.get(reverse("penugasan_list"), {"q": "\x00"}).status_code == 200
    assert client.get(reverse("pegawai_list"), {"q": "ab\x00c"}).status_code == 200
    assert client.get("/pegawai/%00/").status_code == 404
    response = client.post(
        reverse("delegasi_create"),
        {
            "pemberi_nip": org.kasi.nip,
            "penerima_nip": org.staf.nip,
            "tanggal_mulai": "2100-01-01",
            "tanggal_selesai": "9999-12-31",
            "nomor_surat": "800/\x001",
            "alasan": "Tim\x00 kerja.",
        },
    )
    assert response.status_code == 422
    assert "Tanggal harus antara 1 Januari 1900 dan 31 Desember 2100." in response.content.decode()
    hari_ini = timezone.localdate().isoformat()
    response = client.post(
        reverse("delegasi_create"),
        {
            "pemberi_nip": org.kasi.nip,
            "penerima_nip": org.staf.nip,
            "tanggal_mulai": hari_ini,
            "tanggal_selesai": hari_ini,
            "nomor_surat": "800/\x001",
            "alasan": "Tim\x00 kerja\x1b[0m.\r\nBaris dua.",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    delegasi = DelegasiPenilai.objects.get()
    assert (delegasi.nomor_surat, delegasi.alasan) == ("800/1", "Tim kerja[0m.\r\nBaris dua.")
    client.cookies["sessionid"] = "x\x00" * 20
    assert client.get(reverse("dashboard")).status_code == 302
