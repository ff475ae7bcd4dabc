"""Reads of the kinerja app shared by pages, exports, penilaian and tasks, one module per noun. Each one runs a
fixed number of queries however many bawahan, activities or days it covers: aggregates are grouped in the
database, calendars and tables are assembled in Python."""
