"""One activity: change, delete or submit it (the owner), submit or copy a whole day, and its detail page for
everyone who may see it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pegawai.akses import butuh_pegawai, dapat_menilai, pegawai_of
from pegawai.atasan import riwayat_pada
from portal.akseslog import catat_akses
from portal.choices import JenisAkses
from portal.errors import REFUSED_STATUS, add_to_form
from portal.tautan import kembali_ke

from .. import rules
from ..choices import StatusAktivitas
from ..errors import AktivitasError
from ..forms import AktivitasForm, BuktiForm, TolakForm
from ..models import Aktivitas
from ..selectors.aktivitas import aktivitas_visible_to
from ..selectors.cache import cache_of
from ..selectors.kalender import pengaturan_kinerja
from ..selectors.penguncian import status_kunci
from ..services import aktivitas as aktivitas_services
from ._common import label_aktivitas, tanggal_dari, url_harian
from .harian import milik, rhk_form, selesai_hari


@butuh_pegawai
def aktivitas_ubah(request, me, pk: int):
    """Change a draft or rejected activity (the atasan's catatan stays in view while revising)."""
    aktivitas = milik(me, pk)
    if not aktivitas.dapat_diubah:
        messages.info(
            request,
            _("Aktivitas ini berstatus %(status)s sehingga tidak dapat diubah.")
            % {"status": aktivitas.get_status_display().lower()},
        )
        url = reverse("kinerja:aktivitas_detail", args=[aktivitas.pk])
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)
    asal = aktivitas.tanggal
    form = AktivitasForm(
        request.POST or None,
        initial=AktivitasForm.awal_dari(aktivitas),
        rhk=rhk_form(me, aktivitas.tanggal, cache_of(request), aktivitas),
        auto_id=f"id_ubah{aktivitas.pk}_%s",
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                aktivitas_services.aktivitas_ubah(actor=me, aktivitas=aktivitas, **form.isi())
            except AktivitasError as exc:
                add_to_form(form, exc)
            else:
                if aktivitas.tanggal != asal:
                    pesan = _("Aktivitas dipindah ke %(tanggal)s.") % {
                        "tanggal": date_format(aktivitas.tanggal, "l, j F Y")
                    }
                else:
                    pesan = _("Perubahan aktivitas %(label)s tersimpan.") % {"label": label_aktivitas(aktivitas)}
                if request.htmx:
                    return selesai_hari(request, me, asal, pesan)
                messages.success(request, pesan)
                return redirect(url_harian(aktivitas.tanggal))
    context = {
        "a": aktivitas,
        "form": form,
        "form_bukti": BuktiForm(auto_id=f"id_bukti{aktivitas.pk}_%s"),
        "bukti": list(aktivitas.bukti.order_by("dibuat_pada", "pk")),
        "pengaturan": pengaturan_kinerja(cache_of(request)),
    }
    status = REFUSED_STATUS if request.method == "POST" else 200
    if request.htmx:
        return render(request, "kinerja/_aktivitas_ubah.html", context, status=status)
    return render(request, "kinerja/aktivitas_ubah.html", context, status=status)


@butuh_pegawai
@require_POST
def aktivitas_hapus(request, me, pk: int):
    aktivitas = milik(me, pk)
    label = label_aktivitas(aktivitas)
    try:
        aktivitas_services.aktivitas_hapus(actor=me, aktivitas=aktivitas)
    except AktivitasError as exc:
        return selesai_hari(request, me, aktivitas.tanggal, exc.message, tingkat="danger", status=REFUSED_STATUS)
    return selesai_hari(
        request, me, aktivitas.tanggal, _("Aktivitas %(label)s dihapus.") % {"label": label}, tingkat="info"
    )


@butuh_pegawai
@require_POST
def aktivitas_ajukan(request, me, pk: int):
    aktivitas = milik(me, pk)
    try:
        aktivitas_services.aktivitas_ajukan(actor=me, aktivitas=aktivitas)
    except AktivitasError as exc:
        return selesai_hari(request, me, aktivitas.tanggal, exc.message, tingkat="danger", status=REFUSED_STATUS)
    pesan = _("Aktivitas %(label)s diajukan ke atasan.") % {"label": label_aktivitas(aktivitas)}
    return selesai_hari(request, me, aktivitas.tanggal, pesan)


@butuh_pegawai
@require_POST
def aktivitas_tarik(request, me, pk: int):
    """Withdraw a submitted activity before the atasan acts (back to draft), from the day's list (htmx) or the
    activity's page (which it returns to, where the activity can now be changed)."""
    aktivitas = milik(me, pk)
    label = label_aktivitas(aktivitas)
    try:
        aktivitas_services.aktivitas_tarik(actor=me, aktivitas=aktivitas)
    except AktivitasError as exc:
        if request.htmx:
            return selesai_hari(request, me, aktivitas.tanggal, exc.message, tingkat="danger", status=REFUSED_STATUS)
        messages.error(request, exc.message)
        return redirect(kembali_ke(request, url_harian(aktivitas.tanggal)))
    pesan = _("Aktivitas %(label)s ditarik kembali dari atasan dan menjadi draf lagi.") % {"label": label}
    if request.htmx:
        return selesai_hari(request, me, aktivitas.tanggal, pesan, tingkat="info")
    messages.info(request, pesan)
    return redirect(kembali_ke(request, url_harian(aktivitas.tanggal)))


@butuh_pegawai
@require_POST
def ajukan_hari(request, me):
    """Submit every draft of one day at once (all or nothing)."""
    tanggal = tanggal_dari(request.POST)
    draf = list(Aktivitas.objects.filter(pegawai=me, tanggal=tanggal, status=StatusAktivitas.DRAFT).order_by("pk"))
    if not draf:
        return selesai_hari(
            request, me, tanggal, _("Tidak ada draf pada tanggal ini untuk diajukan."), tingkat="warning"
        )
    try:
        aktivitas_services.aktivitas_ajukan(actor=me, aktivitas=draf)
    except AktivitasError as exc:
        return selesai_hari(request, me, tanggal, exc.message, tingkat="danger", status=REFUSED_STATUS)
    pesan = ngettext("%(n)s aktivitas diajukan ke atasan.", "%(n)s aktivitas diajukan ke atasan.", len(draf)) % {
        "n": len(draf)
    }
    return selesai_hari(request, me, tanggal, pesan)


@butuh_pegawai
@require_POST
def salin_kemarin(request, me):
    """Copy the previous working day's activities as drafts of this day."""
    tanggal = tanggal_dari(request.POST)
    try:
        hasil = aktivitas_services.aktivitas_salin_kemarin(actor=me, tanggal=tanggal)
    except AktivitasError as exc:
        return selesai_hari(request, me, tanggal, exc.message, tingkat="warning", status=REFUSED_STATUS)
    pesan = ngettext(
        "%(n)s aktivitas disalin dari %(tanggal)s sebagai draf.",
        "%(n)s aktivitas disalin dari %(tanggal)s sebagai draf.",
        len(hasil.dibuat),
    ) % {"n": len(hasil.dibuat), "tanggal": date_format(hasil.sumber_tanggal, "l, j F")}
    if hasil.dilewati:
        pesan += " " + ngettext("%(n)s aktivitas dilewati:", "%(n)s aktivitas dilewati:", len(hasil.dilewati)) % {
            "n": len(hasil.dilewati)
        }
        for asal, alasan in hasil.dilewati:
            pesan += " " + _("%(jam)s «%(uraian)s» — %(alasan)s") % {
                "jam": f"{asal.jam_mulai:%H.%M}–{asal.jam_selesai:%H.%M}",
                "uraian": rules.ringkas_teks(asal.uraian, 40),
                "alasan": alasan,
            }
    # Green only when everything was copied: a skipped activity is something the pegawai must look at.
    tingkat = "warning" if hasil.dilewati or not hasil.dibuat else "success"
    # The form is swapped too: the next start time follows the copied activities.
    return selesai_hari(request, me, tanggal, pesan, tingkat=tingkat, bagian=("hari", "kalender", "form"))


@login_required
def aktivitas_detail(request, pk: int):
    """One activity with its evidence, for the pegawai, the atasan and anyone else who may see it; the atasan of
    the activity's date decides here too."""
    aktivitas = get_object_or_404(
        aktivitas_visible_to(request.user).select_related("pegawai__jabatan__unit_kerja", "rhk", "diverifikasi_oleh"),
        pk=pk,
    )
    me = pegawai_of(request.user)
    sendiri = me is not None and me.pk == aktivitas.pegawai_id
    penilai = (
        me is not None
        and not sendiri
        and aktivitas.menunggu_verifikasi
        and dapat_menilai(me, aktivitas.pegawai, on=aktivitas.tanggal)
    )
    if not sendiri:
        # UU 27/2022 Pasal 31: opening another pegawai's report is a view of their personal data.
        catat_akses(
            user=request.user,
            jenis=JenisAkses.LIHAT,
            objek=_("Aktivitas harian %(tanggal)s") % {"tanggal": aktivitas.tanggal.isoformat()},
            pegawai=aktivitas.pegawai,
            request=request,
        )
    kunci = status_kunci(aktivitas.pegawai, aktivitas.tanggal.year, aktivitas.tanggal.month)
    # The position held on the activity's date: after a mutasi the current one would mislead the old atasan.
    riwayat = riwayat_pada(aktivitas.pegawai, aktivitas.tanggal)
    return render(
        request,
        "kinerja/aktivitas_detail.html",
        {
            "a": aktivitas,
            "jabatan_hari_itu": riwayat.jabatan if riwayat else aktivitas.pegawai.jabatan,
            "bukti": list(aktivitas.bukti.order_by("dibuat_pada", "pk")),
            "milik": sendiri,
            "penilai": penilai and not kunci.terkunci,
            "kunci": kunci,
            "form_tolak": TolakForm(auto_id="id_tolak_%s", prefix=str(aktivitas.pk)),
        },
    )
