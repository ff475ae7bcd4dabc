"""The public transparency page: the suppression rule as a table and as a property (differencing never reveals a
group under 5), and the page itself — anonymous, no personal data, no cookie, closed months only, cached (a hit makes
no query) and invalidated by ``transparansi_hapus_cache``."""

from __future__ import annotations

import itertools
import random
import re
import time

import pytest
from django.core.cache import cache, caches
from django.test import Client, TestCase

from pegawai.tests.factories import PegawaiFactory, PerangkatDaerahFactory
from rekap.choices import StatusPeriodeRekap
from rekap.selectors.publik import (
    AMBANG,
    CACHE_DETIK,
    dari_cache,
    disembunyikan,
    kota_disembunyikan,
    susun_bulan,
    transparansi_hapus_cache,
)
from rekap.tests.factories import PeriodeRekapFactory, RekapPegawaiFactory, RekapUnitFactory

URL = "/rekap/transparansi/"


# ---------------------------------------------------------------------------------------------------------------
# The rule
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ukuran", "diharapkan"),
    [
        ({1: 40, 2: 12, 3: 5}, set()),  # nobody under 5: nothing hidden
        ({1: 40, 2: 12, 3: 3}, {3, 2}),  # one small OPD: the smallest other one goes with it
        ({1: 40, 2: 12, 3: 3, 4: 4}, {3, 4}),  # two small ones, 7 together: enough
        ({1: 40, 2: 12, 3: 2, 4: 2}, {3, 4, 2}),  # two small ones, 4 together: the smallest other joins
        ({1: 40, 2: 9, 3: 9, 4: 1}, {4, 2}),  # ties go by id
        ({1: 40, 2: 0}, {2, 1}),  # an OPD without pegawai this month is a small group too
    ],
)
def test_disembunyikan_table(ukuran, diharapkan):
    assert disembunyikan(ukuran) == diharapkan


def test_the_city_goes_when_it_is_small_or_the_rule_cannot_pad():
    assert kota_disembunyikan({1: 3}, {1}, 3)
    assert kota_disembunyikan({1: 3}, {1}, 9)  # one OPD in all: the city would be the small OPD
    assert kota_disembunyikan({1: 1, 2: 2}, {1, 2}, 3)
    assert not kota_disembunyikan({1: 3, 2: 40}, {1, 2}, 43)
    assert not kota_disembunyikan({1: 30, 2: 40}, set(), 70)


def _baris(i: int, n: int) -> dict:
    return {
        "id": i,
        "nama": f"Dinas {i:02d}",
        "pegawai_n": n,
        "hari_kerja": 20 * n,
        "hari_lapor": 17 * n + i % 3,
        # 40 activities submitted per pegawai: 32 approved, 4 refused, 4 still waiting.
        "aktivitas_disetujui_n": 32 * n,
        "aktivitas_ditolak_n": 4 * n,
        "aktivitas_menunggu_n": 4 * n,
        "diverifikasi_tepat_n": 30 * n,
        "skp_disetujui_n": n - (1 if n else 0),
    }


def _jumlah(baris: list[dict]) -> dict:
    return {k: sum(b[k] for b in baris) for k in baris[0] if k not in ("id", "nama")}


@pytest.mark.parametrize("seed", range(300))
def test_differencing_never_reveals_a_small_group(seed):
    """Whatever the sizes, the city total minus the OPDs shown is either nothing or the sum of two or more OPDs and
    at least AMBANG pegawai; a small OPD is never shown; a city under AMBANG is hidden."""
    acak = random.Random(seed)
    baris = [_baris(i, acak.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 40, 300])) for i in range(1, acak.randint(1, 8) + 1)]
    kota = _jumlah(baris)
    data = susun_bulan(2026, 1, baris, kota)
    tampil = {b.nama for b in data.opd if not b.angka.disembunyikan}
    sisa = [b for b in baris if b["nama"] not in tampil]
    assert all(b["pegawai_n"] >= AMBANG for b in baris if b["nama"] in tampil)
    if data.kota.disembunyikan:
        assert kota["pegawai_n"] < AMBANG or len(sisa) < 2 or sum(b["pegawai_n"] for b in sisa) < AMBANG
    elif sisa:
        assert len(sisa) >= 2
        assert sum(b["pegawai_n"] for b in sisa) >= AMBANG
        # What subtracting gives is exactly that sum (so the check above is about the right thing).
        assert data.kota.pegawai - sum(b.angka.pegawai for b in data.opd if not b.angka.disembunyikan) == sum(
            b["pegawai_n"] for b in sisa
        )


def test_shares_are_rounded_percentages_and_empty_denominators_are_none():
    data = susun_bulan(
        2026,
        1,
        [
            _baris(1, 10),
            {**_baris(2, 6), "aktivitas_disetujui_n": 0, "aktivitas_ditolak_n": 0, "aktivitas_menunggu_n": 0},
        ],
        _jumlah([_baris(1, 10)]),
    )
    a, b = data.opd
    assert a.angka.partisipasi == round(100 * 171 / 200, 1) == 85.5
    assert a.angka.verifikasi_tepat == 75.0
    assert a.angka.skp_disetujui == 90.0
    assert b.angka.verifikasi_tepat is None


# ---------------------------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _cache_kosong():
    cache.clear()
    yield
    cache.clear()


def _hapus(periode):
    with TestCase.captureOnCommitCallbacks(execute=True):
        transparansi_hapus_cache(periode)


@pytest.fixture
def kota(db):
    """Four OPDs with real pegawai (names and NIPs the page must never show) and a closed February 2026: Dinas Besar
    (40), Dinas Sedang (12), Dinas Kecil (3 — suppressed) and Dinas Menengah (9 — the smallest other one, suppressed
    with it); an open March 2026 that is not published."""
    opd = {
        nama: PerangkatDaerahFactory(nama=nama, kode=nama[-5:])
        for nama in ("Dinas Besar", "Dinas Sedang", "Dinas Kecil", "Dinas Menengah")
    }
    ukuran = {"Dinas Besar": 40, "Dinas Sedang": 12, "Dinas Kecil": 3, "Dinas Menengah": 9}
    februari = PeriodeRekapFactory(tahun=2026, nomor=2, status=StatusPeriodeRekap.DITUTUP)
    maret = PeriodeRekapFactory(tahun=2026, nomor=3, status=StatusPeriodeRekap.TERBUKA)
    pegawai = [PegawaiFactory(jabatan__unit_kerja__perangkat_daerah=opd["Dinas Kecil"]) for _ in range(3)]
    for p in pegawai:
        RekapPegawaiFactory(periode=februari, pegawai=p)
    for periode in (februari, maret):
        for nama, n in ukuran.items():
            RekapUnitFactory.opd(
                opd[nama],
                periode=periode,
                pegawai_n=n,
                hari_kerja=20 * n,
                hari_lapor=15 * n,
                aktivitas_disetujui_n=32 * n,
                aktivitas_ditolak_n=4 * n,
                aktivitas_menunggu_n=4 * n,
                diverifikasi_tepat_n=30 * n,
                skp_disetujui_n=n - 1,
            )
        RekapUnitFactory.kota(
            periode=periode,
            pegawai_n=64,
            hari_kerja=20 * 64,
            hari_lapor=15 * 64,
            aktivitas_disetujui_n=32 * 64,
            aktivitas_ditolak_n=4 * 64,
            aktivitas_menunggu_n=4 * 64,
            diverifikasi_tepat_n=30 * 64,
            skp_disetujui_n=60,
        )
    return {"opd": opd, "februari": februari, "maret": maret, "pegawai": pegawai}


def _baris_opd(html: str) -> dict[str, list[str]]:
    """The OPD table's cells as text, per OPD name."""
    tabel = html.split('data-testid="tabel-opd"')[1].split("</table>")[0]
    hasil = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", tabel, flags=re.S)[1:]:
        sel = [
            " ".join(re.sub(r"<[^>]+>", " ", td).split()) for td in re.findall(r"<td[^>]*>(.*?)</td>", tr, flags=re.S)
        ]
        hasil[sel[0]] = sel[1:]
    return hasil


@pytest.mark.django_db
def test_anonymous_sees_the_closed_month_without_cookies_or_personal_data(kota):
    response = Client().get(URL)
    assert response.status_code == 200
    assert response.cookies == {} and not response.has_header("Set-Cookie")
    html = response.content.decode()
    for p in kota["pegawai"]:
        assert p.nama not in html
        assert p.nip not in html
        assert p.nip_tercetak not in html
    assert "csrfmiddlewaretoken" not in html and 'X-CSRFToken": ""' in html  # no token in a page shared by all
    assert "Februari 2026" in html and "Maret 2026" not in html  # the open month is not published
    baris = _baris_opd(html)
    assert baris["Dinas Besar"] == ["40", "75,0%", "75,0%", "97,5%"]
    assert baris["Dinas Sedang"] == ["12", "75,0%", "75,0%", "91,7%"]
    assert baris["Dinas Kecil"] == ["— disembunyikan"] * 4
    assert baris["Dinas Menengah"] == ["— disembunyikan"] * 4  # complementary: 64 − 40 − 12 = 12 pegawai of two OPDs
    assert "Bulan ini 2 perangkat daerah disembunyikan" in html


@pytest.mark.django_db
def test_a_logged_in_user_gets_the_same_page(kota):
    anonim = Client().get(URL).content
    client = Client()
    client.force_login(kota["pegawai"][0].user)
    assert client.get(URL).content == anonim


@pytest.mark.django_db
def test_a_cache_hit_makes_no_query_and_recompute_invalidates(kota, django_assert_num_queries):
    client = Client()
    pertama = client.get(URL).content
    with django_assert_num_queries(0):
        assert client.get(URL).content == pertama
        assert client.get(URL, {"bulan": "2026-02"}).content == pertama

    kota["februari"].rekap_unit.filter(perangkat_daerah=kota["opd"]["Dinas Besar"]).update(hari_lapor=20 * 40)
    assert client.get(URL).content == pertama  # cached until the recap says it changed
    _hapus(kota["februari"])
    assert _baris_opd(client.get(URL).content.decode())["Dinas Besar"][1] == "100,0%"


@pytest.mark.django_db
def test_closing_a_month_publishes_it_and_the_picker_offers_only_published_months(kota):
    client = Client()
    assert "2026-03" not in client.get(URL).content.decode()
    kota["maret"].status = StatusPeriodeRekap.DITUTUP
    kota["maret"].save()
    _hapus(kota["maret"])
    html = client.get(URL).content.decode()
    assert '<option value="2026-03" selected>Maret 2026</option>' in html
    assert '<option value="2026-02">Februari 2026</option>' in html
    trend = html.split('data-testid="tabel-tren"')[1].split("</table>")[0]
    assert "Feb 2026" in trend and "Mar 2026" in trend
    assert '"labels": ["Feb 2026", "Mar 2026"], "data": [75.0, 75.0]' in html


@pytest.mark.django_db
@pytest.mark.parametrize("nilai", ["2026-03", "2025-13", "x" * 3000, "²⁰²⁶-⁰²", "9999-12"])
def test_a_month_not_published_is_refused_with_a_message_and_not_cached(kota, nilai, monkeypatch):
    disimpan = []
    # The test's own cache object (the proxy ``cache`` may point at another one by teardown).
    sini = caches["default"]
    simpan, simpan_banyak = sini.set, sini.set_many
    monkeypatch.setattr(sini, "set", lambda key, *args, **kw: (disimpan.append(key), simpan(key, *args, **kw)))
    monkeypatch.setattr(sini, "set_many", lambda data, *a, **kw: (disimpan.extend(data), simpan_banyak(data, *a, **kw)))
    response = Client().get(URL, {"bulan": nilai})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bulan yang diminta tidak tersedia" in html
    assert "Dinas Besar" in html  # the newest published month instead
    # The key space stays bounded: a refused month is answered, never stored under a key of its own.
    assert not [k for k in disimpan if nilai in str(k)]


@pytest.mark.django_db
def test_nothing_published_yet_shows_the_empty_state():
    html = Client().get(URL).content.decode()
    assert "Belum ada rekap bulanan yang diterbitkan" in html
    assert 'name="bulan"' not in html


@pytest.mark.django_db
def test_the_trend_covers_twelve_months_ending_with_the_chosen_one(kota):
    opd = kota["opd"]["Dinas Besar"]
    for tahun, nomor in itertools.product((2024, 2025), range(1, 13)):
        periode = PeriodeRekapFactory(tahun=tahun, nomor=nomor, status=StatusPeriodeRekap.DITUTUP)
        RekapUnitFactory.opd(opd, periode=periode, pegawai_n=40)
        RekapUnitFactory.kota(periode=periode, pegawai_n=40)
    html = Client().get(URL, {"bulan": "2025-06"}).content.decode()
    trend = html.split('data-testid="tabel-tren"')[1].split("</table>")[0]
    bulan = re.findall(r'<th scope="row"[^>]*>([^<]+)</th>', trend)
    assert bulan == [f"{m} 2024" for m in ("Jul", "Agu", "Sep", "Okt", "Nov", "Des")] + [
        f"{m} 2025" for m in ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun")
    ]


def test_a_non_monthly_period_is_left_alone():
    periode = PeriodeRekapFactory.build(jenis="triwulan", tahun=2026, nomor=1)
    cache.set("rekap:transparansi:versi", "lama", None)
    transparansi_hapus_cache(periode)
    assert cache.get("rekap:transparansi:versi") == "lama"


def test_each_process_keeps_a_copy_of_a_version_until_it_changes_or_expires(monkeypatch):
    """A hit reads only the version from the shared cache (Redis in production): the pieces under that version come
    from the process's copy, which a new version empties and which lasts no longer than the shared entries."""
    cache.clear()
    assert dari_cache("v1", "uji:v1", lambda: "halaman lama") == "halaman lama"
    cache.delete("uji:v1")  # the shared copy gone: this process still serves its own under the same version
    assert dari_cache("v1", "uji:v1", lambda: "dihitung lagi") == "halaman lama"
    # A new version (an invalidation) empties the copy: the old key is computed again, the new one read once.
    assert dari_cache("v2", "uji:v1", lambda: "dihitung lagi") == "dihitung lagi"
    assert dari_cache("v2", "uji:v2", lambda: "halaman baru") == "halaman baru"
    cache.delete("uji:v2")
    sekarang = time.monotonic()
    monkeypatch.setattr(time, "monotonic", lambda: sekarang + CACHE_DETIK + 1)
    assert dari_cache("v2", "uji:v2", lambda: "setelah kedaluwarsa") == "setelah kedaluwarsa"
