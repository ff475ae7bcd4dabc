"""The pegawai's day: the quick entry form, the day's activities, the month's calendar, and the htmx fragments
that keep them right after each change."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget, trigger_client_event

from pegawai.akses import butuh_pegawai
from pegawai.models import Pegawai
from portal.errors import REFUSED_STATUS, add_to_form
from skp.models import RencanaHasilKerja

from .. import waktu
from ..choices import StatusAktivitas
from ..errors import AktivitasError
from ..forms import AktivitasBaruForm
from ..models import Aktivitas, BuktiDukung
from ..selectors.cache import ReadCache, cache_of
from ..selectors.harian import (
    HariKalender,
    KalenderBulan,
    aktivitas_berikut,
    aktivitas_hari,
    dengan_satuan_iki,
    menit_per_hari,
    rhk_pilihan,
    rhk_terakhir,
    ringkas_hari,
)
from ..selectors.kalender import data_kalender_tanggal, pengaturan_kinerja
from ..selectors.penguncian import entri_tanggal
from ..services.aktivitas import aktivitas_catat
from ._common import (
    bulan_geser,
    ringkas_bulan,
    tanggal_dari,
    target_harian,
    url_harian,
)

#: Where a new day's first activity starts when nothing was recorded yet (07.30 is the usual start of the
#: working day in Pemda offices; 08.00 is a round default most people correct less often).
JAM_MULAI_BAWAAN = datetime.time(8, 0)
DURASI_BAWAAN = 60


def _bawaan_form(tanggal: datetime.date, daftar: list[Aktivitas], rhk: list, terakhir: tuple[int, str] | None) -> dict:
    """Defaults that make a routine entry two actions on this page (type what was done, "Simpan dan ajukan"):
    the next activity starts where the last one ended and lasts an hour; the RHK of the last entry (``terakhir``,
    :func:`kinerja.selectors.harian.rhk_terakhir`) with its satuan, or the only RHK; volume 1."""
    dihitung = [a for a in daftar if a.status != StatusAktivitas.DITOLAK]
    jam_mulai, jam_selesai = _jam_berikut(max((a.jam_selesai for a in dihitung), default=None))
    awal = {
        "tanggal": tanggal,
        "jam_mulai": jam_mulai,
        "jam_selesai": jam_selesai,
        "volume": "1",
        "satuan": (dihitung[-1].satuan if dihitung else None) or "kegiatan",
    }
    if terakhir is not None and any(r.pk == terakhir[0] for r in rhk):
        # Its satuan too: realisasi adds up volumes per IKI satuan, and the last entry's is the one that counted.
        awal["pilihan"] = f"rhk-{terakhir[0]}"
        awal["satuan"] = terakhir[1]
    elif len(rhk) == 1:
        awal["pilihan"] = f"rhk-{rhk[0].pk}"
    return awal


def _jam_berikut(selesai_terakhir: datetime.time | None) -> tuple[datetime.time, datetime.time]:
    """The next activity's default times: from the day's latest end (or the usual start) for an hour."""
    mulai = selesai_terakhir or JAM_MULAI_BAWAAN
    menit_mulai = mulai.hour * 60 + mulai.minute
    menit_selesai = min(menit_mulai + DURASI_BAWAAN, 23 * 60 + 59)
    if menit_selesai <= menit_mulai:
        # The day is full up to 23.59: leave the times for the pegawai to choose.
        menit_mulai, menit_selesai = 23 * 60, 23 * 60 + 59
    return datetime.time(*divmod(menit_mulai, 60)), datetime.time(*divmod(menit_selesai, 60))


def rhk_form(
    me: Pegawai, tanggal: datetime.date, cache: ReadCache | None = None, aktivitas: Aktivitas | None = None
) -> list:
    """The RHK an activity of ``tanggal`` may be mapped to (with their IKI for the satuan), plus the RHK an
    existing activity already carries (it stays valid after a perubahan SKP, see the service)."""
    rhk = list(rhk_pilihan(me, tanggal, cache))
    if aktivitas is not None and aktivitas.rhk_id and all(r.pk != aktivitas.rhk_id for r in rhk):
        rhk.append(dengan_satuan_iki(RencanaHasilKerja.objects.select_related("skp")).get(pk=aktivitas.rhk_id))
    return rhk


@dataclass
class SelKalender:
    hari: HariKalender | None
    kelas: str = ""
    label: str = ""
    #: The link to the day and its tooltip, made here rather than by a URL tag and three date filters in each of
    #: ~31 cells of the template.
    tautan: str = ""
    judul: str = ""


def _minggu_kalender(kal: KalenderBulan, tanggal: datetime.date, target_harian: int) -> list[list[SelKalender]]:
    """The month as weeks of seven cells, Monday first (the Indonesian calendar), with a colour per day: grey for
    weekends and holidays, red for a past working day without any report, amber below the daily share, green at
    or above it."""
    hari_ini = waktu.hari_ini()
    sel = [SelKalender(None) for _i in range(kal.hari[0].tanggal.weekday())]
    sel.extend(_sel_kalender(h, tanggal, target_harian, hari_ini) for h in kal.hari)
    while len(sel) % 7:
        sel.append(SelKalender(None))
    return [sel[i : i + 7] for i in range(0, len(sel), 7)]


def _sel_kalender(h: HariKalender, tanggal: datetime.date, target_harian: int, hari_ini: datetime.date) -> SelKalender:
    """One day's cell of :func:`_minggu_kalender`."""
    menit = h.menit_tercatat
    if not h.hari_kerja:
        kelas, label = "kal-libur", h.libur or _("Bukan hari kerja")
    elif h.tanggal > hari_ini or (h.tanggal == hari_ini and menit == 0):
        # Today is not "missing" until it is over.
        kelas, label = "kal-nanti", ""
    elif menit == 0:
        kelas, label = "kal-kosong", _("Belum ada laporan")
    elif menit >= target_harian:
        kelas, label = "kal-cukup", _("Memenuhi target harian")
    else:
        kelas, label = "kal-kurang", _("Di bawah target harian")
    if h.tanggal == tanggal:
        kelas += " kal-terpilih"
    if h.tanggal == hari_ini:
        kelas += " kal-hari-ini"
    judul = date_format(h.tanggal, "l, j F")
    return SelKalender(
        h,
        kelas,
        label,
        tautan=url_harian(h.tanggal),
        judul=f"{judul} — {label}" if label else judul,
    )


def _konteks_harian(request, me: Pegawai, tanggal: datetime.date, *, form=None, pesan=None) -> dict:
    """Everything the daily page and its fragments show; a fixed number of queries whatever the number of
    activities (the day's list is two, the month's calendar is grouped in the database, the settings, the unit's
    week, the holidays and the RHK are read once per request)."""
    cache = cache_of(request)
    pengaturan = pengaturan_kinerja(cache)
    data = data_kalender_tanggal(me, tanggal, cache)
    kal = menit_per_hari(me, tanggal.year, tanggal.month, pengaturan, data)
    daftar = aktivitas_hari(me, tanggal)
    entri = entri_tanggal(me, tanggal, cache)
    rhk = rhk_form(me, tanggal, cache)
    bawaan = _bawaan_form(tanggal, daftar, rhk, rhk_terakhir(me))
    if form is None:
        form = AktivitasBaruForm(initial=bawaan, rhk=rhk, tanggal_tersembunyi=True)
    target = target_harian(kal)
    hari = kal.hari[tanggal.day - 1]
    hari_ini = waktu.hari_ini()
    return {
        "me": me,
        "tanggal": tanggal,
        "hari_ini": hari_ini,
        "kemarin": tanggal - datetime.timedelta(days=1),
        "besok": tanggal + datetime.timedelta(days=1),
        "bulan_lalu": bulan_geser(tanggal, -1),
        "bulan_depan": bulan_geser(tanggal, 1),
        "hari": hari,
        "daftar": daftar,
        "jumlah_draf": sum(1 for a in daftar if a.status == StatusAktivitas.DRAFT),
        "menit_hari": sum(a.menit for a in daftar if a.status != StatusAktivitas.DITOLAK),
        "form": form,
        # The page script moves the quick form's times along when the list changes (see _hari.html).
        "mulai_berikut": bawaan["jam_mulai"],
        "selesai_berikut": bawaan["jam_selesai"],
        "ada_rhk": bool(rhk),
        "entri": entri,
        "kal": kal,
        "kunci": kal.kunci,
        "minggu": _minggu_kalender(kal, tanggal, target),
        "target_harian": target,
        "ringkas": ringkas_bulan(kal),
        "pesan": pesan or [],
        "pengaturan": pengaturan,
    }


_FRAGMEN = {
    "form": "kinerja/_form_aktivitas.html",
    "hari": "kinerja/_hari.html",
    "kalender": "kinerja/_kalender.html",
}


def fragmen_harian(
    request, me, tanggal, bagian: tuple[str, ...], *, form=None, pesan=None, status: int = 200
) -> HttpResponse:
    """The daily page's fragments for htmx: the first is swapped into the element that asked, the others are
    swapped out of band by their id."""
    context = _konteks_harian(request, me, tanggal, form=form, pesan=pesan)
    html = "".join(
        render_to_string(_FRAGMEN[nama], {**context, "oob": i > 0}, request) for i, nama in enumerate(bagian)
    )
    return HttpResponse(html, status=status)


def render_harian(request, me, tanggal, *, form=None, status: int = 200) -> HttpResponse:
    return render(request, "kinerja/harian.html", _konteks_harian(request, me, tanggal, form=form), status=status)


def selesai_hari(
    request, me, tanggal, pesan: str, *, tingkat: str = "success", bagian=("hari", "kalender"), status: int = 200
) -> HttpResponse:
    """The answer to an action of the day's list: htmx gets the list (with the message) and the calendar; a plain
    POST is sent back to the day with the message."""
    if request.htmx:
        response = fragmen_harian(request, me, tanggal, bagian, pesan=[(tingkat, pesan)], status=status)
        if bagian[0] == "hari":
            retarget(response, "#hari")
            reswap(response, "outerHTML")
        return response
    getattr(messages, "error" if tingkat == "danger" else tingkat)(request, pesan)
    return redirect(url_harian(tanggal))


def milik(me: Pegawai, pk: int) -> Aktivitas:
    """One of ``me``'s own activities (the owner's scope); anyone else's answers 404 on the owner's pages."""
    return get_object_or_404(Aktivitas.objects.filter(pegawai=me).select_related("rhk"), pk=pk)


@butuh_pegawai
def harian(request, me):
    """Today (or ``?tanggal=``): the entry form, the day's activities, the month's calendar."""
    return render_harian(request, me, tanggal_dari(request.GET))


def _fragmen_tambah(request, me: Pegawai, aktivitas: Aktivitas, pesan: str) -> HttpResponse:
    """The htmx answer to a new activity, as small as keeps the page right whatever the number of activities:
    out of band, the new row at its place in the list, the message, the day's total and actions (which carry the
    next activity's times), the day's calendar cell and the month's summary. The first activity of a day replaces
    the whole (empty) list instead.

    The quick form itself is not sent back: nothing it offers changes with a save (the RHK, the entry window and
    the late warning depend on the date, not on the list), so the answer swaps nothing into it (``HX-Reswap:
    none``) and the page script empties what was typed and moves the times along when the ``aktivitas-tersimpan``
    event arrives (static/js/kinerja.js). Rendering the form was half of the request's time."""
    tanggal = aktivitas.tanggal
    hari_ini = waktu.hari_ini()
    cache = cache_of(request)
    pengaturan = pengaturan_kinerja(cache)
    data = data_kalender_tanggal(me, tanggal, cache)
    kal = menit_per_hari(me, tanggal.year, tanggal.month, pengaturan, data)
    entri = entri_tanggal(me, tanggal, cache)
    ringkas = ringkas_hari(me, tanggal)
    mulai_berikut, selesai_berikut = _jam_berikut(ringkas.selesai_terakhir)
    target = target_harian(kal)
    hari = kal.hari[tanggal.day - 1]
    if aktivitas.bukti_terlampir:
        prefetch_related_objects(
            [aktivitas], Prefetch("bukti", queryset=BuktiDukung.objects.order_by("dibuat_pada", "pk"))
        )
    else:
        aktivitas._prefetched_objects_cache = {"bukti": BuktiDukung.objects.none()}
    pertama = ringkas.jumlah == 1
    context = {
        "me": me,
        "tanggal": tanggal,
        "hari_ini": hari_ini,
        "hari": hari,
        "a": aktivitas,
        "daftar": [aktivitas],
        "jumlah_draf": ringkas.jumlah_draf,
        "menit_hari": ringkas.menit,
        "mulai_berikut": mulai_berikut,
        "selesai_berikut": selesai_berikut,
        "entri": entri,
        "kal": kal,
        "kunci": kal.kunci,
        "target_harian": target,
        "ringkas": ringkas_bulan(kal),
        "s": _sel_kalender(hari, tanggal, target, hari_ini),
        # Where the day's cell sits in the month's table (Monday-first weeks), to swap that cell alone.
        "sel_baris": (kal.hari[0].tanggal.weekday() + tanggal.day - 1) // 7 + 1,
        "sel_kolom": tanggal.weekday() + 1,
        "pesan": [("success", pesan)],
        "pengaturan": pengaturan,
        "pertama": pertama,
        "berikut": aktivitas_berikut(aktivitas),
    }
    response = HttpResponse(render_to_string("kinerja/_tambah_htmx.html", context, request))
    reswap(response, "none")
    trigger_client_event(response, "aktivitas-tersimpan", after="swap")
    return response


@butuh_pegawai
@require_POST
def aktivitas_tambah(request, me):
    tanggal = tanggal_dari(request.POST)
    cache = cache_of(request)
    form = AktivitasBaruForm(request.POST, request.FILES, rhk=rhk_form(me, tanggal, cache), tanggal_tersembunyi=True)
    aktivitas = None
    # "Simpan dan ajukan", or every save when the instansi's settings send entries to the atasan at once.
    ajukan = request.POST.get("ajukan") == "1" or pengaturan_kinerja(cache).simpan_langsung_ajukan
    if form.is_valid():
        berkas = form.daftar_berkas()
        try:
            # The request's cache: what this page reads for the date is read once, by the service's own checks.
            aktivitas = aktivitas_catat(
                actor=me, berkas=berkas, tautan=form.cleaned_data["tautan"], ajukan=ajukan, cache=cache, **form.isi()
            )
        except AktivitasError as exc:
            add_to_form(form, exc)
        else:
            aktivitas.bukti_terlampir = bool(berkas or form.cleaned_data["tautan"])
    if aktivitas is None:
        if request.htmx:
            return fragmen_harian(request, me, tanggal, ("form",), form=form, status=REFUSED_STATUS)
        return render_harian(request, me, tanggal, form=form, status=REFUSED_STATUS)
    jam = {"jam": f"{aktivitas.jam_mulai:%H.%M}–{aktivitas.jam_selesai:%H.%M}"}
    if ajukan:
        pesan = (
            _(
                "Aktivitas %(jam)s tersimpan dan diajukan ke atasan. Selama belum diverifikasi, Anda dapat "
                "menariknya kembali."
            )
            % jam
        )
    else:
        pesan = _("Aktivitas %(jam)s tersimpan sebagai draf. Ajukan ke atasan bila sudah lengkap.") % jam
    if aktivitas.terlambat:
        pesan += " " + _("Aktivitas ini dicatat melewati batas waktu pencatatan dan ditandai terlambat.")
    if request.htmx:
        return _fragmen_tambah(request, me, aktivitas, pesan)
    messages.success(request, pesan)
    return redirect(url_harian(tanggal))
