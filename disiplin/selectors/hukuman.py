"""Who sees and who records hukuman disiplin, the records in force on a date, an OPD's counts per tingkat, and one
record's change history as its page shows it.

Visible to the pegawai concerned, their atasan chain (direct and second-level, Plt/Plh included), the admins and
pimpinan of their OPD, admin BKPSDM and city pimpinan: exactly :func:`pegawai.akses.pegawai_visible_to`. Recorded
and changed by admin BKPSDM, and by the admin OPD of the pegawai's OPD when ``settings.DISIPLIN_ADMIN_OPD_HUKUMAN``
allows it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pghistory.models import MiddlewareEvents

from pegawai.akses import Peran_, pegawai_managed_by, pegawai_visible_to, peran_of
from pegawai.models import Pegawai, User

from ..choices import StatusHukuman, TingkatHukuman
from ..models import HukumanDisiplin


def hukuman_visible_to(user) -> QuerySet[HukumanDisiplin]:
    """The records ``user`` may open (objects are fetched through this: 404 outside)."""
    if not getattr(user, "is_authenticated", False):
        return HukumanDisiplin.objects.none()
    if peran_of(user).melihat_semua:
        return HukumanDisiplin.objects.all()
    return HukumanDisiplin.objects.filter(pegawai__in=pegawai_visible_to(user).values("pk"))


def peran_pencatat(roles: Peran_) -> bool:
    """The role check of the pages that record and change hukuman: admin BKPSDM, or an admin OPD when the setting
    lets admin OPD record for their own OPD (read at each request, so a changed setting needs no restart)."""
    return roles.admin_bkpsdm or (bool(roles.admin_opd_ids) and settings.DISIPLIN_ADMIN_OPD_HUKUMAN)


def pegawai_hukuman_dikelola(user) -> QuerySet[Pegawai]:
    """The pegawai ``user`` may record a hukuman for: everyone for admin BKPSDM, the pegawai of their OPDs for an
    admin OPD when the setting allows, nobody otherwise."""
    roles = peran_of(user)
    if roles.admin_bkpsdm:
        return Pegawai.objects.all()
    if not peran_pencatat(roles):
        return Pegawai.objects.none()
    return pegawai_managed_by(user)


def hukuman_dikelola(user) -> QuerySet[HukumanDisiplin]:
    """The records ``user`` may change or cancel (same reach as :func:`pegawai_hukuman_dikelola`)."""
    if peran_of(user).admin_bkpsdm:
        return HukumanDisiplin.objects.all()
    return HukumanDisiplin.objects.filter(pegawai__in=pegawai_hukuman_dikelola(user).values("pk"))


def _berlaku_pada(per: datetime.date) -> Q:
    # In force on ``per``: not cancelled, started, and not ended. A jenis with no fixed duration (a teguran, a
    # pernyataan, PDHTAPS) has no end date: it stays on record from its TMT.
    return Q(status=StatusHukuman.BERLAKU, tmt__lte=per) & (
        Q(tanggal_selesai__isnull=True) | Q(tanggal_selesai__gte=per)
    )


def hukuman_berlaku(pegawai_ids: Iterable[int], per: datetime.date) -> dict[int, list[HukumanDisiplin]]:
    """Per pegawai id, the records in force on ``per`` (newest TMT first); one query however many pegawai."""
    hasil: dict[int, list[HukumanDisiplin]] = {}
    rows = HukumanDisiplin.objects.filter(_berlaku_pada(per), pegawai_id__in=list(pegawai_ids)).order_by("-tmt", "-pk")
    for h in rows:
        hasil.setdefault(h.pegawai_id, []).append(h)
    return hasil


def jumlah_per_tingkat(opd_id: int, per: datetime.date | None = None) -> dict[str, int]:
    """For the pegawai now working in the OPD ``opd_id``: how many records of each tingkat are in force on ``per``
    (every record not cancelled when ``per`` is ``None``). Every tingkat is a key, zero included."""
    rows = HukumanDisiplin.objects.filter(pegawai__jabatan__unit_kerja__perangkat_daerah_id=opd_id)
    rows = rows.filter(_berlaku_pada(per)) if per is not None else rows.filter(status=StatusHukuman.BERLAKU)
    hitung = dict(rows.values_list("tingkat").annotate(n=Count("pk")).order_by())
    return {t: hitung.get(t, 0) for t in TingkatHukuman.values}


# --- the history of one record ----------------------------------------------------------------------------------

LABEL_PERISTIWA = {
    "insert": gettext_lazy("dicatat"),
    "update": gettext_lazy("diubah"),
    "delete": gettext_lazy("dihapus"),
    "batal": gettext_lazy("dibatalkan"),
}
# Bookkeeping columns a reader of the history does not need (the actor and the time are shown per event).
_KOLOM_TERSEMBUNYI = {"id", "dicatat_oleh", "dicatat_pada", "dibatalkan_pada", "nama_berkas", "tipe_berkas", "pegawai"}


def _nilai(field, value):
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.name == "berkas":
        # The stored path is random and meaningless to a reader: say that a file is there.
        return _("berkas SK terlampir")
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        # pghistory keeps dates as ISO text; printed as the rest of the page prints dates ("31 Agustus 2025").
        return date_format(datetime.date.fromisoformat(value), "j F Y")
    return value


def riwayat_hukuman(hukuman: HukumanDisiplin) -> list[dict]:
    """The record's audit events, oldest first: when, who (the pegawai's name behind a login, else the user name),
    what happened, the reason given, and per changed column its label, old and new value. Two queries."""
    events = list(MiddlewareEvents.objects.tracks(hukuman).order_by("pgh_created_at", "pgh_id"))
    users = User.objects.filter(pk__in={e.user_id for e in events if e.user_id}).select_related("pegawai").in_bulk()
    fields = {f.attname: f for f in HukumanDisiplin._meta.concrete_fields}
    rows = []
    for e in events:
        perubahan = []
        if e.pgh_label == "update":
            for kolom, (sebelum, sesudah) in sorted((e.pgh_diff or {}).items()):
                field = fields.get(kolom)
                if field is None or field.name in _KOLOM_TERSEMBUNYI:
                    continue
                perubahan.append(
                    {"field": field.verbose_name, "sebelum": _nilai(field, sebelum), "sesudah": _nilai(field, sesudah)}
                )
            if not perubahan:
                continue
        label = e.pgh_label
        if label == "update" and (e.pgh_diff or {}).get("status", [None, None])[1] == StatusHukuman.DIBATALKAN:
            label = "batal"
        user = users.get(e.user_id)
        pegawai = getattr(user, "pegawai", None) if user is not None else None
        rows.append(
            {
                "waktu": e.pgh_created_at,
                "aktor": pegawai.nama_lengkap if pegawai else (user.get_username() if user else _("sistem")),
                "label": LABEL_PERISTIWA.get(label, label),
                "alasan": (e.pgh_context or {}).get("alasan", ""),
                "perubahan": perubahan,
            }
        )
    return rows
