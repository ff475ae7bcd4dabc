"""Forms of the evaluation pages (the pegawai's realisasi and evidence, the team sheet's filter, the rating page and
its live fragments). Every request parameter is read through one of these; the services word the refusals."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kinerja.berkas import FOTO
from kinerja.forms import TERIMA_BERKAS
from portal.forms import BootstrapMixin, IdField, form_helper

from .choices import Predikat, Rating
from .selectors.tim import KEADAAN

RATING = [(r.value, r.label) for r in Rating]
TERIMA_GAMBAR = ",".join(sorted({f".{e}" for j in FOTO for e in j.ekstensi_sah} | {j.mimetype for j in FOTO}))
LINGKUP_KEPALA_DAERAH = "kepala_daerah"


def _area(rows: int = 2, **attrs) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **attrs})


class TimFilterForm(BootstrapMixin, forms.Form):
    """The team sheet's filter bar (GET): name or NIP, state, predikat; admin BKPSDM also picks the scope."""

    q = forms.CharField(label=_("Cari nama atau NIP"), required=False, max_length=100)
    keadaan = forms.ChoiceField(label=_("Status"), choices=[("", _("Semua status")), *KEADAAN], required=False)
    predikat = forms.TypedChoiceField(
        label=_("Predikat"),
        choices=[("", _("Semua predikat")), *Predikat.choices],
        coerce=int,
        required=False,
        empty_value=None,
    )
    lingkup = forms.ChoiceField(
        label=_("Lingkup"),
        choices=[("", _("Pegawai yang saya nilai")), (LINGKUP_KEPALA_DAERAH, _("a.n. Kepala Daerah"))],
        required=False,
    )

    def __init__(self, *args, admin_bkpsdm: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not admin_bkpsdm:
            del self.fields["lingkup"]
        self._bootstrap()


class SiapkanForm(forms.Form):
    """ "Siapkan evaluasi": the pegawai's SKP and the open period (both resolved within their reach)."""

    skp = IdField()
    periode = IdField()


class RealisasiForm(forms.Form):
    helper = form_helper("realisasi", "alasan")

    # Not required here: the service words the refusal of an empty realisasi or a missing reason.
    realisasi = forms.CharField(label=_("Realisasi"), required=False, max_length=4000, widget=_area(3))
    alasan = forms.CharField(
        label=_("Alasan mengubah (wajib bila berbeda dari catatan aktivitas)"),
        required=False,
        max_length=2000,
        widget=_area(2),
    )


class BuktiEvaluasiForm(forms.Form):
    """One piece of evidence: a file, or a link with an optional title."""

    helper = form_helper("berkas", "url", "judul")

    berkas = forms.FileField(
        label=_("Berkas (PDF, JPG, PNG, DOCX, XLSX)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": TERIMA_BERKAS}),
    )
    url = forms.CharField(
        label=_("atau tautan"),
        required=False,
        max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
    )
    judul = forms.CharField(label=_("Judul (opsional)"), required=False, max_length=255)


class AlasanForm(forms.Form):
    helper = form_helper("alasan")

    # Not required here: the service words the refusal of an empty reason.
    alasan = forms.CharField(label=_("Alasan"), required=False, max_length=2000, widget=_area(2))


class PredikatForm(forms.Form):
    """The ratings picked so far on the rating page (the live predikat and distribution fragments)."""

    rating_hasil = forms.TypedChoiceField(choices=RATING, coerce=int, required=False, empty_value=None)
    rating_perilaku = forms.TypedChoiceField(choices=RATING, coerce=int, required=False, empty_value=None)


class DistribusiForm(PredikatForm):
    """The distribution panel "as if saved": the evaluation being rated and its pick (a predikat, or both
    ratings)."""

    evaluasi = IdField(required=False)
    predikat = forms.TypedChoiceField(choices=Predikat.choices, coerce=int, required=False, empty_value=None)


class NilaiForm(forms.Form):
    """The rating page: feedback per RHK (text and an optional image) and per BerAKHLAK value, both ratings and
    a note. Fields are named after the service's arguments (``umpan_balik_<EvaluasiRhk id>``,
    ``perilaku_<PerilakuKerja id>``) so its refusals land beside them. The page lays out the per-RHK and
    per-value fields itself; the helper renders the note only."""

    helper = form_helper("catatan")

    rating_hasil = forms.TypedChoiceField(
        label=_("Rating hasil kerja"), choices=RATING, coerce=int, required=False, widget=forms.RadioSelect
    )
    rating_perilaku = forms.TypedChoiceField(
        label=_("Rating perilaku kerja"), choices=RATING, coerce=int, required=False, widget=forms.RadioSelect
    )
    catatan = forms.CharField(
        label=_("Catatan pejabat penilai (opsional)"), required=False, max_length=4000, widget=_area(2)
    )

    def __init__(self, *args, rhk=(), perilaku=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rhk_ids = [er.pk for er in rhk]
        self.perilaku_ids = [p.pk for p in perilaku]
        for er in rhk:
            self.fields[f"umpan_balik_{er.pk}"] = forms.CharField(
                label=_("Umpan balik"), required=False, max_length=4000, widget=_area(2), initial=er.umpan_balik
            )
            self.fields[f"gambar_{er.pk}"] = forms.FileField(
                label=_("Gambar (opsional, JPEG/PNG)"),
                required=False,
                widget=forms.FileInput(attrs={"accept": TERIMA_GAMBAR}),
            )
            self.fields[f"hapus_gambar_{er.pk}"] = forms.BooleanField(label=_("Hapus gambar"), required=False)
        for p in perilaku:
            self.fields[f"perilaku_{p.pk}"] = forms.CharField(
                label=p.nama, required=False, max_length=4000, widget=_area(2), initial=getattr(p, "teks", "")
            )

    def umpan_balik(self) -> dict[int, str]:
        return {pk: self.cleaned_data.get(f"umpan_balik_{pk}", "") for pk in self.rhk_ids}

    def umpan_balik_perilaku(self) -> dict[int, str]:
        return {pk: self.cleaned_data.get(f"perilaku_{pk}", "") for pk in self.perilaku_ids}

    def gambar(self) -> dict[int, object]:
        """``{EvaluasiRhk id: file or None}`` for the images to replace (a file) or remove (``None``)."""
        hasil = {}
        for pk in self.rhk_ids:
            if self.cleaned_data.get(f"gambar_{pk}"):
                hasil[pk] = self.cleaned_data[f"gambar_{pk}"]
            elif self.cleaned_data.get(f"hapus_gambar_{pk}"):
                hasil[pk] = None
        return hasil
