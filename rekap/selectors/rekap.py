"""Who sees which recap rows, and the columns every table and export of them shows.

One visibility function per entity (docs/ARSITEKTUR.md), built on :mod:`pegawai.akses`; views, the export job and
the filters fetch rows only through them, so a row outside the user's reach is never shown and answers 404.

The columns (:data:`KOLOM_PEGAWAI`, :data:`KOLOM_UNIT`) are declared once here: the page renders the ones marked
``layar`` and the spreadsheets write all of them, from the same functions, so a number on screen and in the file
are the same number.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import attrgetter

from django.db.models import Case, Choices, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from pegawai.akses import pegawai_of, peran_of
from pegawai.atasan import bawahan_dua_tingkat, id_bawahan_langsung, jabatan_dipegang
from pegawai.models import Jabatan, Pegawai, PerangkatDaerah, UnitKerja
from penilaian.choices import Predikat, StatusEvaluasi
from skp.choices import StatusRekap

from .. import rules
from ..choices import TingkatRekap
from ..models import PeriodeRekap, RekapPegawai, RekapUnit

# --- visibility ----------------------------------------------------------------------------------------------


def rekap_pegawai_visible_to(user) -> QuerySet[RekapPegawai]:
    """Per-pegawai recap rows ``user`` may see: every row for admin BKPSDM and city pimpinan; the rows recorded in
    their OPDs for admin OPD and OPD pimpinan (kepala OPD); for anyone with a pegawai, their own rows and those of
    their direct, acting and second-level bawahan of today (as :func:`pegawai.akses.pegawai_visible_to`)."""
    if not getattr(user, "is_authenticated", False):
        return RekapPegawai.objects.none()
    roles = peran_of(user)
    if roles.melihat_semua:
        return RekapPegawai.objects.all()
    q = Q(pk__in=[])
    if roles.opd_dilihat:
        # The OPD the row was recorded in (where the pegawai ended the period), not where they work today: an
        # admin sees their OPD's past months, and not another OPD's months of someone who has since moved in.
        q |= Q(perangkat_daerah_id__in=roles.opd_dilihat)
    me = pegawai_of(user)
    if me is not None:
        q |= Q(pegawai_id=me.pk) | Q(pegawai_id__in=bawahan_dua_tingkat(me).values("pk"))
    return RekapPegawai.objects.filter(q)


def rekap_unit_visible_to(user) -> QuerySet[RekapUnit]:
    """Aggregate rows ``user`` may see: all for admin BKPSDM and city pimpinan; the unit and OPD rows of their OPDs
    for admin OPD and OPD pimpinan; for an atasan the units of the positions they hold today (own and Plt/Plh).
    Everyone logged in sees the city row: it is an aggregate of the whole city, published on the transparency page
    as well, so a pegawai can compare their month with it."""
    if not getattr(user, "is_authenticated", False):
        return RekapUnit.objects.none()
    roles = peran_of(user)
    if roles.melihat_semua:
        return RekapUnit.objects.all()
    q = Q(tingkat=TingkatRekap.KOTA)
    if roles.opd_dilihat:
        q |= Q(perangkat_daerah_id__in=roles.opd_dilihat)
    me = pegawai_of(user)
    if me is not None and id_bawahan_langsung(me):
        unit_ids = Jabatan.objects.filter(pk__in=jabatan_dipegang(me)).values("unit_kerja_id")
        q |= Q(tingkat=TingkatRekap.UNIT, unit_kerja_id__in=unit_ids)
    return RekapUnit.objects.filter(q)


# --- reading ---------------------------------------------------------------------------------------------------


def periode_terbaru() -> PeriodeRekap | None:
    """The period a table opens on: the latest computed month, else the latest computed period of any kind."""
    dihitung = PeriodeRekap.objects.filter(dihitung_pada__isnull=False)
    return dihitung.filter(jenis="bulan").order_by("-mulai").first() or dihitung.order_by("-selesai").first()


def unit_dan_bawahannya(unit: UnitKerja) -> set[int]:
    """``unit`` and every unit below it (a bidang includes its seksi): one query, the tree walked in Python."""
    rows = UnitKerja.objects.filter(perangkat_daerah_id=unit.perangkat_daerah_id).values_list("pk", "parent_id")
    anak: dict[int, list[int]] = {}
    for pk, parent_id in rows:
        anak.setdefault(parent_id, []).append(pk)
    ids, tumpukan = set(), [unit.pk]
    while tumpukan:
        pk = tumpukan.pop()
        if pk not in ids:
            ids.add(pk)
            tumpukan.extend(anak.get(pk, []))
    return ids


def urut_pegawai(queryset: QuerySet[RekapPegawai]) -> QuerySet[RekapPegawai]:
    """The rows as every table and export lists them: by OPD, unit and name, with what the columns read."""
    return queryset.select_related("periode", "pegawai", "perangkat_daerah", "unit_kerja").order_by(
        "perangkat_daerah__nama", "perangkat_daerah_id", "unit_kerja__nama", "pegawai__nama", "pk"
    )


def urut_unit(queryset: QuerySet[RekapUnit]) -> QuerySet[RekapUnit]:
    """The city first, then each OPD followed by its units, by name."""
    return queryset.select_related("periode", "perangkat_daerah", "unit_kerja").order_by(
        Case(When(tingkat=TingkatRekap.KOTA, then=Value(0)), default=Value(1), output_field=IntegerField()),
        "perangkat_daerah__nama",
        "perangkat_daerah_id",
        Case(When(tingkat=TingkatRekap.OPD, then=Value(0)), default=Value(1), output_field=IntegerField()),
        "unit_kerja__nama",
        "pk",
    )


def _kelas_ringan(model, medan: tuple[str, ...]) -> type:
    """A named tuple of ``medan`` carrying ``model``'s properties (``Pegawai.nama_lengkap``), so a column's function
    reads a row fetched with ``values_list`` exactly as it reads the model."""
    sifat = {k: v for k, v in vars(model).items() if isinstance(v, property)}
    return type(f"{model.__name__}Ringan", (namedtuple(f"_{model.__name__}", medan),), {"__slots__": (), **sifat})


#: The related objects the columns and the per-OPD sheets read, and which of their fields.
_RELASI = {
    "pegawai": _kelas_ringan(Pegawai, ("nip", "gelar_depan", "nama", "gelar_belakang")),
    "perangkat_daerah": _kelas_ringan(PerangkatDaerah, ("nama", "singkatan", "kode")),
    "unit_kerja": _kelas_ringan(UnitKerja, ("nama",)),
}


#: The computation's bookkeeping on a recap row, which no column reads: not fetched (a timestamp per row is parsed
#: and given a time zone).
_TIDAK_DIBACA = frozenset({"id", "periode_id", "kunci", "dihitung_pada"})


def baris_ringan(queryset: QuerySet) -> Iterator[tuple]:
    """The rows of ``queryset`` (RekapPegawai or RekapUnit, in its order) as named tuples with the row's own columns
    (but :data:`_TIDAK_DIBACA`) and the related objects of :data:`_RELASI` — the attributes the columns' functions
    read on a model, without building five model instances per row (a city-wide export has 20,000 rows). A null
    relation is ``None``; an OPD or unit is built once and shared by its rows."""
    sendiri = [f.attname for f in queryset.model._meta.concrete_fields if f.attname not in _TIDAK_DIBACA]
    relasi = [(nama, kelas) for nama, kelas in _RELASI.items() if hasattr(queryset.model, nama)]
    baris = namedtuple(f"{queryset.model.__name__}Ringan", [*sendiri, *(nama for nama, _k in relasi)])
    lookup = [f"{nama}__{m}" for nama, kelas in relasi for m in kelas._fields]
    # Where each relation's id and fields sit in a fetched tuple.
    letak, i = [], len(sendiri)
    for nama, kelas in relasi:
        letak.append((kelas, sendiri.index(f"{nama}_id"), i, i + len(kelas._fields)))
        i += len(kelas._fields)
    dibuat: dict[tuple, tuple] = {}
    n = len(sendiri)
    for nilai in queryset.values_list(*sendiri, *lookup).iterator(chunk_size=2000):
        terkait = []
        for kelas, pos_id, awal, akhir in letak:
            pk = nilai[pos_id]
            if pk is None:
                terkait.append(None)
                continue
            obj = dibuat.get((kelas, pk))
            if obj is None:
                obj = dibuat[(kelas, pk)] = kelas._make(nilai[awal:akhir])
            terkait.append(obj)
        yield baris._make((*nilai[:n], *terkait))


# --- columns ---------------------------------------------------------------------------------------------------


#: What a column's function returns, so a spreadsheet writer converts only the columns that need it: a whole number
#: or ``None`` (:data:`ANGKA`), a share (:class:`rekap.rules.Persen` or ``None``, :data:`PERSEN`), text (:data:`TEKS`).
ANGKA, PERSEN, TEKS = "angka", "persen", "teks"


@dataclass(frozen=True)
class Kolom:
    judul: object
    #: What the row holds for the column; for a coded column (``pilihan``) the code.
    nilai: Callable[[object], object]
    #: Shown on the page too (the spreadsheets hold every column).
    layar: bool = False
    jenis: str = ANGKA
    #: The choices whose label a coded column shows (a code it does not know: the code; none: empty).
    pilihan: type[Choices] | None = None

    def pembaca(self) -> Callable[[object], object]:
        """What the column shows for a row, as a function for reading many rows: a coded column's labels are
        looked up in the active language once, here — reading the language per row cost a city-wide export
        (40,000 labels) more than its every other column."""
        if self.pilihan is None:
            return self.nilai
        label = {value: str(label) for value, label in self.pilihan.choices}
        nilai = self.nilai

        def tampil(r):
            kode = nilai(r)
            return label.get(kode, kode) if kode else ""

        return tampil


def _diajukan(r) -> int:
    return rules.diajukan(r.aktivitas_disetujui_n, r.aktivitas_ditolak_n, r.aktivitas_menunggu_n)


def _nama_unit(r: RekapUnit) -> str:
    if r.tingkat == TingkatRekap.KOTA:
        return str(_("Seluruh kota"))
    if r.tingkat == TingkatRekap.OPD:
        return r.perangkat_daerah.nama
    return r.unit_kerja.nama


_DISIPLIN = [
    Kolom(_("Hari tanpa laporan"), attrgetter("hari_tanpa_laporan"), layar=True),
    Kolom(_("Entri terlambat"), attrgetter("entri_terlambat_n"), layar=True),
    Kolom(_("Verifikasi bawahan terlambat"), attrgetter("verifikasi_terlambat_n")),
    Kolom(_("Aktivitas bawahan tidak diverifikasi"), attrgetter("tidak_diverifikasi_n")),
    Kolom(_("Permasalahan substansi"), attrgetter("masalah_substansi_n"), layar=True),
    Kolom(_("Permasalahan perilaku"), attrgetter("masalah_perilaku_n"), layar=True),
]

_KERJA = [
    Kolom(_("Hari kerja"), attrgetter("hari_kerja")),
    Kolom(_("Hari dengan laporan"), attrgetter("hari_lapor")),
    Kolom(_("Aktivitas"), attrgetter("aktivitas_n")),
    Kolom(_("Aktivitas disetujui"), attrgetter("aktivitas_disetujui_n")),
    Kolom(_("Aktivitas ditolak"), attrgetter("aktivitas_ditolak_n")),
    Kolom(_("Aktivitas menunggu verifikasi"), attrgetter("aktivitas_menunggu_n")),
    Kolom(_("Menit disetujui"), attrgetter("menit_disetujui")),
    Kolom(_("Menit target"), attrgetter("menit_target")),
    Kolom(
        _("Menit terhadap target (%)"),
        lambda r: rules.menit_terhadap_target(r.menit_disetujui, r.menit_target),
        layar=True,
        jenis=PERSEN,
    ),
    Kolom(_("Aktivitas diverifikasi"), attrgetter("diverifikasi_n")),
    Kolom(_("Diverifikasi (%)"), lambda r: rules.diverifikasi(r.diverifikasi_n, _diajukan(r)), jenis=PERSEN),
    Kolom(_("Diverifikasi tepat waktu"), attrgetter("diverifikasi_tepat_n")),
    Kolom(
        _("Verifikasi tepat waktu (%)"),
        lambda r: rules.verifikasi_tepat(r.diverifikasi_tepat_n, _diajukan(r)),
        layar=True,
        jenis=PERSEN,
    ),
]

KOLOM_PEGAWAI = [
    # On screen the NIP is printed under the name (rekap/_tabel.html).
    Kolom(_("NIP"), attrgetter("pegawai.nip"), jenis=TEKS),
    Kolom(_("Nama"), attrgetter("pegawai.nama_lengkap"), layar=True, jenis=TEKS),
    Kolom(_("Perangkat daerah"), attrgetter("perangkat_daerah.nama"), jenis=TEKS),
    Kolom(_("Unit kerja"), attrgetter("unit_kerja.nama"), layar=True, jenis=TEKS),
    Kolom(_("Partisipasi (%)"), lambda r: rules.partisipasi(r.hari_lapor, r.hari_kerja), layar=True, jenis=PERSEN),
    *_KERJA,
    Kolom(_("Status SKP"), attrgetter("skp_status"), layar=True, jenis=TEKS, pilihan=StatusRekap),
    Kolom(_("Status evaluasi"), attrgetter("evaluasi_status"), jenis=TEKS, pilihan=StatusEvaluasi),
    Kolom(_("Predikat"), attrgetter("predikat"), layar=True, jenis=TEKS, pilihan=Predikat),
    *_DISIPLIN,
]

KOLOM_UNIT = [
    Kolom(_("Tingkat"), attrgetter("tingkat"), jenis=TEKS, pilihan=TingkatRekap),
    Kolom(_("Nama"), _nama_unit, layar=True, jenis=TEKS),
    Kolom(_("Perangkat daerah"), lambda r: r.perangkat_daerah.nama if r.perangkat_daerah_id else "", jenis=TEKS),
    Kolom(_("Pegawai"), attrgetter("pegawai_n"), layar=True),
    Kolom(_("Pegawai yang melapor"), attrgetter("pegawai_lapor_n")),
    Kolom(_("Partisipasi (%)"), lambda r: rules.partisipasi(r.hari_lapor, r.hari_kerja), layar=True, jenis=PERSEN),
    *_KERJA,
    Kolom(_("SKP disetujui"), attrgetter("skp_disetujui_n")),
    Kolom(
        _("SKP disetujui (%)"), lambda r: rules.skp_disetujui(r.skp_disetujui_n, r.pegawai_n), layar=True, jenis=PERSEN
    ),
    Kolom(_("Evaluasi final"), attrgetter("evaluasi_final_n")),
    *(Kolom(p.label, attrgetter(f"predikat_{p.value}_n")) for p in Predikat),
    *_DISIPLIN,
]


def sebaran_predikat(r: RekapUnit) -> list[tuple[str, int]]:
    """(predikat, count) of an aggregate row, for the page's compact distribution."""
    return [(p.label, getattr(r, f"predikat_{p.value}_n")) for p in Predikat]
