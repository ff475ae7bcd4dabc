"""A hand-built month for the recap tests: March 2026 as seen on 20 April 2026 (after the verification lock), on
the organisation of pegawai/tests/personas.py, with every number of docs/ATURAN.md "Rekap" worked out by hand in
:data:`HARAPAN`.

The calendar: March 2026 has 22 weekdays; Nyepi (Thursday 19 March) is a holiday, so a 5-day unit has 21 working
days and Seksi Dua, on a 6-day week, 25 (four Saturdays more). The monthly target is 6,300 minutes: 300 a working
day on the 5-day week, 252 on the 6-day week. Verification deadline (5th working day of April): 7 April on the
5-day week, 6 April on the 6-day week.

- staf: 5 activities (2, 3 March approved; 4 rejected; 5 submitted, left unverified; 6 draft), a cuti day on
  10 March; the 2 March one entered late; verified on 20 March, 10 April (late) and 5 March; a final evaluation
  (predikat 2); problems: one substansi and one perilaku in March, one deleted, one in April.
- staf_dua (Seksi Dua, 6-day week, atasan = the Plt kasi_tiga): approved on Saturday 7 March, verified by the Plt
  on 9 April (after the 6 April deadline); one submitted on 12 March, left unverified (counted for the Plt).
- staf_lain: moved on 16 March from Seksi Satu (Dinas A) to Dinas B; approved activities on 11 and 17 March; its
  row belongs to Dinas B and counts the whole month.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from disiplin.choices import Keterangan, SumberKehadiran
from disiplin.models import Kehadiran
from disiplin.services.fakta import hitung_fakta
from kinerja import waktu
from kinerja.choices import KategoriAktivitas, StatusAktivitas
from kinerja.models import HariKerjaUnit, HariLibur, PengaturanKinerja
from kinerja.tests.factories import AktivitasFactory, skp_persona
from pegawai.models import PerangkatDaerah, RiwayatJabatan
from penilaian.choices import JenisPeriode, JenisPermasalahan, StatusEvaluasi
from penilaian.models import Evaluasi, PermasalahanKinerja
from penilaian.tests.factories import PeriodeFactory

D = datetime.date
HARI_INI = D(2026, 4, 20)


def _waktu(tanggal: datetime.date, jam: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(tanggal, datetime.time(jam)))


def bangun(org, monkeypatch):
    """Arrange the month; returns the SKP of the personas. Pins kinerja's today to :data:`HARI_INI`."""
    monkeypatch.setattr(waktu, "hari_ini", lambda: HARI_INI)
    HariLibur.objects.all().delete()
    HariLibur.objects.create(tanggal=D(2026, 3, 19), nama="Hari Suci Nyepi")
    pengaturan = PengaturanKinerja.get_solo()
    pengaturan.menit_efektif_minimum = 6300
    pengaturan.batas_verifikasi_hari_kerja = 5
    pengaturan.batas_hari_entri = 3
    pengaturan.hari_kerja_per_minggu = 5
    pengaturan.save()
    HariKerjaUnit.objects.create(unit_kerja=org.staf_dua.jabatan.unit_kerja, hari_kerja_per_minggu=6)
    org.plt.tanggal_mulai, org.plt.tanggal_selesai = D(2026, 1, 1), D(2026, 12, 31)
    org.plt.save()

    # staf_lain moves to Dinas B on 16 March.
    j_b = org.staf_b.jabatan
    RiwayatJabatan.objects.filter(pegawai=org.staf_lain).update(tanggal_selesai=D(2026, 3, 15))
    RiwayatJabatan.objects.create(pegawai=org.staf_lain, jabatan=j_b, tmt=D(2026, 3, 16))
    org.staf_lain.jabatan = j_b
    org.staf_lain.save(update_fields=["jabatan"])

    skp = skp_persona(org)
    rhk1, rhk2 = skp.rhk(skp.staf, 1), skp.rhk(skp.staf, 2)

    def akt(pegawai, rhk, tanggal, status, **kw):
        return AktivitasFactory(pegawai=pegawai, rhk=rhk, tanggal=tanggal, status=status, **kw)

    ok, tolak, aju = StatusAktivitas.DISETUJUI, StatusAktivitas.DITOLAK, StatusAktivitas.DIAJUKAN
    kasi = org.kasi
    akt(
        org.staf,
        rhk1,
        D(2026, 3, 2),
        ok,
        terlambat=True,
        diverifikasi_oleh=kasi,
        diverifikasi_pada=_waktu(D(2026, 3, 20)),
    )
    akt(
        org.staf,
        rhk1,
        D(2026, 3, 3),
        ok,
        volume=Decimal(2),
        jam_selesai=datetime.time(10),
        diverifikasi_oleh=kasi,
        diverifikasi_pada=_waktu(D(2026, 4, 10)),
    )
    akt(org.staf, rhk2, D(2026, 3, 4), tolak, diverifikasi_oleh=kasi, diverifikasi_pada=_waktu(D(2026, 3, 5)))
    akt(org.staf, rhk2, D(2026, 3, 5), aju)
    akt(org.staf, rhk2, D(2026, 3, 6), StatusAktivitas.DRAFT)
    # A tugas tambahan: counted for the pegawai, on no RHK.
    Kehadiran.objects.create(
        pegawai=org.staf, tanggal=D(2026, 3, 10), keterangan=Keterangan.CUTI, sumber=SumberKehadiran.ADMIN
    )
    dua = skp.rhk(skp.staf_dua, 1)
    akt(org.staf_dua, dua, D(2026, 3, 7), ok, diverifikasi_oleh=org.kasi_tiga, diverifikasi_pada=_waktu(D(2026, 4, 9)))
    akt(org.staf_dua, dua, D(2026, 3, 12), aju)
    lain = skp.rhk(skp.staf_lain, 1)
    akt(org.staf_lain, lain, D(2026, 3, 11), ok, diverifikasi_oleh=kasi, diverifikasi_pada=_waktu(D(2026, 3, 12)))
    akt(
        org.staf_lain,
        None,
        D(2026, 3, 17),
        ok,
        kategori=KategoriAktivitas.TUGAS_TAMBAHAN,
        alasan_kategori="Rapat koordinasi",
        diverifikasi_oleh=org.kepala_b,
        diverifikasi_pada=_waktu(D(2026, 3, 18)),
    )

    periode_pn = PeriodeFactory(jenis=JenisPeriode.BULANAN, nomor=3)
    Evaluasi.objects.create(
        pegawai=org.staf,
        skp=skp.staf,
        periode=periode_pn,
        tanggal=D(2026, 3, 31),
        status=StatusEvaluasi.FINAL,
        penilai=kasi,
        rating_hasil=2,
        rating_perilaku=2,
        predikat=2,
    )
    Evaluasi.objects.create(
        pegawai=org.staf_dua, skp=skp.staf_dua, periode=periode_pn, tanggal=D(2026, 3, 31), penilai=org.kasi_tiga
    )
    for jenis, dicatat, dihapus in (
        (JenisPermasalahan.SUBSTANSI, D(2026, 3, 15), None),
        (JenisPermasalahan.PERILAKU, D(2026, 3, 20), None),
        (JenisPermasalahan.PERILAKU, D(2026, 3, 21), _waktu(D(2026, 3, 22))),
        (JenisPermasalahan.SUBSTANSI, D(2026, 4, 2), None),
    ):
        PermasalahanKinerja.objects.create(
            pegawai=org.staf,
            periode=periode_pn,
            jenis=jenis,
            catatan="Catatan",
            dicatat_oleh=kasi,
            dicatat_pada=_waktu(dicatat),
            dihapus_pada=dihapus,
        )
    for opd_id in PerangkatDaerah.objects.values_list("pk", flat=True):
        hitung_fakta(tahun=2026, bulan=3, opd_id=opd_id, hari_ini=HARI_INI)
    return skp


NOL = {
    "hari_kerja": 21,
    "hari_lapor": 0,
    "hari_tanpa_laporan": 21,
    "aktivitas_n": 0,
    "aktivitas_disetujui_n": 0,
    "aktivitas_ditolak_n": 0,
    "aktivitas_menunggu_n": 0,
    "menit_disetujui": 0,
    "menit_target": 6300,
    "diverifikasi_n": 0,
    "diverifikasi_tepat_n": 0,
    "entri_terlambat_n": 0,
    "verifikasi_terlambat_n": 0,
    "tidak_diverifikasi_n": 0,
    "masalah_substansi_n": 0,
    "masalah_perilaku_n": 0,
    "skp_status": "belum_dibuat",
    "evaluasi_status": "",
    "predikat": None,
}

#: Persona → (OPD attribute of org, expected columns), worked out by hand (module docstring).
HARAPAN = {
    # 21 working days minus the cuti day; reports on 2–6 March; 300 × 20 minutes; 60 + 120 approved minutes.
    "staf": (
        "opd_a",
        {
            "hari_kerja": 20,
            "hari_lapor": 5,
            "hari_tanpa_laporan": 15,
            "aktivitas_n": 5,
            "aktivitas_disetujui_n": 2,
            "aktivitas_ditolak_n": 1,
            "aktivitas_menunggu_n": 1,
            "menit_disetujui": 180,
            "menit_target": 6000,
            "diverifikasi_n": 3,
            "diverifikasi_tepat_n": 2,
            "entri_terlambat_n": 1,
            "masalah_substansi_n": 1,
            "masalah_perilaku_n": 1,
            "skp_status": "disetujui",
            "evaluasi_status": "final",
            "predikat": 2,
        },
    ),
    # 25 working days on the 6-day week, 252 minutes each; verified after the 6 April deadline.
    "staf_dua": (
        "opd_a",
        {
            "hari_kerja": 25,
            "hari_lapor": 2,
            "hari_tanpa_laporan": 23,
            "aktivitas_n": 2,
            "aktivitas_disetujui_n": 1,
            "aktivitas_menunggu_n": 1,
            "menit_disetujui": 60,
            "menit_target": 6300,
            "diverifikasi_n": 1,
            "diverifikasi_tepat_n": 0,
            "skp_status": "disetujui",
            "evaluasi_status": "draft",
        },
    ),
    # 10 working days in Dinas A (2–13 March) and 11 in Dinas B; the row is Dinas B's.
    "staf_lain": (
        "opd_b",
        {
            "hari_lapor": 2,
            "hari_tanpa_laporan": 19,
            "aktivitas_n": 2,
            "aktivitas_disetujui_n": 2,
            "menit_disetujui": 120,
            "diverifikasi_n": 2,
            "diverifikasi_tepat_n": 2,
            "skp_status": "disetujui",
        },
    ),
    # The atasan of staf: one late verification (3 March, verified 10 April), one left unverified (5 March).
    "kasi": ("opd_a", {"verifikasi_terlambat_n": 1, "tidak_diverifikasi_n": 1}),
    # The Plt of Seksi Dua: staf_dua's 7 March verified late, 12 March left unverified.
    "kasi_tiga": ("opd_a", {"verifikasi_terlambat_n": 1, "tidak_diverifikasi_n": 1}),
    "kepala": ("opd_a", {}),
    "kabid": ("opd_a", {}),
    "kepala_b": ("opd_b", {}),
    "staf_b": ("opd_b", {}),
}
