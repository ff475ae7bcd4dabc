from django.urls import path  # noqa: F401 — filled by the blocks below

from .views import capaian, dialog, dokumen, evaluasi, kurva, nilai, periode, siasn, tim  # noqa: F401

app_name = "penilaian"

urlpatterns = [
    # --- evaluasi: pegawai pages, team sheet, rating page, distribution panel (views/evaluasi.py) ---
    path("", evaluasi.index, name="index"),
    path("siapkan/", evaluasi.siapkan, name="siapkan"),
    path("evaluasi/<int:pk>/", evaluasi.evaluasi, name="evaluasi"),
    path("evaluasi/<int:pk>/perbarui/", evaluasi.perbarui, name="perbarui"),
    path("rhk/<int:pk>/realisasi/", evaluasi.realisasi, name="realisasi"),
    path("rhk/<int:pk>/bukti/", evaluasi.bukti_tambah, name="bukti_tambah"),
    path("rhk/<int:pk>/gambar/", evaluasi.gambar, name="gambar"),
    path("bukti/<int:pk>/", evaluasi.bukti_berkas, name="bukti_berkas"),
    path("bukti/<int:pk>/hapus/", evaluasi.bukti_hapus, name="bukti_hapus"),
    path("tim/<int:periode_pk>/", tim.tim, name="tim"),
    path("tim/<int:periode_pk>/siapkan/", tim.tim_siapkan, name="tim_siapkan"),
    path("tim/<int:periode_pk>/finalkan/", tim.tim_finalkan, name="tim_finalkan"),
    path("tim/<int:periode_pk>/distribusi/", tim.distribusi, name="distribusi"),
    path("evaluasi/<int:pk>/nilai/", nilai.nilai, name="nilai"),
    path("evaluasi/<int:pk>/kembalikan/", nilai.kembalikan, name="kembalikan"),
    path("evaluasi/<int:pk>/buka-kembali/", nilai.buka_kembali, name="buka_kembali"),
    path("predikat/", nilai.predikat, name="predikat"),
    # --- periode (views/periode.py) ---
    path("periode/", periode.periode_list, name="periode_list"),
    path("periode/<int:pk>/tutup/", periode.periode_tutup_view, name="periode_tutup"),
    path("periode/<int:pk>/buka-kembali/", periode.periode_buka_kembali_view, name="periode_buka_kembali"),
    path("periode/<int:pk>/batas/", periode.periode_batas_view, name="periode_batas"),
    # --- capaian kinerja organisasi (views/capaian.py) ---
    path("capaian/", capaian.capaian, name="capaian"),
    # --- kurva: admin BKPSDM accepts deviations (views/kurva.py) ---
    path("kurva/", kurva.kurva, name="kurva"),
    path("kurva/terima/", kurva.kurva_terima_view, name="kurva_terima"),
    # --- dialog kinerja and permasalahan (views/dialog.py) ---
    path("dialog/<int:pegawai_pk>/<int:periode_pk>/", dialog.dialog, name="dialog"),
    path("permasalahan/<int:periode_pk>/", dialog.permasalahan, name="permasalahan"),
    path("permasalahan/hapus/<int:pk>/", dialog.permasalahan_hapus_view, name="permasalahan_hapus"),
    # --- DEKP documents (views/dokumen.py) ---
    path("evaluasi/<int:evaluasi_pk>/dekp/", dokumen.dekp, name="dekp"),
    path("dekp/opd/", dokumen.dekp_opd, name="dekp_opd"),
    # --- SIASN export (views/siasn.py) ---
    path("siasn/", siasn.siasn, name="siasn"),
    path("siasn/unduh/", siasn.siasn_unduh, name="siasn_unduh"),
]
