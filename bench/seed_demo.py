"""Benchmark: ``manage.py seed_demo --pegawai 20000`` against a bare COPY of the same rows, in one run.

    .venv/bin/python bench/seed_demo.py [--pegawai 20000] [--seed 1]

Runs on a scratch database ``bench_seed`` created (and dropped afterwards) on the server of DATABASE_URL.
"ours" is the whole command on an empty, migrated database: planning the city, every insert with its
pghistory trigger, foreign keys and indexes, and the demo-login summary. "floor" is the least any seed could
spend putting the same pegawai and user rows into PostgreSQL: serialising them and COPYing them into unlogged
tables of the same columns, without indexes, constraints or triggers. The last line is
``BENCH seed_demo ours=<s> floor=<s> ratio=<x>``.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mangbagja.settings")
os.environ.setdefault("DEBUG", "true")

SCRATCH_DB = "bench_seed"


def _server(url: str) -> dict:
    from mangbagja.env import parse_database_url

    db = parse_database_url(url)
    return {
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "dbname": "postgres",
    }


def _recreate(server: dict, drop_only: bool = False) -> None:
    import psycopg2

    conn = psycopg2.connect(**server)
    conn.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
    with conn.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB} WITH (FORCE)")
        if not drop_only:
            cursor.execute(f"CREATE DATABASE {SCRATCH_DB}")
    conn.close()


def floor(pegawai: int, seed: int) -> float:
    """Seconds to COPY the seed's user and pegawai rows into bare unlogged tables."""
    from django.db import connection

    from demo.bulk import copy_rows, with_defaults
    from demo.kota.rencana import build_city
    from demo.kota.tulis import PEGAWAI_COLUMNS, USER_COLUMNS, pegawai_rows, user_rows
    from pegawai.models import Pegawai, User

    city = build_city(pegawai, seed)
    users = user_rows(city, "pbkdf2_sha256$bench")
    ids = list(range(1, len(users) + 1))
    jabatan_ids = list(range(1, len(city.jabatan) + 1))
    people = pegawai_rows(city, list(range(len(city.people))), ids, jabatan_ids, ids)
    raw = connection.cursor().cursor  # the psycopg2 cursor: no Django wrappers, no pghistory context
    raw.execute(f"CREATE UNLOGGED TABLE floor_user (LIKE {User._meta.db_table})")
    raw.execute(f"CREATE UNLOGGED TABLE floor_pegawai (LIKE {Pegawai._meta.db_table})")
    connection.commit()
    # The same rows, serialisation and COPY as the seed uses, minus everything the real tables add.
    start = time.perf_counter()
    columns, rows = with_defaults(User, USER_COLUMNS, users)
    copy_rows(raw, "floor_user", ["id", *columns], ((i, *row) for i, row in zip(ids, rows, strict=True)))
    columns, rows = with_defaults(Pegawai, PEGAWAI_COLUMNS, people)
    copy_rows(raw, "floor_pegawai", ["id", *columns], ((i, *row) for i, row in zip(ids, rows, strict=False)))
    connection.commit()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL")
    if not url:
        print("DATABASE_URL belum diisi (make bench mengisinya dengan PostgreSQL tertanam).", file=sys.stderr)
        return 2
    server = _server(url)
    _recreate(server)
    # Settings read DATABASE_URL when imported: point them at the scratch database before django.setup().
    parts = urlsplit(url)
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{SCRATCH_DB}"))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        call_command("migrate", verbosity=0)
        out = io.StringIO()
        start = time.perf_counter()
        # The organisation and people only: the floor is a COPY of those rows (SKP seeding is measured apart).
        call_command("seed_demo", pegawai=args.pegawai, seed=args.seed, tanpa_skp=True, stdout=out)
        ours = time.perf_counter() - start
        print(out.getvalue().split("\n\n")[0])
        base = floor(args.pegawai, args.seed)
    finally:
        connection.close()
        _recreate(server, drop_only=True)
    print(f"seed_demo --pegawai {args.pegawai}: {ours:.2f} s; COPY of the same user+pegawai rows: {base:.2f} s")
    print(f"BENCH seed_demo ours={ours:.2f} floor={base:.2f} ratio={ours / base:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
