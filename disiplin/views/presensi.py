"""The attendance pages of admin OPD and admin BKPSDM: importing the machines' file (the bad rows listed when it is
refused, the past imports below), the yearly recap per OPD with the recommendations and who is near the next
threshold (and its XLSX), and the leave and duty days entered by hand."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kinerja import waktu
from pegawai.akses import butuh_peran, opd_dikelola, pegawai_managed_by, peran_admin
from pegawai.models import PerangkatDaerah
from portal.akseslog import catat_akses
from portal.choices import JenisAkses
from portal.errors import REFUSED_STATUS, DomainError, add_to_form
from portal.forms import BootstrapMixin, TanggalField, form_helper
from portal.pagination import paginate

from ..choices import KETERANGAN_SAH, Keterangan
from ..exports_presensi import RekapPresensiExporter
from ..models import ImporPresensi
from ..selectors.presensi import DEKAT_HARI, kehadiran_dicatat_admin, rekap_opd
from ..services.presensi import kehadiran_catat, kehadiran_hapus, presensi_impor
from ..services.presensi_berkas import BATAS_MB, KOLOM

#: A refused file lists at most this many bad rows on the page; the count always covers the whole file.
GALAT_TAMPIL = 1000


def _opd_dikelola(user):
    opd = opd_dikelola(user)
    semua = PerangkatDaerah.objects.order_by("nama")
    return semua if opd is None else semua.filter(pk__in=opd)


# --- import ----------------------------------------------------------------------------------------------------


class ImporForm(forms.Form):
    helper = form_helper("berkas")

    berkas = forms.FileField(
        label=gettext_lazy("Berkas presensi (CSV atau XLSX)"),
        help_text=gettext_lazy("Kolom: nip, tanggal, jam_masuk, jam_pulang, keterangan. Paling besar %(mb)s MB.")
        % {"mb": BATAS_MB},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_berkas(self):
        upload = self.cleaned_data["berkas"]
        if upload.size > BATAS_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("Berkas lebih besar dari %(mb)s MB. Pecah menjadi beberapa berkas.") % {"mb": BATAS_MB}
            )
        return upload


def _halaman_impor(request, form, *, galat=None, status=200):
    impor = ImporPresensi.objects.select_related("diimpor_oleh")
    if opd_dikelola(request.user) is not None:
        # ImporPresensi records no OPD: an admin OPD sees the imports they made.
        impor = impor.filter(diimpor_oleh=request.user)
    daftar = galat.daftar if galat is not None else []
    return render(
        request,
        "disiplin/presensi_impor.html",
        {
            "form": form,
            "galat": galat,
            "galat_tampil": daftar[:GALAT_TAMPIL],
            "galat_lain": max(len(daftar) - GALAT_TAMPIL, 0),
            "kolom": KOLOM,
            "page_obj": paginate(request, impor, per_page=20),
        },
        status=status,
    )


@butuh_peran(peran_admin)
def presensi_impor_view(request):
    if request.method != "POST":
        return _halaman_impor(request, ImporForm())
    form = ImporForm(request.POST, request.FILES)
    if not form.is_valid():
        return _halaman_impor(request, form, status=REFUSED_STATUS)
    upload = form.cleaned_data["berkas"]
    try:
        impor = presensi_impor(actor=request.user, berkas=upload.read(), nama=upload.name, request=request)
    except DomainError as exc:
        return _halaman_impor(request, ImporForm(), galat=exc, status=REFUSED_STATUS)
    messages.success(
        request,
        _("Impor selesai: %(baris)s baris, %(berubah)s baru atau berubah.")
        % {"baris": impor.jumlah_baris, "berubah": impor.jumlah_berubah},
    )
    return redirect("disiplin:presensi_impor")


# --- recap -----------------------------------------------------------------------------------------------------


class RekapForm(BootstrapMixin, forms.Form):
    SEMUA, REKOMENDASI, DEKAT = "", "rekomendasi", "dekat"

    opd = forms.ModelChoiceField(label=gettext_lazy("Perangkat daerah"), queryset=PerangkatDaerah.objects.none())
    tahun = forms.IntegerField(label=gettext_lazy("Tahun"), min_value=2000, max_value=2100)
    tampil = forms.ChoiceField(
        label=gettext_lazy("Tampilkan"),
        required=False,
        choices=[
            (SEMUA, gettext_lazy("Semua yang tercatat")),
            (REKOMENDASI, gettext_lazy("Hanya dengan rekomendasi")),
            (DEKAT, gettext_lazy("Hanya yang mendekati ambang berikut")),
        ],
    )

    def __init__(self, data, *, user):
        super().__init__(data)
        self.fields["opd"].queryset = _opd_dikelola(user)
        self.fields["opd"].empty_label = None
        self._bootstrap()


def _rekap(request):
    """The recap form with its choices filled in (the first OPD in scope and this year by default), and the rows."""
    data = request.GET.copy()
    form = RekapForm(data, user=request.user)
    if "opd" not in data:
        pertama = form.fields["opd"].queryset.first()
        data["opd"] = pertama.pk if pertama else ""
    data.setdefault("tahun", str(waktu.hari_ini().year))
    form = RekapForm(data, user=request.user)
    if not form.is_valid():
        return form, None
    f = form.cleaned_data
    rekap = rekap_opd(f["opd"].pk, f["tahun"])
    if f["tampil"] == RekapForm.REKOMENDASI:
        rekap = [r for r in rekap if r.rekomendasi]
    elif f["tampil"] == RekapForm.DEKAT:
        rekap = [r for r in rekap if r.dekat]
    return form, rekap


def _url_hukuman() -> str | None:
    try:
        return reverse("disiplin:hukuman_list")
    except NoReverseMatch:
        return None


@butuh_peran(peran_admin)
def presensi_rekap(request):
    form, rekap = _rekap(request)
    return render(
        request,
        "disiplin/presensi_rekap.html",
        {
            "form": form,
            "page_obj": paginate(request, rekap) if rekap is not None else None,
            "dekat_hari": DEKAT_HARI,
            "url_hukuman": _url_hukuman(),
            "query": request.GET.urlencode(),
        },
        status=200 if rekap is not None else REFUSED_STATUS,
    )


@butuh_peran(peran_admin)
def presensi_rekap_ekspor(request):
    form, rekap = _rekap(request)
    if rekap is None:
        messages.error(request, _("Pilihan rekap belum benar; perbaiki dulu sebelum mengunduh."))
        return redirect("disiplin:presensi_rekap")
    f = form.cleaned_data
    lingkup = f"{f['opd'].nama}, {f['tahun']}"
    export = RekapPresensiExporter(rekap, lingkup=lingkup).render("xlsx")
    catat_akses(
        user=request.user,
        jenis=JenisAkses.EKSPOR,
        objek=_("Rekap presensi %(lingkup)s (XLSX)") % {"lingkup": lingkup},
        request=request,
        jumlah_baris=export.jumlah_baris,
    )
    response = HttpResponse(export.content, content_type=export.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


# --- hand-entered leave and duty days --------------------------------------------------------------------------


class KehadiranForm(forms.Form):
    helper = form_helper("pegawai", "keterangan", "tanggal", "sampai")

    pegawai = forms.ModelChoiceField(
        label=gettext_lazy("Pegawai"), queryset=None, empty_label=gettext_lazy("Pilih pegawai")
    )
    keterangan = forms.ChoiceField(
        label=gettext_lazy("Keterangan"), choices=[(k, Keterangan(k).label) for k in KETERANGAN_SAH]
    )
    tanggal = TanggalField(label=gettext_lazy("Dari tanggal"))
    sampai = TanggalField(
        label=gettext_lazy("Sampai tanggal"),
        required=False,
        help_text=gettext_lazy("Kosongkan untuk satu hari."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].queryset = (
            pegawai_managed_by(user).filter(aktif=True).select_related("jabatan").order_by("nama")
        )


def _halaman_kehadiran(request, form, status=200):
    return render(
        request,
        "disiplin/presensi_kehadiran.html",
        {"form": form, "page_obj": paginate(request, kehadiran_dicatat_admin(opd_dikelola(request.user)))},
        status=status,
    )


@butuh_peran(peran_admin)
def kehadiran(request):
    if request.method != "POST":
        return _halaman_kehadiran(request, KehadiranForm(user=request.user, initial={"tanggal": waktu.hari_ini()}))
    form = KehadiranForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            hari = kehadiran_catat(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request,
                _("%(keterangan)s %(nama)s dicatat untuk %(hari)s hari.")
                % {
                    "keterangan": Keterangan(form.cleaned_data["keterangan"]).label,
                    "nama": form.cleaned_data["pegawai"].nama_lengkap,
                    "hari": hari,
                },
            )
            return redirect("disiplin:kehadiran")
    return _halaman_kehadiran(request, form, status=REFUSED_STATUS)


@butuh_peran(peran_admin)
@require_POST
def kehadiran_hapus_view(request, pk: int):
    baris = get_object_or_404(kehadiran_dicatat_admin(opd_dikelola(request.user)), pk=pk)
    try:
        kehadiran_hapus(actor=request.user, kehadiran=baris)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Catatan %(tanggal)s dihapus.") % {"tanggal": f"{baris.tanggal:%d-%m-%Y}"})
    return redirect("disiplin:kehadiran")
