"""Moved to :mod:`portal.jobs`."""

# SHIM(issue7): remove when callers move
from portal.jobs import jalankan_pekerjaan, pekerjaan_buat, pekerjaan_klaim, pekerjaan_ulang  # noqa: F401
