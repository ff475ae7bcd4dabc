"""The row lock of a service: re-read a row with ``SELECT … FOR UPDATE`` inside the caller's transaction.

A service checks a state, then writes. Two requests at the same moment (a double click, two admins) would both
pass the check on the rows they read before; re-reading the row locked makes the second wait for the first and
then check the state the first one left. Call it inside ``transaction.atomic()``.

(The month lock of the daily reports is a different thing: ``kunci_bulan``/``penguncian`` in kinerja.)
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import models


def lock_row(instance_or_model, pk=None, *, select_related: Sequence[str] = ()):
    """The current row of ``instance_or_model`` (an instance, or a model class with ``pk``), locked until the
    end of the transaction. ``select_related`` joins related rows in the same query; only the row itself is
    locked (``FOR UPDATE OF self``), so a join never locks a parent shared with other requests.
    Raises ``DoesNotExist`` when the row is gone (deleted by the request that held the lock before)."""
    if isinstance(instance_or_model, models.Model):
        model = type(instance_or_model)
        pk = instance_or_model.pk if pk is None else pk
    else:
        model = instance_or_model
    if pk is None:
        raise ValueError("lock_row: pk wajib diisi untuk kelas model.")
    queryset = model._default_manager.all()
    if select_related:
        queryset = queryset.select_related(*select_related).select_for_update(of=("self",))
    else:
        queryset = queryset.select_for_update()
    return queryset.get(pk=pk)


def refresh_from_locked(instance, locked):
    """Copy the values of ``locked`` (the row :func:`lock_row` read and the service changed) onto the caller's
    ``instance``, so the object a view or test holds shows the committed state. Returns ``instance``."""
    for field in type(instance)._meta.concrete_fields:
        setattr(instance, field.attname, getattr(locked, field.attname))
    return instance
