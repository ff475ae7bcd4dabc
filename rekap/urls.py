from django.urls import path  # noqa: F401 — filled by the blocks below

from .views import ekspor, periode, publik, rekap

app_name = "rekap"

urlpatterns = [
    # --- inti: periods, recap tables, runs (views/periode.py, views/rekap.py) ---
    path("periode/", periode.periode_list, name="periode_list"),
    path("periode/hitung/", periode.periode_hitung, name="periode_hitung"),
    path("periode/<int:pk>/", periode.periode_detail, name="periode_detail"),
    path("periode/<int:pk>/tutup/", periode.periode_tutup_view, name="periode_tutup"),
    path("periode/<int:pk>/buka/", periode.periode_buka, name="periode_buka"),
    path("periode/<int:pk>/coba-lagi/", periode.periode_coba_lagi, name="periode_coba_lagi"),
    # --- ekspor: recap spreadsheets (views/ekspor.py) ---
    path("unit/", rekap.unit_list, name="unit_list"),
    path("pegawai/", rekap.pegawai_list, name="pegawai_list"),
    path("ekspor/", ekspor.ekspor, name="ekspor"),
    # --- dasbor: charts behind the landing pages (views/dasbor.py) ---
    # --- publik: the transparency page, no login (views/publik.py) ---
    path("transparansi/", publik.transparansi, name="transparansi"),
]
