"""``manage.py satyalancana --per YYYY-MM-DD [--opd KODE] [--format csv|xlsx]``: the Satyalancana Karya Satya
eligible list of the page and its proposal download (:func:`disiplin.selectors.satyalancana.daftar_layak`) written
to standard output — CSV with the columns of :data:`disiplin.exports_satyalancana.KOLOM_CSV` for scripts, or the
usulan XLSX as bytes (``> usulan.xlsx``). Each run is written to the access log, as the page's download is."""

from __future__ import annotations

import csv
import datetime
import io
import re

from django.core.management.base import BaseCommand, CommandError

from pegawai.models import PerangkatDaerah
from portal.akseslog import catat_akses
from portal.choices import JenisAkses

from ...exports_satyalancana import KOLOM_CSV, UsulanSatyalancanaExporter, baris_csv
from ...selectors.satyalancana import daftar_layak

FORMAT = ("csv", "xlsx")
_TANGGAL = re.compile(r"\d{4}-\d{2}-\d{2}")


def _tanggal(nilai: str | None) -> datetime.date:
    # fromisoformat alone also takes "20260101" and week dates; the command promises YYYY-MM-DD only.
    if not nilai:
        raise CommandError("Tanggal --per wajib diisi, dalam bentuk YYYY-MM-DD (misalnya --per 2026-08-17).")
    if not _TANGGAL.fullmatch(nilai):
        raise CommandError(f"Tanggal --per {nilai!r} tidak sah: tulis dalam bentuk YYYY-MM-DD (misalnya 2026-08-17).")
    try:
        return datetime.date.fromisoformat(nilai)
    except ValueError:
        raise CommandError(f"Tanggal --per {nilai!r} tidak ada di kalender.") from None


class Command(BaseCommand):
    help = (
        "Daftar PNS yang layak diusulkan menerima Satyalancana Karya Satya pada suatu tanggal, ditulis ke keluaran "
        "standar sebagai CSV atau XLSX usulan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--per", metavar="YYYY-MM-DD", help="Tanggal daftar (wajib).")
        parser.add_argument("--opd", metavar="KODE", help="Kode perangkat daerah; tanpa ini: semua perangkat daerah.")
        # Checked in handle(), not by argparse's choices, so the refusal is worded in Indonesian.
        parser.add_argument("--format", default="csv", help="csv (bawaan) atau xlsx.")

    def handle(self, *args, per, opd, format, **options):
        tanggal = _tanggal(per)
        fmt = (format or "").lower()
        if fmt not in FORMAT:
            raise CommandError(f"Format {format!r} tidak dikenal: pilih csv atau xlsx.")
        perangkat = None
        if opd is not None:
            perangkat = PerangkatDaerah.objects.filter(kode=opd).first()
            if perangkat is None:
                raise CommandError(f"Perangkat daerah berkode {opd!r} tidak ditemukan.")
        # Where the bytes go is checked before any work: a text-only stream cannot carry an XLSX.
        keluaran = getattr(self.stdout._out, "buffer", None) if fmt == "xlsx" else None
        if fmt == "xlsx" and keluaran is None:
            raise CommandError("Keluaran standar tidak menerima data biner; gunakan --format csv.")

        baris = daftar_layak(tanggal, {perangkat.pk} if perangkat else None)
        lingkup = perangkat.nama if perangkat else "Semua perangkat daerah"
        if fmt == "csv":
            teks = io.StringIO()
            tulis = csv.writer(teks, lineterminator="\n")
            tulis.writerow(KOLOM_CSV)
            tulis.writerows(baris_csv(b) for b in baris)
            self.stdout.write(teks.getvalue(), ending="")
        else:
            kode = (perangkat.kode.lower() if perangkat else "semua-opd").replace(" ", "-")
            berkas = UsulanSatyalancanaExporter(baris, per=tanggal, lingkup=lingkup, kode=kode).render("xlsx")
            self.stdout.flush()
            keluaran.write(berkas.content)
            keluaran.flush()
        catat_akses(
            user=None,
            jenis=JenisAkses.EKSPOR,
            objek=f"Usulan Satyalancana Karya Satya per {tanggal.isoformat()}, {lingkup} ({fmt.upper()}, manage.py)",
            jumlah_baris=len(baris),
        )
