from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisPeriodeRekap(models.TextChoices):
    """The spans a recap is computed for; ``nomor`` numbers the span within its year (month 1–12, quarter 1–4,
    semester 1–2, year 1)."""

    BULAN = "bulan", _("Bulanan")
    TRIWULAN = "triwulan", _("Triwulanan")
    SEMESTER = "semester", _("Semesteran")
    TAHUN = "tahun", _("Tahunan")


class StatusPeriodeRekap(models.TextChoices):
    TERBUKA = "terbuka", _("Terbuka")
    DITUTUP = "ditutup", _("Ditutup")


class TingkatRekap(models.TextChoices):
    """The level of an aggregate row: one unit kerja, one OPD, or the whole city."""

    UNIT = "unit", _("Unit kerja")
    OPD = "opd", _("Perangkat daerah")
    KOTA = "kota", _("Kota")


class StatusRekapOpd(models.TextChoices):
    """Where one OPD stands in the latest computation of a period (the per-OPD progress on the period page)."""

    MENUNGGU = "menunggu", _("Menunggu")
    SELESAI = "selesai", _("Selesai")
    GAGAL = "gagal", _("Gagal")
