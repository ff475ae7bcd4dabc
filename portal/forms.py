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
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from crispy_forms.utils import TEMPLATE_PACK
from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import SafeString


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
