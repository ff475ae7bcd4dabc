"""The distribution of predikat against the curve of the capaian kinerja organisasi (SE MenPANRB 03/2023): over
one pejabat penilai's evaluations of a period, and over a unit's. One grouped query per distribution; the rating
page passes the picks not yet saved (``ganti``) so the panel moves while the atasan chooses."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from pegawai.atasan import jabatan_pada
from pegawai.models import Jabatan, Pegawai, RiwayatJabatan, UnitKerja

from .. import rules
from ..choices import CapaianOrganisasi, Predikat, StatusEvaluasi
from ..models import CapaianKinerjaOrganisasi, Evaluasi, PenerimaanKurva, PeriodePenilaian
from .capaian import CapaianBerlaku, capaian_unit


@dataclass
class BarisDistribusi:
    predikat: Predikat
    jumlah: int
    persen: str


@dataclass
class Distribusi:
    """Counts per predikat of the rated (dinilai or final) evaluations in scope, against the pattern."""

    judul: str
    capaian: CapaianBerlaku | None
    jumlah: dict[Predikat, int] = field(default_factory=dict)
    belum_dinilai: int = 0
    diterima: PenerimaanKurva | None = None

    @property
    def total(self) -> int:
        return sum(self.jumlah.values())

    @property
    def baris(self) -> list[BarisDistribusi]:
        total = self.total
        return [
            BarisDistribusi(
                p, self.jumlah.get(p, 0), rules.format_persen(Fraction(self.jumlah.get(p, 0), total)) if total else "–"
            )
            for p in Predikat
        ]

    @property
    def pola(self) -> list[str]:
        return rules.pola_kurva(self.capaian.capaian) if self.capaian else []

    @property
    def pelanggaran(self) -> list[str]:
        return rules.cek_kurva(self.capaian.capaian, self.jumlah) if self.capaian else []

    @property
    def memenuhi(self) -> bool:
        return self.capaian is not None and not self.pelanggaran


def _hitung(qs: QuerySet[Evaluasi], ganti: dict[int, int] | None) -> tuple[dict[Predikat, int], int]:
    """Counts of ``qs`` per predikat, with ``ganti`` (evaluation id → predikat picked but not saved) applied."""
    ganti = ganti or {}
    jumlah = dict.fromkeys(Predikat, 0)
    belum = 0
    rows = qs.values("pk", "status", "predikat").order_by()
    if not ganti:
        rows = qs.values("status", "predikat").annotate(n=Count("pk")).order_by()
        for r in rows:
            if r["status"] == StatusEvaluasi.DRAFT or r["predikat"] is None:
                belum += r["n"]
            else:
                jumlah[Predikat(r["predikat"])] += r["n"]
        return jumlah, belum
    for r in rows:
        p = ganti.get(r["pk"], r["predikat"] if r["status"] != StatusEvaluasi.DRAFT else None)
        if p is None:
            belum += 1
        else:
            jumlah[Predikat(p)] += 1
    return jumlah, belum


def unit_penilai(penilai: Pegawai, on: datetime.date) -> UnitKerja | None:
    """The unit kerja of the position ``penilai`` holds on ``on`` (the unit whose capaian limits their team)."""
    jabatan_id = jabatan_pada(penilai, on)
    if jabatan_id is None:
        return None
    return Jabatan.objects.select_related("unit_kerja__parent").get(pk=jabatan_id).unit_kerja


def _turunan(anak: dict[int | None, list[int]], unit_id: int) -> set[int]:
    """``unit_id`` and every unit below it, from a parent → children map (a cycle in bad data stops)."""
    hasil, antre = set(), [unit_id]
    while antre:
        u = antre.pop()
        if u not in hasil:
            hasil.add(u)
            antre.extend(anak.get(u, []))
    return hasil


def _subtree(unit: UnitKerja) -> set[int]:
    """``unit`` and every unit below it (one query over the OPD's units)."""
    anak: dict[int | None, list[int]] = {}
    for pk, parent_id in UnitKerja.objects.filter(perangkat_daerah_id=unit.perangkat_daerah_id).values_list(
        "pk", "parent_id"
    ):
        anak.setdefault(parent_id, []).append(pk)
    return _turunan(anak, unit.pk)


def distribusi_penilai(
    penilai: Pegawai, periode: PeriodePenilaian, ganti: dict[int, int] | None = None
) -> tuple[Distribusi, Distribusi | None]:
    """The distribution of ``penilai``'s evaluations of ``periode`` and of their unit's (everyone in the unit and
    below whose SKP position is there, except the penilai), each against the unit's capaian. The second is
    ``None`` when the penilai holds no position on the period's last day."""
    unit = unit_penilai(penilai, periode.tanggal_selesai)
    capaian = capaian_unit(periode, unit) if unit else None
    diterima = PenerimaanKurva.objects.filter(periode=periode, penilai=penilai).order_by("-diterima_pada").first()
    jumlah, belum = _hitung(Evaluasi.objects.filter(periode=periode, penilai=penilai), ganti)
    tim = Distribusi(_("Pegawai yang dinilai"), capaian, jumlah, belum, diterima)
    if unit is None:
        return tim, None
    unit_qs = Evaluasi.objects.filter(periode=periode, skp__jabatan__unit_kerja_id__in=_subtree(unit)).exclude(
        pegawai=penilai
    )
    jumlah_u, belum_u = _hitung(unit_qs, ganti)
    diterima_u = (
        PenerimaanKurva.objects.filter(periode=periode, unit_kerja=unit).order_by("-diterima_pada").first() or diterima
    )
    return tim, Distribusi(unit.nama, capaian, jumlah_u, belum_u, diterima_u)


# ---------------------------------------------------------------------------------------------------------------
# Every penilai of a period at once (admin BKPSDM's list of deviations)
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class KurvaPenilai:
    """One pejabat penilai of a period with the distribution of their team and of their unit."""

    penilai: Pegawai
    tim: Distribusi
    unit: Distribusi | None

    @property
    def distribusi(self) -> list[Distribusi]:
        return [d for d in (self.tim, self.unit) if d is not None]

    @property
    def pelanggaran(self) -> list[str]:
        """The violated conditions, worded as :func:`penilaian.services.final.kurva_terima` keeps them."""
        return [f"{d.judul}: {p}" for d in self.distribusi for p in d.pelanggaran]

    @property
    def diterima(self) -> PenerimaanKurva | None:
        return self.tim.diterima

    @property
    def menghalangi(self) -> bool:
        """Whether a violation still blocks finalising (none accepted for it)."""
        return any(d.pelanggaran and d.diterima is None for d in self.distribusi)


def _tambah(tujuan: dict[Predikat, int], status: str, predikat: int | None, n: int) -> int:
    """Add ``n`` evaluations of ``status``/``predikat`` to ``tujuan``; answers how many are not rated yet."""
    if status == StatusEvaluasi.DRAFT or predikat is None:
        return n
    tujuan[Predikat(predikat)] += n
    return 0


def kurva_periode(periode: PeriodePenilaian) -> list[KurvaPenilai]:
    """:func:`distribusi_penilai` for every pejabat penilai of ``periode`` (ordered by name), computed from a fixed
    number of queries whatever the number of penilai: grouped counts per penilai and per unit, the units' tree,
    the period's capaian and acceptances, all resolved in Python the way :func:`capaian_unit` does."""
    tanggal = periode.tanggal_selesai
    tim_rows = (
        Evaluasi.objects.filter(periode=periode, penilai__isnull=False)
        .values("penilai_id", "status", "predikat")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tim: dict[int, tuple[dict[Predikat, int], list[int]]] = {}
    for r in tim_rows:
        jumlah, belum = tim.setdefault(r["penilai_id"], (dict.fromkeys(Predikat, 0), [0]))
        belum[0] += _tambah(jumlah, r["status"], r["predikat"], r["n"])
    if not tim:
        return []
    penilai = {p.pk: p for p in Pegawai.objects.filter(pk__in=tim).select_related("jabatan__unit_kerja")}
    unit_of = dict(
        RiwayatJabatan.objects.pada(tanggal)
        .filter(pegawai_id__in=tim)
        .values_list("pegawai_id", "jabatan__unit_kerja_id")
    )
    units = {
        u["pk"]: u
        for u in UnitKerja.objects.filter(
            perangkat_daerah_id__in=UnitKerja.objects.filter(pk__in=unit_of.values()).values("perangkat_daerah_id")
        ).values("pk", "parent_id", "nama", "perangkat_daerah_id")
    }
    anak: dict[int | None, list[int]] = {}
    for u in units.values():
        anak.setdefault(u["parent_id"], []).append(u["pk"])
    capaian_unit_rows, capaian_opd_rows = {}, {}
    for c in CapaianKinerjaOrganisasi.objects.filter(periode=periode).select_related("perangkat_daerah"):
        if c.unit_kerja_id:
            capaian_unit_rows[c.unit_kerja_id] = c
        else:
            capaian_opd_rows[c.perangkat_daerah_id] = c
    per_unit: dict[int, list[tuple[str, int | None, int]]] = {}
    for r in (
        Evaluasi.objects.filter(periode=periode)
        .values("skp__jabatan__unit_kerja_id", "status", "predikat")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        per_unit.setdefault(r["skp__jabatan__unit_kerja_id"], []).append((r["status"], r["predikat"], r["n"]))
    sendiri: dict[int, list[tuple[int, str, int | None]]] = {}
    for r in Evaluasi.objects.filter(periode=periode, pegawai_id__in=tim).values(
        "pegawai_id", "skp__jabatan__unit_kerja_id", "status", "predikat"
    ):
        sendiri.setdefault(r["pegawai_id"], []).append((r["skp__jabatan__unit_kerja_id"], r["status"], r["predikat"]))
    terima_penilai: dict[int, PenerimaanKurva] = {}
    terima_unit: dict[int, PenerimaanKurva] = {}
    for p in PenerimaanKurva.objects.filter(periode=periode).order_by("-diterima_pada", "-pk"):
        if p.penilai_id:
            terima_penilai.setdefault(p.penilai_id, p)
        if p.unit_kerja_id:
            terima_unit.setdefault(p.unit_kerja_id, p)

    def berlaku(unit_id: int) -> CapaianBerlaku | None:
        node, seen = unit_id, set()
        while node is not None and node not in seen:
            seen.add(node)
            c = capaian_unit_rows.get(node)
            if c is not None:
                return CapaianBerlaku(CapaianOrganisasi(c.capaian), units[node]["nama"], node, None)
            node = units[node]["parent_id"]
        opd = capaian_opd_rows.get(units[unit_id]["perangkat_daerah_id"])
        if opd is not None:
            return CapaianBerlaku(
                CapaianOrganisasi(opd.capaian), opd.perangkat_daerah.nama, None, opd.perangkat_daerah_id
            )
        return None

    hasil = []
    for pid, (jumlah, belum) in tim.items():
        unit_id = unit_of.get(pid)
        capaian = berlaku(unit_id) if unit_id else None
        d_tim = Distribusi(_("Pegawai yang dinilai"), capaian, jumlah, belum[0], terima_penilai.get(pid))
        d_unit = None
        if unit_id:
            cakupan = _turunan(anak, unit_id)
            jumlah_u, belum_u = dict.fromkeys(Predikat, 0), 0
            for u in cakupan:
                for status, predikat, n in per_unit.get(u, []):
                    belum_u += _tambah(jumlah_u, status, predikat, n)
            # The penilai's own evaluation is not part of the unit they rate (as distribusi_penilai excludes it).
            for u, status, predikat in sendiri.get(pid, []):
                if u in cakupan:
                    belum_u += _tambah(jumlah_u, status, predikat, -1)
            d_unit = Distribusi(
                units[unit_id]["nama"],
                capaian,
                jumlah_u,
                belum_u,
                terima_unit.get(unit_id) or terima_penilai.get(pid),
            )
        hasil.append(KurvaPenilai(penilai[pid], d_tim, d_unit))
    return sorted(hasil, key=lambda k: (k.penilai.nama, k.penilai.pk))
