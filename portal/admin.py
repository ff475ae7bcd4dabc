"""Django admin pieces shared by every app, and the admin of the platform's own records."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.db import transaction
from django.forms.models import construct_instance
from django.http import HttpResponseRedirect
from django.urls import reverse

from .errors import DomainError, add_to_form
from .forms import batasi_formfield
from .models import AksesLog, Notifikasi, Pekerjaan


class ReadOnlyAdminMixin:
    """For records that are facts or that only a service may change (state checks, locks, audit): readable in
    the admin, never added, edited or deleted there. Works on ``ModelAdmin`` and on inlines."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceModelForm(forms.ModelForm):
    """A ModelForm of the admin whose write is the app's service, so the admin refuses exactly what the service
    refuses, with the same words beside the same fields.

    Field validation first (types, required); then, instead of the model's own checks, :meth:`write` calls the
    service inside a savepoint. A refusal (:class:`~portal.errors.DomainError`) becomes form errors and the
    savepoint rolls back; a success leaves the saved row as the form's instance, to which the admin's
    ``save_model`` and ``save_m2m`` have nothing to add. The admin's add and change views run in one transaction,
    so nothing is kept when the page itself fails later.

    Not for an admin with writable inlines: they are validated after this form, too late to undo its write."""

    actor = None  # the login, set by ServiceAdminMixin.get_form

    def write(self):
        """Call the service with the submitted values and return the saved instance."""
        raise NotImplementedError

    def changed_instance(self):
        """The form's instance holding the submitted values (what a ModelForm would validate and save)."""
        return construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)

    def _post_clean(self):
        if self.errors:
            return
        try:
            with transaction.atomic():
                self.instance = self.write()
        except DomainError as exc:
            add_to_form(self, exc)

    def save(self, commit=True):
        if self.errors:
            raise ValueError("ServiceModelForm.save: the form did not validate.")
        self.save_m2m = lambda: None
        return self.instance


class ServiceAdminMixin:
    """A ModelAdmin whose add, change and delete are the app's services: the form is a :class:`ServiceModelForm`
    and :meth:`delete_through_service` deletes one row. A refused delete comes back as a message on the change
    page (single or bulk: the bulk delete is all or nothing), never as an error page."""

    def delete_through_service(self, actor, obj):
        raise NotImplementedError

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The admin builds its own form fields (its date widget), so the portal's bounds are added to them here.
        return batasi_formfield(db_field, super().formfield_for_dbfield(db_field, request, **kwargs))

    def save_model(self, request, obj, form, change):
        """Already saved by the service while the form was validated (ServiceModelForm)."""

    def delete_model(self, request, obj):
        self.delete_through_service(request.user, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_through_service(request.user, obj)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except DomainError as exc:
            # The delete view's transaction rolled back (its log entry too); show why on the object's page.
            self._refused(request, exc)
            opts = self.opts
            site = self.admin_site.name
            url = reverse(f"{site}:{opts.app_label}_{opts.model_name}_change", args=[object_id], current_app=site)
            return HttpResponseRedirect(url)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _func, name, description = actions["delete_selected"]
            actions["delete_selected"] = (_delete_selected_through_service, name, description)
        return actions

    def _refused(self, request, exc: DomainError):
        for message in exc.daftar:
            self.message_user(request, message, messages.ERROR)


def _delete_selected_through_service(modeladmin, request, queryset):
    """Django's "delete selected" action, all or nothing: one refused row keeps every row, and says why."""
    try:
        with transaction.atomic():
            return delete_selected(modeladmin, request, queryset)
    except DomainError as exc:
        modeladmin._refused(request, exc)
        return None


# The platform's records are facts (who looked at what, jobs that ran, notifications sent): never edited here.


@admin.register(AksesLog)
class AksesLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("waktu", "user", "jenis", "objek", "pegawai", "ip", "jumlah_baris")
    list_filter = ("jenis",)
    search_fields = ("user__username", "pegawai__nip", "objek")
    list_select_related = ("user", "pegawai")
    date_hierarchy = "waktu"


@admin.register(Pekerjaan)
class PekerjaanAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "judul",
        "jenis",
        "user",
        "status",
        "selesai_n",
        "total_n",
        "percobaan",
        "detak",
        "dibuat",
        "selesai",
    )
    list_filter = ("status", "jenis")
    search_fields = ("judul", "user__username")


@admin.register(Notifikasi)
class NotifikasiAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("tanggal", "user", "jenis", "judul", "dibaca", "dikirim_surel")
    list_filter = ("jenis",)
    search_fields = ("user__username", "judul")
