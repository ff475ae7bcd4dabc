from django.conf import settings

from .selectors import PeranCache


def portal(request):
    return {
        "portal": PeranCache(request.user),
        "INSTANSI_NAMA": settings.INSTANSI_NAMA,
    }
