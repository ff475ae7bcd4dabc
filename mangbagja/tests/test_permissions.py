"""Every URL of the project × every persona → expected status (the permission matrix).

Each app lists its rows in ``<app>/tests/permissions.py``; a URL that resolves in the project but has no row
fails ``test_it_has_a_row_for_every_url``, so a new page cannot ship without its access rule being stated.
The project's apps are found in INSTALLED_APPS, so a new app only adds its own rows file.
"""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from portal.testing.permissions import PERSONAS

#: The project's own apps (those living in this repository), in INSTALLED_APPS order.
APPS = tuple(
    config.name
    for config in apps.get_app_configs()
    if Path(config.path).resolve().parent == Path(settings.BASE_DIR).resolve()
)
# Django admin's own pages keep Django's permission system; the table covers its entry page.
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = set()


def _rows():
    rows = []
    for app in APPS:
        try:
            module = importlib.import_module(f"{app}.tests.permissions")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.tests.permissions":
                raise
            continue
        rows.extend(module.ROWS)
    return rows


ROWS = _rows()


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in SKIPPED_NAMESPACES:
                continue
            yield from _url_names(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_it_has_a_row_for_every_url():
    names = set(_url_names()) - SKIPPED_NAMES
    covered = {row.name for row in ROWS}
    assert sorted(names - covered) == [], "URL tanpa baris di tabel izin"
    assert sorted(covered - names - {"admin:index"}) == [], "baris tabel izin untuk URL yang tidak ada"


def test_it_names_each_url_once():
    names = [row.name for row in ROWS]
    assert len(names) == len(set(names))


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_it_answers_each_persona_as_the_table_says(row, persona, org_module, settings, tmp_path):
    org = org_module
    settings.MEDIA_ROOT = tmp_path
    if row.setup:
        row.setup(org)
    client = Client()
    user = org.user(persona)
    if user is not None:
        client.force_login(user)
    path = row.path(org)
    response = getattr(client, row.method)(path, row.data(org))
    expected = row.expect[persona]
    assert response.status_code == expected, f"{persona} {row.method.upper()} {path}"
    if persona == "anonymous" and expected == 302 and row.name not in ("logout",):
        assert response.url.startswith(("/masuk/", "/admin/login/"))
