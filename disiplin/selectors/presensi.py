"""What the attendance says per pegawai and year (PP 94/2021 Pasal 11–14; docs/ATURAN.md, "Disiplin"): working
days absent without a valid reason, the longest run of them, minutes of late arrival and early leave, the
equivalent days, the hukuman the regulation recommends and how far the next threshold is.

A day counts as absent when its row says ``tanpa_keterangan`` and it is a working day of the pegawai's unit
(its week length and the holidays, as kinerja's calendar: the current unit decides). A working day without any
row is not counted: no record is not proof of absence. Minutes count on days marked ``hadir`` against
``settings.DISIPLIN_JAM_MASUK`` / ``DISIPLIN_JAM_PULANG``, whole minutes as :func:`disiplin.rules.menit_terlambat`.

:func:`rekap_presensi` reads a fixed number of queries for any number of pegawai: the absent rows (few) and the
minutes summed in SQL, the units' week lengths, the holidays, and the pegawai who have anything to show.
"""

from __future__ import annotations

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet

from kinerja import waktu
from kinerja.rules import Kalender
from kinerja.selectors.kalender import hari_kerja_per_minggu, libur_antara, pengaturan_kinerja
from pegawai.models import Pegawai

from .. import rules
from ..choices import JenisHukuman, Keterangan, SumberKehadiran
from ..models import Kehadiran

#: "Near the next threshold": this many equivalent days or fewer below it (or this many consecutive days below
#: the 10 that bring PDHTAPS).
DEKAT_HARI = 2


def _menit(jam: str) -> int:
    return int(jam[:2]) * 60 + int(jam[3:5])


@dataclass
class RekapPresensi:
    """One pegawai's year (or the year up to a date) as the regulation reads it."""

    pegawai: Pegawai
    hari_tidak_masuk: int = 0
    hari_berturut: int = 0
    menit_terlambat: int = 0
    menit_pulang_cepat: int = 0

    @property
    def menit(self) -> int:
        return self.menit_terlambat + self.menit_pulang_cepat

    @cached_property
    def hari_setara(self) -> int:
        return rules.hari_setara(self.hari_tidak_masuk, self.menit)

    @cached_property
    def rekomendasi(self) -> JenisHukuman | None:
        return rules.rekomendasi_hukuman(self.hari_tidak_masuk, self.hari_berturut, self.menit)

    @cached_property
    def ambang(self) -> tuple[int, JenisHukuman] | None:
        """The next threshold of equivalent days and its hukuman (none once PDHTAPS is recommended)."""
        if self.rekomendasi == JenisHukuman.PDHTAPS:
            return None
        return rules.ambang_berikut(self.hari_setara)

    @property
    def jarak(self) -> int | None:
        """Equivalent days still missing to the next threshold."""
        return None if self.ambang is None else self.ambang[0] - self.hari_setara

    @property
    def dekat(self) -> bool:
        """Within :data:`DEKAT_HARI` of the next threshold (of the days or of the consecutive run)."""
        if self.ambang is None:
            return False
        berturut = rules.HARI_BERTURUT_PDHTAPS - DEKAT_HARI <= self.hari_berturut
        return berturut or (self.hari_setara > 0 and self.jarak <= DEKAT_HARI)

    @property
    def ada(self) -> bool:
        return bool(self.hari_tidak_masuk or self.menit)


def rentang_tahun(tahun: int, sampai: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """1 January of ``tahun`` to the earliest of 31 December, ``sampai`` and today."""
    akhir = min(datetime.date(tahun, 12, 31), sampai or waktu.hari_ini(), waktu.hari_ini())
    return datetime.date(tahun, 1, 1), akhir


_MENIT_SQL = """
SELECT k.pegawai_id,
       -- Saturday apart: it is a working day in a 6-day unit only; Sunday never is.
       extract(isodow FROM k.tanggal) = 6 AS sabtu,
       coalesce(sum(greatest(0, (extract(hour FROM k.jam_masuk) * 60 + extract(minute FROM k.jam_masuk))::int
                                - %s)), 0),
       coalesce(sum(greatest(0, %s
                                - (extract(hour FROM k.jam_pulang) * 60 + extract(minute FROM k.jam_pulang))::int)), 0)
FROM disiplin_kehadiran k
WHERE k.pegawai_id IN ({pegawai})
  AND k.tanggal BETWEEN %s AND %s
  AND k.keterangan = %s
  AND extract(isodow FROM k.tanggal) <> 7
  AND NOT (k.tanggal = ANY(%s::date[]))
GROUP BY 1, 2
"""


def _hari_kerja(awal: datetime.date, akhir: datetime.date, kalender: rules.Kalender) -> list[datetime.date]:
    hari = []
    tanggal = awal
    while tanggal <= akhir:
        if kalender.hari_kerja(tanggal):
            hari.append(tanggal)
        tanggal += datetime.timedelta(days=1)
    return hari


def rekap_presensi(pegawai: QuerySet[Pegawai], tahun: int, sampai: datetime.date | None = None) -> list[RekapPresensi]:
    """:class:`RekapPresensi` of every pegawai of ``pegawai`` with any absent day or minute in ``tahun`` (up to
    ``sampai``), the most equivalent days first; seven queries at most, whatever the number of pegawai."""
    awal, akhir = rentang_tahun(tahun, sampai)
    if akhir < awal:
        return []
    id_pegawai = pegawai.values("pk")
    absen: dict[int, list[datetime.date]] = defaultdict(list)
    unit: dict[int, int] = {}
    for pegawai_id, tanggal, unit_id in Kehadiran.objects.filter(
        pegawai__in=id_pegawai, tanggal__range=(awal, akhir), keterangan=Keterangan.TANPA_KETERANGAN
    ).values_list("pegawai_id", "tanggal", "pegawai__jabatan__unit_kerja_id"):
        absen[pegawai_id].append(tanggal)
        unit[pegawai_id] = unit_id
    libur = frozenset(libur_antara(awal, akhir))
    sql, params = id_pegawai.query.sql_with_params()
    menit: dict[int, dict[bool, tuple[int, int]]] = defaultdict(dict)
    with connection.cursor() as cursor:
        cursor.execute(
            _MENIT_SQL.format(pegawai=sql),
            [
                _menit(settings.DISIPLIN_JAM_MASUK),
                _menit(settings.DISIPLIN_JAM_PULANG),
                *params,
                awal,
                akhir,
                Keterangan.HADIR,
                sorted(libur),
            ],
        )
        for pegawai_id, sabtu, terlambat, cepat in cursor.fetchall():
            menit[pegawai_id][sabtu] = (terlambat, cepat)
    ada = set(absen) | set(menit)
    if not ada:
        return []
    orang = {
        p.pk: p for p in Pegawai.objects.filter(pk__in=ada).select_related("jabatan__unit_kerja__perangkat_daerah")
    }
    for p in orang.values():
        unit.setdefault(p.pk, p.jabatan.unit_kerja_id)
    minggu = hari_kerja_per_minggu(set(unit.values()), pengaturan_kinerja())
    hari_kerja = {m: _hari_kerja(awal, akhir, Kalender(m, libur)) for m in set(minggu.values())}
    himpunan = {m: frozenset(hari) for m, hari in hari_kerja.items()}

    hasil = []
    for pegawai_id, p in orang.items():
        m = minggu[unit[pegawai_id]]
        kerja = hari_kerja[m]
        hari_absen = sorted(t for t in absen.get(pegawai_id, ()) if t in himpunan[m])
        rekap = RekapPresensi(p, hari_tidak_masuk=len(hari_absen))
        if hari_absen:
            # Only the working days between the first and the last absent day can hold a run.
            potong = kerja[bisect.bisect_left(kerja, hari_absen[0]) : bisect.bisect_right(kerja, hari_absen[-1])]
            rekap.hari_berturut = rules.berturut_terpanjang(hari_absen, potong)
        for sabtu, (terlambat, cepat) in menit.get(pegawai_id, {}).items():
            if sabtu and m < 6:
                continue
            rekap.menit_terlambat += terlambat
            rekap.menit_pulang_cepat += cepat
        if rekap.ada:
            hasil.append(rekap)
    hasil.sort(key=lambda r: (-r.hari_setara, -r.hari_berturut, -r.menit, r.pegawai.nama))
    return hasil


def rekap_opd(opd_id: int, tahun: int, sampai: datetime.date | None = None) -> list[RekapPresensi]:
    """:func:`rekap_presensi` of the pegawai currently in the OPD ``opd_id``."""
    return rekap_presensi(Pegawai.objects.filter(jabatan__unit_kerja__perangkat_daerah_id=opd_id), tahun, sampai)


def rekap_pegawai(pegawai: Pegawai, tahun: int, sampai: datetime.date | None = None) -> RekapPresensi:
    """:func:`rekap_presensi` of one pegawai (all zero when the attendance shows nothing)."""
    hasil = rekap_presensi(Pegawai.objects.filter(pk=pegawai.pk), tahun, sampai)
    return hasil[0] if hasil else RekapPresensi(pegawai)


def kehadiran_dicatat_admin(opd_ids: set[int] | None) -> QuerySet[Kehadiran]:
    """Hand-entered days of the pegawai in ``opd_ids`` (``None``: every OPD), the newest entry first."""
    qs = Kehadiran.objects.filter(sumber=SumberKehadiran.ADMIN).select_related("pegawai", "dicatat_oleh")
    if opd_ids is not None:
        qs = qs.filter(pegawai__jabatan__unit_kerja__perangkat_daerah_id__in=opd_ids)
    return qs.order_by("-dicatat_pada", "-tanggal", "pegawai__nama")
