"""Reminders of late SKP (docs/ATURAN.md: the SKP is set by the end of January, or about a month after a new TMT
jabatan; late SKP are visible to the atasan), delivered as in-app notifications and e-mail by
:func:`portal.notifikasi.notifikasi_kirim`, started by Celery beat through :func:`skp.tasks.pengingat_skp_terlambat`
(schedule: migration ``skp/0005_jadwal_pengingat_skp``).

Two kinds, each at most once per person and week while the lateness lasts (the notification's day is the Monday of
the week, so the daily run adds nothing after the first one of a week, and a beat that missed days catches up):

- **skp_terlambat** — the pegawai: which of their SKP of this year passed its deadline without being set, or which
  is still missing for the position they hold (:mod:`skp.selectors.tenggat`);
- **skp_bawahan_terlambat** — their pejabat penilai: how many of the bawahan's SKP are late, as counted on the
  queue page (skp:antrian). The penilai of an SKP is the atasan on its reference day
  (:func:`skp.rules.tanggal_acuan`: today clamped into the period), of a missing one today's atasan; all of them
  are found in one query (:func:`pegawai.supervisi.atasan_pada`). The Plt's SKP of the acting position is counted
  for the Plt's own atasan on that day, like the queue lists it (usually the same person: a Plt is taken from a
  position beside the vacant one).

A fixed number of queries whatever the number of pegawai (tests/test_pengingat.py). Running twice is harmless:
``notifikasi_kirim`` inserts with ON CONFLICT DO NOTHING and claims e-mails with SKIP LOCKED, so concurrent runs
never send one twice.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pegawai.models import Pegawai
from pegawai.supervisi import atasan_pada
from portal.notifikasi import HasilKirim, NotifikasiBaru, notifikasi_kirim

from . import rules
from .selectors import tenggat

#: The notification kinds this module writes.
JENIS_SKP_TERLAMBAT = "skp_terlambat"
JENIS_SKP_BAWAHAN_TERLAMBAT = "skp_bawahan_terlambat"
#: At most this many SKP are named in one reminder; the rest are counted.
SKP_DISEBUT = 5


def _tanggal(d: datetime.date) -> str:
    return date_format(d, "j F Y")


def tanggal_pengingat(hari_ini: datetime.date) -> datetime.date:
    """The day a late-SKP reminder counts for in the once-per-day key: the Monday of ``hari_ini``'s week, so the
    reminder comes back weekly, not daily, while the SKP stays late."""
    return hari_ini - datetime.timedelta(days=hari_ini.weekday())


@dataclass
class _Terlambat:
    """One late item of a pegawai: an SKP not set (``belum_dibuat`` False) or a missing one."""

    jabatan: str
    tenggat: datetime.date
    belum_dibuat: bool


@dataclass
class RekapTerlambat:
    """The late SKP of one year: per pegawai (their login, whether it is active, and the items), and per pejabat
    penilai the number of late items of their bawahan and how many of them are missing."""

    tahun: int
    pegawai: dict[int, tuple[int | None, bool, list[_Terlambat]]] = field(default_factory=dict)
    atasan: dict[int, tuple[int, int]] = field(default_factory=dict)


def rekap_terlambat(hari_ini: datetime.date | None = None) -> RekapTerlambat:
    """Every late SKP of this year on ``hari_ini`` (default today), per pegawai and per pejabat penilai. Three
    queries: the late SKP, the pegawai without theirs, and the penilai of every item."""
    hari_ini = hari_ini or tenggat.hari_ini()
    tahun = hari_ini.year
    rekap = RekapTerlambat(tahun=tahun)
    pasangan: list[tuple[int, datetime.date]] = []
    butir: list[tuple[int, datetime.date, bool]] = []

    def tambah(pegawai_id, user_id, aktif, item: _Terlambat, acuan: datetime.date):
        rekap.pegawai.setdefault(pegawai_id, (user_id, bool(aktif), []))[2].append(item)
        pasangan.append((pegawai_id, acuan))
        butir.append((pegawai_id, acuan, item.belum_dibuat))

    for pegawai_id, user_id, aktif, jabatan, mulai, selesai in (
        tenggat.skp_terlambat_qs(tahun, hari_ini)
        .filter(pegawai__aktif=True)
        .order_by("pegawai_id", "tanggal_mulai", "versi")
        .values_list(
            "pegawai_id",
            "pegawai__user_id",
            "pegawai__user__is_active",
            "jabatan__nama",
            "tanggal_mulai",
            "tanggal_selesai",
        )
    ):
        item = _Terlambat(jabatan=jabatan, tenggat=tenggat.tenggat(mulai), belum_dibuat=False)
        tambah(pegawai_id, user_id, aktif, item, rules.tanggal_acuan(mulai, selesai, hari_ini))
    for pegawai_id, user_id, aktif, jabatan, tmt in (
        tenggat.pegawai_belum_dibuat_terlambat(tahun, hari_ini)
        .order_by("pk")
        .values_list("pk", "user_id", "user__is_active", "jabatan__nama", "skp_tmt_sekarang")
    ):
        item = _Terlambat(jabatan=jabatan, tenggat=tenggat.tenggat_jabatan(tahun, tmt), belum_dibuat=True)
        tambah(pegawai_id, user_id, aktif, item, hari_ini)

    atasan = atasan_pada(pasangan)
    for pegawai_id, acuan, belum_dibuat in butir:
        atasan_id = atasan.get((pegawai_id, acuan))
        if atasan_id is None:
            continue
        jumlah, belum = rekap.atasan.get(atasan_id, (0, 0))
        rekap.atasan[atasan_id] = (jumlah + 1, belum + int(belum_dibuat))
    return rekap


def _uraian(item: _Terlambat) -> str:
    if item.belum_dibuat:
        return _("%(jabatan)s: belum dibuat (batas %(batas)s)") % {
            "jabatan": item.jabatan,
            "batas": _tanggal(item.tenggat),
        }
    return _("%(jabatan)s: belum disetujui (batas %(batas)s)") % {
        "jabatan": item.jabatan,
        "batas": _tanggal(item.tenggat),
    }


def hitung_skp_terlambat(hari_ini: datetime.date | None = None) -> dict[str, list[NotifikasiBaru]]:
    """The reminders of ``hari_ini`` (default today) per kind: one to every pegawai (with an active login) with a
    late SKP, one to every pejabat penilai (with an active login) of bawahan with late SKP. Four queries:
    :func:`rekap_terlambat` and the penilai's logins."""
    hari_ini = hari_ini or tenggat.hari_ini()
    rekap = rekap_terlambat(hari_ini)
    tanggal = tanggal_pengingat(hari_ini)
    hasil: dict[str, list[NotifikasiBaru]] = {JENIS_SKP_TERLAMBAT: [], JENIS_SKP_BAWAHAN_TERLAMBAT: []}

    url = f"{reverse('skp:index')}?tahun={rekap.tahun}"
    judul = _("SKP Anda melewati batas penetapan")
    for user_id, aktif, daftar in rekap.pegawai.values():
        if user_id is None or not aktif:
            continue
        disebut = [_uraian(item) for item in daftar[:SKP_DISEBUT]]
        if len(daftar) > SKP_DISEBUT:
            sisa = len(daftar) - SKP_DISEBUT
            disebut.append(ngettext("%(n)s SKP lainnya", "%(n)s SKP lainnya", sisa) % {"n": sisa})
        pesan = _(
            "SKP tahun %(tahun)s Anda belum ditetapkan padahal batas waktunya sudah lewat — %(rincian)s. Buat atau "
            "lengkapi SKP tersebut lalu ajukan kepada pejabat penilai."
        ) % {"tahun": rekap.tahun, "rincian": "; ".join(disebut)}
        hasil[JENIS_SKP_TERLAMBAT].append(
            NotifikasiBaru(user_id=user_id, tanggal=tanggal, judul=judul, pesan=pesan, url=url)
        )

    if rekap.atasan:
        login = dict(
            Pegawai.objects.filter(pk__in=list(rekap.atasan), aktif=True, user__is_active=True).values_list(
                "pk", "user_id"
            )
        )
        url = f"{reverse('skp:antrian')}?tahun={rekap.tahun}"
        judul = _("SKP bawahan melewati batas penetapan")
        for atasan_id, (jumlah, belum) in rekap.atasan.items():
            if atasan_id not in login:
                continue
            pesan = ngettext(
                "%(n)s SKP bawahan tahun %(tahun)s belum ditetapkan padahal batas waktunya sudah lewat",
                "%(n)s SKP bawahan tahun %(tahun)s belum ditetapkan padahal batas waktunya sudah lewat",
                jumlah,
            ) % {"n": jumlah, "tahun": rekap.tahun}
            if belum:
                pesan += " " + ngettext(
                    "(%(n)s di antaranya belum dibuat)", "(%(n)s di antaranya belum dibuat)", belum
                ) % {"n": belum}
            pesan += ". " + _(
                "Putuskan SKP yang sudah diajukan kepada Anda, dan ingatkan bawahan yang belum mengajukannya."
            )
            hasil[JENIS_SKP_BAWAHAN_TERLAMBAT].append(
                NotifikasiBaru(user_id=login[atasan_id], tanggal=tanggal, judul=judul, pesan=pesan, url=url)
            )
    return hasil


def pengingat_skp_kirim(*, hari_ini: datetime.date | None = None, surel: bool = True) -> dict[str, HasilKirim]:
    """Compute and deliver both kinds for ``hari_ini`` (default today); the counts per kind. A second run in the
    same week finds every notification already there and sends nothing."""
    # Messages and dates in the portal's language, whatever the worker's locale.
    with translation.override(settings.LANGUAGE_CODE):
        return {
            jenis: notifikasi_kirim(jenis=jenis, daftar=daftar, surel=surel)
            for jenis, daftar in hitung_skp_terlambat(hari_ini).items()
        }
