"""The SKP editor of a draft or returned SKP: its page and fragments, its settings, and the owner's "Ajukan" and
"Perbaiki".

The editor works with and without JavaScript: each form posts normally, and htmx (``request.htmx``) posts the
same form and swaps only the fragment it changed (a section, an RHK card, a lampiran list) plus the SKP header.
The add/edit/delete/move views of its items are in :mod:`skp.views.isi`; they share the helpers below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.errors import REFUSED_STATUS, add_to_form

from .. import rules
from ..choices import JenisLampiran, JenisRhk, Pendekatan
from ..errors import SkpError
from ..forms import IkiForm, LampiranForm, PindahForm, RhkForm, SkpPengaturanForm
from ..models import IndikatorKinerjaIndividu, LampiranItem, RencanaHasilKerja, Skp
from ..selectors.identitas import dinilai_kepala_daerah, identitas_skp
from ..selectors.skp import cek_skp_atasan_dari
from ..services.kelengkapan import masalah_pengajuan
from ..services.skp import skp_ajukan, skp_perbaiki, skp_ubah
from .base import berkode, catatan_terakhir, perilaku_baris, rhk_dengan_iki, skp_milik
from .detail import render_detail

# ---------------------------------------------------------------------------------------------------------------
# What the editor shows
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class BarisIki:
    iki: IndikatorKinerjaIndividu
    nomor: int
    pertama: bool
    terakhir: bool
    form_ubah: IkiForm | None = None


@dataclass
class KartuRhk:
    rhk: RencanaHasilKerja
    nomor: int
    pertama: bool
    terakhir: bool
    iki: list[BarisIki]
    form_iki: IkiForm
    form_ubah: RhkForm | None = None
    #: The RHK must intervene an atasan RHK (:func:`skp.rules.intervensi_wajib`): the form offers no "none".
    intervensi_wajib: bool = False


@dataclass
class BagianRhk:
    jenis: str
    judul: str
    huruf: str
    kartu: list[KartuRhk]
    form_tambah: RhkForm
    intervensi_wajib: bool = False

    @property
    def utama(self) -> bool:
        return self.jenis == JenisRhk.UTAMA


@dataclass
class BarisLampiran:
    item: LampiranItem
    pertama: bool
    terakhir: bool
    form_ubah: LampiranForm | None = None


@dataclass
class BagianLampiran:
    jenis: str
    judul: str
    items: list[BarisLampiran]
    form_tambah: LampiranForm


@dataclass
class Editor:
    """Everything the editor page shows; ``timpa`` replaces a blank form by a bound one (with its errors) or puts
    a card in edit mode, keyed ``(kind, id)``."""

    skp: Skp
    bagian: list[BagianRhk]
    lampiran: list[BagianLampiran]
    kandidat: list[RencanaHasilKerja]
    skp_atasan: Skp | None
    pesan_atasan: str
    kelengkapan: list[str]
    kepala_daerah: bool
    timpa: dict = field(default_factory=dict)

    def bagian_untuk(self, jenis: str) -> BagianRhk:
        return next(b for b in self.bagian if b.jenis == jenis)

    def kartu_untuk(self, rhk_pk: int) -> KartuRhk:
        for b in self.bagian:
            for k in b.kartu:
                if k.rhk.pk == rhk_pk:
                    return k
        raise Http404

    def lampiran_untuk(self, jenis: str) -> BagianLampiran:
        return next(b for b in self.lampiran if b.jenis == jenis)


def _kartu_rhk(skp: Skp, daftar: list[RencanaHasilKerja], timpa: dict) -> list[KartuRhk]:
    kartu = []
    for i, rhk in enumerate(daftar):
        iki = list(rhk.iki.all())
        kartu.append(
            KartuRhk(
                rhk=rhk,
                nomor=i + 1,
                pertama=i == 0,
                terakhir=i == len(daftar) - 1,
                iki=[
                    BarisIki(
                        iki=x,
                        nomor=n + 1,
                        pertama=n == 0,
                        terakhir=n == len(iki) - 1,
                        form_ubah=timpa.get(("iki_ubah", x.pk)),
                    )
                    for n, x in enumerate(iki)
                ],
                form_iki=timpa.get(("iki_tambah", rhk.pk)) or IkiForm(auto_id=f"id_iki_baru_{rhk.pk}_%s"),
                form_ubah=timpa.get(("rhk_ubah", rhk.pk)),
                intervensi_wajib=rules.intervensi_wajib(skp.format, rhk.jenis),
            )
        )
    return kartu


def _editor(skp: Skp, timpa: dict | None = None) -> Editor:
    timpa = timpa or {}
    kandidat: list[RencanaHasilKerja] = []
    skp_atasan = None
    pesan_atasan = ""
    kepala_daerah = skp.is_jpt and dinilai_kepala_daerah(skp)
    info = None
    if not kepala_daerah:
        info = cek_skp_atasan_dari(skp)
        skp_atasan = info.skp
        pesan_atasan = info.pesan
        if skp_atasan is not None:
            kandidat = berkode(list(skp_atasan.rhk.select_related("skp__pegawai")))

    rhk_list = rhk_dengan_iki(skp)
    bagian = []
    for jenis, huruf in ((JenisRhk.UTAMA, "A"), (JenisRhk.TAMBAHAN, "B")):
        form_tambah = timpa.get(("rhk_tambah", jenis.value)) or RhkForm(
            initial={"jenis": jenis.value}, auto_id=f"id_rhk_baru_{jenis.value}_%s"
        )
        bagian.append(
            BagianRhk(
                jenis=jenis.value,
                judul=jenis.label,
                huruf=huruf,
                kartu=_kartu_rhk(skp, [r for r in rhk_list if r.jenis == jenis], timpa),
                form_tambah=form_tambah,
                intervensi_wajib=rules.intervensi_wajib(skp.format, jenis),
            )
        )

    items = list(skp.lampiran.order_by("jenis", "urutan"))
    lampiran = []
    for jenis in JenisLampiran:
        daftar = [i for i in items if i.jenis == jenis.value]
        lampiran.append(
            BagianLampiran(
                jenis=jenis.value,
                judul=jenis.label,
                items=[
                    BarisLampiran(
                        item=item,
                        pertama=n == 0,
                        terakhir=n == len(daftar) - 1,
                        form_ubah=timpa.get(("lampiran_ubah", item.pk)),
                    )
                    for n, item in enumerate(daftar)
                ],
                form_tambah=timpa.get(("lampiran_tambah", jenis.value))
                or LampiranForm(initial={"jenis": jenis.value}, auto_id=f"id_lampiran_baru_{jenis.value}_%s"),
            )
        )
    return Editor(
        skp=skp,
        bagian=bagian,
        lampiran=lampiran,
        kandidat=kandidat,
        skp_atasan=skp_atasan,
        pesan_atasan=pesan_atasan,
        kelengkapan=masalah_pengajuan(skp, info),
        kepala_daerah=kepala_daerah,
        timpa=timpa,
    )


def _konteks_editor(skp: Skp, editor: Editor) -> dict:
    return {
        "skp": skp,
        "editor": editor,
        "kualitatif": skp.pendekatan == Pendekatan.KUALITATIF,
        "jpt": skp.is_jpt,
        "catatan_kembali": catatan_terakhir(skp),
    }


def render_editor(
    request,
    skp: Skp,
    *,
    status: int = 200,
    timpa: dict | None = None,
    form_pengaturan: SkpPengaturanForm | None = None,
    galat_ajukan: SkpError | None = None,
):
    editor = _editor(skp, timpa)
    context = _konteks_editor(skp, editor)
    context.update(
        form_pengaturan=form_pengaturan
        or SkpPengaturanForm(
            initial={
                "pendekatan": skp.pendekatan,
                "tanggal_mulai": skp.tanggal_mulai,
                "tanggal_selesai": skp.tanggal_selesai,
            },
            auto_id="id_pengaturan_%s",
        ),
        galat_ajukan=galat_ajukan,
        perilaku=perilaku_baris(skp),
    )
    return render(request, "skp/editor.html", context, status=status)


# ---------------------------------------------------------------------------------------------------------------
# Answers of the editor's item views (skp.views.isi)
# ---------------------------------------------------------------------------------------------------------------


def fragmen(request, skp: Skp, bagian: str, target, *, status: int = 200, timpa: dict | None = None) -> HttpResponse:
    """One piece of the editor for htmx — ``bagian`` "bagian" (an RHK section, ``target`` its jenis), "kartu"
    (an RHK card, ``target`` its pk) or "lampiran" (a lampiran list, ``target`` its jenis) — followed by the SKP
    header swapped out of band (its status and the checklist change with every edit)."""
    skp.refresh_from_db()
    editor = _editor(skp, timpa)
    context = _konteks_editor(skp, editor)
    if bagian == "bagian":
        context["bagian"] = editor.bagian_untuk(target)
        template = "skp/_rhk_bagian.html"
    elif bagian == "kartu":
        context["kartu"] = editor.kartu_untuk(target)
        template = "skp/_rhk_kartu.html"
    else:
        context["bl"] = editor.lampiran_untuk(target)
        template = "skp/_lampiran_bagian.html"
    html = render_to_string(template, context, request)
    html += render_to_string("skp/_editor_kepala.html", {**context, "oob": True}, request)
    return HttpResponse(html, status=status)


def tolak_aksi(request, skp: Skp, exc: SkpError) -> HttpResponse:
    """A refused editor action with no form to show it on (delete, move, or any edit of an SKP that can no longer
    be edited): htmx gets the message in the editor's message area; a plain POST the whole page again, 422."""
    skp.refresh_from_db()
    if request.htmx:
        html = render_to_string("components/galat.html", {"galat": exc, "judul": exc.message, "tutup": True}, request)
        response = HttpResponse(html, status=REFUSED_STATUS)
        response["HX-Retarget"] = "#editor-pesan"
        response["HX-Reswap"] = "innerHTML"
        return response
    messages.error(request, exc.message)
    if not skp.dapat_diubah:
        return render_detail(request, skp, status=REFUSED_STATUS)
    return render_editor(request, skp, status=REFUSED_STATUS)


def bukan_draf(request, skp: Skp) -> HttpResponse | None:
    """For the editor's GET pieces: an SKP that can no longer be edited sends the user to its detail page (htmx
    follows ``HX-Redirect``), so no edit form is ever shown for it."""
    if skp.dapat_diubah:
        return None
    messages.info(
        request,
        _("SKP ini berstatus %(status)s sehingga tidak dapat diubah.") % {"status": skp.get_status_display().lower()},
    )
    url = reverse("skp:detail", args=[skp.pk])
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def ke_bagian(request, skp: Skp, bagian: tuple, anchor: str) -> HttpResponse:
    """After an editor action: htmx gets the changed piece (``bagian`` = :func:`fragmen`'s ``bagian, target``),
    a plain POST a redirect back to it in the editor."""
    if request.htmx:
        return fragmen(request, skp, *bagian)
    return redirect(f"{reverse('skp:ubah', args=[skp.pk])}#{anchor}")


def simpan_item(
    request, skp: Skp, form, simpan: Callable, bagian: tuple, anchor: str, timpa_key: tuple
) -> HttpResponse:
    """A posted add/edit form of the editor: ``simpan(form)`` calls the service. A refusal goes on the form
    (:func:`portal.errors.add_to_form`), or on top when the SKP can no longer be edited; an invalid form is shown
    again in place, 422."""
    if form.is_valid():
        try:
            simpan(form)
        except SkpError as exc:
            if not Skp.objects.get(pk=skp.pk).dapat_diubah:
                return tolak_aksi(request, skp, exc)
            add_to_form(form, exc)
        else:
            return ke_bagian(request, skp, bagian, anchor)
    timpa = {timpa_key: form}
    if request.htmx:
        return fragmen(request, skp, *bagian, status=REFUSED_STATUS, timpa=timpa)
    return render_editor(request, skp, status=REFUSED_STATUS, timpa=timpa)


def ubah_item(
    request,
    skp: Skp,
    *,
    form_kelas: type,
    auto_id: str,
    initial: Callable[[], dict],
    simpan: Callable,
    bagian: tuple,
    anchor: str,
    timpa_key: tuple,
) -> HttpResponse:
    """GET: the item in edit mode (``?batal=1``: back to display); POST: save it through :func:`simpan_item`."""
    if request.method == "GET":
        if (tolak := bukan_draf(request, skp)) is not None:
            return tolak
        if request.GET.get("batal"):
            return ke_bagian(request, skp, bagian, anchor)
        timpa = {timpa_key: form_kelas(initial=initial(), auto_id=auto_id)}
        if request.htmx:
            return fragmen(request, skp, *bagian, timpa=timpa)
        return render_editor(request, skp, timpa=timpa)
    if request.method != "POST":
        return HttpResponse(status=405)
    return simpan_item(request, skp, form_kelas(request.POST, auto_id=auto_id), simpan, bagian, anchor, timpa_key)


def hapus_item(request, skp: Skp, hapus: Callable[[], object], bagian: tuple, anchor: str) -> HttpResponse:
    # ``bagian`` and ``anchor`` are taken before the delete: a deleted instance has lost its pk.
    try:
        hapus()
    except SkpError as exc:
        return tolak_aksi(request, skp, exc)
    return ke_bagian(request, skp, bagian, anchor)


def pindah_item(request, skp: Skp, item, pindah: Callable[..., object], bagian: tuple, anchor: str) -> HttpResponse:
    """Move ``item`` one place up (``naik``) or down (``turun``); ``pindah(urutan=...)`` calls the service."""
    form = PindahForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    urutan = item.urutan - 1 if form.cleaned_data["arah"] == "naik" else item.urutan + 1
    try:
        pindah(urutan=max(1, urutan))
    except SkpError as exc:
        return tolak_aksi(request, skp, exc)
    return ke_bagian(request, skp, bagian, anchor)


# ---------------------------------------------------------------------------------------------------------------
# The editor page, its settings, and the owner's workflow buttons
# ---------------------------------------------------------------------------------------------------------------


@login_required
def ubah(request, pk: int):
    _me, skp = skp_milik(request, pk)
    if (tolak := bukan_draf(request, skp)) is not None:
        return tolak
    return render_editor(request, skp)


@login_required
@require_POST
def pengaturan(request, pk: int):
    me, skp = skp_milik(request, pk)
    form = SkpPengaturanForm(request.POST, auto_id="id_pengaturan_%s")
    if form.is_valid():
        try:
            skp_ubah(actor=me, skp=skp, **form.cleaned_data)
        except SkpError as exc:
            skp.refresh_from_db()
            if not skp.dapat_diubah:
                return tolak_aksi(request, skp, exc)
            add_to_form(form, exc)
        else:
            messages.success(request, _("Pendekatan dan periode SKP sudah disimpan."))
            return redirect("skp:ubah", skp.pk)
    if not skp.dapat_diubah:
        return tolak_aksi(request, skp, SkpError(rules.cek_dapat_diubah(skp.status)))
    return render_editor(request, skp, status=REFUSED_STATUS, form_pengaturan=form)


@login_required
@require_POST
def ajukan(request, pk: int):
    me, skp = skp_milik(request, pk)
    try:
        skp_ajukan(actor=me, skp=skp)
    except SkpError as exc:
        skp.refresh_from_db()
        if not skp.dapat_diubah:
            messages.error(request, exc.message)
            return render_detail(request, skp, status=REFUSED_STATUS)
        return render_editor(request, skp, status=REFUSED_STATUS, galat_ajukan=exc)
    atasan = identitas_skp(skp).penilai
    nama = (atasan or {}).get("nama") or (atasan or {}).get("jabatan") or _("pejabat penilai")
    messages.success(request, _("SKP sudah diajukan kepada %(nama)s untuk disetujui.") % {"nama": nama})
    return redirect("skp:detail", skp.pk)


@login_required
@require_POST
def perbaiki(request, pk: int):
    me, skp = skp_milik(request, pk)
    try:
        skp_perbaiki(actor=me, skp=skp)
    except SkpError as exc:
        messages.error(request, exc.message)
        return render_detail(request, skp, status=REFUSED_STATUS)
    messages.info(request, _("SKP kembali menjadi draf. Perbaiki sesuai catatan, lalu ajukan kembali."))
    return redirect("skp:ubah", skp.pk)
