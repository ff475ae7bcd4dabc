"""Django admin pieces shared by every app, and the admin of the platform's own records."""

from django.contrib import admin

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
    list_display = ("judul", "jenis", "user", "status", "selesai_n", "total_n", "dibuat", "selesai")
    list_filter = ("status", "jenis")
    search_fields = ("judul", "user__username")


@admin.register(Notifikasi)
class NotifikasiAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("tanggal", "user", "jenis", "judul", "dibaca", "dikirim_surel")
    list_filter = ("jenis",)
    search_fields = ("user__username", "judul")
