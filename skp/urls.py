from django.urls import path

from .views import detail, editor, isi, laporan, pdf, penilai, saya

app_name = "skp"

urlpatterns = [
    # The pegawai's own SKP: skp/views/saya.py
    path("", saya.index, name="index"),
    path("buat/", saya.buat, name="buat"),
    path("salin/", saya.salin, name="salin"),
    path("plt/<int:jabatan_pk>/buat/", saya.buat_plt, name="buat_plt"),
    # The pejabat penilai and admin BKPSDM a.n. the kepala daerah: skp/views/penilai.py
    path("bawahan/", penilai.antrian, name="antrian"),
    # Recaps: skp/views/laporan.py
    path("mph/", laporan.mph, name="mph"),
    path("nominatif/", laporan.nominatif, name="nominatif"),
    path("nominatif/ekspor/", laporan.nominatif_ekspor, name="nominatif_ekspor"),
    path("kepala-daerah/", penilai.kepala_daerah, name="kepala_daerah"),
    # One SKP: skp/views/detail.py, the editor skp/views/editor.py and its items skp/views/isi.py
    path("<int:pk>/", detail.detail, name="detail"),
    path("<int:pk>/perubahan/", detail.perubahan, name="perubahan"),
    path("<int:pk>/ubah/", editor.ubah, name="ubah"),
    path("<int:pk>/pengaturan/", editor.pengaturan, name="pengaturan"),
    path("<int:pk>/ajukan/", editor.ajukan, name="ajukan"),
    path("<int:pk>/perbaiki/", editor.perbaiki, name="perbaiki"),
    path("<int:pk>/rhk/tambah/", isi.rhk_tambah, name="rhk_tambah"),
    path("<int:pk>/rhk/<int:rhk_pk>/ubah/", isi.rhk_ubah, name="rhk_ubah"),
    path("<int:pk>/rhk/<int:rhk_pk>/hapus/", isi.rhk_hapus, name="rhk_hapus"),
    path("<int:pk>/rhk/<int:rhk_pk>/pindah/", isi.rhk_pindah, name="rhk_pindah"),
    path("<int:pk>/rhk/<int:rhk_pk>/iki/tambah/", isi.iki_tambah, name="iki_tambah"),
    path("<int:pk>/iki/<int:iki_pk>/ubah/", isi.iki_ubah, name="iki_ubah"),
    path("<int:pk>/iki/<int:iki_pk>/hapus/", isi.iki_hapus, name="iki_hapus"),
    path("<int:pk>/iki/<int:iki_pk>/pindah/", isi.iki_pindah, name="iki_pindah"),
    path("<int:pk>/lampiran/tambah/", isi.lampiran_tambah, name="lampiran_tambah"),
    path("<int:pk>/lampiran/<int:item_pk>/ubah/", isi.lampiran_ubah, name="lampiran_ubah"),
    path("<int:pk>/lampiran/<int:item_pk>/hapus/", isi.lampiran_hapus, name="lampiran_hapus"),
    path("<int:pk>/lampiran/<int:item_pk>/pindah/", isi.lampiran_pindah, name="lampiran_pindah"),
    # Review and decision: skp/views/penilai.py
    path("<int:pk>/tinjau/", penilai.tinjau, name="tinjau"),
    path("<int:pk>/setujui/", penilai.setujui, name="setujui"),
    path("<int:pk>/kembalikan/", penilai.kembalikan, name="kembalikan"),
    path("<int:pk>/ekspektasi/", penilai.ekspektasi, name="ekspektasi"),
    # The pejabat penilai records a bawahan RHK's role in their result, from the MPH: skp/views/laporan.py
    path("<int:pk>/rhk/<int:rhk_pk>/peran-hasil/", laporan.peran_hasil, name="peran_hasil"),
    # SKP documents (background jobs ending in a download): skp/views/pdf.py
    path("<int:pk>/pdf/", pdf.skp_pdf, name="pdf"),
    path("opd/<int:opd_pk>/<int:tahun>/pdf/", pdf.skp_pdf_opd, name="pdf_opd"),
]
