"""The atasan's overview: the team page (each bawahan with their SKP, their reports of the month, what waits and
what is late, linking to their SKP, progress and profile), the landing-page block of activities waiting for
verification, and the links on a pegawai's profile to their daily reports (the last two registered in
:mod:`kinerja.portal_hooks`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from pegawai.akses import butuh_pegawai, dapat_menilai, pegawai_of
from pegawai.atasan import id_bawahan_langsung
from portal.ingat import sekali
from portal.registry import Tautan

from .. import rules, waktu
from ..selectors.antrian import ringkasan_antrian
from ..selectors.tim import tim_atasan


@butuh_pegawai
def tim(request, me):
    """Today's bawahan of the login (own position and any Plt/Plh). A fixed number of queries whatever the size
    of the team (kinerja/selectors/tim.py)."""
    hari_ini = waktu.hari_ini()
    baris = tim_atasan(me, hari_ini)
    return render(
        request,
        "kinerja/tim.html",
        {
            "baris": baris,
            "hari_ini": hari_ini,
            "awal_bulan": hari_ini.replace(day=1),
            "jumlah_menunggu": sum(b.menunggu for b in baris),
        },
    )


def url_antrian(**params) -> str:
    return f"{reverse('kinerja:antrian')}?{urlencode(params)}"


def beranda_verifikasi(request) -> dict | None:
    """The landing-page block of an atasan: submitted activities waiting for them per month, each with its
    verification deadline and a link to that month in the queue. Nothing for a login that supervises nobody and
    has nothing waiting (a former atasan may still have last month's activities to verify)."""
    me = pegawai_of(request.user)
    if me is None:
        return None
    ringkasan = sekali(ringkasan_antrian, me)
    if not ringkasan and not id_bawahan_langsung(me, waktu.hari_ini()):
        return None
    bulan = []
    for r in ringkasan:
        awal, akhir = rules.rentang_bulan(r.tahun, r.bulan)
        bulan.append((r, url_antrian(dari=awal.isoformat(), sampai=akhir.isoformat())))
    return {"bulan": bulan, "jumlah": sum(r.menunggu for r in ringkasan)}


def tautan_profil(request, pegawai) -> list[Tautan]:
    """On a pegawai's profile: their progress and daily reports — for whoever sees the profile, since the progress
    page has the same scope (:func:`pegawai.akses.pegawai_visible_to`) — and, for their atasan of today, their
    activities in the verification queue."""
    me = pegawai_of(request.user)
    if me is not None and me.pk == pegawai.pk:
        return [Tautan(_("Laporan harian saya"), reverse("kinerja:harian"), "journal-check")]
    tautan = [
        Tautan(_("Progres dan laporan harian"), reverse("kinerja:progres_pegawai", args=[pegawai.nip]), "bar-chart")
    ]
    if me is not None and dapat_menilai(me, pegawai, on=waktu.hari_ini()):
        tautan.append(Tautan(_("Aktivitas untuk diverifikasi"), url_antrian(pegawai=pegawai.pk), "check2-square"))
    return tautan
