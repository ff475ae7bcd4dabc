"""The atasan's verification queue: the activities they verify on each activity's date (own position and any
Plt/Plh), approved or rejected one by one inline, or a selection at once."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pegawai.akses import butuh_pegawai, dapat_menilai, pegawai_of
from pegawai.models import Pegawai
from portal.errors import REFUSED_STATUS
from portal.pagination import PER_PAGE
from portal.tautan import kembali_ke

from ..choices import StatusAktivitas
from ..errors import AktivitasError
from ..forms import AntrianFilterForm, PilihAktivitasForm, TolakForm
from ..models import Aktivitas, BuktiDukung
from ..selectors.aktivitas import aktivitas_visible_to
from ..selectors.antrian import (
    FilterAntrian,
    antrian_verifikasi_qs,
    lengkapi_kunci,
    pegawai_antrian,
    ringkasan_antrian,
)
from ..services.verifikasi import aktivitas_setujui, aktivitas_setujui_banyak, aktivitas_tolak
from ._common import label_aktivitas


def _filter_antrian(me: Pegawai, data) -> tuple[AntrianFilterForm, FilterAntrian | None]:
    form = AntrianFilterForm(data or None, pegawai_qs=pegawai_antrian(me))
    if form.is_bound and not form.is_valid():
        return form, None
    cleaned = form.cleaned_data if form.is_bound else {}
    status = cleaned.get("status") or StatusAktivitas.DIAJUKAN
    pegawai = cleaned.get("pegawai")
    return form, FilterAntrian(
        status="" if status == "semua" else status,
        pegawai_id=pegawai.pk if pegawai else None,
        dari=cleaned.get("dari"),
        sampai=cleaned.get("sampai"),
    )


def _konteks_antrian(request, me: Pegawai, data, *, hasil=None) -> dict:
    """The queue page: filters, one page of rows with their lock state and evidence, the pending counts and
    deadlines. A fixed number of queries whatever the number of bawahan or activities."""
    form, filters = _filter_antrian(me, data)
    qs = antrian_verifikasi_qs(me, filters) if filters is not None else Aktivitas.objects.none()
    page = Paginator(qs, PER_PAGE).get_page(data.get("page") if data else None)
    rows = lengkapi_kunci(list(page.object_list))
    prefetch_related_objects(rows, Prefetch("bukti", queryset=BuktiDukung.objects.order_by("dibuat_pada", "pk")))
    return {
        "filter_form": form,
        "page_obj": page,
        "rows": rows,
        "ada_pilihan": any(a.dapat_diputuskan for a in rows),
        "ringkasan": ringkasan_antrian(me),
        "hasil": hasil,
        "query": data.urlencode() if data else "",
        "ada_filter": bool(data) and any(data.get(k) for k in ("pegawai", "status", "dari", "sampai")),
        "form_tolak": TolakForm(),
    }


@butuh_pegawai
def antrian(request, me):
    """Submitted activities of the bawahan (own position and any Plt/Plh, on each activity's date)."""
    context = _konteks_antrian(request, me, request.GET)
    if request.htmx and request.htmx.target == "antrian":
        return render(request, "kinerja/_antrian_daftar.html", context)
    return render(request, "kinerja/antrian.html", context)


def _dapat_diverifikasi(request, me: Pegawai, pk: int) -> Aktivitas:
    """An activity ``me`` verifies on its date; anything else (even one ``me`` may read) answers 404."""
    aktivitas = get_object_or_404(aktivitas_visible_to(request.user).select_related("pegawai__jabatan", "rhk"), pk=pk)
    if not dapat_menilai(me, aktivitas.pegawai, on=aktivitas.tanggal):
        raise Http404
    return aktivitas


def _baris_antrian(request, aktivitas: Aktivitas, *, pesan=None, status: int = 200, catatan: str = "") -> HttpResponse:
    """One queue row after an inline decision, and the pending counts swapped out of band."""
    aktivitas = (
        Aktivitas.objects.select_related("pegawai__jabatan", "rhk").prefetch_related("bukti").get(pk=aktivitas.pk)
    )
    lengkapi_kunci([aktivitas])
    aktivitas.jumlah_bukti = len(aktivitas.bukti.all())
    me = pegawai_of(request.user)
    html = render_to_string(
        "kinerja/_antrian_baris.html",
        {"a": aktivitas, "pesan_baris": pesan, "form_tolak": TolakForm(), "catatan": catatan},
        request,
    )
    # A <template> keeps the out-of-band section intact next to a table row (htmx 2 reads OOB swaps from it).
    html += "<template>{}</template>".format(
        render_to_string("kinerja/_antrian_ringkasan.html", {"ringkasan": ringkasan_antrian(me), "oob": True}, request)
    )
    return HttpResponse(html, status=status)


def _putuskan(request, me: Pegawai, pk: int, setujui: bool) -> HttpResponse:
    aktivitas = _dapat_diverifikasi(request, me, pk)
    form = TolakForm(request.POST, prefix=str(pk))
    galat = " ".join(form.errors.get("catatan", []))
    if not galat:
        putuskan = aktivitas_setujui if setujui else aktivitas_tolak
        try:
            putuskan(actor=me, aktivitas=aktivitas, catatan=form.cleaned_data["catatan"])
        except AktivitasError as exc:
            galat = exc.message
    if galat:
        if request.htmx:
            # A refused catatan (too long) comes back as typed, to be shortened rather than written again.
            catatan = form["catatan"].value() or ""
            return _baris_antrian(request, aktivitas, pesan=("danger", galat), status=REFUSED_STATUS, catatan=catatan)
        messages.error(request, galat)
        return redirect(kembali_ke(request, reverse("kinerja:antrian")))
    if setujui:
        pesan = _("Aktivitas %(nama)s %(label)s disetujui.")
    else:
        pesan = _("Aktivitas %(nama)s %(label)s ditolak dengan catatan.")
    pesan %= {"nama": aktivitas.pegawai.nama, "label": label_aktivitas(aktivitas)}
    if request.htmx:
        return _baris_antrian(request, aktivitas, pesan=("success", pesan))
    messages.success(request, pesan)
    return redirect(kembali_ke(request, reverse("kinerja:antrian")))


@butuh_pegawai
@require_POST
def setujui(request, me, pk: int):
    return _putuskan(request, me, pk, setujui=True)


@butuh_pegawai
@require_POST
def tolak(request, me, pk: int):
    return _putuskan(request, me, pk, setujui=False)


@butuh_pegawai
@require_POST
def setujui_banyak(request, me):
    """Approve the selected rows, each on its own: the result lists what was approved and why any other was not."""
    form = PilihAktivitasForm(request.POST)
    # A crafted selection (not ids, or thousands of them) approves nothing and says why.
    ids = form.cleaned_data["pilih"] if form.is_valid() else []
    terlihat = set(aktivitas_visible_to(request.user).filter(pk__in=ids).values_list("pk", flat=True))
    hasil = aktivitas_setujui_banyak(actor=me, aktivitas=[i for i in ids if i in terlihat])
    label = {
        a.pk: f"{a.pegawai.nama}, {label_aktivitas(a)}"
        for a in Aktivitas.objects.filter(pk__in=[pk for pk, _alasan in hasil.gagal]).select_related("pegawai")
    }
    gagal = [(label.get(pk, f"#{pk}"), alasan) for pk, alasan in hasil.gagal]
    gagal += [(f"#{pk}", _("Aktivitas tidak ditemukan.")) for pk in ids if pk not in terlihat]
    gagal += [(_("Pilihan"), pesan) for pesan in form.errors.get("pilih", [])]
    kosong = not ids and not gagal
    ringkas = {"disetujui": len(hasil.disetujui), "gagal": gagal, "kosong": kosong}
    if request.htmx:
        url = request.htmx.current_url_abs_path or ""
        data = QueryDict(urlsplit(url).query)
        context = _konteks_antrian(request, me, data, hasil=ringkas)
        html = render_to_string("kinerja/_antrian_daftar.html", context, request)
        html += render_to_string("kinerja/_antrian_ringkasan.html", {**context, "oob": True}, request)
        return HttpResponse(html)
    if kosong:
        messages.warning(request, _("Pilih dulu aktivitas yang akan disetujui."))
    if hasil.disetujui:
        messages.success(
            request,
            ngettext("%(n)s aktivitas disetujui.", "%(n)s aktivitas disetujui.", len(hasil.disetujui))
            % {"n": len(hasil.disetujui)},
        )
    for nama, alasan in gagal:
        messages.warning(request, f"{nama}: {alasan}")
    return redirect(kembali_ke(request, reverse("kinerja:antrian")))
