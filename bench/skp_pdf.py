"""Benchmark: rendering an SKP document (skp.pdf.SkpPdf) against WeasyPrint rendering bare HTML of the same length.

    .venv/bin/python bench/skp_pdf.py [--runs 15] [--renders 200]

Runs on a scratch database ``bench_skp`` created, migrated (and dropped afterwards) on the server of DATABASE_URL.
"ours" is the median time of ``SkpPdf(skp).render()`` for a three-page SKP JA/JF planned and approved through the
services: reading its rows, building the page and WeasyPrint's layout and PDF. "floor" is the median time of a
plain ``weasyprint.HTML(string=...).write_pdf()`` of a bare page with one similar table (six columns of text
cells, header row) grown until it has as many pages. Then ``--renders`` documents are rendered in this one process
and the growth of the peak resident set is printed (a PDF worker runs ``worker_max_tasks_per_child`` tasks). The
last line is ``BENCH skp_pdf ours=<s> floor=<s> ratio=<x>``.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import resource
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mangbagja.settings")
os.environ.setdefault("DEBUG", "true")

SCRATCH_DB = "bench_skp"
PAGES = 3


def _server(url: str) -> dict:
    from mangbagja.env import parse_database_url

    db = parse_database_url(url)
    return {
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "dbname": "postgres",
    }


def _recreate(server: dict, drop_only: bool = False) -> None:
    import psycopg2

    conn = psycopg2.connect(**server)
    conn.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
    with conn.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {SCRATCH_DB} WITH (FORCE)")
        if not drop_only:
            cursor.execute(f"CREATE DATABASE {SCRATCH_DB}")
    conn.close()


def _arrange(jumlah_rhk: int):
    """A kepala dinas (SKP JPT, approved) and a kepala bidang whose SKP JA/JF intervenes it, planned with
    ``jumlah_rhk`` Utama RHK of three IKI each, one Tambahan, the lampiran and ekspektasi, and approved."""
    from pegawai.choices import JenisJabatan, Jenjang, StatusPegawai
    from pegawai.models import Jabatan, Pegawai, PerangkatDaerah, UnitKerja
    from pegawai.services.mutasi import buka_riwayat_awal
    from skp.choices import Aspek, FormatSkp, JenisLampiran, JenisRhk, Perspektif, SkpStatus
    from skp.models import IndikatorKinerjaIndividu, PerilakuKerja, RencanaHasilKerja, Skp
    from skp.services.isi import ekspektasi_set, iki_tambah, lampiran_tambah, rhk_tambah
    from skp.services.skp import skp_ajukan, skp_buat, skp_setujui

    tahun = datetime.date.today().year
    opd = PerangkatDaerah.objects.create(kode="BENCH", nama="Dinas Komunikasi dan Informatika", singkatan="Diskominfo")
    kantor = UnitKerja.objects.create(perangkat_daerah=opd, nama="Dinas Komunikasi dan Informatika")
    bidang = UnitKerja.objects.create(perangkat_daerah=opd, parent=kantor, nama="Bidang Aplikasi Informatika")
    j_kepala = Jabatan.objects.create(
        unit_kerja=kantor,
        nama="Kepala Dinas Komunikasi dan Informatika",
        jenis=JenisJabatan.JPT,
        jenjang=Jenjang.JPT_PRATAMA,
        kelas_jabatan=14,
    )
    j_kabid = Jabatan.objects.create(
        unit_kerja=bidang,
        parent=j_kepala,
        nama="Kepala Bidang Aplikasi Informatika",
        jenis=JenisJabatan.ADMINISTRATOR,
        jenjang=Jenjang.ADMINISTRATOR,
        kelas_jabatan=11,
    )

    def orang(nip, nama, jabatan, golongan):
        # Positions are dated: each holds theirs from the TMT CPNS, so the penilai on the SKP's dates is known.
        pegawai = Pegawai.objects.create(
            nip=nip,
            nama=nama,
            gelar_depan="Drs.",
            gelar_belakang="M.Si.",
            jenis_kelamin="L",
            tanggal_lahir=datetime.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8])),
            status=StatusPegawai.PNS,
            golongan=golongan,
            jabatan=jabatan,
            tmt_cpns=datetime.date(int(nip[8:12]), int(nip[12:14]), 1),
        )
        buka_riwayat_awal(pegawai, pegawai.tmt_cpns)
        return pegawai

    kepala = orang("196811121994031005", "Asep Nugraha Suryana", j_kepala, "IV/c")
    kabid = orang("197503172000121002", "Dedi Hermawan", j_kabid, "IV/a")

    skp_kepala = Skp.objects.create(
        pegawai=kepala,
        tahun=tahun,
        jabatan=j_kepala,
        tanggal_mulai=datetime.date(tahun, 1, 1),
        tanggal_selesai=datetime.date(tahun, 12, 31),
        format=FormatSkp.JPT,
        status=SkpStatus.DISETUJUI,
    )
    rhk_kepala = []
    for i in range(1, jumlah_rhk + 1):
        rhk = RencanaHasilKerja.objects.create(
            skp=skp_kepala,
            teks=f"Meningkatnya kualitas layanan pemerintahan berbasis elektronik sasaran {i}",
            perspektif=Perspektif.PENERIMA_LAYANAN,
            acuan="Renstra 2025–2029: meningkatnya indeks SPBE",
            urutan=i,
        )
        IndikatorKinerjaIndividu.objects.create(rhk=rhk, teks="Indeks SPBE", target_min=3, satuan="indeks", urutan=1)
        rhk_kepala.append(rhk)

    skp = skp_buat(actor=kabid, tahun=tahun)
    for i, target in enumerate(rhk_kepala, start=1):
        rhk = rhk_tambah(
            actor=kabid,
            skp=skp,
            jenis=JenisRhk.UTAMA,
            teks=f"Terselenggaranya layanan aplikasi umum dan khusus yang terintegrasi pada {i} urusan pemerintahan",
            intervensi=target,
        )
        for aspek, teks, angka, satuan in (
            (
                Aspek.KUANTITAS,
                "Jumlah aplikasi layanan publik yang terintegrasi dengan sistem penghubung",
                12,
                "aplikasi",
            ),
            (Aspek.KUALITAS, "Persentase aplikasi yang lulus uji kelaikan keamanan informasi", 100, "%"),
            (Aspek.WAKTU, "Ketepatan waktu penyelesaian integrasi sesuai rencana kerja", 12, "bulan"),
        ):
            iki_tambah(actor=kabid, rhk=rhk, teks=teks, aspek=aspek, target_min=angka, satuan=satuan)
    tambahan = rhk_tambah(
        actor=kabid, skp=skp, jenis=JenisRhk.TAMBAHAN, teks="Menjadi narasumber literasi digital bagi perangkat daerah"
    )
    iki_tambah(
        actor=kabid, rhk=tambahan, teks="Jumlah kegiatan", aspek=Aspek.KUANTITAS, target_min=4, satuan="kegiatan"
    )
    for jenis in JenisLampiran.values:
        for n in (1, 2):
            lampiran_tambah(actor=kabid, skp=skp, jenis=jenis, teks=f"Butir {n}: dukungan dan komitmen")
    for perilaku in PerilakuKerja.objects.order_by("urutan")[:4]:
        ekspektasi_set(
            actor=kepala, skp=skp, perilaku=perilaku, teks="Menindaklanjuti aduan layanan paling lama tiga hari kerja"
        )
    skp_ajukan(actor=kabid, skp=skp)
    return skp_setujui(actor=kepala, skp=skp)


def _pages(content: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(content)).pages)


def _bare_html(rows: int) -> str:
    cell = "Terselenggaranya layanan aplikasi yang terintegrasi pada urusan pemerintahan"
    body = "".join(
        f"<tr><td>{i}</td><td>{cell}</td><td>{cell}</td><td>Kuantitas</td><td>{cell}</td><td>12 aplikasi</td></tr>"
        for i in range(rows)
    )
    return (
        "<html><head><style>@page { size: A4 landscape; margin: 14mm 12mm 16mm 12mm }"
        " body { font-family: sans-serif; font-size: 8.5pt }"
        " table { width: 100%; border-collapse: collapse } td, th { border: 0.6pt solid #000; padding: 1.2mm }"
        "</style></head><body><h1>SASARAN KINERJA PEGAWAI</h1><table><thead><tr><th>NO</th><th>RHK PIMPINAN</th>"
        f"<th>RHK</th><th>ASPEK</th><th>IKI</th><th>TARGET</th></tr></thead><tbody>{body}</tbody></table>"
        "</body></html>"
    )


def _floor_html(pages: int) -> str:
    import weasyprint

    rows = 10
    while len(weasyprint.HTML(string=_bare_html(rows)).render().pages) < pages:
        rows += 2
    return _bare_html(rows)


def _median(fn, runs: int) -> float:
    fn()  # warm-up: imports, first parse
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--renders", type=int, default=200)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL")
    if not url:
        print("DATABASE_URL belum diisi (make bench mengisinya dengan PostgreSQL tertanam).", file=sys.stderr)
        return 2
    server = _server(url)
    _recreate(server)
    # Settings read DATABASE_URL when imported: point them at the scratch database before django.setup().
    os.environ["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path=f"/{SCRATCH_DB}"))

    import django

    django.setup()
    import weasyprint
    from django.core.management import call_command
    from django.db import connection

    from skp.models import Skp
    from skp.pdf import SkpPdf

    try:
        call_command("migrate", verbosity=0)
        # One Utama RHK with three IKI, a Tambahan, the seven perilaku with four ekspektasi, the signature and the
        # lampiran page: three A4 landscape pages.
        skp = _arrange(jumlah_rhk=1)
        pk = skp.pk
        _name, _mime, content = SkpPdf(Skp.objects.get(pk=pk)).render()
        pages = _pages(content)
        if pages != PAGES:
            print(f"Dokumen uji berisi {pages} halaman, bukan {PAGES}: sesuaikan jumlah RHK.", file=sys.stderr)
            return 1
        bare = _floor_html(pages)
        assert _pages(weasyprint.HTML(string=bare).write_pdf()) == pages

        def ours():
            SkpPdf(Skp.objects.get(pk=pk)).render()

        def floor():
            weasyprint.HTML(string=bare).write_pdf()

        # Alternate the two so that a noisy neighbour slows both alike.
        ours_t, floor_t = [], []
        for _ in range(3):
            ours_t.append(_median(ours, args.runs // 3 or 1))
            floor_t.append(_median(floor, args.runs // 3 or 1))
        ours_s, floor_s = statistics.median(ours_t), statistics.median(floor_t)

        # Memory: the peak RSS after a first batch of renders (caches warm) against after N more.
        for _ in range(10):
            ours()
        awal = _peak_rss_mb()
        for _ in range(args.renders):
            ours()
        akhir = _peak_rss_mb()
    finally:
        connection.close()
        _recreate(server, drop_only=True)

    growth = (akhir - awal) / awal * 100
    print(f"SKP JA/JF {pages} halaman: {ours_s * 1000:.0f} ms (median)")
    print(f"HTML polos {pages} halaman: {floor_s * 1000:.0f} ms (median)")
    print(f"Puncak RSS: {awal:.1f} MB -> {akhir:.1f} MB setelah {args.renders} render lagi (+{growth:.1f}%)")
    print(f"BENCH skp_pdf ours={ours_s:.3f} floor={floor_s:.3f} ratio={ours_s / floor_s:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
