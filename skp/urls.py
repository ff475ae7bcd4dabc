from django.urls import path

from . import views, views_pdf

app_name = "skp"

urlpatterns = [
    # SKP pages: skp/views.py
    path("", views.index, name="index"),
    path("buat/", views.buat, name="buat"),
    path("salin/", views.salin, name="salin"),
    path("bawahan/", views.antrian, name="antrian"),
    path("mph/", views.mph, name="mph"),
    path("nominatif/", views.nominatif, name="nominatif"),
    path("nominatif/ekspor/", views.nominatif_ekspor, name="nominatif_ekspor"),
    path("kepala-daerah/", views.kepala_daerah, name="kepala_daerah"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/perubahan/", views.perubahan, name="perubahan"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/pengaturan/", views.pengaturan, name="pengaturan"),
    path("<int:pk>/ajukan/", views.ajukan, name="ajukan"),
    path("<int:pk>/perbaiki/", views.perbaiki, name="perbaiki"),
    path("<int:pk>/rhk/tambah/", views.rhk_tambah, name="rhk_tambah"),
    path("<int:pk>/rhk/<int:rhk_pk>/ubah/", views.rhk_ubah, name="rhk_ubah"),
    path("<int:pk>/rhk/<int:rhk_pk>/hapus/", views.rhk_hapus, name="rhk_hapus"),
    path("<int:pk>/rhk/<int:rhk_pk>/pindah/", views.rhk_pindah, name="rhk_pindah"),
    path("<int:pk>/rhk/<int:rhk_pk>/iki/tambah/", views.iki_tambah, name="iki_tambah"),
    path("<int:pk>/iki/<int:iki_pk>/ubah/", views.iki_ubah, name="iki_ubah"),
    path("<int:pk>/iki/<int:iki_pk>/hapus/", views.iki_hapus, name="iki_hapus"),
    path("<int:pk>/iki/<int:iki_pk>/pindah/", views.iki_pindah, name="iki_pindah"),
    path("<int:pk>/lampiran/tambah/", views.lampiran_tambah, name="lampiran_tambah"),
    path("<int:pk>/lampiran/<int:item_pk>/ubah/", views.lampiran_ubah, name="lampiran_ubah"),
    path("<int:pk>/lampiran/<int:item_pk>/hapus/", views.lampiran_hapus, name="lampiran_hapus"),
    path("<int:pk>/lampiran/<int:item_pk>/pindah/", views.lampiran_pindah, name="lampiran_pindah"),
    path("<int:pk>/tinjau/", views.tinjau, name="tinjau"),
    path("<int:pk>/setujui/", views.setujui, name="setujui"),
    path("<int:pk>/kembalikan/", views.kembalikan, name="kembalikan"),
    path("<int:pk>/ekspektasi/", views.ekspektasi, name="ekspektasi"),
    # SKP documents (background jobs ending in a download): skp/views_pdf.py
    path("<int:pk>/pdf/", views_pdf.skp_pdf, name="pdf"),
    path("opd/<int:opd_pk>/<int:tahun>/pdf/", views_pdf.skp_pdf_opd, name="pdf_opd"),
]
