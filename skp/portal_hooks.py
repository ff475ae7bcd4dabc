"""What the SKP app shows on the platform's pages: its chapter of the guide and its entries in the shared chapters.
Called once from :meth:`skp.apps.SkpConfig.ready`."""

from django.utils.translation import gettext_lazy as _

from portal import registry
from portal.registry import PanduanBagian, PanduanIsi


def register() -> None:
    registry.panduan_bagian(PanduanBagian("skp", _("Menyusun SKP"), "skp/panduan/skp.html", urutan=70))
    registry.panduan_isi(PanduanIsi("menu", "skp/panduan/menu.html", urutan=30))
    registry.panduan_isi(PanduanIsi("kelola_catatan", "skp/panduan/kelola.html", urutan=30))
    registry.panduan_isi(PanduanIsi("tanya_jawab", "skp/panduan/tanya_jawab.html", urutan=30))
