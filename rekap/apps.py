from django.apps import AppConfig


class RekapConfig(AppConfig):
    name = "rekap"
    verbose_name = "Rekap"

    def ready(self):
        from . import portal_hooks  # the dashboards of the landing page and the guide's section on them

        portal_hooks.register()
