"""The hukuman disiplin pages: the list of the records a login may see (filtered by OPD, tingkat, status and a
search), one record with its change history, the SK download, and the admin's forms to record, correct and cancel.

Every record is fetched through :func:`~disiplin.selectors.hukuman.hukuman_visible_to` (404 outside) and the
admin's pages through :func:`~disiplin.selectors.hukuman.hukuman_dikelola`. Viewing and downloading another
person's record is written to the access log (UU 27/2022 Pasal 31), as the pegawai profile does."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pegawai.akses import butuh_peran, pegawai_of, pegawai_visible_to, peran_of, perangkat_daerah_visible_to
from pegawai.models import Pegawai, PerangkatDaerah
from pegawai.nip import normalize_nip
from pegawai.selectors.pegawai import pegawai_cari
from portal.akseslog import catat_akses
from portal.choices import JenisAkses
from portal.errors import REFUSED_STATUS, DomainError, add_to_form
from portal.forms import BootstrapMixin, TanggalField, form_helper
from portal.pagination import paginate

from ..choices import JenisHukuman, StatusHukuman, TingkatHukuman
from ..models import HukumanDisiplin
from ..selectors.hukuman import (
    hukuman_dikelola,
    hukuman_visible_to,
    jumlah_per_tingkat,
    pegawai_hukuman_dikelola,
    peran_pencatat,
    riwayat_hukuman,
)
from ..services.hukuman import hukuman_batalkan, hukuman_catat, hukuman_ubah

# --- forms --------------------------------------------------------------------------------------------------------


class _FilterForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bootstrap()


class HukumanFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q", label=gettext_lazy("Cari nama, NIP, atau nomor SK"), max_length=100
    )
    opd = django_filters.ModelChoiceFilter(
        field_name="pegawai__jabatan__unit_kerja__perangkat_daerah",
        queryset=PerangkatDaerah.objects.none(),
        label=gettext_lazy("Perangkat daerah"),
        empty_label=gettext_lazy("Semua perangkat daerah"),
    )
    tingkat = django_filters.ChoiceFilter(
        choices=TingkatHukuman.choices, label=gettext_lazy("Tingkat"), empty_label=gettext_lazy("Semua tingkat")
    )
    status = django_filters.ChoiceFilter(
        choices=StatusHukuman.choices, label=gettext_lazy("Status"), empty_label=gettext_lazy("Semua status")
    )
    # Set by the link on a pegawai's profile ("Hukuman disiplin"); a hidden filter of the list, not a bar field.
    pegawai = django_filters.ModelChoiceFilter(queryset=Pegawai.objects.none(), widget=forms.HiddenInput)

    class Meta:
        model = HukumanDisiplin
        form = _FilterForm
        fields: list[str] = []

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        self.filters["opd"].queryset = perangkat_daerah_visible_to(request.user).order_by("nama")
        self.filters["pegawai"].queryset = pegawai_visible_to(request.user)

    def filter_q(self, queryset, name, value):
        return pegawai_cari(queryset, value, prefix="pegawai__", atau=Q(nomor_sk__icontains=value.strip()))


class HukumanForm(forms.Form):
    """The fields of a record; the rules (dates, duration, file content, who) are the service's and come back beside
    their fields. ``pegawai_nip`` only when recording; ``alasan`` only when correcting."""

    pegawai_nip = forms.CharField(
        label=gettext_lazy("NIP pegawai"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=gettext_lazy("Boleh diketik dengan spasi."),
    )
    jenis = forms.ChoiceField(label=gettext_lazy("Jenis hukuman"), choices=[("", "—"), *JenisHukuman.choices])
    nomor_sk = forms.CharField(label=gettext_lazy("Nomor SK"), max_length=100)
    tanggal_sk = TanggalField(label=gettext_lazy("Tanggal SK"))
    tmt = TanggalField(label=gettext_lazy("TMT hukuman"))
    lama_bulan = forms.IntegerField(
        label=gettext_lazy("Lama (bulan)"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=gettext_lazy(
            "Boleh dikosongkan: lama dan tanggal berakhir dihitung dari jenisnya (6, 9, atau 12 bulan)."
        ),
    )
    keterangan = forms.CharField(
        label=gettext_lazy("Keterangan"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    berkas = forms.FileField(
        label=gettext_lazy("Berkas SK"),
        required=False,
        help_text=gettext_lazy("PDF atau hasil pindai JPEG/PNG. Tidak wajib."),
    )
    alasan = forms.CharField(
        label=gettext_lazy("Alasan perubahan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Tercatat di riwayat perubahan hukuman ini."),
    )

    def __init__(self, *args, actor, hukuman: HukumanDisiplin | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        if hukuman is None:
            del self.fields["alasan"]
            layout = ["pegawai_nip"]
        else:
            del self.fields["pegawai_nip"]
            layout = []
            if hukuman.berkas:
                self.fields["berkas"].help_text = _("Kosongkan untuk mempertahankan berkas %(nama)s.") % {
                    "nama": hukuman.nama_berkas
                }
        layout += ["jenis", "nomor_sk", "tanggal_sk", "tmt", "lama_bulan", "keterangan", "berkas"]
        if hukuman is not None:
            layout.append("alasan")
        self.helper = form_helper(*layout)

    def clean_pegawai_nip(self) -> Pegawai:
        nip = normalize_nip(self.cleaned_data["pegawai_nip"])
        pegawai = pegawai_hukuman_dikelola(self.actor).filter(nip=nip).first()
        if pegawai is None:
            raise forms.ValidationError(_("NIP ini tidak ditemukan di antara pegawai yang dapat Anda catat."))
        return pegawai

    def isian(self) -> dict:
        """The cleaned fields as the service's arguments."""
        data = dict(self.cleaned_data)
        if "pegawai_nip" in data:
            data["pegawai"] = data.pop("pegawai_nip")
        return data


class BatalForm(forms.Form):
    # Not required here: the service words the refusal of an empty reason.
    alasan = forms.CharField(
        label=gettext_lazy("Alasan pembatalan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Misalnya: SK dicabut dengan keputusan nomor …, atau salah catat."),
    )
    helper = form_helper("alasan")


# --- pages ----------------------------------------------------------------------------------------------------------

FILTER_BAR = ("q", "opd", "tingkat", "status", "pegawai")


def _catat_lihat_orang_lain(request, hukuman: HukumanDisiplin, jenis: str, objek: str) -> None:
    # UU 27/2022 Pasal 31: who looked at another person's discipline record is kept for the data owner; the
    # pegawai reading their own record is not logged (as their own profile is not).
    me = pegawai_of(request.user)
    if me is None or me.pk != hukuman.pegawai_id:
        catat_akses(user=request.user, jenis=jenis, objek=objek, pegawai=hukuman.pegawai, request=request)


@login_required
def hukuman_list(request):
    queryset = (
        hukuman_visible_to(request.user)
        .select_related("pegawai__jabatan__unit_kerja__perangkat_daerah")
        .order_by("-tmt", "-pk")
    )
    filterset = HukumanFilterSet(request.GET, queryset=queryset, request=request)
    # An invalid filter shows nothing (and its error) rather than more than was asked for.
    rows = filterset.qs if filterset.is_valid() else queryset.none()
    page = paginate(request, rows)
    me = pegawai_of(request.user)
    orang_lain = [h for h in page.object_list if me is None or h.pegawai_id != me.pk]
    if orang_lain:
        catat_akses(
            user=request.user,
            jenis=JenisAkses.LIHAT,
            objek=_("Daftar hukuman disiplin (halaman %(n)s)") % {"n": page.number},
            request=request,
            jumlah_baris=len(orang_lain),
        )
    dipilih = filterset.form.cleaned_data if filterset.is_valid() else {}
    roles = peran_of(request.user)
    opd = dipilih.get("opd")
    ringkasan = None
    if opd is not None and (roles.melihat_semua or opd.pk in roles.opd_dilihat):
        # An OPD's totals only for those who see the whole OPD (its admins and pimpinan, BKPSDM).
        hitung = jumlah_per_tingkat(opd.pk, timezone.localdate())
        ringkasan = [(TingkatHukuman(t).label, n) for t, n in hitung.items()]
    return render(
        request,
        "disiplin/hukuman_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "pegawai_dipilih": dipilih.get("pegawai"),
            "opd_dipilih": opd,
            "ringkasan": ringkasan,
            "boleh_catat": peran_pencatat(roles),
            "ada_filter": any(request.GET.get(k) for k in FILTER_BAR),
        },
    )


def _halaman_detail(request, hukuman: HukumanDisiplin, *, batal_form=None, status=200):
    dikelola = (
        hukuman.status == StatusHukuman.BERLAKU
        and peran_pencatat(peran_of(request.user))
        and hukuman_dikelola(request.user).filter(pk=hukuman.pk).exists()
    )
    return render(
        request,
        "disiplin/hukuman_detail.html",
        {
            "hukuman": hukuman,
            "pegawai": hukuman.pegawai,
            "riwayat": riwayat_hukuman(hukuman),
            "boleh_kelola": dikelola,
            "batal_form": batal_form or BatalForm(),
        },
        status=status,
    )


def _ambil(queryset, pk: int) -> HukumanDisiplin:
    return get_object_or_404(
        queryset.select_related("pegawai__jabatan__unit_kerja__perangkat_daerah", "dicatat_oleh__pegawai"), pk=pk
    )


@login_required
def hukuman_detail(request, pk: int):
    hukuman = _ambil(hukuman_visible_to(request.user), pk)
    _catat_lihat_orang_lain(
        request,
        hukuman,
        JenisAkses.LIHAT,
        _("Hukuman disiplin %(nip)s (SK %(nomor)s)") % {"nip": hukuman.pegawai.nip, "nomor": hukuman.nomor_sk},
    )
    return _halaman_detail(request, hukuman)


@butuh_peran(peran_pencatat)
def hukuman_catat_view(request):
    form = HukumanForm(request.POST or None, request.FILES or None, actor=request.user)
    status = 200
    if request.method == "POST":
        status = REFUSED_STATUS
        if form.is_valid():
            try:
                hukuman = hukuman_catat(actor=request.user, **form.isian())
            except DomainError as exc:
                add_to_form(form, exc)
            else:
                messages.success(
                    request,
                    _("Hukuman disiplin %(nama)s sudah dicatat.") % {"nama": hukuman.pegawai.nama_lengkap},
                )
                return redirect("disiplin:hukuman_detail", pk=hukuman.pk)
    return render(request, "disiplin/hukuman_form.html", {"form": form, "hukuman": None}, status=status)


@butuh_peran(peran_pencatat)
def hukuman_ubah_view(request, pk: int):
    hukuman = _ambil(hukuman_dikelola(request.user), pk)
    if hukuman.status != StatusHukuman.BERLAKU:
        messages.info(request, _("Hukuman disiplin ini sudah dibatalkan dan tidak dapat diubah lagi."))
        return redirect("disiplin:hukuman_detail", pk=hukuman.pk)
    initial = {
        "jenis": hukuman.jenis,
        "nomor_sk": hukuman.nomor_sk,
        "tanggal_sk": hukuman.tanggal_sk,
        "tmt": hukuman.tmt,
        "lama_bulan": hukuman.lama_bulan,
        "keterangan": hukuman.keterangan,
    }
    form = HukumanForm(
        request.POST or None, request.FILES or None, initial=initial, actor=request.user, hukuman=hukuman
    )
    status = 200
    if request.method == "POST":
        status = REFUSED_STATUS
        if form.is_valid():
            try:
                hukuman_ubah(actor=request.user, hukuman=hukuman, **form.isian())
            except DomainError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("Perubahan hukuman disiplin sudah disimpan."))
                return redirect("disiplin:hukuman_detail", pk=hukuman.pk)
    return render(request, "disiplin/hukuman_form.html", {"form": form, "hukuman": hukuman}, status=status)


@butuh_peran(peran_pencatat)
@require_POST
def hukuman_batal(request, pk: int):
    hukuman = _ambil(hukuman_dikelola(request.user), pk)
    form = BatalForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(" ".join(e for errs in form.errors.values() for e in errs))
        hukuman_batalkan(actor=request.user, hukuman=hukuman, alasan=form.cleaned_data["alasan"])
    except DomainError as exc:
        add_to_form(form, exc)
        return _halaman_detail(request, hukuman, batal_form=form, status=REFUSED_STATUS)
    messages.success(request, _("Hukuman disiplin sudah dibatalkan; catatannya tetap tersimpan."))
    return redirect("disiplin:hukuman_detail", pk=hukuman.pk)


@login_required
def hukuman_berkas(request, pk: int):
    """The SK file, to whoever may open the record; always an attachment with the content type the content check
    stored."""
    hukuman = get_object_or_404(hukuman_visible_to(request.user).exclude(berkas="").select_related("pegawai"), pk=pk)
    try:
        berkas = hukuman.berkas.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    _catat_lihat_orang_lain(
        request,
        hukuman,
        JenisAkses.UNDUH,
        _("Berkas SK hukuman disiplin %(nip)s: %(nama)s") % {"nip": hukuman.pegawai.nip, "nama": hukuman.nama_berkas},
    )
    response = FileResponse(
        berkas, as_attachment=True, filename=hukuman.nama_berkas or "sk", content_type=hukuman.tipe_berkas
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
