"""The one shape of a broken domain rule, and the one way a form or an htmx partial shows it.

Every app's service raises a subclass of :class:`DomainError` (``SkpError``, ``AktivitasError``,
``PenugasanError``...). A view catches ``DomainError`` and calls :func:`add_to_form`, so every form shows a refused
change the same way: the messages that belong to a field beside that field, the rest above the form.
"""

from django.core.exceptions import PermissionDenied

#: The status of a refused POST answered with the form (or fragment) again and the reason: nothing changed.
#: htmx swaps a 422 answer like a 200 (templates/base.html configures it): the refusal shows where the form was.
REFUSED_STATUS = 422


class DomainError(Exception):
    """A rule was broken; ``str(exc)`` is an Indonesian message that can be shown to the user as is.

    ``errors`` maps form fields to their message (shown beside the field); ``daftar`` lists every problem when
    there are several (e.g. submitting an incomplete SKP), and is ``[message]`` otherwise.
    """

    def __init__(self, message: str, *, errors: dict[str, str] | None = None, daftar: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = dict(errors or {})
        self.daftar = list(daftar or [message])


class DomainPermissionDenied(DomainError, PermissionDenied):
    """The actor is not the one the rule allows. Django answers 403 when a view lets it through."""


def add_to_form(form, exc: DomainError) -> None:
    """Attach ``exc`` to ``form``: each field message beside its field (when the form has that field), everything
    else as a non-field error. A message already shown beside a field is not repeated above the form.

    A form whose field stands for a differently named service argument says so in ``domain_error_fields``
    (e.g. one drop-down ``pilihan`` for the service's ``rhk`` and ``kategori``)."""
    aliases = getattr(form, "domain_error_fields", {})
    shown = set()
    for field, message in exc.errors.items():
        field = aliases.get(field, field)
        if field in form.fields:
            form.add_error(field, message)
            shown.add(message)
    for message in exc.daftar:
        if message not in shown:
            form.add_error(None, message)
