"""The errors of the pegawai services: the domain-error shape of the platform (:mod:`portal.errors`), so every
form — the portal's and the Django admin's — shows a refused change the same way (``portal.errors.add_to_form``)."""

from django.utils.translation import gettext as _

from portal.errors import DomainError, DomainPermissionDenied


class PegawaiError(DomainError):
    """A rule of the organisation, its people or their logins was broken; ``str(exc)`` is an Indonesian message
    for the user, ``errors`` maps form fields to their message."""


class PegawaiTidakBerwenang(PegawaiError, DomainPermissionDenied):
    """The row lies outside what the actor administers (another OPD, or a BKPSDM matter): 403 when a view does
    not catch it."""


class PenugasanError(PegawaiError):
    """A Plt/Plh assignment breaks a rule (dates, overlap, own position). ``field`` names the form field the
    message belongs to, so every form shows it beside that field (``errors={field: message}``)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message, errors={field: message} if field else None)
        self.field = field


class PenugasanTidakBerwenang(PegawaiTidakBerwenang):
    """The person or the position lies outside the OPDs the actor administers (or the assignment does)."""

    def __init__(self, message: str | None = None):
        super().__init__(message or _("Pegawai atau jabatan ini berada di luar perangkat daerah yang Anda kelola."))
