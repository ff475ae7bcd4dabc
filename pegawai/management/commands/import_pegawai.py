"""``manage.py import_pegawai FILE [--dry-run] [--actor NIP]``: the same import as the admin and the portal page."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from pegawai.impor.layanan import import_pegawai
from pegawai.models import User
from pegawai.nip import normalize_nip


class Command(BaseCommand):
    help = "Impor perangkat daerah, unit kerja, jabatan, dan pegawai dari berkas XLSX atau CSV."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Berkas .xlsx atau .csv (baris pertama berisi nama kolom).")
        parser.add_argument("--dry-run", action="store_true", help="Periksa dan tampilkan ringkasan tanpa menyimpan.")
        parser.add_argument(
            "--actor",
            metavar="NIP_ATAU_USERNAME",
            help="Akun yang dicatat sebagai pelaku di riwayat perubahan dan log akses.",
        )

    def handle(self, *args, file, dry_run, actor, **options):
        user = None
        if actor:
            user = User.objects.filter(Q(username=actor) | Q(username=normalize_nip(actor))).first()
            if user is None:
                raise CommandError(f"Akun {actor!r} tidak ditemukan.")
        try:
            with open(file, "rb"):
                pass
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibuka: {exc}") from None

        result = import_pegawai(file, actor=user, dry_run=dry_run, file_name=os.path.basename(file))
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if result.has_errors:
            for line in result.error_lines():
                self.stderr.write(line)
            if result.errors:
                raise CommandError(
                    f"Impor dibatalkan: {len(result.errors)} baris bermasalah; tidak ada data yang disimpan."
                )
            raise CommandError("Impor dibatalkan: berkas tidak dapat diimpor; tidak ada data yang disimpan.")
        prefix = "Uji coba (tidak ada yang disimpan): " if dry_run else "Impor selesai: "
        self.stdout.write(self.style.SUCCESS(prefix + result.summary()))
