"""What the discipline app shows on the platform's pages: links on a pegawai's profile (their discipline history,
their hukuman disiplin records when any) and its chapter of the guide, with the numbers it quotes taken from
:mod:`disiplin.rules` and the settings. Called once from :meth:`disiplin.apps.DisiplinConfig.ready`."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import registry
from portal.registry import PanduanBagian, ProfilTautan, Tautan

from . import rules
from .choices import JenisHukuman, TingkatSatyalancana
from .selectors.hukuman import hukuman_berlaku, hukuman_visible_to


def tautan_profil(request, pegawai) -> list[Tautan]:
    """On a pegawai's profile (which the viewer may open): their discipline history, and their hukuman disiplin
    records when the viewer may see any (with how many are in force today)."""
    tautan = [
        Tautan(_("Riwayat disiplin"), reverse("disiplin:pelaporan_pegawai", args=[pegawai.pk]), "calendar2-check")
    ]
    if hukuman_visible_to(request.user).filter(pegawai=pegawai).exists():
        berlaku = len(hukuman_berlaku([pegawai.pk], timezone.localdate()).get(pegawai.pk, []))
        label = _("Hukuman disiplin (%(n)s berlaku)") % {"n": berlaku} if berlaku else _("Hukuman disiplin")
        url = f"{reverse('disiplin:hukuman_list')}?pegawai={pegawai.pk}"
        tautan.append(Tautan(label, url, "shield-exclamation"))
    return tautan


def angka_panduan_disiplin() -> dict:
    """The tables and numbers the guide's chapter prints: the attendance thresholds, the kinds of hukuman with their
    level and duration, the working hours, and the Satyalancana years. Pure reads of code and settings (the guide
    opens without login)."""
    return {
        "disiplin_tabel": [(dari, sampai, jenis.label) for dari, sampai, jenis in rules.tabel_rekomendasi()],
        "disiplin_jenis": [
            (j.label, rules.tingkat(j).label, rules.tingkat(j).value, rules.lama_bulan(j)) for j in JenisHukuman
        ],
        "disiplin_menit_per_hari": rules.MENIT_PER_HARI,
        "disiplin_jam_per_hari": f"{rules.MENIT_PER_HARI / 60:g}".replace(".", ","),
        "disiplin_hari_berturut": rules.HARI_BERTURUT_PDHTAPS,
        "disiplin_jam_masuk": settings.DISIPLIN_JAM_MASUK,
        "disiplin_jam_pulang": settings.DISIPLIN_JAM_PULANG,
        "disiplin_admin_opd_hukuman": settings.DISIPLIN_ADMIN_OPD_HUKUMAN,
        "disiplin_satyalancana": [(t.label, rules.TAHUN_SATYALANCANA[t]) for t in TingkatSatyalancana],
    }


def register() -> None:
    # After the SKP (10) and daily-report (20) links: the profile reads work first, discipline after.
    registry.profil_tautan(ProfilTautan(tautan_profil, urutan=30))
    # After the evaluation chapter (85), before the admin pages (90).
    registry.panduan_bagian(
        PanduanBagian("disiplin", gettext_lazy("Disiplin"), "disiplin/panduan/disiplin.html", urutan=87)
    )
    registry.panduan_konteks(angka_panduan_disiplin)
