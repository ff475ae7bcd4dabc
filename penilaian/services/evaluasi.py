"""The evaluation's workflow (docs/ATURAN.md, "Penilaian"): prepare an evaluation with its RHK pre-filled from the
approved activities; the pegawai corrects the realisasi (with a reason) and adds evidence; the pejabat penilai on
the evaluation's date gives feedback and both ratings (refused while an RHK lacks evidence); finalising checks
the curve; returning and reopening are recorded with a reason. Every state change runs in one transaction on the
locked row, is written to the history and the audit trail, and tells the pegawai after commit."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kinerja.selectors.realisasi import RealisasiRhk, realisasi
from pegawai.akses import pegawai_of
from pegawai.models import Pegawai
from portal.audit import as_actor
from portal.locking import refresh_from_locked
from skp.models import PerilakuKerja, Skp
from skp.selectors.identitas import identitas, identitas_hidup, identitas_kepala_daerah

from .. import rules
from ..choices import AksiEvaluasi, Rating, StatusEvaluasi
from ..errors import PenilaianError, PenilaianTidakBerwenang
from ..models import Evaluasi, EvaluasiRhk, PeriodePenilaian, UmpanBalikPerilaku
from ..notifikasi import kabari_evaluasi
from ..selectors.capaian import capaian_pimpinan
from ..selectors.evaluasi import boleh_menilai, penilai_untuk, rhk_tanpa_bukti, skp_periode, tanggal_penilaian
from ._common import catat, galat, lock_evaluasi, pastikan_pemilik, pastikan_terbuka, teks

# ---------------------------------------------------------------------------------------------------------------
# Preparing: one evaluation per SKP and period, RHK pre-filled
# ---------------------------------------------------------------------------------------------------------------


def _angka(nilai: Decimal) -> str:
    nilai = nilai.quantize(Decimal(1)) if nilai == nilai.to_integral_value() else nilai.normalize()
    return formats.number_format(nilai, use_l10n=True, force_grouping=True)


def teks_realisasi(baris: RealisasiRhk | None) -> str:
    """The realisasi of one RHK in words, from kinerja's roll-up: per IKI the summed volume (and the share of the
    target) or the stated value; "" without any."""
    if baris is None:
        return ""
    bagian = []
    for item in baris.iki:
        satuan = item.iki.satuan
        if item.nilai is None:
            isi = _("belum dinyatakan")
        else:
            isi = f"{_angka(item.nilai)} {satuan}".strip()
            if item.persen_capaian is not None:
                isi += _(" (%(persen)s%% dari target)") % {"persen": _angka(item.persen_capaian)}
        bagian.append(f"{item.iki.teks.strip()}: {isi}")
    if not bagian and baris.jumlah_aktivitas:
        bagian.append(_("%(n)s aktivitas disetujui") % {"n": baris.jumlah_aktivitas})
    return "; ".join(bagian)


def _saran(evaluasi: Evaluasi) -> dict[int, str]:
    periode = evaluasi.periode
    real = realisasi(evaluasi.pegawai, periode.tahun, periode.jenis, periode.nomor)
    return {b.rhk.pk: teks_realisasi(b) for b in real.baris if b.rhk is not None}


def evaluasi_siapkan(*, pegawai: Pegawai, skp: Skp, periode: PeriodePenilaian) -> Evaluasi:
    """The evaluation of ``skp`` for ``periode``, created on first use with one row per RHK (realisasi suggested from
    the approved activities) and one feedback row per BerAKHLAK value. Safe to call twice at once: the unique
    (SKP, period) key makes the second caller read the first one's row."""
    existing = Evaluasi.objects.filter(skp=skp, periode=periode).first()
    if existing is not None:
        return existing
    if skp.pegawai_id != pegawai.pk or skp not in skp_periode(pegawai, periode):
        raise PenilaianError(_("SKP ini tidak dinilai pada periode %(periode)s.") % {"periode": periode.nama})
    pastikan_terbuka(periode)
    tanggal = tanggal_penilaian(skp, periode)
    penilai = penilai_untuk(pegawai, skp, tanggal)
    try:
        with transaction.atomic(), as_actor(None, source="penilaian", aksi="siapkan"):
            evaluasi = Evaluasi.objects.create(
                pegawai=pegawai,
                skp=skp,
                periode=periode,
                tanggal=tanggal,
                penilai=penilai.pegawai,
                oleh_kepala_daerah=penilai.pegawai is None and penilai.kepala_daerah is not None,
            )
            saran = _saran(evaluasi)
            EvaluasiRhk.objects.bulk_create(
                EvaluasiRhk(
                    evaluasi=evaluasi,
                    rhk=r,
                    urutan=i,
                    realisasi_saran=saran.get(r.pk, ""),
                    realisasi=saran.get(r.pk, ""),
                )
                for i, r in enumerate(skp.rhk.order_by("jenis", "urutan", "pk"), start=1)
            )
            UmpanBalikPerilaku.objects.bulk_create(
                UmpanBalikPerilaku(evaluasi=evaluasi, perilaku=p) for p in PerilakuKerja.objects.all()
            )
    except IntegrityError:
        return Evaluasi.objects.get(skp=skp, periode=periode)
    return evaluasi


def evaluasi_perbarui_saran(*, actor, evaluasi: Evaluasi) -> Evaluasi:
    """Refresh the suggested realisasi from the activities approved since; a realisasi the pegawai never changed
    follows the new suggestion, a changed one is kept."""
    with transaction.atomic(), as_actor(actor):
        evaluasi = lock_evaluasi(evaluasi)
        pastikan_pemilik(actor, evaluasi)
        pastikan_terbuka(evaluasi.periode)
        if evaluasi.status != StatusEvaluasi.DRAFT:
            raise PenilaianError(_("Evaluasi yang sudah dinilai tidak dapat diubah."))
        saran = _saran(evaluasi)
        for er in evaluasi.rhk.all():
            baru = saran.get(er.rhk_id, "")
            if er.realisasi == er.realisasi_saran:
                er.realisasi = baru
            er.realisasi_saran = baru
            er.save(update_fields=["realisasi", "realisasi_saran"])
    return evaluasi


# ---------------------------------------------------------------------------------------------------------------
# The pegawai's part
# ---------------------------------------------------------------------------------------------------------------


def _pastikan_draf_pemilik(actor, evaluasi_rhk: EvaluasiRhk) -> Evaluasi:
    evaluasi = lock_evaluasi(evaluasi_rhk.evaluasi_id)
    pastikan_pemilik(actor, evaluasi)
    pastikan_terbuka(evaluasi.periode)
    if evaluasi.status != StatusEvaluasi.DRAFT:
        raise PenilaianError(
            _("Evaluasi ini sudah dinilai; minta pejabat penilai mengembalikannya ke draf bila ada yang perlu diubah.")
        )
    return evaluasi


def realisasi_ubah(*, actor, evaluasi_rhk: EvaluasiRhk, realisasi: str, alasan: str = "") -> EvaluasiRhk:
    """The pegawai states the realisasi of one RHK; a value other than the one suggested from the activities needs
    a reason (kept and shown to the penilai)."""
    realisasi = teks(realisasi, "realisasi", 4000, wajib=True, label=_("Realisasi"))
    alasan = teks(alasan, "alasan", 2000)
    with transaction.atomic(), as_actor(actor):
        _pastikan_draf_pemilik(actor, evaluasi_rhk)
        er = EvaluasiRhk.objects.select_for_update().get(pk=evaluasi_rhk.pk)
        if realisasi != er.realisasi_saran and not alasan:
            raise galat({"alasan": _("Tuliskan alasan mengubah realisasi dari yang tercatat di aktivitas.")})
        er.realisasi = realisasi
        er.alasan_ubah = alasan if realisasi != er.realisasi_saran else ""
        er.save(update_fields=["realisasi", "alasan_ubah"])
    return er


# ---------------------------------------------------------------------------------------------------------------
# The pejabat penilai's part
# ---------------------------------------------------------------------------------------------------------------


def _pastikan_penilai(actor, evaluasi: Evaluasi) -> None:
    if not boleh_menilai(actor, evaluasi):
        raise PenilaianTidakBerwenang(
            _("Anda bukan pejabat penilai %(nama)s pada %(tanggal)s.")
            % {"nama": evaluasi.pegawai.nama_lengkap, "tanggal": formats.date_format(evaluasi.tanggal, "j F Y")}
        )


def rating_hasil_tetap(evaluasi: Evaluasi) -> tuple[Rating | None, str]:
    """For the head of a unit: the rating hasil kerja the unit's capaian fixes, and a message when the capaian is
    not set yet (rating waits for it). ``(None, "")`` for anyone else: the penilai chooses."""
    unit, capaian = capaian_pimpinan(evaluasi.periode, evaluasi.skp.jabatan)
    if unit is None:
        return None, ""
    if capaian is None:
        return None, _(
            "%(nama)s memimpin %(unit)s: rating hasil kerjanya mengikuti capaian kinerja organisasi unit itu, yang "
            "belum ditetapkan untuk periode ini."
        ) % {"nama": evaluasi.pegawai.nama_lengkap, "unit": unit.nama}
    return rules.rating_hasil_pimpinan(capaian.capaian), ""


def _rating(nilai, field: str) -> Rating:
    try:
        return Rating(int(nilai))
    except (TypeError, ValueError):
        raise galat({field: _("Pilih salah satu rating.")}) from None


def evaluasi_nilai(
    *,
    actor,
    evaluasi: Evaluasi,
    rating_hasil,
    rating_perilaku,
    umpan_balik: dict[int, str] | None = None,
    umpan_balik_perilaku: dict[int, str] | None = None,
    catatan: str = "",
) -> Evaluasi:
    """The pejabat penilai rates: feedback per RHK (``{EvaluasiRhk id: text}``) and per BerAKHLAK value
    (``{PerilakuKerja id: text}``), both ratings, the predikat from the matrix. Refused outside an open period, on
    a final evaluation, by anyone but the penilai on the evaluation's date, and while any RHK has no evidence
    (every missing one listed). A draft becomes ``dinilai``; a rated one is changed (both recorded)."""
    hasil = _rating(rating_hasil, "rating_hasil")
    perilaku = _rating(rating_perilaku, "rating_perilaku")
    catatan = teks(catatan, "catatan", 4000)
    umpan_balik = {int(k): teks(v, f"umpan_balik_{k}", 4000) for k, v in (umpan_balik or {}).items()}
    umpan_balik_perilaku = {int(k): teks(v, f"perilaku_{k}", 4000) for k, v in (umpan_balik_perilaku or {}).items()}
    asal = evaluasi
    with transaction.atomic(), as_actor(actor):
        evaluasi = lock_evaluasi(evaluasi)
        _pastikan_penilai(actor, evaluasi)
        pastikan_terbuka(evaluasi.periode)
        if evaluasi.status == StatusEvaluasi.FINAL:
            raise PenilaianError(_("Evaluasi ini sudah final; buka kembali dulu bila perlu diubah."))
        kosong = rhk_tanpa_bukti(evaluasi)
        if kosong:
            daftar = [_("RHK “%(rhk)s” belum memiliki bukti dukung.") % {"rhk": er.rhk.teks[:120]} for er in kosong]
            raise PenilaianError(
                _("Penilaian baru dapat dilakukan setelah setiap RHK memiliki bukti dukung."), daftar=daftar
            )
        tetap, pesan = rating_hasil_tetap(evaluasi)
        if pesan:
            raise galat({"rating_hasil": pesan})
        if tetap is not None:
            hasil = tetap
        for er in evaluasi.rhk.filter(pk__in=umpan_balik):
            if er.umpan_balik != umpan_balik[er.pk]:
                er.umpan_balik = umpan_balik[er.pk]
                er.save(update_fields=["umpan_balik"])
        for ub in evaluasi.perilaku.filter(perilaku_id__in=umpan_balik_perilaku):
            if ub.teks != umpan_balik_perilaku[ub.perilaku_id]:
                ub.teks = umpan_balik_perilaku[ub.perilaku_id]
                ub.save(update_fields=["teks"])
        dari = evaluasi.status
        evaluasi.rating_hasil = hasil
        evaluasi.rating_perilaku = perilaku
        evaluasi.predikat = rules.predikat(hasil, perilaku)
        evaluasi.catatan_penilai = catatan
        evaluasi.status = StatusEvaluasi.DINILAI
        evaluasi.dinilai_pada = timezone.now()
        me = pegawai_of(actor)
        if me is not None and not evaluasi.oleh_kepala_daerah:
            evaluasi.penilai = me
        evaluasi.save()
        aksi = AksiEvaluasi.DINILAI if dari == StatusEvaluasi.DRAFT else AksiEvaluasi.DIUBAH
        riwayat = catat(
            evaluasi,
            aksi,
            dari,
            evaluasi.status,
            actor,
            _("Predikat: %(predikat)s.") % {"predikat": evaluasi.get_predikat_display()},
        )
        kabari_evaluasi(evaluasi, riwayat)
    return refresh_from_locked(asal, evaluasi)


def evaluasi_kembalikan(*, actor, evaluasi: Evaluasi, alasan: str) -> Evaluasi:
    """The penilai returns a rated evaluation to draft (the pegawai can correct realisasi and evidence again);
    the ratings are kept until rated again."""
    alasan = teks(alasan, "alasan", 2000, wajib=True, label=_("Alasan"))
    asal = evaluasi
    with transaction.atomic(), as_actor(actor, alasan=alasan):
        evaluasi = lock_evaluasi(evaluasi)
        _pastikan_penilai(actor, evaluasi)
        pastikan_terbuka(evaluasi.periode)
        if evaluasi.status != StatusEvaluasi.DINILAI:
            raise PenilaianError(_("Hanya evaluasi berstatus dinilai yang dapat dikembalikan ke draf."))
        evaluasi.status = StatusEvaluasi.DRAFT
        evaluasi.save(update_fields=["status"])
        riwayat = catat(
            evaluasi, AksiEvaluasi.DIKEMBALIKAN, StatusEvaluasi.DINILAI, StatusEvaluasi.DRAFT, actor, alasan
        )
        kabari_evaluasi(evaluasi, riwayat)
    return refresh_from_locked(asal, evaluasi)


def bekukan_identitas(evaluasi: Evaluasi) -> None:
    """Copy the identities of the pegawai, the pejabat penilai and the atasan pejabat penilai as they are on the
    evaluation's date onto ``evaluasi`` (the document prints these forever)."""
    skp = evaluasi.skp
    if evaluasi.oleh_kepala_daerah:
        evaluasi.identitas_pegawai = identitas(skp.pegawai, skp.jabatan)
        evaluasi.identitas_penilai = identitas_kepala_daerah()
        evaluasi.identitas_atasan_penilai = None
        return
    blok = identitas_hidup(skp, evaluasi.penilai, evaluasi.tanggal)
    evaluasi.identitas_pegawai = blok.pegawai
    evaluasi.identitas_penilai = blok.penilai
    evaluasi.identitas_atasan_penilai = blok.atasan_penilai
