"""Benchmark: the nightly reporting-discipline computation over a seeded city, against one raw SQL statement
computing the same rows in the same run.

    .venv/bin/python bench/disiplin_harian.py [--pegawai 20000] [--bulan 1] [--ulang 3] [--pakai-ulang] [--simpan]

What it does, on a scratch database ``bench_disiplin`` on the server of DATABASE_URL:

1. migrate and ``seed_demo --pegawai N --bulan M`` (the demo city, its SKP and M months of activities up to
   yesterday), then ``VACUUM (ANALYZE)``;
2. pick the last complete calendar month and compute it as of the day after its verification deadline — every
   working day's entry window has passed and the month is locked, so all four kinds of fact are computed,
   including the penilai lookup of every activity still submitted;
3. "ours": :func:`disiplin.services.fakta.hitung_fakta` for every OPD in turn (what the nightly job's per-OPD tasks
   do; one worker), from an empty fact table; "floor": ONE ``INSERT … SELECT`` computing the same rows for the
   whole city into an unlogged scratch table — the same calendar parameters and penilai rule (``sql_atasan``), but
   no per-OPD split, no upsert and no deletion of stale rows (both without JIT compilation);
4. check both produced exactly the same rows, and print the median times (runs alternate).

The last line is ``BENCH disiplin_harian ours=<s> floor=<s> ratio=<x>`` (goal: ratio ≤ 1.5).
"""

from __future__ import annotations

import argparse
import datetime
import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.umum import median_bergantian, scratch, vacuum_analyze  # noqa: E402

SCRATCH_DB = "bench_disiplin"
LANTAI = "bench_fakta_lantai"

# The floor: the rule of disiplin.services.fakta for every OPD at once, each fact with its OPD.
SQL_LANTAI = """
WITH RECURSIVE
pos(pegawai_id, dari, sampai, minggu, opd) AS (
    SELECT r.pegawai_id, GREATEST(r.tmt, %(awal)s::date),
           LEAST(COALESCE(r.tanggal_selesai, %(akhir)s::date), %(akhir)s::date), {minggu_j}, u.perangkat_daerah_id
    FROM {riwayat} r
    JOIN {pegawai} p ON p.id = r.pegawai_id
    JOIN {jabatan} j ON j.id = r.jabatan_id
    JOIN {unit} u ON u.id = j.unit_kerja_id
    WHERE r.tmt <= %(akhir)s AND (r.tanggal_selesai >= %(awal)s OR (r.tanggal_selesai IS NULL AND p.aktif))
),
hari(minggu, tanggal) AS (SELECT * FROM unnest(%(h_minggu)s::int[], %(h_tanggal)s::date[])),
tertunda(baris_id, pegawai_id, tanggal, jumlah) AS (
    SELECT row_number() OVER (), a.pegawai_id, a.tanggal, count(*)
    FROM {aktivitas} a
    JOIN {pegawai} p ON p.id = a.pegawai_id
    JOIN {jabatan} j ON j.id = p.jabatan_id
    WHERE a.status = %(diajukan)s AND a.tanggal BETWEEN %(awal)s AND %(akhir)s AND {kunci_j}
    GROUP BY a.pegawai_id, a.tanggal
),
{atasan},
fakta_baru(pegawai_id, opd, tanggal, jenis, jumlah) AS (
    SELECT pos.pegawai_id, pos.opd, h.tanggal, %(j_tanpa)s, 1
    FROM pos JOIN hari h ON h.minggu = pos.minggu AND h.tanggal BETWEEN pos.dari AND pos.sampai
    WHERE NOT EXISTS (SELECT 1 FROM {aktivitas} a WHERE a.pegawai_id = pos.pegawai_id AND a.tanggal = h.tanggal)
      AND NOT EXISTS (SELECT 1 FROM {kehadiran} k WHERE k.pegawai_id = pos.pegawai_id AND k.tanggal = h.tanggal
                      AND k.keterangan = ANY(%(sah)s::text[]))
  UNION ALL
    SELECT pos.pegawai_id, pos.opd, a.tanggal, %(j_entri)s, count(*)
    FROM pos JOIN {aktivitas} a ON a.pegawai_id = pos.pegawai_id AND a.tanggal BETWEEN pos.dari AND pos.sampai
    WHERE a.terlambat GROUP BY 1, 2, 3
  UNION ALL
    SELECT pos.pegawai_id, pos.opd, a.tanggal, %(j_verifikasi)s, count(*)
    FROM pos JOIN {aktivitas} a ON a.diverifikasi_oleh_id = pos.pegawai_id AND a.tanggal BETWEEN pos.dari AND pos.sampai
    JOIN {pegawai} pb ON pb.id = a.pegawai_id JOIN {jabatan} jb ON jb.id = pb.jabatan_id
    WHERE a.diverifikasi_pada IS NOT NULL AND (a.diverifikasi_pada AT TIME ZONE %(tz)s)::date > {batas_jb}
    GROUP BY 1, 2, 3
  UNION ALL
    SELECT pos.pegawai_id, pos.opd, n.tanggal, %(j_tidak)s, sum(n.jumlah)
    FROM penilai n JOIN pos ON pos.pegawai_id = n.atasan_id AND n.tanggal BETWEEN pos.dari AND pos.sampai
    GROUP BY 1, 2, 3
)
INSERT INTO {lantai} (pegawai_id, perangkat_daerah_id, tanggal, jenis, jumlah)
SELECT pegawai_id, opd, tanggal, jenis, jumlah FROM fakta_baru
"""


def seed(pegawai: int, bulan: int) -> None:
    from django.core.management import call_command

    out = io.StringIO()
    mulai = time.perf_counter()
    call_command("seed_demo", pegawai=pegawai, bulan=bulan, stdout=out)
    print(out.getvalue().split("\n\n")[0])
    print(f"seed_demo --pegawai {pegawai} --bulan {bulan}: {time.perf_counter() - mulai:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--bulan", type=int, default=1, help="months of demo activities seeded first")
    parser.add_argument("--ulang", type=int, default=3, help="timed runs of each side")
    parser.add_argument("--pakai-ulang", action="store_true", help="reuse a seeded scratch database")
    parser.add_argument("--simpan", action="store_true", help="keep the scratch database afterwards")
    args = parser.parse_args()

    with scratch(SCRATCH_DB, pakai_ulang=args.pakai_ulang, simpan=args.simpan) as db:
        from django.db import connection
        from django.utils import timezone

        from disiplin.models import FaktaDisiplin
        from disiplin.services import fakta
        from pegawai.models import PerangkatDaerah
        from pegawai.supervisi import sql_atasan

        if not db.dipakai_ulang:
            seed(args.pegawai, args.bulan)
        vacuum_analyze()

        hari_ini = timezone.localdate()
        tahun, bulan = (hari_ini.year, hari_ini.month - 1) if hari_ini.month > 1 else (hari_ini.year - 1, 12)
        k0 = fakta.konteks_bulan(tahun, bulan, hari_ini)
        # The day after the latest deadline: the whole month is past its entry windows and locked.
        hari_hitung = k0.batas_akhir + datetime.timedelta(days=1)
        k = fakta.konteks_bulan(tahun, bulan, hari_hitung)
        opd_ids = list(PerangkatDaerah.objects.order_by("pk").values_list("pk", flat=True))
        print(f"Bulan {tahun}-{bulan:02d}, dihitung per {hari_hitung}; {len(opd_ids)} perangkat daerah")

        t = fakta._tabel()
        minggu = fakta._MINGGU
        sql_lantai = SQL_LANTAI.format(
            minggu_j=minggu.format(j="j"),
            kunci_j=fakta._KUNCI.format(j="j"),
            batas_jb=fakta._BATAS.format(j="jb"),
            atasan=sql_atasan("tertunda", "penilai", ("jumlah",)),
            lantai=LANTAI,
            **t,
        )
        params = fakta.parameter(k, 0, timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE UNLOGGED TABLE IF NOT EXISTS {LANTAI} (pegawai_id bigint, perangkat_daerah_id bigint, "
                "tanggal date, jenis varchar(24), jumlah integer, PRIMARY KEY (pegawai_id, tanggal, jenis))"
            )
        fakta.bulan_disiplin(tahun, bulan)

        def kami():
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {t['fakta']}")
            for opd_id in opd_ids:
                fakta.hitung_fakta(tahun=tahun, bulan=bulan, opd_id=opd_id, hari_ini=hari_hitung)

        def lantai():
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {LANTAI}")
                # The floor at its fastest: without JIT compilation, as hitung_fakta runs (SET LOCAL there).
                cursor.execute("SET jit = off")
                cursor.execute(sql_lantai, params)
                cursor.execute("RESET jit")

        kami()
        lantai()
        baris_kami = set(
            FaktaDisiplin.objects.values_list("pegawai_id", "perangkat_daerah_id", "tanggal", "jenis", "jumlah")
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT pegawai_id, perangkat_daerah_id, tanggal, jenis, jumlah FROM {LANTAI}")
            baris_lantai = set(cursor.fetchall())
        if baris_kami != baris_lantai:
            print(
                f"BEDA: {len(baris_kami - baris_lantai)} baris hanya di hasil kami, "
                f"{len(baris_lantai - baris_kami)} hanya di lantai",
                file=sys.stderr,
            )
            return 1
        per_jenis: dict[str, int] = {}
        for *_x, jenis, _n in baris_kami:
            per_jenis[jenis] = per_jenis.get(jenis, 0) + 1
        print(f"{len(baris_kami):,} fakta, sama persis di kedua sisi: {per_jenis}")

        mulai = time.perf_counter()
        kami()
        ulang_kosong = time.perf_counter() - mulai
        mulai = time.perf_counter()
        for opd_id in opd_ids:
            fakta.hitung_fakta(tahun=tahun, bulan=bulan, opd_id=opd_id, hari_ini=hari_hitung)
        print(
            f"hitung_fakta semua OPD: dari tabel kosong {ulang_kosong:.2f} s, dihitung ulang (upsert) "
            f"{time.perf_counter() - mulai:.2f} s"
        )

        ours, floor = median_bergantian(kami, lantai, args.ulang)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {LANTAI}")
    print(f"BENCH disiplin_harian ours={ours:.3f} floor={floor:.3f} ratio={ours / floor:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
