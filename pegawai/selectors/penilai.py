"""The admins' check of who may rate (docs/ATURAN.md; issue "who may be pejabat penilai"): the positions whose parent
position may not rate (a JF ketua tim, a pelaksana), and the atasan overrides naming someone who holds no position
of at least pengawas.

Each read runs a fixed number of queries whatever the number of positions on the page: the holders, delegations and
penilai of a whole page are read at once (the penilai through the SQL form of the rule,
:func:`pegawai.supervisi.atasan_pada`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet

from ..atasan import JENIS_PENILAI
from ..models import DelegasiPenilai, Jabatan, Pegawai, RiwayatJabatan
from ..penilai import pemegang_jabatan_penilai
from ..supervisi import atasan_pada


def _lingkup(queryset: QuerySet, opd_ids: set[int] | None, path: str) -> QuerySet:
    return queryset if opd_ids is None else queryset.filter(**{f"{path}__in": opd_ids})


def jabatan_induk_tidak_menilai(opd_ids: set[int] | None) -> QuerySet[Jabatan]:
    """Active positions in the OPDs ``opd_ids`` (``None``: every OPD) whose parent position is not of at least
    pengawas: their holders are rated by someone further up, or by the parent's holder only with a delegation."""
    qs = (
        Jabatan.objects.filter(aktif=True, parent__isnull=False)
        .exclude(parent__jenis__in=JENIS_PENILAI)
        .select_related("unit_kerja__perangkat_daerah", "parent__unit_kerja")
    )
    return _lingkup(qs, opd_ids, "unit_kerja__perangkat_daerah_id").order_by(
        "unit_kerja__perangkat_daerah__nama", "unit_kerja__nama", "nama", "pk"
    )


@dataclass
class PemegangDinilai:
    pegawai: Pegawai
    #: Who rates them on the day (override, Plt/Plh or delegation included); ``None``: nobody.
    penilai: Pegawai | None
    #: The penilai rates through a written delegation (a holder of the parent position who was delegated).
    lewat_delegasi: bool = False


@dataclass
class JabatanPeriksa:
    jabatan: Jabatan
    pemegang: list[PemegangDinilai] = field(default_factory=list)
    pemegang_induk: list[Pegawai] = field(default_factory=list)
    #: Delegations held on the day by the holders of the parent position.
    delegasi: list[DelegasiPenilai] = field(default_factory=list)


def rincian_jabatan(jabatan: list[Jabatan], on: datetime.date) -> list[JabatanPeriksa]:
    """For each position (a page of :func:`jabatan_induk_tidak_menilai`): its holders on ``on`` and who rates
    each of them, the holders of its parent position and their active delegations. Five queries at most."""
    hasil = [JabatanPeriksa(jabatan=j) for j in jabatan]
    if not hasil:
        return hasil
    ids = {j.pk for j in jabatan}
    induk_ids = {j.parent_id for j in jabatan}
    pemegang: dict[int, list[Pegawai]] = {}
    riwayat = (
        RiwayatJabatan.objects.pada(on)
        .filter(jabatan_id__in=ids | induk_ids)
        .select_related("pegawai")
        .order_by("pegawai__nama", "pegawai_id")
    )
    for r in riwayat:
        pemegang.setdefault(r.jabatan_id, []).append(r.pegawai)
    orang_induk = {p.pk for j in induk_ids for p in pemegang.get(j, [])}
    delegasi: dict[int, list[DelegasiPenilai]] = {}
    for d in DelegasiPenilai.objects.pada(on).filter(penerima_id__in=orang_induk).select_related("pemberi", "penerima"):
        delegasi.setdefault(d.penerima_id, []).append(d)

    dinilai = {p.pk for j in ids for p in pemegang.get(j, [])}
    atasan = atasan_pada([(pk, on) for pk in dinilai]) if dinilai else {}
    # Always one query for the penilai (even those already read as holders): the count stays the same.
    dikenal = Pegawai.objects.in_bulk(set(atasan.values())) if atasan else {}

    for baris in hasil:
        j = baris.jabatan
        baris.pemegang_induk = pemegang.get(j.parent_id, [])
        baris.delegasi = [d for p in baris.pemegang_induk for d in delegasi.get(p.pk, [])]
        for p in pemegang.get(j.pk, []):
            penilai_id = atasan.get((p.pk, on))
            baris.pemegang.append(
                PemegangDinilai(
                    pegawai=p,
                    penilai=dikenal.get(penilai_id),
                    lewat_delegasi=penilai_id is not None and penilai_id in delegasi,
                )
            )
    return hasil


def penetapan_atasan_bukan_penilai(opd_ids: set[int] | None, on: datetime.date) -> QuerySet[Pegawai]:
    """Active pegawai in the OPDs ``opd_ids`` (``None``: every OPD) whose active ``atasan_override`` names someone
    holding no position of at least pengawas on ``on`` (definitively or as Plt/Plh). ``delegasi_aktif`` says whether
    that atasan holds a written delegation that day (then the override is allowed). One query per page."""
    definitif, plt = pemegang_jabatan_penilai(on)
    qs = (
        Pegawai.objects.filter(aktif=True, atasan_override__aktif=True)
        .exclude(atasan_override_id__in=definitif.values("pegawai_id"))
        .exclude(atasan_override_id__in=plt.values("pegawai_id"))
        .annotate(
            delegasi_aktif=Exists(DelegasiPenilai.objects.pada(on).filter(penerima_id=OuterRef("atasan_override_id")))
        )
        .select_related("jabatan__unit_kerja__perangkat_daerah", "atasan_override__jabatan")
    )
    return _lingkup(qs, opd_ids, "jabatan__unit_kerja__perangkat_daerah_id").order_by(
        "jabatan__unit_kerja__perangkat_daerah__nama", "nama", "pk"
    )
