"""Template helpers of the SKP pages."""

from django import template

from pegawai.nip import format_nip
from skp.choices import StatusRekap

register = template.Library()

# One colour per status everywhere (badges, the doughnut on the daftar nominatif): grey while nothing is submitted,
# amber waiting for the atasan, red returned, green approved.
_KELAS_STATUS = {
    StatusRekap.BELUM_DIBUAT: "text-bg-light border",
    StatusRekap.DRAFT: "text-bg-secondary",
    StatusRekap.DIAJUKAN: "text-bg-warning",
    StatusRekap.DIKEMBALIKAN: "text-bg-danger",
    StatusRekap.DISETUJUI: "text-bg-success",
}


@register.filter
def kelas_status(status: str) -> str:
    """The Bootstrap badge class of an SKP status (:class:`~skp.choices.StatusRekap` value)."""
    return _KELAS_STATUS.get(status, "text-bg-light border")


@register.filter
def baris_teks(teks: str) -> list[str]:
    """Non-empty lines of a narrative field (ukuran keberhasilan is written as one point per line)."""
    return [b.strip(" \t-•*") for b in (teks or "").splitlines() if b.strip(" \t-•*")]


@register.filter
def id_sel(value, prefix: str) -> str:
    """``rhk.pk|id_sel:"rhk"`` → ``"#rhk-12"``: the CSS selector of an editor element, for ``hx-target``."""
    return f"#{prefix}-{value}"


@register.filter
def nip_cetak(nip: str) -> str:
    """An 18-digit NIP as printed ("19850105 201003 1 004"); anything else unchanged."""
    return format_nip(nip) if nip else ""
