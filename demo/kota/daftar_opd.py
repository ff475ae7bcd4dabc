"""Every perangkat daerah of the demo city (:data:`OPDS`): the sekretariat, the inspektorat and the badan here, the
dinas in :mod:`demo.kota.daftar_dinas`, then the kecamatan with their kelurahan. Names follow Permendagri/PP 18/2016
and Kota Bandung; the order is the order the city is planned in, so it is part of what a seed means."""

from __future__ import annotations

from pegawai.choices import Jenjang

from .daftar_dinas import DINAS
from .jabatan import AM, AMD, AP, MHR, PGW, STAF_PELAKSANA, TRP
from .opd import Opd, Upt

_SEKRETARIAT_DAN_BADAN: tuple[Opd, ...] = (
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
)
_KECAMATAN: tuple[Opd, ...] = tuple(
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
)

OPDS: tuple[Opd, ...] = (*_SEKRETARIAT_DAN_BADAN, *DINAS, *_KECAMATAN)
