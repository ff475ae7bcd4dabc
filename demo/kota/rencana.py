"""The plan of a demo city (:func:`build_city`): ~30 perangkat daerah, their unit and position trees, N pegawai with
valid NIPs, vacancies and their Plt/Plh, explicit atasan, the persona logins, a few mid-year transfers (mutasi) and
the written delegations that let the kepala sekolah rate their school, and a few PNS at and around the 10, 20 and
30-year marks of service (Satyalancana Karya Satya).

Pure: from ``(n, seed, today)`` it plans every row with ``random.Random(seed)`` (no set iteration, no database), so
the same arguments always give the same city. Rows refer to each other by list index; :mod:`demo.kota.tulis` turns
them into primary keys. ``bench/seed_demo.py`` reuses the plan to measure a bare COPY of the same rows.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass, field

from django.utils import timezone

from pegawai.atasan import JENIS_PENILAI
from pegawai.choices import JenisPenugasan, JenisPeran, Jenjang, StatusPegawai

from .daftar_opd import OPDS
from .jabatan import ADM, FUNGSIONAL, JENJANG_NAMA, JF, JPT, KELAS_JF, PELAKSANA, PGW, PLK
from .opd import Opd
from .orang import BIDANG_UMUM, PROFESI, Orang, PersonRow, tandai_masa_kerja
from .struktur import Node, apportion, ordered, template

#: Below this the ~30 OPDs cannot each get a head, a sekretariat, a bidang, a seksi and some staff.
MIN_PEGAWAI = 300
DEFAULT_PEGAWAI = 2000
#: Staff moved to another unit of their OPD in the middle of the year (whatever the size of the city: a few cases to
#: show two SKP in a year, the old and the new atasan, not a statistic).
JUMLAH_MUTASI = 5


@dataclass(slots=True)
class UnitRow:
    opd: int
    parent: int | None
    nama: str
    depth: int
    #: A unit kerja mandiri (a kecamatan, a UPT led by a structural head): its head uses the SKP JPT form.
    mandiri: bool = False


@dataclass(slots=True)
class JabatanRow:
    unit: int
    parent: int | None
    nama: str
    jenis: str
    jenjang: str
    kelas: int
    depth: int


@dataclass(slots=True)
class PenugasanRow:
    pegawai: int
    jabatan: int
    jenis: str
    mulai: datetime.date
    selesai: datetime.date
    nomor_sk: str


@dataclass(slots=True)
class MutasiRow:
    """A transfer during the year: ``pegawai`` held ``jabatan_lama`` until the day before ``tmt`` and holds their
    person row's ``jabatan`` from it (docs/ATURAN.md)."""

    pegawai: int
    jabatan_lama: int
    tmt: datetime.date
    nomor_sk: str


@dataclass(slots=True)
class DelegasiRow:
    """A written delegation of the pejabat penilai's rights (:class:`pegawai.models.DelegasiPenilai`)."""

    pemberi: int
    penerima: int
    mulai: datetime.date
    selesai: datetime.date
    alasan: str
    nomor_surat: str


@dataclass(slots=True)
class AccountRow:
    """A login that is not a pegawai (operators)."""

    username: str
    first_name: str
    last_name: str
    is_staff: bool
    peran: list[tuple[str, int | None]]


@dataclass
class City:
    seed: int
    today: datetime.date
    opd: list[Opd] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)
    jabatan: list[JabatanRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    penugasan: list[PenugasanRow] = field(default_factory=list)
    accounts: list[AccountRow] = field(default_factory=list)
    mutasi: list[MutasiRow] = field(default_factory=list)
    delegasi: list[DelegasiRow] = field(default_factory=list)
    #: (person index, jenis peran, OPD index or None)
    peran: list[tuple[int, str, int | None]] = field(default_factory=list)
    #: persona → person index (pegawai logins) or account index (key starting with "akun:")
    personas: dict[str, int] = field(default_factory=dict)


@dataclass
class _OpdPlan:
    index: int
    opd: Opd
    size: int
    top: int = -1
    #: structural positions as (jabatan, parent jabatan)
    struct: list[tuple[int, int | None]] = field(default_factory=list)
    #: where staff go: (unit, parent jabatan, staff profile, weight, minimum, tag)
    slots: list[tuple[int, int, tuple, float, int, str]] = field(default_factory=list)
    #: unit name → (unit, head jabatan)
    named: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: node tag → head jabatan ("sekretaris", "persona-bidang", "persona-seksi-N")
    tags: dict[str, int] = field(default_factory=dict)
    vacant: set[int] = field(default_factory=set)


class _Builder:
    def __init__(self, n: int, seed: int, today: datetime.date):
        self.rng = random.Random(seed)
        self.city = City(seed=seed, today=today)
        self.today = today
        self.n = n
        self.orang = Orang(self.rng, today)
        self.holders: dict[int, int] = {}  # structural jabatan → person
        self.sk = 0

    def person(self, jabatan: int, level_key, **profil) -> int:
        """A new person holding ``jabatan`` (see :meth:`demo.kota.orang.Orang.buat`); returns their index."""
        self.city.people.append(self.orang.buat(jabatan, level_key, **profil))
        return len(self.city.people) - 1

    # --- structure -----------------------------------------------------------------------------------------

    def unit(self, opd: int, parent: int | None, nama: str, mandiri: bool = False) -> int:
        depth = 0 if parent is None else self.city.units[parent].depth + 1
        self.city.units.append(UnitRow(opd, parent, nama, depth, mandiri))
        return len(self.city.units) - 1

    def jabatan(self, unit: int, parent: int | None, nama: str, jenis: str, jenjang: str, kelas: int) -> int:
        depth = 0 if parent is None else self.city.jabatan[parent].depth + 1
        self.city.jabatan.append(JabatanRow(unit, parent, nama, jenis, jenjang, kelas, depth))
        return len(self.city.jabatan) - 1

    def build(self) -> City:
        opds = list(OPDS)
        self.city.opd = opds
        # Every OPD needs a head, a sekretariat, a bidang, a seksi and staff; the persona OPD its persona bidang.
        floors = [30 if o.persona else 7 for o in opds]
        sizes = apportion(self.n, [o.bobot for o in opds], floors)
        plans = [self._plan_opd(i, opd, size) for i, (opd, size) in enumerate(zip(opds, sizes, strict=True))]
        self._heads_report_to_sekda(plans)
        self._vacancies(plans)
        self._leaders(plans)
        self._acting(plans)
        for plan in plans:
            self._staff(plan)
        self._overrides(plans)
        self._accounts(plans)
        # Last, so everything above draws the same numbers as before these were planned.
        self._delegasi(plans)
        self._mutasi(plans)
        # Last of all, for the same reason; the people of the cases above keep their TMT CPNS.
        tetap = {v for k, v in self.city.personas.items() if not k.startswith("akun:")}
        tetap |= {m.pegawai for m in self.city.mutasi}
        tetap |= {i for d in self.city.delegasi for i in (d.pemberi, d.penerima)}
        tandai_masa_kerja(self.orang, self.city.people, self.n, tetap)
        return self.city

    def _heads_report_to_sekda(self, plans: list[_OpdPlan]) -> None:
        """PermenPANRB 6/2022: the pejabat penilai kinerja of a kepala perangkat daerah is the Sekretaris Daerah, so
        the head of every OPD but the Sekretariat Daerah sits under the Sekda's position. The Sekda's own penilai is
        the kepala daerah, who is not an ASN and holds no position here: the Sekda's position keeps no parent."""
        rows = self.city.jabatan
        sekda = next(p.top for p in plans if p.opd.jenis == "setda")
        for plan in plans:
            if plan.top != sekda:
                rows[plan.top].parent = sekda
        # Depths follow the new parents: seed_city inserts positions level by level, parents first.
        depth: dict[int, int] = {}
        for start in range(len(rows)):
            chain, node = [], start
            while node not in depth and rows[node].parent is not None:
                chain.append(node)
                node = rows[node].parent
            if node not in depth:
                depth[node] = 0
            for i in reversed(chain):
                depth[i] = depth[rows[i].parent] + 1
        for i, row in enumerate(rows):
            row.depth = depth[i]

    def _plan_opd(self, index: int, opd: Opd, size: int) -> _OpdPlan:
        root = template(opd, self.rng)
        upt_counts = []
        for group in opd.upt:
            count = round(size * group.bagian / (group.ukuran + 1))
            upt_counts.append(min(len(group.nama), max(group.minimal if size >= 12 else 0, count)))
        kantor = size - sum(c * (g.ukuran + 1) for c, g in zip(upt_counts, opd.upt, strict=True))
        # About one structural position per five pegawai of the office (the rest are staff), and never fewer
        # than five, so even the smallest OPD has a head, a sekretaris, a kasubbag, a kabid and a kasi.
        budget = max(5, round(kantor * 0.2))
        included: set[int] = set()
        used = 0
        for node, parent in ordered(root):
            if parent is not None and id(parent) not in included:
                continue
            if node.force or used + len(node.positions) <= budget:
                included.add(id(node))
                used += len(node.positions)
        plan = _OpdPlan(index, opd, size)
        self._emit(plan, root, None, None, included)
        for group, count in zip(opd.upt, upt_counts, strict=True):
            # Under their bidang when the OPD is big enough to have it, otherwise under the head.
            anchor = plan.named.get(f"Bidang {group.induk}") if group.induk else None
            unit_parent, jabatan_parent = anchor or plan.named[opd.nama]
            # A UPT led by a pengawas or administrator stands on its own (unit kerja mandiri); a school, led by a
            # guru with an additional task, does not.
            mandiri = group.jenis in (JPT, ADM, PGW)
            for nama in group.nama[:count]:
                unit = self.unit(index, unit_parent, nama, mandiri)
                kepala = self.jabatan(
                    unit, jabatan_parent, group.kepala.format(unit=nama), group.jenis, group.jenjang, group.kelas
                )
                plan.struct.append((kepala, jabatan_parent))
                plan.slots.append((unit, kepala, group.staf, group.ukuran, 0, ""))
        return plan

    def _emit(self, plan: _OpdPlan, node: Node, unit_parent, jabatan_parent, included: set[int]) -> None:
        unit = self.unit(plan.index, unit_parent, node.unit, node.mandiri)
        ids: list[int] = []
        for nama, jenis, jenjang, kelas in node.positions:
            parent = ids[0] if ids else jabatan_parent
            ids.append(self.jabatan(unit, parent, nama, jenis, jenjang, kelas))
            plan.struct.append((ids[-1], parent))
        if plan.top < 0:
            plan.top = ids[0]
        plan.named[node.unit] = (unit, ids[0])
        if node.tag:
            plan.tags[node.tag] = ids[0]
        if node.staf:
            plan.slots.append((unit, ids[-1], node.staf, node.bobot, node.min_staf, node.tag))
        for child in node.children:
            if id(child) in included:
                self._emit(plan, child, unit, ids[0], included)

    def _persona_positions(self, plan: _OpdPlan) -> set[int]:
        return {j for tag, j in plan.tags.items() if tag.startswith("persona")}

    def _vacancies(self, plans: list[_OpdPlan]) -> None:
        """Leave about 4% of administrator/pengawas positions vacant. The persona OPD gets its planned case: the
        first seksi of the persona bidang is vacant (its kasi is a Plt, see :meth:`_acting`)."""
        rng, city = self.rng, self.city
        for plan in plans:
            keep = self._persona_positions(plan) | {plan.top}
            if plan.opd.persona:
                plan.vacant.add(plan.tags["persona-seksi-0"])
            for jabatan, _parent in plan.struct:
                if city.jabatan[jabatan].jenis in (ADM, PGW) and jabatan not in keep and rng.random() < 0.04:
                    plan.vacant.add(jabatan)

    def _leaders(self, plans: list[_OpdPlan]) -> None:
        rng, city = self.rng, self.city
        for plan in plans:
            opd = plan.opd
            for jabatan, _parent in plan.struct:
                if jabatan in plan.vacant:
                    continue
                row = city.jabatan[jabatan]
                if row.jenis == JF:  # kepala sekolah: a guru ahli madya with an additional task
                    key, bidang, perempuan = row.jenjang, "pendidikan", 0.55
                else:
                    key = {JPT: "jpt", ADM: "administrator", PGW: "pengawas"}[row.jenis]
                    bidang = rng.choice(opd.bidang_studi) if rng.random() < 0.6 else rng.choice(BIDANG_UMUM)
                    perempuan = 0.33
                person = self.person(
                    jabatan,
                    key,
                    bidang=bidang,
                    perempuan_p=perempuan,
                    sekda=opd.jenis == "setda" and jabatan == plan.top,
                )
                city.people[person].pimpinan = True
                self.holders[jabatan] = person

    def _acting(self, plans: list[_OpdPlan]) -> None:
        """Plt for most vacancies, from a peer under the same atasan (SE Kepala BKN 1/SE/I/2021: a Plt holds an
        equal or higher position); the rest stay vacant and supervision passes up. Two OPD heads on leave get
        their sekretaris as Plh for a week or two."""
        rng, city, today = self.rng, self.city, self.today
        for plan in plans:
            peers: dict[tuple[int | None, str], list[int]] = {}
            for jabatan, parent in plan.struct:
                peers.setdefault((parent, city.jabatan[jabatan].jenis), []).append(jabatan)
            persona = self._persona_positions(plan)
            acting: set[int] = set()
            for jabatan, parent in plan.struct:
                if jabatan not in plan.vacant:
                    continue
                if plan.opd.persona and jabatan == plan.tags["persona-seksi-0"]:
                    candidates = [plan.tags["persona-seksi-2"]]
                elif rng.random() < 0.8:
                    candidates = [
                        j
                        for j in peers[(parent, city.jabatan[jabatan].jenis)]
                        if j in self.holders and j not in persona and self.holders[j] not in acting
                    ]
                else:
                    candidates = []
                if candidates:
                    holder = self.holders[rng.choice(candidates)]
                    acting.add(holder)
                    mulai = today - datetime.timedelta(days=rng.randint(10, 150))
                    self._penugasan(holder, jabatan, JenisPenugasan.PLT, mulai, mulai + datetime.timedelta(days=180))
        on_leave = [
            p
            for p in plans
            if not p.opd.persona
            and p.opd.jenis in ("dinas", "badan")
            and p.top in self.holders
            and p.tags.get("sekretaris") in self.holders
        ]
        for plan in rng.sample(on_leave, min(2, len(on_leave))):
            mulai = today - datetime.timedelta(days=rng.randint(1, 5))
            selesai = mulai + datetime.timedelta(days=rng.randint(7, 14))
            self._penugasan(self.holders[plan.tags["sekretaris"]], plan.top, JenisPenugasan.PLH, mulai, selesai)

    def _penugasan(self, pegawai: int, jabatan: int, jenis: str, mulai, selesai) -> None:
        self.sk += 1
        nomor = f"800.1.3.3/{self.sk:04d}-BKPSDM/{mulai.year}"
        self.city.penugasan.append(PenugasanRow(pegawai, jabatan, jenis, mulai, selesai, nomor))

    def _staff(self, plan: _OpdPlan) -> None:
        rng, city = self.rng, self.city
        opd = plan.opd
        filled = sum(1 for j, _p in plan.struct if j not in plan.vacant)
        counts = apportion(plan.size - filled, [s[3] for s in plan.slots], [s[4] for s in plan.slots])
        umum = [b for b in opd.bidang_studi if b not in PROFESI] or list(BIDANG_UMUM)
        for (unit, parent, staf, _bobot, _min, tag), m in zip(plan.slots, counts, strict=True):
            if not m:
                continue
            # A few jabatan per unit, several holders each (a formasi): about √m different jabatan for m staff.
            k = min(len(staf), m, max(1, math.isqrt(m)))
            pool, chosen = list(staf), []
            for _ in range(k):
                pick = rng.choices(range(len(pool)), weights=[w for _n, _j, w in pool])[0]
                chosen.append(pool.pop(pick))
            per_jabatan = apportion(m, [w for _n, _j, w in chosen], [1] * k)
            persona = tag.startswith("persona")
            for (nama, jenjang, _w), jumlah in zip(chosen, per_jabatan, strict=True):
                if jenjang is None:
                    kelas = next(kelas for n, kelas, _b in PELAKSANA if n == nama)
                    jabatan = self.jabatan(unit, parent, nama, PLK, Jenjang.PELAKSANA, kelas)
                    level, perempuan, pppk = kelas, 0.5, 0.05
                else:
                    jabatan = self.jabatan(
                        unit, parent, f"{nama} {JENJANG_NAMA[jenjang]}", JF, jenjang, KELAS_JF[jenjang]
                    )
                    bidang, perempuan, pppk = FUNGSIONAL[nama]
                    level = jenjang
                for _ in range(jumlah):
                    if jenjang is None:
                        bidang = rng.choice(umum)
                    # The persona units stay complete and active, so the demo logins always have bawahan.
                    pensiun = not persona and rng.random() < 0.012
                    person = self.person(
                        jabatan,
                        level,
                        bidang=bidang,
                        perempuan_p=perempuan,
                        pppk_p=pppk,
                        apoteker=nama == "Apoteker",
                        pensiun=pensiun,
                    )
                    if tag == "persona-seksi-1" and "pegawai" not in city.personas:
                        city.personas["pegawai"] = person

    def _overrides(self, plans: list[_OpdPlan]) -> None:
        """About 2 per 1,000 pegawai (at least two) get an explicit atasan: a structural official of their OPD
        other than the holder of their parent position (e.g. seconded to the sekretaris)."""
        rng, city = self.rng, self.city
        leaders = {p.index: [self.holders[j] for j, _ in p.struct if j in self.holders] for p in plans}
        persona_units = {city.jabatan[j].unit for p in plans for j in self._persona_positions(p)}
        eligible = [
            i
            for i, person in enumerate(city.people)
            if not person.pimpinan and person.aktif and city.jabatan[person.jabatan].unit not in persona_units
        ]
        for i in sorted(rng.sample(eligible, min(len(eligible), max(2, round(self.n * 0.002))))):
            person = city.people[i]
            jabatan = city.jabatan[person.jabatan]
            natural = self.holders.get(jabatan.parent)
            candidates = [h for h in leaders[city.units[jabatan.unit].opd] if h != natural]
            if candidates:
                person.atasan_override = rng.choice(candidates)

    def _accounts(self, plans: list[_OpdPlan]) -> None:
        city = self.city
        persona = next(p for p in plans if p.opd.persona)
        setda = next(p for p in plans if p.opd.jenis == "setda")
        city.personas["atasan"] = self.holders[persona.tags["persona-seksi-1"]]
        city.personas["atasan_atasan"] = self.holders[persona.tags["persona-bidang"]]
        city.personas["kepala_opd"] = self.holders[persona.top]
        city.personas["plt"] = self.holders[persona.tags["persona-seksi-2"]]
        city.personas["pimpinan"] = self.holders[setda.top]
        # Heads of OPD see the dashboards of their OPD; the sekda those of the whole city (docs/ATURAN.md).
        for plan in plans:
            if plan.top in self.holders:
                city.peran.append((self.holders[plan.top], JenisPeran.PIMPINAN, None if plan is setda else plan.index))
        opd = persona.opd
        city.accounts.append(
            AccountRow(
                f"admin.{opd.singkatan.lower()}", "Admin", opd.singkatan, False, [(JenisPeran.ADMIN_OPD, persona.index)]
            )
        )
        city.personas["akun:admin_opd"] = len(city.accounts) - 1
        city.accounts.append(AccountRow("admin.bkpsdm", "Admin", "BKPSDM", True, [(JenisPeran.ADMIN_BKPSDM, None)]))
        city.personas["akun:admin_bkpsdm"] = len(city.accounts) - 1

    def _delegasi(self, plans: list[_OpdPlan]) -> None:
        """A kepala sekolah is a guru with an additional task, in a jabatan fungsional, so on their own they may not
        rate anyone (PermenPANRB 6/2022 Pasal 1: the penilai is at least a pejabat pengawas). The head of the OPD
        delegates the penilai's rights to each of them in writing, for the demo's whole span (last year and this
        one), so the teachers of a school are rated by its kepala sekolah (:mod:`pegawai.atasan`)."""
        city = self.city
        mulai, selesai = datetime.date(self.today.year - 1, 1, 1), datetime.date(self.today.year, 12, 31)
        for plan in plans:
            nomor = 100
            for jabatan, _parent in plan.struct:
                if city.jabatan[jabatan].jenis in JENIS_PENILAI or jabatan not in self.holders:
                    continue
                pemberi = self._pemberi_delegasi(plan, jabatan)
                if pemberi is None:
                    continue
                penerima = self.holders[jabatan]
                awal = max(mulai, city.people[pemberi].tmt, city.people[penerima].tmt)
                if awal > selesai:
                    continue
                nomor += 1
                unit = city.units[city.jabatan[jabatan].unit].nama
                city.delegasi.append(
                    DelegasiRow(
                        pemberi,
                        penerima,
                        awal,
                        selesai,
                        f"Kepala sekolah adalah guru yang diberi tugas tambahan (jabatan fungsional), bukan pejabat "
                        f"pengawas. Wewenang pejabat penilai kinerja bagi guru dan tenaga kependidikan {unit} "
                        f"didelegasikan kepada kepala sekolah.",
                        f"800/{nomor}/{plan.opd.singkatan or plan.opd.kode}/{awal.year}",
                    )
                )

    def _pemberi_delegasi(self, plan: _OpdPlan, jabatan: int) -> int | None:
        """The head of the OPD; when that position has no holder, the holder of the nearest position above
        ``jabatan`` that may rate."""
        if plan.top in self.holders:
            return self.holders[plan.top]
        rows = self.city.jabatan
        node = rows[jabatan].parent
        while node is not None:
            if rows[node].jenis in JENIS_PENILAI and node in self.holders:
                return self.holders[node]
            node = rows[node].parent
        return None

    def _tmt_mutasi(self) -> datetime.date | None:
        """The TMT of the demo's mid-year transfers: 1 July, or — early in the year — the latest first of a month
        at least four weeks back (a mutasi is recorded once it takes effect, and the new position should have some
        weeks of work to show). ``None`` in January: no mid-year yet."""
        batas = self.today - datetime.timedelta(days=28)
        for bulan in range(7, 1, -1):
            tmt = datetime.date(self.today.year, bulan, 1)
            if tmt <= batas:
                return tmt
        return None

    def _mutasi(self, plans: list[_OpdPlan]) -> None:
        """A few staff move to the same staff position in another unit of their OPD, under another atasan, on one
        TMT around mid-year (one SK, as a rotation usually is). Not the persona units (their logins and queues stay
        as the demo describes them), not leaders, CPNS, pensiunan or anyone with an explicit atasan."""
        rng, city = self.rng, self.city
        tmt = self._tmt_mutasi()
        if tmt is None:
            return
        awal_tahun = datetime.date(tmt.year, 1, 1)
        persona_units = {city.jabatan[j].unit for p in plans for j in self._persona_positions(p)}
        struktural = {j for p in plans for j, _parent in p.struct}
        opd_of = [city.units[row.unit].opd for row in city.jabatan]
        # Staff positions per OPD, in plan order.
        staf: dict[int, list[int]] = {}
        for j, row in enumerate(city.jabatan):
            if j not in struktural and row.unit not in persona_units:
                staf.setdefault(opd_of[j], []).append(j)
        kandidat = [
            i
            for i, p in enumerate(city.people)
            if p.aktif
            and not p.pimpinan
            and p.atasan_override is None
            and p.status == StatusPegawai.PNS
            and p.tmt < awal_tahun
            and city.jabatan[p.jabatan].unit not in persona_units
        ]
        rng.shuffle(kandidat)
        for i in kandidat:
            if len(city.mutasi) >= JUMLAH_MUTASI:
                break
            person = city.people[i]
            lama = city.jabatan[person.jabatan]
            tujuan = [
                j
                for j in staf.get(opd_of[person.jabatan], ())
                if city.jabatan[j].parent != lama.parent
                and (city.jabatan[j].nama, city.jabatan[j].jenis) == (lama.nama, lama.jenis)
            ]
            if not tujuan:
                continue
            self.sk += 1
            nomor = f"821.2/{self.sk:04d}-BKPSDM/{tmt.year}"
            city.mutasi.append(MutasiRow(i, person.jabatan, tmt, nomor))
            person.jabatan = rng.choice(tujuan)
        city.mutasi.sort(key=lambda m: m.pegawai)


def build_city(n: int = DEFAULT_PEGAWAI, seed: int = 1, today: datetime.date | None = None) -> City:
    """Plan a city of exactly ``n`` pegawai. Pure: the same ``(n, seed, today)`` gives the same rows."""
    if n < MIN_PEGAWAI:
        raise ValueError(f"Jumlah pegawai minimal {MIN_PEGAWAI}.")
    if today is None:
        today = timezone.localdate()
    city = _Builder(n, seed, today).build()
    assert len(city.people) == n, (len(city.people), n)
    return city
