"""factory_boy factories and helpers for the daily reports. ``AktivitasFactory`` writes rows directly (no rules)
to arrange a state quickly; behaviour is tested through ``kinerja.services``."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import factory

from kinerja import rules
from kinerja.choices import KategoriAktivitas, StatusAktivitas
from kinerja.models import Aktivitas, BukaKunci, HariLibur
from kinerja.services.aktivitas import aktivitas_ajukan, aktivitas_buat
from skp.models import RencanaHasilKerja, Skp
from skp.tests.factories import skp_disetujui

TAHUN = 2026


class AktivitasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aktivitas

    pegawai = factory.SubFactory("pegawai.tests.factories.PegawaiFactory")
    tanggal = datetime.date(TAHUN, 3, 10)
    kategori = KategoriAktivitas.RHK
    rhk = None
    uraian = factory.Sequence(lambda n: f"Aktivitas uji {n}")
    volume = Decimal("1")
    satuan = "dokumen"
    jam_mulai = datetime.time(8, 0)
    jam_selesai = datetime.time(9, 0)
    menit = factory.LazyAttribute(lambda o: rules.menit_antara(o.jam_mulai, o.jam_selesai))
    status = StatusAktivitas.DRAFT


class HariLiburFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HariLibur
        django_get_or_create = ("tanggal",)

    tanggal = datetime.date(TAHUN, 3, 19)
    nama = "Hari Suci Nyepi"


class BukaKunciFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BukaKunci

    tahun = TAHUN
    bulan = 3
    alasan = "Gangguan server"
    sampai = datetime.date(TAHUN, 4, 30)


@dataclass
class SkpPersona:
    staf: Skp
    staf_lain: Skp
    staf_dua: Skp

    def rhk(self, skp: Skp, nomor: int = 1) -> RencanaHasilKerja:
        return skp.rhk.get(urutan=nomor)


def skp_persona(org, tahun: int = TAHUN) -> SkpPersona:
    """Approved SKP of the year for staf, staf_lain and staf_dua, written directly (the SKP app's services are
    tested there); each with two RHK carrying one IKI ``12 dokumen``."""

    def buat(pegawai, penilai):
        return skp_disetujui(
            pegawai,
            tahun=tahun,
            penilai=penilai,
            rhk=[f"{pegawai.nama}: laporan data tersusun", f"{pegawai.nama}: layanan informasi terselenggara"],
        )

    return SkpPersona(
        staf=buat(org.staf, org.kasi),
        staf_lain=buat(org.staf_lain, org.kasi),
        staf_dua=buat(org.staf_dua, org.kasi_tiga),
    )


def catat(pegawai, rhk, tanggal, mulai="08:00", selesai="09:00", **kwargs) -> Aktivitas:
    """An activity entered through the service (RHK category unless ``kategori`` says otherwise)."""
    data = {
        "uraian": "Menyusun laporan data",
        "volume": 1,
        "satuan": "dokumen",
        "kategori": KategoriAktivitas.RHK,
        "rhk": rhk,
    }
    data.update(kwargs)
    return aktivitas_buat(actor=pegawai, tanggal=tanggal, jam_mulai=mulai, jam_selesai=selesai, **data)


def diajukan(pegawai, rhk, tanggal, mulai="08:00", selesai="09:00", **kwargs) -> Aktivitas:
    aktivitas = catat(pegawai, rhk, tanggal, mulai, selesai, **kwargs)
    return aktivitas_ajukan(actor=pegawai, aktivitas=aktivitas)[0]
