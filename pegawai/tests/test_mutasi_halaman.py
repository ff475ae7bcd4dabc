"""Recording a mutasi on the portal and in the Django admin, and the position history and the basis of the atasan on
the profile (docs/ATURAN.md: positions are held over dates)."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pegawai.choices import JenisJabatan, Jenjang
from pegawai.models import DelegasiPenilai, Pegawai, RiwayatJabatan
from pegawai.services.mutasi import pegawai_mutasi

from .admin_helpers import change_data, staff
from .factories import JabatanFactory, PegawaiFactory, PenugasanFactory, make_nip

pytestmark = pytest.mark.django_db

HARI_INI = timezone.localdate()
SEHARI = datetime.timedelta(days=1)
TMT = HARI_INI - datetime.timedelta(days=40)
HTMX = {"HX-Request": "true"}


def _url(pegawai):
    return reverse("pegawai_mutasi", args=[pegawai.nip])


def _riwayat(pegawai):
    return list(
        RiwayatJabatan.objects.filter(pegawai=pegawai)
        .order_by("tmt")
        .values_list("jabatan__nama", "tmt", "tanggal_selesai", "nomor_sk")
    )


# --- the mutasi page --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin_opd", 200),
        ("admin_bkpsdm", 200),
        ("admin_opd_lain", 404),
        ("pegawai", 404),
        ("atasan", 404),
        ("atasan_atasan", 404),
        ("plt", 404),
        ("pimpinan", 404),
    ],
)
def test_the_form_opens_only_for_whoever_manages_the_pegawai(client, org, persona, status):
    client.force_login(org.user(persona))
    assert client.get(_url(org.staf)).status_code == status


def test_an_admin_opd_gets_404_for_a_pegawai_of_another_opd(client, org):
    client.force_login(org.admin_opd)
    assert client.get(_url(org.staf_b)).status_code == 404
    data = {"jabatan": org.staf_dua.jabatan_id, "tmt": TMT.isoformat()}
    assert client.post(_url(org.staf_b), data).status_code == 404
    assert _riwayat(org.staf_b)[-1][2] is None


def test_an_admin_opd_records_a_mutasi_and_sees_it_on_the_profile(client, org):
    client.force_login(org.admin_opd)
    response = client.post(
        _url(org.staf), {"jabatan": org.staf_dua.jabatan_id, "tmt": TMT.isoformat(), "nomor_sk": " 821/7/2026 "}
    )
    assert response.status_code == 302 and response.url == reverse("pegawai_detail", args=[org.staf.nip])
    [pesan] = [str(m) for m in get_messages(response.wsgi_request)]
    assert pesan.startswith("Mutasi Staf A ke Analis Dua per ") and pesan.endswith("dicatat.")
    assert _riwayat(org.staf) == [
        ("Pengelola Data", datetime.date(2010, 3, 1), TMT - SEHARI, ""),
        ("Analis Dua", TMT, None, "821/7/2026"),
    ]
    org.staf.refresh_from_db()
    assert org.staf.jabatan == org.staf_dua.jabatan

    html = client.get(response.url).content.decode()
    assert "Riwayat jabatan" in html and "821/7/2026" in html and "Pengelola Data" in html


@pytest.mark.parametrize(
    ("jabatan", "tmt", "kolom", "pesan"),
    [
        # A leadership position has one definitive holder (Kasi A holds Kepala Seksi Satu).
        ("kasi", TMT, "jabatan", "dipegang Kasi A"),
        # The new TMT must come after the current assignment's (2010-03-01).
        ("staf_dua", datetime.date(2010, 3, 1), "tmt", "harus setelah TMT jabatan sekarang"),
        # A mutasi is recorded once it takes effect.
        ("staf_dua", HARI_INI + SEHARI, "tmt", "harus antara 1 Januari 1960 dan hari ini"),
        # Only the admin's own OPD's positions are offered (a move across OPDs is BKPSDM's).
        ("staf_b", TMT, "jabatan", "hanya jabatan aktif di perangkat daerah yang Anda kelola"),
    ],
)
def test_a_refused_mutasi_is_shown_beside_its_field_and_changes_nothing(client, org, jabatan, tmt, kolom, pesan):
    client.force_login(org.admin_opd)
    sebelum = _riwayat(org.staf)
    response = client.post(_url(org.staf), {"jabatan": getattr(org, jabatan).jabatan_id, "tmt": tmt.isoformat()})
    assert response.status_code == 422
    form = response.context["form"]
    assert list(form.errors) == [kolom] and pesan in form.errors[kolom][0]
    assert _riwayat(org.staf) == sebelum


def test_admin_bkpsdm_moves_a_pegawai_across_opds(client, org):
    client.force_login(org.admin_bkpsdm)
    response = client.post(_url(org.staf), {"jabatan": org.staf_b.jabatan_id, "tmt": TMT.isoformat()})
    assert response.status_code == 302
    assert _riwayat(org.staf)[-1][:3] == ("Staf B", TMT, None)


def test_the_post_needs_the_csrf_token(org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.admin_opd)
    response = client.post(_url(org.staf), {"jabatan": org.staf_dua.jabatan_id, "tmt": TMT.isoformat()})
    assert response.status_code == 403
    assert len(_riwayat(org.staf)) == 1


def test_the_form_offers_the_admins_positions_grouped_by_unit(client, org):
    client.force_login(org.admin_opd)
    html = client.get(_url(org.staf)).content.decode()
    assert '<optgroup label="Seksi Dua — DA">' in html and "Analis Dua (Pelaksana)" in html
    assert "Staf B" not in html  # another OPD
    assert "Pengelola Data (" not in html  # the position the pegawai already holds
    assert f'name="tmt" value="{HARI_INI.isoformat()}"' in html  # TMT defaults to today


def test_the_form_shows_who_holds_the_position_picked(client, org):
    client.force_login(org.admin_opd)
    response = client.get(_url(org.staf), {"jabatan": org.kasi.jabatan_id, "tmt": TMT.isoformat()}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Kasi A" in html and "hanya punya satu pemegang definitif" in html
    assert "Pejabat penilai di jabatan ini:" in html and "Kabid A" in html
    # A vacant position acted in by a Plt.
    html = client.get(
        _url(org.staf), {"jabatan": org.plt.jabatan_id, "tmt": HARI_INI.isoformat()}, headers=HTMX
    ).content.decode()
    assert "belum ada pemegang definitif" in html and "Pelaksana Tugas (Plt) Kasi Tiga" in html


def test_the_profile_offers_the_mutasi_only_to_whoever_manages_an_active_pegawai(client, org):
    tombol = _url(org.staf)
    for user, tampil in ((org.admin_opd, True), (org.admin_bkpsdm, True), (org.kasi.user, False)):
        client.force_login(user)
        html = client.get(reverse("pegawai_detail", args=[org.staf.nip])).content.decode()
        assert (tombol in html) is tampil
    Pegawai.objects.filter(pk=org.staf.pk).update(aktif=False)
    client.force_login(org.admin_opd)
    assert tombol not in client.get(reverse("pegawai_detail", args=[org.staf.nip])).content.decode()


# --- the profile: history and the basis of the atasan ------------------------------------------------------------


def test_the_profile_lists_the_position_history_latest_first(client, org):
    pegawai_mutasi(actor=org.admin_opd, pegawai=org.staf, jabatan=org.staf_dua.jabatan, tmt=TMT, nomor_sk="SK-1")
    pegawai_mutasi(
        actor=org.admin_bkpsdm, pegawai=org.staf, jabatan=org.staf_b.jabatan, tmt=TMT + 10 * SEHARI, nomor_sk="SK-2"
    )
    client.force_login(org.admin_bkpsdm)
    response = client.get(reverse("pegawai_detail", args=[org.staf.nip]))
    riwayat = response.context["riwayat"]
    assert [(r.jabatan.nama, r.jabatan.unit_kerja.perangkat_daerah.nama, r.nomor_sk) for r in riwayat] == [
        ("Staf B", "Dinas B", "SK-2"),
        ("Analis Dua", "Dinas A", "SK-1"),
        ("Pengelola Data", "Dinas A", ""),
    ]
    html = response.content.decode()
    tabel = html[html.index('data-testid="riwayat-jabatan"') :]
    assert tabel.index("Staf B") < tabel.index("Analis Dua") < tabel.index("Pengelola Data")
    assert "sekarang" in tabel and "SK-2" in tabel and "Seksi Dua" in tabel
    assert response.context["tmt_jabatan"] == TMT + 10 * SEHARI


def _ketua_tim(org):
    """A JF ketua tim below Kasi A with one member: the member's nearest eligible penilai is Kasi A, unless the
    ketua tim holds a written delegation."""
    jf = JabatanFactory(
        unit_kerja=org.kasi.jabatan.unit_kerja,
        nama="Ketua Tim",
        jenis=JenisJabatan.FUNGSIONAL,
        jenjang=Jenjang.AHLI_MUDA,
        parent=org.kasi.jabatan,
    )
    ketua = PegawaiFactory(jabatan=jf, nama="Ketua Tim")
    anggota = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=jf.unit_kerja, parent=jf), nama="Anggota Tim")
    return ketua, anggota


@pytest.mark.parametrize(
    ("kasus", "atasan", "dasar"),
    [
        ("definitif", "kasi", "definitif"),
        ("plt", "kasi_tiga", "Plt/Plh Kepala Seksi Dua"),
        ("penetapan", "kabid", "penetapan atasan untuk pegawai ini"),
        ("delegasi", "ketua", "delegasi tertulis dari pejabat penilai"),
        ("tanpa_delegasi", "kasi", "definitif"),
    ],
)
def test_the_profile_shows_the_atasan_with_its_basis(client, org, kasus, atasan, dasar):
    pegawai = {"definitif": org.staf, "plt": org.staf_dua, "penetapan": org.staf_lain}.get(kasus)
    if kasus == "penetapan":
        Pegawai.objects.filter(pk=org.staf_lain.pk).update(atasan_override=org.kabid)
    if kasus in ("delegasi", "tanpa_delegasi"):
        ketua, pegawai = _ketua_tim(org)
        org.ketua = ketua
        if kasus == "delegasi":
            DelegasiPenilai.objects.create(
                pemberi=org.kasi,
                penerima=ketua,
                tanggal_mulai=HARI_INI - SEHARI,
                tanggal_selesai=HARI_INI + SEHARI,
                alasan="Tim kerja",
                nomor_surat="800/9",
            )
    client.force_login(org.admin_bkpsdm)
    response = client.get(reverse("pegawai_detail", args=[pegawai.nip]))
    assert response.context["atasan"] == getattr(org, atasan)
    assert response.context["dasar_atasan"] == dasar
    assert f"Dasar: {dasar}" in response.content.decode()


def test_the_profile_takes_the_same_number_of_queries_however_long_the_history(client, org):
    client.force_login(org.admin_bkpsdm)
    url = reverse("pegawai_detail", args=[org.staf.nip])

    def hitung():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    awal = hitung()
    tmt = TMT
    for jabatan in (org.staf_dua.jabatan, org.staf_b.jabatan, JabatanFactory(), org.staf.jabatan):
        pegawai_mutasi(actor=org.admin_bkpsdm, pegawai=org.staf, jabatan=jabatan, tmt=tmt, nomor_sk="SK")
        tmt += 5 * SEHARI
    for hari in (200, 400):
        mulai = HARI_INI - datetime.timedelta(days=hari)
        PenugasanFactory(
            pegawai=org.staf, jabatan=JabatanFactory(), tanggal_mulai=mulai, tanggal_selesai=mulai + 30 * SEHARI
        )
    assert len(RiwayatJabatan.objects.filter(pegawai=org.staf)) == 5
    assert hitung() == awal


# --- the Django admin ------------------------------------------------------------------------------------------


def _admin_url(pegawai=None):
    if pegawai is None:
        return reverse("admin:pegawai_pegawai_add")
    return reverse("admin:pegawai_pegawai_change", args=[pegawai.pk])


def test_the_admin_records_a_changed_position_as_a_mutasi_from_tmt_jabatan(client, org):
    client.force_login(staff(org.admin_bkpsdm, "pegawai", "riwayatjabatan"))
    url = _admin_url(org.staf)
    html = client.get(url).content.decode()
    assert "Diisi saat menambah pegawai atau mengganti jabatan (mutasi)" in html
    response = client.post(url, change_data(client, url, jabatan=org.staf_dua.jabatan, tmt_jabatan=TMT.isoformat()))
    assert response.status_code == 302
    assert _riwayat(org.staf) == [
        ("Pengelola Data", datetime.date(2010, 3, 1), TMT - SEHARI, ""),
        ("Analis Dua", TMT, None, ""),
    ]
    # The history is read on the pegawai's page, not edited there.
    html = client.get(url).content.decode()
    assert "Riwayat jabatan" in html and "Analis Dua" in html and "riwayat_jabatan-0-tmt" not in html


def test_the_admin_shows_a_refused_tmt_jabatan_beside_the_field(client, org):
    client.force_login(staff(org.admin_bkpsdm, "pegawai"))
    url = _admin_url(org.staf)
    data = change_data(client, url, jabatan=org.staf_dua.jabatan, tmt_jabatan="2009-01-01")
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["tmt_jabatan"] and "harus setelah TMT jabatan sekarang" in errors["tmt_jabatan"][0]
    assert len(_riwayat(org.staf)) == 1


def test_the_admin_opens_a_new_pegawais_first_assignment_on_tmt_jabatan(client, org):
    client.force_login(staff(org.admin_opd, "pegawai"))
    nip = make_nip(778)
    response = client.post(
        _admin_url(),
        {
            "nip": nip,
            "nama": "Pegawai Baru",
            "jenis_kelamin": "P",
            "tanggal_lahir": "1985-01-01",
            "status": "PNS",
            "golongan": "III/a",
            "jabatan": org.staf.jabatan.pk,
            "tmt_cpns": "2010-03-01",
            "tmt_jabatan": "2018-02-01",
            "aktif": "on",
        },
    )
    assert response.status_code == 302
    assert _riwayat(Pegawai.objects.get(nip=nip)) == [("Pengelola Data", datetime.date(2018, 2, 1), None, "")]
