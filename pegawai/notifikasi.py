"""Moved to :mod:`portal.notifikasi`."""

# SHIM(issue7): remove when callers move
from portal.notifikasi import HasilKirim, NotifikasiBaru, notifikasi_kirim  # noqa: F401
