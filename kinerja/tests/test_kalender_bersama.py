"""The process's copy of the calendar facts (kinerja.kalender_bersama): read once, read again after any change.

Outside the test transaction (``transaction=True``), as requests run in production: inside a transaction no copy
is made, so the other tests read the rows as before."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from kinerja import kalender_bersama
from kinerja.choices import HariKerjaPerMinggu, JenisLibur
from kinerja.models import HariKerjaUnit, HariLibur, PengaturanKinerja
from kinerja.selectors.kalender import hari_kerja_per_minggu, libur_antara, pengaturan_kinerja
from pegawai.tests.factories import UnitKerjaFactory

# serialized_rollback: the flush after a transactional test would take the rows migrations put there (content
# types, beat schedules) from the tests after it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AWAL, AKHIR = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
TABEL = [m._meta.db_table for m in (PengaturanKinerja, HariKerjaUnit, HariLibur)]


def _dibaca(kueri) -> list[str]:
    return [q["sql"] for q in kueri.captured_queries if any(t in q["sql"] for t in TABEL)]


@pytest.fixture(autouse=True)
def _pengaturan_ada():
    # Created on first use, which is itself a change (a new version): there before the tests read.
    PengaturanKinerja.get_solo()


def test_the_facts_are_read_once_and_again_after_each_change():
    unit = UnitKerjaFactory()
    HariLibur.objects.create(tanggal=datetime.date(2026, 8, 17), nama="Kemerdekaan", jenis=JenisLibur.LIBUR_NASIONAL)
    libur_antara(AWAL, AKHIR)
    with CaptureQueriesContext(connection) as kueri:
        pengaturan = pengaturan_kinerja()
        assert libur_antara(AWAL, AKHIR) == {datetime.date(2026, 8, 17): "Kemerdekaan"}
        assert hari_kerja_per_minggu([unit.pk], pengaturan) == {unit.pk: pengaturan.hari_kerja_per_minggu}
    assert _dibaca(kueri) == []

    # A holiday, a unit's own week and the settings, each seen at the next read.
    HariLibur.objects.create(tanggal=datetime.date(2026, 12, 25), nama="Natal", jenis=JenisLibur.LIBUR_NASIONAL)
    assert datetime.date(2026, 12, 25) in libur_antara(AWAL, AKHIR)
    HariKerjaUnit.objects.create(unit_kerja=unit, hari_kerja_per_minggu=HariKerjaPerMinggu.ENAM)
    assert hari_kerja_per_minggu([unit.pk], pengaturan_kinerja()) == {unit.pk: HariKerjaPerMinggu.ENAM}
    pengaturan = PengaturanKinerja.get_solo()
    pengaturan.menit_efektif_minimum += 60
    pengaturan.save()
    assert pengaturan_kinerja().menit_efektif_minimum == pengaturan.menit_efektif_minimum
    # Each caller gets its own copy of the settings: changing it changes nobody else's.
    pengaturan_kinerja().menit_efektif_minimum = 1
    assert pengaturan_kinerja().menit_efektif_minimum == pengaturan.menit_efektif_minimum


def test_a_change_rolled_back_is_never_kept():
    libur_antara(AWAL, AKHIR)
    with pytest.raises(RuntimeError), transaction.atomic():
        HariLibur.objects.create(tanggal=datetime.date(2026, 5, 1), nama="Buruh", jenis=JenisLibur.LIBUR_NASIONAL)
        # Inside the transaction its own holiday is seen (read from the rows, not kept)…
        assert datetime.date(2026, 5, 1) in libur_antara(AWAL, AKHIR)
        raise RuntimeError
    # …and after the rollback it is gone.
    assert datetime.date(2026, 5, 1) not in libur_antara(AWAL, AKHIR)


def test_another_process_s_change_is_seen_through_the_shared_version():
    libur_antara(AWAL, AKHIR)
    # Another process wrote a holiday and set a new version; this process's copy is still the old one.
    salinan = kalender_bersama._salinan
    HariLibur.objects.bulk_create(
        [HariLibur(tanggal=datetime.date(2026, 6, 1), nama="Pancasila", jenis=JenisLibur.LIBUR_NASIONAL)]
    )
    assert kalender_bersama._salinan is salinan and datetime.date(2026, 6, 1) not in libur_antara(AWAL, AKHIR)
    kalender_bersama._versi_baru()
    assert datetime.date(2026, 6, 1) in libur_antara(AWAL, AKHIR)


def test_without_the_shared_cache_the_rows_are_read(monkeypatch):
    class Mati:
        def get(self, *args, **kwargs):
            raise ConnectionError("Redis mati")

        add = set = get

    monkeypatch.setattr(kalender_bersama, "cache", Mati())
    HariLibur.objects.create(tanggal=datetime.date(2026, 8, 17), nama="Kemerdekaan", jenis=JenisLibur.LIBUR_NASIONAL)
    assert libur_antara(AWAL, AKHIR) == {datetime.date(2026, 8, 17): "Kemerdekaan"}
    assert kalender_bersama.fakta_kalender() is None
