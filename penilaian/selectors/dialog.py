"""Reads of the dialog kinerja and of the analisis permasalahan kinerja: who takes part in the dialog of a pegawai
for a period, who may read it, its messages, the message counts other pages show, and the tagged problems a user
may see with their counts per jenis (the recaps count them)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from pegawai.akses import opd_dikelola, pegawai_of, pegawai_visible_to
from pegawai.atasan import penilai_pada
from pegawai.models import Pegawai

from ..choices import JenisPermasalahan
from ..models import PeriodePenilaian, PermasalahanKinerja, PesanDialog
from .evaluasi import penilai_untuk, skp_periode, tanggal_penilaian

# ---------------------------------------------------------------------------------------------------------------
# Who takes part
# ---------------------------------------------------------------------------------------------------------------


def tanggal_tanpa_skp(periode: PeriodePenilaian, hari_ini: datetime.date | None = None) -> datetime.date:
    """The day that names the atasan of a pegawai without an approved SKP in ``periode``: its last day, or today
    while it is still running (the atasan of the future is not known yet)."""
    return min(periode.tanggal_selesai, hari_ini or timezone.localdate())


def penilai_periode(pegawai: Pegawai, periode: PeriodePenilaian) -> list[Pegawai]:
    """The pejabat penilai of ``pegawai`` for ``periode``, the same rule as the evaluation's
    (:func:`~penilaian.selectors.evaluasi.penilai_untuk` on :func:`~penilaian.selectors.evaluasi.tanggal_penilaian`,
    a Plt/Plh included): one per approved SKP of the period — two after a mid-period mutasi, each the atasan of
    their stretch. Without an approved SKP, the pejabat penilai on :func:`tanggal_tanpa_skp`. Empty for the Sekda
    (rated by the kepala daerah, who has no login of a pegawai) and for a pegawai whom nobody supervises."""
    hasil: dict[int, Pegawai] = {}
    skps = skp_periode(pegawai, periode)
    for skp in skps:
        penilai = penilai_untuk(pegawai, skp, tanggal_penilaian(skp, periode)).pegawai
        if penilai is not None:
            hasil.setdefault(penilai.pk, penilai)
    if not skps:
        penilai = penilai_pada(pegawai, tanggal_tanpa_skp(periode))
        if penilai is not None:
            hasil[penilai.pegawai.pk] = penilai.pegawai
    return list(hasil.values())


def menilai_periode(actor: Pegawai | None, pegawai: Pegawai, periode: PeriodePenilaian) -> bool:
    """Whether ``actor`` is a pejabat penilai of ``pegawai`` for ``periode`` (:func:`penilai_periode`)."""
    return actor is not None and any(p.pk == actor.pk for p in penilai_periode(pegawai, periode))


# ---------------------------------------------------------------------------------------------------------------
# The thread
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dialog:
    """The dialog of ``pegawai`` for ``periode`` as ``me`` sees it."""

    pegawai: Pegawai
    periode: PeriodePenilaian
    penilai: list[Pegawai]
    me: Pegawai | None

    @property
    def pegawai_sendiri(self) -> bool:
        """``me`` is the pegawai whose dialog this is (they may also write feedback on policy and procedure)."""
        return self.me is not None and self.me.pk == self.pegawai.pk

    @property
    def peserta(self) -> bool:
        """``me`` writes here: the pegawai or one of their pejabat penilai for the period; everyone else reads."""
        return self.pegawai_sendiri or (self.me is not None and any(p.pk == self.me.pk for p in self.penilai))

    def penerima(self, pengirim: Pegawai) -> list[Pegawai]:
        """Whom a message from ``pengirim`` concerns: the pegawai's pejabat penilai, or the pegawai."""
        if pengirim.pk == self.pegawai.pk:
            return list(self.penilai)
        return [self.pegawai]


def dialog_visible(user, pegawai_id: int, periode_id: int) -> Dialog:
    """The dialog of pegawai ``pegawai_id`` for period ``periode_id`` as ``user`` may open it, or :class:`Http404`.
    Readers: the participants (the pegawai and their pejabat penilai for the period, also one who no longer
    supervises them today) and whoever may see the pegawai (:func:`pegawai.akses.pegawai_visible_to`: the atasan
    chain, admins of the OPD, BKPSDM) — the latter read only."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    periode = PeriodePenilaian.objects.filter(pk=periode_id).first()
    if periode is None:
        raise Http404
    me = pegawai_of(user)
    terlihat = pegawai_visible_to(user).filter(pk=pegawai_id).exists()
    if not terlihat and me is None:
        raise Http404
    pegawai = Pegawai.objects.select_related("jabatan__unit_kerja").filter(pk=pegawai_id).first()
    if pegawai is None:
        raise Http404
    dialog = Dialog(pegawai=pegawai, periode=periode, penilai=penilai_periode(pegawai, periode), me=me)
    if not (terlihat or dialog.peserta):
        raise Http404
    return dialog


def pesan_dialog(pegawai: Pegawai | int, periode: PeriodePenilaian | int) -> QuerySet[PesanDialog]:
    """The messages of one dialog, oldest first, with their sender."""
    return PesanDialog.objects.filter(
        pegawai_id=getattr(pegawai, "pk", pegawai), periode_id=getattr(periode, "pk", periode)
    ).select_related("pengirim")


def jumlah_pesan(pegawai_ids: Iterable[int], periode_ids: Iterable[int]) -> dict[tuple[int, int], int]:
    """``{(pegawai_id, periode_id): number of messages}`` for many dialogs in one grouped query (the team sheet,
    the evaluation page); dialogs without messages are absent."""
    pegawai_ids, periode_ids = list(pegawai_ids), list(periode_ids)
    if not pegawai_ids or not periode_ids:
        return {}
    rows = (
        PesanDialog.objects.filter(pegawai_id__in=pegawai_ids, periode_id__in=periode_ids)
        .order_by()
        .values_list("pegawai_id", "periode_id")
        .annotate(n=Count("pk"))
    )
    return {(pid, per): n for pid, per, n in rows}


# ---------------------------------------------------------------------------------------------------------------
# Analisis permasalahan kinerja
# ---------------------------------------------------------------------------------------------------------------


def permasalahan_visible_to(user) -> QuerySet[PermasalahanKinerja]:
    """The tagged problems (not deleted) ``user`` may see: the ones they tagged as pejabat penilai, every one of a
    pegawai of the OPDs they administer, every one for admin BKPSDM. The pegawai concerned does not see them: the
    analysis is the atasan's working note, the dialog is where both sides talk."""
    if not getattr(user, "is_authenticated", False):
        return PermasalahanKinerja.objects.none()
    qs = PermasalahanKinerja.objects.filter(dihapus_pada__isnull=True)
    opd_ids = opd_dikelola(user)
    if opd_ids is None:
        return qs
    q = Q(pk__in=[])
    if opd_ids:
        q |= Q(pegawai__jabatan__unit_kerja__perangkat_daerah_id__in=opd_ids)
    me = pegawai_of(user)
    if me is not None:
        q |= Q(dicatat_oleh=me)
    return qs.filter(q)


def permasalahan_periode(user, periode: PeriodePenilaian) -> QuerySet[PermasalahanKinerja]:
    """:func:`permasalahan_visible_to` for one period, by pegawai then date, with the pegawai and the tagger."""
    return (
        permasalahan_visible_to(user)
        .filter(periode=periode)
        .select_related("pegawai__jabatan__unit_kerja", "dicatat_oleh")
        .order_by("pegawai__nama", "pegawai_id", "dicatat_pada", "pk")
    )


def jumlah_per_jenis(queryset: QuerySet[PermasalahanKinerja]) -> dict[str, int]:
    """``{jenis: count}`` of ``queryset`` in one grouped query, every jenis present (0 when none)."""
    hitung = dict(queryset.order_by().values("jenis").annotate(n=Count("pk")).values_list("jenis", "n"))
    return {j.value: hitung.get(j.value, 0) for j in JenisPermasalahan}
