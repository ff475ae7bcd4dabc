"""Discipline (PP 94/2021; docs/ATURAN.md "Disiplin"): the reporting-discipline facts the system computes, the
attendance imported from the machines, the hukuman disiplin records, and the Satyalancana Karya Satya awarded.
Every write goes through ``disiplin.services``.

The computed facts and the attendance rows are written set-based in bulk (hundreds of thousands of rows a month):
they carry no row-level audit trigger; what changes them is audited instead — the month's closing and reopening
(:class:`BulanDisiplin`) and each import (:class:`ImporPresensi`). Hukuman and awards are audited row by row."""

from __future__ import annotations

import uuid

import pghistory
import pgtrigger
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.models import bukti_storage
from pegawai.models import Pegawai, PerangkatDaerah
from portal.audit import meta_event, tracked

from .choices import (
    KETERANGAN_SAH,
    JenisFakta,
    JenisHukuman,
    Keterangan,
    StatusBulan,
    StatusHukuman,
    SumberKehadiran,
    TingkatHukuman,
    TingkatSatyalancana,
)


class FaktaDisiplin(models.Model):
    """One reporting-discipline fact: a pegawai's working day without any activity, activities entered late that
    day, or (as atasan) activities of that day verified late or left unverified at the lock. ``jumlah`` counts the
    activities for the last three kinds (1 for a day without a report). ``perangkat_daerah`` is the pegawai's OPD
    on that day, so an OPD's facts are read and rewritten by OPD."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="fakta_disiplin")
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, on_delete=models.PROTECT, related_name="+")
    tanggal = models.DateField(_("tanggal"))
    jenis = models.CharField(_("jenis"), max_length=24, choices=JenisFakta.choices)
    jumlah = models.PositiveIntegerField(_("jumlah"), default=1)
    dihitung_pada = models.DateTimeField(_("dihitung pada"), default=timezone.now)

    class Meta:
        ordering = ["tanggal", "pegawai_id", "jenis"]
        verbose_name = _("fakta disiplin pelaporan")
        verbose_name_plural = _("fakta disiplin pelaporan")
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tanggal", "jenis"], name="fakta_disiplin_unik"),
        ]
        indexes = [models.Index(fields=["perangkat_daerah", "tanggal"]), models.Index(fields=["tanggal"])]


@tracked()
class BulanDisiplin(models.Model):
    """The state of one month's reporting-discipline facts: once closed (after kinerja's verification lock) the job
    never rewrites them; admin BKPSDM may reopen with a reason, and the next run recomputes and closes again."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    bulan = models.PositiveSmallIntegerField(_("bulan"))
    status = models.CharField(_("status"), max_length=10, choices=StatusBulan.choices, default=StatusBulan.TERBUKA)
    dihitung_pada = models.DateTimeField(_("terakhir dihitung"), null=True, blank=True)
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    alasan_buka_kembali = models.TextField(_("alasan dibuka kembali"), blank=True, max_length=1000)

    class Meta:
        ordering = ["-tahun", "-bulan"]
        verbose_name = _("bulan disiplin pelaporan")
        verbose_name_plural = _("bulan disiplin pelaporan")
        constraints = [
            models.UniqueConstraint(fields=["tahun", "bulan"], name="bulan_disiplin_unik"),
            models.CheckConstraint(condition=Q(bulan__gte=1, bulan__lte=12), name="bulan_disiplin_1_12"),
        ]


@pghistory.track(
    # Only the days an admin enters by hand are audited row by row (they excuse reporting-discipline facts); the
    # hundreds of thousands of imported rows are audited per file (ImporPresensi) and would double the import's cost.
    pghistory.InsertEvent(condition=pgtrigger.Q(new__sumber=SumberKehadiran.ADMIN)),
    pghistory.UpdateEvent(
        condition=pgtrigger.Q(old__sumber=SumberKehadiran.ADMIN) | pgtrigger.Q(new__sumber=SumberKehadiran.ADMIN)
    ),
    pghistory.DeleteEvent(condition=pgtrigger.Q(old__sumber=SumberKehadiran.ADMIN)),
    meta=meta_event(),
)
class Kehadiran(models.Model):
    """One pegawai's attendance on one day: from the attendance machines' export, or entered by admin OPD (a leave
    or duty day). Cuti, sakit and dinas luar excuse the day (:data:`disiplin.choices.KETERANGAN_SAH`)."""

    # No index of its own: the unique (pegawai, tanggal) constraint serves every lookup by pegawai, and each
    # index is one more write per imported row.
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="kehadiran", db_index=False)
    tanggal = models.DateField(_("tanggal"))
    jam_masuk = models.TimeField(_("jam masuk"), null=True, blank=True)
    jam_pulang = models.TimeField(_("jam pulang"), null=True, blank=True)
    keterangan = models.CharField(_("keterangan"), max_length=20, choices=Keterangan.choices)
    sumber = models.CharField(_("sumber"), max_length=10, choices=SumberKehadiran.choices)
    impor = models.ForeignKey(
        "ImporPresensi", null=True, blank=True, on_delete=models.SET_NULL, related_name="kehadiran"
    )
    dicatat_oleh = models.ForeignKey(
        "pegawai.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    dicatat_pada = models.DateTimeField(_("dicatat pada"), default=timezone.now)

    class Meta:
        ordering = ["tanggal", "pegawai_id"]
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(fields=["pegawai", "tanggal"], name="kehadiran_unik_per_hari"),
            models.CheckConstraint(
                condition=Q(jam_masuk__isnull=True)
                | Q(jam_pulang__isnull=True)
                | Q(jam_pulang__gte=models.F("jam_masuk")),
                name="kehadiran_pulang_setelah_masuk",
            ),
        ]
        indexes = [
            models.Index(fields=["tanggal"]),
            # The excused days alone (a few in a hundred rows, so hardly a write more per import): a recap reads a
            # large OPD's month of them without reading its whole month of attendance.
            models.Index(
                fields=["pegawai", "tanggal"], condition=Q(keterangan__in=KETERANGAN_SAH), name="kehadiran_sah"
            ),
        ]


@tracked()
class ImporPresensi(models.Model):
    """One attendance file imported: who, when, which file, how many rows written and changed."""

    nama_berkas = models.CharField(_("nama berkas"), max_length=255)
    jumlah_baris = models.PositiveIntegerField(_("jumlah baris"), default=0)
    jumlah_berubah = models.PositiveIntegerField(_("baris baru atau berubah"), default=0)
    tanggal_awal = models.DateField(_("tanggal awal"), null=True, blank=True)
    tanggal_akhir = models.DateField(_("tanggal akhir"), null=True, blank=True)
    diimpor_oleh = models.ForeignKey("pegawai.User", null=True, on_delete=models.SET_NULL, related_name="+")
    diimpor_pada = models.DateTimeField(_("diimpor pada"), default=timezone.now)

    class Meta:
        ordering = ["-diimpor_pada"]
        verbose_name = _("impor presensi")
        verbose_name_plural = _("impor presensi")


def sk_upload_to(instance: HukumanDisiplin, filename: str) -> str:
    # A random path that says nothing about the pegawai (as evidence files).
    kode = uuid.uuid4().hex
    return f"hukuman/{kode[:2]}/{kode}"


@tracked()
class HukumanDisiplin(models.Model):
    """A hukuman disiplin (PP 94/2021) decided by an authorised official and recorded by admin BKPSDM (or the admin
    OPD of the pegawai's OPD when the setting allows). Never deleted: a cancellation is a state with a reason."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="hukuman_disiplin")
    jenis = models.CharField(_("jenis hukuman"), max_length=24, choices=JenisHukuman.choices)
    tingkat = models.CharField(_("tingkat"), max_length=1, choices=TingkatHukuman.choices)
    nomor_sk = models.CharField(_("nomor SK"), max_length=100)
    tanggal_sk = models.DateField(_("tanggal SK"))
    tmt = models.DateField(_("TMT hukuman"))
    lama_bulan = models.PositiveSmallIntegerField(_("lama (bulan)"), null=True, blank=True)
    tanggal_selesai = models.DateField(_("berakhir"), null=True, blank=True)
    keterangan = models.TextField(_("keterangan"), blank=True, max_length=2000)
    berkas = models.FileField(_("berkas SK"), upload_to=sk_upload_to, storage=bukti_storage, max_length=255, blank=True)
    nama_berkas = models.CharField(_("nama berkas"), max_length=255, blank=True)
    tipe_berkas = models.CharField(_("jenis berkas"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=StatusHukuman.choices, default=StatusHukuman.BERLAKU)
    alasan_batal = models.TextField(_("alasan pembatalan"), blank=True, max_length=2000)
    dibatalkan_pada = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    dicatat_oleh = models.ForeignKey("pegawai.User", null=True, on_delete=models.SET_NULL, related_name="+")
    dicatat_pada = models.DateTimeField(_("dicatat pada"), default=timezone.now)

    class Meta:
        ordering = ["-tmt", "-pk"]
        verbose_name = _("hukuman disiplin")
        verbose_name_plural = _("hukuman disiplin")
        indexes = [models.Index(fields=["pegawai", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=models.F("tmt")),
                name="hukuman_selesai_setelah_tmt",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} — {self.pegawai}"


@tracked()
class PenghargaanSatyalancana(models.Model):
    """A Satyalancana Karya Satya awarded (Keputusan Presiden), so the same level is never proposed again."""

    pegawai = models.ForeignKey(Pegawai, on_delete=models.PROTECT, related_name="satyalancana")
    tingkat = models.CharField(_("tingkat"), max_length=3, choices=TingkatSatyalancana.choices)
    nomor_keppres = models.CharField(_("nomor Keppres"), max_length=100, blank=True)
    tanggal_keppres = models.DateField(_("tanggal Keppres"), null=True, blank=True)
    dicatat_oleh = models.ForeignKey("pegawai.User", null=True, on_delete=models.SET_NULL, related_name="+")
    dicatat_pada = models.DateTimeField(_("dicatat pada"), default=timezone.now)

    class Meta:
        ordering = ["pegawai", "tingkat"]
        verbose_name = _("Satyalancana Karya Satya")
        verbose_name_plural = _("Satyalancana Karya Satya")
        constraints = [models.UniqueConstraint(fields=["pegawai", "tingkat"], name="satyalancana_unik")]
