"""``manage.py seed_demo [--pegawai N] [--seed S] [--if-empty | --reset]``: a demo city (see pegawai.demo).

``make run`` calls it with ``--if-empty`` on every start, so an existing database is never touched.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from pegawai import demo
from pegawai.audit import as_actor
from pegawai.choices import JenisPenugasan, StatusPegawai
from pegawai.models import Pegawai, PerangkatDaerah


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Isi basis data dengan kota contoh: ~30 perangkat daerah, unit kerja, jabatan, pegawai dengan NIP sah, "
        "Plt/Plh, dan satu akun demo per peran."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pegawai",
            type=int,
            default=demo.DEFAULT_PEGAWAI,
            metavar="N",
            help=f"Jumlah pegawai (minimal {demo.MIN_PEGAWAI}, bawaan {demo.DEFAULT_PEGAWAI}).",
        )
        parser.add_argument(
            "--seed", type=int, default=1, metavar="S", help="Benih acak: benih yang sama, data yang sama."
        )
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--if-empty", action="store_true", help="Tidak melakukan apa pun bila sudah ada data pegawai."
        )
        group.add_argument(
            "--reset",
            action="store_true",
            help="Hapus dulu seluruh data organisasi dan pegawai (beserta data yang bergantung padanya).",
        )

    def handle(self, *args, pegawai, seed, if_empty, reset, **options):
        if pegawai < demo.MIN_PEGAWAI:
            raise CommandError(f"--pegawai minimal {demo.MIN_PEGAWAI} agar setiap perangkat daerah terisi.")
        if if_empty and Pegawai.objects.exists():
            self.stdout.write("Data pegawai sudah ada; seed_demo tidak mengubah apa pun.")
            return
        if not reset and (Pegawai.objects.exists() or PerangkatDaerah.objects.exists()):
            raise CommandError(
                "Basis data sudah berisi data organisasi. Pakai --reset untuk menghapusnya lebih dulu, "
                "atau --if-empty untuk melewati."
            )

        mulai = time.perf_counter()
        city = demo.build_city(pegawai, seed)
        with transaction.atomic(), as_actor(None, source="seed_demo", seed=seed, pegawai=pegawai):
            if reset:
                dihapus = demo.delete_organisation()
                self.stdout.write(f"Data lama dihapus: {_angka(dihapus)} baris.")
            seeded = demo.seed_city(city)
        detik = time.perf_counter() - mulai

        people = city.people
        status = {s: sum(1 for p in people if p.status == s) for s in StatusPegawai.values}
        pensiun = sum(1 for p in people if not p.aktif)
        plt = sum(1 for t in city.penugasan if t.jenis == JenisPenugasan.PLT)
        override = sum(1 for p in people if p.atasan_override is not None)
        self.stdout.write(
            self.style.SUCCESS(f"Kota contoh dibuat dalam {detik:.1f} detik (seed {seed}, {city.today:%d-%m-%Y}):")
        )
        self.stdout.write(
            f"  {_angka(len(city.opd))} perangkat daerah, {_angka(len(city.units))} unit kerja, "
            f"{_angka(len(city.jabatan))} jabatan\n"
            f"  {_angka(len(people))} pegawai: {_angka(len(people) - pensiun)} aktif, {_angka(pensiun)} pensiun; "
            f"{_angka(status['PNS'])} PNS, {_angka(status['CPNS'])} CPNS, {_angka(status['PPPK'])} PPPK\n"
            f"  {plt} Plt, {len(city.penugasan) - plt} Plh, {override} pegawai dengan atasan khusus"
        )
        if not if_empty:  # with --if-empty the caller (make run) prints the logins itself, every time
            self.stdout.write("")
            self.stdout.write(demo.format_demo_logins(demo.demo_logins(seeded.demo_hash)))
