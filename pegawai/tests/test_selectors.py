import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from pegawai.akses import dapat_menilai, pegawai_managed_by, pegawai_visible_to, peran_of
from pegawai.atasan import atasan_langsung, atasan_pejabat_penilai, bawahan_dua_tingkat, bawahan_langsung

pytestmark = pytest.mark.django_db


def names(qs):
    return sorted(p.nama for p in qs)


def test_it_finds_the_atasan_from_the_parent_position(org):
    assert atasan_langsung(org.staf) == org.kasi
    assert atasan_pejabat_penilai(org.staf) == org.kabid
    assert atasan_langsung(org.kasi) == org.kabid
    assert atasan_langsung(org.kabid) == org.kepala
    assert atasan_langsung(org.kepala) is None


def test_it_gives_a_plt_the_supervisory_rights_of_the_position_during_the_range(org):
    assert atasan_langsung(org.staf_dua) == org.kasi_tiga
    assert names(bawahan_langsung(org.kasi_tiga)) == ["Staf Dua"]
    assert dapat_menilai(org.kasi_tiga, org.staf_dua)


def test_it_passes_supervision_of_a_vacant_position_up_once_the_plt_has_ended(org):
    after = org.plt.tanggal_selesai + datetime.timedelta(days=1)
    assert atasan_langsung(org.staf_dua, on=after) == org.kabid
    assert names(bawahan_langsung(org.kasi_tiga, on=after)) == []
    assert "Staf Dua" in names(bawahan_langsung(org.kabid, on=after))
    assert not dapat_menilai(org.kasi_tiga, org.staf_dua, on=after)


def test_it_lists_direct_and_second_level_bawahan(org):
    assert names(bawahan_langsung(org.kasi)) == ["Staf A", "Staf A Lain"]
    assert names(bawahan_langsung(org.kabid)) == ["Kasi A", "Kasi Tiga"]
    assert names(bawahan_dua_tingkat(org.kabid)) == ["Kasi A", "Kasi Tiga", "Staf A", "Staf A Lain", "Staf Dua"]
    assert names(bawahan_dua_tingkat(org.kepala)) == ["Kabid A", "Kasi A", "Kasi Tiga"]
    assert names(bawahan_dua_tingkat(org.staf)) == []


def test_it_honours_an_explicit_atasan_override(org):
    org.staf_lain.atasan_override = org.kabid
    org.staf_lain.save()
    assert atasan_langsung(org.staf_lain) == org.kabid
    assert names(bawahan_langsung(org.kasi)) == ["Staf A"]
    assert "Staf A Lain" in names(bawahan_langsung(org.kabid))


def test_it_leaves_inactive_pegawai_out_of_supervision_but_not_out_of_admin_view(org):
    org.staf.aktif = False
    org.staf.save()
    assert names(bawahan_langsung(org.kasi)) == ["Staf A Lain"]
    assert org.staf in pegawai_visible_to(org.admin_opd)


def test_it_never_lets_anyone_rate_themself_or_a_non_bawahan(org):
    assert not dapat_menilai(org.staf, org.staf)
    assert not dapat_menilai(org.kabid, org.staf)  # atasan's atasan sees but does not rate
    assert not dapat_menilai(None, org.staf)
    assert dapat_menilai(org.kasi, org.staf)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("pegawai", ["Staf A"]),
        ("atasan", ["Kasi A", "Staf A", "Staf A Lain"]),
        ("atasan_atasan", ["Kabid A", "Kasi A", "Kasi Tiga", "Staf A", "Staf A Lain", "Staf Dua"]),
        ("plt", ["Kasi Tiga", "Staf Dua"]),
        ("admin_opd", ["Kabid A", "Kasi A", "Kasi Tiga", "Kepala A", "Staf A", "Staf A Lain", "Staf Dua"]),
        ("admin_opd_lain", ["Kepala B", "Staf B"]),
        ("admin_bkpsdm", "ALL"),
        ("pimpinan", "ALL"),
        ("anonymous", []),
    ],
)
def test_it_scopes_who_sees_whom_for_every_persona(org, persona, expected):
    user = org.user(persona) or AnonymousUser()
    seen = names(pegawai_visible_to(user))
    if expected == "ALL":
        assert len(seen) == 9
    else:
        assert seen == expected


def test_it_limits_master_data_changes_to_admins(org):
    assert pegawai_managed_by(org.user("pegawai")).count() == 0
    assert pegawai_managed_by(org.admin_opd).count() == 7
    assert pegawai_managed_by(org.admin_bkpsdm).count() == 9
    roles = peran_of(org.admin_opd)
    assert roles.admin and not roles.admin_bkpsdm and roles.admin_opd_ids == {org.opd_a.pk}


def test_it_answers_visibility_in_a_constant_number_of_queries(org, django_assert_max_num_queries):
    from pegawai.tests.factories import PegawaiFactory

    for _ in range(20):
        PegawaiFactory(jabatan=org.staf.jabatan)
    user = org.user("atasan_atasan")
    with django_assert_max_num_queries(12):
        assert len(list(pegawai_visible_to(user))) == 26


def test_it_lets_a_plh_from_the_sections_own_staff_supervise_their_colleagues(org):
    from pegawai.choices import JenisPenugasan
    from pegawai.tests.factories import PenugasanFactory

    PenugasanFactory(pegawai=org.staf_lain, jabatan=org.kasi.jabatan, jenis=JenisPenugasan.PLH)
    assert names(bawahan_langsung(org.staf_lain)) == ["Staf A"]
    assert dapat_menilai(org.staf_lain, org.staf)
    assert not dapat_menilai(org.staf_lain, org.staf_lain)
