from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import tracked

from .choices import (
    PANGKAT,
    Golongan,
    JenisJabatan,
    JenisPenugasan,
    JenisPeran,
    Jenjang,
    StatusPegawai,
)
from .nip import NipError, format_nip, parse_nip


@tracked(exclude=["password", "last_login"])
class User(AbstractUser):
    """A login. ``username`` holds the NIP; the person behind it is ``user.pegawai`` (absent for service
    accounts such as a pure BKPSDM operator)."""

    username = models.CharField(
        _("NIP"),
        max_length=30,
        unique=True,
        error_messages={"unique": _("NIP ini sudah terdaftar.")},
    )
    harus_ganti_sandi = models.BooleanField(
        _("harus mengganti kata sandi"),
        default=False,
        help_text=_("Diisi saat admin memberi kata sandi sementara; pengguna diminta menggantinya saat masuk."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("akun")
        verbose_name_plural = _("akun")


@tracked()
class PerangkatDaerah(models.Model):
    """An OPD: dinas, badan, kecamatan, sekretariat…"""

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama"), max_length=200, unique=True)
    singkatan = models.CharField(_("singkatan"), max_length=50, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["nama"]
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")

    def __str__(self):
        return self.nama


@tracked()
class UnitKerja(models.Model):
    """A unit inside an OPD (bidang, bagian, subbagian, seksi, UPT); a tree through ``parent``."""

    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, related_name="unit_kerja", verbose_name=_("perangkat daerah")
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("induk")
    )
    nama = models.CharField(_("nama"), max_length=200)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["perangkat_daerah__nama", "nama"]
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        constraints = [
            models.UniqueConstraint(fields=["perangkat_daerah", "nama"], name="unit_kerja_unik_per_opd"),
        ]

    def __str__(self):
        return self.nama

    def clean(self):
        if self.parent_id and self.parent.perangkat_daerah_id != self.perangkat_daerah_id:
            raise ValidationError({"parent": _("Unit induk harus berada di perangkat daerah yang sama.")})
        node, seen = self.parent, set()
        while node is not None:
            if node.pk == self.pk or node.pk in seen:
                raise ValidationError({"parent": _("Unit induk membentuk lingkaran.")})
            seen.add(node.pk)
            node = node.parent


@tracked()
class Jabatan(models.Model):
    """A position in a unit. Structural positions have one holder; a pelaksana or fungsional position may be
    held by several pegawai (formasi). ``parent`` is the supervising position: its holder is the atasan."""

    unit_kerja = models.ForeignKey(
        UnitKerja, on_delete=models.PROTECT, related_name="jabatan", verbose_name=_("unit kerja")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("jabatan atasan"),
    )
    nama = models.CharField(_("nama jabatan"), max_length=255)
    jenis = models.CharField(_("jenis jabatan"), max_length=20, choices=JenisJabatan.choices)
    jenjang = models.CharField(_("jenjang"), max_length=20, choices=Jenjang.choices, blank=True)
    kelas_jabatan = models.PositiveSmallIntegerField(_("kelas jabatan"), null=True, blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["unit_kerja__nama", "nama"]
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        constraints = [
            models.UniqueConstraint(fields=["unit_kerja", "nama"], name="jabatan_unik_per_unit"),
            models.CheckConstraint(
                condition=Q(kelas_jabatan__isnull=True) | Q(kelas_jabatan__gte=1, kelas_jabatan__lte=17),
                name="jabatan_kelas_1_17",
            ),
        ]

    def __str__(self):
        return self.nama

    @property
    def is_struktural(self) -> bool:
        return self.jenis in (JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS)

    def clean(self):
        from .choices import JENJANG_PER_JENIS

        if self.jenjang and self.jenis and self.jenjang not in JENJANG_PER_JENIS[self.jenis]:
            raise ValidationError({"jenjang": _("Jenjang tidak sesuai dengan jenis jabatan.")})
        node, seen = self.parent, set()
        while node is not None:
            if node.pk == self.pk or node.pk in seen:
                raise ValidationError({"parent": _("Jabatan atasan membentuk lingkaran.")})
            seen.add(node.pk)
            node = node.parent


def validate_nip(value):
    try:
        parse_nip(value)
    except NipError as exc:
        raise ValidationError(str(exc)) from None


class PegawaiQuerySet(models.QuerySet):
    def aktif(self):
        return self.filter(aktif=True)

    def with_org(self):
        return self.select_related("jabatan__unit_kerja__perangkat_daerah")


@tracked()
class Pegawai(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pegawai",
        verbose_name=_("akun"),
    )
    nip = models.CharField(_("NIP"), max_length=18, unique=True, validators=[validate_nip])
    nama = models.CharField(_("nama"), max_length=200)
    gelar_depan = models.CharField(_("gelar depan"), max_length=50, blank=True)
    gelar_belakang = models.CharField(_("gelar belakang"), max_length=80, blank=True)
    jenis_kelamin = models.CharField(
        _("jenis kelamin"), max_length=1, choices=[("L", _("Laki-laki")), ("P", _("Perempuan"))]
    )
    tanggal_lahir = models.DateField(_("tanggal lahir"))
    status = models.CharField(_("status"), max_length=10, choices=StatusPegawai.choices)
    golongan = models.CharField(_("golongan"), max_length=6, choices=Golongan.choices, blank=True)
    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.PROTECT, related_name="pemegang", verbose_name=_("jabatan")
    )
    tmt_cpns = models.DateField(_("TMT CPNS/PPPK"))
    atasan_override = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bawahan_override",
        verbose_name=_("atasan langsung (penetapan khusus)"),
        help_text=_("Kosongkan agar atasan mengikuti jabatan atasan."),
    )
    aktif = models.BooleanField(_("aktif"), default=True, help_text=_("Tidak aktif: pensiun atau mutasi keluar."))
    email = models.EmailField(_("surel"), blank=True)

    objects = PegawaiQuerySet.as_manager()

    class Meta:
        ordering = ["nama"]
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        indexes = [models.Index(fields=["jabatan", "aktif"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(atasan_override=models.F("id")), name="pegawai_bukan_atasan_sendiri"
            ),
        ]

    def __str__(self):
        return f"{self.nama_lengkap} ({self.nip})"

    @property
    def nama_lengkap(self) -> str:
        """Name as printed on documents: "Drs. H. Cecep Supriatin, M.Si."."""
        name = f"{self.gelar_depan} {self.nama}".strip()
        if self.gelar_belakang:
            name = f"{name}, {self.gelar_belakang}"
        return name

    @property
    def nip_tercetak(self) -> str:
        return format_nip(self.nip)

    @property
    def pangkat_golongan(self) -> str:
        pangkat = PANGKAT.get(self.golongan)
        return f"{pangkat} ({self.golongan})" if pangkat else self.golongan

    @property
    def unit_kerja(self):
        return self.jabatan.unit_kerja

    @property
    def perangkat_daerah(self):
        return self.jabatan.unit_kerja.perangkat_daerah

    def clean(self):
        if not self.nip:
            return
        try:
            info = parse_nip(self.nip)
        except NipError:
            return  # reported by the field validator
        if info.is_pppk and self.status and self.status != StatusPegawai.PPPK:
            raise ValidationError({"status": _("Nomor induk PPPK hanya untuk status PPPK.")})
        if not info.is_pppk and self.status == StatusPegawai.PPPK:
            raise ValidationError({"status": _("Status PPPK memerlukan nomor induk PPPK (kode 21).")})
        if self.atasan_override_id and self.atasan_override_id == self.pk:
            raise ValidationError({"atasan_override": _("Pegawai tidak dapat menjadi atasan dirinya sendiri.")})


class PenugasanQuerySet(models.QuerySet):
    def berlaku(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(tanggal_mulai__lte=on, tanggal_selesai__gte=on)


@tracked()
class Penugasan(models.Model):
    """Plt/Plh: a pegawai acting in a second position for a date range, with its supervisory rights. Its rules
    (dates, overlap, own position, scope) are checked by :mod:`pegawai.services.penugasan`, the one writer."""

    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.CASCADE, related_name="penugasan", verbose_name=_("pegawai")
    )
    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.CASCADE, related_name="penugasan", verbose_name=_("jabatan yang dirangkap")
    )
    jenis = models.CharField(_("jenis"), max_length=3, choices=JenisPenugasan.choices, default=JenisPenugasan.PLT)
    tanggal_mulai = models.DateField(_("mulai"))
    tanggal_selesai = models.DateField(_("selesai"))
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)

    objects = PenugasanQuerySet.as_manager()

    class Meta:
        ordering = ["-tanggal_mulai"]
        verbose_name = _("penugasan Plt/Plh")
        verbose_name_plural = _("penugasan Plt/Plh")
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=models.F("tanggal_mulai")), name="penugasan_rentang_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.jabatan} — {self.pegawai.nama}"


@tracked()
class Peran(models.Model):
    """A stored role of a login. Admin OPD and pimpinan of an OPD are scoped to ``perangkat_daerah``;
    admin BKPSDM, and pimpinan with no OPD (wali kota, sekda), see the whole city."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peran")
    jenis = models.CharField(_("peran"), max_length=20, choices=JenisPeran.choices)
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="peran",
        verbose_name=_("perangkat daerah"),
    )

    class Meta:
        verbose_name = _("peran")
        verbose_name_plural = _("peran")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "jenis", "perangkat_daerah"], name="peran_unik", nulls_distinct=False
            ),
            models.CheckConstraint(
                condition=~Q(jenis=JenisPeran.ADMIN_OPD) | Q(perangkat_daerah__isnull=False),
                name="peran_admin_opd_punya_opd",
            ),
            models.CheckConstraint(
                condition=~Q(jenis=JenisPeran.ADMIN_BKPSDM) | Q(perangkat_daerah__isnull=True),
                name="peran_bkpsdm_tanpa_opd",
            ),
        ]

    def __str__(self):
        scope = self.perangkat_daerah or _("seluruh kota")
        return f"{self.get_jenis_display()} — {scope}"

