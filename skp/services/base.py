"""What every SKP service does around its write: lock the SKP row, check the owner or the pejabat penilai on the
locked row, move the status and record the step in the SKP history, and attribute the audit events to the actor.

Helpers for the modules of ``skp.services`` only; callers outside use the services themselves."""

from __future__ import annotations

from django.db.models import Subquery
from django.utils.translation import gettext as _

from pegawai.models import Pegawai
from portal.locking import lock_row

from .. import rules
from ..choices import AksiSkp, SkpStatus
from ..errors import SkpError, SkpTidakBerwenang
from ..models import Skp, SkpRiwayat
from ..notifikasi import kabari
from ..selectors.skp import penilai_skp


def galat(errors: dict[str, str]) -> SkpError:
    """One refusal for several field messages: each one beside its field, all of them listed."""
    return SkpError(" ".join(errors.values()), errors=errors, daftar=list(errors.values()))


def lock_skp(pk) -> Skp:
    """The SKP ``pk`` read again with ``SELECT ... FOR UPDATE`` (only its row is locked). ``pk`` may be a subquery
    (:func:`skp_dari`): which SKP an item belongs to then comes from the database, not from the caller's
    instance."""
    return lock_row(Skp, pk, select_related=("pegawai", "jabatan"))


def skp_dari(model, pk: int, path: str = "skp_id") -> Subquery:
    """The id of the SKP owning the ``model`` row ``pk`` (an RHK, an IKI through ``rhk__skp_id``, a lampiran
    line), as a subquery for :func:`lock_skp`."""
    return Subquery(model.objects.filter(pk=pk).values(path)[:1])


def catat(
    skp: Skp, aksi: str, dari: str, ke: str, actor: Pegawai | None, catatan: str = "", actor_nama: str | None = None
) -> SkpRiwayat:
    if actor_nama is None:
        actor_nama = actor.nama_lengkap if actor is not None else ""
    return SkpRiwayat.objects.create(
        skp=skp,
        aksi=aksi,
        dari_status=dari,
        ke_status=ke,
        actor=actor,
        actor_nama=actor_nama,
        catatan=catatan,
    )


def rapikan(teks: str | None) -> str:
    return (teks or "").strip()


def pastikan_pemilik(actor: Pegawai, skp: Skp) -> None:
    if actor is None or actor.pk != skp.pegawai_id:
        raise SkpTidakBerwenang(_("Hanya pegawai pemilik SKP yang dapat melakukan ini."))


def pastikan_penilai(actor: Pegawai, skp: Skp) -> None:
    """The pejabat penilai kinerja of the SKP's position on the day that counts (today within the SKP's period,
    read from ``skp``): the atasan of that position (:func:`pegawai.atasan.penilai_pada` — for the SKP of a
    position held as Plt, that position's atasan), or whoever acts in the penilai's position that day."""
    if not penilai_skp(actor, skp):
        raise SkpTidakBerwenang(_("Anda bukan pejabat penilai kinerja untuk SKP ini."))


def cek_transisi(aksi: str, skp: Skp) -> None:
    pesan = rules.cek_transisi(aksi, skp.status)
    if pesan:
        raise SkpError(pesan)


def ubah_status(
    skp: Skp, aksi: str, actor: Pegawai | None, catatan: str = "", *, actor_nama: str | None = None, **fields
) -> Skp:
    dari = skp.status
    skp.status = rules.status_sesudah(aksi)
    for name, value in fields.items():
        setattr(skp, name, value)
    skp.save(update_fields=["status", *fields])
    riwayat = catat(skp, aksi, dari, skp.status, actor, catatan, actor_nama=actor_nama)
    # Submitting, approving and returning tell the person who acts next (after the commit): skp/notifikasi.py.
    kabari(skp, riwayat)
    return skp


def cek_pemilik_dan_status(actor: Pegawai, skp: Skp) -> None:
    pastikan_pemilik(actor, skp)
    pesan = rules.cek_dapat_diubah(skp.status)
    if pesan:
        raise SkpError(pesan)


def mulai_edit(actor: Pegawai, skp_pk) -> Skp:
    """Inside a transaction: lock the SKP (:func:`lock_skp`), check owner and state again on the locked row, and
    move a returned SKP back to draft (the pegawai's first edit after a return is the repair)."""
    locked = lock_skp(skp_pk)
    cek_pemilik_dan_status(actor, locked)
    if locked.status == SkpStatus.DIKEMBALIKAN:
        ubah_status(locked, AksiSkp.DIPERBAIKI, actor, _("Diperbaiki dengan mengubah isi SKP."))
    return locked
