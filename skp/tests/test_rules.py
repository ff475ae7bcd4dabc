"""The pure SKP rules as tables (no database)."""

import datetime
from decimal import Decimal

import pytest

from pegawai.choices import JenisJabatan
from skp import rules
from skp.choices import AksiSkp, Aspek, FormatSkp, JenisRhk, Pendekatan, Perspektif, SkpStatus
from skp.rules import IkiRingkas, RhkRingkas, RujukanRhk

D = datetime.date
JPT, JA = FormatSkp.JPT, FormatSkp.JA_JF
KN, KL = Pendekatan.KUANTITATIF, Pendekatan.KUALITATIF
UTAMA, TAMBAHAN = JenisRhk.UTAMA, JenisRhk.TAMBAHAN


@pytest.mark.parametrize(
    ("jenis", "expected"),
    [
        (JenisJabatan.JPT, FormatSkp.JPT),
        (JenisJabatan.ADMINISTRATOR, FormatSkp.JA_JF),
        (JenisJabatan.PENGAWAS, FormatSkp.JA_JF),
        (JenisJabatan.PELAKSANA, FormatSkp.JA_JF),
        (JenisJabatan.FUNGSIONAL, FormatSkp.JA_JF),
    ],
)
def test_it_derives_the_format_from_the_jenis_jabatan(jenis, expected):
    # Outside a unit kerja mandiri; its head: skp/tests/test_unit_mandiri.py.
    assert rules.format_skp(jenis, pimpinan_unit_mandiri=False) == expected


def test_it_covers_every_jenis_jabatan():
    formats = {rules.format_skp(j, pimpinan_unit_mandiri=False) for j in JenisJabatan}
    assert formats == {FormatSkp.JPT, FormatSkp.JA_JF}


def test_it_defaults_the_period_to_the_whole_year():
    assert rules.periode_default(2026) == (D(2026, 1, 1), D(2026, 12, 31))


@pytest.mark.parametrize(
    ("mulai", "selesai", "fields"),
    [
        (D(2026, 1, 1), D(2026, 12, 31), set()),
        (D(2026, 7, 1), D(2026, 7, 1), set()),
        (D(2026, 7, 1), D(2026, 12, 31), set()),
        (D(2025, 12, 31), D(2026, 6, 30), {"tanggal_mulai"}),
        (D(2026, 1, 1), D(2027, 1, 1), {"tanggal_selesai"}),
        (D(2026, 8, 1), D(2026, 7, 31), {"tanggal_selesai"}),
        (D(2025, 1, 1), D(2025, 12, 31), {"tanggal_mulai", "tanggal_selesai"}),
    ],
)
def test_it_keeps_the_period_inside_the_year(mulai, selesai, fields):
    assert set(rules.validasi_periode(2026, mulai, selesai)) == fields


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 7, 1), D(2026, 12, 31)), False),
        ((D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 6, 30), D(2026, 12, 31)), True),
        ((D(2026, 1, 1), D(2026, 12, 31)), (D(2026, 3, 1), D(2026, 3, 31)), True),
        ((D(2026, 3, 1), D(2026, 3, 31)), (D(2026, 1, 1), D(2026, 12, 31)), True),
        ((D(2026, 7, 1), D(2026, 12, 31)), (D(2026, 1, 1), D(2026, 6, 30)), False),
    ],
)
def test_it_detects_overlapping_periods(a, b, expected):
    assert rules.bertumpuk(*a, *b) is expected
    assert rules.bertumpuk(*b, *a) is expected


@pytest.mark.parametrize(
    ("hari_ini", "expected"),
    [
        (D(2026, 5, 5), D(2026, 5, 5)),
        (D(2025, 12, 20), D(2026, 1, 1)),
        (D(2027, 1, 10), D(2026, 12, 31)),
    ],
)
def test_it_clamps_the_reference_day_into_the_period(hari_ini, expected):
    assert rules.tanggal_acuan(D(2026, 1, 1), D(2026, 12, 31), hari_ini) == expected


# Every (action, state) pair: which are allowed and where they lead.
ALLOWED = {
    (AksiSkp.DIAJUKAN, SkpStatus.DRAFT): SkpStatus.DIAJUKAN,
    (AksiSkp.DISETUJUI, SkpStatus.DIAJUKAN): SkpStatus.DISETUJUI,
    (AksiSkp.DIKEMBALIKAN, SkpStatus.DIAJUKAN): SkpStatus.DIKEMBALIKAN,
    (AksiSkp.DIPERBAIKI, SkpStatus.DIKEMBALIKAN): SkpStatus.DRAFT,
    (AksiSkp.PERUBAHAN_DIBUAT, SkpStatus.DISETUJUI): SkpStatus.DRAFT,
}


@pytest.mark.parametrize("aksi", list(rules.TRANSISI))
@pytest.mark.parametrize("status", list(SkpStatus))
def test_it_allows_exactly_the_workflow_transitions(aksi, status):
    pesan = rules.cek_transisi(aksi, status)
    if (aksi, status) in ALLOWED:
        assert pesan is None
        assert rules.status_sesudah(aksi) == ALLOWED[(aksi, status)]
    else:
        assert pesan
        assert "SKP" in pesan


@pytest.mark.parametrize(
    ("aksi", "status", "fragment"),
    [
        (AksiSkp.DIAJUKAN, SkpStatus.DIKEMBALIKAN, "harus diperbaiki dulu"),
        (AksiSkp.DIAJUKAN, SkpStatus.DIAJUKAN, "sudah diajukan"),
        (AksiSkp.DIAJUKAN, SkpStatus.DISETUJUI, "berstatus Disetujui tidak dapat diajukan"),
        (AksiSkp.DISETUJUI, SkpStatus.DRAFT, "berstatus Draf tidak dapat disetujui"),
        (AksiSkp.DIKEMBALIKAN, SkpStatus.DISETUJUI, "berstatus Disetujui tidak dapat dikembalikan"),
        (AksiSkp.DIPERBAIKI, SkpStatus.DIAJUKAN, "berstatus Diajukan tidak dapat diperbaiki"),
        (AksiSkp.PERUBAHAN_DIBUAT, SkpStatus.DRAFT, "hanya dapat dibuat dari SKP yang sudah disetujui"),
    ],
)
def test_it_explains_a_refused_transition_in_indonesian(aksi, status, fragment):
    assert fragment in rules.cek_transisi(aksi, status)


@pytest.mark.parametrize(
    ("status", "boleh"),
    [
        (SkpStatus.DRAFT, True),
        (SkpStatus.DIKEMBALIKAN, True),
        (SkpStatus.DIAJUKAN, False),
        (SkpStatus.DISETUJUI, False),
    ],
)
def test_it_allows_editing_only_a_draft_or_a_returned_skp(status, boleh):
    assert (rules.cek_dapat_diubah(status) is None) is boleh


@pytest.mark.parametrize("status", list(SkpStatus))
@pytest.mark.parametrize("digantikan", [False, True])
@pytest.mark.parametrize("versi_berikut", [None, 3])
def test_it_allows_a_perubahan_only_from_the_current_approved_version(status, digantikan, versi_berikut):
    pesan = rules.cek_perubahan(status, digantikan=digantikan, versi_berikut=versi_berikut)
    if status == SkpStatus.DISETUJUI and not digantikan and versi_berikut is None:
        assert pesan is None
    elif status != SkpStatus.DISETUJUI:
        assert "hanya dapat dibuat dari SKP yang sudah disetujui" in pesan
    elif digantikan:
        assert "sudah digantikan" in pesan
    else:
        assert "Perubahan SKP (versi 3) sudah dibuat" in pesan


@pytest.mark.parametrize(
    ("format", "jenis", "wajib"),
    [
        (FormatSkp.JA_JF, JenisRhk.UTAMA, True),
        (FormatSkp.JA_JF, JenisRhk.TAMBAHAN, False),
        (FormatSkp.JPT, JenisRhk.UTAMA, False),
        (FormatSkp.JPT, JenisRhk.TAMBAHAN, False),
    ],
)
def test_only_an_rhk_utama_of_ja_jf_must_intervene(format, jenis, wajib):
    assert rules.intervensi_wajib(format, jenis) is wajib
    errors = rules.validasi_rhk(
        format=format, jenis=jenis, teks="Hasil", ada_intervensi=False, perspektif="", ada_acuan=True
    )
    assert ("intervensi" in errors) is wajib


def test_it_points_an_approved_skp_to_perubahan():
    assert "perubahan SKP" in rules.cek_dapat_diubah(SkpStatus.DISETUJUI)


@pytest.mark.parametrize(
    ("status", "boleh"),
    [
        (SkpStatus.DRAFT, True),
        (SkpStatus.DIAJUKAN, True),
        (SkpStatus.DIKEMBALIKAN, False),
        (SkpStatus.DISETUJUI, False),
    ],
)
def test_it_lets_the_atasan_set_expectations_while_draft_or_submitted(status, boleh):
    assert (rules.cek_ekspektasi(status) is None) is boleh


def rhk(**kw):
    base = {
        "format": JA,
        "jenis": UTAMA,
        "teks": "Tersusunnya laporan",
        "ada_intervensi": True,
        "perspektif": "",
        "ada_acuan": False,
    }
    base.update(kw)
    return set(rules.validasi_rhk(**base))


@pytest.mark.parametrize(
    ("kwargs", "fields"),
    [
        ({}, set()),
        ({"teks": ""}, {"teks"}),
        ({"teks": "   \n "}, {"teks"}),
        ({"ada_intervensi": False}, {"intervensi"}),
        ({"jenis": TAMBAHAN, "ada_intervensi": False}, set()),
        ({"perspektif": Perspektif.ANGGARAN}, {"perspektif"}),
        ({"jenis": "lainnya"}, {"jenis"}),
        ({"format": JPT, "ada_intervensi": False, "perspektif": Perspektif.ANGGARAN, "ada_acuan": True}, set()),
        ({"format": JPT, "ada_intervensi": True, "perspektif": Perspektif.PROSES_BISNIS}, set()),
        ({"format": JPT, "ada_intervensi": False, "ada_acuan": True}, {"perspektif"}),
        ({"format": JPT, "ada_intervensi": False, "perspektif": Perspektif.ANGGARAN}, {"acuan"}),
        ({"format": JPT, "jenis": TAMBAHAN, "ada_intervensi": False, "perspektif": Perspektif.ANGGARAN}, set()),
        ({"format": JPT, "jenis": TAMBAHAN, "ada_intervensi": False}, {"perspektif"}),
        ({"format": JPT, "perspektif": "visi", "ada_acuan": True}, {"perspektif"}),
    ],
)
def test_it_validates_an_rhk(kwargs, fields):
    assert rhk(**kwargs) == fields


def test_it_says_why_an_rhk_is_refused_in_indonesian():
    errors = rules.validasi_rhk(format=JA, jenis=UTAMA, teks="", ada_intervensi=False, perspektif="", ada_acuan=False)
    assert errors["teks"] == "Rencana hasil kerja wajib diisi."
    assert "wajib mengintervensi" in errors["intervensi"]
    errors = rules.validasi_rhk(format=JPT, jenis=UTAMA, teks="x", ada_intervensi=False, perspektif="", ada_acuan=False)
    assert "Perspektif wajib dipilih" in errors["perspektif"]


def iki(**kw):
    base = {
        "format": JA,
        "pendekatan": KN,
        "teks": "Jumlah laporan",
        "aspek": Aspek.KUANTITAS,
        "target_min": Decimal(12),
        "target_max": None,
        "satuan": "laporan",
        "ukuran_keberhasilan": "",
    }
    base.update(kw)
    return rules.validasi_iki(**base)


@pytest.mark.parametrize(
    ("kwargs", "fields"),
    [
        ({}, set()),
        ({"target_max": Decimal(12)}, set()),
        ({"target_min": Decimal(90), "target_max": Decimal(100), "satuan": "%"}, set()),
        ({"target_min": Decimal(0)}, set()),
        ({"target_min": Decimal("12.5")}, set()),
        ({"teks": " "}, {"teks"}),
        ({"target_min": Decimal(101), "target_max": Decimal(100)}, {"target_max"}),
        ({"target_min": Decimal(-1)}, {"target_min"}),
        ({"target_min": Decimal(1), "target_max": Decimal(-1)}, {"target_max"}),
        ({"target_min": None}, {"target_min"}),
        ({"target_min": None, "target_max": Decimal(5)}, {"target_min"}),
        ({"target_min": Decimal("1.005")}, {"target_min"}),
        ({"target_min": Decimal("1e20")}, {"target_min"}),
        ({"target_min": Decimal("NaN")}, {"target_min"}),
        ({"satuan": ""}, {"satuan"}),
        ({"satuan": "  "}, {"satuan"}),
        ({"aspek": ""}, {"aspek"}),
        ({"aspek": "mutu"}, {"aspek"}),
        ({"format": JPT, "aspek": ""}, set()),
        # Kualitatif: the narrative is required, numbers are optional.
        ({"pendekatan": KL, "ukuran_keberhasilan": "Laporan diterima tanpa revisi"}, set()),
        (
            {"pendekatan": KL, "target_min": None, "satuan": "", "aspek": "", "ukuran_keberhasilan": "Tepat waktu"},
            set(),
        ),
        ({"pendekatan": KL, "ukuran_keberhasilan": ""}, {"ukuran_keberhasilan"}),
        (
            {"pendekatan": KL, "ukuran_keberhasilan": "x", "target_min": Decimal(5), "target_max": Decimal(1)},
            {"target_max"},
        ),
    ],
)
def test_it_validates_an_iki(kwargs, fields):
    assert set(iki(**kwargs)) == fields


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"target_min": Decimal(-3)}, "target_min", "Target tidak boleh negatif."),
        (
            {"target_min": Decimal(5), "target_max": Decimal(2)},
            "target_max",
            "Target minimum tidak boleh lebih besar dari target maksimum.",
        ),
        ({"satuan": ""}, "satuan", "Satuan target wajib diisi"),
        ({"pendekatan": KL}, "ukuran_keberhasilan", "Ukuran keberhasilan wajib diisi"),
    ],
)
def test_it_says_why_an_iki_is_refused_in_indonesian(kwargs, field, message):
    assert iki(**kwargs)[field].startswith(message)


TARGET = RujukanRhk(rhk_id=10, skp_id=100, pemilik_id=7, tahun=2026, status=SkpStatus.DISETUJUI, digantikan=False)


def intervensi(target=TARGET, **kw):
    base = {"rhk_id": 1, "target": target, "atasan_id": 7, "tahun": 2026, "skp_atasan_id": 100}
    base.update(kw)
    return rules.validasi_intervensi(**base)


def ganti(**kw):
    data = {**TARGET.__dict__, **kw}
    return RujukanRhk(**data)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({}, None),
        ({"rhk_id": None}, None),
        ({"rhk_id": 10}, "dirinya sendiri"),
        ({"atasan_id": None}, "Atasan langsung belum tercatat"),
        ({"atasan_id": 8}, "bukan milik atasan langsung"),
        ({"target": ganti(pemilik_id=9)}, "bukan milik atasan langsung"),
        ({"target": ganti(tahun=2025, skp_id=90)}, "SKP tahun 2025, bukan tahun 2026"),
        ({"target": ganti(status=SkpStatus.DRAFT, skp_id=101)}, "belum disetujui"),
        ({"target": ganti(status=SkpStatus.DIAJUKAN, skp_id=101)}, "belum disetujui"),
        ({"target": ganti(digantikan=True, skp_id=99)}, "sudah diganti"),
        ({"skp_atasan_id": None}, "bukan dari SKP atasan yang berlaku"),
        ({"target": ganti(skp_id=102)}, "bukan dari SKP atasan yang berlaku"),
    ],
)
def test_it_validates_which_rhk_may_be_intervened(kwargs, fragment):
    pesan = intervensi(**kwargs)
    if fragment is None:
        assert pesan is None
    else:
        assert fragment in pesan


@pytest.mark.parametrize(
    ("rhk_id", "target", "induk", "expected"),
    [
        (None, 5, {5: None}, False),
        (1, 1, {}, True),
        (1, 5, {5: None}, False),
        (1, 5, {5: 6, 6: None}, False),
        (1, 5, {5: 1}, True),
        (1, 5, {5: 6, 6: 7, 7: 1}, True),
        (1, 5, {5: 6, 6: 5}, True),  # an existing loop above the target
        (1, 5, {}, False),
    ],
)
def test_it_detects_an_intervention_loop(rhk_id, target, induk, expected):
    assert rules.membentuk_lingkaran(rhk_id, target, induk) is expected


IKI_OK = IkiRingkas(teks="Jumlah laporan", aspek=Aspek.KUANTITAS, target_min=Decimal(12), satuan="laporan")


def test_it_accepts_a_complete_skp_for_submission():
    assert rules.validasi_pengajuan(JA, KN, [RhkRingkas(UTAMA, 1, "Laporan", True, iki=[IKI_OK])]) == []


def test_it_refuses_submission_without_an_utama_rhk():
    pesan = rules.validasi_pengajuan(JA, KN, [RhkRingkas(TAMBAHAN, 1, "Tugas tambahan", iki=[IKI_OK])])
    assert pesan == ["SKP belum memiliki RHK utama."]
    assert rules.validasi_pengajuan(JA, KN, []) == ["SKP belum memiliki RHK utama."]


def test_it_lists_every_problem_of_an_incomplete_skp():
    pesan = rules.validasi_pengajuan(
        JA,
        KN,
        [
            RhkRingkas(UTAMA, 1, "Laporan", True, iki=[IKI_OK]),
            RhkRingkas(UTAMA, 2, "Data", True),
            RhkRingkas(UTAMA, 3, "Arsip", False, iki=[IKI_OK, IkiRingkas(teks="Ketepatan", aspek=Aspek.WAKTU)]),
        ],
    )
    assert pesan == [
        "RHK utama nomor 2 belum memiliki indikator kinerja individu.",
        "RHK utama nomor 3: RHK utama wajib mengintervensi salah satu RHK atasan langsung.",
        "RHK utama nomor 3, IKI nomor 2: Target wajib diisi pada pendekatan kuantitatif.",
        "RHK utama nomor 3, IKI nomor 2: Satuan target wajib diisi pada pendekatan kuantitatif (misalnya laporan, "
        "%, bulan).",
    ]


@pytest.mark.parametrize(
    ("teks", "expected"),
    [
        ("Tersusunnya Laporan  Keuangan", "tersusunnya laporan keuangan"),
        ("  tersusunnya\tlaporan\nkeuangan ", "tersusunnya laporan keuangan"),
        ("", ""),
        (None, ""),
    ],
)
def test_it_normalises_case_and_whitespace(teks, expected):
    assert rules.normalisasi_teks(teks) == expected


@pytest.mark.parametrize(
    ("teks", "expected"),
    [
        ("Meningkatnya Kualitas  Layanan", 2),
        ("meningkatnya kualitas layanan", 2),
        ("Meningkatnya kualitas layanan publik", None),
        ("", None),
        ("Tersusunnya laporan", 1),
    ],
)
def test_it_matches_last_years_rhk_by_normalised_text(teks, expected):
    kandidat = [(1, "Tersusunnya laporan"), (2, "Meningkatnya kualitas layanan"), (3, "meningkatnya KUALITAS layanan")]
    assert rules.pilih_rhk_cocok(teks, kandidat) == expected


def test_it_names_an_unknown_perspektif_as_unknown_not_missing():
    errors = rules.validasi_rhk(
        format=JPT, jenis=UTAMA, teks="x", ada_intervensi=False, perspektif="visi", ada_acuan=True
    )
    assert errors == {"perspektif": "Perspektif tidak dikenal."}


# ---------------------------------------------------------------------------------------------------------------
# Deadline
# ---------------------------------------------------------------------------------------------------------------

ATUR = {"tanggal_januari": 31, "hari_tmt": 30}


@pytest.mark.parametrize(
    ("mulai", "atur", "expected"),
    [
        # The annual SKP: the January deadline.
        (D(2026, 1, 1), ATUR, D(2026, 1, 31)),
        (D(2026, 1, 1), {"tanggal_januari": 15, "hari_tmt": 30}, D(2026, 1, 15)),
        # A later start (a new TMT jabatan, a Plt): start + N days…
        (D(2026, 7, 1), ATUR, D(2026, 7, 31)),
        (D(2026, 3, 15), {"tanggal_januari": 31, "hari_tmt": 14}, D(2026, 3, 29)),
        (D(2026, 1, 2), ATUR, D(2026, 2, 1)),
        # …never before the January deadline.
        (D(2026, 1, 2), {"tanggal_januari": 31, "hari_tmt": 10}, D(2026, 1, 31)),
        (D(2026, 1, 20), {"tanggal_januari": 31, "hari_tmt": 10}, D(2026, 1, 31)),
        (D(2026, 1, 22), {"tanggal_januari": 31, "hari_tmt": 10}, D(2026, 2, 1)),
        # A period starting late in December is set early next year.
        (D(2026, 12, 15), ATUR, D(2027, 1, 14)),
        (D(2026, 5, 1), {"tanggal_januari": 31, "hari_tmt": 0}, D(2026, 5, 1)),
    ],
)
def test_it_gives_the_deadline_of_an_skp_period(mulai, atur, expected):
    assert rules.tenggat_skp(mulai, **atur) == expected


@pytest.mark.parametrize(
    ("hari_ini", "atur", "expected"),
    [
        (D(2026, 1, 31), ATUR, None),  # the deadline day itself is still on time
        (D(2026, 2, 1), ATUR, D(2026, 1, 1)),
        (D(2026, 3, 3), ATUR, D(2026, 1, 31)),  # 31 January + 30 days = 2 March, over; 1 February: due today
        (D(2026, 7, 31), ATUR, D(2026, 6, 30)),
        (D(2027, 3, 1), ATUR, D(2026, 12, 31)),
        (D(2025, 6, 1), ATUR, None),  # a future year
        (D(2026, 1, 16), {"tanggal_januari": 15, "hari_tmt": 30}, D(2026, 1, 1)),
    ],
)
def test_it_gives_the_latest_start_already_past_its_deadline(hari_ini, atur, expected):
    assert rules.mulai_terakhir_terlambat(2026, hari_ini, **atur) == expected


@pytest.mark.parametrize(
    "atur",
    [
        ATUR,
        {"tanggal_januari": 10, "hari_tmt": 30},
        {"tanggal_januari": 31, "hari_tmt": 5},
        {"tanggal_januari": 1, "hari_tmt": 0},
    ],
)
def test_the_cut_off_start_separates_exactly_the_late_periods(atur):
    """What the queries of many SKP rely on: a start is past its deadline exactly when it is at most the cut-off."""
    tahun = 2026
    mulai = [D(tahun, 1, 1) + datetime.timedelta(days=i) for i in range(365)]
    for hari_ini in [D(tahun, 1, 1) + datetime.timedelta(days=i) for i in range(0, 400, 3)]:
        batas = rules.mulai_terakhir_terlambat(tahun, hari_ini, **atur)
        for m in mulai:
            lewat = rules.tenggat_skp(m, **atur) < hari_ini
            assert lewat == (batas is not None and m <= batas), (hari_ini, m)


@pytest.mark.parametrize(
    ("status", "versi", "expected"),
    [
        (SkpStatus.DISETUJUI, 1, True),
        (SkpStatus.DRAFT, 1, False),
        (SkpStatus.DIAJUKAN, 1, False),
        (SkpStatus.DIKEMBALIKAN, 1, False),
        # A perubahan is made only from an approved version: the SKP stays set while it is drafted.
        (SkpStatus.DRAFT, 2, True),
        (SkpStatus.DIAJUKAN, 3, True),
    ],
)
def test_an_skp_is_set_once_a_version_is_approved(status, versi, expected):
    assert rules.ditetapkan(status, versi) is expected


@pytest.mark.parametrize(
    ("hari_ini", "sudah", "expected"),
    [
        (D(2026, 1, 31), False, False),
        (D(2026, 2, 1), False, True),
        (D(2026, 2, 1), True, False),
    ],
)
def test_it_is_late_only_after_the_deadline_day_and_only_while_not_set(hari_ini, sudah, expected):
    assert rules.terlambat(D(2026, 1, 31), hari_ini, sudah_ditetapkan=sudah) is expected


@pytest.mark.parametrize(
    ("tmt", "expected"),
    [
        (None, D(2026, 1, 1)),
        (D(2019, 5, 1), D(2026, 1, 1)),
        (D(2026, 1, 1), D(2026, 1, 1)),
        (D(2026, 7, 1), D(2026, 7, 1)),
        (D(2027, 2, 1), D(2026, 1, 1)),
    ],
)
def test_the_skp_of_a_position_starts_at_its_tmt_within_the_year(tmt, expected):
    assert rules.mulai_periode_jabatan(2026, tmt) == expected


# ---------------------------------------------------------------------------------------------------------------
# Drafting before the atasan's SKP is approved
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "fields"),
    [
        ({"ada_intervensi": False, "skp_atasan_disetujui": False}, set()),
        ({"ada_intervensi": False, "skp_atasan_disetujui": True}, {"intervensi"}),
        ({"teks": "", "ada_intervensi": False, "skp_atasan_disetujui": False}, {"teks"}),
        # Only the intervention waits: a JPT's reference is asked as before.
        (
            {"format": JPT, "ada_intervensi": False, "perspektif": Perspektif.ANGGARAN, "skp_atasan_disetujui": False},
            {"acuan"},
        ),
    ],
)
def test_an_rhk_utama_waits_for_its_intervention_while_the_atasans_skp_is_not_approved(kwargs, fields):
    assert rhk(**kwargs) == fields


def test_submission_waits_for_the_atasans_skp_and_lists_what_is_missing():
    isi = [RhkRingkas(UTAMA, 1, "Laporan", False, iki=[IKI_OK]), RhkRingkas(UTAMA, 2, "Data", True, iki=[IKI_OK])]
    pesan = rules.validasi_pengajuan(JA, KN, isi, skp_atasan_disetujui=False, pesan_atasan="SKP atasan masih draf.")
    assert pesan == [
        "SKP atasan masih draf.",
        "RHK utama nomor 1: RHK utama wajib mengintervensi salah satu RHK atasan langsung.",
    ]
    assert rules.validasi_pengajuan(JA, KN, isi[1:], skp_atasan_disetujui=False) == [
        "SKP atasan langsung belum disetujui. SKP Anda dapat diajukan setelah SKP atasan disetujui."
    ]
    assert rules.validasi_pengajuan(JA, KN, isi[1:]) == []
    # A JPT cascades by reference, not from an atasan's SKP.
    jpt = [
        RhkRingkas(
            UTAMA,
            1,
            "Laporan",
            False,
            Perspektif.ANGGARAN,
            True,
            iki=[IkiRingkas(teks="Indeks", target_min=Decimal(1), satuan="indeks")],
        )
    ]
    assert rules.validasi_pengajuan(JPT, KN, jpt, skp_atasan_disetujui=False) == []
