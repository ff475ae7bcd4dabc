"""Benchmark: the monthly recap job for the whole city against one raw SQL GROUP BY over the same activity rows, and
how the job's time grows from 2,000 to 20,000 pegawai.

    .venv/bin/python bench/rekap_bulanan.py [--pegawai 20000] [--kecil 2000] [--ulang 3] [--db NAME]
                                            [--pakai-ulang] [--simpan]

What it does, on a scratch database (``bench_rekap``; ``--db`` names another) on the server of DATABASE_URL:

1. migrate and ``seed_demo --pegawai N --bulan 1`` (the demo city, its SKP, evaluations, attendance and a month of
   activities up to yesterday), then ``VACUUM (ANALYZE)``; ``--pakai-ulang`` reuses a kept database (migrated to
   the current code first);
2. the recap period is the last calendar month (the one the seeded month mostly covers);
3. "ours": the admin's recap job (:func:`rekap.services.hitung.rekap_mulai`, tasks run eagerly in this process:
   one task per OPD in turn, then the aggregate, as one worker runs them) from empty recap tables, until its
   Pekerjaan is finished; "floor": ONE ``INSERT … SELECT … GROUP BY pegawai`` over the month's activities into an
   unlogged table — counts, days with reports, approved minutes, verified and late entries — with no calendar,
   targets, SKP, evaluation or discipline joins and no per-unit levels (both without JIT compilation);
4. the median times, runs alternating; then the same job on a city of ``--kecil`` pegawai (a second scratch
   database, in a child process) for the growth;
5. what any implementation of the job as the issue shapes it must at least do, measured on the same rows: "write"
   is the job's own output (its RekapPegawai, RekapRhk and RekapUnit rows, copied after the first run) written
   again as the job writes it — one transaction per OPD with one ``INSERT … SELECT … ON CONFLICT`` per table, then
   the unit/OPD/city rows — with nothing computed; "read" is one ``GROUP BY pegawai`` over the month of kinerja's
   activity summary, the smallest input the job reads. Their sum against the floor is the lowest ratio a recap
   that computes nothing at all could print.

The last line is ``BENCH rekap_bulanan ours=<s> floor=<s> ratio=<x>`` (goal: ratio ≤ 1.5).
"""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The job's tasks run eagerly in this process, without a broker.
os.environ.pop("REDIS_URL", None)

from bench.umum import median_bergantian, scratch  # noqa: E402

SCRATCH_DB = "bench_rekap"
LANTAI = "bench_rekap_lantai"
#: The unlogged copies of the job's output the "write" ceiling writes again.
SALINAN = "bench_rekap_salinan_"

SQL_LANTAI = """
INSERT INTO {lantai}
SELECT a.pegawai_id,
       count(DISTINCT a.tanggal),
       count(*),
       count(*) FILTER (WHERE a.status = %(disetujui)s),
       count(*) FILTER (WHERE a.status = %(ditolak)s),
       count(*) FILTER (WHERE a.status = %(diajukan)s),
       coalesce(sum(a.menit) FILTER (WHERE a.status = %(disetujui)s), 0),
       count(*) FILTER (WHERE a.diverifikasi_pada IS NOT NULL),
       count(*) FILTER (WHERE a.terlambat)
FROM {aktivitas} a
WHERE a.tanggal BETWEEN %(awal)s AND %(akhir)s
GROUP BY a.pegawai_id
"""

# The least reading the job could do: the month's summary rows, grouped per pegawai, counted.
SQL_BACA = """
SELECT count(*) FROM (
    SELECT pegawai_id, bit_or(hari), sum(n), sum(disetujui_n), sum(ditolak_n), sum(menunggu_n), sum(menit),
           sum(verif_c[%(verif_semua)s])
    FROM {ringkasan}
    WHERE bulan = %(bulan)s AND n > 0
    GROUP BY pegawai_id
) x
"""


def tulis_ulang(connection, model, kunci: str, per_opd: bool):
    """A function writing the copy of ``model``'s rows back into its empty table the way the job writes them:
    ``INSERT … SELECT … ON CONFLICT (kunci) DO UPDATE`` of every column, per OPD (one transaction each) or at once."""
    from django.db import transaction

    kolom = [f.column for f in model._meta.concrete_fields if not f.primary_key]
    ubah = ", ".join(f"{c} = EXCLUDED.{c}" for c in kolom)
    tabel, salinan = model._meta.db_table, SALINAN + model._meta.db_table
    sql = (
        f"INSERT INTO {tabel} ({', '.join(kolom)}) SELECT {', '.join(kolom)} FROM {salinan}"
        f"{' WHERE perangkat_daerah_id = %s' if per_opd else ''} ON CONFLICT ({kunci}) DO UPDATE SET {ubah}"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {salinan}")
        # Ordered and indexed by OPD, so that each OPD's statement reads only its own rows of the copy.
        cursor.execute(f"CREATE UNLOGGED TABLE {salinan} AS SELECT * FROM {tabel} ORDER BY perangkat_daerah_id")
        cursor.execute(f"CREATE INDEX ON {salinan} (perangkat_daerah_id)")
        cursor.execute(f"ANALYZE {salinan}")
        cursor.execute(f"SELECT DISTINCT perangkat_daerah_id FROM {salinan} ORDER BY 1")
        opd_ids = [r[0] for r in cursor.fetchall()]

    def tulis():
        for opd_id in opd_ids if per_opd else [None]:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [opd_id] if per_opd else [])

    def hapus():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {salinan}")

    return tulis, hapus


def seed(pegawai: int) -> None:
    from django.core.management import call_command

    out = io.StringIO()
    mulai = time.perf_counter()
    call_command("seed_demo", pegawai=pegawai, seed=1, bulan=1, stdout=out)
    print(out.getvalue().split("\n\n")[0])
    print(f"seed_demo --pegawai {pegawai} --bulan 1: {time.perf_counter() - mulai:.1f} s")


def ukur(args) -> tuple[float, float | None, tuple[float, float] | None]:
    """(ours, floor, (write, read)) median seconds on this process's scratch database; floor and the ceiling
    pieces are None with ``--hanya-kami``."""
    with scratch(args.db, pakai_ulang=args.pakai_ulang, simpan=args.simpan) as db:
        from django.db import connection
        from django.utils import timezone

        from kinerja.choices import StatusAktivitas
        from kinerja.models import Aktivitas, RingkasanAktivitas
        from kinerja.ringkasan import HARI_VERIFIKASI
        from pegawai.choices import JenisPeran
        from pegawai.models import Peran
        from portal.choices import StatusPekerjaan
        from rekap.models import RekapPegawai, RekapRhk, RekapUnit
        from rekap.services.hitung import rekap_mulai
        from rekap.services.periode import periode_rekap

        if not db.dipakai_ulang:
            seed(args.pegawai)
        connection.ensure_connection()
        connection.connection.autocommit = True
        with connection.cursor() as cursor:
            # The project's tables, not the whole database: that would also take the shared catalogs, and wait for
            # any session of the server holding them.
            cursor.execute(f"VACUUM (ANALYZE) {', '.join(connection.introspection.table_names(cursor))}")
        connection.close()

        hari_ini = timezone.localdate()
        tahun, bulan = (hari_ini.year, hari_ini.month - 1) if hari_ini.month > 1 else (hari_ini.year - 1, 12)
        periode = periode_rekap("bulan", tahun, bulan)
        admin = Peran.objects.filter(jenis=JenisPeran.ADMIN_BKPSDM).select_related("user").first().user
        n_aktivitas = Aktivitas.objects.filter(tanggal__range=(periode.mulai, periode.selesai)).count()
        print(f"Periode {periode.mulai}–{periode.selesai}: {n_aktivitas:,} aktivitas")
        tabel = [m._meta.db_table for m in (RekapUnit, RekapRhk, RekapPegawai)]

        def kami():
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {', '.join(tabel)}")
            job = rekap_mulai(admin, periode)
            job.refresh_from_db()
            if job.status != StatusPekerjaan.SELESAI:
                raise RuntimeError(f"pekerjaan rekap tidak selesai: {job.status} {job.pesan}")

        params = {
            "awal": periode.mulai,
            "akhir": periode.selesai,
            "disetujui": StatusAktivitas.DISETUJUI,
            "ditolak": StatusAktivitas.DITOLAK,
            "diajukan": StatusAktivitas.DIAJUKAN,
        }
        sql = SQL_LANTAI.format(lantai=LANTAI, aktivitas=Aktivitas._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE UNLOGGED TABLE IF NOT EXISTS {LANTAI} (pegawai_id bigint PRIMARY KEY, hari_lapor integer,"
                " aktivitas_n integer, disetujui_n integer, ditolak_n integer, menunggu_n integer,"
                " menit_disetujui bigint, diverifikasi_n integer, terlambat_n integer)"
            )

        def lantai():
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {LANTAI}")
                cursor.execute("SET jit = off")
                cursor.execute(sql, params)
                cursor.execute("RESET jit")

        mulai = time.perf_counter()
        kami()
        print(f"Pekerjaan rekap pertama: {time.perf_counter() - mulai:.2f} s")
        pegawai_n = RekapPegawai.objects.filter(periode=periode).count()
        unit_n = RekapUnit.objects.filter(periode=periode).count()
        print(f"{pegawai_n:,} baris RekapPegawai, {unit_n:,} baris RekapUnit")
        if args.hanya_kami:
            ours, floor, batas = median_bergantian(kami, lambda: None, args.ulang)[0], None, None
        else:
            lantai()
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*), coalesce(sum(aktivitas_n), 0) FROM {LANTAI}")
                lantai_pegawai, lantai_aktivitas = cursor.fetchone()
            kami_aktivitas = sum(RekapPegawai.objects.filter(periode=periode).values_list("aktivitas_n", flat=True))
            print(
                f"Aktivitas terhitung: rekap {kami_aktivitas:,} (dari {pegawai_n:,} pegawai), "
                f"GROUP BY {lantai_aktivitas:,} (dari {lantai_pegawai:,} pegawai yang melapor)"
            )
            ours, floor = median_bergantian(kami, lantai, args.ulang)
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {LANTAI}")

            # The ceiling: the job's own rows written again as it writes them, and the least reading it could do.
            penulis = [
                tulis_ulang(connection, RekapPegawai, "periode_id, pegawai_id", per_opd=True),
                tulis_ulang(connection, RekapRhk, "periode_id, rhk_id", per_opd=True),
                tulis_ulang(connection, RekapUnit, "periode_id, kunci", per_opd=False),
            ]

            def tulis():
                with connection.cursor() as cursor:
                    cursor.execute(f"TRUNCATE {', '.join(tabel)}")
                for fungsi, _hapus in penulis:
                    fungsi()

            sql_baca = SQL_BACA.format(ringkasan=RingkasanAktivitas._meta.db_table)

            def baca():
                with connection.cursor() as cursor:
                    cursor.execute("SET jit = off")
                    cursor.execute(sql_baca, {"bulan": periode.mulai, "verif_semua": HARI_VERIFIKASI})
                    cursor.execute("RESET jit")

            batas = median_bergantian(tulis, baca, args.ulang)
            tertulis = sum(m.objects.count() for m in (RekapPegawai, RekapRhk, RekapUnit))
            print(f"Batas: {tertulis:,} baris hasil ditulis ulang per OPD tanpa menghitung apa pun")
            for _fungsi, hapus in penulis:
                hapus()
    return ours, floor, batas


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--kecil", type=int, default=2000, help="pegawai of the smaller city for the growth (0: none)")
    parser.add_argument("--ulang", type=int, default=3, help="timed runs of each side")
    parser.add_argument("--db", default=SCRATCH_DB, help="name of the scratch database")
    parser.add_argument("--pakai-ulang", action="store_true", help="reuse a seeded scratch database")
    parser.add_argument("--simpan", action="store_true", help="keep the scratch database afterwards")
    parser.add_argument("--hanya-kami", action="store_true", help=argparse.SUPPRESS)  # the child of the growth run
    args = parser.parse_args()

    print(f"Beban sebelum: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    ours, floor, batas = ukur(args)
    if args.hanya_kami:
        print(f"BENCH rekap_bulanan ours={ours:.3f}")
        return 0
    print(f"{args.pegawai:,} pegawai: pekerjaan rekap {ours:.2f} s, GROUP BY {floor:.2f} s (median)")
    tulis, baca = batas
    print(
        f"Batas bawah bentuk pekerjaan ini: menulis baris hasilnya saja {tulis:.2f} s ({tulis / floor:.2f}× GROUP BY), "
        f"membaca ringkasan aktivitas sebulan saja {baca:.2f} s ({baca / floor:.2f}×); "
        f"keduanya {(tulis + baca) / floor:.2f}× — sebelum kalender, disiplin, SKP, IKI dan evaluasi dihitung; "
        f"pekerjaan rekap {ours / (tulis + baca):.1f}× batas itu"
    )
    if args.kecil:
        perintah = [sys.executable, __file__, "--pegawai", str(args.kecil), "--kecil", "0", "--hanya-kami"]
        perintah += ["--ulang", str(args.ulang), "--db", f"{args.db}_kecil"]
        perintah += [a for a in ("--pakai-ulang", "--simpan") if getattr(args, a[2:].replace("-", "_"))]
        anak = subprocess.run(perintah, capture_output=True, text=True)
        hasil = re.search(r"BENCH rekap_bulanan ours=([\d.]+)", anak.stdout)
        if anak.returncode or hasil is None:
            print(anak.stdout[-3000:], anak.stderr[-3000:], sep="\n", file=sys.stderr)
            return 1
        kecil = float(hasil.group(1))
        kali = ours / kecil
        print(
            f"{args.kecil:,} pegawai: {kecil:.2f} s; {args.pegawai:,} pegawai: {ours:.2f} s — "
            f"{kali:.1f}× waktu untuk {args.pegawai / args.kecil:.0f}× pegawai "
            f"({'linear atau lebih baik' if kali <= args.pegawai / args.kecil * 1.05 else 'lebih buruk dari linear'})"
        )
    print(f"Beban sesudah: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"BENCH rekap_bulanan ours={ours:.3f} floor={floor:.3f} ratio={ours / floor:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
