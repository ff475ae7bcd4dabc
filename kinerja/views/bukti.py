"""Evidence of an activity: add or remove it on one's own draft, and download it through a permission check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pegawai.akses import butuh_pegawai, pegawai_of
from portal.akseslog import catat_akses
from portal.choices import JenisAkses
from portal.errors import REFUSED_STATUS, add_to_form

from ..choices import JenisBukti
from ..errors import AktivitasError
from ..forms import BuktiForm
from ..models import Aktivitas
from ..selectors.aktivitas import bukti_visible_to
from ..selectors.cache import cache_of
from ..selectors.kalender import pengaturan_kinerja
from ..services import bukti as bukti_services
from .harian import milik


def _render_bukti(request, aktivitas: Aktivitas, form: BuktiForm | None = None, *, pesan=None, status: int = 200):
    return render(
        request,
        "kinerja/_bukti.html",
        {
            "a": aktivitas,
            "bukti": list(aktivitas.bukti.order_by("dibuat_pada", "pk")),
            "form_bukti": form or BuktiForm(auto_id=f"id_bukti{aktivitas.pk}_%s"),
            "pesan": pesan or [],
            "pengaturan": pengaturan_kinerja(cache_of(request)),
        },
        status=status,
    )


@butuh_pegawai
@require_POST
def bukti_tambah(request, me, pk: int):
    """Attach a photo, a file and/or a link to a draft or rejected activity of one's own."""
    aktivitas = milik(me, pk)
    form = BuktiForm(request.POST, request.FILES, auto_id=f"id_bukti{aktivitas.pk}_%s")
    tersimpan = None
    if form.is_valid():
        try:
            tersimpan = bukti_services.bukti_tambah(
                actor=me, aktivitas=aktivitas, berkas=form.daftar_berkas(), tautan=form.cleaned_data["tautan"]
            )
        except AktivitasError as exc:
            add_to_form(form, exc)
    if tersimpan is None:
        if request.htmx:
            return _render_bukti(request, aktivitas, form, status=REFUSED_STATUS)
        for pesan in [*form.non_field_errors(), *(e for f in form for e in f.errors)]:
            messages.error(request, pesan)
        return redirect("kinerja:aktivitas_ubah", pk=aktivitas.pk)
    pesan = ngettext("%(n)s bukti dukung ditambahkan.", "%(n)s bukti dukung ditambahkan.", len(tersimpan)) % {
        "n": len(tersimpan)
    }
    if request.htmx:
        return _render_bukti(request, aktivitas, pesan=[("success", pesan)])
    messages.success(request, pesan)
    return redirect("kinerja:aktivitas_ubah", pk=aktivitas.pk)


@butuh_pegawai
@require_POST
def bukti_hapus(request, me, pk: int):
    bukti = get_object_or_404(
        bukti_visible_to(request.user).filter(aktivitas__pegawai=me).select_related("aktivitas"), pk=pk
    )
    aktivitas = bukti.aktivitas
    try:
        bukti_services.bukti_hapus(actor=me, bukti=bukti)
    except AktivitasError as exc:
        if request.htmx:
            return _render_bukti(request, aktivitas, pesan=[("danger", exc.message)], status=REFUSED_STATUS)
        messages.error(request, exc.message)
        return redirect("kinerja:aktivitas_detail", pk=aktivitas.pk)
    pesan = _("Bukti dukung dihapus.")
    if request.htmx:
        return _render_bukti(request, aktivitas, pesan=[("info", pesan)])
    messages.info(request, pesan)
    return redirect("kinerja:aktivitas_ubah", pk=aktivitas.pk)


@login_required
def bukti_unduh(request, pk: int):
    """Serve an evidence file to someone who may see its activity. The type sent is the one the content check
    stored, never what the uploader's browser claimed; ``nosniff`` and a sandboxing CSP keep a browser from
    reinterpreting it; anything but a photo is an attachment."""
    bukti = get_object_or_404(
        bukti_visible_to(request.user).select_related("aktivitas__pegawai"), pk=pk, jenis=JenisBukti.BERKAS
    )
    try:
        berkas = bukti.berkas.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    me = pegawai_of(request.user)
    if me is None or me.pk != bukti.aktivitas.pegawai_id:
        catat_akses(
            user=request.user,
            jenis=JenisAkses.UNDUH,
            objek=_("Bukti dukung aktivitas %(tanggal)s: %(nama)s")
            % {"tanggal": bukti.aktivitas.tanggal.isoformat(), "nama": bukti.nama_asli},
            pegawai=bukti.aktivitas.pegawai,
            request=request,
        )
    response = FileResponse(
        berkas,
        as_attachment=not bukti.adalah_foto,
        filename=bukti.nama_asli or "bukti",
        content_type=bukti.tipe_konten,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
