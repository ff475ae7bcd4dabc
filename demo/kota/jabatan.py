"""Kinds of position in the demo city: the jenis and jenjang shorthands the OPD tables use, the kelas jabatan of
fungsional levels, and the pelaksana and fungsional positions staff are drawn from (PermenPANRB 11/2024 names for
pelaksana, each jabatan fungsional by the name of its own PermenPANRB)."""

from __future__ import annotations

from pegawai.choices import JenisJabatan, Jenjang

JPT, ADM, PGW, PLK, JF = (
    JenisJabatan.JPT,
    JenisJabatan.ADMINISTRATOR,
    JenisJabatan.PENGAWAS,
    JenisJabatan.PELAKSANA,
    JenisJabatan.FUNGSIONAL,
)
AP, AM, AMD, TRP, MHR, PNY = (
    Jenjang.AHLI_PERTAMA,
    Jenjang.AHLI_MUDA,
    Jenjang.AHLI_MADYA,
    Jenjang.TERAMPIL,
    Jenjang.MAHIR,
    Jenjang.PENYELIA,
)
JENJANG_NAMA = {AP: "Ahli Pertama", AM: "Ahli Muda", AMD: "Ahli Madya", TRP: "Terampil", MHR: "Mahir", PNY: "Penyelia"}
# Kelas jabatan of a jabatan fungsional by jenjang, as in most Perwal kelas jabatan tables.
KELAS_JF = {AP: 8, AM: 9, AMD: 11, TRP: 6, MHR: 7, PNY: 8}


def daftar(text: str) -> tuple[str, ...]:
    """A comma-separated list written as a paragraph (keeps long name tables readable)."""
    return tuple(item.strip() for item in text.split(",") if item.strip())


PELAKSANA = (
    ("Penata Layanan Operasional", 8, 3.0),
    ("Pengelola Layanan Operasional", 7, 2.0),
    ("Pengadministrasi Perkantoran", 6, 3.0),
    ("Operator Layanan Operasional", 5, 1.0),
)

# Jabatan fungsional: name → (field of study, share of women, share of PPPK among new holders).
FUNGSIONAL = {
    "Guru": ("pendidikan", 0.7, 0.22),
    "Pengawas Sekolah": ("pendidikan", 0.5, 0.0),
    "Penilik": ("pendidikan", 0.5, 0.0),
    "Pustakawan": ("perpustakaan", 0.6, 0.1),
    "Dokter": ("dokter", 0.6, 0.1),
    "Dokter Gigi": ("dokter_gigi", 0.7, 0.1),
    "Perawat": ("keperawatan", 0.75, 0.15),
    "Bidan": ("kebidanan", 1.0, 0.15),
    "Apoteker": ("farmasi", 0.7, 0.1),
    "Asisten Apoteker": ("farmasi", 0.7, 0.15),
    "Nutrisionis": ("gizi", 0.8, 0.15),
    "Sanitarian": ("kesling", 0.5, 0.15),
    "Pranata Laboratorium Kesehatan": ("laboratorium", 0.7, 0.15),
    "Penyuluh Kesehatan Masyarakat": ("kesmas", 0.6, 0.1),
    "Epidemiolog Kesehatan": ("kesmas", 0.6, 0.05),
    "Administrator Kesehatan": ("kesmas", 0.6, 0.05),
    "Pranata Komputer": ("it", 0.35, 0.08),
    "Pranata Hubungan Masyarakat": ("komunikasi", 0.5, 0.05),
    "Statistisi": ("statistik", 0.5, 0.05),
    "Sandiman": ("it", 0.3, 0.05),
    "Auditor": ("ekonomi", 0.5, 0.0),
    "Pengawas Penyelenggaraan Urusan Pemerintahan Daerah": ("hukum", 0.5, 0.0),
    "Perencana": ("perencanaan", 0.5, 0.03),
    "Peneliti": ("perencanaan", 0.5, 0.0),
    "Analis Kebijakan": ("sosial", 0.5, 0.03),
    "Analis Hukum": ("hukum", 0.5, 0.05),
    "Perancang Peraturan Perundang-undangan": ("hukum", 0.5, 0.0),
    "Analis Sumber Daya Manusia Aparatur": ("psikologi", 0.6, 0.05),
    "Pranata Sumber Daya Manusia Aparatur": ("umum", 0.6, 0.05),
    "Asesor Sumber Daya Manusia Aparatur": ("psikologi", 0.6, 0.0),
    "Arsiparis": ("umum", 0.6, 0.08),
    "Analis Keuangan Pusat dan Daerah": ("ekonomi", 0.6, 0.05),
    "Pengelola Pengadaan Barang/Jasa": ("ekonomi", 0.4, 0.03),
    "Polisi Pamong Praja": ("hukum", 0.2, 0.05),
    "Penguji Kendaraan Bermotor": ("teknik", 0.1, 0.05),
    "Pengendali Dampak Lingkungan": ("lingkungan", 0.5, 0.05),
    "Pengawas Lingkungan Hidup": ("lingkungan", 0.4, 0.0),
    "Pekerja Sosial": ("sosial", 0.6, 0.1),
    "Penyuluh Sosial": ("sosial", 0.5, 0.05),
    "Psikolog Klinis": ("psikologi", 0.7, 0.1),
    "Administrator Database Kependudukan": ("it", 0.4, 0.05),
    "Penyuluh Pertanian": ("pertanian", 0.4, 0.15),
    "Medik Veteriner": ("veteriner", 0.5, 0.1),
    "Paramedik Veteriner": ("veteriner", 0.4, 0.1),
    "Analis Ketahanan Pangan": ("pertanian", 0.5, 0.05),
    "Pengantar Kerja": ("sosial", 0.5, 0.05),
    "Mediator Hubungan Industrial": ("hukum", 0.4, 0.0),
    "Instruktur": ("teknik", 0.3, 0.1),
    "Pamong Budaya": ("budaya", 0.5, 0.05),
    "Adyatama Kepariwisataan dan Ekonomi Kreatif": ("pariwisata", 0.5, 0.05),
    "Teknik Jalan dan Jembatan": ("teknik", 0.15, 0.05),
    "Teknik Pengairan": ("teknik", 0.15, 0.05),
    "Teknik Tata Bangunan dan Perumahan": ("teknik", 0.25, 0.05),
    "Penata Ruang": ("perencanaan", 0.4, 0.05),
}


FUNGSIONAL_SEKRETARIAT = (
    ("Analis Sumber Daya Manusia Aparatur", (AP, AM)),
    ("Arsiparis", (TRP, AP)),
    ("Perencana", (AP, AM)),
    ("Analis Keuangan Pusat dan Daerah", (AP,)),
    ("Pengelola Pengadaan Barang/Jasa", (AP,)),
)
STAF_PELAKSANA = tuple((nama, None, bobot) for nama, _kelas, bobot in PELAKSANA)
