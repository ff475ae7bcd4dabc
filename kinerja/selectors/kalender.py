"""The instansi's settings and the working-day calendar: each unit's week length, the holidays, and the calendar
inputs of one pegawai read once per request (:class:`DataKalender`)."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from pegawai.akses import opd_dikelola
from pegawai.models import Jabatan, Pegawai, UnitKerja

from .. import rules, waktu
from ..kalender_bersama import fakta_kalender
from ..models import HariKerjaUnit, HariLibur, PengaturanKinerja
from .cache import ReadCache

if TYPE_CHECKING:
    from .penguncian import InfoKunci


def _pengaturan() -> PengaturanKinerja:
    fakta = fakta_kalender()
    # A copy: the process's own is shared by every request it serves.
    return copy.copy(fakta.pengaturan) if fakta is not None else PengaturanKinerja.get_solo()


def pengaturan_kinerja(cache: ReadCache | None = None) -> PengaturanKinerja:
    """The instansi's settings (the process's copy, :mod:`kinerja.kalender_bersama`); taken once per request when
    ``cache`` is given (several widgets of one page and the service they call ask for them)."""
    if cache is None:
        return _pengaturan()
    return cache.get_or_set("pengaturan", _pengaturan)


def hari_kerja_per_minggu(unit_ids: Iterable[int], pengaturan: PengaturanKinerja) -> dict[int, int]:
    """The week length of each unit: its own setting, else the nearest ancestor unit's, else the instansi default.
    No query when no unit has its own setting (the process's copy of the settings), one otherwise."""
    unit_ids = set(unit_ids)
    bawaan = pengaturan.hari_kerja_per_minggu
    fakta = fakta_kalender()
    if fakta is not None:
        sendiri = fakta.minggu_sendiri
    else:
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


def unit_kerja_dikelola(user) -> QuerySet[UnitKerja]:
    """The active units whose week length ``user`` may set: those of the OPDs the admin manages
    (:func:`pegawai.akses.opd_dikelola`), every unit for admin BKPSDM."""
    units = UnitKerja.objects.filter(aktif=True)
    opd_ids = opd_dikelola(user)
    return units if opd_ids is None else units.filter(perangkat_daerah_id__in=opd_ids)


def libur_antara(awal: datetime.date, akhir: datetime.date) -> dict[datetime.date, str]:
    """Holidays and cuti bersama from ``awal`` to ``akhir`` (inclusive), date → name."""
    fakta = fakta_kalender()
    if fakta is not None:
        return {tanggal: nama for tanggal, nama in fakta.libur.items() if awal <= tanggal <= akhir}
    return dict(HariLibur.objects.filter(tanggal__range=(awal, akhir)).values_list("tanggal", "nama"))


def unit_pegawai(pegawai: Pegawai) -> int:
    """The unit of ``pegawai``'s own position (nothing read when the position is loaded)."""
    jabatan = pegawai._state.fields_cache.get("jabatan")
    if jabatan is not None:
        return jabatan.unit_kerja_id
    return Jabatan.objects.values_list("unit_kerja_id", flat=True).get(pk=pegawai.jabatan_id)


@dataclass
class DataKalender:
    """One pegawai's calendar inputs read once and handed down to every check and fragment of a request: the week
    length of their current unit and the holidays from ``awal`` to ``akhir`` (three queries in all), plus the
    month locks already worked out (:func:`kinerja.selectors.penguncian.status_kunci` fills it)."""

    pegawai_id: int
    minggu: int
    awal: datetime.date
    akhir: datetime.date
    libur: dict[datetime.date, str]
    kunci_bulan: dict[tuple[int, int], InfoKunci] = field(default_factory=dict)

    def meliputi(self, pegawai: Pegawai, awal: datetime.date, akhir: datetime.date) -> bool:
        return self.pegawai_id == pegawai.pk and self.awal <= awal and akhir <= self.akhir

    def kalender(self) -> rules.Kalender:
        """The unit's calendar with every holiday of the window (a superset of any narrower window's: the rules
        only look at the days they walk through)."""
        return rules.Kalender(self.minggu, frozenset(self.libur))


def data_kalender(
    pegawai: Pegawai, awal: datetime.date, akhir: datetime.date, cache: ReadCache | None = None
) -> DataKalender:
    """:class:`DataKalender` of ``pegawai`` covering ``awal``–``akhir``; kept in ``cache`` when given, so a later
    call for a window inside it reads nothing (a wider window is read once more, merged with the kept one).

    The current unit decides for past dates too: the calendar is only used for windows of a few weeks, and a
    pegawai transferred between a 5-day and a 6-day unit inside such a window is rare enough to accept."""
    cache_key = ("kalender", pegawai.pk)
    if cache is not None:
        kept = cache.get(cache_key)
        if kept is not None:
            if kept.meliputi(pegawai, awal, akhir):
                return kept
            awal, akhir = min(awal, kept.awal), max(akhir, kept.akhir)
    pengaturan = pengaturan_kinerja(cache)
    unit_id = unit_pegawai(pegawai)
    data = DataKalender(
        pegawai_id=pegawai.pk,
        minggu=hari_kerja_per_minggu([unit_id], pengaturan)[unit_id],
        awal=awal,
        akhir=akhir,
        libur=libur_antara(awal, akhir),
    )
    if cache is not None:
        cache.set(cache_key, data)
    return data


#: How far after an activity's date (or today, the later) the calendar is read: far enough to hold the entry
#: deadline (at most 60 working days, PengaturanKinerja's validator, in a 6-day week).
_JENDELA_ENTRI = datetime.timedelta(days=62)


def data_kalender_tanggal(pegawai: Pegawai, tanggal: datetime.date, cache: ReadCache | None = None) -> DataKalender:
    """:func:`data_kalender` over every window a check about an activity of ``tanggal`` looks at: its month, the
    next month (the verification deadline), and the entry deadline's weeks."""
    hari_ini = waktu.hari_ini()
    awal = min(tanggal.replace(day=1), hari_ini)
    akhir = max(
        rules.rentang_bulan(*rules.bulan_berikut(tanggal.year, tanggal.month))[1],
        max(tanggal, hari_ini) + _JENDELA_ENTRI,
    )
    return data_kalender(pegawai, awal, akhir, cache)


def data_untuk(
    data: DataKalender | None, pegawai: Pegawai, awal: datetime.date, akhir: datetime.date
) -> DataKalender | None:
    """``data`` when it holds ``pegawai``'s calendar over ``awal``–``akhir``, else ``None`` (read it anew)."""
    return data if data is not None and data.meliputi(pegawai, awal, akhir) else None
