"""Satyalancana Karya Satya for admins (docs/ATURAN.md, "Disiplin"): on a date (today by default) and for an OPD —
an admin OPD their own, admin BKPSDM any or the whole city — who is eligible and since when (a proposal waiting more
than a year is highlighted), who becomes eligible in the next twelve months, and the awards recorded; the proposal
(usulan) as XLSX, written to the access log; and, for admin BKPSDM, recording an award from its Keppres and
correcting a record's Keppres number and date. Anyone else gets 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pegawai.akses import butuh_peran, opd_dikelola, pegawai_managed_by, peran_admin, peran_admin_bkpsdm, peran_of
from pegawai.models import PerangkatDaerah
from portal.akseslog import catat_akses
from portal.choices import JenisAkses
from portal.errors import REFUSED_STATUS, DomainError, add_to_form
from portal.forms import BootstrapMixin, TanggalField
from portal.pagination import PER_PAGE

from ..choices import TingkatSatyalancana
from ..exports_satyalancana import UsulanSatyalancanaExporter
from ..rules import TAHUN_SATYALANCANA
from ..selectors.satyalancana import akan_layak, akhir_rentang, daftar_layak, penghargaan_dalam
from ..services.satyalancana import penghargaan_catat, penghargaan_ubah

#: The three lists of the page, one shown at a time.
TAMPIL = (
    ("layak", gettext_lazy("Layak diusulkan")),
    ("akan", gettext_lazy("12 bulan ke depan")),
    ("diberikan", gettext_lazy("Sudah diberikan")),
)


class SatyalancanaForm(BootstrapMixin, forms.Form):
    """The date and the OPD of the lists. The OPD choices are the user's scope; empty means every OPD in it (the
    whole city for admin BKPSDM)."""

    per = TanggalField(label=gettext_lazy("Per tanggal"), required=False)
    opd = forms.ModelChoiceField(
        label=gettext_lazy("Perangkat daerah"),
        queryset=PerangkatDaerah.objects.none(),
        required=False,
        empty_label=gettext_lazy("Semua perangkat daerah"),
    )
    tampil = forms.ChoiceField(choices=TAMPIL, required=False)

    def __init__(self, *args, opd_ids: set[int] | None, **kwargs):
        super().__init__(*args, **kwargs)
        opds = PerangkatDaerah.objects.order_by("nama")
        self.fields["opd"].queryset = opds if opd_ids is None else opds.filter(pk__in=opd_ids)
        if opd_ids is not None and len(opd_ids) == 1:
            # One OPD administered: "every OPD in scope" is that OPD, one choice is enough.
            self.fields["opd"].empty_label = None
        self._bootstrap()


class CatatForm(BootstrapMixin, forms.Form):
    """An award to record (admin BKPSDM): the pegawai by NIP, the level and the Keppres. The service checks the
    rest and words the refusals."""

    nip = forms.CharField(label=gettext_lazy("NIP"), max_length=18)
    # Short labels: the form's column is narrow, and the full name ("Satyalancana Karya Satya X Tahun") hid the
    # level, the only part that tells the choices apart.
    tingkat = forms.ChoiceField(
        label=gettext_lazy("Tingkat"),
        choices=[
            (
                t.value,
                format_lazy(gettext_lazy("{tingkat} ({tahun} tahun)"), tingkat=t.value, tahun=TAHUN_SATYALANCANA[t]),
            )
            for t in TingkatSatyalancana
        ],
    )
    nomor_keppres = forms.CharField(label=gettext_lazy("Nomor Keppres"), max_length=100, required=False)
    tanggal_keppres = TanggalField(label=gettext_lazy("Tanggal Keppres"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self._bootstrap()

    def clean_nip(self):
        nip = self.cleaned_data["nip"].replace(" ", "")
        pegawai = pegawai_managed_by(self.user).filter(nip=nip).first()
        if pegawai is None:
            raise forms.ValidationError(_("Tidak ada pegawai dengan NIP %(nip)s.") % {"nip": nip})
        self.pegawai = pegawai
        return nip


class KoreksiForm(forms.Form):
    nomor_keppres = forms.CharField(label=gettext_lazy("Nomor Keppres"), max_length=100, required=False)
    tanggal_keppres = TanggalField(label=gettext_lazy("Tanggal Keppres"), required=False)


def _pilihan(request):
    """The form of the query string, the date (today when left empty) and the OPD ids in scope. An OPD outside
    the user's scope (a crafted URL) answers 404, as an object outside reach does everywhere."""
    lingkup = opd_dikelola(request.user)
    data = request.GET.copy()
    # The date field shows the day the list is computed for, also when the page opens without one.
    data.setdefault("per", timezone.localdate().isoformat())
    form = SatyalancanaForm(data, opd_ids=lingkup)
    if not form.is_valid():
        if "opd" in form.errors:
            raise Http404
        return form, None, None, None
    f = form.cleaned_data
    per = f["per"] or timezone.localdate()
    opd = f["opd"]
    opd_ids = {opd.pk} if opd is not None else lingkup
    return form, per, opd, opd_ids


def _lingkup(opd, opd_ids) -> str:
    if opd is not None:
        return opd.nama
    if opd_ids is None:
        return _("Semua perangkat daerah")
    return _("Perangkat daerah yang Anda kelola")


def _halaman(request, *, catat_form=None, galat=None, status=200):
    form, per, opd, opd_ids = _pilihan(request)
    bkpsdm = peran_of(request.user).admin_bkpsdm
    context = {
        "form": form,
        "bkpsdm": bkpsdm,
        "catat_form": catat_form or (CatatForm(user=request.user) if bkpsdm else None),
        "tampil_pilihan": TAMPIL,
        "galat": galat,
    }
    if per is not None:
        tampil = form.cleaned_data["tampil"] or "layak"
        layak = daftar_layak(per, opd_ids)
        akan = akan_layak(per, opd_ids)
        diberikan = penghargaan_dalam(opd_ids)
        daftar = {"layak": layak, "akan": akan, "diberikan": diberikan}[tampil]
        context.update(
            per=per,
            akhir=akhir_rentang(per),
            lingkup=_lingkup(opd, opd_ids),
            tampil=tampil,
            jumlah={"layak": len(layak), "akan": len(akan), "diberikan": diberikan.count()},
            jumlah_terlambat=sum(b.terlambat for b in layak),
            page_obj=Paginator(daftar, PER_PAGE).get_page(request.GET.get("page")),
        )
    return render(request, "disiplin/satyalancana.html", context, status=status)


@butuh_peran(peran_admin)
def satyalancana(request):
    return _halaman(request)


@butuh_peran(peran_admin)
def satyalancana_ekspor(request):
    """The usulan of the page's date and OPD as XLSX; a choice that does not hold goes back to the page."""
    form, per, opd, opd_ids = _pilihan(request)
    if per is None:
        messages.error(request, _("Pilihan belum benar; perbaiki dulu sebelum mengunduh."))
        return redirect(f"{reverse('disiplin:satyalancana')}?{request.GET.urlencode()}")
    lingkup = _lingkup(opd, opd_ids)
    kode = (opd.singkatan or opd.kode).lower().replace(" ", "-") if opd is not None else "semua-opd"
    export = UsulanSatyalancanaExporter(daftar_layak(per, opd_ids), per=per, lingkup=lingkup, kode=kode).render("xlsx")
    catat_akses(
        user=request.user,
        jenis=JenisAkses.EKSPOR,
        objek=_("Usulan Satyalancana Karya Satya per %(per)s, %(lingkup)s (XLSX)")
        % {"per": date_format(per, "j F Y"), "lingkup": lingkup},
        request=request,
        jumlah_baris=export.jumlah_baris,
    )
    response = HttpResponse(export.content, content_type=export.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def _kembali(request, tampil: str):
    query = request.GET.copy()
    query["tampil"] = tampil
    query.pop("page", None)
    return redirect(f"{reverse('disiplin:satyalancana')}?{query.urlencode()}")


@butuh_peran(peran_admin_bkpsdm)
@require_POST
def satyalancana_catat(request):
    """Record an award; the page's filters travel in the query string, so a refusal shows the same lists again."""
    form = CatatForm(request.POST, user=request.user)
    if form.is_valid():
        f = form.cleaned_data
        try:
            penghargaan = penghargaan_catat(
                actor=request.user,
                pegawai=form.pegawai,
                tingkat=f["tingkat"],
                nomor_keppres=f["nomor_keppres"],
                tanggal_keppres=f["tanggal_keppres"],
            )
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request,
                _("%(tingkat)s untuk %(nama)s dicatat.")
                % {"tingkat": penghargaan.get_tingkat_display(), "nama": form.pegawai.nama_lengkap},
            )
            return _kembali(request, "diberikan")
    return _halaman(request, catat_form=form, status=REFUSED_STATUS)


@butuh_peran(peran_admin_bkpsdm)
@require_POST
def satyalancana_ubah(request, pk: int):
    """Correct a record's Keppres number and date; a refusal shows the page again with the reason (422)."""
    penghargaan = get_object_or_404(penghargaan_dalam(None), pk=pk)
    form = KoreksiForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(" ".join(e for errs in form.errors.values() for e in errs))
        penghargaan_ubah(
            actor=request.user,
            penghargaan=penghargaan,
            nomor_keppres=form.cleaned_data["nomor_keppres"],
            tanggal_keppres=form.cleaned_data["tanggal_keppres"],
        )
    except DomainError as exc:
        return _halaman(request, galat=exc, status=REFUSED_STATUS)
    messages.success(
        request,
        _("Keppres %(tingkat)s untuk %(nama)s diperbaiki.")
        % {"tingkat": penghargaan.get_tingkat_display(), "nama": penghargaan.pegawai.nama_lengkap},
    )
    return _kembali(request, "diberikan")
