"""Benchmark: the SKP PDF batch of 2,000 pegawai as one job (skp.tasks.skp_pdf_opd, split into parts run as a Celery
group) with a real worker of 1 process, then of 2 — the way a city adds machines for a deadline.

    .venv/bin/python bench/pdf_massal.py [--pegawai 2600] [--pdf 2000] [--db NAME] [--pakai-ulang] [--simpan]

The broker is REDIS_URL, or without it a throwaway local redis-server as `make run` starts. Runs on a scratch
database created, seeded with ``seed_demo --pegawai N`` (the year's SKP of the demo city: 1,972 approved of 2,500
pegawai, hence 2,600) and dropped afterwards (``--simpan`` keeps it for ``--pakai-ulang``). The batch job is per
OPD, so the city's approved SKP are first gathered into one OPD: every unit kerja moved under it (renamed with its
id, unit names being unique per OPD), and the batch is asked for by the admin BKPSDM; ``--pdf`` approved SKP are
kept (the others set back to diajukan, and remembered in a table of the scratch database so that a later run
restores them) so the batch holds exactly that many.

Each run starts ``celery -A mangbagja worker --concurrency C`` (prefork, production profile) on a queue of its own,
waits until it is ready, queues the job as the view does (``pekerjaan_buat``) and measures until the row is
finished, ZIP saved. Throughput is PDFs per second. The last line is
``BENCH pdf_massal ours=<s with 2> floor=<s with 1> ratio=<floor/ours>``: the speed-up of the second process
(goal ≥ 1.6 on 2 cores; other load on the machine lowers it, so the load average is printed too).
"""

from __future__ import annotations

import argparse
import io
import os
import secrets
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.umum import hentikan_proses, mulai_worker, scratch  # noqa: E402

SCRATCH_DB = "bench_pdf_massal"
BATAS_DETIK = 3600


def seed(pegawai: int) -> None:
    from django.core.management import call_command

    out = io.StringIO()
    mulai = time.perf_counter()
    call_command("seed_demo", pegawai=pegawai, seed=1, stdout=out)
    print(out.getvalue().split("\n\n")[0])
    print(f"seed_demo --pegawai {pegawai}: {time.perf_counter() - mulai:.1f} s")


def satukan(jumlah_pdf: int) -> tuple[int, int, int]:
    """Gather the year's approved SKP into one OPD and keep ``jumlah_pdf`` of them approved; returns
    ``(opd pk, tahun, number of SKP in its batch)``."""
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone

    from pegawai.models import PerangkatDaerah, UnitKerja
    from skp.choices import SkpStatus
    from skp.models import Skp
    from skp.selectors.skp import skp_disetujui_opd

    tahun = timezone.localdate().year
    opd = (
        PerangkatDaerah.objects.annotate(n=Count("unit_kerja__jabatan__skp"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {UnitKerja._meta.db_table} SET perangkat_daerah_id = %s, nama = left(nama, 180) || ' #' || id"
            " WHERE perangkat_daerah_id <> %s",
            [opd, opd],
        )
        # The SKP held back by an earlier run (of a kept database) are approved again before choosing anew.
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_pdf_ditahan (skp_id integer PRIMARY KEY)")
        cursor.execute(
            f"UPDATE {Skp._meta.db_table} SET status = %s WHERE id IN (SELECT skp_id FROM bench_pdf_ditahan)",
            [SkpStatus.DISETUJUI],
        )
        cursor.execute("TRUNCATE bench_pdf_ditahan")
        batch = skp_disetujui_opd(opd, tahun)
        lebih = list(batch.order_by("pk").values_list("pk", flat=True)[jumlah_pdf:])
        Skp.objects.filter(pk__in=lebih).update(status=SkpStatus.DIAJUKAN)
        cursor.executemany("INSERT INTO bench_pdf_ditahan VALUES (%s)", [(pk,) for pk in lebih])
        # The tables changed here only: a database-wide ANALYZE also locks the shared catalogs, and waits for
        # any session of the server that holds them.
        cursor.execute(f"ANALYZE {UnitKerja._meta.db_table}, {Skp._meta.db_table}")
    return opd, tahun, batch.count()


def admin_bkpsdm():
    from pegawai.choices import JenisPeran
    from pegawai.models import Peran

    return Peran.objects.filter(jenis=JenisPeran.ADMIN_BKPSDM).select_related("user").first().user


def jalankan(concurrency: int, opd: int, tahun: int, db_url: str, media: Path, log: Path) -> tuple[float, int]:
    """One run of the batch job on a fresh worker of ``concurrency`` processes: (seconds, PDFs)."""
    import redis
    from django.db import connection

    from mangbagja.celery import app
    from portal.choices import StatusPekerjaan
    from portal.jobs import pekerjaan_buat
    from skp import tasks

    antrean = f"bench-pdf-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "MEDIA_ROOT": str(media),
        # Production profile, as a deployed worker runs.
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "INFO",
    }
    proses = mulai_worker(env, log, ["--concurrency", str(concurrency), "-Q", antrean, "-n", f"{antrean}@%h"])
    try:
        app.conf.task_default_queue = antrean
        mulai = time.perf_counter()
        job = pekerjaan_buat(
            user=admin_bkpsdm(),
            jenis="skp_pdf_opd",
            judul="Bench PDF massal",
            task=tasks.skp_pdf_opd,
            parameter={"opd": opd, "tahun": tahun},
        )
        batas = time.monotonic() + BATAS_DETIK
        while True:
            job.refresh_from_db()
            if not job.aktif:
                break
            if time.monotonic() > batas:
                raise RuntimeError("pekerjaan tidak selesai dalam batas waktu")
            time.sleep(0.1)
        detik = time.perf_counter() - mulai
        connection.close()
        if job.status != StatusPekerjaan.SELESAI:
            raise RuntimeError(f"pekerjaan gagal: {job.pesan}; lihat {log}")
        return detik, job.total_n
    finally:
        hentikan_proses(proses, 60)
        # The queue of this run and kombu's bindings of it: nothing else uses them.
        r = redis.Redis.from_url(os.environ["REDIS_URL"])
        for key in r.scan_iter(match=f"*{antrean}*"):
            r.delete(key)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pegawai", type=int, default=2600, help="pegawai of the seeded city")
    parser.add_argument("--pdf", type=int, default=2000, help="approved SKP kept in the batch")
    parser.add_argument("--db", default=SCRATCH_DB, help="name of the scratch database")
    parser.add_argument("--pakai-ulang", action="store_true", help="reuse a seeded scratch database")
    parser.add_argument("--simpan", action="store_true", help="keep the scratch database afterwards")
    args = parser.parse_args()
    kerja = Path(tempfile.mkdtemp(prefix="bench_pdf_massal_"))
    procs: list = []
    try:
        if not os.environ.get("REDIS_URL"):
            # As `make run` does: a throwaway local Redis, read by the settings when Django is set up below.
            from mangbagja.devrun import LOG_DIR, mulai_redis, redis_server

            executable = redis_server()
            if executable is None:
                print("REDIS_URL kosong dan tidak ada redis-server untuk dinyalakan.", file=sys.stderr)
                return 2
            LOG_DIR.mkdir(parents=True, exist_ok=True)  # its log goes where `make run` puts it
            os.environ["REDIS_URL"] = mulai_redis(executable, procs)
        with scratch(args.db, pakai_ulang=args.pakai_ulang, simpan=args.simpan) as db:
            if not db.dipakai_ulang:
                seed(args.pegawai)
            opd, tahun, jumlah = satukan(args.pdf)
            print(f"Satu OPD berisi {jumlah} SKP disetujui tahun {tahun}.")
            hasil = {}
            for concurrency in (1, 2):
                print(f"Beban sebelum {concurrency} proses: {os.getloadavg()[0]:.2f} (1 menit)")
                detik, n = jalankan(
                    concurrency, opd, tahun, db.url, kerja / "media", kerja / f"worker-{concurrency}.log"
                )
                hasil[concurrency] = detik
                print(f"{concurrency} proses worker: {n} PDF dalam {detik:.1f} s = {n / detik:.2f} PDF/s")
    finally:
        for _nama, proc in procs:
            proc.terminate()
            proc.wait()
        shutil.rmtree(kerja, ignore_errors=True)
    print(f"Beban sesudah: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"BENCH pdf_massal ours={hasil[2]:.1f} floor={hasil[1]:.1f} ratio={hasil[1] / hasil[2]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
