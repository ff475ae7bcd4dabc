from django.urls import path

from .views import aktivitas, bukti, harian, kelola, progres, realisasi, tim, verifikasi

app_name = "kinerja"

urlpatterns = [
    # The pegawai's day: kinerja/views/harian.py, kinerja/views/aktivitas.py
    path("", harian.harian, name="harian"),
    path("aktivitas/tambah/", harian.aktivitas_tambah, name="aktivitas_tambah"),
    path("aktivitas/ajukan/", aktivitas.ajukan_hari, name="ajukan_hari"),
    path("aktivitas/salin/", aktivitas.salin_kemarin, name="salin_kemarin"),
    path("aktivitas/<int:pk>/", aktivitas.aktivitas_detail, name="aktivitas_detail"),
    path("aktivitas/<int:pk>/ubah/", aktivitas.aktivitas_ubah, name="aktivitas_ubah"),
    path("aktivitas/<int:pk>/hapus/", aktivitas.aktivitas_hapus, name="aktivitas_hapus"),
    path("aktivitas/<int:pk>/ajukan/", aktivitas.aktivitas_ajukan, name="aktivitas_ajukan"),
    path("aktivitas/<int:pk>/tarik/", aktivitas.aktivitas_tarik, name="aktivitas_tarik"),
    # Evidence: kinerja/views/bukti.py
    path("aktivitas/<int:pk>/bukti/", bukti.bukti_tambah, name="bukti_tambah"),
    path("bukti/<int:pk>/", bukti.bukti_unduh, name="bukti_unduh"),
    path("bukti/<int:pk>/hapus/", bukti.bukti_hapus, name="bukti_hapus"),
    # Progress: kinerja/views/progres.py
    path("progres/", progres.progres, name="progres"),
    path("progres/<str:nip>/", progres.progres_pegawai, name="progres_pegawai"),
    # The atasan's team: kinerja/views/tim.py
    path("tim/", tim.tim, name="tim"),
    # Realisasi stated for an IKI that is not a sum of activities: kinerja/views/realisasi.py
    path("realisasi/<int:pk>/<int:tahun>/<int:bulan>/", realisasi.nyatakan, name="realisasi_nyatakan"),
    # The atasan's queue: kinerja/views/verifikasi.py
    path("verifikasi/", verifikasi.antrian, name="antrian"),
    path("verifikasi/setujui/", verifikasi.setujui_banyak, name="setujui_banyak"),
    path("verifikasi/<int:pk>/setujui/", verifikasi.setujui, name="setujui"),
    path("verifikasi/<int:pk>/tolak/", verifikasi.tolak, name="tolak"),
    # Admin OPD / BKPSDM: kinerja/views/kelola.py
    path("kelola/buka-kunci/", kelola.buka_kunci, name="buka_kunci"),
    path("kelola/hari-kerja/", kelola.hari_kerja, name="hari_kerja"),
    path("kelola/hari-kerja/<int:pk>/", kelola.hari_kerja_ubah, name="hari_kerja_ubah"),
    path("kelola/hari-libur/", kelola.libur, name="libur"),
    path("kelola/hari-libur/<int:pk>/hapus/", kelola.libur_hapus, name="libur_hapus"),
    path("kelola/pengaturan/", kelola.pengaturan, name="pengaturan"),
]
