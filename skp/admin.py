"""Django admin for SKP data: read-only, because every change of an SKP goes through ``skp.services`` (state
checks, cascading rules, history). Only the wording of the BerAKHLAK reference data may be corrected here, through
its service (:func:`skp.services.perilaku.perilaku_kerja_ubah`)."""

from django.contrib import admin

from portal.admin import ReadOnlyAdminMixin, ServiceAdminMixin, ServiceModelForm

from .models import (
    EkspektasiKhusus,
    IndikatorKinerjaIndividu,
    LampiranItem,
    PerilakuKerja,
    RencanaHasilKerja,
    Skp,
    SkpRiwayat,
)
from .services.perilaku import perilaku_kerja_ubah


class RhkInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = RencanaHasilKerja
    fields = ["jenis", "urutan", "teks", "intervensi", "perspektif", "acuan", "perlu_ditinjau"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    ordering = ["jenis", "urutan"]


class IkiInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = IndikatorKinerjaIndividu
    fields = ["urutan", "teks", "aspek", "target_min", "target_max", "satuan", "ukuran_keberhasilan"]
    readonly_fields = fields
    extra = 0


class LampiranInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = LampiranItem
    fields = ["jenis", "urutan", "teks"]
    readonly_fields = fields
    extra = 0


class EkspektasiInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = EkspektasiKhusus
    fields = ["perilaku", "teks"]
    readonly_fields = fields
    extra = 0


class RiwayatInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = SkpRiwayat
    fields = ["waktu", "aksi", "dari_status", "ke_status", "actor_nama", "catatan"]
    readonly_fields = fields
    extra = 0


@admin.register(Skp)
class SkpAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["pegawai", "tahun", "versi", "jabatan", "format", "status", "tanggal_mulai", "tanggal_selesai"]
    list_filter = ["tahun", "status", "format", "pendekatan"]
    search_fields = ["pegawai__nama", "pegawai__nip", "jabatan__nama"]
    list_select_related = ["pegawai", "jabatan"]
    raw_id_fields = ["pegawai", "jabatan", "pejabat_penilai", "atasan_pejabat_penilai", "versi_sebelumnya"]
    inlines = [RhkInline, LampiranInline, EkspektasiInline, RiwayatInline]


@admin.register(RencanaHasilKerja)
class RencanaHasilKerjaAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["teks", "skp", "jenis", "urutan", "perlu_ditinjau"]
    list_filter = ["jenis", "perlu_ditinjau", "skp__tahun"]
    search_fields = ["teks", "skp__pegawai__nama", "skp__pegawai__nip"]
    list_select_related = ["skp__pegawai"]
    raw_id_fields = ["skp", "intervensi", "asal"]
    inlines = [IkiInline]


@admin.register(SkpRiwayat)
class SkpRiwayatAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["waktu", "skp", "aksi", "dari_status", "ke_status", "actor_nama"]
    list_filter = ["aksi"]
    search_fields = ["skp__pegawai__nama", "skp__pegawai__nip", "actor_nama"]
    list_select_related = ["skp__pegawai"]


class PerilakuKerjaAdminForm(ServiceModelForm):
    class Meta:
        model = PerilakuKerja
        fields = "__all__"

    def write(self):
        return perilaku_kerja_ubah(actor=self.actor, perilaku=self.changed_instance())


@admin.register(PerilakuKerja)
class PerilakuKerjaAdmin(ServiceAdminMixin, admin.ModelAdmin):
    form = PerilakuKerjaAdminForm
    list_display = ["urutan", "nama", "kode"]
    ordering = ["urutan"]

    def has_add_permission(self, request):
        return False  # the seven BerAKHLAK values are fixed by SE MenPANRB 20/2021

    def has_delete_permission(self, request, obj=None):
        return False
