"""Plt/Plh assignments: the admin's list, create, change and delete (every write through pegawai.services)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.errors import DomainError, add_to_form
from portal.pagination import paginate

from ..akses import butuh_peran, penugasan_managed_by, peran_admin
from ..forms import DaftarFilterForm, PenugasanForm
from ..models import Penugasan
from ..selectors.pegawai import pegawai_cari
from ..services.penugasan import penugasan_buat, penugasan_hapus, penugasan_ubah

STATUS_PENUGASAN = [
    ("berlaku", _("Sedang berlaku")),
    ("akan", _("Akan datang")),
    ("selesai", _("Sudah selesai")),
]


@butuh_peran(peran_admin)
def penugasan_list(request):
    hari_ini = timezone.localdate()
    qs = penugasan_managed_by(request.user).select_related(
        "pegawai__jabatan__unit_kerja__perangkat_daerah", "jabatan__unit_kerja__perangkat_daerah"
    )
    status, q = DaftarFilterForm(request.GET, status_choices=STATUS_PENUGASAN).nilai()
    if status == "berlaku":
        qs = qs.berlaku(hari_ini)
    elif status == "akan":
        qs = qs.filter(tanggal_mulai__gt=hari_ini)
    elif status == "selesai":
        qs = qs.filter(tanggal_selesai__lt=hari_ini)
    # The person by NIP or name, or the position by its name.
    qs = pegawai_cari(qs, q, prefix="pegawai__", atau=Q(jabatan__nama__icontains=q))
    page = paginate(request, qs.order_by("-tanggal_mulai", "pk"))
    for t in page.object_list:
        t.berlaku = t.tanggal_mulai <= hari_ini <= t.tanggal_selesai
        t.akan_datang = t.tanggal_mulai > hari_ini
    return render(
        request,
        "pegawai/penugasan_list.html",
        {"page_obj": page, "status": status, "q": q, "status_choices": STATUS_PENUGASAN},
    )


def _simpan_penugasan(request, form: PenugasanForm, penugasan: Penugasan | None):
    """Run the service for a valid form; a refusal is shown on the form (beside its field, or above the form for
    an assignment outside the admin's OPDs). Returns the saved assignment, or None when refused."""
    data = form.cleaned_data
    kwargs = {
        "actor": request.user,
        "pegawai": data["pegawai_nip"],
        "jabatan": data["jabatan"],
        "jenis": data["jenis"],
        "tanggal_mulai": data["tanggal_mulai"],
        "tanggal_selesai": data["tanggal_selesai"],
        "nomor_sk": data["nomor_sk"],
    }
    try:
        if penugasan is None:
            return penugasan_buat(**kwargs)
        return penugasan_ubah(penugasan=penugasan, **kwargs)
    except DomainError as exc:
        add_to_form(form, exc)
    return None


@butuh_peran(peran_admin)
def penugasan_create(request):
    form = PenugasanForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _simpan_penugasan(request, form, None)
        if saved is not None:
            messages.success(
                request,
                _("%(jenis)s %(jabatan)s untuk %(nama)s sudah disimpan.")
                % {
                    "jenis": saved.get_jenis_display(),
                    "jabatan": saved.jabatan.nama,
                    "nama": saved.pegawai.nama_lengkap,
                },
            )
            return redirect("penugasan_list")
    return render(request, "pegawai/penugasan_form.html", {"form": form, "penugasan": None})


@butuh_peran(peran_admin)
def penugasan_update(request, pk: int):
    penugasan = get_object_or_404(penugasan_managed_by(request.user).select_related("pegawai", "jabatan"), pk=pk)
    initial = {
        "pegawai_nip": penugasan.pegawai.nip_tercetak,
        "jabatan": penugasan.jabatan_id,
        "jenis": penugasan.jenis,
        "tanggal_mulai": penugasan.tanggal_mulai,
        "tanggal_selesai": penugasan.tanggal_selesai,
        "nomor_sk": penugasan.nomor_sk,
    }
    form = PenugasanForm(request.POST or None, initial=initial, actor=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _simpan_penugasan(request, form, penugasan)
        if saved is not None:
            messages.success(request, _("Perubahan penugasan sudah disimpan."))
            return redirect("penugasan_list")
    return render(request, "pegawai/penugasan_form.html", {"form": form, "penugasan": penugasan})


@butuh_peran(peran_admin)
@require_POST
def penugasan_delete(request, pk: int):
    penugasan = get_object_or_404(penugasan_managed_by(request.user).select_related("pegawai", "jabatan"), pk=pk)
    keterangan = f"{penugasan.get_jenis_display()} {penugasan.jabatan.nama} — {penugasan.pegawai.nama_lengkap}"
    penugasan_hapus(actor=request.user, penugasan=penugasan)
    messages.success(request, _("Penugasan %(keterangan)s sudah dihapus.") % {"keterangan": keterangan})
    return redirect("penugasan_list")
