# The seven BerAKHLAK core values and their three official behaviour guides (SE MenPANRB 20/2021, used by the
# Perilaku Kerja section of the SKP in PermenPANRB 6/2022). Texts exactly as in docs/ATURAN.md.

from django.db import migrations

BERAKHLAK = [
    (
        "berorientasi-pelayanan",
        "Berorientasi Pelayanan",
        [
            "memahami dan memenuhi kebutuhan masyarakat",
            "ramah, cekatan, solutif, dan dapat diandalkan",
            "melakukan perbaikan tiada henti",
        ],
    ),
    (
        "akuntabel",
        "Akuntabel",
        [
            "melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
            "menggunakan kekayaan dan BMN secara bertanggung jawab, efektif, dan efisien",
            "tidak menyalahgunakan kewenangan jabatan",
        ],
    ),
    (
        "kompeten",
        "Kompeten",
        [
            "meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "membantu orang lain belajar",
            "melaksanakan tugas dengan kualitas terbaik",
        ],
    ),
    (
        "harmonis",
        "Harmonis",
        [
            "menghargai setiap orang apapun latar belakangnya",
            "suka menolong orang lain",
            "membangun lingkungan kerja yang kondusif",
        ],
    ),
    (
        "loyal",
        "Loyal",
        [
            "memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah",
            "menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
            "menjaga rahasia jabatan dan negara",
        ],
    ),
    (
        "adaptif",
        "Adaptif",
        [
            "cepat menyesuaikan diri menghadapi perubahan",
            "terus berinovasi dan mengembangkan kreativitas",
            "bertindak proaktif",
        ],
    ),
    (
        "kolaboratif",
        "Kolaboratif",
        [
            "memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
        ],
    ),
]


def isi(apps, schema_editor):
    PerilakuKerja = apps.get_model("skp", "PerilakuKerja")
    for urutan, (kode, nama, panduan) in enumerate(BERAKHLAK, start=1):
        PerilakuKerja.objects.update_or_create(kode=kode, defaults={"urutan": urutan, "nama": nama, "panduan": panduan})


def kosongkan(apps, schema_editor):
    PerilakuKerja = apps.get_model("skp", "PerilakuKerja")
    PerilakuKerja.objects.filter(kode__in=[kode for kode, _nama, _panduan in BERAKHLAK]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("skp", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(isi, kosongkan),
    ]
