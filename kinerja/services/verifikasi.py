"""The atasan's side of the daily reports: approve or reject a submitted activity, one by one or a selection at
once. The atasan on the activity's own date decides (own position, override, or the Plt/Plh of that day), until
the month locks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from pegawai.akses import dapat_menilai
from pegawai.models import Pegawai
from pegawai.supervisi import bawahan_per_tanggal
from portal.audit import as_person
from portal.locking import lock_row, refresh_from_locked
from portal.notifikasi import NotifikasiBaru, notifikasi_kirim

from .. import rules, waktu
from ..choices import StatusAktivitas
from ..errors import AktivitasError, AktivitasTidakBerwenang
from ..models import Aktivitas
from ..selectors.kalender import pengaturan_kinerja
from ..selectors.penguncian import peta_kunci
from ._common import galat, pastikan_tidak_terkunci, teks

#: The notification kind of a rejected activity (:func:`aktivitas_tolak`).
JENIS_AKTIVITAS_DITOLAK = "aktivitas_ditolak"


def _pastikan_penilai(actor: Pegawai, aktivitas: Aktivitas) -> None:
    # The atasan on the activity's own date decides (own position, override, or the Plt/Plh of that day): a
    # supervisor who arrived later did not see the work being done.
    if not dapat_menilai(actor, aktivitas.pegawai, on=aktivitas.tanggal):
        raise AktivitasTidakBerwenang(_("Anda bukan atasan langsung pegawai ini pada tanggal aktivitas."))


def _pastikan_diajukan(aktivitas: Aktivitas) -> None:
    if aktivitas.status != StatusAktivitas.DIAJUKAN:
        raise AktivitasError(
            _("Aktivitas ini tidak sedang menunggu verifikasi (statusnya %(status)s).")
            % {"status": aktivitas.get_status_display().lower()}
        )


def _pastikan_catatan_singkat(catatan: str) -> None:
    if pesan := rules.pesan_terlalu_panjang(catatan, rules.MAKS_CATATAN, _("Catatan untuk pegawai")):
        raise galat({"catatan": pesan})


def _verifikasi(actor: Pegawai, aktivitas: Aktivitas, status: str, catatan: str) -> Aktivitas:
    _pastikan_catatan_singkat(catatan)
    _pastikan_diajukan(aktivitas)
    asli = aktivitas
    with transaction.atomic(), as_person(actor):
        aktivitas = lock_row(aktivitas, select_related=["pegawai"])
        _pastikan_diajukan(aktivitas)
        # On the locked row: the pegawai and the date the rule looks at are the database's, whatever object the
        # caller passed.
        _pastikan_penilai(actor, aktivitas)
        pastikan_tidak_terkunci(aktivitas.pegawai, aktivitas.tanggal)
        aktivitas.status = status
        aktivitas.catatan_atasan = catatan
        aktivitas.diverifikasi_oleh = actor
        aktivitas.diverifikasi_pada = waktu.sekarang()
        aktivitas.save(
            update_fields=["status", "catatan_atasan", "diverifikasi_oleh", "diverifikasi_pada", "diubah_pada"]
        )
    return refresh_from_locked(asli, aktivitas)


def aktivitas_setujui(*, actor: Pegawai, aktivitas: Aktivitas, catatan: str = "") -> Aktivitas:
    """Approve a submitted activity as the pegawai's atasan on the activity's date (or the Plt/Plh of that
    position on that date). Refused once the month is locked (after the verification deadline, unless an admin
    reopened it). The approved activity counts in :func:`kinerja.selectors.realisasi.realisasi`."""
    return _verifikasi(actor, aktivitas, StatusAktivitas.DISETUJUI, teks(catatan))


def aktivitas_tolak(*, actor: Pegawai, aktivitas: Aktivitas, catatan: str) -> Aktivitas:
    """Reject a submitted activity with a ``catatan`` (required: the pegawai must learn what to fix). The
    pegawai may revise it and submit it again; meanwhile its time slot is free."""
    catatan = teks(catatan)
    if not catatan:
        raise galat({"catatan": _("Tuliskan alasan penolakan agar pegawai dapat memperbaikinya.")})
    with transaction.atomic():
        aktivitas = _verifikasi(actor, aktivitas, StatusAktivitas.DITOLAK, catatan)
        _kabari_ditolak(actor, aktivitas)
    return aktivitas


def _kabari_ditolak(actor: Pegawai, aktivitas: Aktivitas) -> None:
    """Tell the pegawai their activity was rejected and why, in-app and by e-mail, after the commit (a rejection
    rolled back reaches nobody). Approvals tell nobody: the day's page shows them, and a bulk approval of forty
    activities must not send forty e-mails; a rejection asks the pegawai to act.

    The kind carries the activity and the moment of the decision, so the once-per-(login, kind, day) key of
    :class:`portal.models.Notifikasi` means once per rejection: rejected again after a fix the same day is a new
    notification, a re-run of the same one inserts nothing."""
    pegawai = aktivitas.pegawai
    if not pegawai.user_id:
        return
    tanggal = date_format(aktivitas.tanggal, "l, j F Y")
    pemberitahuan = NotifikasiBaru(
        user_id=pegawai.user_id,
        tanggal=waktu.hari_ini(),
        judul=_("Aktivitas %(tanggal)s ditolak atasan") % {"tanggal": tanggal},
        pesan=_("%(atasan)s menolak aktivitas “%(uraian)s” dengan catatan: %(catatan)s")
        % {
            "atasan": actor.nama_lengkap,
            "uraian": Truncator(aktivitas.uraian).words(12),
            "catatan": aktivitas.catatan_atasan,
        },
        url=f"{reverse('kinerja:harian')}?tanggal={aktivitas.tanggal.isoformat()}",
    )
    jenis = f"{JENIS_AKTIVITAS_DITOLAK}:{aktivitas.pk}:{int(aktivitas.diverifikasi_pada.timestamp())}"
    transaction.on_commit(lambda: notifikasi_kirim(jenis=jenis, daftar=[pemberitahuan]))


@dataclass
class HasilSetujuiBanyak:
    """Per-item result of :func:`aktivitas_setujui_banyak`: the approved activities, and every other selected
    one with the reason it was left as it was."""

    disetujui: list[Aktivitas] = field(default_factory=list)
    gagal: list[tuple[int, str]] = field(default_factory=list)


def aktivitas_setujui_banyak(
    *, actor: Pegawai, aktivitas: Iterable[Aktivitas | int], catatan: str = ""
) -> HasilSetujuiBanyak:
    """Approve a selection of submitted activities, **per item**: each one that passes the rules of
    :func:`aktivitas_setujui` is approved, each one that does not is reported in
    :attr:`HasilSetujuiBanyak.gagal` (activity id, reason) and left unchanged.

    Per item rather than all-or-nothing because the selection comes from a queue page that may be stale: one
    activity approved meanwhile in another tab, or one of a month locked since the page loaded, should not cost
    the atasan the other forty. A selection holding an activity the actor does not verify is not an attack on the
    others either: that item is refused alone. Query count grows with the number of distinct Plt/Plh stretches
    among the dates, not with the number of activities."""
    catatan = teks(catatan)
    _pastikan_catatan_singkat(catatan)
    ids = list(dict.fromkeys(getattr(a, "pk", a) for a in aktivitas))
    hasil = HasilSetujuiBanyak()
    if not ids:
        return hasil
    pengaturan = pengaturan_kinerja()
    with transaction.atomic(), as_person(actor):
        baris = {
            a.pk: a
            for a in Aktivitas.objects.select_for_update(of=("self",))
            .select_related("pegawai__jabatan")
            .filter(pk__in=ids)
            .order_by("pk")
        }
        diajukan = [a for a in baris.values() if a.status == StatusAktivitas.DIAJUKAN]
        bawahan = bawahan_per_tanggal(actor, (a.tanggal for a in diajukan))
        peta = peta_kunci(
            {(a.pegawai_id, a.pegawai.jabatan.unit_kerja_id, a.tanggal.year, a.tanggal.month) for a in diajukan},
            pengaturan,
        )
        lolos = []
        for pk in ids:
            a = baris.get(pk)
            info = peta.get((a.pegawai_id, a.tanggal.year, a.tanggal.month)) if a is not None else None
            if a is None:
                hasil.gagal.append((pk, _("Aktivitas tidak ditemukan.")))
            elif a.status != StatusAktivitas.DIAJUKAN:
                hasil.gagal.append(
                    (pk, _("Statusnya %(status)s, bukan diajukan.") % {"status": a.get_status_display().lower()})
                )
            elif a.pegawai_id == actor.pk or a.pegawai_id not in bawahan.get(a.tanggal, set()):
                hasil.gagal.append((pk, _("Anda bukan atasan langsung pegawai ini pada tanggal aktivitas.")))
            elif info.terkunci:
                hasil.gagal.append((pk, info.pesan))
            else:
                lolos.append(a)
        if lolos:
            sekarang = waktu.sekarang()
            Aktivitas.objects.filter(pk__in=[a.pk for a in lolos]).update(
                status=StatusAktivitas.DISETUJUI,
                catatan_atasan=catatan,
                diverifikasi_oleh=actor,
                diverifikasi_pada=sekarang,
                diubah_pada=sekarang,
            )
            hasil.disetujui = list(
                Aktivitas.objects.filter(pk__in=[a.pk for a in lolos]).order_by("tanggal", "jam_mulai", "pk")
            )
    return hasil
