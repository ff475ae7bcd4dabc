"""Kinds and statuses of the daily activity reports (docs/ATURAN.md), never bare strings in code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusAktivitas(models.TextChoices):
    """``draft → diajukan → disetujui``, or ``diajukan → ditolak`` (with the atasan's catatan) → revised and
    submitted again."""

    DRAFT = "draft", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    DISETUJUI = "disetujui", _("Disetujui")
    DITOLAK = "ditolak", _("Ditolak")


#: States in which the pegawai may still change, delete or add evidence to an activity.
STATUS_DAPAT_DIUBAH = (StatusAktivitas.DRAFT, StatusAktivitas.DITOLAK)


class KategoriAktivitas(models.TextChoices):
    """Every activity is mapped to an RHK of the approved SKP, or declared as something outside it (with a
    reason) — the seed study found Bandung's reports were not mapped to results at all."""

    RHK = "rhk", _("Rencana hasil kerja")
    TUGAS_TAMBAHAN = "tugas_tambahan", _("Tugas tambahan")
    LAINNYA = "lainnya", _("Lainnya")


class KebijakanTerlambat(models.TextChoices):
    """What happens to an entry made after the allowed number of working days."""

    TOLAK = "tolak", _("Tolak")
    TANDAI = "tandai", _("Terima dengan tanda terlambat")


class JenisLibur(models.TextChoices):
    LIBUR_NASIONAL = "libur_nasional", _("Libur nasional")
    CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")


class HariKerjaPerMinggu(models.IntegerChoices):
    LIMA = 5, _("5 hari (Senin–Jumat)")
    ENAM = 6, _("6 hari (Senin–Sabtu)")


class JenisBukti(models.TextChoices):
    BERKAS = "berkas", _("Berkas")
    TAUTAN = "tautan", _("Tautan")


class PeriodeRealisasi(models.TextChoices):
    """Evaluation periods realisasi is rolled up for (docs/ATURAN.md)."""

    BULANAN = "bulanan", _("Bulanan")
    TRIWULANAN = "triwulanan", _("Triwulanan")
    SEMESTERAN = "semesteran", _("Semesteran")
    TAHUNAN = "tahunan", _("Tahunan")
