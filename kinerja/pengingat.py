"""Reminders of the daily reports (docs/ATURAN.md), delivered as in-app notifications and e-mail by
:func:`portal.notifikasi.notifikasi_kirim`, started by Celery beat through ``kinerja.tasks``.

Three kinds, each at most once per (person, kind, day):

- **aktivitas_kosong** — a pegawai has working days without any (non-rejected) activity while those days may still
  be entered on time, and for at least one of them the window closes today (the last ``batas_hari_entri``-th
  working day after it). Only on the pegawai's working days; days of a locked month are not mentioned.
- **antrian_verifikasi** — an atasan has submitted activities waiting whose month's verification deadline
  (:func:`kinerja.rules.batas_verifikasi`) is at most :data:`HARI_PENGINGAT_VERIFIKASI` working days away, the
  deadline day included.
- **eskalasi_verifikasi** — the deadline passed with activities still submitted (the month is locked now): the
  atasan's atasan learns whose verification was missed. Keyed to the day the month locked, not the day the task
  ran, so a beat that was down that day catches up for :data:`HARI_SUSULAN_ESKALASI` days and later runs add nothing.

The verifier of an activity is its pegawai's pejabat penilai on the activity's own date — the rule of
:func:`pegawai.atasan.atasan_langsung` (an active override, else the nearest occupied position above: its
definitive holder with the lowest id, else the Plt/Plh of that day) — computed for every (pegawai, date) at once in
one recursive SQL query. Every computation is a fixed number of queries whatever the number of pegawai
(``tests/test_pengingat.py`` checks it); the calendars (5- or 6-day week, holidays) come from
:mod:`kinerja.selectors.kalender` and the windows and deadlines from :mod:`kinerja.rules`.

Each run takes a PostgreSQL advisory lock (:func:`advisory_lock`): two beats, or a redelivered message running
next to the first delivery, cannot compute and send the same reminders at the same time.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from pegawai.atasan import tabel_sql
from pegawai.models import Pegawai, UnitKerja, User
from pegawai.supervisi import sql_atasan
from portal.notifikasi import HasilKirim, NotifikasiBaru, notifikasi_kirim

from . import rules, waktu
from .choices import HariKerjaPerMinggu, StatusAktivitas
from .models import Aktivitas, PengaturanKinerja
from .selectors.kalender import hari_kerja_per_minggu, libur_antara


class JenisPengingat(models.TextChoices):
    """The ``jenis`` of the :class:`~pegawai.models.Notifikasi` rows this module writes."""

    AKTIVITAS_KOSONG = "aktivitas_kosong", gettext_lazy("Aktivitas harian belum dicatat")
    ANTRIAN_VERIFIKASI = "antrian_verifikasi", gettext_lazy("Aktivitas bawahan menunggu verifikasi")
    ESKALASI_VERIFIKASI = "eskalasi_verifikasi", gettext_lazy("Verifikasi aktivitas melewati batas")


#: The atasan is reminded on the last N working days before the verification deadline and on the deadline itself.
HARI_PENGINGAT_VERIFIKASI = 2
#: An escalation missed on the day the month locked (beat down) is still sent during this many days.
HARI_SUSULAN_ESKALASI = 7
#: At most this many dates (or atasan) are named in one reminder; the rest are counted.
TANGGAL_DISEBUT = 5

# Calendar loaded around today: the entry window may reach 60 working days back (PengaturanKinerja validator),
# about 90 calendar days; deadlines lie at most ~45 days ahead.
_LIBUR_MUNDUR = datetime.timedelta(days=200)
_LIBUR_MAJU = datetime.timedelta(days=70)


# ---------------------------------------------------------------------------------------------------------------
# Advisory lock
# ---------------------------------------------------------------------------------------------------------------


def advisory_lock_key(nama: str) -> int:
    """A stable signed 64-bit key for ``pg_advisory_lock`` from a readable name (``hash()`` changes per process)."""
    return int.from_bytes(hashlib.sha256(nama.encode()).digest()[:8], "big", signed=True)


@contextlib.contextmanager
def advisory_lock(nama: str) -> Iterator[bool]:
    """Hold the session-level advisory lock ``nama`` on the default connection while the block runs; yields
    whether it was obtained (``pg_try_advisory_lock`` never waits). Session-level rather than transaction-level
    because a run spans several transactions (insert, then e-mail batches); the lock dies with the connection if
    the worker does."""
    key = advisory_lock_key(nama)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        dapat = bool(cursor.fetchone()[0])
    try:
        yield dapat
    finally:
        if dapat:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


# ---------------------------------------------------------------------------------------------------------------
# Calendars
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Konteks:
    hari_ini: datetime.date
    pengaturan: PengaturanKinerja
    #: One calendar per week length (5 and 6 days), with the holidays around today.
    kalender: dict[int, rules.Kalender]
    minggu_bawaan: int
    #: Units whose week differs from the instansi default (own setting or an ancestor's).
    unit_lain: list[int]

    @property
    def minggu_lain(self) -> int:
        return HariKerjaPerMinggu.ENAM if self.minggu_bawaan == HariKerjaPerMinggu.LIMA else HariKerjaPerMinggu.LIMA


def _konteks(hari_ini: datetime.date) -> _Konteks:
    """Settings, holidays and the week length of every unit: four or five queries."""
    pengaturan = PengaturanKinerja.get_solo()
    minggu = hari_kerja_per_minggu(UnitKerja.objects.values_list("pk", flat=True), pengaturan)
    bawaan = pengaturan.hari_kerja_per_minggu
    libur = frozenset(libur_antara(hari_ini - _LIBUR_MUNDUR, hari_ini + _LIBUR_MAJU))
    return _Konteks(
        hari_ini=hari_ini,
        pengaturan=pengaturan,
        kalender={w: rules.Kalender(w, libur) for w in HariKerjaPerMinggu.values},
        minggu_bawaan=bawaan,
        unit_lain=sorted(unit for unit, w in minggu.items() if w != bawaan),
    )


def _params_minggu(k: _Konteks) -> dict:
    return {"unit_lain": k.unit_lain, "minggu_lain": k.minggu_lain, "minggu_bawaan": k.minggu_bawaan}


# The week length of a pegawai's unit, in SQL (``j`` is the pegawai's position).
_SQL_MINGGU = "CASE WHEN j.unit_kerja_id = ANY(%(unit_lain)s::bigint[]) THEN %(minggu_lain)s ELSE %(minggu_bawaan)s END"


def _tabel() -> dict[str, str]:
    qn = connection.ops.quote_name
    return {**tabel_sql(), "aktivitas": qn(Aktivitas._meta.db_table), "user": qn(User._meta.db_table)}


def _bulan_mundur(tahun: int, bulan: int, k: int) -> tuple[int, int]:
    indeks = tahun * 12 + (bulan - 1) - k
    return indeks // 12, indeks % 12 + 1


def _tanggal(d: datetime.date) -> str:
    return date_format(d, "l, j F Y")


def _daftar_tanggal(tanggal: list[datetime.date]) -> str:
    disebut = [_tanggal(d) for d in tanggal[:TANGGAL_DISEBUT]]
    sisa = len(tanggal) - len(disebut)
    if sisa:
        disebut.append(ngettext("%(n)d hari lainnya", "%(n)d hari lainnya", sisa) % {"n": sisa})
    if len(disebut) == 1:
        return disebut[0]
    return _("%(awal)s dan %(akhir)s") % {"awal": "; ".join(disebut[:-1]), "akhir": disebut[-1]}


def _angka(n: int) -> str:
    return number_format(n, force_grouping=True)


def _aktivitas(n: int) -> str:
    return ngettext("%(n)s aktivitas", "%(n)s aktivitas", n) % {"n": _angka(n)}


def _pegawai(n: int) -> str:
    return ngettext("%(n)s pegawai", "%(n)s pegawai", n) % {"n": _angka(n)}


# The pages a reminder links to: the pegawai's day, the atasan's queue.
URL_HARIAN = "kinerja:harian"
URL_ANTRIAN = "kinerja:antrian"


# ---------------------------------------------------------------------------------------------------------------
# The pejabat penilai of many (pegawai, date) pairs at once
# ---------------------------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------------------------
# aktivitas_kosong
# ---------------------------------------------------------------------------------------------------------------


def tanggal_terbuka(kalender: rules.Kalender, k: _Konteks) -> list[tuple[datetime.date, bool]]:
    """The working days whose activities may still be entered on time today, newest first, each with whether
    its window closes today. Today itself only counts when the window is zero days (the day is not over yet).
    Nothing on a day off, and nothing of a month already locked."""
    hari_ini, batas = k.hari_ini, k.pengaturan.batas_hari_entri
    if not kalender.hari_kerja(hari_ini):
        return []
    hasil = []
    hari = hari_ini if batas == 0 else rules.hari_kerja_sebelum(hari_ini, kalender)
    while rules.status_entri(hari, hari_ini, batas, kalender) is rules.StatusEntri.TEPAT_WAKTU:
        if rules.bulan_terkunci(hari.year, hari.month, hari_ini, k.pengaturan.batas_verifikasi_hari_kerja, kalender):
            break
        hasil.append((hari, rules.hari_kerja_berikut(hari, batas, kalender) == hari_ini))
        hari = rules.hari_kerja_sebelum(hari, kalender)
    return hasil


_SQL_KOSONG = """
SELECT p.user_id,
       array_agg(k.tanggal ORDER BY k.tanggal),
       array_agg(k.tanggal ORDER BY k.tanggal) FILTER (WHERE k.tutup)
FROM {pegawai} p
JOIN {user} u ON u.id = p.user_id AND u.is_active
JOIN {jabatan} j ON j.id = p.jabatan_id
JOIN unnest(%(k_minggu)s::int[], %(k_tanggal)s::date[], %(k_tutup)s::bool[]) AS k(minggu, tanggal, tutup)
  ON k.minggu = {minggu}
WHERE p.aktif AND k.tanggal >= p.tmt_cpns
  AND NOT EXISTS (
      SELECT 1 FROM {aktivitas} a
      WHERE a.pegawai_id = p.id AND a.tanggal = k.tanggal AND a.status <> %(ditolak)s
  )
GROUP BY p.user_id
HAVING bool_or(k.tutup)
"""


def hitung_aktivitas_kosong(hari_ini: datetime.date | None = None) -> list[NotifikasiBaru]:
    """Reminders for every active pegawai (with an active login) missing a report on a working day whose entry
    window closes today. A day with only rejected activities counts as missing: nothing of it counts until the
    pegawai revises it or enters the real work."""
    k = _konteks(hari_ini or waktu.hari_ini())
    baris_k = [(w, d, tutup) for w, kal in k.kalender.items() for d, tutup in tanggal_terbuka(kal, k)]
    if not any(tutup for _w, _d, tutup in baris_k):
        return []
    t = _tabel()
    with connection.cursor() as cursor:
        cursor.execute(
            _SQL_KOSONG.format(minggu=_SQL_MINGGU, **t),
            {
                "k_minggu": [w for w, _d, _t in baris_k],
                "k_tanggal": [d for _w, d, _t in baris_k],
                "k_tutup": [tutup for _w, _d, tutup in baris_k],
                "ditolak": StatusAktivitas.DITOLAK,
                **_params_minggu(k),
            },
        )
        baris = cursor.fetchall()
    url = reverse(URL_HARIAN)
    judul = _("Aktivitas harian belum dicatat")
    hasil = []
    for user_id, kosong, tutup in baris:
        pesan = _(
            "Anda belum mencatat aktivitas pada %(kosong)s. Batas pencatatan tepat waktu untuk %(tutup)s berakhir "
            "hari ini."
        ) % {"kosong": _daftar_tanggal(kosong), "tutup": _daftar_tanggal(tutup)}
        hasil.append(NotifikasiBaru(user_id=user_id, tanggal=k.hari_ini, judul=judul, pesan=pesan, url=url))
    return hasil


# ---------------------------------------------------------------------------------------------------------------
# antrian_verifikasi and eskalasi_verifikasi
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _BulanBatas:
    minggu: int
    awal: datetime.date
    akhir: datetime.date
    batas: datetime.date


def _bulan_dengan_batas(k: _Konteks, mundur: range) -> list[_BulanBatas]:
    """The months ``mundur`` months back (0 = this month) with their verification deadline, per week length."""
    hasil = []
    n = k.pengaturan.batas_verifikasi_hari_kerja
    for w, kal in k.kalender.items():
        for m in mundur:
            tahun, bulan = _bulan_mundur(k.hari_ini.year, k.hari_ini.month, m)
            awal, akhir = rules.rentang_bulan(tahun, bulan)
            hasil.append(_BulanBatas(w, awal, akhir, rules.batas_verifikasi(tahun, bulan, n, kal)))
    return hasil


def _params_bulan(bulan: list[_BulanBatas]) -> dict:
    return {
        "b_minggu": [b.minggu for b in bulan],
        "b_awal": [b.awal for b in bulan],
        "b_akhir": [b.akhir for b in bulan],
        "b_batas": [b.batas for b in bulan],
        "awal": min(b.awal for b in bulan),
        "akhir": max(b.akhir for b in bulan),
    }


# Submitted activities of the chosen months, each with its month's deadline for the pegawai's unit calendar.
_SQL_TERTUNDA = """
bulan(minggu, awal, akhir, batas) AS (
    SELECT * FROM unnest(%(b_minggu)s::int[], %(b_awal)s::date[], %(b_akhir)s::date[], %(b_batas)s::date[])
),
sumber(baris_id, pegawai_id, tanggal, bulan, batas, jumlah) AS (
    SELECT row_number() OVER (), a.pegawai_id, a.tanggal, b.awal, b.batas, count(*)
    FROM {aktivitas} a
    JOIN {pegawai} p ON p.id = a.pegawai_id
    JOIN {jabatan} j ON j.id = p.jabatan_id
    JOIN bulan b ON a.tanggal BETWEEN b.awal AND b.akhir AND b.minggu = {minggu}
    WHERE a.status = %(diajukan)s AND a.tanggal BETWEEN %(awal)s AND %(akhir)s
    GROUP BY a.pegawai_id, a.tanggal, b.awal, b.batas
)"""
_BAWA = ("bulan", "batas", "jumlah")


def hitung_antrian_verifikasi(hari_ini: datetime.date | None = None) -> list[NotifikasiBaru]:
    """Reminders for every atasan (with an active login) who verifies submitted activities of a month whose
    deadline is today or within :data:`HARI_PENGINGAT_VERIFIKASI` working days — counted on the calendar of
    each bawahan's unit, on a working day of that calendar."""
    k = _konteks(hari_ini or waktu.hari_ini())
    bulan = []
    for b in _bulan_dengan_batas(k, range(0, 2)):
        kal = k.kalender[b.minggu]
        mulai = b.batas
        for _langkah in range(HARI_PENGINGAT_VERIFIKASI):
            mulai = rules.hari_kerja_sebelum(mulai, kal)
        if kal.hari_kerja(k.hari_ini) and mulai <= k.hari_ini <= b.batas:
            bulan.append(b)
    if not bulan:
        return []
    t = _tabel()
    sql = f"""
WITH RECURSIVE {_SQL_TERTUNDA.format(minggu=_SQL_MINGGU, **t)},
{sql_atasan("sumber", "atasan", _BAWA)}
SELECT ap.user_id, sum(s.jumlah), count(DISTINCT s.pegawai_id), min(s.batas)
FROM atasan s
JOIN {t["pegawai"]} ap ON ap.id = s.atasan_id
JOIN {t["user"]} u ON u.id = ap.user_id AND u.is_active
GROUP BY ap.user_id
"""
    with connection.cursor() as cursor:
        cursor.execute(sql, {**_params_bulan(bulan), **_params_minggu(k), "diajukan": StatusAktivitas.DIAJUKAN})
        baris = cursor.fetchall()
    url = reverse(URL_ANTRIAN)
    judul = _("Aktivitas bawahan menunggu verifikasi")
    hasil = []
    for user_id, jumlah, pegawai, batas in baris:
        jumlah = int(jumlah)  # sum() of counts comes back as a Decimal
        pesan = _(
            "%(aktivitas)s dari %(pegawai)s menunggu verifikasi Anda. Batas verifikasi %(batas)s; setelah itu "
            "bulan tersebut terkunci dan aktivitas yang belum diverifikasi tidak dapat disetujui lagi."
        ) % {
            "aktivitas": _aktivitas(jumlah),
            "pegawai": _pegawai(pegawai),
            "batas": _tanggal(batas),
        }
        hasil.append(NotifikasiBaru(user_id=user_id, tanggal=k.hari_ini, judul=judul, pesan=pesan, url=url))
    return hasil


def hitung_eskalasi_verifikasi(hari_ini: datetime.date | None = None) -> list[NotifikasiBaru]:
    """Escalations to the atasan's atasan (with an active login) for every month whose deadline passed at most
    :data:`HARI_SUSULAN_ESKALASI` days ago with activities still submitted, naming each atasan who missed it.
    The notification's day is the first locked day (deadline + 1), so it is sent once per month, not per run."""
    k = _konteks(hari_ini or waktu.hari_ini())
    susulan = datetime.timedelta(days=HARI_SUSULAN_ESKALASI)
    bulan = [b for b in _bulan_dengan_batas(k, range(1, 3)) if b.batas < k.hari_ini <= b.batas + susulan]
    if not bulan:
        return []
    t = _tabel()
    sql = f"""
WITH RECURSIVE {_SQL_TERTUNDA.format(minggu=_SQL_MINGGU, **t)},
{sql_atasan("sumber", "atasan", _BAWA)},
-- One level up: the atasan of each verifier on the same date, the bawahan carried along.
sumber2(baris_id, pegawai_id, tanggal, bawahan, bulan, batas, jumlah) AS (
    SELECT baris_id, atasan_id, tanggal, pegawai_id, bulan, batas, jumlah FROM atasan
),
{sql_atasan("sumber2", "atasan2", ("bawahan", *_BAWA))}
SELECT a2.user_id, s2.bulan, s2.batas, a1.nip, a1.gelar_depan, a1.nama, a1.gelar_belakang,
       sum(s2.jumlah), count(DISTINCT s2.bawahan)
FROM atasan2 s2
JOIN {t["pegawai"]} a1 ON a1.id = s2.pegawai_id
JOIN {t["pegawai"]} a2 ON a2.id = s2.atasan_id
JOIN {t["user"]} u ON u.id = a2.user_id AND u.is_active
GROUP BY a2.user_id, s2.bulan, s2.batas, a1.id
ORDER BY a2.user_id, s2.bulan, s2.batas, sum(s2.jumlah) DESC, a1.nama, a1.id
"""
    with connection.cursor() as cursor:
        cursor.execute(sql, {**_params_bulan(bulan), **_params_minggu(k), "diajukan": StatusAktivitas.DIAJUKAN})
        baris = cursor.fetchall()
    per_penerima: dict[tuple[int, datetime.date, datetime.date], list[tuple]] = {}
    for user_id, awal, batas, nip, gelar_depan, nama, gelar_belakang, jumlah, pegawai in baris:
        atasan = Pegawai(nip=nip, gelar_depan=gelar_depan, nama=nama, gelar_belakang=gelar_belakang)
        per_penerima.setdefault((user_id, awal, batas), []).append((atasan, int(jumlah), pegawai))
    judul = _("Verifikasi aktivitas bawahan melewati batas")
    hasil = []
    for (user_id, awal, batas), daftar in per_penerima.items():
        jumlah = sum(j for _a, j, _p in daftar)
        bagian = [
            _("%(nama)s: %(aktivitas)s dari %(pegawai)s")
            % {"nama": a.nama_lengkap, "aktivitas": _aktivitas(j), "pegawai": _pegawai(p)}
            for a, j, p in daftar[:TANGGAL_DISEBUT]
        ]
        if len(daftar) > TANGGAL_DISEBUT:
            sisa = len(daftar) - TANGGAL_DISEBUT
            bagian.append(ngettext("%(n)s atasan lainnya", "%(n)s atasan lainnya", sisa) % {"n": _angka(sisa)})
        rincian = "; ".join(bagian)
        pesan = _(
            "Sampai batas verifikasi %(batas)s, %(aktivitas)s bulan %(bulan)s belum diverifikasi oleh atasan "
            "langsungnya — %(rincian)s. Bulan tersebut kini terkunci; aktivitas itu hanya dapat diverifikasi "
            "setelah admin membuka kembali bulan tersebut."
        ) % {
            "batas": _tanggal(batas),
            "aktivitas": _aktivitas(jumlah),
            "bulan": date_format(awal, "F Y"),
            "rincian": rincian,
        }
        # One atasan: their page (with their bawahan); several: the message lists them.
        url = reverse("pegawai_detail", args=[daftar[0][0].nip]) if len(daftar) == 1 else ""
        hasil.append(
            NotifikasiBaru(
                user_id=user_id, tanggal=batas + datetime.timedelta(days=1), judul=judul, pesan=pesan, url=url
            )
        )
    return hasil


# ---------------------------------------------------------------------------------------------------------------
# Running one kind
# ---------------------------------------------------------------------------------------------------------------

HITUNG = {
    JenisPengingat.AKTIVITAS_KOSONG: hitung_aktivitas_kosong,
    JenisPengingat.ANTRIAN_VERIFIKASI: hitung_antrian_verifikasi,
    JenisPengingat.ESKALASI_VERIFIKASI: hitung_eskalasi_verifikasi,
}


def pengingat_kirim(*, jenis: str, hari_ini: datetime.date | None = None, surel: bool = True) -> HasilKirim | None:
    """Compute and deliver one kind of reminder for ``hari_ini`` (default today) under the advisory lock
    ``pengingat:<jenis>``. Returns ``None`` without doing anything when another run holds the lock; otherwise
    the counts (a second run on the same day finds every notification already there and sends nothing)."""
    hitung = HITUNG[JenisPengingat(jenis)]
    with advisory_lock(f"pengingat:{jenis}") as dapat:
        if not dapat:
            return None
        # Messages and dates in the portal's language, whatever the worker's locale.
        with translation.override(settings.LANGUAGE_CODE):
            daftar = hitung(hari_ini)
            return notifikasi_kirim(jenis=jenis, daftar=daftar, surel=surel)
