"""The reporting-discipline facts (docs/ATURAN.md, "Disiplin"): computed from the daily reports, per OPD and
month, set-based — one ``INSERT … SELECT … ON CONFLICT`` for the OPD-month and one ``DELETE`` of its rows that are
no longer true, in one transaction. Never a loop over people or days: the calendar is worked out in Python (a list
of dates per week length, the deadlines) and passed to SQL as arrays.

The four kinds (:class:`disiplin.choices.JenisFakta`), each a row per (pegawai, tanggal, jenis):

- **tanpa_laporan** — a working day of the unit of the position the pegawai held that day (5- or 6-day week,
  minus :class:`~kinerja.models.HariLibur`) whose entry window has passed (``batas_hari_entri`` working days,
  :func:`kinerja.rules.status_entri`), without any activity that day (whatever its status) and not excused by a
  cuti / sakit / dinas luar day (:data:`disiplin.choices.KETERANGAN_SAH`);
- **entri_terlambat** — activities of that day entered late (``Aktivitas.terlambat``); ``jumlah`` counts them;
- **verifikasi_terlambat** — for the atasan who verified them (``diverifikasi_oleh``): activities of that day
  verified after the month's verification deadline (:func:`kinerja.rules.batas_verifikasi`);
- **tidak_diverifikasi** — once the month is locked (after that deadline): activities of that day still submitted,
  for the pejabat penilai of their pegawai on that day (:func:`pegawai.supervisi.sql_atasan`, the rule of
  :func:`pegawai.atasan.penilai_pada` in SQL).

A fact belongs to the OPD of the position its pegawai (for the last two: the atasan) held that day; each OPD's run
writes and deletes only its own rows, so the per-OPD tasks of one night never touch each other's. The deadlines
follow the calendar of the unit of the activity's pegawai's current position, as kinerja's own lock does
(:func:`kinerja.selectors.kalender.data_kalender`).

Running it twice, or a redelivered task next to the first delivery, gives the same rows: the upsert is keyed on
the unique (pegawai, tanggal, jenis), a transaction-level advisory lock per OPD-month serialises two runs of the
same OPD, and rows the run did not (re)write are exactly the facts that stopped being true. A closed month
(:class:`~disiplin.models.BulanDisiplin`) is never touched: the runs hold a shared advisory lock on the month, and
closing or reopening it (:mod:`disiplin.services.bulan`) takes it exclusively.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from kinerja import rules, waktu
from kinerja.choices import HariKerjaPerMinggu, StatusAktivitas
from kinerja.models import Aktivitas, PengaturanKinerja
from kinerja.pengingat import advisory_lock_key
from kinerja.selectors.kalender import hari_kerja_per_minggu, libur_antara
from pegawai.atasan import JENIS_PENILAI, tabel_sql
from pegawai.models import Jabatan, Penugasan, RiwayatJabatan, UnitKerja
from pegawai.supervisi import sql_atasan

from ..choices import KETERANGAN_SAH, JenisFakta, StatusBulan
from ..models import BulanDisiplin, FaktaDisiplin, Kehadiran

# Holidays read past the month's end: the entry window reaches at most 60 working days (PengaturanKinerja's
# validator, about 85 calendar days) and the verification deadline at most the 20th working day of the next month.
_LIBUR_MAJU = datetime.timedelta(days=130)
# The month's "last computed" is refreshed at most this often: every OPD task of a night would otherwise add an
# audit event on the month row.
_SEGARKAN_SETELAH = datetime.timedelta(minutes=10)


@dataclass(frozen=True)
class KonteksBulan:
    """What one month's computation needs from the calendar, worked out in Python once per month."""

    tahun: int
    bulan: int
    awal: datetime.date
    akhir: datetime.date
    hari_ini: datetime.date
    #: (week length, date): the working days of that calendar whose entry window has passed.
    hari_lewat: list[tuple[int, datetime.date]]
    #: Week length → the month's verification deadline on that calendar.
    batas: dict[int, datetime.date]
    minggu_bawaan: int
    #: Units whose week differs from the instansi default (own setting or an ancestor's).
    unit_lain: list[int]

    @property
    def minggu_lain(self) -> int:
        return HariKerjaPerMinggu.ENAM if self.minggu_bawaan == HariKerjaPerMinggu.LIMA else HariKerjaPerMinggu.LIMA

    def terkunci(self, minggu: int) -> bool:
        """The month is locked on that calendar: its verification deadline has passed."""
        return self.hari_ini > self.batas[minggu]

    @property
    def batas_akhir(self) -> datetime.date:
        """The latest of the deadlines: after it the month is locked on every calendar."""
        return max(self.batas.values())


def konteks_bulan(tahun: int, bulan: int, hari_ini: datetime.date | None = None) -> KonteksBulan:
    """The calendar inputs of a month as of ``hari_ini`` (default kinerja's today). Four or five queries."""
    hari_ini = hari_ini or waktu.hari_ini()
    pengaturan = PengaturanKinerja.get_solo()
    awal, akhir = rules.rentang_bulan(tahun, bulan)
    libur = frozenset(libur_antara(awal, akhir + _LIBUR_MAJU))
    minggu = hari_kerja_per_minggu(UnitKerja.objects.values_list("pk", flat=True), pengaturan)
    bawaan = pengaturan.hari_kerja_per_minggu
    hari_lewat: list[tuple[int, datetime.date]] = []
    batas: dict[int, datetime.date] = {}
    for w in HariKerjaPerMinggu.values:
        kal = rules.Kalender(w, libur)
        batas[w] = rules.batas_verifikasi(tahun, bulan, pengaturan.batas_verifikasi_hari_kerja, kal)
        hari = awal
        while hari <= akhir and hari < hari_ini:
            # The last day an activity of ``hari`` is on time is the batas-th working day after it; the window has
            # passed once today is later (kinerja.rules.status_entri).
            if kal.hari_kerja(hari) and rules.hari_kerja_berikut(hari, pengaturan.batas_hari_entri, kal) < hari_ini:
                hari_lewat.append((w, hari))
            hari += datetime.timedelta(days=1)
    return KonteksBulan(
        tahun=tahun,
        bulan=bulan,
        awal=awal,
        akhir=akhir,
        hari_ini=hari_ini,
        hari_lewat=hari_lewat,
        batas=batas,
        minggu_bawaan=bawaan,
        unit_lain=sorted(unit for unit, w in minggu.items() if w != bawaan),
    )


def jabatan_sumber(opd_id: int, awal: datetime.date, akhir: datetime.date) -> list[int]:
    """The positions whose holders may have their pejabat penilai in ``opd_id`` on some day of ``awal``–``akhir``
    (a superset; :func:`pegawai.supervisi.sql_atasan` decides per day). Walking up from a position, the penilai is
    the holder of the first position that has one who may rate: the walk can reach ``opd_id`` only through a
    position of ``opd_id`` or one acted in by a Plt/Plh whose own position is in ``opd_id``, and it never passes a
    position of at least pengawas held definitively over the whole range. Three queries; it bounds the submitted
    activities whose penilai the ``tidak_diverifikasi`` part of one OPD's run looks up, so an OPD above others (the
    Sekretariat Daerah) does not look up the whole city's."""
    jabatan = {
        pk: (parent, opd)
        for pk, parent, opd in Jabatan.objects.values_list("pk", "parent_id", "unit_kerja__perangkat_daerah_id")
    }
    kokoh = set(
        RiwayatJabatan.objects.filter(tmt__lte=awal, jabatan__jenis__in=JENIS_PENILAI)
        .filter(Q(tanggal_selesai__gte=akhir) | Q(tanggal_selesai__isnull=True, pegawai__aktif=True))
        .values_list("jabatan_id", flat=True)
    )
    dirangkap = set(
        Penugasan.objects.filter(
            Q(pegawai__riwayat_jabatan__tanggal_selesai__gte=awal)
            | Q(pegawai__riwayat_jabatan__tanggal_selesai__isnull=True),
            tanggal_mulai__lte=akhir,
            tanggal_selesai__gte=awal,
            pegawai__riwayat_jabatan__tmt__lte=akhir,
            pegawai__riwayat_jabatan__jabatan__unit_kerja__perangkat_daerah_id=opd_id,
        ).values_list("jabatan_id", flat=True)
    )
    hasil = []
    for pk, (induk, _opd) in jabatan.items():
        node, dilewati = induk, set()
        while node is not None and node not in dilewati and node in jabatan:
            dilewati.add(node)
            if jabatan[node][1] == opd_id or node in dirangkap:
                hasil.append(pk)
                break
            if node in kokoh:
                break
            node = jabatan[node][0]
    return sorted(hasil)


def _tabel() -> dict[str, str]:
    qn = connection.ops.quote_name
    return {
        **tabel_sql(),
        "unit": qn(UnitKerja._meta.db_table),
        "aktivitas": qn(Aktivitas._meta.db_table),
        "kehadiran": qn(Kehadiran._meta.db_table),
        "fakta": qn(FaktaDisiplin._meta.db_table),
    }


# Per the calendar of the unit of position ``j``, in SQL: its week length, the month's verification deadline, and
# whether that deadline has passed (a pegawai without a position: the default calendar's).
_MINGGU = "CASE WHEN {j}.unit_kerja_id = ANY(%(unit_lain)s::bigint[]) THEN %(minggu_lain)s ELSE %(minggu_bawaan)s END"
_BATAS = "CASE WHEN {j}.unit_kerja_id = ANY(%(unit_lain)s::bigint[]) THEN %(batas_lain)s ELSE %(batas_bawaan)s END"
_KUNCI = "(CASE WHEN {j}.unit_kerja_id = ANY(%(unit_lain)s::bigint[]) THEN %(kunci_lain)s ELSE %(kunci_bawaan)s END)"

# The positions held in the OPD during the month, clipped to the month, with their unit's week length; the
# submitted activities whose penilai is to be found (the month locked on their pegawai's calendar).
_SQL_SUMBER = """
pos(pegawai_id, dari, sampai, minggu) AS (
    SELECT r.pegawai_id, GREATEST(r.tmt, %(awal)s::date),
           LEAST(COALESCE(r.tanggal_selesai, %(akhir)s::date), %(akhir)s::date), {minggu_r}
    FROM {riwayat} r
    JOIN {pegawai} p ON p.id = r.pegawai_id
    JOIN {jabatan} j ON j.id = r.jabatan_id
    JOIN {unit} u ON u.id = j.unit_kerja_id
    WHERE u.perangkat_daerah_id = %(opd)s AND r.tmt <= %(akhir)s
      AND (r.tanggal_selesai >= %(awal)s OR (r.tanggal_selesai IS NULL AND p.aktif))
),
hari(minggu, tanggal) AS (
    SELECT * FROM unnest(%(h_minggu)s::int[], %(h_tanggal)s::date[])
),
tertunda(baris_id, pegawai_id, tanggal, jumlah) AS (
    SELECT row_number() OVER (), a.pegawai_id, a.tanggal, count(*)
    FROM {aktivitas} a
    JOIN {pegawai} p ON p.id = a.pegawai_id
    LEFT JOIN {jabatan} j ON j.id = p.jabatan_id
    WHERE %(ada_kunci)s AND a.status = %(diajukan)s AND a.tanggal BETWEEN %(awal)s AND %(akhir)s
      -- Only pegawai who may be rated from this OPD (a superset: the join on the atasan's position decides), so
      -- the activities are reached through their pegawai, not by scanning the city's month.
      AND a.pegawai_id IN (
          SELECT r.pegawai_id FROM {riwayat} r
          WHERE r.jabatan_id = ANY(%(jabatan_sumber)s::bigint[]) AND r.tmt <= %(akhir)s
            AND (r.tanggal_selesai IS NULL OR r.tanggal_selesai >= %(awal)s)
        UNION ALL
          SELECT o.id FROM {pegawai} o WHERE o.atasan_override_id IS NOT NULL
      )
      AND {kunci_j}
    GROUP BY a.pegawai_id, a.tanggal
)"""

# One row per fact of the OPD-month.
_SQL_FAKTA = """
fakta_baru(pegawai_id, tanggal, jenis, jumlah) AS (
    SELECT pos.pegawai_id, h.tanggal, %(j_tanpa)s, 1
    FROM pos
    JOIN hari h ON h.minggu = pos.minggu AND h.tanggal BETWEEN pos.dari AND pos.sampai
    WHERE NOT EXISTS (SELECT 1 FROM {aktivitas} a WHERE a.pegawai_id = pos.pegawai_id AND a.tanggal = h.tanggal)
      AND NOT EXISTS (
          SELECT 1 FROM {kehadiran} k
          WHERE k.pegawai_id = pos.pegawai_id AND k.tanggal = h.tanggal AND k.keterangan = ANY(%(sah)s::text[])
      )
  UNION ALL
    SELECT pos.pegawai_id, a.tanggal, %(j_entri)s, count(*)
    FROM pos
    JOIN {aktivitas} a ON a.pegawai_id = pos.pegawai_id AND a.tanggal BETWEEN pos.dari AND pos.sampai
    WHERE a.terlambat
    GROUP BY pos.pegawai_id, a.tanggal
  UNION ALL
    SELECT pos.pegawai_id, a.tanggal, %(j_verifikasi)s, count(*)
    FROM pos
    -- The range test is written so that the planner reaches the activities by verifier only (an index on the
    -- date would make it combine two large bitmaps).
    JOIN {aktivitas} a ON a.diverifikasi_oleh_id = pos.pegawai_id AND daterange(pos.dari, pos.sampai, '[]') @> a.tanggal
    WHERE a.diverifikasi_pada >= %(verifikasi_min)s
      AND (a.diverifikasi_pada AT TIME ZONE %(tz)s)::date > COALESCE(
          (SELECT {batas_jb} FROM {pegawai} pb JOIN {jabatan} jb ON jb.id = pb.jabatan_id WHERE pb.id = a.pegawai_id),
          %(batas_bawaan)s)
    GROUP BY pos.pegawai_id, a.tanggal
  UNION ALL
    SELECT pos.pegawai_id, n.tanggal, %(j_tidak)s, sum(n.jumlah)
    FROM penilai n
    JOIN pos ON pos.pegawai_id = n.atasan_id AND n.tanggal BETWEEN pos.dari AND pos.sampai
    GROUP BY pos.pegawai_id, n.tanggal
)"""

_SQL_TULIS = """
INSERT INTO {fakta} (pegawai_id, perangkat_daerah_id, tanggal, jenis, jumlah, dihitung_pada)
SELECT pegawai_id, %(opd)s, tanggal, jenis, jumlah, %(sekarang)s FROM fakta_baru
ON CONFLICT (pegawai_id, tanggal, jenis) DO UPDATE
SET jumlah = EXCLUDED.jumlah, perangkat_daerah_id = EXCLUDED.perangkat_daerah_id,
    dihitung_pada = EXCLUDED.dihitung_pada
"""

# What the run did not (re)write is no longer true: a late activity entered within a reopened month, a leave day
# imported afterwards, a position corrected.
_SQL_HAPUS = """
DELETE FROM {fakta}
WHERE perangkat_daerah_id = %(opd)s AND tanggal BETWEEN %(awal)s AND %(akhir)s AND dihitung_pada <> %(sekarang)s
"""


def sql_fakta(t: dict[str, str] | None = None) -> str:
    """``WITH RECURSIVE …`` ending in the CTE ``fakta_baru(pegawai_id, tanggal, jenis, jumlah)``: the facts of one
    OPD-month, for the parameters of :func:`parameter`. Shared with the benchmark's floor."""
    t = t or _tabel()
    sumber = _SQL_SUMBER.format(minggu_r=_MINGGU.format(j="j"), kunci_j=_KUNCI.format(j="j"), **t)
    fakta = _SQL_FAKTA.format(batas_jb=_BATAS.format(j="jb"), **t)
    return f"WITH RECURSIVE {sumber},\n{sql_atasan('tertunda', 'penilai', ('jumlah',))},\n{fakta}"


def parameter(k: KonteksBulan, opd_id: int, sekarang: datetime.datetime) -> dict:
    ada_kunci = any(k.terkunci(w) for w in k.batas)
    return {
        "opd": opd_id,
        "awal": k.awal,
        "akhir": k.akhir,
        "sekarang": sekarang,
        "tz": settings.TIME_ZONE,
        "unit_lain": k.unit_lain,
        "minggu_lain": k.minggu_lain,
        "minggu_bawaan": k.minggu_bawaan,
        "h_minggu": [w for w, _d in k.hari_lewat],
        "h_tanggal": [d for _w, d in k.hari_lewat],
        "batas_bawaan": k.batas[k.minggu_bawaan],
        "batas_lain": k.batas[k.minggu_lain],
        "kunci_bawaan": k.terkunci(k.minggu_bawaan),
        "kunci_lain": k.terkunci(k.minggu_lain),
        # Nothing verified before the day after the earlier deadline can be late: a cheap first filter.
        "verifikasi_min": timezone.make_aware(
            datetime.datetime.combine(min(k.batas.values()) + datetime.timedelta(days=1), datetime.time())
        ),
        "ada_kunci": ada_kunci,
        # Only a locked month has activities left unverified; the lookup is skipped otherwise.
        "jabatan_sumber": jabatan_sumber(opd_id, k.awal, k.akhir) if ada_kunci else [],
        "diajukan": StatusAktivitas.DIAJUKAN,
        "sah": list(KETERANGAN_SAH),
        "j_tanpa": JenisFakta.TANPA_LAPORAN,
        "j_entri": JenisFakta.ENTRI_TERLAMBAT,
        "j_verifikasi": JenisFakta.VERIFIKASI_TERLAMBAT,
        "j_tidak": JenisFakta.TIDAK_DIVERIFIKASI,
    }


def kunci_bulan(tahun: int, bulan: int) -> int:
    """The advisory-lock key of a month: shared by the runs, exclusive while it is closed or reopened."""
    return advisory_lock_key(f"disiplin:bulan:{tahun}-{bulan:02d}")


def bulan_disiplin(tahun: int, bulan: int) -> BulanDisiplin:
    """The month's state row, created (open) on first use."""
    obj, _created = BulanDisiplin.objects.get_or_create(tahun=tahun, bulan=bulan)
    return obj


def hitung_fakta(*, tahun: int, bulan: int, opd_id: int, hari_ini: datetime.date | None = None) -> int:
    """Recompute the facts of one OPD and month as of ``hari_ini`` (default today) and return how many rows it
    wrote; the OPD-month's other rows are deleted. Refuses — returns 0 and writes nothing — for a closed month.
    A fixed number of queries whatever the number of pegawai."""
    k = konteks_bulan(tahun, bulan, hari_ini)
    return hitung_fakta_konteks(k, opd_id)


def hitung_fakta_konteks(k: KonteksBulan, opd_id: int) -> int:
    """:func:`hitung_fakta` with the month's calendar already worked out (closing a month computes every OPD)."""
    bulan_row = bulan_disiplin(k.tahun, k.bulan)
    sekarang = timezone.now()
    t = _tabel()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [kunci_bulan(k.tahun, k.bulan)])
        # A few tens of milliseconds of work per OPD: JIT compilation (which the planner's estimate for the
        # recursive penilai lookup would trigger) costs more than the whole statement.
        cursor.execute("SET LOCAL jit = off")
        # Read after the lock: a month closed while this run waited stays untouched.
        status = BulanDisiplin.objects.filter(pk=bulan_row.pk).values_list("status", flat=True).get()
        if status == StatusBulan.DITUTUP:
            return 0
        # Two runs of the same OPD-month (a redelivered task beside the first) take turns.
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [advisory_lock_key(f"disiplin:opd:{opd_id}:{k.awal}")])
        params = parameter(k, opd_id, sekarang)
        cursor.execute(sql_fakta(t) + _SQL_TULIS.format(**t), params)
        ditulis = cursor.rowcount
        cursor.execute(_SQL_HAPUS.format(**t), params)
        BulanDisiplin.objects.filter(
            Q(dihitung_pada__isnull=True) | Q(dihitung_pada__lt=sekarang - _SEGARKAN_SETELAH), pk=bulan_row.pk
        ).update(dihitung_pada=sekarang)
    return ditulis
