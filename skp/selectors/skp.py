"""Reads of the SKP app shared by pages, exports, the PDF and tasks. Each list runs a fixed number of queries
whatever the number of bawahan or rows; trees and matrices are assembled in Python."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.choices import JenisJabatan, JenisPenugasan
from pegawai.models import Jabatan, Pegawai, Penugasan, PerangkatDaerah, UnitKerja
from pegawai.selectors import (
    atasan_langsung,
    bawahan_langsung,
    jabatan_dipegang,
    pegawai_of,
    pegawai_visible_to,
    peran_of,
)

from .choices import FormatSkp, SkpStatus, StatusRekap
from .models import RencanaHasilKerja, Skp
from .rules import tanggal_acuan


def tanggal_acuan_tahun(tahun: int, hari_ini: datetime.date | None = None) -> datetime.date:
    """Today inside ``tahun``; its first day for a future year, its last day for a past one."""
    return tanggal_acuan(datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31), hari_ini or timezone.localdate())


def tanggal_acuan_skp(skp: Skp, hari_ini: datetime.date | None = None) -> datetime.date:
    """The day whose supervision counts for approving ``skp``: today clamped into its period."""
    return tanggal_acuan(skp.tanggal_mulai, skp.tanggal_selesai, hari_ini or timezone.localdate())


# ---------------------------------------------------------------------------------------------------------------
# Visibility
# ---------------------------------------------------------------------------------------------------------------


def skp_visible_to(user) -> QuerySet[Skp]:
    """Every SKP ``user`` may open; fetch objects through this so anything else answers 404.

    Built on :func:`pegawai.selectors.pegawai_visible_to` (own, bawahan, OPD for admin/pimpinan, everything for
    BKPSDM), plus two documents a pegawai must be able to read outside that scope: the approved SKP of their
    current atasan langsung (cascading: the RHK they intervene, PermenPANRB 6/2022 Pasal 8) and every SKP they
    signed as pejabat penilai or atasan pejabat penilai (still theirs after the bawahan moved away)."""
    if not getattr(user, "is_authenticated", False):
        return Skp.objects.none()
    q = Q(pegawai__in=pegawai_visible_to(user))
    me = pegawai_of(user)
    if me is not None:
        q |= Q(pejabat_penilai=me) | Q(atasan_pejabat_penilai=me)
        atasan = atasan_langsung(me)
        if atasan is not None:
            q |= Q(pegawai=atasan, status=SkpStatus.DISETUJUI)
    return Skp.objects.filter(q)


# ---------------------------------------------------------------------------------------------------------------
# The atasan's SKP (cascading)
# ---------------------------------------------------------------------------------------------------------------


def _pilih_skp(kandidat: list[Skp], on: datetime.date, *, hanya_disetujui: bool) -> Skp | None:
    """Among one pegawai's current SKP rows of a year, the one that counts on ``on``: a period covering ``on``
    first, then an approved row before a pending perubahan, then the latest period."""
    if hanya_disetujui:
        kandidat = [s for s in kandidat if s.status == SkpStatus.DISETUJUI]
    if not kandidat:
        return None
    return min(
        kandidat,
        key=lambda s: (
            not (s.tanggal_mulai <= on <= s.tanggal_selesai),
            s.status != SkpStatus.DISETUJUI,
            -s.tanggal_mulai.toordinal(),
            s.versi,
        ),
    )


@dataclass
class SkpAtasan:
    """Whether a pegawai may start (or keep cascading) an SKP for a year, and from which atasan SKP."""

    atasan: Pegawai | None
    #: The atasan's approved, current SKP for the year: the one whose RHK are intervened. ``None`` when missing.
    skp: Skp | None
    #: The atasan's SKP for the year in whatever state, for the page to link to ("lihat SKP atasan").
    skp_terakhir: Skp | None
    #: Why the SKP cannot start yet (Indonesian, for the page); empty when ``skp`` is set.
    pesan: str = ""

    @property
    def siap(self) -> bool:
        return self.skp is not None


def cek_skp_atasan(pegawai: Pegawai, tahun: int, on: datetime.date | None = None) -> SkpAtasan:
    """The atasan langsung of ``pegawai`` on ``on`` (default 1 January of ``tahun``: the start of a default SKP
    period; a Plt/Plh counts) and their approved SKP for ``tahun``.

    PermenPANRB 6/2022: the RHK of a JA/JF cascade from the atasan's RHK, so the pegawai's SKP can only start once
    the atasan's SKP for that year has been approved."""
    on = on or datetime.date(tahun, 1, 1)
    atasan = atasan_langsung(pegawai, on)
    if atasan is None:
        return SkpAtasan(
            atasan=None,
            skp=None,
            skp_terakhir=None,
            pesan=_(
                "Atasan langsung Anda belum tercatat di sistem, sehingga SKP belum dapat dimulai. "
                "Hubungi Admin OPD untuk memperbaiki data atasan."
            ),
        )
    kandidat = list(Skp.objects.berlaku().filter(pegawai=atasan, tahun=tahun).select_related("jabatan"))
    disetujui = _pilih_skp(kandidat, on, hanya_disetujui=True)
    terakhir = _pilih_skp(kandidat, on, hanya_disetujui=False)
    if disetujui is not None:
        return SkpAtasan(atasan=atasan, skp=disetujui, skp_terakhir=terakhir)
    if terakhir is None:
        pesan = _(
            "Atasan langsung Anda, %(nama)s, belum membuat SKP tahun %(tahun)s. SKP Anda dapat dimulai setelah SKP "
            "atasan disetujui."
        ) % {"nama": atasan.nama_lengkap, "tahun": tahun}
    else:
        pesan = _(
            "SKP tahun %(tahun)s milik atasan langsung Anda, %(nama)s, masih berstatus %(status)s. SKP Anda dapat "
            "dimulai setelah SKP atasan disetujui."
        ) % {"nama": atasan.nama_lengkap, "tahun": tahun, "status": terakhir.get_status_display().lower()}
    return SkpAtasan(atasan=atasan, skp=None, skp_terakhir=terakhir, pesan=pesan)


def skp_atasan_untuk(obj: Skp | Pegawai, tahun: int | None = None, on: datetime.date | None = None) -> Skp | None:
    """The atasan's approved SKP whose RHK ``obj`` (an SKP, or a pegawai about to start one for ``tahun``) may
    intervene, or ``None``. For an SKP, the atasan is the one on its start date."""
    if isinstance(obj, Skp):
        return cek_skp_atasan(obj.pegawai, obj.tahun, on or obj.tanggal_mulai).skp
    if tahun is None:
        raise TypeError("tahun wajib diisi bila yang diberikan pegawai")
    return cek_skp_atasan(obj, tahun, on).skp


# ---------------------------------------------------------------------------------------------------------------
# Identity blocks (document header): live while drafting, frozen at approval
# ---------------------------------------------------------------------------------------------------------------

_SEBUTAN_PENUGASAN = {JenisPenugasan.PLT: "Plt.", JenisPenugasan.PLH: "Plh."}


def posisi_pengawas(atasan: Pegawai, jabatan_bawahan: Jabatan, on: datetime.date) -> tuple[Jabatan, str]:
    """The position through which ``atasan`` supervises ``jabatan_bawahan`` on ``on`` and how it is titled:
    their own position (``""``), or a position they act in (``"Plt."`` / ``"Plh."``)."""
    seen: set[int] = set()
    parent_id = jabatan_bawahan.parent_id
    while parent_id and parent_id not in seen:
        seen.add(parent_id)
        if parent_id == atasan.jabatan_id:
            return atasan.jabatan, ""
        acting = (
            Penugasan.objects.berlaku(on)
            .filter(pegawai=atasan, jabatan_id=parent_id)
            .select_related("jabatan__unit_kerja__perangkat_daerah")
            .first()
        )
        if acting is not None:
            return acting.jabatan, _SEBUTAN_PENUGASAN.get(acting.jenis, "")
        parent_id = Jabatan.objects.filter(pk=parent_id).values_list("parent_id", flat=True).first()
    # An explicit atasan override, or a supervisor outside the position chain: their own position.
    return atasan.jabatan, ""


def identitas(pegawai: Pegawai, jabatan: Jabatan, sebutan: str = "") -> dict:
    """The identity block printed on SKP documents (nama, NIP, pangkat/golongan, jabatan, unit kerja, OPD)."""
    unit = jabatan.unit_kerja
    return {
        "pegawai_id": pegawai.pk,
        "nama": pegawai.nama_lengkap,
        "nip": pegawai.nip,
        "pangkat_golongan": pegawai.pangkat_golongan,
        "jabatan_id": jabatan.pk,
        "jabatan": f"{sebutan} {jabatan.nama}".strip(),
        "unit_kerja": unit.nama,
        "perangkat_daerah": unit.perangkat_daerah.nama,
    }


@dataclass
class IdentitasSkp:
    pegawai: dict
    penilai: dict | None
    atasan_penilai: dict | None
    #: True when read from the copy made at approval (the document no longer follows transfers).
    tersimpan: bool
    #: The people behind ``penilai`` and ``atasan_penilai`` when computed from today's data.
    pejabat_penilai: Pegawai | None = None
    atasan_pejabat_penilai: Pegawai | None = None


def atasan_dari_jabatan(pegawai: Pegawai, jabatan: Jabatan, on: datetime.date) -> Pegawai | None:
    """The atasan of ``pegawai`` in their role as holder of ``jabatan``: for their own position the usual atasan
    langsung (override included); for a position they act in (Plt/Plh), the supervisor of that position."""
    if jabatan.pk == pegawai.jabatan_id:
        return atasan_langsung(pegawai, on)
    # An unsaved stand-in holding the acting position: atasan_langsung follows that position's parents and still
    # skips the person themself.
    return atasan_langsung(Pegawai(pk=pegawai.pk, jabatan_id=jabatan.pk), on)


def identitas_hidup(skp: Skp, penilai: Pegawai | None, on: datetime.date) -> IdentitasSkp:
    """The identity blocks from today's organisation data, with ``penilai`` as pejabat penilai. The atasan
    pejabat penilai is the supervisor of the position through which ``penilai`` rates (for a Plt, the acting
    position's supervisor, not the Plt's own)."""
    data_pegawai = identitas(skp.pegawai, skp.jabatan)
    if penilai is None:
        return IdentitasSkp(pegawai=data_pegawai, penilai=None, atasan_penilai=None, tersimpan=False)
    jabatan_penilai, sebutan = posisi_pengawas(penilai, skp.jabatan, on)
    data_penilai = identitas(penilai, jabatan_penilai, sebutan)
    atasan_penilai = atasan_dari_jabatan(penilai, jabatan_penilai, on)
    data_atasan = None
    if atasan_penilai is not None:
        jabatan_atasan, sebutan_atasan = posisi_pengawas(atasan_penilai, jabatan_penilai, on)
        data_atasan = identitas(atasan_penilai, jabatan_atasan, sebutan_atasan)
    return IdentitasSkp(
        pegawai=data_pegawai,
        penilai=data_penilai,
        atasan_penilai=data_atasan,
        tersimpan=False,
        pejabat_penilai=penilai,
        atasan_pejabat_penilai=atasan_penilai,
    )


def identitas_skp(skp: Skp, hari_ini: datetime.date | None = None) -> IdentitasSkp:
    """What the SKP document prints for the pegawai, pejabat penilai and atasan pejabat penilai: the copy made at
    approval once approved, otherwise today's atasan langsung of the SKP's period (for the top JPT, the kepala
    daerah: :func:`identitas_kepala_daerah`)."""
    if skp.identitas_pegawai:
        return IdentitasSkp(
            pegawai=skp.identitas_pegawai,
            penilai=skp.identitas_penilai,
            atasan_penilai=skp.identitas_atasan_penilai,
            tersimpan=True,
        )
    on = tanggal_acuan_skp(skp, hari_ini)
    atasan = atasan_langsung(skp.pegawai, on)
    if atasan is None and _jpt_puncak(skp):
        return IdentitasSkp(
            pegawai=identitas(skp.pegawai, skp.jabatan),
            penilai=identitas_kepala_daerah(),
            atasan_penilai=None,
            tersimpan=False,
        )
    return identitas_hidup(skp, atasan, on)


# ---------------------------------------------------------------------------------------------------------------
# The kepala daerah as pejabat penilai of the top JPT
# ---------------------------------------------------------------------------------------------------------------


def identitas_kepala_daerah() -> dict:
    """The pejabat penilai block of the top JPT (the Sekretaris Daerah): the kepala daerah, who is not an ASN and
    so has no NIP or pangkat (PP 30/2019 Pasal 1; PermenPANRB 6/2022, Lampiran). An empty
    ``KEPALA_DAERAH_NAMA`` prints only the jabatan."""
    return {
        "pegawai_id": None,
        "nama": settings.KEPALA_DAERAH_NAMA,
        "nip": "",
        "pangkat_golongan": "",
        "jabatan_id": None,
        "jabatan": settings.KEPALA_DAERAH_JABATAN,
        "unit_kerja": "",
        "perangkat_daerah": settings.INSTANSI_NAMA,
        "kepala_daerah": True,
    }


def _jpt_puncak(skp: Skp) -> bool:
    return skp.format == FormatSkp.JPT and skp.jabatan.parent_id is None and skp.pegawai.atasan_override_id is None


def dinilai_kepala_daerah(skp: Skp, on: datetime.date | None = None) -> bool:
    """True for the SKP of a JPT at the top of the organisation (a position without a supervising position and
    nobody above them in the system, e.g. the Sekretaris Daerah): its pejabat penilai is the kepala daerah, and
    admin BKPSDM records the decision on their behalf."""
    if not _jpt_puncak(skp):
        return False
    return atasan_langsung(skp.pegawai, on or tanggal_acuan_skp(skp)) is None


# ---------------------------------------------------------------------------------------------------------------
# The atasan's queue
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class AntrianSkp:
    """One row of the atasan's SKP queue: a bawahan and one of their SKP (``None``: not made yet)."""

    pegawai: Pegawai
    skp: Skp | None

    @property
    def status(self) -> str:
        return self.skp.status if self.skp is not None else StatusRekap.BELUM_DIBUAT

    @property
    def status_label(self) -> str:
        return str(StatusRekap(self.status).label)

    @property
    def perlu_tindakan(self) -> bool:
        """Waiting for the atasan's decision."""
        return self.skp is not None and self.skp.status == SkpStatus.DIAJUKAN


def skp_antrian_atasan(actor: Pegawai, tahun: int, on: datetime.date | None = None) -> list[AntrianSkp]:
    """Every current SKP of the bawahan ``actor`` rates (own position and Plt/Plh, on ``on``: default today
    within ``tahun``), one row per SKP and one "belum dibuat" row per bawahan without any; submitted ones first.
    Superseded versions are left out; an approved SKP with a perubahan in progress shows both versions."""
    on = on or tanggal_acuan_tahun(tahun)
    bawahan = list(bawahan_langsung(actor, on).select_related("jabatan__unit_kerja").order_by("nama", "pk"))
    per_pegawai: dict[int, list[Skp]] = {p.pk: [] for p in bawahan}
    skps = (
        Skp.objects.berlaku()
        .filter(tahun=tahun, pegawai_id__in=list(per_pegawai))
        .select_related("jabatan")
        .order_by("tanggal_mulai", "versi")
    )
    for skp in skps:
        per_pegawai[skp.pegawai_id].append(skp)
    rows: list[AntrianSkp] = []
    for pegawai in bawahan:
        daftar = per_pegawai[pegawai.pk]
        if not daftar:
            rows.append(AntrianSkp(pegawai=pegawai, skp=None))
        for skp in daftar:
            skp.pegawai = pegawai  # already loaded: the page shows the name without another query
            rows.append(AntrianSkp(pegawai=pegawai, skp=skp))
    # A stable sort keeps the name order inside each group.
    rows.sort(key=lambda r: not r.perlu_tindakan)
    return rows


def skp_antrian_kepala_daerah(tahun: int) -> list[AntrianSkp]:
    """The SKP rated by the kepala daerah for ``tahun`` (admin BKPSDM's queue): every active JPT whose position
    has no supervising position, with their current SKP of the year or a "belum dibuat" row; submitted first.
    Two queries whatever the number of rows."""
    pegawai = list(
        Pegawai.objects.filter(
            aktif=True,
            atasan_override__isnull=True,
            jabatan__jenis=JenisJabatan.JPT,
            jabatan__parent__isnull=True,
        )
        .select_related("jabatan__unit_kerja__perangkat_daerah")
        .order_by("jabatan__unit_kerja__perangkat_daerah__nama", "nama", "pk")
    )
    per_pegawai: dict[int, list[Skp]] = {p.pk: [] for p in pegawai}
    for skp in (
        Skp.objects.berlaku()
        .filter(tahun=tahun, pegawai_id__in=list(per_pegawai), format=FormatSkp.JPT)
        .select_related("jabatan")
        .order_by("tanggal_mulai", "versi")
    ):
        per_pegawai[skp.pegawai_id].append(skp)
    rows: list[AntrianSkp] = []
    for p in pegawai:
        daftar = per_pegawai[p.pk]
        if not daftar:
            rows.append(AntrianSkp(pegawai=p, skp=None))
        for skp in daftar:
            skp.pegawai = p
            rows.append(AntrianSkp(pegawai=p, skp=skp))
    rows.sort(key=lambda r: not r.perlu_tindakan)
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Matriks Peran Hasil
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class BarisMph:
    """One RHK of the atasan with the bawahan RHK that intervene it, grouped per bawahan (a matrix row)."""

    rhk: RencanaHasilKerja
    intervensi: list[RencanaHasilKerja] = field(default_factory=list)
    sel: dict[int, list[RencanaHasilKerja]] = field(default_factory=dict)

    @property
    def tanpa_bawahan(self) -> bool:
        """No bawahan RHK carries this result: a gap in the performance tree."""
        return not self.intervensi

    def untuk(self, pegawai: Pegawai) -> list[RencanaHasilKerja]:
        return self.sel.get(pegawai.pk, [])


@dataclass
class BawahanMph:
    """A column of the matrix: one bawahan, the SKP used, and which of its RHK intervene the atasan's."""

    pegawai: Pegawai
    skp: Skp | None
    rhk_intervensi: list[RencanaHasilKerja] = field(default_factory=list)
    rhk_lain: list[RencanaHasilKerja] = field(default_factory=list)

    @property
    def tanpa_intervensi(self) -> bool:
        """The bawahan has no RHK intervening any of the atasan's (no SKP yet counts too)."""
        return not self.rhk_intervensi


@dataclass
class MatriksPeranHasil:
    """The MPH of one unit leader (PermenPANRB 6/2022, Lampiran: Matriks Peran Hasil): the picture of how their
    results are shared among their bawahan."""

    unit_kerja: UnitKerja
    tahun: int
    atasan: Pegawai
    jabatan: Jabatan
    sebutan: str
    skp_atasan: Skp | None
    baris: list[BarisMph] = field(default_factory=list)
    bawahan: list[BawahanMph] = field(default_factory=list)

    @property
    def rhk_tanpa_bawahan(self) -> list[RencanaHasilKerja]:
        return [b.rhk for b in self.baris if b.tanpa_bawahan]

    @property
    def bawahan_tanpa_intervensi(self) -> list[Pegawai]:
        return [b.pegawai for b in self.bawahan if b.tanpa_intervensi]


_JENIS_PIMPINAN = (JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS)


def _pimpinan_unit(unit_kerja: UnitKerja, on: datetime.date) -> list[tuple[Pegawai, Jabatan, str]]:
    """The leaders of a unit: holders of its structural positions whose supervising position lies outside the
    unit; a vacant one is led by its Plt/Plh."""
    puncak = list(
        Jabatan.objects.filter(unit_kerja=unit_kerja, aktif=True, jenis__in=_JENIS_PIMPINAN)
        .exclude(parent__unit_kerja=unit_kerja)
        .select_related("unit_kerja__perangkat_daerah")
        .order_by("-kelas_jabatan", "nama")
    )
    if not puncak:
        return []
    ids = [j.pk for j in puncak]
    pemegang: dict[int, list[Pegawai]] = {}
    for p in Pegawai.objects.filter(jabatan_id__in=ids, aktif=True).select_related("jabatan").order_by("pk"):
        pemegang.setdefault(p.jabatan_id, []).append(p)
    acting: dict[int, Penugasan] = {}
    for t in (
        Penugasan.objects.berlaku(on)
        .filter(jabatan_id__in=ids)
        .select_related("pegawai__jabatan")
        .order_by("tanggal_mulai")
    ):
        acting.setdefault(t.jabatan_id, t)
    hasil = []
    for jabatan in puncak:
        if pemegang.get(jabatan.pk):
            hasil.extend((p, jabatan, "") for p in pemegang[jabatan.pk])
        elif jabatan.pk in acting:
            t = acting[jabatan.pk]
            hasil.append((t.pegawai, jabatan, _SEBUTAN_PENUGASAN.get(t.jenis, "")))
    return hasil


def matriks_peran_hasil(unit_kerja: UnitKerja, tahun: int, on: datetime.date | None = None) -> list[MatriksPeranHasil]:
    """One MPH per leader of ``unit_kerja`` (normally one): each RHK of the leader's approved SKP for ``tahun``
    with the bawahan RHK intervening it (also through earlier versions of that RHK, kept by perubahan SKP), the
    atasan RHK nobody carries, and the bawahan with no intervention at all.

    The bawahan are those the leader rates on ``on`` (default today within ``tahun``); for each bawahan the SKP
    that counts on ``on`` is used (approved before a pending perubahan). The query count does not grow with the
    number of bawahan or RHK."""
    on = on or tanggal_acuan_tahun(tahun)
    pimpinan = _pimpinan_unit(unit_kerja, on)
    if not pimpinan:
        return []
    atasan_ids = {p.pk for p, _j, _s in pimpinan}

    # Every version of the leaders' SKP of the year, with every RHK: the current version's RHK are the rows,
    # the older versions' RHK map onto them through ``asal``.
    skp_atasan_semua: dict[int, list[Skp]] = {}
    for skp in Skp.objects.filter(pegawai_id__in=atasan_ids, tahun=tahun).order_by("tanggal_mulai", "versi"):
        skp_atasan_semua.setdefault(skp.pegawai_id, []).append(skp)
    rhk_atasan = list(
        RencanaHasilKerja.objects.filter(skp__pegawai_id__in=atasan_ids, skp__tahun=tahun).order_by(
            "skp_id", "jenis", "urutan"
        )
    )

    bawahan_per_atasan = {
        p.pk: list(bawahan_langsung(p, on).select_related("jabatan").order_by("nama", "pk")) for p, _j, _s in pimpinan
    }
    bawahan_ids = {b.pk for daftar in bawahan_per_atasan.values() for b in daftar}
    skp_bawahan: dict[int, list[Skp]] = {}
    for skp in Skp.objects.berlaku().filter(pegawai_id__in=bawahan_ids, tahun=tahun):
        skp_bawahan.setdefault(skp.pegawai_id, []).append(skp)
    dipakai = {pid: _pilih_skp(daftar, on, hanya_disetujui=False) for pid, daftar in skp_bawahan.items()}
    rhk_bawahan: dict[int, list[RencanaHasilKerja]] = {}
    for rhk in RencanaHasilKerja.objects.filter(skp_id__in=[s.pk for s in dipakai.values() if s]).order_by(
        "jenis", "urutan"
    ):
        rhk_bawahan.setdefault(rhk.skp_id, []).append(rhk)

    hasil = []
    for atasan, jabatan, sebutan in pimpinan:
        skp_atasan = _pilih_skp(
            [s for s in skp_atasan_semua.get(atasan.pk, []) if s.digantikan_pada is None], on, hanya_disetujui=True
        )
        mph = MatriksPeranHasil(
            unit_kerja=unit_kerja, tahun=tahun, atasan=atasan, jabatan=jabatan, sebutan=sebutan, skp_atasan=skp_atasan
        )
        versi_ids = {s.pk for s in skp_atasan_semua.get(atasan.pk, [])}
        milik = [r for r in rhk_atasan if r.skp_id in versi_ids]
        asal_dari = {r.pk: r.asal_id for r in milik}
        baris_untuk: dict[int, BarisMph] = {}
        if skp_atasan is not None:
            for rhk in milik:
                if rhk.skp_id != skp_atasan.pk:
                    continue
                rhk.skp = skp_atasan
                baris = BarisMph(rhk=rhk)
                mph.baris.append(baris)
                node, seen = rhk.pk, set()
                while node is not None and node in asal_dari and node not in seen:
                    seen.add(node)
                    baris_untuk[node] = baris
                    node = asal_dari[node]
        for pegawai in bawahan_per_atasan[atasan.pk]:
            skp = dipakai.get(pegawai.pk)
            kolom = BawahanMph(pegawai=pegawai, skp=skp)
            if skp is not None:
                skp.pegawai = pegawai
            for rhk in rhk_bawahan.get(skp.pk, []) if skp is not None else []:
                rhk.skp = skp
                baris = baris_untuk.get(rhk.intervensi_id)
                if baris is None:
                    kolom.rhk_lain.append(rhk)
                    continue
                kolom.rhk_intervensi.append(rhk)
                baris.intervensi.append(rhk)
                baris.sel.setdefault(pegawai.pk, []).append(rhk)
            mph.bawahan.append(kolom)
        hasil.append(mph)
    return hasil


# ---------------------------------------------------------------------------------------------------------------
# Daftar nominatif
# ---------------------------------------------------------------------------------------------------------------


def daftar_nominatif(perangkat_daerah: PerangkatDaerah | int, tahun: int) -> QuerySet[Pegawai]:
    """Every active pegawai of an OPD with the status of their SKP for ``tahun`` in one query: ``status_skp``
    (a :class:`~skp.choices.StatusRekap` value) and ``skp_berlaku_id``.

    The SKP that counts is the one of the latest period (after a mid-year transfer: the current position); an
    approved SKP with a perubahan in progress still counts as approved."""
    terkini = Skp.objects.berlaku().filter(pegawai=OuterRef("pk"), tahun=tahun).order_by("-tanggal_mulai", "versi")
    opd_id = getattr(perangkat_daerah, "pk", perangkat_daerah)
    return (
        Pegawai.objects.filter(aktif=True, jabatan__unit_kerja__perangkat_daerah_id=opd_id)
        .select_related("jabatan__unit_kerja")
        .annotate(
            skp_berlaku_id=Subquery(terkini.values("pk")[:1]),
            status_skp=Coalesce(Subquery(terkini.values("status")[:1]), Value(StatusRekap.BELUM_DIBUAT.value)),
        )
        .order_by("jabatan__unit_kerja__nama", "jabatan__nama", "nama")
    )


def rekap_status(queryset: QuerySet[Pegawai]) -> dict[str, int]:
    """Counts per :class:`~skp.choices.StatusRekap` of a :func:`daftar_nominatif` queryset (every status listed,
    zero included) in one grouped query."""
    counts = dict(queryset.order_by().values_list("status_skp").annotate(n=Count("pk")))
    return {status.value: counts.get(status.value, 0) for status in StatusRekap}


def opd_nominatif_visible_to(user) -> QuerySet[PerangkatDaerah]:
    """The OPDs whose daftar nominatif ``user`` may read: every active OPD for admin BKPSDM and the city
    pimpinan, their own OPDs for an admin OPD or an OPD pimpinan, none for anyone else."""
    roles = peran_of(user)
    if roles.melihat_semua:
        return PerangkatDaerah.objects.filter(aktif=True)
    return PerangkatDaerah.objects.filter(pk__in=roles.admin_opd_ids | roles.pimpinan_opd_ids)


def unit_mph_visible_to(user, on: datetime.date | None = None) -> QuerySet[UnitKerja]:
    """Units whose Matriks Peran Hasil ``user`` may read: all for admin BKPSDM and the city pimpinan, the units of
    their OPDs for an admin OPD or OPD pimpinan, and for a pegawai the units they lead (own position or Plt/Plh)
    and the units led by their direct bawahan — the people whose SKP they already see."""
    roles = peran_of(user)
    if roles.melihat_semua:
        return UnitKerja.objects.filter(aktif=True)
    q = Q(perangkat_daerah_id__in=roles.admin_opd_ids | roles.pimpinan_opd_ids)
    me = pegawai_of(user)
    if me is not None:
        on = on or timezone.localdate()
        jabatan_ids = jabatan_dipegang(me, on)
        jabatan_ids.update(bawahan_langsung(me, on).values_list("jabatan_id", flat=True))
        unit_ids = (
            Jabatan.objects.filter(pk__in=jabatan_ids, jenis__in=_JENIS_PIMPINAN)
            .exclude(parent__unit_kerja_id=F("unit_kerja_id"))
            .values_list("unit_kerja_id", flat=True)
        )
        q |= Q(pk__in=list(unit_ids))
    return UnitKerja.objects.filter(q, aktif=True)
