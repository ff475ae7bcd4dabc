from django.apps import AppConfig


class PegawaiConfig(AppConfig):
    name = "pegawai"
    verbose_name = "Kepegawaian"

    def ready(self):
        # akun: the login receiver marking a session opened with a temporary password.
        from . import akun, portal_hooks  # noqa: F401

        portal_hooks.register()
