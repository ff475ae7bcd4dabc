"""What the pegawai app shows on the platform's pages: its landing-page blocks and its chapters of the guide.
Called once from :meth:`pegawai.apps.PegawaiConfig.ready`."""

from django.utils.translation import gettext_lazy as _

from portal import registry
from portal.registry import BerandaPanel, PanduanBagian, PanduanIsi

from .views.beranda import beranda_rekap, beranda_saya


def register() -> None:
    registry.beranda_panel(BerandaPanel("pegawai/_beranda_saya.html", context=beranda_saya, urutan=10))
    registry.beranda_panel(BerandaPanel("pegawai/_beranda_rekap.html", context=beranda_rekap, urutan=90))

    # The guide's chapters, numbered in this order with the other apps' (60 menu: portal, 70 skp, 80 harian).
    for bagian in (
        PanduanBagian("tentang", _("Tentang Mang Bagja"), "pegawai/panduan/tentang.html", urutan=10),
        PanduanBagian("masuk", _("Masuk dengan NIP"), "pegawai/panduan/masuk.html", urutan=20),
        PanduanBagian("kata-sandi", _("Mengubah kata sandi"), "pegawai/panduan/kata_sandi.html", urutan=30),
        PanduanBagian("peran", _("Peran di portal"), "pegawai/panduan/peran.html", urutan=40),
        PanduanBagian("atasan", _("Atasan, atasan pejabat penilai, Plt/Plh"), "pegawai/panduan/atasan.html", urutan=50),
        PanduanBagian("kelola", _("Halaman Kelola untuk admin"), "pegawai/panduan/kelola.html", urutan=90),
        PanduanBagian("impor", _("Cara admin memasukkan data pegawai"), "pegawai/panduan/impor.html", urutan=100),
        PanduanBagian("data-pribadi", _("Data yang dicatat"), "pegawai/panduan/data_pribadi.html", urutan=110),
        PanduanBagian("tanya-jawab", _("Tanya jawab"), "pegawai/panduan/tanya_jawab.html", urutan=120),
    ):
        registry.panduan_bagian(bagian)

    # Entries in the chapters with slots (portal's "menu", and this app's "kelola" and "tanya_jawab").
    registry.panduan_isi(PanduanIsi("menu", "pegawai/panduan/menu_beranda.html", urutan=10))
    registry.panduan_isi(PanduanIsi("menu", "pegawai/panduan/menu_pegawai.html", urutan=40))
    registry.panduan_isi(PanduanIsi("kelola", "pegawai/panduan/kelola_penugasan.html", urutan=10))
    registry.panduan_isi(PanduanIsi("kelola", "pegawai/panduan/kelola_audit.html", urutan=90))
    registry.panduan_isi(PanduanIsi("tanya_jawab", "pegawai/panduan/tanya_jawab_pegawai.html", urutan=10))
