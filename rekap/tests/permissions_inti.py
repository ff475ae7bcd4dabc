"""Permission-matrix rows of rekap (inti)."""

ROWS = []
