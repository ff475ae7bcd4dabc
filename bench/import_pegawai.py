"""Benchmark: importing a 20,000-row staff list, against a bare COPY of the same pegawai rows.

    .venv/bin/python bench/import_pegawai.py [--rows 20000] [--profile]

Creates a scratch database (``bench_import``) on the server of DATABASE_URL, migrates it, generates a plausible
city-wide file (~30 OPD, units, positions with atasan chains, valid NIP), times a real (not dry-run) import
through ``pegawai.impor.layanan.import_pegawai``, then times the floor: COPY of the same rows' pegawai columns into an
equivalent table without indexes, triggers or constraints. The last line is
``BENCH import_pegawai ours=<s> floor=<s> ratio=<x>``.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime
import io
import os
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.umum import Scratch  # noqa: E402

BENCH_DB = "bench_import"
N_OPD = 30
BIDANG_PER_OPD = 4
SEKSI_PER_BIDANG = 3

NAMA_DEPAN = ["Asep", "Dadang", "Euis", "Siti", "Budi", "Rina", "Ujang", "Neneng", "Agus", "Dewi", "Cecep", "Yuli"]
NAMA_BELAKANG = ["Supriatin", "Rahmawati", "Santoso", "Hidayat", "Kurniasih", "Saepudin", "Nurhayati", "Permana"]
GELAR_DEPAN = ["", "", "", "", "Drs.", "Dr.", "Ir.", "H.", "Hj.", "Drs. H."]
GELAR_BELAKANG = ["", "", "", ", S.Kom", ", S.E.", ", S.H., M.H.", " M.Si.", ", S.T., M.T.", ", S.Sos"]
PELAKSANA = ["Pengadministrasi Umum", "Pengelola Data", "Pengelola Keuangan", "Operator Layanan", "Pengemudi"]
FUNGSIONAL = [
    "Analis Kebijakan Ahli Muda",
    "Pranata Komputer Ahli Pertama",
    "Arsiparis Terampil",
    "Perencana Ahli Muda",
    "Auditor Ahli Pertama",
    "Pranata Humas Mahir",
]
OPD_NAMA = [
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Perhubungan",
    "Dinas Sosial",
    "Dinas Komunikasi dan Informatika",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Badan Perencanaan Pembangunan Daerah",
    "Dinas Pekerjaan Umum",
    "Dinas Lingkungan Hidup",
    "Dinas Kebudayaan dan Pariwisata",
]
PNS_GOLONGAN = ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"]
PPPK_GOLONGAN = ["V", "VII", "IX", "X"]


class Nips:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def new(self, pppk: bool = False) -> str:
        while True:
            lahir = datetime.date(1962, 1, 1) + datetime.timedelta(days=self.rng.randrange(0, 365 * 38))
            if pppk:
                tahun = self.rng.randint(max(2019, lahir.year + 20), 2025)
                kode = "21"
            else:
                tahun = self.rng.randint(lahir.year + 20, min(lahir.year + 35, 2024))
                kode = f"{self.rng.randint(1, 12):02d}"
            nip = f"{lahir:%Y%m%d}{tahun:04d}{kode}{self.rng.randint(1, 2)}{self.rng.randint(1, 999):03d}"
            if nip not in self.used:
                self.used.add(nip)
                return nip


def generate(n_rows: int, seed: int = 20260) -> list[dict[str, str]]:
    rng = random.Random(seed)
    nips = Nips(rng)

    def person(pppk: bool = False) -> dict[str, str]:
        nip = nips.new(pppk)
        nama = f"{rng.choice(GELAR_DEPAN)} {rng.choice(NAMA_DEPAN)} {rng.choice(NAMA_BELAKANG)}".strip()
        nama += rng.choice(GELAR_BELAKANG)
        tmt = ""
        if not pppk and rng.random() < 0.2:
            tmt = f"01-{nip[12:14]}-{nip[8:12]}"
        return {
            "nip": nip,
            "nama": nama,
            "status": "" if rng.random() < 0.7 else ("PPPK" if pppk else "PNS"),
            "golongan": rng.choice(PPPK_GOLONGAN if pppk else PNS_GOLONGAN),
            "tmt_cpns": tmt,
        }

    rows: list[dict[str, str]] = []
    seksi_slots: list[tuple[str, str, str]] = []  # (opd, seksi, nip kasi)
    for i in range(N_OPD):
        opd = OPD_NAMA[i] if i < len(OPD_NAMA) else f"Kecamatan Uji {i - len(OPD_NAMA) + 1}"
        kepala = person() | {"jabatan": f"Kepala {opd}", "jenis_jabatan": "JPT Pratama", "unit_kerja": opd}
        rows.append(kepala | {"perangkat_daerah": opd, "nip_atasan": ""})
        sekretaris = person() | {"jabatan": "Sekretaris", "jenis_jabatan": "Administrator", "unit_kerja": "Sekretariat"}
        rows.append(sekretaris | {"perangkat_daerah": opd, "nip_atasan": kepala["nip"]})
        for b in range(1, BIDANG_PER_OPD + 1):
            bidang = f"Bidang {b}"
            kabid = person() | {"jabatan": f"Kepala {bidang}", "jenis_jabatan": "Administrator", "unit_kerja": bidang}
            rows.append(kabid | {"perangkat_daerah": opd, "nip_atasan": kepala["nip"]})
            for s in range(1, SEKSI_PER_BIDANG + 1):
                seksi = f"Seksi {b}.{s}"
                kasi = person() | {"jabatan": f"Kepala {seksi}", "jenis_jabatan": "Pengawas", "unit_kerja": seksi}
                rows.append(kasi | {"perangkat_daerah": opd, "nip_atasan": kabid["nip"]})
                seksi_slots.append((opd, seksi, kasi["nip"]))
    while len(rows) < n_rows:
        opd, seksi, kasi_nip = rng.choice(seksi_slots)
        pppk = rng.random() < 0.15
        if rng.random() < 0.6:
            jabatan, jenis = rng.choice(PELAKSANA), "Pelaksana"
        else:
            jabatan, jenis = rng.choice(FUNGSIONAL), "JF"
        staf = person(pppk) | {"jabatan": jabatan, "jenis_jabatan": jenis, "unit_kerja": seksi}
        rows.append(staf | {"perangkat_daerah": opd, "nip_atasan": kasi_nip})
    rows = rows[:n_rows]
    # Atasan and bawahan in any order, as a real export sorted by name would have them.
    rng.shuffle(rows)
    return rows


def to_csv(rows: list[dict[str, str]], columns) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def floor_copy(rows: list[dict[str, str]]) -> float:
    """COPY the pegawai columns of the same rows into a bare table: what writing the data costs at least."""
    from django.db import connection

    from pegawai.impor.sel import split_gelar
    from pegawai.nip import parse_nip

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        info = parse_nip(row["nip"])
        depan, nama, belakang = split_gelar(row["nama"])
        status = row["status"] or ("PPPK" if info.is_pppk else "PNS")
        writer.writerow(
            [
                row["nip"],
                nama,
                depan,
                belakang,
                info.jenis_kelamin,
                info.tanggal_lahir.isoformat(),
                status,
                row["golongan"],
                1,
                info.tmt.isoformat(),
            ]
        )
    data = buffer.getvalue()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_floor_pegawai (nip varchar(18), nama varchar(200), gelar_depan varchar(50), "
            "gelar_belakang varchar(80), jenis_kelamin varchar(1), tanggal_lahir date, status varchar(10), "
            "golongan varchar(6), jabatan_id bigint, tmt_cpns date)"
        )
        raw = cursor.cursor  # the psycopg2 cursor under Django's wrapper
        start = time.perf_counter()
        raw.copy_expert(
            "COPY bench_floor_pegawai (nip, nama, gelar_depan, gelar_belakang, jenis_kelamin, tanggal_lahir, "
            "status, golongan, jabatan_id, tmt_cpns) FROM STDIN WITH (FORMAT csv)",
            io.StringIO(data),
        )
        elapsed = time.perf_counter() - start
        cursor.execute("SELECT count(*) FROM bench_floor_pegawai")
        assert cursor.fetchone()[0] == len(rows)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile of our import")
    parser.add_argument("--keep", action="store_true", help=f"keep the scratch database {BENCH_DB}")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL")
    if not url:
        print("DATABASE_URL belum diisi (lihat Makefile: make bench).", file=sys.stderr)
        return 2
    db = Scratch(url, BENCH_DB)
    db.buat()

    import django
    from django.conf import settings

    # Point Django at the scratch database before anything connects.
    settings.DATABASES["default"]["NAME"] = BENCH_DB
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
    django.setup()

    from django.core.management import call_command
    from django.db import connections

    from pegawai.impor.berkas import COLUMNS
    from pegawai.impor.layanan import import_pegawai
    from pegawai.models import Jabatan, Pegawai, UnitKerja

    try:
        call_command("migrate", verbosity=0)
        rows = generate(args.rows)
        data = to_csv(rows, COLUMNS)

        profiler = cProfile.Profile() if args.profile else None
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        result = import_pegawai(data, actor=None, dry_run=False, file_name="bench.csv")
        if profiler:
            profiler.disable()
        ours = time.perf_counter() - start
        if result.has_errors or not result.saved:
            print("\n".join(result.error_lines()[:20]), file=sys.stderr)
            return 1
        assert Pegawai.objects.count() == args.rows and result.baru == args.rows
        print(
            f"imported {args.rows} rows: {result.opd_baru} OPD, {UnitKerja.objects.count()} unit kerja, "
            f"{Jabatan.objects.count()} jabatan, {result.akun_baru} akun"
        )
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)

        start = time.perf_counter()
        again = import_pegawai(data, actor=None, dry_run=True, file_name="bench.csv")
        print(f"re-import dry run: {time.perf_counter() - start:.3f}s, {again.tetap} unchanged, {again.diubah} changed")

        floor = floor_copy(rows)
    finally:
        connections.close_all()
        if not args.keep:
            db.hapus()

    print(f"BENCH import_pegawai ours={ours:.3f} floor={floor:.3f} ratio={ours / floor:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
