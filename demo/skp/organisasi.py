"""The organisation in memory for the SKP seed: positions, dated assignments, Plt/Plh and delegations read in a
handful of queries, then who supervises whom on a day answered without a query per pegawai.

The rules are :mod:`pegawai.atasan`'s (:func:`~pegawai.atasan.penilai_pada`, :func:`~pegawai.atasan.penilai_jabatan`)
and :func:`skp.selectors.identitas.posisi_pengawas`, replayed step for step on the rows read here; a demo test holds
them equal on the seeded city."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from pegawai.atasan import JENIS_PENILAI, Penilai
from pegawai.choices import JenisPenugasan
from pegawai.models import DelegasiPenilai, Jabatan, Pegawai, Penugasan, RiwayatJabatan
from skp.selectors.identitas import identitas

SEBUTAN = {JenisPenugasan.PLT: "Plt.", JenisPenugasan.PLH: "Plh."}

#: How far :func:`pegawai.atasan._leluhur` climbs before it stops (a cycle saved by an old import).
TINGKAT_MAKS = 50


@dataclass(frozen=True, slots=True)
class Rentang:
    """A row that holds from ``mulai`` to ``selesai`` (``None``: still open)."""

    pegawai: int
    jabatan: int
    mulai: datetime.date
    selesai: datetime.date | None
    jenis: str = ""

    def berlaku(self, on: datetime.date) -> bool:
        return self.mulai <= on and (self.selesai is None or on <= self.selesai)


class Organisasi:
    """Positions, dated assignments (:class:`~pegawai.models.RiwayatJabatan`), Plt/Plh and delegations read once;
    answers who supervises whom on a day by the rules of :mod:`pegawai.atasan`."""

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
        #: Definitive assignments per pegawai and per position, latest TMT first (then pegawai), as the selectors
        #: order them.
        self.riwayat_pegawai: dict[int, list[Rentang]] = {}
        self.riwayat_jabatan: dict[int, list[Rentang]] = {}
        for row in RiwayatJabatan.objects.order_by("-tmt", "pegawai_id").values_list(
            "pegawai_id", "jabatan_id", "tmt", "tanggal_selesai"
        ):
            rentang = Rentang(*row)
            self.riwayat_pegawai.setdefault(rentang.pegawai, []).append(rentang)
            self.riwayat_jabatan.setdefault(rentang.jabatan, []).append(rentang)
        #: Plt/Plh per position and per pegawai, earliest start first.
        self.tugas_jabatan: dict[int, list[Rentang]] = {}
        self.tugas_pegawai: dict[int, list[Rentang]] = {}
        for pegawai_id, jabatan_id, jenis, mulai, selesai in Penugasan.objects.order_by(
            "tanggal_mulai", "pk"
        ).values_list("pegawai_id", "jabatan_id", "jenis", "tanggal_mulai", "tanggal_selesai"):
            tugas = Rentang(pegawai_id, jabatan_id, mulai, selesai, jenis)
            self.tugas_jabatan.setdefault(jabatan_id, []).append(tugas)
            self.tugas_pegawai.setdefault(pegawai_id, []).append(tugas)
        #: Delegations in force (a cancelled one counts for no date), per penerima.
        self.delegasi: dict[int, list[tuple[datetime.date, datetime.date]]] = {}
        for penerima, mulai, selesai in DelegasiPenilai.objects.filter(dibatalkan_pada__isnull=True).values_list(
            "penerima_id", "tanggal_mulai", "tanggal_selesai"
        ):
            self.delegasi.setdefault(penerima, []).append((mulai, selesai))
        self._leluhur: dict[int, list[tuple[int, str]]] = {}
        self._boleh: dict[tuple[int, datetime.date], list[tuple[int, str]]] = {}

    # --- positions held on a date (pegawai.atasan.riwayat_pada, jabatan_pada, _holders) -------------------------

    def _memegang(self, rentang: Rentang, on: datetime.date) -> bool:
        """``RiwayatJabatanQuerySet.pada``: an open assignment of a pegawai set inactive holds nothing."""
        if rentang.selesai is None:
            return rentang.mulai <= on and self.pegawai[rentang.pegawai].aktif
        return rentang.berlaku(on)

    def riwayat(self, pk: int) -> list[Rentang]:
        """The definitive assignments of ``pk``, latest TMT first."""
        return self.riwayat_pegawai.get(pk, [])

    def jabatan_pada(self, pk: int, on: datetime.date) -> int | None:
        for rentang in self.riwayat_pegawai.get(pk, ()):
            if self._memegang(rentang, on):
                return rentang.jabatan
        return None

    def didelegasi(self, pk: int, on: datetime.date) -> bool:
        return any(mulai <= on <= selesai for mulai, selesai in self.delegasi.get(pk, ()))

    def _pemegang(self, jabatan_id: int, on: datetime.date) -> list[tuple[int, str]]:
        """The holders of a position on ``on`` in the order supervision picks them: definitive (latest TMT
        first), then Plt/Plh (earliest start first)."""
        rows = [(r.pegawai, Penilai.JABATAN) for r in self.riwayat_jabatan.get(jabatan_id, ()) if self._memegang(r, on)]
        rows += [(t.pegawai, Penilai.PLT) for t in self.tugas_jabatan.get(jabatan_id, ()) if t.berlaku(on)]
        return rows

    def _boleh_menilai(self, jabatan_id: int, jenis: str, on: datetime.date) -> list[tuple[int, str]]:
        """Those holding ``jabatan_id`` on ``on`` who may rate from it, in order: every holder of a position of at
        least pengawas, else only the delegated ones (a JF or pelaksana above the pegawai)."""
        key = (jabatan_id, on)
        rows = self._boleh.get(key)
        if rows is None:
            rows = self._pemegang(jabatan_id, on)
            if jenis not in JENIS_PENILAI:
                rows = [(pid, Penilai.DELEGASI) for pid, _dasar in rows if self.didelegasi(pid, on)]
            self._boleh[key] = rows
        return rows

    def leluhur(self, jabatan_id: int) -> list[tuple[int, str]]:
        """The ancestors of a position, nearest first, with their jenis (:func:`pegawai.atasan._leluhur`)."""
        hasil = self._leluhur.get(jabatan_id)
        if hasil is None:
            hasil, seen = [], set()
            parent = self.jabatan[jabatan_id].parent_id
            while parent is not None and parent not in seen and len(hasil) < TINGKAT_MAKS:
                seen.add(parent)
                hasil.append((parent, self.jabatan[parent].jenis))
                parent = self.jabatan[parent].parent_id
            self._leluhur[jabatan_id] = hasil
        return hasil

    # --- upward: who rates this pegawai on a date -----------------------------------------------------------

    def penilai_jabatan(self, jabatan_id: int, on: datetime.date, kecuali: int | None = None) -> Penilai | None:
        """:func:`pegawai.atasan.penilai_jabatan`: the nearest parent position with someone other than ``kecuali``
        who may rate from it that day."""
        for jid, jenis in self.leluhur(jabatan_id):
            for pid, dasar in self._boleh_menilai(jid, jenis, on):
                if pid != kecuali:
                    return Penilai(self.pegawai[pid], jid, dasar)
        return None

    def penilai(self, pk: int, on: datetime.date, jabatan_id: int | None = None) -> Penilai | None:
        """:func:`pegawai.atasan.penilai_pada`: the active override for their own position, else who rates the
        position they hold that day (or ``jabatan_id``, one they act in)."""
        pegawai = self.pegawai[pk]
        definitif = self.jabatan_pada(pk, on)
        if pegawai.atasan_override_id and jabatan_id in (None, definitif):
            override = self.pegawai.get(pegawai.atasan_override_id)
            if override is not None and override.aktif:
                return Penilai(override, None, Penilai.PENETAPAN)
        jabatan_id = jabatan_id or definitif
        if jabatan_id is None:
            return None
        return self.penilai_jabatan(jabatan_id, on, kecuali=pk)

    def atasan(self, pk: int, on: datetime.date, jabatan_id: int | None = None) -> int | None:
        """:func:`pegawai.atasan.atasan_langsung`, as a primary key."""
        penilai = self.penilai(pk, on, jabatan_id)
        return penilai.pegawai.pk if penilai else None

    def atasan_dari_jabatan(self, pk: int, jabatan_id: int, on: datetime.date) -> int | None:
        """:func:`skp.selectors.identitas.atasan_dari_jabatan`."""
        return self.atasan(pk, on, jabatan_id)

    # --- the SKP document --------------------------------------------------------------------------------------

    def posisi(self, atasan: int, jabatan_bawahan: int, on: datetime.date) -> tuple[int, str]:
        """:func:`skp.selectors.identitas.posisi_pengawas`: the position through which ``atasan`` supervises
        ``jabatan_bawahan`` and its title prefix."""
        own = self.pegawai[atasan].jabatan_id
        seen: set[int] = set()
        parent = self.jabatan[jabatan_bawahan].parent_id
        while parent and parent not in seen:
            seen.add(parent)
            if parent == own:
                return own, ""
            # Penugasan's default order: the latest start first.
            acting = [t for t in self.tugas_pegawai.get(atasan, ()) if t.jabatan == parent and t.berlaku(on)]
            if acting:
                return parent, SEBUTAN.get(acting[-1].jenis, "")
            parent = self.jabatan[parent].parent_id
        return own, ""

    def identitas(self, pk: int, jabatan_id: int, sebutan: str = "") -> dict:
        return identitas(self.pegawai[pk], self.jabatan[jabatan_id], sebutan)
