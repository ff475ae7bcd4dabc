"""Which SKP a year of the demo city calls for (:class:`Tugas`) and in which order to plan them (:func:`urutan_tugas`).

One SKP per position held in the year (docs/ATURAN.md): a pegawai transferred mid-year has the old position's SKP up
to the day before the TMT and the new position's from it; a Plt also holds the SKP of the position they act in,
for the stretch of their assignment. Each cascades from the SKP of whoever rates that position on its first day
(:func:`skp.selectors.skp.cek_skp_atasan`), so it is planned after every SKP it may cascade from."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from pegawai.choices import JenisPenugasan

from .organisasi import Organisasi


@dataclass(frozen=True)
class Tugas:
    """One SKP to plan: ``pegawai`` in ``jabatan`` from ``mulai`` to ``selesai`` within the year — a definitive
    position (from :class:`~pegawai.models.RiwayatJabatan`) or, ``plt``, one they act in."""

    pegawai: int
    jabatan: int
    mulai: datetime.date
    selesai: datetime.date
    plt: bool = False
    #: The position a mutasi moved them to on the day after ``selesai`` (the SKP is closed by it).
    mutasi_ke: int | None = None


#: (depth, the SKP to plan, the atasan on its first day, the atasan's SKP it may cascade from)
Langkah = tuple[int, Tugas, int | None, list[Tugas]]


def daftar_tugas(org: Organisasi, tahun: int) -> list[Tugas]:
    """Every SKP the year calls for, in pegawai order: one per definitive position an active pegawai holds in the
    year (from the TMT jabatan when it falls in it: a CPNS appointed during the year, a mutasi), and one per Plt
    assignment in it (a Plh, standing in for a week or two, makes none)."""
    awal, akhir = datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
    satu = datetime.timedelta(days=1)
    plt: dict[int, list] = {}
    for daftar in org.tugas_pegawai.values():
        for t in daftar:
            if t.jenis == JenisPenugasan.PLT and t.mulai <= akhir and t.selesai >= awal:
                plt.setdefault(t.pegawai, []).append(t)
    hasil = []
    for pk, pegawai in org.pegawai.items():
        if not pegawai.aktif:
            continue
        # One SKP per position and year (skp_buat refuses a second): a return to an earlier position, or a Plt in a
        # position held definitively the same year, adds none.
        jabatan: set[int] = set()
        riwayat = sorted(org.riwayat(pk), key=lambda r: r.mulai)
        for i, r in enumerate(riwayat):
            selesai = r.selesai or akhir
            if r.mulai > akhir or selesai < awal or r.jabatan in jabatan:
                continue
            jabatan.add(r.jabatan)
            berikut = riwayat[i + 1] if i + 1 < len(riwayat) else None
            pindah = berikut is not None and r.selesai is not None and berikut.mulai == r.selesai + satu
            hasil.append(
                Tugas(
                    pk,
                    r.jabatan,
                    max(awal, r.mulai),
                    min(akhir, selesai),
                    mutasi_ke=berikut.jabatan if pindah and berikut.mulai <= akhir else None,
                )
            )
        for t in plt.get(pk, ()):
            if t.jabatan not in jabatan:
                jabatan.add(t.jabatan)
                hasil.append(Tugas(pk, t.jabatan, max(awal, t.mulai), min(akhir, t.selesai), plt=True))
    return hasil


def _dari(org: Organisasi, t: Tugas, semua: dict[int, list[Tugas]]) -> tuple[int | None, list[Tugas]]:
    """Whom ``t`` cascades from: the pejabat penilai of its position on its first day (as ``skp_buat`` asks
    :func:`skp.selectors.skp.cek_skp_atasan`), and their SKP that may count — those of the position through which
    they rate (any of theirs for an explicit atasan)."""
    penilai = org.penilai(t.pegawai, t.mulai, t.jabatan)
    if penilai is None:
        return None, []
    milik = semua.get(penilai.pegawai.pk, [])
    if penilai.jabatan_id is not None:
        milik = [u for u in milik if u.jabatan == penilai.jabatan_id]
    return penilai.pegawai.pk, milik


def urutan_tugas(org: Organisasi, tahun: int) -> list[Langkah]:
    """Every SKP of the year with whom it cascades from, top-down: each after all those it may cascade from."""
    daftar = daftar_tugas(org, tahun)
    semua: dict[int, list[Tugas]] = {}
    for t in daftar:
        semua.setdefault(t.pegawai, []).append(t)
    dari = {t: _dari(org, t, semua) for t in daftar}
    depth: dict[Tugas, int] = {}
    for start in daftar:
        # Depth-first up the cascade, one path at a time (``weg`` is the path). A loop of explicit overrides counts
        # as a top where it is entered: its first SKP's atasan SKP is never planned before it, so nobody in the loop
        # gets one.
        stack, weg = [(start, iter(dari[start][1]))], {start}
        while stack:
            t, atas = stack[-1]
            for u in atas:
                if u not in depth and u not in weg:
                    weg.add(u)
                    stack.append((u, iter(dari[u][1])))
                    break
            else:
                depth[t] = 1 + max((depth.get(u, -1) for u in dari[t][1]), default=-1)
                weg.discard(t)
                stack.pop()
    urut = sorted(daftar, key=lambda t: (depth[t], t.pegawai, t.mulai, t.plt))
    return [(depth[t], t, *dari[t]) for t in urut]
