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
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.umum import scratch  # noqa: E402

SCRATCH_DB = "bench_seed"


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

    with scratch(SCRATCH_DB):
        from django.core.management import call_command

        out = io.StringIO()
        start = time.perf_counter()
        # The organisation and people only: the floor is a COPY of those rows (SKP seeding is measured apart).
        call_command("seed_demo", pegawai=args.pegawai, seed=args.seed, tanpa_skp=True, stdout=out)
        ours = time.perf_counter() - start
        print(out.getvalue().split("\n\n")[0])
        base = floor(args.pegawai, args.seed)
    print(f"seed_demo --pegawai {args.pegawai}: {ours:.2f} s; COPY of the same user+pegawai rows: {base:.2f} s")
    print(f"BENCH seed_demo ours={ours:.2f} floor={base:.2f} ratio={ours / base:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
