"""The recap job in real Celery workers on Redis (the pattern of mangbagja/tests/test_worker.py): run twice, the
second time kill -9 the worker mid-way through an OPD, let the message be delivered again and the Pekerjaan
sweeper queue the job again — the rows equal the first run's, exactly one per (scope, periode)."""

from __future__ import annotations

import datetime
import json
import os
import signal

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from kinerja.choices import KategoriAktivitas, StatusAktivitas
from kinerja.pengingat import advisory_lock_key
from kinerja.tests.factories import AktivitasFactory
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, PerangkatDaerahFactory, UnitKerjaFactory
from portal.choices import StatusPekerjaan
from portal.jobs import pekerjaan_sapu
from portal.models import Pekerjaan
from rekap.choices import JenisPeriodeRekap, StatusRekapOpd
from rekap.models import ANGKA, PeriodeRekap, RekapOpd, RekapPegawai, RekapRhk, RekapUnit

from .test_worker import _log, antrean, belum_diakui, tunggu, worker  # noqa: F401 - the fixtures of a real worker

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not django_settings.REDIS_URL, reason="butuh broker Redis (REDIS_URL)"),
]

JUMLAH_OPD_BARU = 3


@pytest.fixture
def kota(org):
    """Five OPDs (the personas' two and three more with three pegawai each), activities last month."""
    hari_ini = datetime.date.today()
    awal = (hari_ini.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    for i in range(JUMLAH_OPD_BARU):
        unit = UnitKerjaFactory(perangkat_daerah=PerangkatDaerahFactory(nama=f"Dinas Uji {i}", kode=f"U{i}"))
        for _ in range(3):
            pegawai = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=unit))
            for hari in (2, 3, 4):
                AktivitasFactory(
                    pegawai=pegawai,
                    tanggal=awal + datetime.timedelta(days=hari),
                    status=StatusAktivitas.DISETUJUI,
                    kategori=KategoriAktivitas.LAINNYA,
                    alasan_kategori="Rapat",
                )
    return awal


def _isi(periode) -> dict:
    """The rows' contents without their timestamps."""
    return {
        "pegawai": sorted(
            tuple(r) for r in RekapPegawai.objects.filter(periode=periode).values_list("pegawai_id", *ANGKA)
        ),
        "rhk": sorted(RekapRhk.objects.filter(periode=periode).values_list("rhk_id", "aktivitas_n")),
        "unit": sorted(
            tuple(r) for r in RekapUnit.objects.filter(periode=periode).values_list("kunci", "pegawai_n", *ANGKA)
        ),
    }


def _hitung(client, periode) -> Pekerjaan:
    client.post(reverse("rekap:periode_hitung"), {"jenis": "bulan", "tahun": periode[0], "nomor": periode[1]})
    return Pekerjaan.objects.filter(jenis="rekap").order_by("-pk").first()


def test_a_killed_worker_and_a_redelivered_task_leave_one_correct_row_per_scope(
    client,
    org,
    kota,
    settings,
    tmp_path,
    antrean,  # noqa: F811 - the fixture imported above
    worker,  # noqa: F811
):
    client.force_login(org.admin_bkpsdm)
    bulan = (kota.year, kota.month)
    pertama = worker()
    job = _hitung(client, bulan)
    job = tunggu(job, lambda j: not j.aktif, "rekap pertama tidak selesai\n" + _log(tmp_path))
    assert job.status == StatusPekerjaan.SELESAI and (job.selesai_n, job.total_n) == (5, 5)
    periode = PeriodeRekap.objects.get(jenis=JenisPeriodeRekap.BULAN, tahun=bulan[0], nomor=bulan[1])
    isi_pertama = _isi(periode)
    assert len(isi_pertama["pegawai"]) == 9 + 3 * JUMLAH_OPD_BARU
    assert len(isi_pertama["unit"]) == 1 + 5 + len({k for k, *_ in isi_pertama["unit"] if k.startswith("unit:")})

    # Second run: the third OPD's task waits on a lock this test holds; the worker is killed while it waits.
    os.kill(pertama.pid, signal.SIGKILL)
    pertama.wait()
    opd_ids = sorted(RekapOpd.objects.filter(periode=periode).values_list("perangkat_daerah_id", flat=True))
    kunci = advisory_lock_key(f"rekap:opd:{periode.pk}:{opd_ids[2]}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [kunci])
    kedua = worker()
    job = _hitung(client, bulan)
    job = tunggu(job, lambda j: j.selesai_n >= 2, "rekap kedua tidak mulai\n" + _log(tmp_path))

    def menunggu_kunci() -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
            return cursor.fetchone()[0] > 0

    tunggu(job, lambda j: menunggu_kunci(), "tugas OPD ketiga tidak menunggu kunci\n" + _log(tmp_path))
    os.kill(kedua.pid, signal.SIGKILL)
    kedua.wait()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [kunci])
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.BERJALAN and job.selesai_n == 2
    tertinggal = belum_diakui(antrean)
    assert len(tertinggal) == 1

    # Redis gives the unacknowledged message back (as after its visibility timeout) and the sweeper queues the
    # job again: the third OPD runs twice, the others once more.
    r = redis.Redis.from_url(django_settings.REDIS_URL)
    pesan, _exchange, rute = json.loads(r.hget("unacked", tertinggal[0]))
    r.lpush(rute, json.dumps(pesan))
    r.hdel("unacked", tertinggal[0])
    r.zrem("unacked_index", tertinggal[0])
    settings.PEKERJAAN_BASI_MENIT = 0
    assert pekerjaan_sapu() == {"diantrekan": 1, "gagal": 0}
    worker()
    job = tunggu(job, lambda j: not j.aktif, "rekap kedua tidak selesai\n" + _log(tmp_path))
    tunggu(job, lambda j: not r.llen(antrean) and not belum_diakui(antrean), "antrean tidak habis\n" + _log(tmp_path))

    assert job.status == StatusPekerjaan.SELESAI, job.pesan
    assert (job.percobaan, job.selesai_n, job.total_n) == (2, 5, 5)
    assert set(RekapOpd.objects.filter(periode=periode).values_list("status", flat=True)) == {StatusRekapOpd.SELESAI}
    assert _isi(periode) == isi_pertama
