"""Who supervised whom over a range of dates.

:func:`pegawai.atasan.bawahan_langsung` answers for one day; a page or a bulk action covering weeks (the
verification queue, approving a selection) would ask it once per day. Supervision changes only where a Plt/Plh
starts or ends — positions, holders and overrides are not dated — so :func:`segmen_pengawasan` splits a range
into stretches over which the answer cannot change, and the callers ask once per stretch.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import connection

from .atasan import bawahan_langsung
from .models import Jabatan, Pegawai, Penugasan

_SQL_BATAS_PENUGASAN = """
WITH RECURSIVE dipegang(id) AS (
    SELECT %(jabatan)s
    UNION
    SELECT jabatan_id FROM {penugasan}
    WHERE pegawai_id = %(pegawai)s AND tanggal_mulai <= %(akhir)s AND tanggal_selesai >= %(awal)s
), turunan(id) AS (
    SELECT j.id FROM {jabatan} j JOIN dipegang d ON j.parent_id = d.id
    UNION
    SELECT j.id FROM {jabatan} j JOIN turunan t ON j.parent_id = t.id
)
SELECT DISTINCT tanggal_mulai, tanggal_selesai FROM {penugasan}
WHERE tanggal_mulai <= %(akhir)s AND tanggal_selesai >= %(awal)s
  AND (pegawai_id = %(pegawai)s OR jabatan_id IN (SELECT id FROM turunan))
"""


def segmen_pengawasan(
    actor: Pegawai, awal: datetime.date, akhir: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """Split ``awal``–``akhir`` into stretches over which the set of pegawai ``actor`` supervises cannot change.

    Supervision changes only where a Plt/Plh starts or ends (positions, holders and overrides are not dated):
    one of the actor's own, or one on a position anywhere below the positions the actor holds (it fills or
    vacates a position supervision passes through). One recursive query finds those dates."""
    if akhir < awal:
        return []
    sql = _SQL_BATAS_PENUGASAN.format(penugasan=Penugasan._meta.db_table, jabatan=Jabatan._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"jabatan": actor.jabatan_id, "pegawai": actor.pk, "awal": awal, "akhir": akhir})
        rentang = cursor.fetchall()
    satu_hari = datetime.timedelta(days=1)
    batas = {awal}
    for mulai, selesai in rentang:
        for hari in (mulai, selesai + satu_hari):
            if awal < hari <= akhir:
                batas.add(hari)
    urut = sorted(batas)
    return [(m, (urut[i + 1] - satu_hari) if i + 1 < len(urut) else akhir) for i, m in enumerate(urut)]


def bawahan_per_tanggal(actor: Pegawai, tanggal: Iterable[datetime.date]) -> dict[datetime.date, set[int]]:
    """The ids of the pegawai ``actor`` rates on each of the given dates (:func:`bawahan_langsung` of that
    date), computed once per stretch of :func:`segmen_pengawasan` that holds one of them."""
    tanggal = sorted(set(tanggal))
    if not tanggal:
        return {}
    hasil: dict[datetime.date, set[int]] = {}
    for mulai, selesai in segmen_pengawasan(actor, tanggal[0], tanggal[-1]):
        di_segmen = [t for t in tanggal if mulai <= t <= selesai]
        if not di_segmen:
            continue
        ids = set(bawahan_langsung(actor, mulai).values_list("pk", flat=True))
        for t in di_segmen:
            hasil[t] = ids
    return hasil
