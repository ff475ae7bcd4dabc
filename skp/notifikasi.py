"""Notifications of the SKP's decisions (issue 9 item 10): a submitted SKP tells its pejabat penilai, an approved or
returned one tells the pegawai — in-app, and by e-mail when an address is recorded
(:func:`portal.notifikasi.notifikasi_kirim`).

Each step of the workflow is one :class:`~skp.models.SkpRiwayat` row, and that row's id is part of the
notification's kind, so the once-per-(login, kind, day) key of :class:`portal.models.Notifikasi` means "once per
decision": a second decision on the same SKP the same day (returned, repaired, submitted again) is a new
notification, a re-run of the same one inserts nothing.

The services call :func:`kabari` inside their transaction; the notification is written after the commit only, so
a decision that was rolled back never reaches anyone's inbox.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.atasan import penilai_pada
from pegawai.choices import JenisPeran
from pegawai.models import Peran
from portal.notifikasi import NotifikasiBaru, notifikasi_kirim

from .choices import AksiSkp
from .models import Skp, SkpRiwayat
from .selectors.identitas import dinilai_kepala_daerah
from .selectors.skp import tanggal_acuan_skp

#: The kinds this module writes; each notification's kind is ``<kind>:<history row id>``.
JENIS_SKP_DIAJUKAN = "skp_diajukan"
JENIS_SKP_DISETUJUI = "skp_disetujui"
JENIS_SKP_DIKEMBALIKAN = "skp_dikembalikan"

_JENIS = {
    AksiSkp.DIAJUKAN: JENIS_SKP_DIAJUKAN,
    AksiSkp.DISETUJUI: JENIS_SKP_DISETUJUI,
    AksiSkp.DIKEMBALIKAN: JENIS_SKP_DIKEMBALIKAN,
}


def _penerima_pengajuan(skp: Skp) -> tuple[list[int], str]:
    """The logins that decide a submitted SKP and the page they decide it on: the pejabat penilai of the SKP's
    position on the day that counts, or — for the top JPT, rated by the kepala daerah — every admin BKPSDM, who
    records the decision on the kepala daerah's behalf."""
    if dinilai_kepala_daerah(skp):
        users = list(Peran.objects.filter(jenis=JenisPeran.ADMIN_BKPSDM).values_list("user_id", flat=True).distinct())
        return users, reverse("skp:tinjau", args=[skp.pk])
    penilai = penilai_pada(skp.pegawai, tanggal_acuan_skp(skp), jabatan_id=skp.jabatan_id)
    if penilai is None or not penilai.pegawai.user_id:
        return [], ""
    return [penilai.pegawai.user_id], reverse("skp:tinjau", args=[skp.pk])


def pemberitahuan(skp: Skp, riwayat: SkpRiwayat) -> list[NotifikasiBaru]:
    """What the step ``riwayat`` of ``skp`` tells whom (nothing for a step that decides nothing)."""
    if riwayat.aksi not in _JENIS:
        return []
    hari_ini = timezone.localdate()
    nama = skp.pegawai.nama_lengkap
    jabatan = skp.jabatan.nama
    if riwayat.aksi == AksiSkp.DIAJUKAN:
        users, url = _penerima_pengajuan(skp)
        judul = _("SKP %(tahun)s %(nama)s menunggu persetujuan Anda") % {"tahun": skp.tahun, "nama": nama}
        pesan = _(
            "%(nama)s mengajukan SKP tahun %(tahun)s untuk jabatan %(jabatan)s. Periksa lalu setujui, atau kembalikan "
            "dengan catatan."
        ) % {"nama": nama, "tahun": skp.tahun, "jabatan": jabatan}
    else:
        users = [skp.pegawai.user_id] if skp.pegawai.user_id else []
        url = reverse("skp:detail", args=[skp.pk])
        oleh = riwayat.actor_nama or _("pejabat penilai")
        if riwayat.aksi == AksiSkp.DISETUJUI:
            judul = _("SKP %(tahun)s Anda disetujui") % {"tahun": skp.tahun}
            pesan = _("%(oleh)s menyetujui SKP tahun %(tahun)s Anda untuk jabatan %(jabatan)s.") % {
                "oleh": oleh,
                "tahun": skp.tahun,
                "jabatan": jabatan,
            }
        else:
            judul = _("SKP %(tahun)s Anda dikembalikan untuk diperbaiki") % {"tahun": skp.tahun}
            pesan = _(
                "%(oleh)s mengembalikan SKP tahun %(tahun)s Anda untuk jabatan %(jabatan)s dengan catatan: %(catatan)s"
            ) % {"oleh": oleh, "tahun": skp.tahun, "jabatan": jabatan, "catatan": riwayat.catatan}
    return [NotifikasiBaru(user_id=u, tanggal=hari_ini, judul=judul, pesan=pesan, url=url) for u in users]


def kabari(skp: Skp, riwayat: SkpRiwayat) -> None:
    """Inside the service's transaction: deliver :func:`pemberitahuan` once it commits."""
    daftar = pemberitahuan(skp, riwayat)
    if not daftar:
        return
    jenis = f"{_JENIS[riwayat.aksi]}:{riwayat.pk}"
    transaction.on_commit(lambda: notifikasi_kirim(jenis=jenis, daftar=daftar))
