"""Answers of kinerja's selectors kept for the rest of one request.

A page and the service it calls often ask the same question (the settings, the pegawai's calendar, the RHK valid
on a date). The view hands the request's :class:`ReadCache` to the service; the service still asks the selector
itself, for its own actor and date, and the selector answers from the cache when this request already read it.
Only the selectors write here, each under a key holding every argument of its question, so passing a cache saves
reads without letting the caller change any answer the service relies on.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class ReadCache:
    def __init__(self):
        self._answers: dict[Hashable, Any] = {}

    def get(self, key: Hashable, default=None):
        return self._answers.get(key, default)

    def set(self, key: Hashable, value):
        self._answers[key] = value
        return value

    def get_or_set(self, key: Hashable, compute: Callable[[], Any]):
        if key not in self._answers:
            self._answers[key] = compute()
        return self._answers[key]


def cache_of(request) -> ReadCache:
    """The :class:`ReadCache` of ``request``, created on first use."""
    cache = getattr(request, "_kinerja_cache", None)
    if cache is None:
        cache = request._kinerja_cache = ReadCache()
    return cache
