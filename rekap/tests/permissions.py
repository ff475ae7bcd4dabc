"""The rekap app's rows of the permission matrix, one module per part of the app."""

from . import permissions_dasbor, permissions_ekspor, permissions_inti, permissions_publik

ROWS = [*permissions_inti.ROWS, *permissions_ekspor.ROWS, *permissions_dasbor.ROWS, *permissions_publik.ROWS]
