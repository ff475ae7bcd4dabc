"""Delegations of the pejabat penilai's rights: the admin's list, record and cancel (every write through
pegawai.services.delegasi)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import REFUSED_STATUS, DomainError, add_to_form
from portal.pagination import paginate

from ..akses import butuh_peran, delegasi_managed_by, peran_admin
from ..forms import DaftarFilterForm, DelegasiBatalForm, DelegasiForm
from ..selectors.pegawai import pegawai_cari
from ..services.delegasi import delegasi_batal as batalkan
from ..services.delegasi import delegasi_buat

STATUS_DELEGASI = [
    ("berlaku", _("Sedang berlaku")),
    ("akan", _("Akan datang")),
    ("selesai", _("Sudah selesai")),
    ("dibatalkan", _("Dibatalkan")),
]


def _delegasi(user):
    return delegasi_managed_by(user).select_related(
        "pemberi__jabatan__unit_kerja__perangkat_daerah", "penerima__jabatan__unit_kerja__perangkat_daerah"
    )


@butuh_peran(peran_admin)
def delegasi_list(request):
    hari_ini = timezone.localdate()
    qs = _delegasi(request.user)
    status, q = DaftarFilterForm(request.GET, status_choices=STATUS_DELEGASI).nilai()
    if status == "berlaku":
        qs = qs.pada(hari_ini)
    elif status == "akan":
        qs = qs.filter(dibatalkan_pada__isnull=True, tanggal_mulai__gt=hari_ini)
    elif status == "selesai":
        qs = qs.filter(dibatalkan_pada__isnull=True, tanggal_selesai__lt=hari_ini)
    elif status == "dibatalkan":
        qs = qs.filter(dibatalkan_pada__isnull=False)
    if q:
        # Either side of the delegation, by NIP or name.
        qs = pegawai_cari(qs, q, prefix="pemberi__") | pegawai_cari(qs, q, prefix="penerima__")
    page = paginate(request, qs.order_by("-tanggal_mulai", "-pk"))
    for d in page.object_list:
        d.dibatalkan = d.dibatalkan_pada is not None
        d.berlaku = d.berlaku_pada(hari_ini)
        d.akan_datang = not d.dibatalkan and d.tanggal_mulai > hari_ini
    return render(
        request,
        "pegawai/delegasi_list.html",
        {"page_obj": page, "status": status, "q": q, "status_choices": STATUS_DELEGASI},
    )


@butuh_peran(peran_admin)
def delegasi_create(request):
    form = DelegasiForm(request.POST or None, actor=request.user)
    status = 200
    if request.method == "POST":
        status = REFUSED_STATUS
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = delegasi_buat(
                    actor=request.user,
                    pemberi=data["pemberi_nip"],
                    penerima=data["penerima_nip"],
                    tanggal_mulai=data["tanggal_mulai"],
                    tanggal_selesai=data["tanggal_selesai"],
                    alasan=data["alasan"],
                    nomor_surat=data["nomor_surat"],
                )
            except DomainError as exc:
                add_to_form(form, exc)
            else:
                messages.success(
                    request,
                    _("Delegasi dari %(pemberi)s kepada %(penerima)s sudah dicatat.")
                    % {"pemberi": saved.pemberi.nama_lengkap, "penerima": saved.penerima.nama_lengkap},
                )
                return redirect("delegasi_list")
    return render(request, "pegawai/delegasi_form.html", {"form": form}, status=status)


@butuh_peran(peran_admin)
def delegasi_batal(request, pk: int):
    """The delegation and a form asking the reason; POST cancels it (kept, never deleted)."""
    delegasi = get_object_or_404(_delegasi(request.user), pk=pk)
    form = DelegasiBatalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = REFUSED_STATUS
        if form.is_valid():
            try:
                batalkan(actor=request.user, delegasi=delegasi, alasan=form.cleaned_data["alasan_batal"])
            except DomainError as exc:
                add_to_form(form, exc)
            else:
                messages.success(
                    request,
                    _("Delegasi dari %(pemberi)s kepada %(penerima)s sudah dibatalkan.")
                    % {"pemberi": delegasi.pemberi.nama_lengkap, "penerima": delegasi.penerima.nama_lengkap},
                )
                return redirect("delegasi_list")
    return render(request, "pegawai/delegasi_batal.html", {"form": form, "delegasi": delegasi}, status=status)
