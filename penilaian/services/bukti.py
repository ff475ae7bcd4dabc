"""Evidence the pegawai adds to an RHK of their evaluation (a link, or a file checked by content as kinerja's
evidence is), and the image the pejabat penilai may attach to the feedback of one RHK (JPEG or PNG only).

Files are stored under a random name in kinerja's evidence storage and only ever served through the permission
checked views of :mod:`penilaian.views.evaluasi`; the original name is kept for display. A file whose row is not
written (or is deleted, or replaced) is removed from the storage after the commit, never before."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from kinerja.berkas import FOTO, BerkasDitolak, periksa_berkas
from kinerja.models import PengaturanKinerja, bukti_storage
from kinerja.rules import periksa_tautan
from portal.audit import as_actor
from portal.berkas import simpan_dengan_berkas
from portal.locking import lock_row

from ..choices import StatusEvaluasi
from ..errors import PenilaianError, PenilaianTidakBerwenang
from ..models import BuktiEvaluasi, Evaluasi, EvaluasiRhk
from ..selectors.evaluasi import boleh_menilai
from ._common import galat, lock_evaluasi, pastikan_pemilik, pastikan_terbuka, teks


def _hapus_setelah_commit(nama: str) -> None:
    if nama:
        storage = bukti_storage()
        transaction.on_commit(lambda: storage.delete(nama))


def _pastikan_draf_pemilik(actor, evaluasi_id: int) -> Evaluasi:
    """Inside a transaction: the evaluation locked, ``actor`` its pegawai, the period open, still a draft."""
    evaluasi = lock_evaluasi(evaluasi_id)
    pastikan_pemilik(actor, evaluasi)
    pastikan_terbuka(evaluasi.periode)
    if evaluasi.status != StatusEvaluasi.DRAFT:
        raise PenilaianError(
            _(
                "Evaluasi ini sudah dinilai; bukti dukung tidak dapat diubah lagi. Minta pejabat penilai "
                "mengembalikannya ke draf bila ada yang perlu ditambahkan."
            )
        )
    return evaluasi


def _periksa(berkas, field: str):
    """The content check of :mod:`kinerja.berkas` with the instansi's size limit; refusal keyed by ``field``."""
    try:
        return periksa_berkas(berkas, berkas.name, berkas.size, PengaturanKinerja.get_solo().maks_unggah_mb)
    except BerkasDitolak as exc:
        raise galat({field: str(exc)}) from None


def bukti_evaluasi_tambah(
    *, actor, evaluasi_rhk: EvaluasiRhk, berkas=None, url: str = "", judul: str = ""
) -> BuktiEvaluasi:
    """The pegawai adds one piece of evidence to an RHK of their own draft evaluation in an open period: either an
    uploaded file (PDF, JPEG, PNG, DOCX or XLSX by content, at most the instansi's ``maks_unggah_mb``) or an
    http(s) link, with an optional title."""
    url = teks(url, "url", 2000)
    judul = teks(judul, "judul", 255)
    if berkas and url:
        raise galat({"url": _("Pilih salah satu: unggah berkas atau isi tautan, tidak keduanya sekaligus.")})
    if not berkas and not url:
        raise galat({"berkas": _("Pilih berkas atau isi tautan.")})
    diperiksa = None
    if berkas:
        diperiksa = _periksa(berkas, "berkas")
    elif pesan := periksa_tautan(url):
        raise galat({"url": pesan})
    with transaction.atomic(), as_actor(actor):
        _pastikan_draf_pemilik(actor, evaluasi_rhk.evaluasi_id)
        if diperiksa is None:
            return BuktiEvaluasi.objects.create(evaluasi_rhk=evaluasi_rhk, url=url, judul=judul)
        bukti = BuktiEvaluasi(
            evaluasi_rhk=evaluasi_rhk,
            nama_asli=diperiksa.nama,
            tipe_konten=diperiksa.jenis.mimetype,
            judul=judul,
        )
        simpan_dengan_berkas(bukti, "berkas", "bukti", berkas)
        return bukti


def bukti_evaluasi_hapus(*, actor, bukti: BuktiEvaluasi) -> None:
    """The pegawai removes evidence they added, while the evaluation is their draft in an open period; the file
    is deleted after commit."""
    with transaction.atomic(), as_actor(actor):
        _pastikan_draf_pemilik(actor, bukti.evaluasi_rhk.evaluasi_id)
        bukti = lock_row(bukti)
        nama = bukti.berkas.name if bukti.berkas else ""
        bukti.delete()
        _hapus_setelah_commit(nama)


def periksa_gambar(berkas, field: str = "gambar"):
    """Check a feedback image before anything is written: a JPEG or PNG by content within the size limit."""
    diperiksa = _periksa(berkas, field)
    if diperiksa.jenis not in FOTO:
        raise galat({field: _("Gambar umpan balik harus berupa JPEG atau PNG.")})
    return diperiksa


def umpan_balik_gambar(*, actor, evaluasi_rhk: EvaluasiRhk, berkas=None) -> EvaluasiRhk:
    """The pejabat penilai attaches an image (JPEG or PNG by content) to the feedback of one RHK, replacing the
    previous one; ``berkas=None`` removes it. Refused on a final evaluation, in a closed period and for anyone
    but the penilai on the evaluation's date."""
    diperiksa = periksa_gambar(berkas) if berkas else None
    with transaction.atomic(), as_actor(actor):
        evaluasi = lock_evaluasi(evaluasi_rhk.evaluasi_id)
        if not boleh_menilai(actor, evaluasi):
            raise PenilaianTidakBerwenang(_("Hanya pejabat penilai yang dapat mengubah umpan balik."))
        pastikan_terbuka(evaluasi.periode)
        if evaluasi.status == StatusEvaluasi.FINAL:
            raise PenilaianError(_("Evaluasi ini sudah final; buka kembali dulu bila perlu diubah."))
        er = lock_row(evaluasi_rhk)
        lama = er.gambar.name if er.gambar else ""
        if diperiksa is None:
            er.gambar = ""
            er.gambar_tipe = ""
            er.save(update_fields=["gambar", "gambar_tipe"])
        else:
            kode = uuid.uuid4().hex
            er.gambar_tipe = diperiksa.jenis.mimetype
            simpan_dengan_berkas(
                er, "gambar", f"evaluasi/{kode[:2]}/{kode}", berkas, update_fields=["gambar", "gambar_tipe"]
            )
        _hapus_setelah_commit(lama)
    evaluasi_rhk.gambar, evaluasi_rhk.gambar_tipe = er.gambar, er.gambar_tipe
    return er
