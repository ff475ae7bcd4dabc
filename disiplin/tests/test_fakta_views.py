"""The reporting-discipline pages: the monthly table (scope, pagination, constant queries), its export (exactly what
the table shows, access-logged), one pegawai's history, and the months page's actions."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from disiplin.choices import JenisFakta, StatusBulan
from disiplin.models import BulanDisiplin, FaktaDisiplin
from pegawai.tests.factories import PegawaiFactory
from portal.choices import JenisAkses
from portal.models import AksesLog

D = datetime.date
URL = reverse("disiplin:pelaporan")


def _fakta(pegawai, opd, hari, jenis=JenisFakta.TANPA_LAPORAN, jumlah=1, bulan=3):
    return FaktaDisiplin.objects.create(
        pegawai=pegawai, perangkat_daerah=opd, tanggal=D(2026, bulan, hari), jenis=jenis, jumlah=jumlah
    )


@pytest.fixture
def fakta_maret(org):
    _fakta(org.staf, org.opd_a, 3)
    _fakta(org.staf, org.opd_a, 4)
    _fakta(org.staf, org.opd_a, 5, JenisFakta.ENTRI_TERLAMBAT, 2)
    _fakta(org.kasi, org.opd_a, 6, JenisFakta.TIDAK_DIVERIFIKASI, 3)
    _fakta(org.staf_b, org.opd_b, 3)
    _fakta(org.staf, org.opd_a, 27, bulan=2)  # not March's


def test_it_shows_the_opd_table_of_the_month(client, org, fakta_maret):
    client.force_login(org.admin_opd)
    response = client.get(URL, {"bulan": "2026-03"})
    assert response.status_code == 200
    rows = {p.pk: p.kolom for p in response.context["page_obj"].object_list}
    assert set(rows) == {org.staf.pk, org.kasi.pk}
    assert [n for _label, n in rows[org.staf.pk]] == [2, 2, 0, 0]
    assert [n for _label, n in rows[org.kasi.pk]] == [0, 0, 0, 3]
    # Another OPD's id typed into the address: not revealed.
    assert client.get(URL, {"bulan": "2026-03", "opd": org.opd_b.pk}).status_code == 404
    assert client.get(URL, {"bulan": "2026-13"}).context["form"].errors


def test_it_shows_an_atasan_their_bawahan(client, org, fakta_maret):
    client.force_login(org.kasi.user)
    response = client.get(URL, {"bulan": "2026-03"})
    assert [p.pk for p in response.context["page_obj"].object_list] == [org.staf.pk]
    assert "opd" not in response.context["form"].fields
    assert client.get(reverse("disiplin:pelaporan_ekspor"), {"bulan": "2026-03"}).status_code == 404


def test_it_reads_the_same_number_of_queries_for_5_and_50_rows(client, org):
    client.force_login(org.admin_bkpsdm)

    def kueri(n: int) -> int:
        FaktaDisiplin.objects.all().delete()
        for i in range(n):
            _fakta(PegawaiFactory(jabatan=org.staf.jabatan, nama=f"P{n}-{i:02d}"), org.opd_a, 3)
        with CaptureQueriesContext(connection) as q:
            response = client.get(URL, {"bulan": "2026-03", "opd": org.opd_a.pk})
        assert len(response.context["page_obj"].object_list) == n
        return len(q)

    assert kueri(5) == kueri(50)


def test_it_exports_what_the_page_shows(client, org, fakta_maret):
    client.force_login(org.admin_opd)
    response = client.get(reverse("disiplin:pelaporan_ekspor"), {"bulan": "2026-03", "opd": org.opd_a.pk})
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert [(r[1], r[5], r[6], r[8]) for r in rows] == sorted(
        [(org.staf.nip, 2, 2, 0), (org.kasi.nip, 0, 0, 3)], key=lambda r: r[0] != org.kasi.nip
    )
    log = AksesLog.objects.get(jenis=JenisAkses.EKSPOR)
    assert (log.user, log.jumlah_baris) == (org.admin_opd, 2)


def test_it_shows_a_pegawai_history(client, org, fakta_maret):
    client.force_login(org.kabid.user)
    url = reverse("disiplin:pelaporan_pegawai", args=[org.staf.pk])
    response = client.get(url)
    assert [(m["tahun"], m["bulan"]) for m in response.context["page_obj"].object_list] == [(2026, 3), (2026, 2)]
    # The newest month's days unless one is chosen.
    assert [h["tanggal"] for h in response.context["hari"]] == [D(2026, 3, 3), D(2026, 3, 4), D(2026, 3, 5)]
    response = client.get(url, {"bulan": "2026-02"})
    assert [h["tanggal"] for h in response.context["hari"]] == [D(2026, 2, 27)]
    assert AksesLog.objects.filter(jenis=JenisAkses.LIHAT, pegawai=org.staf, user=org.kabid.user).count() == 2
    client.force_login(org.staf_b.user)
    assert client.get(url).status_code == 404


def test_it_reopens_a_month_with_a_reason_only(client, org, django_capture_on_commit_callbacks):
    bulan = BulanDisiplin.objects.create(tahun=2026, bulan=2, status=StatusBulan.DITUTUP)
    client.force_login(org.admin_bkpsdm)
    url = reverse("disiplin:bulan_buka", args=[bulan.pk])
    response = client.post(url, {"alasan": "   "})
    assert response.status_code == 422
    bulan.refresh_from_db()
    assert bulan.status == StatusBulan.DITUTUP
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"alasan": "Presensi susulan"})
    assert response.status_code == 302
    bulan.refresh_from_db()
    assert (bulan.status, bulan.alasan_buka_kembali) == (StatusBulan.TERBUKA, "Presensi susulan")


def test_it_starts_the_computation_of_an_open_month_only(client, org, django_capture_on_commit_callbacks):
    client.force_login(org.admin_bkpsdm)
    url = reverse("disiplin:bulan_hitung")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"bulan": "2025-03"}).status_code == 302
    # Eager Celery ran every OPD: the days of March 2025 without any report are facts of Dinas A and B.
    assert FaktaDisiplin.objects.filter(perangkat_daerah=org.opd_a, tanggal__year=2025).exists()
    assert FaktaDisiplin.objects.filter(perangkat_daerah=org.opd_b, tanggal__year=2025).exists()
    BulanDisiplin.objects.filter(tahun=2025, bulan=3).update(status=StatusBulan.DITUTUP)
    response = client.post(url, {"bulan": "2025-03"})
    assert response.status_code == 422
    assert "ditutup" in response.context["hitung_form"].non_field_errors()[0]
    assert client.post(url, {"bulan": "maret"}).status_code == 422
    assert client.get(reverse("disiplin:bulan")).status_code == 200
