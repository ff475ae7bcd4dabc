from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The platform layer: background jobs, notifications, the access log, export base, domain errors, view
    helpers, the panduan and the landing page. It knows no domain noun; higher apps register what it shows."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        # ingat and sesi: signal receivers (forget a request's memo on a write; stamp a login's session).
        from django.db.models.signals import post_migrate

        from . import audit, ingat, registry, sesi  # noqa: F401

        # The audit page's triggers and function read every event table: installed once all of them exist.
        post_migrate.connect(audit.pasang_pembaca, sender=self, dispatch_uid="portal.audit.pasang_pembaca")

        # The portal's own chapter of the guide: its menus, with a slot where each app lists its pages.
        registry.panduan_bagian(
            registry.PanduanBagian("menu", _("Menu dan halaman"), "portal/panduan/menu.html", urutan=60)
        )
