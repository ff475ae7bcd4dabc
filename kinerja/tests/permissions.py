"""Permission-table rows for the kinerja app's URLs (walked by mangbagja/tests/test_permissions.py).

The arrangement is written directly with factories, dated today (the table runs on the real date): an activity of
Staf A (pegawai) — a draft, or submitted to the kasi (atasan) — and, where a URL needs it, its evidence. Staf A is
seen by the pegawai, the atasan, the atasan's atasan, the admin OPD of Dinas A and BKPSDM; not by the Plt of the
other section nor the admin of Dinas B. A successful POST answers 302 (the page again without JavaScript).
"""

from django.urls import reverse

from portal.testing.permissions import Row, only

PEGAWAI = {"pegawai": 200, "atasan": 200, "atasan_atasan": 200, "plt": 200}
PEGAWAI_POST = {"pegawai": 302, "atasan": 302, "atasan_atasan": 302, "plt": 302}
MELIHAT_STAF = {"pegawai": 200, "atasan": 200, "atasan_atasan": 200, "admin_opd": 200, "admin_bkpsdm": 200}
ADMINS = {"admin_opd": 200, "admin_opd_lain": 200, "admin_bkpsdm": 200}

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def _hari_ini():
    from kinerja import waktu

    return waktu.hari_ini()


def _aktivitas(org, status="draft"):
    from kinerja.choices import KategoriAktivitas
    from kinerja.tests.factories import AktivitasFactory

    org.aktivitas = AktivitasFactory(
        pegawai=org.staf,
        tanggal=_hari_ini(),
        kategori=KategoriAktivitas.LAINNYA,
        alasan_kategori="Rapat koordinasi atas perintah atasan",
        status=status,
    )


def _diajukan(org):
    _aktivitas(org, status="diajukan")


def _bukti_berkas(org):
    from django.core.files.base import ContentFile

    from kinerja.choices import JenisBukti
    from kinerja.models import BuktiDukung

    _aktivitas(org)
    org.bukti = BuktiDukung(
        aktivitas=org.aktivitas, jenis=JenisBukti.BERKAS, nama_asli="foto.png", tipe_konten="image/png", ukuran=len(PNG)
    )
    org.bukti.berkas.save("bukti", ContentFile(PNG), save=True)


def _bukti_tautan(org):
    from kinerja.choices import JenisBukti
    from kinerja.models import BuktiDukung

    _aktivitas(org)
    org.bukti = BuktiDukung.objects.create(
        aktivitas=org.aktivitas, jenis=JenisBukti.TAUTAN, url="https://contoh.go.id/notulen"
    )


def _libur(org):
    from kinerja.tests.factories import HariLiburFactory

    org.libur = HariLiburFactory()


def _aktivitas_baru(org):
    return {
        "tanggal": _hari_ini().isoformat(),
        "pilihan": "lainnya",
        "alasan_kategori": "Rapat koordinasi atas perintah atasan",
        "uraian": "Mengikuti rapat koordinasi",
        "jam_mulai": "08:00",
        "jam_selesai": "09:00",
        "volume": "1",
        "satuan": "kegiatan",
    }


def _iki_kualitas(org):
    """An approved SKP of Staf A for this year with a kualitas IKI ("100 %"), whose realisasi is stated."""
    from skp.choices import Aspek
    from skp.tests.factories import IkiFactory, skp_disetujui

    skp = skp_disetujui(org.staf, tahun=_hari_ini().year, rhk=["Laporan data tersusun"], penilai=org.kasi)
    org.iki_kualitas = IkiFactory(
        rhk=skp.rhk.get(), aspek=Aspek.KUALITAS, target_min=100, satuan="%", teks="Laporan tanpa revisi", urutan=2
    )


def _url_realisasi(org):
    hari = _hari_ini()
    return reverse("kinerja:realisasi_nyatakan", args=[org.iki_kualitas.pk, hari.year, hari.month])


def _pk(org):
    return org.aktivitas.pk


def _url(name, arg=None):
    if arg is None:
        return lambda org: reverse(name)
    return lambda org: reverse(name, args=[arg(org)])


ROWS = [
    # The pegawai's day: every login with a pegawai has one; an admin-only account has none (404).
    Row("kinerja:harian", _url("kinerja:harian"), only(PEGAWAI)),
    Row(
        "kinerja:aktivitas_tambah",
        _url("kinerja:aktivitas_tambah"),
        only(PEGAWAI_POST),
        method="post",
        data=_aktivitas_baru,
    ),
    Row(
        "kinerja:ajukan_hari",
        _url("kinerja:ajukan_hari"),
        only(PEGAWAI_POST),
        method="post",
        data=lambda org: {"tanggal": _hari_ini().isoformat()},
        setup=_aktivitas,
    ),
    Row(
        "kinerja:salin_kemarin",
        _url("kinerja:salin_kemarin"),
        only(PEGAWAI_POST),
        method="post",
        data=lambda org: {"tanggal": _hari_ini().isoformat()},
    ),
    # One activity: read by whoever may see Staf A, changed only by Staf A.
    Row("kinerja:aktivitas_detail", _url("kinerja:aktivitas_detail", _pk), only(MELIHAT_STAF), setup=_aktivitas),
    Row("kinerja:aktivitas_ubah", _url("kinerja:aktivitas_ubah", _pk), only({"pegawai": 200}), setup=_aktivitas),
    Row(
        "kinerja:aktivitas_hapus",
        _url("kinerja:aktivitas_hapus", _pk),
        only({"pegawai": 302}),
        method="post",
        setup=_aktivitas,
    ),
    Row(
        "kinerja:aktivitas_ajukan",
        _url("kinerja:aktivitas_ajukan", _pk),
        only({"pegawai": 302}),
        method="post",
        setup=_aktivitas,
    ),
    Row(
        "kinerja:aktivitas_tarik",
        _url("kinerja:aktivitas_tarik", _pk),
        only({"pegawai": 302}),
        method="post",
        setup=_diajukan,
    ),
    Row(
        "kinerja:bukti_tambah",
        _url("kinerja:bukti_tambah", _pk),
        only({"pegawai": 302}),
        method="post",
        data=lambda org: {"tautan": "https://contoh.go.id/undangan"},
        setup=_aktivitas,
    ),
    Row(
        "kinerja:bukti_hapus",
        _url("kinerja:bukti_hapus", lambda org: org.bukti.pk),
        only({"pegawai": 302}),
        method="post",
        setup=_bukti_tautan,
    ),
    Row(
        "kinerja:bukti_unduh",
        _url("kinerja:bukti_unduh", lambda org: org.bukti.pk),
        only(MELIHAT_STAF),
        setup=_bukti_berkas,
    ),
    # Progress: one's own; another pegawai's through pegawai_visible_to.
    Row("kinerja:progres", _url("kinerja:progres"), only(PEGAWAI)),
    Row("kinerja:progres_pegawai", _url("kinerja:progres_pegawai", lambda org: org.staf.nip), only(MELIHAT_STAF)),
    # A stated realisasi: only the SKP's owner states it (the IKI is fetched in the owner's scope); the atasan
    # reads it on the progress page.
    Row(
        "kinerja:realisasi_nyatakan",
        _url_realisasi,
        only({"pegawai": 302}),
        method="post",
        data=lambda org: {"nilai": "95,5", "penjelasan": "Dua dari 40 laporan direvisi.", "bukti": "ND 12/2026"},
        setup=_iki_kualitas,
    ),
    # The atasan's team: every pegawai has one (empty without bawahan); an admin-only login none.
    Row("kinerja:tim", _url("kinerja:tim"), only(PEGAWAI), setup=_diajukan),
    # The atasan's queue: every pegawai has one (empty without bawahan); only the atasan of the date decides.
    Row("kinerja:antrian", _url("kinerja:antrian"), only(PEGAWAI), setup=_diajukan),
    Row(
        "kinerja:setujui",
        _url("kinerja:setujui", _pk),
        only({"atasan": 302}),
        method="post",
        setup=_diajukan,
    ),
    Row(
        "kinerja:tolak",
        _url("kinerja:tolak", _pk),
        only({"atasan": 302}),
        method="post",
        data=lambda org: {f"catatan-{org.aktivitas.pk}": "Uraian belum menjelaskan hasilnya."},
        setup=_diajukan,
    ),
    # Per item: someone else's atasan gets "not found" for the item, not an error page.
    Row(
        "kinerja:setujui_banyak",
        _url("kinerja:setujui_banyak"),
        only(PEGAWAI_POST),
        method="post",
        data=lambda org: {"pilih": [org.aktivitas.pk]},
        setup=_diajukan,
    ),
    # Admin pages.
    Row("kinerja:buka_kunci", _url("kinerja:buka_kunci"), only(ADMINS)),
    Row("kinerja:hari_kerja", _url("kinerja:hari_kerja"), only(ADMINS)),
    Row(
        "kinerja:hari_kerja_ubah",
        _url("kinerja:hari_kerja_ubah", lambda org: org.staf.jabatan.unit_kerja_id),
        only({"admin_opd": 302, "admin_bkpsdm": 302}),
        method="post",
        data=lambda org: {"hari_kerja_per_minggu": "6"},
    ),
    Row("kinerja:libur", _url("kinerja:libur"), only({"admin_bkpsdm": 200})),
    Row(
        "kinerja:libur_hapus",
        _url("kinerja:libur_hapus", lambda org: org.libur.pk),
        only({"admin_bkpsdm": 302}),
        method="post",
        setup=_libur,
    ),
    Row("kinerja:pengaturan", _url("kinerja:pengaturan"), only({"admin_bkpsdm": 200})),
]
