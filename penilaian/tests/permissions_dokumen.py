"""Permission rows of the DEKP pages (penilaian/views/dokumen.py). The arrangement is written directly for speed: a
final Triwulan I evaluation of Staf A (pegawai) rated by the kasi (atasan), with its identities frozen; the services
that reach this state are tested in test_final.py and test_pdf.py."""

from django.urls import reverse

from portal.testing.permissions import Row, only


def _evaluasi_final(org):
    from django.utils import timezone

    from penilaian.choices import CapaianOrganisasi, Predikat, Rating, StatusEvaluasi
    from penilaian.models import Evaluasi
    from skp.selectors.identitas import identitas
    from skp.tests.factories import skp_disetujui

    from .factories import TAHUN, PeriodeFactory

    org.periode = PeriodeFactory()
    skp = skp_disetujui(org.staf, tahun=TAHUN, penilai=org.kasi, rhk=["Tersusunnya data pegawai"])
    org.evaluasi_staf = Evaluasi.objects.create(
        pegawai=org.staf,
        skp=skp,
        periode=org.periode,
        tanggal=org.periode.tanggal_selesai,
        penilai=org.kasi,
        status=StatusEvaluasi.FINAL,
        rating_hasil=Rating.SESUAI,
        rating_perilaku=Rating.SESUAI,
        predikat=Predikat.BAIK,
        capaian_organisasi=CapaianOrganisasi.BAIK,
        identitas_pegawai=identitas(org.staf, org.staf.jabatan),
        identitas_penilai=identitas(org.kasi, org.kasi.jabatan),
        identitas_atasan_penilai=identitas(org.kabid, org.kabid.jabatan),
        difinalkan_pada=timezone.now(),
    )


ROWS = [
    # The download: through evaluasi_visible_to (own, the atasan chain, the OPD's admin, BKPSDM); the Plt of
    # another section and the other OPD's admin get 404.
    Row(
        "penilaian:dekp",
        lambda org: reverse("penilaian:dekp", args=[org.evaluasi_staf.pk]),
        only({"pegawai": 200, "atasan": 200, "atasan_atasan": 200, "admin_opd": 200, "admin_bkpsdm": 200}),
        setup=_evaluasi_final,
    ),
    # The OPD batch: admins only (the GET form likewise, tested in test_dokumen.py). A POST starts the job (302);
    # the other OPD's admin cannot choose Dinas A (422).
    Row(
        "penilaian:dekp_opd",
        lambda org: reverse("penilaian:dekp_opd"),
        only({"admin_opd": 302, "admin_opd_lain": 422, "admin_bkpsdm": 302}),
        method="post",
        data=lambda org: {"periode": org.periode.pk, "opd": org.opd_a.pk},
        setup=_evaluasi_final,
    ),
]
