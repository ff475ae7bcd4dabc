from django.urls import path  # noqa: F401 — filled by the blocks below

app_name = "rekap"

urlpatterns = [
    # --- inti: periods, recap tables, runs (views/periode.py, views/rekap.py) ---
    # --- ekspor: recap spreadsheets (views/ekspor.py) ---
    # --- dasbor: charts behind the landing pages (views/dasbor.py) ---
]
