"""Recording hukuman disiplin (PP 94/2021): entered, changed and cancelled by admin BKPSDM, or by the admin OPD of
the pegawai's OPD when ``settings.DISIPLIN_ADMIN_OPD_HUKUMAN`` allows it (:mod:`disiplin.selectors.hukuman`).

A record is never deleted: a cancellation is a state with its reason. Every write runs under
:func:`portal.audit.as_actor`, so the audit trail (pghistory) names who did it, and a change or cancellation
carries its reason in the event's context. The tingkat (SIASN ``hukdis`` R/S/B), the duration and the end date follow
from the jenis (:mod:`disiplin.rules`); a duration typed for a jenis that fixes it must match it. The SK scan is
optional and checked by its content: a PDF, JPEG or PNG whatever its name says — a PNG named ``sk.pdf`` is kept as
``sk.png`` — and refused otherwise."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.berkas import JPEG, PDF, PNG, SEMUA_EKSTENSI, BerkasDiperiksa, BerkasDitolak, periksa_berkas
from kinerja.models import PengaturanKinerja, bukti_storage
from kinerja.rules import ekstensi, nama_berkas_aman
from pegawai.models import Pegawai
from portal.audit import as_actor
from portal.berkas import simpan_dengan_berkas
from portal.locking import lock_row, refresh_from_locked
from portal.teks import ada_karakter_kendali

from .. import rules
from ..choices import JenisHukuman, StatusHukuman
from ..errors import DisiplinError, DisiplinTidakBerwenang
from ..models import HukumanDisiplin
from ..selectors.hukuman import hukuman_dikelola, pegawai_hukuman_dikelola

#: The kinds of SK file kept: a scan or a signed PDF.
JENIS_BERKAS_SK = (PDF, JPEG, PNG)
MAKS_NOMOR_SK = 100
MAKS_TEKS = 2000


def _galat(errors: dict[str, str]) -> DisiplinError:
    return DisiplinError(" ".join(errors.values()), errors=errors, daftar=list(errors.values()))


def _teks(nilai, field: str, maks: int, errors: dict[str, str], *, wajib: str = "", baris: bool = False) -> str:
    """Free text stripped; its problem (a line break or tab in a one-line text, too long, empty when ``wajib``
    names it) goes into ``errors``. Other control characters never arrive: portal.middleware removes them."""
    isi = (nilai or "").strip()
    if not baris and ada_karakter_kendali(isi):
        errors[field] = _("Teks berisi karakter yang tidak diizinkan.")
    elif len(isi) > maks:
        errors[field] = _("Paling banyak %(n)s karakter.") % {"n": maks}
    elif wajib and not isi:
        errors[field] = _("%(label)s wajib diisi.") % {"label": wajib}
    return isi


def periksa_berkas_sk(berkas) -> BerkasDiperiksa:
    """Check an SK upload before anything is written: within the instansi's size limit and a PDF, JPEG or PNG by
    content. The name's own extension is dropped first, so the kept name ends as the content is (the file is always
    served as an attachment with the content's type)."""
    aman = nama_berkas_aman(berkas.name or "")
    dasar = aman.rpartition(".")[0] if ekstensi(aman) in SEMUA_EKSTENSI else aman
    try:
        diperiksa = periksa_berkas(berkas, dasar or "sk", berkas.size, PengaturanKinerja.get_solo().maks_unggah_mb)
    except BerkasDitolak as exc:
        raise _galat({"berkas": str(exc)}) from None
    if diperiksa.jenis not in JENIS_BERKAS_SK:
        raise _galat({"berkas": _("Berkas SK harus berupa PDF atau gambar JPEG/PNG.")})
    return diperiksa


def _periksa_isian(
    *,
    jenis,
    nomor_sk,
    tanggal_sk: datetime.date | None,
    tmt: datetime.date | None,
    lama_bulan: int | None,
    keterangan,
) -> dict:
    """Every field checked at once (all problems reported together); returns the values to store, with the tingkat,
    duration and end date the jenis gives."""
    errors: dict[str, str] = {}
    if jenis not in JenisHukuman.values:
        errors["jenis"] = _("Pilih jenis hukuman disiplin.")
    nomor_sk = _teks(nomor_sk, "nomor_sk", MAKS_NOMOR_SK, errors, wajib=_("Nomor SK"))
    keterangan = _teks(keterangan, "keterangan", MAKS_TEKS, errors, baris=True)
    if tanggal_sk is None:
        errors["tanggal_sk"] = _("Tanggal SK wajib diisi.")
    elif tanggal_sk > timezone.localdate():
        errors["tanggal_sk"] = _("Tanggal SK tidak boleh setelah hari ini.")
    if tmt is None:
        errors["tmt"] = _("TMT hukuman wajib diisi.")
    elif "tanggal_sk" not in errors and tmt < tanggal_sk:
        # A hukuman takes effect on or after the day its decision is signed, never before it.
        errors["tmt"] = _("TMT hukuman tidak boleh sebelum tanggal SK.")
    lama = tetap = None
    if "jenis" not in errors:
        tetap = rules.lama_bulan(jenis)
        label = JenisHukuman(jenis).label
        if lama_bulan is not None and tetap is None:
            errors["lama_bulan"] = _("%(jenis)s tidak memiliki lama hukuman; kosongkan isian lama.") % {"jenis": label}
        elif lama_bulan is not None and lama_bulan != tetap:
            errors["lama_bulan"] = _("Lama hukuman %(jenis)s adalah %(n)s bulan.") % {"jenis": label, "n": tetap}
        lama = tetap
    if errors:
        raise _galat(errors)
    return {
        "jenis": jenis,
        "tingkat": rules.tingkat(jenis),
        "nomor_sk": nomor_sk,
        "tanggal_sk": tanggal_sk,
        "tmt": tmt,
        "lama_bulan": lama,
        "tanggal_selesai": rules.tanggal_selesai(jenis, tmt),
        "keterangan": keterangan,
    }


def _pastikan_pencatat(actor, pegawai: Pegawai) -> None:
    if not pegawai_hukuman_dikelola(actor).filter(pk=pegawai.pk).exists():
        raise DisiplinTidakBerwenang(
            _("Hanya admin BKPSDM (atau admin OPD pegawai ini, bila diizinkan) yang dapat mencatat hukuman disiplin.")
        )


def _simpan_berkas(hukuman: HukumanDisiplin, berkas, diperiksa: BerkasDiperiksa | None, **save_kwargs) -> None:
    if diperiksa is None:
        hukuman.save(**save_kwargs)
        return
    hukuman.nama_berkas = diperiksa.nama
    hukuman.tipe_berkas = diperiksa.jenis.mimetype
    # The stored name is the model's random path (sk_upload_to); the original name is kept for display only.
    simpan_dengan_berkas(hukuman, "berkas", "sk", berkas, **save_kwargs)


def hukuman_catat(
    *,
    actor,
    pegawai: Pegawai,
    jenis: JenisHukuman | str,
    nomor_sk: str,
    tanggal_sk: datetime.date | None,
    tmt: datetime.date | None,
    lama_bulan: int | None = None,
    keterangan: str = "",
    berkas=None,
) -> HukumanDisiplin:
    """Record a hukuman disiplin for ``pegawai``. Refused (DisiplinTidakBerwenang) for anyone but admin BKPSDM and,
    when the setting allows, the admin OPD of the pegawai's OPD; refused (DisiplinError, every field's problem at
    once) with an empty SK number, an SK dated in the future, a TMT before the SK, a duration that contradicts the
    jenis, or an SK file that is not a PDF/JPEG/PNG by content. The record starts in force."""
    _pastikan_pencatat(actor, pegawai)
    isian = _periksa_isian(
        jenis=jenis, nomor_sk=nomor_sk, tanggal_sk=tanggal_sk, tmt=tmt, lama_bulan=lama_bulan, keterangan=keterangan
    )
    diperiksa = periksa_berkas_sk(berkas) if berkas else None
    with transaction.atomic(), as_actor(actor, aksi="hukuman_catat"):
        hukuman = HukumanDisiplin(pegawai=pegawai, dicatat_oleh=actor, **isian)
        _simpan_berkas(hukuman, berkas, diperiksa)
    return hukuman


def _kunci_dikelola(actor, hukuman: HukumanDisiplin) -> HukumanDisiplin:
    """Inside a transaction: the record locked (a second admin waits and then sees the state the first left),
    ``actor`` allowed to change it, and still in force."""
    if not hukuman_dikelola(actor).filter(pk=hukuman.pk).exists():
        raise DisiplinTidakBerwenang(
            _("Hanya admin BKPSDM (atau admin OPD pegawai ini, bila diizinkan) yang dapat mengubah hukuman disiplin.")
        )
    locked = lock_row(hukuman)
    if locked.status != StatusHukuman.BERLAKU:
        raise DisiplinError(_("Hukuman disiplin ini sudah dibatalkan dan tidak dapat diubah lagi."))
    return locked


def hukuman_ubah(
    *,
    actor,
    hukuman: HukumanDisiplin,
    jenis: JenisHukuman | str,
    nomor_sk: str,
    tanggal_sk: datetime.date | None,
    tmt: datetime.date | None,
    lama_bulan: int | None = None,
    keterangan: str = "",
    berkas=None,
    alasan: str,
) -> HukumanDisiplin:
    """Correct a record in force, with the same checks as :func:`hukuman_catat` and the same people allowed; the
    reason is required and kept with the audit event. ``berkas`` replaces the SK file (the old file is removed after
    the commit); ``None`` keeps it. A change that changes nothing is refused, so every reason names a change."""
    errors: dict[str, str] = {}
    alasan = _teks(alasan, "alasan", MAKS_TEKS, errors, wajib=_("Alasan perubahan"), baris=True)
    if errors:
        raise _galat(errors)
    isian = _periksa_isian(
        jenis=jenis, nomor_sk=nomor_sk, tanggal_sk=tanggal_sk, tmt=tmt, lama_bulan=lama_bulan, keterangan=keterangan
    )
    diperiksa = periksa_berkas_sk(berkas) if berkas else None
    with transaction.atomic(), as_actor(actor, aksi="hukuman_ubah", alasan=alasan):
        locked = _kunci_dikelola(actor, hukuman)
        berubah = [k for k, v in isian.items() if getattr(locked, k) != v]
        if not berubah and diperiksa is None:
            raise DisiplinError(_("Tidak ada yang berubah; perubahan tidak disimpan."))
        for kolom in berubah:
            setattr(locked, kolom, isian[kolom])
        lama = locked.berkas.name if diperiksa is not None and locked.berkas else ""
        kolom_disimpan = [*berubah, *(("berkas", "nama_berkas", "tipe_berkas") if diperiksa else ())]
        _simpan_berkas(locked, berkas, diperiksa, update_fields=kolom_disimpan)
        if lama:
            storage = bukti_storage()
            transaction.on_commit(lambda: storage.delete(lama))
    return refresh_from_locked(hukuman, locked)


def hukuman_batalkan(*, actor, hukuman: HukumanDisiplin, alasan: str) -> HukumanDisiplin:
    """Cancel a record in force (an SK revoked or annulled): the row stays, with the status dibatalkan, the reason
    and the moment; the same people as :func:`hukuman_catat` may do it, and the reason is required."""
    errors: dict[str, str] = {}
    alasan = _teks(alasan, "alasan", MAKS_TEKS, errors, wajib=_("Alasan pembatalan"), baris=True)
    if errors:
        raise _galat(errors)
    with transaction.atomic(), as_actor(actor, aksi="hukuman_batalkan", alasan=alasan):
        locked = _kunci_dikelola(actor, hukuman)
        locked.status = StatusHukuman.DIBATALKAN
        locked.alasan_batal = alasan
        locked.dibatalkan_pada = timezone.now()
        locked.save(update_fields=["status", "alasan_batal", "dibatalkan_pada"])
    return refresh_from_locked(hukuman, locked)
