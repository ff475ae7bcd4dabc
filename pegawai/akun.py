"""The forced password change: a login holding a temporary password (``harus_ganti_sandi``) may open nothing but
the password change until they replace it.

The mark is in the session (:data:`KUNCI_WAJIB_GANTI`), set when the login opens it, so a request is checked
without reading the user's row: a view that needs nobody's data (the public pages) then reads no user at all. A
flag set while a session is already open changes the session's key to the user (``User._get_session_auth_hash``),
so that session ends at its next page and the new login is marked; the password change removes the mark.

The temporary password itself comes from :func:`pegawai.services.akun.akun_atur_ulang_sandi`; the pages are in
:mod:`pegawai.views.akun`.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404

#: Session key marking a login that must replace its temporary password first.
KUNCI_WAJIB_GANTI = "_wajib_ganti_sandi"


@receiver(user_logged_in, dispatch_uid="pegawai.akun.tandai_wajib_ganti")
def tandai_wajib_ganti(sender, request, user, **kwargs):
    """Mark (or unmark: the same login again keeps its session's data) a session opened with a temporary password."""
    if request is None or not hasattr(request, "session"):
        return
    if getattr(user, "harus_ganti_sandi", False):
        request.session[KUNCI_WAJIB_GANTI] = True
    else:
        request.session.pop(KUNCI_WAJIB_GANTI, None)


def lepas_wajib_ganti(request) -> None:
    """The password was replaced: this session may open the portal again."""
    request.session.pop(KUNCI_WAJIB_GANTI, None)


class WajibGantiSandiMiddleware:
    """Keeps a session opened with a temporary password on the password-change page until it is replaced."""

    ALLOWED = ("password_change", "password_change_done", "logout", "panduan")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(KUNCI_WAJIB_GANTI):
            match = request.resolver_match
            name = match.url_name if match else None
            if name is None:
                try:
                    name = resolve(request.path_info).url_name
                except Resolver404:
                    name = None
            if name not in self.ALLOWED and not request.path_info.startswith(("/static/", "/admin/logout/")):
                # No message: the page itself says why the pegawai is there (registration/password_change_form.html).
                return redirect(reverse("password_change"))
        return self.get_response(request)
