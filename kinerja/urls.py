from django.urls import path

from . import views

app_name = "kinerja"

urlpatterns = [
    # The pegawai's day: kinerja/views.py
    path("", views.harian, name="harian"),
    path("aktivitas/tambah/", views.aktivitas_tambah, name="aktivitas_tambah"),
    path("aktivitas/ajukan/", views.ajukan_hari, name="ajukan_hari"),
    path("aktivitas/salin/", views.salin_kemarin, name="salin_kemarin"),
    path("aktivitas/<int:pk>/", views.aktivitas_detail, name="aktivitas_detail"),
    path("aktivitas/<int:pk>/ubah/", views.aktivitas_ubah, name="aktivitas_ubah"),
    path("aktivitas/<int:pk>/hapus/", views.aktivitas_hapus, name="aktivitas_hapus"),
    path("aktivitas/<int:pk>/ajukan/", views.aktivitas_ajukan, name="aktivitas_ajukan"),
    path("aktivitas/<int:pk>/bukti/", views.bukti_tambah, name="bukti_tambah"),
    path("bukti/<int:pk>/", views.bukti_unduh, name="bukti_unduh"),
    path("bukti/<int:pk>/hapus/", views.bukti_hapus, name="bukti_hapus"),
    # Progress
    path("progres/", views.progres, name="progres"),
    path("progres/<str:nip>/", views.progres_pegawai, name="progres_pegawai"),
    # The atasan's queue
    path("verifikasi/", views.antrian, name="antrian"),
    path("verifikasi/setujui/", views.setujui_banyak, name="setujui_banyak"),
    path("verifikasi/<int:pk>/setujui/", views.setujui, name="setujui"),
    path("verifikasi/<int:pk>/tolak/", views.tolak, name="tolak"),
    # Admin OPD / BKPSDM
    path("kelola/buka-kunci/", views.buka_kunci, name="buka_kunci"),
    path("kelola/hari-kerja/", views.hari_kerja, name="hari_kerja"),
    path("kelola/hari-kerja/<int:pk>/", views.hari_kerja_ubah, name="hari_kerja_ubah"),
    path("kelola/hari-libur/", views.libur, name="libur"),
    path("kelola/hari-libur/<int:pk>/hapus/", views.libur_hapus, name="libur_hapus"),
    path("kelola/pengaturan/", views.pengaturan, name="pengaturan"),
]
