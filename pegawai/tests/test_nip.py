import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pegawai.nip import NipError, format_nip, parse_nip


@pytest.mark.parametrize(
    ("nip", "lahir", "tmt", "kelamin", "urut", "pppk"),
    [
        # DOMAIN.md §2 examples.
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
        ("196304081980031004", "terlalu dekat"),  # TMT at 16 years old
        ("198709132004211007", "terlalu dekat"),  # PPPK at 16
        ("189904081992031004", "tahun lahir"),
    ],
)
def test_it_refuses_invalid_nips_with_an_indonesian_reason(nip, reason):
    with pytest.raises(ValueError, match=reason):
        parse_nip(nip)


def test_it_formats_nip_as_printed():
    assert format_nip("196304081992031004") == "19630408 199203 1 004"


@st.composite
def valid_nips(draw):
    lahir = draw(st.dates(min_value=datetime.date(1940, 1, 1), max_value=datetime.date(2006, 12, 31)))
    tahun = draw(st.integers(min_value=lahir.year + 18, max_value=2026))
    pppk = draw(st.booleans())
    bulan = 1 if pppk else draw(st.integers(min_value=1, max_value=12))
    kelamin = draw(st.sampled_from("12"))
    urut = draw(st.integers(min_value=0, max_value=999))
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
