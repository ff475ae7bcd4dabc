"""The plan of the demo year's evaluations (:class:`Perencana`): periods, capaian kinerja organisasi, one evaluation
per approved SKP and ended period with its ratings and state, the curve deviations and the one accepted, replayed
over the organisation in memory (:class:`demo.skp.organisasi.Organisasi`) as the services would have decided it.

- Who rates: the pejabat penilai on the evaluation's date (:func:`penilaian.selectors.evaluasi.tanggal_penilaian`:
  the period's last day, or the SKP's when a mutasi ended it earlier) for the SKP's position — the rule of
  ``penilai_untuk`` replayed, so a Plt, a delegation or a transfer gets the penilai of that day; the Sekda is rated
  by the kepala daerah through admin BKPSDM. An SKP nobody in the system rates gets no evaluation.
- Capaian: every OPD (admin BKPSDM, for the kepala daerah) and every unit below the top one (set by whoever rates
  the unit's head), mostly Baik, some Istimewa, a few Butuh Perbaikan; a unit head's rating hasil kerja follows it.
- Ratings per pejabat penilai's team follow the curve of their unit's capaian (:mod:`demo.penilaian.kurva`); a team
  of unit heads, whose ratings hasil are fixed, follows it through the capaian of the units they lead (one of them
  Butuh Perbaikan or Istimewa). A few teams per closed period are rated too generously instead, and a few cannot
  follow it at all; admin BKPSDM accepted one deviation with a reason.
- Closed periods: every evaluation final, with the identities ``bekukan_identitas`` freezes, the capaian and its
  pattern. The open ended period: teams part rated, part still draft; the demo atasan's and Plt's bawahan all draft
  with evidence on every RHK, so they can rate them in the browser.

Deterministic: the same database, ``seed`` and day give the same plan."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from pegawai.choices import JenisJabatan, JenisPeran
from pegawai.models import PerangkatDaerah, UnitKerja, User
from penilaian import rules
from penilaian.choices import CapaianOrganisasi, StatusEvaluasi
from penilaian.selectors.periode import jenis_periodik
from skp.choices import Pendekatan, SkpStatus
from skp.models import IndikatorKinerjaIndividu, PerilakuKerja, RencanaHasilKerja, Skp
from skp.selectors.identitas import identitas_kepala_daerah

from ..skp.organisasi import Organisasi
from . import teks
from .isi import Isi
from .kurva import Nilai, arah, langgar, patuhi, undi
from .periode import PeriodeDemo, rencana_periode

C = CapaianOrganisasi
CAPAIAN_OPD = ((C.BAIK, 76), (C.ISTIMEWA, 17), (C.BUTUH_PERBAIKAN, 7))
CAPAIAN_UNIT = ((C.BAIK, 70), (C.ISTIMEWA, 22), (C.BUTUH_PERBAIKAN, 8))
#: Teams per closed period rated against the curve: one in this many teams of three or more, at least two.
SATU_MELANGGAR_DARI = 30
#: The open ended period: share of teams fully rated, and partly rated (the rest still draft).
PELUANG_TIM_DINILAI = 0.4
PELUANG_TIM_SEBAGIAN = 0.3
#: The demo personas who rate in the browser: their bawahan stay draft in the open period.
PENILAI_DEMO = ("atasan", "plt")


@dataclass(frozen=True)
class SkpDemo:
    pk: int
    pegawai: int
    jabatan: int
    mulai: datetime.date
    selesai: datetime.date
    kualitatif: bool
    #: (RHK pk, IKI as (teks, aspek, target, satuan)), in the order evaluasi_siapkan numbers them.
    rhk: list[tuple[int, list[tuple]]]


@dataclass
class EvaluasiDemo:
    periode: int  # index into Rencana.periode
    skp: SkpDemo
    tanggal: datetime.date
    penilai: int | None
    kepala_daerah: bool
    nilai: Nilai
    status: str = StatusEvaluasi.DRAFT
    capaian: CapaianOrganisasi | None = None
    catatan: str = ""
    identitas: tuple[dict | None, dict | None, dict | None] = (None, None, None)
    dibuat: datetime.datetime | None = None
    dinilai: datetime.datetime | None = None
    difinalkan: datetime.datetime | None = None
    #: (RHK pk, urutan, realisasi_saran, realisasi, alasan_ubah, umpan_balik, [(url, judul)])
    rhk: list[tuple] = field(default_factory=list)
    #: (PerilakuKerja pk, teks)
    perilaku: list[tuple[int, str]] = field(default_factory=list)
    #: (aksi, dari, ke, actor user pk, actor nama, catatan, waktu)
    riwayat: list[tuple] = field(default_factory=list)

    @property
    def dinilai_penilai(self) -> bool:
        return self.status != StatusEvaluasi.DRAFT


@dataclass
class Rencana:
    periode: list[PeriodeDemo]
    #: (periode index, OPD pk or None, unit pk or None, capaian, catatan, ditetapkan_oleh user pk, ditetapkan_pada)
    capaian: list[tuple] = field(default_factory=list)
    evaluasi: list[EvaluasiDemo] = field(default_factory=list)
    #: (periode index, penilai pk, pelanggaran, alasan, user pk, diterima_pada)
    penerimaan: list[tuple] = field(default_factory=list)
    #: (pegawai, periode index, pengirim, jenis, teks, dikirim_pada)
    pesan: list[tuple] = field(default_factory=list)
    #: (pegawai, periode index, jenis, catatan, dicatat_oleh, dicatat_pada)
    permasalahan: list[tuple] = field(default_factory=list)
    #: Teams of closed periods whose predikat break the curve.
    menyimpang: int = 0


class Perencana:
    def __init__(self, tahun: int, seed: int, hari_ini: datetime.date, personas: dict[str, int]):
        self.tahun = tahun
        self.hari_ini = hari_ini
        self.personas = personas
        self.rng = random.Random(f"penilaian-demo-{seed}-{tahun}")
        self.org = Organisasi()
        # Every demo event happened by yesterday afternoon: deterministic for a day, never in the future.
        kemarin = hari_ini - datetime.timedelta(days=1)
        self.batas_waktu = timezone.make_aware(datetime.datetime.combine(kemarin, datetime.time(17, 0)))
        admin = User.objects.filter(peran__jenis=JenisPeran.ADMIN_BKPSDM).order_by("pk").first()
        self.admin = admin.pk if admin else None
        # How the history names a login without pegawai (penilaian.services._common.nama_pelaku).
        self.admin_nama = (admin.get_full_name() or admin.get_username()) if admin else ""
        self.perilaku = list(PerilakuKerja.objects.order_by("urutan").values_list("pk", "nama"))
        self.unit = {
            pk: (parent, opd, nama)
            for pk, parent, opd, nama in UnitKerja.objects.order_by("pk").values_list(
                "pk", "parent_id", "perangkat_daerah_id", "nama"
            )
        }
        self.opd = list(PerangkatDaerah.objects.order_by("pk").values_list("pk", flat=True))
        self.isi = Isi(self.rng, tahun, self.perilaku, self.batas_waktu)
        self.waktu = self.isi.waktu
        self.unit_persona = self._unit_persona()
        self.opd_persona = {self.unit[u][1] for u in self.unit_persona}
        self.kepala = self._kepala_unit()
        self.ukuran_unit = Counter(
            self.org.jabatan[p.jabatan_id].unit_kerja_id for p in self.org.pegawai.values() if p.aktif
        )

    # --- reading ---------------------------------------------------------------------------------------------

    def _muat_skp(self) -> list[SkpDemo]:
        """The approved, current SKP of the year (``skp_periode``'s candidates) with their RHK and IKI."""
        rows = list(
            Skp.objects.berlaku()
            .filter(tahun=self.tahun, status=SkpStatus.DISETUJUI)
            .order_by("pk")
            .values_list("pk", "pegawai_id", "jabatan_id", "tanggal_mulai", "tanggal_selesai", "pendekatan")
        )
        ids = [r[0] for r in rows]
        iki: dict[int, list[tuple]] = {}
        for rhk_id, *baris in (
            IndikatorKinerjaIndividu.objects.filter(rhk__skp_id__in=ids)
            .order_by("rhk_id", "urutan", "pk")
            .values_list("rhk_id", "teks", "aspek", "target_min", "satuan")
        ):
            iki.setdefault(rhk_id, []).append(tuple(baris))
        rhk: dict[int, list[tuple[int, list[tuple]]]] = {}
        # evaluasi_siapkan's order: jenis, urutan, pk.
        for pk, skp_id in (
            RencanaHasilKerja.objects.filter(skp_id__in=ids)
            .order_by("skp_id", "jenis", "urutan", "pk")
            .values_list("pk", "skp_id")
        ):
            rhk.setdefault(skp_id, []).append((pk, iki.get(pk, [])))
        return [
            SkpDemo(pk, pegawai, jabatan, mulai, selesai, pendekatan == Pendekatan.KUALITATIF, rhk.get(pk, []))
            for pk, pegawai, jabatan, mulai, selesai, pendekatan in rows
        ]

    # --- organisation ----------------------------------------------------------------------------------------

    def _unit_dipimpin(self, jabatan_id: int) -> int | None:
        """:func:`penilaian.selectors.capaian.unit_dipimpin` on the positions in memory."""
        jabatan = self.org.jabatan[jabatan_id]
        if not jabatan.is_struktural:
            return None
        if jabatan.parent_id is not None and self.org.jabatan[jabatan.parent_id].unit_kerja_id == jabatan.unit_kerja_id:
            return None
        return jabatan.unit_kerja_id

    def _kepala_unit(self) -> dict[int, int]:
        """Each unit's head position (the first by pk when a unit has several)."""
        kepala: dict[int, int] = {}
        for pk in self.org.jabatan:
            unit = self._unit_dipimpin(pk)
            if unit is not None:
                kepala.setdefault(unit, pk)
        return kepala

    def _unit_persona(self) -> set[int]:
        """The units (and their OPD's top unit chain) of the personas who rate: their capaian is Baik, the usual
        case, so the distribution panel they open shows the common pattern."""
        units = set()
        for nama in ("atasan", "atasan_atasan", "kepala_opd", "plt"):
            pk = self.personas.get(nama)
            if pk is None or pk not in self.org.pegawai:
                continue
            unit = self.org.jabatan[self.org.pegawai[pk].jabatan_id].unit_kerja_id
            while unit is not None and unit not in units:
                units.add(unit)
                unit = self.unit[unit][0]
        return units

    # --- capaian ---------------------------------------------------------------------------------------------

    def _capaian(self) -> tuple[dict, dict]:
        """The capaian of every OPD and every unit below the top one (the top unit's curve and its head's rating
        follow the OPD's), before the teams adjust them (:meth:`_sesuaikan`)."""
        rng = self.rng

        def undi_capaian(bobot, baik: bool) -> CapaianOrganisasi:
            nilai = rng.choices([c for c, _w in bobot], weights=[w for _c, w in bobot])[0]
            return C.BAIK if baik else nilai

        per_opd = {opd: undi_capaian(CAPAIAN_OPD, opd in self.opd_persona) for opd in self.opd}
        per_unit = {
            unit: undi_capaian(CAPAIAN_UNIT, unit in self.unit_persona)
            for unit, (parent, _opd, _nama) in self.unit.items()
            if parent is not None
        }
        return per_opd, per_unit

    def _baris_capaian(self, indeks: int, periode: PeriodeDemo, per_opd: dict, per_unit: dict, rencana) -> None:
        rng = self.rng
        for opd, capaian in per_opd.items():
            ditetapkan = self.waktu(periode.selesai, rng.randint(2, 6))
            rencana.capaian.append((indeks, opd, None, capaian, teks.CATATAN_CAPAIAN[capaian], self.admin, ditetapkan))
        for unit, capaian in per_unit.items():
            # Set one level up: by whoever rates the unit's head that day (admin BKPSDM for a unit without one).
            oleh = self.admin
            if unit in self.kepala:
                atas = self.org.penilai_jabatan(self.kepala[unit], periode.selesai)
                if atas is not None and atas.pegawai.user_id:
                    oleh = atas.pegawai.user_id
            ditetapkan = self.waktu(periode.selesai, rng.randint(3, 8))
            rencana.capaian.append((indeks, None, unit, capaian, "", oleh, ditetapkan))

    def _capaian_unit(self, unit: int | None, per_opd: dict, per_unit: dict) -> CapaianOrganisasi | None:
        """:func:`penilaian.selectors.capaian.capaian_unit`: the unit's own, the nearest enclosing unit's, the
        OPD's."""
        if unit is None:
            return None
        u = unit
        while u is not None:
            if u in per_unit:
                return per_unit[u]
            u = self.unit[u][0]
        return per_opd.get(self.unit[unit][1])

    def _capaian_pimpinan(self, jabatan_id: int, per_opd: dict, per_unit: dict) -> tuple[dict, int] | None:
        """:func:`penilaian.selectors.capaian.capaian_pimpinan`: where the capaian of the unit ``jabatan_id`` heads
        is kept (the unit's own, or the OPD's for its top unit); ``None`` for a position that heads no unit."""
        unit = self._unit_dipimpin(jabatan_id)
        if unit is None:
            return None
        if unit in per_unit:
            return per_unit, unit
        parent, opd, _nama = self.unit[unit]
        return (per_opd, opd) if parent is None and opd in per_opd else None

    def _rating_tetap(self, jabatan_id: int, per_opd: dict, per_unit: dict):
        """:func:`penilaian.services.evaluasi.rating_hasil_tetap`: a unit head's rating hasil kerja."""
        tempat = self._capaian_pimpinan(jabatan_id, per_opd, per_unit)
        return rules.rating_hasil_pimpinan(tempat[0][tempat[1]]) if tempat else None

    # --- evaluations -----------------------------------------------------------------------------------------

    def _kepala_daerah(self, skp: SkpDemo) -> bool:
        """:func:`pegawai.atasan.kepala_daerah_penilai` for a pegawai nobody in the system rates."""
        jabatan = self.org.jabatan[skp.jabatan]
        override = self.org.pegawai[skp.pegawai].atasan_override_id
        return jabatan.jenis == JenisJabatan.JPT and jabatan.parent_id is None and override is None

    def _tim(self, indeks: int, periode: PeriodeDemo, daftar: list[SkpDemo]) -> dict[int | None, list]:
        """The evaluations of ``periode`` grouped by pejabat penilai (``None``: the kepala daerah's)."""
        tim: dict[int | None, list[EvaluasiDemo]] = {}
        for skp in daftar:
            if skp.mulai > periode.selesai or skp.selesai < periode.mulai or not skp.rhk:
                continue
            tanggal = max(min(periode.selesai, skp.selesai), periode.mulai, skp.mulai)
            penilai = self.org.penilai(skp.pegawai, tanggal, skp.jabatan)
            kepala_daerah = penilai is None and self._kepala_daerah(skp)
            if penilai is None and not kepala_daerah:
                continue
            pk = penilai.pegawai.pk if penilai else None
            tim.setdefault(pk, []).append(EvaluasiDemo(indeks, skp, tanggal, pk, kepala_daerah, Nilai(None)))
        return tim

    def _identitas(self, e: EvaluasiDemo) -> tuple[dict | None, dict | None, dict | None]:
        """:func:`penilaian.services.evaluasi.bekukan_identitas` replayed on the organisation in memory."""
        org, skp = self.org, e.skp
        pegawai = org.identitas(skp.pegawai, skp.jabatan)
        if e.kepala_daerah:
            return pegawai, identitas_kepala_daerah(), None
        jabatan_penilai, sebutan = org.posisi(e.penilai, skp.jabatan, e.tanggal)
        penilai = org.identitas(e.penilai, jabatan_penilai, sebutan)
        atasan = org.atasan_dari_jabatan(e.penilai, jabatan_penilai, e.tanggal)
        if atasan is None:
            return pegawai, penilai, None
        jabatan_atasan, sebutan_atasan = org.posisi(atasan, jabatan_penilai, e.tanggal)
        return pegawai, penilai, org.identitas(atasan, jabatan_atasan, sebutan_atasan)

    def _periode(self, indeks: int, periode: PeriodeDemo, daftar: list[SkpDemo], rencana: Rencana, akhir: bool):
        """Capaian, evaluations and their states for one ended period; ``akhir``: the last closed period (the
        accepted deviation goes there)."""
        rng = self.rng
        per_opd, per_unit = self._capaian()
        tim = self._tim(indeks, periode, daftar)
        penilai_demo = {self.personas[n] for n in PENILAI_DEMO if n in self.personas}
        capaian_tim: dict[int | None, CapaianOrganisasi | None] = {}
        # Top-down (the kepala daerah's evaluation, then by the depth of the penilai's position): a team may move
        # the capaian of a unit one of its heads leads, which the teams below must find settled.
        for penilai in sorted(tim, key=lambda pk: self._kedalaman(pk, periode.selesai)):
            anggota = tim[penilai]
            for e in anggota:
                e.nilai = undi(rng, self._rating_tetap(e.skp.jabatan, per_opd, per_unit))
            capaian = None
            if penilai is not None:
                jabatan = self.org.jabatan_pada(penilai, periode.selesai)
                unit = self.org.jabatan[jabatan].unit_kerja_id if jabatan else None
                capaian = self._capaian_unit(unit, per_opd, per_unit)
            capaian_tim[penilai] = capaian
            if capaian is not None:
                self._sesuaikan(capaian, anggota, per_opd, per_unit)
        self._baris_capaian(indeks, periode, per_opd, per_unit, rencana)
        diterima = self._simpangkan(tim, capaian_tim, rencana, akhir) if periode.ditutup else None
        for penilai, anggota in sorted(tim.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)):
            if periode.ditutup:
                status = [StatusEvaluasi.FINAL] * len(anggota)
            elif penilai is None or penilai in penilai_demo:
                status = [StatusEvaluasi.DRAFT] * len(anggota)
            else:
                r = rng.random()
                if r < PELUANG_TIM_DINILAI:
                    status = [StatusEvaluasi.DINILAI] * len(anggota)
                elif r < PELUANG_TIM_DINILAI + PELUANG_TIM_SEBAGIAN:
                    status = [rng.choice((StatusEvaluasi.DINILAI, StatusEvaluasi.DRAFT)) for _e in anggota]
                else:
                    status = [StatusEvaluasi.DRAFT] * len(anggota)
            for e, s in zip(anggota, status, strict=True):
                e.status = s
                if s == StatusEvaluasi.FINAL:
                    e.identitas = self._identitas(e)
                    # evaluasi_finalkan copies the team's capaian (none for the kepala daerah's evaluation).
                    e.capaian = capaian_tim[penilai]
            self.isi.isi_tim(periode, anggota, penilai in penilai_demo, self._aktor(penilai))
            rencana.evaluasi.extend(anggota)
        if diterima is not None:
            self._terima(indeks, diterima, tim, capaian_tim[diterima], rencana)

    def _kedalaman(self, penilai: int | None, on: datetime.date) -> tuple[int, int]:
        if penilai is None:
            return (-1, 0)
        jabatan = self.org.jabatan_pada(penilai, on) or self.org.pegawai[penilai].jabatan_id
        return (len(self.org.leluhur(jabatan)), penilai)

    def _sesuaikan(self, capaian: CapaianOrganisasi, anggota: list, per_opd: dict, per_unit: dict) -> None:
        """Make the team follow the curve of ``capaian`` (:func:`~demo.penilaian.kurva.patuhi`). When the fixed
        ratings of its unit heads leave no way, the units they lead differ instead, as they do in reality: one
        underperformed (Butuh Perbaikan: its head is rated Di Bawah) or excelled (Istimewa: Di Atas is possible) —
        the personas' units excepted, which stay Baik."""
        rng = self.rng
        nilai = [e.nilai for e in anggota]
        if patuhi(rng, capaian, nilai):
            return
        # The smallest units first: a unit that becomes Butuh Perbaikan takes its own team's curve down with it.
        kepala = sorted(
            (e for e in anggota if e.nilai.tetap is not None),
            key=lambda e: (self.ukuran_unit.get(self._unit_dipimpin(e.skp.jabatan), 0), rng.random()),
        )
        for e in kepala:
            tempat = self._capaian_pimpinan(e.skp.jabatan, per_opd, per_unit)
            terkunci = tempat[0] is per_unit and tempat[1] in self.unit_persona
            terkunci |= tempat[0] is per_opd and tempat[1] in self.opd_persona
            if terkunci or tempat[0][tempat[1]] != C.BAIK:
                continue
            baru = arah(capaian, nilai)
            tempat[0][tempat[1]] = baru
            e.nilai = undi(rng, rules.rating_hasil_pimpinan(baru))
            nilai = [x.nilai for x in anggota]
            if patuhi(rng, capaian, nilai):
                return

    def _aktor(self, penilai: int | None) -> tuple[int | None, str]:
        """The login and name the history records for the penilai (admin BKPSDM for the kepala daerah)."""
        if penilai is None:
            return self.admin, self.admin_nama
        pegawai = self.org.pegawai[penilai]
        return pegawai.user_id, pegawai.nama_lengkap

    # --- the curve -------------------------------------------------------------------------------------------

    def _simpangkan(self, tim: dict, capaian_tim: dict, rencana: Rencana, akhir: bool) -> int | None:
        """Rate a few teams of a closed period too generously. Returns, in the last closed period, the penilai of
        the first of them, whose deviation admin BKPSDM accepted: a persona's team when one qualifies, so the demo
        logins see an accepted deviation."""
        rng = self.rng
        persona = set(self.personas.values())
        calon = [
            (not (akhir and penilai in persona), rng.random(), penilai)
            for penilai, anggota in sorted(tim.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
            if penilai is not None and capaian_tim[penilai] is not None and len(anggota) >= 3
        ]
        calon.sort()
        jumlah = max(2, len(calon) // SATU_MELANGGAR_DARI)
        dipilih = []
        for _bukan_persona, _acak, penilai in calon:
            if len(dipilih) == jumlah:
                break
            if langgar(capaian_tim[penilai], [e.nilai for e in tim[penilai]]):
                dipilih.append(penilai)
        # Any team, chosen or not, whose ratings break the curve (the fixed ratings of unit heads can leave no
        # way to follow it).
        for penilai, anggota in tim.items():
            capaian = capaian_tim[penilai]
            if capaian is not None and rules.cek_kurva(capaian, Counter(e.nilai.predikat for e in anggota)):
                rencana.menyimpang += 1
        return dipilih[0] if akhir and dipilih else None

    def _terima(self, indeks: int, penilai: int, tim: dict, capaian: CapaianOrganisasi, rencana: Rencana) -> None:
        """PenerimaanKurva as ``kurva_terima`` records it: the violations of the team and of the penilai's unit."""
        periode = rencana.periode[indeks]
        jumlah = Counter(e.nilai.predikat for e in tim[penilai])
        pelanggaran = [f"{_('Pegawai yang dinilai')}: {p}" for p in rules.cek_kurva(capaian, jumlah)]
        jabatan = self.org.jabatan_pada(penilai, periode.selesai)
        unit = self.org.jabatan[jabatan].unit_kerja_id
        anak: dict[int | None, list[int]] = {}
        for pk, (parent, _opd, _nama) in self.unit.items():
            anak.setdefault(parent, []).append(pk)
        subtree, antre = set(), [unit]
        while antre:
            u = antre.pop()
            if u not in subtree:
                subtree.add(u)
                antre.extend(anak.get(u, []))
        di_unit = Counter(
            e.nilai.predikat
            for anggota in tim.values()
            for e in anggota
            if e.skp.pegawai != penilai and self.org.jabatan[e.skp.jabatan].unit_kerja_id in subtree
        )
        pelanggaran += [f"{self.unit[unit][2]}: {p}" for p in rules.cek_kurva(capaian, di_unit)]
        # Accepted before the team was finalised (finalising waited for it).
        diterima = min(e.difinalkan for e in tim[penilai]) - datetime.timedelta(hours=2)
        rencana.penerimaan.append((indeks, penilai, pelanggaran, teks.ALASAN_PENERIMAAN, self.admin, diterima))

    # --- the whole plan --------------------------------------------------------------------------------------

    def rencanakan(self) -> Rencana:
        rencana = Rencana(periode=rencana_periode(self.tahun, jenis_periodik(), self.hari_ini))
        dinilai = [i for i, p in enumerate(rencana.periode) if p.dinilai]
        if not dinilai:
            return rencana
        daftar = self._muat_skp()
        ditutup = [i for i in dinilai if rencana.periode[i].ditutup]
        for i in dinilai:
            self._periode(i, rencana.periode[i], daftar, rencana, akhir=bool(ditutup) and i == ditutup[-1])
        self.isi.dialog_dan_masalah(rencana, self.personas)
        return rencana
