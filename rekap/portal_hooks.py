"""What the recap app shows on the platform's pages: the dashboards of the landing page — the pegawai's own months,
the atasan's team, the OPDs of admins and pimpinan — and the guide's section on reading them. Called once from
:meth:`rekap.apps.RekapConfig.ready`."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.selectors.antrian import ringkasan_antrian
from pegawai.akses import opd_lingkup_statistik, pegawai_of
from pegawai.atasan import id_bawahan_langsung
from penilaian.selectors.distribusi import distribusi_penilai
from penilaian.selectors.periode import periode_bawaan
from portal import registry
from portal.ingat import sekali
from portal.registry import BerandaPanel, PanduanBagian
from skp.selectors.antrian import skp_antrian_atasan

from .selectors.dasbor import dasbor_opd, dasbor_pegawai, dasbor_tim

_CHART = "vendor/chartjs/chart.umd.min.js"


def beranda_saya(request) -> dict | None:
    """A pegawai's months, RHK progress and newest predikat; nothing for a login without a pegawai."""
    me = pegawai_of(request.user)
    if me is None:
        return None
    return {**dasbor_pegawai(me, timezone.localdate()), "skrip": [_CHART]}


def beranda_tim(request) -> dict | None:
    """An atasan's team this month, what waits for them, and the team's predikat against the curve; nothing for a
    login without bawahan today."""
    me = pegawai_of(request.user)
    if me is None:
        return None
    hari_ini = timezone.localdate()
    bawahan_ids = sorted(id_bawahan_langsung(me, hari_ini))
    if not bawahan_ids:
        return None
    konteks = dasbor_tim(bawahan_ids, hari_ini)
    # What waits for the atasan, counted by the apps that own the queues (their blocks above give the details).
    # The same answers as kinerja's and skp's own blocks on this page: computed once (portal.ingat).
    ringkasan = sekali(ringkasan_antrian, me)
    konteks["verifikasi_menunggu"] = sum(r.menunggu for r in ringkasan)
    antrian_skp = sekali(skp_antrian_atasan, me, hari_ini.year)
    konteks["skp_menunggu"] = sum(1 for r in antrian_skp if r.perlu_tindakan)
    periode = periode_bawaan(hari_ini)
    if periode is not None:
        tim, _unit = distribusi_penilai(me, periode)
        if tim.total or tim.belum_dinilai:
            konteks["periode_penilaian"] = periode
            konteks["distribusi"] = [tim]  # the list penilaian/_distribusi.html shows
            konteks["grafik_distribusi"] = {
                "labels": [str(b.predikat.label) for b in tim.baris],
                "data": [b.jumlah for b in tim.baris],
            }
    konteks["skrip"] = [_CHART]
    return konteks


def beranda_opd(request) -> dict | None:
    """The OPDs an admin or pimpinan oversees (the whole city for admin BKPSDM and city pimpinan)."""
    lingkup = opd_lingkup_statistik(request.user)
    if lingkup is not None and not lingkup:
        return None
    return {
        **dasbor_opd(request.user, lingkup, timezone.localdate()),
        "lingkup_kota": lingkup is None,
        "skrip": [_CHART],
    }


def register() -> None:
    # Right after today's report (kinerja, 5): the pegawai's own months.
    registry.beranda_panel(BerandaPanel("rekap/_beranda_saya.html", context=beranda_saya, urutan=6))
    # After the identity card (pegawai, 10): the team of an atasan, once their pending work (7–9) is listed.
    registry.beranda_panel(BerandaPanel("rekap/_beranda_tim.html", context=beranda_tim, urutan=20))
    # Performance before the staffing recap (pegawai, 90) for admins and pimpinan.
    registry.beranda_panel(BerandaPanel("rekap/_beranda_opd.html", context=beranda_opd, urutan=80))
    registry.panduan_bagian(
        PanduanBagian("dasbor", _("Membaca grafik di beranda"), "rekap/panduan/dasbor.html", urutan=87)
    )
