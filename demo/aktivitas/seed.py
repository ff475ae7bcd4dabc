"""Demo daily activities (``manage.py seed_demo --bulan M``): the last M months of laporan aktivitas harian for every
active pegawai with an approved SKP, so the calendar, the atasan's queue, realisasi, recaps and reminders have
something to show.

What a demo day looks like:

- Every working day of the pegawai's unit (5- or 6-day week, minus the national holidays and cuti bersama of
  :class:`~kinerja.models.HariLibur`) from the same day M months ago up to yesterday (today is not over), from the
  first day of the pegawai's approved SKP: 4–6 activities (≈5), back to back in quarter hours between 07.30 and
  16.00 with the 12.00–13.00 break free, never overlapping.
- Each activity is mapped to an RHK of the approved SKP covering its date, with an uraian for the kind of work that
  RHK describes (letters and archives, services, teaching, health care, budget, planning…), a volume and a satuan —
  the RHK's own IKI satuan for finished outputs, so :func:`kinerja.selectors.realisasi.realisasi` adds them up, a
  working unit (berkas, data, jam pelajaran…) for steps on the way. About one in thirty is tugas tambahan or
  lainnya, with the reason.
- Statuses follow the calendar: a month past its verification deadline is almost entirely disetujui (a few
  ditolak with the atasan's catatan, a few days never verified — what escalation is about); older days of an open
  month are part verified, part still diajukan; the last days of the entry window are draft or diajukan.
  Verification is recorded as the pegawai's pejabat penilai on the activity's date
  (:func:`pegawai.supervisi.atasan_pada`); a pegawai without one stays diajukan.

Pegawai without an approved SKP covering a day get no activities that day (an approved SKP is what activities are
mapped to; their empty days are what the aktivitas_kosong reminder is for). Days that already have activities are
skipped, so running it again adds nothing twice. When the holiday table has nothing for a year it fills that year's
national holidays and cuti bersama (SKB 3 Menteri, known years) or the fixed-date ones.

Rows go in with COPY in chunks, in the caller's transaction, after ``SET CONSTRAINTS ALL IMMEDIATE`` (PostgreSQL
slows down badly with millions of deferred foreign-key checks queued). The pghistory insert trigger still fires per
row; the monthly summary's does not — it is rebuilt for the seeded months in one statement after the COPY
(:func:`kinerja.ringkasan.muat_massal`). Deterministic: the same database, ``seed`` and day give the same activities.
"""

from __future__ import annotations

import datetime
import time

from django.db import connection, transaction

from kinerja import ringkasan, waktu
from kinerja.models import Aktivitas, BuktiDukung, PengaturanKinerja, bukti_storage
from kinerja.selectors.kalender import libur_antara
from pegawai.supervisi import atasan_pada

from ..bulk import check_constraints_at_commit, check_constraints_now, copy_lines, copy_text, with_defaults
from .libur import isi_libur
from .rencana import HasilDemoAktivitas, Perencana, muat_skp, rentang_demo

#: Rows per COPY statement (keeps the buffer around 30 MB).
CHUNK = 100_000

#: The columns :meth:`demo.aktivitas.rencana.Perencana.baris` writes, in order; every other column gets its model
#: default.
KOLOM = [
    "pegawai",
    "tanggal",
    "kategori",
    "rhk",
    "alasan_kategori",
    "uraian",
    "volume",
    "satuan",
    "jam_mulai",
    "jam_selesai",
    "menit",
    "lokasi",
    "status",
    "terlambat",
    "catatan_atasan",
    "diverifikasi_oleh",
    "diverifikasi_pada",
    "diajukan_pada",
    "dibuat_pada",
    "diubah_pada",
]


def _kolom_dan_sisa() -> tuple[list[str], str]:
    """The database columns for COPY and the text of the remaining columns' defaults (none today; a field added
    later with a default is filled without a change here)."""
    kolom, baris = with_defaults(Aktivitas, KOLOM, [()])
    return kolom, "".join(f"\t{copy_text(v)}" for v in next(baris))


def seed_aktivitas(*, bulan: int, seed: int = 1, hari_ini: datetime.date | None = None) -> HasilDemoAktivitas:
    """Plan and insert ``bulan`` months of demo activities up to yesterday (see the module docstring). Call inside
    a transaction and an audit context (``seed_demo`` does)."""
    mulai_detik = time.perf_counter()
    hari_ini = hari_ini or waktu.hari_ini()
    awal, akhir = rentang_demo(bulan, hari_ini)
    # Also the first write of this transaction through Django's cursor, which attaches the pghistory context that
    # the COPY below (the raw psycopg2 cursor) relies on.
    check_constraints_now()
    libur_baru = isi_libur(awal, max(akhir, hari_ini) + datetime.timedelta(days=62))
    pengaturan = PengaturanKinerja.get_solo()
    libur = frozenset(libur_antara(awal, hari_ini + datetime.timedelta(days=62)))
    skp = muat_skp(awal, akhir)
    sudah_ada = set(
        Aktivitas.objects.filter(tanggal__range=(awal, akhir), pegawai_id__in={s.pegawai_id for s in skp})
        .values_list("pegawai_id", "tanggal")
        .distinct()
    )
    perencana = Perencana(
        skp=skp,
        awal=awal,
        akhir=akhir,
        hari_ini=hari_ini,
        seed=seed,
        libur=libur,
        sudah_ada=sudah_ada,
        pengaturan=pengaturan,
    )
    hari = perencana.hari_rencana()
    atasan = atasan_pada(sorted({(s.pegawai_id, perencana.wakil(d)) for s, d in hari}))
    kolom, sisa = _kolom_dan_sisa()
    tabel = Aktivitas._meta.db_table
    with connection.cursor() as cursor, ringkasan.muat_massal(awal, akhir):
        raw = cursor.cursor  # psycopg2's own cursor: copy_expert
        potongan: list[str] = []
        for baris in perencana.baris(hari, atasan):
            potongan.append(baris[:-1] + sisa + "\n" if sisa else baris)
            if len(potongan) >= CHUNK:
                copy_lines(raw, tabel, kolom, potongan)
                potongan = []
        if potongan:
            copy_lines(raw, tabel, kolom, potongan)
    with connection.cursor() as cursor:
        # Fresh statistics for the planner: the reminders' and recaps' queries right after a seed would otherwise
        # be planned for an empty table.
        for t in (tabel, ringkasan.TABEL):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(t)}")
    check_constraints_at_commit()
    hasil = perencana.hasil
    hasil.libur_baru = libur_baru
    hasil.detik = time.perf_counter() - mulai_detik
    return hasil


def hapus_aktivitas() -> int:
    """Remove every activity and its evidence before ``seed_demo --reset`` deletes the organisation: TRUNCATE,
    because deleting millions of rows through Django's collector (which ``delete_organisation`` would do to get
    past the PROTECT of Aktivitas → Pegawai) loads every one of them. The files of uploaded evidence are removed
    from storage; no audit events are written for a demo reset. Returns the number of activities removed."""
    berkas = list(BuktiDukung.objects.exclude(berkas="").values_list("berkas", flat=True))
    jumlah = Aktivitas.objects.count()
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        # CASCADE: rows of other apps that point at an activity go with it (the whole organisation is being reset).
        cursor.execute(f"TRUNCATE {qn(BuktiDukung._meta.db_table)}, {qn(Aktivitas._meta.db_table)} CASCADE")
    if berkas:
        storage = bukti_storage()
        transaction.on_commit(lambda: [storage.delete(nama) for nama in berkas])
    return jumlah
