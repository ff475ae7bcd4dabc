"""What the kinerja pages share: the role checks of ``butuh_peran``, request parameters, and the month summary
the daily page and the progress page both show."""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

from django.urls import reverse
from django.utils.formats import date_format

from .. import rules, waktu
from ..forms import HariForm
from ..models import Aktivitas
from ..selectors.harian import KalenderBulan


def tanggal_dari(data) -> datetime.date:
    """The ``tanggal`` of a query or form (``request.GET`` / ``request.POST``), else today (a mistyped address opens
    today's page)."""
    form = HariForm(data)
    return (form.cleaned_data["tanggal"] if form.is_valid() else None) or waktu.hari_ini()


def url_harian(tanggal: datetime.date) -> str:
    return f"{reverse('kinerja:harian')}?tanggal={tanggal:%Y-%m-%d}"


def label_aktivitas(aktivitas: Aktivitas) -> str:
    return f"{date_format(aktivitas.tanggal, 'j F')} {aktivitas.jam_mulai:%H.%M}–{aktivitas.jam_selesai:%H.%M}"


def bulan_geser(tanggal: datetime.date, langkah: int) -> datetime.date:
    """The same day number ``langkah`` months away (clamped to the month's length)."""
    tahun, bulan = divmod(tanggal.year * 12 + tanggal.month - 1 + langkah, 12)
    bulan += 1
    akhir = rules.rentang_bulan(tahun, bulan)[1]
    return datetime.date(tahun, bulan, min(tanggal.day, akhir.day))


def target_harian(kal: KalenderBulan) -> int:
    """The monthly minimum shared over the month's working days (rounded up: meeting every day's share meets the
    month)."""
    hari_kerja = kal.jumlah_hari_kerja
    return math.ceil(kal.menit_efektif_minimum / hari_kerja) if hari_kerja else 0


def ringkas_bulan(kal: KalenderBulan) -> dict:
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
