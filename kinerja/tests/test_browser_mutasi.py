"""A mid-year mutasi in a real browser: the admin OPD records it on the pegawai's page; afterwards the old atasan
still opens the activities of the days they supervised and not the new ones, the new atasan (the Plt of the new
section) the other way round, and the pegawai drafts the SKP of the new position from its TMT.

Runs like the other browser tests (live server, ``transactional_db``, system Chromium) on today's real date, with
every date relative to it. Screenshots land in test-output/screenshots/mutasi-*.png.
"""

import datetime

import pytest
from django.utils import timezone

from portal.testing.browser import DESKTOP, PHONE, browser_login, browser_page, screenshot

from .test_browser import peramban  # noqa: F401 - the shared Chromium fixture

pytestmark = pytest.mark.browser


def _tanggal(d: datetime.date) -> str:
    return d.isoformat()


def test_after_a_mutasi_each_atasan_sees_their_own_days_and_the_pegawai_drafts_the_new_skp(
    peramban,  # noqa: F811
    live_server,
    transactional_db,
    django_db_serialized_rollback,
):
    from kinerja.choices import KategoriAktivitas, StatusAktivitas
    from kinerja.tests.factories import AktivitasFactory
    from pegawai.models import RiwayatJabatan
    from pegawai.tests.personas import build_org
    from skp.choices import SkpStatus
    from skp.models import Skp
    from skp.tests.factories import skp_disetujui

    hari_ini = timezone.localdate()
    tmt = hari_ini - datetime.timedelta(days=5)
    tahun = tmt.year
    org = build_org()
    # kasi_tiga acts as Kepala Seksi Dua all year and holds that position's approved SKP; staf's own SKP runs
    # under kasi from 1 January.
    org.plt.tanggal_mulai, org.plt.tanggal_selesai = datetime.date(tahun, 1, 1), datetime.date(tahun, 12, 31)
    org.plt.save()
    skp_kabid = skp_disetujui(org.kabid, tahun=tahun, rhk=["Hasil bidang"], penilai=org.kepala)
    skp_disetujui(org.kasi_tiga, tahun=tahun, rhk=["Hasil Seksi Dua"], penilai=org.kabid, jabatan=org.plt.jabatan)
    skp_lama = skp_disetujui(org.staf, tahun=tahun, rhk=["Data tersusun"], penilai=org.kasi)
    assert skp_kabid.status == SkpStatus.DISETUJUI
    sebelum = AktivitasFactory(
        pegawai=org.staf,
        tanggal=tmt - datetime.timedelta(days=3),
        uraian="Menyusun rekap data sebelum pindah",
        rhk=skp_lama.rhk.get(),
        status=StatusAktivitas.DIAJUKAN,
    )

    # --- The admin OPD records the mutasi ----------------------------------------------------------------
    admin, errors_admin = browser_page(peramban, DESKTOP)
    browser_login(admin, live_server.url, org.admin_opd.username)
    admin.goto(f"{live_server.url}/pegawai/{org.staf.nip}/mutasi/")
    admin.select_option("#id_jabatan", value=str(org.staf_dua.jabatan_id))
    admin.fill("#id_tmt", _tanggal(tmt))
    admin.locator("#id_tmt").dispatch_event("change")
    admin.fill("#id_nomor_sk", "821.2/45/BKPSDM")
    # The preview names who will rate the pegawai in the new position on the TMT: the Plt.
    admin.locator("#pemegang").filter(has_text="Kasi Tiga").wait_for()
    screenshot(admin, "mutasi-01-form")
    admin.get_by_role("button", name="Catat mutasi").click()
    admin.wait_for_url(f"**/pegawai/{org.staf.nip}/")
    teks_profil = admin.locator("main").inner_text()
    assert "Mutasi Staf A ke Analis Dua" in teks_profil
    assert "Pengelola Data" in teks_profil and "821.2/45/BKPSDM" in teks_profil
    screenshot(admin, "mutasi-02-profil-riwayat")
    assert errors_admin.items == []

    lama, baru = RiwayatJabatan.objects.filter(pegawai=org.staf).order_by("tmt")
    assert (lama.tanggal_selesai, baru.tmt) == (tmt - datetime.timedelta(days=1), tmt)
    skp_lama.refresh_from_db()
    assert skp_lama.tanggal_selesai == tmt - datetime.timedelta(days=1)
    sesudah = AktivitasFactory(
        pegawai=org.staf,
        tanggal=hari_ini,
        uraian="Menganalisis data di seksi baru",
        # The new position's SKP is not approved yet: the day's work is declared outside the SKP.
        kategori=KategoriAktivitas.TUGAS_TAMBAHAN,
        alasan_kategori="Serah terima pekerjaan di seksi baru",
        status=StatusAktivitas.DIAJUKAN,
    )

    # --- Each atasan opens only the days they supervised -----------------------------------------------
    for nama, atasan, boleh, tidak, jabatan in (
        ("lama", org.kasi, sebelum, sesudah, "Pengelola Data · Seksi Satu"),
        ("baru", org.kasi_tiga, sesudah, sebelum, "Analis Dua · Seksi Dua"),
    ):
        page, errors = browser_page(peramban, PHONE)
        browser_login(page, live_server.url, atasan.nip_tercetak)
        response = page.goto(f"{live_server.url}/kinerja/aktivitas/{boleh.pk}/")
        assert response.status == 200
        assert boleh.uraian in page.locator("main").inner_text()
        # The pegawai is shown in the position held on the activity's date.
        assert jabatan in page.locator("main").inner_text()
        screenshot(page, f"mutasi-03-atasan-{nama}-melihat")
        response = page.goto(f"{live_server.url}/kinerja/aktivitas/{tidak.pk}/")
        assert response.status == 404
        # The 404 page is the portal's own, not a blank one.
        assert "tidak ditemukan" in page.locator("body").inner_text().lower()
        page.context.close()

    # --- The pegawai drafts the SKP of the new position, from the TMT --------------------------------------
    pegawai, errors_pegawai = browser_page(peramban, PHONE)
    browser_login(pegawai, live_server.url, org.staf.nip_tercetak)
    pegawai.goto(f"{live_server.url}/skp/?tahun={tahun}")
    screenshot(pegawai, "mutasi-04-skp-index")
    teks_skp = pegawai.locator("main").inner_text()
    # The new penilai is named as the position they act in, and nothing asks to wait for the old atasan.
    assert "Kasi Tiga — Plt. Kepala Seksi Dua" in teks_skp
    assert "Kasi A" not in teks_skp
    pegawai.get_by_test_id("buat-skp").click()
    pegawai.wait_for_url("**/skp/*/ubah/")
    screenshot(pegawai, "mutasi-05-skp-baru")
    assert errors_pegawai.items == []
    baru_skp = Skp.objects.filter(pegawai=org.staf).exclude(pk=skp_lama.pk).get()
    assert (baru_skp.jabatan_id, baru_skp.tanggal_mulai, baru_skp.status) == (
        org.staf_dua.jabatan_id,
        tmt,
        SkpStatus.DRAFT,
    )
