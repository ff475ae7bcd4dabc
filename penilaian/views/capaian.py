"""The capaian kinerja organisasi page: for a period, the OPDs and units the user sets (one level up) with the value
set and a form per row. Admin BKPSDM sees every OPD (and, with an OPD chosen, its units), admin OPD the units of
their OPD, a unit head the units directly below theirs. Anyone else with nothing to set gets 404; an admin OPD
with nothing to set gets the page saying so (it is in their menu)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pegawai.akses import peran_of
from pegawai.models import PerangkatDaerah
from portal.errors import REFUSED_STATUS, DomainError, add_to_form
from portal.forms import BootstrapMixin
from portal.pagination import paginate
from portal.tautan import kembali_ke

from ..choices import CapaianOrganisasi
from ..selectors.capaian import baris_capaian, opd_capaian_dikelola, unit_capaian_dikelola
from ..services.capaian import capaian_tetapkan
from .periode import PeriodeForm, periode_dipilih


class PilihForm(PeriodeForm):
    """The period and (optionally) the OPD shown."""

    opd = forms.ModelChoiceField(
        label=gettext_lazy("Perangkat daerah"), queryset=PerangkatDaerah.objects.none(), required=False
    )

    def __init__(self, *args, opd_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = opd_qs
        self.fields["opd"].empty_label = _("Semua")
        self._bootstrap()


class TetapkanForm(BootstrapMixin, forms.Form):
    """One row's form; ``target`` is ``opd-<id>`` or ``unit-<id>`` and is resolved within the user's reach."""

    target = forms.RegexField(regex=r"(?a)^(opd|unit)-\d{1,18}$", max_length=23, widget=forms.HiddenInput)
    capaian = forms.TypedChoiceField(
        label=gettext_lazy("Capaian"), choices=[("", "—")] + CapaianOrganisasi.choices, coerce=int
    )
    # The row shows no visible label for it (the column is "Tetapkan"): the placeholder says what it is for.
    catatan = forms.CharField(
        label=gettext_lazy("Catatan"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("Catatan (opsional)")}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()


@login_required
def capaian(request):
    periode = periode_dipilih(request)
    admin_bkpsdm = peran_of(request.user).admin_bkpsdm
    if periode is None:
        if not peran_of(request.user).admin:
            raise Http404
        return render(request, "penilaian/capaian.html", {"periode": None})
    opd_qs = opd_capaian_dikelola(request.user)
    unit_qs = unit_capaian_dikelola(request.user, periode)
    # An admin OPD reaches this page from the menu: an OPD with only its top unit has nothing to set here (the
    # OPD's own capaian is admin BKPSDM's), which the page says instead of answering 404.
    kosong = not admin_bkpsdm and not unit_qs.exists()
    if kosong and not peran_of(request.user).admin:
        raise Http404
    opd_pilihan = PerangkatDaerah.objects.filter(
        Q(pk__in=opd_qs.values("pk")) | Q(pk__in=unit_qs.values("perangkat_daerah_id"))
    ).order_by("nama")
    pilih = PilihForm(request.GET or None, opd_qs=opd_pilihan, initial={"periode": periode})
    opd = pilih.cleaned_data.get("opd") if pilih.is_valid() else None

    if kosong:
        return render(request, "penilaian/capaian.html", {"periode": periode, "pilih": pilih, "rows": []})
    gagal: TetapkanForm | None = None
    if request.method == "POST":
        gagal = TetapkanForm(request.POST)
        if gagal.is_valid():
            jenis, pk = gagal.cleaned_data["target"].split("-")
            sasaran = (
                {"unit_kerja": get_object_or_404(unit_qs, pk=int(pk))}
                if jenis == "unit"
                else {"perangkat_daerah": get_object_or_404(opd_qs, pk=int(pk))}
            )
            try:
                obj = capaian_tetapkan(
                    actor=request.user,
                    periode=periode,
                    capaian=gagal.cleaned_data["capaian"],
                    catatan=gagal.cleaned_data["catatan"],
                    **sasaran,
                )
            except DomainError as exc:
                add_to_form(gagal, exc)
            else:
                messages.success(
                    request,
                    _("Capaian %(nama)s untuk %(periode)s: %(capaian)s.")
                    % {
                        "nama": obj.unit_kerja or obj.perangkat_daerah,
                        "periode": periode.nama,
                        "capaian": obj.get_capaian_display(),
                    },
                )
                return redirect(kembali_ke(request, f"{reverse('penilaian:capaian')}?periode={periode.pk}"))

    if admin_bkpsdm and opd is None:
        # The whole city: one row per OPD; choosing an OPD lists its units.
        page = paginate(request, opd_qs.order_by("nama"))
        rows = baris_capaian(periode, opd=list(page.object_list))
    else:
        units = unit_qs.select_related("perangkat_daerah", "parent").order_by("perangkat_daerah__nama", "nama", "pk")
        if opd is not None:
            units = units.filter(perangkat_daerah=opd)
        page = paginate(request, units)
        atas = [opd] if opd is not None and admin_bkpsdm else []
        rows = baris_capaian(periode, opd=atas, unit=list(page.object_list))
    for row in rows:
        if gagal is not None and gagal.data.get("target") == row.kunci:
            row.form = gagal
        else:
            row.form = TetapkanForm(
                initial={
                    "target": row.kunci,
                    "capaian": row.nilai.capaian if row.nilai else "",
                    "catatan": row.nilai.catatan if row.nilai else "",
                },
                auto_id=f"id_{row.kunci}_%s",
            )
    # A refusal for a row not on this page (another page or filter) is shown above the list instead.
    lepas = gagal if gagal is not None and not any(row.form is gagal for row in rows) else None
    return render(
        request,
        "penilaian/capaian.html",
        {
            "periode": periode,
            "pilih": pilih,
            "page_obj": page,
            "rows": rows,
            "opd": opd,
            "kota": admin_bkpsdm,
            "gagal_lepas": lepas,
        },
        status=REFUSED_STATUS if gagal is not None else 200,
    )
