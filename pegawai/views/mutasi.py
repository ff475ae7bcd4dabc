"""Recording a mutasi from a pegawai's profile: the new position, its TMT and SK (admin OPD within their OPD, admin
BKPSDM anywhere). The rules are :func:`pegawai.services.mutasi.pegawai_mutasi`'s; this page only asks and shows."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.errors import REFUSED_STATUS, DomainError, add_to_form

from ..akses import butuh_peran, pegawai_managed_by, peran_admin
from ..atasan import JENIS_PENILAI, pemegang_pada, penilai_jabatan
from ..forms import MutasiForm
from ..models import Jabatan, Pegawai, Penugasan
from ..nip import normalize_nip
from ..services.mutasi import pegawai_mutasi

#: A pelaksana or fungsional position may have dozens of holders; the page names this many.
PEMEGANG_TAMPIL = 10


def _pemegang(jabatan: Jabatan, tmt: datetime.date, pegawai: Pegawai) -> dict:
    """Who holds ``jabatan`` on ``tmt`` (definitively and as Plt/Plh) and who would rate ``pegawai`` there: what the
    admin checks before recording the mutasi. A constant number of queries."""
    holders = pemegang_pada([jabatan.pk], tmt).exclude(pk=pegawai.pk)
    definitif = list(holders.order_by("nama", "nip")[:PEMEGANG_TAMPIL])
    return {
        "jabatan": jabatan,
        "tmt": tmt,
        "definitif": definitif,
        "lainnya": holders.count() - len(definitif) if len(definitif) == PEMEGANG_TAMPIL else 0,
        # A leadership position has one definitive holder: the service refuses a second (docs/ATURAN.md).
        "pimpinan": jabatan.jenis in JENIS_PENILAI,
        "plt": list(Penugasan.objects.berlaku(tmt).filter(jabatan=jabatan).select_related("pegawai")),
        "penilai": penilai_jabatan(jabatan.pk, tmt, kecuali=pegawai.pk),
    }


@butuh_peran(peran_admin)
@require_http_methods(["GET", "POST"])
def mutasi_catat(request, nip: str):
    # Only a pegawai the admin manages; anyone else's NIP answers 404, like a NIP that does not exist.
    pegawai = get_object_or_404(pegawai_managed_by(request.user).with_org(), nip=normalize_nip(nip))
    pratinjau = request.method == "GET" and request.htmx
    # htmx asks again on every change of the position or the TMT, to show who holds the position picked.
    data = request.POST if request.method == "POST" else request.GET if pratinjau else None
    form = MutasiForm(data, actor=request.user, pegawai=pegawai)
    pilihan = {}
    if form.is_bound:
        valid = form.is_valid()
        pilihan = dict(form.cleaned_data)  # kept before a refusal takes the refused field out of cleaned_data
        if request.method == "POST" and valid:
            try:
                pegawai_mutasi(
                    actor=request.user,
                    pegawai=pegawai,
                    jabatan=pilihan["jabatan"],
                    tmt=pilihan["tmt"],
                    nomor_sk=pilihan["nomor_sk"],
                )
            except DomainError as exc:
                add_to_form(form, exc)
            else:
                messages.success(
                    request,
                    _("Mutasi %(nama)s ke %(jabatan)s per %(tmt)s dicatat.")
                    % {
                        "nama": pegawai.nama_lengkap,
                        "jabatan": pilihan["jabatan"].nama,
                        "tmt": date_format(pilihan["tmt"], "j F Y"),
                    },
                )
                return redirect("pegawai_detail", pegawai.nip)

    jabatan = pilihan.get("jabatan")
    info = _pemegang(jabatan, pilihan.get("tmt") or timezone.localdate(), pegawai) if jabatan else None
    if pratinjau:
        return render(request, "pegawai/_mutasi_pemegang.html", {"info": info})
    return render(
        request,
        "pegawai/mutasi_form.html",
        {"pegawai": pegawai, "form": form, "info": info},
        status=REFUSED_STATUS if request.method == "POST" else 200,
    )
