"""The dialog kinerja of a pegawai for a period (a thread both sides write in, the pegawai also on policy and
procedure) and the atasan's analisis permasalahan kinerja (problems of their bawahan tagged substansi or perilaku).

Scope: the thread through :func:`penilaian.selectors.dialog.dialog_visible` (404 outside; read only for whoever is
not a participant); the analysis page for a pejabat penilai with bawahan or tags in the period, and read only for
admins over their OPDs — 404 for anyone else."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pegawai.akses import opd_dikelola, pegawai_of
from pegawai.atasan import bawahan_langsung
from pegawai.models import Pegawai
from portal.errors import REFUSED_STATUS, DomainError, add_to_form
from portal.forms import form_helper
from portal.pagination import paginate

from ..choices import JenisPermasalahan, JenisPesan
from ..models import PeriodePenilaian
from ..selectors.dialog import (
    dialog_visible,
    jumlah_per_jenis,
    jumlah_pesan,
    permasalahan_periode,
    permasalahan_visible_to,
    pesan_dialog,
)
from ..services.dialog import MAKS_PESAN, pesan_kirim
from ..services.permasalahan import MAKS_ALASAN, MAKS_CATATAN, permasalahan_catat, permasalahan_hapus

#: Messages per page of a thread; the newest page comes first, shown oldest to newest.
PESAN_PER_HALAMAN = 50


class PesanForm(forms.Form):
    """A message of the dialog. Emptiness is worded by the service; the length is checked here too (the same limit),
    so a 100,000-character post is refused before it reaches the service."""

    jenis = forms.ChoiceField(
        label=gettext_lazy("Jenis pesan"),
        choices=JenisPesan.choices,
        initial=JenisPesan.DIALOG,
        widget=forms.RadioSelect,
    )
    teks = forms.CharField(
        label=gettext_lazy("Pesan"),
        required=False,
        strip=False,
        max_length=MAKS_PESAN,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, pegawai_sendiri: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the pegawai writes feedback on policy and procedure; the atasan's messages are dialog.
        if not pegawai_sendiri:
            del self.fields["jenis"]
        self.helper = form_helper(*self.fields)


class PermasalahanForm(forms.Form):
    """Tag a problem: the pegawai is chosen among the actor's bawahan for the period, so a crafted id is refused."""

    pegawai = forms.ModelChoiceField(
        label=gettext_lazy("Pegawai"), queryset=Pegawai.objects.none(), empty_label=gettext_lazy("Pilih pegawai")
    )
    jenis = forms.ChoiceField(label=gettext_lazy("Jenis permasalahan"), choices=JenisPermasalahan.choices)
    catatan = forms.CharField(
        label=gettext_lazy("Catatan"),
        required=False,
        strip=False,
        max_length=MAKS_CATATAN,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    helper = form_helper("pegawai", "jenis", "catatan")

    def __init__(self, *args, bawahan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].queryset = bawahan
        self.fields["pegawai"].label_from_instance = lambda p: f"{p.nama_lengkap} · {p.nip}"


class PilihPegawaiForm(forms.Form):
    """``?pegawai=`` of a bawahan's "Catat" link: pre-selects them in the form (ignored when not a bawahan)."""

    pegawai = forms.ModelChoiceField(queryset=Pegawai.objects.none(), required=False)

    def __init__(self, *args, bawahan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].queryset = bawahan


class HapusForm(forms.Form):
    alasan = forms.CharField(
        label=gettext_lazy("Alasan (opsional)"),
        required=False,
        max_length=MAKS_ALASAN,
    )


# ---------------------------------------------------------------------------------------------------------------
# Dialog kinerja
# ---------------------------------------------------------------------------------------------------------------


def url_dialog(pegawai_id: int, periode_id: int) -> str:
    return reverse("penilaian:dialog", args=[pegawai_id, periode_id])


@login_required
def dialog(request, pegawai_pk: int, periode_pk: int):
    """GET shows the thread (newest page, oldest to newest); POST adds a message from a participant."""
    d = dialog_visible(request.user, pegawai_pk, periode_pk)
    form = PesanForm(pegawai_sendiri=d.pegawai_sendiri) if d.peserta else None
    status = 200
    if request.method == "POST":
        form = PesanForm(request.POST, pegawai_sendiri=d.pegawai_sendiri)
        if form.is_valid():
            try:
                pesan_kirim(
                    actor=request.user,
                    pegawai=d.pegawai,
                    periode=d.periode,
                    teks=form.cleaned_data["teks"],
                    jenis=form.cleaned_data.get("jenis") or JenisPesan.DIALOG,
                )
            except DomainError as exc:
                add_to_form(form, exc)
        if not form.errors:
            return redirect(f"{url_dialog(d.pegawai.pk, d.periode.pk)}#pesan-terakhir")
        status = REFUSED_STATUS
    page = paginate(request, pesan_dialog(d.pegawai, d.periode).order_by("-dikirim_pada", "-pk"), PESAN_PER_HALAMAN)
    konteks = {
        "d": d,
        "me_pk": d.me.pk if d.me else None,
        "page_obj": page,
        "pesan": list(reversed(page.object_list)),
        "form": form,
        "kebijakan": JenisPesan.UMPAN_BALIK_KEBIJAKAN,
    }
    return render(request, "penilaian/dialog.html", konteks, status=status)


# ---------------------------------------------------------------------------------------------------------------
# Analisis permasalahan kinerja
# ---------------------------------------------------------------------------------------------------------------


def _bawahan(me: Pegawai | None, periode: PeriodePenilaian):
    if me is None:
        return Pegawai.objects.none()
    return bawahan_langsung(me, periode.tanggal_selesai).select_related("jabatan").order_by("nama", "pk")


def _halaman(request, periode: PeriodePenilaian, *, form=None, galat: DomainError | None = None, status: int = 200):
    """The analysis page; 404 when the login has nothing to see here (no bawahan, no tags, not an admin)."""
    me = pegawai_of(request.user)
    admin = opd_dikelola(request.user) != set()
    bawahan_qs = _bawahan(me, periode)
    bawahan = list(bawahan_qs)
    milik = list(permasalahan_periode(request.user, periode).filter(dicatat_oleh=me)) if me else []
    if not (bawahan or milik or admin):
        raise Http404
    if form is not None and not bawahan:
        # A crafted POST by someone with nobody to tag (an admin reads here only).
        galat, form = DomainError(_("Anda tidak menilai pegawai mana pun pada periode ini.")), None
    # Own tags grouped under each bawahan; someone tagged who is no longer a bawahan at the period's end (a
    # mid-period mutasi) keeps their row.
    per_pegawai: dict[int, list] = {}
    orang = {p.pk: p for p in bawahan}
    for m in milik:
        per_pegawai.setdefault(m.pegawai_id, []).append(m)
        orang.setdefault(m.pegawai_id, m.pegawai)
    jumlah = jumlah_pesan(orang, [periode.pk])
    baris = [(p, per_pegawai.get(p.pk, []), jumlah.get((p.pk, periode.pk), 0)) for p in orang.values()]
    if form is None and bawahan:
        pilih = PilihPegawaiForm(request.GET, bawahan=bawahan_qs)
        awal = pilih.cleaned_data.get("pegawai") if pilih.is_valid() else None
        form = PermasalahanForm(bawahan=bawahan_qs, initial={"pegawai": awal})
    semua = permasalahan_periode(request.user, periode)
    hitung = jumlah_per_jenis(semua)
    konteks = {
        "periode": periode,
        "baris": baris,
        "form": form if bawahan else None,
        "form_hapus": HapusForm(),
        "galat": galat,
        "admin": admin,
        "page_obj": paginate(request, semua) if admin else None,
        "hitung": [(j, hitung[j.value]) for j in JenisPermasalahan],
        "total": sum(hitung.values()),
    }
    return render(request, "penilaian/permasalahan.html", konteks, status=status)


def _url_permasalahan(periode_id: int) -> str:
    return reverse("penilaian:permasalahan", args=[periode_id])


@login_required
def permasalahan(request, periode_pk: int):
    """GET shows the analysis; POST tags a problem of one of the actor's bawahan."""
    periode = get_object_or_404(PeriodePenilaian, pk=periode_pk)
    if request.method != "POST":
        return _halaman(request, periode)
    form = PermasalahanForm(request.POST, bawahan=_bawahan(pegawai_of(request.user), periode))
    if form.is_valid():
        try:
            permasalahan_catat(
                actor=request.user,
                pegawai=form.cleaned_data["pegawai"],
                periode=periode,
                jenis=form.cleaned_data["jenis"],
                catatan=form.cleaned_data["catatan"],
            )
        except DomainError as exc:
            add_to_form(form, exc)
    if form.errors:
        return _halaman(request, periode, form=form, status=REFUSED_STATUS)
    messages.success(
        request, _("Permasalahan kinerja %(nama)s dicatat.") % {"nama": form.cleaned_data["pegawai"].nama_lengkap}
    )
    return redirect(_url_permasalahan(periode.pk))


@login_required
@require_POST
def permasalahan_hapus_view(request, pk: int):
    """Remove a tag (kept in the database, marked deleted): the one who tagged it; others who see it get 422."""
    obj = get_object_or_404(permasalahan_visible_to(request.user).select_related("periode", "pegawai"), pk=pk)
    form = HapusForm(request.POST)
    try:
        if not form.is_valid():
            # One optional text field: only a crafted length fails it.
            raise DomainError(" ".join(form.errors["alasan"]))
        permasalahan_hapus(actor=request.user, permasalahan=obj, alasan=form.cleaned_data["alasan"])
    except DomainError as exc:
        return _halaman(request, obj.periode, galat=exc, status=REFUSED_STATUS)
    messages.success(request, _("Permasalahan kinerja %(nama)s dihapus.") % {"nama": obj.pegawai.nama_lengkap})
    return redirect(_url_permasalahan(obj.periode_id))
