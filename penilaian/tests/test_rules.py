"""The regulation of the evaluation as tables (penilaian/rules.py; docs/ATURAN.md, "Penilaian"): the predikat
matrix, every condition of the curve at its boundary, the unit head's rating and the angka kredit per jenjang."""

from decimal import Decimal
from fractions import Fraction

import pytest

from pegawai.choices import Jenjang
from penilaian.choices import CapaianOrganisasi as C
from penilaian.choices import Predikat as P
from penilaian.choices import Rating as R
from penilaian.rules import angka_kredit, cek_kurva, predikat, rating_hasil_pimpinan

# ---------------------------------------------------------------------------------------------------------------
# Predikat: the 3×3 matrix (rows hasil kerja, columns perilaku kerja)
# ---------------------------------------------------------------------------------------------------------------

MATRIKS = [
    (R.DI_ATAS, R.DI_BAWAH, P.KURANG),
    (R.DI_ATAS, R.SESUAI, P.BAIK),
    (R.DI_ATAS, R.DI_ATAS, P.SANGAT_BAIK),
    (R.SESUAI, R.DI_BAWAH, P.KURANG),
    (R.SESUAI, R.SESUAI, P.BAIK),
    (R.SESUAI, R.DI_ATAS, P.BAIK),
    (R.DI_BAWAH, R.DI_BAWAH, P.SANGAT_KURANG),
    (R.DI_BAWAH, R.SESUAI, P.BUTUH_PERBAIKAN),
    (R.DI_BAWAH, R.DI_ATAS, P.BUTUH_PERBAIKAN),
]


@pytest.mark.parametrize(("hasil", "perilaku", "expected"), MATRIKS)
def test_it_gives_the_predikat_of_every_cell_of_the_matrix(hasil, perilaku, expected):
    assert predikat(hasil, perilaku) == expected
    # The stored values are the SIASN codes (plain ints): they give the same answer.
    assert predikat(int(hasil), int(perilaku)) == expected


def test_the_matrix_table_covers_all_nine_cells():
    assert {(h, p) for h, p, _ in MATRIKS} == {(h, p) for h in R for p in R}


def test_it_refuses_a_rating_that_is_not_a_siasn_code():
    with pytest.raises(ValueError):
        predikat(4, 1)


# ---------------------------------------------------------------------------------------------------------------
# Rating hasil kerja of the head of a unit
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capaian", "expected"),
    [
        (C.ISTIMEWA, R.DI_ATAS),
        (C.BAIK, R.SESUAI),
        (C.BUTUH_PERBAIKAN, R.DI_BAWAH),
        (C.KURANG, R.DI_BAWAH),
        (C.SANGAT_KURANG, R.DI_BAWAH),
    ],
)
def test_it_gives_the_unit_head_the_rating_of_the_units_capaian(capaian, expected):
    assert rating_hasil_pimpinan(capaian) == expected
    assert rating_hasil_pimpinan(int(capaian)) == expected


# ---------------------------------------------------------------------------------------------------------------
# Kurva distribusi (SE MenPANRB 03/2023): each case names the conditions it must break (a word of each message)
# ---------------------------------------------------------------------------------------------------------------

SB, B, BP, K, SK = P.SANGAT_BAIK, P.BAIK, P.BUTUH_PERBAIKAN, P.KURANG, P.SANGAT_KURANG

SYARAT_SB_70 = "Sangat Baik paling banyak 70 %"
SYARAT_B_70 = "Baik paling banyak 70 %"
SYARAT_ADA_BP_K = "harus ada Butuh Perbaikan dan/atau Kurang/Misconduct"
SYARAT_BP_60 = "Butuh Perbaikan paling sedikit 60 %"
SYARAT_SB_10 = "Sangat Baik paling banyak 10 %"
SYARAT_K_60 = "Kurang/Misconduct paling sedikit 60 %"
SYARAT_BP_10 = "Butuh Perbaikan paling sedikit 10 %"
SYARAT_SK_60 = "Sangat Kurang paling sedikit 60 %"
SYARAT_K_BP_10 = "Kurang/Misconduct dan/atau Butuh Perbaikan paling sedikit 10 %"
SYARAT_TANPA_SB = "tidak boleh ada Sangat Baik"

KURVA = [
    # --- Istimewa: at most 70 % Sangat Baik ---
    ("istimewa 7 of 10 SB", C.ISTIMEWA, {SB: 7, B: 3}, []),
    ("istimewa one SB more (8 of 10)", C.ISTIMEWA, {SB: 8, B: 2}, [SYARAT_SB_70]),
    ("istimewa one SB person added (8 of 11)", C.ISTIMEWA, {SB: 8, B: 3}, [SYARAT_SB_70]),
    ("istimewa the rest anything", C.ISTIMEWA, {SB: 7, BP: 1, K: 1, SK: 1}, []),
    ("istimewa nobody SB", C.ISTIMEWA, {B: 4, SK: 6}, []),
    # --- Baik: at most 70 % Baik, some Butuh Perbaikan and/or Kurang ---
    ("baik 7 of 10 B", C.BAIK, {B: 7, BP: 3}, []),
    ("baik 70 of 100 B", C.BAIK, {B: 70, BP: 20, K: 10}, []),
    ("baik 71 of 100 B", C.BAIK, {B: 71, BP: 29}, [SYARAT_B_70]),
    ("baik one B more (8 of 10)", C.BAIK, {B: 8, K: 2}, [SYARAT_B_70]),
    ("baik only Kurang as the low end", C.BAIK, {B: 7, K: 3}, []),
    ("baik one BP is enough", C.BAIK, {SB: 2, B: 7, BP: 1}, []),
    ("baik no BP nor K", C.BAIK, {B: 7, SB: 3}, [SYARAT_ADA_BP_K]),
    ("baik Sangat Kurang does not count as BP/K", C.BAIK, {B: 7, SB: 2, SK: 1}, [SYARAT_ADA_BP_K]),
    ("baik both broken", C.BAIK, {B: 10}, [SYARAT_B_70, SYARAT_ADA_BP_K]),
    # --- Butuh Perbaikan: at least 60 % BP, at most 10 % SB ---
    ("bp 6 of 10 BP", C.BUTUH_PERBAIKAN, {BP: 6, B: 4}, []),
    ("bp 4 of 7 is 57.14 %, never rounded up", C.BUTUH_PERBAIKAN, {BP: 4, B: 3}, [SYARAT_BP_60]),
    ("bp 5 of 9 BP", C.BUTUH_PERBAIKAN, {BP: 5, B: 4}, [SYARAT_BP_60]),
    ("bp 1 of 10 SB", C.BUTUH_PERBAIKAN, {BP: 6, SB: 1, B: 3}, []),
    ("bp 2 of 10 SB", C.BUTUH_PERBAIKAN, {BP: 6, SB: 2, B: 2}, [SYARAT_SB_10]),
    ("bp 1 of 9 SB is above 10 %", C.BUTUH_PERBAIKAN, {BP: 6, SB: 1, B: 2}, [SYARAT_SB_10]),
    ("bp both broken", C.BUTUH_PERBAIKAN, {BP: 5, SB: 5}, [SYARAT_BP_60, SYARAT_SB_10]),
    # --- Kurang: at least 60 % K, at least 10 % BP, at most 10 % SB ---
    ("kurang exactly 60/10/10", C.KURANG, {K: 6, BP: 1, SB: 1, B: 2}, []),
    ("kurang 5 of 10 K", C.KURANG, {K: 5, BP: 1, SB: 1, B: 3}, [SYARAT_K_60]),
    ("kurang no BP", C.KURANG, {K: 6, SB: 1, B: 3}, [SYARAT_BP_10]),
    ("kurang 1 of 11 BP is below 10 %", C.KURANG, {K: 7, BP: 1, B: 3}, [SYARAT_BP_10]),
    ("kurang 2 of 10 SB", C.KURANG, {K: 6, BP: 2, SB: 2}, [SYARAT_SB_10]),
    ("kurang all broken", C.KURANG, {B: 8, SB: 2}, [SYARAT_K_60, SYARAT_BP_10, SYARAT_SB_10]),
    # --- Sangat Kurang: at least 60 % SK, at least 10 % K and/or BP, no SB ---
    ("sangat kurang exactly 60/10 with K", C.SANGAT_KURANG, {SK: 6, K: 1, B: 3}, []),
    ("sangat kurang exactly 60/10 with BP", C.SANGAT_KURANG, {SK: 6, BP: 1, B: 3}, []),
    ("sangat kurang K and BP together", C.SANGAT_KURANG, {SK: 12, K: 1, BP: 1, B: 6}, []),
    ("sangat kurang 5 of 10 SK", C.SANGAT_KURANG, {SK: 5, K: 2, B: 3}, [SYARAT_SK_60]),
    ("sangat kurang no K nor BP", C.SANGAT_KURANG, {SK: 6, B: 4}, [SYARAT_K_BP_10]),
    ("sangat kurang 1 of 11 K", C.SANGAT_KURANG, {SK: 7, K: 1, B: 3}, [SYARAT_K_BP_10]),
    ("sangat kurang any SB", C.SANGAT_KURANG, {SK: 8, K: 1, SB: 1}, [SYARAT_TANPA_SB]),
    # --- small teams ---
    ("one person SB under istimewa is 100 %", C.ISTIMEWA, {SB: 1}, [SYARAT_SB_70]),
    ("one person Baik under istimewa", C.ISTIMEWA, {B: 1}, []),
    ("one person Baik under baik", C.BAIK, {B: 1}, [SYARAT_B_70, SYARAT_ADA_BP_K]),
    ("one person BP under baik", C.BAIK, {BP: 1}, []),
    ("one person BP under bp", C.BUTUH_PERBAIKAN, {BP: 1}, []),
    ("one person SK under sangat kurang", C.SANGAT_KURANG, {SK: 1}, [SYARAT_K_BP_10]),
    ("two people 1 SB 1 B under istimewa", C.ISTIMEWA, {SB: 1, B: 1}, []),
    ("two people both SB under istimewa", C.ISTIMEWA, {SB: 2}, [SYARAT_SB_70]),
    ("two people 1 B 1 BP under baik", C.BAIK, {B: 1, BP: 1}, []),
    ("two people 1 BP of 2 under bp", C.BUTUH_PERBAIKAN, {BP: 1, B: 1}, [SYARAT_BP_60]),
    ("two people 1 K 1 BP under kurang", C.KURANG, {K: 1, BP: 1}, [SYARAT_K_60]),
    ("three people 2 SB under istimewa", C.ISTIMEWA, {SB: 2, B: 1}, []),
    ("three people all SB under istimewa", C.ISTIMEWA, {SB: 3}, [SYARAT_SB_70]),
    ("three people 2 B 1 K under baik", C.BAIK, {B: 2, K: 1}, []),
    ("three people 2 BP 1 SB under bp", C.BUTUH_PERBAIKAN, {BP: 2, SB: 1}, [SYARAT_SB_10]),
    ("three people 2 K 1 BP under kurang", C.KURANG, {K: 2, BP: 1}, []),
    ("three people 2 SK 1 K under sangat kurang", C.SANGAT_KURANG, {SK: 2, K: 1}, []),
]


@pytest.mark.parametrize(("capaian", "jumlah", "dilanggar"), [k[1:] for k in KURVA], ids=[k[0] for k in KURVA])
def test_it_lists_exactly_the_broken_conditions_of_the_pattern(capaian, jumlah, dilanggar):
    pesan = cek_kurva(capaian, jumlah)
    assert len(pesan) == len(dilanggar)
    for teks, syarat in zip(pesan, dilanggar, strict=True):
        assert syarat in teks


def test_the_message_is_indonesian_and_names_the_capaian_the_condition_and_the_share():
    (pesan,) = cek_kurva(C.BUTUH_PERBAIKAN, {BP: 4, B: 3})
    assert pesan == "Pola kurva Butuh Perbaikan: Butuh Perbaikan paling sedikit 60 %, sekarang 4 dari 7 (57,1 %)."
    (pesan,) = cek_kurva(C.SANGAT_KURANG, {SK: 8, K: 1, SB: 1})
    assert pesan == "Pola kurva Sangat Kurang: tidak boleh ada Sangat Baik, sekarang 1 dari 10 (10 %)."
    (pesan,) = cek_kurva(C.BAIK, {B: 7, SB: 3})
    assert pesan.startswith("Pola kurva Baik: harus ada Butuh Perbaikan dan/atau Kurang/Misconduct")


@pytest.mark.parametrize("capaian", list(C))
def test_nobody_counted_breaks_nothing(capaian):
    assert cek_kurva(capaian, {}) == []
    assert cek_kurva(capaian, dict.fromkeys(P, 0)) == []


def test_int_keys_and_predikat_keys_count_the_same_and_missing_keys_are_zero():
    dengan_predikat = cek_kurva(C.BUTUH_PERBAIKAN, {P.BUTUH_PERBAIKAN: 4, P.BAIK: 3})
    dengan_int = cek_kurva(int(C.BUTUH_PERBAIKAN), {3: 4, 2: 3})
    assert dengan_predikat == dengan_int
    assert len(dengan_int) == 1
    # Only the keys present are counted: 6 BP of 10 holds whatever is left out of the mapping.
    assert cek_kurva(C.BUTUH_PERBAIKAN, {3: 6, 2: 4}) == []


@pytest.mark.parametrize("jumlah", [{P.BAIK: -1}, {2: -1, 3: 5}, {P.SANGAT_BAIK: 3, P.KURANG: -2}])
def test_a_negative_count_is_refused(jumlah):
    with pytest.raises(ValueError):
        cek_kurva(C.ISTIMEWA, jumlah)


# ---------------------------------------------------------------------------------------------------------------
# Angka kredit (PermenPANRB 1/2023): annual AK = persen × koefisien; periodic (bulan/12) × persen × koefisien
# ---------------------------------------------------------------------------------------------------------------

# Worked out by hand from the coefficients (Ahli Pertama 12.5, Ahli Muda 25, Ahli Madya 37.5, Ahli Utama 50,
# Pemula 3.75, Terampil 5, Mahir 12.5, Penyelia 25) and the percentages (150, 100, 75, 50, 25 %). Angka kredit are
# written with three decimals, half up: Pemula 0.75 × 3.75 = 2.8125 → 2.813 and 0.25 × 3.75 = 0.9375 → 0.938.
AK_TAHUNAN = {
    #                    Sangat Baik       Baik              Butuh Perbaikan     Kurang            Sangat Kurang
    Jenjang.AHLI_PERTAMA: ("18.75", "12.5", "9.375", "6.25", "3.125"),
    Jenjang.AHLI_MUDA: ("37.5", "25", "18.75", "12.5", "6.25"),
    Jenjang.AHLI_MADYA: ("56.25", "37.5", "28.125", "18.75", "9.375"),
    Jenjang.AHLI_UTAMA: ("75", "50", "37.5", "25", "12.5"),
    Jenjang.PEMULA: ("5.625", "3.75", "2.813", "1.875", "0.938"),
    Jenjang.TERAMPIL: ("7.5", "5", "3.75", "2.5", "1.25"),
    Jenjang.MAHIR: ("18.75", "12.5", "9.375", "6.25", "3.125"),
    Jenjang.PENYELIA: ("37.5", "25", "18.75", "12.5", "6.25"),
}
PREDIKAT_URUT = (P.SANGAT_BAIK, P.BAIK, P.BUTUH_PERBAIKAN, P.KURANG, P.SANGAT_KURANG)


@pytest.mark.parametrize(
    ("jenjang", "pred", "expected"),
    [(j, p, Decimal(v)) for j, nilai in AK_TAHUNAN.items() for p, v in zip(PREDIKAT_URUT, nilai, strict=True)],
)
def test_it_gives_the_annual_angka_kredit_of_every_jf_jenjang_and_predikat(jenjang, pred, expected):
    assert angka_kredit(pred, jenjang) == expected
    assert angka_kredit(int(pred), str(jenjang), bulan=12) == expected


def test_the_annual_table_covers_every_jf_jenjang():
    assert len(AK_TAHUNAN) == 8


@pytest.mark.parametrize(
    ("pred", "jenjang", "bulan", "expected"),
    [
        # A triwulan: 3/12 of the annual value; 0.25 × 18.75 = 4.6875 → 4.688.
        (P.BAIK, Jenjang.AHLI_MUDA, 3, "6.25"),
        (P.SANGAT_BAIK, Jenjang.AHLI_PERTAMA, 3, "4.688"),
        (P.BUTUH_PERBAIKAN, Jenjang.TERAMPIL, 3, "0.938"),
        (P.SANGAT_KURANG, Jenjang.AHLI_UTAMA, 3, "3.125"),
        # A month: 1/12 is no finite decimal, so the value is rounded to three decimals (half up).
        (P.BAIK, Jenjang.AHLI_PERTAMA, 1, "1.042"),  # 12.5 / 12 = 1.041666…
        (P.SANGAT_BAIK, Jenjang.AHLI_PERTAMA, 1, "1.563"),  # 18.75 / 12 = 1.5625
        (P.BAIK, Jenjang.AHLI_MUDA, 1, "2.083"),  # 25 / 12 = 2.08333…
        (P.BUTUH_PERBAIKAN, Jenjang.PEMULA, 1, "0.234"),  # 2.8125 / 12 = 0.234375
        (P.SANGAT_KURANG, Jenjang.TERAMPIL, 1, "0.104"),  # 1.25 / 12 = 0.1041666…
        # A semester: half the annual value.
        (P.KURANG, Jenjang.AHLI_MADYA, 6, "9.375"),
        # Ten months (a position held part of the year): 10 × 0.25 × 37.5 / 12 = 7.8125 exactly, a half → up.
        (P.SANGAT_KURANG, Jenjang.AHLI_MADYA, 10, "7.813"),
    ],
)
def test_it_gives_the_periodic_angka_kredit_as_a_share_of_the_year(pred, jenjang, bulan, expected):
    assert angka_kredit(pred, jenjang, bulan=bulan) == Decimal(expected)


def test_every_month_count_rounds_the_exact_value_half_up():
    # The exact value bulan × persen × koefisien / 12 as a fraction, rounded by hand: no intermediate rounding may
    # turn a half at the fourth decimal into a truncated …4999.
    persen = {P.SANGAT_BAIK: 150, P.BAIK: 100, P.BUTUH_PERBAIKAN: 75, P.KURANG: 50, P.SANGAT_KURANG: 25}
    for jenjang, nilai in AK_TAHUNAN.items():
        koefisien = Fraction(nilai[1])  # Baik is 100 %: the coefficient itself
        for pred, pct in persen.items():
            for bulan in range(1, 13):
                exact = Fraction(bulan, 12) * Fraction(pct, 100) * koefisien
                ribuan, sisa = divmod(exact * 1000, 1)
                expected = Decimal(int(ribuan) + (sisa >= Fraction(1, 2))) / 1000
                assert angka_kredit(pred, jenjang, bulan=bulan) == expected, (jenjang, pred, bulan)


def test_a_month_is_written_with_three_decimals():
    assert angka_kredit(P.BAIK, Jenjang.AHLI_PERTAMA, bulan=1).as_tuple().exponent == -3


@pytest.mark.parametrize(
    "jenjang",
    [
        Jenjang.PELAKSANA,
        Jenjang.PENGAWAS,
        Jenjang.ADMINISTRATOR,
        Jenjang.JPT_PRATAMA,
        Jenjang.JPT_MADYA,
        Jenjang.JPT_UTAMA,
        "",
    ],
)
def test_a_jenjang_that_is_not_a_jabatan_fungsional_earns_no_angka_kredit(jenjang):
    with pytest.raises(ValueError):
        angka_kredit(P.BAIK, jenjang)


@pytest.mark.parametrize("bulan", [0, 13, -1])
def test_a_month_count_outside_one_to_twelve_is_refused(bulan):
    with pytest.raises(ValueError):
        angka_kredit(P.BAIK, Jenjang.AHLI_MUDA, bulan=bulan)
