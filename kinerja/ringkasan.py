"""The monthly activity summary (:class:`~kinerja.models.RingkasanAktivitas`): per pegawai, month, RHK and satuan,
the counts a recap needs, kept by a database trigger on every write to ``kinerja_aktivitas``.

Why a trigger: a recap of a month read 1.4 million activity rows for a city of 20,000 pegawai (a year, twelve
times that); the summary has a few rows per pegawai-month. A trigger sees every write — the services, bulk
verification's ``UPDATE``, the admin, an import, a ``bulk_create`` — in the writer's own transaction, so the
summary can never disagree with committed activities (a rolled-back write rolls back its counts); a TRUNCATE of
the activities (``seed_demo --reset``) empties it.

What each row holds (all statuses unless said):

- ``hari_n``: activities per day of the month (index = day) and ``hari``, the days with at least one as a bit mask
  (bit ``d - 1``); the mask is what recaps read, the counts are what let a deletion clear a bit;
- ``n`` and per status ``disetujui_n``, ``ditolak_n``, ``menunggu_n`` (diajukan); approved ``menit`` and ``volume``;
- ``verif_c[i]``: how many activities approved or rejected with a verification time were verified by local day
  ``i`` counted from the 1st of the activity's month (cumulative: day 1 also holds earlier ones, and the last index,
  every later one, is the number of them all). Whether a verification was on time depends on a deadline that the
  settings and holidays may move, so the summary keeps the day and the recap reads ``verif_c[deadline's index]``.

:func:`periksa` compares the summary with the activities (tests, and ``manage.py ringkasan_aktivitas``);
:func:`bangun_ulang` rewrites it from them (after a restore that bypassed triggers, say); :func:`muat_massal` holds
the row triggers off for a bulk load and rebuilds the months it touched afterwards (``seed_demo``).
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager

import pgtrigger
from django.conf import settings
from django.db import connection, transaction

from .choices import StatusAktivitas

TABEL = "kinerja_ringkasanaktivitas"
AKTIVITAS = "kinerja_aktivitas"
#: Length of ``verif_c``: three months of days from the 1st of the activity's month. A month's verification
#: deadline is at most the 20th working day of the next month (PengaturanKinerja's validator), well inside it.
HARI_VERIFIKASI = 93

_DISETUJUI = StatusAktivitas.DISETUJUI.value
_DITOLAK = StatusAktivitas.DITOLAK.value
_DIAJUKAN = StatusAktivitas.DIAJUKAN.value


def _hari_verifikasi(baris: str, bulan: str) -> str:
    """SQL: the index in ``verif_c`` of row ``baris``'s verification (NULL when it has none that counts)."""
    return (
        f"CASE WHEN {baris}.diverifikasi_pada IS NOT NULL AND {baris}.status IN ('{_DISETUJUI}', '{_DITOLAK}') "
        f"THEN LEAST(GREATEST(({baris}.diverifikasi_pada AT TIME ZONE '{settings.TIME_ZONE}')::date - {bulan} + 1, 1),"
        f" {HARI_VERIFIKASI}) END"
    )


#: Variables of the trigger function (pgtrigger's ``declare``).
DEKLARASI = [
    ("r", f"{AKTIVITAS}%ROWTYPE"),
    ("langkah", "integer"),
    ("tanda", "integer"),
    ("v_bulan", "date"),
    ("v_hari", "integer"),
    ("v_bit", "bigint"),
    ("v_verif", "integer"),
]

#: The trigger function's body: take the old row's contribution away (update, delete), add the new one's (insert,
#: update). The row of a group is updated in place; the first activity of a group inserts it (a concurrent first
#: insert of the same group makes ON CONFLICT DO NOTHING, and the loop updates the row the other wrote).
FUNGSI = f"""
FOR langkah IN 1..2 LOOP
    IF langkah = 1 THEN
        CONTINUE WHEN TG_OP = 'INSERT';
        r := OLD;
        tanda := -1;
    ELSE
        CONTINUE WHEN TG_OP = 'DELETE';
        r := NEW;
        tanda := 1;
    END IF;
    v_bulan := date_trunc('month', r.tanggal)::date;
    v_hari := extract(day FROM r.tanggal)::integer;
    v_bit := 1::bigint << (v_hari - 1);
    v_verif := {_hari_verifikasi("r", "v_bulan")};
    LOOP
        UPDATE {TABEL} t SET
            hari_n[v_hari] = t.hari_n[v_hari] + tanda,
            hari = CASE WHEN t.hari_n[v_hari] + tanda > 0 THEN t.hari | v_bit ELSE t.hari & ~v_bit END,
            n = t.n + tanda,
            disetujui_n = t.disetujui_n + CASE WHEN r.status = '{_DISETUJUI}' THEN tanda ELSE 0 END,
            ditolak_n = t.ditolak_n + CASE WHEN r.status = '{_DITOLAK}' THEN tanda ELSE 0 END,
            menunggu_n = t.menunggu_n + CASE WHEN r.status = '{_DIAJUKAN}' THEN tanda ELSE 0 END,
            menit = t.menit + CASE WHEN r.status = '{_DISETUJUI}' THEN tanda * r.menit ELSE 0 END,
            volume = t.volume + CASE WHEN r.status = '{_DISETUJUI}' THEN tanda * r.volume ELSE 0 END,
            verif_c = CASE WHEN v_verif IS NULL THEN t.verif_c
                           ELSE t.verif_c[1:v_verif - 1]
                                || ARRAY(SELECT x + tanda FROM unnest(t.verif_c[v_verif:{HARI_VERIFIKASI}])
                                         WITH ORDINALITY u(x, o) ORDER BY o) END
        WHERE t.pegawai_id = r.pegawai_id AND t.bulan = v_bulan AND t.rhk_id = COALESCE(r.rhk_id, 0)
          AND t.satuan = r.satuan;
        EXIT WHEN FOUND;
        INSERT INTO {TABEL} (pegawai_id, bulan, rhk_id, satuan, hari_n, hari, n, disetujui_n, ditolak_n, menunggu_n,
                             menit, volume, verif_c)
        VALUES (r.pegawai_id, v_bulan, COALESCE(r.rhk_id, 0), r.satuan, array_fill(0, ARRAY[31]), 0, 0, 0, 0, 0, 0,
                0, array_fill(0, ARRAY[{HARI_VERIFIKASI}]))
        ON CONFLICT DO NOTHING;
    END LOOP;
END LOOP;
RETURN NULL;
"""

#: Emptying the activities empties the summary (a DELETE, not a TRUNCATE: Django's flush truncates both tables in
#: one statement).
FUNGSI_KOSONGKAN = f"DELETE FROM {TABEL}; RETURN NULL;"

#: The columns whose change moves an activity's contribution (an update touching only others skips the trigger).
KOLOM = ("pegawai", "tanggal", "rhk", "satuan", "status", "menit", "volume", "diverifikasi_pada")


def pemicu() -> list[pgtrigger.Trigger]:
    """The triggers of ``Aktivitas.Meta``: the row trigger on insert and delete, the same on an update of one of
    :data:`KOLOM`, and the statement trigger on TRUNCATE."""

    def baris(name, operation, **kwargs):
        return pgtrigger.Trigger(
            name=name, when=pgtrigger.After, operation=operation, declare=DEKLARASI, func=FUNGSI, **kwargs
        )

    return [
        baris("ringkasan_tambah_hapus", pgtrigger.Insert | pgtrigger.Delete),
        baris("ringkasan_ubah", pgtrigger.Update, condition=pgtrigger.AnyChange(*KOLOM)),
        # TRUNCATE fires no row trigger (seed_demo --reset empties the activities that way).
        pgtrigger.Trigger(
            name="ringkasan_kosongkan",
            when=pgtrigger.After,
            operation=pgtrigger.Truncate,
            level=pgtrigger.Statement,
            func=FUNGSI_KOSONGKAN,
        ),
    ]


def _sql_dari_aktivitas(saring: str = "") -> str:
    """SQL selecting what the summary should hold, computed from the activities (those matching the condition
    ``saring`` on ``a``, when given)."""
    hari_n = ", ".join(f"count(*) FILTER (WHERE a.d = {d})" for d in range(1, 32))
    verif_c = ", ".join(f"count(*) FILTER (WHERE a.v <= {i})" for i in range(1, HARI_VERIFIKASI + 1))
    return f"""
        SELECT a.pegawai_id, a.bulan, COALESCE(a.rhk_id, 0) AS rhk_id, a.satuan,
               ARRAY[{hari_n}]::integer[] AS hari_n, bit_or(1::bigint << (a.d - 1)) AS hari,
               count(*) AS n,
               count(*) FILTER (WHERE a.status = '{_DISETUJUI}') AS disetujui_n,
               count(*) FILTER (WHERE a.status = '{_DITOLAK}') AS ditolak_n,
               count(*) FILTER (WHERE a.status = '{_DIAJUKAN}') AS menunggu_n,
               COALESCE(sum(a.menit) FILTER (WHERE a.status = '{_DISETUJUI}'), 0) AS menit,
               COALESCE(sum(a.volume) FILTER (WHERE a.status = '{_DISETUJUI}'), 0) AS volume,
               ARRAY[{verif_c}]::integer[] AS verif_c
        FROM (
            SELECT a.*, x.bulan, extract(day FROM a.tanggal)::integer AS d, {_hari_verifikasi("a", "x.bulan")} AS v
            FROM {AKTIVITAS} a
            CROSS JOIN LATERAL (SELECT date_trunc('month', a.tanggal)::date AS bulan) x
            {f"WHERE {saring}" if saring else ""}
        ) a
        GROUP BY a.pegawai_id, a.bulan, COALESCE(a.rhk_id, 0), a.satuan
    """


_KOLOM_TABEL = (
    "pegawai_id, bulan, rhk_id, satuan, hari_n, hari, n, disetujui_n, ditolak_n, menunggu_n, menit, volume, verif_c"
)


def periksa() -> int:
    """How many groups (pegawai, month, RHK, satuan) the summary has wrong, missing or in excess of what the
    activities say (a row whose counts are all zero — every activity of the group deleted or moved — counts as
    absent). 0 when the two agree."""
    with connection.cursor() as cursor:
        cursor.execute(f"""
            WITH seharusnya AS ({_sql_dari_aktivitas()}),
            ada AS (
                SELECT {_KOLOM_TABEL} FROM {TABEL}
                WHERE NOT (n = 0 AND hari = 0 AND disetujui_n = 0 AND ditolak_n = 0 AND menunggu_n = 0 AND menit = 0
                           AND volume = 0 AND hari_n = array_fill(0, ARRAY[31])
                           AND verif_c = array_fill(0, ARRAY[{HARI_VERIFIKASI}]))
            )
            SELECT count(DISTINCT (pegawai_id, bulan, rhk_id, satuan)) FROM (
                (SELECT * FROM seharusnya EXCEPT ALL SELECT * FROM ada)
                UNION ALL
                (SELECT * FROM ada EXCEPT ALL SELECT * FROM seharusnya)
            ) beda
        """)
        return cursor.fetchone()[0]


def bangun_ulang() -> int:
    """Rewrite the whole summary from the activities, with activity writes held off meanwhile (a table lock:
    a maintenance step); the number of rows written."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {AKTIVITAS} IN SHARE MODE")
        cursor.execute(f"DELETE FROM {TABEL}")
        cursor.execute(f"INSERT INTO {TABEL} ({_KOLOM_TABEL}) {_sql_dari_aktivitas()}")
        return cursor.rowcount


@contextmanager
def muat_massal(awal: datetime.date, akhir: datetime.date):
    """Around a bulk load of activities dated ``awal``–``akhir`` in the caller's transaction: the summary's row
    triggers are off during the load and the months it touched are rebuilt after it, set-based, from every activity
    of those months (so rows that were there before count too). Per row, the triggers rewrote each summary row
    several times in one transaction, where no old version can be pruned: 1.6 million demo activities left the
    summary seven times its size and took a quarter of the load's time. ``ALTER TABLE`` locks the activities until the
    transaction ends: for maintenance and demo loads only, never beside users' writes."""
    from .models import Aktivitas

    nama = [t.get_pgid(Aktivitas) for t in pemicu() if t.level == pgtrigger.Row]
    qn = connection.ops.quote_name
    bulan_awal = awal.replace(day=1)
    with connection.cursor() as cursor:
        for pgid in nama:
            cursor.execute(f"ALTER TABLE {qn(AKTIVITAS)} DISABLE TRIGGER {qn(pgid)}")
        yield
        for pgid in nama:
            cursor.execute(f"ALTER TABLE {qn(AKTIVITAS)} ENABLE TRIGGER {qn(pgid)}")
        cursor.execute(f"DELETE FROM {TABEL} WHERE bulan BETWEEN %s AND %s", [bulan_awal, akhir])
        cursor.execute(
            f"INSERT INTO {TABEL} ({_KOLOM_TABEL}) {_sql_dari_aktivitas('a.tanggal >= %s AND a.tanggal < %s')}",
            [bulan_awal, (akhir.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)],
        )
