"""The dinas of the demo city (pendidikan, kesehatan, perhubungan … ketenagakerjaan), with their bidang, seksi,
jabatan fungsional and UPT. Modelled on Kota Bandung."""

from __future__ import annotations

from pegawai.choices import Jenjang

from .jabatan import AM, AMD, AP, JF, MHR, PGW, PNY, STAF_PELAKSANA, TRP, daftar
from .opd import Opd, Upt

# Real kelurahan and puskesmas names of Kota Bandung, so the demo reads like the city it imitates.
WILAYAH = daftar(
    """
    Cipaganti, Lebakgede, Sadangserang, Sekeloa, Dago, Lebaksiliwangi, Sukawarna, Sukagalih, Sukabungah,
    Cipedes, Pasteur, Arjuna, Pasirkaliki, Pamoyanan, Pajajaran, Sukaraja, Campaka, Maleber, Garuda, Ciroyom,
    Kebonjeruk, Cihapit, Citarum, Tamansari, Cijagra, Turangga, Malabar, Burangrang, Paledang, Cikawao,
    Antapani, Arcamanik, Sukamiskin, Cisaranten, Pasirlayung, Padasuka, Sukaluyu, Cikutra, Cigadung, Neglasari,
    Sukapada, Ledeng, Isola, Gegerkalong, Sarijadi, Sukarasa, Cibeunying, Ciumbuleuit, Hegarmanah, Cijerah,
    Caringin, Babakan, Kopo, Situsaeur, Cibaduyut, Mengger, Wates, Batununggal, Kujangsari, Cijaura, Margasari,
    Derwati, Cipamokolan, Mekarjaya, Sekejati, Cisurupan, Pasanggrahan, Pasirendah, Cigending, Palasari,
    Cipadung, Pasirbiru, Mandalajati, Jatihandap
    """
)
PUSKESMAS = daftar(
    """
    Puter, Dago, Sukajadi, Pasirkaliki, Garuda, Ibrahim Adjie, Padasuka, Salam, Sekeloa, Tamblong, Kopo,
    Babakansari, Cibuntu, Pagarsih, Ujungberung Indah, Cibiru, Panyileukan, Pasirlayung, Griya Antapani,
    Arcamanik, Sindangjaya, Mandalamekar, Sukarasa, Ledeng, Sarijadi, Cipaku, Cigadung, Neglasari, Talaga Bodas,
    Tegallega, Kujangsari, Sukapakir, Pelindung Hewan, Caringin, Cijerah, Cibolerang, Astanaanyar, Pasundan,
    Riung Bandung, Derwati, Cipamokolan, Sukawarna, Babatan, Pamulang, Pasirjati, Margahayu Raya, Kiaracondong,
    Babakan Surabaya, Ahmad Yani, Karanganyar, Lingkar Selatan, Mohammad Ramdan, Soreang, Suryalaya, Sekejati,
    Citarip, Cinambo, Rusunawa, Gumuruh, Palasari
    """
)

#: Every dinas, in the order the city plans them.
DINAS: tuple[Opd, ...] = (
    Opd(
        "DISDIK",
        "Dinas Pendidikan",
        "Disdik",
        jenis="dinas",
        bobot=42.0,
        bidang=(
            (
                "Pembinaan Sekolah Dasar",
                (
                    "Kurikulum dan Penilaian SD",
                    "Peserta Didik dan Pembangunan Karakter SD",
                    "Kelembagaan dan Sarana Prasarana SD",
                ),
            ),
            (
                "Pembinaan Sekolah Menengah Pertama",
                (
                    "Kurikulum dan Penilaian SMP",
                    "Peserta Didik dan Pembangunan Karakter SMP",
                    "Kelembagaan dan Sarana Prasarana SMP",
                ),
            ),
            (
                "Pembinaan PAUD dan Pendidikan Nonformal",
                ("Kurikulum PAUD dan Pendidikan Nonformal", "Kelembagaan PAUD dan Pendidikan Nonformal"),
            ),
            ("Guru dan Tenaga Kependidikan", ("Guru dan Tenaga Kependidikan SD", "Guru dan Tenaga Kependidikan SMP")),
        ),
        fungsional=(("Pengawas Sekolah", (AM, AMD)), ("Penilik", (AP, AM)), ("Pranata Komputer", (AP,))),
        bidang_studi=("pendidikan", "umum"),
        upt=(
            Upt(
                tuple(f"SD Negeri {i:03d} {WILAYAH[i % len(WILAYAH)]}" for i in range(1, 271)),
                kepala="Kepala {unit}",
                jenis=JF,
                jenjang=AMD,
                kelas=11,
                staf=(
                    ("Guru", AP, 4.0),
                    ("Guru", AM, 3.0),
                    ("Guru", AMD, 2.0),
                    ("Pustakawan", TRP, 0.2),
                    ("Pengadministrasi Perkantoran", None, 0.8),
                    ("Operator Layanan Operasional", None, 0.4),
                ),
                ukuran=22,
                bagian=0.66,
                induk="Pembinaan Sekolah Dasar",
                minimal=1,
            ),
            Upt(
                tuple(f"SMP Negeri {i} Bandung" for i in range(1, 58)),
                kepala="Kepala {unit}",
                jenis=JF,
                jenjang=AMD,
                kelas=11,
                staf=(
                    ("Guru", AP, 4.0),
                    ("Guru", AM, 3.0),
                    ("Guru", AMD, 2.0),
                    ("Pustakawan", TRP, 0.5),
                    ("Pengadministrasi Perkantoran", None, 1.5),
                    ("Pengelola Layanan Operasional", None, 0.5),
                ),
                ukuran=45,
                bagian=0.26,
                induk="Pembinaan Sekolah Menengah Pertama",
                minimal=1,
            ),
        ),
    ),
    Opd(
        "DINKES",
        "Dinas Kesehatan",
        "Dinkes",
        jenis="dinas",
        bobot=13.0,
        bidang=(
            (
                "Kesehatan Masyarakat",
                (
                    "Kesehatan Keluarga dan Gizi",
                    "Promosi dan Pemberdayaan Masyarakat",
                    "Kesehatan Lingkungan, Kesehatan Kerja dan Olahraga",
                ),
            ),
            (
                "Pencegahan dan Pengendalian Penyakit",
                (
                    "Surveilans dan Imunisasi",
                    "Pengendalian Penyakit Menular",
                    "Pengendalian Penyakit Tidak Menular dan Kesehatan Jiwa",
                ),
            ),
            (
                "Pelayanan Kesehatan",
                ("Pelayanan Kesehatan Primer", "Pelayanan Kesehatan Rujukan", "Pelayanan Kesehatan Tradisional"),
            ),
            ("Sumber Daya Kesehatan", ("Kefarmasian", "Alat Kesehatan dan PKRT", "Sumber Daya Manusia Kesehatan")),
        ),
        fungsional=(
            ("Epidemiolog Kesehatan", (AP, AM)),
            ("Penyuluh Kesehatan Masyarakat", (AP, AM)),
            ("Administrator Kesehatan", (AP, AM)),
            ("Apoteker", (AM,)),
            ("Nutrisionis", (AP,)),
        ),
        bidang_studi=("kesmas", "dokter", "keperawatan"),
        upt=(
            Upt(
                tuple(f"UPT Puskesmas {p}" for p in PUSKESMAS),
                kepala="Kepala {unit}",
                jenis=PGW,
                jenjang=Jenjang.PENGAWAS,
                kelas=9,
                staf=(
                    ("Dokter", AP, 2.0),
                    ("Dokter", AM, 1.0),
                    ("Dokter Gigi", AP, 0.7),
                    ("Perawat", TRP, 2.5),
                    ("Perawat", MHR, 1.2),
                    ("Perawat", AP, 2.0),
                    ("Bidan", TRP, 2.0),
                    ("Bidan", MHR, 1.0),
                    ("Apoteker", AP, 0.6),
                    ("Asisten Apoteker", TRP, 0.6),
                    ("Nutrisionis", TRP, 0.6),
                    ("Sanitarian", TRP, 0.6),
                    ("Pranata Laboratorium Kesehatan", TRP, 0.6),
                    ("Penyuluh Kesehatan Masyarakat", AP, 0.5),
                    ("Pengadministrasi Perkantoran", None, 1.0),
                    ("Pengelola Layanan Operasional", None, 0.7),
                ),
                ukuran=25,
                bagian=0.72,
                minimal=1,
            ),
            Upt(
                ("UPT Laboratorium Kesehatan Daerah",),
                kepala="Kepala {unit}",
                jenis=PGW,
                jenjang=Jenjang.PENGAWAS,
                kelas=9,
                staf=(
                    ("Pranata Laboratorium Kesehatan", TRP, 3.0),
                    ("Pranata Laboratorium Kesehatan", AP, 1.0),
                    ("Pengadministrasi Perkantoran", None, 1.0),
                ),
                ukuran=20,
                bagian=0.02,
            ),
        ),
    ),
    Opd(
        "DISHUB",
        "Dinas Perhubungan",
        "Dishub",
        jenis="dinas",
        bobot=3.0,
        bidang=(
            ("Lalu Lintas", ("Manajemen dan Rekayasa Lalu Lintas", "Pengendalian dan Operasional Lalu Lintas")),
            ("Angkutan", ("Angkutan Orang", "Angkutan Barang dan Perizinan")),
            ("Sarana dan Prasarana", ("Perlengkapan Jalan", "Penerangan Jalan Umum")),
            ("Perparkiran", ("Parkir Tepi Jalan Umum", "Parkir di Luar Badan Jalan")),
        ),
        fungsional=(("Penguji Kendaraan Bermotor", (TRP, MHR, AP)), ("Pranata Komputer", (TRP,))),
        bidang_studi=("teknik", "umum"),
        upt=(
            Upt(
                ("UPT Pengujian Kendaraan Bermotor", "UPT Pengelolaan Terminal", "UPT Pengelolaan Parkir"),
                kepala="Kepala {unit}",
                jenis=PGW,
                jenjang=Jenjang.PENGAWAS,
                kelas=9,
                staf=(
                    ("Penguji Kendaraan Bermotor", TRP, 2.0),
                    ("Penguji Kendaraan Bermotor", MHR, 1.0),
                    *STAF_PELAKSANA,
                ),
                ukuran=30,
                bagian=0.4,
            ),
        ),
    ),
    Opd(
        "DPMPTSP",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "DPMPTSP",
        jenis="dinas",
        bobot=0.8,
        bidang=(
            ("Penanaman Modal", ("Promosi Penanaman Modal", "Pengendalian Penanaman Modal")),
            ("Pelayanan Perizinan", ("Perizinan Berusaha", "Perizinan Bangunan dan Lingkungan")),
            ("Pengaduan, Kebijakan dan Pelaporan Layanan", ("Pengaduan Layanan", "Kebijakan dan Pelaporan Layanan")),
        ),
        fungsional=(("Analis Kebijakan", (AP, AM)), ("Pranata Komputer", (TRP, AP))),
        bidang_studi=("hukum", "ekonomi", "umum"),
    ),
    Opd(
        "DISDUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        jenis="dinas",
        bobot=1.5,
        bidang=(
            ("Pelayanan Pendaftaran Penduduk", ("Identitas Penduduk", "Pindah Datang Penduduk", "Pendataan Penduduk")),
            ("Pelayanan Pencatatan Sipil", ("Kelahiran", "Perkawinan dan Perceraian", "Kematian dan Perubahan Status")),
            (
                "Pengelolaan Informasi Administrasi Kependudukan",
                ("Sistem Informasi Administrasi Kependudukan", "Pengolahan dan Penyajian Data Kependudukan"),
            ),
            (
                "Pemanfaatan Data dan Inovasi Pelayanan",
                ("Kerja Sama dan Inovasi Pelayanan", "Pemanfaatan Data dan Dokumen Kependudukan"),
            ),
        ),
        fungsional=(("Administrator Database Kependudukan", (TRP, AP, AM)), ("Pranata Komputer", (TRP, AP))),
        bidang_studi=("it", "umum", "hukum"),
    ),
    Opd(
        "DISKOMINFO",
        "Dinas Komunikasi dan Informatika",
        "Diskominfo",
        jenis="dinas",
        bobot=1.0,
        bidang=(
            # The persona bidang (tagged in _template): a vacant seksi with a Plt, the atasan's seksi, the Plt's own.
            (
                "Aplikasi Informatika",
                ("Tata Kelola E-Government", "Pengembangan Aplikasi", "Layanan Aplikasi dan Data"),
            ),
            (
                "Informasi dan Komunikasi Publik",
                ("Pengelolaan Informasi Publik", "Pengelolaan Komunikasi Publik", "Layanan Hubungan Media"),
            ),
            ("Infrastruktur Teknologi Informasi dan Komunikasi", ("Infrastruktur Jaringan", "Pusat Data")),
            ("Statistik dan Persandian", ("Statistik Sektoral", "Persandian dan Keamanan Informasi")),
        ),
        fungsional=(
            ("Pranata Komputer", (TRP, MHR, AP, AM)),
            ("Pranata Hubungan Masyarakat", (AP, AM)),
            ("Statistisi", (AP, AM)),
            ("Sandiman", (AP,)),
            ("Analis Kebijakan", (AM,)),
        ),
        bidang_studi=("it", "komunikasi", "umum"),
        persona=True,
    ),
    Opd(
        "SATPOLPP",
        "Satuan Polisi Pamong Praja",
        "Satpol PP",
        jenis="satpol",
        bobot=2.5,
        bidang=(
            ("Penegakan Peraturan Daerah", ("Pembinaan, Pengawasan dan Penyuluhan", "Penyelidikan dan Penyidikan")),
            ("Ketertiban Umum dan Ketenteraman Masyarakat", ("Operasi dan Pengendalian", "Kerja Sama")),
            ("Perlindungan Masyarakat", ("Satuan Perlindungan Masyarakat", "Bina Potensi Masyarakat")),
            ("Sumber Daya Aparatur", ("Pelatihan Dasar", "Teknis Fungsional")),
        ),
        fungsional=(("Polisi Pamong Praja", (TRP, MHR, PNY, AP, AM)),),
        bidang_studi=("hukum", "umum"),
    ),
    Opd(
        "DINSOS",
        "Dinas Sosial",
        "Dinsos",
        jenis="dinas",
        bobot=1.2,
        bidang=(
            (
                "Pemberdayaan Sosial",
                ("Pemberdayaan Sosial Perorangan dan Keluarga", "Potensi Sumber Kesejahteraan Sosial"),
            ),
            (
                "Rehabilitasi Sosial",
                (
                    "Rehabilitasi Sosial Anak dan Lanjut Usia",
                    "Rehabilitasi Sosial Penyandang Disabilitas",
                    "Rehabilitasi Sosial Tuna Sosial",
                ),
            ),
            ("Perlindungan dan Jaminan Sosial", ("Perlindungan Sosial Korban Bencana", "Jaminan Sosial Keluarga")),
            ("Penanganan Fakir Miskin", ("Identifikasi dan Penguatan Kapasitas", "Pendampingan dan Bantuan Sosial")),
        ),
        fungsional=(("Pekerja Sosial", (TRP, AP, AM)), ("Penyuluh Sosial", (AP, AM))),
        bidang_studi=("sosial",),
        upt=(
            Upt(
                ("UPT Pusat Pelayanan Sosial",),
                kepala="Kepala {unit}",
                jenis=PGW,
                jenjang=Jenjang.PENGAWAS,
                kelas=9,
                staf=(("Pekerja Sosial", TRP, 2.0), ("Pekerja Sosial", AP, 1.0), *STAF_PELAKSANA),
                ukuran=20,
                bagian=0.15,
            ),
        ),
    ),
    Opd(
        "DPKP",
        "Dinas Perumahan dan Kawasan Permukiman, Pertanahan dan Pertamanan",
        "DPKP",
        jenis="dinas",
        bobot=2.0,
        bidang=(
            ("Perumahan", ("Penyediaan Perumahan", "Pengembangan Perumahan")),
            ("Kawasan Permukiman", ("Penataan Kawasan Permukiman", "Peningkatan Kualitas Permukiman")),
            ("Pertanahan", ("Pengadaan Tanah", "Penatausahaan Tanah")),
            ("Pertamanan dan Pemakaman", ("Pertamanan", "Pemakaman")),
        ),
        fungsional=(("Teknik Tata Bangunan dan Perumahan", (TRP, AP, AM)), ("Penata Ruang", (AP,))),
        bidang_studi=("teknik", "perencanaan", "umum"),
        upt=(
            Upt(
                ("UPT Pengelolaan Taman Kota", "UPT Pemakaman Umum"),
                kepala="Kepala {unit}",
                jenis=PGW,
                jenjang=Jenjang.PENGAWAS,
                kelas=9,
                staf=STAF_PELAKSANA,
                ukuran=25,
                bagian=0.3,
            ),
        ),
    ),
    Opd(
        "DSDABM",
        "Dinas Sumber Daya Air dan Bina Marga",
        "DSDABM",
        jenis="dinas",
        bobot=2.5,
        bidang=(
            ("Sumber Daya Air", ("Pengelolaan Sumber Daya Air", "Drainase")),
            ("Jalan", ("Pembangunan Jalan", "Pemeliharaan Jalan")),
            ("Jembatan", ("Pembangunan Jembatan", "Pemeliharaan Jembatan")),
            ("Peralatan dan Pengujian", ("Peralatan dan Perbekalan", "Laboratorium dan Pengujian")),
        ),
        fungsional=(("Teknik Jalan dan Jembatan", (TRP, MHR, AP, AM)), ("Teknik Pengairan", (TRP, AP))),
        bidang_studi=("teknik",),
        upt=(
            Upt(
                tuple(
                    f"UPT Pemeliharaan Jalan dan Drainase Wilayah {w}" for w in ("Utara", "Selatan", "Timur", "Barat")
                ),
                kepala="Kepala {unit}",
                jenis=PGW,
                jenjang=Jenjang.PENGAWAS,
                kelas=9,
                staf=(("Teknik Jalan dan Jembatan", TRP, 1.0), *STAF_PELAKSANA),
                ukuran=25,
                bagian=0.35,
            ),
        ),
    ),
    Opd(
        "DLH",
        "Dinas Lingkungan Hidup",
        "DLH",
        jenis="dinas",
        bobot=2.5,
        bidang=(
            ("Tata Lingkungan", ("Perencanaan Lingkungan Hidup", "Kajian Dampak Lingkungan")),
            ("Pengelolaan Sampah dan Limbah B3", ("Pengurangan Sampah", "Penanganan Sampah", "Pengelolaan Limbah B3")),
            ("Pengendalian Pencemaran dan Kerusakan Lingkungan", ("Pemantauan Lingkungan", "Pengendalian Pencemaran")),
            (
                "Penaatan dan Peningkatan Kapasitas Lingkungan",
                ("Pengaduan dan Penyelesaian Sengketa Lingkungan", "Penegakan Hukum Lingkungan"),
            ),
        ),
        fungsional=(("Pengendali Dampak Lingkungan", (TRP, AP, AM)), ("Pengawas Lingkungan Hidup", (AP,))),
        bidang_studi=("lingkungan", "teknik"),
        upt=(
            Upt(
                ("UPT Laboratorium Lingkungan", "UPT Pengelolaan Sampah"),
                kepala="Kepala {unit}",
                jenis=PGW,
                jenjang=Jenjang.PENGAWAS,
                kelas=9,
                staf=(("Pengendali Dampak Lingkungan", TRP, 1.0), *STAF_PELAKSANA),
                ukuran=30,
                bagian=0.35,
            ),
        ),
    ),
    Opd(
        "DISPORA",
        "Dinas Pemuda dan Olahraga",
        "Dispora",
        jenis="dinas",
        bobot=0.7,
        bidang=(
            ("Kepemudaan", ("Pemberdayaan Pemuda", "Pengembangan Pemuda")),
            ("Keolahragaan", ("Pembudayaan Olahraga", "Olahraga Prestasi")),
            ("Sarana dan Prasarana Olahraga", ("Pembangunan Sarana Olahraga", "Pemeliharaan Sarana Olahraga")),
        ),
        fungsional=(("Analis Kebijakan", (AP, AM)), ("Pranata Komputer", (TRP,))),
        bidang_studi=("olahraga", "umum"),
        upt=(
            Upt(
                ("UPT Pengelolaan Gelanggang Olahraga",),
                kepala="Kepala {unit}",
                jenis=PGW,
                jenjang=Jenjang.PENGAWAS,
                kelas=9,
                staf=STAF_PELAKSANA,
                ukuran=15,
                bagian=0.2,
            ),
        ),
    ),
    Opd(
        "DISBUDPAR",
        "Dinas Kebudayaan dan Pariwisata",
        "Disbudpar",
        jenis="dinas",
        bobot=0.8,
        bidang=(
            ("Kebudayaan", ("Cagar Budaya dan Permuseuman", "Kesenian dan Tradisi")),
            ("Destinasi Pariwisata", ("Pengembangan Destinasi", "Pengelolaan Daya Tarik Wisata")),
            ("Pemasaran Pariwisata", ("Promosi Pariwisata", "Kemitraan dan Event")),
            ("Ekonomi Kreatif", ("Pengembangan Ekonomi Kreatif", "Fasilitasi Pelaku Ekonomi Kreatif")),
        ),
        fungsional=(("Pamong Budaya", (AP, AM)), ("Adyatama Kepariwisataan dan Ekonomi Kreatif", (AP, AM))),
        bidang_studi=("pariwisata", "budaya", "umum"),
    ),
    Opd(
        "DKPP",
        "Dinas Ketahanan Pangan dan Pertanian",
        "DKPP",
        jenis="dinas",
        bobot=1.2,
        bidang=(
            ("Ketahanan Pangan", ("Ketersediaan dan Distribusi Pangan", "Konsumsi dan Keamanan Pangan")),
            ("Pertanian", ("Tanaman Pangan dan Hortikultura", "Penyuluhan Pertanian")),
            ("Peternakan dan Kesehatan Hewan", ("Peternakan", "Kesehatan Hewan dan Kesehatan Masyarakat Veteriner")),
            ("Perikanan", ("Perikanan Budidaya", "Pengolahan dan Pemasaran Hasil Perikanan")),
        ),
        fungsional=(
            ("Penyuluh Pertanian", (TRP, MHR, AP, AM)),
            ("Medik Veteriner", (AP, AM)),
            ("Paramedik Veteriner", (TRP,)),
            ("Analis Ketahanan Pangan", (AP,)),
        ),
        bidang_studi=("pertanian", "veteriner"),
        upt=(
            Upt(
                ("UPT Rumah Potong Hewan", "UPT Pusat Kesehatan Hewan"),
                kepala="Kepala {unit}",
                jenis=PGW,
                jenjang=Jenjang.PENGAWAS,
                kelas=9,
                staf=(("Paramedik Veteriner", TRP, 1.5), ("Medik Veteriner", AP, 0.5), *STAF_PELAKSANA),
                ukuran=15,
                bagian=0.25,
            ),
        ),
    ),
    Opd(
        "DISNAKER",
        "Dinas Tenaga Kerja",
        "Disnaker",
        jenis="dinas",
        bobot=0.6,
        bidang=(
            ("Pelatihan dan Produktivitas", ("Pelatihan Kerja", "Produktivitas Tenaga Kerja")),
            ("Penempatan dan Perluasan Kesempatan Kerja", ("Penempatan Tenaga Kerja", "Perluasan Kesempatan Kerja")),
            (
                "Hubungan Industrial dan Jaminan Sosial",
                ("Persyaratan Kerja", "Penyelesaian Perselisihan Hubungan Industrial"),
            ),
        ),
        fungsional=(
            ("Pengantar Kerja", (TRP, AP, AM)),
            ("Mediator Hubungan Industrial", (AP, AM)),
            ("Instruktur", (TRP, AP)),
        ),
        bidang_studi=("sosial", "hukum", "umum"),
        upt=(
            Upt(
                ("UPT Balai Latihan Kerja",),
                kepala="Kepala {unit}",
                jenis=PGW,
                jenjang=Jenjang.PENGAWAS,
                kelas=9,
                staf=(("Instruktur", TRP, 2.0), ("Instruktur", AP, 1.0), *STAF_PELAKSANA),
                ukuran=15,
                bagian=0.2,
            ),
        ),
    ),
    Opd(
        "DP3A",
        "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        "DP3A",
        jenis="dinas",
        bobot=0.6,
        bidang=(
            (
                "Kesetaraan Gender dan Kualitas Hidup Perempuan",
                ("Pengarusutamaan Gender", "Peningkatan Kualitas Hidup Perempuan"),
            ),
            ("Perlindungan Perempuan dan Anak", ("Perlindungan Hak Perempuan", "Perlindungan Khusus Anak")),
            ("Pemenuhan Hak Anak", ("Pemenuhan Hak Sipil dan Partisipasi Anak", "Pengembangan Kota Layak Anak")),
        ),
        fungsional=(("Analis Kebijakan", (AP, AM)), ("Pekerja Sosial", (AP,)), ("Psikolog Klinis", (AP,))),
        bidang_studi=("sosial", "psikologi"),
        upt=(
            Upt(
                ("UPT Perlindungan Perempuan dan Anak",),
                kepala="Kepala {unit}",
                jenis=PGW,
                jenjang=Jenjang.PENGAWAS,
                kelas=9,
                staf=(("Psikolog Klinis", AP, 1.0), ("Pekerja Sosial", AP, 1.0), *STAF_PELAKSANA),
                ukuran=12,
                bagian=0.15,
            ),
        ),
    ),
)
