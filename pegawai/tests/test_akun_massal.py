"""First-login passwords for a whole OPD or import (issue 9 item 14): the service, the page and its XLSX."""

import io
import re

import openpyxl
import pytest
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pghistory.models import Events

from pegawai.errors import PegawaiError, PegawaiTidakBerwenang
from pegawai.hashers import SandiSementaraHasher, hash_sandi_sementara
from pegawai.impor.layanan import import_pegawai
from pegawai.models import Pegawai, User
from pegawai.selectors.akun import kelompok_impor
from pegawai.services.akun_massal import akun_terbitkan_sandi_sementara
from pegawai.tests.factories import PegawaiFactory, UserFactory
from pegawai.tests.test_import import csv_bytes, good_rows
from portal.choices import JenisAkses
from portal.models import AksesLog

pytestmark = pytest.mark.django_db

#: The temporary password: three groups of four letters and digits that cannot be misread (no 0/O, 1/l/I).
SANDI_RE = re.compile(r"[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}")


def tanpa_sandi(org, n, **kwargs):
    """``n`` pegawai of Dinas A who cannot sign in yet, as an import leaves them: half without a login, half with
    an unusable password."""
    result = []
    for i in range(n):
        if i % 2:
            p = PegawaiFactory(jabatan=org.staf.jabatan, user=None, **kwargs)
        else:
            p = PegawaiFactory(jabatan=org.staf.jabatan, **kwargs)
            p.user.password = make_password(None)
            p.user.save(update_fields=["password"])
        result.append(p)
    return result


def opd(org, which="opd_a"):
    return f"opd:{getattr(org, which).pk}"


def impor(actor):
    result = import_pegawai(csv_bytes(good_rows()), actor=actor, dry_run=False, file_name="dinas-baru.csv")
    assert result.saved, result.file_errors
    return kelompok_impor(actor)[0]


# --- service -------------------------------------------------------------------------------------------------


def test_it_gives_the_pegawai_of_an_import_passwords_they_must_change_at_first_login(client, org):
    kelompok = impor(org.admin_bkpsdm)
    assert (kelompok.tanpa_sandi, kelompok.total) == (4, 4) and "dinas-baru.csv" in kelompok.label

    daftar = akun_terbitkan_sandi_sementara(actor=org.admin_bkpsdm, kelompok=kelompok.nilai)

    assert sorted(s.nip for s in daftar) == sorted(r["nip"] for r in good_rows())
    for s in daftar:
        assert SANDI_RE.fullmatch(s.sandi)
        user = Pegawai.objects.get(nip=s.nip).user
        assert user.check_password(s.sandi) and user.harus_ganti_sandi and user.is_active
    assert len({s.sandi for s in daftar}) == 4
    # The first login leads to the password change and nowhere else.
    client.post(reverse("login"), {"username": daftar[0].nip, "password": daftar[0].sandi})
    assert client.get(reverse("pegawai_list")).url == reverse("password_change")


def test_it_gives_passwords_only_to_pegawai_who_cannot_sign_in_yet_unless_asked(org):
    baru = tanpa_sandi(org, 2)
    inactive = tanpa_sandi(org, 1, aktif=False)[0]
    before = User.objects.get(pk=org.staf.user_id).password

    daftar = akun_terbitkan_sandi_sementara(actor=org.admin_opd, kelompok=opd(org))

    assert sorted(s.nip for s in daftar) == sorted(p.nip for p in baru)
    assert [s.akun_baru for s in sorted(daftar, key=lambda s: s.nip)] == [
        p.user_id is None for p in sorted(baru, key=lambda p: p.nip)
    ]
    assert User.objects.get(pk=org.staf.user_id).password == before
    inactive.refresh_from_db()
    assert inactive.user.password.startswith(UNUSABLE_PASSWORD_PREFIX)

    # Asked: every active pegawai of the OPD, those who already sign in included.
    semua = akun_terbitkan_sandi_sementara(actor=org.admin_opd, kelompok=opd(org), termasuk_bersandi=True)
    aktif_a = Pegawai.objects.filter(aktif=True, jabatan__unit_kerja__perangkat_daerah=org.opd_a)
    assert {s.nip for s in semua} == set(aktif_a.values_list("nip", flat=True))
    assert User.objects.get(pk=org.staf.user_id).password != before


def test_it_says_so_when_everyone_in_the_group_can_already_sign_in(org):
    with pytest.raises(PegawaiError, match="sudah dapat masuk"):
        akun_terbitkan_sandi_sementara(actor=org.admin_opd, kelompok=opd(org))
    assert not AksesLog.objects.exists()


@pytest.mark.parametrize("kelompok", ["opd_b", "impor_bkpsdm", "opd:999999", "impor:bukan-uuid", "rahasia"])
def test_it_refuses_a_group_outside_the_admins_reach(org, kelompok):
    tanpa_sandi(org, 1)
    if kelompok == "opd_b":
        kelompok = opd(org, "opd_b")
    elif kelompok == "impor_bkpsdm":
        kelompok = impor(org.admin_bkpsdm).nilai
    before = list(User.objects.order_by("pk").values_list("password", flat=True))
    with pytest.raises(PegawaiTidakBerwenang):
        akun_terbitkan_sandi_sementara(actor=org.admin_opd, kelompok=kelompok)
    assert list(User.objects.order_by("pk").values_list("password", flat=True)) == before


def test_it_writes_all_or_nothing(org, monkeypatch):
    baru = tanpa_sandi(org, 3)

    def gagal(*args, **kwargs):
        raise RuntimeError("basis data terputus")

    monkeypatch.setattr(Pegawai.objects, "bulk_update", gagal)
    with pytest.raises(RuntimeError):
        akun_terbitkan_sandi_sementara(actor=org.admin_opd, kelompok=opd(org))
    for p in baru:
        p.refresh_from_db()
        assert p.user is None or not p.user.has_usable_password()
    assert not User.objects.filter(harus_ganti_sandi=True).exists()
    assert not AksesLog.objects.exists()


def test_it_audits_the_logins_and_logs_the_access_once(org, rf):
    baru = tanpa_sandi(org, 2)
    request = rf.post("/akun/kata-sandi-sementara/")
    akun_terbitkan_sandi_sementara(actor=org.admin_opd, kelompok=opd(org), label="Dinas A", request=request)

    log = AksesLog.objects.get()
    assert (log.user, log.jenis, log.jumlah_baris) == (org.admin_opd, JenisAkses.EKSPOR, 2)
    assert "Dinas A" in log.objek and log.path == "/akun/kata-sandi-sementara/"
    for p in baru:
        p.refresh_from_db()
        # All events of a test share one transaction time: pick this service's by its context.
        [event] = [
            e
            for e in Events.objects.tracks(p.user)
            if (e.pgh_context or {}).get("aksi") == "akun_terbitkan_sandi_sementara"
        ]
        assert event.pgh_context["user"] == org.admin_opd.pk
        assert event.pgh_data["harus_ganti_sandi"] is True
        assert "password" not in event.pgh_data


def test_it_issues_a_group_in_a_fixed_number_of_queries(org):
    counts = []
    for n in (2, 8):
        tanpa_sandi(org, n)
        actor = User.objects.get(pk=org.admin_opd.pk)  # fresh: its roles are read again, as in a request
        with CaptureQueriesContext(connection) as queries:
            akun_terbitkan_sandi_sementara(actor=actor, kelompok=opd(org))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_it_hashes_temporary_passwords_lightly_and_rehashes_them_at_first_login(org, settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "pegawai.hashers.SandiSementaraHasher",
    ]
    encoded = hash_sandi_sementara("abcd-efgh-jkmn")
    assert encoded.startswith(f"{SandiSementaraHasher.algorithm}$10000$")
    user = UserFactory(username="sementara")
    user.password = encoded
    user.save()
    assert user.check_password("abcd-efgh-jkmn")
    user.refresh_from_db()
    assert user.password.startswith("md5$")  # the preferred hasher took over at the first check


# --- page ----------------------------------------------------------------------------------------------------


def test_the_page_offers_an_admin_opd_their_opd_only_with_counts(client, org):
    tanpa_sandi(org, 3)
    impor(org.admin_bkpsdm)
    client.force_login(org.admin_opd)
    page = client.get(reverse("akun_sandi_massal"))
    choices = dict(page.context["form"].fields["kelompok"].choices)
    opd_choices = dict(choices["Perangkat daerah"])
    assert list(opd_choices) == [opd(org)]
    assert "3 dari 10 pegawai belum dapat masuk" in opd_choices[opd(org)]
    assert not any(key.startswith("Impor") for key in choices)  # the import created nobody of Dinas A
    assert page.context["jumlah"] == {opd(org): {"tanpa": 3, "total": 10}}


def test_the_page_offers_bkpsdm_every_opd_and_the_latest_imports(client, org):
    kelompok = impor(org.admin_bkpsdm)
    client.force_login(org.admin_bkpsdm)
    page = client.get(reverse("akun_sandi_massal"))
    html = page.content.decode()
    assert "Dinas A" in html and "Dinas B" in html and "dinas-baru.csv" in html
    assert f'value="{kelompok.nilai}"' in html


def test_it_shows_the_printable_list_once_and_never_caches_it(client, org):
    baru = tanpa_sandi(org, 2)
    client.force_login(org.admin_opd)
    page = client.post(reverse("akun_sandi_massal"), {"kelompok": opd(org), "bentuk": "cetak"})
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    html = page.content.decode()
    for s in page.context["daftar"]:
        assert s.sandi in html and s.nip_tercetak in html
        assert Pegawai.objects.get(nip=s.nip).user.check_password(s.sandi)
    assert {s.nip for s in page.context["daftar"]} == {p.nip for p in baru}
    # Nowhere to open it again: the page itself offers the form only, and no password is stored in clear.
    again = client.get(reverse("akun_sandi_massal")).content.decode()
    assert all(s.sandi not in again for s in page.context["daftar"])
    assert AksesLog.objects.filter(user=org.admin_opd, jenis=JenisAkses.EKSPOR).count() == 1


def test_it_hands_the_list_out_as_xlsx(client, org):
    tanpa_sandi(org, 2)
    client.force_login(org.admin_bkpsdm)
    response = client.post(reverse("akun_sandi_massal"), {"kelompok": opd(org), "bentuk": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in response["Cache-Control"]
    assert 'filename="kata-sandi-sementara-' in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    _judul, *rows = list(sheet.iter_rows(values_only=True))  # below the title row (portal.exports)
    assert rows[0] == ("NIP", "Nama", "Jabatan", "Unit kerja", "Kata sandi sementara")
    assert len(rows) == 3
    for nip, _nama, _jabatan, _unit, sandi in rows[1:]:
        assert Pegawai.objects.get(nip=nip).user.check_password(sandi)


def test_it_shows_a_refusal_beside_the_choice(client, org):
    client.force_login(org.admin_opd)
    page = client.post(reverse("akun_sandi_massal"), {"kelompok": opd(org), "bentuk": "cetak"})
    assert page.status_code == 200
    assert "sudah dapat masuk" in page.context["form"].errors["kelompok"][0]


def test_an_admin_opd_cannot_post_another_opd(client, org):
    org.staf_b.user.set_unusable_password()
    org.staf_b.user.save()
    client.force_login(org.admin_opd)
    page = client.post(reverse("akun_sandi_massal"), {"kelompok": opd(org, "opd_b"), "bentuk": "cetak"})
    assert "kelompok" in page.context["form"].errors
    org.staf_b.user.refresh_from_db()
    assert not org.staf_b.user.has_usable_password()


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "pimpinan"])
def test_anyone_but_an_admin_gets_404(client, org, persona):
    tanpa_sandi(org, 1)
    client.force_login(org.user(persona))
    assert client.post(reverse("akun_sandi_massal"), {"kelompok": opd(org), "bentuk": "cetak"}).status_code == 404
    assert not User.objects.filter(harus_ganti_sandi=True).exists()
