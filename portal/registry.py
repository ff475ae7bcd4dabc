"""What the platform's own pages show, registered by the apps above it.

portal knows no domain, yet its landing page (beranda) and its guide (panduan) are about the domain. Each app
registers its part in its ``AppConfig.ready()`` (Django's own apps do the same with signals and checks), so a new
app adds its block to the landing page and its chapter to the guide without touching portal or the other apps:

    from portal import registry

    registry.beranda_panel(registry.BerandaPanel("cuti/_beranda.html", context=beranda_cuti, urutan=30))
    registry.panduan_bagian(registry.PanduanBagian("cuti", _("Mengajukan cuti"), "cuti/panduan/cuti.html", 85))
    registry.panduan_isi(registry.PanduanIsi("menu", "cuti/panduan/menu.html", urutan=50))
    registry.panduan_konteks(angka_panduan_cuti)
    registry.profil_tautan(registry.ProfilTautan(tautan_profil_cuti, urutan=30))

Order numbers (``urutan``) leave gaps of ten so a later app can slot in between.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class BerandaPanel:
    """One block of the landing page.

    ``context(request)`` returns the template's context, or ``None`` when the block has nothing for this login
    (the page then leaves it out; a login for whom every block is empty sees a "not linked yet" notice). Two keys
    of that context mean something to the page itself: ``sapaan`` (the name the page greets, first one wins) and
    ``skrip`` (static scripts the block needs, loaded once at the end of the page).
    """

    template: str
    context: Callable[[HttpRequest], dict | None]
    urutan: int = 100


@dataclass(frozen=True)
class PanduanBagian:
    """One numbered chapter of the guide: ``id`` is its anchor (``/panduan/#id``), ``judul`` its title in the
    contents list. The chapter number follows from ``urutan``; a template refers to another chapter by its id
    (``{{ bagian.harian }}`` is the number of the chapter ``harian``)."""

    id: str
    judul: str
    template: str
    urutan: int = 100


@dataclass(frozen=True)
class PanduanIsi:
    """A piece of another app's chapter: a chapter template leaves a slot (``{% for t in isi.menu %}``) where each
    app adds its own entries (its menu items, its admin pages, its questions), in ``urutan`` order."""

    slot: str
    template: str
    urutan: int = 100


@dataclass(frozen=True)
class Tautan:
    """A link another app adds to a person's profile page (their SKP, their daily reports)."""

    label: str
    url: str
    ikon: str = "arrow-right"


@dataclass(frozen=True)
class ProfilTautan:
    """Links of one app on the profile of ``orang`` (the person the page shows): ``tautan(request, orang)``
    returns those the viewer may open — an empty list when none. The profile is the lower app's page, so it cannot
    know the higher apps' pages nor who may open them; each app answers for its own."""

    tautan: Callable[[HttpRequest, object], list[Tautan]]
    urutan: int = 100


@dataclass
class _Registry:
    beranda: list[BerandaPanel] = field(default_factory=list)
    bagian: list[PanduanBagian] = field(default_factory=list)
    isi: list[PanduanIsi] = field(default_factory=list)
    konteks: list[Callable[[], dict]] = field(default_factory=list)
    profil: list[ProfilTautan] = field(default_factory=list)


_registry = _Registry()


def _add(items: list, item) -> None:
    # ready() may run twice (tests that reload the app registry); registering the same thing twice changes nothing.
    if item not in items:
        items.append(item)


def beranda_panel(panel: BerandaPanel) -> None:
    _add(_registry.beranda, panel)


def panduan_bagian(bagian: PanduanBagian) -> None:
    if any(b.id == bagian.id and b != bagian for b in _registry.bagian):
        raise ValueError(f"bagian panduan {bagian.id!r} sudah didaftarkan")
    _add(_registry.bagian, bagian)


def panduan_isi(isi: PanduanIsi) -> None:
    _add(_registry.isi, isi)


def panduan_konteks(provider: Callable[[], dict]) -> None:
    """``provider()`` returns values the guide quotes (numbers from the running configuration), so its text never
    contradicts the settings. It must not write: the guide opens without login, on any database state."""
    _add(_registry.konteks, provider)


def profil_tautan(item: ProfilTautan) -> None:
    _add(_registry.profil, item)


def profil_daftar_tautan(request: HttpRequest, orang) -> list[Tautan]:
    """Every app's links on the profile of ``orang`` for this viewer, in ``urutan`` order."""
    hasil: list[Tautan] = []
    for item in sorted(_registry.profil, key=lambda t: t.urutan):
        hasil.extend(item.tautan(request, orang))
    return hasil


def beranda_panels() -> list[BerandaPanel]:
    return sorted(_registry.beranda, key=lambda p: p.urutan)


def panduan_daftar_bagian() -> list[PanduanBagian]:
    return sorted(_registry.bagian, key=lambda b: b.urutan)


def panduan_daftar_isi() -> dict[str, list[str]]:
    """Slot name → the templates filling it, in order."""
    slots: dict[str, list[str]] = {}
    for isi in sorted(_registry.isi, key=lambda i: i.urutan):
        slots.setdefault(isi.slot, []).append(isi.template)
    return slots


def panduan_daftar_konteks() -> list[Callable[[], dict]]:
    return list(_registry.konteks)
