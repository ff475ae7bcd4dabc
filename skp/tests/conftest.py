import datetime

import pytest
from django.utils import timezone

from .factories import skp_disetujui
from .helpers import rencanakan, setujui


@pytest.fixture
def tahun() -> int:
    return timezone.localdate().year


@pytest.fixture
def org(org, tahun):
    """The personas of pegawai/tests/personas.py, with kasi_tiga's Plt for Kepala Seksi Dua covering the whole
    year: SKP periods start on 1 January, and the atasan on that day is the one whose RHK are intervened."""
    org.plt.tanggal_mulai = datetime.date(tahun, 1, 1)
    org.plt.tanggal_selesai = datetime.date(tahun, 12, 31)
    org.plt.save()
    return org


@pytest.fixture
def skp_kepala(org, tahun):
    """The head of Dinas A has no pejabat penilai in the system (the mayor is not a pegawai): written directly."""
    return skp_disetujui(
        org.kepala,
        tahun=tahun,
        rhk=["Meningkatnya kualitas pelayanan publik", "Meningkatnya akuntabilitas kinerja dinas"],
    )


@pytest.fixture
def skp_kabid(org, tahun, skp_kepala):
    """Kabid's SKP, planned and approved through the services, cascading from both of the kepala's RHK."""
    skp = rencanakan(org.kabid, tahun, list(skp_kepala.rhk.order_by("urutan")))
    return setujui(skp, org.kepala)


@pytest.fixture
def skp_kasi(org, tahun, skp_kabid):
    skp = rencanakan(org.kasi, tahun, list(skp_kabid.rhk.order_by("urutan")))
    return setujui(skp, org.kabid)


@pytest.fixture
def skp_kasi_tiga(org, tahun, skp_kabid):
    skp = rencanakan(org.kasi_tiga, tahun, list(skp_kabid.rhk.order_by("urutan")))
    return setujui(skp, org.kabid)


@pytest.fixture
def skp_plt(org, tahun, skp_kabid):
    """kasi_tiga's SKP as Plt. Kepala Seksi Dua: the acting position's own SKP, which its bawahan cascade from."""
    skp = rencanakan(org.kasi_tiga, tahun, list(skp_kabid.rhk.order_by("urutan")), jabatan_plt=org.plt.jabatan)
    return setujui(skp, org.kabid)


@pytest.fixture
def skp_staf(org, tahun, skp_kasi):
    """A draft of Staf A intervening the kasi's first RHK."""
    return rencanakan(org.staf, tahun, [skp_kasi.rhk.order_by("urutan").first()])
