"""Benchmark: rendering a Dokumen Evaluasi Kinerja Pegawai (penilaian.pdf.DekpPdf) against WeasyPrint rendering bare
HTML of the same length.

    .venv/bin/python bench/dekp_pdf.py [--runs 15] [--renders 200]

Runs on a scratch database ``bench_dekp`` created, migrated (and dropped afterwards) on the server of DATABASE_URL;
documents stored on the way go to a temporary directory. "ours" is the median time of
``DekpPdf(evaluasi).render()`` for a final Triwulan I evaluation reached through the services — six Utama RHK of
three IKI with a long realisasi and umpan balik each, the seven BerAKHLAK values with feedback, identities frozen —
reading its rows, building the page and WeasyPrint's layout and PDF. "floor" is the median time of a plain
``weasyprint.HTML(string=...).write_pdf()`` of a bare page with one similar table (five columns of text cells,
header row) grown until it has as many pages. Then ``--renders`` documents are rendered in this one process and the
resident set before and after is printed (a PDF worker runs ``worker_max_tasks_per_child`` tasks). The last line
is ``BENCH dekp_pdf ours=<s> floor=<s> ratio=<x>``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Finalising queues the document's task: run it eagerly in this process, without a broker.
os.environ.pop("REDIS_URL", None)

from bench import umum  # noqa: E402
from bench.umum import html_polos, jumlah_halaman, median_bergantian, memori, scratch, tabel_polos  # noqa: E402

SCRATCH_DB = "bench_dekp"
JUMLAH_RHK = 6

REALISASI = (
    "Dua belas laporan rekapitulasi data kepegawaian tersusun dan dikirim ke BKPSDM tepat waktu; "
    "validasi silang dengan SIASN menemukan 14 selisih data yang seluruhnya sudah diperbaiki dan didokumentasikan "
    "dalam berita acara; arsip digital tersimpan pada folder bersama bidang"
)
UMPAN_BALIK = (
    "Hasil kerja sesuai target dan tepat waktu. Dokumentasi perbaikan data sudah baik; ke depan lampirkan ringkasan "
    "penyebab selisih agar unit lain dapat mencegah kesalahan yang sama, dan koordinasikan jadwal validasi lebih awal "
    "dengan operator SIASN perangkat daerah"
)
UMPAN_BALIK_PERILAKU = (
    "Konsisten menunjukkan perilaku ini dalam pelayanan sehari-hari; rekan kerja dan pemohon layanan memberi "
    "tanggapan positif. Pertahankan dan bagikan praktik baiknya dalam rapat seksi"
)


def _arrange():
    """A section of Diskominfo: the kasi rates two staff on Triwulan I (Baik and Butuh Perbaikan, a spread the
    capaian Baik allows) and finalises; returns the Baik one's evaluation."""
    from kinerja.rules import rentang_periode
    from pegawai.choices import JenisJabatan, Jenjang
    from pegawai.models import Jabatan, PerangkatDaerah, UnitKerja, User
    from penilaian.choices import CapaianOrganisasi, JenisPeriode, Rating
    from penilaian.models import BuktiEvaluasi, CapaianKinerjaOrganisasi, PeriodePenilaian
    from penilaian.services.evaluasi import evaluasi_nilai, evaluasi_siapkan, realisasi_ubah
    from penilaian.services.final import evaluasi_finalkan
    from skp.choices import Aspek, FormatSkp, SkpStatus
    from skp.models import EkspektasiKhusus, IndikatorKinerjaIndividu, PerilakuKerja, RencanaHasilKerja, Skp

    tahun = datetime.date.today().year
    opd = PerangkatDaerah.objects.create(kode="BENCH", nama="Dinas Komunikasi dan Informatika", singkatan="Diskominfo")
    kantor = UnitKerja.objects.create(perangkat_daerah=opd, nama="Dinas Komunikasi dan Informatika")
    bidang = UnitKerja.objects.create(perangkat_daerah=opd, parent=kantor, nama="Bidang Aplikasi Informatika")
    seksi = UnitKerja.objects.create(perangkat_daerah=opd, parent=bidang, nama="Seksi Pengelolaan Data Kepegawaian")

    def jabatan(unit, nama, jenis, jenjang, kelas, parent=None):
        return Jabatan.objects.create(
            unit_kerja=unit, parent=parent, nama=nama, jenis=jenis, jenjang=jenjang, kelas_jabatan=kelas
        )

    j_kepala = jabatan(kantor, "Kepala Dinas Komunikasi dan Informatika", JenisJabatan.JPT, Jenjang.JPT_PRATAMA, 14)
    j_kabid = jabatan(
        bidang, "Kepala Bidang Aplikasi Informatika", JenisJabatan.ADMINISTRATOR, Jenjang.ADMINISTRATOR, 11, j_kepala
    )
    j_kasi = jabatan(
        seksi, "Kepala Seksi Pengelolaan Data Kepegawaian", JenisJabatan.PENGAWAS, Jenjang.PENGAWAS, 9, j_kabid
    )
    j_staf = jabatan(seksi, "Pengelola Data Kepegawaian", JenisJabatan.PELAKSANA, Jenjang.PELAKSANA, 6, j_kasi)

    def orang(nip, nama, jabatan, golongan):
        akun = User.objects.create_user(username=nip)
        return umum.orang(nip, nama, jabatan, golongan, user=akun, gelar_belakang="S.Kom.")

    orang("196811121994031005", "Asep Nugraha Suryana", j_kepala, "IV/c")
    orang("197503172000121002", "Dedi Hermawan", j_kabid, "IV/a")
    kasi = orang("198002142005011003", "Rina Kartikasari", j_kasi, "III/d")
    staf = [
        orang("199001012015031004", "Budi Santoso Wiranatakusumah", j_staf, "III/b"),
        orang("199205052017032001", "Siti Nurhaliza", j_staf, "III/a"),
    ]
    perilaku = list(PerilakuKerja.objects.order_by("urutan"))
    for pegawai in staf:
        skp = Skp.objects.create(
            pegawai=pegawai,
            tahun=tahun,
            jabatan=j_staf,
            tanggal_mulai=datetime.date(tahun, 1, 1),
            tanggal_selesai=datetime.date(tahun, 12, 31),
            format=FormatSkp.JA_JF,
            status=SkpStatus.DISETUJUI,
            pejabat_penilai=kasi,
        )
        for i in range(1, JUMLAH_RHK + 1):
            rhk = RencanaHasilKerja.objects.create(
                skp=skp, teks=f"Tersusunnya data kepegawaian yang mutakhir dan tervalidasi bagian {i}", urutan=i
            )
            for urutan, (aspek, teks, angka, satuan) in enumerate(
                (
                    (Aspek.KUANTITAS, "Jumlah laporan rekapitulasi data kepegawaian", 12, "laporan"),
                    (Aspek.KUALITAS, "Persentase data yang lolos validasi SIASN", 100, "%"),
                    (Aspek.WAKTU, "Ketepatan waktu penyampaian laporan", 12, "bulan"),
                ),
                start=1,
            ):
                IndikatorKinerjaIndividu.objects.create(
                    rhk=rhk, teks=teks, aspek=aspek, target_min=angka, satuan=satuan, urutan=urutan
                )
        for p in perilaku[:4]:
            EkspektasiKhusus.objects.create(skp=skp, perilaku=p, teks="Menindaklanjuti permintaan data dalam dua hari")
    mulai, selesai = rentang_periode(tahun, JenisPeriode.TRIWULANAN, 1)
    periode = PeriodePenilaian.objects.create(
        tahun=tahun,
        jenis=JenisPeriode.TRIWULANAN,
        nomor=1,
        tanggal_mulai=mulai,
        tanggal_selesai=selesai,
        batas_penilaian=selesai + datetime.timedelta(days=14),
    )
    CapaianKinerjaOrganisasi.objects.create(periode=periode, perangkat_daerah=opd, capaian=CapaianOrganisasi.BAIK)
    hasil = []
    for pegawai, rating_hasil in zip(staf, (Rating.SESUAI, Rating.DI_BAWAH), strict=True):
        evaluasi = evaluasi_siapkan(pegawai=pegawai, skp=pegawai.skp.get(), periode=periode)
        for er in evaluasi.rhk.all():
            BuktiEvaluasi.objects.create(evaluasi_rhk=er, url="https://drive.example.go.id/laporan", judul="Laporan")
            realisasi_ubah(actor=pegawai.user, evaluasi_rhk=er, realisasi=REALISASI, alasan="Termasuk validasi SIASN")
        hasil.append(
            evaluasi_nilai(
                actor=kasi.user,
                evaluasi=evaluasi,
                rating_hasil=rating_hasil,
                rating_perilaku=Rating.SESUAI,
                umpan_balik={er.pk: UMPAN_BALIK for er in evaluasi.rhk.all()},
                umpan_balik_perilaku={p.pk: UMPAN_BALIK_PERILAKU for p in perilaku},
                catatan="Pertahankan ketelitian; tingkatkan koordinasi lintas seksi.",
            )
        )
    evaluasi_finalkan(actor=kasi.user, periode=periode)
    return hasil[0]


def _bare_html(rows: int) -> str:
    cell = "Tersusunnya data kepegawaian yang mutakhir dan tervalidasi pada seluruh unit kerja perangkat daerah"
    body = "".join(
        f"<tr><td>{i}</td><td>{cell}</td><td>{cell}</td><td>{cell} {cell}</td><td>{cell} {cell}</td></tr>"
        for i in range(rows)
    )
    return tabel_polos("EVALUASI KINERJA PEGAWAI", ["NO", "RHK", "IKI", "REALISASI", "UMPAN BALIK"], body)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--renders", type=int, default=200)
    args = parser.parse_args()

    media = tempfile.TemporaryDirectory(prefix="bench_dekp_")
    os.environ["MEDIA_ROOT"] = media.name
    with media, scratch(SCRATCH_DB):
        import weasyprint
        from django.db import reset_queries

        from penilaian.pdf import DekpPdf, evaluasi_untuk_dokumen

        evaluasi = _arrange()
        pk = evaluasi.pk
        evaluasi.refresh_from_db()
        if not evaluasi.dokumen:
            print("Dokumen tidak tersimpan setelah finalisasi.", file=sys.stderr)
            return 1
        _name, _mime, content = DekpPdf(evaluasi_untuk_dokumen().get(pk=pk)).render()
        pages = jumlah_halaman(content)
        bare = html_polos(pages, _bare_html, baris=4, langkah=1)

        def ours():
            DekpPdf(evaluasi_untuk_dokumen().get(pk=pk)).render()
            # DEBUG keeps every query on the connection; a worker runs without DEBUG, so that is not the document's.
            reset_queries()

        def floor():
            weasyprint.HTML(string=bare).write_pdf()

        ours_s, floor_s = median_bergantian(ours, floor, args.runs)
        (awal, puncak_awal), (akhir, puncak_akhir) = memori(ours, args.renders)

    print(f"DEKP {JUMLAH_RHK} RHK, 7 perilaku, {pages} halaman: {ours_s * 1000:.0f} ms (median)")
    print(f"HTML polos {pages} halaman: {floor_s * 1000:.0f} ms (median)")
    print(
        f"RSS: {awal:.1f} MB -> {akhir:.1f} MB setelah {args.renders} render lagi "
        f"({(akhir - awal) / awal * 100:+.1f}%); puncak {puncak_awal:.1f} MB -> {puncak_akhir:.1f} MB "
        f"({(puncak_akhir - puncak_awal) / puncak_awal * 100:+.1f}%)"
    )
    print(f"BENCH dekp_pdf ours={ours_s:.3f} floor={floor_s:.3f} ratio={ours_s / floor_s:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
