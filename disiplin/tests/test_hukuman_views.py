"""The hukuman disiplin pages (disiplin/views/hukuman.py): who sees which record, the access log of every view and
download of another person's record, the list's filters and its constant query count, the admin's forms, and the
platform hooks (profile link, guide chapter)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disiplin.choices import JenisHukuman, StatusHukuman
from disiplin.models import HukumanDisiplin
from disiplin.services.hukuman import hukuman_batalkan, hukuman_catat, hukuman_ubah
from pegawai.tests.factories import PegawaiFactory
from portal.choices import JenisAkses
from portal.models import AksesLog

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _catat(org, pegawai, **kwargs):
    isian = {
        "jenis": JenisHukuman.TEGURAN_TERTULIS,
        "nomor_sk": "800/12/BKPSDM",
        "tanggal_sk": datetime.date(2025, 2, 20),
        "tmt": datetime.date(2025, 3, 1),
    }
    isian.update(kwargs)
    return hukuman_catat(actor=org.admin_bkpsdm, pegawai=pegawai, **isian)


def _login(client, user):
    client.force_login(getattr(user, "user", user))
    return client


def test_a_pegawai_opens_their_own_record_without_an_access_log_row(client, org):
    h = _catat(org, org.staf)
    response = _login(client, org.staf).get(reverse("disiplin:hukuman_detail", args=[h.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Teguran tertulis" in html and "kode hukdis SIASN: R" in html
    assert not AksesLog.objects.exists()
    # No admin actions for the pegawai.
    assert reverse("disiplin:hukuman_ubah", args=[h.pk]) not in html


def test_a_pegawai_gets_404_for_another_pegawais_record_and_file(client, org, bukti_media):
    h = _catat(org, org.staf_lain, berkas=SimpleUploadedFile("sk.pdf", PDF))
    _login(client, org.staf)
    assert client.get(reverse("disiplin:hukuman_detail", args=[h.pk])).status_code == 404
    assert client.get(reverse("disiplin:hukuman_berkas", args=[h.pk])).status_code == 404
    response = client.get(reverse("disiplin:hukuman_list"))
    assert "800/12/BKPSDM" not in response.content.decode()


@pytest.mark.parametrize(("persona", "status"), [("kasi", 200), ("kabid", 200), ("kasi_tiga", 404)])
def test_the_atasan_chain_sees_the_record(client, org, persona, status):
    h = _catat(org, org.staf)
    response = _login(client, getattr(org, persona)).get(reverse("disiplin:hukuman_detail", args=[h.pk]))
    assert response.status_code == status


def test_the_admin_of_another_opd_gets_404(client, org):
    h = _catat(org, org.staf)
    assert _login(client, org.admin_opd_lain).get(reverse("disiplin:hukuman_detail", args=[h.pk])).status_code == 404
    assert _login(client, org.admin_opd).get(reverse("disiplin:hukuman_detail", args=[h.pk])).status_code == 200


def test_a_view_and_a_download_by_someone_else_are_access_logged(client, org, bukti_media):
    h = _catat(org, org.staf, berkas=SimpleUploadedFile("SK Staf.pdf", PDF))
    _login(client, org.kasi)
    assert client.get(reverse("disiplin:hukuman_detail", args=[h.pk])).status_code == 200
    response = client.get(reverse("disiplin:hukuman_berkas", args=[h.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"].startswith("attachment;") and "SK Staf.pdf" in response["Content-Disposition"]
    )
    assert b"".join(response.streaming_content) == PDF
    logs = list(AksesLog.objects.order_by("pk").values_list("jenis", "pegawai_id", "user_id"))
    assert logs == [
        (JenisAkses.LIHAT, org.staf.pk, org.kasi.user_id),
        (JenisAkses.UNDUH, org.staf.pk, org.kasi.user_id),
    ]
    # The pegawai downloading their own SK leaves no row.
    _login(client, org.staf).get(reverse("disiplin:hukuman_berkas", args=[h.pk]))
    assert AksesLog.objects.count() == 2


def test_the_detail_shows_the_change_history_with_actor_and_reason(client, org):
    h = _catat(org, org.staf)
    hukuman_ubah(
        actor=org.admin_bkpsdm,
        hukuman=h,
        jenis=JenisHukuman.TUKIN_25_6,
        nomor_sk=h.nomor_sk,
        tanggal_sk=h.tanggal_sk,
        tmt=h.tmt,
        alasan="Jenis salah pilih.",
    )
    hukuman_batalkan(actor=org.admin_bkpsdm, hukuman=h, alasan="SK dicabut.")
    html = _login(client, org.admin_bkpsdm).get(reverse("disiplin:hukuman_detail", args=[h.pk])).content.decode()
    riwayat = html[html.index('id="judul-riwayat"') :]
    assert riwayat.index("Dicatat</strong> oleh adminbkpsdm") < riwayat.index("Jenis salah pilih.")
    assert riwayat.index("Jenis salah pilih.") < riwayat.index("Dibatalkan</strong> oleh adminbkpsdm")
    assert riwayat.index("Dibatalkan</strong> oleh adminbkpsdm") < riwayat.index("Alasan: SK dicabut.")
    assert "Jenis hukuman: Teguran tertulis → Pemotongan tunjangan kinerja 25% selama 6 bulan" in riwayat
    assert "Berakhir: — → 31 Agustus 2025" in riwayat
    assert "Status: Berlaku → Dibatalkan" in riwayat


def test_the_list_filters_and_searches(client, org):
    _catat(org, org.staf, jenis=JenisHukuman.TUKIN_25_6, nomor_sk="800/1/A")
    batal = _catat(org, org.staf_lain, nomor_sk="800/2/A")
    hukuman_batalkan(actor=org.admin_bkpsdm, hukuman=batal, alasan="Salah orang.")
    _catat(org, org.staf_b, jenis=JenisHukuman.PDHTAPS, nomor_sk="800/3/B")
    _login(client, org.admin_bkpsdm)

    def nomor(**params):
        html = client.get(reverse("disiplin:hukuman_list"), params).content.decode()
        return {n for n in ("800/1/A", "800/2/A", "800/3/B") if n in html}

    assert nomor() == {"800/1/A", "800/2/A", "800/3/B"}
    assert nomor(opd=org.opd_a.pk) == {"800/1/A", "800/2/A"}
    assert nomor(tingkat="S") == {"800/1/A"}
    assert nomor(status=StatusHukuman.DIBATALKAN) == {"800/2/A"}
    assert nomor(q="Staf B") == {"800/3/B"}
    assert nomor(q="800/2") == {"800/2/A"}
    assert nomor(q=org.staf.nip[:14]) >= {"800/1/A"}
    assert nomor(pegawai=org.staf.pk) == {"800/1/A"}
    # An invalid filter shows nothing rather than everything.
    assert nomor(tingkat="Z") == set()
    html = client.get(reverse("disiplin:hukuman_list"), {"opd": org.opd_a.pk}).content.decode()
    assert 'data-testid="ringkasan-tingkat"' in html and "Catat hukuman" in html


def test_the_list_shows_the_atasan_their_team_only_and_logs_it(client, org):
    _catat(org, org.staf, nomor_sk="800/1/A")
    _catat(org, org.staf_b, nomor_sk="800/3/B")
    html = _login(client, org.kasi).get(reverse("disiplin:hukuman_list")).content.decode()
    assert "800/1/A" in html and "800/3/B" not in html and "Catat hukuman" not in html
    log = AksesLog.objects.get()
    assert (log.jenis, log.jumlah_baris) == (JenisAkses.LIHAT, 1)


def test_the_list_runs_the_same_number_of_queries_for_5_and_50_rows(client, org):
    _login(client, org.admin_bkpsdm)
    url = reverse("disiplin:hukuman_list")

    def hitung():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(5):
        _catat(org, PegawaiFactory(jabatan=org.staf.jabatan))
    lima = hitung()
    for _ in range(45):
        _catat(org, PegawaiFactory(jabatan=org.staf_b.jabatan))
    assert hitung() == lima


def test_admin_bkpsdm_records_through_the_form(client, org, bukti_media):
    _login(client, org.admin_bkpsdm)
    data = {
        "pegawai_nip": org.staf.nip_tercetak,
        "jenis": JenisHukuman.TUKIN_25_9,
        "nomor_sk": "800/5/BKPSDM",
        "tanggal_sk": "2025-02-20",
        "tmt": "2025-03-01",
        "keterangan": "Tidak masuk 14 hari tanpa keterangan.",
        "berkas": SimpleUploadedFile("sk.pdf", PDF),
    }
    response = client.post(reverse("disiplin:hukuman_catat"), data)
    h = HukumanDisiplin.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("disiplin:hukuman_detail", args=[h.pk])
    assert (h.pegawai, h.tingkat, h.lama_bulan, h.tanggal_selesai) == (org.staf, "S", 9, datetime.date(2025, 11, 30))
    # A refusal comes back beside its field with 422 and writes nothing.
    data.update(tmt="2025-02-01", berkas=SimpleUploadedFile("sk.pdf", b"teks"))
    response = client.post(reverse("disiplin:hukuman_catat"), data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "TMT hukuman tidak boleh sebelum tanggal SK." in html
    assert HukumanDisiplin.objects.count() == 1
    # A NIP outside the admin's reach is not found.
    data["pegawai_nip"] = "1" * 18
    assert "NIP ini tidak ditemukan" in client.post(reverse("disiplin:hukuman_catat"), data).content.decode()


def test_admin_opd_gets_the_form_only_when_the_setting_allows(client, org, settings):
    _login(client, org.admin_opd)
    assert client.get(reverse("disiplin:hukuman_catat")).status_code == 404
    settings.DISIPLIN_ADMIN_OPD_HUKUMAN = True
    assert client.get(reverse("disiplin:hukuman_catat")).status_code == 200
    response = client.post(
        reverse("disiplin:hukuman_catat"),
        {
            "pegawai_nip": org.staf_b.nip,
            "jenis": "teguran_lisan",
            "nomor_sk": "1",
            "tanggal_sk": "2025-01-02",
            "tmt": "2025-01-02",
        },
    )
    assert response.status_code == 422 and not HukumanDisiplin.objects.exists()


def test_the_edit_and_cancel_pages(client, org):
    h = _catat(org, org.staf)
    _login(client, org.admin_bkpsdm)
    url = reverse("disiplin:hukuman_ubah", args=[h.pk])
    assert client.get(url).status_code == 200
    data = {"jenis": "teguran_lisan", "nomor_sk": "800/12/BKPSDM", "tanggal_sk": "2025-02-20", "tmt": "2025-03-01"}
    response = client.post(url, data)
    assert response.status_code == 422 and "Alasan perubahan wajib diisi." in response.content.decode()
    assert client.post(url, {**data, "alasan": "Salah pilih jenis."}).status_code == 302
    h.refresh_from_db()
    assert h.jenis == "teguran_lisan"

    batal = reverse("disiplin:hukuman_batal", args=[h.pk])
    response = client.post(batal, {"alasan": ""})
    assert response.status_code == 422 and "Alasan pembatalan wajib diisi." in response.content.decode()
    assert client.post(batal, {"alasan": "SK dicabut."}).status_code == 302
    h.refresh_from_db()
    assert h.status == StatusHukuman.DIBATALKAN
    # A cancelled record is no longer editable: the form sends the admin back to the record.
    assert client.get(url)["Location"] == reverse("disiplin:hukuman_detail", args=[h.pk])


def test_the_guide_prints_the_sanction_table_from_the_rules(client):
    html = client.get(reverse("panduan")).content.decode()
    chapter = html[html.index('id="disiplin"') :]
    assert "4–6</td><td>Teguran tertulis" in chapter
    assert "28 atau lebih</td><td>Pemberhentian dengan hormat tidak atas permintaan sendiri" in chapter
    assert "7,5 jam" in chapter and "10 hari kerja berturut-turut" in chapter
    assert "Hukuman dicatat dan diubah oleh admin BKPSDM." in chapter


def test_the_profile_links_the_discipline_pages(client, org):
    _login(client, org.kasi)
    html = client.get(reverse("pegawai_detail", args=[org.staf.nip])).content.decode()
    assert "Riwayat disiplin" in html and "Hukuman disiplin" not in html
    _catat(org, org.staf, jenis=JenisHukuman.TUKIN_25_6, tmt=datetime.date.today(), tanggal_sk=datetime.date.today())
    html = client.get(reverse("pegawai_detail", args=[org.staf.nip])).content.decode()
    assert "Hukuman disiplin (1 berlaku)" in html
    assert f"{reverse('disiplin:hukuman_list')}?pegawai={org.staf.pk}" in html


def test_the_kelola_menu_lists_the_discipline_pages_by_role(client, org):
    html = _login(client, org.admin_opd).get(reverse("disiplin:hukuman_list")).content.decode()
    menu = html[html.index("dropdown-kelola") : html.index('id="menu-akun"')]
    for name in ("pelaporan", "presensi_impor", "presensi_rekap", "kehadiran", "hukuman_list", "satyalancana"):
        assert f'href="{reverse(f"disiplin:{name}")}"' in menu
    assert reverse("disiplin:bulan") not in menu
    # The current page marks the menu.
    assert 'dropdown-toggle active" href="#"' in html
    html = _login(client, org.admin_bkpsdm).get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("disiplin:bulan")}"' in html
    # An atasan has no Kelola menu; their team's table is in the account menu.
    html = _login(client, org.kasi).get(reverse("dashboard")).content.decode()
    assert "dropdown-kelola" not in html
    assert f'href="{reverse("disiplin:pelaporan")}"' in html[html.index('id="menu-akun"') :]
