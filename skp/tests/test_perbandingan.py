"""What a perubahan SKP changes from the version it replaces: the pure comparison as a table
(skp/perbandingan.py), and the review and detail pages that show it to the penilai and the pegawai."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from skp.choices import JenisLampiran
from skp.models import PerilakuKerja
from skp.perbandingan import (
    DIHAPUS,
    DITAMBAH,
    DIUBAH,
    Beda,
    BedaIki,
    BedaLampiran,
    BedaRhk,
    IkiIsi,
    IsiSkp,
    RhkIsi,
    bandingkan,
)
from skp.selectors.perubahan import perbandingan_versi
from skp.services.isi import ekspektasi_set, iki_tambah, iki_ubah, lampiran_tambah, rhk_hapus, rhk_ubah
from skp.services.skp import skp_ajukan, skp_setujui
from skp.services.versi import skp_buat_perubahan

from .factories import IkiFactory, RhkFactory
from .helpers import isi_rhk

LAPORAN = IkiIsi("Jumlah laporan", "Kuantitas", "520 laporan")
TEPAT = IkiIsi("Ketepatan waktu", "Waktu", "12 bulan")
R1 = RhkIsi(1, "Tersusunnya laporan", kode="A1", jenis="Utama", intervensi="RHK kasi", iki=(LAPORAN, TEPAT))
R2 = RhkIsi(2, "Terlayaninya warga", kode="A2", jenis="Utama", iki=(IkiIsi("Jumlah warga", "Kuantitas", "100 orang"),))
LAMPIRAN = (("Dukungan Sumber Daya", ("Laptop",)), ("Konsekuensi", ()))
LAMA = IsiSkp(rhk=(R1, R2), lampiran=LAMPIRAN, ekspektasi=(("Akuntabel", "Tepat waktu."),))


def salin(rhk: RhkIsi, id_baru: int, **ubah) -> RhkIsi:
    """``rhk`` as copied into the next version (new id, ``asal`` = the old one), with ``ubah`` applied."""
    nilai = {**rhk.__dict__, "id": id_baru, "asal_id": rhk.id, **ubah}
    return RhkIsi(**nilai)


def versi_baru(*rhk, lampiran=LAMPIRAN, ekspektasi=LAMA.ekspektasi) -> IsiSkp:
    return IsiSkp(rhk=rhk, lampiran=lampiran, ekspektasi=ekspektasi)


@pytest.mark.parametrize(
    ("baru", "rhk", "lampiran", "perilaku"),
    [
        pytest.param(versi_baru(salin(R1, 11), salin(R2, 12)), (), (), (), id="a copy changes nothing"),
        pytest.param(
            versi_baru(salin(R1, 11, iki=(IkiIsi("Jumlah laporan", "Kuantitas", "600 laporan"), TEPAT)), salin(R2, 12)),
            (
                BedaRhk(
                    DIUBAH,
                    "A1",
                    "Tersusunnya laporan",
                    iki=(BedaIki(DIUBAH, "Jumlah laporan", (Beda("Target", "520 laporan", "600 laporan"),)),),
                ),
            ),
            (),
            (),
            id="a target 520 -> 600",
        ),
        pytest.param(
            versi_baru(salin(R1, 11, teks="Tersusunnya laporan bulanan"), salin(R2, 12)),
            (
                BedaRhk(
                    DIUBAH,
                    "A1",
                    "Tersusunnya laporan bulanan",
                    (Beda("Rencana hasil kerja", "Tersusunnya laporan", "Tersusunnya laporan bulanan"),),
                ),
            ),
            (),
            (),
            id="an RHK reworded",
        ),
        pytest.param(
            versi_baru(salin(R1, 11, teks="Tersusunnya  laporan\n"), salin(R2, 12)),
            (),
            (),
            (),
            id="spacing is not a change",
        ),
        pytest.param(
            versi_baru(salin(R1, 11, jenis="Tambahan", kode="B1", intervensi=""), salin(R2, 12, kode="A1")),
            (
                BedaRhk(
                    DIUBAH,
                    "B1",
                    "Tersusunnya laporan",
                    (Beda("Jenis", "Utama", "Tambahan"), Beda("RHK atasan yang diintervensi", "RHK kasi", "")),
                ),
            ),
            (),
            (),
            id="an RHK moved to tambahan",
        ),
        pytest.param(
            versi_baru(salin(R1, 11), RhkIsi(13, "Terbitnya izin", kode="A2", iki=(IkiIsi("Jumlah izin"),))),
            (
                BedaRhk(DITAMBAH, "A2", "Terbitnya izin", iki=(BedaIki(DITAMBAH, "Jumlah izin"),)),
                BedaRhk(DIHAPUS, "A2", "Terlayaninya warga"),
            ),
            (),
            (),
            id="an RHK removed and another added",
        ),
        pytest.param(
            versi_baru(salin(R1, 11), RhkIsi(13, "Terlayaninya warga", kode="A2", jenis="Utama", iki=R2.iki)),
            (),
            (),
            (),
            id="an RHK deleted and typed again is the same",
        ),
        pytest.param(
            versi_baru(
                salin(
                    R1, 11, iki=(IkiIsi("Jumlah laporan final", "Kuantitas", "520 laporan"), IkiIsi("Biaya", "Biaya"))
                ),
                salin(R2, 12),
            ),
            (
                BedaRhk(
                    DIUBAH,
                    "A1",
                    "Tersusunnya laporan",
                    iki=(
                        BedaIki(
                            DIUBAH,
                            "Jumlah laporan final",
                            (Beda("Indikator", "Jumlah laporan", "Jumlah laporan final"),),
                        ),
                        BedaIki(
                            DIUBAH,
                            "Biaya",
                            (
                                Beda("Indikator", "Ketepatan waktu", "Biaya"),
                                Beda("Aspek", "Waktu", "Biaya"),
                                Beda("Target", "12 bulan", ""),
                            ),
                        ),
                    ),
                ),
            ),
            (),
            (),
            id="indicators reworded in place pair in order",
        ),
        pytest.param(
            versi_baru(salin(R1, 11, iki=(TEPAT,)), salin(R2, 12)),
            (BedaRhk(DIUBAH, "A1", "Tersusunnya laporan", iki=(BedaIki(DIHAPUS, "Jumlah laporan"),)),),
            (),
            (),
            id="an indicator removed",
        ),
        pytest.param(
            versi_baru(
                salin(R1, 11),
                salin(R2, 12),
                lampiran=(("Dukungan Sumber Daya", ("Laptop baru", "Printer")), ("Konsekuensi", ("Teguran",))),
            ),
            (),
            (
                BedaLampiran("Dukungan Sumber Daya", ("Laptop baru", "Printer"), ("Laptop",)),
                BedaLampiran("Konsekuensi", ("Teguran",)),
            ),
            (),
            id="lampiran lines added, reworded and removed",
        ),
        pytest.param(
            versi_baru(
                salin(R1, 11),
                salin(R2, 12),
                ekspektasi=(("Akuntabel", "Tepat waktu dan rapi."), ("Adaptif", "Inovatif.")),
            ),
            (),
            (),
            (Beda("Akuntabel", "Tepat waktu.", "Tepat waktu dan rapi."), Beda("Adaptif", "", "Inovatif.")),
            id="ekspektasi changed and added",
        ),
        pytest.param(
            versi_baru(salin(R1, 11), salin(R2, 12), ekspektasi=()),
            (),
            (),
            (Beda("Akuntabel", "Tepat waktu.", ""),),
            id="ekspektasi removed",
        ),
    ],
)
def test_it_lists_what_changed_field_by_field(baru, rhk, lampiran, perilaku):
    hasil = bandingkan(LAMA, baru)
    assert (hasil.rhk, hasil.lampiran, hasil.perilaku) == (rhk, lampiran, perilaku)
    assert hasil.kosong == (not rhk and not lampiran and not perilaku)


# ---------------------------------------------------------------------------------------------------------------
# On the pages
# ---------------------------------------------------------------------------------------------------------------


@pytest.fixture
def perubahan(org, skp_staf):
    """Staf A's approved SKP (target 520 laporan, one lampiran, one ekspektasi), and its perubahan with the target
    raised to 600, one RHK added, the lampiran reworded and the ekspektasi changed, submitted for review."""
    rhk = skp_staf.rhk.get()
    iki_ubah(actor=org.staf, iki=rhk.iki.get(), target_min=Decimal(520), satuan="laporan")
    isi_rhk(skp_staf, "RHK yang nanti dihapus", rhk.intervensi)
    lampiran_tambah(actor=org.staf, skp=skp_staf, jenis=JenisLampiran.DUKUNGAN_SUMBER_DAYA, teks="Laptop")
    skp_ajukan(actor=org.staf, skp=skp_staf)
    akuntabel = PerilakuKerja.objects.get(kode="akuntabel")
    ekspektasi_set(actor=org.kasi, skp=skp_staf, perilaku=akuntabel, teks="Tepat waktu.")
    lama = skp_setujui(actor=org.kasi, skp=skp_staf)

    baru = skp_buat_perubahan(actor=org.staf, skp=lama, alasan="Beban layanan naik.")
    pertama, dihapus = baru.rhk.order_by("urutan")
    iki_ubah(actor=org.staf, iki=pertama.iki.get(), target_min=Decimal(600))
    rhk_hapus(actor=org.staf, rhk=dihapus)
    tambahan = isi_rhk(baru, "Terlayaninya pengaduan warga", rhk.intervensi)
    rhk_ubah(actor=org.staf, rhk=tambahan, teks="Terlayaninya pengaduan warga dalam 3 hari")
    iki_tambah(
        actor=org.staf, rhk=pertama, teks="Persentase laporan tanpa revisi", aspek="kualitas", target_min=90, satuan="%"
    )
    item = baru.lampiran.get()
    item.delete()
    lampiran_tambah(actor=org.staf, skp=baru, jenis=JenisLampiran.DUKUNGAN_SUMBER_DAYA, teks="Laptop dan printer")
    skp_ajukan(actor=org.staf, skp=baru)
    ekspektasi_set(actor=org.kasi, skp=baru, perilaku=akuntabel, teks="Tepat waktu dan rapi.")
    return lama, baru


def bagian_perubahan(html: str) -> str:
    [bagian] = re.findall(r'<section[^>]*data-testid="perubahan-versi".*?</section>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", bagian).split())


@pytest.mark.django_db
def test_the_penilai_and_the_pegawai_see_what_the_perubahan_changes(org, perubahan):
    lama, baru = perubahan
    for user, url in ((org.kasi.user, "skp:tinjau"), (org.staf.user, "skp:detail")):
        client = Client()
        client.force_login(user)
        html = client.get(reverse(url, args=[baru.pk])).content.decode()
        teks = bagian_perubahan(html)
        assert "Yang berubah dari versi 1" in teks and "Beban layanan naik." in html
        assert "Target: sebelumnya 520 laporan → menjadi 600 laporan" in teks
        assert (
            '<del class="diff-lama text-pre"><span class="visually-hidden">sebelumnya </span>520 laporan</del>' in html
        )
        assert "baru Indikator Persentase laporan tanpa revisi" in teks
        assert "baru A2 Terlayaninya pengaduan warga dalam 3 hari" in teks
        assert "dihapus A2 RHK yang nanti dihapus" in teks
        assert "baru Laptop dan printer" in teks and "dihapus Laptop" in teks
        assert "Akuntabel: sebelumnya Tepat waktu. → menjadi Tepat waktu dan rapi." in teks
        # The first version has nothing to compare with.
        assert 'data-testid="perubahan-versi"' not in client.get(reverse("skp:detail", args=[lama.pk])).content.decode()


@pytest.mark.django_db
def test_the_comparison_reads_a_constant_number_of_queries(org, perubahan):
    _lama, baru = perubahan
    with CaptureQueriesContext(connection) as sedikit:
        perbandingan_versi(baru)
    for urutan in range(10, 15):
        IkiFactory(rhk=RhkFactory(skp=baru, urutan=urutan, intervensi=baru.rhk.first().intervensi), urutan=1)
    with CaptureQueriesContext(connection) as banyak:
        hasil = perbandingan_versi(baru)
    assert len(banyak) == len(sedikit) == 5
    assert sum(r.jenis == DITAMBAH for r in hasil.perbandingan.rhk) == 6
