"""What the daily-report app shows on the platform's pages: its chapter of the guide, its entries in the shared
chapters, and the numbers of its settings the guide quotes. Called once from :meth:`kinerja.apps.KinerjaConfig.ready`.
"""

from django.db import DatabaseError, transaction
from django.utils.translation import gettext_lazy as _

from portal import registry
from portal.registry import BerandaPanel, PanduanBagian, PanduanIsi, ProfilTautan

from . import rules
from .choices import KebijakanTerlambat
from .models import PengaturanKinerja
from .views.beranda import beranda_hari_ini
from .views.tim import beranda_verifikasi, tautan_profil


def angka_panduan() -> dict:
    """The daily-report settings as the guide quotes them. The settings row is read, never created (get_solo
    would write it): an empty table, or one not migrated yet, shows the model defaults, and the guide still
    opens."""
    try:
        with transaction.atomic():
            pengaturan = PengaturanKinerja.objects.filter(pk=PengaturanKinerja.SOLO_PK).first()
    except DatabaseError:
        pengaturan = None
    pengaturan = pengaturan or PengaturanKinerja()
    return {
        "menit_minimum": pengaturan.menit_efektif_minimum,
        "batas_hari_entri": pengaturan.batas_hari_entri,
        "terlambat_ditandai": pengaturan.kebijakan_terlambat == KebijakanTerlambat.TANDAI,
        "batas_verifikasi": pengaturan.batas_verifikasi_hari_kerja,
        "maks_unggah_mb": pengaturan.maks_unggah_mb,
        "hari_kerja_bawaan": pengaturan.get_hari_kerja_per_minggu_display(),
        "simpan_langsung_ajukan": pengaturan.simpan_langsung_ajukan,
        "maks_uraian": rules.MAKS_URAIAN,
    }


def register() -> None:
    # Before the identity card (pegawai's block, 10): the daily report is what a pegawai opens the portal for.
    registry.beranda_panel(BerandaPanel("kinerja/_beranda_hari_ini.html", context=beranda_hari_ini, urutan=5))
    # An atasan's pending work next (issue 9 item 6): activities to verify per month, with the deadline.
    registry.beranda_panel(BerandaPanel("kinerja/_beranda_verifikasi.html", context=beranda_verifikasi, urutan=7))
    # A pegawai's profile links to their daily reports (the SKP app adds their SKP, urutan 10).
    registry.profil_tautan(ProfilTautan(tautan_profil, urutan=20))
    registry.panduan_bagian(
        PanduanBagian("harian", _("Laporan aktivitas harian"), "kinerja/panduan/harian.html", urutan=80)
    )
    registry.panduan_isi(PanduanIsi("menu", "kinerja/panduan/menu.html", urutan=20))
    registry.panduan_isi(PanduanIsi("kelola", "kinerja/panduan/kelola.html", urutan=20))
    registry.panduan_isi(PanduanIsi("tanya_jawab", "kinerja/panduan/tanya_jawab.html", urutan=40))
    registry.panduan_konteks(angka_panduan)
