"""Which capaian kinerja organisasi applies: to a unit's curve (the unit's own, else the nearest enclosing unit's,
else the OPD's) and to a unit head's rating hasil kerja (their unit's own; for the head of an OPD's top unit, the
OPD's)."""

from __future__ import annotations

from dataclasses import dataclass

from pegawai.models import Jabatan, UnitKerja

from ..choices import CapaianOrganisasi
from ..models import CapaianKinerjaOrganisasi, PeriodePenilaian


@dataclass(frozen=True)
class CapaianBerlaku:
    capaian: CapaianOrganisasi
    #: The unit or OPD whose capaian it is (may be an enclosing one).
    sumber: str
    unit_kerja_id: int | None
    perangkat_daerah_id: int | None


def _rantai_unit(unit: UnitKerja) -> list[int]:
    """The unit and its enclosing units, nearest first (one query per level; trees are a few levels deep)."""
    ids, node, seen = [], unit, set()
    while node is not None and node.pk not in seen:
        ids.append(node.pk)
        seen.add(node.pk)
        node = node.parent
    return ids


def capaian_unit(periode: PeriodePenilaian, unit: UnitKerja) -> CapaianBerlaku | None:
    """The capaian that limits the curve of ``unit`` in ``periode``: its own, else the nearest enclosing unit's,
    else its OPD's; ``None`` when none is set yet (finalising waits for it)."""
    rantai = _rantai_unit(unit)
    rows = {
        (c.unit_kerja_id, c.perangkat_daerah_id): c
        for c in CapaianKinerjaOrganisasi.objects.filter(periode=periode, unit_kerja_id__in=rantai).select_related(
            "unit_kerja"
        )
    }
    for uid in rantai:
        c = rows.get((uid, None))
        if c is not None:
            return CapaianBerlaku(CapaianOrganisasi(c.capaian), c.unit_kerja.nama, uid, None)
    opd = (
        CapaianKinerjaOrganisasi.objects.filter(
            periode=periode, perangkat_daerah_id=unit.perangkat_daerah_id, unit_kerja__isnull=True
        )
        .select_related("perangkat_daerah")
        .first()
    )
    if opd is not None:
        return CapaianBerlaku(CapaianOrganisasi(opd.capaian), opd.perangkat_daerah.nama, None, opd.perangkat_daerah_id)
    return None


def unit_dipimpin(jabatan: Jabatan) -> UnitKerja | None:
    """The unit whose head ``jabatan`` is: a structural position with no supervising position in the same unit."""
    if not jabatan.is_struktural:
        return None
    if jabatan.parent_id is not None and jabatan.parent.unit_kerja_id == jabatan.unit_kerja_id:
        return None
    return jabatan.unit_kerja


def capaian_pimpinan(periode: PeriodePenilaian, jabatan: Jabatan) -> tuple[UnitKerja | None, CapaianBerlaku | None]:
    """For the head of a unit: the unit and its own capaian for ``periode`` (the OPD's for the head of an OPD's top
    unit), which becomes their rating hasil kerja; ``(None, None)`` for anyone who heads no unit."""
    unit = unit_dipimpin(jabatan)
    if unit is None:
        return None, None
    own = CapaianKinerjaOrganisasi.objects.filter(periode=periode, unit_kerja=unit).first()
    if own is not None:
        return unit, CapaianBerlaku(CapaianOrganisasi(own.capaian), unit.nama, unit.pk, None)
    if unit.parent_id is None:
        opd = CapaianKinerjaOrganisasi.objects.filter(
            periode=periode, perangkat_daerah_id=unit.perangkat_daerah_id, unit_kerja__isnull=True
        ).first()
        if opd is not None:
            return unit, CapaianBerlaku(
                CapaianOrganisasi(opd.capaian), unit.perangkat_daerah.nama, None, opd.perangkat_daerah_id
            )
    return unit, None
