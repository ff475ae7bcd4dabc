"""Factories and arrangements for evaluation tests. Rows are written directly for arranging a state; behaviour is
tested through ``penilaian.services``."""

from __future__ import annotations

import datetime

import factory

from kinerja.rules import rentang_periode
from penilaian.choices import JenisPeriode
from penilaian.models import BuktiEvaluasi, CapaianKinerjaOrganisasi, EvaluasiRhk, PeriodePenilaian

TAHUN = 2026


class PeriodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeriodePenilaian
        django_get_or_create = ("tahun", "jenis", "nomor")

    tahun = TAHUN
    jenis = JenisPeriode.TRIWULANAN
    nomor = 1
    tanggal_mulai = factory.LazyAttribute(lambda o: rentang_periode(o.tahun, o.jenis, o.nomor)[0])
    tanggal_selesai = factory.LazyAttribute(lambda o: rentang_periode(o.tahun, o.jenis, o.nomor)[1])
    batas_penilaian = factory.LazyAttribute(lambda o: o.tanggal_selesai + datetime.timedelta(days=14))


class CapaianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CapaianKinerjaOrganisasi

    periode = factory.SubFactory(PeriodeFactory)
    capaian = 2


def bukti_tautan(evaluasi_rhk: EvaluasiRhk, url: str = "https://drive.example.go.id/laporan") -> BuktiEvaluasi:
    return BuktiEvaluasi.objects.create(evaluasi_rhk=evaluasi_rhk, url=url, judul="Laporan")


def lengkapi_bukti(evaluasi) -> None:
    """Give every RHK of ``evaluasi`` one link as evidence (rating waits for evidence)."""
    for er in evaluasi.rhk.all():
        bukti_tautan(er)
