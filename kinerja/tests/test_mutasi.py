"""After a mid-year mutasi the atasan on an activity's date verifies it and keeps reading it; the new atasan
gets only the days since the TMT (docs/ATURAN.md, "every who is asked on a date")."""

import datetime

import pytest
from django.urls import reverse

from kinerja.choices import StatusAktivitas
from kinerja.errors import AktivitasTidakBerwenang
from kinerja.selectors.aktivitas import aktivitas_visible_to
from kinerja.selectors.antrian import antrian_verifikasi
from kinerja.services.verifikasi import aktivitas_setujui
from pegawai.services.mutasi import pegawai_mutasi

from .factories import TAHUN, AktivitasFactory

D = datetime.date
TMT = D(TAHUN, 3, 9)  # a Monday


@pytest.fixture
def pindah(org, jam, skp):
    """staf filed on Thursday 5 March under kasi, moved to Analis Dua (Plt: kasi_tiga) on Monday 9 March and
    filed on 10 March."""
    org.plt.tanggal_mulai, org.plt.tanggal_selesai = D(TAHUN, 1, 1), D(TAHUN, 12, 31)
    org.plt.save()
    sebelum = AktivitasFactory(
        pegawai=org.staf, tanggal=D(TAHUN, 3, 5), rhk=skp.rhk(skp.staf), status=StatusAktivitas.DIAJUKAN
    )
    pegawai_mutasi(actor=org.admin_opd, pegawai=org.staf, jabatan=org.staf_dua.jabatan, tmt=TMT)
    sesudah = AktivitasFactory(
        pegawai=org.staf, tanggal=D(TAHUN, 3, 10), rhk=skp.rhk(skp.staf), status=StatusAktivitas.DIAJUKAN
    )
    return sebelum, sesudah


def test_each_atasan_sees_and_queues_only_the_days_they_supervised(org, pindah):
    sebelum, sesudah = pindah
    assert set(aktivitas_visible_to(org.kasi.user).filter(pegawai=org.staf)) == {sebelum}
    assert set(aktivitas_visible_to(org.kasi_tiga.user).filter(pegawai=org.staf)) == {sesudah}
    assert [a.pk for a in antrian_verifikasi(org.kasi) if a.pegawai_id == org.staf.pk] == [sebelum.pk]
    assert [a.pk for a in antrian_verifikasi(org.kasi_tiga) if a.pegawai_id == org.staf.pk] == [sesudah.pk]


def test_only_the_atasan_of_the_activity_date_may_verify_it(org, pindah):
    sebelum, sesudah = pindah
    with pytest.raises(AktivitasTidakBerwenang):
        aktivitas_setujui(actor=org.kasi_tiga, aktivitas=sebelum)
    with pytest.raises(AktivitasTidakBerwenang):
        aktivitas_setujui(actor=org.kasi, aktivitas=sesudah)
    assert aktivitas_setujui(actor=org.kasi, aktivitas=sebelum).status == StatusAktivitas.DISETUJUI
    assert aktivitas_setujui(actor=org.kasi_tiga, aktivitas=sesudah).status == StatusAktivitas.DISETUJUI


def test_the_other_atasan_gets_404_on_the_page(client, org, pindah):
    sebelum, sesudah = pindah
    client.force_login(org.kasi.user)
    assert client.get(reverse("kinerja:aktivitas_detail", args=[sebelum.pk])).status_code == 200
    assert client.get(reverse("kinerja:aktivitas_detail", args=[sesudah.pk])).status_code == 404
    client.force_login(org.kasi_tiga.user)
    assert client.get(reverse("kinerja:aktivitas_detail", args=[sebelum.pk])).status_code == 404
    assert client.get(reverse("kinerja:aktivitas_detail", args=[sesudah.pk])).status_code == 200
