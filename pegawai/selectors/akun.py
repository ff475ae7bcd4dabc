"""Groups of logins an admin gives first-login passwords at once: the pegawai of an OPD, or those one pegawai
import created (:func:`pegawai.services.akun_massal.akun_terbitkan_sandi_sementara` writes; this module reads).

An import is known by its audit context: the import writes inside ``as_actor(actor, aksi="impor_pegawai",
berkas=...)``, so every pegawai row it inserted carries that context's id in its history (pghistory). No table of
imports is needed, and an import run from the command line is found the same way.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.forms import IdField

from ..akses import opd_dikelola, pegawai_managed_by
from ..models import Pegawai, PerangkatDaerah

#: How many of the latest imports the page offers.
IMPOR_TERAKHIR = 20


def tanpa_sandi(prefix: str = "") -> Q:
    """A pegawai nobody can sign in as yet: no login at all, or the unusable password an import gives (``!…``).
    ``prefix`` is the path to the pegawai (``"pgh_obj__"`` from its history)."""
    return (
        Q(**{f"{prefix}user__isnull": True})
        | Q(**{f"{prefix}user__password__startswith": UNUSABLE_PASSWORD_PREFIX})
        | Q(**{f"{prefix}user__password": ""})
    )


@dataclass(frozen=True)
class Kelompok:
    """One choice of the page: ``jenis`` "opd" (``kunci`` the OPD's pk) or "impor" (the import's context id)."""

    jenis: str
    kunci: str
    label: str
    tanpa_sandi: int
    total: int

    @property
    def nilai(self) -> str:
        return f"{self.jenis}:{self.kunci}"


def _event_model():
    return Pegawai.pgh_event_models["insert"]


def _hitung(pegawai: QuerySet[Pegawai], kolom: str) -> dict:
    """``{value of kolom: (without password, total)}`` over the active pegawai of ``pegawai``, in one query."""
    rows = (
        pegawai.filter(aktif=True)
        .order_by()
        .values(kolom)
        .annotate(total=Count("pk"), tanpa=Count("pk", filter=tanpa_sandi()))
    )
    return {row[kolom]: (row["tanpa"], row["total"]) for row in rows}


def kelompok_opd(actor) -> list[Kelompok]:
    """The OPDs ``actor`` administers (every OPD for BKPSDM), with how many active pegawai have no password."""
    opd_ids = opd_dikelola(actor)
    opds = PerangkatDaerah.objects.all() if opd_ids is None else PerangkatDaerah.objects.filter(pk__in=opd_ids)
    counts = _hitung(pegawai_managed_by(actor), "jabatan__unit_kerja__perangkat_daerah_id")
    result = []
    for opd in opds.order_by("nama"):
        tanpa, total = counts.get(opd.pk, (0, 0))
        result.append(Kelompok("opd", str(opd.pk), opd.nama, tanpa, total))
    return result


def kelompok_impor(actor) -> list[Kelompok]:
    """The latest pegawai imports that created pegawai ``actor`` manages, newest first, counting only those."""
    managed = pegawai_managed_by(actor)
    aktif = Q(pgh_obj__aktif=True)
    imports = (
        _event_model()
        .objects.filter(
            pgh_label="insert",
            pgh_context__metadata__aksi="impor_pegawai",
            pgh_obj_id__in=managed.values("pk"),
        )
        .order_by()
        .values("pgh_context_id", "pgh_context__created_at", "pgh_context__metadata__berkas")
        .annotate(
            jumlah=Count("pgh_obj_id", distinct=True),
            total=Count("pgh_obj_id", distinct=True, filter=aktif),
            tanpa=Count("pgh_obj_id", distinct=True, filter=aktif & tanpa_sandi("pgh_obj__")),
        )
        .order_by("-pgh_context__created_at")[:IMPOR_TERAKHIR]
    )
    result = []
    for row in imports:
        waktu = date_format(timezone.localtime(row["pgh_context__created_at"]), "j F Y, H.i")
        berkas = row["pgh_context__metadata__berkas"] or _("tanpa nama berkas")
        label = _("Impor %(waktu)s · %(berkas)s · %(n)d pegawai baru") % {
            "waktu": waktu,
            "berkas": berkas,
            "n": row["jumlah"],
        }
        result.append(Kelompok("impor", str(row["pgh_context_id"]), label, row["tanpa"], row["total"]))
    return result


def pegawai_kelompok(actor, nilai: str) -> QuerySet[Pegawai] | None:
    """The active pegawai ``actor`` manages in the group ``nilai`` ("opd:<pk>" or "impor:<context id>"); ``None``
    for a group that does not exist or lies outside the actor's OPDs."""
    jenis, _sep, kunci = (nilai or "").partition(":")
    managed = pegawai_managed_by(actor)
    if jenis == "opd":
        try:
            opd_id = IdField().clean(kunci)
        except ValidationError:
            return None
        opd_ids = opd_dikelola(actor)
        if opd_ids is not None and opd_id not in opd_ids:
            return None
        if not PerangkatDaerah.objects.filter(pk=opd_id).exists():
            return None
        return managed.filter(aktif=True, jabatan__unit_kerja__perangkat_daerah_id=opd_id)
    if jenis == "impor":
        try:
            context_id = uuid.UUID(kunci)
        except ValueError:
            return None
        created = _event_model().objects.filter(
            pgh_label="insert", pgh_context_id=context_id, pgh_context__metadata__aksi="impor_pegawai"
        )
        # An import that created nobody the actor manages is someone else's, not an empty group.
        pegawai = managed.filter(pk__in=created.values("pgh_obj_id"))
        if not pegawai.exists():
            return None
        return pegawai.filter(aktif=True)
    return None
