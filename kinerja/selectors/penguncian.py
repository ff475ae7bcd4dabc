"""The month lock and the entry window: whether an activity of a date may still be entered, changed or verified.

A month locks after its verification deadline (the N-th working day of the next month) unless an admin reopened
it for the pegawai (:class:`~kinerja.models.BukaKunci`); an entry is on time up to ``batas_hari_entri`` working
days after its date (:func:`kinerja.rules.status_entri`). The services refuse with these answers and the pages
show the same answers ahead of time, so the decision and its message exist once: :func:`entri_tanggal` and
:attr:`InfoKunci.pesan`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pegawai.models import Pegawai

from .. import rules, waktu
from ..models import BukaKunci, PengaturanKinerja
from .cache import ReadCache
from .kalender import (
    DataKalender,
    data_kalender_tanggal,
    data_untuk,
    hari_kerja_per_minggu,
    libur_antara,
    pengaturan_kinerja,
    unit_pegawai,
)


@dataclass(frozen=True)
class InfoKunci:
    """The month lock of one pegawai-month."""

    tahun: int
    bulan: int
    batas_verifikasi: datetime.date
    dibuka_sampai: datetime.date | None
    terkunci: bool

    @property
    def pesan(self) -> str:
        """Why nothing of this month may change any more, and what to do about it."""
        return _(
            "Aktivitas bulan %(bulan)s sudah terkunci sejak batas verifikasi %(batas)s. Hubungi admin OPD untuk "
            "membuka kembali bulan ini."
        ) % {
            "bulan": date_format(datetime.date(self.tahun, self.bulan, 1), "F Y"),
            "batas": date_format(self.batas_verifikasi, "j F Y"),
        }


def peta_kunci(
    baris: Iterable[tuple[int, int, int, int]],
    pengaturan: PengaturanKinerja,
    hari_ini: datetime.date | None = None,
) -> dict[tuple[int, int, int], InfoKunci]:
    """The lock state of many pegawai-months at once: ``baris`` holds ``(pegawai_id, unit_kerja_id, tahun,
    bulan)``; the result is keyed by ``(pegawai_id, tahun, bulan)``. Three or four queries whatever the number."""
    hari_ini = hari_ini or waktu.hari_ini()
    baris = set(baris)
    if not baris:
        return {}
    minggu = hari_kerja_per_minggu({unit for _p, unit, _t, _b in baris}, pengaturan)
    bulan_batas = sorted({rules.bulan_berikut(t, b) for _p, _u, t, b in baris})
    awal = datetime.date(*bulan_batas[0], 1)
    akhir = rules.rentang_bulan(*bulan_batas[-1])[1]
    libur = frozenset(libur_antara(awal, akhir))
    dibuka = {
        (r["pegawai_id"], r["tahun"], r["bulan"]): r["sampai"]
        for r in BukaKunci.objects.filter(pegawai_id__in={p for p, *_ in baris}, sampai__gte=hari_ini)
        .values("pegawai_id", "tahun", "bulan")
        .annotate(sampai=Max("sampai"))
        .order_by()
    }
    n = pengaturan.batas_verifikasi_hari_kerja
    hasil = {}
    for pegawai_id, unit_id, tahun, bulan in baris:
        kalender = rules.Kalender(minggu[unit_id], libur)
        sampai = dibuka.get((pegawai_id, tahun, bulan))
        hasil[(pegawai_id, tahun, bulan)] = InfoKunci(
            tahun=tahun,
            bulan=bulan,
            batas_verifikasi=rules.batas_verifikasi(tahun, bulan, n, kalender),
            dibuka_sampai=sampai,
            terkunci=rules.bulan_terkunci(tahun, bulan, hari_ini, n, kalender, sampai),
        )
    return hasil


def info_kunci_bulan(
    pegawai: Pegawai, tahun: int, bulan: int, pengaturan: PengaturanKinerja, kalender: rules.Kalender
) -> InfoKunci:
    """The lock of one pegawai-month from a calendar that holds the next month's holidays (one query: the
    reopenings)."""
    hari_ini = waktu.hari_ini()
    sampai = BukaKunci.objects.filter(pegawai=pegawai, tahun=tahun, bulan=bulan, sampai__gte=hari_ini).aggregate(
        m=Max("sampai")
    )["m"]
    n = pengaturan.batas_verifikasi_hari_kerja
    return InfoKunci(
        tahun=tahun,
        bulan=bulan,
        batas_verifikasi=rules.batas_verifikasi(tahun, bulan, n, kalender),
        dibuka_sampai=sampai,
        terkunci=rules.bulan_terkunci(tahun, bulan, hari_ini, n, kalender, sampai),
    )


def status_kunci(
    pegawai: Pegawai,
    tahun: int,
    bulan: int,
    pengaturan: PengaturanKinerja | None = None,
    data: DataKalender | None = None,
) -> InfoKunci:
    """Whether ``pegawai``'s activities of ``tahun``-``bulan`` are locked today, the deadline, and any reopening.
    With ``data`` covering the next month, at most one query (the reopenings), and the answer is kept in
    ``data`` for the rest of the request."""
    pengaturan = pengaturan or pengaturan_kinerja()
    batas = rules.rentang_bulan(*rules.bulan_berikut(tahun, bulan))
    if (data := data_untuk(data, pegawai, *batas)) is not None:
        info = data.kunci_bulan.get((tahun, bulan))
        if info is None:
            info = data.kunci_bulan[(tahun, bulan)] = info_kunci_bulan(
                pegawai, tahun, bulan, pengaturan, data.kalender()
            )
        return info
    return peta_kunci([(pegawai.pk, unit_pegawai(pegawai), tahun, bulan)], pengaturan)[(pegawai.pk, tahun, bulan)]


@dataclass(frozen=True)
class Entri:
    """Whether an activity dated ``tanggal`` may be entered today (or an activity moved to that date), and why
    not."""

    boleh: bool
    terlambat: bool = False
    pesan: str = ""
    #: The last day an entry for this date is on time (the N-th working day after it).
    batas: datetime.date | None = None
    kunci: InfoKunci | None = None

    @property
    def terkunci(self) -> bool:
        """Refused because the month is locked (not because of the entry window)."""
        return self.kunci is not None and self.kunci.terkunci


def entri_tanggal(pegawai: Pegawai, tanggal: datetime.date, cache: ReadCache | None = None) -> Entri:
    """May ``pegawai`` still enter an activity dated ``tanggal`` today: not in a locked month, not in the future,
    and within the entry window — or after it, flagged late, when the policy is *tandai* or an admin reopened
    the month. The one answer the services enforce and the daily page shows before the form."""
    pengaturan = pengaturan_kinerja(cache)
    data = data_kalender_tanggal(pegawai, tanggal, cache)
    kunci = status_kunci(pegawai, tanggal.year, tanggal.month, pengaturan, data)
    if kunci.terkunci:
        return Entri(False, pesan=kunci.pesan, kunci=kunci)
    kalender = data.kalender()
    status = rules.status_entri(tanggal, waktu.hari_ini(), pengaturan.batas_hari_entri, kalender)
    keputusan = rules.keputusan_entri(
        status, pengaturan.kebijakan_terlambat, bulan_dibuka=kunci.dibuka_sampai is not None
    )
    batas = rules.hari_kerja_berikut(tanggal, pengaturan.batas_hari_entri, kalender)
    return Entri(keputusan.diterima, keputusan.terlambat, keputusan.pesan, batas, kunci)
