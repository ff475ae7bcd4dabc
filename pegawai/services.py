"""Writes of the pegawai app: every state change goes through one function here (CONVENTIONS.md, services).

Each service takes the acting login as ``actor``, checks the rule, writes inside ``transaction.atomic()`` and is
attributed in the audit trail (pghistory context). A broken rule raises :class:`PenugasanError` (or another
domain error) whose message is plain Indonesian and can be shown to the user as is.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .audit import as_actor
from .choices import JenisAkses, JenisPenugasan
from .models import AksesLog, Jabatan, Pegawai, Penugasan
from .selectors import jabatan_managed_by, pegawai_managed_by, penugasan_managed_by


class PegawaiError(Exception):
    """A domain rule of the pegawai app was broken; ``str(exc)`` is an Indonesian message for the user."""


class PenugasanError(PegawaiError):
    """A Plt/Plh assignment breaks a rule (dates, overlap, own position, scope)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        #: The form field the message belongs to, so the view can show it next to that field.
        self.field = field


# ---------------------------------------------------------------------------------------------------------------
# Access log (UU 27/2022 tentang Pelindungan Data Pribadi, Pasal 31: the controller records every processing of
# personal data). Other apps and the importer call this for views, downloads, exports and imports.
# ---------------------------------------------------------------------------------------------------------------


def _client_ip(request) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client and could be forged to hide who looked. Behind a
    # reverse proxy the proxy must pass the real address in REMOTE_ADDR (gunicorn --forwarded-allow-ips).
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def catat_akses(
    *,
    user,
    jenis: str,
    objek: str,
    pegawai: Pegawai | None = None,
    request=None,
    jumlah_baris: int | None = None,
) -> AksesLog:
    """Append one row to the access log.

    ``jenis`` is a :class:`~pegawai.choices.JenisAkses`; ``objek`` a short human description ("Profil pegawai",
    "Daftar pegawai (XLSX)"); ``pegawai`` the person whose data was touched, when it is one person;
    ``jumlah_baris`` the row count of an export or import. The path and IP come from ``request`` when given.
    The row joins the caller's transaction, so a failed import that rolls back leaves no "IMPOR" row claiming
    it happened.
    """
    if jenis not in JenisAkses.values:
        raise ValueError(f"jenis akses tidak dikenal: {jenis!r}")
    return AksesLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        jenis=jenis,
        pegawai=pegawai,
        objek=objek[:255],
        path=request.get_full_path()[:500] if request is not None else "",
        ip=_client_ip(request),
        jumlah_baris=jumlah_baris,
    )


# ---------------------------------------------------------------------------------------------------------------
# Plt / Plh (DOMAIN.md §2; SE Kepala BKN 1/SE/I/2021: a Plh or Plt is appointed to a vacant or temporarily
# unattended leadership position — JPT, administrator, pengawas — for a stated period).
# ---------------------------------------------------------------------------------------------------------------


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
        raise PermissionDenied
    if not jabatan_managed_by(actor).filter(pk=jabatan.pk).exists():
        raise PermissionDenied
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


def _kunci_jabatan(jabatan: Jabatan) -> Jabatan:
    # Two admins saving overlapping assignments for the same position at the same moment would both pass the
    # overlap check; locking the position row serialises them so the second one sees the first.
    return Jabatan.objects.select_for_update().get(pk=jabatan.pk)


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
    """Create a Plt/Plh assignment. Raises PermissionDenied outside the actor's OPDs and PenugasanError when a
    rule is broken; on success the assignment is saved and its insert event is attributed to ``actor``."""
    if jenis not in JenisPenugasan.values:
        raise PenugasanError(_("Jenis penugasan tidak dikenal."), "jenis")
    with transaction.atomic(), as_actor(actor, aksi="penugasan_buat"):
        jabatan = _kunci_jabatan(jabatan)
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
        current = penugasan_managed_by(actor).select_for_update(of=("self",)).filter(pk=penugasan.pk).first()
        if current is None:
            raise PermissionDenied
        jabatan = _kunci_jabatan(jabatan)
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
        current = penugasan_managed_by(actor).select_for_update(of=("self",)).filter(pk=penugasan.pk).first()
        if current is None:
            raise PermissionDenied
        current.delete()
