"""Pages of the reporting-discipline facts: the monthly table (per OPD for its admins and pimpinan; an atasan sees
their direct bawahan of today, :func:`pegawai.atasan.bawahan_langsung`), its XLSX export (admins and pimpinan only,
like every export of a whole team), one pegawai's history, and admin BKPSDM's months page (state, reopen with a
reason, compute now)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja import waktu
from pegawai.akses import (
    butuh_peran,
    pegawai_of,
    pegawai_visible_to,
    peran_admin_atau_pimpinan,
    peran_admin_bkpsdm,
    peran_of,
)
from pegawai.atasan import id_bawahan_langsung
from pegawai.models import Pegawai, PerangkatDaerah
from portal.akseslog import catat_akses
from portal.choices import JenisAkses
from portal.errors import REFUSED_STATUS, DomainError, add_to_form
from portal.forms import BootstrapMixin, BulanField
from portal.pagination import paginate

from ..choices import JenisFakta, StatusBulan
from ..exports import PelaporanExporter
from ..models import BulanDisiplin
from ..selectors.fakta import (
    KOLOM,
    fakta_hari,
    fakta_terakhir,
    opd_pelaporan_visible_to,
    pelaporan_bulan,
    riwayat_per_bulan,
)
from ..services.bulan import MAKS_ALASAN, bulan_buka_kembali, bulan_hitung_mulai, nama_bulan


class PelaporanForm(BootstrapMixin, forms.Form):
    bulan = BulanField(label=gettext_lazy("Bulan"))
    opd = forms.ModelChoiceField(
        label=gettext_lazy("Perangkat daerah"), queryset=PerangkatDaerah.objects.none(), empty_label=None
    )

    def __init__(self, *args, opd_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        if opd_queryset is None:
            del self.fields["opd"]
        else:
            self.fields["opd"].queryset = opd_queryset
        self._bootstrap()


class BulanForm(BootstrapMixin, forms.Form):
    bulan = BulanField(label=gettext_lazy("Bulan"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()


class HitungForm(BootstrapMixin, forms.Form):
    bulan = BulanField(label=gettext_lazy("Bulan"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()


class BukaForm(BootstrapMixin, forms.Form):
    alasan = forms.CharField(
        label=gettext_lazy("Alasan membuka kembali"), max_length=MAKS_ALASAN, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()


def _bulan_ini() -> str:
    hari_ini = waktu.hari_ini()
    return f"{hari_ini.year}-{hari_ini.month:02d}"


def _bulan_bawaan() -> str:
    """The month the table opens on: the latest month with facts (early in a month, before any of its days is past
    the entry window, that is last month), else this month."""
    terakhir = fakta_terakhir(waktu.hari_ini())
    return f"{terakhir.year}-{terakhir.month:02d}" if terakhir else _bulan_ini()


# --- the monthly table ----------------------------------------------------------------------------------------


@dataclass
class Pelaporan:
    form: PelaporanForm
    tahun: int
    bulan: int
    #: The OPD of the table; ``None`` for an atasan's table of their bawahan.
    opd: PerangkatDaerah | None
    rows: object

    @property
    def nama_bulan(self) -> str:
        return nama_bulan(self.tahun, self.bulan)


def _pelaporan(request) -> Pelaporan:
    """The scoped, filtered table shared by the page and its export (export what you see). Admins and pimpinan
    choose among the OPDs they see; anyone else with bawahan today sees those; anyone else: 404."""
    opds = opd_pelaporan_visible_to(request.user).order_by("nama")
    data = request.GET.copy()
    data.setdefault("bulan", _bulan_bawaan())
    bawahan_ids = None
    if peran_of(request.user).melihat_semua or peran_of(request.user).opd_dilihat:
        if not data.get("opd"):
            pertama = opds.first()
            if pertama is None:
                raise Http404
            data["opd"] = str(pertama.pk)
        form = PelaporanForm(data, opd_queryset=opds)
    else:
        me = pegawai_of(request.user)
        bawahan_ids = sorted(id_bawahan_langsung(me)) if me else []
        if not bawahan_ids:
            raise Http404
        form = PelaporanForm(data)
    if not form.is_valid():
        # A hand-edited OPD outside the scope is not revealed.
        if "opd" in form.errors:
            raise Http404
        hari_ini = waktu.hari_ini()
        return Pelaporan(form, hari_ini.year, hari_ini.month, None, Pegawai.objects.none())
    tahun, bulan = form.cleaned_data["bulan"]
    opd = form.cleaned_data.get("opd")
    rows = pelaporan_bulan(tahun=tahun, bulan=bulan, opd=opd, pegawai_ids=bawahan_ids)
    return Pelaporan(form, tahun, bulan, opd, rows)


def _kolom() -> list[tuple[str, str]]:
    return [(j, JenisFakta(j).label) for j in KOLOM]


def _isi(rows) -> None:
    # (label, sum) per kind: the label doubles as the cell's caption when the table stacks on a phone.
    for p in rows:
        p.kolom = [(label, getattr(p, j)) for j, label in _kolom()]


@login_required
def pelaporan(request):
    data = _pelaporan(request)
    page = paginate(request, data.rows)
    _isi(page.object_list)
    status_bulan = BulanDisiplin.objects.filter(tahun=data.tahun, bulan=data.bulan).first()
    return render(
        request,
        "disiplin/fakta_pelaporan.html",
        {
            "form": data.form,
            "data": data,
            "page_obj": page,
            "kolom": _kolom(),
            "status_bulan": status_bulan,
            "bulan_param": f"{data.tahun}-{data.bulan:02d}",
            "boleh_ekspor": data.opd is not None and peran_admin_atau_pimpinan(peran_of(request.user)),
        },
    )


@butuh_peran(peran_admin_atau_pimpinan)
def pelaporan_ekspor(request):
    data = _pelaporan(request)
    if data.opd is None:
        raise Http404
    export = PelaporanExporter(
        data.rows, opd=data.opd, tahun=data.tahun, bulan=data.bulan, nama_bulan=data.nama_bulan
    ).render("xlsx")
    catat_akses(
        user=request.user,
        jenis=JenisAkses.EKSPOR,
        objek=_("Disiplin pelaporan %(opd)s %(bulan)s (XLSX)")
        % {"opd": data.opd.singkatan or data.opd.nama, "bulan": data.nama_bulan},
        request=request,
        jumlah_baris=export.jumlah_baris,
    )
    response = HttpResponse(export.content, content_type=export.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


# --- one pegawai's history ------------------------------------------------------------------------------------


@login_required
def pelaporan_pegawai(request, pegawai_pk: int):
    """The months with facts of one pegawai (12 per page) and the days of the chosen month; visible to the pegawai,
    their atasan chain and the admins (:func:`pegawai.akses.pegawai_visible_to`, 404 outside)."""
    pegawai = get_object_or_404(
        pegawai_visible_to(request.user).select_related("jabatan__unit_kerja__perangkat_daerah"), pk=pegawai_pk
    )
    form = BulanForm(request.GET)
    page = paginate(request, riwayat_per_bulan(pegawai), per_page=12)
    for m in page.object_list:
        m["nama"] = nama_bulan(m["tahun"], m["bulan"])
        m["param"] = f"{m['tahun']}-{m['bulan']:02d}"
        m["kolom"] = [(label, m[j]) for j, label in _kolom()]
    dipilih = form.cleaned_data.get("bulan") if form.is_valid() else None
    if dipilih is None and page.object_list:
        dipilih = (page.object_list[0]["tahun"], page.object_list[0]["bulan"])
    if pegawai_of(request.user) != pegawai:
        catat_akses(
            user=request.user,
            jenis=JenisAkses.LIHAT,
            objek=_("Riwayat disiplin pelaporan"),
            pegawai=pegawai,
            request=request,
        )
    return render(
        request,
        "disiplin/fakta_pegawai.html",
        {
            "pegawai": pegawai,
            "form": form,
            "page_obj": page,
            "kolom": _kolom(),
            "dipilih": dipilih,
            "nama_dipilih": nama_bulan(*dipilih) if dipilih else "",
            "hari": fakta_hari(pegawai, *dipilih) if dipilih else [],
        },
    )


# --- the months (admin BKPSDM) --------------------------------------------------------------------------------


def _bulan_page(request, *, hitung_form=None, buka_form=None, buka_pk=None, status=200):
    page = paginate(request, BulanDisiplin.objects.order_by("-tahun", "-bulan"), per_page=24)
    for b in page.object_list:
        b.nama = nama_bulan(b.tahun, b.bulan)
        b.form = buka_form if b.pk == buka_pk else BukaForm(auto_id=f"id_buka{b.pk}_%s")
    return render(
        request,
        "disiplin/fakta_bulan.html",
        {
            "page_obj": page,
            "hitung_form": hitung_form or HitungForm(initial={"bulan": _bulan_ini()}),
            "ditutup": StatusBulan.DITUTUP,
        },
        status=status,
    )


@butuh_peran(peran_admin_bkpsdm)
def bulan(request):
    return _bulan_page(request)


@butuh_peran(peran_admin_bkpsdm)
@require_POST
def bulan_buka(request, pk: int):
    obj = get_object_or_404(BulanDisiplin, pk=pk)
    form = BukaForm(request.POST, auto_id=f"id_buka{obj.pk}_%s")
    if form.is_valid():
        try:
            bulan_buka_kembali(actor=request.user, tahun=obj.tahun, bulan=obj.bulan, alasan=form.cleaned_data["alasan"])
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Bulan %(bulan)s dibuka kembali; faktanya sedang dihitung ulang.")
                % {"bulan": nama_bulan(obj.tahun, obj.bulan)},
            )
            return redirect("disiplin:bulan")
    return _bulan_page(request, buka_form=form, buka_pk=obj.pk, status=REFUSED_STATUS)


@butuh_peran(peran_admin_bkpsdm)
@require_POST
def bulan_hitung(request):
    form = HitungForm(request.POST)
    if form.is_valid():
        tahun, nomor = form.cleaned_data["bulan"]
        try:
            bulan_hitung_mulai(actor=request.user, tahun=tahun, bulan=nomor)
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request,
                _("Penghitungan fakta disiplin pelaporan %(bulan)s dimulai untuk setiap perangkat daerah.")
                % {"bulan": nama_bulan(tahun, nomor)},
            )
            return redirect("disiplin:bulan")
    return _bulan_page(request, hitung_form=form, status=REFUSED_STATUS)
