"""The state of a month's reporting-discipline facts (:class:`~disiplin.models.BulanDisiplin`): open while the daily
job recomputes it, closed once kinerja's verification lock has passed (and any admin reopening of a pegawai's
month in kinerja has run out), reopened by admin BKPSDM with a written reason — the next nightly run recomputes it
and closes it again. Closing and reopening are audited (the row is tracked; the reason goes into the audit
context)."""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kinerja import waktu
from kinerja.models import BukaKunci
from pegawai.akses import peran_of
from pegawai.models import PerangkatDaerah
from portal.audit import as_actor

from ..choices import StatusBulan
from ..errors import DisiplinError, DisiplinTidakBerwenang
from ..models import BulanDisiplin
from .fakta import bulan_disiplin, hitung_fakta_konteks, konteks_bulan, kunci_bulan

#: The longest reason for reopening a month.
MAKS_ALASAN = BulanDisiplin._meta.get_field("alasan_buka_kembali").max_length


def _galat(field: str, pesan: str) -> DisiplinError:
    return DisiplinError(pesan, errors={field: pesan}, daftar=[pesan])


def _pastikan_admin_bkpsdm(actor) -> None:
    if not peran_of(actor).admin_bkpsdm:
        raise DisiplinTidakBerwenang(_("Hanya admin BKPSDM yang dapat mengelola bulan disiplin pelaporan."))


def _pastikan_bulan(tahun: int, bulan: int) -> None:
    if not (2000 <= tahun <= 2100 and 1 <= bulan <= 12):
        raise _galat("bulan", _("Bulan tidak sah."))


def nama_bulan(tahun: int, bulan: int) -> str:
    return date_format(datetime.date(tahun, bulan, 1), "F Y")


def bulan_mundur(tahun: int, bulan: int, k: int = 1) -> tuple[int, int]:
    indeks = tahun * 12 + (bulan - 1) - k
    return indeks // 12, indeks % 12 + 1


def bulan_perlu_dihitung(hari_ini: datetime.date) -> list[tuple[int, int]]:
    """The months the nightly job looks at, oldest first: this month, last month, and any earlier month still open
    (reopened by an admin, or never closed) — minus the closed ones."""
    kini = (hari_ini.year, hari_ini.month)
    kandidat = {kini, bulan_mundur(*kini)}
    kandidat.update(
        (t, b)
        for t, b in BulanDisiplin.objects.filter(status=StatusBulan.TERBUKA).values_list("tahun", "bulan")
        if (t, b) <= kini
    )
    tutup = set(BulanDisiplin.objects.filter(status=StatusBulan.DITUTUP).values_list("tahun", "bulan"))
    return sorted(kandidat - tutup)


def batas_tutup(tahun: int, bulan: int, hari_ini: datetime.date | None = None) -> datetime.date:
    """The last day a month's facts may still change: kinerja's verification deadline on every calendar, or a
    later day until which an admin reopened the month of some pegawai in kinerja (``BukaKunci``)."""
    k = konteks_bulan(tahun, bulan, hari_ini)
    dibuka = BukaKunci.objects.filter(tahun=tahun, bulan=bulan).aggregate(m=Max("sampai"))["m"]
    return max(k.batas_akhir, dibuka) if dibuka else k.batas_akhir


def bulan_tutup(*, tahun: int, bulan: int, hari_ini: datetime.date | None = None, actor=None) -> bool:
    """Recompute every OPD of the month and close it, in one transaction, once it is past :func:`batas_tutup`;
    ``False`` (nothing written) before that or when it is already closed. Called by the nightly job (``actor``
    ``None``: the system)."""
    hari_ini = hari_ini or waktu.hari_ini()
    if hari_ini <= batas_tutup(tahun, bulan, hari_ini):
        return False
    k = konteks_bulan(tahun, bulan, hari_ini)
    obj = bulan_disiplin(tahun, bulan)
    with transaction.atomic(), as_actor(actor, alasan=_("Bulan ditutup setelah batas verifikasi")):
        with connection.cursor() as cursor:
            # Exclusive: every run of the month has finished, and none starts until this one commits.
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [kunci_bulan(tahun, bulan)])
        obj = BulanDisiplin.objects.select_for_update().get(pk=obj.pk)
        if obj.status == StatusBulan.DITUTUP:
            return False
        for opd_id in PerangkatDaerah.objects.order_by("pk").values_list("pk", flat=True):
            hitung_fakta_konteks(k, opd_id)
        sekarang = timezone.now()
        obj.status = StatusBulan.DITUTUP
        obj.ditutup_pada = sekarang
        obj.dihitung_pada = sekarang
        obj.save(update_fields=["status", "ditutup_pada", "dihitung_pada"])
    return True


def bulan_buka_kembali(*, actor, tahun: int, bulan: int, alasan: str) -> BulanDisiplin:
    """Admin BKPSDM reopens a closed month with a written reason (kept on the row and in the audit trail); the
    month is recomputed at once (after commit) and closed again by the next nightly run."""
    _pastikan_admin_bkpsdm(actor)
    _pastikan_bulan(tahun, bulan)
    alasan = (alasan or "").strip()
    if not alasan:
        raise _galat("alasan", _("Alasan membuka kembali wajib diisi."))
    if len(alasan) > MAKS_ALASAN:
        raise _galat("alasan", _("Paling banyak %(n)s karakter.") % {"n": MAKS_ALASAN})
    obj = bulan_disiplin(tahun, bulan)
    with transaction.atomic(), as_actor(actor, alasan=alasan):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [kunci_bulan(tahun, bulan)])
        obj = BulanDisiplin.objects.select_for_update().get(pk=obj.pk)
        if obj.status != StatusBulan.DITUTUP:
            raise DisiplinError(
                _("Bulan %(bulan)s masih terbuka; tidak perlu dibuka kembali.") % {"bulan": nama_bulan(tahun, bulan)}
            )
        obj.status = StatusBulan.TERBUKA
        obj.ditutup_pada = None
        obj.alasan_buka_kembali = alasan
        obj.save(update_fields=["status", "ditutup_pada", "alasan_buka_kembali"])
        transaction.on_commit(lambda: _mulai(tahun, bulan), robust=True)
    return obj


def bulan_hitung_mulai(*, actor, tahun: int, bulan: int) -> BulanDisiplin:
    """Admin BKPSDM starts the computation of an open month now (one task per OPD, after commit); a closed month
    must be reopened first."""
    _pastikan_admin_bkpsdm(actor)
    _pastikan_bulan(tahun, bulan)
    if (tahun, bulan) > (waktu.hari_ini().year, waktu.hari_ini().month):
        raise _galat("bulan", _("Bulan yang belum tiba tidak dapat dihitung."))
    obj = bulan_disiplin(tahun, bulan)
    if obj.status == StatusBulan.DITUTUP:
        raise DisiplinError(
            _("Bulan %(bulan)s sudah ditutup; buka kembali dulu dengan alasan bila faktanya perlu dihitung ulang.")
            % {"bulan": nama_bulan(tahun, bulan)}
        )
    transaction.on_commit(lambda: _mulai(tahun, bulan), robust=True)
    return obj


def _mulai(tahun: int, bulan: int) -> None:
    # Queued robustly after commit: with the broker down the decision stands and the nightly job computes the month.
    # Imported here: the tasks module imports these services.
    from ..tasks import hitung_disiplin_bulan

    hitung_disiplin_bulan.delay(tahun, bulan)
