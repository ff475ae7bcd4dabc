"""The forced password change: a login holding a temporary password (``harus_ganti_sandi``) may open nothing but
the password change until they replace it.

The temporary password itself comes from :func:`pegawai.services.akun.akun_atur_ulang_sandi`; the pages are in
:mod:`pegawai.views.akun`.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404


class WajibGantiSandiMiddleware:
    """Keeps a user with a temporary password on the password-change page until they replace it."""

    ALLOWED = ("password_change", "password_change_done", "logout", "panduan")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "harus_ganti_sandi", False):
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
