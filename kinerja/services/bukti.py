"""Evidence of an activity (bukti dukung): uploaded files checked by content, and http(s) links. Only the
activity's pegawai adds or removes it, while the activity is a draft or rejected and its month is not locked."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from pegawai.models import Pegawai
from portal.audit import as_person
from portal.berkas import simpan_dengan_berkas
from portal.locking import lock_row

from .. import rules
from ..berkas import BerkasDitolak, periksa_berkas
from ..choices import JenisBukti
from ..errors import AktivitasTidakBerwenang
from ..models import Aktivitas, BuktiDukung, bukti_storage
from ..selectors.cache import ReadCache
from ..selectors.kalender import pengaturan_kinerja
from ._common import (
    galat,
    hapus_berkas_setelah_commit,
    pastikan_dapat_diubah,
    pastikan_pemilik,
    pastikan_tidak_terkunci,
    teks,
)


def _mulai_ubah_bukti(actor: Pegawai, aktivitas: Aktivitas) -> Aktivitas:
    """Inside a transaction: lock the activity (its evidence changes with it) and check owner, state and lock."""
    locked = lock_row(aktivitas)
    pastikan_pemilik(actor, locked)
    pastikan_dapat_diubah(locked)
    pastikan_tidak_terkunci(actor, locked.tanggal)
    return locked


def bukti_tambah_berkas(*, actor: Pegawai, aktivitas: Aktivitas, berkas) -> BuktiDukung:
    """Attach an uploaded file (Django ``UploadedFile``) to a draft or rejected activity of ``actor``'s own.

    The type is decided by content (PDF, JPEG, PNG, DOCX, XLSX), the size is limited by the setting
    ``maks_unggah_mb``, the file is stored under a random name and the sanitised original name kept for display
    only (see :mod:`kinerja.berkas`)."""
    pastikan_pemilik(actor, aktivitas)
    pastikan_dapat_diubah(aktivitas)
    pengaturan = pengaturan_kinerja()
    try:
        diperiksa = periksa_berkas(berkas, berkas.name, berkas.size, pengaturan.maks_unggah_mb)
    except BerkasDitolak as exc:
        raise galat({"berkas": str(exc)}) from None
    with transaction.atomic(), as_person(actor):
        _mulai_ubah_bukti(actor, aktivitas)
        bukti = BuktiDukung(
            aktivitas=aktivitas,
            jenis=JenisBukti.BERKAS,
            nama_asli=diperiksa.nama,
            tipe_konten=diperiksa.jenis.mimetype,
            ukuran=diperiksa.ukuran,
        )
        simpan_dengan_berkas(bukti, "berkas", "bukti", berkas)
    return bukti


def bukti_tambah_tautan(*, actor: Pegawai, aktivitas: Aktivitas, url: str, judul: str = "") -> BuktiDukung:
    """Attach an http(s) link (a shared drive folder, a news item…) to a draft or rejected activity."""
    pastikan_pemilik(actor, aktivitas)
    pastikan_dapat_diubah(aktivitas)
    url = teks(url)
    pesan = rules.periksa_tautan(url)
    if pesan:
        raise galat({"url": pesan})
    with transaction.atomic(), as_person(actor):
        _mulai_ubah_bukti(actor, aktivitas)
        return BuktiDukung.objects.create(
            aktivitas=aktivitas, jenis=JenisBukti.TAUTAN, url=url, judul=teks(judul)[:255]
        )


def periksa_bukti(berkas: list, tautan: str, cache: ReadCache | None = None) -> dict[str, str]:
    """Check evidence before anything is written: every file by content and size, the link by scheme. The
    messages are keyed by the argument names of :func:`bukti_tambah` (``berkas``, ``tautan``)."""
    errors: dict[str, str] = {}
    if berkas:
        maks_mb = pengaturan_kinerja(cache).maks_unggah_mb
        for f in berkas:
            try:
                periksa_berkas(f, f.name, f.size, maks_mb)
            except BerkasDitolak as exc:
                errors["berkas"] = str(exc)
                break
    if tautan and (pesan := rules.periksa_tautan(tautan)):
        errors["tautan"] = pesan
    return errors


def lampirkan(actor: Pegawai, aktivitas: Aktivitas, berkas: list, tautan: str, judul: str) -> list[BuktiDukung]:
    """Inside the caller's transaction, after :func:`periksa_bukti`: the link first, then the files, so nothing
    checked can fail once a file is stored; should a later file fail anyway, the files stored so far are removed
    (the transaction takes their rows back)."""
    hasil = []
    if tautan:
        hasil.append(bukti_tambah_tautan(actor=actor, aktivitas=aktivitas, url=tautan, judul=judul))
    tersimpan: list[str] = []
    try:
        for f in berkas:
            bukti = bukti_tambah_berkas(actor=actor, aktivitas=aktivitas, berkas=f)
            tersimpan.append(bukti.berkas.name)
            hasil.append(bukti)
    except Exception:
        storage = bukti_storage()
        for name in tersimpan:
            storage.delete(name)
        raise
    return hasil


def bukti_tambah(
    *, actor: Pegawai, aktivitas: Aktivitas, berkas: Sequence = (), tautan: str = "", judul: str = ""
) -> list[BuktiDukung]:
    """Attach several pieces of evidence to a draft or rejected activity of ``actor``'s own at once (a photo, a
    file and a link from one form), all or nothing, with the rules of :func:`bukti_tambah_berkas` and
    :func:`bukti_tambah_tautan`."""
    pastikan_pemilik(actor, aktivitas)
    pastikan_dapat_diubah(aktivitas)
    berkas = list(berkas)
    tautan = teks(tautan)
    if not berkas and not tautan:
        raise galat({"berkas": _("Pilih foto atau berkas, atau isi tautan.")})
    errors = periksa_bukti(berkas, tautan)
    if errors:
        raise galat(errors)
    with transaction.atomic():
        return lampirkan(actor, aktivitas, berkas, tautan, judul)


def bukti_hapus(*, actor: Pegawai, bukti: BuktiDukung) -> None:
    """Remove evidence from a draft or rejected activity of ``actor``'s own; the file is deleted after commit."""
    aktivitas = bukti.aktivitas
    pastikan_pemilik(actor, aktivitas)
    pastikan_dapat_diubah(aktivitas)
    with transaction.atomic(), as_person(actor):
        _mulai_ubah_bukti(actor, aktivitas)
        bukti = lock_row(bukti)
        if bukti.aktivitas_id != aktivitas.pk:
            raise AktivitasTidakBerwenang(_("Hanya pegawai pemilik aktivitas yang dapat melakukan ini."))
        nama = bukti.berkas.name if bukti.berkas else ""
        bukti.delete()
        hapus_berkas_setelah_commit([nama] if nama else [])
