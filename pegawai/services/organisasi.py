"""The organisation's master data: OPD, units and positions (docs/ATURAN.md).

An OPD itself is BKPSDM's; inside an OPD its admin manages the units and positions, as they manage its people
(:func:`pegawai.akses.opd_dikelola`). Each service takes the row with its new values (no pk for a new one), judges
the scope on the row as stored and on the values to be written, validates with the model's own rules, and writes
inside ``transaction.atomic()`` with the actor in the audit trail. A delete that would lose history is refused:
set the row inactive instead.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import as_actor

from ..akses import jabatan_managed_by, mengelola_opd, opd_dikelola, unit_kerja_managed_by
from ..models import Jabatan, PerangkatDaerah, UnitKerja
from .base import hanya_bkpsdm, hapus, tersimpan, tidak_berwenang, tolak, validasi


def _saran_nonaktif() -> str:
    return _("Nonaktifkan saja (kosongkan “aktif”) agar riwayatnya tetap utuh.")


def _opd_hanya_bkpsdm(actor) -> None:
    hanya_bkpsdm(actor, _("Perangkat daerah hanya dapat ditambah, diubah, atau dihapus oleh admin BKPSDM."))


def opd_simpan(*, actor, opd: PerangkatDaerah) -> PerangkatDaerah:
    """Add or change an OPD (admin BKPSDM only)."""
    with transaction.atomic(), as_actor(actor, aksi="opd_simpan"):
        _opd_hanya_bkpsdm(actor)
        validasi(opd)
        opd.save()
    return opd


def opd_hapus(*, actor, opd: PerangkatDaerah) -> None:
    """Delete an OPD (admin BKPSDM only) that nothing points at any more; one with units is refused."""
    with transaction.atomic(), as_actor(actor, aksi="opd_hapus"):
        _opd_hanya_bkpsdm(actor)
        current = tersimpan(PerangkatDaerah.objects.all(), opd.pk)
        if current is not None:
            hapus(current, _saran_nonaktif())


def _unit_di_luar() -> str:
    return _("Unit kerja ini berada di luar perangkat daerah yang Anda kelola.")


def _mandiri_hanya_bkpsdm(actor) -> None:
    if opd_dikelola(actor) is not None:
        raise tidak_berwenang(_("Status unit kerja mandiri hanya dapat diubah oleh admin BKPSDM."), "mandiri")


def unit_kerja_simpan(*, actor, unit_kerja: UnitKerja) -> UnitKerja:
    """Add or change a unit. The actor must administer its OPD as stored and the OPD it goes to; its parent lies
    in the same OPD and the tree has no cycle (``UnitKerja.clean``); a unit with sub-units stays in its OPD, or
    they would hang under a parent in another OPD. Only admin BKPSDM changes ``mandiri``
    (:func:`unit_kerja_atur_mandiri`)."""
    with transaction.atomic(), as_actor(actor, aksi="unit_kerja_simpan"):
        current = None
        if unit_kerja.pk is not None:
            current = tersimpan(unit_kerja_managed_by(actor), unit_kerja.pk)
            if current is None:
                raise tidak_berwenang(_unit_di_luar())
        if unit_kerja.mandiri != (current.mandiri if current is not None else False):
            _mandiri_hanya_bkpsdm(actor)
        opd_id = unit_kerja.perangkat_daerah_id
        if opd_id is not None and not mengelola_opd(actor, opd_id):
            raise tidak_berwenang(
                _("Perangkat daerah ini bukan perangkat daerah yang Anda kelola."), "perangkat_daerah"
            )
        validasi(unit_kerja)
        if current is not None and current.perangkat_daerah_id != opd_id and current.children.exists():
            raise tolak(_("Unit ini masih memiliki sub-unit; pindahkan sub-unitnya lebih dahulu."), "perangkat_daerah")
        unit_kerja.save()
    return unit_kerja


def unit_kerja_atur_mandiri(*, actor, unit_kerja: UnitKerja, mandiri: bool) -> UnitKerja:
    """Mark a unit as unit kerja mandiri, or unmark it (admin BKPSDM only, docs/ATURAN.md): the head of a mandiri
    unit (:mod:`pegawai.unit_mandiri`) uses the SKP JPT form for the SKP they start from then on; SKP already
    started keep their format. Setting the value it already has writes nothing."""
    with transaction.atomic(), as_actor(actor, aksi="unit_kerja_atur_mandiri"):
        _mandiri_hanya_bkpsdm(actor)
        current = tersimpan(UnitKerja.objects.all(), unit_kerja.pk)
        if current is None:
            raise tolak(_("Unit kerja ini sudah tidak ada."))
        if current.mandiri != mandiri:
            current.mandiri = mandiri
            current.save(update_fields=["mandiri"])
    return current


def unit_kerja_hapus(*, actor, unit_kerja: UnitKerja) -> None:
    """Delete a unit of the actor's OPD; one with sub-units or positions is refused."""
    with transaction.atomic(), as_actor(actor, aksi="unit_kerja_hapus"):
        if not UnitKerja.objects.filter(pk=unit_kerja.pk).exists():
            return
        current = tersimpan(unit_kerja_managed_by(actor), unit_kerja.pk)
        if current is None:
            raise tidak_berwenang(_unit_di_luar())
        hapus(current, _saran_nonaktif())


def _jabatan_di_luar() -> str:
    return _("Jabatan ini berada di luar perangkat daerah yang Anda kelola.")


def jabatan_simpan(*, actor, jabatan: Jabatan) -> Jabatan:
    """Add or change a position. The actor must administer the OPD of its unit as stored and of the unit it goes
    to; the jenjang fits the jenis and the supervision tree has no cycle (``Jabatan.clean``). The supervising
    position may lie in another OPD (a head of OPD reports to the sekda), as the import allows. A position with
    Plt/Plh assignments stays a leadership one (those are only for JPT, administrator and pengawas)."""
    with transaction.atomic(), as_actor(actor, aksi="jabatan_simpan"):
        current = None
        if jabatan.pk is not None:
            current = tersimpan(jabatan_managed_by(actor), jabatan.pk)
            if current is None:
                raise tidak_berwenang(_jabatan_di_luar())
        if jabatan.unit_kerja_id is not None and not (
            unit_kerja_managed_by(actor).filter(pk=jabatan.unit_kerja_id).exists()
        ):
            raise tidak_berwenang(_unit_di_luar(), "unit_kerja")
        validasi(jabatan)
        if current is not None and not jabatan.is_struktural and current.penugasan.exists():
            raise tolak(
                _(
                    "Jabatan ini memiliki penugasan Plt/Plh, yang hanya untuk jabatan pimpinan: JPT, administrator, "
                    "atau pengawas."
                ),
                "jenis",
            )
        jabatan.save()
    return jabatan


def jabatan_hapus(*, actor, jabatan: Jabatan) -> None:
    """Delete a position of the actor's OPD; one that is held, has SKP or Plt/Plh history is refused."""
    with transaction.atomic(), as_actor(actor, aksi="jabatan_hapus"):
        if not Jabatan.objects.filter(pk=jabatan.pk).exists():
            return
        current = tersimpan(jabatan_managed_by(actor), jabatan.pk)
        if current is None:
            raise tidak_berwenang(_jabatan_di_luar())
        if current.penugasan.exists():
            # Penugasan rows would go with it (CASCADE): the record of who acted in this position, and when.
            raise tolak(_("Jabatan ini memiliki riwayat Plt/Plh. %(saran)s") % {"saran": _saran_nonaktif()})
        hapus(current, _saran_nonaktif())
