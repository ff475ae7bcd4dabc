"""Permission-table rows for the hukuman disiplin pages (views/hukuman.py).

The records are written directly (the rules are tested in test_hukuman.py): one for Staf A Lain — the pegawai
persona (Staf A) may not open another's record (404), while their atasan (kasi), the atasan's atasan (kabid), the
admin OPD of Dinas A and BKPSDM may; the Plt of the other section and the admin of Dinas B may not — and one for
Staf A with an SK file, which Staf A downloads. The list opens for every login (each sees their own reach). With the
default setting (DISIPLIN_ADMIN_OPD_HUKUMAN off) only admin BKPSDM records, corrects and cancels; a successful POST
answers 302."""

import datetime

from django.urls import reverse

from portal.testing.permissions import Row, all_, only

MELIHAT_STAF = {"atasan": 200, "atasan_atasan": 200, "admin_opd": 200, "admin_bkpsdm": 200}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _hukuman(org, pegawai, **kwargs):
    from disiplin.choices import JenisHukuman, TingkatHukuman
    from disiplin.models import HukumanDisiplin

    return HukumanDisiplin.objects.create(
        pegawai=pegawai,
        jenis=JenisHukuman.TEGURAN_TERTULIS,
        tingkat=TingkatHukuman.RINGAN,
        nomor_sk="800/12/BKPSDM",
        tanggal_sk=datetime.date(2026, 1, 5),
        tmt=datetime.date(2026, 1, 5),
        **kwargs,
    )


def _hukuman_lain(org):
    org.hukuman_lain = _hukuman(org, org.staf_lain)


def _hukuman_berkas(org):
    from django.core.files.base import ContentFile

    org.hukuman_staf = _hukuman(org, org.staf, nama_berkas="sk.pdf", tipe_berkas="application/pdf")
    org.hukuman_staf.berkas.save("sk", ContentFile(PDF), save=True)


ROWS = [
    Row("disiplin:hukuman_list", lambda org: reverse("disiplin:hukuman_list"), all_(200)),
    Row("disiplin:hukuman_catat", lambda org: reverse("disiplin:hukuman_catat"), only({"admin_bkpsdm": 200})),
    Row(
        "disiplin:hukuman_detail",
        lambda org: reverse("disiplin:hukuman_detail", args=[org.hukuman_lain.pk]),
        only(MELIHAT_STAF),
        setup=_hukuman_lain,
    ),
    Row(
        "disiplin:hukuman_ubah",
        lambda org: reverse("disiplin:hukuman_ubah", args=[org.hukuman_lain.pk]),
        only({"admin_bkpsdm": 200}),
        setup=_hukuman_lain,
    ),
    Row(
        "disiplin:hukuman_batal",
        lambda org: reverse("disiplin:hukuman_batal", args=[org.hukuman_lain.pk]),
        only({"admin_bkpsdm": 302}),
        method="post",
        data=lambda org: {"alasan": "SK dicabut dengan keputusan 800/20/BKPSDM."},
        setup=_hukuman_lain,
    ),
    Row(
        "disiplin:hukuman_berkas",
        lambda org: reverse("disiplin:hukuman_berkas", args=[org.hukuman_staf.pk]),
        only({"pegawai": 200, **MELIHAT_STAF}),
        setup=_hukuman_berkas,
    ),
]
