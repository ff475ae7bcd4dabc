from django.apps import AppConfig


class DisiplinConfig(AppConfig):
    name = "disiplin"
    verbose_name = "Disiplin"
