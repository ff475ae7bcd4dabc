"""Notifications: the sender (once per person, kind and day; e-mail once, retried after a mail-server failure), the
pages (own notifications only, read on opening, "tandai semua dibaca") and the navbar count."""

import datetime
from smtplib import SMTPException

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from portal.models import Notifikasi
from portal.notifikasi import NotifikasiBaru, notifikasi_belum_dibaca, notifikasi_kirim, notifikasi_tandai_dibaca

pytestmark = pytest.mark.django_db


def _person_model():
    # The person behind a login (pegawai in this project), reached through the setting, not by import.
    return apps.get_model(django_settings.PORTAL_PERSON_MODEL)


HARI = datetime.date(2026, 3, 11)
JENIS = "uji_pengingat"


def baru(user, tanggal=HARI, judul="Pengingat uji", pesan="Isi pengingat", url="/kinerja/"):
    return NotifikasiBaru(user_id=user.pk, tanggal=tanggal, judul=judul, pesan=pesan, url=url)


# ---------------------------------------------------------------------------------------------------------------
# Sending
# ---------------------------------------------------------------------------------------------------------------


def test_it_inserts_once_per_person_kind_and_day(org):
    pertama = notifikasi_kirim(jenis=JENIS, daftar=[baru(org.staf.user), baru(org.kasi.user)])
    kedua = notifikasi_kirim(
        jenis=JENIS, daftar=[baru(org.staf.user, judul="Judul lain"), baru(org.kasi.user), baru(org.kabid.user)]
    )
    assert (pertama.calon, pertama.baru) == (2, 2)
    assert (kedua.calon, kedua.baru) == (3, 1)
    # The first one stays as it was: a re-run never rewrites what a person already saw.
    assert Notifikasi.objects.get(user=org.staf.user, jenis=JENIS).judul == "Pengingat uji"
    # Another day or another kind is a new notification.
    notifikasi_kirim(jenis=JENIS, daftar=[baru(org.staf.user, tanggal=HARI + datetime.timedelta(days=1))])
    notifikasi_kirim(jenis="jenis_lain", daftar=[baru(org.staf.user)])
    assert Notifikasi.objects.filter(user=org.staf.user).count() == 3


def test_it_emails_each_new_notification_once_to_the_pegawai_or_login_address(org, settings):
    settings.PORTAL_URL = "https://kinerja.bandung.go.id"
    _person_model().objects.filter(pk=org.staf.pk).update(email="staf@bandung.go.id")
    org.kasi.user.email = "kasi.akun@bandung.go.id"  # no pegawai address: the login's
    org.kasi.user.save()
    daftar = [baru(org.staf.user), baru(org.kasi.user), baru(org.kabid.user)]  # kabid has no address at all

    assert notifikasi_kirim(jenis=JENIS, daftar=daftar).surel == 2
    assert notifikasi_kirim(jenis=JENIS, daftar=daftar).surel == 0

    assert sorted(m.to[0] for m in mail.outbox) == ["kasi.akun@bandung.go.id", "staf@bandung.go.id"]
    pesan = next(m for m in mail.outbox if m.to == ["staf@bandung.go.id"])
    assert pesan.subject == "[Mang Bagja] Pengingat uji"
    assert "Isi pengingat" in pesan.body and "https://kinerja.bandung.go.id/kinerja/" in pesan.body
    assert Notifikasi.objects.filter(jenis=JENIS, dikirim_surel__isnull=False).count() == 2
    assert Notifikasi.objects.get(user=org.kabid.user).dikirim_surel is None


def test_it_sends_no_email_when_asked_not_to_nor_to_an_inactive_login(org):
    _person_model().objects.filter(pk__in=[org.staf.pk, org.kasi.pk]).update(email="x@bandung.go.id")
    org.kasi.user.is_active = False
    org.kasi.user.save()
    assert notifikasi_kirim(jenis=JENIS, daftar=[baru(org.staf.user)], surel=False).surel == 0
    assert notifikasi_kirim(jenis=JENIS, daftar=[baru(org.kasi.user)]).surel == 0
    assert mail.outbox == []


class GagalSekali(BaseEmailBackend):
    """A mail server that refuses the first batch, then works."""

    gagal = True

    def send_messages(self, messages):
        if GagalSekali.gagal:
            GagalSekali.gagal = False
            raise SMTPException("server surel tidak tersedia")
        return LocmemBackend().send_messages(messages)


def test_a_mail_server_failure_leaves_the_emails_for_the_next_run(org, settings):
    settings.EMAIL_BACKEND = "portal.tests.test_notifikasi.GagalSekali"
    GagalSekali.gagal = True
    _person_model().objects.filter(pk=org.staf.pk).update(email="staf@bandung.go.id")

    with pytest.raises(SMTPException):
        notifikasi_kirim(jenis=JENIS, daftar=[baru(org.staf.user)])
    n = Notifikasi.objects.get(user=org.staf.user)  # the in-app notification is kept
    assert n.dikirim_surel is None and mail.outbox == []

    hasil = notifikasi_kirim(jenis=JENIS, daftar=[baru(org.staf.user)])
    assert (hasil.baru, hasil.surel) == (0, 1)
    assert len(mail.outbox) == 1


def test_the_email_claim_works_in_batches(org, monkeypatch):
    from portal import notifikasi

    monkeypatch.setattr(notifikasi, "BATCH_SUREL", 2)
    orang = [org.staf, org.staf_lain, org.kasi, org.kabid, org.kepala]
    _person_model().objects.filter(pk__in=[p.pk for p in orang]).update(email="p@bandung.go.id")
    assert notifikasi_kirim(jenis=JENIS, daftar=[baru(p.user) for p in orang]).surel == 5
    assert len(mail.outbox) == 5


# ---------------------------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------------------------


def test_it_marks_only_the_owners_rows_read(org):
    notifikasi_kirim(jenis=JENIS, daftar=[baru(org.staf.user), baru(org.kasi.user)], surel=False)
    lain = Notifikasi.objects.get(user=org.kasi.user)
    assert notifikasi_tandai_dibaca(user=org.staf.user, ids=[lain.pk]) == 0
    assert notifikasi_tandai_dibaca(user=org.staf.user) == 1
    assert notifikasi_belum_dibaca(org.staf.user) == 0
    assert notifikasi_belum_dibaca(org.kasi.user) == 1


def _banyak(user, n: int) -> None:
    Notifikasi.objects.bulk_create(
        Notifikasi(user=user, jenis=JENIS, tanggal=HARI - datetime.timedelta(days=i), judul=f"Pengingat {i}")
        for i in range(n)
    )


def test_the_list_shows_own_notifications_newest_first_and_marks_the_page_read(client, org):
    _banyak(org.staf.user, 30)
    notifikasi_kirim(jenis=JENIS, daftar=[baru(org.kasi.user, judul="Milik kasi")], surel=False)
    client.force_login(org.staf.user)

    response = client.get(reverse("notifikasi_list"))

    assert response.status_code == 200
    ditampilkan = response.context["notifikasi"]
    assert len(ditampilkan) == 25 and all(n.baru for n in ditampilkan)
    assert "Milik kasi" not in response.content.decode()
    assert response.context["sisa_belum_dibaca"] == 5  # the second page is still unread
    assert Notifikasi.objects.filter(user=org.staf.user, dibaca__isnull=True).count() == 5
    # Opened again: nothing is new any more on the first page.
    response = client.get(reverse("notifikasi_list"))
    assert not any(n.baru for n in response.context["notifikasi"])
    response = client.get(reverse("notifikasi_list"), {"page": 2})
    assert len(response.context["notifikasi"]) == 5
    assert notifikasi_belum_dibaca(org.staf.user) == 0


def test_mark_all_read_is_a_post_for_ones_own_notifications(client, org):
    _banyak(org.staf.user, 30)
    _banyak(org.kasi.user, 2)
    client.force_login(org.staf.user)
    assert client.get(reverse("notifikasi_baca_semua")).status_code == 405

    response = client.post(reverse("notifikasi_baca_semua"))

    assert response.status_code == 302 and response.url == reverse("notifikasi_list")
    assert notifikasi_belum_dibaca(org.staf.user) == 0
    assert notifikasi_belum_dibaca(org.kasi.user) == 2


def test_the_bell_counts_unread_in_one_query_and_caps_at_99_plus(org, django_assert_num_queries):
    _banyak(org.staf.user, 120)
    request = RequestFactory().get("/")
    request.user = org.staf.user
    template = Template(
        "{% load notifikasi_tags %}{% notifikasi_belum_dibaca as n %}{% notifikasi_belum_dibaca as m %}{{ n }}/{{ m }}"
    )
    with django_assert_num_queries(1):
        assert template.render(Context({"request": request})) == "100/100"

    request.resolver_match = None
    html = Template('{% include "portal/_notifikasi_lonceng.html" %}').render(
        Context({"request": request, "user": org.staf.user})
    )
    assert "99+" in html and reverse("notifikasi_list") in html

    notifikasi_tandai_dibaca(user=org.staf.user)
    request = RequestFactory().get("/")
    request.user, request.resolver_match = org.staf.user, None
    html = Template('{% include "portal/_notifikasi_lonceng.html" %}').render(
        Context({"request": request, "user": org.staf.user})
    )
    assert "badge" not in html and "bi-bell" in html
