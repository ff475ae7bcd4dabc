"""Where a form sends the user back to after it is done."""

from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme


def kembali_ke(request, bawaan: str) -> str:
    """The ``next`` the form carried (POST, else the query string) when it is a path of this site, else ``bawaan``.
    Only an absolute path: a bare word would be taken by ``redirect()`` for the name of a view (a 500)."""
    tujuan = request.POST.get("next") or request.GET.get("next") or ""
    if tujuan.startswith("/") and url_has_allowed_host_and_scheme(tujuan, allowed_hosts={request.get_host()}):
        return tujuan
    return bawaan
