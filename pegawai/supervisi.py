"""Who supervised whom over a range of dates.

:func:`pegawai.atasan.bawahan_langsung` answers for one day; a page or a bulk action covering weeks (the
verification queue, approving a selection) would ask it once per day. Supervision changes only where an
assignment starts or ends — a mutasi (:class:`~pegawai.models.RiwayatJabatan`), a Plt/Plh, a delegation —
so :func:`segmen_pengawasan` splits a range into stretches over which the answer cannot change, and the callers
ask once per stretch. (Positions and overrides are not dated: a change to those applies to every day.)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import connection

from portal.ingat import ingat, teringat

from .atasan import id_bawahan_langsung_pada, sql_boleh_menilai, sql_pemegang, tabel_sql
from .models import DelegasiPenilai, Jabatan, Pegawai, Penugasan, RiwayatJabatan

# Every table is read through an index (the positions as arrays: a recursive CTE's size is unknown to the planner,
# which then scanned every assignment of the city twice, ~5 ms a call).
_SQL_BATAS = """
WITH RECURSIVE dipegang(id) AS (
    SELECT jabatan_id FROM {riwayat}
    WHERE pegawai_id = %(pegawai)s AND tmt <= %(akhir)s AND (tanggal_selesai IS NULL OR tanggal_selesai >= %(awal)s)
    UNION
    SELECT jabatan_id FROM {penugasan}
    WHERE pegawai_id = %(pegawai)s AND tanggal_mulai <= %(akhir)s AND tanggal_selesai >= %(awal)s
), turunan(id) AS (
    SELECT j.id FROM {jabatan} j WHERE j.parent_id = ANY(ARRAY(SELECT id FROM dipegang))
    UNION
    SELECT j.id FROM {jabatan} j JOIN turunan t ON j.parent_id = t.id
), posisi AS (
    SELECT ARRAY(SELECT id FROM turunan) AS bawah,
           ARRAY(SELECT id FROM turunan UNION SELECT id FROM dipegang) AS jalur
), jalur(pegawai_id) AS (
    SELECT pegawai_id FROM {riwayat}, posisi
    WHERE jabatan_id = ANY(posisi.jalur)
      AND tmt <= %(akhir)s AND (tanggal_selesai IS NULL OR tanggal_selesai >= %(awal)s)
    UNION
    SELECT pegawai_id FROM {penugasan}, posisi
    WHERE jabatan_id = ANY(posisi.jalur)
      AND tanggal_mulai <= %(akhir)s AND tanggal_selesai >= %(awal)s
)
SELECT tanggal_mulai, tanggal_selesai FROM {penugasan}
WHERE pegawai_id = %(pegawai)s AND tanggal_mulai <= %(akhir)s AND tanggal_selesai >= %(awal)s
UNION
SELECT tanggal_mulai, tanggal_selesai FROM {penugasan}, posisi
WHERE jabatan_id = ANY(posisi.bawah) AND tanggal_mulai <= %(akhir)s AND tanggal_selesai >= %(awal)s
UNION
SELECT tmt, tanggal_selesai FROM {riwayat}
WHERE pegawai_id = %(pegawai)s AND tmt <= %(akhir)s AND (tanggal_selesai IS NULL OR tanggal_selesai >= %(awal)s)
UNION
SELECT tmt, tanggal_selesai FROM {riwayat}, posisi
WHERE jabatan_id = ANY(posisi.bawah)
  AND tmt <= %(akhir)s AND (tanggal_selesai IS NULL OR tanggal_selesai >= %(awal)s)
UNION
SELECT tanggal_mulai, tanggal_selesai FROM {delegasi}
WHERE penerima_id = ANY(ARRAY(SELECT pegawai_id FROM jalur) || %(pegawai)s::bigint)
  AND tanggal_mulai <= %(akhir)s AND tanggal_selesai >= %(awal)s
"""


def segmen_pengawasan(
    actor: Pegawai, awal: datetime.date, akhir: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """Split ``awal``–``akhir`` into stretches over which the set of pegawai ``actor`` supervises cannot change.

    Supervision changes only where an assignment, a Plt/Plh or a delegation starts or ends: one of the actor's
    own, or one on a position anywhere below the positions the actor holds in the range (it fills or vacates a
    position supervision passes through), or a delegation to someone holding such a position (it makes them a
    penilai, so the walk up from their bawahan stops at them). A delegation elsewhere in the city changes nothing
    here; counting it split an atasan's year into dozens of stretches, each asked again. One recursive query finds
    those dates."""
    if akhir < awal:
        return []
    sql = _SQL_BATAS.format(
        penugasan=Penugasan._meta.db_table,
        jabatan=Jabatan._meta.db_table,
        riwayat=RiwayatJabatan._meta.db_table,
        delegasi=DelegasiPenilai._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, {"pegawai": actor.pk, "awal": awal, "akhir": akhir})
        rentang = cursor.fetchall()
    satu_hari = datetime.timedelta(days=1)
    batas = {awal}
    for mulai, selesai in rentang:
        for hari in (mulai, selesai + satu_hari if selesai else None):
            if hari and awal < hari <= akhir:
                batas.add(hari)
    urut = sorted(batas)
    return [(m, (urut[i + 1] - satu_hari) if i + 1 < len(urut) else akhir) for i, m in enumerate(urut)]


def bawahan_per_tanggal(actor: Pegawai, tanggal: Iterable[datetime.date]) -> dict[datetime.date, set[int]]:
    """The ids of the pegawai ``actor`` rates on each of the given dates (:func:`bawahan_langsung` of that
    date): the answer of the first day of each stretch of :func:`segmen_pengawasan` that holds one of them, all
    in one query (:func:`pegawai.atasan.id_bawahan_langsung_pada`) — or none, when this request already worked out
    :func:`riwayat_bawahan` over a window holding every date."""
    tanggal = sorted(set(tanggal))
    if not tanggal:
        return {}
    riwayat = _riwayat_teringat(actor, tanggal[0], tanggal[-1])
    if riwayat is not None:
        return {t: set(next((ids for mulai, selesai, ids in riwayat if mulai <= t <= selesai), ())) for t in tanggal}
    segmen = []
    for mulai, selesai in segmen_pengawasan(actor, tanggal[0], tanggal[-1]):
        di_segmen = [t for t in tanggal if mulai <= t <= selesai]
        if di_segmen:
            segmen.append((mulai, di_segmen))
    ids = id_bawahan_langsung_pada(actor, [mulai for mulai, _d in segmen])
    return {t: set(ids[mulai]) for mulai, di_segmen in segmen for t in di_segmen}


def awal_riwayat(hari_ini: datetime.date) -> datetime.date:
    """How far back an atasan keeps reading the work of the pegawai they rated: this year and the last (a year's
    evaluation and its objections are settled within the next one). Older work stays readable through what they
    signed (the verified activities, the approved SKP)."""
    return datetime.date(hari_ini.year - 1, 1, 1)


def riwayat_bawahan(
    actor: Pegawai, awal: datetime.date, akhir: datetime.date
) -> tuple[tuple[datetime.date, datetime.date, frozenset[int]], ...]:
    """The stretches of ``awal``–``akhir`` with the ids of the pegawai ``actor`` rated during each (consecutive
    stretches with the same people merged; stretches without anyone left out). What an old atasan keeps after a
    mutasi: the days they supervised, not the pegawai's later work.

    Remembered for the rest of the request (:func:`portal.ingat.ingat`): a queue page asks it for its rows, its
    filter's choices and its monthly summary; a window inside one already worked out is cut out of it (the team
    page asks the year, then the open month)."""
    if akhir < awal:
        return ()

    def hitung():
        potongan = _riwayat_teringat(actor, awal, akhir)
        if potongan is not None:
            return potongan
        hasil: list[tuple[datetime.date, datetime.date, frozenset[int]]] = []
        segmen = segmen_pengawasan(actor, awal, akhir)
        per_mulai = id_bawahan_langsung_pada(actor, [mulai for mulai, _selesai in segmen])
        for mulai, selesai in segmen:
            ids = per_mulai[mulai]
            if hasil and hasil[-1][2] == ids:
                hasil[-1] = (hasil[-1][0], selesai, ids)
            else:
                hasil.append((mulai, selesai, ids))
        return tuple(h for h in hasil if h[2])

    return ingat(("pegawai.riwayat_bawahan", actor.pk, awal, akhir), hitung)


def _riwayat_teringat(
    actor: Pegawai, awal: datetime.date, akhir: datetime.date
) -> tuple[tuple[datetime.date, datetime.date, frozenset[int]], ...] | None:
    """:func:`riwayat_bawahan` of ``awal``–``akhir`` cut out of a wider window this request already worked out, or
    None. Exact: supervision cannot change inside a stretch, and a wider window's stretches are at least as fine as
    those of any window inside it (its boundaries include every event of the narrower one); both keep maximal runs
    of the same people and leave out the stretches without anyone."""
    for (_q, _pk, dari, sampai), riwayat in teringat(("pegawai.riwayat_bawahan", actor.pk)):
        if dari <= awal and akhir <= sampai:
            return tuple(
                (max(mulai, awal), min(selesai, akhir), ids)
                for mulai, selesai, ids in riwayat
                if selesai >= awal and mulai <= akhir
            )
    return None


# --- the same rule in SQL, for set-based jobs -------------------------------------------------------------------


def sql_atasan(sumber: str, nama: str, bawa: tuple[str, ...] = ()) -> str:
    """Two CTEs (``{nama}_naik`` and ``{nama}``) for a ``WITH RECURSIVE`` query: for every row of the CTE
    ``sumber(baris_id, pegawai_id, tanggal, *bawa)`` (``baris_id`` unique), the pegawai's pejabat penilai on that
    date as ``{nama}(baris_id, pegawai_id, tanggal, atasan_id, *bawa)`` — no row when there is none. The columns
    ``bawa`` are carried through unchanged, so the caller never joins the result back to its source (a join of two
    CTE results the planner cannot estimate, which it may turn into a nested loop over both).

    The same rule as :func:`pegawai.atasan.penilai_pada` (a test holds them equal): an active ``atasan_override``;
    else from the position the pegawai held on that date up the tree (``jejak`` stops a cycle) to the first
    position with someone other than the pegawai who may rate from it that day — a definitive holder (latest TMT)
    or, failing that, a Plt/Plh (earliest start); at least pengawas, or delegated."""
    t = tabel_sql()
    b = "".join(f", s.{k}" for k in bawa)
    bn = "".join(f", n.{k}" for k in bawa)
    kolom = "".join(f", {k}" for k in bawa)
    definitif = f"""SELECT h.pegawai_id FROM {t["riwayat"]} h
        WHERE {sql_pemegang(t, "h", "n.jabatan_id", "n.tanggal")} AND h.pegawai_id <> n.pegawai_id
          AND {sql_boleh_menilai(t, "h.pegawai_id", "n.tanggal")}"""
    acting = f"""SELECT g.pegawai_id FROM {t["penugasan"]} g
        WHERE g.jabatan_id = n.jabatan_id AND g.tanggal_mulai <= n.tanggal AND g.tanggal_selesai >= n.tanggal
          AND g.pegawai_id <> n.pegawai_id AND {sql_boleh_menilai(t, "g.pegawai_id", "n.tanggal")}"""
    return f"""
{nama}_naik(baris_id, pegawai_id, tanggal, jabatan_id, langkah, jejak{kolom}) AS (
    SELECT s.baris_id, s.pegawai_id, s.tanggal, j.parent_id, 1, ARRAY[j.parent_id]{b}
    FROM {sumber} s
    JOIN {t["pegawai"]} p ON p.id = s.pegawai_id
    JOIN {t["riwayat"]} r ON r.pegawai_id = s.pegawai_id AND r.tmt <= s.tanggal
        AND (r.tanggal_selesai >= s.tanggal OR (r.tanggal_selesai IS NULL AND p.aktif))
    JOIN {t["jabatan"]} j ON j.id = r.jabatan_id
    WHERE j.parent_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM {t["pegawai"]} o WHERE o.id = p.atasan_override_id AND o.aktif)
  UNION ALL
    SELECT n.baris_id, n.pegawai_id, n.tanggal, j.parent_id, n.langkah + 1, n.jejak || j.parent_id{bn}
    FROM {nama}_naik n
    JOIN {t["jabatan"]} j ON j.id = n.jabatan_id
    WHERE j.parent_id IS NOT NULL AND NOT (j.parent_id = ANY(n.jejak))
      AND NOT EXISTS ({definitif})
      AND NOT EXISTS ({acting})
),
{nama}(baris_id, pegawai_id, tanggal, atasan_id{kolom}) AS (
    SELECT s.baris_id, s.pegawai_id, s.tanggal, p.atasan_override_id{b}
    FROM {sumber} s
    JOIN {t["pegawai"]} p ON p.id = s.pegawai_id
    JOIN {t["pegawai"]} o ON o.id = p.atasan_override_id AND o.aktif
  UNION ALL
    (SELECT DISTINCT ON (n.baris_id) n.baris_id, n.pegawai_id, n.tanggal, COALESCE(h.pegawai_id, g.pegawai_id){bn}
    FROM {nama}_naik n
    JOIN {t["jabatan"]} j ON j.id = n.jabatan_id
    LEFT JOIN LATERAL ({definitif} ORDER BY h.tmt DESC, h.pegawai_id LIMIT 1) h ON TRUE
    LEFT JOIN LATERAL ({acting} ORDER BY g.tanggal_mulai, g.id LIMIT 1) g ON TRUE
    WHERE h.pegawai_id IS NOT NULL OR g.pegawai_id IS NOT NULL
    ORDER BY n.baris_id, n.langkah)
)"""


def atasan_pada(pasangan: list[tuple[int, datetime.date]]) -> dict[tuple[int, datetime.date], int]:
    """The pejabat penilai of each ``(pegawai_id, tanggal)``, in one query (pairs without one are left out)."""
    if not pasangan:
        return {}
    sql = f"""
WITH RECURSIVE sumber(baris_id, pegawai_id, tanggal) AS (
    SELECT row_number() OVER (), pegawai_id, tanggal
    FROM (SELECT DISTINCT * FROM unnest(%(pegawai)s::bigint[], %(tanggal)s::date[]) AS x(pegawai_id, tanggal)) d
),
{sql_atasan("sumber", "atasan")}
SELECT pegawai_id, tanggal, atasan_id FROM atasan"""
    with connection.cursor() as cursor:
        cursor.execute(sql, {"pegawai": [p for p, _d in pasangan], "tanggal": [d for _p, d in pasangan]})
        return {(p, d): a for p, d, a in cursor.fetchall()}
