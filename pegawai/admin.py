"""Django admin of the pegawai app. Master data (OPD, units, positions, pegawai, logins and roles) is edited here
by admin BKPSDM, with the model's validation and the audit trail of pghistory; Plt/Plh assignments go through the
same service as the portal's form (scope, overlap and the position lock), so the admin refuses exactly what the
portal refuses, with the same words."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportMixin
from import_export.forms import ImportForm

from portal.errors import DomainError, add_to_form

from .akses import opd_dikelola, penugasan_managed_by, peran_of
from .impor.berkas import ImportFileError, max_upload_bytes
from .models import Jabatan, Pegawai, Penugasan, Peran, PerangkatDaerah, UnitKerja, User
from .resources import BerkasPegawaiFormat, PegawaiResource
from .services import penugasan_buat, penugasan_hapus, penugasan_ubah


class PegawaiImportForm(ImportForm):
    """Refuses an oversized upload before django-import-export copies it to its temporary storage."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(_("Berkas lebih besar dari %(mb)s MB.") % {"mb": settings.IMPORT_MAX_UPLOAD_MB})
        return upload


@admin.register(Pegawai)
class PegawaiAdmin(ImportMixin, admin.ModelAdmin):
    """Pegawai in the Django admin, with the XLSX/CSV import (dry-run preview, then confirm).

    Import only, no export: every export of personal data must leave an AksesLog row (UU 27/2022), which the
    portal's exports do and django-import-export's export action would not.
    """

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

    @admin.display(description=gettext_lazy("nama"))
    def nama_lengkap(self, obj):
        return obj.nama_lengkap

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


@admin.register(User)
class AkunAdmin(UserAdmin):
    list_display = ("username", "first_name", "is_active", "is_staff", "harus_ganti_sandi", "last_login")
    list_filter = ("is_active", "is_staff", "harus_ganti_sandi")
    fieldsets = (
        *UserAdmin.fieldsets,
        (gettext_lazy("Kata sandi sementara"), {"fields": ("harus_ganti_sandi",)}),
    )


class PeranInline(admin.TabularInline):
    model = Peran
    extra = 0
    autocomplete_fields = ("perangkat_daerah",)


AkunAdmin.inlines = [PeranInline]


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "singkatan", "aktif")
    list_filter = ("aktif",)
    search_fields = ("kode", "nama", "singkatan")


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ("nama", "perangkat_daerah", "parent", "aktif")
    list_filter = ("aktif", "perangkat_daerah")
    search_fields = ("nama", "perangkat_daerah__nama")
    list_select_related = ("perangkat_daerah", "parent")
    autocomplete_fields = ("perangkat_daerah", "parent")


@admin.register(Jabatan)
class JabatanAdmin(admin.ModelAdmin):
    list_display = ("nama", "jenis", "jenjang", "kelas_jabatan", "unit_kerja", "parent", "aktif")
    list_filter = ("jenis", "jenjang", "aktif", "unit_kerja__perangkat_daerah")
    search_fields = ("nama", "unit_kerja__nama")
    list_select_related = ("unit_kerja__perangkat_daerah", "parent")
    autocomplete_fields = ("unit_kerja", "parent")


class PenugasanAdminForm(forms.ModelForm):
    """The Plt/Plh form of the admin, validated by the service itself.

    Field validation first (types, required); then, instead of the model's own checks, :func:`penugasan_buat` /
    :func:`penugasan_ubah` run inside a savepoint: they check scope, dates, overlap and the position with the
    position row locked, and write. A refusal becomes a form error (beside its field), and the savepoint rolls
    back; a success leaves the saved row as the form's instance, which ``save_model`` then has nothing to add to.
    The admin's change view is one transaction, so nothing is kept when the page itself fails later."""

    actor = None  # the login, set by PenugasanAdmin.get_form

    class Meta:
        model = Penugasan
        fields = ["pegawai", "jabatan", "jenis", "tanggal_mulai", "tanggal_selesai", "nomor_sk"]

    def _post_clean(self):
        if self.errors:
            return
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
        try:
            with transaction.atomic():
                if self.instance.pk is None:
                    self.instance = penugasan_buat(**kwargs)
                else:
                    self.instance = penugasan_ubah(penugasan=self.instance, **kwargs)
        except DomainError as exc:
            add_to_form(self, exc)


@admin.register(Penugasan)
class PenugasanAdmin(admin.ModelAdmin):
    form = PenugasanAdminForm
    list_display = ("pegawai", "jenis", "jabatan", "tanggal_mulai", "tanggal_selesai", "nomor_sk")
    list_filter = ("jenis",)
    search_fields = ("pegawai__nip", "pegawai__nama", "jabatan__nama", "nomor_sk")
    list_select_related = ("pegawai", "jabatan")
    raw_id_fields = ("pegawai", "jabatan")

    def get_queryset(self, request):
        # The same reach as the portal's Plt/Plh list: an admin OPD who is also staff sees their own OPD's only.
        return penugasan_managed_by(request.user).select_related("pegawai", "jabatan")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def save_model(self, request, obj, form, change):
        """Already saved by the service while the form was validated (PenugasanAdminForm)."""

    def delete_model(self, request, obj):
        penugasan_hapus(actor=request.user, penugasan=obj)

    def delete_queryset(self, request, queryset):
        for penugasan in queryset:
            penugasan_hapus(actor=request.user, penugasan=penugasan)
