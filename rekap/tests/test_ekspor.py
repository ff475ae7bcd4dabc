"""Recap spreadsheets: the file holds exactly the rows the page shows with the same filter (every page of it), in
XLSX and CSV; formula escaping; admin OPD exports only their OPD and nobody opens another's file; every export in
the access log; files expire."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pegawai.tests.factories import PegawaiFactory
from penilaian.choices import StatusEvaluasi
from portal.choices import JenisAkses, StatusPekerjaan
from portal.models import AksesLog, Pekerjaan
from rekap.exports import JENIS_PEKERJAAN, ekspor_sapu
from rekap.filters import TABEL
from rekap.models import RekapPegawai, RekapUnit
from rekap.rules import Persen
from rekap.selectors.rekap import ANGKA, PERSEN, TEKS, baris_ringan
from rekap.views.rekap import teks

from .factories import PeriodeRekapFactory, RekapPegawaiFactory, RekapUnitFactory

EKSPOR = reverse("rekap:ekspor")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def banyak(org):
    """60 pegawai in Dinas A (two pages), a few in Dinas B, and one name that a spreadsheet would run."""
    periode = PeriodeRekapFactory(nomor=3)
    for i in range(60):
        p = PegawaiFactory(jabatan=org.staf.jabatan, nama=f"Pegawai {i:02d}")
        RekapPegawaiFactory(
            periode=periode,
            pegawai=p,
            hari_lapor=i % 21,
            predikat=(i % 5) + 1,
            evaluasi_status=("", StatusEvaluasi.DRAFT, StatusEvaluasi.FINAL)[i % 3],
        )
    for p in (org.staf_b, org.kepala_b):
        RekapPegawaiFactory(periode=periode, pegawai=p)
    jahat = PegawaiFactory(jabatan=org.staf.jabatan, nama='=HYPERLINK("http://x")')
    RekapPegawaiFactory(periode=periode, pegawai=jahat)
    RekapUnitFactory.kota(periode=periode)
    RekapUnitFactory.opd(org.opd_a, periode=periode)
    RekapUnitFactory.opd(org.opd_b, periode=periode)
    RekapUnitFactory(periode=periode, unit_kerja=org.staf.jabatan.unit_kerja)
    return periode


def _halaman_semua(client, url, params):
    """Every row the page shows across its pages: [{header: text}] in order."""
    rows, page = [], 1
    while True:
        response = client.get(url, {**params, "page": page})
        assert response.status_code == 200
        rows += [{str(j): t for j, t, _rata in r.sel} for r in response.context["page_obj"].object_list]
        if not response.context["page_obj"].has_next():
            return rows
        page += 1


def _ekspor(client, django_capture_on_commit_callbacks, **data) -> Pekerjaan:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EKSPOR, data)
    assert response.status_code == 302, response
    job = Pekerjaan.objects.filter(jenis=JENIS_PEKERJAAN).latest("dibuat")
    assert response.url == reverse("pekerjaan_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.SELESAI, job.pesan
    return job


def _unduh(client, job) -> bytes:
    response = client.get(reverse("pekerjaan_unduh", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _xlsx_teks(value, number_format):
    """An XLSX cell as the page prints it."""
    if number_format == "0.0%" and value is not None:
        return teks(Persen(f"{value * 100:.1f}"))
    if value is None:
        return "–"
    if isinstance(value, str) and value.startswith("'="):
        return value[1:]
    return teks(value)


@pytest.mark.parametrize("params", [{}, {"opd": "A"}, {"q": "Pegawai 1"}, {"status": "disetujui", "opd": "A"}])
def test_xlsx_holds_the_rows_of_the_page(client, org, banyak, django_capture_on_commit_callbacks, params):
    if "opd" in params:
        params = {**params, "opd": org.opd_a.pk}
    client.force_login(org.admin_bkpsdm)
    halaman = _halaman_semua(client, reverse("rekap:pegawai_list"), params)
    job = _ekspor(
        client, django_capture_on_commit_callbacks, tabel="pegawai", format="xlsx", periode=banyak.pk, **params
    )
    ws = load_workbook(io.BytesIO(_unduh(client, job))).active
    rows = list(ws.iter_rows())
    judul = rows[0][0].value
    assert judul.startswith("Rekap pegawai — Periode: Bulanan 2026-3") and " — dibuat " in judul
    headers = [c.value for c in rows[1]]
    berkas = [{h: _xlsx_teks(c.value, c.number_format) for h, c in zip(headers, r, strict=True)} for r in rows[2:]]
    assert len(berkas) == len(halaman) > 0
    for di_berkas, di_halaman in zip(berkas, halaman, strict=True):
        assert {h: di_berkas[h] for h in di_halaman} == di_halaman
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == f"A2:{ws.cell(2, len(headers)).column_letter}{len(rows)}"
    persen = headers.index("Partisipasi (%)")
    assert rows[2][persen].number_format == "0.0%"
    menit = rows[2][headers.index("Menit disetujui")]
    assert menit.data_type == "n" and isinstance(menit.value, int)
    # A coded column holds its label, as the page would print it, never the stored code.
    evaluasi = {r[headers.index("Status evaluasi")].value for r in rows[2:]}
    assert evaluasi - {None} <= {"Draf", "Final"} and "Final" in evaluasi


def test_csv_holds_the_rows_of_the_unit_page(client, org, banyak, django_capture_on_commit_callbacks):
    client.force_login(org.admin_opd)
    halaman = _halaman_semua(client, reverse("rekap:unit_list"), {})
    job = _ekspor(client, django_capture_on_commit_callbacks, tabel="unit", format="csv", periode=banyak.pk)
    rows = list(csv.reader(io.StringIO(_unduh(client, job).decode("utf-8-sig"))))
    assert [r[rows[0].index("Nama")] for r in rows[1:]] == [h["Nama"] for h in halaman]
    assert [r[1] for r in rows[1:]] == ["Seluruh kota", "Dinas A", org.staf.jabatan.unit_kerja.nama]
    partisipasi = rows[0].index("Partisipasi (%)")
    assert rows[1][partisipasi] == "90.0"


def test_formula_cells_are_escaped(client, org, banyak, django_capture_on_commit_callbacks):
    client.force_login(org.admin_opd)
    params = {"tabel": "pegawai", "periode": banyak.pk, "q": "HYPERLINK"}
    job = _ekspor(client, django_capture_on_commit_callbacks, format="xlsx", **params)
    ws = load_workbook(io.BytesIO(_unduh(client, job))).active
    sel = ws.cell(3, 2)
    assert sel.value == '\'=HYPERLINK("http://x")' and sel.data_type == "s"
    job = _ekspor(client, django_capture_on_commit_callbacks, format="csv", **params)
    rows = list(csv.reader(io.StringIO(_unduh(client, job).decode("utf-8-sig"))))
    assert rows[1][1] == '\'=HYPERLINK("http://x")'


def test_one_sheet_per_opd(client, org, banyak, django_capture_on_commit_callbacks):
    client.force_login(org.admin_bkpsdm)
    job = _ekspor(
        client, django_capture_on_commit_callbacks, tabel="pegawai", format="xlsx", per_opd="1", periode=banyak.pk
    )
    wb = load_workbook(io.BytesIO(_unduh(client, job)))
    assert wb.sheetnames == ["DA", "DB"]
    assert wb["DA"].max_row == 2 + 61 and wb["DB"].max_row == 2 + 2
    assert "Dinas B" in wb["DB"]["A1"].value
    assert job.total_n == job.selesai_n == 63


def test_admin_opd_exports_only_their_opd(client, org, banyak, django_capture_on_commit_callbacks):
    client.force_login(org.admin_opd_lain)
    data = {"tabel": "pegawai", "format": "xlsx", "periode": banyak.pk}
    assert client.post(EKSPOR, {**data, "opd": org.opd_a.pk}).status_code == 404
    assert client.post(EKSPOR, {**data, "unit": org.staf.jabatan.unit_kerja.pk}).status_code == 404
    job = _ekspor(client, django_capture_on_commit_callbacks, **data)
    ws = load_workbook(io.BytesIO(_unduh(client, job))).active
    assert {r[2] for r in ws.iter_rows(min_row=3, values_only=True)} == {"Dinas B"}
    # Another admin's file: not found, neither the page nor the download.
    client.force_login(org.admin_opd)
    assert client.get(reverse("pekerjaan_detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("pekerjaan_unduh", args=[job.pk])).status_code == 404


def test_pegawai_and_atasan_cannot_export(client, org, banyak):
    for user in (org.staf.user, org.kasi.user):
        client.force_login(user)
        assert client.post(EKSPOR, {"tabel": "pegawai", "format": "xlsx"}).status_code == 404
    assert not Pekerjaan.objects.exists()


def test_every_export_is_in_the_access_log(client, org, banyak, django_capture_on_commit_callbacks):
    client.force_login(org.admin_opd)
    job = _ekspor(client, django_capture_on_commit_callbacks, tabel="pegawai", format="csv", periode=banyak.pk)
    log = AksesLog.objects.get(jenis=JenisAkses.EKSPOR)
    assert log.user == org.admin_opd and log.jumlah_baris == 61 and "Rekap pegawai (CSV)" in log.objek
    _unduh(client, job)
    assert AksesLog.objects.filter(jenis=JenisAkses.UNDUH, user=org.admin_opd).count() == 1


def test_nothing_to_export_starts_no_job(client, org, banyak):
    client.force_login(org.admin_opd)
    response = client.post(EKSPOR, {"tabel": "pegawai", "format": "xlsx", "periode": banyak.pk, "q": "tidak ada"})
    assert response.status_code == 302 and "q=tidak+ada" in response.url
    assert not Pekerjaan.objects.exists()


def test_expired_files_are_deleted(client, org, banyak, settings, django_capture_on_commit_callbacks):
    settings.REKAP_EKSPOR_SIMPAN_JAM = 24
    client.force_login(org.admin_opd)
    job = _ekspor(client, django_capture_on_commit_callbacks, tabel="pegawai", format="xlsx", periode=banyak.pk)
    nama = job.berkas.name
    assert ekspor_sapu() == 0
    assert ekspor_sapu(timezone.now() + datetime.timedelta(hours=25)) == 1
    job.refresh_from_db()
    assert not job.berkas and not job.berkas.storage.exists(nama)
    assert client.get(reverse("pekerjaan_unduh", args=[job.pk])).status_code == 404
    assert "Berkas kedaluwarsa" in client.get(reverse("pekerjaan_detail", args=[job.pk])).content.decode()
    # Asking again makes a fresh file on the same job.
    job = _ekspor(client, django_capture_on_commit_callbacks, tabel="pegawai", format="xlsx", periode=banyak.pk)
    assert job.berkas and Pekerjaan.objects.count() == 1


def test_the_job_reads_the_rows_again_as_its_owner(org, banyak, django_capture_on_commit_callbacks):
    """An OPD outside the owner's reach by the time the job runs (a role taken away meanwhile): the job fails
    with a message instead of writing a file."""
    from portal.jobs import jalankan_pekerjaan, pekerjaan_buat
    from rekap import tasks
    from rekap.exports import berkas_ekspor

    job = pekerjaan_buat(
        user=org.admin_opd,
        jenis=JENIS_PEKERJAAN,
        judul="Rekap pegawai",
        task=tasks.rekap_ekspor,
        parameter={"tabel": "pegawai", "format": "xlsx", "periode": str(banyak.pk), "opd": str(org.opd_b.pk)},
    )
    with pytest.raises(Exception, match="jangkauan"):
        jalankan_pekerjaan(job.pk, berkas_ekspor)
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.GAGAL and "di luar jangkauan" in job.pesan and not job.berkas


def test_the_hourly_task_sweeps(org, banyak, client, django_capture_on_commit_callbacks):
    from rekap.tasks import rekap_ekspor_sapu

    client.force_login(org.admin_opd)
    job = _ekspor(client, django_capture_on_commit_callbacks, tabel="unit", format="csv", periode=banyak.pk)
    Pekerjaan.objects.filter(pk=job.pk).update(selesai=timezone.now() - datetime.timedelta(days=2))
    assert rekap_ekspor_sapu() == 1


def test_one_sheet_per_opd_of_the_unit_table(client, org, banyak, django_capture_on_commit_callbacks):
    client.force_login(org.admin_bkpsdm)
    data = {"tabel": "unit", "format": "xlsx", "per_opd": "1", "periode": banyak.pk}
    wb = load_workbook(io.BytesIO(_unduh(client, _ekspor(client, django_capture_on_commit_callbacks, **data))))
    assert wb.sheetnames == ["Kota", "DA", "DB"]
    assert [r[1] for r in wb["DA"].iter_rows(min_row=3, values_only=True)] == ["Dinas A", "Seksi Satu"]
    assert wb["Kota"]["A1"].value.endswith("Seluruh kota")


@pytest.mark.parametrize(("jenis_tabel", "model"), [("pegawai", RekapPegawai), ("unit", RekapUnit)])
def test_every_column_returns_what_it_declares(org, banyak, jenis_tabel, model):
    """The spreadsheet writer converts columns by their declared kind (text escaped, shares formatted as
    percentages, whole numbers bare): a column returning something else would be written wrong."""
    tabel = TABEL[jenis_tabel]
    rows = list(baris_ringan(model.objects.filter(periode=banyak)))
    assert rows
    boleh = {ANGKA: (int, type(None)), PERSEN: (Persen, type(None)), TEKS: (str,)}
    for kolom in tabel.kolom:
        baca = kolom.pembaca()
        for r in rows:
            value = baca(r)
            assert type(value) in boleh[kolom.jenis], (str(kolom.judul), value)
