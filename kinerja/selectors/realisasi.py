"""Realisasi: a pegawai's approved activities rolled up per RHK and IKI over a month, triwulan, semester or
year — what penilaian suggests as realisasi and what the recaps show."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Lower, Trim

from pegawai.models import Pegawai
from skp.choices import JenisRhk, SkpStatus
from skp.models import IndikatorKinerjaIndividu, RencanaHasilKerja
from skp.selectors.rhk import rhk_penerus

from .. import rules
from ..choices import KategoriAktivitas, PeriodeRealisasi, StatusAktivitas
from ..models import Aktivitas


def _satuan_key(satuan: str) -> str:
    # The same normalisation as the database's lower(trim(satuan)) in realisasi().
    return (satuan or "").strip().lower()


@dataclass
class RealisasiIki:
    """The suggested realisasi of one IKI: the volume of the RHK's approved activities whose satuan is the
    IKI's (case-insensitive). The pegawai confirms or corrects it in the evaluation (DOMAIN.md §5)."""

    iki: IndikatorKinerjaIndividu
    volume: Decimal = Decimal(0)
    jumlah_aktivitas: int = 0


@dataclass
class RealisasiRhk:
    """Approved activities of one RHK (or of the tugas tambahan / lainnya categories, ``rhk`` ``None``)."""

    kategori: str
    rhk: RencanaHasilKerja | None = None
    menit: int = 0
    jumlah_aktivitas: int = 0
    volume_per_satuan: dict[str, Decimal] = field(default_factory=dict)
    jumlah_per_satuan: dict[str, int] = field(default_factory=dict)
    iki: list[RealisasiIki] = field(default_factory=list)
    #: Earlier versions of this RHK (before a perubahan SKP) whose activities are counted here.
    rhk_sebelumnya: list[RencanaHasilKerja] = field(default_factory=list)


@dataclass
class Realisasi:
    pegawai: Pegawai
    tahun: int
    periode: str
    nomor: int | None
    awal: datetime.date
    akhir: datetime.date
    baris: list[RealisasiRhk]

    @property
    def menit(self) -> int:
        return sum(b.menit for b in self.baris)

    @property
    def jumlah_aktivitas(self) -> int:
        return sum(b.jumlah_aktivitas for b in self.baris)

    def untuk_rhk(self, rhk: RencanaHasilKerja | int) -> RealisasiRhk | None:
        rhk_id = getattr(rhk, "pk", rhk)
        return next((b for b in self.baris if b.rhk is not None and b.rhk.pk == rhk_id), None)

    def untuk_kategori(self, kategori: str) -> RealisasiRhk | None:
        return next((b for b in self.baris if b.rhk is None and b.kategori == kategori), None)


_URUTAN_JENIS_RHK = {JenisRhk.UTAMA: 0, JenisRhk.TAMBAHAN: 1}


def realisasi(
    pegawai: Pegawai, tahun: int, periode: str = PeriodeRealisasi.TAHUNAN, nomor: int | None = None
) -> Realisasi:
    """Approved activities of ``pegawai`` rolled up per RHK (minutes, count, volume per satuan) and per IKI for a
    month (``nomor`` 1–12), triwulan (1–4), semester (1–2) or the year — what penilaian suggests as realisasi and
    what the recaps show.

    Rows: every RHK of the approved, current SKP(s) whose period overlaps the window (zero when nothing was
    done), in SKP order; activities entered against an RHK of an older version are counted on its counterpart in
    the current version (or on their own row when the perubahan removed that RHK); then one row each for tugas
    tambahan and lainnya. The activities are aggregated in one grouped query; the RHK and IKI take two more."""
    awal, akhir = rules.rentang_periode(tahun, periode, nomor)
    agregat = list(
        Aktivitas.objects.filter(pegawai=pegawai, status=StatusAktivitas.DISETUJUI, tanggal__range=(awal, akhir))
        .values("kategori", "rhk_id", satuan_key=Lower(Trim("satuan")))
        .annotate(volume=Sum("volume"), menit=Sum("menit"), jumlah=Count("pk"))
        .order_by()
    )
    dirujuk = {r["rhk_id"] for r in agregat if r["rhk_id"]}
    semua_rhk = list(
        RencanaHasilKerja.objects.filter(
            Q(skp__pegawai=pegawai, skp__tahun=tahun, skp__status=SkpStatus.DISETUJUI) | Q(pk__in=dirujuk)
        )
        .select_related("skp")
        .prefetch_related("iki")
    )
    penerus = rhk_penerus(semua_rhk)
    berlaku = sorted(
        (
            r
            for r in semua_rhk
            if r.skp.digantikan_pada is None
            and r.skp.status == SkpStatus.DISETUJUI
            and r.skp.tanggal_mulai <= akhir
            and r.skp.tanggal_selesai >= awal
        ),
        key=lambda r: (r.skp.tanggal_mulai, r.skp_id, _URUTAN_JENIS_RHK.get(r.jenis, 9), r.urutan, r.pk),
    )
    baris: dict[object, RealisasiRhk] = {r.pk: RealisasiRhk(kategori=KategoriAktivitas.RHK, rhk=r) for r in berlaku}
    by_pk = {r.pk: r for r in semua_rhk}
    lain = {k: RealisasiRhk(kategori=k) for k in (KategoriAktivitas.TUGAS_TAMBAHAN, KategoriAktivitas.LAINNYA)}
    for r in agregat:
        if r["rhk_id"] is None:
            tujuan = lain.setdefault(r["kategori"], RealisasiRhk(kategori=r["kategori"]))
        else:
            rhk = penerus.get(r["rhk_id"]) or by_pk[r["rhk_id"]]
            tujuan = baris.get(rhk.pk)
            if tujuan is None:
                tujuan = baris[rhk.pk] = RealisasiRhk(kategori=KategoriAktivitas.RHK, rhk=rhk)
            asli = by_pk[r["rhk_id"]]
            if asli.pk != rhk.pk and asli not in tujuan.rhk_sebelumnya:
                tujuan.rhk_sebelumnya.append(asli)
        tujuan.menit += r["menit"]
        tujuan.jumlah_aktivitas += r["jumlah"]
        satuan = r["satuan_key"]
        tujuan.volume_per_satuan[satuan] = tujuan.volume_per_satuan.get(satuan, Decimal(0)) + r["volume"]
        tujuan.jumlah_per_satuan[satuan] = tujuan.jumlah_per_satuan.get(satuan, 0) + r["jumlah"]
    for b in baris.values():
        for iki in b.rhk.iki.all():
            satuan = _satuan_key(iki.satuan)
            b.iki.append(
                RealisasiIki(
                    iki=iki,
                    volume=b.volume_per_satuan.get(satuan, Decimal(0)) if satuan else Decimal(0),
                    jumlah_aktivitas=b.jumlah_per_satuan.get(satuan, 0) if satuan else 0,
                )
            )
    return Realisasi(
        pegawai=pegawai,
        tahun=tahun,
        periode=periode,
        nomor=nomor,
        awal=awal,
        akhir=akhir,
        baris=[*baris.values(), *lain.values()],
    )
