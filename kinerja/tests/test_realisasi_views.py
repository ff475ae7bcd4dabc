"""The progress page by aspek: a kuantitas IKI shows its sum and percentage, any other IKI the realisasi its pegawai
stated with evidence (or "belum dinyatakan") beside the activities that support it; the owner states it from the
page (htmx or a plain POST), the atasan reads it; the page's queries do not grow with the number of IKI.

"Today" is Wednesday 11 March 2026 (the ``jam`` fixture): March is open, February is locked."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.choices import StatusAktivitas
from kinerja.models import RealisasiDinyatakan
from kinerja.services.realisasi import realisasi_nyatakan
from portal.errors import REFUSED_STATUS
from skp.choices import Aspek
from skp.tests.factories import IkiFactory, RhkFactory

from .factories import TAHUN, AktivitasFactory

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time
HTMX = {"HTTP_HX_REQUEST": "true"}


def masuk(orang) -> Client:
    client = Client()
    client.force_login(getattr(orang, "user", orang))
    return client


def teks(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def aktivitas(pegawai, tanggal, rhk, volume=1, satuan="dokumen", mulai=8):
    return AktivitasFactory(
        pegawai=pegawai,
        tanggal=tanggal,
        rhk=rhk,
        volume=Decimal(volume),
        satuan=satuan,
        status=StatusAktivitas.DISETUJUI,
        jam_mulai=T(mulai, 0),
        jam_selesai=T(mulai + 1, 0),
        uraian=f"Memeriksa laporan {tanggal:%d}/{mulai}",
    )


def url_nyatakan(iki, bulan=3):
    return reverse("kinerja:realisasi_nyatakan", args=[iki.pk, TAHUN, bulan])


ISIAN = {"nilai": "95,5", "penjelasan": "Dua dari 40 laporan direvisi.", "bukti": "https://arsip.contoh.go.id/nd-12"}


@pytest.fixture
def r1(skp):
    return skp.rhk(skp.staf, 1)


@pytest.fixture
def iki_kualitas(r1):
    return IkiFactory(
        rhk=r1, aspek=Aspek.KUALITAS, target_min=Decimal(100), satuan="%", teks="Laporan tanpa revisi", urutan=2
    )


@pytest.fixture
def bulan_maret(org, r1, iki_kualitas):
    """March: three documents, and ten activities logged as "100 %" (the input behind the issue's "1.000 %")."""
    for hari in range(2, 12):
        aktivitas(org.staf, D(TAHUN, 3, hari), r1, volume=100, satuan="%")
    for mulai in (10, 12, 14):
        aktivitas(org.staf, D(TAHUN, 3, 2), r1, mulai=mulai)


def test_the_owner_sees_the_sum_of_a_kuantitas_iki_and_states_a_kualitas_one(org, jam, bulan_maret, iki_kualitas):
    staf = masuk(org.staf)
    response = staf.get(reverse("kinerja:progres"), {"bulan": "2026-03"})
    isi = teks(response)
    assert "tercapai 3 dokumen (25,0% dari target)" in isi
    assert "1.000" not in isi and "1000" not in isi
    assert "belum dinyatakan · 13 aktivitas pendukung" in isi
    assert "Lihat 13 aktivitas pendukung" in isi
    assert url_nyatakan(iki_kualitas) in response.content.decode()
    response = staf.post(url_nyatakan(iki_kualitas), ISIAN, **HTMX)
    assert response.status_code == 200
    isi = teks(response)
    assert "realisasi 95,5 % (dinyatakan pegawai)" in isi
    assert "Realisasi Maret 2026 disimpan: 95,5 %." in isi
    assert RealisasiDinyatakan.objects.get().nilai == Decimal("95.5")
    # The stated value is shown, not a sum; the form offers to correct it with the value filled in.
    isi = teks(staf.get(reverse("kinerja:progres"), {"bulan": "2026-03"}))
    assert "realisasi 95,5 % (dinyatakan pegawai)" in isi and "Ubah realisasi bulan ini" in isi


def test_a_refused_statement_answers_422_with_the_reasons_and_nothing_changes(org, jam, iki_kualitas):
    staf = masuk(org.staf)
    data = {"nilai": "-5", "penjelasan": "", "bukti": "javascript:alert(1)"}
    response = staf.post(url_nyatakan(iki_kualitas), data, **HTMX)
    assert response.status_code == REFUSED_STATUS
    isi = teks(response)
    assert "Realisasi tidak boleh negatif." in isi
    assert "Jelaskan singkat" in isi
    assert "diawali http:// atau https://" in isi
    assert not RealisasiDinyatakan.objects.exists()


def test_without_javascript_the_form_posts_and_returns_to_the_page(org, jam, iki_kualitas):
    staf = masuk(org.staf)
    response = staf.post(url_nyatakan(iki_kualitas), ISIAN)
    assert response.status_code == 302 and response.url == f"{reverse('kinerja:progres')}?bulan=2026-03"
    assert RealisasiDinyatakan.objects.get().bulan == 3
    response = staf.post(url_nyatakan(iki_kualitas, bulan=2), ISIAN, follow=True)
    assert "sudah terkunci" in teks(response)
    assert RealisasiDinyatakan.objects.count() == 1


def test_a_locked_month_shows_why_instead_of_the_form(org, jam, iki_kualitas):
    response = masuk(org.staf).get(reverse("kinerja:progres"), {"bulan": "2026-02"})
    assert "Realisasi bulan Februari 2026 sudah terkunci" in teks(response)
    assert url_nyatakan(iki_kualitas, bulan=2) not in response.content.decode()


def test_the_year_shows_the_latest_stated_month_read_only(org, jam, iki_kualitas):
    realisasi_nyatakan(
        actor=org.staf, iki=iki_kualitas, tahun=TAHUN, bulan=3, nilai="90", penjelasan="Rekap.", bukti="ND 1"
    )
    response = masuk(org.staf).get(reverse("kinerja:progres"), {"bulan": "2026-03", "periode": "tahunan"})
    isi = teks(response)
    assert "realisasi 90 % (dinyatakan untuk Maret 2026)" in isi
    assert "Pilih satu bulan untuk menyatakan realisasinya." in isi
    assert 'action="/kinerja/realisasi/' not in response.content.decode()


def test_the_atasan_reads_the_stated_realisasi_and_cannot_state_it(org, jam, bulan_maret, iki_kualitas):
    realisasi_nyatakan(
        actor=org.staf,
        iki=iki_kualitas,
        tahun=TAHUN,
        bulan=3,
        nilai="95,5",
        penjelasan="Dua dari 40 laporan direvisi.\n<script>alert(1)</script>",
        bukti="https://arsip.contoh.go.id/nd-12",
    )
    kasi = masuk(org.kasi)
    response = kasi.get(reverse("kinerja:progres_pegawai", args=[org.staf.nip]), {"bulan": "2026-03"})
    assert response.status_code == 200
    html = response.content.decode()
    isi = teks(response)
    assert "realisasi 95,5 % (dinyatakan pegawai)" in isi and "Dua dari 40 laporan direvisi." in isi
    assert '<a href="https://arsip.contoh.go.id/nd-12" target="_blank" rel="noopener noreferrer nofollow">' in html
    assert "<script>alert(1)</script>" not in html
    assert "tercapai 3 dokumen" in isi and "Lihat 13 aktivitas pendukung" in isi
    assert "Nyatakan realisasi bulan ini" not in isi and "Ubah realisasi bulan ini" not in isi
    assert url_nyatakan(iki_kualitas) not in html
    response = kasi.post(url_nyatakan(iki_kualitas), ISIAN | {"nilai": "10"})
    assert response.status_code == 404
    assert RealisasiDinyatakan.objects.get().nilai == Decimal("95.5")


def test_a_reference_that_is_not_a_link_is_shown_as_text(org, jam, iki_kualitas):
    realisasi_nyatakan(
        actor=org.staf, iki=iki_kualitas, tahun=TAHUN, bulan=3, nilai="90", penjelasan="Rekap.", bukti="ND 12/2026"
    )
    html = masuk(org.kasi).get(reverse("kinerja:progres_pegawai", args=[org.staf.nip]), {"bulan": "2026-03"})
    html = html.content.decode()
    assert "ND 12/2026" in html and 'href="ND 12/2026"' not in html


def test_another_pegawais_iki_or_an_impossible_month_answers_404(org, jam, skp, iki_kualitas):
    iki_lain = IkiFactory(rhk=skp.rhk(skp.staf_lain), aspek=Aspek.KUALITAS, satuan="%", urutan=2)
    staf = masuk(org.staf)
    assert staf.post(url_nyatakan(iki_lain), ISIAN).status_code == 404
    assert staf.post(reverse("kinerja:realisasi_nyatakan", args=[iki_kualitas.pk, TAHUN, 13]), ISIAN).status_code == 404
    assert staf.get(url_nyatakan(iki_kualitas)).status_code == 405
    assert not RealisasiDinyatakan.objects.exists()


def _jumlah_query(client, path, data) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path, data).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("sendiri", [True, False], ids=["pegawai", "atasan"])
def test_the_page_takes_as_many_queries_for_one_iki_as_for_twenty(org, jam, skp, r1, iki_kualitas, sendiri):
    client = masuk(org.staf if sendiri else org.kasi)
    path = reverse("kinerja:progres") if sendiri else reverse("kinerja:progres_pegawai", args=[org.staf.nip])
    aktivitas(org.staf, D(TAHUN, 3, 2), r1)
    realisasi_nyatakan(
        actor=org.staf, iki=iki_kualitas, tahun=TAHUN, bulan=3, nilai="90", penjelasan="Rekap.", bukti="ND 1"
    )
    _jumlah_query(client, path, {"bulan": "2026-03"})  # warm the per-process caches (content types, settings)
    sedikit = _jumlah_query(client, path, {"bulan": "2026-03"})
    for n in range(3, 8):
        rhk = RhkFactory(skp=skp.staf, urutan=n)
        for urutan, aspek in enumerate((Aspek.KUANTITAS, Aspek.KUALITAS, Aspek.WAKTU), start=1):
            iki = IkiFactory(rhk=rhk, aspek=aspek, satuan="dokumen" if aspek == Aspek.KUANTITAS else "%", urutan=urutan)
            if aspek != Aspek.KUANTITAS:
                RealisasiDinyatakan.objects.create(iki=iki, tahun=TAHUN, bulan=3, nilai=9, penjelasan="x", bukti="y")
        aktivitas(org.staf, D(TAHUN, 3, n), rhk)
    banyak = _jumlah_query(client, path, {"bulan": "2026-03"})
    assert banyak == sedikit
    assert _jumlah_query(client, path, {"bulan": "2026-03", "periode": "tahunan"}) <= sedikit
