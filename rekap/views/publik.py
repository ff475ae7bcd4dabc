"""The public transparency page (``rekap:transparansi``, no login): the city's and each OPD's monthly shares from
the recap tables (:mod:`rekap.selectors.publik`: what is published, what is suppressed, what is cached).

The page is the same for everyone, logged in or not, so it is rendered without the request: no context processor
runs, nothing reads the session or the user, no CSRF token is written into it and no cookie is set — and the bytes
can be cached whole. A request that hits the cache makes no query and renders no template.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from ..selectors.publik import (
    Bulan,
    bulan_terbit,
    dari_cache,
    data_bulan,
    kunci_halaman,
    tren,
    versi,
)


def _nilai(bulan: Bulan) -> str:
    return f"{bulan[0]}-{bulan[1]:02d}"


def _label(bulan: Bulan) -> str:
    # Django's month names rather than date_format, which costs ~60 µs a call: the form is built on every request.
    return f"{MONTHS[bulan[1]]} {bulan[0]}"


class BulanPublikForm(forms.Form):
    """The month picker: a choice among the published months only, so nothing else reaches the cache or the ORM."""

    bulan = forms.ChoiceField(label=_("Bulan"), required=False)

    def __init__(self, *args, daftar: list[Bulan], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bulan"].choices = [(_nilai(b), _label(b)) for b in daftar]
        self.fields["bulan"].widget.attrs["class"] = "form-select"
        self.daftar = daftar

    def bulan_terpilih(self) -> Bulan | None:
        """The chosen month, or the newest published one when none was asked (or the choice was refused)."""
        nilai = self.cleaned_data.get("bulan") if self.is_bound and self.is_valid() else None
        if nilai:
            tahun, bulan = nilai.split("-")
            return int(tahun), int(bulan)
        return self.daftar[0] if self.daftar else None


def _render(form: BulanPublikForm, daftar: list[Bulan], bulan: Bulan | None) -> str:
    context = {"form": form, "INSTANSI_NAMA": settings.INSTANSI_NAMA, "data": None}
    if bulan is not None:
        bulan_tren = tren(daftar, bulan)
        angka = data_bulan(bulan_tren)
        baris_tren = [angka[b] for b in bulan_tren]
        context.update(
            data=angka[bulan],
            tren=baris_tren,
            grafik={
                "labels": [date_format(d.tanggal, "M Y") for d in baris_tren],
                "data": [d.kota.partisipasi for d in baris_tren],
            },
        )
    # No request: see the module's docstring.
    return render_to_string("rekap/transparansi.html", context)


@require_safe
def transparansi(request):
    versi_ = versi()
    daftar = bulan_terbit(versi_)
    # Without a query (most visits) there is nothing to read: the newest month.
    form = BulanPublikForm(request.GET, daftar=daftar) if request.GET else None
    if form is not None and not form.is_valid():
        # A refused choice is shown with its message over the newest month; not cached (any text could be a key).
        return HttpResponse(_render(form, daftar, form.bulan_terpilih()))
    bulan = form.bulan_terpilih() if form is not None else (daftar[0] if daftar else None)

    def render():
        terpilih = BulanPublikForm(initial={"bulan": _nilai(bulan)} if bulan else None, daftar=daftar)
        # Stored encoded: a hit hands the bytes over as they are.
        return _render(terpilih, daftar, bulan).encode()

    return HttpResponse(dari_cache(versi_, kunci_halaman(versi_, bulan), render))
