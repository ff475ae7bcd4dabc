"""Portal pages: what each persona sees, what they may not see, and what gets logged."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from pegawai.atasan import bawahan_langsung
from pegawai.choices import JenisJabatan, JenisPenugasan, StatusPegawai
from pegawai.errors import PenugasanError
from pegawai.models import Pegawai, Penugasan
from pegawai.services.penugasan import penugasan_buat
from portal.akseslog import catat_akses
from portal.audit import as_actor
from portal.choices import JenisAkses
from portal.exports import escape_cell
from portal.models import AksesLog

from .factories import (
    JabatanFactory,
    PegawaiFactory,
    PenugasanFactory,
    PerangkatDaerahFactory,
    UnitKerjaFactory,
    make_nip,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def login(client, user):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def page(client, name, *args, data=None):
    response = client.get(reverse(name, args=args), data or {})
    return response, response.content.decode()


def nips_in_list(response) -> set[str]:
    return {p.nip for p in response.context["page_obj"].object_list}


# --- access rules ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,args",
    [
        ("dashboard", ()),
        ("pegawai_list", ()),
        ("pegawai_ekspor", ()),
        ("organisasi", ()),
        ("penugasan_list", ()),
        ("penugasan_create", ()),
        ("audit_list", ()),
        ("akses_log", ()),
        ("password_change", ()),
    ],
)
def test_it_sends_anonymous_visitors_to_the_login_page(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_shows_the_guide_and_login_page_without_login(client):
    response, html = page(client, "panduan")
    assert response.status_code == 200
    assert "Masuk dengan NIP" in html and "Pelindungan Data Pribadi" in html
    response, html = page(client, "login")
    assert response.status_code == 200
    assert 'name="username"' in html and 'inputmode="numeric"' in html


def test_it_logs_in_with_a_nip_typed_with_spaces(client, org):
    response = client.post(reverse("login"), {"username": org.staf.nip_tercetak, "password": "rahasia-uji-123"})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    _, html = page(client, "dashboard")
    assert org.staf.nama_lengkap in html


def test_it_tells_the_user_in_plain_words_when_the_password_is_wrong(client, org):
    response = client.post(reverse("login"), {"username": org.staf.nip, "password": "salah"})
    assert response.status_code == 200
    assert "NIP atau kata sandi salah" in response.content.decode()


def test_it_changes_the_password_on_the_styled_page(client, org):
    login(client, org.staf.user)
    response, html = page(client, "password_change")
    assert response.status_code == 200 and "Ubah kata sandi" in html and "form-control" in html
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "rahasia-uji-123",
            "new_password1": "Bandung-Juara-2026",
            "new_password2": "Bandung-Juara-2026",
        },
    )
    assert response["Location"] == reverse("password_change_done")
    org.staf.user.refresh_from_db()
    assert org.staf.user.check_password("Bandung-Juara-2026")


# --- dashboard ------------------------------------------------------------------------------------------------------


def test_it_shows_a_pegawai_their_identity_card_and_atasan_chain(client, org):
    login(client, org.staf.user)
    response, html = page(client, "dashboard")
    assert response.status_code == 200
    for text in (
        org.staf.nama_lengkap,
        org.staf.nip_tercetak,
        "Pengelola Data",
        "Seksi Satu",
        "Dinas A",
        org.kasi.nama_lengkap,
        org.kabid.nama_lengkap,
    ):
        assert text in html
    assert response.context["atasan"] == org.kasi
    assert response.context["atasan_atasan"] == org.kabid
    assert "rekap" not in response.context
    assert 'data-testid="jumlah-bawahan"' not in html


def test_it_shows_an_atasan_the_number_of_direct_bawahan(client, org):
    login(client, org.kasi.user)
    _, html = page(client, "dashboard")
    assert 'data-testid="jumlah-bawahan">2<' in html
    assert org.staf.nama_lengkap in html and org.staf_lain.nama_lengkap in html
    assert "?lingkup=bawahan" in html


def test_it_shows_a_plt_the_position_they_act_in_and_its_bawahan(client, org):
    login(client, org.kasi_tiga.user)
    _, html = page(client, "dashboard")
    assert "Penugasan Plt/Plh yang sedang Anda jalankan" in html
    assert "Kepala Seksi Dua" in html
    assert 'data-testid="jumlah-bawahan">1<' in html
    assert org.staf_dua.nama_lengkap in html


def _add_status_variety(org):
    unit = org.staf.jabatan.unit_kerja
    jab = JabatanFactory(unit_kerja=unit, nama="Analis Baru", parent=org.kasi.jabatan)
    PegawaiFactory(jabatan=jab, nama="Cpns A", status=StatusPegawai.CPNS)
    PegawaiFactory(jabatan=jab, nama="Pppk A", status=StatusPegawai.PPPK, nip=make_nip(501, pppk=True))
    PegawaiFactory(jabatan=jab, nama="Pensiun A", aktif=False)
    JabatanFactory(unit_kerja=unit, nama="Kasubbag Kosong", jenis=JenisJabatan.PENGAWAS, jenjang="PENGAWAS")


def test_it_shows_an_admin_opd_the_real_counts_of_their_own_opd_only(client, org):
    _add_status_variety(org)
    login(client, org.admin_opd)
    response, html = page(client, "dashboard")
    rekap = response.context["rekap"]
    assert [r.nama for r in rekap] == ["Dinas A"]
    a = rekap[0]
    # 7 persona pegawai + CPNS + PPPK; the retired one is not counted.
    assert (a.pegawai_aktif, a.pns, a.cpns, a.pppk) == (9, 7, 1, 1)
    # Kepala Seksi Dua (Plt only) and the new Kasubbag are vacant.
    assert (a.jabatan_kosong, a.jabatan_kosong_ada_plt) == (2, 1)
    assert 'data-testid="total-aktif">9<' in html
    assert 'data-testid="total-status">7 / 1 / 1<' in html
    assert 'data-testid="total-kosong">2<' in html
    assert "Dinas B" not in html
    assert "chart.umd.min.js" in html and 'id="data-grafik-jenis"' in html
    jenis = dict((label, n) for _, label, n in response.context["per_jenis"])
    assert jenis["Pelaksana"] == 5 and jenis["Pengawas"] == 2 and jenis["Fungsional"] == 0


@pytest.mark.parametrize("persona", ["admin_bkpsdm", "pimpinan"])
def test_it_shows_the_city_wide_recap_to_bkpsdm_and_city_pimpinan(client, org, persona):
    login(client, org.user(persona))
    response, html = page(client, "dashboard")
    rekap = {r.nama: r for r in response.context["rekap"]}
    assert set(rekap) == {"Dinas A", "Dinas B"}
    assert rekap["Dinas A"].pegawai_aktif == 7 and rekap["Dinas B"].pegawai_aktif == 2
    assert 'data-testid="total-aktif">9<' in html


def test_it_keeps_the_dashboard_query_count_flat_as_opds_grow(client, org):
    login(client, org.admin_bkpsdm)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("dashboard")).status_code == 200
        return len(ctx)

    before = count()
    for _i in range(5):
        opd = PerangkatDaerahFactory()
        unit = UnitKerjaFactory(perangkat_daerah=opd)
        for _ in range(3):
            PegawaiFactory(jabatan=JabatanFactory(unit_kerja=unit))
    assert count() == before


# --- pegawai list and scoping ---------------------------------------------------------------------------------------


def test_it_shows_a_plain_pegawai_only_themself(client, org):
    login(client, org.staf.user)
    response, _ = page(client, "pegawai_list")
    assert nips_in_list(response) == {org.staf.nip}


def test_it_shows_an_atasan_their_bawahan_but_not_their_own_atasan(client, org):
    login(client, org.kasi.user)
    response, html = page(client, "pegawai_list")
    assert nips_in_list(response) == {org.kasi.nip, org.staf.nip, org.staf_lain.nip}
    assert org.kabid.nip_tercetak not in html


def test_it_narrows_an_atasan_list_to_direct_bawahan(client, org):
    login(client, org.kabid.user)
    response, _ = page(client, "pegawai_list", data={"lingkup": "bawahan"})
    assert nips_in_list(response) == set(bawahan_langsung(org.kabid).values_list("nip", flat=True))
    assert nips_in_list(response) == {org.kasi.nip, org.kasi_tiga.nip}


def test_it_shows_an_admin_opd_their_own_opd_and_not_the_other(client, org):
    login(client, org.admin_opd)
    response, html = page(client, "pegawai_list")
    assert nips_in_list(response) == set(
        Pegawai.objects.filter(jabatan__unit_kerja__perangkat_daerah=org.opd_a).values_list("nip", flat=True)
    )
    assert org.staf_b.nip_tercetak not in html
    # Asking for the other OPD explicitly shows nothing (and an error), never that OPD's people.
    response, html = page(client, "pegawai_list", data={"opd": org.opd_b.pk})
    assert nips_in_list(response) == set()
    assert org.staf_b.nip_tercetak not in html
    assert "Ada filter yang tidak dapat dipakai" in html


def test_it_filters_by_name_nip_with_spaces_jenis_status_and_unit_subtree(client, org):
    login(client, org.admin_bkpsdm)
    response, _ = page(client, "pegawai_list", data={"q": "kasi"})
    assert nips_in_list(response) == {org.kasi.nip, org.kasi_tiga.nip}
    response, _ = page(client, "pegawai_list", data={"q": org.staf_b.nip_tercetak})
    assert nips_in_list(response) == {org.staf_b.nip}
    response, _ = page(client, "pegawai_list", data={"jenis_jabatan": JenisJabatan.JPT})
    assert nips_in_list(response) == {org.kepala.nip, org.kepala_b.nip}
    bidang = org.kabid.jabatan.unit_kerja
    response, _ = page(client, "pegawai_list", data={"opd": org.opd_a.pk, "unit": bidang.pk})
    assert nips_in_list(response) == {
        org.kabid.nip,
        org.kasi.nip,
        org.kasi_tiga.nip,
        org.staf.nip,
        org.staf_lain.nip,
        org.staf_dua.nip,
    }
    pppk = PegawaiFactory(jabatan=org.staf_b.jabatan, status=StatusPegawai.PPPK, nip=make_nip(77, pppk=True))
    response, _ = page(client, "pegawai_list", data={"status": StatusPegawai.PPPK})
    assert nips_in_list(response) == {pppk.nip}


def test_it_hides_inactive_pegawai_unless_asked(client, org):
    org.staf_lain.aktif = False
    org.staf_lain.save()
    login(client, org.admin_opd)
    response, _ = page(client, "pegawai_list")
    assert org.staf_lain.nip not in nips_in_list(response)
    response, _ = page(client, "pegawai_list", data={"aktif": "tidak"})
    assert nips_in_list(response) == {org.staf_lain.nip}
    response, _ = page(client, "pegawai_list", data={"aktif": "semua"})
    assert org.staf_lain.nip in nips_in_list(response)


def test_it_paginates_the_list_by_fifty(client, org):
    jab = org.staf_b.jabatan
    for _ in range(55):
        PegawaiFactory(jabatan=jab)
    login(client, org.admin_opd_lain)
    response, html = page(client, "pegawai_list")
    assert response.context["page_obj"].paginator.count == 57
    assert len(response.context["page_obj"].object_list) == 50
    assert "page=2" in html
    response, _ = page(client, "pegawai_list", data={"page": 2})
    assert len(response.context["page_obj"].object_list) == 7


@pytest.mark.parametrize("persona", ["admin_bkpsdm", "atasan"])
def test_it_keeps_the_list_query_count_flat_as_rows_grow(client, org, persona):
    login(client, org.user(persona))
    jab = org.staf.jabatan

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("pegawai_list")).status_code == 200
        return len(ctx)

    for _ in range(3):
        PegawaiFactory(jabatan=jab)
    few = count()
    for _ in range(27):
        PegawaiFactory(jabatan=jab)
    assert count() == few


# --- detail and the access log --------------------------------------------------------------------------------------


def test_it_answers_404_for_a_pegawai_outside_reach(client, org):
    login(client, org.staf.user)
    assert client.get(reverse("pegawai_detail", args=[org.staf_lain.nip])).status_code == 404
    login(client, org.admin_opd)
    assert client.get(reverse("pegawai_detail", args=[org.staf_b.nip])).status_code == 404
    assert client.get(reverse("pegawai_detail", args=["999999999999999999"])).status_code == 404
    assert not AksesLog.objects.exists()


def test_it_logs_viewing_someone_else_but_not_oneself(client, org):
    login(client, org.kasi.user)
    response = client.get(reverse("pegawai_detail", args=[org.staf.nip]), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    log = AksesLog.objects.get()
    assert (log.user, log.jenis, log.pegawai, log.ip) == (org.kasi.user, JenisAkses.LIHAT, org.staf, "10.1.2.3")
    assert log.path == reverse("pegawai_detail", args=[org.staf.nip])
    assert org.staf.nip in log.objek
    client.get(reverse("pegawai_detail", args=[org.kasi.nip]))
    assert AksesLog.objects.count() == 1


def test_it_shows_identity_atasan_bawahan_and_plt_on_the_detail_page(client, org):
    login(client, org.admin_opd)
    response, html = page(client, "pegawai_detail", org.kasi_tiga.nip)
    assert org.kasi_tiga.nip_tercetak in html and "Kepala Seksi Tiga" in html
    assert org.kabid.nama_lengkap in html and org.kepala.nama_lengkap in html
    assert org.staf_dua.nama_lengkap in html  # bawahan through the Plt
    assert "Kepala Seksi Dua" in html and "800/1/2026" in html
    response, html = page(client, "pegawai_detail", org.staf.nip_tercetak)  # the printed form works in the URL
    assert response.status_code == 200


# --- export ---------------------------------------------------------------------------------------------------------


def _xlsx_rows(response):
    wb = load_workbook(io.BytesIO(response.content))
    return [list(r) for r in wb.active.iter_rows(values_only=True)][1:]  # below the title row


def test_it_exports_exactly_the_filtered_list_and_logs_it(client, org):
    login(client, org.admin_opd)
    filters = {"q": "staf"}
    listed, _ = page(client, "pegawai_list", data=filters)
    response = client.get(reverse("pegawai_ekspor"), {**filters, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    rows = _xlsx_rows(response)
    assert rows[0][0] == "NIP"
    assert {r[0] for r in rows[1:]} == nips_in_list(listed) == {org.staf.nip, org.staf_lain.nip, org.staf_dua.nip}
    log = AksesLog.objects.get()
    assert (log.jenis, log.jumlah_baris, log.user) == (JenisAkses.EKSPOR, 3, org.admin_opd)


def test_it_escapes_formula_cells_in_xlsx_and_csv(client, org):
    PegawaiFactory(jabatan=org.staf.jabatan, nama="=cmd|' /C calc'!A0", gelar_depan="")
    login(client, org.admin_opd)
    response = client.get(reverse("pegawai_ekspor"), {"q": "cmd", "format": "xlsx"})
    rows = _xlsx_rows(response)
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.active.cell(row=3, column=2).data_type == "s"
    response = client.get(reverse("pegawai_ekspor"), {"q": "cmd", "format": "csv"})
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][1] == "'=cmd|' /C calc'!A0"
    assert [escape_cell(v) for v in ("+1", "-1", "@x", "ok", -5)] == ["'+1", "'-1", "'@x", "ok", -5]


def test_it_refuses_export_to_accounts_without_an_admin_or_pimpinan_role(client, org):
    login(client, org.kasi.user)
    assert client.get(reverse("pegawai_ekspor")).status_code == 404
    login(client, org.admin_opd)
    assert client.get(reverse("pegawai_ekspor"), {"format": "pdf"}).status_code == 404
    assert not AksesLog.objects.exists()


# --- organisation ---------------------------------------------------------------------------------------------------


def test_it_lists_visible_opds_with_counts(client, org):
    login(client, org.staf.user)
    response, html = page(client, "organisasi")
    assert [r.nama for r in response.context["rekap"]] == ["Dinas A"]
    login(client, org.admin_bkpsdm)
    response, _ = page(client, "organisasi")
    assert [r.nama for r in response.context["rekap"]] == ["Dinas A", "Dinas B"]


def test_it_draws_the_unit_tree_with_holders_vacancies_and_plt(client, org):
    login(client, org.admin_opd)
    response, html = page(client, "organisasi_detail", org.opd_a.pk)
    assert response.status_code == 200
    roots = response.context["pohon"]
    assert [r.unit.nama for r in roots] == ["Dinas A"]
    bidang = roots[0].children[0]
    assert bidang.unit.nama == "Bidang Satu"
    assert [c.unit.nama for c in bidang.children] == ["Seksi Dua", "Seksi Satu", "Seksi Tiga"]
    seksi_dua = bidang.children[0]
    kasi2 = seksi_dua.jabatan[0]
    assert kasi2.jabatan.nama == "Kepala Seksi Dua" and kasi2.kosong
    assert [t.pegawai for t in kasi2.penugasan] == [org.kasi_tiga]
    assert "Kosong" in html and "PLT" in html and org.kasi_tiga.nama_lengkap in html
    assert roots[0].jumlah_pegawai == 7


def test_it_answers_404_for_an_opd_outside_reach(client, org):
    login(client, org.staf.user)
    assert client.get(reverse("organisasi_detail", args=[org.opd_b.pk])).status_code == 404
    login(client, org.admin_opd)
    assert client.get(reverse("organisasi_detail", args=[org.opd_b.pk])).status_code == 404


def test_it_builds_the_tree_in_a_constant_number_of_queries(client, org):
    login(client, org.admin_opd)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("organisasi_detail", args=[org.opd_a.pk])).status_code == 200
        return len(ctx)

    before = count()
    parent = org.kabid.jabatan.unit_kerja
    for i in range(4):
        unit = UnitKerjaFactory(perangkat_daerah=org.opd_a, parent=parent, nama=f"Seksi Baru {i}")
        PegawaiFactory(jabatan=JabatanFactory(unit_kerja=unit, parent=org.kabid.jabatan))
    assert count() == before


def test_it_names_a_non_struktural_holder_only_to_viewers_who_may_see_them(client, org):
    login(client, org.staf_dua.user)
    _, html = page(client, "organisasi_detail", org.opd_a.pk)
    assert org.kabid.nama_lengkap in html  # a pejabat: public on the struktur organisasi
    assert org.staf_lain.nama_lengkap not in html  # a colleague's name is not handed out
    assert "2 pemegang" in html


# --- Plt/Plh --------------------------------------------------------------------------------------------------------


def _form(pegawai, jabatan, mulai, selesai, jenis=JenisPenugasan.PLH, sk="800/9/2026"):
    return {
        "pegawai_nip": pegawai.nip_tercetak,
        "jabatan": jabatan.pk,
        "jenis": jenis,
        "tanggal_mulai": mulai.isoformat(),
        "tanggal_selesai": selesai.isoformat(),
        "nomor_sk": sk,
    }


def test_it_lets_an_admin_opd_create_a_plh_in_their_opd(client, org):
    login(client, org.admin_opd)
    data = _form(org.staf, org.kasi.jabatan, TODAY, TODAY + datetime.timedelta(days=5))
    response = client.post(reverse("penugasan_create"), data)
    assert response.status_code == 302, response.content.decode()
    t = Penugasan.objects.get(pegawai=org.staf)
    assert (t.jabatan, t.jenis, t.nomor_sk) == (org.kasi.jabatan, JenisPenugasan.PLH, "800/9/2026")
    event = Penugasan.pgh_event_models["insert"].objects.get(pgh_obj_id=t.pk)
    assert event.pgh_context.metadata["user"] == org.admin_opd.pk
    _, html = page(client, "penugasan_list")
    assert org.staf.nama_lengkap in html


@pytest.mark.parametrize(
    "case,message",
    [
        ("overlap", "bertumpang tindih"),
        ("dates", "tidak boleh sebelum tanggal mulai"),
        ("own", "secara definitif"),
        ("other_opd", "tidak ditemukan di antara pegawai yang Anda kelola"),
        ("not_struktural", "hanya jabatan pimpinan yang aktif"),
    ],
)
def test_it_refuses_a_bad_assignment_with_an_indonesian_message(client, org, case, message):
    login(client, org.admin_opd)
    kasi2 = org.plt.jabatan
    week = TODAY + datetime.timedelta(days=7)
    data = {
        "overlap": _form(org.kasi, kasi2, TODAY, week),
        "dates": _form(org.staf, org.kasi.jabatan, week, TODAY),
        "own": _form(org.kasi, org.kasi.jabatan, TODAY, week),
        "other_opd": _form(org.staf_b, org.kasi.jabatan, TODAY, week),
        "not_struktural": _form(org.kasi, org.staf.jabatan, TODAY, week),
    }[case]
    before = Penugasan.objects.count()
    response = client.post(reverse("penugasan_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Penugasan.objects.count() == before


def test_it_refuses_an_admin_opd_a_position_of_another_opd_at_the_service_too(org):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        penugasan_buat(
            actor=org.admin_opd,
            pegawai=org.staf,
            jabatan=org.kepala_b.jabatan,
            tanggal_mulai=TODAY,
            tanggal_selesai=TODAY,
        )
    with pytest.raises(PenugasanError):
        penugasan_buat(
            actor=org.admin_bkpsdm,
            pegawai=org.staf,
            jabatan=org.kasi.jabatan,
            tanggal_mulai=TODAY,
            tanggal_selesai=TODAY - datetime.timedelta(days=1),
        )


def test_it_lets_bkpsdm_assign_across_opds(client, org):
    login(client, org.admin_bkpsdm)
    start = org.plt.tanggal_selesai + datetime.timedelta(days=1)
    data = _form(org.kepala_b, org.plt.jabatan, start, start + datetime.timedelta(days=30), jenis=JenisPenugasan.PLT)
    assert client.post(reverse("penugasan_create"), data).status_code == 302
    assert Penugasan.objects.filter(pegawai=org.kepala_b).exists()


def test_it_updates_an_assignment_without_counting_it_as_overlapping_itself(client, org):
    login(client, org.admin_opd)
    new_end = org.plt.tanggal_selesai + datetime.timedelta(days=10)
    data = _form(org.kasi_tiga, org.plt.jabatan, org.plt.tanggal_mulai, new_end, jenis=JenisPenugasan.PLT)
    response, html = page(client, "penugasan_update", org.plt.pk)
    assert response.status_code == 200 and org.kasi_tiga.nip_tercetak in html
    assert client.post(reverse("penugasan_update", args=[org.plt.pk]), data).status_code == 302
    org.plt.refresh_from_db()
    assert org.plt.tanggal_selesai == new_end


def test_it_deletes_by_post_only(client, org):
    login(client, org.admin_opd)
    url = reverse("penugasan_delete", args=[org.plt.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Penugasan.objects.filter(pk=org.plt.pk).exists()


def test_it_answers_404_for_assignments_of_another_opd(client, org):
    login(client, org.admin_opd_lain)
    assert client.get(reverse("penugasan_update", args=[org.plt.pk])).status_code == 404
    assert client.post(reverse("penugasan_update", args=[org.plt.pk]), {}).status_code == 404
    assert client.post(reverse("penugasan_delete", args=[org.plt.pk])).status_code == 404
    assert Penugasan.objects.filter(pk=org.plt.pk).exists()
    response, _ = page(client, "penugasan_list")
    assert list(response.context["page_obj"].object_list) == []


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "plt"])
def test_it_answers_404_on_plt_pages_without_an_admin_role(client, org, persona):
    login(client, org.user(persona))
    for url in (reverse("penugasan_list"), reverse("penugasan_create"), reverse("penugasan_update", args=[org.plt.pk])):
        assert client.get(url).status_code == 404
    assert client.post(reverse("penugasan_delete", args=[org.plt.pk])).status_code == 404


def test_it_filters_assignments_by_status(client, org):
    PenugasanFactory(
        pegawai=org.kabid,
        jabatan=org.kepala.jabatan,
        tanggal_mulai=TODAY - datetime.timedelta(days=100),
        tanggal_selesai=TODAY - datetime.timedelta(days=50),
    )
    login(client, org.admin_opd)
    response, _ = page(client, "penugasan_list", data={"status": "berlaku"})
    assert [t.pk for t in response.context["page_obj"].object_list] == [org.plt.pk]
    response, _ = page(client, "penugasan_list", data={"status": "selesai"})
    assert [t.pegawai for t in response.context["page_obj"].object_list] == [org.kabid]


# --- audit ----------------------------------------------------------------------------------------------------------


def test_it_shows_the_audit_trail_only_to_bkpsdm(client, org):
    for persona in ("pegawai", "atasan", "admin_opd", "admin_opd_lain"):
        login(client, org.user(persona))
        assert client.get(reverse("audit_list")).status_code == 404
        assert client.get(reverse("akses_log")).status_code == 404
    login(client, org.user("admin_bkpsdm"))
    assert client.get(reverse("audit_list")).status_code == 200
    assert client.get(reverse("akses_log")).status_code == 200


def test_it_filters_the_audit_trail_by_pegawai_and_actor_and_shows_the_diff(client, org):
    with as_actor(org.admin_opd):
        org.staf.nama = "Staf A Baru"
        org.staf.save()
    login(client, org.admin_bkpsdm)
    response, html = page(client, "audit_list", data={"nip": org.staf.nip_tercetak})
    rows = response.context["rows"]
    assert {r["label"] for r in rows} == {"dibuat", "diubah"}
    diubah = next(r for r in rows if r["label"] == "diubah")
    assert diubah["aktor"] == org.admin_opd
    assert {"field": "nama", "sebelum": "Staf A", "sesudah": "Staf A Baru"} in diubah["perubahan"]
    assert "Staf A Baru" in html and "adminopda" in html
    # references(): the Plt of kasi_tiga shows up under kasi_tiga's NIP too.
    response, _ = page(client, "audit_list", data={"nip": org.kasi_tiga.nip})
    assert {r["model_label"] for r in response.context["rows"]} == {
        "pegawai.Pegawai",
        "pegawai.Penugasan",
        "pegawai.RiwayatJabatan",
    }
    response, _ = page(client, "audit_list", data={"aktor": org.admin_opd.username})
    assert [r["label"] for r in response.context["rows"]] == ["diubah"]
    response, _ = page(client, "audit_list", data={"aktor": org.admin_bkpsdm.username})
    assert response.context["rows"] == []
    response, _ = page(client, "audit_list", data={"model": "pegawai.Penugasan", "objek_id": org.plt.pk})
    assert [(r["model_label"], r["label"]) for r in response.context["rows"]] == [("pegawai.Penugasan", "dibuat")]
    response, _ = page(client, "audit_list", data={"model": "pegawai.Penugasan", "label": "update"})
    assert response.context["rows"] == []


def test_it_filters_the_access_log(client, org):
    catat_akses(user=org.kasi.user, jenis=JenisAkses.LIHAT, objek="Profil", pegawai=org.staf)
    catat_akses(user=org.admin_opd, jenis=JenisAkses.EKSPOR, objek="Daftar", jumlah_baris=7)
    old = catat_akses(user=org.admin_opd, jenis=JenisAkses.LIHAT, objek="Profil lama", pegawai=org.kabid)
    AksesLog.objects.filter(pk=old.pk).update(waktu=timezone.now() - datetime.timedelta(days=40))
    login(client, org.admin_bkpsdm)

    def objek(**data):
        response, _ = page(client, "akses_log", data=data)
        return sorted(log.objek for log in response.context["page_obj"].object_list)

    assert objek() == ["Daftar", "Profil", "Profil lama"]
    assert objek(pengguna=org.kasi.user.username) == ["Profil"]
    assert objek(nip=org.staf.nip_tercetak) == ["Profil"]
    assert objek(jenis=JenisAkses.EKSPOR) == ["Daftar"]
    assert objek(dari=(TODAY - datetime.timedelta(days=1)).isoformat()) == ["Daftar", "Profil"]
    assert objek(sampai=(TODAY - datetime.timedelta(days=30)).isoformat()) == ["Profil lama"]
