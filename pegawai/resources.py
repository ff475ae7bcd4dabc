"""django-import-export glue for the import of pegawai.

django-import-export handles a file row by row (one query or more per row), which is far too slow for a
20,000-row staff list, and validates rows one at a time, while our rules span rows (an atasan further down the
file, duplicate NIPs). So the Resource keeps what the library does well — the declared columns, the admin's
upload → dry-run preview → confirm flow and its Result/row-error objects — and hands the work to
``pegawai.impor.layanan.import_pegawai``, which validates the whole file first and writes in bulk.
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from import_export import exceptions, fields, resources, widgets
from import_export.formats.base_formats import Format
from import_export.results import Error, Result, RowResult

from .atasan import atasan_langsung
from .impor.berkas import COLUMNS, ImportFileError, read_dataset
from .impor.hasil import ImportResult
from .impor.layanan import import_pegawai
from .models import Pegawai

#: The columns of the admin's preview table.
PREVIEW_HEADERS = ["baris", "nip", "nama", "jabatan", "unit_kerja", "perangkat_daerah", "perubahan"]


class BerkasPegawaiFormat(Format):
    """XLSX or CSV, told apart by the file's content (``impor.berkas.read_dataset``), never by its name or by a
    format the user picked; also applies the upload size, zip-bomb and row-count limits."""

    def __init__(self, encoding=None):
        # The admin instantiates formats with an encoding; content sniffing decides it instead.
        self.encoding = encoding

    def get_title(self):
        return "XLSX / CSV"

    def create_dataset(self, in_stream):
        return read_dataset(in_stream)

    def get_extension(self):
        return "xlsx"

    def can_import(self):
        return True

    def can_export(self):
        return False


class PegawaiResource(resources.ModelResource):
    """The import file's columns (``impor.berkas.COLUMNS``). Exporting with it yields the same layout, so an
    export can be edited and imported back."""

    nip = fields.Field(attribute="nip", column_name="nip")
    nama = fields.Field(attribute="nama", column_name="nama")
    gelar_depan = fields.Field(attribute="gelar_depan", column_name="gelar_depan")
    gelar_belakang = fields.Field(attribute="gelar_belakang", column_name="gelar_belakang")
    status = fields.Field(attribute="status", column_name="status")
    golongan = fields.Field(attribute="golongan", column_name="golongan")
    jabatan = fields.Field(attribute="jabatan__nama", column_name="jabatan", readonly=True)
    jenis_jabatan = fields.Field(column_name="jenis_jabatan", readonly=True)
    unit_kerja = fields.Field(attribute="jabatan__unit_kerja__nama", column_name="unit_kerja", readonly=True)
    perangkat_daerah = fields.Field(
        attribute="jabatan__unit_kerja__perangkat_daerah__nama", column_name="perangkat_daerah", readonly=True
    )
    unit_kerja_mandiri = fields.Field(column_name="unit_kerja_mandiri", readonly=True)
    nip_atasan = fields.Field(column_name="nip_atasan", readonly=True)
    tmt_cpns = fields.Field(attribute="tmt_cpns", column_name="tmt_cpns", widget=widgets.DateWidget("%Y-%m-%d"))

    class Meta:
        model = Pegawai
        fields = COLUMNS
        import_order = COLUMNS
        export_order = COLUMNS
        import_id_fields = ("nip",)

    def __init__(self, *, perangkat_daerah_scope=None, **kwargs):
        super().__init__(**kwargs)
        self.perangkat_daerah_scope = perangkat_daerah_scope

    @classmethod
    def get_display_name(cls):
        return _("Pegawai")

    def get_queryset(self):
        return Pegawai.objects.with_org()

    def dehydrate_jenis_jabatan(self, pegawai):
        return pegawai.jabatan.get_jenis_display()

    def dehydrate_unit_kerja_mandiri(self, pegawai):
        # Data, not interface text: the import reads exactly these words back (impor.sel.parse_ya_tidak).
        return "ya" if pegawai.jabatan.unit_kerja.mandiri else "tidak"

    def dehydrate_nip_atasan(self, pegawai):
        atasan = atasan_langsung(pegawai)
        return atasan.nip if atasan else ""

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        """Run ``impor.layanan.import_pegawai`` (its own single transaction; a file with any bad row writes
        nothing, so ``use_transactions`` and ``rollback_on_validation_errors`` are always in effect)."""
        user = kwargs.get("user")
        outcome = import_pegawai(
            dataset,
            actor=user if getattr(user, "is_authenticated", False) else None,
            dry_run=dry_run,
            perangkat_daerah_scope=self.perangkat_daerah_scope,
            file_name=kwargs.get("file_name") or "",
        )
        result = self.result_from(outcome)
        if raise_errors and outcome.has_errors:
            raise exceptions.ImportError(ImportFileError("\n".join(outcome.error_lines())))
        return result

    def result_from(self, outcome: ImportResult) -> Result:
        """The service's result in django-import-export's shape, for the admin templates."""
        result = self.get_result_class()()
        result.import_result = outcome
        result.diff_headers = list(PREVIEW_HEADERS)
        result.total_rows = outcome.total_rows
        for message in outcome.file_errors:
            result.append_base_error(Error(ImportFileError(message)))
        for error in outcome.errors:
            by_column: dict[str, list[str]] = {}
            for column, message in error.messages:
                by_column.setdefault(column or NON_FIELD_ERRORS, []).append(message)
            row = {"baris": error.number, **error.values}
            result.append_invalid_row(error.number, row, ValidationError(by_column))
            result.totals[RowResult.IMPORT_TYPE_INVALID] += 1
        for outcome_row in outcome.rows:
            row_result = self.get_row_result_class()()
            row_result.import_type = outcome_row.kind
            row_result.object_repr = f"{outcome_row.nama} ({outcome_row.nip})"
            row_result.diff = [
                outcome_row.number,
                outcome_row.nip,
                outcome_row.nama,
                outcome_row.jabatan,
                outcome_row.unit_kerja,
                outcome_row.perangkat_daerah,
                format_html_join(", ", "{}: {} → {}", ((c.label, c.old, c.new) for c in outcome_row.changes))
                or format_html("{}", "—"),
            ]
            result.append_row_result(row_result)
            result.increment_row_result_total(row_result)
        return result
