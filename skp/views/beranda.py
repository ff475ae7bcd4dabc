"""What the SKP app adds to pages of the apps below it (registered in :mod:`skp.portal_hooks`): the landing-page
block of SKP waiting for the login's decision, and the link to a pegawai's SKP on their profile."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.akses import pegawai_of, peran_of
from portal.ingat import sekali
from portal.registry import Tautan

from ..selectors.antrian import skp_antrian_atasan, skp_antrian_kepala_daerah
from ..selectors.skp import pilih_skp, skp_visible_to


def beranda_tinjau(request) -> dict | None:
    """SKP of this year waiting for the login's decision, and the bawahan whose SKP is late: as pejabat penilai
    (their bawahan's, as on skp:antrian) and, for admin BKPSDM, the top JPT's on behalf of the kepala daerah.
    Nothing for a login that rates nobody."""
    tahun = timezone.localdate().year
    me = pegawai_of(request.user)
    rows = sekali(skp_antrian_atasan, me, tahun) if me else []
    kepala_daerah = skp_antrian_kepala_daerah(tahun) if peran_of(request.user).admin_bkpsdm else None
    if not rows and kepala_daerah is None:
        return None
    return {
        "tahun": tahun,
        "menunggu": sum(1 for r in rows if r.perlu_tindakan),
        "terlambat": sum(1 for r in rows if r.terlambat),
        "ada_bawahan": bool(rows),
        "kepala_daerah": None if kepala_daerah is None else sum(1 for r in kepala_daerah if r.perlu_tindakan),
    }


def tautan_profil(request, pegawai) -> list[Tautan]:
    """On a pegawai's profile: the SKP of this year that counts today, when the viewer may open it."""
    hari_ini = timezone.localdate()
    kandidat = list(
        skp_visible_to(request.user).berlaku().filter(pegawai=pegawai, tahun=hari_ini.year).select_related("jabatan")
    )
    skp = pilih_skp(kandidat, hari_ini, hanya_disetujui=False)
    if skp is None:
        me = pegawai_of(request.user)
        if me is not None and me.pk == pegawai.pk:
            return [Tautan(_("SKP saya"), reverse("skp:index"), "bullseye")]
        return []
    label = _("SKP %(tahun)s (%(status)s)") % {"tahun": skp.tahun, "status": skp.get_status_display().lower()}
    return [Tautan(label, reverse("skp:detail", args=[skp.pk]), "bullseye")]
