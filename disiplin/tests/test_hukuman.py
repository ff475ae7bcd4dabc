"""The hukuman disiplin services (disiplin/services/hukuman.py): who may record, the values the jenis fixes, every
refused input, the SK file checked by content, corrections and cancellations kept in the audit trail."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pghistory.models import MiddlewareEvents

from disiplin.choices import JenisHukuman, StatusHukuman, TingkatHukuman
from disiplin.errors import DisiplinError, DisiplinTidakBerwenang
from disiplin.models import HukumanDisiplin
from disiplin.selectors.hukuman import hukuman_berlaku, jumlah_per_tingkat
from disiplin.services.hukuman import hukuman_batalkan, hukuman_catat, hukuman_ubah

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
SK = datetime.date(2025, 2, 20)
TMT = datetime.date(2025, 3, 1)


def _catat(actor, pegawai, **kwargs):
    isian = {"jenis": JenisHukuman.TEGURAN_TERTULIS, "nomor_sk": "800/12/BKPSDM", "tanggal_sk": SK, "tmt": TMT}
    isian.update(kwargs)
    return hukuman_catat(actor=actor, pegawai=pegawai, **isian)


def _ubah(actor, hukuman, **kwargs):
    isian = {
        "jenis": hukuman.jenis,
        "nomor_sk": hukuman.nomor_sk,
        "tanggal_sk": hukuman.tanggal_sk,
        "tmt": hukuman.tmt,
        "keterangan": hukuman.keterangan,
        "alasan": "Salah ketik pada SK.",
    }
    isian.update(kwargs)
    return hukuman_ubah(actor=actor, hukuman=hukuman, **isian)


@pytest.mark.parametrize(
    ("jenis", "tingkat", "lama", "selesai"),
    [
        (JenisHukuman.TEGURAN_LISAN, TingkatHukuman.RINGAN, None, None),
        (JenisHukuman.TEGURAN_TERTULIS, TingkatHukuman.RINGAN, None, None),
        (JenisHukuman.PERNYATAAN_TIDAK_PUAS, TingkatHukuman.RINGAN, None, None),
        (JenisHukuman.TUKIN_25_6, TingkatHukuman.SEDANG, 6, datetime.date(2025, 8, 31)),
        (JenisHukuman.TUKIN_25_9, TingkatHukuman.SEDANG, 9, datetime.date(2025, 11, 30)),
        (JenisHukuman.TUKIN_25_12, TingkatHukuman.SEDANG, 12, datetime.date(2026, 2, 28)),
        (JenisHukuman.PENURUNAN_JABATAN, TingkatHukuman.BERAT, 12, datetime.date(2026, 2, 28)),
        (JenisHukuman.PEMBEBASAN_JABATAN, TingkatHukuman.BERAT, 12, datetime.date(2026, 2, 28)),
        (JenisHukuman.PDHTAPS, TingkatHukuman.BERAT, None, None),
    ],
)
def test_it_derives_tingkat_duration_and_end_from_the_jenis(org, jenis, tingkat, lama, selesai):
    h = _catat(org.admin_bkpsdm, org.staf, jenis=jenis)
    h.refresh_from_db()
    assert (h.tingkat, h.lama_bulan, h.tanggal_selesai) == (tingkat, lama, selesai)
    assert h.status == StatusHukuman.BERLAKU and h.dicatat_oleh == org.admin_bkpsdm


def test_it_accepts_the_duration_the_jenis_fixes_and_refuses_another(org):
    h = _catat(org.admin_bkpsdm, org.staf, jenis=JenisHukuman.TUKIN_25_9, lama_bulan=9)
    assert h.lama_bulan == 9
    with pytest.raises(DisiplinError) as exc:
        _catat(org.admin_bkpsdm, org.staf, jenis=JenisHukuman.TUKIN_25_9, lama_bulan=6)
    assert exc.value.errors["lama_bulan"] == (
        "Lama hukuman Pemotongan tunjangan kinerja 25% selama 9 bulan adalah 9 bulan."
    )
    with pytest.raises(DisiplinError) as exc:
        _catat(org.admin_bkpsdm, org.staf, jenis=JenisHukuman.TEGURAN_LISAN, lama_bulan=3)
    assert "tidak memiliki lama hukuman" in exc.value.errors["lama_bulan"]
    assert HukumanDisiplin.objects.count() == 1


def test_it_reports_every_bad_field_at_once(org):
    besok = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(DisiplinError) as exc:
        _catat(
            org.admin_bkpsdm, org.staf, jenis="teguran_keras", nomor_sk="  ", tanggal_sk=besok, keterangan="x" * 2001
        )
    assert set(exc.value.errors) == {"jenis", "nomor_sk", "tanggal_sk", "keterangan"}
    assert exc.value.errors["tanggal_sk"] == "Tanggal SK tidak boleh setelah hari ini."
    with pytest.raises(DisiplinError) as exc:
        _catat(org.admin_bkpsdm, org.staf, tmt=SK - datetime.timedelta(days=1))
    assert exc.value.errors == {"tmt": "TMT hukuman tidak boleh sebelum tanggal SK."}
    with pytest.raises(DisiplinError) as exc:
        _catat(org.admin_bkpsdm, org.staf, tanggal_sk=None, tmt=None, nomor_sk="x" * 101)
    assert set(exc.value.errors) == {"tanggal_sk", "tmt", "nomor_sk"}
    # A TMT on the SK's own day, and an SK signed today, are fine; a multi-line note keeps its lines.
    h = _catat(org.admin_bkpsdm, org.staf, tanggal_sk=timezone.localdate(), tmt=timezone.localdate(), keterangan="a\nb")
    assert h.keterangan == "a\nb"
    assert HukumanDisiplin.objects.count() == 1


@pytest.mark.parametrize("persona", ["staf", "kasi", "kabid", "admin_opd", "admin_opd_lain", "pimpinan"])
def test_it_refuses_anyone_but_admin_bkpsdm_by_default(org, persona):
    actor = getattr(org, persona)
    with pytest.raises(DisiplinTidakBerwenang):
        _catat(getattr(actor, "user", actor), org.staf)
    assert not HukumanDisiplin.objects.exists()


def test_admin_opd_records_for_their_own_opd_only_when_the_setting_allows(org, settings):
    settings.DISIPLIN_ADMIN_OPD_HUKUMAN = True
    h = _catat(org.admin_opd, org.staf)
    assert h.pegawai == org.staf
    with pytest.raises(DisiplinTidakBerwenang):
        _catat(org.admin_opd, org.staf_b)
    with pytest.raises(DisiplinTidakBerwenang):
        _ubah(org.admin_opd_lain, h, nomor_sk="800/13/BKPSDM")
    with pytest.raises(DisiplinTidakBerwenang):
        hukuman_batalkan(actor=org.admin_opd_lain, hukuman=h, alasan="Bukan wewenang.")
    settings.DISIPLIN_ADMIN_OPD_HUKUMAN = False
    with pytest.raises(DisiplinTidakBerwenang):
        _ubah(org.admin_opd, h, nomor_sk="800/13/BKPSDM")
    assert HukumanDisiplin.objects.get().nomor_sk == "800/12/BKPSDM"


def test_it_stores_a_pdf_sk_under_a_random_name(org, bukti_media):
    h = _catat(org.admin_bkpsdm, org.staf, berkas=SimpleUploadedFile("SK Hukuman.pdf", PDF))
    h.refresh_from_db()
    assert (h.nama_berkas, h.tipe_berkas) == ("SK Hukuman.pdf", "application/pdf")
    assert h.berkas.name.startswith("hukuman/") and "SK" not in h.berkas.name
    assert h.berkas.open("rb").read() == PDF


def test_it_keeps_a_png_named_pdf_as_a_png(org, bukti_media):
    # The content decides; the kept name follows it so the downloaded copy opens in the right program.
    h = _catat(org.admin_bkpsdm, org.staf, berkas=SimpleUploadedFile("sk.pdf", PNG))
    assert (h.nama_berkas, h.tipe_berkas) == ("sk.png", "image/png")


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("sk.pdf", b"Ini bukan PDF, hanya teks biasa.", "Jenis berkas tidak diizinkan"),
        ("sk.exe", b"MZ\x90\x00" + b"\x00" * 60, "Berkas program"),
        ("sk.pdf", b"", "Berkas kosong"),
    ],
)
def test_it_refuses_an_sk_file_that_is_not_a_pdf_or_image_by_content(org, bukti_media, nama, isi, pesan):
    with pytest.raises(DisiplinError) as exc:
        _catat(org.admin_bkpsdm, org.staf, berkas=SimpleUploadedFile(nama, isi))
    assert pesan in exc.value.errors["berkas"]
    assert not HukumanDisiplin.objects.exists()
    assert not [p for p in bukti_media.rglob("*") if p.is_file()]


def test_it_refuses_an_office_document_as_sk(org, bukti_media):
    import io
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr("word/document.xml", '<w:document xmlns:w="urn:w"/>')
    with pytest.raises(DisiplinError) as exc:
        _catat(org.admin_bkpsdm, org.staf, berkas=SimpleUploadedFile("sk.docx", data.getvalue()))
    assert exc.value.errors["berkas"] == "Berkas SK harus berupa PDF atau gambar JPEG/PNG."


def test_it_corrects_a_record_with_a_reason_and_recomputes_the_end(
    org, bukti_media, django_capture_on_commit_callbacks
):
    h = _catat(org.admin_bkpsdm, org.staf, berkas=SimpleUploadedFile("sk.pdf", PDF))
    lama = h.berkas.name
    with django_capture_on_commit_callbacks(execute=True):
        _ubah(org.admin_bkpsdm, h, jenis=JenisHukuman.TUKIN_25_6, berkas=SimpleUploadedFile("sk2.png", PNG))
    h.refresh_from_db()
    assert (h.tingkat, h.lama_bulan, h.tanggal_selesai) == ("S", 6, datetime.date(2025, 8, 31))
    assert h.nama_berkas == "sk2.png" and h.berkas.name != lama
    assert not h.berkas.storage.exists(lama)
    event = MiddlewareEvents.objects.tracks(h).get(pgh_label="update")
    assert event.user_id == org.admin_bkpsdm.pk and event.pgh_context["alasan"] == "Salah ketik pada SK."
    assert event.pgh_diff["jenis"] == ["teguran_tertulis", "tukin_25_6"]


def test_a_correction_needs_a_reason_and_a_change(org):
    h = _catat(org.admin_bkpsdm, org.staf)
    with pytest.raises(DisiplinError) as exc:
        _ubah(org.admin_bkpsdm, h, nomor_sk="800/99", alasan=" ")
    assert exc.value.errors == {"alasan": "Alasan perubahan wajib diisi."}
    with pytest.raises(DisiplinError, match="Tidak ada yang berubah"):
        _ubah(org.admin_bkpsdm, h)
    with pytest.raises(DisiplinError) as exc:
        _ubah(org.admin_bkpsdm, h, tmt=SK - datetime.timedelta(days=3))
    assert "tmt" in exc.value.errors
    h.refresh_from_db()
    assert h.nomor_sk == "800/12/BKPSDM"
    assert not MiddlewareEvents.objects.tracks(h).filter(pgh_label="update").exists()


def test_a_cancellation_needs_a_reason_keeps_the_row_and_ends_changes(org):
    h = _catat(org.admin_bkpsdm, org.staf, jenis=JenisHukuman.TUKIN_25_12)
    with pytest.raises(DisiplinError) as exc:
        hukuman_batalkan(actor=org.admin_bkpsdm, hukuman=h, alasan="")
    assert exc.value.errors == {"alasan": "Alasan pembatalan wajib diisi."}
    hukuman_batalkan(actor=org.admin_bkpsdm, hukuman=h, alasan="SK dicabut dengan keputusan 800/20/BKPSDM.")
    assert h.status == StatusHukuman.DIBATALKAN and h.dibatalkan_pada is not None
    row = HukumanDisiplin.objects.get()
    assert row.status == StatusHukuman.DIBATALKAN and row.alasan_batal.startswith("SK dicabut")
    with pytest.raises(DisiplinError, match="sudah dibatalkan"):
        hukuman_batalkan(actor=org.admin_bkpsdm, hukuman=h, alasan="Lagi.")
    with pytest.raises(DisiplinError, match="sudah dibatalkan"):
        _ubah(org.admin_bkpsdm, h, nomor_sk="800/99")
    labels = list(MiddlewareEvents.objects.tracks(row).order_by("pgh_created_at").values_list("pgh_label", flat=True))
    assert labels == ["insert", "update"]
    event = MiddlewareEvents.objects.tracks(row).get(pgh_label="update")
    assert event.user_id == org.admin_bkpsdm.pk and event.pgh_context["alasan"].startswith("SK dicabut")


def test_the_record_insert_is_attributed_to_the_actor(org):
    h = _catat(org.admin_bkpsdm, org.staf)
    event = MiddlewareEvents.objects.tracks(h).get(pgh_label="insert")
    assert event.user_id == org.admin_bkpsdm.pk and event.pgh_context["aksi"] == "hukuman_catat"


def test_it_reads_the_records_in_force_on_a_date_and_counts_an_opd_per_tingkat(org):
    tukin = _catat(org.admin_bkpsdm, org.staf, jenis=JenisHukuman.TUKIN_25_6)  # 1 March – 31 August 2025
    teguran = _catat(org.admin_bkpsdm, org.staf, jenis=JenisHukuman.TEGURAN_LISAN)
    batal = _catat(org.admin_bkpsdm, org.staf_lain, jenis=JenisHukuman.PDHTAPS)
    hukuman_batalkan(actor=org.admin_bkpsdm, hukuman=batal, alasan="Salah orang.")
    _catat(org.admin_bkpsdm, org.staf_b, jenis=JenisHukuman.PENURUNAN_JABATAN)
    ids = [org.staf.pk, org.staf_lain.pk]
    assert hukuman_berlaku(ids, datetime.date(2025, 2, 28)) == {}
    assert {h.pk for h in hukuman_berlaku(ids, datetime.date(2025, 8, 31))[org.staf.pk]} == {tukin.pk, teguran.pk}
    assert [h.pk for h in hukuman_berlaku(ids, datetime.date(2025, 9, 1))[org.staf.pk]] == [teguran.pk]
    assert jumlah_per_tingkat(org.opd_a.pk, datetime.date(2025, 6, 1)) == {"R": 1, "S": 1, "B": 0}
    assert jumlah_per_tingkat(org.opd_a.pk, datetime.date(2025, 9, 1)) == {"R": 1, "S": 0, "B": 0}
    assert jumlah_per_tingkat(org.opd_b.pk) == {"R": 0, "S": 0, "B": 1}
