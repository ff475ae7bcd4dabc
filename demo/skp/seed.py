"""Demo SKP for the demo city (``manage.py seed_demo``): a year's SKP for every active pegawai, cascaded top-down.

The plan follows the rules the services enforce, so a demo SKP behaves like a real one when a persona opens it:

- Top-down by supervision depth: the Sekretaris Daerah first (SKP JPT, approved as ``skp_setujui_kepala_daerah``
  records it: by admin BKPSDM on behalf of the kepala daerah, who is no ASN and has no login), then the heads of OPD
  and the asisten (JPT, intervening the Sekda's RHK and citing their Renstra), then administrators, pengawas,
  pelaksana and fungsional (SKP JA/JF, every Utama RHK intervening an RHK of the atasan's SKP).
- Cascading (PermenPANRB 6/2022 Pasal 8): a pegawai gets an SKP only when the atasan of the SKP's first day — the
  one whose RHK ``skp.services`` lets it intervene — has an approved SKP; otherwise it is "belum dibuat".
- One SKP per position held in the year (:mod:`demo.skp.tugas`): the city's mid-year transfers get the old
  position's SKP (to the day before the TMT, closed by the mutasi) and the new one's, each under the atasan of that
  position; a Plt also holds the SKP of the position they act in, which its bawahan cascade from.
- A realistic mix: most approved, some submitted, some drafts, a few returned with the atasan's catatan, some not
  made yet; a few use the kualitatif approach. Approved SKP carry the identity snapshot ``skp_setujui`` would
  write (:func:`skp.selectors.identitas` for the pegawai, the pejabat penilai in the position through which they
  rate on the approval day — "Plt." included — and the atasan pejabat penilai), and every SKP its history rows.
- The demo personas get useful states: the pegawai an approved SKP (so the daily report page, the one every ASN
  opens each day, has RHK and a month of activities to show), the atasan an approved SKP and a queue of submitted
  and returned ones from the other bawahan, the Plt a queue in the position they act in.

Supervision is replayed in memory from a handful of queries (the dated rules of ``pegawai.atasan.penilai_pada``
— assignments, Plt/Plh, delegations — and ``skp.selectors.posisi_pengawas``), and rows go in with ``bulk_create``
one supervision level at a time, so 20,000 pegawai take seconds, not one query per person. Deterministic: the same
city and ``seed`` give the same SKP.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from skp.choices import StatusRekap
from skp.models import EkspektasiKhusus, IndikatorKinerjaIndividu, LampiranItem, RencanaHasilKerja, Skp
from skp.models import SkpRiwayat as Riwayat

from ..bulk import check_constraints_at_commit, check_constraints_now
from .organisasi import Organisasi
from .rencana import BELUM, Perencana, Rencana

BATCH = 5000


@dataclass
class HasilDemoSkp:
    tahun: int
    status: Counter
    skp: int = 0
    rhk: int = 0
    iki: int = 0

    def ringkas(self) -> str:
        def angka(n: int) -> str:
            return f"{n:,}".replace(",", ".")

        urut = [s.value for s in StatusRekap if s.value != BELUM] + [BELUM]
        bagian = ", ".join(f"{angka(self.status[s])} {StatusRekap(s).label.lower()}" for s in urut if self.status[s])
        return f"SKP {self.tahun}: {angka(self.skp)} SKP ({bagian}); {angka(self.rhk)} RHK, {angka(self.iki)} IKI"


def _tulis(rencana: list[Rencana]) -> tuple[int, int]:
    """Insert the plan: SKP, then RHK and IKI one supervision level at a time (an RHK intervenes an RHK of the
    level above, whose primary key must exist), then lampiran, ekspektasi and history."""
    Skp.objects.bulk_create([r.skp for r in rencana], batch_size=BATCH)
    jumlah_rhk = jumlah_iki = 0
    for kedalaman in sorted({r.kedalaman for r in rencana}):
        level = [r for r in rencana if r.kedalaman == kedalaman]
        rhk = [x.obj for r in level for x in r.rhk]
        RencanaHasilKerja.objects.bulk_create(rhk, batch_size=BATCH)
        iki = [i for r in level for x in r.rhk for i in x.iki]
        IndikatorKinerjaIndividu.objects.bulk_create(iki, batch_size=BATCH)
        jumlah_rhk += len(rhk)
        jumlah_iki += len(iki)
    LampiranItem.objects.bulk_create([x for r in rencana for x in r.lampiran], batch_size=BATCH)
    EkspektasiKhusus.objects.bulk_create([x for r in rencana for x in r.ekspektasi], batch_size=BATCH)
    Riwayat.objects.bulk_create([x for r in rencana for x in r.riwayat], batch_size=BATCH)
    return jumlah_rhk, jumlah_iki


def seed_skp(
    *,
    tahun: int,
    seed: int = 1,
    personas: dict[str, int] | None = None,
    hari_ini: datetime.date | None = None,
) -> HasilDemoSkp:
    """Plan and insert the demo SKP of ``tahun`` for the organisation in the database. ``personas`` maps persona
    names of the demo city ("pegawai", "atasan", "atasan_atasan", "kepala_opd", "plt", "pimpinan") to pegawai
    primary keys. Call inside the seed's transaction and audit context; needs an organisation without SKP for
    ``tahun``."""
    hari_ini = hari_ini or timezone.localdate()
    # Rows go in parents first, so foreign keys can be checked per statement (see check_constraints_now).
    check_constraints_now()
    perencana = Perencana(Organisasi(), tahun, seed, hari_ini, personas or {})
    rencana = perencana.rencanakan()
    jumlah_rhk, jumlah_iki = _tulis(rencana)
    check_constraints_at_commit()
    return HasilDemoSkp(tahun=tahun, status=perencana.status, skp=len(rencana), rhk=jumlah_rhk, iki=jumlah_iki)


def personas_dari(seeded) -> dict[str, int]:
    """The pegawai personas of a :class:`demo.kota.tulis.Seeded` city, as pegawai primary keys."""
    return {
        nama: seeded.pegawai_ids[indeks]
        for nama, indeks in seeded.city.personas.items()
        if not nama.startswith("akun:")
    }
