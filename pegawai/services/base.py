"""What the pegawai services share: the model's own validation turned into a :class:`~pegawai.errors.PegawaiError`,
the refusal of a delete that would lose history, and the stored row of an object read again, locked, through the
actor's reach. Helpers for the modules of ``pegawai.services`` only; callers outside use the services themselves."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model, ProtectedError, QuerySet, RestrictedError
from django.utils.translation import gettext as _

from ..akses import opd_dikelola
from ..errors import PegawaiError, PegawaiTidakBerwenang


def galat(errors: dict[str, str], umum: list[str] | None = None) -> PegawaiError:
    """One refusal for several messages: each field's beside its field, ``umum`` above the form, all listed."""
    daftar = [*errors.values(), *(umum or [])]
    return PegawaiError(" ".join(daftar), errors=errors, daftar=daftar)


def tolak(message: str, field: str | None = None) -> PegawaiError:
    return PegawaiError(message, errors={field: message} if field else None)


def tidak_berwenang(message: str, field: str | None = None) -> PegawaiTidakBerwenang:
    return PegawaiTidakBerwenang(message, errors={field: message} if field else None)


def validasi(obj: Model) -> None:
    """``obj.full_clean()``: field values, the model's ``clean()`` (a unit's parent in the same OPD, no cycle in
    the unit or position tree, NIP and status), unique and check constraints — refused as a PegawaiError."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        messages = exc.message_dict
        umum = messages.pop(NON_FIELD_ERRORS, [])
        raise galat({field: " ".join(texts) for field, texts in messages.items()}, umum) from None


def hanya_bkpsdm(actor, message: str) -> None:
    """Refuse ``actor`` unless they administer every OPD (admin BKPSDM)."""
    if opd_dikelola(actor) is not None:
        raise PegawaiTidakBerwenang(message)


def tersimpan(managed: QuerySet, pk: int):
    """The stored row ``pk``, locked until the end of the transaction, when ``managed`` (the actor's reach, read
    from the database) holds it; ``None`` otherwise. The scope of a change is judged on the row as stored, not on
    the values the caller wants to write."""
    return managed.select_for_update(of=("self",)).filter(pk=pk).first()


def hapus(obj: Model, saran: str) -> None:
    """Delete ``obj``; refused when other records still point at it (PROTECT), since deleting it would take their
    history with it. ``saran`` tells what to do instead (usually: set it inactive)."""
    try:
        obj.delete()
    except (ProtectedError, RestrictedError) as exc:
        rows = getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", ())
        pemakai = sorted({str(row._meta.verbose_name) for row in rows})
        raise PegawaiError(
            _("“%(objek)s” tidak dapat dihapus karena masih dipakai oleh data %(pemakai)s. %(saran)s")
            % {"objek": obj, "pemakai": ", ".join(pemakai), "saran": saran}
        ) from None
