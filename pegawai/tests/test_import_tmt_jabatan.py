"""The import's optional ``tmt_jabatan`` column (docs/ATURAN.md: positions are held over dates): a new pegawai holds
their position from it, a changed position is a mutasi from it, bad dates and a second holder of a leadership
position are listed and nothing is imported."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from pegawai.impor.berkas import COLUMNS
from pegawai.models import Pegawai, RiwayatJabatan

from .test_import import KABID, KEPALA, OPD, STAF_PPPK, csv_bytes, good_rows, row, run

pytestmark = pytest.mark.django_db

HARI_INI = timezone.localdate()
SEHARI = datetime.timedelta(days=1)
D = datetime.date(2024, 7, 1)


def _riwayat(pegawai) -> list[tuple[str, datetime.date, datetime.date | None]]:
    return list(
        RiwayatJabatan.objects.filter(pegawai=pegawai)
        .order_by("tmt")
        .values_list("jabatan__nama", "tmt", "tanggal_selesai")
    )


def _baris(pegawai, jabatan, unit, jenis="Pelaksana", **values):
    """A row for a pegawai of the persona organisation (Dinas A) in ``jabatan`` of ``unit``."""
    return row(
        nip=pegawai.nip,
        nama=pegawai.nama,
        jabatan=jabatan,
        jenis_jabatan=jenis,
        unit_kerja=unit,
        perangkat_daerah="Dinas A",
        **values,
    )


def _baru(nip, jabatan, unit, jenis="Pelaksana", **values):
    return row(
        nip=nip,
        nama="Pegawai Baru",
        jabatan=jabatan,
        jenis_jabatan=jenis,
        unit_kerja=unit,
        perangkat_daerah="Dinas A",
        **values,
    )


def _galat(result) -> dict[int, list[tuple[str, str]]]:
    return {e.number: e.messages for e in result.errors}


def test_the_column_is_optional_and_in_the_template():
    assert "tmt_jabatan" in COLUMNS
    header = [c for c in COLUMNS if c != "tmt_jabatan"]
    result = run(csv_bytes(good_rows(), header=header))
    assert not result.has_errors, result.error_lines()
    # Without it a new pegawai holds their position from their TMT CPNS (here: from the NIP).
    assert _riwayat(Pegawai.objects.get(nip=KEPALA)) == [("Kepala Dinas", datetime.date(1992, 3, 1), None)]


def test_the_template_has_the_column_with_its_guide(client, org):
    client.force_login(org.admin_opd)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(reverse("pegawai_impor_templat")).content))
    contoh = dict(zip(*workbook.worksheets[0].iter_rows(values_only=True), strict=True))
    assert contoh["tmt_jabatan"] == "2021-01-04"
    petunjuk = {r[0]: r for r in workbook.worksheets[1].iter_rows(values_only=True)}
    assert petunjuk["tmt_jabatan"][1] == "tidak" and "sehari sebelumnya" in petunjuk["tmt_jabatan"][2]


def test_a_new_pegawai_holds_their_position_from_tmt_jabatan():
    rows = good_rows()
    rows[2]["tmt_jabatan"] = "01-07-2019"  # KABID, DD-MM-YYYY as in tmt_cpns
    result = run(csv_bytes(rows))
    assert not result.has_errors, result.error_lines()
    assert _riwayat(Pegawai.objects.get(nip=KABID)) == [("Kepala Bidang Aplikasi", datetime.date(2019, 7, 1), None)]
    assert _riwayat(Pegawai.objects.get(nip=STAF_PPPK))[0][1] == datetime.date(2023, 1, 1)


def test_a_changed_position_closes_the_old_one_the_day_before_and_opens_the_new_one(org):
    result = run(csv_bytes([_baris(org.staf, "Analis Dua", "Seksi Dua", tmt_jabatan=D.isoformat())]))
    assert not result.has_errors, result.error_lines()
    # The preview says from when.
    [perubahan] = [c for c in result.changed_rows[0].changes if c.label == "jabatan"]
    assert (perubahan.old, perubahan.new) == ("Pengelola Data", "Analis Dua (TMT 2024-07-01)")
    assert _riwayat(org.staf) == [
        ("Pengelola Data", datetime.date(2010, 3, 1), D - SEHARI),
        ("Analis Dua", D, None),
    ]
    org.staf.refresh_from_db()
    assert org.staf.jabatan == org.staf_dua.jabatan


def test_a_changed_position_without_tmt_jabatan_moves_today(org):
    assert not run(csv_bytes([_baris(org.staf, "Analis Dua", "Seksi Dua")])).has_errors
    assert _riwayat(org.staf)[-1] == ("Analis Dua", HARI_INI, None)


def test_tmt_jabatan_of_an_unchanged_position_is_ignored(org):
    """The import records moves; it does not rewrite when a held assignment started (tmt_jabatan.py)."""
    result = run(csv_bytes([_baris(org.staf, "Pengelola Data", "Seksi Satu", tmt_jabatan="2015-01-01")]))
    assert not result.has_errors, result.error_lines()
    assert _riwayat(org.staf) == [("Pengelola Data", datetime.date(2010, 3, 1), None)]


@pytest.mark.parametrize(
    ("tmt_jabatan", "pindah", "pesan"),
    [
        ("kemarin", False, "tidak dikenali"),
        ("1959-12-31", False, "harus antara 1 Januari 1960 dan hari ini"),
        ((HARI_INI + SEHARI).isoformat(), False, "harus antara 1 Januari 1960 dan hari ini"),
        ((HARI_INI + SEHARI).isoformat(), True, "harus antara 1 Januari 1960 dan hari ini"),
        # A new pegawai: not before their TMT CPNS (2015-03 from the NIP).
        ("2015-02-28", False, "sebelum TMT CPNS/PPPK (01-03-2015)"),
        # A mutasi: after the current assignment's TMT (2010-03-01), which it closes the day before.
        ("2010-03-01", True, "harus setelah TMT jabatan sekarang (01-03-2010)"),
        ("2009-12-31", True, "harus setelah TMT jabatan sekarang (01-03-2010)"),
    ],
)
def test_bad_dates_are_listed_and_nothing_is_imported(org, tmt_jabatan, pindah, pesan):
    baik = _baru("199001012015031003", "Pengelola Data", "Seksi Satu", tmt_jabatan="2016-01-04")
    if pindah:
        buruk = _baris(org.staf, "Analis Dua", "Seksi Dua", tmt_jabatan=tmt_jabatan)
    else:
        buruk = _baru("199001012015032004", "Analis Dua", "Seksi Dua", tmt_jabatan=tmt_jabatan)
    jumlah, riwayat = Pegawai.objects.count(), RiwayatJabatan.objects.count()

    result = run(csv_bytes([baik, buruk]))

    [(kolom, teks)] = _galat(result)[3]
    assert kolom == "tmt_jabatan" and pesan in teks
    assert 2 not in _galat(result) and not result.saved
    assert (Pegawai.objects.count(), RiwayatJabatan.objects.count()) == (jumlah, riwayat)
    org.staf.refresh_from_db()
    assert org.staf.jabatan.nama == "Pengelola Data"


# --- a leadership position has one definitive holder ------------------------------------------------------------


def test_a_new_pegawai_cannot_take_a_leadership_position_someone_holds(org):
    result = run(csv_bytes([_baru("199001012015031003", "Kepala Seksi Satu", "Seksi Satu", "Pengawas")]))
    [(kolom, teks)] = _galat(result)[2]
    assert kolom == "jabatan" and "masih dipegang Kasi A" in teks and "Isi kolom tmt_jabatan" in teks
    assert not Pegawai.objects.filter(nip="199001012015031003").exists()


def test_the_holder_moving_away_in_the_same_file_frees_the_position(org):
    """Staf A Lain's row comes first: the writer still moves Kasi A out before moving Staf A Lain in."""
    rows = [
        _baris(org.staf_lain, "Kepala Seksi Satu", "Seksi Satu", "Pengawas", tmt_jabatan=D.isoformat()),
        _baris(org.kasi, "Kepala Seksi Dua", "Seksi Dua", "Pengawas", tmt_jabatan=(D - SEHARI).isoformat()),
        _baru("199001012015031003", "Kepala Seksi Tiga", "Seksi Tiga", "Pengawas"),  # held by Kasi Tiga: refused
    ]
    result = run(csv_bytes(rows))
    assert list(_galat(result)) == [4]
    del rows[2]
    result = run(csv_bytes(rows))
    assert not result.has_errors, result.error_lines()
    assert _riwayat(org.kasi) == [
        ("Kepala Seksi Satu", datetime.date(2010, 3, 1), D - 2 * SEHARI),
        ("Kepala Seksi Dua", D - SEHARI, None),
    ]
    assert _riwayat(org.staf_lain)[-1] == ("Kepala Seksi Satu", D, None)


def test_the_holder_moving_away_after_the_date_is_refused(org):
    rows = [
        _baris(org.staf_lain, "Kepala Seksi Satu", "Seksi Satu", "Pengawas", tmt_jabatan=D.isoformat()),
        _baris(org.kasi, "Kepala Seksi Dua", "Seksi Dua", "Pengawas", tmt_jabatan=(D + SEHARI).isoformat()),
    ]
    result = run(csv_bytes(rows))
    [(kolom, teks)] = _galat(result)[2]
    assert kolom == "jabatan" and "sampai 01-07-2024 menurut baris 3" in teks
    assert 3 not in _galat(result)
    assert _riwayat(org.kasi) == [("Kepala Seksi Satu", datetime.date(2010, 3, 1), None)]


def test_a_position_held_until_after_the_date_is_refused(org):
    """Kasi A held Kepala Seksi Satu until 2024; a new pegawai's assignment cannot start inside that tenure."""
    RiwayatJabatan.objects.filter(pegawai=org.kasi).update(tanggal_selesai=datetime.date(2024, 12, 31))
    Pegawai.objects.filter(pk=org.kasi.pk).update(aktif=False)
    baris = _baru("199001012015031003", "Kepala Seksi Satu", "Seksi Satu", "Pengawas", tmt_jabatan="2024-06-01")
    [(_kolom, teks)] = _galat(run(csv_bytes([baris])))[2]
    assert "sampai 31-12-2024" in teks
    baris["tmt_jabatan"] = "2025-01-01"
    assert not run(csv_bytes([baris])).has_errors


def test_two_rows_cannot_take_one_leadership_position(org):
    rows = [
        _baru("199001012015031003", "Kepala Seksi Baru", "Seksi Baru", "Pengawas"),
        _baru("199001012015032004", "Kepala Seksi Baru", "Seksi Baru", "Pengawas"),
        # A pelaksana position has any number of holders.
        _baru("199001012015031005", "Analis Baru", "Seksi Baru"),
        _baru("199001012015031006", "Analis Baru", "Seksi Baru"),
    ]
    result = run(csv_bytes(rows))
    assert sorted(_galat(result)) == [2, 3]
    assert "juga ditulis untuk NIP 199001012015032004 di baris 3" in _galat(result)[2][0][1]


def test_leaders_exchanging_positions_in_one_file_are_refused(org):
    tanggal = D.isoformat()
    rows = [
        _baris(org.kasi, "Kepala Seksi Tiga", "Seksi Tiga", "Pengawas", tmt_jabatan=tanggal),
        _baris(org.kasi_tiga, "Kepala Seksi Satu", "Seksi Satu", "Pengawas", tmt_jabatan=tanggal),
    ]
    result = run(csv_bytes(rows))
    assert sorted(_galat(result)) == [2, 3]
    assert all("saling bertukar jabatan pimpinan" in teks for m in _galat(result).values() for _k, teks in m)
    assert _riwayat(org.kasi) == [("Kepala Seksi Satu", datetime.date(2010, 3, 1), None)]


def test_reimporting_a_file_with_tmt_jabatan_changes_nothing():
    """The whole sample OPD with its heads' TMT jabatan: a first import, then the same file again changes nothing."""
    rows = good_rows()
    for r in rows:
        if r["nip"] in (KEPALA, KABID):
            r["tmt_jabatan"] = "2020-01-02"
    assert not run(csv_bytes(rows)).has_errors
    again = run(csv_bytes(rows))
    assert not again.has_errors and again.tetap == 4
    assert {r.tmt for r in RiwayatJabatan.objects.filter(pegawai__nip__in=[KEPALA, KABID])} == {
        datetime.date(2020, 1, 2)
    }
    assert Pegawai.objects.get(nip=KEPALA).jabatan.unit_kerja.perangkat_daerah.nama == OPD
