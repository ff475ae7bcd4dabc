"""Django admin for evaluation data: read-only, because every change goes through ``penilaian.services`` (who rates
on which date, the evidence control, the curve, the history and the notifications)."""

from django.contrib import admin

from portal.admin import ReadOnlyAdminMixin

from .models import (
    CapaianKinerjaOrganisasi,
    Evaluasi,
    EvaluasiRhk,
    PenerimaanKurva,
    PeriodePenilaian,
    PermasalahanKinerja,
    PesanDialog,
    RiwayatEvaluasi,
)


class EvaluasiRhkInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = EvaluasiRhk
    fields = ["urutan", "rhk", "realisasi", "alasan_ubah", "umpan_balik"]
    readonly_fields = fields
    extra = 0


class RiwayatEvaluasiInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = RiwayatEvaluasi
    fields = ["waktu", "aksi", "dari_status", "ke_status", "actor_nama", "catatan"]
    readonly_fields = fields
    extra = 0


@admin.register(PeriodePenilaian)
class PeriodePenilaianAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "tanggal_mulai", "tanggal_selesai", "batas_penilaian", "status"]
    list_filter = ["tahun", "jenis", "status"]


@admin.register(CapaianKinerjaOrganisasi)
class CapaianAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "periode", "capaian", "ditetapkan_oleh", "ditetapkan_pada"]
    list_filter = ["periode", "capaian"]
    list_select_related = ["periode", "unit_kerja", "perangkat_daerah", "ditetapkan_oleh"]


@admin.register(Evaluasi)
class EvaluasiAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["pegawai", "periode", "status", "predikat", "penilai", "difinalkan_pada"]
    list_filter = ["periode", "status", "predikat"]
    search_fields = ["pegawai__nama", "pegawai__nip", "penilai__nama"]
    list_select_related = ["pegawai", "periode", "penilai"]
    raw_id_fields = ["pegawai", "skp", "penilai"]
    inlines = [EvaluasiRhkInline, RiwayatEvaluasiInline]


@admin.register(PenerimaanKurva)
class PenerimaanKurvaAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["periode", "penilai", "unit_kerja", "diterima_oleh", "diterima_pada"]
    list_filter = ["periode"]
    list_select_related = ["periode", "penilai", "unit_kerja", "diterima_oleh"]


@admin.register(PesanDialog)
class PesanDialogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["pegawai", "periode", "pengirim", "jenis", "dikirim_pada"]
    list_filter = ["jenis", "periode"]
    search_fields = ["pegawai__nama", "pegawai__nip"]
    list_select_related = ["pegawai", "periode", "pengirim"]


@admin.register(PermasalahanKinerja)
class PermasalahanKinerjaAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["pegawai", "periode", "jenis", "dicatat_oleh", "dicatat_pada", "dihapus_pada"]
    list_filter = ["jenis", "periode"]
    search_fields = ["pegawai__nama", "pegawai__nip"]
    list_select_related = ["pegawai", "periode", "dicatat_oleh"]
