"""The PDF batch of an OPD split into parts (skp.tasks.skp_pdf_opd, portal.jobs "Jobs split into parts"): every SKP
once and in order whatever the parts, progress across parts, a redelivered part or a part of a replaced run doing
nothing twice, a failing part failing the job. Run by two real worker processes: mangbagja/tests/test_worker_bagian.py
(skp may not import the real-worker fixtures of mangbagja, a higher layer)."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from celery import shared_task
from django.core.files.base import ContentFile
from django.urls import reverse

from pegawai.tests.factories import JabatanFactory, PegawaiFactory
from portal.choices import StatusPekerjaan
from portal.jobs import FOLDER_BAGIAN, bagian_sapu, jalankan_bagian, pekerjaan_bagi, pekerjaan_coba_lagi
from portal.models import Pekerjaan
from skp import pdf, tasks

from .factories import skp_disetujui

TERBIT: list[tuple] = []


@shared_task(name="skp.tests.bagian_dicatat")
def bagian_dicatat(*args):
    """Stands in for the part task: records what the job published, so a test runs the parts itself."""
    TERBIT.append(args)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    TERBIT.clear()


def berkas_di(media: Path) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def staf_baru(org, n: int) -> list:
    """``n`` more approved SKP in Dinas A, under Kasi A."""
    hasil = []
    for i in range(n):
        jabatan = JabatanFactory(unit_kerja=org.staf.jabatan.unit_kerja, parent=org.kasi.jabatan)
        pegawai = PegawaiFactory(jabatan=jabatan, nama=f"Staf Batch {i:02d}")
        hasil.append(skp_disetujui(pegawai, rhk=["Dokumen pelayanan tersusun"], penilai=org.kasi))
    return hasil


def job_opd(org, tahun) -> Pekerjaan:
    return Pekerjaan.objects.create(
        user=org.admin_opd,
        jenis="skp_pdf_opd",
        judul="PDF SKP",
        parameter={"opd": org.opd_a.pk, "tahun": tahun},
        tugas=tasks.skp_pdf_opd.name,
    )


def test_a_batch_in_several_parts_zips_every_skp_once_in_order(
    client, org, tahun, skp_kasi, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(pdf, "UKURAN_BAGIAN", 2)
    staf_baru(org, 4)  # with kepala, kabid and kasi: 7 SKP in 4 parts
    client.force_login(org.admin_opd)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("skp:pdf_opd", args=[org.opd_a.pk, tahun]))

    job = Pekerjaan.objects.get(user=org.admin_opd)
    bagian, total = pdf.rencana_skp_opd(job)
    assert [len(b) for b in bagian] == [2, 2, 2, 1] and total == 7
    assert job.status == StatusPekerjaan.SELESAI and (job.selesai_n, job.total_n) == (7, 7)
    with zipfile.ZipFile(job.berkas.open("rb")) as arsip:
        urutan = [pdf.nama_dalam_zip(s) for s in pdf.skp_untuk_dokumen().filter(pk__in=sum(bagian, []))]
        assert sorted(arsip.namelist()) == sorted(urutan) and len(arsip.namelist()) == 7
        assert all(arsip.read(n).startswith(b"%PDF") for n in arsip.namelist())
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in arsip.infolist())
    # The parts are deleted once the ZIP is saved: only the job's file is left.
    assert berkas_di(tmp_path) == [job.berkas.name]


def test_the_batch_follows_the_planned_order_across_parts(org, tahun, skp_kasi, monkeypatch):
    monkeypatch.setattr(pdf, "UKURAN_BAGIAN", 2)
    staf_baru(org, 2)
    job = job_opd(org, tahun)
    pekerjaan_bagi(job.pk, pdf.rencana_skp_opd, bagian_dicatat)
    bagian = [args[4] for args in TERBIT]
    for args in TERBIT:
        jalankan_bagian(*args[:4], lambda _job, maju, pks=args[4]: pdf.bagian_skp(pks, maju), pdf.rakit_skp_opd)
    job.refresh_from_db()
    by_pk = {s.pk: s for s in pdf.skp_untuk_dokumen()}
    with zipfile.ZipFile(job.berkas.open("rb")) as arsip:
        assert arsip.namelist() == [pdf.nama_dalam_zip(by_pk[pk]) for pk in sum(bagian, [])]


def test_a_redelivered_part_does_not_render_again_and_a_replaced_run_does_nothing(
    org, tahun, skp_kasi, monkeypatch, tmp_path
):
    monkeypatch.setattr(pdf, "UKURAN_BAGIAN", 2)
    job = job_opd(org, tahun)
    pekerjaan_bagi(job.pk, pdf.rencana_skp_opd, bagian_dicatat)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.BERJALAN and job.total_n == 3 and len(TERBIT) == 2
    dirender = []

    def jalankan(args):
        def builder(_job, maju):
            dirender.append(args[2])
            return pdf.bagian_skp(args[4], maju)

        jalankan_bagian(*args[:4], builder, pdf.rakit_skp_opd)

    jalankan(TERBIT[0])
    jalankan(TERBIT[0])  # delivered again after its worker died between saving and acknowledging
    job.refresh_from_db()
    assert dirender == [0] and job.status == StatusPekerjaan.BERJALAN and job.selesai_n == 2

    # Meanwhile the sweep gave the run up and queued the job again: the old run's last part does nothing.
    Pekerjaan.objects.filter(pk=job.pk).update(status=StatusPekerjaan.MENUNGGU)
    lama = TERBIT[1]
    pekerjaan_bagi(job.pk, pdf.rencana_skp_opd, bagian_dicatat)
    jalankan(lama)
    job.refresh_from_db()
    assert dirender == [0] and job.status == StatusPekerjaan.BERJALAN and job.percobaan == 2

    for args in TERBIT[2:]:
        jalankan(args)
    job.refresh_from_db()
    assert dirender == [0, 0, 1] and job.status == StatusPekerjaan.SELESAI and (job.selesai_n, job.total_n) == (3, 3)
    with zipfile.ZipFile(job.berkas.open("rb")) as arsip:
        assert len(arsip.namelist()) == 3
    # The parts of both runs are gone.
    assert berkas_di(tmp_path) == [job.berkas.name]


def gagal_pada(skp, monkeypatch):
    """Batches of one SKP a part, whose rendering fails on ``skp`` (a missing font): the real render is returned."""
    monkeypatch.setattr(pdf, "UKURAN_BAGIAN", 1)
    render = pdf.SkpPdf.render

    def rusak(self):
        if self.skp.pk == skp.pk:
            raise RuntimeError("font hilang")
        return render(self)

    monkeypatch.setattr(pdf.SkpPdf, "render", rusak)
    return render


def test_a_failing_part_fails_the_job_and_coba_lagi_runs_it_again(
    org, tahun, skp_kasi, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    job = job_opd(org, tahun)
    render = gagal_pada(skp_kasi, monkeypatch)
    with pytest.raises(RuntimeError):
        tasks.skp_pdf_opd.delay(job.pk)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.GAGAL and "kesalahan" in job.pesan and not job.berkas
    assert any(FOLDER_BAGIAN in f for f in berkas_di(tmp_path))  # the parts done before the failing one

    monkeypatch.setattr(pdf.SkpPdf, "render", render)
    with django_capture_on_commit_callbacks(execute=True):
        assert pekerjaan_coba_lagi(job)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.SELESAI and (job.selesai_n, job.total_n) == (3, 3)
    assert berkas_di(tmp_path) == [job.berkas.name]


def test_the_sweep_deletes_the_parts_of_a_failed_batch_and_keeps_a_running_ones(
    org, tahun, skp_kasi, monkeypatch, tmp_path
):
    gagal = job_opd(org, tahun)
    gagal_pada(skp_kasi, monkeypatch)
    with pytest.raises(RuntimeError):
        tasks.skp_pdf_opd.delay(gagal.pk)
    assert any(f"{FOLDER_BAGIAN}/{gagal.pk}/" in f for f in berkas_di(tmp_path))
    # Another batch mid-way: a part saved, the others still to come.
    berjalan = job_opd(org, tahun)
    berjalan.status = StatusPekerjaan.BERJALAN
    berjalan.save()
    sisa = f"{FOLDER_BAGIAN}/{berjalan.pk}/run/00000"
    berjalan.berkas.storage.save(sisa, ContentFile(b"PK"))

    assert bagian_sapu() == 1
    assert not any(f"{FOLDER_BAGIAN}/{gagal.pk}/" in f for f in berkas_di(tmp_path))
    assert sisa in berkas_di(tmp_path)
    assert bagian_sapu() == 0


def test_a_batch_without_skp_ends_in_an_empty_zip(org, tahun):
    job = job_opd(org, tahun)
    tasks.skp_pdf_opd.delay(job.pk)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.SELESAI
    with zipfile.ZipFile(job.berkas.open("rb")) as arsip:
        assert arsip.namelist() == []


def _bagian(*entri: tuple[str, str, bytes]) -> ContentFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as arsip:
        for nama, nama_lain, isi in entri:
            info = zipfile.ZipInfo(nama, date_time=time.localtime()[:6])
            info.comment = nama_lain.encode()
            arsip.writestr(info, isi)
    return ContentFile(buffer.getvalue())


def test_assembly_gives_an_entry_its_second_name_when_the_first_is_taken_in_another_part(org, tahun):
    # Two SKP of one person over the same period (own and Plt) landing in different parts.
    job = job_opd(org, tahun)
    filename, berkas = pdf.rakit_skp_opd(
        job,
        iter(
            [
                _bagian(("1 Ani - SKP.pdf", "1 Ani - SKP Analis.pdf", b"%PDF-a")),
                _bagian(("1 Ani - SKP.pdf", "1 Ani - SKP Plt Kepala Seksi.pdf", b"%PDF-b"), ("2 Budi.pdf", "x", b"c")),
            ]
        ),
    )
    assert filename == f"SKP-{tahun}-{org.opd_a.singkatan or org.opd_a.kode}.zip"
    with zipfile.ZipFile(berkas) as arsip:
        assert arsip.namelist() == ["1 Ani - SKP.pdf", "1 Ani - SKP Plt Kepala Seksi.pdf", "2 Budi.pdf"]
        assert arsip.read("1 Ani - SKP Plt Kepala Seksi.pdf") == b"%PDF-b"
