"""Reads of one SKP and of the atasan's SKP it cascades from: which SKP a user may open, the day whose
supervision counts, and whether the atasan's SKP allows a pegawai's SKP to be submitted."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.akses import pegawai_of, pegawai_visible_to
from pegawai.atasan import atasan_langsung, jabatan_dipegang, penilai_pada
from pegawai.models import Pegawai
from pegawai.supervisi import awal_riwayat, riwayat_bawahan

from ..choices import SkpStatus
from ..models import Skp
from ..rules import tanggal_acuan


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

    Built on :func:`pegawai.akses.pegawai_visible_to` (own, bawahan, OPD for admin/pimpinan, everything for
    BKPSDM), plus two documents a pegawai must be able to read outside that scope: the approved SKP of their
    current atasan langsung (cascading: the RHK they intervene, PermenPANRB 6/2022 Pasal 8) and every SKP they
    signed as pejabat penilai or atasan pejabat penilai (still theirs after the bawahan moved away)."""
    if not getattr(user, "is_authenticated", False):
        return Skp.objects.none()
    q = Q(pegawai__in=pegawai_visible_to(user))
    me = pegawai_of(user)
    if me is not None:
        q |= Q(pejabat_penilai=me) | Q(atasan_pejabat_penilai=me)
        # After a mutasi the old atasan keeps the SKP of the periods they supervised.
        hari_ini = timezone.localdate()
        for mulai, selesai, ids in riwayat_bawahan(me, awal_riwayat(hari_ini), hari_ini):
            q |= Q(pegawai_id__in=ids, tanggal_mulai__lte=selesai, tanggal_selesai__gte=mulai)
        atasan = atasan_langsung(me)
        if atasan is not None:
            q |= Q(pegawai=atasan, status=SkpStatus.DISETUJUI)
    return Skp.objects.filter(q)


# ---------------------------------------------------------------------------------------------------------------
# The atasan's SKP (cascading)
# ---------------------------------------------------------------------------------------------------------------


def pilih_skp(kandidat: list[Skp], on: datetime.date, *, hanya_disetujui: bool) -> Skp | None:
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
    """Whether a pegawai's SKP for a year can cascade (pick its intervened RHK, be submitted) yet, and from which
    atasan SKP. Drafting does not wait for it."""

    atasan: Pegawai | None
    #: The atasan's approved, current SKP for the year: the one whose RHK are intervened. ``None`` when missing.
    skp: Skp | None
    #: The atasan's SKP for the year in whatever state, for the page to link to ("lihat SKP atasan").
    skp_terakhir: Skp | None
    #: Why the SKP cannot be submitted yet (Indonesian, for the page); empty when ``skp`` is set.
    pesan: str = ""

    @property
    def siap(self) -> bool:
        return self.skp is not None


def cek_skp_atasan(
    pegawai: Pegawai, tahun: int, on: datetime.date | None = None, *, jabatan_id: int | None = None
) -> SkpAtasan:
    """The atasan langsung of ``pegawai`` on ``on`` (default 1 January of ``tahun``: the start of a default SKP
    period; a Plt/Plh counts) and their approved SKP for ``tahun`` — the SKP of the position through which they
    rate: a Plt's bawahan cascade from the acting position's SKP, not from the Plt's own. ``jabatan_id`` asks for
    a position ``pegawai`` acts in instead of their own.

    PermenPANRB 6/2022: the RHK of a JA/JF cascade from the atasan's RHK, so the pegawai's SKP is submitted only
    once the atasan's SKP for that year has been approved; it may be drafted before (docs/ATURAN.md)."""
    on = on or datetime.date(tahun, 1, 1)
    penilai = penilai_pada(pegawai, on, jabatan_id=jabatan_id)
    atasan = penilai.pegawai if penilai else None
    if atasan is None:
        return SkpAtasan(
            atasan=None,
            skp=None,
            skp_terakhir=None,
            pesan=_(
                "Atasan langsung Anda belum tercatat di sistem, sehingga RHK atasan belum dapat dipilih dan SKP "
                "belum dapat diajukan. Hubungi Admin OPD untuk memperbaiki data atasan."
            ),
        )
    kandidat = Skp.objects.berlaku().filter(pegawai=atasan, tahun=tahun).select_related("jabatan")
    if penilai.jabatan_id is not None:
        kandidat = kandidat.filter(jabatan_id=penilai.jabatan_id)
    kandidat = list(kandidat)
    disetujui = pilih_skp(kandidat, on, hanya_disetujui=True)
    terakhir = pilih_skp(kandidat, on, hanya_disetujui=False)
    if disetujui is not None:
        return SkpAtasan(atasan=atasan, skp=disetujui, skp_terakhir=terakhir)
    if terakhir is None:
        pesan = _(
            "Atasan langsung Anda, %(nama)s, belum membuat SKP tahun %(tahun)s. SKP Anda dapat disusun sekarang; "
            "RHK atasan dipilih dan SKP diajukan setelah SKP atasan disetujui."
        ) % {"nama": atasan.nama_lengkap, "tahun": tahun}
    else:
        pesan = _(
            "SKP tahun %(tahun)s milik atasan langsung Anda, %(nama)s, masih berstatus %(status)s. SKP Anda dapat "
            "disusun sekarang; RHK atasan dipilih dan SKP diajukan setelah SKP atasan disetujui."
        ) % {"nama": atasan.nama_lengkap, "tahun": tahun, "status": terakhir.get_status_display().lower()}
    return SkpAtasan(atasan=atasan, skp=None, skp_terakhir=terakhir, pesan=pesan)


def cek_skp_atasan_dari(skp: Skp, on: datetime.date | None = None) -> SkpAtasan:
    """:func:`cek_skp_atasan` for an existing SKP: the atasan on its start date, through its position — for the
    SKP a Plt holds as the acting position, that position's atasan."""
    return cek_skp_atasan(skp.pegawai, skp.tahun, on or skp.tanggal_mulai, jabatan_id=skp.jabatan_id)


def skp_atasan_untuk(obj: Skp | Pegawai, tahun: int | None = None, on: datetime.date | None = None) -> Skp | None:
    """The atasan's approved SKP whose RHK ``obj`` (an SKP, or a pegawai about to start one for ``tahun``) may
    intervene, or ``None``. For an SKP, the atasan is the one on its start date."""
    if isinstance(obj, Skp):
        return cek_skp_atasan_dari(obj, on).skp
    if tahun is None:
        raise TypeError("tahun wajib diisi bila yang diberikan pegawai")
    return cek_skp_atasan(obj, tahun, on).skp


def penilai_skp(actor: Pegawai | None, skp: Skp) -> bool:
    """True when ``actor`` rates ``skp`` (:func:`pastikan_penilai`)."""
    if actor is None or actor.pk == skp.pegawai_id:
        return False
    on = tanggal_acuan_skp(skp)
    penilai = penilai_pada(skp.pegawai, on, jabatan_id=skp.jabatan_id)
    if penilai is None:
        return False
    if penilai.pegawai.pk == actor.pk:
        return True
    # A Plh beside the definitive holder (on leave) acts for the penilai's position too.
    return penilai.jabatan_id is not None and penilai.jabatan_id in jabatan_dipegang(actor, on)


def skp_disetujui_opd(perangkat_daerah, tahun: int) -> QuerySet[Skp]:
    """The approved, current SKP of ``tahun`` for positions in an OPD (a PerangkatDaerah or its pk): what the PDF
    batch of an OPD contains. A selector, not part of skp.pdf, so the web request that counts them does not load
    WeasyPrint."""
    opd_id = getattr(perangkat_daerah, "pk", perangkat_daerah)
    return Skp.objects.berlaku().filter(
        tahun=tahun, status=SkpStatus.DISETUJUI, jabatan__unit_kerja__perangkat_daerah_id=opd_id
    )
