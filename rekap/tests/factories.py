"""factory_boy factories for recap rows. They write rows directly, as the recap computation would leave them, for
tests of the pages, exports and dashboards that read the recap tables (the computation itself is tested through
``rekap.services.hitung``)."""

from __future__ import annotations

import calendar
import datetime

import factory

from skp.choices import StatusRekap

from ..choices import JenisPeriodeRekap, StatusPeriodeRekap, TingkatRekap
from ..models import PeriodeRekap, RekapPegawai, RekapRhk, RekapUnit

#: Months covered by one period of each kind.
_BULAN_PER_JENIS = {
    JenisPeriodeRekap.BULAN: 1,
    JenisPeriodeRekap.TRIWULAN: 3,
    JenisPeriodeRekap.SEMESTER: 6,
    JenisPeriodeRekap.TAHUN: 12,
}


def rentang_periode(jenis: str, tahun: int, nomor: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of period ``nomor`` of its kind in ``tahun`` (month 1–12, quarter 1–4, ...)."""
    n = _BULAN_PER_JENIS[JenisPeriodeRekap(jenis)]
    bulan_awal = (nomor - 1) * n + 1
    bulan_akhir = bulan_awal + n - 1
    return (
        datetime.date(tahun, bulan_awal, 1),
        datetime.date(tahun, bulan_akhir, calendar.monthrange(tahun, bulan_akhir)[1]),
    )


class PeriodeRekapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeriodeRekap
        django_get_or_create = ("jenis", "tahun", "nomor")

    jenis = JenisPeriodeRekap.BULAN
    tahun = 2026
    nomor = 1
    mulai = factory.LazyAttribute(lambda o: rentang_periode(o.jenis, o.tahun, o.nomor)[0])
    selesai = factory.LazyAttribute(lambda o: rentang_periode(o.jenis, o.tahun, o.nomor)[1])
    status = StatusPeriodeRekap.TERBUKA
    dihitung_pada = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))


class RekapPegawaiFactory(factory.django.DjangoModelFactory):
    """A pegawai's month: 20 working days, 18 with reports, 40 activities (36 approved), 6,600 of 7,200 minutes."""

    class Meta:
        model = RekapPegawai

    periode = factory.SubFactory(PeriodeRekapFactory)
    pegawai = factory.SubFactory("pegawai.tests.factories.PegawaiFactory")
    perangkat_daerah = factory.LazyAttribute(lambda o: o.pegawai.jabatan.unit_kerja.perangkat_daerah)
    unit_kerja = factory.LazyAttribute(lambda o: o.pegawai.jabatan.unit_kerja)
    skp_status = StatusRekap.DISETUJUI
    hari_kerja = 20
    hari_lapor = 18
    hari_tanpa_laporan = 2
    aktivitas_n = 40
    aktivitas_disetujui_n = 36
    aktivitas_ditolak_n = 2
    aktivitas_menunggu_n = 2
    menit_disetujui = 6600
    menit_target = 7200
    diverifikasi_n = 38
    diverifikasi_tepat_n = 35
    entri_terlambat_n = 1


class RekapRhkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RekapRhk

    periode = factory.SubFactory(PeriodeRekapFactory)
    pegawai = factory.SubFactory("pegawai.tests.factories.PegawaiFactory")
    perangkat_daerah = factory.LazyAttribute(lambda o: o.pegawai.jabatan.unit_kerja.perangkat_daerah)
    rhk = factory.SubFactory("skp.tests.factories.RhkFactory", skp__pegawai=factory.SelfAttribute("...pegawai"))
    aktivitas_n = 10
    menit_disetujui = 1200
    persen_realisasi = 50


def _kunci(o) -> str:
    if o.tingkat == TingkatRekap.KOTA:
        return "kota"
    if o.tingkat == TingkatRekap.OPD:
        return f"opd:{o.perangkat_daerah.pk}"
    return f"unit:{o.unit_kerja.pk}"


class RekapUnitFactory(factory.django.DjangoModelFactory):
    """A unit kerja's month by default; ``tingkat=TingkatRekap.OPD`` with ``perangkat_daerah=...`` and
    ``unit_kerja=None`` for an OPD row, ``RekapUnitFactory.kota()`` for the city."""

    class Meta:
        model = RekapUnit

    periode = factory.SubFactory(PeriodeRekapFactory)
    tingkat = TingkatRekap.UNIT
    unit_kerja = factory.SubFactory("pegawai.tests.factories.UnitKerjaFactory")
    perangkat_daerah = factory.LazyAttribute(lambda o: o.unit_kerja.perangkat_daerah if o.unit_kerja else None)
    kunci = factory.LazyAttribute(_kunci)
    pegawai_n = 10
    pegawai_lapor_n = 9
    skp_disetujui_n = 8
    evaluasi_final_n = 6
    predikat_1_n = 1
    predikat_2_n = 4
    predikat_3_n = 1
    hari_kerja = 200
    hari_lapor = 180
    hari_tanpa_laporan = 20
    aktivitas_n = 400
    aktivitas_disetujui_n = 360
    aktivitas_ditolak_n = 20
    aktivitas_menunggu_n = 20
    menit_disetujui = 66000
    menit_target = 72000
    diverifikasi_n = 380
    diverifikasi_tepat_n = 350
    entri_terlambat_n = 10
    masalah_substansi_n = 1

    @classmethod
    def kota(cls, **kwargs) -> RekapUnit:
        return cls(tingkat=TingkatRekap.KOTA, unit_kerja=None, perangkat_daerah=None, **kwargs)

    @classmethod
    def opd(cls, perangkat_daerah, **kwargs) -> RekapUnit:
        return cls(tingkat=TingkatRekap.OPD, unit_kerja=None, perangkat_daerah=perangkat_daerah, **kwargs)
