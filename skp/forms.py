"""Forms of the SKP pages. They only parse what the user typed; every rule (required text, target range,
cascading, state) is checked by ``skp.services`` and its :class:`~skp.errors.SkpError` is put back on the form
with :func:`portal.errors.add_to_form`, so a rule and its message live in one place. Each form rendered with
``{% crispy form %}`` declares its layout here (portal/forms.py)."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import HTML, Field, Fieldset, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from pegawai.models import PerangkatDaerah, UnitKerja
from portal.forms import BootstrapMixin, IdField, TanggalField, When, form_helper

from .choices import AcuanRhkJpt, Aspek, JenisLampiran, JenisRhk, Pendekatan, Perspektif, StatusRekap
from .models import (
    EkspektasiKhusus,
    IndikatorKinerjaIndividu,
    LampiranItem,
    PerilakuKerja,
    RencanaHasilKerja,
    Skp,
    SkpRiwayat,
)


def _teks(label, kolom, rows=2, help_text="", **attrs):
    """A textarea bounded by the model column ``kolom`` it is stored in (its ``max_length``, one number for the form,
    the admin and the model)."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=kolom.field.max_length,
        widget=forms.Textarea(attrs={"rows": rows, **attrs}),
        strip=True,
        help_text=help_text,
    )


#: The two dates of an SKP's period, side by side from small screens up.
_PERIODE = Row(
    Field("tanggal_mulai", wrapper_class="col-12 col-sm-6"),
    Field("tanggal_selesai", wrapper_class="col-12 col-sm-6"),
    css_class="g-2",
)


class SkpPendekatanForm(forms.Form):
    """The quick start of an SKP on the year page: only the approach (the whole year as its period)."""

    helper = form_helper(InlineRadios("pendekatan"))

    pendekatan = forms.ChoiceField(
        label=_("Pendekatan hasil kerja"),
        choices=Pendekatan.choices,
        initial=Pendekatan.KUANTITATIF,
        widget=forms.RadioSelect,
        help_text=_("Kuantitatif: setiap indikator punya target angka dan satuan. Kualitatif: ukuran keberhasilan."),
    )


class SkpBuatForm(SkpPendekatanForm):
    """Start an SKP: the approach and, after a mid-year transfer, the period (empty: the whole year)."""

    helper = form_helper(
        InlineRadios("pendekatan"),
        Fieldset(_("Periode SKP"), HTML('{% include "skp/_periode_petunjuk.html" %}'), _PERIODE),
    )

    tanggal_mulai = TanggalField(label=_("Periode mulai"), required=False)
    tanggal_selesai = TanggalField(label=_("Periode selesai"), required=False)


class SkpPengaturanForm(SkpBuatForm):
    """Change the approach or the period of a draft."""

    helper = form_helper(InlineRadios("pendekatan"), _PERIODE)

    tanggal_mulai = TanggalField(label=_("Periode mulai"))
    tanggal_selesai = TanggalField(label=_("Periode selesai"))


class RhkForm(forms.Form):
    """One RHK. ``intervensi`` is the id of the atasan's RHK; the page lists the choices with their full text and
    the service decides whether the chosen one may be intervened (so a crafted id gets the rule's message).
    ``jenis`` is written by the page; perspective and reference are asked of a JPT only (``jpt`` in the page)."""

    helper = form_helper(
        "teks",
        HTML('{% include "skp/_rhk_intervensi.html" %}'),
        When(
            "jpt",
            Row(
                Field("perspektif", wrapper_class="col-12 col-sm-6"),
                Field("acuan_jenis", wrapper_class="col-12 col-sm-6"),
                css_class="g-2",
            ),
            "acuan",
        ),
    )

    jenis = forms.ChoiceField(choices=JenisRhk.choices, widget=forms.HiddenInput)
    teks = _teks(_("Rencana hasil kerja"), RencanaHasilKerja.teks, rows=2)
    intervensi = IdField(required=False)
    perspektif = forms.ChoiceField(
        label=_("Perspektif"), required=False, choices=[("", _("— pilih perspektif —")), *Perspektif.choices]
    )
    acuan_jenis = forms.ChoiceField(
        label=_("Jenis acuan"), required=False, choices=[("", _("— pilih jenis acuan —")), *AcuanRhkJpt.choices]
    )
    acuan = _teks(_("Acuan (sasaran Perjanjian Kinerja / Renstra / penugasan)"), RencanaHasilKerja.acuan, rows=2)

    def clean_intervensi(self):
        pk = self.cleaned_data.get("intervensi")
        if pk is None:
            return None
        rhk = RencanaHasilKerja.objects.select_related("skp").filter(pk=pk).first()
        if rhk is None:
            raise forms.ValidationError(_("RHK atasan yang dipilih tidak ditemukan. Pilih dari daftar."))
        return rhk


class IkiForm(forms.Form):
    """One IKI. Targets are typed the Indonesian way ("12,5"); the service parses and checks them. A qualitative
    SKP (``kualitatif`` in the page) asks for success measures instead of a target; a JPT's IKI has no aspect."""

    helper = form_helper(
        "teks",
        When("kualitatif", "ukuran_keberhasilan"),
        When(
            "not kualitatif",
            Row(
                When("not jpt", Field("aspek", wrapper_class="col-12 col-sm-6 col-lg-3")),
                Field("target_min", wrapper_class="col-6 col-sm-3 col-lg-2"),
                Field("target_max", wrapper_class="col-6 col-sm-3 col-lg-3"),
                Field("satuan", wrapper_class="col-12 col-sm-6 col-lg-4"),
                css_class="g-2",
            ),
        ),
    )

    teks = _teks(_("Indikator kinerja individu"), IndikatorKinerjaIndividu.teks, rows=2)
    aspek = forms.ChoiceField(label=_("Aspek"), required=False, choices=[("", _("— pilih aspek —")), *Aspek.choices])
    target_min = forms.CharField(
        label=_("Target"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    target_max = forms.CharField(
        label=_("Sampai (opsional)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("Isi bila targetnya rentang, mis. 90 sampai 100."),
    )
    satuan = forms.CharField(
        label=_("Satuan"), required=False, max_length=50, widget=forms.TextInput(attrs={"placeholder": _("laporan")})
    )
    ukuran_keberhasilan = _teks(
        _("Ukuran keberhasilan"),
        IndikatorKinerjaIndividu.ukuran_keberhasilan,
        rows=3,
        help_text=_("Tulis satu ukuran keberhasilan per baris."),
    )


class LampiranForm(forms.Form):
    helper = form_helper("teks")

    jenis = forms.ChoiceField(choices=JenisLampiran.choices, widget=forms.HiddenInput)
    teks = _teks(_("Isi"), LampiranItem.teks, rows=2)


class PindahForm(forms.Form):
    arah = forms.ChoiceField(choices=[("naik", "naik"), ("turun", "turun")])


class KembalikanForm(forms.Form):
    helper = form_helper("catatan")

    catatan = _teks(_("Catatan untuk pegawai"), SkpRiwayat.catatan, rows=4)


class PerubahanForm(forms.Form):
    helper = form_helper("alasan")

    alasan = _teks(
        _("Alasan perubahan"),
        Skp.alasan_perubahan,
        rows=2,
        help_text=_("Wajib diisi; dicetak pada catatan versi dokumen SKP yang baru."),
    )


class PeranHasilForm(forms.Form):
    """The inline select of the Matriks Peran Hasil (skp/_mph_peran.html writes it); the service checks the choice.
    ``unit`` is the MPH page to go back to without htmx."""

    peran = forms.CharField(required=False, max_length=RencanaHasilKerja.peran_hasil.field.max_length)
    unit = IdField(required=False)


class EkspektasiForm(forms.Form):
    """The page writes its small textarea itself (skp/_ekspektasi.html)."""

    perilaku = forms.ModelChoiceField(queryset=PerilakuKerja.objects.all(), widget=forms.HiddenInput)
    teks = _teks(_("Ekspektasi khusus pimpinan"), EkspektasiKhusus.teks, rows=2)


class TahunForm(forms.Form):
    """The year a page shows (``?tahun=``, or a posted ``tahun``)."""

    tahun = forms.IntegerField(min_value=2000, max_value=2100)


class LingkupForm(forms.Form):
    """The OPD and unit a recap page shows, among those the user may read (``opds``, ``units``). An id outside them,
    or not an id at all, is not valid: the page answers 404, as for any object outside the user's reach."""

    opd = forms.ModelChoiceField(queryset=PerangkatDaerah.objects.none(), required=False)
    unit = forms.ModelChoiceField(queryset=UnitKerja.objects.none(), required=False)

    def __init__(self, data, *, opds, units=None):
        super().__init__(data)
        self.fields["opd"].queryset = opds
        self.fields["unit"].queryset = units if units is not None else UnitKerja.objects.none()


class NominatifFilterForm(BootstrapMixin, forms.Form):
    """Filters of the daftar nominatif (a filter bar of bare widgets). The OPD and unit choices are limited to the
    user's reach by the view."""

    #: The value of the "every OPD" choice, offered to those who read every OPD (admin BKPSDM, city pimpinan).
    SEMUA_OPD = "semua"

    opd = forms.ChoiceField(label=_("Perangkat daerah"))
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status SKP"), required=False, choices=[("", _("Semua status")), *StatusRekap.choices]
    )
    unit = forms.ModelChoiceField(
        queryset=None, label=_("Unit kerja"), required=False, empty_label=_("Semua unit kerja")
    )
    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100)
    terlambat = forms.BooleanField(label=_("Hanya SKP yang terlambat"), required=False)

    def __init__(self, *args, opd_queryset, unit_queryset, semua_opd: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        semua = [(self.SEMUA_OPD, _("Semua perangkat daerah"))] if semua_opd else []
        self.fields["opd"].choices = semua + [(str(o.pk), o.nama) for o in opd_queryset]
        self.fields["unit"].queryset = unit_queryset
        self._bootstrap()
