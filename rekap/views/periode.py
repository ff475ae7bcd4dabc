"""Recap periods: the list (filters, "Hitung"), one period with its per-OPD progress polled by htmx, the error
of a failed run with "Coba lagi", closing and reopening (admin BKPSDM; admin OPD reads the progress)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kinerja import waktu
from pegawai.akses import butuh_peran, peran_admin, peran_admin_bkpsdm, peran_of
from portal import jobs
from portal.errors import REFUSED_STATUS, DomainError, add_to_form
from portal.models import Pekerjaan
from portal.pagination import paginate

from ..choices import JenisPeriodeRekap, StatusPeriodeRekap, StatusRekapOpd
from ..forms import BukaForm, PantauForm, PeriodeFilterForm, PeriodeForm
from ..models import PeriodeRekap, RekapOpd
from ..services.hitung import JENIS_PEKERJAAN, rekap_mulai
from ..services.periode import (
    JENIS_TUTUP,
    alasan_belum_dapat_ditutup,
    periode_buka_kembali,
    periode_rekap,
    tutup_mulai,
)


def pekerjaan_terakhir(periode: PeriodeRekap) -> Pekerjaan | None:
    """The latest job that computed or closed ``periode`` (any admin's): its bar, its error, its retry."""
    qs = Pekerjaan.objects.filter(jenis__in=(JENIS_PEKERJAAN, JENIS_TUTUP), parameter__periode=periode.pk)
    return qs.order_by("-dibuat", "-pk").first()


def _list_page(request, *, hitung_form=None, status=200):
    filter_form = PeriodeFilterForm(request.GET or None)
    qs = PeriodeRekap.objects.order_by("-tahun", "-selesai", "jenis")
    if filter_form.is_valid():
        data = filter_form.cleaned_data
        if data["jenis"]:
            qs = qs.filter(jenis=data["jenis"])
        if data["tahun"]:
            qs = qs.filter(tahun=data["tahun"])
        if data["status"]:
            qs = qs.filter(status=data["status"])
    hari_ini = waktu.hari_ini()
    return render(
        request,
        "rekap/periode_list.html",
        {
            "page_obj": paginate(request, qs, 24),
            "filter_form": filter_form,
            "hitung_form": hitung_form
            or PeriodeForm(initial={"jenis": JenisPeriodeRekap.BULAN, "tahun": hari_ini.year, "nomor": hari_ini.month}),
            "boleh_kelola": peran_of(request.user).admin_bkpsdm,
            "aktif": "periode_list",
        },
        status=status,
    )


@butuh_peran(peran_admin)
def periode_list(request):
    return _list_page(request)


def _progres(periode: PeriodeRekap) -> dict:
    opd = list(
        RekapOpd.objects.filter(periode=periode).select_related("perangkat_daerah").order_by("perangkat_daerah__nama")
    )
    selesai = sum(1 for r in opd if r.status == StatusRekapOpd.SELESAI)
    return {
        "job": pekerjaan_terakhir(periode),
        "opd": opd,
        "opd_selesai": selesai,
        "persen_opd": int(selesai * 100 / len(opd)) if opd else 0,
    }


def _detail_page(request, periode: PeriodeRekap, *, buka_form=None, status=200):
    ctx = {
        "periode": periode,
        **_progres(periode),
        "boleh_kelola": peran_of(request.user).admin_bkpsdm,
        "ditutup": periode.status == StatusPeriodeRekap.DITUTUP,
        "alasan_belum_tutup": alasan_belum_dapat_ditutup(periode),
        "buka_form": buka_form or BukaForm(),
        "jenis_tutup": JENIS_TUTUP,
        "aktif": "periode_list",
    }
    if request.htmx:
        pantau = PantauForm(request.GET)
        job = ctx["job"]
        if pantau.is_valid() and pantau.cleaned_data["pantau"] and (job is None or not job.aktif):
            # The watched run ended: reload the page, so its status, the last computation and the buttons (closed,
            # reopen) are those of now, not only the progress block.
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return render(request, "rekap/_periode_progres.html", ctx, status=status)
    return render(request, "rekap/periode_detail.html", ctx, status=status)


@butuh_peran(peran_admin)
def periode_detail(request, pk: int):
    return _detail_page(request, get_object_or_404(PeriodeRekap, pk=pk))


@butuh_peran(peran_admin_bkpsdm)
@require_POST
def periode_hitung(request):
    form = PeriodeForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            periode = periode_rekap(d["jenis"], d["tahun"], d["nomor"])
            rekap_mulai(request.user, periode)
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Penghitungan rekap %(periode)s dimulai.") % {"periode": periode})
            return redirect("rekap:periode_detail", periode.pk)
    return _list_page(request, hitung_form=form, status=REFUSED_STATUS)


@butuh_peran(peran_admin_bkpsdm)
@require_POST
def periode_tutup_view(request, pk: int):
    periode = get_object_or_404(PeriodeRekap, pk=pk)
    try:
        tutup_mulai(request.user, periode)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Periode %(periode)s sedang dihitung sekali lagi lalu ditutup; halaman ini diperbarui sendiri.")
            % {"periode": periode},
        )
    return redirect("rekap:periode_detail", periode.pk)


@butuh_peran(peran_admin_bkpsdm)
@require_POST
def periode_buka(request, pk: int):
    periode = get_object_or_404(PeriodeRekap, pk=pk)
    form = BukaForm(request.POST)
    if form.is_valid():
        try:
            periode_buka_kembali(request.user, periode, form.cleaned_data["alasan"])
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request, _("Periode %(periode)s dibuka kembali; hitung ulang bila perlu.") % {"periode": periode}
            )
            return redirect("rekap:periode_detail", periode.pk)
    return _detail_page(request, periode, buka_form=form, status=REFUSED_STATUS)


@butuh_peran(peran_admin_bkpsdm)
@require_POST
def periode_coba_lagi(request, pk: int):
    """The "Coba lagi" of the period's latest job, whoever started it (:func:`portal.jobs.pekerjaan_coba_lagi`)."""
    periode = get_object_or_404(PeriodeRekap, pk=pk)
    job = pekerjaan_terakhir(periode)
    if job is not None and jobs.pekerjaan_coba_lagi(job):
        messages.success(request, _("Penghitungan diantrekan lagi; perangkat daerah yang sudah selesai tidak diulang."))
    else:
        messages.info(request, _("Penghitungan ini masih berjalan atau sudah selesai; tidak ada yang perlu diulang."))
    return redirect("rekap:periode_detail", periode.pk)
