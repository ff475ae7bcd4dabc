"""Strict environment parsing (healthchecks style).

A malformed value must stop start-up with a message that names the variable, never fall back silently:
a typo in production (``DEBUG=Ture``) must not quietly become a different configuration.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit


class ConfigError(Exception):
    """Raised for an environment variable that cannot be used as given."""


def env_str(name: str, default: str | None = None, environ=None) -> str | None:
    environ = os.environ if environ is None else environ
    value = environ.get(name)
    if value is None or value == "":
        return default
    return value


def env_bool(name: str, default: bool, environ=None) -> bool:
    value = env_str(name, None, environ)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in ("true", "1", "yes", "on"):
        return True
    if lowered in ("false", "0", "no", "off"):
        return False
    raise ConfigError(f"{name}={value!r}: gunakan true atau false.")


def env_int(name: str, default: int, environ=None, minimum: int | None = None) -> int:
    value = env_str(name, None, environ)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r}: harus bilangan bulat.") from None
    if minimum is not None and number < minimum:
        raise ConfigError(f"{name}={value!r}: tidak boleh kurang dari {minimum}.")
    return number


def env_list(name: str, default: list[str], environ=None) -> list[str]:
    value = env_str(name, None, environ)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ConfigError(f"{name}={value!r}: daftar dipisah koma tanpa isian kosong.")
    return items


def parse_database_url(url: str, name: str = "DATABASE_URL") -> dict:
    """Turn ``postgres://user:pass@host:port/db?host=/socket/dir`` into a Django DATABASES entry.

    Only PostgreSQL is accepted: the project relies on Postgres triggers (pghistory) and COPY.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ConfigError(f"{name}: alamat tidak valid ({exc}).") from None
    if parts.scheme not in ("postgres", "postgresql"):
        raise ConfigError(f"{name}: hanya PostgreSQL yang didukung (postgres://...), bukan {parts.scheme!r}.")
    database = unquote(parts.path.lstrip("/"))
    if not database or "/" in database:
        raise ConfigError(f"{name}: nama basis data tidak ada di alamat.")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    host = query.pop("host", None) or unquote(parts.hostname or "")
    options = {key: value for key, value in query.items() if key in ("sslmode", "connect_timeout")}
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": database,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": host,
        "PORT": str(port or ""),
        "OPTIONS": options,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "ATOMIC_REQUESTS": False,
    }


def parse_redis_url(url: str, name: str = "REDIS_URL") -> str:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - validates the port
    except ValueError as exc:
        raise ConfigError(f"{name}: alamat tidak valid ({exc}).") from None
    if parts.scheme not in ("redis", "rediss", "unix"):
        raise ConfigError(f"{name}: harus diawali redis://, rediss:// atau unix://.")
    return url


@dataclass(frozen=True)
class Secret:
    value: str


def read_secret_key(environ=None) -> str | None:
    """``SECRET_KEY`` or the contents of the file named by ``SECRET_KEY_FILE`` (Docker/systemd secrets)."""
    environ = os.environ if environ is None else environ
    key = env_str("SECRET_KEY", None, environ)
    path = env_str("SECRET_KEY_FILE", None, environ)
    if key and path:
        raise ConfigError("Isi SECRET_KEY atau SECRET_KEY_FILE, jangan keduanya.")
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                key = handle.read().strip()
        except OSError as exc:
            raise ConfigError(f"SECRET_KEY_FILE={path!r}: tidak dapat dibaca ({exc.strerror}).") from None
        if not key:
            raise ConfigError(f"SECRET_KEY_FILE={path!r}: berkas kosong.")
    return key
