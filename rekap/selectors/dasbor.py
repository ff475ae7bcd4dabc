"""The numbers behind the landing-page dashboards (:mod:`rekap.portal_hooks`): a pegawai's own months, an atasan's
team, and the OPDs an admin or pimpinan oversees. Everything is read from the recap tables (never the activities),
each dashboard in a fixed number of queries whatever the number of OPDs, units or bawahan; the shares are computed
here once so the chart and the table beside it cannot disagree."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F, Sum
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from disiplin.services.bulan import bulan_mundur
from pegawai.models import Pegawai
from penilaian.choices import Predikat

from .. import rules
from ..choices import JenisPeriodeRekap, TingkatRekap
from ..models import ANGKA, PeriodeRekap, RekapPegawai, RekapRhk
from .rekap import rekap_unit_visible_to

#: Months the trend charts reach back (the current one included).
BULAN_TREN = 12

_ANGKA_UNIT = ("pegawai_n", "pegawai_lapor_n", "skp_disetujui_n", *(f"predikat_{p.value}_n" for p in Predikat))


def label_bulan(periode: PeriodeRekap) -> str:
    return date_format(periode.mulai, "M Y")


def tautan(nama: str, **params) -> str:
    """A recap table (``rekap:unit_list`` / ``rekap:pegawai_list``) filtered as the bar or point clicked."""
    return f"{reverse(nama)}?{urlencode({k: v for k, v in params.items() if v is not None})}"


def periode_terakhir(hari_ini: datetime.date) -> PeriodeRekap | None:
    """The newest month already computed (the current one after the nightly run, else the one before)."""
    return (
        PeriodeRekap.objects.filter(jenis=JenisPeriodeRekap.BULAN, dihitung_pada__isnull=False, mulai__lte=hari_ini)
        .order_by("-mulai")
        .first()
    )


def _awal_tren(periode: PeriodeRekap) -> datetime.date:
    return datetime.date(*bulan_mundur(periode.mulai.year, periode.mulai.month, BULAN_TREN - 1), 1)


@dataclass
class Angka:
    """Sums of a scope (a pegawai, a team, a unit, an OPD, the OPDs in view) with the shares the charts show."""

    hari_kerja: int = 0
    hari_lapor: int = 0
    hari_tanpa_laporan: int = 0
    aktivitas_n: int = 0
    aktivitas_disetujui_n: int = 0
    aktivitas_ditolak_n: int = 0
    aktivitas_menunggu_n: int = 0
    menit_disetujui: int = 0
    menit_target: int = 0
    diverifikasi_n: int = 0
    diverifikasi_tepat_n: int = 0
    entri_terlambat_n: int = 0
    verifikasi_terlambat_n: int = 0
    tidak_diverifikasi_n: int = 0
    masalah_substansi_n: int = 0
    masalah_perilaku_n: int = 0
    pegawai_n: int = 0
    pegawai_lapor_n: int = 0
    skp_disetujui_n: int = 0
    predikat_1_n: int = 0
    predikat_2_n: int = 0
    predikat_3_n: int = 0
    predikat_4_n: int = 0
    predikat_5_n: int = 0

    @classmethod
    def dari(cls, rows) -> Angka:
        """The sum of recap rows (model instances or ``values()`` dicts); fields a row lacks count 0."""
        hasil = cls()
        for row in rows:
            for nama in (*ANGKA, *_ANGKA_UNIT):
                nilai = row.get(nama) if isinstance(row, dict) else getattr(row, nama, 0)
                setattr(hasil, nama, getattr(hasil, nama) + (nilai or 0))
        return hasil

    @property
    def diajukan_n(self) -> int:
        return rules.diajukan(self.aktivitas_disetujui_n, self.aktivitas_ditolak_n, self.aktivitas_menunggu_n)

    @property
    def partisipasi(self) -> float | None:
        return rules.untuk_grafik(rules.partisipasi(self.hari_lapor, self.hari_kerja))

    @property
    def verifikasi_tepat(self) -> float | None:
        return rules.untuk_grafik(rules.verifikasi_tepat(self.diverifikasi_tepat_n, self.diajukan_n))

    @property
    def entri_tepat(self) -> float | None:
        return rules.untuk_grafik(rules.entri_tepat(self.aktivitas_n, self.entri_terlambat_n))

    @property
    def menit_persen(self) -> float | None:
        return rules.untuk_grafik(rules.menit_terhadap_target(self.menit_disetujui, self.menit_target))

    @property
    def skp_disetujui(self) -> float | None:
        return rules.untuk_grafik(rules.skp_disetujui(self.skp_disetujui_n, self.pegawai_n))

    @property
    def predikat(self) -> list[tuple[Predikat, int]]:
        return [(p, getattr(self, f"predikat_{p.value}_n")) for p in Predikat]

    @property
    def disiplin(self) -> list[tuple[str, int]]:
        return [
            (_("Hari kerja tanpa laporan"), self.hari_tanpa_laporan),
            (_("Aktivitas dicatat terlambat"), self.entri_terlambat_n),
            (_("Verifikasi atasan terlambat"), self.verifikasi_terlambat_n),
            (_("Aktivitas tidak diverifikasi"), self.tidak_diverifikasi_n),
        ]

    @property
    def masalah(self) -> list[tuple[str, int]]:
        """The problem categories, most frequent first."""
        return sorted(
            [(_("Substansi"), self.masalah_substansi_n), (_("Perilaku"), self.masalah_perilaku_n)], key=lambda m: -m[1]
        )


# ---------------------------------------------------------------------------------------------------------------
# Pegawai
# ---------------------------------------------------------------------------------------------------------------


def dasbor_pegawai(pegawai: Pegawai, hari_ini: datetime.date) -> dict:
    """The pegawai's last months (minutes and activities), the realisasi of their RHK in the newest month, and
    their newest predikat. Three queries."""
    bulan = list(
        RekapPegawai.objects.filter(
            pegawai=pegawai, periode__jenis=JenisPeriodeRekap.BULAN, periode__mulai__lte=hari_ini
        )
        .select_related("periode")
        .order_by("-periode__mulai")[:BULAN_TREN]
    )[::-1]
    terakhir = bulan[-1].periode if bulan else None
    rhk = []
    if terakhir is not None:
        rhk = list(
            RekapRhk.objects.filter(periode=terakhir, pegawai=pegawai)
            .select_related("rhk")
            .order_by("rhk__jenis", "rhk__urutan", "rhk_id")
        )
    predikat = (
        RekapPegawai.objects.filter(pegawai=pegawai, predikat__isnull=False)
        .select_related("periode")
        .order_by("-periode__selesai", "-periode__mulai")
        .first()
    )
    for row in bulan:
        row.label = label_bulan(row.periode)
        row.angka = Angka.dari([row])
        row.tautan = tautan("rekap:pegawai_list", periode=row.periode_id, q=pegawai.nip)
    return {
        "bulan": bulan,
        "terakhir": terakhir,
        "label": label_bulan(terakhir) if terakhir else "",
        "rhk": rhk,
        "predikat": predikat,
        "grafik_menit": {
            "labels": [r.label for r in bulan],
            "datasets": [
                {"label": _("Menit disetujui"), "data": [r.menit_disetujui for r in bulan]},
                {"label": _("Menit target"), "data": [r.menit_target for r in bulan]},
            ],
            "tautan": [r.tautan for r in bulan],
        },
        "grafik_aktivitas": {
            "labels": [r.label for r in bulan],
            "datasets": [
                {"label": _("Aktivitas dicatat"), "data": [r.aktivitas_n for r in bulan]},
                {"label": _("Aktivitas disetujui"), "data": [r.aktivitas_disetujui_n for r in bulan]},
            ],
            "tautan": [r.tautan for r in bulan],
        },
        "grafik_rhk": {
            # Chart labels are cut short (the table beside the chart carries the whole text).
            "labels": [_pendek(r.rhk.teks) for r in rhk],
            "data": [None if r.persen_realisasi is None else float(r.persen_realisasi) for r in rhk],
            "persen": True,
        },
    }


def _pendek(teks: str, n: int = 20) -> str:
    """``teks`` cut to ``n`` characters for a chart's axis: on a 360 px phone Chart.js gives the labels of a
    horizontal chart at most half the width and clips the rest."""
    teks = " ".join(teks.split())
    return teks if len(teks) <= n else teks[: n - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------------------------
# Atasan
# ---------------------------------------------------------------------------------------------------------------


def dasbor_tim(bawahan_ids: list[int], hari_ini: datetime.date) -> dict:
    """The team (the atasan's direct bawahan of today) in the newest computed month: each bawahan's participation
    and timeliness, and the team's sums. Two queries. The rows are read by pegawai id, not through
    :func:`rekap_pegawai_visible_to`: a direct bawahan's rows are inside it by its own rule, and asking it again
    would re-derive the whole chain of bawahan for nothing."""
    periode = periode_terakhir(hari_ini)
    if periode is None:
        return {"periode": None}
    rows = list(
        RekapPegawai.objects.filter(periode=periode, pegawai_id__in=bawahan_ids)
        .select_related("pegawai")
        .order_by("pegawai__nama", "pegawai_id")
    )
    for row in rows:
        row.angka = Angka.dari([row])
        row.tautan = tautan("rekap:pegawai_list", periode=periode.pk, q=row.pegawai.nip)
    tim = Angka.dari(rows)
    return {
        "periode": periode,
        "label": label_bulan(periode),
        "rows": rows,
        "tim": tim,
        "grafik_tim": {
            "labels": [_pendek(r.pegawai.nama) for r in rows],
            "datasets": [
                {"label": _("Hari dengan laporan"), "data": [r.angka.partisipasi for r in rows]},
                {"label": _("Dicatat tepat waktu"), "data": [r.angka.entri_tepat for r in rows]},
            ],
            "persen": True,
            "tautan": [r.tautan for r in rows],
        },
    }


# ---------------------------------------------------------------------------------------------------------------
# Kepala OPD, admin OPD, admin BKPSDM, pimpinan
# ---------------------------------------------------------------------------------------------------------------


def _hitungan(pasangan: list[tuple[str, int]], url: str) -> dict:
    """A count chart (``grafik``) and its table rows (``baris``: name, count, link), from (name, count) pairs."""
    return {
        "grafik": {
            "labels": [nama for nama, _n in pasangan],
            "data": [n for _nama, n in pasangan],
            "tautan": [url] * len(pasangan),
        },
        "baris": [(nama, n, url) for nama, n in pasangan],
    }


def dasbor_opd(user, lingkup: set[int] | None, hari_ini: datetime.date) -> dict:
    """The OPDs in ``lingkup`` (``None``: the whole city) in the newest computed month — per OPD, or per unit kerja
    when only one OPD is in view — with the trend of the last months, the predikat, discipline and problem counts,
    and the link behind every bar. Three queries whatever the number of OPDs or units."""
    periode = periode_terakhir(hari_ini)
    if periode is None:
        return {"periode": None}
    per_unit = lingkup is not None and len(lingkup) == 1
    semua = rekap_unit_visible_to(user)
    qs = semua.filter(periode=periode)
    if lingkup is not None:
        qs = qs.filter(perangkat_daerah_id__in=lingkup)
    if per_unit:
        rows = list(qs.filter(tingkat=TingkatRekap.UNIT).select_related("unit_kerja").order_by("unit_kerja__nama"))
        for row in rows:
            row.nama = row.unit_kerja.nama
            row.nama_pendek = _pendek(row.nama)
            row.tautan = tautan("rekap:pegawai_list", periode=periode.pk, unit=row.unit_kerja_id)
    else:
        rows = list(
            qs.filter(tingkat=TingkatRekap.OPD).select_related("perangkat_daerah").order_by("perangkat_daerah__nama")
        )
        for row in rows:
            row.nama = row.perangkat_daerah.nama
            # The chart names an OPD by its abbreviation when it has one (Disdik, Bappelitbang); the table in full.
            row.nama_pendek = row.perangkat_daerah.singkatan or _pendek(row.nama)
            row.tautan = tautan("rekap:unit_list", periode=periode.pk, opd=row.perangkat_daerah_id)
    for row in rows:
        row.angka = Angka.dari([row])
    opd = next(iter(lingkup)) if per_unit else None
    total = Angka.dari(rows)

    tren_qs = semua.filter(
        tingkat=TingkatRekap.OPD,
        periode__jenis=JenisPeriodeRekap.BULAN,
        periode__mulai__gte=_awal_tren(periode),
        periode__mulai__lte=periode.mulai,
    )
    if lingkup is not None:
        tren_qs = tren_qs.filter(perangkat_daerah_id__in=lingkup)
    tren = list(
        tren_qs.values("periode_id", mulai=F("periode__mulai"))
        .annotate(
            **{
                nama: Sum(nama)
                for nama in (
                    "hari_kerja",
                    "hari_lapor",
                    "aktivitas_disetujui_n",
                    "aktivitas_ditolak_n",
                    "aktivitas_menunggu_n",
                    "diverifikasi_tepat_n",
                    "pegawai_n",
                    "skp_disetujui_n",
                )
            }
        )
        .order_by("mulai")
    )
    for t in tren:
        t["angka"] = Angka.dari([t])
        t["label"] = date_format(t["mulai"], "M Y")
        t["tautan"] = tautan("rekap:unit_list", periode=t["periode_id"], opd=opd)
    tabel_pegawai = tautan("rekap:pegawai_list", periode=periode.pk, opd=opd)
    return {
        "periode": periode,
        "label": label_bulan(periode),
        "per_unit": per_unit,
        "rows": rows,
        "total": total,
        "tren": tren,
        "tabel_unit": tautan("rekap:unit_list", periode=periode.pk, opd=opd),
        "tabel_pegawai": tabel_pegawai,
        "grafik_per": {
            "labels": [r.nama_pendek for r in rows],
            "datasets": [
                {"label": _("Partisipasi"), "data": [r.angka.partisipasi for r in rows]},
                {"label": _("Verifikasi tepat waktu"), "data": [r.angka.verifikasi_tepat for r in rows]},
                {"label": _("SKP disetujui"), "data": [r.angka.skp_disetujui for r in rows]},
            ],
            "persen": True,
            "tautan": [r.tautan for r in rows],
        },
        "grafik_tren": {
            "labels": [t["label"] for t in tren],
            "datasets": [
                {"label": _("Partisipasi"), "data": [t["angka"].partisipasi for t in tren]},
                {"label": _("Verifikasi tepat waktu"), "data": [t["angka"].verifikasi_tepat for t in tren]},
                {"label": _("SKP disetujui"), "data": [t["angka"].skp_disetujui for t in tren]},
            ],
            "persen": True,
            "tautan": [t["tautan"] for t in tren],
        },
        "predikat": _hitungan([(str(p.label), n) for p, n in total.predikat], tabel_pegawai),
        "disiplin": _hitungan(total.disiplin, tabel_pegawai),
        "masalah": _hitungan(total.masalah, tabel_pegawai),
    }
