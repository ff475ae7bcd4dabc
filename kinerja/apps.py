from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "kinerja"
    verbose_name = "Kinerja Harian"

    def ready(self):
        # kalender_bersama: the receivers that tell every process the calendar facts changed.
        from . import kalender_bersama, portal_hooks  # noqa: F401 — portal_hooks: the landing page and guide

        portal_hooks.register()
