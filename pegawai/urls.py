from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import akun, views, views_impor, views_jobs, views_notifikasi
from .forms import KataSandiForm, NipLoginForm

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(authentication_form=NipLoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "akun/kata-sandi/",
        akun.GantiSandiView.as_view(form_class=KataSandiForm, success_url=reverse_lazy("password_change_done")),
        name="password_change",
    ),
    path("akun/kata-sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("panduan/", views.panduan, name="panduan"),
    path("pegawai/", views.pegawai_list, name="pegawai_list"),
    # Before <nip>: "ekspor" would otherwise be taken for a NIP.
    path("pegawai/ekspor/", views.pegawai_ekspor, name="pegawai_ekspor"),
    path("pegawai/impor/", views_impor.pegawai_impor, name="pegawai_impor"),
    path("pegawai/impor/templat.xlsx", views_impor.pegawai_impor_templat, name="pegawai_impor_templat"),
    path("pegawai/<str:nip>/", views.pegawai_detail, name="pegawai_detail"),
    path("pegawai/<str:nip>/atur-ulang-sandi/", akun.atur_ulang_sandi_view, name="pegawai_atur_ulang_sandi"),
    path("organisasi/", views.organisasi, name="organisasi"),
    path("organisasi/<int:pk>/", views.organisasi_detail, name="organisasi_detail"),
    path("penugasan/", views.penugasan_list, name="penugasan_list"),
    path("penugasan/baru/", views.penugasan_create, name="penugasan_create"),
    path("penugasan/<int:pk>/ubah/", views.penugasan_update, name="penugasan_update"),
    path("penugasan/<int:pk>/hapus/", views.penugasan_delete, name="penugasan_delete"),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/akses/", views.akses_log, name="akses_log"),
    path("pekerjaan/", views_jobs.pekerjaan_list, name="pekerjaan_list"),
    path("pekerjaan/<int:pk>/", views_jobs.pekerjaan_detail, name="pekerjaan_detail"),
    path("pekerjaan/<int:pk>/unduh/", views_jobs.pekerjaan_unduh, name="pekerjaan_unduh"),
    path("notifikasi/", views_notifikasi.notifikasi_list, name="notifikasi_list"),
    path("notifikasi/baca-semua/", views_notifikasi.notifikasi_baca_semua, name="notifikasi_baca_semua"),
]
