"""The SKP PDF batch of an OPD split into parts (skp.tasks.skp_pdf_opd, portal.jobs "Jobs split into parts") run by
two real worker processes on the test's own queue: the parts follow the job to that queue, both workers take some,
exactly one assembles the ZIP, and no part file is left. Here rather than in skp/tests because the real-worker
fixtures live in this (higher) layer; the eager tests of the split job are skp/tests/test_pdf_massal.py."""

from __future__ import annotations

import time
import zipfile

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from pegawai.tests.factories import JabatanFactory, PegawaiFactory
from portal.choices import StatusPekerjaan
from portal.models import Pekerjaan
from skp import pdf
from skp.tests.factories import skp_disetujui

from .test_worker import _log, antrean, tunggu, worker  # noqa: F401 - the fixtures of a real worker

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not django_settings.REDIS_URL, reason="butuh broker Redis (REDIS_URL)"),
]


def test_two_real_workers_share_the_parts_and_one_assembles(client, org, settings, tmp_path, antrean, worker):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path / "media"
    jumlah = pdf.UKURAN_BAGIAN + 1  # two parts
    for _ in range(jumlah):
        jabatan = JabatanFactory(unit_kerja=org.staf.jabatan.unit_kerja, parent=org.kasi.jabatan)
        skp_disetujui(PegawaiFactory(jabatan=jabatan), rhk=["Dokumen pelayanan tersusun"], penilai=org.kasi)
    worker()
    worker()
    # Both ready before the job is queued: the one not running the job's task takes the first part at once.
    batas = time.monotonic() + 60
    while not all("ready." in p.read_text() for p in (tmp_path / "worker-0.log", tmp_path / "worker-1.log")):
        assert time.monotonic() < batas, "worker tidak siap\n" + _log(tmp_path)
        time.sleep(0.1)
    client.force_login(org.admin_opd)
    client.post(reverse("skp:pdf_opd", args=[org.opd_a.pk, timezone.localdate().year]))
    job = Pekerjaan.objects.get(user=org.admin_opd)
    job = tunggu(job, lambda j: not j.aktif, "pekerjaan tidak selesai\n" + _log(tmp_path))

    assert job.status == StatusPekerjaan.SELESAI, job.pesan
    assert (job.selesai_n, job.total_n) == (jumlah, jumlah)
    with zipfile.ZipFile(job.berkas.open("rb")) as arsip:
        assert len(set(arsip.namelist())) == jumlah
    media = tmp_path / "media"
    assert [str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()] == [job.berkas.name]
    # The parts went to the test's own queue, the one the job came from (not the default queue no worker here
    # serves), and both workers took one.
    assert all("skp.tasks.skp_pdf_opd_bagian" in (tmp_path / f"worker-{n}.log").read_text() for n in (0, 1))
