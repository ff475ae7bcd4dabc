"""The atasan's team sheet for a period: every bawahan they rate, with the SKP the period evaluates, the evaluation
(or none yet), how many RHK have evidence, the state and the predikat. A fixed number of queries whatever the size
of the team (penilaian/tests/test_tim.py). Admin BKPSDM's variant lists the evaluations the kepala daerah rates
(the Sekda), entered by admin BKPSDM on their behalf."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from pegawai.atasan import bawahan_langsung_teringat
from pegawai.choices import JenisJabatan
from pegawai.models import Pegawai
from skp.models import RencanaHasilKerja, Skp

from ..choices import Predikat, StatusEvaluasi
from ..models import Evaluasi, PeriodePenilaian
from .evaluasi import jumlah_bukti, skp_periode_banyak

#: The state of a row of the sheet: the evaluation's status, or "not prepared yet".
BELUM = "belum"
KEADAAN = [
    (BELUM, _("Belum dimulai")),
    (StatusEvaluasi.DRAFT, StatusEvaluasi.DRAFT.label),
    (StatusEvaluasi.DINILAI, StatusEvaluasi.DINILAI.label),
    (StatusEvaluasi.FINAL, StatusEvaluasi.FINAL.label),
]


@dataclass
class BarisTim:
    """One bawahan × SKP of the sheet. ``skp`` is ``None`` for a bawahan without an approved SKP for the period
    (nothing can be evaluated yet)."""

    pegawai: Pegawai
    skp: Skp | None
    evaluasi: Evaluasi | None
    rhk_dengan_bukti: int = 0
    rhk_total: int = 0

    @property
    def keadaan(self) -> str:
        return self.evaluasi.status if self.evaluasi is not None else BELUM

    @property
    def keadaan_label(self) -> str:
        return dict(KEADAAN)[self.keadaan]

    @property
    def predikat(self) -> Predikat | None:
        if self.evaluasi is None or self.evaluasi.status == StatusEvaluasi.DRAFT or self.evaluasi.predikat is None:
            return None
        return Predikat(self.evaluasi.predikat)

    @property
    def persen_bukti(self) -> int:
        return round(100 * self.rhk_dengan_bukti / self.rhk_total) if self.rhk_total else 0

    @property
    def bukti_lengkap(self) -> bool:
        return self.rhk_total > 0 and self.rhk_dengan_bukti == self.rhk_total


def _dinilai_kepala_daerah() -> Q:
    # The JPT at the top of an OPD with no atasan set for them: rated by the kepala daerah (as the SKP queue of
    # skp.selectors.antrian.skp_antrian_kepala_daerah asks).
    return Q(aktif=True, atasan_override__isnull=True, jabatan__jenis=JenisJabatan.JPT, jabatan__parent__isnull=True)


def _dinilai_pada_akhir(skp: Skp, periode: PeriodePenilaian) -> bool:
    # The SKP still running on the period's last day is rated by the penilai of that day (the team sheet's
    # owner); one that ended earlier (a mutasi) was rated by the atasan of then, and appears on this sheet only
    # when its evaluation names this penilai.
    return periode.tahunan or skp.tanggal_selesai >= periode.tanggal_selesai


def tim_penilaian(
    actor_pegawai: Pegawai | None,
    periode: PeriodePenilaian,
    filters: dict | None = None,
    *,
    kepala_daerah: bool = False,
) -> list[BarisTim]:
    """The rows of the team sheet of ``actor_pegawai`` for ``periode``: their bawahan on the period's last day
    (:func:`pegawai.atasan.bawahan_langsung`, Plt/Plh included) with the SKP the period evaluates, plus every
    evaluation of the period that names them as penilai (a bawahan who moved away is still theirs). With
    ``kepala_daerah`` (admin BKPSDM): the pegawai the kepala daerah rates and the evaluations marked so.

    ``filters`` (cleaned data of :class:`penilaian.forms.TimFilterForm`): ``q`` name or NIP text, ``keadaan``
    (:data:`KEADAAN`), ``predikat``. Rows are ordered by name."""
    if kepala_daerah:
        kandidat = Pegawai.objects.filter(_dinilai_kepala_daerah())
        milik = Q(oleh_kepala_daerah=True)
    elif actor_pegawai is not None:
        kandidat = bawahan_langsung_teringat(actor_pegawai, periode.tanggal_selesai)
        milik = Q(penilai=actor_pegawai, oleh_kepala_daerah=False)
    else:
        return []
    orang = {p.pk: p for p in kandidat.select_related("jabatan")}
    skp_per_orang = skp_periode_banyak(orang, periode)
    pasangan: list[tuple[int, Skp | None]] = []
    for pid in orang:
        dinilai = [s for s in skp_per_orang.get(pid, []) if _dinilai_pada_akhir(s, periode)]
        pasangan.extend((pid, s) for s in dinilai or [None])
    skp_ids = [s.pk for _pid, s in pasangan if s is not None]
    evaluasi = list(
        Evaluasi.objects.filter(periode=periode)
        .filter(milik | Q(skp_id__in=skp_ids))
        .select_related("pegawai__jabatan", "skp__jabatan", "penilai")
        # The frozen identities and the pattern are for the document, not the sheet: not decoded per row.
        .defer(
            "identitas_pegawai", "identitas_penilai", "identitas_atasan_penilai", "pola_distribusi", "catatan_penilai"
        )
    )
    per_skp = {e.skp_id: e for e in evaluasi}
    rows: list[BarisTim] = []
    sudah: set[int] = set()
    for pid, skp in pasangan:
        e = per_skp.get(skp.pk) if skp is not None else None
        rows.append(BarisTim(orang[pid], skp, e))
        if e is not None:
            sudah.add(e.pk)
    rows.extend(BarisTim(e.pegawai, e.skp, e) for e in evaluasi if e.pk not in sudah)

    bukti = jumlah_bukti([r.evaluasi.pk for r in rows if r.evaluasi is not None])
    tanpa_evaluasi = [r.skp.pk for r in rows if r.evaluasi is None and r.skp is not None]
    jumlah_rhk = (
        dict(
            RencanaHasilKerja.objects.filter(skp_id__in=tanpa_evaluasi)
            .values("skp_id")
            .annotate(n=Count("pk"))
            .values_list("skp_id", "n")
        )
        if tanpa_evaluasi
        else {}
    )
    for r in rows:
        if r.evaluasi is not None:
            r.rhk_dengan_bukti, r.rhk_total = bukti.get(r.evaluasi.pk, (0, 0))
        elif r.skp is not None:
            r.rhk_total = jumlah_rhk.get(r.skp.pk, 0)
    rows.sort(key=lambda r: (r.pegawai.nama.casefold(), r.pegawai.pk, r.skp.pk if r.skp else 0))
    return saring(rows, filters or {})


def saring(rows: list[BarisTim], filters: dict) -> list[BarisTim]:
    """The rows matching the filter form's cleaned data (empty values filter nothing)."""
    q = (filters.get("q") or "").strip().casefold()
    keadaan = filters.get("keadaan") or ""
    predikat = filters.get("predikat")
    hasil = []
    for r in rows:
        if q and q not in r.pegawai.nama.casefold() and q not in (r.pegawai.nip or ""):
            continue
        if keadaan and r.keadaan != keadaan:
            continue
        if predikat and r.predikat != predikat:
            continue
        hasil.append(r)
    return hasil
