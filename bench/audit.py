"""Benchmark: the audit page's change history at city size against a bare indexed query on the same rows.

    .venv/bin/python bench/audit.py [--pegawai 20000] [--runs 30] [--db NAME] [--pakai-ulang] [--simpan]

On a scratch database (``bench_audit``; ``--db`` names another, e.g. the ``bench_aktivitas`` of
``bench/aktivitas_submit.py``) on the server of DATABASE_URL: ``seed_demo --pegawai N --bulan 1`` — every row the
seed writes is recorded by the history triggers, about three million events over forty event tables, most of them
within the page's default 30-day window — then ``VACUUM (ANALYZE)``.

Two pages, each timed as "ours" = :func:`portal.audit.halaman_audit` (one call of the page function: the page's
positions — the whole trail's from PosisiAudit, one kind of data's from its event table — then the page's rows with
their diffs and contexts, decoded: what the view renders) against "floor" = one bare
``SELECT pgh_created_at, pgh_id FROM <largest event table> WHERE <same filter> ORDER BY pgh_created_at DESC,
pgh_id DESC LIMIT 50`` on its (time, id) index:

- the first page of the default window (no filter);
- a filtered page: one kind of data (``kinerja.Aktivitas``), recordings of kind "insert" only.

The whole page through Django's test client (login, the view, the template) is printed for information, with
its query count. The last line is ``BENCH audit ours=<s> floor=<s> ratio=<x>`` for the slower of the two pages
(goal: ratio ≤ 3).
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.umum import median_bergantian, scratch  # noqa: E402

SCRATCH_DB = "bench_audit"


def seed(pegawai: int) -> None:
    from django.core.management import call_command

    out = io.StringIO()
    mulai = time.perf_counter()
    call_command("seed_demo", pegawai=pegawai, seed=1, bulan=1, stdout=out)
    print(out.getvalue().split("\n\n")[0])
    print(f"seed_demo --pegawai {pegawai} --bulan 1: {time.perf_counter() - mulai:.1f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--db", default=SCRATCH_DB, help="name of the scratch database")
    parser.add_argument("--pakai-ulang", action="store_true", help="reuse a seeded scratch database")
    parser.add_argument("--simpan", action="store_true", help="keep the scratch database afterwards")
    args = parser.parse_args()

    print(f"Beban sebelum: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with scratch(args.db, pakai_ulang=args.pakai_ulang, simpan=args.simpan) as db:
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse
        from django.utils import timezone

        from kinerja.models import Aktivitas
        from pegawai.choices import JenisPeran
        from pegawai.models import Peran
        from portal.audit import PER_HALAMAN, halaman_audit, model_diaudit

        if not db.dipakai_ulang:
            seed(args.pegawai)
        connection.ensure_connection()
        connection.connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {', '.join(connection.introspection.table_names(cursor))}")
            jumlah = 0
            for _label, event_model in model_diaudit():
                cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(event_model._meta.db_table)}")
                jumlah += cursor.fetchone()[0]
        connection.close()
        print(f"{jumlah:,} peristiwa riwayat di {len(model_diaudit())} tabel")

        sampai = timezone.now()
        dari = timezone.make_aware(
            datetime.datetime.combine(timezone.localdate() - datetime.timedelta(days=30), datetime.time.min)
        )
        tabel = connection.ops.quote_name(Aktivitas.pgh_event_models["insert"]._meta.db_table)
        halaman = {
            "pertama": ({}, ""),
            "tersaring": ({"model_label": "kinerja.Aktivitas", "label": "insert"}, " AND pgh_label = 'insert'"),
        }
        admin = Peran.objects.filter(jenis=JenisPeran.ADMIN_BKPSDM).select_related("user").first().user
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(admin)
        # The process's first request loads templates, URL patterns and translations (~0.3 s): not the page's time.
        assert client.get(reverse("audit_list")).status_code == 200
        hasil = {}
        for nama, (saring, sql_saring) in halaman.items():

            def kami(saring=saring):
                events = halaman_audit(dari=dari, sampai=sampai, **saring).events
                assert len(events) == PER_HALAMAN, len(events)

            def lantai(sql_saring=sql_saring):
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT pgh_created_at, pgh_id FROM {tabel} WHERE pgh_created_at >= %s"
                        f" AND pgh_created_at < %s{sql_saring} ORDER BY pgh_created_at DESC, pgh_id DESC LIMIT 50",
                        [dari, sampai],
                    )
                    cursor.fetchall()

            kami()
            lantai()
            ours, floor = median_bergantian(kami, lantai, args.runs)
            data = {"model": "kinerja.Aktivitas", "label": "insert"} if saring else {}
            mulai = time.perf_counter()
            with CaptureQueriesContext(connection) as q:
                response = client.get(reverse("audit_list"), data)
            assert response.status_code == 200
            print(
                f"Halaman {nama}: halaman_audit {ours * 1000:.2f} ms, SELECT … LIMIT 50 {floor * 1000:.2f} ms "
                f"({ours / floor:.1f}×); seluruh halaman lewat Django {1000 * (time.perf_counter() - mulai):.0f} ms, "
                f"{len(q)} kueri"
            )
            hasil[nama] = (ours, floor)
    print(f"Beban sesudah: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    ours, floor = max(hasil.values(), key=lambda h: h[0] / h[1])
    print(f"BENCH audit ours={ours:.5f} floor={floor:.5f} ratio={ours / floor:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
