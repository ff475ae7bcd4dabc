from django.db import models
from django.utils.translation import gettext_lazy as _


class JenisAkses(models.TextChoices):
    """What was done with personal data (UU 27/2022 Pasal 31), one row of the access log each."""

    LIHAT = "LIHAT", _("Lihat data pribadi")
    UNDUH = "UNDUH", _("Unduh")
    EKSPOR = "EKSPOR", _("Ekspor")
    IMPOR = "IMPOR", _("Impor")


class StatusPekerjaan(models.TextChoices):
    MENUNGGU = "MENUNGGU", _("Menunggu")
    BERJALAN = "BERJALAN", _("Berjalan")
    SELESAI = "SELESAI", _("Selesai")
    GAGAL = "GAGAL", _("Gagal")
