"""Accounts of pegawai: a temporary password from the admin, and the forced change at the next login.

Imported and seeded pegawai get an unusable password; the admin of their OPD (or BKPSDM) hands out a temporary
one, shown once, and the pegawai must replace it before doing anything else. The pages are in
:mod:`pegawai.views.akun`.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils.translation import gettext as _

from portal.audit import as_actor
from portal.errors import DomainError, DomainPermissionDenied
from portal.locking import lock_row

from .akses import pegawai_managed_by
from .models import Pegawai, User

# Letters and digits that cannot be confused when read aloud or copied from paper (no 0/O, 1/l/I).
_ALFABET = "abcdefghjkmnpqrstuvwxyz23456789"


def sandi_sementara() -> str:
    groups = ["".join(secrets.choice(_ALFABET) for _ in range(4)) for _ in range(3)]
    return "-".join(groups)


def akun_atur_ulang_sandi(*, actor: User, pegawai: Pegawai) -> str:
    """Give ``pegawai`` a temporary password (returned, never stored in clear) that must be changed at login.

    Creates the login (username = NIP) when the pegawai has none. Refused with DomainPermissionDenied outside
    the actor's admin scope and DomainError for a pegawai no longer active; the change is audited (pghistory)
    with the actor.
    """
    if not pegawai_managed_by(actor).filter(pk=pegawai.pk).exists():
        raise DomainPermissionDenied(_("Pegawai ini di luar kewenangan Anda."))
    if not pegawai.aktif:
        raise DomainError(_("Pegawai tidak aktif tidak dapat diberi kata sandi."))
    sandi = sandi_sementara()
    with transaction.atomic(), as_actor(actor):
        pegawai = lock_row(pegawai)
        user = pegawai.user
        if user is None:
            user, _created = User.objects.get_or_create(username=pegawai.nip)
            pegawai.user = user
            pegawai.save(update_fields=["user"])
        user.set_password(sandi)
        user.is_active = True
        user.harus_ganti_sandi = True
        user.save(update_fields=["password", "is_active", "harus_ganti_sandi"])
    return sandi


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
                messages.info(request, _("Anda masuk dengan kata sandi sementara. Buat kata sandi baru dahulu."))
                return redirect(reverse("password_change"))
        return self.get_response(request)
