import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from pegawai.models import Pegawai
from pegawai.nip import NipError, format_nip, parse_nip, usia_pada


@pytest.mark.parametrize(
    ("nip", "lahir", "tmt", "kelamin", "urut", "pppk"),
    [
        # docs/ATURAN.md examples.
        ("196304081992031004", datetime.date(1963, 4, 8), datetime.date(1992, 3, 1), "L", 4, False),
        ("198709132023211007", datetime.date(1987, 9, 13), datetime.date(2023, 1, 1), "L", 7, True),
        # Spaces as printed on documents.
        ("19630408 199203 1 004", datetime.date(1963, 4, 8), datetime.date(1992, 3, 1), "L", 4, False),
        (" 198709132023211007 ", datetime.date(1987, 9, 13), datetime.date(2023, 1, 1), "L", 7, True),
        ("199002292015122999", None, None, None, None, None),  # 1990 is not a leap year → invalid (below)
        ("199202292015122999", datetime.date(1992, 2, 29), datetime.date(2015, 12, 1), "P", 999, False),
        ("200001012018012001", datetime.date(2000, 1, 1), datetime.date(2018, 1, 1), "P", 1, False),
    ],
)
def test_it_decodes_valid_nips(nip, lahir, tmt, kelamin, urut, pppk):
    if lahir is None:
        with pytest.raises(NipError):
            parse_nip(nip)
        return
    info = parse_nip(nip)
    assert info.tanggal_lahir == lahir
    assert info.tmt == tmt
    assert info.jenis_kelamin == kelamin
    assert info.nomor_urut == urut
    assert info.is_pppk is pppk
    assert info.nip == "".join(nip.split())


@pytest.mark.parametrize(
    ("nip", "reason"),
    [
        ("", "wajib"),
        ("19630408199203100", "18 angka"),
        ("1963040819920310041", "18 angka"),
        ("19630408199203100A", "angka"),
        ("１９６３０４０８１９９２０３１００４", "angka"),  # full-width digits are not ASCII
        ("196313081992031004", "tanggal lahir"),  # month 13
        ("196304321992031004", "tanggal lahir"),  # day 32
        ("196302301992031004", "tanggal lahir"),  # 30 February
        ("196304081992001004", "bulan TMT"),  # month 00
        ("196304081992131004", "bulan TMT"),  # month 13
        ("196304081992221004", "bulan TMT"),  # 22 is neither a month nor the PPPK code
        ("196304081992033004", "jenis kelamin"),  # gender 3
        ("196304081992030004", "jenis kelamin"),  # gender 0
        ("196304081980031004", "belum 18 tahun"),  # TMT at 16 years old
        ("198709132004211007", "belum 18 tahun"),  # PPPK at 16
        ("196304081992031000", "nomor urut 000"),
        ("198709132023211000", "nomor urut 000"),  # PPPK
        ("189904081992031004", "tahun lahir"),
    ],
)
def test_it_refuses_invalid_nips_with_an_indonesian_reason(nip, reason):
    with pytest.raises(ValueError, match=reason):
        parse_nip(nip)


def _nip(lahir: str, tmt: str, urut: str = "001") -> str:
    """A PNS NIP from "YYYY-MM-DD" and "YYYY-MM", or a PPPK one from "YYYY-MM-DD" and "YYYY"."""
    kode = tmt.replace("-", "") if "-" in tmt else f"{tmt}21"
    return f"{lahir.replace('-', '')}{kode}1{urut}"


# docs/ATURAN.md: at least 18 on the TMT, comparing full dates. A PNS's TMT is the first day of the encoded month;
# a PPPK's nomor induk holds only the year, taken as 1 January (see pegawai.nip).
@pytest.mark.parametrize(
    ("lahir", "tmt", "valid"),
    [
        ("2000-03-01", "2018-03", True),  # 18 on the TMT itself
        ("2000-03-02", "2018-03", False),  # one day short
        ("2000-12-31", "2018-12", False),  # 17 years and 11 months: the old year-only check let it through
        ("2000-12-01", "2018-12", True),
        ("2000-02-29", "2018-03", True),  # born on 29 February: 18 on 1 March of a common year
        ("2000-02-29", "2018-02", False),
        ("1999-12-31", "2017-12", False),  # in the year of the 18th birthday, before it
        ("2005-01-01", "2023", True),  # PPPK: 18 on 1 January of the year of appointment
        ("2005-01-02", "2023", False),  # PPPK: one day short of 18 on 1 January
        ("2005-12-31", "2023", False),  # PPPK: 18 only at the end of that year
        ("2004-12-31", "2023", True),
    ],
)
def test_it_requires_18_years_on_the_tmt_in_full_dates(lahir, tmt, valid):
    nip = _nip(lahir, tmt)
    if valid:
        info = parse_nip(nip)
        assert usia_pada(info.tanggal_lahir, info.tmt) >= 18
    else:
        with pytest.raises(NipError, match="usianya belum 18 tahun"):
            parse_nip(nip)


@pytest.mark.parametrize(
    ("lahir", "tmt", "urut", "valid"),
    [
        ("1990-05-05", "2015-03", "000", False),
        ("1990-05-05", "2015-03", "001", True),
        ("1990-05-05", "2015-03", "999", True),
        ("1990-05-05", "2022", "000", False),  # PPPK
        ("1990-05-05", "2022", "001", True),  # PPPK
    ],
)
def test_it_refuses_nomor_urut_000(lahir, tmt, urut, valid):
    nip = _nip(lahir, tmt, urut)
    if valid:
        assert parse_nip(nip).nomor_urut == int(urut)
    else:
        with pytest.raises(NipError, match="nomor urut 000"):
            parse_nip(nip)


HARI_INI = datetime.date(2026, 6, 15)


@pytest.mark.parametrize(
    ("lahir", "tmt", "valid"),
    [
        ("2026-06-16", "2045-01", False),  # born tomorrow (the TMT alone would be 18 years later)
        ("2026-06-16", "2045", False),  # PPPK, born tomorrow
        ("2027-01-01", "2046-01", False),
        ("2026-06-15", "2045-01", True),  # born today: the birth date has come (a future TMT is not refused)
        ("2008-06-01", "2026-06", True),  # 18 on 1 June 2026, two weeks before HARI_INI
    ],
)
def test_it_refuses_a_birth_date_that_has_not_come(lahir, tmt, valid):
    nip = _nip(lahir, tmt)
    if valid:
        assert parse_nip(nip, today=HARI_INI).tanggal_lahir.isoformat() == lahir
    else:
        with pytest.raises(NipError, match="belum terjadi"):
            parse_nip(nip, today=HARI_INI)


def test_it_refuses_tomorrow_as_birth_date_by_default():
    besok = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(NipError, match="belum terjadi"):
        parse_nip(_nip(besok.isoformat(), f"{besok.year + 19}-01"))


# Pegawai.clean knows the full TMT CPNS/PPPK: the same rule, on the real date instead of the NIP's.
@pytest.mark.parametrize(
    ("nip", "lahir", "tmt_cpns", "valid"),
    [
        ("200003012018031001", datetime.date(2000, 3, 1), datetime.date(2018, 3, 1), True),
        ("200003012018031001", datetime.date(2000, 3, 2), datetime.date(2018, 3, 1), False),  # one day short
        ("200003012018031001", datetime.date(2000, 3, 1), datetime.date(2018, 2, 28), False),
        ("200002292018031001", datetime.date(2000, 2, 29), datetime.date(2018, 3, 1), True),
        ("200002292018031001", datetime.date(2000, 2, 29), datetime.date(2018, 2, 28), False),
        ("200006152023211001", datetime.date(2000, 6, 15), datetime.date(2018, 6, 14), False),  # PPPK
        ("200006152023211001", datetime.date(2000, 6, 15), datetime.date(2018, 6, 15), True),  # PPPK
    ],
)
def test_pegawai_clean_requires_18_years_on_tmt_cpns(nip, lahir, tmt_cpns, valid):
    status = "PPPK" if nip[12:14] == "21" else "PNS"
    pegawai = Pegawai(nip=nip, status=status, tanggal_lahir=lahir, tmt_cpns=tmt_cpns)
    if valid:
        pegawai.clean()
    else:
        with pytest.raises(ValidationError) as refused:
            pegawai.clean()
        [pesan] = refused.value.message_dict["tmt_cpns"]
        assert "usianya belum 18 tahun" in pesan


def test_it_formats_nip_as_printed():
    assert format_nip("196304081992031004") == "19630408 199203 1 004"


@st.composite
def valid_nips(draw):
    lahir = draw(st.dates(min_value=datetime.date(1940, 1, 1), max_value=datetime.date(2006, 12, 31)))
    tahun = draw(st.integers(min_value=lahir.year + 18, max_value=2026))
    pppk = draw(st.booleans())
    bulan = 1 if pppk else draw(st.integers(min_value=1, max_value=12))
    if usia_pada(lahir, datetime.date(tahun, bulan, 1)) < 18:
        tahun += 1  # 18 in the TMT's year but not yet on its first day
    kelamin = draw(st.sampled_from("12"))
    urut = draw(st.integers(min_value=1, max_value=999))
    code = "21" if pppk else f"{bulan:02d}"
    nip = f"{lahir:%Y%m%d}{tahun:04d}{code}{kelamin}{urut:03d}"
    return nip, lahir, datetime.date(tahun, bulan, 1), "L" if kelamin == "1" else "P", urut, pppk


@given(valid_nips())
def test_it_round_trips_every_valid_nip(case):
    nip, lahir, tmt, kelamin, urut, pppk = case
    info = parse_nip(nip)
    assert (info.tanggal_lahir, info.tmt, info.jenis_kelamin, info.nomor_urut, info.is_pppk) == (
        lahir,
        tmt,
        kelamin,
        urut,
        pppk,
    )
    # The printed form parses to the same thing.
    assert parse_nip(format_nip(nip)) == info


@given(st.text(max_size=25))
def test_it_never_crashes_on_arbitrary_text(text):
    try:
        info = parse_nip(text)
    except ValueError as exc:
        assert str(exc)  # always a message
    else:
        assert len(info.nip) == 18 and info.nip.isdigit()


@given(valid_nips(), st.integers(min_value=0, max_value=17), st.sampled_from("0123456789"))
def test_it_rejects_or_reparses_any_single_digit_change(case, position, digit):
    """A one-digit typo either gives another valid NIP or a ValueError — never a wrong-but-accepted parse."""
    nip = case[0]
    typo = nip[:position] + digit + nip[position + 1 :]
    try:
        info = parse_nip(typo)
    except ValueError:
        return
    assert format_nip(info.nip).replace(" ", "") == typo
