"""The access log (UU 27/2022 tentang Pelindungan Data Pribadi, Pasal 31: the controller records every processing
of personal data). Every app calls :func:`catat_akses` for views, downloads, exports and imports of personal data.
"""

from __future__ import annotations

from axes.helpers import get_client_ip_address

from .choices import JenisAkses
from .models import AksesLog


def _client_ip(request) -> str | None:
    # The address the login lockout counts by (settings AXES_IPWARE_*): the connection's own, or behind
    # BEHIND_PROXY the one the trusted proxy wrote, never an X-Forwarded-For entry the client forged to hide who looked.
    if request is None:
        return None
    return get_client_ip_address(request) or None


def catat_akses(
    *,
    user,
    jenis: str,
    objek: str,
    pegawai=None,
    request=None,
    jumlah_baris: int | None = None,
) -> AksesLog:
    """Append one row to the access log.

    ``jenis`` is a :class:`~portal.choices.JenisAkses`; ``objek`` a short human description ("Profil pegawai",
    "Daftar pegawai (XLSX)"); ``pegawai`` the person whose data was touched, when it is one person (an instance
    of ``settings.PORTAL_PERSON_MODEL``); ``jumlah_baris`` the row count of an export or import. The path and IP
    come from ``request`` when given. The row joins the caller's transaction, so a failed import that rolls back
    leaves no "IMPOR" row claiming it happened.
    """
    if jenis not in JenisAkses.values:
        raise ValueError(f"jenis akses tidak dikenal: {jenis!r}")
    return AksesLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        jenis=jenis,
        pegawai=pegawai,
        objek=objek[:255],
        path=request.get_full_path()[:500] if request is not None else "",
        ip=_client_ip(request),
        jumlah_baris=jumlah_baris,
    )
