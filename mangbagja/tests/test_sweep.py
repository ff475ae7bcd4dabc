"""No server error on any input: every URL of the permission matrix, as personas its row allows, with hostile
values (portal.testing.sweep.HOSTILE) in every query parameter the page reads and in every field of every form it
shows (and of the POST rows' data). A 5xx or an exception fails, naming the URL, persona, parameter and value.

Driven by the matrix rows and the pages' HTML, so a new page (which must have its row) is swept without a change
here. Each request runs in a savepoint rolled back afterwards; a POST target seen on several pages is swept once per
persona and field set.
"""

import logging

import pytest
from django.test import Client

from mangbagja.tests.test_permissions import ROWS
from portal.testing.permissions import PERSONAS
from portal.testing.sweep import Sweeper, url_name

#: Posting there ends the session: nothing to learn, and the sweep would go on as anonymous.
SKIPPED_POSTS = {"logout"}

_swept_posts: set[tuple] = set()
#: The data each POST row of the matrix sends, by URL name.
_ROW_DATA = {row.name: row.data for row in ROWS if row.method == "post"}


def _personas(row) -> list[str]:
    """The least and the most privileged persona the row lets in (different scopes take different code paths)."""
    ok = (200,) if row.method == "get" else (200, 302)
    allowed = [p for p in PERSONAS if row.expect[p] in ok and not (p == "anonymous" and row.expect[p] == 302)]
    return list(dict.fromkeys(allowed[:1] + allowed[-1:]))


@pytest.fixture
def _sweep_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "portal.testing.sweep.RecordingMiddleware"]
    # Thousands of refused requests would each log a warning.
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_no_server_error_on_hostile_input(row, org_module, _sweep_settings):
    org = org_module
    if row.setup:
        row.setup(org)
    failures = []
    for urutan, persona in enumerate(_personas(row)):
        client = Client(raise_request_exception=True)
        user = org.user(persona)
        if user is not None:
            client.force_login(user)
        sweeper = Sweeper(client, persona)
        # The first persona gets one request per (parameter, value); the second one per value, every parameter at
        # once: its own scope's code paths, at an eighth of the cost.
        cepat = urutan > 0
        path = row.path(org)
        if row.method == "get":
            # A page's form starts from what the matrix row of its URL posts (valid data, so hostile values reach
            # the service), then what the page filled in.
            targets = [
                (form.action, {**_data_baris(form.action, org), **_terisi(form.fields)})
                for form in sweeper.sweep_get(path, satu_per_nilai=cepat)
            ]
        else:
            targets = [(path, row.data(org))]
        for action, defaults in targets:
            name = url_name(action)
            if name is None or name in SKIPPED_POSTS or name.startswith("admin:"):
                continue
            key = (name, persona, frozenset(defaults))
            if key not in _swept_posts:
                _swept_posts.add(key)
                sweeper.sweep_post(action, defaults, satu_per_nilai=cepat)
        failures += sweeper.failures
    assert failures == [], "\n".join(failures)


def _data_baris(action: str, org) -> dict:
    data = _ROW_DATA.get(url_name(action))
    return data(org) if data else {}


def _terisi(fields: dict[str, list[str]]) -> dict[str, list[str]]:
    """The fields the page filled in (an empty one leaves the row's value)."""
    return {name: values for name, values in fields.items() if any(values)}
