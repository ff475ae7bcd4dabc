"""One SKP read-only (every version and its history), and the owner's perubahan SKP from it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pegawai.akses import pegawai_of
from portal.errors import REFUSED_STATUS, add_to_form

from .. import rules
from ..choices import AksiSkp, SkpStatus
from ..errors import SkpError
from ..forms import PerubahanForm
from ..models import Skp
from ..services.versi import skp_buat_perubahan
from .base import konteks_baca, peran_penilai, skp_milik, skp_terlihat, versi_dan_riwayat


@login_required
def detail(request, pk: int):
    skp = skp_terlihat(request, pk)
    return render_detail(request, skp)


def render_detail(request, skp: Skp, *, status: int = 200, form_perubahan: PerubahanForm | None = None):
    me = pegawai_of(request.user)
    context = konteks_baca(skp)
    context.update(versi_dan_riwayat(request, skp))
    pemilik = me is not None and me.pk == skp.pegawai_id
    berikut = next((v for v in context["versi"] if v.versi_sebelumnya_id == skp.pk), None)
    context.update(
        pemilik=pemilik,
        versi_berikut=berikut,
        boleh_ubah=pemilik and skp.dapat_diubah,
        boleh_perubahan=pemilik
        and rules.cek_perubahan(skp.status, digantikan=skp.digantikan, versi_berikut=berikut.versi if berikut else None)
        is None,
        boleh_perbaiki=pemilik and rules.cek_transisi(AksiSkp.DIPERBAIKI, skp.status) is None,
        menunggu_persetujuan=skp.status == SkpStatus.DIAJUKAN,
        boleh_tinjau=rules.cek_ekspektasi(skp.status) is None and peran_penilai(request.user, skp) is not None,
        form_perubahan=form_perubahan or PerubahanForm(),
    )
    return render(request, "skp/detail.html", context, status=status)


@login_required
@require_POST
def perubahan(request, pk: int):
    """Perubahan SKP: a new draft version of an approved SKP, with its required reason."""
    me, skp = skp_milik(request, pk)
    form = PerubahanForm(request.POST)
    form.is_valid()
    try:
        baru = skp_buat_perubahan(actor=me, skp=skp, alasan=form.cleaned_data.get("alasan", ""))
    except SkpError as exc:
        # A missing reason is shown beside the field (the form opens again); a refused state, when the form is
        # no longer offered, at the top of the page.
        if exc.errors:
            add_to_form(form, exc)
        else:
            messages.error(request, exc.message)
        return render_detail(request, skp, status=REFUSED_STATUS, form_perubahan=form)
    messages.success(
        request,
        _(
            "Perubahan SKP versi %(versi)s sudah dibuat sebagai draf. Versi %(lama)s tetap berlaku sampai "
            "perubahan ini disetujui."
        )
        % {"versi": baru.versi, "lama": skp.versi},
    )
    return redirect("skp:ubah", baru.pk)
