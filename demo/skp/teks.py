"""Texts of the demo SKP. RHK are results ("Meningkatnya…", "Tersedianya…"), IKI measure them; ``{unit}`` is the
pegawai's unit. A JA/JF template is (RHK, output counted, satuan, target range, kualitas indicator)."""

from __future__ import annotations

from skp.choices import JenisLampiran, Perspektif

SEKDA_RHK = (
    (
        "Meningkatnya kualitas tata kelola pemerintahan daerah",
        Perspektif.PENGUATAN_INTERNAL,
        (
            ("Nilai evaluasi SAKIP Pemerintah Daerah", (78, 82), "nilai"),
            ("Indeks Reformasi Birokrasi", (72, 78), "nilai"),
        ),
    ),
    (
        "Meningkatnya kualitas pelayanan publik",
        Perspektif.PENERIMA_LAYANAN,
        (("Indeks kepuasan masyarakat atas pelayanan publik", (82, 88), "indeks"),),
    ),
    (
        "Meningkatnya efektivitas koordinasi penyelenggaraan pemerintahan daerah",
        Perspektif.PROSES_BISNIS,
        (("Persentase rekomendasi kebijakan yang ditindaklanjuti perangkat daerah", (85, 95), "%"),),
    ),
    (
        "Terwujudnya pengelolaan keuangan daerah yang akuntabel",
        Perspektif.ANGGARAN,
        (("Persentase rekomendasi hasil pemeriksaan BPK yang ditindaklanjuti", (90, 100), "%"),),
    ),
)
JPT_RHK = (
    (
        "Meningkatnya kualitas penyelenggaraan urusan {urusan}",
        Perspektif.PENERIMA_LAYANAN,
        (
            ("Indeks kepuasan masyarakat atas layanan {singkatan}", (80, 88), "indeks"),
            ("Persentase capaian sasaran strategis Renstra {singkatan}", (90, 100), "%"),
        ),
    ),
    (
        "Meningkatnya efektivitas proses bisnis dan pelayanan {singkatan}",
        Perspektif.PROSES_BISNIS,
        (("Persentase layanan yang diselesaikan sesuai standar pelayanan", (90, 100), "%"),),
    ),
    (
        "Meningkatnya akuntabilitas kinerja dan keuangan {singkatan}",
        Perspektif.ANGGARAN,
        (("Nilai SAKIP perangkat daerah", (70, 82), "nilai"), ("Persentase realisasi anggaran", (90, 98), "%")),
    ),
    (
        "Meningkatnya kapasitas sumber daya aparatur {singkatan}",
        Perspektif.PENGUATAN_INTERNAL,
        (("Indeks profesionalitas ASN perangkat daerah", (70, 85), "indeks"),),
    ),
)
ADMINISTRATOR_RHK = (
    (
        "Terlaksananya program dan kegiatan {unit} sesuai rencana kerja",
        "laporan capaian program",
        "laporan",
        (4, 12),
        "Persentase capaian target program {unit}",
    ),
    (
        "Meningkatnya kualitas layanan yang diselenggarakan {unit}",
        "jenis layanan yang memenuhi standar pelayanan",
        "layanan",
        (4, 12),
        "Persentase layanan {unit} yang diselesaikan sesuai standar",
    ),
    (
        "Tersusunnya dokumen perencanaan dan evaluasi kinerja {unit}",
        "dokumen perencanaan dan evaluasi",
        "dokumen",
        (3, 6),
        "Persentase dokumen yang diterima pimpinan tanpa revisi",
    ),
    (
        "Terkendalinya pelaksanaan anggaran kegiatan {unit}",
        "laporan realisasi anggaran",
        "laporan",
        (12, 12),
        "Persentase realisasi anggaran {unit}",
    ),
)
PENGAWAS_RHK = (
    (
        "Terlaksananya kegiatan {unit} sesuai rencana kerja",
        "laporan pelaksanaan kegiatan",
        "laporan",
        (4, 12),
        "Persentase kegiatan yang terlaksana sesuai jadwal",
    ),
    (
        "Tersedianya data dan informasi {unit} yang akurat dan mutakhir",
        "dokumen data dan informasi",
        "dokumen",
        (4, 12),
        "Persentase data yang dimutakhirkan tepat waktu",
    ),
    (
        "Meningkatnya kualitas pelayanan teknis pada {unit}",
        "permohonan layanan yang diselesaikan",
        "permohonan",
        (60, 300),
        "Persentase permohonan yang diselesaikan sesuai standar waktu",
    ),
    (
        "Terselesaikannya tindak lanjut pengaduan masyarakat pada {unit}",
        "pengaduan yang ditindaklanjuti",
        "pengaduan",
        (10, 60),
        "Persentase pengaduan yang selesai ditindaklanjuti",
    ),
)
PELAKSANA_RHK = (
    (
        "Terlaksananya pengelolaan administrasi persuratan dan kearsipan {unit}",
        "naskah dinas yang diproses",
        "naskah",
        (120, 600),
        "Persentase naskah dinas yang diproses tanpa kesalahan",
    ),
    (
        "Tersedianya bahan dan data dukung kegiatan {unit}",
        "bahan dan data dukung yang disiapkan",
        "dokumen",
        (12, 48),
        "Persentase bahan yang diterima atasan tanpa perbaikan",
    ),
    (
        "Terlaksananya pelayanan operasional kepada masyarakat pada {unit}",
        "layanan yang diberikan",
        "layanan",
        (200, 1200),
        "Persentase layanan yang diberikan sesuai standar operasional prosedur",
    ),
    (
        "Tersusunnya laporan pelaksanaan kegiatan {unit}",
        "laporan kegiatan",
        "laporan",
        (12, 24),
        "Persentase laporan yang disampaikan lengkap",
    ),
    (
        "Terkelolanya barang milik daerah dan persediaan {unit}",
        "laporan inventarisasi barang",
        "laporan",
        (4, 12),
        "Persentase barang yang tercatat sesuai kondisi",
    ),
)
GURU_RHK = (
    (
        "Terlaksananya pembelajaran yang berkualitas di {unit}",
        "perangkat pembelajaran yang disusun",
        "dokumen",
        (20, 40),
        "Persentase peserta didik yang mencapai kriteria ketercapaian tujuan pembelajaran",
    ),
    (
        "Terlaksananya asesmen dan pelaporan hasil belajar peserta didik di {unit}",
        "laporan hasil belajar",
        "laporan",
        (2, 4),
        "Persentase rapor yang diselesaikan sesuai kalender pendidikan",
    ),
    (
        "Terlaksananya pembinaan karakter dan kegiatan kokurikuler di {unit}",
        "kegiatan pembinaan",
        "kegiatan",
        (8, 24),
        "Persentase peserta didik yang mengikuti kegiatan pembinaan",
    ),
)
KESEHATAN_RHK = (
    (
        "Terlaksananya pelayanan kesehatan kepada masyarakat di {unit}",
        "pasien yang dilayani",
        "pasien",
        (400, 2400),
        "Persentase pelayanan yang sesuai standar pelayanan minimal",
    ),
    (
        "Terlaksananya upaya kesehatan masyarakat di wilayah kerja {unit}",
        "kegiatan upaya kesehatan masyarakat",
        "kegiatan",
        (24, 96),
        "Persentase sasaran program yang terjangkau",
    ),
    (
        "Tersedianya pencatatan dan pelaporan pelayanan kesehatan {unit}",
        "laporan pelayanan kesehatan",
        "laporan",
        (12, 12),
        "Persentase laporan yang lengkap dan valid",
    ),
)
FUNGSIONAL_RHK = (
    (
        "Tersusunnya hasil kerja {jabatan} yang mendukung {unit}",
        "hasil kerja jabatan fungsional",
        "dokumen",
        (6, 24),
        "Persentase hasil kerja yang diterima pimpinan tanpa revisi",
    ),
    (
        "Terlaksananya kegiatan teknis {jabatan} sesuai standar kompetensi",
        "kegiatan teknis yang diselesaikan",
        "kegiatan",
        (12, 48),
        "Persentase kegiatan yang memenuhi standar kualitas",
    ),
    (
        "Tersedianya rekomendasi dan kajian teknis bagi {unit}",
        "rekomendasi dan kajian",
        "dokumen",
        (2, 8),
        "Persentase rekomendasi yang ditindaklanjuti",
    ),
)
KATA_KESEHATAN = ("Perawat", "Bidan", "Dokter", "Nutrisionis", "Sanitarian", "Apoteker", "Pranata Laboratorium")
KATA_KESEHATAN += ("Epidemiolog", "Penyuluh Kesehatan", "Administrator Kesehatan", "Tenaga Sanitasi", "Terapis")

TAMBAHAN = (
    ("Menjadi anggota tim penyusun laporan kinerja perangkat daerah", "Jumlah laporan tim yang diselesaikan", 4),
    ("Melaksanakan tugas sebagai pengelola data kepegawaian unit kerja", "Jumlah pemutakhiran data kepegawaian", 12),
    ("Menjadi narasumber kegiatan peningkatan kompetensi pegawai", "Jumlah kegiatan sebagai narasumber", 2),
    ("Menjadi anggota tim pengadaan barang dan jasa", "Jumlah paket pengadaan yang didampingi", 3),
    (
        "Melaksanakan tugas sebagai pejabat pengelola informasi dan dokumentasi pembantu",
        "Jumlah permohonan informasi yang dilayani",
        10,
    ),
    ("Menjadi anggota tim pembangunan zona integritas", "Jumlah kegiatan tim yang diikuti", 6),
)
SATUAN_TAMBAHAN = "kegiatan"

LAMPIRAN = {
    JenisLampiran.DUKUNGAN_SUMBER_DAYA: (
        "Anggaran kegiatan {unit} tahun {tahun}",
        "Sarana komputer, printer, dan jaringan internet kantor",
        "Data dan informasi dari unit kerja terkait",
        "Aplikasi e-Kinerja dan aplikasi layanan perangkat daerah",
        "Dukungan tenaga pelaksana pada {unit}",
    ),
    JenisLampiran.SKEMA_PERTANGGUNGJAWABAN: (
        "Laporan capaian kinerja bulanan kepada atasan langsung",
        "Laporan kinerja triwulanan melalui aplikasi e-Kinerja",
        "Dokumentasi dan bukti dukung setiap hasil kerja",
    ),
    JenisLampiran.KONSEKUENSI: (
        "Penilaian kinerja sesuai capaian target yang disepakati",
        "Pembinaan oleh atasan langsung bila target tidak tercapai",
        "Usulan penghargaan bila kinerja melampaui target",
    ),
}
EKSPEKTASI = {
    "berorientasi-pelayanan": "Menanggapi setiap permohonan layanan paling lama satu hari kerja",
    "akuntabel": "Menyampaikan laporan kegiatan tepat waktu setiap bulan beserta bukti dukungnya",
    "kompeten": "Mengikuti pengembangan kompetensi paling sedikit 20 jam pelajaran dalam setahun",
    "harmonis": "Menjaga suasana kerja yang saling menghargai di dalam tim",
    "loyal": "Menjaga kerahasiaan data pribadi masyarakat yang dilayani",
    "adaptif": "Memanfaatkan aplikasi SRIKANDI dan e-Kinerja dalam pekerjaan sehari-hari",
    "kolaboratif": "Aktif berkoordinasi dengan unit kerja lain dalam penyelesaian pekerjaan",
}
CATATAN_KEMBALI = (
    "Target kuantitas belum sesuai rencana kerja unit; sesuaikan dengan target seksi tahun ini.",
    "RHK nomor 2 masih berupa kegiatan, belum hasil kerja. Mohon dirumuskan ulang.",
    "Lengkapi lampiran dukungan sumber daya dan skema pertanggungjawaban.",
    "Indikator kualitas belum terukur; tambahkan satuan yang jelas.",
)


def urusan(opd_nama: str) -> str:
    khusus = {
        "Inspektorat": "pengawasan internal pemerintah daerah",
        "Satuan Polisi Pamong Praja": "ketenteraman dan ketertiban umum",
        "Sekretariat DPRD": "fasilitasi penyelenggaraan tugas DPRD",
        "Sekretariat Daerah": "koordinasi penyelenggaraan pemerintahan daerah",
    }
    if opd_nama in khusus:
        return khusus[opd_nama]
    if opd_nama.startswith("Kecamatan "):
        return f"pemerintahan dan pelayanan kewilayahan di {opd_nama}"
    return opd_nama.removeprefix("Dinas ").removeprefix("Badan ").lower()


def kecil_awal(teks: str) -> str:
    return teks[:1].lower() + teks[1:]
