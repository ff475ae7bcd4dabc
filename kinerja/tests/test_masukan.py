"""Hostile input on the daily report pages: far dates, numbers beyond any column, superscript digits, control
characters. Each is refused with an Indonesian message or ignored, never a server error, and nothing changes.

"Today" is Wednesday 11 March 2026 (the ``jam`` fixture, kinerja/tests/conftest.py)."""

import datetime

import pytest
from django.urls import reverse

from kinerja.choices import StatusAktivitas
from kinerja.models import Aktivitas

from .factories import TAHUN, catat, diajukan
from .test_views import HARI_INI, HTMX, isian, masuk, teks

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def rhk(skp):
    return skp.rhk(skp.staf)


@pytest.fixture
def staf(org):
    return masuk(org.staf)


@pytest.fixture
def kasi(org):
    return masuk(org.kasi)


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"tanggal": "9999-12-31"}, "Tanggal harus antara 1 Januari 1900 dan 31 Desember 2100."),
        ({"tanggal": "0001-01-01"}, "Tanggal harus antara 1 Januari 1900 dan 31 Desember 2100."),
        ({"volume": "1e309"}, "Volume keluaran paling banyak 10 angka sebelum koma dan 2 angka sesudahnya."),
        ({"volume": "-1e309"}, "Volume keluaran paling banyak 10 angka sebelum koma dan 2 angka sesudahnya."),
        ({"volume": "1e-309"}, "Volume keluaran paling banyak 10 angka sebelum koma dan 2 angka sesudahnya."),
        ({"volume": "12345678901"}, "Volume keluaran paling banyak 10 angka sebelum koma dan 2 angka sesudahnya."),
        ({"volume": "NaN"}, "Volume keluaran harus berupa angka lebih dari nol."),
        ({"volume": "Infinity"}, "Volume keluaran harus berupa angka lebih dari nol."),
        ({"volume": "²"}, "Volume keluaran harus berupa angka lebih dari nol."),
        ({"jam_mulai": "²⁰:00"}, "Masukkan waktu yang valid."),
    ],
)
@pytest.mark.parametrize("cara", ["tambah", "ubah"])
def test_an_activity_with_a_far_date_or_a_huge_number_is_refused_in_indonesian(org, jam, rhk, staf, ubah, pesan, cara):
    if cara == "tambah":
        url = reverse("kinerja:aktivitas_tambah")
    else:
        url = reverse("kinerja:aktivitas_ubah", args=[catat(org.staf, rhk, HARI_INI, "07:00", "07:30").pk])
    sebelum = list(Aktivitas.objects.values_list("pk", "tanggal", "volume", "jam_mulai"))
    # Outside the RHK: the far date reached the deadline arithmetic without an RHK to look up first.
    response = staf.post(url, isian(**ubah), **HTMX)
    assert response.status_code == 422
    assert pesan in teks(response)
    assert list(Aktivitas.objects.values_list("pk", "tanggal", "volume", "jam_mulai")) == sebelum


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("aksi", ["setujui", "tolak"])
def test_a_decision_with_control_characters_in_the_catatan_is_saved_without_them(org, jam, skp, kasi, htmx, aksi):
    a = diajukan(org.staf, skp.rhk(skp.staf), D(TAHUN, 3, 10))
    response = kasi.post(
        reverse(f"kinerja:{aksi}", args=[a.pk]),
        {f"catatan-{a.pk}": "Bukti\x00 belum\x1b[31m ada"},
        **(HTMX if htmx else {}),
    )
    assert response.status_code == (200 if htmx else 302)
    a.refresh_from_db()
    assert a.status == (StatusAktivitas.DISETUJUI if aksi == "setujui" else StatusAktivitas.DITOLAK)
    assert a.catatan_atasan == "Bukti belum[31m ada"


def test_the_detail_page_sends_the_catatan_under_the_same_name_as_the_queue(org, jam, skp, kasi):
    a = diajukan(org.staf, skp.rhk(skp.staf), D(TAHUN, 3, 10))
    assert f'name="catatan-{a.pk}"' in kasi.get(reverse("kinerja:aktivitas_detail", args=[a.pk])).content.decode()
    response = kasi.post(reverse("kinerja:tolak", args=[a.pk]), {f"catatan-{a.pk}": "Lampirkan notulen."})
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.status, a.catatan_atasan) == (StatusAktivitas.DITOLAK, "Lampirkan notulen.")


@pytest.mark.parametrize("pilih", [["²"], ["1e309"], ["-1"], ["9" * 30], ["{a}", "²"], ["{a}"] * 501])
def test_bulk_approve_refuses_a_selection_that_is_not_ids_and_approves_nothing(org, jam, skp, kasi, pilih):
    a = diajukan(org.staf, skp.rhk(skp.staf), D(TAHUN, 3, 10))
    pilih = [p.format(a=a.pk) for p in pilih]
    response = kasi.post(reverse("kinerja:setujui_banyak"), {"pilih": pilih}, follow=True)
    assert response.status_code == 200
    assert "Pilihan: " in teks(response)
    a.refresh_from_db()
    assert a.status == StatusAktivitas.DIAJUKAN
    response = kasi.post(reverse("kinerja:setujui_banyak"), {"pilih": pilih}, HTTP_HX_CURRENT_URL="/?page=²", **HTMX)
    assert response.status_code == 200 and "Pilihan — " in teks(response)


def test_a_next_that_is_not_a_path_of_the_site_goes_back_to_the_queue(org, jam, skp, kasi):
    a = diajukan(org.staf, skp.rhk(skp.staf), D(TAHUN, 3, 10))
    # redirect() would take a bare word for the name of a view (NoReverseMatch: a server error).
    response = kasi.post(reverse("kinerja:setujui", args=[a.pk]), {"next": "²"})
    assert response.status_code == 302 and response.url == reverse("kinerja:antrian")


@pytest.mark.parametrize("opd", ["²", "٣", "-1", "9" * 40])
def test_the_units_page_ignores_an_opd_that_is_not_one_of_its_choices_and_says_so(org, jam, opd):
    response = masuk(org.admin_bkpsdm).get(reverse("kinerja:hari_kerja"), {"opd": opd})
    assert response.status_code == 200
    assert 'class="form-select is-invalid"' in response.content.decode()
    # Every unit is listed, as without the filter.
    assert org.staf.jabatan.unit_kerja.nama in teks(response) and org.staf_b.jabatan.unit_kerja.nama in teks(response)


@pytest.mark.parametrize(("url", "orang"), [("kinerja:hari_kerja", "admin_opd"), ("kinerja:buka_kunci", "admin_opd")])
def test_a_search_longer_than_any_name_is_refused_beside_the_box(org, jam, url, orang):
    response = masuk(getattr(org, orang)).get(reverse(url), {"q": "x" * 3000})
    assert response.status_code == 200
    assert "paling banyak 100 karakter" in teks(response)


@pytest.mark.parametrize("nilai", ["9999-12-31", "0001-01-01", "²⁰²⁶-⁰³-⁰¹", "x" * 3000])
def test_a_day_or_month_the_pages_cannot_read_opens_today(org, jam, skp, staf, nilai):
    response = staf.get(reverse("kinerja:harian"), {"tanggal": nilai})
    assert response.status_code == 200 and 'value="2026-03-11"' in response.content.decode()
    response = staf.get(reverse("kinerja:progres"), {"bulan": nilai[:7], "periode": nilai})
    assert response.status_code == 200 and "Maret 2026" in teks(response)
    response = masuk(org.admin_bkpsdm).get(reverse("kinerja:libur"), {"tahun": nilai[:4]})
    assert response.status_code == 200 and "2026" in teks(response)


def test_the_queue_refuses_a_far_date_beside_its_field(org, jam, skp, kasi):
    response = kasi.get(reverse("kinerja:antrian"), {"dari": "9999-12-31"})
    assert response.status_code == 200
    assert "Tanggal harus antara 1 Januari 1900 dan 31 Desember 2100." in teks(response)
