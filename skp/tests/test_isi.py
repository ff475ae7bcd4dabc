"""Editing the content of a draft: RHK, IKI, lampiran, and the atasan's ekspektasi khusus."""

from decimal import Decimal

import pytest

from skp.choices import Aspek, JenisLampiran, JenisRhk, Pendekatan, Perspektif, SkpStatus
from skp.errors import SkpError, SkpTidakBerwenang
from skp.models import EkspektasiKhusus, IndikatorKinerjaIndividu, PerilakuKerja
from skp.services.isi import (
    ekspektasi_set,
    iki_hapus,
    iki_pindah,
    iki_tambah,
    iki_ubah,
    lampiran_hapus,
    lampiran_pindah,
    lampiran_tambah,
    lampiran_ubah,
    rhk_hapus,
    rhk_pindah,
    rhk_tambah,
    rhk_ubah,
)
from skp.services.skp import skp_ajukan, skp_buat, skp_kembalikan, skp_setujui, skp_ubah

pytestmark = pytest.mark.django_db

UTAMA, TAMBAHAN = JenisRhk.UTAMA, JenisRhk.TAMBAHAN


@pytest.fixture
def draft(org, tahun, skp_kasi):
    return skp_buat(actor=org.staf, tahun=tahun)


@pytest.fixture
def target(skp_kasi):
    return skp_kasi.rhk.order_by("urutan").first()


def urutan(skp, jenis):
    return list(skp.rhk.filter(jenis=jenis).order_by("urutan").values_list("urutan", "teks"))


def test_it_numbers_rhk_per_section_and_moves_them(org, draft, target):
    for teks in ["A", "B", "C"]:
        rhk_tambah(actor=org.staf, skp=draft, jenis=UTAMA, teks=teks, intervensi=target)
    rhk_tambah(actor=org.staf, skp=draft, jenis=TAMBAHAN, teks="T1")
    assert urutan(draft, UTAMA) == [(1, "A"), (2, "B"), (3, "C")]
    assert urutan(draft, TAMBAHAN) == [(1, "T1")]

    c = draft.rhk.get(teks="C")
    rhk_pindah(actor=org.staf, rhk=c, urutan=1)
    assert c.urutan == 1
    assert urutan(draft, UTAMA) == [(1, "C"), (2, "A"), (3, "B")]
    rhk_pindah(actor=org.staf, rhk=c, urutan=99)
    assert urutan(draft, UTAMA) == [(1, "A"), (2, "B"), (3, "C")]

    rhk_hapus(actor=org.staf, rhk=draft.rhk.get(teks="A"))
    assert urutan(draft, UTAMA) == [(1, "B"), (2, "C")]

    # Moving an RHK to the other section puts it last there and closes the gap it leaves.
    rhk_ubah(actor=org.staf, rhk=draft.rhk.get(teks="B"), jenis=TAMBAHAN)
    assert urutan(draft, UTAMA) == [(1, "C")]
    assert urutan(draft, TAMBAHAN) == [(1, "T1"), (2, "B")]


def test_it_deletes_an_rhk_with_its_iki(org, draft, target):
    rhk = rhk_tambah(actor=org.staf, skp=draft, jenis=UTAMA, teks="A", intervensi=target)
    iki_tambah(actor=org.staf, rhk=rhk, teks="Jumlah", aspek=Aspek.KUANTITAS, target_min=1, satuan="x")
    rhk_hapus(actor=org.staf, rhk=rhk)
    assert not draft.rhk.exists()
    assert not IndikatorKinerjaIndividu.objects.filter(rhk_id=rhk.pk).exists()


def test_it_changes_only_the_fields_given(org, draft, target):
    rhk = rhk_tambah(actor=org.staf, skp=draft, jenis=UTAMA, teks="Laporan", intervensi=target)
    rhk_ubah(actor=org.staf, rhk=rhk, teks="  Laporan bulanan  ")
    rhk.refresh_from_db()
    assert (rhk.teks, rhk.intervensi, rhk.jenis) == ("Laporan bulanan", target, UTAMA)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"teks": "  "}, "Rencana hasil kerja wajib diisi."),
        ({"intervensi": None}, "RHK utama wajib mengintervensi salah satu RHK atasan langsung."),
        ({"perspektif": Perspektif.ANGGARAN}, "Perspektif hanya diisi pada SKP JPT."),
        ({"jenis": "lain"}, "Jenis RHK harus Utama atau Tambahan."),
    ],
)
def test_it_refuses_an_invalid_rhk_of_ja_jf(org, draft, target, kwargs, message):
    data = {"jenis": UTAMA, "teks": "Laporan", "intervensi": target} | kwargs
    with pytest.raises(SkpError) as exc:
        rhk_tambah(actor=org.staf, skp=draft, **data)
    assert message in exc.value.errors.values()
    assert not draft.rhk.exists()


def test_a_jpt_rhk_needs_a_perspektif_and_a_reference(org, tahun):
    skp = skp_buat(actor=org.kepala, tahun=tahun)
    with pytest.raises(SkpError, match="Perspektif wajib dipilih untuk RHK JPT"):
        rhk_tambah(actor=org.kepala, skp=skp, jenis=UTAMA, teks="Meningkatnya IKM", acuan="PK 2026")
    with pytest.raises(SkpError, match="wajib merujuk Perjanjian Kinerja"):
        rhk_tambah(
            actor=org.kepala, skp=skp, jenis=UTAMA, teks="Meningkatnya IKM", perspektif=Perspektif.PENERIMA_LAYANAN
        )
    rhk = rhk_tambah(
        actor=org.kepala,
        skp=skp,
        jenis=UTAMA,
        teks="Meningkatnya IKM",
        perspektif=Perspektif.PENERIMA_LAYANAN,
        acuan_jenis="perjanjian_kinerja",
        acuan="Sasaran 1 Perjanjian Kinerja 2026",
    )
    iki_tambah(actor=org.kepala, rhk=rhk, teks="Indeks Kepuasan Masyarakat", target_min=85, satuan="indeks")
    skp_ajukan(actor=org.kepala, skp=skp)
    assert skp.status == SkpStatus.DIAJUKAN


@pytest.fixture
def rhk(org, draft, target):
    return rhk_tambah(actor=org.staf, skp=draft, jenis=UTAMA, teks="Laporan", intervensi=target)


def test_it_adds_changes_moves_and_deletes_iki(org, rhk):
    a = iki_tambah(
        actor=org.staf, rhk=rhk, teks="Jumlah laporan", aspek=Aspek.KUANTITAS, target_min="12", satuan="laporan"
    )
    b = iki_tambah(
        actor=org.staf, rhk=rhk, teks="Kualitas", aspek=Aspek.KUALITAS, target_min="90,5", target_max=100, satuan="%"
    )
    c = iki_tambah(actor=org.staf, rhk=rhk, teks="Waktu", aspek=Aspek.WAKTU, target_min=12, satuan="bulan")
    assert [(i.urutan, i.target_min, i.target_max) for i in rhk.iki.order_by("urutan")] == [
        (1, Decimal(12), None),
        (2, Decimal("90.5"), Decimal(100)),
        (3, Decimal(12), None),
    ]
    iki_ubah(actor=org.staf, iki=a, target_min=24)
    assert (a.target_min, a.satuan) == (Decimal(24), "laporan")
    iki_pindah(actor=org.staf, iki=c, urutan=1)
    assert list(rhk.iki.order_by("urutan").values_list("teks", flat=True)) == ["Waktu", "Jumlah laporan", "Kualitas"]
    iki_hapus(actor=org.staf, iki=b)
    assert list(rhk.iki.order_by("urutan").values_list("urutan", "teks")) == [(1, "Waktu"), (2, "Jumlah laporan")]


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        (
            {"target_min": 5, "target_max": 4},
            "target_max",
            "Target minimum tidak boleh lebih besar dari target maksimum.",
        ),
        ({"target_min": -1}, "target_min", "Target tidak boleh negatif."),
        ({"target_min": "dua belas"}, "target_min", "Target harus berupa angka."),
        (
            {"satuan": ""},
            "satuan",
            "Satuan target wajib diisi pada pendekatan kuantitatif (misalnya laporan, %, bulan).",
        ),
        ({"aspek": ""}, "aspek", "Aspek wajib dipilih (Kuantitas, Kualitas, Waktu, atau Biaya)."),
        ({"teks": ""}, "teks", "Indikator kinerja individu wajib diisi."),
    ],
)
def test_it_refuses_an_invalid_kuantitatif_iki(org, rhk, kwargs, field, message):
    data = {"teks": "Jumlah laporan", "aspek": Aspek.KUANTITAS, "target_min": 12, "satuan": "laporan"} | kwargs
    with pytest.raises(SkpError) as exc:
        iki_tambah(actor=org.staf, rhk=rhk, **data)
    assert exc.value.errors[field] == message
    assert not rhk.iki.exists()


def test_a_kualitatif_iki_needs_its_ukuran_keberhasilan(org, draft, rhk):
    skp_ubah(actor=org.staf, skp=draft, pendekatan=Pendekatan.KUALITATIF)
    with pytest.raises(SkpError, match="Ukuran keberhasilan wajib diisi"):
        iki_tambah(actor=org.staf, rhk=rhk, teks="Laporan diterima pimpinan")
    iki = iki_tambah(
        actor=org.staf,
        rhk=rhk,
        teks="Laporan diterima pimpinan",
        ukuran_keberhasilan="- Disusun sesuai format\n- Diterima tanpa revisi",
    )
    assert iki.target_min is None
    skp_ajukan(actor=org.staf, skp=draft)


def test_changing_the_approach_is_checked_again_on_submission(org, draft, rhk):
    iki_tambah(actor=org.staf, rhk=rhk, teks="Jumlah", aspek=Aspek.KUANTITAS, target_min=1, satuan="x")
    skp_ubah(actor=org.staf, skp=draft, pendekatan=Pendekatan.KUALITATIF)
    with pytest.raises(SkpError, match="IKI nomor 1: Ukuran keberhasilan wajib diisi"):
        skp_ajukan(actor=org.staf, skp=draft)


def test_it_keeps_three_lampiran_lists(org, draft):
    for teks in ["Laptop", "Akses SIMPEG"]:
        lampiran_tambah(actor=org.staf, skp=draft, jenis=JenisLampiran.DUKUNGAN_SUMBER_DAYA, teks=teks)
    k = lampiran_tambah(actor=org.staf, skp=draft, jenis=JenisLampiran.KONSEKUENSI, teks="Teguran")
    s = lampiran_tambah(actor=org.staf, skp=draft, jenis=JenisLampiran.SKEMA_PERTANGGUNGJAWABAN, teks="Laporan bulanan")
    assert (k.urutan, s.urutan) == (1, 1)
    akses = draft.lampiran.get(teks="Akses SIMPEG")
    lampiran_pindah(actor=org.staf, item=akses, urutan=1)
    lampiran_ubah(actor=org.staf, item=akses, teks="Akses SIASN")
    assert list(
        draft.lampiran.filter(jenis=JenisLampiran.DUKUNGAN_SUMBER_DAYA).order_by("urutan").values_list("urutan", "teks")
    ) == [(1, "Akses SIASN"), (2, "Laptop")]
    lampiran_hapus(actor=org.staf, item=akses)
    assert list(draft.lampiran.filter(jenis=JenisLampiran.DUKUNGAN_SUMBER_DAYA).values_list("urutan", "teks")) == [
        (1, "Laptop")
    ]


@pytest.mark.parametrize(("jenis", "teks", "field"), [("lain", "x", "jenis"), (JenisLampiran.KONSEKUENSI, " ", "teks")])
def test_it_refuses_an_invalid_lampiran_line(org, draft, jenis, teks, field):
    with pytest.raises(SkpError) as exc:
        lampiran_tambah(actor=org.staf, skp=draft, jenis=jenis, teks=teks)
    assert field in exc.value.errors
    assert not draft.lampiran.exists()


@pytest.fixture
def akuntabel():
    return PerilakuKerja.objects.get(kode="akuntabel")


def test_the_atasan_sets_expectations_while_draft_or_submitted(org, skp_staf, akuntabel):
    ekspektasi_set(actor=org.kasi, skp=skp_staf, perilaku=akuntabel, teks="Laporan tepat waktu.")
    skp_ajukan(actor=org.staf, skp=skp_staf)
    ekspektasi_set(actor=org.kasi, skp=skp_staf, perilaku=akuntabel, teks="Laporan sebelum tanggal 5.")
    assert list(EkspektasiKhusus.objects.filter(skp=skp_staf).values_list("perilaku__nama", "teks")) == [
        ("Akuntabel", "Laporan sebelum tanggal 5.")
    ]
    assert ekspektasi_set(actor=org.kasi, skp=skp_staf, perilaku=akuntabel, teks="  ") is None
    assert not EkspektasiKhusus.objects.filter(skp=skp_staf).exists()


@pytest.mark.parametrize("persona", ["staf", "kabid", "kasi_tiga"])
def test_only_the_pejabat_penilai_sets_expectations(org, skp_staf, akuntabel, persona):
    with pytest.raises(SkpTidakBerwenang):
        ekspektasi_set(actor=getattr(org, persona), skp=skp_staf, perilaku=akuntabel, teks="x")
    assert not EkspektasiKhusus.objects.exists()


@pytest.mark.parametrize("status", [SkpStatus.DIKEMBALIKAN, SkpStatus.DISETUJUI])
def test_expectations_are_fixed_once_returned_or_approved(org, skp_staf, akuntabel, status):
    skp_ajukan(actor=org.staf, skp=skp_staf)
    if status == SkpStatus.DISETUJUI:
        skp_setujui(actor=org.kasi, skp=skp_staf)
    else:
        skp_kembalikan(actor=org.kasi, skp=skp_staf, catatan="Perbaiki.")
    with pytest.raises(SkpError, match="hanya dapat diisi selama SKP berstatus draf atau diajukan"):
        ekspektasi_set(actor=org.kasi, skp=skp_staf, perilaku=akuntabel, teks="x")
    assert not EkspektasiKhusus.objects.exists()


def test_it_reads_which_skp_an_rhk_belongs_to_from_the_database(org, tahun, skp_staf):
    """A caller claiming an RHK of someone else's draft belongs to the actor's own draft changes nothing: the
    owner is checked on the SKP the database says holds the RHK."""
    milik_sendiri = skp_buat(actor=org.staf_lain, tahun=tahun)
    rhk = skp_staf.rhk.get()
    rhk.skp = milik_sendiri
    with pytest.raises(SkpTidakBerwenang):
        rhk_ubah(actor=org.staf_lain, rhk=rhk, teks="Diubah orang lain")
    assert skp_staf.rhk.get().teks != "Diubah orang lain"
