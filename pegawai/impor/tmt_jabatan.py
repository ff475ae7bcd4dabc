"""The optional ``tmt_jabatan`` column of an import: from when the position on a row is held (docs/ATURAN.md, positions
held over dates). Checked while planning, so every bad row is listed and nothing is written:

* the date lies between 1960 and today (:func:`pegawai.services.mutasi.periksa_tmt`, the rule of the mutasi page);
* a new pegawai holds their position from it, not before their TMT CPNS/PPPK (blank: from the TMT CPNS);
* an existing pegawai whose position changes is moved from it (blank: today), after the TMT of their current
  assignment — the mutasi closes that one the day before (:func:`pegawai.services.mutasi.catat_mutasi`);
* an existing pegawai whose position does not change: the date is ignored. A staff list repeats the TMT of the
  position people already hold, often in another precision (the SK's date or the inauguration's); rewriting the
  start of a held assignment would silently move the SKP periods and verifications already judged on it, so the
  import only records moves;
* a leadership position (JPT, administrator, pengawas) has one definitive holder. A row entering one is refused
  while someone else holds it on or after its date, unless that holder moves away **in the same file** with a
  tmt_jabatan on or before it: the writer then records the holder's mutasi first (:func:`urutan_mutasi`). Two
  leaders exchanging positions in one file are refused, since each mutasi would find the other still in place.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..atasan import JENIS_PENILAI
from ..errors import PegawaiError
from ..models import RiwayatJabatan
from ..services.mutasi import periksa_tmt
from .sel import CellError, parse_tanggal

if TYPE_CHECKING:
    from .rencana import Perencana, RowPlan

SEHARI = datetime.timedelta(days=1)


def baca_tmt_jabatan(value: Any) -> datetime.date:
    """The cell as a date between 1960 and today, else a :class:`CellError`."""
    tmt = parse_tanggal(value)
    try:
        periksa_tmt(tmt, field="tmt_jabatan")
    except PegawaiError as exc:
        raise CellError(exc.message) from None
    return tmt


def _tgl(tanggal: datetime.date) -> str:
    return tanggal.strftime("%d-%m-%Y")


def pindah(row: RowPlan) -> bool:
    """An existing pegawai whose position changes on this row: a mutasi."""
    return row.existing is not None and (row.jabatan.new or row.jabatan.obj.pk != row.existing.jabatan_id)


def mulai(row: RowPlan, hari_ini: datetime.date) -> datetime.date:
    """The day the row's position is held from, as :mod:`pegawai.impor.tulis` writes it."""
    if row.existing is None:
        return row.tmt_jabatan or row.tmt or row.info.tmt
    return row.tmt_jabatan or hari_ini


def periksa_tmt_jabatan(perencana: Perencana) -> None:
    """Pass 2b of the plan: the dates of the rows that open an assignment (new pegawai, and mutasi)."""
    hari_ini = timezone.localdate()
    baru = [row for row in perencana.rows if row.existing is None]
    dipindah = [row for row in perencana.rows if pindah(row)]
    for row in baru:
        tmt_cpns = row.tmt or row.info.tmt
        if row.tmt_jabatan and row.tmt_jabatan < tmt_cpns:
            perencana.error(
                row.number,
                "tmt_jabatan",
                _("TMT jabatan %(tmt)s sebelum TMT CPNS/PPPK (%(cpns)s).")
                % {"tmt": _tgl(row.tmt_jabatan), "cpns": _tgl(tmt_cpns)},
                row.values,
            )
    terakhir = _riwayat_terakhir({row.existing.pk for row in dipindah})
    for row in dipindah:
        lama = terakhir.get(row.existing.pk)
        tanggal = mulai(row, hari_ini)
        if lama is not None and tanggal <= lama.tmt:
            perencana.error(
                row.number,
                "tmt_jabatan",
                _("Jabatannya pindah: TMT jabatan baru (%(tmt)s) harus setelah TMT jabatan sekarang (%(lama)s).")
                % {"tmt": _tgl(tanggal), "lama": _tgl(lama.tmt)},
                row.values,
            )
        if not row.jabatan.new and not row.jabatan.obj.aktif:
            perencana.error(
                row.number,
                "jabatan",
                _("Jabatan “%(jabatan)s” sudah tidak aktif; pegawai tidak dapat dimutasi ke sana.")
                % {"jabatan": row.jabatan.obj.nama},
                row.values,
            )
    _periksa_pemegang(perencana, baru + dipindah, hari_ini)
    _periksa_pertukaran(perencana, dipindah)


def _riwayat_terakhir(pegawai_ids: set[int]) -> dict[int, RiwayatJabatan]:
    """The latest assignment of each pegawai (the one a mutasi closes), one query per 5,000."""
    result: dict[int, RiwayatJabatan] = {}
    ids = sorted(pegawai_ids)
    for start in range(0, len(ids), 5000):
        latest = (
            RiwayatJabatan.objects.filter(pegawai_id__in=ids[start : start + 5000])
            .order_by("pegawai_id", "-tmt")
            .distinct("pegawai_id")
        )
        result.update({r.pegawai_id: r for r in latest})
    return result


def _periksa_pemegang(perencana: Perencana, masuk: list[RowPlan], hari_ini: datetime.date) -> None:
    """A row entering a leadership position while someone else holds it on or after the row's date is refused.

    The holders are the stored assignments of the position as they will be after this file (one moving away in
    the file holds it until the day before their row's date) and the other rows entering it."""
    per_jabatan: dict[int, list[RowPlan]] = {}
    for row in masuk:
        # The jenis as planned: the file may change a position's jenis.
        if row.jabatan.jenis in JENIS_PENILAI:
            per_jabatan.setdefault(id(row.jabatan), []).append(row)
    if not per_jabatan:
        return
    keluar = {row.existing.pk: row for row in perencana.rows if pindah(row)}
    node_pk = {rows[0].jabatan.obj.pk: key for key, rows in per_jabatan.items() if not rows[0].jabatan.new}
    tersimpan: dict[int, list[RiwayatJabatan]] = {}
    if node_pk:
        awal = min(mulai(row, hari_ini) for rows in per_jabatan.values() for row in rows)
        pks = sorted(node_pk)
        for start in range(0, len(pks), 5000):
            # As RiwayatJabatan.pada: an open assignment of a pegawai set inactive holds nothing.
            for r in (
                RiwayatJabatan.objects.filter(jabatan_id__in=pks[start : start + 5000])
                .filter(Q(tanggal_selesai__gte=awal) | Q(tanggal_selesai__isnull=True, pegawai__aktif=True))
                .select_related("pegawai")
            ):
                tersimpan.setdefault(node_pk[r.jabatan_id], []).append(r)

    for key, rows in per_jabatan.items():
        for row in rows:
            tanggal = mulai(row, hari_ini)
            pesan = _bentrok(row, tanggal, rows, tersimpan.get(key, []), keluar, hari_ini)
            if pesan:
                if row.tmt_jabatan is None:
                    pesan += " " + _("Isi kolom tmt_jabatan bila jabatan ini dipegang sejak tanggal lain.")
                perencana.error(row.number, "jabatan", pesan, row.values)


def _bentrok(
    row: RowPlan,
    tanggal: datetime.date,
    rows: list[RowPlan],
    tersimpan: list[RiwayatJabatan],
    keluar: dict[int, RowPlan],
    hari_ini: datetime.date,
) -> str | None:
    """Why ``row`` may not hold its leadership position from ``tanggal``, or None."""
    nama_jabatan = row.jabatan.obj.nama
    for lain in rows:
        if lain is not row:
            # Both assignments stay open, so two rows entering one leadership position always overlap.
            return _(
                "Jabatan pimpinan %(jabatan)s juga ditulis untuk NIP %(nip)s di baris %(baris)s; satu jabatan pimpinan "
                "hanya punya satu pemegang definitif."
            ) % {"jabatan": nama_jabatan, "nip": lain.nip, "baris": lain.number}
    for r in tersimpan:
        if r.pegawai.nip == row.nip:
            continue
        sampai, baris = r.tanggal_selesai, None
        pergi = keluar.get(r.pegawai_id) if sampai is None else None
        if pergi is not None:
            sampai, baris = mulai(pergi, hari_ini) - SEHARI, pergi.number
        if sampai is not None and (sampai < tanggal or sampai < r.tmt):
            continue
        data = {
            "jabatan": nama_jabatan,
            "nama": r.pegawai.nama_lengkap,
            "nip": r.pegawai.nip,
            "tmt": _tgl(tanggal),
            "sampai": _tgl(sampai) if sampai else "",
            "baris": baris,
        }
        if sampai is None:
            return (
                _(
                    "Jabatan pimpinan %(jabatan)s masih dipegang %(nama)s (NIP %(nip)s). Satu jabatan pimpinan hanya "
                    "punya satu pemegang definitif: tulis juga baris pemegangnya dengan jabatan barunya dan "
                    "tmt_jabatan paling lambat %(tmt)s, atau catat dulu mutasinya."
                )
                % data
            )
        if baris is not None:
            return (
                _(
                    "Jabatan pimpinan %(jabatan)s masih dipegang %(nama)s (NIP %(nip)s) sampai %(sampai)s menurut "
                    "baris %(baris)s, sesudah TMT jabatan baris ini (%(tmt)s). Samakan kedua tmt_jabatan atau "
                    "majukan tmt_jabatan pemegangnya."
                )
                % data
            )
        return (
            _(
                "Jabatan pimpinan %(jabatan)s dipegang %(nama)s (NIP %(nip)s) sampai %(sampai)s; TMT jabatan baris "
                "ini (%(tmt)s) harus sesudahnya."
            )
            % data
        )
    return None


def _tepi(rows: list[RowPlan]) -> dict[int, list[RowPlan]]:
    """For each mutasi row (by ``id``), the mutasi rows that must be written before it: those of the pegawai
    leaving the leadership position it enters (the service refuses a second holder, so they leave first)."""
    meninggalkan: dict[int, list[RowPlan]] = {}
    for row in rows:
        if pindah(row):
            meninggalkan.setdefault(row.existing.jabatan_id, []).append(row)
    return {
        id(row): [q for q in meninggalkan.get(row.jabatan.obj.pk, []) if q is not row]
        for row in rows
        if pindah(row) and not row.jabatan.new and row.jabatan.jenis in JENIS_PENILAI
    }


def _periksa_pertukaran(perencana: Perencana, dipindah: list[RowPlan]) -> None:
    """Rows on a cycle of "enters the leadership position the next one leaves" (A takes B's, B takes A's)."""
    sebelum = _tepi(dipindah)
    for row in dipindah:
        # Does following "must come after" from this row lead back to it?
        seen: set[int] = set()
        stack = list(sebelum.get(id(row), []))
        while stack:
            q = stack.pop()
            if q is row:
                perencana.error(
                    row.number,
                    "jabatan",
                    _(
                        "Pegawai pada baris ini dan pemegang jabatan %(jabatan)s saling bertukar jabatan pimpinan. "
                        "Mutasi dicatat satu per satu, jadi pertukaran tidak dapat dicatat dalam satu berkas: catat "
                        "dulu salah satunya ke jabatan lain."
                    )
                    % {"jabatan": row.jabatan.obj.nama},
                    row.values,
                )
                break
            if id(q) not in seen:
                seen.add(id(q))
                stack.extend(sebelum.get(id(q), []))


def urutan_mutasi(rows: list[RowPlan]) -> list[RowPlan]:
    """``rows`` in the order their mutasi can be written: whoever leaves a leadership position before whoever
    enters it; otherwise the file's order. The plan has refused cycles (a leftover one would only be cut)."""
    sebelum = _tepi(rows)
    hasil: list[RowPlan] = []
    dilihat: set[int] = set()
    for awal in rows:
        # Depth first, iteratively (a rotation may chain many leaders): a row is placed after its predecessors.
        stack: list[tuple[RowPlan, bool]] = [(awal, False)]
        while stack:
            row, siap = stack.pop()
            if siap:
                hasil.append(row)
                continue
            if id(row) in dilihat:
                continue
            dilihat.add(id(row))
            stack.append((row, True))
            stack.extend((q, False) for q in reversed(sebelum.get(id(row), [])))
    return hasil
