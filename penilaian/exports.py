"""Exports of the evaluation app on the platform's :class:`~portal.exports.ListExporter` (XLSX writing, the title
row, the frozen header, the autofilter and the formula-injection escaping live there).

:class:`SiasnExporter` writes the SIASN upload of one period (:func:`penilaian.selectors.siasn.ekspor_siasn`) as
XLSX — the rows under their SIASN field names, and a second sheet naming every pegawai that could not be exported
with the reason — or as JSON, a list of objects with the same keys for an upload through BKN's API."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.exports import ExportFile, ListExporter

from .selectors.siasn import EksporSiasn, JenisEksporSiasn

JSON_MIMETYPE = "application/json; charset=utf-8"
#: The formats of the SIASN export: XLSX for a person, JSON for BKN's API.
FORMAT_SIASN = ("xlsx", "json")


class DitolakExporter(ListExporter):
    """The rows of an export that could not be exported, with the reason (the XLSX's second sheet)."""

    identifier = "tidak-dapat-diekspor"
    judul = gettext_lazy("Tidak dapat diekspor")

    def __init__(self, ditolak, *, judul_lengkap: str, **kwargs):
        super().__init__(**kwargs)
        self.ditolak = ditolak
        self._judul_lengkap = judul_lengkap

    def judul_lengkap(self) -> str:
        return self._judul_lengkap

    def headers(self):
        return [_("No."), _("Nama"), _("NIP"), _("Unit kerja"), _("Perangkat daerah"), _("Alasan")]

    def iterate_rows(self):
        for nomor, d in enumerate(self.ditolak, start=1):
            yield [nomor, d.nama, d.nip, d.unit_kerja, d.perangkat_daerah, d.alasan]


class SiasnExporter(ListExporter):
    """One period's SIASN upload for an OPD or the city. The header row holds SIASN's field names exactly (the
    upload matches columns by name); the title row above it says in words what the file is."""

    identifier = "siasn"

    def __init__(self, data: EksporSiasn, **kwargs):
        super().__init__(**kwargs)
        self.data = data
        # The sheet's name: the upload it is for.
        self.judul = f"SIASN {data.jenis}"

    def _lingkup(self) -> str:
        return self.data.opd.nama if self.data.opd is not None else _("Semua perangkat daerah")

    def judul_lengkap(self) -> str:
        if self.data.jenis == JenisEksporSiasn.SKP22:
            isi = _("Hasil kinerja tahunan untuk SIASN (skp22)")
        else:
            isi = _("Hasil kinerja periodik untuk SIASN (kinerjaperiodik)")
        return f"{isi} — {self.data.periode.nama} — {self._lingkup()}"

    def filename(self, fmt: str) -> str:
        p = self.data.periode
        if self.data.opd is None:
            kode = "semua-opd"
        else:
            opd = self.data.opd
            kode = (opd.singkatan or opd.kode or str(opd.pk)).lower().replace(" ", "-")
        return f"siasn-{self.data.jenis}-{p.tahun}-{p.jenis}-{p.nomor}-{kode}.{fmt}"

    def headers(self):
        return list(self.data.kolom)

    def iterate_rows(self):
        for baris in self.data.baris:
            yield [baris[k] for k in self.data.kolom]

    def lembar_tambahan(self):
        judul = _("Tidak dapat diekspor — %(periode)s — %(lingkup)s") % {
            "periode": self.data.periode.nama,
            "lingkup": self._lingkup(),
        }
        return [DitolakExporter(self.data.ditolak, judul_lengkap=judul)]

    def render(self, fmt: str) -> ExportFile:
        if fmt != "json":
            return super().render(fmt)
        # The rows as they are (JSON carries no formulas); names with é or ʼ stay readable (ensure_ascii=False).
        content = json.dumps(self.data.baris, ensure_ascii=False, indent=1).encode("utf-8")
        return ExportFile(
            filename=self.filename(fmt), mimetype=JSON_MIMETYPE, content=content, jumlah_baris=len(self.data.baris)
        )
