"""Filters of the recap tables. The page and its export job read the same FilterSet over the same scoped queryset,
so a spreadsheet holds exactly the rows the page shows (every page of them).

Query parameters (KONTRAK): ``periode`` (pk), ``opd`` (pk), ``unit`` (pk), ``q``, and ``status`` (SKP status) on the
per-pegawai table or ``tingkat`` (unit / OPD / city) on the aggregate one. Every value is bounded: ids through
``ModelChoiceFilter`` over the user's own choices (an id outside them is invalid, and the views answer 404), text
with ``max_length``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from pegawai.akses import peran_of, perangkat_daerah_visible_to
from pegawai.models import PerangkatDaerah, UnitKerja
from pegawai.selectors.pegawai import pegawai_cari
from portal.forms import BootstrapMixin
from skp.choices import StatusRekap

from .choices import TingkatRekap
from .models import PeriodeRekap
from .selectors.rekap import (
    KOLOM_PEGAWAI,
    KOLOM_UNIT,
    Kolom,
    periode_terbaru,
    rekap_pegawai_visible_to,
    rekap_unit_visible_to,
    unit_dan_bawahannya,
    urut_pegawai,
    urut_unit,
)


class _FilterForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()


class _RekapFilterSet(django_filters.FilterSet):
    periode = django_filters.ModelChoiceFilter(
        queryset=PeriodeRekap.objects.order_by("-mulai", "jenis"), label=_("Periode"), empty_label=None
    )
    opd = django_filters.ModelChoiceFilter(
        field_name="perangkat_daerah",
        queryset=PerangkatDaerah.objects.none(),
        label=_("Perangkat daerah"),
        empty_label=_("Semua perangkat daerah"),
    )
    unit = django_filters.ModelChoiceFilter(
        method="filter_unit", queryset=UnitKerja.objects.none(), label=_("Unit kerja"), empty_label=_("Semua unit")
    )

    class Meta:
        form = _FilterForm
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        """``user`` scopes the OPD and unit choices (the page passes ``request.user``, the export job its owner).
        Without ``periode`` the latest computed month is taken, so the page and its export name the same one."""
        data = data.copy() if data is not None else {}
        self.periode_bawaan = periode_terbaru()
        if not data.get("periode") and self.periode_bawaan is not None:
            data["periode"] = str(self.periode_bawaan.pk)
        super().__init__(data, queryset, **kwargs)
        self.user = user
        roles = peran_of(user)
        # A pegawai or atasan reads their own rows and their team's: no OPD to choose among.
        self.pilih_opd = roles.melihat_semua or bool(roles.opd_dilihat)
        opds = perangkat_daerah_visible_to(user).order_by("nama") if self.pilih_opd else PerangkatDaerah.objects.none()
        self.filters["opd"].queryset = opds
        self.filters["unit"].queryset = self._unit_choices(opds)

    def _unit_choices(self, opds):
        # Units are offered for the chosen OPD only (a city has thousands), or for the user's only OPD.
        #: True when the unit list is empty because an OPD must be chosen first.
        self.unit_perlu_opd = False
        try:
            opd = forms.ModelChoiceField(queryset=opds, required=False).clean(self.data.get("opd"))
        except forms.ValidationError:
            opd = None  # the OPD filter itself says why
        if opd is None:
            opd_ids = list(opds.values_list("pk", flat=True)[:2])
            if len(opd_ids) != 1:
                self.unit_perlu_opd = self.pilih_opd
                return UnitKerja.objects.none()
            opd = opd_ids[0]
        return UnitKerja.objects.filter(perangkat_daerah=opd).order_by("nama")

    @property
    def dipilih(self) -> dict:
        """The cleaned filter values (empty when invalid)."""
        return self.form.cleaned_data if self.is_valid() else {}

    def parameter(self) -> dict[str, str]:
        """The filter as query parameters (ids as text): what the export job stores and reads again."""
        hasil = {}
        for name, value in self.dipilih.items():
            if value in (None, ""):
                continue
            hasil[name] = str(value.pk) if hasattr(value, "pk") else str(value)
        return hasil


class RekapPegawaiFilterSet(_RekapFilterSet):
    status = django_filters.ChoiceFilter(
        field_name="skp_status", choices=StatusRekap.choices, label=_("Status SKP"), empty_label=_("Semua")
    )
    q = django_filters.CharFilter(method="filter_q", label=_("Cari nama atau NIP"), max_length=100)

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(unit_kerja_id__in=unit_dan_bawahannya(unit))

    def filter_q(self, queryset, name, value):
        return pegawai_cari(queryset, value, prefix="pegawai__")


class RekapUnitFilterSet(_RekapFilterSet):
    tingkat = django_filters.ChoiceFilter(
        choices=TingkatRekap.choices, label=_("Tingkat"), empty_label=_("Semua tingkat")
    )
    q = django_filters.CharFilter(method="filter_q", label=_("Cari nama unit atau perangkat daerah"), max_length=100)

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(unit_kerja_id__in=unit_dan_bawahannya(unit))

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # A unit by its name, an OPD row by the OPD's name (the city row has neither).
        return queryset.filter(
            Q(unit_kerja__nama__icontains=value) | Q(unit_kerja__isnull=True, perangkat_daerah__nama__icontains=value)
        )


@dataclass(frozen=True)
class Tabel:
    """One of the two recap tables: how it is scoped, filtered, ordered and which columns it has. The page and the
    export job both go through :func:`tabel_terfilter`."""

    jenis: str
    judul: object
    visible_to: Callable
    filterset: type[_RekapFilterSet]
    urut: Callable
    kolom: list[Kolom]


TABEL = {
    "unit": Tabel(
        "unit",
        _("Rekap unit kerja dan perangkat daerah"),
        rekap_unit_visible_to,
        RekapUnitFilterSet,
        urut_unit,
        KOLOM_UNIT,
    ),
    "pegawai": Tabel(
        "pegawai", _("Rekap pegawai"), rekap_pegawai_visible_to, RekapPegawaiFilterSet, urut_pegawai, KOLOM_PEGAWAI
    ),
}

#: Filters whose invalid value means "outside your reach" (404) rather than a typing slip the form shows.
_DI_LUAR_JANGKAUAN = ("periode", "opd", "unit")


def tabel_terfilter(tabel: Tabel, data, user) -> tuple[_RekapFilterSet, QuerySet]:
    """``(filterset, rows)``: ``user``'s rows of ``tabel`` filtered by ``data``, in display order. No rows while a
    filter is invalid (the form says why); an OPD, unit or period outside reach raises 404."""
    filterset = tabel.filterset(data, queryset=tabel.visible_to(user), user=user)
    if not filterset.is_valid():
        if any(name in filterset.errors for name in _DI_LUAR_JANGKAUAN):
            raise Http404
        return filterset, filterset.queryset.none()
    return filterset, tabel.urut(filterset.qs)
