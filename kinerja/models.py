"""Daily activity reports (laporan aktivitas harian, docs/ATURAN.md): the activity, its evidence, the admin's
reopening of a locked month, the per-instansi settings and working-day calendar, and the realisasi the pegawai
states for an IKI that is not a sum of activities. Every write goes through ``kinerja.services``."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeOperators
from django.core.files.storage import default_storage, storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.functions import Cast, Extract
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from pegawai.models import Pegawai, UnitKerja
from portal.audit import tracked
from skp.models import IndikatorKinerjaIndividu, RencanaHasilKerja

from . import ringkasan, rules
from .berkas import FOTO, PDF, PER_MIMETYPE
from .choices import (
    STATUS_DAPAT_DIUBAH,
    HariKerjaPerMinggu,
    JenisBukti,
    JenisLibur,
    KategoriAktivitas,
    KebijakanTerlambat,
    StatusAktivitas,
)

# ---------------------------------------------------------------------------------------------------------------
# Settings and calendar
# ---------------------------------------------------------------------------------------------------------------


@tracked()
class PengaturanKinerja(models.Model):
    """The daily-report settings of the instansi (one Pemda per deployment, so one row). Read it through
    :meth:`get_solo` or, in a request, :func:`kinerja.selectors.kalender.pengaturan_kinerja` (kept in the
    request's cache).

    The defaults are a starting point, not a regulation: regions differ (docs/ATURAN.md, *configurable*)."""

    SOLO_PK = 1

    menit_efektif_minimum = models.PositiveIntegerField(
        _("menit kerja efektif minimum per bulan"),
        default=6750,
        validators=[MinValueValidator(1)],
        # Bandung E-RK used 6,000; other regions 6,600, 6,750 or 8,400 (docs/ATURAN.md).
        help_text=_("Contoh: 6.000, 6.600, 6.750 atau 8.400 menit."),
    )
    batas_hari_entri = models.PositiveSmallIntegerField(
        _("batas pencatatan (hari kerja setelah tanggal aktivitas)"),
        default=3,
        validators=[MaxValueValidator(60)],
        help_text=_("0 berarti aktivitas hanya dapat dicatat pada hari yang sama."),
    )
    kebijakan_terlambat = models.CharField(
        _("pencatatan yang terlambat"),
        max_length=10,
        choices=KebijakanTerlambat.choices,
        default=KebijakanTerlambat.TOLAK,
    )
    batas_verifikasi_hari_kerja = models.PositiveSmallIntegerField(
        _("batas verifikasi atasan (hari kerja ke-N bulan berikutnya)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Setelah batas ini bulan terkunci: tidak ada perubahan atau persetujuan tanpa dibuka admin."),
    )
    maks_unggah_mb = models.PositiveSmallIntegerField(
        _("ukuran maksimum bukti dukung (MB)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    hari_kerja_per_minggu = models.PositiveSmallIntegerField(
        _("hari kerja per minggu (bawaan)"),
        choices=HariKerjaPerMinggu.choices,
        default=HariKerjaPerMinggu.LIMA,
        help_text=_("Berlaku untuk unit kerja yang tidak memiliki pengaturan sendiri."),
    )
    simpan_langsung_ajukan = models.BooleanField(
        _("simpan langsung mengajukan ke atasan"),
        default=False,
        # Off by default: a draft lets the pegawai add evidence or correct the entry before the atasan sees it.
        # Regions that want each entry to reach the atasan at once turn it on; a submitted entry can still be
        # withdrawn until the atasan acts (kinerja.services.aktivitas.aktivitas_tarik).
        help_text=_(
            "Bila aktif, tombol Simpan pada form aktivitas harian langsung mengajukan aktivitas ke atasan. Bila "
            "tidak, aktivitas disimpan sebagai draf dan tersedia tombol terpisah Simpan dan ajukan."
        ),
    )
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        verbose_name = _("pengaturan kinerja harian")
        verbose_name_plural = _("pengaturan kinerja harian")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="pengaturan_kinerja_tunggal"),
            # The calendar divides by the monthly minimum.
            models.CheckConstraint(condition=Q(menit_efektif_minimum__gte=1), name="pengaturan_kinerja_menit_minimum"),
            models.CheckConstraint(condition=Q(hari_kerja_per_minggu__in=[5, 6]), name="pengaturan_kinerja_minggu"),
            models.CheckConstraint(
                condition=Q(batas_verifikasi_hari_kerja__gte=1), name="pengaturan_kinerja_batas_verifikasi"
            ),
            models.CheckConstraint(condition=Q(maks_unggah_mb__gte=1), name="pengaturan_kinerja_maks_unggah"),
        ]

    def __str__(self):
        return str(_("Pengaturan kinerja harian"))

    def save(self, *args, **kwargs):
        # The singleton always lives at pk 1, whatever an admin form or fixture says.
        self.pk = self.SOLO_PK
        super().save(*args, **kwargs)

    @classmethod
    def get_solo(cls) -> PengaturanKinerja:
        """The settings row, created with the defaults on first use."""
        obj, _created = cls.objects.get_or_create(pk=cls.SOLO_PK)
        return obj


@tracked()
class HariKerjaUnit(models.Model):
    """A unit working a different week than the instansi default (e.g. a UPT or puskesmas on six days). Applies to
    the unit and every unit below it that has no setting of its own."""

    unit_kerja = models.OneToOneField(
        UnitKerja, on_delete=models.CASCADE, related_name="hari_kerja", verbose_name=_("unit kerja")
    )
    hari_kerja_per_minggu = models.PositiveSmallIntegerField(
        _("hari kerja per minggu"), choices=HariKerjaPerMinggu.choices
    )

    class Meta:
        verbose_name = _("hari kerja unit")
        verbose_name_plural = _("hari kerja unit")
        constraints = [
            models.CheckConstraint(condition=Q(hari_kerja_per_minggu__in=[5, 6]), name="hari_kerja_unit_5_6"),
        ]

    def __str__(self):
        return f"{self.unit_kerja}: {self.get_hari_kerja_per_minggu_display()}"


@tracked()
class HariLibur(models.Model):
    """A national holiday or cuti bersama: not a working day in any unit (SKB 3 Menteri each year)."""

    tanggal = models.DateField(_("tanggal"), unique=True)
    nama = models.CharField(_("keterangan"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisLibur.choices, default=JenisLibur.LIBUR_NASIONAL)

    class Meta:
        ordering = ["tanggal"]
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")

    def __str__(self):
        return f"{self.tanggal:%Y-%m-%d} {self.nama}"


# ---------------------------------------------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------------------------------------------


class RentangJam(Func):
    """``tsrange(tanggal + jam_mulai, tanggal + jam_selesai)``: the stretch of time an activity covers, half-open
    (``[)``, PostgreSQL's default), so 08:00–09:00 and 09:00–10:00 do not overlap. ``date + time`` is an immutable
    operator, which an index expression requires."""

    output_field = DateTimeRangeField()

    def __init__(self, tanggal="tanggal", mulai="jam_mulai", selesai="jam_selesai", **extra):
        super().__init__(F(tanggal), F(mulai), F(tanggal), F(selesai), **extra)

    def as_sql(self, compiler, connection, **extra_context):
        bagian, params = [], []
        for expression in self.get_source_expressions():
            sql, p = compiler.compile(expression)
            bagian.append(sql)
            params.extend(p)
        return f"tsrange(({bagian[0]} + {bagian[1]}), ({bagian[2]} + {bagian[3]}))", params


class AktivitasQuerySet(models.QuerySet):
    def dihitung(self):
        """Activities that occupy their time slot: everything except rejected ones."""
        return self.exclude(status=StatusAktivitas.DITOLAK)

    def disetujui(self):
        return self.filter(status=StatusAktivitas.DISETUJUI)


@tracked()
class Aktivitas(models.Model):
    """One entry of a pegawai's daily report, mapped to an RHK of their approved SKP (or declared as tugas
    tambahan / lainnya with a reason). ``menit`` is derived from the times and checked by the database."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="aktivitas", verbose_name=_("pegawai"))
    tanggal = models.DateField(_("tanggal"))
    kategori = models.CharField(
        _("kategori"), max_length=20, choices=KategoriAktivitas.choices, default=KategoriAktivitas.RHK
    )
    rhk = models.ForeignKey(
        RencanaHasilKerja,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aktivitas",
        verbose_name=_("rencana hasil kerja"),
    )
    # The limits are checked by the service (kinerja.rules.MAKS_*); max_length here gives admin and model forms the
    # same bound.
    alasan_kategori = models.TextField(
        _("alasan"),
        blank=True,
        max_length=rules.MAKS_ALASAN,
        help_text=_("Wajib untuk tugas tambahan atau aktivitas lainnya."),
    )
    uraian = models.TextField(_("uraian aktivitas"), max_length=rules.MAKS_URAIAN)
    volume = models.DecimalField(_("volume keluaran"), max_digits=12, decimal_places=2)
    satuan = models.CharField(_("satuan keluaran"), max_length=50)
    jam_mulai = models.TimeField(_("jam mulai"))
    jam_selesai = models.TimeField(_("jam selesai"))
    menit = models.PositiveIntegerField(_("menit"))
    lokasi = models.CharField(_("lokasi"), max_length=255, blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=StatusAktivitas.choices, default=StatusAktivitas.DRAFT
    )
    terlambat = models.BooleanField(
        _("dicatat terlambat"), default=False, help_text=_("Dicatat setelah batas hari kerja yang ditentukan.")
    )
    catatan_atasan = models.TextField(_("catatan atasan"), blank=True, max_length=rules.MAKS_CATATAN)
    diverifikasi_oleh = models.ForeignKey(
        Pegawai,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aktivitas_diverifikasi",
        verbose_name=_("diverifikasi oleh"),
    )
    diverifikasi_pada = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    diajukan_pada = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    objects = AktivitasQuerySet.as_manager()

    class Meta:
        ordering = ["-tanggal", "jam_mulai", "pk"]
        verbose_name = _("aktivitas")
        verbose_name_plural = _("aktivitas")
        indexes = [
            models.Index(fields=["pegawai", "tanggal"]),
            models.Index(fields=["status", "tanggal"]),
            models.Index(fields=["rhk", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(jam_selesai__gt=F("jam_mulai")),
                name="aktivitas_jam_berurutan",
                violation_error_message=_("Jam selesai harus setelah jam mulai."),
            ),
            # ``menit`` is stored for fast roll-ups but can never disagree with the times, whoever writes the row.
            models.CheckConstraint(
                condition=Q(
                    menit=Cast(
                        Extract(F("jam_selesai") - F("jam_mulai"), "epoch") / 60,
                        output_field=models.IntegerField(),
                    )
                ),
                name="aktivitas_menit_sesuai_jam",
            ),
            models.CheckConstraint(
                condition=Q(kategori=KategoriAktivitas.RHK, rhk__isnull=False)
                | (~Q(kategori=KategoriAktivitas.RHK) & Q(rhk__isnull=True) & ~Q(alasan_kategori="")),
                name="aktivitas_rhk_atau_alasan",
            ),
            models.CheckConstraint(condition=Q(volume__gt=0), name="aktivitas_volume_positif"),
            # No two activities of one pegawai may share a minute (rejected ones do not count: the pegawai may
            # enter the real activity in that slot). The service checks first for a readable message; this
            # catches the race between two tabs. btree_gist provides the ``=`` on pegawai in a GiST index.
            ExclusionConstraint(
                name="aktivitas_tanpa_tumpang_tindih",
                expressions=[("pegawai", RangeOperators.EQUAL), (RentangJam(), RangeOperators.OVERLAPS)],
                condition=~Q(status=StatusAktivitas.DITOLAK),
                violation_error_message=_("Waktu ini bertumpuk dengan aktivitas lain pada hari yang sama."),
            ),
        ]
        # The monthly summary the recaps read (kinerja.ringkasan): kept in the writer's transaction, whoever writes.
        triggers = ringkasan.pemicu()

    def __str__(self):
        return f"{self.tanggal:%Y-%m-%d} {self.jam_mulai:%H:%M}–{self.jam_selesai:%H:%M} {self.uraian[:60]}"

    @property
    def dapat_diubah(self) -> bool:
        return self.status in STATUS_DAPAT_DIUBAH

    @property
    def menunggu_verifikasi(self) -> bool:
        return self.status == StatusAktivitas.DIAJUKAN

    @property
    def ditolak(self) -> bool:
        return self.status == StatusAktivitas.DITOLAK


class RingkasanAktivitas(models.Model):
    """Per pegawai, month, RHK and satuan: the activity counts a recap needs (:mod:`kinerja.ringkasan`). Written
    only by the trigger on :class:`Aktivitas`; read only by recap SQL. ``rhk_id`` is 0 for activities without an
    RHK (tugas tambahan, lainnya) so that the key has no NULL; no foreign keys, as the rows are derived."""

    pk = models.CompositePrimaryKey("pegawai_id", "bulan", "rhk_id", "satuan")
    pegawai_id = models.BigIntegerField()
    bulan = models.DateField(help_text="Tanggal 1 bulan aktivitas.")
    rhk_id = models.BigIntegerField()
    satuan = models.CharField(max_length=50)
    hari_n = ArrayField(models.IntegerField(), size=31)
    hari = models.BigIntegerField()
    n = models.IntegerField()
    disetujui_n = models.IntegerField()
    ditolak_n = models.IntegerField()
    menunggu_n = models.IntegerField()
    menit = models.BigIntegerField()
    volume = models.DecimalField(max_digits=18, decimal_places=2)
    verif_c = ArrayField(models.IntegerField(), size=ringkasan.HARI_VERIFIKASI)

    class Meta:
        db_table = ringkasan.TABEL
        verbose_name = _("ringkasan aktivitas bulanan")
        verbose_name_plural = _("ringkasan aktivitas bulanan")

    @property
    def diverifikasi_n(self) -> int:
        """Verified (approved or rejected with a verification time): the last of the cumulative counts."""
        return self.verif_c[-1]


def bukti_storage():
    """Where evidence files live: ``STORAGES["bukti"]`` when a deployment defines one (e.g. a directory the web
    server does not serve, or a private bucket), else the default storage. Files are only ever served through a
    permission-checked view, never by URL."""
    return storages["bukti"] if "bukti" in settings.STORAGES else default_storage


def bukti_upload_to(instance: BuktiDukung, filename: str) -> str:
    """A random path that says nothing about the pegawai, the activity or the original name; the user's name is
    kept in ``nama_asli`` for display only. The first two hex digits spread files over 256 directories."""
    kode = uuid.uuid4().hex
    jenis = PER_MIMETYPE.get(instance.tipe_konten)
    akhiran = f".{jenis.ekstensi}" if jenis else ""
    return f"bukti/{kode[:2]}/{kode}{akhiran}"


@tracked()
class BuktiDukung(models.Model):
    """Evidence of an activity: an uploaded file (PDF, JPEG/PNG, DOCX/XLSX, checked by content) or an http(s)
    link. Files are served only through a view that fetches via :func:`kinerja.selectors.aktivitas.bukti_visible_to`."""

    aktivitas = models.ForeignKey(
        Aktivitas, on_delete=models.CASCADE, related_name="bukti", verbose_name=_("aktivitas")
    )
    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisBukti.choices)
    berkas = models.FileField(_("berkas"), upload_to=bukti_upload_to, storage=bukti_storage, max_length=255, blank=True)
    nama_asli = models.CharField(_("nama berkas"), max_length=255, blank=True)
    tipe_konten = models.CharField(_("jenis isi"), max_length=100, blank=True)
    ukuran = models.PositiveIntegerField(_("ukuran (bita)"), null=True, blank=True)
    url = models.URLField(_("tautan"), max_length=2000, blank=True)
    judul = models.CharField(_("judul"), max_length=255, blank=True)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    class Meta:
        ordering = ["aktivitas", "dibuat_pada", "pk"]
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        constraints = [
            models.CheckConstraint(
                condition=(Q(jenis=JenisBukti.BERKAS) & ~Q(berkas="") & ~Q(tipe_konten="") & Q(url=""))
                | (Q(jenis=JenisBukti.TAUTAN) & ~Q(url="") & Q(berkas="")),
                name="bukti_berkas_atau_tautan",
            ),
            models.CheckConstraint(
                condition=~Q(jenis=JenisBukti.TAUTAN) | Q(url__startswith="http://") | Q(url__startswith="https://"),
                name="bukti_tautan_http",
            ),
        ]

    def __str__(self):
        return self.nama_asli or self.judul or self.url

    @property
    def adalah_berkas(self) -> bool:
        return self.jenis == JenisBukti.BERKAS

    @property
    def adalah_foto(self) -> bool:
        """A JPEG or PNG file: shown in the browser; every other file is downloaded."""
        return self.adalah_berkas and self.tipe_konten in {j.mimetype for j in FOTO}

    @property
    def ikon(self) -> str:
        """The Bootstrap icon of this evidence in a list."""
        if not self.adalah_berkas:
            return "link-45deg"
        if self.adalah_foto:
            return "image"
        return "file-earmark-pdf" if self.tipe_konten == PDF.mimetype else "file-earmark"


@tracked()
class BukaKunci(models.Model):
    """An admin reopening one pegawai-month after its verification deadline, until ``sampai`` (inclusive), with
    the reason. Rows are never changed or deleted: they are the audit of every reopening (docs/ATURAN.md)."""

    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="buka_kunci_kinerja", verbose_name=_("pegawai")
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"))
    alasan = models.TextField(_("alasan"), max_length=rules.MAKS_ALASAN)
    sampai = models.DateField(_("dibuka sampai"))
    oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("dibuka oleh"),
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)

    class Meta:
        ordering = ["-dibuat_pada", "-pk"]
        verbose_name = _("pembukaan bulan terkunci")
        verbose_name_plural = _("pembukaan bulan terkunci")
        indexes = [models.Index(fields=["pegawai", "tahun", "bulan"])]
        constraints = [
            models.CheckConstraint(condition=Q(bulan__gte=1, bulan__lte=12), name="buka_kunci_bulan_sah"),
            models.CheckConstraint(condition=~Q(alasan=""), name="buka_kunci_alasan_wajib"),
        ]

    def __str__(self):
        return f"{self.pegawai.nama} {self.bulan:02d}/{self.tahun} s.d. {self.sampai:%Y-%m-%d}"


# ---------------------------------------------------------------------------------------------------------------
# Realisasi stated by the pegawai
# ---------------------------------------------------------------------------------------------------------------


@tracked()
class RealisasiDinyatakan(models.Model):
    """The realisasi of one IKI for one month, stated by the pegawai with evidence (a short explanation and a link
    or a reference to where the evidence is kept).

    Only an IKI whose realisasi is not a sum of activity volumes has rows here — kualitas, waktu, biaya, and every
    IKI of the JPT form (:func:`kinerja.rules.cara_realisasi`, docs/ATURAN.md); a kuantitas IKI is summed from the
    approved activities by :func:`kinerja.selectors.realisasi.realisasi`. Written only by
    :func:`kinerja.services.realisasi.realisasi_nyatakan` (the SKP's owner, an approved SKP in force, a month of
    its period that has begun and is not locked); a new statement for the same month replaces the value, and the
    audit trail keeps every earlier one.

    The grain is one IKI and one **month**, so that any evaluation period is composed of months: the evaluation
    (penilaian) pre-fills each RHK's realisasi of a triwulan, semester or year from
    :func:`kinerja.selectors.realisasi.realisasi`, which takes the statement of the latest month of the period
    that has one (a percentage or a number of months is a position at a date, not an amount to add up).
    """

    iki = models.ForeignKey(
        IndikatorKinerjaIndividu,
        on_delete=models.PROTECT,
        related_name="realisasi_dinyatakan",
        verbose_name=_("indikator kinerja individu"),
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"))
    # The same digits as the IKI's target (skp.IndikatorKinerjaIndividu.target_min), so any target can be met.
    nilai = models.DecimalField(_("realisasi"), max_digits=18, decimal_places=2)
    penjelasan = models.TextField(_("penjelasan"), max_length=rules.MAKS_PENJELASAN)
    bukti = models.CharField(
        _("bukti dukung"),
        max_length=2000,
        help_text=_("Tautan ke bukti, atau rujukan tempat bukti disimpan (nomor dokumen, arsip)."),
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now)
    diubah_pada = models.DateTimeField(_("diubah pada"), auto_now=True)

    class Meta:
        ordering = ["iki", "tahun", "bulan"]
        verbose_name = _("realisasi yang dinyatakan")
        verbose_name_plural = _("realisasi yang dinyatakan")
        constraints = [
            models.UniqueConstraint(fields=["iki", "tahun", "bulan"], name="realisasi_dinyatakan_unik_per_bulan"),
            models.CheckConstraint(condition=Q(bulan__gte=1, bulan__lte=12), name="realisasi_dinyatakan_bulan_sah"),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="realisasi_dinyatakan_tidak_negatif"),
            models.CheckConstraint(condition=~Q(penjelasan=""), name="realisasi_dinyatakan_penjelasan_wajib"),
            models.CheckConstraint(condition=~Q(bukti=""), name="realisasi_dinyatakan_bukti_wajib"),
        ]

    def __str__(self):
        return f"{self.iki} {self.bulan:02d}/{self.tahun}: {self.nilai}"

    @property
    def bukti_tautan(self) -> bool:
        """The evidence is a web link (shown as one); anything else is a reference shown as text. The service only
        stores a link that passed :func:`kinerja.rules.periksa_tautan`."""
        return self.bukti.lower().startswith(("http://", "https://"))

    @property
    def nilai_tercetak(self) -> str:
        """``95``, ``95,5``, ``1.500.000``: the value in Indonesian format, without trailing zeros."""
        nilai = self.nilai
        nilai = nilai.quantize(Decimal(1)) if nilai == nilai.to_integral_value() else nilai.normalize()
        return formats.number_format(nilai, use_l10n=True, force_grouping=True)
