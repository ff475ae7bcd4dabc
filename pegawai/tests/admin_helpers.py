"""Helpers of the admin tests: ask the service what it says to a change, post the same change through the Django
admin, and compare what the admin shows with the service's refusal."""

import pytest
from django import forms
from django.contrib.auth.models import Permission
from django.db import transaction

from portal.errors import DomainError


def service_refusal(call, **kwargs) -> DomainError:
    """What the service says to the same request (in a savepoint, so nothing stays written)."""
    with pytest.raises(DomainError) as refused, transaction.atomic():
        call(**kwargs)
    return refused.value


def assert_same_refusal(response, refusal: DomainError, form=None):
    """The admin answered with its form again, showing ``refusal`` as the portal would: each field's message beside
    that field, the rest above the form, nothing else."""
    assert response.status_code == 200  # the form again, not a redirect
    form = form or response.context["adminform"].form
    shown = {field: list(errors) for field, errors in form.errors.items()}
    beside = {field: message for field, message in refusal.errors.items() if field in form.fields}
    expected = {field: [message] for field, message in beside.items()}
    above = [message for message in refusal.daftar if message not in beside.values()]
    if above:
        expected["__all__"] = above
    assert shown == expected and shown


def staff(user, *model_names: str):
    """``user`` as Django staff with the admin permissions on the pegawai models named (the reach still comes
    from their role)."""
    user.is_staff = True
    user.save()
    codenames = [f"{action}_{name}" for name in model_names for action in ("add", "change", "delete", "view")]
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="pegawai", codename__in=codenames))
    return user


def change_data(client, url: str, **changes) -> dict:
    """The POST data of the admin change page at ``url`` as it stands (main form, inline management forms and
    rows), with ``changes`` applied: what a browser would send after editing those fields."""
    page = client.get(url)
    assert page.status_code == 200
    forms_on_page = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        forms_on_page.append(inline.formset.management_form)
        forms_on_page.extend(inline.formset.forms)
    data = {}
    for form in forms_on_page:
        for bound in form:
            data.update(_posted(bound))
    for name, value in changes.items():
        data.pop(name, None)
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else getattr(value, "pk", value)
    return data


def _posted(bound) -> dict:
    value = bound.value()
    if value is None or value is False or value == "":
        return {}
    if value is True:
        return {bound.html_name: "on"}
    if isinstance(bound.field.widget, forms.MultiWidget):
        parts = bound.field.widget.decompress(value)
        return {f"{bound.html_name}_{i}": str(part) for i, part in enumerate(parts) if part is not None}
    if isinstance(value, (list, tuple)):
        return {bound.html_name: [getattr(item, "pk", item) for item in value]}
    return {bound.html_name: getattr(value, "pk", value)}
