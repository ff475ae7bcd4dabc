"""Exports of the discipline app on the platform's :class:`~portal.exports.ListExporter` (XLSX writing, title row,
formula escaping). Other lists of the app have their exporter in ``exports_<noun>.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal.exports import ListExporter

from .choices import JenisFakta
from .selectors.fakta import KOLOM


class PelaporanExporter(ListExporter):
    """The monthly reporting-discipline table of one OPD exactly as the page shows it (every page of it):
    ``queryset`` is the view's :func:`disiplin.selectors.fakta.pelaporan_bulan`."""

    identifier = "disiplin-pelaporan"
    judul = _("Disiplin pelaporan")

    def __init__(self, queryset, *, opd, tahun: int, bulan: int, nama_bulan: str, **kwargs):
        super().__init__(**kwargs)
        self.queryset = queryset
        self.opd = opd
        self.tahun = tahun
        self.bulan = bulan
        self.nama_bulan = nama_bulan

    def filename(self, fmt: str) -> str:
        kode = (self.opd.singkatan or self.opd.kode or str(self.opd.pk)).lower().replace(" ", "-")
        return f"{self.identifier}-{kode}-{self.tahun}-{self.bulan:02d}.{fmt}"

    def judul_lengkap(self) -> str:
        return f"{self.judul} — {self.opd.nama} — {self.nama_bulan}"

    def headers(self):
        return [_("No."), _("NIP"), _("Nama"), _("Jabatan"), _("Unit kerja"), *(JenisFakta(j).label for j in KOLOM)]

    def iterate_rows(self):
        for nomor, p in enumerate(self.queryset.iterator(chunk_size=2000), start=1):
            yield [
                nomor,
                p.nip,
                p.nama_lengkap,
                p.jabatan.nama if p.jabatan_id else "",
                p.jabatan.unit_kerja.nama if p.jabatan_id else "",
                *(getattr(p, j) for j in KOLOM),
            ]
