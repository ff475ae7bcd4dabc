"""The errors of the kinerja services: the domain-error shape of the platform (:mod:`portal.errors`), so every
view shows a refused change of a daily report the way it shows any other (``portal.errors.add_to_form``)."""

from portal.errors import DomainError, DomainPermissionDenied


class AktivitasError(DomainError):
    """A daily-report rule was broken; ``str(exc)`` is an Indonesian message that can be shown as is.
    ``errors`` maps the service's arguments to their message, for a form to show next to the field;
    ``daftar`` lists each problem once."""


class AktivitasTidakBerwenang(AktivitasError, DomainPermissionDenied):
    """The actor is not the one the rule allows (not the owner, not the atasan on that date, not the admin):
    403 when a view does not catch it."""
