from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisJabatan(models.TextChoices):
    JPT = "JPT", _("Jabatan Pimpinan Tinggi")
    ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")
    PENGAWAS = "PENGAWAS", _("Pengawas")
    PELAKSANA = "PELAKSANA", _("Pelaksana")
    FUNGSIONAL = "FUNGSIONAL", _("Fungsional")


class Jenjang(models.TextChoices):
    """Levels within a jenis jabatan (docs/ATURAN.md)."""

    JPT_UTAMA = "JPT_UTAMA", _("JPT Utama")
    JPT_MADYA = "JPT_MADYA", _("JPT Madya")
    JPT_PRATAMA = "JPT_PRATAMA", _("JPT Pratama")
    ADMINISTRATOR = "ADMINISTRATOR", _("Administrator")
    PENGAWAS = "PENGAWAS", _("Pengawas")
    PELAKSANA = "PELAKSANA", _("Pelaksana")
    AHLI_PERTAMA = "AHLI_PERTAMA", _("Ahli Pertama")
    AHLI_MUDA = "AHLI_MUDA", _("Ahli Muda")
    AHLI_MADYA = "AHLI_MADYA", _("Ahli Madya")
    AHLI_UTAMA = "AHLI_UTAMA", _("Ahli Utama")
    PEMULA = "PEMULA", _("Pemula")
    TERAMPIL = "TERAMPIL", _("Terampil")
    MAHIR = "MAHIR", _("Mahir")
    PENYELIA = "PENYELIA", _("Penyelia")


JENJANG_PER_JENIS = {
    JenisJabatan.JPT: {Jenjang.JPT_UTAMA, Jenjang.JPT_MADYA, Jenjang.JPT_PRATAMA},
    JenisJabatan.ADMINISTRATOR: {Jenjang.ADMINISTRATOR},
    JenisJabatan.PENGAWAS: {Jenjang.PENGAWAS},
    JenisJabatan.PELAKSANA: {Jenjang.PELAKSANA},
    JenisJabatan.FUNGSIONAL: {
        Jenjang.AHLI_PERTAMA,
        Jenjang.AHLI_MUDA,
        Jenjang.AHLI_MADYA,
        Jenjang.AHLI_UTAMA,
        Jenjang.PEMULA,
        Jenjang.TERAMPIL,
        Jenjang.MAHIR,
        Jenjang.PENYELIA,
    },
}


class StatusPegawai(models.TextChoices):
    PNS = "PNS", _("PNS")
    CPNS = "CPNS", _("CPNS")
    PPPK = "PPPK", _("PPPK")


class Golongan(models.TextChoices):
    """Pangkat/golongan ruang. PNS and CPNS use I/a … IV/e; PPPK use I … XVII (Perpres 98/2020), which have no
    pangkat name: documents print the golongan alone."""

    I_A = "I/a", "I/a"
    I_B = "I/b", "I/b"
    I_C = "I/c", "I/c"
    I_D = "I/d", "I/d"
    II_A = "II/a", "II/a"
    II_B = "II/b", "II/b"
    II_C = "II/c", "II/c"
    II_D = "II/d", "II/d"
    III_A = "III/a", "III/a"
    III_B = "III/b", "III/b"
    III_C = "III/c", "III/c"
    III_D = "III/d", "III/d"
    IV_A = "IV/a", "IV/a"
    IV_B = "IV/b", "IV/b"
    IV_C = "IV/c", "IV/c"
    IV_D = "IV/d", "IV/d"
    IV_E = "IV/e", "IV/e"
    PPPK_I = "I", "I (PPPK)"
    PPPK_II = "II", "II (PPPK)"
    PPPK_III = "III", "III (PPPK)"
    PPPK_IV = "IV", "IV (PPPK)"
    PPPK_V = "V", "V (PPPK)"
    PPPK_VI = "VI", "VI (PPPK)"
    PPPK_VII = "VII", "VII (PPPK)"
    PPPK_VIII = "VIII", "VIII (PPPK)"
    PPPK_IX = "IX", "IX (PPPK)"
    PPPK_X = "X", "X (PPPK)"
    PPPK_XI = "XI", "XI (PPPK)"
    PPPK_XII = "XII", "XII (PPPK)"
    PPPK_XIII = "XIII", "XIII (PPPK)"
    PPPK_XIV = "XIV", "XIV (PPPK)"
    PPPK_XV = "XV", "XV (PPPK)"
    PPPK_XVI = "XVI", "XVI (PPPK)"
    PPPK_XVII = "XVII", "XVII (PPPK)"


PANGKAT = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}


#: Which golongan a status may hold: a PPPK never has a PNS ruang ("III/a"), nor a PNS or CPNS a PPPK golongan.
GOLONGAN_PNS = frozenset(g.value for g in Golongan if "/" in g.value)
GOLONGAN_PPPK = frozenset(g.value for g in Golongan if "/" not in g.value)


def golongan_untuk_status(status: str) -> frozenset[str]:
    """The golongan a pegawai of ``status`` may hold; ``Pegawai.clean`` and the import both ask this."""
    return GOLONGAN_PPPK if status == StatusPegawai.PPPK else GOLONGAN_PNS


class JenisPenugasan(models.TextChoices):
    PLT = "PLT", _("Pelaksana Tugas (Plt)")
    PLH = "PLH", _("Pelaksana Harian (Plh)")


class JenisPeran(models.TextChoices):
    """Stored roles. "Pegawai" and "atasan" are not stored: every pegawai is one, atasan is derived."""

    ADMIN_OPD = "ADMIN_OPD", _("Admin OPD")
    ADMIN_BKPSDM = "ADMIN_BKPSDM", _("Admin BKPSDM")
    PIMPINAN = "PIMPINAN", _("Pimpinan")
