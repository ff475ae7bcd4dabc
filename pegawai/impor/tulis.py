"""Writing a valid import plan in bulk (:func:`tulis`): new OPDs, units and positions level by level, changed parents,
then the logins and pegawai. Inside the caller's transaction and audit context, with foreign keys checked per
statement (every referenced row is inserted before the rows that refer to it)."""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import DomainError

from ..models import Jabatan, Pegawai, PerangkatDaerah, RiwayatJabatan, UnitKerja, User
from ..services.mutasi import catat_mutasi
from .organisasi import JabatanNode, Organisasi, UnitNode
from .rencana import Perencana, RowPlan, planned_values
from .tmt_jabatan import urutan_mutasi


def unusable_password() -> str:
    """What ``make_password(None)`` returns, without its 40 calls to the system RNG per user (a 20,000-row file):
    the random suffix keeps unusable passwords distinct, the "!" prefix is what makes them unusable."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def tulis(perencana: Perencana) -> None:
    _tulis_organisasi(perencana.org)
    _tulis_pegawai(perencana)


def _tulis_organisasi(org: Organisasi) -> None:
    PerangkatDaerah.objects.bulk_create([n.obj for n in org.new_opds])

    for level in by_depth(org.new_units, _new_parent):
        for node in level:
            node.obj.perangkat_daerah_id = node.opd.obj.pk
            node.obj.parent_id = node.parent.obj.pk if node.parent else None
        UnitKerja.objects.bulk_create([n.obj for n in level])
    moved = [u for u in org.unit_by_pk.values() if u.parent_changed]
    for node in moved:
        node.obj.parent_id = node.parent.obj.pk
    UnitKerja.objects.bulk_update([n.obj for n in moved], ["parent"], batch_size=1000)
    # New units carry the file's unit_kerja_mandiri from their INSERT; existing ones get it here.
    flagged = [u.obj for u in org.unit_by_pk.values() if u.mandiri_changed]
    UnitKerja.objects.bulk_update(flagged, ["mandiri"], batch_size=1000)

    for level in by_depth(org.new_jabatan, _new_parent):
        for node in level:
            node.obj.unit_kerja_id = node.unit.obj.pk
            node.obj.parent_id = node.parent.obj.pk if node.parent else None
            node.obj.jenis, node.obj.jenjang = node.jenis, node.jenjang
        Jabatan.objects.bulk_create([n.obj for n in level], batch_size=2000)
    changed = [j for j in org.jabatan_by_pk.values() if j.changed]
    fields: set[str] = set()
    for node in changed:
        node.obj.parent_id = node.parent.obj.pk if node.parent else None
        node.obj.jenis, node.obj.jenjang = node.jenis, node.jenjang
        fields |= node.changed
    if changed:
        Jabatan.objects.bulk_update([n.obj for n in changed], sorted(fields), batch_size=1000)


def _tulis_pegawai(perencana: Perencana) -> None:
    rows = [row for row in perencana.rows if row.number not in perencana.errors]
    needs_user = [row for row in rows if row.existing is None or "user" in row.updates]
    new_users = []
    for row in needs_user:
        if row.nip not in perencana.users:
            # The pegawai signs in after an admin or the reset flow sets a password.
            new_users.append(User(username=row.nip, password=unusable_password()))
    User.objects.bulk_create(new_users, batch_size=5000)
    user_pk = {u.username: u.pk for u in new_users}
    user_pk.update({nip: pk for nip, (pk, _owner) in perencana.users.items()})

    by_nip: dict[str, Pegawai] = dict(perencana.existing)
    new_rows = [row for row in rows if row.existing is None]
    for row in new_rows:
        values = planned_values(row, None)
        by_nip[row.nip] = Pegawai(nip=row.nip, user_id=user_pk[row.nip], jabatan_id=row.jabatan.obj.pk, **values)

    def new_atasan(row: RowPlan) -> RowPlan | None:
        target = row.atasan_override if isinstance(row.atasan_override, str) else None
        atasan_row = perencana.rows_by_nip.get(target) if target else None
        return atasan_row if atasan_row is not None and atasan_row.existing is None else None

    # A new pegawai may name another new pegawai as atasan_override: create the atasan first.
    for level in by_depth(new_rows, new_atasan):
        objs = []
        for row in level:
            obj = by_nip[row.nip]
            if isinstance(row.atasan_override, str):
                obj.atasan_override_id = by_nip[row.atasan_override].pk
            objs.append(obj)
        Pegawai.objects.bulk_create(objs, batch_size=5000)
    # Each new pegawai holds their position from the file's TMT jabatan, else from their TMT CPNS (the earliest
    # fact the file gives).
    RiwayatJabatan.objects.bulk_create(
        [
            RiwayatJabatan(
                pegawai_id=by_nip[row.nip].pk,
                jabatan_id=row.jabatan.obj.pk,
                tmt=row.tmt_jabatan or by_nip[row.nip].tmt_cpns,
            )
            for row in new_rows
        ],
        batch_size=5000,
    )

    updated, fields = [], set()
    # Whoever leaves a leadership position is moved before whoever takes it (one definitive holder at a time).
    for row in urutan_mutasi(rows):
        if row.existing is None or not row.updates:
            continue
        obj = row.existing
        # The position first: its mutasi clears the old override, which the row may then set anew.
        for name, value in sorted(row.updates.items(), key=lambda item: item[0] != "jabatan"):
            if name == "jabatan":
                # A changed position is a mutasi: the history closes and opens, the SKP app hears of it.
                try:
                    catat_mutasi(obj, value.obj, row.tmt_jabatan or timezone.localdate())
                except DomainError as exc:
                    raise DomainError(_("Baris %(baris)s: %(pesan)s") % {"baris": row.number, "pesan": exc}) from exc
            elif name == "atasan_override":
                obj.atasan_override_id = by_nip[value].pk if value else None
                fields.add("atasan_override")
            elif name == "user":
                obj.user_id = user_pk[row.nip]
                fields.add("user")
            else:
                setattr(obj, name, value)
                fields.add(name)
        updated.append(obj)
    if updated:
        Pegawai.objects.bulk_update(updated, sorted(fields), batch_size=1000)


def _new_parent(node: UnitNode | JabatanNode) -> UnitNode | JabatanNode | None:
    return node.parent if node.parent is not None and node.parent.new else None


def by_depth(items: list, parent_of) -> list[list]:
    """Group new objects so that the one each refers to (``parent_of``) is created in an earlier group: one
    INSERT per group, every row with its final reference, so no follow-up UPDATE and no extra audit event.
    The references are acyclic (the planner refuses cycles); iterative because a chain may be long."""
    depth: dict[int, int] = {}
    for item in items:
        path, current = [], item
        while id(current) not in depth:
            parent = parent_of(current)
            if parent is None:
                depth[id(current)] = 0
                break
            path.append(current)
            current = parent
        level = depth[id(current)]
        for node in reversed(path):
            level += 1
            depth[id(node)] = level
    grouped: dict[int, list] = {}
    for item in items:
        grouped.setdefault(depth[id(item)], []).append(item)
    return [grouped[d] for d in sorted(grouped)]
