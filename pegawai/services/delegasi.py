"""Written delegations of the pejabat penilai's rights (docs/ATURAN.md; PermenPANRB 6/2022 Pasal 1: the penilai is at
least a pejabat pengawas, "atau pejabat lain yang diberi delegasi").

A penilai (pengawas or higher) delegates, for a date range, to someone below them whose position may not rate on
its own — typically a JF ketua tim between the kasi and the team. During the range :mod:`pegawai.atasan` treats the
penerima like an eligible atasan. Admin OPD record them for their OPD (both people in it), admin BKPSDM for
anyone. A delegation is never deleted: cancelling keeps the record (who, to whom, the letter, the reason, when and
why it was cancelled) in the portal and in the audit trail; from then on it counts for no date.

Each service checks the rule, writes inside ``transaction.atomic()`` and is attributed in the audit trail. A broken
rule raises :class:`~pegawai.errors.PegawaiError` with the message beside its field; outside the actor's scope,
:class:`~pegawai.errors.PegawaiTidakBerwenang`.
"""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.audit import as_actor
from portal.locking import lock_row
from portal.teks import ada_karakter_kendali

from ..akses import delegasi_managed_by, pegawai_managed_by
from ..atasan import JENIS_PENILAI, jabatan_dipegang, jabatan_pada
from ..errors import PegawaiError
from ..models import DelegasiPenilai, Jabatan, Pegawai
from .base import galat, tidak_berwenang, tolak

#: The earliest date a delegation may start (a date before it is a typing error: the portal's records begin later).
TANGGAL_PALING_AWAL = datetime.date(2000, 1, 1)
ALASAN_MAKS = 1000
NOMOR_SURAT_MAKS = 100


def _tanggal(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def tanggal_paling_akhir() -> datetime.date:
    """The latest date a delegation may reach: the end of next year (a written delegation is for an assessment
    period; a date further ahead is a typing error)."""
    return datetime.date(timezone.localdate().year + 1, 12, 31)


def _teks(value: str | None, *, field: str, label: str, maks: int, baris_baru: bool) -> str:
    """``value`` stripped; refused when empty, too long, or (one-line text) holding a line break or tab. A
    multi-line text keeps its line breaks and tabs."""
    value = (value or "").strip()
    if not value:
        raise tolak(_("%(label)s wajib diisi.") % {"label": label}, field)
    # Other control characters never arrive (portal.middleware strips them); a one-line text refuses a line break.
    if not baris_baru and ada_karakter_kendali(value):
        raise tolak(_("%(label)s berisi karakter kendali yang tidak dapat disimpan.") % {"label": label}, field)
    if len(value) > maks:
        raise tolak(
            _("%(label)s terlalu panjang (paling banyak %(maks)s karakter).") % {"label": label, "maks": maks}, field
        )
    return value


def _periksa_tanggal(tanggal_mulai: datetime.date | None, tanggal_selesai: datetime.date | None) -> None:
    errors = {}
    akhir = tanggal_paling_akhir()
    batas = _("Tanggal harus antara %(awal)s dan %(akhir)s.") % {
        "awal": _tanggal(TANGGAL_PALING_AWAL),
        "akhir": _tanggal(akhir),
    }
    for field, value in (("tanggal_mulai", tanggal_mulai), ("tanggal_selesai", tanggal_selesai)):
        if value is None:
            errors[field] = _("Tanggal wajib diisi.")
        elif not TANGGAL_PALING_AWAL <= value <= akhir:
            errors[field] = batas
    if not errors and tanggal_selesai < tanggal_mulai:
        errors["tanggal_selesai"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    if errors:
        raise galat(errors)


_SQL_DI_BAWAH = """
WITH RECURSIVE naik(id, jejak) AS (
    SELECT parent_id, ARRAY[id] FROM {jabatan} WHERE id = %(jabatan)s AND parent_id IS NOT NULL
  UNION ALL
    SELECT j.parent_id, n.jejak || j.id FROM {jabatan} j JOIN naik n ON j.id = n.id
    WHERE j.parent_id IS NOT NULL AND NOT (j.parent_id = ANY(n.jejak))
)
SELECT 1 FROM naik WHERE id = ANY(%(atas)s) LIMIT 1
"""


def _di_bawah(jabatan_id: int, atas: set[int]) -> bool:
    """True when the position ``jabatan_id`` lies below one of ``atas`` in the position tree (one query; a cycle
    saved by an old import stops the walk)."""
    sql = _SQL_DI_BAWAH.format(jabatan=connection.ops.quote_name(Jabatan._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, {"jabatan": jabatan_id, "atas": list(atas)})
        return cursor.fetchone() is not None


def _periksa_orang(pemberi: Pegawai, penerima: Pegawai, on: datetime.date) -> None:
    """The rule of who delegates to whom, on the first day of the delegation."""
    if pemberi.pk == penerima.pk:
        raise tolak(_("Pemberi dan penerima delegasi tidak boleh orang yang sama."), "penerima")
    for field, orang in (("pemberi", pemberi), ("penerima", penerima)):
        if not orang.aktif:
            raise tolak(_("%(nama)s sudah tidak aktif.") % {"nama": orang.nama_lengkap}, field)
    jenis = dict(Jabatan.objects.filter(pk__in=jabatan_dipegang(pemberi, on)).values_list("pk", "jenis"))
    jabatan_pemberi = {pk for pk, j in jenis.items() if j in JENIS_PENILAI}
    if not jabatan_pemberi:
        raise tolak(
            _(
                "Pada %(tanggal)s %(nama)s tidak memegang jabatan paling rendah pengawas (juga tidak sebagai Plt/Plh), "
                "sehingga tidak dapat mendelegasikan wewenang pejabat penilai."
            )
            % {"tanggal": _tanggal(on), "nama": pemberi.nama_lengkap},
            "pemberi",
        )
    jabatan_penerima = jabatan_dipegang(penerima, on)
    if Jabatan.objects.filter(pk__in=jabatan_penerima, jenis__in=JENIS_PENILAI).exists():
        raise tolak(
            _(
                "Pada %(tanggal)s %(nama)s memegang jabatan paling rendah pengawas, sehingga sudah dapat menjadi "
                "pejabat penilai tanpa delegasi."
            )
            % {"tanggal": _tanggal(on), "nama": penerima.nama_lengkap},
            "penerima",
        )
    definitif = jabatan_pada(penerima, on)
    if definitif is None:
        raise tolak(
            _("Pada %(tanggal)s %(nama)s tidak memegang jabatan.")
            % {"tanggal": _tanggal(on), "nama": penerima.nama_lengkap},
            "penerima",
        )
    if not _di_bawah(definitif, jabatan_pemberi):
        raise tolak(
            _(
                "Jabatan %(nama)s pada %(tanggal)s tidak berada di bawah jabatan %(pemberi)s. Delegasi hanya dapat "
                "diberikan kepada pegawai di bawah pemberinya."
            )
            % {"nama": penerima.nama_lengkap, "tanggal": _tanggal(on), "pemberi": pemberi.nama_lengkap},
            "penerima",
        )


def delegasi_buat(
    *,
    actor,
    pemberi: Pegawai,
    penerima: Pegawai,
    tanggal_mulai: datetime.date,
    tanggal_selesai: datetime.date,
    alasan: str,
    nomor_surat: str,
) -> DelegasiPenilai:
    """Record that ``pemberi`` (at least pengawas on ``tanggal_mulai``) delegates the pejabat penilai's rights to
    ``penerima`` (below them, not eligible on their own) from ``tanggal_mulai`` to ``tanggal_selesai``. Admin OPD
    for two people of their OPD, admin BKPSDM for anyone. A penerima has at most one active delegation on a day."""
    _periksa_tanggal(tanggal_mulai, tanggal_selesai)
    nomor_surat = _teks(
        nomor_surat, field="nomor_surat", label=_("Nomor surat"), maks=NOMOR_SURAT_MAKS, baris_baru=False
    )
    alasan = _teks(alasan, field="alasan", label=_("Alasan"), maks=ALASAN_MAKS, baris_baru=True)
    with transaction.atomic(), as_actor(actor, aksi="delegasi_buat"):
        dikelola = pegawai_managed_by(actor)
        for field, orang in (("pemberi", pemberi), ("penerima", penerima)):
            if not dikelola.filter(pk=orang.pk).exists():
                raise tidak_berwenang(
                    _("%(nama)s berada di luar perangkat daerah yang Anda kelola.") % {"nama": orang.nama_lengkap},
                    field,
                )
        # Two admins recording overlapping delegations for one penerima at the same moment would both pass the
        # overlap check; locking the penerima's row makes the second see the first.
        penerima = lock_row(Pegawai, penerima.pk)
        pemberi = Pegawai.objects.get(pk=pemberi.pk)
        _periksa_orang(pemberi, penerima, tanggal_mulai)
        bentrok = (
            DelegasiPenilai.objects.filter(
                penerima=penerima,
                dibatalkan_pada__isnull=True,
                tanggal_mulai__lte=tanggal_selesai,
                tanggal_selesai__gte=tanggal_mulai,
            )
            .select_related("pemberi")
            .first()
        )
        if bentrok is not None:
            raise tolak(
                _(
                    "%(nama)s sudah menerima delegasi dari %(pemberi)s pada %(mulai)s s.d. %(selesai)s. Rentang "
                    "tanggal tidak boleh bertumpang tindih; batalkan delegasi itu lebih dulu bila perlu diganti."
                )
                % {
                    "nama": penerima.nama_lengkap,
                    "pemberi": bentrok.pemberi.nama_lengkap,
                    "mulai": _tanggal(bentrok.tanggal_mulai),
                    "selesai": _tanggal(bentrok.tanggal_selesai),
                },
                "tanggal_mulai",
            )
        return DelegasiPenilai.objects.create(
            pemberi=pemberi,
            penerima=penerima,
            tanggal_mulai=tanggal_mulai,
            tanggal_selesai=tanggal_selesai,
            alasan=alasan,
            nomor_surat=nomor_surat,
        )


def delegasi_batal(*, actor, delegasi: DelegasiPenilai, alasan: str) -> DelegasiPenilai:
    """Cancel a delegation the actor manages: it stays recorded with the moment and reason of the cancellation,
    and from then on counts for no date (``DelegasiPenilai.objects.pada``), the past ones it covered included.
    Never deleted."""
    alasan = _teks(alasan, field="alasan_batal", label=_("Alasan pembatalan"), maks=ALASAN_MAKS, baris_baru=True)
    with transaction.atomic(), as_actor(actor, aksi="delegasi_batal"):
        current = delegasi_managed_by(actor).select_for_update(of=("self",)).filter(pk=delegasi.pk).first()
        if current is None:
            raise tidak_berwenang(_("Delegasi ini berada di luar perangkat daerah yang Anda kelola."))
        if current.dibatalkan_pada is not None:
            raise PegawaiError(
                _("Delegasi ini sudah dibatalkan pada %(waktu)s.")
                % {"waktu": date_format(timezone.localtime(current.dibatalkan_pada), "j F Y H:i")}
            )
        current.dibatalkan_pada = timezone.now()
        current.alasan_batal = alasan
        current.save(update_fields=["dibatalkan_pada", "alasan_batal"])
    delegasi.dibatalkan_pada, delegasi.alasan_batal = current.dibatalkan_pada, current.alasan_batal
    return current
