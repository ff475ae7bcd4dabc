"""The import's optional ``unit_kerja_mandiri`` column: the unit named on the row is (or is not) a unit kerja
mandiri. Blank keeps the stored flag; only admin BKPSDM (no OPD scope) may change it; rows disagreeing on one unit
are refused."""

import pytest
from pghistory.models import Events

from pegawai.impor.berkas import COLUMNS
from pegawai.impor.sel import CellError, parse_ya_tidak
from pegawai.models import UnitKerja, User

from .test_import import OPD, csv_bytes, good_rows, run

pytestmark = pytest.mark.django_db

BIDANG = "Bidang Aplikasi"


@pytest.fixture
def actor():
    return User.objects.create_user(username="operator-bkpsdm")


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [
        ("ya", True),
        ("Ya", True),
        ("Y", True),
        ("1", True),
        ("TRUE", True),
        ("tidak", False),
        ("T", False),
        ("0", False),
    ],
)
def test_it_reads_ya_or_tidak(teks, nilai):
    assert parse_ya_tidak(teks) is nilai


def test_it_refuses_anything_else():
    with pytest.raises(CellError, match="Isi “ya” atau “tidak”"):
        parse_ya_tidak("mungkin")


def test_the_column_is_optional_and_in_the_template():
    assert "unit_kerja_mandiri" in COLUMNS
    header = [c for c in COLUMNS if c != "unit_kerja_mandiri"]
    result = run(csv_bytes(good_rows(), header=header))
    assert not result.has_errors and UnitKerja.objects.filter(mandiri=True).count() == 0


def _mandiri(rows, nilai, unit=BIDANG):
    for r in rows:
        if r["unit_kerja"] == unit:
            r["unit_kerja_mandiri"] = nilai
    return rows


def test_admin_bkpsdm_creates_a_mandiri_unit_and_flags_an_existing_one(actor):
    result = run(csv_bytes(_mandiri(good_rows(), "ya")), actor=actor)
    assert not result.has_errors, result.error_lines()
    assert set(UnitKerja.objects.filter(mandiri=True).values_list("nama", flat=True)) == {BIDANG}
    # Existing unit: unflagged by a later file, counted as a changed unit and audited.
    result = run(csv_bytes(_mandiri(good_rows(), "tidak")), actor=actor)
    assert not result.has_errors and result.unit_diubah == 1
    unit = UnitKerja.objects.get(nama=BIDANG)
    assert not unit.mandiri
    [event] = Events.objects.tracks(unit).filter(pgh_label="update")
    assert event.pgh_diff["mandiri"] == [True, False]
    # Blank keeps what is stored.
    UnitKerja.objects.filter(pk=unit.pk).update(mandiri=True)
    assert not run(csv_bytes(good_rows()), actor=actor).has_errors
    assert UnitKerja.objects.get(pk=unit.pk).mandiri


def test_a_dry_run_writes_nothing(actor):
    result = run(csv_bytes(_mandiri(good_rows(), "ya")), actor=actor, dry_run=True)
    assert not result.has_errors and not UnitKerja.objects.filter(mandiri=True).exists()


def test_an_admin_opd_may_repeat_the_flag_but_not_change_it(actor):
    run(csv_bytes(_mandiri(good_rows(), "ya")), actor=actor)
    scope = set(UnitKerja.objects.filter(nama=BIDANG).values_list("perangkat_daerah_id", flat=True))
    # The stored value written back (an export re-imported): fine.
    assert not run(csv_bytes(_mandiri(good_rows(), "ya")), perangkat_daerah_scope=scope).has_errors
    result = run(csv_bytes(_mandiri(good_rows(), "tidak")), perangkat_daerah_scope=scope)
    assert result.has_errors
    assert {e.number for e in result.errors} == {2, 4}  # both rows of the Bidang Aplikasi
    assert "hanya dapat diubah oleh admin BKPSDM" in " ".join(result.error_lines())
    assert UnitKerja.objects.get(nama=BIDANG).mandiri


def test_rows_that_disagree_on_one_unit_are_refused(actor):
    rows = good_rows()
    rows[0]["unit_kerja_mandiri"] = "ya"
    rows[2]["unit_kerja_mandiri"] = "tidak"  # the same unit, Bidang Aplikasi
    result = run(csv_bytes(rows), actor=actor)
    assert [e.number for e in result.errors] == [4]
    assert "sudah ditulis sebagai unit kerja mandiri pada baris 2" in result.error_lines()[0]
    assert not UnitKerja.objects.filter(perangkat_daerah__nama=OPD).exists()


def test_an_unreadable_value_is_a_row_error(actor):
    result = run(csv_bytes(_mandiri(good_rows(), "mungkin")), actor=actor)
    assert {e.number for e in result.errors} == {2, 4}
