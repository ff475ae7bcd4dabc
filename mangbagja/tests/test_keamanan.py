"""Issue 12, items 7 and 8: the login lockout counts the real client behind a reverse proxy and cannot be dodged or
turned against others with a forged X-Forwarded-For; every page carries a strict Content-Security-Policy and its
templates need nothing it forbids; gunicorn does not name itself.

The proxy settings are those mangbagja/settings.py derives from ``BEHIND_PROXY=true`` and ``PROXY_JUMLAH``
(checked in a subprocess by test_settings.py); here they are applied with override_settings.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from pegawai.tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def di_belakang_proxy(jumlah: int = 1):
    return override_settings(
        AXES_IPWARE_META_PRECEDENCE_ORDER=("HTTP_X_FORWARDED_FOR",),
        AXES_IPWARE_PROXY_COUNT=jumlah - 1,
        IPWARE_STRICT=False,
    )


def masuk(client, nip, password, **alamat):
    """A login as the proxy passes it on: from REMOTE_ADDR 127.0.0.1 unless told, with the headers given."""
    return client.post(reverse("login"), {"username": nip, "password": password}, **alamat)


def kunci(client, nip, **alamat):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        masuk(client, nip, "salah", **alamat)
    assert masuk(client, nip, PASSWORD, **alamat).status_code == 429


def test_behind_the_proxy_one_client_locking_a_nip_does_not_lock_it_for_another(client, org):
    with di_belakang_proxy():
        kunci(client, org.staf.nip, HTTP_X_FORWARDED_FOR="203.0.113.5")

        # Another client, through the same proxy (same REMOTE_ADDR), still signs in with the same NIP.
        assert masuk(client, org.staf.nip, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302


def test_behind_the_proxy_a_forged_header_neither_dodges_the_lockout_nor_frames_another_address(client, org):
    with di_belakang_proxy():
        # The attacker writes a fresh address of their own each time; nginx appends the real one after it.
        for n in range(settings.AXES_FAILURE_LIMIT):
            masuk(client, org.staf.nip, "salah", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.5")
        assert masuk(client, org.staf.nip, PASSWORD, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5").status_code == 429
        # Counted against the attacker's real address, also when they stop writing the header.
        assert masuk(client, org.staf.nip, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429

        # The addresses the attacker wrote were never counted: their owners sign in.
        assert masuk(client, org.staf.nip, PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.0").status_code == 302


def test_behind_two_proxies_the_client_is_the_address_the_first_one_appended(client, org):
    with di_belakang_proxy(jumlah=2):
        # Load balancer then nginx: "<what the client wrote>, <client>, <load balancer>".
        kunci(client, org.staf.nip, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5, 10.0.0.2")
        ok = masuk(client, org.staf.nip, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.2")
        assert ok.status_code == 302


def test_without_the_proxy_a_forged_header_is_ignored(client, org):
    """Reached directly, only the connection's address counts: rotating X-Forwarded-For does not dodge the lockout,
    and another connection is not locked."""
    assert settings.AXES_IPWARE_META_PRECEDENCE_ORDER == ("REMOTE_ADDR",)
    for n in range(settings.AXES_FAILURE_LIMIT):
        masuk(client, org.staf.nip, "salah", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")
    locked = masuk(client, org.staf.nip, PASSWORD, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="10.9.9.99")
    assert locked.status_code == 429

    assert masuk(client, org.staf.nip, PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_every_page_carries_a_strict_content_security_policy(client, org):
    """No inline script, no inline style, no eval, nothing from another site, not framed."""
    client.force_login(org.staf.user)
    for url in (reverse("login"), reverse("dashboard"), reverse("pegawai_detail", args=[org.staf.nip])):
        policy = client.get(url, follow=True)["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
        assert directives["img-src"] == "'self' data:"
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
        assert directives["base-uri"] == "'self'" and directives["form-action"] == "'self'"
        assert "unsafe" not in policy


#: What the policy refuses when it is written in a template: a style attribute or element, a script without src
#: (data travels in json_script, which the browser never runs), an on…= handler, htmx attributes that evaluate text.
TERLARANG = re.compile(
    r"""\sstyle=|<style\b|<script\b(?![^>]*\bsrc=)|\son[a-z]+\s*=|\shx-on\b|hx-on:|["']js:|javascript:""", re.I
)
#: WeasyPrint renders these to PDF on the server; the browser never sees them as pages.
PDF = ("templates/skp/pdf/", "templates/penilaian/dekp/")


def test_no_template_writes_what_the_policy_refuses():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(PDF):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if TERLARANG.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert found == [], "\n".join(found)


@pytest.mark.browser
def test_what_left_the_templates_still_works_under_the_policy(
    browser, live_server, transactional_db, django_db_serialized_rollback
):
    """The confirmation, the print button and the progress bars that were inline code, and Django's admin, in a
    browser that enforces the policy; every refusal would be one of ``errors``."""
    from pegawai.models import User
    from pegawai.tests.factories import PegawaiFactory
    from pegawai.tests.personas import build_org
    from portal.models import Pekerjaan, StatusPekerjaan
    from portal.testing.browser import DESKTOP, browser_login, browser_page

    org = build_org()
    PegawaiFactory(jabatan=org.staf.jabatan, user=None, nama="Pegawai Baru")
    page, errors = browser_page(browser, DESKTOP)
    browser_login(page, live_server.url, org.admin_opd.username)

    # Resetting a password asks first (data-confirm, static/js/app.js); declining stays on the page.
    page.goto(f"{live_server.url}{reverse('pegawai_detail', args=[org.staf.nip])}")
    ditanya = []
    page.once("dialog", lambda d: (ditanya.append(d.message), d.dismiss()))
    page.get_by_role("button", name="Atur ulang kata sandi").click()
    assert ditanya == ["Buat kata sandi sementara untuk pegawai ini? Kata sandi lamanya tidak berlaku lagi."]
    assert page.url.endswith(reverse("pegawai_detail", args=[org.staf.nip]))

    # The list of temporary passwords prints from its button (data-cetak, static/js/tampilan.js).
    page.goto(f"{live_server.url}{reverse('akun_sandi_massal')}")
    page.select_option("#id_kelompok", f"opd:{org.opd_a.pk}")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Buat kata sandi sementara").click()
    page.get_by_test_id("daftar-sandi").wait_for()
    page.evaluate("() => { window.dicetak = 0; window.print = () => { window.dicetak += 1; }; }")
    page.get_by_role("button", name="Cetak daftar").click()
    assert page.evaluate("() => window.dicetak") == 1

    # A bar's width comes from data-lebar, also after htmx swaps the polled status in again.
    job = Pekerjaan.objects.create(
        jenis="uji", judul="Uji", user=org.admin_opd, status=StatusPekerjaan.BERJALAN, selesai_n=2, total_n=5
    )
    page.goto(f"{live_server.url}{reverse('pekerjaan_detail', args=[job.pk])}")
    lebar = "() => { const b = document.querySelector('#status-pekerjaan .progress-bar');"
    lebar += " return Math.round(100 * b.offsetWidth / b.parentElement.offsetWidth); }"
    assert page.evaluate(lebar) == 40
    page.evaluate(
        "() => { window.ditukar = 0; document.addEventListener('htmx:afterSettle', () => window.ditukar++); }"
    )
    page.wait_for_function("() => window.ditukar > 0")
    assert page.evaluate(lebar) == 40

    # A poll the server answers with an error swaps nothing; the page says so instead of freezing in silence.
    page.route(f"**{reverse('pekerjaan_detail', args=[job.pk])}", lambda route: route.fulfill(status=500, body=""))
    pesan = page.locator("#galat-htmx [role=alert]")
    pesan.wait_for()
    assert "Terjadi kesalahan di server; tidak ada yang berubah." in pesan.inner_text()
    page.unroute(f"**{reverse('pekerjaan_detail', args=[job.pk])}")

    # Django's admin: one refusal is known and harmless, django-celery-beat's inline helper on the periodic-task
    # form (it only hides the "Crontab translation" row, whose text the server renders anyway).
    User.objects.create_superuser(username="superuser", password=PASSWORD)
    admin, admin_errors = browser_page(browser, DESKTOP)
    admin.goto(f"{live_server.url}/admin/login/")
    admin.fill("#id_username", "superuser")
    admin.fill("#id_password", PASSWORD)
    admin.locator("input[type=submit]").click()
    admin.wait_for_url(f"{live_server.url}/admin/")
    for path in (
        "/admin/",
        "/admin/pegawai/pegawai/",
        f"/admin/pegawai/user/{org.staf.user.pk}/change/",
        "/admin/auth/group/add/",
        "/admin/django_celery_beat/crontabschedule/add/",
        "/admin/pghistory/events/",
    ):
        assert admin.goto(f"{live_server.url}{path}").ok, path
    admin.goto(f"{live_server.url}/admin/django_celery_beat/periodictask/add/")
    admin.locator("#id_name").wait_for()

    assert errors.items == []
    assert [e for e in admin_errors.items if "periodictask/add/" not in e] == []
    assert len(admin_errors.items) == 1 and "script-src-elem" in admin_errors.items[0]


def test_the_access_log_records_the_client_the_lockout_counts_not_the_proxy(client, org):
    """Behind the proxy every request comes from 127.0.0.1: the access log keeps the address nginx appended, and a
    forged entry the client wrote in front of it does not hide who looked."""
    from portal.models import AksesLog

    client.force_login(org.admin_bkpsdm)
    with di_belakang_proxy():
        client.get(reverse("pegawai_detail", args=[org.staf.nip]), HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5")
    assert AksesLog.objects.filter(pegawai=org.staf).latest("pk").ip == "203.0.113.5"

    client.get(reverse("pegawai_detail", args=[org.staf.nip]), HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert AksesLog.objects.filter(pegawai=org.staf).latest("pk").ip == "127.0.0.1"
