"""Benchmark: the public transparency page (``rekap:transparansi``, no login) under load, against a no-database
"hello" view on the same server in the same run.

    .venv/bin/python bench/transparansi.py [--opd 60] [--bulan 12] [--durasi 15] [--koneksi 4] [--pakai-ulang]
        [--simpan]

What it does, on a scratch database ``bench_transparansi`` on the server of DATABASE_URL:

1. migrate and write the recap rows the page reads, directly (the page reads nothing else): ``--opd`` OPDs of 3 to
   1,200 pegawai (a few under 5, so the suppression runs) and the city, for ``--bulan`` closed months;
2. count the queries of one page in-process with Django's test client: the first request (cache empty) and the
   second (a cache hit: none);
3. start gunicorn with 2 workers on a free loopback port in the production profile (``DEBUG=false``, no Redis: each
   worker caches in its own memory, as ``bench/umum.gunicorn`` sets up), serving ``bench/hello/wsgi.py``;
4. check that an anonymous answer sets no cookie, then run ``wrk`` (Debian package) on loopback as an anonymous
   visitor: ``/bench-hello/`` (the floor: a Django view through the full middleware stack that touches no database)
   and the transparency page of the newest month, ``--durasi`` seconds each, alternated twice.

"ours" and "floor" are seconds per request (wall time / requests completed, the inverse of throughput), so the last
line ``BENCH transparansi ours=<s> floor=<s> ratio=<x>`` has ratio = ours / floor; the throughput ratio floor/ours
is printed above it (goal: at least 0.8).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.umum import gunicorn, scratch, wrk, wrk_ada  # noqa: E402

SCRATCH_DB = "bench_transparansi"
LUA = Path(__file__).resolve().with_name("halaman_get.lua")
URL = "/rekap/transparansi/"


def seed(opd: int, bulan: int) -> None:
    """``opd`` OPDs and the city for the ``bulan`` months up to last month, closed, written with bulk inserts."""
    import calendar

    from pegawai.models import PerangkatDaerah
    from rekap.choices import JenisPeriodeRekap, StatusPeriodeRekap, TingkatRekap
    from rekap.models import PeriodeRekap, RekapUnit

    acak = random.Random(13)
    semua = PerangkatDaerah.objects.bulk_create(
        PerangkatDaerah(kode=f"B{i:03d}", nama=f"Perangkat Daerah Uji Beban {i:03d}") for i in range(1, opd + 1)
    )
    # Kecamatan-sized OPDs and large dinas; every twentieth one is under 5 pegawai (suppressed, with a partner).
    ukuran = {o.pk: (acak.randint(1, 4) if i % 20 == 7 else acak.randint(25, 1200)) for i, o in enumerate(semua)}
    hari_ini = datetime.date.today()
    indeks = hari_ini.year * 12 + hari_ini.month - 1
    baris = []
    for langkah in range(bulan, 0, -1):
        tahun, nomor = divmod(indeks - langkah, 12)
        nomor += 1
        periode = PeriodeRekap.objects.create(
            jenis=JenisPeriodeRekap.BULAN,
            tahun=tahun,
            nomor=nomor,
            mulai=datetime.date(tahun, nomor, 1),
            selesai=datetime.date(tahun, nomor, calendar.monthrange(tahun, nomor)[1]),
            status=StatusPeriodeRekap.DITUTUP,
        )
        jumlah = dict.fromkeys(("pegawai_n", "hari_kerja", "hari_lapor", "aktivitas_n", "diverifikasi_tepat_n"), 0)
        jumlah["skp_disetujui_n"] = 0
        for o in semua:
            n = ukuran[o.pk]
            angka = {
                "pegawai_n": n,
                "hari_kerja": 21 * n,
                "hari_lapor": int(21 * n * acak.uniform(0.6, 0.98)),
                "aktivitas_n": 45 * n,
                "diverifikasi_tepat_n": int(45 * n * acak.uniform(0.5, 0.95)),
                "skp_disetujui_n": int(n * acak.uniform(0.7, 1.0)),
            }
            for k, v in angka.items():
                jumlah[k] += v
            baris.append(
                RekapUnit(periode=periode, tingkat=TingkatRekap.OPD, kunci=f"opd:{o.pk}", perangkat_daerah=o, **angka)
            )
        baris.append(RekapUnit(periode=periode, tingkat=TingkatRekap.KOTA, kunci="kota", **jumlah))
    RekapUnit.objects.bulk_create(baris, batch_size=2000)
    print(f"{opd} OPD × {bulan} bulan ditutup: {len(baris)} baris RekapUnit")


def kueri() -> tuple[int, int, int]:
    """Queries of the first request (cache empty) and of the second (cache hit), and the page's size in bytes."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    client = Client(HTTP_HOST="127.0.0.1")
    hasil = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as q:
            response = client.get(URL)
        if response.status_code != 200:
            raise RuntimeError(f"GET {URL}: HTTP {response.status_code}")
        hasil.append(len(q))
    return hasil[0], hasil[1], len(response.content)


def tanpa_cookie(port: int) -> list[str]:
    """The Set-Cookie headers of an anonymous answer (there must be none) — and a first request per worker."""
    kue = []
    for _ in range(4):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request("GET", URL)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"GET {URL}: HTTP {response.status}")
            kue += response.headers.get_all("Set-Cookie") or []
        finally:
            conn.close()
    return kue


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--opd", type=int, default=60)
    parser.add_argument("--bulan", type=int, default=12, help="closed months of recap rows")
    parser.add_argument("--durasi", type=int, default=15, help="seconds per load run (two runs of each)")
    parser.add_argument("--koneksi", type=int, default=4, help="concurrent connections of the load tool")
    parser.add_argument("--pakai-ulang", action="store_true", help="reuse a seeded scratch database")
    parser.add_argument("--simpan", action="store_true", help="keep the scratch database afterwards")
    args = parser.parse_args()

    if not wrk_ada():
        return 2
    kerja = Path(tempfile.mkdtemp(prefix="bench_transparansi_"))
    with scratch(SCRATCH_DB, pakai_ulang=args.pakai_ulang, simpan=args.simpan) as db:
        from django.db import connection

        if not db.dipakai_ulang:
            seed(args.opd, args.bulan)
        kueri_awal, kueri_hit, ukuran = kueri()
        connection.close()

        with gunicorn(db.url, kerja) as port:
            kue = tanpa_cookie(port)
            lantai, kami = [], []
            for putaran in range(2):
                lantai.append(
                    wrk(LUA, port, "/bench-hello/", args.durasi, args.koneksi, kerja / f"hello{putaran}.txt", {})
                )
                kami.append(wrk(LUA, port, URL, args.durasi, args.koneksi, kerja / f"publik{putaran}.txt", {}))
                time.sleep(0.5)

    for putaran in range(2):
        print(
            f"hello (Django view, no database; {args.koneksi} connections) {putaran + 1}: {lantai[putaran].ringkas()}"
        )
        print(f"GET {URL} (anonymous, {ukuran:,} bytes) {putaran + 1}: {kami[putaran].ringkas()}")
    print(f"Queries per page: {kueri_awal} with the cache empty, {kueri_hit} on a cache hit")
    print(f"Set-Cookie on an anonymous answer: {kue or 'none'}")
    galat = sum(h.galat for h in lantai + kami) + len(kue) + kueri_hit
    # Best run of each: a noisy neighbour on the shared cores slows a run, never speeds one up.
    ours = min(h.detik_per_request for h in kami)
    floor = min(h.detik_per_request for h in lantai)
    print(f"Throughput ours/floor: {floor / ours:.3f} (goal >= 0.8); errors: {galat}")
    print(f"BENCH transparansi ours={ours:.5f} floor={floor:.5f} ratio={ours / floor:.2f}")
    return 1 if galat else 0


if __name__ == "__main__":
    raise SystemExit(main())
