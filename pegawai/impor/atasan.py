"""Pass 2 of an import plan: the atasan named in ``nip_atasan``. An unknown NIP or a cycle is a row error; otherwise
a position without a parent is placed under the atasan's position, a unit without a parent under the atasan's unit,
and an explicit ``atasan_override`` is kept only where the position tree does not already say who the atasan is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from .organisasi import JabatanNode, UnitNode, reaches
from .sel import SENIORITAS, STRUKTURAL

if TYPE_CHECKING:
    from .rencana import Perencana, RowPlan


def rencanakan_atasan(perencana: Perencana) -> None:
    """Check every ``nip_atasan`` and place the positions and units the file leaves without a parent."""
    atasan_of_row = _tetapkan_atasan(perencana)
    _assign_unit_parents(perencana, atasan_of_row)


def _unknown_atasan(perencana: Perencana, number: int, nip_atasan: str, values: dict[str, str]) -> None:
    perencana.error(
        number,
        "nip_atasan",
        _("NIP atasan %(nip)s tidak ditemukan di berkas ini maupun di data pegawai.") % {"nip": nip_atasan},
        values,
    )


def _tetapkan_atasan(perencana: Perencana) -> list[tuple[RowPlan, JabatanNode]]:
    """Each valid row with an atasan, paired with the atasan's position."""
    for number, nip_atasan, values in perencana.invalid_with_atasan:
        if nip_atasan not in perencana.file_nips and nip_atasan not in perencana.existing:
            _unknown_atasan(perencana, number, nip_atasan, values)
    atasan_jabatan: dict[int, JabatanNode] = {}
    for row in perencana.rows:
        if not row.nip_atasan:
            continue
        atasan_row = perencana.rows_by_nip.get(row.nip_atasan)
        if atasan_row is not None:
            atasan_jabatan[id(row)] = atasan_row.jabatan
        elif row.nip_atasan in perencana.file_nips:
            continue  # that row is invalid and already reported
        elif row.nip_atasan in perencana.existing:
            atasan_jabatan[id(row)] = perencana.org.jabatan_of_pk(perencana.existing[row.nip_atasan].jabatan_id)
        else:
            _unknown_atasan(perencana, row.number, row.nip_atasan, row.values)

    in_cycle = _atasan_cycles(perencana)
    atasan_of_row: list[tuple[RowPlan, JabatanNode]] = []
    for row in perencana.rows:
        target = atasan_jabatan.get(id(row))
        if target is None or row.number in perencana.errors or row.nip in in_cycle:
            continue
        own = row.jabatan
        if own.parent is None and target is not own:
            if reaches(target, own):
                perencana.error(
                    row.number,
                    "nip_atasan",
                    _("Atasan %(nip)s membuat rantai jabatan atasan melingkar (jabatan %(jabatan)s).")
                    % {"nip": row.nip_atasan, "jabatan": own.obj.nama},
                    row.values,
                )
                continue
            own.parent = target
            own.changed.add("parent")
        if own.parent is target and target.jenis in STRUKTURAL:
            # The holder of a structural position is unique, so the atasan follows from the position.
            row.atasan_override = None
        else:
            # The position already reports elsewhere, or the atasan holds a shared (formasi) position:
            # name the atasan explicitly (docs/ATURAN.md, "an explicit override per pegawai is allowed").
            row.atasan_override = row.nip_atasan
        atasan_of_row.append((row, target))
    return atasan_of_row


def _atasan_cycles(perencana: Perencana) -> set[str]:
    """NIPs on a cycle of the file's nip → nip_atasan graph; each such row is reported."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cyclic: set[str] = set()
    for start in perencana.rows_by_nip:
        path: list[str] = []
        nip = start
        while nip in perencana.rows_by_nip and state.get(nip) is None:
            state[nip] = 1
            path.append(nip)
            nip = perencana.rows_by_nip[nip].nip_atasan
        if state.get(nip) == 1:
            loop = path[path.index(nip) :]
            cyclic.update(loop)
            chain = " → ".join(loop + [nip])
            for member in loop:
                perencana.error(
                    perencana.rows_by_nip[member].number,
                    "nip_atasan",
                    _("Rantai atasan melingkar: %(rantai)s.") % {"rantai": chain},
                    perencana.rows_by_nip[member].values,
                )
        for member in path:
            state[member] = 2
    return cyclic


def _assign_unit_parents(perencana: Perencana, atasan_of_row: list[tuple[RowPlan, JabatanNode]]) -> None:
    """A unit without a parent goes under the unit of its head's atasan (same OPD, no cycle)."""
    proposals: dict[int, tuple[tuple[int, int], UnitNode, UnitNode]] = {}
    for row, target in atasan_of_row:
        if row.number in perencana.errors:
            continue
        unit, atasan_unit = row.jabatan.unit, target.unit
        if unit.parent is not None or atasan_unit is unit or atasan_unit.opd is not unit.opd:
            continue
        # The most senior row of a unit (its head) decides the parent, so the result does not depend on
        # the order of the rows.
        rank = (SENIORITAS.get(row.jabatan.jenis, 9), row.number)
        current = proposals.get(id(unit))
        if current is None or rank < current[0]:
            proposals[id(unit)] = (rank, unit, atasan_unit)
    for _rank, unit, parent in sorted(proposals.values(), key=lambda p: p[0]):
        if not reaches(parent, unit):
            unit.parent = parent
            unit.parent_changed = True
