"""Satyalancana Karya Satya awarded (docs/ATURAN.md, "Disiplin"): admin BKPSDM records each award from its Keppres,
so the level is never proposed again, and may correct the Keppres number and date of a record. A record is never
deleted: the award was given; a typo is corrected, and the correction is in the audit trail (the model is tracked)."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pegawai.akses import peran_of
from pegawai.choices import StatusPegawai
from pegawai.models import Pegawai
from portal.audit import as_actor
from portal.locking import lock_row
from portal.teks import ada_karakter_kendali

from .. import rules
from ..choices import TingkatSatyalancana
from ..errors import DisiplinError, DisiplinTidakBerwenang
from ..models import PenghargaanSatyalancana


def _pastikan_admin_bkpsdm(actor) -> None:
    if not peran_of(actor).admin_bkpsdm:
        raise DisiplinTidakBerwenang(_("Hanya admin BKPSDM yang dapat mencatat Satyalancana Karya Satya."))


def _galat(field: str, pesan: str) -> DisiplinError:
    return DisiplinError(pesan, errors={field: pesan})


def _keppres(nomor_keppres: str, tanggal_keppres: datetime.date | None) -> tuple[str, datetime.date]:
    """The Keppres fields checked: a number (no control characters, at most 100 characters) and a date not in the
    future. Both are required: a record without its decree cannot be verified."""
    nomor = (nomor_keppres or "").strip()
    if not nomor:
        raise _galat("nomor_keppres", _("Nomor Keppres wajib diisi."))
    if ada_karakter_kendali(nomor):
        raise _galat("nomor_keppres", _("Nomor Keppres berisi karakter yang tidak diizinkan."))
    if len(nomor) > 100:
        raise _galat("nomor_keppres", _("Nomor Keppres paling banyak 100 karakter."))
    if tanggal_keppres is None:
        raise _galat("tanggal_keppres", _("Tanggal Keppres wajib diisi."))
    if tanggal_keppres > timezone.localdate():
        raise _galat("tanggal_keppres", _("Tanggal Keppres tidak boleh setelah hari ini."))
    return nomor, tanggal_keppres


def _pastikan_sudah_mencapai(pegawai: Pegawai, tingkat: TingkatSatyalancana, tanggal: datetime.date) -> None:
    """Refuse a Keppres dated before the TMT CPNS on record gives the level's years: a wrong level, date or TMT, each
    of which would make the lists wrong."""
    layak = rules.tanggal_layak(pegawai.tmt_cpns, tingkat)
    if layak > tanggal:
        raise _galat(
            "tanggal_keppres",
            _(
                "Dengan TMT CPNS %(tmt)s, %(nama)s baru mencapai %(tingkat)s pada %(layak)s, setelah tanggal "
                "Keppres. Periksa tingkat, tanggal Keppres, atau TMT CPNS-nya."
            )
            % {
                "tmt": date_format(pegawai.tmt_cpns, "j F Y"),
                "nama": pegawai.nama_lengkap,
                "tingkat": tingkat.label,
                "layak": date_format(layak, "j F Y"),
            },
        )


def penghargaan_catat(
    *, actor, pegawai: Pegawai, tingkat: str, nomor_keppres: str, tanggal_keppres: datetime.date | None
) -> PenghargaanSatyalancana:
    """Record that ``pegawai`` received the Satyalancana Karya Satya of ``tingkat`` by the Keppres given. Admin
    BKPSDM only. Refused for a level already recorded, for a pegawai who is not a PNS, and when on the Keppres date
    the TMT CPNS on record gives fewer years than the level (a wrong level or a wrong TMT: either must be fixed
    first, or the lists would be wrong)."""
    _pastikan_admin_bkpsdm(actor)
    if tingkat not in TingkatSatyalancana.values:
        raise _galat("tingkat", _("Tingkat Satyalancana tidak dikenal."))
    tingkat = TingkatSatyalancana(tingkat)
    nomor, tanggal = _keppres(nomor_keppres, tanggal_keppres)
    if pegawai.status != StatusPegawai.PNS:
        raise DisiplinError(
            _("%(nama)s berstatus %(status)s; Satyalancana Karya Satya hanya untuk PNS.")
            % {"nama": pegawai.nama_lengkap, "status": pegawai.get_status_display()}
        )
    _pastikan_sudah_mencapai(pegawai, tingkat, tanggal)
    sudah = _("%(tingkat)s untuk %(nama)s sudah tercatat.") % {"tingkat": tingkat.label, "nama": pegawai.nama_lengkap}
    if PenghargaanSatyalancana.objects.filter(pegawai=pegawai, tingkat=tingkat).exists():
        raise _galat("tingkat", sudah)
    try:
        with transaction.atomic(), as_actor(actor):
            return PenghargaanSatyalancana.objects.create(
                pegawai=pegawai,
                tingkat=tingkat,
                nomor_keppres=nomor,
                tanggal_keppres=tanggal,
                dicatat_oleh=actor,
            )
    except IntegrityError as exc:
        # Two admins recording the same award at the same moment: the unique constraint decides.
        raise _galat("tingkat", sudah) from exc


def penghargaan_ubah(
    *, actor, penghargaan: PenghargaanSatyalancana, nomor_keppres: str, tanggal_keppres: datetime.date | None
) -> PenghargaanSatyalancana:
    """Correct the Keppres number and date of a recorded award (admin BKPSDM); the pegawai and the level stay as
    recorded. The values before and after are in the audit trail."""
    _pastikan_admin_bkpsdm(actor)
    nomor, tanggal = _keppres(nomor_keppres, tanggal_keppres)
    with transaction.atomic(), as_actor(actor):
        locked = lock_row(PenghargaanSatyalancana, penghargaan.pk, select_related=("pegawai",))
        _pastikan_sudah_mencapai(locked.pegawai, TingkatSatyalancana(locked.tingkat), tanggal)
        locked.nomor_keppres = nomor
        locked.tanggal_keppres = tanggal
        locked.save(update_fields=["nomor_keppres", "tanggal_keppres"])
    penghargaan.nomor_keppres, penghargaan.tanggal_keppres = locked.nomor_keppres, locked.tanggal_keppres
    return penghargaan
