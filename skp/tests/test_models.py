"""Reference data and the database's own guarantees."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from skp.models import IndikatorKinerjaIndividu, PerilakuKerja, RencanaHasilKerja

from .factories import IkiFactory, RhkFactory

pytestmark = pytest.mark.django_db

# docs/ATURAN.md (SE MenPANRB 20/2021): the seven BerAKHLAK values and their three guides, word for word.
BERAKHLAK = [
    (
        "Berorientasi Pelayanan",
        [
            "memahami dan memenuhi kebutuhan masyarakat",
            "ramah, cekatan, solutif, dan dapat diandalkan",
            "melakukan perbaikan tiada henti",
        ],
    ),
    (
        "Akuntabel",
        [
            "melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
            "menggunakan kekayaan dan BMN secara bertanggung jawab, efektif, dan efisien",
            "tidak menyalahgunakan kewenangan jabatan",
        ],
    ),
    (
        "Kompeten",
        [
            "meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "membantu orang lain belajar",
            "melaksanakan tugas dengan kualitas terbaik",
        ],
    ),
    (
        "Harmonis",
        [
            "menghargai setiap orang apapun latar belakangnya",
            "suka menolong orang lain",
            "membangun lingkungan kerja yang kondusif",
        ],
    ),
    (
        "Loyal",
        [
            "memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah",
            "menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
            "menjaga rahasia jabatan dan negara",
        ],
    ),
    (
        "Adaptif",
        [
            "cepat menyesuaikan diri menghadapi perubahan",
            "terus berinovasi dan mengembangkan kreativitas",
            "bertindak proaktif",
        ],
    ),
    (
        "Kolaboratif",
        [
            "memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
        ],
    ),
]


def test_the_migration_seeds_the_seven_berakhlak_values_with_their_guides():
    assert [(p.urutan, p.nama, p.panduan) for p in PerilakuKerja.objects.all()] == [
        (nomor, nama, panduan) for nomor, (nama, panduan) in enumerate(BERAKHLAK, start=1)
    ]


def test_an_rhk_cannot_intervene_itself_in_the_database(org):
    rhk = RhkFactory(skp__pegawai=org.staf)
    with pytest.raises(IntegrityError, match="rhk_tidak_intervensi_diri"), transaction.atomic():
        RencanaHasilKerja.objects.filter(pk=rhk.pk).update(intervensi=rhk)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"target_min": Decimal(-1)}, "iki_target_tidak_negatif"),
        ({"target_min": None, "target_max": Decimal(-1)}, "iki_target_tidak_negatif"),
        ({"target_min": Decimal(5), "target_max": Decimal(4)}, "iki_target_min_maks"),
    ],
)
def test_the_database_refuses_impossible_targets(org, fields, constraint):
    rhk = RhkFactory(skp__pegawai=org.staf)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        IkiFactory(rhk=rhk, **fields)


def test_ordering_numbers_are_unique_per_section_at_commit(org):
    rhk = RhkFactory(skp__pegawai=org.staf, urutan=1)
    with pytest.raises(IntegrityError, match="rhk_urutan_unik"), transaction.atomic():
        RhkFactory(skp=rhk.skp, urutan=1)
        # Deferred so that renumbering may pass through duplicates; the test transaction never commits, so the
        # check is forced here.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.mark.parametrize(
    ("target_min", "target_max", "satuan", "expected"),
    [
        (Decimal("12.00"), None, "laporan", "12 laporan"),
        (Decimal("12.00"), Decimal("12.00"), "laporan", "12 laporan"),
        (Decimal("90"), Decimal("100"), "%", "90–100 %"),
        (Decimal("12.50"), None, "dokumen", "12,5 dokumen"),
        (Decimal("1500000"), None, "rupiah", "1.500.000 rupiah"),
        (None, None, "", ""),
    ],
)
def test_it_prints_the_target_in_indonesian_format(target_min, target_max, satuan, expected):
    iki = IndikatorKinerjaIndividu(target_min=target_min, target_max=target_max, satuan=satuan)
    with translation.override("id"):
        assert iki.target_tercetak == expected
