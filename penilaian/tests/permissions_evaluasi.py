"""Permission-table rows for the evaluation pages (views/evaluasi.py, views/tim.py, views/nilai.py).

The arrangement (:func:`_evaluasi`) is written on the real date: the open period of today's triwulan, an approved
SKP of Staf A (pegawai) rated by the kasi (atasan), and Staf A's draft evaluation. Staf A's evaluation is seen by
the pegawai, the atasan, the atasan's atasan, the admin OPD of Dinas A and BKPSDM; not by the Plt of the other
section nor the admin of Dinas B (404). The pegawai's edits are their own (everyone else 404); the rating page and
its actions belong to the pejabat penilai on the evaluation's date — the pegawai, who may open their evaluation,
gets 404 there too. A POST the services refuse answers 422 (returning a draft, reopening what is not final,
finalising with nothing rated).
"""

from django.urls import reverse

from portal.testing.permissions import Row, only

PEGAWAI = {"pegawai": 200, "atasan": 200, "atasan_atasan": 200, "plt": 200}
MELIHAT_STAF = {"pegawai": 200, "atasan": 200, "atasan_atasan": 200, "admin_opd": 200, "admin_bkpsdm": 200}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def _periode(org):
    from django.utils import timezone

    from penilaian.tests.factories import PeriodeFactory

    hari_ini = timezone.localdate()
    org.periode = PeriodeFactory(tahun=hari_ini.year, nomor=(hari_ini.month - 1) // 3 + 1)


def _skp(org):
    from django.utils import timezone

    from skp.tests.factories import skp_disetujui

    _periode(org)
    org.skp_staf = skp_disetujui(
        org.staf, tahun=timezone.localdate().year, penilai=org.kasi, rhk=["Laporan data tersusun"]
    )


def _evaluasi(org):
    from penilaian.services.evaluasi import evaluasi_siapkan

    _skp(org)
    org.evaluasi = evaluasi_siapkan(pegawai=org.staf, skp=org.skp_staf, periode=org.periode)
    org.er = org.evaluasi.rhk.get()


def _bukti_berkas(org):
    from django.core.files.base import ContentFile

    from penilaian.models import BuktiEvaluasi

    _evaluasi(org)
    org.bukti = BuktiEvaluasi(evaluasi_rhk=org.er, nama_asli="foto.png", tipe_konten="image/png")
    org.bukti.berkas.save("bukti", ContentFile(PNG), save=True)


def _gambar(org):
    from django.core.files.base import ContentFile

    _evaluasi(org)
    org.er.gambar_tipe = "image/png"
    org.er.gambar.save("evaluasi/aa/gambar", ContentFile(PNG), save=True)


def _pk(org):
    return org.evaluasi.pk


ROWS = [
    Row(
        "penilaian:index",
        lambda org: reverse("penilaian:index"),
        only({**PEGAWAI, "admin_bkpsdm": 200}),
        setup=_periode,
    ),
    Row(
        "penilaian:siapkan",
        lambda org: reverse("penilaian:siapkan"),
        only({"pegawai": 302}),
        method="post",
        data=lambda org: {"skp": org.skp_staf.pk, "periode": org.periode.pk},
        setup=_skp,
    ),
    Row(
        "penilaian:evaluasi",
        lambda org: reverse("penilaian:evaluasi", args=[_pk(org)]),
        only(MELIHAT_STAF),
        setup=_evaluasi,
    ),
    Row(
        "penilaian:perbarui",
        lambda org: reverse("penilaian:perbarui", args=[_pk(org)]),
        only({"pegawai": 302}),
        method="post",
        setup=_evaluasi,
    ),
    Row(
        "penilaian:realisasi",
        lambda org: reverse("penilaian:realisasi", args=[org.er.pk]),
        only({"pegawai": 302}),
        method="post",
        data=lambda org: {"realisasi": "12 dokumen", "alasan": "Laporan dikirim lewat surel"},
        setup=_evaluasi,
    ),
    Row(
        "penilaian:bukti_tambah",
        lambda org: reverse("penilaian:bukti_tambah", args=[org.er.pk]),
        only({"pegawai": 302}),
        method="post",
        data=lambda org: {"url": "https://drive.contoh.go.id/laporan"},
        setup=_evaluasi,
    ),
    Row(
        "penilaian:gambar",
        lambda org: reverse("penilaian:gambar", args=[org.er.pk]),
        only(MELIHAT_STAF),
        setup=_gambar,
    ),
    Row(
        "penilaian:bukti_berkas",
        lambda org: reverse("penilaian:bukti_berkas", args=[org.bukti.pk]),
        only(MELIHAT_STAF),
        setup=_bukti_berkas,
    ),
    Row(
        "penilaian:bukti_hapus",
        lambda org: reverse("penilaian:bukti_hapus", args=[org.bukti.pk]),
        only({"pegawai": 302}),
        method="post",
        setup=_bukti_berkas,
    ),
    Row(
        "penilaian:tim",
        lambda org: reverse("penilaian:tim", args=[org.periode.pk]),
        only({**PEGAWAI, "admin_bkpsdm": 200}),
        setup=_evaluasi,
    ),
    Row(
        "penilaian:tim_siapkan",
        lambda org: reverse("penilaian:tim_siapkan", args=[org.periode.pk]),
        only({"pegawai": 302, "atasan": 302, "atasan_atasan": 302, "plt": 302, "admin_bkpsdm": 302}),
        method="post",
        setup=_skp,
    ),
    Row(
        "penilaian:tim_finalkan",
        lambda org: reverse("penilaian:tim_finalkan", args=[org.periode.pk]),
        only({"pegawai": 422, "atasan": 422, "atasan_atasan": 422, "plt": 422, "admin_bkpsdm": 422}),
        method="post",
        setup=_evaluasi,
    ),
    Row(
        "penilaian:distribusi",
        lambda org: reverse("penilaian:distribusi", args=[org.periode.pk]),
        only(PEGAWAI),
        data=lambda org: {"evaluasi": org.evaluasi.pk, "predikat": 1},
        setup=_evaluasi,
    ),
    Row(
        "penilaian:nilai",
        lambda org: reverse("penilaian:nilai", args=[_pk(org)]),
        only({"atasan": 200}),
        setup=_evaluasi,
    ),
    Row(
        "penilaian:kembalikan",
        lambda org: reverse("penilaian:kembalikan", args=[_pk(org)]),
        only({"atasan": 422}),
        method="post",
        data=lambda org: {"alasan": "Lengkapi bukti dukung"},
        setup=_evaluasi,
    ),
    Row(
        "penilaian:buka_kembali",
        lambda org: reverse("penilaian:buka_kembali", args=[_pk(org)]),
        only({"atasan": 422, "admin_bkpsdm": 422}),
        method="post",
        data=lambda org: {"alasan": "Salah memilih rating"},
        setup=_evaluasi,
    ),
    Row(
        "penilaian:predikat",
        lambda org: reverse("penilaian:predikat"),
        only({**PEGAWAI, "admin_opd": 200, "admin_opd_lain": 200, "admin_bkpsdm": 200}),
        data=lambda org: {"rating_hasil": 1, "rating_perilaku": 2},
    ),
]
