"""A small, fixed organisation with one login per persona of the permission matrix (CONVENTIONS.md, Tests).

Dinas A
  Kepala Dinas (JPT)                       kepala
  └ Kepala Bidang Satu (Administrator)     kabid      = atasan's atasan of `staf`
    ├ Kepala Seksi Satu (Pengawas)         kasi       = atasan of `staf`
    │ └ Pengelola Data (Pelaksana)         staf, staf_lain
    └ Kepala Seksi Dua (Pengawas, vacant)  Plt: kasi_tiga (holds Kepala Seksi Tiga)
      └ Analis Dua (Pelaksana)             staf_dua   (atasan = the Plt)
    (Kepala Seksi Tiga (Pengawas)          kasi_tiga)
Dinas B
  Kepala Dinas B                           kepala_b
  └ Staf B                                 staf_b
Logins without a pegawai: admin_opd (Dinas A), admin_opd_lain (Dinas B), admin_bkpsdm, pimpinan (walikota).
"""

from dataclasses import dataclass

from pegawai.choices import JenisJabatan, JenisPeran, Jenjang
from pegawai.models import Pegawai, User

from .factories import (
    JabatanFactory,
    PegawaiFactory,
    PenugasanFactory,
    PeranFactory,
    PerangkatDaerahFactory,
    UnitKerjaFactory,
    UserFactory,
)


@dataclass
class Org:
    opd_a: object
    opd_b: object
    kepala: Pegawai
    kabid: Pegawai
    kasi: Pegawai
    staf: Pegawai
    staf_lain: Pegawai
    kasi_tiga: Pegawai
    staf_dua: Pegawai
    kepala_b: Pegawai
    staf_b: Pegawai
    admin_opd: User
    admin_opd_lain: User
    admin_bkpsdm: User
    pimpinan: User
    plt: object

    def user(self, persona: str):
        """The login of a persona name used in permission tables ("anonymous" → None)."""
        if persona == "anonymous":
            return None
        obj = getattr(self, PERSONA_ATTR.get(persona, persona))
        return obj.user if isinstance(obj, Pegawai) else obj


PERSONA_ATTR = {"pegawai": "staf", "atasan": "kasi", "atasan_atasan": "kabid", "plt": "kasi_tiga"}
PERSONAS = [
    "pegawai",
    "atasan",
    "atasan_atasan",
    "plt",
    "admin_opd",
    "admin_opd_lain",
    "admin_bkpsdm",
    "anonymous",
]


def build_org() -> Org:
    opd_a = PerangkatDaerahFactory(nama="Dinas A", kode="A", singkatan="DA")
    opd_b = PerangkatDaerahFactory(nama="Dinas B", kode="B", singkatan="DB")
    sekretariat = UnitKerjaFactory(perangkat_daerah=opd_a, nama="Dinas A")
    bidang = UnitKerjaFactory(perangkat_daerah=opd_a, nama="Bidang Satu", parent=sekretariat)
    seksi1 = UnitKerjaFactory(perangkat_daerah=opd_a, nama="Seksi Satu", parent=bidang)
    seksi2 = UnitKerjaFactory(perangkat_daerah=opd_a, nama="Seksi Dua", parent=bidang)
    seksi3 = UnitKerjaFactory(perangkat_daerah=opd_a, nama="Seksi Tiga", parent=bidang)

    j_kepala = JabatanFactory(
        unit_kerja=sekretariat,
        nama="Kepala Dinas A",
        jenis=JenisJabatan.JPT,
        jenjang=Jenjang.JPT_PRATAMA,
        kelas_jabatan=14,
    )
    j_kabid = JabatanFactory(
        unit_kerja=bidang,
        nama="Kepala Bidang Satu",
        jenis=JenisJabatan.ADMINISTRATOR,
        jenjang=Jenjang.ADMINISTRATOR,
        kelas_jabatan=11,
        parent=j_kepala,
    )
    j_kasi = JabatanFactory(
        unit_kerja=seksi1,
        nama="Kepala Seksi Satu",
        jenis=JenisJabatan.PENGAWAS,
        jenjang=Jenjang.PENGAWAS,
        kelas_jabatan=9,
        parent=j_kabid,
    )
    j_kasi2 = JabatanFactory(
        unit_kerja=seksi2,
        nama="Kepala Seksi Dua",
        jenis=JenisJabatan.PENGAWAS,
        jenjang=Jenjang.PENGAWAS,
        kelas_jabatan=9,
        parent=j_kabid,
    )
    j_kasi3 = JabatanFactory(
        unit_kerja=seksi3,
        nama="Kepala Seksi Tiga",
        jenis=JenisJabatan.PENGAWAS,
        jenjang=Jenjang.PENGAWAS,
        kelas_jabatan=9,
        parent=j_kabid,
    )
    j_staf = JabatanFactory(unit_kerja=seksi1, nama="Pengelola Data", parent=j_kasi)
    j_staf2 = JabatanFactory(unit_kerja=seksi2, nama="Analis Dua", parent=j_kasi2)

    unit_b = UnitKerjaFactory(perangkat_daerah=opd_b, nama="Dinas B")
    j_kepala_b = JabatanFactory(
        unit_kerja=unit_b,
        nama="Kepala Dinas B",
        jenis=JenisJabatan.JPT,
        jenjang=Jenjang.JPT_PRATAMA,
        kelas_jabatan=14,
    )
    j_staf_b = JabatanFactory(unit_kerja=unit_b, nama="Staf B", parent=j_kepala_b)

    kepala = PegawaiFactory(jabatan=j_kepala, nama="Kepala A", golongan="IV/c")
    kabid = PegawaiFactory(jabatan=j_kabid, nama="Kabid A", golongan="IV/a")
    kasi = PegawaiFactory(jabatan=j_kasi, nama="Kasi A", golongan="III/d")
    kasi_tiga = PegawaiFactory(jabatan=j_kasi3, nama="Kasi Tiga", golongan="III/d")
    staf = PegawaiFactory(jabatan=j_staf, nama="Staf A")
    staf_lain = PegawaiFactory(jabatan=j_staf, nama="Staf A Lain")
    staf_dua = PegawaiFactory(jabatan=j_staf2, nama="Staf Dua")
    kepala_b = PegawaiFactory(jabatan=j_kepala_b, nama="Kepala B")
    staf_b = PegawaiFactory(jabatan=j_staf_b, nama="Staf B")
    plt = PenugasanFactory(pegawai=kasi_tiga, jabatan=j_kasi2, nomor_sk="800/1/2026")

    admin_opd = UserFactory(username="adminopda")
    PeranFactory(user=admin_opd, jenis=JenisPeran.ADMIN_OPD, perangkat_daerah=opd_a)
    admin_opd_lain = UserFactory(username="adminopdb")
    PeranFactory(user=admin_opd_lain, jenis=JenisPeran.ADMIN_OPD, perangkat_daerah=opd_b)
    admin_bkpsdm = UserFactory(username="adminbkpsdm", is_staff=True)
    PeranFactory(user=admin_bkpsdm, jenis=JenisPeran.ADMIN_BKPSDM, perangkat_daerah=None)
    pimpinan = UserFactory(username="walikota")
    PeranFactory(user=pimpinan, jenis=JenisPeran.PIMPINAN, perangkat_daerah=None)

    return Org(
        opd_a=opd_a,
        opd_b=opd_b,
        kepala=kepala,
        kabid=kabid,
        kasi=kasi,
        staf=staf,
        staf_lain=staf_lain,
        kasi_tiga=kasi_tiga,
        staf_dua=staf_dua,
        kepala_b=kepala_b,
        staf_b=staf_b,
        admin_opd=admin_opd,
        admin_opd_lain=admin_opd_lain,
        admin_bkpsdm=admin_bkpsdm,
        pimpinan=pimpinan,
        plt=plt,
    )
