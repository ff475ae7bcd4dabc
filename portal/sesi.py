"""Idle sessions expire without a database write on every request.

A session expires ``SESSION_COOKIE_AGE`` (``SESSION_IDLE_MINUTES``) after it was last saved: the session store
refuses a row past its ``expire_date``. Django's ``SESSION_SAVE_EVERY_REQUEST`` keeps that an idle timeout by
writing the row on every request — at the end-of-month peak one UPDATE per page view, htmx fragment and poll. This
middleware instead touches the session (a timestamp) when it was last saved at least
:data:`SEGARKAN_DETIK` ago, so a logged-in user's session is written at most once a minute and still expires after
the idle time, measured from a request at most a minute before the last one. Anonymous visitors get no session.
"""

from __future__ import annotations

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

#: Session key holding when the session was last refreshed (seconds since the epoch).
KUNCI = "_aktif"
#: How often an active session is written at most.
SEGARKAN_DETIK = 60


class SegarkanSesiMiddleware:
    """Placed after SessionMiddleware: refresh an existing session once a minute at most (SessionMiddleware saves
    a modified session and extends its expiry)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # After the view: a login or logout in this request has already saved or flushed the session.
        if session is None or session.modified:
            return response
        terakhir = session.get(KUNCI)  # loads the session (no query without a cookie)
        # No key after loading: no cookie, or a session already expired — nothing to keep alive, nothing to create.
        if session.session_key:
            sekarang = int(time.time())
            if not isinstance(terakhir, int) or sekarang - terakhir >= SEGARKAN_DETIK:
                session[KUNCI] = sekarang
        return response


@receiver(user_logged_in, dispatch_uid="portal.sesi.cap_masuk")
def cap_masuk(sender, request, user, **kwargs):
    """Stamp a new login's session: it is being saved anyway, so the next minute's requests write nothing."""
    if request is not None and hasattr(request, "session"):
        request.session[KUNCI] = int(time.time())
