"""Benchmark: the pages of the end-of-month peak — a pegawai's daily page, an atasan's verification queue (a full
page of 50 rows) and an atasan's team page — under gunicorn with 2 workers, against the no-database "hello" view
on the same server in the same run.

    .venv/bin/python bench/halaman.py [--pegawai 20000] [--durasi 15] [--koneksi 4] [--db bench_halaman]
        [--redis] [--pakai-ulang] [--simpan]

On a scratch database (default ``bench_halaman``; ``--db bench_aktivitas --pakai-ulang`` reuses the city that
``bench/aktivitas_submit.py --simpan`` left) on the server of DATABASE_URL:

1. migrate and ``seed_demo --pegawai 20000 --bulan 1`` (the demo city with a month of activities), then
   ``VACUUM (ANALYZE)`` as autovacuum would after a bulk load;
2. 200 pegawai with an approved SKP spread over the city, and 20 of their atasan whose queue holds at least a
   page of submitted activities, log in through the real login form;
3. ``wrk`` GETs ``/bench-hello/`` anonymously (the floor), then each page for ``--durasi`` seconds with the
   sessions of its users in turn (each request another pegawai's or atasan's cookie, as a peak has it); with
   ``--redis`` the portal's cache and sessions are in the Redis of REDIS_URL, as a city runs it;
   for information, the portal's page frame alone (``/bench-halaman/``: ``base.html`` with nothing in it, for the
   same pegawai) — what every full page costs before its own content;
4. every answer must be 200 (a redirect to the login form or an error fails the run); the queries of one GET of
   each page are counted in-process with Django's test client.

"ours" and "floor" are seconds per request (wall time / requests), so each ``BENCH halaman_<page> ours=<s>
floor=<s> ratio=<x>`` line has ratio = ours / floor; the goal is a throughput of at least 0.1× the floor (ratio at
most 10). The three lines are printed last.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.umum import gunicorn, masuk, opsi_redis, redis_cache, scratch, vacuum_analyze, wrk, wrk_ada  # noqa: E402

SCRATCH_DB = "bench_halaman"
LUA = Path(__file__).resolve().with_name("aktivitas_submit.lua")
#: A full page of the verification queue (kinerja.views.verifikasi.PER_PAGE).
BARIS_ANTREAN = 50


def pilih_atasan_penuh(pegawai_nip: list[str], jumlah: int) -> list[str]:
    """``jumlah`` atasan (NIP) of the chosen pegawai whose verification queue holds at least a page; their
    password becomes the bench's."""
    from django.contrib.auth.hashers import make_password

    from bench.umum import PASSWORD
    from kinerja.selectors.antrian import antrian_verifikasi_qs
    from pegawai.atasan import atasan_langsung
    from pegawai.models import Pegawai, User

    dipilih: dict[int, str] = {}
    for pegawai in Pegawai.objects.filter(nip__in=pegawai_nip).select_related("jabatan"):
        atasan = atasan_langsung(pegawai)
        if atasan is None or atasan.user_id is None or atasan.user_id in dipilih:
            continue
        # The page's own query (waiting activities by default).
        if antrian_verifikasi_qs(atasan)[:BARIS_ANTREAN].count() == BARIS_ANTREAN:
            dipilih[atasan.user_id] = atasan.nip
        if len(dipilih) == jumlah:
            break
    if len(dipilih) < jumlah:
        raise SystemExit(f"Hanya {len(dipilih)} atasan dengan antrean sepenuh satu halaman.")
    User.objects.filter(pk__in=dipilih).update(password=make_password(PASSWORD), harus_ganti_sandi=False)
    return list(dipilih.values())


def kueri(nip: str, path: str) -> int:
    """Queries of one GET of ``path`` by ``nip``, in-process (same database, same code)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from pegawai.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=nip))
    client.get(path, secure=True)  # the first request of a session stamps it (portal.sesi)
    with CaptureQueriesContext(connection) as q:
        response = client.get(path, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} sebagai {nip}: HTTP {response.status_code}")
    return len(q)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--durasi", type=int, default=15, help="seconds per load run")
    parser.add_argument("--koneksi", type=int, default=4, help="concurrent connections of the load tool")
    parser.add_argument("--db", default=SCRATCH_DB, help="name of the scratch database")
    parser.add_argument("--pakai-ulang", action="store_true", help="reuse a seeded scratch database")
    parser.add_argument("--simpan", action="store_true", help="keep the scratch database afterwards")
    opsi_redis(parser)
    args = parser.parse_args()
    cache = redis_cache(args)

    if not wrk_ada():
        return 2
    kerja = Path(tempfile.mkdtemp(prefix="bench_halaman_"))
    with scratch(args.db, pakai_ulang=args.pakai_ulang, simpan=args.simpan) as db:
        from django.db import connection
        from django.urls import reverse

        from bench.aktivitas_submit import pilih_pegawai, seed

        if not db.dipakai_ulang:
            seed(args.pegawai, 1)
        else:
            # A database reused from the peak bench holds its pegawai's dozens of extra activities of today, which
            # would make their daily page longer than a seeded day's.
            from bench.puncak import PENANDA
            from kinerja.models import Aktivitas

            Aktivitas.objects.filter(uraian__startswith=PENANDA).delete()
        vacuum_analyze()
        pegawai = [nip for _i, nip, _rhk in pilih_pegawai(200)]
        atasan = pilih_atasan_penuh(pegawai, 20)
        halaman = [
            ("harian", reverse("kinerja:harian"), pegawai),
            ("antrian", reverse("kinerja:antrian"), atasan),
            ("tim", reverse("kinerja:tim"), atasan),
        ]
        jumlah_kueri = {nama: kueri(orang[0], path) for nama, path, orang in halaman}
        connection.close()

        with gunicorn(db.url, kerja, cache=cache) as port:
            mulai = time.perf_counter()
            with ThreadPoolExecutor(max_workers=4) as pool:
                semua = pegawai + atasan
                cookies = dict(zip(semua, pool.map(lambda nip: masuk(port, nip), semua), strict=True))
            print(f"{len(cookies)} pengguna masuk lewat formulir login dalam {time.perf_counter() - mulai:.1f} s")

            def muat(path: str, nama: str, orang: list[str] | None) -> object:
                env = {"BENCH_PATH": path, "BENCH_THREADS": "1", "BENCH_MODE": "get"}
                if orang:
                    berkas = kerja / f"sesi_{nama}.txt"
                    # The Lua script's session file: "sessionid csrftoken rhk index" per line (rhk unused here).
                    berkas.write_text(
                        "".join(f"{cookies[nip][0]} {cookies[nip][1]} 0 {i}\n" for i, nip in enumerate(orang))
                    )
                    env.update(BENCH_MODE="get_sesi", BENCH_SESI=str(berkas))
                return wrk(LUA, port, path, args.durasi, args.koneksi, kerja / f"{nama}.txt", env)

            lantai = muat("/bench-hello/", "hello", None)
            hasil = {nama: muat(path, nama, orang) for nama, path, orang in halaman}
            # For information: the portal's empty page frame for the same pegawai (bench/hello/urls.py).
            bingkai = muat("/bench-halaman/", "bingkai", pegawai)

    print(f"hello (Django view, no database; {args.koneksi} connections): {lantai.ringkas()}")
    galat = lantai.galat
    for nama, path, orang in halaman:
        h = hasil[nama]
        bukan_200 = sum(v for k, v in h.kode.items() if k != 200)
        galat += h.galat + bukan_200
        print(
            f"GET {path} ({len(orang)} sessions in turn, {jumlah_kueri[nama]} queries): {h.ringkas()}; "
            f"throughput ours/floor {h.per_detik / lantai.per_detik:.3f} (goal >= 0.1)"
        )
    galat += bingkai.galat + sum(v for k, v in bingkai.kode.items() if k != 200)
    print(
        f"GET /bench-halaman/ (for information: the page frame alone, base.html for a logged-in pegawai): "
        f"{bingkai.ringkas()}; {bingkai.per_detik / lantai.per_detik:.3f} of the hello"
    )
    print(f"errors: {galat}")
    for nama, _path, _orang in halaman:
        ours, floor = hasil[nama].detik_per_request, lantai.detik_per_request
        print(f"BENCH halaman_{nama} ours={ours:.5f} floor={floor:.5f} ratio={ours / floor:.1f}")
    return 1 if galat else 0


if __name__ == "__main__":
    raise SystemExit(main())
