"""Who is whose atasan, and who may see whom — the one place every app builds its ``*_visible_to`` on.

Supervision follows positions (DOMAIN.md §2): the atasan of a pegawai is the holder of the parent position,
unless an explicit override is set. A vacant position passes supervision up to the next occupied position; a
Plt/Plh holding a position during a date range has its supervisory rights in addition to their own.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from .choices import JenisJabatan, JenisPeran, StatusPegawai
from .models import Jabatan, Pegawai, Penugasan, Peran, PerangkatDaerah, UnitKerja


def _today(on: datetime.date | None) -> datetime.date:
    return on or timezone.localdate()


def jabatan_dipegang(pegawai: Pegawai, on: datetime.date | None = None) -> set[int]:
    """The position ids whose rights ``pegawai`` holds on ``on``: their own and any Plt/Plh."""
    on = _today(on)
    ids = {pegawai.jabatan_id}
    ids.update(Penugasan.objects.berlaku(on).filter(pegawai=pegawai).values_list("jabatan_id", flat=True))
    return ids


def _jabatan_dibawahi(jabatan_ids: set[int], on: datetime.date) -> set[int]:
    """Positions supervised from ``jabatan_ids``: their children, and through a vacant child (no active holder,
    no Plt/Plh) that child's children, recursively."""
    result: set[int] = set()
    frontier = set(jabatan_ids)
    while frontier:
        children = set(Jabatan.objects.filter(parent_id__in=frontier).values_list("id", flat=True))
        # Only positions already walked are dropped (cycles). A position the actor holds stays: a Plh taken from
        # the section's own staff supervises the other holders of their own pelaksana position.
        children -= result
        if not children:
            break
        result |= children
        occupied = set(
            Pegawai.objects.filter(jabatan_id__in=children, aktif=True).values_list("jabatan_id", flat=True)
        )
        occupied |= set(
            Penugasan.objects.berlaku(on).filter(jabatan_id__in=children).values_list("jabatan_id", flat=True)
        )
        frontier = children - occupied
    return result


def _bawahan_filter(pegawai_ids: set[int], jabatan_ids: set[int], on: datetime.date) -> Q:
    supervised = _jabatan_dibawahi(jabatan_ids, on)
    return Q(atasan_override_id__in=pegawai_ids) | Q(atasan_override__isnull=True, jabatan_id__in=supervised)


def bawahan_langsung(pegawai: Pegawai, on: datetime.date | None = None) -> QuerySet[Pegawai]:
    """Active pegawai whose pejabat penilai is ``pegawai`` on ``on`` (including through a Plt/Plh)."""
    on = _today(on)
    q = _bawahan_filter({pegawai.pk}, jabatan_dipegang(pegawai, on), on)
    return Pegawai.objects.filter(q, aktif=True).exclude(pk=pegawai.pk)


def bawahan_dua_tingkat(pegawai: Pegawai, on: datetime.date | None = None) -> QuerySet[Pegawai]:
    """Direct bawahan and their bawahan: what an atasan pejabat penilai sees."""
    on = _today(on)
    direct = list(bawahan_langsung(pegawai, on).values_list("pk", "jabatan_id"))
    if not direct:
        return Pegawai.objects.none()
    direct_ids = {pk for pk, _ in direct}
    direct_jabatan = {jabatan_id for _, jabatan_id in direct}
    direct_jabatan.update(
        Penugasan.objects.berlaku(on).filter(pegawai_id__in=direct_ids).values_list("jabatan_id", flat=True)
    )
    second = _bawahan_filter(direct_ids, direct_jabatan, on)
    return Pegawai.objects.filter(Q(pk__in=direct_ids) | (second & Q(aktif=True))).exclude(pk=pegawai.pk)


def atasan_langsung(pegawai: Pegawai, on: datetime.date | None = None) -> Pegawai | None:
    """The pejabat penilai kinerja: the override, else the holder of the nearest occupied parent position
    (a definitive holder first, else the Plt/Plh on ``on``)."""
    on = _today(on)
    if pegawai.atasan_override_id:
        override = Pegawai.objects.filter(pk=pegawai.atasan_override_id, aktif=True).first()
        if override:
            return override
    seen: set[int] = set()
    jabatan = Jabatan.objects.filter(pk=pegawai.jabatan_id).values("parent_id").first()
    parent_id = jabatan["parent_id"] if jabatan else None
    while parent_id and parent_id not in seen:
        seen.add(parent_id)
        holder = (
            Pegawai.objects.filter(jabatan_id=parent_id, aktif=True).exclude(pk=pegawai.pk).order_by("pk").first()
        )
        if holder:
            return holder
        acting = Penugasan.objects.berlaku(on).filter(jabatan_id=parent_id).exclude(pegawai=pegawai)
        acting = acting.select_related("pegawai").order_by("tanggal_mulai").first()
        if acting:
            return acting.pegawai
        parent_id = Jabatan.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    return None


def atasan_pejabat_penilai(pegawai: Pegawai, on: datetime.date | None = None) -> Pegawai | None:
    atasan = atasan_langsung(pegawai, on)
    return atasan_langsung(atasan, on) if atasan else None


def dapat_menilai(actor: Pegawai | None, target: Pegawai, on: datetime.date | None = None) -> bool:
    """True when ``actor`` holds the pejabat penilai's rights over ``target`` on ``on`` (own position,
    override, or Plt/Plh)."""
    if actor is None or actor.pk == target.pk:
        return False
    return bawahan_langsung(actor, on).filter(pk=target.pk).exists()


@dataclass
class Peran_:
    """The stored roles of one login, read once per request."""

    admin_bkpsdm: bool = False
    admin_opd_ids: set[int] = field(default_factory=set)
    pimpinan_kota: bool = False
    pimpinan_opd_ids: set[int] = field(default_factory=set)

    @property
    def admin(self) -> bool:
        return self.admin_bkpsdm or bool(self.admin_opd_ids)

    @property
    def pimpinan(self) -> bool:
        return self.pimpinan_kota or bool(self.pimpinan_opd_ids)

    @property
    def melihat_semua(self) -> bool:
        return self.admin_bkpsdm or self.pimpinan_kota


def peran_of(user) -> Peran_:
    if not getattr(user, "is_authenticated", False):
        return Peran_()
    cached = getattr(user, "_peran_cache", None)
    if cached is not None:
        return cached
    roles = Peran_()
    if user.is_superuser:
        roles.admin_bkpsdm = True
    for jenis, opd_id in Peran.objects.filter(user=user).values_list("jenis", "perangkat_daerah_id"):
        if jenis == JenisPeran.ADMIN_BKPSDM:
            roles.admin_bkpsdm = True
        elif jenis == JenisPeran.ADMIN_OPD:
            roles.admin_opd_ids.add(opd_id)
        elif jenis == JenisPeran.PIMPINAN:
            if opd_id is None:
                roles.pimpinan_kota = True
            else:
                roles.pimpinan_opd_ids.add(opd_id)
    user._peran_cache = roles
    return roles


def pegawai_of(user) -> Pegawai | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.pegawai
    except Pegawai.DoesNotExist:
        return None


def pegawai_visible_to(user, on: datetime.date | None = None) -> QuerySet[Pegawai]:
    """Every pegawai ``user`` may see: self; direct, acting and second-level bawahan; their OPD as admin OPD or
    pimpinan of an OPD; everyone as admin BKPSDM or city pimpinan. Fetch objects through this (404 outside)."""
    if not getattr(user, "is_authenticated", False):
        return Pegawai.objects.none()
    roles = peran_of(user)
    if roles.melihat_semua:
        return Pegawai.objects.all()
    q = Q(pk__in=[])
    opd_ids = roles.admin_opd_ids | roles.pimpinan_opd_ids
    if opd_ids:
        q |= Q(jabatan__unit_kerja__perangkat_daerah_id__in=opd_ids)
    me = pegawai_of(user)
    if me is not None:
        q |= Q(pk=me.pk)
        bawahan = list(bawahan_dua_tingkat(me, on).values_list("pk", flat=True))
        if bawahan:
            q |= Q(pk__in=bawahan)
    return Pegawai.objects.filter(q)


def pegawai_managed_by(user) -> QuerySet[Pegawai]:
    """Pegawai whose master data ``user`` may change: the admin's OPDs, or everyone for BKPSDM."""
    roles = peran_of(user)
    if roles.admin_bkpsdm:
        return Pegawai.objects.all()
    if roles.admin_opd_ids:
        return Pegawai.objects.filter(jabatan__unit_kerja__perangkat_daerah_id__in=roles.admin_opd_ids)
    return Pegawai.objects.none()


def perangkat_daerah_visible_to(user):
    from .models import PerangkatDaerah

    roles = peran_of(user)
    if roles.melihat_semua:
        return PerangkatDaerah.objects.all()
    opd_ids = roles.admin_opd_ids | roles.pimpinan_opd_ids
    me = pegawai_of(user)
    q = Q(pk__in=opd_ids)
    if me is not None:
        q |= Q(unit_kerja__jabatan__pemegang=me)
    return PerangkatDaerah.objects.filter(q).distinct()


class PeranCache:
    """Request-scoped helper exposed to templates as ``portal``."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def peran(self) -> Peran_:
        return peran_of(self.user)

    @cached_property
    def pegawai(self) -> Pegawai | None:
        return pegawai_of(self.user)

    @cached_property
    def is_atasan(self) -> bool:
        return self.pegawai is not None and bawahan_langsung(self.pegawai).exists()


# ---------------------------------------------------------------------------------------------------------------
# Reads for the portal pages (dashboard, organisation, Plt/Plh). Each one runs a fixed number of queries however
# many rows it covers: aggregates are grouped in the database, trees are assembled in Python.
# ---------------------------------------------------------------------------------------------------------------


def jabatan_managed_by(user) -> QuerySet[Jabatan]:
    """Positions whose assignments ``user`` may change: the admin's OPDs, or every position for BKPSDM."""
    roles = peran_of(user)
    if roles.admin_bkpsdm:
        return Jabatan.objects.all()
    if roles.admin_opd_ids:
        return Jabatan.objects.filter(unit_kerja__perangkat_daerah_id__in=roles.admin_opd_ids)
    return Jabatan.objects.none()


def penugasan_managed_by(user) -> QuerySet[Penugasan]:
    """Plt/Plh assignments ``user`` may see and change. For an admin OPD both sides must be theirs: the person
    and the position (an assignment across two OPDs belongs to BKPSDM)."""
    roles = peran_of(user)
    if roles.admin_bkpsdm:
        return Penugasan.objects.all()
    if roles.admin_opd_ids:
        return Penugasan.objects.filter(
            pegawai__jabatan__unit_kerja__perangkat_daerah_id__in=roles.admin_opd_ids,
            jabatan__unit_kerja__perangkat_daerah_id__in=roles.admin_opd_ids,
        )
    return Penugasan.objects.none()


def opd_lingkup_statistik(user) -> set[int] | None:
    """The OPDs whose recap ``user`` sees on the dashboard: ``None`` means the whole city (admin BKPSDM, city
    pimpinan); an empty set means no recap at all (a pegawai without a stored role)."""
    roles = peran_of(user)
    if roles.melihat_semua:
        return None
    return roles.admin_opd_ids | roles.pimpinan_opd_ids


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
