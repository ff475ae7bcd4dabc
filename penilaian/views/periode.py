"""Admin BKPSDM's page of evaluation periods: every period with its status and how far its evaluations are, the form
that opens a period, and per period closing, reopening with a reason and moving the rating deadline."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pegawai.akses import butuh_peran, peran_admin_bkpsdm
from portal.errors import REFUSED_STATUS, DomainError, add_to_form
from portal.forms import BootstrapMixin, TanggalField, form_helper
from portal.pagination import paginate

from ..choices import JenisPeriode, StatusEvaluasi
from ..models import PeriodePenilaian
from ..selectors.periode import periode_bawaan, periode_semua
from ..services.periode import (
    MAKS_ALASAN_BUKA,
    jenis_dibuka,
    periode_buka,
    periode_buka_kembali,
    periode_tutup,
    periode_ubah_batas,
)


class PeriodeForm(BootstrapMixin, forms.Form):
    """The period a page shows (the capaian and curve pages): any period, the newest open one by default."""

    periode = forms.ModelChoiceField(label=gettext_lazy("Periode"), queryset=periode_semua(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].empty_label = None
        self._bootstrap()


def periode_dipilih(request) -> PeriodePenilaian | None:
    """The period named by ``?periode=`` when it exists, else :func:`~penilaian.selectors.periode.periode_bawaan`."""
    form = PeriodeForm(request.GET)
    if form.is_valid() and form.cleaned_data["periode"] is not None:
        return form.cleaned_data["periode"]
    return periode_bawaan()


class PeriodeBukaForm(forms.Form):
    helper = form_helper("tahun", "jenis", "nomor", "batas_penilaian")

    tahun = forms.IntegerField(label=gettext_lazy("Tahun"), min_value=2000, max_value=2100)
    jenis = forms.ChoiceField(label=gettext_lazy("Jenis periode"))
    nomor = forms.IntegerField(
        label=gettext_lazy("Nomor"),
        min_value=1,
        max_value=12,
        initial=1,
        help_text=gettext_lazy("Bulan 1–12, triwulan 1–4, semester 1–2; 1 untuk tahunan."),
    )
    batas_penilaian = TanggalField(label=gettext_lazy("Batas penilaian"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = [(j, JenisPeriode(j).label) for j in jenis_dibuka()]
        self.fields["tahun"].initial = timezone.localdate().year


class AlasanForm(forms.Form):
    # Not required here: the service words the refusal of an empty reason (and audits only a real one).
    alasan = forms.CharField(
        label=gettext_lazy("Alasan dibuka kembali"),
        required=False,
        max_length=MAKS_ALASAN_BUKA,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BatasForm(forms.Form):
    batas_penilaian = TanggalField(label=gettext_lazy("Batas penilaian"))


def _halaman(request, *, form=None, galat=None, status=200):
    """The list of periods with per-state counts of their evaluations (one query per page)."""
    hitung = {f"jumlah_{s}": Count("evaluasi", filter=Q(evaluasi__status=s)) for s in StatusEvaluasi.values}
    page = paginate(request, periode_semua().annotate(**hitung))
    return render(
        request,
        "penilaian/periode_list.html",
        {"form": form or PeriodeBukaForm(), "page_obj": page, "galat": galat},
        status=status,
    )


@butuh_peran(peran_admin_bkpsdm)
def periode_list(request):
    if request.method != "POST":
        return _halaman(request)
    form = PeriodeBukaForm(request.POST)
    if form.is_valid():
        try:
            periode = periode_buka(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Periode %(nama)s dibuka.") % {"nama": periode.nama})
            return redirect("penilaian:periode_list")
    return _halaman(request, form=form, status=REFUSED_STATUS)


def _aksi(request, pk: int, form_class, jalankan, pesan: str):
    """A per-period action: run it, or show the list again with the refusal (422)."""
    periode = get_object_or_404(PeriodePenilaian, pk=pk)
    form = form_class(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(" ".join(e for errs in form.errors.values() for e in errs))
        jalankan(periode, form.cleaned_data)
    except DomainError as exc:
        return _halaman(request, galat=exc, status=REFUSED_STATUS)
    messages.success(request, pesan % {"nama": periode.nama})
    return redirect("penilaian:periode_list")


@butuh_peran(peran_admin_bkpsdm)
@require_POST
def periode_tutup_view(request, pk: int):
    return _aksi(
        request,
        pk,
        forms.Form,
        lambda periode, data: periode_tutup(actor=request.user, periode=periode),
        _("Periode %(nama)s ditutup; penilaiannya terkunci."),
    )


@butuh_peran(peran_admin_bkpsdm)
@require_POST
def periode_buka_kembali_view(request, pk: int):
    return _aksi(
        request,
        pk,
        AlasanForm,
        lambda periode, data: periode_buka_kembali(actor=request.user, periode=periode, alasan=data["alasan"]),
        _("Periode %(nama)s dibuka kembali."),
    )


@butuh_peran(peran_admin_bkpsdm)
@require_POST
def periode_batas_view(request, pk: int):
    return _aksi(
        request,
        pk,
        BatasForm,
        lambda periode, data: periode_ubah_batas(
            actor=request.user, periode=periode, batas_penilaian=data["batas_penilaian"]
        ),
        _("Batas penilaian %(nama)s diubah."),
    )
