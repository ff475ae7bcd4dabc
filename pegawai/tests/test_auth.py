import datetime

import pytest
from django.conf import settings
from django.contrib.auth.signals import user_logged_out
from django.contrib.sessions.backends import cached_db
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pegawai.nip import format_nip
from pegawai.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_it_logs_in_with_a_nip_typed_with_spaces(client, org):
    response = login(client, format_nip(org.staf.nip))
    assert response.status_code == 302 and response.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).context["user"] == org.staf.user


def test_it_refuses_a_wrong_password_in_indonesian_and_does_not_log_in(client, org):
    response = login(client, org.staf.nip, "salah-sandi")
    assert response.status_code == 200
    assert "NIP atau kata sandi salah" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_locks_a_nip_out_after_repeated_failures(client, org):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, org.staf.nip, "salah-sandi")
    response = login(client, org.staf.nip)  # the right password is refused while locked
    assert response.status_code == 429
    assert "terkunci" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another NIP from the same address is not locked.
    assert login(Client(), org.kasi.nip).status_code == 302


def test_it_refuses_a_login_post_without_csrf_token(org):
    client = Client(enforce_csrf_checks=True)
    response = login(client, org.staf.nip)
    assert response.status_code == 403


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_it_logs_out_on_post_only(client, org):
    client.force_login(org.staf.user)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_it_expires_idle_sessions(client, org):
    client.force_login(org.staf.user)
    client.get(reverse("dashboard"))
    # An idle timeout: the expiry window restarts with activity (portal.sesi, at most one write a minute).
    assert "portal.sesi.SegarkanSesiMiddleware" in settings.MIDDLEWARE
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE <= 8 * 3600


def test_it_changes_the_password_and_keeps_the_session(client, org):
    client.force_login(org.staf.user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Bandung-Juara-2026", "new_password2": "Bandung-Juara-2026"},
    )
    assert response.status_code == 302
    org.staf.user.refresh_from_db()
    assert org.staf.user.check_password("Bandung-Juara-2026")
    assert client.get(reverse("dashboard")).status_code == 200


def test_an_active_session_is_written_at_most_once_a_minute_and_idle_ones_expire(client, org, monkeypatch):
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal import sesi

    sekarang = [1_000_000]
    monkeypatch.setattr(sesi.time, "time", lambda: sekarang[0])
    client.force_login(org.staf.user)
    assert client.get(reverse("dashboard")).status_code == 200  # first request: stamped and saved
    kunci = client.session.session_key

    def tulis_sesi():
        with CaptureQueriesContext(connection) as q:
            assert client.get(reverse("dashboard")).status_code == 200
        return [x["sql"] for x in q.captured_queries if "django_session" in x["sql"] and "SELECT" not in x["sql"]]

    sekarang[0] += 30
    assert tulis_sesi() == []  # within the minute: no write
    sekarang[0] += 31
    assert len(tulis_sesi()) == 1  # a minute on: the expiry moves forward
    assert Session.objects.get(session_key=kunci).expire_date > timezone.now() + datetime.timedelta(
        seconds=settings.SESSION_COOKIE_AGE - 120
    )
    # Idle longer than SESSION_IDLE_MINUTES: the store refuses the row, the user is sent to log in. (With Redis the
    # session's copy in the cache was stored for the same time, so it has gone too.)
    Session.objects.filter(session_key=kunci).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    cache.delete(cached_db.KEY_PREFIX + kunci)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_an_anonymous_visitor_gets_no_session(client):
    from django.contrib.sessions.models import Session

    client.get(reverse("login"))
    client.cookies["sessionid"] = "kedaluwarsa-atau-palsu"
    client.get(reverse("login"))
    assert not Session.objects.exists()


def test_sessions_read_from_the_cache_end_everywhere_at_logout(client, org, settings):
    """The production engine with Redis (mangbagja/settings.py): a logged-in request reads its session from the
    cache, not the database; a logout ends it for every process (they share the cache)."""
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SESSION_ENGINE = "portal.sesi"
    client.force_login(org.staf.user)
    assert client.get(reverse("dashboard")).status_code == 200
    kunci = client.cookies[settings.SESSION_COOKIE_NAME].value
    with CaptureQueriesContext(connection) as q:
        assert client.get(reverse("dashboard")).status_code == 200
    assert not [x["sql"] for x in q.captured_queries if "django_session" in x["sql"]]
    assert Session.objects.filter(session_key=kunci).exists()  # the row behind the cache
    assert cache.get(cached_db.KEY_PREFIX + kunci) is not None

    # The same session in another process (another client, the same shared cache).
    lain = Client()
    lain.cookies[settings.SESSION_COOKIE_NAME] = kunci
    assert lain.get(reverse("dashboard")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert cache.get(cached_db.KEY_PREFIX + kunci) is None
    assert not Session.objects.filter(session_key=kunci).exists()
    response = lain.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_when_redis_fails_sessions_are_read_from_the_database_and_a_logout_fails_without_ending_half(
    client, org, settings, monkeypatch
):
    """portal.sesi.SessionStore: a cache that cannot be read costs nothing but the cache; a logout or a password
    change that cannot delete the cached copy changes nothing (the row stays too, so the session cannot come back
    half-ended) and says so, instead of an error page."""
    from django.contrib.sessions.models import Session
    from django.core.cache import caches

    settings.SESSION_ENGINE = "portal.sesi"
    client.force_login(org.staf.user)
    assert client.get(reverse("dashboard")).status_code == 200
    kunci = client.cookies[settings.SESSION_COOKIE_NAME].value
    redis = caches["default"]

    def mati(*args, **kwargs):
        raise ConnectionError("Redis mati")

    for nama in ("get", "set", "delete", "has_key"):
        monkeypatch.setattr(redis, nama, mati)
    assert client.get(reverse("dashboard")).status_code == 200  # read from the database
    keluar = []
    user_logged_out.connect(lambda **kwargs: keluar.append(kwargs["user"]), weak=False, dispatch_uid="uji-keluar")
    try:
        response = client.post(reverse("logout"), follow=True)
    finally:
        user_logged_out.disconnect(dispatch_uid="uji-keluar")
    assert response.status_code == 200 and "belum dapat diakhiri" in response.content.decode()
    assert keluar == []  # nothing announced a logout that did not happen (django-axes records its time)
    assert Session.objects.filter(session_key=kunci).exists()
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == kunci
    baru = "Bandung-Juara-2026"
    response = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": baru, "new_password2": baru}
    )
    assert response.status_code == 200 and "Kata sandi belum diganti" in response.content.decode()
    org.staf.user.refresh_from_db()
    assert org.staf.user.check_password(PASSWORD)
    assert Session.objects.filter(session_key=kunci).exists()

    monkeypatch.undo()  # Redis is back
    assert client.get(reverse("dashboard")).status_code == 200  # the same session, in both places
    assert client.post(reverse("logout")).status_code == 302
    assert not Session.objects.filter(session_key=kunci).exists()
    assert redis.get(cached_db.KEY_PREFIX + kunci) is None
