"""The errors of the discipline services, in the platform's domain-error shape (:mod:`portal.errors`)."""

from portal.errors import DomainError, DomainPermissionDenied


class DisiplinError(DomainError):
    """A discipline rule was broken; ``str(exc)`` is an Indonesian message; ``daftar`` lists every problem (every
    bad row of an attendance file)."""


class DisiplinTidakBerwenang(DisiplinError, DomainPermissionDenied):
    """The actor may not do this (not admin BKPSDM, not the admin of that OPD)."""
