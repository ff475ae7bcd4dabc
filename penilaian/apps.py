from django.apps import AppConfig


class PenilaianConfig(AppConfig):
    name = "penilaian"
    verbose_name = "Penilaian"

    def ready(self):
        from . import portal_hooks  # what this app shows on the portal's landing page and guide

        portal_hooks.register()
