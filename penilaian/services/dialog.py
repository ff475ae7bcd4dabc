"""Writing in the dialog kinerja: a pegawai and their pejabat penilai talk about a period's performance, and the
pegawai may give feedback upward on policy and procedure (umpan balik berkelanjutan, docs/ATURAN.md "Penilaian")."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from pegawai.akses import pegawai_of
from pegawai.models import Pegawai
from portal.audit import as_actor

from ..choices import JenisPesan
from ..errors import PenilaianTidakBerwenang
from ..models import PeriodePenilaian, PesanDialog
from ..notifikasi import kabari
from ..selectors.dialog import Dialog, penilai_periode
from . import _common

MAKS_PESAN = 4000


def pesan_kirim(
    *,
    actor,
    pegawai: Pegawai,
    periode: PeriodePenilaian,
    teks: str,
    jenis: JenisPesan | str = JenisPesan.DIALOG,
) -> PesanDialog:
    """Add a message to the dialog of ``pegawai`` for ``periode``. Only the participants write: the pegawai and
    their pejabat penilai for the period (:func:`penilaian.selectors.dialog.penilai_periode`, a Plt included);
    feedback on policy and procedure (``UMPAN_BALIK_KEBIJAKAN``) only by the pegawai. A closed period does not stop
    the dialog: closing locks the ratings, and the conversation about them may go on. The other side is notified
    after commit."""
    try:
        jenis = JenisPesan(jenis)
    except ValueError:
        raise _common.galat({"jenis": _("Pilih jenis pesan.")}) from None
    isi = _common.teks(teks, "teks", MAKS_PESAN, wajib=True, label=_("Pesan"))
    me = pegawai_of(actor)
    dialog = Dialog(pegawai=pegawai, periode=periode, penilai=penilai_periode(pegawai, periode), me=me)
    if not dialog.peserta:
        raise PenilaianTidakBerwenang(
            _("Hanya pegawai dan pejabat penilainya yang dapat menulis di dialog kinerja ini.")
        )
    if jenis == JenisPesan.UMPAN_BALIK_KEBIJAKAN and not dialog.pegawai_sendiri:
        raise PenilaianTidakBerwenang(
            _("Masukan tentang kebijakan/prosedur hanya dapat dikirim oleh pegawai yang bersangkutan."),
            errors={"jenis": _("Masukan tentang kebijakan/prosedur hanya dapat dikirim oleh pegawai.")},
        )
    with transaction.atomic(), as_actor(actor):
        pesan = PesanDialog.objects.create(pegawai=pegawai, periode=periode, pengirim=me, jenis=jenis, teks=isi)
        _kabari(dialog, pesan)
    return pesan


def _kabari(dialog: Dialog, pesan: PesanDialog) -> None:
    if pesan.jenis == JenisPesan.UMPAN_BALIK_KEBIJAKAN:
        judul = _("Masukan tentang kebijakan/prosedur dari %(nama)s (%(periode)s)")
    else:
        judul = _("Pesan baru dialog kinerja dari %(nama)s (%(periode)s)")
    judul = judul % {"nama": pesan.pengirim.nama_lengkap, "periode": dialog.periode.nama}
    url = reverse("penilaian:dialog", args=[dialog.pegawai.pk, dialog.periode.pk])
    ringkas = Truncator(pesan.teks).chars(200)
    for penerima in dialog.penerima(pesan.pengirim):
        # The kind carries the message id: one notification per message, however many arrive in a day.
        kabari(penerima.user_id, f"dialog:{pesan.pk}", judul, ringkas, url)
