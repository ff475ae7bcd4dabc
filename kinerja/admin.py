"""Django admin for the daily reports. The settings, unit week lengths and holidays are edited here by admin
BKPSDM (the instansi-wide calendar); activities, evidence and reopenings are read-only, because every change of
those goes through ``kinerja.services`` (state checks, locks, audit)."""

from django.contrib import admin

from pegawai.selectors import peran_of

from .models import Aktivitas, BukaKunci, BuktiDukung, HariKerjaUnit, HariLibur, PengaturanKinerja


class HanyaBkpsdmMixin:
    """Admin BKPSDM (or a superuser) edits the instansi settings; other staff only read them."""

    def has_add_permission(self, request, obj=None):
        return peran_of(request.user).admin_bkpsdm

    def has_change_permission(self, request, obj=None):
        return peran_of(request.user).admin_bkpsdm

    def has_delete_permission(self, request, obj=None):
        return peran_of(request.user).admin_bkpsdm

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PengaturanKinerja)
class PengaturanKinerjaAdmin(HanyaBkpsdmMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "menit_efektif_minimum",
        "batas_hari_entri",
        "kebijakan_terlambat",
        "batas_verifikasi_hari_kerja",
        "maks_unggah_mb",
        "hari_kerja_per_minggu",
    ]

    def has_add_permission(self, request, obj=None):
        # A singleton: the row is created with the defaults on first use and then only edited.
        return super().has_add_permission(request) and not PengaturanKinerja.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HariKerjaUnit)
class HariKerjaUnitAdmin(HanyaBkpsdmMixin, admin.ModelAdmin):
    list_display = ["unit_kerja", "hari_kerja_per_minggu"]
    list_filter = ["hari_kerja_per_minggu", "unit_kerja__perangkat_daerah"]
    search_fields = ["unit_kerja__nama"]
    raw_id_fields = ["unit_kerja"]
    list_select_related = ["unit_kerja"]


@admin.register(HariLibur)
class HariLiburAdmin(HanyaBkpsdmMixin, admin.ModelAdmin):
    list_display = ["tanggal", "nama", "jenis"]
    list_filter = ["jenis"]
    date_hierarchy = "tanggal"
    search_fields = ["nama"]


class BuktiInline(ReadOnlyMixin, admin.TabularInline):
    model = BuktiDukung
    fields = ["jenis", "nama_asli", "tipe_konten", "ukuran", "url", "dibuat_pada"]
    readonly_fields = fields
    extra = 0


@admin.register(Aktivitas)
class AktivitasAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["tanggal", "jam_mulai", "jam_selesai", "pegawai", "kategori", "status", "terlambat"]
    list_filter = ["status", "kategori", "terlambat"]
    date_hierarchy = "tanggal"
    search_fields = ["pegawai__nama", "pegawai__nip", "uraian"]
    list_select_related = ["pegawai"]
    raw_id_fields = ["pegawai", "rhk", "diverifikasi_oleh"]
    inlines = [BuktiInline]


@admin.register(BukaKunci)
class BukaKunciAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["pegawai", "tahun", "bulan", "sampai", "oleh", "dibuat_pada"]
    list_filter = ["tahun", "bulan"]
    search_fields = ["pegawai__nama", "pegawai__nip", "alasan"]
    list_select_related = ["pegawai", "oleh"]
