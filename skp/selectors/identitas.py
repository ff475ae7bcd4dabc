"""The identity blocks of the SKP document (pegawai, pejabat penilai, atasan pejabat penilai): live while drafting,
frozen at approval; and the kepala daerah as pejabat penilai of the top JPT."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings

from pegawai.atasan import atasan_langsung
from pegawai.choices import JenisJabatan, JenisPenugasan
from pegawai.models import Jabatan, Pegawai, Penugasan

from ..choices import FormatSkp
from ..models import Skp
from .skp import tanggal_acuan_skp

SEBUTAN_PENUGASAN = {JenisPenugasan.PLT: "Plt.", JenisPenugasan.PLH: "Plh."}


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
            return acting.jabatan, SEBUTAN_PENUGASAN.get(acting.jenis, "")
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
    return atasan_langsung(pegawai, on, jabatan_id=jabatan.pk)


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
    # The position's jenis, not only the SKP's format: a pimpinan unit kerja mandiri (a camat, a kepala UPT) uses
    # the JPT form too, but is rated by their atasan langsung, never by the kepala daerah.
    return (
        skp.format == FormatSkp.JPT
        and skp.jabatan.jenis == JenisJabatan.JPT
        and skp.jabatan.parent_id is None
        and skp.pegawai.atasan_override_id is None
    )


def dinilai_kepala_daerah(skp: Skp, on: datetime.date | None = None) -> bool:
    """True for the SKP of a JPT at the top of the organisation (a position without a supervising position and
    nobody above them in the system, e.g. the Sekretaris Daerah): its pejabat penilai is the kepala daerah, and
    admin BKPSDM records the decision on their behalf."""
    if not _jpt_puncak(skp):
        return False
    return atasan_langsung(skp.pegawai, on or tanggal_acuan_skp(skp)) is None
