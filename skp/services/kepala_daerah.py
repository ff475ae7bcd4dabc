"""The top JPT (the Sekretaris Daerah): the kepala daerah is its pejabat penilai but not a user of the portal, so
admin BKPSDM records the kepala daerah's decisions on their behalf ("a.n."). Whether an SKP is such an SKP is
:func:`skp.selectors.identitas.dinilai_kepala_daerah`; it and the admin's role are checked again on the locked
row."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.akses import pegawai_of, peran_of
from pegawai.models import Pegawai
from portal.audit import as_actor
from portal.locking import refresh_from_locked

from ..choices import AksiSkp
from ..errors import SkpError, SkpTidakBerwenang
from ..models import EkspektasiKhusus, PerilakuKerja, Skp
from ..selectors.identitas import dinilai_kepala_daerah, identitas, identitas_kepala_daerah
from .base import cek_transisi, lock_skp, rapikan, ubah_status
from .isi import cek_ekspektasi, tulis_ekspektasi
from .kelengkapan import tolak_bila_belum_lengkap
from .skp import catatan_kembali_wajib, gantikan_versi_sebelumnya


def nama_atas_nama(user) -> tuple[Pegawai | None, str]:
    """The pegawai behind an admin login (if any) and the name the history shows: "<admin> (Admin BKPSDM) a.n.
    <jabatan kepala daerah>"."""
    pegawai = pegawai_of(user)
    nama = pegawai.nama_lengkap if pegawai is not None else (user.get_full_name() or user.get_username())
    return pegawai, _("%(nama)s (Admin BKPSDM) a.n. %(jabatan)s") % {
        "nama": nama,
        "jabatan": settings.KEPALA_DAERAH_JABATAN,
    }


def _pastikan_admin_kepala_daerah(user, skp: Skp) -> None:
    if not peran_of(user).admin_bkpsdm:
        raise SkpTidakBerwenang(_("Hanya Admin BKPSDM yang dapat memproses SKP atas nama Kepala Daerah."))
    if not dinilai_kepala_daerah(skp):
        raise SkpError(_("SKP ini dinilai oleh atasan langsung pegawai, bukan oleh Kepala Daerah."))
    pegawai = pegawai_of(user)
    if pegawai is not None and pegawai.pk == skp.pegawai_id:
        raise SkpTidakBerwenang(_("SKP milik sendiri tidak dapat disetujui atau dikembalikan sendiri."))


def _konteks_admin(user, pegawai: Pegawai | None):
    return as_actor(user.pk, pegawai=pegawai.pk if pegawai else None)


def skp_setujui_kepala_daerah(*, user, skp: Skp) -> Skp:
    """Approve a submitted SKP of the top JPT on behalf of the kepala daerah.

    ``user`` must be admin BKPSDM. The history records the admin as the one who acted "a.n." the kepala daerah;
    the frozen penilai block is the kepala daerah from settings
    (:func:`~skp.selectors.identitas.identitas_kepala_daerah`); ``pejabat_penilai`` and the atasan pejabat
    penilai stay empty."""
    cek_transisi(AksiSkp.DISETUJUI, skp)
    _pastikan_admin_kepala_daerah(user, skp)
    pegawai, actor_nama = nama_atas_nama(user)
    asli = skp
    with transaction.atomic(), _konteks_admin(user, pegawai):
        skp = lock_skp(skp.pk)
        cek_transisi(AksiSkp.DISETUJUI, skp)
        _pastikan_admin_kepala_daerah(user, skp)
        tolak_bila_belum_lengkap(skp, _("SKP belum dapat disetujui."))
        now = timezone.now()
        ubah_status(
            skp,
            AksiSkp.DISETUJUI,
            pegawai,
            actor_nama=actor_nama,
            disetujui_pada=now,
            pejabat_penilai=None,
            atasan_pejabat_penilai=None,
            identitas_pegawai=identitas(skp.pegawai, skp.jabatan),
            identitas_penilai=identitas_kepala_daerah(),
            identitas_atasan_penilai=None,
        )
        gantikan_versi_sebelumnya(skp, now, pegawai, actor_nama)
    return refresh_from_locked(asli, skp)


def skp_kembalikan_kepala_daerah(*, user, skp: Skp, catatan: str) -> Skp:
    """Return a submitted SKP of the top JPT with the kepala daerah's ``catatan`` (required), recorded by admin
    BKPSDM on their behalf."""
    cek_transisi(AksiSkp.DIKEMBALIKAN, skp)
    _pastikan_admin_kepala_daerah(user, skp)
    catatan = catatan_kembali_wajib(catatan)
    pegawai, actor_nama = nama_atas_nama(user)
    asli = skp
    with transaction.atomic(), _konteks_admin(user, pegawai):
        skp = lock_skp(skp.pk)
        cek_transisi(AksiSkp.DIKEMBALIKAN, skp)
        _pastikan_admin_kepala_daerah(user, skp)
        ubah_status(skp, AksiSkp.DIKEMBALIKAN, pegawai, catatan, actor_nama=actor_nama)
    return refresh_from_locked(asli, skp)


def ekspektasi_set_kepala_daerah(*, user, skp: Skp, perilaku: PerilakuKerja, teks: str) -> EkspektasiKhusus | None:
    """:func:`skp.services.isi.ekspektasi_set` for the top JPT, written by admin BKPSDM on the kepala daerah's
    behalf."""
    cek_ekspektasi(skp)
    _pastikan_admin_kepala_daerah(user, skp)
    pegawai = pegawai_of(user)
    teks = rapikan(teks)
    with transaction.atomic(), _konteks_admin(user, pegawai):
        skp = lock_skp(skp.pk)
        _pastikan_admin_kepala_daerah(user, skp)
        return tulis_ekspektasi(skp, perilaku, teks)
