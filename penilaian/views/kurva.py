"""Admin BKPSDM's page of curve deviations (SE MenPANRB 03/2023): for a period, every pejabat penilai whose team or
unit breaks the pattern of its capaian, with the violated conditions and a form to accept the deviation with a
written reason; and the deviations accepted so far (who, when, why)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pegawai.akses import butuh_peran, peran_admin_bkpsdm
from pegawai.models import Pegawai
from portal.errors import REFUSED_STATUS, DomainError, add_to_form
from portal.forms import IdField
from portal.pagination import paginate

from ..models import PenerimaanKurva
from ..selectors.distribusi import kurva_periode
from ..selectors.periode import periode_semua
from ..services.final import kurva_terima
from .periode import PeriodeForm, periode_dipilih

DITERIMA = "diterima"


class TampilForm(PeriodeForm):
    tampil = forms.ChoiceField(
        choices=[("", gettext_lazy("Menyimpang")), (DITERIMA, gettext_lazy("Sudah diterima"))], required=False
    )


class TerimaForm(forms.Form):
    periode = forms.ModelChoiceField(queryset=periode_semua(), widget=forms.HiddenInput)
    penilai = IdField()
    # Not required here: the service words the refusal of an empty or too short reason.
    alasan = forms.CharField(
        label=gettext_lazy("Alasan menerima penyimpangan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
    )


def _halaman(request, periode, *, gagal: TerimaForm | None = None, status: int = 200):
    pilih = TampilForm(request.GET or None, initial={"periode": periode})
    diterima = pilih.is_valid() and pilih.cleaned_data["tampil"] == DITERIMA
    konteks = {"periode": periode, "pilih": pilih, "tampil_diterima": diterima, "gagal": gagal}
    if periode is not None and diterima:
        konteks["page_obj"] = paginate(
            request,
            PenerimaanKurva.objects.filter(periode=periode)
            .select_related("penilai", "unit_kerja", "diterima_oleh__pegawai")
            .order_by("-diterima_pada", "-pk"),
        )
    elif periode is not None:
        menyimpang = [k for k in kurva_periode(periode) if k.pelanggaran]
        page = paginate(request, menyimpang)
        konteks["page_obj"] = page
        for k in page.object_list:
            if gagal is not None and gagal.data.get("penilai") == str(k.penilai.pk):
                k.form = gagal
            else:
                k.form = TerimaForm(
                    initial={"periode": periode.pk, "penilai": k.penilai.pk}, auto_id=f"id_p{k.penilai.pk}_%s"
                )
    return render(request, "penilaian/kurva.html", konteks, status=status)


@butuh_peran(peran_admin_bkpsdm)
def kurva(request):
    return _halaman(request, periode_dipilih(request))


@butuh_peran(peran_admin_bkpsdm)
@require_POST
def kurva_terima_view(request):
    form = TerimaForm(request.POST)
    if not form.is_valid():
        return _halaman(request, periode_dipilih(request), gagal=form, status=REFUSED_STATUS)
    periode = form.cleaned_data["periode"]
    penilai = get_object_or_404(
        Pegawai.objects.filter(evaluasi_dinilai__periode=periode).distinct(), pk=form.cleaned_data["penilai"]
    )
    try:
        kurva_terima(actor=request.user, periode=periode, penilai=penilai, alasan=form.cleaned_data["alasan"])
    except DomainError as exc:
        add_to_form(form, exc)
        return _halaman(request, periode, gagal=form, status=REFUSED_STATUS)
    messages.success(
        request,
        _("Penyimpangan kurva tim %(nama)s pada %(periode)s diterima.")
        % {"nama": penilai.nama_lengkap, "periode": periode.nama},
    )
    return redirect(f"{reverse('penilaian:kurva')}?periode={periode.pk}")
