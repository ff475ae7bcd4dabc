"""In-app notifications and their e-mail (reminders and escalations, e.g. of the daily reports, docs/ATURAN.md).

:func:`notifikasi_kirim` is the one writer. It is safe to run twice — a beat task redelivered after a worker died,
two beats started by mistake, a retry after the mail server failed:

1. the rows go in with ``INSERT … ON CONFLICT DO NOTHING`` (``bulk_create(ignore_conflicts=True)``) against the
   unique key (user, jenis, tanggal) of :class:`~portal.models.Notifikasi`, so a second run inserts nothing;
2. e-mail goes only to rows whose ``dikirim_surel`` is still empty, claimed in batches with a conditional
   ``UPDATE … SET dikirim_surel = now() … RETURNING`` (rows locked ``FOR UPDATE SKIP LOCKED``: two senders never
   claim the same row). A batch is claimed and sent in one transaction: when the mail server refuses, the claim
   rolls back and the next run sends those e-mails, without repeating the ones that already went out.

E-mail uses Django's configured backend (SMTP in production, the console in development). The address is the
person's own ``email`` (``settings.PORTAL_PERSON_MODEL``, linked to the login by its ``user`` field), else the
login's; a person without either gets the in-app notification only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Notifikasi

#: E-mails claimed and sent per transaction: a failure repeats at most this many on the next run's claim.
BATCH_SUREL = 200


@dataclass(frozen=True)
class NotifikasiBaru:
    """One notification to deliver. ``tanggal`` is the day it counts for in the once-per-day key."""

    user_id: int
    tanggal: datetime.date
    judul: str
    pesan: str = ""
    url: str = ""


@dataclass
class HasilKirim:
    """What one call did: ``calon`` notifications offered, ``baru`` of them new (not already sent that day),
    ``surel`` e-mails sent."""

    jenis: str
    calon: int = 0
    baru: int = 0
    surel: int = 0


def _jumlah(jenis: str, tanggal: set[datetime.date]) -> int:
    return Notifikasi.objects.filter(jenis=jenis, tanggal__in=tanggal).count()


def notifikasi_kirim(*, jenis: str, daftar: Iterable[NotifikasiBaru], surel: bool = True) -> HasilKirim:
    """Deliver ``daftar`` as notifications of kind ``jenis``: at most one per (user, jenis, tanggal) ever,
    and at most one e-mail per notification row. Returns the counts. A fixed number of queries for the
    in-app part, one more per :data:`BATCH_SUREL` e-mails."""
    daftar = list(daftar)
    hasil = HasilKirim(jenis=jenis, calon=len(daftar))
    if not daftar:
        return hasil
    tanggal = {n.tanggal for n in daftar}
    sebelum = _jumlah(jenis, tanggal)
    # One statement for any number of rows (PostgreSQL: INSERT … SELECT FROM UNNEST), conflicts skipped.
    Notifikasi.objects.bulk_create(
        [
            Notifikasi(user_id=n.user_id, jenis=jenis, tanggal=n.tanggal, judul=n.judul[:200], pesan=n.pesan, url=n.url)
            for n in daftar
        ],
        ignore_conflicts=True,
    )
    hasil.baru = _jumlah(jenis, tanggal) - sebelum
    if surel:
        hasil.surel = notifikasi_kirim_surel(jenis=jenis, tanggal=tanggal, user_ids={n.user_id for n in daftar})
    return hasil


_SQL_KLAIM = """
WITH calon AS (
    SELECT n.id, COALESCE(NULLIF(p.{person_email}, ''), NULLIF(u.email, '')) AS surel
    FROM {notifikasi} n
    JOIN {user} u ON u.id = n.user_id
    LEFT JOIN {person} p ON p.{person_user} = u.id
    WHERE n.jenis = %(jenis)s AND n.tanggal = ANY(%(tanggal)s::date[]) AND n.user_id = ANY(%(user_ids)s::bigint[])
      AND n.dikirim_surel IS NULL
      AND u.is_active AND COALESCE(NULLIF(p.{person_email}, ''), NULLIF(u.email, '')) IS NOT NULL
    ORDER BY n.id
    LIMIT %(batas)s
    FOR UPDATE OF n SKIP LOCKED
)
UPDATE {notifikasi} n SET dikirim_surel = %(sekarang)s
FROM calon WHERE n.id = calon.id
RETURNING n.id, calon.surel, n.judul, n.pesan, n.url
"""


def _pesan_surel(surel: str, judul: str, pesan: str, url: str) -> EmailMessage:
    alamat = settings.PORTAL_URL.rstrip("/")
    bagian = [pesan] if pesan else []
    if url:
        tautan = f"{alamat}{url}" if alamat else url
        bagian.append(_("Buka: %(tautan)s") % {"tautan": tautan})
    bagian.append(
        _(
            "Surel ini dikirim otomatis oleh portal kinerja %(instansi)s. Pemberitahuan yang sama ada di menu "
            "Notifikasi setelah Anda masuk."
        )
        % {"instansi": settings.INSTANSI_NAMA}
    )
    return EmailMessage(subject=f"[Mang Bagja] {judul}", body="\n\n".join(bagian), to=[surel])


def notifikasi_kirim_surel(*, jenis: str, tanggal: Iterable[datetime.date], user_ids: Iterable[int]) -> int:
    """E-mail every notification of ``jenis`` for the given days and logins that has not been e-mailed yet and
    whose person has an address; returns the number sent. A mail-server error propagates after rolling back the
    batch being sent, so those rows stay unclaimed for the next run."""
    tanggal = sorted(set(tanggal))
    user_ids = sorted(set(user_ids))
    person = apps.get_model(settings.PORTAL_PERSON_MODEL)
    quote = connection.ops.quote_name
    sql = _SQL_KLAIM.format(
        notifikasi=quote(Notifikasi._meta.db_table),
        user=quote(get_user_model()._meta.db_table),
        person=quote(person._meta.db_table),
        person_user=quote(person._meta.get_field("user").column),
        person_email=quote(person._meta.get_field("email").column),
    )
    terkirim = 0
    koneksi = get_connection()
    while True:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    sql,
                    {
                        "jenis": jenis,
                        "tanggal": tanggal,
                        "user_ids": user_ids,
                        "batas": BATCH_SUREL,
                        "sekarang": timezone.now(),
                    },
                )
                baris = cursor.fetchall()
            if not baris:
                return terkirim
            pesan = [_pesan_surel(surel, judul, isi, url) for _id, surel, judul, isi, url in baris]
            # Inside the transaction on purpose: if the server refuses, the claim above is undone.
            terkirim += koneksi.send_messages(pesan) or 0
        if len(baris) < BATCH_SUREL:
            return terkirim


# ---------------------------------------------------------------------------------------------------------------
# The reader's side
# ---------------------------------------------------------------------------------------------------------------


def notifikasi_tandai_dibaca(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark ``user``'s unread notifications as read (only ``ids`` when given); returns how many changed. Other
    people's rows are never touched, whatever ids are passed."""
    qs = Notifikasi.objects.filter(user=user, dibaca__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(dibaca=timezone.now())


def notifikasi_belum_dibaca(user, batas: int = 100) -> int:
    """Unread notifications of ``user``, counted up to ``batas`` (a badge shows "99+"; counting further would
    only cost time). One indexed query."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notifikasi.objects.filter(user=user, dibaca__isnull=True)[:batas].count()
