"""What a day of work on each kind of RHK looks like: the uraian, volume and satuan of the demo activities, chosen by
phrases of the RHK text and the kind of position (:func:`profil`)."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.choices import KategoriAktivitas
from pegawai.choices import JenisJabatan
from skp.choices import JenisRhk


@dataclass(frozen=True)
class Kerja:
    """One kind of activity: its uraian, the volume range, and its satuan — ``None`` for "the RHK's own IKI
    satuan" (a finished output that counts towards the target)."""

    uraian: str
    volume: tuple[int, int]
    satuan: str | None = None
    bobot: int = 3


def _k(uraian: str, volume: tuple[int, int] = (1, 1), satuan: str | None = None, bobot: int = 3) -> Kerja:
    return Kerja(uraian, volume, satuan, bobot)


# (phrases of the RHK text, kinds of work). The first profile with a phrase in the RHK wins. Phrases rather than
# single words: RHK texts carry the unit's name ("… kegiatan Dinas Perpustakaan dan Kearsipan"), which must not
# decide the kind of work.
PROFIL: tuple[tuple[tuple[str, ...], tuple[Kerja, ...]], ...] = (
    (
        ("administrasi persuratan", "naskah dinas"),
        (
            _k("Mengagendakan surat masuk dan mendistribusikannya kepada bidang terkait", (5, 20)),
            _k("Menyusun konsep naskah dinas untuk ditandatangani pimpinan", (1, 4)),
            _k("Memindai dan mengunggah naskah dinas ke aplikasi SRIKANDI", (8, 30)),
            _k("Menata arsip aktif unit kerja sesuai klasifikasi arsip", (10, 40), "berkas"),
            _k("Mengirimkan surat keluar kepada instansi tujuan", (3, 12)),
        ),
    ),
    (
        ("pembelajaran",),
        (
            _k("Melaksanakan pembelajaran tatap muka di kelas sesuai jadwal", (2, 4), "jam pelajaran", 6),
            _k("Menyusun modul ajar untuk pertemuan berikutnya", (1, 1)),
            _k("Memeriksa dan menilai tugas peserta didik", (20, 36), "berkas"),
            _k("Menyiapkan media dan lembar kerja peserta didik", (1, 2), "paket"),
        ),
    ),
    (
        ("asesmen", "hasil belajar"),
        (
            _k("Menyusun soal asesmen sumatif lingkup materi", (1, 1), "paket"),
            _k("Mengolah nilai hasil asesmen peserta didik", (20, 36), "data"),
            _k("Menginput nilai rapor ke aplikasi rapor digital", (20, 36), "data"),
            _k("Menyusun laporan hasil belajar peserta didik", (1, 1), bobot=1),
        ),
    ),
    (
        ("pembinaan karakter", "kokurikuler"),
        (
            _k("Membina kegiatan ekstrakurikuler peserta didik", (1, 1)),
            _k("Melaksanakan projek penguatan profil pelajar Pancasila", (1, 1)),
            _k("Melaksanakan layanan bimbingan dan konseling bagi peserta didik", (2, 6), "siswa"),
        ),
    ),
    (
        ("pencatatan dan pelaporan",),
        (
            _k("Merekap data kunjungan pasien harian", (1, 1), "rekap"),
            _k("Memvalidasi data pelayanan pada aplikasi pelaporan", (20, 60), "data"),
            _k("Menyusun laporan bulanan pelayanan kesehatan", (1, 1), bobot=1),
        ),
    ),
    (
        ("pelayanan kesehatan kepada", "pasien"),
        (
            _k("Melayani pemeriksaan pasien rawat jalan di poli umum", (8, 25), bobot=6),
            _k("Melaksanakan pelayanan kesehatan ibu dan anak", (4, 12)),
            _k("Mencatat hasil pelayanan pada rekam medis elektronik", (10, 30), "berkas"),
        ),
    ),
    (
        ("upaya kesehatan masyarakat",),
        (
            _k("Melaksanakan kegiatan posyandu di wilayah kerja", (1, 1)),
            _k("Melaksanakan penyuluhan kesehatan kepada masyarakat", (1, 1)),
            _k("Melakukan kunjungan rumah keluarga berisiko tinggi", (2, 6), "keluarga"),
            _k("Melaksanakan pemantauan jentik nyamuk di permukiman warga", (10, 30), "rumah"),
        ),
    ),
    (
        ("pelaksanaan anggaran", "realisasi anggaran", "pengelolaan keuangan"),
        (
            _k("Memverifikasi kelengkapan dokumen pertanggungjawaban (SPJ) kegiatan", (4, 15), "berkas", 4),
            _k("Menginput realisasi anggaran kegiatan pada aplikasi SIPD", (5, 20), "transaksi"),
            _k("Menyusun rekapitulasi realisasi anggaran per kegiatan", (1, 1), "rekap"),
            _k("Menyusun laporan realisasi anggaran", (1, 1), bobot=1),
        ),
    ),
    (
        ("barang milik daerah",),
        (
            _k("Mencatat mutasi barang persediaan pada aplikasi persediaan", (5, 20), "transaksi"),
            _k("Melakukan pengecekan fisik barang milik daerah di ruangan", (10, 40), "unit"),
            _k("Memutakhirkan kartu inventaris ruangan", (1, 3), "dokumen"),
            _k("Menyusun laporan inventarisasi barang", (1, 1), bobot=1),
        ),
    ),
    (
        ("tindak lanjut pengaduan", "pengaduan masyarakat"),
        (
            _k("Menindaklanjuti pengaduan masyarakat melalui kanal SP4N-LAPOR!", (1, 4), bobot=5),
            _k("Melakukan klarifikasi lapangan atas pengaduan masyarakat", (1, 2)),
            _k("Menyusun jawaban tertulis atas pengaduan masyarakat", (1, 3), "surat"),
        ),
    ),
    (
        ("pelayanan teknis", "permohonan"),
        (
            _k("Memeriksa kelengkapan berkas permohonan layanan", (3, 12), bobot=5),
            _k("Melakukan verifikasi lapangan atas permohonan layanan", (1, 3)),
            _k("Menyusun rekomendasi teknis atas permohonan", (1, 2), "dokumen"),
        ),
    ),
    (
        ("pelayanan operasional", "layanan yang diselenggarakan"),
        (
            _k("Melayani permohonan masyarakat di loket pelayanan", (5, 25), bobot=6),
            _k("Memberikan informasi layanan kepada masyarakat melalui telepon dan pesan", (5, 20)),
            _k("Menginput data permohonan layanan ke aplikasi", (5, 25), "data"),
            _k("Menyusun rekap harian layanan yang diberikan", (1, 1), "rekap"),
        ),
    ),
    (
        ("bahan dan data dukung", "data dan informasi"),
        (
            _k("Menghimpun data dukung kegiatan dari bidang terkait", (3, 10), "data"),
            _k("Mengolah data dan menyajikannya dalam bentuk tabel dan grafik", (1, 3)),
            _k("Memutakhirkan basis data unit kerja", (10, 50), "data"),
            _k("Menyiapkan bahan paparan rapat pimpinan", (1, 1)),
        ),
    ),
    (
        ("laporan pelaksanaan kegiatan", "pelaporan"),
        (
            _k("Menghimpun bahan laporan pelaksanaan kegiatan", (2, 8), "berkas"),
            _k("Menyusun draf laporan pelaksanaan kegiatan", (1, 1), "draf"),
            _k("Memperbaiki laporan sesuai arahan atasan", (1, 1), "draf"),
            _k("Menyampaikan laporan kegiatan kepada atasan", (1, 1), bobot=1),
        ),
    ),
    (
        ("dokumen perencanaan", "perencanaan dan evaluasi", "capaian target program"),
        (
            _k("Mengolah data capaian indikator kinerja triwulan", (10, 40), "data"),
            _k("Menyusun bahan rapat evaluasi capaian kinerja", (1, 1), "bahan"),
            _k("Mengikuti rapat koordinasi perencanaan program", (1, 1), "kegiatan"),
            _k("Menyusun dokumen perencanaan dan evaluasi kinerja", (1, 1), bobot=1),
        ),
    ),
    (
        ("rekomendasi dan kajian", "kajian teknis"),
        (
            _k("Mengumpulkan dan menelaah literatur serta regulasi untuk bahan kajian", (2, 6), "referensi"),
            _k("Menganalisis data untuk bahan kajian teknis", (1, 1), "analisis"),
            _k("Menyusun draf rekomendasi kebijakan", (1, 1), "draf"),
            _k("Menyampaikan hasil kajian kepada pimpinan", (1, 1), bobot=1),
        ),
    ),
    (
        ("kegiatan teknis", "hasil kerja"),
        (
            _k("Melaksanakan kegiatan teknis sesuai butir kegiatan jabatan fungsional", (1, 2), bobot=5),
            _k("Menyusun laporan hasil pelaksanaan kegiatan teknis", (1, 1), "laporan"),
            _k("Berkoordinasi dengan unit kerja terkait pelaksanaan kegiatan teknis", (1, 1), "kegiatan"),
        ),
    ),
    (
        ("sesuai rencana kerja",),
        (
            _k("Memimpin rapat koordinasi pelaksanaan kegiatan seksi", (1, 1), "kegiatan"),
            _k("Memantau pelaksanaan kegiatan di lapangan", (1, 1), "kegiatan"),
            _k("Memeriksa dan memaraf konsep naskah dinas dari staf", (3, 10), "naskah"),
            _k("Menyusun laporan pelaksanaan kegiatan seksi", (1, 1), bobot=1),
        ),
    ),
)
# Heads of OPD, asisten and kepala bidang/bagian (JPT and administrator): their RHK are outcomes, their days are
# leading, coordinating and signing.
PIMPINAN = (
    _k("Memimpin rapat staf membahas capaian program", (1, 1), "kegiatan"),
    _k("Menelaah dan menandatangani naskah dinas", (5, 15), "naskah", 4),
    _k("Memberikan arahan dan pembinaan kepada bawahan", (1, 1), "kegiatan"),
    _k("Menghadiri rapat koordinasi dengan perangkat daerah lain", (1, 1), "kegiatan"),
    _k("Memantau capaian indikator kinerja unit kerja", (1, 1), "kegiatan", 2),
)
JABATAN_PIMPINAN = {JenisJabatan.JPT, JenisJabatan.ADMINISTRATOR}
UMUM = (
    _k("Melaksanakan tugas sesuai rencana hasil kerja", (1, 2), bobot=4),
    _k("Berkoordinasi dengan rekan kerja terkait penyelesaian pekerjaan", (1, 1), "kegiatan"),
    _k("Menyusun catatan kemajuan pekerjaan", (1, 1), "dokumen"),
)
# RHK Tambahan: the tim or assignment it names is the work.
TAMBAHAN = (
    _k("Mengikuti rapat tim", (1, 1), "kegiatan"),
    _k("Menyusun bahan tugas tim", (1, 1), "dokumen"),
    _k("Melaksanakan tugas tim sesuai pembagian kerja", (1, 1), bobot=2),
)
# Outside the SKP: (kategori, uraian, alasan, satuan, minutes it takes at most).
DI_LUAR_SKP = (
    (
        KategoriAktivitas.TUGAS_TAMBAHAN,
        "Menjadi panitia peringatan Hari Jadi Kota",
        "Ditugaskan Kepala Perangkat Daerah melalui surat tugas",
        "kegiatan",
    ),
    (
        KategoriAktivitas.TUGAS_TAMBAHAN,
        "Mendampingi kunjungan kerja DPRD ke unit kerja",
        "Penugasan dari atasan langsung",
        "kegiatan",
    ),
    (
        KategoriAktivitas.LAINNYA,
        "Mengikuti sosialisasi aplikasi SRIKANDI dan e-Kinerja",
        "Undangan BKPSDM untuk seluruh pegawai",
        "kegiatan",
    ),
    (
        KategoriAktivitas.LAINNYA,
        "Mengikuti pembinaan pegawai oleh Kepala Perangkat Daerah",
        "Kegiatan rutin perangkat daerah di luar rencana hasil kerja",
        "kegiatan",
    ),
)
PELUANG_DI_LUAR_SKP = 0.03
CATATAN_TOLAK = (
    "Uraian terlalu umum; sebutkan keluaran yang dihasilkan.",
    "Volume tidak sesuai dengan bukti dukung; mohon diperbaiki.",
    "Aktivitas ini tidak mendukung rencana hasil kerja yang dipilih.",
    "Lampirkan bukti dukung berupa notulen atau daftar hadir.",
    "Aktivitas yang sama sudah dilaporkan pada hari sebelumnya.",
)
# Satuan of an IKI that are not a count of outputs: activities use the profile's working unit instead.
SATUAN_BUKAN_HITUNGAN = {"%", "persen", "bulan", "nilai", "indeks", "hari"}


def profil(teks: str, jenis: str, jenis_jabatan: str) -> tuple[Kerja, ...]:
    if jenis == JenisRhk.TAMBAHAN:
        return TAMBAHAN
    if jenis_jabatan in JABATAN_PIMPINAN:
        return PIMPINAN
    kecil = teks.lower()
    for kata, kerja in PROFIL:
        if any(k in kecil for k in kata):
            return kerja
    return UMUM


# ---------------------------------------------------------------------------------------------------------------
# Times of a day
