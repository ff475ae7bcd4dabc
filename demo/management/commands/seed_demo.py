"""``manage.py seed_demo [--pegawai N] [--seed S] [--tahun T] [--bulan M] [--if-empty | --reset]``: a demo city (see
demo.kota) with a year's SKP for its pegawai (see demo.skp), with ``--bulan`` M months of daily activities (see
demo.aktivitas), the year's evaluated periods (see demo.penilaian), and the attendance of the seeded days with hukuman
disiplin and Satyalancana awards (see demo.disiplin), and the monthly recaps of those days (see demo.rekap).

``make run`` calls it with ``--if-empty`` on every start, so an existing database is never touched.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from demo.aktivitas.seed import hapus_aktivitas, seed_aktivitas
from demo.akun import demo_logins, format_demo_logins
from demo.disiplin.seed import bulan_antara, hapus_disiplin, rentang_disiplin, seed_disiplin
from demo.kota.rencana import DEFAULT_PEGAWAI, MIN_PEGAWAI, build_city
from demo.kota.tulis import delete_organisation, seed_city
from demo.penilaian.seed import hapus_penilaian, seed_penilaian
from demo.rekap.seed import hapus_rekap, seed_rekap
from demo.skp.seed import personas_dari, seed_skp
from pegawai.choices import JenisPenugasan, StatusPegawai
from pegawai.models import Pegawai, PerangkatDaerah
from portal.audit import as_actor


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
            default=DEFAULT_PEGAWAI,
            metavar="N",
            help=f"Jumlah pegawai (minimal {MIN_PEGAWAI}, bawaan {DEFAULT_PEGAWAI}).",
        )
        parser.add_argument(
            "--seed", type=int, default=1, metavar="S", help="Benih acak: benih yang sama, data yang sama."
        )
        parser.add_argument(
            "--tahun", type=int, default=None, metavar="T", help="Tahun SKP contoh (bawaan: tahun berjalan)."
        )
        parser.add_argument("--tanpa-skp", action="store_true", help="Hanya organisasi dan pegawai, tanpa SKP contoh.")
        parser.add_argument(
            "--bulan",
            type=int,
            default=0,
            metavar="M",
            help=(
                "Tambahkan aktivitas harian M bulan terakhir (sampai kemarin) bagi pegawai dengan SKP disetujui, "
                "dan kehadiran hari-hari itu (tanpa --bulan: kehadiran bulan ini sampai kemarin)."
            ),
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

    def handle(self, *args, pegawai, seed, tahun, tanpa_skp, bulan, if_empty, reset, **options):
        if bulan < 0 or (bulan and tanpa_skp):
            raise CommandError("--bulan harus 0 atau lebih, dan memerlukan SKP contoh (tanpa --tanpa-skp).")
        if pegawai < MIN_PEGAWAI:
            raise CommandError(f"--pegawai minimal {MIN_PEGAWAI} agar setiap perangkat daerah terisi.")
        if if_empty and Pegawai.objects.exists():
            self.stdout.write("Data pegawai sudah ada; seed_demo tidak mengubah apa pun.")
            return
        if not reset and (Pegawai.objects.exists() or PerangkatDaerah.objects.exists()):
            raise CommandError(
                "Basis data sudah berisi data organisasi. Pakai --reset untuk menghapusnya lebih dulu, "
                "atau --if-empty untuk melewati."
            )

        mulai = time.perf_counter()
        city = build_city(pegawai, seed)
        with transaction.atomic(), as_actor(None, source="seed_demo", seed=seed, pegawai=pegawai):
            if reset:
                # Evaluations, hukuman and awards PROTECT the SKP and pegawai (facts the OPD), and millions of
                # activities and attendance rows would otherwise go through Django's deletion collector one by one:
                # all are truncated first.
                hapus_rekap()
                hapus_disiplin()
                hapus_penilaian()
                hapus_aktivitas()
                dihapus = delete_organisation()
                self.stdout.write(f"Data lama dihapus: {_angka(dihapus)} baris.")
            seeded = seed_city(city)
            skp = None
            if not tanpa_skp:
                # The SKP cascade of the year, top-down from the Sekda, in the same transaction and audit context.
                skp = seed_skp(
                    tahun=tahun or city.today.year,
                    seed=seed,
                    personas=personas_dari(seeded),
                    hari_ini=city.today,
                )
            aktivitas = None
            if bulan:
                aktivitas = seed_aktivitas(bulan=bulan, seed=seed, hari_ini=city.today)
            penilaian = disiplin = rekap = None
            if skp is not None:
                # The evaluated periods of the SKP year: their evidence is linked, so they need no activities.
                penilaian = seed_penilaian(
                    tahun=skp.tahun, seed=seed, hari_ini=city.today, personas=personas_dari(seeded)
                )
                # Attendance of the activities' days (this month's without --bulan), hukuman and awards, and the
                # reporting-discipline facts of those months.
                disiplin = seed_disiplin(tahun=skp.tahun, seed=seed, hari_ini=city.today, bulan=bulan)
                # The monthly recaps of those months, as the nightly run computes (and, once it may, closes) them.
                rekap = seed_rekap(bulan=bulan_antara(*rentang_disiplin(bulan, city.today)), hari_ini=city.today)
        # Fresh bulk-loaded tables have no planner statistics until autovacuum gets to them (and it may be off):
        # without this the first pages and reminder queries plan as if the tables were empty.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
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
            f"  {plt} Plt, {len(city.penugasan) - plt} Plh, {override} pegawai dengan atasan khusus, "
            f"{len(city.mutasi)} mutasi pertengahan tahun, {len(city.delegasi)} delegasi pejabat penilai"
        )
        if skp is not None:
            self.stdout.write(f"  {skp.ringkas()}")
        if aktivitas is not None:
            self.stdout.write(f"  {aktivitas.ringkas()} ({aktivitas.detik:.1f} detik)")
        if penilaian is not None:
            self.stdout.write(f"  {penilaian.ringkas()} ({penilaian.detik:.1f} detik)")
        if disiplin is not None:
            self.stdout.write(f"  {disiplin.ringkas()} ({disiplin.detik:.1f} detik)")
        if rekap is not None:
            self.stdout.write(f"  {rekap.ringkas()} ({rekap.detik:.1f} detik)")
        if not if_empty:  # with --if-empty the caller (make run) prints the logins itself, every time
            self.stdout.write("")
            self.stdout.write(format_demo_logins(demo_logins(seeded.demo_hash)))
