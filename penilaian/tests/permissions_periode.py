"""Permission-table rows for the evaluation periods and the curve deviations (admin BKPSDM's pages): every other
persona gets 404, anonymous the login page. The arrangement is written directly with factories: Triwulan I of the
test year (closed for the reopening row) and, for accepting a deviation, the kasi's one rating of Staf A as Baik
under a capaian Baik of Dinas A (100 % Baik breaks the pattern). A successful POST answers 302."""

from django.urls import reverse

from portal.testing.permissions import Row, only

BKPSDM = {"admin_bkpsdm": 200}
BKPSDM_POST = {"admin_bkpsdm": 302}


def _periode(org, **kwargs):
    from penilaian.tests.factories import PeriodeFactory

    org.periode_penilaian = PeriodeFactory(**kwargs)


def _periode_ditutup(org):
    from penilaian.choices import StatusPeriode

    _periode(org, status=StatusPeriode.DITUTUP)


def _menyimpang(org):
    from penilaian.choices import Predikat, Rating, StatusEvaluasi
    from penilaian.models import Evaluasi
    from penilaian.tests.factories import TAHUN, CapaianFactory
    from skp.tests.factories import skp_disetujui

    _periode(org)
    periode = org.periode_penilaian
    CapaianFactory(periode=periode, perangkat_daerah=org.opd_a, capaian=2)
    Evaluasi.objects.create(
        pegawai=org.staf,
        skp=skp_disetujui(org.staf, tahun=TAHUN, penilai=org.kasi),
        periode=periode,
        tanggal=periode.tanggal_selesai,
        status=StatusEvaluasi.DINILAI,
        penilai=org.kasi,
        rating_hasil=Rating.SESUAI,
        rating_perilaku=Rating.SESUAI,
        predikat=Predikat.BAIK,
    )


ROWS = [
    Row("penilaian:periode_list", lambda org: reverse("penilaian:periode_list"), only(BKPSDM)),
    Row(
        "penilaian:periode_tutup",
        lambda org: reverse("penilaian:periode_tutup", args=[org.periode_penilaian.pk]),
        only(BKPSDM_POST),
        method="post",
        setup=_periode,
    ),
    Row(
        "penilaian:periode_buka_kembali",
        lambda org: reverse("penilaian:periode_buka_kembali", args=[org.periode_penilaian.pk]),
        only(BKPSDM_POST),
        method="post",
        data=lambda org: {"alasan": "Koreksi penilaian Bidang Satu"},
        setup=_periode_ditutup,
    ),
    Row(
        "penilaian:periode_batas",
        lambda org: reverse("penilaian:periode_batas", args=[org.periode_penilaian.pk]),
        only(BKPSDM_POST),
        method="post",
        data=lambda org: {"batas_penilaian": org.periode_penilaian.tanggal_selesai.isoformat()},
        setup=_periode,
    ),
    Row(
        "penilaian:kurva",
        lambda org: f"{reverse('penilaian:kurva')}?periode={org.periode_penilaian.pk}",
        only(BKPSDM),
        setup=_menyimpang,
    ),
    Row(
        "penilaian:kurva_terima",
        lambda org: reverse("penilaian:kurva_terima"),
        only(BKPSDM_POST),
        method="post",
        data=lambda org: {
            "periode": org.periode_penilaian.pk,
            "penilai": org.kasi.pk,
            "alasan": "Tim satu orang; pola kurva tidak bermakna.",
        },
        setup=_menyimpang,
    ),
]
