"""``seed_demo`` and ``demo_logins`` on an empty database (test_kota.py shares one seeded city per module)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from demo.kota.rencana import MIN_PEGAWAI


def test_it_refuses_a_city_too_small_for_its_opd(db):
    with pytest.raises(CommandError, match=str(MIN_PEGAWAI)):
        call_command("seed_demo", pegawai=10, stdout=StringIO())


def test_demo_logins_command_without_data_says_how_to_seed(db):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "seed_demo" in out.getvalue()
