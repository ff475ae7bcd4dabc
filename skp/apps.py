from django.apps import AppConfig


class SkpConfig(AppConfig):
    name = "skp"
    verbose_name = "SKP"

    def ready(self):
        from . import portal_hooks  # what this app shows on the portal's landing page and guide

        portal_hooks.register()

        from pegawai.services.mutasi import mutasi_dicatat

        from .services.mutasi import tutup_skp_karena_mutasi

        # One SKP per position held: a mutasi ends the SKP of the old position (inside the mutasi's transaction).
        mutasi_dicatat.connect(tutup_skp_karena_mutasi, dispatch_uid="skp_tutup_karena_mutasi")
