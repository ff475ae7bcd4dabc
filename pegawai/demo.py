"""Demo data: a plausible Pemerintah Kota with ~30 perangkat daerah, their unit and position trees, N pegawai with
valid NIPs, Plt/Plh cases and one login per persona (``manage.py seed_demo``, ``manage.py demo_logins``).

Two halves:

- :func:`build_city` is pure: from ``(n, seed, today)`` it plans every row with ``random.Random(seed)`` (no set
  iteration, no database), so the same arguments always give the same city. ``bench/seed_demo.py`` reuses it to
  measure a bare COPY of the same rows.
- :func:`seed_city` writes a plan in dependency order (OPD → units per tree level → positions per tree level →
  users → pegawai → Plt/Plh → roles): ``bulk_create`` for the small tables, COPY for the 20,000-row ones.
  Every insert fires the pghistory triggers, so the caller wraps it in ``pegawai.audit.as_actor``.

The structure follows Permendagri/PP 18/2016 naming (dinas: bidang → seksi; badan: bidang → subbidang; sekretariat
daerah: asisten → bagian → subbagian; kecamatan: seksi and kelurahan); jabatan pelaksana use the 2024 simplified
names (PermenPANRB 11/2024), jabatan fungsional the names of their own PermenPANRB.
"""

from __future__ import annotations

import datetime
import io
import math
import random
import secrets
from dataclasses import dataclass, field

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, check_password, make_password
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from .choices import JenisJabatan, JenisPenugasan, JenisPeran, Jenjang, StatusPegawai
from .models import Jabatan, Pegawai, Penugasan, Peran, PerangkatDaerah, UnitKerja, User

#: The password of every demo login (printed by ``make run``). Only these few accounts get it.
DEMO_PASSWORD = "mangbagja-demo"
DEMO_URL = "http://127.0.0.1:8000/"
#: Below this the ~30 OPDs cannot each get a head, a sekretariat, a bidang, a seksi and some staff.
MIN_PEGAWAI = 300
DEFAULT_PEGAWAI = 2000
#: The project's own apps, whose model permissions the admin BKPSDM login gets.
PORTAL_APPS = ("pegawai", "skp", "kinerja", "penilaian", "disiplin")

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


def _daftar(text: str) -> tuple[str, ...]:
    """A comma-separated list written as a paragraph (keeps long name tables readable)."""
    return tuple(item.strip() for item in text.split(",") if item.strip())


# ---------------------------------------------------------------------------------------------------------------
# People: names, education and gelar
# ---------------------------------------------------------------------------------------------------------------

NAMA_LAKI = _daftar(
    """
    Asep, Cecep, Dedi, Ujang, Iwan, Agus, Budi, Dadang, Deden, Hendra, Yayat, Wawan, Dodi, Rudi, Tatang, Ade,
    Yusuf, Ahmad, Rizki, Fajar, Gilang, Ilham, Rendi, Dimas, Taufik, Heri, Eko, Bambang, Yudi, Dadan, Ridwan,
    Hadi, Nana, Endang, Teguh, Arief, Andri, Yana, Engkos, Aep, Jajang, Ayi, Usep, Kurnia, Rahmat, Irfan,
    Hilman, Firman, Ricky, Yogi, Galih, Rangga, Hari, Dudi, Entis, Odang, Mamat, Iman, Ferry, Bayu
    """
)
NAMA_PEREMPUAN = _daftar(
    """
    Euis, Neneng, Siti, Rina, Dewi, Yuyun, Nining, Ai, Iis, Cucu, Elis, Imas, Lilis, Nenden, Tati, Titin, Yeni,
    Wulan, Rini, Sri, Ratna, Fitri, Intan, Nurul, Anisa, Ayu, Dian, Mira, Rosita, Santi, Wida, Yanti, Lina,
    Kartika, Rahmi, Novi, Indah, Enung, Popon, Enok, Tuti, Heni, Leni, Risna, Nunung, Evi, Desi, Gita, Sinta,
    Tia
    """
)
NAMA_TENGAH_LAKI = ("Muhammad", "Ahmad", "Moch.", "Raden")
NAMA_TENGAH_PEREMPUAN = ("Siti", "Nur", "Ratu", "Raden")
NAMA_KELUARGA_LAKI = _daftar(
    """
    Suryana, Permana, Hidayat, Nugraha, Kurniawan, Setiawan, Gunawan, Sutisna, Mulyana, Sopandi, Rohendi,
    Saepudin, Supriatna, Mulyadi, Ruhiyat, Somantri, Suhendar, Hermawan, Firmansyah, Ramdani, Maulana, Rahman,
    Kusnadi, Sukmana, Wiguna, Wijaya, Santosa, Pratama, Saputra, Ramadhan, Komarudin, Sudrajat, Sunandar,
    Kosasih, Hamdani, Nurdin
    """
)
NAMA_KELUARGA_PEREMPUAN = _daftar(
    """
    Rahmawati, Kurniasih, Nurhayati, Suryani, Handayani, Herawati, Komalasari, Lestari, Rosmiati, Wulandari,
    Susilawati, Fitriani, Mulyani, Permatasari, Sulastri, Nurjanah, Rostika, Kartini, Suminar, Yuliani, Sundari,
    Nuraeni, Hasanah, Anggraeni, Marliana
    """
)

# field → (S1 gelar belakang, D3, S2, gelar depan of the profession)
GELAR = {
    "umum": (("S.Sos.", "S.AP.", "S.IP.", "S.E."), ("A.Md.",), ("M.Si.", "M.M.", "M.AP."), ""),
    "sosial": (("S.Sos.",), ("A.Md.",), ("M.Si.", "M.AP."), ""),
    "ekonomi": (("S.E.",), ("A.Md.Ak.",), ("M.M.", "M.Ak.", "M.Si."), ""),
    "hukum": (("S.H.",), ("A.Md.",), ("M.H.", "M.Kn."), ""),
    "pendidikan": (("S.Pd.",), ("A.Md.Pd.",), ("M.Pd.",), ""),
    "dokter": (("",), ("",), ("M.Kes.", "M.K.M.", "Sp.PD.", "Sp.A."), "dr."),
    "dokter_gigi": (("",), ("",), ("M.Kes.",), "drg."),
    "keperawatan": (("S.Kep., Ners",), ("A.Md.Kep.",), ("M.Kep.",), ""),
    "kebidanan": (("S.Tr.Keb.",), ("A.Md.Keb.",), ("M.Keb.",), ""),
    "farmasi": (("S.Farm.",), ("A.Md.Farm.",), ("M.Farm.",), "apt."),
    "kesmas": (("S.K.M.",), ("A.Md.Kes.",), ("M.K.M.", "M.Kes."), ""),
    "gizi": (("S.Gz.",), ("A.Md.Gz.",), ("M.Gz.",), ""),
    "kesling": (("S.K.M.",), ("A.Md.K.L.",), ("M.K.M.",), ""),
    "laboratorium": (("S.Tr.Kes.",), ("A.Md.A.K.",), ("M.Biomed.",), ""),
    "it": (("S.Kom.", "S.T."), ("A.Md.Kom.",), ("M.Kom.", "M.T."), ""),
    "komunikasi": (("S.I.Kom.",), ("A.Md.",), ("M.I.Kom.",), ""),
    "statistik": (("S.Stat.", "S.Si."), ("A.Md.Stat.",), ("M.Si.",), ""),
    "teknik": (("S.T.",), ("A.Md.T.",), ("M.T.",), ""),
    "perencanaan": (("S.T.", "S.P.W.K."), ("A.Md.T.",), ("M.T.", "M.Si."), ""),
    "lingkungan": (("S.Si.", "S.T."), ("A.Md.",), ("M.Si.", "M.T."), ""),
    "pertanian": (("S.P.",), ("A.Md.P.",), ("M.P.", "M.Si."), ""),
    "veteriner": (("",), ("A.Md.Vet.",), ("M.Si.",), "drh."),
    "pariwisata": (("S.Par.",), ("A.Md.Par.",), ("M.Par.",), ""),
    "budaya": (("S.S.", "S.Sn."), ("A.Md.",), ("M.Hum.",), ""),
    "perpustakaan": (("S.IP.",), ("A.Md.",), ("M.Hum.",), ""),
    "psikologi": (("S.Psi.",), ("A.Md.",), ("M.Psi.",), ""),
    "olahraga": (("S.Or.", "S.Pd."), ("A.Md.",), ("M.Or.",), ""),
}
# The "Drs./Dra." and "Ir." degrees were replaced by S.x. gelar in 1993; older officials still carry them.
FIELDS_DRS = ("umum", "sosial", "ekonomi", "pendidikan")
FIELDS_IR = ("teknik", "perencanaan", "pertanian")
#: Golongan ruang I/a … IV/e, indexed so that one regular promotion (every four years) is +1.
RUANG = (
    "I/a",
    "I/b",
    "I/c",
    "I/d",
    "II/a",
    "II/b",
    "II/c",
    "II/d",
    "III/a",
    "III/b",
    "III/c",
    "III/d",
    "IV/a",
    "IV/b",
    "IV/c",
    "IV/d",
    "IV/e",
)
# Entry golongan by diploma (PP 99/2000): SLTA II/a, D-III II/c, S1 III/a; doctors enter at III/b.
RUANG_MASUK = {"SMA": 4, "D3": 6, "S1": 8, "S2": 8, "S3": 8}
USIA_MASUK = {"SMA": (19, 28), "D3": (21, 30), "S1": (23, 34), "S2": (24, 35), "S3": (25, 36)}


@dataclass(frozen=True)
class Level:
    """What a holder of one kind of position looks like: age, diploma, golongan range, years of service."""

    usia: tuple[int, int]
    pendidikan: tuple[tuple[str, float], ...]
    ruang_min: int
    ruang_max: int
    masa_kerja_min: int
    pppk: str  # golongan PPPK for this level ("" = never PPPK)


S1_ONLY = (("S1", 1.0),)
LEVELS = {
    # Structural: the usual golongan of holders (PP 100/2000 sets the minimum one step lower).
    "jpt": Level((48, 59), (("S2", 0.8), ("S3", 0.15), ("S1", 0.05)), 14, 15, 18, ""),
    "administrator": Level((42, 57), (("S2", 0.7), ("S1", 0.3)), 12, 13, 12, ""),
    "pengawas": Level((35, 56), (("S1", 0.6), ("S2", 0.4)), 10, 12, 6, ""),
    AP: Level((26, 45), (("S1", 0.9), ("S2", 0.1)), 8, 9, 0, "IX"),
    AM: Level((33, 56), (("S1", 0.6), ("S2", 0.4)), 10, 11, 6, "XI"),
    AMD: Level((42, 59), (("S2", 0.7), ("S1", 0.3)), 12, 14, 12, "XIII"),
    TRP: Level((26, 50), (("D3", 1.0),), 6, 7, 0, "VII"),
    MHR: Level((32, 56), (("D3", 1.0),), 8, 9, 5, "VII"),
    PNY: Level((40, 57), (("D3", 1.0),), 10, 11, 10, "VII"),
    # Pelaksana by kelas jabatan (PermenPANRB 11/2024): Penata (S1), Pengelola (D-III), the rest SLTA.
    8: Level((26, 57), S1_ONLY, 8, 11, 0, "IX"),
    7: Level((26, 57), (("D3", 1.0),), 6, 10, 0, "VII"),
    6: Level((26, 57), (("SMA", 0.6), ("S1", 0.25), ("D3", 0.15)), 4, 9, 0, "V"),
    5: Level((26, 57), (("SMA", 1.0),), 4, 9, 0, "V"),
}
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

# ---------------------------------------------------------------------------------------------------------------
# The city: perangkat daerah and their structure
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Upt:
    """A family of units (schools, puskesmas, UPT) whose number grows with the OPD's size."""

    nama: tuple[str, ...]  # one per unit, in order
    kepala: str  # "{unit}" is replaced by the unit name
    jenis: str
    jenjang: str
    kelas: int
    staf: tuple[tuple[str, str | None, float], ...]  # (name, jenjang or None for pelaksana, weight)
    ukuran: int  # typical number of staff per unit
    bagian: float  # share of the OPD's pegawai working in these units
    induk: str | None = None  # name of the bidang unit they report to (None: the head of the OPD)
    minimal: int = 0


@dataclass(frozen=True)
class Opd:
    kode: str
    nama: str
    singkatan: str
    jenis: str  # dinas, badan, satpol, setda, setwan, inspektorat, kecamatan
    bobot: float  # relative size
    bidang: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fungsional: tuple[tuple[str, tuple[str, ...]], ...] = ()
    bidang_studi: tuple[str, ...] = ("umum",)
    upt: tuple[Upt, ...] = ()
    persona: bool = False


SUBBAG_DINAS = ("Umum dan Kepegawaian", "Keuangan dan Aset", "Perencanaan, Evaluasi dan Pelaporan")
FUNGSIONAL_SEKRETARIAT = (
    ("Analis Sumber Daya Manusia Aparatur", (AP, AM)),
    ("Arsiparis", (TRP, AP)),
    ("Perencana", (AP, AM)),
    ("Analis Keuangan Pusat dan Daerah", (AP,)),
    ("Pengelola Pengadaan Barang/Jasa", (AP,)),
)
STAF_PELAKSANA = tuple((nama, None, bobot) for nama, _kelas, bobot in PELAKSANA)

# Real kelurahan and puskesmas names of Kota Bandung, so the demo reads like the city it imitates.
WILAYAH = _daftar(
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
PUSKESMAS = _daftar(
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

OPDS: tuple[Opd, ...] = (
    Opd(
        "SETDA",
        "Sekretariat Daerah",
        "Setda",
        jenis="setda",
        bobot=3.5,
        bidang=(
            ("Asisten Pemerintahan dan Kesejahteraan Rakyat", ()),
            ("Asisten Perekonomian dan Pembangunan", ()),
            ("Asisten Administrasi Umum", ()),
        ),
        fungsional=(
            ("Analis Hukum", (AP, AM)),
            ("Perancang Peraturan Perundang-undangan", (AP, AM)),
            ("Analis Kebijakan", (AP, AM, AMD)),
            ("Pranata Hubungan Masyarakat", (TRP, AP)),
            ("Pengelola Pengadaan Barang/Jasa", (AP, AM)),
        ),
        bidang_studi=("sosial", "hukum", "ekonomi", "umum"),
    ),
    Opd(
        "SETWAN",
        "Sekretariat DPRD",
        "Setwan",
        jenis="setwan",
        bobot=1.2,
        bidang=(
            ("Umum dan Keuangan", ("Tata Usaha dan Kepegawaian", "Rumah Tangga", "Perencanaan dan Keuangan")),
            ("Persidangan dan Perundang-undangan", ("Persidangan dan Risalah", "Perundang-undangan")),
            ("Fasilitasi Penganggaran dan Pengawasan", ("Fasilitasi Penganggaran", "Fasilitasi Pengawasan")),
            ("Hubungan Masyarakat dan Protokol", ("Hubungan Masyarakat", "Protokol")),
        ),
        fungsional=(
            ("Analis Kebijakan", (AP, AM)),
            ("Perancang Peraturan Perundang-undangan", (AP,)),
            ("Pranata Hubungan Masyarakat", (TRP, AP)),
        ),
        bidang_studi=("sosial", "hukum", "umum"),
    ),
    Opd(
        "INSPEKTORAT",
        "Inspektorat",
        "Inspektorat",
        jenis="inspektorat",
        bobot=1.0,
        bidang=(("Wilayah I", ()), ("Wilayah II", ()), ("Wilayah III", ()), ("Wilayah IV", ())),
        fungsional=(
            ("Auditor", (AP, AM, AMD)),
            ("Pengawas Penyelenggaraan Urusan Pemerintahan Daerah", (AP, AM)),
        ),
        bidang_studi=("ekonomi", "hukum", "umum"),
    ),
    Opd(
        "BAPPELITBANG",
        "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan",
        "Bappelitbang",
        jenis="badan",
        bobot=0.9,
        bidang=(
            ("Perencanaan, Pengendalian dan Evaluasi Pembangunan", ("Perencanaan Makro", "Pengendalian dan Evaluasi")),
            ("Pemerintahan dan Pembangunan Manusia", ("Pemerintahan", "Pembangunan Manusia")),
            ("Perekonomian dan Sumber Daya Alam", ("Perekonomian", "Sumber Daya Alam")),
            ("Infrastruktur dan Pengembangan Wilayah", ("Infrastruktur", "Pengembangan Wilayah")),
            ("Penelitian dan Pengembangan", ("Penelitian", "Inovasi dan Teknologi")),
        ),
        fungsional=(("Perencana", (AP, AM, AMD)), ("Peneliti", (AP, AM)), ("Analis Kebijakan", (AP,))),
        bidang_studi=("perencanaan", "ekonomi", "umum"),
    ),
    Opd(
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "BKPSDM",
        jenis="badan",
        bobot=1.0,
        bidang=(
            (
                "Pengadaan, Pemberhentian dan Informasi",
                ("Pengadaan dan Pemberhentian", "Data dan Informasi Kepegawaian"),
            ),
            ("Mutasi dan Promosi", ("Mutasi", "Promosi dan Kepangkatan")),
            (
                "Pengembangan Kompetensi Aparatur",
                ("Pengembangan Kompetensi Teknis", "Pengembangan Kompetensi Manajerial"),
            ),
            ("Penilaian Kinerja Aparatur dan Penghargaan", ("Penilaian Kinerja", "Disiplin dan Penghargaan")),
        ),
        fungsional=(
            ("Analis Sumber Daya Manusia Aparatur", (AP, AM, AMD)),
            ("Pranata Sumber Daya Manusia Aparatur", (TRP, MHR)),
            ("Asesor Sumber Daya Manusia Aparatur", (AP, AM)),
        ),
        bidang_studi=("psikologi", "umum", "hukum"),
    ),
    Opd(
        "BPKAD",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "BPKAD",
        jenis="badan",
        bobot=1.5,
        bidang=(
            ("Anggaran", ("Anggaran Pendapatan dan Pembiayaan", "Anggaran Belanja")),
            ("Perbendaharaan", ("Pengelolaan Kas", "Penatausahaan Belanja")),
            ("Akuntansi dan Pelaporan", ("Akuntansi", "Pelaporan Keuangan")),
            ("Aset", ("Perencanaan dan Penatausahaan Aset", "Pemanfaatan dan Pengamanan Aset")),
        ),
        fungsional=(("Analis Keuangan Pusat dan Daerah", (AP, AM, AMD)), ("Pranata Komputer", (TRP, AP))),
        bidang_studi=("ekonomi",),
    ),
    Opd(
        "BAPENDA",
        "Badan Pendapatan Daerah",
        "Bapenda",
        jenis="badan",
        bobot=2.0,
        bidang=(
            ("Pendataan dan Penetapan", ("Pendataan", "Penetapan")),
            ("Pelayanan dan Penagihan", ("Pelayanan", "Penagihan")),
            ("Pajak Bumi dan Bangunan", ("Pendataan dan Penilaian PBB", "Penetapan dan Keberatan PBB")),
            ("Pengendalian dan Evaluasi Pendapatan", ("Pengendalian", "Evaluasi dan Pelaporan")),
        ),
        fungsional=(("Analis Keuangan Pusat dan Daerah", (AP, AM)), ("Pranata Komputer", (TRP, AP))),
        bidang_studi=("ekonomi", "umum"),
        upt=(
            Upt(
                tuple(
                    f"UPT Pendapatan Wilayah {w}"
                    for w in ("Bandung Utara", "Bandung Selatan", "Bandung Timur", "Bandung Barat")
                ),
                kepala="Kepala {unit}",
                jenis=PGW,
                jenjang=Jenjang.PENGAWAS,
                kelas=9,
                staf=STAF_PELAKSANA,
                ukuran=20,
                bagian=0.35,
            ),
        ),
    ),
    Opd(
        "KESBANGPOL",
        "Badan Kesatuan Bangsa dan Politik",
        "Kesbangpol",
        jenis="badan",
        bobot=0.4,
        bidang=(
            ("Ideologi dan Wawasan Kebangsaan", ("Ideologi dan Wawasan Kebangsaan", "Karakter Bangsa")),
            (
                "Politik Dalam Negeri dan Organisasi Kemasyarakatan",
                ("Politik Dalam Negeri", "Organisasi Kemasyarakatan"),
            ),
            ("Ketahanan Ekonomi, Sosial dan Budaya", ("Ketahanan Ekonomi, Sosial dan Budaya", "Penanganan Konflik")),
        ),
        fungsional=(("Analis Kebijakan", (AP, AM)),),
        bidang_studi=("sosial", "umum"),
    ),
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
    *(
        Opd(
            f"KEC-{kode}",
            f"Kecamatan {nama}",
            f"Kec. {nama}",
            "kecamatan",
            0.5,
            bidang=tuple((kelurahan, ()) for kelurahan in daftar),
            bidang_studi=("sosial", "umum"),
        )
        for kode, nama, daftar in (
            ("COBLONG", "Coblong", ("Cipaganti", "Lebakgede", "Sadangserang", "Sekeloa", "Dago", "Lebaksiliwangi")),
            ("SUKAJADI", "Sukajadi", ("Sukawarna", "Sukagalih", "Sukabungah", "Cipedes", "Pasteur")),
            (
                "CICENDO",
                "Cicendo",
                ("Arjuna", "Pasirkaliki", "Pamoyanan", "Pajajaran", "Husein Sastranegara", "Sukaraja"),
            ),
            ("ANDIR", "Andir", ("Campaka", "Maleber", "Garuda", "Dungus Cariang", "Ciroyom", "Kebon Jeruk")),
            ("BDGWETAN", "Bandung Wetan", ("Cihapit", "Citarum", "Tamansari")),
            (
                "LENGKONG",
                "Lengkong",
                ("Cijagra", "Turangga", "Lingkar Selatan", "Malabar", "Burangrang", "Paledang", "Cikawao"),
            ),
        )
    ),
)

SETDA_BAGIAN = (
    (
        ("Tata Pemerintahan", ("Pemerintahan Umum", "Otonomi Daerah", "Kerja Sama")),
        ("Hukum", ("Peraturan Perundang-undangan", "Bantuan Hukum", "Dokumentasi dan Informasi Hukum")),
        (
            "Kesejahteraan Rakyat dan Kemasyarakatan",
            ("Bina Mental Spiritual", "Kesejahteraan Sosial", "Kemasyarakatan"),
        ),
    ),
    (
        ("Perekonomian", ("Badan Usaha Milik Daerah", "Sumber Daya Alam", "Perekonomian Daerah")),
        ("Administrasi Pembangunan", ("Penyusunan Program", "Pengendalian Program", "Evaluasi dan Pelaporan")),
        (
            "Pengadaan Barang/Jasa",
            ("Pengelolaan Pengadaan", "Layanan Pengadaan Secara Elektronik", "Pembinaan dan Advokasi Pengadaan"),
        ),
    ),
    (
        ("Umum", ("Tata Usaha Pimpinan", "Rumah Tangga", "Keuangan")),
        (
            "Organisasi",
            (
                "Kelembagaan dan Analisis Jabatan",
                "Pelayanan Publik dan Tata Laksana",
                "Kinerja dan Reformasi Birokrasi",
            ),
        ),
        ("Protokol dan Komunikasi Pimpinan", ("Protokol", "Komunikasi Pimpinan", "Dokumentasi Pimpinan")),
    ),
)
KECAMATAN_SEKSI = (
    "Pemerintahan",
    "Ketenteraman dan Ketertiban Umum",
    "Ekonomi dan Pembangunan",
    "Kesejahteraan Sosial",
    "Pemberdayaan Masyarakat",
)

# ---------------------------------------------------------------------------------------------------------------
# Plan: plain rows with list indices instead of primary keys
# ---------------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class UnitRow:
    opd: int
    parent: int | None
    nama: str
    depth: int


@dataclass(slots=True)
class JabatanRow:
    unit: int
    parent: int | None
    nama: str
    jenis: str
    jenjang: str
    kelas: int
    depth: int


@dataclass(slots=True)
class PersonRow:
    nip: str
    nama: str
    gelar_depan: str
    gelar_belakang: str
    jenis_kelamin: str
    tanggal_lahir: datetime.date
    status: str
    golongan: str
    jabatan: int
    tmt: datetime.date
    aktif: bool = True
    atasan_override: int | None = None
    pimpinan: bool = False  # holds a structural position (a possible target of atasan_override)


@dataclass(slots=True)
class PenugasanRow:
    pegawai: int
    jabatan: int
    jenis: str
    mulai: datetime.date
    selesai: datetime.date
    nomor_sk: str


@dataclass(slots=True)
class AccountRow:
    """A login that is not a pegawai (operators)."""

    username: str
    first_name: str
    last_name: str
    is_staff: bool
    peran: list[tuple[str, int | None]]


@dataclass
class City:
    seed: int
    today: datetime.date
    opd: list[Opd] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)
    jabatan: list[JabatanRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    penugasan: list[PenugasanRow] = field(default_factory=list)
    accounts: list[AccountRow] = field(default_factory=list)
    #: (person index, jenis peran, OPD index or None)
    peran: list[tuple[int, str, int | None]] = field(default_factory=list)
    #: persona → person index (pegawai logins) or account index (key starting with "akun:")
    personas: dict[str, int] = field(default_factory=dict)


@dataclass
class _Node:
    """One structural unit of an OPD template and its positions: the first heads the unit, the others report
    to it (a lurah and the sekretaris kelurahan). Staff report to the last one."""

    unit: str
    positions: list[tuple[str, str, str, int]]  # (nama, jenis, jenjang, kelas)
    staf: tuple[tuple[str, str | None, float], ...] = ()
    bobot: float = 0.0  # expected staff at full size
    children: list[_Node] = field(default_factory=list)
    force: bool = False
    min_staf: int = 0
    tag: str = ""


def _pos(nama: str, jenis: str, kelas: int) -> tuple[str, str, str, int]:
    jenjang = {JPT: Jenjang.JPT_PRATAMA, ADM: Jenjang.ADMINISTRATOR, PGW: Jenjang.PENGAWAS}[jenis]
    return (nama, jenis, jenjang, kelas)


def _fungsional_staf(rng: random.Random, opd: Opd, k: int) -> tuple[tuple[str, str | None, float], ...]:
    if not opd.fungsional:
        return ()
    names = rng.sample(opd.fungsional, min(k, len(opd.fungsional)))
    return tuple((nama, jenjang, 3.0 if jenjang in (AP, TRP) else 2.0) for nama, levels in names for jenjang in levels)


def _sekretariat(rng: random.Random, judul: str, kelas: int, subbag: tuple[str, ...], kelas_sub: int = 9) -> _Node:
    return _Node(
        "Sekretariat",
        [_pos(judul, ADM, kelas)],
        staf=tuple((n, j, 1.0) for n, levels in rng.sample(FUNGSIONAL_SEKRETARIAT, 3) for j in levels),
        bobot=3,
        tag="sekretaris",
        children=[
            _Node(f"Subbagian {s}", [_pos(f"Kepala Subbagian {s}", PGW, kelas_sub)], STAF_PELAKSANA, 5) for s in subbag
        ],
    )


def _template(opd: Opd, rng: random.Random) -> _Node:
    """The full structure of one OPD; :meth:`_Builder._plan_opd` keeps as much of it as its size allows."""
    if opd.jenis == "setda":
        root = _Node(opd.nama, [_pos("Sekretaris Daerah", JPT, 15)])
        for (asisten, _), bagian in zip(opd.bidang, SETDA_BAGIAN, strict=True):
            node = _Node(asisten, [_pos(asisten, JPT, 14)])
            for nama, subbag in bagian:
                node.children.append(
                    _Node(
                        f"Bagian {nama}",
                        [_pos(f"Kepala Bagian {nama}", ADM, 11)],
                        _fungsional_staf(rng, opd, 2),
                        3,
                        [
                            _Node(f"Subbagian {s}", [_pos(f"Kepala Subbagian {s}", PGW, 9)], STAF_PELAKSANA, 5)
                            for s in subbag
                        ],
                    )
                )
            root.children.append(node)
        return root
    if opd.jenis == "setwan":
        root = _Node(opd.nama, [_pos("Sekretaris DPRD", JPT, 14)])
        for nama, subbag in opd.bidang:
            root.children.append(
                _Node(
                    f"Bagian {nama}",
                    [_pos(f"Kepala Bagian {nama}", ADM, 11)],
                    _fungsional_staf(rng, opd, 2),
                    3,
                    [
                        _Node(f"Subbagian {s}", [_pos(f"Kepala Subbagian {s}", PGW, 9)], STAF_PELAKSANA, 5)
                        for s in subbag
                    ],
                )
            )
        return root
    if opd.jenis == "inspektorat":
        root = _Node(opd.nama, [_pos("Inspektur", JPT, 14)])
        root.children.append(
            _sekretariat(rng, "Sekretaris Inspektorat", 12, ("Umum dan Kepegawaian", "Perencanaan dan Keuangan"))
        )
        auditor = tuple((n, j, 3.0 if j == AP else 2.0) for n, levels in opd.fungsional for j in levels)
        for wilayah, _ in opd.bidang:
            root.children.append(
                _Node(f"Inspektorat Pembantu {wilayah}", [_pos(f"Inspektur Pembantu {wilayah}", ADM, 11)], auditor, 12)
            )
        return root
    if opd.jenis == "kecamatan":
        wilayah = opd.nama.removeprefix("Kecamatan ")
        root = _Node(opd.nama, [_pos(f"Camat {wilayah}", ADM, 12)])
        sekretariat = _Node(
            "Sekretariat Kecamatan",
            [_pos("Sekretaris Kecamatan", ADM, 11)],
            children=[
                _Node(f"Subbagian {s}", [_pos(f"Kepala Subbagian {s}", PGW, 8)], STAF_PELAKSANA, 4)
                for s in ("Umum dan Kepegawaian", "Program dan Keuangan")
            ],
        )
        seksi = [_Node(f"Seksi {s}", [_pos(f"Kepala Seksi {s}", PGW, 9)], STAF_PELAKSANA, 3) for s in KECAMATAN_SEKSI]
        kelurahan = [
            _Node(
                f"Kelurahan {k}",
                [_pos(f"Lurah {k}", PGW, 9), _pos(f"Sekretaris Kelurahan {k}", PGW, 8)],
                STAF_PELAKSANA,
                6,
            )
            for k, _ in opd.bidang
        ]
        # Interleaved so that a small kecamatan still gets some kelurahan (see _ordered: the wave is the sibling
        # index), not only seksi.
        root.children.append(sekretariat)
        for i in range(max(len(seksi), len(kelurahan))):
            root.children.extend(nodes[i] for nodes in (kelurahan, seksi) if i < len(nodes))
        return root

    kepala, bidang_label, seksi_label = {
        "dinas": (f"Kepala {opd.nama}", "Bidang", "Seksi"),
        "badan": (f"Kepala {opd.nama}", "Bidang", "Subbidang"),
        "satpol": ("Kepala Satuan Polisi Pamong Praja", "Bidang", "Seksi"),
    }[opd.jenis]
    sekretaris = "Sekretaris Badan" if opd.jenis == "badan" else "Sekretaris"
    root = _Node(opd.nama, [_pos(kepala, JPT, 14)])
    root.children.append(_sekretariat(rng, sekretaris, 12, SUBBAG_DINAS[:2] if opd.bobot < 1 else SUBBAG_DINAS))
    for i, (nama, seksi) in enumerate(opd.bidang):
        persona = opd.persona and i == 0
        root.children.append(
            _Node(
                f"{bidang_label} {nama}",
                [_pos(f"Kepala {bidang_label} {nama}", ADM, 11)],
                _fungsional_staf(rng, opd, 2),
                6,
                [
                    _Node(
                        f"{seksi_label} {s}",
                        [_pos(f"Kepala {seksi_label} {s}", PGW, 9)],
                        STAF_PELAKSANA,
                        6,
                        force=persona,
                        min_staf=3 if persona else 0,
                        tag=f"persona-seksi-{j}" if persona else "",
                    )
                    for j, s in enumerate(seksi)
                ],
                force=persona,
                tag="persona-bidang" if persona else "",
            )
        )
    return root


def _ordered(root: _Node) -> list[tuple[_Node, _Node | None]]:
    """Nodes with their parent, in the order a growing OPD fills them: by "wave" (the largest sibling index on
    the path from the root), then depth-first. Every first child comes in wave 0, every second child in wave 1…
    so a small OPD gets one of everything before a large one gets its third seksi. Parents always come first."""
    found: list[tuple[int, int, _Node, _Node | None]] = []

    def walk(node: _Node, parent: _Node | None, wave: int) -> None:
        found.append((wave, len(found), node, parent))
        for i, child in enumerate(node.children):
            walk(child, node, max(wave, i))

    walk(root, None, 0)
    found.sort(key=lambda item: (item[0], item[1]))
    return [(node, parent) for _, _, node, parent in found]


def _apportion(total: int, weights: list[float], minimums: list[int] | None = None) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder), each at least its minimum."""
    minimums = minimums or [0] * len(weights)
    rest = total - sum(minimums)
    if rest < 0:
        raise ValueError("minimums exceed the total")
    weight_sum = sum(weights)
    if not weights or weight_sum <= 0:
        return list(minimums)
    quotas = [rest * w / weight_sum for w in weights]
    counts = [int(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - counts[i]), i))
    for i in order[: rest - sum(counts)]:
        counts[i] += 1
    return [c + m for c, m in zip(counts, minimums, strict=True)]


@dataclass
class _OpdPlan:
    index: int
    opd: Opd
    size: int
    top: int = -1
    #: structural positions as (jabatan, parent jabatan)
    struct: list[tuple[int, int | None]] = field(default_factory=list)
    #: where staff go: (unit, parent jabatan, staff profile, weight, minimum, tag)
    slots: list[tuple[int, int, tuple, float, int, str]] = field(default_factory=list)
    #: unit name → (unit, head jabatan)
    named: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: node tag → head jabatan ("sekretaris", "persona-bidang", "persona-seksi-N")
    tags: dict[str, int] = field(default_factory=dict)
    vacant: set[int] = field(default_factory=set)


# Professions whose gelar only fits their own jabatan fungsional: a pelaksana or a kepala dinas drawn from such a
# field gets a general degree instead.
PROFESI = ("dokter", "dokter_gigi", "keperawatan", "kebidanan", "farmasi", "veteriner")
BIDANG_UMUM = ("sosial", "ekonomi", "hukum", "umum")


class _Builder:
    def __init__(self, n: int, seed: int, today: datetime.date):
        self.rng = random.Random(seed)
        self.city = City(seed=seed, today=today)
        self.today = today
        self.n = n
        self.nip_urut: dict[str, int] = {}
        self.holders: dict[int, int] = {}  # structural jabatan → person
        self.sk = 0

    # --- people --------------------------------------------------------------------------------------------

    def _nama(self, perempuan: bool) -> str:
        rng = self.rng
        depan = rng.choice(NAMA_PEREMPUAN if perempuan else NAMA_LAKI)
        parts = [depan]
        if rng.random() < 0.12:
            tengah = rng.choice(NAMA_TENGAH_PEREMPUAN if perempuan else NAMA_TENGAH_LAKI)
            if tengah != depan:
                parts.insert(0, tengah)
        if rng.random() < 0.93 or len(parts) == 1:
            keluarga = NAMA_KELUARGA_PEREMPUAN if perempuan and rng.random() < 0.8 else NAMA_KELUARGA_LAKI
            parts.append(rng.choice(keluarga))
        return " ".join(parts)

    def _gelar(self, pendidikan: str, bidang: str, perempuan: bool, lahir: int, usia: int, apoteker: bool):
        rng = self.rng
        s1, d3, s2, profesi = GELAR[bidang]
        depan: list[str] = []
        belakang: list[str] = []
        if pendidikan == "D3":
            belakang.append(rng.choice(d3))
        elif pendidikan in ("S1", "S2", "S3"):
            if pendidikan == "S3":
                depan.append("Dr.")
            if profesi and (profesi != "apt." or apoteker):
                depan.append(profesi)
                if profesi == "apt.":
                    belakang.append(s1[0])
            elif bidang in FIELDS_DRS and lahir <= 1967:
                depan.append("Dra." if perempuan else "Drs.")
            elif bidang in FIELDS_IR and lahir <= 1975:
                depan.append("Ir.")
            else:
                belakang.append(rng.choice(s1))
            if pendidikan in ("S2", "S3"):
                belakang.append(rng.choice(s2))
        # The pilgrimage title, more common among senior officials.
        if usia >= 45 and rng.random() < 0.2:
            depan.append("Hj." if perempuan else "H.")
        return " ".join(depan), ", ".join(g for g in belakang if g)

    def person(
        self,
        jabatan: int,
        level_key,
        *,
        bidang: str,
        perempuan_p: float,
        pppk_p: float = 0.0,
        apoteker: bool = False,
        pensiun: bool = False,
        sekda: bool = False,
    ) -> int:
        rng, today = self.rng, self.today
        level = LEVELS[level_key]
        perempuan = rng.random() < perempuan_p
        # Batas usia pensiun is 58 (60 for JPT and ahli madya, UU 20/2023); a pensiunan is a little older.
        usia = rng.randint(59, 61) if pensiun else rng.randint(*level.usia)
        tahun_lahir = today.year - usia
        lahir = datetime.date(tahun_lahir, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        r, pendidikan = rng.random(), level.pendidikan[-1][0]
        for nama, p in level.pendidikan:
            if r < p:
                pendidikan = nama
                break
            r -= p
        pppk = bool(level.pppk) and not pensiun and rng.random() < pppk_p
        if pppk:
            # PPPK were first appointed in 2021 (PP 49/2018); their nomor induk carries only the year.
            awal = max(2021, tahun_lahir + 19)
            tahun = rng.randint(min(awal, today.year), today.year)
            tmt = datetime.date(tahun, 1, 1)
            status = StatusPegawai.PPPK
            golongan = level.pppk
        else:
            lo, hi = USIA_MASUK[pendidikan]
            hi = min(hi, usia - level.masa_kerja_min)
            lo = max(19, min(lo, hi))
            tahun = tahun_lahir + rng.randint(lo, hi)
            bulan = rng.choice((1, 2, 3, 3, 4, 6, 7, 10, 12, 12))
            if tahun >= today.year:
                tahun, bulan = today.year, min(bulan, today.month)
            tmt = datetime.date(tahun, bulan, 1)
            # CPNS during the first year (PP 11/2017 Pasal 34: a year of probation before becoming PNS).
            cpns = (today - tmt).days < 365
            status = StatusPegawai.CPNS if cpns else StatusPegawai.PNS
            masuk = RUANG_MASUK[pendidikan] + (1 if bidang in ("dokter", "dokter_gigi") else 0)
            if cpns:
                ruang = masuk
            else:
                # One regular promotion every four years, within what the position allows.
                naik = masuk + (today.year - tahun) // 4
                ruang = min(max(naik, level.ruang_min), level.ruang_max + (1 if sekda else 0))
            golongan = RUANG[ruang]
        kode = f"{lahir:%Y%m%d}{tmt.year:04d}{'21' if pppk else f'{tmt.month:02d}'}{'2' if perempuan else '1'}"
        # Nomor urut: unique among NIPs sharing the 15 digits before it; real ones rarely start at 001.
        urut = self.nip_urut.get(kode) or rng.randint(1, 12)
        self.nip_urut[kode] = urut + 1
        depan, belakang = self._gelar(pendidikan, bidang, perempuan, tahun_lahir, usia, apoteker)
        self.city.people.append(
            PersonRow(
                nip=f"{kode}{urut:03d}",
                nama=self._nama(perempuan),
                gelar_depan=depan,
                gelar_belakang=belakang,
                jenis_kelamin="P" if perempuan else "L",
                tanggal_lahir=lahir,
                status=status,
                golongan=golongan,
                jabatan=jabatan,
                tmt=tmt,
                aktif=not pensiun,
            )
        )
        return len(self.city.people) - 1

    # --- structure -----------------------------------------------------------------------------------------

    def unit(self, opd: int, parent: int | None, nama: str) -> int:
        depth = 0 if parent is None else self.city.units[parent].depth + 1
        self.city.units.append(UnitRow(opd, parent, nama, depth))
        return len(self.city.units) - 1

    def jabatan(self, unit: int, parent: int | None, nama: str, jenis: str, jenjang: str, kelas: int) -> int:
        depth = 0 if parent is None else self.city.jabatan[parent].depth + 1
        self.city.jabatan.append(JabatanRow(unit, parent, nama, jenis, jenjang, kelas, depth))
        return len(self.city.jabatan) - 1

    def build(self) -> City:
        opds = list(OPDS)
        self.city.opd = opds
        # Every OPD needs a head, a sekretariat, a bidang, a seksi and staff; the persona OPD its persona bidang.
        floors = [30 if o.persona else 7 for o in opds]
        sizes = _apportion(self.n, [o.bobot for o in opds], floors)
        plans = [self._plan_opd(i, opd, size) for i, (opd, size) in enumerate(zip(opds, sizes, strict=True))]
        self._heads_report_to_sekda(plans)
        self._vacancies(plans)
        self._leaders(plans)
        self._acting(plans)
        for plan in plans:
            self._staff(plan)
        self._overrides(plans)
        self._accounts(plans)
        return self.city

    def _heads_report_to_sekda(self, plans: list[_OpdPlan]) -> None:
        """PermenPANRB 6/2022: the pejabat penilai kinerja of a kepala perangkat daerah is the Sekretaris Daerah, so
        the head of every OPD but the Sekretariat Daerah sits under the Sekda's position. The Sekda's own penilai is
        the kepala daerah, who is not an ASN and holds no position here: the Sekda's position keeps no parent."""
        rows = self.city.jabatan
        sekda = next(p.top for p in plans if p.opd.jenis == "setda")
        for plan in plans:
            if plan.top != sekda:
                rows[plan.top].parent = sekda
        # Depths follow the new parents: seed_city inserts positions level by level, parents first.
        depth: dict[int, int] = {}
        for start in range(len(rows)):
            chain, node = [], start
            while node not in depth and rows[node].parent is not None:
                chain.append(node)
                node = rows[node].parent
            if node not in depth:
                depth[node] = 0
            for i in reversed(chain):
                depth[i] = depth[rows[i].parent] + 1
        for i, row in enumerate(rows):
            row.depth = depth[i]

    def _plan_opd(self, index: int, opd: Opd, size: int) -> _OpdPlan:
        root = _template(opd, self.rng)
        upt_counts = []
        for group in opd.upt:
            count = round(size * group.bagian / (group.ukuran + 1))
            upt_counts.append(min(len(group.nama), max(group.minimal if size >= 12 else 0, count)))
        kantor = size - sum(c * (g.ukuran + 1) for c, g in zip(upt_counts, opd.upt, strict=True))
        # About one structural position per five pegawai of the office (the rest are staff), and never fewer
        # than five, so even the smallest OPD has a head, a sekretaris, a kasubbag, a kabid and a kasi.
        budget = max(5, round(kantor * 0.2))
        included: set[int] = set()
        used = 0
        for node, parent in _ordered(root):
            if parent is not None and id(parent) not in included:
                continue
            if node.force or used + len(node.positions) <= budget:
                included.add(id(node))
                used += len(node.positions)
        plan = _OpdPlan(index, opd, size)
        self._emit(plan, root, None, None, included)
        for group, count in zip(opd.upt, upt_counts, strict=True):
            # Under their bidang when the OPD is big enough to have it, otherwise under the head.
            anchor = plan.named.get(f"Bidang {group.induk}") if group.induk else None
            unit_parent, jabatan_parent = anchor or plan.named[opd.nama]
            for nama in group.nama[:count]:
                unit = self.unit(index, unit_parent, nama)
                kepala = self.jabatan(
                    unit, jabatan_parent, group.kepala.format(unit=nama), group.jenis, group.jenjang, group.kelas
                )
                plan.struct.append((kepala, jabatan_parent))
                plan.slots.append((unit, kepala, group.staf, group.ukuran, 0, ""))
        return plan

    def _emit(self, plan: _OpdPlan, node: _Node, unit_parent, jabatan_parent, included: set[int]) -> None:
        unit = self.unit(plan.index, unit_parent, node.unit)
        ids: list[int] = []
        for nama, jenis, jenjang, kelas in node.positions:
            parent = ids[0] if ids else jabatan_parent
            ids.append(self.jabatan(unit, parent, nama, jenis, jenjang, kelas))
            plan.struct.append((ids[-1], parent))
        if plan.top < 0:
            plan.top = ids[0]
        plan.named[node.unit] = (unit, ids[0])
        if node.tag:
            plan.tags[node.tag] = ids[0]
        if node.staf:
            plan.slots.append((unit, ids[-1], node.staf, node.bobot, node.min_staf, node.tag))
        for child in node.children:
            if id(child) in included:
                self._emit(plan, child, unit, ids[0], included)

    def _persona_positions(self, plan: _OpdPlan) -> set[int]:
        return {j for tag, j in plan.tags.items() if tag.startswith("persona")}

    def _vacancies(self, plans: list[_OpdPlan]) -> None:
        """Leave about 4% of administrator/pengawas positions vacant. The persona OPD gets its planned case: the
        first seksi of the persona bidang is vacant (its kasi is a Plt, see :meth:`_acting`)."""
        rng, city = self.rng, self.city
        for plan in plans:
            keep = self._persona_positions(plan) | {plan.top}
            if plan.opd.persona:
                plan.vacant.add(plan.tags["persona-seksi-0"])
            for jabatan, _parent in plan.struct:
                if city.jabatan[jabatan].jenis in (ADM, PGW) and jabatan not in keep and rng.random() < 0.04:
                    plan.vacant.add(jabatan)

    def _leaders(self, plans: list[_OpdPlan]) -> None:
        rng, city = self.rng, self.city
        for plan in plans:
            opd = plan.opd
            for jabatan, _parent in plan.struct:
                if jabatan in plan.vacant:
                    continue
                row = city.jabatan[jabatan]
                if row.jenis == JF:  # kepala sekolah: a guru ahli madya with an additional task
                    key, bidang, perempuan = row.jenjang, "pendidikan", 0.55
                else:
                    key = {JPT: "jpt", ADM: "administrator", PGW: "pengawas"}[row.jenis]
                    bidang = rng.choice(opd.bidang_studi) if rng.random() < 0.6 else rng.choice(BIDANG_UMUM)
                    perempuan = 0.33
                person = self.person(
                    jabatan,
                    key,
                    bidang=bidang,
                    perempuan_p=perempuan,
                    sekda=opd.jenis == "setda" and jabatan == plan.top,
                )
                city.people[person].pimpinan = True
                self.holders[jabatan] = person

    def _acting(self, plans: list[_OpdPlan]) -> None:
        """Plt for most vacancies, from a peer under the same atasan (SE Kepala BKN 1/SE/I/2021: a Plt holds an
        equal or higher position); the rest stay vacant and supervision passes up. Two OPD heads on leave get
        their sekretaris as Plh for a week or two."""
        rng, city, today = self.rng, self.city, self.today
        for plan in plans:
            peers: dict[tuple[int | None, str], list[int]] = {}
            for jabatan, parent in plan.struct:
                peers.setdefault((parent, city.jabatan[jabatan].jenis), []).append(jabatan)
            persona = self._persona_positions(plan)
            acting: set[int] = set()
            for jabatan, parent in plan.struct:
                if jabatan not in plan.vacant:
                    continue
                if plan.opd.persona and jabatan == plan.tags["persona-seksi-0"]:
                    candidates = [plan.tags["persona-seksi-2"]]
                elif rng.random() < 0.8:
                    candidates = [
                        j
                        for j in peers[(parent, city.jabatan[jabatan].jenis)]
                        if j in self.holders and j not in persona and self.holders[j] not in acting
                    ]
                else:
                    candidates = []
                if candidates:
                    holder = self.holders[rng.choice(candidates)]
                    acting.add(holder)
                    mulai = today - datetime.timedelta(days=rng.randint(10, 150))
                    self._penugasan(holder, jabatan, JenisPenugasan.PLT, mulai, mulai + datetime.timedelta(days=180))
        on_leave = [
            p
            for p in plans
            if not p.opd.persona
            and p.opd.jenis in ("dinas", "badan")
            and p.top in self.holders
            and p.tags.get("sekretaris") in self.holders
        ]
        for plan in rng.sample(on_leave, min(2, len(on_leave))):
            mulai = today - datetime.timedelta(days=rng.randint(1, 5))
            selesai = mulai + datetime.timedelta(days=rng.randint(7, 14))
            self._penugasan(self.holders[plan.tags["sekretaris"]], plan.top, JenisPenugasan.PLH, mulai, selesai)

    def _penugasan(self, pegawai: int, jabatan: int, jenis: str, mulai, selesai) -> None:
        self.sk += 1
        nomor = f"800.1.3.3/{self.sk:04d}-BKPSDM/{mulai.year}"
        self.city.penugasan.append(PenugasanRow(pegawai, jabatan, jenis, mulai, selesai, nomor))

    def _staff(self, plan: _OpdPlan) -> None:
        rng, city = self.rng, self.city
        opd = plan.opd
        filled = sum(1 for j, _p in plan.struct if j not in plan.vacant)
        counts = _apportion(plan.size - filled, [s[3] for s in plan.slots], [s[4] for s in plan.slots])
        umum = [b for b in opd.bidang_studi if b not in PROFESI] or list(BIDANG_UMUM)
        for (unit, parent, staf, _bobot, _min, tag), m in zip(plan.slots, counts, strict=True):
            if not m:
                continue
            # A few jabatan per unit, several holders each (a formasi): about √m different jabatan for m staff.
            k = min(len(staf), m, max(1, math.isqrt(m)))
            pool, chosen = list(staf), []
            for _ in range(k):
                pick = rng.choices(range(len(pool)), weights=[w for _n, _j, w in pool])[0]
                chosen.append(pool.pop(pick))
            per_jabatan = _apportion(m, [w for _n, _j, w in chosen], [1] * k)
            persona = tag.startswith("persona")
            for (nama, jenjang, _w), jumlah in zip(chosen, per_jabatan, strict=True):
                if jenjang is None:
                    kelas = next(kelas for n, kelas, _b in PELAKSANA if n == nama)
                    jabatan = self.jabatan(unit, parent, nama, PLK, Jenjang.PELAKSANA, kelas)
                    level, perempuan, pppk = kelas, 0.5, 0.05
                else:
                    jabatan = self.jabatan(
                        unit, parent, f"{nama} {JENJANG_NAMA[jenjang]}", JF, jenjang, KELAS_JF[jenjang]
                    )
                    bidang, perempuan, pppk = FUNGSIONAL[nama]
                    level = jenjang
                for _ in range(jumlah):
                    if jenjang is None:
                        bidang = rng.choice(umum)
                    # The persona units stay complete and active, so the demo logins always have bawahan.
                    pensiun = not persona and rng.random() < 0.012
                    person = self.person(
                        jabatan,
                        level,
                        bidang=bidang,
                        perempuan_p=perempuan,
                        pppk_p=pppk,
                        apoteker=nama == "Apoteker",
                        pensiun=pensiun,
                    )
                    if tag == "persona-seksi-1" and "pegawai" not in city.personas:
                        city.personas["pegawai"] = person

    def _overrides(self, plans: list[_OpdPlan]) -> None:
        """About 2 per 1,000 pegawai (at least two) get an explicit atasan: a structural official of their OPD
        other than the holder of their parent position (e.g. seconded to the sekretaris)."""
        rng, city = self.rng, self.city
        leaders = {p.index: [self.holders[j] for j, _ in p.struct if j in self.holders] for p in plans}
        persona_units = {city.jabatan[j].unit for p in plans for j in self._persona_positions(p)}
        eligible = [
            i
            for i, person in enumerate(city.people)
            if not person.pimpinan and person.aktif and city.jabatan[person.jabatan].unit not in persona_units
        ]
        for i in sorted(rng.sample(eligible, min(len(eligible), max(2, round(self.n * 0.002))))):
            person = city.people[i]
            jabatan = city.jabatan[person.jabatan]
            natural = self.holders.get(jabatan.parent)
            candidates = [h for h in leaders[city.units[jabatan.unit].opd] if h != natural]
            if candidates:
                person.atasan_override = rng.choice(candidates)

    def _accounts(self, plans: list[_OpdPlan]) -> None:
        city = self.city
        persona = next(p for p in plans if p.opd.persona)
        setda = next(p for p in plans if p.opd.jenis == "setda")
        city.personas["atasan"] = self.holders[persona.tags["persona-seksi-1"]]
        city.personas["atasan_atasan"] = self.holders[persona.tags["persona-bidang"]]
        city.personas["kepala_opd"] = self.holders[persona.top]
        city.personas["plt"] = self.holders[persona.tags["persona-seksi-2"]]
        city.personas["pimpinan"] = self.holders[setda.top]
        # Heads of OPD see the dashboards of their OPD; the sekda those of the whole city (DOMAIN.md §1).
        for plan in plans:
            if plan.top in self.holders:
                city.peran.append((self.holders[plan.top], JenisPeran.PIMPINAN, None if plan is setda else plan.index))
        opd = persona.opd
        city.accounts.append(
            AccountRow(
                f"admin.{opd.singkatan.lower()}", "Admin", opd.singkatan, False, [(JenisPeran.ADMIN_OPD, persona.index)]
            )
        )
        city.personas["akun:admin_opd"] = len(city.accounts) - 1
        city.accounts.append(AccountRow("admin.bkpsdm", "Admin", "BKPSDM", True, [(JenisPeran.ADMIN_BKPSDM, None)]))
        city.personas["akun:admin_bkpsdm"] = len(city.accounts) - 1


def build_city(n: int = DEFAULT_PEGAWAI, seed: int = 1, today: datetime.date | None = None) -> City:
    """Plan a city of exactly ``n`` pegawai. Pure: the same ``(n, seed, today)`` gives the same rows."""
    if n < MIN_PEGAWAI:
        raise ValueError(f"Jumlah pegawai minimal {MIN_PEGAWAI}.")
    if today is None:
        today = timezone.localdate()
    city = _Builder(n, seed, today).build()
    assert len(city.people) == n, (len(city.people), n)
    return city


# ---------------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------------


def unusable_password() -> str:
    # What make_password(None) returns, without its 40 calls to the system RNG per user (20,000 users): the
    # random suffix keeps unusable passwords distinct, the "!" prefix is what makes them unusable.
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


@dataclass
class Seeded:
    city: City
    pegawai_ids: list[int]
    user_ids: list[int]
    demo_hash: str  # the stored hash of DEMO_PASSWORD shared by the demo logins


def copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format (as prepared by ``Field.get_db_prep_save``)."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime.date):  # and datetime
        return value.isoformat()
    if hasattr(value, "adapted") and hasattr(value, "dumps"):  # psycopg2 Json, from JSONField
        value = value.dumps(value.adapted)
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def copy_rows(cursor, table: str, columns: list[str], rows) -> None:
    """COPY ``rows`` (tuples in the order of ``columns``) into ``table`` through a psycopg2 cursor."""
    buffer = io.StringIO()
    buffer.writelines("\t".join(map(copy_text, row)) + "\n" for row in rows)
    buffer.seek(0)
    qn = connection.ops.quote_name
    cursor.copy_expert(f"COPY {qn(table)} ({', '.join(map(qn, columns))}) FROM STDIN", buffer)


def with_defaults(model, fields: list[str], rows):
    """The database columns and complete rows for COPY into ``model``'s table: the values of ``fields`` given
    in ``rows``, then every other concrete field but the primary key with its model default, prepared as
    ``bulk_create`` would send it. So a field another app adds later (with a default) needs no change here."""
    meta = model._meta
    given = [meta.get_field(name) for name in fields]
    template = model()
    rest = [f for f in meta.concrete_fields if not f.primary_key and f not in given]
    defaults = tuple(f.get_db_prep_save(f.pre_save(template, add=True), connection) for f in rest)
    columns = [f.column for f in (*given, *rest)]
    return columns, ((*row, *defaults) for row in rows)


def _check_constraints_now() -> None:
    """Check foreign keys per statement for the rest of the transaction.

    Django creates them DEFERRABLE INITIALLY DEFERRED, and PostgreSQL slows down every statement of a
    transaction that has tens of thousands of deferred checks queued: the 20,000-pegawai seed took 7 s instead
    of 4.5, its ``--reset`` 50 s instead of 9. The seed writes parents before children and Django's deletion
    collector clears or deletes referencing rows first, so checking at once accepts the same writes."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _check_constraints_at_commit() -> None:
    """Back to Django's default (every deferrable constraint it creates is INITIALLY DEFERRED)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _allocate(model, count: int) -> list[int]:
    """``count`` new primary keys from the table's own sequence (identity column), in ascending order."""
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def _copy(model, fields: list[str], rows: list[tuple], ids: list[int] | None = None) -> list[int]:
    """Insert ``rows`` (values of ``fields``) into ``model``'s table with COPY; returns their primary keys
    (``ids``, or new ones from the sequence).

    The 20,000-row tables go through COPY: ``bulk_create`` sends each column as an ``ARRAY[...]`` of 20,000
    separately parsed constants, which took twice as long as inserting the rows (triggers included). COPY
    fires the row triggers like INSERT does; the pghistory context was set for the whole transaction by the
    first write of :func:`seed_city` (``set_config(..., is_local => true)``)."""
    meta = model._meta
    ids = ids if ids is not None else _allocate(model, len(rows))
    columns, full = with_defaults(model, fields, rows)
    with connection.cursor() as cursor:
        copy_rows(
            cursor, meta.db_table, [meta.pk.column, *columns], ((pk, *row) for pk, row in zip(ids, full, strict=True))
        )
    return ids


def seed_city(city: City) -> Seeded:
    """Insert ``city`` with bulk inserts in dependency order. Call inside a transaction and an audit context."""
    _check_constraints_now()
    opd_ids = [
        o.pk
        for o in PerangkatDaerah.objects.bulk_create(
            PerangkatDaerah(kode=o.kode, nama=o.nama, singkatan=o.singkatan) for o in city.opd
        )
    ]

    unit_ids: list[int] = [0] * len(city.units)
    for depth in sorted({u.depth for u in city.units}):
        indices = [i for i, u in enumerate(city.units) if u.depth == depth]
        created = UnitKerja.objects.bulk_create(
            UnitKerja(
                perangkat_daerah_id=opd_ids[city.units[i].opd],
                parent_id=None if city.units[i].parent is None else unit_ids[city.units[i].parent],
                nama=city.units[i].nama,
            )
            for i in indices
        )
        for i, obj in zip(indices, created, strict=True):
            unit_ids[i] = obj.pk

    jabatan_ids: list[int] = [0] * len(city.jabatan)
    for depth in sorted({j.depth for j in city.jabatan}):
        indices = [i for i, j in enumerate(city.jabatan) if j.depth == depth]
        created = Jabatan.objects.bulk_create(
            Jabatan(
                unit_kerja_id=unit_ids[row.unit],
                parent_id=None if row.parent is None else jabatan_ids[row.parent],
                nama=row.nama,
                jenis=row.jenis,
                jenjang=row.jenjang,
                kelas_jabatan=row.kelas,
            )
            for row in (city.jabatan[i] for i in indices)
        )
        for i, obj in zip(indices, created, strict=True):
            jabatan_ids[i] = obj.pk

    demo_hash = make_password(DEMO_PASSWORD)
    user_ids = _copy(User, USER_COLUMNS, user_rows(city, demo_hash))
    # The pegawai ids are known before the COPY, so atasan_override can point at any row of it.
    pegawai_ids = _allocate(Pegawai, len(city.people))
    rows = pegawai_rows(city, range(len(city.people)), user_ids, jabatan_ids, pegawai_ids)
    _copy(Pegawai, PEGAWAI_COLUMNS, rows, pegawai_ids)

    Penugasan.objects.bulk_create(
        Penugasan(
            pegawai_id=pegawai_ids[t.pegawai],
            jabatan_id=jabatan_ids[t.jabatan],
            jenis=t.jenis,
            tanggal_mulai=t.mulai,
            tanggal_selesai=t.selesai,
            nomor_sk=t.nomor_sk,
        )
        for t in city.penugasan
    )
    peran = [
        Peran(user_id=user_ids[person], jenis=jenis, perangkat_daerah_id=None if opd is None else opd_ids[opd])
        for person, jenis, opd in city.peran
    ]
    offset = len(city.people)
    peran += [
        Peran(user_id=user_ids[offset + i], jenis=jenis, perangkat_daerah_id=None if opd is None else opd_ids[opd])
        for i, account in enumerate(city.accounts)
        for jenis, opd in account.peran
    ]
    Peran.objects.bulk_create(peran)
    # Staff operators (admin BKPSDM) may use every model of the portal in the Django admin too.
    permissions = list(Permission.objects.filter(content_type__app_label__in=PORTAL_APPS).values_list("pk", flat=True))
    User.user_permissions.through.objects.bulk_create(
        User.user_permissions.through(user_id=user_ids[offset + i], permission_id=permission)
        for i, account in enumerate(city.accounts)
        if account.is_staff
        for permission in permissions
    )
    _check_constraints_at_commit()
    return Seeded(city=city, pegawai_ids=pegawai_ids, user_ids=user_ids, demo_hash=demo_hash)


USER_COLUMNS = [
    "username",
    "password",
    "is_active",
    "is_staff",
    "is_superuser",
    "first_name",
    "last_name",
    "email",
    "date_joined",
]
PEGAWAI_COLUMNS = [
    "user",
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "jenis_kelamin",
    "tanggal_lahir",
    "status",
    "golongan",
    "jabatan",
    "tmt_cpns",
    "aktif",
    "atasan_override",
    "email",
]


def user_rows(city: City, demo_hash: str) -> list[tuple]:
    """Rows for :data:`USER_COLUMNS`: one login per pegawai (username = NIP), then the operator accounts.

    ``demo_hash`` is one PBKDF2 hash of :data:`DEMO_PASSWORD` (a third of a second at Django's 1,000,000
    iterations) shared by the demo logins; :func:`demo_logins` finds them again by checking that one hash.
    Everyone else gets an unusable password."""
    now = timezone.now()
    personas = {v for k, v in city.personas.items() if not k.startswith("akun:")}
    rows = [
        (p.nip, demo_hash if i in personas else unusable_password(), p.aktif, False, False, "", "", "", now)
        for i, p in enumerate(city.people)
    ]
    rows += [
        (a.username, demo_hash, True, a.is_staff, False, a.first_name, a.last_name, "", now) for a in city.accounts
    ]
    return rows


def pegawai_rows(
    city: City, indices, user_ids: list[int], jabatan_ids: list[int], pegawai_ids: list[int]
) -> list[tuple]:
    """Rows for :data:`PEGAWAI_COLUMNS` of ``city.people[i]`` for ``i`` in ``indices``."""
    rows = []
    for i in indices:
        p = city.people[i]
        rows.append(
            (
                user_ids[i],
                p.nip,
                p.nama,
                p.gelar_depan,
                p.gelar_belakang,
                p.jenis_kelamin,
                p.tanggal_lahir,
                p.status,
                p.golongan,
                jabatan_ids[p.jabatan],
                p.tmt,
                p.aktif,
                None if p.atasan_override is None else pegawai_ids[p.atasan_override],
                "",
            )
        )
    return rows


def _delete_all(queryset, depth: int = 0) -> int:
    """Delete ``queryset`` and, first, whatever PROTECTs/RESTRICTs it (SKP, activities… of later apps, and
    the child units of a unit tree), recursively. Returns the number of rows deleted."""
    if depth > 50:  # deeper than any unit tree: rows protecting each other in a loop
        raise RuntimeError(f"Tidak dapat menghapus {queryset.model._meta.verbose_name}: rujukan PROTECT melingkar.")
    deleted = 0
    while True:
        try:
            count, _ = queryset.delete()
            return deleted + count
        except (ProtectedError, RestrictedError) as exc:
            blockers = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
            by_model: dict[type, list[int]] = {}
            for obj in blockers:
                by_model.setdefault(type(obj), []).append(obj.pk)
            for model, pks in by_model.items():
                deleted += _delete_all(model._default_manager.filter(pk__in=pks), depth + 1)


def delete_organisation() -> int:
    """Remove the organisation and its people: roles, Plt/Plh, pegawai and their logins, positions, units, OPDs,
    and every row of other apps that depends on them. Superusers are kept (their pegawai link is cleared)."""
    user_ids = set(Pegawai.objects.exclude(user=None).values_list("user_id", flat=True))
    user_ids |= set(Peran.objects.values_list("user_id", flat=True))
    _check_constraints_now()
    deleted = 0
    for queryset in (
        Penugasan.objects.all(),
        Peran.objects.all(),
        Pegawai.objects.all(),
        Jabatan.objects.all(),
        UnitKerja.objects.all(),
        PerangkatDaerah.objects.all(),
        User.objects.filter(pk__in=user_ids, is_superuser=False),
    ):
        deleted += _delete_all(queryset)
    _check_constraints_at_commit()
    return deleted


# ---------------------------------------------------------------------------------------------------------------
# Demo logins, read back from the database
# ---------------------------------------------------------------------------------------------------------------

PERAN_URUTAN = (
    "Pegawai",
    "Atasan langsung",
    "Atasan dari atasan",
    "Kepala OPD",
    "Plt",
    "Plh",
    "Admin OPD",
    "Admin BKPSDM",
    "Pimpinan",
    "Lainnya",
)


def _opd_label(opd) -> str:
    return opd.singkatan or opd.nama


def demo_logins(known_hash: str | None = None) -> list[dict]:
    """Every active login whose password is :data:`DEMO_PASSWORD`, with the role it demonstrates, ordered by
    role. Reads only the database, so it works in another process after ``seed_demo``; ``known_hash`` (from
    :class:`Seeded`) saves checking that hash once more.

    The role is read from the data, not remembered from the seed: a stored Peran, then a Plt/Plh in force,
    then the position (the top of its OPD, an administrator, a pengawas, else a staff member)."""
    candidates = list(
        User.objects.filter(is_active=True)
        .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .exclude(password="")
        .values_list("pk", "password")
    )
    hashes = {password for _pk, password in candidates}
    # One PBKDF2 check per distinct hash: the seeded logins share one, so this is one check, not one per user.
    demo = {h for h in sorted(hashes) if h == known_hash or check_password(DEMO_PASSWORD, h)}
    ids = [pk for pk, password in candidates if password in demo]
    users = (
        User.objects.filter(pk__in=ids)
        .select_related("pegawai__jabatan__unit_kerja__perangkat_daerah", "pegawai__jabatan__parent__unit_kerja")
        .prefetch_related("peran__perangkat_daerah")
    )
    today = timezone.localdate()
    rows = []
    for user in users:
        peran = list(user.peran.all())
        pegawai = getattr(user, "pegawai", None)
        kota = [p for p in peran if p.jenis == JenisPeran.PIMPINAN and p.perangkat_daerah_id is None]
        if pegawai is None:
            if any(p.jenis == JenisPeran.ADMIN_BKPSDM for p in peran):
                role, ket = "Admin BKPSDM", "seluruh perangkat daerah; juga halaman /admin/"
            elif admin := [p for p in peran if p.jenis == JenisPeran.ADMIN_OPD]:
                role, ket = "Admin OPD", ", ".join(p.perangkat_daerah.nama for p in admin)
            elif kota:
                role, ket = "Pimpinan", "dasbor seluruh kota"
            else:
                role, ket = "Lainnya", "akun tanpa data pegawai dan tanpa peran"
            nama = f"{user.first_name} {user.last_name}".strip() or user.username
        else:
            jabatan = pegawai.jabatan
            opd = _opd_label(jabatan.unit_kerja.perangkat_daerah)
            tugas = list(Penugasan.objects.berlaku(today).filter(pegawai=pegawai).select_related("jabatan"))
            nama = pegawai.nama_lengkap
            if kota:
                role, ket = "Pimpinan", f"{jabatan.nama}; dasbor seluruh kota"
            elif tugas:
                role = "Plh" if tugas[0].jenis == JenisPenugasan.PLH else "Plt"
                ket = f"{jabatan.nama}; {role} {tugas[0].jabatan.nama} ({opd})"
            elif jabatan.parent_id is None or (
                # The head of an OPD reports to the Sekda, whose position is in another OPD.
                jabatan.parent.unit_kerja.perangkat_daerah_id != jabatan.unit_kerja.perangkat_daerah_id
            ):
                role, ket = "Kepala OPD", f"{jabatan.nama}; dasbor {opd}"
            elif jabatan.jenis == JenisJabatan.ADMINISTRATOR:
                role, ket = "Atasan dari atasan", f"{jabatan.nama} ({opd})"
            elif jabatan.jenis in (JenisJabatan.PENGAWAS, JenisJabatan.JPT):
                role, ket = "Atasan langsung", f"{jabatan.nama} ({opd})"
            else:
                role, ket = "Pegawai", f"{jabatan.nama}, {jabatan.unit_kerja.nama} ({opd})"
        rows.append({"peran": role, "username": user.username, "nama": nama, "keterangan": ket})
    rows.sort(key=lambda r: (PERAN_URUTAN.index(r["peran"]), r["username"]))
    return rows


def format_demo_logins(rows: list[dict]) -> str:
    """A plain-text table of :func:`demo_logins` with the password and the address, for the terminal."""
    if not rows:
        return "Belum ada akun demo. Jalankan: python manage.py seed_demo"
    headers = {"peran": "Peran", "username": "Nama pengguna", "nama": "Nama", "keterangan": "Keterangan"}
    widths = {k: max(len(headers[k]), *(len(r[k]) for r in rows)) for k in headers}
    line = "  ".join("-" * widths[k] for k in headers)
    out = [
        "Akun demo",
        "  ".join(headers[k].ljust(widths[k]) for k in headers).rstrip(),
        line,
        *("  ".join(r[k].ljust(widths[k]) for k in headers).rstrip() for r in rows),
        line,
        f"Kata sandi semua akun demo: {DEMO_PASSWORD}",
        f"Buka {DEMO_URL} lalu masuk dengan nama pengguna di atas.",
    ]
    return "\n".join(out)
