"""The regulation of discipline as pure functions: no database, tested as tables (disiplin/tests/test_rules.py).

- :func:`rekomendasi_hukuman` — PP 94/2021 Pasal 11–14 on absence without a valid reason: the cumulative days of
  a year (late arrival and early leave adding a day per full 7.5 hours) and 10 consecutive working days.
- :func:`tingkat` / :func:`lama_bulan` — the level (SIASN ``hukdis`` R/S/B) and the duration a jenis fixes.
- :func:`tingkat_satyalancana` / :func:`tanggal_layak` — Satyalancana Karya Satya from the TMT CPNS (PP 35/1994).
- :func:`berturut_terpanjang` — the longest run of consecutive working days in a set of days.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from .choices import JenisHukuman, TingkatHukuman, TingkatSatyalancana

#: Minutes of late arrival and early leave that count as one day absent (7.5 hours; PP 94/2021 penjelasan).
MENIT_PER_HARI = 450

#: PP 94/2021 Pasal 11–14: cumulative days absent without a valid reason in one year → the hukuman, from the
#: lowest threshold up. The first row whose lower bound the days reach, read from the top, applies.
_TABEL = (
    (28, JenisHukuman.PDHTAPS),
    (25, JenisHukuman.PEMBEBASAN_JABATAN),
    (21, JenisHukuman.PENURUNAN_JABATAN),
    (17, JenisHukuman.TUKIN_25_12),
    (14, JenisHukuman.TUKIN_25_9),
    (11, JenisHukuman.TUKIN_25_6),
    (7, JenisHukuman.PERNYATAAN_TIDAK_PUAS),
    (4, JenisHukuman.TEGURAN_TERTULIS),
    (3, JenisHukuman.TEGURAN_LISAN),
)
#: PP 94/2021 Pasal 14: 10 consecutive working days absent without a valid reason.
HARI_BERTURUT_PDHTAPS = 10


def hari_setara(hari_tidak_masuk: int, menit_terlambat: int = 0) -> int:
    """Days absent plus one day for every full 450 minutes of late arrival and early leave (449 minutes add none)."""
    if hari_tidak_masuk < 0 or menit_terlambat < 0:
        raise ValueError("jumlah hari dan menit tidak boleh negatif")
    return hari_tidak_masuk + menit_terlambat // MENIT_PER_HARI


def rekomendasi_hukuman(hari_tidak_masuk: int, hari_berturut: int = 0, menit_terlambat: int = 0) -> JenisHukuman | None:
    """The hukuman disiplin PP 94/2021 recommends for a year with ``hari_tidak_masuk`` working days absent without a
    valid reason, ``hari_berturut`` of them the longest consecutive run, and ``menit_terlambat`` minutes of late
    arrival and early leave; ``None`` below 3 days. A recommendation only: an authorised official decides."""
    if hari_berturut < 0:
        raise ValueError("jumlah hari berturut-turut tidak boleh negatif")
    # Computed first so a negative day or minute count is refused even beside 10 consecutive days.
    hari = hari_setara(hari_tidak_masuk, menit_terlambat)
    if hari_berturut >= HARI_BERTURUT_PDHTAPS:
        return JenisHukuman.PDHTAPS
    return next((jenis for batas, jenis in _TABEL if hari >= batas), None)


def ambang_berikut(hari: int) -> tuple[int, JenisHukuman] | None:
    """The next threshold above ``hari`` equivalent days and the hukuman it brings (for "near the next threshold");
    ``None`` at or above the highest."""
    naik = [(batas, jenis) for batas, jenis in reversed(_TABEL) if batas > hari]
    return naik[0] if naik else None


def tabel_rekomendasi() -> list[tuple[int, int | None, JenisHukuman]]:
    """The table of :func:`rekomendasi_hukuman` from the lowest threshold up, as the guide prints it: (first day,
    last day or ``None`` for "and more", hukuman)."""
    naik = list(reversed(_TABEL))
    return [(batas, naik[i + 1][0] - 1 if i + 1 < len(naik) else None, jenis) for i, (batas, jenis) in enumerate(naik)]


_TINGKAT = {
    JenisHukuman.TEGURAN_LISAN: TingkatHukuman.RINGAN,
    JenisHukuman.TEGURAN_TERTULIS: TingkatHukuman.RINGAN,
    JenisHukuman.PERNYATAAN_TIDAK_PUAS: TingkatHukuman.RINGAN,
    JenisHukuman.TUKIN_25_6: TingkatHukuman.SEDANG,
    JenisHukuman.TUKIN_25_9: TingkatHukuman.SEDANG,
    JenisHukuman.TUKIN_25_12: TingkatHukuman.SEDANG,
    JenisHukuman.PENURUNAN_JABATAN: TingkatHukuman.BERAT,
    JenisHukuman.PEMBEBASAN_JABATAN: TingkatHukuman.BERAT,
    JenisHukuman.PDHTAPS: TingkatHukuman.BERAT,
}

_LAMA_BULAN = {
    JenisHukuman.TUKIN_25_6: 6,
    JenisHukuman.TUKIN_25_9: 9,
    JenisHukuman.TUKIN_25_12: 12,
    JenisHukuman.PENURUNAN_JABATAN: 12,
    JenisHukuman.PEMBEBASAN_JABATAN: 12,
}


def tingkat(jenis: JenisHukuman | str) -> TingkatHukuman:
    """PP 94/2021 Pasal 8: ringan, sedang or berat (SIASN ``hukdis`` R/S/B)."""
    return _TINGKAT[JenisHukuman(jenis)]


def lama_bulan(jenis: JenisHukuman | str) -> int | None:
    """The months the jenis lasts (PP 94/2021 Pasal 8 ayat 3–4); ``None`` when it fixes no duration (a teguran, a
    pernyataan, PDHTAPS)."""
    return _LAMA_BULAN.get(JenisHukuman(jenis))


def tambah_bulan(tanggal: datetime.date, bulan: int) -> datetime.date:
    """``tanggal`` plus ``bulan`` months, on the same day of the month (clamped to the month's last day)."""
    import calendar

    total = tanggal.month - 1 + bulan
    tahun, bulan_baru = tanggal.year + total // 12, total % 12 + 1
    hari = min(tanggal.day, calendar.monthrange(tahun, bulan_baru)[1])
    return datetime.date(tahun, bulan_baru, hari)


def tanggal_selesai(jenis: JenisHukuman | str, tmt: datetime.date) -> datetime.date | None:
    """The last day of a hukuman with a fixed duration, counted from its TMT (a 6-month one from 1 March ends on
    31 August); ``None`` when the jenis fixes none. When the last month has no day matching the TMT's (6 months from
    31 August), the hukuman runs to that month's last day (28 or 29 February), not one day short of it."""
    lama = lama_bulan(jenis)
    if lama is None:
        return None
    berikut = tambah_bulan(tmt, lama)
    if berikut.day < tmt.day:
        return berikut
    return berikut - datetime.timedelta(days=1)


# ---------------------------------------------------------------------------------------------------------------
# Satyalancana Karya Satya (PP 35/1994; Perpres/Keppres practice)
# ---------------------------------------------------------------------------------------------------------------

TAHUN_SATYALANCANA = {TingkatSatyalancana.X: 10, TingkatSatyalancana.XX: 20, TingkatSatyalancana.XXX: 30}


def tanggal_layak(tmt_cpns: datetime.date, tingkat_: TingkatSatyalancana | str) -> datetime.date:
    """The day ``tingkat_`` is reached: the TMT CPNS plus 10, 20 or 30 years (29 February → 28 February)."""
    tahun = tmt_cpns.year + TAHUN_SATYALANCANA[TingkatSatyalancana(tingkat_)]
    try:
        return tmt_cpns.replace(year=tahun)
    except ValueError:
        return tmt_cpns.replace(year=tahun, day=28)


def tingkat_satyalancana(
    tmt_cpns: datetime.date,
    per: datetime.date,
    *,
    sudah: Iterable[TingkatSatyalancana | str] = (),
    hukuman_sedang_berat: bool = False,
) -> TingkatSatyalancana | None:
    """The highest level reached on ``per`` and not yet awarded (``sudah``), or ``None``: not yet 10 years, every
    reached level already awarded, or a hukuman disiplin sedang or berat on record (not eligible)."""
    if hukuman_sedang_berat:
        return None
    diberikan = {TingkatSatyalancana(t) for t in sudah}
    tertinggi = None
    for t in (TingkatSatyalancana.X, TingkatSatyalancana.XX, TingkatSatyalancana.XXX):
        if tanggal_layak(tmt_cpns, t) <= per:
            tertinggi = t
    if tertinggi is None or tertinggi in diberikan:
        return None
    return tertinggi


def masa_kerja_tahun(tmt_cpns: datetime.date, per: datetime.date) -> int:
    """Whole years of service from the TMT CPNS to ``per``; a TMT of 29 February completes a year on 28 February
    of a common year, the day :func:`tanggal_layak` gives."""
    tahun = per.year - tmt_cpns.year
    if tambah_bulan(tmt_cpns, 12 * tahun) > per:
        tahun -= 1
    return max(tahun, 0)


def berturut_terpanjang(hari_absen: Iterable[datetime.date], hari_kerja: list[datetime.date]) -> int:
    """The longest run of consecutive working days (``hari_kerja``, sorted) that are all in ``hari_absen``: a
    weekend or holiday between two absent days does not break the run, a working day present does."""
    absen = set(hari_absen)
    terpanjang = sekarang = 0
    for hari in hari_kerja:
        if hari in absen:
            sekarang += 1
            terpanjang = max(terpanjang, sekarang)
        else:
            sekarang = 0
    return terpanjang


def menit_terlambat(jam_masuk: datetime.time | None, jadwal_masuk: datetime.time) -> int:
    """Minutes arrived after the scheduled start (0 when on time or without a clock-in)."""
    if jam_masuk is None or jam_masuk <= jadwal_masuk:
        return 0
    return (jam_masuk.hour * 60 + jam_masuk.minute) - (jadwal_masuk.hour * 60 + jadwal_masuk.minute)


def menit_pulang_cepat(jam_pulang: datetime.time | None, jadwal_pulang: datetime.time) -> int:
    """Minutes left before the scheduled end (0 when on time or without a clock-out)."""
    if jam_pulang is None or jam_pulang >= jadwal_pulang:
        return 0
    return (jadwal_pulang.hour * 60 + jadwal_pulang.minute) - (jam_pulang.hour * 60 + jam_pulang.minute)
