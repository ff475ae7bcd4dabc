"""The errors of the SKP services: the domain-error shape of the platform (:mod:`portal.errors`), so every view
shows a refused SKP change the way it shows any other (``portal.errors.add_to_form``)."""

from portal.errors import DomainError, DomainPermissionDenied


class SkpError(DomainError):
    """An SKP rule was broken; ``str(exc)`` is an Indonesian message that can be shown as is. ``errors`` maps
    form fields to their message; ``daftar`` lists every problem when there are several (submitting an
    incomplete SKP)."""


class SkpTidakBerwenang(SkpError, DomainPermissionDenied):
    """The actor is not the one the rule allows (not the owner, not the pejabat penilai): 403 when a view does
    not catch it."""
