"""Analisis permasalahan kinerja: the pejabat penilai tags a problem of a bawahan in a period as substansi (the
results) or perilaku (the behaviour), with a note; the recaps count them. A tag is never deleted from the
database: removing it marks it, so the counts of the past can be explained."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.akses import pegawai_of
from pegawai.models import Pegawai
from portal.audit import as_actor
from portal.locking import lock_row, refresh_from_locked

from ..choices import JenisPermasalahan
from ..errors import PenilaianError, PenilaianTidakBerwenang
from ..models import PeriodePenilaian, PermasalahanKinerja
from ..selectors.dialog import menilai_periode
from ._common import galat, pastikan_terbuka, teks

MAKS_CATATAN = 2000
MAKS_ALASAN = 500


def permasalahan_catat(
    *, actor, pegawai: Pegawai, periode: PeriodePenilaian, jenis: JenisPermasalahan | str, catatan: str
) -> PermasalahanKinerja:
    """Tag a problem of ``pegawai`` in ``periode``. Only their pejabat penilai for the period
    (:func:`penilaian.selectors.dialog.penilai_periode`, a Plt included) tags. Refused in a closed period: closing
    freezes the period's numbers, and the recaps count these."""
    try:
        jenis = JenisPermasalahan(jenis)
    except ValueError:
        raise galat({"jenis": _("Pilih jenis permasalahan.")}) from None
    catatan = teks(catatan, "catatan", MAKS_CATATAN, wajib=True, label=_("Catatan"))
    me = pegawai_of(actor)
    if not menilai_periode(me, pegawai, periode):
        raise PenilaianTidakBerwenang(
            _("Hanya pejabat penilai %(nama)s pada periode ini yang dapat mencatat permasalahan kinerjanya.")
            % {"nama": pegawai.nama_lengkap}
        )
    with transaction.atomic(), as_actor(actor):
        # Locked so that closing the period and tagging cannot interleave.
        periode = lock_row(periode)
        pastikan_terbuka(periode)
        return PermasalahanKinerja.objects.create(
            pegawai=pegawai, periode=periode, jenis=jenis, catatan=catatan, dicatat_oleh=me
        )


def permasalahan_hapus(*, actor, permasalahan: PermasalahanKinerja, alasan: str = "") -> PermasalahanKinerja:
    """Remove a tag: only the one who tagged it, while the period is open. The row stays, marked with
    ``dihapus_pada``; the reason goes into the audit trail with the change."""
    alasan = teks(alasan, "alasan", MAKS_ALASAN)
    me = pegawai_of(actor)
    if me is None or me.pk != permasalahan.dicatat_oleh_id:
        raise PenilaianTidakBerwenang(_("Hanya pencatatnya yang dapat menghapus permasalahan ini."))
    with transaction.atomic(), as_actor(actor, alasan=alasan):
        periode = lock_row(permasalahan.periode)
        pastikan_terbuka(periode)
        terkunci = lock_row(permasalahan)
        if terkunci.dihapus_pada is not None:
            raise PenilaianError(_("Permasalahan ini sudah dihapus."))
        terkunci.dihapus_pada = timezone.now()
        terkunci.save(update_fields=["dihapus_pada"])
    return refresh_from_locked(permasalahan, terkunci)
