"""portal.forms: ``{% crispy form %}`` keeps the portal's field markup and the one error pattern — a field's errors
under that field, the errors of no field once above the form (components/form_errors.html), never inside it."""

import re

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Column, Field, Fieldset, Row
from django import forms
from django.template import Context, Template

from portal.errors import DomainError, add_to_form
from portal.forms import BootstrapMixin, Details, When, form_helper


class _Form(forms.Form):
    nama = forms.CharField(label="Nama", help_text="Nama lengkap.")
    pilihan = forms.ChoiceField(label="Pilihan", choices=[("a", "Satu"), ("b", "Dua")], widget=forms.RadioSelect)
    mulai = forms.CharField(label="Mulai", required=False)
    catatan = forms.CharField(label="Catatan", required=False)

    helper = form_helper(
        "nama",
        InlineRadios("pilihan"),
        Row(Column("mulai", css_class="col-6"), css_class="g-2"),
        Details("Lainnya", Field("catatan", wrapper_class="col-12"), css_class="tambahan"),
    )


def _render(form, **context) -> str:
    html = Template(
        '{% load crispy_forms_tags %}{% include "components/form_errors.html" %}<form>{% crispy form %}</form>'
    ).render(Context({"form": form, **context}))
    return re.sub(r"\s+", " ", html)


def _bound(**data):
    form = _Form({"nama": "Ani", "pilihan": "a", **data})
    form.is_valid()
    return form


def test_only_the_fields_are_rendered_inside_the_page_form():
    html = _render(_Form())
    assert html.count("<form") == 1 and "csrfmiddlewaretoken" not in html
    assert 'class="row g-2"' in html and '<div class="col-6"' in html
    assert 'class="mb-3 col-12"' in html


def test_the_help_text_comes_before_each_error_line():
    html = _render(_bound(nama=""))
    assert re.search(
        r'class="[^"]*form-control[^"]*is-invalid[^"]*"[^>]*> '
        r'<div id="id_nama_helptext" class="form-text">Nama lengkap.</div> '
        r'<div id="id_nama_error"><div class="invalid-feedback d-block">[^<]+</div></div>',
        html,
    )
    # The ids the input points at exist, so a screen reader reads the help and the error with the field.
    assert 'aria-describedby="id_nama_helptext id_nama_error"' in html


def test_an_error_of_no_field_is_shown_once_above_the_form():
    form = _bound()
    add_to_form(form, DomainError("Ditolak oleh aturan.", errors={"catatan": "Catatan salah."}))
    html = _render(form)
    assert html.count("Ditolak oleh aturan.") == 1
    assert html.index("Ditolak oleh aturan.") < html.index("<form")
    assert html.count("Catatan salah.") == 1 and html.index("Catatan salah.") > html.index("<form")


def test_inline_radios_show_their_error():
    html = _render(_bound(pilihan=""))
    assert html.count('class="form-check form-check-inline"') == 2
    assert '<legend class="form-label fs-6 mb-1">Pilihan</legend>' in html
    assert re.search(r'</fieldset> <div id="id_pilihan_error"><div class="invalid-feedback d-block">[^<]+</div>', html)


def _details_tag(form) -> str:
    return re.search(r"<details[^>]*>", _render(form)).group()


def test_the_folded_part_opens_when_a_field_inside_has_a_value_or_an_error():
    tertutup = _details_tag(_Form())
    assert 'class="tambahan"' in tertutup and " open" not in tertutup
    assert " open" in _details_tag(_bound(catatan="sudah diisi"))
    form = _bound()
    form.add_error("catatan", "Salah.")
    assert " open" in _details_tag(form)


class _Halaman(forms.Form):
    """A form whose fields depend on the page (`jpt`), with a fieldset."""

    nama = forms.CharField(label="Nama")
    aspek = forms.CharField(label="Aspek", required=False)
    acuan = forms.CharField(label="Acuan", required=False)

    helper = form_helper(Fieldset("Periode", "nama"), When("not jpt", "aspek"), When("jpt", "acuan"))


def test_when_shows_its_fields_by_a_variable_of_the_page():
    biasa = _render(_Halaman())
    assert 'name="aspek"' in biasa and 'name="acuan"' not in biasa
    jpt = _render(_Halaman(), jpt=True)
    assert 'name="aspek"' not in jpt and 'name="acuan"' in jpt


def test_a_fieldset_legend_looks_like_a_field_label():
    assert '<legend class="form-label fs-6 mb-1">Periode</legend>' in _render(_Halaman())


class _Filter(BootstrapMixin, forms.Form):
    q = forms.CharField(required=False)
    status = forms.ChoiceField(choices=[("a", "A")])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()


def test_bare_widgets_of_a_filter_bar_carry_their_bootstrap_class():
    form = _Filter({"q": "x"})
    form.is_valid()
    assert 'class="form-control"' in str(form["q"])
    assert 'class="form-select is-invalid"' in str(form["status"])
