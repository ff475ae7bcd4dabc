"""Pure SKP rules: no database access, so they are tested exhaustively as tables (CONVENTIONS.md, Tests).

Services gather the facts from the database and ask these functions; each validator returns the broken rules as
Indonesian messages (``{field: message}`` for one object, a list for a whole SKP), an empty result when valid.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from pegawai.choices import JenisJabatan

from .choices import AksiSkp, Aspek, FormatSkp, JenisRhk, Pendekatan, Perspektif, SkpStatus

# ---------------------------------------------------------------------------------------------------------------
# Format and period
# ---------------------------------------------------------------------------------------------------------------


def format_skp(jenis: str, *, pimpinan_unit_mandiri: bool) -> str:
    """PermenPANRB 6/2022, Lampiran: the JPT form for Jabatan Pimpinan Tinggi and for the pimpinan unit kerja
    mandiri (the head of a unit flagged mandiri: :func:`pegawai.unit_mandiri.pimpinan_unit_mandiri`), the JA/JF
    form for everyone else (Administrator, Pengawas, Pelaksana, Fungsional)."""
    return FormatSkp.JPT if jenis == JenisJabatan.JPT or pimpinan_unit_mandiri else FormatSkp.JA_JF


def periode_default(tahun: int) -> tuple[datetime.date, datetime.date]:
    """The SKP covers the whole year unless the pegawai joined or moved during it."""
    return datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)


def mulai_periode_jabatan(tahun: int, tmt: datetime.date | None) -> datetime.date:
    """The first day of the SKP of ``tahun`` for a definitive position held since ``tmt`` (``None``: unknown): 1
    January, or the TMT jabatan when it falls in the year — after a mutasi the SKP of the new position starts at
    its TMT (docs/ATURAN.md)."""
    awal = datetime.date(tahun, 1, 1)
    return max(awal, tmt) if tmt is not None and tmt.year == tahun else awal


def validasi_periode(tahun: int, mulai: datetime.date, selesai: datetime.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if mulai.year != tahun:
        errors["tanggal_mulai"] = _("Tanggal mulai harus berada di tahun %(tahun)s.") % {"tahun": tahun}
    if selesai.year != tahun:
        errors["tanggal_selesai"] = _("Tanggal selesai harus berada di tahun %(tahun)s.") % {"tahun": tahun}
    if selesai < mulai:
        errors["tanggal_selesai"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    return errors


def bertumpuk(
    a_mulai: datetime.date, a_selesai: datetime.date, b_mulai: datetime.date, b_selesai: datetime.date
) -> bool:
    """True when two closed date ranges share at least one day."""
    return a_mulai <= b_selesai and b_mulai <= a_selesai


def tanggal_acuan(mulai: datetime.date, selesai: datetime.date, hari_ini: datetime.date) -> datetime.date:
    """The day whose supervision rights count for an SKP: today while the period runs, its first day when it is
    approved ahead of time, its last day when it is approved late."""
    return min(max(hari_ini, mulai), selesai)


# ---------------------------------------------------------------------------------------------------------------
# Deadline (the SKP is set by the end of January, or about a month after a new TMT jabatan)
# ---------------------------------------------------------------------------------------------------------------


def tenggat_skp(mulai: datetime.date, *, tanggal_januari: int, hari_tmt: int) -> datetime.date:
    """The last day an SKP whose period starts on ``mulai`` may still be approved on time. A period starting on 1
    January (the annual SKP) is set by ``tanggal_januari`` January; a later one — a new TMT jabatan after a mutasi,
    a Plt/Plh — within ``hari_tmt`` days of its start, but never before the January deadline: nobody starting on 2
    January is asked to be quicker than everyone starting on the 1st. The deadline never decreases as the start
    moves later, which :func:`mulai_terakhir_terlambat` relies on."""
    januari = datetime.date(mulai.year, 1, tanggal_januari)
    if (mulai.month, mulai.day) == (1, 1):
        return januari
    return max(januari, mulai + datetime.timedelta(days=hari_tmt))


def mulai_terakhir_terlambat(
    tahun: int, hari_ini: datetime.date, *, tanggal_januari: int, hari_tmt: int
) -> datetime.date | None:
    """The latest period start in ``tahun`` whose deadline (:func:`tenggat_skp`) has passed on ``hari_ini``, or
    ``None`` when none has. Every start up to it is past its deadline and none after it, so the queries of many
    SKP compare ``tanggal_mulai`` with this one date instead of computing each deadline in SQL."""
    awal, akhir = periode_default(tahun)
    if tenggat_skp(awal, tanggal_januari=tanggal_januari, hari_tmt=hari_tmt) >= hari_ini:
        return None
    # Past the January deadline: a later start is late once start + hari_tmt < hari_ini.
    return min(akhir, max(awal, hari_ini - datetime.timedelta(days=hari_tmt + 1)))


def ditetapkan(status: str, versi: int) -> bool:
    """The SKP was set: this version is approved, or it is a perubahan (version 2 onwards), which is only ever made
    from an approved version. Its SQL twin is :func:`skp.selectors.tenggat.q_belum_ditetapkan`."""
    return status == SkpStatus.DISETUJUI or versi > 1


def terlambat(tenggat: datetime.date, hari_ini: datetime.date, *, sudah_ditetapkan: bool) -> bool:
    """Late: not set, and its deadline day is over."""
    return not sudah_ditetapkan and hari_ini > tenggat


# ---------------------------------------------------------------------------------------------------------------
# Workflow
# ---------------------------------------------------------------------------------------------------------------

#: action → (states it may start from, state it leads to). PermenPANRB 6/2022 Pasal 8–9: the SKP is drafted by
#: the pegawai and agreed by the pejabat penilai; a returned SKP goes back to the pegawai.
TRANSISI: dict[str, tuple[frozenset[str], str]] = {
    AksiSkp.DIAJUKAN: (frozenset({SkpStatus.DRAFT}), SkpStatus.DIAJUKAN),
    AksiSkp.DISETUJUI: (frozenset({SkpStatus.DIAJUKAN}), SkpStatus.DISETUJUI),
    AksiSkp.DIKEMBALIKAN: (frozenset({SkpStatus.DIAJUKAN}), SkpStatus.DIKEMBALIKAN),
    AksiSkp.DIPERBAIKI: (frozenset({SkpStatus.DIKEMBALIKAN}), SkpStatus.DRAFT),
    AksiSkp.PERUBAHAN_DIBUAT: (frozenset({SkpStatus.DISETUJUI}), SkpStatus.DRAFT),
}

STATUS_DAPAT_DIUBAH = frozenset({SkpStatus.DRAFT, SkpStatus.DIKEMBALIKAN})
STATUS_EKSPEKTASI = frozenset({SkpStatus.DRAFT, SkpStatus.DIAJUKAN})


def _label_status(status: str) -> str:
    try:
        return str(SkpStatus(status).label)
    except ValueError:
        return status


def cek_transisi(aksi: str, status: str) -> str | None:
    """``None`` when ``aksi`` may run on an SKP in ``status``, else the Indonesian reason it may not."""
    dari, _ke = TRANSISI[aksi]
    if status in dari:
        return None
    if aksi == AksiSkp.DIAJUKAN and status == SkpStatus.DIKEMBALIKAN:
        return _("SKP yang dikembalikan harus diperbaiki dulu sebelum diajukan kembali.")
    if aksi == AksiSkp.DIAJUKAN and status == SkpStatus.DIAJUKAN:
        return _("SKP ini sudah diajukan dan sedang menunggu persetujuan pejabat penilai.")
    if aksi == AksiSkp.PERUBAHAN_DIBUAT:
        return _("Perubahan SKP hanya dapat dibuat dari SKP yang sudah disetujui.")
    kata_kerja = {
        AksiSkp.DIAJUKAN: _("diajukan"),
        AksiSkp.DISETUJUI: _("disetujui"),
        AksiSkp.DIKEMBALIKAN: _("dikembalikan"),
        AksiSkp.DIPERBAIKI: _("diperbaiki"),
    }[aksi]
    return _("SKP berstatus %(status)s tidak dapat %(aksi)s.") % {"status": _label_status(status), "aksi": kata_kerja}


def status_sesudah(aksi: str) -> str:
    return TRANSISI[aksi][1]


def cek_dapat_diubah(status: str) -> str | None:
    """Only a draft or a returned SKP is edited; anything else changes only through perubahan SKP."""
    if status in STATUS_DAPAT_DIUBAH:
        return None
    if status == SkpStatus.DIAJUKAN:
        return _("SKP sedang diajukan kepada pejabat penilai sehingga tidak dapat diubah.")
    return _("SKP yang sudah disetujui tidak dapat diubah. Buat perubahan SKP untuk mengubahnya.")


def cek_perubahan(status: str, *, digantikan: bool, versi_berikut: int | None) -> str | None:
    """``None`` when a perubahan SKP may be made from an SKP in this state, else the reason: only from an approved
    version that is still current (not ``digantikan``) and has no perubahan in progress (``versi_berikut``, the
    number of the next version when there is one). The service, the pages and their buttons all ask this."""
    pesan = cek_transisi(AksiSkp.PERUBAHAN_DIBUAT, status)
    if pesan:
        return pesan
    if digantikan:
        return _("Versi SKP ini sudah digantikan. Buat perubahan dari versi yang berlaku.")
    if versi_berikut is not None:
        return _("Perubahan SKP (versi %(versi)s) sudah dibuat dan belum disetujui. Lanjutkan perubahan itu.") % {
            "versi": versi_berikut
        }
    return None


def cek_ekspektasi(status: str) -> str | None:
    if status in STATUS_EKSPEKTASI:
        return None
    return _("Ekspektasi khusus pimpinan hanya dapat diisi selama SKP berstatus draf atau diajukan.")


# ---------------------------------------------------------------------------------------------------------------
# Rencana Hasil Kerja and Indikator Kinerja Individu
# ---------------------------------------------------------------------------------------------------------------


def intervensi_wajib(format: str, jenis: str) -> bool:
    """Cascading (PermenPANRB 6/2022 Pasal 8 ayat 4): every RHK utama of a JA/JF derives from an RHK of the
    atasan's SKP. (A JPT may intervene its atasan's RHK, or refer to its Perjanjian Kinerja instead.)"""
    return format == FormatSkp.JA_JF and jenis == JenisRhk.UTAMA


def validasi_rhk(
    *,
    format: str,
    jenis: str,
    teks: str,
    ada_intervensi: bool,
    perspektif: str,
    ada_acuan: bool,
    skp_atasan_disetujui: bool = True,
) -> dict[str, str]:
    """The broken rules of one RHK. ``skp_atasan_disetujui`` is False while the atasan's SKP the RHK cascades from
    is not approved yet: drafting starts anyway (a deep tree still meets the January deadline), so an RHK utama of
    a JA/JF is saved without its intervened RHK, chosen once the atasan's SKP is approved. Submission asks with
    the default (:func:`validasi_pengajuan`): by then every RHK utama intervenes one."""
    errors: dict[str, str] = {}
    if jenis not in JenisRhk.values:
        errors["jenis"] = _("Jenis RHK harus Utama atau Tambahan.")
    if perspektif and perspektif not in Perspektif.values:
        errors["perspektif"] = _("Perspektif tidak dikenal.")
        perspektif = ""
    if not (teks or "").strip():
        errors["teks"] = _("Rencana hasil kerja wajib diisi.")
    if format == FormatSkp.JA_JF:
        if intervensi_wajib(format, jenis) and not ada_intervensi and skp_atasan_disetujui:
            errors["intervensi"] = _("RHK utama wajib mengintervensi salah satu RHK atasan langsung.")
        if perspektif:
            errors["perspektif"] = _("Perspektif hanya diisi pada SKP JPT.")
    else:
        if not perspektif and "perspektif" not in errors:
            errors["perspektif"] = _(
                "Perspektif wajib dipilih untuk RHK JPT (Penerima Layanan, Proses Bisnis, Penguatan Internal, "
                "atau Anggaran)."
            )
        # A head of an OPD derives RHK from the Perjanjian Kinerja / Renstra or the mayor's assignment; a JPT with
        # an atasan in the system may intervene that atasan's RHK instead.
        if jenis == JenisRhk.UTAMA and not (ada_acuan or ada_intervensi):
            errors["acuan"] = _(
                "RHK utama JPT wajib merujuk Perjanjian Kinerja, Renstra, penugasan Kepala Daerah, atau RHK atasan "
                "yang diintervensi."
            )
    return errors


#: The IKI target columns are numeric(18, 2).
BATAS_TARGET = Decimal(10) ** 16


def _terlalu_presisi(nilai: Decimal) -> bool:
    return nilai != nilai.quantize(Decimal("0.01"))


def validasi_iki(
    *,
    format: str,
    pendekatan: str,
    teks: str,
    aspek: str,
    target_min: Decimal | None,
    target_max: Decimal | None,
    satuan: str,
    ukuran_keberhasilan: str,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not (teks or "").strip():
        errors["teks"] = _("Indikator kinerja individu wajib diisi.")
    if aspek and aspek not in Aspek.values:
        errors["aspek"] = _("Aspek harus Kuantitas, Kualitas, Waktu, atau Biaya.")
    for nama, nilai in (("target_min", target_min), ("target_max", target_max)):
        if nilai is None:
            continue
        if not nilai.is_finite():
            errors[nama] = _("Target harus berupa angka.")
        elif nilai < 0:
            errors[nama] = _("Target tidak boleh negatif.")
        elif nilai >= BATAS_TARGET:
            errors[nama] = _("Target terlalu besar.")
        elif _terlalu_presisi(nilai):
            errors[nama] = _("Target paling banyak memiliki dua angka di belakang koma.")
    if target_max is not None and target_min is None:
        errors["target_min"] = _("Isi target minimum bila target maksimum diisi.")
    if (
        target_min is not None
        and target_max is not None
        and "target_min" not in errors
        and "target_max" not in errors
        and target_min > target_max
    ):
        errors["target_max"] = _("Target minimum tidak boleh lebih besar dari target maksimum.")
    if pendekatan == Pendekatan.KUANTITATIF:
        if target_min is None and "target_min" not in errors:
            errors["target_min"] = _("Target wajib diisi pada pendekatan kuantitatif.")
        if not (satuan or "").strip():
            errors["satuan"] = _("Satuan target wajib diisi pada pendekatan kuantitatif (misalnya laporan, %, bulan).")
        # The JA/JF form has an Aspek column (Kuantitas, Kualitas, Waktu, Biaya); the JPT form has none.
        if format == FormatSkp.JA_JF and not aspek:
            errors["aspek"] = _("Aspek wajib dipilih (Kuantitas, Kualitas, Waktu, atau Biaya).")
    elif not (ukuran_keberhasilan or "").strip():
        errors["ukuran_keberhasilan"] = _("Ukuran keberhasilan wajib diisi pada pendekatan kualitatif.")
    return errors


@dataclass(frozen=True)
class RujukanRhk:
    """Facts about an RHK someone wants to intervene."""

    rhk_id: int
    skp_id: int
    pemilik_id: int
    tahun: int
    status: str
    digantikan: bool


def validasi_intervensi(
    *,
    rhk_id: int | None,
    target: RujukanRhk,
    atasan_id: int | None,
    tahun: int,
    skp_atasan_id: int | None,
) -> str | None:
    """``None`` when ``target`` may be intervened by an RHK (``rhk_id``, ``None`` while adding) of an SKP of
    ``tahun`` whose atasan is ``atasan_id`` with approved SKP ``skp_atasan_id``; else the reason."""
    if rhk_id is not None and target.rhk_id == rhk_id:
        return _("RHK tidak dapat mengintervensi dirinya sendiri.")
    if atasan_id is None:
        return _("Atasan langsung belum tercatat, sehingga RHK yang diintervensi tidak dapat dipilih.")
    if target.pemilik_id != atasan_id:
        return _("RHK yang dipilih bukan milik atasan langsung Anda.")
    if target.tahun != tahun:
        return _("RHK yang dipilih berasal dari SKP tahun %(lain)s, bukan tahun %(tahun)s.") % {
            "lain": target.tahun,
            "tahun": tahun,
        }
    if target.status != SkpStatus.DISETUJUI:
        return _("RHK yang dipilih berasal dari SKP atasan yang belum disetujui.")
    if target.digantikan:
        return _("RHK yang dipilih berasal dari versi SKP atasan yang sudah diganti; pilih dari versi yang berlaku.")
    if target.skp_id != skp_atasan_id:
        return _("RHK yang dipilih bukan dari SKP atasan yang berlaku untuk periode SKP ini.")
    return None


def membentuk_lingkaran(rhk_id: int | None, target_id: int, induk: Mapping[int, int | None]) -> bool:
    """True when letting ``rhk_id`` intervene ``target_id`` closes a loop. ``induk`` maps an RHK id to the id it
    intervenes (the chain above ``target_id``)."""
    if rhk_id is None:
        return False
    seen: set[int] = set()
    node: int | None = target_id
    while node is not None and node not in seen:
        if node == rhk_id:
            return True
        seen.add(node)
        node = induk.get(node)
    # An existing loop above the target (which the services never write) also counts as a loop.
    return node is not None


# ---------------------------------------------------------------------------------------------------------------
# Submission
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IkiRingkas:
    teks: str
    aspek: str = ""
    target_min: Decimal | None = None
    target_max: Decimal | None = None
    satuan: str = ""
    ukuran_keberhasilan: str = ""


@dataclass(frozen=True)
class RhkRingkas:
    jenis: str
    urutan: int
    teks: str
    ada_intervensi: bool = False
    perspektif: str = ""
    ada_acuan: bool = False
    iki: Sequence[IkiRingkas] = field(default_factory=tuple)


def _label_rhk(rhk: RhkRingkas) -> str:
    jenis = _("utama") if rhk.jenis == JenisRhk.UTAMA else _("tambahan")
    return _("RHK %(jenis)s nomor %(urutan)s") % {"jenis": jenis, "urutan": rhk.urutan}


def validasi_pengajuan(
    format: str,
    pendekatan: str,
    rhk: Sequence[RhkRingkas],
    *,
    skp_atasan_disetujui: bool = True,
    pesan_atasan: str = "",
) -> list[str]:
    """Everything that keeps an SKP from being submitted, one message per problem. A JA/JF submits only once the
    atasan's SKP of the year is approved (``skp_atasan_disetujui``; ``pesan_atasan`` says whose and in which
    state) and every RHK utama intervenes one of its RHK (PermenPANRB 6/2022 Pasal 8 ayat 4); drafting may start
    before (:func:`validasi_rhk`)."""
    pesan: list[str] = []
    if format == FormatSkp.JA_JF and not skp_atasan_disetujui:
        pesan.append(
            pesan_atasan
            or _("SKP atasan langsung belum disetujui. SKP Anda dapat diajukan setelah SKP atasan disetujui.")
        )
    if not any(r.jenis == JenisRhk.UTAMA for r in rhk):
        pesan.append(_("SKP belum memiliki RHK utama."))
    for r in rhk:
        label = _label_rhk(r)
        for msg in validasi_rhk(
            format=format,
            jenis=r.jenis,
            teks=r.teks,
            ada_intervensi=r.ada_intervensi,
            perspektif=r.perspektif,
            ada_acuan=r.ada_acuan,
        ).values():
            pesan.append(f"{label}: {msg}")
        if not r.iki:
            pesan.append(_("%(rhk)s belum memiliki indikator kinerja individu.") % {"rhk": label})
        for nomor, iki in enumerate(r.iki, start=1):
            for msg in validasi_iki(
                format=format,
                pendekatan=pendekatan,
                teks=iki.teks,
                aspek=iki.aspek,
                target_min=iki.target_min,
                target_max=iki.target_max,
                satuan=iki.satuan,
                ukuran_keberhasilan=iki.ukuran_keberhasilan,
            ).values():
                pesan.append(
                    _("%(rhk)s, IKI nomor %(nomor)s: %(pesan)s") % {"rhk": label, "nomor": nomor, "pesan": msg}
                )
    return pesan


# ---------------------------------------------------------------------------------------------------------------
# Copying last year's SKP
# ---------------------------------------------------------------------------------------------------------------


def normalisasi_teks(teks: str) -> str:
    """Case and whitespace do not make two RHK different."""
    return " ".join((teks or "").split()).casefold()


def pilih_rhk_cocok(teks: str, kandidat: Sequence[tuple[int, str]]) -> int | None:
    """The id of the first candidate ``(id, teks)`` whose normalised text equals ``teks``'s, else ``None``."""
    dicari = normalisasi_teks(teks)
    if not dicari:
        return None
    for rhk_id, teks_kandidat in kandidat:
        if normalisasi_teks(teks_kandidat) == dicari:
            return rhk_id
    return None
