"""Recap spreadsheets (XLSX and CSV) of exactly the rows a recap table shows, written in a Celery job.

The job (:func:`berkas_ekspor`, run by ``rekap.tasks.rekap_ekspor`` through :func:`portal.jobs.jalankan_pekerjaan`)
reads its owner's rows again through :func:`rekap.filters.tabel_terfilter` with the filter stored on the job, so the
file is the page's rows at the time it runs, within what the owner may see then. Rows stream from the database in
chunks (as light objects, :func:`rekap.selectors.rekap.baris_ringan`) into an openpyxl write-only workbook
(:class:`~portal.exports.ListExporter`: title row, Indonesian headers, column widths, frozen header, autofilter,
formula escaping in one place, ``portal.exports.escape_cell``); this module adds number and percentage formats
and one sheet per OPD.

Files are kept ``REKAP_EKSPOR_SIMPAN_JAM`` hours: :func:`ekspor_sapu` (beat, hourly) deletes older ones and the job
page then says the file has expired.
"""

from __future__ import annotations

import datetime
import io
import itertools
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from django import forms
from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell

from portal.choices import StatusPekerjaan
from portal.exports import ListExporter, escape_cell
from portal.models import Pekerjaan

from .filters import TABEL, Tabel, tabel_terfilter
from .selectors.rekap import PERSEN, TEKS, baris_ringan

logger = logging.getLogger(__name__)

#: Pekerjaan.jenis of a recap export: with its parameters, what makes a repeated request the same job.
JENIS_PEKERJAAN = "rekap_ekspor"
FORMAT_PERSEN = "0.0%"
#: Characters Excel refuses in a sheet name.
_BUKAN_NAMA_LEMBAR = re.compile(r"[\[\]:*?/\\]")


class EksporError(Exception):
    """The job cannot write the file; ``pesan_pengguna`` is what its page shows."""

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan_pengguna = pesan


class RekapExporter(ListExporter):
    """The rows of one recap table (every page of it) with every column of :attr:`Tabel.kolom`. ``per_opd`` writes
    one sheet per OPD (the city row on its own sheet) in the XLSX; the CSV is always one list."""

    identifier = "rekap"
    progress_every = 500

    def __init__(
        self,
        tabel: Tabel,
        rows: Iterable,
        *,
        judul: str,
        keterangan: str = "",
        per_opd: bool = False,
        progress: Callable[[int], None] | None = None,
    ):
        super().__init__(progress=progress)
        self.tabel = tabel
        self.rows = rows
        self.judul = judul
        self.keterangan = keterangan
        self.per_opd = per_opd

    def filename(self, fmt: str) -> str:
        return f"{self.identifier}-{self.tabel.jenis}-{timezone.localtime():%Y%m%d-%H%M}.{fmt}"

    def judul_lengkap(self) -> str:
        dibuat = _("dibuat %(waktu)s") % {"waktu": f"{timezone.localtime():%d-%m-%Y %H.%M}"}
        return " — ".join(b for b in (str(self.judul), self.keterangan, dibuat) if b)

    def headers(self) -> Sequence[str]:
        return [str(k.judul) for k in self.tabel.kolom]

    def iterate_rows(self):
        fungsi = [k.pembaca() for k in self.tabel.kolom]
        for r in self.rows:
            yield [f(r) for f in fungsi]

    def _rows(self):
        # The columns' values are never lazy translations (a coded column's labels are made text by
        # Kolom.pembaca), so the rows skip the base class's per-value check: only the progress is kept.
        setiap, progress = self.progress_every, self.progress
        for done, row in enumerate(self.iterate_rows(), start=1):
            yield row
            if progress is not None and done % setiap == 0:
                progress(done)

    # --- XLSX: formats and sheets ------------------------------------------------------------------------------

    def _render_xlsx(self) -> tuple[bytes, int]:
        if not self.per_opd:
            return super()._render_xlsx()
        wb = Workbook(write_only=True)
        count, dipakai = 0, set()
        for _opd_id, kelompok in itertools.groupby(self.rows, key=lambda r: r.perangkat_daerah_id):
            kelompok = list(kelompok)  # one OPD's rows: its name and column widths come from them
            lembar = _LembarOpd(self, kelompok, nama=_nama_lembar(kelompok[0], dipakai), mulai=count)
            count += lembar._tulis_lembar(wb)
        if not count:
            # An empty workbook cannot be opened; write the header alone.
            count += _LembarOpd(self, [], nama=str(self.judul)[:31], mulai=0)._tulis_lembar(wb)
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue(), count

    def _xlsx_row(self, ws, row):
        # Only the columns that need it are touched (a city-wide export is 27 columns × 20,000 rows, most of them
        # whole numbers, which go in bare): text is escaped (it can then no longer start like a formula, and a NIP
        # stays text), and shares become real percentages (87.5 → 0.875 shown "87.5%") so a reader can sum and
        # sort them. Each share column reuses one formatted cell: openpyxl serialises the row as it is appended,
        # before the next row sets them again, and a style per new cell would double the writing time.
        if getattr(self, "_sel_ws", None) is not ws:
            self._sel_ws = ws
            self._ubah = [
                (i, _SelPersen(ws) if k.jenis == PERSEN else None)
                for i, k in enumerate(self.tabel.kolom)
                if k.jenis in (TEKS, PERSEN)
            ]
        for i, sel in self._ubah:
            value = row[i]
            if sel is None:
                row[i] = escape_cell(value)
            elif value is not None:
                sel.isi(float(value) / 100)
                row[i] = sel
        return row

    def _csv_value(self, value):
        if isinstance(value, Decimal):
            return str(value)
        return ListExporter._csv_value(value)


class _SelPersen(Cell):
    """A reusable cell formatted as a percentage, written 80,000 times in a city-wide export. Its style never
    changes, so its style id is looked up once (openpyxl looks it up in the workbook for every cell written) and it
    always has a style. openpyxl's write-only sheet first tries a value as a plain value and, for a cell, formats
    the refusal's message with the cell's ``repr`` (sheet title and coordinate) before taking it as it is: the
    plain object ``repr`` costs nothing."""

    __slots__ = ("_id_gaya",)
    __repr__ = object.__repr__
    has_style = True

    def __init__(self, ws):
        super().__init__(ws, row=1, column=1, value=0.0)
        self.number_format = FORMAT_PERSEN
        self._id_gaya = Cell.style_id.fget(self)

    def isi(self, value: float) -> None:
        """Hold the share ``value``: always a float, so the type openpyxl worked out for the first stays (its
        setter would work it out again for each of the 80,000)."""
        self._value = value

    @property
    def style_id(self):
        return self._id_gaya


class _LembarOpd(RekapExporter):
    """One OPD's sheet of a per-OPD workbook: the parent's columns and title, this OPD's rows; progress counts on
    from the rows written before it."""

    def __init__(self, induk: RekapExporter, rows: list, *, nama: str, mulai: int):
        progress = induk.progress
        super().__init__(
            induk.tabel,
            rows,
            judul=nama,
            keterangan=induk.keterangan,
            progress=(lambda n: progress(mulai + n)) if progress else None,
        )
        self.progress_every = induk.progress_every
        self.induk = induk
        if not rows:
            self.nama_opd = ""
        elif rows[0].perangkat_daerah_id is None:
            self.nama_opd = _("Seluruh kota")
        else:
            self.nama_opd = rows[0].perangkat_daerah.nama

    def judul_lengkap(self) -> str:
        return " — ".join(b for b in (self.induk.judul_lengkap(), self.nama_opd) if b)


def _nama_lembar(row, dipakai: set[str]) -> str:
    """A sheet name for ``row``'s OPD (its short name), valid for Excel (31 characters, no []:*?/\\) and unique."""
    if row.perangkat_daerah_id is None:
        dasar = _("Kota")
    else:
        opd = row.perangkat_daerah
        dasar = opd.singkatan or opd.kode or opd.nama
    dasar = _BUKAN_NAMA_LEMBAR.sub(" ", dasar).strip()[:28] or "OPD"
    nama, n = dasar, 1
    while nama.lower() in dipakai:
        n += 1
        nama = f"{dasar[:27]} {n}"
    dipakai.add(nama.lower())
    return nama


# --- the job ---------------------------------------------------------------------------------------------------


def keterangan_filter(filterset) -> str:
    """The filter in words for the title row: the period and every other chosen value."""
    bagian = []
    for name, value in filterset.dipilih.items():
        if value in (None, ""):
            continue
        field = filterset.form.fields[name]
        if isinstance(value, str) and isinstance(field, forms.ChoiceField):
            value = dict(field.choices).get(value, value)  # a code (SKP status, level) by its label
        bagian.append(f"{field.label}: {value}")
    return "; ".join(bagian)


def ekspor_tabel(tabel: Tabel, data: dict, user, *, fmt: str, per_opd: bool = False, progres=None):
    """The export of ``tabel`` as ``user`` sees it with filter ``data``: a :class:`portal.exports.ExportFile`.
    ``progres(done, total)`` after every few hundred rows. This is the function the export benchmark times."""
    try:
        filterset, rows = tabel_terfilter(tabel, data, user)
    except Http404:
        raise EksporError(
            _("Filter ekspor ini berada di luar jangkauan Anda sekarang; mulai lagi dari tabelnya.")
        ) from None
    if not filterset.is_valid():
        raise EksporError(_("Filter ekspor ini tidak dapat dipakai; mulai lagi dari tabelnya."))
    total = rows.count()
    if progres is not None:
        progres(0, total)
    exporter = RekapExporter(
        tabel,
        baris_ringan(rows),
        judul=str(tabel.judul),
        keterangan=keterangan_filter(filterset),
        per_opd=per_opd and fmt == "xlsx",
        progress=(lambda n: progres(min(n, total), total)) if progres is not None else None,
    )
    return exporter.render(fmt)


def berkas_ekspor(job: Pekerjaan, progres: Callable[[int, int], None]) -> tuple[str, bytes]:
    """Job builder (portal.jobs): the spreadsheet the job's parameters describe, as its owner may see it now."""
    p = dict(job.parameter)
    tabel = TABEL.get(p.pop("tabel", None))
    fmt = p.pop("format", None)
    per_opd = p.pop("per_opd", "") == "1"
    if tabel is None or fmt not in ("xlsx", "csv"):
        raise EksporError(_("Permintaan ekspor ini tidak dikenal; mulai lagi dari tabelnya."))
    hasil = ekspor_tabel(tabel, p, job.user, fmt=fmt, per_opd=per_opd, progres=progres)
    return hasil.filename, hasil.content


def ekspor_sapu(sekarang: datetime.datetime | None = None) -> int:
    """Delete the files of recap exports finished more than ``REKAP_EKSPOR_SIMPAN_JAM`` hours ago; the job stays,
    without a file, and its page says it expired. The number of files deleted."""
    batas = (sekarang or timezone.now()) - datetime.timedelta(hours=settings.REKAP_EKSPOR_SIMPAN_JAM)
    kedaluwarsa = Pekerjaan.objects.filter(jenis=JENIS_PEKERJAAN, status=StatusPekerjaan.SELESAI, selesai__lt=batas)
    n = 0
    for pk, nama in kedaluwarsa.exclude(berkas="").values_list("pk", "berkas"):
        # Cleared only if unchanged: a run that finished meanwhile keeps its new file.
        if Pekerjaan.objects.filter(pk=pk, berkas=nama, selesai__lt=batas).update(berkas=""):
            Pekerjaan._meta.get_field("berkas").storage.delete(nama)
            n += 1
    if n:
        logger.info("%s berkas ekspor rekap kedaluwarsa dihapus.", n)
    return n
