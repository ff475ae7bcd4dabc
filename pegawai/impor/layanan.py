"""Import of the organisation and its people from XLSX or CSV (docs/ATURAN.md): :func:`import_pegawai`.

One service behind the Django admin (``resources.PegawaiResource``), the portal page (``pegawai.views.impor``) and
``manage.py import_pegawai``. Callers may rely on:

* everything is validated before anything is written; a file with any bad row writes nothing and every bad
  row is reported with the row number the user sees in the spreadsheet (the header is row 1);
* rows are matched by NIP, so importing the same file twice changes nothing the second time;
* perangkat daerah, unit kerja and jabatan named in the file are created when they do not exist yet;
* a real import writes in bulk inside one transaction, attributed to ``actor`` in the pghistory trail, and
  leaves one AksesLog row (UU 27/2022: every bulk handling of personal data is logged).

The file is read by :mod:`~pegawai.impor.berkas`, its cells by :mod:`~pegawai.impor.sel`; the plan is
:mod:`~pegawai.impor.rencana` (with :mod:`~pegawai.impor.organisasi` and :mod:`~pegawai.impor.atasan`), the write
:mod:`~pegawai.impor.tulis`, and the report :mod:`~pegawai.impor.hasil`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import tablib
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from portal.akseslog import catat_akses
from portal.audit import as_actor
from portal.choices import JenisAkses
from portal.errors import DomainError

from ..models import User
from .berkas import ImportFileError, read_dataset
from .hasil import ImportResult
from .rencana import Perencana
from .tulis import tulis

logger = logging.getLogger(__name__)

# Any fixed 64-bit number works: it only has to be the same for every import, so two imports serialise.
_ADVISORY_LOCK_KEY = 0x6D62_696D_706F_7274


def import_pegawai(
    dataset_or_file: Any,
    *,
    actor: User | None,
    dry_run: bool,
    perangkat_daerah_scope: Iterable[int] | None = None,
    file_name: str = "",
    request=None,
) -> ImportResult:
    """Validate ``dataset_or_file`` (a Dataset from ``read_dataset``, or bytes / a path / a file object) and,
    unless ``dry_run`` or any row is bad, write it in one transaction.

    ``perangkat_daerah_scope``: the OPD ids an admin OPD manages; rows of other OPDs, and pegawai currently in
    other OPDs, are errors. ``None`` means every OPD (admin BKPSDM, the command line). ``request``, when
    given, only adds its path and IP to the access log.
    """
    result = ImportResult(dry_run=dry_run, file_name=file_name)
    if isinstance(dataset_or_file, tablib.Dataset):
        dataset = dataset_or_file
    else:
        try:
            dataset = read_dataset(dataset_or_file)
        except ImportFileError as exc:
            result.file_errors.append(str(exc))
            return result
    scope = set(perangkat_daerah_scope) if perangkat_daerah_scope is not None else None

    try:
        with transaction.atomic():
            if not dry_run:
                # Two imports at once would both plan "create unit X"; the second waits and then sees the first.
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
            perencana = Perencana(dataset, scope, result)
            perencana.run()
            if dry_run or result.has_errors:
                return result
            with as_actor(actor, aksi="impor_pegawai", berkas=file_name[:200]):
                with connection.cursor() as cursor:
                    # Django declares foreign keys DEFERRABLE INITIALLY DEFERRED. Thousands of queued deferred
                    # checks make every pghistory trigger's own statements slower (each scans the queue), which
                    # turns a 20,000-row insert quadratic; checking them per statement keeps it linear. Safe
                    # because tulis() inserts every referenced row before the rows that refer to it.
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                tulis(perencana)
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                catat_akses(
                    user=actor,
                    jenis=JenisAkses.IMPOR,
                    objek=_("Impor pegawai: %(berkas)s") % {"berkas": file_name or "-"},
                    request=request,
                    jumlah_baris=result.total_rows,
                )
            result.saved = True
    except DomainError as exc:
        # A mutasi refused while writing (the plan checks the dates and holders first; an app listening to
        # mutasi_dicatat may still refuse): the transaction rolled back, nothing is kept.
        result.saved = False
        result.file_errors.append(
            _("Impor dibatalkan dan tidak ada yang disimpan: %(alasan)s") % {"alasan": exc.message}
        )
    except IntegrityError as exc:
        # Someone changed the same data between our reads and writes (an admin form, another process).
        logger.warning("pegawai import rolled back: %s", exc)
        result.saved = False
        result.file_errors.append(
            _("Data berubah saat impor berjalan sehingga impor dibatalkan dan tidak ada yang disimpan. Ulangi impor.")
        )
    return result
