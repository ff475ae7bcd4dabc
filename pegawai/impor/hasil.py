"""What an import reports: per valid row what it does (:class:`RowOutcome`), per bad row why (:class:`RowError`), and
for the whole file the counts and messages (:class:`ImportResult`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# Row outcomes; the values match django-import-export's RowResult import types.
NEW = "new"
UPDATE = "update"
SKIP = "skip"


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class RowOutcome:
    """What a valid row does: ``kind`` is NEW, UPDATE or SKIP (nothing changes)."""

    number: int
    kind: str
    nip: str
    nama: str
    jabatan: str
    unit_kerja: str
    perangkat_daerah: str
    changes: list[Change] = field(default_factory=list)

    @property
    def baru(self) -> bool:
        """The row creates a pegawai (the preview's "Baru" badge)."""
        return self.kind == NEW


@dataclass
class RowError:
    """Why a row cannot be imported. ``messages`` pairs a column name ("" for the row) with a message."""

    number: int
    messages: list[tuple[str, str]]
    values: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return _("Baris %(nomor)s: %(pesan)s") % {"nomor": self.number, "pesan": " ".join(m for _k, m in self.messages)}


@dataclass
class ImportResult:
    dry_run: bool
    file_name: str = ""
    total_rows: int = 0
    rows: list[RowOutcome] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    opd_baru: int = 0
    unit_baru: int = 0
    unit_diubah: int = 0
    jabatan_baru: int = 0
    jabatan_diubah: int = 0
    akun_baru: int = 0
    saved: bool = False

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors or self.errors)

    def _count(self, kind: str) -> int:
        return sum(1 for row in self.rows if row.kind == kind)

    @property
    def baru(self) -> int:
        return self._count(NEW)

    @property
    def diubah(self) -> int:
        return self._count(UPDATE)

    @property
    def tetap(self) -> int:
        return self._count(SKIP)

    @property
    def changed_rows(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.kind != SKIP]

    def error_lines(self) -> list[str]:
        return list(self.file_errors) + [str(error) for error in self.errors]

    def summary(self) -> str:
        return _(
            "%(total)s baris: %(baru)s pegawai baru, %(diubah)s diubah, %(tetap)s tetap; %(opd)s perangkat daerah, "
            "%(unit)s unit kerja dan %(jabatan)s jabatan baru."
        ) % {
            "total": self.total_rows,
            "baru": self.baru,
            "diubah": self.diubah,
            "tetap": self.tetap,
            "opd": self.opd_baru,
            "unit": self.unit_baru,
            "jabatan": self.jabatan_baru,
        }
