"""The platform's pages. No ``app_name``: the URL names (``dashboard``, ``panduan``, ``pekerjaan_list``…) are the
ones every template already uses."""

from django.urls import path

from .views import beranda, notifikasi, panduan, pekerjaan

urlpatterns = [
    path("", beranda.dashboard, name="dashboard"),
    path("panduan/", panduan.panduan, name="panduan"),
    path("pekerjaan/", pekerjaan.pekerjaan_list, name="pekerjaan_list"),
    path("pekerjaan/<int:pk>/", pekerjaan.pekerjaan_detail, name="pekerjaan_detail"),
    path("pekerjaan/<int:pk>/unduh/", pekerjaan.pekerjaan_unduh, name="pekerjaan_unduh"),
    path("pekerjaan/<int:pk>/coba-lagi/", pekerjaan.pekerjaan_coba_lagi, name="pekerjaan_coba_lagi"),
    path("notifikasi/", notifikasi.notifikasi_list, name="notifikasi_list"),
    path("notifikasi/baca-semua/", notifikasi.notifikasi_baca_semua, name="notifikasi_baca_semua"),
]
