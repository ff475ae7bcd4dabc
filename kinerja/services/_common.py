"""What every kinerja service shares: the audit context, the error shape, and the checks on an activity the
pegawai changes (owner, state, month lock).

Each service checks the state on the object it was given, opens ``transaction.atomic()``, locks the rows it
changes (:func:`portal.locking.lock_row`) and checks again on the locked rows — so a double click or a stale tab
changes nothing — then writes. pghistory triggers record every row change, attributed to the actor's login. A
broken rule raises :class:`~kinerja.errors.AktivitasError` with a plain Indonesian message; a wrong actor raises
:class:`~kinerja.errors.AktivitasTidakBerwenang`, which is also a ``PermissionDenied``.

Facts a page already read (the settings, the calendar, the RHK of a date) reach a service only as the request's
:class:`~kinerja.selectors.cache.ReadCache`: the service asks the selectors itself, for its own actor and dates.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pegawai.models import Pegawai

from ..choices import STATUS_DAPAT_DIUBAH, StatusAktivitas
from ..errors import AktivitasError, AktivitasTidakBerwenang
from ..models import Aktivitas, bukti_storage
from ..selectors.penguncian import InfoKunci, status_kunci

# PostgreSQL's SQLSTATE for an exclusion-constraint violation.
_EXCLUSION_VIOLATION = "23P01"


def galat(errors: dict[str, str]) -> AktivitasError:
    """One error for several field messages (a form shows them together, each next to its field)."""
    return AktivitasError(" ".join(errors.values()), errors=errors, daftar=list(errors.values()))


def teks(nilai) -> str:
    # A browser sends a textarea's line breaks as CRLF: counted as two characters they would make a text typed
    # within the limit (and counted so by the page's counter) too long here.
    return (nilai or "").replace("\r\n", "\n").strip()


def pastikan_pemilik(actor: Pegawai, aktivitas: Aktivitas) -> None:
    if actor is None or actor.pk != aktivitas.pegawai_id:
        raise AktivitasTidakBerwenang(_("Hanya pegawai pemilik aktivitas yang dapat melakukan ini."))


_PESAN_TIDAK_DAPAT_DIUBAH = {
    StatusAktivitas.DIAJUKAN: gettext_lazy("Aktivitas sedang menunggu verifikasi atasan dan tidak dapat diubah."),
    StatusAktivitas.DISETUJUI: gettext_lazy("Aktivitas yang sudah disetujui tidak dapat diubah."),
}


def pastikan_dapat_diubah(aktivitas: Aktivitas) -> None:
    if aktivitas.status not in STATUS_DAPAT_DIUBAH:
        raise AktivitasError(str(_PESAN_TIDAK_DAPAT_DIUBAH[aktivitas.status]))


def pastikan_tidak_terkunci(pegawai: Pegawai, tanggal: datetime.date) -> InfoKunci:
    """Refuse when ``pegawai``'s month of ``tanggal`` is locked (:attr:`InfoKunci.pesan`)."""
    info = status_kunci(pegawai, tanggal.year, tanggal.month)
    if info.terkunci:
        raise AktivitasError(info.pesan)
    return info


def simpan(obj, **kwargs) -> None:
    """Save, turning the exclusion constraint's refusal (two tabs writing the same slot at once, past the service's
    own check) into the same message as the check. No savepoint of its own: every caller saves inside its atomic
    block and lets the refusal leave it, which rolls the transaction (or the caller's savepoint) back — two round
    trips fewer on every activity written."""
    try:
        obj.save(**kwargs)
    except IntegrityError as exc:
        if getattr(exc.__cause__, "pgcode", None) == _EXCLUSION_VIOLATION:
            raise galat({"jam_mulai": _("Waktu ini bertumpuk dengan aktivitas lain pada hari yang sama.")}) from None
        raise


def hapus_berkas_setelah_commit(names: list[str]) -> None:
    storage = bukti_storage()

    def hapus():
        for name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(hapus)
