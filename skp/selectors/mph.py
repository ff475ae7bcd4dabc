"""The Matriks Peran Hasil (PermenPANRB 6/2022, Lampiran): how a unit leader's results are shared among their
bawahan, and which units a user may read it for. Trees and matrices are assembled in Python; the query count does
not grow with the number of bawahan or RHK."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from pegawai.akses import pegawai_of, peran_of
from pegawai.atasan import bawahan_langsung, jabatan_dipegang
from pegawai.choices import JenisJabatan
from pegawai.models import Jabatan, Pegawai, Penugasan, UnitKerja

from ..models import RencanaHasilKerja, Skp
from .identitas import SEBUTAN_PENUGASAN
from .skp import pilih_skp, tanggal_acuan_tahun


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

    @property
    def peran_belum_dicatat(self) -> int:
        """Bawahan RHK intervening a row whose role (:class:`~skp.choices.PeranHasil`) the penilai has not
        recorded yet."""
        return sum(1 for b in self.bawahan for r in b.rhk_intervensi if not r.peran_hasil)


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
            hasil.append((t.pegawai, jabatan, SEBUTAN_PENUGASAN.get(t.jenis, "")))
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
    dipakai = {pid: pilih_skp(daftar, on, hanya_disetujui=False) for pid, daftar in skp_bawahan.items()}
    rhk_bawahan: dict[int, list[RencanaHasilKerja]] = {}
    for rhk in RencanaHasilKerja.objects.filter(skp_id__in=[s.pk for s in dipakai.values() if s]).order_by(
        "jenis", "urutan"
    ):
        rhk_bawahan.setdefault(rhk.skp_id, []).append(rhk)

    hasil = []
    for atasan, jabatan, sebutan in pimpinan:
        skp_atasan = pilih_skp(
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


def unit_mph_visible_to(user, on: datetime.date | None = None) -> QuerySet[UnitKerja]:
    """Units whose Matriks Peran Hasil ``user`` may read: all for admin BKPSDM and the city pimpinan, the units of
    their OPDs for an admin OPD or OPD pimpinan, and for a pegawai the units they lead (own position or Plt/Plh)
    and the units led by their direct bawahan — the people whose SKP they already see."""
    roles = peran_of(user)
    if roles.melihat_semua:
        return UnitKerja.objects.filter(aktif=True)
    q = Q(perangkat_daerah_id__in=roles.opd_dilihat)
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
