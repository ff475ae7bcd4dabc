"""``manage.py ringkasan_aktivitas [--bangun-ulang]``: compare the monthly activity summary the recaps read
(:mod:`kinerja.ringkasan`) with the activities, and with ``--bangun-ulang`` rewrite it from them. For after a
restore or a bulk load that ran with triggers disabled; in normal operation the two never differ."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ... import ringkasan


class Command(BaseCommand):
    help = (
        "Periksa ringkasan aktivitas bulanan (dasar rekap) terhadap aktivitasnya; --bangun-ulang menulisnya ulang "
        "dari aktivitas."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--bangun-ulang", action="store_true", help="Tulis ulang seluruh ringkasan dari tabel aktivitas."
        )

    def handle(self, *args, bangun_ulang: bool, **options):
        if bangun_ulang:
            baris = ringkasan.bangun_ulang()
            self.stdout.write(f"Ringkasan ditulis ulang: {baris} baris.")
        beda = ringkasan.periksa()
        if beda:
            raise CommandError(
                f"{beda} baris ringkasan tidak sesuai dengan aktivitasnya. Jalankan dengan --bangun-ulang untuk "
                "menulisnya ulang, lalu hitung ulang rekap periode yang terbuka."
            )
        self.stdout.write("Ringkasan aktivitas sesuai dengan aktivitasnya.")
