"""Satyalancana Karya Satya: the eligible and next-twelve-months lists, recording awards, the page, its proposal
download and ``manage.py satyalancana``."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pghistory.models import Events

from disiplin.choices import JenisHukuman, StatusHukuman, TingkatSatyalancana
from disiplin.errors import DisiplinError, DisiplinTidakBerwenang
from disiplin.models import HukumanDisiplin, PenghargaanSatyalancana
from disiplin.selectors.satyalancana import akan_layak, daftar_layak
from disiplin.services.satyalancana import penghargaan_catat, penghargaan_ubah
from pegawai.choices import StatusPegawai
from pegawai.tests.factories import JabatanFactory, PegawaiFactory, PerangkatDaerahFactory, UnitKerjaFactory, make_nip
from portal.choices import JenisAkses
from portal.models import AksesLog

X, XX, XXX = TingkatSatyalancana.X, TingkatSatyalancana.XX, TingkatSatyalancana.XXX
D = datetime.date


@pytest.fixture
def opd(db):
    """An OPD of its own, so the personas' pegawai (TMT CPNS 2010) stay out of the lists."""
    return PerangkatDaerahFactory(nama="Dinas Satya", kode="SATYA", singkatan="DS")


@pytest.fixture
def jabatan(opd):
    unit = UnitKerjaFactory(perangkat_daerah=opd, nama="Bidang Penghargaan")
    return JabatanFactory(unit_kerja=unit, nama="Analis Kepegawaian")


@pytest.fixture
def pns(jabatan):
    def buat(tmt: datetime.date, **kwargs):
        kwargs.setdefault("user", None)
        return PegawaiFactory(jabatan=jabatan, tmt_cpns=tmt, **kwargs)

    return buat


def _layak(per, opd):
    return [(b.nip, b.tingkat, b.layak_sejak) for b in daftar_layak(per, {opd.pk})]


def _hukuman(pegawai, jenis, status=StatusHukuman.BERLAKU):
    from disiplin import rules

    return HukumanDisiplin.objects.create(
        pegawai=pegawai,
        jenis=jenis,
        tingkat=rules.tingkat(jenis),
        nomor_sk="800/1/2020",
        tanggal_sk=D(2020, 1, 1),
        tmt=D(2020, 2, 1),
        status=status,
    )


def _award(pegawai, tingkat, tanggal):
    return PenghargaanSatyalancana.objects.create(
        pegawai=pegawai, tingkat=tingkat, nomor_keppres="1/TK/2020", tanggal_keppres=tanggal
    )


# --- the eligible list -------------------------------------------------------------------------------------------


def test_it_lists_x_on_exactly_ten_years_and_not_one_day_short(pns, opd):
    p = pns(D(2016, 3, 1))
    assert _layak(D(2026, 2, 28), opd) == []
    assert _layak(D(2026, 3, 1), opd) == [(p.nip, X, D(2026, 3, 1))]


@pytest.mark.parametrize(
    ("tmt", "tingkat"),
    [(D(2006, 7, 15), XX), (D(1996, 7, 15), XXX)],
)
def test_it_reaches_xx_at_twenty_and_xxx_at_thirty_years(pns, opd, tmt, tingkat):
    p = pns(tmt)
    hari = D(2026, 7, 15)
    # One day short: still the level below (never awarded, so it is listed there).
    assert [b.tingkat for b in daftar_layak(hari - datetime.timedelta(days=1), {opd.pk})] == [{XX: X, XXX: XX}[tingkat]]
    assert _layak(hari, opd) == [(p.nip, tingkat, hari)]


def test_it_lists_a_person_once_at_the_highest_level_not_yet_awarded(pns, opd):
    per = D(2026, 12, 4)
    tanpa = pns(D(2005, 6, 1), nama="Belum Pernah")  # 21 years, nothing awarded: XX only, not X and XX
    dengan_x = pns(D(2005, 6, 1), nama="Sudah X")  # 21 years, X awarded: XX
    _award(dengan_x, X, D(2016, 8, 17))
    dengan_xx = pns(D(2005, 6, 1), nama="Sudah XX")  # 21 years, XX awarded: nothing to propose
    _award(dengan_xx, XX, D(2025, 8, 17))
    tiga_puluh_satu = pns(D(1995, 1, 2), nama="Tiga Puluh Satu")  # X and XX awarded, XXX not yet: XXX
    _award(tiga_puluh_satu, X, D(2005, 8, 17))
    _award(tiga_puluh_satu, XX, D(2015, 8, 17))

    assert sorted(_layak(per, opd)) == sorted(
        [
            (tanpa.nip, XX, D(2025, 6, 1)),
            (dengan_x.nip, XX, D(2025, 6, 1)),
            (tiga_puluh_satu.nip, XXX, D(2025, 1, 2)),
        ]
    )


@pytest.mark.parametrize(
    ("jenis", "status", "terdaftar"),
    [
        (JenisHukuman.TUKIN_25_6, StatusHukuman.BERLAKU, False),
        (JenisHukuman.PDHTAPS, StatusHukuman.BERLAKU, False),
        (JenisHukuman.PENURUNAN_JABATAN, StatusHukuman.BERLAKU, False),
        (JenisHukuman.TEGURAN_TERTULIS, StatusHukuman.BERLAKU, True),
        (JenisHukuman.TUKIN_25_12, StatusHukuman.DIBATALKAN, True),
    ],
)
def test_it_excludes_a_standing_sedang_or_berat_only(pns, opd, jenis, status, terdaftar):
    p = pns(D(2012, 1, 5))
    _hukuman(p, jenis, status)
    per = D(2026, 12, 4)
    assert bool(_layak(per, opd)) is terdaftar
    # Nor is anyone barred proposed for the coming year (XX in 2032 is out of range; a fresh TMT is not).
    calon = pns(D(2017, 3, 1))
    _hukuman(calon, jenis, status)
    assert bool(akan_layak(per, {opd.pk})) is terdaftar


def test_it_reaches_a_29_february_tmt_on_28_february(pns, opd):
    p = pns(D(2016, 2, 29))
    assert _layak(D(2026, 2, 27), opd) == []
    assert _layak(D(2026, 2, 28), opd) == [(p.nip, X, D(2026, 2, 28))]
    # Seen from a year before, it is in the coming twelve months, on that day.
    assert [(b.nip, b.layak_sejak) for b in akan_layak(D(2025, 3, 1), {opd.pk})] == [(p.nip, D(2026, 2, 28))]


def test_it_shows_since_when_and_flags_proposals_late_by_more_than_a_year(pns, opd):
    per = D(2026, 12, 4)
    lama = pns(D(2014, 1, 10), nama="Lama Menunggu", golongan="III/c")
    baru = pns(D(2016, 6, 1), nama="Baru Layak")
    setahun = pns(D(2015, 12, 4), nama="Tepat Setahun")
    baris = {b.nip: b for b in daftar_layak(per, {opd.pk})}
    assert (baris[lama.nip].layak_sejak, baris[lama.nip].masa_kerja_tahun, baris[lama.nip].terlambat) == (
        D(2024, 1, 10),
        12,
        True,
    )
    assert baris[lama.nip].pangkat_golongan == "Penata (III/c)"
    assert (baris[lama.nip].jabatan, baris[lama.nip].unit_kerja, baris[lama.nip].perangkat_daerah) == (
        "Analis Kepegawaian",
        "Bidang Penghargaan",
        "Dinas Satya",
    )
    assert (baris[baru.nip].layak_sejak, baris[baru.nip].terlambat) == (D(2026, 6, 1), False)
    # Eligible exactly one year: not yet late.
    assert (baris[setahun.nip].layak_sejak, baris[setahun.nip].terlambat) == (D(2025, 12, 4), False)


def test_it_lists_pns_only_active_and_in_the_opd_asked(pns, opd, jabatan):
    per = D(2026, 12, 4)
    ya = pns(D(2010, 1, 1))
    pns(D(2010, 1, 1), aktif=False)
    pns(D(2010, 1, 1), status=StatusPegawai.CPNS)
    PegawaiFactory(
        nip=make_nip(77, pppk=True), jabatan=jabatan, tmt_cpns=D(2010, 1, 1), status=StatusPegawai.PPPK, user=None
    )
    lain = PegawaiFactory(tmt_cpns=D(2010, 1, 1), user=None)  # another OPD
    assert [n for n, _t, _s in _layak(per, opd)] == [ya.nip]
    assert lain.nip in {b.nip for b in daftar_layak(per, None)}


# --- the next twelve months -------------------------------------------------------------------------------------


def test_it_lists_who_becomes_eligible_in_the_next_twelve_months(pns, opd):
    per = D(2026, 12, 4)
    besok = pns(D(2016, 12, 5), nama="Besok")
    tepat = pns(D(2017, 12, 4), nama="Tepat Setahun")
    pns(D(2017, 12, 5), nama="Lewat Setahun")
    pns(D(2016, 12, 4), nama="Hari Ini")  # eligible today: in the eligible list, not the coming one
    naik = pns(D(2007, 3, 1), nama="Naik XX")  # X due since 2017 and XX on 1 March 2027
    sudah = pns(D(2007, 4, 1), nama="XX Tercatat")
    _award(sudah, XX, D(2026, 11, 1))  # recorded early, never proposed again
    xxx = pns(D(1997, 8, 17), nama="Tiga Puluh")

    assert [(b.nip, b.tingkat, b.layak_sejak) for b in akan_layak(per, {opd.pk})] == [
        (besok.nip, X, D(2026, 12, 5)),
        (naik.nip, XX, D(2027, 3, 1)),
        (xxx.nip, XXX, D(2027, 8, 17)),
        (tepat.nip, X, D(2027, 12, 4)),
    ]
    assert (naik.nip, X, D(2017, 3, 1)) in _layak(per, opd)


# --- recording awards -------------------------------------------------------------------------------------------


def test_it_records_an_award_audited_and_refuses_the_same_level_twice(org, pns, opd):
    p = pns(D(2010, 1, 1))
    award = penghargaan_catat(
        actor=org.admin_bkpsdm, pegawai=p, tingkat="X", nomor_keppres=" 45/TK/2021 ", tanggal_keppres=D(2021, 8, 13)
    )
    assert (award.tingkat, award.nomor_keppres, award.dicatat_oleh) == (X, "45/TK/2021", org.admin_bkpsdm)
    event = Events.objects.tracks(award).get(pgh_label="insert")
    assert event.pgh_context["user"] == org.admin_bkpsdm.pk
    assert _layak(D(2026, 12, 4), opd) == []
    with pytest.raises(DisiplinError, match="sudah tercatat"):
        penghargaan_catat(
            actor=org.admin_bkpsdm, pegawai=p, tingkat="X", nomor_keppres="46/TK/2022", tanggal_keppres=D(2022, 8, 13)
        )
    assert PenghargaanSatyalancana.objects.filter(pegawai=p).count() == 1


def test_it_refuses_an_award_from_anyone_but_admin_bkpsdm(org, pns):
    p = pns(D(2010, 1, 1))
    for user in (org.admin_opd, org.kepala.user):
        with pytest.raises(DisiplinTidakBerwenang):
            penghargaan_catat(
                actor=user, pegawai=p, tingkat="X", nomor_keppres="1/TK/2021", tanggal_keppres=D(2021, 8, 13)
            )
    assert not PenghargaanSatyalancana.objects.exists()


@pytest.mark.parametrize(
    ("tingkat", "nomor", "tanggal", "field"),
    [
        ("XX", "1/TK/2021", D(2021, 8, 13), "tanggal_keppres"),  # 11 years on the Keppres date: not XX
        ("X", "1/TK/2019", D(2019, 12, 31), "tanggal_keppres"),  # one day short of ten years
        ("X", "", D(2021, 8, 13), "nomor_keppres"),
        ("X", "1/TK\x00/2021", D(2021, 8, 13), "nomor_keppres"),
        ("X", "1/TK/2021", None, "tanggal_keppres"),
        ("X", "1/TK/2099", D(2099, 1, 1), "tanggal_keppres"),
        ("V", "1/TK/2021", D(2021, 8, 13), "tingkat"),
    ],
)
def test_it_refuses_an_award_that_does_not_hold(org, pns, tingkat, nomor, tanggal, field):
    p = pns(D(2010, 1, 1))
    with pytest.raises(DisiplinError) as exc:
        penghargaan_catat(
            actor=org.admin_bkpsdm, pegawai=p, tingkat=tingkat, nomor_keppres=nomor, tanggal_keppres=tanggal
        )
    assert field in exc.value.errors
    assert not PenghargaanSatyalancana.objects.exists()


def test_it_refuses_an_award_for_a_pppk(org, jabatan):
    p = PegawaiFactory(
        nip=make_nip(5, pppk=True), jabatan=jabatan, tmt_cpns=D(2010, 1, 1), status=StatusPegawai.PPPK, user=None
    )
    with pytest.raises(DisiplinError, match="hanya untuk PNS"):
        penghargaan_catat(
            actor=org.admin_bkpsdm, pegawai=p, tingkat="X", nomor_keppres="1/TK/2021", tanggal_keppres=D(2021, 8, 13)
        )


def test_it_corrects_the_keppres_of_a_record_audited(org, pns):
    award = _award(pns(D(2010, 1, 1)), X, D(2021, 8, 13))
    penghargaan_ubah(
        actor=org.admin_bkpsdm, penghargaan=award, nomor_keppres="2/TK/2021", tanggal_keppres=D(2021, 8, 14)
    )
    award.refresh_from_db()
    assert (award.nomor_keppres, award.tanggal_keppres) == ("2/TK/2021", D(2021, 8, 14))
    event = Events.objects.tracks(award).get(pgh_label="update")
    assert event.pgh_diff["nomor_keppres"] == ["1/TK/2020", "2/TK/2021"]
    assert event.pgh_context["user"] == org.admin_bkpsdm.pk
    with pytest.raises(DisiplinTidakBerwenang):
        penghargaan_ubah(actor=org.admin_opd, penghargaan=award, nomor_keppres="3", tanggal_keppres=D(2021, 8, 14))


# --- the command ------------------------------------------------------------------------------------------------


def test_it_writes_the_list_as_csv(pns, opd):
    lama = pns(D(2014, 1, 10), nama="Lama Menunggu")
    formula = pns(D(2006, 5, 2), nama="=HYPERLINK(1)")
    pns(D(2020, 1, 1))
    out = io.StringIO()
    call_command("satyalancana", "--per", "2026-12-04", "--opd", "SATYA", "--format", "csv", stdout=out)
    teks = out.getvalue()
    assert teks.splitlines()[0] == "nip,nama,jabatan,unit_kerja,tingkat,masa_kerja_tahun,layak_sejak"
    assert list(csv.reader(io.StringIO(teks)))[1:] == [
        [lama.nip, "Lama Menunggu", "Analis Kepegawaian", "Bidang Penghargaan", "X", "12", "2024-01-10"],
        [formula.nip, "'=HYPERLINK(1)", "Analis Kepegawaian", "Bidang Penghargaan", "XX", "20", "2026-05-02"],
    ]
    log = AksesLog.objects.get()
    assert (log.jenis, log.jumlah_baris) == (JenisAkses.EKSPOR, 2)


def test_it_writes_the_proposal_xlsx_bytes(pns, opd):
    p = pns(D(2014, 1, 10), nama="Lama Menunggu")
    keluaran = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    call_command("satyalancana", "--per", "2026-12-04", "--format", "xlsx", stdout=keluaran)
    keluaran.flush()
    ws = load_workbook(io.BytesIO(keluaran.buffer.getvalue())).active
    baris = list(ws.iter_rows(values_only=True))
    assert baris[1] == ("No.", "Nama", "NIP", "Pangkat/Gol.", "Jabatan", "Unit kerja", "Tingkat", "Masa kerja (tahun)")
    assert (p.nip, "X", 12) in {(r[2], r[6], r[7]) for r in baris[2:]}


@pytest.mark.parametrize(
    ("args", "pesan"),
    [
        ([], "wajib diisi"),
        (["--per", "04-12-2026"], "YYYY-MM-DD"),
        (["--per", "20261204"], "YYYY-MM-DD"),
        (["--per", "2026-02-30"], "tidak ada di kalender"),
        (["--per", "2026-12-04", "--opd", "TIDAKADA"], "tidak ditemukan"),
        (["--per", "2026-12-04", "--format", "pdf"], "tidak dikenal"),
        (["--per", "2026-12-04", "--format", "xlsx"], "biner"),
    ],
)
def test_it_refuses_bad_arguments_with_a_clear_message(db, args, pesan):
    with pytest.raises(CommandError, match=pesan):
        call_command("satyalancana", *args, stdout=io.StringIO())
    assert not AksesLog.objects.exists()


# --- the pages --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("pegawai", 404),
        ("atasan", 404),
        ("atasan_atasan", 404),
        ("admin_opd", 200),
        ("admin_opd_lain", 404),
        ("admin_bkpsdm", 200),
    ],
)
def test_it_answers_the_page_per_persona(org, client, persona, status):
    client.force_login(org.user(persona))
    response = client.get(reverse("disiplin:satyalancana"), {"opd": org.opd_a.pk, "per": "2026-12-04"})
    assert response.status_code == status
    if status == 200:
        # The personas' TMT CPNS is 1 March 2010: X since 2020, proposals late.
        assert org.staf.nip in response.content.decode()
        assert response.context["jumlah_terlambat"] == response.context["jumlah"]["layak"] > 0


def test_it_shows_an_admin_opd_their_own_opd_only(org, client):
    client.force_login(org.admin_opd_lain)
    response = client.get(reverse("disiplin:satyalancana"))
    assert response.status_code == 200
    nips = {b.nip for b in response.context["page_obj"].object_list}
    assert org.staf_b.nip in nips
    assert org.staf.nip not in nips
    assert response.context["catat_form"] is None


def test_it_shows_the_coming_and_awarded_tabs(org, client, pns):
    calon = pns(D(2017, 3, 1), nama="Calon Tahun Depan")
    award = _award(pns(D(2010, 1, 1), nama="Sudah Menerima"), X, D(2021, 8, 13))
    client.force_login(org.admin_bkpsdm)
    url = reverse("disiplin:satyalancana")
    akan = client.get(url, {"per": "2026-12-04", "tampil": "akan"})
    assert [b.nip for b in akan.context["page_obj"].object_list] == [calon.nip]
    diberikan = client.get(url, {"per": "2026-12-04", "tampil": "diberikan"})
    assert list(diberikan.context["page_obj"].object_list) == [award]
    assert "1/TK/2020" in diberikan.content.decode()


def test_it_exports_the_proposal_with_escaped_names_and_logs_it(org, client, pns, opd):
    p = pns(D(2014, 1, 10), nama="=cmd|' /C calc'!A0", golongan="III/b")
    client.force_login(org.admin_bkpsdm)
    response = client.get(reverse("disiplin:satyalancana_ekspor"), {"per": "2026-12-04", "opd": opd.pk})
    assert response.status_code == 200
    assert 'filename="usulan-satyalancana-ds-20261204.xlsx"' in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).active
    baris = list(ws.iter_rows(values_only=True))
    assert "Dinas Satya" in baris[0][0]
    assert baris[1] == ("No.", "Nama", "NIP", "Pangkat/Gol.", "Jabatan", "Unit kerja", "Tingkat", "Masa kerja (tahun)")
    assert baris[2] == (
        1,
        "'=cmd|' /C calc'!A0",
        p.nip,
        "Penata Muda Tingkat I (III/b)",
        "Analis Kepegawaian",
        "Bidang Penghargaan, Dinas Satya",
        "X",
        12,
    )
    log = AksesLog.objects.get()
    assert (log.jenis, log.user, log.jumlah_baris) == (JenisAkses.EKSPOR, org.admin_bkpsdm, 1)


def test_it_records_an_award_from_the_page_and_shows_a_refusal(org, client, pns):
    p = pns(D(2010, 1, 1))
    client.force_login(org.admin_bkpsdm)
    url = reverse("disiplin:satyalancana_catat") + "?per=2026-12-04"
    data = {"nip": p.nip, "tingkat": "X", "nomor_keppres": "9/TK/2021", "tanggal_keppres": "2021-08-13"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert response.url == reverse("disiplin:satyalancana") + "?per=2026-12-04&tampil=diberikan"
    assert PenghargaanSatyalancana.objects.get(pegawai=p).nomor_keppres == "9/TK/2021"
    again = client.post(url, data)
    assert again.status_code == 422
    assert "sudah tercatat" in again.content.decode()
    unknown = client.post(url, {**data, "nip": "199901012020011999"})
    assert unknown.status_code == 422
    assert "Tidak ada pegawai dengan NIP" in unknown.content.decode()


def test_it_corrects_a_keppres_from_the_page_and_shows_a_refusal(org, client, pns):
    award = _award(pns(D(2010, 1, 1)), X, D(2021, 8, 13))
    client.force_login(org.admin_bkpsdm)
    url = reverse("disiplin:satyalancana_ubah", args=[award.pk])
    ok = client.post(url, {"nomor_keppres": "7/TK/2021", "tanggal_keppres": "2021-08-14"})
    assert ok.status_code == 302
    award.refresh_from_db()
    assert award.nomor_keppres == "7/TK/2021"
    ditolak = client.post(url, {"nomor_keppres": "7/TK/2019", "tanggal_keppres": "2019-08-14"})
    assert ditolak.status_code == 422
    assert "setelah tanggal" in ditolak.content.decode()


def test_it_reads_the_page_in_the_same_number_of_queries_for_5_and_50_pegawai(org, client, pns, opd):
    client.force_login(org.admin_bkpsdm)

    def tambah(n, mulai):
        for i in range(mulai, mulai + n):
            # Eligible now, coming in the next months, awarded, and barred by a hukuman: every path of the lists.
            pns(D(2010, 1, 1) + datetime.timedelta(days=i))
            pns(D(2017, 1, 1) + datetime.timedelta(days=i))
            _award(pns(D(2005, 1, 1) + datetime.timedelta(days=i)), XX, D(2025, 8, 17))
            _hukuman(pns(D(2009, 1, 1) + datetime.timedelta(days=i)), JenisHukuman.TUKIN_25_6)

    def hitung(tampil):
        with CaptureQueriesContext(connection) as q:
            response = client.get(
                reverse("disiplin:satyalancana"), {"per": "2026-12-04", "opd": opd.pk, "tampil": tampil}
            )
        assert response.status_code == 200
        return len(q), response

    tambah(5, 0)
    sedikit = {t: hitung(t)[0] for t in ("layak", "akan", "diberikan")}
    tambah(45, 5)
    banyak = {t: hitung(t) for t in ("layak", "akan", "diberikan")}
    assert {t: n for t, (n, _r) in banyak.items()} == sedikit
    assert banyak["layak"][1].context["jumlah"] == {"layak": 50, "akan": 50, "diberikan": 50}
