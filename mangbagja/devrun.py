"""`make run`: database, migrations, demo data once, optional Celery worker and beat, then the dev server.

With no DATABASE_URL an embedded PostgreSQL under var/pgdata is used (mangbagja.devdb). With REDIS_URL set a
real Celery worker and beat run beside the server; without it tasks run eagerly in the web process.
"""

from __future__ import annotations

import os
import subprocess
import sys

DEMO_PEGAWAI = os.environ.get("DEMO_PEGAWAI", "2000")
# Months of daily activities in the demo (a calendar and a verification queue to look at).
DEMO_BULAN = os.environ.get("DEMO_BULAN", "1")


def main() -> int:
    env = dict(os.environ)
    env.setdefault("DEBUG", "true")
    if not env.get("DATABASE_URL"):
        from .devdb import ensure

        env["DATABASE_URL"] = ensure("mangbagja")
        print(f"PostgreSQL tertanam: {env['DATABASE_URL']}")
    manage = [sys.executable, "manage.py"]

    subprocess.run([*manage, "migrate", "--noinput"], env=env, check=True)
    subprocess.run(
        [*manage, "seed_demo", "--pegawai", DEMO_PEGAWAI, "--bulan", DEMO_BULAN, "--if-empty"], env=env, check=True
    )

    workers: list[subprocess.Popen] = []
    if env.get("REDIS_URL"):
        celery = [sys.executable, "-m", "celery", "-A", "mangbagja"]
        workers.append(subprocess.Popen([*celery, "worker", "--loglevel", "INFO", "--concurrency", "2"], env=env))
        workers.append(subprocess.Popen([*celery, "beat", "--loglevel", "INFO"], env=env))
    else:
        print("REDIS_URL tidak diisi: tugas Celery dijalankan langsung di proses web (eager).")

    subprocess.run([*manage, "demo_logins"], env=env, check=True)
    try:
        return subprocess.call([*manage, "runserver", "127.0.0.1:8000"], env=env)
    except KeyboardInterrupt:
        return 0
    finally:
        for proc in workers:
            proc.terminate()
        for proc in workers:
            proc.wait(timeout=10)


if __name__ == "__main__":
    raise SystemExit(main())
