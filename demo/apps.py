from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo city (organisation, people, SKP, daily reports) and ``seed_demo``. The top layer: the only app
    that may import every other, and nothing imports it."""

    name = "demo"
    verbose_name = "Kota demo"
