"""Evaluation periods: admin BKPSDM opens a period of the instansi's periodic kind (or the year), moves its rating
deadline, closes it (every rating of the period locks: :func:`penilaian.services._common.pastikan_terbuka`) and
reopens it with a written reason kept on the period and in the audit trail."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import as_actor
from portal.locking import lock_row

from .. import rules
from ..choices import JenisPeriode, StatusPeriode
from ..errors import PenilaianError
from ..models import PeriodePenilaian
from ..selectors.periode import jenis_periodik, nama_periode, rentang
from ._common import galat, pastikan_admin_bkpsdm, teks

MAKS_ALASAN_BUKA = PeriodePenilaian._meta.get_field("alasan_buka_kembali").max_length


def jenis_dibuka() -> list[str]:
    """The kinds of period this instansi evaluates in: its periodic kind and the year."""
    return [jenis_periodik(), JenisPeriode.TAHUNAN]


def _pastikan_batas(batas_penilaian: datetime.date | None, tanggal_mulai: datetime.date) -> None:
    if batas_penilaian is None:
        raise galat({"batas_penilaian": _("Batas penilaian wajib diisi.")})
    if batas_penilaian < tanggal_mulai:
        raise galat({"batas_penilaian": _("Batas penilaian tidak boleh sebelum periode dimulai.")})


def periode_buka(*, actor, tahun: int, jenis: str, nomor: int, batas_penilaian: datetime.date) -> PeriodePenilaian:
    """Open period ``nomor`` of ``jenis`` in ``tahun`` with its dates from the calendar (kinerja's roll-up periods,
    so the realisasi suggested from activities covers the same days). Refused for a kind the instansi does not
    use, a number outside the kind's year, a period that already exists (open or closed: reopen it instead), and
    a deadline before the period starts."""
    pastikan_admin_bkpsdm(actor)
    if jenis not in jenis_dibuka():
        raise galat(
            {
                "jenis": _("Instansi ini menilai per %(jenis)s dan tahunan; jenis periode lain tidak dapat dibuka.")
                % {"jenis": JenisPeriode(jenis_periodik()).label.lower()}
            }
        )
    if jenis == JenisPeriode.TAHUNAN:
        nomor = 1
    jumlah = rules.jumlah_periode(jenis)
    if not 1 <= nomor <= jumlah:
        raise galat(
            {
                "nomor": _("Nomor periode %(jenis)s harus 1 sampai %(n)s.")
                % {"jenis": JenisPeriode(jenis).label.lower(), "n": jumlah}
            }
        )
    if not 2000 <= tahun <= 2100:
        raise galat({"tahun": _("Tahun tidak sah.")})
    mulai, selesai = rentang(jenis, nomor, tahun)
    _pastikan_batas(batas_penilaian, mulai)
    nama = nama_periode(jenis, nomor, tahun)
    sudah_ada = _("Periode %(nama)s sudah pernah dibuka; buka kembali periode itu bila perlu.") % {"nama": nama}
    if PeriodePenilaian.objects.filter(tahun=tahun, jenis=jenis, nomor=nomor).exists():
        raise PenilaianError(sudah_ada)
    try:
        with transaction.atomic(), as_actor(actor):
            return PeriodePenilaian.objects.create(
                tahun=tahun,
                jenis=jenis,
                nomor=nomor,
                tanggal_mulai=mulai,
                tanggal_selesai=selesai,
                batas_penilaian=batas_penilaian,
            )
    except IntegrityError as exc:
        # Two admins opening the same period at the same moment: the unique constraint decides, one gets this.
        raise PenilaianError(sudah_ada) from exc


def periode_ubah_batas(*, actor, periode: PeriodePenilaian, batas_penilaian: datetime.date) -> PeriodePenilaian:
    """Move the rating deadline of ``periode`` (open or closed; the deadline is a target, not a lock)."""
    pastikan_admin_bkpsdm(actor)
    with transaction.atomic(), as_actor(actor):
        locked = lock_row(periode)
        _pastikan_batas(batas_penilaian, locked.tanggal_mulai)
        locked.batas_penilaian = batas_penilaian
        locked.save(update_fields=["batas_penilaian"])
    periode.batas_penilaian = locked.batas_penilaian
    return periode


def periode_tutup(*, actor, periode: PeriodePenilaian) -> PeriodePenilaian:
    """Close ``periode``: from now on no evaluation of it can be rated, finalised or reopened until admin BKPSDM
    reopens the period."""
    pastikan_admin_bkpsdm(actor)
    with transaction.atomic(), as_actor(actor):
        locked = lock_row(periode)
        if locked.ditutup:
            raise PenilaianError(_("Periode %(nama)s sudah ditutup.") % {"nama": locked.nama})
        locked.status = StatusPeriode.DITUTUP
        locked.ditutup_pada = timezone.now()
        locked.save(update_fields=["status", "ditutup_pada"])
    periode.status, periode.ditutup_pada = locked.status, locked.ditutup_pada
    return periode


def periode_buka_kembali(*, actor, periode: PeriodePenilaian, alasan: str) -> PeriodePenilaian:
    """Reopen a closed ``periode`` with a written reason (kept on the period and in the audit context of the
    change), so its ratings can be corrected."""
    pastikan_admin_bkpsdm(actor)
    alasan = teks(alasan, "alasan", MAKS_ALASAN_BUKA, wajib=True, label=_("Alasan"))
    with transaction.atomic(), as_actor(actor, alasan=alasan):
        locked = lock_row(periode)
        if not locked.ditutup:
            raise PenilaianError(_("Periode %(nama)s sedang dibuka.") % {"nama": locked.nama})
        locked.status = StatusPeriode.DIBUKA
        locked.ditutup_pada = None
        locked.alasan_buka_kembali = alasan
        locked.save(update_fields=["status", "ditutup_pada", "alasan_buka_kembali"])
    periode.status, periode.ditutup_pada = locked.status, locked.ditutup_pada
    periode.alasan_buka_kembali = locked.alasan_buka_kembali
    return periode
