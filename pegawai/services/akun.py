"""Logins, their passwords and their stored roles.

Imported and seeded pegawai get an unusable password; the admin of their OPD (or BKPSDM) hands out a temporary
one, shown once, and the pegawai must replace it before doing anything else (the pages are in
:mod:`pegawai.views.akun`, the forced change in :class:`pegawai.akun.WajibGantiSandiMiddleware`). The Django admin
changes logins and passwords through the same reach: an admin OPD the logins of the pegawai they manage, BKPSDM
every login. Staff and superuser status, groups, permissions and roles (:class:`~pegawai.models.Peran`) decide
what a login may do everywhere, so only admin BKPSDM grants them.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit import as_actor
from portal.models import AksesLog
from portal.unchanged import UNCHANGED

from ..akses import akun_managed_by, opd_dikelola, pegawai_managed_by
from ..choices import JenisPeran
from ..hashers import hash_sandi_sementara
from ..models import Pegawai, Peran, User
from .base import hanya_bkpsdm, hapus, tersimpan, tidak_berwenang, tolak, validasi

# Letters and digits that cannot be confused when read aloud or copied from paper (no 0/O, 1/l/I).
_ALFABET = "abcdefghjkmnpqrstuvwxyz23456789"


def sandi_sementara() -> str:
    groups = ["".join(secrets.choice(_ALFABET) for _ in range(4)) for _ in range(3)]
    return "-".join(groups)


def _pegawai_tidak_aktif() -> str:
    return _("Pegawai tidak aktif tidak dapat diberi kata sandi.")


def akun_atur_ulang_sandi(*, actor: User, pegawai: Pegawai) -> str:
    """Give ``pegawai`` a temporary password (returned, never stored in clear) that must be changed at login.

    Creates the login (username = NIP) when the pegawai has none. Refused with PegawaiTidakBerwenang outside
    the actor's admin scope and PegawaiError for a pegawai no longer active; the change is audited (pghistory)
    with the actor.
    """
    sandi = sandi_sementara()
    with transaction.atomic(), as_actor(actor, aksi="akun_atur_ulang_sandi"):
        # Scope and status judged on the stored row, locked: a second click waits for the first.
        pegawai = tersimpan(pegawai_managed_by(actor), pegawai.pk)
        if pegawai is None:
            raise tidak_berwenang(_("Pegawai ini di luar kewenangan Anda."))
        if not pegawai.aktif:
            raise tolak(_pegawai_tidak_aktif())
        user = pegawai.user
        if user is None:
            user, _created = User.objects.get_or_create(username=pegawai.nip)
            pegawai.user = user
            pegawai.save(update_fields=["user"])
        user.password = hash_sandi_sementara(sandi)
        user.is_active = True
        user.harus_ganti_sandi = True
        user.save(update_fields=["password", "is_active", "harus_ganti_sandi"])
    return sandi


def akun_sandi_diganti(*, user: User) -> None:
    """``user`` replaced their temporary password themselves (Django's password change saved it): the login may
    use the portal again. Call it in the transaction that saved the password, so both land or neither does."""
    with as_actor(user):
        User.objects.filter(pk=user.pk, harus_ganti_sandi=True).update(harus_ganti_sandi=False)
    user.harus_ganti_sandi = False


def _akun_di_luar() -> str:
    return _("Akun ini bukan milik pegawai di perangkat daerah yang Anda kelola.")


def _hak_yang_berubah(current: User, user: User, groups, user_permissions) -> list[str]:
    """The fields granting rights whose value ``user`` (and the many-to-many values, when given) would change."""
    changed = [field for field in ("is_staff", "is_superuser") if getattr(current, field) != getattr(user, field)]
    for field, values in (("groups", groups), ("user_permissions", user_permissions)):
        if values is not UNCHANGED:
            stored = set(getattr(current, field).values_list("pk", flat=True))
            if stored != {value.pk for value in values}:
                changed.append(field)
    return changed


def akun_simpan(
    *,
    actor,
    user: User,
    sandi: str | None = UNCHANGED,
    groups: Iterable = UNCHANGED,
    user_permissions: Iterable = UNCHANGED,
) -> User:
    """Add or change a login (``user`` with its new values; no pk for a new one).

    ``sandi``: a new password, ``None`` for none that works (sign-in by password disabled), or UNCHANGED;
    ``groups`` and ``user_permissions``: the new sets, or UNCHANGED. A new login is BKPSDM's (an admin OPD creates
    one with :func:`akun_atur_ulang_sandi`); an admin OPD changes the logins of their pegawai, but not the fields
    that grant rights."""
    with transaction.atomic(), as_actor(actor, aksi="akun_simpan"):
        if user.pk is None:
            hanya_bkpsdm(
                actor,
                _(
                    "Akun baru dibuat oleh admin BKPSDM; admin OPD membuat akun lewat “Buat akun masuk” di halaman "
                    "pegawai."
                ),
            )
        else:
            current = tersimpan(akun_managed_by(actor), user.pk)
            if current is None:
                raise tidak_berwenang(_akun_di_luar())
            if opd_dikelola(actor) is not None:
                changed = _hak_yang_berubah(current, user, groups, user_permissions)
                if changed:
                    message = _("Status staf, superuser, grup, dan izin akun hanya diubah oleh admin BKPSDM.")
                    raise tidak_berwenang(message, changed[0])
        if sandi is None:
            user.set_unusable_password()
        elif sandi is not UNCHANGED:
            user.set_password(sandi)
        validasi(user)
        user.save()
        if groups is not UNCHANGED:
            user.groups.set(groups)
        if user_permissions is not UNCHANGED:
            user.user_permissions.set(user_permissions)
    return user


def akun_atur_sandi(*, actor, user: User, sandi: str | None) -> User:
    """Set the password of a login the actor manages (``None``: sign-in by password disabled). A login of a pegawai
    no longer active gets no new password, as with :func:`akun_atur_ulang_sandi`."""
    with transaction.atomic(), as_actor(actor, aksi="akun_atur_sandi"):
        current = tersimpan(akun_managed_by(actor), user.pk)
        if current is None:
            raise tidak_berwenang(_akun_di_luar())
        if sandi is not None and Pegawai.objects.filter(user=current, aktif=False).exists():
            raise tolak(_pegawai_tidak_aktif())
        if sandi is None:
            current.set_unusable_password()
        else:
            current.set_password(sandi)
        current.save(update_fields=["password"])
    user.password = current.password
    return user


def akun_hapus(*, actor, user: User) -> None:
    """Delete a login the actor manages; one that appears in the access log of personal data is refused (the log
    would lose who looked: UU 27/2022), and so is one that other records still point at."""
    with transaction.atomic(), as_actor(actor, aksi="akun_hapus"):
        if not User.objects.filter(pk=user.pk).exists():
            return
        current = tersimpan(akun_managed_by(actor), user.pk)
        if current is None:
            raise tidak_berwenang(_akun_di_luar())
        saran = _("Nonaktifkan saja (kosongkan “aktif”) agar jejaknya tetap utuh.")
        if AksesLog.objects.filter(user=current).exists():
            raise tolak(_("Akun ini tercatat di log akses data pribadi. %(saran)s") % {"saran": saran})
        hapus(current, saran)


# --- roles ---------------------------------------------------------------------------------------------------


def _peran_hanya_bkpsdm(actor) -> None:
    hanya_bkpsdm(actor, _("Peran hanya diberikan, diubah, atau dicabut oleh admin BKPSDM."))


def peran_simpan(*, actor, peran: Peran) -> Peran:
    """Grant or change a stored role (admin BKPSDM only). An admin OPD names the OPD they administer; admin
    BKPSDM covers the whole city and names none."""
    with transaction.atomic(), as_actor(actor, aksi="peran_simpan"):
        _peran_hanya_bkpsdm(actor)
        if peran.jenis == JenisPeran.ADMIN_OPD and peran.perangkat_daerah_id is None:
            raise tolak(_("Admin OPD harus disertai perangkat daerah yang dikelolanya."), "perangkat_daerah")
        if peran.jenis == JenisPeran.ADMIN_BKPSDM and peran.perangkat_daerah_id is not None:
            raise tolak(_("Admin BKPSDM berlaku untuk seluruh kota; kosongkan perangkat daerah."), "perangkat_daerah")
        validasi(peran)
        peran.save()
    return peran


def peran_hapus(*, actor, peran: Peran) -> None:
    """Take a stored role away (admin BKPSDM only); one already gone is left alone (double click)."""
    with transaction.atomic(), as_actor(actor, aksi="peran_hapus"):
        _peran_hanya_bkpsdm(actor)
        current = tersimpan(Peran.objects.all(), peran.pk)
        if current is not None:
            current.delete()
