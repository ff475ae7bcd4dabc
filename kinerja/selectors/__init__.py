"""Reads of the kinerja app shared by pages, exports, penilaian and tasks, one module per noun. Each one runs a
fixed number of queries however many bawahan, activities or days it covers: aggregates are grouped in the
database, calendars and tables are assembled in Python."""

# SHIM(issue7): remove when callers move (the demo generators import these from here).
from .kalender import hari_kerja_per_minggu, libur_antara  # noqa: F401
