from django import forms

from portal.errors import DomainError, DomainPermissionDenied, add_to_form


class _Form(forms.Form):
    domain_error_fields = {"kategori": "pilihan"}

    nama = forms.CharField(required=False)
    pilihan = forms.CharField(required=False)


def _bound():
    form = _Form({"nama": "x", "pilihan": "y"})
    assert form.is_valid()
    return form


def test_it_shows_a_field_message_beside_its_field_and_not_again_on_top():
    form = _bound()
    add_to_form(form, DomainError("Nama sudah dipakai.", errors={"nama": "Nama sudah dipakai."}))
    assert form.errors["nama"] == ["Nama sudah dipakai."]
    assert form.non_field_errors() == []


def test_it_puts_a_message_without_field_on_top():
    form = _bound()
    add_to_form(form, DomainError("Bulan ini sudah dikunci."))
    assert form.non_field_errors() == ["Bulan ini sudah dikunci."]


def test_it_follows_the_forms_alias_for_a_service_argument():
    form = _bound()
    add_to_form(form, DomainError("Pilih kategori.", errors={"kategori": "Pilih kategori."}))
    assert form.errors["pilihan"] == ["Pilih kategori."]


def test_it_puts_a_message_for_an_unknown_field_on_top():
    form = _bound()
    add_to_form(form, DomainError("Tanggal di luar periode.", errors={"tanggal": "Tanggal di luar periode."}))
    assert form.non_field_errors() == ["Tanggal di luar periode."]


def test_it_lists_every_problem_of_a_multi_problem_refusal():
    form = _bound()
    add_to_form(form, DomainError("SKP belum lengkap.", daftar=["RHK kosong.", "Lampiran kosong."]))
    assert form.non_field_errors() == ["RHK kosong.", "Lampiran kosong."]


def test_a_permission_refusal_is_both_a_domain_error_and_permission_denied():
    from django.core.exceptions import PermissionDenied

    exc = DomainPermissionDenied("Bukan wewenang Anda.")
    assert isinstance(exc, DomainError) and isinstance(exc, PermissionDenied)
    assert str(exc) == "Bukan wewenang Anda."


def test_a_request_the_portal_cannot_read_gets_an_indonesian_page(db):
    """A host name outside ALLOWED_HOSTS is refused by Django before the authentication middleware ran: the 400
    page is the portal's own, and the template context of a request without a login is no server error."""
    from django.test import Client

    response = Client(raise_request_exception=False).get("/", HTTP_HOST="penyusup.example.com")
    assert response.status_code == 400
    teks = response.content.decode()
    assert "Permintaan tidak dapat diproses" in teks and "Bad Request" not in teks
