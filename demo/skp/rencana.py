"""The plan of a year's demo SKP (:class:`Perencana`): who gets one, in which state, with which RHK, IKI, lampiran,
ekspektasi and history, replayed top-down over the organisation in memory (:class:`demo.skp.organisasi.Organisasi`).

One SKP per position held in the year (:mod:`demo.skp.tugas`); the old position's SKP of a mid-year transfer ends
the day before the TMT, closed by the mutasi as :mod:`skp.services.mutasi` records it."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pegawai.choices import JenisJabatan, JenisPeran
from pegawai.models import Jabatan, User
from pegawai.unit_mandiri import pimpinan_unit_mandiri
from skp.choices import AcuanRhkJpt, AksiSkp, Aspek, FormatSkp, JenisRhk, Pendekatan, Perspektif, SkpStatus, StatusRekap
from skp.models import EkspektasiKhusus, IndikatorKinerjaIndividu, LampiranItem, PerilakuKerja, RencanaHasilKerja, Skp
from skp.models import SkpRiwayat as Riwayat
from skp.rules import format_skp as format_skp_dari
from skp.rules import tanggal_acuan
from skp.selectors.identitas import identitas_kepala_daerah
from skp.services.kepala_daerah import nama_atas_nama

from .organisasi import Organisasi
from .teks import (
    ADMINISTRATOR_RHK,
    CATATAN_KEMBALI,
    EKSPEKTASI,
    FUNGSIONAL_RHK,
    GURU_RHK,
    JPT_RHK,
    KATA_KESEHATAN,
    KESEHATAN_RHK,
    LAMPIRAN,
    PELAKSANA_RHK,
    PENGAWAS_RHK,
    SATUAN_TAMBAHAN,
    SEKDA_RHK,
    TAMBAHAN,
    kecil_awal,
    urusan,
)
from .tugas import Langkah, Tugas, urutan_tugas

BELUM = StatusRekap.BELUM_DIBUAT.value

# Status mix per kind of position, given the atasan's SKP is approved: (status, weight). Leaders plan earlier and
# more completely than staff, so the cascade does not thin out too fast.
CAMPURAN = {
    JenisJabatan.JPT: ((SkpStatus.DISETUJUI, 99), (SkpStatus.DIAJUKAN, 1)),
    JenisJabatan.ADMINISTRATOR: (
        (SkpStatus.DISETUJUI, 97),
        (SkpStatus.DIAJUKAN, 1),
        (SkpStatus.DRAFT, 1),
        (SkpStatus.DIKEMBALIKAN, 1),
    ),
    JenisJabatan.PENGAWAS: (
        (SkpStatus.DISETUJUI, 96),
        (SkpStatus.DIAJUKAN, 2),
        (SkpStatus.DRAFT, 1),
        (SkpStatus.DIKEMBALIKAN, 1),
    ),
    "staf": (
        (SkpStatus.DISETUJUI, 80),
        (SkpStatus.DIAJUKAN, 8),
        (SkpStatus.DRAFT, 5),
        (SkpStatus.DIKEMBALIKAN, 3),
        (BELUM, 4),
    ),
}
PELUANG_KUALITATIF = 0.08
PELUANG_TAMBAHAN = 0.35
PELUANG_EKSPEKTASI = 0.5


@dataclass
class _Rhk:
    obj: RencanaHasilKerja
    iki: list[IndikatorKinerjaIndividu]


@dataclass
class Rencana:
    pegawai: int
    kedalaman: int
    skp: Skp
    rhk: list[_Rhk] = field(default_factory=list)
    lampiran: list[LampiranItem] = field(default_factory=list)
    ekspektasi: list[EkspektasiKhusus] = field(default_factory=list)
    riwayat: list[Riwayat] = field(default_factory=list)

    @property
    def utama(self) -> list[RencanaHasilKerja]:
        return [r.obj for r in self.rhk if r.obj.jenis == JenisRhk.UTAMA]


class Perencana:
    def __init__(self, org: Organisasi, tahun: int, seed: int, hari_ini: datetime.date, personas: dict[str, int]):
        self.org = org
        self.tahun = tahun
        self.rng = random.Random(f"skp-demo-{seed}-{tahun}")
        self.hari_ini = hari_ini
        self.personas = personas
        self.perilaku = list(PerilakuKerja.objects.order_by("urutan"))
        self.rencana: dict[Tugas, Rencana] = {}
        self.status: Counter = Counter()
        awal = timezone.make_aware(datetime.datetime(tahun, 1, 2, 8, 0))
        self.sekarang = timezone.now()
        # The whole cascade happens over a few weeks that must lie in the past (3 days per supervision level).
        self.awal = min(awal, self.sekarang - datetime.timedelta(days=45))
        admin = User.objects.filter(peran__jenis=JenisPeran.ADMIN_BKPSDM).order_by("pk").first()
        # How the history names admin BKPSDM acting for the kepala daerah (skp_setujui_kepala_daerah).
        self.atas_nama = nama_atas_nama(admin)[1] if admin else str(settings.KEPALA_DAERAH_JABATAN)
        # Who the history names for a mutasi recorded by admin BKPSDM (skp.services.mutasi: a login without a
        # pegawai is named by its username).
        self.pencatat = admin.username if admin else _("sistem")

    # --- status --------------------------------------------------------------------------------------------

    def _status(self, t: Tugas, jenis: str, bawahan: int, paksa: dict[Tugas, str]) -> str:
        if t in paksa:
            return paksa[t]
        # Whoever rates others (a kepala sekolah is a guru with an additional task) plans like a pengawas, and one
        # whom ten or more bawahan wait for plans as early as a JPT.
        if bawahan >= 10:
            jenis = JenisJabatan.JPT
        elif jenis not in CAMPURAN and bawahan:
            jenis = JenisJabatan.PENGAWAS
        campuran = CAMPURAN.get(jenis, CAMPURAN["staf"])
        return self.rng.choices([s for s, _w in campuran], weights=[w for _s, w in campuran])[0]

    def _acuan(self, t: Tugas) -> datetime.date:
        """The day whose supervision counts for approving ``t``'s SKP (``tanggal_acuan_skp``)."""
        return tanggal_acuan(t.mulai, t.selesai, self.hari_ini)

    def _dipaksa(self, langkah: list[Langkah]) -> dict[Tugas, str]:
        """Statuses the demo needs: the personas' chain, the pegawai and the pegawai moved mid-year approved (every
        SKP of theirs: for a mutasi, the old position's and the new one's), queues for the atasan and the Plt."""
        paksa: dict[Tugas, str] = {}
        nama = ("pimpinan", "kepala_opd", "atasan_atasan", "atasan", "plt", "pegawai")
        orang = {self.personas[n] for n in nama if n in self.personas}
        definitif: dict[int, int] = {}
        for _d, t, _a, _dari in langkah:
            if not t.plt:
                definitif[t.pegawai] = definitif.get(t.pegawai, 0) + 1
        for _d, t, _a, _dari in langkah:
            if t.pegawai in orang or definitif[t.pegawai] > 1:
                paksa[t] = SkpStatus.DISETUJUI
        antrian = (SkpStatus.DIAJUKAN, SkpStatus.DIAJUKAN, SkpStatus.DIKEMBALIKAN, SkpStatus.DRAFT)
        for nama in ("atasan", "plt"):
            if nama not in self.personas:
                continue
            penilai = self.personas[nama]
            bawahan = [
                t
                for _d, t, _a, _dari in langkah
                if t not in paksa and self.org.atasan(t.pegawai, self._acuan(t), t.jabatan) == penilai
            ]
            for t, status in zip(bawahan, antrian, strict=False):
                paksa[t] = status
        return paksa

    def _skp_atasan(self, dari: list[Tugas], on: datetime.date) -> Rencana | None:
        """The atasan's approved SKP that counts on ``on`` among those already planned
        (:func:`skp.selectors.skp.pilih_skp`): a period covering ``on`` first, then the latest period."""
        kandidat = [self.rencana[u] for u in dari if u in self.rencana]
        kandidat = [r for r in kandidat if r.skp.status == SkpStatus.DISETUJUI]
        if not kandidat:
            return None
        return min(
            kandidat,
            key=lambda r: (
                not (r.skp.tanggal_mulai <= on <= r.skp.tanggal_selesai),
                -r.skp.tanggal_mulai.toordinal(),
                r.skp.versi,
            ),
        )

    # --- content -------------------------------------------------------------------------------------------

    def _unit(self, jabatan: Jabatan) -> str:
        unit = jabatan.unit_kerja
        opd = unit.perangkat_daerah
        if unit.nama == opd.nama:
            return opd.nama
        if unit.nama.startswith("Sekretariat") or unit.nama.startswith("Subbagian"):
            return f"{unit.nama} {opd.singkatan or opd.nama}"
        return unit.nama

    def _angka(self, rentang: tuple[int, int]) -> Decimal:
        return Decimal(self.rng.randint(*rentang))

    def _rhk_jpt(self, rencana: Rencana, jabatan: Jabatan, atasan: Rencana | None, sekda: bool) -> None:
        rng = self.rng
        opd = jabatan.unit_kerja.perangkat_daerah
        konteks = {"urusan": urusan(opd.nama), "singkatan": opd.singkatan or opd.nama}
        if sekda:
            pilihan = list(SEKDA_RHK)
            acuan_jenis, acuan = AcuanRhkJpt.PERJANJIAN_KINERJA, f"Sekretaris Daerah Tahun {self.tahun}, sasaran"
        elif jabatan.unit_kerja.nama != opd.nama:
            # A pimpinan unit kerja mandiri below the head of the OPD (a kepala UPT): the unit's own Perjanjian
            # Kinerja, not the OPD's Renstra.
            pilihan = rng.sample(JPT_RHK, rng.randint(2, 4))
            acuan_jenis = AcuanRhkJpt.PERJANJIAN_KINERJA
            acuan = f"{jabatan.unit_kerja.nama} Tahun {self.tahun}, sasaran"
        else:
            pilihan = rng.sample(JPT_RHK, rng.randint(2, 4))
            acuan_jenis = AcuanRhkJpt.RENSTRA
            acuan = f"{konteks['singkatan']} 2025–2029, sasaran strategis"
        target = atasan.utama if atasan else []
        for urutan, (teks, perspektif, iki) in enumerate(pilihan, start=1):
            rhk = RencanaHasilKerja(
                skp=rencana.skp,
                jenis=JenisRhk.UTAMA,
                teks=teks.format(**konteks),
                perspektif=perspektif,
                acuan_jenis=acuan_jenis,
                acuan=f"{acuan} {urutan}",
                intervensi=target[(urutan - 1) % len(target)] if target else None,
                urutan=urutan,
            )
            daftar = [
                IndikatorKinerjaIndividu(
                    rhk=rhk, teks=t.format(**konteks), target_min=self._angka(r), satuan=s, urutan=i
                )
                for i, (t, r, s) in enumerate(iki, start=1)
            ]
            rencana.rhk.append(_Rhk(rhk, daftar))

    def _templat(self, jabatan: Jabatan) -> tuple:
        if jabatan.jenis == JenisJabatan.ADMINISTRATOR:
            return ADMINISTRATOR_RHK
        if jabatan.jenis == JenisJabatan.PENGAWAS:
            return PENGAWAS_RHK
        if jabatan.jenis == JenisJabatan.FUNGSIONAL:
            if jabatan.nama.startswith(("Guru", "Kepala S")):
                return GURU_RHK
            if jabatan.nama.startswith(KATA_KESEHATAN):
                return KESEHATAN_RHK
            return FUNGSIONAL_RHK
        return PELAKSANA_RHK

    def _rhk_ja_jf(self, rencana: Rencana, jabatan: Jabatan, atasan: Rencana, kualitatif: bool) -> None:
        rng = self.rng
        templat = self._templat(jabatan)
        konteks = {"unit": self._unit(jabatan), "jabatan": kecil_awal(jabatan.nama)}
        target = atasan.utama or [r.obj for r in atasan.rhk]
        mulai = rng.randrange(len(target))
        for urutan, (teks, keluaran, satuan, rentang, kualitas) in enumerate(
            rng.sample(templat, min(len(templat), rng.randint(2, 4))), start=1
        ):
            rhk = RencanaHasilKerja(
                skp=rencana.skp,
                jenis=JenisRhk.UTAMA,
                teks=teks.format(**konteks),
                intervensi=target[(mulai + urutan) % len(target)],
                urutan=urutan,
            )
            kualitas = kualitas.format(**konteks)
            if kualitatif:
                iki = [
                    IndikatorKinerjaIndividu(
                        rhk=rhk,
                        teks=f"{keluaran[:1].upper()}{keluaran[1:]} diselesaikan dan diterima pimpinan",
                        ukuran_keberhasilan=(
                            f"Disusun lengkap sesuai ketentuan, berdasarkan data yang sahih, dan dilaporkan kepada "
                            f"atasan paling lambat tanggal 10 bulan berikutnya; {kecil_awal(kualitas)} paling "
                            f"sedikit {rng.choice((85, 90, 95))}%"
                        ),
                        urutan=1,
                    )
                ]
            else:
                iki = [
                    IndikatorKinerjaIndividu(
                        rhk=rhk,
                        teks=f"Jumlah {keluaran}",
                        aspek=Aspek.KUANTITAS,
                        target_min=self._angka(rentang),
                        satuan=satuan,
                        urutan=1,
                    ),
                    IndikatorKinerjaIndividu(
                        rhk=rhk,
                        teks=kualitas,
                        aspek=Aspek.KUALITAS,
                        target_min=Decimal(rng.choice((80, 85, 90, 95, 100))),
                        satuan="%",
                        urutan=2,
                    ),
                ]
                if rng.random() < 0.7:
                    iki.append(
                        IndikatorKinerjaIndividu(
                            rhk=rhk,
                            teks=f"Ketepatan waktu penyelesaian {keluaran}",
                            aspek=Aspek.WAKTU,
                            target_min=Decimal(12),
                            satuan="bulan",
                            urutan=3,
                        )
                    )
            rencana.rhk.append(_Rhk(rhk, iki))

    def _tambahan(self, rencana: Rencana, jpt: bool) -> None:
        teks, indikator, target = self.rng.choice(TAMBAHAN)
        rhk = RencanaHasilKerja(
            skp=rencana.skp,
            jenis=JenisRhk.TAMBAHAN,
            teks=teks,
            perspektif=Perspektif.PROSES_BISNIS if jpt else "",
            urutan=1,
        )
        kualitatif = rencana.skp.pendekatan == Pendekatan.KUALITATIF
        iki = IndikatorKinerjaIndividu(
            rhk=rhk,
            teks=indikator,
            aspek="" if jpt or kualitatif else Aspek.KUANTITAS,
            target_min=None if kualitatif else Decimal(target),
            satuan="" if kualitatif else SATUAN_TAMBAHAN,
            ukuran_keberhasilan=f"{indikator} paling sedikit {target} kali dengan laporan hasilnya"
            if kualitatif
            else "",
            urutan=1,
        )
        rencana.rhk.append(_Rhk(rhk, [iki]))

    def _lampiran(self, rencana: Rencana, jabatan: Jabatan) -> None:
        konteks = {"unit": self._unit(jabatan), "tahun": self.tahun}
        for jenis, pilihan in LAMPIRAN.items():
            for urutan, teks in enumerate(self.rng.sample(pilihan, self.rng.randint(1, 2)), start=1):
                rencana.lampiran.append(
                    LampiranItem(skp=rencana.skp, jenis=jenis, teks=teks.format(**konteks), urutan=urutan)
                )

    def _ekspektasi(self, rencana: Rencana) -> None:
        if self.rng.random() >= PELUANG_EKSPEKTASI:
            return
        for perilaku in self.rng.sample(self.perilaku, self.rng.randint(1, 3)):
            teks = EKSPEKTASI.get(perilaku.kode)
            if teks:
                rencana.ekspektasi.append(EkspektasiKhusus(skp=rencana.skp, perilaku=perilaku, teks=teks))

    # --- history and approval ------------------------------------------------------------------------------

    def _waktu(self, rencana: Rencana, hari: float) -> datetime.datetime:
        """A moment of the SKP's workflow: ``hari`` days after it is started, three days per supervision level
        after the start of its period (the first days of the year for most, the TMT of a new position, the start of
        a Plt assignment), never in the future."""
        jam = self.rng.randint(0, 9 * 60)
        mulai = rencana.skp.tanggal_mulai
        awal = self.awal
        if mulai > datetime.date(self.tahun, 1, 1):
            awal = timezone.make_aware(datetime.datetime(mulai.year, mulai.month, mulai.day, 8, 0))
        waktu = awal + datetime.timedelta(days=3 * rencana.kedalaman + hari, minutes=jam)
        return min(waktu, self.sekarang)

    def _riwayat(self, rencana: Rencana, aksi, dari, ke, actor: int | None, waktu, catatan: str = "", nama=""):
        pegawai = self.org.pegawai.get(actor) if actor else None
        rencana.riwayat.append(
            Riwayat(
                skp=rencana.skp,
                aksi=aksi,
                dari_status=dari,
                ke_status=ke,
                actor_id=actor,
                actor_nama=pegawai.nama_lengkap if pegawai else nama,
                catatan=catatan,
                waktu=waktu,
            )
        )

    def _alur(self, rencana: Rencana, status: str, penilai: int | None, jabatan: Jabatan, on) -> None:
        """The workflow rows and fields of ``status`` as the services would have written them."""
        skp, pk = rencana.skp, rencana.pegawai
        skp.dibuat_pada = self._waktu(rencana, 0)
        self._riwayat(rencana, AksiSkp.DIBUAT, "", SkpStatus.DRAFT, pk, skp.dibuat_pada)
        if status == SkpStatus.DRAFT:
            return
        skp.diajukan_pada = self._waktu(rencana, 1)
        self._riwayat(rencana, AksiSkp.DIAJUKAN, SkpStatus.DRAFT, SkpStatus.DIAJUKAN, pk, skp.diajukan_pada)
        if status == SkpStatus.DIAJUKAN:
            return
        waktu = self._waktu(rencana, 2)
        if status == SkpStatus.DIKEMBALIKAN:
            catatan = self.rng.choice(CATATAN_KEMBALI)
            self._riwayat(
                rencana, AksiSkp.DIKEMBALIKAN, SkpStatus.DIAJUKAN, SkpStatus.DIKEMBALIKAN, penilai, waktu, catatan
            )
            return
        # skp_setujui: freeze the pegawai, the pejabat penilai in the position through which they rate, and the
        # atasan pejabat penilai (selectors.identitas_hidup, replayed on the in-memory organisation).
        org = self.org
        skp.disetujui_pada = waktu
        skp.identitas_pegawai = org.identitas(pk, jabatan.pk)
        if penilai is None:
            # The top JPT (the Sekda): skp_setujui_kepala_daerah, recorded by admin BKPSDM a.n. the kepala daerah.
            skp.identitas_penilai = identitas_kepala_daerah()
            self._riwayat(
                rencana, AksiSkp.DISETUJUI, SkpStatus.DIAJUKAN, SkpStatus.DISETUJUI, None, waktu, nama=self.atas_nama
            )
            return
        jabatan_penilai, sebutan = org.posisi(penilai, jabatan.pk, on)
        skp.pejabat_penilai_id = penilai
        skp.identitas_penilai = org.identitas(penilai, jabatan_penilai, sebutan)
        atasan_penilai = org.atasan_dari_jabatan(penilai, jabatan_penilai, on)
        if atasan_penilai is not None:
            jabatan_atasan, sebutan_atasan = org.posisi(atasan_penilai, jabatan_penilai, on)
            skp.atasan_pejabat_penilai_id = atasan_penilai
            skp.identitas_atasan_penilai = org.identitas(atasan_penilai, jabatan_atasan, sebutan_atasan)
        self._riwayat(rencana, AksiSkp.DISETUJUI, SkpStatus.DIAJUKAN, SkpStatus.DISETUJUI, penilai, waktu)

    # --- the whole plan ------------------------------------------------------------------------------------

    def _ditutup_mutasi(self, rencana: Rencana, t: Tugas) -> None:
        """The history row :func:`skp.services.mutasi.tutup_skp_karena_mutasi` writes when the mutasi is recorded
        (on its TMT, by admin BKPSDM): the SKP of the old position ends the day before."""
        tmt = t.selesai + datetime.timedelta(days=1)
        catatan = _("Periode diakhiri %(akhir)s karena mutasi ke jabatan %(jabatan)s (TMT %(tmt)s).") % {
            "akhir": date_format(t.selesai, "j F Y"),
            "jabatan": self.org.jabatan[t.mutasi_ke].nama,
            "tmt": date_format(tmt, "j F Y"),
        }
        dicatat = timezone.make_aware(datetime.datetime(tmt.year, tmt.month, tmt.day, 9, 0))
        waktu = min(max([dicatat, *(r.waktu for r in rencana.riwayat)]), self.sekarang)
        status = rencana.skp.status
        self._riwayat(rencana, AksiSkp.DITUTUP_MUTASI, status, status, None, waktu, catatan, nama=self.pencatat)

    def rencanakan(self) -> list[Rencana]:
        org, rng = self.org, self.rng
        langkah = urutan_tugas(self.org, self.tahun)
        paksa = self._dipaksa(langkah)
        sekda = self.personas.get("pimpinan")
        bawahan = Counter(atasan for _d, _t, atasan, _dari in langkah if atasan is not None)
        for kedalaman, t, atasan, dari in langkah:
            pk = t.pegawai
            jabatan = org.jabatan[t.jabatan]
            induk = org.jabatan.get(jabatan.parent_id) if jabatan.parent_id else None
            mandiri = pimpinan_unit_mandiri(
                jenis=jabatan.jenis,
                unit_id=jabatan.unit_kerja_id,
                unit_mandiri=jabatan.unit_kerja.mandiri,
                unit_atasan_id=induk.unit_kerja_id if induk is not None else None,
            )
            format_skp = format_skp_dari(jabatan.jenis, pimpinan_unit_mandiri=mandiri)
            # Cascading from the atasan's approved SKP that counts on the first day (cek_skp_atasan).
            skp_atasan = self._skp_atasan(dari, t.mulai)
            atasan_siap = skp_atasan is not None
            # Only a JPT is rated by the kepala daerah; a camat or kepala UPT uses the JPT form under their atasan.
            puncak = (
                atasan is None and not t.plt and jabatan.jenis == JenisJabatan.JPT and (sekda is None or pk == sekda)
            )
            if not (atasan_siap or puncak):
                # Cascading: nothing to intervene yet (or no atasan in the system).
                self.status[BELUM] += 1
                continue
            status = SkpStatus.DISETUJUI if puncak else self._status(t, jabatan.jenis, bawahan[pk], paksa)
            if status == BELUM:
                self.status[BELUM] += 1
                continue
            self.status[status] += 1
            jpt = format_skp == FormatSkp.JPT
            kualitatif = not jpt and t not in paksa and rng.random() < PELUANG_KUALITATIF
            skp = Skp(
                pegawai_id=pk,
                tahun=self.tahun,
                jabatan_id=jabatan.pk,
                tanggal_mulai=t.mulai,
                tanggal_selesai=t.selesai,
                format=format_skp,
                pendekatan=Pendekatan.KUALITATIF if kualitatif else Pendekatan.KUANTITATIF,
                status=status,
            )
            rencana = Rencana(pegawai=pk, kedalaman=kedalaman, skp=skp)
            if jpt:
                self._rhk_jpt(rencana, jabatan, skp_atasan, sekda=puncak)
            else:
                self._rhk_ja_jf(rencana, jabatan, skp_atasan, kualitatif)
            if rng.random() < PELUANG_TAMBAHAN:
                self._tambahan(rencana, jpt)
            self._lampiran(rencana, jabatan)
            # The pejabat penilai of the approval day (skp_setujui: today within the SKP's period) for the SKP's
            # position (pastikan_penilai: for a Plt's SKP, the acting position's atasan).
            on = self._acuan(t)
            penilai = org.atasan(pk, on, t.jabatan)
            if status != SkpStatus.DRAFT:
                self._ekspektasi(rencana)
            self._alur(rencana, status, penilai, jabatan, on)
            if t.mutasi_ke is not None:
                self._ditutup_mutasi(rencana, t)
            self.rencana[t] = rencana
        return list(self.rencana.values())
