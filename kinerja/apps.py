from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "kinerja"
    verbose_name = "Kinerja Harian"

    def ready(self):
        from . import portal_hooks  # what this app shows on the portal's landing page and guide

        portal_hooks.register()
