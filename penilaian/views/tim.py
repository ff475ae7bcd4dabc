"""The atasan's team sheet for a period (every bawahan with progress, state and predikat, filterable, the
distribution panel beside it), preparing the missing evaluations and finalising the rated ones, and the live
distribution fragment the sheet and the rating page load. Admin BKPSDM's variant (``?lingkup=kepala_daerah``)
lists the evaluations the kepala daerah rates. A fixed number of queries whatever the size of the team."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pegawai.akses import butuh_pegawai, pegawai_of, peran_of
from portal.errors import REFUSED_STATUS, DomainError

from .. import rules
from ..choices import StatusEvaluasi
from ..forms import LINGKUP_KEPALA_DAERAH, DistribusiForm, TimFilterForm
from ..models import PeriodePenilaian
from ..selectors.distribusi import distribusi_penilai
from ..selectors.evaluasi import evaluasi_visible_to
from ..selectors.tim import KEADAAN, saring, tim_penilaian
from ..services.evaluasi import evaluasi_siapkan
from ..services.final import evaluasi_finalkan, masalah_kurva


def _lingkup(request, data) -> tuple[object, bool, TimFilterForm]:
    """The sheet's owner (the login's pegawai) and whether it is the kepala daerah's variant; 404 for a login
    that is neither a pegawai nor admin BKPSDM."""
    me = pegawai_of(request.user)
    admin = peran_of(request.user).admin_bkpsdm
    form = TimFilterForm(data or None, admin_bkpsdm=admin)
    filters = form.cleaned_data if form.is_valid() else {}
    kepala_daerah = admin and (filters.get("lingkup") == LINGKUP_KEPALA_DAERAH or me is None)
    if me is None and not kepala_daerah:
        raise Http404
    return me, kepala_daerah, form


def url_tim(periode: PeriodePenilaian, kepala_daerah: bool) -> str:
    url = reverse("penilaian:tim", args=[periode.pk])
    return f"{url}?{urlencode({'lingkup': LINGKUP_KEPALA_DAERAH})}" if kepala_daerah else url


def _halaman(request, periode: PeriodePenilaian, *, galat: DomainError | None = None):
    me, kepala_daerah, form = _lingkup(request, request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    semua = tim_penilaian(me, periode, kepala_daerah=kepala_daerah)
    rows = saring(semua, filters)
    hitung = {k: 0 for k, _label in KEADAAN}
    for r in semua:
        hitung[r.keadaan] += 1
    distribusi = [] if kepala_daerah else [d for d in distribusi_penilai(me, periode) if d is not None]
    konteks = {
        "periode": periode,
        "form": form,
        "rows": rows,
        "semua": len(semua),
        "hitung": [(k, label, hitung[k]) for k, label in KEADAAN],
        "kepala_daerah": kepala_daerah,
        "lingkup": LINGKUP_KEPALA_DAERAH if kepala_daerah else "",
        "distribusi": distribusi,
        "masalah": masalah_kurva(distribusi) if distribusi else [],
        "belum_disiapkan": sum(1 for r in semua if r.evaluasi is None and r.skp is not None),
        "galat": galat,
        "ada_filter": any(filters.get(k) for k in ("q", "keadaan", "predikat")),
    }
    status = REFUSED_STATUS if galat is not None else 200
    return render(request, "penilaian/tim.html", konteks, status=status)


@login_required
def tim(request, periode_pk: int):
    return _halaman(request, get_object_or_404(PeriodePenilaian, pk=periode_pk))


@login_required
@require_POST
def tim_siapkan(request, periode_pk: int):
    """Prepare the evaluation of every bawahan on the sheet who has an approved SKP and none yet, so the atasan
    can rate without waiting for each pegawai to open their page."""
    periode = get_object_or_404(PeriodePenilaian, pk=periode_pk)
    me, kepala_daerah, _form = _lingkup(request, request.POST)
    n = 0
    try:
        for r in tim_penilaian(me, periode, kepala_daerah=kepala_daerah):
            if r.evaluasi is None and r.skp is not None:
                evaluasi_siapkan(pegawai=r.pegawai, skp=r.skp, periode=periode)
                n += 1
    except DomainError as exc:
        return _halaman(request, periode, galat=exc)
    messages.success(request, ngettext("%(n)s evaluasi disiapkan.", "%(n)s evaluasi disiapkan.", n) % {"n": n})
    return redirect(url_tim(periode, kepala_daerah))


@login_required
@require_POST
def tim_finalkan(request, periode_pk: int):
    """Finalise every rated evaluation of the sheet; a refusal (the curve, a capaian not set) lists every problem
    on the sheet with the way out (admin BKPSDM may accept a deviation with a written reason)."""
    periode = get_object_or_404(PeriodePenilaian, pk=periode_pk)
    _me, kepala_daerah, _form = _lingkup(request, request.POST)
    try:
        hasil = evaluasi_finalkan(actor=request.user, periode=periode, kepala_daerah=kepala_daerah)
    except DomainError as exc:
        return _halaman(request, periode, galat=exc)
    messages.success(
        request,
        ngettext("%(n)s evaluasi difinalkan.", "%(n)s evaluasi difinalkan.", len(hasil)) % {"n": len(hasil)},
    )
    return redirect(url_tim(periode, kepala_daerah))


@butuh_pegawai
def distribusi(request, me, periode_pk: int):
    """The distribution panel of the login's team and unit for a period (an htmx fragment). With ``evaluasi`` and
    a pick (``predikat``, or both ratings) it shows the counts as if that pick were saved."""
    periode = get_object_or_404(PeriodePenilaian, pk=periode_pk)
    form = DistribusiForm(request.GET)
    ganti = None
    if form.is_valid() and form.cleaned_data["evaluasi"]:
        data = form.cleaned_data
        predikat = data["predikat"]
        if predikat is None and data["rating_hasil"] and data["rating_perilaku"]:
            predikat = rules.predikat(data["rating_hasil"], data["rating_perilaku"])
        if predikat is not None and (
            evaluasi_visible_to(request.user)
            .filter(periode=periode, pk=data["evaluasi"])
            .exclude(status=StatusEvaluasi.FINAL)
            .exists()
        ):
            ganti = {data["evaluasi"]: predikat}
    tim, unit = distribusi_penilai(me, periode, ganti)
    return render(
        request,
        "penilaian/_distribusi.html",
        {"periode": periode, "distribusi": [d for d in (tim, unit) if d is not None], "seolah": ganti is not None},
    )
