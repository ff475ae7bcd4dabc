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

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

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
        # write_only streams rows to disk-backed XML instead of building a cell grid in memory: a city-wide
        # list of 20,000 pegawai stays small.
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(title=str(self.judul)[:31])
        bold = Font(bold=True)
        header_cells = []
        for text in self.headers():
            cell = WriteOnlyCell(ws, value=escape_cell(str(text)))
            cell.font = bold
            header_cells.append(cell)
        ws.append(header_cells)
        ws.freeze_panes = "A2"
        count = 0
        for row in self._rows():
            ws.append([self._xlsx_cell(ws, value) for value in row])
            count += 1
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue(), count

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
