"""Storing an uploaded file together with the row that names it.

``FieldFile.save`` writes the file first and the row second. If the row (or anything after it in the caller's
transaction) fails, the stored file would be orphaned: nothing names it and nobody may ever read it, but it stays on
disk. :func:`simpan_dengan_berkas` removes it on the way out instead.
"""

from __future__ import annotations


def simpan_dengan_berkas(obj, field: str, nama: str, berkas, **save_kwargs) -> None:
    """Write ``berkas`` (an uploaded file, read from its start) as ``nama`` into ``obj.<field>``'s storage, then
    save ``obj`` with ``save_kwargs``; when saving fails the just-written file is deleted and the error raised."""
    fieldfile = getattr(obj, field)
    berkas.seek(0)
    fieldfile.save(nama, berkas, save=False)
    try:
        obj.save(**save_kwargs)
    except Exception:
        fieldfile.storage.delete(fieldfile.name)
        raise
