import datetime

import pytest

from kinerja.tests.factories import skp_persona

from .factories import TAHUN, CapaianFactory, PeriodeFactory


@pytest.fixture
def org(org):
    """The personas of pegawai/tests/personas.py, with kasi_tiga's Plt for Kepala Seksi Dua over the whole year."""
    org.plt.tanggal_mulai = datetime.date(TAHUN, 1, 1)
    org.plt.tanggal_selesai = datetime.date(TAHUN + 1, 12, 31)
    org.plt.save()
    return org


@pytest.fixture
def periode(db):
    """Triwulan I of the test year, open."""
    return PeriodeFactory()


@pytest.fixture
def skp(org):
    """Approved SKP of the year for staf, staf_lain (rated by kasi) and staf_dua (rated by the Plt kasi_tiga)."""
    return skp_persona(org, TAHUN)


@pytest.fixture
def capaian_baik(org, periode):
    """Capaian Baik for Dinas A (every unit's curve falls back to it)."""
    return CapaianFactory(periode=periode, perangkat_daerah=org.opd_a, capaian=2)
