"""Kinds and statuses of the SKP (PermenPANRB 6/2022 and its Lampiran), never bare strings in code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SkpStatus(models.TextChoices):
    """The stored workflow state: ``draft → diajukan → disetujui``, ``diajukan → dikembalikan → draft``."""

    DRAFT = "draft", _("Draf")
    DIAJUKAN = "diajukan", _("Diajukan")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
    DISETUJUI = "disetujui", _("Disetujui")


class StatusRekap(models.TextChoices):
    """The status shown in queues and the daftar nominatif: the stored states plus "no SKP yet"."""

    BELUM_DIBUAT = "belum_dibuat", _("Belum dibuat")
    DRAFT = SkpStatus.DRAFT.value, SkpStatus.DRAFT.label
    DIAJUKAN = SkpStatus.DIAJUKAN.value, SkpStatus.DIAJUKAN.label
    DIKEMBALIKAN = SkpStatus.DIKEMBALIKAN.value, SkpStatus.DIKEMBALIKAN.label
    DISETUJUI = SkpStatus.DISETUJUI.value, SkpStatus.DISETUJUI.label


class FormatSkp(models.TextChoices):
    """PermenPANRB 6/2022, Lampiran: one form for JPT, another for Pejabat Administrasi and Fungsional."""

    JPT = "JPT", _("SKP JPT")
    JA_JF = "JA_JF", _("SKP JA/JF")


class Pendekatan(models.TextChoices):
    KUANTITATIF = "kuantitatif", _("Kuantitatif")
    KUALITATIF = "kualitatif", _("Kualitatif")


class JenisRhk(models.TextChoices):
    UTAMA = "utama", _("Utama")
    TAMBAHAN = "tambahan", _("Tambahan")


class Perspektif(models.TextChoices):
    """The four balanced-scorecard perspectives of the SKP JPT form."""

    PENERIMA_LAYANAN = "penerima_layanan", _("Penerima Layanan")
    PROSES_BISNIS = "proses_bisnis", _("Proses Bisnis")
    PENGUATAN_INTERNAL = "penguatan_internal", _("Penguatan Internal")
    ANGGARAN = "anggaran", _("Anggaran")


class AcuanRhkJpt(models.TextChoices):
    """What an RHK of a JPT derives from when there is no atasan RHK to intervene (head of an OPD)."""

    PERJANJIAN_KINERJA = "perjanjian_kinerja", _("Perjanjian Kinerja")
    RENSTRA = "renstra", _("Rencana Strategis")
    PENUGASAN_KEPALA_DAERAH = "penugasan_kepala_daerah", _("Penugasan Kepala Daerah")


class Aspek(models.TextChoices):
    KUANTITAS = "kuantitas", _("Kuantitas")
    KUALITAS = "kualitas", _("Kualitas")
    WAKTU = "waktu", _("Waktu")
    BIAYA = "biaya", _("Biaya")


class JenisLampiran(models.TextChoices):
    DUKUNGAN_SUMBER_DAYA = "dukungan_sumber_daya", _("Dukungan Sumber Daya")
    SKEMA_PERTANGGUNGJAWABAN = "skema_pertanggungjawaban", _("Skema Pertanggungjawaban")
    KONSEKUENSI = "konsekuensi", _("Konsekuensi")


class AksiSkp(models.TextChoices):
    """What a row of the SKP history records."""

    DIBUAT = "dibuat", _("Dibuat")
    DISALIN = "disalin", _("Disalin dari tahun lalu")
    DIAJUKAN = "diajukan", _("Diajukan")
    DISETUJUI = "disetujui", _("Disetujui")
    DIKEMBALIKAN = "dikembalikan", _("Dikembalikan")
    DIPERBAIKI = "diperbaiki", _("Diperbaiki")
    PERUBAHAN_DIBUAT = "perubahan_dibuat", _("Perubahan SKP dibuat")
    DIGANTIKAN = "digantikan", _("Digantikan versi baru")
    DITUTUP_MUTASI = "ditutup_mutasi", _("Periode diakhiri karena mutasi")


class PeranHasil(models.TextChoices):
    """How a bawahan's RHK carries the atasan's result in the Matriks Peran Hasil (PermenPANRB 6/2022, Lampiran:
    cascading langsung / tidak langsung), recorded by the pejabat penilai; blank = not recorded."""

    LANGSUNG = "langsung", _("Langsung")
    TIDAK_LANGSUNG = "tidak_langsung", _("Tidak langsung")
