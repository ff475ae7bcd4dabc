"""The shape of a permission-table row, shared by every app's ``tests/permissions.py``.

A row names a URL (``namespace:name``), how to build its path from the fixed personas (``org``), the method,
optional POST data, and the expected status per persona. Statuses: 200 page, 302 redirect (anonymous → login,
or a successful POST), 404 outside the persona's reach, 405 wrong method.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = (
    "pegawai",
    "atasan",
    "atasan_atasan",
    "plt",
    "admin_opd",
    "admin_opd_lain",
    "admin_bkpsdm",
    "anonymous",
)


@dataclass(frozen=True)
class Row:
    name: str
    path: Callable[[object], str]
    expect: dict[str, int]
    method: str = "get"
    data: Callable[[object], dict] = field(default=lambda org: {})
    #: Build extra objects the URL needs (a job, an SKP...) before ``path`` is called; returns nothing.
    setup: Callable[[object], None] | None = None

    def __post_init__(self):
        missing = set(PERSONAS) - set(self.expect)
        if missing:
            raise ValueError(f"{self.name}: expected status missing for {sorted(missing)}")


def all_(status: int, anonymous: int = 302, **overrides: int) -> dict[str, int]:
    """Same status for every logged-in persona, with named exceptions."""
    table = {persona: status for persona in PERSONAS}
    table["anonymous"] = anonymous
    table.update(overrides)
    return table


def only(allowed: dict[str, int], otherwise: int = 404, anonymous: int = 302) -> dict[str, int]:
    """``otherwise`` for every logged-in persona not named in ``allowed``."""
    table = {persona: otherwise for persona in PERSONAS}
    table["anonymous"] = anonymous
    table.update(allowed)
    return table
