"""The atasan's verification queue: the activities they verify, with each row's month lock, and what waits
for them per month with its deadline. The query count depends on the depth of the organisation and on Plt/Plh
changes inside the window, never on the number of bawahan or activities."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from pegawai.atasan import id_bawahan_langsung
from pegawai.models import Pegawai
from pegawai.supervisi import riwayat_bawahan

from .. import rules, waktu
from ..choices import PeriodeRealisasi, StatusAktivitas
from ..models import Aktivitas, BuktiDukung, PengaturanKinerja
from .aktivitas import jendela_terbuka, q_dapat_diverifikasi
from .kalender import hari_kerja_per_minggu, libur_antara, pengaturan_kinerja
from .penguncian import peta_kunci


@dataclass
class FilterAntrian:
    """Filters of the verification queue. Without ``tahun``/``bulan`` the queue covers the open window
    (:func:`jendela_terbuka`); a month reopened by an admin is reached by choosing it."""

    tahun: int | None = None
    bulan: int | None = None
    pegawai_id: int | None = None
    #: ``""`` for every status.
    status: str = StatusAktivitas.DIAJUKAN
    kategori: str = ""
    #: A date range (both inclusive) instead of a month: without ``tahun`` it replaces the open window, so an
    #: atasan can reach a month an admin reopened by its dates; with ``tahun``/``bulan`` it narrows that period.
    dari: datetime.date | None = None
    sampai: datetime.date | None = None


def _jendela_filter(f: FilterAntrian, hari_ini: datetime.date) -> tuple[datetime.date, datetime.date]:
    if f.tahun and f.bulan:
        awal, akhir = rules.rentang_bulan(f.tahun, f.bulan)
    elif f.tahun:
        awal, akhir = rules.rentang_periode(f.tahun, PeriodeRealisasi.TAHUNAN)
    elif f.dari or f.sampai:
        awal, akhir = f.dari or jendela_terbuka(hari_ini)[0], f.sampai or hari_ini
    else:
        awal, akhir = jendela_terbuka(hari_ini)
    if f.dari:
        awal = max(awal, f.dari)
    if f.sampai:
        akhir = min(akhir, f.sampai)
    return awal, min(akhir, hari_ini)


def antrian_verifikasi(actor: Pegawai | None, filters: FilterAntrian | None = None) -> list[Aktivitas]:
    """The activities ``actor`` verifies (as atasan on each activity's date, including as Plt/Plh), oldest first,
    with ``pegawai``, ``jabatan``, ``rhk`` loaded and ``jumlah_bukti`` plus the lock attributes of
    :func:`lengkapi_kunci` per row — a locked row can no longer be approved and shows the atasan what they
    missed.

    The query count depends on the depth of the organisation and on Plt/Plh changes inside the window, never on
    the number of bawahan or activities. The services check the actor again on every write."""
    if actor is None:
        # A login without a pegawai (an admin account) supervises nobody.
        return []
    return lengkapi_kunci(list(antrian_verifikasi_qs(actor, filters)))


_BUKTI_PER_AKTIVITAS = (
    BuktiDukung.objects.filter(aktivitas_id=OuterRef("pk"))
    .order_by()
    .values("aktivitas_id")
    .annotate(n=Count("*"))
    .values("n")
)


def antrian_verifikasi_qs(actor: Pegawai | None, filters: FilterAntrian | None = None) -> QuerySet[Aktivitas]:
    """The queryset behind :func:`antrian_verifikasi`, for a page that paginates in the database; pass the page's
    rows through :func:`lengkapi_kunci` to get the lock attributes."""
    if actor is None:
        return Aktivitas.objects.none()
    f = filters or FilterAntrian()
    awal, akhir = _jendela_filter(f, waktu.hari_ini())
    if akhir < awal:
        return Aktivitas.objects.none()
    qs = Aktivitas.objects.filter(q_dapat_diverifikasi(actor, awal, akhir))
    if f.status:
        qs = qs.filter(status=f.status)
    if f.pegawai_id:
        qs = qs.filter(pegawai_id=f.pegawai_id)
    if f.kategori:
        qs = qs.filter(kategori=f.kategori)
    return (
        qs.select_related("pegawai__jabatan", "rhk")
        # A count per row rather than a join grouped by activity: the database then orders and cuts the page first
        # and counts the evidence of its 50 rows only (a large team's queue holds over ten thousand).
        .annotate(jumlah_bukti=Coalesce(Subquery(_BUKTI_PER_AKTIVITAS), 0))
        .order_by("tanggal", "pegawai__nama", "pegawai_id", "jam_mulai", "pk")
    )


def lengkapi_kunci(rows: list[Aktivitas], pengaturan: PengaturanKinerja | None = None) -> list[Aktivitas]:
    """Set ``info_kunci`` (:class:`~kinerja.selectors.penguncian.InfoKunci`), ``terkunci`` and
    ``dapat_diputuskan`` (submitted and not locked: the atasan may still approve or reject it) on activities
    loaded with ``pegawai__jabatan``; three or four queries whatever their number (none for an empty list)."""
    if not rows:
        return rows
    peta = peta_kunci(
        {(a.pegawai_id, a.pegawai.jabatan.unit_kerja_id, a.tanggal.year, a.tanggal.month) for a in rows},
        pengaturan or pengaturan_kinerja(),
        waktu.hari_ini(),
    )
    for a in rows:
        a.info_kunci = peta[(a.pegawai_id, a.tanggal.year, a.tanggal.month)]
        a.terkunci = a.info_kunci.terkunci
        a.dapat_diputuskan = a.status == StatusAktivitas.DIAJUKAN and not a.terkunci
    return rows


@dataclass
class RingkasanBulan:
    """What waits for one atasan from one month: how many submitted activities, and the month's verification
    deadline (the earliest among the bawahan's units, which may run 5- or 6-day weeks)."""

    tahun: int
    bulan: int
    menunggu: int
    batas_verifikasi: datetime.date
    #: Working days from today up to the deadline, both included (0 once it has passed).
    sisa_hari_kerja: int
    #: The deadline has passed: what is still waiting can no longer be approved unless an admin reopens the
    #: pegawai's month.
    lewat_batas: bool

    @property
    def awal(self) -> datetime.date:
        return datetime.date(self.tahun, self.bulan, 1)

    @property
    def sisa_hari(self) -> int:
        return (self.batas_verifikasi - waktu.hari_ini()).days


def ringkasan_antrian(actor: Pegawai | None, pengaturan: PengaturanKinerja | None = None) -> list[RingkasanBulan]:
    """Submitted activities waiting for ``actor`` per month of the open window (:func:`jendela_terbuka`), oldest
    month first, with the verification deadline and the working days left. A fixed number of queries whatever
    the number of bawahan or activities: the counts are grouped in the database per unit and month."""
    if actor is None:
        return []
    pengaturan = pengaturan or pengaturan_kinerja()
    hari_ini = waktu.hari_ini()
    awal, akhir = jendela_terbuka(hari_ini)
    baris = list(
        Aktivitas.objects.filter(q_dapat_diverifikasi(actor, awal, akhir), status=StatusAktivitas.DIAJUKAN)
        .values(unit=F("pegawai__jabatan__unit_kerja_id"), tahun=ExtractYear("tanggal"), bulan=ExtractMonth("tanggal"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    if not baris:
        return []
    minggu = hari_kerja_per_minggu({r["unit"] for r in baris}, pengaturan)
    bulan_batas = sorted({rules.bulan_berikut(r["tahun"], r["bulan"]) for r in baris})
    libur = frozenset(
        libur_antara(min(datetime.date(*bulan_batas[0], 1), hari_ini), rules.rentang_bulan(*bulan_batas[-1])[1])
    )
    n = pengaturan.batas_verifikasi_hari_kerja
    hasil: dict[tuple[int, int], RingkasanBulan] = {}
    for r in baris:
        kalender = rules.Kalender(minggu[r["unit"]], libur)
        batas = rules.batas_verifikasi(r["tahun"], r["bulan"], n, kalender)
        bulan = (r["tahun"], r["bulan"])
        lama = hasil.get(bulan)
        if lama is None or batas < lama.batas_verifikasi:
            hasil[bulan] = RingkasanBulan(
                tahun=r["tahun"],
                bulan=r["bulan"],
                menunggu=r["n"] + (lama.menunggu if lama else 0),
                batas_verifikasi=batas,
                sisa_hari_kerja=rules.jumlah_hari_kerja(hari_ini, batas, kalender),
                lewat_batas=hari_ini > batas,
            )
        else:
            lama.menunggu += r["n"]
    return [hasil[k] for k in sorted(hasil)]


def pegawai_antrian(actor: Pegawai | None) -> QuerySet[Pegawai]:
    """The pegawai the queue can be filtered by: today's bawahan of ``actor`` and anyone ``actor`` rated during
    the open window (a Plt whose assignment just ended), as a list of ids — inside an OR, two subqueries made the
    planner read every pegawai of the city."""
    if actor is None:
        return Pegawai.objects.none()
    ids = set(id_bawahan_langsung(actor, waktu.hari_ini()))
    for _mulai, _selesai, dinilai in riwayat_bawahan(actor, *jendela_terbuka()):
        ids |= dinilai
    return Pegawai.objects.filter(pk__in=sorted(ids)).order_by("nama", "pk")
