"""Audit trail: every tracked model gets Postgres triggers (django-pghistory), so bulk updates are covered.

Use ``@tracked()`` on every model whose changes matter (who, when, before, after). The acting user comes from
``pghistory.middleware.HistoryMiddleware`` for requests and from ``pghistory.context(user=...)`` elsewhere.
"""

import datetime
import functools
import json
from collections import defaultdict
from dataclasses import dataclass
from types import SimpleNamespace

import pghistory
from django.apps import apps
from django.core import signing
from django.db import connection, models


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
    """The events from ``dari`` to before ``sampai``, newest first, after ``kursor`` (keyset pagination).

    pghistory's ``Events`` view computes every event's diff over every event table before it can sort (a minute and
    a half for a city's year of history); this reads the page's positions from the event tables' (time, id) indexes
    — one ``UNION ALL`` of each table's newest page after the position, sorted — and then the page's rows, each
    with the previous event of its object for the diff (one query per kind of data on the page), and their
    contexts. The order is (time, id, kind of data), descending: a total order, so a page never skips or repeats an
    event that shares its time and id with one of another table."""
    posisi = _baca_kursor(kursor)
    qn = connection.ops.quote_name
    context_table = qn(_tabel_konteks())
    bagian, params = [], []
    for label_model, event_model in model_diaudit():
        if model_label and label_model != model_label:
            continue
        syarat, p = ["e.pgh_created_at >= %s", "e.pgh_created_at < %s"], [dari, sampai]
        if label:
            syarat.append("e.pgh_label = %s")
            p.append(label)
        if objek_id is not None:
            syarat.append("e.pgh_obj_id = %s")
            p.append(objek_id)
        if user_id is not None:
            syarat.append(f"e.pgh_context_id IN (SELECT c.id FROM {context_table} c WHERE c.metadata->>'user' = %s)")
            p.append(str(user_id))
        if posisi is not None:
            waktu, pgh_id, label_kursor = posisi
            # Strictly after (waktu, pgh_id, label_kursor) in descending order; this table's label is a constant.
            syarat.append(f"(e.pgh_created_at, e.pgh_id) {'<=' if label_model < label_kursor else '<'} (%s, %s)")
            p += [waktu, pgh_id]
        # Each table's own newest rows (a backward scan of its (time, id) index that stops after a page): the page
        # is among them, and the planner need not be trusted to merge forty scans in order (it sorts them all).
        bagian.append(
            f"(SELECT e.pgh_created_at, e.pgh_id, %s::text AS model FROM {qn(event_model._meta.db_table)} e "
            f"WHERE {' AND '.join(syarat)} ORDER BY e.pgh_created_at DESC, e.pgh_id DESC LIMIT %s)"
        )
        params += [label_model, *p, per_halaman + 1]
    if not bagian:
        return HalamanAudit([], None)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM ({' UNION ALL '.join(bagian)}) u ORDER BY 1 DESC, 2 DESC, 3 DESC LIMIT %s",
            [*params, per_halaman + 1],
        )
        posisi_halaman = cursor.fetchall()
    ada_lagi = len(posisi_halaman) > per_halaman
    posisi_halaman = posisi_halaman[:per_halaman]
    events = _isi_events(posisi_halaman)
    berikutnya = None
    if ada_lagi:
        waktu, pgh_id, label_model = posisi_halaman[-1]
        berikutnya = signing.dumps([waktu.isoformat(), pgh_id, label_model], salt=_GARAM_KURSOR)
    return HalamanAudit(events, berikutnya)


def _isi_events(posisi: list[tuple]) -> list[SimpleNamespace]:
    """The events at ``posisi`` [(time, pgh_id, model label)] with their data, diff against the object's previous
    event (as pghistory computes it: the tracked columns that changed) and context: one query per kind of data."""
    qn = connection.ops.quote_name
    per_model: dict[str, list[int]] = defaultdict(list)
    for _waktu, pgh_id, label_model in posisi:
        per_model[label_model].append(pgh_id)
    event_model = dict(model_diaudit())
    baris: dict[tuple[str, int], tuple[dict, dict | None, dict]] = {}
    with connection.cursor() as cursor:
        for label_model, ids in per_model.items():
            tabel = qn(event_model[label_model]._meta.db_table)
            cursor.execute(
                f"SELECT e.pgh_id, to_jsonb(e), to_jsonb(p), c.metadata FROM {tabel} e LEFT JOIN LATERAL ("
                f"  SELECT * FROM {tabel} p WHERE p.pgh_obj_id = e.pgh_obj_id AND p.pgh_id < e.pgh_id"
                f"  ORDER BY p.pgh_id DESC LIMIT 1) p ON true "
                f"LEFT JOIN {qn(_tabel_konteks())} c ON c.id = e.pgh_context_id "
                f"WHERE e.pgh_id = ANY(%s)",
                [ids],
            )
            for pgh_id, kini, sebelum, metadata in cursor.fetchall():
                # Django reads jsonb as text (its JSONField decodes it).
                baris[(label_model, pgh_id)] = (
                    json.loads(kini),
                    json.loads(sebelum) if sebelum else None,
                    (json.loads(metadata) if metadata else None) or {},
                )
    events = []
    for waktu, pgh_id, label_model in posisi:
        kini, sebelum, metadata = baris[(label_model, pgh_id)]
        data = {k: v for k, v in kini.items() if not k.startswith("pgh_")}
        diff = {}
        if sebelum is not None:
            diff = {k: [sebelum[k], v] for k, v in data.items() if k in sebelum and sebelum[k] != v}
        events.append(
            SimpleNamespace(
                pgh_created_at=waktu,
                pgh_id=pgh_id,
                pgh_label=kini["pgh_label"],
                pgh_obj_model=label_model,
                pgh_obj_id=kini.get("pgh_obj_id"),
                pgh_data=data,
                pgh_diff=diff,
                pgh_context=metadata,
                user_id=metadata.get("user"),
            )
        )
    return events
