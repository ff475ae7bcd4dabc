"""The admins' page "Jabatan tanpa pejabat penilai yang memenuhi syarat": positions under a JF or pelaksana position,
and atasan overrides naming someone who is not a pejabat pengawas (pegawai.selectors.penilai)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone

from portal.pagination import paginate

from ..akses import butuh_peran, opd_dikelola, peran_admin
from ..forms import PenilaiPeriksaForm
from ..models import PerangkatDaerah
from ..selectors.penilai import jabatan_induk_tidak_menilai, penetapan_atasan_bukan_penilai, rincian_jabatan


@butuh_peran(peran_admin)
def penilai_periksa(request):
    hari_ini = timezone.localdate()
    dikelola = opd_dikelola(request.user)
    pilihan_opd = PerangkatDaerah.objects.order_by("nama")
    if dikelola is not None:
        pilihan_opd = pilihan_opd.filter(pk__in=dikelola)
    pilihan_opd = list(pilihan_opd.values_list("pk", "nama"))
    form = PenilaiPeriksaForm(request.GET, pilihan_opd=pilihan_opd)
    form.is_valid()
    opd = form.cleaned_data.get("opd")
    lingkup = {opd} if opd else dikelola
    bagian = form.cleaned_data.get("bagian") or "jabatan"

    jabatan = jabatan_induk_tidak_menilai(lingkup)
    penetapan = penetapan_atasan_bukan_penilai(lingkup, hari_ini)
    if bagian == "jabatan":
        page = paginate(request, jabatan)
        baris = rincian_jabatan(list(page.object_list), hari_ini)
        jumlah = {"jabatan": page.paginator.count, "penetapan": penetapan.count()}
    else:
        page = paginate(request, penetapan)
        baris = list(page.object_list)
        jumlah = {"jabatan": jabatan.count(), "penetapan": page.paginator.count}
    return render(
        request,
        "pegawai/penilai_periksa.html",
        {
            "page_obj": page,
            "baris": baris,
            "bagian": bagian,
            "jumlah": jumlah,
            "opd": str(opd or ""),
            "pilihan_opd": pilihan_opd if len(pilihan_opd) > 1 else [],
            "hari_ini": hari_ini,
        },
    )
