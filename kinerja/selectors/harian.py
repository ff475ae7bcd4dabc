"""The pegawai's own day and month: the day's activities, the month's minutes per day, the RHK an activity of a
date may be mapped to."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum

from pegawai.models import Pegawai
from skp.models import IndikatorKinerjaIndividu, RencanaHasilKerja
from skp.selectors.rhk import rhk_berlaku

from .. import rules
from ..choices import StatusAktivitas
from ..models import Aktivitas, BuktiDukung, PengaturanKinerja
from .cache import ReadCache
from .kalender import DataKalender, data_untuk, hari_kerja_per_minggu, libur_antara, pengaturan_kinerja, unit_pegawai
from .penguncian import InfoKunci, info_kunci_bulan, status_kunci

# ---------------------------------------------------------------------------------------------------------------
# RHK an activity may be mapped to
# ---------------------------------------------------------------------------------------------------------------


def dengan_satuan_iki(rhk: QuerySet[RencanaHasilKerja]) -> QuerySet[RencanaHasilKerja]:
    """``rhk`` with ``satuan_iki``: the satuan of each RHK's first IKI that has one, which the quick form fills in
    when the RHK is picked (realisasi adds up volumes per IKI satuan). A subquery, not a prefetch of every IKI:
    one query less on every entry."""
    satuan = (
        IndikatorKinerjaIndividu.objects.filter(rhk=OuterRef("pk"))
        .exclude(satuan="")
        .order_by("urutan", "pk")
        .values("satuan")[:1]
    )
    return rhk.annotate(satuan_iki=Subquery(satuan))


def rhk_pilihan(pegawai: Pegawai, tanggal: datetime.date, cache: ReadCache | None = None) -> list[RencanaHasilKerja]:
    """The RHK an activity of ``pegawai`` dated ``tanggal`` may be mapped to (skp's
    :func:`~skp.selectors.rhk.rhk_berlaku`), with their IKI's satuan (:func:`dengan_satuan_iki`; one query); kept
    in ``cache`` when given."""

    def baca():
        return list(dengan_satuan_iki(rhk_berlaku(pegawai, tanggal)))

    if cache is None:
        return baca()
    return cache.get_or_set(("rhk", pegawai.pk, tanggal), baca)


def rhk_dapat_dipetakan(
    pegawai: Pegawai, rhk: RencanaHasilKerja, tanggal: datetime.date, cache: ReadCache | None = None
) -> bool:
    """Whether an activity of ``pegawai`` dated ``tanggal`` may be mapped to ``rhk``: nothing read when this
    request already listed :func:`rhk_pilihan` for that pegawai and date, else one query."""
    daftar = cache.get(("rhk", pegawai.pk, tanggal)) if cache is not None else None
    if daftar is not None:
        return any(r.pk == rhk.pk for r in daftar)
    return rhk_berlaku(pegawai, tanggal).filter(pk=rhk.pk).exists()


# ---------------------------------------------------------------------------------------------------------------
# The day
# ---------------------------------------------------------------------------------------------------------------


def aktivitas_hari(pegawai: Pegawai, tanggal: datetime.date) -> list[Aktivitas]:
    """``pegawai``'s activities of one day in time order, with the RHK and the evidence loaded (two queries)."""
    return list(
        Aktivitas.objects.filter(pegawai=pegawai, tanggal=tanggal)
        .select_related("rhk")
        .prefetch_related(Prefetch("bukti", queryset=BuktiDukung.objects.order_by("dibuat_pada", "pk")))
        .order_by("jam_mulai", "pk")
    )


@dataclass(frozen=True)
class RingkasHari:
    """What the day's list header and actions (with the next activity's times) need, without loading the list."""

    jumlah: int
    jumlah_draf: int
    #: Minutes entered and not rejected.
    menit: int
    #: The latest end among the activities not rejected (``None`` when there are none).
    selesai_terakhir: datetime.time | None


def ringkas_hari(pegawai: Pegawai, tanggal: datetime.date) -> RingkasHari:
    """Counts and totals of ``pegawai``'s day in one query, whatever the number of activities."""
    qs = Aktivitas.objects.filter(pegawai=pegawai, tanggal=tanggal)
    dihitung = ~Q(status=StatusAktivitas.DITOLAK)
    r = qs.aggregate(
        jumlah=Count("pk"),
        jumlah_draf=Count("pk", filter=Q(status=StatusAktivitas.DRAFT)),
        menit=Sum("menit", filter=dihitung, default=0),
        selesai=Max("jam_selesai", filter=dihitung),
    )
    return RingkasHari(r["jumlah"], r["jumlah_draf"], r["menit"], r["selesai"])


def rhk_terakhir(pegawai: Pegawai) -> tuple[int, str] | None:
    """The RHK and satuan of ``pegawai``'s most recently recorded activity mapped to an RHK, whatever its day:
    most days repeat the work of the last entry, so the quick form starts there."""
    return (
        Aktivitas.objects.filter(pegawai=pegawai, rhk__isnull=False)
        .order_by("-dibuat_pada", "-pk")
        .values_list("rhk_id", "satuan")
        .first()
    )


def aktivitas_berikut(aktivitas: Aktivitas) -> int | None:
    """The id of the activity that follows ``aktivitas`` in its day's list (time order), if any."""
    return (
        Aktivitas.objects.filter(pegawai_id=aktivitas.pegawai_id, tanggal=aktivitas.tanggal)
        .filter(Q(jam_mulai__gt=aktivitas.jam_mulai) | Q(jam_mulai=aktivitas.jam_mulai, pk__gt=aktivitas.pk))
        .order_by("jam_mulai", "pk")
        .values_list("pk", flat=True)
        .first()
    )


# ---------------------------------------------------------------------------------------------------------------
# The month
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class HariKalender:
    tanggal: datetime.date
    hari_kerja: bool
    libur: str = ""
    menit_draft: int = 0
    menit_diajukan: int = 0
    menit_disetujui: int = 0
    menit_ditolak: int = 0
    jumlah_aktivitas: int = 0

    @property
    def menit_tercatat(self) -> int:
        """Minutes entered and not rejected."""
        return self.menit_draft + self.menit_diajukan + self.menit_disetujui

    @property
    def kosong(self) -> bool:
        """A working day without any report (a reporting-discipline fact, docs/ATURAN.md)."""
        return self.hari_kerja and self.jumlah_aktivitas == 0


@dataclass
class KalenderBulan:
    pegawai: Pegawai
    tahun: int
    bulan: int
    hari: list[HariKalender]
    menit_efektif_minimum: int
    kunci: InfoKunci

    @property
    def menit_disetujui(self) -> int:
        return sum(h.menit_disetujui for h in self.hari)

    @property
    def menit_tercatat(self) -> int:
        return sum(h.menit_tercatat for h in self.hari)

    @property
    def jumlah_hari_kerja(self) -> int:
        return sum(h.hari_kerja for h in self.hari)

    @property
    def kekurangan_menit(self) -> int:
        return max(0, self.menit_efektif_minimum - self.menit_disetujui)

    @property
    def persen_capaian(self) -> Decimal:
        """Approved minutes against the monthly minimum, in percent (one decimal, may exceed 100)."""
        return (Decimal(self.menit_disetujui) * 100 / self.menit_efektif_minimum).quantize(Decimal("0.1"))


def menit_per_hari(
    pegawai: Pegawai,
    tahun: int,
    bulan: int,
    pengaturan: PengaturanKinerja | None = None,
    data: DataKalender | None = None,
) -> KalenderBulan:
    """One row per day of the month with the minutes per status, whether it is a working day (the pegawai's unit
    week and the holiday table) and the holiday's name; with the monthly minimum and the month's lock state.
    Six or seven queries whatever the number of activities; with ``pengaturan`` and a ``data`` covering this
    month and the next, one or two (the minutes, and the lock unless ``data`` already holds it)."""
    pengaturan = pengaturan or pengaturan_kinerja()
    awal, akhir = rules.rentang_bulan(tahun, bulan)
    akhir_berikut = rules.rentang_bulan(*rules.bulan_berikut(tahun, bulan))[1]
    if (data := data_untuk(data, pegawai, awal, akhir_berikut)) is not None:
        libur = data.libur
        kalender = data.kalender()
        kunci = status_kunci(pegawai, tahun, bulan, pengaturan, data)
    else:
        unit_id = unit_pegawai(pegawai)
        minggu = hari_kerja_per_minggu([unit_id], pengaturan)[unit_id]
        # This month's holidays for the calendar and next month's for the verification deadline, in one query.
        libur = libur_antara(awal, akhir_berikut)
        kalender = rules.Kalender(minggu, frozenset(libur))
        kunci = info_kunci_bulan(pegawai, tahun, bulan, pengaturan, kalender)

    def menit(status):
        return Sum("menit", filter=Q(status=status), default=0)

    per_hari = {
        r["tanggal"]: r
        for r in Aktivitas.objects.filter(pegawai=pegawai, tanggal__range=(awal, akhir))
        .values("tanggal")
        .annotate(
            draft=menit(StatusAktivitas.DRAFT),
            diajukan=menit(StatusAktivitas.DIAJUKAN),
            disetujui=menit(StatusAktivitas.DISETUJUI),
            ditolak=menit(StatusAktivitas.DITOLAK),
            jumlah=Count("pk"),
        )
        .order_by()
    }
    hari = []
    tanggal = awal
    while tanggal <= akhir:
        r = per_hari.get(tanggal, {})
        hari.append(
            HariKalender(
                tanggal=tanggal,
                hari_kerja=kalender.hari_kerja(tanggal),
                libur=libur.get(tanggal, ""),
                menit_draft=r.get("draft", 0),
                menit_diajukan=r.get("diajukan", 0),
                menit_disetujui=r.get("disetujui", 0),
                menit_ditolak=r.get("ditolak", 0),
                jumlah_aktivitas=r.get("jumlah", 0),
            )
        )
        tanggal += datetime.timedelta(days=1)
    return KalenderBulan(
        pegawai=pegawai,
        tahun=tahun,
        bulan=bulan,
        hari=hari,
        menit_efektif_minimum=pengaturan.menit_efektif_minimum,
        kunci=kunci,
    )
