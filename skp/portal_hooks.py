"""What the SKP app shows on the platform's pages: its chapter of the guide and its entries in the shared chapters.
Called once from :meth:`skp.apps.SkpConfig.ready`."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal import registry
from portal.registry import BerandaPanel, PanduanBagian, PanduanIsi, ProfilTautan

from .views.beranda import beranda_tinjau, tautan_profil


def angka_panduan_skp() -> dict:
    """The SKP deadlines as the guide quotes them (the settings of :mod:`skp.selectors.tenggat`)."""
    return {
        "tenggat_januari": settings.SKP_TENGGAT_JANUARI,
        "tenggat_hari_tmt": settings.SKP_TENGGAT_HARI_TMT,
    }


def register() -> None:
    # The atasan's SKP to decide, after the activities to verify (kinerja, 7) and before the identity card (10).
    registry.beranda_panel(BerandaPanel("skp/_beranda_tinjau.html", context=beranda_tinjau, urutan=8))
    registry.profil_tautan(ProfilTautan(tautan_profil, urutan=10))
    registry.panduan_bagian(PanduanBagian("skp", _("Menyusun SKP"), "skp/panduan/skp.html", urutan=70))
    registry.panduan_isi(PanduanIsi("menu", "skp/panduan/menu.html", urutan=30))
    registry.panduan_isi(PanduanIsi("kelola_catatan", "skp/panduan/kelola.html", urutan=30))
    registry.panduan_isi(PanduanIsi("tanya_jawab", "skp/panduan/tanya_jawab.html", urutan=30))
    registry.panduan_konteks(angka_panduan_skp)
