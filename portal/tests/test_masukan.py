"""Input hardening at its one place: the middleware that strips control characters from every request
(portal.middleware) and the bounded form fields of portal.forms. Through the pages: pegawai/tests/test_masukan_views.py;
every form of the project bounded: mangbagja/tests/test_masukan.py; every page swept: mangbagja/tests/test_sweep.py."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.http import HttpResponse
from django.test import RequestFactory

from portal.forms import DaftarIdField, IdField, TanggalField, formfield_portal
from portal.middleware import BersihkanMasukanMiddleware
from portal.teks import bersihkan

KOTOR = "a\x00b\x1b[31mc\x7fd\x85ef\tg\r\nh"
BERSIH = "ab[31mcdef\tg\r\nh"


def _lewat(request):
    """Run ``request`` through the middleware and return it as the view would see it."""
    seen = {}

    def view(req):
        seen["request"] = req
        return HttpResponse()

    BersihkanMasukanMiddleware(view)(request)
    return seen["request"]


def test_bersihkan_keeps_tab_and_line_breaks_only():
    assert bersihkan(KOTOR) == BERSIH
    # A lone surrogate cannot arrive in a UTF-8 request (Django decodes with replacement), but is covered.
    assert bersihkan("a\ud800b") == "ab"
    assert bersihkan("Rapat koordinasi ²³ — ✓") == "Rapat koordinasi ²³ — ✓"


def test_query_parameters_are_cleaned_keys_and_values():
    request = _lewat(RequestFactory().get("/x/", {"q": "a\x00b", "opd\x00": ["1", "2\x1b"]}))
    assert request.GET["q"] == "ab"
    assert request.GET.getlist("opd") == ["1", "2"]
    assert not request.GET._mutable


def test_a_clean_query_is_left_as_it_is():
    request = RequestFactory().get("/x/", {"q": "biasa"})
    original = request.GET
    assert _lewat(request).GET is original


def test_form_fields_are_cleaned_when_the_body_is_read():
    request = _lewat(RequestFactory().post("/x/", {"catatan": KOTOR, "pilih": ["1\x00", "2"]}))
    assert request.POST["catatan"] == BERSIH
    assert request.POST.getlist("pilih") == ["1", "2"]


def test_multipart_fields_are_cleaned_and_files_kept():
    berkas = SimpleUploadedFile("bukti\x01.pdf", b"%PDF-1.4 \x00\x01 isi", content_type="application/pdf")
    request = _lewat(RequestFactory().post("/x/", {"uraian": "a\x00b", "berkas": berkas}))
    assert request.POST["uraian"] == "ab"
    assert request.FILES["berkas"].read() == b"%PDF-1.4 \x00\x01 isi"
    # FILES first, then POST: the same parse, the same cleaning.
    request = _lewat(RequestFactory().post("/x/", {"uraian": "a\x00b", "berkas": berkas}))
    assert "berkas" in request.FILES
    assert request.POST["uraian"] == "ab"


def test_a_cookie_with_control_characters_is_cleaned():
    request = RequestFactory().get("/x/")
    request.COOKIES = {"sessionid": "abc\x00def"}
    assert _lewat(request).COOKIES == {"sessionid": "abcdef"}


# --- bounded fields ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("nilai", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_a_far_date_is_refused_with_a_message(nilai):
    form = type("F", (forms.Form,), {"tanggal": TanggalField()})({"tanggal": nilai})
    assert not form.is_valid()
    assert form.errors["tanggal"] == ["Tanggal harus antara 1 Januari 1900 dan 31 Desember 2100."]


def test_a_date_in_range_is_accepted_and_the_picker_is_bounded():
    form = type("F", (forms.Form,), {"tanggal": TanggalField()})({"tanggal": "2026-02-03"})
    assert form.is_valid()
    assert form.cleaned_data["tanggal"] == datetime.date(2026, 2, 3)
    html = str(form["tanggal"])
    assert 'min="1900-01-01"' in html and 'max="2100-12-31"' in html and 'type="date"' in html


def test_a_models_fields_get_the_portals_bounds():
    assert isinstance(formfield_portal(models.DateField()), TanggalField)
    assert formfield_portal(models.TextField(max_length=1000)).max_length == 1000
    jumlah = formfield_portal(models.PositiveSmallIntegerField())
    assert (jumlah.min_value, jumlah.max_value) == (0, 32767)
    with pytest.raises(forms.ValidationError):
        jumlah.clean("9" * 40)


@pytest.mark.parametrize("nilai", ["²", "-1", "0", "9" * 40, "1e309", "abc", "1\x00"])
def test_an_id_is_a_positive_bigint(nilai):
    with pytest.raises(forms.ValidationError):
        IdField().clean(nilai)


def test_a_list_of_ids():
    field = DaftarIdField(required=False, maks=3)
    assert field.clean(["3", "1", "3"]) == [3, 1]
    assert field.clean([]) == []
    for nilai in (["1", "²"], ["9" * 40], ["1", "2", "3", "4"]):
        with pytest.raises(forms.ValidationError):
            field.clean(nilai)


@pytest.mark.parametrize("nilai", ["1e309", "NaN", "Infinity", "-Infinity", "9" * 40])
def test_a_decimal_with_the_models_digits_refuses_huge_and_non_numbers(nilai):
    field = forms.DecimalField(max_digits=12, decimal_places=2, localize=True)
    with pytest.raises(forms.ValidationError):
        field.clean(nilai)
    assert field.clean("95,5") == Decimal("95.5")
