"""The master data of a pegawai (docs/ATURAN.md): add, change, delete.

An admin OPD manages the pegawai of their OPD within it; moving someone to another OPD (mutasi antar-OPD) is
BKPSDM's, as in the import (:mod:`pegawai.impor.rencana`). The login of a pegawai is linked by BKPSDM; an admin OPD
creates one with the portal's temporary password (:func:`pegawai.services.akun.akun_atur_ulang_sandi`). A pegawai
with history (SKP, daily reports, Plt/Plh) is never deleted: set inactive (pensiun, mutasi keluar) instead.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import as_actor

from ..akses import jabatan_managed_by, opd_dikelola, pegawai_managed_by
from ..models import Pegawai
from ..penilai import periksa_atasan_override
from .base import hapus, tersimpan, tidak_berwenang, tolak, validasi
from .mutasi import buka_kembali, buka_riwayat_awal, catat_mutasi, periksa_tmt, tutup_riwayat


def _saran_nonaktif() -> str:
    return _("Nonaktifkan saja (kosongkan “aktif”: pensiun atau mutasi keluar) agar riwayatnya tetap utuh.")


def _pegawai_di_luar() -> str:
    return _("Pegawai ini berada di luar perangkat daerah yang Anda kelola.")


def pegawai_simpan(*, actor, pegawai: Pegawai, tmt_jabatan: datetime.date | None = None) -> Pegawai:
    """Add or change a pegawai (``pegawai`` with its new values; no pk for a new one). The actor must manage the
    pegawai as stored and the position they go to; the NIP, its status and the atasan override follow the model's
    rules (``Pegawai.clean``, field validators).

    The dated position history follows: a new pegawai holds their position from ``tmt_jabatan`` (default today);
    a changed position is a mutasi from ``tmt_jabatan`` (:func:`pegawai.services.mutasi.catat_mutasi`); set
    inactive, the position is held until today; set active again, from today."""
    with transaction.atomic(), as_actor(actor, aksi="pegawai_simpan"):
        current = None
        if pegawai.pk is not None:
            current = tersimpan(pegawai_managed_by(actor), pegawai.pk)
            if current is None:
                raise tidak_berwenang(_pegawai_di_luar())
        if pegawai.jabatan_id is not None and not jabatan_managed_by(actor).filter(pk=pegawai.jabatan_id).exists():
            raise tidak_berwenang(
                _(
                    "Jabatan ini berada di luar perangkat daerah yang Anda kelola; mutasi antar-OPD dilakukan oleh "
                    "BKPSDM."
                ),
                "jabatan",
            )
        akun_lama = current.user_id if current is not None else None
        if pegawai.user_id != akun_lama and opd_dikelola(actor) is not None:
            # Linking a login hands its owner's rights over to whoever manages this pegawai.
            raise tidak_berwenang(
                _(
                    "Akun pegawai ditautkan oleh admin BKPSDM; admin OPD membuat akun lewat “Buat akun masuk” di "
                    "halaman pegawai."
                ),
                "user",
            )
        validasi(pegawai)
        if pegawai.atasan_override_id != (current.atasan_override_id if current is not None else None):
            periksa_atasan_override(pegawai.atasan_override_id)
        hari_ini = timezone.localdate()
        if current is None:
            tmt = periksa_tmt(tmt_jabatan or hari_ini, field="tmt_jabatan")
            pegawai.save()
            buka_riwayat_awal(pegawai, tmt)
            return pegawai
        jabatan_baru = pegawai.jabatan
        if pegawai.jabatan_id != current.jabatan_id:
            # The mutasi writes the new position (and clears the override) on the stored row; the other changed
            # fields are saved after it.
            pegawai.jabatan_id = current.jabatan_id
            pegawai.save()
            catat_mutasi(pegawai, jabatan_baru, tmt_jabatan or hari_ini, actor=actor)
        else:
            pegawai.save()
        if current.aktif and not pegawai.aktif:
            tutup_riwayat(pegawai, hari_ini)
        elif not current.aktif and pegawai.aktif:
            buka_kembali(pegawai, hari_ini)
    return pegawai


def pegawai_hapus(*, actor, pegawai: Pegawai) -> None:
    """Delete a pegawai the actor manages; one with SKP, daily reports or Plt/Plh history is refused."""
    with transaction.atomic(), as_actor(actor, aksi="pegawai_hapus"):
        if not Pegawai.objects.filter(pk=pegawai.pk).exists():
            return
        current = tersimpan(pegawai_managed_by(actor), pegawai.pk)
        if current is None:
            raise tidak_berwenang(_pegawai_di_luar())
        if current.penugasan.exists():
            # Penugasan rows would go with the pegawai (CASCADE): the record of their acting positions.
            raise tolak(_("Pegawai ini memiliki riwayat Plt/Plh. %(saran)s") % {"saran": _saran_nonaktif()})
        hapus(current, _saran_nonaktif())
