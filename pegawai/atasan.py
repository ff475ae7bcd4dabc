"""Who is whose atasan on a date: the supervision chain every app builds its rules on.

Every question here is asked **on a date** (docs/ATURAN.md), because people change positions mid-year:

- the position a pegawai holds on a day comes from :class:`~pegawai.models.RiwayatJabatan` (TMT jabatan to the
  day before the next mutasi), plus the positions they act in as Plt/Plh (:class:`~pegawai.models.Penugasan`);
- the pejabat penilai is the holder of the nearest parent position who may rate: one holding a position of at
  least pengawas (JPT, administrator, pengawas) — directly or as Plt/Plh — or one the penilai above delegated
  to in writing (:class:`~pegawai.models.DelegasiPenilai`) for that day. A vacant parent position, or one whose
  holder may not rate (a JF ketua tim, a pelaksana), passes supervision further up;
- an explicit override per pegawai (``atasan_override``) names the atasan directly.

:func:`penilai_pada` is the one answer upward, :func:`bawahan_langsung` the same rule downward.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from portal.ingat import ingat_banyak

from .choices import JenisJabatan
from .models import DelegasiPenilai, Jabatan, Pegawai, Penugasan, RiwayatJabatan

#: The jenis jabatan whose holder may be pejabat penilai kinerja without a delegation (PermenPANRB 6/2022 Pasal 1:
#: at least a pejabat pengawas).
JENIS_PENILAI = (JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS)


def _today(on: datetime.date | None) -> datetime.date:
    return on or timezone.localdate()


# --- positions held on a date ---------------------------------------------------------------------------------


def riwayat_pada(pegawai: Pegawai, on: datetime.date | None = None) -> RiwayatJabatan | None:
    """The definitive assignment of ``pegawai`` on ``on`` (``None`` before their first TMT or after they left)."""
    return (
        RiwayatJabatan.objects.pada(_today(on))
        .filter(pegawai_id=pegawai.pk)
        .select_related("jabatan__unit_kerja")
        .first()
    )


def jabatan_pada(pegawai: Pegawai, on: datetime.date | None = None) -> int | None:
    """The id of the definitive position ``pegawai`` holds on ``on``."""
    return (
        RiwayatJabatan.objects.pada(_today(on))
        .filter(pegawai_id=pegawai.pk)
        .values_list("jabatan_id", flat=True)
        .first()
    )


def tmt_jabatan_sekarang(pegawai: Pegawai) -> datetime.date | None:
    """The TMT of the assignment to the position ``pegawai`` holds now (``Pegawai.jabatan``)."""
    return (
        RiwayatJabatan.objects.filter(pegawai_id=pegawai.pk, jabatan_id=pegawai.jabatan_id)
        .order_by("-tmt")
        .values_list("tmt", flat=True)
        .first()
    )


def pemegang_pada(jabatan_ids, on: datetime.date | None = None) -> QuerySet[Pegawai]:
    """The definitive holders of the positions ``jabatan_ids`` on ``on``."""
    holders = RiwayatJabatan.objects.pada(_today(on)).filter(jabatan_id__in=jabatan_ids).values("pegawai_id")
    return Pegawai.objects.filter(pk__in=holders)


def jabatan_dipegang(pegawai: Pegawai, on: datetime.date | None = None) -> set[int]:
    """The position ids whose rights ``pegawai`` holds on ``on``: their definitive one and any Plt/Plh."""
    on = _today(on)
    ids = set(RiwayatJabatan.objects.pada(on).filter(pegawai_id=pegawai.pk).values_list("jabatan_id", flat=True))
    ids.update(Penugasan.objects.berlaku(on).filter(pegawai_id=pegawai.pk).values_list("jabatan_id", flat=True))
    return ids


def didelegasi(pegawai_ids, on: datetime.date) -> set[int]:
    """Those of ``pegawai_ids`` holding a written delegation of the penilai's rights on ``on``."""
    return set(
        DelegasiPenilai.objects.pada(on).filter(penerima_id__in=pegawai_ids).values_list("penerima_id", flat=True)
    )


def _holders(jabatan_ids: set[int], on: datetime.date, kecuali: int | None = None) -> dict[int, list[tuple[int, str]]]:
    """Per position, its holders on ``on`` in the order supervision picks them: definitive holders (the latest
    TMT first), then Plt/Plh (the earliest start first). Two queries whatever the number of positions."""
    result: dict[int, list[tuple[int, str]]] = {j: [] for j in jabatan_ids}
    definitif = (
        RiwayatJabatan.objects.pada(on)
        .filter(jabatan_id__in=jabatan_ids)
        .exclude(pegawai_id=kecuali)
        .order_by("-tmt", "pegawai_id")
        .values_list("jabatan_id", "pegawai_id")
    )
    for jabatan_id, pegawai_id in definitif:
        result[jabatan_id].append((pegawai_id, Penilai.JABATAN))
    acting = (
        Penugasan.objects.berlaku(on)
        .filter(jabatan_id__in=jabatan_ids)
        .exclude(pegawai_id=kecuali)
        .order_by("tanggal_mulai", "pk")
        .values_list("jabatan_id", "pegawai_id")
    )
    for jabatan_id, pegawai_id in acting:
        result[jabatan_id].append((pegawai_id, Penilai.PLT))
    return result


# --- upward: who rates this pegawai on a date -----------------------------------------------------------------


@dataclass(frozen=True)
class Penilai:
    """The pejabat penilai of a pegawai on a date, and through which position they rate."""

    JABATAN = "jabatan"
    PLT = "plt"
    PENETAPAN = "penetapan"
    DELEGASI = "delegasi"

    pegawai: Pegawai
    #: The position through which they rate (their own, or the one they act in); ``None`` for an override.
    jabatan_id: int | None
    #: ``jabatan`` (definitive holder), ``plt`` (Plt/Plh), ``penetapan`` (override) or ``delegasi``.
    dasar: str


_SQL_LELUHUR = """
WITH RECURSIVE naik(id, parent_id, jenis, tingkat) AS (
    SELECT j.id, j.parent_id, j.jenis, 1 FROM {jabatan} j
    WHERE j.id = (SELECT parent_id FROM {jabatan} WHERE id = %s)
    UNION ALL
    SELECT j.id, j.parent_id, j.jenis, n.tingkat + 1 FROM {jabatan} j JOIN naik n ON j.id = n.parent_id
    WHERE n.tingkat < 50
)
SELECT id, jenis FROM naik ORDER BY tingkat
"""


def _leluhur(jabatan_id: int) -> list[tuple[int, str]]:
    """The ancestors of a position, nearest first, with their jenis (one query; a cycle stops at 50 levels)."""
    with connection.cursor() as cursor:
        cursor.execute(_SQL_LELUHUR.format(jabatan=Jabatan._meta.db_table), [jabatan_id])
        rows = cursor.fetchall()
    seen: set[int] = set()
    result = []
    for jid, jenis in rows:
        if jid in seen:
            break
        seen.add(jid)
        result.append((jid, jenis))
    return result


def penilai_jabatan(jabatan_id: int, on: datetime.date, kecuali: int | None = None) -> Penilai | None:
    """Who rates the holder of ``jabatan_id`` on ``on``: the holder of the nearest parent position who may rate
    (at least pengawas, or delegated), a vacant position or one held by someone who may not rate passing up.
    ``kecuali`` (the rated pegawai) is never their own penilai (a Plh taken from the section's own staff)."""
    ancestors = _leluhur(jabatan_id)
    if not ancestors:
        return None
    holders = _holders({jid for jid, _ in ancestors}, on, kecuali=kecuali)
    candidates = {pid for rows in holders.values() for pid, _ in rows}
    delegated = didelegasi(candidates, on) if candidates else set()
    for jid, jenis in ancestors:
        if jenis in JENIS_PENILAI:
            rows = holders[jid]
        else:
            # A JF or pelaksana above the pegawai (a ketua tim) rates only with a delegation.
            rows = [(pid, Penilai.DELEGASI) for pid, _ in holders[jid] if pid in delegated]
        if rows:
            pid, dasar = rows[0]
            return Penilai(Pegawai.objects.get(pk=pid), jid, dasar)
        # Nobody here may rate (vacant, or no delegation): supervision passes up.
    return None


def penilai_pada(pegawai: Pegawai, on: datetime.date | None = None, *, jabatan_id: int | None = None) -> Penilai | None:
    """The pejabat penilai kinerja of ``pegawai`` on ``on``: the override when set (and still active), else who
    rates the position they hold that day (:func:`penilai_jabatan`). ``jabatan_id`` asks about a position they
    act in as Plt/Plh instead (the override belongs to their own position only)."""
    on = _today(on)
    definitif = jabatan_pada(pegawai, on)
    if pegawai.atasan_override_id and jabatan_id in (None, definitif):
        override = Pegawai.objects.filter(pk=pegawai.atasan_override_id, aktif=True).first()
        if override:
            return Penilai(override, None, Penilai.PENETAPAN)
    jabatan_id = jabatan_id or definitif
    if jabatan_id is None:
        return None
    return penilai_jabatan(jabatan_id, on, kecuali=pegawai.pk)


def atasan_langsung(
    pegawai: Pegawai, on: datetime.date | None = None, *, jabatan_id: int | None = None
) -> Pegawai | None:
    """The pejabat penilai kinerja of ``pegawai`` on ``on`` (:func:`penilai_pada`), as a pegawai."""
    penilai = penilai_pada(pegawai, on, jabatan_id=jabatan_id)
    return penilai.pegawai if penilai else None


@dataclass(frozen=True)
class KepalaDaerah:
    """The kepala daerah as pejabat penilai: not an ASN and not a user of the portal, so not a :class:`Pegawai`;
    named by the settings ``KEPALA_DAERAH_JABATAN`` / ``KEPALA_DAERAH_NAMA`` (the name may be empty)."""

    jabatan: str
    nama: str


def kepala_daerah_penilai(pegawai: Pegawai, on: datetime.date | None = None) -> KepalaDaerah | None:
    """The kepala daerah when they are the pejabat penilai of ``pegawai`` on ``on``: a JPT whose position has no
    supervising position and who has no atasan set for them (the Sekretaris Daerah). :func:`penilai_pada` answers
    ``None`` for them because the kepala daerah is no pegawai; pages that name the atasan show this instead of
    "none". The SKP app asks the same of an SKP (``skp.selectors.identitas.dinilai_kepala_daerah``)."""
    on = _today(on)
    if pegawai.atasan_override_id and Pegawai.objects.filter(pk=pegawai.atasan_override_id, aktif=True).exists():
        return None
    jabatan_id = jabatan_pada(pegawai, on)
    if jabatan_id is None:
        return None
    if not Jabatan.objects.filter(pk=jabatan_id, jenis=JenisJabatan.JPT, parent__isnull=True).exists():
        return None
    return KepalaDaerah(jabatan=settings.KEPALA_DAERAH_JABATAN, nama=settings.KEPALA_DAERAH_NAMA)


def atasan_pejabat_penilai(pegawai: Pegawai, on: datetime.date | None = None) -> Pegawai | None:
    atasan = atasan_langsung(pegawai, on)
    return atasan_langsung(atasan, on) if atasan else None


# --- the rule's pieces in SQL (here and in :mod:`pegawai.supervisi`) -------------------------------------------


def tabel_sql() -> dict[str, str]:
    qn = connection.ops.quote_name
    return {
        "pegawai": qn(Pegawai._meta.db_table),
        "jabatan": qn(Jabatan._meta.db_table),
        "penugasan": qn(Penugasan._meta.db_table),
        "riwayat": qn(RiwayatJabatan._meta.db_table),
        "delegasi": qn(DelegasiPenilai._meta.db_table),
        "penilai": ", ".join(f"'{jenis}'" for jenis in JENIS_PENILAI),
    }


def sql_boleh_menilai(t: dict[str, str], orang: str, tanggal: str) -> str:
    """The position ``j`` (joined by the caller) lets ``orang`` rate on ``tanggal``: at least pengawas, or a
    delegation that day (:func:`pegawai.atasan.penilai_jabatan`)."""
    return f"""(j.jenis IN ({t["penilai"]}) OR EXISTS (
        SELECT 1 FROM {t["delegasi"]} d WHERE d.penerima_id = {orang} AND d.tanggal_mulai <= {tanggal}
          AND d.tanggal_selesai >= {tanggal} AND d.dibatalkan_pada IS NULL))"""


def sql_pemegang(t: dict[str, str], alias: str, jabatan: str, tanggal: str) -> str:
    """``{alias}`` (a RiwayatJabatan row) holds ``jabatan`` on ``tanggal`` (:meth:`RiwayatJabatanQuerySet.pada`)."""
    return f"""{alias}.jabatan_id = {jabatan} AND {alias}.tmt <= {tanggal}
        AND ({alias}.tanggal_selesai >= {tanggal} OR ({alias}.tanggal_selesai IS NULL
             AND EXISTS (SELECT 1 FROM {t["pegawai"]} ap WHERE ap.id = {alias}.pegawai_id AND ap.aktif)))"""


# The positions the pegawai ``{orang}`` (a condition on their id) hold on ``{tanggal}`` (definitively or as Plt/Plh)
# through which they may rate, with who holds them. One rule for :func:`jabatan_penilai` (many pegawai, one date)
# and :func:`id_bawahan_langsung_pada` (one pegawai, the date of each row of ``tg``): :func:`_sql_penilai_pada`.
_SQL_PENILAI_PADA = """
    SELECT x.pegawai_id, x.jabatan_id FROM (
        SELECT r.pegawai_id, r.jabatan_id FROM {riwayat} r
        WHERE r.pegawai_id {orang} AND {pemegang_r}
        UNION ALL
        SELECT g.pegawai_id, g.jabatan_id FROM {penugasan} g
        WHERE g.pegawai_id {orang} AND g.tanggal_mulai <= {tanggal} AND g.tanggal_selesai >= {tanggal}
    ) x JOIN {jabatan} j ON j.id = x.jabatan_id
    WHERE {boleh_x}"""


def _sql_penilai_pada(t: dict[str, str], orang: str, tanggal: str) -> str:
    return _SQL_PENILAI_PADA.format(
        **t,
        orang=orang,
        tanggal=tanggal,
        pemegang_r=sql_pemegang(t, "r", "r.jabatan_id", tanggal),
        boleh_x=sql_boleh_menilai(t, "x.pegawai_id", tanggal),
    )


# Positions below the rater's ones (``{akar}``: rows of (tanggal, jabatan_id)) whose holders they rate on that date:
# the children, and through a child nobody may rate from, that child's children, recursively.
_SQL_TURUN = """
turun(tanggal, id, jejak) AS (
    SELECT a.tanggal, j.id, ARRAY[j.id] FROM {akar} a JOIN {jabatan} j ON j.parent_id = a.jabatan_id
  UNION ALL
    SELECT t.tanggal, c.id, t.jejak || c.id
    FROM turun t JOIN {jabatan} j ON j.id = t.id JOIN {jabatan} c ON c.parent_id = t.id
    WHERE NOT (c.id = ANY(t.jejak)) AND cardinality(t.jejak) < 50
      AND NOT EXISTS (
          SELECT 1 FROM {riwayat} h
          WHERE {pemegang_h} AND {boleh_h}
      )
      AND NOT EXISTS (
          SELECT 1 FROM {penugasan} g
          WHERE g.jabatan_id = j.id AND g.tanggal_mulai <= t.tanggal AND g.tanggal_selesai >= t.tanggal
            AND {boleh_g}
      )
)"""


def _sql_turun(t: dict[str, str], akar: str) -> str:
    return _SQL_TURUN.format(
        **t,
        akar=akar,
        pemegang_h=sql_pemegang(t, "h", "j.id", "t.tanggal"),
        boleh_h=sql_boleh_menilai(t, "h.pegawai_id", "t.tanggal"),
        boleh_g=sql_boleh_menilai(t, "g.pegawai_id", "t.tanggal"),
    )


_SQL_DIBAWAHI = """
WITH RECURSIVE akar(tanggal, jabatan_id) AS (SELECT %(tanggal)s::date, unnest(%(akar)s::bigint[])),
{turun}
SELECT DISTINCT id FROM turun
"""


def _daftar(sql: str, params: dict) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


# --- downward: whom this pegawai rates on a date --------------------------------------------------------------


def jabatan_penilai(orang: set[int], on: datetime.date) -> set[int]:
    """The positions the pegawai ``orang`` hold on ``on`` (definitively or as Plt/Plh) through which they may
    rate: those of at least pengawas, or all of theirs while they hold a delegation. One query."""
    if not orang:
        return set()
    sql = f"SELECT DISTINCT p.jabatan_id FROM ({_sql_penilai_pada(tabel_sql(), '= ANY(%(orang)s)', '%(tanggal)s')}) p"
    return _daftar(sql, {"orang": list(orang), "tanggal": on})


def _jabatan_dibawahi(jabatan_ids: set[int], on: datetime.date) -> set[int]:
    """Positions whose holders are rated from ``jabatan_ids``: their children, and through a child nobody may rate
    from (vacant, or held only by people who may not rate) that child's children, recursively. One query.

    A position the rater holds may come back as a child: a Plh taken from the section's own staff rates the other
    holders of their own pelaksana position."""
    if not jabatan_ids:
        return set()
    sql = _SQL_DIBAWAHI.format(turun=_sql_turun(tabel_sql(), "akar"))
    return _daftar(sql, {"akar": list(jabatan_ids), "tanggal": on})


def _bawahan_filter(pegawai_ids: set[int], jabatan_ids: set[int], on: datetime.date) -> Q:
    supervised = _jabatan_dibawahi(jabatan_ids, on) if jabatan_ids else set()
    # Read now, as ids: inside the OR below a subquery is estimated at half the city and the planner hashes every
    # pegawai and every position (30 ms a call at 20,000 pegawai, dozens of calls on an atasan's landing page).
    holders = list(
        RiwayatJabatan.objects.pada(on).filter(jabatan_id__in=supervised).values_list("pegawai_id", flat=True)
    )
    tanpa_penetapan = Q(atasan_override__isnull=True) | Q(atasan_override__aktif=False)
    return Q(atasan_override_id__in=pegawai_ids) | (tanpa_penetapan & Q(pk__in=holders))


def bawahan_langsung(pegawai: Pegawai, on: datetime.date | None = None) -> QuerySet[Pegawai]:
    """The pegawai whose pejabat penilai is ``pegawai`` on ``on`` (including through a Plt/Plh, an override or a
    delegation). Someone who has left still counts for the days they worked under ``pegawai``."""
    on = _today(on)
    q = _bawahan_filter({pegawai.pk}, jabatan_penilai({pegawai.pk}, on), on)
    di_jabatan = RiwayatJabatan.objects.pada(on).values("pegawai_id")
    return Pegawai.objects.filter(q, pk__in=di_jabatan).exclude(pk=pegawai.pk)


def id_bawahan_langsung(pegawai: Pegawai, on: datetime.date | None = None) -> frozenset[int]:
    """The ids of :func:`bawahan_langsung`, remembered per date for the rest of the request (:mod:`portal.ingat`):
    every page asks it for its menu (is this login an atasan?), and many again for their blocks, filters and
    permission checks. One statement (:func:`id_bawahan_langsung_pada`) instead of the queryset's two or three
    queries, each of them costlier to build than to run."""
    on = _today(on)
    return id_bawahan_langsung_pada(pegawai, [on])[on]


def bawahan_langsung_teringat(pegawai: Pegawai, on: datetime.date | None = None) -> QuerySet[Pegawai]:
    """:func:`bawahan_langsung` as a queryset over the ids remembered for this request (:func:`id_bawahan_langsung`):
    for a page that lists the bawahan after its menu and blocks have already asked who they are."""
    return Pegawai.objects.filter(pk__in=sorted(id_bawahan_langsung(pegawai, on)))


# :func:`bawahan_langsung` of one pegawai on many dates in one statement: the three steps of the one-day answer
# (:func:`jabatan_penilai`, :data:`_SQL_DIBAWAHI`, then the holders without an override elsewhere, and those
# overridden to this pegawai, who hold a position that day) with the date carried along as a column.
_SQL_BAWAHAN_PADA = """
WITH RECURSIVE tg(tanggal) AS (SELECT DISTINCT unnest(%(tanggal)s::date[])),
penilai(tanggal, jabatan_id) AS (
    SELECT DISTINCT tg.tanggal, x.jabatan_id FROM tg CROSS JOIN LATERAL ({penilai_pada}) x
),
{turun},
dibawahi(tanggal, jabatan_id) AS (SELECT DISTINCT tanggal, id FROM turun),
calon(tanggal, pegawai_id) AS (
    SELECT d.tanggal, r.pegawai_id
    FROM dibawahi d JOIN {riwayat} r ON {pemegang_d}
    JOIN {pegawai} p ON p.id = r.pegawai_id
    LEFT JOIN {pegawai} ov ON ov.id = p.atasan_override_id
    WHERE p.atasan_override_id IS NULL OR NOT ov.aktif
  UNION
    SELECT tg.tanggal, p.id FROM tg JOIN {pegawai} p ON p.atasan_override_id = %(orang)s
)
SELECT c.tanggal, c.pegawai_id FROM calon c
WHERE c.pegawai_id <> %(orang)s
  AND EXISTS (SELECT 1 FROM {riwayat} r WHERE r.pegawai_id = c.pegawai_id AND {pemegang_c})
"""


#: :func:`_sql_penilai_pada` for the one pegawai ``%(orang)s`` on the date of each row of ``tg``.
_SATU_TG = ("= %(orang)s", "tg.tanggal")

# The dates of ``%(tanggal)s`` on which pegawai ``%(orang)s`` may have a bawahan at all: someone's atasan is set to
# them by hand, or they hold a position through which they may rate. On the other dates :data:`_SQL_BAWAHAN_PADA`
# is empty: its first step (the positions they rate from) is, and so is its second part (the overrides).
_SQL_MUNGKIN_MENILAI = """
SELECT tg.tanggal FROM (SELECT DISTINCT unnest(%(tanggal)s::date[])) tg(tanggal)
WHERE EXISTS (SELECT 1 FROM {pegawai} o WHERE o.atasan_override_id = %(orang)s)
   OR EXISTS ({penilai_pada})
"""


def _langsung_lengkap(pegawai: Pegawai) -> bool:
    """Whether :func:`id_bawahan_langsung_pada` goes straight to the full statement for ``pegawai``: their present
    position (read with the login, :func:`pegawai.akses.pegawai_of`) is one that rates, or was not read along.
    Most logins are staff whose position does not rate: for them it first asks the small
    :data:`_SQL_MUNGKIN_MENILAI` — planning the full statement costs 1.5 ms, on every page's menu — and answers
    from it alone when it finds no date. This only picks the path: the small statement itself asks every position
    held on each date, so a stale present position never changes an answer."""
    if not Pegawai.jabatan.is_cached(pegawai):
        return True
    return pegawai.jabatan is not None and pegawai.jabatan.jenis in JENIS_PENILAI


def id_bawahan_langsung_pada(pegawai: Pegawai, tanggal: Iterable[datetime.date]) -> dict[datetime.date, frozenset[int]]:
    """:func:`id_bawahan_langsung` on each of ``tanggal``, the dates not yet answered in this request computed in
    one query together (an atasan's supervision stretches over a window are dozens where delegations come and go)
    and remembered for later one-date questions."""

    def hitung(kunci: list[tuple]) -> dict[tuple, frozenset[int]]:
        t = tabel_sql()
        per_tanggal: dict[datetime.date, set[int]] = {k[2]: set() for k in kunci}
        dicari = list(per_tanggal)
        if not _langsung_lengkap(pegawai):
            with connection.cursor() as cursor:
                sql = _SQL_MUNGKIN_MENILAI.format(pegawai=t["pegawai"], penilai_pada=_sql_penilai_pada(t, *_SATU_TG))
                cursor.execute(sql, {"tanggal": dicari, "orang": pegawai.pk})
                dicari = [row[0] for row in cursor.fetchall()]
        if dicari:
            sql = _SQL_BAWAHAN_PADA.format(
                **t,
                penilai_pada=_sql_penilai_pada(t, *_SATU_TG),
                turun=_sql_turun(t, "penilai"),
                pemegang_d=sql_pemegang(t, "r", "d.jabatan_id", "d.tanggal"),
                pemegang_c=sql_pemegang(t, "r", "r.jabatan_id", "c.tanggal"),
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, {"tanggal": dicari, "orang": pegawai.pk})
                for pada, pk in cursor.fetchall():
                    per_tanggal[pada].add(pk)
        return {k: frozenset(per_tanggal[k[2]]) for k in kunci}

    tanggal = list(tanggal)
    if not tanggal:
        return {}
    hasil = ingat_banyak((("pegawai.bawahan_langsung", pegawai.pk, on) for on in tanggal), hitung)
    return {k[2]: ids for k, ids in hasil.items()}


def bawahan_dua_tingkat(pegawai: Pegawai, on: datetime.date | None = None) -> QuerySet[Pegawai]:
    """Direct bawahan and their bawahan: what an atasan pejabat penilai sees."""
    on = _today(on)
    direct_ids = id_bawahan_langsung(pegawai, on)
    if not direct_ids:
        return Pegawai.objects.none()
    eligible = jabatan_penilai(direct_ids, on)
    second = _bawahan_filter(direct_ids, eligible, on)
    di_jabatan = RiwayatJabatan.objects.pada(on).values("pegawai_id")
    return Pegawai.objects.filter(Q(pk__in=direct_ids) | (second & Q(pk__in=di_jabatan))).exclude(pk=pegawai.pk)


def riwayat_jabatan(pegawai: Pegawai) -> QuerySet[RiwayatJabatan]:
    """The positions ``pegawai`` held, latest first, with their unit and OPD (the profile's history)."""
    return (
        RiwayatJabatan.objects.filter(pegawai=pegawai)
        .select_related("jabatan__unit_kerja__perangkat_daerah")
        .order_by("-tmt")
    )
