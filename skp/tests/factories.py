"""factory_boy factories for SKP data. They write rows directly (no rules), for arranging a state quickly; the
tests of behaviour go through ``skp.services``."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from pegawai.unit_mandiri import jabatan_pimpinan_unit_mandiri
from skp.choices import Aspek, FormatSkp, JenisLampiran, JenisRhk, Pendekatan, Perspektif, SkpStatus
from skp.models import IndikatorKinerjaIndividu, LampiranItem, RencanaHasilKerja, Skp
from skp.rules import format_skp


class SkpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skp

    pegawai = factory.SubFactory("pegawai.tests.factories.PegawaiFactory")
    tahun = factory.LazyFunction(lambda: datetime.date.today().year)
    jabatan = factory.LazyAttribute(lambda o: o.pegawai.jabatan)
    tanggal_mulai = factory.LazyAttribute(lambda o: datetime.date(o.tahun, 1, 1))
    tanggal_selesai = factory.LazyAttribute(lambda o: datetime.date(o.tahun, 12, 31))
    format = factory.LazyAttribute(
        lambda o: format_skp(o.jabatan.jenis, pimpinan_unit_mandiri=jabatan_pimpinan_unit_mandiri(o.jabatan))
    )
    pendekatan = Pendekatan.KUANTITATIF
    status = SkpStatus.DRAFT


class RhkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RencanaHasilKerja

    skp = factory.SubFactory(SkpFactory)
    jenis = JenisRhk.UTAMA
    teks = factory.Sequence(lambda n: f"Rencana hasil kerja uji {n}")
    perspektif = factory.LazyAttribute(lambda o: Perspektif.PENERIMA_LAYANAN if o.skp.format == FormatSkp.JPT else "")
    acuan = factory.LazyAttribute(lambda o: "Perjanjian Kinerja: sasaran uji" if o.skp.format == FormatSkp.JPT else "")
    urutan = factory.Sequence(lambda n: n + 1)


class IkiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndikatorKinerjaIndividu

    rhk = factory.SubFactory(RhkFactory)
    teks = factory.Sequence(lambda n: f"Jumlah dokumen uji {n}")
    aspek = Aspek.KUANTITAS
    target_min = Decimal("12")
    satuan = "dokumen"
    urutan = factory.Sequence(lambda n: n + 1)


class LampiranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LampiranItem

    skp = factory.SubFactory(SkpFactory)
    jenis = JenisLampiran.DUKUNGAN_SUMBER_DAYA
    teks = factory.Sequence(lambda n: f"Dukungan uji {n}")
    urutan = factory.Sequence(lambda n: n + 1)


def skp_disetujui(pegawai, *, tahun: int | None = None, rhk: list[str] = (), penilai=None, **kwargs) -> Skp:
    """An approved SKP with one RHK (each with one IKI) per text, written directly. For the top of the tree (the
    head of an OPD has no pejabat penilai in the system) and for arranging an atasan's SKP in one line."""
    tahun = tahun or datetime.date.today().year
    skp = SkpFactory(pegawai=pegawai, tahun=tahun, status=SkpStatus.DISETUJUI, pejabat_penilai=penilai, **kwargs)
    for urutan, teks in enumerate(rhk, start=1):
        IkiFactory(rhk=RhkFactory(skp=skp, teks=teks, urutan=urutan), urutan=1)
    return skp
