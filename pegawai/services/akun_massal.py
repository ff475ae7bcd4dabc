"""First-login passwords for many pegawai at once: those of an OPD, or those one import created.

Imported pegawai get a login with an unusable password (pegawai/impor/tulis.py); giving each one a temporary
password through their profile (:func:`pegawai.services.akun.akun_atur_ulang_sandi`) is a click per person. Here
the admin of an OPD (or BKPSDM, for any OPD) issues them for a whole group in one transaction: the same temporary
passwords, the same forced change at first login, the same reach. The list of NIP, name and password is returned
to the caller to show or hand out once; only the hashes are stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from portal.akseslog import catat_akses
from portal.audit import as_actor
from portal.choices import JenisAkses

from ..hashers import hash_sandi_sementara
from ..models import Pegawai, User
from ..selectors.akun import pegawai_kelompok, tanpa_sandi
from .akun import sandi_sementara
from .base import tidak_berwenang, tolak


@dataclass(frozen=True)
class SandiTerbit:
    """One line of the list handed to the pegawai: who, where, and the temporary password (never stored)."""

    nip: str
    nip_tercetak: str
    nama: str
    jabatan: str
    unit_kerja: str
    sandi: str
    akun_baru: bool


def akun_terbitkan_sandi_sementara(
    *, actor: User, kelompok: str, label: str = "", termasuk_bersandi: bool = False, request=None
) -> list[SandiTerbit]:
    """Give every active pegawai of ``kelompok`` ("opd:<pk>" or "impor:<context id>", see
    :mod:`pegawai.selectors.akun`) that ``actor`` manages a temporary password they must replace at first login,
    creating the login (username = NIP) where there is none.

    Only logins nobody can sign in with yet, unless ``termasuk_bersandi``: then every password of the group is
    replaced. All or nothing in one transaction; the logins' changes are audited with the actor (pghistory) and
    the issuing is one row of the access log (``label`` names the group there; the list holds personal data).
    Refused with PegawaiTidakBerwenang for a group outside the actor's reach, PegawaiError when nobody in it
    needs a password. Returns the list ordered by unit kerja and name.
    """
    with transaction.atomic(), as_actor(actor, aksi="akun_terbitkan_sandi_sementara", kelompok=kelompok):
        pegawai_qs = pegawai_kelompok(actor, kelompok)
        if pegawai_qs is None:
            raise tidak_berwenang(_("Kelompok pegawai ini tidak ada atau di luar kewenangan Anda."), "kelompok")
        if not termasuk_bersandi:
            pegawai_qs = pegawai_qs.filter(tanpa_sandi())
        # Locked: a single reset of one of them (which locks the pegawai row too) waits for this one.
        pegawai = list(
            pegawai_qs.select_for_update(of=("self",))
            .select_related("user", "jabatan__unit_kerja")
            .order_by("jabatan__unit_kerja__nama", "nama", "nip")
        )
        if not pegawai:
            raise tolak(
                _(
                    "Semua pegawai aktif di kelompok ini sudah dapat masuk dengan kata sandinya. Centang “Ganti juga "
                    "kata sandi yang sudah ada” bila kata sandi mereka memang harus diganti."
                ),
                "kelompok",
            )
        hasil = _pasang_sandi(pegawai)
        catat_akses(
            user=actor,
            jenis=JenisAkses.EKSPOR,
            objek=_("Daftar kata sandi sementara: %(kelompok)s") % {"kelompok": label or kelompok},
            request=request,
            jumlah_baris=len(hasil),
        )
    return hasil


def _pasang_sandi(pegawai: list[Pegawai]) -> list[SandiTerbit]:
    """Set the temporary passwords in bulk: a fixed number of queries whatever the size of the group (the
    history triggers still record each login's change)."""
    tanpa_akun = [p for p in pegawai if p.user_id is None]
    # A login named by the NIP but linked to no pegawai (an earlier import rolled back halfway, a login made by
    # hand) is taken over, as the single reset does.
    yatim = User.objects.filter(username__in=[p.nip for p in tanpa_akun], pegawai__isnull=True).in_bulk(
        field_name="username"
    )
    baru = []
    for p in tanpa_akun:
        user = yatim.get(p.nip)
        if user is None:
            user = User(username=p.nip)
            baru.append(user)
        p.user = user
    sandi = {p.pk: sandi_sementara() for p in pegawai}
    for p in pegawai:
        p.user.password = hash_sandi_sementara(sandi[p.pk])
        p.user.is_active = True
        p.user.harus_ganti_sandi = True
    baru_ids = {id(u) for u in baru}
    lama = [p.user for p in pegawai if id(p.user) not in baru_ids]
    User.objects.bulk_create(baru)
    User.objects.bulk_update(lama, ["password", "is_active", "harus_ganti_sandi"])
    Pegawai.objects.bulk_update(tanpa_akun, ["user"])
    return [
        SandiTerbit(
            nip=p.nip,
            nip_tercetak=p.nip_tercetak,
            nama=p.nama_lengkap,
            jabatan=p.jabatan.nama,
            unit_kerja=p.jabatan.unit_kerja.nama,
            sandi=sandi[p.pk],
            akun_baru=id(p.user) in baru_ids,
        )
        for p in pegawai
    ]
