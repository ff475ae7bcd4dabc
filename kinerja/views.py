"""Pages of the daily activity reports (DOMAIN.md §4): the pegawai's day and month, the evidence, the atasan's
verification queue, progress, and the admins' calendar, settings and reopenings.

Access rules (the same as the other apps, CONVENTIONS.md "Who may see what"):
- anonymous → login page; a page for a role the login lacks, or an object outside the user's reach → 404;
- activities are read through :func:`kinerja.selectors.aktivitas_visible_to` (evidence through
  ``bukti_visible_to``); the pegawai's own pages change only their own activities, the atasan's actions only
  those they verify on the activity's date, else 404;
- every POST calls a service; an :class:`~kinerja.services.AktivitasError` is shown as is next to its field (or
  above the form), the answer is 422 and nothing changed.

Every page works without JavaScript (plain forms and redirects); with htmx (``request.htmx``) the same forms post
in the background and only the changed fragments are swapped: a new activity appears in the day's list, an
approved one leaves the queue, without reloading the page.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal
from functools import wraps
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from pegawai.choices import JenisAkses
from pegawai.models import Pegawai, UnitKerja
from pegawai.nip import normalize_nip
from pegawai.selectors import (
    Peran_,
    dapat_menilai,
    pegawai_managed_by,
    pegawai_of,
    pegawai_visible_to,
    peran_of,
    perangkat_daerah_visible_to,
)
from pegawai.services import catat_akses
from pegawai.views import butuh_peran

from . import rules, selectors, services, waktu
from .choices import JenisBukti, KategoriAktivitas, PeriodeRealisasi, StatusAktivitas
from .forms import (
    AktivitasBaruForm,
    AktivitasForm,
    AntrianFilterForm,
    BukaKunciForm,
    BuktiForm,
    HariKerjaForm,
    HariLiburForm,
    PengaturanForm,
    TolakForm,
)
from .models import Aktivitas, BukaKunci, BuktiDukung, HariKerjaUnit, HariLibur, PengaturanKinerja
from .services import AktivitasError

PER_HALAMAN = 50
#: The answer to a POST the services refused: the form is shown again with the reason.
DITOLAK = 422
#: Where a new day's first activity starts when nothing was recorded yet (07.30 is the usual start of the
#: working day in Pemda offices; 08.00 is a round default most people correct less often).
JAM_MULAI_BAWAAN = datetime.time(8, 0)
DURASI_BAWAAN = 60


# ---------------------------------------------------------------------------------------------------------------
# Access and parameters
# ---------------------------------------------------------------------------------------------------------------


def butuh_pegawai(view):
    """Login required and the login must belong to a pegawai (an admin-only account gets 404); the view gets the
    pegawai as its second argument."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        me = pegawai_of(request.user)
        if me is None:
            raise Http404
        return view(request, me, *args, **kwargs)

    return login_required(wrapped)


def _admin(roles: Peran_) -> bool:
    return roles.admin


def _admin_bkpsdm(roles: Peran_) -> bool:
    return roles.admin_bkpsdm


def _tanggal(nilai: str | None) -> datetime.date:
    """``YYYY-MM-DD`` from a query or form, else today (a mistyped address opens today's page)."""
    try:
        tanggal = datetime.date.fromisoformat((nilai or "").strip())
    except ValueError:
        return waktu.hari_ini()
    return tanggal if 2000 <= tanggal.year <= 2100 else waktu.hari_ini()


def _bulan(nilai: str | None) -> tuple[int, int]:
    """``YYYY-MM``, else the current month."""
    hari = _tanggal(f"{(nilai or '').strip()}-01")
    if not nilai:
        hari = waktu.hari_ini()
    return hari.year, hari.month


def _url_harian(tanggal: datetime.date) -> str:
    return f"{reverse('kinerja:harian')}?tanggal={tanggal:%Y-%m-%d}"


def _kembali_ke(request, bawaan: str) -> str:
    """The ``next`` the form carried when it is a path of this site, else ``bawaan``."""
    tujuan = request.POST.get("next") or request.GET.get("next") or ""
    if tujuan and url_has_allowed_host_and_scheme(tujuan, allowed_hosts={request.get_host()}):
        return tujuan
    return bawaan


def _halaman(request, queryset, per_halaman: int = PER_HALAMAN):
    return Paginator(queryset, per_halaman).get_page(request.GET.get("page"))


def _label(aktivitas: Aktivitas) -> str:
    return f"{date_format(aktivitas.tanggal, 'j F')} {aktivitas.jam_mulai:%H.%M}–{aktivitas.jam_selesai:%H.%M}"


# ---------------------------------------------------------------------------------------------------------------
# The pegawai's day: context shared by the page and its fragments
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entri:
    """Whether the day may still receive activities, and why not."""

    boleh: bool
    terlambat: bool = False
    pesan: str = ""
    #: The last day an entry for this date is on time (the N-th working day after it).
    batas: datetime.date | None = None


def _data_kalender(request, me: Pegawai, tanggal: datetime.date, pengaturan) -> selectors.DataKalender:
    """``me``'s unit week and the holidays of every window the day's page and the entry service look at (the
    month, the next month for the verification deadline, the entry deadline's weeks): read once per request."""
    hari_ini = waktu.hari_ini()
    awal = min(tanggal.replace(day=1), hari_ini)
    akhir = max(
        rules.rentang_bulan(*rules.bulan_berikut(tanggal.year, tanggal.month))[1],
        max(tanggal, hari_ini) + datetime.timedelta(days=62),
    )
    return selectors.data_kalender(me, awal, akhir, pengaturan, request)


def _status_entri(
    me: Pegawai,
    tanggal: datetime.date,
    pengaturan,
    kunci: selectors.InfoKunci,
    data: selectors.DataKalender | None = None,
) -> Entri:
    """The same rules as :func:`kinerja.services.aktivitas_buat`, read ahead so the page shows the form only when
    the service would accept an entry (the service still decides)."""
    if kunci.terkunci:
        return Entri(
            False,
            pesan=_(
                "Aktivitas bulan %(bulan)s sudah terkunci sejak batas verifikasi %(batas)s. Hubungi admin OPD untuk "
                "membuka kembali bulan ini."
            )
            % {"bulan": date_format(tanggal, "F Y"), "batas": date_format(kunci.batas_verifikasi, "j F Y")},
        )
    hari_ini = waktu.hari_ini()
    kalender = selectors.kalender_pegawai(
        me, min(tanggal, hari_ini), max(tanggal, hari_ini) + datetime.timedelta(days=62), pengaturan, data
    )
    status = rules.status_entri(tanggal, hari_ini, pengaturan.batas_hari_entri, kalender)
    keputusan = rules.keputusan_entri(
        status, pengaturan.kebijakan_terlambat, bulan_dibuka=kunci.dibuka_sampai is not None
    )
    batas = rules.hari_kerja_berikut(tanggal, pengaturan.batas_hari_entri, kalender)
    return Entri(keputusan.diterima, keputusan.terlambat, keputusan.pesan, batas)


def _bawaan_form(tanggal: datetime.date, daftar: list[Aktivitas], rhk: list) -> dict:
    """Defaults that make a routine entry three actions: the next activity starts where the last one ended and
    lasts an hour; volume 1 in the last satuan used; the RHK preselected when there is only one."""
    dihitung = [a for a in daftar if a.status != StatusAktivitas.DITOLAK]
    return _bawaan(
        tanggal,
        max((a.jam_selesai for a in dihitung), default=None),
        dihitung[-1].satuan if dihitung else None,
        rhk,
    )


def _bawaan(
    tanggal: datetime.date, selesai_terakhir: datetime.time | None, satuan_terakhir: str | None, rhk: list
) -> dict:
    """:func:`_bawaan_form` from the day's latest end and last satuan (:func:`kinerja.selectors.ringkas_hari`)."""
    mulai = selesai_terakhir or JAM_MULAI_BAWAAN
    menit_mulai = mulai.hour * 60 + mulai.minute
    menit_selesai = min(menit_mulai + DURASI_BAWAAN, 23 * 60 + 59)
    if menit_selesai <= menit_mulai:
        # The day is full up to 23.59: leave the times for the pegawai to choose.
        menit_mulai, menit_selesai = 23 * 60, 23 * 60 + 59
    awal = {
        "tanggal": tanggal,
        "jam_mulai": datetime.time(*divmod(menit_mulai, 60)),
        "jam_selesai": datetime.time(*divmod(menit_selesai, 60)),
        "volume": "1",
        "satuan": satuan_terakhir or "kegiatan",
    }
    if len(rhk) == 1:
        awal["pilihan"] = f"rhk-{rhk[0].pk}"
    return awal


def _rhk(me: Pegawai, tanggal: datetime.date, aktivitas: Aktivitas | None = None) -> list:
    """The RHK an activity of ``tanggal`` may be mapped to (with their IKI for the satuan), plus the RHK an
    existing activity already carries (it stays valid after a perubahan SKP, see the service)."""
    rhk = list(selectors.rhk_untuk_tanggal(me, tanggal).prefetch_related("iki"))
    if aktivitas is not None and aktivitas.rhk_id and all(r.pk != aktivitas.rhk_id for r in rhk):
        lama = aktivitas.rhk
        prefetch_related_objects([lama], "iki")
        rhk.append(lama)
    return rhk


@dataclass
class SelKalender:
    hari: selectors.HariKalender | None
    kelas: str = ""
    label: str = ""


def _minggu_kalender(
    kal: selectors.KalenderBulan, tanggal: datetime.date, target_harian: int
) -> list[list[SelKalender]]:
    """The month as weeks of seven cells, Monday first (the Indonesian calendar), with a colour per day: grey for
    weekends and holidays, red for a past working day without any report, amber below the daily share, green at
    or above it."""
    hari_ini = waktu.hari_ini()
    sel = [SelKalender(None) for _i in range(kal.hari[0].tanggal.weekday())]
    sel.extend(_sel_kalender(h, tanggal, target_harian, hari_ini) for h in kal.hari)
    while len(sel) % 7:
        sel.append(SelKalender(None))
    return [sel[i : i + 7] for i in range(0, len(sel), 7)]


def _sel_kalender(
    h: selectors.HariKalender, tanggal: datetime.date, target_harian: int, hari_ini: datetime.date
) -> SelKalender:
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
    return SelKalender(h, kelas, label)


def _target_harian(kal: selectors.KalenderBulan) -> int:
    """The monthly minimum shared over the month's working days (rounded up: meeting every day's share meets the
    month)."""
    hari_kerja = kal.jumlah_hari_kerja
    return math.ceil(kal.menit_efektif_minimum / hari_kerja) if hari_kerja else 0


def _ringkas_bulan(kal: selectors.KalenderBulan) -> dict:
    menunggu = sum(h.menit_draft + h.menit_diajukan for h in kal.hari)
    persen_menunggu = Decimal(menunggu * 100) / kal.menit_efektif_minimum
    return {
        "menit_disetujui": kal.menit_disetujui,
        "menit_menunggu": menunggu,
        "persen_disetujui": kal.persen_capaian,
        "persen_menunggu": persen_menunggu,
        # The amber part of the bar stops where the bar ends.
        "lebar_menunggu": max(Decimal(0), min(persen_menunggu, 100 - kal.persen_capaian)),
        "kekurangan": kal.kekurangan_menit,
        "hari_kosong": sum(1 for h in kal.hari if h.kosong and h.tanggal < waktu.hari_ini()),
    }


def _bulan_geser(tanggal: datetime.date, langkah: int) -> datetime.date:
    """The same day number ``langkah`` months away (clamped to the month's length)."""
    tahun, bulan = divmod(tanggal.year * 12 + tanggal.month - 1 + langkah, 12)
    bulan += 1
    akhir = rules.rentang_bulan(tahun, bulan)[1]
    return datetime.date(tahun, bulan, min(tanggal.day, akhir.day))


def _konteks_harian(request, me: Pegawai, tanggal: datetime.date, *, form=None, pesan=None, rhk=None) -> dict:
    """Everything the daily page and its fragments show; a fixed number of queries whatever the number of
    activities (the day's list is two, the month's calendar is grouped in the database, the settings, the unit's
    week and the holidays are read once per request). ``rhk``: the list :func:`_rhk` gave earlier in the
    request."""
    pengaturan = selectors.pengaturan_kinerja(request)
    data = _data_kalender(request, me, tanggal, pengaturan)
    kal = selectors.menit_per_hari(me, tanggal.year, tanggal.month, pengaturan, data)
    daftar = selectors.aktivitas_hari(me, tanggal)
    entri = _status_entri(me, tanggal, pengaturan, kal.kunci, data)
    if rhk is None:
        rhk = _rhk(me, tanggal)
    bawaan = _bawaan_form(tanggal, daftar, rhk)
    if form is None:
        form = AktivitasBaruForm(initial=bawaan, rhk=rhk, tanggal_tersembunyi=True)
    target = _target_harian(kal)
    hari = kal.hari[tanggal.day - 1]
    hari_ini = waktu.hari_ini()
    return {
        "me": me,
        "tanggal": tanggal,
        "hari_ini": hari_ini,
        "kemarin": tanggal - datetime.timedelta(days=1),
        "besok": tanggal + datetime.timedelta(days=1),
        "bulan_lalu": _bulan_geser(tanggal, -1),
        "bulan_depan": _bulan_geser(tanggal, 1),
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
        "ringkas": _ringkas_bulan(kal),
        "pesan": pesan or [],
        "pengaturan": pengaturan,
    }


_FRAGMEN = {
    "form": "kinerja/_form_aktivitas.html",
    "hari": "kinerja/_hari.html",
    "kalender": "kinerja/_kalender.html",
}


def _fragmen_harian(
    request, me, tanggal, bagian: tuple[str, ...], *, form=None, pesan=None, rhk=None, status: int = 200
) -> HttpResponse:
    """The daily page's fragments for htmx: the first is swapped into the element that asked, the others are
    swapped out of band by their id."""
    context = _konteks_harian(request, me, tanggal, form=form, pesan=pesan, rhk=rhk)
    html = "".join(
        render_to_string(_FRAGMEN[nama], {**context, "oob": i > 0}, request) for i, nama in enumerate(bagian)
    )
    return HttpResponse(html, status=status)


def _render_harian(request, me, tanggal, *, form=None, status: int = 200) -> HttpResponse:
    return render(request, "kinerja/harian.html", _konteks_harian(request, me, tanggal, form=form), status=status)


def _selesai_hari(
    request, me, tanggal, pesan: str, *, tingkat: str = "success", bagian=("hari", "kalender"), status: int = 200
) -> HttpResponse:
    """The answer to an action of the day's list: htmx gets the list (with the message) and the calendar; a plain
    POST is sent back to the day with the message."""
    if request.htmx:
        response = _fragmen_harian(request, me, tanggal, bagian, pesan=[(tingkat, pesan)], status=status)
        if bagian[0] == "hari":
            retarget(response, "#hari")
            reswap(response, "outerHTML")
        return response
    getattr(messages, "error" if tingkat == "danger" else tingkat)(request, pesan)
    return redirect(_url_harian(tanggal))


def _milik(me: Pegawai, pk: int) -> Aktivitas:
    """One of ``me``'s own activities (the owner's scope); anyone else's answers 404 on the owner's pages."""
    return get_object_or_404(Aktivitas.objects.filter(pegawai=me).select_related("rhk"), pk=pk)


# ---------------------------------------------------------------------------------------------------------------
# The pegawai's day
# ---------------------------------------------------------------------------------------------------------------


@butuh_pegawai
def harian(request, me):
    """Today (or ``?tanggal=``): the entry form, the day's activities, the month's calendar."""
    return _render_harian(request, me, _tanggal(request.GET.get("tanggal")))


def _fragmen_tambah(request, me: Pegawai, aktivitas: Aktivitas, pesan: str, rhk: list) -> HttpResponse:
    """The htmx answer to a new activity, as small as keeps the page right whatever the number of activities:
    the fresh quick form (swapped into the element that asked), and out of band the new row at its place in the
    list, the message, the day's total and actions, the day's calendar cell and the month's summary. The first
    activity of a day replaces the whole (empty) list instead."""
    tanggal = aktivitas.tanggal
    hari_ini = waktu.hari_ini()
    pengaturan = selectors.pengaturan_kinerja(request)
    data = _data_kalender(request, me, tanggal, pengaturan)
    kal = selectors.menit_per_hari(me, tanggal.year, tanggal.month, pengaturan, data)
    entri = _status_entri(me, tanggal, pengaturan, kal.kunci, data)
    ringkas_hari = selectors.ringkas_hari(me, tanggal)
    bawaan = _bawaan(tanggal, ringkas_hari.selesai_terakhir, ringkas_hari.satuan_terakhir, rhk)
    target = _target_harian(kal)
    hari = kal.hari[tanggal.day - 1]
    if aktivitas.bukti_terlampir:
        prefetch_related_objects(
            [aktivitas], Prefetch("bukti", queryset=BuktiDukung.objects.order_by("dibuat_pada", "pk"))
        )
    else:
        aktivitas._prefetched_objects_cache = {"bukti": BuktiDukung.objects.none()}
    context = {
        "me": me,
        "tanggal": tanggal,
        "hari_ini": hari_ini,
        "hari": hari,
        "a": aktivitas,
        "daftar": [aktivitas],
        "jumlah_draf": ringkas_hari.jumlah_draf,
        "menit_hari": ringkas_hari.menit,
        "form": AktivitasBaruForm(initial=bawaan, rhk=rhk, tanggal_tersembunyi=True),
        "mulai_berikut": bawaan["jam_mulai"],
        "selesai_berikut": bawaan["jam_selesai"],
        "ada_rhk": bool(rhk),
        "entri": entri,
        "kal": kal,
        "kunci": kal.kunci,
        "target_harian": target,
        "ringkas": _ringkas_bulan(kal),
        "s": _sel_kalender(hari, tanggal, target, hari_ini),
        # Where the day's cell sits in the month's table (Monday-first weeks), to swap that cell alone.
        "sel_baris": (kal.hari[0].tanggal.weekday() + tanggal.day - 1) // 7 + 1,
        "sel_kolom": tanggal.weekday() + 1,
        "pesan": [("success", pesan)],
        "pengaturan": pengaturan,
        "pertama": ringkas_hari.jumlah == 1,
        "berikut": selectors.aktivitas_berikut(aktivitas),
    }
    return HttpResponse(render_to_string("kinerja/_tambah_htmx.html", context, request))


@butuh_pegawai
@require_POST
def aktivitas_tambah(request, me):
    tanggal = _tanggal(request.POST.get("tanggal"))
    pengaturan = selectors.pengaturan_kinerja(request)
    rhk = _rhk(me, tanggal)
    form = AktivitasBaruForm(request.POST, request.FILES, rhk=rhk, tanggal_tersembunyi=True)
    aktivitas = None
    if form.is_valid():
        isi = form.isi()
        if isi["tanggal"] == tanggal:
            # What this request already read for the date: the service checks against it instead of again.
            isi["rhk_berlaku"] = {r.pk for r in rhk}
            isi["data_kalender"] = _data_kalender(request, me, tanggal, pengaturan)
        berkas = form.daftar_berkas()
        try:
            aktivitas = services.aktivitas_catat(
                actor=me, berkas=berkas, tautan=form.cleaned_data["tautan"], pengaturan=pengaturan, **isi
            )
        except AktivitasError as exc:
            form.tampilkan_galat(exc)
        else:
            aktivitas.bukti_terlampir = bool(berkas or form.cleaned_data["tautan"])
    if aktivitas is None:
        if request.htmx:
            return _fragmen_harian(request, me, tanggal, ("form",), form=form, rhk=rhk, status=DITOLAK)
        return _render_harian(request, me, tanggal, form=form, status=DITOLAK)
    pesan = _("Aktivitas %(jam)s tersimpan sebagai draf. Ajukan ke atasan bila sudah lengkap.") % {
        "jam": f"{aktivitas.jam_mulai:%H.%M}–{aktivitas.jam_selesai:%H.%M}"
    }
    if aktivitas.terlambat:
        pesan += " " + _("Aktivitas ini dicatat melewati batas waktu pencatatan dan ditandai terlambat.")
    if request.htmx:
        return _fragmen_tambah(request, me, aktivitas, pesan, rhk)
    messages.success(request, pesan)
    return redirect(_url_harian(tanggal))


@butuh_pegawai
def aktivitas_ubah(request, me, pk: int):
    """Change a draft or rejected activity (the atasan's catatan stays in view while revising)."""
    aktivitas = _milik(me, pk)
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
        rhk=_rhk(me, aktivitas.tanggal, aktivitas),
        auto_id=f"id_ubah{aktivitas.pk}_%s",
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.aktivitas_ubah(actor=me, aktivitas=aktivitas, **form.isi())
            except AktivitasError as exc:
                form.tampilkan_galat(exc)
            else:
                if aktivitas.tanggal != asal:
                    pesan = _("Aktivitas dipindah ke %(tanggal)s.") % {
                        "tanggal": date_format(aktivitas.tanggal, "l, j F Y")
                    }
                else:
                    pesan = _("Perubahan aktivitas %(label)s tersimpan.") % {"label": _label(aktivitas)}
                if request.htmx:
                    return _selesai_hari(request, me, asal, pesan)
                messages.success(request, pesan)
                return redirect(_url_harian(aktivitas.tanggal))
    context = {
        "a": aktivitas,
        "form": form,
        "form_bukti": BuktiForm(auto_id=f"id_bukti{aktivitas.pk}_%s"),
        "bukti": list(aktivitas.bukti.order_by("dibuat_pada", "pk")),
        "pengaturan": selectors.pengaturan_kinerja(request),
    }
    status = DITOLAK if request.method == "POST" else 200
    if request.htmx:
        return render(request, "kinerja/_aktivitas_ubah.html", context, status=status)
    return render(request, "kinerja/aktivitas_ubah.html", context, status=status)


@butuh_pegawai
@require_POST
def aktivitas_hapus(request, me, pk: int):
    aktivitas = _milik(me, pk)
    label = _label(aktivitas)
    try:
        services.aktivitas_hapus(actor=me, aktivitas=aktivitas)
    except AktivitasError as exc:
        return _selesai_hari(request, me, aktivitas.tanggal, exc.message, tingkat="danger", status=DITOLAK)
    return _selesai_hari(
        request, me, aktivitas.tanggal, _("Aktivitas %(label)s dihapus.") % {"label": label}, tingkat="info"
    )


@butuh_pegawai
@require_POST
def aktivitas_ajukan(request, me, pk: int):
    aktivitas = _milik(me, pk)
    try:
        services.aktivitas_ajukan(actor=me, aktivitas=aktivitas)
    except AktivitasError as exc:
        return _selesai_hari(request, me, aktivitas.tanggal, exc.message, tingkat="danger", status=DITOLAK)
    return _selesai_hari(
        request, me, aktivitas.tanggal, _("Aktivitas %(label)s diajukan ke atasan.") % {"label": _label(aktivitas)}
    )


@butuh_pegawai
@require_POST
def ajukan_hari(request, me):
    """Submit every draft of one day at once (all or nothing)."""
    tanggal = _tanggal(request.POST.get("tanggal"))
    draf = list(Aktivitas.objects.filter(pegawai=me, tanggal=tanggal, status=StatusAktivitas.DRAFT).order_by("pk"))
    if not draf:
        return _selesai_hari(
            request, me, tanggal, _("Tidak ada draf pada tanggal ini untuk diajukan."), tingkat="warning"
        )
    try:
        services.aktivitas_ajukan(actor=me, aktivitas=draf)
    except AktivitasError as exc:
        return _selesai_hari(request, me, tanggal, exc.message, tingkat="danger", status=DITOLAK)
    pesan = ngettext("%(n)s aktivitas diajukan ke atasan.", "%(n)s aktivitas diajukan ke atasan.", len(draf)) % {
        "n": len(draf)
    }
    return _selesai_hari(request, me, tanggal, pesan)


@butuh_pegawai
@require_POST
def salin_kemarin(request, me):
    """Copy the previous working day's activities as drafts of this day."""
    tanggal = _tanggal(request.POST.get("tanggal"))
    try:
        hasil = services.aktivitas_salin_kemarin(actor=me, tanggal=tanggal)
    except AktivitasError as exc:
        return _selesai_hari(request, me, tanggal, exc.message, tingkat="warning", status=DITOLAK)
    pesan = ngettext(
        "%(n)s aktivitas disalin dari %(tanggal)s sebagai draf.",
        "%(n)s aktivitas disalin dari %(tanggal)s sebagai draf.",
        len(hasil.dibuat),
    ) % {"n": len(hasil.dibuat), "tanggal": date_format(hasil.sumber_tanggal, "l, j F")}
    for asal, alasan in hasil.dilewati:
        pesan += " " + _("%(label)s dilewati: %(alasan)s") % {"label": _label(asal), "alasan": alasan}
    tingkat = "success" if hasil.dibuat else "warning"
    # The form is swapped too: the next start time follows the copied activities.
    return _selesai_hari(request, me, tanggal, pesan, tingkat=tingkat, bagian=("hari", "kalender", "form"))


@login_required
def aktivitas_detail(request, pk: int):
    """One activity with its evidence, for the pegawai, the atasan and anyone else who may see it; the atasan of
    the activity's date decides here too."""
    aktivitas = get_object_or_404(
        selectors.aktivitas_visible_to(request.user).select_related(
            "pegawai__jabatan__unit_kerja", "rhk", "diverifikasi_oleh"
        ),
        pk=pk,
    )
    me = pegawai_of(request.user)
    milik = me is not None and me.pk == aktivitas.pegawai_id
    penilai = (
        me is not None
        and not milik
        and aktivitas.status == StatusAktivitas.DIAJUKAN
        and dapat_menilai(me, aktivitas.pegawai, on=aktivitas.tanggal)
    )
    if not milik:
        # UU 27/2022 Pasal 31: opening another pegawai's report is a view of their personal data.
        catat_akses(
            user=request.user,
            jenis=JenisAkses.LIHAT,
            objek=_("Aktivitas harian %(tanggal)s") % {"tanggal": aktivitas.tanggal.isoformat()},
            pegawai=aktivitas.pegawai,
            request=request,
        )
    kunci = selectors.status_kunci(aktivitas.pegawai, aktivitas.tanggal.year, aktivitas.tanggal.month)
    return render(
        request,
        "kinerja/aktivitas_detail.html",
        {
            "a": aktivitas,
            "bukti": list(aktivitas.bukti.order_by("dibuat_pada", "pk")),
            "milik": milik,
            "penilai": penilai and not kunci.terkunci,
            "kunci": kunci,
            "form_tolak": TolakForm(auto_id=f"id_tolak{aktivitas.pk}_%s"),
        },
    )


# ---------------------------------------------------------------------------------------------------------------
# Evidence
# ---------------------------------------------------------------------------------------------------------------


def _render_bukti(request, aktivitas: Aktivitas, form: BuktiForm | None = None, *, pesan=None, status: int = 200):
    return render(
        request,
        "kinerja/_bukti.html",
        {
            "a": aktivitas,
            "bukti": list(aktivitas.bukti.order_by("dibuat_pada", "pk")),
            "form_bukti": form or BuktiForm(auto_id=f"id_bukti{aktivitas.pk}_%s"),
            "pesan": pesan or [],
            "pengaturan": selectors.pengaturan_kinerja(request),
        },
        status=status,
    )


@butuh_pegawai
@require_POST
def bukti_tambah(request, me, pk: int):
    """Attach a photo, a file and/or a link to a draft or rejected activity of one's own."""
    aktivitas = _milik(me, pk)
    form = BuktiForm(request.POST, request.FILES, auto_id=f"id_bukti{aktivitas.pk}_%s")
    tersimpan = None
    if form.is_valid():
        try:
            tersimpan = services.bukti_tambah(
                actor=me, aktivitas=aktivitas, berkas=form.daftar_berkas(), tautan=form.cleaned_data["tautan"]
            )
        except AktivitasError as exc:
            form.tampilkan_galat(exc)
    if tersimpan is None:
        if request.htmx:
            return _render_bukti(request, aktivitas, form, status=DITOLAK)
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
        selectors.bukti_visible_to(request.user).filter(aktivitas__pegawai=me).select_related("aktivitas"), pk=pk
    )
    aktivitas = bukti.aktivitas
    try:
        services.bukti_hapus(actor=me, bukti=bukti)
    except AktivitasError as exc:
        if request.htmx:
            return _render_bukti(request, aktivitas, pesan=[("danger", exc.message)], status=DITOLAK)
        messages.error(request, exc.message)
        return redirect("kinerja:aktivitas_detail", pk=aktivitas.pk)
    pesan = _("Bukti dukung dihapus.")
    if request.htmx:
        return _render_bukti(request, aktivitas, pesan=[("info", pesan)])
    messages.info(request, pesan)
    return redirect("kinerja:aktivitas_ubah", pk=aktivitas.pk)


#: Shown in the browser (a photo of the activity); everything else is downloaded.
_TAMPIL_LANGSUNG = {"image/jpeg", "image/png"}


@login_required
def bukti_unduh(request, pk: int):
    """Serve an evidence file to someone who may see its activity. The type sent is the one the content check
    stored, never what the uploader's browser claimed; ``nosniff`` and a sandboxing CSP keep a browser from
    reinterpreting it; anything but a photo is an attachment."""
    bukti = get_object_or_404(
        selectors.bukti_visible_to(request.user).select_related("aktivitas__pegawai"), pk=pk, jenis=JenisBukti.BERKAS
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
        as_attachment=bukti.tipe_konten not in _TAMPIL_LANGSUNG,
        filename=bukti.nama_asli or "bukti",
        content_type=bukti.tipe_konten,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------------------------------------------------------
# The atasan's queue
# ---------------------------------------------------------------------------------------------------------------


def _filter_antrian(me: Pegawai, data) -> tuple[AntrianFilterForm, selectors.FilterAntrian | None]:
    form = AntrianFilterForm(data or None, pegawai_qs=selectors.pegawai_antrian(me))
    if form.is_bound and not form.is_valid():
        return form, None
    cleaned = form.cleaned_data if form.is_bound else {}
    status = cleaned.get("status") or StatusAktivitas.DIAJUKAN
    pegawai = cleaned.get("pegawai")
    return form, selectors.FilterAntrian(
        status="" if status == "semua" else status,
        pegawai_id=pegawai.pk if pegawai else None,
        dari=cleaned.get("dari"),
        sampai=cleaned.get("sampai"),
    )


def _konteks_antrian(request, me: Pegawai, data, *, hasil=None) -> dict:
    """The queue page: filters, one page of rows with their lock state and evidence, the pending counts and
    deadlines. A fixed number of queries whatever the number of bawahan or activities."""
    form, filters = _filter_antrian(me, data)
    qs = selectors.antrian_verifikasi_qs(me, filters) if filters is not None else Aktivitas.objects.none()
    page = Paginator(qs, PER_HALAMAN).get_page(data.get("page") if data else None)
    rows = selectors.lengkapi_kunci(list(page.object_list))
    prefetch_related_objects(rows, Prefetch("bukti", queryset=BuktiDukung.objects.order_by("dibuat_pada", "pk")))
    for a in rows:
        a.dapat_diputuskan = a.status == StatusAktivitas.DIAJUKAN and not a.terkunci
    return {
        "filter_form": form,
        "page_obj": page,
        "rows": rows,
        "ada_pilihan": any(a.dapat_diputuskan for a in rows),
        "ringkasan": selectors.ringkasan_antrian(me),
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
    aktivitas = get_object_or_404(
        selectors.aktivitas_visible_to(request.user).select_related("pegawai__jabatan", "rhk"), pk=pk
    )
    if not dapat_menilai(me, aktivitas.pegawai, on=aktivitas.tanggal):
        raise Http404
    return aktivitas


def _baris_antrian(request, aktivitas: Aktivitas, *, pesan=None, status: int = 200) -> HttpResponse:
    """One queue row after an inline decision, and the pending counts swapped out of band."""
    aktivitas = (
        Aktivitas.objects.select_related("pegawai__jabatan", "rhk").prefetch_related("bukti").get(pk=aktivitas.pk)
    )
    selectors.lengkapi_kunci([aktivitas])
    aktivitas.dapat_diputuskan = aktivitas.status == StatusAktivitas.DIAJUKAN and not aktivitas.terkunci
    aktivitas.jumlah_bukti = len(aktivitas.bukti.all())
    me = pegawai_of(request.user)
    html = render_to_string(
        "kinerja/_antrian_baris.html",
        {"a": aktivitas, "pesan_baris": pesan, "form_tolak": TolakForm()},
        request,
    )
    # A <template> keeps the out-of-band section intact next to a table row (htmx 2 reads OOB swaps from it).
    html += "<template>{}</template>".format(
        render_to_string(
            "kinerja/_antrian_ringkasan.html", {"ringkasan": selectors.ringkasan_antrian(me), "oob": True}, request
        )
    )
    return HttpResponse(html, status=status)


def _putuskan(request, me: Pegawai, pk: int, setujui: bool) -> HttpResponse:
    aktivitas = _dapat_diverifikasi(request, me, pk)
    catatan = request.POST.get(f"catatan-{pk}", request.POST.get("catatan", ""))
    try:
        if setujui:
            services.aktivitas_setujui(actor=me, aktivitas=aktivitas, catatan=catatan)
            pesan = _("Aktivitas %(nama)s %(label)s disetujui.")
        else:
            services.aktivitas_tolak(actor=me, aktivitas=aktivitas, catatan=catatan)
            pesan = _("Aktivitas %(nama)s %(label)s ditolak dengan catatan.")
    except AktivitasError as exc:
        if request.htmx:
            return _baris_antrian(request, aktivitas, pesan=("danger", exc.message), status=DITOLAK)
        messages.error(request, exc.message)
        return redirect(_kembali_ke(request, reverse("kinerja:antrian")))
    pesan %= {"nama": aktivitas.pegawai.nama, "label": _label(aktivitas)}
    if request.htmx:
        return _baris_antrian(request, aktivitas, pesan=("success", pesan))
    messages.success(request, pesan)
    return redirect(_kembali_ke(request, reverse("kinerja:antrian")))


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
    ids = []
    for nilai in request.POST.getlist("pilih"):
        if nilai.isdigit():
            ids.append(int(nilai))
    terlihat = set(selectors.aktivitas_visible_to(request.user).filter(pk__in=ids).values_list("pk", flat=True))
    hasil = services.aktivitas_setujui_banyak(actor=me, aktivitas=[i for i in ids if i in terlihat])
    label = {
        a.pk: f"{a.pegawai.nama}, {_label(a)}"
        for a in Aktivitas.objects.filter(pk__in=[pk for pk, _alasan in hasil.gagal]).select_related("pegawai")
    }
    gagal = [(label.get(pk, f"#{pk}"), alasan) for pk, alasan in hasil.gagal]
    gagal += [(f"#{pk}", _("Aktivitas tidak ditemukan.")) for pk in ids if pk not in terlihat]
    ringkas = {"disetujui": len(hasil.disetujui), "gagal": gagal, "kosong": not ids}
    if request.htmx:
        url = request.htmx.current_url_abs_path or ""
        data = QueryDict(urlsplit(url).query)
        context = _konteks_antrian(request, me, data, hasil=ringkas)
        html = render_to_string("kinerja/_antrian_daftar.html", context, request)
        html += render_to_string("kinerja/_antrian_ringkasan.html", {**context, "oob": True}, request)
        return HttpResponse(html)
    if not ids:
        messages.warning(request, _("Pilih dulu aktivitas yang akan disetujui."))
    if hasil.disetujui:
        messages.success(
            request,
            ngettext("%(n)s aktivitas disetujui.", "%(n)s aktivitas disetujui.", len(hasil.disetujui))
            % {"n": len(hasil.disetujui)},
        )
    for nama, alasan in gagal:
        messages.warning(request, f"{nama}: {alasan}")
    return redirect(_kembali_ke(request, reverse("kinerja:antrian")))


# ---------------------------------------------------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------------------------------------------------


def _render_progres(request, pegawai: Pegawai, *, sendiri: bool) -> HttpResponse:
    tahun, bulan = _bulan(request.GET.get("bulan"))
    tahunan = request.GET.get("periode") == PeriodeRealisasi.TAHUNAN
    kal = selectors.menit_per_hari(pegawai, tahun, bulan)
    target = _target_harian(kal)
    real = selectors.realisasi(
        pegawai, tahun, PeriodeRealisasi.TAHUNAN if tahunan else PeriodeRealisasi.BULANAN, None if tahunan else bulan
    )
    grafik = {
        "labels": [str(h.tanggal.day) for h in kal.hari],
        "disetujui": [h.menit_disetujui for h in kal.hari],
        "menunggu": [h.menit_draft + h.menit_diajukan for h in kal.hari],
        "target": [target if h.hari_kerja else None for h in kal.hari],
        "judul": [_("Disetujui"), _("Belum disetujui"), _("Target harian")],
    }
    me = pegawai_of(request.user)
    awal = datetime.date(tahun, bulan, 1)
    return render(
        request,
        "kinerja/progres.html",
        {
            "pegawai": pegawai,
            "sendiri": sendiri,
            "tahun": tahun,
            "bulan": bulan,
            "awal": awal,
            "bulan_lalu": _bulan_geser(awal, -1),
            "bulan_depan": _bulan_geser(awal, 1),
            "kal": kal,
            "ringkas": _ringkas_bulan(kal),
            "target_harian": target,
            "grafik": grafik,
            "real": real,
            "tahunan": tahunan,
            "kategori_lain": {KategoriAktivitas.TUGAS_TAMBAHAN, KategoriAktivitas.LAINNYA},
            "dapat_verifikasi": me is not None and not sendiri and dapat_menilai(me, pegawai),
            "hari_ini": waktu.hari_ini(),
        },
    )


@butuh_pegawai
def progres(request, me):
    """The pegawai's own month: minutes against the target, minutes per day, realisasi per RHK."""
    return _render_progres(request, Pegawai.objects.with_org().get(pk=me.pk), sendiri=True)


@login_required
def progres_pegawai(request, nip: str):
    """Another pegawai's progress, for whoever may see them (atasan, admin of their OPD, BKPSDM)."""
    pegawai = get_object_or_404(pegawai_visible_to(request.user).with_org(), nip=normalize_nip(nip))
    me = pegawai_of(request.user)
    sendiri = me is not None and me.pk == pegawai.pk
    if not sendiri:
        catat_akses(
            user=request.user,
            jenis=JenisAkses.LIHAT,
            objek=_("Progres kinerja harian %(nip)s") % {"nip": pegawai.nip},
            pegawai=pegawai,
            request=request,
        )
    return _render_progres(request, pegawai, sendiri=sendiri)


# ---------------------------------------------------------------------------------------------------------------
# Admin: settings, holidays, unit week lengths, reopenings
# ---------------------------------------------------------------------------------------------------------------


@butuh_peran(_admin_bkpsdm)
def pengaturan(request):
    """The instansi's settings (one Pemda per deployment, so admin BKPSDM only)."""
    form = PengaturanForm(request.POST or None, instance=PengaturanKinerja.get_solo())
    if request.method == "POST":
        if form.is_valid():
            try:
                services.pengaturan_ubah(actor=request.user, **{f: form.cleaned_data[f] for f in form.Meta.fields})
            except AktivitasError as exc:
                form.tampilkan_galat(exc)
            else:
                messages.success(request, _("Pengaturan kinerja harian tersimpan."))
                return redirect("kinerja:pengaturan")
        return render(request, "kinerja/admin_pengaturan.html", {"form": form}, status=DITOLAK)
    return render(request, "kinerja/admin_pengaturan.html", {"form": form})


@butuh_peran(_admin_bkpsdm)
def libur(request):
    """National holidays and cuti bersama of a year; adding one (or renaming a date) moves deadlines at once."""
    try:
        tahun = int(request.GET.get("tahun") or waktu.hari_ini().year)
    except ValueError:
        tahun = waktu.hari_ini().year
    tahun = tahun if 2000 <= tahun <= 2100 else waktu.hari_ini().year
    form = HariLiburForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                obj = services.hari_libur_simpan(
                    actor=request.user, tanggal=data["tanggal"], nama=data["nama"], jenis=data["jenis"]
                )
            except AktivitasError as exc:
                form.tampilkan_galat(exc)
            else:
                messages.success(
                    request,
                    _("%(tanggal)s tercatat sebagai %(nama)s.")
                    % {"tanggal": date_format(obj.tanggal, "l, j F Y"), "nama": obj.nama},
                )
                return redirect(f"{reverse('kinerja:libur')}?tahun={obj.tanggal.year}")
        status = DITOLAK
    page = _halaman(request, HariLibur.objects.filter(tanggal__year=tahun).order_by("tanggal"))
    return render(
        request,
        "kinerja/admin_libur.html",
        {"form": form, "page_obj": page, "tahun": tahun, "tahun_lalu": tahun - 1, "tahun_depan": tahun + 1},
        status=status,
    )


@butuh_peran(_admin_bkpsdm)
@require_POST
def libur_hapus(request, pk: int):
    obj = get_object_or_404(HariLibur, pk=pk)
    services.hari_libur_hapus(actor=request.user, hari_libur=obj)
    messages.info(
        request,
        _("%(tanggal)s (%(nama)s) dihapus dari daftar hari libur.")
        % {"tanggal": date_format(obj.tanggal, "j F Y"), "nama": obj.nama},
    )
    return redirect(f"{reverse('kinerja:libur')}?tahun={obj.tanggal.year}")


def _unit_dikelola(user):
    """Units whose week length ``user`` may set: the admin OPD's own OPDs, every unit for BKPSDM."""
    roles = peran_of(user)
    units = UnitKerja.objects.filter(aktif=True)
    if not roles.admin_bkpsdm:
        units = units.filter(perangkat_daerah_id__in=roles.admin_opd_ids)
    return units


@dataclass
class BarisUnit:
    unit: UnitKerja
    sendiri: int | None
    berlaku: int
    form: HariKerjaForm


def _baris_unit(units: list[UnitKerja]) -> list[BarisUnit]:
    pengaturan = PengaturanKinerja.get_solo()
    berlaku = selectors.hari_kerja_per_minggu([u.pk for u in units], pengaturan)
    sendiri = dict(
        HariKerjaUnit.objects.filter(unit_kerja__in=units).values_list("unit_kerja_id", "hari_kerja_per_minggu")
    )
    return [
        BarisUnit(
            unit=u,
            sendiri=sendiri.get(u.pk),
            berlaku=berlaku[u.pk],
            form=HariKerjaForm(
                initial={"hari_kerja_per_minggu": str(sendiri.get(u.pk) or "")}, auto_id=f"id_unit{u.pk}_%s"
            ),
        )
        for u in units
    ]


@butuh_peran(_admin)
def hari_kerja(request):
    """The week length of each unit the admin manages: its own, or inherited from the unit above / the instansi."""
    units = (
        _unit_dikelola(request.user)
        .select_related("perangkat_daerah", "parent")
        .order_by("perangkat_daerah__nama", "nama", "pk")
    )
    opd_pilihan = (
        perangkat_daerah_visible_to(request.user)
        .filter(pk__in=_unit_dikelola(request.user).values("perangkat_daerah_id"))
        .order_by("nama")
    )
    opd = request.GET.get("opd", "")
    if opd.isdigit():
        units = units.filter(perangkat_daerah_id=int(opd))
    q = request.GET.get("q", "").strip()
    if q:
        units = units.filter(nama__icontains=q)
    page = _halaman(request, units)
    return render(
        request,
        "kinerja/admin_hari_kerja.html",
        {
            "page_obj": page,
            "rows": _baris_unit(list(page.object_list)),
            "opd_pilihan": opd_pilihan,
            "opd": opd,
            "q": q,
            "bawaan": PengaturanKinerja.get_solo().get_hari_kerja_per_minggu_display(),
        },
    )


@butuh_peran(_admin)
@require_POST
def hari_kerja_ubah(request, pk: int):
    unit = get_object_or_404(_unit_dikelola(request.user).select_related("perangkat_daerah", "parent"), pk=pk)
    form = HariKerjaForm(request.POST, auto_id=f"id_unit{unit.pk}_%s")
    pesan = None
    status = 200
    if form.is_valid():
        try:
            services.hari_kerja_unit_atur(actor=request.user, unit_kerja=unit, hari_kerja_per_minggu=form.nilai())
        except AktivitasError as exc:
            pesan, status = ("danger", exc.message), DITOLAK
        else:
            pesan = ("success", _("Tersimpan."))
    else:
        pesan, status = ("danger", _("Pilihan hari kerja tidak dikenal.")), DITOLAK
    if request.htmx:
        return render(
            request,
            "kinerja/_hari_kerja_baris.html",
            {"r": _baris_unit([unit])[0], "pesan_baris": pesan},
            status=status,
        )
    if status == 200:
        messages.success(request, _("Hari kerja %(unit)s tersimpan.") % {"unit": unit.nama})
    else:
        messages.error(request, pesan[1])
    return redirect(_kembali_ke(request, reverse("kinerja:hari_kerja")))


@butuh_peran(_admin)
def buka_kunci(request):
    """Reopen one pegawai-month after its verification deadline, with a reason; every reopening is listed."""
    dikelola = pegawai_managed_by(request.user)
    form = BukaKunciForm(request.POST or None, pegawai_qs=dikelola)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            tahun, bulan = data["bulan"]
            try:
                obj = services.bulan_buka_kunci(
                    actor=request.user,
                    pegawai=data["nip"],
                    tahun=tahun,
                    bulan=bulan,
                    alasan=data["alasan"],
                    sampai=data["sampai"],
                )
            except AktivitasError as exc:
                form.tampilkan_galat(exc)
            else:
                messages.success(
                    request,
                    _("Bulan %(bulan)s dibuka untuk %(nama)s sampai %(sampai)s.")
                    % {
                        "bulan": date_format(datetime.date(tahun, bulan, 1), "F Y"),
                        "nama": obj.pegawai.nama_lengkap,
                        "sampai": date_format(obj.sampai, "j F Y"),
                    },
                )
                return redirect("kinerja:buka_kunci")
        status = DITOLAK
    riwayat = BukaKunci.objects.filter(pegawai__in=dikelola.values("pk")).select_related("pegawai", "oleh__pegawai")
    q = request.GET.get("q", "").strip()
    if q:
        digits = normalize_nip(q)
        riwayat = (
            riwayat.filter(pegawai__nip__contains=digits)
            if digits.isdigit()
            else riwayat.filter(pegawai__nama__icontains=q)
        )
    page = _halaman(request, riwayat.order_by("-dibuat_pada", "-pk"))
    return render(
        request,
        "kinerja/admin_buka_kunci.html",
        {"form": form, "page_obj": page, "q": q, "hari_ini": waktu.hari_ini()},
        status=status,
    )
