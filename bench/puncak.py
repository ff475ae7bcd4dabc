"""Benchmark: the end-of-month peak — 200 pegawai filing activities and 20 atasan verifying, at once, with Locust.

    .venv/bin/python bench/puncak.py [--pegawai 20000] [--durasi 300] [--tunggal 30] [--jeda 1]
                                     [--masuk-per-detik 2] [--workers N] [--threads 1] [--db NAME] [--pakai-ulang]
                                     [--simpan]

On a scratch database (``bench_puncak``; ``--db`` names another, e.g. the ``bench_aktivitas`` of
``bench/aktivitas_submit.py``) on the server of DATABASE_URL, seeded with ``seed_demo --pegawai N --bulan 1``:

1. 200 pegawai with an approved SKP spread over the city and 20 of their atasan with activities waiting for them get
   a known password; gunicorn serves the portal in the production profile (``bench.umum.gunicorn``) with the
   README's sync workers, 2 × cores + 1 (``--workers``; with only one per core a request waits behind any login's
   fifth of a second of PBKDF2 on the other), and one Celery worker takes the tasks requests queue, through a
   throwaway local Redis (as ``make run`` starts);
2. the journeys of ``bench/locust/perjalanan.py`` (Locust, headless): a pegawai logs in and lands on the landing
   page, then opens today's page, adds three activities with a link as evidence and opens the progress page, again
   and again; an atasan logs in (the same landing page), then opens the verification queue and approves its first
   page at once — each at a person's pace (seconds to read a page, half a minute or so to type an activity; the
   journeys' ``JEDA``; ``--jeda`` scales them, ``--jeda 0`` is a crowd of robots that measures capacity instead),
   arriving ``--masuk-per-detik`` a second (two by default: 220 people do not press "Masuk" in the same second,
   and each login is a fifth of a second of PBKDF2 on purpose);
3. one pegawai alone and one atasan alone for ``--tunggal`` seconds without pauses, each round logging in as the
   next of the crowd's pegawai or atasan (the single-user baseline: each step's time on an otherwise idle server),
   then all 220 together for ``--durasi`` seconds;
4. p50/p95 per step of both runs, errors, the peak's requests per second, and lost submissions: every activity the
   server answered 2xx must be in the database (each carries a marker), checked afterwards.

The last line is ``BENCH puncak ours=<p95 under peak, s> floor=<p95 of a single user, s> ratio=<x>`` for the step
whose p95 grows most under the peak (goal: ratio ≤ 3, errors 0, lost 0).
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.umum import PASSWORD, gunicorn, scratch, worker_celery  # noqa: E402

SCRATCH_DB = "bench_puncak"
LOCUSTFILE = Path(__file__).resolve().parent / "locust" / "perjalanan.py"
PENANDA = "Uji puncak "


def pilih_atasan(pegawai_nip: list[str], jumlah: int) -> list[str]:
    """``jumlah`` atasan (usernames) of the chosen pegawai, each with submitted activities waiting in their queue;
    their password becomes PASSWORD."""
    from django.contrib.auth.hashers import make_password

    from kinerja.choices import StatusAktivitas
    from kinerja.models import Aktivitas
    from pegawai.atasan import atasan_langsung
    from pegawai.models import Pegawai, User

    dipilih: dict[int, str] = {}
    for pegawai in Pegawai.objects.filter(nip__in=pegawai_nip).select_related("jabatan"):
        atasan = atasan_langsung(pegawai)
        if atasan is None or atasan.user_id is None or atasan.user_id in dipilih:
            continue
        if Aktivitas.objects.filter(pegawai=pegawai, status=StatusAktivitas.DIAJUKAN).exists():
            dipilih[atasan.user_id] = atasan.nip
        if len(dipilih) == jumlah:
            break
    User.objects.filter(pk__in=dipilih).update(password=make_password(PASSWORD), harus_ganti_sandi=False)
    return list(dipilih.values())


def locust(
    port: int, kerja: Path, nama: str, pengguna: int, detik: int, kelas: list[str], env: dict, per_detik: float = 1
) -> dict:
    """One headless Locust run, ``per_detik`` users starting a second; its statistics per step ({name: row of the
    CSV}, "Aggregated" for all)."""
    awalan = kerja / nama
    perintah = [
        str(Path(sys.executable).with_name("locust")),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--host",
        f"http://127.0.0.1:{port}",
        "-u",
        str(pengguna),
        "-r",
        str(per_detik),
        "-t",
        f"{detik}s",
        "--csv",
        str(awalan),
        "--only-summary",
        "--loglevel",
        "WARNING",
        *kelas,
    ]
    subprocess.run(perintah, cwd=ROOT, env={**os.environ, **env}, check=False, capture_output=True, text=True)
    with open(f"{awalan}_failures.csv") as berkas:
        for baris in csv.DictReader(berkas):
            print(f"  gagal ({nama}) {baris['Name']}: {baris['Error'][:160]} × {baris['Occurrences']}")
    with open(f"{awalan}_stats.csv") as berkas:
        return {baris["Name"]: baris for baris in csv.DictReader(berkas)}


def ringkas(stat: dict) -> str:
    return "\n".join(
        f"  {nama:32} n={int(b['Request Count']):6,}  gagal={int(b['Failure Count']):4}  p50={b['50%']:>6} ms  "
        f"p95={b['95%']:>6} ms"
        for nama, b in sorted(stat.items(), key=lambda x: (x[0] == "Aggregated", x[0]))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--durasi", type=int, default=300, help="seconds of the peak")
    parser.add_argument("--tunggal", type=int, default=30, help="seconds of each single-user baseline")
    parser.add_argument("--jeda", type=float, default=1.0, help="factor on a person's pauses (0: none, capacity)")
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help="gunicorn worker processes (default: 2 × cores + 1, as the README's production guidance)",
    )
    parser.add_argument("--threads", type=int, default=1, help="threads of each gunicorn worker (1: sync)")
    parser.add_argument("--masuk-per-detik", type=float, default=2.0, help="users arriving (logging in) a second")
    parser.add_argument("--db", default=SCRATCH_DB, help="name of the scratch database")
    parser.add_argument("--pakai-ulang", action="store_true", help="reuse a seeded scratch database")
    parser.add_argument("--simpan", action="store_true", help="keep the scratch database afterwards")
    args = parser.parse_args()

    if not Path(sys.executable).with_name("locust").exists():
        print("Locust belum terpasang: .venv/bin/pip install -r requirements-bench.txt (make bench memasangnya).")
        return 2
    print(f"Beban sebelum: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    kerja = Path(tempfile.mkdtemp(prefix="bench_puncak_"))
    from mangbagja.devrun import LOG_DIR, hentikan, mulai_redis, redis_server

    executable = redis_server()
    if executable is None:
        print("Tidak ada redis-server untuk broker worker Celery (paket Debian redis-server).", file=sys.stderr)
        return 2
    LOG_DIR.mkdir(parents=True, exist_ok=True)  # its log goes where `make run` puts it
    procs: list = []
    try:
        broker = mulai_redis(executable, procs)
        return _jalankan(args, kerja, broker)
    finally:
        hentikan(procs)


def _jalankan(args, kerja: Path, broker: str) -> int:
    with scratch(args.db, pakai_ulang=args.pakai_ulang, simpan=args.simpan) as db:
        from django.db import connection
        from django.utils import timezone

        from bench.aktivitas_submit import pilih_pegawai, seed
        from kinerja.models import Aktivitas

        if not db.dipakai_ulang:
            seed(args.pegawai, 1)
        hari_ini = timezone.localdate()
        Aktivitas.objects.filter(tanggal=hari_ini, uraian__startswith=PENANDA).delete()
        pegawai = pilih_pegawai(200)
        atasan = pilih_atasan([nip for _i, nip, _rhk in pegawai], 20)
        print(f"{len(pegawai)} pegawai dan {len(atasan)} atasan (dengan antrean verifikasi) siap masuk")
        (kerja / "pegawai.txt").write_text("".join(f"{nip} {rhk}\n" for _i, nip, rhk in pegawai))
        (kerja / "atasan.txt").write_text("".join(f"{nip}\n" for nip in atasan))
        ids = kerja / "ids.txt"
        env = {
            "PUNCAK_PEGAWAI": str(kerja / "pegawai.txt"),
            "PUNCAK_ATASAN": str(kerja / "atasan.txt"),
            "PUNCAK_PASSWORD": PASSWORD,
            "PUNCAK_TANGGAL": hari_ini.isoformat(),
            "PUNCAK_IDS": str(ids),
        }
        connection.close()
        with worker_celery(db.url, kerja, broker), gunicorn(db.url, kerja, broker, args.workers, args.threads) as port:
            # Alone, without pauses, a user would pile hundreds of activities on one pegawai's day (today's page
            # lists them) and empty one atasan's queue in seconds: each round logs in as the next of the crowd's
            # pegawai or atasan instead, so every step is timed often, on an idle server, on pages like theirs.
            sendiri = {**env, "PUNCAK_JEDA": "0", "PUNCAK_BERGANTI": "1"}
            tunggal = {
                **locust(
                    port, kerja, "tunggal_pegawai", 1, args.tunggal, ["Pegawai"], {**sendiri, "PUNCAK_SLOT_AWAL": "600"}
                ),
                **locust(port, kerja, "tunggal_atasan", 1, args.tunggal, ["Atasan"], sendiri),
            }
            tunggal.pop("Aggregated", None)
            puncak = locust(
                port,
                kerja,
                "puncak",
                220,
                args.durasi,
                ["Pegawai", "Atasan"],
                {**env, "PUNCAK_JEDA": str(args.jeda)},
                per_detik=args.masuk_per_detik,
            )
        dijawab = set(ids.read_text().splitlines()) if ids.exists() else set()
        tersimpan = {
            uraian.split(":")[0]
            for uraian in Aktivitas.objects.filter(tanggal=hari_ini, uraian__startswith=PENANDA).values_list(
                "uraian", flat=True
            )
        }
        hilang = sorted(dijawab - tersimpan)

    print(f"Satu pengguna ({args.tunggal} s per peran):\n{ringkas(tunggal)}")
    print(
        f"Puncak: 200 pegawai + 20 atasan ({args.masuk_per_detik:g} masuk per detik, jeda ×{args.jeda:g}; gunicorn "
        f"{args.workers} proses × {args.threads} thread), "
        f"{args.durasi} s, {float(puncak['Aggregated']['Requests/s']):.1f} permintaan/detik:\n{ringkas(puncak)}"
    )
    gagal = sum(int(b["Failure Count"]) for nama, b in puncak.items() if nama != "Aggregated")
    print(
        f"Aktivitas yang dijawab 2xx: {len(dijawab):,}; tersimpan: {len(dijawab) - len(hilang):,}; "
        f"hilang: {len(hilang)}{' — ' + ', '.join(hilang[:10]) if hilang else ''}; permintaan gagal: {gagal}"
    )
    rasio = {
        nama: float(b["95%"]) / float(tunggal[nama]["95%"])
        for nama, b in puncak.items()
        if nama in tunggal and float(tunggal[nama]["95%"] or 0) > 0
    }
    for nama, r in sorted(rasio.items()):
        print(f"  p95 puncak / p95 sendiri, {nama}: {r:.1f}×")
    # The headline is the step that suffers most from the crowd.
    terburuk = max(rasio, key=rasio.get)
    p95_puncak, p95_tunggal = float(puncak[terburuk]["95%"]) / 1000, float(tunggal[terburuk]["95%"]) / 1000
    print(f"Langkah terburuk: {terburuk}")
    print(f"Beban sesudah: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"BENCH puncak ours={p95_puncak:.3f} floor={p95_tunggal:.3f} ratio={p95_puncak / p95_tunggal:.2f}")
    return 1 if gagal or hilang else 0


if __name__ == "__main__":
    raise SystemExit(main())
