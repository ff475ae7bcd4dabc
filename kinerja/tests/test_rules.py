"""The pure rules as tables: working days (5/6-day weeks, holidays), the entry window, the verification deadline and
month lock, minutes and overlaps, periods, file names and links. Dates are in 2026: 1 January is a Thursday,
2 March a Monday, 1 April a Wednesday."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja import rules
from kinerja.choices import KebijakanTerlambat, PeriodeRealisasi
from kinerja.rules import Kalender, StatusEntri

D = datetime.date
T = datetime.time

LIMA = Kalender(5)
ENAM = Kalender(6)
# Test data shaped like Lebaran 2026: cuti bersama and holidays around Idul Fitri, plus Good Friday.
LIBUR = frozenset({D(2026, 3, 18), D(2026, 3, 19), D(2026, 3, 20), D(2026, 3, 21), D(2026, 3, 23), D(2026, 3, 24)})
LIMA_LIBUR = Kalender(5, LIBUR | {D(2026, 4, 3)})
ENAM_LIBUR = Kalender(6, LIBUR | {D(2026, 4, 3)})
TAHUN_BARU = Kalender(5, frozenset({D(2026, 1, 1)}))


@pytest.mark.parametrize(
    "tanggal, kalender, expected",
    [
        (D(2026, 3, 6), LIMA, True),  # Friday
        (D(2026, 3, 7), LIMA, False),  # Saturday
        (D(2026, 3, 8), LIMA, False),  # Sunday
        (D(2026, 3, 7), ENAM, True),
        (D(2026, 3, 8), ENAM, False),
        (D(2026, 3, 19), LIMA, True),
        (D(2026, 3, 19), LIMA_LIBUR, False),
        (D(2026, 3, 21), ENAM, True),
        (D(2026, 3, 21), ENAM_LIBUR, False),  # a holiday on Saturday counts in a 6-day unit
        (D(2026, 3, 25), LIMA_LIBUR, True),
    ],
)
def test_it_tells_working_days(tanggal, kalender, expected):
    assert kalender.hari_kerja(tanggal) is expected


def test_it_refuses_a_week_of_other_length():
    with pytest.raises(ValueError):
        Kalender(7)


@pytest.mark.parametrize(
    "tanggal, n, kalender, expected",
    [
        (D(2026, 3, 6), 0, LIMA, D(2026, 3, 6)),
        (D(2026, 3, 6), 1, LIMA, D(2026, 3, 9)),
        (D(2026, 3, 6), 3, LIMA, D(2026, 3, 11)),
        (D(2026, 3, 6), 3, ENAM, D(2026, 3, 10)),
        (D(2026, 3, 7), 1, LIMA, D(2026, 3, 9)),  # from a Saturday
        (D(2026, 3, 17), 1, LIMA_LIBUR, D(2026, 3, 25)),  # across Lebaran
        (D(2026, 3, 17), 3, LIMA_LIBUR, D(2026, 3, 27)),
        (D(2026, 3, 17), 4, LIMA_LIBUR, D(2026, 3, 30)),
        (D(2026, 3, 17), 4, ENAM_LIBUR, D(2026, 3, 28)),  # Saturday 28 works in a 6-day unit, the 21st did not
    ],
)
def test_it_counts_working_days_forward(tanggal, n, kalender, expected):
    assert rules.hari_kerja_berikut(tanggal, n, kalender) == expected


@pytest.mark.parametrize(
    "tanggal, kalender, expected",
    [
        (D(2026, 3, 9), LIMA, D(2026, 3, 6)),  # Monday → Friday
        (D(2026, 3, 9), ENAM, D(2026, 3, 7)),  # Monday → Saturday
        (D(2026, 3, 25), LIMA_LIBUR, D(2026, 3, 17)),  # after Lebaran
        (D(2026, 1, 2), TAHUN_BARU, D(2025, 12, 31)),
    ],
)
def test_it_finds_the_last_working_day(tanggal, kalender, expected):
    assert rules.hari_kerja_sebelum(tanggal, kalender) == expected


@pytest.mark.parametrize(
    "awal, akhir, kalender, expected",
    [
        (D(2026, 3, 1), D(2026, 3, 31), LIMA, 22),
        (D(2026, 3, 1), D(2026, 3, 31), ENAM, 26),
        (D(2026, 3, 1), D(2026, 3, 31), LIMA_LIBUR, 17),
        (D(2026, 3, 1), D(2026, 3, 31), ENAM_LIBUR, 20),
        (D(2026, 3, 7), D(2026, 3, 8), LIMA, 0),
        (D(2026, 3, 9), D(2026, 3, 9), LIMA, 1),
        (D(2026, 3, 10), D(2026, 3, 9), LIMA, 0),
    ],
)
def test_it_counts_working_days_between_dates(awal, akhir, kalender, expected):
    assert rules.jumlah_hari_kerja(awal, akhir, kalender) == expected


@pytest.mark.parametrize(
    "tahun, bulan, n, kalender, expected",
    [
        (2026, 4, 1, LIMA, D(2026, 4, 1)),
        (2026, 4, 5, LIMA, D(2026, 4, 7)),  # 1, 2, 3, 6, 7
        (2026, 4, 5, ENAM, D(2026, 4, 6)),  # 1, 2, 3, 4 (Sat), 6
        (2026, 4, 5, LIMA_LIBUR, D(2026, 4, 8)),  # Good Friday on the 3rd
        (2026, 1, 5, LIMA, D(2026, 1, 7)),
        (2026, 1, 5, TAHUN_BARU, D(2026, 1, 8)),
        (2026, 2, 25, LIMA, D(2026, 3, 6)),  # February has 20 working days: the count runs on
    ],
)
def test_it_finds_the_nth_working_day_of_a_month(tahun, bulan, n, kalender, expected):
    assert rules.hari_kerja_ke(tahun, bulan, n, kalender) == expected


@pytest.mark.parametrize(
    "tahun, bulan, n, kalender, expected",
    [
        (2026, 3, 5, LIMA, D(2026, 4, 7)),
        (2026, 3, 5, LIMA_LIBUR, D(2026, 4, 8)),
        (2026, 3, 5, ENAM, D(2026, 4, 6)),
        (2025, 12, 5, TAHUN_BARU, D(2026, 1, 8)),  # December's deadline lies in the next year
        (2026, 2, 1, LIMA, D(2026, 3, 2)),
    ],
)
def test_it_puts_the_verification_deadline_in_the_next_month(tahun, bulan, n, kalender, expected):
    assert rules.batas_verifikasi(tahun, bulan, n, kalender) == expected


@pytest.mark.parametrize(
    "hari_ini, dibuka_sampai, expected",
    [
        (D(2026, 3, 31), None, False),
        (D(2026, 4, 7), None, False),  # the deadline day itself is still open
        (D(2026, 4, 8), None, True),
        (D(2026, 12, 1), None, True),
        (D(2026, 4, 9), D(2026, 4, 10), False),  # reopened
        (D(2026, 4, 10), D(2026, 4, 10), False),
        (D(2026, 4, 11), D(2026, 4, 10), True),  # the reopening ran out
        (D(2026, 4, 6), D(2026, 4, 1), False),  # an old reopening does not lock an open month
    ],
)
def test_it_locks_a_month_after_the_deadline_unless_reopened(hari_ini, dibuka_sampai, expected):
    assert rules.bulan_terkunci(2026, 3, hari_ini, 5, LIMA, dibuka_sampai) is expected


@pytest.mark.parametrize(
    "tanggal, hari_ini, batas, kalender, expected",
    [
        (D(2026, 3, 6), D(2026, 3, 6), 3, LIMA, StatusEntri.TEPAT_WAKTU),
        (D(2026, 3, 6), D(2026, 3, 11), 3, LIMA, StatusEntri.TEPAT_WAKTU),  # Fri → Wed: 3 working days
        (D(2026, 3, 6), D(2026, 3, 12), 3, LIMA, StatusEntri.TERLAMBAT),
        (D(2026, 3, 6), D(2026, 3, 10), 3, ENAM, StatusEntri.TEPAT_WAKTU),
        (D(2026, 3, 6), D(2026, 3, 11), 3, ENAM, StatusEntri.TERLAMBAT),  # Saturday counts in a 6-day unit
        (D(2026, 3, 7), D(2026, 3, 11), 3, LIMA, StatusEntri.TEPAT_WAKTU),  # weekend work counts from Monday
        (D(2026, 3, 7), D(2026, 3, 12), 3, LIMA, StatusEntri.TERLAMBAT),
        (D(2026, 3, 17), D(2026, 3, 27), 3, LIMA_LIBUR, StatusEntri.TEPAT_WAKTU),  # Lebaran does not count
        (D(2026, 3, 17), D(2026, 3, 30), 3, LIMA_LIBUR, StatusEntri.TERLAMBAT),
        (D(2026, 3, 9), D(2026, 3, 9), 0, LIMA, StatusEntri.TEPAT_WAKTU),
        (D(2026, 3, 9), D(2026, 3, 10), 0, LIMA, StatusEntri.TERLAMBAT),
        (D(2026, 3, 12), D(2026, 3, 11), 3, LIMA, StatusEntri.MASA_DEPAN),
    ],
)
def test_it_judges_the_entry_window(tanggal, hari_ini, batas, kalender, expected):
    assert rules.status_entri(tanggal, hari_ini, batas, kalender) is expected


@pytest.mark.parametrize(
    "status, kebijakan, dibuka, diterima, terlambat",
    [
        (StatusEntri.TEPAT_WAKTU, KebijakanTerlambat.TOLAK, False, True, False),
        (StatusEntri.TEPAT_WAKTU, KebijakanTerlambat.TANDAI, False, True, False),
        (StatusEntri.TERLAMBAT, KebijakanTerlambat.TOLAK, False, False, False),
        (StatusEntri.TERLAMBAT, KebijakanTerlambat.TANDAI, False, True, True),
        (StatusEntri.TERLAMBAT, KebijakanTerlambat.TOLAK, True, True, True),
        (StatusEntri.MASA_DEPAN, KebijakanTerlambat.TANDAI, False, False, False),
        (StatusEntri.MASA_DEPAN, KebijakanTerlambat.TOLAK, True, False, False),
    ],
)
def test_it_applies_the_late_entry_policy(status, kebijakan, dibuka, diterima, terlambat):
    keputusan = rules.keputusan_entri(status, kebijakan, bulan_dibuka=dibuka)
    assert (keputusan.diterima, keputusan.terlambat) == (diterima, terlambat)
    assert bool(keputusan.pesan) is not diterima


@pytest.mark.parametrize(
    "mulai, selesai, expected",
    [
        (T(8, 0), T(9, 0), 60),
        (T(7, 30), T(16, 0), 510),
        (T(8, 0), T(8, 1), 1),
        (T(0, 0), T(23, 59), 1439),
    ],
)
def test_it_counts_minutes(mulai, selesai, expected):
    assert rules.menit_antara(mulai, selesai) == expected


@pytest.mark.parametrize("mulai, selesai", [(T(9, 0), T(9, 0)), (T(10, 0), T(9, 0))])
def test_it_refuses_an_end_not_after_the_start(mulai, selesai):
    with pytest.raises(ValueError):
        rules.menit_antara(mulai, selesai)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ((T(8, 0), T(9, 0)), (T(9, 0), T(10, 0)), False),  # touching
        ((T(8, 0), T(9, 0)), (T(8, 59), T(10, 0)), True),
        ((T(8, 0), T(12, 0)), (T(9, 0), T(10, 0)), True),  # contains
        ((T(9, 0), T(10, 0)), (T(8, 0), T(12, 0)), True),  # inside
        ((T(8, 0), T(9, 0)), (T(8, 0), T(9, 0)), True),  # the same
        ((T(13, 0), T(14, 0)), (T(8, 0), T(9, 0)), False),
    ],
)
def test_it_detects_overlaps(a, b, expected):
    assert rules.bertumpuk(*a, *b) is expected
    assert rules.bertumpuk(*b, *a) is expected


def test_it_lists_the_overlapping_intervals():
    lain = [("a", T(8, 0), T(9, 0)), ("b", T(9, 0), T(10, 0)), ("c", T(9, 30), T(11, 0))]
    assert rules.cari_tumpang_tindih(T(9, 15), T(9, 45), lain) == ["b", "c"]
    assert rules.cari_tumpang_tindih(T(11, 0), T(12, 0), lain) == []


_jam = st.integers(min_value=0, max_value=1439).map(lambda m: T(m // 60, m % 60))


@given(_jam, _jam, _jam, _jam)
def test_overlap_agrees_with_shared_minutes(a1, a2, b1, b2):
    if a2 <= a1 or b2 <= b1:
        return
    menit_a = set(range(a1.hour * 60 + a1.minute, a2.hour * 60 + a2.minute))
    menit_b = set(range(b1.hour * 60 + b1.minute, b2.hour * 60 + b2.minute))
    assert rules.bertumpuk(a1, a2, b1, b2) is bool(menit_a & menit_b)


@pytest.mark.parametrize(
    "periode, nomor, expected",
    [
        (PeriodeRealisasi.BULANAN, 2, (D(2026, 2, 1), D(2026, 2, 28))),
        (PeriodeRealisasi.BULANAN, 12, (D(2026, 12, 1), D(2026, 12, 31))),
        (PeriodeRealisasi.TRIWULANAN, 1, (D(2026, 1, 1), D(2026, 3, 31))),
        (PeriodeRealisasi.TRIWULANAN, 2, (D(2026, 4, 1), D(2026, 6, 30))),
        (PeriodeRealisasi.TRIWULANAN, 4, (D(2026, 10, 1), D(2026, 12, 31))),
        (PeriodeRealisasi.SEMESTERAN, 1, (D(2026, 1, 1), D(2026, 6, 30))),
        (PeriodeRealisasi.SEMESTERAN, 2, (D(2026, 7, 1), D(2026, 12, 31))),
        (PeriodeRealisasi.TAHUNAN, None, (D(2026, 1, 1), D(2026, 12, 31))),
    ],
)
def test_it_gives_the_dates_of_a_period(periode, nomor, expected):
    assert rules.rentang_periode(2026, periode, nomor) == expected


@pytest.mark.parametrize(
    "periode, nomor",
    [
        (PeriodeRealisasi.BULANAN, 0),
        (PeriodeRealisasi.BULANAN, 13),
        (PeriodeRealisasi.TRIWULANAN, 5),
        (PeriodeRealisasi.SEMESTERAN, 3),
        (PeriodeRealisasi.BULANAN, None),
        ("mingguan", 1),
    ],
)
def test_it_refuses_an_impossible_period(periode, nomor):
    with pytest.raises(ValueError):
        rules.rentang_periode(2026, periode, nomor)


@pytest.mark.parametrize(
    "nama, expected",
    [
        ("laporan.pdf", "laporan.pdf"),
        ("Laporan Akhir (revisi).docx", "Laporan Akhir (revisi).docx"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\win.ini", "win.ini"),
        ("/var/www/../../x.png", "x.png"),
        ("a\x00b\x1f.pdf", "ab.pdf"),
        ("<script>alert(1)</script>.pdf", "script_.pdf"),  # "/" ends a path component
        ('nota"; filename="x.exe', "nota_ filename_x.exe"),
        ("...", "berkas"),
        ("", "berkas"),
        (".bashrc", "bashrc"),
        ("foto   kegiatan .jpg", "foto kegiatan .jpg"),
        ("ＡＢＣ.pdf", "ABC.pdf"),  # full-width letters normalised (NFKC)
    ],
)
def test_it_sanitises_original_names(nama, expected):
    assert rules.nama_berkas_aman(nama) == expected


def test_it_shortens_long_names_keeping_the_extension():
    nama = rules.nama_berkas_aman("a" * 400 + ".xlsx")
    assert len(nama) == 150
    assert nama.endswith("a.xlsx")


@pytest.mark.parametrize(
    "nama, expected",
    [("a.PDF", "pdf"), ("a.tar.gz", "gz"), ("a", ""), (".pdf", ""), ("laporan.v2", "v2")],
)
def test_it_reads_the_extension(nama, expected):
    assert rules.ekstensi(nama) == expected


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://drive.example.go.id/folder/abc", True),
        ("http://bandung.go.id/berita?id=1", True),
        ("  https://example.com/a  ", True),
        ("javascript:alert(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("file:///etc/passwd", False),
        ("ftp://example.com/a.pdf", False),
        ("//example.com/a", False),
        ("https://bandung.go.id@evil.example.com/", False),
        ("https://user:rahasia@example.com/", False),
        ("", False),
        ("https://example.com/" + "a" * 2000, False),
    ],
)
def test_it_accepts_only_http_links(url, ok):
    assert (rules.periksa_tautan(url) is None) is ok
