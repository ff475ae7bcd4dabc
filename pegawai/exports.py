"""Exports of the pegawai app, on the platform's :class:`~portal.exports.ListExporter` (XLSX/CSV writing)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal.exports import ListExporter


class PegawaiExporter(ListExporter):
    """The pegawai list as filtered on screen. ``queryset`` must already be scoped and filtered by the view."""

    identifier = "daftar-pegawai"
    judul = _("Daftar pegawai")

    def __init__(self, queryset, **kwargs):
        super().__init__(**kwargs)
        self.queryset = queryset

    def headers(self):
        return [
            _("NIP"),
            _("Nama lengkap"),
            _("Status"),
            _("Golongan"),
            _("Jenis kelamin"),
            _("Jabatan"),
            _("Jenis jabatan"),
            _("Kelas jabatan"),
            _("Unit kerja"),
            _("Perangkat daerah"),
            _("TMT CPNS/PPPK"),
            _("Aktif"),
        ]

    def iterate_rows(self):
        # iterator(chunk_size) keeps memory flat on a city-wide export; select_related keeps it one query per
        # chunk rather than one per row.
        qs = self.queryset.select_related("jabatan__unit_kerja__perangkat_daerah")
        for p in qs.iterator(chunk_size=2000):
            jabatan = p.jabatan
            yield [
                p.nip,
                p.nama_lengkap,
                p.get_status_display(),
                p.golongan,
                p.get_jenis_kelamin_display(),
                jabatan.nama,
                jabatan.get_jenis_display(),
                jabatan.kelas_jabatan,
                jabatan.unit_kerja.nama,
                jabatan.unit_kerja.perangkat_daerah.nama,
                p.tmt_cpns,
                _("ya") if p.aktif else _("tidak"),
            ]


class SandiSementaraExporter(ListExporter):
    """The list of temporary passwords just issued (pegawai.services.akun_massal), as the XLSX handed to the
    admin once. Built from the service's result, never from stored data: the passwords exist nowhere else."""

    identifier = "kata-sandi-sementara"
    judul = _("Kata sandi sementara")

    def __init__(self, daftar, **kwargs):
        super().__init__(**kwargs)
        self.daftar = daftar

    def headers(self):
        return [_("NIP"), _("Nama"), _("Jabatan"), _("Unit kerja"), _("Kata sandi sementara")]

    def iterate_rows(self):
        for s in self.daftar:
            yield [s.nip, s.nama, s.jabatan, s.unit_kerja, s.sandi]
