"""How every app lays out its forms: django-crispy-forms with the Bootstrap 5 pack.

A page keeps its own ``<form>`` element, csrf token, buttons and htmx attributes; inside it ``{% crispy form %}``
renders the fields of the layout the form declares with :func:`form_helper`, each with its label, help text and its
own errors. Errors that belong to no field (a refused service change, see :func:`portal.errors.add_to_form`) are
shown once above the form by ``templates/components/form_errors.html``; crispy does not repeat them because
``templates/bootstrap5/errors.html`` is empty. The other files in ``templates/bootstrap5/`` keep the field markup the
portal has always had (help text, then each error in its own ``invalid-feedback`` line; a fieldset's legend styled
as a field label).

A form whose page renders bare widgets instead (a filter bar, a select inside a table row) uses
:class:`BootstrapMixin`, which puts the Bootstrap classes on the widgets themselves.

Every value a form reads is bounded here, so no hostile input reaches a query or a calculation (docs/ARSITEKTUR.md,
"Masukan"): dates through :class:`TanggalField` (in a FilterSet a ``DateFilter`` subclass whose ``field_class`` is
TanggalField; in a ModelForm :func:`formfield_portal`), ids through :class:`IdField` or :class:`DaftarIdField` when no
queryset names the choices, decimals through Django's ``DecimalField`` with the model's digits, text through
``max_length``.
"""

import datetime
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from crispy_forms.utils import TEMPLATE_PACK
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _


def form_helper(*layout, **attrs) -> FormHelper:
    """A FormHelper that renders only the fields of ``layout`` (field names or crispy layout objects).

    ``attrs`` sets any other FormHelper attribute. The helper and the layout objects used in this project (Div, Row,
    Column, Field, HTML, :class:`Details`) keep no per-form state, so a form declares its helper once as a class
    attribute: ``helper = form_helper("nama", Row(Column("mulai"), Column("selesai")))``. (crispy's MultiField and
    FieldWithButtons do keep state: a form that needs them builds its helper in ``__init__``.)"""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*layout)
    for name, value in attrs.items():
        setattr(helper, name, value)
    return helper


class Details(Div):
    """A folded part of a form (``<details>`` with ``summary`` as its title) for the fields most entries skip.

    It opens by itself when a field inside has an error or a value, so nothing the user typed or must correct is
    hidden."""

    template = "components/details.html"

    def __init__(self, summary, *fields, **kwargs):
        super().__init__(*fields, **kwargs)
        self.summary = summary

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        fields = self.get_rendered_fields(form, context, template_pack, **kwargs)
        names = [pointer.name for pointer in self.get_field_names() if pointer.name in form.fields]
        is_open = any(form[name].errors or form[name].value() for name in names)
        return render_to_string(self.template, {"div": self, "fields": fields, "open": is_open})


class When(Div):
    """Fields shown only when a variable of the page's context is true (``"jpt"``) or false (``"not jpt"``).

    For a form whose fields depend on the page, not on the form: the IKI form of a qualitative SKP has no targets,
    the RHK form of a JPT has a perspective. The page already knows the flag; the form's one layout asks it."""

    def __init__(self, condition: str, *fields, **kwargs):
        super().__init__(*fields, **kwargs)
        self.negate = condition.startswith("not ")
        self.key = condition.removeprefix("not ").strip()

    def render(self, form, context, template_pack=TEMPLATE_PACK, **kwargs):
        if bool(context.get(self.key)) == self.negate:
            return SafeString("")
        return self.get_rendered_fields(form, context, template_pack, **kwargs)


class BootstrapMixin:
    """Give every widget the Bootstrap 5 class it needs, for a page that renders bare widgets (``{{ form.q }}``)
    instead of ``{% crispy form %}``. Call ``self._bootstrap()`` at the end of ``__init__``."""

    def _bootstrap(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()

    def full_clean(self):
        super().full_clean()
        # Bootstrap colours a field red only through the widget's own class.
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = (widget.attrs.get("class", "") + " is-invalid").strip()


class DateInput(forms.DateInput):
    """The browser's own date picker (works on phones); it sends and expects ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


#: The dates any form accepts. Wide enough for every real date the portal keeps (a TMT CPNS of the 1980s, an SKP
#: period years ahead), narrow enough that date arithmetic never leaves Python's years 1–9999 (9999-12-31 plus a day
#: was a server error) and no typing slip like 0202 is stored. A page with a tighter rule states it in its service.
TANGGAL_PALING_AWAL = datetime.date(1900, 1, 1)
TANGGAL_PALING_AKHIR = datetime.date(2100, 12, 31)
#: The largest value of a PostgreSQL bigint, the type of every id.
ID_TERBESAR = 2**63 - 1


def batas_tanggal(value: datetime.date) -> None:
    """Refuse a date outside :data:`TANGGAL_PALING_AWAL`–:data:`TANGGAL_PALING_AKHIR`."""
    if value is not None and not TANGGAL_PALING_AWAL <= value <= TANGGAL_PALING_AKHIR:
        raise ValidationError(
            _("Tanggal harus antara %(awal)s dan %(akhir)s.")
            % {"awal": date_format(TANGGAL_PALING_AWAL, "j F Y"), "akhir": date_format(TANGGAL_PALING_AKHIR, "j F Y")},
            code="batas_tanggal",
        )


class TanggalField(forms.DateField):
    """A date picked in the browser's date picker, within the portal's range (:func:`batas_tanggal`). Use it for
    every date a form reads."""

    default_validators = [batas_tanggal]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DateInput)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.DateInput):
            attrs.setdefault("min", TANGGAL_PALING_AWAL.isoformat())
            attrs.setdefault("max", TANGGAL_PALING_AKHIR.isoformat())
        return attrs


class BulanField(forms.CharField):
    """A month as ``TTTT-BB`` (the browser's month picker), cleaned to ``(tahun, bulan)`` within the portal's dates
    (:func:`batas_tanggal`). Only ASCII digits: ``int()`` also reads superscript and Arabic-Indic ones."""

    widget = forms.TextInput(attrs={"type": "month"})

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 7)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        cocok = re.fullmatch(r"(\d{4})-(\d{2})", value, flags=re.ASCII)
        try:
            if not cocok:
                raise ValueError
            hari = datetime.date(int(cocok[1]), int(cocok[2]), 1)
            batas_tanggal(hari)
        except (ValueError, forms.ValidationError):
            raise forms.ValidationError(_("Tulis bulan sebagai TTTT-BB, mis. 2026-02."), code="invalid") from None
        return hari.year, hari.month


def batasi_formfield(db_field: models.Field, field: forms.Field | None) -> forms.Field | None:
    """``field``, the form field Django built for the model field ``db_field``, given the portal's bounds: a date
    the portal's range (:func:`batas_tanggal`), a whole number the range of its database column (Django checks that
    range only in the model's own validation, which a form whose write is a service skips). Text keeps the model's
    ``max_length`` and a decimal the model's digits, as Django already gives them."""
    if isinstance(field, forms.DateField) and batas_tanggal not in field.validators:
        field.validators.append(batas_tanggal)
    elif isinstance(field, forms.IntegerField) and isinstance(db_field, models.IntegerField):
        terkecil, terbesar = connection.ops.integer_field_range(db_field.get_internal_type())
        if field.min_value is None or (terkecil is not None and field.min_value < terkecil):
            field.min_value = terkecil
            field.validators.append(MinValueValidator(terkecil))
        if field.max_value is None or (terbesar is not None and field.max_value > terbesar):
            field.max_value = terbesar
            field.validators.append(MaxValueValidator(terbesar))
    return field


def formfield_portal(db_field: models.Field, **kwargs) -> forms.Field | None:
    """``formfield_callback`` of a ModelForm (``class Meta: formfield_callback = formfield_portal``): a model's
    date becomes a :class:`TanggalField`, every field gets :func:`batasi_formfield`'s bounds."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", TanggalField)
    return batasi_formfield(db_field, db_field.formfield(**kwargs))


class IdField(forms.IntegerField):
    """One database id read from a parameter whose choices no queryset names (prefer ``ModelChoiceField`` with the
    user's scoped queryset when there is one): a whole number from 1 to the largest bigint. ``int()`` on the raw
    string is never used (``"²".isdigit()`` is true, ``int("²")`` fails)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_TERBESAR)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)
        self.error_messages["min_value"] = self.error_messages["max_value"] = _("Data yang dipilih tidak dikenal.")


class DaftarIdField(forms.Field):
    """Several ids under one name (``?pilih=1&pilih=2``, a column of checkboxes) whose choices no queryset names
    (prefer ``ModelMultipleChoiceField`` with the scoped queryset when there is one). Each is an :class:`IdField`;
    at most ``maks`` of them, so one request cannot ask for a query with a million parameters."""

    widget = forms.MultipleHiddenInput
    hidden_widget = forms.MultipleHiddenInput

    def __init__(self, *, maks: int = 500, **kwargs):
        super().__init__(**kwargs)
        self.maks = maks

    def to_python(self, value) -> list[int]:
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        if len(value) > self.maks:
            raise ValidationError(_("Paling banyak %(n)s pilihan sekaligus.") % {"n": self.maks}, code="maks")
        satu = IdField()
        return list(dict.fromkeys(satu.clean(v) for v in value))
