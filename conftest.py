import os

import pytest

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def org(db):
    """The fixed organisation and personas of pegawai/tests/personas.py."""
    from pegawai.tests.personas import build_org

    return build_org()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction held open for the whole test module, for data that several tests only read: build it in a
    module-scoped fixture that depends on this one. Each test still runs in its own savepoint (pytest-django's
    ``db``), so whatever a test writes is rolled back and the next test sees the data as built; the module's data
    is rolled back at its end. Tests that need ``transactional_db`` cannot use it."""
    from django.db import transaction
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def org_module(module_db):
    """The same organisation as ``org``, built once per test module (the permission matrix asks ~650 questions of
    one organisation)."""
    from pegawai.tests.personas import build_org

    return build_org()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """PBKDF2's deliberate slowness would dominate the suite; tests don't need it."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _cache_per_test(settings, request):
    """Each test its own empty in-process cache. With REDIS_URL the configured cache is the machine's Redis, shared
    by the xdist workers and by the Celery broker's queues: one test's entries would be another's, and a
    cache.clear() would flush the queues a real-worker test is waiting on."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": request.node.nodeid}
    }


@pytest.fixture(autouse=True)
def _celery_eager():
    """Tests run tasks in-process even when REDIS_URL points at a real broker (CI)."""
    from mangbagja.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(scope="session", autouse=True)
def _restore_migration_data(django_db_setup, django_db_blocker):
    """Put back the rows that data migrations created (e.g. the BerAKHLAK values of skp) after the transactional
    tests have emptied every table.

    ``django_db_serialized_rollback`` reloads them only at the *start* of each of these tests, and the test database
    is reused between runs (--reuse-db): without this the next run's ordinary tests would find them missing. It runs
    once, at the end of the session, because pytest-django's own autouse fixtures flush after any function-level
    teardown of ours; ordinary tests run before transactional ones, so nothing in between needs the rows."""
    yield
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        import pgtrigger

        # Restoring is not a change anyone made: keep it out of the audit trail.
        with django_db_blocker.unblock(), pgtrigger.ignore():
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def browser():
    """The system Chromium, headless (DEVELOPERS.md: no browser download). SKIP_BROWSER_TESTS=1 skips on purpose."""
    from portal.testing.browser import CHROMIUM_ARGS, SCREENSHOTS, chromium_path

    if os.environ.get("SKIP_BROWSER_TESTS") == "1":
        pytest.skip("SKIP_BROWSER_TESTS=1: uji peramban dilewati atas permintaan.")
    path = chromium_path()
    if path is None:
        pytest.fail(
            "Chromium tidak ditemukan (dicari di /usr/bin/chromium dan PATH). Pasang paket Debian 'chromium' "
            "(apt-get install chromium), atau jalankan dengan SKIP_BROWSER_TESTS=1 untuk melewati uji peramban.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
