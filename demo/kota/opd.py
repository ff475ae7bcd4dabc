"""What the demo city's tables say about a perangkat daerah (:class:`Opd`) and a family of units it runs (:class:`Upt`);
the tables themselves are in :mod:`demo.kota.daftar_opd` and :mod:`demo.kota.daftar_dinas`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Upt:
    """A family of units (schools, puskesmas, UPT) whose number grows with the OPD's size."""

    nama: tuple[str, ...]  # one per unit, in order
    kepala: str  # "{unit}" is replaced by the unit name
    jenis: str
    jenjang: str
    kelas: int
    staf: tuple[tuple[str, str | None, float], ...]  # (name, jenjang or None for pelaksana, weight)
    ukuran: int  # typical number of staff per unit
    bagian: float  # share of the OPD's pegawai working in these units
    induk: str | None = None  # name of the bidang unit they report to (None: the head of the OPD)
    minimal: int = 0


@dataclass(frozen=True)
class Opd:
    kode: str
    nama: str
    singkatan: str
    jenis: str  # dinas, badan, satpol, setda, setwan, inspektorat, kecamatan
    bobot: float  # relative size
    bidang: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fungsional: tuple[tuple[str, tuple[str, ...]], ...] = ()
    bidang_studi: tuple[str, ...] = ("umum",)
    upt: tuple[Upt, ...] = ()
    persona: bool = False
