"""The SKP's own life: start it, change its approach or period, submit it, approve or return it, repair it.

Each service checks the state on the object it was given, opens ``transaction.atomic()``, locks the SKP row and
checks again on the locked row — owner, pejabat penilai and state are read from the database there, never from
the caller's instance — so a double click or a stale tab changes nothing; then writes and records the step
(``SkpRiwayat`` for transitions; pghistory triggers for every row, attributed to the actor's login). A broken rule
raises :class:`~skp.errors.SkpError`; a wrong actor :class:`~skp.errors.SkpTidakBerwenang` (403).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pegawai.models import Pegawai
from portal.audit import as_person
from portal.locking import lock_row, refresh_from_locked
from portal.unchanged import UNCHANGED

from .. import rules
from ..choices import AksiSkp, FormatSkp, Pendekatan
from ..errors import SkpError
from ..models import Skp
from ..selectors.identitas import identitas_hidup
from ..selectors.skp import SkpAtasan, cek_skp_atasan, tanggal_acuan_skp
from .base import (
    catat,
    cek_pemilik_dan_status,
    cek_transisi,
    galat,
    lock_skp,
    mulai_edit,
    pastikan_pemilik,
    pastikan_penilai,
    rapikan,
    ubah_status,
)
from .kelengkapan import tolak_bila_belum_lengkap


def cek_periode(pegawai: Pegawai, tahun: int, mulai: datetime.date, selesai: datetime.date, kecuali=()) -> None:
    errors = rules.validasi_periode(tahun, mulai, selesai)
    if errors:
        raise galat(errors)
    # Mid-year transfer: a second SKP of the same year is for another position and another stretch of the year.
    lain = (
        Skp.objects.berlaku()
        .filter(pegawai=pegawai, tahun=tahun)
        .exclude(pk__in=[s.pk for s in kecuali])
        .exclude(versi_berikutnya__in=[s.pk for s in kecuali])
        .select_related("jabatan")
    )
    for skp in lain:
        if rules.bertumpuk(mulai, selesai, skp.tanggal_mulai, skp.tanggal_selesai):
            pesan = _(
                "Periode SKP bertumpuk dengan SKP tahun %(tahun)s untuk jabatan %(jabatan)s (%(mulai)s – "
                "%(selesai)s). Akhiri dulu periode SKP tersebut melalui perubahan SKP."
            ) % {
                "tahun": tahun,
                "jabatan": skp.jabatan.nama,
                "mulai": date_format(skp.tanggal_mulai, "j F Y"),
                "selesai": date_format(skp.tanggal_selesai, "j F Y"),
            }
            raise SkpError(pesan, errors={"tanggal_mulai": pesan})


def buat_draf(
    *,
    actor: Pegawai,
    tahun: int,
    tanggal_mulai: datetime.date | None,
    tanggal_selesai: datetime.date | None,
    pendekatan: str,
    aksi: str,
    catatan: str = "",
) -> tuple[Skp, SkpAtasan | None]:
    """A new draft SKP of ``actor`` for ``tahun`` in their current position (the start rules of :func:`skp_buat`),
    with the atasan's SKP it cascades from (``None`` for a JPT)."""
    with transaction.atomic(), as_person(actor):
        # One pegawai creating two SKP at once (two tabs) is serialised on their row; whether they are active and
        # which position they hold is read from that row, not from the caller's instance.
        pegawai = lock_row(Pegawai, actor.pk, select_related=("jabatan",))
        if not pegawai.aktif:
            raise SkpError(_("Pegawai yang tidak aktif tidak dapat membuat SKP."))
        if pendekatan not in Pendekatan.values:
            raise galat({"pendekatan": _("Pendekatan harus kuantitatif atau kualitatif.")})
        default_mulai, default_selesai = rules.periode_default(tahun)
        mulai, selesai = tanggal_mulai or default_mulai, tanggal_selesai or default_selesai
        errors = rules.validasi_periode(tahun, mulai, selesai)
        if errors:
            raise galat(errors)
        jabatan = pegawai.jabatan
        format_skp = rules.format_dari_jenis_jabatan(jabatan.jenis)
        info = None
        if format_skp == FormatSkp.JA_JF:
            info = cek_skp_atasan(pegawai, tahun, mulai)
            if not info.siap:
                raise SkpError(info.pesan)
        if Skp.objects.filter(pegawai=pegawai, tahun=tahun, jabatan=jabatan).exists():
            raise SkpError(
                _("SKP tahun %(tahun)s untuk jabatan %(jabatan)s sudah ada.")
                % {"tahun": tahun, "jabatan": jabatan.nama}
            )
        cek_periode(pegawai, tahun, mulai, selesai)
        skp = Skp.objects.create(
            pegawai=pegawai,
            tahun=tahun,
            jabatan=jabatan,
            tanggal_mulai=mulai,
            tanggal_selesai=selesai,
            format=format_skp,
            pendekatan=pendekatan,
        )
        catat(skp, aksi, "", skp.status, actor, catatan)
    return skp, info


def skp_buat(
    *,
    actor: Pegawai,
    tahun: int,
    tanggal_mulai: datetime.date | None = None,
    tanggal_selesai: datetime.date | None = None,
    pendekatan: str = Pendekatan.KUANTITATIF,
) -> Skp:
    """Start ``actor``'s SKP for ``tahun`` in their current position, as a draft.

    The period defaults to 1 January – 31 December and must lie in ``tahun`` without overlapping another SKP of
    that year (a mid-year transfer). The format follows the jenis jabatan (JPT → SKP JPT, else JA/JF). A JA/JF
    can only start once the atasan's SKP for the year is approved (the message says whose and why)."""
    skp, _info = buat_draf(
        actor=actor,
        tahun=tahun,
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        pendekatan=pendekatan,
        aksi=AksiSkp.DIBUAT,
    )
    return skp


def skp_ubah(
    *,
    actor: Pegawai,
    skp: Skp,
    pendekatan=UNCHANGED,
    tanggal_mulai=UNCHANGED,
    tanggal_selesai=UNCHANGED,
) -> Skp:
    """Change the approach or the period of a draft (or returned) SKP; same period rules as :func:`skp_buat`."""
    cek_pemilik_dan_status(actor, skp)
    asli = skp
    with transaction.atomic(), as_person(actor):
        skp = mulai_edit(actor, skp.pk)
        if pendekatan is not UNCHANGED:
            if pendekatan not in Pendekatan.values:
                raise galat({"pendekatan": _("Pendekatan harus kuantitatif atau kualitatif.")})
            skp.pendekatan = pendekatan
        mulai = skp.tanggal_mulai if tanggal_mulai is UNCHANGED else tanggal_mulai
        selesai = skp.tanggal_selesai if tanggal_selesai is UNCHANGED else tanggal_selesai
        cek_periode(skp.pegawai, skp.tahun, mulai, selesai, kecuali=[skp])
        skp.tanggal_mulai, skp.tanggal_selesai = mulai, selesai
        skp.save(update_fields=["pendekatan", "tanggal_mulai", "tanggal_selesai"])
    return refresh_from_locked(asli, skp)


def skp_ajukan(*, actor: Pegawai, skp: Skp) -> Skp:
    """Submit a draft to the pejabat penilai. Refused (every problem listed in ``SkpError.daftar``) without an
    Utama RHK, with an RHK without IKI, or with any RHK/IKI/intervention that breaks a rule."""
    pastikan_pemilik(actor, skp)
    cek_transisi(AksiSkp.DIAJUKAN, skp)
    asli = skp
    with transaction.atomic(), as_person(actor):
        skp = lock_skp(skp.pk)
        pastikan_pemilik(actor, skp)
        cek_transisi(AksiSkp.DIAJUKAN, skp)
        tolak_bila_belum_lengkap(skp, _("SKP belum dapat diajukan."))
        ubah_status(skp, AksiSkp.DIAJUKAN, actor, diajukan_pada=timezone.now())
    return refresh_from_locked(asli, skp)


def skp_setujui(*, actor: Pegawai, skp: Skp) -> Skp:
    """Approve a submitted SKP as its pejabat penilai (or the Plt/Plh of that position on the day that counts).

    Freezes the identity of the pegawai, the pejabat penilai (``actor``) and the atasan pejabat penilai on the SKP
    so the document never changes afterwards; approving a perubahan marks the previous version superseded."""
    cek_transisi(AksiSkp.DISETUJUI, skp)
    pastikan_penilai(actor, skp)
    asli = skp
    with transaction.atomic(), as_person(actor):
        skp = lock_skp(skp.pk)
        cek_transisi(AksiSkp.DISETUJUI, skp)
        pastikan_penilai(actor, skp)
        tolak_bila_belum_lengkap(skp, _("SKP belum dapat disetujui."))
        data = identitas_hidup(skp, actor, tanggal_acuan_skp(skp))
        now = timezone.now()
        ubah_status(
            skp,
            AksiSkp.DISETUJUI,
            actor,
            disetujui_pada=now,
            pejabat_penilai=actor,
            atasan_pejabat_penilai=data.atasan_pejabat_penilai,
            identitas_pegawai=data.pegawai,
            identitas_penilai=data.penilai,
            identitas_atasan_penilai=data.atasan_penilai,
        )
        gantikan_versi_sebelumnya(skp, now, actor)
    return refresh_from_locked(asli, skp)


def gantikan_versi_sebelumnya(skp: Skp, now, actor: Pegawai | None, actor_nama: str | None = None) -> None:
    """Inside the approval of ``skp``: mark the version it changes superseded (it stays approved and readable)."""
    if not skp.versi_sebelumnya_id:
        return
    lama = lock_skp(skp.versi_sebelumnya_id)
    lama.digantikan_pada = now
    lama.save(update_fields=["digantikan_pada"])
    catat(
        lama,
        AksiSkp.DIGANTIKAN,
        lama.status,
        lama.status,
        actor,
        _("Digantikan oleh versi %(versi)s yang disetujui.") % {"versi": skp.versi},
        actor_nama=actor_nama,
    )


def catatan_kembali_wajib(catatan: str) -> str:
    """The pejabat penilai's note on a returned SKP, trimmed; refused when empty."""
    catatan = rapikan(catatan)
    if not catatan:
        pesan = _("Catatan wajib diisi saat mengembalikan SKP, agar pegawai tahu apa yang harus diperbaiki.")
        raise SkpError(pesan, errors={"catatan": pesan})
    return catatan


def skp_kembalikan(*, actor: Pegawai, skp: Skp, catatan: str) -> Skp:
    """Return a submitted SKP to the pegawai with the pejabat penilai's ``catatan`` (required)."""
    cek_transisi(AksiSkp.DIKEMBALIKAN, skp)
    pastikan_penilai(actor, skp)
    catatan = catatan_kembali_wajib(catatan)
    asli = skp
    with transaction.atomic(), as_person(actor):
        skp = lock_skp(skp.pk)
        cek_transisi(AksiSkp.DIKEMBALIKAN, skp)
        pastikan_penilai(actor, skp)
        ubah_status(skp, AksiSkp.DIKEMBALIKAN, actor, catatan)
    return refresh_from_locked(asli, skp)


def skp_perbaiki(*, actor: Pegawai, skp: Skp) -> Skp:
    """Take a returned SKP back into draft (editing it does the same implicitly)."""
    pastikan_pemilik(actor, skp)
    cek_transisi(AksiSkp.DIPERBAIKI, skp)
    asli = skp
    with transaction.atomic(), as_person(actor):
        skp = lock_skp(skp.pk)
        pastikan_pemilik(actor, skp)
        cek_transisi(AksiSkp.DIPERBAIKI, skp)
        ubah_status(skp, AksiSkp.DIPERBAIKI, actor)
    return refresh_from_locked(asli, skp)
