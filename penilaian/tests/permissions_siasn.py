"""Permission rows of the SIASN export: admin BKPSDM and the admin of the OPD asked for; every other persona 404 —
the admin of another OPD too, whose crafted ``opd`` lies outside their scope."""

from django.urls import reverse

from portal.testing.permissions import Row, only


def _periode(org):
    from penilaian.choices import JenisPeriode

    from .factories import PeriodeFactory

    org.periode_triwulan = PeriodeFactory(jenis=JenisPeriode.TRIWULANAN, nomor=1)


def _query(org, **extra) -> str:
    query = f"jenis=kinerjaperiodik&periode={org.periode_triwulan.pk}&opd={org.opd_a.pk}"
    return "&".join([query, *(f"{k}={v}" for k, v in extra.items())])


ADMIN_OPD_A = {"admin_opd": 200, "admin_bkpsdm": 200}

ROWS = [
    Row(
        "penilaian:siasn",
        lambda org: f"{reverse('penilaian:siasn')}?{_query(org)}",
        only(ADMIN_OPD_A),
        setup=_periode,
    ),
    Row(
        "penilaian:siasn_unduh",
        lambda org: f"{reverse('penilaian:siasn_unduh')}?{_query(org, format='xlsx')}",
        only(ADMIN_OPD_A),
        setup=_periode,
    ),
]
