"""Checks on free text the user typed, shared by every app that stores it.

Every GET and POST value of every request is already cleaned by :class:`portal.middleware.BersihkanMasukanMiddleware`
with :func:`bersihkan`: control characters other than tab and line breaks are gone before any form sees them. What
is left for a form or service to refuse is a line break or tab in a one-line field (a number, a name), and control
characters in text that did not come through a request (a cell of an uploaded spreadsheet):
:func:`ada_karakter_kendali`.
"""

from __future__ import annotations

import re
import unicodedata

#: Unicode category Cc (C0 and C1 controls, DEL) except tab, line feed and carriage return, and the lone surrogates
#: (category Cs). NUL breaks PostgreSQL text; ESC starts ANSI sequences that repaint a terminal reading the logs;
#: the others are invisible in a printed record.
_KENDALI = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def bersihkan(isi: str) -> str:
    """``isi`` without the control characters and lone surrogates of :data:`_KENDALI` (tab and line breaks kept)."""
    return _KENDALI.sub("", isi)


def ada_kendali_dibuang(isi: str) -> bool:
    """True when :func:`bersihkan` would change ``isi`` (a quick test before copying a request's values)."""
    return _KENDALI.search(isi) is not None


def ada_karakter_kendali(isi: str) -> bool:
    """True when ``isi`` holds any control character (tab and line breaks included) or a lone surrogate: for a
    one-line text (a number, a link) and for text that did not come through a request."""
    return any(unicodedata.category(c) in ("Cc", "Cs") for c in isi)
