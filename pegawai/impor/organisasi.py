"""The organisation as an import sees it (:class:`Organisasi`): every perangkat daerah, unit kerja and jabatan read
once, the names in the file resolved to them or to new ones, and the changes the file makes to the unit and position
trees, all in memory. Writing them is :mod:`pegawai.impor.tulis`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..choices import JENJANG_PER_JENIS, JenisJabatan
from ..models import Jabatan, PerangkatDaerah, UnitKerja
from .sel import cell_text


@dataclass(eq=False)
class OpdNode:
    obj: PerangkatDaerah
    new: bool = False


@dataclass(eq=False)
class UnitNode:
    obj: UnitKerja
    opd: OpdNode
    parent: UnitNode | None
    new: bool = False
    parent_changed: bool = False
    mandiri_row: int = 0  # the file row that set unit_kerja_mandiri, for conflict messages
    mandiri_changed: bool = False


@dataclass(eq=False)
class JabatanNode:
    obj: Jabatan
    unit: UnitNode
    parent: JabatanNode | None
    jenis: str
    jenjang: str
    new: bool = False
    jenis_row: int = 0  # the file row that fixed jenis, for conflict messages
    changed: set[str] = field(default_factory=set)


class Organisasi:
    """Nodes wrap the model objects of the OPD, unit and position trees (existing ones when first reached, new ones
    when the file names them), so the plan can change parents and create rows without touching the database."""

    def __init__(self, scope: set[int] | None):
        """``scope``: the OPD ids an admin OPD manages (an unknown OPD name is then refused, not created); ``None``
        for every OPD."""
        self.scope = scope
        self.opd_nodes: dict[str, OpdNode] = {}
        self.opd_by_pk: dict[int, OpdNode] = {}
        self.unit_nodes: dict[tuple[int, str], UnitNode] = {}
        self.unit_by_pk: dict[int, UnitNode] = {}
        self.jabatan_nodes: dict[tuple[int, str], JabatanNode] = {}
        self.jabatan_by_pk: dict[int, JabatanNode] = {}
        self.new_units: list[UnitNode] = []
        self.new_jabatan: list[JabatanNode] = []
        self.new_opds: list[OpdNode] = []

    def muat(self) -> None:
        """Read every OPD, unit and position once (a city has a few thousand)."""
        # Lowest pk last, so when two names differ only in case the oldest record wins the lookup.
        self.opd_objs = {o.pk: o for o in PerangkatDaerah.objects.order_by("-pk")}
        self.opd_lookup: dict[str, PerangkatDaerah] = {}
        # Matched by name first, then kode, then singkatan, so "Disdik" finds "Dinas Pendidikan".
        for attr in ("singkatan", "kode", "nama"):
            for opd in self.opd_objs.values():
                value = getattr(opd, attr)
                if value:
                    self.opd_lookup[cell_text(value).casefold()] = opd
        self.kode_taken = {opd.kode.casefold() for opd in self.opd_objs.values()}
        self.units = {u.pk: u for u in UnitKerja.objects.order_by("-pk")}
        self.unit_lookup = {(u.perangkat_daerah_id, cell_text(u.nama).casefold()): u for u in self.units.values()}
        self.jabatans = {j.pk: j for j in Jabatan.objects.all().order_by("-pk")}
        self.jabatan_lookup = {(j.unit_kerja_id, cell_text(j.nama).casefold()): j for j in self.jabatans.values()}

    def opd_of_pk(self, pk: int) -> OpdNode:
        node = self.opd_by_pk.get(pk)
        if node is None:
            node = self.opd_by_pk[pk] = OpdNode(obj=self.opd_objs[pk])
        return node

    @staticmethod
    def _chain(pk: int, objs: dict, nodes: dict) -> list[int]:
        """``pk`` and its ancestors that have no node yet, bottom-up (iterative: a tree may be deep)."""
        chain: list[int] = []
        while pk and pk not in nodes and pk not in chain:
            chain.append(pk)
            pk = objs[pk].parent_id
        return chain

    def unit_of_pk(self, pk: int) -> UnitNode:
        for upk in reversed(self._chain(pk, self.units, self.unit_by_pk)):
            obj = self.units[upk]
            self.unit_by_pk[upk] = UnitNode(
                obj=obj,
                opd=self.opd_of_pk(obj.perangkat_daerah_id),
                # None also when the parent is still unbuilt: only a (corrupt) cycle in the database does that.
                parent=self.unit_by_pk.get(obj.parent_id),
            )
        return self.unit_by_pk[pk]

    def jabatan_of_pk(self, pk: int) -> JabatanNode:
        for jpk in reversed(self._chain(pk, self.jabatans, self.jabatan_by_pk)):
            obj = self.jabatans[jpk]
            self.jabatan_by_pk[jpk] = JabatanNode(
                obj=obj,
                unit=self.unit_of_pk(obj.unit_kerja_id),
                parent=self.jabatan_by_pk.get(obj.parent_id),
                jenis=obj.jenis,
                jenjang=obj.jenjang,
            )
        return self.jabatan_by_pk[pk]

    # -- resolving organisation names ---------------------------------------------------------------------

    def resolve_opd(self, nama: str) -> OpdNode | None:
        key = nama.casefold()
        node = self.opd_nodes.get(key)
        if node is not None:
            return node
        obj = self.opd_lookup.get(key)
        if obj is not None:
            node = self.opd_of_pk(obj.pk)
        elif self.scope is not None:
            return None
        else:
            node = OpdNode(obj=PerangkatDaerah(nama=nama, kode=self._new_kode(nama)), new=True)
            self.new_opds.append(node)
        self.opd_nodes[key] = node
        return node

    def _new_kode(self, nama: str) -> str:
        """A unique kode for a new OPD from its initials ("Badan Kepegawaian dan Pengembangan Sumber Daya
        Manusia" → "BKPSDM"); admins may change it later."""
        words = [w for w in re.split(r"[^0-9A-Za-z]+", nama) if w and w.casefold() not in {"dan", "serta"}]
        base = "".join(w[0] for w in words).upper()[:16] or "OPD"
        kode, n = base, 1
        while kode.casefold() in self.kode_taken:
            n += 1
            kode = f"{base}{n}"
        self.kode_taken.add(kode.casefold())
        return kode

    def resolve_unit(self, opd: OpdNode, nama: str) -> UnitNode:
        key = (id(opd), nama.casefold())
        node = self.unit_nodes.get(key)
        if node is not None:
            return node
        obj = None if opd.new else self.unit_lookup.get((opd.obj.pk, nama.casefold()))
        if obj is not None:
            node = self.unit_of_pk(obj.pk)
        else:
            node = UnitNode(obj=UnitKerja(nama=nama), opd=opd, parent=None, new=True)
            self.new_units.append(node)
        self.unit_nodes[key] = node
        return node

    def resolve_jabatan(self, unit: UnitNode, nama: str, jenis: str, jenjang: str, number: int) -> JabatanNode | str:
        key = (id(unit), nama.casefold())
        node = self.jabatan_nodes.get(key)
        if node is None:
            obj = None if unit.new else self.jabatan_lookup.get((unit.obj.pk, nama.casefold()))
            if obj is not None:
                node = self.jabatan_of_pk(obj.pk)
            else:
                node = JabatanNode(
                    obj=Jabatan(nama=nama, jenis=jenis, jenjang=jenjang),
                    unit=unit,
                    parent=None,
                    jenis=jenis,
                    jenjang=jenjang,
                    new=True,
                    jenis_row=number,
                )
                self.new_jabatan.append(node)
            self.jabatan_nodes[key] = node
        if node.jenis_row and node.jenis != jenis:
            return _("Jabatan “%(jabatan)s” di %(unit)s sudah ditulis berjenis %(jenis)s pada baris %(baris)s.") % {
                "jabatan": nama,
                "unit": unit.obj.nama,
                "jenis": JenisJabatan(node.jenis).label,
                "baris": node.jenis_row,
            }
        if not node.jenis_row:
            node.jenis_row = number
            if node.jenis != jenis:
                node.jenis = jenis
                node.changed.add("jenis")
                if node.jenjang and not jenjang and not _jenjang_fits(jenis, node.jenjang):
                    node.jenjang = ""
                    node.changed.add("jenjang")
            if jenjang and node.jenjang != jenjang:
                node.jenjang = jenjang
                node.changed.add("jenjang")
        return node


def tandai_mandiri(scope: set[int] | None, unit: UnitNode, mandiri: bool, number: int) -> str | None:
    """Record row ``number``'s ``unit_kerja_mandiri`` on ``unit``; the message when an earlier row said otherwise,
    or when an admin OPD (``scope`` set) would change it: only admin BKPSDM sets the flag (docs/ATURAN.md)."""
    if unit.mandiri_row:
        if unit.obj.mandiri == mandiri:
            return None
        return _("Unit kerja “%(unit)s” sudah ditulis %(nilai)s unit kerja mandiri pada baris %(baris)s.") % {
            "unit": unit.obj.nama,
            "nilai": _("sebagai") if unit.obj.mandiri else _("bukan"),
            "baris": unit.mandiri_row,
        }
    if unit.obj.mandiri != mandiri:
        if scope is not None:
            return _("Status unit kerja mandiri hanya dapat diubah oleh admin BKPSDM; kosongkan kolom ini.")
        unit.obj.mandiri = mandiri
        unit.mandiri_changed = not unit.new
    unit.mandiri_row = number
    return None


def reaches(start: JabatanNode | UnitNode, target: JabatanNode | UnitNode) -> bool:
    """Whether ``target`` is ``start`` or above it (following ``parent``)."""
    node, seen = start, set()
    while node is not None and id(node) not in seen:
        if node is target:
            return True
        seen.add(id(node))
        node = node.parent
    return False


def _jenjang_fits(jenis: str, jenjang: str) -> bool:
    return jenjang in JENJANG_PER_JENIS[JenisJabatan(jenis)]
