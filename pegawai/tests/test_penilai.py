"""Who may be pejabat penilai (docs/ATURAN.md): an atasan override must name a pejabat pengawas or a delegated official
(the pegawai service and the import), and the admins' page of positions without an eligible penilai."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pegawai.choices import JenisJabatan, JenisPenugasan, Jenjang
from pegawai.errors import PegawaiError
from pegawai.impor.layanan import import_pegawai
from pegawai.models import DelegasiPenilai, Pegawai
from pegawai.penilai import CalonAtasan, atasan_tidak_sah
from pegawai.services.pegawai import pegawai_simpan

from .factories import JabatanFactory, PegawaiFactory, PenugasanFactory
from .test_import import csv_bytes, row

pytestmark = pytest.mark.django_db

HARI_INI = timezone.localdate()
HARI = datetime.timedelta(days=1)
PESAN = "Atasan yang ditetapkan harus pejabat paling rendah pengawas, atau memiliki delegasi penilai tertulis."


def _jf(org, parent, nama):
    return JabatanFactory(
        unit_kerja=org.kasi.jabatan.unit_kerja,
        nama=nama,
        jenis=JenisJabatan.FUNGSIONAL,
        jenjang=Jenjang.AHLI_MUDA,
        parent=parent,
    )


@pytest.fixture
def tim(org):
    """Under Kasi A: a JF ketua tim, and a pelaksana under the ketua tim's position."""
    j_ketua = _jf(org, org.kasi.jabatan, "Pranata Komputer Ahli Muda")
    j_anggota = JabatanFactory(unit_kerja=org.kasi.jabatan.unit_kerja, nama="Pengolah Data Tim", parent=j_ketua)
    org.ketua = PegawaiFactory(jabatan=j_ketua, nama="Ketua Tim")
    org.anggota = PegawaiFactory(jabatan=j_anggota, nama="Anggota Tim")
    return org


def delegasi(org, penerima, mulai=HARI_INI, selesai=HARI_INI, **kwargs):
    return DelegasiPenilai.objects.create(
        pemberi=org.kasi,
        penerima=penerima,
        tanggal_mulai=mulai,
        tanggal_selesai=selesai,
        alasan="Tim kerja.",
        nomor_surat="800/1",
        **kwargs,
    )


# --- the rule -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "siapa,keadaan,sah",
    [
        ("kepala", "", True),
        ("kabid", "", True),
        ("kasi", "", True),
        ("ketua", "", False),
        ("staf", "", False),
        ("ketua", "delegasi", True),
        ("ketua", "delegasi kemarin", False),
        ("ketua", "delegasi dibatalkan", False),
        ("staf", "plh", True),
        ("staf", "plh kemarin", False),
        # The pengawas position was theirs until yesterday: a mutasi to a pelaksana position took it away.
        ("kasi", "mutasi", False),
    ],
)
def test_an_override_may_name_only_a_pengawas_or_a_delegated_official(tim, siapa, keadaan, sah):
    orang = getattr(tim, siapa)
    kemarin = HARI_INI - HARI
    if keadaan == "delegasi":
        delegasi(tim, orang)
    elif keadaan == "delegasi kemarin":
        delegasi(tim, orang, mulai=kemarin, selesai=kemarin)
    elif keadaan == "delegasi dibatalkan":
        delegasi(tim, orang, dibatalkan_pada=timezone.now(), alasan_batal="Dicabut.")
    elif keadaan.startswith("plh"):
        hari = kemarin if keadaan == "plh kemarin" else HARI_INI
        PenugasanFactory(
            pegawai=orang, jabatan=tim.plt.jabatan, jenis=JenisPenugasan.PLH, tanggal_mulai=hari, tanggal_selesai=hari
        )
    elif keadaan == "mutasi":
        riwayat = orang.riwayat_jabatan.get()
        riwayat.tanggal_selesai = kemarin
        riwayat.save()
        orang.riwayat_jabatan.create(jabatan=tim.staf.jabatan, tmt=HARI_INI)
    assert atasan_tidak_sah({"x": CalonAtasan(orang.pk)}) == (set() if sah else {"x"})


def test_a_planned_position_is_judged_instead_of_the_stored_one(tim):
    """The import knows where the atasan will be after the file: that jenis counts, not the stored position."""
    assert atasan_tidak_sah({"a": CalonAtasan(tim.kasi.pk, JenisJabatan.PELAKSANA)}) == {"a"}
    assert atasan_tidak_sah({"b": CalonAtasan(tim.ketua.pk, JenisJabatan.PENGAWAS)}) == set()
    assert atasan_tidak_sah({"c": CalonAtasan(None, JenisJabatan.FUNGSIONAL)}) == {"c"}
    assert atasan_tidak_sah({"d": CalonAtasan(None, JenisJabatan.ADMINISTRATOR)}) == set()


# --- the pegawai service --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("siapa,sah", [("kabid", True), ("ketua", False), ("staf_lain", False)])
def test_saving_a_pegawai_refuses_an_override_naming_a_non_penilai(tim, siapa, sah):
    staf = Pegawai.objects.get(pk=tim.staf.pk)
    staf.atasan_override = getattr(tim, siapa)
    if sah:
        pegawai_simpan(actor=tim.admin_opd, pegawai=staf)
        staf.refresh_from_db()
        assert staf.atasan_override == tim.kabid
    else:
        with pytest.raises(PegawaiError) as exc:
            pegawai_simpan(actor=tim.admin_opd, pegawai=staf)
        assert exc.value.errors == {"atasan_override": PESAN}
        assert Pegawai.objects.get(pk=staf.pk).atasan_override_id is None


def test_a_delegated_ketua_tim_may_be_named(tim):
    delegasi(tim, tim.ketua, selesai=HARI_INI + 30 * HARI)
    staf = Pegawai.objects.get(pk=tim.staf.pk)
    staf.atasan_override = tim.ketua
    pegawai_simpan(actor=tim.admin_opd, pegawai=staf)
    assert Pegawai.objects.get(pk=staf.pk).atasan_override == tim.ketua


def test_an_unchanged_override_does_not_block_other_changes(tim):
    """An override stored before the rule existed is shown on the admins' page; it does not stop an edit of the name."""
    Pegawai.objects.filter(pk=tim.staf.pk).update(atasan_override=tim.ketua)
    staf = Pegawai.objects.get(pk=tim.staf.pk)
    staf.nama = "Staf A Baru"
    pegawai_simpan(actor=tim.admin_opd, pegawai=staf)
    assert Pegawai.objects.get(pk=staf.pk).nama == "Staf A Baru"


# --- the import -----------------------------------------------------------------------------------------------------


def _baris(org, nip, nip_atasan, **values):
    orang = Pegawai.objects.select_related("jabatan__unit_kerja").get(nip=nip)
    defaults = {
        "nip": nip,
        "nama": orang.nama,
        "jabatan": orang.jabatan.nama,
        "jenis_jabatan": orang.jabatan.get_jenis_display(),
        "unit_kerja": orang.jabatan.unit_kerja.nama,
        "perangkat_daerah": "Dinas A",
        "nip_atasan": nip_atasan,
    }
    defaults.update(values)
    return row(**defaults)


def _impor(rows):
    return import_pegawai(csv_bytes(rows), actor=None, dry_run=False, file_name="uji.csv")


def test_the_import_refuses_an_override_naming_a_ketua_tim(tim):
    """Staf A's position reports to Kasi A; a file naming the JF ketua tim as atasan would be an override."""
    result = _impor([_baris(tim, tim.staf.nip, tim.ketua.nip, jenis_jabatan="Pelaksana")])
    assert result.has_errors and not result.saved
    assert result.errors[0].messages == [("nip_atasan", PESAN)]
    assert Pegawai.objects.get(pk=tim.staf.pk).atasan_override_id is None


def test_the_import_accepts_the_override_while_the_ketua_tim_is_delegated(tim):
    delegasi(tim, tim.ketua, selesai=HARI_INI + 30 * HARI)
    result = _impor([_baris(tim, tim.staf.nip, tim.ketua.nip, jenis_jabatan="Pelaksana")])
    assert not result.has_errors, result.error_lines()
    assert Pegawai.objects.get(pk=tim.staf.pk).atasan_override == tim.ketua


def test_the_import_judges_the_atasan_on_the_position_the_file_gives_them(tim):
    """The ketua tim is promoted to a pengawas position in the same file: naming them is then allowed; a new
    pegawai of a JF position named as atasan is not."""
    j_kasi_baru = JabatanFactory(
        unit_kerja=tim.kasi.jabatan.unit_kerja,
        nama="Kepala Subbagian Data",
        jenis=JenisJabatan.PENGAWAS,
        jenjang=Jenjang.PENGAWAS,
        parent=tim.kabid.jabatan,
    )
    naik = _baris(tim, tim.ketua.nip, "", jabatan=j_kasi_baru.nama, jenis_jabatan="Pengawas")
    staf = _baris(tim, tim.staf.nip, tim.ketua.nip, jenis_jabatan="Pelaksana")
    result = _impor([naik, staf])
    assert not result.has_errors, result.error_lines()
    assert Pegawai.objects.get(pk=tim.staf.pk).atasan_override == tim.ketua

    baru = "199001012015032002"
    jf_baru = row(
        nip=baru,
        nama="Ketua Baru",
        jabatan="Analis Data Ahli Muda",
        jenis_jabatan="JF",
        unit_kerja="Seksi Satu",
        perangkat_daerah="Dinas A",
    )
    staf_lain = _baris(tim, tim.staf_lain.nip, baru, jenis_jabatan="Pelaksana")
    result = _impor([jf_baru, staf_lain])
    assert [e.messages for e in result.errors] == [[("nip_atasan", PESAN)]]


# --- the admins' page -----------------------------------------------------------------------------------------------


def _halaman(client, user, **params):
    client.force_login(user)
    return client.get(reverse("penilai_periksa"), params)


def test_the_page_lists_positions_under_a_ketua_tim_with_who_rates_them(client, tim):
    response = _halaman(client, tim.admin_opd)
    assert response.status_code == 200
    [baris] = response.context["baris"]
    assert baris.jabatan == tim.anggota.jabatan
    assert baris.pemegang_induk == [tim.ketua] and baris.delegasi == []
    [h] = baris.pemegang
    assert (h.pegawai, h.penilai, h.lewat_delegasi) == (tim.anggota, tim.kasi, False)
    assert "Tanpa delegasi" in response.content.decode()

    d = delegasi(tim, tim.ketua, selesai=HARI_INI + HARI)
    [baris] = _halaman(client, tim.admin_opd).context["baris"]
    assert baris.delegasi == [d]
    assert (baris.pemegang[0].penilai, baris.pemegang[0].lewat_delegasi) == (tim.ketua, True)


@pytest.mark.parametrize(
    "persona,params,jumlah",
    [("admin_opd", {}, 1), ("admin_opd_lain", {}, 1), ("admin_bkpsdm", {}, 2), ("admin_bkpsdm", {"opd": "B"}, 1)],
)
def test_the_page_covers_the_admins_opds(client, tim, persona, params, jumlah):
    """A position of Dinas B under a pelaksana position counts for Dinas B's admins only."""
    JabatanFactory(unit_kerja=tim.staf_b.jabatan.unit_kerja, nama="Di bawah Staf B", parent=tim.staf_b.jabatan)
    if "opd" in params:
        params = {"opd": str(tim.opd_b.pk)}
    response = _halaman(client, getattr(tim, persona), **params)
    assert response.context["jumlah"]["jabatan"] == jumlah
    opd = {b.jabatan.unit_kerja.perangkat_daerah.nama for b in response.context["baris"]}
    assert opd == {"admin_opd": {"Dinas A"}, "admin_opd_lain": {"Dinas B"}}.get(persona, opd)
    if params:
        assert opd == {"Dinas B"}


def test_the_page_lists_overrides_naming_a_non_penilai(client, tim):
    Pegawai.objects.filter(pk__in=[tim.staf.pk, tim.staf_lain.pk]).update(atasan_override=tim.ketua)
    Pegawai.objects.filter(pk=tim.staf_dua.pk).update(atasan_override=tim.kabid)
    response = _halaman(client, tim.admin_opd, bagian="penetapan")
    assert {p.pk for p in response.context["baris"]} == {tim.staf.pk, tim.staf_lain.pk}
    assert not any(p.delegasi_aktif for p in response.context["baris"])
    delegasi(tim, tim.ketua)
    response = _halaman(client, tim.admin_opd, bagian="penetapan")
    assert all(p.delegasi_aktif for p in response.context["baris"])
    assert response.context["jumlah"] == {"jabatan": 1, "penetapan": 2}


def _tim_lagi(org, n):
    """``n`` more teams: a JF ketua tim under Kasi A, with two pelaksana under the ketua's position."""
    for i in range(n):
        j_ketua = _jf(org, org.kasi.jabatan, f"Ketua Tim {i}")
        PegawaiFactory(jabatan=j_ketua)
        j_anggota = JabatanFactory(unit_kerja=org.kasi.jabatan.unit_kerja, nama=f"Anggota {i}", parent=j_ketua)
        PegawaiFactory(jabatan=j_anggota)
        PegawaiFactory(jabatan=j_anggota)


@pytest.mark.parametrize("bagian", ["jabatan", "penetapan"])
def test_the_page_takes_the_same_number_of_queries_whatever_the_number_of_positions(client, tim, bagian):
    delegasi(tim, tim.ketua)
    Pegawai.objects.filter(pk=tim.staf.pk).update(atasan_override=tim.ketua)
    client.force_login(tim.admin_opd)
    url = reverse("penilai_periksa")

    def hitung():
        with CaptureQueriesContext(connection) as q:
            response = client.get(url, {"bagian": bagian})
        assert response.status_code == 200
        return len(q), len(response.context["baris"])

    sedikit, baris_sedikit = hitung()
    _tim_lagi(tim, 4)
    Pegawai.objects.filter(jabatan__nama__startswith="Anggota").update(atasan_override=tim.staf_lain)
    banyak, baris_banyak = hitung()
    assert baris_banyak > baris_sedikit
    assert banyak == sedikit
