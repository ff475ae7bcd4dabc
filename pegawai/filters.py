"""The pegawai list filter. The list page and its export use this same FilterSet on the same scoped queryset,
so an export contains exactly the rows shown (CONVENTIONS.md, "export what you see")."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import BootstrapMixin

from .akses import pegawai_of, perangkat_daerah_visible_to
from .atasan import bawahan_langsung
from .choices import JenisJabatan, StatusPegawai
from .models import PerangkatDaerah, UnitKerja
from .selectors.pegawai import pegawai_cari

AKTIF_CHOICES = [("ya", _("Aktif")), ("tidak", _("Tidak aktif (pensiun/mutasi)")), ("semua", _("Semua"))]


class PegawaiFilterForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()


class PegawaiFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Cari nama atau NIP"), max_length=100)
    opd = django_filters.ModelChoiceFilter(
        field_name="jabatan__unit_kerja__perangkat_daerah",
        queryset=PerangkatDaerah.objects.none(),
        label=_("Perangkat daerah"),
        empty_label=_("Semua perangkat daerah"),
    )
    unit = django_filters.ModelChoiceFilter(
        method="filter_unit",
        queryset=UnitKerja.objects.none(),
        label=_("Unit kerja"),
        empty_label=_("Semua unit kerja"),
    )
    jenis_jabatan = django_filters.ChoiceFilter(
        field_name="jabatan__jenis", choices=JenisJabatan.choices, label=_("Jenis jabatan"), empty_label=_("Semua")
    )
    status = django_filters.ChoiceFilter(
        choices=StatusPegawai.choices, label=_("Status kepegawaian"), empty_label=_("Semua")
    )
    aktif = django_filters.ChoiceFilter(
        method="filter_aktif", choices=AKTIF_CHOICES, label=_("Keaktifan"), empty_label=None
    )
    lingkup = django_filters.ChoiceFilter(
        method="filter_lingkup",
        choices=[("bawahan", _("Bawahan langsung saya"))],
        label=_("Tampilkan"),
        empty_label=_("Semua yang dapat saya lihat"),
    )

    class Meta:
        form = PegawaiFilterForm
        fields: list[str] = []

    def __init__(self, data=None, *args, request=None, **kwargs):
        # Retired and transferred-out pegawai are hidden unless asked for: they are noise in day-to-day work,
        # and an export must follow the same default as the screen.
        if data is not None and not data.get("aktif"):
            data = data.copy()
            data["aktif"] = "ya"
        super().__init__(data, *args, request=request, **kwargs)
        user = request.user
        self.me = pegawai_of(user)
        opds = perangkat_daerah_visible_to(user).order_by("nama")
        self.filters["opd"].queryset = opds
        self.filters["unit"].queryset = self._unit_choices(opds)
        if self.me is None:
            # "Bawahan langsung saya" means nothing for a login without a pegawai (a pure admin account).
            del self.filters["lingkup"]

    def _unit_choices(self, opds):
        # A city has thousands of units; offering them all in one drop-down is unusable on a phone, so units are
        # offered for the chosen OPD only (or for the user's only OPD).
        #: True when the unit list is empty because an OPD must be chosen first (the page shows a hint).
        self.unit_perlu_opd = False
        try:
            opd = forms.ModelChoiceField(queryset=opds, required=False).clean(self.data.get("opd"))
        except forms.ValidationError:
            opd = None  # the OPD filter itself shows why
        if opd is not None:
            return UnitKerja.objects.filter(perangkat_daerah=opd).order_by("nama")
        opd_ids = list(opds.values_list("pk", flat=True)[:2])
        if len(opd_ids) == 1:
            return UnitKerja.objects.filter(perangkat_daerah_id=opd_ids[0]).order_by("nama")
        self.unit_perlu_opd = True
        return UnitKerja.objects.none()

    def filter_q(self, queryset, name, value):
        return pegawai_cari(queryset, value)

    def filter_unit(self, queryset, name, unit):
        # A bidang includes its seksi: collect the chosen unit and every unit below it (one query, tree in Python).
        rows = UnitKerja.objects.filter(perangkat_daerah_id=unit.perangkat_daerah_id).values_list("pk", "parent_id")
        children: dict[int, list[int]] = {}
        for pk, parent_id in rows:
            children.setdefault(parent_id, []).append(pk)
        ids, stack = set(), [unit.pk]
        while stack:
            current = stack.pop()
            if current in ids:
                continue
            ids.add(current)
            stack.extend(children.get(current, []))
        return queryset.filter(jabatan__unit_kerja_id__in=ids)

    def filter_aktif(self, queryset, name, value):
        if value == "ya":
            return queryset.filter(aktif=True)
        if value == "tidak":
            return queryset.filter(aktif=False)
        return queryset

    def filter_lingkup(self, queryset, name, value):
        if value == "bawahan" and self.me is not None:
            return queryset.filter(pk__in=bawahan_langsung(self.me).values("pk"))
        return queryset
