"""``manage.py seed_demo`` / ``demo_logins`` and the generator of the demo city (demo.kota, demo.akun)."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.http import HttpRequest
from django.utils import timezone

from demo.akun import DEMO_PASSWORD, DEMO_URL, demo_logins
from demo.kota.rencana import JUMLAH_MUTASI, build_city
from pegawai.atasan import atasan_langsung, atasan_pejabat_penilai, bawahan_langsung
from pegawai.choices import JenisJabatan, JenisPenugasan, JenisPeran, StatusPegawai
from pegawai.models import Jabatan, Pegawai, Penugasan, Peran, PerangkatDaerah, UnitKerja, User
from pegawai.nip import parse_nip

# Every test runs in its own savepoint over the module's one seeded city (``seeded``); what it writes is undone.
pytestmark = pytest.mark.django_db

N = 300


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", pegawai=N, seed=7, stdout=out, **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(module_db):
    """One seeded city for the module: the tests only read it, or write inside their own savepoint."""
    return seed()


def snapshot() -> list[tuple]:
    return list(
        Pegawai.objects.order_by("nip").values_list(
            "nip", "nama", "gelar_depan", "gelar_belakang", "golongan", "jabatan__nama", "jabatan__unit_kerja__nama"
        )
    )


def logins() -> dict[str, dict]:
    rows = demo_logins()
    by_role = {row["peran"]: row for row in rows}
    assert len(by_role) == len(rows), "one login per role"
    return by_role


def persona(role: str) -> Pegawai:
    return Pegawai.objects.get(user__username=logins()[role]["username"])


def test_it_plans_exactly_n_pegawai_the_same_way_every_time():
    today = datetime.date(2026, 5, 14)
    for n in (N, 1234):
        city = build_city(n, seed=3, today=today)
        assert len(city.people) == n
        assert [p.nip for p in city.people] == [p.nip for p in build_city(n, seed=3, today=today).people]
    assert [p.nip for p in build_city(N, 3, today).people] != [p.nip for p in build_city(N, 4, today).people]


def test_it_plans_a_few_mid_year_transfers_on_one_tmt_and_the_kepala_sekolah_delegations():
    for today, tmt in (
        (datetime.date(2026, 12, 4), datetime.date(2026, 7, 1)),
        # Early in the year the TMT is the latest first of a month four weeks back; in January there is none.
        (datetime.date(2026, 3, 11), datetime.date(2026, 2, 1)),
        (datetime.date(2026, 1, 20), None),
    ):
        city = build_city(N, seed=3, today=today)
        if tmt is None:
            assert city.mutasi == []
            continue
        assert len(city.mutasi) == JUMLAH_MUTASI and {m.tmt for m in city.mutasi} == {tmt}
        personas = {v for k, v in city.personas.items() if not k.startswith("akun:")}
        for m in city.mutasi:
            person = city.people[m.pegawai]
            lama, baru = city.jabatan[m.jabatan_lama], city.jabatan[person.jabatan]
            # The same staff position in another unit of the OPD, under another atasan.
            assert m.pegawai not in personas and not person.pimpinan and person.aktif
            assert (baru.nama, baru.jenis) == (lama.nama, lama.jenis) and baru.parent != lama.parent
            assert city.units[baru.unit].opd == city.units[lama.unit].opd
            assert person.tmt < datetime.date(today.year, 1, 1)
        assert city.delegasi
        for d in city.delegasi:
            penerima, pemberi = city.people[d.penerima], city.people[d.pemberi]
            assert city.jabatan[penerima.jabatan].jenis == JenisJabatan.FUNGSIONAL
            assert city.jabatan[penerima.jabatan].nama.startswith("Kepala S")
            assert city.jabatan[pemberi.jabatan].nama == "Kepala Dinas Pendidikan"
            assert (d.mulai, d.selesai) == (datetime.date(today.year - 1, 1, 1), datetime.date(today.year, 12, 31))


def test_it_is_deterministic_for_a_seed_across_reset(seeded):
    first = snapshot()
    assert len(first) == N
    seed(reset=True)
    assert snapshot() == first


def test_every_nip_is_valid_and_matches_the_person(seeded):
    today = timezone.localdate()
    people = list(Pegawai.objects.all())
    assert len({p.nip for p in people}) == N
    for p in people:
        info = parse_nip(p.nip)
        assert info.tanggal_lahir == p.tanggal_lahir
        assert info.jenis_kelamin == p.jenis_kelamin
        assert info.tmt == p.tmt_cpns
        assert info.is_pppk == (p.status == StatusPegawai.PPPK)
        # Born 1965–2000 when seeded in 2026: ages 26 to 61 (pensiunan are the oldest).
        assert 26 <= today.year - p.tanggal_lahir.year <= 61
        assert p.tmt_cpns.year >= p.tanggal_lahir.year + 18 and p.tmt_cpns <= today
        if p.status != StatusPegawai.PPPK:
            # CPNS exactly during the first year after TMT.
            assert (p.status == StatusPegawai.CPNS) == ((today - p.tmt_cpns).days < 365)
        assert p.golongan
    statuses = {p.status for p in people}
    assert statuses >= {StatusPegawai.PNS, StatusPegawai.PPPK}


def test_it_builds_a_city_of_opd_unit_and_position_trees(seeded):
    assert 25 <= PerangkatDaerah.objects.count() <= 35
    for unit in UnitKerja.objects.exclude(parent=None).select_related("parent"):
        assert unit.parent.perangkat_daerah_id == unit.perangkat_daerah_id
    opd_of = dict(Jabatan.objects.values_list("pk", "unit_kerja__perangkat_daerah_id"))
    # PermenPANRB 6/2022: the Sekda rates the heads of OPD; the Sekda's penilai (the kepala daerah) is no ASN.
    [sekda] = Jabatan.objects.filter(parent=None)
    assert sekda.nama == "Sekretaris Daerah"
    tops = {opd_of[sekda.pk]: sekda.pk}
    for pk, parent_id in Jabatan.objects.exclude(pk=sekda.pk).values_list("pk", "parent_id"):
        if opd_of[parent_id] != opd_of[pk]:
            assert parent_id == sekda.pk, "a position reports outside its OPD only as head of the OPD, to the Sekda"
            assert opd_of[pk] not in tops, "one top position per OPD"
            tops[opd_of[pk]] = pk
    assert set(tops) == set(PerangkatDaerah.objects.values_list("pk", flat=True))
    assert set(Jabatan.objects.values_list("jenis", flat=True)) == set(JenisJabatan.values)
    assert Jabatan.objects.filter(nama="Kepala Dinas Pendidikan", kelas_jabatan=14).exists()


def test_it_has_plt_plh_overrides_and_pensiunan(seeded):
    berlaku = Penugasan.objects.berlaku()
    assert berlaku.filter(jenis=JenisPenugasan.PLT).exists()
    assert berlaku.filter(jenis=JenisPenugasan.PLH).exists()
    for tugas in Penugasan.objects.select_related("pegawai", "jabatan"):
        assert tugas.pegawai.aktif and tugas.jabatan.is_struktural
        assert tugas.pegawai.jabatan_id != tugas.jabatan_id
    assert Pegawai.objects.exclude(atasan_override=None).count() >= 2
    pensiun = Pegawai.objects.filter(aktif=False)
    assert pensiun.exists()
    assert not User.objects.filter(pegawai__in=pensiun, is_active=True).exists()


def test_every_demo_login_logs_in_with_the_demo_password(seeded, client):
    by_role = logins()
    assert set(by_role) == {
        "Pegawai",
        "Atasan langsung",
        "Atasan dari atasan",
        "Kepala OPD",
        "Plt",
        "Admin OPD",
        "Admin BKPSDM",
        "Pimpinan",
    }
    for row in by_role.values():
        # django-axes refuses authenticate() without a request.
        assert client.login(request=HttpRequest(), username=row["username"], password=DEMO_PASSWORD), row
        client.logout()
    # Every other login has an unusable password.
    others = User.objects.exclude(username__in=[row["username"] for row in by_role.values()])
    assert not any(user.has_usable_password() for user in others)


def test_the_stored_roles_match_the_personas(seeded):
    by_role = logins()
    opd = persona("Pegawai").perangkat_daerah
    admin_opd = User.objects.get(username=by_role["Admin OPD"]["username"])
    assert list(admin_opd.peran.values_list("jenis", "perangkat_daerah")) == [(JenisPeran.ADMIN_OPD, opd.pk)]
    bkpsdm = User.objects.get(username=by_role["Admin BKPSDM"]["username"])
    assert bkpsdm.is_staff and not bkpsdm.is_superuser
    assert bkpsdm.has_perm("pegawai.change_pegawai") and bkpsdm.has_perm("pegawai.view_penugasan")
    assert not admin_opd.is_staff and not admin_opd.user_permissions.exists()
    assert list(bkpsdm.peran.values_list("jenis", "perangkat_daerah")) == [(JenisPeran.ADMIN_BKPSDM, None)]
    pimpinan = persona("Pimpinan")
    assert pimpinan.jabatan.parent_id is None
    assert Peran.objects.filter(user=pimpinan.user, jenis=JenisPeran.PIMPINAN, perangkat_daerah=None).exists()
    kepala = persona("Kepala OPD")
    assert kepala.perangkat_daerah == opd and kepala.jabatan.parent_id == pimpinan.jabatan_id


def test_the_supervision_chain_of_the_personas(seeded):
    pegawai, atasan = persona("Pegawai"), persona("Atasan langsung")
    kabid, kepala = persona("Atasan dari atasan"), persona("Kepala OPD")
    assert pegawai.jabatan.jenis == JenisJabatan.PELAKSANA
    assert bawahan_langsung(atasan).filter(pk=pegawai.pk).exists()
    assert atasan_langsung(pegawai) == atasan
    assert atasan_pejabat_penilai(pegawai) == kabid
    assert atasan_langsung(kabid) == kepala
    assert atasan_langsung(kepala) == persona("Pimpinan")


def test_the_plt_persona_supervises_the_staff_of_the_vacant_seksi(seeded):
    plt = persona("Plt")
    tugas = Penugasan.objects.berlaku().get(pegawai=plt)
    assert tugas.jenis == JenisPenugasan.PLT and tugas.jabatan.jenis == JenisJabatan.PENGAWAS
    assert not Pegawai.objects.filter(jabatan=tugas.jabatan, aktif=True).exists(), "the seksi is vacant"
    staf = Pegawai.objects.filter(jabatan__parent=tugas.jabatan, aktif=True)
    assert staf.count() >= 2
    bawahan = set(bawahan_langsung(plt).values_list("pk", flat=True))
    assert set(staf.values_list("pk", flat=True)) <= bawahan
    assert atasan_langsung(staf.first()) == plt


def test_the_seed_is_one_audited_context(seeded):
    PegawaiEvent = apps.get_model("pegawai", "PegawaiEvent")
    UserEvent = apps.get_model("pegawai", "UserEvent")
    # Pegawai and users go in with COPY; their insert events must still carry the seed's context.
    for model in (PegawaiEvent, UserEvent):
        events = model.objects.filter(pgh_label="insert")
        assert events.count() >= N
        assert not events.filter(pgh_context=None).exists()
        assert {e.pgh_context.metadata["source"] for e in events.select_related("pgh_context")} == {"seed_demo"}


def test_if_empty_does_nothing_the_second_time(seeded):
    before = snapshot()
    PegawaiEvent = apps.get_model("pegawai", "PegawaiEvent")
    events = PegawaiEvent.objects.count()
    out = StringIO()
    call_command("seed_demo", pegawai=2000, seed=9, if_empty=True, stdout=out)
    assert "sudah ada" in out.getvalue()
    assert snapshot() == before
    assert PegawaiEvent.objects.count() == events


def test_it_refuses_to_seed_over_existing_data_without_reset(seeded):
    with pytest.raises(CommandError, match="--reset"):
        seed()


def test_reset_keeps_superusers(seeded):
    admin = User.objects.create_superuser("root", password="x" * 12)
    seed(reset=True)
    assert User.objects.filter(pk=admin.pk).exists()
    assert Pegawai.objects.count() == N


def test_demo_logins_command_prints_the_table_password_and_address(seeded):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text and DEMO_URL in text
    for row in demo_logins():
        assert row["username"] in text and row["nama"] in text
    assert "Admin BKPSDM" in seeded and "admin.bkpsdm" in seeded
