"""The OPDs, the structure of one OPD (units, positions, holders, acting Plt/Plh) and the page of one unit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.errors import DomainError

from ..akses import butuh_peran, pegawai_visible_to, peran_admin_bkpsdm, peran_of, perangkat_daerah_visible_to
from ..forms import UnitKerjaMandiriForm
from ..models import UnitKerja
from ..selectors.pegawai import statistik_opd, struktur_opd
from ..services.organisasi import unit_kerja_atur_mandiri
from ..unit_mandiri import kepala_unit_kerja


@login_required
def organisasi(request):
    opd_ids = set(perangkat_daerah_visible_to(request.user).values_list("pk", flat=True))
    rekap = statistik_opd(opd_ids) if opd_ids else []
    return render(request, "pegawai/organisasi_list.html", {"rekap": rekap})


@login_required
def organisasi_detail(request, pk: int):
    opd = get_object_or_404(perangkat_daerah_visible_to(request.user), pk=pk)
    pohon = struktur_opd(opd)
    terlihat = set(
        pegawai_visible_to(request.user).filter(jabatan__unit_kerja__perangkat_daerah=opd).values_list("pk", flat=True)
    )
    rekap = statistik_opd({opd.pk})
    return render(
        request,
        "pegawai/organisasi_detail.html",
        {
            "opd": opd,
            "pohon": pohon,
            "terlihat": terlihat,
            "rekap": rekap[0] if rekap else None,
            # A small OPD is shown fully unfolded; a large one only to the bidang level, to keep the page short.
            "buka_semua": bool(rekap) and rekap[0].unit_kerja <= 25,
        },
    )


def _unit_terlihat(user):
    """The units of the OPDs ``user`` may open (404 outside)."""
    return UnitKerja.objects.filter(perangkat_daerah__in=perangkat_daerah_visible_to(user)).select_related(
        "perangkat_daerah", "parent"
    )


@login_required
def unit_kerja_detail(request, pk: int):
    """One unit: its OPD and parent, its head, its sub-units, and whether it is a unit kerja mandiri (admin BKPSDM
    may change that here; everyone else reads it)."""
    unit = get_object_or_404(_unit_terlihat(request.user), pk=pk)
    bkpsdm = peran_of(request.user).admin_bkpsdm
    terlihat = set(pegawai_visible_to(request.user).filter(jabatan__unit_kerja=unit).values_list("pk", flat=True))
    return render(
        request,
        "pegawai/unit_kerja_detail.html",
        {
            "unit": unit,
            "kepala": kepala_unit_kerja(unit),
            "sub_unit": unit.children.filter(aktif=True).order_by("nama"),
            "terlihat": terlihat,
            "form_mandiri": UnitKerjaMandiriForm(initial={"mandiri": unit.mandiri}) if bkpsdm else None,
        },
    )


@butuh_peran(peran_admin_bkpsdm)
@require_POST
def unit_kerja_mandiri(request, pk: int):
    """Admin BKPSDM marks or unmarks a unit as unit kerja mandiri, then returns to the unit's page."""
    unit = get_object_or_404(_unit_terlihat(request.user), pk=pk)
    form = UnitKerjaMandiriForm(request.POST)
    form.is_valid()  # a checkbox: absent means "not mandiri", nothing else can be invalid
    try:
        unit = unit_kerja_atur_mandiri(actor=request.user, unit_kerja=unit, mandiri=form.cleaned_data["mandiri"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if unit.mandiri:
            pesan = _("%(unit)s kini tercatat sebagai unit kerja mandiri.")
        else:
            pesan = _("%(unit)s tidak lagi tercatat sebagai unit kerja mandiri.")
        messages.success(request, pesan % {"unit": unit.nama})
    return redirect("unit_kerja_detail", unit.pk)
