"""The Satyalancana Karya Satya proposal (usulan) on the platform's :class:`~portal.exports.ListExporter`: the
eligible list of :func:`disiplin.selectors.satyalancana.daftar_layak` in the columns of an usulan. The page's
download and ``manage.py satyalancana --format xlsx`` write the same file; the command's CSV has its own plain
columns (:data:`KOLOM_CSV`) for scripts."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.exports import ListExporter, escape_cell

from .selectors.satyalancana import Baris

#: The header of ``manage.py satyalancana --format csv``, exactly (scripts read the columns by these names).
KOLOM_CSV = ("nip", "nama", "jabatan", "unit_kerja", "tingkat", "masa_kerja_tahun", "layak_sejak")


def baris_csv(b: Baris) -> list:
    """One row in the order of :data:`KOLOM_CSV`: the level as X/XX/XXX, the date in ISO form; text that a
    spreadsheet would run as a formula is escaped."""
    isi = [b.nip, b.nama, b.jabatan, b.unit_kerja, str(b.tingkat), b.masa_kerja_tahun, b.layak_sejak.isoformat()]
    return [escape_cell(v) for v in isi]


def _unit(b: Baris) -> str:
    # The proposal leaves the portal: a unit's name alone ("Seksi Satu") does not say where the pegawai works.
    if b.unit_kerja == b.perangkat_daerah:
        return b.unit_kerja
    return f"{b.unit_kerja}, {b.perangkat_daerah}"


class UsulanSatyalancanaExporter(ListExporter):
    """The proposal list of one date for an OPD or the whole city: no, nama, NIP, pangkat/gol, jabatan, unit kerja,
    tingkat (X/XX/XXX as the usulan writes it), masa kerja in whole years on the date."""

    identifier = "usulan-satyalancana"
    judul = gettext_lazy("Usulan Satyalancana")

    def __init__(self, baris: list[Baris], *, per: datetime.date, lingkup: str, kode: str = "semua-opd", **kwargs):
        super().__init__(**kwargs)
        self.baris = baris
        self.per = per
        self.lingkup = lingkup
        self.kode = kode

    def judul_lengkap(self) -> str:
        return _("Usulan Satyalancana Karya Satya per %(per)s — %(lingkup)s") % {
            "per": date_format(self.per, "j F Y"),
            "lingkup": self.lingkup,
        }

    def filename(self, fmt: str) -> str:
        return f"{self.identifier}-{self.kode}-{self.per:%Y%m%d}.{fmt}"

    def headers(self):
        return [
            _("No."),
            _("Nama"),
            _("NIP"),
            _("Pangkat/Gol."),
            _("Jabatan"),
            _("Unit kerja"),
            _("Tingkat"),
            _("Masa kerja (tahun)"),
        ]

    def iterate_rows(self):
        for nomor, b in enumerate(self.baris, start=1):
            yield [
                nomor,
                b.nama,
                b.nip,
                b.pangkat_golongan,
                b.jabatan,
                _unit(b),
                str(b.tingkat),
                b.masa_kerja_tahun,
            ]
