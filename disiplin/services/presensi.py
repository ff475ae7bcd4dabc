"""Attendance: the machines' file imported by an admin, and the leave and duty days an admin enters by hand
(docs/ATURAN.md, "Disiplin").

- :func:`presensi_impor` checks every row first (:mod:`disiplin.services.presensi_berkas`); one bad row and
  nothing is written, the refusal listing every bad row. A good file is written set-based: COPY into a temporary
  table, then one ``INSERT … ON CONFLICT … DO UPDATE … WHERE`` that touches only new or different days, so the
  same file imported again changes nothing. It runs in the request, not as a background job: 20,000 pegawai ×
  22 days (440,000 rows, 21 MB) take about 14 s on a 2-core machine (``bench/impor_presensi.py``), inside the
  request timeout, and the admin sees the result or every bad row at once instead of polling a job.
- A day an admin entered (a cuti, sakit or dinas luar day, :func:`kehadiran_catat`) wins over the machine: an
  import never overwrites it. Deleting the hand-entered day (:func:`kehadiran_hapus`) lets the next import write
  the machine's record again.

Admin BKPSDM imports and enters for every pegawai; an admin OPD for the pegawai of their OPD only.
"""

from __future__ import annotations

import datetime
import io

from django.db import connection, transaction
from django.utils import timezone

from kinerja import waktu
from pegawai.akses import opd_dikelola, peran_of
from pegawai.models import Pegawai
from portal.akseslog import catat_akses
from portal.audit import as_actor
from portal.choices import JenisAkses

from ..choices import KETERANGAN_SAH, SumberKehadiran
from ..errors import DisiplinError, DisiplinTidakBerwenang
from ..models import ImporPresensi, Kehadiran
from .presensi_berkas import baca_berkas

#: The longest range of days one hand entry may cover (a cuti besar is three months).
HARI_CATAT_MAKS = 92


def _pastikan_admin(actor) -> set[int] | None:
    """The OPDs ``actor`` manages (``None``: all); refused for anyone who is not an admin."""
    if not peran_of(actor).admin:
        raise DisiplinTidakBerwenang("Hanya admin BKPSDM atau admin perangkat daerah yang dapat mengelola presensi.")
    return opd_dikelola(actor)


def _peta_pegawai() -> dict[str, tuple[int, int | None]]:
    """NIP → (pegawai id, current OPD id) of every pegawai (one query; 20,000 rows are a few MB)."""
    return {
        nip: (pk, opd_id)
        for nip, pk, opd_id in Pegawai.objects.values_list("nip", "pk", "jabatan__unit_kerja__perangkat_daerah_id")
    }


_TULIS = """
INSERT INTO disiplin_kehadiran
    (pegawai_id, tanggal, jam_masuk, jam_pulang, keterangan, sumber, impor_id, dicatat_oleh_id, dicatat_pada)
-- Who imported is the import's (ImporPresensi.diimpor_oleh): a NULL here spares a foreign-key check per row.
SELECT pegawai_id, tanggal, jam_masuk, jam_pulang, keterangan, %(impor)s, %(impor_id)s, NULL, %(pada)s
FROM disiplin_presensi_masuk
ON CONFLICT (pegawai_id, tanggal) DO UPDATE SET
    jam_masuk = EXCLUDED.jam_masuk,
    jam_pulang = EXCLUDED.jam_pulang,
    keterangan = EXCLUDED.keterangan,
    impor_id = EXCLUDED.impor_id,
    dicatat_oleh_id = EXCLUDED.dicatat_oleh_id,
    dicatat_pada = EXCLUDED.dicatat_pada
-- A hand-entered day wins over the machine; an unchanged day is not touched (a re-import changes nothing).
WHERE disiplin_kehadiran.sumber = %(impor)s
  AND (disiplin_kehadiran.jam_masuk, disiplin_kehadiran.jam_pulang, disiplin_kehadiran.keterangan)
      IS DISTINCT FROM (EXCLUDED.jam_masuk, EXCLUDED.jam_pulang, EXCLUDED.keterangan)
"""


def presensi_impor(*, actor, berkas: bytes, nama: str, request=None) -> ImporPresensi:
    """Import the attendance file ``berkas`` (its bytes; ``nama`` is the uploaded file's name). Every row is
    checked first; when any is bad nothing is written and :class:`DisiplinError` lists every bad row in
    ``daftar`` ("Baris 7: …"). Otherwise the rows are written in one transaction and the import is recorded
    (:class:`ImporPresensi`: rows in the file, rows new or changed, the date range, who) with an access-log row."""
    opd = _pastikan_admin(actor)
    hasil = baca_berkas(berkas, _peta_pegawai(), opd=opd)
    if hasil.galat:
        jumlah = len(hasil.galat)
        raise DisiplinError(
            f"Berkas tidak diimpor: {jumlah} baris bermasalah. Perbaiki baris berikut lalu unggah lagi.",
            daftar=hasil.galat,
        )
    with transaction.atomic(), as_actor(actor):
        impor = ImporPresensi.objects.create(
            nama_berkas=nama[:255],
            jumlah_baris=len(hasil.baris),
            tanggal_awal=hasil.tanggal_awal,
            tanggal_akhir=hasil.tanggal_akhir,
            diimpor_oleh=actor,
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE disiplin_presensi_masuk (pegawai_id bigint, tanggal date, jam_masuk time, "
                "jam_pulang time, keterangan varchar(20)) ON COMMIT DROP"
            )
            cursor.cursor.copy_expert(
                "COPY disiplin_presensi_masuk (pegawai_id, tanggal, jam_masuk, jam_pulang, keterangan) FROM STDIN",
                io.StringIO("".join(hasil.baris)),
            )
            cursor.execute(
                _TULIS,
                {
                    "impor": SumberKehadiran.IMPOR,
                    "impor_id": impor.pk,
                    "pada": timezone.now(),
                },
            )
            berubah = cursor.rowcount
            # Dropped now, not at COMMIT: inside an outer transaction a second import would find it still there.
            cursor.execute("DROP TABLE disiplin_presensi_masuk")
        impor.jumlah_berubah = berubah
        impor.save(update_fields=["jumlah_berubah"])
        catat_akses(
            user=actor,
            jenis=JenisAkses.IMPOR,
            objek=f"Impor presensi ({nama[:200]})",
            request=request,
            jumlah_baris=len(hasil.baris),
        )
    return impor


# --- hand-entered leave and duty days --------------------------------------------------------------------------


def _pastikan_pegawai_dikelola(actor, pegawai: Pegawai) -> None:
    opd = _pastikan_admin(actor)
    if opd is None:
        return
    opd_pegawai = Pegawai.objects.filter(pk=pegawai.pk).values_list(
        "jabatan__unit_kerja__perangkat_daerah_id", flat=True
    )
    if not opd_pegawai or opd_pegawai[0] not in opd:
        raise DisiplinTidakBerwenang("Pegawai ini bukan pegawai perangkat daerah Anda.")


def _galat(kolom: str, pesan: str) -> DisiplinError:
    return DisiplinError(pesan, errors={kolom: pesan})


def kehadiran_catat(
    *,
    actor,
    pegawai: Pegawai,
    tanggal: datetime.date,
    keterangan: str,
    sampai: datetime.date | None = None,
) -> int:
    """Record ``keterangan`` (cuti, sakit or dinas luar) for ``pegawai`` on every day from ``tanggal`` to
    ``sampai`` (inclusive; the one day when ``None``), over whatever the machine recorded for those days. Weekends
    and holidays in the range are recorded too: they count for nothing either way, and a cuti letter names the
    range as written. Returns the number of days recorded."""
    _pastikan_pegawai_dikelola(actor, pegawai)
    if keterangan not in KETERANGAN_SAH:
        raise _galat("keterangan", "Admin hanya mencatat cuti, sakit, atau dinas luar.")
    sampai = sampai or tanggal
    if sampai < tanggal:
        raise _galat("sampai", "Tanggal akhir sebelum tanggal awal.")
    hari = (sampai - tanggal).days + 1
    if hari > HARI_CATAT_MAKS:
        raise _galat("sampai", f"Satu catatan paling banyak {HARI_CATAT_MAKS} hari; catat sisanya terpisah.")
    # A leave may be entered ahead (an approved cuti); a year ahead is a typing error.
    if sampai > waktu.hari_ini() + datetime.timedelta(days=366):
        raise _galat("sampai", "Tanggal terlalu jauh di masa depan.")
    sekarang = timezone.now()
    with transaction.atomic(), as_actor(actor):
        Kehadiran.objects.bulk_create(
            [
                Kehadiran(
                    pegawai=pegawai,
                    tanggal=tanggal + datetime.timedelta(days=i),
                    keterangan=keterangan,
                    sumber=SumberKehadiran.ADMIN,
                    dicatat_oleh=actor,
                    dicatat_pada=sekarang,
                )
                for i in range(hari)
            ],
            update_conflicts=True,
            unique_fields=["pegawai", "tanggal"],
            update_fields=["keterangan", "jam_masuk", "jam_pulang", "sumber", "impor", "dicatat_oleh", "dicatat_pada"],
        )
    return hari


def kehadiran_hapus(*, actor, kehadiran: Kehadiran) -> None:
    """Delete a hand-entered day (an imported one is corrected by importing the corrected file)."""
    _pastikan_pegawai_dikelola(actor, kehadiran.pegawai)
    if kehadiran.sumber != SumberKehadiran.ADMIN:
        raise DisiplinError("Hanya hari yang dicatat admin yang dapat dihapus; data mesin diperbaiki lewat impor.")
    with transaction.atomic(), as_actor(actor):
        Kehadiran.objects.filter(pk=kehadiran.pk, sumber=SumberKehadiran.ADMIN).delete()
