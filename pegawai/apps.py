from django.apps import AppConfig


class PegawaiConfig(AppConfig):
    name = "pegawai"
    verbose_name = "Kepegawaian"

    def ready(self):
        from . import portal_hooks

        portal_hooks.register()
