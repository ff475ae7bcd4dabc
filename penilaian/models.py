"""The evaluation of performance (PermenPANRB 6/2022, docs/ATURAN.md "Penilaian"): periods, the capaian kinerja
organisasi, one evaluation per pegawai × SKP × period with its RHK, evidence, feedback and ratings, the accepted
curve deviations, the dialog kinerja and the tagged problems. Every write goes through ``penilaian.services``."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.models import bukti_storage
from pegawai.models import Pegawai, PerangkatDaerah, UnitKerja
from portal.audit import tracked
from skp.models import PerilakuKerja, RencanaHasilKerja, Skp

from .choices import (
    AksiEvaluasi,
    CapaianOrganisasi,
    JenisPeriode,
    JenisPermasalahan,
    JenisPesan,
    Predikat,
    Rating,
    StatusEvaluasi,
    StatusPeriode,
)


@tracked()
class PeriodePenilaian(models.Model):
    """A period admin BKPSDM opened for evaluation: a month, triwulan or semester of the instansi's kind, or the
    year. Closing locks every rating of the period; reopening needs a reason (kept here and in the audit)."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    jenis = models.CharField(_("jenis periode"), max_length=12, choices=JenisPeriode.choices)
    nomor = models.PositiveSmallIntegerField(
        _("nomor"), help_text=_("Bulan 1–12, triwulan 1–4, semester 1–2; 1 untuk tahunan.")
    )
    tanggal_mulai = models.DateField(_("mulai"))
    tanggal_selesai = models.DateField(_("selesai"))
    batas_penilaian = models.DateField(_("batas penilaian"), help_text=_("Tanggal penilaian diharapkan selesai."))
    status = models.CharField(_("status"), max_length=10, choices=StatusPeriode.choices, default=StatusPeriode.DIBUKA)
    dibuka_pada = models.DateTimeField(_("dibuka pada"), default=timezone.now)
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    alasan_buka_kembali = models.TextField(_("alasan dibuka kembali"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-tahun", "jenis", "nomor"]
        verbose_name = _("periode penilaian")
        verbose_name_plural = _("periode penilaian")
        constraints = [
            models.UniqueConstraint(fields=["tahun", "jenis", "nomor"], name="periode_penilaian_unik"),
            models.CheckConstraint(condition=Q(tanggal_selesai__gte=models.F("tanggal_mulai")), name="periode_valid"),
        ]

    def __str__(self):
        return self.nama

    @property
    def nama(self) -> str:
        from .selectors.periode import nama_periode

        return nama_periode(self.jenis, self.nomor, self.tahun)

    @property
    def tahunan(self) -> bool:
        return self.jenis == JenisPeriode.TAHUNAN

    @property
    def ditutup(self) -> bool:
        return self.status == StatusPeriode.DITUTUP


@tracked()
class CapaianKinerjaOrganisasi(models.Model):
    """The capaian kinerja organisasi of a unit kerja, or of a whole OPD, for a period; set one level up (for an
    OPD: admin BKPSDM on behalf of the kepala daerah). It limits the curve of the unit's predikat and is the
    rating hasil kerja of the unit's head (:func:`penilaian.rules.rating_hasil_pimpinan`)."""

    periode = models.ForeignKey(
        PeriodePenilaian, on_delete=models.PROTECT, related_name="capaian", verbose_name=_("periode")
    )
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("perangkat daerah"),
    )
    unit_kerja = models.ForeignKey(
        UnitKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit kerja")
    )
    capaian = models.PositiveSmallIntegerField(_("capaian kinerja organisasi"), choices=CapaianOrganisasi.choices)
    catatan = models.TextField(_("catatan"), blank=True, max_length=2000)
    ditetapkan_oleh = models.ForeignKey(
        "pegawai.User", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("ditetapkan oleh")
    )
    ditetapkan_pada = models.DateTimeField(_("ditetapkan pada"), default=timezone.now)

    class Meta:
        ordering = ["periode", "perangkat_daerah", "unit_kerja"]
        verbose_name = _("capaian kinerja organisasi")
        verbose_name_plural = _("capaian kinerja organisasi")
        constraints = [
            models.CheckConstraint(
                condition=Q(perangkat_daerah__isnull=True, unit_kerja__isnull=False)
                | Q(perangkat_daerah__isnull=False, unit_kerja__isnull=True),
                name="capaian_opd_atau_unit",
            ),
            models.UniqueConstraint(
                fields=["periode", "perangkat_daerah"], condition=Q(unit_kerja__isnull=True), name="capaian_unik_opd"
            ),
            models.UniqueConstraint(
                fields=["periode", "unit_kerja"], condition=Q(perangkat_daerah__isnull=True), name="capaian_unik_unit"
            ),
        ]

    def __str__(self):
        return f"{self.unit_kerja or self.perangkat_daerah}: {self.get_capaian_display()}"


@tracked()
class Evaluasi(models.Model):
    """The evaluation of one pegawai's SKP for one period. ``penilai`` is the pejabat penilai on the evaluation's
    date (:func:`penilaian.selectors.evaluasi.tanggal_penilaian`), fixed when the evaluation is prepared and asked
    again at every rating; ``oleh_kepala_daerah`` marks a Sekda rated by the kepala daerah through admin BKPSDM.

    At finalisation the identities (nama, NIP, pangkat/gol, jabatan, unit) of the pegawai, the pejabat penilai and
    the atasan pejabat penilai, and the capaian organisasi with its pattern, are copied here, so the document
    prints the same years later (docs/ATURAN.md, Dokumen)."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="evaluasi", verbose_name=_("pegawai"))
    skp = models.ForeignKey(Skp, on_delete=models.PROTECT, related_name="evaluasi", verbose_name=_("SKP"))
    periode = models.ForeignKey(
        PeriodePenilaian, on_delete=models.PROTECT, related_name="evaluasi", verbose_name=_("periode")
    )
    tanggal = models.DateField(_("tanggal penilaian"), help_text=_("Hari yang menentukan pejabat penilai."))
    status = models.CharField(_("status"), max_length=10, choices=StatusEvaluasi.choices, default=StatusEvaluasi.DRAFT)
    penilai = models.ForeignKey(
        Pegawai,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluasi_dinilai",
        verbose_name=_("pejabat penilai"),
    )
    oleh_kepala_daerah = models.BooleanField(_("dinilai kepala daerah"), default=False)
    rating_hasil = models.PositiveSmallIntegerField(
        _("rating hasil kerja"), choices=Rating.choices, null=True, blank=True
    )
    rating_perilaku = models.PositiveSmallIntegerField(
        _("rating perilaku kerja"), choices=Rating.choices, null=True, blank=True
    )
    predikat = models.PositiveSmallIntegerField(_("predikat kinerja"), choices=Predikat.choices, null=True, blank=True)
    catatan_penilai = models.TextField(_("catatan pejabat penilai"), blank=True, max_length=4000)
    capaian_organisasi = models.PositiveSmallIntegerField(
        _("capaian kinerja organisasi"), choices=CapaianOrganisasi.choices, null=True, blank=True
    )
    pola_distribusi = models.JSONField(_("pola distribusi"), default=list, blank=True)
    identitas_pegawai = models.JSONField(_("identitas pegawai"), null=True, blank=True)
    identitas_penilai = models.JSONField(_("identitas pejabat penilai"), null=True, blank=True)
    identitas_atasan_penilai = models.JSONField(_("identitas atasan pejabat penilai"), null=True, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    dinilai_pada = models.DateTimeField(_("dinilai pada"), null=True, blank=True)
    difinalkan_pada = models.DateTimeField(_("difinalkan pada"), null=True, blank=True)
    #: The rendered Dokumen Evaluasi Kinerja Pegawai of the current final state (emptied when reopened).
    dokumen = models.FileField(_("dokumen evaluasi"), storage=bukti_storage, max_length=255, blank=True)
    dokumen_dibuat_pada = models.DateTimeField(_("dokumen dibuat pada"), null=True, blank=True)

    class Meta:
        ordering = ["periode", "pegawai__nama", "pk"]
        verbose_name = _("evaluasi kinerja")
        verbose_name_plural = _("evaluasi kinerja")
        indexes = [
            models.Index(fields=["periode", "penilai"]),
            models.Index(fields=["periode", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["skp", "periode"], name="evaluasi_unik_per_skp_periode"),
            models.CheckConstraint(
                condition=Q(status=StatusEvaluasi.DRAFT)
                | Q(rating_hasil__isnull=False, rating_perilaku__isnull=False, predikat__isnull=False),
                name="evaluasi_dinilai_lengkap",
            ),
        ]

    def __str__(self):
        return f"{self.pegawai} — {self.periode}"

    @property
    def final(self) -> bool:
        return self.status == StatusEvaluasi.FINAL


@tracked()
class EvaluasiRhk(models.Model):
    """One RHK in an evaluation: the realisasi (suggested from the approved activities, changed by the pegawai with
    a reason) and the atasan's umpan balik (text, optionally an image)."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="rhk", verbose_name=_("evaluasi"))
    rhk = models.ForeignKey(RencanaHasilKerja, on_delete=models.PROTECT, related_name="+", verbose_name=_("RHK"))
    urutan = models.PositiveSmallIntegerField(_("urutan"))
    realisasi_saran = models.TextField(_("realisasi dari aktivitas"), blank=True)
    realisasi = models.TextField(_("realisasi"), blank=True, max_length=4000)
    alasan_ubah = models.TextField(_("alasan mengubah realisasi"), blank=True, max_length=2000)
    umpan_balik = models.TextField(_("umpan balik"), blank=True, max_length=4000)
    gambar = models.FileField(_("gambar umpan balik"), storage=bukti_storage, max_length=255, blank=True)
    gambar_tipe = models.CharField(_("jenis gambar"), max_length=50, blank=True)

    class Meta:
        ordering = ["evaluasi", "urutan", "pk"]
        verbose_name = _("RHK evaluasi")
        verbose_name_plural = _("RHK evaluasi")
        constraints = [models.UniqueConstraint(fields=["evaluasi", "rhk"], name="evaluasi_rhk_unik")]

    def __str__(self):
        return str(self.rhk)


def bukti_evaluasi_upload_to(instance: BuktiEvaluasi, filename: str) -> str:
    # A random path that says nothing about the pegawai (as kinerja's evidence).
    kode = uuid.uuid4().hex
    return f"evaluasi/{kode[:2]}/{kode}"


@tracked()
class BuktiEvaluasi(models.Model):
    """Evidence the pegawai adds to an RHK of an evaluation beyond the period's activity evidence: a link or a
    file checked by content (:func:`kinerja.berkas.periksa_berkas`)."""

    evaluasi_rhk = models.ForeignKey(EvaluasiRhk, on_delete=models.CASCADE, related_name="bukti", verbose_name=_("RHK"))
    berkas = models.FileField(
        _("berkas"), upload_to=bukti_evaluasi_upload_to, storage=bukti_storage, max_length=255, blank=True
    )
    nama_asli = models.CharField(_("nama berkas"), max_length=255, blank=True)
    tipe_konten = models.CharField(_("jenis isi"), max_length=100, blank=True)
    url = models.URLField(_("tautan"), max_length=2000, blank=True)
    judul = models.CharField(_("judul"), max_length=255, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    class Meta:
        ordering = ["evaluasi_rhk", "dibuat_pada", "pk"]
        verbose_name = _("bukti dukung evaluasi")
        verbose_name_plural = _("bukti dukung evaluasi")
        constraints = [
            models.CheckConstraint(
                condition=(~Q(berkas="") & Q(url=""))
                | (Q(berkas="") & (Q(url__startswith="http://") | Q(url__startswith="https://"))),
                name="bukti_evaluasi_berkas_atau_tautan",
            )
        ]

    def __str__(self):
        return self.judul or self.nama_asli or self.url


@tracked()
class UmpanBalikPerilaku(models.Model):
    """The atasan's umpan balik on one BerAKHLAK value in an evaluation."""

    evaluasi = models.ForeignKey(
        Evaluasi, on_delete=models.CASCADE, related_name="perilaku", verbose_name=_("evaluasi")
    )
    perilaku = models.ForeignKey(PerilakuKerja, on_delete=models.PROTECT, related_name="+", verbose_name=_("perilaku"))
    teks = models.TextField(_("umpan balik"), blank=True, max_length=4000)

    class Meta:
        ordering = ["evaluasi", "perilaku__urutan"]
        verbose_name = _("umpan balik perilaku")
        verbose_name_plural = _("umpan balik perilaku")
        constraints = [models.UniqueConstraint(fields=["evaluasi", "perilaku"], name="umpan_balik_perilaku_unik")]


@tracked()
class RiwayatEvaluasi(models.Model):
    """One step of an evaluation's workflow in words: who, from which state to which, why."""

    evaluasi = models.ForeignKey(Evaluasi, on_delete=models.CASCADE, related_name="riwayat", verbose_name=_("evaluasi"))
    aksi = models.CharField(_("aksi"), max_length=20, choices=AksiEvaluasi.choices)
    dari_status = models.CharField(_("dari"), max_length=10, choices=StatusEvaluasi.choices, blank=True)
    ke_status = models.CharField(_("ke"), max_length=10, choices=StatusEvaluasi.choices)
    actor = models.ForeignKey("pegawai.User", null=True, on_delete=models.SET_NULL, related_name="+")
    actor_nama = models.CharField(_("oleh"), max_length=255, blank=True)
    # A reason written on a form (at most 2,000 characters, penilaian.services) or a line the service writes.
    catatan = models.TextField(_("catatan"), blank=True, max_length=2000)
    waktu = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        ordering = ["evaluasi", "waktu", "pk"]
        verbose_name = _("riwayat evaluasi")
        verbose_name_plural = _("riwayat evaluasi")


@tracked()
class PenerimaanKurva(models.Model):
    """Admin BKPSDM accepted that the predikat of one penilai's team (or of a unit) for a period deviate from the
    curve, with a written reason; finalising is then allowed despite the listed violations."""

    periode = models.ForeignKey(PeriodePenilaian, on_delete=models.PROTECT, related_name="penerimaan_kurva")
    penilai = models.ForeignKey(
        Pegawai, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("pejabat penilai")
    )
    unit_kerja = models.ForeignKey(
        UnitKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit kerja")
    )
    pelanggaran = models.JSONField(_("pelanggaran yang diterima"), default=list)
    alasan = models.TextField(_("alasan"), max_length=2000)
    diterima_oleh = models.ForeignKey("pegawai.User", null=True, on_delete=models.SET_NULL, related_name="+")
    diterima_pada = models.DateTimeField(_("diterima pada"), default=timezone.now)

    class Meta:
        ordering = ["-diterima_pada"]
        verbose_name = _("penerimaan penyimpangan kurva")
        verbose_name_plural = _("penerimaan penyimpangan kurva")
        constraints = [
            models.CheckConstraint(
                condition=Q(penilai__isnull=False) | Q(unit_kerja__isnull=False), name="penerimaan_kurva_berlingkup"
            ),
        ]


@tracked()
class PesanDialog(models.Model):
    """One message of the dialog kinerja between a pegawai and their atasan for a period (either side writes);
    ``jenis`` marks the pegawai's feedback upward on policy and procedure."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="dialog", verbose_name=_("pegawai"))
    periode = models.ForeignKey(PeriodePenilaian, on_delete=models.PROTECT, related_name="dialog")
    pengirim = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name=_("pengirim"))
    jenis = models.CharField(_("jenis"), max_length=12, choices=JenisPesan.choices, default=JenisPesan.DIALOG)
    teks = models.TextField(_("pesan"), max_length=4000)
    dikirim_pada = models.DateTimeField(_("dikirim pada"), default=timezone.now)

    class Meta:
        ordering = ["pegawai", "periode", "dikirim_pada", "pk"]
        verbose_name = _("pesan dialog kinerja")
        verbose_name_plural = _("pesan dialog kinerja")
        indexes = [models.Index(fields=["pegawai", "periode", "dikirim_pada"])]


@tracked()
class PermasalahanKinerja(models.Model):
    """Analisis permasalahan kinerja: a problem the atasan tagged for a pegawai and period, substansi or perilaku;
    the recaps count them."""

    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="permasalahan", verbose_name=_("pegawai")
    )
    periode = models.ForeignKey(PeriodePenilaian, on_delete=models.PROTECT, related_name="permasalahan")
    jenis = models.CharField(_("jenis"), max_length=12, choices=JenisPermasalahan.choices)
    catatan = models.TextField(_("catatan"), max_length=2000)
    dicatat_oleh = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="+", verbose_name=_("dicatat oleh")
    )
    dicatat_pada = models.DateTimeField(_("dicatat pada"), default=timezone.now)
    dihapus_pada = models.DateTimeField(_("dihapus pada"), null=True, blank=True)

    class Meta:
        ordering = ["periode", "pegawai", "dicatat_pada", "pk"]
        verbose_name = _("permasalahan kinerja")
        verbose_name_plural = _("permasalahan kinerja")
        indexes = [models.Index(fields=["periode", "jenis"])]
