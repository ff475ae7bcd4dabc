"""The organisation-and-people import: service, file safety, command, portal page and admin."""

import csv
import datetime
import io
import zipfile
from io import StringIO

import openpyxl
import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from pegawai.atasan import atasan_langsung
from pegawai.choices import Golongan, JenisJabatan, Jenjang, StatusPegawai
from pegawai.impor import berkas
from pegawai.impor.berkas import COLUMNS
from pegawai.impor.layanan import import_pegawai
from pegawai.impor.sel import parse_golongan, parse_jenis_jabatan, split_gelar
from pegawai.models import Jabatan, Pegawai, PerangkatDaerah, UnitKerja, User
from pegawai.nip import parse_nip
from portal import ooxml
from portal.choices import JenisAkses
from portal.models import AksesLog

pytestmark = pytest.mark.django_db

KEPALA = "196304081992031004"
KABID = "197501012000032001"
STAF_PPPK = "198709132023211007"
FUNGSIONAL = "199001012015032002"
OPD = "Dinas Komunikasi dan Informatika"


def row(**values):
    return {c: values.get(c, "") for c in COLUMNS}


def good_rows():
    """A small OPD with bawahan listed before their atasan."""
    return [
        row(
            nip=STAF_PPPK,
            nama="Budi Santoso, S.Kom",
            golongan="IX",
            jabatan="Pengelola Aplikasi",
            jenis_jabatan="Pelaksana",
            unit_kerja="Bidang Aplikasi",
            perangkat_daerah=OPD,
            nip_atasan=KABID,
        ),
        row(
            nip=FUNGSIONAL,
            nama="Siti Aminah",
            golongan="iii-b",
            jabatan="Pranata Komputer Ahli Muda",
            jenis_jabatan="JF",
            unit_kerja="Seksi Data",
            perangkat_daerah=OPD,
            nip_atasan=KABID,
        ),
        row(
            nip=KABID,
            nama="Dr. Ir. Ani Rahmawati, S.T., M.T.",
            status="PNS",
            golongan="IV/a",
            jabatan="Kepala Bidang Aplikasi",
            jenis_jabatan="administrator",
            unit_kerja="Bidang Aplikasi",
            perangkat_daerah=OPD,
            nip_atasan=KEPALA,
            tmt_cpns="01/03/2000",
        ),
        row(
            nip=KEPALA,
            nama="Drs. H. Cecep Supriatin M.Si.",
            golongan="IV/c",
            jabatan="Kepala Dinas",
            jenis_jabatan="JPT Pratama",
            unit_kerja=OPD,
            perangkat_daerah=OPD,
        ),
    ]


def csv_bytes(rows, delimiter=",", bom=False, header=COLUMNS):
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for r in rows:
        writer.writerow([r.get(c, "") for c in header])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows, header=COLUMNS):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for r in rows:
        sheet.append([r.get(c, "") or None for c in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def event_model(name):
    """The pghistory event table of a pegawai model (queried directly: the aggregate ``Events`` view spans
    every app's tracked models)."""
    return apps.get_model("pegawai", f"{name}Event")


def count_events():
    return sum(event_model(m).objects.count() for m in ("User", "PerangkatDaerah", "UnitKerja", "Jabatan", "Pegawai"))


@pytest.fixture
def actor(db):
    return User.objects.create_user(username="operator-bkpsdm")


def run(data, actor=None, dry_run=False, **kwargs):
    return import_pegawai(data, actor=actor, dry_run=dry_run, file_name="uji.csv", **kwargs)


# --- pure rules ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Drs. H. Cecep Supriatin M.Si.", ("Drs. H.", "Cecep Supriatin", "M.Si.")),
        ("Dr. Ir. Ani Rahmawati, S.T., M.T.", ("Dr. Ir.", "Ani Rahmawati", "S.T., M.T.")),
        ("Budi Santoso, S.Kom", ("", "Budi Santoso", "S.Kom")),
        ("Budi Santoso SH", ("", "Budi Santoso", "SH")),
        ("Hj. Euis  Komariah,S.Pd.,M.M.", ("Hj.", "Euis Komariah", "S.Pd., M.M.")),
        ("Prof.Dr. Asep Saepudin", ("Prof.Dr.", "Asep Saepudin", "")),
        ("dr. Rina Marlina, Sp.A.", ("dr.", "Rina Marlina", "Sp.A.")),
        ("Cecep S.", ("", "Cecep S.", "")),
        ("Siti Aminah", ("", "Siti Aminah", "")),
        ("Ir.", ("", "Ir.", "")),
    ],
)
def test_it_splits_the_gelar_from_a_printed_name(printed, expected):
    assert split_gelar(printed) == expected


@pytest.mark.parametrize(
    ("text", "status", "expected"),
    [
        ("III/a", StatusPegawai.PNS, "III/a"),
        ("iii-a", StatusPegawai.PNS, "III/a"),
        ("IIIa", StatusPegawai.CPNS, "III/a"),
        ("IV / b", StatusPegawai.PNS, "IV/b"),
        ("3d", StatusPegawai.PNS, "III/d"),
        ("ix", StatusPegawai.PPPK, "IX"),
        ("IV/e", StatusPegawai.PNS, "IV/e"),
    ],
)
def test_it_normalises_golongan(text, status, expected):
    assert parse_golongan(text, status) == expected


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("III/e", StatusPegawai.PNS),
        ("IX", StatusPegawai.PNS),
        ("III/a", StatusPegawai.PPPK),
        ("V/a", "PNS"),
        ("XVIII", "PPPK"),
        ("0", "PPPK"),
    ],
)
def test_it_refuses_a_golongan_that_does_not_exist_for_the_status(text, status):
    with pytest.raises(ValueError):
        parse_golongan(text, status)


ROMAWI = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII".split()


def test_pppk_golongan_are_i_to_xvii_without_a_pangkat_name():
    """Perpres 98/2020: seventeen PPPK golongan. They have no pangkat name, so documents print "Golongan XI (PPPK)"."""
    assert [g.value for g in Golongan if "/" not in g.value] == ROMAWI
    assert Golongan("III").label == "III (PPPK)"
    for golongan in ROMAWI:
        assert Pegawai(status=StatusPegawai.PPPK, golongan=golongan).pangkat_golongan == f"Golongan {golongan} (PPPK)"
    assert Pegawai(status=StatusPegawai.PNS, golongan="III/a").pangkat_golongan == "Penata Muda (III/a)"


# One rule for the import and the model (pegawai.choices.golongan_untuk_status): PNS and CPNS hold I/a … IV/e,
# PPPK hold I … XVII.
GOLONGAN_MENURUT_STATUS = [
    *[(g, StatusPegawai.PPPK, True) for g in ROMAWI],
    ("III/a", StatusPegawai.PPPK, False),
    ("IV/e", StatusPegawai.PPPK, False),
    ("III/a", StatusPegawai.PNS, True),
    ("I/a", StatusPegawai.CPNS, True),
    ("XV", StatusPegawai.PNS, False),
    ("III", StatusPegawai.PNS, False),
    ("I", StatusPegawai.CPNS, False),
    ("XVII", StatusPegawai.CPNS, False),
]


@pytest.mark.parametrize(("golongan", "status", "valid"), GOLONGAN_MENURUT_STATUS)
def test_the_import_accepts_a_golongan_only_for_its_status(golongan, status, valid):
    if valid:
        assert parse_golongan(golongan.lower(), status) == golongan
    else:
        with pytest.raises(ValueError, match="Golongan"):
            parse_golongan(golongan, status)


@pytest.mark.parametrize(("golongan", "status", "valid"), GOLONGAN_MENURUT_STATUS)
def test_pegawai_clean_accepts_a_golongan_only_for_its_status(golongan, status, valid):
    nip = STAF_PPPK if status == StatusPegawai.PPPK else KEPALA
    lahir, tmt = parse_nip(nip).tanggal_lahir, parse_nip(nip).tmt
    pegawai = Pegawai(nip=nip, status=status, golongan=golongan, tanggal_lahir=lahir, tmt_cpns=tmt)
    if valid:
        pegawai.clean()
    else:
        with pytest.raises(ValidationError) as refused:
            pegawai.clean()
        assert set(refused.value.message_dict) == {"golongan"}
        [pesan] = refused.value.message_dict["golongan"]
        assert pesan.startswith(f"Golongan {golongan} milik ")


@pytest.mark.parametrize(
    ("label", "nama", "expected"),
    [
        ("JPT", "Kepala Dinas", (JenisJabatan.JPT, "")),
        ("Jabatan Pimpinan Tinggi Pratama", "Kepala Dinas", (JenisJabatan.JPT, Jenjang.JPT_PRATAMA)),
        ("administrator", "Kepala Bidang", (JenisJabatan.ADMINISTRATOR, Jenjang.ADMINISTRATOR)),
        ("PENGAWAS", "Kepala Seksi", (JenisJabatan.PENGAWAS, Jenjang.PENGAWAS)),
        ("Pelaksana", "Pengadministrasi Umum", (JenisJabatan.PELAKSANA, Jenjang.PELAKSANA)),
        ("JF", "Analis Kebijakan Ahli Madya", (JenisJabatan.FUNGSIONAL, Jenjang.AHLI_MADYA)),
        ("Fungsional", "Arsiparis Terampil", (JenisJabatan.FUNGSIONAL, Jenjang.TERAMPIL)),
        ("Jabatan Fungsional", "Dokter", (JenisJabatan.FUNGSIONAL, "")),
    ],
)
def test_it_reads_jenis_jabatan_labels(label, nama, expected):
    assert parse_jenis_jabatan(label, nama) == expected


@pytest.mark.parametrize("label", ["JA", "Struktural", "Eselon", "Kepala"])
def test_it_refuses_ambiguous_or_unknown_jenis_jabatan(label):
    with pytest.raises(ValueError):
        parse_jenis_jabatan(label)


# --- a good file ----------------------------------------------------------------------------------------------


def test_it_imports_organisation_people_and_accounts_with_atasan_in_any_order(actor):
    result = run(csv_bytes(good_rows()), actor=actor)

    assert not result.has_errors, result.error_lines()
    assert result.saved and (result.baru, result.diubah, result.tetap) == (4, 0, 0)
    opd = PerangkatDaerah.objects.get()
    assert opd.nama == OPD and opd.kode == "DKI"
    units = {u.nama: u for u in UnitKerja.objects.all()}
    assert set(units) == {OPD, "Bidang Aplikasi", "Seksi Data"}
    assert units[OPD].parent is None
    assert units["Bidang Aplikasi"].parent == units[OPD]
    assert units["Seksi Data"].parent == units["Bidang Aplikasi"]

    peg = {p.nip: p for p in Pegawai.objects.select_related("jabatan__parent", "user")}
    kepala, kabid, staf, jf = peg[KEPALA], peg[KABID], peg[STAF_PPPK], peg[FUNGSIONAL]
    assert (kepala.gelar_depan, kepala.nama, kepala.gelar_belakang) == ("Drs. H.", "Cecep Supriatin", "M.Si.")
    assert (kabid.gelar_depan, kabid.nama, kabid.gelar_belakang) == ("Dr. Ir.", "Ani Rahmawati", "S.T., M.T.")
    assert (staf.nama, staf.gelar_belakang) == ("Budi Santoso", "S.Kom")
    assert kepala.jabatan.jenis == JenisJabatan.JPT and kepala.jabatan.jenjang == Jenjang.JPT_PRATAMA
    assert kepala.jabatan.parent is None
    assert kabid.jabatan.parent == kepala.jabatan
    assert staf.jabatan.parent == kabid.jabatan
    assert jf.jabatan.jenis == JenisJabatan.FUNGSIONAL and jf.jabatan.jenjang == Jenjang.AHLI_MUDA
    # PPPK derived from the nomor induk; TMT from the NIP unless given; birth date and sex from the NIP.
    assert staf.status == StatusPegawai.PPPK and staf.golongan == "IX"
    assert staf.tmt_cpns == datetime.date(2023, 1, 1)
    assert kepala.status == StatusPegawai.PNS and kepala.tmt_cpns == datetime.date(1992, 3, 1)
    assert kabid.tmt_cpns == datetime.date(2000, 3, 1)
    assert jf.golongan == "III/b" and jf.jenis_kelamin == "P" and jf.tanggal_lahir == datetime.date(1990, 1, 1)
    assert all(p.atasan_override_id is None for p in peg.values())
    assert atasan_langsung(staf) == kabid and atasan_langsung(jf) == kabid and atasan_langsung(kabid) == kepala
    # One login per new pegawai, named by NIP, without a usable password.
    for p in peg.values():
        assert p.user.username == p.nip and not p.user.has_usable_password()

    log = AksesLog.objects.get()
    assert log.jenis == JenisAkses.IMPOR and log.jumlah_baris == 4 and log.user == actor
    event = event_model("Pegawai").objects.select_related("pgh_context").get(pgh_obj_id=kepala.pk)
    assert event.pgh_label == "insert" and event.pgh_context.metadata["user"] == actor.pk


@pytest.mark.parametrize(
    "encode",
    [
        lambda rows: csv_bytes(rows),
        lambda rows: csv_bytes(rows, delimiter=";", bom=True),
        lambda rows: xlsx_bytes(rows),
    ],
    ids=["csv-koma", "csv-titik-koma-bom", "xlsx"],
)
def test_it_reads_csv_with_either_separator_and_xlsx_alike(encode):
    result = run(encode(good_rows()))
    assert not result.has_errors, result.error_lines()
    assert Pegawai.objects.count() == 4
    kabid = Pegawai.objects.get(nip=KABID)
    assert kabid.golongan == "IV/a" and kabid.jabatan.parent.nama == "Kepala Dinas"


def test_it_reads_excel_dates_and_numbers_in_xlsx():
    rows = good_rows()
    rows[2]["tmt_cpns"] = datetime.datetime(2000, 3, 1)
    data = xlsx_bytes(rows)
    assert not run(data).has_errors
    assert Pegawai.objects.get(nip=KABID).tmt_cpns == datetime.date(2000, 3, 1)


def test_reimporting_the_same_file_changes_nothing(actor):
    data = xlsx_bytes(good_rows())
    run(data, actor=actor)
    events = count_events()
    counts = (PerangkatDaerah.objects.count(), UnitKerja.objects.count(), Jabatan.objects.count(), User.objects.count())

    again = run(data, actor=actor)

    assert not again.has_errors
    assert (again.baru, again.diubah, again.tetap) == (0, 0, 4)
    assert (again.opd_baru, again.unit_baru, again.jabatan_baru, again.unit_diubah, again.jabatan_diubah) == (0,) * 5
    assert count_events() == events
    assert counts == (
        PerangkatDaerah.objects.count(),
        UnitKerja.objects.count(),
        Jabatan.objects.count(),
        User.objects.count(),
    )


def test_it_updates_existing_pegawai_by_nip_and_reports_the_changes():
    run(csv_bytes(good_rows()))
    rows = good_rows()
    rows[0]["golongan"] = "X"
    rows[1]["jabatan"] = "Pranata Komputer Ahli Madya"

    result = run(csv_bytes(rows))

    assert (result.baru, result.diubah, result.tetap) == (0, 2, 2)
    changes = {r.nip: {c.label: (c.old, c.new) for c in r.changes} for r in result.changed_rows}
    assert changes[STAF_PPPK] == {"golongan": ("IX", "X")}
    assert changes[FUNGSIONAL]["jabatan"] == ("Pranata Komputer Ahli Muda", "Pranata Komputer Ahli Madya")
    assert Pegawai.objects.get(nip=STAF_PPPK).golongan == "X"
    moved = Pegawai.objects.get(nip=FUNGSIONAL).jabatan
    assert moved.nama == "Pranata Komputer Ahli Madya" and moved.jenjang == Jenjang.AHLI_MADYA
    assert Pegawai.objects.count() == 4


def test_blank_optional_columns_keep_what_an_existing_pegawai_has(org):
    org.kasi.status = StatusPegawai.CPNS
    org.kasi.tanggal_lahir = parse_nip(org.kasi.nip).tanggal_lahir  # the factory's date ignores the NIP
    org.kasi.save()
    data = csv_bytes(
        [
            row(
                nip=org.kasi.nip,
                nama="Kasi A",
                jabatan="Kepala Seksi Satu",
                jenis_jabatan="Pengawas",
                unit_kerja="Seksi Satu",
                perangkat_daerah="Dinas A",
            )
        ]
    )
    result = run(data)
    assert not result.has_errors and result.tetap == 1
    org.kasi.refresh_from_db()
    assert (org.kasi.status, org.kasi.golongan, org.kasi.tmt_cpns) == (
        StatusPegawai.CPNS,
        "III/d",
        datetime.date(2010, 3, 1),
    )


def test_an_atasan_outside_the_position_tree_becomes_an_override(org):
    """Staf A's position already reports to Kasi A; a file naming Kabid as atasan sets the override."""
    data = csv_bytes(
        [
            row(
                nip=org.staf.nip,
                nama="Staf A",
                jabatan="Pengelola Data",
                jenis_jabatan="Pelaksana",
                unit_kerja="Seksi Satu",
                perangkat_daerah="Dinas A",
                nip_atasan=org.kabid.nip,
            )
        ]
    )
    result = run(data)
    assert not result.has_errors, result.error_lines()
    org.staf.refresh_from_db()
    assert org.staf.atasan_override == org.kabid
    assert org.staf.jabatan.parent.nama == "Kepala Seksi Satu"
    assert atasan_langsung(org.staf) == org.kabid


def test_it_links_an_existing_login_named_by_the_nip():
    existing = User.objects.create_user(username=KEPALA)
    run(csv_bytes(good_rows()))
    assert Pegawai.objects.get(nip=KEPALA).user == existing
    assert User.objects.filter(username=KEPALA).count() == 1


def test_a_dry_run_reports_but_writes_nothing(actor):
    result = run(csv_bytes(good_rows()), actor=actor, dry_run=True)
    assert not result.has_errors and not result.saved
    assert (result.baru, result.opd_baru, result.unit_baru, result.jabatan_baru, result.akun_baru) == (4, 1, 3, 4, 4)
    assert (
        not PerangkatDaerah.objects.exists()
        and not Pegawai.objects.exists()
        and not User.objects.filter(username=KEPALA).exists()
    )
    assert not AksesLog.objects.exists()


@pytest.mark.parametrize("golongan", ["III", "xv", "XVII", "ii"])
def test_it_imports_every_pppk_golongan(golongan):
    rows = good_rows()
    rows[0]["golongan"] = golongan
    result = run(csv_bytes(rows))
    assert not result.has_errors, result.error_lines()
    staf = Pegawai.objects.get(nip=STAF_PPPK)
    assert staf.golongan == golongan.upper() and staf.pangkat_golongan == f"Golongan {golongan.upper()} (PPPK)"


def test_it_accepts_a_tmt_on_the_18th_birthday():
    rows = good_rows()
    rows[3]["tmt_cpns"] = "08-04-1981"  # KEPALA was born on 8 April 1963
    result = run(csv_bytes(rows))
    assert not result.has_errors, result.error_lines()
    assert Pegawai.objects.get(nip=KEPALA).tmt_cpns == datetime.date(1981, 4, 8)


# --- bad rows --------------------------------------------------------------------------------------------------


def _bad(index, **changes):
    rows = good_rows()
    rows[index].update(changes)
    return rows


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (_bad(0, nip="19870913202321100"), {2: "NIP harus 18 angka"}),
        (_bad(0, nip="198713132023211007"), {2: "tidak ada"}),
        (_bad(0, nip="1.98709E+17"), {2: "format ilmiah"}),
        (_bad(1, nip_atasan="196001011985031009"), {3: "tidak ditemukan"}),
        (_bad(1, nip=STAF_PPPK), {3: "sudah ada di baris 2"}),
        (_bad(2, nama=""), {4: "nama wajib diisi"}),
        (_bad(2, nama=", S.T., M.T."), {4: "hanya berisi gelar"}),
        (_bad(3, unit_kerja=""), {5: "unit_kerja wajib diisi"}),
        (_bad(3, jenis_jabatan="Kepala"), {5: "tidak dikenal"}),
        (_bad(3, jenis_jabatan="JA"), {5: "tidak cukup jelas"}),
        (_bad(2, tmt_cpns="31-02-2000"), {4: "tidak dikenali"}),
        (_bad(2, golongan="III/f"), {4: "Golongan"}),
        (_bad(2, golongan="XV"), {4: "Golongan PNS/CPNS ditulis lengkap dengan ruang"}),
        (_bad(0, golongan="III/a"), {2: "Golongan PPPK ditulis dengan angka romawi"}),
        (_bad(3, tmt_cpns="01-04-1981"), {5: "usianya belum 18 tahun"}),
        (_bad(0, status="PNS"), {2: "harus PPPK"}),
        (_bad(2, status="Honorer"), {4: "Status"}),
        (_bad(3, nip_atasan=KABID), {4: "melingkar", 5: "melingkar"}),
        (
            _bad(1, jabatan="Pengelola Aplikasi", unit_kerja="Bidang Aplikasi", jenis_jabatan="Fungsional"),
            {3: "berjenis"},
        ),
    ],
    ids=[
        "nip-pendek",
        "nip-tanggal-mustahil",
        "nip-format-ilmiah",
        "atasan-tak-dikenal",
        "nip-ganda",
        "nama-kosong",
        "nama-hanya-gelar",
        "kolom-wajib-kosong",
        "jenis-tak-dikenal",
        "jenis-ja-ambigu",
        "tmt-salah",
        "golongan-salah",
        "pns-golongan-pppk",
        "pppk-golongan-pns",
        "tmt-usia-17",
        "pns-dengan-nip-pppk",
        "status-tak-dikenal",
        "atasan-melingkar",
        "jenis-jabatan-bertentangan",
    ],
)
def test_a_file_with_any_bad_row_imports_nothing_and_names_the_rows(rows, expected):
    result = run(csv_bytes(rows))

    assert result.has_errors and not result.saved
    found = {e.number: str(e) for e in result.errors}
    assert set(found) == set(expected)
    for number, fragment in expected.items():
        assert found[number].startswith(f"Baris {number}: ") and fragment in found[number]
    assert not PerangkatDaerah.objects.exists() and not Pegawai.objects.exists() and not User.objects.exists()


def test_a_row_lists_all_its_problems():
    result = run(csv_bytes(_bad(1, nip_atasan="196001011985031009", nama="", golongan="Z")))
    [error] = result.errors
    assert error.number == 3
    assert {column for column, _message in error.messages} == {"nama", "golongan", "nip_atasan"}


def test_it_lists_every_bad_row_not_only_the_first():
    rows = good_rows()
    rows[0]["nip"] = "123"
    rows[2]["nama"] = ""
    rows[3]["golongan"] = "Z"
    result = run(xlsx_bytes(rows))
    assert [e.number for e in result.errors] == [2, 4, 5]


def test_a_missing_required_column_is_a_file_error():
    header = [c for c in COLUMNS if c != "jabatan"]
    result = run(csv_bytes(good_rows(), header=header))
    assert result.has_errors and "jabatan" in result.file_errors[0]
    assert not Pegawai.objects.exists()


def test_it_accepts_loosely_written_column_names_and_warns_about_unknown_ones():
    text = csv_bytes(good_rows()).decode().replace("unit_kerja", "Unit Kerja", 1).replace("tmt_cpns", "TMT-CPNS", 1)
    text = text.replace("nip_atasan", "nip_atasan,catatan", 1)
    result = run(text.encode())
    assert not result.has_errors, result.error_lines()
    assert result.warnings and "catatan" in result.warnings[0]


def test_row_numbers_count_blank_rows_as_the_spreadsheet_does():
    rows = good_rows()
    rows.insert(2, row())
    rows[4]["nama"] = ""
    result = run(xlsx_bytes(rows))
    assert [e.number for e in result.errors] == [6]


# --- file safety ------------------------------------------------------------------------------------------------


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_openpyxl_parses_through_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_it_refuses_a_zip_bomb_before_openpyxl_opens_it(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("openpyxl must not open a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", fail)
    bomb = _zip(
        {
            "[Content_Types].xml": "<Types/>",
            "xl/workbook.xml": "<workbook/>",
            "xl/worksheets/sheet1.xml": b"\0" * (20 * 1024 * 1024),
        }
    )
    result = run(bomb)
    assert result.has_errors and "bom zip" in result.file_errors[0]


def test_it_refuses_an_xlsx_too_large_once_unpacked(monkeypatch):
    monkeypatch.setattr(ooxml, "MAKS_TERBUKA", 1000)
    result = run(xlsx_bytes(good_rows()))
    assert result.has_errors and "terlalu besar" in result.file_errors[0]


def test_it_refuses_xml_entities_in_an_xlsx():
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(good_rows())))
    members = {name: source.read(name) for name in source.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    doctype = '<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    if sheet.startswith("<?xml"):
        head, rest = sheet.split("?>", 1)
        sheet = head + "?>" + doctype + rest
    else:
        sheet = doctype + sheet
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    result = run(_zip(members))
    assert result.has_errors and "DTD/entitas" in result.file_errors[0]
    assert not Pegawai.objects.exists()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"%PDF-1.4\n\x00\x01\x02 binary", "bukan XLSX maupun CSV"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
        (_zip({"word/document.xml": "<w/>"}), "bukan XLSX yang sah"),
        ("nip;nama\n1;Caf\xe9\n".encode("latin-1"), "UTF-8"),
        (b"", "kosong"),
    ],
    ids=["pdf", "xls-lama", "docx", "csv-latin1", "kosong"],
)
def test_it_decides_the_file_type_by_content_not_by_name(content, fragment):
    result = run(SimpleUploadedFile("pegawai.xlsx", content))
    assert result.has_errors and fragment in result.file_errors[0]


def test_it_refuses_an_upload_over_the_size_limit(settings):
    settings.IMPORT_MAX_UPLOAD_MB = 1
    result = run(csv_bytes(good_rows()) + b"#" * (1024 * 1024))
    assert result.has_errors and "lebih besar dari 1 MB" in result.file_errors[0]


def test_it_refuses_a_file_with_too_many_rows(monkeypatch):
    monkeypatch.setattr(berkas, "MAX_ROWS", 3)
    result = run(csv_bytes(good_rows()))
    assert result.has_errors and "lebih dari 3 baris" in result.file_errors[0]


# --- the command -----------------------------------------------------------------------------------------------


def test_the_command_imports_a_file(tmp_path, actor):
    path = tmp_path / "pegawai.xlsx"
    path.write_bytes(xlsx_bytes(good_rows()))
    out = StringIO()
    call_command("import_pegawai", str(path), "--actor", actor.username, stdout=out)
    assert "4 pegawai baru" in out.getvalue()
    assert Pegawai.objects.count() == 4 and AksesLog.objects.get().user == actor


def test_the_command_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(csv_bytes(good_rows()))
    out = StringIO()
    call_command("import_pegawai", str(path), "--dry-run", stdout=out)
    assert "Uji coba" in out.getvalue() and not Pegawai.objects.exists()


def test_the_command_fails_and_prints_the_bad_rows(tmp_path):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(csv_bytes(_bad(1, nip_atasan="196001011985031009")))
    err = StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_pegawai", str(path), stderr=err)
    assert excinfo.value.returncode == 1
    assert "Baris 3:" in err.getvalue() and "tidak ditemukan" in err.getvalue()
    assert not Pegawai.objects.exists()


# --- the portal page -------------------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _upload(client, content, name="pegawai.xlsx"):
    return client.post(reverse("pegawai_impor"), {"berkas": SimpleUploadedFile(name, content)})


def test_admin_bkpsdm_previews_then_confirms_an_import(client, org, media):
    client.force_login(org.admin_bkpsdm)
    assert client.get(reverse("pegawai_impor")).status_code == 200

    preview = _upload(client, xlsx_bytes(good_rows()))

    assert preview.status_code == 200
    token = preview.context["token"]
    assert token and preview.context["result"].baru == 4
    page = preview.content.decode()
    assert "Impor sekarang" in page and "Budi Santoso" in page
    assert not Pegawai.objects.filter(nip=KEPALA).exists()
    assert list((media / "impor").iterdir()) == [media / "impor" / f"{token}.upload"]

    done = client.post(reverse("pegawai_impor"), {"konfirmasi": "1", "token": token})

    assert done.status_code == 302
    assert Pegawai.objects.filter(nip__in=[KEPALA, KABID, STAF_PPPK, FUNGSIONAL]).count() == 4
    assert list((media / "impor").iterdir()) == []
    log = AksesLog.objects.get(jenis=JenisAkses.IMPOR)
    assert log.user == org.admin_bkpsdm and log.path == reverse("pegawai_impor")
    assert "4 pegawai baru" in client.get(reverse("pegawai_impor")).content.decode()


def test_a_confirmation_from_a_stale_tab_imports_nothing(client, org, media):
    client.force_login(org.admin_bkpsdm)
    first = _upload(client, xlsx_bytes(good_rows()))
    _upload(client, csv_bytes(good_rows()[:1]), name="lain.csv")
    response = client.post(reverse("pegawai_impor"), {"konfirmasi": "1", "token": first.context["token"]})
    assert response.status_code == 302
    assert not Pegawai.objects.filter(nip=KEPALA).exists()


def test_the_page_lists_bad_rows_and_offers_no_confirmation(client, org, media):
    client.force_login(org.admin_bkpsdm)
    response = _upload(client, csv_bytes(_bad(2, nama="")), name="pegawai.csv")
    page = response.content.decode()
    assert response.context["token"] is None
    assert "Berkas belum dapat diimpor" in page and "nama wajib diisi" in page and 'name="konfirmasi"' not in page
    assert not (media / "impor").exists() or not list((media / "impor").iterdir())


def _dinas_a_rows(org):
    return [
        row(
            nip="199203032015031001",
            nama="Asep Sunandar",
            jabatan="Pengelola Data",
            jenis_jabatan="Pelaksana",
            unit_kerja="Seksi Satu",
            perangkat_daerah="Dinas A",
            nip_atasan=org.kasi.nip,
        )
    ]


def test_admin_opd_imports_into_their_own_opd(client, org, media):
    client.force_login(org.admin_opd)
    preview = _upload(client, csv_bytes(_dinas_a_rows(org)), name="a.csv")
    assert preview.context["result"].baru == 1
    client.post(reverse("pegawai_impor"), {"konfirmasi": "1", "token": preview.context["token"]})
    asep = Pegawai.objects.get(nip="199203032015031001")
    assert asep.jabatan == org.staf.jabatan and atasan_langsung(asep) == org.kasi


def test_admin_opd_cannot_import_rows_of_another_opd(client, org, media):
    client.force_login(org.admin_opd)
    rows = _dinas_a_rows(org) + [
        row(
            nip="199104042015032001",
            nama="Euis",
            jabatan="Staf B",
            jenis_jabatan="Pelaksana",
            unit_kerja="Dinas B",
            perangkat_daerah="Dinas B",
        ),
        row(
            nip="199105052015032001",
            nama="Baru",
            jabatan="Staf",
            jenis_jabatan="Pelaksana",
            unit_kerja="Dinas C",
            perangkat_daerah="Dinas C",
        ),
        row(
            nip=org.staf_b.nip,
            nama="Staf B",
            jabatan="Pengelola Data",
            jenis_jabatan="Pelaksana",
            unit_kerja="Seksi Satu",
            perangkat_daerah="Dinas A",
        ),
    ]
    response = _upload(client, csv_bytes(rows), name="campur.csv")
    result = response.context["result"]
    assert [e.number for e in result.errors] == [3, 4, 5]
    assert "bukan OPD yang Anda kelola" in str(result.errors[0])
    assert "perangkat daerah lain" in str(result.errors[2])
    assert response.context["token"] is None
    assert not Pegawai.objects.filter(nip="199203032015031001").exists()
    assert not PerangkatDaerah.objects.filter(nama="Dinas C").exists()


@pytest.mark.parametrize("persona", ["pegawai", "atasan", "plt"])
def test_the_import_pages_answer_404_to_non_admins(client, org, persona, media):
    client.force_login(org.user(persona))
    assert client.get(reverse("pegawai_impor")).status_code == 404
    assert client.post(reverse("pegawai_impor"), {"konfirmasi": "1", "token": "0" * 32}).status_code == 404
    assert client.get(reverse("pegawai_impor_templat")).status_code == 404


def test_anonymous_is_sent_to_the_login_page(client, db):
    response = client.get(reverse("pegawai_impor"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_the_page_refuses_a_zip_bomb_and_a_fake_xlsx_with_a_message(client, org, media):
    client.force_login(org.admin_bkpsdm)
    bomb = _zip({"xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": b"\0" * (20 * 1024 * 1024)})
    response = _upload(client, bomb)
    assert "bom zip" in response.content.decode() and response.context["result"] is None
    response = _upload(client, b"MZ\x90\x00 this is a program \x00", name="pegawai.xlsx")
    assert "bukan XLSX maupun CSV" in response.content.decode()


def test_the_template_download_is_an_importable_xlsx(client, org):
    client.force_login(org.admin_opd)
    response = client.get(reverse("pegawai_impor_templat"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == 2
    dataset = berkas.read_dataset(response.content)
    assert dataset.headers == list(COLUMNS) and dataset[0][0] == rows[1][0]


# --- the Django admin -----------------------------------------------------------------------------------------------


def test_the_django_admin_previews_and_confirms_through_the_same_service(admin_client):
    url = reverse("admin:pegawai_pegawai_import")
    upload = SimpleUploadedFile("pegawai.xlsx", xlsx_bytes(good_rows()))
    response = admin_client.post(url, {"import_file": upload, "format": "0", "resource": "0"})
    assert response.status_code == 200
    result = response.context["result"]
    assert result.totals["new"] == 4 and not result.has_validation_errors()
    assert not Pegawai.objects.exists()

    confirm = response.context["confirm_form"]
    done = admin_client.post(reverse("admin:pegawai_pegawai_process_import"), confirm.initial)
    assert done.status_code == 302
    assert Pegawai.objects.count() == 4


def test_the_django_admin_shows_row_errors(admin_client):
    upload = SimpleUploadedFile("pegawai.csv", csv_bytes(_bad(1, nip_atasan="196001011985031009")))
    response = admin_client.post(
        reverse("admin:pegawai_pegawai_import"), {"import_file": upload, "format": "0", "resource": "0"}
    )
    result = response.context["result"]
    assert [r.number for r in result.invalid_rows] == [3]
    assert "tidak ditemukan" in response.content.decode()
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
