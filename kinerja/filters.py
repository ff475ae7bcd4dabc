"""Filters of the kinerja admin lists. A value the filter cannot use (an OPD outside the list, a number written
with superscript digits) is left out of the filtering and shown as an error beside its field, never handed to
the database."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from pegawai.models import PerangkatDaerah, UnitKerja
from pegawai.selectors.pegawai import pegawai_cari

from .forms import WidgetForm
from .models import BukaKunci

#: A search box (the browser's own clear button).
CARI = forms.TextInput(attrs={"type": "search"})


class HariKerjaFilterSet(django_filters.FilterSet):
    """The units on the week-length page: by OPD (among ``opd_qs``, those the admin manages) and by name."""

    opd = django_filters.ModelChoiceFilter(
        field_name="perangkat_daerah",
        queryset=PerangkatDaerah.objects.none(),
        label=_("Perangkat daerah"),
        empty_label=_("Semua perangkat daerah"),
    )
    q = django_filters.CharFilter(
        field_name="nama", lookup_expr="icontains", label=_("Cari unit kerja"), widget=CARI, max_length=100
    )

    class Meta:
        model = UnitKerja
        form = WidgetForm
        fields: list[str] = []

    def __init__(self, data=None, *args, opd_qs=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["opd"].queryset = opd_qs if opd_qs is not None else PerangkatDaerah.objects.none()


class BukaKunciFilterSet(django_filters.FilterSet):
    """The reopenings listed on the reopening page, by the pegawai's name or NIP."""

    q = django_filters.CharFilter(method="filter_q", label=_("Cari nama atau NIP"), widget=CARI, max_length=100)

    class Meta:
        model = BukaKunci
        form = WidgetForm
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        return pegawai_cari(queryset, value, prefix="pegawai__")
