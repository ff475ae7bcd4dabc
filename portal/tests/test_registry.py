"""The registry the apps fill in their ready(): order by ``urutan``, one chapter per id, slots in order."""

import pytest

from portal import registry


@pytest.fixture
def kosong(monkeypatch):
    monkeypatch.setattr(registry, "_registry", registry._Registry())


def test_it_orders_chapters_panels_and_slot_entries(kosong):
    registry.panduan_bagian(registry.PanduanBagian("b", "B", "b.html", urutan=20))
    registry.panduan_bagian(registry.PanduanBagian("a", "A", "a.html", urutan=10))
    registry.panduan_isi(registry.PanduanIsi("menu", "dua.html", urutan=20))
    registry.panduan_isi(registry.PanduanIsi("menu", "satu.html", urutan=10))
    registry.beranda_panel(registry.BerandaPanel("p2.html", context=lambda r: None, urutan=2))
    registry.beranda_panel(registry.BerandaPanel("p1.html", context=lambda r: None, urutan=1))
    assert [b.id for b in registry.panduan_daftar_bagian()] == ["a", "b"]
    assert registry.panduan_daftar_isi() == {"menu": ["satu.html", "dua.html"]}
    assert [p.template for p in registry.beranda_panels()] == ["p1.html", "p2.html"]


def test_it_ignores_a_repeated_registration_and_refuses_two_chapters_with_one_id(kosong):
    bagian = registry.PanduanBagian("a", "A", "a.html", urutan=10)
    registry.panduan_bagian(bagian)
    registry.panduan_bagian(bagian)  # ready() run twice
    assert len(registry.panduan_daftar_bagian()) == 1
    with pytest.raises(ValueError):
        registry.panduan_bagian(registry.PanduanBagian("a", "Lain", "lain.html", urutan=30))
