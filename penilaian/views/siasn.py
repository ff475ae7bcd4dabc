"""The SIASN export for admins (docs/ATURAN.md, "Kode SIASN"): pick the upload (annual ``skp22`` or periodic
``kinerjaperiodik``), the period and the OPD (admin BKPSDM may take the whole city), see how many rows can be
uploaded and which cannot and why, and download the rows as XLSX or JSON. Admin BKPSDM and admin OPD (their own
OPD) only; anyone else gets 404. Every download is written to the access log."""

from __future__ import annotations

from collections import Counter

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pegawai.akses import butuh_peran, opd_dikelola, peran_admin
from portal.akseslog import catat_akses
from portal.choices import JenisAkses
from portal.forms import BootstrapMixin
from portal.pagination import paginate

from ..exports import FORMAT_SIASN, SiasnExporter
from ..selectors.periode import periode_semua
from ..selectors.siasn import JenisEksporSiasn, ekspor_siasn, jenis_untuk, opd_siasn_untuk


class SiasnForm(BootstrapMixin, forms.Form):
    """What to export. The OPD choices are the user's scope (:func:`opd_siasn_untuk`); an empty OPD means the whole
    city and is offered to admin BKPSDM only."""

    jenis = forms.ChoiceField(label=gettext_lazy("Jenis ekspor"), choices=JenisEksporSiasn.choices)
    periode = forms.ModelChoiceField(
        label=gettext_lazy("Periode"), queryset=None, empty_label=gettext_lazy("Pilih periode")
    )
    opd = forms.ModelChoiceField(
        label=gettext_lazy("Perangkat daerah"), queryset=None, empty_label=gettext_lazy("Semua perangkat daerah")
    )

    def __init__(self, *args, opd_queryset, semua_opd: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].queryset = periode_semua()
        self.fields["opd"].queryset = opd_queryset
        self.fields["opd"].required = not semua_opd
        if not semua_opd:
            self.fields["opd"].empty_label = None
        self._bootstrap()

    def clean(self):
        data = super().clean()
        periode, jenis = data.get("periode"), data.get("jenis")
        if periode is not None and jenis and jenis_untuk(periode) != jenis:
            if jenis == JenisEksporSiasn.SKP22:
                pesan = _("Ekspor tahunan (skp22) memerlukan periode tahunan; %(periode)s adalah periode periodik.")
            else:
                pesan = _("Ekspor periodik (kinerjaperiodik) memerlukan periode bulanan, triwulanan, atau semesteran.")
            self.add_error("periode", pesan % {"periode": periode.nama})
        return data


class SiasnUnduhForm(SiasnForm):
    format = forms.ChoiceField(choices=[(f, f.upper()) for f in FORMAT_SIASN])


def _form(request, form_class):
    """The form of the request, with the OPD of an admin OPD filled in when left empty. An OPD outside the user's
    scope (a crafted URL) answers 404, as an object outside reach does everywhere."""
    opds = opd_siasn_untuk(request.user)
    semua_opd = opd_dikelola(request.user) is None
    kwargs = {"opd_queryset": opds, "semua_opd": semua_opd}
    if "periode" not in request.GET and form_class is SiasnForm:
        # First visit: nothing chosen yet; propose the newest period and the admin's OPD.
        periode = periode_semua().first()
        initial = {"opd": None if semua_opd else opds.first()}
        if periode is not None:
            initial.update(periode=periode, jenis=jenis_untuk(periode))
        return form_class(initial=initial, **kwargs)
    data = request.GET.copy()
    if not semua_opd and not data.get("opd"):
        pertama = opds.first()
        data["opd"] = str(pertama.pk) if pertama else ""
    form = form_class(data, **kwargs)
    if not form.is_valid() and "opd" in form.errors:
        raise Http404
    return form


def _lingkup(opd) -> str:
    return opd.nama if opd is not None else _("Semua perangkat daerah")


@butuh_peran(peran_admin)
def siasn(request):
    """The export page: the form, the counts, the refused rows with their reasons (paginated), the downloads."""
    form = _form(request, SiasnForm)
    data = None
    context = {"form": form}
    if form.is_bound and form.is_valid():
        f = form.cleaned_data
        data = ekspor_siasn(f["periode"], f["opd"])
        context.update(
            data=data,
            lingkup=_lingkup(f["opd"]),
            page_obj=paginate(request, data.ditolak),
            ringkasan=Counter(d.alasan for d in data.ditolak).most_common(),
        )
    return render(request, "penilaian/siasn.html", context)


@butuh_peran(peran_admin)
def siasn_unduh(request):
    """The file of the page's choice (``format=xlsx|json``); a choice that does not hold goes back to the page."""
    form = _form(request, SiasnUnduhForm)
    if not form.is_valid():
        messages.error(request, _("Pilihan ekspor belum benar; perbaiki dulu sebelum mengunduh."))
        query = request.GET.copy()
        query.pop("format", None)
        return redirect(f"{reverse('penilaian:siasn')}?{query.urlencode()}")
    f = form.cleaned_data
    data = ekspor_siasn(f["periode"], f["opd"])
    export = SiasnExporter(data).render(f["format"])
    catat_akses(
        user=request.user,
        jenis=JenisAkses.EKSPOR,
        objek=_("Ekspor SIASN %(jenis)s %(periode)s, %(lingkup)s (%(format)s)")
        % {
            "jenis": data.jenis,
            "periode": data.periode.nama,
            "lingkup": _lingkup(f["opd"]),
            "format": f["format"].upper(),
        },
        request=request,
        jumlah_baris=export.jumlah_baris,
    )
    response = HttpResponse(export.content, content_type=export.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
