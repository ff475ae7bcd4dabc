"""Permission-table rows for the dialog kinerja and the analisis permasalahan kinerja (views/dialog.py).

The arrangement is written on the real date: the open monthly period of today's month (the persona Plt's term runs
from 30 days ago to 60 days ahead, so the Plt supervises Staf Dua on the period's last day). Staf A (pegawai) has no
SKP: the atasan of today (the kasi) is their pejabat penilai. Staf A's dialog is read by the pegawai, the atasan,
the atasan's atasan, the admin OPD of Dinas A and BKPSDM (who may post there is tested per persona in
test_dialog.py: the other readers are refused with 422). The analysis page is for whoever has bawahan in the period
(the kasi, the kabid, the Plt) and for admins (read only, Dinas B's admin sees an empty scope); the pegawai, with
nothing to see, gets 404 (posting a tag per persona: test_permasalahan.py). A tag is removed only by the kasi who
wrote it; the admins who see it are refused (422), everyone else gets 404."""

from django.urls import reverse

from portal.testing.permissions import Row, all_, only

PEMBACA = {"pegawai": 200, "atasan": 200, "atasan_atasan": 200, "admin_opd": 200, "admin_bkpsdm": 200}


def _periode(org):
    from django.utils import timezone

    from penilaian.choices import JenisPeriode
    from penilaian.tests.factories import PeriodeFactory

    hari_ini = timezone.localdate()
    org.periode_dialog = PeriodeFactory(tahun=hari_ini.year, jenis=JenisPeriode.BULANAN, nomor=hari_ini.month)


def _tag(org):
    from penilaian.choices import JenisPermasalahan
    from penilaian.models import PermasalahanKinerja

    _periode(org)
    org.tag = PermasalahanKinerja.objects.create(
        pegawai=org.staf,
        periode=org.periode_dialog,
        jenis=JenisPermasalahan.SUBSTANSI,
        catatan="Laporan terlambat",
        dicatat_oleh=org.kasi,
    )


def _dialog(org):
    return reverse("penilaian:dialog", args=[org.staf.pk, org.periode_dialog.pk])


ROWS = [
    Row("penilaian:dialog", _dialog, only(PEMBACA), setup=_periode),
    Row(
        "penilaian:permasalahan",
        lambda org: reverse("penilaian:permasalahan", args=[org.periode_dialog.pk]),
        all_(200, pegawai=404),
        setup=_periode,
    ),
    Row(
        "penilaian:permasalahan_hapus",
        lambda org: reverse("penilaian:permasalahan_hapus", args=[org.tag.pk]),
        only({"atasan": 302, "admin_opd": 422, "admin_bkpsdm": 422}),
        method="post",
        data=lambda org: {"alasan": "Salah catat"},
        setup=_tag,
    ),
]
