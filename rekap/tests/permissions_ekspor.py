"""Permission-matrix rows of rekap (ekspor)."""

ROWS = []
