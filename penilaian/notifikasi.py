"""Notifications of the evaluation's decisions: rated, finalised, returned or reopened tells the pegawai; a new
dialog message tells the other side. The kind carries the id of the history row (or message), so the
once-per-(login, kind, day) key means once per decision; written after commit only."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.notifikasi import NotifikasiBaru, notifikasi_kirim

from .choices import AksiEvaluasi
from .models import Evaluasi, RiwayatEvaluasi

_JUDUL = {
    AksiEvaluasi.DINILAI: _("Kinerja Anda periode %(periode)s telah dinilai"),
    AksiEvaluasi.DIUBAH: _("Penilaian kinerja Anda periode %(periode)s diubah"),
    AksiEvaluasi.DIFINALKAN: _("Penilaian kinerja Anda periode %(periode)s sudah final"),
    AksiEvaluasi.DIKEMBALIKAN: _("Penilaian kinerja Anda periode %(periode)s dikembalikan ke draf"),
    AksiEvaluasi.DIBUKA_KEMBALI: _("Penilaian final Anda periode %(periode)s dibuka kembali"),
}


def kabari_evaluasi(evaluasi: Evaluasi, riwayat: RiwayatEvaluasi) -> None:
    """Tell the pegawai about the step ``riwayat`` of ``evaluasi`` once the transaction commits."""
    if not evaluasi.pegawai.user_id or riwayat.aksi not in _JUDUL:
        return
    periode = evaluasi.periode.nama
    pesan = riwayat.catatan or _("Oleh %(oleh)s.") % {"oleh": riwayat.actor_nama or _("pejabat penilai")}
    user_id, pk = evaluasi.pegawai.user_id, evaluasi.pk
    judul = str(_JUDUL[riwayat.aksi]) % {"periode": periode}
    jenis = f"evaluasi_{riwayat.aksi}:{riwayat.pk}"

    def kirim():
        url = reverse("penilaian:evaluasi", args=[pk])
        n = NotifikasiBaru(user_id=user_id, tanggal=timezone.localdate(), judul=judul, pesan=pesan, url=url)
        notifikasi_kirim(jenis=jenis, daftar=[n])

    transaction.on_commit(kirim)


def kabari(user_id: int | None, jenis: str, judul: str, pesan: str, url: str) -> None:
    """One notification to one login after commit (dialog messages and other single events); ``jenis`` must
    carry the event's id."""
    if not user_id:
        return
    n = NotifikasiBaru(user_id=user_id, tanggal=timezone.localdate(), judul=judul[:200], pesan=pesan, url=url)
    transaction.on_commit(lambda: notifikasi_kirim(jenis=jenis, daftar=[n]))
