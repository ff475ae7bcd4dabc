import datetime

import pytest
from django.utils import timezone

from kinerja import waktu
from kinerja.models import PengaturanKinerja

from .factories import TAHUN, skp_persona


class Jam:
    """The pinned "today" of the kinerja app (see kinerja/waktu.py)."""

    def __init__(self, tanggal: datetime.date):
        self.tanggal = tanggal

    def atur(self, tanggal: datetime.date) -> None:
        self.tanggal = tanggal


@pytest.fixture
def jam(monkeypatch):
    """Today is Wednesday 11 March 2026 unless a test moves it (March 2026: Monday the 2nd is the first working
    day; no holidays unless a test adds them)."""
    j = Jam(datetime.date(TAHUN, 3, 11))
    monkeypatch.setattr(waktu, "hari_ini", lambda: j.tanggal)
    return j


@pytest.fixture
def bukti_media(settings, tmp_path):
    """Uploads go to a temporary MEDIA_ROOT (the default storage follows the setting)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def org(org):
    """The personas of pegawai/tests/personas.py with kasi_tiga's Plt for Kepala Seksi Dua covering the test year
    and the real today (pegawai_visible_to reads the real date)."""
    org.plt.tanggal_mulai = datetime.date(TAHUN, 1, 1)
    org.plt.tanggal_selesai = max(datetime.date(TAHUN, 12, 31), timezone.localdate() + datetime.timedelta(days=365))
    org.plt.save()
    return org


@pytest.fixture
def pengaturan(db):
    return PengaturanKinerja.get_solo()


@pytest.fixture
def skp(org):
    """Approved SKP for the staff personas (two RHK each, one IKI per RHK measured in "dokumen")."""
    return skp_persona(org)
