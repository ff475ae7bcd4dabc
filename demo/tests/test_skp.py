"""The demo SKP written by ``manage.py seed_demo`` (demo/skp/): cascaded, valid by the services' own rules, with
a realistic mix of states and useful states for the demo personas; one SKP per position held, so the city's
mid-year transfers have two, each rated by whoever rates that position then (issue 8's dated positions); the
kepala sekolah rate their school through a written delegation."""

from __future__ import annotations

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.aktivitas.seed import seed_aktivitas
from demo.akun import demo_logins
from demo.skp.organisasi import Organisasi
from kinerja.choices import StatusAktivitas
from kinerja.models import Aktivitas
from pegawai.atasan import JENIS_PENILAI, Penilai, atasan_langsung, bawahan_langsung, penilai_pada
from pegawai.choices import JenisJabatan
from pegawai.models import DelegasiPenilai, Jabatan, Pegawai, Penugasan, RiwayatJabatan
from pegawai.supervisi import atasan_pada
from portal.audit import as_actor
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
        # As skp_buat asks it: the atasan of the SKP's position on its first day (a Plt's SKP: the acting one's).
        info = cek_skp_atasan(skp.pegawai, tahun, skp.tanggal_mulai, jabatan_id=skp.jabatan_id)
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
        if aksi[-1] == AksiSkp.DITUTUP_MUTASI:
            # The old position's SKP of a mutasi: its period ended the day before the TMT, its state kept.
            assert s.tanggal_selesai < datetime.date(tahun, 12, 31)
            aksi = aksi[:-1]
        if s.status == SkpStatus.DIKEMBALIKAN:
            assert aksi[-1] == AksiSkp.DIKEMBALIKAN and list(s.riwayat.all())[-1].catatan
        if s.status == SkpStatus.DISETUJUI:
            assert aksi[-1] == AksiSkp.DISETUJUI and s.disetujui_pada and s.identitas_pegawai


def test_approved_skp_carry_the_snapshot_the_approval_service_writes(seeded, tahun):
    disetujui = [s for s in semua_skp(tahun) if s.status == SkpStatus.DISETUJUI and s.pejabat_penilai_id]
    assert disetujui
    for skp in disetujui:
        on = tanggal_acuan_skp(skp)
        assert atasan_langsung(skp.pegawai, on, jabatan_id=skp.jabatan_id).pk == skp.pejabat_penilai_id, skp
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
        # Every SKP of theirs: the Plt also holds the SKP of the position they act in.
        assert set(Skp.objects.filter(pegawai=persona(peran), tahun=tahun).values_list("status", flat=True)) == {
            SkpStatus.DISETUJUI
        }, peran

    # The pegawai's approved SKP feeds the daily report; the atasan has other bawahan's SKP to decide on.
    skp = Skp.objects.get(pegawai=pegawai, tahun=tahun, jabatan=pegawai.jabatan)
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


# --- issue 8: dated positions -----------------------------------------------------------------------------------


def mutasi(tahun: int) -> list[tuple[Pegawai, RiwayatJabatan, RiwayatJabatan]]:
    """The demo's mid-year transfers: (pegawai, the old assignment closed this year, the new one)."""
    hasil = []
    for lama in RiwayatJabatan.objects.filter(tanggal_selesai__year=tahun, pegawai__aktif=True).select_related(
        "pegawai__jabatan", "jabatan__unit_kerja"
    ):
        baru = RiwayatJabatan.objects.select_related("jabatan__unit_kerja").get(
            pegawai=lama.pegawai, tmt=lama.tanggal_selesai + datetime.timedelta(days=1)
        )
        hasil.append((lama.pegawai, lama, baru))
    return hasil


def skp_definitif(pegawai: Pegawai, tahun: int) -> list[Skp]:
    """The SKP of the positions ``pegawai`` held (not one they act in as Plt), by period."""
    plt = Penugasan.objects.filter(pegawai=pegawai).values("jabatan_id")
    return list(
        Skp.objects.filter(pegawai=pegawai, tahun=tahun)
        .exclude(jabatan_id__in=plt)
        .prefetch_related("rhk__intervensi", "riwayat")
        .order_by("tanggal_mulai")
    )


def test_the_in_memory_organisation_answers_like_the_selectors(seeded, tahun):
    """demo.skp.organisasi replays pegawai.atasan: the same pejabat penilai for every pegawai on the days that
    matter (new year, the day before and the day of the mutasi TMT, today), through the same position and on the
    same basis."""
    org = Organisasi()
    hari = {datetime.date(tahun, 1, 1), timezone.localdate()}
    for _p, lama, baru in mutasi(tahun):
        hari |= {lama.tanggal_selesai, baru.tmt}
    pasangan = [(pk, on) for pk in org.pegawai for on in sorted(hari)]
    sql = atasan_pada(pasangan)
    for pk, on in pasangan:
        assert org.atasan(pk, on) == sql.get((pk, on)), (pk, on)
    # The full answer (position, basis) for the people the rules of issue 8 are about.
    sampel = {p.pk for p, _l, _b in mutasi(tahun)}
    sampel |= set(Pegawai.objects.filter(jabatan__parent__jenis=JenisJabatan.FUNGSIONAL).values_list("pk", flat=True))
    sampel |= set(Pegawai.objects.filter(jabatan__parent__penugasan__isnull=False).values_list("pk", flat=True))
    for pk in sorted(sampel):
        pegawai = Pegawai.objects.get(pk=pk)
        for on in sorted(hari):
            diharapkan = penilai_pada(pegawai, on)
            hasil = org.penilai(pk, on)
            assert (hasil and (hasil.pegawai.pk, hasil.jabatan_id, hasil.dasar)) == (
                diharapkan and (diharapkan.pegawai.pk, diharapkan.jabatan_id, diharapkan.dasar)
            ), (pegawai, on)


def test_the_city_holds_mid_year_transfers_with_two_skp_split_at_the_tmt(seeded, tahun):
    pindah = mutasi(tahun)
    assert len(pindah) >= 3, "a few mid-year transfers"
    berbeda = 0
    for pegawai, lama, baru in pindah:
        # catat_mutasi's shape: the old assignment ends the day before the TMT, the new one is open and current.
        assert baru.tanggal_selesai is None and pegawai.jabatan_id == baru.jabatan_id != lama.jabatan_id
        assert lama.jabatan.unit_kerja.perangkat_daerah_id == baru.jabatan.unit_kerja.perangkat_daerah_id
        assert lama.tmt < datetime.date(tahun, 1, 1) < baru.tmt <= timezone.localdate()
        assert baru.nomor_sk
        skp_lama, skp_baru = skp_definitif(pegawai, tahun)
        assert (skp_lama.jabatan_id, skp_lama.tanggal_mulai, skp_lama.tanggal_selesai) == (
            lama.jabatan_id,
            datetime.date(tahun, 1, 1),
            lama.tanggal_selesai,
        )
        assert (skp_baru.jabatan_id, skp_baru.tanggal_mulai, skp_baru.tanggal_selesai) == (
            baru.jabatan_id,
            baru.tmt,
            datetime.date(tahun, 12, 31),
        )
        # The mutasi closed the old SKP, as skp.services.mutasi records it.
        riwayat = list(skp_lama.riwayat.all())
        assert riwayat[-1].aksi == AksiSkp.DITUTUP_MUTASI and baru.jabatan.nama in riwayat[-1].catatan
        for skp in (skp_lama, skp_baru):
            assert skp.status == SkpStatus.DISETUJUI
            # Rated by whoever rates that position on its first day, cascading from their SKP; approved by the
            # penilai of the day that counts.
            penilai = penilai_pada(pegawai, skp.tanggal_mulai, jabatan_id=skp.jabatan_id)
            info = cek_skp_atasan(pegawai, tahun, skp.tanggal_mulai, jabatan_id=skp.jabatan_id)
            assert info.atasan == penilai.pegawai and info.skp is not None
            assert {r.intervensi.skp_id for r in skp.rhk.all() if r.intervensi} == {info.skp.pk}
            acuan = tanggal_acuan_skp(skp)
            assert skp.pejabat_penilai == atasan_langsung(pegawai, acuan, jabatan_id=skp.jabatan_id)
            assert skp.identitas_pegawai["jabatan_id"] == skp.jabatan_id
        lama_penilai = penilai_pada(pegawai, skp_lama.tanggal_mulai).pegawai
        baru_penilai = penilai_pada(pegawai, skp_baru.tanggal_mulai).pegawai
        assert atasan_pada([(pegawai.pk, lama.tanggal_selesai)])[(pegawai.pk, lama.tanggal_selesai)] == (
            atasan_langsung(pegawai, lama.tanggal_selesai).pk
        )
        berbeda += lama_penilai != baru_penilai
    assert berbeda, "a transfer moves someone under another atasan"


def test_activities_around_the_tmt_are_verified_by_the_old_then_the_new_atasan(seeded, tahun):
    pindah = mutasi(tahun)
    tmt = pindah[0][2].tmt
    with as_actor(None, source="uji"):
        seed_aktivitas(bulan=1, seed=SEED, hari_ini=tmt + datetime.timedelta(days=21))
    for pegawai, _lama, baru in pindah:
        skp_lama, skp_baru = skp_definitif(pegawai, tahun)
        aktivitas = list(Aktivitas.objects.filter(pegawai=pegawai))
        assert {a.tanggal < baru.tmt for a in aktivitas} == {True, False}, pegawai
        for a in aktivitas:
            skp = skp_lama if a.tanggal < baru.tmt else skp_baru
            assert a.rhk is None or a.rhk.skp_id == skp.pk
            if a.status in (StatusAktivitas.DISETUJUI, StatusAktivitas.DITOLAK):
                assert a.diverifikasi_oleh == atasan_langsung(pegawai, a.tanggal), (pegawai, a.tanggal)
                assert a.diverifikasi_oleh == skp.pejabat_penilai


def test_every_kepala_sekolah_rates_their_school_through_a_delegation(seeded, tahun):
    sekolah = Jabatan.objects.filter(jenis=JenisJabatan.FUNGSIONAL, children__isnull=False).distinct()
    assert sekolah.exists()
    kadis = Pegawai.objects.get(jabatan__nama="Kepala Dinas Pendidikan", aktif=True)
    hari = (datetime.date(tahun - 1, 1, 1), datetime.date(tahun, 1, 1), timezone.localdate())
    for jabatan in sekolah:
        assert jabatan.jenis not in JENIS_PENILAI
        kepala = Pegawai.objects.get(jabatan=jabatan, aktif=True)
        delegasi = DelegasiPenilai.objects.get(penerima=kepala)
        assert delegasi.pemberi == kadis and delegasi.dibatalkan_pada is None
        assert delegasi.nomor_surat.startswith("800/") and delegasi.alasan
        assert (delegasi.tanggal_mulai, delegasi.tanggal_selesai) == hari[0:1] + (datetime.date(tahun, 12, 31),)
        guru = list(Pegawai.objects.filter(jabatan__parent=jabatan, aktif=True))
        assert guru
        for on in hari:
            assert set(bawahan_langsung(kepala, on)) >= set(guru)
            for p in guru:
                assert penilai_pada(p, on) == Penilai(kepala, jabatan.pk, Penilai.DELEGASI), (p, on)
        for skp in Skp.objects.filter(pegawai__in=guru, tahun=tahun, status=SkpStatus.DISETUJUI):
            assert skp.pejabat_penilai == kepala
            assert skp.identitas_penilai["jabatan"] == jabatan.nama
