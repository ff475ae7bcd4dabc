from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportMixin
from import_export.forms import ImportForm

from .importer import ImportFileError, max_upload_bytes
from .models import Pegawai
from .resources import BerkasPegawaiFormat, PegawaiResource
from .selectors import peran_of


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
        roles = peran_of(request.user)
        resource_kwargs["perangkat_daerah_scope"] = None if roles.admin_bkpsdm else set(roles.admin_opd_ids)
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
