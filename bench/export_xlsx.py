"""Benchmark: the 20,000-row recap export (XLSX) against openpyxl write-only writing the same rows.

    .venv/bin/python bench/export_xlsx.py [--pegawai 20000] [--runs 3] [--db NAME] [--pakai-ulang] [--simpan]

Runs on a scratch database (``bench_ekspor``; ``--db`` names another) on the server of DATABASE_URL:
``seed_demo --pegawai N --tanpa-skp`` (the city's organisation and people), then one RekapPegawai row for every
active pegawai in last month's period, written by one SQL statement with varied counts (the export reads recap rows,
not how they were computed: ``bench/rekap_bulanan.py`` measures that).

"ours" is :func:`rekap.exports.ekspor_tabel` for the pegawai table of that period as the admin BKPSDM sees it,
``format=xlsx``, as the export job runs it: the filter, the rows streamed from the database, the values of every
column, the title row, headers, number and percentage formats, column widths, frozen header, autofilter and
formula escaping. "floor" is a bare ``openpyxl.Workbook(write_only=True)`` appending the same values (read and
computed beforehand, outside the timing) under one header row and saving. The last line is
``BENCH export_xlsx ours=<s> floor=<s> ratio=<x>`` (goal: ratio ≤ 1.3).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.umum import median_bergantian, scratch  # noqa: E402

SCRATCH_DB = "bench_ekspor"


def seed(pegawai: int) -> None:
    from django.core.management import call_command

    out = io.StringIO()
    mulai = time.perf_counter()
    call_command("seed_demo", pegawai=pegawai, seed=1, tanpa_skp=True, stdout=out)
    print(out.getvalue().split("\n\n")[0])
    print(f"seed_demo --pegawai {pegawai} --tanpa-skp: {time.perf_counter() - mulai:.1f} s")


def isi_rekap(periode) -> int:
    """One RekapPegawai row per active pegawai of ``periode``, with counts varied by the pegawai's id (a number
    in every count, a share in every percentage column, every SKP status, some without predikat)."""
    from django.db import connection

    from pegawai.models import Jabatan, Pegawai, UnitKerja
    from rekap.models import ANGKA as angka
    from rekap.models import RekapPegawai
    from skp.choices import StatusRekap

    # hari_kerja first: the others stay below it where a share of it is shown.
    nilai = ["21"] + [f"(p.id * {7 + 13 * i}) %% 21" for i in range(1, len(angka))]
    status = StatusRekap.values
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {RekapPegawai._meta.db_table} WHERE periode_id = %s", [periode.pk])
        cursor.execute(
            f"INSERT INTO {RekapPegawai._meta.db_table} (periode_id, pegawai_id, perangkat_daerah_id, unit_kerja_id,"
            f" skp_status, evaluasi_status, predikat, dihitung_pada, {', '.join(angka)})"
            f" SELECT %s, p.id, u.perangkat_daerah_id, u.id, (%s::text[])[1 + p.id %% {len(status)}], '',"
            f" CASE WHEN p.id %% 4 = 0 THEN NULL ELSE 1 + p.id %% 5 END, now(), {', '.join(nilai)}"
            f" FROM {Pegawai._meta.db_table} p JOIN {Jabatan._meta.db_table} j ON j.id = p.jabatan_id"
            f" JOIN {UnitKerja._meta.db_table} u ON u.id = j.unit_kerja_id WHERE p.aktif",
            [periode.pk, status],
        )
        n = cursor.rowcount
        cursor.execute(f"ANALYZE {RekapPegawai._meta.db_table}")
    return n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--db", default=SCRATCH_DB, help="name of the scratch database")
    parser.add_argument("--pakai-ulang", action="store_true", help="reuse a seeded scratch database")
    parser.add_argument("--simpan", action="store_true", help="keep the scratch database afterwards")
    args = parser.parse_args()

    print(f"Beban sebelum: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with scratch(args.db, pakai_ulang=args.pakai_ulang, simpan=args.simpan) as db:
        from django.utils import timezone
        from openpyxl import Workbook

        from pegawai.choices import JenisPeran
        from pegawai.models import Peran
        from rekap.exports import ekspor_tabel
        from rekap.filters import TABEL, tabel_terfilter
        from rekap.rules import Persen
        from rekap.services.periode import periode_rekap

        if not db.dipakai_ulang:
            seed(args.pegawai)
        hari_ini = timezone.localdate()
        tahun, bulan = (hari_ini.year, hari_ini.month - 1) if hari_ini.month > 1 else (hari_ini.year - 1, 12)
        periode = periode_rekap("bulan", tahun, bulan)
        n = isi_rekap(periode)
        admin = Peran.objects.filter(jenis=JenisPeran.ADMIN_BKPSDM).select_related("user").first().user
        tabel = TABEL["pegawai"]
        data = {"periode": str(periode.pk)}

        # The floor's input: the same rows and values, read and computed once, outside the timing.
        _filterset, rows = tabel_terfilter(tabel, data, admin)
        nilai = [k.nilai for k in tabel.kolom]

        def polos(v):
            if isinstance(v, Persen):
                return float(v) / 100
            return v if v is None or isinstance(v, (int, float, str)) else str(v)  # labels are lazy strings

        baris = [[polos(f(r)) for f in nilai] for r in rows.iterator(chunk_size=2000)]
        kepala = [str(k.judul) for k in tabel.kolom]

        def ours():
            return ekspor_tabel(tabel, data, admin, fmt="xlsx")

        def floor():
            wb = Workbook(write_only=True)
            ws = wb.create_sheet(title="Rekap pegawai")
            ws.append(kepala)
            for b in baris:
                ws.append(b)
            buffer = io.BytesIO()
            wb.save(buffer)
            return buffer.getvalue()

        hasil = ours()
        ukuran = len(hasil.content) / 1e6
        print(f"{n:,} baris rekap pegawai; berkas {hasil.filename}: {ukuran:.1f} MB, {len(baris):,} baris")
        print(f"Berkas openpyxl polos: {len(floor()) / 1e6:.1f} MB")
        ours_s, floor_s = median_bergantian(ours, floor, args.runs)
    print(
        f"Ekspor rekap XLSX {len(baris):,} baris: {ours_s:.2f} s; openpyxl write-only polos: {floor_s:.2f} s (median)"
    )
    print(f"Beban sesudah: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"BENCH export_xlsx ours={ours_s:.3f} floor={floor_s:.3f} ratio={ours_s / floor_s:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
