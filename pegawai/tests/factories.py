"""factory_boy factories for the organisation; later apps import these."""

import datetime

import factory

from pegawai.choices import JenisJabatan, JenisPenugasan, JenisPeran, Jenjang, StatusPegawai
from pegawai.models import Jabatan, Pegawai, Penugasan, Peran, PerangkatDaerah, UnitKerja, User
from portal.testing.browser import PASSWORD


def make_nip(n: int, *, lahir=datetime.date(1985, 1, 1), tmt=(2010, 3), kelamin=1, pppk=False) -> str:
    lahir = lahir + datetime.timedelta(days=n % 3000)
    bulan = "21" if pppk else f"{tmt[1]:02d}"
    return f"{lahir:%Y%m%d}{tmt[0]:04d}{bulan}{kelamin}{n % 1000:03d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"u{n:06d}")

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])


class PerangkatDaerahFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerangkatDaerah

    kode = factory.Sequence(lambda n: f"OPD{n:03d}")
    nama = factory.Sequence(lambda n: f"Dinas Uji {n}")
    singkatan = factory.Sequence(lambda n: f"DU{n}")


class UnitKerjaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja

    perangkat_daerah = factory.SubFactory(PerangkatDaerahFactory)
    nama = factory.Sequence(lambda n: f"Bidang Uji {n}")


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    unit_kerja = factory.SubFactory(UnitKerjaFactory)
    nama = factory.Sequence(lambda n: f"Jabatan Uji {n}")
    jenis = JenisJabatan.PELAKSANA
    jenjang = Jenjang.PELAKSANA
    kelas_jabatan = 7


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    nip = factory.Sequence(lambda n: make_nip(n))
    nama = factory.Sequence(lambda n: f"Pegawai Uji {n}")
    jenis_kelamin = "L"
    tanggal_lahir = datetime.date(1985, 1, 1)
    status = StatusPegawai.PNS
    golongan = "III/a"
    jabatan = factory.SubFactory(JabatanFactory)
    tmt_cpns = datetime.date(2010, 3, 1)
    user = factory.LazyAttribute(lambda o: UserFactory(username=o.nip))


class PenugasanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Penugasan

    jenis = JenisPenugasan.PLT
    tanggal_mulai = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    tanggal_selesai = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=60))


class PeranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Peran

    jenis = JenisPeran.ADMIN_OPD
