"""The daily report's block on the landing page (registered with portal in :mod:`kinerja.portal_hooks`): today's
report first, one tap from the entry form, for every login linked to a pegawai."""

from __future__ import annotations

from pegawai.akses import pegawai_of

from .. import waktu
from ..selectors.cache import cache_of
from ..selectors.harian import rhk_pilihan, ringkas_hari


def beranda_hari_ini(request) -> dict | None:
    """Today's activities so far (count, minutes, drafts not yet sent) and the way to the entry form; ``None``
    for a login without a pegawai (an admin account), who has no daily report."""
    me = pegawai_of(request.user)
    if me is None:
        return None
    hari_ini = waktu.hari_ini()
    return {
        "hari_ini": hari_ini,
        "ringkas": ringkas_hari(me, hari_ini),
        # Without an approved SKP the entries can only be tugas tambahan or lainnya: say so before the pegawai goes.
        "ada_rhk": bool(rhk_pilihan(me, hari_ini, cache_of(request))),
    }
