"""Idle sessions expire without a database write on every request.

A session expires ``SESSION_COOKIE_AGE`` (``SESSION_IDLE_MINUTES``) after it was last saved: the session store
refuses a row past its ``expire_date``. Django's ``SESSION_SAVE_EVERY_REQUEST`` keeps that an idle timeout by
writing the row on every request — at the end-of-month peak one UPDATE per page view, htmx fragment and poll. This
middleware instead touches the session (a timestamp) when it was last saved at least
:data:`SEGARKAN_DETIK` ago, so a logged-in user's session is written at most once a minute and still expires after
the idle time, measured from a request at most a minute before the last one. Anonymous visitors get no session.

With Redis, :class:`SessionStore` is the session engine: sessions are read from the shared cache, with their rows
in PostgreSQL behind them.
"""

from __future__ import annotations

import logging
import time

from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DbSessionStore
from django.dispatch import receiver
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

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


class SesiTidakDapatDiakhiri(Exception):
    """A session could not be ended (logout, a new key after a password change): its copy in the cache could not be
    deleted. Nothing was changed; ``str(exc)`` says so to the user."""

    def __init__(self):
        super().__init__(
            _(
                "Layanan sesi sedang terganggu, jadi sesi Anda belum dapat diakhiri dan tidak ada yang diubah. "
                "Coba lagi dalam beberapa saat."
            )
        )


class SessionStore(cached_db.SessionStore):
    """The session engine with Redis (``SESSION_ENGINE = "portal.sesi"``, mangbagja/settings.py): Django's cached_db
    — a session is read from the shared cache, the database row behind it is written as before — made safe for a
    Redis that fails:

    - reading: when the cache cannot be read, the row is read from the database and the cache is not refilled
      (Django would let that refill's error fail every logged-in request), and a new key is checked against the
      rows alone;
    - ending (logout, the old key of a new login or password): the cached copy is deleted *before* the row and the
      session's data, and a cache that cannot be reached raises :class:`SesiTidakDapatDiakhiri` with nothing
      changed. Django deletes the row first, so a copy left in an unreachable Redis would bring the ended session
      back once Redis returns; here the logout and password pages say it failed and the session stays whole."""

    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception as exc:
            # Every logged-in request while Redis is down: one line each, without the traceback.
            logger.warning("Sesi dibaca dari basis data: cache tidak dapat dibaca (%s).", exc)
            return DbSessionStore.load(self)
        if data is not None:
            return data
        row = self._get_session_from_db()
        if row is None:
            return {}
        data = self.decode(row.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=row.expire_date))
        except Exception as exc:
            logger.warning("Sesi tidak disalin ke cache (%s).", exc)
        return data

    def exists(self, session_key):
        # The row is what counts: a copy in the cache never outlives its row (see delete).
        return DbSessionStore.exists(self, session_key)

    def lepas_salinan(self) -> None:
        """Delete this session's cached copy now, raising :class:`SesiTidakDapatDiakhiri` (nothing changed) when the
        cache cannot be reached: the logout view calls it before Django's logout, which announces the logout
        (``user_logged_out``: django-axes records its time) before it ends the session."""
        if self.session_key is not None:
            self._hapus_salinan(self.session_key)

    def _hapus_salinan(self, session_key: str) -> None:
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception as exc:
            raise SesiTidakDapatDiakhiri from exc

    def delete(self, session_key=None):
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self._hapus_salinan(session_key)
        DbSessionStore.delete(self, session_key)

    # Before Django touches anything: it clears the data (flush) or makes the new key (cycle_key) first, and a refused
    # delete would then leave an emptied session, turned into a deleted cookie, or a key without its row.

    def flush(self):
        if self.session_key is not None:
            self._hapus_salinan(self.session_key)
        super().flush()

    def cycle_key(self):
        if self.session_key is not None:
            self._hapus_salinan(self.session_key)
        super().cycle_key()
