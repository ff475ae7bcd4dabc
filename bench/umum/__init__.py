"""What several benchmarks of ``bench/`` share (a package, so ``make bench`` does not run it as a benchmark):

- the scratch database each benchmark creates, fills and drops on the server of DATABASE_URL (:func:`scratch`,
  :class:`Scratch`), named per benchmark so that two of them never share one, and the pegawai the PDF benchmarks
  put in it (:func:`orang`);
- timing: the median of runs, two functions measured in turn (:func:`median_bergantian`);
- memory: the resident set and its peak (:func:`rss_mb`, :func:`peak_rss_mb`, :func:`memori`);
- the PDF floor: a bare WeasyPrint table grown to the document's page count (:func:`html_polos`);
- the portal in the production profile: gunicorn on a free loopback port (:func:`gunicorn`), logging in through the
  real login form (:func:`masuk`), and ``wrk`` with a Lua script whose result file :class:`Hasil` reads.
"""

from __future__ import annotations

import datetime
import http.client
import io
import os
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent.parent
PASSWORD = "beban-uji-" + "7" * 8

# The benchmark's own process runs the development profile (no SECRET_KEY to supply); the portal under load gets
# the production one from gunicorn().
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mangbagja.settings")
os.environ.setdefault("DEBUG", "true")

# ---------------------------------------------------------------------------------------------------------------
# Scratch database
# ---------------------------------------------------------------------------------------------------------------


class Scratch:
    """The scratch database ``nama`` on the server of ``url``; ``url`` is the address of the scratch database."""

    def __init__(self, url: str, nama: str):
        from mangbagja.env import parse_database_url

        db = parse_database_url(url)
        self.nama = nama
        self.url = urlunsplit(urlsplit(url)._replace(path=f"/{nama}"))
        self.dipakai_ulang = False
        # The maintenance database: the scratch one cannot be dropped or created while connected to it.
        self.server = {
            "host": db["HOST"] or None,
            "port": db["PORT"] or None,
            "user": db["USER"] or None,
            "password": db["PASSWORD"] or None,
            "dbname": "postgres",
        }

    def _atur(self, *, buat: bool = False, hapus: bool = False) -> bool:
        import psycopg2

        conn = psycopg2.connect(**self.server)
        conn.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.nama])
            ada = cursor.fetchone() is not None
            if hapus:
                cursor.execute(f"DROP DATABASE IF EXISTS {self.nama} WITH (FORCE)")
            if buat:
                cursor.execute(f"CREATE DATABASE {self.nama}")
            if buat or (ada and not hapus):
                # The README's production setting for SSD storage (Kapasitas kota): random reads cost about what
                # sequential ones do, so the planner reads a few rows by index instead of hashing a whole table.
                cursor.execute(f"ALTER DATABASE {self.nama} SET random_page_cost = 1.1")
        conn.close()
        return ada

    def ada(self) -> bool:
        return self._atur()

    def buat(self) -> None:
        """Drop (a leftover of an interrupted run) and create it empty."""
        self._atur(hapus=True, buat=True)

    def hapus(self) -> None:
        self._atur(hapus=True)


@contextmanager
def scratch(nama: str, *, pakai_ulang: bool = False, simpan: bool = False) -> Iterator[Scratch]:
    """Django set up on the scratch database ``nama`` of the server of DATABASE_URL, created and migrated — or kept
    with its data, with ``pakai_ulang``, when it exists (then ``dipakai_ulang``; migrated all the same) — and
    dropped at the end unless ``simpan``. Without DATABASE_URL, it says so and exits with status 2."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        print("DATABASE_URL belum diisi (make bench mengisinya dengan PostgreSQL tertanam).", file=sys.stderr)
        raise SystemExit(2)
    db = Scratch(url, nama)
    db.dipakai_ulang = pakai_ulang and db.ada()
    if not db.dipakai_ulang:
        db.buat()
    # Settings read DATABASE_URL when imported: point them at the scratch database before django.setup().
    os.environ["DATABASE_URL"] = db.url

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        if db.dipakai_ulang:
            print(f"Memakai ulang basis data {nama}.")
        # A reused database is brought to the code's schema too.
        call_command("migrate", verbosity=0)
        yield db
    finally:
        connection.close()
        if not simpan:
            db.hapus()


def orang(nip: str, nama: str, jabatan, golongan: str, **lain):
    """A PNS whose birth date and TMT CPNS are those its NIP encodes, holding ``jabatan``; ``lain`` are further
    Pegawai fields."""
    from pegawai.choices import StatusPegawai
    from pegawai.models import Pegawai
    from pegawai.services.mutasi import buka_riwayat_awal

    pegawai = Pegawai.objects.create(
        nip=nip,
        nama=nama,
        jenis_kelamin="L",
        tanggal_lahir=datetime.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8])),
        status=StatusPegawai.PNS,
        golongan=golongan,
        jabatan=jabatan,
        tmt_cpns=datetime.date(int(nip[8:12]), int(nip[12:14]), 1),
        **lain,
    )
    # Positions are dated: each holds theirs from the TMT CPNS, so the penilai on any date of the year is known.
    buka_riwayat_awal(pegawai, pegawai.tmt_cpns)
    return pegawai


def vacuum_analyze() -> None:
    """What autovacuum does some time after a bulk load (and what a server with autovacuum off never does):
    planner statistics and the visibility map, so the load runs against a settled database."""
    from django.db import connection

    mulai = time.perf_counter()
    connection.ensure_connection()
    connection.connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    connection.close()
    print(f"VACUUM (ANALYZE) after the seed: {time.perf_counter() - mulai:.1f} s")


# ---------------------------------------------------------------------------------------------------------------
# Time and memory
# ---------------------------------------------------------------------------------------------------------------


def median(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up: imports, first parse
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_bergantian(ours: Callable[[], object], floor: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median seconds of ``ours`` and of ``floor``, about ``runs`` calls each."""
    # Alternate the two so that a noisy neighbour slows both alike.
    ours_t, floor_t = [], []
    for _ in range(3):
        ours_t.append(median(ours, runs // 3 or 1))
        floor_t.append(median(floor, runs // 3 or 1))
    return statistics.median(ours_t), statistics.median(floor_t)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def memori(fn: Callable[[], object], kali: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """(RSS, peak RSS) in MB after a first batch of calls of ``fn``, and after ``kali`` more: a worker process
    (``worker_max_tasks_per_child``) grows by what the second batch adds, not by what warming its caches costs."""
    for _ in range(10):
        fn()
    awal = rss_mb(), peak_rss_mb()
    for _ in range(kali):
        fn()
    return awal, (rss_mb(), peak_rss_mb())


# ---------------------------------------------------------------------------------------------------------------
# PDF floor
# ---------------------------------------------------------------------------------------------------------------


def jumlah_halaman(content: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(content)).pages)


def tabel_polos(judul: str, kolom: list[str], baris: str) -> str:
    """A bare A4 landscape page: the heading and one table of the document's lettering, without its layout."""
    kepala = "".join(f"<th>{k}</th>" for k in kolom)
    return (
        "<html><head><style>@page { size: A4 landscape; margin: 14mm 12mm 16mm 12mm }"
        " body { font-family: sans-serif; font-size: 8.5pt }"
        " table { width: 100%; border-collapse: collapse } td, th { border: 0.6pt solid #000; padding: 1.2mm }"
        f"</style></head><body><h1>{judul}</h1><table><thead><tr>{kepala}</tr></thead><tbody>{baris}</tbody></table>"
        "</body></html>"
    )


def html_polos(halaman: int, html: Callable[[int], str], *, baris: int, langkah: int) -> str:
    """``html(rows)`` with rows grown from ``baris`` by ``langkah`` until it has ``halaman`` pages."""
    import weasyprint

    while len(weasyprint.HTML(string=html(baris)).render().pages) < halaman:
        baris += langkah
    hasil = html(baris)
    assert jumlah_halaman(weasyprint.HTML(string=hasil).write_pdf()) == halaman
    return hasil


# ---------------------------------------------------------------------------------------------------------------
# Under load: gunicorn, login, wrk
# ---------------------------------------------------------------------------------------------------------------


def wrk_ada() -> bool:
    if shutil.which("wrk") is None:
        print("wrk tidak ada: pasang paket Debian 'wrk' (apt-get install -y wrk).", file=sys.stderr)
        return False
    return True


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


def opsi_redis(parser) -> None:
    """The ``--redis`` option of the benchmarks serving the portal under gunicorn."""
    parser.add_argument(
        "--redis", action="store_true", help="the portal's cache and sessions in the Redis of REDIS_URL"
    )


def redis_cache(args) -> str | None:
    """With ``--redis``, the Redis of REDIS_URL for the portal's cache and sessions (:func:`gunicorn`'s ``cache``),
    as a city runs it; without, None: each process caches in its memory and sessions are read from PostgreSQL —
    this process too (REDIS_URL leaves its environment before Django starts), so the queries it counts in-process
    are those of the portal it serves."""
    if not args.redis:
        os.environ.pop("REDIS_URL", None)
        return None
    url = os.environ.get("REDIS_URL")
    if not url:
        raise SystemExit("--redis memerlukan REDIS_URL.")
    return url


def _env_produksi(database_url: str, kerja: Path, broker: str | None, cache: str | None = None) -> dict:
    """The environment of the bench's gunicorn and Celery worker: the production profile on ``database_url``.
    Without ``broker`` no Redis at all (the cache would be CI's database 0, and tasks run in the web process); with
    it, tasks go to the worker through that broker, the cache stays in process memory. With ``cache`` (a Redis URL)
    the cache and the sessions are there, as a city runs the portal (mangbagja/settings.py)."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.hello.settings",
        "BENCH_STATIC_ROOT": str(kerja / "static"),
        "DEBUG": "false",
        "SECRET_KEY": _SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    if cache:
        env["REDIS_URL"] = cache
    if broker:
        env["CELERY_BROKER_URL"] = broker
    return env


#: One key for the web and worker processes of a run (a job's signed links are checked by both).
_SECRET_KEY = secrets.token_urlsafe(50)


def hentikan_proses(proses: subprocess.Popen, detik: float) -> None:
    """SIGTERM, then SIGKILL when it has not stopped after ``detik`` seconds."""
    proses.send_signal(signal.SIGTERM)
    try:
        proses.wait(timeout=detik)
    except subprocess.TimeoutExpired:
        proses.kill()


def mulai_worker(env: dict, log: Path, argv: list[str]) -> subprocess.Popen:
    """``celery -A mangbagja worker`` (prefork, INFO log to ``log``) with the extra ``argv``, returned once it says
    it is ready (at most two minutes)."""
    with log.open("w") as keluaran:
        proses = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "mangbagja", "worker", "--pool", "prefork", *argv]
            + ["--without-mingle", "--without-gossip", "--loglevel", "INFO"],
            cwd=ROOT,
            env=env,
            stdout=keluaran,
            stderr=subprocess.STDOUT,
        )
    batas = time.monotonic() + 120
    while "ready." not in log.read_text(errors="replace"):
        if proses.poll() is not None or time.monotonic() > batas:
            hentikan_proses(proses, 10)
            raise RuntimeError("worker Celery tidak siap; lihat " + str(log))
        time.sleep(0.2)
    return proses


@contextmanager
def worker_celery(database_url: str, kerja: Path, broker: str) -> Iterator[None]:
    """One Celery worker process (``--concurrency 1``, production profile) on ``broker``, ready when entered; its
    log goes to ``kerja``."""
    env = {**_env_produksi(database_url, kerja, broker), "DJANGO_SETTINGS_MODULE": "mangbagja.settings"}
    proses = mulai_worker(env, kerja / "worker.log", ["--concurrency", "1"])
    try:
        yield
    finally:
        hentikan_proses(proses, 60)


@contextmanager
def gunicorn(
    database_url: str,
    kerja: Path,
    broker: str | None = None,
    workers: int = 2,
    threads: int = 1,
    cache: str | None = None,
) -> Iterator[int]:
    """gunicorn with the production configuration (``gunicorn.conf.py``), ``workers`` processes (2: one per core of
    the benchmark machine) of ``threads`` threads each (1: the sync worker) serving ``bench/hello/wsgi.py`` (the
    portal plus ``/bench-hello/`` and ``/bench-raw/``) in the production profile on a free loopback port, which it
    yields; its log and static files go to ``kerja``. With ``broker``, tasks a request queues go there (run
    :func:`worker_celery` beside it); with ``cache`` (a Redis URL) the cache and sessions are in that Redis."""
    env = _env_produksi(database_url, kerja, broker, cache)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = _port_bebas()
    with (kerja / "gunicorn.log").open("w") as log:
        proses = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "bench.hello.wsgi:application",
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--workers",
                str(workers),
                "--threads",
                str(threads),
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
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            # The raw answer needs no Django: it tells that the workers are up, and a failing hello view apart.
            for _coba in range(300):
                try:
                    if _get(port, "/bench-raw/") == 200:
                        break
                except OSError:
                    pass
                if proses.poll() is not None:
                    raise RuntimeError("gunicorn berhenti saat mulai; lihat " + log.name)
                time.sleep(0.1)
            else:
                raise RuntimeError("gunicorn tidak menjawab")
            if _get(port, "/bench-hello/") != 200:
                raise RuntimeError("/bench-hello/ tidak menjawab 200")
            yield port
        finally:
            hentikan_proses(proses, 30)


def masuk(port: int, nip: str) -> tuple[str, str]:
    """Log in with :data:`PASSWORD` through the login form; returns the session and CSRF cookies. The CSRF cookie
    of the first request is made up by the client (a 32-character secret, as Django's own): the double-submit check
    only compares the cookie with the form field."""
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


class Hasil:
    """The result file a wrk script of ``bench/`` writes at the end (see ``bench/umum/hasil.lua``)."""

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


def wrk(skrip: Path, port: int, path: str, detik: int, koneksi: int, berkas: Path, env: dict) -> Hasil:
    """``wrk`` with one thread and the Lua ``skrip`` on ``path`` for ``detik`` seconds; ``env`` is for the script,
    whose result goes to ``berkas``."""
    env = {
        **os.environ,
        **env,
        "BENCH_HASIL": str(berkas),
        # The scripts require the shared result writer of this folder, wherever wrk is started from.
        "LUA_PATH": f"{Path(__file__).resolve().parent}/?.lua;;",
    }
    subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{koneksi}",
            f"-d{detik}s",
            "--timeout",
            "60s",
            "-s",
            str(skrip),
            f"http://127.0.0.1:{port}{path}",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return Hasil(berkas)
