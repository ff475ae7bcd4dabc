"""Finalising a pejabat penilai's evaluations of a period against the curve (SE MenPANRB 03/2023), admin BKPSDM's
acceptance of a deviation with a written reason, and reopening a final evaluation."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.akses import pegawai_of, peran_of
from portal.audit import as_actor
from portal.locking import refresh_from_locked

from .. import rules
from ..choices import AksiEvaluasi, StatusEvaluasi
from ..errors import PenilaianError, PenilaianTidakBerwenang
from ..models import Evaluasi, PenerimaanKurva, PeriodePenilaian
from ..notifikasi import kabari_evaluasi
from ..selectors.distribusi import Distribusi, distribusi_penilai
from ..selectors.evaluasi import boleh_menilai
from ._common import catat, lock_evaluasi, pastikan_admin_bkpsdm, pastikan_terbuka, teks
from .evaluasi import bekukan_identitas


def masalah_kurva(distribusi: list[Distribusi]) -> list[str]:
    """What stands between these distributions and finalising: a capaian not set, or violated conditions not
    accepted by admin BKPSDM."""
    masalah = []
    for d in distribusi:
        if d.capaian is None:
            masalah.append(
                _("Capaian kinerja organisasi untuk %(judul)s belum ditetapkan; pola kurva belum dapat diperiksa.")
                % {"judul": d.judul}
            )
        elif d.pelanggaran and d.diterima is None:
            masalah.extend(f"{d.judul}: {p}" for p in d.pelanggaran)
    return masalah


def _dokumen_setelah_commit(ids: list[int]) -> None:
    # The DEKP is rendered by a Celery job after the commit (idempotent: it renders only what has no document).
    # Robust: with the broker down the finalisation still stands; the download page renders a missing DEKP on demand.
    def queue():
        from ..tasks import dekp_render

        for pk in ids:
            dekp_render.delay(pk)

    transaction.on_commit(queue, robust=True)


def evaluasi_finalkan(
    *, actor, periode: PeriodePenilaian, pilihan: list[int] | None = None, kepala_daerah: bool = False
) -> list[Evaluasi]:
    """Finalise the rated evaluations ``actor`` rates in ``periode`` (all of them, or the ids in ``pilihan``).

    Refused when the period is closed, when nothing is rated, when ``actor`` is not the penilai of each one, and
    when the curve of their team or of their unit is broken (or cannot be checked because no capaian is set)
    unless admin BKPSDM accepted the deviation with a reason. ``kepala_daerah``: admin BKPSDM finalises the
    evaluations the kepala daerah rates (the Sekda, one person: no curve). Identities, capaian and pattern are
    copied at this moment; the DEKP is rendered after commit."""
    pastikan_terbuka(periode)
    me = pegawai_of(actor)
    # A login without a pegawai can only be acting for the kepala daerah.
    kepala_daerah = kepala_daerah or me is None
    me = None if kepala_daerah else me
    qs = Evaluasi.objects.filter(periode=periode, status=StatusEvaluasi.DINILAI)
    if kepala_daerah:
        qs = qs.filter(oleh_kepala_daerah=True) if peran_of(actor).admin_bkpsdm else qs.none()
    else:
        qs = qs.filter(penilai=me, oleh_kepala_daerah=False)
    if pilihan is not None:
        qs = qs.filter(pk__in=pilihan)
    ids = list(qs.values_list("pk", flat=True))
    if not ids:
        raise PenilaianError(_("Tidak ada evaluasi berstatus dinilai yang dapat difinalkan."))
    distribusi: list[Distribusi] = []
    if me is not None:
        tim, unit = distribusi_penilai(me, periode)
        distribusi = [d for d in (tim, unit) if d is not None]
        masalah = masalah_kurva(distribusi)
        if masalah:
            raise PenilaianError(
                _(
                    "Sebaran predikat belum sesuai pola kurva distribusi. Perbaiki penilaian, atau minta admin "
                    "BKPSDM menerima penyimpangan ini dengan alasan tertulis."
                ),
                daftar=masalah,
            )
    capaian = distribusi[0].capaian if distribusi else None
    hasil = []
    with transaction.atomic(), as_actor(actor):
        for pk in ids:
            evaluasi = lock_evaluasi(pk)
            if evaluasi.status != StatusEvaluasi.DINILAI:
                continue
            if not boleh_menilai(actor, evaluasi):
                raise PenilaianTidakBerwenang(
                    _("Anda bukan pejabat penilai %(nama)s.") % {"nama": evaluasi.pegawai.nama_lengkap}
                )
            bekukan_identitas(evaluasi)
            if capaian is not None:
                evaluasi.capaian_organisasi = capaian.capaian
                evaluasi.pola_distribusi = rules.pola_kurva(capaian.capaian)
            evaluasi.status = StatusEvaluasi.FINAL
            evaluasi.difinalkan_pada = timezone.now()
            evaluasi.dokumen = ""
            evaluasi.dokumen_dibuat_pada = None
            evaluasi.save()
            riwayat = catat(evaluasi, AksiEvaluasi.DIFINALKAN, StatusEvaluasi.DINILAI, StatusEvaluasi.FINAL, actor)
            kabari_evaluasi(evaluasi, riwayat)
            hasil.append(evaluasi)
        _dokumen_setelah_commit([e.pk for e in hasil])
    return hasil


def evaluasi_buka_kembali(*, actor, evaluasi: Evaluasi, alasan: str) -> Evaluasi:
    """A final evaluation back to ``dinilai`` with a reason, while its period is open: by its pejabat penilai or by
    admin BKPSDM. The stored document is dropped (a new one is rendered at the next finalisation)."""
    alasan = teks(alasan, "alasan", 2000, wajib=True, label=_("Alasan"))
    asal = evaluasi
    with transaction.atomic(), as_actor(actor, alasan=alasan):
        evaluasi = lock_evaluasi(evaluasi)
        if not (peran_of(actor).admin_bkpsdm or boleh_menilai(actor, evaluasi)):
            raise PenilaianTidakBerwenang(_("Hanya pejabat penilai atau admin BKPSDM yang dapat membuka kembali."))
        pastikan_terbuka(evaluasi.periode)
        if evaluasi.status != StatusEvaluasi.FINAL:
            raise PenilaianError(_("Evaluasi ini belum final."))
        lama = evaluasi.dokumen.name
        evaluasi.status = StatusEvaluasi.DINILAI
        evaluasi.difinalkan_pada = None
        evaluasi.dokumen = ""
        evaluasi.dokumen_dibuat_pada = None
        evaluasi.save()
        riwayat = catat(
            evaluasi, AksiEvaluasi.DIBUKA_KEMBALI, StatusEvaluasi.FINAL, StatusEvaluasi.DINILAI, actor, alasan
        )
        kabari_evaluasi(evaluasi, riwayat)
        if lama:
            storage = evaluasi.dokumen.storage
            transaction.on_commit(lambda: storage.delete(lama))
    return refresh_from_locked(asal, evaluasi)


def kurva_terima(*, actor, periode: PeriodePenilaian, penilai, alasan: str) -> PenerimaanKurva:
    """Admin BKPSDM accepts that ``penilai``'s team (and unit) in ``periode`` deviate from the curve, with a written
    reason; the violations of the moment are kept with it. Refused when nothing deviates."""
    pastikan_admin_bkpsdm(actor)
    alasan = teks(alasan, "alasan", 2000, wajib=True, label=_("Alasan"))
    if len(alasan) < 10:
        raise PenilaianError(
            _("Tuliskan alasan yang jelas (paling sedikit 10 karakter)."),
            errors={"alasan": _("Alasan terlalu singkat.")},
        )
    pastikan_terbuka(periode)
    tim, unit = distribusi_penilai(penilai, periode)
    pelanggaran = [f"{d.judul}: {p}" for d in (tim, unit) if d is not None for p in d.pelanggaran]
    if not pelanggaran:
        raise PenilaianError(_("Sebaran predikat tim ini sudah sesuai pola kurva; tidak ada yang perlu diterima."))
    with transaction.atomic(), as_actor(actor, alasan=alasan):
        return PenerimaanKurva.objects.create(
            periode=periode, penilai=penilai, pelanggaran=pelanggaran, alasan=alasan, diterima_oleh=actor
        )
