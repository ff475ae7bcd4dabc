"""What keeps an SKP from being submitted or approved: the cascading check of every intervened RHK (PermenPANRB
6/2022 Pasal 8), the atasan's SKP a JA/JF waits for, and the checklist of the whole SKP. Reads only; the services
raise what these find."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from .. import rules
from ..choices import FormatSkp, JenisRhk
from ..errors import SkpError
from ..models import RencanaHasilKerja, Skp
from ..selectors.skp import SkpAtasan, cek_skp_atasan_dari


def _rantai_intervensi(target_ids: Iterable[int]) -> dict[int, int | None]:
    """The intervensi links above every RHK of ``target_ids``: one query per level (levels are the depth of the org
    tree), whatever the number of RHK."""
    induk: dict[int, int | None] = {}
    cari = set(target_ids)
    while cari:
        baris = dict(RencanaHasilKerja.objects.filter(pk__in=cari).values_list("pk", "intervensi_id"))
        induk.update(baris)
        cari = {parent for parent in baris.values() if parent is not None and parent not in induk}
    return induk


def _pesan_intervensi(
    skp: Skp, rhk_id: int | None, target: RencanaHasilKerja, info: SkpAtasan, induk: dict[int, int | None]
) -> str | None:
    """Why ``rhk_id`` may not intervene ``target`` (read with its SKP), or ``None``; ``induk`` holds the chain
    above ``target`` (:func:`_rantai_intervensi`)."""
    pesan = rules.validasi_intervensi(
        rhk_id=rhk_id,
        target=rules.RujukanRhk(
            rhk_id=target.pk,
            skp_id=target.skp_id,
            pemilik_id=target.skp.pegawai_id,
            tahun=target.skp.tahun,
            status=target.skp.status,
            digantikan=target.skp.digantikan,
        ),
        atasan_id=info.atasan.pk if info.atasan else None,
        tahun=skp.tahun,
        skp_atasan_id=info.skp.pk if info.skp else None,
    )
    if pesan is None and rules.membentuk_lingkaran(rhk_id, target.pk, induk):
        pesan = _(
            "RHK yang dipilih mengintervensi RHK ini (langsung atau melalui RHK lain), sehingga membentuk lingkaran."
        )
    return pesan


def cek_intervensi(skp: Skp, rhk_id: int | None, target: RencanaHasilKerja, info: SkpAtasan | None = None) -> None:
    """Cascading (PermenPANRB 6/2022): the intervened RHK belongs to the atasan's approved, current SKP of the
    same year — the atasan on the SKP's start date, a Plt/Plh included — and no RHK intervenes itself or a chain
    that leads back to it. ``target`` is read again from the database; ``info`` is the SKP's
    :func:`~skp.selectors.skp.cek_skp_atasan_dari` when the caller already has it."""
    info = info or cek_skp_atasan_dari(skp)
    target = RencanaHasilKerja.objects.select_related("skp").get(pk=target.pk)
    pesan = _pesan_intervensi(skp, rhk_id, target, info, _rantai_intervensi([target.pk]))
    if pesan:
        raise SkpError(pesan, errors={"intervensi": pesan})


def masalah_pengajuan(skp: Skp, info: SkpAtasan | None = None) -> list[str]:
    """Everything that keeps ``skp`` from being submitted or approved, one Indonesian message per problem (empty:
    ready): for a JA/JF first the atasan's SKP while it is not approved (the draft may have been started before,
    :func:`skp.rules.validasi_pengajuan`). Writes nothing; the editor shows it so the pegawai sees the gaps before
    pressing "Ajukan". ``info``: the SKP's :func:`~skp.selectors.skp.cek_skp_atasan_dari` when already read."""
    daftar_rhk = list(skp.rhk.select_related("intervensi__skp").prefetch_related("iki").order_by("jenis", "urutan"))
    ringkas = [
        rules.RhkRingkas(
            jenis=r.jenis,
            urutan=r.urutan,
            teks=r.teks,
            ada_intervensi=r.intervensi_id is not None,
            perspektif=r.perspektif,
            ada_acuan=bool(r.acuan.strip()),
            iki=[
                rules.IkiRingkas(
                    teks=i.teks,
                    aspek=i.aspek,
                    target_min=i.target_min,
                    target_max=i.target_max,
                    satuan=i.satuan,
                    ukuran_keberhasilan=i.ukuran_keberhasilan,
                )
                for i in r.iki.all()
            ],
        )
        for r in daftar_rhk
    ]
    dengan_intervensi = [r for r in daftar_rhk if r.intervensi_id is not None]
    if info is None and (skp.format == FormatSkp.JA_JF or dengan_intervensi):
        info = cek_skp_atasan_dari(skp)
    pesan = rules.validasi_pengajuan(
        skp.format,
        skp.pendekatan,
        ringkas,
        skp_atasan_disetujui=info is None or info.siap,
        pesan_atasan=info.pesan if info is not None else "",
    )
    if dengan_intervensi:
        # Every intervened RHK was just read with its SKP: one chain lookup for all of them keeps the editor's
        # query count flat however many RHK it shows.
        induk = _rantai_intervensi({r.intervensi_id for r in dengan_intervensi})
        for r in dengan_intervensi:
            masalah = _pesan_intervensi(skp, r.pk, r.intervensi, info, induk)
            if masalah:
                jenis = _("utama") if r.jenis == JenisRhk.UTAMA else _("tambahan")
                pesan.append(
                    _("RHK %(jenis)s nomor %(urutan)s: %(pesan)s")
                    % {"jenis": jenis, "urutan": r.urutan, "pesan": masalah}
                )
    return pesan


def tolak_bila_belum_lengkap(skp: Skp, judul: str) -> None:
    pesan = masalah_pengajuan(skp)
    if pesan:
        raise SkpError(f"{judul} {' '.join(pesan)}", daftar=pesan)
