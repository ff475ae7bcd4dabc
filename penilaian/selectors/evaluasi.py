"""Reads of one evaluation: which a user may open, the day that decides its pejabat penilai, who that is, which SKP
a period evaluates, and the evidence of each RHK (the period's approved activity evidence plus what the pegawai
added)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Greatest, Least

from kinerja.choices import StatusAktivitas
from kinerja.models import BuktiDukung
from pegawai.akses import pegawai_of, pegawai_visible_to, peran_of
from pegawai.atasan import KepalaDaerah, kepala_daerah_penilai, penilai_pada
from pegawai.models import Pegawai
from skp.choices import SkpStatus
from skp.models import Skp

from ..models import BuktiEvaluasi, Evaluasi, EvaluasiRhk, PeriodePenilaian

# ---------------------------------------------------------------------------------------------------------------
# Visibility
# ---------------------------------------------------------------------------------------------------------------


def evaluasi_visible_to(user) -> QuerySet[Evaluasi]:
    """Every evaluation ``user`` may open (fetch through this: anything else answers 404): those of the pegawai
    they may see (:func:`pegawai.akses.pegawai_visible_to`: own, bawahan two levels, OPD for admins and pimpinan,
    all for BKPSDM) and those they rate or rated (still theirs after the bawahan moved away)."""
    if not getattr(user, "is_authenticated", False):
        return Evaluasi.objects.none()
    q = Q(pegawai__in=pegawai_visible_to(user))
    me = pegawai_of(user)
    if me is not None:
        q |= Q(penilai=me)
    return Evaluasi.objects.filter(q)


# ---------------------------------------------------------------------------------------------------------------
# Who rates
# ---------------------------------------------------------------------------------------------------------------


def tanggal_penilaian(skp: Skp, periode: PeriodePenilaian) -> datetime.date:
    """The day whose pejabat penilai rates ``skp`` for ``periode``: the period's last day, or the SKP's last day
    when it ended earlier in the period (a mutasi: that stretch is rated by the atasan of then)."""
    return max(min(periode.tanggal_selesai, skp.tanggal_selesai), periode.tanggal_mulai, skp.tanggal_mulai)


@dataclass(frozen=True)
class PenilaiEvaluasi:
    """The pejabat penilai of an evaluation: a pegawai, or the kepala daerah (through admin BKPSDM)."""

    pegawai: Pegawai | None = None
    kepala_daerah: KepalaDaerah | None = None

    @property
    def ada(self) -> bool:
        return self.pegawai is not None or self.kepala_daerah is not None


def penilai_untuk(pegawai: Pegawai, skp: Skp, tanggal: datetime.date) -> PenilaiEvaluasi:
    """Who rates ``skp`` of ``pegawai`` on ``tanggal``: the dated-positions rule (:func:`pegawai.atasan.penilai_pada`,
    Plt/Plh, delegation and override included), asked about the SKP's position (an acting SKP of a Plt is rated
    through the acting position); the kepala daerah for the Sekda."""
    penilai = penilai_pada(pegawai, tanggal, jabatan_id=skp.jabatan_id)
    if penilai is not None:
        return PenilaiEvaluasi(pegawai=penilai.pegawai)
    return PenilaiEvaluasi(kepala_daerah=kepala_daerah_penilai(pegawai, tanggal))


def boleh_menilai(user, evaluasi: Evaluasi) -> bool:
    """Whether ``user`` rates ``evaluasi`` now: the pejabat penilai on its date, asked again (a Plt whose term
    ended, or an atasan who moved, no longer rates); admin BKPSDM for an evaluation the kepala daerah rates."""
    penilai = penilai_untuk(evaluasi.pegawai, evaluasi.skp, evaluasi.tanggal)
    if penilai.kepala_daerah is not None:
        return peran_of(user).admin_bkpsdm
    me = pegawai_of(user)
    return me is not None and penilai.pegawai is not None and penilai.pegawai.pk == me.pk


# ---------------------------------------------------------------------------------------------------------------
# Which SKP a period evaluates
# ---------------------------------------------------------------------------------------------------------------


def skp_periode(pegawai: Pegawai | int, periode: PeriodePenilaian) -> list[Skp]:
    """The approved, current SKP of ``pegawai`` a period evaluates: every one whose range overlaps a periodic
    period (two after a mid-period mutasi, each rated by its own penilai), and for the annual evaluation the last
    one of the year (rated by the penilai at year end, with the earlier SKP's ratings shown beside it)."""
    pegawai_id = getattr(pegawai, "pk", pegawai)
    return skp_periode_banyak([pegawai_id], periode).get(pegawai_id, [])


def skp_periode_banyak(pegawai_ids, periode: PeriodePenilaian) -> dict[int, list[Skp]]:
    """:func:`skp_periode` for many pegawai in one query (the team sheet): ``{pegawai_id: [Skp, ...]}``, without
    the pegawai who have none."""
    per_pegawai: dict[int, list[Skp]] = {}
    for skp in (
        Skp.objects.berlaku()
        .filter(
            pegawai_id__in=list(pegawai_ids),
            tahun=periode.tahun,
            status=SkpStatus.DISETUJUI,
            tanggal_mulai__lte=periode.tanggal_selesai,
            tanggal_selesai__gte=periode.tanggal_mulai,
        )
        .select_related("jabatan__unit_kerja")
        .order_by("tanggal_mulai", "pk")
    ):
        per_pegawai.setdefault(skp.pegawai_id, []).append(skp)
    if periode.tahunan:
        return {
            pid: [max(rows, key=lambda s: (s.tanggal_selesai, s.tanggal_mulai, s.pk))]
            for pid, rows in per_pegawai.items()
        }
    return per_pegawai


def evaluasi_sebelumnya(evaluasi: Evaluasi) -> QuerySet[Evaluasi]:
    """For the annual evaluation: the year's other evaluations of the pegawai (earlier periods, an earlier SKP),
    shown beside the annual rating."""
    return (
        Evaluasi.objects.filter(pegawai_id=evaluasi.pegawai_id, periode__tahun=evaluasi.periode.tahun)
        .exclude(pk=evaluasi.pk)
        .select_related("periode", "skp__jabatan", "penilai")
        .order_by("periode__tanggal_mulai", "skp__tanggal_mulai")
    )


# ---------------------------------------------------------------------------------------------------------------
# Evidence per RHK
# ---------------------------------------------------------------------------------------------------------------


def _rhk_ids(er: EvaluasiRhk) -> list[int]:
    # Activities entered against the RHK's earlier version (before a perubahan SKP) count for it too.
    return [er.rhk_id] + ([er.rhk.asal_id] if er.rhk.asal_id else [])


def q_bukti_aktivitas(evaluasi: Evaluasi, rhk_ids: list[int]) -> Q:
    return Q(
        aktivitas__pegawai_id=evaluasi.pegawai_id,
        aktivitas__status=StatusAktivitas.DISETUJUI,
        aktivitas__tanggal__range=(
            max(evaluasi.periode.tanggal_mulai, evaluasi.skp.tanggal_mulai),
            min(evaluasi.periode.tanggal_selesai, evaluasi.skp.tanggal_selesai),
        ),
        aktivitas__rhk_id__in=rhk_ids,
    )


@dataclass
class BuktiRhk:
    """The evidence of one RHK in an evaluation."""

    evaluasi_rhk: EvaluasiRhk
    aktivitas: list[BuktiDukung]
    tambahan: list[BuktiEvaluasi]

    @property
    def jumlah(self) -> int:
        return len(self.aktivitas) + len(self.tambahan)


def bukti_per_rhk(evaluasi: Evaluasi) -> list[BuktiRhk]:
    """Each RHK of ``evaluasi`` with its evidence, in SKP order (three queries whatever the number of RHK)."""
    rows = list(evaluasi.rhk.select_related("rhk").prefetch_related("bukti").order_by("urutan", "pk"))
    semua_ids = {rid: er for er in rows for rid in _rhk_ids(er)}
    aktivitas = (
        BuktiDukung.objects.filter(q_bukti_aktivitas(evaluasi, list(semua_ids)))
        .select_related("aktivitas")
        .order_by("aktivitas__tanggal", "pk")
    )
    per_rhk: dict[int, list[BuktiDukung]] = {}
    for b in aktivitas:
        er = semua_ids[b.aktivitas.rhk_id]
        per_rhk.setdefault(er.pk, []).append(b)
    return [BuktiRhk(er, per_rhk.get(er.pk, []), list(er.bukti.all())) for er in rows]


def rhk_tanpa_bukti(evaluasi: Evaluasi) -> list[EvaluasiRhk]:
    """The RHK of ``evaluasi`` that have no evidence at all (rating waits for them: the seed's objectivity
    control)."""
    return [b.evaluasi_rhk for b in bukti_per_rhk(evaluasi) if b.jumlah == 0]


def jumlah_bukti(evaluasi_ids: list[int]) -> dict[int, tuple[int, int]]:
    """For many evaluations at once: ``{evaluasi_id: (RHK with evidence, RHK)}`` in one query (the team sheet).

    An RHK has evidence when the pegawai added some, or when an approved activity of the evaluation's window (the
    period within the SKP's range) entered against it — or against its earlier version — carries some: two EXISTS
    per RHK row, evaluated by the database, so the query is the same size for 5 or 500 rows."""
    if not evaluasi_ids:
        return {}
    aktivitas = BuktiDukung.objects.filter(
        Q(aktivitas__rhk_id=OuterRef("rhk_id")) | Q(aktivitas__rhk_id=OuterRef("rhk__asal_id")),
        aktivitas__pegawai_id=OuterRef("evaluasi__pegawai_id"),
        aktivitas__status=StatusAktivitas.DISETUJUI,
        aktivitas__tanggal__gte=Greatest(
            OuterRef("evaluasi__periode__tanggal_mulai"), OuterRef("evaluasi__skp__tanggal_mulai")
        ),
        aktivitas__tanggal__lte=Least(
            OuterRef("evaluasi__periode__tanggal_selesai"), OuterRef("evaluasi__skp__tanggal_selesai")
        ),
    )
    rows = (
        EvaluasiRhk.objects.filter(evaluasi_id__in=evaluasi_ids)
        .annotate(ada=Exists(BuktiEvaluasi.objects.filter(evaluasi_rhk=OuterRef("pk"))) | Exists(aktivitas))
        .values_list("evaluasi_id", "ada")
    )
    hasil: dict[int, tuple[int, int]] = {}
    for evaluasi_id, ada in rows:
        ada_n, total = hasil.get(evaluasi_id, (0, 0))
        hasil[evaluasi_id] = (ada_n + bool(ada), total + 1)
    return hasil
