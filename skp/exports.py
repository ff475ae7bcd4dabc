"""Exports of the SKP app, on the platform's :class:`~portal.exports.ListExporter` (XLSX/CSV writing and
formula-injection escaping live there)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal.exports import ListExporter

from .choices import StatusRekap


class DaftarNominatifExporter(ListExporter):
    """The daftar nominatif of one OPD (``opd`` ``None``: of every OPD, with a column naming each pegawai's OPD)
    with each pegawai's SKP status and whether it is late, exactly as filtered on the page (all pages).
    ``queryset`` is the view's scoped, filtered :func:`skp.selectors.nominatif.daftar_nominatif`."""

    identifier = "daftar-nominatif-skp"
    judul = _("Daftar nominatif SKP")

    def __init__(self, queryset, *, opd, tahun: int, **kwargs):
        super().__init__(**kwargs)
        self.queryset = queryset
        self.opd = opd
        self.tahun = tahun

    def filename(self, fmt: str) -> str:
        if self.opd is None:
            kode = "semua-opd"
        else:
            kode = (self.opd.singkatan or self.opd.kode or str(self.opd.pk)).lower().replace(" ", "-")
        return f"{self.identifier}-{kode}-{self.tahun}.{fmt}"

    def judul_lengkap(self) -> str:
        opd = self.opd.nama if self.opd is not None else _("Semua perangkat daerah")
        return f"{self.judul} — {opd} — {_('tahun')} {self.tahun}"

    def headers(self):
        return [
            _("No."),
            _("NIP"),
            _("Nama"),
            _("Pangkat/golongan"),
            _("Jabatan"),
            _("Unit kerja"),
            *([_("Perangkat daerah")] if self.opd is None else []),
            _("Tahun"),
            _("Status SKP"),
            _("Terlambat"),
        ]

    def iterate_rows(self):
        label = dict(StatusRekap.choices)
        for nomor, p in enumerate(self.queryset.iterator(chunk_size=2000), start=1):
            unit = p.jabatan.unit_kerja
            yield [
                nomor,
                p.nip,
                p.nama_lengkap,
                p.pangkat_golongan,
                p.jabatan.nama,
                unit.nama,
                *([unit.perangkat_daerah.nama] if self.opd is None else []),
                self.tahun,
                str(label.get(p.status_skp, p.status_skp)),
                str(_("Ya")) if p.skp_terlambat else "",
            ]
