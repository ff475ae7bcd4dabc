"""Reads of the organisation that pages, exports and tasks share: recaps per OPD, the unit tree of one OPD, and
the one NIP-or-name search.

Each read runs a fixed number of queries however many rows it covers: aggregates are grouped in the database,
trees are assembled in Python. Who may see what is :mod:`pegawai.akses`; who is whose atasan is
:mod:`pegawai.atasan`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from ..choices import JenisJabatan, StatusPegawai
from ..models import Jabatan, Pegawai, Penugasan, PerangkatDaerah, UnitKerja
from ..nip import normalize_nip


def _today(on: datetime.date | None) -> datetime.date:
    return on or timezone.localdate()


def pegawai_cari(queryset: QuerySet, q: str | None, *, prefix: str = "", atau: Q | None = None) -> QuerySet:
    """The one NIP-or-name search. A NIP typed with or without its printed spaces matches every NIP that starts
    with those digits; any other text matches names containing it (case-insensitive). ``prefix`` reaches the
    pegawai through a relation (``"pegawai__"`` on a queryset of assignments); ``atau`` is another condition a
    row may match instead (the Plt/Plh list also finds a position by its name). Empty ``q``: unfiltered."""
    q = (q or "").strip()
    if not q:
        return queryset
    digits = normalize_nip(q)
    if digits.isdigit():
        cond = Q(**{f"{prefix}nip__startswith": digits})
    else:
        cond = Q(**{f"{prefix}nama__icontains": q})
    if atau is not None:
        cond |= atau
    return queryset.filter(cond)


@dataclass
class StatistikOpd:
    opd_id: int
    nama: str = ""
    singkatan: str = ""
    pegawai_aktif: int = 0
    pns: int = 0
    cpns: int = 0
    pppk: int = 0
    unit_kerja: int = 0
    jabatan: int = 0
    jabatan_kosong: int = 0
    jabatan_kosong_ada_plt: int = 0


def statistik_opd(opd_ids: set[int] | None, on: datetime.date | None = None) -> list[StatistikOpd]:
    """Counts per OPD (active pegawai split by status, units, positions, vacancies) in four grouped queries.

    A position is *kosong* when no active pegawai holds it definitively; a Plt/Plh does not fill it (the
    vacancy still has to be filled), so those are counted separately in ``jabatan_kosong_ada_plt``."""
    on = _today(on)
    opds = PerangkatDaerah.objects.filter(aktif=True)
    if opd_ids is not None:
        opds = PerangkatDaerah.objects.filter(pk__in=opd_ids)
    hasil = {
        pk: StatistikOpd(opd_id=pk, nama=nama, singkatan=singkatan)
        for pk, nama, singkatan in opds.order_by("nama").values_list("pk", "nama", "singkatan")
    }
    if not hasil:
        return []
    ids = list(hasil)

    pegawai_rows = (
        Pegawai.objects.filter(aktif=True, jabatan__unit_kerja__perangkat_daerah_id__in=ids)
        .values(opd=F("jabatan__unit_kerja__perangkat_daerah_id"))
        .annotate(
            total=Count("pk"),
            pns=Count("pk", filter=Q(status=StatusPegawai.PNS)),
            cpns=Count("pk", filter=Q(status=StatusPegawai.CPNS)),
            pppk=Count("pk", filter=Q(status=StatusPegawai.PPPK)),
        )
        .order_by()
    )
    for row in pegawai_rows:
        s = hasil[row["opd"]]
        s.pegawai_aktif, s.pns, s.cpns, s.pppk = row["total"], row["pns"], row["cpns"], row["pppk"]

    unit_rows = (
        UnitKerja.objects.filter(aktif=True, perangkat_daerah_id__in=ids)
        .values("perangkat_daerah_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in unit_rows:
        hasil[row["perangkat_daerah_id"]].unit_kerja = row["n"]

    terisi = Pegawai.objects.filter(jabatan_id=OuterRef("pk"), aktif=True)
    ada_plt = Penugasan.objects.berlaku(on).filter(jabatan_id=OuterRef("pk"))
    jabatan_rows = (
        Jabatan.objects.filter(aktif=True, unit_kerja__perangkat_daerah_id__in=ids)
        .annotate(terisi=Exists(terisi), ada_plt=Exists(ada_plt))
        .values(opd=F("unit_kerja__perangkat_daerah_id"))
        .annotate(
            total=Count("pk"),
            kosong=Count("pk", filter=Q(terisi=False)),
            kosong_plt=Count("pk", filter=Q(terisi=False, ada_plt=True)),
        )
        .order_by()
    )
    for row in jabatan_rows:
        s = hasil[row["opd"]]
        s.jabatan, s.jabatan_kosong, s.jabatan_kosong_ada_plt = row["total"], row["kosong"], row["kosong_plt"]
    return list(hasil.values())


def pegawai_per_jenis_jabatan(opd_ids: set[int] | None) -> list[tuple[str, str, int]]:
    """``(jenis, label, jumlah)`` of active pegawai per jenis jabatan, every jenis listed (zero included) in
    the order of the regulation (JPT first)."""
    qs = Pegawai.objects.filter(aktif=True)
    if opd_ids is not None:
        qs = qs.filter(jabatan__unit_kerja__perangkat_daerah_id__in=opd_ids)
    counts = dict(qs.values_list("jabatan__jenis").annotate(n=Count("pk")).order_by())
    return [(jenis.value, str(jenis.label), counts.get(jenis.value, 0)) for jenis in JenisJabatan]


# Leadership first, then by kelas: the order a struktur organisasi chart is read in.
_URUTAN_JENIS = {"JPT": 0, "ADMINISTRATOR": 1, "PENGAWAS": 2, "FUNGSIONAL": 3, "PELAKSANA": 4}


@dataclass
class JabatanNode:
    jabatan: Jabatan
    pemegang: list[Pegawai] = field(default_factory=list)
    penugasan: list[Penugasan] = field(default_factory=list)

    @property
    def kosong(self) -> bool:
        return not self.pemegang


@dataclass
class UnitNode:
    unit: object
    jabatan: list[JabatanNode] = field(default_factory=list)
    children: list[UnitNode] = field(default_factory=list)
    kedalaman: int = 0

    @property
    def jumlah_pegawai(self) -> int:
        """Active definitive holders in this unit and every unit below it."""
        return sum(len(j.pemegang) for j in self.jabatan) + sum(c.jumlah_pegawai for c in self.children)


def struktur_opd(opd, on: datetime.date | None = None) -> list[UnitNode]:
    """The unit tree of one OPD with each unit's positions, their active holders and current Plt/Plh, built
    from four queries (units, positions, holders, assignments) whatever the size of the OPD."""
    on = _today(on)
    units = list(UnitKerja.objects.filter(perangkat_daerah=opd, aktif=True).order_by("nama"))
    jabatan = list(Jabatan.objects.filter(unit_kerja__perangkat_daerah=opd, aktif=True).order_by("nama"))
    pemegang = Pegawai.objects.filter(jabatan__unit_kerja__perangkat_daerah=opd, aktif=True).order_by("nama")
    penugasan = (
        Penugasan.objects.berlaku(on)
        .filter(jabatan__unit_kerja__perangkat_daerah=opd)
        .select_related("pegawai__jabatan__unit_kerja__perangkat_daerah")
        .order_by("tanggal_mulai")
    )

    nodes_j = {j.pk: JabatanNode(jabatan=j) for j in jabatan}
    for p in pemegang:
        if p.jabatan_id in nodes_j:
            nodes_j[p.jabatan_id].pemegang.append(p)
    for t in penugasan:
        if t.jabatan_id in nodes_j:
            nodes_j[t.jabatan_id].penugasan.append(t)

    nodes_u = {u.pk: UnitNode(unit=u) for u in units}
    for node in sorted(
        nodes_j.values(),
        key=lambda n: (_URUTAN_JENIS.get(n.jabatan.jenis, 9), -(n.jabatan.kelas_jabatan or 0), n.jabatan.nama),
    ):
        if node.jabatan.unit_kerja_id in nodes_u:
            nodes_u[node.jabatan.unit_kerja_id].jabatan.append(node)

    children: dict[int | None, list[UnitNode]] = {}
    for u in units:
        parent = u.parent_id if u.parent_id in nodes_u else None
        children.setdefault(parent, []).append(nodes_u[u.pk])

    seen: set[int] = set()

    def attach(node: UnitNode, depth: int) -> None:
        seen.add(node.unit.pk)
        node.kedalaman = depth
        for child in children.get(node.unit.pk, []):
            if child.unit.pk not in seen:  # a parent cycle saved by a bulk import must not loop forever
                node.children.append(child)
                attach(child, depth + 1)

    roots = list(children.get(None, []))
    for root in roots:
        attach(root, 0)
    # Units only reachable through a cycle are shown at the top level rather than silently dropped.
    for u in units:
        if u.pk not in seen:
            roots.append(nodes_u[u.pk])
            attach(nodes_u[u.pk], 0)
    return roots
