"""Who may see which activity and evidence, and which activities an atasan verifies over a range of dates."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from pegawai.akses import pegawai_of, pegawai_visible_to
from pegawai.atasan import bawahan_dua_tingkat, bawahan_langsung
from pegawai.models import Pegawai
from pegawai.supervisi import awal_riwayat, riwayat_bawahan

from .. import waktu
from ..models import Aktivitas, BuktiDukung


def jendela_terbuka(hari_ini: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The dates whose activities may still be waiting for verification without an admin's reopening: the
    previous month (its deadline lies in this month) and this month, up to today."""
    hari_ini = hari_ini or waktu.hari_ini()
    awal = (hari_ini.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return awal, hari_ini


def q_dapat_diverifikasi(actor: Pegawai, awal: datetime.date, akhir: datetime.date) -> Q:
    """A filter on :class:`Aktivitas` for the activities dated ``awal``–``akhir`` whose pegawai ``actor`` rates on
    the activity's own date (own position, override, Plt/Plh) — the rule of
    :func:`pegawai.akses.dapat_menilai`, evaluated once per stretch of
    :func:`pegawai.supervisi.segmen_pengawasan` instead of once per activity."""
    q = Q(pk__in=[])
    # The bawahan as lists of ids, not a subquery: an atasan has a handful, and with their ids in hand the planner
    # reads their activities by the (pegawai, tanggal) index instead of scanning the window's activities of the
    # whole city (a queue page took 2–3 s at 20,000 pegawai).
    for mulai, selesai, ids in riwayat_bawahan(actor, awal, akhir):
        q |= Q(tanggal__range=(mulai, selesai), pegawai_id__in=sorted(ids))
    return q


def q_pernah_dinilai(actor: Pegawai, hari_ini: datetime.date | None = None) -> Q:
    """A filter on :class:`Aktivitas` for the activities dated on a day ``actor`` rated their pegawai, over the
    history an atasan keeps (:func:`pegawai.supervisi.awal_riwayat`): after a mutasi the old atasan still reads
    the days they supervised, the new one only the days since."""
    hari_ini = hari_ini or waktu.hari_ini()
    q = Q(pk__in=[])
    for mulai, selesai, ids in riwayat_bawahan(actor, awal_riwayat(hari_ini), hari_ini):
        q |= Q(tanggal__range=(mulai, selesai), pegawai_id__in=ids)
    return q


def aktivitas_visible_to(user) -> QuerySet[Aktivitas]:
    """Every activity ``user`` may open; fetch objects through this so anything else answers 404.

    Their own, and those of the pegawai they see whole as admin OPD, pimpinan or BKPSDM
    (:func:`pegawai.akses.pegawai_visible_to` without the supervision part); as atasan, the activities dated on a
    day they rated that pegawai (:func:`q_pernah_dinilai` — a Plt whose assignment ended on the last day of the
    month still verifies that month's activities in the first working days of the next one) and every activity
    they verified."""
    if not getattr(user, "is_authenticated", False):
        return Aktivitas.objects.none()
    me = pegawai_of(user)
    q = Q(pegawai__in=pegawai_visible_to(user, bawahan=False).values("pk"))
    if me is not None:
        q |= Q(diverifikasi_oleh=me)
        q |= q_pernah_dinilai(me)
        q |= _q_atasan_penilai(me)
    return Aktivitas.objects.filter(q)


def _q_atasan_penilai(me: Pegawai) -> Q:
    """The atasan pejabat penilai reads the activities of their bawahan's bawahan on today's supervision."""
    kedua = bawahan_dua_tingkat(me).exclude(pk__in=bawahan_langsung(me).values("pk"))
    return Q(pegawai__in=kedua.values("pk"))


def bukti_visible_to(user) -> QuerySet[BuktiDukung]:
    """Evidence ``user`` may open or download: that of the activities they may see. The download view fetches
    through this (404 outside) and serves the file itself — files have no public URL."""
    return BuktiDukung.objects.filter(aktivitas__in=aktivitas_visible_to(user).values("pk"))
