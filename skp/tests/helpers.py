"""Arranging SKP through the services, the way a pegawai and their atasan would."""

from __future__ import annotations

from skp.choices import Aspek, FormatSkp, JenisRhk, Perspektif
from skp.models import RencanaHasilKerja, Skp
from skp.services.isi import iki_tambah, rhk_tambah
from skp.services.skp import skp_ajukan, skp_buat, skp_setujui


def isi_rhk(skp: Skp, teks: str, intervensi: RencanaHasilKerja | None = None, jenis=JenisRhk.UTAMA):
    """One RHK with one kuantitas IKI, through the services."""
    jpt = skp.format == FormatSkp.JPT
    rhk = rhk_tambah(
        actor=skp.pegawai,
        skp=skp,
        jenis=jenis,
        teks=teks,
        intervensi=intervensi,
        perspektif=Perspektif.PROSES_BISNIS if jpt else "",
        acuan="Perjanjian Kinerja: sasaran 1" if jpt and intervensi is None else "",
    )
    iki_tambah(
        actor=skp.pegawai,
        rhk=rhk,
        teks=f"Jumlah keluaran: {teks}",
        aspek=Aspek.KUANTITAS,
        target_min=12,
        satuan="dokumen",
    )
    return rhk


def rencanakan(pegawai, tahun: int, intervensi: list[RencanaHasilKerja], **kwargs) -> Skp:
    """A draft SKP with one Utama RHK (and IKI) per atasan RHK given, each intervening it."""
    skp = skp_buat(actor=pegawai, tahun=tahun, **kwargs)
    for nomor, target in enumerate(intervensi, start=1):
        isi_rhk(skp, f"{pegawai.nama}: hasil {nomor} mendukung {target.teks}", target)
    return skp


def setujui(skp: Skp, penilai) -> Skp:
    skp_ajukan(actor=skp.pegawai, skp=skp)
    return skp_setujui(actor=penilai, skp=skp)
