"""Who may see and who may manage what: the one access module every app builds its ``*_visible_to`` on.

Two questions, asked the same way everywhere (NetBox's ``restrict(user, action)`` in spirit):

- *may see*: ``<noun>_visible_to(user)`` — a queryset; views fetch objects through it, so an object outside the
  user's reach answers 404, never 403 (the existence of a NIP or an OPD is not revealed);
- *may manage*: ``<noun>_managed_by(user)`` — built on :func:`opd_dikelola`, the one place that decides which
  OPDs a login administers.

Roles are stored per login (:class:`~pegawai.models.Peran`); "pegawai" and "atasan" are not stored: every
pegawai is one, and atasan follows from the positions (:mod:`pegawai.atasan`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404

from .atasan import bawahan_dua_tingkat, id_bawahan_langsung
from .choices import JenisPeran
from .models import DelegasiPenilai, Jabatan, Pegawai, Penugasan, Peran, PerangkatDaerah, UnitKerja, User

# --- the roles of a login ------------------------------------------------------------------------------------


@dataclass
class Peran_:
    """The stored roles of one login, read once per request."""

    admin_bkpsdm: bool = False
    admin_opd_ids: set[int] = field(default_factory=set)
    pimpinan_kota: bool = False
    pimpinan_opd_ids: set[int] = field(default_factory=set)

    @property
    def admin(self) -> bool:
        return self.admin_bkpsdm or bool(self.admin_opd_ids)

    @property
    def pimpinan(self) -> bool:
        return self.pimpinan_kota or bool(self.pimpinan_opd_ids)

    @property
    def melihat_semua(self) -> bool:
        return self.admin_bkpsdm or self.pimpinan_kota

    @property
    def opd_dilihat(self) -> set[int]:
        """The OPDs this login sees whole (every pegawai, SKP and recap in them): those it administers or leads.
        Meaningful when not :attr:`melihat_semua`."""
        return self.admin_opd_ids | self.pimpinan_opd_ids


def peran_of(user) -> Peran_:
    """The roles of ``user`` (a superuser counts as admin BKPSDM), cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return Peran_()
    cached = getattr(user, "_peran_cache", None)
    if cached is not None:
        return cached
    roles = Peran_()
    if user.is_superuser:
        roles.admin_bkpsdm = True
    for jenis, opd_id in Peran.objects.filter(user=user).values_list("jenis", "perangkat_daerah_id"):
        if jenis == JenisPeran.ADMIN_BKPSDM:
            roles.admin_bkpsdm = True
        elif jenis == JenisPeran.ADMIN_OPD:
            roles.admin_opd_ids.add(opd_id)
        elif jenis == JenisPeran.PIMPINAN:
            if opd_id is None:
                roles.pimpinan_kota = True
            else:
                roles.pimpinan_opd_ids.add(opd_id)
    user._peran_cache = roles
    return roles


def pegawai_of(user) -> Pegawai | None:
    """The pegawai behind a login, or ``None`` (anonymous, or a service account such as a pure operator)."""
    if not getattr(user, "is_authenticated", False):
        return None
    terkait = Pegawai._meta.get_field("user").remote_field
    if not terkait.is_cached(user):
        # Read once per request with the position: most pages go on to its unit (the working-day calendar, the
        # OPD of the scope), which was one more query each time. Cached on the user as ``user.pegawai`` would be.
        pegawai = Pegawai._base_manager.select_related("jabatan").filter(user=user).first()
        terkait.set_cached_value(user, pegawai)
        if pegawai is not None:
            terkait.field.set_cached_value(pegawai, user)
    try:
        return user.pegawai
    except Pegawai.DoesNotExist:
        return None


# --- may manage ----------------------------------------------------------------------------------------------


def opd_dikelola(user) -> set[int] | None:
    """The OPDs whose data ``user`` administers: ``None`` means every OPD (admin BKPSDM); an empty set means
    none. Every "admin of this OPD" rule of every app asks this."""
    roles = peran_of(user)
    if roles.admin_bkpsdm:
        return None
    return set(roles.admin_opd_ids)


def mengelola_opd(user, opd_id: int | None) -> bool:
    """True when ``user`` administers the OPD ``opd_id``."""
    opd_ids = opd_dikelola(user)
    return opd_ids is None or opd_id in opd_ids


def _managed(queryset: QuerySet, user, *opd_paths: str) -> QuerySet:
    """``queryset`` limited to rows whose every ``opd_path`` lies in an OPD ``user`` administers."""
    opd_ids = opd_dikelola(user)
    if opd_ids is None:
        return queryset
    if not opd_ids:
        return queryset.none()
    return queryset.filter(**{f"{path}__in": opd_ids for path in opd_paths})


def pegawai_managed_by(user) -> QuerySet[Pegawai]:
    """Pegawai whose master data ``user`` may change: the admin's OPDs, or everyone for BKPSDM."""
    return _managed(Pegawai.objects.all(), user, "jabatan__unit_kerja__perangkat_daerah_id")


def jabatan_managed_by(user) -> QuerySet[Jabatan]:
    """Positions whose assignments ``user`` may change: the admin's OPDs, or every position for BKPSDM."""
    return _managed(Jabatan.objects.all(), user, "unit_kerja__perangkat_daerah_id")


def unit_kerja_managed_by(user) -> QuerySet[UnitKerja]:
    """Units ``user`` may change (and add positions to): the admin's OPDs, or every unit for BKPSDM."""
    return _managed(UnitKerja.objects.all(), user, "perangkat_daerah_id")


def akun_managed_by(user) -> QuerySet[User]:
    """Logins ``user`` may change: those of the pegawai they manage, or every login for BKPSDM (a login without
    a pegawai — a service account — is BKPSDM's)."""
    return _managed(User.objects.all(), user, "pegawai__jabatan__unit_kerja__perangkat_daerah_id")


def penugasan_managed_by(user) -> QuerySet[Penugasan]:
    """Plt/Plh assignments ``user`` may see and change. For an admin OPD both sides must be theirs: the person
    and the position (an assignment across two OPDs belongs to BKPSDM)."""
    return _managed(
        Penugasan.objects.all(),
        user,
        "pegawai__jabatan__unit_kerja__perangkat_daerah_id",
        "jabatan__unit_kerja__perangkat_daerah_id",
    )


def delegasi_managed_by(user) -> QuerySet[DelegasiPenilai]:
    """Delegations of the pejabat penilai's rights ``user`` may see and cancel. For an admin OPD both people must be
    theirs (a delegation across two OPDs belongs to BKPSDM)."""
    return _managed(
        DelegasiPenilai.objects.all(),
        user,
        "pemberi__jabatan__unit_kerja__perangkat_daerah_id",
        "penerima__jabatan__unit_kerja__perangkat_daerah_id",
    )


# --- may see -------------------------------------------------------------------------------------------------


def pegawai_visible_to(user, on: datetime.date | None = None, *, bawahan: bool = True) -> QuerySet[Pegawai]:
    """Every pegawai ``user`` may see: self; direct, acting and second-level bawahan (on ``on``, default today);
    their OPD as admin OPD or pimpinan of an OPD; everyone as admin BKPSDM or city pimpinan. Fetch objects through
    this (404 outside). ``bawahan=False`` leaves supervision out, for a noun whose atasan part is dated (an
    activity is the old atasan's for the days they supervised)."""
    if not getattr(user, "is_authenticated", False):
        return Pegawai.objects.none()
    roles = peran_of(user)
    if roles.melihat_semua:
        return Pegawai.objects.all()
    q = Q(pk__in=[])
    opd_ids = roles.opd_dilihat
    if opd_ids:
        q |= Q(jabatan__unit_kerja__perangkat_daerah_id__in=opd_ids)
    me = pegawai_of(user)
    if me is not None:
        q |= Q(pk=me.pk)
        if bawahan:
            ids = list(bawahan_dua_tingkat(me, on).values_list("pk", flat=True))
            if ids:
                q |= Q(pk__in=ids)
    return Pegawai.objects.filter(q)


def perangkat_daerah_visible_to(user) -> QuerySet[PerangkatDaerah]:
    """The OPDs ``user`` may open: every one for admin BKPSDM and city pimpinan, else the OPDs of their roles
    and the OPD they work in."""
    roles = peran_of(user)
    if roles.melihat_semua:
        return PerangkatDaerah.objects.all()
    opd_ids = roles.opd_dilihat
    me = pegawai_of(user)
    q = Q(pk__in=opd_ids)
    if me is not None:
        q |= Q(unit_kerja__jabatan__pemegang=me)
    return PerangkatDaerah.objects.filter(q).distinct()


def opd_lingkup_statistik(user) -> set[int] | None:
    """The OPDs whose recap ``user`` sees on the dashboard: ``None`` means the whole city (admin BKPSDM, city
    pimpinan); an empty set means no recap at all (a pegawai without a stored role)."""
    roles = peran_of(user)
    if roles.melihat_semua:
        return None
    return roles.opd_dilihat


def dapat_menilai(actor: Pegawai | None, target: Pegawai, on: datetime.date | None = None) -> bool:
    """True when ``actor`` holds the pejabat penilai's rights over ``target`` on ``on`` (own position,
    override, or Plt/Plh)."""
    if actor is None or actor.pk == target.pk:
        return False
    return target.pk in id_bawahan_langsung(actor, on)


# --- view decorators -----------------------------------------------------------------------------------------
# Outside the view's role the answer is 404, not 403: a page that exists only for admins is not revealed.


# The role checks views pass to :func:`butuh_peran`, one per question, so every app asks it the same way.


def peran_admin(roles: Peran_) -> bool:
    """Admin OPD or admin BKPSDM (the management pages; each object is then scoped by ``*_managed_by``)."""
    return roles.admin


def peran_admin_bkpsdm(roles: Peran_) -> bool:
    """Admin BKPSDM: the instansi-wide settings and the audit trail."""
    return roles.admin_bkpsdm


def peran_admin_atau_pimpinan(roles: Peran_) -> bool:
    """Admins and pimpinan: the people who take recaps and exports of a whole scope. A pegawai or atasan reads their
    team on screen only, so personal data of a whole team does not leave the portal through an ordinary account."""
    return roles.admin or roles.pimpinan


def butuh_pegawai(view):
    """Login required and the login must belong to a pegawai (an admin-only account gets 404); the view gets the
    pegawai as its second argument."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        me = pegawai_of(request.user)
        if me is None:
            raise Http404
        return view(request, me, *args, **kwargs)

    return login_required(wrapped)


def butuh_peran(check: Callable[[Peran_], bool]):
    """Login required, then the stored roles must pass ``check``; otherwise 404."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(peran_of(request.user)):
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator
