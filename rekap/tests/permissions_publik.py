"""Permission-matrix rows of rekap (publik)."""

ROWS = []
