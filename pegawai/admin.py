"""Django admin of the pegawai app. Every page that writes goes through the same services as the portal's pages —
OPD, units and positions (:mod:`pegawai.services.organisasi`), pegawai (:mod:`pegawai.services.pegawai`), logins,
passwords and roles (:mod:`pegawai.services.akun`), Plt/Plh (:mod:`pegawai.services.penugasan`) — so the admin
refuses exactly what the services refuse, with the same words beside the same field, and the audit trail names
the admin. Who may open a page stays Django's permissions; what a staff login may change there is their reach
(:mod:`pegawai.akses`), which the services check."""

from contextvars import ContextVar

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminDateWidget
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm, UserChangeForm
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportMixin
from import_export.forms import ImportForm

from portal.admin import ReadOnlyAdminMixin, ServiceAdminMixin, ServiceModelForm
from portal.errors import DomainError, add_to_form
from portal.forms import TanggalField

from .akses import delegasi_managed_by, opd_dikelola, penugasan_managed_by, peran_of
from .impor.berkas import ImportFileError, max_upload_bytes
from .models import (
    DelegasiPenilai,
    Jabatan,
    Pegawai,
    Penugasan,
    Peran,
    PerangkatDaerah,
    RiwayatJabatan,
    UnitKerja,
    User,
)
from .resources import BerkasPegawaiFormat, PegawaiResource
from .services.akun import akun_atur_sandi, akun_hapus, akun_simpan, peran_hapus, peran_simpan
from .services.organisasi import (
    jabatan_hapus,
    jabatan_simpan,
    opd_hapus,
    opd_simpan,
    unit_kerja_hapus,
    unit_kerja_simpan,
)
from .services.pegawai import pegawai_hapus, pegawai_simpan
from .services.penugasan import penugasan_buat, penugasan_hapus, penugasan_ubah

# --- organisation --------------------------------------------------------------------------------------------


class PerangkatDaerahAdminForm(ServiceModelForm):
    class Meta:
        model = PerangkatDaerah
        fields = "__all__"

    def write(self):
        return opd_simpan(actor=self.actor, opd=self.changed_instance())


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(ServiceAdminMixin, admin.ModelAdmin):
    form = PerangkatDaerahAdminForm
    list_display = ("kode", "nama", "singkatan", "aktif")
    list_filter = ("aktif",)
    search_fields = ("kode", "nama", "singkatan")

    def delete_through_service(self, actor, obj):
        opd_hapus(actor=actor, opd=obj)


class UnitKerjaAdminForm(ServiceModelForm):
    class Meta:
        model = UnitKerja
        fields = "__all__"

    def write(self):
        return unit_kerja_simpan(actor=self.actor, unit_kerja=self.changed_instance())


@admin.register(UnitKerja)
class UnitKerjaAdmin(ServiceAdminMixin, admin.ModelAdmin):
    form = UnitKerjaAdminForm
    list_display = ("nama", "perangkat_daerah", "parent", "mandiri", "aktif")
    list_filter = ("aktif", "mandiri", "perangkat_daerah")
    search_fields = ("nama", "perangkat_daerah__nama")
    list_select_related = ("perangkat_daerah", "parent")
    autocomplete_fields = ("perangkat_daerah", "parent")

    def get_readonly_fields(self, request, obj=None):
        # Only admin BKPSDM marks a unit mandiri (the service refuses anyone else); an admin OPD reads the flag.
        return ("mandiri",) if opd_dikelola(request.user) is not None else ()

    def delete_through_service(self, actor, obj):
        unit_kerja_hapus(actor=actor, unit_kerja=obj)


class JabatanAdminForm(ServiceModelForm):
    class Meta:
        model = Jabatan
        fields = "__all__"

    def write(self):
        return jabatan_simpan(actor=self.actor, jabatan=self.changed_instance())


@admin.register(Jabatan)
class JabatanAdmin(ServiceAdminMixin, admin.ModelAdmin):
    form = JabatanAdminForm
    list_display = ("nama", "jenis", "jenjang", "kelas_jabatan", "unit_kerja", "parent", "aktif")
    list_filter = ("jenis", "jenjang", "aktif", "unit_kerja__perangkat_daerah")
    search_fields = ("nama", "unit_kerja__nama")
    list_select_related = ("unit_kerja__perangkat_daerah", "parent")
    autocomplete_fields = ("unit_kerja", "parent")

    def delete_through_service(self, actor, obj):
        jabatan_hapus(actor=actor, jabatan=obj)


# --- pegawai -------------------------------------------------------------------------------------------------


class PegawaiImportForm(ImportForm):
    """Refuses an oversized upload before django-import-export copies it to its temporary storage."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(_("Berkas lebih besar dari %(mb)s MB.") % {"mb": settings.IMPORT_MAX_UPLOAD_MB})
        return upload


class PegawaiAdminForm(ServiceModelForm):
    # Not a column of Pegawai: the start of the assignment the save opens (a new pegawai, or a mutasi when the
    # position changes); pegawai_simpan writes it into the position history (RiwayatJabatan).
    tmt_jabatan = TanggalField(
        label=gettext_lazy("TMT jabatan"),
        required=False,
        widget=AdminDateWidget,
        help_text=gettext_lazy("Diisi saat menambah pegawai atau mengganti jabatan (mutasi)"),
    )
    # catat_mutasi names its date "tmt"; here it is this field.
    domain_error_fields = {"tmt": "tmt_jabatan"}

    class Meta:
        model = Pegawai
        fields = "__all__"

    def write(self):
        return pegawai_simpan(
            actor=self.actor, pegawai=self.changed_instance(), tmt_jabatan=self.cleaned_data.get("tmt_jabatan")
        )


class RiwayatJabatanInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The positions the pegawai held, read here; they change only through a mutasi (the field above, the portal's
    "Catat mutasi" page, or the import)."""

    model = RiwayatJabatan
    fields = ("jabatan", "unit_kerja", "tmt", "tanggal_selesai", "nomor_sk")
    readonly_fields = fields
    extra = 0
    ordering = ("-tmt",)

    @admin.display(description=gettext_lazy("unit kerja"))
    def unit_kerja(self, obj):
        return obj.jabatan.unit_kerja

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("jabatan__unit_kerja")


@admin.register(Pegawai)
class PegawaiAdmin(ImportMixin, ServiceAdminMixin, admin.ModelAdmin):
    """Pegawai in the Django admin, with the XLSX/CSV import (dry-run preview, then confirm) through its own
    service (:func:`pegawai.impor.layanan.import_pegawai`).

    Import only, no export: every export of personal data must leave an AksesLog row (UU 27/2022), which the
    portal's exports do and django-import-export's export action would not.
    """

    form = PegawaiAdminForm
    resource_classes = [PegawaiResource]
    import_formats = [BerkasPegawaiFormat]
    import_form_class = PegawaiImportForm
    # pghistory already records every row the import writes, with the acting user; 20,000 LogEntry rows on
    # top would only slow the import down.
    skip_admin_log = True

    list_display = ("nip", "nama_lengkap", "jabatan", "status", "golongan", "aktif")
    list_filter = ("status", "aktif", "jabatan__unit_kerja__perangkat_daerah")
    search_fields = ("nip", "nama")
    list_select_related = ("jabatan__unit_kerja__perangkat_daerah",)
    raw_id_fields = ("user", "jabatan", "atasan_override")
    inlines = [RiwayatJabatanInline]

    @admin.display(description=gettext_lazy("nama"))
    def nama_lengkap(self, obj):
        return obj.nama_lengkap

    def get_inline_instances(self, request, obj=None):
        # A pegawai being added has no history yet: the save opens their first assignment.
        return super().get_inline_instances(request, obj) if obj is not None else []

    def delete_through_service(self, actor, obj):
        pegawai_hapus(actor=actor, pegawai=obj)

    def has_import_permission(self, request):
        return peran_of(request.user).admin

    def get_import_resource_kwargs(self, request, **kwargs):
        resource_kwargs = super().get_import_resource_kwargs(request, **kwargs)
        resource_kwargs["perangkat_daerah_scope"] = opd_dikelola(request.user)
        return resource_kwargs

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportFileError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def process_result(self, result, request):
        outcome = getattr(result, "import_result", None)
        if outcome is not None and outcome.has_errors:
            # The data changed between the preview and the confirmation: nothing was written.
            lines = outcome.error_lines()
            for line in lines[:20]:
                messages.error(request, line)
            messages.error(request, _("Impor dibatalkan; tidak ada data yang disimpan."))
            return HttpResponseRedirect(reverse("admin:pegawai_pegawai_import"))
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        outcome = getattr(result, "import_result", None)
        if outcome is None:
            super().add_success_message(result, request)
        else:
            messages.success(request, _("Impor selesai. %(ringkasan)s") % {"ringkasan": outcome.summary()})


# --- logins and roles ----------------------------------------------------------------------------------------


class AkunBaruForm(ServiceModelForm, AdminUserCreationForm):
    """Django's "add user" form; the login is created by :func:`akun_simpan` with its first password."""

    class Meta(AdminUserCreationForm.Meta):
        model = User

    def _post_clean(self):
        if not self.errors:
            # Django's password validators compare the password with the username being created.
            self.validate_password_for_user(self.changed_instance())
        super()._post_clean()

    def write(self):
        data = self.cleaned_data
        sandi = data["password1"] if data["set_usable_password"] else None
        return akun_simpan(actor=self.actor, user=self.changed_instance(), sandi=sandi)


class AkunUbahForm(ServiceModelForm, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User

    def write(self):
        m2m = {name: self.cleaned_data[name] for name in ("groups", "user_permissions") if name in self.fields}
        return akun_simpan(actor=self.actor, user=self.changed_instance(), **m2m)


# Django builds the password form with the target login only; the service also needs the acting one.
_actor_sandi: ContextVar = ContextVar("pegawai_admin_actor_sandi")


class AkunSandiForm(AdminPasswordChangeForm):
    """Django's "change password" form of the admin; the password is set by :func:`akun_atur_sandi` (the actor's
    reach, no password for an inactive pegawai) while the form is validated, so a refusal shows in the form."""

    def _post_clean(self):
        if self.errors:
            return
        usable = self.cleaned_data["set_usable_password"]
        if not usable and "unset-password" not in self.data:
            return  # conflicting buttons: Django's view refuses the submission and writes nothing
        try:
            with transaction.atomic():
                self.user = akun_atur_sandi(
                    actor=_actor_sandi.get(), user=self.user, sandi=self.cleaned_data["password1"] if usable else None
                )
        except DomainError as exc:
            add_to_form(self, exc)

    def save(self, commit=True):
        return self.user


class PeranInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The roles of a login, read here; each is granted, changed and taken away on its own page (PeranAdmin),
    through :func:`peran_simpan` / :func:`peran_hapus`."""

    model = Peran
    fields = ("jenis", "perangkat_daerah")
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(User)
class AkunAdmin(ServiceAdminMixin, UserAdmin):
    form = AkunUbahForm
    add_form = AkunBaruForm
    change_password_form = AkunSandiForm
    inlines = [PeranInline]
    list_display = ("username", "first_name", "is_active", "is_staff", "harus_ganti_sandi", "last_login")
    list_filter = ("is_active", "is_staff", "harus_ganti_sandi")
    fieldsets = (
        *UserAdmin.fieldsets,
        (gettext_lazy("Kata sandi sementara"), {"fields": ("harus_ganti_sandi",)}),
        (gettext_lazy("Peran"), {"fields": ("tambah_peran",)}),
    )
    readonly_fields = ("tambah_peran",)

    @admin.display(description=gettext_lazy("peran baru"))
    def tambah_peran(self, obj):
        url = f"{reverse('admin:pegawai_peran_add')}?{urlencode({'user': obj.pk})}"
        return format_html('<a href="{}">{}</a>', url, _("Tambah peran untuk akun ini"))

    def delete_through_service(self, actor, obj):
        akun_hapus(actor=actor, user=obj)

    def user_change_password(self, request, id, form_url=""):
        token = _actor_sandi.set(request.user)
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _actor_sandi.reset(token)


class PeranAdminForm(ServiceModelForm):
    class Meta:
        model = Peran
        fields = "__all__"

    def write(self):
        return peran_simpan(actor=self.actor, peran=self.changed_instance())


@admin.register(Peran)
class PeranAdmin(ServiceAdminMixin, admin.ModelAdmin):
    form = PeranAdminForm
    list_display = ("user", "jenis", "perangkat_daerah")
    list_filter = ("jenis",)
    search_fields = ("user__username", "user__first_name", "perangkat_daerah__nama")
    list_select_related = ("user", "perangkat_daerah")
    autocomplete_fields = ("user", "perangkat_daerah")

    def delete_through_service(self, actor, obj):
        peran_hapus(actor=actor, peran=obj)


# --- Plt/Plh -------------------------------------------------------------------------------------------------


class PenugasanAdminForm(ServiceModelForm):
    """The Plt/Plh form of the admin: :func:`penugasan_buat` / :func:`penugasan_ubah` check scope, dates, overlap
    and the position with the position row locked, and write."""

    class Meta:
        model = Penugasan
        fields = ["pegawai", "jabatan", "jenis", "tanggal_mulai", "tanggal_selesai", "nomor_sk"]

    def write(self):
        data = self.cleaned_data
        kwargs = {
            "actor": self.actor,
            "pegawai": data["pegawai"],
            "jabatan": data["jabatan"],
            "jenis": data["jenis"],
            "tanggal_mulai": data["tanggal_mulai"],
            "tanggal_selesai": data["tanggal_selesai"],
            "nomor_sk": data.get("nomor_sk") or "",
        }
        if self.instance.pk is None:
            return penugasan_buat(**kwargs)
        return penugasan_ubah(penugasan=self.instance, **kwargs)


@admin.register(Penugasan)
class PenugasanAdmin(ServiceAdminMixin, admin.ModelAdmin):
    form = PenugasanAdminForm
    list_display = ("pegawai", "jenis", "jabatan", "tanggal_mulai", "tanggal_selesai", "nomor_sk")
    list_filter = ("jenis",)
    search_fields = ("pegawai__nip", "pegawai__nama", "jabatan__nama", "nomor_sk")
    list_select_related = ("pegawai", "jabatan")
    raw_id_fields = ("pegawai", "jabatan")

    def get_queryset(self, request):
        # The same reach as the portal's Plt/Plh list: an admin OPD who is also staff sees their own OPD's only.
        return penugasan_managed_by(request.user).select_related("pegawai", "jabatan")

    def delete_through_service(self, actor, obj):
        penugasan_hapus(actor=actor, penugasan=obj)


@admin.register(DelegasiPenilai)
class DelegasiPenilaiAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: delegations are recorded and cancelled on the portal's page (pegawai.services.delegasi)."""

    list_display = ("penerima", "pemberi", "tanggal_mulai", "tanggal_selesai", "nomor_surat", "dibatalkan_pada")
    search_fields = ("penerima__nip", "penerima__nama", "pemberi__nip", "pemberi__nama", "nomor_surat")
    list_select_related = ("pemberi", "penerima")

    def get_queryset(self, request):
        return delegasi_managed_by(request.user).select_related("pemberi", "penerima")
