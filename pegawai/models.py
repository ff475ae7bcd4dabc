from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.audit import tracked

from .choices import (
    GOLONGAN_PPPK,
    PANGKAT,
    Golongan,
    JenisJabatan,
    JenisPenugasan,
    JenisPeran,
    Jenjang,
    StatusPegawai,
    golongan_untuk_status,
)
from .nip import USIA_MINIMUM_PENGANGKATAN, NipError, format_nip, parse_nip, usia_pada


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

    def _get_session_auth_hash(self, secret=None):
        # The forced password change is read from the session (pegawai.akun), not from this row on every request: a
        # session is marked when it logs in. So that the flag set on a login already open (the admin's "Kata sandi
        # sementara" box, without a new password) still ends that session and brings the login back through the
        # mark, the flag is part of the session's key to this row, as the password is.
        if not self.harus_ganti_sandi:
            return super()._get_session_auth_hash(secret)
        return salted_hmac(
            "pegawai.models.User.harus_ganti_sandi", self.password, secret=secret, algorithm="sha256"
        ).hexdigest()


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
    mandiri = models.BooleanField(
        _("unit kerja mandiri"),
        default=False,
        help_text=_(
            "Unit yang berdiri sendiri (kecamatan, UPT, rumah sakit daerah): pimpinannya memakai SKP format JPT."
        ),
    )
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
    # The position held now: the last :class:`RiwayatJabatan` of this pegawai, kept in step by the services that
    # write those (creation, mutasi). Lists and OPD scopes read it; every question about a date asks the history.
    jabatan = models.ForeignKey(Jabatan, on_delete=models.PROTECT, related_name="pemegang", verbose_name=_("jabatan"))
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
            models.CheckConstraint(condition=~Q(atasan_override=models.F("id")), name="pegawai_bukan_atasan_sendiri"),
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
        """ "Penata Muda (III/a)"; a PPPK golongan has no pangkat name and prints as "Golongan XI (PPPK)", in words
        like the PNS ones rather than a bare numeral a reader cannot place."""
        pangkat = PANGKAT.get(self.golongan)
        if pangkat:
            return f"{pangkat} ({self.golongan})"
        if self.golongan in GOLONGAN_PPPK:
            return _("Golongan %(golongan)s (PPPK)") % {"golongan": self.golongan}
        return self.golongan

    @property
    def unit_kerja(self):
        return self.jabatan.unit_kerja

    @property
    def perangkat_daerah(self):
        return self.jabatan.unit_kerja.perangkat_daerah

    def clean(self):
        # The same rules as the import (pegawai.impor): golongan by status; at least 18 on the TMT, in full dates.
        errors = {}
        if self.golongan and self.status and self.golongan not in golongan_untuk_status(self.status):
            if self.status == StatusPegawai.PPPK:
                pesan = _("Golongan %(golongan)s milik PNS/CPNS; PPPK bergolongan I … XVII.")
            else:
                pesan = _("Golongan %(golongan)s milik PPPK; PNS dan CPNS bergolongan I/a … IV/e.")
            errors["golongan"] = pesan % {"golongan": self.golongan}
        lahir, tmt = self.tanggal_lahir, self.tmt_cpns
        if lahir and tmt and usia_pada(lahir, tmt) < USIA_MINIMUM_PENGANGKATAN:
            errors["tmt_cpns"] = _("Pada TMT %(tmt)s usianya belum %(usia)s tahun (lahir %(lahir)s).") % {
                "tmt": date_format(tmt, "j F Y"),
                "usia": USIA_MINIMUM_PENGANGKATAN,
                "lahir": date_format(lahir, "j F Y"),
            }
        if errors:
            raise ValidationError(errors)
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


def _daterange(mulai: str, selesai: str):
    """``daterange(mulai, selesai, '[]')`` for the exclusion constraints: both days included, an empty end open."""
    return models.Func(
        models.F(mulai),
        models.F(selesai),
        models.Value("[]"),
        function="daterange",
        output_field=models.Field(),
    )


class RiwayatJabatanQuerySet(models.QuerySet):
    def pada(self, on: datetime.date):
        """Assignments that cover ``on`` and make their pegawai the holder that day. An open assignment of a
        pegawai set inactive without closing it (data from before positions were dated) holds nothing."""
        return self.filter(tmt__lte=on).filter(
            Q(tanggal_selesai__gte=on) | Q(tanggal_selesai__isnull=True, pegawai__aktif=True)
        )

    def bertumpuk(self, awal: datetime.date, akhir: datetime.date):
        """Assignments that cover at least one day of ``awal``–``akhir``."""
        return self.filter(tmt__lte=akhir).filter(Q(tanggal_selesai__gte=awal) | Q(tanggal_selesai__isnull=True))


@tracked()
class RiwayatJabatan(models.Model):
    """A pegawai holding a definitive position from the TMT jabatan to ``tanggal_selesai`` (empty: still held).

    A mutasi, promotion or demotion closes one row and opens the next, so every "who" of a date — who held a
    position, who was the atasan, who verifies an activity, who rates a period — is answered from these rows
    (:mod:`pegawai.atasan`). Written only by :mod:`pegawai.services.mutasi` and the creation of a pegawai; the
    database refuses two rows of one pegawai covering the same day."""

    pegawai = models.ForeignKey(
        "Pegawai", on_delete=models.CASCADE, related_name="riwayat_jabatan", verbose_name=_("pegawai")
    )
    jabatan = models.ForeignKey(
        Jabatan, on_delete=models.PROTECT, related_name="riwayat_pemegang", verbose_name=_("jabatan")
    )
    tmt = models.DateField(_("TMT jabatan"))
    tanggal_selesai = models.DateField(_("sampai"), null=True, blank=True)
    nomor_sk = models.CharField(_("nomor SK"), max_length=100, blank=True)

    objects = RiwayatJabatanQuerySet.as_manager()

    class Meta:
        ordering = ["pegawai_id", "-tmt"]
        verbose_name = _("riwayat jabatan")
        verbose_name_plural = _("riwayat jabatan")
        indexes = [models.Index(fields=["jabatan", "tmt"]), models.Index(fields=["pegawai", "tmt"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=models.F("tmt")),
                name="riwayat_jabatan_rentang_valid",
            ),
            ExclusionConstraint(
                name="riwayat_jabatan_tidak_bertumpuk",
                expressions=[
                    ("pegawai", RangeOperators.EQUAL),
                    (_daterange("tmt", "tanggal_selesai"), RangeOperators.OVERLAPS),
                ],
            ),
        ]

    def __str__(self):
        return f"{self.jabatan} — TMT {self.tmt:%d-%m-%Y}"


class PenugasanQuerySet(models.QuerySet):
    def berlaku(self, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(tanggal_mulai__lte=on, tanggal_selesai__gte=on)


@tracked()
class Penugasan(models.Model):
    """Plt/Plh: a pegawai acting in a second position for a date range, with its supervisory rights. Its rules
    (dates, overlap, own position, scope) are checked by :mod:`pegawai.services.penugasan`, the one writer."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="penugasan", verbose_name=_("pegawai"))
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


class DelegasiPenilaiQuerySet(models.QuerySet):
    def pada(self, on: datetime.date):
        return self.filter(tanggal_mulai__lte=on, tanggal_selesai__gte=on, dibatalkan_pada__isnull=True)


@tracked()
class DelegasiPenilai(models.Model):
    """A written delegation of the pejabat penilai's rights (PermenPANRB 6/2022 Pasal 1) to a pegawai who does not
    hold a position of at least pengawas — e.g. a ketua tim in a JF position — for a date range. During it the
    ``penerima`` rates the pegawai below their position like an eligible atasan would. Never deleted: a
    cancellation keeps the row with its reason. Written only by :mod:`pegawai.services.delegasi`."""

    pemberi = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="delegasi_diberikan", verbose_name=_("pemberi delegasi")
    )
    penerima = models.ForeignKey(
        Pegawai, on_delete=models.PROTECT, related_name="delegasi_diterima", verbose_name=_("penerima delegasi")
    )
    tanggal_mulai = models.DateField(_("mulai"))
    tanggal_selesai = models.DateField(_("selesai"))
    alasan = models.TextField(_("alasan"), max_length=1000)
    nomor_surat = models.CharField(_("nomor surat"), max_length=100)
    dibatalkan_pada = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    alasan_batal = models.TextField(_("alasan pembatalan"), blank=True, max_length=1000)

    objects = DelegasiPenilaiQuerySet.as_manager()

    class Meta:
        ordering = ["-tanggal_mulai"]
        verbose_name = _("delegasi pejabat penilai")
        verbose_name_plural = _("delegasi pejabat penilai")
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_selesai__gte=models.F("tanggal_mulai")), name="delegasi_rentang_valid"
            ),
            models.CheckConstraint(condition=~Q(pemberi=models.F("penerima")), name="delegasi_bukan_diri_sendiri"),
        ]

    def __str__(self):
        return f"{self.pemberi.nama} → {self.penerima.nama}"

    def berlaku_pada(self, on: datetime.date) -> bool:
        """The row-level twin of ``DelegasiPenilai.objects.pada``: not cancelled and covering ``on``."""
        return self.dibatalkan_pada is None and self.tanggal_mulai <= on <= self.tanggal_selesai


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
