"""Django admin for the daily reports: read-only. Every change goes through ``kinerja.services`` — the settings,
unit week lengths and holidays from the portal's Kelola pages (admin BKPSDM; the services check the role and
audit the change), activities, evidence and reopenings from their own pages (state checks,
locks, audit)."""

from django.contrib import admin

from portal.admin import ReadOnlyAdminMixin

from .models import Aktivitas, BukaKunci, BuktiDukung, HariKerjaUnit, HariLibur, PengaturanKinerja


@admin.register(PengaturanKinerja)
class PengaturanKinerjaAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "menit_efektif_minimum",
        "batas_hari_entri",
        "kebijakan_terlambat",
        "batas_verifikasi_hari_kerja",
        "maks_unggah_mb",
        "hari_kerja_per_minggu",
    ]


@admin.register(HariKerjaUnit)
class HariKerjaUnitAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["unit_kerja", "hari_kerja_per_minggu"]
    list_filter = ["hari_kerja_per_minggu", "unit_kerja__perangkat_daerah"]
    search_fields = ["unit_kerja__nama"]
    raw_id_fields = ["unit_kerja"]
    list_select_related = ["unit_kerja"]


@admin.register(HariLibur)
class HariLiburAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["tanggal", "nama", "jenis"]
    list_filter = ["jenis"]
    date_hierarchy = "tanggal"
    search_fields = ["nama"]


class BuktiInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = BuktiDukung
    fields = ["jenis", "nama_asli", "tipe_konten", "ukuran", "url", "dibuat_pada"]
    readonly_fields = fields
    extra = 0


@admin.register(Aktivitas)
class AktivitasAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["tanggal", "jam_mulai", "jam_selesai", "pegawai", "kategori", "status", "terlambat"]
    list_filter = ["status", "kategori", "terlambat"]
    date_hierarchy = "tanggal"
    search_fields = ["pegawai__nama", "pegawai__nip", "uraian"]
    list_select_related = ["pegawai"]
    raw_id_fields = ["pegawai", "rhk", "diverifikasi_oleh"]
    inlines = [BuktiInline]


@admin.register(BukaKunci)
class BukaKunciAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["pegawai", "tahun", "bulan", "sampai", "oleh", "dibuat_pada"]
    list_filter = ["tahun", "bulan"]
    search_fields = ["pegawai__nama", "pegawai__nip", "alasan"]
    list_select_related = ["pegawai", "oleh"]
