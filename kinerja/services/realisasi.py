"""The realisasi a pegawai states for an IKI that is not a sum of activities — kualitas, waktu, biaya, and every
IKI of the JPT form (:func:`kinerja.rules.cara_realisasi`, docs/ATURAN.md): a value for one month of the SKP period
with a short explanation and a link or a reference to the evidence. A kuantitas IKI is never stated: it is the
sum of the approved activities (:func:`kinerja.selectors.realisasi.realisasi`)."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from pegawai.models import Pegawai
from portal.audit import as_person
from portal.locking import lock_row
from portal.teks import ada_karakter_kendali
from skp.models import IndikatorKinerjaIndividu, Skp

from .. import rules, waktu
from ..errors import AktivitasError, AktivitasTidakBerwenang
from ..models import RealisasiDinyatakan
from ..selectors.penguncian import status_kunci
from ..selectors.realisasi import alasan_tidak_dapat_dinyatakan
from ._common import galat, teks

BATAS_BUKTI = RealisasiDinyatakan._meta.get_field("bukti").max_length

_NILAI = RealisasiDinyatakan._meta.get_field("nilai")
# The largest value the column holds is just under 10^(digits before the comma); anything larger would make
# PostgreSQL refuse the row (numeric field overflow) after the checks passed.
_BATAS_NILAI = Decimal(10) ** (_NILAI.max_digits - _NILAI.decimal_places)
_LANGKAH_NILAI = Decimal(1).scaleb(-_NILAI.decimal_places)


def _nilai(nilai) -> Decimal | None:
    """A number as typed in Indonesia or elsewhere: ``95,5``, ``95.5``, ``1.500.000``, ``1.500.000,50``. A comma
    is the decimal mark, and then every dot groups thousands; without a comma, several dots group thousands and
    one dot is the decimal mark (``95.5``)."""
    if isinstance(nilai, Decimal):
        return nilai if nilai.is_finite() else None
    if isinstance(nilai, int):
        return Decimal(nilai)
    if not isinstance(nilai, str):
        return None
    angka = nilai.strip().replace(" ", "").replace("\u00a0", "")
    if "," in angka:
        angka = angka.replace(".", "").replace(",", ".", 1)
    elif angka.count(".") > 1:
        angka = angka.replace(".", "")
    if not angka or not all(c in "0123456789.-+" for c in angka):
        return None
    try:
        hasil = Decimal(angka)
    except InvalidOperation:
        return None
    return hasil if hasil.is_finite() else None


def _ada_karakter_format(isi: str) -> bool:
    # Invisible format characters (right-to-left override, zero-width space) can make a reference or a link read
    # as something else on the atasan's screen.
    return any(unicodedata.category(c) == "Cf" for c in isi)


def periksa_isi(*, nilai, penjelasan, bukti) -> tuple[Decimal | None, str, str, dict[str, str]]:
    """The value, explanation and evidence cleaned, and the message per field for anything refused (keyed by the
    argument names of :func:`realisasi_nyatakan`). No database access."""
    errors: dict[str, str] = {}
    angka = _nilai(nilai)
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        errors["nilai"] = _("Realisasi wajib diisi.")
    elif angka is None:
        errors["nilai"] = _("Realisasi harus berupa angka, misalnya 95 atau 95,5.")
    elif angka < 0:
        errors["nilai"] = _("Realisasi tidak boleh negatif.")
    elif angka >= _BATAS_NILAI:
        errors["nilai"] = _("Realisasi terlalu besar.")
    elif angka != angka.quantize(_LANGKAH_NILAI):
        errors["nilai"] = _("Realisasi paling banyak memiliki dua angka di belakang koma.")

    penjelasan = teks(penjelasan if isinstance(penjelasan, str) else "").replace("\r\n", "\n").replace("\r", "\n")
    if not penjelasan:
        errors["penjelasan"] = _("Jelaskan singkat bagaimana realisasi ini dicapai dan diukur.")
    elif len(penjelasan) > rules.MAKS_PENJELASAN:
        errors["penjelasan"] = _("Penjelasan paling banyak %(n)s karakter.") % {"n": rules.MAKS_PENJELASAN}

    bukti = teks(bukti if isinstance(bukti, str) else "")
    if not bukti:
        errors["bukti"] = _("Isi tautan ke bukti dukung, atau rujukan tempat bukti disimpan (nomor dokumen, arsip).")
    elif ada_karakter_kendali(bukti) or _ada_karakter_format(bukti):
        errors["bukti"] = _("Bukti dukung memuat karakter yang tidak diizinkan.")
    elif len(bukti) > BATAS_BUKTI:
        errors["bukti"] = _("Bukti dukung paling banyak %(n)s karakter.") % {"n": BATAS_BUKTI}
    elif bukti.lower().startswith(("http://", "https://")):
        if pesan := rules.periksa_tautan(bukti):
            errors["bukti"] = pesan
    elif "://" in bukti or bukti.lower().startswith(("javascript:", "data:", "file:", "vbscript:")):
        # Only http(s) is shown as a link; another scheme would run or open something in the atasan's browser.
        errors["bukti"] = _("Tautan harus berupa alamat web lengkap yang diawali http:// atau https://.")
    return angka, penjelasan, bukti, errors


def realisasi_nyatakan(
    *, actor: Pegawai, iki: IndikatorKinerjaIndividu, tahun: int, bulan: int, nilai, penjelasan: str, bukti: str
) -> RealisasiDinyatakan:
    """State (or state again) the realisasi of ``iki`` for ``tahun``-``bulan``, as its SKP's owner.

    Refused with :class:`~kinerja.errors.AktivitasTidakBerwenang` when ``actor`` does not own the SKP, and with
    :class:`~kinerja.errors.AktivitasError` when the IKI is summed rather than stated (kuantitas), when the month
    may not be stated (:func:`kinerja.selectors.realisasi.alasan_tidak_dapat_dinyatakan`: an SKP not approved
    or replaced by a perubahan, a month outside its period or not begun, a locked month), or when a field is
    wrong (``errors`` keyed ``nilai``, ``penjelasan``, ``bukti``: the value must be a number of at most two
    decimals within the column's digits, the explanation (≤ 1000 characters) and the evidence (a http(s) link or
    a reference, ≤ 2000 characters) are required and may hold no control characters).

    The caller may rely on: one row per IKI and month (a new statement replaces the value, explanation and
    evidence; the audit trail keeps the earlier ones, attributed to ``actor``), and nothing written when refused.
    The IKI and its SKP are read again from the database, the SKP row locked, so a stale page or a perubahan
    approved meanwhile is refused."""
    iki = IndikatorKinerjaIndividu.objects.select_related("rhk__skp").get(pk=iki.pk)
    if actor is None or actor.pk != iki.rhk.skp.pegawai_id:
        raise AktivitasTidakBerwenang(_("Hanya pegawai pemilik SKP yang dapat menyatakan realisasinya."))
    if rules.cara_realisasi(iki.aspek, iki.satuan) == rules.CaraRealisasi.DIJUMLAH:
        raise AktivitasError(
            _("Realisasi IKI kuantitas dihitung dari volume aktivitas yang disetujui, tidak dinyatakan sendiri.")
        )
    angka, penjelasan, bukti, errors = periksa_isi(nilai=nilai, penjelasan=penjelasan, bukti=bukti)
    if errors:
        raise galat(errors)
    with transaction.atomic(), as_person(actor):
        # Locking the SKP serialises statements on it (two tabs stating the same month write one row after the
        # other) and against its replacement by a perubahan, which is checked again on the locked row.
        skp = lock_row(Skp, iki.rhk.skp_id)
        if skp.pegawai_id != actor.pk:
            raise AktivitasTidakBerwenang(_("Hanya pegawai pemilik SKP yang dapat menyatakan realisasinya."))
        alasan = alasan_tidak_dapat_dinyatakan(
            skp, tahun, bulan, waktu.hari_ini(), lambda: status_kunci(actor, tahun, bulan)
        )
        if alasan:
            raise AktivitasError(alasan)
        realisasi, _dibuat = RealisasiDinyatakan.objects.update_or_create(
            iki=iki,
            tahun=tahun,
            bulan=bulan,
            defaults={"nilai": angka, "penjelasan": penjelasan, "bukti": bukti},
        )
    return realisasi
