"""National holidays and cuti bersama for the demo calendar (SKB 3 Menteri tentang Hari Libur Nasional dan Cuti
Bersama): the full list for the years known here, else the fixed-date holidays only."""

from __future__ import annotations

import datetime

from kinerja.choices import JenisLibur
from kinerja.kalender_bersama import kalender_berubah
from kinerja.models import HariLibur

_LN, _CB = JenisLibur.LIBUR_NASIONAL, JenisLibur.CUTI_BERSAMA
LIBUR_TETAP = (
    ((1, 1), "Tahun Baru Masehi"),
    ((5, 1), "Hari Buruh Internasional"),
    ((6, 1), "Hari Lahir Pancasila"),
    ((8, 17), "Hari Proklamasi Kemerdekaan Republik Indonesia"),
    ((12, 25), "Hari Raya Natal"),
)
LIBUR_BERGERAK = {
    2025: (
        ((1, 27), "Isra Mikraj Nabi Muhammad SAW", _LN),
        ((1, 28), "Cuti bersama Tahun Baru Imlek", _CB),
        ((1, 29), "Tahun Baru Imlek 2576 Kongzili", _LN),
        ((3, 28), "Cuti bersama Hari Suci Nyepi", _CB),
        ((3, 29), "Hari Suci Nyepi Tahun Baru Saka 1947", _LN),
        ((3, 31), "Idul Fitri 1446 Hijriah", _LN),
        ((4, 1), "Idul Fitri 1446 Hijriah", _LN),
        ((4, 2), "Cuti bersama Idul Fitri", _CB),
        ((4, 3), "Cuti bersama Idul Fitri", _CB),
        ((4, 4), "Cuti bersama Idul Fitri", _CB),
        ((4, 7), "Cuti bersama Idul Fitri", _CB),
        ((4, 18), "Wafat Yesus Kristus", _LN),
        ((4, 20), "Kebangkitan Yesus Kristus (Paskah)", _LN),
        ((5, 12), "Hari Raya Waisak 2569 BE", _LN),
        ((5, 13), "Cuti bersama Hari Raya Waisak", _CB),
        ((5, 29), "Kenaikan Yesus Kristus", _LN),
        ((5, 30), "Cuti bersama Kenaikan Yesus Kristus", _CB),
        ((6, 6), "Idul Adha 1446 Hijriah", _LN),
        ((6, 9), "Cuti bersama Idul Adha", _CB),
        ((6, 27), "Tahun Baru Islam 1447 Hijriah", _LN),
        ((8, 18), "Cuti bersama Hari Kemerdekaan", _CB),
        ((9, 5), "Maulid Nabi Muhammad SAW", _LN),
        ((12, 26), "Cuti bersama Hari Raya Natal", _CB),
    ),
    2026: (
        ((1, 16), "Isra Mikraj Nabi Muhammad SAW", _LN),
        ((2, 16), "Cuti bersama Tahun Baru Imlek", _CB),
        ((2, 17), "Tahun Baru Imlek 2577 Kongzili", _LN),
        ((3, 18), "Cuti bersama Hari Suci Nyepi", _CB),
        ((3, 19), "Hari Suci Nyepi Tahun Baru Saka 1948", _LN),
        ((3, 20), "Cuti bersama Idul Fitri", _CB),
        ((3, 21), "Idul Fitri 1447 Hijriah", _LN),
        ((3, 22), "Idul Fitri 1447 Hijriah", _LN),
        ((3, 23), "Cuti bersama Idul Fitri", _CB),
        ((3, 24), "Cuti bersama Idul Fitri", _CB),
        ((4, 3), "Wafat Yesus Kristus", _LN),
        ((4, 5), "Kebangkitan Yesus Kristus (Paskah)", _LN),
        ((5, 14), "Kenaikan Yesus Kristus", _LN),
        ((5, 15), "Cuti bersama Kenaikan Yesus Kristus", _CB),
        ((5, 27), "Idul Adha 1447 Hijriah", _LN),
        ((5, 28), "Cuti bersama Idul Adha", _CB),
        ((5, 31), "Hari Raya Waisak 2570 BE", _LN),
        ((6, 16), "Tahun Baru Islam 1448 Hijriah", _LN),
        ((8, 25), "Maulid Nabi Muhammad SAW", _LN),
        ((12, 24), "Cuti bersama Hari Raya Natal", _CB),
    ),
}


def libur_tahun(tahun: int) -> list[HariLibur]:
    """The national holidays and cuti bersama of ``tahun``: the full SKB list for the years above, else only the
    fixed-date holidays (the movable ones are entered by admin BKPSDM each year)."""
    hari = [HariLibur(tanggal=datetime.date(tahun, m, d), nama=nama, jenis=_LN) for (m, d), nama in LIBUR_TETAP]
    hari += [
        HariLibur(tanggal=datetime.date(tahun, m, d), nama=nama, jenis=jenis)
        for (m, d), nama, jenis in LIBUR_BERGERAK.get(tahun, ())
    ]
    return sorted(hari, key=lambda h: h.tanggal)


def isi_libur(awal: datetime.date, akhir: datetime.date) -> int:
    """Fill the holiday table for each year from ``awal`` to ``akhir`` that has no holiday yet; an admin's own
    calendar is never touched. Returns the number of rows added."""
    ada = {
        d.year
        for d in HariLibur.objects.filter(tanggal__year__gte=awal.year, tanggal__year__lte=akhir.year).values_list(
            "tanggal", flat=True
        )
    }
    baru = [h for tahun in range(awal.year, akhir.year + 1) if tahun not in ada for h in libur_tahun(tahun)]
    HariLibur.objects.bulk_create(baru, ignore_conflicts=True)
    if baru:
        kalender_berubah()  # bulk_create sends no signal
    return len(baru)
