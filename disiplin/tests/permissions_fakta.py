"""Permission-table rows for the reporting-discipline pages. The monthly table: admins and pimpinan choose among
their OPDs, an atasan sees their bawahan (the kasi staf and staf_lain, the kabid the kasi, the Plt staf_dua), a
pegawai without bawahan gets 404; its export is for admins and pimpinan only. Staf A's history: herself, her atasan
chain and the admins of Dinas A and BKPSDM. The months page and its two actions: admin BKPSDM only (a successful
POST answers 302)."""

from django.urls import reverse

from portal.testing.permissions import Row, all_, only

BKPSDM_POST = {"admin_bkpsdm": 302}


def _bulan_ditutup(org):
    from disiplin.choices import StatusBulan
    from disiplin.models import BulanDisiplin

    org.bulan_disiplin = BulanDisiplin.objects.create(tahun=2026, bulan=2, status=StatusBulan.DITUTUP)


ROWS = [
    Row("disiplin:pelaporan", lambda org: reverse("disiplin:pelaporan"), all_(200, pegawai=404)),
    Row(
        "disiplin:pelaporan_ekspor",
        lambda org: reverse("disiplin:pelaporan_ekspor"),
        only({"admin_opd": 200, "admin_opd_lain": 200, "admin_bkpsdm": 200}),
    ),
    Row(
        "disiplin:pelaporan_pegawai",
        lambda org: reverse("disiplin:pelaporan_pegawai", args=[org.staf.pk]),
        all_(200, plt=404, admin_opd_lain=404),
    ),
    Row("disiplin:bulan", lambda org: reverse("disiplin:bulan"), only({"admin_bkpsdm": 200})),
    Row(
        "disiplin:bulan_hitung",
        lambda org: reverse("disiplin:bulan_hitung"),
        only(BKPSDM_POST),
        method="post",
        data=lambda org: {"bulan": "2025-03"},
    ),
    Row(
        "disiplin:bulan_buka",
        lambda org: reverse("disiplin:bulan_buka", args=[org.bulan_disiplin.pk]),
        only(BKPSDM_POST),
        method="post",
        data=lambda org: {"alasan": "Presensi susulan"},
        setup=_bulan_ditutup,
    ),
]
