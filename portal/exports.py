"""Exports: an exporter class only yields rows; :class:`ListExporter` writes them as XLSX or CSV.

Every export of personal data is a list the user could already see on screen, fetched through the same scoped
selector and filter ("export what you see", CONVENTIONS.md). Every app subclasses :class:`ListExporter` for its
own lists and recaps.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

#: A spreadsheet treats a cell starting with one of these as a formula (CSV/formula injection, OWASP). Tab and
#: carriage return are included because some spreadsheet programs strip them before parsing.
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value):
    """Neutralise a text cell that a spreadsheet would run as a formula by prefixing an apostrophe.

    Numbers and dates pass unchanged (a negative number is data, not a formula)."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


@dataclass(frozen=True)
class ExportFile:
    filename: str
    mimetype: str
    content: bytes
    jumlah_baris: int


XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIMETYPE = "text/csv; charset=utf-8"
FORMATS = ("xlsx", "csv")
#: Rows read ahead to size the XLSX columns (write-only sheets take their widths before the first row).
BARIS_UKUR = 200
LEBAR_MIN, LEBAR_MAKS = 6, 60


class ListExporter:
    """Subclasses set ``identifier`` and ``judul`` and implement :meth:`headers` and :meth:`iterate_rows`.

    ``progress`` (optional) is called as ``progress(done_rows)`` every ``progress_every`` rows, so a Celery task
    can record progress on its job row while a long export runs.
    """

    identifier = "ekspor"
    judul = _("Ekspor")
    progress_every = 1000

    def __init__(self, *, progress: Callable[[int], None] | None = None):
        self.progress = progress

    def headers(self) -> Sequence[str]:
        raise NotImplementedError

    def iterate_rows(self) -> Iterable[Sequence]:
        raise NotImplementedError

    # --- writing -------------------------------------------------------------------------------------------

    def filename(self, fmt: str) -> str:
        return f"{self.identifier}-{timezone.localtime():%Y%m%d-%H%M}.{fmt}"

    def judul_lengkap(self) -> str:
        """The title row of the XLSX: what the list is, for which OPD or period. Subclasses add their filter."""
        return str(self.judul)

    def lembar_tambahan(self) -> Sequence[ListExporter]:
        """Further sheets of the XLSX after this list, each written the same way (e.g. the rows that could not be
        exported, with the reason). CSV holds this list only."""
        return ()

    def _rows(self) -> Iterator[Sequence]:
        for done, row in enumerate(self.iterate_rows(), start=1):
            # Lazy translations (gettext_lazy) are not ``str`` until forced; escaping and writers need real text.
            yield [str(v) if isinstance(v, Promise) else v for v in row]
            if self.progress is not None and done % self.progress_every == 0:
                self.progress(done)

    def render(self, fmt: str) -> ExportFile:
        if fmt == "xlsx":
            content, count = self._render_xlsx()
            mimetype = XLSX_MIMETYPE
        elif fmt == "csv":
            content, count = self._render_csv()
            mimetype = CSV_MIMETYPE
        else:
            raise ValueError(f"format ekspor tidak dikenal: {fmt!r}")
        if self.progress is not None:
            self.progress(count)
        return ExportFile(filename=self.filename(fmt), mimetype=mimetype, content=content, jumlah_baris=count)

    def _render_xlsx(self) -> tuple[bytes, int]:
        """A sheet a person can read and filter at once: a title row, the header below it (bold, frozen, with an
        autofilter over the data), columns as wide as their content (within limits)."""
        # write_only streams rows to disk-backed XML instead of building a cell grid in memory: a city-wide
        # list of 20,000 pegawai stays small. Its column widths are set before the first row, from a read-ahead.
        wb = Workbook(write_only=True)
        count = self._tulis_lembar(wb)
        for lembar in self.lembar_tambahan():
            lembar._tulis_lembar(wb)
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue(), count

    def _tulis_lembar(self, wb: Workbook) -> int:
        """Write this list as one sheet of ``wb``; the number of data rows."""
        ws = wb.create_sheet(title=str(self.judul)[:31])
        headers = [str(h) for h in self.headers()]
        rows = self._rows()
        awal = list(islice(rows, BARIS_UKUR))
        for kolom, lebar in enumerate(self._lebar_kolom(headers, awal), start=1):
            ws.column_dimensions[get_column_letter(kolom)].width = lebar
        ws.freeze_panes = "A3"

        judul = WriteOnlyCell(ws, value=escape_cell(self.judul_lengkap()))
        judul.font = Font(bold=True, size=13)
        ws.append([judul])
        bold = Font(bold=True)
        header_cells = []
        for text in headers:
            cell = WriteOnlyCell(ws, value=escape_cell(text))
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            header_cells.append(cell)
        ws.append(header_cells)
        count = 0
        for row in chain(awal, rows):
            ws.append(self._xlsx_row(ws, row))
            count += 1
        # Over the header and every data row, so the spreadsheet's filter buttons sit on the header.
        ws.auto_filter.ref = f"A2:{get_column_letter(max(len(headers), 1))}{count + 2}"
        return count

    @staticmethod
    def _lebar_kolom(headers: Sequence[str], rows: Sequence[Sequence]) -> list[float]:
        """Width of each column in characters: its longest value among the header and the rows read ahead (a date
        counts as "31-12-2026"), plus room for the filter button, between LEBAR_MIN and LEBAR_MAKS."""

        def panjang(value) -> int:
            if value is None:
                return 0
            if isinstance(value, datetime.datetime):
                return 16
            if isinstance(value, datetime.date):
                return 10
            return max((len(baris) for baris in str(value).splitlines()), default=0)

        lebar = []
        for i, header in enumerate(headers):
            isi = max((panjang(row[i]) for row in rows if i < len(row)), default=0)
            lebar.append(float(min(max(isi, len(header) + 3, LEBAR_MIN), LEBAR_MAKS) + 2))
        return lebar

    def _xlsx_row(self, ws, row: Sequence):
        """One data row as ``ws.append`` takes it. A subclass writing many formatted cells may return a generator
        that fills a few reused cells (openpyxl writes each cell before asking for the next)."""
        return [self._xlsx_cell(ws, value) for value in row]

    @staticmethod
    def _xlsx_cell(ws, value):
        value = escape_cell(value)
        if isinstance(value, datetime.datetime):
            # Excel has no time zones: write the wall-clock time in Asia/Jakarta.
            if timezone.is_aware(value):
                value = timezone.localtime(value).replace(tzinfo=None)
            cell = WriteOnlyCell(ws, value=value)
            cell.number_format = "DD-MM-YYYY HH:MM"
            return cell
        if isinstance(value, datetime.date):
            cell = WriteOnlyCell(ws, value=value)
            # Indonesian day-month-year order, whatever the locale of the spreadsheet program.
            cell.number_format = "DD-MM-YYYY"
            return cell
        if isinstance(value, str):
            cell = WriteOnlyCell(ws, value=value)
            # Explicitly a string: openpyxl would otherwise store any text beginning with "=" as a formula, and
            # an 18-digit NIP must never become a rounded number.
            cell.data_type = "s"
            return cell
        return value

    def _render_csv(self) -> tuple[bytes, int]:
        buffer = io.StringIO()
        # The BOM makes Excel read the file as UTF-8 (names with é, ñ, ʼ are common).
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow([escape_cell(str(h)) for h in self.headers()])
        count = 0
        for row in self._rows():
            writer.writerow([self._csv_value(v) for v in row])
            count += 1
        return buffer.getvalue().encode("utf-8"), count

    @staticmethod
    def _csv_value(value):
        if value is None:
            return ""
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value) if timezone.is_aware(value) else value
            return value.strftime("%d-%m-%Y %H:%M")
        if isinstance(value, datetime.date):
            return value.strftime("%d-%m-%Y")
        if isinstance(value, bool):
            return "ya" if value else "tidak"
        return escape_cell(value)
