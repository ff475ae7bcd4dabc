"""The errors of the evaluation services, in the platform's domain-error shape (:mod:`portal.errors`)."""

from portal.errors import DomainError, DomainPermissionDenied


class PenilaianError(DomainError):
    """An evaluation rule was broken; ``str(exc)`` is an Indonesian message; ``daftar`` lists every problem
    (every RHK without bukti dukung, every violated condition of the curve)."""


class PenilaianTidakBerwenang(PenilaianError, DomainPermissionDenied):
    """The actor is not the pejabat penilai of that evaluation on its date (or not the admin the rule names)."""
