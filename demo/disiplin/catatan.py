"""The demo records decided by officials: hukuman disiplin (PP 94/2021) entered by the demo admin BKPSDM, and the
Satyalancana Karya Satya already awarded (Keputusan Presiden), planned from the pegawai in the database.

- Hukuman: mostly ringan, over the last year and a half (a teguran lisan or tertulis, a pernyataan tidak puas,
  each with the violation it answers); one sedang still running (tunjangan kinerja cut for 6 months), on a PNS who
  has just reached a Satyalancana level — the award list leaves them out; one teguran tertulis cancelled with the
  reason. No SK file is attached (the demo has no scanned SK).
- Satyalancana: each level reached more than three years ago was awarded to most (:data:`PELUANG_DIBERIKAN`), in
  the Keppres of August after it; the rest are the late proposals the list shows. Levels reached in the last three
  years — among them the pegawai the city placed around the marks (:func:`demo.kota.orang.tandai_masa_kerja`) —
  are still to be proposed."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings

from disiplin import rules
from disiplin.choices import JenisHukuman, StatusHukuman, TingkatHukuman, TingkatSatyalancana
from disiplin.models import HukumanDisiplin

_WIB = ZoneInfo(settings.TIME_ZONE)
#: Share of the levels reached more than :data:`TAHUN_TERCATAT` years ago that were awarded.
PELUANG_DIBERIKAN = 0.7
TAHUN_TERCATAT = 3
#: One hukuman ringan per this many active PNS (at least three).
PER_RINGAN = 1000
#: A standing hukuman of these levels bars the Satyalancana (PP 35/1994).
TERHALANG = (TingkatHukuman.SEDANG, TingkatHukuman.BERAT)

RINGAN = (
    (
        JenisHukuman.TEGURAN_LISAN,
        5,
        "Tidak masuk kerja tanpa alasan yang sah selama 3 hari kerja secara kumulatif dalam tahun {tahun}.",
    ),
    (
        JenisHukuman.TEGURAN_LISAN,
        2,
        "Terlambat masuk kerja dan pulang sebelum waktunya tanpa alasan yang sah, setara 3 hari kerja dalam tahun "
        "{tahun}.",
    ),
    (
        JenisHukuman.TEGURAN_TERTULIS,
        4,
        "Tidak masuk kerja tanpa alasan yang sah selama 5 hari kerja secara kumulatif dalam tahun {tahun}.",
    ),
    (
        JenisHukuman.PERNYATAAN_TIDAK_PUAS,
        2,
        "Tidak masuk kerja tanpa alasan yang sah selama 8 hari kerja secara kumulatif dalam tahun {tahun}.",
    ),
)
SEDANG = "Tidak masuk kerja tanpa alasan yang sah selama 12 hari kerja secara kumulatif dalam tahun {tahun}."
BATAL = (
    "Dibatalkan atas keberatan pegawai: ketidakhadiran yang menjadi dasar hukuman ternyata tugas dinas luar yang "
    "surat tugasnya terlambat diserahkan ke bagian kepegawaian."
)


@dataclass(frozen=True)
class PnsDemo:
    """An active PNS (the records are PNS matters: PP 94/2021, PP 35/1994)."""

    pk: int
    tmt_cpns: datetime.date


def _jam(hari: datetime.date, jam: int, menit: int) -> datetime.datetime:
    return datetime.datetime.combine(hari, datetime.time(jam, menit), tzinfo=_WIB)


def _hari_kerja(hari: datetime.date) -> datetime.date:
    """``hari``, or the Monday after when it falls on a weekend (an SK is signed on a working day)."""
    if hari.weekday() >= 5:
        return hari + datetime.timedelta(days=7 - hari.weekday())
    return hari


def _nomor_sk(urut: int, tanggal: datetime.date) -> str:
    return f"800.1.6.4/{urut:04d}-BKPSDM/{tanggal.year}"


def rencana_hukuman(
    pns: list[PnsDemo], hari_ini: datetime.date, admin: int | None, rng: random.Random
) -> list[HukumanDisiplin]:
    """The hukuman records (see the module docstring) among the active PNS ``pns`` (ordered by primary key)."""
    if not pns:
        return []
    hasil: list[HukumanDisiplin] = []

    def catat(p: PnsDemo, jenis: JenisHukuman, tanggal_sk: datetime.date, keterangan: str) -> HukumanDisiplin:
        tmt = tanggal_sk + datetime.timedelta(days=rng.choice((0, 0, 1, 3)))
        h = HukumanDisiplin(
            pegawai_id=p.pk,
            jenis=jenis,
            tingkat=rules.tingkat(jenis),
            nomor_sk=_nomor_sk(len(hasil) + 1, tanggal_sk),
            tanggal_sk=tanggal_sk,
            tmt=tmt,
            lama_bulan=rules.lama_bulan(jenis),
            tanggal_selesai=rules.tanggal_selesai(jenis, tmt),
            keterangan=keterangan,
            dicatat_oleh_id=admin,
            dicatat_pada=_jam(min(tanggal_sk + datetime.timedelta(days=rng.randint(1, 5)), hari_ini), 9, 30),
        )
        hasil.append(h)
        return h

    # The sedang, on a PNS who reached a Satyalancana level in the last year (else anyone): its TMT two to four
    # months back, so it is still running.
    baru = [p for p in pns if _tingkat_baru(p.tmt_cpns, hari_ini)]
    p_sedang = rng.choice(baru or pns)
    tmt_sedang = rules.tambah_bulan(datetime.date(hari_ini.year, hari_ini.month, 1), -rng.randint(2, 4))
    catat(
        p_sedang,
        JenisHukuman.TUKIN_25_6,
        _hari_kerja(tmt_sedang - datetime.timedelta(days=10)),
        SEDANG.format(tahun=tmt_sedang.year - 1),
    )
    lainnya = [p for p in pns if p.pk != p_sedang.pk]
    jumlah = max(3, len(pns) // PER_RINGAN) + 1
    bobot = [b for _j, b, _k in RINGAN]
    for i, p in enumerate(rng.sample(lainnya, min(len(lainnya), jumlah))):
        tanggal_sk = _hari_kerja(hari_ini - datetime.timedelta(days=rng.randint(20, 540)))
        if i == 0:
            # Cancelled on objection, a few weeks after the SK.
            h = catat(p, JenisHukuman.TEGURAN_TERTULIS, tanggal_sk, RINGAN[2][2].format(tahun=tanggal_sk.year - 1))
            h.status, h.alasan_batal = StatusHukuman.DIBATALKAN, BATAL
            h.dibatalkan_pada = _jam(min(tanggal_sk + datetime.timedelta(days=rng.randint(14, 30)), hari_ini), 14, 0)
            continue
        jenis, _b, keterangan = rng.choices(RINGAN, weights=bobot)[0]
        # A violation of last year is decided early this year; one of this year, later in it.
        catat(
            p,
            jenis,
            tanggal_sk,
            keterangan.format(tahun=tanggal_sk.year if tanggal_sk.month > 6 else tanggal_sk.year - 1),
        )
    return hasil


def _tingkat_baru(tmt: datetime.date, hari_ini: datetime.date) -> bool:
    """A Satyalancana level reached in the year up to ``hari_ini``."""
    setahun = rules.tambah_bulan(hari_ini, -12)
    return any(setahun < rules.tanggal_layak(tmt, t) <= hari_ini for t in TingkatSatyalancana)


def rencana_satyalancana(
    pns: list[PnsDemo], hari_ini: datetime.date, terhalang: set[int], admin: int | None, rng: random.Random
) -> list[tuple]:
    """Rows (pegawai, tingkat, nomor_keppres, tanggal_keppres, dicatat_oleh, dicatat_pada) of the awards (see the
    module docstring); none for ``terhalang`` (a sedang or berat hukuman bars the award)."""
    batas = rules.tambah_bulan(hari_ini, -12 * TAHUN_TERCATAT)
    keppres: dict[int, tuple[str, datetime.date]] = {}
    baris = []
    for p in pns:
        if p.pk in terhalang:
            continue
        for tingkat in TingkatSatyalancana:
            layak = rules.tanggal_layak(p.tmt_cpns, tingkat)
            if layak > batas:
                break
            if rng.random() >= PELUANG_DIBERIKAN:
                continue
            # The Keppres of August (Hari Kemerdekaan) after the level is reached: the proposal takes months.
            tahun = layak.year + (1 if layak.month > 4 else 0)
            if tahun not in keppres:
                keppres[tahun] = (
                    f"{rng.randint(30, 99)}/TK/Tahun {tahun}",
                    datetime.date(tahun, 8, rng.randint(5, 14)),
                )
            nomor, tanggal = keppres[tahun]
            dicatat = _jam(min(tanggal + datetime.timedelta(days=rng.randint(20, 60)), hari_ini), 10, 0)
            baris.append((p.pk, tingkat.value, nomor, tanggal, admin, dicatat))
    return baris
