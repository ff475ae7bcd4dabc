"""What a perubahan SKP changes from the version it replaces, field by field: a pure function over two plain
snapshots (no database), so the penilai reviewing a new version sees "Target: 520 laporan → 600 laporan" instead of
reading both documents side by side. :func:`skp.selectors.perubahan.perbandingan_versi` builds the snapshots.

RHK of the two versions are paired by ``asal`` (a perubahan copies every RHK and records the original it came
from), then the rest by identical text (an RHK deleted and typed again is the same result); IKI within a pair by
identical text, then the rest in order. Lampiran lines and ekspektasi are compared as text per list / per value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

DITAMBAH = "ditambah"
DIHAPUS = "dihapus"
DIUBAH = "diubah"


# --- what is compared ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IkiIsi:
    teks: str
    aspek: str = ""
    target: str = ""
    ukuran: str = ""


@dataclass(frozen=True)
class RhkIsi:
    id: int
    teks: str
    #: The RHK's number as printed ("A1", "B2") and its jenis in words ("Utama").
    kode: str = ""
    jenis: str = ""
    asal_id: int | None = None
    intervensi: str = ""
    acuan: str = ""
    perspektif: str = ""
    iki: tuple[IkiIsi, ...] = ()


@dataclass(frozen=True)
class IsiSkp:
    rhk: tuple[RhkIsi, ...] = ()
    #: ``(label of the list, its lines in order)`` for each Lampiran list.
    lampiran: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: ``(BerAKHLAK value, ekspektasi khusus pimpinan)``; an empty text is "none".
    ekspektasi: tuple[tuple[str, str], ...] = ()


# --- what changed ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Beda:
    label: str
    lama: str
    baru: str


@dataclass(frozen=True)
class BedaIki:
    jenis: str
    teks: str
    kolom: tuple[Beda, ...] = ()


@dataclass(frozen=True)
class BedaRhk:
    jenis: str
    #: The number in the new version (the old one for a removed RHK), and the text (new, or old when removed).
    kode: str
    teks: str
    kolom: tuple[Beda, ...] = ()
    iki: tuple[BedaIki, ...] = ()


@dataclass(frozen=True)
class BedaLampiran:
    label: str
    ditambah: tuple[str, ...] = ()
    dihapus: tuple[str, ...] = ()


@dataclass(frozen=True)
class Perbandingan:
    rhk: tuple[BedaRhk, ...] = ()
    lampiran: tuple[BedaLampiran, ...] = ()
    perilaku: tuple[Beda, ...] = ()
    jumlah: int = field(init=False)

    def __post_init__(self):
        n = sum(1 + len(r.iki) for r in self.rhk) + sum(len(b.ditambah) + len(b.dihapus) for b in self.lampiran)
        object.__setattr__(self, "jumlah", n + len(self.perilaku))

    @property
    def kosong(self) -> bool:
        return self.jumlah == 0


# --- the comparison --------------------------------------------------------------------------------------------


def _sama(a: str, b: str) -> bool:
    # Spacing and line breaks typed differently are not a change a reviewer needs to see.
    return " ".join(a.split()) == " ".join(b.split())


def _kolom(pasangan: list[tuple[str, str, str]]) -> tuple[Beda, ...]:
    return tuple(Beda(str(label), lama, baru) for label, lama, baru in pasangan if not _sama(lama, baru))


def _beda_iki(lama: tuple[IkiIsi, ...], baru: tuple[IkiIsi, ...]) -> tuple[BedaIki, ...]:
    sisa_lama = list(lama)
    pasangan: list[tuple[IkiIsi | None, IkiIsi | None]] = []
    tanpa_pasangan: list[IkiIsi] = []
    for iki in baru:
        cocok = next((x for x in sisa_lama if _sama(x.teks, iki.teks)), None)
        if cocok is None:
            tanpa_pasangan.append(iki)
        else:
            sisa_lama.remove(cocok)
            pasangan.append((cocok, iki))
    # What is left on both sides is paired in order: an indicator reworded (and perhaps retargeted) in place.
    for iki in tanpa_pasangan:
        pasangan.append((sisa_lama.pop(0) if sisa_lama else None, iki))
    pasangan.extend((x, None) for x in sisa_lama)

    hasil = []
    urutan = {id(iki): i for i, iki in enumerate(baru)}
    for a, b in sorted(pasangan, key=lambda p: urutan.get(id(p[1]), len(baru))):
        if a is None:
            hasil.append(BedaIki(DITAMBAH, b.teks))
        elif b is None:
            hasil.append(BedaIki(DIHAPUS, a.teks))
        else:
            kolom = _kolom(
                [
                    (_("Indikator"), a.teks, b.teks),
                    (_("Aspek"), a.aspek, b.aspek),
                    (_("Target"), a.target, b.target),
                    (_("Ukuran keberhasilan"), a.ukuran, b.ukuran),
                ]
            )
            if kolom:
                hasil.append(BedaIki(DIUBAH, b.teks, kolom))
    return tuple(hasil)


def _beda_rhk(lama: tuple[RhkIsi, ...], baru: tuple[RhkIsi, ...]) -> tuple[BedaRhk, ...]:
    oleh_id = {r.id: r for r in lama}
    dipakai: set[int] = set()
    pasangan: dict[int, RhkIsi] = {}
    for r in baru:
        if r.asal_id in oleh_id and r.asal_id not in dipakai:
            pasangan[r.id] = oleh_id[r.asal_id]
            dipakai.add(r.asal_id)
    for r in baru:
        if r.id not in pasangan:
            cocok = next((x for x in lama if x.id not in dipakai and _sama(x.teks, r.teks)), None)
            if cocok is not None:
                pasangan[r.id] = cocok
                dipakai.add(cocok.id)

    hasil = []
    for r in baru:
        a = pasangan.get(r.id)
        if a is None:
            hasil.append(BedaRhk(DITAMBAH, r.kode, r.teks, iki=tuple(BedaIki(DITAMBAH, i.teks) for i in r.iki)))
            continue
        kolom = _kolom(
            [
                (_("Rencana hasil kerja"), a.teks, r.teks),
                (_("Jenis"), a.jenis, r.jenis),
                (_("RHK atasan yang diintervensi"), a.intervensi, r.intervensi),
                (_("Acuan"), a.acuan, r.acuan),
                (_("Perspektif"), a.perspektif, r.perspektif),
            ]
        )
        iki = _beda_iki(a.iki, r.iki)
        if kolom or iki:
            hasil.append(BedaRhk(DIUBAH, r.kode, r.teks, kolom, iki))
    hasil.extend(BedaRhk(DIHAPUS, r.kode, r.teks) for r in lama if r.id not in dipakai)
    return tuple(hasil)


def _beda_daftar(lama: tuple[str, ...], baru: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Lines added and removed, as multisets of text (a line reworded is one removed and one added)."""
    sisa = list(lama)
    ditambah = []
    for teks in baru:
        cocok = next((x for x in sisa if _sama(x, teks)), None)
        if cocok is None:
            ditambah.append(teks)
        else:
            sisa.remove(cocok)
    return tuple(ditambah), tuple(sisa)


def bandingkan(lama: IsiSkp, baru: IsiSkp) -> Perbandingan:
    """What changed from ``lama`` (the version replaced) to ``baru`` (the perubahan); unchanged parts are left out.
    RHK come in the new version's order, removed ones last."""
    lampiran_lama = dict(lama.lampiran)
    lampiran = []
    for label, baris in baru.lampiran:
        ditambah, dihapus = _beda_daftar(lampiran_lama.pop(label, ()), baris)
        if ditambah or dihapus:
            lampiran.append(BedaLampiran(label, ditambah, dihapus))
    lampiran.extend(BedaLampiran(label, (), baris) for label, baris in lampiran_lama.items() if baris)

    ekspektasi_lama = dict(lama.ekspektasi)
    nilai = [n for n, _t in baru.ekspektasi] + [n for n, _t in lama.ekspektasi if n not in dict(baru.ekspektasi)]
    ekspektasi_baru = dict(baru.ekspektasi)
    perilaku = tuple(
        Beda(n, ekspektasi_lama.get(n, ""), ekspektasi_baru.get(n, ""))
        for n in nilai
        if not _sama(ekspektasi_lama.get(n, ""), ekspektasi_baru.get(n, ""))
    )
    return Perbandingan(rhk=_beda_rhk(lama.rhk, baru.rhk), lampiran=tuple(lampiran), perilaku=perilaku)
