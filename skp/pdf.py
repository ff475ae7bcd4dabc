"""The SKP document (PermenPANRB 6/2022, Lampiran: the SKP JPT and SKP JA/JF forms) rendered with WeasyPrint.

One class per document (CONVENTIONS.md, Documents and exports): :class:`SkpPdf` returns ``(filename, mimetype,
bytes)``. What it prints about people comes from :func:`skp.selectors.identitas.identitas_skp`, i.e. the copy frozen at
approval, so a re-render years later prints the same names and positions. An SKP that is not approved is printed
with a "DRAFT — belum disetujui" watermark on every page.

WeasyPrint fetches nothing from the network and no file outside the static directory (:class:`PengambilAman`):
user text is escaped by the template anyway, this is the second line of defence.

Rendering cost is dominated by WeasyPrint's layout. Parsing the stylesheet and setting up fontconfig are paid once
per worker thread (:func:`_gaya`), and the rows of an SKP are read in a constant number of queries
(:func:`skp_untuk_dokumen`), so a batch of a whole OPD costs the same per SKP as one.
"""

from __future__ import annotations

import datetime
import io
import logging
import mimetypes
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import weasyprint
from django.conf import settings
from django.core.files.base import File
from django.db.models import Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from pegawai.models import PerangkatDaerah
from pegawai.nip import format_nip
from portal.arsip import kelompok
from portal.models import Pekerjaan

from .choices import FormatSkp, JenisLampiran, JenisRhk, Pendekatan, SkpStatus
from .models import EkspektasiKhusus, IndikatorKinerjaIndividu, LampiranItem, PerilakuKerja, RencanaHasilKerja, Skp
from .selectors.identitas import identitas_skp
from .selectors.skp import skp_disetujui_opd

# WeasyPrint reports every layout step at INFO ("Step 5 - Creating layout - Page 3"): nine lines per SKP would flood
# a worker's log during an OPD batch. Left alone when the deployment's LOGGING configures that logger itself.
_langkah = logging.getLogger("weasyprint.progress")
if _langkah.level == logging.NOTSET:
    _langkah.setLevel(logging.WARNING)

MIMETYPE = "application/pdf"
TANDA_DRAF = "DRAFT — belum disetujui"


# ---------------------------------------------------------------------------------------------------------------
# WeasyPrint plumbing: a fetcher that only reads the static directory, and the stylesheet parsed once
# ---------------------------------------------------------------------------------------------------------------


class AksesDitolak(ValueError):
    """A resource outside the static directory was requested while rendering (WeasyPrint logs and skips it)."""


def _direktori_statis() -> list[Path]:
    return [Path(d).resolve() for d in settings.STATICFILES_DIRS]


class PengambilAman(URLFetcher):
    """WeasyPrint URL fetcher that serves ``file:`` URLs inside the static directories and refuses everything
    else: http(s), ftp, data, and any file elsewhere (``file:///etc/passwd``, ``../`` or a symlink out of static).

    Government networks are often closed and a document must not leak a request to a third party; a path outside
    static could put a server file into a PDF."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, **kwargs)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise AksesDitolak(f"Sumber luar tidak diizinkan dalam dokumen: {url}")
        path = Path(url2pathname(unquote(parts.path))).resolve()
        for root in _direktori_statis():
            if path.is_relative_to(root) and path.is_file():
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
        raise AksesDitolak(f"Berkas di luar direktori statis tidak diizinkan dalam dokumen: {url}")


_lokal = threading.local()


def _gaya() -> tuple[weasyprint.CSS, FontConfiguration]:
    """The document stylesheet and font configuration, built once per thread and reused by every render.

    Per thread rather than per process: WeasyPrint's font configuration wraps fontconfig/Pango objects that are
    not documented as thread-safe, and the development server renders in request threads (eager Celery)."""
    gaya = getattr(_lokal, "gaya", None)
    if gaya is None:
        fonts = FontConfiguration()
        css = weasyprint.CSS(string=render_to_string("skp/pdf/skp.css"), font_config=fonts, url_fetcher=PengambilAman())
        gaya = _lokal.gaya = (css, fonts)
    return gaya


def _base_url() -> str:
    # Relative references resolve inside the static directory, the only place the fetcher reads.
    return _direktori_statis()[0].as_uri() + "/"


def html_ke_pdf(html: str) -> bytes:
    """Render a complete HTML document with the SKP stylesheet and the restricted fetcher."""
    css, fonts = _gaya()
    document = weasyprint.HTML(string=html, base_url=_base_url(), url_fetcher=PengambilAman())
    return document.write_pdf(stylesheets=[css], font_config=fonts)


# ---------------------------------------------------------------------------------------------------------------
# Reading an SKP with everything the document prints, in a constant number of queries
# ---------------------------------------------------------------------------------------------------------------


def skp_untuk_dokumen(queryset: QuerySet[Skp] | None = None) -> QuerySet[Skp]:
    """``queryset`` (default all SKP) with what the document prints loaded alongside: five queries for any number
    of SKP (SKP with pegawai and jabatan, RHK with the intervened RHK, IKI, lampiran, ekspektasi)."""
    queryset = Skp.objects.all() if queryset is None else queryset
    return queryset.select_related("pegawai", "jabatan__unit_kerja__perangkat_daerah").prefetch_related(
        Prefetch(
            "rhk",
            queryset=RencanaHasilKerja.objects.select_related("intervensi").order_by("jenis", "urutan", "pk"),
        ),
        Prefetch("rhk__iki", queryset=IndikatorKinerjaIndividu.objects.order_by("urutan", "pk")),
        Prefetch("lampiran", queryset=LampiranItem.objects.order_by("jenis", "urutan", "pk")),
        Prefetch("ekspektasi", queryset=EkspektasiKhusus.objects.all()),
    )


def _sudah_dimuat(skp: Skp) -> bool:
    cache = getattr(skp, "_prefetched_objects_cache", {})
    return all(name in cache for name in ("rhk", "lampiran", "ekspektasi"))


# ---------------------------------------------------------------------------------------------------------------
# What the template shows
# ---------------------------------------------------------------------------------------------------------------


@dataclass
class BarisIki:
    aspek: str
    teks: str
    target: str
    ukuran: str


@dataclass
class BarisRhk:
    nomor: int
    teks: str
    intervensi: str
    acuan: str
    perspektif: str
    iki: list[BarisIki]

    @property
    def baris(self) -> list[BarisIki | None]:
        """One table row per IKI; an RHK without IKI still takes one row."""
        return list(self.iki) or [None]

    @property
    def rowspan(self) -> int:
        return len(self.baris)


@dataclass
class BarisPerilaku:
    nomor: int
    nama: str
    panduan: list[str]
    ekspektasi: str


@dataclass
class Identitas:
    nama: str = "-"
    nip: str = "-"
    pangkat_golongan: str = "-"
    jabatan: str = "-"
    unit_kerja: str = "-"
    #: The kepala daerah rating the top JPT: not an ASN, so no NIP or pangkat
    #: (skp.selectors.identitas.identitas_kepala_daerah).
    kepala_daerah: bool = False

    @property
    def ada_nama(self) -> bool:
        """A name to print above the signature (an empty ``KEPALA_DAERAH_NAMA`` leaves the dotted line)."""
        return self.nama != "-"

    @classmethod
    def dari(cls, data: dict | None) -> Identitas:
        if not data:
            return cls()
        unit = data.get("unit_kerja") or ""
        opd = data.get("perangkat_daerah") or ""
        if opd and opd != unit:
            unit = f"{unit}, {opd}" if unit else opd
        return cls(
            nama=data.get("nama") or "-",
            nip=format_nip(data.get("nip") or "") or "-",
            pangkat_golongan=data.get("pangkat_golongan") or "-",
            jabatan=data.get("jabatan") or "-",
            unit_kerja=unit or "-",
            kepala_daerah=bool(data.get("kepala_daerah")),
        )


@dataclass
class KontenSkp:
    judul: str
    pendekatan: str
    bagi: str
    instansi: str
    periode: str
    pegawai: Identitas
    penilai: Identitas
    ada_penilai: bool
    jpt: bool
    kualitatif: bool
    utama: list[BarisRhk]
    tambahan: list[BarisRhk]
    perilaku: list[BarisPerilaku]
    lampiran: list[tuple[str, list[str]]]
    tempat_tanggal: str
    draf: bool
    kaki: str
    versi: int
    #: The reason of a perubahan SKP for the version note; empty for version 1 and older versions without one.
    alasan_perubahan: str = ""
    kolom: int = field(init=False)

    def __post_init__(self):
        if self.jpt:
            self.kolom = 3 if self.kualitatif else 5
        else:
            self.kolom = 3 if self.kualitatif else 6


def _tanggal(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def _periode(skp: Skp) -> str:
    return _("%(mulai)s s.d. %(selesai)s") % {
        "mulai": _tanggal(skp.tanggal_mulai),
        "selesai": _tanggal(skp.tanggal_selesai),
    }


def _baris_rhk(rhk: RencanaHasilKerja, nomor: int, jpt: bool) -> BarisRhk:
    acuan = ""
    if jpt:
        if rhk.acuan:
            label = str(rhk.get_acuan_jenis_display() if rhk.acuan_jenis else _("Acuan"))
            # "Perjanjian Kinerja: …" unless the text already names its source.
            acuan = rhk.acuan if rhk.acuan.lower().startswith(label.lower()) else f"{label}: {rhk.acuan}"
        elif rhk.intervensi_id:
            acuan = _("Mengintervensi RHK atasan: %(teks)s") % {"teks": rhk.intervensi.teks}
    return BarisRhk(
        nomor=nomor,
        teks=rhk.teks,
        intervensi=rhk.intervensi.teks if rhk.intervensi_id else "",
        acuan=acuan,
        perspektif=rhk.get_perspektif_display() if rhk.perspektif else "",
        iki=[
            BarisIki(
                aspek=iki.get_aspek_display() if iki.aspek else "",
                teks=iki.teks,
                target=iki.target_tercetak,
                ukuran=iki.ukuran_keberhasilan,
            )
            for iki in rhk.iki.all()
        ],
    )


def konten_skp(skp: Skp, perilaku: list[PerilakuKerja], hari_ini: datetime.date | None = None) -> KontenSkp:
    """Everything the document shows, as plain values (``skp`` loaded through :func:`skp_untuk_dokumen`)."""
    jpt = skp.format == FormatSkp.JPT
    kualitatif = skp.pendekatan == Pendekatan.KUALITATIF
    identitas = identitas_skp(skp, hari_ini)
    semua_rhk = list(skp.rhk.all())
    utama = [r for r in semua_rhk if r.jenis == JenisRhk.UTAMA]
    tambahan = [r for r in semua_rhk if r.jenis == JenisRhk.TAMBAHAN]
    ekspektasi = {e.perilaku_id: e.teks for e in skp.ekspektasi.all()}
    lampiran: dict[str, list[str]] = {jenis: [] for jenis in JenisLampiran.values}
    for item in skp.lampiran.all():
        lampiran.setdefault(item.jenis, []).append(item.teks)
    draf = skp.status != SkpStatus.DISETUJUI
    kota = settings.INSTANSI_KOTA
    if skp.disetujui_pada and not draf:
        tempat_tanggal = f"{kota}, {_tanggal(timezone.localtime(skp.disetujui_pada).date())}"
    else:
        tempat_tanggal = f"{kota}, ……………………"
    data_pegawai = Identitas.dari(identitas.pegawai)
    return KontenSkp(
        judul=_("SASARAN KINERJA PEGAWAI"),
        pendekatan=(_("PENDEKATAN HASIL KERJA KUALITATIF") if kualitatif else _("PENDEKATAN HASIL KERJA KUANTITATIF")),
        bagi=(
            _("BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI")
            if jpt
            else _("BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL")
        ),
        instansi=settings.INSTANSI_NAMA,
        periode=_periode(skp),
        pegawai=data_pegawai,
        penilai=Identitas.dari(identitas.penilai),
        ada_penilai=bool(identitas.penilai),
        jpt=jpt,
        kualitatif=kualitatif,
        utama=[_baris_rhk(r, i, jpt) for i, r in enumerate(utama, start=1)],
        tambahan=[_baris_rhk(r, i, jpt) for i, r in enumerate(tambahan, start=1)],
        perilaku=[
            BarisPerilaku(nomor=p.urutan, nama=p.nama, panduan=list(p.panduan), ekspektasi=ekspektasi.get(p.pk, ""))
            for p in perilaku
        ],
        lampiran=[(str(label), lampiran.get(jenis, [])) for jenis, label in JenisLampiran.choices],
        tempat_tanggal=tempat_tanggal,
        draf=draf,
        kaki=_("SKP %(tahun)s · %(nama)s · NIP %(nip)s")
        % {"tahun": skp.tahun, "nama": data_pegawai.nama, "nip": data_pegawai.nip},
        versi=skp.versi,
        alasan_perubahan=skp.alasan_perubahan if skp.versi > 1 else "",
    )


# ---------------------------------------------------------------------------------------------------------------
# The document
# ---------------------------------------------------------------------------------------------------------------


def nama_berkas(skp: Skp) -> str:
    """``SKP-2026-196304081992031004.pdf``; a second period of the year and later versions are told apart."""
    nama = f"SKP-{skp.tahun}-{skp.pegawai.nip}"
    if skp.tanggal_mulai != datetime.date(skp.tahun, 1, 1):
        nama += f"-{skp.tanggal_mulai:%m%d}"
    if skp.versi > 1:
        nama += f"-v{skp.versi}"
    if skp.status != SkpStatus.DISETUJUI:
        nama += "-draf"
    return f"{nama}.pdf"


#: Characters a ZIP entry name may not carry on Windows, where most admins open the batch.
_BUKAN_NAMA_BERKAS = str.maketrans({c: " " for c in '\\/:*?"<>|'})


def nama_dalam_zip(skp: Skp, jabatan: bool = False) -> str:
    """``196304081992031004 Budi Santoso - SKP 2026 versi 1.pdf``: the name of one SKP in an OPD's batch ZIP, so an
    admin finds a person by NIP or name in a sorted folder. A period shorter than the year (after a mutasi) says
    which; ``jabatan`` adds the position, for two SKP of one person over the same period (own and Plt)."""
    with translation.override(settings.LANGUAGE_CODE):  # Indonesian month names whatever the worker's language
        return _nama_dalam_zip(skp, jabatan)


def _nama_dalam_zip(skp: Skp, jabatan: bool) -> str:
    nama = " ".join(skp.pegawai.nama.translate(_BUKAN_NAMA_BERKAS).split())
    bagian = [f"{skp.pegawai.nip} {nama} - SKP {skp.tahun}"]
    if (skp.tanggal_mulai, skp.tanggal_selesai) != (datetime.date(skp.tahun, 1, 1), datetime.date(skp.tahun, 12, 31)):
        bagian.append(
            _("%(mulai)s sampai %(selesai)s")
            % {
                "mulai": date_format(skp.tanggal_mulai, "j F"),
                "selesai": date_format(skp.tanggal_selesai, "j F"),
            }
        )
    if jabatan:
        bagian.append(" ".join(skp.jabatan.nama.translate(_BUKAN_NAMA_BERKAS).split()))
    bagian.append(_("versi %(versi)s") % {"versi": skp.versi})
    if skp.status != SkpStatus.DISETUJUI:
        bagian.append(_("draf"))
    return " ".join(bagian) + ".pdf"


class SkpPdf:
    """The SKP of one pegawai in the official layout, A4 landscape.

    ``perilaku`` (the seven BerAKHLAK values) may be passed in when rendering many SKP; ``hari_ini`` fixes the
    day used for the identity blocks of an SKP that is not approved yet (default today)."""

    template_name = "skp/pdf/skp.html"

    def __init__(
        self,
        skp: Skp,
        *,
        perilaku: list[PerilakuKerja] | None = None,
        hari_ini: datetime.date | None = None,
    ):
        self.skp = skp if _sudah_dimuat(skp) else skp_untuk_dokumen().get(pk=skp.pk)
        self.perilaku = perilaku if perilaku is not None else list(PerilakuKerja.objects.order_by("urutan"))
        self.hari_ini = hari_ini

    @property
    def filename(self) -> str:
        return nama_berkas(self.skp)

    def html(self) -> str:
        # Documents are Indonesian whatever the language of the worker that renders them.
        with translation.override(settings.LANGUAGE_CODE):
            konten = konten_skp(self.skp, self.perilaku, self.hari_ini)
            return render_to_string(self.template_name, {"s": konten, "TANDA_DRAF": TANDA_DRAF})

    def render(self) -> tuple[str, str, bytes]:
        return self.filename, MIMETYPE, html_ke_pdf(self.html())


# ---------------------------------------------------------------------------------------------------------------
# Builders for portal.jobs (the Celery tasks in skp.tasks call these through jalankan_pekerjaan)
# ---------------------------------------------------------------------------------------------------------------


def berkas_skp(job: Pekerjaan, progres: Callable[[int, int], None]) -> tuple[str, bytes]:
    """Job builder: the PDF of the SKP in ``job.parameter["skp"]``."""
    progres(0, 1)
    filename, _mime, content = SkpPdf(skp_untuk_dokumen().get(pk=job.parameter["skp"])).render()
    progres(1, 1)
    return filename, content


#: SKP per part of an OPD batch (portal.jobs, "Jobs split into parts"): small enough that the workers finish close
#: together (only the last part runs alone), large enough that reading a part's rows and storing its file cost
#: little beside rendering it.
UKURAN_BAGIAN = 25


def rencana_skp_opd(job: Pekerjaan) -> tuple[list[list[int]], int]:
    """Plan of the batch job of ``job.parameter["opd"]`` for ``job.parameter["tahun"]``: its approved SKP, as far
    as the job's owner may see them, in parts of :data:`UKURAN_BAGIAN` pks (one empty part for none), and their
    number."""
    from .selectors.skp import skp_visible_to

    tahun = int(job.parameter["tahun"])
    pks = list(
        skp_disetujui_opd(job.parameter["opd"], tahun)
        .filter(pk__in=skp_visible_to(job.user).values("pk"))
        .order_by("jabatan__unit_kerja__nama", "pegawai__nama", "tanggal_mulai", "pk")
        .values_list("pk", flat=True)
    )
    return list(kelompok(pks, UKURAN_BAGIAN)) or [[]], len(pks)


def bagian_skp(pks: list[int], maju: Callable[[], None]) -> bytes:
    """One part of a batch: a ZIP (stored, not compressed: :func:`rakit_skp_opd` compresses once) of the PDF of each
    SKP of ``pks`` still there, in that order, calling ``maju()`` after each. An entry's comment holds its second
    name (:func:`nama_dalam_zip` with the position) for when the first is taken in another part."""
    perilaku = list(PerilakuKerja.objects.order_by("urutan"))
    by_pk = {s.pk: s for s in skp_untuk_dokumen(Skp.objects.filter(pk__in=pks))}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as arsip:
        for pk in pks:
            skp = by_pk.get(pk)  # deleted since the job was planned: skipped
            if skp is not None:
                _nama, _mime, content = SkpPdf(skp, perilaku=perilaku).render()
                info = zipfile.ZipInfo(nama_dalam_zip(skp), date_time=time.localtime()[:6])
                info.comment = nama_dalam_zip(skp, jabatan=True).encode()
                arsip.writestr(info, content)
            maju()
    return buffer.getvalue()


def rakit_skp_opd(job: Pekerjaan, bagian: Iterator[File]) -> tuple[str, File]:
    """The batch's ZIP from its parts, in order, written to a temporary file: a city's batch is hundreds of MB."""
    hasil = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the job, which saves and then drops it
    dipakai: set[str] = set()
    with zipfile.ZipFile(hasil, "w", compression=zipfile.ZIP_DEFLATED) as arsip:
        for berkas in bagian:
            with zipfile.ZipFile(berkas) as potongan:
                for info in potongan.infolist():
                    nama = info.comment.decode() if info.filename in dipakai else info.filename
                    dipakai.add(nama)
                    arsip.writestr(nama, potongan.read(info))
    hasil.seek(0)
    opd = PerangkatDaerah.objects.get(pk=job.parameter["opd"])
    filename = f"SKP-{int(job.parameter['tahun'])}-{opd.singkatan or opd.kode}.zip"
    return filename, File(hasil, name=filename)
