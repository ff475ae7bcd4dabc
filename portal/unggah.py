"""The size limit of a whole request body (``UNGGAH_MAKS_MB``), enforced before anything reads the body.

Django's own limits leave a hole: ``DATA_UPLOAD_MAX_MEMORY_SIZE`` counts only the form fields, never the files, and
the forms check a file's size once it has been received whole, so a 200 MB upload was read to its end (into a
temporary file) before it was refused. The declared ``Content-Length`` is known before the body is read: a larger
one is answered 413 at once, and the body is left unread.

A body without ``Content-Length`` (chunked) needs no check while streaming: Django's WSGI request reads at most
``CONTENT_LENGTH`` bytes, none when it is missing, so such a body is never read at all (the form sees no file).
Browsers always declare the length of a form they send. The reverse proxy has its own limit (nginx
``client_max_body_size``), which must be the same (README, "Batas unggahan").
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.template import loader


def _panjang_dinyatakan(request) -> int:
    """The body length the client declared; 0 when none or unreadable, as Django then reads nothing."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class BatasUnggahMiddleware:
    """Answers 413 with templates/413.html for a declared body over ``UNGGAH_MAKS_MB``; above every middleware that
    may read the body (settings.MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Django's request handler logs the 413 like any refused request (django.request).
        if _panjang_dinyatakan(request) > settings.UNGGAH_MAKS_MB * 1024 * 1024:
            # Rendered without the request: the session and the login are not known yet (as for 400.html).
            halaman = loader.render_to_string("413.html", {"maks_mb": settings.UNGGAH_MAKS_MB})
            return HttpResponse(halaman, status=413)
        return self.get_response(request)
