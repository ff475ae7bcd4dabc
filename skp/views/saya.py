"""SKP saya: the pegawai's own SKP per year, and starting one (new, or copied from last year)."""

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
from pegawai.atasan import atasan_langsung
from pegawai.models import Pegawai
from portal.errors import REFUSED_STATUS, add_to_form

from .. import rules
from ..choices import AksiSkp, FormatSkp, SkpStatus
from ..errors import SkpError
from ..forms import SkpBuatForm, SkpPendekatanForm
from ..models import Skp, SkpRiwayat
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
    for s in skp_tahun:
        s.catatan_kembali = catatan.get(s.pk)
        berikut = next((v.versi for v in skp_tahun if v.versi_sebelumnya_id == s.pk), None)
        # The page is the owner's own: the perubahan rule alone decides whether the button shows.
        s.boleh_perubahan = rules.cek_perubahan(s.status, digantikan=s.digantikan, versi_berikut=berikut) is None

    format_skp = rules.format_dari_jenis_jabatan(me.jabatan.jenis)
    sudah_ada = any(s.jabatan_id == me.jabatan_id for s in skp_tahun)
    prasyarat = None
    skp_atasan_url = None
    if format_skp == FormatSkp.JA_JF:
        prasyarat = cek_skp_atasan(me, tahun)
        acuan = prasyarat.skp or prasyarat.skp_terakhir
        if acuan is not None and skp_qs(request.user).filter(pk=acuan.pk).exists():
            skp_atasan_url = reverse("skp:detail", args=[acuan.pk])
    atasan = atasan_langsung(me)
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
        "boleh_mulai": not sudah_ada and (prasyarat is None or prasyarat.siap),
        "skp_atasan_url": skp_atasan_url,
        "bisa_salin": any(s.tahun == tahun - 1 and s.digantikan_pada is None for s in semua),
        "atasan": atasan,
        "kepala_daerah": jpt and atasan is None and me.jabatan.parent_id is None,
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
    format_skp = rules.format_dari_jenis_jabatan(me.jabatan.jenis)
    prasyarat = cek_skp_atasan(me, tahun) if format_skp == FormatSkp.JA_JF else None
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
