import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mangbagja.env import (
    ConfigError,
    env_bool,
    env_int,
    env_list,
    parse_database_url,
    parse_redis_url,
    read_secret_key,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("true", True), ("TRUE", True), ("1", True), ("yes", True), ("false", False), ("0", False), ("off", False)],
)
def test_it_reads_booleans(raw, expected):
    assert env_bool("DEBUG", False, {"DEBUG": raw}) is expected


@pytest.mark.parametrize("raw", ["Ture", "2", "ya", "benar"])
def test_it_refuses_a_malformed_boolean_naming_the_variable(raw):
    with pytest.raises(ConfigError, match="DEBUG"):
        env_bool("DEBUG", False, {"DEBUG": raw})


def test_it_uses_defaults_for_missing_or_empty_values():
    assert env_bool("DEBUG", True, {}) is True
    assert env_bool("DEBUG", False, {"DEBUG": ""}) is False
    assert env_int("N", 5, {}) == 5
    assert env_list("ALLOWED_HOSTS", ["a"], {}) == ["a"]


def test_it_refuses_bad_numbers_and_lists():
    with pytest.raises(ConfigError, match="bilangan bulat"):
        env_int("EMAIL_PORT", 587, {"EMAIL_PORT": "lima"})
    with pytest.raises(ConfigError, match="kurang dari"):
        env_int("AXES_FAILURE_LIMIT", 5, {"AXES_FAILURE_LIMIT": "0"}, minimum=1)
    with pytest.raises(ConfigError, match="kosong"):
        env_list("ALLOWED_HOSTS", [], {"ALLOWED_HOSTS": "a.go.id,,b.go.id"})
    assert env_list("ALLOWED_HOSTS", [], {"ALLOWED_HOSTS": "a.go.id, b.go.id"}) == ["a.go.id", "b.go.id"]


def test_it_parses_postgres_urls_including_a_socket_host():
    db = parse_database_url("postgres://app:p%40ss@db.internal:6432/kinerja?sslmode=require")
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "kinerja",
        "app",
        "p@ss",
        "db.internal",
        "6432",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}
    socket = parse_database_url("postgres://postgres:@/mangbagja?host=/srv/var/pgdata")
    assert socket["HOST"] == "/srv/var/pgdata" and socket["NAME"] == "mangbagja"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite:///db.sqlite3", "hanya PostgreSQL"),
        ("mysql://root@localhost/x", "hanya PostgreSQL"),
        ("postgres://localhost:5432/", "nama basis data"),
        ("postgres://localhost:notaport/db", "tidak valid"),
    ],
)
def test_it_refuses_database_urls_it_cannot_use(url, message):
    with pytest.raises(ConfigError, match=message):
        parse_database_url(url)


def test_it_checks_the_redis_url():
    assert parse_redis_url("redis://127.0.0.1:6379/0")
    with pytest.raises(ConfigError, match="redis://"):
        parse_redis_url("http://127.0.0.1:6379")


def test_it_reads_the_secret_key_from_a_file(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("s3cret-from-file\n")
    assert read_secret_key({"SECRET_KEY_FILE": str(key_file)}) == "s3cret-from-file"
    with pytest.raises(ConfigError, match="jangan keduanya"):
        read_secret_key({"SECRET_KEY": "a", "SECRET_KEY_FILE": str(key_file)})
    with pytest.raises(ConfigError, match="tidak dapat dibaca"):
        read_secret_key({"SECRET_KEY_FILE": str(tmp_path / "missing")})


def _manage(*args, **env):
    dropped = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "-production-secret-Zq8!xR2@vB7#mN4$pL9%",
    "ALLOWED_HOSTS": "kinerja.bandung.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://kinerja.bandung.go.id",
}


def test_it_passes_the_deployment_checklist_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({**PRODUCTION, "DEBUG": "Ture"}, "DEBUG='Ture'"),
        ({**PRODUCTION, "SECRET_KEY": ""}, "SECRET_KEY"),
        ({**PRODUCTION, "SECRET_KEY": "short"}, "SECRET_KEY (atau SECRET_KEY_FILE) terlalu lemah"),
        ({**PRODUCTION, "SECRET_KEY": "ab" * 30}, "SECRET_KEY (atau SECRET_KEY_FILE) terlalu lemah"),
        ({**PRODUCTION, "DATABASE_URL": "sqlite:///x.db"}, "hanya PostgreSQL"),
        ({**PRODUCTION, "REDIS_URL": "localhost:6379"}, "REDIS_URL"),
        ({**PRODUCTION, "BEHIND_PROXY": "true", "PROXY_JUMLAH": "0"}, "PROXY_JUMLAH='0'"),
        ({**PRODUCTION, "BEHIND_PROXY": "true", "PROXY_JUMLAH": "satu"}, "PROXY_JUMLAH='satu'"),
        ({**PRODUCTION, "UNGGAH_MAKS_MB": "lima"}, "UNGGAH_MAKS_MB='lima'"),
        ({**PRODUCTION, "UNGGAH_MAKS_MB": "20"}, "UNGGAH_MAKS_MB=20 harus lebih besar dari IMPORT_MAX_UPLOAD_MB=20"),
    ],
)
def test_it_stops_start_up_with_a_clear_message(env, message):
    result = _manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_it_requires_a_database_url_outside_manage_py():
    """gunicorn and Celery import the settings directly: there an empty DATABASE_URL is an error, not a default."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(PRODUCTION)
    result = subprocess.run(
        [sys.executable, "-c", "import mangbagja.settings"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "DATABASE_URL belum diisi" in result.stderr


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        # Reached directly: only the connection's own address; a client-written X-Forwarded-For is never read.
        ({}, "('REMOTE_ADDR',) None None"),
        # Behind nginx: the address nginx appended, the rightmost; with a load balancer in front, the one before it.
        ({"BEHIND_PROXY": "true"}, "('HTTP_X_FORWARDED_FOR',) 0 False ('HTTP_X_FORWARDED_PROTO', 'https')"),
        (
            {"BEHIND_PROXY": "true", "PROXY_JUMLAH": "2"},
            "('HTTP_X_FORWARDED_FOR',) 1 False ('HTTP_X_FORWARDED_PROTO', 'https')",
        ),
    ],
)
def test_the_lockout_reads_the_client_address_the_deployment_can_trust(env, expected):
    code = (
        "from django.conf import settings as s; print(s.AXES_IPWARE_META_PRECEDENCE_ORDER, s.AXES_IPWARE_PROXY_COUNT,"
        " getattr(s, 'IPWARE_STRICT', None), getattr(s, 'SECURE_PROXY_SSL_HEADER', None) or '')"
    )
    result = _manage("shell", "--no-imports", "-c", code, **PRODUCTION, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].strip() == expected


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, headers: dict) -> http.client.HTTPResponse:
    deadline = time.monotonic() + 60
    while True:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            conn.request("GET", path, headers=headers)
            return conn.getresponse()
        except OSError:
            conn.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_gunicorn_in_production_does_not_name_itself_and_sends_the_policy():
    """The production command of the README: gunicorn with gunicorn.conf.py, behind the proxy (X-Forwarded-Proto)."""
    port = _port_bebas()
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS")}
    env.update(PRODUCTION, BEHIND_PROXY="true", LOG_LEVEL="ERROR", AXES_VERBOSE="false")
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [
        gunicorn,
        "--config",
        "gunicorn.conf.py",
        "mangbagja.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
    ]
    proses = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        headers = {"Host": "kinerja.bandung.go.id", "X-Forwarded-Proto": "https"}
        response = _get(port, "/", headers)
    finally:
        proses.terminate()
        _, stderr = proses.communicate(timeout=30)
    assert response.status == 302, stderr  # to the login page: the portal answered, not gunicorn
    assert "gunicorn" not in (response.getheader("Server") or "").lower()
    policy = response.getheader("Content-Security-Policy") or ""
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "unsafe" not in policy
    assert response.getheader("Strict-Transport-Security")


@pytest.mark.parametrize(
    ("redis_url", "expected"),
    [
        # With Redis shared by every web process: sessions are read from it, with the database row behind them.
        ("redis://127.0.0.1:6379/3", "portal.cache.RedisCache portal.sesi"),
        # Without: a per-process cache would keep a logged-out session alive in the other processes.
        ("", "django.core.cache.backends.locmem.LocMemCache django.contrib.sessions.backends.db"),
    ],
)
def test_sessions_are_cached_only_in_a_cache_every_process_shares(redis_url, expected):
    code = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
    result = _manage("shell", "--no-imports", "-c", code, **PRODUCTION, REDIS_URL=redis_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].strip() == expected
