"""Every form, admin form and FilterSet of the project reads its values through bounded fields (portal.forms), so a
new form cannot bring back a server error on hostile input; and the input middleware runs before sessions and CSRF.
The page-level check is test_sweep.py."""

import importlib
import pkgutil
from pathlib import Path

import django_filters
from django import forms
from django.apps import apps
from django.conf import settings
from django.test import RequestFactory

from portal.forms import TanggalField, batas_tanggal


def test_the_middleware_runs_before_sessions_and_csrf():
    names = settings.MIDDLEWARE
    posisi = names.index("portal.middleware.BersihkanMasukanMiddleware")
    assert posisi < names.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert posisi < names.index("django.middleware.csrf.CsrfViewMiddleware")


_APPS = tuple(
    config
    for config in apps.get_app_configs()
    if Path(config.path).resolve().parent == Path(settings.BASE_DIR).resolve()
)


def _project_modules():
    for config in _APPS:
        package = config.module
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
            if any(part in ("tests", "migrations", "management") for part in info.name.split(".")):
                continue
            importlib.import_module(info.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _ours(cls) -> bool:
    # Forms that tests declare for themselves are not served to anyone (and are only loaded when their module is).
    parts = cls.__module__.split(".")
    return parts[0] in {config.name for config in _APPS} and "tests" not in parts


def _unbounded(field) -> str | None:
    """Why ``field`` lets a hostile value through, or None."""
    if isinstance(field, forms.DateField) and batas_tanggal not in field.validators:
        return "tanggal tanpa batas (pakai portal.forms.TanggalField)"
    if isinstance(field, forms.FloatField) and not isinstance(field, forms.DecimalField):
        return "FloatField (pakai DecimalField dengan max_digits)"
    if isinstance(field, forms.DecimalField):
        return "DecimalField tanpa max_digits" if field.max_digits is None else None
    if isinstance(field, forms.IntegerField) and field.max_value is None:
        return "IntegerField tanpa max_value (id: portal.forms.IdField)"
    # A password is hashed, never stored or searched as typed; a JSON value (admin only) is checked by its service.
    if (
        isinstance(field, forms.CharField)
        and field.max_length is None
        and not isinstance(field.widget, forms.PasswordInput)
        and not isinstance(field, forms.JSONField)
    ):
        return "CharField tanpa max_length"
    return None


def _admin_forms():
    """The forms the admin builds for the project's writable models (its own form fields, through
    ServiceAdminMixin.formfield_for_dbfield)."""
    from django.contrib import admin

    from portal.admin import ServiceAdminMixin

    request = RequestFactory().get("/admin/")
    request.user = type("Staf", (), {"is_superuser": True, "has_perm": lambda *a, **k: True})()
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, ServiceAdminMixin):
            yield model._meta.label, model_admin.get_form(request)


def test_every_form_and_filter_field_is_bounded():
    from portal.admin import ServiceModelForm

    _project_modules()
    found = []
    forms_ = [
        (f"{cls.__module__}.{cls.__qualname__}", cls)
        for cls in _subclasses(forms.BaseForm)
        if _ours(cls) and not issubclass(cls, ServiceModelForm)
    ]
    for label, form_class in [*forms_, *_admin_forms()]:
        for name, field in getattr(form_class, "base_fields", {}).items():
            if why := _unbounded(field):
                found.append(f"{label}.{name}: {why}")
    for filterset in _subclasses(django_filters.FilterSet):
        if not _ours(filterset):
            continue
        for name, flt in filterset.base_filters.items():
            label = f"{filterset.__module__}.{filterset.__qualname__}.{name}"
            if isinstance(flt, django_filters.DateFilter) and not issubclass(flt.field_class, TanggalField):
                found.append(f"{label}: DateFilter tanpa batas (subkelas dengan field_class = TanggalField)")
            elif flt.field_class is forms.CharField and flt.extra.get("max_length") is None:
                found.append(f"{label}: CharFilter tanpa max_length")
    assert sorted(set(found)) == [], "\n".join(sorted(set(found)))
