"""Positions held over dates (docs/ATURAN.md): the one writer of :class:`~pegawai.models.RiwayatJabatan`.

A mutasi (transfer, promotion, demotion) closes the current assignment on the day before the new TMT jabatan and
opens the next one; ``Pegawai.jabatan`` follows the open one. Apps above this one react to a mutasi through the
:data:`mutasi_dicatat` signal, sent inside the same transaction (the SKP app closes the SKP of the old position and
asks for a new one): if a receiver refuses, nothing of the mutasi is kept.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.audit import as_actor
from portal.locking import lock_row

from ..akses import jabatan_managed_by, pegawai_managed_by
from ..atasan import JENIS_PENILAI
from ..errors import PegawaiError
from ..models import Jabatan, Pegawai, RiwayatJabatan
from .base import galat, tidak_berwenang

#: Sent after a mutasi is written, inside its transaction: ``pegawai``, ``lama`` (the closed RiwayatJabatan),
#: ``baru`` (the opened one) and ``actor``. A receiver raising a DomainError refuses the whole mutasi.
mutasi_dicatat = Signal()

#: The earliest TMT jabatan the portal accepts (a date before it is a typing error).
TMT_PALING_AWAL = datetime.date(1960, 1, 1)


def _tanggal(tanggal: datetime.date) -> str:
    return date_format(tanggal, "j F Y")


def periksa_tmt(tmt: datetime.date | None, *, field: str = "tmt") -> datetime.date:
    """A TMT jabatan is given, not before 1960 and not after today (a mutasi is recorded once it takes effect)."""
    hari_ini = timezone.localdate()
    if tmt is None:
        raise galat({field: _("TMT jabatan wajib diisi.")})
    if tmt < TMT_PALING_AWAL or tmt > hari_ini:
        raise galat(
            {
                field: _("TMT jabatan harus antara %(awal)s dan hari ini (%(hari_ini)s).")
                % {"awal": _tanggal(TMT_PALING_AWAL), "hari_ini": _tanggal(hari_ini)}
            }
        )
    return tmt


def periksa_pemegang(jabatan: Jabatan, tmt: datetime.date, pegawai: Pegawai | None = None) -> None:
    """A leadership position has one definitive holder: refuse a second one from ``tmt`` on while another holder's
    assignment reaches that day or later (the holder moves first). Checking ``tmt`` alone would let a new holder in
    before a predecessor's closed-later assignment, and both would hold it on the days between."""
    if jabatan.jenis not in JENIS_PENILAI:
        return
    lain = (
        RiwayatJabatan.objects.bertumpuk(tmt, datetime.date.max)
        .filter(jabatan=jabatan)
        .exclude(tanggal_selesai__isnull=True, pegawai__aktif=False)
        .order_by("tmt")
        .select_related("pegawai")
    )
    if pegawai is not None and pegawai.pk is not None:
        lain = lain.exclude(pegawai_id=pegawai.pk)
    pemegang = lain.first()
    if pemegang is not None:
        raise galat(
            {
                "jabatan": _(
                    "Jabatan %(jabatan)s dipegang %(nama)s pada %(tmt)s atau sesudahnya. Catat dulu mutasi "
                    "pemegangnya, atau pilih TMT setelah masa jabatannya berakhir."
                )
                % {"jabatan": jabatan.nama, "nama": pemegang.pegawai.nama_lengkap, "tmt": _tanggal(tmt)}
            }
        )


def buka_riwayat_awal(pegawai: Pegawai, tmt: datetime.date, nomor_sk: str = "") -> RiwayatJabatan:
    """The first assignment of a new pegawai (called by the services that create one, inside their
    transaction)."""
    periksa_pemegang(pegawai.jabatan, tmt, pegawai)
    return RiwayatJabatan.objects.create(pegawai=pegawai, jabatan_id=pegawai.jabatan_id, tmt=tmt, nomor_sk=nomor_sk)


def riwayat_terbuka(pegawai: Pegawai) -> RiwayatJabatan | None:
    """The latest assignment of ``pegawai`` (open, or closed when they left)."""
    return RiwayatJabatan.objects.filter(pegawai_id=pegawai.pk).order_by("-tmt").first()


def catat_mutasi(
    pegawai: Pegawai, jabatan: Jabatan, tmt: datetime.date, nomor_sk: str = "", actor=None
) -> RiwayatJabatan:
    """Close the current assignment of ``pegawai`` (locked by the caller) on the day before ``tmt`` and open one
    in ``jabatan``. Inside the caller's transaction; the checks of scope are the caller's."""
    periksa_tmt(tmt)
    lama = riwayat_terbuka(pegawai)
    if lama is not None:
        if lama.jabatan_id == jabatan.pk and lama.tanggal_selesai is None:
            raise galat({"jabatan": _("Pegawai ini sudah memegang jabatan %(jabatan)s.") % {"jabatan": jabatan.nama}})
        if tmt <= lama.tmt:
            raise galat(
                {
                    "tmt": _("TMT jabatan baru harus setelah TMT jabatan sekarang (%(tmt)s).")
                    % {"tmt": _tanggal(lama.tmt)}
                }
            )
        if lama.tanggal_selesai is None or lama.tanggal_selesai >= tmt:
            lama.tanggal_selesai = tmt - datetime.timedelta(days=1)
            lama.save(update_fields=["tanggal_selesai"])
    if not jabatan.aktif:
        raise galat({"jabatan": _("Jabatan ini sudah tidak aktif.")})
    periksa_pemegang(jabatan, tmt, pegawai)
    baru = RiwayatJabatan.objects.create(pegawai=pegawai, jabatan=jabatan, tmt=tmt, nomor_sk=nomor_sk)
    pegawai.jabatan = jabatan
    # The override named an atasan for the old position; in the new one supervision follows the new tree.
    pegawai.atasan_override = None
    pegawai.save(update_fields=["jabatan", "atasan_override"])
    mutasi_dicatat.send(sender=Pegawai, pegawai=pegawai, lama=lama, baru=baru, actor=actor)
    return baru


def pegawai_mutasi(
    *, actor, pegawai: Pegawai, jabatan: Jabatan, tmt: datetime.date, nomor_sk: str = ""
) -> RiwayatJabatan:
    """Record a mutasi of ``pegawai`` to ``jabatan`` from ``tmt`` (admin OPD within their OPD, admin BKPSDM
    anywhere — a move across OPDs is BKPSDM's, as in the import)."""
    with transaction.atomic(), as_actor(actor, aksi="pegawai_mutasi"):
        if not pegawai_managed_by(actor).filter(pk=pegawai.pk).exists():
            raise tidak_berwenang(_("Pegawai ini berada di luar perangkat daerah yang Anda kelola."))
        if not jabatan_managed_by(actor).filter(pk=jabatan.pk).exists():
            raise tidak_berwenang(
                _(
                    "Jabatan ini berada di luar perangkat daerah yang Anda kelola; mutasi antar-OPD dilakukan oleh "
                    "BKPSDM."
                ),
                "jabatan",
            )
        locked = lock_row(Pegawai, pegawai.pk)
        if not locked.aktif:
            raise PegawaiError(_("Pegawai yang tidak aktif tidak dapat dimutasi."))
        baru = catat_mutasi(locked, jabatan, tmt, nomor_sk.strip(), actor=actor)
    pegawai.jabatan_id, pegawai.atasan_override_id = locked.jabatan_id, None
    return baru


def tutup_riwayat(pegawai: Pegawai, tanggal: datetime.date) -> None:
    """The pegawai stops holding their position after ``tanggal`` (set inactive: pensiun, mutasi keluar)."""
    lama = riwayat_terbuka(pegawai)
    if lama is not None and lama.tanggal_selesai is None:
        lama.tanggal_selesai = max(tanggal, lama.tmt)
        lama.save(update_fields=["tanggal_selesai"])


def buka_kembali(pegawai: Pegawai, tanggal: datetime.date) -> None:
    """A pegawai set active again holds their position from ``tanggal`` (or again without a gap when they left
    only after it)."""
    lama = riwayat_terbuka(pegawai)
    if lama is None:
        buka_riwayat_awal(pegawai, tanggal)
    elif lama.tanggal_selesai is not None:
        if lama.jabatan_id == pegawai.jabatan_id and lama.tanggal_selesai >= tanggal - datetime.timedelta(days=1):
            lama.tanggal_selesai = None
            lama.save(update_fields=["tanggal_selesai"])
        else:
            periksa_pemegang(pegawai.jabatan, max(tanggal, lama.tanggal_selesai + datetime.timedelta(days=1)), pegawai)
            RiwayatJabatan.objects.create(
                pegawai=pegawai,
                jabatan_id=pegawai.jabatan_id,
                tmt=max(tanggal, lama.tanggal_selesai + datetime.timedelta(days=1)),
            )
