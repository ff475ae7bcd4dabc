from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from .forms import KataSandiForm, NipLoginForm
from .views import akun, audit, delegasi, impor, mutasi, organisasi, pegawai, penilai, penugasan

urlpatterns = [
    path(
        "masuk/",
        auth_views.LoginView.as_view(authentication_form=NipLoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("keluar/", akun.KeluarView.as_view(), name="logout"),
    path(
        "akun/kata-sandi/",
        akun.GantiSandiView.as_view(form_class=KataSandiForm, success_url=reverse_lazy("password_change_done")),
        name="password_change",
    ),
    path("akun/kata-sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("akun/kata-sandi-sementara/", akun.sandi_massal, name="akun_sandi_massal"),
    path("pegawai/", pegawai.pegawai_list, name="pegawai_list"),
    # Before <nip>: "ekspor" would otherwise be taken for a NIP.
    path("pegawai/ekspor/", pegawai.pegawai_ekspor, name="pegawai_ekspor"),
    path("pegawai/impor/", impor.pegawai_impor, name="pegawai_impor"),
    path("pegawai/impor/templat.xlsx", impor.pegawai_impor_templat, name="pegawai_impor_templat"),
    path("pegawai/<str:nip>/", pegawai.pegawai_detail, name="pegawai_detail"),
    path("pegawai/<str:nip>/atur-ulang-sandi/", akun.atur_ulang_sandi_view, name="pegawai_atur_ulang_sandi"),
    path("pegawai/<str:nip>/mutasi/", mutasi.mutasi_catat, name="pegawai_mutasi"),
    path("organisasi/", organisasi.organisasi, name="organisasi"),
    path("organisasi/<int:pk>/", organisasi.organisasi_detail, name="organisasi_detail"),
    path("organisasi/penilai/", penilai.penilai_periksa, name="penilai_periksa"),
    path("organisasi/unit/<int:pk>/", organisasi.unit_kerja_detail, name="unit_kerja_detail"),
    path("organisasi/unit/<int:pk>/mandiri/", organisasi.unit_kerja_mandiri, name="unit_kerja_mandiri"),
    path("penugasan/", penugasan.penugasan_list, name="penugasan_list"),
    path("penugasan/baru/", penugasan.penugasan_create, name="penugasan_create"),
    path("penugasan/<int:pk>/ubah/", penugasan.penugasan_update, name="penugasan_update"),
    path("penugasan/<int:pk>/hapus/", penugasan.penugasan_delete, name="penugasan_delete"),
    path("penugasan/delegasi/", delegasi.delegasi_list, name="delegasi_list"),
    path("penugasan/delegasi/baru/", delegasi.delegasi_create, name="delegasi_create"),
    path("penugasan/delegasi/<int:pk>/batal/", delegasi.delegasi_batal, name="delegasi_batal"),
    path("audit/", audit.audit_list, name="audit_list"),
    path("audit/akses/", audit.akses_log, name="akses_log"),
]
