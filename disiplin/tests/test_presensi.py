"""The attendance import (all rows checked, then set-based; the same file twice changes nothing), the hand-entered
leave days, the yearly recap with its recommendation, and the attendance pages."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from disiplin.choices import JenisHukuman, Keterangan, SumberKehadiran
from disiplin.errors import DisiplinError, DisiplinTidakBerwenang
from disiplin.models import ImporPresensi, Kehadiran
from disiplin.selectors.presensi import rekap_opd, rekap_pegawai
from disiplin.services.presensi import kehadiran_catat, kehadiran_hapus, presensi_impor
from disiplin.services.presensi_berkas import BATAS_MB
from kinerja.tests.factories import HariLiburFactory
from pegawai.tests.factories import PegawaiFactory
from portal.choices import JenisAkses
from portal.models import AksesLog
from portal.testing.ooxml import DTD_XXE, bom_rasio, docx

TAHUN = 2025
D = datetime.date
KEPALA = "nip;tanggal;jam_masuk;jam_pulang;keterangan"


def csv_(*baris: str) -> bytes:
    return ("\ufeff" + "\r\n".join([KEPALA, *baris]) + "\r\n").encode()


def impor(user, isi: bytes, nama="presensi.csv"):
    return presensi_impor(actor=user, berkas=isi, nama=nama)


def baris_bulan(org) -> bytes:
    return csv_(
        f"{org.staf.nip};2025-03-03;07:25;16:05;Hadir",
        f"{org.staf.nip};2025-03-04;07:40;16:00;hadir",
        f"{org.staf_lain.nip};03-03-2025;;;Sakit",
        f"{org.staf_lain.nip};2025-03-04;;;Tanpa Keterangan",
    )


def test_it_imports_a_good_csv_and_the_same_file_again_changes_nothing(org):
    pertama = impor(org.admin_bkpsdm, baris_bulan(org))
    assert (pertama.jumlah_baris, pertama.jumlah_berubah) == (4, 4)
    assert (pertama.tanggal_awal, pertama.tanggal_akhir) == (D(2025, 3, 3), D(2025, 3, 4))
    k = Kehadiran.objects.get(pegawai=org.staf, tanggal=D(2025, 3, 4))
    assert (k.jam_masuk, k.jam_pulang, k.keterangan) == (datetime.time(7, 40), datetime.time(16), Keterangan.HADIR)
    assert k.sumber == SumberKehadiran.IMPOR and k.impor == pertama
    assert AksesLog.objects.filter(jenis=JenisAkses.IMPOR, jumlah_baris=4, user=org.admin_bkpsdm).count() == 1

    lagi = impor(org.admin_bkpsdm, baris_bulan(org))
    assert (lagi.jumlah_baris, lagi.jumlah_berubah) == (4, 0)
    assert Kehadiran.objects.get(pk=k.pk).impor == pertama  # untouched

    koreksi = baris_bulan(org).replace(b"07:40", b"07:41")
    assert impor(org.admin_bkpsdm, koreksi).jumlah_berubah == 1
    assert Kehadiran.objects.count() == 4


def test_it_imports_an_xlsx_by_its_content(org):
    buku = Workbook()
    lembar = buku.active
    lembar.append(["NIP", "Tanggal", "Jam Masuk", "Jam Pulang", "Keterangan"])
    lembar.append([org.staf.nip, datetime.datetime(2025, 3, 5), datetime.time(7, 31), datetime.time(16, 2), "Hadir"])
    lembar.append([org.staf.nip, D(2025, 3, 6), None, None, "Dinas Luar"])
    lembar.append([None, None, None, None, None])
    keluar = io.BytesIO()
    buku.save(keluar)
    # The name says CSV: the content decides.
    hasil = impor(org.admin_opd, keluar.getvalue(), nama="salah-nama.csv")
    assert hasil.jumlah_baris == 2
    assert Kehadiran.objects.get(pegawai=org.staf, tanggal=D(2025, 3, 6)).keterangan == Keterangan.DINAS_LUAR


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (bom_rasio(), "bom zip"),
        (docx(dtd_dokumen=DTD_XXE), "DTD/entitas"),
        (docx(), "bukan XLSX yang sah"),
        (b"PK\x03\x04 bukan zip sungguhan", "bukan XLSX yang sah"),
    ],
    ids=["bom", "xxe", "docx", "rusak"],
)
def test_it_refuses_an_unsafe_or_fake_xlsx_before_openpyxl_opens_it(org, isi, pesan):
    with pytest.raises(DisiplinError, match=pesan):
        impor(org.admin_bkpsdm, isi, nama="presensi.xlsx")
    assert not ImporPresensi.objects.exists() and not Kehadiran.objects.exists()


def test_the_largest_attendance_file_fits_in_one_request(settings):
    """The request limit (portal.unggah) refuses before the form sees the file: it must leave room for the form's."""
    assert settings.UNGGAH_MAKS_MB > BATAS_MB


def test_it_accepts_the_five_words_in_any_case_and_refuses_abbreviations(org):
    hasil = impor(
        org.admin_bkpsdm,
        csv_(
            f"{org.staf.nip};2025-03-03;;;dinas_luar",
            f"{org.staf.nip};2025-03-04;;;TANPA  KETERANGAN",
            f"{org.staf.nip};2025-03-05;;;Dinas-Luar",
        ),
    )
    assert hasil.jumlah_baris == 3
    with pytest.raises(DisiplinError) as exc:
        impor(org.admin_bkpsdm, csv_(f"{org.staf.nip};2025-03-06;;;DL"))
    assert exc.value.daftar == [
        "Baris 2: keterangan 'dl' tidak dikenal (hadir, cuti, sakit, dinas luar, tanpa keterangan)."
    ]


def test_it_imports_nothing_from_a_file_with_bad_rows_and_lists_every_one(org):
    besok = datetime.date.today() + datetime.timedelta(days=1)
    isi = csv_(
        f"{org.staf.nip};2025-03-03;07:30;16:00;hadir",  # 2: good
        "199001012015011999;2025-03-03;07:30;16:00;hadir",  # 3: unknown NIP
        f"{org.staf_lain.nip};2025-03-03;16:00;07:30;hadir",  # 4: pulang before masuk
        f"{org.staf_lain.nip};2025-02-30;;;sakit",  # 5: no such day
        f"{org.staf_lain.nip};{besok.isoformat()};;;cuti",  # 6: not yet
        f"{org.staf.nip};2025-03-03;07:31;16:00;hadir",  # 7: the same day again
        f"{org.staf_dua.nip};2025-03-03;;;izin",  # 8: bad keterangan
        f"{org.staf_dua.nip};2025-03-04;07:30;16:00;ha\x00dir",  # 9: a control character
        f"{org.staf_dua.nip};2025-03-05;7 pagi;16:00;hadir",  # 10: not a time
    )
    with pytest.raises(DisiplinError) as exc:
        impor(org.admin_bkpsdm, isi)
    nomor = [p.split(":")[0] for p in exc.value.daftar]
    assert nomor == [f"Baris {n}" for n in range(3, 11)]
    assert "tidak terdaftar" in exc.value.daftar[0]
    assert "jam pulang 07:30 sebelum jam masuk 16:00" in exc.value.daftar[1]
    assert "tidak ada di kalender" in exc.value.daftar[2]
    assert "belum terjadi" in exc.value.daftar[3]
    assert "sudah ada di baris 2" in exc.value.daftar[4]
    assert "karakter kendali" in exc.value.daftar[6]
    assert "8 baris bermasalah" in str(exc.value)
    assert not Kehadiran.objects.exists() and not ImporPresensi.objects.exists()
    assert not AksesLog.objects.filter(jenis=JenisAkses.IMPOR).exists()


def test_it_refuses_a_file_without_the_columns(org):
    with pytest.raises(DisiplinError, match="tidak ada: keterangan"):
        impor(org.admin_bkpsdm, b"nip;tanggal;jam_masuk;jam_pulang\r\n")


def test_it_limits_an_admin_opd_to_their_opd(org):
    with pytest.raises(DisiplinError) as exc:
        impor(org.admin_opd, csv_(f"{org.staf.nip};2025-03-03;;;hadir", f"{org.staf_b.nip};2025-03-03;;;hadir"))
    assert exc.value.daftar == [f"Baris 3: NIP {org.staf_b.nip} bukan pegawai perangkat daerah Anda."]
    with pytest.raises(DisiplinTidakBerwenang):
        impor(org.staf.user, csv_(f"{org.staf.nip};2025-03-03;;;hadir"))
    with pytest.raises(DisiplinTidakBerwenang):
        kehadiran_catat(actor=org.admin_opd, pegawai=org.staf_b, tanggal=D(2025, 3, 3), keterangan=Keterangan.CUTI)


def test_it_keeps_a_hand_entered_day_over_the_machine_until_deleted(org):
    impor(org.admin_bkpsdm, csv_(f"{org.staf.nip};2025-03-10;;;tanpa keterangan"))
    hari = kehadiran_catat(
        actor=org.admin_opd, pegawai=org.staf, tanggal=D(2025, 3, 10), sampai=D(2025, 3, 12), keterangan="cuti"
    )
    assert hari == 3
    assert impor(org.admin_bkpsdm, csv_(f"{org.staf.nip};2025-03-10;;;tanpa keterangan")).jumlah_berubah == 0
    cuti = Kehadiran.objects.get(pegawai=org.staf, tanggal=D(2025, 3, 10))
    assert (cuti.keterangan, cuti.sumber, cuti.dicatat_oleh) == (Keterangan.CUTI, SumberKehadiran.ADMIN, org.admin_opd)
    with pytest.raises(DisiplinError):
        kehadiran_catat(actor=org.admin_opd, pegawai=org.staf, tanggal=D(2025, 3, 10), keterangan="tanpa_keterangan")
    kehadiran_hapus(actor=org.admin_opd, kehadiran=cuti)
    assert impor(org.admin_bkpsdm, csv_(f"{org.staf.nip};2025-03-10;;;tanpa keterangan")).jumlah_berubah == 1


def test_hand_entered_days_are_audited_row_by_row_and_imported_rows_are_not(org):
    """Only the days an admin enters (they excuse reporting-discipline facts) carry an audit event per row, with who
    entered or deleted them; the machine's rows are audited per file (ImporPresensi), which keeps the import fast."""
    from disiplin.models import KehadiranEvent

    impor(org.admin_bkpsdm, csv_(f"{org.staf.nip};2025-03-10;07:25;16:05;hadir"))
    assert not KehadiranEvent.objects.exists()
    kehadiran_catat(actor=org.admin_opd, pegawai=org.staf, tanggal=D(2025, 3, 11), keterangan="sakit")
    cuti = Kehadiran.objects.get(pegawai=org.staf, tanggal=D(2025, 3, 11))
    kehadiran_hapus(actor=org.admin_opd, kehadiran=cuti)
    events = list(KehadiranEvent.objects.order_by("pgh_id").values_list("pgh_label", "keterangan", "tanggal"))
    assert events == [("insert", "sakit", D(2025, 3, 11)), ("delete", "sakit", D(2025, 3, 11))]


@pytest.fixture
def tahun_presensi(org):
    """Staf: absent Friday 7, Monday 10 and Tuesday 11 March (one run across the weekend), 12 March (excused by a
    cuti entered by hand), Thursday 20 March; also on a holiday and a Saturday (neither counts). Staf lain: one
    absent day and 449 minutes late. Staf dua: 450 minutes (one equivalent day)."""
    HariLiburFactory(tanggal=D(2025, 3, 31), nama="Idul Fitri")
    tk = "tanpa keterangan"
    impor(
        org.admin_bkpsdm,
        csv_(
            *(f"{org.staf.nip};2025-03-{d:02d};;;{tk}" for d in (7, 10, 11, 12, 20, 31)),
            f"{org.staf.nip};2025-03-08;;;{tk}",
            f"{org.staf.nip};2025-03-13;07:30;16:00;hadir",
            f"{org.staf_lain.nip};2025-03-03;;;{tk}",
            f"{org.staf_lain.nip};2025-03-04;14:59;16:00;hadir",
            f"{org.staf_dua.nip};2025-03-04;07:40;16:00;hadir",
            f"{org.staf_dua.nip};2025-03-05;07:30;08:20;hadir",
            # A Sunday's minutes do not count.
            f"{org.staf_dua.nip};2025-03-09;09:00;10:00;hadir",
        ),
    )
    kehadiran_catat(actor=org.admin_opd, pegawai=org.staf, tanggal=D(2025, 3, 12), keterangan="cuti")


def test_it_counts_the_year_as_the_regulation_reads_it(org, tahun_presensi):
    rekap = {r.pegawai: r for r in rekap_opd(org.opd_a.pk, TAHUN)}
    staf = rekap[org.staf]
    assert (staf.hari_tidak_masuk, staf.hari_berturut, staf.menit) == (4, 3, 0)
    assert staf.rekomendasi == JenisHukuman.TEGURAN_TERTULIS
    assert staf.ambang == (7, JenisHukuman.PERNYATAAN_TIDAK_PUAS) and staf.jarak == 3 and not staf.dekat

    lain = rekap[org.staf_lain]
    assert (lain.hari_tidak_masuk, lain.menit_terlambat, lain.hari_setara) == (1, 449, 1)
    assert lain.rekomendasi is None and lain.jarak == 2 and lain.dekat

    dua = rekap[org.staf_dua]
    assert (dua.menit_terlambat, dua.menit_pulang_cepat, dua.hari_setara) == (10, 460, 1)
    assert dua.hari_tidak_masuk == 0

    # Most equivalent days first, then the longer run.
    assert list(rekap) == [org.staf, org.staf_lain, org.staf_dua]
    assert rekap_pegawai(org.staf, TAHUN, sampai=D(2025, 3, 10)).hari_tidak_masuk == 2
    assert rekap_pegawai(org.kasi, TAHUN).hari_setara == 0
    assert rekap_opd(org.opd_b.pk, TAHUN) == []


def test_it_equates_450_minutes_to_one_day(org):
    impor(
        org.admin_bkpsdm,
        csv_(f"{org.staf.nip};2025-03-04;14:59;16:00;hadir", f"{org.staf_lain.nip};2025-03-04;15:00;16:00;hadir"),
    )
    rekap = {r.pegawai: r for r in rekap_opd(org.opd_a.pk, TAHUN)}
    assert (rekap[org.staf].menit, rekap[org.staf].hari_setara) == (449, 0)
    assert (rekap[org.staf_lain].menit, rekap[org.staf_lain].hari_setara) == (450, 1)


def test_it_recommends_pdhtaps_for_ten_consecutive_working_days(org):
    hari = [D(2025, 3, 3) + datetime.timedelta(days=i) for i in range(14)]
    impor(org.admin_bkpsdm, csv_(*(f"{org.staf.nip};{h.isoformat()};;;tanpa keterangan" for h in hari)))
    r = rekap_pegawai(org.staf, TAHUN)
    assert (r.hari_tidak_masuk, r.hari_berturut) == (10, 10)
    assert r.rekomendasi == JenisHukuman.PDHTAPS and r.ambang is None and not r.dekat


def _absen(org, n: int) -> None:
    unit = org.staf.jabatan.unit_kerja
    baru = [PegawaiFactory(jabatan__unit_kerja=unit) for _ in range(n)]
    Kehadiran.objects.bulk_create(
        Kehadiran(pegawai=p, tanggal=D(2025, 3, d), keterangan=Keterangan.TANPA_KETERANGAN, sumber="impor")
        for p in baru
        for d in (3, 4)
    )


def test_it_reads_the_recap_in_a_constant_number_of_queries(org):
    _absen(org, 5)
    rekap_opd(org.opd_a.pk, TAHUN)  # the instansi's settings row is created on the first read
    with CaptureQueriesContext(connection) as lima:
        assert len(rekap_opd(org.opd_a.pk, TAHUN)) == 5
    _absen(org, 45)
    with CaptureQueriesContext(connection) as lima_puluh:
        assert len(rekap_opd(org.opd_a.pk, TAHUN)) == 50
    assert len(lima) == len(lima_puluh) <= 7


# --- pages -----------------------------------------------------------------------------------------------------


def test_the_import_page_shows_every_bad_row_with_422(client, org):
    client.force_login(org.admin_opd)
    isi = csv_(f"{org.staf.nip};2025-03-03;;;hadir", f"{org.staf_b.nip};2025-03-03;;;hadir", "123;2025-03-03;;;x")
    berkas = io.BytesIO(isi)
    berkas.name = "presensi.csv"
    response = client.post(reverse("disiplin:presensi_impor"), {"berkas": berkas})
    assert response.status_code == 422
    teks = response.content.decode()
    assert "bukan pegawai perangkat daerah Anda" in teks and "Baris 4:" in teks
    assert not Kehadiran.objects.exists()


def test_the_import_page_imports_and_lists_the_import(client, org):
    client.force_login(org.admin_bkpsdm)
    berkas = io.BytesIO(baris_bulan(org))
    berkas.name = "maret.csv"
    response = client.post(reverse("disiplin:presensi_impor"), {"berkas": berkas})
    assert response.status_code == 302
    response = client.get(reverse("disiplin:presensi_impor"))
    assert response.status_code == 200 and "maret.csv" in response.content.decode()
    client.force_login(org.staf.user)
    assert client.get(reverse("disiplin:presensi_impor")).status_code == 404


def test_the_recap_page_shows_the_rows_the_note_and_the_export(client, org, tahun_presensi):
    client.force_login(org.admin_opd)
    url = reverse("disiplin:presensi_rekap")
    response = client.get(url, {"tahun": TAHUN})
    teks = response.content.decode()
    assert response.status_code == 200
    assert f'data-testid="rekap-{org.staf.nip}"' in teks and "Teguran tertulis" in teks
    assert "tidak pernah menjadi catatan hukuman" in teks
    dekat = client.get(url, {"tahun": TAHUN, "tampil": "dekat"}).content.decode()
    assert f"rekap-{org.staf_lain.nip}" in dekat and f"rekap-{org.staf.nip}" not in dekat
    # An OPD outside the admin's scope is not a choice.
    assert client.get(url, {"tahun": TAHUN, "opd": org.opd_b.pk}).status_code == 422

    response = client.get(reverse("disiplin:presensi_rekap_ekspor"), {"tahun": TAHUN, "tampil": "rekomendasi"})
    assert response.status_code == 200
    lembar = load_workbook(io.BytesIO(response.content)).active
    nip = [row[1] for row in lembar.iter_rows(min_row=3, values_only=True)]
    assert nip == [org.staf.nip]
    assert AksesLog.objects.filter(jenis=JenisAkses.EKSPOR, jumlah_baris=1).exists()


def test_the_recap_page_says_so_when_nobody_is_recorded(client, org):
    # No attendance at all that year: the page says there is nothing, rather than ending after the form.
    client.force_login(org.admin_opd)
    teks = client.get(reverse("disiplin:presensi_rekap"), {"tahun": TAHUN - 5}).content.decode()
    assert "Tidak ada pegawai yang tercatat" in teks and "ekspor-rekap" not in teks


def test_the_leave_page_records_and_deletes_within_scope(client, org):
    client.force_login(org.admin_opd)
    url = reverse("disiplin:kehadiran")
    data = {"pegawai": org.staf.pk, "keterangan": "sakit", "tanggal": "2025-03-03", "sampai": "2025-03-04"}
    assert client.post(url, data).status_code == 302
    assert Kehadiran.objects.filter(pegawai=org.staf, keterangan=Keterangan.SAKIT).count() == 2
    # A pegawai of another OPD is not a choice; the range the wrong way round is refused beside its field.
    assert client.post(url, {**data, "pegawai": org.staf_b.pk}).status_code == 422
    response = client.post(url, {**data, "sampai": "2025-03-01"})
    assert response.status_code == 422 and "sebelum tanggal awal" in response.content.decode()
    baris = Kehadiran.objects.filter(pegawai=org.staf).first()
    client.force_login(org.admin_opd_lain)
    assert client.post(reverse("disiplin:kehadiran_hapus", args=[baris.pk])).status_code == 404
    client.force_login(org.admin_opd)
    assert client.post(reverse("disiplin:kehadiran_hapus", args=[baris.pk])).status_code == 302
    assert Kehadiran.objects.filter(pegawai=org.staf).count() == 1
