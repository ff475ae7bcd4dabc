"""The organisation in memory for the SKP seed: positions, holders and Plt/Plh read in a handful of queries, then who
supervises whom on a day answered without a query per pegawai."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from pegawai.choices import JenisPenugasan
from pegawai.models import Jabatan, Pegawai, Penugasan
from skp.selectors.identitas import identitas

SEBUTAN = {JenisPenugasan.PLT: "Plt.", JenisPenugasan.PLH: "Plh."}


@dataclass(frozen=True, slots=True)
class _Tugas:
    pegawai: int
    jabatan: int
    jenis: str
    mulai: datetime.date
    selesai: datetime.date

    def berlaku(self, on: datetime.date) -> bool:
        return self.mulai <= on <= self.selesai


class Organisasi:
    """Positions, holders and Plt/Plh read once; answers who supervises whom on a day, by the same rules as
    ``pegawai.atasan.atasan_langsung`` and ``skp.selectors.identitas.posisi_pengawas`` / ``atasan_dari_jabatan``."""

    def __init__(self):
        self.jabatan: dict[int, Jabatan] = {
            j.pk: j for j in Jabatan.objects.select_related("unit_kerja__perangkat_daerah").order_by("pk")
        }
        self.pegawai: dict[int, Pegawai] = {
            p.pk: p
            for p in Pegawai.objects.only(
                "pk",
                "nip",
                "nama",
                "gelar_depan",
                "gelar_belakang",
                "golongan",
                "jabatan_id",
                "aktif",
                "atasan_override_id",
                "tmt_cpns",
                "user_id",
            ).order_by("pk")
        }
        self.pemegang: dict[int, list[int]] = {}
        for p in self.pegawai.values():  # in pk order: the first holder is the lowest pk, as in the selector
            if p.aktif:
                self.pemegang.setdefault(p.jabatan_id, []).append(p.pk)
        self.tugas_jabatan: dict[int, list[_Tugas]] = {}
        self.tugas_pegawai: dict[int, list[_Tugas]] = {}
        for row in Penugasan.objects.order_by("tanggal_mulai", "pk").values_list(
            "pegawai_id", "jabatan_id", "jenis", "tanggal_mulai", "tanggal_selesai"
        ):
            tugas = _Tugas(*row)
            self.tugas_jabatan.setdefault(tugas.jabatan, []).append(tugas)
            self.tugas_pegawai.setdefault(tugas.pegawai, []).append(tugas)

    def _naik(self, pk: int, jabatan_id: int, on: datetime.date) -> int | None:
        """The nearest occupied position above ``jabatan_id``: its definitive holder, else its Plt/Plh."""
        seen: set[int] = set()
        parent = self.jabatan[jabatan_id].parent_id
        while parent and parent not in seen:
            seen.add(parent)
            for holder in self.pemegang.get(parent, ()):
                if holder != pk:
                    return holder
            for tugas in self.tugas_jabatan.get(parent, ()):
                if tugas.berlaku(on) and tugas.pegawai != pk:
                    return tugas.pegawai
            parent = self.jabatan[parent].parent_id
        return None

    def atasan(self, pk: int, on: datetime.date) -> int | None:
        pegawai = self.pegawai[pk]
        override = self.pegawai.get(pegawai.atasan_override_id) if pegawai.atasan_override_id else None
        if override is not None and override.aktif:
            return override.pk
        return self._naik(pk, pegawai.jabatan_id, on)

    def posisi(self, atasan: int, jabatan_bawahan: int, on: datetime.date) -> tuple[int, str]:
        """The position through which ``atasan`` supervises ``jabatan_bawahan`` and its title prefix."""
        own = self.pegawai[atasan].jabatan_id
        seen: set[int] = set()
        parent = self.jabatan[jabatan_bawahan].parent_id
        while parent and parent not in seen:
            seen.add(parent)
            if parent == own:
                return own, ""
            for tugas in self.tugas_pegawai.get(atasan, ()):
                if tugas.jabatan == parent and tugas.berlaku(on):
                    return parent, SEBUTAN.get(tugas.jenis, "")
            parent = self.jabatan[parent].parent_id
        return own, ""

    def atasan_dari_jabatan(self, pk: int, jabatan_id: int, on: datetime.date) -> int | None:
        if jabatan_id == self.pegawai[pk].jabatan_id:
            return self.atasan(pk, on)
        return self._naik(pk, jabatan_id, on)

    def identitas(self, pk: int, jabatan_id: int, sebutan: str = "") -> dict:
        return identitas(self.pegawai[pk], self.jabatan[jabatan_id], sebutan)
