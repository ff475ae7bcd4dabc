"""The editor's items: add, edit, delete and move the RHK, their IKI and the lampiran lines of the pegawai's own
draft SKP. Each view parses the request and calls :mod:`skp.services.isi`; the answers (a fragment for htmx,
a redirect or the whole editor otherwise) come from :mod:`skp.views.editor`."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from pegawai.models import Pegawai

from ..choices import JenisLampiran, JenisRhk, Pendekatan
from ..forms import IkiForm, LampiranForm, RhkForm
from ..models import IndikatorKinerjaIndividu, LampiranItem, RencanaHasilKerja, Skp
from ..services import isi as isi_services
from .base import skp_milik
from .editor import hapus_item, pindah_item, simpan_item, ubah_item


def _rhk_initial(rhk: RencanaHasilKerja) -> dict:
    return {
        "jenis": rhk.jenis,
        "teks": rhk.teks,
        "intervensi": rhk.intervensi_id,
        "perspektif": rhk.perspektif,
        "acuan_jenis": rhk.acuan_jenis,
        "acuan": rhk.acuan,
    }


def _iki_initial(iki: IndikatorKinerjaIndividu) -> dict:
    def angka(v):
        return "" if v is None else f"{v.normalize():f}".replace(".", ",")

    return {
        "teks": iki.teks,
        "aspek": iki.aspek,
        "target_min": angka(iki.target_min),
        "target_max": angka(iki.target_max) if iki.target_max != iki.target_min else "",
        "satuan": iki.satuan,
        "ukuran_keberhasilan": iki.ukuran_keberhasilan,
    }


# --- RHK ----------------------------------------------------------------------------------------------------------


def _rhk_kwargs(form: RhkForm, skp: Skp) -> dict:
    data = form.cleaned_data
    kwargs = {"teks": data["teks"], "intervensi": data["intervensi"]}
    if skp.is_jpt:
        kwargs.update(perspektif=data["perspektif"], acuan_jenis=data["acuan_jenis"], acuan=data["acuan"])
    return kwargs


@login_required
@require_POST
def rhk_tambah(request, pk: int):
    me, skp = skp_milik(request, pk)
    jenis = request.POST.get("jenis")
    if jenis not in JenisRhk.values:
        raise Http404
    return simpan_item(
        request,
        skp,
        RhkForm(request.POST, auto_id=f"id_rhk_baru_{jenis}_%s"),
        lambda form: isi_services.rhk_tambah(actor=me, skp=skp, jenis=jenis, **_rhk_kwargs(form, skp)),
        ("bagian", jenis),
        f"rhk-{jenis}",
        ("rhk_tambah", jenis),
    )


def _rhk_milik(request, pk: int, rhk_pk: int) -> tuple[Pegawai, Skp, RencanaHasilKerja]:
    me, skp = skp_milik(request, pk)
    rhk = get_object_or_404(RencanaHasilKerja.objects.select_related("skp"), pk=rhk_pk, skp=skp)
    return me, skp, rhk


@login_required
def rhk_ubah(request, pk: int, rhk_pk: int):
    """GET: the RHK card in edit mode (``?batal=1``: back to display); POST: save it."""
    me, skp, rhk = _rhk_milik(request, pk, rhk_pk)
    return ubah_item(
        request,
        skp,
        form_kelas=RhkForm,
        auto_id=f"id_rhk_{rhk.pk}_%s",
        initial=lambda: _rhk_initial(rhk),
        simpan=lambda form: isi_services.rhk_ubah(actor=me, rhk=rhk, **_rhk_kwargs(form, skp)),
        bagian=("kartu", rhk.pk),
        anchor=f"rhk-{rhk.pk}",
        timpa_key=("rhk_ubah", rhk.pk),
    )


@login_required
@require_POST
def rhk_hapus(request, pk: int, rhk_pk: int):
    me, skp, rhk = _rhk_milik(request, pk, rhk_pk)
    hapus = partial(isi_services.rhk_hapus, actor=me, rhk=rhk)
    return hapus_item(request, skp, hapus, ("bagian", rhk.jenis), f"rhk-{rhk.jenis}")


@login_required
@require_POST
def rhk_pindah(request, pk: int, rhk_pk: int):
    me, skp, rhk = _rhk_milik(request, pk, rhk_pk)
    pindah = partial(isi_services.rhk_pindah, actor=me, rhk=rhk)
    return pindah_item(request, skp, rhk, pindah, ("bagian", rhk.jenis), f"rhk-{rhk.pk}")


# --- IKI ----------------------------------------------------------------------------------------------------------


def _iki_kwargs(form: IkiForm, skp: Skp) -> dict:
    data = form.cleaned_data
    if skp.pendekatan == Pendekatan.KUALITATIF:
        return {"teks": data["teks"], "ukuran_keberhasilan": data["ukuran_keberhasilan"], "aspek": data["aspek"]}
    return {
        "teks": data["teks"],
        "aspek": "" if skp.is_jpt else data["aspek"],
        "target_min": data["target_min"] or None,
        "target_max": data["target_max"] or None,
        "satuan": data["satuan"],
    }


@login_required
@require_POST
def iki_tambah(request, pk: int, rhk_pk: int):
    me, skp, rhk = _rhk_milik(request, pk, rhk_pk)
    return simpan_item(
        request,
        skp,
        IkiForm(request.POST, auto_id=f"id_iki_baru_{rhk.pk}_%s"),
        lambda form: isi_services.iki_tambah(actor=me, rhk=rhk, **_iki_kwargs(form, skp)),
        ("kartu", rhk.pk),
        f"rhk-{rhk.pk}",
        ("iki_tambah", rhk.pk),
    )


def _iki_milik(request, pk: int, iki_pk: int):
    me, skp = skp_milik(request, pk)
    iki = get_object_or_404(IndikatorKinerjaIndividu.objects.select_related("rhk__skp"), pk=iki_pk, rhk__skp=skp)
    return me, skp, iki


@login_required
def iki_ubah(request, pk: int, iki_pk: int):
    me, skp, iki = _iki_milik(request, pk, iki_pk)
    return ubah_item(
        request,
        skp,
        form_kelas=IkiForm,
        auto_id=f"id_iki_{iki.pk}_%s",
        initial=lambda: _iki_initial(iki),
        simpan=lambda form: isi_services.iki_ubah(actor=me, iki=iki, **_iki_kwargs(form, skp)),
        bagian=("kartu", iki.rhk_id),
        anchor=f"rhk-{iki.rhk_id}",
        timpa_key=("iki_ubah", iki.pk),
    )


@login_required
@require_POST
def iki_hapus(request, pk: int, iki_pk: int):
    me, skp, iki = _iki_milik(request, pk, iki_pk)
    hapus = partial(isi_services.iki_hapus, actor=me, iki=iki)
    return hapus_item(request, skp, hapus, ("kartu", iki.rhk_id), f"rhk-{iki.rhk_id}")


@login_required
@require_POST
def iki_pindah(request, pk: int, iki_pk: int):
    me, skp, iki = _iki_milik(request, pk, iki_pk)
    pindah = partial(isi_services.iki_pindah, actor=me, iki=iki)
    return pindah_item(request, skp, iki, pindah, ("kartu", iki.rhk_id), f"rhk-{iki.rhk_id}")


# --- Lampiran -----------------------------------------------------------------------------------------------------


@login_required
@require_POST
def lampiran_tambah(request, pk: int):
    me, skp = skp_milik(request, pk)
    jenis = request.POST.get("jenis")
    if jenis not in JenisLampiran.values:
        raise Http404
    return simpan_item(
        request,
        skp,
        LampiranForm(request.POST, auto_id=f"id_lampiran_baru_{jenis}_%s"),
        lambda form: isi_services.lampiran_tambah(actor=me, skp=skp, jenis=jenis, teks=form.cleaned_data["teks"]),
        ("lampiran", jenis),
        f"lampiran-{jenis}",
        ("lampiran_tambah", jenis),
    )


def _lampiran_milik(request, pk: int, item_pk: int):
    me, skp = skp_milik(request, pk)
    item = get_object_or_404(LampiranItem.objects.select_related("skp"), pk=item_pk, skp=skp)
    return me, skp, item


@login_required
def lampiran_ubah(request, pk: int, item_pk: int):
    me, skp, item = _lampiran_milik(request, pk, item_pk)
    return ubah_item(
        request,
        skp,
        form_kelas=LampiranForm,
        auto_id=f"id_lampiran_{item.pk}_%s",
        initial=lambda: {"jenis": item.jenis, "teks": item.teks},
        simpan=lambda form: isi_services.lampiran_ubah(actor=me, item=item, teks=form.cleaned_data["teks"]),
        bagian=("lampiran", item.jenis),
        anchor=f"lampiran-{item.jenis}",
        timpa_key=("lampiran_ubah", item.pk),
    )


@login_required
@require_POST
def lampiran_hapus(request, pk: int, item_pk: int):
    me, skp, item = _lampiran_milik(request, pk, item_pk)
    hapus = partial(isi_services.lampiran_hapus, actor=me, item=item)
    return hapus_item(request, skp, hapus, ("lampiran", item.jenis), f"lampiran-{item.jenis}")


@login_required
@require_POST
def lampiran_pindah(request, pk: int, item_pk: int):
    me, skp, item = _lampiran_milik(request, pk, item_pk)
    pindah = partial(isi_services.lampiran_pindah, actor=me, item=item)
    return pindah_item(request, skp, item, pindah, ("lampiran", item.jenis), f"lampiran-{item.jenis}")
