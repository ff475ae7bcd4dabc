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
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import umum  # noqa: E402
from bench.umum import html_polos, jumlah_halaman, median_bergantian, memori, scratch, tabel_polos  # noqa: E402

SCRATCH_DB = "bench_skp"
PAGES = 3


def _arrange(jumlah_rhk: int):
    """A kepala dinas (SKP JPT, approved) and a kepala bidang whose SKP JA/JF intervenes it, planned with
    ``jumlah_rhk`` Utama RHK of three IKI each, one Tambahan, the lampiran and ekspektasi, and approved."""
    from pegawai.choices import JenisJabatan, Jenjang
    from pegawai.models import Jabatan, PerangkatDaerah, UnitKerja
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
        return umum.orang(nip, nama, jabatan, golongan, gelar_depan="Drs.", gelar_belakang="M.Si.")

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


def _bare_html(rows: int) -> str:
    cell = "Terselenggaranya layanan aplikasi yang terintegrasi pada urusan pemerintahan"
    body = "".join(
        f"<tr><td>{i}</td><td>{cell}</td><td>{cell}</td><td>Kuantitas</td><td>{cell}</td><td>12 aplikasi</td></tr>"
        for i in range(rows)
    )
    kolom = ["NO", "RHK PIMPINAN", "RHK", "ASPEK", "IKI", "TARGET"]
    return tabel_polos("SASARAN KINERJA PEGAWAI", kolom, body)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--renders", type=int, default=200)
    args = parser.parse_args()

    with scratch(SCRATCH_DB):
        import weasyprint

        from skp.models import Skp
        from skp.pdf import SkpPdf

        # One Utama RHK with three IKI, a Tambahan, the seven perilaku with four ekspektasi, the signature and the
        # lampiran page: three A4 landscape pages.
        skp = _arrange(jumlah_rhk=1)
        pk = skp.pk
        _name, _mime, content = SkpPdf(Skp.objects.get(pk=pk)).render()
        pages = jumlah_halaman(content)
        if pages != PAGES:
            print(f"Dokumen uji berisi {pages} halaman, bukan {PAGES}: sesuaikan jumlah RHK.", file=sys.stderr)
            return 1
        bare = html_polos(pages, _bare_html, baris=10, langkah=2)

        def ours():
            SkpPdf(Skp.objects.get(pk=pk)).render()

        def floor():
            weasyprint.HTML(string=bare).write_pdf()

        ours_s, floor_s = median_bergantian(ours, floor, args.runs)
        (_rss, awal), (_rss, akhir) = memori(ours, args.renders)

    growth = (akhir - awal) / awal * 100
    print(f"SKP JA/JF {pages} halaman: {ours_s * 1000:.0f} ms (median)")
    print(f"HTML polos {pages} halaman: {floor_s * 1000:.0f} ms (median)")
    print(f"Puncak RSS: {awal:.1f} MB -> {akhir:.1f} MB setelah {args.renders} render lagi (+{growth:.1f}%)")
    print(f"BENCH skp_pdf ours={ours_s:.3f} floor={floor_s:.3f} ratio={ours_s / floor_s:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
