from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The platform layer: background jobs, notifications, the access log, export base, domain errors, view
    helpers, the panduan and the landing page. It knows no domain noun; higher apps register what it shows."""

    name = "portal"
    verbose_name = "Portal"
