"""Which capaian kinerja organisasi applies: to a unit's curve (the unit's own, else the nearest enclosing unit's,
else the OPD's) and to a unit head's rating hasil kerja (their unit's own; for the head of an OPD's top unit, the
OPD's); and who sets which capaian (one level up), with the values set."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from pegawai.akses import pegawai_of, peran_of
from pegawai.atasan import jabatan_dipegang
from pegawai.models import Jabatan, Pegawai, PerangkatDaerah, UnitKerja

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


# ---------------------------------------------------------------------------------------------------------------
# Who sets which capaian ("one level up")
# ---------------------------------------------------------------------------------------------------------------


def unit_dipimpin_pada(pegawai: Pegawai, on: datetime.date) -> set[int]:
    """The units ``pegawai`` heads on ``on``: through their definitive position or one they act in as Plt/Plh."""
    jabatan = Jabatan.objects.filter(pk__in=jabatan_dipegang(pegawai, on)).select_related("parent", "unit_kerja")
    return {unit.pk for unit in map(unit_dipimpin, jabatan) if unit is not None}


def unit_capaian_dikelola(user, periode: PeriodePenilaian) -> QuerySet[UnitKerja]:
    """The active units whose capaian ``user`` sets for ``periode``, one level up: admin BKPSDM every unit; admin
    OPD, on behalf of the kepala OPD, every unit of their OPDs below the top one (the top unit's is the kepala
    OPD's own capaian, set with the OPD's by admin BKPSDM); a pegawai the units directly below the units they
    head (definitive or Plt/Plh) on the period's last day."""
    roles = peran_of(user)
    qs = UnitKerja.objects.filter(aktif=True)
    if roles.admin_bkpsdm:
        return qs
    q = Q(perangkat_daerah_id__in=roles.admin_opd_ids, parent__isnull=False) if roles.admin_opd_ids else Q(pk__in=[])
    me = pegawai_of(user)
    if me is not None:
        dipimpin = unit_dipimpin_pada(me, periode.tanggal_selesai)
        if dipimpin:
            q |= Q(parent_id__in=dipimpin)
    return qs.filter(q)


def opd_capaian_dikelola(user) -> QuerySet[PerangkatDaerah]:
    """The OPDs whose capaian ``user`` sets: admin BKPSDM, on behalf of the kepala daerah, every active OPD."""
    if peran_of(user).admin_bkpsdm:
        return PerangkatDaerah.objects.filter(aktif=True)
    return PerangkatDaerah.objects.none()


@dataclass
class BarisCapaian:
    """One OPD or unit whose capaian a user sets, with the value set for the period (``None``: not yet)."""

    perangkat_daerah: PerangkatDaerah | None
    unit_kerja: UnitKerja | None
    nilai: CapaianKinerjaOrganisasi | None

    @property
    def kunci(self) -> str:
        return f"unit-{self.unit_kerja.pk}" if self.unit_kerja else f"opd-{self.perangkat_daerah.pk}"

    @property
    def nama(self) -> str:
        return self.unit_kerja.nama if self.unit_kerja else self.perangkat_daerah.nama


def baris_capaian(
    periode: PeriodePenilaian,
    *,
    opd: list[PerangkatDaerah] = (),
    unit: list[UnitKerja] = (),
) -> list[BarisCapaian]:
    """The OPDs then the units given, each with its capaian for ``periode`` (one query whatever their number)."""
    opd_ids = [o.pk for o in opd]
    unit_ids = [u.pk for u in unit]
    nilai = {
        (c.perangkat_daerah_id, c.unit_kerja_id): c
        for c in CapaianKinerjaOrganisasi.objects.filter(periode=periode)
        .filter(Q(perangkat_daerah_id__in=opd_ids, unit_kerja__isnull=True) | Q(unit_kerja_id__in=unit_ids))
        .select_related("ditetapkan_oleh__pegawai")
    }
    return [BarisCapaian(o, None, nilai.get((o.pk, None))) for o in opd] + [
        BarisCapaian(None, u, nilai.get((None, u.pk))) for u in unit
    ]
