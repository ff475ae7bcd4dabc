"""The access log (UU 27/2022 tentang Pelindungan Data Pribadi, Pasal 31: the controller records every processing
of personal data). Every app calls :func:`catat_akses` for views, downloads, exports and imports of personal data.
"""

from __future__ import annotations

from .choices import JenisAkses
from .models import AksesLog


def _client_ip(request) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client and could be forged to hide who looked. Behind a
    # reverse proxy the proxy must pass the real address in REMOTE_ADDR (gunicorn --forwarded-allow-ips).
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


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
