"""The demo city's recaps (demo.rekap, ``seed_demo``): the monthly recap of the seeded days, computed by the rekap
app's own services, with one row per pegawai and the unit / OPD / city aggregates, and ``--reset`` over them."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.disiplin.seed import bulan_antara, rentang_disiplin
from pegawai.models import Pegawai
from rekap.choices import JenisPeriodeRekap, TingkatRekap
from rekap.models import PeriodeRekap, RekapPegawai, RekapUnit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_seed_demo_computes_the_monthly_recaps_and_resets_over_them():
    call_command("seed_demo", pegawai=300, seed=7, stdout=StringIO())
    out = StringIO()
    # --reset over recaps (their rows PROTECT the OPD and unit kerja), now with a month of activities.
    call_command("seed_demo", pegawai=300, seed=7, bulan=1, reset=True, stdout=out)
    assert "rekap bulanan" in out.getvalue()

    bulan = bulan_antara(*rentang_disiplin(1, timezone.localdate()))
    periode = PeriodeRekap.objects.filter(jenis=JenisPeriodeRekap.BULAN)
    assert sorted((p.tahun, p.nomor) for p in periode) == bulan
    for p in periode:
        assert p.dihitung_pada is not None
        # Every pegawai who held a position in the month has one row; the city row sums them.
        baris = RekapPegawai.objects.filter(periode=p)
        assert baris.count() > 0 and baris.count() <= Pegawai.objects.count()
        kota = RekapUnit.objects.get(periode=p, tingkat=TingkatRekap.KOTA)
        assert kota.pegawai_n == baris.count()
        assert kota.hari_lapor == sum(baris.values_list("hari_lapor", flat=True)) > 0
