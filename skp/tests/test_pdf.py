"""The SKP document (skp/pdf.py), its jobs (skp/tasks.py via skp/views/pdf.py) and the restricted URL fetcher."""

from __future__ import annotations

import datetime
import io
import threading
import zipfile
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer

import pypdf
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from pegawai.nip import format_nip
from portal.choices import StatusPekerjaan
from portal.models import AksesLog, Pekerjaan
from skp.choices import Aspek, JenisLampiran, JenisRhk, Pendekatan, SkpStatus
from skp.models import PerilakuKerja, Skp
from skp.pdf import TANDA_DRAF, AksesDitolak, PengambilAman, SkpPdf, html_ke_pdf
from skp.services.isi import ekspektasi_set, iki_tambah, lampiran_tambah, rhk_tambah
from skp.services.kepala_daerah import skp_setujui_kepala_daerah
from skp.services.skp import skp_ajukan, skp_buat
from skp.services.versi import skp_buat_perubahan

from .factories import IkiFactory, LampiranFactory, RhkFactory, SkpFactory, skp_disetujui
from .helpers import isi_rhk, rencanakan, setujui

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def teks_pdf(content: bytes) -> str:
    """All text of a PDF with whitespace collapsed (cells wrap long text over several lines)."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def halaman(content: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(content)).pages]


def tanggal_setuju(skp: Skp) -> str:
    return date_format(timezone.localtime(skp.disetujui_pada).date(), "j F Y")


@pytest.fixture
def skp_kabid_lengkap(org, tahun, skp_kepala):
    """Kabid's SKP through the services: two Utama RHK with kuantitas/kualitas/waktu IKI, one Tambahan, the
    three lampiran lists and an ekspektasi; approved by the kepala."""
    atasan_rhk = list(skp_kepala.rhk.order_by("urutan"))
    skp = skp_buat(actor=org.kabid, tahun=tahun)
    for nomor, target in enumerate(atasan_rhk, start=1):
        rhk = rhk_tambah(
            actor=org.kabid,
            skp=skp,
            jenis=JenisRhk.UTAMA,
            teks=f"Terlaksananya program bidang nomor {nomor}",
            intervensi=target,
        )
        for aspek, teks, angka, satuan in (
            (Aspek.KUANTITAS, f"Jumlah laporan program {nomor}", 12, "laporan"),
            (Aspek.KUALITAS, f"Persentase laporan tanpa revisi {nomor}", 90, "%"),
            (Aspek.WAKTU, f"Ketepatan waktu laporan {nomor}", 12, "bulan"),
        ):
            iki_tambah(actor=org.kabid, rhk=rhk, teks=teks, aspek=aspek, target_min=angka, satuan=satuan)
    isi_rhk(skp, "Menjadi narasumber sosialisasi kinerja", jenis=JenisRhk.TAMBAHAN)
    for jenis, teks in (
        (JenisLampiran.DUKUNGAN_SUMBER_DAYA, "Anggaran kegiatan bidang"),
        (JenisLampiran.SKEMA_PERTANGGUNGJAWABAN, "Laporan bulanan kepada kepala dinas"),
        (JenisLampiran.KONSEKUENSI, "Teguran tertulis bila target tidak tercapai"),
    ):
        lampiran_tambah(actor=org.kabid, skp=skp, jenis=jenis, teks=teks)
    ekspektasi_set(
        actor=org.kepala, skp=skp, perilaku=PerilakuKerja.objects.get(urutan=1), teks="Responsif terhadap aduan warga"
    )
    return setujui(skp, org.kepala)


@pytest.fixture
def skp_kasi_kualitatif(org, tahun, skp_kabid_lengkap):
    skp = skp_buat(actor=org.kasi, tahun=tahun, pendekatan=Pendekatan.KUALITATIF)
    target = skp_kabid_lengkap.rhk.filter(jenis=JenisRhk.UTAMA).order_by("urutan").first()
    rhk = rhk_tambah(
        actor=org.kasi,
        skp=skp,
        jenis=JenisRhk.UTAMA,
        teks="Tersusunnya rekomendasi kebijakan seksi",
        intervensi=target,
    )
    iki_tambah(
        actor=org.kasi,
        rhk=rhk,
        teks="Rekomendasi diterima pimpinan",
        ukuran_keberhasilan="Disusun dari data yang sahih dan disampaikan sebelum akhir triwulan",
    )
    return setujui(skp, org.kabid)


# ---------------------------------------------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------------------------------------------


def test_it_renders_the_jpt_kuantitatif_format(org, skp_kepala):
    filename, mimetype, content = SkpPdf(skp_kepala).render()
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    assert filename == f"SKP-{skp_kepala.tahun}-{org.kepala.nip}.pdf"
    text = teks_pdf(content)
    for expected in (
        "SASARAN KINERJA PEGAWAI",
        "PENDEKATAN HASIL KERJA KUANTITATIF",
        "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI",
        settings.INSTANSI_NAMA.upper(),
        "PEGAWAI YANG DINILAI",
        "PEJABAT PENILAI KINERJA",
        "PERSPEKTIF",
        "Penerima Layanan",
        "Meningkatnya kualitas pelayanan publik",
        "Meningkatnya akuntabilitas kinerja dinas",
        org.kepala.nama_lengkap,
        format_nip(org.kepala.nip),
        "LAMPIRAN SASARAN KINERJA PEGAWAI",
    ):
        assert expected in text, expected
    assert "BAGI PEJABAT ADMINISTRASI" not in text
    assert "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI" not in text


def test_it_prints_the_kepala_daerah_as_penilai_of_the_top_jpt(org, tahun, settings):
    settings.KEPALA_DAERAH_JABATAN = "Wali Kota Contoh"
    settings.KEPALA_DAERAH_NAMA = "Nama Wali Kota"
    skp = skp_buat(actor=org.kepala, tahun=tahun)
    isi_rhk(skp, "Meningkatnya indeks kepuasan masyarakat")
    skp_ajukan(actor=org.kepala, skp=skp)
    skp_setujui_kepala_daerah(user=org.admin_bkpsdm, skp=skp)
    pages = halaman(SkpPdf(Skp.objects.get(pk=skp.pk)).render()[2])
    text = " ".join(pages)
    assert "Wali Kota Contoh" in text and "Nama Wali Kota" in text
    [ttd] = [page for page in pages if "Pejabat Penilai Kinerja" in page]
    # Not an ASN: no NIP under the kepala daerah's name, only the pegawai's.
    assert ttd.count("NIP.") == 1 and f"NIP. {format_nip(org.kepala.nip)}" in ttd


def test_it_renders_the_ja_jf_kuantitatif_format_from_the_approval_snapshot(org, skp_kabid_lengkap):
    skp = skp_kabid_lengkap
    assert skp.status == SkpStatus.DISETUJUI
    _name, _mime, content = SkpPdf(skp).render()
    text = teks_pdf(content)
    for expected in (
        "SASARAN KINERJA PEGAWAI",
        "PENDEKATAN HASIL KERJA KUANTITATIF",
        "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL",
        f"PERIODE PENILAIAN: 1 JANUARI {skp.tahun} S.D. 31 DESEMBER {skp.tahun}",
        "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI",
        "A. UTAMA",
        "B. TAMBAHAN",
        "Meningkatnya kualitas pelayanan publik",  # the kepala's RHK, intervened
        "Terlaksananya program bidang nomor 1",
        "Terlaksananya program bidang nomor 2",
        "Menjadi narasumber sosialisasi kinerja",
        "Kuantitas",
        "Kualitas",
        "Waktu",
        "12 laporan",
        "90 %",
        "PERILAKU KERJA",
        "Berorientasi Pelayanan",
        "Kolaboratif",
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Responsif terhadap aduan warga",
        "Anggaran kegiatan bidang",
        "Laporan bulanan kepada kepala dinas",
        "Teguran tertulis bila target tidak tercapai",
        "DUKUNGAN SUMBER DAYA",
        "SKEMA PERTANGGUNGJAWABAN",
        "KONSEKUENSI",
        org.kabid.nama_lengkap,
        format_nip(org.kabid.nip),
        org.kepala.nama_lengkap,
        format_nip(org.kepala.nip),
        "Pegawai yang Dinilai",
        "Pejabat Penilai Kinerja",
        f"{settings.INSTANSI_KOTA}, {tanggal_setuju(skp)}",
    ):
        assert expected in text, expected
    assert TANDA_DRAF not in text

    # The document prints the people as they were at approval, not after a promotion or a name change.
    nama_lama = org.kabid.nama_lengkap
    org.kabid.nama = "Nama Sesudah Mutasi"
    org.kabid.save()
    text = teks_pdf(SkpPdf(Skp.objects.get(pk=skp.pk)).render()[2])
    assert nama_lama in text and "Nama Sesudah Mutasi" not in text


def test_it_renders_the_ja_jf_kualitatif_format(org, skp_kasi_kualitatif):
    text = teks_pdf(SkpPdf(skp_kasi_kualitatif).render()[2])
    for expected in (
        "PENDEKATAN HASIL KERJA KUALITATIF",
        "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL",
        "Tersusunnya rekomendasi kebijakan seksi",
        "Terlaksananya program bidang nomor 1",
        "Ukuran keberhasilan / Indikator Kinerja Individu, dan Target",
        "Rekomendasi diterima pimpinan",
        "Disusun dari data yang sahih dan disampaikan sebelum akhir triwulan",
        org.kasi.nama_lengkap,
        format_nip(org.kasi.nip),
        org.kabid.nama_lengkap,
        format_nip(org.kabid.nip),
    ):
        assert expected in text, expected
    assert "PENDEKATAN HASIL KERJA KUANTITATIF" not in text


def test_it_marks_an_skp_that_is_not_approved_as_draft_on_every_page(org, skp_staf):
    filename, _mime, content = SkpPdf(skp_staf).render()
    assert filename.endswith("-draf.pdf")
    pages = halaman(content)
    assert len(pages) >= 2
    assert all(TANDA_DRAF in page for page in pages)
    # Not approved yet: the identity blocks follow today's organisation, the signature has no date.
    text = " ".join(pages)
    assert org.staf.nama_lengkap in text and org.kasi.nama_lengkap in text
    assert f"{settings.INSTANSI_KOTA}, ……" in text


def test_it_keeps_the_signature_block_on_one_page_and_repeats_table_headers(org, tahun, skp_kasi):
    skp = rencanakan(org.staf, tahun, [skp_kasi.rhk.first()])
    for nomor in range(2, 15):
        isi_rhk(skp, f"Tersedianya data layanan nomor {nomor} yang mutakhir", skp_kasi.rhk.first())
    pages = halaman(SkpPdf(skp).render()[2])
    assert len(pages) >= 3
    header = "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI"
    assert sum(header in page for page in pages) >= 2, "the HASIL KERJA header repeats on the next page"
    [ttd] = [i for i, page in enumerate(pages) if "Pegawai yang Dinilai" in page]
    assert f"NIP. {format_nip(org.staf.nip)}" in pages[ttd]
    assert f"{settings.INSTANSI_KOTA}," in pages[ttd]


@pytest.mark.parametrize("jumlah_rhk", [1, 5, 15])
def test_the_signature_block_shares_its_page_with_the_content_above(org, tahun, skp_kasi, jumlah_rhk):
    # Before the page-break rules, 5 and 15 RHK left "Bandung, …" and the two signatures alone on a page after
    # the perilaku table; the last perilaku row must travel with them (and the lampiran still starts a new page).
    skp = rencanakan(org.staf, tahun, [skp_kasi.rhk.first()])
    for nomor in range(2, jumlah_rhk + 1):
        isi_rhk(skp, f"Tersedianya data layanan nomor {nomor} yang mutakhir", skp_kasi.rhk.first())
    pages = halaman(SkpPdf(skp).render()[2])
    [ttd] = [i for i, page in enumerate(pages) if "Pegawai yang Dinilai" in page]
    di_atas = pages[ttd].split(f"{settings.INSTANSI_KOTA}, ")[0]
    terakhir = PerilakuKerja.objects.order_by("-urutan").first()
    assert f"{terakhir.urutan} {terakhir.nama}" in di_atas, f"page {ttd + 1} of {len(pages)}: {pages[ttd][:200]}"
    assert "LAMPIRAN SASARAN KINERJA PEGAWAI" not in pages[ttd]


def test_it_reads_an_skp_in_a_constant_number_of_queries(org, skp_kepala):
    def queries(jumlah_rhk: int) -> int:
        skp = SkpFactory(pegawai=org.kepala_b, tahun=skp_kepala.tahun + jumlah_rhk, status=SkpStatus.DISETUJUI)
        for urutan in range(1, jumlah_rhk + 1):
            rhk = RhkFactory(skp=skp, urutan=urutan)
            for i in range(1, 4):
                IkiFactory(rhk=rhk, urutan=i, target_min=Decimal(i))
        skp.identitas_pegawai = {"nama": "Kepala B", "nip": org.kepala_b.nip}
        skp.save()
        with CaptureQueriesContext(connection) as ctx:
            SkpPdf(Skp.objects.get(pk=skp.pk)).html()
        return len(ctx.captured_queries)

    assert queries(1) == queries(8)


# ---------------------------------------------------------------------------------------------------------------
# Nothing is fetched from the network or outside static
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/gambar.png",
        "https://example.com/logo.png",
        "ftp://example.com/berkas",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///etc/passwd",
        "file://example.com/etc/passwd",
    ],
)
def test_the_fetcher_refuses_network_and_files_outside_static(url):
    with pytest.raises(AksesDitolak):
        PengambilAman().fetch(url)


def test_the_fetcher_refuses_a_path_that_climbs_out_of_static():
    static = settings.STATICFILES_DIRS[0]
    with pytest.raises(AksesDitolak):
        PengambilAman().fetch(f"{static.as_uri()}/../manage.py")
    with pytest.raises(AksesDitolak):
        PengambilAman().fetch(f"{static.as_uri()}/tidak-ada.png")


def test_the_fetcher_serves_files_inside_static():
    response = PengambilAman().fetch(f"{settings.STATICFILES_DIRS[0].as_uri()}/img/favicon.svg")
    assert response.content_type == "image/svg+xml" and b"<svg" in response.read()


@pytest.fixture
def server_pengintai():
    """A local HTTP server that counts the requests it gets."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


def test_rendering_html_fetches_no_url_outside_static(server_pengintai):
    base, hits = server_pengintai
    html = (
        f'<html><head><link rel="stylesheet" href="{base}/gaya.css"></head><body>'
        f'<img src="{base}/gambar.png"><img src="file:///etc/passwd">'
        f'<div style="background: url({base}/latar.png)">isi</div></body></html>'
    )
    content = html_ke_pdf(html)
    assert content.startswith(b"%PDF") and hits == []
    assert "root:" not in teks_pdf(content)


def test_html_in_user_text_is_printed_as_text_and_fetches_nothing(org, tahun, server_pengintai):
    base, hits = server_pengintai
    skp = skp_disetujui(org.kepala, tahun=tahun, rhk=[f'Layanan <img src="{base}/x.png"> <b>tebal</b>'])
    LampiranFactory(skp=skp, teks='<img src="file:///etc/passwd">', urutan=1)
    text = teks_pdf(SkpPdf(skp).render()[2])
    assert hits == []
    assert f'<img src="{base}/x.png">' in text and "<b>tebal</b>" in text
    assert '<img src="file:///etc/passwd">' in text and "root:" not in text


# ---------------------------------------------------------------------------------------------------------------
# Jobs: one SKP, and the ZIP of an OPD
# ---------------------------------------------------------------------------------------------------------------


def test_the_view_runs_the_task_and_the_job_ends_in_the_pdf(client, org, skp_staf, django_capture_on_commit_callbacks):
    client.force_login(org.staf.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("skp:pdf", args=[skp_staf.pk]))
    job = Pekerjaan.objects.get(user=org.staf.user)
    assert response.status_code == 302 and response.url == reverse("pekerjaan_detail", args=[job.pk])
    assert job.status == StatusPekerjaan.SELESAI and job.persen == 100
    assert job.berkas.name.endswith(f"SKP-{skp_staf.tahun}-{org.staf.nip}-draf.pdf")
    text = teks_pdf(job.berkas.read())
    assert org.staf.nama_lengkap in text and TANDA_DRAF in text
    # Own SKP: nothing for the access log yet (the download itself is logged by portal.views.pekerjaan).
    assert not AksesLog.objects.exists()
    page = client.get(reverse("pekerjaan_detail", args=[job.pk]))
    assert "Unduh berkas" in page.content.decode()


def test_rendering_someone_elses_skp_is_logged(client, org, skp_staf, django_capture_on_commit_callbacks):
    client.force_login(org.kasi.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("skp:pdf", args=[skp_staf.pk]))
    log = AksesLog.objects.get()
    assert log.user == org.kasi.user and log.jenis == "UNDUH" and log.pegawai == org.staf
    assert Pekerjaan.objects.get(user=org.kasi.user).status == StatusPekerjaan.SELESAI


@pytest.mark.parametrize("persona", ["kasi_tiga", "staf_b", "admin_opd_lain"])
def test_an_skp_outside_the_users_reach_answers_404(client, org, skp_staf, persona):
    user = org.user(persona)
    client.force_login(user)
    assert client.post(reverse("skp:pdf", args=[skp_staf.pk])).status_code == 404
    assert client.get(reverse("skp:pdf", args=[skp_staf.pk])).status_code == 405
    assert not Pekerjaan.objects.exists()


def test_rerunning_a_render_replaces_the_file_of_the_same_job(
    client, org, skp_staf, django_capture_on_commit_callbacks
):
    client.force_login(org.staf.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("skp:pdf", args=[skp_staf.pk]))
    job = Pekerjaan.objects.get()
    first = job.berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("skp:pdf", args=[skp_staf.pk]))
    job = Pekerjaan.objects.get()
    assert job.status == StatusPekerjaan.SELESAI and job.berkas.name != first
    assert not job.berkas.storage.exists(first)
    assert job.berkas.read().startswith(b"%PDF")


def test_a_double_click_does_not_queue_a_running_job_twice(client, org, skp_staf, django_capture_on_commit_callbacks):
    client.force_login(org.staf.user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("skp:pdf", args=[skp_staf.pk]))
        client.post(reverse("skp:pdf", args=[skp_staf.pk]))
    assert Pekerjaan.objects.count() == 1 and len(callbacks) == 1


def test_a_job_whose_worker_died_is_queued_again(client, org, skp_staf, settings, django_capture_on_commit_callbacks):
    client.force_login(org.staf.user)
    mati = timezone.now() - datetime.timedelta(minutes=settings.PEKERJAAN_BASI_MENIT + 1)
    job = Pekerjaan.objects.create(
        user=org.staf.user,
        jenis="skp_pdf",
        judul="PDF SKP",
        parameter={"skp": skp_staf.pk},
        status=StatusPekerjaan.BERJALAN,
        mulai=mati,
        detak=mati,
        tugas="skp.tasks.skp_pdf",
        percobaan=1,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("skp:pdf", args=[skp_staf.pk]))
    assert response.url == reverse("pekerjaan_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == StatusPekerjaan.SELESAI and job.berkas.read().startswith(b"%PDF")


def test_the_opd_batch_zips_one_pdf_per_approved_current_skp(
    client, org, tahun, skp_kasi, skp_staf, django_capture_on_commit_callbacks
):
    # skp_kasi brings the approved SKP of kepala, kabid and kasi of Dinas A; Staf A's is a draft.
    kabid_v1 = Skp.objects.get(pegawai=org.kabid)
    skp_buat_perubahan(actor=org.kabid, skp=kabid_v1, alasan="Penyesuaian target.")  # v2 draft: v1 still counts
    skp_disetujui(org.kepala_b, tahun=tahun, rhk=["RHK Dinas B"])  # another OPD
    skp_disetujui(org.kepala, tahun=tahun - 1, rhk=["RHK tahun lalu"])
    client.force_login(org.admin_opd)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("skp:pdf_opd", args=[org.opd_a.pk, tahun]))
    job = Pekerjaan.objects.get(user=org.admin_opd)
    assert response.url == reverse("pekerjaan_detail", args=[job.pk])
    assert job.status == StatusPekerjaan.SELESAI and (job.selesai_n, job.total_n) == (3, 3)
    assert job.berkas.name.endswith(f"SKP-{tahun}-DA.zip")
    with zipfile.ZipFile(job.berkas.open("rb")) as arsip:
        names = sorted(arsip.namelist())
        # NIP and name first, so an admin finds a person in the sorted folder; the version in words.
        assert names == sorted(f"{p.nip} {p.nama} - SKP {tahun} versi 1.pdf" for p in (org.kepala, org.kabid, org.kasi))
        for name in names:
            text = teks_pdf(arsip.read(name))
            assert TANDA_DRAF not in text
            assert format_nip(name.split(" ")[0]) in text
    log = AksesLog.objects.get(jenis="EKSPOR")
    assert log.user == org.admin_opd and log.jumlah_baris == 3


def test_the_opd_batch_is_for_the_admin_of_that_opd_and_bkpsdm(client, org, tahun, skp_kepala):
    url = reverse("skp:pdf_opd", args=[org.opd_a.pk, tahun])
    for user in (org.admin_opd_lain, org.kepala.user, org.staf.user):
        client.force_login(user)
        assert client.post(url).status_code == 404
    client.force_login(org.admin_bkpsdm)
    assert client.post(url).status_code == 302
    assert Pekerjaan.objects.filter(user=org.admin_bkpsdm).exists()


def test_the_opd_batch_without_approved_skp_says_so_instead_of_an_empty_zip(client, org, tahun):
    client.force_login(org.admin_opd)
    response = client.post(reverse("skp:pdf_opd", args=[org.opd_a.pk, tahun]), follow=True)
    assert "Belum ada SKP" in response.content.decode()
    assert not Pekerjaan.objects.exists()


@pytest.mark.parametrize(
    ("nama", "periode", "versi", "status", "jabatan", "expected"),
    [
        ("Budi Santoso", None, 1, SkpStatus.DISETUJUI, False, "NIP Budi Santoso - SKP 2026 versi 1.pdf"),
        ("Budi Santoso", None, 3, SkpStatus.DISETUJUI, False, "NIP Budi Santoso - SKP 2026 versi 3.pdf"),
        (
            "Budi Santoso",
            (datetime.date(2026, 7, 1), datetime.date(2026, 12, 31)),
            2,
            SkpStatus.DISETUJUI,
            False,
            "NIP Budi Santoso - SKP 2026 1 Juli sampai 31 Desember versi 2.pdf",
        ),
        ('Siti  A/B: "Ani"', None, 1, SkpStatus.DRAFT, False, "NIP Siti A B Ani - SKP 2026 versi 1 draf.pdf"),
        ("Budi", None, 1, SkpStatus.DISETUJUI, True, "NIP Budi - SKP 2026 Kepala Seksi Dua versi 1.pdf"),
    ],
)
def test_a_batch_entry_is_named_by_nip_name_and_version_in_words(nama, periode, versi, status, jabatan, expected):
    from pegawai.models import Jabatan, Pegawai
    from skp.pdf import nama_dalam_zip

    mulai, selesai = periode or (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    skp = Skp(
        pegawai=Pegawai(nip="NIP", nama=nama),
        jabatan=Jabatan(nama="Kepala Seksi Dua"),
        tahun=2026,
        tanggal_mulai=mulai,
        tanggal_selesai=selesai,
        versi=versi,
        status=status,
    )
    assert nama_dalam_zip(skp, jabatan=jabatan) == expected


def test_the_web_process_does_not_load_weasyprint_to_count_an_opd_batch():
    """Every URL's view (the OPD batch one included) loads without WeasyPrint: only the worker that renders pays
    for it. A fresh interpreter, since this test process has loaded it already."""
    import subprocess
    import sys

    kode = (
        "import django, sys; django.setup(); import mangbagja.urls, skp.views.pdf; "
        "sys.exit(1 if 'weasyprint' in sys.modules else 0)"
    )
    hasil = subprocess.run([sys.executable, "-c", kode], capture_output=True, text=True, timeout=120)
    assert hasil.returncode == 0, hasil.stderr[-2000:]
