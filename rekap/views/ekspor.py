"""Starting a recap spreadsheet: POST with the table's filter, answered with the job page (portal.jobs).

Admins and pimpinan only (:func:`pegawai.akses.peran_admin_atau_pimpinan`): a pegawai or atasan reads their team on
screen, and personal data of a whole scope leaves the portal only through the people who answer for it. The filter
goes through the table's FilterSet here (an OPD or unit outside reach answers 404, as on the page) and again in the
job, as its owner; the file is downloaded from the owner's own job page, so anyone else's link answers 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pegawai.akses import butuh_peran, peran_admin_atau_pimpinan
from portal.akseslog import catat_akses
from portal.choices import JenisAkses
from portal.jobs import pekerjaan_mulai

from ..exports import JENIS_PEKERJAAN, keterangan_filter
from ..filters import TABEL, tabel_terfilter


class EksporForm(forms.Form):
    tabel = forms.ChoiceField(choices=[(k, k) for k in TABEL])
    format = forms.ChoiceField(choices=[("xlsx", "XLSX"), ("csv", "CSV")])
    per_opd = forms.BooleanField(required=False)


@require_POST
@butuh_peran(peran_admin_atau_pimpinan)
def ekspor(request):
    form = EksporForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Permintaan ekspor tidak dikenal; pilih format lalu tekan Ekspor lagi."))
        return redirect("rekap:unit_list")
    tabel = TABEL[form.cleaned_data["tabel"]]
    fmt = form.cleaned_data["format"]
    filterset, rows = tabel_terfilter(tabel, request.POST, request.user)
    parameter = filterset.parameter()
    kembali = reverse(f"rekap:{tabel.jenis}_list") + "?" + urlencode(parameter)
    jumlah = rows.count()
    if not jumlah:
        messages.info(request, _("Tidak ada baris untuk diekspor dengan filter ini."))
        return redirect(kembali)
    per_opd = form.cleaned_data["per_opd"] and fmt == "xlsx"
    judul = f"{tabel.judul} ({fmt.upper()}) — {keterangan_filter(filterset)}"[:255]
    from .. import tasks  # the Celery task module loads the worker's side only when a job is started

    job = pekerjaan_mulai(
        user=request.user,
        jenis=JENIS_PEKERJAAN,
        judul=judul,
        task=tasks.rekap_ekspor,
        parameter={"tabel": tabel.jenis, "format": fmt, "per_opd": "1" if per_opd else "", **parameter},
    )
    # UU 27/2022 Pasal 31: the export is recorded when asked for, with the rows it holds.
    catat_akses(user=request.user, jenis=JenisAkses.EKSPOR, objek=judul, request=request, jumlah_baris=jumlah)
    return redirect("pekerjaan_detail", job.pk)
