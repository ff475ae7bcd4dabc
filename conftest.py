import pytest


@pytest.fixture
def org(db):
    """The fixed organisation and personas of pegawai/tests/personas.py."""
    from pegawai.tests.personas import build_org

    return build_org()


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """PBKDF2's deliberate slowness would dominate the suite; tests don't need it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _celery_eager():
    """Tests run tasks in-process even when REDIS_URL points at a real broker (CI)."""
    from mangbagja.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
