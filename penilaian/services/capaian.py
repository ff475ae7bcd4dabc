"""Setting the capaian kinerja organisasi of a unit kerja or an OPD for a period, one level up (PermenPANRB 6/2022;
docs/ATURAN.md "Capaian kinerja organisasi"): it limits the curve of the unit's predikat and becomes the rating
hasil kerja of the unit's head."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.models import PerangkatDaerah, UnitKerja
from portal.audit import as_actor
from portal.locking import lock_row

from ..choices import CapaianOrganisasi
from ..errors import PenilaianTidakBerwenang
from ..models import CapaianKinerjaOrganisasi, PeriodePenilaian
from ..selectors.capaian import opd_capaian_dikelola, unit_capaian_dikelola
from ._common import galat, pastikan_terbuka, teks


def capaian_tetapkan(
    *,
    actor,
    periode: PeriodePenilaian,
    capaian: CapaianOrganisasi | int,
    unit_kerja: UnitKerja | None = None,
    perangkat_daerah: PerangkatDaerah | None = None,
    catatan: str = "",
) -> CapaianKinerjaOrganisasi:
    """Set (or change) the capaian of ``unit_kerja`` or of ``perangkat_daerah`` — exactly one — for ``periode``:
    one row per (period, unit) or (period, OPD). Who may: admin BKPSDM for an OPD (on behalf of the kepala
    daerah) and for any unit; for a unit, the head of the unit above it on the period's last day (definitive or
    Plt/Plh), or admin OPD of its OPD on behalf of the kepala OPD (:func:`unit_capaian_dikelola`). Refused in a
    closed period. Finalised evaluations keep the capaian copied at their finalisation."""
    if (unit_kerja is None) == (perangkat_daerah is None):
        raise ValueError("capaian_tetapkan: isi tepat satu dari unit_kerja atau perangkat_daerah")
    try:
        capaian = CapaianOrganisasi(int(capaian))
    except (TypeError, ValueError):
        raise galat({"capaian": _("Pilih capaian kinerja organisasi.")}) from None
    catatan = teks(catatan, "catatan", 2000)
    if unit_kerja is not None:
        boleh = unit_capaian_dikelola(actor, periode).filter(pk=unit_kerja.pk).exists()
        nama = unit_kerja.nama
    else:
        boleh = opd_capaian_dikelola(actor).filter(pk=perangkat_daerah.pk).exists()
        nama = perangkat_daerah.nama
    if not boleh:
        raise PenilaianTidakBerwenang(
            _("Anda tidak berwenang menetapkan capaian kinerja organisasi %(nama)s.") % {"nama": nama}
        )
    with transaction.atomic(), as_actor(actor):
        # The period row is locked: closing the period and setting a capaian cannot interleave, and two people
        # setting the same unit's capaian at once write one after the other (update_or_create sees the first row).
        periode = lock_row(periode)
        pastikan_terbuka(periode)
        kunci = {"unit_kerja": unit_kerja} if unit_kerja else {"perangkat_daerah": perangkat_daerah}
        obj, _baru = CapaianKinerjaOrganisasi.objects.update_or_create(
            periode=periode,
            **kunci,
            defaults={
                "capaian": capaian,
                "catatan": catatan,
                "ditetapkan_oleh": actor,
                "ditetapkan_pada": timezone.now(),
            },
        )
    return obj
