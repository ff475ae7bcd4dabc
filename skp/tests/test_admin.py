"""The admin shows SKP data read-only: changes go through the services."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from pegawai.tests.admin_helpers import assert_same_refusal, change_data, service_refusal
from skp.models import PerilakuKerja
from skp.services.perilaku import perilaku_kerja_ubah

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(org):
    user = org.admin_bkpsdm
    user.is_superuser = True
    user.save()
    return user


def test_it_shows_an_skp_with_its_content_but_offers_no_change(client, superuser, org, skp_staf):
    client.force_login(superuser)
    assert client.get(reverse("admin:skp_skp_changelist")).status_code == 200
    page = client.get(reverse("admin:skp_skp_change", args=[skp_staf.pk]))
    assert page.status_code == 200
    rhk = skp_staf.rhk.get()
    assert rhk.teks in page.content.decode()
    assert b'name="_save"' not in page.content
    page = client.get(reverse("admin:skp_rencanahasilkerja_change", args=[rhk.pk]))
    assert page.status_code == 200
    assert rhk.iki.get().teks in page.content.decode()
    assert client.get(reverse("admin:skp_skp_add")).status_code == 403
    assert client.get(reverse("admin:skp_skpriwayat_changelist")).status_code == 200


def test_the_berakhlak_texts_can_be_corrected_but_not_added_or_removed(client, superuser):
    client.force_login(superuser)
    perilaku = PerilakuKerja.objects.first()
    page = client.get(reverse("admin:skp_perilakukerja_change", args=[perilaku.pk]))
    assert b'name="_save"' in page.content
    assert client.get(reverse("admin:skp_perilakukerja_add")).status_code == 403
    assert client.get(reverse("admin:skp_perilakukerja_delete", args=[perilaku.pk])).status_code == 403


def test_a_berakhlak_correction_goes_through_the_service_which_only_bkpsdm_passes(client, superuser, org):
    perilaku = PerilakuKerja.objects.get(urutan=1)
    url = reverse("admin:skp_perilakukerja_change", args=[perilaku.pk])
    client.force_login(superuser)
    assert client.post(url, change_data(client, url, nama="Berorientasi Pelayanan Prima")).status_code == 302
    perilaku.refresh_from_db()
    assert perilaku.nama == "Berorientasi Pelayanan Prima"

    admin_opd = org.admin_opd
    admin_opd.is_staff = True
    admin_opd.save()
    admin_opd.user_permissions.set(Permission.objects.filter(codename__endswith="_perilakukerja"))
    perilaku.nama = "Lain"
    refusal = service_refusal(perilaku_kerja_ubah, actor=admin_opd, perilaku=perilaku)
    client.force_login(admin_opd)
    assert_same_refusal(client.post(url, change_data(client, url, nama="Lain")), refusal)
    perilaku.refresh_from_db()
    assert perilaku.nama == "Berorientasi Pelayanan Prima"
