"""Permission-table rows for the skp app's URLs (walked by mangbagja/tests/test_permissions.py).

The SKP pages' rows share one arrangement (:func:`_rantai`), written directly with factories for speed: the approved
SKP of kepala → kabid → kasi cascading one RHK each, a complete draft of Staf A (pegawai) intervening the kasi's
RHK, and a submitted SKP of Staf A Lain waiting for the kasi (atasan). A successful POST answers 302; a POST the
services refuse re-renders its page with 422.
"""

from django.urls import reverse
from django.utils import timezone

from portal.testing.permissions import Row, all_, only


def _skp_staf(org):
    from skp.tests.factories import SkpFactory

    org.skp_staf = SkpFactory(pegawai=org.staf)


def _skp_opd_a(org):
    from skp.tests.factories import skp_disetujui

    org.skp_kepala = skp_disetujui(org.kepala, rhk=["Meningkatnya kualitas pelayanan publik"])


PEGAWAI_SEMUA = {"pegawai": 200, "atasan": 200, "atasan_atasan": 200, "plt": 200}
ADMIN_OPD_A = {"admin_opd": 200, "admin_bkpsdm": 200}


def _rantai(org):
    from skp.choices import JenisLampiran, SkpStatus
    from skp.tests.factories import IkiFactory, LampiranFactory, RhkFactory, SkpFactory, skp_disetujui

    tahun = timezone.localdate().year
    org.skp_kepala = skp_disetujui(org.kepala, tahun=tahun, rhk=["Meningkatnya kualitas pelayanan publik"])
    atas = org.skp_kepala.rhk.get()
    for pegawai, penilai, nama in ((org.kabid, org.kepala, "skp_kabid"), (org.kasi, org.kabid, "skp_kasi")):
        skp = skp_disetujui(pegawai, tahun=tahun, rhk=[f"Hasil {pegawai.nama}"], penilai=penilai)
        rhk = skp.rhk.get()
        rhk.intervensi = atas
        rhk.save()
        setattr(org, nama, skp)
        atas = rhk
    org.rhk_kasi = atas
    org.skp_staf = SkpFactory(pegawai=org.staf, tahun=tahun)
    org.rhk_staf = RhkFactory(skp=org.skp_staf, teks="Tersusunnya data pegawai", intervensi=atas, urutan=1)
    RhkFactory(skp=org.skp_staf, teks="Terkelolanya arsip", intervensi=atas, urutan=2)
    org.iki_staf = IkiFactory(rhk=org.rhk_staf, urutan=1)
    IkiFactory(rhk=org.rhk_staf, urutan=2)
    IkiFactory(rhk=org.skp_staf.rhk.get(urutan=2), urutan=1)
    org.lampiran_staf = LampiranFactory(skp=org.skp_staf, jenis=JenisLampiran.KONSEKUENSI, urutan=1)
    LampiranFactory(skp=org.skp_staf, jenis=JenisLampiran.KONSEKUENSI, urutan=2)
    org.skp_ajuan = SkpFactory(pegawai=org.staf_lain, tahun=tahun, status=SkpStatus.DIAJUKAN)
    IkiFactory(rhk=RhkFactory(skp=org.skp_ajuan, intervensi=atas, urutan=1), urutan=1)


def _staf(name, *args, data=None, method="get", expect=None):
    """A row for one of the pegawai's own editor URLs: only the owner (Staf A) gets in."""
    return Row(
        f"skp:{name}",
        lambda org: reverse(f"skp:{name}", args=[getattr(org, a) if isinstance(a, str) else a(org) for a in args]),
        only({"pegawai": expect or (302 if method == "post" else 200)}),
        method=method,
        data=data or (lambda org: {}),
        setup=_rantai,
    )


def _pk(attr):
    return lambda org: getattr(org, attr).pk


def _tahun(path):
    return f"{path}?tahun={timezone.localdate().year}"


ROWS = [
    Row(
        "skp:index",
        lambda org: reverse("skp:index"),
        all_(200, admin_opd=302, admin_opd_lain=302, admin_bkpsdm=302),
        setup=_rantai,
    ),
    Row("skp:buat", lambda org: _tahun(reverse("skp:buat")), only(PEGAWAI_SEMUA), setup=_rantai),
    # Everyone with a pegawai already has (or may not start) this year's SKP, and there is nothing to copy: 422.
    Row(
        "skp:salin",
        lambda org: reverse("skp:salin"),
        only({"pegawai": 422, "atasan": 422, "atasan_atasan": 422, "plt": 422}),
        method="post",
        data=lambda org: {"tahun": timezone.localdate().year},
        setup=_rantai,
    ),
    # The SKP of the position the Plt acts in (Kepala Seksi Dua): only the Plt; a position one does not act in that
    # year is 404.
    Row(
        "skp:buat_plt",
        lambda org: reverse("skp:buat_plt", args=[org.plt.jabatan_id]),
        only({"plt": 302}),
        method="post",
        data=lambda org: {"tahun": timezone.localdate().year, "pendekatan": "kuantitatif"},
        setup=_rantai,
    ),
    Row("skp:antrian", lambda org: reverse("skp:antrian"), only(PEGAWAI_SEMUA), setup=_rantai),
    Row(
        "skp:mph",
        lambda org: f"{reverse('skp:mph')}?unit={org.staf.jabatan.unit_kerja_id}",
        only({"atasan": 200, "atasan_atasan": 200, **ADMIN_OPD_A}),
        setup=_rantai,
    ),
    Row(
        "skp:nominatif",
        lambda org: f"{reverse('skp:nominatif')}?opd={org.opd_a.pk}",
        only(ADMIN_OPD_A),
        setup=_rantai,
    ),
    Row(
        "skp:nominatif_ekspor",
        lambda org: f"{reverse('skp:nominatif_ekspor')}?opd={org.opd_a.pk}",
        only(ADMIN_OPD_A),
        setup=_rantai,
    ),
    Row("skp:kepala_daerah", lambda org: reverse("skp:kepala_daerah"), only({"admin_bkpsdm": 200}), setup=_rantai),
    Row(
        "skp:detail",
        lambda org: reverse("skp:detail", args=[org.skp_staf.pk]),
        only({"pegawai": 200, "atasan": 200, "atasan_atasan": 200, **ADMIN_OPD_A}),
        setup=_rantai,
    ),
    # Perubahan SKP of the kasi's approved SKP: only the kasi (the pegawai sees it, as their atasan's, but 404).
    Row(
        "skp:perubahan",
        lambda org: reverse("skp:perubahan", args=[org.skp_kasi.pk]),
        only({"atasan": 302}),
        method="post",
        data=lambda org: {"alasan": "Penambahan tugas dari kepala bidang."},
        setup=_rantai,
    ),
    _staf("ubah", _pk("skp_staf")),
    _staf(
        "pengaturan",
        _pk("skp_staf"),
        method="post",
        data=lambda org: {
            "pendekatan": "kuantitatif",
            "tanggal_mulai": f"{timezone.localdate().year}-01-01",
            "tanggal_selesai": f"{timezone.localdate().year}-12-31",
        },
    ),
    _staf("ajukan", _pk("skp_staf"), method="post"),
    # A draft cannot be "repaired": the refusal is shown (422).
    _staf("perbaiki", _pk("skp_staf"), method="post", expect=422),
    _staf(
        "rhk_tambah",
        _pk("skp_staf"),
        method="post",
        data=lambda org: {"jenis": "utama", "teks": "Tersedianya laporan", "intervensi": org.rhk_kasi.pk},
    ),
    _staf("rhk_ubah", _pk("skp_staf"), _pk("rhk_staf")),
    _staf("rhk_hapus", _pk("skp_staf"), _pk("rhk_staf"), method="post"),
    _staf("rhk_pindah", _pk("skp_staf"), _pk("rhk_staf"), method="post", data=lambda org: {"arah": "turun"}),
    _staf(
        "iki_tambah",
        _pk("skp_staf"),
        _pk("rhk_staf"),
        method="post",
        data=lambda org: {"teks": "Jumlah laporan", "aspek": "kuantitas", "target_min": "12", "satuan": "laporan"},
    ),
    _staf("iki_ubah", _pk("skp_staf"), _pk("iki_staf")),
    _staf("iki_hapus", _pk("skp_staf"), _pk("iki_staf"), method="post"),
    _staf("iki_pindah", _pk("skp_staf"), _pk("iki_staf"), method="post", data=lambda org: {"arah": "turun"}),
    _staf(
        "lampiran_tambah",
        _pk("skp_staf"),
        method="post",
        data=lambda org: {"jenis": "dukungan_sumber_daya", "teks": "Aplikasi kepegawaian"},
    ),
    _staf("lampiran_ubah", _pk("skp_staf"), _pk("lampiran_staf")),
    _staf("lampiran_hapus", _pk("skp_staf"), _pk("lampiran_staf"), method="post"),
    _staf("lampiran_pindah", _pk("skp_staf"), _pk("lampiran_staf"), method="post", data=lambda org: {"arah": "turun"}),
    # Review and decisions on Staf A Lain's submitted SKP: only the pejabat penilai (the kasi). The kabid and the
    # admins may read it (skp:detail) but not decide: 404.
    Row(
        "skp:tinjau",
        lambda org: reverse("skp:tinjau", args=[org.skp_ajuan.pk]),
        only({"atasan": 200}),
        setup=_rantai,
    ),
    Row(
        "skp:setujui",
        lambda org: reverse("skp:setujui", args=[org.skp_ajuan.pk]),
        only({"atasan": 302}),
        method="post",
        setup=_rantai,
    ),
    Row(
        "skp:kembalikan",
        lambda org: reverse("skp:kembalikan", args=[org.skp_ajuan.pk]),
        only({"atasan": 302}),
        method="post",
        data=lambda org: {"catatan": "Tambahkan IKI kualitas."},
        setup=_rantai,
    ),
    Row(
        "skp:ekspektasi",
        lambda org: reverse("skp:ekspektasi", args=[org.skp_ajuan.pk]),
        only({"atasan": 302}),
        method="post",
        data=lambda org: {"perilaku": _perilaku_pertama(), "teks": "Responsif terhadap keluhan."},
        setup=_rantai,
    ),
    # The role of Staf A's RHK in the kasi's result (MPH): only the pejabat penilai (the kasi) records it; the owner,
    # the kabid who reads the SKP and the admins answer 404. A plain POST goes back to the MPH (302).
    Row(
        "skp:peran_hasil",
        lambda org: reverse("skp:peran_hasil", args=[org.skp_staf.pk, org.rhk_staf.pk]),
        only({"atasan": 302}),
        method="post",
        data=lambda org: {"peran": "langsung", "unit": org.staf.jabatan.unit_kerja_id},
        setup=_rantai,
    ),
    # skp/views/pdf.py: POST starts a job and redirects to its page; the SKP is fetched through skp_visible_to.
    Row(
        "skp:pdf",
        lambda org: reverse("skp:pdf", args=[org.skp_staf.pk]),
        only({"pegawai": 302, "atasan": 302, "atasan_atasan": 302, "admin_opd": 302, "admin_bkpsdm": 302}),
        method="post",
        setup=_skp_staf,
    ),
    Row(
        "skp:pdf_opd",
        lambda org: reverse("skp:pdf_opd", args=[org.opd_a.pk, timezone.localdate().year]),
        only({"admin_opd": 302, "admin_bkpsdm": 302}),
        method="post",
        setup=_skp_opd_a,
    ),
]


def _perilaku_pertama() -> int:
    from skp.models import PerilakuKerja

    return PerilakuKerja.objects.order_by("urutan").values_list("pk", flat=True).first()
