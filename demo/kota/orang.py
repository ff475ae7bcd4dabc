"""People of the demo city: Sundanese names, education and gelar, golongan, NIP, and the profile of a holder of each
kind of position (age, diploma, golongan range, years of service). :class:`Orang` draws one person at a time from
the city's random stream, so the whole city stays a function of its seed."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from pegawai.choices import StatusPegawai

from .jabatan import AM, AMD, AP, MHR, PNY, TRP, daftar

NAMA_LAKI = daftar(
    """
    Asep, Cecep, Dedi, Ujang, Iwan, Agus, Budi, Dadang, Deden, Hendra, Yayat, Wawan, Dodi, Rudi, Tatang, Ade,
    Yusuf, Ahmad, Rizki, Fajar, Gilang, Ilham, Rendi, Dimas, Taufik, Heri, Eko, Bambang, Yudi, Dadan, Ridwan,
    Hadi, Nana, Endang, Teguh, Arief, Andri, Yana, Engkos, Aep, Jajang, Ayi, Usep, Kurnia, Rahmat, Irfan,
    Hilman, Firman, Ricky, Yogi, Galih, Rangga, Hari, Dudi, Entis, Odang, Mamat, Iman, Ferry, Bayu
    """
)
NAMA_PEREMPUAN = daftar(
    """
    Euis, Neneng, Siti, Rina, Dewi, Yuyun, Nining, Ai, Iis, Cucu, Elis, Imas, Lilis, Nenden, Tati, Titin, Yeni,
    Wulan, Rini, Sri, Ratna, Fitri, Intan, Nurul, Anisa, Ayu, Dian, Mira, Rosita, Santi, Wida, Yanti, Lina,
    Kartika, Rahmi, Novi, Indah, Enung, Popon, Enok, Tuti, Heni, Leni, Risna, Nunung, Evi, Desi, Gita, Sinta,
    Tia
    """
)
NAMA_TENGAH_LAKI = ("Muhammad", "Ahmad", "Moch.", "Raden")
NAMA_TENGAH_PEREMPUAN = ("Siti", "Nur", "Ratu", "Raden")
NAMA_KELUARGA_LAKI = daftar(
    """
    Suryana, Permana, Hidayat, Nugraha, Kurniawan, Setiawan, Gunawan, Sutisna, Mulyana, Sopandi, Rohendi,
    Saepudin, Supriatna, Mulyadi, Ruhiyat, Somantri, Suhendar, Hermawan, Firmansyah, Ramdani, Maulana, Rahman,
    Kusnadi, Sukmana, Wiguna, Wijaya, Santosa, Pratama, Saputra, Ramadhan, Komarudin, Sudrajat, Sunandar,
    Kosasih, Hamdani, Nurdin
    """
)
NAMA_KELUARGA_PEREMPUAN = daftar(
    """
    Rahmawati, Kurniasih, Nurhayati, Suryani, Handayani, Herawati, Komalasari, Lestari, Rosmiati, Wulandari,
    Susilawati, Fitriani, Mulyani, Permatasari, Sulastri, Nurjanah, Rostika, Kartini, Suminar, Yuliani, Sundari,
    Nuraeni, Hasanah, Anggraeni, Marliana
    """
)

# field → (S1 gelar belakang, D3, S2, gelar depan of the profession)
GELAR = {
    "umum": (("S.Sos.", "S.AP.", "S.IP.", "S.E."), ("A.Md.",), ("M.Si.", "M.M.", "M.AP."), ""),
    "sosial": (("S.Sos.",), ("A.Md.",), ("M.Si.", "M.AP."), ""),
    "ekonomi": (("S.E.",), ("A.Md.Ak.",), ("M.M.", "M.Ak.", "M.Si."), ""),
    "hukum": (("S.H.",), ("A.Md.",), ("M.H.", "M.Kn."), ""),
    "pendidikan": (("S.Pd.",), ("A.Md.Pd.",), ("M.Pd.",), ""),
    "dokter": (("",), ("",), ("M.Kes.", "M.K.M.", "Sp.PD.", "Sp.A."), "dr."),
    "dokter_gigi": (("",), ("",), ("M.Kes.",), "drg."),
    "keperawatan": (("S.Kep., Ners",), ("A.Md.Kep.",), ("M.Kep.",), ""),
    "kebidanan": (("S.Tr.Keb.",), ("A.Md.Keb.",), ("M.Keb.",), ""),
    "farmasi": (("S.Farm.",), ("A.Md.Farm.",), ("M.Farm.",), "apt."),
    "kesmas": (("S.K.M.",), ("A.Md.Kes.",), ("M.K.M.", "M.Kes."), ""),
    "gizi": (("S.Gz.",), ("A.Md.Gz.",), ("M.Gz.",), ""),
    "kesling": (("S.K.M.",), ("A.Md.K.L.",), ("M.K.M.",), ""),
    "laboratorium": (("S.Tr.Kes.",), ("A.Md.A.K.",), ("M.Biomed.",), ""),
    "it": (("S.Kom.", "S.T."), ("A.Md.Kom.",), ("M.Kom.", "M.T."), ""),
    "komunikasi": (("S.I.Kom.",), ("A.Md.",), ("M.I.Kom.",), ""),
    "statistik": (("S.Stat.", "S.Si."), ("A.Md.Stat.",), ("M.Si.",), ""),
    "teknik": (("S.T.",), ("A.Md.T.",), ("M.T.",), ""),
    "perencanaan": (("S.T.", "S.P.W.K."), ("A.Md.T.",), ("M.T.", "M.Si."), ""),
    "lingkungan": (("S.Si.", "S.T."), ("A.Md.",), ("M.Si.", "M.T."), ""),
    "pertanian": (("S.P.",), ("A.Md.P.",), ("M.P.", "M.Si."), ""),
    "veteriner": (("",), ("A.Md.Vet.",), ("M.Si.",), "drh."),
    "pariwisata": (("S.Par.",), ("A.Md.Par.",), ("M.Par.",), ""),
    "budaya": (("S.S.", "S.Sn."), ("A.Md.",), ("M.Hum.",), ""),
    "perpustakaan": (("S.IP.",), ("A.Md.",), ("M.Hum.",), ""),
    "psikologi": (("S.Psi.",), ("A.Md.",), ("M.Psi.",), ""),
    "olahraga": (("S.Or.", "S.Pd."), ("A.Md.",), ("M.Or.",), ""),
}
# The "Drs./Dra." and "Ir." degrees were replaced by S.x. gelar in 1993; older officials still carry them.
FIELDS_DRS = ("umum", "sosial", "ekonomi", "pendidikan")
FIELDS_IR = ("teknik", "perencanaan", "pertanian")
#: Golongan ruang I/a … IV/e, indexed so that one regular promotion (every four years) is +1.
RUANG = (
    "I/a",
    "I/b",
    "I/c",
    "I/d",
    "II/a",
    "II/b",
    "II/c",
    "II/d",
    "III/a",
    "III/b",
    "III/c",
    "III/d",
    "IV/a",
    "IV/b",
    "IV/c",
    "IV/d",
    "IV/e",
)
# Entry golongan by diploma (PP 99/2000): SLTA II/a, D-III II/c, S1 III/a; doctors enter at III/b.
RUANG_MASUK = {"SMA": 4, "D3": 6, "S1": 8, "S2": 8, "S3": 8}
USIA_MASUK = {"SMA": (19, 28), "D3": (21, 30), "S1": (23, 34), "S2": (24, 35), "S3": (25, 36)}


@dataclass(frozen=True)
class Level:
    """What a holder of one kind of position looks like: age, diploma, golongan range, years of service."""

    usia: tuple[int, int]
    pendidikan: tuple[tuple[str, float], ...]
    ruang_min: int
    ruang_max: int
    masa_kerja_min: int
    pppk: str  # golongan PPPK for this level ("" = never PPPK)


S1_ONLY = (("S1", 1.0),)
LEVELS = {
    # Structural: the usual golongan of holders (PP 100/2000 sets the minimum one step lower).
    "jpt": Level((48, 59), (("S2", 0.8), ("S3", 0.15), ("S1", 0.05)), 14, 15, 18, ""),
    "administrator": Level((42, 57), (("S2", 0.7), ("S1", 0.3)), 12, 13, 12, ""),
    "pengawas": Level((35, 56), (("S1", 0.6), ("S2", 0.4)), 10, 12, 6, ""),
    AP: Level((26, 45), (("S1", 0.9), ("S2", 0.1)), 8, 9, 0, "IX"),
    AM: Level((33, 56), (("S1", 0.6), ("S2", 0.4)), 10, 11, 6, "XI"),
    AMD: Level((42, 59), (("S2", 0.7), ("S1", 0.3)), 12, 14, 12, "XIII"),
    TRP: Level((26, 50), (("D3", 1.0),), 6, 7, 0, "VII"),
    MHR: Level((32, 56), (("D3", 1.0),), 8, 9, 5, "VII"),
    PNY: Level((40, 57), (("D3", 1.0),), 10, 11, 10, "VII"),
    # Pelaksana by kelas jabatan (PermenPANRB 11/2024): Penata (S1), Pengelola (D-III), the rest SLTA.
    8: Level((26, 57), S1_ONLY, 8, 11, 0, "IX"),
    7: Level((26, 57), (("D3", 1.0),), 6, 10, 0, "VII"),
    6: Level((26, 57), (("SMA", 0.6), ("S1", 0.25), ("D3", 0.15)), 4, 9, 0, "V"),
    5: Level((26, 57), (("SMA", 1.0),), 4, 9, 0, "V"),
}


# Professions whose gelar only fits their own jabatan fungsional: a pelaksana or a kepala dinas drawn from such a
# field gets a general degree instead.
PROFESI = ("dokter", "dokter_gigi", "keperawatan", "kebidanan", "farmasi", "veteriner")
BIDANG_UMUM = ("sosial", "ekonomi", "hukum", "umum")


@dataclass(slots=True)
class PersonRow:
    nip: str
    nama: str
    gelar_depan: str
    gelar_belakang: str
    jenis_kelamin: str
    tanggal_lahir: datetime.date
    status: str
    golongan: str
    jabatan: int
    tmt: datetime.date
    aktif: bool = True
    atasan_override: int | None = None
    pimpinan: bool = False  # holds a structural position (a possible target of atasan_override)


class Orang:
    """Draws the people of one city from its random stream. NIP sequence numbers are unique per the 15 digits
    before them across every person this instance draws."""

    def __init__(self, rng: random.Random, today: datetime.date):
        self.rng = rng
        self.today = today
        self.nip_urut: dict[str, int] = {}

    def _nama(self, perempuan: bool) -> str:
        rng = self.rng
        depan = rng.choice(NAMA_PEREMPUAN if perempuan else NAMA_LAKI)
        parts = [depan]
        if rng.random() < 0.12:
            tengah = rng.choice(NAMA_TENGAH_PEREMPUAN if perempuan else NAMA_TENGAH_LAKI)
            if tengah != depan:
                parts.insert(0, tengah)
        if rng.random() < 0.93 or len(parts) == 1:
            keluarga = NAMA_KELUARGA_PEREMPUAN if perempuan and rng.random() < 0.8 else NAMA_KELUARGA_LAKI
            parts.append(rng.choice(keluarga))
        return " ".join(parts)

    def _gelar(self, pendidikan: str, bidang: str, perempuan: bool, lahir: int, usia: int, apoteker: bool):
        rng = self.rng
        s1, d3, s2, profesi = GELAR[bidang]
        depan: list[str] = []
        belakang: list[str] = []
        if pendidikan == "D3":
            belakang.append(rng.choice(d3))
        elif pendidikan in ("S1", "S2", "S3"):
            if pendidikan == "S3":
                depan.append("Dr.")
            if profesi and (profesi != "apt." or apoteker):
                depan.append(profesi)
                if profesi == "apt.":
                    belakang.append(s1[0])
            elif bidang in FIELDS_DRS and lahir <= 1967:
                depan.append("Dra." if perempuan else "Drs.")
            elif bidang in FIELDS_IR and lahir <= 1975:
                depan.append("Ir.")
            else:
                belakang.append(rng.choice(s1))
            if pendidikan in ("S2", "S3"):
                belakang.append(rng.choice(s2))
        # The pilgrimage title, more common among senior officials.
        if usia >= 45 and rng.random() < 0.2:
            depan.append("Hj." if perempuan else "H.")
        return " ".join(depan), ", ".join(g for g in belakang if g)

    def buat(
        self,
        jabatan: int,
        level_key,
        *,
        bidang: str,
        perempuan_p: float,
        pppk_p: float = 0.0,
        apoteker: bool = False,
        pensiun: bool = False,
        sekda: bool = False,
    ) -> PersonRow:
        rng, today = self.rng, self.today
        level = LEVELS[level_key]
        perempuan = rng.random() < perempuan_p
        # Batas usia pensiun is 58 (60 for JPT and ahli madya, UU 20/2023); a pensiunan is a little older.
        usia = rng.randint(59, 61) if pensiun else rng.randint(*level.usia)
        tahun_lahir = today.year - usia
        lahir = datetime.date(tahun_lahir, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        r, pendidikan = rng.random(), level.pendidikan[-1][0]
        for nama, p in level.pendidikan:
            if r < p:
                pendidikan = nama
                break
            r -= p
        pppk = bool(level.pppk) and not pensiun and rng.random() < pppk_p
        if pppk:
            # PPPK were first appointed in 2021 (PP 49/2018); their nomor induk carries only the year.
            awal = max(2021, tahun_lahir + 19)
            tahun = rng.randint(min(awal, today.year), today.year)
            tmt = datetime.date(tahun, 1, 1)
            status = StatusPegawai.PPPK
            golongan = level.pppk
        else:
            lo, hi = USIA_MASUK[pendidikan]
            hi = min(hi, usia - level.masa_kerja_min)
            lo = max(19, min(lo, hi))
            tahun = tahun_lahir + rng.randint(lo, hi)
            bulan = rng.choice((1, 2, 3, 3, 4, 6, 7, 10, 12, 12))
            if tahun >= today.year:
                tahun, bulan = today.year, min(bulan, today.month)
            tmt = datetime.date(tahun, bulan, 1)
            # CPNS during the first year (PP 11/2017 Pasal 34: a year of probation before becoming PNS).
            cpns = (today - tmt).days < 365
            status = StatusPegawai.CPNS if cpns else StatusPegawai.PNS
            masuk = RUANG_MASUK[pendidikan] + (1 if bidang in ("dokter", "dokter_gigi") else 0)
            if cpns:
                ruang = masuk
            else:
                # One regular promotion every four years, within what the position allows.
                naik = masuk + (today.year - tahun) // 4
                ruang = min(max(naik, level.ruang_min), level.ruang_max + (1 if sekda else 0))
            golongan = RUANG[ruang]
        kode = f"{lahir:%Y%m%d}{tmt.year:04d}{'21' if pppk else f'{tmt.month:02d}'}{'2' if perempuan else '1'}"
        # Nomor urut: unique among NIPs sharing the 15 digits before it; real ones rarely start at 001.
        urut = self.nip_urut.get(kode) or rng.randint(1, 12)
        self.nip_urut[kode] = urut + 1
        depan, belakang = self._gelar(pendidikan, bidang, perempuan, tahun_lahir, usia, apoteker)
        return PersonRow(
            nip=f"{kode}{urut:03d}",
            nama=self._nama(perempuan),
            gelar_depan=depan,
            gelar_belakang=belakang,
            jenis_kelamin="P" if perempuan else "L",
            tanggal_lahir=lahir,
            status=status,
            golongan=golongan,
            jabatan=jabatan,
            tmt=tmt,
            aktif=not pensiun,
        )


#: Years of service at which a Satyalancana Karya Satya level is reached (PP 35/1994).
TANDA_MASA_KERJA = (10, 20, 30)
#: Months since a level was reached by the pegawai placed around each mark: over a year ago (a late proposal), a
#: few months ago, this month (the TMT CPNS is the first of a month: exactly on the mark when seeded on the 1st),
#: and next month and in half a year (the "eligible in the next 12 months" list).
BULAN_SEJAK_TANDA = (14, 3, 0, -1, -6)
#: Pegawai placed per mark and offset, per this many pegawai of the city (at least one each).
PER_TANDA = 4000


def tandai_masa_kerja(orang: Orang, people: list[PersonRow], n: int, kecuali: set[int]) -> list[int]:
    """Re-date the TMT CPNS (and the NIP that carries its year and month) of a few active PNS so that they sit at
    and around the 10, 20 and 30-year marks of the city's day (:data:`BULAN_SEJAK_TANDA`). Only people whose drawn
    service is within three years of the mark are moved, so ages and golongan stay plausible; ``kecuali`` (the
    personas, transfers, delegations) keep theirs. Returns the indices moved, in the order they were placed."""
    rng, today = orang.rng, orang.today
    per_titik = max(1, n // PER_TANDA)
    dipindah: list[int] = []
    for tahun in TANDA_MASA_KERJA:
        for bulan_sejak in BULAN_SEJAK_TANDA:
            indeks = today.year * 12 + today.month - 1 - 12 * tahun - bulan_sejak
            tmt = datetime.date(indeks // 12, indeks % 12 + 1, 1)
            kandidat = [
                i
                for i, p in enumerate(people)
                if p.aktif
                and p.status == StatusPegawai.PNS
                and i not in kecuali
                and abs(p.tmt.year - tmt.year) <= 3
                # At least 20 at the new TMT (the youngest appointed at 18–19 keep a margin).
                and tmt.year - p.tanggal_lahir.year >= 20
            ]
            for i in rng.sample(kandidat, min(per_titik, len(kandidat))):
                p = people[i]
                kode = f"{p.tanggal_lahir:%Y%m%d}{tmt.year:04d}{tmt.month:02d}{'2' if p.jenis_kelamin == 'P' else '1'}"
                urut = orang.nip_urut.get(kode) or rng.randint(1, 12)
                orang.nip_urut[kode] = urut + 1
                p.nip, p.tmt = f"{kode}{urut:03d}", tmt
                kecuali.add(i)
                dipindah.append(i)
    return dipindah
