from django.urls import path  # noqa: F401 — filled by the blocks below

from .views import fakta, hukuman, presensi, satyalancana  # noqa: F401

app_name = "disiplin"

urlpatterns = [
    # --- disiplin pelaporan: monthly table per OPD, per pegawai history, export, month close/reopen (views/fakta.py)
    path("pelaporan/", fakta.pelaporan, name="pelaporan"),
    path("pelaporan/ekspor/", fakta.pelaporan_ekspor, name="pelaporan_ekspor"),
    path("pelaporan/pegawai/<int:pegawai_pk>/", fakta.pelaporan_pegawai, name="pelaporan_pegawai"),
    path("pelaporan/bulan/", fakta.bulan, name="bulan"),
    path("pelaporan/bulan/hitung/", fakta.bulan_hitung, name="bulan_hitung"),
    path("pelaporan/bulan/<int:pk>/buka/", fakta.bulan_buka, name="bulan_buka"),
    # --- presensi: attendance import, leave days, yearly recap and recommendations (views/presensi.py) ---
    path("presensi/impor/", presensi.presensi_impor_view, name="presensi_impor"),
    path("presensi/rekap/", presensi.presensi_rekap, name="presensi_rekap"),
    path("presensi/rekap/ekspor/", presensi.presensi_rekap_ekspor, name="presensi_rekap_ekspor"),
    path("presensi/kehadiran/", presensi.kehadiran, name="kehadiran"),
    path("presensi/kehadiran/<int:pk>/hapus/", presensi.kehadiran_hapus_view, name="kehadiran_hapus"),
    # --- hukuman disiplin (views/hukuman.py) ---
    path("hukuman/", hukuman.hukuman_list, name="hukuman_list"),
    path("hukuman/catat/", hukuman.hukuman_catat_view, name="hukuman_catat"),
    path("hukuman/<int:pk>/", hukuman.hukuman_detail, name="hukuman_detail"),
    path("hukuman/<int:pk>/ubah/", hukuman.hukuman_ubah_view, name="hukuman_ubah"),
    path("hukuman/<int:pk>/batal/", hukuman.hukuman_batal, name="hukuman_batal"),
    path("hukuman/<int:pk>/berkas/", hukuman.hukuman_berkas, name="hukuman_berkas"),
    # --- Satyalancana Karya Satya (views/satyalancana.py) ---
    path("satyalancana/", satyalancana.satyalancana, name="satyalancana"),
    path("satyalancana/ekspor/", satyalancana.satyalancana_ekspor, name="satyalancana_ekspor"),
    path("satyalancana/catat/", satyalancana.satyalancana_catat, name="satyalancana_catat"),
    path("satyalancana/<int:pk>/ubah/", satyalancana.satyalancana_ubah, name="satyalancana_ubah"),
]
