"""The regulation of discipline as tables (disiplin/rules.py; docs/ATURAN.md, "Disiplin"): the recommendation of
PP 94/2021 at every boundary of its table, minutes adding up to days, the level and duration of each jenis, the
Satyalancana Karya Satya levels from the TMT CPNS, and the attendance arithmetic."""

import datetime

import pytest

from disiplin import rules
from disiplin.choices import JenisHukuman as J
from disiplin.choices import TingkatHukuman as T
from disiplin.choices import TingkatSatyalancana as S

D = datetime.date
H = datetime.time

# ---------------------------------------------------------------------------------------------------------------
# rekomendasi_hukuman: cumulative days absent without a valid reason in one year
# ---------------------------------------------------------------------------------------------------------------

# Each boundary of the table as (last day of the lower row, its hukuman, first day of the next row, its hukuman).
BATAS = [
    (2, None, 3, J.TEGURAN_LISAN),
    (3, J.TEGURAN_LISAN, 4, J.TEGURAN_TERTULIS),
    (6, J.TEGURAN_TERTULIS, 7, J.PERNYATAAN_TIDAK_PUAS),
    (10, J.PERNYATAAN_TIDAK_PUAS, 11, J.TUKIN_25_6),
    (13, J.TUKIN_25_6, 14, J.TUKIN_25_9),
    (16, J.TUKIN_25_9, 17, J.TUKIN_25_12),
    (20, J.TUKIN_25_12, 21, J.PENURUNAN_JABATAN),
    (24, J.PENURUNAN_JABATAN, 25, J.PEMBEBASAN_JABATAN),
    (27, J.PEMBEBASAN_JABATAN, 28, J.PDHTAPS),
]


@pytest.mark.parametrize(("bawah", "jenis_bawah", "atas", "jenis_atas"), BATAS)
def test_it_recommends_each_side_of_every_boundary_of_the_table(bawah, jenis_bawah, atas, jenis_atas):
    assert rules.rekomendasi_hukuman(bawah) == jenis_bawah
    assert rules.rekomendasi_hukuman(atas) == jenis_atas


@pytest.mark.parametrize("hari", [0, 1])
def test_it_recommends_nothing_below_three_days(hari):
    assert rules.rekomendasi_hukuman(hari) is None


@pytest.mark.parametrize("hari", [28, 29, 60, 365])
def test_it_recommends_pdhtaps_from_twenty_eight_days_up(hari):
    assert rules.rekomendasi_hukuman(hari) == J.PDHTAPS


@pytest.mark.parametrize(
    ("hari", "berturut", "expected"),
    [
        # Nine consecutive days are nine days of the table; the tenth is PDHTAPS whatever the year's total.
        (9, 9, J.PERNYATAAN_TIDAK_PUAS),
        (10, 10, J.PDHTAPS),
        (12, 9, J.TUKIN_25_6),
        (15, 10, J.PDHTAPS),
        (30, 11, J.PDHTAPS),
        (0, 10, J.PDHTAPS),
    ],
)
def test_ten_consecutive_working_days_bring_pdhtaps_whatever_the_total(hari, berturut, expected):
    assert rules.rekomendasi_hukuman(hari, hari_berturut=berturut) == expected


@pytest.mark.parametrize(
    ("hari", "menit", "expected"),
    [
        # Every full 7.5 hours (450 minutes) of late arrival and early leave is one more day.
        (2, 449, None),
        (2, 450, J.TEGURAN_LISAN),
        (1, 899, None),
        (1, 900, J.TEGURAN_LISAN),
        (0, 1349, None),
        (0, 1350, J.TEGURAN_LISAN),
        (3, 449, J.TEGURAN_LISAN),
        (3, 450, J.TEGURAN_TERTULIS),
        (27, 449, J.PEMBEBASAN_JABATAN),
        (27, 450, J.PDHTAPS),
    ],
)
def test_minutes_add_a_day_per_full_seven_and_a_half_hours(hari, menit, expected):
    assert rules.rekomendasi_hukuman(hari, menit_terlambat=menit) == expected


@pytest.mark.parametrize(
    "args",
    [
        {"hari_tidak_masuk": -1},
        {"hari_tidak_masuk": 0, "hari_berturut": -1},
        {"hari_tidak_masuk": 0, "menit_terlambat": -1},
        # Refused even where ten consecutive days would decide by themselves.
        {"hari_tidak_masuk": -1, "hari_berturut": 10},
        {"hari_tidak_masuk": 10, "hari_berturut": 10, "menit_terlambat": -5},
    ],
)
def test_it_refuses_negative_counts(args):
    with pytest.raises(ValueError):
        rules.rekomendasi_hukuman(**args)


@pytest.mark.parametrize(
    ("hari", "menit", "expected"),
    [(0, 0, 0), (2, 449, 2), (2, 450, 3), (2, 899, 3), (2, 900, 4), (5, 2250, 10)],
)
def test_it_counts_equivalent_days(hari, menit, expected):
    assert rules.hari_setara(hari, menit) == expected


@pytest.mark.parametrize(("hari", "menit"), [(-1, 0), (0, -1)])
def test_equivalent_days_refuse_negative_counts(hari, menit):
    with pytest.raises(ValueError):
        rules.hari_setara(hari, menit)


@pytest.mark.parametrize(
    ("hari", "expected"),
    [
        (0, (3, J.TEGURAN_LISAN)),
        (2, (3, J.TEGURAN_LISAN)),
        (3, (4, J.TEGURAN_TERTULIS)),
        (6, (7, J.PERNYATAAN_TIDAK_PUAS)),
        (10, (11, J.TUKIN_25_6)),
        (13, (14, J.TUKIN_25_9)),
        (16, (17, J.TUKIN_25_12)),
        (20, (21, J.PENURUNAN_JABATAN)),
        (24, (25, J.PEMBEBASAN_JABATAN)),
        (27, (28, J.PDHTAPS)),
        (28, None),
        (40, None),
    ],
)
def test_it_gives_the_next_threshold_and_what_it_brings(hari, expected):
    assert rules.ambang_berikut(hari) == expected


def test_the_next_threshold_is_where_the_recommendation_changes():
    for hari in range(28):
        batas, jenis = rules.ambang_berikut(hari)
        assert rules.rekomendasi_hukuman(batas - 1) != jenis
        assert rules.rekomendasi_hukuman(batas) == jenis


def test_the_printed_table_lists_every_row_from_the_lowest_up():
    assert rules.tabel_rekomendasi() == [
        (3, 3, J.TEGURAN_LISAN),
        (4, 6, J.TEGURAN_TERTULIS),
        (7, 10, J.PERNYATAAN_TIDAK_PUAS),
        (11, 13, J.TUKIN_25_6),
        (14, 16, J.TUKIN_25_9),
        (17, 20, J.TUKIN_25_12),
        (21, 24, J.PENURUNAN_JABATAN),
        (25, 27, J.PEMBEBASAN_JABATAN),
        (28, None, J.PDHTAPS),
    ]


# ---------------------------------------------------------------------------------------------------------------
# The level and duration each jenis fixes
# ---------------------------------------------------------------------------------------------------------------

JENIS = [
    (J.TEGURAN_LISAN, T.RINGAN, None),
    (J.TEGURAN_TERTULIS, T.RINGAN, None),
    (J.PERNYATAAN_TIDAK_PUAS, T.RINGAN, None),
    (J.TUKIN_25_6, T.SEDANG, 6),
    (J.TUKIN_25_9, T.SEDANG, 9),
    (J.TUKIN_25_12, T.SEDANG, 12),
    (J.PENURUNAN_JABATAN, T.BERAT, 12),
    (J.PEMBEBASAN_JABATAN, T.BERAT, 12),
    (J.PDHTAPS, T.BERAT, None),
]


@pytest.mark.parametrize(("jenis", "tingkat", "lama"), JENIS)
def test_each_jenis_has_its_level_and_duration(jenis, tingkat, lama):
    assert rules.tingkat(jenis) == tingkat
    # The stored value (a plain string) answers the same.
    assert rules.tingkat(str(jenis.value)) == tingkat
    assert rules.lama_bulan(jenis) == lama


def test_the_table_of_jenis_covers_all_nine_and_the_siasn_levels():
    assert {j for j, _t, _l in JENIS} == set(J)
    assert {t.value for t in T} == {"R", "S", "B"}


def test_an_unknown_jenis_is_refused():
    with pytest.raises(ValueError):
        rules.tingkat("teguran_keras")


@pytest.mark.parametrize(
    ("jenis", "tmt", "selesai"),
    [
        (J.TUKIN_25_6, D(2025, 3, 1), D(2025, 8, 31)),
        (J.TUKIN_25_9, D(2025, 1, 1), D(2025, 9, 30)),
        (J.TUKIN_25_12, D(2025, 1, 15), D(2026, 1, 14)),
        (J.PENURUNAN_JABATAN, D(2025, 7, 1), D(2026, 6, 30)),
        # The last month has no day matching the TMT's: the hukuman runs to the end of February.
        (J.TUKIN_25_6, D(2023, 8, 31), D(2024, 2, 29)),
        (J.TUKIN_25_6, D(2024, 8, 31), D(2025, 2, 28)),
        (J.TUKIN_25_6, D(2023, 8, 30), D(2024, 2, 29)),
        (J.TUKIN_25_6, D(2023, 8, 29), D(2024, 2, 28)),
        (J.TUKIN_25_6, D(2024, 8, 29), D(2025, 2, 28)),
        (J.PEMBEBASAN_JABATAN, D(2024, 2, 29), D(2025, 2, 28)),
        (J.TUKIN_25_9, D(2025, 5, 31), D(2026, 2, 28)),
    ],
)
def test_it_derives_the_end_from_the_tmt(jenis, tmt, selesai):
    assert rules.tanggal_selesai(jenis, tmt) == selesai


@pytest.mark.parametrize("jenis", [J.TEGURAN_LISAN, J.TEGURAN_TERTULIS, J.PERNYATAAN_TIDAK_PUAS, J.PDHTAPS])
def test_a_jenis_without_a_duration_has_no_end(jenis):
    assert rules.tanggal_selesai(jenis, D(2025, 3, 1)) is None


# ---------------------------------------------------------------------------------------------------------------
# Satyalancana Karya Satya
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tmt", "tingkat", "layak"),
    [
        (D(2015, 3, 1), S.X, D(2025, 3, 1)),
        (D(2005, 3, 1), S.XX, D(2025, 3, 1)),
        (D(1995, 3, 1), S.XXX, D(2025, 3, 1)),
        # 29 February reaches its level on 28 February of a common year, on 29 February of a leap year.
        (D(2016, 2, 29), S.X, D(2026, 2, 28)),
        (D(2004, 2, 29), S.XX, D(2024, 2, 29)),
        ("2000-02-29", "XXX", D(2030, 2, 28)),
    ],
)
def test_it_gives_the_day_a_level_is_reached(tmt, tingkat, layak):
    if isinstance(tmt, str):
        tmt = D.fromisoformat(tmt)
    assert rules.tanggal_layak(tmt, tingkat) == layak


TMT = D(2000, 3, 1)


@pytest.mark.parametrize(
    ("per", "sudah", "expected"),
    [
        # Exactly ten years on the date, and one day short.
        (D(2010, 3, 1), (), S.X),
        (D(2010, 2, 28), (), None),
        (D(2020, 2, 29), (), S.X),
        (D(2020, 3, 1), (), S.XX),
        (D(2030, 2, 28), (), S.XX),
        (D(2030, 3, 1), (), S.XXX),
        # Listed once, at the highest level reached: XX even when X was never awarded.
        (D(2025, 6, 1), (), S.XX),
        (D(2035, 6, 1), (S.X,), S.XXX),
        # Already awarded: the highest reached is not proposed again, and a lower one is not proposed instead.
        (D(2012, 6, 1), (S.X,), None),
        (D(2025, 6, 1), ("XX",), None),
        (D(2025, 6, 1), (S.X, S.XX), None),
        (D(2031, 6, 1), (S.X, S.XX, S.XXX), None),
    ],
)
def test_it_gives_the_highest_level_reached_and_not_yet_awarded(per, sudah, expected):
    assert rules.tingkat_satyalancana(TMT, per, sudah=sudah) == expected


@pytest.mark.parametrize("per", [D(2010, 3, 1), D(2025, 6, 1), D(2031, 6, 1)])
def test_a_sedang_or_berat_hukuman_bars_every_level(per):
    assert rules.tingkat_satyalancana(TMT, per, hukuman_sedang_berat=True) is None


def test_a_leap_day_tmt_reaches_ten_years_on_the_twenty_eighth():
    tmt = D(2016, 2, 29)
    assert rules.tingkat_satyalancana(tmt, D(2026, 2, 27)) is None
    assert rules.tingkat_satyalancana(tmt, D(2026, 2, 28)) == S.X


@pytest.mark.parametrize(
    ("tmt", "per", "tahun"),
    [
        (D(2000, 3, 1), D(2010, 3, 1), 10),
        (D(2000, 3, 1), D(2010, 2, 28), 9),
        (D(2000, 3, 1), D(2000, 3, 1), 0),
        (D(2000, 3, 1), D(1999, 3, 1), 0),
        (D(1995, 12, 31), D(2025, 12, 30), 29),
        (D(1995, 12, 31), D(2025, 12, 31), 30),
        # The same day as tanggal_layak for 29 February.
        (D(2016, 2, 29), D(2026, 2, 27), 9),
        (D(2016, 2, 29), D(2026, 2, 28), 10),
        (D(2016, 2, 29), D(2024, 2, 29), 8),
    ],
)
def test_it_counts_whole_years_of_service(tmt, per, tahun):
    assert rules.masa_kerja_tahun(tmt, per) == tahun


def test_years_of_service_agree_with_the_day_each_level_is_reached():
    for tmt in (D(2000, 2, 29), D(2000, 3, 1), D(1999, 12, 31), D(2001, 1, 1)):
        for t, tahun in rules.TAHUN_SATYALANCANA.items():
            layak = rules.tanggal_layak(tmt, t)
            assert rules.masa_kerja_tahun(tmt, layak) == tahun
            assert rules.masa_kerja_tahun(tmt, layak - datetime.timedelta(days=1)) == tahun - 1


# ---------------------------------------------------------------------------------------------------------------
# Attendance arithmetic
# ---------------------------------------------------------------------------------------------------------------

# A two-week stretch of working days, Monday 2 to Friday 13 June 2025, without the weekend of 7–8 June.
HARI_KERJA = [D(2025, 6, d) for d in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13)]


@pytest.mark.parametrize(
    ("absen", "expected"),
    [
        ([], 0),
        ([D(2025, 6, 3)], 1),
        # The weekend between an absent Friday and an absent Monday keeps the run.
        ([D(2025, 6, 5), D(2025, 6, 6), D(2025, 6, 9), D(2025, 6, 10)], 4),
        # A working day present (Wednesday 4 June) breaks it.
        ([D(2025, 6, 2), D(2025, 6, 3), D(2025, 6, 5), D(2025, 6, 6)], 2),
        # Absent days outside the working days (a Saturday) count for nothing.
        ([D(2025, 6, 6), D(2025, 6, 7), D(2025, 6, 9)], 2),
        (HARI_KERJA, 10),
        (HARI_KERJA[:9], 9),
    ],
)
def test_it_finds_the_longest_run_of_consecutive_working_days_absent(absen, expected):
    assert rules.berturut_terpanjang(absen, HARI_KERJA) == expected


def test_a_holiday_between_absent_days_keeps_the_run():
    # Thursday 5 June is a holiday: not a working day of the calendar.
    hari_kerja = [d for d in HARI_KERJA if d != D(2025, 6, 5)]
    assert rules.berturut_terpanjang([D(2025, 6, 4), D(2025, 6, 6)], hari_kerja) == 2


@pytest.mark.parametrize(
    ("jam", "expected"),
    [(None, 0), (H(7, 0), 0), (H(7, 30), 0), (H(7, 31), 1), (H(8, 0), 30), (H(9, 45), 135), (H(7, 30, 59), 0)],
)
def test_it_counts_minutes_arrived_late(jam, expected):
    assert rules.menit_terlambat(jam, H(7, 30)) == expected


@pytest.mark.parametrize(
    ("jam", "expected"),
    [(None, 0), (H(17, 0), 0), (H(16, 0), 0), (H(15, 59), 1), (H(15, 30), 30), (H(12, 0), 240)],
)
def test_it_counts_minutes_left_early(jam, expected):
    assert rules.menit_pulang_cepat(jam, H(16, 0)) == expected
