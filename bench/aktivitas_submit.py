"""Benchmark: pegawai submitting daily activities under load, against a no-database "hello" view on the same server
in the same run.

    .venv/bin/python bench/aktivitas_submit.py [--pegawai 20000] [--bulan 1] [--sesi 200] [--durasi 20]
        [--koneksi 4] [--redis] [--db NAME] [--pakai-ulang] [--simpan]

What it does, on a scratch database (``bench_aktivitas``; ``--db`` names another, such as a city another bench
kept) on the server of DATABASE_URL:

1. migrate and ``seed_demo --pegawai 20000 --bulan 1`` (the demo city with its SKP and a month of activities,
   about two million rows; the seed's own timing is printed);
2. give ``--sesi`` pegawai with an approved SKP a known password (one UPDATE with one precomputed hash) and start
   gunicorn with 2 workers on a free loopback port, in the production profile (``DEBUG=false``), serving
   ``bench/hello/wsgi.py``: the portal plus ``/bench-hello/``, a Django view that touches no database;
3. log each of those pegawai in through the real login form (CSRF token, session cookie);
4. run ``wrk`` (Debian package) on loopback: ``/bench-hello/`` for ``--durasi`` seconds, anonymous and then with the
   pegawai's session cookies in turn (logged in: goal at least 0.8 of the anonymous throughput), then the real entry
   endpoint ``kinerja:aktivitas_tambah`` for as long — the request the daily page's quick entry form sends (htmx,
   multipart, CSRF), cycling through the pegawai, each request in a free 2-minute slot of today; for information,
   before it, ``/bench-tulis/`` with the same requests — the least a submission must do (the logged-in pegawai writes
   the row, with its triggers, and nothing else), the ceiling of any submit path on this server;
   With ``--redis`` the portal's cache and sessions are in the Redis of REDIS_URL, as a city runs it (sessions read
   from Redis, the database row behind them); without, the cache is each process's memory and sessions are read
   from PostgreSQL;
5. check there were no errors, and that every 2xx answer left its activity row (each request carries an id the
   server echoes; the ids of the 2xx answers are looked up in the table).

"ours" and "floor" are seconds per request (wall time / requests completed, the inverse of throughput), so the
last line ``BENCH aktivitas_submit ours=<s> floor=<s> ratio=<x>`` has ratio = ours / floor; the throughput ratio
floor/ours is printed too (goal: at least 0.2, i.e. ours at most five times the floor per request).
"""

from __future__ import annotations

import argparse
import datetime
import io
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.umum import (  # noqa: E402
    PASSWORD,
    Hasil,
    gunicorn,
    masuk,
    opsi_redis,
    redis_cache,
    scratch,
    vacuum_analyze,
    wrk,
    wrk_ada,
)

SCRATCH_DB = "bench_aktivitas"
LUA = Path(__file__).resolve().with_suffix(".lua")
PENANDA = "Uji beban "
URL_TAMBAH = "/kinerja/aktivitas/tambah/"
#: The first 2-minute slot of /bench-tulis/'s rows (12:00): the real submissions take the morning's.
SLOT_RAMPING = 360


# ---------------------------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------------------------


def seed(pegawai: int, bulan: int) -> float:
    from django.core.management import call_command

    out = io.StringIO()
    mulai = time.perf_counter()
    call_command("seed_demo", pegawai=pegawai, bulan=bulan, stdout=out)
    detik = time.perf_counter() - mulai
    print(out.getvalue().split("\n\n")[0])
    print(f"seed_demo --pegawai {pegawai} --bulan {bulan}: {detik:.1f} s")
    return detik


def pilih_pegawai(jumlah: int) -> list[tuple[int, str, int]]:
    """``jumlah`` pegawai spread over the city, each with an approved SKP covering today and an active login:
    (index, NIP, RHK id). Their password becomes :data:`PASSWORD` (one hash, one UPDATE)."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from kinerja.models import Aktivitas
    from pegawai.models import User
    from skp.choices import JenisRhk, SkpStatus
    from skp.models import RencanaHasilKerja, Skp

    hari_ini = timezone.localdate()
    # A reused database keeps the rows of an earlier run today, of this bench or of bench/puncak.py ("Uji puncak …",
    # the same pegawai): their slots would be taken.
    Aktivitas.objects.filter(tanggal=hari_ini, uraian__regex=r"^Uji (beban|puncak) ").delete()
    skp = list(
        Skp.objects.filter(
            status=SkpStatus.DISETUJUI,
            digantikan_pada__isnull=True,
            tanggal_mulai__lte=hari_ini,
            tanggal_selesai__gte=hari_ini,
            pegawai__aktif=True,
            pegawai__user__is_active=True,
            rhk__jenis=JenisRhk.UTAMA,
        )
        .distinct()
        .order_by("pegawai_id")
        .values_list("pk", "pegawai__user_id", "pegawai__user__username")
    )
    if len(skp) < jumlah:
        raise SystemExit(f"Hanya {len(skp)} pegawai dengan SKP disetujui; kurangi --sesi.")
    langkah = len(skp) / jumlah
    dipilih = [skp[int(i * langkah)] for i in range(jumlah)]
    rhk = {}
    for skp_id, rhk_id in (
        RencanaHasilKerja.objects.filter(skp_id__in=[s[0] for s in dipilih], jenis=JenisRhk.UTAMA)
        .order_by("skp_id", "-urutan")
        .values_list("skp_id", "pk")
    ):
        rhk[skp_id] = rhk_id  # the last write per SKP is its first RHK
    User.objects.filter(pk__in=[s[1] for s in dipilih]).update(
        password=make_password(PASSWORD), harus_ganti_sandi=False
    )
    return [(i, nip, rhk[skp_id]) for i, (skp_id, _user, nip) in enumerate(dipilih)]


def kueri_per_post(sesi: list[tuple[int, str, int]]) -> int:
    """Queries of one submission, measured in-process with Django's test client (same database, same code)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from kinerja.models import Aktivitas
    from pegawai.models import User

    _i, nip, rhk = sesi[0]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=nip))
    data = {
        "tanggal": timezone.localdate().isoformat(),
        "pilihan": f"rhk-{rhk}",
        "uraian": f"{PENANDA}ukur: menyusun bahan laporan",
        "jam_mulai": "23:56",
        "jam_selesai": "23:58",
        "volume": "1",
        "satuan": "dokumen",
    }
    # A first submission as a warm server process has had many: it stamps the session and reads the calendar facts
    # the process then keeps (kinerja.kalender_bersama).
    pemanasan = {**data, "uraian": f"{PENANDA}ukur pemanasan", "jam_mulai": "23:52", "jam_selesai": "23:54"}
    client.post(URL_TAMBAH, pemanasan, HTTP_HX_REQUEST="true")
    with CaptureQueriesContext(connection) as q:
        response = client.post(URL_TAMBAH, data, HTTP_HX_REQUEST="true")
    if response.status_code != 200:
        raise RuntimeError(f"POST uji gagal: HTTP {response.status_code}")
    Aktivitas.objects.filter(uraian__in=[data["uraian"], pemanasan["uraian"]]).delete()
    return len(q)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--bulan", type=int, default=1, help="months of demo activities seeded first")
    parser.add_argument("--sesi", type=int, default=200, help="pegawai logged in and posting in turn")
    parser.add_argument("--durasi", type=int, default=20, help="seconds per load run")
    parser.add_argument("--koneksi", type=int, default=4, help="concurrent connections of the load tool")
    opsi_redis(parser)
    parser.add_argument("--db", default=SCRATCH_DB, help="name of the scratch database")
    parser.add_argument("--pakai-ulang", action="store_true", help="reuse a seeded scratch database")
    parser.add_argument("--simpan", action="store_true", help="keep the scratch database afterwards")
    args = parser.parse_args()

    if not wrk_ada():
        return 2
    cache = redis_cache(args)
    kerja = Path(tempfile.mkdtemp(prefix="bench_aktivitas_"))
    with scratch(args.db, pakai_ulang=args.pakai_ulang, simpan=args.simpan) as db:
        from django.db import connection
        from django.utils import timezone

        if not db.dipakai_ulang:
            seed(args.pegawai, args.bulan)
        vacuum_analyze()
        sesi = pilih_pegawai(args.sesi)
        kueri = kueri_per_post(sesi)
        connection.close()

        with gunicorn(db.url, kerja, cache=cache) as port:
            mulai = time.perf_counter()
            with ThreadPoolExecutor(max_workers=4) as pool:
                cookies = list(pool.map(lambda s: masuk(port, s[1]), sesi))
            print(f"{len(sesi)} pegawai masuk lewat formulir login dalam {time.perf_counter() - mulai:.1f} s")
            berkas_sesi = kerja / "sesi.txt"
            berkas_sesi.write_text(
                "".join(f"{sid} {csrf} {rhk} {i}\n" for (i, _nip, rhk), (sid, csrf) in zip(sesi, cookies, strict=True))
            )
            env_muat = {"BENCH_SESI": str(berkas_sesi), "BENCH_TANGGAL": timezone.localdate().isoformat()}

            def muat(path: str, detik: int, env: dict, nama: str) -> Hasil:
                env = {**env, "BENCH_PATH": path, "BENCH_THREADS": "1"}
                return wrk(LUA, port, path, detik, args.koneksi, kerja / f"{nama}.txt", env)

            lantai = muat("/bench-hello/", args.durasi, {"BENCH_MODE": "get"}, "hello")
            # The same view with the pegawai's session cookies: what being logged in costs a request that reads
            # nothing (session, user, middleware), without the per-request session write it once had.
            masuk_hello = muat("/bench-hello/", args.durasi, {**env_muat, "BENCH_MODE": "get_sesi"}, "hello_masuk")
            # For information: the least a submission must do (bench/hello/urls.py), in the afternoon's slots.
            ramping = muat("/bench-tulis/", args.durasi, {**env_muat, "BENCH_SLOT": str(SLOT_RAMPING)}, "tulis")
            kami = muat(URL_TAMBAH, args.durasi, {**env_muat, "BENCH_SLOT": "0"}, "aktivitas")
            mentah = muat("/bench-raw/", max(5, args.durasi // 4), {"BENCH_MODE": "get"}, "raw")
            time.sleep(1)  # requests still in flight when wrk stopped finish on the server

            from kinerja.models import Aktivitas

            def baris(**saring) -> set[str]:
                return {
                    ":".join(uraian.removeprefix(PENANDA).split(":")[:2])
                    for uraian in Aktivitas.objects.filter(
                        tanggal=timezone.localdate(), uraian__startswith=PENANDA, **saring
                    ).values_list("uraian", flat=True)
                }

            siang = datetime.time(SLOT_RAMPING * 2 // 60)
            ramping_tanpa_baris = [i for i in ramping.ids if i not in baris(jam_mulai__gte=siang)]
            ada_baris = baris(jam_mulai__lt=siang)
            tanpa_baris = [i for i in kami.ids if i not in ada_baris]
            tanpa_jawaban = len(ada_baris) - len(set(kami.ids) & ada_baris)

    print(f"hello (Django view, no database; {args.koneksi} connections): {lantai.ringkas()}")
    print(
        f"hello with a session cookie (logged in; {len(sesi)} sessions in turn; sessions and cache in "
        f"{'Redis' if cache else 'PostgreSQL and process memory'}): {masuk_hello.ringkas()}"
    )
    print(
        f"Logged-in / anonymous hello throughput: {masuk_hello.per_detik / lantai.per_detik:.3f} (goal >= 0.8); "
        f"errors: {masuk_hello.galat}"
    )
    print(f"raw WSGI (gunicorn alone, for information): {mentah.ringkas()}")
    print(
        f"POST /bench-tulis/ (for information: the logged-in pegawai writes one activity row, no validation, no "
        f"page): {ramping.ringkas()}; {ramping.per_detik / lantai.per_detik:.3f} of the hello; "
        f"{len(ramping.ids) - len(ramping_tanpa_baris)} of {len(ramping.ids)} 2xx answers have their row"
    )
    print(f"POST {URL_TAMBAH} (htmx, {len(sesi)} pegawai, {kueri} queries each): {kami.ringkas()}")
    print(
        f"Rows: {len(kami.ids) - len(tanpa_baris)} of {len(kami.ids)} 2xx answers have their row"
        f"{'' if not tanpa_baris else ' — MISSING: ' + ', '.join(tanpa_baris[:10])}; "
        f"{tanpa_jawaban} rows of requests still in flight when the load stopped (no answer read)"
    )
    galat = lantai.galat + masuk_hello.galat + kami.galat + len(tanpa_baris) + (0 if kami.ids else 1)
    galat += ramping.galat + len(ramping_tanpa_baris)
    throughput = kami.per_detik / lantai.per_detik
    print(
        f"Throughput ours/floor: {throughput:.3f} (goal >= 0.2); per request ours/floor: "
        f"{kami.detik_per_request / lantai.detik_per_request:.1f}x; errors: {galat}"
    )
    ours, floor = kami.detik_per_request, lantai.detik_per_request
    print(f"BENCH aktivitas_submit ours={ours:.5f} floor={floor:.5f} ratio={ours / floor:.1f}")
    return 1 if galat else 0


if __name__ == "__main__":
    raise SystemExit(main())
