"""What keeps an SKP from being submitted or approved: the cascading check of every intervened RHK (PermenPANRB
6/2022 Pasal 8) and the checklist of the whole SKP. Reads only; the services raise what these find."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import rules
from ..choices import JenisRhk
from ..errors import SkpError
from ..models import RencanaHasilKerja, Skp
from ..selectors.skp import SkpAtasan, cek_skp_atasan


def _rantai_intervensi(target_id: int) -> dict[int, int | None]:
    """The intervensi links above ``target_id`` (one query per level; levels are the depth of the org tree)."""
    induk: dict[int, int | None] = {}
    node: int | None = target_id
    while node is not None and node not in induk:
        parent = RencanaHasilKerja.objects.filter(pk=node).values_list("intervensi_id", flat=True).first()
        induk[node] = parent
        node = parent
    return induk


def cek_intervensi(skp: Skp, rhk_id: int | None, target: RencanaHasilKerja, info: SkpAtasan | None = None) -> None:
    """Cascading (PermenPANRB 6/2022): the intervened RHK belongs to the atasan's approved, current SKP of the
    same year — the atasan on the SKP's start date, a Plt/Plh included — and no RHK intervenes itself or a chain
    that leads back to it."""
    info = info or cek_skp_atasan(skp.pegawai, skp.tahun, skp.tanggal_mulai)
    target = RencanaHasilKerja.objects.select_related("skp").get(pk=target.pk)
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
    if pesan is None and rules.membentuk_lingkaran(rhk_id, target.pk, _rantai_intervensi(target.pk)):
        pesan = _(
            "RHK yang dipilih mengintervensi RHK ini (langsung atau melalui RHK lain), sehingga membentuk lingkaran."
        )
    if pesan:
        raise SkpError(pesan, errors={"intervensi": pesan})


def masalah_pengajuan(skp: Skp) -> list[str]:
    """Everything that keeps ``skp`` from being submitted or approved."""
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
    pesan = rules.validasi_pengajuan(skp.format, skp.pendekatan, ringkas)
    dengan_intervensi = [r for r in daftar_rhk if r.intervensi_id is not None]
    if dengan_intervensi:
        info = cek_skp_atasan(skp.pegawai, skp.tahun, skp.tanggal_mulai)
        for r in dengan_intervensi:
            try:
                cek_intervensi(skp, r.pk, r.intervensi, info)
            except SkpError as exc:
                jenis = _("utama") if r.jenis == JenisRhk.UTAMA else _("tambahan")
                pesan.append(
                    _("RHK %(jenis)s nomor %(urutan)s: %(pesan)s")
                    % {"jenis": jenis, "urutan": r.urutan, "pesan": exc.message}
                )
    return pesan


def skp_kelengkapan(skp: Skp) -> list[str]:
    """What still keeps ``skp`` from being submitted, one Indonesian message per problem (empty: ready). Writes
    nothing; the editor shows it so the pegawai sees the gaps before pressing "Ajukan"."""
    return masalah_pengajuan(skp)


def tolak_bila_belum_lengkap(skp: Skp, judul: str) -> None:
    pesan = masalah_pengajuan(skp)
    if pesan:
        raise SkpError(f"{judul} {' '.join(pesan)}", daftar=pesan)
