"""Permission-matrix rows of rekap (dasbor)."""

ROWS = []
