"""The pejabat penilai's pages: the queue of their bawahan's SKP, the review with its decision (approve, return)
and the Ekspektasi Khusus Pimpinan; and admin BKPSDM's queue of the SKP rated by the kepala daerah, decided on
the kepala daerah's behalf on the same review page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pegawai.akses import butuh_pegawai, butuh_peran, pegawai_of, peran_admin_bkpsdm
from pegawai.models import Pegawai
from portal.errors import REFUSED_STATUS, add_to_form

from .. import rules
from ..choices import AksiSkp, StatusRekap
from ..errors import SkpError
from ..forms import EkspektasiForm, KembalikanForm
from ..models import EkspektasiKhusus, Skp
from ..selectors.antrian import skp_antrian_atasan, skp_antrian_kepala_daerah
from ..services.isi import ekspektasi_set
from ..services.kepala_daerah import (
    ekspektasi_set_kepala_daerah,
    skp_kembalikan_kepala_daerah,
    skp_setujui_kepala_daerah,
)
from ..services.skp import skp_kembalikan, skp_setujui
from .base import (
    PENILAI_KEPALA_DAERAH,
    PerilakuBaris,
    daftar_tahun,
    konteks_baca,
    peran_penilai,
    skp_terlihat,
    tahun_diminta,
    versi_dan_riwayat,
)


@butuh_pegawai
def antrian(request, me: Pegawai):
    """The SKP of the bawahan the user rates (own position and Plt/Plh) for a year: submitted ones first, the late
    ones marked and counted."""
    tahun = tahun_diminta(request)
    rows = skp_antrian_atasan(me, tahun)
    hitung = {s.value: 0 for s in StatusRekap}
    for row in rows:
        hitung[row.status] += 1
    return render(
        request,
        "skp/antrian.html",
        {
            "tahun": tahun,
            "rows": rows,
            "hitung": [(s.value, s.label, hitung[s.value]) for s in StatusRekap],
            "menunggu": hitung[StatusRekap.DIAJUKAN],
            "terlambat": sum(1 for row in rows if row.terlambat),
            "daftar_tahun": daftar_tahun(tahun),
        },
    )


@butuh_peran(peran_admin_bkpsdm)
def kepala_daerah(request):
    """Admin BKPSDM's queue of the SKP rated by the kepala daerah (the top JPT)."""
    tahun = tahun_diminta(request)
    return render(
        request,
        "skp/kepala_daerah.html",
        {"tahun": tahun, "rows": skp_antrian_kepala_daerah(tahun), "daftar_tahun": daftar_tahun(tahun)},
    )


def _render_tinjau(
    request,
    skp: Skp,
    peran: str,
    *,
    status: int = 200,
    form_kembali: KembalikanForm | None = None,
    galat: SkpError | None = None,
):
    context = konteks_baca(skp)
    context.update(
        peran=peran,
        atas_nama_kepala_daerah=peran == PENILAI_KEPALA_DAERAH,
        form_kembali=form_kembali or KembalikanForm(),
        boleh_putus=rules.cek_transisi(AksiSkp.DISETUJUI, skp.status) is None,
        boleh_ekspektasi=rules.cek_ekspektasi(skp.status) is None,
        galat=galat,
        kepala_daerah_jabatan=settings.KEPALA_DAERAH_JABATAN,
    )
    context.update(versi_dan_riwayat(request, skp))
    return render(request, "skp/tinjau.html", context, status=status)


def _tinjau_objek(request, pk: int) -> tuple[Skp, str]:
    skp = skp_terlihat(request, pk)
    peran = peran_penilai(request.user, skp)
    if peran is None:
        raise Http404
    return skp, peran


def _kembali_ke_antrian(peran: str, skp: Skp) -> HttpResponse:
    nama = "skp:kepala_daerah" if peran == PENILAI_KEPALA_DAERAH else "skp:antrian"
    return redirect(f"{reverse(nama)}?tahun={skp.tahun}")


@login_required
def tinjau(request, pk: int):
    skp, peran = _tinjau_objek(request, pk)
    return _render_tinjau(request, skp, peran)


@login_required
@require_POST
def setujui(request, pk: int):
    skp, peran = _tinjau_objek(request, pk)
    try:
        if peran == PENILAI_KEPALA_DAERAH:
            skp_setujui_kepala_daerah(user=request.user, skp=skp)
        else:
            skp_setujui(actor=pegawai_of(request.user), skp=skp)
    except SkpError as exc:
        skp.refresh_from_db()
        return _render_tinjau(request, skp, peran, status=REFUSED_STATUS, galat=exc)
    messages.success(
        request,
        _("SKP %(nama)s tahun %(tahun)s sudah disetujui.") % {"nama": skp.pegawai.nama_lengkap, "tahun": skp.tahun},
    )
    return _kembali_ke_antrian(peran, skp)


@login_required
@require_POST
def kembalikan(request, pk: int):
    skp, peran = _tinjau_objek(request, pk)
    form = KembalikanForm(request.POST)
    form.is_valid()
    catatan = form.cleaned_data.get("catatan", "")
    try:
        if peran == PENILAI_KEPALA_DAERAH:
            skp_kembalikan_kepala_daerah(user=request.user, skp=skp, catatan=catatan)
        else:
            skp_kembalikan(actor=pegawai_of(request.user), skp=skp, catatan=catatan)
    except SkpError as exc:
        skp.refresh_from_db()
        add_to_form(form, exc)
        return _render_tinjau(request, skp, peran, status=REFUSED_STATUS, form_kembali=form)
    messages.success(
        request,
        _("SKP %(nama)s dikembalikan dengan catatan untuk diperbaiki.") % {"nama": skp.pegawai.nama_lengkap},
    )
    return _kembali_ke_antrian(peran, skp)


@login_required
@require_POST
def ekspektasi(request, pk: int):
    """Save the Ekspektasi Khusus Pimpinan for one BerAKHLAK value; htmx gets the value's block back."""
    skp, peran = _tinjau_objek(request, pk)
    form = EkspektasiForm(request.POST)
    if not form.is_valid():
        raise Http404
    perilaku = form.cleaned_data["perilaku"]
    teks = form.cleaned_data["teks"]
    status = 200
    try:
        if peran == PENILAI_KEPALA_DAERAH:
            ekspektasi_set_kepala_daerah(user=request.user, skp=skp, perilaku=perilaku, teks=teks)
        else:
            ekspektasi_set(actor=pegawai_of(request.user), skp=skp, perilaku=perilaku, teks=teks)
    except SkpError as exc:
        add_to_form(form, exc)
        status = REFUSED_STATUS
    if not request.htmx:
        if status == 200:
            messages.success(request, _("Ekspektasi %(nilai)s sudah disimpan.") % {"nilai": perilaku.nama})
            return redirect(f"{reverse('skp:tinjau', args=[skp.pk])}#perilaku-{perilaku.kode}")
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _render_tinjau(request, skp, peran, status=status)
    skp.refresh_from_db()
    tersimpan = EkspektasiKhusus.objects.filter(skp=skp, perilaku=perilaku).values_list("teks", flat=True).first()
    baris = PerilakuBaris(
        perilaku=perilaku,
        ekspektasi=tersimpan or "",
        form=form if status != 200 else None,
        tersimpan=status == 200,
    )
    return render(
        request,
        "skp/_ekspektasi.html",
        {"p": baris, "skp": skp, "boleh_ekspektasi": rules.cek_ekspektasi(skp.status) is None},
        status=status,
    )
