"""Progress: a pegawai's month (minutes against the target, minutes per day) and realisasi per RHK and IKI, for
the pegawai and for whoever may see them. A kuantitas IKI shows the sum of its activities; any other IKI the
value the pegawai stated with evidence, which the owner states from this page (kinerja/views/realisasi.py)."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from pegawai.akses import butuh_pegawai, dapat_menilai, pegawai_of, pegawai_visible_to
from pegawai.models import Pegawai
from pegawai.nip import normalize_nip
from portal.akseslog import catat_akses
from portal.choices import JenisAkses

from .. import waktu
from ..choices import KategoriAktivitas, PeriodeRealisasi
from ..forms import ProgresForm
from ..selectors.harian import menit_per_hari
from ..selectors.realisasi import aktivitas_pendukung, realisasi
from ._common import bulan_geser, ringkas_bulan, target_harian
from .realisasi import susun_baris


def _render_progres(request, pegawai: Pegawai, *, sendiri: bool) -> HttpResponse:
    # A value the form refuses is ignored: the page opens on this month.
    form = ProgresForm(request.GET)
    form.is_valid()
    hari_ini = waktu.hari_ini()
    tahun, bulan = form.cleaned_data.get("bulan") or (hari_ini.year, hari_ini.month)
    tahunan = form.cleaned_data.get("periode") == PeriodeRealisasi.TAHUNAN
    kal = menit_per_hari(pegawai, tahun, bulan)
    target = target_harian(kal)
    real = realisasi(
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
    # The activities beside a stated IKI are listed on a monthly page; a year shows their number only.
    pendukung = None if tahunan else aktivitas_pendukung(real)
    baris = susun_baris(real, sendiri=sendiri, tahunan=tahunan, awal=awal, kunci=kal.kunci, pendukung=pendukung)
    return render(
        request,
        "kinerja/progres.html",
        {
            "pegawai": pegawai,
            "sendiri": sendiri,
            "tahun": tahun,
            "bulan": bulan,
            "awal": awal,
            "bulan_lalu": bulan_geser(awal, -1),
            "bulan_depan": bulan_geser(awal, 1),
            "kal": kal,
            "ringkas": ringkas_bulan(kal),
            "target_harian": target,
            "grafik": grafik,
            "real": real,
            "baris_realisasi": baris,
            "tahunan": tahunan,
            "kategori_lain": {KategoriAktivitas.TUGAS_TAMBAHAN, KategoriAktivitas.LAINNYA},
            "dapat_verifikasi": me is not None and not sendiri and dapat_menilai(me, pegawai),
            "hari_ini": hari_ini,
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
