"""The admins' side of the daily reports: reopening a locked month for a pegawai, the instansi's settings, each
unit's week length and the holiday calendar. ``actor`` is the admin's login."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pegawai.akses import mengelola_opd, pegawai_managed_by, peran_of
from pegawai.models import Pegawai, UnitKerja
from portal.audit import as_actor
from portal.locking import lock_row

from .. import rules, waktu
from ..choices import HariKerjaPerMinggu, JenisLibur, KebijakanTerlambat
from ..errors import AktivitasTidakBerwenang
from ..models import BukaKunci, HariKerjaUnit, HariLibur, PengaturanKinerja
from ._common import galat, teks


def _pastikan_admin_bkpsdm(actor) -> None:
    if not peran_of(actor).admin_bkpsdm:
        raise AktivitasTidakBerwenang(_("Hanya admin BKPSDM yang dapat mengubah pengaturan ini."))


def bulan_buka_kunci(
    *, actor, pegawai: Pegawai, tahun: int, bulan: int, alasan: str, sampai: datetime.date
) -> BukaKunci:
    """Reopen one pegawai-month after its verification deadline until ``sampai`` (inclusive), with a reason.

    ``actor`` is the admin's login: admin OPD of the pegawai's OPD, or admin BKPSDM. While open, the pegawai may
    enter (late entries are accepted and flagged), edit and submit, and the atasan may verify. Every reopening
    is kept as its own row; the latest ``sampai`` counts."""
    if not pegawai_managed_by(actor).filter(pk=pegawai.pk).exists():
        raise AktivitasTidakBerwenang(_("Anda tidak mengelola data pegawai ini."))
    alasan = teks(alasan)
    errors = {}
    if not alasan:
        errors["alasan"] = _("Alasan membuka kembali wajib diisi.")
    elif pesan := rules.pesan_terlalu_panjang(alasan, rules.MAKS_ALASAN, _("Alasan")):
        errors["alasan"] = pesan
    hari_ini = waktu.hari_ini()
    if not 1 <= bulan <= 12:
        errors["bulan"] = _("Bulan tidak sah.")
    elif (tahun, bulan) > (hari_ini.year, hari_ini.month):
        errors["bulan"] = _("Bulan yang belum berjalan tidak perlu dibuka.")
    if sampai < hari_ini:
        errors["sampai"] = _("Tanggal akhir pembukaan tidak boleh sebelum hari ini.")
    if errors:
        raise galat(errors)
    with transaction.atomic(), as_actor(actor):
        return BukaKunci.objects.create(
            pegawai=pegawai, tahun=tahun, bulan=bulan, alasan=alasan, sampai=sampai, oleh=actor
        )


_FIELD_PENGATURAN = (
    "menit_efektif_minimum",
    "batas_hari_entri",
    "kebijakan_terlambat",
    "batas_verifikasi_hari_kerja",
    "maks_unggah_mb",
    "hari_kerja_per_minggu",
    "simpan_langsung_ajukan",
)


def pengaturan_ubah(*, actor, **nilai) -> PengaturanKinerja:
    """Change the instansi's daily-report settings (admin BKPSDM). Only the fields given change; each is
    validated by the model's validators."""
    _pastikan_admin_bkpsdm(actor)
    tak_dikenal = set(nilai) - set(_FIELD_PENGATURAN)
    if tak_dikenal:
        raise TypeError(f"pengaturan tidak dikenal: {', '.join(sorted(tak_dikenal))}")
    PengaturanKinerja.get_solo()
    with transaction.atomic(), as_actor(actor):
        pengaturan = lock_row(PengaturanKinerja, PengaturanKinerja.SOLO_PK)
        for name, value in nilai.items():
            setattr(pengaturan, name, value)
        if pengaturan.kebijakan_terlambat not in KebijakanTerlambat.values:
            raise galat({"kebijakan_terlambat": _("Kebijakan pencatatan terlambat tidak dikenal.")})
        # One evidence form sends a photo and a file at once; both must fit in one request (portal.unggah).
        maks_mb = (settings.UNGGAH_MAKS_MB - 1) // 2
        if "maks_unggah_mb" in nilai and pengaturan.maks_unggah_mb > maks_mb:
            raise galat(
                {
                    "maks_unggah_mb": _(
                        "Paling besar %(mb)s MB: satu kiriman bukti dapat memuat foto dan berkas sekaligus, dan "
                        "server menerima paling besar %(server)s MB per kiriman (UNGGAH_MAKS_MB)."
                    )
                    % {"mb": maks_mb, "server": settings.UNGGAH_MAKS_MB}
                }
            )
        try:
            pengaturan.full_clean()
        except ValidationError as exc:
            raise galat({k: " ".join(v) for k, v in exc.message_dict.items()}) from None
        pengaturan.save()
    return pengaturan


def hari_kerja_unit_atur(*, actor, unit_kerja: UnitKerja, hari_kerja_per_minggu: int | None) -> HariKerjaUnit | None:
    """Give a unit (and the units below it) its own week length, or remove it with ``None`` (back to the parent's
    or the instansi's). Admin OPD of the unit's OPD, or admin BKPSDM."""
    # The unit's OPD as the database has it, not as the caller's object says.
    opd_id = UnitKerja.objects.filter(pk=unit_kerja.pk).values_list("perangkat_daerah_id", flat=True).first()
    if opd_id is None or not mengelola_opd(actor, opd_id):
        raise AktivitasTidakBerwenang(_("Anda tidak mengelola unit kerja ini."))
    if hari_kerja_per_minggu is not None and hari_kerja_per_minggu not in HariKerjaPerMinggu.values:
        raise galat({"hari_kerja_per_minggu": _("Hari kerja per minggu harus 5 atau 6.")})
    with transaction.atomic(), as_actor(actor):
        if hari_kerja_per_minggu is None:
            HariKerjaUnit.objects.filter(unit_kerja=unit_kerja).delete()
            return None
        obj, _created = HariKerjaUnit.objects.update_or_create(
            unit_kerja=unit_kerja, defaults={"hari_kerja_per_minggu": hari_kerja_per_minggu}
        )
        return obj


def hari_libur_simpan(*, actor, tanggal: datetime.date, nama: str, jenis: str = JenisLibur.LIBUR_NASIONAL) -> HariLibur:
    """Add or rename a national holiday / cuti bersama (admin BKPSDM). Deadlines and locks follow at once."""
    _pastikan_admin_bkpsdm(actor)
    nama = teks(nama)
    errors = {}
    if not nama:
        errors["nama"] = _("Keterangan hari libur wajib diisi.")
    if jenis not in JenisLibur.values:
        errors["jenis"] = _("Jenis hari libur tidak dikenal.")
    if errors:
        raise galat(errors)
    with transaction.atomic(), as_actor(actor):
        obj, _created = HariLibur.objects.update_or_create(tanggal=tanggal, defaults={"nama": nama, "jenis": jenis})
        return obj


def hari_libur_hapus(*, actor, hari_libur: HariLibur) -> None:
    _pastikan_admin_bkpsdm(actor)
    with transaction.atomic(), as_actor(actor):
        HariLibur.objects.filter(pk=hari_libur.pk).delete()
