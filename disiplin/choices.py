"""Kinds and states of the discipline app (PP 94/2021; docs/ATURAN.md, "Disiplin")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TingkatHukuman(models.TextChoices):
    """The level of a hukuman disiplin; the values are SIASN's ``hukdis`` levels."""

    RINGAN = "R", _("Ringan")
    SEDANG = "S", _("Sedang")
    BERAT = "B", _("Berat")


class JenisHukuman(models.TextChoices):
    """PP 94/2021 Pasal 8: the kinds of hukuman disiplin."""

    TEGURAN_LISAN = "teguran_lisan", _("Teguran lisan")
    TEGURAN_TERTULIS = "teguran_tertulis", _("Teguran tertulis")
    PERNYATAAN_TIDAK_PUAS = "pernyataan_tidak_puas", _("Pernyataan tidak puas secara tertulis")
    TUKIN_25_6 = "tukin_25_6", _("Pemotongan tunjangan kinerja 25% selama 6 bulan")
    TUKIN_25_9 = "tukin_25_9", _("Pemotongan tunjangan kinerja 25% selama 9 bulan")
    TUKIN_25_12 = "tukin_25_12", _("Pemotongan tunjangan kinerja 25% selama 12 bulan")
    PENURUNAN_JABATAN = "penurunan_jabatan", _("Penurunan jabatan setingkat lebih rendah selama 12 bulan")
    PEMBEBASAN_JABATAN = "pembebasan_jabatan", _("Pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan")
    PDHTAPS = "pdhtaps", _("Pemberhentian dengan hormat tidak atas permintaan sendiri")


class StatusHukuman(models.TextChoices):
    BERLAKU = "berlaku", _("Berlaku")
    DIBATALKAN = "dibatalkan", _("Dibatalkan")


class JenisFakta(models.TextChoices):
    """Reporting-discipline facts, one row per pegawai, working day and kind."""

    TANPA_LAPORAN = "tanpa_laporan", _("Hari kerja tanpa laporan")
    ENTRI_TERLAMBAT = "entri_terlambat", _("Aktivitas dicatat terlambat")
    VERIFIKASI_TERLAMBAT = "verifikasi_terlambat", _("Aktivitas bawahan diverifikasi terlambat")
    TIDAK_DIVERIFIKASI = "tidak_diverifikasi", _("Aktivitas bawahan tidak diverifikasi sampai terkunci")


class Keterangan(models.TextChoices):
    """The keterangan column of an attendance record (mesin presensi), and of a day entered by admin OPD."""

    HADIR = "hadir", _("Hadir")
    CUTI = "cuti", _("Cuti")
    SAKIT = "sakit", _("Sakit")
    DINAS_LUAR = "dinas_luar", _("Dinas luar")
    TANPA_KETERANGAN = "tanpa_keterangan", _("Tanpa keterangan")


#: A day with one of these is excused: no reporting-discipline fact and not absent without a valid reason.
KETERANGAN_SAH = (Keterangan.CUTI, Keterangan.SAKIT, Keterangan.DINAS_LUAR)


class SumberKehadiran(models.TextChoices):
    IMPOR = "impor", _("Impor mesin presensi")
    ADMIN = "admin", _("Dicatat admin")


class TingkatSatyalancana(models.TextChoices):
    """Satyalancana Karya Satya (PP 35/1994): X, XX and XXX years of service."""

    X = "X", _("Satyalancana Karya Satya X Tahun")
    XX = "XX", _("Satyalancana Karya Satya XX Tahun")
    XXX = "XXX", _("Satyalancana Karya Satya XXX Tahun")


class StatusBulan(models.TextChoices):
    TERBUKA = "terbuka", _("Terbuka")
    DITUTUP = "ditutup", _("Ditutup")
