"""The account pages read in one voice (issue 9 item 17): login, password change, forced change, the admin's reset
and lockout say "kata sandi" and "Anda" in the portal's words, never Django's "sandi", "Sandi anda", "bidang"."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import strip_tags

from pegawai.services.akun import akun_atur_ulang_sandi
from pegawai.tests.factories import PASSWORD, PegawaiFactory

pytestmark = pytest.mark.django_db

#: Django's own wording: "sandi" without "kata" before it, lowercase "anda", "bidang" for a form field.
DJANGO = re.compile(r"(?<!kata )(?<!Kata )\b[Ss]andi\b|\banda\b|\b[Bb]idang ini\b|\b[Dd]ua bidang\b")


def teks(response) -> str:
    """The words a user reads on the page (tags, attributes and URLs dropped)."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(strip_tags(html).split())


def asing(response) -> list[str]:
    return DJANGO.findall(teks(response))


@pytest.mark.parametrize(
    "password",
    ["123", "12345678", "password", "abc", "Suryaningsih", "198709132010032004", "mangbagja", "Bandung2026!"],
)
def test_every_password_rule_speaks_the_portals_words(org, password):
    user = PegawaiFactory(jabatan=org.staf.jabatan, nama="Suryaningsih", nip="198709132010032004").user
    with pytest.raises(ValidationError) as refused:
        password_validation.validate_password(password, user)
    for message in refused.value.messages:
        assert message.startswith("Kata sandi") and not DJANGO.search(message), message
    for help_text in password_validation.password_validators_help_texts():
        assert help_text.startswith("Kata sandi") and not DJANGO.search(help_text), help_text


def test_a_password_like_the_pegawais_name_is_refused_by_name(org):
    user = PegawaiFactory(jabatan=org.staf.jabatan, nama="Suryaningsih").user
    with pytest.raises(ValidationError, match="mirip dengan nama Anda"):
        password_validation.validate_password("suryaningsih", user)


def test_a_password_like_the_nip_is_refused_by_nip_even_with_letters(org):
    user = PegawaiFactory(jabatan=org.staf.jabatan, nama="Suryaningsih", nip="198709132010032004").user
    with pytest.raises(ValidationError, match="mirip dengan NIP Anda"):
        password_validation.validate_password("nip198709132010032004", user)


def test_the_login_page_reads_in_one_voice_when_empty_and_refused(client, org):
    assert asing(client.get(reverse("login"))) == []
    kosong = client.post(reverse("login"), {"username": "", "password": ""})
    assert "Isi NIP Anda." in teks(kosong) and "Isi kata sandi Anda." in teks(kosong)
    assert asing(kosong) == []
    assert asing(client.post(reverse("login"), {"username": org.staf.nip, "password": "salah"})) == []


def test_the_password_change_reads_in_one_voice_with_every_refusal(client, org):
    client.force_login(org.staf.user)
    page = client.get(reverse("password_change"))
    assert asing(page) == []
    assert "Kata sandi lama" in teks(page) and "Ulangi kata sandi baru" in teks(page)
    for data, expected in [
        ({}, "Isi kata sandi lama Anda."),
        ({"old_password": "keliru", "new_password1": "x", "new_password2": "x"}, "Kata sandi lama salah."),
        (
            {"old_password": PASSWORD, "new_password1": "Bandung-Juara-1", "new_password2": "Bandung-Juara-2"},
            "Kedua kata sandi baru tidak sama.",
        ),
        ({"old_password": PASSWORD, "new_password1": "1234", "new_password2": "1234"}, "Kata sandi terlalu pendek"),
    ]:
        refused = client.post(reverse("password_change"), data)
        assert refused.status_code == 200
        assert expected in teks(refused), data
        assert asing(refused) == [], data
    # A rule's message sits under the new password, where it is chosen, not under its repetition.
    pendek = client.post(
        reverse("password_change"), {"old_password": PASSWORD, "new_password1": "1234", "new_password2": "1234"}
    ).context["form"]
    assert "new_password2" not in pendek.errors and "Kata sandi terlalu pendek" in " ".join(
        pendek.errors["new_password1"]
    )
    done = client.get(reverse("password_change_done"))
    assert asing(done) == []


def test_the_forced_change_asks_for_the_temporary_password_and_offers_leaving(client, org):
    sandi = akun_atur_ulang_sandi(actor=org.admin_opd, pegawai=org.staf)
    client.post(reverse("login"), {"username": org.staf.nip, "password": sandi})
    page = client.get(client.get(reverse("dashboard")).url)
    words = teks(page)
    assert "Buat kata sandi baru" in words and "Kata sandi sementara" in words and "Kata sandi lama" not in words
    assert "Batal" not in words and "Keluar" in words  # "Batal" led back to this page
    assert asing(page) == []
    refused = client.post(
        reverse("password_change"), {"old_password": "keliru", "new_password1": "a", "new_password2": "a"}
    )
    assert "Kata sandi sementara salah." in teks(refused) and asing(refused) == []


def test_the_admins_reset_page_and_the_lockout_read_in_one_voice(client, org):
    admin = client
    admin.force_login(org.admin_opd)
    assert asing(admin.post(reverse("pegawai_atur_ulang_sandi", args=[org.staf.nip]))) == []
    admin.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": org.kasi.nip, "password": "salah"})
    locked = client.post(reverse("login"), {"username": org.kasi.nip, "password": PASSWORD})
    assert locked.status_code == 429 and asing(locked) == []


@pytest.mark.parametrize(
    ("password", "ditolak"),
    [
        ("mangbagja", True),
        ("MangBagja2026", True),
        ("Bandung2026!", True),
        ("bkpsdm-123", True),
        ("pemkot##99", True),
        # The instansi's words strung together (INSTANSI_NAMA "Pemerintah Kota Bandung"), as guessers try them.
        ("PemkotBandung2026!", True),
        ("Pemerintah-Kota-Bandung", True),
        ("kinerja-asn-2026", True),
        ("mangbagja-demo", False),
        ("Bandung lautan api 1946", False),
    ],
)
def test_it_refuses_the_portals_and_the_citys_own_words(org, password, ditolak):
    user = PegawaiFactory(jabatan=org.staf.jabatan, nama="Suryaningsih").user
    try:
        password_validation.validate_password(password, user)
    except ValidationError as refused:
        assert ditolak, refused.messages
        assert any("nama portal, instansi, atau kota" in m for m in refused.messages)
    else:
        assert not ditolak
