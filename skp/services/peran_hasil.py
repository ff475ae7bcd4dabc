"""The role of a bawahan's RHK in the atasan's result, shown in the Matriks Peran Hasil: cascading langsung (the
atasan's result is divided among the bawahan) or tidak langsung (the bawahan's result supports it, typically by a
jabatan fungsional's expertise) — PermenPANRB 6/2022, Lampiran. The pejabat penilai records it; blank means not
recorded."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from pegawai.models import Pegawai
from portal.audit import as_person
from portal.locking import refresh_from_locked

from ..choices import PeranHasil, SkpStatus
from ..errors import SkpError
from ..models import RencanaHasilKerja
from .base import lock_skp, pastikan_penilai, rapikan, skp_dari


def peran_hasil_set(*, actor: Pegawai, rhk: RencanaHasilKerja, peran: str) -> RencanaHasilKerja:
    """Record (or with ``peran`` empty, clear) the :class:`~skp.choices.PeranHasil` of ``rhk``.

    Only the pejabat penilai of the RHK's SKP (:func:`skp.services.base.pastikan_penilai`, checked on the locked
    SKP read from the database), only for an RHK that intervenes an atasan RHK, and not on a version already
    superseded. Whatever the SKP's status otherwise: the role is the penilai's reading of the cascading, not part
    of what the pegawai drafts or what is approved. The copy of ``rhk`` in a pending perubahan follows. Audited
    through the RHK's history (pghistory)."""
    peran = rapikan(peran)
    if peran and peran not in PeranHasil.values:
        pesan = _("Pilih peran hasil: langsung atau tidak langsung.")
        raise SkpError(pesan, errors={"peran": pesan})
    asli = rhk
    with transaction.atomic(), as_person(actor):
        skp = lock_skp(skp_dari(RencanaHasilKerja, rhk.pk))
        pastikan_penilai(actor, skp)
        rhk = RencanaHasilKerja.objects.get(pk=rhk.pk, skp=skp)
        if rhk.intervensi_id is None:
            raise SkpError(_("Peran hasil hanya dicatat untuk RHK yang mengintervensi RHK atasan."))
        if skp.digantikan:
            raise SkpError(_("SKP versi ini sudah digantikan versi baru; catat peran hasil pada versi yang berlaku."))
        if rhk.peran_hasil != peran:
            # A pending perubahan copied this RHK before the role was recorded here (the MPH shows the approved
            # version until the new one is approved): its linked copy follows, so approving it keeps the role.
            RencanaHasilKerja.objects.filter(
                asal=rhk, skp__versi_sebelumnya=skp, intervensi__isnull=False, peran_hasil=rhk.peran_hasil
            ).exclude(skp__status=SkpStatus.DISETUJUI).update(peran_hasil=peran)
            rhk.peran_hasil = peran
            rhk.save(update_fields=["peran_hasil"])
    return refresh_from_locked(asli, rhk)
