"""SKP saya: the pegawai's own SKP per year, and starting one (new, copied from last year, or the SKP of a position
they act in as Plt/Plh)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pegawai.akses import butuh_pegawai, pegawai_of, peran_admin_atau_pimpinan, peran_of
from pegawai.atasan import atasan_langsung, tmt_jabatan_sekarang
from pegawai.choices import JenisJabatan, JenisPenugasan
from pegawai.models import Pegawai, Penugasan
from pegawai.unit_mandiri import jabatan_pimpinan_unit_mandiri
from portal.errors import REFUSED_STATUS, add_to_form

from .. import rules
from ..choices import AksiSkp, FormatSkp, SkpStatus
from ..errors import SkpError
from ..forms import SkpBuatForm, SkpPendekatanForm
from ..models import Skp, SkpRiwayat
from ..selectors import tenggat
from ..selectors.identitas import posisi_pengawas
from ..selectors.skp import cek_skp_atasan
from ..services.skp import skp_buat
from ..services.versi import skp_salin_tahun_lalu
from .base import skp_qs, tahun_diminta


@login_required
def index(request):
    """The SKP main page: the pegawai's own SKP per year. A login without a pegawai is sent to the recap it may
    read (daftar nominatif) or gets 404."""
    me = pegawai_of(request.user)
    if me is None:
        if peran_admin_atau_pimpinan(peran_of(request.user)):
            return redirect("skp:nominatif")
        raise Http404
    return _render_index(request, me, tahun_diminta(request))


def _render_index(request, me: Pegawai, tahun: int, *, status: int = 200):
    me = Pegawai.objects.with_org().get(pk=me.pk)
    semua = list(
        Skp.objects.filter(pegawai=me).select_related("jabatan__unit_kerja").order_by("tanggal_mulai", "versi")
    )
    hari_ini = timezone.localdate()
    tahun_tersedia = sorted({s.tahun for s in semua} | {hari_ini.year, hari_ini.year + 1, tahun}, reverse=True)
    skp_tahun = [s for s in semua if s.tahun == tahun]
    catatan = {}
    dikembalikan = [s.pk for s in skp_tahun if s.status == SkpStatus.DIKEMBALIKAN]
    if dikembalikan:
        for r in SkpRiwayat.objects.filter(skp_id__in=dikembalikan, aksi=AksiSkp.DIKEMBALIKAN).order_by("waktu", "pk"):
            catatan[r.skp_id] = r
    # Every Plt/Plh assignment of the pegawai: an SKP of such a position is the acting position's (the Plt holds
    # it, docs/ATURAN.md); those overlapping the year get a card to start or open it.
    awal, akhir = rules.periode_default(tahun)
    penugasan = list(Penugasan.objects.filter(pegawai=me).select_related("jabatan").order_by("-tanggal_mulai", "pk"))
    jenis_plt = {p.jabatan_id: _label_plt(p) for p in reversed(penugasan)}
    sekarang = tenggat.hari_ini()
    for s in skp_tahun:
        s.catatan_kembali = catatan.get(s.pk)
        berikut = next((v.versi for v in skp_tahun if v.versi_sebelumnya_id == s.pk), None)
        # The page is the owner's own: the perubahan rule alone decides whether the button shows.
        s.boleh_perubahan = rules.cek_perubahan(s.status, digantikan=s.digantikan, versi_berikut=berikut) is None
        s.sebagai_plt = jenis_plt.get(s.jabatan_id, "") if s.jabatan_id != me.jabatan_id else ""
        s.tenggat = tenggat.tenggat(s.tanggal_mulai)
        s.terlambat = tenggat.skp_terlambat(s, sekarang)
    kartu_plt = []
    for p in penugasan:
        if p.tanggal_mulai > akhir or p.tanggal_selesai < awal or p.jabatan_id == me.jabatan_id:
            continue
        if any(k["jabatan"].pk == p.jabatan_id for k in kartu_plt):
            continue  # one SKP per position and year: the latest assignment dates it (skp.services.skp._periode_plt)
        kartu_plt.append(
            {
                "jabatan": p.jabatan,
                "label": _label_plt(p),
                "mulai": max(awal, p.tanggal_mulai),
                "selesai": min(akhir, p.tanggal_selesai),
                "skp": next(
                    (s for s in reversed(skp_tahun) if s.jabatan_id == p.jabatan_id and not s.digantikan), None
                ),
                "form": SkpPendekatanForm(auto_id=f"id_plt_{p.jabatan_id}_%s"),
            }
        )

    unit_mandiri = jabatan_pimpinan_unit_mandiri(me.jabatan)
    format_skp = rules.format_skp(me.jabatan.jenis, pimpinan_unit_mandiri=unit_mandiri)
    sudah_ada = any(s.jabatan_id == me.jabatan_id for s in skp_tahun)
    prasyarat = None
    skp_atasan_url = None
    # The SKP still to be made for the position held now starts on 1 January or on its TMT in the year: its
    # atasan is the one of that day (after a mutasi, the new position's).
    tmt_sekarang = tmt_jabatan_sekarang(me)
    if format_skp == FormatSkp.JA_JF:
        prasyarat = cek_skp_atasan(me, tahun, rules.mulai_periode_jabatan(tahun, tmt_sekarang))
        acuan = prasyarat.skp or prasyarat.skp_terakhir
        if acuan is not None and skp_qs(request.user).filter(pk=acuan.pk).exists():
            skp_atasan_url = reverse("skp:detail", args=[acuan.pk])
    # The deadline of the SKP still to be made for the position held now (none when it is made).
    tmt = None if sudah_ada else tmt_sekarang
    tenggat_buat = None if sudah_ada else tenggat.tenggat_jabatan(tahun, tmt)
    atasan = atasan_langsung(me)
    # A Plt rates as the position they act in: the header names it ("Plt. Kepala Seksi Dua"), not their own.
    jabatan_atasan, sebutan_atasan = posisi_pengawas(atasan, me.jabatan, hari_ini) if atasan else (None, "")
    jpt = format_skp == FormatSkp.JPT
    context = {
        "pegawai": me,
        "tahun": tahun,
        "daftar_tahun": tahun_tersedia,
        "skp_tahun": skp_tahun,
        "sudah_ada": sudah_ada,
        "format_label": FormatSkp(format_skp).label,
        "jpt": jpt,
        "prasyarat": prasyarat,
        # Drafting does not wait for the atasan's SKP (docs/ATURAN.md); only submitting does.
        "boleh_mulai": not sudah_ada,
        "kartu_plt": kartu_plt,
        "tenggat_buat": tenggat_buat,
        "terlambat_buat": not sudah_ada and tenggat.belum_dibuat_terlambat(tahun, tmt, sekarang),
        "skp_atasan_url": skp_atasan_url,
        "bisa_salin": any(s.tahun == tahun - 1 and s.digantikan_pada is None for s in semua),
        "atasan": atasan,
        "jabatan_atasan": jabatan_atasan,
        "sebutan_atasan": sebutan_atasan,
        # The head of a mandiri unit uses the JPT form, but only a JPT at the top is rated by the kepala daerah.
        "kepala_daerah": me.jabatan.jenis == JenisJabatan.JPT and atasan is None and me.jabatan.parent_id is None,
        "unit_mandiri": me.jabatan.unit_kerja if unit_mandiri else None,
        "kepala_daerah_jabatan": settings.KEPALA_DAERAH_JABATAN,
        "form_buat": SkpPendekatanForm(auto_id="id_buat_%s"),
    }
    return render(request, "skp/index.html", context, status=status)


@butuh_pegawai
def buat(request, me: Pegawai):
    """Start the SKP of a year: a small form (approach, and the period after a mid-year transfer)."""
    tahun = tahun_diminta(request)
    form = SkpBuatForm(request.POST or None, auto_id="id_buat_%s")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                skp = skp_buat(
                    actor=me,
                    tahun=tahun,
                    pendekatan=form.cleaned_data["pendekatan"],
                    tanggal_mulai=form.cleaned_data["tanggal_mulai"],
                    tanggal_selesai=form.cleaned_data["tanggal_selesai"],
                )
            except SkpError as exc:
                add_to_form(form, exc)
            else:
                messages.success(
                    request, _("SKP tahun %(tahun)s sudah dibuat sebagai draf. Isi RHK dan IKI-nya.") % {"tahun": tahun}
                )
                return redirect("skp:ubah", skp.pk)
        status = REFUSED_STATUS
    format_skp = rules.format_skp(me.jabatan.jenis, pimpinan_unit_mandiri=jabatan_pimpinan_unit_mandiri(me.jabatan))
    prasyarat = None
    if format_skp == FormatSkp.JA_JF:
        prasyarat = cek_skp_atasan(me, tahun, rules.mulai_periode_jabatan(tahun, tmt_jabatan_sekarang(me)))
    return render(
        request,
        "skp/buat.html",
        {
            "form": form,
            "tahun": tahun,
            "prasyarat": prasyarat,
            "pegawai": me,
            "format_label": FormatSkp(format_skp).label,
        },
        status=status,
    )


def _label_plt(penugasan: Penugasan) -> str:
    return _("Plh.") if penugasan.jenis == JenisPenugasan.PLH else _("Plt.")


@butuh_pegawai
@require_POST
def buat_plt(request, me: Pegawai, jabatan_pk: int):
    """Start the SKP of a position ``me`` acts in as Plt/Plh during the posted year (the card on the year page):
    404 for a position they do not act in that year; the service checks the rest."""
    tahun = tahun_diminta(request)
    awal, akhir = rules.periode_default(tahun)
    penugasan = (
        Penugasan.objects.filter(pegawai=me, jabatan_id=jabatan_pk, tanggal_mulai__lte=akhir, tanggal_selesai__gte=awal)
        .select_related("jabatan")
        .first()
    )
    if penugasan is None:
        raise Http404
    form = SkpPendekatanForm(request.POST)
    try:
        if not form.is_valid():
            raise SkpError(_("Pilih pendekatan hasil kerja: kuantitatif atau kualitatif."))
        skp = skp_buat(actor=me, tahun=tahun, pendekatan=form.cleaned_data["pendekatan"], jabatan_plt=penugasan.jabatan)
    except SkpError as exc:
        messages.error(request, exc.message)
        return _render_index(request, me, tahun, status=REFUSED_STATUS)
    messages.success(
        request,
        _("SKP tahun %(tahun)s sebagai %(plt)s %(jabatan)s sudah dibuat sebagai draf. Isi RHK dan IKI-nya.")
        % {"tahun": tahun, "plt": _label_plt(penugasan), "jabatan": penugasan.jabatan.nama},
    )
    return redirect("skp:ubah", skp.pk)


@butuh_pegawai
@require_POST
def salin(request, me: Pegawai):
    """Start this year's SKP as a copy of last year's."""
    tahun = tahun_diminta(request)
    try:
        skp = skp_salin_tahun_lalu(actor=me, tahun=tahun)
    except SkpError as exc:
        messages.error(request, exc.message)
        return _render_index(request, me, tahun, status=REFUSED_STATUS)
    ditinjau = skp.rhk.filter(perlu_ditinjau=True).count()
    pesan = _("SKP tahun %(tahun)s sudah disalin dari tahun %(lalu)s sebagai draf.") % {
        "tahun": tahun,
        "lalu": tahun - 1,
    }
    if ditinjau:
        pesan += " " + _("%(n)s RHK perlu ditinjau: pilih ulang RHK atasan yang diintervensi (ditandai kuning).") % {
            "n": ditinjau
        }
        messages.warning(request, pesan)
    else:
        messages.success(request, pesan)
    return redirect("skp:ubah", skp.pk)
