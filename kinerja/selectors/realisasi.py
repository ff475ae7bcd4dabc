"""Realisasi: a pegawai's approved activities rolled up per RHK and IKI over a month, triwulan, semester or
year — what penilaian suggests as realisasi and what the recaps show.

Only a kuantitas IKI is a sum of activity volumes; every other IKI takes the realisasi the pegawai stated with
evidence (:class:`~kinerja.models.RealisasiDinyatakan`), with the RHK's activities beside it as support. The rule
is :func:`kinerja.rules.cara_realisasi`; :func:`alasan_tidak_dapat_dinyatakan` is the one answer to "may this
month still be stated", which the service enforces and the progress page shows before its form.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Lower, Trim
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pegawai.models import Pegawai
from skp.choices import JenisRhk, SkpStatus
from skp.models import IndikatorKinerjaIndividu, RencanaHasilKerja, Skp
from skp.selectors.rhk import rhk_penerus

from .. import rules
from ..choices import KategoriAktivitas, PeriodeRealisasi, StatusAktivitas
from ..models import Aktivitas, RealisasiDinyatakan
from .penguncian import InfoKunci


def _satuan_key(satuan: str) -> str:
    # The same normalisation as the database's lower(trim(satuan)) in realisasi().
    return (satuan or "").strip().lower()


@dataclass
class RealisasiIki:
    """The realisasi of one IKI over the period, by :func:`kinerja.rules.cara_realisasi`:

    - *dijumlah* (a kuantitas IKI): ``volume`` is the volume of the RHK's approved activities whose satuan is the
      IKI's (case-insensitive), ``jumlah_aktivitas`` the number of those activities;
    - *dinyatakan* (kualitas, waktu, biaya, JPT, kualitatif): never a sum, ``volume`` is ``None``;
      ``dinyatakan`` is the pegawai's statement for the latest month of the period that has one (``None``: not
      stated yet), and ``jumlah_aktivitas`` counts all the RHK's approved activities of the period, the support
      shown beside it.

    The pegawai confirms or corrects the value in the evaluation (docs/ATURAN.md)."""

    iki: IndikatorKinerjaIndividu
    cara: rules.CaraRealisasi = rules.CaraRealisasi.DIJUMLAH
    volume: Decimal | None = Decimal(0)
    jumlah_aktivitas: int = 0
    dinyatakan: RealisasiDinyatakan | None = None

    @property
    def dijumlah(self) -> bool:
        return self.cara == rules.CaraRealisasi.DIJUMLAH

    @property
    def nilai(self) -> Decimal | None:
        """The realisasi: the sum, or the stated value (``None`` while nothing is stated)."""
        if self.dijumlah:
            return self.volume
        return self.dinyatakan.nilai if self.dinyatakan is not None else None

    @property
    def persen_capaian(self) -> Decimal | None:
        """A summed realisasi as a percentage of the (minimum) target, one decimal; ``None`` without a target.
        Not given for a stated value: for waktu and biaya less can be better, so a ratio would mislead."""
        target = self.iki.target_min
        if not self.dijumlah or not target or self.volume is None:
            return None
        return (self.volume * 100 / target).quantize(Decimal("0.1"))


@dataclass
class RealisasiRhk:
    """Approved activities of one RHK (or of the tugas tambahan / lainnya categories, ``rhk`` ``None``)."""

    kategori: str
    rhk: RencanaHasilKerja | None = None
    menit: int = 0
    jumlah_aktivitas: int = 0
    volume_per_satuan: dict[str, Decimal] = field(default_factory=dict)
    jumlah_per_satuan: dict[str, int] = field(default_factory=dict)
    iki: list[RealisasiIki] = field(default_factory=list)
    #: Earlier versions of this RHK (before a perubahan SKP) whose activities are counted here.
    rhk_sebelumnya: list[RencanaHasilKerja] = field(default_factory=list)


@dataclass
class Realisasi:
    pegawai: Pegawai
    tahun: int
    periode: str
    nomor: int | None
    awal: datetime.date
    akhir: datetime.date
    baris: list[RealisasiRhk]

    @property
    def menit(self) -> int:
        return sum(b.menit for b in self.baris)

    @property
    def jumlah_aktivitas(self) -> int:
        return sum(b.jumlah_aktivitas for b in self.baris)

    def untuk_rhk(self, rhk: RencanaHasilKerja | int) -> RealisasiRhk | None:
        rhk_id = getattr(rhk, "pk", rhk)
        return next((b for b in self.baris if b.rhk is not None and b.rhk.pk == rhk_id), None)

    def untuk_kategori(self, kategori: str) -> RealisasiRhk | None:
        return next((b for b in self.baris if b.rhk is None and b.kategori == kategori), None)


_URUTAN_JENIS_RHK = {JenisRhk.UTAMA: 0, JenisRhk.TAMBAHAN: 1}


def realisasi(
    pegawai: Pegawai, tahun: int, periode: str = PeriodeRealisasi.TAHUNAN, nomor: int | None = None
) -> Realisasi:
    """Approved activities of ``pegawai`` rolled up per RHK (minutes, count, volume per satuan) and per IKI for a
    month (``nomor`` 1–12), triwulan (1–4), semester (1–2) or the year — what penilaian suggests as realisasi and
    what the recaps show.

    Rows: every RHK of the approved, current SKP(s) whose period overlaps the window (zero when nothing was
    done), in SKP order; activities entered against an RHK of an older version are counted on its counterpart in
    the current version (or on their own row when the perubahan removed that RHK); then one row each for tugas
    tambahan and lainnya. The activities are aggregated in one grouped query; the RHK and IKI take two more, and the
    stated realisasi one more when any IKI is stated (:func:`_lengkapi_dinyatakan`) — four at most, whatever the
    number of RHK and IKI."""
    awal, akhir = rules.rentang_periode(tahun, periode, nomor)
    agregat = list(
        Aktivitas.objects.filter(pegawai=pegawai, status=StatusAktivitas.DISETUJUI, tanggal__range=(awal, akhir))
        .values("kategori", "rhk_id", satuan_key=Lower(Trim("satuan")))
        .annotate(volume=Sum("volume"), menit=Sum("menit"), jumlah=Count("pk"))
        .order_by()
    )
    dirujuk = {r["rhk_id"] for r in agregat if r["rhk_id"]}
    semua_rhk = list(
        RencanaHasilKerja.objects.filter(
            Q(skp__pegawai=pegawai, skp__tahun=tahun, skp__status=SkpStatus.DISETUJUI) | Q(pk__in=dirujuk)
        )
        .select_related("skp")
        .prefetch_related("iki")
    )
    penerus = rhk_penerus(semua_rhk)
    berlaku = sorted(
        (
            r
            for r in semua_rhk
            if r.skp.digantikan_pada is None
            and r.skp.status == SkpStatus.DISETUJUI
            and r.skp.tanggal_mulai <= akhir
            and r.skp.tanggal_selesai >= awal
        ),
        key=lambda r: (r.skp.tanggal_mulai, r.skp_id, _URUTAN_JENIS_RHK.get(r.jenis, 9), r.urutan, r.pk),
    )
    baris: dict[object, RealisasiRhk] = {r.pk: RealisasiRhk(kategori=KategoriAktivitas.RHK, rhk=r) for r in berlaku}
    by_pk = {r.pk: r for r in semua_rhk}
    lain = {k: RealisasiRhk(kategori=k) for k in (KategoriAktivitas.TUGAS_TAMBAHAN, KategoriAktivitas.LAINNYA)}
    for r in agregat:
        if r["rhk_id"] is None:
            tujuan = lain.setdefault(r["kategori"], RealisasiRhk(kategori=r["kategori"]))
        else:
            rhk = penerus.get(r["rhk_id"]) or by_pk[r["rhk_id"]]
            tujuan = baris.get(rhk.pk)
            if tujuan is None:
                tujuan = baris[rhk.pk] = RealisasiRhk(kategori=KategoriAktivitas.RHK, rhk=rhk)
            asli = by_pk[r["rhk_id"]]
            if asli.pk != rhk.pk and asli not in tujuan.rhk_sebelumnya:
                tujuan.rhk_sebelumnya.append(asli)
        tujuan.menit += r["menit"]
        tujuan.jumlah_aktivitas += r["jumlah"]
        satuan = r["satuan_key"]
        tujuan.volume_per_satuan[satuan] = tujuan.volume_per_satuan.get(satuan, Decimal(0)) + r["volume"]
        tujuan.jumlah_per_satuan[satuan] = tujuan.jumlah_per_satuan.get(satuan, 0) + r["jumlah"]
    for b in baris.values():
        for iki in b.rhk.iki.all():
            cara = rules.cara_realisasi(iki.aspek, iki.satuan)
            if cara == rules.CaraRealisasi.DIJUMLAH:
                satuan = _satuan_key(iki.satuan)
                item = RealisasiIki(
                    iki=iki,
                    cara=cara,
                    volume=b.volume_per_satuan.get(satuan, Decimal(0)),
                    jumlah_aktivitas=b.jumlah_per_satuan.get(satuan, 0),
                )
            else:
                item = RealisasiIki(iki=iki, cara=cara, volume=None, jumlah_aktivitas=b.jumlah_aktivitas)
            b.iki.append(item)
    _lengkapi_dinyatakan(list(baris.values()), semua_rhk, penerus, tahun, awal, akhir)
    return Realisasi(
        pegawai=pegawai,
        tahun=tahun,
        periode=periode,
        nomor=nomor,
        awal=awal,
        akhir=akhir,
        baris=[*baris.values(), *lain.values()],
    )


def _kunci_iki(iki: IndikatorKinerjaIndividu) -> tuple[str, str, str]:
    return (iki.aspek, _satuan_key(iki.satuan), " ".join(iki.teks.split()))


def _lengkapi_dinyatakan(
    baris: list[RealisasiRhk],
    semua_rhk: list[RencanaHasilKerja],
    penerus: dict[int, RencanaHasilKerja],
    tahun: int,
    awal: datetime.date,
    akhir: datetime.date,
) -> None:
    """Attach to every stated IKI of ``baris`` the statement of the latest month of ``awal``–``akhir`` (one query,
    none when no IKI is stated).

    A statement made before a perubahan SKP stays on the IKI it was made for; it counts on the IKI that carries
    that indicator into the current version — same aspek, satuan and wording, under the RHK that succeeded the old
    one (:func:`skp.selectors.rhk.rhk_penerus`). A changed wording is a new indicator and starts unstated. When a
    month has statements on both versions, the current version's wins."""
    tujuan: dict[int, RealisasiIki] = {
        item.iki.pk: item for b in baris for item in b.iki if item.cara == rules.CaraRealisasi.DINYATAKAN
    }
    if not tujuan:
        return
    per_rhk_kunci = {(item.iki.rhk_id, _kunci_iki(item.iki)): item for item in tujuan.values()}
    asal: dict[int, RealisasiIki] = dict(tujuan)
    for rhk in semua_rhk:
        baru = penerus.get(rhk.pk)
        if baru is None or baru.pk == rhk.pk:
            continue
        for iki in rhk.iki.all():
            item = per_rhk_kunci.get((baru.pk, _kunci_iki(iki)))
            if item is not None:
                asal[iki.pk] = item
    terpilih: dict[int, tuple] = {}
    for r in RealisasiDinyatakan.objects.filter(
        iki_id__in=list(asal), tahun=tahun, bulan__gte=awal.month, bulan__lte=akhir.month
    ).order_by():
        item = asal[r.iki_id]
        urutan = (r.bulan, r.iki_id == item.iki.pk, r.diubah_pada)
        if item.iki.pk not in terpilih or urutan > terpilih[item.iki.pk][0]:
            terpilih[item.iki.pk] = (urutan, r)
    for iki_pk, (_urutan, r) in terpilih.items():
        tujuan[iki_pk].dinyatakan = r


def aktivitas_pendukung(real: Realisasi) -> dict[int, list[Aktivitas]]:
    """The approved activities of the period behind every RHK row of ``real`` that has a stated IKI, keyed by the
    row's RHK (activities entered on an earlier version of the RHK included), by date: the support shown beside a
    stated realisasi. One query; none when no IKI is stated."""
    ke_baris: dict[int, int] = {}
    for b in real.baris:
        if b.rhk is None or all(item.dijumlah for item in b.iki):
            continue
        ke_baris[b.rhk.pk] = b.rhk.pk
        for lama in b.rhk_sebelumnya:
            ke_baris[lama.pk] = b.rhk.pk
    hasil: dict[int, list[Aktivitas]] = {pk: [] for pk in set(ke_baris.values())}
    if not ke_baris:
        return hasil
    for a in Aktivitas.objects.filter(
        pegawai=real.pegawai,
        status=StatusAktivitas.DISETUJUI,
        tanggal__range=(real.awal, real.akhir),
        rhk_id__in=list(ke_baris),
    ).order_by("tanggal", "jam_mulai", "pk"):
        hasil[ke_baris[a.rhk_id]].append(a)
    return hasil


def alasan_tidak_dapat_dinyatakan(
    skp: Skp, tahun: int, bulan: int, hari_ini: datetime.date, kunci: Callable[[], InfoKunci]
) -> str | None:
    """Why the realisasi of an IKI of ``skp`` for ``tahun``-``bulan`` cannot be stated today, ``None`` when it can:
    the SKP must be approved and in force (not replaced by a perubahan), the month must lie in the SKP's period
    and have begun, and the owner's month must not be locked — ``kunci`` returns that month's lock
    (:func:`kinerja.selectors.penguncian.status_kunci`); it is asked only once the month is known to be valid.

    The month lock applies as it does to the activities: the atasan reads the month's figures until the
    verification deadline, after which they are what the evaluation reads; an admin reopening the month reopens
    this too. The service asks this on the SKP row it locked, the progress page before it shows the form."""
    if skp.status != SkpStatus.DISETUJUI:
        return _("Realisasi hanya dinyatakan untuk SKP yang sudah disetujui.")
    if skp.digantikan_pada is not None:
        return _("SKP ini sudah digantikan versi yang lebih baru; nyatakan realisasi pada versi yang berlaku.")
    if not 1 <= bulan <= 12 or tahun != skp.tahun:
        return _("Bulan ini di luar periode SKP.")
    awal, akhir = rules.rentang_bulan(tahun, bulan)
    if akhir < skp.tanggal_mulai or awal > skp.tanggal_selesai:
        return _("Bulan ini di luar periode SKP.")
    if awal > hari_ini:
        return _("Realisasi bulan %(bulan)s baru dapat dinyatakan setelah bulan itu dimulai.") % {
            "bulan": date_format(awal, "F Y")
        }
    info = kunci()
    if info.terkunci:
        return _(
            "Realisasi bulan %(bulan)s sudah terkunci sejak batas verifikasi %(batas)s. Hubungi admin OPD untuk "
            "membuka kembali bulan ini."
        ) % {"bulan": date_format(awal, "F Y"), "batas": date_format(info.batas_verifikasi, "j F Y")}
    return None
