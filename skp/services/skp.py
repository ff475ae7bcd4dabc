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

from pegawai.atasan import tmt_jabatan_sekarang
from pegawai.models import Jabatan, Pegawai, Penugasan
from pegawai.unit_mandiri import jabatan_pimpinan_unit_mandiri
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
    """The period lies in ``tahun`` and, for a definitive position, overlaps no other SKP of the year in a
    definitive position (a mid-year transfer: another position, another stretch of the year). The SKP of a
    position held as Plt/Plh runs beside them."""
    errors = rules.validasi_periode(tahun, mulai, selesai)
    if errors:
        raise galat(errors)
    lain = (
        Skp.objects.berlaku()
        .filter(pegawai=pegawai, tahun=tahun)
        .exclude(jabatan_id__in=Penugasan.objects.filter(pegawai=pegawai).values("jabatan_id"))
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


def _tolak_mulai(pesan: str) -> SkpError:
    return SkpError(pesan, errors={"tanggal_mulai": pesan})


def _periode_definitif(pegawai: Pegawai, tahun: int, mulai, selesai) -> tuple[datetime.date, datetime.date]:
    """The period of an SKP of the position held now: the year, from the TMT jabatan when that falls in it (after a
    mutasi the SKP of the new position starts at its TMT, docs/ATURAN.md)."""
    _awal, default_selesai = rules.periode_default(tahun)
    tmt = tmt_jabatan_sekarang(pegawai)
    default_mulai = rules.mulai_periode_jabatan(tahun, tmt)
    mulai, selesai = mulai or default_mulai, selesai or default_selesai
    if tmt is not None and mulai < tmt <= selesai:
        raise _tolak_mulai(
            _("SKP jabatan %(jabatan)s dimulai paling awal pada TMT jabatannya, %(tmt)s.")
            % {"jabatan": pegawai.jabatan.nama, "tmt": date_format(tmt, "j F Y")}
        )
    return mulai, selesai


def _periode_plt(pegawai: Pegawai, jabatan: Jabatan, tahun: int, mulai, selesai) -> tuple[datetime.date, datetime.date]:
    """The period of the SKP of a position ``pegawai`` acts in (Plt/Plh): within their assignment, by default all
    of it that falls in ``tahun``."""
    awal_tahun, akhir_tahun = rules.periode_default(tahun)
    penugasan = (
        Penugasan.objects.filter(
            pegawai=pegawai, jabatan=jabatan, tanggal_mulai__lte=akhir_tahun, tanggal_selesai__gte=awal_tahun
        )
        .order_by("-tanggal_mulai")
        .first()
    )
    if penugasan is None:
        raise SkpError(
            _("Anda tidak tercatat sebagai Plt/Plh %(jabatan)s pada tahun %(tahun)s.")
            % {"jabatan": jabatan.nama, "tahun": tahun}
        )
    batas_mulai, batas_selesai = max(awal_tahun, penugasan.tanggal_mulai), min(akhir_tahun, penugasan.tanggal_selesai)
    mulai, selesai = mulai or batas_mulai, selesai or batas_selesai
    if mulai < batas_mulai or selesai > batas_selesai:
        raise _tolak_mulai(
            _("Periode SKP %(jabatan)s harus di dalam masa penugasan Plt/Plh: %(mulai)s – %(selesai)s.")
            % {
                "jabatan": jabatan.nama,
                "mulai": date_format(batas_mulai, "j F Y"),
                "selesai": date_format(batas_selesai, "j F Y"),
            }
        )
    return mulai, selesai


def buat_draf(
    *,
    actor: Pegawai,
    tahun: int,
    tanggal_mulai: datetime.date | None,
    tanggal_selesai: datetime.date | None,
    pendekatan: str,
    aksi: str,
    catatan: str = "",
    jabatan_plt: Jabatan | None = None,
) -> tuple[Skp, SkpAtasan | None]:
    """A new draft SKP of ``actor`` for ``tahun`` in their current position — or in ``jabatan_plt``, a position
    they act in as Plt/Plh: the Plt holds that position's SKP and its bawahan cascade from it (docs/ATURAN.md) —
    with the state of the atasan's SKP it cascades from (``None`` for a JPT; possibly not approved yet). The
    start rules of :func:`skp_buat`."""
    with transaction.atomic(), as_person(actor):
        # One pegawai creating two SKP at once (two tabs) is serialised on their row; whether they are active and
        # which position they hold is read from that row, not from the caller's instance.
        pegawai = lock_row(Pegawai, actor.pk, select_related=("jabatan",))
        if not pegawai.aktif:
            raise SkpError(_("Pegawai yang tidak aktif tidak dapat membuat SKP."))
        if pendekatan not in Pendekatan.values:
            raise galat({"pendekatan": _("Pendekatan harus kuantitatif atau kualitatif.")})
        if jabatan_plt is None:
            jabatan = pegawai.jabatan
            mulai, selesai = _periode_definitif(pegawai, tahun, tanggal_mulai, tanggal_selesai)
        else:
            jabatan = jabatan_plt
            mulai, selesai = _periode_plt(pegawai, jabatan, tahun, tanggal_mulai, tanggal_selesai)
        errors = rules.validasi_periode(tahun, mulai, selesai)
        if errors:
            raise galat(errors)
        format_skp = rules.format_skp(jabatan.jenis, pimpinan_unit_mandiri=jabatan_pimpinan_unit_mandiri(jabatan))
        # A JA/JF cascades from the atasan's SKP, but drafting does not wait for it (docs/ATURAN.md: a deep tree still
        # meets the January deadline); its RHK atasan are chosen, and the SKP submitted, once it is approved.
        info = cek_skp_atasan(pegawai, tahun, mulai, jabatan_id=jabatan.pk) if format_skp == FormatSkp.JA_JF else None
        if Skp.objects.filter(pegawai=pegawai, tahun=tahun, jabatan=jabatan).exists():
            raise SkpError(
                _("SKP tahun %(tahun)s untuk jabatan %(jabatan)s sudah ada.")
                % {"tahun": tahun, "jabatan": jabatan.nama}
            )
        if jabatan_plt is None:
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
    jabatan_plt: Jabatan | None = None,
) -> Skp:
    """Start ``actor``'s SKP for ``tahun`` in their current position (or ``jabatan_plt``, a position they act in
    as Plt/Plh, for the stretch of their assignment in ``tahun``), as a draft.

    The period defaults to 1 January – 31 December and must lie in ``tahun`` without overlapping another SKP of
    that year (a mid-year transfer). The format follows the position (:func:`skp.rules.format_skp`: JPT and the
    pimpinan unit kerja mandiri → SKP JPT, else JA/JF). A JA/JF may start before the atasan's SKP for the year is
    approved; it is submitted only after (:func:`skp_ajukan`)."""
    skp, _info = buat_draf(
        actor=actor,
        tahun=tahun,
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        pendekatan=pendekatan,
        aksi=AksiSkp.DIBUAT,
        jabatan_plt=jabatan_plt,
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
        if Penugasan.objects.filter(pegawai_id=skp.pegawai_id, jabatan_id=skp.jabatan_id).exists():
            _periode_plt(skp.pegawai, skp.jabatan, skp.tahun, mulai, selesai)
            errors = rules.validasi_periode(skp.tahun, mulai, selesai)
            if errors:
                raise galat(errors)
        else:
            cek_periode(skp.pegawai, skp.tahun, mulai, selesai, kecuali=[skp])
        skp.tanggal_mulai, skp.tanggal_selesai = mulai, selesai
        skp.save(update_fields=["pendekatan", "tanggal_mulai", "tanggal_selesai"])
    return refresh_from_locked(asli, skp)


def skp_ajukan(*, actor: Pegawai, skp: Skp) -> Skp:
    """Submit a draft to the pejabat penilai. Refused (every problem listed in ``SkpError.daftar``) without an
    Utama RHK, with an RHK without IKI, or with any RHK/IKI/intervention that breaks a rule — for a JA/JF also
    while the atasan's SKP is not approved or an RHK utama has no intervened RHK yet
    (:func:`skp.services.kelengkapan.masalah_pengajuan`)."""
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
