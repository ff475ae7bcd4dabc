"""The demo SKP written by ``manage.py seed_demo`` (demo/skp/): cascaded, valid by the services' own rules, with
a realistic mix of states and useful states for the demo personas."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.akun import demo_logins
from pegawai.atasan import atasan_langsung
from pegawai.models import Pegawai
from skp.choices import AksiSkp, FormatSkp, JenisRhk, Pendekatan, SkpStatus, StatusRekap
from skp.models import Skp
from skp.selectors.antrian import skp_antrian_atasan
from skp.selectors.identitas import identitas_hidup
from skp.selectors.nominatif import daftar_nominatif
from skp.selectors.skp import cek_skp_atasan, tanggal_acuan_skp
from skp.services.kelengkapan import masalah_pengajuan
from skp.services.skp import skp_kembalikan, skp_setujui
from skp.services.versi import skp_buat_perubahan

# Every test runs in its own savepoint over the module's one seeded city (``seeded``); what it writes is undone.
pytestmark = pytest.mark.django_db

N = 300
SEED = 7


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", pegawai=N, seed=SEED, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def tahun() -> int:
    return timezone.localdate().year


@pytest.fixture(scope="module")
def seeded(module_db):
    """One seeded city for the module: the tests only read it, or write inside their own savepoint."""
    return seed()


def persona(peran: str) -> Pegawai:
    row = next(r for r in demo_logins() if r["peran"] == peran)
    return Pegawai.objects.get(user__username=row["username"])


def semua_skp(tahun: int) -> list[Skp]:
    return list(
        Skp.objects.filter(tahun=tahun)
        .select_related("pegawai__jabatan", "jabatan")
        .prefetch_related("rhk__intervensi__skp", "rhk__iki", "lampiran", "riwayat")
        .order_by("pk")
    )


def test_it_prints_the_skp_summary(seeded, tahun):
    assert f"SKP {tahun}:" in seeded and "disetujui" in seeded and "belum dibuat" in seeded


def test_every_skp_cascades_from_the_atasans_approved_skp(seeded, tahun):
    daftar = semua_skp(tahun)
    assert len(daftar) > N / 2
    sekda = persona("Pimpinan")
    for skp in daftar:
        utama = [r for r in skp.rhk.all() if r.jenis == JenisRhk.UTAMA]
        assert utama, skp
        info = cek_skp_atasan(skp.pegawai, tahun, skp.tanggal_mulai)
        if skp.pegawai == sekda:
            # The Sekda's penilai is the kepala daerah, who is not in the system.
            assert info.atasan is None and skp.format == FormatSkp.JPT and skp.status == SkpStatus.DISETUJUI
            # As services.skp_setujui_kepala_daerah records it.
            assert skp.identitas_penilai["kepala_daerah"] and skp.pejabat_penilai is None
            assert "a.n." in list(skp.riwayat.all())[-1].actor_nama
            continue
        # Cascading (PermenPANRB 6/2022 Pasal 8): the SKP exists only because the atasan's is approved.
        assert info.skp is not None, skp
        if skp.format == FormatSkp.JA_JF:
            for rhk in utama:
                assert rhk.intervensi is not None and rhk.intervensi.skp_id == info.skp.pk, rhk
        else:
            for rhk in utama:
                assert rhk.perspektif and rhk.acuan
                assert rhk.intervensi is None or rhk.intervensi.skp_id == info.skp.pk


def test_every_demo_skp_passes_the_services_submission_rules(seeded, tahun):
    for skp in semua_skp(tahun):
        # What skp_ajukan and skp_setujui check: RHK, IKI, targets or ukuran keberhasilan, interventions.
        assert masalah_pengajuan(skp) == [], skp
        assert {item.jenis for item in skp.lampiran.all()} == {
            "dukungan_sumber_daya",
            "skema_pertanggungjawaban",
            "konsekuensi",
        }


def test_it_has_a_realistic_mix_of_states(seeded, tahun):
    skp = semua_skp(tahun)
    status = Counter(s.status for s in skp)
    assert set(status) == set(SkpStatus.values)
    assert status[SkpStatus.DISETUJUI] > sum(status.values()) / 2, "most SKP are approved"
    assert Counter(s.pendekatan for s in skp)[Pendekatan.KUALITATIF] >= 1
    assert any(s.rhk.filter(jenis=JenisRhk.TAMBAHAN).exists() for s in skp)
    belum = [
        p
        for opd in {p.perangkat_daerah.pk for p in Pegawai.objects.filter(aktif=True).with_org()}
        for p in daftar_nominatif(opd, tahun)
        if p.status_skp == StatusRekap.BELUM_DIBUAT
    ]
    assert belum, "some pegawai have not made their SKP yet"
    for s in skp:
        aksi = [r.aksi for r in s.riwayat.all()]
        assert aksi[0] == AksiSkp.DIBUAT
        if s.status == SkpStatus.DIKEMBALIKAN:
            assert aksi[-1] == AksiSkp.DIKEMBALIKAN and list(s.riwayat.all())[-1].catatan
        if s.status == SkpStatus.DISETUJUI:
            assert aksi[-1] == AksiSkp.DISETUJUI and s.disetujui_pada and s.identitas_pegawai


def test_approved_skp_carry_the_snapshot_the_approval_service_writes(seeded, tahun):
    disetujui = [s for s in semua_skp(tahun) if s.status == SkpStatus.DISETUJUI and s.pejabat_penilai_id]
    assert disetujui
    for skp in disetujui:
        on = tanggal_acuan_skp(skp)
        assert atasan_langsung(skp.pegawai, on).pk == skp.pejabat_penilai_id, skp
        hidup = identitas_hidup(skp, skp.pejabat_penilai, on)
        assert skp.identitas_pegawai == hidup.pegawai
        assert skp.identitas_penilai == hidup.penilai
        assert skp.identitas_atasan_penilai == hidup.atasan_penilai
        assert skp.atasan_pejabat_penilai == hidup.atasan_pejabat_penilai


def test_it_is_deterministic_for_a_seed(seeded, tahun):
    def snapshot():
        return [
            (
                s.pegawai.nip,
                s.status,
                s.pendekatan,
                [(r.jenis, r.teks, r.intervensi.teks if r.intervensi else "") for r in s.rhk.all()],
                [(i.teks, i.target_min, i.satuan) for r in s.rhk.all() for i in r.iki.all()],
                sorted(x.teks for x in s.lampiran.all()),
            )
            for s in sorted(semua_skp(tahun), key=lambda s: s.pegawai.nip)
        ]

    first = snapshot()
    seed(reset=True)
    assert snapshot() == first


def test_the_personas_have_skp_in_useful_states(seeded, tahun):
    pegawai, atasan = persona("Pegawai"), persona("Atasan langsung")
    for peran in ("Pegawai", "Atasan langsung", "Atasan dari atasan", "Kepala OPD", "Plt", "Pimpinan"):
        assert Skp.objects.get(pegawai=persona(peran), tahun=tahun).status == SkpStatus.DISETUJUI, peran

    # The pegawai's approved SKP feeds the daily report; the atasan has other bawahan's SKP to decide on.
    skp = Skp.objects.get(pegawai=pegawai, tahun=tahun)
    antrian = skp_antrian_atasan(atasan, tahun)
    assert any(row.pegawai == pegawai for row in antrian)
    menunggu = [row.skp for row in antrian if row.perlu_tindakan]
    assert len(menunggu) >= 2

    # Everything works through the real services: a perubahan of the approved SKP, decisions on the queue.
    perubahan = skp_buat_perubahan(actor=pegawai, skp=skp, alasan="Penyesuaian target triwulan.")
    assert perubahan.versi == skp.versi + 1 and perubahan.status == SkpStatus.DRAFT
    diajukan = [s for s in menunggu if s.status == SkpStatus.DIAJUKAN]
    skp_setujui(actor=atasan, skp=diajukan[0])
    skp_kembalikan(actor=atasan, skp=diajukan[-1], catatan="Mohon perbaiki target kuantitas.")

    plt = persona("Plt")
    assert any(row.perlu_tindakan for row in skp_antrian_atasan(plt, tahun))
