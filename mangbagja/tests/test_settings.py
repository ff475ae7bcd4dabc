import os
import subprocess
import sys
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
