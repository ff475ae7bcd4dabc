"""The contents of two versions of an SKP as plain snapshots, for :func:`skp.perbandingan.bandingkan`."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from ..choices import JenisLampiran, JenisRhk
from ..models import EkspektasiKhusus, IndikatorKinerjaIndividu, LampiranItem, RencanaHasilKerja, Skp
from ..perbandingan import IkiIsi, IsiSkp, Perbandingan, RhkIsi, bandingkan


@dataclass(frozen=True)
class PerubahanVersi:
    sebelumnya: Skp
    perbandingan: Perbandingan


def _isi(skp_id: int, rhk: list[RencanaHasilKerja], lampiran: list[LampiranItem], ekspektasi) -> IsiSkp:
    nomor = {JenisRhk.UTAMA: 0, JenisRhk.TAMBAHAN: 0}
    baris = []
    for r in sorted((r for r in rhk if r.skp_id == skp_id), key=lambda r: (r.jenis != JenisRhk.UTAMA, r.urutan)):
        nomor[r.jenis] += 1
        baris.append(
            RhkIsi(
                id=r.pk,
                teks=r.teks,
                kode=f"{'A' if r.jenis == JenisRhk.UTAMA else 'B'}{nomor[r.jenis]}",
                jenis=str(r.get_jenis_display()),
                asal_id=r.asal_id,
                intervensi=r.intervensi.teks if r.intervensi_id else "",
                acuan=r.acuan,
                perspektif=str(r.get_perspektif_display()) if r.perspektif else "",
                iki=tuple(
                    IkiIsi(
                        teks=i.teks,
                        aspek=str(i.get_aspek_display()) if i.aspek else "",
                        target=i.target_tercetak,
                        ukuran=i.ukuran_keberhasilan,
                    )
                    for i in r.iki.all()
                ),
            )
        )
    return IsiSkp(
        rhk=tuple(baris),
        lampiran=tuple(
            (str(label), tuple(i.teks for i in lampiran if i.skp_id == skp_id and i.jenis == jenis))
            for jenis, label in JenisLampiran.choices
        ),
        ekspektasi=tuple((e.perilaku.nama, e.teks) for e in ekspektasi if e.skp_id == skp_id),
    )


def perbandingan_versi(skp: Skp) -> PerubahanVersi | None:
    """What ``skp`` (a perubahan SKP) changes from the version it replaces; ``None`` for a first version.
    Five queries whatever the size of the two versions. The caller has already checked ``skp`` is visible: the
    version it replaces belongs to the same pegawai, year and position, and is read with it."""
    if skp.versi_sebelumnya_id is None:
        return None
    sebelumnya = Skp.objects.get(pk=skp.versi_sebelumnya_id)
    pks = [sebelumnya.pk, skp.pk]
    rhk = list(
        RencanaHasilKerja.objects.filter(skp_id__in=pks)
        .select_related("intervensi")
        .prefetch_related(Prefetch("iki", queryset=IndikatorKinerjaIndividu.objects.order_by("urutan")))
    )
    lampiran = list(LampiranItem.objects.filter(skp_id__in=pks).order_by("jenis", "urutan"))
    ekspektasi = list(
        EkspektasiKhusus.objects.filter(skp_id__in=pks).select_related("perilaku").order_by("perilaku__urutan")
    )
    return PerubahanVersi(
        sebelumnya=sebelumnya,
        perbandingan=bandingkan(
            _isi(sebelumnya.pk, rhk, lampiran, ekspektasi), _isi(skp.pk, rhk, lampiran, ekspektasi)
        ),
    )
