"""Texts of the demo evaluations: feedback per RHK and per BerAKHLAK value by rating, the penilai's notes per
predikat, dialog threads, feedback on policy, tagged problems, reasons. ``{nama}`` is a BerAKHLAK value's name."""

from __future__ import annotations

from penilaian.choices import CapaianOrganisasi, Predikat, Rating

UMPAN_BALIK_RHK = {
    Rating.DI_ATAS: (
        "Hasil melampaui target periode ini dan tepat waktu; pertahankan, dan bagikan cara kerjanya kepada rekan.",
        "Kualitas keluaran sangat baik, hampir tanpa revisi. Terima kasih atas inisiatifnya.",
        "Target terlampaui dengan data pendukung yang rapi; layak menjadi contoh di unit.",
    ),
    Rating.SESUAI: (
        "Sesuai target periode ini. Perhatikan kelengkapan lampiran agar verifikasi lebih cepat.",
        "Keluaran tercapai sesuai rencana; ke depan usahakan selesai sebelum tenggat.",
        "Sudah sesuai ekspektasi. Dokumentasi bukti dukung sudah cukup jelas.",
        "Capaian sesuai target; tingkatkan ketelitian pada rekapitulasi data.",
        "Baik dan konsisten. Koordinasikan lebih awal bila ada hambatan di lapangan.",
    ),
    Rating.DI_BAWAH: (
        "Capaian masih di bawah target periode ini. Mari susun rencana tindak lanjut bersama minggu depan.",
        "Beberapa keluaran terlambat dan perlu revisi berulang; mohon manfaatkan daftar periksa yang sudah ada.",
        "Realisasi belum sesuai target; laporkan hambatan lebih awal agar dapat dibantu.",
    ),
}

UMPAN_BALIK_PERILAKU = {
    Rating.DI_ATAS: (
        "Menonjol dalam {nama}: menjadi teladan bagi rekan satu unit.",
        "{nama} ditunjukkan dengan sangat baik dan konsisten sepanjang periode.",
    ),
    Rating.SESUAI: (
        "{nama} sudah sesuai harapan; pertahankan.",
        "Perilaku {nama} baik. Tingkatkan lagi keterlibatan dalam kegiatan tim.",
        "Sudah menunjukkan {nama} dalam pekerjaan sehari-hari.",
    ),
    Rating.DI_BAWAH: (
        "{nama} perlu ditingkatkan; beberapa kali perlu diingatkan pada periode ini.",
        "Mohon perhatian pada {nama}: disiplin dan komunikasi dengan rekan belum konsisten.",
    ),
}

CATATAN_PENILAI = {
    Predikat.SANGAT_BAIK: (
        "Kinerja sangat baik pada periode ini; diusulkan mengikuti pengembangan kompetensi lanjutan.",
        "Hasil kerja dan perilaku menonjol. Terima kasih atas dedikasinya.",
    ),
    Predikat.BAIK: (
        "Kinerja baik dan sesuai ekspektasi. Pertahankan konsistensi pada periode berikutnya.",
        "Secara umum baik; perhatikan ketepatan waktu pelaporan.",
        "",
    ),
    Predikat.BUTUH_PERBAIKAN: (
        "Perlu perbaikan pada capaian hasil kerja; rencana tindak lanjut dibahas dalam dialog kinerja.",
        "Beberapa target tidak tercapai. Akan dilakukan pendampingan pada periode berikutnya.",
    ),
    Predikat.KURANG: ("Perilaku kerja perlu perbaikan serius; sudah dibicarakan langsung dan akan dipantau.",),
    Predikat.SANGAT_KURANG: (
        "Hasil kerja dan perilaku jauh di bawah ekspektasi; pembinaan sesuai ketentuan akan dilakukan.",
    ),
}

ALASAN_UBAH = (
    "Sebagian keluaran diselesaikan di luar aplikasi (rapat koordinasi di provinsi) dan belum tercatat sebagai "
    "aktivitas.",
    "Menambahkan capaian kualitas dan ketepatan waktu yang tidak terhitung dari aktivitas harian.",
    "Dua berkas tercatat ganda pada aktivitas; realisasi dikoreksi sesuai arsip.",
)
REALISASI_KUALITATIF = (
    "Seluruh keluaran periode ini disusun lengkap dan diterima pimpinan tepat waktu; satu dokumen direvisi sekali "
    "sebelum disetujui.",
    "Keluaran diselesaikan sesuai ukuran keberhasilan; laporan disampaikan sebelum tanggal 10 bulan berikutnya.",
)
ALASAN_KUALITATIF = "SKP kualitatif: realisasi dinyatakan terhadap ukuran keberhasilan, bukan dari jumlah aktivitas."

ALASAN_KEMBALI = (
    "Bukti dukung RHK kedua belum memuat laporan akhir; mohon dilengkapi lalu saya nilai ulang.",
    "Realisasi yang diubah perlu dilengkapi alasan dan arsipnya.",
)

#: A dialog thread: (who writes — "pegawai" or "atasan" — text), in order.
DIALOG = (
    (
        (
            "pegawai",
            "Pak/Bu, mohon arahan: target laporan bulanan periode ini terkendala data dari kecamatan yang "
            "terlambat masuk.",
        ),
        (
            "atasan",
            "Terima kasih sudah melapor lebih awal. Silakan surati camat melalui sekretariat, tembusan ke saya.",
        ),
        ("pegawai", "Baik, surat sudah dikirim hari ini dan data mulai masuk."),
    ),
    (
        ("atasan", "Capaian Anda periode ini sudah baik. Apa yang menurut Anda perlu ditingkatkan?"),
        ("pegawai", "Saya ingin memperbaiki ketepatan waktu rekap. Mohon izin mengikuti pelatihan pengolahan data."),
        ("atasan", "Setuju, akan saya usulkan pada rencana pengembangan kompetensi tahun ini."),
    ),
    (
        ("atasan", "Dua laporan terakhir terlambat. Ada kendala yang bisa saya bantu?"),
        ("pegawai", "Beban verifikasi berkas bertambah sejak ada rekan yang mutasi. Saya akan menyusun jadwal ulang."),
        ("atasan", "Baik, kita bagi ulang tugas verifikasi mulai minggu depan."),
        ("pegawai", "Terima kasih, Pak/Bu."),
    ),
    (
        ("pegawai", "Mohon umpan balik atas draf kajian yang saya kirim minggu lalu."),
        (
            "atasan",
            "Sudah saya baca: analisisnya tajam, tetapi rekomendasinya perlu diberi prioritas dan perkiraan biaya.",
        ),
    ),
)

KEBIJAKAN = (
    "Masukan prosedur: formulir permohonan masih diminta rangkap tiga padahal arsip sudah digital. Usul cukup "
    "satu berkas PDF.",
    "Usul agar rapat koordinasi mingguan dipindah ke Senin pagi supaya tindak lanjut bisa dikerjakan sepekan penuh.",
    "Jaringan internet di ruang layanan sering putus sore hari; mohon dipertimbangkan penambahan titik akses.",
    "SOP verifikasi berkas belum mengatur batas waktu; usul ditetapkan tiga hari kerja.",
)

PERMASALAHAN = {
    "substansi": (
        "Target kuantitas tidak tercapai karena data dari unit lain terlambat; perlu koordinasi lebih awal.",
        "Kualitas laporan belum memenuhi standar: beberapa tabel tidak konsisten dengan sumber data.",
        "Penyelesaian pekerjaan sering melewati tenggat; perlu pendampingan penyusunan jadwal kerja.",
    ),
    "perilaku": (
        "Beberapa kali tidak hadir rapat koordinasi tanpa pemberitahuan.",
        "Komunikasi dengan rekan satu tim kurang; tugas bersama tertunda.",
        "Perlu peningkatan disiplin jam kerja dan pelaporan aktivitas harian.",
    ),
}

CATATAN_CAPAIAN = {
    CapaianOrganisasi.ISTIMEWA: "Seluruh sasaran periode ini tercapai di atas target.",
    CapaianOrganisasi.BAIK: "Sasaran periode ini tercapai sesuai target.",
    CapaianOrganisasi.BUTUH_PERBAIKAN: "Sebagian sasaran di bawah target; rencana aksi perbaikan disusun.",
}

ALASAN_PENERIMAAN = (
    "Seluruh anggota tim menuntaskan program prioritas daerah di atas target dengan bukti dukung yang diverifikasi "
    "Inspektorat; penyimpangan dari pola kurva dapat diterima untuk periode ini."
)
