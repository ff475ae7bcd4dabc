"""The content of planned evaluations (:class:`Isi`): the realisasi per RHK, evidence links, feedback per RHK and per
BerAKHLAK value, the history of each state as the services write it, and the dialog threads and tagged problems
around them. Pure: works on the plan in memory."""

from __future__ import annotations

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from penilaian import rules
from penilaian.choices import AksiEvaluasi, JenisPermasalahan, JenisPesan, Predikat, Rating, StatusEvaluasi
from penilaian.selectors.periode import nama_periode
from skp.choices import Aspek

from . import teks

#: How much of the period's share of the annual target a pegawai reaches, by the rating they end up with.
FAKTOR = {Rating.DI_ATAS: (1.1, 1.3), Rating.SESUAI: (0.95, 1.1), Rating.DI_BAWAH: (0.55, 0.85)}
PELUANG_DIKEMBALIKAN = 0.04
PELUANG_UMPAN_BALIK_RHK = 0.85
#: A draft of someone else's team with an RHK still lacking evidence: rating waits for it (the seed's control).
PELUANG_BUKTI_KURANG = 0.2
PELUANG_DIALOG = 0.1
PELUANG_KEBIJAKAN = 0.2
PELUANG_MASALAH_DINILAI = 0.7
PELUANG_MASALAH_LAIN = 0.02
JUDUL_BUKTI = ("Laporan capaian", "Rekapitulasi data", "Notulen dan daftar hadir", "Dokumentasi kegiatan")
SATU_HARI = datetime.timedelta(days=1)


def angka(nilai: Decimal) -> str:
    """An Indonesian number with at most one decimal ("12", "24,5")."""
    nilai = nilai.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if nilai == nilai.to_integral_value():
        return f"{int(nilai)}"
    return f"{nilai}".replace(".", ",")


class Isi:
    def __init__(self, rng: random.Random, tahun: int, perilaku: list[tuple[int, str]], batas: datetime.datetime):
        self.rng = rng
        self.tahun = tahun
        self.perilaku = perilaku
        self.batas_waktu = batas

    def waktu(self, hari: datetime.date, tambah_hari: int = 0) -> datetime.datetime:
        """A moment of office hours ``tambah_hari`` days after ``hari``, never after the seed's last moment."""
        menit = self.rng.randint(0, 8 * 60)
        mulai = datetime.datetime.combine(hari, datetime.time(8, 0)) + datetime.timedelta(
            days=tambah_hari, minutes=menit
        )
        return min(timezone.make_aware(mulai), self.batas_waktu)

    def setelah(self, waktu: datetime.datetime, hari: int) -> datetime.datetime:
        return min(waktu + datetime.timedelta(days=hari, minutes=self.rng.randint(0, 120)), self.batas_waktu)

    # --- realisasi and evidence ------------------------------------------------------------------------------

    def _realisasi(self, iki: list[tuple], kualitatif: bool, hasil: Rating, bulan: int) -> tuple[str, str, str]:
        """(suggested from activities, stated by the pegawai, reason for the difference) of one RHK: counted IKI
        are summed from activities; quality, time and kualitatif measures are stated by the pegawai."""
        rng = self.rng
        faktor = Decimal(str(round(rng.uniform(*FAKTOR[hasil]), 3)))
        saran, nyata = [], []
        for teks_iki, aspek, target, satuan in iki:
            judul = teks_iki.strip()
            belum = f"{judul}: belum dinyatakan"
            if not kualitatif and aspek == Aspek.KUANTITAS and target and satuan:
                volume = (target * bulan / 12 * faktor).quantize(Decimal(1), rounding=ROUND_HALF_UP)
                persen = volume * 100 / target
                bagian = f"{judul}: {angka(volume)} {satuan} ({angka(persen)}% dari target)"
                saran.append(bagian)
                nyata.append(bagian)
            elif not kualitatif and target and satuan:
                saran.append(belum)
                if satuan == "bulan":
                    nilai = Decimal(bulan - (hasil == Rating.DI_BAWAH))
                else:
                    nilai = target * faktor
                    nilai = min(nilai, Decimal(100)) if satuan == "%" else nilai
                nyata.append(f"{judul}: {angka(nilai)} {satuan}")
            else:
                saran.append(belum)
        saran_teks = "; ".join(saran)
        if kualitatif:
            return saran_teks, rng.choice(teks.REALISASI_KUALITATIF), teks.ALASAN_KUALITATIF
        nyata_teks = "; ".join(nyata) or saran_teks
        if nyata_teks == saran_teks:
            return saran_teks, nyata_teks, ""
        alasan = teks.ALASAN_UBAH[1] if rng.random() < 0.9 else teks.ALASAN_UBAH[0]
        return saran_teks, nyata_teks, alasan

    def _bukti(self, nama: str) -> list[tuple[str, str]]:
        rng = self.rng
        return [
            (
                f"https://arsip.example.go.id/e-kinerja/{self.tahun}/{rng.getrandbits(48):012x}",
                f"{rng.choice(JUDUL_BUKTI)} {nama}",
            )
            for _i in range(1 if rng.random() < 0.8 else 2)
        ]

    # --- one team of a period --------------------------------------------------------------------------------

    def isi_tim(self, periode, anggota: list, lengkap: bool, aktor: tuple[int | None, str]) -> None:
        """Fill the evaluations of one penilai's team: content, times and history of each one's state. ``lengkap``:
        every draft has evidence on every RHK (the demo persona's team, rated in the browser)."""
        rng = self.rng
        user, nama = aktor
        bulan = rules.bulan_periode(periode.jenis)
        judul = nama_periode(periode.jenis, periode.nomor, self.tahun)
        for e in anggota:
            e.dibuat = self.waktu(periode.selesai, rng.randint(1, 4))
            dinilai = e.status != StatusEvaluasi.DRAFT
            tanpa_bukti = not dinilai and not lengkap and rng.random() < PELUANG_BUKTI_KURANG
            e.rhk = []
            for urutan, (rhk_pk, iki) in enumerate(e.skp.rhk, start=1):
                saran, nyata, alasan = self._realisasi(iki, e.skp.kualitatif, e.nilai.hasil, bulan)
                umpan_balik = ""
                if dinilai and rng.random() < PELUANG_UMPAN_BALIK_RHK:
                    umpan_balik = rng.choice(teks.UMPAN_BALIK_RHK[e.nilai.hasil])
                bukti = [] if tanpa_bukti and urutan == len(e.skp.rhk) else self._bukti(judul)
                e.rhk.append((rhk_pk, urutan, saran, nyata, alasan, umpan_balik, bukti))
            e.perilaku = self._perilaku(e.nilai.perilaku if dinilai else None)
            if dinilai:
                self._dinilai(e, user, nama)
        final = [e for e in anggota if e.status == StatusEvaluasi.FINAL]
        if final:
            # evaluasi_finalkan: the whole team at once, after the last rating.
            difinalkan = self.setelah(max(e.dinilai for e in final), rng.randint(1, 3))
            for e in final:
                e.difinalkan = difinalkan
                e.riwayat.append(
                    (AksiEvaluasi.DIFINALKAN, StatusEvaluasi.DINILAI, StatusEvaluasi.FINAL, user, nama, "", difinalkan)
                )

    def _perilaku(self, rating: Rating | None) -> list[tuple[int, str]]:
        """One row per BerAKHLAK value; a rated evaluation has feedback on two to four of them, in the tone of the
        rating perilaku (the first one) and otherwise as expected."""
        if rating is None:
            return [(pk, "") for pk, _nama in self.perilaku]
        rng = self.rng
        dipilih = rng.sample(range(len(self.perilaku)), rng.randint(2, 4))
        hasil = []
        for i, (pk, nama) in enumerate(self.perilaku):
            teks_ = ""
            if i in dipilih:
                nada = rating if i == dipilih[0] or rating == Rating.DI_ATAS else Rating.SESUAI
                teks_ = rng.choice(teks.UMPAN_BALIK_PERILAKU[nada]).format(nama=nama)
                teks_ = teks_[:1].upper() + teks_[1:]
            hasil.append((pk, teks_))
        return hasil

    def _dinilai(self, e, user: int | None, nama: str) -> None:
        """Ratings given (after a return to draft, now and then), as ``evaluasi_nilai``/``evaluasi_kembalikan``
        record them."""
        rng = self.rng
        predikat = Predikat(e.nilai.predikat)
        e.catatan = rng.choice(teks.CATATAN_PENILAI[predikat])
        catatan = f"Predikat: {predikat.label}."
        waktu = self.setelah(e.dibuat, rng.randint(2, 9))
        if rng.random() < PELUANG_DIKEMBALIKAN:
            e.riwayat.append(
                (AksiEvaluasi.DINILAI, StatusEvaluasi.DRAFT, StatusEvaluasi.DINILAI, user, nama, catatan, waktu)
            )
            waktu = self.setelah(waktu, 1)
            alasan = rng.choice(teks.ALASAN_KEMBALI)
            e.riwayat.append(
                (AksiEvaluasi.DIKEMBALIKAN, StatusEvaluasi.DINILAI, StatusEvaluasi.DRAFT, user, nama, alasan, waktu)
            )
            waktu = self.setelah(waktu, 2)
        e.dinilai = waktu
        e.riwayat.append(
            (AksiEvaluasi.DINILAI, StatusEvaluasi.DRAFT, StatusEvaluasi.DINILAI, user, nama, catatan, waktu)
        )

    # --- dialog kinerja and problems -------------------------------------------------------------------------

    def dialog_dan_masalah(self, rencana, personas: dict[str, int]) -> None:
        """Dialog threads for some pegawai per period (always for the demo pegawai), now and then with feedback on
        policy; problems the penilai tagged, mostly where a rating is Di Bawah. The demo atasan has tagged one of
        the bawahan they still rate."""
        rng = self.rng
        pegawai_demo, atasan_demo = personas.get("pegawai"), personas.get("atasan")
        sudah_dialog: set[tuple[int, int]] = set()
        sudah_masalah: set[tuple[int, int, str]] = set()

        def tandai(e, jenis: str, waktu) -> None:
            kunci = (e.skp.pegawai, e.periode, jenis)
            if kunci not in sudah_masalah:
                sudah_masalah.add(kunci)
                catatan = rng.choice(teks.PERMASALAHAN[jenis])
                rencana.permasalahan.append((e.skp.pegawai, e.periode, jenis, catatan, e.penilai, waktu))

        for e in rencana.evaluasi:
            if e.penilai is None:
                continue
            periode = rencana.periode[e.periode]
            kunci = (e.skp.pegawai, e.periode)
            demo = e.skp.pegawai == pegawai_demo
            if kunci not in sudah_dialog and (demo or rng.random() < PELUANG_DIALOG):
                sudah_dialog.add(kunci)
                self._dialog(e, periode, rencana, kebijakan=demo and not periode.ditutup)
            if e.dinilai_penilai:
                waktu = e.dinilai - datetime.timedelta(hours=1)
                if e.nilai.hasil == Rating.DI_BAWAH and rng.random() < PELUANG_MASALAH_DINILAI:
                    tandai(e, JenisPermasalahan.SUBSTANSI, waktu)
                if e.nilai.perilaku == Rating.DI_BAWAH and rng.random() < PELUANG_MASALAH_DINILAI:
                    tandai(e, JenisPermasalahan.PERILAKU, waktu)
                elif rng.random() < PELUANG_MASALAH_LAIN:
                    tandai(e, JenisPermasalahan.SUBSTANSI, waktu)
            elif rng.random() < PELUANG_MASALAH_LAIN * 2:
                tandai(e, rng.choice(list(JenisPermasalahan)), self.waktu(periode.selesai, 3))
        terbuka = [
            e
            for e in rencana.evaluasi
            if e.penilai == atasan_demo and e.penilai is not None and not rencana.periode[e.periode].ditutup
        ]
        if terbuka and not any(m[4] == atasan_demo and m[1] == terbuka[0].periode for m in rencana.permasalahan):
            lain = [e for e in terbuka if e.skp.pegawai != pegawai_demo] or terbuka
            tandai(lain[0], JenisPermasalahan.SUBSTANSI, self.waktu(rencana.periode[lain[0].periode].selesai, 3))

    def _dialog(self, e, periode, rencana, kebijakan: bool) -> None:
        rng = self.rng
        waktu = self.waktu(periode.selesai, -rng.randint(10, 25))
        for siapa, isi in rng.choice(teks.DIALOG):
            pengirim = e.skp.pegawai if siapa == "pegawai" else e.penilai
            rencana.pesan.append((e.skp.pegawai, e.periode, pengirim, JenisPesan.DIALOG, isi, waktu))
            waktu = self.setelah(waktu, rng.randint(0, 2))
        if kebijakan or rng.random() < PELUANG_KEBIJAKAN:
            isi = rng.choice(teks.KEBIJAKAN)
            rencana.pesan.append(
                (e.skp.pegawai, e.periode, e.skp.pegawai, JenisPesan.UMPAN_BALIK_KEBIJAKAN, isi, waktu)
            )
