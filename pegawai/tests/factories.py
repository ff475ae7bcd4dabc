"""factory_boy factories for the organisation; later apps import these."""

import datetime

import factory

from pegawai.choices import JenisJabatan, JenisPenugasan, JenisPeran, Jenjang, StatusPegawai
from pegawai.models import Jabatan, Pegawai, Penugasan, Peran, PerangkatDaerah, RiwayatJabatan, UnitKerja, User
from portal.testing.browser import PASSWORD


def make_nip(n: int, *, lahir=datetime.date(1985, 1, 1), tmt=(2010, 3), kelamin=1, pppk=False) -> str:
    # Born within ~7 years of ``lahir`` (18 by a 2010 TMT); nomor urut 001–999 (000 is no NIP).
    lahir = lahir + datetime.timedelta(days=n % 2500)
    bulan = "21" if pppk else f"{tmt[1]:02d}"
    return f"{lahir:%Y%m%d}{tmt[0]:04d}{bulan}{kelamin}{n % 999 + 1:03d}"


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
        skip_postgeneration_save = True

    nip = factory.Sequence(lambda n: make_nip(n))
    nama = factory.Sequence(lambda n: f"Pegawai Uji {n}")
    jenis_kelamin = "L"
    tanggal_lahir = datetime.date(1985, 1, 1)
    status = StatusPegawai.PNS
    golongan = "III/a"
    jabatan = factory.SubFactory(JabatanFactory)
    tmt_cpns = datetime.date(2010, 3, 1)
    user = factory.LazyAttribute(lambda o: UserFactory(username=o.nip))

    @factory.post_generation
    def tmt_jabatan(obj, create, extracted, **kwargs):
        """The dated assignment to ``jabatan`` (from ``tmt_jabatan``, default the TMT CPNS), as the services write
        it for a new pegawai."""
        if create:
            RiwayatJabatan.objects.create(pegawai=obj, jabatan_id=obj.jabatan_id, tmt=extracted or obj.tmt_cpns)


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
