"""Template helpers of the daily activity pages."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

from django import template
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from kinerja import rules
from kinerja.choices import KategoriAktivitas, StatusAktivitas

register = template.Library()

# One colour per status on every kinerja page: grey draft, amber waiting for the atasan, green approved, red
# rejected (the same scheme as the SKP badges).
_KELAS_STATUS = {
    StatusAktivitas.DRAFT: "text-bg-secondary",
    StatusAktivitas.DIAJUKAN: "text-bg-warning",
    StatusAktivitas.DISETUJUI: "text-bg-success",
    StatusAktivitas.DITOLAK: "text-bg-danger",
}


@register.simple_tag
def maks_teks(nama: str) -> int:
    """The limit of a free-text field written without a Django form (``{% maks_teks "catatan" %}`` is
    :data:`kinerja.rules.MAKS_CATATAN`), for the page's character counter."""
    return getattr(rules, f"MAKS_{nama.upper()}")


@register.filter
def kelas_status(status: str) -> str:
    """The Bootstrap badge class of an activity status."""
    return _KELAS_STATUS.get(status, "text-bg-light border")


@register.filter
def durasi(menit) -> str:
    """Minutes as hours and minutes for a reader: ``450`` → ``7 jam 30 menit``; ``45`` → ``45 menit``."""
    try:
        menit = int(menit)
    except (TypeError, ValueError):
        return ""
    jam, sisa = divmod(menit, 60)
    if not jam:
        return _("%(m)s menit") % {"m": sisa}
    if not sisa:
        return _("%(j)s jam") % {"j": jam}
    return _("%(j)s jam %(m)s menit") % {"j": jam, "m": sisa}


@register.filter
def lebar_persen(nilai) -> str:
    """A percentage for a CSS width: between 0 and 100, with a dot whatever the locale (``style="width: …%"``)."""
    try:
        angka = Decimal(str(nilai))
    except ArithmeticError:
        return "0"
    angka = min(max(angka, Decimal(0)), Decimal(100))
    return f"{angka:.1f}"


@register.filter
def volume(nilai) -> str:
    """A volume without trailing zeros, with the Indonesian decimal comma: ``Decimal("2.50")`` → ``2,5``."""
    if nilai is None or nilai == "":
        return ""
    teks = f"{Decimal(nilai):f}"
    if "." in teks:
        teks = teks.rstrip("0").rstrip(".")
    return teks.replace(".", ",")


@register.filter
def ke_json(nilai) -> str:
    """A value as JSON for a ``data-`` attribute (autoescaping makes it safe inside the quotes)."""
    return json.dumps(nilai)


@register.filter
def nama_bulan(tanggal) -> str:
    """``Maret 2026`` for any date of the month."""
    return date_format(tanggal, "F Y")


@register.filter
def label_kategori(kategori: str) -> str:
    """The display name of an activity category value (``tugas_tambahan`` → ``Tugas tambahan``)."""
    try:
        return str(KategoriAktivitas(kategori).label)
    except ValueError:
        return kategori


@register.filter
def angka(nilai) -> str:
    """A number in Indonesian format with thousands grouped (``6750`` → ``6.750``, ``3.6`` → ``3,6``), whatever
    the project's ``USE_THOUSAND_SEPARATOR``: minutes are read as amounts."""
    if nilai is None or nilai == "":
        return ""
    return number_format(nilai, use_l10n=True, force_grouping=True)


@register.filter
def bulan_dari(obj) -> str:
    """``Maret 2026`` for an object with ``tahun`` and ``bulan`` (a reopening)."""
    return date_format(datetime.date(obj.tahun, obj.bulan, 1), "F Y")
