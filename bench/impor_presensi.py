"""Benchmark: importing one month of attendance (20,000 pegawai × 22 working days), against a bare COPY of the same
rows.

    .venv/bin/python bench/impor_presensi.py [--pegawai 20000] [--profile] [--keep]

Creates a scratch database (``bench_presensi``) on the server of DATABASE_URL, migrates it, imports a city-wide
staff list through the pegawai import (``bench/import_pegawai.py``'s generator), then builds the attendance file
of last month's first 22 working days for every pegawai (mostly present, some late or early, a few cuti, sakit,
dinas luar and absent days) and times a real import through ``disiplin.services.presensi.presensi_impor``: reading
and checking every row, COPY into a temporary table and the upsert. The same file imported again must change
nothing. The floor is COPY of the file's rows, as text, into a bare table without indexes or constraints. The
last line is ``BENCH impor_presensi ours=<s> floor=<s> ratio=<x>``.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime
import io
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.umum import scratch  # noqa: E402

BENCH_DB = "bench_presensi"
HARI = 22


def hari_kerja_bulan_lalu(hari_ini: datetime.date) -> list[datetime.date]:
    """The first :data:`HARI` weekdays from the first day of the month before ``hari_ini`` (a month has 20–23)."""
    awal = (hari_ini.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    hari, tanggal = [], awal
    while len(hari) < HARI:
        if tanggal.weekday() < 5:
            hari.append(tanggal)
        tanggal += datetime.timedelta(days=1)
    return hari


def berkas_presensi(nips: list[str], hari: list[datetime.date], seed: int = 1111) -> bytes:
    """The machines' export for ``nips`` on ``hari`` as a ``;``-separated CSV with a BOM, as Excel saves it."""
    rng = random.Random(seed)
    keluar = io.StringIO()
    tulis = csv.writer(keluar, delimiter=";", lineterminator="\r\n")
    tulis.writerow(["nip", "tanggal", "jam_masuk", "jam_pulang", "keterangan"])
    for nip in nips:
        for tanggal in hari:
            acak = rng.random()
            if acak < 0.02:
                tulis.writerow([nip, tanggal.isoformat(), "", "", rng.choice(["Cuti", "Sakit", "Dinas Luar"])])
            elif acak < 0.03:
                tulis.writerow([nip, tanggal.isoformat(), "", "", "Tanpa Keterangan"])
            else:
                masuk = f"07:{rng.randint(5, 45):02d}"
                pulang = f"16:{rng.randint(0, 40):02d}" if rng.random() < 0.95 else f"15:{rng.randint(10, 59):02d}"
                tulis.writerow([nip, tanggal.isoformat(), masuk, pulang, "Hadir"])
    return ("\ufeff" + keluar.getvalue()).encode("utf-8")


def floor_copy(isi: bytes) -> tuple[float, int]:
    """COPY the file's rows as they are into a bare table: what getting the data into PostgreSQL costs at least."""
    from django.db import connection

    data = isi.decode("utf-8-sig")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_floor_presensi (nip varchar(18), tanggal date, jam_masuk time, jam_pulang time, "
            "keterangan varchar(20))"
        )
        start = time.perf_counter()
        cursor.cursor.copy_expert(
            "COPY bench_floor_presensi FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)", io.StringIO(data)
        )
        elapsed = time.perf_counter() - start
        cursor.execute("SELECT count(*) FROM bench_floor_presensi")
        jumlah = cursor.fetchone()[0]
    return elapsed, jumlah


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile of our import")
    parser.add_argument("--keep", action="store_true", help=f"keep the scratch database {BENCH_DB}")
    args = parser.parse_args()

    with scratch(BENCH_DB, simpan=args.keep):
        from bench.import_pegawai import generate, to_csv
        from disiplin.models import Kehadiran
        from disiplin.services.presensi import presensi_impor
        from kinerja import waktu
        from pegawai.impor.berkas import COLUMNS
        from pegawai.impor.layanan import import_pegawai
        from pegawai.models import Pegawai, User

        start = time.perf_counter()
        staf = generate(args.pegawai)
        hasil = import_pegawai(to_csv(staf, COLUMNS), actor=None, dry_run=False, file_name="staf.csv")
        if hasil.has_errors:
            print("\n".join(hasil.error_lines()[:20]), file=sys.stderr)
            return 1
        admin = User.objects.create(username="admin-bench", is_superuser=True)
        print(f"seeded {Pegawai.objects.count()} pegawai in {time.perf_counter() - start:.1f}s")

        isi = berkas_presensi([r["nip"] for r in staf], hari_kerja_bulan_lalu(waktu.hari_ini()))
        baris = args.pegawai * HARI
        print(f"attendance file: {baris} rows, {len(isi) / 1e6:.1f} MB")

        profiler = cProfile.Profile() if args.profile else None
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        impor = presensi_impor(actor=admin, berkas=isi, nama="presensi.csv")
        if profiler:
            profiler.disable()
        ours = time.perf_counter() - start
        assert impor.jumlah_baris == baris and impor.jumlah_berubah == baris, impor.__dict__
        assert Kehadiran.objects.count() == baris
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

        start = time.perf_counter()
        lagi = presensi_impor(actor=admin, berkas=isi, nama="presensi.csv")
        print(f"re-import: {time.perf_counter() - start:.3f}s, {lagi.jumlah_berubah} rows changed")
        assert lagi.jumlah_berubah == 0

        floor, jumlah = floor_copy(isi)
        assert jumlah == baris

    print(f"BENCH impor_presensi ours={ours:.3f} floor={floor:.3f} ratio={ours / floor:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
