"""The pegawai's own activities: record (with evidence), change, delete, copy yesterday's, submit.

The rules an entry must pass are checked by :func:`_validasi_isi` (fields, RHK), :func:`_cek_tumpang_tindih`
(time slot) and :func:`kinerja.selectors.penguncian.entri_tanggal` (month lock and entry window, the same
answer the daily page shows before its form).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pegawai.models import Pegawai
from portal.audit import as_person
from portal.locking import lock_row, refresh_from_locked
from portal.unchanged import UNCHANGED
from skp.models import RencanaHasilKerja

from .. import rules, waktu
from ..choices import STATUS_DAPAT_DIUBAH, KategoriAktivitas, StatusAktivitas
from ..errors import AktivitasError
from ..models import Aktivitas
from ..selectors.cache import ReadCache
from ..selectors.harian import rhk_dapat_dipetakan
from ..selectors.kalender import data_kalender, pengaturan_kinerja
from ..selectors.penguncian import Entri, InfoKunci, entri_tanggal, status_kunci
from ._common import (
    galat,
    hapus_berkas_setelah_commit,
    pastikan_dapat_diubah,
    pastikan_pemilik,
    pastikan_tidak_terkunci,
    simpan,
    teks,
)
from .bukti import lampirkan, periksa_bukti


def _jam(nilai, field: str) -> datetime.time:
    if isinstance(nilai, datetime.time):
        return rules.jam_bulat(nilai)
    try:
        return rules.jam_bulat(datetime.time.fromisoformat(str(nilai).strip()))
    except ValueError:
        raise galat({field: _("Jam harus dalam format JJ:MM.")}) from None


_VOLUME = Aktivitas._meta.get_field("volume")
# The column holds just under 10^(digits before the comma); a larger value would pass and PostgreSQL refuse the row.
_BATAS_VOLUME = Decimal(10) ** (_VOLUME.max_digits - _VOLUME.decimal_places)
_LANGKAH_VOLUME = Decimal(1).scaleb(-_VOLUME.decimal_places)


def _volume(nilai) -> Decimal | None:
    if nilai is None or nilai == "":
        return None
    try:
        hasil = nilai if isinstance(nilai, Decimal) else Decimal(str(nilai).strip().replace(",", "."))
    except InvalidOperation:
        return None
    return hasil if hasil.is_finite() else None


@dataclass
class _Isi:
    """The fields of an activity after validation."""

    tanggal: datetime.date
    kategori: str
    rhk: RencanaHasilKerja | None
    alasan_kategori: str
    uraian: str
    volume: Decimal
    satuan: str
    jam_mulai: datetime.time
    jam_selesai: datetime.time
    lokasi: str

    @property
    def menit(self) -> int:
        return rules.menit_antara(self.jam_mulai, self.jam_selesai)

    def terapkan(self, aktivitas: Aktivitas) -> None:
        for name in (
            "tanggal",
            "kategori",
            "rhk",
            "alasan_kategori",
            "uraian",
            "volume",
            "satuan",
            "jam_mulai",
            "jam_selesai",
            "lokasi",
        ):
            setattr(aktivitas, name, getattr(self, name))
        aktivitas.menit = self.menit


def _validasi_isi(
    pegawai: Pegawai,
    *,
    tanggal,
    kategori,
    rhk,
    alasan_kategori,
    uraian,
    volume,
    satuan,
    jam_mulai,
    jam_selesai,
    lokasi,
    rhk_lama_sah: RencanaHasilKerja | None = None,
    cache: ReadCache | None = None,
) -> _Isi:
    """Validate every field at once (a form shows all problems together). ``rhk_lama_sah`` is the RHK an
    existing activity already carries for an unchanged date: it stays acceptable even if a perubahan SKP has
    since superseded its version. Whether any other RHK applies is asked of skp (through
    :func:`kinerja.selectors.harian.rhk_dapat_dipetakan`: free when the request's ``cache`` already holds the
    RHK of that date)."""
    errors: dict[str, str] = {}
    if not isinstance(tanggal, datetime.date) or isinstance(tanggal, datetime.datetime):
        errors["tanggal"] = _("Tanggal aktivitas wajib diisi.")
    if kategori not in KategoriAktivitas.values:
        errors["kategori"] = _("Kategori aktivitas tidak dikenal.")
    uraian = teks(uraian)
    if not uraian:
        errors["uraian"] = _("Uraian aktivitas wajib diisi.")
    elif pesan := rules.pesan_terlalu_panjang(uraian, rules.MAKS_URAIAN, _("Uraian aktivitas")):
        errors["uraian"] = pesan
    satuan = teks(satuan)
    if not satuan:
        errors["satuan"] = _("Satuan keluaran wajib diisi.")
    vol = _volume(volume)
    if vol is None or vol <= 0:
        errors["volume"] = _("Volume keluaran harus berupa angka lebih dari nol.")
    elif vol >= _BATAS_VOLUME:
        # Checked before quantize(), which cannot even represent a number this large (1e309).
        errors["volume"] = _("Volume keluaran terlalu besar.")
    elif vol != vol.quantize(_LANGKAH_VOLUME):
        errors["volume"] = _("Volume keluaran paling banyak dua angka di belakang koma.")
    mulai = selesai = None
    try:
        mulai = _jam(jam_mulai, "jam_mulai")
    except AktivitasError as exc:
        errors.update(exc.errors)
    try:
        selesai = _jam(jam_selesai, "jam_selesai")
    except AktivitasError as exc:
        errors.update(exc.errors)
    if mulai is not None and selesai is not None and selesai <= mulai:
        errors["jam_selesai"] = _("Jam selesai harus setelah jam mulai.")
    alasan_kategori = teks(alasan_kategori)
    if kategori == KategoriAktivitas.RHK:
        alasan_kategori = ""
        if rhk is None:
            errors["rhk"] = _("Pilih rencana hasil kerja yang didukung aktivitas ini.")
        elif "tanggal" not in errors:
            sah = rhk_lama_sah is not None and rhk.pk == rhk_lama_sah.pk
            if not sah and not rhk_dapat_dipetakan(pegawai, rhk, tanggal, cache):
                errors["rhk"] = _(
                    "Rencana hasil kerja harus berasal dari SKP Anda yang sudah disetujui dan berlaku pada tanggal "
                    "aktivitas."
                )
    elif kategori in KategoriAktivitas.values:
        rhk = None
        if not alasan_kategori:
            errors["alasan_kategori"] = _("Jelaskan alasan aktivitas ini tidak termasuk rencana hasil kerja SKP.")
        elif pesan := rules.pesan_terlalu_panjang(alasan_kategori, rules.MAKS_ALASAN, _("Alasan di luar RHK")):
            errors["alasan_kategori"] = pesan
    if errors:
        raise galat(errors)
    return _Isi(
        tanggal=tanggal,
        kategori=kategori,
        rhk=rhk,
        alasan_kategori=alasan_kategori,
        uraian=uraian,
        volume=vol,
        satuan=satuan,
        jam_mulai=mulai,
        jam_selesai=selesai,
        lokasi=teks(lokasi)[:255],
    )


def _cek_tumpang_tindih(
    pegawai: Pegawai, tanggal: datetime.date, mulai: datetime.time, selesai: datetime.time, kecuali: int | None = None
) -> None:
    lain = (
        Aktivitas.objects.dihitung()
        .filter(pegawai=pegawai, tanggal=tanggal, jam_mulai__lt=selesai, jam_selesai__gt=mulai)
        .exclude(pk=kecuali)
        .order_by("jam_mulai")
        .first()
    )
    if lain is not None:
        raise galat(
            {
                "jam_mulai": _("Waktu ini bertumpuk dengan aktivitas lain pada %(jam)s (%(uraian)s).")
                % {
                    "jam": f"{lain.jam_mulai:%H.%M}–{lain.jam_selesai:%H.%M}",
                    "uraian": rules.ringkas_teks(lain.uraian, 60),
                }
            }
        )


def _pastikan_entri(entri: Entri) -> Entri:
    """Refuse an entry :func:`entri_tanggal` refused: a locked month above the form, the entry window beside the
    date."""
    if not entri.boleh:
        if entri.terkunci:
            raise AktivitasError(entri.pesan)
        raise galat({"tanggal": entri.pesan})
    return entri


# ---------------------------------------------------------------------------------------------------------------
# Activities: the pegawai's side
# ---------------------------------------------------------------------------------------------------------------


def aktivitas_buat(*, actor: Pegawai, **isi) -> Aktivitas:
    """Record one of ``actor``'s own activities as a draft, in a transaction of its own (a savepoint inside another):
    the rules and the fields are :func:`_buat`'s. A refused copy of :func:`aktivitas_salin_kemarin` then undoes only
    itself."""
    with transaction.atomic():
        return _buat(actor=actor, **isi)


def _buat(
    *,
    actor: Pegawai,
    tanggal: datetime.date,
    uraian: str,
    jam_mulai: datetime.time | str,
    jam_selesai: datetime.time | str,
    volume: Decimal | int | str,
    satuan: str,
    kategori: str = KategoriAktivitas.RHK,
    rhk: RencanaHasilKerja | None = None,
    alasan_kategori: str = "",
    lokasi: str = "",
    cache: ReadCache | None = None,
) -> Aktivitas:
    """Record one of ``actor``'s own activities as a draft.

    Refused when a field is invalid, the RHK is not from ``actor``'s approved SKP covering ``tanggal``, the time
    overlaps another (non-rejected) activity of that day, the date is in the future, the month is locked, or the
    entry comes after the allowed working days and the policy is *tolak*. Under the *tandai* policy (or in a month
    an admin reopened) a late entry is accepted with ``terlambat`` set.

    ``cache`` is the request's :class:`~kinerja.selectors.cache.ReadCache`: what the page already read for
    ``actor`` and ``tanggal`` is not read twice; every check is still asked of the selectors."""
    isi = _validasi_isi(
        actor,
        tanggal=tanggal,
        kategori=kategori,
        rhk=rhk,
        alasan_kategori=alasan_kategori,
        uraian=uraian,
        volume=volume,
        satuan=satuan,
        jam_mulai=jam_mulai,
        jam_selesai=jam_selesai,
        lokasi=lokasi,
        cache=cache,
    )
    # In the caller's transaction (aktivitas_buat's own, or the daily form's with the evidence and submission).
    with as_person(actor):
        entri = _pastikan_entri(entri_tanggal(actor, isi.tanggal, cache))
        _cek_tumpang_tindih(actor, isi.tanggal, isi.jam_mulai, isi.jam_selesai)
        aktivitas = Aktivitas(pegawai=actor, status=StatusAktivitas.DRAFT, terlambat=entri.terlambat)
        isi.terapkan(aktivitas)
        simpan(aktivitas)
    return aktivitas


def aktivitas_catat(
    *,
    actor: Pegawai,
    berkas: Sequence = (),
    tautan: str = "",
    judul_tautan: str = "",
    ajukan: bool = False,
    **isi,
) -> Aktivitas:
    """:func:`aktivitas_buat` and its evidence (uploaded files and/or a link) in one step, all or nothing: the
    quick entry form of the daily page sends both at once, and a refused file must not leave an activity behind
    without the evidence the pegawai meant to attach. Every problem — of the activity and of the evidence — is
    reported together in :attr:`AktivitasError.errors`.

    ``ajukan``: submit it to the atasan in the same step (:func:`aktivitas_ajukan`, "Simpan dan ajukan"), so a
    routine entry is recorded and sent with one button; a refusal to submit leaves no draft behind either."""
    berkas = list(berkas)
    tautan = teks(tautan)
    errors = periksa_bukti(berkas, tautan, isi.get("cache"))
    # One transaction for the activity, its evidence and its submission, without a savepoint for the activity
    # alone: any refusal undoes all of it.
    with transaction.atomic():
        try:
            aktivitas = _buat(actor=actor, **isi)
        except AktivitasError as exc:
            raise AktivitasError(
                " ".join([exc.message, *errors.values()]),
                errors={**exc.errors, **errors},
                daftar=[*exc.daftar, *errors.values()],
            ) from None
        if errors:
            # Raising inside the block rolls the new activity back.
            raise galat(errors)
        lampirkan(actor, aktivitas, berkas, tautan, judul_tautan)
        if ajukan:
            aktivitas = aktivitas_ajukan(actor=actor, aktivitas=aktivitas)[0]
    return aktivitas


def aktivitas_ubah(
    *,
    actor: Pegawai,
    aktivitas: Aktivitas,
    tanggal=UNCHANGED,
    uraian=UNCHANGED,
    jam_mulai=UNCHANGED,
    jam_selesai=UNCHANGED,
    volume=UNCHANGED,
    satuan=UNCHANGED,
    kategori=UNCHANGED,
    rhk=UNCHANGED,
    alasan_kategori=UNCHANGED,
    lokasi=UNCHANGED,
) -> Aktivitas:
    """Change a draft or rejected activity of ``actor``'s own (a rejected one stays rejected, with the atasan's
    catatan, until it is submitted again). Same rules as :func:`aktivitas_buat`; moving it to another date is
    judged as a new entry for that date (window and lateness), and neither the old nor the new month may be
    locked."""
    pastikan_pemilik(actor, aktivitas)
    pastikan_dapat_diubah(aktivitas)
    asli = aktivitas
    with transaction.atomic(), as_person(actor):
        aktivitas = lock_row(aktivitas)
        pastikan_pemilik(actor, aktivitas)
        pastikan_dapat_diubah(aktivitas)
        pastikan_tidak_terkunci(actor, aktivitas.tanggal)

        def nilai(baru, lama):
            return lama if baru is UNCHANGED else baru

        tanggal_baru = nilai(tanggal, aktivitas.tanggal)
        kategori_baru = nilai(kategori, aktivitas.kategori)
        rhk_baru = nilai(rhk, aktivitas.rhk)
        isi = _validasi_isi(
            actor,
            tanggal=tanggal_baru,
            kategori=kategori_baru,
            rhk=rhk_baru,
            alasan_kategori=nilai(alasan_kategori, aktivitas.alasan_kategori),
            uraian=nilai(uraian, aktivitas.uraian),
            volume=nilai(volume, aktivitas.volume),
            satuan=nilai(satuan, aktivitas.satuan),
            jam_mulai=nilai(jam_mulai, aktivitas.jam_mulai),
            jam_selesai=nilai(jam_selesai, aktivitas.jam_selesai),
            lokasi=nilai(lokasi, aktivitas.lokasi),
            rhk_lama_sah=aktivitas.rhk if tanggal_baru == aktivitas.tanggal else None,
        )
        if isi.tanggal != aktivitas.tanggal:
            aktivitas.terlambat = _pastikan_entri(entri_tanggal(actor, isi.tanggal)).terlambat
        _cek_tumpang_tindih(actor, isi.tanggal, isi.jam_mulai, isi.jam_selesai, kecuali=aktivitas.pk)
        isi.terapkan(aktivitas)
        simpan(aktivitas)
    return refresh_from_locked(asli, aktivitas)


def aktivitas_hapus(*, actor: Pegawai, aktivitas: Aktivitas) -> None:
    """Delete a draft or rejected activity of ``actor``'s own, with its evidence (files removed after commit)."""
    pastikan_pemilik(actor, aktivitas)
    pastikan_dapat_diubah(aktivitas)
    with transaction.atomic(), as_person(actor):
        aktivitas = lock_row(aktivitas)
        pastikan_pemilik(actor, aktivitas)
        pastikan_dapat_diubah(aktivitas)
        pastikan_tidak_terkunci(actor, aktivitas.tanggal)
        berkas = [n for n in aktivitas.bukti.exclude(berkas="").values_list("berkas", flat=True)]
        aktivitas.delete()
        hapus_berkas_setelah_commit(berkas)


@dataclass
class HasilSalin:
    """What :func:`aktivitas_salin_kemarin` did: the drafts created, and each source activity left out with the
    reason (its slot is taken, its RHK no longer applies…)."""

    sumber_tanggal: datetime.date
    dibuat: list[Aktivitas] = field(default_factory=list)
    dilewati: list[tuple[Aktivitas, str]] = field(default_factory=list)


def aktivitas_salin_kemarin(*, actor: Pegawai, tanggal: datetime.date | None = None) -> HasilSalin:
    """Copy ``actor``'s activities of the previous day worked as drafts for ``tanggal`` (default today): the most
    recent day with activities from the last working day before ``tanggal`` up to yesterday — on a Monday that is
    Friday (Saturday in a 6-day unit), or the weekend if the pegawai worked then. Rejected activities are not
    copied, nor is evidence (it belongs to the day it proves).

    Each copy passes the rules of :func:`aktivitas_buat`; a copy that breaks one (a slot already filled today, an
    RHK of an SKP that ended) is skipped and reported in :attr:`HasilSalin.dilewati`, the others are created —
    so copying twice creates nothing the second time."""
    tanggal = tanggal or waktu.hari_ini()
    # The copies share one date: its settings, calendar and month lock are read once for all of them.
    cache = ReadCache()
    kalender = data_kalender(actor, tanggal - datetime.timedelta(days=31), tanggal, cache).kalender()
    kemarin = tanggal - datetime.timedelta(days=1)
    terakhir = rules.hari_kerja_sebelum(tanggal, kalender)
    sumber = list(
        Aktivitas.objects.dihitung()
        .filter(pegawai=actor, tanggal__range=(terakhir, kemarin))
        .select_related("rhk")
        .order_by("-tanggal", "jam_mulai", "pk")
    )
    if not sumber:
        raise AktivitasError(
            _("Tidak ada aktivitas pada %(tanggal)s untuk disalin.") % {"tanggal": date_format(terakhir, "l, j F Y")}
        )
    sumber_tanggal = sumber[0].tanggal
    hasil = HasilSalin(sumber_tanggal=sumber_tanggal)
    for asal in (a for a in sumber if a.tanggal == sumber_tanggal):
        # Each copy is its own aktivitas_buat (own atomic block): one refused copy does not undo the others.
        try:
            baru = aktivitas_buat(
                actor=actor,
                tanggal=tanggal,
                uraian=asal.uraian,
                jam_mulai=asal.jam_mulai,
                jam_selesai=asal.jam_selesai,
                volume=asal.volume,
                satuan=asal.satuan,
                kategori=asal.kategori,
                rhk=asal.rhk,
                alasan_kategori=asal.alasan_kategori,
                lokasi=asal.lokasi,
                cache=cache,
            )
        except AktivitasError as exc:
            hasil.dilewati.append((asal, exc.message))
        else:
            hasil.dibuat.append(baru)
    return hasil


def aktivitas_ajukan(*, actor: Pegawai, aktivitas: Aktivitas | Iterable[Aktivitas]) -> list[Aktivitas]:
    """Submit one or several of ``actor``'s own draft or rejected activities to the atasan, all or nothing: when
    one of them cannot be submitted nothing changes and the message names it. A rejected activity submitted again
    takes its time slot back, so it must not overlap what was entered meanwhile."""
    daftar = [aktivitas] if isinstance(aktivitas, Aktivitas) else list(aktivitas)
    if not daftar:
        raise AktivitasError(_("Pilih aktivitas yang akan diajukan."))
    for a in daftar:
        pastikan_pemilik(actor, a)
    pengaturan = pengaturan_kinerja()
    ids = list(dict.fromkeys(a.pk for a in daftar))
    with transaction.atomic(), as_person(actor):
        # Rows locked in primary-key order, as everywhere, so two overlapping selections cannot deadlock.
        baris = {a.pk: a for a in Aktivitas.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
        if len(baris) != len(ids):
            raise AktivitasError(_("Sebagian aktivitas yang dipilih sudah tidak ada."))
        per_bulan: dict[tuple[int, int], InfoKunci] = {}
        for a in baris.values():
            pastikan_pemilik(actor, a)
            label = f"{date_format(a.tanggal, 'j F')} {a.jam_mulai:%H.%M}"
            if a.status not in STATUS_DAPAT_DIUBAH:
                raise AktivitasError(
                    _("Aktivitas %(label)s tidak dapat diajukan: statusnya %(status)s.")
                    % {"label": label, "status": a.get_status_display().lower()}
                )
            bulan = (a.tanggal.year, a.tanggal.month)
            if bulan not in per_bulan:
                per_bulan[bulan] = status_kunci(actor, *bulan, pengaturan)
            if per_bulan[bulan].terkunci:
                raise AktivitasError(per_bulan[bulan].pesan)
            if a.status == StatusAktivitas.DITOLAK:
                _cek_tumpang_tindih(actor, a.tanggal, a.jam_mulai, a.jam_selesai, kecuali=a.pk)
        sekarang = waktu.sekarang()
        for a in baris.values():
            a.status = StatusAktivitas.DIAJUKAN
            a.diajukan_pada = sekarang
            simpan(a, update_fields=["status", "diajukan_pada", "diubah_pada"])
    return [refresh_from_locked(asli, baris[asli.pk]) for asli in daftar]


_PESAN_TIDAK_DAPAT_DITARIK = {
    StatusAktivitas.DRAFT: gettext_lazy("Aktivitas ini belum diajukan, jadi tidak ada yang ditarik."),
    StatusAktivitas.DISETUJUI: gettext_lazy(
        "Aktivitas ini sudah disetujui atasan sehingga tidak dapat ditarik kembali."
    ),
    StatusAktivitas.DITOLAK: gettext_lazy(
        "Aktivitas ini sudah ditolak atasan: perbaiki lalu ajukan ulang, atau hapus bila tidak diperlukan."
    ),
}


def _pastikan_dapat_ditarik(aktivitas: Aktivitas) -> None:
    if aktivitas.status != StatusAktivitas.DIAJUKAN:
        raise AktivitasError(str(_PESAN_TIDAK_DAPAT_DITARIK[aktivitas.status]))


def aktivitas_tarik(*, actor: Pegawai, aktivitas: Aktivitas) -> Aktivitas:
    """Withdraw one of ``actor``'s submitted activities before the atasan acts: it becomes a draft again, to be
    corrected, deleted or submitted anew. The atasan has not looked at it yet, so nothing of theirs is undone.

    Refused once the atasan decided (an approval stands; a rejection is already back in the pegawai's hands) and
    when the month is locked (the verification deadline passed: the entry is what the atasan was due to judge).
    Checked again on the locked row, so a withdrawal racing the atasan's approval loses cleanly to it. The change
    is recorded in the audit trail under the pegawai's name, like every other step."""
    pastikan_pemilik(actor, aktivitas)
    _pastikan_dapat_ditarik(aktivitas)
    asli = aktivitas
    with transaction.atomic(), as_person(actor):
        aktivitas = lock_row(aktivitas)
        pastikan_pemilik(actor, aktivitas)
        _pastikan_dapat_ditarik(aktivitas)
        pastikan_tidak_terkunci(actor, aktivitas.tanggal)
        aktivitas.status = StatusAktivitas.DRAFT
        aktivitas.diajukan_pada = None
        simpan(aktivitas, update_fields=["status", "diajukan_pada", "diubah_pada"])
    return refresh_from_locked(asli, aktivitas)
