"""The one place where text arriving with a request is cleaned (portal.teks.bersihkan)."""

from __future__ import annotations

from django.http import Http404, QueryDict

from .teks import ada_kendali_dibuang, bersihkan


def bersihkan_querydict(data: QueryDict) -> QueryDict:
    """``data`` with control characters removed from every key and value; ``data`` itself when there are none (the
    common case costs one scan)."""
    if not any(ada_kendali_dibuang(k) or any(ada_kendali_dibuang(v) for v in vs) for k, vs in data.lists()):
        return data
    bersih = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        for value in values:
            bersih.appendlist(bersihkan(key), bersihkan(value))
    bersih._mutable = data._mutable
    return bersih


def _bersihkan_post_saat_dibaca(request) -> None:
    """Clean ``request.POST`` when the body is parsed (when something first asks for ``request.POST`` or
    ``request.FILES``: the CSRF check, a view), not here: a middleware further down that refuses an oversized body
    before reading it keeps working. Uploaded files (``request.FILES``) are left as parsed; their names are checked
    where files are accepted.

    The parse method is wrapped on the instance, not by a subclass: django-pghistory's middleware replaces the
    request's class during the request."""
    muat = request._load_post_and_files

    def muat_lalu_bersihkan():
        muat()
        request._post = bersihkan_querydict(request._post)

    request._load_post_and_files = muat_lalu_bersihkan


class BersihkanMasukanMiddleware:
    """Strip NUL and the other control characters (portal.teks) from every query parameter, form field and cookie
    of every request, so no form, service or query sees them: PostgreSQL refuses NUL in text (a 500), and ANSI or
    other invisible characters would be stored and printed. Tab and line breaks are kept for multi-line text.

    Placed before the session and CSRF middleware, so the session key read from the cookie is clean too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if ada_kendali_dibuang(request.path_info):
            # No URL of the portal holds a control character; a NIP or slug with one would reach the database.
            raise Http404
        request.GET = bersihkan_querydict(request.GET)
        if any(ada_kendali_dibuang(k) or ada_kendali_dibuang(v) for k, v in request.COOKIES.items()):
            request.COOKIES = {bersihkan(k): bersihkan(v) for k, v in request.COOKIES.items()}
        if request.method == "POST":
            _bersihkan_post_saat_dibaca(request)
        return self.get_response(request)
