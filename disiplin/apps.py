from django.apps import AppConfig


class DisiplinConfig(AppConfig):
    name = "disiplin"
    verbose_name = "Disiplin"

    def ready(self):
        from . import portal_hooks  # what this app shows on the portal's profile pages and guide

        portal_hooks.register()
