"""Demo discipline data (``manage.py seed_demo``, after the evaluations): the attendance of every active pegawai on
every working day of the seeded days (:mod:`demo.disiplin.kehadiran`), described by one attendance import of the
demo admin BKPSDM, with a handful of pegawai just below a threshold of PP 94/2021; the hukuman disiplin and the
Satyalancana Karya Satya already awarded (:mod:`demo.disiplin.catatan`); then the reporting-discipline facts of the
seeded months, computed by the app's own job (:func:`disiplin.services.fakta.hitung_fakta`), so the pages show
what the nightly run would.

The seeded days are those of the activities (``--bulan M``: from the same day M months back to yesterday); with
``--bulan 0`` the current month up to yesterday (on the first of a month, the whole month before).

The attendance goes in with COPY in chunks (20,000 pegawai × 22 days is 440,000 rows), the awards with COPY, the
few hukuman with ``bulk_create``; in the caller's transaction and audit context, after ``SET CONSTRAINTS ALL
IMMEDIATE``. Deterministic: the same database, ``seed`` and day give the same rows."""

from __future__ import annotations

import datetime
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from disiplin.choices import Keterangan, StatusHukuman, TingkatHukuman, TingkatSatyalancana
from disiplin.models import (
    BulanDisiplin,
    FaktaDisiplin,
    HukumanDisiplin,
    ImporPresensi,
    Kehadiran,
    PenghargaanSatyalancana,
)
from disiplin.rules import tambah_bulan, tanggal_layak
from disiplin.services.fakta import hitung_fakta
from kinerja import waktu
from kinerja.models import PengaturanKinerja
from kinerja.rules import Kalender
from kinerja.selectors.kalender import hari_kerja_per_minggu, libur_antara
from pegawai.choices import JenisPeran, StatusPegawai
from pegawai.models import Pegawai, Peran, PerangkatDaerah, User

from ..aktivitas.libur import isi_libur
from ..aktivitas.rencana import rentang_demo
from ..bulk import check_constraints_at_commit, check_constraints_now, copy_into, copy_lines, copy_text, with_defaults
from .catatan import TERHALANG, PnsDemo, rencana_hukuman, rencana_satyalancana
from .kehadiran import PegawaiDemo, Perencana

#: Rows per COPY statement.
CHUNK = 100_000
#: The columns :meth:`demo.disiplin.kehadiran.Perencana.baris` writes, in order; every other column gets its model
#: default.
KOLOM = [
    "pegawai",
    "tanggal",
    "jam_masuk",
    "jam_pulang",
    "keterangan",
    "sumber",
    "impor",
    "dicatat_oleh",
    "dicatat_pada",
]
#: Every table of the discipline app, the ones pointing at others first (the order a reset empties them in).
TABEL = (FaktaDisiplin, BulanDisiplin, Kehadiran, ImporPresensi, HukumanDisiplin, PenghargaanSatyalancana)


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclass
class HasilDemoDisiplin:
    awal: datetime.date
    akhir: datetime.date
    pegawai: int = 0
    kehadiran: Counter = field(default_factory=Counter)
    dicatat_admin: int = 0
    dekat_ambang: int = 0
    hukuman: Counter = field(default_factory=Counter)
    dibatalkan: int = 0
    satyalancana: Counter = field(default_factory=Counter)
    sekitar_tanda: int = 0
    fakta: int = 0
    detik: float = 0.0

    def ringkas(self) -> str:
        kehadiran = ", ".join(f"{_angka(self.kehadiran[k])} {k.label.lower()}" for k in Keterangan if self.kehadiran[k])
        hukuman = ", ".join(f"{self.hukuman[t]} {t.label.lower()}" for t in TingkatHukuman if self.hukuman[t])
        satya = ", ".join(f"{_angka(self.satyalancana[t])} {t.value}" for t in TingkatSatyalancana)
        return (
            f"Disiplin {self.awal:%d-%m-%Y} s.d. {self.akhir:%d-%m-%Y}: {_angka(sum(self.kehadiran.values()))} "
            f"kehadiran ({kehadiran or 'belum ada'}; {_angka(self.dicatat_admin)} dicatat admin OPD) dari "
            f"{_angka(self.pegawai)} pegawai, {_angka(self.dekat_ambang)} pegawai dekat ambang hukuman; "
            f"{sum(self.hukuman.values())} hukuman disiplin ({hukuman or 'belum ada'}; {self.dibatalkan} dibatalkan); "
            f"Satyalancana tercatat {satya}; {_angka(self.sekitar_tanda)} pegawai mencapai masa kerja 10/20/30 "
            f"tahun dalam setahun terakhir atau berikutnya; {_angka(self.fakta)} fakta disiplin pelaporan"
        )


def rentang_disiplin(bulan: int, hari_ini: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The seeded days: those of the activities for ``bulan`` ≥ 1, else the current month up to yesterday."""
    if bulan:
        return rentang_demo(bulan, hari_ini)
    kemarin = hari_ini - datetime.timedelta(days=1)
    return kemarin.replace(day=1), kemarin


def bulan_antara(awal: datetime.date, akhir: datetime.date) -> list[tuple[int, int]]:
    """The (tahun, bulan) pairs from ``awal``'s month to ``akhir``'s, both included."""
    hasil, indeks = [], awal.year * 12 + awal.month - 1
    while indeks <= akhir.year * 12 + akhir.month - 1:
        hasil.append((indeks // 12, indeks % 12 + 1))
        indeks += 1
    return hasil


def _waktu(hari: datetime.date, jam: int, menit: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(hari, datetime.time(jam, menit)))


def _tulis_kehadiran(perencana: Perencana, impor: int, diimpor_pada: datetime.datetime, admin_opd) -> None:
    kolom, baris = with_defaults(Kehadiran, KOLOM, [()])
    sisa = "".join(f"\t{copy_text(v)}" for v in next(baris))
    tabel = Kehadiran._meta.db_table
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg2's own cursor: copy_expert
        potongan: list[str] = []
        for line in perencana.baris(impor=impor, diimpor_pada=copy_text(diimpor_pada), admin_opd=admin_opd):
            potongan.append(line[:-1] + sisa + "\n" if sisa else line)
            if len(potongan) >= CHUNK:
                copy_lines(raw, tabel, kolom, potongan)
                potongan = []
        if potongan:
            copy_lines(raw, tabel, kolom, potongan)
        cursor.execute(f"ANALYZE {connection.ops.quote_name(tabel)}")


def seed_disiplin(
    *, tahun: int, seed: int = 1, hari_ini: datetime.date | None = None, bulan: int = 0
) -> HasilDemoDisiplin:
    """Plan and insert the demo discipline data as of ``hari_ini`` (see the module docstring); the near-threshold
    pegawai are counted in ``tahun`` when the seeded days reach it, else in the last year they cover. Call inside
    the seed's transaction and audit context; needs no attendance on the seeded days yet."""
    mulai = time.perf_counter()
    hari_ini = hari_ini or waktu.hari_ini()
    awal, akhir = rentang_disiplin(bulan, hari_ini)
    hasil = HasilDemoDisiplin(awal=awal, akhir=akhir)
    # Also the first write of this step through Django's cursor, which attaches the pghistory context the COPY
    # below relies on; rows go in parents first, so foreign keys can be checked per statement.
    check_constraints_now()
    isi_libur(awal, akhir)
    libur = frozenset(libur_antara(awal, akhir))
    semua = [awal + datetime.timedelta(days=i) for i in range((akhir - awal).days + 1)]
    hari_kerja = {w: [d for d in semua if Kalender(w, libur).hari_kerja(d)] for w in (5, 6)}
    rows = list(
        Pegawai.objects.filter(aktif=True)
        .order_by("pk")
        .values_list("pk", "tmt_cpns", "status", "jabatan__unit_kerja_id", "jabatan__unit_kerja__perangkat_daerah_id")
    )
    minggu = hari_kerja_per_minggu({r[3] for r in rows}, PengaturanKinerja.get_solo())
    admin = (
        User.objects.filter(peran__jenis=JenisPeran.ADMIN_BKPSDM).order_by("pk").values_list("pk", flat=True).first()
    )
    admin_opd = (
        Peran.objects.filter(jenis=JenisPeran.ADMIN_OPD, perangkat_daerah__isnull=False)
        .order_by("pk")
        .values_list("perangkat_daerah_id", "user_id")
        .first()
    )
    perencana = Perencana(
        pegawai=[PegawaiDemo(pk, tmt, minggu[unit], opd) for pk, tmt, _s, unit, opd in rows],
        hari_kerja=hari_kerja,
        tahun_ambang=tahun if any(d.year == tahun for d in semua) else akhir.year,
        seed=seed,
        hari_ini=hari_ini,
        jam_masuk=settings.DISIPLIN_JAM_MASUK,
        jam_pulang=settings.DISIPLIN_JAM_PULANG,
    )
    rencana = perencana.rencanakan()
    if rencana:
        hasil.dicatat_admin = perencana.jumlah_admin(admin_opd)
        jumlah = sum(len(r.hari) for r in rencana) - hasil.dicatat_admin
        # This morning's import of the machines' export up to yesterday.
        diimpor_pada = _waktu(hari_ini, 7, 15)
        impor = ImporPresensi.objects.create(
            nama_berkas=f"presensi_{awal:%Y%m%d}_{akhir:%Y%m%d}.xlsx",
            jumlah_baris=jumlah,
            jumlah_berubah=jumlah,
            tanggal_awal=awal,
            tanggal_akhir=akhir,
            diimpor_oleh_id=admin,
            diimpor_pada=diimpor_pada,
        )
        _tulis_kehadiran(perencana, impor.pk, diimpor_pada, admin_opd)
    hasil.pegawai = len(rencana)
    hasil.kehadiran = Counter({Keterangan(k): n for k, n in perencana.keterangan.items()})
    hasil.dekat_ambang = sum(perencana.kasus.values())

    rng = random.Random(f"disiplin-catatan-{seed}-{hari_ini.isoformat()}")
    pns = [PnsDemo(pk, tmt) for pk, tmt, status, _u, _o in rows if status == StatusPegawai.PNS]
    hukuman = HukumanDisiplin.objects.bulk_create(rencana_hukuman(pns, hari_ini, admin, rng))
    terhalang = {h.pegawai_id for h in hukuman if h.status == StatusHukuman.BERLAKU and h.tingkat in TERHALANG}
    penghargaan = rencana_satyalancana(pns, hari_ini, terhalang, admin, rng)
    copy_into(
        PenghargaanSatyalancana,
        ["pegawai", "tingkat", "nomor_keppres", "tanggal_keppres", "dicatat_oleh", "dicatat_pada"],
        penghargaan,
    )
    # The facts too while foreign keys are checked per statement: thousands of deferred checks would slow every
    # later statement of the transaction (and a TRUNCATE in it is refused while they are pending).
    hasil.fakta = _hitung_fakta(awal, akhir, hari_ini)
    check_constraints_at_commit()
    hasil.hukuman = Counter(TingkatHukuman(h.tingkat) for h in hukuman)
    hasil.dibatalkan = sum(1 for h in hukuman if h.status == StatusHukuman.DIBATALKAN)
    hasil.satyalancana = Counter(TingkatSatyalancana(b[1]) for b in penghargaan)
    setahun_lalu, setahun_lagi = tambah_bulan(hari_ini, -12), tambah_bulan(hari_ini, 12)
    hasil.sekitar_tanda = sum(
        1 for p in pns if any(setahun_lalu < tanggal_layak(p.tmt_cpns, t) <= setahun_lagi for t in TingkatSatyalancana)
    )
    hasil.detik = time.perf_counter() - mulai
    return hasil


def _hitung_fakta(awal: datetime.date, akhir: datetime.date, hari_ini: datetime.date) -> int:
    """The reporting-discipline facts of every OPD for each seeded month, as the nightly job computes them."""
    opd_ids = list(PerangkatDaerah.objects.order_by("pk").values_list("pk", flat=True))
    return sum(
        hitung_fakta(tahun=tahun, bulan=bulan, opd_id=opd_id, hari_ini=hari_ini)
        for tahun, bulan in bulan_antara(awal, akhir)
        for opd_id in opd_ids
    )


def hapus_disiplin() -> int:
    """Remove every discipline row before ``seed_demo --reset`` deletes the organisation (hukuman and awards
    PROTECT the pegawai, facts PROTECT the OPD; the month states would not match the new seed's data): TRUNCATE,
    as for the activities. Uploaded SK files are removed from storage after commit; no audit events are written for
    a demo reset. Returns the number of attendance rows removed."""
    berkas = list(HukumanDisiplin.objects.exclude(berkas="").values_list("berkas", flat=True))
    jumlah = Kehadiran.objects.count()
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(qn(m._meta.db_table) for m in TABEL)} CASCADE")
    if berkas:
        storage = HukumanDisiplin._meta.get_field("berkas").storage
        transaction.on_commit(lambda: [storage.delete(nama) for nama in berkas])
    return jumlah
