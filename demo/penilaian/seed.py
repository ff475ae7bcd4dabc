"""Demo evaluations (``manage.py seed_demo``, after the SKP and the activities): the evaluation periods of the demo
year, the capaian kinerja organisasi, evaluations of every approved SKP for every ended period with a realistic
spread of ratings, a few curve deviations (one accepted by admin BKPSDM with a reason), dialog threads and tagged
problems, so every page of the evaluation has something to show (:mod:`demo.penilaian.rencana` says what and why).

The personas get useful states: the demo atasan (and the Plt) find their bawahan's evaluations of the open ended
period in draft with evidence on every RHK, ready to rate; the demo pegawai has final evaluations in the closed
periods (their DEKP) and a draft in the open one, and a dialog thread in each.

The plan is made in memory from a handful of queries; the large tables go in with COPY (:func:`demo.bulk.copy_into`,
primary keys taken from each table's sequence so children can point at parents before they are written), the small
ones with ``bulk_create``. No notifications and no DEKP are produced: the document is rendered when first asked for.
Deterministic: the same database, ``seed`` and day give the same rows."""

from __future__ import annotations

import datetime
import json
import time
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from penilaian import rules
from penilaian.choices import JenisPesan, StatusEvaluasi, StatusPeriode
from penilaian.models import (
    BuktiEvaluasi,
    CapaianKinerjaOrganisasi,
    Evaluasi,
    EvaluasiRhk,
    PenerimaanKurva,
    PeriodePenilaian,
    PermasalahanKinerja,
    PesanDialog,
    RiwayatEvaluasi,
    UmpanBalikPerilaku,
)

from ..bulk import allocate_ids, check_constraints_at_commit, check_constraints_now, copy_into
from .rencana import Perencana, Rencana

BATCH = 5000

#: Every table of the evaluation, children first (the order a reset empties them in).
TABEL = (
    BuktiEvaluasi,
    UmpanBalikPerilaku,
    RiwayatEvaluasi,
    EvaluasiRhk,
    Evaluasi,
    PenerimaanKurva,
    PesanDialog,
    PermasalahanKinerja,
    CapaianKinerjaOrganisasi,
    PeriodePenilaian,
)


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclass
class HasilDemoPenilaian:
    tahun: int
    periode: Counter = field(default_factory=Counter)
    evaluasi: Counter = field(default_factory=Counter)
    capaian: int = 0
    menyimpang: int = 0
    diterima: int = 0
    pesan: int = 0
    kebijakan: int = 0
    permasalahan: int = 0
    detik: float = 0.0

    def ringkas(self) -> str:
        periode = ", ".join(f"{self.periode[s]} {s.label.lower()}" for s in StatusPeriode if self.periode[s])
        evaluasi = ", ".join(
            f"{_angka(self.evaluasi[s])} {s.label.lower()}" for s in reversed(StatusEvaluasi) if self.evaluasi[s]
        )
        return (
            f"Penilaian {self.tahun}: {sum(self.periode.values())} periode ({periode or 'belum ada'}); "
            f"{_angka(sum(self.evaluasi.values()))} evaluasi ({evaluasi or 'belum ada'}); "
            f"{_angka(self.capaian)} capaian organisasi; {self.menyimpang} tim menyimpang dari kurva "
            f"({self.diterima} diterima); {_angka(self.pesan)} pesan dialog ({self.kebijakan} masukan kebijakan); "
            f"{_angka(self.permasalahan)} permasalahan kinerja"
        )


def _json(nilai) -> str | None:
    return None if nilai is None else json.dumps(nilai, ensure_ascii=False)


def _tulis(rencana: Rencana, tahun: int) -> None:
    periode_ids = [
        p.pk
        for p in PeriodePenilaian.objects.bulk_create(
            PeriodePenilaian(
                tahun=tahun,
                jenis=p.jenis,
                nomor=p.nomor,
                tanggal_mulai=p.mulai,
                tanggal_selesai=p.selesai,
                batas_penilaian=p.batas,
                status=p.status,
                dibuka_pada=timezone.make_aware(datetime.datetime.combine(p.mulai, datetime.time(8, 0))),
                ditutup_pada=(
                    timezone.make_aware(datetime.datetime.combine(p.batas, datetime.time(16, 0))) if p.ditutup else None
                ),
            )
            for p in rencana.periode
        )
    ]
    CapaianKinerjaOrganisasi.objects.bulk_create(
        (
            CapaianKinerjaOrganisasi(
                periode_id=periode_ids[i],
                perangkat_daerah_id=opd,
                unit_kerja_id=unit,
                capaian=capaian,
                catatan=catatan,
                ditetapkan_oleh_id=oleh,
                ditetapkan_pada=pada,
            )
            for i, opd, unit, capaian, catatan, oleh, pada in rencana.capaian
        ),
        batch_size=BATCH,
    )
    evaluasi = rencana.evaluasi
    evaluasi_ids = allocate_ids(Evaluasi, len(evaluasi))
    copy_into(
        Evaluasi,
        [
            "pegawai",
            "skp",
            "periode",
            "tanggal",
            "status",
            "penilai",
            "oleh_kepala_daerah",
            "rating_hasil",
            "rating_perilaku",
            "predikat",
            "catatan_penilai",
            "capaian_organisasi",
            "pola_distribusi",
            "identitas_pegawai",
            "identitas_penilai",
            "identitas_atasan_penilai",
            "dibuat_pada",
            "dinilai_pada",
            "difinalkan_pada",
        ],
        [
            (
                e.skp.pegawai,
                e.skp.pk,
                periode_ids[e.periode],
                e.tanggal,
                e.status,
                e.penilai,
                e.kepala_daerah,
                *((e.nilai.hasil, e.nilai.perilaku, e.nilai.predikat) if e.dinilai_penilai else (None, None, None)),
                e.catatan,
                e.capaian,
                _json(rules.pola_kurva(e.capaian) if e.capaian is not None else []),
                *(_json(x) for x in e.identitas),
                e.dibuat,
                e.dinilai,
                e.difinalkan,
            )
            for e in evaluasi
        ],
        evaluasi_ids,
    )
    rhk = [(pk, baris) for pk, e in zip(evaluasi_ids, evaluasi, strict=True) for baris in e.rhk]
    rhk_ids = copy_into(
        EvaluasiRhk,
        ["evaluasi", "rhk", "urutan", "realisasi_saran", "realisasi", "alasan_ubah", "umpan_balik"],
        [(pk, *baris[:6]) for pk, baris in rhk],
    )
    dibuat = {pk: e.dibuat for pk, e in zip(evaluasi_ids, evaluasi, strict=True)}
    copy_into(
        BuktiEvaluasi,
        ["evaluasi_rhk", "url", "judul", "dibuat_pada"],
        [
            (rhk_pk, url, judul, dibuat[evaluasi_pk])
            for rhk_pk, (evaluasi_pk, baris) in zip(rhk_ids, rhk, strict=True)
            for url, judul in baris[6]
        ],
    )
    copy_into(
        UmpanBalikPerilaku,
        ["evaluasi", "perilaku", "teks"],
        [(pk, perilaku, teks) for pk, e in zip(evaluasi_ids, evaluasi, strict=True) for perilaku, teks in e.perilaku],
    )
    copy_into(
        RiwayatEvaluasi,
        ["evaluasi", "aksi", "dari_status", "ke_status", "actor", "actor_nama", "catatan", "waktu"],
        [(pk, *baris) for pk, e in zip(evaluasi_ids, evaluasi, strict=True) for baris in e.riwayat],
    )
    PenerimaanKurva.objects.bulk_create(
        PenerimaanKurva(
            periode_id=periode_ids[i],
            penilai_id=penilai,
            pelanggaran=pelanggaran,
            alasan=alasan,
            diterima_oleh_id=oleh,
            diterima_pada=pada,
        )
        for i, penilai, pelanggaran, alasan, oleh, pada in rencana.penerimaan
    )
    PesanDialog.objects.bulk_create(
        (
            PesanDialog(
                pegawai_id=pegawai,
                periode_id=periode_ids[i],
                pengirim_id=pengirim,
                jenis=jenis,
                teks=teks,
                dikirim_pada=pada,
            )
            for pegawai, i, pengirim, jenis, teks, pada in rencana.pesan
        ),
        batch_size=BATCH,
    )
    PermasalahanKinerja.objects.bulk_create(
        (
            PermasalahanKinerja(
                pegawai_id=pegawai,
                periode_id=periode_ids[i],
                jenis=jenis,
                catatan=catatan,
                dicatat_oleh_id=oleh,
                dicatat_pada=pada,
            )
            for pegawai, i, jenis, catatan, oleh, pada in rencana.permasalahan
        ),
        batch_size=BATCH,
    )


def seed_penilaian(
    *,
    tahun: int,
    seed: int = 1,
    hari_ini: datetime.date | None = None,
    personas: dict[str, int] | None = None,
) -> HasilDemoPenilaian:
    """Plan and insert the demo evaluations of ``tahun`` as of ``hari_ini`` (see the module docstring) over the
    SKP in the database. ``personas`` as for :func:`demo.skp.seed.seed_skp`. Call inside the seed's transaction
    and audit context; needs no evaluation period of ``tahun`` yet."""
    mulai = time.perf_counter()
    hari_ini = hari_ini or timezone.localdate()
    # Also the first write of this step through Django's cursor, which attaches the pghistory context the COPY
    # below relies on; rows go in parents first, so foreign keys can be checked per statement.
    check_constraints_now()
    rencana = Perencana(tahun, seed, hari_ini, personas or {}).rencanakan()
    _tulis(rencana, tahun)
    check_constraints_at_commit()
    return HasilDemoPenilaian(
        tahun=tahun,
        periode=Counter(StatusPeriode(p.status) for p in rencana.periode),
        evaluasi=Counter(StatusEvaluasi(e.status) for e in rencana.evaluasi),
        capaian=len(rencana.capaian),
        menyimpang=rencana.menyimpang,
        diterima=len(rencana.penerimaan),
        pesan=len(rencana.pesan),
        kebijakan=sum(1 for p in rencana.pesan if p[3] == JenisPesan.UMPAN_BALIK_KEBIJAKAN),
        permasalahan=len(rencana.permasalahan),
        detik=time.perf_counter() - mulai,
    )


def hapus_penilaian() -> int:
    """Remove every evaluation row before ``seed_demo --reset`` deletes the organisation (evaluations PROTECT the
    SKP and the pegawai; periods would clash with the new seed's): TRUNCATE, as for the activities, instead of
    Django's deletion collector loading every row. Stored files (DEKP, feedback images, uploaded evidence) are
    removed from storage after commit; no audit events are written for a demo reset. Returns the number of
    evaluations removed."""
    berkas = [
        *Evaluasi.objects.exclude(dokumen="").values_list("dokumen", flat=True),
        *EvaluasiRhk.objects.exclude(gambar="").values_list("gambar", flat=True),
        *BuktiEvaluasi.objects.exclude(berkas="").values_list("berkas", flat=True),
    ]
    jumlah = Evaluasi.objects.count()
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(qn(m._meta.db_table) for m in TABEL)} CASCADE")
    if berkas:
        storage = Evaluasi._meta.get_field("dokumen").storage
        transaction.on_commit(lambda: [storage.delete(nama) for nama in berkas])
    return jumlah
