"""Checks on free text the user typed, shared by every app that stores it."""

from __future__ import annotations

import unicodedata


def ada_karakter_kendali(isi: str, boleh: str = "") -> bool:
    """True when ``isi`` holds control characters (NUL among them, which PostgreSQL refuses in text; the others are
    invisible in a printed record) or lone surrogates. ``boleh`` lists those a multi-line text may keep (newline,
    tab)."""
    return any(unicodedata.category(c) in ("Cc", "Cs") and c not in boleh for c in isi)
