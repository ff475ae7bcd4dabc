"""The admin shows SKP data read-only: changes go through the services."""

import pytest
from django.urls import reverse

from skp.models import PerilakuKerja

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
