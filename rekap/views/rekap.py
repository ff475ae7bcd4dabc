"""The recap tables: per unit / OPD / city (``unit_list``) and per pegawai (``pegawai_list``) of one period.

Both read rows only through the visibility selectors and the FilterSets of :mod:`rekap.filters`; the export job
(:mod:`rekap.views.ekspor`, :mod:`rekap.exports`) reads them the same way, so the file holds the rows shown here.
A filter naming an OPD or unit outside the user's reach, or a period that does not exist, answers 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.formats import number_format

from pegawai.akses import peran_admin_atau_pimpinan, peran_of
from portal.pagination import paginate

from ..filters import TABEL, tabel_terfilter
from ..rules import Persen
from ..selectors.rekap import TEKS, sebaran_predikat


def teks(value) -> str:
    """A cell as the page prints it: Indonesian number formats, a percent sign on shares, a dash for "none"."""
    if value is None or value == "":
        return "–"
    if isinstance(value, Persen):
        return number_format(value, decimal_pos=1, use_l10n=True) + "%"
    if isinstance(value, int) and not isinstance(value, bool):
        return number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


def _halaman(request, jenis: str):
    tabel = TABEL[jenis]
    filterset, rows = tabel_terfilter(tabel, request.GET, request.user)
    page = paginate(request, rows)
    kolom = [k for k in tabel.kolom if k.layar]
    # In the table numbers and shares line up on the right, text (units, labels) on the left; on a phone's stacked
    # card every value sits on the right, as in the portal's other cards.
    pembaca = [(k.judul, k.pembaca(), "text-end text-md-start" if k.jenis == TEKS else "text-end") for k in kolom]
    for r in page.object_list:
        r.sel = [(judul, teks(baca(r)), rata) for judul, baca, rata in pembaca]
        if jenis == "unit":
            r.predikat = sebaran_predikat(r)
    periode = filterset.dipilih.get("periode")
    # "Not computed yet" differs from "nothing matches the filter": ask whether the period has any row in reach.
    dihitung = periode is not None and tabel.visible_to(request.user).filter(periode=periode).exists()
    return render(
        request,
        f"rekap/{jenis}_list.html",
        {
            "tabel": tabel,
            "filter": filterset,
            "form": filterset.form,
            "page_obj": page,
            "kolom": kolom,
            "periode": periode,
            "dihitung": dihitung,
            "parameter": filterset.parameter(),
            "boleh_ekspor": dihitung and peran_admin_atau_pimpinan(peran_of(request.user)),
        },
    )


@login_required
def unit_list(request):
    return _halaman(request, "unit")


@login_required
def pegawai_list(request):
    return _halaman(request, "pegawai")
