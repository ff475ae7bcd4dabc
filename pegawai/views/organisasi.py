"""The OPDs and the structure of one OPD (units, positions, holders, acting Plt/Plh)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from ..akses import pegawai_visible_to, perangkat_daerah_visible_to
from ..selectors import statistik_opd, struktur_opd


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
