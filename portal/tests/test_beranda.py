"""The landing page shows the blocks the apps registered; a login no block concerns gets the "not linked" notice."""

import pytest
from django.urls import reverse

from portal import registry

pytestmark = pytest.mark.django_db


def test_it_tells_a_login_that_no_block_concerns_to_ask_for_a_link(client, django_user_model):
    client.force_login(django_user_model.objects.create(username="operator"))
    response = client.get(reverse("dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Akun ini belum terhubung dengan data pegawai dan belum memiliki peran." in html
    assert "<h1" in html and "Beranda" in html and "chart.umd.min.js" not in html


def test_it_renders_the_registered_blocks_in_order_with_their_greeting_and_scripts(
    client, django_user_model, monkeypatch
):
    monkeypatch.setattr(registry, "_registry", registry._Registry())
    registry.beranda_panel(
        registry.BerandaPanel("portal/_pekerjaan_status.html", context=lambda request: None, urutan=1)
    )
    registry.beranda_panel(
        registry.BerandaPanel(
            "components/empty_state.html",
            context=lambda request: {"judul": "Blok uji", "sapaan": "Ujang", "skrip": ["js/app.js"]},
            urutan=2,
        )
    )
    client.force_login(django_user_model.objects.create(username="operator"))
    html = client.get(reverse("dashboard")).content.decode()
    assert "Selamat datang, Ujang" in html and "Blok uji" in html
    assert "belum terhubung" not in html
    assert html.count('src="/static/js/app.js"') == 2  # base.html's own, and the block's
