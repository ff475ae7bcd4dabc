"""The pegawai list (with its export) and a pegawai's profile."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import registry
from portal.akseslog import catat_akses
from portal.choices import JenisAkses
from portal.exports import FORMATS
from portal.pagination import paginate

from ..akses import (
    butuh_peran,
    pegawai_managed_by,
    pegawai_of,
    pegawai_visible_to,
    peran_admin_atau_pimpinan,
    peran_of,
)
from ..atasan import (
    Penilai,
    atasan_langsung,
    bawahan_langsung,
    kepala_daerah_penilai,
    penilai_pada,
    riwayat_jabatan,
)
from ..exports import PegawaiExporter
from ..filters import PegawaiFilterSet
from ..models import Jabatan, Pegawai, Penugasan
from ..nip import normalize_nip


def _pegawai_filter(request) -> tuple[PegawaiFilterSet, object]:
    """The scoped, filtered pegawai queryset shared by the list and its export. An invalid filter shows nothing
    (and its error) rather than silently ignoring the filter and showing more than was asked for."""
    queryset = pegawai_visible_to(request.user).with_org().order_by("nama", "nip")
    filterset = PegawaiFilterSet(request.GET, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_valid() else queryset.none()
    return filterset, rows


FILTER_LANJUT = ("opd", "unit", "jenis_jabatan", "status", "lingkup", "aktif")


@login_required
def pegawai_list(request):
    filterset, rows = _pegawai_filter(request)
    page = paginate(request, rows)
    return render(
        request,
        "pegawai/pegawai_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "boleh_ekspor": peran_admin_atau_pimpinan(peran_of(request.user)),
            "ada_filter": any(request.GET.get(k) for k in ("q", *FILTER_LANJUT)),
            "ada_filter_lanjut": any(request.GET.get(k) for k in FILTER_LANJUT),
        },
    )


@login_required
def pegawai_detail(request, nip: str):
    visible = pegawai_visible_to(request.user)
    pegawai = get_object_or_404(visible.with_org(), nip=normalize_nip(nip))
    me = pegawai_of(request.user)
    if me is None or me.pk != pegawai.pk:
        # UU 27/2022 Pasal 31: a record of who viewed another person's personal data, kept for the data owner.
        catat_akses(
            user=request.user,
            jenis=JenisAkses.LIHAT,
            objek=_("Profil pegawai %(nip)s") % {"nip": pegawai.nip},
            pegawai=pegawai,
            request=request,
        )

    hari_ini = timezone.localdate()
    penilai = penilai_pada(pegawai, hari_ini)
    atasan = penilai.pegawai if penilai else None
    atasan_atasan = atasan_langsung(atasan, hari_ini) if atasan else None
    # The kepala daerah rates the top JPT (the Sekda) but is no pegawai: named from the settings, not "none".
    if atasan is None:
        kepala_daerah, kepala_daerah_atas = kepala_daerah_penilai(pegawai, hari_ini), None
    else:
        kepala_daerah, kepala_daerah_atas = None, None if atasan_atasan else kepala_daerah_penilai(atasan, hari_ini)
    bawahan = list(bawahan_langsung(pegawai, hari_ini).with_org().order_by("nama"))
    rantai_ids = [p.pk for p in (atasan, atasan_atasan) if p]
    org = Pegawai.objects.with_org().in_bulk(rantai_ids)
    # Names are linked only where the viewer may open the profile; one query for the whole page.
    bisa_dibuka = set(visible.filter(pk__in=rantai_ids + [b.pk for b in bawahan]).values_list("pk", flat=True))
    penugasan = list(
        Penugasan.objects.filter(pegawai=pegawai)
        .select_related("jabatan__unit_kerja__perangkat_daerah")
        .order_by("-tanggal_mulai")
    )
    for t in penugasan:
        t.berlaku = t.tanggal_mulai <= hari_ini <= t.tanggal_selesai
    pengganti = list(
        Penugasan.objects.berlaku(hari_ini).filter(jabatan_id=pegawai.jabatan_id).select_related("pegawai")
    )
    # The whole history in one query, however many mutasi the pegawai went through.
    riwayat = list(riwayat_jabatan(pegawai))
    sekarang = next((r for r in riwayat if r.jabatan_id == pegawai.jabatan_id and r.tanggal_selesai is None), None)
    dikelola = pegawai.aktif and pegawai_managed_by(request.user).filter(pk=pegawai.pk).exists()
    return render(
        request,
        "pegawai/pegawai_detail.html",
        {
            "pegawai": pegawai,
            "atasan": org.get(atasan.pk) if atasan else None,
            "dasar_atasan": _dasar_penilai(penilai) if penilai else "",
            "atasan_atasan": org.get(atasan_atasan.pk) if atasan_atasan else None,
            # Their SKP and daily reports, as far as the viewer may open them (registered by skp and kinerja).
            "tautan": registry.profil_daftar_tautan(request, pegawai),
            "kepala_daerah": kepala_daerah,
            "kepala_daerah_atas": kepala_daerah_atas,
            "bawahan": bawahan,
            "bisa_dibuka": bisa_dibuka,
            "penugasan": penugasan,
            "pengganti": pengganti,
            "riwayat": riwayat,
            "tmt_jabatan": sekarang.tmt if sekarang else None,
            "diri_sendiri": me is not None and me.pk == pegawai.pk,
            "boleh_kelola_akun": dikelola,
            "boleh_mutasi": dikelola,
        },
    )


def _dasar_penilai(penilai: Penilai) -> str:
    """On what the atasan langsung rates (docs/ATURAN.md): their own position (definitif), a position they act in
    (named), a penetapan for this pegawai, or a written delegation."""
    if penilai.dasar == Penilai.PENETAPAN:
        return _("penetapan atasan untuk pegawai ini")
    if penilai.dasar == Penilai.DELEGASI:
        return _("delegasi tertulis dari pejabat penilai")
    if penilai.dasar == Penilai.PLT:
        jabatan = Jabatan.objects.filter(pk=penilai.jabatan_id).values_list("nama", flat=True).first()
        return _("Plt/Plh %(jabatan)s") % {"jabatan": jabatan or "—"}
    return _("definitif")


@butuh_peran(peran_admin_atau_pimpinan)
def pegawai_ekspor(request):
    fmt = request.GET.get("format", "xlsx")
    if fmt not in FORMATS:
        raise Http404
    filterset, rows = _pegawai_filter(request)
    if not filterset.is_valid():
        messages.error(request, _("Filter belum benar; perbaiki dulu sebelum mengunduh."))
        query = request.GET.copy()
        query.pop("format", None)
        return redirect(f"{reverse('pegawai_list')}?{query.urlencode()}")
    export = PegawaiExporter(rows).render(fmt)
    catat_akses(
        user=request.user,
        jenis=JenisAkses.EKSPOR,
        objek=_("Daftar pegawai (%(format)s)") % {"format": fmt.upper()},
        request=request,
        jumlah_baris=export.jumlah_baris,
    )
    response = HttpResponse(export.content, content_type=export.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
