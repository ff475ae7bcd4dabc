"""Every write of the SKP app (CONVENTIONS.md, services): one function per change, keyword-only, ``actor`` (the
acting :class:`~pegawai.models.Pegawai`) first.

Each service checks the state on the object it was given, opens ``transaction.atomic()``, locks the SKP row
(``select_for_update``) and checks again on the locked row — so a double click or a stale tab changes nothing —
then writes and records the step (``SkpRiwayat`` for transitions; pghistory triggers for every row, attributed to
the actor's login). A broken rule raises :class:`SkpError` whose message is plain Indonesian; a wrong actor raises
:class:`SkpTidakBerwenang`, which is also a ``PermissionDenied`` (403 when a view does not catch it).
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, ProtectedError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pegawai.audit import as_actor
from pegawai.models import Pegawai
from pegawai.selectors import dapat_menilai, pegawai_of, peran_of

from . import rules
from .choices import AcuanRhkJpt, AksiSkp, FormatSkp, JenisLampiran, JenisRhk, Pendekatan, SkpStatus
from .models import (
    EkspektasiKhusus,
    IndikatorKinerjaIndividu,
    LampiranItem,
    PerilakuKerja,
    RencanaHasilKerja,
    Skp,
    SkpRiwayat,
)
from .selectors import (
    SkpAtasan,
    cek_skp_atasan,
    dinilai_kepala_daerah,
    identitas,
    identitas_hidup,
    identitas_kepala_daerah,
    tanggal_acuan_skp,
)


class SkpError(Exception):
    """An SKP rule was broken; ``str(exc)`` is an Indonesian message that can be shown as is.

    ``errors`` maps form fields to their message (for a form to show next to the field); ``daftar`` lists every
    problem when there are several (submitting an incomplete SKP)."""

    def __init__(self, message: str, *, errors: dict[str, str] | None = None, daftar: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}
        self.daftar = daftar or [message]


class SkpTidakBerwenang(SkpError, PermissionDenied):
    """The actor is not the one the rule allows (not the owner, not the pejabat penilai)."""


class _Tetap:
    """Marks a keyword argument of an ``*_ubah`` service that was not given: the field keeps its value."""

    def __repr__(self):
        return "TETAP"


TETAP = _Tetap()


# ---------------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------------


def _galat(errors: dict[str, str]) -> SkpError:
    return SkpError(" ".join(errors.values()), errors=errors)


def _konteks(actor: Pegawai):
    """pghistory context: the events written inside carry the actor's login and pegawai."""
    return as_actor(actor.user_id, pegawai=actor.pk)


def _kunci(skp: Skp) -> Skp:
    return Skp.objects.select_for_update().select_related("pegawai", "jabatan").get(pk=skp.pk)


def _segarkan(asli, baru):
    """Copy the committed values of ``baru`` (read under the lock) onto the caller's instance ``asli``, so the
    object a view or test holds shows the new state."""
    for f in type(asli)._meta.concrete_fields:
        setattr(asli, f.attname, getattr(baru, f.attname))
    return asli


def _catat(
    skp: Skp, aksi: str, dari: str, ke: str, actor: Pegawai | None, catatan: str = "", actor_nama: str | None = None
) -> SkpRiwayat:
    if actor_nama is None:
        actor_nama = actor.nama_lengkap if actor is not None else ""
    return SkpRiwayat.objects.create(
        skp=skp,
        aksi=aksi,
        dari_status=dari,
        ke_status=ke,
        actor=actor,
        actor_nama=actor_nama,
        catatan=catatan,
    )


def _pastikan_pemilik(actor: Pegawai, skp: Skp) -> None:
    if actor is None or actor.pk != skp.pegawai_id:
        raise SkpTidakBerwenang(_("Hanya pegawai pemilik SKP yang dapat melakukan ini."))


def _pastikan_penilai(actor: Pegawai, skp: Skp, on: datetime.date) -> None:
    # The pejabat penilai kinerja is the atasan langsung by position, or whoever acts in that position (Plt/Plh)
    # on the day that counts (today within the SKP's period).
    if not dapat_menilai(actor, skp.pegawai, on):
        raise SkpTidakBerwenang(_("Anda bukan pejabat penilai kinerja untuk SKP ini."))


def _cek_transisi(aksi: str, skp: Skp) -> None:
    pesan = rules.cek_transisi(aksi, skp.status)
    if pesan:
        raise SkpError(pesan)


def _ubah_status(
    skp: Skp, aksi: str, actor: Pegawai | None, catatan: str = "", *, actor_nama: str | None = None, **fields
) -> Skp:
    dari = skp.status
    skp.status = rules.status_sesudah(aksi)
    for name, value in fields.items():
        setattr(skp, name, value)
    skp.save(update_fields=["status", *fields])
    _catat(skp, aksi, dari, skp.status, actor, catatan, actor_nama=actor_nama)
    return skp


def _cek_pemilik_dan_status(actor: Pegawai, skp: Skp) -> None:
    _pastikan_pemilik(actor, skp)
    pesan = rules.cek_dapat_diubah(skp.status)
    if pesan:
        raise SkpError(pesan)


def _mulai_edit(actor: Pegawai, skp: Skp) -> Skp:
    """Inside a transaction: lock the SKP, check owner and state again, and move a returned SKP back to draft
    (the pegawai's first edit after a return is the repair)."""
    locked = _kunci(skp)
    _cek_pemilik_dan_status(actor, locked)
    if locked.status == SkpStatus.DIKEMBALIKAN:
        _ubah_status(locked, AksiSkp.DIPERBAIKI, actor, _("Diperbaiki dengan mengubah isi SKP."))
    return locked


def _desimal(value, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise SkpError(_("Target harus berupa angka."), errors={field: _("Target harus berupa angka.")}) from None


def _rapikan(teks: str | None) -> str:
    return (teks or "").strip()


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


def _rantai_intervensi(target_id: int) -> dict[int, int | None]:
    """The intervensi links above ``target_id`` (one query per level; levels are the depth of the org tree)."""
    induk: dict[int, int | None] = {}
    node: int | None = target_id
    while node is not None and node not in induk:
        parent = RencanaHasilKerja.objects.filter(pk=node).values_list("intervensi_id", flat=True).first()
        induk[node] = parent
        node = parent
    return induk


def _cek_intervensi(skp: Skp, rhk_id: int | None, target: RencanaHasilKerja, info: SkpAtasan | None = None) -> None:
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


def _cek_periode(pegawai: Pegawai, tahun: int, mulai: datetime.date, selesai: datetime.date, kecuali=()) -> None:
    errors = rules.validasi_periode(tahun, mulai, selesai)
    if errors:
        raise _galat(errors)
    # Mid-year transfer: a second SKP of the same year is for another position and another stretch of the year.
    lain = (
        Skp.objects.berlaku()
        .filter(pegawai=pegawai, tahun=tahun)
        .exclude(pk__in=[s.pk for s in kecuali])
        .exclude(versi_berikutnya__in=[s.pk for s in kecuali])
        .select_related("jabatan")
    )
    for skp in lain:
        if rules.bertumpuk(mulai, selesai, skp.tanggal_mulai, skp.tanggal_selesai):
            pesan = _(
                "Periode SKP bertumpuk dengan SKP tahun %(tahun)s untuk jabatan %(jabatan)s (%(mulai)s – "
                "%(selesai)s). Akhiri dulu periode SKP tersebut melalui perubahan SKP."
            ) % {
                "tahun": tahun,
                "jabatan": skp.jabatan.nama,
                "mulai": date_format(skp.tanggal_mulai, "j F Y"),
                "selesai": date_format(skp.tanggal_selesai, "j F Y"),
            }
            raise SkpError(pesan, errors={"tanggal_mulai": pesan})


def _penerus_di(lama_id: int, skp_atasan: Skp) -> int | None:
    """The RHK of ``skp_atasan`` that carries ``lama_id`` forward through perubahan SKP copies (``asal``), if any.
    One query per version between them."""
    frontier, seen = {lama_id}, set()
    while frontier:
        rows = list(RencanaHasilKerja.objects.filter(asal_id__in=frontier).values_list("pk", "skp_id"))
        for pk, skp_id in rows:
            if skp_id == skp_atasan.pk:
                return pk
        seen |= frontier
        frontier = {pk for pk, _skp_id in rows} - seen
    return None


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
        cocok = _penerus_di(lama.pk, skp_atasan) if ikuti_asal else None
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


def _masalah_pengajuan(skp: Skp) -> list[str]:
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
                _cek_intervensi(skp, r.pk, r.intervensi, info)
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
    return _masalah_pengajuan(skp)


def _tolak_bila_belum_lengkap(skp: Skp, judul: str) -> None:
    pesan = _masalah_pengajuan(skp)
    if pesan:
        raise SkpError(f"{judul} {' '.join(pesan)}", daftar=pesan)


# ---------------------------------------------------------------------------------------------------------------
# The SKP itself
# ---------------------------------------------------------------------------------------------------------------


def _buat(
    *,
    actor: Pegawai,
    tahun: int,
    tanggal_mulai: datetime.date | None,
    tanggal_selesai: datetime.date | None,
    pendekatan: str,
    aksi: str,
    catatan: str = "",
) -> tuple[Skp, SkpAtasan | None]:
    if not actor.aktif:
        raise SkpError(_("Pegawai yang tidak aktif tidak dapat membuat SKP."))
    if pendekatan not in Pendekatan.values:
        raise _galat({"pendekatan": _("Pendekatan harus kuantitatif atau kualitatif.")})
    default_mulai, default_selesai = rules.periode_default(tahun)
    mulai, selesai = tanggal_mulai or default_mulai, tanggal_selesai or default_selesai
    errors = rules.validasi_periode(tahun, mulai, selesai)
    if errors:
        raise _galat(errors)
    jabatan = actor.jabatan
    format_skp = rules.format_dari_jenis_jabatan(jabatan.jenis)
    info = None
    if format_skp == FormatSkp.JA_JF:
        info = cek_skp_atasan(actor, tahun, mulai)
        if not info.siap:
            raise SkpError(info.pesan)
    with transaction.atomic(), _konteks(actor):
        # One pegawai creating two SKP at once (two tabs) is serialised on their row.
        Pegawai.objects.select_for_update().filter(pk=actor.pk).first()
        if Skp.objects.filter(pegawai=actor, tahun=tahun, jabatan=jabatan).exists():
            raise SkpError(
                _("SKP tahun %(tahun)s untuk jabatan %(jabatan)s sudah ada.")
                % {"tahun": tahun, "jabatan": jabatan.nama}
            )
        _cek_periode(actor, tahun, mulai, selesai)
        skp = Skp.objects.create(
            pegawai=actor,
            tahun=tahun,
            jabatan=jabatan,
            tanggal_mulai=mulai,
            tanggal_selesai=selesai,
            format=format_skp,
            pendekatan=pendekatan,
        )
        _catat(skp, aksi, "", skp.status, actor, catatan)
    return skp, info


def skp_buat(
    *,
    actor: Pegawai,
    tahun: int,
    tanggal_mulai: datetime.date | None = None,
    tanggal_selesai: datetime.date | None = None,
    pendekatan: str = Pendekatan.KUANTITATIF,
) -> Skp:
    """Start ``actor``'s SKP for ``tahun`` in their current position, as a draft.

    The period defaults to 1 January – 31 December and must lie in ``tahun`` without overlapping another SKP of
    that year (a mid-year transfer). The format follows the jenis jabatan (JPT → SKP JPT, else JA/JF). A JA/JF
    can only start once the atasan's SKP for the year is approved (the message says whose and why)."""
    skp, _info = _buat(
        actor=actor,
        tahun=tahun,
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        pendekatan=pendekatan,
        aksi=AksiSkp.DIBUAT,
    )
    return skp


def skp_ubah(
    *,
    actor: Pegawai,
    skp: Skp,
    pendekatan=TETAP,
    tanggal_mulai=TETAP,
    tanggal_selesai=TETAP,
) -> Skp:
    """Change the approach or the period of a draft (or returned) SKP; same period rules as :func:`skp_buat`."""
    _cek_pemilik_dan_status(actor, skp)
    asli = skp
    with transaction.atomic(), _konteks(actor):
        skp = _mulai_edit(actor, skp)
        if pendekatan is not TETAP:
            if pendekatan not in Pendekatan.values:
                raise _galat({"pendekatan": _("Pendekatan harus kuantitatif atau kualitatif.")})
            skp.pendekatan = pendekatan
        mulai = skp.tanggal_mulai if tanggal_mulai is TETAP else tanggal_mulai
        selesai = skp.tanggal_selesai if tanggal_selesai is TETAP else tanggal_selesai
        _cek_periode(skp.pegawai, skp.tahun, mulai, selesai, kecuali=[skp])
        skp.tanggal_mulai, skp.tanggal_selesai = mulai, selesai
        skp.save(update_fields=["pendekatan", "tanggal_mulai", "tanggal_selesai"])
    return _segarkan(asli, skp)


def skp_ajukan(*, actor: Pegawai, skp: Skp) -> Skp:
    """Submit a draft to the pejabat penilai. Refused (every problem listed in ``SkpError.daftar``) without an
    Utama RHK, with an RHK without IKI, or with any RHK/IKI/intervention that breaks a rule."""
    _pastikan_pemilik(actor, skp)
    _cek_transisi(AksiSkp.DIAJUKAN, skp)
    asli = skp
    with transaction.atomic(), _konteks(actor):
        skp = _kunci(skp)
        _pastikan_pemilik(actor, skp)
        _cek_transisi(AksiSkp.DIAJUKAN, skp)
        _tolak_bila_belum_lengkap(skp, _("SKP belum dapat diajukan."))
        _ubah_status(skp, AksiSkp.DIAJUKAN, actor, diajukan_pada=timezone.now())
    return _segarkan(asli, skp)


def skp_setujui(*, actor: Pegawai, skp: Skp) -> Skp:
    """Approve a submitted SKP as its pejabat penilai (or the Plt/Plh of that position on the day that counts).

    Freezes the identity of the pegawai, the pejabat penilai (``actor``) and the atasan pejabat penilai on the SKP
    so the document never changes afterwards; approving a perubahan marks the previous version superseded."""
    _cek_transisi(AksiSkp.DISETUJUI, skp)
    on = tanggal_acuan_skp(skp)
    _pastikan_penilai(actor, skp, on)
    asli = skp
    with transaction.atomic(), _konteks(actor):
        skp = _kunci(skp)
        _cek_transisi(AksiSkp.DISETUJUI, skp)
        _pastikan_penilai(actor, skp, on)
        _tolak_bila_belum_lengkap(skp, _("SKP belum dapat disetujui."))
        data = identitas_hidup(skp, actor, on)
        now = timezone.now()
        _ubah_status(
            skp,
            AksiSkp.DISETUJUI,
            actor,
            disetujui_pada=now,
            pejabat_penilai=actor,
            atasan_pejabat_penilai=data.atasan_pejabat_penilai,
            identitas_pegawai=data.pegawai,
            identitas_penilai=data.penilai,
            identitas_atasan_penilai=data.atasan_penilai,
        )
        _gantikan_versi_sebelumnya(skp, now, actor)
    return _segarkan(asli, skp)


def _gantikan_versi_sebelumnya(skp: Skp, now, actor: Pegawai | None, actor_nama: str | None = None) -> None:
    if not skp.versi_sebelumnya_id:
        return
    lama = Skp.objects.select_for_update().get(pk=skp.versi_sebelumnya_id)
    lama.digantikan_pada = now
    lama.save(update_fields=["digantikan_pada"])
    _catat(
        lama,
        AksiSkp.DIGANTIKAN,
        lama.status,
        lama.status,
        actor,
        _("Digantikan oleh versi %(versi)s yang disetujui.") % {"versi": skp.versi},
        actor_nama=actor_nama,
    )


def skp_kembalikan(*, actor: Pegawai, skp: Skp, catatan: str) -> Skp:
    """Return a submitted SKP to the pegawai with the pejabat penilai's ``catatan`` (required)."""
    _cek_transisi(AksiSkp.DIKEMBALIKAN, skp)
    on = tanggal_acuan_skp(skp)
    _pastikan_penilai(actor, skp, on)
    catatan = _rapikan(catatan)
    if not catatan:
        pesan = _("Catatan wajib diisi saat mengembalikan SKP, agar pegawai tahu apa yang harus diperbaiki.")
        raise SkpError(pesan, errors={"catatan": pesan})
    asli = skp
    with transaction.atomic(), _konteks(actor):
        skp = _kunci(skp)
        _cek_transisi(AksiSkp.DIKEMBALIKAN, skp)
        _pastikan_penilai(actor, skp, on)
        _ubah_status(skp, AksiSkp.DIKEMBALIKAN, actor, catatan)
    return _segarkan(asli, skp)


def skp_perbaiki(*, actor: Pegawai, skp: Skp) -> Skp:
    """Take a returned SKP back into draft (editing it does the same implicitly)."""
    _pastikan_pemilik(actor, skp)
    _cek_transisi(AksiSkp.DIPERBAIKI, skp)
    asli = skp
    with transaction.atomic(), _konteks(actor):
        skp = _kunci(skp)
        _pastikan_pemilik(actor, skp)
        _cek_transisi(AksiSkp.DIPERBAIKI, skp)
        _ubah_status(skp, AksiSkp.DIPERBAIKI, actor)
    return _segarkan(asli, skp)


def skp_buat_perubahan(*, actor: Pegawai, skp: Skp, alasan: str = "") -> Skp:
    """Perubahan SKP: a new draft version (``versi`` + 1, ``versi_sebelumnya`` = ``skp``) copying RHK, IKI,
    lampiran and ekspektasi. ``skp`` stays approved and readable, and counts until the new version is approved.

    Interventions of a version of the atasan's SKP that has since been replaced are re-linked to the same RHK in
    the atasan's current version (or flagged ``perlu_ditinjau`` when it is gone)."""
    _pastikan_pemilik(actor, skp)
    _cek_transisi(AksiSkp.PERUBAHAN_DIBUAT, skp)
    with transaction.atomic(), _konteks(actor):
        lama = _kunci(skp)
        _pastikan_pemilik(actor, lama)
        _cek_transisi(AksiSkp.PERUBAHAN_DIBUAT, lama)
        if lama.digantikan:
            raise SkpError(_("Versi SKP ini sudah digantikan. Buat perubahan dari versi yang berlaku."))
        berikut = Skp.objects.filter(versi_sebelumnya=lama).first()
        if berikut is not None:
            raise SkpError(
                _("Perubahan SKP (versi %(versi)s) sudah dibuat dan belum disetujui. Lanjutkan perubahan itu.")
                % {"versi": berikut.versi}
            )
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
        )
        info = cek_skp_atasan(lama.pegawai, lama.tahun, lama.tanggal_mulai)
        _salin_isi(
            lama,
            baru,
            skp_atasan=info.skp,
            keterangan=_("RHK atasan yang diintervensi pada versi %(versi)s") % {"versi": lama.versi},
            perubahan=True,
        )
        catatan = _("Perubahan dari versi %(versi)s.") % {"versi": lama.versi}
        if _rapikan(alasan):
            catatan = f"{catatan} {_rapikan(alasan)}"
        _catat(baru, AksiSkp.PERUBAHAN_DIBUAT, "", baru.status, actor, catatan)
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

    ``sumber`` defaults to last year's current version, preferring an approved one in the same position. Every
    Utama RHK is re-linked to the RHK of this year's atasan SKP with the same text (case and spacing ignored);
    one without a match is flagged ``perlu_ditinjau`` with last year's intervened text in ``catatan_peninjauan``.
    Same start rules as :func:`skp_buat`."""
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
    elif sumber.pegawai_id != actor.pk:
        raise SkpTidakBerwenang(_("Hanya SKP milik sendiri yang dapat disalin."))
    elif sumber.tahun != tahun - 1:
        raise SkpError(_("SKP yang disalin harus SKP tahun %(tahun)s.") % {"tahun": tahun - 1})
    with transaction.atomic(), _konteks(actor):
        skp, info = _buat(
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
            info = cek_skp_atasan(actor, tahun, skp.tanggal_mulai)
        _salin_isi(
            sumber,
            skp,
            skp_atasan=info.skp,
            keterangan=_("RHK atasan yang diintervensi pada tahun %(tahun)s") % {"tahun": sumber.tahun},
            perubahan=False,
        )
    return skp


# ---------------------------------------------------------------------------------------------------------------
# Rencana Hasil Kerja
# ---------------------------------------------------------------------------------------------------------------


def _validasi_rhk(skp: Skp, rhk: RencanaHasilKerja) -> None:
    errors = rules.validasi_rhk(
        format=skp.format,
        jenis=rhk.jenis,
        teks=rhk.teks,
        ada_intervensi=rhk.intervensi_id is not None,
        perspektif=rhk.perspektif,
        ada_acuan=bool(rhk.acuan.strip()),
    )
    if rhk.acuan_jenis and rhk.acuan_jenis not in AcuanRhkJpt.values:
        errors["acuan_jenis"] = _("Jenis acuan tidak dikenal.")
    if errors:
        raise _galat(errors)
    if rhk.intervensi_id is not None:
        _cek_intervensi(skp, rhk.pk, rhk.intervensi)


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
    _cek_pemilik_dan_status(actor, skp)
    asli = skp
    with transaction.atomic(), _konteks(actor):
        skp = _mulai_edit(actor, skp)
        rhk = RencanaHasilKerja(
            skp=skp,
            jenis=jenis,
            teks=_rapikan(teks),
            intervensi=intervensi,
            perspektif=perspektif or "",
            acuan_jenis=acuan_jenis or "",
            acuan=_rapikan(acuan),
        )
        _validasi_rhk(skp, rhk)
        rhk.urutan = _urutan_berikut(skp.rhk.filter(jenis=jenis))
        rhk.save()
    _segarkan(asli, skp)
    return rhk


def _kunci_rhk(actor: Pegawai, rhk: RencanaHasilKerja) -> tuple[Skp, RencanaHasilKerja]:
    skp = _mulai_edit(actor, rhk.skp)
    return skp, RencanaHasilKerja.objects.select_related("intervensi").get(pk=rhk.pk, skp=skp)


def rhk_ubah(
    *,
    actor: Pegawai,
    rhk: RencanaHasilKerja,
    jenis=TETAP,
    teks=TETAP,
    intervensi=TETAP,
    perspektif=TETAP,
    acuan_jenis=TETAP,
    acuan=TETAP,
) -> RencanaHasilKerja:
    """Change the given fields of an RHK. Choosing the intervened RHK again clears ``perlu_ditinjau``; moving it
    to the other section puts it last there."""
    _cek_pemilik_dan_status(actor, rhk.skp)
    asli = rhk
    with transaction.atomic(), _konteks(actor):
        skp, rhk = _kunci_rhk(actor, rhk)
        jenis_lama = rhk.jenis
        if jenis is not TETAP:
            rhk.jenis = jenis
        if teks is not TETAP:
            rhk.teks = _rapikan(teks)
        if intervensi is not TETAP:
            rhk.intervensi = intervensi
            rhk.perlu_ditinjau = False
            rhk.catatan_peninjauan = ""
        if perspektif is not TETAP:
            rhk.perspektif = perspektif or ""
        if acuan_jenis is not TETAP:
            rhk.acuan_jenis = acuan_jenis or ""
        if acuan is not TETAP:
            rhk.acuan = _rapikan(acuan)
        _validasi_rhk(skp, rhk)
        if rhk.jenis != jenis_lama:
            rhk.urutan = _urutan_berikut(skp.rhk.filter(jenis=rhk.jenis))
        rhk.save()
        if rhk.jenis != jenis_lama:
            _susun_ulang(list(skp.rhk.filter(jenis=jenis_lama).order_by("urutan")))
    return _segarkan(asli, rhk)


def rhk_hapus(*, actor: Pegawai, rhk: RencanaHasilKerja) -> None:
    """Delete an RHK with its IKI and renumber its section."""
    _cek_pemilik_dan_status(actor, rhk.skp)
    with transaction.atomic(), _konteks(actor):
        skp, rhk = _kunci_rhk(actor, rhk)
        jenis = rhk.jenis
        try:
            rhk.delete()
        except ProtectedError:
            raise SkpError(_("RHK ini sudah diintervensi oleh RHK bawahan sehingga tidak dapat dihapus.")) from None
        _susun_ulang(list(skp.rhk.filter(jenis=jenis).order_by("urutan")))


def rhk_pindah(*, actor: Pegawai, rhk: RencanaHasilKerja, urutan: int) -> RencanaHasilKerja:
    """Move an RHK to position ``urutan`` (1-based, clamped) within its section."""
    _cek_pemilik_dan_status(actor, rhk.skp)
    asli = rhk
    with transaction.atomic(), _konteks(actor):
        skp, rhk = _kunci_rhk(actor, rhk)
        items = list(skp.rhk.filter(jenis=rhk.jenis).order_by("urutan"))
        _susun_ulang(items, urutan - 1, rhk)
        rhk.refresh_from_db(fields=["urutan"])
    return _segarkan(asli, rhk)


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
        raise _galat(errors)


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
    _cek_pemilik_dan_status(actor, rhk.skp)
    with transaction.atomic(), _konteks(actor):
        skp, rhk = _kunci_rhk(actor, rhk)
        iki = IndikatorKinerjaIndividu(
            rhk=rhk,
            teks=_rapikan(teks),
            aspek=aspek or "",
            target_min=_desimal(target_min, "target_min"),
            target_max=_desimal(target_max, "target_max"),
            satuan=_rapikan(satuan),
            ukuran_keberhasilan=_rapikan(ukuran_keberhasilan),
        )
        _validasi_iki(skp, iki)
        iki.urutan = _urutan_berikut(rhk.iki.all())
        iki.save()
    return iki


def _kunci_iki(actor: Pegawai, iki: IndikatorKinerjaIndividu) -> tuple[Skp, IndikatorKinerjaIndividu]:
    skp = _mulai_edit(actor, iki.rhk.skp)
    return skp, IndikatorKinerjaIndividu.objects.get(pk=iki.pk, rhk__skp=skp)


def iki_ubah(
    *,
    actor: Pegawai,
    iki: IndikatorKinerjaIndividu,
    teks=TETAP,
    aspek=TETAP,
    target_min=TETAP,
    target_max=TETAP,
    satuan=TETAP,
    ukuran_keberhasilan=TETAP,
) -> IndikatorKinerjaIndividu:
    """Change the given fields of an IKI (same rules as :func:`iki_tambah`)."""
    _cek_pemilik_dan_status(actor, iki.rhk.skp)
    asli = iki
    with transaction.atomic(), _konteks(actor):
        skp, iki = _kunci_iki(actor, iki)
        if teks is not TETAP:
            iki.teks = _rapikan(teks)
        if aspek is not TETAP:
            iki.aspek = aspek or ""
        if target_min is not TETAP:
            iki.target_min = _desimal(target_min, "target_min")
        if target_max is not TETAP:
            iki.target_max = _desimal(target_max, "target_max")
        if satuan is not TETAP:
            iki.satuan = _rapikan(satuan)
        if ukuran_keberhasilan is not TETAP:
            iki.ukuran_keberhasilan = _rapikan(ukuran_keberhasilan)
        _validasi_iki(skp, iki)
        iki.save()
    return _segarkan(asli, iki)


def iki_hapus(*, actor: Pegawai, iki: IndikatorKinerjaIndividu) -> None:
    _cek_pemilik_dan_status(actor, iki.rhk.skp)
    with transaction.atomic(), _konteks(actor):
        _skp, iki = _kunci_iki(actor, iki)
        rhk_id = iki.rhk_id
        iki.delete()
        _susun_ulang(list(IndikatorKinerjaIndividu.objects.filter(rhk_id=rhk_id).order_by("urutan")))


def iki_pindah(*, actor: Pegawai, iki: IndikatorKinerjaIndividu, urutan: int) -> IndikatorKinerjaIndividu:
    """Move an IKI to position ``urutan`` (1-based, clamped) within its RHK."""
    _cek_pemilik_dan_status(actor, iki.rhk.skp)
    asli = iki
    with transaction.atomic(), _konteks(actor):
        _skp, iki = _kunci_iki(actor, iki)
        items = list(IndikatorKinerjaIndividu.objects.filter(rhk_id=iki.rhk_id).order_by("urutan"))
        _susun_ulang(items, urutan - 1, iki)
        iki.refresh_from_db(fields=["urutan"])
    return _segarkan(asli, iki)


def _teks_lampiran(teks: str) -> str:
    teks = _rapikan(teks)
    if not teks:
        raise _galat({"teks": _("Isi lampiran wajib diisi.")})
    return teks


def lampiran_tambah(*, actor: Pegawai, skp: Skp, jenis: str, teks: str) -> LampiranItem:
    """Add a line to one of the three Lampiran SKP lists."""
    _cek_pemilik_dan_status(actor, skp)
    if jenis not in JenisLampiran.values:
        raise _galat({"jenis": _("Jenis lampiran tidak dikenal.")})
    teks = _teks_lampiran(teks)
    asli = skp
    with transaction.atomic(), _konteks(actor):
        skp = _mulai_edit(actor, skp)
        item = LampiranItem.objects.create(
            skp=skp, jenis=jenis, teks=teks, urutan=_urutan_berikut(skp.lampiran.filter(jenis=jenis))
        )
    _segarkan(asli, skp)
    return item


def _kunci_lampiran(actor: Pegawai, item: LampiranItem) -> tuple[Skp, LampiranItem]:
    skp = _mulai_edit(actor, item.skp)
    return skp, LampiranItem.objects.get(pk=item.pk, skp=skp)


def lampiran_ubah(*, actor: Pegawai, item: LampiranItem, teks: str) -> LampiranItem:
    _cek_pemilik_dan_status(actor, item.skp)
    teks = _teks_lampiran(teks)
    asli = item
    with transaction.atomic(), _konteks(actor):
        _skp, item = _kunci_lampiran(actor, item)
        item.teks = teks
        item.save(update_fields=["teks"])
    return _segarkan(asli, item)


def lampiran_hapus(*, actor: Pegawai, item: LampiranItem) -> None:
    _cek_pemilik_dan_status(actor, item.skp)
    with transaction.atomic(), _konteks(actor):
        skp, item = _kunci_lampiran(actor, item)
        jenis = item.jenis
        item.delete()
        _susun_ulang(list(skp.lampiran.filter(jenis=jenis).order_by("urutan")))


def lampiran_pindah(*, actor: Pegawai, item: LampiranItem, urutan: int) -> LampiranItem:
    """Move a lampiran line to position ``urutan`` (1-based, clamped) within its list."""
    _cek_pemilik_dan_status(actor, item.skp)
    asli = item
    with transaction.atomic(), _konteks(actor):
        skp, item = _kunci_lampiran(actor, item)
        items = list(skp.lampiran.filter(jenis=item.jenis).order_by("urutan"))
        _susun_ulang(items, urutan - 1, item)
        item.refresh_from_db(fields=["urutan"])
    return _segarkan(asli, item)


def ekspektasi_set(*, actor: Pegawai, skp: Skp, perilaku: PerilakuKerja, teks: str) -> EkspektasiKhusus | None:
    """Set (or, with an empty ``teks``, clear) the pejabat penilai's Ekspektasi Khusus Pimpinan for one
    BerAKHLAK value, while the SKP is a draft or submitted."""
    pesan = rules.cek_ekspektasi(skp.status)
    if pesan:
        raise SkpError(pesan)
    on = tanggal_acuan_skp(skp)
    _pastikan_penilai(actor, skp, on)
    teks = _rapikan(teks)
    with transaction.atomic(), _konteks(actor):
        skp = _kunci(skp)
        pesan = rules.cek_ekspektasi(skp.status)
        if pesan:
            raise SkpError(pesan)
        if not teks:
            EkspektasiKhusus.objects.filter(skp=skp, perilaku=perilaku).delete()
            return None
        obj, _created = EkspektasiKhusus.objects.update_or_create(skp=skp, perilaku=perilaku, defaults={"teks": teks})
    return obj


# ---------------------------------------------------------------------------------------------------------------
# The top JPT: the kepala daerah rates, admin BKPSDM records the decision on their behalf
# ---------------------------------------------------------------------------------------------------------------


def _nama_atas_nama(user) -> tuple[Pegawai | None, str]:
    """The pegawai behind an admin login (if any) and the name the history shows: "<admin> (Admin BKPSDM) a.n.
    <jabatan kepala daerah>"."""
    pegawai = pegawai_of(user)
    nama = pegawai.nama_lengkap if pegawai is not None else (user.get_full_name() or user.get_username())
    return pegawai, _("%(nama)s (Admin BKPSDM) a.n. %(jabatan)s") % {
        "nama": nama,
        "jabatan": settings.KEPALA_DAERAH_JABATAN,
    }


def _pastikan_admin_kepala_daerah(user, skp: Skp) -> None:
    if not peran_of(user).admin_bkpsdm:
        raise SkpTidakBerwenang(_("Hanya Admin BKPSDM yang dapat memproses SKP atas nama Kepala Daerah."))
    if not dinilai_kepala_daerah(skp):
        raise SkpError(_("SKP ini dinilai oleh atasan langsung pegawai, bukan oleh Kepala Daerah."))
    pegawai = pegawai_of(user)
    if pegawai is not None and pegawai.pk == skp.pegawai_id:
        raise SkpTidakBerwenang(_("SKP milik sendiri tidak dapat disetujui atau dikembalikan sendiri."))


def skp_setujui_kepala_daerah(*, user, skp: Skp) -> Skp:
    """Approve a submitted SKP of the top JPT (the Sekretaris Daerah: :func:`skp.selectors.dinilai_kepala_daerah`)
    on behalf of the kepala daerah, who is its pejabat penilai but not a user of the portal.

    ``user`` must be admin BKPSDM. The history records the admin as the one who acted "a.n." the kepala daerah;
    the frozen penilai block is the kepala daerah from settings (:func:`skp.selectors.identitas_kepala_daerah`),
    ``pejabat_penilai`` and the atasan pejabat penilai stay empty."""
    _cek_transisi(AksiSkp.DISETUJUI, skp)
    _pastikan_admin_kepala_daerah(user, skp)
    pegawai, actor_nama = _nama_atas_nama(user)
    asli = skp
    with transaction.atomic(), as_actor(user.pk, pegawai=pegawai.pk if pegawai else None):
        skp = _kunci(skp)
        _cek_transisi(AksiSkp.DISETUJUI, skp)
        _pastikan_admin_kepala_daerah(user, skp)
        _tolak_bila_belum_lengkap(skp, _("SKP belum dapat disetujui."))
        now = timezone.now()
        _ubah_status(
            skp,
            AksiSkp.DISETUJUI,
            pegawai,
            actor_nama=actor_nama,
            disetujui_pada=now,
            pejabat_penilai=None,
            atasan_pejabat_penilai=None,
            identitas_pegawai=identitas(skp.pegawai, skp.jabatan),
            identitas_penilai=identitas_kepala_daerah(),
            identitas_atasan_penilai=None,
        )
        _gantikan_versi_sebelumnya(skp, now, pegawai, actor_nama)
    return _segarkan(asli, skp)


def skp_kembalikan_kepala_daerah(*, user, skp: Skp, catatan: str) -> Skp:
    """Return a submitted SKP of the top JPT with the kepala daerah's ``catatan`` (required), recorded by admin
    BKPSDM on their behalf."""
    _cek_transisi(AksiSkp.DIKEMBALIKAN, skp)
    _pastikan_admin_kepala_daerah(user, skp)
    catatan = _rapikan(catatan)
    if not catatan:
        pesan = _("Catatan wajib diisi saat mengembalikan SKP, agar pegawai tahu apa yang harus diperbaiki.")
        raise SkpError(pesan, errors={"catatan": pesan})
    pegawai, actor_nama = _nama_atas_nama(user)
    asli = skp
    with transaction.atomic(), as_actor(user.pk, pegawai=pegawai.pk if pegawai else None):
        skp = _kunci(skp)
        _cek_transisi(AksiSkp.DIKEMBALIKAN, skp)
        _pastikan_admin_kepala_daerah(user, skp)
        _ubah_status(skp, AksiSkp.DIKEMBALIKAN, pegawai, catatan, actor_nama=actor_nama)
    return _segarkan(asli, skp)


def ekspektasi_set_kepala_daerah(*, user, skp: Skp, perilaku: PerilakuKerja, teks: str) -> EkspektasiKhusus | None:
    """:func:`ekspektasi_set` for the top JPT, written by admin BKPSDM on the kepala daerah's behalf."""
    pesan = rules.cek_ekspektasi(skp.status)
    if pesan:
        raise SkpError(pesan)
    _pastikan_admin_kepala_daerah(user, skp)
    pegawai = pegawai_of(user)
    teks = _rapikan(teks)
    with transaction.atomic(), as_actor(user.pk, pegawai=pegawai.pk if pegawai else None):
        skp = _kunci(skp)
        pesan = rules.cek_ekspektasi(skp.status)
        if pesan:
            raise SkpError(pesan)
        if not teks:
            EkspektasiKhusus.objects.filter(skp=skp, perilaku=perilaku).delete()
            return None
        obj, _created = EkspektasiKhusus.objects.update_or_create(skp=skp, perilaku=perilaku, defaults={"teks": teks})
    return obj
