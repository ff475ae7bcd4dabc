from django.apps import AppConfig


class RekapConfig(AppConfig):
    name = "rekap"
    verbose_name = "Rekap"
