"""Recap periods (:class:`~rekap.models.PeriodeRekap`): a month, quarter, semester or year, open while it is
recomputed, closed — frozen — once nothing it counts can change any more, reopened by admin BKPSDM with a written
reason. Closing and reopening are audited: the row is tracked by pghistory and the reason goes into the audit
context (:func:`portal.audit.as_actor`), as for the discipline months (:mod:`disiplin.services.bulan`).

A period may be closed once it has ended, every month of it is past kinerja's verification lock (and any admin
reopening of a pegawai's month, :func:`disiplin.services.bulan.batas_tutup`), and the reporting-discipline facts of
each month are closed (:class:`~disiplin.models.BulanDisiplin`): the recap counts those facts, so it freezes after
them. Closing recomputes every OPD and the aggregates in the same transaction, under the period's exclusive
advisory lock, so the frozen rows are the final ones.
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from disiplin.choices import StatusBulan
from disiplin.models import BulanDisiplin
from disiplin.services.bulan import batas_tutup, nama_bulan
from kinerja import rules, waktu
from kinerja.choices import PeriodeRealisasi
from kinerja.pengingat import advisory_lock_key
from pegawai.akses import peran_of
from portal.audit import as_actor
from portal.models import Pekerjaan

from ..choices import JenisPeriodeRekap, StatusPeriodeRekap
from ..errors import RekapError, RekapTidakBerwenang
from ..models import PeriodeRekap
from ..selectors.publik import transparansi_hapus_cache

MAKS_ALASAN = PeriodeRekap._meta.get_field("alasan_buka_kembali").max_length

#: The recap kinds as kinerja's roll-up periods (the same spans as :func:`kinerja.rules.rentang_periode`).
PERIODE_KINERJA = {
    JenisPeriodeRekap.BULAN: PeriodeRealisasi.BULANAN,
    JenisPeriodeRekap.TRIWULAN: PeriodeRealisasi.TRIWULANAN,
    JenisPeriodeRekap.SEMESTER: PeriodeRealisasi.SEMESTERAN,
    JenisPeriodeRekap.TAHUN: PeriodeRealisasi.TAHUNAN,
}
#: How many periods of each kind a year has.
NOMOR_MAKS = {
    JenisPeriodeRekap.BULAN: 12,
    JenisPeriodeRekap.TRIWULAN: 4,
    JenisPeriodeRekap.SEMESTER: 2,
    JenisPeriodeRekap.TAHUN: 1,
}


def kunci_periode(periode_id: int) -> int:
    """The advisory-lock key of a period: shared by the computing runs, exclusive while it is closed or
    reopened."""
    return advisory_lock_key(f"rekap:periode:{periode_id}")


def rentang(jenis: str, tahun: int, nomor: int) -> tuple[datetime.date, datetime.date]:
    if jenis not in NOMOR_MAKS or not 2000 <= tahun <= 2100 or not 1 <= nomor <= NOMOR_MAKS[jenis]:
        raise RekapError(_("Periode rekap tidak sah."))
    return rules.rentang_periode(tahun, PERIODE_KINERJA[jenis], nomor)


def periode_rekap(jenis: str, tahun: int, nomor: int) -> PeriodeRekap:
    """The period's row, created (open, with its dates) on first use."""
    mulai, selesai = rentang(jenis, tahun, nomor)
    obj, _created = PeriodeRekap.objects.get_or_create(
        jenis=jenis, tahun=tahun, nomor=nomor, defaults={"mulai": mulai, "selesai": selesai}
    )
    return obj


def bulan_periode(periode: PeriodeRekap) -> list[tuple[int, int]]:
    """The (tahun, bulan) of every month of the period, in order."""
    return [(periode.tahun, b) for b in range(periode.mulai.month, periode.selesai.month + 1)]


def pastikan_admin_bkpsdm(actor) -> None:
    if not peran_of(actor).admin_bkpsdm:
        raise RekapTidakBerwenang(_("Hanya admin BKPSDM yang dapat mengelola periode rekap."))


def alasan_belum_dapat_ditutup(periode: PeriodeRekap, hari_ini: datetime.date | None = None) -> str | None:
    """Why the period cannot be closed today (``None``: it can). The same answer for the button and the beat."""
    hari_ini = hari_ini or waktu.hari_ini()
    if periode.status == StatusPeriodeRekap.DITUTUP:
        return _("Periode ini sudah ditutup.")
    if hari_ini <= periode.selesai:
        return _("Periode ini belum berakhir.")
    tahun, bulan = bulan_periode(periode)[-1]
    batas = batas_tutup(tahun, bulan, hari_ini)
    if hari_ini <= batas:
        return _("Aktivitas bulan %(bulan)s masih dapat berubah sampai batas verifikasi %(batas)s.") % {
            "bulan": nama_bulan(tahun, bulan),
            "batas": batas.strftime("%d-%m-%Y"),
        }
    tutup = set(
        BulanDisiplin.objects.filter(
            tahun=periode.tahun,
            bulan__gte=periode.mulai.month,
            bulan__lte=periode.selesai.month,
            status=StatusBulan.DITUTUP,
        ).values_list("bulan", flat=True)
    )
    belum = [b for _t, b in bulan_periode(periode) if b not in tutup]
    if belum:
        return _("Fakta disiplin pelaporan bulan %(bulan)s belum ditutup.") % {
            "bulan": nama_bulan(periode.tahun, belum[0])
        }
    return None


def periode_tutup(actor, periode: PeriodeRekap, hari_ini: datetime.date | None = None) -> PeriodeRekap:
    """Recompute every OPD and the aggregates, then close the period, in one transaction. ``actor`` ``None`` is
    the nightly job; a person must be admin BKPSDM."""
    from .hitung import hitung_agregat, hitung_semua_opd

    if actor is not None:
        pastikan_admin_bkpsdm(actor)
    alasan = alasan_belum_dapat_ditutup(periode, hari_ini)
    if alasan:
        raise RekapError(alasan)
    with transaction.atomic(), as_actor(actor, alasan=_("Periode rekap ditutup setelah batas verifikasi")):
        with connection.cursor() as cursor:
            # Exclusive: the runs of this period have finished, and none starts until this one commits.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [kunci_periode(periode.pk)])
        obj = PeriodeRekap.objects.select_for_update().get(pk=periode.pk)
        if obj.status == StatusPeriodeRekap.DITUTUP:
            raise RekapError(_("Periode ini sudah ditutup."))
        hitung_semua_opd(obj, hari_ini=hari_ini)
        hitung_agregat(obj)
        sekarang = timezone.now()
        obj.status = StatusPeriodeRekap.DITUTUP
        obj.ditutup_pada = sekarang
        obj.dihitung_pada = sekarang
        obj.save(update_fields=["status", "ditutup_pada", "dihitung_pada"])
        transparansi_hapus_cache(obj)
    return obj


#: The ``jenis`` of the job an admin starts with "Hitung terakhir lalu tutup".
JENIS_TUTUP = "rekap_tutup"


def tutup_mulai(actor, periode: PeriodeRekap):
    """Admin BKPSDM closes a period: a job (:class:`~portal.models.Pekerjaan`) that runs :func:`periode_tutup` in a
    worker — at city scale a final computation of every OPD takes longer than a page may wait. Refused at once,
    with the reason, when the period cannot be closed now."""
    from portal.jobs import AKTIF, pekerjaan_buat

    from ..tasks import tutup_rekap

    pastikan_admin_bkpsdm(actor)
    with transaction.atomic():
        # The period's row locked: two admins pressing "Tutup" at once start one job, the second is told it runs.
        periode = PeriodeRekap.objects.select_for_update().get(pk=periode.pk)
        if periode.status == StatusPeriodeRekap.DITUTUP:
            raise RekapError(_("Periode ini sudah ditutup."))
        alasan = alasan_belum_dapat_ditutup(periode)
        if alasan:
            raise RekapError(alasan)
        if Pekerjaan.objects.filter(jenis=JENIS_TUTUP, parameter__periode=periode.pk, status__in=AKTIF).exists():
            raise RekapError(_("Penutupan periode ini sedang berjalan."))
        return pekerjaan_buat(
            user=actor,
            jenis=JENIS_TUTUP,
            judul=_("Tutup rekap %(periode)s") % {"periode": periode},
            task=tutup_rekap,
            parameter={"periode": periode.pk},
            tautan=reverse("rekap:periode_detail", args=[periode.pk]),
        )


def periode_buka_kembali(actor, periode: PeriodeRekap, alasan: str) -> PeriodeRekap:
    """Admin BKPSDM reopens a closed period with a written reason (on the row and in the audit trail); it is
    recomputed by the next nightly run or a "Hitung" and may be closed again."""
    pastikan_admin_bkpsdm(actor)
    alasan = (alasan or "").strip()
    if not alasan:
        raise RekapError(_("Alasan membuka kembali wajib diisi."), errors={"alasan": _("Wajib diisi.")})
    if len(alasan) > MAKS_ALASAN:
        raise RekapError(_("Paling banyak %(n)s karakter.") % {"n": MAKS_ALASAN})
    with transaction.atomic(), as_actor(actor, alasan=alasan):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [kunci_periode(periode.pk)])
        obj = PeriodeRekap.objects.select_for_update().get(pk=periode.pk)
        if obj.status != StatusPeriodeRekap.DITUTUP:
            raise RekapError(_("Periode ini masih terbuka; tidak perlu dibuka kembali."))
        obj.status = StatusPeriodeRekap.TERBUKA
        obj.ditutup_pada = None
        obj.alasan_buka_kembali = alasan
        obj.save(update_fields=["status", "ditutup_pada", "alasan_buka_kembali"])
        transparansi_hapus_cache(obj)
    return obj
