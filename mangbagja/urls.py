from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Mang Bagja — Administrasi"
admin.site.site_title = "Mang Bagja"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("skp/", include("skp.urls")),
    path("kinerja/", include("kinerja.urls")),
    path("penilaian/", include("penilaian.urls")),
    path("disiplin/", include("disiplin.urls")),
    path("rekap/", include("rekap.urls")),
    path("", include("portal.urls")),
    path("", include("pegawai.urls")),
]
