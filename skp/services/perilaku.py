"""The seven BerAKHLAK core values (SE MenPANRB 20/2021): reference data seeded by a migration, whose wording admin
BKPSDM may correct when a new circular rewords a guide — never add or remove one (the SKP documents list all
seven)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pegawai.akses import peran_of
from portal.audit import as_actor

from ..errors import SkpError, SkpTidakBerwenang
from ..models import PerilakuKerja
from .base import galat


def perilaku_kerja_ubah(*, actor, perilaku: PerilakuKerja) -> PerilakuKerja:
    """Save the corrected wording of one core value (``perilaku`` with its new values; admin BKPSDM only)."""
    with transaction.atomic(), as_actor(actor, aksi="perilaku_kerja_ubah"):
        if not peran_of(actor).admin_bkpsdm:
            raise SkpTidakBerwenang(_("Teks perilaku kerja hanya dikoreksi oleh admin BKPSDM."))
        if perilaku.pk is None or not PerilakuKerja.objects.filter(pk=perilaku.pk).exists():
            raise SkpError(_("Tujuh nilai BerAKHLAK ditetapkan SE MenPANRB 20/2021; tidak dapat ditambah."))
        try:
            perilaku.full_clean()
        except ValidationError as exc:
            raise galat({field: " ".join(texts) for field, texts in exc.message_dict.items()}) from None
        perilaku.save()
    return perilaku
