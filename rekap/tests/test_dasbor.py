"""The landing-page dashboards (rekap.portal_hooks): each role's charts read the recap tables, carry the same
numbers in a table, link each bar to the recap table behind it, say "Rekap belum dihitung" before the first run,
and cost the same queries whatever the number of OPDs or bawahan."""

from __future__ import annotations

import datetime
import html
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pegawai.choices import JenisPeran
from pegawai.tests.factories import PegawaiFactory, PeranFactory, PerangkatDaerahFactory, UnitKerjaFactory
from penilaian.choices import Predikat, Rating, StatusEvaluasi
from penilaian.models import Evaluasi
from penilaian.tests.factories import CapaianFactory, PeriodeFactory
from skp.choices import SkpStatus
from skp.tests.factories import SkpFactory

from .. import rules
from ..choices import JenisPeriodeRekap
from .factories import PeriodeRekapFactory, RekapPegawaiFactory, RekapRhkFactory, RekapUnitFactory

pytestmark = pytest.mark.django_db


def _bulan(mundur: int = 0) -> dict:
    """The (tahun, nomor) of the month ``mundur`` months before today's, for PeriodeRekapFactory."""
    hari_ini = timezone.localdate()
    n = hari_ini.year * 12 + hari_ini.month - 1 - mundur
    return {"tahun": n // 12, "nomor": n % 12 + 1}


def _beranda(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def _grafik(page: str, id_: str) -> dict:
    """The JSON a chart is drawn from (json_script), as the browser's gambarGrafik reads it."""
    found = re.search(rf'<script id="{id_}" type="application/json">(.*?)</script>', page, re.S)
    assert found, f"no chart data {id_}"
    return json.loads(found.group(1))


# --- empty states ------------------------------------------------------------------------------------------------


def test_before_the_first_recap_every_dashboard_says_it_is_not_computed_yet(client, org):
    # A month that exists but was never computed does not count either.
    PeriodeRekapFactory(**_bulan(), dihitung_pada=None)
    for user, blok in (
        (org.staf.user, "dasbor-saya"),
        (org.kasi.user, "dasbor-tim"),
        (org.admin_bkpsdm, "dasbor-opd"),
        (org.admin_opd, "dasbor-opd"),
    ):
        page = _beranda(client, user)
        assert f'data-testid="{blok}"' in page
        assert "Rekap belum dihitung" in page, blok
        assert 'data-grafik="' not in page.split(f'data-testid="{blok}"')[1].split("</section>")[0]


def test_each_dashboard_is_shown_only_to_the_logins_it_concerns(client, org):
    page = _beranda(client, org.staf.user)
    assert 'data-testid="dasbor-saya"' in page
    assert 'data-testid="dasbor-tim"' not in page and 'data-testid="dasbor-opd"' not in page
    # Today's report stays first on a pegawai's landing page.
    assert page.index('data-testid="beranda-hari-ini"') < page.index('data-testid="dasbor-saya"')
    page = _beranda(client, org.kasi.user)
    assert 'data-testid="dasbor-tim"' in page and 'data-testid="dasbor-opd"' not in page
    page = _beranda(client, org.admin_bkpsdm)
    assert 'data-testid="dasbor-opd"' in page and 'data-testid="dasbor-saya"' not in page
    # The performance recap comes before the staffing recap.
    assert page.index('data-testid="dasbor-opd"') < page.index('data-testid="total-aktif"')


# --- pegawai -----------------------------------------------------------------------------------------------------


def test_a_pegawai_sees_their_months_their_rhk_and_their_newest_predikat(client, org):
    lama = PeriodeRekapFactory(**_bulan(2))
    lalu = PeriodeRekapFactory(**_bulan(1))
    kini = PeriodeRekapFactory(**_bulan(0))
    RekapPegawaiFactory(periode=lama, pegawai=org.staf, aktivitas_n=30, aktivitas_disetujui_n=28, menit_disetujui=5000)
    RekapPegawaiFactory(periode=lalu, pegawai=org.staf, aktivitas_n=35, menit_disetujui=6000, predikat=Predikat.BAIK)
    RekapPegawaiFactory(periode=kini, pegawai=org.staf, aktivitas_n=12, menit_disetujui=1800, menit_target=2400)
    # Another pegawai's months never show.
    RekapPegawaiFactory(periode=kini, pegawai=org.staf_lain, aktivitas_n=99)
    tahunan = PeriodeRekapFactory(jenis=JenisPeriodeRekap.TAHUN, tahun=lama.tahun - 1, nomor=1)
    RekapPegawaiFactory(periode=tahunan, pegawai=org.staf, predikat=Predikat.SANGAT_BAIK)
    skp = SkpFactory(pegawai=org.staf, status=SkpStatus.DISETUJUI)
    RekapRhkFactory(
        periode=kini, pegawai=org.staf, rhk__skp=skp, rhk__teks="Tersusunnya laporan data", persen_realisasi=62.5
    )
    RekapRhkFactory(periode=lalu, pegawai=org.staf, rhk__skp=skp, rhk__teks="RHK bulan lalu")

    page = _beranda(client, org.staf.user)
    menit = _grafik(page, "grafik-saya-menit")
    assert menit["datasets"][0]["data"] == [5000, 6000, 1800]
    assert menit["datasets"][1]["data"] == [7200, 7200, 2400]
    assert _grafik(page, "grafik-saya-aktivitas")["datasets"][0]["data"] == [30, 35, 12]
    assert len(menit["labels"]) == 3
    assert menit["tautan"][-1] == f"{reverse('rekap:pegawai_list')}?periode={kini.pk}&q={org.staf.nip}"
    rhk = _grafik(page, "grafik-saya-rhk")
    assert rhk["data"] == [62.5] and rhk["persen"] is True
    # The table carries the same numbers (Indonesian digit grouping).
    tabel = page.split('data-testid="tabel-saya"')[1].split("</table>")[0]
    assert "1.800" in tabel and "2.400" in tabel and "(75,0%)" in tabel
    assert "Tersusunnya laporan data" in page and "62,5%" in page and "RHK bulan lalu" not in page
    # The newest predikat is that of the newest period with one (last month, not last year's).
    predikat = page.split('data-testid="predikat-terakhir"')[1].split("</span>\n")[0]
    assert 'data-predikat="2"' in predikat and "Baik" in predikat


# --- atasan ------------------------------------------------------------------------------------------------------


def test_an_atasan_sees_the_team_this_month_with_pending_work_and_links_to_each_row(client, org):
    kini = PeriodeRekapFactory(**_bulan(0))
    RekapPegawaiFactory(
        periode=kini, pegawai=org.staf, hari_kerja=20, hari_lapor=15, aktivitas_n=40, entri_terlambat_n=4
    )
    RekapPegawaiFactory(
        periode=kini, pegawai=org.staf_lain, hari_kerja=20, hari_lapor=20, aktivitas_n=10, entri_terlambat_n=0
    )
    RekapPegawaiFactory(periode=kini, pegawai=org.staf_b)  # not a bawahan of the kasi

    page = _beranda(client, org.kasi.user)
    blok = page.split('data-testid="dasbor-tim"')[1]
    grafik = _grafik(page, "grafik-tim")
    names = sorted([org.staf.nama, org.staf_lain.nama])
    assert len(grafik["labels"]) == 2
    per_nama = dict(zip([org.staf.nama, org.staf_lain.nama], [75.0, 100.0], strict=True))
    assert grafik["datasets"][0]["data"] == [per_nama[n] for n in names]
    url = reverse("rekap:pegawai_list")
    assert grafik["tautan"][names.index(org.staf.nama)] == f"{url}?periode={kini.pk}&q={org.staf.nip}"
    # Team: 35 of 40 working days, 46 of 50 activities recorded in time.
    assert ">87,5%<" in blok.split('data-testid="tim-partisipasi"')[1][:40]
    assert ">92,0%<" in blok.split('data-testid="tim-tepat"')[1][:40]
    assert html.escape(f"{url}?periode={kini.pk}&q={org.staf.nip}") in blok
    assert org.staf_b.nama not in blok
    assert f'href="{reverse("kinerja:antrian")}"' in blok and f'href="{reverse("skp:antrian")}"' in blok


def test_the_team_predikat_is_shown_against_the_curve_of_penilaian(client, org):
    hari_ini = timezone.localdate()
    periode = PeriodeFactory(
        tahun=hari_ini.year,
        nomor=1,
        jenis="tahunan",
        tanggal_mulai=datetime.date(hari_ini.year, 1, 1),
        tanggal_selesai=datetime.date(hari_ini.year, 12, 31),
    )
    CapaianFactory(periode=periode, perangkat_daerah=org.opd_a, capaian=2)  # Baik: Baik at most 70 %
    for pegawai in (org.staf, org.staf_lain):
        skp = SkpFactory(pegawai=pegawai, status=SkpStatus.DISETUJUI)
        Evaluasi.objects.create(
            periode=periode,
            pegawai=pegawai,
            skp=skp,
            tanggal=hari_ini,
            penilai=org.kasi,
            status=StatusEvaluasi.DINILAI,
            rating_hasil=Rating.SESUAI,
            rating_perilaku=Rating.SESUAI,
            predikat=Predikat.BAIK,
        )
    page = _beranda(client, org.kasi.user)
    assert _grafik(page, "grafik-tim-predikat")["data"] == [0, 2, 0, 0, 0]
    blok = page.split('data-testid="dasbor-tim"')[1]
    # penilaian's own panel and rule: both rated Baik breaks the pattern of capaian Baik.
    assert 'data-testid="panel-distribusi"' in blok and 'data-testid="kurva-peringatan"' in blok


# --- kepala OPD, admin, pimpinan ---------------------------------------------------------------------------------


def _opd_bulan(periode, opd, **angka):
    return RekapUnitFactory.opd(opd, periode=periode, **angka)


def test_admin_bkpsdm_sees_every_opd_with_the_trend_and_each_bar_opens_its_table(client, org):
    lalu = PeriodeRekapFactory(**_bulan(1))
    kini = PeriodeRekapFactory(**_bulan(0))
    _opd_bulan(lalu, org.opd_a, hari_kerja=100, hari_lapor=50)
    _opd_bulan(
        kini,
        org.opd_a,
        hari_kerja=100,
        hari_lapor=80,
        aktivitas_disetujui_n=8,
        aktivitas_ditolak_n=1,
        aktivitas_menunggu_n=1,
        diverifikasi_n=9,
        diverifikasi_tepat_n=9,
        pegawai_n=4,
        pegawai_lapor_n=3,
        skp_disetujui_n=3,
        predikat_1_n=1,
        predikat_2_n=2,
        predikat_3_n=0,
        hari_tanpa_laporan=5,
        masalah_substansi_n=1,
        masalah_perilaku_n=3,
    )
    _opd_bulan(
        kini,
        org.opd_b,
        hari_kerja=100,
        hari_lapor=100,
        aktivitas_disetujui_n=0,
        aktivitas_ditolak_n=0,
        aktivitas_menunggu_n=0,
        diverifikasi_n=0,
        diverifikasi_tepat_n=0,
        pegawai_n=2,
        pegawai_lapor_n=2,
        skp_disetujui_n=2,
        predikat_1_n=0,
        predikat_2_n=1,
        predikat_3_n=1,
        hari_tanpa_laporan=0,
        masalah_substansi_n=0,
        masalah_perilaku_n=0,
    )
    RekapUnitFactory.kota(periode=kini)

    page = _beranda(client, org.admin_bkpsdm)
    per = _grafik(page, "grafik-opd-per")
    assert per["labels"] == ["DA", "DB"]  # the abbreviations; the table names them in full
    assert per["datasets"][0]["data"] == [80.0, 100.0]  # working days with a report (rekap.rules.partisipasi)
    assert per["datasets"][1]["data"] == [90.0, None]  # nothing submitted: no bar, not 0 %
    assert per["datasets"][2]["data"] == [75.0, 100.0]
    url = reverse("rekap:unit_list")
    assert per["tautan"] == [
        f"{url}?periode={kini.pk}&opd={org.opd_a.pk}",
        f"{url}?periode={kini.pk}&opd={org.opd_b.pk}",
    ]
    tren = _grafik(page, "grafik-opd-tren")
    assert len(tren["labels"]) == 2 and tren["datasets"][0]["data"] == [50.0, 90.0]
    assert tren["tautan"] == [f"{url}?periode={lalu.pk}", f"{url}?periode={kini.pk}"]
    assert _grafik(page, "grafik-opd-predikat")["data"] == [1, 3, 1, 0, 0]
    masalah = _grafik(page, "grafik-opd-masalah")
    assert masalah["labels"] == ["Perilaku", "Substansi"] and masalah["data"] == [3, 1]  # most frequent first
    assert _grafik(page, "grafik-opd-disiplin")["data"][0] == 5
    # The same numbers and links in the tables.
    tabel = page.split('data-testid="tabel-per"')[1].split("</table>")[0]
    assert html.escape(per["tautan"][0]) in tabel and "75,0%" in tabel and "–" in tabel
    assert ">90,0%<" in page.split('data-testid="opd-partisipasi"')[1][:40]


def test_an_opd_admin_sees_the_units_of_their_opd_only(client, org):
    kini = PeriodeRekapFactory(**_bulan(0))
    seksi = org.staf.jabatan.unit_kerja
    RekapUnitFactory(periode=kini, unit_kerja=seksi, pegawai_n=4, hari_kerja=100, hari_lapor=75)
    RekapUnitFactory(periode=kini, unit_kerja=org.staf_b.jabatan.unit_kerja)
    _opd_bulan(kini, org.opd_a)
    _opd_bulan(kini, org.opd_b)
    page = _beranda(client, org.admin_opd)
    per = _grafik(page, "grafik-opd-per")
    assert per["labels"] == [seksi.nama] and per["datasets"][0]["data"] == [75.0]
    assert per["tautan"] == [f"{reverse('rekap:pegawai_list')}?periode={kini.pk}&unit={seksi.pk}"]
    assert _grafik(page, "grafik-opd-tren")["tautan"] == [
        f"{reverse('rekap:unit_list')}?periode={kini.pk}&opd={org.opd_a.pk}"
    ]
    assert "Dinas B" not in page.split('data-testid="dasbor-opd"')[1].split("</section>")[0]


# --- query counts ------------------------------------------------------------------------------------------------


def _hitung_kueri(client, user) -> int:
    client.force_login(user)
    client.get(reverse("dashboard"))  # warm the session and settings rows
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(reverse("dashboard")).status_code == 200
    return len(kueri)


def test_the_opd_dashboard_costs_the_same_queries_whatever_the_number_of_opds(client, org):
    periode = [PeriodeRekapFactory(**_bulan(m)) for m in range(3)]
    for p in periode:
        _opd_bulan(p, org.opd_a)
    sedikit = _hitung_kueri(client, org.admin_bkpsdm)
    for i in range(5):
        opd = PerangkatDaerahFactory(nama=f"Dinas Tambahan {i}")
        for p in periode:
            _opd_bulan(p, opd)
    assert _hitung_kueri(client, org.admin_bkpsdm) == sedikit
    # A kepala OPD sees their units: the same holds for more units.
    PeranFactory(user=org.kepala.user, jenis=JenisPeran.PIMPINAN, perangkat_daerah=org.opd_a)
    sedikit = _hitung_kueri(client, org.kepala.user)
    for i in range(5):
        RekapUnitFactory(periode=periode[0], unit_kerja=UnitKerjaFactory(perangkat_daerah=org.opd_a, nama=f"Unit {i}"))
    assert _hitung_kueri(client, org.kepala.user) == sedikit


def test_the_team_dashboard_costs_the_same_queries_whatever_the_number_of_bawahan(client, org):
    kini = PeriodeRekapFactory(**_bulan(0))
    RekapPegawaiFactory(periode=kini, pegawai=org.staf)
    sedikit = _hitung_kueri(client, org.kasi.user)
    for i in range(5):
        RekapPegawaiFactory(periode=kini, pegawai=PegawaiFactory(jabatan=org.staf.jabatan, nama=f"Staf Tambahan {i}"))
    page_queries = _hitung_kueri(client, org.kasi.user)
    assert page_queries == sedikit
    assert len(_grafik(_beranda(client, org.kasi.user), "grafik-tim")["labels"]) == 6


def test_shares_are_rounded_as_the_recap_tables_round_them():
    # Half up, as rekap:unit_list shows it (a float's round() would give 12.2).
    assert rules.untuk_grafik(rules.persen(49, 400)) == 12.3
    assert rules.untuk_grafik(rules.persen(1, 3)) == 33.3 and rules.untuk_grafik(rules.persen(0, 0)) is None


# --- the guide ---------------------------------------------------------------------------------------------------


def test_the_guide_explains_how_to_read_the_dashboards(client):
    page = client.get(reverse("panduan")).content.decode()
    assert 'id="dasbor"' in page and "Membaca grafik di beranda" in page
