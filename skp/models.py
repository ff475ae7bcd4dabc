"""SKP planning (PermenPANRB 6/2022): the Sasaran Kinerja Pegawai, its RHK and IKI, perilaku kerja, lampiran and
the history of its workflow. Every write goes through ``skp.services``."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from pegawai.models import Jabatan, Pegawai
from portal.audit import tracked

from . import rules
from .choices import (
    AcuanRhkJpt,
    AksiSkp,
    Aspek,
    FormatSkp,
    JenisLampiran,
    JenisRhk,
    Pendekatan,
    PeranHasil,
    Perspektif,
    SkpStatus,
)


@tracked()
class PerilakuKerja(models.Model):
    """One of the seven BerAKHLAK core values (SE MenPANRB 20/2021; PermenPANRB 6/2022 Lampiran) with its three
    official behaviour guides. Data, seeded by a migration, so a change of wording needs no deployment."""

    kode = models.SlugField(_("kode"), max_length=40, unique=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), unique=True)
    nama = models.CharField(_("nama"), max_length=100, unique=True)
    panduan = models.JSONField(_("panduan perilaku"), default=list, help_text=_("Daftar panduan perilaku resmi."))

    class Meta:
        ordering = ["urutan"]
        verbose_name = _("perilaku kerja")
        verbose_name_plural = _("perilaku kerja")

    def __str__(self):
        return self.nama


class SkpQuerySet(models.QuerySet):
    def berlaku(self):
        """Versions not superseded by a newer approved version (an approved SKP with a pending perubahan draft
        returns both rows)."""
        return self.filter(digantikan_pada__isnull=True)


@tracked()
class Skp(models.Model):
    """The SKP of one pegawai for one position held during one date range of a year.

    A mid-year transfer gives a second SKP (another ``jabatan``, a range that does not overlap). A change after
    approval (perubahan SKP) is a new row with ``versi`` + 1 linked through ``versi_sebelumnya``; the older row
    stays approved and readable, marked ``digantikan_pada`` once the new version is approved.

    The ``identitas_*`` fields keep the pegawai, pejabat penilai and atasan pejabat penilai as they were at
    approval, so the signed document prints the same after a transfer or promotion (docs/ATURAN.md, Document).
    """

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="skp", verbose_name=_("pegawai"))
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="skp", verbose_name=_("jabatan"))
    tanggal_mulai = models.DateField(_("periode mulai"))
    tanggal_selesai = models.DateField(_("periode selesai"))
    format = models.CharField(_("format"), max_length=10, choices=FormatSkp.choices)
    pendekatan = models.CharField(
        _("pendekatan"), max_length=12, choices=Pendekatan.choices, default=Pendekatan.KUANTITATIF
    )
    status = models.CharField(_("status"), max_length=12, choices=SkpStatus.choices, default=SkpStatus.DRAFT)
    versi = models.PositiveSmallIntegerField(_("versi"), default=1)
    versi_sebelumnya = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="versi_berikutnya",
        verbose_name=_("versi sebelumnya"),
    )
    digantikan_pada = models.DateTimeField(_("digantikan pada"), null=True, blank=True)
    # Asked of every perubahan SKP and printed in the version note; versions made before it was asked have none.
    alasan_perubahan = models.TextField(_("alasan perubahan"), blank=True, max_length=1000)

    pejabat_penilai = models.ForeignKey(
        Pegawai,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="skp_dinilai",
        verbose_name=_("pejabat penilai kinerja"),
    )
    atasan_pejabat_penilai = models.ForeignKey(
        Pegawai,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="skp_atasan_penilai",
        verbose_name=_("atasan pejabat penilai kinerja"),
    )
    identitas_pegawai = models.JSONField(_("identitas pegawai saat disetujui"), null=True, blank=True)
    identitas_penilai = models.JSONField(_("identitas pejabat penilai saat disetujui"), null=True, blank=True)
    identitas_atasan_penilai = models.JSONField(
        _("identitas atasan pejabat penilai saat disetujui"), null=True, blank=True
    )

    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    disetujui_pada = models.DateTimeField(_("disetujui pada"), null=True, blank=True)

    objects = SkpQuerySet.as_manager()

    class Meta:
        ordering = ["-tahun", "pegawai_id", "tanggal_mulai", "versi"]
        verbose_name = _("SKP")
        verbose_name_plural = _("SKP")
        indexes = [
            models.Index(fields=["pegawai", "tahun"]),
            models.Index(fields=["tahun", "status"]),
        ]
        constraints = [
            # One SKP per pegawai, year and position held; perubahan SKP adds versions of that one SKP.
            models.UniqueConstraint(fields=["pegawai", "tahun", "jabatan", "versi"], name="skp_unik_per_jabatan_versi"),
            models.CheckConstraint(
                condition=Q(versi=1, versi_sebelumnya__isnull=True) | Q(versi__gt=1, versi_sebelumnya__isnull=False),
                name="skp_versi_berantai",
            ),
            models.CheckConstraint(condition=Q(tanggal_selesai__gte=F("tanggal_mulai")), name="skp_periode_valid"),
            models.CheckConstraint(
                condition=Q(tanggal_mulai__year=F("tahun"), tanggal_selesai__year=F("tahun")),
                name="skp_periode_dalam_tahun",
            ),
            models.CheckConstraint(
                condition=Q(digantikan_pada__isnull=True) | Q(status=SkpStatus.DISETUJUI),
                name="skp_hanya_yang_disetujui_digantikan",
            ),
        ]

    def __str__(self):
        versi = f" v{self.versi}" if self.versi > 1 else ""
        return f"SKP {self.tahun}{versi} — {self.pegawai.nama}"

    @property
    def digantikan(self) -> bool:
        return self.digantikan_pada is not None

    @property
    def dapat_diubah(self) -> bool:
        """Only a draft or a returned SKP is edited (:func:`skp.rules.cek_dapat_diubah`)."""
        return rules.cek_dapat_diubah(self.status) is None

    @property
    def is_jpt(self) -> bool:
        return self.format == FormatSkp.JPT


@tracked()
class RencanaHasilKerja(models.Model):
    """An RHK. For JA/JF an Utama RHK intervenes one RHK of the atasan's approved SKP of the same year
    (cascading); for JPT it refers to the Perjanjian Kinerja / Renstra or the mayor's assignment, and carries a
    perspektif."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="rhk", verbose_name=_("SKP"))
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisRhk.choices, default=JenisRhk.UTAMA)
    teks = models.TextField(_("rencana hasil kerja"), max_length=1000)
    intervensi = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="diintervensi_oleh",
        verbose_name=_("RHK atasan yang diintervensi"),
    )
    acuan_jenis = models.CharField(_("jenis acuan"), max_length=30, choices=AcuanRhkJpt.choices, blank=True)
    acuan = models.TextField(
        _("acuan"),
        blank=True,
        max_length=1000,
        help_text=_("Sasaran Perjanjian Kinerja / Renstra atau penugasan Kepala Daerah."),
    )
    perspektif = models.CharField(_("perspektif"), max_length=20, choices=Perspektif.choices, blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    asal = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="salinan",
        verbose_name=_("disalin dari"),
        help_text=_("RHK versi sebelumnya atau tahun lalu yang menjadi asal salinan ini."),
    )
    perlu_ditinjau = models.BooleanField(
        _("perlu ditinjau"),
        default=False,
        help_text=_("Disalin dari tahun lalu tanpa RHK atasan yang cocok; pilih ulang RHK yang diintervensi."),
    )
    catatan_peninjauan = models.TextField(_("catatan peninjauan"), blank=True)
    peran_hasil = models.CharField(
        _("peran dalam hasil atasan"),
        max_length=20,
        choices=PeranHasil.choices,
        blank=True,
        help_text=_("Cascading langsung atau tidak langsung, dicatat pejabat penilai di Matriks Peran Hasil."),
    )

    class Meta:
        ordering = ["skp", "jenis", "urutan"]
        verbose_name = _("rencana hasil kerja")
        verbose_name_plural = _("rencana hasil kerja")
        constraints = [
            models.UniqueConstraint(
                fields=["skp", "jenis", "urutan"],
                name="rhk_urutan_unik",
                deferrable=models.Deferrable.DEFERRED,
            ),
            models.CheckConstraint(condition=~Q(intervensi=F("id")), name="rhk_tidak_intervensi_diri"),
        ]

    def __str__(self):
        return self.teks[:80]


@tracked()
class IndikatorKinerjaIndividu(models.Model):
    """An IKI of an RHK: kuantitatif with aspek, target (a single number or a min–max range) and satuan;
    kualitatif with a narrative ukuran keberhasilan."""

    rhk = models.ForeignKey(
        RencanaHasilKerja, on_delete=models.CASCADE, related_name="iki", verbose_name=_("rencana hasil kerja")
    )
    teks = models.TextField(_("indikator kinerja individu"), max_length=1000)
    aspek = models.CharField(_("aspek"), max_length=10, choices=Aspek.choices, blank=True)
    target_min = models.DecimalField(_("target minimum"), max_digits=18, decimal_places=2, null=True, blank=True)
    target_max = models.DecimalField(_("target maksimum"), max_digits=18, decimal_places=2, null=True, blank=True)
    satuan = models.CharField(_("satuan"), max_length=50, blank=True)
    ukuran_keberhasilan = models.TextField(_("ukuran keberhasilan"), blank=True, max_length=2000)
    urutan = models.PositiveSmallIntegerField(_("urutan"))

    class Meta:
        ordering = ["rhk", "urutan"]
        verbose_name = _("indikator kinerja individu")
        verbose_name_plural = _("indikator kinerja individu")
        constraints = [
            models.UniqueConstraint(
                fields=["rhk", "urutan"], name="iki_urutan_unik", deferrable=models.Deferrable.DEFERRED
            ),
            models.CheckConstraint(
                condition=(Q(target_min__isnull=True) | Q(target_min__gte=0))
                & (Q(target_max__isnull=True) | Q(target_max__gte=0)),
                name="iki_target_tidak_negatif",
            ),
            models.CheckConstraint(
                condition=Q(target_min__isnull=True) | Q(target_max__isnull=True) | Q(target_max__gte=F("target_min")),
                name="iki_target_min_maks",
            ),
        ]

    def __str__(self):
        return self.teks[:80]

    @property
    def target_tercetak(self) -> str:
        """ "12 laporan", "90–100 %": the Target column as printed (Indonesian number format)."""
        if self.target_min is None:
            return ""

        teks = _angka(self.target_min)
        if self.target_max is not None and self.target_max != self.target_min:
            teks = f"{teks}–{_angka(self.target_max)}"
        return f"{teks} {self.satuan}".strip()


def _angka(value: Decimal) -> str:
    # 12.00 prints as "12", 12.50 as "12,5" (Indonesian decimal comma from the active locale).
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return formats.number_format(value, use_l10n=True, force_grouping=True)


@tracked()
class EkspektasiKhusus(models.Model):
    """The atasan's Ekspektasi Khusus Pimpinan for one BerAKHLAK value on one SKP."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="ekspektasi", verbose_name=_("SKP"))
    perilaku = models.ForeignKey(
        PerilakuKerja, on_delete=models.PROTECT, related_name="ekspektasi", verbose_name=_("perilaku kerja")
    )
    teks = models.TextField(_("ekspektasi khusus pimpinan"), max_length=1000)

    class Meta:
        ordering = ["skp", "perilaku__urutan"]
        verbose_name = _("ekspektasi khusus pimpinan")
        verbose_name_plural = _("ekspektasi khusus pimpinan")
        constraints = [models.UniqueConstraint(fields=["skp", "perilaku"], name="ekspektasi_unik_per_perilaku")]

    def __str__(self):
        return f"{self.perilaku}: {self.teks[:60]}"


@tracked()
class LampiranItem(models.Model):
    """One line of a Lampiran SKP list: Dukungan Sumber Daya, Skema Pertanggungjawaban or Konsekuensi."""

    skp = models.ForeignKey(Skp, on_delete=models.CASCADE, related_name="lampiran", verbose_name=_("SKP"))
    jenis = models.CharField(_("jenis"), max_length=30, choices=JenisLampiran.choices)
    teks = models.TextField(_("isi"), max_length=1000)
    urutan = models.PositiveSmallIntegerField(_("urutan"))

    class Meta:
        ordering = ["skp", "jenis", "urutan"]
        verbose_name = _("lampiran SKP")
        verbose_name_plural = _("lampiran SKP")
        constraints = [
            models.UniqueConstraint(
                fields=["skp", "jenis", "urutan"],
                name="lampiran_urutan_unik",
                deferrable=models.Deferrable.DEFERRED,
            ),
        ]

    def __str__(self):
        return self.teks[:80]


@tracked()
class SkpRiwayat(models.Model):
    """One step of an SKP's workflow, in words the history page shows: who, from which state to which, why."""

    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="riwayat", verbose_name=_("SKP"))
    aksi = models.CharField(_("aksi"), max_length=20, choices=AksiSkp.choices)
    dari_status = models.CharField(_("dari status"), max_length=12, choices=SkpStatus.choices, blank=True)
    ke_status = models.CharField(_("ke status"), max_length=12, choices=SkpStatus.choices)
    actor = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("oleh")
    )
    actor_nama = models.CharField(_("nama pelaku"), max_length=255, blank=True)
    catatan = models.TextField(_("catatan"), blank=True, max_length=2000)
    waktu = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["skp", "waktu", "pk"]
        verbose_name = _("riwayat SKP")
        verbose_name_plural = _("riwayat SKP")

    def __str__(self):
        return f"{self.get_aksi_display()} — {self.actor_nama}"
