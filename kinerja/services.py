"""Every write of the kinerja app (CONVENTIONS.md, services): one function per change, keyword-only, ``actor``
first — the acting :class:`~pegawai.models.Pegawai`, or the admin's login for reopening a month and for settings.

Each service checks the state on the object it was given, opens ``transaction.atomic()``, locks the rows it
changes (``select_for_update``) and checks again on the locked rows — so a double click or a stale tab changes
nothing — then writes. pghistory triggers record every row change, attributed to the actor's login. A broken rule
raises :class:`AktivitasError` with a plain Indonesian message; a wrong actor raises
:class:`AktivitasTidakBerwenang`, which is also a ``PermissionDenied``.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pegawai.audit import as_actor
from pegawai.models import Pegawai, UnitKerja
from pegawai.selectors import dapat_menilai, pegawai_managed_by, peran_of
from skp.models import RencanaHasilKerja

from . import rules, waktu
from .berkas import BerkasDitolak, periksa_berkas
from .choices import (
    STATUS_DAPAT_DIUBAH,
    HariKerjaPerMinggu,
    JenisBukti,
    JenisLibur,
    KategoriAktivitas,
    KebijakanTerlambat,
    StatusAktivitas,
)
from .models import (
    Aktivitas,
    BukaKunci,
    BuktiDukung,
    HariKerjaUnit,
    HariLibur,
    PengaturanKinerja,
    bukti_storage,
)
from .selectors import (
    DataKalender,
    InfoKunci,
    bawahan_per_tanggal,
    kalender_pegawai,
    peta_kunci,
    rhk_untuk_tanggal,
    status_kunci,
)


class AktivitasError(Exception):
    """A daily-report rule was broken; ``str(exc)`` is an Indonesian message that can be shown as is.
    ``errors`` maps form fields to their message, for a form to show next to the field."""

    def __init__(self, message: str, *, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class AktivitasTidakBerwenang(AktivitasError, PermissionDenied):
    """The actor is not the one the rule allows (not the owner, not the atasan on that date, not the admin)."""


class _Tetap:
    """Marks a keyword argument of :func:`aktivitas_ubah` that was not given: the field keeps its value."""

    def __repr__(self):
        return "TETAP"


TETAP = _Tetap()

# PostgreSQL's SQLSTATE for an exclusion-constraint violation.
_EXCLUSION_VIOLATION = "23P01"


# ---------------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------------


def _konteks(actor: Pegawai):
    """pghistory context: the events written inside carry the actor's login and pegawai."""
    return as_actor(actor.user_id, pegawai=actor.pk)


def _galat(errors: dict[str, str]) -> AktivitasError:
    return AktivitasError(" ".join(errors.values()), errors=errors)


def _segarkan(asli, baru):
    """Copy the committed values of ``baru`` (read under the lock) onto the caller's instance ``asli``."""
    for f in type(asli)._meta.concrete_fields:
        setattr(asli, f.attname, getattr(baru, f.attname))
    return asli


def _kunci(aktivitas: Aktivitas) -> Aktivitas:
    return Aktivitas.objects.select_for_update().get(pk=aktivitas.pk)


def _nama_bulan(tahun: int, bulan: int) -> str:
    return date_format(datetime.date(tahun, bulan, 1), "F Y")


def _pastikan_pemilik(actor: Pegawai, aktivitas: Aktivitas) -> None:
    if actor is None or actor.pk != aktivitas.pegawai_id:
        raise AktivitasTidakBerwenang(_("Hanya pegawai pemilik aktivitas yang dapat melakukan ini."))


_PESAN_TIDAK_DAPAT_DIUBAH = {
    StatusAktivitas.DIAJUKAN: gettext_lazy("Aktivitas sedang menunggu verifikasi atasan dan tidak dapat diubah."),
    StatusAktivitas.DISETUJUI: gettext_lazy("Aktivitas yang sudah disetujui tidak dapat diubah."),
}


def _pastikan_dapat_diubah(aktivitas: Aktivitas) -> None:
    if aktivitas.status not in STATUS_DAPAT_DIUBAH:
        raise AktivitasError(str(_PESAN_TIDAK_DAPAT_DIUBAH[aktivitas.status]))


def _pesan_terkunci(info: InfoKunci) -> str:
    return _(
        "Aktivitas bulan %(bulan)s sudah terkunci sejak batas verifikasi %(batas)s. Hubungi admin untuk membuka "
        "kembali bulan ini."
    ) % {"bulan": _nama_bulan(info.tahun, info.bulan), "batas": date_format(info.batas_verifikasi, "j F Y")}


def _pastikan_tidak_terkunci(
    pegawai: Pegawai, tanggal: datetime.date, pengaturan: PengaturanKinerja, data: DataKalender | None = None
) -> InfoKunci:
    info = status_kunci(pegawai, tanggal.year, tanggal.month, pengaturan, data)
    if info.terkunci:
        raise AktivitasError(_pesan_terkunci(info))
    return info


def _teks(nilai) -> str:
    return (nilai or "").strip()


def _jam(nilai, field: str) -> datetime.time:
    if isinstance(nilai, datetime.time):
        return rules.jam_bulat(nilai)
    try:
        return rules.jam_bulat(datetime.time.fromisoformat(str(nilai).strip()))
    except ValueError:
        raise _galat({field: _("Jam harus dalam format JJ:MM.")}) from None


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
    rhk_berlaku: Collection[int] | None = None,
) -> _Isi:
    """Validate every field at once (a form shows all problems together). ``rhk_lama_sah`` is the RHK an
    existing activity already carries for an unchanged date: it stays acceptable even if a perubahan SKP has
    since superseded its version. ``rhk_berlaku`` is the ids :func:`rhk_untuk_tanggal` gives for ``pegawai`` and
    ``tanggal`` when the caller has just read them (the check then reads nothing)."""
    errors: dict[str, str] = {}
    if not isinstance(tanggal, datetime.date) or isinstance(tanggal, datetime.datetime):
        errors["tanggal"] = _("Tanggal aktivitas wajib diisi.")
    if kategori not in KategoriAktivitas.values:
        errors["kategori"] = _("Kategori aktivitas tidak dikenal.")
    uraian = _teks(uraian)
    if not uraian:
        errors["uraian"] = _("Uraian aktivitas wajib diisi.")
    satuan = _teks(satuan)
    if not satuan:
        errors["satuan"] = _("Satuan keluaran wajib diisi.")
    vol = _volume(volume)
    if vol is None or vol <= 0:
        errors["volume"] = _("Volume keluaran harus berupa angka lebih dari nol.")
    elif vol != vol.quantize(Decimal("0.01")) or vol >= Decimal("1e10"):
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
    alasan_kategori = _teks(alasan_kategori)
    if kategori == KategoriAktivitas.RHK:
        alasan_kategori = ""
        if rhk is None:
            errors["rhk"] = _("Pilih rencana hasil kerja yang didukung aktivitas ini.")
        elif "tanggal" not in errors:
            sah = rhk_lama_sah is not None and rhk.pk == rhk_lama_sah.pk
            if rhk_berlaku is not None:
                berlaku = rhk.pk in rhk_berlaku
            else:
                berlaku = rhk_untuk_tanggal(pegawai, tanggal).filter(pk=rhk.pk).exists()
            if not sah and not berlaku:
                errors["rhk"] = _(
                    "Rencana hasil kerja harus berasal dari SKP Anda yang sudah disetujui dan berlaku pada tanggal "
                    "aktivitas."
                )
    elif kategori in KategoriAktivitas.values:
        rhk = None
        if not alasan_kategori:
            errors["alasan_kategori"] = _("Jelaskan alasan aktivitas ini tidak termasuk rencana hasil kerja SKP.")
    if errors:
        raise _galat(errors)
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
        lokasi=_teks(lokasi)[:255],
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
        raise _galat(
            {
                "jam_mulai": _("Waktu ini bertumpuk dengan aktivitas lain pada %(jam)s (%(uraian)s).")
                % {"jam": f"{lain.jam_mulai:%H.%M}–{lain.jam_selesai:%H.%M}", "uraian": lain.uraian[:60]}
            }
        )


def _simpan(obj, **kwargs) -> None:
    """Save in a savepoint, turning the exclusion constraint's refusal (two tabs writing the same slot at once,
    past the service's own check) into the same message as the check."""
    try:
        with transaction.atomic():
            obj.save(**kwargs)
    except IntegrityError as exc:
        if getattr(exc.__cause__, "pgcode", None) == _EXCLUSION_VIOLATION:
            raise _galat({"jam_mulai": _("Waktu ini bertumpuk dengan aktivitas lain pada hari yang sama.")}) from None
        raise


def _keputusan_entri(
    pegawai: Pegawai,
    tanggal: datetime.date,
    pengaturan: PengaturanKinerja,
    info: InfoKunci,
    data: DataKalender | None = None,
) -> rules.KeputusanEntri:
    hari_ini = waktu.hari_ini()
    kalender = kalender_pegawai(pegawai, tanggal, max(tanggal, hari_ini), pengaturan, data)
    status = rules.status_entri(tanggal, hari_ini, pengaturan.batas_hari_entri, kalender)
    keputusan = rules.keputusan_entri(
        status, pengaturan.kebijakan_terlambat, bulan_dibuka=info.dibuka_sampai is not None
    )
    if not keputusan.diterima:
        raise _galat({"tanggal": keputusan.pesan})
    return keputusan


def _hapus_berkas_setelah_commit(names: list[str]) -> None:
    storage = bukti_storage()

    def hapus():
        for name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(hapus)


# ---------------------------------------------------------------------------------------------------------------
# Activities: the pegawai's side
# ---------------------------------------------------------------------------------------------------------------


def aktivitas_buat(
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
    pengaturan: PengaturanKinerja | None = None,
    data_kalender: DataKalender | None = None,
    rhk_berlaku: Collection[int] | None = None,
) -> Aktivitas:
    """Record one of ``actor``'s own activities as a draft.

    Refused when a field is invalid, the RHK is not from ``actor``'s approved SKP covering ``tanggal``, the time
    overlaps another (non-rejected) activity of that day, the date is in the future, the month is locked, or the
    entry comes after the allowed working days and the policy is *tolak*. Under the *tandai* policy (or in a month
    an admin reopened) a late entry is accepted with ``terlambat`` set.

    A view that already read them passes the settings, ``actor``'s calendar inputs
    (:func:`kinerja.selectors.data_kalender`) and the ids of the RHK valid on ``tanggal``; the checks are the
    same, they just read nothing twice."""
    pengaturan = pengaturan or PengaturanKinerja.get_solo()
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
        rhk_berlaku=rhk_berlaku,
    )
    with transaction.atomic(), _konteks(actor):
        info = _pastikan_tidak_terkunci(actor, isi.tanggal, pengaturan, data_kalender)
        keputusan = _keputusan_entri(actor, isi.tanggal, pengaturan, info, data_kalender)
        _cek_tumpang_tindih(actor, isi.tanggal, isi.jam_mulai, isi.jam_selesai)
        aktivitas = Aktivitas(pegawai=actor, status=StatusAktivitas.DRAFT, terlambat=keputusan.terlambat)
        isi.terapkan(aktivitas)
        _simpan(aktivitas)
    return aktivitas


def aktivitas_catat(
    *,
    actor: Pegawai,
    berkas: Sequence = (),
    tautan: str = "",
    judul_tautan: str = "",
    **isi,
) -> Aktivitas:
    """:func:`aktivitas_buat` and its evidence (uploaded files and/or a link) in one step, all or nothing: the
    quick entry form of the daily page sends both at once, and a refused file must not leave an activity behind
    without the evidence the pegawai meant to attach. Every problem — of the activity and of the evidence — is
    reported together in :attr:`AktivitasError.errors`."""
    berkas = list(berkas)
    tautan = _teks(tautan)
    errors = _periksa_bukti(berkas, tautan, isi.get("pengaturan"))
    with transaction.atomic():
        try:
            aktivitas = aktivitas_buat(actor=actor, **isi)
        except AktivitasError as exc:
            raise AktivitasError(" ".join([exc.message, *errors.values()]), errors={**exc.errors, **errors}) from None
        if errors:
            # Raising inside the block rolls the new activity back.
            raise _galat(errors)
        _lampirkan(actor, aktivitas, berkas, tautan, judul_tautan)
    return aktivitas


def aktivitas_ubah(
    *,
    actor: Pegawai,
    aktivitas: Aktivitas,
    tanggal=TETAP,
    uraian=TETAP,
    jam_mulai=TETAP,
    jam_selesai=TETAP,
    volume=TETAP,
    satuan=TETAP,
    kategori=TETAP,
    rhk=TETAP,
    alasan_kategori=TETAP,
    lokasi=TETAP,
) -> Aktivitas:
    """Change a draft or rejected activity of ``actor``'s own (a rejected one stays rejected, with the atasan's
    catatan, until it is submitted again). Same rules as :func:`aktivitas_buat`; moving it to another date is
    judged as a new entry for that date (window and lateness), and neither the old nor the new month may be
    locked."""
    _pastikan_pemilik(actor, aktivitas)
    _pastikan_dapat_diubah(aktivitas)
    pengaturan = PengaturanKinerja.get_solo()
    asli = aktivitas
    with transaction.atomic(), _konteks(actor):
        aktivitas = _kunci(aktivitas)
        _pastikan_pemilik(actor, aktivitas)
        _pastikan_dapat_diubah(aktivitas)
        _pastikan_tidak_terkunci(actor, aktivitas.tanggal, pengaturan)

        def nilai(baru, lama):
            return lama if baru is TETAP else baru

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
            info = _pastikan_tidak_terkunci(actor, isi.tanggal, pengaturan)
            aktivitas.terlambat = _keputusan_entri(actor, isi.tanggal, pengaturan, info).terlambat
        _cek_tumpang_tindih(actor, isi.tanggal, isi.jam_mulai, isi.jam_selesai, kecuali=aktivitas.pk)
        isi.terapkan(aktivitas)
        _simpan(aktivitas)
    return _segarkan(asli, aktivitas)


def aktivitas_hapus(*, actor: Pegawai, aktivitas: Aktivitas) -> None:
    """Delete a draft or rejected activity of ``actor``'s own, with its evidence (files removed after commit)."""
    _pastikan_pemilik(actor, aktivitas)
    _pastikan_dapat_diubah(aktivitas)
    pengaturan = PengaturanKinerja.get_solo()
    with transaction.atomic(), _konteks(actor):
        aktivitas = _kunci(aktivitas)
        _pastikan_pemilik(actor, aktivitas)
        _pastikan_dapat_diubah(aktivitas)
        _pastikan_tidak_terkunci(actor, aktivitas.tanggal, pengaturan)
        berkas = [n for n in aktivitas.bukti.exclude(berkas="").values_list("berkas", flat=True)]
        aktivitas.delete()
        _hapus_berkas_setelah_commit(berkas)


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
    pengaturan = PengaturanKinerja.get_solo()
    kalender = kalender_pegawai(actor, tanggal - datetime.timedelta(days=31), tanggal, pengaturan)
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
        _pastikan_pemilik(actor, a)
    pengaturan = PengaturanKinerja.get_solo()
    ids = list(dict.fromkeys(a.pk for a in daftar))
    with transaction.atomic(), _konteks(actor):
        # Rows locked in primary-key order, as everywhere, so two overlapping selections cannot deadlock.
        baris = {a.pk: a for a in Aktivitas.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
        if len(baris) != len(ids):
            raise AktivitasError(_("Sebagian aktivitas yang dipilih sudah tidak ada."))
        kunci_bulan: dict[tuple[int, int], InfoKunci] = {}
        for a in baris.values():
            _pastikan_pemilik(actor, a)
            label = f"{date_format(a.tanggal, 'j F')} {a.jam_mulai:%H.%M}"
            if a.status not in STATUS_DAPAT_DIUBAH:
                raise AktivitasError(
                    _("Aktivitas %(label)s tidak dapat diajukan: statusnya %(status)s.")
                    % {"label": label, "status": a.get_status_display().lower()}
                )
            bulan = (a.tanggal.year, a.tanggal.month)
            if bulan not in kunci_bulan:
                kunci_bulan[bulan] = status_kunci(actor, *bulan, pengaturan)
            if kunci_bulan[bulan].terkunci:
                raise AktivitasError(_pesan_terkunci(kunci_bulan[bulan]))
            if a.status == StatusAktivitas.DITOLAK:
                _cek_tumpang_tindih(actor, a.tanggal, a.jam_mulai, a.jam_selesai, kecuali=a.pk)
        sekarang = waktu.sekarang()
        for a in baris.values():
            a.status = StatusAktivitas.DIAJUKAN
            a.diajukan_pada = sekarang
            _simpan(a, update_fields=["status", "diajukan_pada", "diubah_pada"])
    return [_segarkan(asli, baris[asli.pk]) for asli in daftar]


# ---------------------------------------------------------------------------------------------------------------
# Activities: the atasan's side
# ---------------------------------------------------------------------------------------------------------------


def _pastikan_penilai(actor: Pegawai, aktivitas: Aktivitas) -> None:
    # The atasan on the activity's own date decides (own position, override, or the Plt/Plh of that day): a
    # supervisor who arrived later did not see the work being done.
    if not dapat_menilai(actor, aktivitas.pegawai, on=aktivitas.tanggal):
        raise AktivitasTidakBerwenang(_("Anda bukan atasan langsung pegawai ini pada tanggal aktivitas."))


def _pastikan_diajukan(aktivitas: Aktivitas) -> None:
    if aktivitas.status != StatusAktivitas.DIAJUKAN:
        raise AktivitasError(
            _("Aktivitas ini tidak sedang menunggu verifikasi (statusnya %(status)s).")
            % {"status": aktivitas.get_status_display().lower()}
        )


def _verifikasi(actor: Pegawai, aktivitas: Aktivitas, status: str, catatan: str) -> Aktivitas:
    _pastikan_diajukan(aktivitas)
    _pastikan_penilai(actor, aktivitas)
    pengaturan = PengaturanKinerja.get_solo()
    asli = aktivitas
    with transaction.atomic(), _konteks(actor):
        aktivitas = _kunci(aktivitas)
        _pastikan_diajukan(aktivitas)
        _pastikan_tidak_terkunci(aktivitas.pegawai, aktivitas.tanggal, pengaturan)
        aktivitas.status = status
        aktivitas.catatan_atasan = catatan
        aktivitas.diverifikasi_oleh = actor
        aktivitas.diverifikasi_pada = waktu.sekarang()
        aktivitas.save(
            update_fields=["status", "catatan_atasan", "diverifikasi_oleh", "diverifikasi_pada", "diubah_pada"]
        )
    return _segarkan(asli, aktivitas)


def aktivitas_setujui(*, actor: Pegawai, aktivitas: Aktivitas, catatan: str = "") -> Aktivitas:
    """Approve a submitted activity as the pegawai's atasan on the activity's date (or the Plt/Plh of that
    position on that date). Refused once the month is locked (after the verification deadline, unless an admin
    reopened it). The approved activity counts in :func:`kinerja.selectors.realisasi`."""
    return _verifikasi(actor, aktivitas, StatusAktivitas.DISETUJUI, _teks(catatan))


def aktivitas_tolak(*, actor: Pegawai, aktivitas: Aktivitas, catatan: str) -> Aktivitas:
    """Reject a submitted activity with a ``catatan`` (required: the pegawai must learn what to fix). The
    pegawai may revise it and submit it again; meanwhile its time slot is free."""
    catatan = _teks(catatan)
    if not catatan:
        raise _galat({"catatan": _("Tuliskan alasan penolakan agar pegawai dapat memperbaikinya.")})
    return _verifikasi(actor, aktivitas, StatusAktivitas.DITOLAK, catatan)


@dataclass
class HasilSetujuiBanyak:
    """Per-item result of :func:`aktivitas_setujui_banyak`: the approved activities, and every other selected
    one with the reason it was left as it was."""

    disetujui: list[Aktivitas] = field(default_factory=list)
    gagal: list[tuple[int, str]] = field(default_factory=list)


def aktivitas_setujui_banyak(
    *, actor: Pegawai, aktivitas: Iterable[Aktivitas | int], catatan: str = ""
) -> HasilSetujuiBanyak:
    """Approve a selection of submitted activities, **per item**: each one that passes the rules of
    :func:`aktivitas_setujui` is approved, each one that does not is reported in
    :attr:`HasilSetujuiBanyak.gagal` (activity id, reason) and left unchanged.

    Per item rather than all-or-nothing because the selection comes from a queue page that may be stale: one
    activity approved meanwhile in another tab, or one of a month locked since the page loaded, should not cost
    the atasan the other forty. A selection holding an activity the actor does not verify is not an attack on the
    others either: that item is refused alone. Query count grows with the number of distinct Plt/Plh stretches
    among the dates, not with the number of activities."""
    catatan = _teks(catatan)
    ids = list(dict.fromkeys(getattr(a, "pk", a) for a in aktivitas))
    hasil = HasilSetujuiBanyak()
    if not ids:
        return hasil
    pengaturan = PengaturanKinerja.get_solo()
    with transaction.atomic(), _konteks(actor):
        baris = {
            a.pk: a
            for a in Aktivitas.objects.select_for_update(of=("self",))
            .select_related("pegawai__jabatan")
            .filter(pk__in=ids)
            .order_by("pk")
        }
        diajukan = [a for a in baris.values() if a.status == StatusAktivitas.DIAJUKAN]
        bawahan = bawahan_per_tanggal(actor, (a.tanggal for a in diajukan))
        kunci = peta_kunci(
            {(a.pegawai_id, a.pegawai.jabatan.unit_kerja_id, a.tanggal.year, a.tanggal.month) for a in diajukan},
            pengaturan,
        )
        lolos = []
        for pk in ids:
            a = baris.get(pk)
            info = kunci.get((a.pegawai_id, a.tanggal.year, a.tanggal.month)) if a is not None else None
            if a is None:
                hasil.gagal.append((pk, _("Aktivitas tidak ditemukan.")))
            elif a.status != StatusAktivitas.DIAJUKAN:
                hasil.gagal.append(
                    (pk, _("Statusnya %(status)s, bukan diajukan.") % {"status": a.get_status_display().lower()})
                )
            elif a.pegawai_id == actor.pk or a.pegawai_id not in bawahan.get(a.tanggal, set()):
                hasil.gagal.append((pk, _("Anda bukan atasan langsung pegawai ini pada tanggal aktivitas.")))
            elif info.terkunci:
                hasil.gagal.append((pk, _pesan_terkunci(info)))
            else:
                lolos.append(a)
        if lolos:
            sekarang = waktu.sekarang()
            Aktivitas.objects.filter(pk__in=[a.pk for a in lolos]).update(
                status=StatusAktivitas.DISETUJUI,
                catatan_atasan=catatan,
                diverifikasi_oleh=actor,
                diverifikasi_pada=sekarang,
                diubah_pada=sekarang,
            )
            hasil.disetujui = list(
                Aktivitas.objects.filter(pk__in=[a.pk for a in lolos]).order_by("tanggal", "jam_mulai", "pk")
            )
    return hasil


# ---------------------------------------------------------------------------------------------------------------
# Evidence
# ---------------------------------------------------------------------------------------------------------------


def _mulai_ubah_bukti(actor: Pegawai, aktivitas: Aktivitas, pengaturan: PengaturanKinerja) -> Aktivitas:
    """Inside a transaction: lock the activity (its evidence changes with it) and check owner, state and lock."""
    locked = _kunci(aktivitas)
    _pastikan_pemilik(actor, locked)
    _pastikan_dapat_diubah(locked)
    _pastikan_tidak_terkunci(actor, locked.tanggal, pengaturan)
    return locked


def bukti_tambah_berkas(*, actor: Pegawai, aktivitas: Aktivitas, berkas) -> BuktiDukung:
    """Attach an uploaded file (Django ``UploadedFile``) to a draft or rejected activity of ``actor``'s own.

    The type is decided by content (PDF, JPEG, PNG, DOCX, XLSX), the size is limited by the setting
    ``maks_unggah_mb``, the file is stored under a random name and the sanitised original name kept for display
    only (see :mod:`kinerja.berkas`)."""
    _pastikan_pemilik(actor, aktivitas)
    _pastikan_dapat_diubah(aktivitas)
    pengaturan = PengaturanKinerja.get_solo()
    try:
        diperiksa = periksa_berkas(berkas, berkas.name, berkas.size, pengaturan.maks_unggah_mb)
    except BerkasDitolak as exc:
        raise _galat({"berkas": str(exc)}) from None
    with transaction.atomic(), _konteks(actor):
        _mulai_ubah_bukti(actor, aktivitas, pengaturan)
        bukti = BuktiDukung(
            aktivitas=aktivitas,
            jenis=JenisBukti.BERKAS,
            nama_asli=diperiksa.nama,
            tipe_konten=diperiksa.jenis.mimetype,
            ukuran=diperiksa.ukuran,
        )
        berkas.seek(0)
        # FileField.save writes the file first and the row second; if the row (or anything after it in this
        # transaction) fails, the stored file would be orphaned, so it is removed on the way out.
        bukti.berkas.save("bukti", berkas, save=False)
        try:
            bukti.save()
        except Exception:
            bukti.berkas.storage.delete(bukti.berkas.name)
            raise
    return bukti


def bukti_tambah_tautan(*, actor: Pegawai, aktivitas: Aktivitas, url: str, judul: str = "") -> BuktiDukung:
    """Attach an http(s) link (a shared drive folder, a news item…) to a draft or rejected activity."""
    _pastikan_pemilik(actor, aktivitas)
    _pastikan_dapat_diubah(aktivitas)
    url = _teks(url)
    pesan = rules.periksa_tautan(url)
    if pesan:
        raise _galat({"url": pesan})
    pengaturan = PengaturanKinerja.get_solo()
    with transaction.atomic(), _konteks(actor):
        _mulai_ubah_bukti(actor, aktivitas, pengaturan)
        return BuktiDukung.objects.create(
            aktivitas=aktivitas, jenis=JenisBukti.TAUTAN, url=url, judul=_teks(judul)[:255]
        )


def _periksa_bukti(berkas: list, tautan: str, pengaturan: PengaturanKinerja | None = None) -> dict[str, str]:
    """Check evidence before anything is written: every file by content and size, the link by scheme."""
    errors: dict[str, str] = {}
    if berkas:
        maks_mb = (pengaturan or PengaturanKinerja.get_solo()).maks_unggah_mb
        for f in berkas:
            try:
                periksa_berkas(f, f.name, f.size, maks_mb)
            except BerkasDitolak as exc:
                errors["berkas"] = str(exc)
                break
    if tautan and (pesan := rules.periksa_tautan(tautan)):
        errors["url"] = pesan
    return errors


def _lampirkan(actor: Pegawai, aktivitas: Aktivitas, berkas: list, tautan: str, judul: str) -> list[BuktiDukung]:
    """Inside the caller's transaction, after :func:`_periksa_bukti`: the link first, then the files, so nothing
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
    _pastikan_pemilik(actor, aktivitas)
    _pastikan_dapat_diubah(aktivitas)
    berkas = list(berkas)
    tautan = _teks(tautan)
    if not berkas and not tautan:
        raise _galat({"berkas": _("Pilih foto atau berkas, atau isi tautan.")})
    errors = _periksa_bukti(berkas, tautan)
    if errors:
        raise _galat(errors)
    with transaction.atomic():
        return _lampirkan(actor, aktivitas, berkas, tautan, judul)


def bukti_hapus(*, actor: Pegawai, bukti: BuktiDukung) -> None:
    """Remove evidence from a draft or rejected activity of ``actor``'s own; the file is deleted after commit."""
    aktivitas = bukti.aktivitas
    _pastikan_pemilik(actor, aktivitas)
    _pastikan_dapat_diubah(aktivitas)
    pengaturan = PengaturanKinerja.get_solo()
    with transaction.atomic(), _konteks(actor):
        _mulai_ubah_bukti(actor, aktivitas, pengaturan)
        bukti = BuktiDukung.objects.select_for_update().get(pk=bukti.pk)
        nama = bukti.berkas.name if bukti.berkas else ""
        bukti.delete()
        _hapus_berkas_setelah_commit([nama] if nama else [])


# ---------------------------------------------------------------------------------------------------------------
# Admin: reopening a locked month, settings, calendar
# ---------------------------------------------------------------------------------------------------------------


def _pastikan_admin_bkpsdm(actor) -> None:
    if not peran_of(actor).admin_bkpsdm:
        raise AktivitasTidakBerwenang(_("Hanya admin BKPSDM yang dapat mengubah pengaturan ini."))


def bulan_buka_kunci(
    *, actor, pegawai: Pegawai, tahun: int, bulan: int, alasan: str, sampai: datetime.date
) -> BukaKunci:
    """Reopen one pegawai-month after its verification deadline until ``sampai`` (inclusive), with a reason.

    ``actor`` is the admin's login: admin OPD of the pegawai's OPD, or admin BKPSDM. While open, the pegawai may
    enter (late entries are accepted and flagged), edit and submit, and the atasan may verify. Every reopening
    is kept as its own row; the latest ``sampai`` counts."""
    if not pegawai_managed_by(actor).filter(pk=pegawai.pk).exists():
        raise AktivitasTidakBerwenang(_("Anda tidak mengelola data pegawai ini."))
    alasan = _teks(alasan)
    errors = {}
    if not alasan:
        errors["alasan"] = _("Alasan membuka kembali wajib diisi.")
    hari_ini = waktu.hari_ini()
    if not 1 <= bulan <= 12:
        errors["bulan"] = _("Bulan tidak sah.")
    elif (tahun, bulan) > (hari_ini.year, hari_ini.month):
        errors["bulan"] = _("Bulan yang belum berjalan tidak perlu dibuka.")
    if sampai < hari_ini:
        errors["sampai"] = _("Tanggal akhir pembukaan tidak boleh sebelum hari ini.")
    if errors:
        raise _galat(errors)
    with transaction.atomic(), as_actor(actor):
        return BukaKunci.objects.create(
            pegawai=pegawai, tahun=tahun, bulan=bulan, alasan=alasan, sampai=sampai, oleh=actor
        )


_FIELD_PENGATURAN = (
    "menit_efektif_minimum",
    "batas_hari_entri",
    "kebijakan_terlambat",
    "batas_verifikasi_hari_kerja",
    "maks_unggah_mb",
    "hari_kerja_per_minggu",
)


def pengaturan_ubah(*, actor, **nilai) -> PengaturanKinerja:
    """Change the instansi's daily-report settings (admin BKPSDM). Only the fields given change; each is
    validated by the model's validators."""
    _pastikan_admin_bkpsdm(actor)
    tak_dikenal = set(nilai) - set(_FIELD_PENGATURAN)
    if tak_dikenal:
        raise TypeError(f"pengaturan tidak dikenal: {', '.join(sorted(tak_dikenal))}")
    PengaturanKinerja.get_solo()
    with transaction.atomic(), as_actor(actor):
        pengaturan = PengaturanKinerja.objects.select_for_update().get(pk=PengaturanKinerja.SOLO_PK)
        for name, value in nilai.items():
            setattr(pengaturan, name, value)
        if pengaturan.kebijakan_terlambat not in KebijakanTerlambat.values:
            raise _galat({"kebijakan_terlambat": _("Kebijakan pencatatan terlambat tidak dikenal.")})
        try:
            pengaturan.full_clean()
        except ValidationError as exc:
            raise _galat({k: " ".join(v) for k, v in exc.message_dict.items()}) from None
        pengaturan.save()
    return pengaturan


def hari_kerja_unit_atur(*, actor, unit_kerja: UnitKerja, hari_kerja_per_minggu: int | None) -> HariKerjaUnit | None:
    """Give a unit (and the units below it) its own week length, or remove it with ``None`` (back to the parent's
    or the instansi's). Admin OPD of the unit's OPD, or admin BKPSDM."""
    roles = peran_of(actor)
    if not (roles.admin_bkpsdm or unit_kerja.perangkat_daerah_id in roles.admin_opd_ids):
        raise AktivitasTidakBerwenang(_("Anda tidak mengelola unit kerja ini."))
    if hari_kerja_per_minggu is not None and hari_kerja_per_minggu not in HariKerjaPerMinggu.values:
        raise _galat({"hari_kerja_per_minggu": _("Hari kerja per minggu harus 5 atau 6.")})
    with transaction.atomic(), as_actor(actor):
        if hari_kerja_per_minggu is None:
            HariKerjaUnit.objects.filter(unit_kerja=unit_kerja).delete()
            return None
        obj, _created = HariKerjaUnit.objects.update_or_create(
            unit_kerja=unit_kerja, defaults={"hari_kerja_per_minggu": hari_kerja_per_minggu}
        )
        return obj


def hari_libur_simpan(*, actor, tanggal: datetime.date, nama: str, jenis: str = JenisLibur.LIBUR_NASIONAL) -> HariLibur:
    """Add or rename a national holiday / cuti bersama (admin BKPSDM). Deadlines and locks follow at once."""
    _pastikan_admin_bkpsdm(actor)
    nama = _teks(nama)
    errors = {}
    if not nama:
        errors["nama"] = _("Keterangan hari libur wajib diisi.")
    if jenis not in JenisLibur.values:
        errors["jenis"] = _("Jenis hari libur tidak dikenal.")
    if errors:
        raise _galat(errors)
    with transaction.atomic(), as_actor(actor):
        obj, _created = HariLibur.objects.update_or_create(tanggal=tanggal, defaults={"nama": nama, "jenis": jenis})
        return obj


def hari_libur_hapus(*, actor, hari_libur: HariLibur) -> None:
    _pastikan_admin_bkpsdm(actor)
    with transaction.atomic(), as_actor(actor):
        HariLibur.objects.filter(pk=hari_libur.pk).delete()
