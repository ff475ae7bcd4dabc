"""Reads: who sees which SKP, the atasan's queue, the Matriks Peran Hasil and the daftar nominatif — with their
query counts fixed whatever the number of bawahan."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pegawai.choices import JenisJabatan, Jenjang
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory
from skp.choices import JenisRhk, SkpStatus, StatusRekap
from skp.models import Skp
from skp.selectors.antrian import skp_antrian_atasan
from skp.selectors.mph import matriks_peran_hasil
from skp.selectors.nominatif import daftar_nominatif
from skp.selectors.skp import skp_visible_to
from skp.services.isi import rhk_tambah, rhk_ubah
from skp.services.skp import skp_ajukan, skp_buat, skp_setujui
from skp.services.versi import skp_buat_perubahan

from .factories import IkiFactory, RhkFactory, SkpFactory, skp_disetujui
from .helpers import isi_rhk, setujui

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------------------------------
# skp_visible_to
# ---------------------------------------------------------------------------------------------------------------


@pytest.fixture
def semua(org, skp_kepala, skp_kabid, skp_kasi, skp_staf):
    return {"kepala": skp_kepala, "kabid": skp_kabid, "kasi": skp_kasi, "staf": skp_staf}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("pegawai", {"staf", "kasi"}),  # own, and the atasan's approved SKP to cascade from
        ("atasan", {"kasi", "staf", "kabid"}),
        ("atasan_atasan", {"kabid", "kasi", "staf", "kepala"}),
        ("plt", {"kabid"}),
        ("admin_opd", {"kepala", "kabid", "kasi", "staf"}),
        ("admin_opd_lain", set()),
        ("admin_bkpsdm", {"kepala", "kabid", "kasi", "staf"}),
        ("anonymous", set()),
    ],
)
def test_it_scopes_skp_per_persona(org, semua, persona, expected):
    user = org.user(persona) or AnonymousUser()
    visible = set(skp_visible_to(user).values_list("pk", flat=True))
    assert visible == {semua[nama].pk for nama in expected}


def test_a_bawahan_does_not_see_the_atasans_draft(org, semua):
    perubahan = skp_buat_perubahan(actor=org.kasi, skp=semua["kasi"], alasan="Penyesuaian target.")
    assert perubahan not in skp_visible_to(org.staf.user)
    assert semua["kasi"] in skp_visible_to(org.staf.user)


def test_the_penilai_keeps_seeing_what_they_signed_after_moving_away(org, semua):
    setujui(semua["staf"], org.kasi)
    org.kasi.jabatan = JabatanFactory(unit_kerja=org.staf_b.jabatan.unit_kerja, nama="Analis Dinas B")
    org.kasi.save()
    visible = skp_visible_to(org.kasi.user)
    assert semua["staf"] in visible
    assert not visible.filter(pegawai=org.staf_lain).exists()


# ---------------------------------------------------------------------------------------------------------------
# skp_antrian_atasan
# ---------------------------------------------------------------------------------------------------------------


def test_it_lists_the_bawahan_queue_with_submitted_first(org, semua):
    rows = skp_antrian_atasan(org.kasi, semua["kasi"].tahun)
    assert [(r.pegawai.nama, r.status, r.perlu_tindakan) for r in rows] == [
        ("Staf A", SkpStatus.DRAFT, False),
        ("Staf A Lain", StatusRekap.BELUM_DIBUAT, False),
    ]
    assert rows[1].skp is None and rows[1].status_label == "Belum dibuat"
    skp_ajukan(actor=org.staf, skp=semua["staf"])
    staf_lain = skp_buat(actor=org.staf_lain, tahun=semua["kasi"].tahun)
    rows = skp_antrian_atasan(org.kasi, semua["kasi"].tahun)
    assert [(r.pegawai.nama, r.skp, r.status_label) for r in rows] == [
        ("Staf A", semua["staf"], "Diajukan"),
        ("Staf A Lain", staf_lain, "Draf"),
    ]


def test_the_queue_of_a_plt_holds_the_acting_positions_bawahan(org, tahun, skp_kasi_tiga):
    rows = skp_antrian_atasan(org.kasi_tiga, tahun)
    assert [(r.pegawai.nama, r.status) for r in rows] == [("Staf Dua", StatusRekap.BELUM_DIBUAT)]


def test_the_queue_shows_a_pending_perubahan_next_to_the_approved_version(org, semua):
    lama = setujui(semua["staf"], org.kasi)
    baru = skp_buat_perubahan(actor=org.staf, skp=lama, alasan="Penyesuaian target.")
    skp_ajukan(actor=org.staf, skp=baru)
    rows = [r for r in skp_antrian_atasan(org.kasi, lama.tahun) if r.pegawai == org.staf]
    assert [(r.skp.versi, r.status, r.perlu_tindakan) for r in rows] == [
        (2, SkpStatus.DIAJUKAN, True),
        (1, SkpStatus.DISETUJUI, False),
    ]
    setujui_baru = skp_setujui(actor=org.kasi, skp=baru)
    rows = [r for r in skp_antrian_atasan(org.kasi, lama.tahun) if r.pegawai == org.staf]
    assert [r.skp for r in rows] == [setujui_baru]


def build_unit(org, tahun, n: int):
    """A section with a head (approved SKP with three RHK) and ``n`` staff: every third without an SKP, the rest
    with one Utama RHK intervening one of the head's RHK and one Tambahan RHK, in varying states."""
    unit = UnitKerjaFactory(perangkat_daerah=org.opd_a, parent=org.kabid.jabatan.unit_kerja)
    j_kepala = JabatanFactory(
        unit_kerja=unit, jenis=JenisJabatan.PENGAWAS, jenjang=Jenjang.PENGAWAS, parent=org.kabid.jabatan
    )
    j_staf = JabatanFactory(unit_kerja=unit, parent=j_kepala)
    kepala = PegawaiFactory(jabatan=j_kepala)
    skp_kepala = skp_disetujui(kepala, tahun=tahun, rhk=["Hasil satu", "Hasil dua", "Hasil tiga"])
    rhk_kepala = list(skp_kepala.rhk.order_by("urutan"))
    statuses = [SkpStatus.DRAFT, SkpStatus.DIAJUKAN, SkpStatus.DIKEMBALIKAN, SkpStatus.DISETUJUI]
    for i in range(n):
        staf = PegawaiFactory(jabatan=j_staf)
        if i % 3 == 0:
            continue
        skp = SkpFactory(pegawai=staf, tahun=tahun, status=statuses[i % 4])
        IkiFactory(rhk=RhkFactory(skp=skp, intervensi=rhk_kepala[i % 2], urutan=1), urutan=1)
        IkiFactory(rhk=RhkFactory(skp=skp, jenis=JenisRhk.TAMBAHAN, urutan=1), urutan=1)
    return unit, kepala


def count_queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_the_queue_runs_a_fixed_number_of_queries(org, tahun, skp_kabid):
    def baca(kepala):
        def run():
            rows = skp_antrian_atasan(kepala, tahun)
            # What the page shows for each row.
            return [
                (
                    r.pegawai.nama,
                    r.pegawai.jabatan.unit_kerja.nama,
                    r.status_label,
                    r.skp.jabatan.nama if r.skp else "",
                    r.skp.pegawai.nama if r.skp else "",
                )
                for r in rows
            ]

        return run

    _unit3, kepala3 = build_unit(org, tahun, 3)
    _unit15, kepala15 = build_unit(org, tahun, 15)
    assert len(skp_antrian_atasan(kepala3, tahun)) == 3
    assert len(skp_antrian_atasan(kepala15, tahun)) == 15
    assert count_queries(baca(kepala3)) == count_queries(baca(kepala15))


# ---------------------------------------------------------------------------------------------------------------
# matriks_peran_hasil
# ---------------------------------------------------------------------------------------------------------------


def test_it_builds_the_matrix_of_a_section(org, tahun, semua):
    unit = org.kasi.jabatan.unit_kerja
    [mph] = matriks_peran_hasil(unit, tahun)
    assert (mph.atasan, mph.jabatan, mph.sebutan, mph.skp_atasan) == (org.kasi, org.kasi.jabatan, "", semua["kasi"])
    rhk_kasi = list(semua["kasi"].rhk.order_by("urutan"))
    rhk_staf = semua["staf"].rhk.get()
    assert [b.rhk for b in mph.baris] == rhk_kasi
    assert mph.baris[0].intervensi == [rhk_staf]
    assert mph.baris[0].untuk(org.staf) == [rhk_staf]
    assert mph.baris[0].untuk(org.staf_lain) == []
    assert mph.rhk_tanpa_bawahan == [rhk_kasi[1]]
    assert [b.pegawai for b in mph.bawahan] == [org.staf, org.staf_lain]
    assert mph.bawahan_tanpa_intervensi == [org.staf_lain]


def test_the_matrix_of_a_vacant_section_is_led_by_its_plt(org, tahun, skp_plt):
    skp_dua = skp_buat(actor=org.staf_dua, tahun=tahun)
    rhk = isi_rhk(skp_dua, "Tersusunnya analisis", skp_plt.rhk.order_by("urutan").last())
    [mph] = matriks_peran_hasil(org.staf_dua.jabatan.unit_kerja, tahun)
    assert (mph.atasan, mph.jabatan.nama, mph.sebutan, mph.skp_atasan) == (
        org.kasi_tiga,
        "Kepala Seksi Dua",
        "Plt.",
        skp_plt,
    )
    assert [b.intervensi for b in mph.baris] == [[], [rhk]]
    assert mph.bawahan_tanpa_intervensi == []


def test_the_matrix_of_a_bidang_spans_its_sections(org, tahun, semua, skp_kasi_tiga):
    [mph] = matriks_peran_hasil(org.kabid.jabatan.unit_kerja, tahun)
    assert mph.atasan == org.kabid
    assert [b.pegawai for b in mph.bawahan] == [org.kasi, org.kasi_tiga]
    assert [sorted(r.skp.pegawai.nama for r in b.intervensi) for b in mph.baris] == [
        ["Kasi A", "Kasi Tiga"],
        ["Kasi A", "Kasi Tiga"],
    ]
    assert mph.rhk_tanpa_bawahan == []


def test_the_matrix_maps_interventions_of_an_older_version_onto_the_current_rows(org, tahun, semua):
    lama = setujui(semua["staf"], org.kasi)
    kasi_v2 = skp_buat_perubahan(actor=org.kasi, skp=semua["kasi"], alasan="Penyesuaian target.")
    rhk_ubah(actor=org.kasi, rhk=kasi_v2.rhk.order_by("urutan").first(), teks="Dirumuskan ulang")
    setujui(kasi_v2, org.kabid)
    [mph] = matriks_peran_hasil(org.kasi.jabatan.unit_kerja, tahun)
    assert mph.skp_atasan == kasi_v2
    assert mph.baris[0].rhk.teks == "Dirumuskan ulang"
    assert mph.baris[0].intervensi == [lama.rhk.get()]


def test_a_unit_without_a_leader_has_no_matrix(org, tahun):
    assert matriks_peran_hasil(UnitKerjaFactory(perangkat_daerah=org.opd_a), tahun) == []


def test_a_leader_without_an_approved_skp_shows_every_bawahan_without_intervention(org, tahun, skp_kabid):
    [mph] = matriks_peran_hasil(org.kasi.jabatan.unit_kerja, tahun)
    assert mph.skp_atasan is None and mph.baris == []
    assert mph.bawahan_tanpa_intervensi == [org.staf, org.staf_lain]


def test_the_matrix_runs_a_fixed_number_of_queries(org, tahun, skp_kabid):
    def baca(unit):
        def run():
            out = []
            for mph in matriks_peran_hasil(unit, tahun):
                out.append((mph.atasan.nama, mph.jabatan.nama, mph.skp_atasan.status))
                for baris in mph.baris:
                    out.append(
                        (
                            baris.rhk.teks,
                            baris.tanpa_bawahan,
                            [(r.teks, r.skp.pegawai.nama, r.skp.status) for r in baris.intervensi],
                        )
                    )
                    out.extend(len(baris.untuk(b.pegawai)) for b in mph.bawahan)
                for b in mph.bawahan:
                    out.append(
                        (
                            b.pegawai.nama,
                            b.pegawai.jabatan.nama,
                            b.skp.status if b.skp else "",
                            b.tanpa_intervensi,
                            [r.teks for r in b.rhk_lain],
                        )
                    )
            return out

        return run

    unit3, _ = build_unit(org, tahun, 3)
    unit15, _ = build_unit(org, tahun, 15)
    [mph15] = matriks_peran_hasil(unit15, tahun)
    assert len(mph15.bawahan) == 15
    assert len(mph15.bawahan_tanpa_intervensi) == 5
    assert mph15.rhk_tanpa_bawahan == [mph15.baris[2].rhk]
    assert count_queries(baca(unit3)) == count_queries(baca(unit15))


# ---------------------------------------------------------------------------------------------------------------
# daftar_nominatif
# ---------------------------------------------------------------------------------------------------------------


def test_the_daftar_nominatif_lists_every_active_pegawai_with_their_skp_status(
    org, tahun, semua, skp_kasi_tiga, django_assert_num_queries
):
    skp_ajukan(actor=org.staf, skp=semua["staf"])
    staf_lain = skp_buat(actor=org.staf_lain, tahun=tahun)
    rhk_tambah(actor=org.staf_lain, skp=staf_lain, jenis=JenisRhk.TAMBAHAN, teks="Panitia")
    Skp.objects.filter(pk=staf_lain.pk).update(status=SkpStatus.DIKEMBALIKAN)
    pensiun = PegawaiFactory(jabatan=org.staf.jabatan, nama="Sudah Pensiun", aktif=False)
    SkpFactory(pegawai=pensiun, tahun=tahun)
    SkpFactory(pegawai=org.staf_dua, tahun=tahun - 1, status=SkpStatus.DISETUJUI)  # last year does not count

    with django_assert_num_queries(1):
        rows = [(p.nama, p.jabatan.unit_kerja.nama, p.status_skp) for p in daftar_nominatif(org.opd_a, tahun)]
    assert sorted((nama, status) for nama, _unit, status in rows) == [
        ("Kabid A", SkpStatus.DISETUJUI),
        ("Kasi A", SkpStatus.DISETUJUI),
        ("Kasi Tiga", SkpStatus.DISETUJUI),
        ("Kepala A", SkpStatus.DISETUJUI),
        ("Staf A", SkpStatus.DIAJUKAN),
        ("Staf A Lain", SkpStatus.DIKEMBALIKAN),
        ("Staf Dua", StatusRekap.BELUM_DIBUAT),
    ]
    by_name = {p.nama: p for p in daftar_nominatif(org.opd_a.pk, tahun)}
    assert by_name["Staf A"].skp_berlaku_id == semua["staf"].pk
    assert by_name["Staf Dua"].skp_berlaku_id is None


def test_the_daftar_nominatif_uses_the_skp_of_the_latest_period(org, tahun, semua):
    Skp.objects.filter(pk=semua["staf"].pk).update(
        status=SkpStatus.DISETUJUI, tanggal_selesai=datetime.date(tahun, 6, 30)
    )
    SkpFactory(pegawai=org.staf, tahun=tahun, jabatan=org.staf_dua.jabatan, tanggal_mulai=datetime.date(tahun, 7, 1))
    status = {p.nama: p.status_skp for p in daftar_nominatif(org.opd_a, tahun)}
    assert status["Staf A"] == SkpStatus.DRAFT
