"""The Dokumen Evaluasi Kinerja Pegawai (DEKP, PermenPANRB 6/2022 Lampiran; docs/ATURAN.md "Penilaian") of one final
evaluation, its storage on the evaluation, and the batch of an OPD and period as a ZIP.

One class per document (CONVENTIONS.md, Documents and exports): :class:`DekpPdf` returns ``(filename, mimetype,
bytes)``. It prints only what was frozen at finalisation — the identities of the pegawai, the pejabat penilai and
the atasan pejabat penilai, the capaian kinerja organisasi and its pattern — next to the ratings and feedback,
which a final evaluation no longer changes; so a re-render years later prints the same document. Rendering reuses
the SKP document's WeasyPrint plumbing (:func:`skp.pdf.html_ke_pdf`: the stylesheet parsed once per thread, the
fetcher that reads nothing outside the static directory); the DEKP's own rules sit in the page's ``<style>``.

:func:`dekp_simpan` renders and stores the document once per final state (the Celery task after finalising, the
download when the task has not run yet, the OPD batch for what is missing).
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pegawai.models import PerangkatDaerah
from portal.arsip import zip_bertahap
from portal.models import Pekerjaan
from skp.choices import FormatSkp, JenisRhk, Pendekatan
from skp.models import EkspektasiKhusus, IndikatorKinerjaIndividu
from skp.pdf import MIMETYPE, Identitas, html_ke_pdf

from .choices import CapaianOrganisasi, Predikat, Rating, StatusEvaluasi
from .models import Evaluasi, EvaluasiRhk, PeriodePenilaian, UmpanBalikPerilaku

# ---------------------------------------------------------------------------------------------------------------
# Reading an evaluation with everything the document prints, in a constant number of queries
# ---------------------------------------------------------------------------------------------------------------


def evaluasi_untuk_dokumen(queryset: QuerySet[Evaluasi] | None = None) -> QuerySet[Evaluasi]:
    """``queryset`` (default all evaluations) with what the document prints loaded alongside: five queries for any
    number of evaluations (evaluation with period, pegawai and SKP; RHK with the intervened RHK; IKI; BerAKHLAK
    feedback with its value; the SKP's ekspektasi)."""
    queryset = Evaluasi.objects.all() if queryset is None else queryset
    return queryset.select_related("periode", "pegawai", "skp__jabatan").prefetch_related(
        Prefetch(
            "rhk",
            queryset=EvaluasiRhk.objects.select_related("rhk__intervensi").order_by("rhk__jenis", "urutan", "pk"),
        ),
        Prefetch("rhk__rhk__iki", queryset=IndikatorKinerjaIndividu.objects.order_by("urutan", "pk")),
        Prefetch(
            "perilaku", queryset=UmpanBalikPerilaku.objects.select_related("perilaku").order_by("perilaku__urutan")
        ),
        Prefetch("skp__ekspektasi", queryset=EkspektasiKhusus.objects.all()),
    )


def _sudah_dimuat(evaluasi: Evaluasi) -> bool:
    cache = getattr(evaluasi, "_prefetched_objects_cache", {})
    return "rhk" in cache and "perilaku" in cache


# ---------------------------------------------------------------------------------------------------------------
# What the template shows
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class BarisRhk:
    nomor: int
    teks: str
    intervensi: str
    iki: list[str]
    realisasi: str
    umpan_balik: str


@dataclass
class BarisPerilaku:
    nomor: int
    nama: str
    panduan: list[str]
    ekspektasi: str
    umpan_balik: str


@dataclass
class KontenDekp:
    judul: str
    pendekatan: str
    bagi: str
    instansi: str
    periode: str
    rentang: str
    pegawai: Identitas
    penilai: Identitas
    atasan_penilai: Identitas
    capaian: str
    pola: list[str]
    utama: list[BarisRhk]
    tambahan: list[BarisRhk]
    perilaku: list[BarisPerilaku]
    rating_hasil: str
    rating_perilaku: str
    predikat: str
    catatan: str
    tempat_tanggal: str
    kaki: str


def _tanggal(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def _baris_rhk(er: EvaluasiRhk, nomor: int) -> BarisRhk:
    rhk = er.rhk
    iki = []
    for item in rhk.iki.all():
        target = item.target_tercetak
        iki.append(_("%(iki)s (target %(target)s)") % {"iki": item.teks, "target": target} if target else item.teks)
    return BarisRhk(
        nomor=nomor,
        teks=rhk.teks,
        intervensi=rhk.intervensi.teks if rhk.intervensi_id else "",
        iki=iki,
        realisasi=er.realisasi or er.realisasi_saran,
        umpan_balik=er.umpan_balik,
    )


def _label(choices, value) -> str:
    return str(choices(value).label) if value is not None else "-"


def konten_dekp(evaluasi: Evaluasi) -> KontenDekp:
    """Everything the document shows, as plain values (``evaluasi`` loaded through :func:`evaluasi_untuk_dokumen`)."""
    skp = evaluasi.skp
    periode = evaluasi.periode
    semua_rhk = list(evaluasi.rhk.all())
    utama = [er for er in semua_rhk if er.rhk.jenis == JenisRhk.UTAMA]
    tambahan = [er for er in semua_rhk if er.rhk.jenis != JenisRhk.UTAMA]
    ekspektasi = {e.perilaku_id: e.teks for e in skp.ekspektasi.all()}
    pegawai = Identitas.dari(evaluasi.identitas_pegawai)
    final_pada = timezone.localtime(evaluasi.difinalkan_pada).date() if evaluasi.difinalkan_pada else None
    return KontenDekp(
        judul=_("DOKUMEN EVALUASI KINERJA PEGAWAI"),
        pendekatan=(
            _("PENDEKATAN HASIL KERJA KUALITATIF")
            if skp.pendekatan == Pendekatan.KUALITATIF
            else _("PENDEKATAN HASIL KERJA KUANTITATIF")
        ),
        bagi=(
            _("BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI")
            if skp.format == FormatSkp.JPT
            else _("BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL")
        ),
        instansi=settings.INSTANSI_NAMA,
        periode=(_("EVALUASI AKHIR TAHUN %(tahun)s") % {"tahun": periode.tahun})
        if periode.tahunan
        else (_("PERIODE %(nama)s") % {"nama": periode.nama.upper()}),
        rentang=_("%(mulai)s s.d. %(selesai)s")
        % {"mulai": _tanggal(periode.tanggal_mulai), "selesai": _tanggal(periode.tanggal_selesai)},
        pegawai=pegawai,
        penilai=Identitas.dari(evaluasi.identitas_penilai),
        atasan_penilai=Identitas.dari(evaluasi.identitas_atasan_penilai),
        capaian=_label(CapaianOrganisasi, evaluasi.capaian_organisasi),
        pola=[str(p) for p in evaluasi.pola_distribusi or []],
        utama=[_baris_rhk(er, i) for i, er in enumerate(utama, start=1)],
        tambahan=[_baris_rhk(er, i) for i, er in enumerate(tambahan, start=1)],
        perilaku=[
            BarisPerilaku(
                nomor=ub.perilaku.urutan,
                nama=ub.perilaku.nama,
                panduan=list(ub.perilaku.panduan),
                ekspektasi=ekspektasi.get(ub.perilaku_id, ""),
                umpan_balik=ub.teks,
            )
            for ub in evaluasi.perilaku.all()
        ],
        rating_hasil=_label(Rating, evaluasi.rating_hasil),
        rating_perilaku=_label(Rating, evaluasi.rating_perilaku),
        predikat=_label(Predikat, evaluasi.predikat),
        catatan=evaluasi.catatan_penilai,
        tempat_tanggal=f"{settings.INSTANSI_KOTA}, {_tanggal(final_pada) if final_pada else '……………………'}",
        kaki=_("DEKP %(periode)s · %(nama)s · NIP %(nip)s")
        % {"periode": periode.nama, "nama": pegawai.nama, "nip": pegawai.nip},
    )


# ---------------------------------------------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------------------------------------------

#: Characters a file or ZIP entry name may not carry on Windows, where most admins open the batch.
_BUKAN_NAMA_BERKAS = str.maketrans({c: " " for c in '\\/:*?"<>|'})


def _bersih(teks: str) -> str:
    return " ".join(teks.translate(_BUKAN_NAMA_BERKAS).split())


def _nip(evaluasi: Evaluasi) -> str:
    return (evaluasi.identitas_pegawai or {}).get("nip") or evaluasi.pegawai.nip


def _sebagian(evaluasi: Evaluasi) -> bool:
    # The SKP covers only part of the period (a mutasi inside it): the pegawai has a second evaluation then.
    return evaluasi.skp.tanggal_mulai > evaluasi.periode.tanggal_mulai


def nama_berkas(evaluasi: Evaluasi) -> str:
    """``DEKP_Triwulan-I-2026_199001012020011001.pdf``: found by period and NIP; the second SKP of a period split by
    a mutasi adds the day it starts (``_0401``)."""
    with translation.override(settings.LANGUAGE_CODE):
        periode = "-".join(_bersih(evaluasi.periode.nama).split())
    nama = f"DEKP_{periode}_{_nip(evaluasi)}"
    if _sebagian(evaluasi):
        nama += f"_{evaluasi.skp.tanggal_mulai:%m%d}"
    return f"{nama}.pdf"


def nama_dalam_zip(evaluasi: Evaluasi, jabatan: bool = False) -> str:
    """``199001012020011001 Budi Santoso - DEKP Triwulan I 2026.pdf``: an admin finds a person by NIP or name in
    a sorted folder; ``jabatan`` adds the SKP's position for a second evaluation of one person in the period."""
    with translation.override(settings.LANGUAGE_CODE):
        nama = (evaluasi.identitas_pegawai or {}).get("nama") or evaluasi.pegawai.nama
        bagian = [f"{_nip(evaluasi)} {_bersih(nama)} - DEKP {evaluasi.periode.nama}"]
        if _sebagian(evaluasi):
            bagian.append(_("mulai %(tanggal)s") % {"tanggal": date_format(evaluasi.skp.tanggal_mulai, "j F")})
        if jabatan:
            bagian.append(_bersih(evaluasi.skp.jabatan.nama))
    return " ".join(bagian) + ".pdf"


class DekpPdf:
    """The DEKP of one final evaluation, A4 landscape like the SKP it evaluates. A draft or rated evaluation is
    refused: its ratings may still change, and the document is what the pegawai signs."""

    template_name = "penilaian/dekp/dekp.html"

    def __init__(self, evaluasi: Evaluasi):
        if evaluasi.status != StatusEvaluasi.FINAL:
            raise ValueError(f"Evaluasi {evaluasi.pk} belum final: dokumennya belum dapat dibuat.")
        self.evaluasi = evaluasi if _sudah_dimuat(evaluasi) else evaluasi_untuk_dokumen().get(pk=evaluasi.pk)

    @property
    def filename(self) -> str:
        return nama_berkas(self.evaluasi)

    def html(self) -> str:
        # Documents are Indonesian whatever the language of the worker that renders them.
        with translation.override(settings.LANGUAGE_CODE):
            return render_to_string(self.template_name, {"d": konten_dekp(self.evaluasi)})

    def render(self) -> tuple[str, str, bytes]:
        return self.filename, MIMETYPE, html_ke_pdf(self.html())


# ---------------------------------------------------------------------------------------------------------------
# Storing the document of a final evaluation, once
# ---------------------------------------------------------------------------------------------------------------


def _jalur_dokumen() -> str:
    # A random path that says nothing about the pegawai (as the evidence files); the download names the file.
    kode = uuid.uuid4().hex
    return f"dekp/{kode[:2]}/{kode}.pdf"


def dekp_simpan(evaluasi_id: int) -> Evaluasi | None:
    """The evaluation with its stored document, rendering and storing it when it is final and has none; ``None``
    when it is not final (never finalised, or reopened before this run).

    Idempotent under concurrency: the evaluation's row is locked while the document is rendered and stored, so a
    second run (the task redelivered, a download racing the task) waits and then finds the document, and a reopening
    waits for the lock and then deletes the file with the state it ends. One document renders in well under a
    second, so the lock is short."""
    with transaction.atomic():
        evaluasi = Evaluasi.objects.select_for_update().filter(pk=evaluasi_id).first()
        if evaluasi is None or evaluasi.status != StatusEvaluasi.FINAL:
            return None
        if evaluasi.dokumen:
            return evaluasi
        _nama, _mime, content = DekpPdf(evaluasi_untuk_dokumen().get(pk=evaluasi_id)).render()
        storage = evaluasi.dokumen.storage
        nama = storage.save(_jalur_dokumen(), ContentFile(content))
        try:
            dibuat = timezone.now()
            # An UPDATE, not save(): rendering is no change of the evaluation to audit.
            Evaluasi.objects.filter(pk=evaluasi_id).update(dokumen=nama, dokumen_dibuat_pada=dibuat)
        except Exception:  # the row was not updated: do not leave an orphan file behind
            storage.delete(nama)
            raise
        evaluasi.dokumen.name = nama
        evaluasi.dokumen_dibuat_pada = dibuat
    return evaluasi


# ---------------------------------------------------------------------------------------------------------------
# The batch of an OPD and period (a builder for portal.jobs; the Celery task in penilaian.tasks calls it)
# ---------------------------------------------------------------------------------------------------------------


def evaluasi_final_opd(opd: PerangkatDaerah, periode: PeriodePenilaian) -> QuerySet[Evaluasi]:
    """The final evaluations of ``periode`` whose SKP belongs to a position of ``opd`` (where the pegawai worked in
    that period, even if they moved since)."""
    return Evaluasi.objects.filter(
        periode=periode, status=StatusEvaluasi.FINAL, skp__jabatan__unit_kerja__perangkat_daerah=opd
    )


def _isi_dokumen(evaluasi: Evaluasi) -> bytes | None:
    """The stored document's bytes, stored first when missing; ``None`` when the evaluation is no longer final."""
    if not evaluasi.dokumen:
        evaluasi = dekp_simpan(evaluasi.pk)
        if evaluasi is None:
            return None
    with evaluasi.dokumen.open("rb") as berkas:
        return berkas.read()


def zip_dekp(pks: list[int], progres: Callable[[int, int], None]) -> bytes:
    """One ZIP with the DEKP of each evaluation in ``pks`` (in that order), reporting progress after each. Stored
    documents are copied; missing ones are rendered and stored on the way, one at a time; an evaluation reopened
    since the job was listed is left out."""

    def isi(evaluasi: Evaluasi) -> tuple[tuple[str, str], bytes] | None:
        content = _isi_dokumen(evaluasi)
        if content is None:
            return None
        return (nama_dalam_zip(evaluasi), nama_dalam_zip(evaluasi, jabatan=True)), content

    return zip_bertahap(
        pks,
        ambil=lambda grup: {
            e.pk: e for e in Evaluasi.objects.filter(pk__in=grup).select_related("periode", "pegawai", "skp__jabatan")
        },
        isi=isi,
        progres=progres,
    )


def berkas_dekp_opd(job: Pekerjaan, progres: Callable[[int, int], None]) -> tuple[str, bytes]:
    """Job builder: the DEKP of the final evaluations of ``job.parameter["opd"]`` for ``job.parameter["periode"]``
    in one ZIP, as limited to what the job's owner may see."""
    from .selectors.evaluasi import evaluasi_visible_to

    opd = PerangkatDaerah.objects.get(pk=job.parameter["opd"])
    periode = PeriodePenilaian.objects.get(pk=job.parameter["periode"])
    pks = list(
        evaluasi_final_opd(opd, periode)
        .filter(pk__in=evaluasi_visible_to(job.user).values("pk"))
        .order_by("skp__jabatan__unit_kerja__nama", "pegawai__nama", "skp__tanggal_mulai", "pk")
        .values_list("pk", flat=True)
    )
    with translation.override(settings.LANGUAGE_CODE):
        label = "-".join(_bersih(periode.nama).split())
    return f"DEKP_{label}_{_bersih(opd.singkatan or opd.kode)}.zip", zip_dekp(pks, progres)
