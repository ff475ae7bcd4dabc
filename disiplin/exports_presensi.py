"""The attendance recap as XLSX (:class:`RekapPresensiExporter`): the rows the recap page shows for one OPD and year,
with the same filter (the page's export, access-logged by the view)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal.exports import ListExporter

from .selectors.presensi import RekapPresensi


class RekapPresensiExporter(ListExporter):
    identifier = "rekap-presensi"
    judul = _("Rekap presensi dan rekomendasi hukuman disiplin")

    def __init__(self, rekap: list[RekapPresensi], *, lingkup: str, **kwargs):
        super().__init__(**kwargs)
        self.rekap = rekap
        self.lingkup = lingkup

    def judul_lengkap(self) -> str:
        return f"{self.judul} — {self.lingkup}"

    def headers(self):
        return [
            _("No"),
            _("NIP"),
            _("Nama"),
            _("Unit kerja"),
            _("Hari tidak masuk tanpa keterangan"),
            _("Hari berturut-turut terpanjang"),
            _("Menit terlambat"),
            _("Menit pulang cepat"),
            _("Hari setara"),
            _("Rekomendasi (bukan keputusan)"),
            _("Ambang berikut (hari)"),
            _("Kurang (hari)"),
        ]

    def iterate_rows(self):
        for no, r in enumerate(self.rekap, start=1):
            yield [
                no,
                r.pegawai.nip,
                r.pegawai.nama_lengkap,
                r.pegawai.jabatan.unit_kerja.nama,
                r.hari_tidak_masuk,
                r.hari_berturut,
                r.menit_terlambat,
                r.menit_pulang_cepat,
                r.hari_setara,
                r.rekomendasi.label if r.rekomendasi else "",
                r.ambang[0] if r.ambang else "",
                r.jarak if r.jarak is not None else "",
            ]
