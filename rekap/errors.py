"""The errors of the recap services, in the platform's domain-error shape (:mod:`portal.errors`)."""

from portal.errors import DomainError, DomainPermissionDenied


class RekapError(DomainError):
    """A recap rule was broken; ``str(exc)`` is an Indonesian message."""


class RekapTidakBerwenang(RekapError, DomainPermissionDenied):
    """The actor may not do this (only admin BKPSDM manages recap periods)."""
