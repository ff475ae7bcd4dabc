"""The atasan's team: each bawahan of today (own position and any Plt/Plh) with the state of their SKP of the year
(read through the SKP app's queue, :func:`skp.selectors.antrian.skp_antrian_atasan`, so the state, deadline and
lateness are the ones the SKP pages show) and their daily reports — this month's, the late ones, and what waits
for the atasan's verification in the open window. A fixed number of queries whatever the size of the team."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from pegawai.atasan import bawahan_langsung_teringat
from pegawai.models import Pegawai
from skp.selectors.antrian import AntrianSkp, skp_antrian_atasan
from skp.selectors.skp import pilih_skp

from .. import rules
from ..choices import StatusAktivitas
from ..models import Aktivitas
from .aktivitas import jendela_terbuka, q_dapat_diverifikasi


@dataclass
class BarisTim:
    """One bawahan on the team page."""

    pegawai: Pegawai
    #: Their SKP of the year as the atasan's SKP queue shows it (a "belum dibuat" row when there is none).
    skp: AntrianSkp | None
    #: Activities dated this month: all recorded, approved, and recorded late (after the entry window).
    bulan_ini: int = 0
    disetujui: int = 0
    terlambat: int = 0
    #: Submitted activities of the open window waiting for this atasan (the count of the verification queue).
    menunggu: int = 0


def _skp_per_pegawai(rows: list[AntrianSkp], on: datetime.date) -> dict[int, AntrianSkp]:
    """The queue row that counts for each pegawai on ``on`` (:func:`skp.selectors.skp.pilih_skp`: a period
    covering the day, an approved version before a pending perubahan)."""
    per_pegawai: dict[int, list[AntrianSkp]] = {}
    for r in rows:
        per_pegawai.setdefault(r.pegawai.pk, []).append(r)
    hasil = {}
    for pegawai_id, daftar in per_pegawai.items():
        dengan_skp = [r for r in daftar if r.skp is not None]
        if not dengan_skp:
            hasil[pegawai_id] = daftar[0]
            continue
        pilihan = pilih_skp([r.skp for r in dengan_skp], on, hanya_disetujui=False)
        hasil[pegawai_id] = next(r for r in dengan_skp if r.skp is pilihan)
    return hasil


def tim_atasan(actor: Pegawai | None, hari_ini: datetime.date) -> list[BarisTim]:
    """Each bawahan ``actor`` rates on ``hari_ini`` (including through a Plt/Plh, an override or a delegation), by
    name, with their SKP of the year and their reports. Empty for a login without a pegawai or without bawahan."""
    if actor is None:
        return []
    bawahan = list(
        bawahan_langsung_teringat(actor, hari_ini).select_related("jabatan__unit_kerja", "user").order_by("nama", "pk")
    )
    if not bawahan:
        return []
    ids = [p.pk for p in bawahan]
    skp = _skp_per_pegawai(skp_antrian_atasan(actor, hari_ini.year, on=hari_ini), hari_ini)
    awal, akhir = rules.rentang_bulan(hari_ini.year, hari_ini.month)
    bulan = {
        r["pegawai_id"]: r
        for r in Aktivitas.objects.filter(pegawai_id__in=ids, tanggal__range=(awal, akhir))
        .values("pegawai_id")
        .annotate(
            n=Count("pk"),
            disetujui=Count("pk", filter=Q(status=StatusAktivitas.DISETUJUI)),
            terlambat=Count("pk", filter=Q(terlambat=True)),
        )
        .order_by()
    }
    menunggu = dict(
        Aktivitas.objects.filter(
            q_dapat_diverifikasi(actor, *jendela_terbuka(hari_ini)),
            pegawai_id__in=ids,
            status=StatusAktivitas.DIAJUKAN,
        )
        .values("pegawai_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("pegawai_id", "n")
    )
    baris = []
    for p in bawahan:
        angka = bulan.get(p.pk, {})
        baris.append(
            BarisTim(
                pegawai=p,
                skp=skp.get(p.pk),
                bulan_ini=angka.get("n", 0),
                disetujui=angka.get("disetujui", 0),
                terlambat=angka.get("terlambat", 0),
                menunggu=menunggu.get(p.pk, 0),
            )
        )
    return baris
