"""Reads of the kinerja app shared by pages, exports, penilaian and tasks. Each one runs a fixed number of queries
however many bawahan, activities or days it covers: aggregates are grouped in the database, calendars and
tables are assembled in Python."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, Max, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractMonth, ExtractYear, Lower, Trim

from pegawai.models import Jabatan, Pegawai, Penugasan, UnitKerja
from pegawai.selectors import bawahan_langsung, pegawai_of, pegawai_visible_to
from skp.choices import JenisRhk, SkpStatus
from skp.models import IndikatorKinerjaIndividu, RencanaHasilKerja

from . import rules, waktu
from .choices import KategoriAktivitas, PeriodeRealisasi, StatusAktivitas
from .models import Aktivitas, BukaKunci, BuktiDukung, HariKerjaUnit, HariLibur, PengaturanKinerja

# ---------------------------------------------------------------------------------------------------------------
# Settings and calendar
# ---------------------------------------------------------------------------------------------------------------


def pengaturan_kinerja(request=None) -> PengaturanKinerja:
    """The instansi's settings; read once per request when ``request`` is given (several widgets of one page
    ask for them)."""
    if request is not None:
        cached = getattr(request, "_kinerja_pengaturan", None)
        if cached is not None:
            return cached
    pengaturan = PengaturanKinerja.get_solo()
    if request is not None:
        request._kinerja_pengaturan = pengaturan
    return pengaturan


def hari_kerja_per_minggu(unit_ids: Iterable[int], pengaturan: PengaturanKinerja) -> dict[int, int]:
    """The week length of each unit: its own setting, else the nearest ancestor unit's, else the instansi default.
    One query when no unit has its own setting, two otherwise."""
    unit_ids = set(unit_ids)
    bawaan = pengaturan.hari_kerja_per_minggu
    sendiri = dict(HariKerjaUnit.objects.values_list("unit_kerja_id", "hari_kerja_per_minggu"))
    if not sendiri or not unit_ids:
        return dict.fromkeys(unit_ids, bawaan)
    # A unit's parent is always in the same OPD (UnitKerja.clean), so the OPDs involved hold every ancestor.
    induk = dict(
        UnitKerja.objects.filter(
            perangkat_daerah_id__in=UnitKerja.objects.filter(pk__in=unit_ids).values("perangkat_daerah_id")
        ).values_list("pk", "parent_id")
    )
    hasil = {}
    for unit_id in unit_ids:
        node, seen, nilai = unit_id, set(), bawaan
        while node is not None and node not in seen:
            if node in sendiri:
                nilai = sendiri[node]
                break
            seen.add(node)
            node = induk.get(node)
        hasil[unit_id] = nilai
    return hasil


def libur_antara(awal: datetime.date, akhir: datetime.date) -> dict[datetime.date, str]:
    """Holidays and cuti bersama from ``awal`` to ``akhir`` (inclusive), date → name."""
    return dict(HariLibur.objects.filter(tanggal__range=(awal, akhir)).values_list("tanggal", "nama"))


def _unit_pegawai(pegawai: Pegawai) -> int:
    jabatan = pegawai._state.fields_cache.get("jabatan")
    if jabatan is not None:
        return jabatan.unit_kerja_id
    return Jabatan.objects.values_list("unit_kerja_id", flat=True).get(pk=pegawai.jabatan_id)


@dataclass
class DataKalender:
    """One pegawai's calendar inputs read once and handed down to every check and fragment of a request: the week
    length of their current unit and the holidays from ``awal`` to ``akhir`` (three queries in all), plus the
    month locks already worked out (:func:`status_kunci` fills it)."""

    pegawai_id: int
    minggu: int
    awal: datetime.date
    akhir: datetime.date
    libur: dict[datetime.date, str]
    kunci: dict[tuple[int, int], InfoKunci] = field(default_factory=dict)

    def meliputi(self, pegawai: Pegawai, awal: datetime.date, akhir: datetime.date) -> bool:
        return self.pegawai_id == pegawai.pk and self.awal <= awal and akhir <= self.akhir

    def kalender(self) -> rules.Kalender:
        """The unit's calendar with every holiday of the window (a superset of any narrower window's: the rules
        only look at the days they walk through)."""
        return rules.Kalender(self.minggu, frozenset(self.libur))


def data_kalender(
    pegawai: Pegawai,
    awal: datetime.date,
    akhir: datetime.date,
    pengaturan: PengaturanKinerja | None = None,
    request=None,
) -> DataKalender:
    """:class:`DataKalender` of ``pegawai`` covering ``awal``–``akhir``; kept on ``request`` when given, so a later
    call for a window inside it reads nothing."""
    if request is not None:
        cached = getattr(request, "_kinerja_kalender", None)
        if cached is not None and cached.meliputi(pegawai, awal, akhir):
            return cached
        if cached is not None and cached.pegawai_id == pegawai.pk:
            awal, akhir = min(awal, cached.awal), max(akhir, cached.akhir)
    pengaturan = pengaturan or pengaturan_kinerja(request)
    unit_id = _unit_pegawai(pegawai)
    data = DataKalender(
        pegawai_id=pegawai.pk,
        minggu=hari_kerja_per_minggu([unit_id], pengaturan)[unit_id],
        awal=awal,
        akhir=akhir,
        libur=libur_antara(awal, akhir),
    )
    if request is not None:
        request._kinerja_kalender = data
    return data


def _data_untuk(
    data: DataKalender | None, pegawai: Pegawai, awal: datetime.date, akhir: datetime.date
) -> DataKalender | None:
    return data if data is not None and data.meliputi(pegawai, awal, akhir) else None


def kalender_pegawai(
    pegawai: Pegawai,
    awal: datetime.date,
    akhir: datetime.date,
    pengaturan: PengaturanKinerja | None = None,
    data: DataKalender | None = None,
) -> rules.Kalender:
    """The working-day calendar of ``pegawai``'s current unit with the holidays from ``awal`` to ``akhir``
    (nothing read when ``data`` covers that window).

    The current unit decides for past dates too: the calendar is only used for windows of a few weeks, and a
    pegawai transferred between a 5-day and a 6-day unit inside such a window is rare enough to accept."""
    if (data := _data_untuk(data, pegawai, awal, akhir)) is not None:
        return data.kalender()
    pengaturan = pengaturan or PengaturanKinerja.get_solo()
    unit_id = _unit_pegawai(pegawai)
    minggu = hari_kerja_per_minggu([unit_id], pengaturan)[unit_id]
    return rules.Kalender(minggu, frozenset(libur_antara(awal, akhir)))


# ---------------------------------------------------------------------------------------------------------------
# Month locks
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InfoKunci:
    tahun: int
    bulan: int
    batas_verifikasi: datetime.date
    dibuka_sampai: datetime.date | None
    terkunci: bool


def peta_kunci(
    baris: Iterable[tuple[int, int, int, int]],
    pengaturan: PengaturanKinerja,
    hari_ini: datetime.date | None = None,
) -> dict[tuple[int, int, int], InfoKunci]:
    """The lock state of many pegawai-months at once: ``baris`` holds ``(pegawai_id, unit_kerja_id, tahun,
    bulan)``; the result is keyed by ``(pegawai_id, tahun, bulan)``. Three or four queries whatever the number."""
    hari_ini = hari_ini or waktu.hari_ini()
    baris = set(baris)
    if not baris:
        return {}
    minggu = hari_kerja_per_minggu({unit for _p, unit, _t, _b in baris}, pengaturan)
    bulan_batas = sorted({rules.bulan_berikut(t, b) for _p, _u, t, b in baris})
    awal = datetime.date(*bulan_batas[0], 1)
    akhir = rules.rentang_bulan(*bulan_batas[-1])[1]
    libur = frozenset(libur_antara(awal, akhir))
    dibuka = {
        (r["pegawai_id"], r["tahun"], r["bulan"]): r["sampai"]
        for r in BukaKunci.objects.filter(pegawai_id__in={p for p, *_ in baris}, sampai__gte=hari_ini)
        .values("pegawai_id", "tahun", "bulan")
        .annotate(sampai=Max("sampai"))
        .order_by()
    }
    n = pengaturan.batas_verifikasi_hari_kerja
    hasil = {}
    for pegawai_id, unit_id, tahun, bulan in baris:
        kalender = rules.Kalender(minggu[unit_id], libur)
        sampai = dibuka.get((pegawai_id, tahun, bulan))
        hasil[(pegawai_id, tahun, bulan)] = InfoKunci(
            tahun=tahun,
            bulan=bulan,
            batas_verifikasi=rules.batas_verifikasi(tahun, bulan, n, kalender),
            dibuka_sampai=sampai,
            terkunci=rules.bulan_terkunci(tahun, bulan, hari_ini, n, kalender, sampai),
        )
    return hasil


def _kunci_bulan(
    pegawai: Pegawai, tahun: int, bulan: int, pengaturan: PengaturanKinerja, kalender: rules.Kalender
) -> InfoKunci:
    """The lock of one pegawai-month from a calendar that holds the next month's holidays (one query)."""
    hari_ini = waktu.hari_ini()
    sampai = BukaKunci.objects.filter(pegawai=pegawai, tahun=tahun, bulan=bulan, sampai__gte=hari_ini).aggregate(
        m=Max("sampai")
    )["m"]
    n = pengaturan.batas_verifikasi_hari_kerja
    return InfoKunci(
        tahun=tahun,
        bulan=bulan,
        batas_verifikasi=rules.batas_verifikasi(tahun, bulan, n, kalender),
        dibuka_sampai=sampai,
        terkunci=rules.bulan_terkunci(tahun, bulan, hari_ini, n, kalender, sampai),
    )


def status_kunci(
    pegawai: Pegawai,
    tahun: int,
    bulan: int,
    pengaturan: PengaturanKinerja | None = None,
    data: DataKalender | None = None,
) -> InfoKunci:
    """Whether ``pegawai``'s activities of ``tahun``-``bulan`` are locked today, the deadline, and any reopening.
    With ``data`` covering the next month, one query (the reopenings), and the answer is kept in ``data``."""
    pengaturan = pengaturan or PengaturanKinerja.get_solo()
    batas = rules.rentang_bulan(*rules.bulan_berikut(tahun, bulan))
    if (data := _data_untuk(data, pegawai, *batas)) is not None:
        info = data.kunci[(tahun, bulan)] = _kunci_bulan(pegawai, tahun, bulan, pengaturan, data.kalender())
        return info
    return peta_kunci([(pegawai.pk, _unit_pegawai(pegawai), tahun, bulan)], pengaturan)[(pegawai.pk, tahun, bulan)]


# ---------------------------------------------------------------------------------------------------------------
# RHK an activity may be mapped to
# ---------------------------------------------------------------------------------------------------------------


def rhk_untuk_tanggal(pegawai: Pegawai, tanggal: datetime.date) -> QuerySet[RencanaHasilKerja]:
    """The RHK of ``pegawai``'s approved, current SKP whose period covers ``tanggal``: what an activity of that
    day may be mapped to. An approved SKP with a perubahan still in draft keeps counting until the new version is
    approved; after that only the new version's RHK are offered."""
    return (
        RencanaHasilKerja.objects.filter(
            skp__pegawai=pegawai,
            skp__status=SkpStatus.DISETUJUI,
            skp__digantikan_pada__isnull=True,
            skp__tanggal_mulai__lte=tanggal,
            skp__tanggal_selesai__gte=tanggal,
        )
        .select_related("skp")
        .order_by("skp__tanggal_mulai", "-jenis", "urutan")
    )


# ---------------------------------------------------------------------------------------------------------------
# Who verifies what, over a range of dates
# ---------------------------------------------------------------------------------------------------------------

_SQL_BATAS_PENUGASAN = """
WITH RECURSIVE dipegang(id) AS (
    SELECT %(jabatan)s
    UNION
    SELECT jabatan_id FROM {penugasan}
    WHERE pegawai_id = %(pegawai)s AND tanggal_mulai <= %(akhir)s AND tanggal_selesai >= %(awal)s
), turunan(id) AS (
    SELECT j.id FROM {jabatan} j JOIN dipegang d ON j.parent_id = d.id
    UNION
    SELECT j.id FROM {jabatan} j JOIN turunan t ON j.parent_id = t.id
)
SELECT DISTINCT tanggal_mulai, tanggal_selesai FROM {penugasan}
WHERE tanggal_mulai <= %(akhir)s AND tanggal_selesai >= %(awal)s
  AND (pegawai_id = %(pegawai)s OR jabatan_id IN (SELECT id FROM turunan))
"""


def segmen_pengawasan(
    actor: Pegawai, awal: datetime.date, akhir: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """Split ``awal``–``akhir`` into stretches over which the set of pegawai ``actor`` supervises cannot change.

    Supervision changes only where a Plt/Plh starts or ends (positions, holders and overrides are not dated):
    one of the actor's own, or one on a position anywhere below the positions the actor holds (it fills or
    vacates a position supervision passes through). One recursive query finds those dates."""
    if akhir < awal:
        return []
    sql = _SQL_BATAS_PENUGASAN.format(penugasan=Penugasan._meta.db_table, jabatan=Jabatan._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql, {"jabatan": actor.jabatan_id, "pegawai": actor.pk, "awal": awal, "akhir": akhir})
        rentang = cursor.fetchall()
    satu_hari = datetime.timedelta(days=1)
    batas = {awal}
    for mulai, selesai in rentang:
        for hari in (mulai, selesai + satu_hari):
            if awal < hari <= akhir:
                batas.add(hari)
    urut = sorted(batas)
    return [(m, (urut[i + 1] - satu_hari) if i + 1 < len(urut) else akhir) for i, m in enumerate(urut)]


def q_dapat_diverifikasi(actor: Pegawai, awal: datetime.date, akhir: datetime.date) -> Q:
    """A filter on :class:`Aktivitas` for the activities dated ``awal``–``akhir`` whose pegawai ``actor`` rates on
    the activity's own date (own position, override, Plt/Plh) — the rule of
    :func:`pegawai.selectors.dapat_menilai`, evaluated once per stretch of :func:`segmen_pengawasan` instead of
    once per activity."""
    q = Q(pk__in=[])
    for mulai, selesai in segmen_pengawasan(actor, awal, akhir):
        bawahan = bawahan_langsung(actor, mulai).values("pk")
        q |= Q(tanggal__range=(mulai, selesai), pegawai__in=bawahan)
    return q


def bawahan_per_tanggal(actor: Pegawai, tanggal: Iterable[datetime.date]) -> dict[datetime.date, set[int]]:
    """The ids of the pegawai ``actor`` rates on each of the given dates, computed once per stretch of
    :func:`segmen_pengawasan` that holds one of them."""
    tanggal = sorted(set(tanggal))
    if not tanggal:
        return {}
    hasil: dict[datetime.date, set[int]] = {}
    for mulai, selesai in segmen_pengawasan(actor, tanggal[0], tanggal[-1]):
        di_segmen = [t for t in tanggal if mulai <= t <= selesai]
        if not di_segmen:
            continue
        ids = set(bawahan_langsung(actor, mulai).values_list("pk", flat=True))
        for t in di_segmen:
            hasil[t] = ids
    return hasil


def jendela_terbuka(hari_ini: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The dates whose activities may still be waiting for verification without an admin's reopening: the
    previous month (its deadline lies in this month) and this month, up to today."""
    hari_ini = hari_ini or waktu.hari_ini()
    awal = (hari_ini.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return awal, hari_ini


# ---------------------------------------------------------------------------------------------------------------
# Visibility
# ---------------------------------------------------------------------------------------------------------------


def aktivitas_visible_to(user) -> QuerySet[Aktivitas]:
    """Every activity ``user`` may open; fetch objects through this so anything else answers 404.

    Built on :func:`pegawai.selectors.pegawai_visible_to` (own, bawahan two levels down, the OPD for admin OPD
    and pimpinan, everything for BKPSDM and city pimpinan), plus what the user verified and what they may still
    verify: a Plt whose assignment ended on the last day of the month verifies that month's activities in the
    first working days of the next one, when the bawahan is no longer theirs."""
    if not getattr(user, "is_authenticated", False):
        return Aktivitas.objects.none()
    q = Q(pegawai__in=pegawai_visible_to(user).values("pk"))
    me = pegawai_of(user)
    if me is not None:
        q |= Q(diverifikasi_oleh=me)
        q |= q_dapat_diverifikasi(me, *jendela_terbuka())
    return Aktivitas.objects.filter(q)


def bukti_visible_to(user) -> QuerySet[BuktiDukung]:
    """Evidence ``user`` may open or download: that of the activities they may see. The download view fetches
    through this (404 outside) and serves the file itself — files have no public URL."""
    return BuktiDukung.objects.filter(aktivitas__in=aktivitas_visible_to(user).values("pk"))


# ---------------------------------------------------------------------------------------------------------------
# The atasan's verification queue
# ---------------------------------------------------------------------------------------------------------------


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
    with ``pegawai``, ``jabatan``, ``rhk`` loaded and three extra attributes per row: ``jumlah_bukti``,
    ``info_kunci`` (:class:`InfoKunci`) and ``terkunci`` — a locked row can no longer be approved and shows the
    atasan what they missed.

    The query count depends on the depth of the organisation and on Plt/Plh changes inside the window, never on
    the number of bawahan or activities. The services check the actor again on every write."""
    if actor is None:
        # A login without a pegawai (an admin account) supervises nobody.
        return []
    return lengkapi_kunci(list(antrian_verifikasi_qs(actor, filters)))


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
        .annotate(jumlah_bukti=Count("bukti"))
        .order_by("tanggal", "pegawai__nama", "pegawai_id", "jam_mulai", "pk")
    )


def lengkapi_kunci(rows: list[Aktivitas], pengaturan: PengaturanKinerja | None = None) -> list[Aktivitas]:
    """Set ``info_kunci`` (:class:`InfoKunci`) and ``terkunci`` on activities loaded with ``pegawai__jabatan``;
    three or four queries whatever their number (none for an empty list)."""
    if not rows:
        return rows
    kunci = peta_kunci(
        {(a.pegawai_id, a.pegawai.jabatan.unit_kerja_id, a.tanggal.year, a.tanggal.month) for a in rows},
        pengaturan or PengaturanKinerja.get_solo(),
        waktu.hari_ini(),
    )
    for a in rows:
        a.info_kunci = kunci[(a.pegawai_id, a.tanggal.year, a.tanggal.month)]
        a.terkunci = a.info_kunci.terkunci
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
    pengaturan = pengaturan or PengaturanKinerja.get_solo()
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
        kunci = (r["tahun"], r["bulan"])
        lama = hasil.get(kunci)
        if lama is None or batas < lama.batas_verifikasi:
            hasil[kunci] = RingkasanBulan(
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
    """The pegawai the queue can be filtered by: today's bawahan of ``actor`` and anyone whose activities of the
    open window ``actor`` verifies (a Plt whose assignment just ended)."""
    if actor is None:
        return Pegawai.objects.none()
    verifikasi = Aktivitas.objects.filter(q_dapat_diverifikasi(actor, *jendela_terbuka())).values("pegawai_id")
    return Pegawai.objects.filter(
        Q(pk__in=bawahan_langsung(actor, waktu.hari_ini()).values("pk")) | Q(pk__in=verifikasi)
    ).order_by("nama", "pk")


# ---------------------------------------------------------------------------------------------------------------
# The pegawai's calendar
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
        """A working day without any report (a reporting-discipline fact, DOMAIN.md §6)."""
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


def aktivitas_hari(pegawai: Pegawai, tanggal: datetime.date) -> list[Aktivitas]:
    """``pegawai``'s activities of one day in time order, with the RHK and the evidence loaded (two queries)."""
    return list(
        Aktivitas.objects.filter(pegawai=pegawai, tanggal=tanggal)
        .select_related("rhk")
        .prefetch_related(Prefetch("bukti", queryset=BuktiDukung.objects.order_by("dibuat_pada", "pk")))
        .order_by("jam_mulai", "pk")
    )


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
    pengaturan = pengaturan or PengaturanKinerja.get_solo()
    awal, akhir = rules.rentang_bulan(tahun, bulan)
    akhir_berikut = rules.rentang_bulan(*rules.bulan_berikut(tahun, bulan))[1]
    if (data := _data_untuk(data, pegawai, awal, akhir_berikut)) is not None:
        libur = data.libur
        kalender = data.kalender()
    else:
        unit_id = _unit_pegawai(pegawai)
        minggu = hari_kerja_per_minggu([unit_id], pengaturan)[unit_id]
        # This month's holidays for the calendar and next month's for the verification deadline, in one query.
        libur = libur_antara(awal, akhir_berikut)
        kalender = rules.Kalender(minggu, frozenset(libur))

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
    kunci = data.kunci.get((tahun, bulan)) if data is not None else None
    if kunci is None:
        kunci = _kunci_bulan(pegawai, tahun, bulan, pengaturan, kalender)
    return KalenderBulan(
        pegawai=pegawai,
        tahun=tahun,
        bulan=bulan,
        hari=hari,
        menit_efektif_minimum=pengaturan.menit_efektif_minimum,
        kunci=kunci,
    )


# ---------------------------------------------------------------------------------------------------------------
# Realisasi
# ---------------------------------------------------------------------------------------------------------------


def _kunci_satuan(satuan: str) -> str:
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


def _penerus(rhk_list: list[RencanaHasilKerja]) -> dict[int, RencanaHasilKerja]:
    """Map every RHK of a superseded SKP version to its counterpart in the newest approved version, following
    ``asal`` through the chain of perubahan (``asal`` also links last year's copies: the version check keeps
    those apart)."""
    by_pk = {r.pk: r for r in rhk_list}
    langsung: dict[int, RencanaHasilKerja] = {}
    for r in rhk_list:
        asal = by_pk.get(r.asal_id)
        if asal is not None and r.skp.versi_sebelumnya_id == asal.skp_id:
            langsung[asal.pk] = r
    hasil = {}
    for pk in langsung:
        node, seen = langsung[pk], {pk}
        while node.pk in langsung and node.pk not in seen:
            seen.add(node.pk)
            node = langsung[node.pk]
        hasil[pk] = node
    return hasil


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
        .values("kategori", "rhk_id", satuan_kunci=Lower(Trim("satuan")))
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
    penerus = _penerus(semua_rhk)
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
        satuan = r["satuan_kunci"]
        tujuan.volume_per_satuan[satuan] = tujuan.volume_per_satuan.get(satuan, Decimal(0)) + r["volume"]
        tujuan.jumlah_per_satuan[satuan] = tujuan.jumlah_per_satuan.get(satuan, 0) + r["jumlah"]
    for b in baris.values():
        for iki in b.rhk.iki.all():
            kunci = _kunci_satuan(iki.satuan)
            b.iki.append(
                RealisasiIki(
                    iki=iki,
                    volume=b.volume_per_satuan.get(kunci, Decimal(0)) if kunci else Decimal(0),
                    jumlah_aktivitas=b.jumlah_per_satuan.get(kunci, 0) if kunci else 0,
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


@dataclass(frozen=True)
class RingkasHari:
    """What the day's list header, actions and the quick form's defaults need, without loading the list."""

    jumlah: int
    jumlah_draf: int
    #: Minutes entered and not rejected.
    menit: int
    #: The latest end among the activities not rejected (``None`` when there are none).
    selesai_terakhir: datetime.time | None
    #: The satuan of the last activity not rejected, in the list's order.
    satuan_terakhir: str | None


def ringkas_hari(pegawai: Pegawai, tanggal: datetime.date) -> RingkasHari:
    """Counts and totals of ``pegawai``'s day in one query, whatever the number of activities."""
    qs = Aktivitas.objects.filter(pegawai=pegawai, tanggal=tanggal)
    dihitung = ~Q(status=StatusAktivitas.DITOLAK)
    satuan = qs.filter(dihitung).order_by("-jam_mulai", "-pk").values("satuan")[:1]
    r = qs.aggregate(
        jumlah=Count("pk"),
        jumlah_draf=Count("pk", filter=Q(status=StatusAktivitas.DRAFT)),
        menit=Sum("menit", filter=dihitung, default=0),
        selesai=Max("jam_selesai", filter=dihitung),
        satuan=Max(Subquery(satuan)),
    )
    return RingkasHari(r["jumlah"], r["jumlah_draf"], r["menit"], r["selesai"], r["satuan"])


def aktivitas_berikut(aktivitas: Aktivitas) -> int | None:
    """The id of the activity that follows ``aktivitas`` in its day's list (time order), if any."""
    return (
        Aktivitas.objects.filter(pegawai_id=aktivitas.pegawai_id, tanggal=aktivitas.tanggal)
        .filter(Q(jam_mulai__gt=aktivitas.jam_mulai) | Q(jam_mulai=aktivitas.jam_mulai, pk__gt=aktivitas.pk))
        .order_by("jam_mulai", "pk")
        .values_list("pk", flat=True)
        .first()
    )
