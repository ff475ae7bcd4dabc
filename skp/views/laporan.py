"""The recaps: the Matriks Peran Hasil of a unit (where the pejabat penilai also records each bawahan RHK's role
in the result), and the daftar nominatif of an OPD with its export (the export holds exactly the filtered rows the
page shows)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pegawai.akses import butuh_peran, mengelola_opd, pegawai_of, peran_admin_atau_pimpinan, peran_of
from pegawai.atasan import jabatan_dipegang
from pegawai.models import Pegawai, PerangkatDaerah, UnitKerja
from pegawai.selectors.pegawai import pegawai_cari
from portal.akseslog import catat_akses
from portal.choices import JenisAkses
from portal.errors import REFUSED_STATUS
from portal.exports import FORMATS
from portal.pagination import paginate

from ..choices import PeranHasil, StatusRekap
from ..errors import SkpError
from ..exports import DaftarNominatifExporter
from ..forms import LingkupForm, NominatifFilterForm, PeranHasilForm
from ..models import RencanaHasilKerja
from ..selectors.mph import matriks_peran_hasil, unit_mph_visible_to
from ..selectors.nominatif import daftar_nominatif, jumlah_terlambat, opd_nominatif_visible_to, rekap_status
from ..services.peran_hasil import peran_hasil_set
from .base import PENILAI_ATASAN, berkode, daftar_tahun, peran_penilai, skp_terlihat, tahun_diminta

# --- Matriks Peran Hasil ---------------------------------------------------------------------------------------


@login_required
def mph(request):
    """The Matriks Peran Hasil of one unit and year, among the units the user may read."""
    units = unit_mph_visible_to(request.user)
    opd_ids = list(units.order_by().values_list("perangkat_daerah_id", flat=True).distinct())
    if not opd_ids:
        raise Http404
    opd_qs = PerangkatDaerah.objects.filter(pk__in=opd_ids).order_by("nama")
    opds = list(opd_qs)
    lingkup = LingkupForm(request.GET, opds=opd_qs, units=units.select_related("perangkat_daerah"))
    if not lingkup.is_valid():
        raise Http404
    unit = lingkup.cleaned_data["unit"]
    opd = unit.perangkat_daerah if unit is not None else lingkup.cleaned_data["opd"]
    if unit is None:
        unit = _unit_awal(request.user, units, opd)
        opd = unit.perangkat_daerah
    unit_pilihan = list(units.filter(perangkat_daerah=opd).order_by("nama"))
    tahun = tahun_diminta(request)
    me = pegawai_of(request.user)
    matriks = []
    for m in matriks_peran_hasil(unit, tahun):
        urut = {r.pk: i for i, r in enumerate(berkode([b.rhk for b in m.baris]))}
        baris = []
        for b in sorted(m.baris, key=lambda b: urut[b.rhk.pk]):
            sel = [b.sel.get(k.pegawai.pk, []) for k in m.bawahan]
            baris.append({"b": b, "sel": sel, "isi": [(k, rhk) for k, rhk in zip(m.bawahan, sel, strict=True) if rhk]})
        matriks.append(
            {
                "m": m,
                "baris": baris,
                "rhk_lain": [k for k in m.bawahan if k.rhk_lain],
                "tanpa_intervensi": [k for k in m.bawahan if k.tanpa_intervensi],
                # The leader rates the bawahan of their matrix, so they record the roles (the service checks
                # each SKP's pejabat penilai again).
                "boleh_catat": me is not None and me.pk == m.atasan.pk,
            }
        )
    return render(
        request,
        "skp/mph.html",
        {
            "unit": unit,
            "opd": opd,
            "opds": opds,
            "unit_pilihan": unit_pilihan,
            "tahun": tahun,
            "daftar_tahun": daftar_tahun(tahun),
            "matriks": matriks,
            "peran": PeranHasil,
        },
    )


@login_required
@require_POST
def peran_hasil(request, pk: int, rhk_pk: int):
    """The pejabat penilai records the role of a bawahan RHK in their result (the MPH's inline select): htmx gets
    the RHK's role control back, a plain POST the MPH again. Anyone but the SKP's pejabat penilai: 404."""
    skp = skp_terlihat(request, pk)
    if peran_penilai(request.user, skp) != PENILAI_ATASAN:
        raise Http404
    rhk = get_object_or_404(RencanaHasilKerja, pk=rhk_pk, skp=skp)
    form = PeranHasilForm(request.POST)
    form.is_valid()
    galat = None
    try:
        peran_hasil_set(actor=pegawai_of(request.user), rhk=rhk, peran=form.cleaned_data.get("peran", ""))
    except SkpError as exc:
        galat = exc
    if request.htmx:
        return render(
            request,
            "skp/_mph_peran.html",
            {"r": rhk, "boleh_catat": True, "peran": PeranHasil, "galat": galat, "tersimpan": galat is None},
            status=REFUSED_STATUS if galat else 200,
        )
    if galat:
        messages.error(request, galat.message)
    else:
        messages.success(request, _("Peran hasil “%(teks)s” sudah disimpan.") % {"teks": rhk.teks})
    query = {"tahun": skp.tahun}
    if form.cleaned_data.get("unit"):
        query["unit"] = form.cleaned_data["unit"]
    return redirect(f"{reverse('skp:mph')}?{urlencode(query)}")


def _unit_awal(user, units, opd: PerangkatDaerah | None) -> UnitKerja:
    """The unit shown first: the one the user leads, else the first of the chosen (or first) OPD."""
    me = pegawai_of(user)
    qs = units.select_related("perangkat_daerah")
    if opd is not None:
        qs = qs.filter(perangkat_daerah=opd)
    if me is not None:
        milik = qs.filter(jabatan__pk__in=jabatan_dipegang(me)).order_by("nama").first()
        if milik is not None:
            return milik
    pertama = qs.order_by("perangkat_daerah__nama", "nama").first()
    if pertama is None:
        raise Http404
    return pertama


# --- Daftar nominatif ----------------------------------------------------------------------------------------


@dataclass
class Nominatif:
    form: NominatifFilterForm
    #: ``None``: every OPD (the "Semua perangkat daerah" choice of those who read them all).
    opd: PerangkatDaerah | None
    tahun: int
    rows: object
    rekap: dict[str, int]
    #: Pegawai with a late SKP among the rows before the status and "terlambat" filters (like ``rekap``).
    terlambat: int = 0

    @property
    def nama_opd(self) -> str:
        return self.opd.nama if self.opd is not None else _("Semua perangkat daerah")


def _nominatif(request) -> Nominatif:
    """The scoped, filtered daftar nominatif shared by the page and its export (export what you see)."""
    opds = opd_nominatif_visible_to(request.user).order_by("nama")
    # Those who read every OPD (admin BKPSDM, city pimpinan) may also list them all at once.
    semua_opd = peran_of(request.user).melihat_semua
    data = request.GET.copy()
    if data.get("opd") == NominatifFilterForm.SEMUA_OPD and semua_opd:
        opd = None
    elif data.get("opd"):
        lingkup = LingkupForm({"opd": data["opd"]}, opds=opds)
        if not lingkup.is_valid():
            raise Http404
        opd = lingkup.cleaned_data["opd"]
    else:
        opd = opds.first()
        if opd is None:
            raise Http404
        data["opd"] = str(opd.pk)
    if not data.get("tahun"):
        data["tahun"] = str(timezone.localdate().year)
    form = NominatifFilterForm(
        data,
        opd_queryset=opds,
        unit_queryset=(
            UnitKerja.objects.filter(perangkat_daerah=opd).order_by("nama") if opd else UnitKerja.objects.none()
        ),
        semua_opd=semua_opd,
        auto_id="id_%s",
    )
    tahun = tahun_diminta(request)
    if not form.is_valid():
        rows = Pegawai.objects.none()
        return Nominatif(form=form, opd=opd, tahun=tahun, rows=rows, rekap={s.value: 0 for s in StatusRekap})
    f = form.cleaned_data
    tahun = f["tahun"]
    rows = daftar_nominatif(opd, tahun)
    if f["unit"]:
        rows = rows.filter(jabatan__unit_kerja=f["unit"])
    rows = pegawai_cari(rows, f["q"])
    rekap = rekap_status(rows)
    terlambat = jumlah_terlambat(rows)
    if f["status"]:
        rows = rows.filter(status_skp=f["status"])
    if f["terlambat"]:
        rows = rows.filter(skp_terlambat=True)
    return Nominatif(form=form, opd=opd, tahun=tahun, rows=rows, rekap=rekap, terlambat=terlambat)


_WARNA_STATUS = {
    StatusRekap.BELUM_DIBUAT: "#adb5bd",
    StatusRekap.DRAFT: "#6c757d",
    StatusRekap.DIAJUKAN: "#f2a900",
    StatusRekap.DIKEMBALIKAN: "#dc3545",
    StatusRekap.DISETUJUI: "#198754",
}


@butuh_peran(peran_admin_atau_pimpinan)
def nominatif(request):
    data = _nominatif(request)
    page = paginate(request, data.rows)
    label = dict(StatusRekap.choices)
    for p in page.object_list:
        p.status_label = label.get(p.status_skp, p.status_skp)
    return render(
        request,
        "skp/nominatif.html",
        {
            "form": data.form,
            "opd": data.opd,
            "nama_opd": data.nama_opd,
            "tahun": data.tahun,
            "page_obj": page,
            "rekap": [(s.value, s.label, data.rekap[s.value]) for s in StatusRekap],
            "total_rekap": sum(data.rekap.values()),
            "grafik": {
                "labels": [str(s.label) for s in StatusRekap],
                "data": [data.rekap[s.value] for s in StatusRekap],
                "warna": [_WARNA_STATUS[s] for s in StatusRekap],
            },
            "terlambat": data.terlambat,
            "ada_filter": any(request.GET.get(k) for k in ("status", "unit", "q", "terlambat")),
            # The batch ZIP is for the OPD's admin and BKPSDM (skp:pdf_opd); pimpinan read on screen.
            "boleh_cetak_opd": data.opd is not None and mengelola_opd(request.user, data.opd.pk),
            "jumlah_disetujui": data.rekap[StatusRekap.DISETUJUI],
        },
    )


@butuh_peran(peran_admin_atau_pimpinan)
def nominatif_ekspor(request):
    fmt = request.GET.get("format", "xlsx")
    if fmt not in FORMATS:
        raise Http404
    data = _nominatif(request)
    if not data.form.is_valid():
        messages.error(request, _("Filter belum benar; perbaiki dulu sebelum mengunduh."))
        query = request.GET.copy()
        query.pop("format", None)
        return redirect(f"{reverse('skp:nominatif')}?{query.urlencode()}")
    export = DaftarNominatifExporter(data.rows, opd=data.opd, tahun=data.tahun).render(fmt)
    catat_akses(
        user=request.user,
        jenis=JenisAkses.EKSPOR,
        objek=_("Daftar nominatif SKP %(opd)s tahun %(tahun)s (%(format)s)")
        % {
            "opd": (data.opd.singkatan or data.opd.nama) if data.opd else data.nama_opd,
            "tahun": data.tahun,
            "format": fmt.upper(),
        },
        request=request,
        jumlah_baris=export.jumlah_baris,
    )
    response = HttpResponse(export.content, content_type=export.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
