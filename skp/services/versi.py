"""New versions and copies of an SKP: a perubahan SKP (a new draft version of an approved SKP) and this year's SKP
copied from last year's. Both copy the contents and re-link every intervention to the atasan's current SKP."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from pegawai.models import Pegawai
from portal.audit import as_person

from .. import rules
from ..choices import AksiSkp, SkpStatus
from ..errors import SkpError, SkpTidakBerwenang
from ..models import EkspektasiKhusus, IndikatorKinerjaIndividu, LampiranItem, RencanaHasilKerja, Skp
from ..selectors.rhk import rhk_penerus_di
from ..selectors.skp import cek_skp_atasan_dari
from .base import catat, cek_transisi, lock_skp, pastikan_pemilik, rapikan
from .skp import buat_draf


def _hubungkan_ulang(
    rhk: RencanaHasilKerja,
    lama: RencanaHasilKerja | None,
    skp_atasan: Skp | None,
    kandidat: dict[int, RencanaHasilKerja],
    *,
    ikuti_asal: bool,
    keterangan: str,
) -> None:
    """Point a copied RHK at the matching RHK of the atasan's current approved SKP: with ``ikuti_asal`` the same
    RHK carried into the atasan's newer version, else (or failing that) the one with the same text, case and
    spacing ignored. Without a match the link is dropped and the RHK is flagged for the pegawai, with the old
    intervened text kept in the note."""
    rhk.intervensi = None
    if lama is None:
        return
    if skp_atasan is not None:
        if lama.skp_id == skp_atasan.pk:
            rhk.intervensi = lama
            return
        cocok = rhk_penerus_di(lama.pk, skp_atasan) if ikuti_asal else None
        if cocok is None:
            cocok = rules.pilih_rhk_cocok(lama.teks, [(pk, r.teks) for pk, r in kandidat.items()])
        if cocok is not None:
            rhk.intervensi = kandidat[cocok]
            return
    rhk.perlu_ditinjau = True
    rhk.catatan_peninjauan = _("%(keterangan)s: \u201c%(teks)s\u201d. Pilih ulang RHK atasan yang diintervensi.") % {
        "keterangan": keterangan,
        "teks": lama.teks,
    }


def _salin_isi(
    sumber: Skp,
    tujuan: Skp,
    *,
    skp_atasan: Skp | None,
    keterangan: str,
    perubahan: bool,
) -> None:
    """Copy RHK (with IKI) and lampiran from ``sumber`` into ``tujuan`` — and for a perubahan SKP the
    ekspektasi too — re-linking every intervention to ``skp_atasan``."""
    kandidat: dict[int, RencanaHasilKerja] = {}
    if skp_atasan is not None:
        kandidat = {r.pk: r for r in RencanaHasilKerja.objects.filter(skp=skp_atasan).order_by("jenis", "urutan")}
    for lama in sumber.rhk.select_related("intervensi").prefetch_related("iki").order_by("jenis", "urutan"):
        baru = RencanaHasilKerja(
            skp=tujuan,
            jenis=lama.jenis,
            teks=lama.teks,
            acuan_jenis=lama.acuan_jenis if tujuan.is_jpt else "",
            acuan=lama.acuan if tujuan.is_jpt else "",
            perspektif=lama.perspektif if tujuan.is_jpt else "",
            urutan=lama.urutan,
            asal=lama,
        )
        _hubungkan_ulang(baru, lama.intervensi, skp_atasan, kandidat, ikuti_asal=perubahan, keterangan=keterangan)
        # The role the penilai recorded stays with the same result; a new year or a lost link asks for it again.
        if perubahan and baru.intervensi is not None:
            baru.peran_hasil = lama.peran_hasil
        baru.save()
        IndikatorKinerjaIndividu.objects.bulk_create(
            IndikatorKinerjaIndividu(
                rhk=baru,
                teks=iki.teks,
                aspek=iki.aspek,
                target_min=iki.target_min,
                target_max=iki.target_max,
                satuan=iki.satuan,
                ukuran_keberhasilan=iki.ukuran_keberhasilan,
                urutan=iki.urutan,
            )
            for iki in lama.iki.all()
        )
    LampiranItem.objects.bulk_create(
        LampiranItem(skp=tujuan, jenis=item.jenis, teks=item.teks, urutan=item.urutan) for item in sumber.lampiran.all()
    )
    if perubahan:
        EkspektasiKhusus.objects.bulk_create(
            EkspektasiKhusus(skp=tujuan, perilaku_id=e.perilaku_id, teks=e.teks) for e in sumber.ekspektasi.all()
        )


def skp_buat_perubahan(*, actor: Pegawai, skp: Skp, alasan: str) -> Skp:
    """Perubahan SKP: a new draft version (``versi`` + 1, ``versi_sebelumnya`` = ``skp``) copying RHK, IKI,
    lampiran and ekspektasi. ``skp`` stays approved and readable, and counts until the new version is approved.
    Allowed by :func:`skp.rules.cek_perubahan` (the rule the pages ask too) and to the owner only.

    ``alasan`` is required (an empty or blank one is refused, on the ``alasan`` field); it is stored trimmed on the
    new version as ``alasan_perubahan`` (printed in the document's version note) and in its history row.

    Interventions of a version of the atasan's SKP that has since been replaced are re-linked to the same RHK in
    the atasan's current version (or flagged ``perlu_ditinjau`` when it is gone)."""
    pastikan_pemilik(actor, skp)
    cek_transisi(AksiSkp.PERUBAHAN_DIBUAT, skp)
    alasan = rapikan(alasan)
    with transaction.atomic(), as_person(actor):
        lama = lock_skp(skp.pk)
        pastikan_pemilik(actor, lama)
        versi_berikut = Skp.objects.filter(versi_sebelumnya=lama).values_list("versi", flat=True).first()
        pesan = rules.cek_perubahan(lama.status, digantikan=lama.digantikan, versi_berikut=versi_berikut)
        if pesan:
            raise SkpError(pesan)
        # Asked after the state rules: a version that may not change gets that answer, not a request for a reason.
        if not alasan:
            pesan = _("Tuliskan alasan perubahan SKP; alasan ini dicetak pada dokumen SKP versi baru.")
            raise SkpError(pesan, errors={"alasan": pesan})
        baru = Skp.objects.create(
            pegawai=lama.pegawai,
            tahun=lama.tahun,
            jabatan=lama.jabatan,
            tanggal_mulai=lama.tanggal_mulai,
            tanggal_selesai=lama.tanggal_selesai,
            format=lama.format,
            pendekatan=lama.pendekatan,
            versi=lama.versi + 1,
            versi_sebelumnya=lama,
            alasan_perubahan=alasan,
        )
        info = cek_skp_atasan_dari(lama)
        _salin_isi(
            lama,
            baru,
            skp_atasan=info.skp,
            keterangan=_("RHK atasan yang diintervensi pada versi %(versi)s") % {"versi": lama.versi},
            perubahan=True,
        )
        catatan = _("Perubahan dari versi %(versi)s.") % {"versi": lama.versi}
        catat(baru, AksiSkp.PERUBAHAN_DIBUAT, "", baru.status, actor, f"{catatan} {alasan}")
    return baru


def skp_salin_tahun_lalu(
    *,
    actor: Pegawai,
    tahun: int,
    sumber: Skp | None = None,
    tanggal_mulai: datetime.date | None = None,
    tanggal_selesai: datetime.date | None = None,
) -> Skp:
    """Start ``actor``'s SKP for ``tahun`` as a draft copy of their SKP of ``tahun`` - 1 (RHK, IKI, lampiran).

    ``sumber`` defaults to last year's current version, preferring an approved one in the same position; a given
    ``sumber`` is read again from the database for its owner and year. Every Utama RHK is re-linked to the
    RHK of this year's atasan SKP with the same text (case and spacing ignored); one without a match is flagged
    ``perlu_ditinjau`` with last year's intervened text in ``catatan_peninjauan``. Same start rules as
    :func:`skp.services.skp.skp_buat`."""
    if sumber is None:
        kandidat = list(Skp.objects.berlaku().filter(pegawai=actor, tahun=tahun - 1))
        if not kandidat:
            raise SkpError(_("Tidak ada SKP tahun %(tahun)s yang dapat disalin.") % {"tahun": tahun - 1})
        sumber = min(
            kandidat,
            key=lambda s: (
                s.status != SkpStatus.DISETUJUI,
                s.jabatan_id != actor.jabatan_id,
                -s.tanggal_mulai.toordinal(),
                -s.versi,
            ),
        )
    else:
        sumber = Skp.objects.get(pk=sumber.pk)
        if sumber.pegawai_id != actor.pk:
            raise SkpTidakBerwenang(_("Hanya SKP milik sendiri yang dapat disalin."))
        if sumber.tahun != tahun - 1:
            raise SkpError(_("SKP yang disalin harus SKP tahun %(tahun)s.") % {"tahun": tahun - 1})
    with transaction.atomic(), as_person(actor):
        skp, info = buat_draf(
            actor=actor,
            tahun=tahun,
            tanggal_mulai=tanggal_mulai,
            tanggal_selesai=tanggal_selesai,
            pendekatan=sumber.pendekatan,
            aksi=AksiSkp.DISALIN,
            catatan=_("Disalin dari SKP tahun %(tahun)s versi %(versi)s.")
            % {"tahun": sumber.tahun, "versi": sumber.versi},
        )
        if info is None:
            info = cek_skp_atasan_dari(skp)
        _salin_isi(
            sumber,
            skp,
            skp_atasan=info.skp,
            keterangan=_("RHK atasan yang diintervensi pada tahun %(tahun)s") % {"tahun": sumber.tahun},
            perubahan=False,
        )
    return skp
