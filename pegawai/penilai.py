"""Who may be named as someone's atasan (docs/ATURAN.md, PermenPANRB 6/2022 Pasal 1).

The pejabat penilai kinerja is at least a pejabat pengawas, or an official the penilai delegated to in writing.
An explicit ``atasan_override`` bypasses the position tree, so every writer of one (the pegawai form and admin,
the import) asks :func:`atasan_tidak_sah` first: otherwise an override could still hand a JF ketua tim or a
pelaksana the rights the tree refuses them. The rule of the tree itself is :mod:`pegawai.atasan`.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .atasan import JENIS_PENILAI, didelegasi
from .errors import PegawaiError
from .models import Pegawai, Penugasan, RiwayatJabatan

K = TypeVar("K", bound=Hashable)


def pesan_atasan_tidak_sah() -> str:
    return _("Atasan yang ditetapkan harus pejabat paling rendah pengawas, atau memiliki delegasi penilai tertulis.")


@dataclass(frozen=True)
class CalonAtasan:
    """Someone a writer wants to name as atasan."""

    #: ``None`` for a pegawai not saved yet (a new row of an import): no Plt/Plh or delegation can name them.
    pegawai_id: int | None
    #: The jenis of the definitive position they hold on the day asked, when the caller knows it better than the
    #: database (an import that moves the atasan in the same file); ``None``: read it from the position history.
    jenis_jabatan: str | None = None


def pemegang_jabatan_penilai(on: datetime.date) -> tuple[QuerySet, QuerySet]:
    """The assignments that make their pegawai a penilai by position on ``on``: definitive ones
    (:class:`RiwayatJabatan`) and Plt/Plh (:class:`Penugasan`), both of positions of at least pengawas. Filter them,
    or use their ``pegawai_id`` as a subquery."""
    return (
        RiwayatJabatan.objects.pada(on).filter(jabatan__jenis__in=JENIS_PENILAI),
        Penugasan.objects.berlaku(on).filter(jabatan__jenis__in=JENIS_PENILAI),
    )


def atasan_tidak_sah(calon: Mapping[K, CalonAtasan], on: datetime.date | None = None) -> set[K]:
    """The keys of ``calon`` who may not be named atasan on ``on`` (default today): they hold no position of at
    least pengawas — definitively or as Plt/Plh — and no written delegation that day. Three queries whatever the
    number of candidates."""
    on = on or timezone.localdate()
    ids = {c.pegawai_id for c in calon.values() if c.pegawai_id is not None}
    dibaca = {c.pegawai_id for c in calon.values() if c.pegawai_id is not None and c.jenis_jabatan is None}
    sah: set[int] = set()
    if ids:
        definitif, plt = pemegang_jabatan_penilai(on)
        sah.update(definitif.filter(pegawai_id__in=dibaca).values_list("pegawai_id", flat=True))
        sah.update(plt.filter(pegawai_id__in=ids).values_list("pegawai_id", flat=True))
        sah.update(didelegasi(ids, on))
    return {
        key
        for key, c in calon.items()
        if c.jenis_jabatan not in JENIS_PENILAI and (c.pegawai_id is None or c.pegawai_id not in sah)
    }


def periksa_atasan_override(
    atasan: Pegawai | int | None, on: datetime.date | None = None, *, field: str = "atasan_override"
) -> None:
    """Refuse naming ``atasan`` as an atasan override (:func:`atasan_tidak_sah`) with the message beside
    ``field``; nothing to check for an empty override."""
    if atasan is None:
        return
    pegawai_id = atasan if isinstance(atasan, int) else atasan.pk
    if atasan_tidak_sah({pegawai_id: CalonAtasan(pegawai_id)}, on):
        pesan = pesan_atasan_tidak_sah()
        raise PegawaiError(pesan, errors={field: pesan})
