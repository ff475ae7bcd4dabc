"""Written delegations of the pejabat penilai's rights (docs/ATURAN.md): the service's rules, one row per refusal, and
who rates on a date across a delegation — the Python rule (pegawai.atasan) and its SQL form (pegawai.supervisi)
held equal."""

import datetime

import pytest
from django.utils import timezone
from pghistory.models import Events

from pegawai.atasan import bawahan_langsung, penilai_pada
from pegawai.choices import JenisJabatan, JenisPenugasan, Jenjang
from pegawai.errors import PegawaiError, PegawaiTidakBerwenang
from pegawai.models import DelegasiPenilai
from pegawai.services.delegasi import delegasi_batal, delegasi_buat, tanggal_paling_akhir
from pegawai.supervisi import atasan_pada

from .factories import JabatanFactory, PegawaiFactory, PenugasanFactory

pytestmark = pytest.mark.django_db

HARI_INI = timezone.localdate()
HARI = datetime.timedelta(days=1)
MULAI = HARI_INI - 10 * HARI
SELESAI = HARI_INI + 10 * HARI


@pytest.fixture
def tim(org):
    """Under Kasi A: a JF ketua tim, and a pelaksana under the ketua tim's position."""
    seksi = org.kasi.jabatan.unit_kerja
    j_ketua = JabatanFactory(
        unit_kerja=seksi,
        nama="Pranata Komputer Ahli Muda",
        jenis=JenisJabatan.FUNGSIONAL,
        jenjang=Jenjang.AHLI_MUDA,
        parent=org.kasi.jabatan,
    )
    j_anggota = JabatanFactory(unit_kerja=seksi, nama="Pengolah Data Tim", parent=j_ketua)
    org.ketua = PegawaiFactory(jabatan=j_ketua, nama="Ketua Tim")
    org.anggota = PegawaiFactory(jabatan=j_anggota, nama="Anggota Tim")
    return org


def buat(org, **kwargs):
    values = {
        "actor": org.admin_opd,
        "pemberi": org.kasi,
        "penerima": org.ketua,
        "tanggal_mulai": MULAI,
        "tanggal_selesai": SELESAI,
        "alasan": "Tim kerja pengelolaan data dipimpin ketua tim.",
        "nomor_surat": "800/12/Diskominfo/2026",
    }
    values.update(kwargs)
    return delegasi_buat(**values)


def test_it_records_a_delegation_attributed_to_the_admin(tim):
    d = buat(tim, alasan="  Tim kerja.\nBaris kedua.  ", nomor_surat=" 800/1 ")
    assert (d.pemberi, d.penerima, d.tanggal_mulai, d.tanggal_selesai) == (tim.kasi, tim.ketua, MULAI, SELESAI)
    assert (d.alasan, d.nomor_surat, d.dibatalkan_pada) == ("Tim kerja.\nBaris kedua.", "800/1", None)
    insert = Events.objects.tracks(d).get(pgh_label="insert")
    assert insert.pgh_context["user"] == tim.admin_opd.pk and insert.pgh_context["aksi"] == "delegasi_buat"


@pytest.mark.parametrize(
    "ubah,field,pesan",
    [
        ({"tanggal_selesai": MULAI - HARI}, "tanggal_selesai", "tidak boleh sebelum"),
        ({"tanggal_mulai": datetime.date(1999, 12, 31)}, "tanggal_mulai", "Tanggal harus antara"),
        ({"tanggal_selesai": tanggal_paling_akhir() + HARI}, "tanggal_selesai", "Tanggal harus antara"),
        ({"tanggal_mulai": None}, "tanggal_mulai", "wajib diisi"),
        ({"alasan": "   "}, "alasan", "wajib diisi"),
        ({"alasan": "x" * 1001}, "alasan", "terlalu panjang"),
        ({"nomor_surat": ""}, "nomor_surat", "wajib diisi"),
        ({"nomor_surat": "800/1\n2026"}, "nomor_surat", "karakter kendali"),
        ({"nomor_surat": "8" * 101}, "nomor_surat", "terlalu panjang"),
        ({"penerima": "kasi"}, "penerima", "orang yang sama"),
        # The ketua tim is no pejabat pengawas: they have nothing to delegate.
        ({"pemberi": "ketua", "penerima": "anggota"}, "pemberi", "tidak memegang jabatan paling rendah pengawas"),
        # Kasi A may already rate: a delegation to them is pointless.
        ({"pemberi": "kabid", "penerima": "kasi"}, "penerima", "sudah dapat menjadi pejabat penilai"),
        # Staf Dua works under Kepala Seksi Dua, not under Kasi A.
        ({"penerima": "staf_dua"}, "penerima", "tidak berada di bawah jabatan"),
        # Kasi A held no position before their TMT.
        ({"tanggal_mulai": datetime.date(2005, 1, 1)}, "pemberi", "tidak memegang jabatan paling rendah pengawas"),
    ],
)
def test_it_refuses_a_delegation_that_breaks_a_rule(tim, ubah, field, pesan):
    ubah = {k: getattr(tim, v) if k in ("pemberi", "penerima") else v for k, v in ubah.items()}
    with pytest.raises(PegawaiError) as exc:
        buat(tim, **ubah)
    assert pesan in exc.value.errors[field]
    assert not DelegasiPenilai.objects.exists()


def test_it_refuses_a_penerima_acting_as_plh_of_a_leadership_position(tim):
    """Staf A, a pelaksana, is Plh of Kepala Seksi Dua that day: a pengawas by acting, no delegation needed."""
    PenugasanFactory(
        pegawai=tim.staf, jabatan=tim.plt.jabatan, jenis=JenisPenugasan.PLH, tanggal_mulai=MULAI, tanggal_selesai=MULAI
    )
    with pytest.raises(PegawaiError) as exc:
        buat(tim, pemberi=tim.kabid, penerima=tim.staf)
    assert "sudah dapat menjadi pejabat penilai" in exc.value.errors["penerima"]
    assert buat(tim, pemberi=tim.kabid, penerima=tim.staf, tanggal_mulai=MULAI + HARI).pk


def test_it_refuses_an_inactive_penerima(tim):
    tim.ketua.aktif = False
    tim.ketua.save()
    with pytest.raises(PegawaiError) as exc:
        buat(tim)
    assert "tidak aktif" in exc.value.errors["penerima"]


def test_it_refuses_a_second_active_delegation_overlapping_the_first(tim):
    first = buat(tim)
    with pytest.raises(PegawaiError) as exc:
        buat(tim, tanggal_mulai=SELESAI, tanggal_selesai=SELESAI + 5 * HARI)
    assert "bertumpang tindih" in exc.value.errors["tanggal_mulai"]
    # The day after is free; and a cancelled delegation does not block its range.
    buat(tim, tanggal_mulai=SELESAI + HARI, tanggal_selesai=SELESAI + 5 * HARI)
    delegasi_batal(actor=tim.admin_opd, delegasi=first, alasan="Surat keliru.")
    buat(tim, tanggal_mulai=MULAI, tanggal_selesai=SELESAI)
    assert DelegasiPenilai.objects.filter(dibatalkan_pada__isnull=True).count() == 2


def test_a_plt_may_delegate_for_the_position_they_act_in(tim):
    """Kasi Tiga acts as Kepala Seksi Dua: Staf Dua works under it."""
    d = buat(tim, pemberi=tim.kasi_tiga, penerima=tim.staf_dua, tanggal_mulai=HARI_INI, tanggal_selesai=HARI_INI)
    assert d.pemberi == tim.kasi_tiga


@pytest.mark.parametrize("actor,allowed", [("admin_opd", True), ("admin_opd_lain", False), ("admin_bkpsdm", True)])
def test_only_admins_of_both_people_record_a_delegation(tim, actor, allowed):
    if allowed:
        assert buat(tim, actor=getattr(tim, actor)).pk
    else:
        with pytest.raises(PegawaiTidakBerwenang):
            buat(tim, actor=getattr(tim, actor))


def test_an_admin_opd_cannot_reach_a_pegawai_of_another_opd(tim):
    with pytest.raises(PegawaiTidakBerwenang) as exc:
        buat(tim, penerima=tim.staf_b)
    assert "di luar perangkat daerah" in exc.value.errors["penerima"]


# --- cancelling ---------------------------------------------------------------------------------------------------


def test_cancelling_keeps_the_delegation_with_its_reason(tim):
    d = buat(tim)
    delegasi_batal(actor=tim.admin_bkpsdm, delegasi=d, alasan="Ketua tim dimutasi.")
    d.refresh_from_db()
    assert d.dibatalkan_pada is not None and d.alasan_batal == "Ketua tim dimutasi."
    update = Events.objects.tracks(d).get(pgh_label="update")
    assert update.pgh_context["user"] == tim.admin_bkpsdm.pk and update.pgh_context["aksi"] == "delegasi_batal"
    with pytest.raises(PegawaiError, match="sudah dibatalkan"):
        delegasi_batal(actor=tim.admin_bkpsdm, delegasi=d, alasan="Lagi.")


@pytest.mark.parametrize(
    "actor,alasan,galat",
    [
        ("admin_opd", "", PegawaiError),
        ("admin_opd", "x" * 1001, PegawaiError),
        ("admin_opd_lain", "Bukan wewenang.", PegawaiTidakBerwenang),
    ],
)
def test_it_refuses_a_cancellation_without_a_reason_or_outside_the_scope(tim, actor, alasan, galat):
    d = buat(tim)
    with pytest.raises(galat) as exc:
        delegasi_batal(actor=getattr(tim, actor), delegasi=d, alasan=alasan)
    if galat is PegawaiError:
        assert "alasan_batal" in exc.value.errors
    d.refresh_from_db()
    assert d.dibatalkan_pada is None


# --- who rates on a date ----------------------------------------------------------------------------------------------


def _penilai(org, on):
    """The anggota's penilai on ``on`` asked three ways, which must agree: upward in Python, downward in Python
    (bawahan_langsung of each candidate), and in SQL."""
    penilai = penilai_pada(org.anggota, on)
    atas = penilai.pegawai if penilai else None
    bawah = {p for p in (org.kasi, org.ketua, org.kabid) if bawahan_langsung(p, on).filter(pk=org.anggota.pk).exists()}
    sql = atasan_pada([(org.anggota.pk, on)]).get((org.anggota.pk, on))
    assert bawah == ({atas} if atas else set())
    assert sql == (atas.pk if atas else None)
    return atas, (penilai.dasar if penilai else None)


@pytest.mark.parametrize(
    "keadaan,hari,siapa,dasar",
    [
        ("tanpa", MULAI, "kasi", "jabatan"),
        ("tanpa", HARI_INI, "kasi", "jabatan"),
        ("aktif", MULAI - HARI, "kasi", "jabatan"),
        ("aktif", MULAI, "ketua", "delegasi"),
        ("aktif", HARI_INI, "ketua", "delegasi"),
        ("aktif", SELESAI, "ketua", "delegasi"),
        ("aktif", SELESAI + HARI, "kasi", "jabatan"),
        ("dibatalkan", MULAI, "kasi", "jabatan"),
        ("dibatalkan", HARI_INI, "kasi", "jabatan"),
    ],
)
def test_the_penilai_of_a_pelaksana_under_a_ketua_tim_follows_the_delegation(tim, keadaan, hari, siapa, dasar):
    if keadaan != "tanpa":
        d = buat(tim)
        if keadaan == "dibatalkan":
            delegasi_batal(actor=tim.admin_opd, delegasi=d, alasan="Dicabut.")
    assert _penilai(tim, hari) == (getattr(tim, siapa), dasar)
    # The ketua tim is rated by the kasi all along: a delegation changes who rates below, not above.
    assert penilai_pada(tim.ketua, hari).pegawai == tim.kasi
