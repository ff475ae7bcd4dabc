"""Benchmark: pegawai submitting daily activities under load, against a no-database "hello" view on the same server
in the same run.

    .venv/bin/python bench/aktivitas_submit.py [--pegawai 20000] [--bulan 1] [--sesi 200] [--durasi 20]
        [--koneksi 4] [--pakai-ulang] [--simpan]

What it does, on a scratch database ``bench_aktivitas`` on the server of DATABASE_URL:

1. migrate and ``seed_demo --pegawai 20000 --bulan 1`` (the demo city with its SKP and a month of activities,
   about two million rows; the seed's own timing is printed);
2. give ``--sesi`` pegawai with an approved SKP a known password (one UPDATE with one precomputed hash) and start
   gunicorn with 2 workers on a free loopback port, in the production profile (``DEBUG=false``), serving
   ``bench/hello/wsgi.py``: the portal plus ``/bench-hello/``, a Django view that touches no database;
3. log each of those pegawai in through the real login form (CSRF token, session cookie);
4. run ``wrk`` (Debian package) on loopback: ``/bench-hello/`` for ``--durasi`` seconds, then the real entry
   endpoint ``kinerja:aktivitas_tambah`` for as long — the request the daily page's quick entry form sends (htmx,
   multipart, CSRF), cycling through the pegawai, each request in a free 2-minute slot of today;
5. check there were no errors, and that every 2xx answer left its activity row (each request carries an id the
   server echoes; the ids of the 2xx answers are looked up in the table).

"ours" and "floor" are seconds per request (wall time / requests completed, the inverse of throughput), so the
last line ``BENCH aktivitas_submit ours=<s> floor=<s> ratio=<x>`` has ratio = ours / floor; the throughput ratio
floor/ours is printed too (goal: at least 0.5, i.e. ours at most twice the floor per request).
"""

from __future__ import annotations

import argparse
import http.client
import io
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mangbagja.settings")
os.environ.setdefault("DEBUG", "true")

SCRATCH_DB = "bench_aktivitas"
LUA = Path(__file__).resolve().with_suffix(".lua")
PASSWORD = "beban-uji-" + "7" * 8
PENANDA = "Uji beban "
URL_TAMBAH = "/kinerja/aktivitas/tambah/"


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


def _db(server: dict, *, buat: bool = False, hapus: bool = False) -> bool:
    """Drop and/or create the scratch database; returns whether it existed before."""
    import psycopg2

    conn = psycopg2.connect(**server)
    conn.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [SCRATCH_DB])
        ada = cursor.fetchone() is not None
        if hapus:
            cursor.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB} WITH (FORCE)")
        if buat:
            cursor.execute(f"CREATE DATABASE {SCRATCH_DB}")
    conn.close()
    return ada


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


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
    # A reused database keeps the rows of an earlier run today: their slots would be taken.
    Aktivitas.objects.filter(tanggal=hari_ini, uraian__startswith=PENANDA).delete()
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


def masuk(port: int, nip: str) -> tuple[str, str]:
    """Log in through the login form; returns the session and CSRF cookies. The CSRF cookie of the first request
    is made up by the client (a 32-character secret, as Django's own): the double-submit check only compares the
    cookie with the form field."""
    csrf = secrets.token_hex(16)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(
            "POST",
            "/masuk/",
            urlencode({"username": nip, "password": PASSWORD, "csrfmiddlewaretoken": csrf}),
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"},
        )
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    kue = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        kue.load(header)
    if response.status != 302 or "sessionid" not in kue:
        raise RuntimeError(f"Login {nip} gagal: HTTP {response.status}")
    return kue["sessionid"].value, kue["csrftoken"].value if "csrftoken" in kue else csrf


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
    with CaptureQueriesContext(connection) as q:
        response = client.post(URL_TAMBAH, data, HTTP_HX_REQUEST="true")
    if response.status_code != 200:
        raise RuntimeError(f"POST uji gagal: HTTP {response.status_code}")
    Aktivitas.objects.filter(uraian=data["uraian"]).delete()
    return len(q)


# ---------------------------------------------------------------------------------------------------------------
# Load
# ---------------------------------------------------------------------------------------------------------------


class Hasil:
    def __init__(self, berkas: Path):
        self.kode: dict[int, int] = {}
        self.ids: list[str] = []
        self.dikirim = self.ok = self.gagal = 0
        for baris in berkas.read_text().splitlines():
            kata = baris.split()
            if kata[0] == "requests":
                self.requests = int(kata[1])
            elif kata[0] == "duration_us":
                self.detik = int(kata[1]) / 1e6
            elif kata[0] == "errors":
                self.socket = dict(
                    zip(("connect", "read", "write", "status", "timeout"), map(int, kata[1:]), strict=True)
                )
            elif kata[0] in ("dikirim", "ok", "gagal"):
                setattr(self, kata[0], getattr(self, kata[0]) + int(kata[1]))
            elif kata[0] == "kode":
                self.kode[int(kata[1])] = self.kode.get(int(kata[1]), 0) + int(kata[2])
            elif kata[0] == "id":
                self.ids.append(kata[1])

    @property
    def per_detik(self) -> float:
        return self.requests / self.detik

    @property
    def detik_per_request(self) -> float:
        return self.detik / self.requests

    @property
    def galat(self) -> int:
        socket_errors = sum(v for k, v in self.socket.items() if k != "status")
        return socket_errors + self.gagal

    def ringkas(self) -> str:
        kode = ", ".join(f"{k}: {v}" for k, v in sorted(self.kode.items()))
        return (
            f"{self.per_detik:,.0f} req/s ({self.requests} in {self.detik:.1f} s, "
            f"{self.detik_per_request * 1000:.2f} ms/request); status {{{kode}}}; "
            f"errors: socket {self.socket}, non-2xx {self.gagal}"
        )


def wrk(port: int, path: str, detik: int, koneksi: int, kerja: Path, env: dict, nama: str) -> Hasil:
    berkas = kerja / f"{nama}.txt"
    env = {**os.environ, **env, "BENCH_PATH": path, "BENCH_HASIL": str(berkas), "BENCH_THREADS": "1"}
    subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{koneksi}",
            f"-d{detik}s",
            "--timeout",
            "60s",
            "-s",
            str(LUA),
            f"http://127.0.0.1:{port}{path}",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return Hasil(berkas)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--bulan", type=int, default=1, help="months of demo activities seeded first")
    parser.add_argument("--sesi", type=int, default=200, help="pegawai logged in and posting in turn")
    parser.add_argument("--durasi", type=int, default=20, help="seconds per load run")
    parser.add_argument("--koneksi", type=int, default=4, help="concurrent connections of the load tool")
    parser.add_argument("--pakai-ulang", action="store_true", help="reuse a seeded scratch database")
    parser.add_argument("--simpan", action="store_true", help="keep the scratch database afterwards")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL")
    if not url:
        print("DATABASE_URL belum diisi (make bench mengisinya dengan PostgreSQL tertanam).", file=sys.stderr)
        return 2
    if shutil.which("wrk") is None:
        print("wrk tidak ada: pasang paket Debian 'wrk' (apt-get install -y wrk).", file=sys.stderr)
        return 2
    server = _server(url)
    ada = _db(server)
    pakai_ulang = args.pakai_ulang and ada
    if not pakai_ulang:
        _db(server, hapus=True, buat=True)
    # Settings read DATABASE_URL when imported: point them at the scratch database before django.setup().
    scratch_url = urlunsplit(urlsplit(url)._replace(path=f"/{SCRATCH_DB}"))
    os.environ["DATABASE_URL"] = scratch_url

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    kerja = Path(tempfile.mkdtemp(prefix="bench_aktivitas_"))
    gunicorn = None
    log = (kerja / "gunicorn.log").open("w")
    try:
        if pakai_ulang:
            print(f"Memakai ulang basis data {SCRATCH_DB}.")
        else:
            call_command("migrate", verbosity=0)
            seed(args.pegawai, args.bulan)
        # What autovacuum does some time after a bulk load (and what a server with autovacuum off never does):
        # planner statistics and the visibility map, so the load runs against a settled database.
        mulai = time.perf_counter()
        connection.ensure_connection()
        connection.connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        connection.close()
        print(f"VACUUM (ANALYZE) after the seed: {time.perf_counter() - mulai:.1f} s")
        sesi = pilih_pegawai(args.sesi)
        kueri = kueri_per_post(sesi)
        connection.close()

        env_server = {
            **os.environ,
            "DATABASE_URL": scratch_url,
            "DJANGO_SETTINGS_MODULE": "bench.hello.settings",
            "BENCH_STATIC_ROOT": str(kerja / "static"),
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "ERROR",
        }
        # No Redis: the cache would be CI's database 0; the submission path does not use the cache or Celery.
        env_server.pop("REDIS_URL", None)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=env_server,
            check=True,
        )
        port = _port_bebas()
        gunicorn = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "bench.hello.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--chdir",
                str(ROOT),
                "--backlog",
                "2048",
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env_server,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for _coba in range(300):
            try:
                if _get(port, "/bench-raw/") == 200:
                    break
            except OSError:
                pass
            if gunicorn.poll() is not None:
                raise RuntimeError("gunicorn berhenti saat mulai; lihat " + log.name)
            time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn tidak menjawab")
        if _get(port, "/bench-hello/") != 200:
            raise RuntimeError("/bench-hello/ tidak menjawab 200")

        mulai = time.perf_counter()
        with ThreadPoolExecutor(max_workers=4) as pool:
            cookies = list(pool.map(lambda s: masuk(port, s[1]), sesi))
        print(f"{len(sesi)} pegawai masuk lewat formulir login dalam {time.perf_counter() - mulai:.1f} s")
        berkas_sesi = kerja / "sesi.txt"
        berkas_sesi.write_text(
            "".join(f"{sid} {csrf} {rhk} {i}\n" for (i, _nip, rhk), (sid, csrf) in zip(sesi, cookies, strict=True))
        )
        env_muat = {"BENCH_SESI": str(berkas_sesi), "BENCH_TANGGAL": timezone.localdate().isoformat()}

        lantai = wrk(port, "/bench-hello/", args.durasi, args.koneksi, kerja, {"BENCH_MODE": "get"}, "hello")
        kami = wrk(port, URL_TAMBAH, args.durasi, args.koneksi, kerja, {**env_muat, "BENCH_SLOT": "0"}, "aktivitas")
        mentah = wrk(port, "/bench-raw/", max(5, args.durasi // 4), args.koneksi, kerja, {"BENCH_MODE": "get"}, "raw")
        time.sleep(1)  # requests still in flight when wrk stopped finish on the server

        from kinerja.models import Aktivitas

        ada_baris = {
            ":".join(uraian.removeprefix(PENANDA).split(":")[:2])
            for uraian in Aktivitas.objects.filter(
                tanggal=timezone.localdate(), uraian__startswith=PENANDA
            ).values_list("uraian", flat=True)
        }
        tanpa_baris = [i for i in kami.ids if i not in ada_baris]
        tanpa_jawaban = len(ada_baris) - len(set(kami.ids) & ada_baris)
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        log.close()
        connection.close()
        if not args.simpan:
            _db(server, hapus=True)

    print(f"hello (Django view, no database; {args.koneksi} connections): {lantai.ringkas()}")
    print(f"raw WSGI (gunicorn alone, for information): {mentah.ringkas()}")
    print(f"POST {URL_TAMBAH} (htmx, {len(sesi)} pegawai, {kueri} queries each): {kami.ringkas()}")
    print(
        f"Rows: {len(kami.ids) - len(tanpa_baris)} of {len(kami.ids)} 2xx answers have their row"
        f"{'' if not tanpa_baris else ' — MISSING: ' + ', '.join(tanpa_baris[:10])}; "
        f"{tanpa_jawaban} rows of requests still in flight when the load stopped (no answer read)"
    )
    galat = lantai.galat + kami.galat + len(tanpa_baris) + (0 if kami.ids else 1)
    throughput = kami.per_detik / lantai.per_detik
    print(
        f"Throughput ours/floor: {throughput:.3f} (goal >= 0.5); per request ours/floor: "
        f"{kami.detik_per_request / lantai.detik_per_request:.1f}x; errors: {galat}"
    )
    ours, floor = kami.detik_per_request, lantai.detik_per_request
    print(f"BENCH aktivitas_submit ours={ours:.5f} floor={floor:.5f} ratio={ours / floor:.1f}")
    return 1 if galat else 0


if __name__ == "__main__":
    raise SystemExit(main())
