"""Statuses, ratings and kinds of the evaluation. The integer values ARE the SIASN codes (docs/ATURAN.md,
"Kode SIASN"), so the export writes ``.value`` and no mapping table exists."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rating(models.IntegerChoices):
    """Rating hasil kerja and rating perilaku kerja (SIASN ``perilakuDanKinerja``)."""

    DI_ATAS = 1, _("Di Atas Ekspektasi")
    SESUAI = 2, _("Sesuai Ekspektasi")
    DI_BAWAH = 3, _("Di Bawah Ekspektasi")


class Predikat(models.IntegerChoices):
    """Predikat kinerja pegawai (SIASN ``kuadranNilai``)."""

    SANGAT_BAIK = 1, _("Sangat Baik")
    BAIK = 2, _("Baik")
    BUTUH_PERBAIKAN = 3, _("Butuh Perbaikan")
    KURANG = 4, _("Kurang/Misconduct")
    SANGAT_KURANG = 5, _("Sangat Kurang")


class CapaianOrganisasi(models.IntegerChoices):
    """Capaian kinerja organisasi of a unit or OPD for a period (SE MenPANRB 03/2023)."""

    ISTIMEWA = 1, _("Istimewa")
    BAIK = 2, _("Baik")
    BUTUH_PERBAIKAN = 3, _("Butuh Perbaikan")
    KURANG = 4, _("Kurang")
    SANGAT_KURANG = 5, _("Sangat Kurang")


class JenisPeriode(models.TextChoices):
    """The evaluation periods; an instansi uses one periodic kind (setting ``PENILAIAN_PERIODE``) plus tahunan.
    The values are kinerja's roll-up periods (:class:`kinerja.choices.PeriodeRealisasi`)."""

    BULANAN = "bulanan", _("Bulanan")
    TRIWULANAN = "triwulanan", _("Triwulanan")
    SEMESTERAN = "semesteran", _("Semesteran")
    TAHUNAN = "tahunan", _("Tahunan")


class StatusPeriode(models.TextChoices):
    DIBUKA = "dibuka", _("Dibuka")
    DITUTUP = "ditutup", _("Ditutup")


class StatusEvaluasi(models.TextChoices):
    DRAFT = "draft", _("Draf")
    DINILAI = "dinilai", _("Dinilai")
    FINAL = "final", _("Final")


class AksiEvaluasi(models.TextChoices):
    """One step of an evaluation's history (the history list and the notifications speak these words)."""

    DINILAI = "dinilai", _("Dinilai")
    DIUBAH = "diubah", _("Penilaian diubah")
    DIFINALKAN = "difinalkan", _("Difinalkan")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan ke draf")
    DIBUKA_KEMBALI = "dibuka_kembali", _("Final dibuka kembali")


class JenisPesan(models.TextChoices):
    """A dialog kinerja message: the conversation itself, or the pegawai's feedback upward on policy and
    procedure (umpan balik berkelanjutan, both directions)."""

    DIALOG = "dialog", _("Dialog kinerja")
    UMPAN_BALIK_KEBIJAKAN = "kebijakan", _("Masukan tentang kebijakan/prosedur")


class JenisPermasalahan(models.TextChoices):
    """Analisis permasalahan kinerja: a problem in the results or in the behaviour."""

    SUBSTANSI = "substansi", _("Substansi (hasil kerja)")
    PERILAKU = "perilaku", _("Perilaku kerja")
