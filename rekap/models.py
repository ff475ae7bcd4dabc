"""Recaps: what the month, quarter, semester or year looked like, per pegawai and per unit / OPD / city.

The rows are computed (never typed): :mod:`rekap.services.hitung` writes them set-based per OPD with
``INSERT … ON CONFLICT`` keyed by (periode, scope), so a re-run or a redelivered task leaves one correct row. A closed
period is frozen until admin BKPSDM reopens it with a reason (audited). Pages, charts, exports and the public page all
read these tables, never the activities themselves.
"""

import pghistory
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pegawai.models import Pegawai, PerangkatDaerah, UnitKerja
from penilaian.choices import Predikat
from portal.audit import meta_event
from portal.models import Pekerjaan
from skp.choices import StatusRekap
from skp.models import RencanaHasilKerja

from .choices import JenisPeriodeRekap, StatusPeriodeRekap, StatusRekapOpd, TingkatRekap


@pghistory.track(meta=meta_event())
class PeriodeRekap(models.Model):
    """One recap span. Open periods are recomputed (the current month nightly); a closed one is frozen."""

    jenis = models.CharField(_("jenis"), max_length=10, choices=JenisPeriodeRekap.choices)
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    mulai = models.DateField(_("mulai"))
    selesai = models.DateField(_("selesai"))
    status = models.CharField(
        _("status"), max_length=10, choices=StatusPeriodeRekap.choices, default=StatusPeriodeRekap.TERBUKA
    )
    dihitung_pada = models.DateTimeField(_("terakhir dihitung"), null=True, blank=True)
    ditutup_pada = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    alasan_buka_kembali = models.TextField(_("alasan dibuka kembali"), blank=True, max_length=1000)

    class Meta:
        ordering = ["-tahun", "jenis", "-nomor"]
        verbose_name = _("periode rekap")
        verbose_name_plural = _("periode rekap")
        constraints = [
            models.UniqueConstraint(fields=["jenis", "tahun", "nomor"], name="periode_rekap_unik"),
            models.CheckConstraint(condition=Q(selesai__gte=models.F("mulai")), name="periode_rekap_urut"),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.tahun}-{self.nomor}"


class AngkaRekap(models.Model):
    """The counts every recap row carries, per pegawai or summed over a scope."""

    hari_kerja = models.PositiveIntegerField(_("hari kerja"), default=0)
    hari_lapor = models.PositiveIntegerField(_("hari dengan laporan"), default=0)
    hari_tanpa_laporan = models.PositiveIntegerField(_("hari kerja tanpa laporan"), default=0)
    aktivitas_n = models.PositiveIntegerField(_("aktivitas"), default=0)
    aktivitas_disetujui_n = models.PositiveIntegerField(_("aktivitas disetujui"), default=0)
    aktivitas_ditolak_n = models.PositiveIntegerField(_("aktivitas ditolak"), default=0)
    aktivitas_menunggu_n = models.PositiveIntegerField(_("aktivitas menunggu verifikasi"), default=0)
    menit_disetujui = models.PositiveIntegerField(_("menit disetujui"), default=0)
    menit_target = models.PositiveIntegerField(_("menit target"), default=0)
    diverifikasi_n = models.PositiveIntegerField(_("aktivitas diverifikasi"), default=0)
    diverifikasi_tepat_n = models.PositiveIntegerField(_("diverifikasi tepat waktu"), default=0)
    entri_terlambat_n = models.PositiveIntegerField(_("aktivitas dicatat terlambat"), default=0)
    verifikasi_terlambat_n = models.PositiveIntegerField(_("verifikasi bawahan terlambat"), default=0)
    tidak_diverifikasi_n = models.PositiveIntegerField(_("aktivitas bawahan tidak diverifikasi"), default=0)
    masalah_substansi_n = models.PositiveIntegerField(_("permasalahan substansi"), default=0)
    masalah_perilaku_n = models.PositiveIntegerField(_("permasalahan perilaku"), default=0)
    dihitung_pada = models.DateTimeField(_("dihitung pada"), default=timezone.now)

    class Meta:
        abstract = True


#: The counts every recap row carries, in field order (the per-pegawai statement of rekap.services.hitung selects
#: them in this order; the dashboards sum them).
ANGKA = [f.name for f in AngkaRekap._meta.fields if isinstance(f, models.PositiveIntegerField)]


class RekapPegawai(AngkaRekap):
    """One pegawai in one period. ``perangkat_daerah``/``unit_kerja`` are those of the position held on the last
    day of the period the pegawai held one (a mid-period transfer counts where the pegawai ended)."""

    # Every index is paid for by each of the tens of thousands of rows a run writes (five fewer cut the city's recap
    # 2.59 -> 2.42 s), so this table and RekapRhk keep only those a reader needs. Here: the key; the unique
    # (pegawai, periode), the upsert's arbiter, which with the pegawai first also serves a pegawai's own months
    # (their dashboard, a team by pegawai ids, the cascade when a pegawai is deleted); and (periode, OPD, unit) for
    # the tables, the aggregate and the run's delete. The period, OPD and unit references have no index of their
    # own: the OPD and unit ones would serve only Django's PROTECT check when an admin deletes an OPD or a unit, a
    # rare act that may read the table through.
    # The references of this table and RekapRhk, whose rows a run writes by the tens of thousands, are not checked
    # by the database (``db_constraint=False``): its check of each new row locks the pegawai, RHK, OPD, unit and
    # period it names, a WAL record per lock — a fifth of a city's recap. These rows are derived and rewritten by
    # every run, which deletes those it did not rewrite; ``on_delete`` still cascades and protects deletions made
    # through Django (:func:`rekap.tests.test_hitung.test_deleting_what_a_recap_row_names_goes_through_django`).
    periode = models.ForeignKey(
        PeriodeRekap, on_delete=models.CASCADE, related_name="rekap_pegawai", db_index=False, db_constraint=False
    )
    pegawai = models.ForeignKey(
        Pegawai, on_delete=models.CASCADE, related_name="rekap", db_index=False, db_constraint=False
    )
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    unit_kerja = models.ForeignKey(
        UnitKerja, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    skp_status = models.CharField(_("status SKP"), max_length=20, choices=StatusRekap.choices)
    evaluasi_status = models.CharField(_("status evaluasi"), max_length=10, blank=True)
    predikat = models.PositiveSmallIntegerField(_("predikat"), choices=Predikat.choices, null=True, blank=True)

    class Meta:
        ordering = ["periode", "perangkat_daerah", "unit_kerja", "pegawai"]
        verbose_name = _("rekap pegawai")
        verbose_name_plural = _("rekap pegawai")
        constraints = [models.UniqueConstraint(fields=["pegawai", "periode"], name="rekap_pegawai_unik")]
        indexes = [models.Index(fields=["periode", "perangkat_daerah", "unit_kerja"])]


class RekapRhk(models.Model):
    """Realisasi of one RHK in one period against its target, as a percentage (null when not measurable)."""

    # Not checked by the database, and indexed sparingly, as RekapPegawai's: the key; the unique (rhk, periode), the
    # upsert's arbiter, which with the RHK first also serves the cascade when an RHK is deleted while its SKP is
    # drafted; pegawai for the pegawai's dashboard; (periode, OPD) for the run's delete.
    periode = models.ForeignKey(
        PeriodeRekap, on_delete=models.CASCADE, related_name="rekap_rhk", db_index=False, db_constraint=False
    )
    pegawai = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    rhk = models.ForeignKey(
        RencanaHasilKerja, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    aktivitas_n = models.PositiveIntegerField(_("aktivitas"), default=0)
    menit_disetujui = models.PositiveIntegerField(_("menit disetujui"), default=0)
    persen_realisasi = models.DecimalField(_("realisasi (%)"), max_digits=9, decimal_places=2, null=True, blank=True)
    dihitung_pada = models.DateTimeField(_("dihitung pada"), default=timezone.now)

    class Meta:
        ordering = ["periode", "pegawai", "rhk"]
        verbose_name = _("rekap RHK")
        verbose_name_plural = _("rekap RHK")
        constraints = [models.UniqueConstraint(fields=["rhk", "periode"], name="rekap_rhk_unik")]
        indexes = [models.Index(fields=["periode", "perangkat_daerah"])]


class RekapUnit(AngkaRekap):
    """A scope in one period: a unit kerja, an OPD or the city (``kunci`` = "unit:<pk>", "opd:<pk>", "kota")."""

    periode = models.ForeignKey(PeriodeRekap, on_delete=models.CASCADE, related_name="rekap_unit", db_index=False)
    tingkat = models.CharField(_("tingkat"), max_length=5, choices=TingkatRekap.choices)
    kunci = models.CharField(_("kunci"), max_length=30)
    perangkat_daerah = models.ForeignKey(
        PerangkatDaerah, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit_kerja = models.ForeignKey(UnitKerja, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    pegawai_n = models.PositiveIntegerField(_("pegawai"), default=0)
    pegawai_lapor_n = models.PositiveIntegerField(_("pegawai yang melapor"), default=0)
    skp_disetujui_n = models.PositiveIntegerField(_("SKP disetujui"), default=0)
    evaluasi_final_n = models.PositiveIntegerField(_("evaluasi final"), default=0)
    predikat_1_n = models.PositiveIntegerField(_("Sangat Baik"), default=0)
    predikat_2_n = models.PositiveIntegerField(_("Baik"), default=0)
    predikat_3_n = models.PositiveIntegerField(_("Butuh Perbaikan"), default=0)
    predikat_4_n = models.PositiveIntegerField(_("Kurang"), default=0)
    predikat_5_n = models.PositiveIntegerField(_("Sangat Kurang"), default=0)

    class Meta:
        ordering = ["periode", "tingkat", "kunci"]
        verbose_name = _("rekap unit")
        verbose_name_plural = _("rekap unit")
        constraints = [
            models.UniqueConstraint(fields=["periode", "kunci"], name="rekap_unit_unik"),
            models.CheckConstraint(
                condition=Q(tingkat=TingkatRekap.KOTA, perangkat_daerah__isnull=True, unit_kerja__isnull=True)
                | Q(tingkat=TingkatRekap.OPD, perangkat_daerah__isnull=False, unit_kerja__isnull=True)
                | Q(tingkat=TingkatRekap.UNIT, perangkat_daerah__isnull=False, unit_kerja__isnull=False),
                name="rekap_unit_tingkat",
            ),
        ]
        indexes = [models.Index(fields=["tingkat", "perangkat_daerah", "periode"])]


class RekapOpd(models.Model):
    """One OPD's part of the latest computation of a period: the progress per OPD on the period page, and how the
    last OPD task knows the aggregate is due (every row of its ``putaran`` done). ``putaran`` names the run (a job
    or a nightly run); ``pekerjaan`` is the job whose bar it moves, when an admin started it."""

    periode = models.ForeignKey(PeriodeRekap, on_delete=models.CASCADE, related_name="opd", db_index=False)
    perangkat_daerah = models.ForeignKey(PerangkatDaerah, on_delete=models.CASCADE, related_name="+")
    putaran = models.CharField(_("putaran"), max_length=40)
    pekerjaan = models.ForeignKey(Pekerjaan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=StatusRekapOpd.choices, default=StatusRekapOpd.MENUNGGU
    )
    pegawai_n = models.PositiveIntegerField(_("pegawai dihitung"), default=0)
    pesan = models.TextField(_("pesan"), blank=True)
    diperbarui = models.DateTimeField(_("diperbarui"), default=timezone.now)

    class Meta:
        ordering = ["periode", "perangkat_daerah"]
        verbose_name = _("progres rekap OPD")
        verbose_name_plural = _("progres rekap OPD")
        constraints = [models.UniqueConstraint(fields=["periode", "perangkat_daerah"], name="rekap_opd_unik")]
        indexes = [models.Index(fields=["putaran", "status"])]
