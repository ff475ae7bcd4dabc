"""A result remembered for the rest of one request: the landing page's blocks come from several apps, and more than
one of them asks the same question of the same person (an atasan's SKP queue, their verification summary) — each
answer costs dozens of queries at city size. Kept on the request object, so nothing outlives the request or is
shared between users."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

_ATRIBUT = "_portal_ingat"


def ingat(request, kunci: Hashable, hitung: Callable[[], T]) -> T:
    """``hitung()`` the first time ``kunci`` is asked during ``request``, the same answer afterwards."""
    simpanan = request.__dict__.setdefault(_ATRIBUT, {})
    if kunci not in simpanan:
        simpanan[kunci] = hitung()
    return simpanan[kunci]
