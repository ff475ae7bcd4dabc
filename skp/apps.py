from django.apps import AppConfig


class SkpConfig(AppConfig):
    name = "skp"
    verbose_name = "SKP"

    def ready(self):
        from . import portal_hooks  # what this app shows on the portal's landing page and guide

        portal_hooks.register()
