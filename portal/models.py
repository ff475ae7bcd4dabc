"""The platform's own records: the access log, background jobs and notifications.

They were created by the pegawai app and keep its tables (``db_table``) and index names: the move to portal
changed the code, not the data (migrations ``pegawai 0005`` and ``portal 0001``). None of them is tracked by
pghistory: the access log is itself an audit record, jobs and notifications are not master data.
"""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import JenisAkses, StatusPekerjaan

__all__ = ["AksesLog", "JenisAkses", "Notifikasi", "Pekerjaan", "StatusPekerjaan"]


class AksesLog(models.Model):
    """Who looked at or took whose personal data, and every export (UU 27/2022 Pasal 31). Append-only."""

    waktu = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("pengguna")
    )
    jenis = models.CharField(_("jenis akses"), max_length=10, choices=JenisAkses.choices)
    # The person whose data it was. The person model belongs to a higher app, named by a setting (like
    # AUTH_USER_MODEL), so the platform does not import it.
    pegawai = models.ForeignKey(
        settings.PORTAL_PERSON_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("data milik"),
    )
    objek = models.CharField(_("objek"), max_length=255)
    path = models.CharField(_("alamat"), max_length=500, blank=True)
    ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    jumlah_baris = models.PositiveIntegerField(_("jumlah baris"), null=True, blank=True)

    class Meta:
        db_table = "pegawai_akseslog"
        ordering = ["-waktu"]
        verbose_name = _("log akses data pribadi")
        verbose_name_plural = _("log akses data pribadi")
        indexes = [
            models.Index(fields=["user", "-waktu"], name="pegawai_aks_user_id_9c7f39_idx"),
            models.Index(fields=["pegawai", "-waktu"], name="pegawai_aks_pegawai_a81a24_idx"),
        ]

    def __str__(self):
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.user} {self.get_jenis_display()} {self.objek}"


def _pekerjaan_upload_to(instance, filename):
    # Random folder: the file name stays readable for the user, the path is not guessable.
    return f"pekerjaan/{timezone.now():%Y/%m}/{secrets.token_hex(16)}/{filename}"


class Pekerjaan(models.Model):
    """A long background job (PDF batch, export, recap) whose progress a page polls and which ends in a file, or in
    a change shown on the page ``tautan`` points to.

    The row, not the broker, is the truth (portal.jobs): a task claims it with a conditional UPDATE (MENUNGGU →
    BERJALAN, one more ``percobaan``), so a redelivered message does not run it twice; ``detak`` is its last sign
    of life, and the sweeper queues again a job whose ``detak`` is older than ``PEKERJAAN_BASI_MENIT``. The file
    of the last successful run stays until a new run replaces it.
    """

    jenis = models.CharField(_("jenis"), max_length=50)
    judul = models.CharField(_("judul"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pekerjaan", verbose_name=_("pemilik")
    )
    parameter = models.JSONField(_("parameter"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StatusPekerjaan.choices, default=StatusPekerjaan.MENUNGGU
    )
    selesai_n = models.PositiveIntegerField(_("sudah"), default=0)
    total_n = models.PositiveIntegerField(_("total"), default=0)
    berkas = models.FileField(_("berkas"), upload_to=_pekerjaan_upload_to, blank=True, max_length=500)
    # A job that changes the system instead of making a file (a recap run, closing a period): the page that shows
    # its result.
    tautan = models.CharField(_("tautan hasil"), max_length=500, blank=True)
    pesan = models.TextField(_("pesan"), blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)
    mulai = models.DateTimeField(_("mulai"), null=True, blank=True)
    selesai = models.DateTimeField(_("selesai"), null=True, blank=True)
    # The Celery task (its name) that runs this job: what the sweeper and "Coba lagi" publish again.
    tugas = models.CharField(_("tugas"), max_length=200, blank=True)
    # Runs started since the job was last requested; the sweeper gives up at PEKERJAAN_MAKS_PERCOBAAN.
    percobaan = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    # Last sign of life: queued, claimed, progress, and a heartbeat during long steps.
    detak = models.DateTimeField(_("tanda hidup terakhir"), default=timezone.now)

    class Meta:
        db_table = "pegawai_pekerjaan"
        ordering = ["-dibuat"]
        verbose_name = _("pekerjaan latar")
        verbose_name_plural = _("pekerjaan latar")
        indexes = [
            models.Index(fields=["user", "-dibuat"], name="pegawai_pek_user_id_dbd813_idx"),
            # The sweeper's question, every minute: which waiting or running jobs have gone quiet.
            models.Index(
                fields=["detak"],
                condition=models.Q(status__in=[StatusPekerjaan.MENUNGGU, StatusPekerjaan.BERJALAN]),
                name="pekerjaan_aktif_detak_idx",
            ),
        ]

    def __str__(self):
        return self.judul

    @property
    def persen(self) -> int:
        if self.status == StatusPekerjaan.SELESAI:
            return 100
        if not self.total_n:
            return 0
        return min(100, int(self.selesai_n * 100 / self.total_n))

    @property
    def aktif(self) -> bool:
        return self.status in (StatusPekerjaan.MENUNGGU, StatusPekerjaan.BERJALAN)

    # The states the pages show differently (templates ask these rather than compare status strings).

    @property
    def menunggu(self) -> bool:
        return self.status == StatusPekerjaan.MENUNGGU

    @property
    def berhasil(self) -> bool:
        return self.status == StatusPekerjaan.SELESAI

    @property
    def gagal(self) -> bool:
        return self.status == StatusPekerjaan.GAGAL

    @property
    def macet(self) -> bool:
        """Waiting or running without a sign of life for longer than ``PEKERJAAN_BASI_MENIT``."""
        batas = timezone.now() - datetime.timedelta(minutes=settings.PEKERJAAN_BASI_MENIT)
        return self.aktif and self.detak < batas

    @property
    def bisa_diulang(self) -> bool:
        """Whether "Coba lagi" applies: failed or stuck, and the row knows its task (older rows do not)."""
        return bool(self.tugas) and (self.gagal or self.macet)


class Notifikasi(models.Model):
    """An in-app notification (reminders, escalations). The unique key (user, jenis, tanggal) makes each reminder
    at most once per (person, kind, day): the sender inserts with ON CONFLICT DO NOTHING, so a re-run beat task
    sends nothing new."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifikasi", verbose_name=_("penerima")
    )
    jenis = models.CharField(_("jenis"), max_length=50)
    tanggal = models.DateField(_("tanggal"), default=timezone.localdate)
    judul = models.CharField(_("judul"), max_length=200)
    pesan = models.TextField(_("pesan"), blank=True)
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    dibaca = models.DateTimeField(_("dibaca"), null=True, blank=True)
    dikirim_surel = models.DateTimeField(_("surel terkirim"), null=True, blank=True)
    dibuat = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        db_table = "pegawai_notifikasi"
        ordering = ["-dibuat"]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        constraints = [
            models.UniqueConstraint(fields=["user", "jenis", "tanggal"], name="notifikasi_sekali_per_hari"),
        ]
        indexes = [models.Index(fields=["user", "dibaca", "-dibuat"], name="pegawai_not_user_id_47905c_idx")]

    def __str__(self):
        return self.judul


class PosisiAudit(models.Model):
    """Where each event of every event table sits in the change history's order: one narrow row per event,
    written by a trigger on the event tables in the event's own transaction (installed with the page function,
    :mod:`portal.audit`). The audit page reads the positions of the whole trail from here — one index instead of
    one per tracked model — and then only the rows it shows from the event tables. The primary key is that order."""

    #: The tracked model's label (``kinerja.Aktivitas``); collation "C" so that the database orders it as Python
    #: compares the label in a page's position.
    model = models.CharField(max_length=100, db_collation="C")
    pgh_created_at = models.DateTimeField()
    pgh_id = models.IntegerField()
    pgh_label = models.CharField(max_length=100)
    #: Who acted: the user id in the event's context (pghistory's ``user``) when the event was written. No foreign
    #: key: the history outlives the account.
    user_id = models.IntegerField(null=True)
    pk = models.CompositePrimaryKey("pgh_created_at", "pgh_id", "model")

    class Meta:
        verbose_name = _("posisi riwayat")
        verbose_name_plural = _("posisi riwayat")
        indexes = [
            # The trail of one actor, and of one kind of change, newest first.
            models.Index(
                fields=["user_id", "pgh_created_at", "pgh_id"],
                name="portal_posisi_aktor",
                condition=models.Q(user_id__isnull=False),
            ),
            models.Index(fields=["pgh_label", "pgh_created_at", "pgh_id"], name="portal_posisi_label"),
        ]
