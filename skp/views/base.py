"""What the SKP pages share: how an SKP is fetched for the user, who decides on it, and the read-only contents
of one SKP (detail and review pages).

Access rules (CONVENTIONS.md "Who may see what"): anonymous → login page; a role page for someone without the
role, or an object outside the user's reach → 404; every SKP is fetched through
:func:`skp.selectors.skp.skp_visible_to`; editing also requires being its owner, reviewing being its pejabat
penilai (or admin BKPSDM for the kepala daerah), else 404. A refused POST shows the service's
:class:`~skp.errors.SkpError` — on its form through :func:`portal.errors.add_to_form`, or for a button without
a form through ``components/galat.html`` — and answers 422 with nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pegawai.akses import pegawai_of, peran_of
from pegawai.models import Pegawai

from ..choices import AksiSkp, JenisLampiran, JenisRhk, Pendekatan, SkpStatus
from ..forms import EkspektasiForm, TahunForm
from ..models import (
    EkspektasiKhusus,
    IndikatorKinerjaIndividu,
    LampiranItem,
    PerilakuKerja,
    RencanaHasilKerja,
    Skp,
    SkpRiwayat,
)
from ..selectors.identitas import dinilai_kepala_daerah, identitas_skp
from ..selectors.perubahan import perbandingan_versi
from ..selectors.skp import penilai_skp, skp_visible_to

#: How a user decides on an SKP (:func:`peran_penilai`).
PENILAI_ATASAN = "atasan"
PENILAI_KEPALA_DAERAH = "kepala_daerah"


def tahun_diminta(request) -> int:
    """``?tahun=`` (or a posted ``tahun``) when it is a sensible year, else the current year."""
    form = TahunForm({"tahun": request.POST.get("tahun") or request.GET.get("tahun")})
    return form.cleaned_data["tahun"] if form.is_valid() else timezone.localdate().year


def daftar_tahun(tahun: int) -> list[int]:
    sekarang = timezone.localdate().year
    return sorted({sekarang - 2, sekarang - 1, sekarang, sekarang + 1, tahun}, reverse=True)


def skp_qs(user):
    return skp_visible_to(user).select_related(
        "pegawai__jabatan__unit_kerja__perangkat_daerah", "jabatan__unit_kerja__perangkat_daerah"
    )


def skp_terlihat(request, pk: int) -> Skp:
    return get_object_or_404(skp_qs(request.user), pk=pk)


def skp_milik(request, pk: int) -> tuple[Pegawai, Skp]:
    """The SKP ``pk`` of the logged-in pegawai; anyone else's (even one they may read) answers 404 here."""
    me = pegawai_of(request.user)
    skp = skp_terlihat(request, pk)
    if me is None or skp.pegawai_id != me.pk:
        raise Http404
    return me, skp


def peran_penilai(user, skp: Skp) -> str | None:
    """How ``user`` may decide on ``skp``: :data:`PENILAI_ATASAN` (the pejabat penilai, Plt/Plh included),
    :data:`PENILAI_KEPALA_DAERAH` (admin BKPSDM on behalf of the kepala daerah, for the top JPT), or ``None``."""
    me = pegawai_of(user)
    if penilai_skp(me, skp):
        return PENILAI_ATASAN
    if peran_of(user).admin_bkpsdm and (me is None or me.pk != skp.pegawai_id) and dinilai_kepala_daerah(skp):
        return PENILAI_KEPALA_DAERAH
    return None


# ---------------------------------------------------------------------------------------------------------------
# Read-only content of one SKP (detail, review)
# ---------------------------------------------------------------------------------------------------------------


def rhk_dengan_iki(skp: Skp) -> list[RencanaHasilKerja]:
    return list(
        skp.rhk.select_related("intervensi__skp__pegawai")
        .prefetch_related(Prefetch("iki", queryset=IndikatorKinerjaIndividu.objects.order_by("urutan")))
        .order_by("jenis", "urutan")
    )


def berkode(rhk: list[RencanaHasilKerja]) -> list[RencanaHasilKerja]:
    """Utama before tambahan, each numbered as on the printed SKP ("A1", "B2"), in ``.kode``."""
    rhk = sorted(rhk, key=lambda r: (r.jenis != JenisRhk.UTAMA, r.urutan))
    nomor = {JenisRhk.UTAMA: 0, JenisRhk.TAMBAHAN: 0}
    for r in rhk:
        nomor[r.jenis] += 1
        r.kode = f"{'A' if r.jenis == JenisRhk.UTAMA else 'B'}{nomor[r.jenis]}"
    return rhk


@dataclass
class PerilakuBaris:
    perilaku: PerilakuKerja
    ekspektasi: str
    form: EkspektasiForm | None = None
    tersimpan: bool = False


def perilaku_baris(skp: Skp) -> list[PerilakuBaris]:
    teks = dict(EkspektasiKhusus.objects.filter(skp=skp).values_list("perilaku_id", "teks"))
    return [PerilakuBaris(perilaku=p, ekspektasi=teks.get(p.pk, "")) for p in PerilakuKerja.objects.order_by("urutan")]


def _lampiran(skp: Skp) -> list[tuple[str, str, list[LampiranItem]]]:
    items = list(skp.lampiran.order_by("jenis", "urutan"))
    return [(j.value, j.label, [i for i in items if i.jenis == j.value]) for j in JenisLampiran]


def catatan_terakhir(skp: Skp) -> SkpRiwayat | None:
    """The pejabat penilai's latest return note while the SKP is still being repaired."""
    if skp.status not in (SkpStatus.DIKEMBALIKAN, SkpStatus.DRAFT):
        return None
    terakhir = skp.riwayat.order_by("-waktu", "-pk").first()
    kembali = skp.riwayat.filter(aksi=AksiSkp.DIKEMBALIKAN).order_by("-waktu", "-pk").first()
    if kembali is None or terakhir is None:
        return None
    # Shown until the SKP is submitted again (the repair itself leaves the note relevant).
    if terakhir.aksi in (AksiSkp.DIKEMBALIKAN, AksiSkp.DIPERBAIKI):
        return kembali
    return None


def konteks_baca(skp: Skp) -> dict:
    rhk = rhk_dengan_iki(skp)
    return {
        "skp": skp,
        "identitas": identitas_skp(skp),
        "rhk_utama": [r for r in rhk if r.jenis == JenisRhk.UTAMA],
        "rhk_tambahan": [r for r in rhk if r.jenis == JenisRhk.TAMBAHAN],
        "perilaku": perilaku_baris(skp),
        "lampiran": _lampiran(skp),
        "kualitatif": skp.pendekatan == Pendekatan.KUALITATIF,
        "catatan_kembali": catatan_terakhir(skp),
        # A perubahan SKP shows what it changes from the version it replaces (for the penilai and the pegawai).
        "perubahan": perbandingan_versi(skp),
    }


def versi_dan_riwayat(request, skp: Skp) -> dict:
    """Every version of this SKP (same pegawai, year and position) that the user may read, oldest first, and
    their history, newest first."""
    versi = list(
        skp_visible_to(request.user)
        .filter(pegawai_id=skp.pegawai_id, tahun=skp.tahun, jabatan_id=skp.jabatan_id)
        .order_by("versi")
    )
    riwayat = list(
        SkpRiwayat.objects.filter(skp__in=[v.pk for v in versi]).select_related("skp").order_by("-waktu", "-pk")
    )
    return {"versi": versi, "riwayat": riwayat}
