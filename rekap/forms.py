"""Forms of the recap period pages; every field bounded (mangbagja/tests/test_masukan.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import BootstrapMixin, IdField

from .choices import JenisPeriodeRekap, StatusPeriodeRekap
from .services.periode import MAKS_ALASAN

TAHUN_MIN, TAHUN_MAKS = 2000, 2100


class PeriodeFilterForm(BootstrapMixin, forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis"), required=False, choices=[("", _("Semua"))] + JenisPeriodeRekap.choices)
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=TAHUN_MIN, max_value=TAHUN_MAKS)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua"))] + StatusPeriodeRekap.choices
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()


class PeriodeForm(BootstrapMixin, forms.Form):
    """Which period to compute: a month 1–12, a quarter 1–4, a semester 1–2 or the year (1)."""

    jenis = forms.ChoiceField(label=_("Jenis"), choices=JenisPeriodeRekap.choices)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=TAHUN_MIN, max_value=TAHUN_MAKS)
    nomor = forms.IntegerField(
        label=_("Nomor"), min_value=1, max_value=12, help_text=_("Bulan 1–12, triwulan 1–4, semester 1–2, tahun 1.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()


class BukaForm(BootstrapMixin, forms.Form):
    alasan = forms.CharField(
        label=_("Alasan membuka kembali"), max_length=MAKS_ALASAN, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()


class PantauForm(forms.Form):
    """The job the period page's poll is watching (``?pantau=``): once it has ended the page reloads whole."""

    pantau = IdField(required=False)
