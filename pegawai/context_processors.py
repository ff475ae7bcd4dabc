"""The ``portal`` template variable: who the login is (their roles, their pegawai, whether they supervise)."""

from functools import cached_property

from django.contrib.auth.models import AnonymousUser

from .akses import Peran_, pegawai_of, peran_of
from .atasan import id_bawahan_langsung
from .models import Pegawai


class PeranCache:
    """Request-scoped helper exposed to templates as ``portal``: the login's roles, pegawai and whether they
    supervise anyone, each read at most once per request."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def peran(self) -> Peran_:
        return peran_of(self.user)

    @cached_property
    def pegawai(self) -> Pegawai | None:
        return pegawai_of(self.user)

    @cached_property
    def is_atasan(self) -> bool:
        return self.pegawai is not None and bool(id_bawahan_langsung(self.pegawai))


def portal(request):
    # A request refused before the authentication middleware ran (a host name outside ALLOWED_HOSTS, shown the 400
    # page) has no user: it is anonymous, not a server error.
    return {"portal": PeranCache(getattr(request, "user", None) or AnonymousUser())}
