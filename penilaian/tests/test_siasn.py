"""The SIASN export: rows in BKN's field names with the stored codes, the refused rows with their reasons, the
admins' scope, the XLSX and JSON files, the access log and the pages (penilaian/selectors/siasn.py, exports.py,
views/siasn.py)."""

import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from penilaian.choices import JenisPeriode, Rating, StatusEvaluasi
from penilaian.exports import SiasnExporter
from penilaian.models import Evaluasi
from penilaian.selectors.siasn import KOLOM, ekspor_siasn, opd_siasn_untuk
from penilaian.services.evaluasi import evaluasi_nilai, evaluasi_siapkan
from penilaian.services.final import evaluasi_finalkan
from portal.choices import JenisAkses
from portal.models import AksesLog
from skp.choices import SkpStatus
from skp.selectors.identitas import identitas_kepala_daerah
from skp.tests.factories import SkpFactory

from .factories import TAHUN, CapaianFactory, PeriodeFactory, lengkapi_bukti

pytestmark = pytest.mark.django_db


def _dinilai(pegawai, skp, periode, penilai, hasil, perilaku):
    e = evaluasi_siapkan(pegawai=pegawai, skp=skp, periode=periode)
    lengkapi_bukti(e)
    return evaluasi_nilai(actor=penilai.user, evaluasi=e, rating_hasil=hasil, rating_perilaku=perilaku)


def _finalkan_tim_kasi(org, skp, periode):
    """Kasi rates staf Baik and staf_lain Butuh Perbaikan (the Baik curve holds: 50 % Baik, one BP) and finalises
    both. staf_dua keeps an approved SKP without an evaluation."""
    _dinilai(org.staf, skp.staf, periode, org.kasi, Rating.SESUAI, Rating.SESUAI)
    _dinilai(org.staf_lain, skp.staf_lain, periode, org.kasi, Rating.DI_BAWAH, Rating.SESUAI)
    return evaluasi_finalkan(actor=org.kasi.user, periode=periode)


@pytest.fixture
def final(org, periode, skp, capaian_baik):
    return _finalkan_tim_kasi(org, skp, periode)


@pytest.fixture
def tahunan(org):
    periode = PeriodeFactory(jenis=JenisPeriode.TAHUNAN, nomor=1)
    CapaianFactory(periode=periode, perangkat_daerah=org.opd_a, capaian=2)
    return periode


def _per_nip(data):
    return {b["nip"]: b for b in data.baris}


def _alasan(data):
    return {d.nip: d.alasan for d in data.ditolak}


# ---------------------------------------------------------------------------------------------------------------
# Rows and codes
# ---------------------------------------------------------------------------------------------------------------


def test_it_exports_final_periodic_results_in_siasn_fields_with_the_stored_codes(org, periode, final):
    data = ekspor_siasn(periode, org.opd_a)
    assert data.jenis == "kinerjaperiodik"
    assert [list(b) for b in data.baris] == [list(KOLOM["kinerjaperiodik"])] * 2
    baris = _per_nip(data)
    assert baris[org.staf.nip] == {
        "nip": org.staf.nip,
        "nama": org.staf.nama_lengkap,
        "tahun": TAHUN,
        "bulanMulaiPenilaian": 1,
        "bulanSelesaiPenilaian": 3,
        "tahunMulaiPenilaian": TAHUN,
        "tahunSelesaiPenilaian": TAHUN,
        "periodikId": 2,
        "koefisienId": None,
        "hasilKinerjaNilai": 2,
        "perilakuKerjaNilai": 2,
        "kuadranKinerjaNilai": 2,
        "penilaiNipNrp": org.kasi.nip,
        "penilaiNama": org.kasi.nama_lengkap,
        "penilaiGolongan": org.kasi.pangkat_golongan,
        "penilaiJabatanNama": "Kepala Seksi Satu",
        "penilaiUnorNama": "Seksi Satu",
        "statusPenilai": "ASN",
    }
    lain = baris[org.staf_lain.nip]
    assert (lain["hasilKinerjaNilai"], lain["perilakuKerjaNilai"], lain["kuadranKinerjaNilai"]) == (3, 2, 3)


def test_it_names_the_penilai_frozen_at_final_not_todays(org, periode, final):
    org.kasi.nama = "Kasi Yang Baru"
    org.kasi.save()
    assert {b["penilaiNama"] for b in ekspor_siasn(periode, org.opd_a).baris} == {"Kasi A"}


def test_a_monthly_period_is_periodik_1_with_its_month(org, skp):
    maret = PeriodeFactory(jenis=JenisPeriode.BULANAN, nomor=3)
    CapaianFactory(periode=maret, perangkat_daerah=org.opd_a, capaian=2)
    _finalkan_tim_kasi(org, skp, maret)
    (baris, _lain) = ekspor_siasn(maret, org.opd_a).baris
    assert (baris["periodikId"], baris["bulanMulaiPenilaian"], baris["bulanSelesaiPenilaian"]) == (1, 3, 3)


def test_it_exports_the_annual_result_in_skp22_fields(org, skp, tahunan):
    _finalkan_tim_kasi(org, skp, tahunan)
    data = ekspor_siasn(tahunan, org.opd_a)
    assert data.jenis == "skp22"
    baris = _per_nip(data)[org.staf.nip]
    assert list(baris) == list(KOLOM["skp22"])
    assert baris["tahun"] == TAHUN
    assert baris["penilaiJabatan"] == "Kepala Seksi Satu"
    assert (baris["hasilKinerjaNilai"], baris["perilakuKerjaNilai"], baris["kuadranKinerjaNilai"]) == (2, 2, 2)
    assert "bulanMulaiPenilaian" not in baris and "periodikId" not in baris


def test_the_kepala_daerah_as_penilai_is_non_asn_without_nip(org, periode, final, settings):
    settings.KEPALA_DAERAH_NAMA = "Dr. H. Wali Kota"
    Evaluasi.objects.filter(pegawai=org.staf, periode=periode).update(identitas_penilai=identitas_kepala_daerah())
    baris = _per_nip(ekspor_siasn(periode, org.opd_a))[org.staf.nip]
    assert (baris["statusPenilai"], baris["penilaiNipNrp"], baris["penilaiNama"]) == ("NON ASN", "", "Dr. H. Wali Kota")
    assert baris["penilaiUnorNama"] == settings.INSTANSI_NAMA


# ---------------------------------------------------------------------------------------------------------------
# Rows that cannot be exported
# ---------------------------------------------------------------------------------------------------------------


def test_it_lists_every_row_that_cannot_be_exported_with_the_reason(org, periode, skp, capaian_baik):
    _dinilai(org.staf_dua, skp.staf_dua, periode, org.kasi_tiga, Rating.SESUAI, Rating.SESUAI)
    final = _finalkan_tim_kasi(org, skp, periode)
    # A final evaluation whose penilai block lost its NIP (an ASN penilai must be named by NIP in SIASN).
    tanpa_nip = next(e for e in final if e.pegawai_id == org.staf_lain.pk)
    tanpa_nip.refresh_from_db()
    Evaluasi.objects.filter(pk=tanpa_nip.pk).update(identitas_penilai={**tanpa_nip.identitas_penilai, "nip": ""})
    data = ekspor_siasn(periode, org.opd_a)
    assert list(_per_nip(data)) == [org.staf.nip]
    alasan = _alasan(data)
    assert alasan == {
        org.staf_dua.nip: "Evaluasi belum final (status: Dinilai).",
        org.staf_lain.nip: "NIP pejabat penilai tidak tercatat pada evaluasi yang difinalkan.",
    }
    ditolak = next(d for d in data.ditolak if d.nip == org.staf_dua.nip)
    assert (ditolak.nama, ditolak.unit_kerja, ditolak.perangkat_daerah) == ("Staf Dua", "Seksi Dua", "Dinas A")


def test_an_approved_skp_without_an_evaluation_is_listed_unless_the_pegawai_left(org, periode, final):
    data = ekspor_siasn(periode, org.opd_a)
    assert _alasan(data) == {
        org.staf_dua.nip: "Belum ada evaluasi untuk SKP yang disetujui pada periode Triwulan I 2026."
    }
    org.staf_dua.aktif = False
    org.staf_dua.save()
    assert ekspor_siasn(periode, org.opd_a).ditolak == []


def test_a_draft_or_unapproved_skp_is_not_expected_to_have_an_evaluation(org, periode, skp):
    SkpFactory(pegawai=org.staf_b, tahun=TAHUN, status=SkpStatus.DRAFT)
    assert org.staf_b.nip not in _alasan(ekspor_siasn(periode))


def test_a_semester_cannot_be_uploaded_and_every_evaluation_says_why(org, skp):
    semester = PeriodeFactory(jenis=JenisPeriode.SEMESTERAN, nomor=1)
    evaluasi_siapkan(pegawai=org.staf, skp=skp.staf, periode=semester)
    data = ekspor_siasn(semester, org.opd_a)
    assert data.baris == []
    alasan = _alasan(data)[org.staf.nip]
    assert "hanya menerima kinerja periodik bulanan (periodikId 1) dan triwulanan (periodikId 2)" in alasan


def test_a_pegawai_who_moved_opd_is_expected_by_the_opd_of_each_stretch(org, periode, tahunan):
    # Staf B worked in Dinas A until June (an approved SKP there), then in Dinas B.
    SkpFactory(
        pegawai=org.staf_b,
        tahun=TAHUN,
        jabatan=org.staf.jabatan,
        status=SkpStatus.DISETUJUI,
        tanggal_selesai=datetime.date(TAHUN, 6, 30),
    )
    SkpFactory(pegawai=org.staf_b, tahun=TAHUN, status=SkpStatus.DISETUJUI, tanggal_mulai=datetime.date(TAHUN, 7, 1))
    # Triwulan I was worked in Dinas A; the year ends in Dinas B, whose penilai gives the annual rating.
    assert org.staf_b.nip in _alasan(ekspor_siasn(periode, org.opd_a))
    assert org.staf_b.nip not in _alasan(ekspor_siasn(periode, org.opd_b))
    assert org.staf_b.nip not in _alasan(ekspor_siasn(tahunan, org.opd_a))
    assert [d.perangkat_daerah for d in ekspor_siasn(tahunan, org.opd_b).ditolak] == ["Dinas B"]
    assert [d.nip for d in ekspor_siasn(tahunan).ditolak].count(org.staf_b.nip) == 1


def test_it_reads_any_number_of_rows_in_two_queries(org, periode, skp, capaian_baik, django_assert_num_queries):
    _dinilai(org.staf_dua, skp.staf_dua, periode, org.kasi_tiga, Rating.SESUAI, Rating.SESUAI)
    _finalkan_tim_kasi(org, skp, periode)
    with django_assert_num_queries(2):
        data = ekspor_siasn(periode, org.opd_a)
    assert (len(data.baris), len(data.ditolak)) == (2, 1)
    with django_assert_num_queries(2):
        ekspor_siasn(periode)


# ---------------------------------------------------------------------------------------------------------------
# Scope
# ---------------------------------------------------------------------------------------------------------------


def test_admins_export_their_own_scope_and_nobody_else_any(org):
    assert list(opd_siasn_untuk(org.admin_opd)) == [org.opd_a]
    assert list(opd_siasn_untuk(org.admin_opd_lain)) == [org.opd_b]
    assert {org.opd_a, org.opd_b} <= set(opd_siasn_untuk(org.admin_bkpsdm))
    assert list(opd_siasn_untuk(org.staf.user)) == []
    assert list(opd_siasn_untuk(org.kasi.user)) == []


def test_another_opds_export_holds_none_of_dinas_a(org, periode, final):
    data = ekspor_siasn(periode, org.opd_b)
    assert data.baris == [] and data.ditolak == []
    assert len(ekspor_siasn(periode).baris) == 2


# ---------------------------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------------------------


RUMUS = '=HYPERLINK("http://x")'


@pytest.fixture
def final_rumus(org, periode, skp, capaian_baik):
    """As ``final``, with staf's name starting with "=" (a spreadsheet would run it as a formula) and an accent."""
    org.staf.nama = RUMUS
    org.staf.save()
    org.staf_lain.nama = "Staf Andréa"
    org.staf_lain.save()
    return _finalkan_tim_kasi(org, skp, periode)


def _unduh(client, org, periode, fmt, user=None, opd=None):
    client.force_login(user or org.admin_opd)
    query = {"jenis": "kinerjaperiodik", "periode": periode.pk, "format": fmt}
    if opd is not None:
        query["opd"] = opd.pk
    return client.get(reverse("penilaian:siasn_unduh"), query)


def test_the_xlsx_has_a_title_the_siasn_headers_the_codes_and_a_sheet_of_refused_rows(
    client, org, periode, final_rumus
):
    response = _unduh(client, org, periode, "xlsx", opd=org.opd_a)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="siasn-kinerjaperiodik-2026-triwulanan-1-da.xlsx"' in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["SIASN kinerjaperiodik", "Tidak dapat diekspor"]
    rows = list(wb["SIASN kinerjaperiodik"].values)
    assert rows[0][0] == "Hasil kinerja periodik untuk SIASN (kinerjaperiodik) — Triwulan I 2026 — Dinas A"
    assert list(rows[1]) == list(KOLOM["kinerjaperiodik"])
    kolom = {nama: i for i, nama in enumerate(rows[1])}
    data = {r[kolom["nip"]]: r for r in rows[2:]}
    staf = data[org.staf.nip]
    assert staf[kolom["nama"]] == "'" + RUMUS
    assert (staf[kolom["periodikId"]], staf[kolom["kuadranKinerjaNilai"]], staf[kolom["koefisienId"]]) == (2, 2, None)
    assert data[org.staf_lain.nip][kolom["hasilKinerjaNilai"]] == 3
    assert data[org.staf_lain.nip][kolom["nama"]] == "Staf Andréa"
    ditolak = list(wb["Tidak dapat diekspor"].values)
    assert ditolak[0][0].startswith("Tidak dapat diekspor — Triwulan I 2026 — Dinas A")
    assert list(ditolak[1]) == ["No.", "Nama", "NIP", "Unit kerja", "Perangkat daerah", "Alasan"]
    assert ditolak[2][1:3] == ("Staf Dua", org.staf_dua.nip)
    assert ditolak[2][5].startswith("Belum ada evaluasi")
    assert wb["SIASN kinerjaperiodik"].freeze_panes == "A3"


def test_the_json_is_a_list_of_objects_in_utf8(client, org, periode, final_rumus):
    response = _unduh(client, org, periode, "json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Staf Andréa".encode() in response.content
    rows = json.loads(response.content.decode("utf-8"))
    assert [list(r) for r in rows] == [list(KOLOM["kinerjaperiodik"])] * 2
    staf = next(r for r in rows if r["nip"] == org.staf.nip)
    # JSON carries data, not formulas: the name is written as it is.
    assert staf["nama"] == RUMUS
    assert (staf["hasilKinerjaNilai"], staf["periodikId"], staf["koefisienId"]) == (2, 2, None)


def test_the_exporter_renders_an_empty_export_with_its_headers(org, periode):
    export = SiasnExporter(ekspor_siasn(periode, org.opd_b)).render("xlsx")
    assert export.jumlah_baris == 0
    rows = list(load_workbook(io.BytesIO(export.content))["SIASN kinerjaperiodik"].values)
    assert list(rows[1]) == list(KOLOM["kinerjaperiodik"]) and len(rows) == 2
    assert json.loads(SiasnExporter(ekspor_siasn(periode, org.opd_b)).render("json").content) == []


def test_every_download_is_in_the_access_log_with_its_row_count(client, org, periode, final):
    _unduh(client, org, periode, "json", user=org.admin_bkpsdm)
    log = AksesLog.objects.get()
    assert (log.user, log.jenis, log.jumlah_baris) == (org.admin_bkpsdm, JenisAkses.EKSPOR, 2)
    assert log.objek == "Ekspor SIASN kinerjaperiodik Triwulan I 2026, Semua perangkat daerah (JSON)"
    assert log.path.startswith(reverse("penilaian:siasn_unduh"))


# ---------------------------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------------------------


def test_the_page_shows_the_counts_the_refused_rows_and_the_downloads(client, org, periode, final):
    client.force_login(org.admin_opd)
    response = client.get(reverse("penilaian:siasn"), {"jenis": "kinerjaperiodik", "periode": periode.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="jumlah-diekspor">2<' in html
    assert 'data-testid="jumlah-ditolak">1<' in html
    assert "Staf Dua" in html and "Belum ada evaluasi" in html
    assert reverse("penilaian:siasn_unduh") in html and "format=json" in html
    # The admin OPD's own OPD was filled in; nothing was downloaded by looking.
    assert response.context["data"].opd == org.opd_a
    assert not AksesLog.objects.exists()


def test_the_first_visit_proposes_the_newest_period_without_exporting(client, org, periode):
    client.force_login(org.admin_bkpsdm)
    response = client.get(reverse("penilaian:siasn"))
    assert response.status_code == 200
    assert response.context["form"].initial["periode"] == periode
    assert "data" not in response.context


def test_a_period_of_the_other_kind_is_refused_by_the_form(client, org, periode, tahunan):
    client.force_login(org.admin_bkpsdm)
    response = client.get(reverse("penilaian:siasn"), {"jenis": "skp22", "periode": periode.pk})
    assert response.status_code == 200
    assert "memerlukan periode tahunan" in response.content.decode()
    assert "data" not in response.context
    response = _unduh(client, org, periode, "csv", user=org.admin_bkpsdm)
    assert response.status_code == 302
    assert response.url.startswith(reverse("penilaian:siasn"))
    assert not AksesLog.objects.exists()


def test_an_opd_outside_the_scope_and_a_non_admin_get_404(client, org, periode):
    assert _unduh(client, org, periode, "xlsx", user=org.admin_opd_lain, opd=org.opd_a).status_code == 404
    client.force_login(org.admin_opd_lain)
    assert client.get(reverse("penilaian:siasn"), {"periode": periode.pk, "opd": org.opd_a.pk}).status_code == 404
    for orang in (org.staf, org.kasi, org.kepala):
        client.force_login(orang.user)
        assert client.get(reverse("penilaian:siasn")).status_code == 404
        assert _unduh(client, org, periode, "xlsx", user=orang.user).status_code == 404
    client.logout()
    assert client.get(reverse("penilaian:siasn")).status_code == 302


def test_the_page_costs_the_same_queries_for_more_rows(client, org, periode, skp, capaian_baik):
    client.force_login(org.admin_bkpsdm)
    url = reverse("penilaian:siasn")
    query = {"jenis": "kinerjaperiodik", "periode": periode.pk}
    client.get(url, query)  # warm the session and the caches
    with CaptureQueriesContext(connection) as sedikit:
        assert client.get(url, query).status_code == 200
    _dinilai(org.staf_dua, skp.staf_dua, periode, org.kasi_tiga, Rating.SESUAI, Rating.SESUAI)
    _finalkan_tim_kasi(org, skp, periode)
    assert Evaluasi.objects.filter(status=StatusEvaluasi.FINAL).count() == 2
    with CaptureQueriesContext(connection) as banyak:
        assert client.get(url, query).status_code == 200
    assert len(banyak) == len(sedikit)
