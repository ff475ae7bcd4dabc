"""How every app lays out its forms: django-crispy-forms with the Bootstrap 5 pack.

A page keeps its own ``<form>`` element, csrf token, buttons and htmx attributes; inside it ``{% crispy form %}``
renders the fields of the layout the form declares with :func:`form_helper`, each with its label, help text and its
own errors. Errors that belong to no field (a refused service change, see :func:`portal.errors.add_to_form`) are
shown once above the form by ``templates/components/form_errors.html``; crispy does not repeat them because
``templates/bootstrap5/errors.html`` is empty. The other files in ``templates/bootstrap5/`` keep the field markup the
portal has always had (help text, then each error in its own ``invalid-feedback`` line).
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from crispy_forms.utils import TEMPLATE_PACK
from django.template.loader import render_to_string


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
