"""Bulk writing for the demo seed: PostgreSQL COPY of planned rows, primary keys taken from a table's own sequence,
and switching foreign-key checks between per-statement and at-commit. Generic: no model is named here."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable

from django.db import connection


def copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format (as prepared by ``Field.get_db_prep_save``)."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime.date):  # and datetime
        return value.isoformat()
    if hasattr(value, "adapted") and hasattr(value, "dumps"):  # psycopg2 Json, from JSONField
        value = value.dumps(value.adapted)
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def copy_lines(cursor, table: str, columns: list[str], lines: Iterable[str]) -> None:
    """COPY ``lines`` (already in COPY text format, one row each with its newline) into ``table`` through a psycopg2
    cursor."""
    buffer = io.StringIO()
    buffer.writelines(lines)
    buffer.seek(0)
    qn = connection.ops.quote_name
    cursor.copy_expert(f"COPY {qn(table)} ({', '.join(map(qn, columns))}) FROM STDIN", buffer)


def copy_rows(cursor, table: str, columns: list[str], rows) -> None:
    """COPY ``rows`` (tuples in the order of ``columns``) into ``table`` through a psycopg2 cursor."""
    copy_lines(cursor, table, columns, ("\t".join(map(copy_text, row)) + "\n" for row in rows))


def with_defaults(model, fields: list[str], rows):
    """The database columns and complete rows for COPY into ``model``'s table: the values of ``fields`` given
    in ``rows``, then every other concrete field but the primary key with its model default, prepared as
    ``bulk_create`` would send it. So a field another app adds later (with a default) needs no change here."""
    meta = model._meta
    given = [meta.get_field(name) for name in fields]
    template = model()
    rest = [f for f in meta.concrete_fields if not f.primary_key and f not in given]
    defaults = tuple(f.get_db_prep_save(f.pre_save(template, add=True), connection) for f in rest)
    columns = [f.column for f in (*given, *rest)]
    return columns, ((*row, *defaults) for row in rows)


def check_constraints_now() -> None:
    """Check foreign keys per statement for the rest of the transaction.

    Django creates them DEFERRABLE INITIALLY DEFERRED, and PostgreSQL slows down every statement of a
    transaction that has tens of thousands of deferred checks queued: the 20,000-pegawai seed took 7 s instead
    of 4.5, its ``--reset`` 50 s instead of 9. The seed writes parents before children and Django's deletion
    collector clears or deletes referencing rows first, so checking at once accepts the same writes."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def check_constraints_at_commit() -> None:
    """Back to Django's default (every deferrable constraint it creates is INITIALLY DEFERRED)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def allocate_ids(model, count: int) -> list[int]:
    """``count`` new primary keys from the table's own sequence (identity column), in ascending order."""
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def copy_into(model, fields: list[str], rows: list[tuple], ids: list[int] | None = None) -> list[int]:
    """Insert ``rows`` (values of ``fields``) into ``model``'s table with COPY; returns their primary keys
    (``ids``, or new ones from the sequence).

    The 20,000-row tables go through COPY: ``bulk_create`` sends each column as an ``ARRAY[...]`` of 20,000
    separately parsed constants, which took twice as long as inserting the rows (triggers included). COPY
    fires the row triggers like INSERT does; the pghistory context was set for the whole transaction by the
    seed's first write through Django's cursor (``set_config(..., is_local => true)``)."""
    meta = model._meta
    ids = ids if ids is not None else allocate_ids(model, len(rows))
    columns, full = with_defaults(model, fields, rows)
    with connection.cursor() as cursor:
        copy_rows(
            cursor, meta.db_table, [meta.pk.column, *columns], ((pk, *row) for pk, row in zip(ids, full, strict=True))
        )
    return ids
