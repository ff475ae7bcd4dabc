"""The rating page of one evaluation for its pejabat penilai: the RHK with realisasi and evidence, feedback per RHK
(text and an optional image) and per BerAKHLAK value, both ratings with the predikat shown as they are picked
(htmx fragment ``penilaian:predikat``) and the distribution panel moving with them; returning to draft and
reopening a final evaluation, each with a reason.

Scope: the evaluations the login rates *now* (:func:`penilaian.selectors.evaluasi.boleh_menilai`). Everyone else
gets 404 here — also the pegawai, who may open their own evaluation but not this page, so a crafted POST by them
finds nothing (the service would refuse it too)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pegawai.akses import pegawai_of, peran_of
from portal.errors import REFUSED_STATUS, DomainError, add_to_form

from .. import rules
from ..choices import Predikat, Rating, StatusEvaluasi
from ..forms import AlasanForm, NilaiForm, PredikatForm
from ..models import Evaluasi
from ..selectors.distribusi import distribusi_penilai
from ..selectors.evaluasi import boleh_menilai, bukti_per_rhk, evaluasi_sebelumnya, evaluasi_visible_to
from ..services.bukti import periksa_gambar, umpan_balik_gambar
from ..services.evaluasi import evaluasi_kembalikan, evaluasi_nilai, rating_hasil_tetap
from ..services.final import evaluasi_buka_kembali
from .evaluasi import halaman_evaluasi
from .tim import url_tim


def _ambil(request, pk: int) -> Evaluasi:
    return get_object_or_404(
        evaluasi_visible_to(request.user).select_related(
            "periode", "pegawai__jabatan__unit_kerja", "penilai", "skp__jabatan__unit_kerja"
        ),
        pk=pk,
    )


def _dinilai_saya(request, pk: int) -> Evaluasi:
    """An evaluation the login rates now; 404 otherwise (see the module's docstring)."""
    evaluasi = _ambil(request, pk)
    if not boleh_menilai(request.user, evaluasi):
        raise Http404
    return evaluasi


def _form(evaluasi: Evaluasi, kartu, perilaku, data=None, files=None) -> NilaiForm:
    return NilaiForm(
        data,
        files,
        rhk=[b.evaluasi_rhk for b in kartu],
        perilaku=perilaku,
        initial={
            "rating_hasil": evaluasi.rating_hasil,
            "rating_perilaku": evaluasi.rating_perilaku,
            "catatan": evaluasi.catatan_penilai,
        },
    )


def _perilaku(evaluasi: Evaluasi):
    hasil = []
    for ub in evaluasi.perilaku.select_related("perilaku").order_by("perilaku__urutan"):
        ub.perilaku.teks = ub.teks
        hasil.append(ub.perilaku)
    return hasil


def _predikat_dari(hasil, perilaku) -> Predikat | None:
    return rules.predikat(hasil, perilaku) if hasil and perilaku else None


def _halaman(request, evaluasi: Evaluasi, *, form=None, form_kembali=None, form_buka=None, status: int = 200):
    kartu = bukti_per_rhk(evaluasi)
    perilaku = _perilaku(evaluasi)
    form = form or _form(evaluasi, kartu, perilaku)
    tetap, pesan_tetap = rating_hasil_tetap(evaluasi)
    hasil = tetap or form["rating_hasil"].value()
    dipilih = _predikat_dari(_int(hasil), _int(form["rating_perilaku"].value()))
    me = pegawai_of(request.user)
    distribusi = []
    if me is not None and not evaluasi.oleh_kepala_daerah:
        ganti = {evaluasi.pk: dipilih} if dipilih is not None and not evaluasi.final else None
        distribusi = [d for d in distribusi_penilai(me, evaluasi.periode, ganti) if d is not None]
    konteks = {
        "e": evaluasi,
        "form": form,
        "rhk": [
            (
                b,
                form[f"umpan_balik_{b.evaluasi_rhk.pk}"],
                form[f"gambar_{b.evaluasi_rhk.pk}"],
                form[f"hapus_gambar_{b.evaluasi_rhk.pk}"],
            )
            for b in kartu
        ],
        "perilaku": [(p, form[f"perilaku_{p.pk}"]) for p in perilaku],
        "tetap": tetap,
        "pesan_tetap": pesan_tetap,
        "dipilih": dipilih,
        "distribusi": distribusi,
        "seolah": False,
        "bisa_nilai": not evaluasi.final and not evaluasi.periode.ditutup,
        "form_kembali": form_kembali or AlasanForm(auto_id="id_kembali_%s"),
        "form_buka": form_buka or AlasanForm(auto_id="id_buka_%s"),
        "sebelumnya": list(evaluasi_sebelumnya(evaluasi)) if evaluasi.periode.tahunan else [],
        "url_tim": url_tim(evaluasi.periode, evaluasi.oleh_kepala_daerah),
        "draft": evaluasi.status == StatusEvaluasi.DRAFT,
    }
    return render(request, "penilaian/nilai.html", konteks, status=status)


def _int(nilai) -> int | None:
    """A rating code picked on the page, or ``None`` for anything else (a crafted value is no server error)."""
    try:
        return int(Rating(int(nilai)))
    except (TypeError, ValueError):
        return None


@login_required
def nilai(request, pk: int):
    """GET shows the rating page; POST saves feedback, images and both ratings through the services."""
    evaluasi = _dinilai_saya(request, pk)
    if request.method != "POST":
        return _halaman(request, evaluasi)
    kartu = bukti_per_rhk(evaluasi)
    form = _form(evaluasi, kartu, _perilaku(evaluasi), request.POST, request.FILES)
    if form.is_valid():
        per_rhk = {b.evaluasi_rhk.pk: b.evaluasi_rhk for b in kartu}
        gambar = form.gambar()
        try:
            # Images are checked before anything is written, so a refused image leaves the rating unsaved too.
            for pk_rhk, berkas in gambar.items():
                if berkas is not None:
                    periksa_gambar(berkas, f"gambar_{pk_rhk}")
            tetap, _pesan = rating_hasil_tetap(evaluasi)
            evaluasi_nilai(
                actor=request.user,
                evaluasi=evaluasi,
                rating_hasil=tetap or form.cleaned_data["rating_hasil"],
                rating_perilaku=form.cleaned_data["rating_perilaku"],
                umpan_balik=form.umpan_balik(),
                umpan_balik_perilaku=form.umpan_balik_perilaku(),
                catatan=form.cleaned_data["catatan"],
            )
            for pk_rhk, berkas in gambar.items():
                umpan_balik_gambar(actor=request.user, evaluasi_rhk=per_rhk[pk_rhk], berkas=berkas)
        except DomainError as exc:
            add_to_form(form, exc)
    if form.errors:
        return _halaman(request, evaluasi, form=form, status=REFUSED_STATUS)
    messages.success(
        request,
        _("Penilaian %(nama)s disimpan. Predikat: %(predikat)s.")
        % {"nama": evaluasi.pegawai.nama_lengkap, "predikat": evaluasi.get_predikat_display()},
    )
    return redirect(url_tim(evaluasi.periode, evaluasi.oleh_kepala_daerah))


@login_required
def predikat(request):
    """The predikat of the ratings picked so far (htmx fragment of the rating page)."""
    form = PredikatForm(request.GET)
    dipilih = None
    if form.is_valid():
        dipilih = _predikat_dari(form.cleaned_data["rating_hasil"], form.cleaned_data["rating_perilaku"])
    return render(request, "penilaian/_predikat.html", {"dipilih": dipilih})


@login_required
@require_POST
def kembalikan(request, pk: int):
    """Return a rated evaluation to draft with a reason (the pegawai can correct realisasi and evidence)."""
    evaluasi = _dinilai_saya(request, pk)
    form = AlasanForm(request.POST, auto_id="id_kembali_%s")
    if form.is_valid():
        try:
            evaluasi_kembalikan(actor=request.user, evaluasi=evaluasi, alasan=form.cleaned_data["alasan"])
        except DomainError as exc:
            add_to_form(form, exc)
    if form.errors:
        return _halaman(request, evaluasi, form_kembali=form, status=REFUSED_STATUS)
    messages.success(request, _("Evaluasi %(nama)s dikembalikan ke draf.") % {"nama": evaluasi.pegawai.nama_lengkap})
    return redirect(url_tim(evaluasi.periode, evaluasi.oleh_kepala_daerah))


@login_required
@require_POST
def buka_kembali(request, pk: int):
    """Reopen a final evaluation with a reason: its pejabat penilai (from the rating page) or admin BKPSDM (from
    the evaluation page). Anyone else gets 404."""
    evaluasi = _ambil(request, pk)
    penilai = boleh_menilai(request.user, evaluasi)
    if not (penilai or peran_of(request.user).admin_bkpsdm):
        raise Http404
    form = AlasanForm(request.POST, auto_id="id_buka_%s")
    if form.is_valid():
        try:
            evaluasi_buka_kembali(actor=request.user, evaluasi=evaluasi, alasan=form.cleaned_data["alasan"])
        except DomainError as exc:
            add_to_form(form, exc)
    if form.errors:
        if penilai:
            return _halaman(request, evaluasi, form_buka=form, status=REFUSED_STATUS)
        return halaman_evaluasi(request, evaluasi, form_buka=form, status=REFUSED_STATUS)
    messages.success(request, _("Evaluasi %(nama)s dibuka kembali.") % {"nama": evaluasi.pegawai.nama_lengkap})
    return redirect("penilaian:nilai" if penilai else "penilaian:evaluasi", pk=evaluasi.pk)
