"""The contents of an SKP while the pegawai drafts it: RHK, their IKI, the Lampiran SKP lists, and the pejabat
penilai's Ekspektasi Khusus Pimpinan.

Every change locks the SKP the item belongs to — which SKP that is, and whether ``actor`` owns it, is read from the
database under the lock — so two tabs editing one SKP are serialised and a submitted SKP is never changed. The
first edit of a returned SKP moves it back to draft."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from pegawai.models import Pegawai
from portal.audit import as_person
from portal.locking import refresh_from_locked
from portal.unchanged import UNCHANGED

from .. import rules
from ..choices import AcuanRhkJpt, JenisLampiran
from ..errors import SkpError
from ..models import EkspektasiKhusus, IndikatorKinerjaIndividu, LampiranItem, PerilakuKerja, RencanaHasilKerja, Skp
from ..selectors.skp import cek_skp_atasan_dari
from .base import (
    cek_pemilik_dan_status,
    galat,
    lock_skp,
    mulai_edit,
    pastikan_penilai,
    rapikan,
    skp_dari,
)
from .kelengkapan import cek_intervensi


def _desimal(value, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise SkpError(_("Target harus berupa angka."), errors={field: _("Target harus berupa angka.")}) from None


def _urutan_berikut(qs) -> int:
    return (qs.aggregate(m=Max("urutan"))["m"] or 0) + 1


def _susun_ulang(items: list, ke_indeks: int | None = None, item=None) -> None:
    """Renumber ``items`` 1..n (after moving ``item`` to ``ke_indeks``). The unique (parent, urutan) constraints
    are deferred to commit, so the intermediate duplicates are allowed."""
    if item is not None and ke_indeks is not None:
        items = [i for i in items if i.pk != item.pk]
        items.insert(max(0, min(ke_indeks, len(items))), item)
    changed = []
    for nomor, obj in enumerate(items, start=1):
        if obj.urutan != nomor:
            obj.urutan = nomor
            changed.append(obj)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["urutan"])


def _validasi_rhk(skp: Skp, rhk: RencanaHasilKerja) -> None:
    # The atasan's SKP decides whether an RHK utama of a JA/JF may wait for its intervened RHK (not approved yet:
    # drafting goes on, skp.rules.validasi_rhk) and which RHK may be intervened: read once for both.
    info = None
    if rhk.intervensi_id is not None or rules.intervensi_wajib(skp.format, rhk.jenis):
        info = cek_skp_atasan_dari(skp)
    errors = rules.validasi_rhk(
        format=skp.format,
        jenis=rhk.jenis,
        teks=rhk.teks,
        ada_intervensi=rhk.intervensi_id is not None,
        perspektif=rhk.perspektif,
        ada_acuan=bool(rhk.acuan.strip()),
        skp_atasan_disetujui=info is None or info.siap,
    )
    if rhk.acuan_jenis and rhk.acuan_jenis not in AcuanRhkJpt.values:
        errors["acuan_jenis"] = _("Jenis acuan tidak dikenal.")
    if errors:
        raise galat(errors)
    if rhk.intervensi_id is not None:
        cek_intervensi(skp, rhk.pk, rhk.intervensi, info)


def rhk_tambah(
    *,
    actor: Pegawai,
    skp: Skp,
    jenis: str,
    teks: str,
    intervensi: RencanaHasilKerja | None = None,
    perspektif: str = "",
    acuan_jenis: str = "",
    acuan: str = "",
) -> RencanaHasilKerja:
    """Add an RHK at the end of its section (A. Utama / B. Tambahan) of a draft or returned SKP."""
    cek_pemilik_dan_status(actor, skp)
    asli = skp
    with transaction.atomic(), as_person(actor):
        skp = mulai_edit(actor, skp.pk)
        rhk = RencanaHasilKerja(
            skp=skp,
            jenis=jenis,
            teks=rapikan(teks),
            intervensi=intervensi,
            perspektif=perspektif or "",
            acuan_jenis=acuan_jenis or "",
            acuan=rapikan(acuan),
        )
        _validasi_rhk(skp, rhk)
        rhk.urutan = _urutan_berikut(skp.rhk.filter(jenis=jenis))
        rhk.save()
    refresh_from_locked(asli, skp)
    return rhk


def _lock_rhk(actor: Pegawai, rhk: RencanaHasilKerja) -> tuple[Skp, RencanaHasilKerja]:
    skp = mulai_edit(actor, skp_dari(RencanaHasilKerja, rhk.pk))
    return skp, RencanaHasilKerja.objects.select_related("intervensi").get(pk=rhk.pk, skp=skp)


def rhk_ubah(
    *,
    actor: Pegawai,
    rhk: RencanaHasilKerja,
    jenis=UNCHANGED,
    teks=UNCHANGED,
    intervensi=UNCHANGED,
    perspektif=UNCHANGED,
    acuan_jenis=UNCHANGED,
    acuan=UNCHANGED,
) -> RencanaHasilKerja:
    """Change the given fields of an RHK. Choosing the intervened RHK again clears ``perlu_ditinjau``; moving it
    to the other section puts it last there."""
    cek_pemilik_dan_status(actor, rhk.skp)
    asli = rhk
    with transaction.atomic(), as_person(actor):
        skp, rhk = _lock_rhk(actor, rhk)
        jenis_lama = rhk.jenis
        if jenis is not UNCHANGED:
            rhk.jenis = jenis
        if teks is not UNCHANGED:
            rhk.teks = rapikan(teks)
        if intervensi is not UNCHANGED:
            if rhk.intervensi_id != getattr(intervensi, "pk", None):
                rhk.peran_hasil = ""  # the penilai's role was recorded for the old link (skp.services.peran_hasil)
            rhk.intervensi = intervensi
            rhk.perlu_ditinjau = False
            rhk.catatan_peninjauan = ""
        if perspektif is not UNCHANGED:
            rhk.perspektif = perspektif or ""
        if acuan_jenis is not UNCHANGED:
            rhk.acuan_jenis = acuan_jenis or ""
        if acuan is not UNCHANGED:
            rhk.acuan = rapikan(acuan)
        _validasi_rhk(skp, rhk)
        if rhk.jenis != jenis_lama:
            rhk.urutan = _urutan_berikut(skp.rhk.filter(jenis=rhk.jenis))
        rhk.save()
        if rhk.jenis != jenis_lama:
            _susun_ulang(list(skp.rhk.filter(jenis=jenis_lama).order_by("urutan")))
    return refresh_from_locked(asli, rhk)


def rhk_hapus(*, actor: Pegawai, rhk: RencanaHasilKerja) -> None:
    """Delete an RHK with its IKI and renumber its section."""
    cek_pemilik_dan_status(actor, rhk.skp)
    with transaction.atomic(), as_person(actor):
        skp, rhk = _lock_rhk(actor, rhk)
        jenis = rhk.jenis
        try:
            rhk.delete()
        except ProtectedError:
            raise SkpError(_("RHK ini sudah diintervensi oleh RHK bawahan sehingga tidak dapat dihapus.")) from None
        _susun_ulang(list(skp.rhk.filter(jenis=jenis).order_by("urutan")))


def _pindah(actor: Pegawai, item, skp: Skp, urutan: int, lock, saudara):
    """The one flow of moving an RHK, IKI or lampiran line to position ``urutan`` (1-based, clamped) among its
    siblings: the owner and the SKP's state are checked, the SKP is locked through the item the database holds
    (``lock(actor, item)`` → (skp, item)), the list renumbered. ``saudara(skp, item)`` is the sibling queryset."""
    cek_pemilik_dan_status(actor, skp)
    asli = item
    with transaction.atomic(), as_person(actor):
        skp, item = lock(actor, item)
        _susun_ulang(list(saudara(skp, item).order_by("urutan")), urutan - 1, item)
        item.refresh_from_db(fields=["urutan"])
    return refresh_from_locked(asli, item)


def rhk_pindah(*, actor: Pegawai, rhk: RencanaHasilKerja, urutan: int) -> RencanaHasilKerja:
    """Move an RHK to position ``urutan`` (1-based, clamped) within its section."""
    return _pindah(actor, rhk, rhk.skp, urutan, _lock_rhk, lambda skp, r: skp.rhk.filter(jenis=r.jenis))


def _validasi_iki(skp: Skp, iki: IndikatorKinerjaIndividu) -> None:
    errors = rules.validasi_iki(
        format=skp.format,
        pendekatan=skp.pendekatan,
        teks=iki.teks,
        aspek=iki.aspek,
        target_min=iki.target_min,
        target_max=iki.target_max,
        satuan=iki.satuan,
        ukuran_keberhasilan=iki.ukuran_keberhasilan,
    )
    if errors:
        raise galat(errors)


def iki_tambah(
    *,
    actor: Pegawai,
    rhk: RencanaHasilKerja,
    teks: str,
    aspek: str = "",
    target_min=None,
    target_max=None,
    satuan: str = "",
    ukuran_keberhasilan: str = "",
) -> IndikatorKinerjaIndividu:
    """Add an IKI to an RHK. Kuantitatif: target (``target_min``, optionally up to ``target_max``) and satuan,
    and for JA/JF an aspek. Kualitatif: ukuran keberhasilan."""
    cek_pemilik_dan_status(actor, rhk.skp)
    with transaction.atomic(), as_person(actor):
        skp, rhk = _lock_rhk(actor, rhk)
        iki = IndikatorKinerjaIndividu(
            rhk=rhk,
            teks=rapikan(teks),
            aspek=aspek or "",
            target_min=_desimal(target_min, "target_min"),
            target_max=_desimal(target_max, "target_max"),
            satuan=rapikan(satuan),
            ukuran_keberhasilan=rapikan(ukuran_keberhasilan),
        )
        _validasi_iki(skp, iki)
        iki.urutan = _urutan_berikut(rhk.iki.all())
        iki.save()
    return iki


def _lock_iki(actor: Pegawai, iki: IndikatorKinerjaIndividu) -> tuple[Skp, IndikatorKinerjaIndividu]:
    skp = mulai_edit(actor, skp_dari(IndikatorKinerjaIndividu, iki.pk, "rhk__skp_id"))
    return skp, IndikatorKinerjaIndividu.objects.get(pk=iki.pk, rhk__skp=skp)


def iki_ubah(
    *,
    actor: Pegawai,
    iki: IndikatorKinerjaIndividu,
    teks=UNCHANGED,
    aspek=UNCHANGED,
    target_min=UNCHANGED,
    target_max=UNCHANGED,
    satuan=UNCHANGED,
    ukuran_keberhasilan=UNCHANGED,
) -> IndikatorKinerjaIndividu:
    """Change the given fields of an IKI (same rules as :func:`iki_tambah`)."""
    cek_pemilik_dan_status(actor, iki.rhk.skp)
    asli = iki
    with transaction.atomic(), as_person(actor):
        skp, iki = _lock_iki(actor, iki)
        if teks is not UNCHANGED:
            iki.teks = rapikan(teks)
        if aspek is not UNCHANGED:
            iki.aspek = aspek or ""
        if target_min is not UNCHANGED:
            iki.target_min = _desimal(target_min, "target_min")
        if target_max is not UNCHANGED:
            iki.target_max = _desimal(target_max, "target_max")
        if satuan is not UNCHANGED:
            iki.satuan = rapikan(satuan)
        if ukuran_keberhasilan is not UNCHANGED:
            iki.ukuran_keberhasilan = rapikan(ukuran_keberhasilan)
        _validasi_iki(skp, iki)
        iki.save()
    return refresh_from_locked(asli, iki)


def iki_hapus(*, actor: Pegawai, iki: IndikatorKinerjaIndividu) -> None:
    cek_pemilik_dan_status(actor, iki.rhk.skp)
    with transaction.atomic(), as_person(actor):
        _skp, iki = _lock_iki(actor, iki)
        rhk_id = iki.rhk_id
        iki.delete()
        _susun_ulang(list(IndikatorKinerjaIndividu.objects.filter(rhk_id=rhk_id).order_by("urutan")))


def iki_pindah(*, actor: Pegawai, iki: IndikatorKinerjaIndividu, urutan: int) -> IndikatorKinerjaIndividu:
    """Move an IKI to position ``urutan`` (1-based, clamped) within its RHK."""
    return _pindah(
        actor,
        iki,
        iki.rhk.skp,
        urutan,
        _lock_iki,
        lambda _skp, i: IndikatorKinerjaIndividu.objects.filter(rhk_id=i.rhk_id),
    )


def _teks_lampiran(teks: str) -> str:
    teks = rapikan(teks)
    if not teks:
        raise galat({"teks": _("Isi lampiran wajib diisi.")})
    return teks


def lampiran_tambah(*, actor: Pegawai, skp: Skp, jenis: str, teks: str) -> LampiranItem:
    """Add a line to one of the three Lampiran SKP lists."""
    cek_pemilik_dan_status(actor, skp)
    if jenis not in JenisLampiran.values:
        raise galat({"jenis": _("Jenis lampiran tidak dikenal.")})
    teks = _teks_lampiran(teks)
    asli = skp
    with transaction.atomic(), as_person(actor):
        skp = mulai_edit(actor, skp.pk)
        item = LampiranItem.objects.create(
            skp=skp, jenis=jenis, teks=teks, urutan=_urutan_berikut(skp.lampiran.filter(jenis=jenis))
        )
    refresh_from_locked(asli, skp)
    return item


def _lock_lampiran(actor: Pegawai, item: LampiranItem) -> tuple[Skp, LampiranItem]:
    skp = mulai_edit(actor, skp_dari(LampiranItem, item.pk))
    return skp, LampiranItem.objects.get(pk=item.pk, skp=skp)


def lampiran_ubah(*, actor: Pegawai, item: LampiranItem, teks: str) -> LampiranItem:
    cek_pemilik_dan_status(actor, item.skp)
    teks = _teks_lampiran(teks)
    asli = item
    with transaction.atomic(), as_person(actor):
        _skp, item = _lock_lampiran(actor, item)
        item.teks = teks
        item.save(update_fields=["teks"])
    return refresh_from_locked(asli, item)


def lampiran_hapus(*, actor: Pegawai, item: LampiranItem) -> None:
    cek_pemilik_dan_status(actor, item.skp)
    with transaction.atomic(), as_person(actor):
        skp, item = _lock_lampiran(actor, item)
        jenis = item.jenis
        item.delete()
        _susun_ulang(list(skp.lampiran.filter(jenis=jenis).order_by("urutan")))


def lampiran_pindah(*, actor: Pegawai, item: LampiranItem, urutan: int) -> LampiranItem:
    """Move a lampiran line to position ``urutan`` (1-based, clamped) within its list."""
    return _pindah(actor, item, item.skp, urutan, _lock_lampiran, lambda skp, i: skp.lampiran.filter(jenis=i.jenis))


def cek_ekspektasi(skp: Skp) -> None:
    pesan = rules.cek_ekspektasi(skp.status)
    if pesan:
        raise SkpError(pesan)


def tulis_ekspektasi(skp: Skp, perilaku: PerilakuKerja, teks: str) -> EkspektasiKhusus | None:
    """Inside the transaction, on the locked ``skp`` whose penilai was checked: write (or, with an empty ``teks``,
    clear) the ekspektasi for ``perilaku`` while the SKP's state allows it."""
    cek_ekspektasi(skp)
    if not teks:
        EkspektasiKhusus.objects.filter(skp=skp, perilaku=perilaku).delete()
        return None
    obj, _created = EkspektasiKhusus.objects.update_or_create(skp=skp, perilaku=perilaku, defaults={"teks": teks})
    return obj


def ekspektasi_set(*, actor: Pegawai, skp: Skp, perilaku: PerilakuKerja, teks: str) -> EkspektasiKhusus | None:
    """Set (or, with an empty ``teks``, clear) the pejabat penilai's Ekspektasi Khusus Pimpinan for one
    BerAKHLAK value, while the SKP is a draft or submitted."""
    cek_ekspektasi(skp)
    pastikan_penilai(actor, skp)
    teks = rapikan(teks)
    with transaction.atomic(), as_person(actor):
        skp = lock_skp(skp.pk)
        pastikan_penilai(actor, skp)
        return tulis_ekspektasi(skp, perilaku, teks)
