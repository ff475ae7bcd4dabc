"""Audit trail: every tracked model gets Postgres triggers (django-pghistory), so bulk updates are covered.

Use ``@tracked()`` on every model whose changes matter (who, when, before, after). The acting user comes from
:class:`HistoryMiddleware` for requests and from ``pghistory.context(user=...)`` elsewhere.
"""

import datetime
import functools
import hashlib
import itertools
from dataclasses import dataclass
from types import SimpleNamespace

import orjson
import pghistory
import pghistory.middleware
from django.apps import apps
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone


def meta_event() -> dict:
    """The Meta of every event table: an index on (time, id), the order the audit page reads them in
    (:func:`halaman_audit`). A new Index each call: Django names an index after the model it is given to."""
    return {"indexes": [models.Index(fields=["pgh_created_at", "pgh_id"])]}


def tracked(**kwargs):
    return pghistory.track(
        pghistory.InsertEvent(),
        pghistory.UpdateEvent(),
        pghistory.DeleteEvent(),
        meta=meta_event(),
        **kwargs,
    )


class _PelakuPermintaan:
    """The acting user of a request in pghistory's context, worked out when an event is written
    (:class:`AuditJSONEncoder`) rather than when the request starts: pghistory's own middleware reads
    ``request.user`` for every request, which loads the user's row even for a page that needs nobody's data. A
    request that writes has loaded its user by then anyway (its permission checks)."""

    __slots__ = ("request",)

    def __init__(self, request):
        self.request = request

    def pk(self):
        user = getattr(self.request, "user", None)
        return user.pk if user is not None and user.is_authenticated else None


class HistoryMiddleware(pghistory.middleware.HistoryMiddleware):
    """pghistory's middleware (the request's user and path on every event it writes) with the user read lazily."""

    def get_context(self, request) -> dict:
        return {"user": _PelakuPermintaan(request), "url": request.path}


class AuditJSONEncoder(DjangoJSONEncoder):
    """pghistory's context encoder (``PGHISTORY_JSON_ENCODER``): Django's, plus the request's lazy acting user."""

    def default(self, o):
        if isinstance(o, _PelakuPermintaan):
            return o.pk()
        return super().default(o)


def as_actor(user, **extra):
    """Context manager attributing the events written inside it to ``user`` (for commands and tasks)."""
    data = {"user": getattr(user, "pk", user)}
    data.update(extra)
    return pghistory.context(**data)


def as_person(person, **extra):
    """:func:`as_actor` for a person record (``settings.PORTAL_PERSON_MODEL``): the events carry both the login
    (``person.user_id``) and the person, so the audit page can name who acted even after the login is gone."""
    return as_actor(person.user_id, pegawai=person.pk, **extra)


# --- reading the trail ---------------------------------------------------------------------------------------------

#: Changes per page of the audit trail.
PER_HALAMAN = 25


@functools.cache
def model_diaudit() -> tuple[tuple[str, type], ...]:
    """(label of the tracked model, its event model) for every tracked model, in a fixed order. Worked out once:
    the models are all registered before the first request reads the trail."""
    pasangan = {
        (model._meta.label, event_model)
        for model in apps.get_models()
        for event_model in (getattr(model, "pgh_event_models", None) or {}).values()
    }
    return tuple(sorted(pasangan, key=lambda p: p[0]))


@dataclass(frozen=True)
class HalamanAudit:
    """One page of the trail, newest first: events shaped like pghistory's ``Events`` rows (``pgh_created_at``,
    ``pgh_label``, ``pgh_obj_model``, ``pgh_obj_id``, ``pgh_data``, ``pgh_diff``, ``pgh_context``, ``user_id``),
    and the opaque position after its last one when there are older events."""

    events: list
    berikutnya: str | None


def _baca_kursor(kursor: str | None):
    if not kursor:
        return None
    try:
        waktu, pgh_id, label = signing.loads(kursor, salt=_GARAM_KURSOR)
        return datetime.datetime.fromisoformat(waktu), int(pgh_id), str(label)
    except (signing.BadSignature, ValueError, TypeError):
        return None  # a tampered or stale link: the first page


_GARAM_KURSOR = "portal.audit.kursor"


def _tabel_konteks() -> str:
    # Imported here: this module is imported while the apps' models load.
    from pghistory.models import Context

    return Context._meta.db_table


# Reading the trail. Its order is (time, id, kind of data), newest first: a total order, so a page never skips or
# repeats an event that shares its time and id with one of another table. Each event's position in that order is a
# row of PosisiAudit, written with the acting user by a trigger on the event tables: one index for the whole trail
# instead of one per tracked model, whose union cost more to start than to run. The page is then one call of a
# PL/pgSQL function generated from the tracked models, whose statements are planned once per database connection
# and kept. Both are installed after every ``migrate`` (:func:`pasang_pembaca`); the function's name carries a hash
# of its text, so the code never calls a version generated for other models.

_PEMICU = "portal_posisi_audit"
_AWALAN_FUNGSI = "portal_halaman_audit_"
#: A page function replaced by a newer version is kept this long after it was replaced (marked in its comment,
#: dropped by the first migrate after that): during a rolling deploy the previous release's web processes still
#: call the version they generated until they restart.
_VERSI_LAMA_DISIMPAN = datetime.timedelta(days=1)
_TANDA_DIGANTI = "diganti "

# The positions of the trail in PosisiAudit, grouped by kind of data: the trail of one actor (optionally of one kind
# of data or change), of one kind of change, or the whole trail — each a statement of its own, planned for its
# index (the actor's, the kind of change's, the primary key).
_SQL_POSISI = """SELECT s.model, array_agg(s.pgh_id) FROM (
          SELECT p.model, p.pgh_id FROM {posisi} p
          WHERE {syarat} AND p.pgh_created_at >= p_dari AND p.pgh_created_at < p_sampai
            AND (p.pgh_created_at, p.pgh_id, p.model) < (p_batas_waktu, p_batas_id, p_batas_model)
          ORDER BY p.pgh_created_at DESC, p.pgh_id DESC, p.model DESC LIMIT p_n) s GROUP BY s.model"""

_SYARAT_AKTOR = (
    "p.user_id = p_user AND (p_model IS NULL OR p.model = p_model) AND (p_label IS NULL OR p.pgh_label = p_label)"
)

# One kind of data: the page's positions from its event table — by time, or one object's by the object's index —
# and their rows. (time, id, label) after the page's position, the label a constant here: (time, id) up to and
# including the position's when the label sorts before the position's, else strictly before it. One actor's events
# of one object are those whose position names the actor.
_SQL_MODEL = """IF p_model = {label} THEN
        IF p_objek IS NULL THEN
          SELECT array_agg(s.pgh_id) INTO ids FROM (
            SELECT e.pgh_id FROM {tabel} e
            WHERE e.pgh_created_at >= p_dari AND e.pgh_created_at < p_sampai
              AND (e.pgh_created_at, e.pgh_id)
                  < (p_batas_waktu, p_batas_id + (({label} COLLATE "C") < p_batas_model)::integer)
              AND (p_label IS NULL OR e.pgh_label = p_label)
            ORDER BY e.pgh_created_at DESC, e.pgh_id DESC LIMIT p_n) s;
        ELSE
          SELECT array_agg(s.pgh_id) INTO ids FROM (
            SELECT e.pgh_created_at, e.pgh_id FROM {tabel} e
            WHERE e.pgh_obj_id = p_objek AND e.pgh_created_at >= p_dari AND e.pgh_created_at < p_sampai
              AND (e.pgh_created_at, e.pgh_id)
                  < (p_batas_waktu, p_batas_id + (({label} COLLATE "C") < p_batas_model)::integer)
              AND (p_label IS NULL OR e.pgh_label = p_label)
              AND (p_user IS NULL OR EXISTS (
                SELECT FROM {posisi} p WHERE p.pgh_created_at = e.pgh_created_at AND p.pgh_id = e.pgh_id
                  AND p.model = {label} AND p.user_id = p_user))
            ORDER BY e.pgh_created_at DESC, e.pgh_id DESC LIMIT p_n) s;
        END IF;
        {baca}"""

# The rows of one kind of data at ``ids``, as one JSON array, with their contexts, each change and deletion with what
# its object's previous event held in the columns that differ (the diff). An insertion is shown whole: pghistory
# would diff it against an earlier object that had the same id, which is no change of this one. Values go as arrays
# in the order of :func:`_kolom_event` (an event's columns; for the diff, per tracked column null when unchanged, else
# [value before], so a column that was null still shows), not as objects: naming every column of every row, and
# sending the previous event's whole row, took a third of the database's time (turning values into JSON is most of
# it).
_SQL_BACA = """RETURN QUERY SELECT {label}::text,
            json_agg(json_build_array({baris},
                                      CASE WHEN p.pgh_id IS NOT NULL THEN {sebelum} END,
                                      c.metadata))::text
          FROM {tabel} e
          LEFT JOIN LATERAL (SELECT * FROM {tabel} p
                             WHERE e.pgh_label <> 'insert' AND p.pgh_obj_id = e.pgh_obj_id AND p.pgh_id < e.pgh_id
                             ORDER BY p.pgh_id DESC LIMIT 1) p ON true
          LEFT JOIN {konteks} c ON c.id = e.pgh_context_id
          WHERE e.pgh_id = ANY(ids);"""
_SQL_BERUBAH = "CASE WHEN e.{q} IS DISTINCT FROM p.{q} THEN json_build_array(p.{q}) END"
#: pghistory's own columns of an event: the page shows them apart, and they are not part of the diff.
_KOLOM_PGH = frozenset({"pgh_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "pgh_context_id"})

_SQL_FUNGSI = """CREATE OR REPLACE FUNCTION {nama}(
    p_dari timestamptz, p_sampai timestamptz, p_batas_waktu timestamptz, p_batas_id integer, p_batas_model text,
    p_label text, p_model text, p_user integer, p_objek bigint, p_n integer)
  RETURNS TABLE(o_model text, o_baris text)
  LANGUAGE plpgsql STABLE
  -- The parameters change nothing in the statements' plans: plan each once, not five times first.
  SET plan_cache_mode = force_generic_plan
AS $fungsi$
#variable_conflict use_column
DECLARE
  posisi refcursor;
  m text;
  ids integer[];
BEGIN
  IF p_user IS NOT NULL AND p_objek IS NULL THEN
    OPEN posisi FOR {posisi_aktor};
  ELSIF p_model IS NULL AND p_label IS NOT NULL THEN
    OPEN posisi FOR {posisi_label};
  ELSIF p_model IS NULL THEN
    OPEN posisi FOR {posisi_semua};
  ELS{model}
  END IF;
  IF posisi IS NOT NULL THEN
    LOOP
      FETCH posisi INTO m, ids;
      EXIT WHEN NOT FOUND;
      {baris}
      END IF;
    END LOOP;
    CLOSE posisi;
  END IF;
END
$fungsi$"""


@functools.cache
def _kolom_event() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per tracked model's label: (every column of its event table, the tracked ones — all but pghistory's), in the
    order the page function sends their values."""
    hasil = {}
    for label, event_model in model_diaudit():
        semua = tuple(f.column for f in event_model._meta.concrete_fields)
        hasil[label] = (semua, tuple(k for k in semua if k not in _KOLOM_PGH))
    return hasil


def _larik(nilai: list[str]) -> str:
    """A JSON array of the SQL expressions ``nilai``, as arrays of at most 100 (a function takes 100 arguments)."""
    bagian = (f"json_build_array({', '.join(nilai[i : i + 100])})" for i in range(0, len(nilai), 100))
    return f"json_build_array({', '.join(bagian)})"


def model_diaudit_sql() -> list[tuple[str, str, str, str]]:
    """(quoted label, quoted event table, its row's values, its diff's values) of every tracked model, for SQL text
    (:data:`_SQL_BACA`). A label is written into the text as a literal: checked to be ``app.Model`` identifiers,
    which need no escaping."""
    qn = connection.ops.quote_name
    hasil = []
    for label, event_model in model_diaudit():
        if not all(bagian.isidentifier() for bagian in label.split(".")):
            raise ValueError(f"Label model tidak lazim: {label!r}")
        semua, kolom = _kolom_event()[label]
        baris = _larik([f"e.{qn(k)}" for k in semua])
        sebelum = _larik([_SQL_BERUBAH.format(q=qn(k)) for k in kolom])
        hasil.append((f"'{label}'", qn(event_model._meta.db_table), baris, sebelum))
    return hasil


@functools.cache
def fungsi_halaman() -> tuple[str, str]:
    """(name, CREATE statement) of the page function for the tracked models of this code."""
    from .models import PosisiAudit

    qn = connection.ops.quote_name
    konteks = qn(_tabel_konteks())
    model = model_diaudit_sql()
    posisi = qn(PosisiAudit._meta.db_table)
    baca = {
        label: _SQL_BACA.format(label=label, tabel=tabel, konteks=konteks, baris=baris, sebelum=sebelum)
        for label, tabel, baris, sebelum in model
    }
    badan = _SQL_FUNGSI.format(
        nama="{nama}",
        posisi_aktor=_SQL_POSISI.format(posisi=posisi, syarat=_SYARAT_AKTOR),
        posisi_label=_SQL_POSISI.format(posisi=posisi, syarat="p.pgh_label = p_label"),
        posisi_semua=_SQL_POSISI.format(posisi=posisi, syarat="true"),
        baris="\n      ELS".join(f"IF m = {label} THEN\n        {baca[label]}" for label, *_ in model),
        model="\n  ELS".join(
            _SQL_MODEL.format(label=label, tabel=tabel, posisi=posisi, baca=baca[label]) for label, tabel, *_ in model
        ),
    )
    nama = _AWALAN_FUNGSI + hashlib.sha256(badan.encode()).hexdigest()[:12]
    return nama, badan.replace("{nama}", nama)


def _diganti_pada(catatan: str | None) -> datetime.datetime | None:
    """When a page function was marked replaced (by its comment); None when it is not marked as this module marks
    it (a comment written by hand, a time without its zone: marked again, rather than failing the migrate)."""
    if not catatan or not catatan.startswith(_TANDA_DIGANTI):
        return None
    try:
        waktu = datetime.datetime.fromisoformat(catatan.removeprefix(_TANDA_DIGANTI))
    except ValueError:
        return None
    return waktu if waktu.tzinfo is not None else None


def pasang_pembaca(using: str = "default", **kwargs) -> None:
    """A post_migrate receiver, run when every event table exists: the position trigger on every event table (with
    the positions of the events written before it), then this code's page function; other versions are marked
    replaced, and dropped once replaced for longer than :data:`_VERSI_LAMA_DISIMPAN`."""
    from django.db import connections, transaction

    from .models import PosisiAudit

    qn = connections[using].ops.quote_name
    posisi = qn(PosisiAudit._meta.db_table)
    dilacak = {event_model._meta.db_table: label for label, event_model in model_diaudit()}
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, encode(t.tgargs, 'escape') FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s AND c.relnamespace = to_regnamespace(current_schema())",
            [_PEMICU],
        )
        terpasang = {tabel: argumen.split("\\000")[0] for tabel, argumen in cursor.fetchall()}
    for tabel, label in dilacak.items():
        lama = terpasang.get(tabel)
        if lama == label:
            continue
        # One transaction per table: the trigger's lock holds that table's writers (only) until its positions are
        # copied, so no event falls between the copied positions and those the trigger writes.
        with transaction.atomic(using=using), connections[using].cursor() as cursor:
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER {_PEMICU} AFTER INSERT OR DELETE ON {qn(tabel)} "
                f"FOR EACH ROW EXECUTE FUNCTION {_PEMICU}(%s)",
                [label],
            )
            if lama is None:
                # The actor as the trigger reads it (portal/migrations/0005_posisi_audit.py).
                cursor.execute(
                    f"INSERT INTO {posisi} (model, pgh_created_at, pgh_id, pgh_label, user_id) "
                    f"SELECT %s, pgh_created_at, pgh_id, pgh_label, portal_aktor_audit(pgh_context_id) "
                    f"FROM {qn(tabel)} ON CONFLICT DO NOTHING",
                    [label],
                )
            else:  # the model was renamed
                cursor.execute(f"UPDATE {posisi} SET model = %s WHERE model = %s", [label, lama])
    with transaction.atomic(using=using), connections[using].cursor() as cursor:
        for tabel in terpasang.keys() - dilacak.keys():  # an event table kept after its model stopped being tracked
            cursor.execute(f"DROP TRIGGER {_PEMICU} ON {qn(tabel)}")
        nama, sql = fungsi_halaman()
        cursor.execute(sql)
        cursor.execute(
            "SELECT p.oid::regprocedure::text, p.proname = %s, obj_description(p.oid, 'pg_proc') FROM pg_proc p "
            "WHERE p.pronamespace = to_regnamespace(current_schema()) AND p.proname LIKE %s",
            [nama, _AWALAN_FUNGSI + "%"],
        )
        versi = cursor.fetchall()
        sekarang = timezone.now()
        for fungsi, ini, catatan in versi:
            if ini:
                if catatan:  # this version had been replaced before (a release rolled back): it is current again
                    cursor.execute(f"COMMENT ON FUNCTION {fungsi} IS NULL")
            elif (diganti := _diganti_pada(catatan)) is None:
                cursor.execute(f"COMMENT ON FUNCTION {fungsi} IS %s", [_TANDA_DIGANTI + sekarang.isoformat()])
            elif sekarang - diganti > _VERSI_LAMA_DISIMPAN:
                cursor.execute(f"DROP FUNCTION {fungsi}")
        if len(versi) > 1:
            # Another version means other tracked models (or other code): the positions of a model no longer
            # tracked, whose event table went with its trigger, would hold places on the page with nothing to show.
            cursor.execute(f"DELETE FROM {posisi} WHERE NOT (model = ANY(%s))", [list(dilacak.values())])


def halaman_audit(
    *,
    dari: datetime.datetime,
    sampai: datetime.datetime,
    label: str | None = None,
    user_id: int | None = None,
    model_label: str | None = None,
    objek_id: int | None = None,
    kursor: str | None = None,
    per_halaman: int = PER_HALAMAN,
) -> HalamanAudit:
    """The events from ``dari`` to before ``sampai``, newest first, after ``kursor`` (keyset pagination); an
    object's events (``objek_id``) need its kind of data (``model_label``).

    pghistory's ``Events`` view computes every event's diff over every event table before it can sort (a minute and
    a half for a city's year of history); this reads the page's positions from PosisiAudit's indexes (the whole
    trail's, one actor's, one kind of change's; one kind of data's and one object's from its event table), then the
    page's rows, each with the previous event of its object for the diff, and their contexts: all in one call of
    the page function. An actor is who the event's context named when the event was written."""
    if objek_id is not None and not model_label:
        raise ValueError("objek_id butuh model_label")
    if model_label and model_label not in dict(model_diaudit()):
        return HalamanAudit([], None)
    # Without a position: before the window's end (every pgh_id is positive).
    batas = _baca_kursor(kursor) or (sampai, 0, "")
    nama, _sql = fungsi_halaman()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM {nama}(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                dari,
                sampai,
                *batas,
                label,
                model_label,
                user_id,
                objek_id,
                per_halaman + 1,
            ],
        )
        # One row per kind of data on the page: its events as one JSON array, decoded at once (None when the one
        # kind of data asked for has nothing there).
        events = [
            _event(label_model, *e) for label_model, teks in cursor.fetchall() if teks for e in orjson.loads(teks)
        ]
    events.sort(key=lambda e: (e.pgh_created_at, e.pgh_id, e.pgh_obj_model), reverse=True)
    ada_lagi = len(events) > per_halaman
    events = events[:per_halaman]
    berikutnya = None
    if ada_lagi:
        terakhir = events[-1]
        berikutnya = signing.dumps(
            [terakhir.pgh_created_at.isoformat(), terakhir.pgh_id, terakhir.pgh_obj_model], salt=_GARAM_KURSOR
        )
    return HalamanAudit(events, berikutnya)


def _event(label_model: str, baris: list, sebelum: list | None, metadata: dict | None) -> SimpleNamespace:
    """One event of the page function shaped like pghistory's ``Events``: its data without pghistory's columns, and
    the diff against the object's previous event as pghistory computes it (the tracked columns that changed: the
    function sends their earlier values). ``baris`` and ``sebelum`` are values in :func:`_kolom_event`'s order."""
    semua, kolom = _kolom_event()[label_model]
    data = dict(zip(semua, itertools.chain.from_iterable(baris), strict=True))
    # The database's JSON writes the time in the connection's zone (UTC), with its offset.
    waktu = datetime.datetime.fromisoformat(data.pop("pgh_created_at"))
    pgh_id, pgh_label, pgh_obj_id = data.pop("pgh_id"), data.pop("pgh_label"), data.pop("pgh_obj_id", None)
    data.pop("pgh_context_id", None)
    diff = {}
    if sebelum is not None:
        diff = {
            k: [lama[0], data[k]]
            for k, lama in zip(kolom, itertools.chain.from_iterable(sebelum), strict=True)
            if lama is not None
        }
    metadata = metadata or {}
    return SimpleNamespace(
        pgh_created_at=waktu,
        pgh_id=pgh_id,
        pgh_label=pgh_label,
        pgh_obj_model=label_model,
        pgh_obj_id=pgh_obj_id,
        pgh_data=data,
        pgh_diff=diff,
        pgh_context=metadata,
        user_id=metadata.get("user"),
    )
