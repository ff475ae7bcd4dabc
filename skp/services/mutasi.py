"""What a mutasi does to the SKP (docs/ATURAN.md): one SKP per position held, so the SKP of the old position ends on
the day before the new TMT jabatan, and the pegawai is asked for an SKP of the new position from that TMT.

Connected to :data:`pegawai.services.mutasi.mutasi_dicatat` in :meth:`skp.apps.SkpConfig.ready`; it runs inside
the mutasi's transaction, so a refusal here keeps nothing of the mutasi.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pegawai.models import Pegawai, RiwayatJabatan
from portal.notifikasi import NotifikasiBaru, notifikasi_kirim

from ..choices import AksiSkp, SkpStatus
from ..errors import SkpError
from ..models import Skp
from .base import catat

#: The notification kind of "your position changed: make the SKP of the new one".
NOTIFIKASI_SKP_JABATAN_BARU = "skp_jabatan_baru"


def _nama_aktor(actor) -> str:
    pegawai = getattr(actor, "pegawai", None) if actor is not None else None
    if isinstance(pegawai, Pegawai):
        return pegawai.nama_lengkap
    return getattr(actor, "username", "") or _("sistem")


def tutup_skp_karena_mutasi(
    sender, *, pegawai: Pegawai, lama: RiwayatJabatan | None, baru: RiwayatJabatan, actor=None, **kwargs
) -> None:
    """End the SKP of the old position on the day before ``baru.tmt``; drop a draft that would only start after
    it; refuse when a submitted or approved SKP of the old position starts after it (the atasan returns it first,
    or, approved, it stays as the record it is and the mutasi's TMT must be checked)."""
    if lama is None:
        return
    akhir = baru.tmt - datetime.timedelta(days=1)
    nama = _nama_aktor(actor)
    terdampak = Skp.objects.select_for_update().filter(
        pegawai=pegawai, jabatan_id=lama.jabatan_id, tanggal_selesai__gt=akhir
    )
    for skp in terdampak.order_by("tanggal_mulai", "versi"):
        if skp.tanggal_mulai <= akhir:
            catatan = _("Periode diakhiri %(akhir)s karena mutasi ke jabatan %(jabatan)s (TMT %(tmt)s).") % {
                "akhir": date_format(akhir, "j F Y"),
                "jabatan": baru.jabatan.nama,
                "tmt": date_format(baru.tmt, "j F Y"),
            }
            skp.tanggal_selesai = akhir
            skp.save(update_fields=["tanggal_selesai"])
            catat(skp, AksiSkp.DITUTUP_MUTASI, skp.status, skp.status, None, catatan, actor_nama=nama)
        elif skp.status in (SkpStatus.DRAFT, SkpStatus.DIKEMBALIKAN) and not hasattr(skp, "versi_berikutnya"):
            skp.delete()
        else:
            raise SkpError(
                _(
                    "SKP tahun %(tahun)s untuk jabatan %(jabatan)s dimulai %(mulai)s, setelah TMT mutasi, dan sudah "
                    "%(status)s. Periksa TMT mutasi, atau minta atasan mengembalikan SKP tersebut lebih dulu."
                )
                % {
                    "tahun": skp.tahun,
                    "jabatan": lama.jabatan.nama,
                    "mulai": date_format(skp.tanggal_mulai, "j F Y"),
                    "status": skp.get_status_display().lower(),
                }
            )
    if pegawai.user_id:
        pemberitahuan = NotifikasiBaru(
            user_id=pegawai.user_id,
            tanggal=baru.tmt,
            judul=_("Jabatan baru: buat SKP %(jabatan)s") % {"jabatan": baru.jabatan.nama},
            pesan=_(
                "Mutasi Anda ke jabatan %(jabatan)s berlaku sejak %(tmt)s. SKP jabatan lama berakhir %(akhir)s; "
                "buat SKP untuk jabatan baru mulai TMT tersebut."
            )
            % {
                "jabatan": baru.jabatan.nama,
                "tmt": date_format(baru.tmt, "j F Y"),
                "akhir": date_format(akhir, "j F Y"),
            },
            url=f"{reverse('skp:index')}?tahun={baru.tmt.year}",
        )
        # After the commit: an e-mail must not go out for a mutasi that was rolled back.
        transaction.on_commit(lambda: notifikasi_kirim(jenis=NOTIFIKASI_SKP_JABATAN_BARU, daftar=[pemberitahuan]))
