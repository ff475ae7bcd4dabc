"""Plt/Plh assignments (docs/ATURAN.md; SE Kepala BKN 1/SE/I/2021: a Plh or Plt is appointed to a vacant or
temporarily unattended leadership position — JPT, administrator, pengawas — for a stated period).

Each service takes the acting login as ``actor``, checks the rule, writes inside ``transaction.atomic()`` and is
attributed in the audit trail (pghistory context). A broken rule raises :class:`~pegawai.errors.PenugasanError`
(a :class:`~portal.errors.DomainError`: the message is plain Indonesian and can be shown to the user as is, beside
the form field it concerns); an actor outside their scope gets :class:`~pegawai.errors.PenugasanTidakBerwenang`.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.audit import as_actor
from portal.locking import lock_row

from ..akses import jabatan_managed_by, pegawai_managed_by, penugasan_managed_by
from ..choices import JenisPenugasan
from ..errors import PenugasanError, PenugasanTidakBerwenang
from ..models import Jabatan, Pegawai, Penugasan
from .base import tersimpan


def _periksa_penugasan(
    *,
    actor,
    pegawai: Pegawai,
    jabatan: Jabatan,
    tanggal_mulai: datetime.date,
    tanggal_selesai: datetime.date,
    kecuali_pk: int | None = None,
) -> None:
    # Scope first: an admin OPD may only assign their own people to their own positions. The views already
    # offer only those, so reaching this means a forged request.
    if not pegawai_managed_by(actor).filter(pk=pegawai.pk).exists():
        raise PenugasanTidakBerwenang
    if not jabatan_managed_by(actor).filter(pk=jabatan.pk).exists():
        raise PenugasanTidakBerwenang
    if tanggal_selesai < tanggal_mulai:
        raise PenugasanError(_("Tanggal selesai tidak boleh sebelum tanggal mulai."), "tanggal_selesai")
    if not pegawai.aktif:
        raise PenugasanError(_("Pegawai ini sudah tidak aktif, sehingga tidak dapat diberi penugasan."), "pegawai")
    if not jabatan.aktif:
        raise PenugasanError(_("Jabatan ini sudah tidak aktif."), "jabatan")
    if not jabatan.is_struktural:
        raise PenugasanError(_("Plt/Plh hanya untuk jabatan pimpinan: JPT, administrator, atau pengawas."), "jabatan")
    if pegawai.jabatan_id == jabatan.pk:
        raise PenugasanError(
            _("Pegawai ini sudah memegang jabatan tersebut secara definitif; pilih jabatan lain."), "jabatan"
        )
    bentrok = Penugasan.objects.filter(
        jabatan=jabatan, tanggal_mulai__lte=tanggal_selesai, tanggal_selesai__gte=tanggal_mulai
    ).select_related("pegawai")
    if kecuali_pk is not None:
        bentrok = bentrok.exclude(pk=kecuali_pk)
    lain = bentrok.first()
    if lain is not None:
        raise PenugasanError(
            _(
                "Jabatan ini sudah diisi %(jenis)s oleh %(nama)s pada %(mulai)s s.d. %(selesai)s. "
                "Rentang tanggal tidak boleh bertumpang tindih."
            )
            % {
                "jenis": lain.get_jenis_display(),
                "nama": lain.pegawai.nama_lengkap,
                "mulai": _tanggal(lain.tanggal_mulai),
                "selesai": _tanggal(lain.tanggal_selesai),
            },
            "tanggal_mulai",
        )


def _tanggal(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def _jabatan_locked(jabatan: Jabatan) -> Jabatan:
    # Two admins saving overlapping assignments for the same position at the same moment would both pass the
    # overlap check; locking the position row serialises them so the second one sees the first.
    return lock_row(jabatan)


def penugasan_buat(
    *,
    actor,
    pegawai: Pegawai,
    jabatan: Jabatan,
    jenis: str = JenisPenugasan.PLT,
    tanggal_mulai: datetime.date,
    tanggal_selesai: datetime.date,
    nomor_sk: str = "",
) -> Penugasan:
    """Create a Plt/Plh assignment. Raises PenugasanTidakBerwenang (a PermissionDenied) outside the actor's OPDs
    and PenugasanError when a rule is broken; on success the assignment is saved and its insert event is
    attributed to ``actor``."""
    if jenis not in JenisPenugasan.values:
        raise PenugasanError(_("Jenis penugasan tidak dikenal."), "jenis")
    with transaction.atomic(), as_actor(actor, aksi="penugasan_buat"):
        jabatan = _jabatan_locked(jabatan)
        _periksa_penugasan(
            actor=actor,
            pegawai=pegawai,
            jabatan=jabatan,
            tanggal_mulai=tanggal_mulai,
            tanggal_selesai=tanggal_selesai,
        )
        return Penugasan.objects.create(
            pegawai=pegawai,
            jabatan=jabatan,
            jenis=jenis,
            tanggal_mulai=tanggal_mulai,
            tanggal_selesai=tanggal_selesai,
            nomor_sk=nomor_sk.strip(),
        )


def penugasan_ubah(
    *,
    actor,
    penugasan: Penugasan,
    pegawai: Pegawai,
    jabatan: Jabatan,
    jenis: str,
    tanggal_mulai: datetime.date,
    tanggal_selesai: datetime.date,
    nomor_sk: str = "",
) -> Penugasan:
    """Change an assignment; the same rules as :func:`penugasan_buat`, and the actor must manage the assignment
    as it was before the change too (an admin cannot pull another OPD's assignment into their own)."""
    if jenis not in JenisPenugasan.values:
        raise PenugasanError(_("Jenis penugasan tidak dikenal."), "jenis")
    with transaction.atomic(), as_actor(actor, aksi="penugasan_ubah"):
        current = tersimpan(penugasan_managed_by(actor), penugasan.pk)
        if current is None:
            raise PenugasanTidakBerwenang
        jabatan = _jabatan_locked(jabatan)
        _periksa_penugasan(
            actor=actor,
            pegawai=pegawai,
            jabatan=jabatan,
            tanggal_mulai=tanggal_mulai,
            tanggal_selesai=tanggal_selesai,
            kecuali_pk=current.pk,
        )
        current.pegawai = pegawai
        current.jabatan = jabatan
        current.jenis = jenis
        current.tanggal_mulai = tanggal_mulai
        current.tanggal_selesai = tanggal_selesai
        current.nomor_sk = nomor_sk.strip()
        current.save()
        return current


def penugasan_hapus(*, actor, penugasan: Penugasan) -> None:
    """Delete an assignment the actor manages. Deleting one that is already gone does nothing (double click)."""
    with transaction.atomic(), as_actor(actor, aksi="penugasan_hapus"):
        if not Penugasan.objects.filter(pk=penugasan.pk).exists():
            return
        current = tersimpan(penugasan_managed_by(actor), penugasan.pk)
        if current is None:
            raise PenugasanTidakBerwenang
        current.delete()
