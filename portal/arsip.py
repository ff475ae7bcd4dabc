"""One ZIP of many documents, built in groups so a batch of thousands keeps bounded memory: the rows of one group
are read at once, each document is rendered (or read) and written to the archive before the next group is read,
and progress is reported after every document. Used by the batch jobs of the SKP and evaluation documents."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable

#: Rows read per query; a group's documents are written before the next group is read.
UKURAN_KELOMPOK = 50


def kelompok(pks: list[int], ukuran: int = UKURAN_KELOMPOK) -> Iterable[list[int]]:
    for i in range(0, len(pks), ukuran):
        yield pks[i : i + ukuran]


def zip_bertahap(
    pks: list[int],
    *,
    ambil: Callable[[list[int]], dict[int, object]],
    isi: Callable[[object], tuple[tuple[str, str], bytes] | None],
    progres: Callable[[int, int], None],
) -> bytes:
    """The ZIP of the documents of ``pks``, in that order. ``ambil(group)`` reads a group's objects by pk (a pk
    missing from its answer was deleted since the job was listed and is skipped); ``isi(obj)`` gives the entry's
    name, a second name for when the first is taken, and the bytes — or ``None`` to skip the object (no longer in a
    state that has a document)."""
    buffer = io.BytesIO()
    total = len(pks)
    progres(0, total)
    selesai = 0
    dipakai: set[str] = set()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as arsip:
        for grup in kelompok(pks):
            by_pk = ambil(grup)
            for pk in grup:
                selesai += 1
                obj = by_pk.get(pk)
                hasil = isi(obj) if obj is not None else None
                if hasil is not None:
                    (nama, nama_lain), content = hasil
                    nama = nama_lain if nama in dipakai else nama
                    dipakai.add(nama)
                    arsip.writestr(nama, content)
                progres(selesai, total)
    return buffer.getvalue()
