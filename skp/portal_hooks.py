"""What the SKP app shows on the platform's pages: its chapter of the guide and its entries in the shared chapters.
Called once from :meth:`skp.apps.SkpConfig.ready`."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal import registry
from portal.registry import PanduanBagian, PanduanIsi


def angka_panduan_skp() -> dict:
    """The SKP deadlines as the guide quotes them (the settings of :mod:`skp.selectors.tenggat`)."""
    return {
        "tenggat_januari": settings.SKP_TENGGAT_JANUARI,
        "tenggat_hari_tmt": settings.SKP_TENGGAT_HARI_TMT,
    }


def register() -> None:
    registry.panduan_bagian(PanduanBagian("skp", _("Menyusun SKP"), "skp/panduan/skp.html", urutan=70))
    registry.panduan_isi(PanduanIsi("menu", "skp/panduan/menu.html", urutan=30))
    registry.panduan_isi(PanduanIsi("kelola_catatan", "skp/panduan/kelola.html", urutan=30))
    registry.panduan_isi(PanduanIsi("tanya_jawab", "skp/panduan/tanya_jawab.html", urutan=30))
    registry.panduan_konteks(angka_panduan_skp)
