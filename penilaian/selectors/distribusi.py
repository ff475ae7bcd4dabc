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
from pegawai.models import Jabatan, Pegawai, UnitKerja

from .. import rules
from ..choices import Predikat, StatusEvaluasi
from ..models import Evaluasi, PenerimaanKurva, PeriodePenilaian
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


def _subtree(unit: UnitKerja) -> list[int]:
    """``unit`` and every unit below it (one query over the OPD's units)."""
    anak: dict[int | None, list[int]] = {}
    for pk, parent_id in UnitKerja.objects.filter(perangkat_daerah_id=unit.perangkat_daerah_id).values_list(
        "pk", "parent_id"
    ):
        anak.setdefault(parent_id, []).append(pk)
    hasil, antre, seen = [], [unit.pk], set()
    while antre:
        u = antre.pop()
        if u in seen:
            continue
        seen.add(u)
        hasil.append(u)
        antre.extend(anak.get(u, []))
    return hasil


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
